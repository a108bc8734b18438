"""A case's history from the audit trail: every step with who did it (display names from
users, never names or ID numbers of applicants in the audit); the register's corrections."""

from __future__ import annotations

from typing import Any

import pytest
import sqlite_utils

from hukou.store import (
    NotFound,
    PermissionDenied,
    ValidationError,
    add_collective_household,
    add_household_member,
    apply_remote_decision,
    attach_scan_file,
    case_history,
    case_snapshot,
    create_case,
    get_collective_household,
    record_assessment,
    record_print,
    save_draft,
    transition,
    update_collective_household,
    verify_audit,
)
from hukou.store.history import HistoryEntry, merge_edits
from store_fixtures import new_id_number

PACK = {"pack_id": "liaocheng", "pack_version": "2026.1", "category_id": "own_home",
        "area_id": "dongchangfu"}


def _case(db: sqlite_utils.Database, **intake: Any) -> str:
    intake.setdefault("applicant", {"name": "欧阳·娜娜", "id_number": new_id_number()})
    intake.setdefault("voluntary_request", True)
    return create_case(db, user="clerk", **PACK, **intake).uuid


def test_history_names_each_step_and_its_actor_in_order(
        station_db: sqlite_utils.Database, tmp_path: Any) -> None:
    uuid = _case(station_db)
    save_draft(station_db, uuid, {"facts": {"handover_date": "2026-10-01"}}, user="clerk")
    save_draft(station_db, uuid, {"applicant": {"phone": "13800000000"}}, user="clerk")
    scan = tmp_path / "contract.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    attach_scan_file(station_db, uuid, "purchase_contract", scan, user="clerk")
    record_assessment(station_db, uuid, {"outcome": "eligible"}, pack_id="liaocheng",
                      pack_version="2026.1", user="clerk")
    transition(station_db, uuid, "submitted", user="clerk")
    record_print(station_db, uuid, "receipt", user="clerk")
    record_print(station_db, uuid, "receipt", user="clerk", reprint=True)
    transition(station_db, uuid, "returned", user="super", reason="房产证复印件不清晰")

    history = case_history(station_db, uuid)

    assert [e.event for e in history] == [
        "created", "edited", "scan", "assessment", "status", "print", "print", "status"]
    created, edited, scanned, assessed, submitted, first, again, returned = history
    assert created.actor == "clerk" and created.actor_name == "clerk 用户"
    assert edited.count == 2 and set(edited.fields) == {"facts", "applicant"}
    assert edited.until is not None and edited.until >= edited.at
    assert scanned.document_id == "purchase_contract"
    assert assessed.outcome == "eligible"
    assert (submitted.old_status, submitted.new_status) == ("draft", "submitted")
    assert first.print_kind == "receipt" and not first.reprint
    assert again.reprint and again.serial and again.serial != first.serial
    assert (returned.actor, returned.actor_name) == ("super", "super 用户")
    assert (returned.old_status, returned.new_status) == ("submitted", "returned")
    assert [e.at for e in history] == sorted(e.at for e in history)


