"""Printing a document for a case in the station database: check it can be printed,
allocate its serial (`hukou.store.record_print`, which also audits it), sign the QR text
with the station key and draw the PDF. A second print of the same document is a 补打."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from hukou import store
from hukou.domain import signing
from hukou.policy import cached_catalogue, load_all_packs
from hukou.printing.documents import build_document, check_printable
from hukou.printing.errors import PrintError
from hukou.printing.model import (
    KIND_TITLES,
    PER_PERSON_KINDS,
    CaseView,
    CollectiveMembership,
    IssueInfo,
    StationInfo,
)
from hukou.printing.view import case_view, parse_day
from hukou.store.users import UserRef
from hukou.store.util import local_today

# Settings (`hukou.store.set_setting`) printed on the notices: where to bring documents,
# when the counter is open, and where to seek administrative review.
SETTING_ADDRESS = "station.address"
SETTING_PHONE = "station.phone"
SETTING_HOURS = "station.hours"
SETTING_REVIEW_BODY = "station.review_body"
PREVIEW_SERIAL = "PREVIEW"


@dataclass(frozen=True)
class PrintedDocument:
    pdf: bytes
    kind: str
    serial: str
    case_uuid: str
    case_number: str
    person_id: str | None
    reprint: bool
    printed_on: dt.date
    qr_text: str

    @property
    def title(self) -> str:
        return KIND_TITLES[self.kind]

    @property
    def file_name(self) -> str:
        return f"{self.case_number}-{self.serial}.pdf"


def station_info(db: sqlite_utils.Database) -> tuple[store.Station, StationInfo]:
    station = store.get_station(db)
    if station is None:
        raise PrintError(
            "尚未设置派出所，无法打印文书；请管理员先完成设置 / the station is not set up, so "
            "nothing can be printed: the administrator must set it up first"
        )
    info = StationInfo(
        code=station.code,
        name=station.name,
        address=str(store.get_setting(db, SETTING_ADDRESS, "") or ""),
        phone=str(store.get_setting(db, SETTING_PHONE, "") or ""),
        hours=str(store.get_setting(db, SETTING_HOURS, "") or ""),
        review_body=str(store.get_setting(db, SETTING_REVIEW_BODY, "") or ""),
    )
    return station, info


def _display_names(db: sqlite_utils.Database, logins: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for login in logins:
        if login and login not in names:
            try:
                names[login] = store.get_user(db, login).display_name
            except store.NotFound:
                names[login] = login
    return names


def _memberships(
    db: sqlite_utils.Database, snapshot: dict[str, Any]
) -> dict[str, CollectiveMembership]:
    household_id = (snapshot.get("placement") or {}).get("household_id")
    if household_id is None:
        return {}
    household = store.get_collective_household(db, int(household_id))
    return {
        m.person_id: CollectiveMembership(
            household.kind,
            household.name,
            household.number,
            household.address,
            household.managing_unit,
            m.page,
        )
        for m in store.list_household_members(db, household.id)
        if m.case_uuid == snapshot["uuid"]
    }


def _ethnic_name(code: str) -> str:
    group = store.ethnic_group(code)
    return group.name if group else code


def _first_issued(snapshot: dict[str, Any], kind: str, person_id: str | None) -> dt.date | None:
    days = [
        parse_day(p["printed_at"])
        for p in snapshot.get("prints") or []
        if p["kind"] == kind and p.get("person_id") == person_id
    ]
    return min((d for d in days if d), default=None)


def load_case_view(
    db: sqlite_utils.Database,
    case_uuid: str,
    *,
    kind: str | None = None,
    person_id: str | None = None,
) -> tuple[dict[str, Any], CaseView]:
    """The case snapshot and its printable view."""
    _station, info = station_info(db)
    snapshot = store.case_snapshot(db, case_uuid)
    decision = snapshot.get("decision") or {}
    registered_on = None
    if kind in PER_PERSON_KINDS:
        registered_on = _first_issued(
            snapshot, "registration_card", person_id or snapshot["applicant"].get("person_id")
        )
    view = case_view(
        snapshot,
        station=info,
        packs=load_all_packs(),
        catalogue=cached_catalogue(),
        user_names=_display_names(
            db,
            [
                snapshot.get("clerk") or "",
                snapshot.get("supervisor") or "",
                decision.get("decided_by") or "",
            ],
        ),
        collective=_memberships(db, snapshot),
        ethnic_name=_ethnic_name,
        registered_on=registered_on,
    )
    return snapshot, view


def _person_id(view: CaseView, kind: str, person_id: str | None) -> str | None:
    if kind not in PER_PERSON_KINDS:
        if person_id is not None:
            raise PrintError(
                f"{KIND_TITLES[kind]}按案件打印，不能指定人员 / a {kind} is printed per case, "
                "not per person: leave the person out"
            )
        return None
    return person_id or view.applicant.person_uuid


def render_document(
    db: sqlite_utils.Database,
    case_uuid: str,
    kind: str,
    *,
    user: UserRef,
    person_id: str | None = None,
    reprint: bool = False,
) -> PrintedDocument:
    """Print `kind` for the case: allocate the serial, audit the print, return the PDF.

    `person_id` chooses the person for a registration card or collective slip (default:
    the applicant). A document printed before for the same case (and person) is always a
    reprint, marked 补打, whatever `reprint` says. Raises `PrintError` (or a
    `hukou.store.StoreError`) with a message the clerk can act on.
    """
    if kind not in KIND_TITLES:
        raise PrintError(
            f"没有“{kind}”这种文书 / there is no document kind {kind!r}; "
            f"choose one of {', '.join(KIND_TITLES)}"
        )
    station, _info = station_info(db)
    snapshot, view = load_case_view(db, case_uuid, kind=kind, person_id=person_id)
    who = _person_id(view, kind, person_id)
    check_printable(view, kind, who)
    earlier = _first_issued(snapshot, kind, who)
    reprint = reprint or earlier is not None
    record = store.record_print(db, view.uuid, kind, user=user, person_id=who, reprint=reprint)
    printed_on = parse_day(record.printed_at) or dt.date.today()
    try:
        qr_text = signing.make_qr_text(
            station.signing_key_b64,
            case_uuid=view.uuid,
            kind=kind,
            serial=record.serial,
            station_code=station.code,
            issued=printed_on,
        )
    except (signing.InvalidQrText, signing.SigningKeyError) as exc:
        raise PrintError(
            f"无法生成文书{record.serial}的二维码：{exc} / cannot make the QR code of document "
            f"{record.serial}; check the station code and signing key"
        ) from exc
    if kind in PER_PERSON_KINDS and view.registered_on is None:
        view = replace(view, registered_on=printed_on)
    officer = store.get_user(db, record.printed_by).display_name
    issue = IssueInfo(
        kind=kind,
        serial=record.serial,
        printed_on=printed_on,
        qr_text=qr_text,
        officer=officer,
        reprint=reprint,
        person_uuid=who,
        first_issued=earlier or printed_on,
    )
    pdf = build_document(view, issue)
    return PrintedDocument(
        pdf=pdf,
        kind=kind,
        serial=record.serial,
        case_uuid=view.uuid,
        case_number=view.number,
        person_id=who,
        reprint=reprint,
        printed_on=printed_on,
        qr_text=qr_text,
    )


def preview_document(
    db: sqlite_utils.Database,
    case_uuid: str,
    kind: str,
    *,
    person_id: str | None = None,
    officer: str = "",
) -> bytes:
    """The document as it would print, watermarked 样张, without spending a serial or
    recording anything (the GUI's preview pane)."""
    if kind not in KIND_TITLES:
        raise PrintError(
            f"没有“{kind}”这种文书 / there is no document kind {kind!r}; "
            f"choose one of {', '.join(KIND_TITLES)}"
        )
    _snapshot, view = load_case_view(db, case_uuid, kind=kind, person_id=person_id)
    who = _person_id(view, kind, person_id)
    today = local_today()
    issue = IssueInfo(
        kind=kind,
        serial=PREVIEW_SERIAL,
        printed_on=today,
        qr_text=f"{signing.QR_PREFIX}|PREVIEW|{view.uuid}|{kind}",
        officer=officer,
        person_uuid=who,
        preview=True,
    )
    return build_document(view, issue)
