"""One case's history read back from the audit trail: who did what, when — intake, edits,
scans, status changes, assessments, prints and reprints, headquarters' decisions.

Audit rows hold logins and codes only (no names, no ID numbers); the actor's display name
is looked up in users when the history is read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlite_utils

from hukou.store import migrations
from hukou.store.errors import NotFound

# What each audit action of a case is, for the screens.
EVENTS = {
    "case.create": "created",
    "case.save": "edited",
    "case.scan": "scan",
    "case.status": "status",
    "case.assessment": "assessment",
    "case.remote_decision": "hq_decision",
    "household.member": "household_member",
    "household.member_removed": "household_member_removed",
}
PRINT_PREFIX = "print."
HEADQUARTERS_ACTOR = "headquarters"


@dataclass(frozen=True)
class HistoryEntry:
    """One thing done to a case. `count` > 1 when consecutive edits by the same person were
    merged (the wizard saves as the clerk types); `until` is then the last of them."""

    at: str  # ISO 8601 UTC, as the audit wrote it
    actor: str  # login, "headquarters" or "system"
    actor_name: str  # display name from users; "" when the actor is not a user
    event: str  # created, edited, scan, status, assessment, print, hq_decision, ...
    action: str  # the audit action as written, e.g. "print.receipt"
    old_status: str | None = None
    new_status: str | None = None
    print_kind: str | None = None
    serial: str | None = None
    reprint: bool = False
    fields: tuple[str, ...] = ()  # edited: the case fields that changed
    document_id: str | None = None  # scan
    outcome: str | None = None  # assessment
    decided_by: str | None = None  # hq_decision: headquarters' own record of who decided
    count: int = 1
    until: str | None = None


def _pairs(detail: str) -> dict[str, str]:
    """`key=value key=value` as the store's audit details write them."""
    out: dict[str, str] = {}
    for part in detail.split():
        key, sep, value = part.partition("=")
        if sep:
            out[key] = value
    return out


def _entry(at: str, actor: str, name: str, action: str, detail: str) -> HistoryEntry:
    values = _pairs(detail)
    if action.startswith(PRINT_PREFIX):
        return HistoryEntry(at, actor, name, "print", action,
                            print_kind=action[len(PRINT_PREFIX):], serial=values.get("serial"),
                            reprint=values.get("reprint") == "1")
    event = EVENTS.get(action, action)
    if event in ("status", "hq_decision"):
        old, _, new = detail.partition("->")
        return HistoryEntry(at, actor, name, event, action, old_status=old.strip() or None,
                            new_status=new.strip() or None)
    if event == "edited":
        fields = tuple(f for f in values.get("fields", "").split(",") if f)
        return HistoryEntry(at, actor, name, event, action, fields=fields)
    if event == "scan":
        return HistoryEntry(at, actor, name, event, action, document_id=values.get("document"))
    if event == "assessment":
        return HistoryEntry(at, actor, name, event, action, outcome=values.get("outcome"))
    return HistoryEntry(at, actor, name, event, action)


def merge_edits(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """Fold runs of edits by one person, with nothing else in between, into one entry that
    names every field changed in the run."""
    merged: list[HistoryEntry] = []
    for entry in entries:
        last = merged[-1] if merged else None
        if (last is not None and entry.event == "edited" and last.event == "edited"
                and last.actor == entry.actor):
            fields = last.fields + tuple(f for f in entry.fields if f not in last.fields)
            merged[-1] = replace(last, fields=fields, count=last.count + 1, until=entry.at)
        else:
            merged.append(entry)
    return merged


def case_history(db: sqlite_utils.Database, case_uuid: str, *,
                 merge: bool = True) -> list[HistoryEntry]:
    """The case's audit rows, oldest first, each with its actor's display name."""
    row = db.conn.execute("SELECT decided_by FROM cases WHERE uuid = ?", [case_uuid]).fetchone()
    if row is None:
        raise NotFound(f"没有案件{case_uuid} / there is no case {case_uuid}")
    hq_decided_by = row[0]
    rows = db.conn.execute(
        "SELECT a.at, a.actor, coalesce(u.display_name, ''), a.action, a.detail FROM audit a"
        " LEFT JOIN users u ON u.login = a.actor"
        " WHERE a.case_uuid = ? ORDER BY a.id", [case_uuid]).fetchall()
    entries = [_entry(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]
    # The case row keeps who at headquarters made the latest decision; earlier ones are
    # only in headquarters' own records.
    for i in range(len(entries) - 1, -1, -1):
        if entries[i].event == "hq_decision":
            entries[i] = replace(entries[i], decided_by=hq_decided_by)
            break
    return merge_edits(entries) if merge else entries


def _audit_by_case(db: sqlite_utils.Database) -> None:
    """A case's history reads its own audit rows, not the station's whole trail."""
    db.execute("CREATE INDEX IF NOT EXISTS audit_by_case ON audit (case_uuid, id)"
               " WHERE case_uuid IS NOT NULL")


migrations.register("store.history.0001_audit_by_case", _audit_by_case)
