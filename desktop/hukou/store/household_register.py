"""Keeping the collective-household register up to date: correct a household's name,
number, address or managing unit, or close it (households.py adds them and their members)."""

from __future__ import annotations

import sqlite_utils

from hukou.store.audit import append_audit
from hukou.store.errors import PermissionDenied, ValidationError
from hukou.store.households import KIND_NAMES, CollectiveHousehold, get_collective_household
from hukou.store.schema import HOUSEHOLD_KINDS
from hukou.store.users import UserRef, resolve_actor
from hukou.store.util import transaction

FIELD_NAMES = {"name": ("户名", "name"), "number": ("户号", "number"),
               "address": ("住址", "address")}
MAX_LENGTH = 200


def update_collective_household(db: sqlite_utils.Database, household_id: int, *, kind: str,
                                name: str, number: str, address: str, managing_unit: str = "",
                                active: bool = True, user: UserRef) -> CollectiveHousehold:
    """Replace the household's details. Its kind cannot change once it has members (their
    pages were issued under it); a closed household takes no new placements."""
    if kind not in HOUSEHOLD_KINDS:
        raise ValidationError("kind", f"集体户类型应为{'、'.join(KIND_NAMES.values())}之一 / the "
                              f"kind must be one of {', '.join(HOUSEHOLD_KINDS)}")
    values = {"name": name.strip(), "number": number.strip(), "address": address.strip(),
              "managing_unit": managing_unit.strip()}
    for field, (chinese, english) in FIELD_NAMES.items():
        if not values[field]:
            raise ValidationError(field, f"请填写集体户的{chinese} / the household's {english} "
                                  "is empty")
    for field, value in values.items():
        if len(value) > MAX_LENGTH:
            raise ValidationError(field, f"不能超过{MAX_LENGTH}个字 / at most {MAX_LENGTH} "
                                  "characters")
    with transaction(db):
        who = resolve_actor(db, user)
        if who.role not in ("admin", "supervisor"):
            raise PermissionDenied("只有管理员或审核民警可以修改集体户 / only an administrator "
                                   "or supervisor may change a collective household")
        current = get_collective_household(db, household_id)
        if db.conn.execute("SELECT 1 FROM collective_households WHERE number = ? AND id != ?",
                           [values["number"], household_id]).fetchone():
            raise ValidationError("number", f"集体户号{values['number']}已被另一户使用 / household "
                                  f"number {values['number']} belongs to another household")
        if kind != current.kind and db.conn.execute(
                "SELECT 1 FROM collective_members WHERE household_id = ?",
                [household_id]).fetchone():
            raise ValidationError("kind", "该集体户已有成员，不能更改类型 / the household has "
                                  "members already, so its kind cannot change")
        before = {"kind": current.kind, "name": current.name, "number": current.number,
                  "address": current.address, "managing_unit": current.managing_unit,
                  "active": current.active}
        after = {"kind": kind, **values, "active": active}
        if before == after:
            return current
        db.conn.execute(
            "UPDATE collective_households SET kind = ?, name = ?, number = ?, address = ?,"
            " managing_unit = ?, active = ? WHERE id = ?",
            [kind, values["name"], values["number"], values["address"],
             values["managing_unit"], int(active), household_id])
        changed = ",".join(k for k in after if after[k] != before[k])
        append_audit(db, actor=who.login, action="household.update",
                     detail=f"household={household_id} fields={changed}",
                     before=before, after=after)
    return get_collective_household(db, household_id)
