"""Cases: creation, drafts saved as the clerk types, the status machine, assessments,
prints, headquarters decisions. Every change bumps the version and, in the same
transaction, writes an audit row and an outbox row carrying the case snapshot."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuid_lib
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from hukou.store import search
from hukou.store.audit import append_audit
from hukou.store.errors import (
    CaseNotEditable,
    DuplicateOpenCase,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from hukou.store.intake import Person, apply_person_changes, check_facts, check_key
from hukou.store.outbox import enqueue
from hukou.store.schema import STATUSES
from hukou.store.station import require_station
from hukou.store.users import User, UserRef, resolve_actor
from hukou.store.util import dumps, iso_utc, local_today, transaction

# Who may move a case where (draft → submitted ⇄ awaiting documents → approved /
# returned / refused → registered); withdrawn closes a case the applicant gave up.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("submitted", "awaiting_documents", "withdrawn"),
    "submitted": ("awaiting_documents", "approved", "returned", "refused", "withdrawn"),
    "awaiting_documents": ("submitted", "withdrawn"),
    "approved": ("registered",),
    "returned": ("draft",),
    "refused": (),
    "registered": (),
    "withdrawn": (),
}
OPEN_STATUSES = ("draft", "submitted", "awaiting_documents", "approved", "returned")
EDITABLE_STATUSES = ("draft", "awaiting_documents", "returned")
SUPERVISOR_DECISIONS = ("approved", "returned", "refused")
STATUS_NAMES = {
    "draft": "草稿", "submitted": "已受理", "awaiting_documents": "待补材料", "approved": "已批准",
    "returned": "已退回", "refused": "不予受理", "registered": "已落户", "withdrawn": "已撤回",
}
CASE_FIELDS = ("category_id", "area_id", "pack_id", "pack_version", "facts", "documents",
               "applicant", "family", "voluntary_request", "placement")


@dataclass
class DocumentRecord:
    document_id: str
    presented: bool = False
    note: str = ""
    scan_path: str | None = None  # relative to the data directory
    scan_sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "presented": self.presented, "note": self.note,
                "scan_path": self.scan_path, "scan_sha256": self.scan_sha256}


@dataclass(frozen=True)
class PrintRecord:
    id: int
    case_uuid: str
    kind: str
    serial: str
    year: int
    seq: int
    person_id: str | None
    printed_at: str
    printed_by: str
    reprint: bool

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "serial": self.serial, "person_id": self.person_id,
                "printed_at": self.printed_at, "printed_by": self.printed_by,
                "reprint": self.reprint}


@dataclass
class CaseRecord:
    id: int
    uuid: str
    number: str
    station_code: str
    year: int
    category_id: str
    pack_id: str
    pack_version: str
    area_id: str
    status: str
    facts: dict[str, Any]
    voluntary_request: bool
    placement: dict[str, Any]
    assessment: dict[str, Any] | None
    intake_date: str
    created_at: str
    updated_at: str
    submitted_at: str | None
    clerk: str
    supervisor: str | None
    decision_reason: str | None
    decided_by: str | None
    decided_at: str | None
    version: int
    applicant: Person
    supervisor_decided_at: str | None = None
    clerk_name: str | None = None        # display names, for screens and printouts
    supervisor_name: str | None = None
    family: list[Person] = field(default_factory=list)
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    prints: list[PrintRecord] = field(default_factory=list)

    @property
    def persons(self) -> list[Person]:
        return [self.applicant, *self.family]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


_CASE_COLUMNS = (
    "c.id, c.uuid, c.number, c.station_code, c.year, c.category_id, c.pack_id, c.pack_version,"
    " c.area_id, c.status, c.facts, c.voluntary_request, c.placement, c.assessment,"
    " c.intake_date, c.created_at, c.updated_at, c.submitted_at, uc.login, us.login,"
    " c.decision_reason, c.decided_by, c.decided_at, c.version, c.supervisor_decided_at,"
    " uc.display_name, us.display_name"
)
_PERSON_COLUMNS = ("person_uuid, relation, id_number, name, former_name, sex, ethnicity,"
                   " birth_date, birthplace, native_place, education, marital_status, occupation,"
                   " workplace, phone, hukou_address, moving_from")


def _not_found(key: str) -> NotFound:
    return NotFound(f"找不到案件“{key}” / no case {key!r}: check the case number")


def _load(db: sqlite_utils.Database, key: str) -> CaseRecord:
    column = "c.uuid" if len(key) == 36 and key.count("-") == 4 else "c.number"
    row = db.conn.execute(
        f"SELECT {_CASE_COLUMNS} FROM cases c JOIN users uc ON uc.id = c.clerk_id"
        f" LEFT JOIN users us ON us.id = c.supervisor_id WHERE {column} = ?", [key.strip()],
    ).fetchone()
    if row is None:
        raise _not_found(key)
    case_id = row[0]
    persons = [
        Person(*p) for p in db.conn.execute(
            f"SELECT {_PERSON_COLUMNS} FROM persons WHERE case_id = ? ORDER BY position",
            [case_id])
    ]
    applicant = persons[0] if persons and persons[0].relation == "applicant" else Person(
        person_id=str(uuid_lib.uuid4()), relation="applicant")
    documents = {
        d[0]: DocumentRecord(d[0], bool(d[1]), d[2], d[3], d[4]) for d in db.conn.execute(
            "SELECT document_id, presented, note, scan_path, scan_sha256 FROM documents"
            " WHERE case_id = ? ORDER BY document_id", [case_id])
    }
    prints = [
        PrintRecord(p[0], row[1], p[1], p[2], p[3], p[4], p[5], p[6], p[7], bool(p[8]))
        for p in db.conn.execute(
            "SELECT id, kind, serial, year, seq, person_uuid, printed_at, printed_by, reprint"
            " FROM printed WHERE case_id = ? ORDER BY id", [case_id])
    ]
    return CaseRecord(
        id=case_id, uuid=row[1], number=row[2], station_code=row[3], year=row[4],
        category_id=row[5], pack_id=row[6], pack_version=row[7], area_id=row[8], status=row[9],
        facts=json.loads(row[10]), voluntary_request=bool(row[11]),
        placement=json.loads(row[12]), assessment=json.loads(row[13]) if row[13] else None,
        intake_date=row[14], created_at=row[15], updated_at=row[16], submitted_at=row[17],
        clerk=row[18], supervisor=row[19], decision_reason=row[20], decided_by=row[21],
        decided_at=row[22], version=row[23], supervisor_decided_at=row[24],
        clerk_name=row[25], supervisor_name=row[26], applicant=applicant,
        family=[p for p in persons if p.relation != "applicant"], documents=documents,
        prints=prints,
    )


def get_case(db: sqlite_utils.Database, case_uuid_or_number: str) -> CaseRecord:
    return _load(db, case_uuid_or_number)


def snapshot(record: CaseRecord) -> dict[str, Any]:
    """The JSON-safe full case: what goes to headquarters and what printing reads."""
    return {
        "uuid": record.uuid, "number": record.number, "station_code": record.station_code,
        "version": record.version, "status": record.status, "category_id": record.category_id,
        "pack_id": record.pack_id, "pack_version": record.pack_version,
        "area_id": record.area_id, "facts": record.facts,
        "voluntary_request": record.voluntary_request, "placement": record.placement,
        "assessment": record.assessment, "intake_date": record.intake_date,
        "created_at": record.created_at, "updated_at": record.updated_at,
        "submitted_at": record.submitted_at, "clerk": record.clerk,
        "supervisor": record.supervisor,
        "clerk_name": record.clerk_name, "supervisor_name": record.supervisor_name,
        "supervisor_decided_at": record.supervisor_decided_at,
        "decision": {"status": record.status if record.decided_at else None,
                     "reason": record.decision_reason, "decided_by": record.decided_by,
                     "decided_at": record.decided_at},
        "applicant": record.applicant.to_json(),
        "family": [p.to_json() for p in record.family],
        "documents": [d.to_json() for d in record.documents.values()],
        "prints": [p.to_json() for p in record.prints],
    }


def case_snapshot(db: sqlite_utils.Database, case_uuid: str) -> dict[str, Any]:
    return snapshot(_load(db, case_uuid))


# --- writing -------------------------------------------------------------------------------

def _write_case_row(db: sqlite_utils.Database, rec: CaseRecord) -> None:
    db.conn.execute(
        "UPDATE cases SET category_id = ?, pack_id = ?, pack_version = ?, area_id = ?,"
        " status = ?, facts = ?, voluntary_request = ?, placement = ?, assessment = ?,"
        " updated_at = ?, submitted_at = ?, supervisor_id = (SELECT id FROM users WHERE login = ?),"
        " decision_reason = ?, decided_by = ?, decided_at = ?, version = ?,"
        " supervisor_decided_at = ? WHERE id = ?",
        [rec.category_id, rec.pack_id, rec.pack_version, rec.area_id, rec.status,
         dumps(rec.facts), int(rec.voluntary_request), dumps(rec.placement),
         None if rec.assessment is None else dumps(rec.assessment), rec.updated_at,
         rec.submitted_at, rec.supervisor, rec.decision_reason, rec.decided_by,
         rec.decided_at, rec.version, rec.supervisor_decided_at, rec.id])


def _person_values(case_id: int, position: int, p: Person) -> list[Any]:
    return [case_id, p.person_id, position, p.relation, p.id_number, p.name, p.former_name,
            p.sex, p.ethnicity, p.birth_date, p.birthplace, p.native_place, p.education,
            p.marital_status, p.occupation, p.workplace, p.phone, p.hukou_address,
            p.moving_from]


_INSERT_PERSON = (
    "INSERT INTO persons (case_id, person_uuid, position, relation, id_number, name,"
    " former_name, sex, ethnicity, birth_date, birthplace, native_place, education,"
    " marital_status, occupation, workplace, phone, hukou_address, moving_from)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _write_persons(db: sqlite_utils.Database, rec: CaseRecord, *, applicant: bool,
                   family: bool) -> None:
    if applicant:
        db.conn.execute("DELETE FROM persons WHERE case_id = ? AND position = 0", [rec.id])
        db.conn.execute(_INSERT_PERSON, _person_values(rec.id, 0, rec.applicant))
    if family:
        db.conn.execute("DELETE FROM persons WHERE case_id = ? AND position > 0", [rec.id])
        db.conn.executemany(_INSERT_PERSON, [_person_values(rec.id, i, p)
                                             for i, p in enumerate(rec.family, start=1)])


def _apply_changes(db: sqlite_utils.Database, rec: CaseRecord,
                   changes: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Validate and apply intake changes to `rec` and its child rows.

    Returns {field: (before, after)} for what changed."""
    changed: dict[str, tuple[Any, Any]] = {}
    for key in changes:
        if key not in CASE_FIELDS:
            raise ValidationError(key, f"未知字段{key} / unknown field {key}: use one of "
                                  f"{', '.join(CASE_FIELDS)}")
    for key in ("category_id", "area_id", "pack_id", "pack_version"):
        if key in changes:
            value = changes[key]
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(key, f"{key}不能为空 / {key} is empty")
            if getattr(rec, key) != value.strip():
                changed[key] = (getattr(rec, key), value.strip())
                setattr(rec, key, value.strip())
    if "voluntary_request" in changes:
        value = changes["voluntary_request"]
        if not isinstance(value, bool):
            raise ValidationError("voluntary_request", "voluntary_request应为是或否 / "
                                  "voluntary_request must be true or false")
        if value != rec.voluntary_request:
            changed["voluntary_request"] = (rec.voluntary_request, value)
            rec.voluntary_request = value
    if "facts" in changes:
        merged = check_facts(changes["facts"], rec.facts)
        if merged != rec.facts:
            changed["facts"] = (rec.facts, merged)
            rec.facts = merged
    if "placement" in changes:
        placement = _check_placement(db, changes["placement"])
        if placement != rec.placement:
            changed["placement"] = (rec.placement, placement)
            rec.placement = placement
    if "documents" in changes:
        _apply_documents(db, rec, changes["documents"], changed)
    applicant_changed = family_changed = False
    if "applicant" in changes:
        updated = apply_person_changes(rec.applicant, changes["applicant"], "applicant")
        if updated != rec.applicant:
            changed["applicant"] = (rec.applicant.to_json(), updated.to_json())
            rec.applicant = updated
            applicant_changed = True
    if "family" in changes:
        family = _apply_family(rec.family, changes["family"])
        if family != rec.family:
            changed["family"] = ([p.to_json() for p in rec.family], [p.to_json() for p in family])
            rec.family = family
            family_changed = True
    if applicant_changed or family_changed:
        _check_persons(db, rec)
        _write_persons(db, rec, applicant=applicant_changed, family=family_changed)
    return changed


