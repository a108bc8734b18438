"""The station's register of collective households (集体户) and their members."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from hukou.store.audit import append_audit
from hukou.store.errors import NotFound, PermissionDenied, ValidationError
from hukou.store.schema import HOUSEHOLD_KINDS
from hukou.store.users import UserRef, resolve_actor
from hukou.store.util import iso_utc, transaction

KIND_NAMES = {"unit": "单位集体户", "school": "学校集体户", "talent_market": "人才市场集体户",
              "community_public": "社区公共户"}


@dataclass(frozen=True)
class CollectiveHousehold:
    id: int
    kind: str
    name: str
    number: str
    address: str
    managing_unit: str
    active: bool
    created_at: str


@dataclass(frozen=True)
class HouseholdMember:
    household_id: int
    case_uuid: str
    case_number: str
    person_id: str
    name: str
    page: int  # the member page of the household register, 1-based
    joined_at: str


_COLUMNS = "id, kind, name, number, address, managing_unit, active, created_at"


def _household(row: tuple[Any, ...]) -> CollectiveHousehold:
    return CollectiveHousehold(int(row[0]), str(row[1]), str(row[2]), str(row[3]),
                               str(row[4]), str(row[5]), bool(row[6]), str(row[7]))


def add_collective_household(db: sqlite_utils.Database, *, kind: str, name: str, number: str,
                             address: str, managing_unit: str = "",
                             user: UserRef | None) -> CollectiveHousehold:
    if kind not in HOUSEHOLD_KINDS:
        raise ValidationError("kind", f"集体户类型应为{'、'.join(KIND_NAMES.values())}之一 / the "
                              f"kind must be one of {', '.join(HOUSEHOLD_KINDS)}")
    for field, value in (("name", name), ("number", number), ("address", address)):
        if not value.strip():
            raise ValidationError(
                field, f"集体户的{field}不能为空 / the household's {field} is empty")
    with transaction(db):
        actor = "system"
        if user is not None:
            who = resolve_actor(db, user)
            if who.role not in ("admin", "supervisor"):
                raise PermissionDenied("只有管理员或审核民警可以登记集体户 / only an administrator "
                                       "or supervisor may register a collective household")
            actor = who.login
        if db.conn.execute("SELECT 1 FROM collective_households WHERE number = ?",
                           [number.strip()]).fetchone():
            raise ValidationError("number", f"集体户号{number}已存在 / household number {number} "
                                  "exists already")
        cur = db.conn.execute(
            "INSERT INTO collective_households (kind, name, number, address, managing_unit,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [kind, name.strip(), number.strip(), address.strip(), managing_unit.strip(),
             iso_utc()])
        household_id = int(cur.lastrowid or 0)
        append_audit(db, actor=actor, action="household.add",
                     detail=f"household={household_id} kind={kind}")
    return get_collective_household(db, household_id)


def get_collective_household(db: sqlite_utils.Database, household_id: int) -> CollectiveHousehold:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM collective_households WHERE id = ?",
                          [household_id]).fetchone()
    if row is None:
        raise NotFound(f"没有编号为{household_id}的集体户 / no collective household {household_id}")
    return _household(row)


def list_collective_households(db: sqlite_utils.Database, *, kind: str | None = None,
                               include_closed: bool = False) -> list[CollectiveHousehold]:
    sql = f"SELECT {_COLUMNS} FROM collective_households WHERE 1"
    params: list[object] = []
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    if not include_closed:
        sql += " AND active = 1"
    return [_household(r) for r in db.conn.execute(sql + " ORDER BY kind, name", params)]


def add_household_member(db: sqlite_utils.Database, household_id: int, *, case_uuid: str,
                         person_id: str, user: UserRef | None) -> HouseholdMember:
    """Enter a person of an approved case on the next free member page (`user` None:
    headquarters' approval, applied by the sync)."""
    with transaction(db):
        actor = "headquarters" if user is None else resolve_actor(db, user).login
        household = get_collective_household(db, household_id)
        if not household.active:
            raise ValidationError("household_id", "该集体户已停用 / the household is closed")
        row = db.conn.execute(
            "SELECT c.id, c.status FROM cases c JOIN persons p ON p.case_id = c.id"
            " WHERE c.uuid = ? AND p.person_uuid = ?", [case_uuid, person_id]).fetchone()
        if row is None:
            raise NotFound("案件中没有此人 / that person is not in that case")
        if row[1] not in ("approved", "registered"):
            raise ValidationError(
                "case", "案件批准后才能入集体户 / the case must be approved first")
        existing = db.conn.execute(
            "SELECT 1 FROM collective_members WHERE household_id = ? AND person_uuid = ?",
            [household_id, person_id]).fetchone()
        if existing is None:
            page = db.conn.execute(
                "SELECT coalesce(max(page), 0) + 1 FROM collective_members WHERE household_id = ?",
                [household_id]).fetchone()[0]
            db.conn.execute(
                "INSERT INTO collective_members (household_id, case_id, person_uuid, page,"
                " joined_at) VALUES (?, ?, ?, ?, ?)",
                [household_id, row[0], person_id, page, iso_utc()])
            append_audit(db, actor=actor, action="household.member", case_uuid=case_uuid,
                         detail=f"household={household_id} page={page}")
    return next(m for m in list_household_members(db, household_id) if m.person_id == person_id)


def remove_case_members(db: sqlite_utils.Database, case_uuid: str, *, actor: str) -> int:
    """Take a case's persons off every collective household (its approval was overturned);
    returns how many member pages were freed."""
    with transaction(db):
        rows = db.conn.execute(
            "SELECT m.id, m.household_id, m.page FROM collective_members m"
            " JOIN cases c ON c.id = m.case_id WHERE c.uuid = ? ORDER BY m.id",
            [case_uuid]).fetchall()
        for member_id, household_id, page in rows:
            db.conn.execute("DELETE FROM collective_members WHERE id = ?", [member_id])
            append_audit(db, actor=actor, action="household.member_removed",
                         case_uuid=case_uuid, detail=f"household={household_id} page={page}")
    return len(rows)


def list_household_members(db: sqlite_utils.Database, household_id: int) -> list[HouseholdMember]:
    return [HouseholdMember(*r) for r in db.conn.execute(
        "SELECT m.household_id, c.uuid, c.number, m.person_uuid, coalesce(p.name, ''), m.page,"
        " m.joined_at FROM collective_members m JOIN cases c ON c.id = m.case_id"
        " LEFT JOIN persons p ON p.person_uuid = m.person_uuid"
        " WHERE m.household_id = ? ORDER BY m.page", [household_id])]
