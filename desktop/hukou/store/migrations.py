"""Named schema migrations: an ordered registry, each applied in one transaction and
recorded in `_migrations`. Other layers add theirs with `register()` at import."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from hukou.store.errors import DatabaseUnavailable
from hukou.store.util import iso_utc, transaction

MigrationFn = Callable[[sqlite_utils.Database], None]


@dataclass(frozen=True)
class Migration:
    name: str
    owner: str  # the module that registered it; imported again when a database names it
    fn: MigrationFn


_REGISTRY: list[Migration] = []


def register(name: str, fn: MigrationFn) -> None:
    """Add a migration; names are applied once, in registration order.

    Registering the same name twice from the same module (a re-import) is ignored; the
    same name from another module is a programming error.
    """
    owner = fn.__module__
    for existing in _REGISTRY:
        if existing.name == name:
            if existing.owner != owner:
                raise ValueError(f"migration {name!r} is registered by {existing.owner} already")
            return
    _REGISTRY.append(Migration(name, owner, fn))


def registered() -> list[Migration]:
    return list(_REGISTRY)


def _ensure_table(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " name TEXT PRIMARY KEY, owner TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )


def applied(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    _ensure_table(db)
    return [(r[0], r[1]) for r in db.execute("SELECT name, owner FROM _migrations ORDER BY rowid")]


def check_not_newer(db: sqlite_utils.Database) -> None:
    """Refuse a database written by a newer version of the program.

    A migration whose owner module is unknown here, or whose name that module does not
    register, can only come from a newer version. Owners not yet imported in this
    process are imported first, so their migrations register themselves.
    """
    done = applied(db)
    for _name, owner in done:
        if not any(m.owner == owner for m in _REGISTRY):
            try:
                importlib.import_module(owner)
            except ImportError:
                raise _newer_error(owner) from None
    known = {m.name for m in _REGISTRY}
    unknown = [name for name, _owner in done if name not in known]
    if unknown:
        raise _newer_error(", ".join(unknown))


def _newer_error(what: str) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"数据库由更新版本的程序创建（{what}），本程序无法打开；请安装最新版本 / the database was "
        f"written by a newer version of Hukou Counter ({what}); install the latest version "
        "to open it"
    )


def migrate(db: sqlite_utils.Database, *, upto: str | None = None) -> list[str]:
    """Apply every pending migration (or those up to and including `upto`); return their names."""
    check_not_newer(db)
    done = {name for name, _owner in applied(db)}
    ran: list[str] = []
    for migration in list(_REGISTRY):
        if migration.name not in done:
            try:
                with transaction(db):
                    # Re-check under the write lock: another process may have migrated meanwhile.
                    row = db.execute(
                        "SELECT 1 FROM _migrations WHERE name = ?", [migration.name]
                    ).fetchone()
                    if row is None:
                        migration.fn(db)
                        db.execute(
                            "INSERT INTO _migrations (name, owner, applied_at) VALUES (?, ?, ?)",
                            [migration.name, migration.owner, iso_utc()],
                        )
                        ran.append(migration.name)
            except sqlite3.Error as exc:
                raise DatabaseUnavailable(
                    f"数据库升级“{migration.name}”失败：{exc} / upgrading the database with "
                    f"{migration.name!r} failed ({exc}); nothing was changed — restore a backup "
                    "or report this error"
                ) from exc
        if upto is not None and migration.name == upto:
            break
    return ran
