"""The plain, typed view of a case that the document builders draw, and of one issue of a
document (serial, date, QR text). Built from the store's case snapshot by `view.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = (
    "receipt",
    "one_time_notice",
    "refusal_notice",
    "settlement_permit",
    "registration_card",
    "collective_slip",
)
KIND_TITLES = {
    "receipt": "受理回执",
    "one_time_notice": "一次性告知书",
    "refusal_notice": "不予受理通知书",
    "settlement_permit": "准予迁入证明",
    "registration_card": "常住人口登记卡",
    "collective_slip": "集体户口登记页",
}
# Documents printed once per person rather than once per case.
PER_PERSON_KINDS = frozenset({"registration_card", "collective_slip"})

RELATION_LABELS = {
    "applicant": "申请人",
    "spouse": "配偶",
    "child": "子女",
    "parent": "父母",
    "other": "其他亲属",
}
SEX_LABELS = {"male": "男", "female": "女"}
MARITAL_LABELS = {"unmarried": "未婚", "married": "已婚", "divorced": "离婚", "widowed": "丧偶"}
HOUSEHOLD_KIND_LABELS = {
    "family_household": "家庭户",
    "relative_household": "家庭户",
    "unit_collective": "单位集体户",
    "school_collective": "学校集体户",
    "talent_collective": "人才（市场）集体户",
    "community_collective": "社区集体户",
    "community_public": "社区公共户",
    # the store's names for collective households
    "unit": "单位集体户",
    "school": "学校集体户",
    "talent_market": "人才市场集体户",
}


@dataclass(frozen=True)
class StationInfo:
    code: str
    name: str
    address: str = ""
    phone: str = ""
    hours: str = ""
    review_body: str = ""  # where an applicant seeks administrative review


@dataclass(frozen=True)
class PersonView:
    person_uuid: str
    relation: str  # applicant | spouse | child | parent | other
    name: str
    id_number: str = ""
    former_name: str = ""
    sex: str | None = None
    ethnicity: str = ""
    birth_date: dt.date | None = None
    birthplace: str = ""
    native_place: str = ""
    education: str = ""
    marital_status: str | None = None
    occupation: str = ""
    workplace: str = ""
    phone: str = ""
    hukou_address: str = ""  # the address the person is registered at (after the move)
    moving_from: str = ""  # where the person moves in from

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS.get(self.relation, self.relation)

    @property
    def sex_label(self) -> str:
        return SEX_LABELS.get(self.sex or "", "")

    @property
    def marital_label(self) -> str:
        return MARITAL_LABELS.get(self.marital_status or "", "")


@dataclass(frozen=True)
class DocumentItem:
    doc_id: str
    title: str
    note: str = ""


@dataclass(frozen=True)
class MissingItem:
    titles: tuple[str, ...]
    one_of: bool
    cite: str  # already written out for print: 《title》（number）§…
    note: str = ""

    @property
    def text(self) -> str:
        if self.one_of and len(self.titles) > 1:
            return "以下之一：" + "、".join(self.titles)
        return "、".join(self.titles)


@dataclass(frozen=True)
class ReasonItem:
    text: str
    cite: str  # written out for print
    holds: bool


@dataclass(frozen=True)
class Placement:
    kind: str  # a policy PlacementKind
    label: str = ""
    address: str = ""
    household_number: str = ""
    householder: str = ""
    relation_to_head: str = ""

    @property
    def kind_label(self) -> str:
        return HOUSEHOLD_KIND_LABELS.get(self.kind, self.label or self.kind)


@dataclass(frozen=True)
class CollectiveMembership:
    kind: str  # unit | school | talent_market | community_public
    name: str
    number: str
    address: str
    managing_unit: str
    page: int

    @property
    def kind_label(self) -> str:
        return HOUSEHOLD_KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class CaseView:
    uuid: str
    number: str
    station: StationInfo
    category_title: str
    intake_date: dt.date
    persons: tuple[PersonView, ...]
    status: str = ""
    category_id: str = ""
    pack_title: str = ""
    pack_document_number: str = ""
    area_name: str = ""
    clerk_name: str = ""
    supervisor_name: str = ""
    decided_on: dt.date | None = None
    decision_reason: str = ""  # the supervisor's (or headquarters') own words
    registered_on: dt.date | None = None
    outcome: str | None = None
    documents: tuple[DocumentItem, ...] = ()  # presented at the counter
    missing: tuple[MissingItem, ...] = ()
    reasons: tuple[ReasonItem, ...] = ()
    not_yet_until: dt.date | None = None
    allowed_person_uuids: frozenset[str] | None = None  # None: everyone in the case
    placement: Placement | None = None
    collective: dict[str, CollectiveMembership] = field(default_factory=dict)

    @property
    def applicant(self) -> PersonView:
        for person in self.persons:
            if person.relation == "applicant":
                return person
        return self.persons[0]

    def person(self, person_uuid: str) -> PersonView | None:
        return next((p for p in self.persons if p.person_uuid == person_uuid), None)

    @property
    def moving_persons(self) -> tuple[PersonView, ...]:
        """The applicant and everyone the assessment allows to come along."""
        allowed = self.allowed_person_uuids
        return tuple(
            p
            for p in self.persons
            if p.relation == "applicant" or allowed is None or p.person_uuid in allowed
        )


@dataclass(frozen=True)
class IssueInfo:
    """One printing of one document: what the header, the footer and the QR code say."""

    kind: str
    serial: str
    printed_on: dt.date
    qr_text: str
    officer: str = ""
    reprint: bool = False
    person_uuid: str | None = None
    preview: bool = False  # an on-screen preview: watermarked, no serial spent
    first_issued: dt.date | None = None  # the first print of this document (for a 补打)