def test_unmerged_history_keeps_every_save(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    for phone in ("13800000001", "13800000002", "13800000003"):
        save_draft(station_db, uuid, {"applicant": {"phone": phone}}, user="clerk")
    assert [e.event for e in case_history(station_db, uuid, merge=False)] == [
        "created", "edited", "edited", "edited"]
    merged = case_history(station_db, uuid)
    assert [(e.event, e.count) for e in merged] == [("created", 1), ("edited", 3)]


def test_edits_by_different_people_are_not_merged() -> None:
    def edit(actor: str, field: str) -> HistoryEntry:
        return HistoryEntry("2026-11-22T01:00:00.000Z", actor, "", "edited", "case.save",
                            fields=(field,))

    merged = merge_edits([edit("clerk", "facts"), edit("super", "facts"), edit("super", "family")])
    assert [(e.actor, e.count, e.fields) for e in merged] == [
        ("clerk", 1, ("facts",)), ("super", 2, ("facts", "family"))]


def test_headquarters_decision_shows_who_decided_there(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "submitted", user="clerk")
    apply_remote_decision(station_db, uuid, status="approved", reason=None,
                          decided_by="市局户政科 刘伟", decided_at="2026-11-21T02:00:00Z")
    last = case_history(station_db, uuid)[-1]
    assert last.event == "hq_decision" and last.actor == "headquarters"
    assert last.actor_name == "" and last.decided_by == "市局户政科 刘伟"
    assert (last.old_status, last.new_status) == ("submitted", "approved")


def test_history_of_another_case_is_not_mixed_in(station_db: sqlite_utils.Database) -> None:
    one, other = _case(station_db), _case(station_db)
    transition(station_db, other, "submitted", user="clerk")
    assert [e.event for e in case_history(station_db, one)] == ["created"]


def test_the_audit_carries_no_applicant_name_or_id_number(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    snap = case_snapshot(station_db, uuid)
    rows = station_db.execute("SELECT actor, detail FROM audit WHERE case_uuid = ?", [uuid])
    text = " ".join(f"{a} {d}" for a, d in rows)
    assert snap["applicant"]["name"] not in text
    assert snap["applicant"]["id_number"] not in text


def test_unknown_case_is_not_found(station_db: sqlite_utils.Database) -> None:
    with pytest.raises(NotFound):
        case_history(station_db, "no-such-case")


def test_history_reads_the_case_index(station_db: sqlite_utils.Database) -> None:
    plan = " ".join(str(r[-1]) for r in station_db.execute(
        "EXPLAIN QUERY PLAN SELECT at FROM audit WHERE case_uuid = ? ORDER BY id", ["x"]))
    assert "audit_by_case" in plan


# -- the register ------------------------------------------------------------------------


def _household(db: sqlite_utils.Database, number: str = "371502-J-0001") -> int:
    return add_collective_household(db, kind="unit", name="聊城市人民医院集体户", number=number,
                                    address="东昌府区东昌西路67号", managing_unit="人事科",
                                    user="admin").id


def test_a_household_is_corrected_and_audited(station_db: sqlite_utils.Database) -> None:
    hid = _household(station_db)
    updated = update_collective_household(
        station_db, hid, kind="unit", name="聊城市人民医院职工集体户", number="371502-J-0001",
        address="东昌府区东昌西路67号", managing_unit="人力资源部", user="super")
    assert updated.name == "聊城市人民医院职工集体户"
    assert updated.managing_unit == "人力资源部"
    assert get_collective_household(station_db, hid) == updated
    detail = station_db.execute(
        "SELECT detail, actor FROM audit WHERE action = 'household.update'").fetchone()
    assert detail == (f"household={hid} fields=name,managing_unit", "super")
    assert verify_audit(station_db).ok


def test_an_unchanged_household_writes_nothing(station_db: sqlite_utils.Database) -> None:
    hid = _household(station_db)
    update_collective_household(station_db, hid, kind="unit", name="聊城市人民医院集体户",
                                number="371502-J-0001", address="东昌府区东昌西路67号",
                                managing_unit="人事科", user="admin")
    assert not station_db.execute(
        "SELECT 1 FROM audit WHERE action = 'household.update'").fetchone()


@pytest.mark.parametrize(("change", "field"), [
    ({"name": "  "}, "name"),
    ({"address": ""}, "address"),
    ({"number": "371502-J-0002"}, "number"),  # taken by the second household
    ({"kind": "hostel"}, "kind"),
    ({"managing_unit": "科" * 201}, "managing_unit"),
])
def test_invalid_corrections_are_refused_by_field(
        station_db: sqlite_utils.Database, change: dict[str, str], field: str) -> None:
    hid = _household(station_db)
    _household(station_db, "371502-J-0002")
    values = {"kind": "unit", "name": "某集体户", "number": "371502-J-0001",
              "address": "某地址", "managing_unit": "", **change}
    with pytest.raises(ValidationError) as caught:
        update_collective_household(station_db, hid, user="admin", **values)
    assert caught.value.field == field
    assert " / " in str(caught.value)


def test_a_clerk_cannot_change_the_register(station_db: sqlite_utils.Database) -> None:
    hid = _household(station_db)
    with pytest.raises(PermissionDenied):
        update_collective_household(station_db, hid, kind="unit", name="改名", number="1",
                                    address="某地", user="clerk")


def test_kind_is_fixed_once_the_household_has_members(station_db: sqlite_utils.Database) -> None:
    hid = _household(station_db)
    uuid = _case(station_db, placement={"kind": "unit_collective", "household_id": hid})
    transition(station_db, uuid, "submitted", user="clerk")
    transition(station_db, uuid, "approved", user="super")
    person = case_snapshot(station_db, uuid)["applicant"]["person_id"]
    add_household_member(station_db, hid, case_uuid=uuid, person_id=person, user="super")
    with pytest.raises(ValidationError) as caught:
        update_collective_household(station_db, hid, kind="school", name="某集体户",
                                    number="371502-J-0001", address="某地", user="admin")
    assert caught.value.field == "kind"
    closed = update_collective_household(station_db, hid, kind="unit", name="某集体户",
                                         number="371502-J-0001", address="某地", active=False,
                                         user="admin")
    assert not closed.active
    assert [e.event for e in case_history(station_db, uuid)][-1] == "household_member"


def test_a_headquarters_refusal_after_approval_shows_the_removal_from_the_household(
        station_db: sqlite_utils.Database) -> None:
    hid = _household(station_db)
    uuid = _case(station_db, placement={"kind": "unit_collective", "household_id": hid})
    transition(station_db, uuid, "submitted", user="clerk")
    transition(station_db, uuid, "approved", user="super")
    apply_remote_decision(station_db, uuid, status="refused", reason="材料存疑",
                          decided_by="县局户政科", decided_at="2026-11-22T08:00:00Z")
    events = [e.event for e in case_history(station_db, uuid)]
    assert "household_member" in events
    assert events[-1] == "household_member_removed" and "hq_decision" in events
