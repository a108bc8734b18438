"""Users: hashed passwords, roles, lock-out after 5 wrong passwords, disable."""

from __future__ import annotations

import pytest
import sqlite_utils

from hukou.store import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    PermissionDenied,
    ValidationError,
    authenticate,
    create_user,
    disable_user,
    list_users,
    set_password,
    unlock_user,
)


@pytest.fixture
def users_db(fresh_db: sqlite_utils.Database) -> sqlite_utils.Database:
    create_user(fresh_db, "admin", "管理员", "admin", "Station-key-1")
    create_user(fresh_db, "clerk", "张丽", "clerk", "Window-key-1")
    return fresh_db


def test_passwords_are_stored_as_scrypt_hashes(users_db: sqlite_utils.Database) -> None:
    stored = [r[0] for r in users_db.execute("SELECT password_hash FROM users")]
    assert all(h.startswith("scrypt$") and "pass" not in h for h in stored)
    assert authenticate(users_db, "clerk", "Window-key-1").role == "clerk"


def test_five_wrong_passwords_lock_the_account_until_an_admin_unlocks_it(
        users_db: sqlite_utils.Database) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as caught:
            authenticate(users_db, "clerk", "wrong")
        assert not isinstance(caught.value, AccountLocked)
    with pytest.raises(AccountLocked):
        authenticate(users_db, "clerk", "wrong")
    with pytest.raises(AccountLocked):
        authenticate(users_db, "clerk", "Window-key-1")
    unlock_user(users_db, "clerk", by="admin")
    assert authenticate(users_db, "clerk", "Window-key-1").failed_logins == 0


def test_a_right_password_resets_the_failure_count(users_db: sqlite_utils.Database) -> None:
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            authenticate(users_db, "clerk", "wrong")
    authenticate(users_db, "clerk", "Window-key-1")
    assert next(u for u in list_users(users_db) if u.login == "clerk").failed_logins == 0


def test_an_unknown_login_gets_the_same_message_as_a_wrong_password(
        users_db: sqlite_utils.Database) -> None:
    with pytest.raises(AuthenticationFailed) as unknown:
        authenticate(users_db, "nobody", "x")
    with pytest.raises(AuthenticationFailed) as wrong:
        authenticate(users_db, "clerk", "x")
    assert str(unknown.value) == str(wrong.value)


def test_a_disabled_account_cannot_sign_in(users_db: sqlite_utils.Database) -> None:
    disable_user(users_db, "clerk", by="admin")
    with pytest.raises(AccountDisabled):
        authenticate(users_db, "clerk", "Window-key-1")
    disable_user(users_db, "clerk", by="admin", disabled=False)
    authenticate(users_db, "clerk", "Window-key-1")


def test_only_an_administrator_manages_users(users_db: sqlite_utils.Database) -> None:
    with pytest.raises(PermissionDenied):
        create_user(users_db, "x", "X", "clerk", "long-enough-1", by="clerk")
    with pytest.raises(PermissionDenied):
        unlock_user(users_db, "admin", by="clerk")
    with pytest.raises(PermissionDenied):
        disable_user(users_db, "admin", by="admin")  # the last administrator


def test_users_change_their_own_password_with_the_old_one(
        users_db: sqlite_utils.Database) -> None:
    with pytest.raises(AuthenticationFailed):
        set_password(users_db, "clerk", "new-pass-123", by="clerk", old_password="bad")
    set_password(users_db, "clerk", "new-pass-123", by="clerk", old_password="Window-key-1")
    authenticate(users_db, "clerk", "new-pass-123")


@pytest.mark.parametrize("login, role, password, field", [
    ("bad login", "clerk", "long-enough-1", "login"),
    ("ok", "chief", "long-enough-1", "role"),
    ("ok", "clerk", "short", "password"),
    ("clerk", "clerk", "long-enough-1", "login"),
])
def test_bad_user_input_names_the_field(users_db: sqlite_utils.Database, login: str, role: str,
                                        password: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        create_user(users_db, login, "名字", role, password)
    assert caught.value.field == field


@pytest.mark.parametrize(("password", "says"), [
    ("short1", "at least 8"),
    ("longpassword", "letters and digits"),
    ("12345678", "letters and digits"),
    ("ab12ab12ab12", None),
    ("aa11aa11", "4 different"),
    ("clerk3pass", "must not contain the login"),
])
def test_one_password_rule_for_every_account(fresh_db: sqlite_utils.Database, password: str,
                                             says: str | None) -> None:
    from hukou.store.users import password_problem

    problem = password_problem(password, "clerk3")
    assert (problem is None) if says is None else (says in str(problem))
    if says is not None:
        with pytest.raises(ValidationError, match=says):
            create_user(fresh_db, "clerk3", "赵敏", "clerk", password)
