"""From the store's case snapshot (a JSON-safe dict) to the `CaseView` the documents draw:
category and document titles from the policy pack and catalogue, citations written out
with the policy document's title and number, ethnic group codes as names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from hukou.policy.model import Catalogue, PolicyPack
from hukou.printing.model import (
    CaseView,
    CollectiveMembership,
    DocumentItem,
    MissingItem,
    PersonView,
    Placement,
    ReasonItem,
    StationInfo,
)

_CITE = re.compile(r"^(\d{3}) §(.+)$")
_DOCUMENT_NUMBER = re.compile(r"〔\d{4}〕\d+号$")


def parse_day(value: Any) -> dt.date | None:
    """An ISO date or a UTC timestamp (`…Z`) as the station's local calendar day."""
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.date()


def cite_text(cite: str, packs: Mapping[str, PolicyPack]) -> str:
    """`003 §二(一)2` → `《聊城市…意见》（聊政发〔2020〕7号）§二(一)2`."""
    match = _CITE.match(cite or "")
    if not match:
        return cite or ""
    seed, section = match.groups()
    pack = next((p for p in packs.values() if p.seed == seed), None)
    if pack is None:
        return cite
    number = pack.document_number
    # A pack whose seed text gives no number says so in words; print the title alone then.
    if _DOCUMENT_NUMBER.search(number):
        return f"《{pack.title}》（{number}）§{section}"
    return f"《{pack.title}》§{section}"


def _person(raw: Mapping[str, Any], ethnic_name: Callable[[str], str]) -> PersonView:
    ethnicity = raw.get("ethnicity") or ""
    return PersonView(
        person_uuid=str(raw.get("person_id") or raw.get("person_uuid") or ""),
        relation=str(raw.get("relation") or "other"),
        name=str(raw.get("name") or ""),
        id_number=str(raw.get("id_number") or ""),
        former_name=str(raw.get("former_name") or ""),
        sex=raw.get("sex"),
        ethnicity=ethnic_name(ethnicity) if ethnicity else "",
        birth_date=parse_day(raw.get("birth_date")),
        birthplace=str(raw.get("birthplace") or ""),
        native_place=str(raw.get("native_place") or ""),
        education=str(raw.get("education") or ""),
        marital_status=raw.get("marital_status"),
        occupation=str(raw.get("occupation") or ""),
        workplace=str(raw.get("workplace") or ""),
        phone=str(raw.get("phone") or ""),
        hukou_address=str(raw.get("hukou_address") or ""),
        moving_from=str(raw.get("moving_from") or ""),
    )


def case_view(
    snapshot: Mapping[str, Any],
    *,
    station: StationInfo,
    packs: Mapping[str, PolicyPack],
    catalogue: Catalogue | None = None,
    user_names: Mapping[str, str] | None = None,
    collective: Mapping[str, CollectiveMembership] | None = None,
    ethnic_name: Callable[[str], str] = lambda code: code,
    registered_on: dt.date | None = None,
) -> CaseView:
    """The printable view of one case snapshot (`hukou.store.case_snapshot`)."""
    names = user_names or {}
    pack = packs.get(str(snapshot.get("pack_id") or ""))
    category = pack.category(str(snapshot.get("category_id"))) if pack else None
    area = pack.area(str(snapshot.get("area_id"))) if pack else None

    persons = [_person(snapshot.get("applicant") or {}, ethnic_name)]
    persons += [_person(p, ethnic_name) for p in snapshot.get("family") or []]

    documents: list[DocumentItem] = []
    for doc in snapshot.get("documents") or []:
        if not doc.get("presented"):
            continue
        entry = catalogue.get(doc["document_id"]) if catalogue else None
        documents.append(
            DocumentItem(
                doc["document_id"],
                entry.title if entry else doc["document_id"],
                str(doc.get("note") or ""),
            )
        )

    assessment = snapshot.get("assessment") or {}
    missing = tuple(
        MissingItem(
            tuple(m.get("titles") or m.get("doc_ids") or ()),
            bool(m.get("one_of")),
            cite_text(m.get("cite", ""), packs),
            str(m.get("note") or ""),
        )
        for m in assessment.get("missing") or []
    )
    reasons = tuple(
        ReasonItem(
            str(r.get("text", "")), cite_text(r.get("cite", ""), packs), bool(r.get("holds"))
        )
        for r in assessment.get("reasons") or []
    )
    allowed: frozenset[str] | None = None
    decisions = assessment.get("family")
    if decisions is not None:
        family = persons[1:]
        allowed = frozenset(
            family[d["index"]].person_uuid
            for d in decisions
            if d.get("allowed") and 0 <= int(d.get("index", -1)) < len(family)
        )

    placement_raw = snapshot.get("placement") or {}
    placement = None
    if placement_raw.get("kind") or placement_raw.get("address"):
        kind = str(placement_raw.get("kind") or "family_household")
        option = next(
            (p for p in (category.placements if category else ()) if p.kind == kind), None
        )
        household = next(iter((collective or {}).values()), None)
        placement = Placement(
            kind=kind,
            label=option.label if option else "",
            address=str(placement_raw.get("address") or (household.address if household else "")),
            household_number=household.number if household else "",
        )

    decision = snapshot.get("decision") or {}
    supervisor = snapshot.get("supervisor") or decision.get("decided_by") or ""
    clerk = snapshot.get("clerk") or ""
    return CaseView(
        uuid=str(snapshot["uuid"]),
        number=str(snapshot["number"]),
        station=station,
        category_title=category.title if category else str(snapshot.get("category_id") or ""),
        intake_date=parse_day(snapshot.get("intake_date")) or dt.date.today(),
        persons=tuple(persons),
        status=str(snapshot.get("status") or ""),
        category_id=str(snapshot.get("category_id") or ""),
        pack_title=pack.title if pack else "",
        pack_document_number=pack.document_number if pack else "",
        area_name=area.name if area else "",
        clerk_name=names.get(clerk, clerk),
        supervisor_name=names.get(supervisor, supervisor),
        decided_on=parse_day(decision.get("decided_at")),
        decision_reason=str(decision.get("reason") or ""),
        registered_on=registered_on,
        outcome=assessment.get("outcome"),
        documents=tuple(documents),
        missing=missing,
        reasons=reasons,
        not_yet_until=parse_day(assessment.get("not_yet_until")),
        allowed_person_uuids=allowed,
        placement=placement,
        collective=dict(collective or {}),
    )
