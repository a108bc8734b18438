"""Users of the station: roles, scrypt password hashes, lock-out after 5 wrong passwords."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from hukou.store.audit import append_audit
from hukou.store.errors import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from hukou.store.schema import ROLES
from hukou.store.util import iso_utc, transaction

MAX_FAILED_LOGINS = 5
MIN_PASSWORD_LENGTH = 8
# scrypt cost: about 50 ms on a counter PC — slow for a guesser, quick at the login screen.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_LOGIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class User:
    id: int
    login: str
    display_name: str
    role: str
    disabled: bool
    failed_logins: int
    created_at: str
    last_login_at: str | None

    @property
    def locked(self) -> bool:
        return self.failed_logins >= MAX_FAILED_LOGINS


UserRef = User | str

_COLUMNS = "id, login, display_name, role, disabled, failed_logins, created_at, last_login_at"


def _user(row: tuple[Any, ...]) -> User:
    return User(int(row[0]), str(row[1]), str(row[2]), str(row[3]), bool(row[4]),
                int(row[5]), str(row[6]), row[7] if row[7] is None else str(row[7]))


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R,
                         p=_SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(key).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(key)
    got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n),
                         r=int(r), p=int(p), dklen=len(expected))
    return hmac.compare_digest(got, expected)


def password_problem(password: str, login: str = "") -> str | None:
    """What makes `password` unfit for an account ("中文 / English"), or None.

    The one rule for every way a password is set (first-run setup, the users screen, the
    CLI): at least 8 characters, letters and digits both, 4 different characters at least,
    not containing the login.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return (f"密码至少{MIN_PASSWORD_LENGTH}位 / the password needs at least "
                f"{MIN_PASSWORD_LENGTH} characters")
    if not re.search(r"[A-Za-z]", password) or not re.search(r"[0-9]", password):
        return "密码须同时包含字母和数字 / the password needs both letters and digits"
    if len(set(password)) < 4:
        return ("密码过于简单：请使用至少4个不同的字符 / the password is too simple: use at "
                "least 4 different characters")
    if login and login.lower() in password.lower():
        return "密码不能包含用户名 / the password must not contain the login name"
    return None


def _check_password_rules(password: str, login: str = "") -> None:
    problem = password_problem(password, login)
    if problem:
        raise ValidationError("password", problem)


def get_user(db: sqlite_utils.Database, login: str) -> User:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM users WHERE login = ?", [login]).fetchone()
    if row is None:
        raise NotFound(f"没有用户“{login}” / there is no user {login!r}: see `hukou users list`")
    return _user(row)


def get_user_by_id(db: sqlite_utils.Database, user_id: int) -> User:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM users WHERE id = ?", [user_id]).fetchone()
    if row is None:
        raise NotFound(f"没有编号为{user_id}的用户 / there is no user with id {user_id}")
    return _user(row)


def resolve_actor(db: sqlite_utils.Database, user: UserRef) -> User:
    """The acting user, re-read from the database so a disabled account cannot act."""
    found = get_user(db, user if isinstance(user, str) else user.login)
    if found.disabled:
        raise PermissionDenied(
            f"用户“{found.login}”已停用 / the user {found.login!r} is disabled")
    return found


def _require_admin(db: sqlite_utils.Database, by: UserRef | None) -> str:
    """The actor's login for the audit; None is the local command line (operating-system access)."""
    if by is None:
        return SYSTEM_ACTOR
    actor = resolve_actor(db, by)
    if actor.role != "admin":
        raise PermissionDenied("只有管理员可以管理用户 / only an administrator can manage users")
    return actor.login


def create_user(db: sqlite_utils.Database, login: str, display_name: str, role: str,
                password: str, *, by: UserRef | None = None) -> User:
    if not _LOGIN_RE.match(login):
        raise ValidationError(
            "login", "登录名只能包含字母、数字、点、横线和下划线（最多32位） / the login may "
            "contain letters, digits, '.', '-' and '_' (at most 32)")
    if role not in ROLES:
        raise ValidationError(
            "role", f"角色应为{'、'.join(ROLES)}之一 / the role must be one of {', '.join(ROLES)}")
    if not display_name.strip():
        raise ValidationError("display_name", "请填写姓名 / the display name is empty")
    _check_password_rules(password, login)
    with transaction(db):
        actor = _require_admin(db, by)
        if db.conn.execute("SELECT 1 FROM users WHERE login = ?", [login]).fetchone():
            raise ValidationError(
                "login", f"登录名“{login}”已存在 / the login {login!r} exists already")
        db.conn.execute(
            "INSERT INTO users (login, display_name, role, password_hash, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [login, display_name.strip(), role, hash_password(password), iso_utc()],
        )
        append_audit(db, actor=actor, action="user.create", detail=f"login={login} role={role}")
    return get_user(db, login)