def _apply_family(current: list[Person], entries: Any) -> list[Person]:
    if not isinstance(entries, list):
        raise ValidationError("family", "family应为人员列表 / family must be a list of persons")
    by_id = {p.person_id: p for p in current}
    family: list[Person] = []
    for i, entry in enumerate(entries):
        prefix = f"family[{i}]"
        if not isinstance(entry, dict):
            raise ValidationError(prefix, f"{prefix}应为字段表 / {prefix} must be a mapping")
        existing = by_id.get(str(entry.get("person_id") or ""))
        if existing is None:
            if "relation" not in entry:
                raise ValidationError(f"{prefix}.relation", f"请选择{prefix}与申请人的关系 / "
                                      f"choose {prefix}'s relation to the applicant")
            existing = Person(person_id=str(uuid_lib.uuid4()), relation="other")
        family.append(apply_person_changes(existing, entry, prefix))
    return family


def _check_placement(db: sqlite_utils.Database, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError("placement", "placement应为字段表 / placement must be a mapping")
    unknown = set(value) - {"kind", "household_id", "address"}
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(f"placement.{name}", f"未知字段placement.{name} / unknown field "
                              f"placement.{name}")
    placement: dict[str, Any] = {}
    if value.get("kind"):
        placement["kind"] = check_key(value["kind"], "placement.kind")
    if value.get("household_id") not in (None, ""):
        try:
            household_id = int(value["household_id"])
        except (TypeError, ValueError):
            household_id = -1
        row = db.conn.execute("SELECT active FROM collective_households WHERE id = ?",
                              [household_id]).fetchone()
        if row is None or not row[0]:
            raise ValidationError("placement.household_id", "所选集体户不存在或已停用 / the chosen "
                                  "collective household does not exist or is closed")
        placement["household_id"] = household_id
    if value.get("address"):
        address = str(value["address"]).strip()
        if len(address) > 300:
            raise ValidationError("placement.address", "地址过长 / the address is too long")
        placement["address"] = address
    return placement


def _apply_documents(db: sqlite_utils.Database, rec: CaseRecord, value: Any,
                     changed: dict[str, tuple[Any, Any]]) -> None:
    if not isinstance(value, dict):
        raise ValidationError("documents", "documents应为材料表 / documents must be a mapping")
    for doc_id, entry in value.items():
        field_name = f"documents.{doc_id}"
        check_key(doc_id, field_name)
        old = rec.documents.get(doc_id)
        if entry is None:
            if old is not None:
                changed[field_name] = (old.to_json(), None)
                del rec.documents[doc_id]
                db.conn.execute("DELETE FROM documents WHERE case_id = ? AND document_id = ?",
                                [rec.id, doc_id])
            continue
        if not isinstance(entry, dict) or set(entry) - {"presented", "note"}:
            raise ValidationError(field_name, f"{field_name}只能包含presented和note / {field_name} "
                                  "takes 'presented' and 'note' only (attach scans separately)")
        new = DocumentRecord(doc_id, old.presented if old else False, old.note if old else "",
                             old.scan_path if old else None, old.scan_sha256 if old else None)
        if "presented" in entry:
            if not isinstance(entry["presented"], bool):
                raise ValidationError(f"{field_name}.presented", "presented应为是或否 / presented "
                                      "must be true or false")
            new.presented = entry["presented"]
        if "note" in entry:
            new.note = str(entry["note"] or "").strip()[:500]
        if new != old:
            changed[field_name] = (old.to_json() if old else None, new.to_json())
            rec.documents[doc_id] = new
            _write_document(db, rec.id, new)


def _write_document(db: sqlite_utils.Database, case_id: int, doc: DocumentRecord) -> None:
    db.conn.execute(
        "INSERT INTO documents (case_id, document_id, presented, note, scan_path, scan_sha256)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, document_id) DO UPDATE SET"
        " presented = excluded.presented, note = excluded.note, scan_path = excluded.scan_path,"
        " scan_sha256 = excluded.scan_sha256",
        [case_id, doc.document_id, int(doc.presented), doc.note, doc.scan_path,
         doc.scan_sha256])


def _check_persons(db: sqlite_utils.Database, rec: CaseRecord) -> None:
    """No ID number twice in a case, and none with an open case elsewhere at the station."""
    seen: dict[str, str] = {}
    for i, person in enumerate(rec.persons):
        prefix = "applicant" if i == 0 else f"family[{i - 1}]"
        if not person.id_number:
            continue
        if person.id_number in seen:
            raise ValidationError(f"{prefix}.id_number", f"{prefix}与{seen[person.id_number]}的"
                                  "公民身份号码相同 / the same ID number is entered twice "
                                  f"({seen[person.id_number]} and {prefix})")
        seen[person.id_number] = prefix
        row = db.conn.execute(
            "SELECT c.number FROM persons p JOIN cases c ON c.id = p.case_id"
            f" WHERE p.id_number = ? AND c.id != ? AND c.status IN ({_open_list()}) LIMIT 1",
            [person.id_number, rec.id]).fetchone()
        if row is not None:
            raise DuplicateOpenCase(
                f"{prefix}：此公民身份号码已有未办结的案件{row[0]}，请打开该案件继续办理 / this ID "
                f"number already has an open case {row[0]} at this station: open that case "
                "instead", row[0])


def _open_list() -> str:
    return ", ".join(f"'{s}'" for s in OPEN_STATUSES)


def _commit_change(db: sqlite_utils.Database, rec: CaseRecord, *, actor: str, action: str,
                   detail: str, before: Any, after: Any, outbox: bool = True) -> None:
    """Bump the version and write the case row, search entry, audit and outbox rows."""
    rec.version += 1
    rec.updated_at = iso_utc()
    _write_case_row(db, rec)
    append_audit(db, actor=actor, action=action, case_uuid=rec.uuid, detail=detail,
                 before=before, after=after)
    if outbox:
        enqueue(db, case_uuid=rec.uuid, version=rec.version, kind="case", payload=snapshot(rec))


def _next_counter(db: sqlite_utils.Database, name: str) -> int:
    row = db.conn.execute(
        "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE"
        " SET value = value + 1 RETURNING value", [name]).fetchone()
    return int(row[0])


def _may_take_in(actor: User) -> None:
    # The administrator account sets the station up; taking in cases is police work
    # for clerks and supervisors.
    if actor.role not in ("clerk", "supervisor"):
        raise PermissionDenied(
            f"{actor.login}的角色（{actor.role}）不能受理案件 / the role {actor.role!r} cannot "
            "take in or change cases: sign in as a clerk or supervisor")


def create_case(db: sqlite_utils.Database, *, user: UserRef, pack_id: str, pack_version: str,
                category_id: str, area_id: str, **intake: Any) -> CaseRecord:
    """A new draft numbered `<station>-<year>-<seq>`; `intake` takes the save_draft fields
    (applicant, family, facts, documents, voluntary_request, placement)."""
    try:
        with transaction(db):
            actor = resolve_actor(db, user)
            _may_take_in(actor)
            station = require_station(db)
            today = local_today()
            seq = _next_counter(db, f"case:{station.code}:{today.year}")
            now = iso_utc()
            rec = CaseRecord(
                id=0, uuid=str(uuid_lib.uuid4()), number=f"{station.code}-{today.year}-{seq:06d}",
                station_code=station.code, year=today.year, category_id="", pack_id="",
                pack_version="", area_id="", status="draft", facts={}, voluntary_request=False,
                placement={}, assessment=None, intake_date=today.isoformat(), created_at=now,
                updated_at=now, submitted_at=None, clerk=actor.login, supervisor=None,
                clerk_name=actor.display_name,
                decision_reason=None, decided_by=None, decided_at=None, version=0,
                applicant=Person(person_id=str(uuid_lib.uuid4()), relation="applicant"))
            cur = db.conn.execute(
                "INSERT INTO cases (uuid, number, station_code, year, category_id, pack_id,"
                " pack_version, area_id, status, intake_date, created_at, updated_at, clerk_id,"
                " version) VALUES (?, ?, ?, ?, '', '', '', '', 'draft', ?, ?, ?, ?, 0)",
                [rec.uuid, rec.number, rec.station_code, rec.year, rec.intake_date, now, now,
                 actor.id])
            rec.id = int(cur.lastrowid or 0)
            changes = {"pack_id": pack_id, "pack_version": pack_version,
                       "category_id": category_id, "area_id": area_id, **intake}
            changes.setdefault("applicant", {})
            _apply_changes(db, rec, changes)
            _write_persons(db, rec, applicant=True, family=True)
            search.index_case(db, rec.id, search.tokens_for(rec), None)
            _commit_change(db, rec, actor=actor.login, action="case.create",
                           detail=f"category={rec.category_id} pack={rec.pack_id}",
                           before=None, after=snapshot(rec))
    except sqlite3.IntegrityError as exc:
        raise ValidationError("case", f"案件无法保存：{exc} / the case cannot be saved "
                              f"({exc})") from exc
    return rec


def save_draft(db: sqlite_utils.Database, case_uuid: str, changes: dict[str, Any], *,
               user: UserRef) -> CaseRecord:
    """Apply a partial update and commit it at once (a killed process loses at most the
    field being typed). `family` replaces the list; entries keep identity by person_id.
    An update that changes nothing writes nothing."""
    with transaction(db):
        actor = resolve_actor(db, user)
        _may_take_in(actor)
        rec = _load(db, case_uuid)
        if rec.status not in EDITABLE_STATUSES:
            raise CaseNotEditable(
                f"案件{rec.number}状态为“{STATUS_NAMES[rec.status]}”，不能再修改 / case "
                f"{rec.number} is {rec.status} and can no longer be changed")
        old_tokens = search.tokens_for(rec)
        changed = _apply_changes(db, rec, changes)
        if not changed:
            return rec
        search.index_case(db, rec.id, search.tokens_for(rec), old_tokens)
        _commit_change(db, rec, actor=actor.login, action="case.save",
                       detail="fields=" + ",".join(sorted(changed)),
                       before={k: v[0] for k, v in changed.items()},
                       after={k: v[1] for k, v in changed.items()})
    return rec


def attach_scan(db: sqlite_utils.Database, case_uuid: str, document_id: str,
                scan_path: str, scan_sha256: str, *, user: UserRef) -> CaseRecord:
    """Record a scan already stored under the data directory (see scans.store_scan)."""
    check_key(document_id, "document_id")
    with transaction(db):
        actor = resolve_actor(db, user)
        _may_take_in(actor)
        rec = _load(db, case_uuid)
        if rec.status not in EDITABLE_STATUSES:
            raise CaseNotEditable(f"案件{rec.number}不能再修改 / case {rec.number} can no longer "
                                  "be changed")
        old = rec.documents.get(document_id)
        doc = DocumentRecord(document_id, True if old is None else old.presented,
                             old.note if old else "", scan_path, scan_sha256)
        rec.documents[document_id] = doc
        _write_document(db, rec.id, doc)
        _commit_change(db, rec, actor=actor.login, action="case.scan",
                       detail=f"document={document_id}",
                       before=old.to_json() if old else None, after=doc.to_json())
    return rec


def transition(db: sqlite_utils.Database, case_uuid: str, new_status: str, *, user: UserRef,
               reason: str | None = None) -> CaseRecord:
    if new_status not in STATUSES:
        raise InvalidTransition(f"未知状态“{new_status}” / unknown status {new_status!r}")
    with transaction(db):
        actor = resolve_actor(db, user)
        rec = _load(db, case_uuid)
        old_status = rec.status
        if new_status not in TRANSITIONS[old_status]:
            allowed = "、".join(STATUS_NAMES[s] for s in TRANSITIONS[old_status]) or "无"
            raise InvalidTransition(
                f"案件{rec.number}不能从“{STATUS_NAMES[old_status]}”改为“{STATUS_NAMES[new_status]}”"
                f"（可改为：{allowed}） / case {rec.number} cannot go from {old_status} to "
                f"{new_status}; allowed: {', '.join(TRANSITIONS[old_status]) or 'none'}")
        if new_status in SUPERVISOR_DECISIONS:
            if actor.role != "supervisor":
                raise PermissionDenied(
                    "只有审核民警（supervisor）可以批准、退回或不予受理 / only a supervisor may "
                    "approve, return or refuse a case")
            if new_status == "approved" and actor.id == _clerk_id(db, rec.id):
                raise PermissionDenied(
                    f"不能批准自己受理的案件{rec.number}，请另一位审核民警审批 / you took in case "
                    f"{rec.number} yourself: another supervisor must approve it")
            rec.supervisor, rec.supervisor_name = actor.login, actor.display_name
            rec.supervisor_decided_at = iso_utc()
        else:
            _may_take_in(actor)
        if new_status in ("returned", "refused", "withdrawn") and not (reason or "").strip():
            raise ValidationError("reason", "请填写原因 / give the reason (it is printed on the "
                                  "notice)")
        if new_status in ("submitted", "awaiting_documents"):
            _check_ready(rec)
            rec.submitted_at = rec.submitted_at or iso_utc()
        rec.status = new_status
        if new_status in SUPERVISOR_DECISIONS:
            # Each decision carries its own reason: an approval after a return must not
            # keep showing the return's reason.
            rec.decision_reason = (reason or "").strip() or None
        elif reason is not None and reason.strip():
            rec.decision_reason = reason.strip()
        _commit_change(db, rec, actor=actor.login, action="case.status",
                       detail=f"{old_status}->{new_status}", before={"status": old_status},
                       after={"status": new_status, "reason": reason})
        household_id = rec.placement.get("household_id")
        if new_status == "approved" and household_id:
            # Approval into a collective household gives each person their member page in
            # the same transaction, so the collective-household slip can be printed.
            from hukou.store.households import add_household_member

            for person_id in _persons_entering(rec):
                add_household_member(db, int(household_id), case_uuid=rec.uuid,
                                     person_id=person_id, user=actor)
    return rec


def _persons_entering(rec: CaseRecord) -> list[str]:
    """The applicant and every family member the latest assessment allows to come along."""
    decisions = (rec.assessment or {}).get("family") or []
    allowed = {int(d["index"]) for d in decisions if d.get("allowed") and "index" in d}
    return [rec.applicant.person_id,
            *(p.person_id for i, p in enumerate(rec.family) if i in allowed)]


def _clerk_id(db: sqlite_utils.Database, case_id: int) -> int:
    return int(db.conn.execute("SELECT clerk_id FROM cases WHERE id = ?", [case_id]).fetchone()[0])


def _check_ready(rec: CaseRecord) -> None:
    if not rec.voluntary_request:
        # Settlement is voluntary: nothing goes forward without the applicant's own request
        # (001 §一(二), 000 §一(二)).
        raise ValidationError("voluntary_request", "请确认申请人本人自愿申请落户 / record the "
                              "applicant's own request to settle before accepting the case")
    if not rec.applicant.name:
        raise ValidationError("applicant.name", "请填写申请人姓名 / the applicant's name is empty")


def record_assessment(db: sqlite_utils.Database, case_uuid: str, assessment_json: dict[str, Any],
                      *, pack_id: str, pack_version: str, user: UserRef) -> CaseRecord:
    payload = json.loads(dumps(assessment_json))  # refuses what JSON cannot carry
    with transaction(db):
        actor = resolve_actor(db, user)
        rec = _load(db, case_uuid)
        if not rec.is_open:
            raise CaseNotEditable(f"案件{rec.number}已办结 / case {rec.number} is closed")
        now = iso_utc()
        db.conn.execute(
            "INSERT INTO assessments (case_id, pack_id, pack_version, outcome, result,"
            " assessed_at, assessed_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [rec.id, pack_id, pack_version, payload.get("outcome"), dumps(payload), now,
             actor.login])
        before = rec.assessment
        rec.assessment = payload
        _commit_change(db, rec, actor=actor.login, action="case.assessment",
                       detail=f"outcome={payload.get('outcome')} pack={pack_id}@{pack_version}",
                       before=before, after=payload)
    return rec


