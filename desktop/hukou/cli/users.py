"""`hukou users add|list|passwd|disable|unlock`: station accounts (run by the administrator
with access to the station PC; the login screen is the GUI's)."""

from __future__ import annotations

import argparse
import getpass
import os
from typing import Any

from hukou.cli import CliError
from hukou.cli.cases import station_database

PASSWORD_ENV = "HUKOU_PASSWORD"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("users", help="add, list, change and disable user accounts")
    sub = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a user")
    add.add_argument("login")
    add.add_argument("--name", required=True, help="the name shown in the application")
    add.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"])
    add.set_defaults(handler=_add)
    listing = sub.add_parser("list", help="all users with role and state")
    listing.set_defaults(handler=_list)
    passwd = sub.add_parser("passwd", help="set a user's password (also unlocks the account)")
    passwd.add_argument("login")
    passwd.set_defaults(handler=_passwd)
    disable = sub.add_parser("disable", help="disable an account (or --enable it again)")
    disable.add_argument("login")
    disable.add_argument("--enable", action="store_true")
    disable.set_defaults(handler=_disable)
    unlock = sub.add_parser("unlock", help="unlock an account locked by wrong passwords")
    unlock.add_argument("login")
    unlock.set_defaults(handler=_unlock)


def _password() -> str:
    """From $HUKOU_PASSWORD (scripts), else typed twice without echo."""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    try:
        first = getpass.getpass("密码 password: ")
        second = getpass.getpass("再次输入 again: ")
    except EOFError:
        raise CliError(f"请输入密码或设置{PASSWORD_ENV} / type the password or set "
                       f"{PASSWORD_ENV}") from None
    if first != second:
        raise CliError("两次输入的密码不一致 / the two passwords differ")
    return first


def _add(args: argparse.Namespace) -> int:
    from hukou.store import create_user

    with station_database(args) as db:
        user = create_user(db, args.login, args.name, args.role, _password())
    print(f"added {user.login} ({user.role})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from hukou.store import list_users

    with station_database(args) as db:
        for user in list_users(db):
            state = "disabled" if user.disabled else "locked" if user.locked else "active"
            print(f"{user.login:<16} {user.role:<10} {state:<8} {user.display_name}")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    from hukou.store import set_password

    with station_database(args) as db:
        set_password(db, args.login, _password())
    print(f"password set for {args.login}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from hukou.store import disable_user

    with station_database(args) as db:
        user = disable_user(db, args.login, disabled=not args.enable)
    print(f"{user.login} {'disabled' if user.disabled else 'enabled'}")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from hukou.store import unlock_user

    with station_database(args) as db:
        unlock_user(db, args.login)
    print(f"{args.login} unlocked")
    return 0