def list_users(db: sqlite_utils.Database) -> list[User]:
    return [_user(r) for r in db.conn.execute(f"SELECT {_COLUMNS} FROM users ORDER BY login")]


def authenticate(db: sqlite_utils.Database, login: str, password: str) -> User:
    """Return the user or raise: wrong login/password (counted), locked, disabled."""
    wrong = AuthenticationFailed(
        "登录名或密码错误 / wrong login or password: check the keyboard layout and Caps Lock")
    with transaction(db):
        row = db.conn.execute(
            f"SELECT {_COLUMNS}, password_hash FROM users WHERE login = ?", [login]).fetchone()
        if row is None:
            append_audit(db, actor=SYSTEM_ACTOR, action="login.unknown_user")
            raise_after = wrong
        else:
            user = _user(row)
            if user.disabled:
                raise_after = AccountDisabled(
                    f"账号“{user.login}”已停用，请联系管理员 / the account {user.login!r} is "
                    "disabled: ask the administrator")
            elif user.locked:
                raise_after = AccountLocked(
                    f"账号“{user.login}”因多次密码错误已锁定，请管理员解锁 / the account "
                    f"{user.login!r} is locked after {MAX_FAILED_LOGINS} wrong passwords: "
                    "ask the administrator to unlock it")
            elif check_password(password, str(row[8])):
                db.conn.execute(
                    "UPDATE users SET failed_logins = 0, last_login_at = ? WHERE id = ?",
                    [iso_utc(), user.id])
                append_audit(db, actor=user.login, action="login")
                return get_user(db, login)
            else:
                failures = user.failed_logins + 1
                db.conn.execute("UPDATE users SET failed_logins = ? WHERE id = ?",
                                [failures, user.id])
                append_audit(db, actor=user.login, action="login.failed",
                             detail=f"failures={failures}")
                raise_after = wrong
                if failures >= MAX_FAILED_LOGINS:
                    raise_after = AccountLocked(
                        f"密码连续错误{failures}次，账号已锁定，请管理员解锁 / wrong password "
                        f"{failures} times: the account is locked, ask the administrator to "
                        "unlock it")
    # Raised after the transaction commits, so the failure count is kept.
    raise raise_after


def unlock_user(db: sqlite_utils.Database, login: str, *, by: UserRef | None = None) -> User:
    with transaction(db):
        actor = _require_admin(db, by)
        get_user(db, login)
        db.conn.execute("UPDATE users SET failed_logins = 0 WHERE login = ?", [login])
        append_audit(db, actor=actor, action="user.unlock", detail=f"login={login}")
    return get_user(db, login)


def set_password(db: sqlite_utils.Database, login: str, new_password: str, *,
                 by: UserRef | None = None, old_password: str | None = None) -> User:
    """An administrator sets any password; a user changes their own with the old one."""
    _check_password_rules(new_password, login)
    with transaction(db):
        target = get_user(db, login)
        if by is not None and resolve_actor(db, by).login == target.login:
            stored = db.conn.execute("SELECT password_hash FROM users WHERE id = ?",
                                     [target.id]).fetchone()[0]
            if old_password is None or not check_password(old_password, stored):
                raise AuthenticationFailed(
                    "原密码错误 / the current password is wrong")
            actor = target.login
        else:
            actor = _require_admin(db, by)
        db.conn.execute(
            "UPDATE users SET password_hash = ?, failed_logins = 0 WHERE id = ?",
            [hash_password(new_password), target.id])
        append_audit(db, actor=actor, action="user.password", detail=f"login={login}")
    return get_user(db, login)


def disable_user(db: sqlite_utils.Database, login: str, *, by: UserRef | None = None,
                 disabled: bool = True) -> User:
    with transaction(db):
        actor = _require_admin(db, by)
        target = get_user(db, login)
        if disabled and target.role == "admin":
            others = db.conn.execute(
                "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?",
                [target.id]).fetchone()[0]
            if not others:
                raise PermissionDenied(
                    "不能停用最后一个管理员 / the last active administrator cannot be disabled")
        db.conn.execute("UPDATE users SET disabled = ? WHERE id = ?", [int(disabled), target.id])
        append_audit(db, actor=actor, action="user.disable" if disabled else "user.enable",
                     detail=f"login={login}")
    return get_user(db, login)