@dataclass(frozen=True)
class AssessmentRecord:
    pack_id: str
    pack_version: str
    outcome: str | None
    result: dict[str, Any]
    assessed_at: str
    assessed_by: str


def assessment_history(db: sqlite_utils.Database, case_uuid: str) -> list[AssessmentRecord]:
    rec_id = _load(db, case_uuid).id
    rows = db.conn.execute(
        "SELECT pack_id, pack_version, outcome, result, assessed_at, assessed_by FROM assessments"
        " WHERE case_id = ? ORDER BY id", [rec_id])
    return [AssessmentRecord(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5]) for r in rows]


def record_print(db: sqlite_utils.Database, case_uuid: str, kind: str, *, user: UserRef,
                 person_id: str | None = None, reprint: bool = False) -> PrintRecord:
    """Allocate the next serial for (kind, station, year) and record the print, in one
    transaction: a serial is never handed out twice, also across restarts."""
    check_key(kind, "kind")
    with transaction(db):
        actor = resolve_actor(db, user)
        station = require_station(db)
        rec = _load(db, case_uuid)
        if person_id is not None and person_id not in {p.person_id for p in rec.persons}:
            raise ValidationError("person_id", "此人不属于该案件 / that person is not in this case")
        year = local_today().year
        seq = _next_counter(db, f"print:{kind}:{station.code}:{year}")
        serial = f"{station.code}-{kind.upper()}-{year}-{seq:06d}"
        now = iso_utc()
        cur = db.conn.execute(
            "INSERT INTO printed (case_id, kind, serial, year, seq, person_uuid, printed_at,"
            " printed_by, reprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [rec.id, kind, serial, year, seq, person_id, now, actor.login, int(reprint)])
        printed = PrintRecord(int(cur.lastrowid or 0), rec.uuid, kind, serial, year, seq,
                              person_id, now, actor.login, reprint)
        rec.prints.append(printed)
        _commit_change(db, rec, actor=actor.login, action=f"print.{kind}",
                       detail=f"serial={serial} reprint={int(reprint)}", before=None,
                       after=printed.to_json())
    return printed


def apply_remote_decision(db: sqlite_utils.Database, case_uuid: str, *, status: str,
                          reason: str | None, decided_by: str, decided_at: str) -> CaseRecord:
    """Headquarters' decision: set the decision fields and audit it. No outbox row, so the
    decision does not echo back; applying the same decision twice changes nothing."""
    if status not in STATUSES:
        raise InvalidTransition(f"未知状态“{status}” / unknown status {status!r}")
    with transaction(db):
        rec = _load(db, case_uuid)
        if (rec.status, rec.decision_reason, rec.decided_by, rec.decided_at) == (
                status, reason, decided_by, decided_at):
            return rec
        before = {"status": rec.status, "reason": rec.decision_reason,
                  "decided_by": rec.decided_by, "decided_at": rec.decided_at}
        old_status = rec.status
        rec.status, rec.decision_reason = status, reason
        rec.decided_by, rec.decided_at = decided_by, decided_at
        _commit_change(db, rec, actor="headquarters", action="case.remote_decision",
                       detail=f"{old_status}->{status}", before=before,
                       after={"status": status, "reason": reason, "decided_by": decided_by,
                              "decided_at": decided_at}, outbox=False)
        # The collective household follows the decision that stands: HQ's approval enters
        # the persons (as the supervisor's does); HQ's refusal or return of a case the
        # station approved takes them off the register again.
        from hukou.store.households import add_household_member, remove_case_members

        household_id = rec.placement.get("household_id")
        if status == "approved" and household_id:
            for person_id in _persons_entering(rec):
                add_household_member(db, int(household_id), case_uuid=rec.uuid,
                                     person_id=person_id, user=None)
        elif status not in ("approved", "registered"):
            remove_case_members(db, rec.uuid, actor="headquarters")
    return rec
