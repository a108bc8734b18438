"""Cases: drafts, validation, duplicate guard, status machine, roles, prints, outbox."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from hukou.store import (
    CaseNotEditable,
    DuplicateOpenCase,
    InvalidTransition,
    PermissionDenied,
    ValidationError,
    add_collective_household,
    add_household_member,
    apply_remote_decision,
    assessment_history,
    attach_scan_file,
    case_snapshot,
    create_case,
    database_path,
    get_case,
    list_household_members,
    open_database,
    outbox_ack,
    outbox_count_pending,
    outbox_pending,
    record_assessment,
    record_print,
    save_draft,
    transition,
)
from store_fixtures import new_id_number

PACK = {"pack_id": "liaocheng", "pack_version": "2026.1", "category_id": "own_home",
        "area_id": "dongchangfu"}


def _case(db: sqlite_utils.Database, user: str = "clerk", **intake: Any) -> str:
    intake.setdefault("applicant", {"name": "王小明", "id_number": new_id_number()})
    intake.setdefault("voluntary_request", True)
    return create_case(db, user=user, **PACK, **intake).uuid


def _count(db: sqlite_utils.Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_case_numbers_count_up_per_station_and_year(station_db: sqlite_utils.Database) -> None:
    year = dt.date.today().year
    numbers = [get_case(station_db, _case(station_db)).number for _ in range(3)]
    assert numbers == [f"370102-{year}-{n:06d}" for n in (1, 2, 3)]


def test_create_writes_the_case_its_audit_row_and_one_outbox_snapshot(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db, family=[{"relation": "child", "name": "王乐",
                                      "marital_status": "unmarried"}])
    case = get_case(station_db, uuid)
    assert case.version == 1 and case.status == "draft" and case.clerk == "clerk"
    sex = "male" if int(str(case.applicant.id_number)[16]) % 2 else "female"
    assert case.applicant.sex == sex and case.applicant.birth_date == "1990-05-06"
    assert [p.name for p in case.family] == ["王乐"]
    rows = outbox_pending(station_db)
    assert [(r.case_uuid, r.version, r.kind) for r in rows] == [(uuid, 1, "case")]
    assert rows[0].payload == case_snapshot(station_db, uuid)


def test_save_draft_updates_only_what_changed_and_bumps_the_version(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    save_draft(station_db, uuid, {"applicant": {"phone": "13800000000"}}, user="clerk")
    save_draft(station_db, uuid, {"facts": {"owns_home": True, "handover_date": "2026-03-01"},
                                  "documents": {"property_certificate": {"presented": True}}},
               user="clerk")
    case = get_case(station_db, uuid)
    assert case.applicant.phone == "13800000000" and case.applicant.name == "王小明"
    assert case.facts == {"owns_home": True, "handover_date": "2026-03-01"}
    assert case.documents["property_certificate"].presented
    assert case.version == 3
    assert [r.version for r in outbox_pending(station_db)] == [1, 2, 3]


def test_a_save_that_changes_nothing_writes_nothing(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    before = (_count(station_db, "outbox"), _count(station_db, "audit"))
    save_draft(station_db, uuid, {"applicant": {"name": "王小明"}}, user="clerk")
    assert (_count(station_db, "outbox"), _count(station_db, "audit")) == before
    assert get_case(station_db, uuid).version == 1


@pytest.mark.parametrize("changes, field", [
    ({"applicant": {"id_number": "370102199005061235"}}, "applicant.id_number"),
    ({"applicant": {"birth_date": "1990-02-30"}}, "applicant.birth_date"),
    ({"applicant": {"birth_date": "2090-01-01"}}, "applicant.birth_date"),
    ({"applicant": {"ethnicity": "火星族"}}, "applicant.ethnicity"),
    ({"applicant": {"name": "王2"}}, "applicant.name"),
    ({"applicant": {"hukou_nature": "agricultural"}}, "applicant.hukou_nature"),
    ({"facts": {"handover_date": "2026-13-01"}}, "facts.handover_date"),
    ({"family": [{"name": "王乐"}]}, "family[0].relation"),
    ({"family": [{"relation": "cousin"}]}, "family[0].relation"),
    ({"family": [{"relation": "child", "marital_status": "engaged"}]},
     "family[0].marital_status"),
    ({"placement": {"kind": "unit_collective", "household_id": 999}}, "placement.household_id"),
    ({"nickname": "x"}, "nickname"),
])
def test_bad_input_is_refused_with_the_field_named(station_db: sqlite_utils.Database,
                                                   changes: dict[str, Any], field: str) -> None:
    uuid = _case(station_db)
    with pytest.raises(ValidationError) as caught:
        save_draft(station_db, uuid, changes, user="clerk")
    assert caught.value.field == field
    assert " / " in str(caught.value)


def test_birth_date_that_contradicts_the_id_number_is_refused(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    with pytest.raises(ValidationError) as caught:
        save_draft(station_db, uuid, {"applicant": {"birth_date": "1991-01-01"}}, user="clerk")
    assert caught.value.field == "applicant.birth_date"


def test_a_failed_save_leaves_nothing_half_written(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    counts = [_count(station_db, t) for t in ("outbox", "audit", "persons", "documents")]
    with pytest.raises(ValidationError):
        save_draft(station_db, uuid, {
            "applicant": {"phone": "13911112222"},
            "documents": {"id_card": {"presented": True}},
            "family": [{"relation": "child", "birth_date": "yesterday"}]}, user="clerk")
    case = get_case(station_db, uuid)
    assert case.applicant.phone == "" and case.documents == {} and case.version == 1
    assert [_count(station_db, t) for t in ("outbox", "audit", "persons", "documents")] == counts


def test_family_list_replaces_and_keeps_each_persons_identity(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db, family=[{"relation": "spouse", "name": "李娜"},
                                     {"relation": "child", "name": "王乐"}])
    _spouse, child = get_case(station_db, uuid).family
    save_draft(station_db, uuid, {"family": [{"person_id": child.person_id, "name": "王乐乐"}]},
               user="clerk")
    (only,) = get_case(station_db, uuid).family
    assert (only.person_id, only.name, only.relation) == (child.person_id, "王乐乐", "child")


def test_duplicate_guard_names_the_open_case(station_db: sqlite_utils.Database) -> None:
    id_number = new_id_number()
    first = _case(station_db, applicant={"name": "张三", "id_number": id_number})
    number = get_case(station_db, first).number
    with pytest.raises(DuplicateOpenCase) as caught:
        _case(station_db, applicant={"name": "张三", "id_number": id_number})
    assert caught.value.case_number == number and number in str(caught.value)
    other = _case(station_db, applicant={"name": "李四"})
    with pytest.raises(DuplicateOpenCase):
        save_draft(station_db, other, {"family": [{"relation": "spouse",
                                                   "id_number": id_number}]}, user="clerk")
    transition(station_db, first, "withdrawn", user="clerk", reason="申请人撤回")
    _case(station_db, applicant={"name": "张三", "id_number": id_number})


def test_the_same_id_number_twice_in_one_case_is_refused(
        station_db: sqlite_utils.Database) -> None:
    id_number = new_id_number()
    with pytest.raises(ValidationError) as caught:
        _case(station_db, applicant={"id_number": id_number},
              family=[{"relation": "child", "id_number": id_number}])
    assert caught.value.field == "family[0].id_number"


def test_the_full_path_from_draft_to_registered(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "awaiting_documents", user="clerk")
    transition(station_db, uuid, "submitted", user="clerk")
    transition(station_db, uuid, "approved", user="super")
    case = transition(station_db, uuid, "registered", user="clerk")
    assert case.status == "registered" and case.supervisor == "super"
    assert case.submitted_at is not None and case.version == 5


@pytest.mark.parametrize("path, illegal", [
    ((), "approved"),
    ((), "registered"),
    (("submitted",), "draft"),
    (("awaiting_documents",), "approved"),
    (("submitted", "approved"), "submitted"),
    (("submitted", "refused"), "submitted"),
    (("withdrawn",), "draft"),
])
def test_illegal_transitions_raise_one_clear_error(station_db: sqlite_utils.Database,
                                                   path: tuple[str, ...], illegal: str) -> None:
    uuid = _case(station_db)
    for status in path:
        user = "super" if status in ("approved", "refused") else "clerk"
        transition(station_db, uuid, status, user=user, reason="原因")
    version = get_case(station_db, uuid).version
    with pytest.raises(InvalidTransition, match="cannot go from"):
        transition(station_db, uuid, illegal, user="super", reason="原因")
    assert get_case(station_db, uuid).version == version


def test_only_a_supervisor_approves(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "submitted", user="clerk")
    for user in ("clerk", "clerk2", "admin"):
        with pytest.raises(PermissionDenied):
            transition(station_db, uuid, "approved", user=user)
    assert get_case(station_db, uuid).status == "submitted"


def test_a_supervisor_never_approves_a_case_they_took_in(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db, user="super")
    transition(station_db, uuid, "submitted", user="super")
    with pytest.raises(PermissionDenied, match="another supervisor"):
        transition(station_db, uuid, "approved", user="super")
    assert transition(station_db, uuid, "approved", user="super2").supervisor == "super2"


@pytest.mark.parametrize("decision", ["approved", "returned", "refused"])
def test_the_supervisors_decision_time_is_kept_apart_from_headquarters(
        station_db: sqlite_utils.Database, decision: str) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "submitted", user="clerk")
    assert get_case(station_db, uuid).supervisor_decided_at is None
    case = transition(station_db, uuid, decision, user="super", reason="原因")
    assert case.supervisor_decided_at is not None
    snap = case_snapshot(station_db, uuid)
    assert snap["supervisor_decided_at"] == case.supervisor_decided_at
    assert (snap["clerk"], snap["supervisor"]) == ("clerk", "super")
    assert snap["clerk_name"] and snap["supervisor_name"]            # display names
    assert snap["supervisor_name"] != "super"
    assert snap["decision"]["decided_at"] is None   # headquarters has not decided


def test_an_approval_after_a_return_does_not_keep_the_returns_reason(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "submitted", user="clerk")
    assert transition(station_db, uuid, "returned", user="super",
                      reason="缺少房屋产权证明").decision_reason == "缺少房屋产权证明"
    transition(station_db, uuid, "draft", user="clerk")
    transition(station_db, uuid, "submitted", user="clerk")
    assert transition(station_db, uuid, "approved", user="super").decision_reason is None


def test_an_administrator_account_does_not_take_in_cases(
        station_db: sqlite_utils.Database) -> None:
    with pytest.raises(PermissionDenied):
        _case(station_db, user="admin")


def test_nothing_is_submitted_without_the_applicants_own_request(
        station_db: sqlite_utils.Database) -> None:
    # Settlement is voluntary (001 §一(二)).
    uuid = _case(station_db, voluntary_request=False)
    with pytest.raises(ValidationError) as caught:
        transition(station_db, uuid, "submitted", user="clerk")
    assert caught.value.field == "voluntary_request"


def test_return_and_refusal_need_a_reason(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "submitted", user="clerk")
    with pytest.raises(ValidationError):
        transition(station_db, uuid, "returned", user="super")
    case = transition(station_db, uuid, "returned", user="super", reason="房产证复印件不清晰")
    assert case.decision_reason == "房产证复印件不清晰"
    transition(station_db, uuid, "draft", user="clerk")
    save_draft(station_db, uuid, {"documents": {"property_certificate": {"presented": True}}},
               user="clerk")


def test_a_submitted_case_is_not_edited_as_a_draft(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "submitted", user="clerk")
    with pytest.raises(CaseNotEditable):
        save_draft(station_db, uuid, {"applicant": {"phone": "1"}}, user="clerk")


def test_assessments_keep_their_history_and_the_latest_on_the_case(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    record_assessment(station_db, uuid, {"outcome": "incomplete", "missing": ["id_card"]},
                      pack_id="liaocheng", pack_version="2026.1", user="clerk")
    record_assessment(station_db, uuid, {"outcome": "eligible", "missing": []},
                      pack_id="liaocheng", pack_version="2026.1", user="clerk")
    assert get_case(station_db, uuid).assessment == {"outcome": "eligible", "missing": []}
    assert [a.outcome for a in assessment_history(station_db, uuid)] == ["incomplete",
                                                                          "eligible"]


def test_print_serials_run_per_kind_and_are_never_reused_across_restarts(
        tmp_path: Path, station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    a = record_print(station_db, uuid, "receipt", user="clerk")
    b = record_print(station_db, uuid, "receipt", user="clerk", reprint=True)
    c = record_print(station_db, uuid, "one_time_notice", user="clerk")
    assert (a.seq, b.seq, c.seq) == (1, 2, 1) and b.reprint and a.serial != b.serial
    path = station_db.execute("PRAGMA database_list").fetchone()[2]
    station_db.close()
    reopened = open_database(path)
    try:
        d = record_print(reopened, uuid, "receipt", user="clerk")
        assert d.seq == 3
        assert [p.serial for p in get_case(reopened, uuid).prints] == [
            a.serial, b.serial, c.serial, d.serial]
    finally:
        reopened.close()


def test_a_print_for_a_person_outside_the_case_is_refused(
        station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    with pytest.raises(ValidationError):
        record_print(station_db, uuid, "registration_card", user="clerk", person_id="nobody")


def test_headquarters_decisions_do_not_echo_back(station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    transition(station_db, uuid, "submitted", user="clerk")
    pending = outbox_count_pending(station_db)
    audit = _count(station_db, "audit")
    case = apply_remote_decision(station_db, uuid, status="approved", reason="符合条件",
                                 decided_by="hq-operator", decided_at="2026-11-20T08:00:00Z")
    assert case.status == "approved" and case.decided_by == "hq-operator"
    assert outbox_count_pending(station_db) == pending
    assert _count(station_db, "audit") == audit + 1
    apply_remote_decision(station_db, uuid, status="approved", reason="符合条件",
                          decided_by="hq-operator", decided_at="2026-11-20T08:00:00Z")
    assert _count(station_db, "audit") == audit + 1


def test_outbox_ack_removes_rows_from_pending(station_db: sqlite_utils.Database) -> None:
    _case(station_db)
    _case(station_db)
    rows = outbox_pending(station_db)
    outbox_ack(station_db, [rows[0].seq])
    assert [r.seq for r in outbox_pending(station_db)] == [rows[1].seq]
    assert outbox_count_pending(station_db) == 1


def test_the_snapshot_is_json_and_never_carries_hukou_nature(
        station_db: sqlite_utils.Database) -> None:
    # One resident hukou (001 §三(九)): no field carries 户口性质.
    uuid = _case(station_db, family=[{"relation": "child", "name": "王乐"}])
    text = json.dumps(case_snapshot(station_db, uuid), ensure_ascii=False)
    assert "nature" not in text and "户口性质" not in text and "农业" not in text
    assert json.loads(text)["applicant"]["name"] == "王小明"


def test_collective_household_members_get_consecutive_pages(
        station_db: sqlite_utils.Database) -> None:
    household = add_collective_household(
        station_db, kind="talent_market", name="聊城市人才市场集体户", number="JT001",
        address="聊城市柳园南路3号", user="admin")
    uuid = _case(station_db, placement={"kind": "talent_collective", "household_id": household.id},
                 family=[{"relation": "spouse", "name": "李娜"}])
    transition(station_db, uuid, "submitted", user="clerk")
    transition(station_db, uuid, "approved", user="super")
    case = get_case(station_db, uuid)
    pages = [add_household_member(station_db, household.id, case_uuid=uuid,
                                  person_id=p.person_id, user="clerk").page for p in case.persons]
    assert pages == [1, 2]


def test_approval_into_a_collective_household_enters_the_persons_allowed(
        station_db: sqlite_utils.Database) -> None:
    household = add_collective_household(
        station_db, kind="community_public", name="古楼街道社区公共户", number="GG002",
        address="聊城市古楼街道", user="admin")
    uuid = _case(station_db, placement={"kind": "community_public", "household_id": household.id},
                 family=[{"relation": "spouse", "name": "李娜"},
                         {"relation": "parent", "name": "王大山"}])
    # The assessment allowed the spouse (index 0) but not the parent (index 1).
    record_assessment(station_db, uuid, {"outcome": "eligible", "family": [
        {"index": 0, "allowed": True}, {"index": 1, "allowed": False}]},
        pack_id="liaocheng", pack_version="1", user="clerk")
    transition(station_db, uuid, "submitted", user="clerk")
    assert list_household_members(station_db, household.id) == []
    transition(station_db, uuid, "approved", user="super")
    case = get_case(station_db, uuid)
    members = list_household_members(station_db, household.id)
    assert [(m.person_id, m.page) for m in members] == [
        (case.applicant.person_id, 1), (case.family[0].person_id, 2)]


def test_a_scan_is_stored_under_the_data_directory_with_its_sha256(
        tmp_path: Path, station_db: sqlite_utils.Database) -> None:
    uuid = _case(station_db)
    scan = tmp_path / "房产证.PDF"
    scan.write_bytes(b"%PDF-1.4 scanned certificate")
    case = attach_scan_file(station_db, uuid, "property_certificate", scan, user="clerk")
    doc = case.documents["property_certificate"]
    stored = database_path(tmp_path / "station").parent / str(doc.scan_path)
    assert stored.read_bytes() == scan.read_bytes()
    assert doc.scan_sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert doc.presented


def test_a_headquarters_refusal_of_an_approved_case_takes_its_persons_off_the_household(
        station_db: sqlite_utils.Database) -> None:
    household = add_collective_household(
        station_db, kind="community_public", name="古楼街道社区公共户", number="GG003",
        address="聊城市古楼街道", user="admin")
    uuid = _case(station_db, placement={"kind": "community_public", "household_id": household.id})
    transition(station_db, uuid, "submitted", user="clerk")
    transition(station_db, uuid, "approved", user="super")
    assert len(list_household_members(station_db, household.id)) == 1
    apply_remote_decision(station_db, uuid, status="refused", reason="不符合条件",
                          decided_by="县局", decided_at="2026-11-21T08:00:00Z")
    assert get_case(station_db, uuid).status == "refused"
    assert list_household_members(station_db, household.id) == []


def test_a_headquarters_approval_into_a_collective_household_enters_the_applicant(
        station_db: sqlite_utils.Database) -> None:
    household = add_collective_household(
        station_db, kind="community_public", name="古楼街道社区公共户", number="GG004",
        address="聊城市古楼街道", user="admin")
    uuid = _case(station_db, placement={"kind": "community_public", "household_id": household.id})
    transition(station_db, uuid, "submitted", user="clerk")
    apply_remote_decision(station_db, uuid, status="approved", reason=None,
                          decided_by="县局", decided_at="2026-11-21T08:00:00Z")
    case = get_case(station_db, uuid)
    assert [m.person_id for m in list_household_members(station_db, household.id)] == [
        case.applicant.person_id]
