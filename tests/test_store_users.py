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
    create_user(fresh_db, "admin", "管理员", "admin", "admin-pass-1")
    create_user(fresh_db, "clerk", "张丽", "clerk", "clerk-pass-1")
    return fresh_db


def test_passwords_are_stored_as_scrypt_hashes(users_db: sqlite_utils.Database) -> None:
    stored = [r[0] for r in users_db.execute("SELECT password_hash FROM users")]
    assert all(h.startswith("scrypt$") and "pass" not in h for h in stored)
    assert authenticate(users_db, "clerk", "clerk-pass-1").role == "clerk"


def test_five_wrong_passwords_lock_the_account_until_an_admin_unlocks_it(
        users_db: sqlite_utils.Database) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as caught:
            authenticate(users_db, "clerk", "wrong")
        assert not isinstance(caught.value, AccountLocked)
    with pytest.raises(AccountLocked):
        authenticate(users_db, "clerk", "wrong")
    with pytest.raises(AccountLocked):
        authenticate(users_db, "clerk", "clerk-pass-1")
    unlock_user(users_db, "clerk", by="admin")
    assert authenticate(users_db, "clerk", "clerk-pass-1").failed_logins == 0


def test_a_right_password_resets_the_failure_count(users_db: sqlite_utils.Database) -> None:
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            authenticate(users_db, "clerk", "wrong")
    authenticate(users_db, "clerk", "clerk-pass-1")
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
        authenticate(users_db, "clerk", "clerk-pass-1")
    disable_user(users_db, "clerk", by="admin", disabled=False)
    authenticate(users_db, "clerk", "clerk-pass-1")


def test_only_an_administrator_manages_users(users_db: sqlite_utils.Database) -> None:
    with pytest.raises(PermissionDenied):
        create_user(users_db, "x", "X", "clerk", "long-enough", by="clerk")
    with pytest.raises(PermissionDenied):
        unlock_user(users_db, "admin", by="clerk")
    with pytest.raises(PermissionDenied):
        disable_user(users_db, "admin", by="admin")  # the last administrator


def test_users_change_their_own_password_with_the_old_one(
        users_db: sqlite_utils.Database) -> None:
    with pytest.raises(AuthenticationFailed):
        set_password(users_db, "clerk", "new-pass-123", by="clerk", old_password="bad")
    set_password(users_db, "clerk", "new-pass-123", by="clerk", old_password="clerk-pass-1")
    authenticate(users_db, "clerk", "new-pass-123")


@pytest.mark.parametrize("login, role, password, field", [
    ("bad login", "clerk", "long-enough", "login"),
    ("ok", "chief", "long-enough", "role"),
    ("ok", "clerk", "short", "password"),
    ("clerk", "clerk", "long-enough", "login"),
])
def test_bad_user_input_names_the_field(users_db: sqlite_utils.Database, login: str, role: str,
                                        password: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        create_user(users_db, login, "名字", role, password)
    assert caught.value.field == field
