"""What the intake wizard holds while the clerk types, and its two translations:
to the policy's CaseFile (for the live assessment) and to the store's draft changes.

Plain Python, no Qt: the pages write into an IntakeState; the wizard assesses and saves it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from hukou.domain.idnumber import InvalidIdNumber, parse_id_number
from hukou.domain.names import InvalidName, validate_name
from hukou.policy import Assessment, CaseError, CaseFile, assess
from hukou.policy.model import Category, PolicyPack

# Whether a person lives with the applicant (共同居住生活) is asked per person; the store
# keeps it among the facts under this prefix and the person's id.
COHABITING_PREFIX = "cohabiting."
APPLICANT_FIELDS = (
    "id_number",
    "name",
    "former_name",
    "sex",
    "birth_date",
    "birthplace",
    "ethnicity",
    "marital_status",
    "education",
    "occupation",
    "workplace",
    "phone",
    "hukou_address",
    "moving_from",
)


@dataclass
class FamilyEntry:
    relation: str = "child"
    name: str = ""
    id_number: str = ""
    marital_status: str = ""
    cohabiting: bool | None = None
    person_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    saved: bool = False  # the store knows this person_id already


@dataclass
class IntakeState:
    pack: PolicyPack
    area_id: str
    category_id: str = ""
    case_uuid: str | None = None
    case_number: str | None = None
    status: str = "draft"
    applicant: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    family: list[FamilyEntry] = field(default_factory=list)
    documents: dict[str, bool] = field(default_factory=dict)
    voluntary_request: bool | None = None
    placement: dict[str, Any] = field(default_factory=dict)
    # cohabiting.* fact keys written under a person id the store has since replaced
    stale_fact_keys: set[str] = field(default_factory=set)

    @property
    def category(self) -> Category | None:
        return self.pack.category(self.category_id) if self.category_id else None

    # -- reading a saved draft --------------------------------------------------------

    @classmethod
    def from_snapshot(cls, pack: PolicyPack, snap: dict[str, Any]) -> IntakeState:
        applicant = {
            k: str(v)
            for k, v in (snap.get("applicant") or {}).items()
            if k in APPLICANT_FIELDS and v not in (None, "")
        }
        facts = dict(snap.get("facts") or {})
        family = []
        for person in snap.get("family") or []:
            pid = str(person.get("person_id"))
            cohabiting = facts.pop(COHABITING_PREFIX + pid, None)
            family.append(
                FamilyEntry(
                    relation=str(person.get("relation") or "other"),
                    name=person.get("name") or "",
                    id_number=person.get("id_number") or "",
                    marital_status=person.get("marital_status") or "",
                    cohabiting=cohabiting if isinstance(cohabiting, bool) else None,
                    person_id=pid,
                    saved=True,
                )
            )
        documents = {
            d["document_id"]: bool(d.get("presented")) for d in snap.get("documents") or []
        }
        return cls(
            pack=pack,
            area_id=str(snap.get("area_id") or ""),
            category_id=str(snap.get("category_id") or ""),
            case_uuid=snap.get("uuid"),
            case_number=snap.get("number"),
            status=str(snap.get("status") or "draft"),
            applicant=applicant,
            facts=facts,
            family=family,
            documents=documents,
            voluntary_request=bool(snap.get("voluntary_request")) or None,
            placement=dict(snap.get("placement") or {}),
        )

    def adopt_saved_family(self, saved_ids: list[str]) -> None:
        """After a save: the store's person ids, in order, for the family entries."""
        for entry, person_id in zip(self.family, saved_ids, strict=False):
            if entry.person_id != person_id:
                self.stale_fact_keys.add(COHABITING_PREFIX + entry.person_id)
                entry.person_id = person_id
            entry.saved = True
        self.stale_fact_keys -= {COHABITING_PREFIX + e.person_id for e in self.family}

    def remove_family(self, index: int) -> None:
        entry = self.family.pop(index)
        if entry.saved:
            self.stale_fact_keys.add(COHABITING_PREFIX + entry.person_id)

    # -- the policy's view --------------------------------------------------------------

    def valid_id_number(self, text: str) -> str | None:
        try:
            return parse_id_number(text).number if text else None
        except InvalidIdNumber:
            return None

    @staticmethod
    def valid_name(text: str) -> str | None:
        try:
            return validate_name(text) if text.strip() else None
        except InvalidName:
            return None

    def case_file(self) -> CaseFile:
        """Only what is valid so far goes to the assessment; the rest counts as not yet known."""
        category = self.category
        fact_keys = {f.key for f in category.facts} if category else set()
        facts = {k: v for k, v in self.facts.items() if k in fact_keys and v is not None}
        applicant: dict[str, Any] = {
            "name": self.valid_name(self.applicant.get("name", "")),
            "id_number": self.valid_id_number(self.applicant.get("id_number", "")),
            "marital_status": self.applicant.get("marital_status") or None,
        }
        family = []
        for entry in self.family:
            family.append(
                {
                    "relation": entry.relation,
                    "name": self.valid_name(entry.name),
                    "id_number": self.valid_id_number(entry.id_number),
                    "marital_status": entry.marital_status or None,
                    "cohabiting": entry.cohabiting,
                }
            )
        return CaseFile.model_validate(
            {
                "pack": self.pack.id,
                "area": self.area_id,
                "category": self.category_id,
                "applicant": applicant,
                "voluntary_request": self.voluntary_request,
                "facts": facts,
                "documents": sorted(d for d, presented in self.documents.items() if presented),
                "family": family,
            }
        )

    def assess(self, on: dt.date | None = None) -> Assessment | CaseError:
        """The live assessment, or the CaseError saying what to correct first."""
        if not self.category_id:
            return CaseError("请先选择落户类别 / choose the settlement category first")
        try:
            return assess(self.pack, self.case_file(), on)
        except CaseError as exc:
            return exc

    # -- the store's view ---------------------------------------------------------------

    def draft_changes(self) -> dict[str, Any]:
        """Everything typed so far that the store accepts (invalid fields are left out)."""
        applicant: dict[str, Any] = {}
        for key in APPLICANT_FIELDS:
            value = self.applicant.get(key, "")
            if key == "id_number":
                applicant[key] = self.valid_id_number(value)
            elif key in ("name", "former_name"):
                applicant[key] = self.valid_name(value) or ""
            elif key in ("sex", "birth_date"):
                continue  # the ID number decides them
            else:
                applicant[key] = value or None if key in ("ethnicity", "marital_status") else value
        family = []
        facts: dict[str, Any] = dict(self.facts)
        for entry in self.family:
            person: dict[str, Any] = {
                "relation": entry.relation,
                "name": self.valid_name(entry.name) or "",
                "id_number": self.valid_id_number(entry.id_number),
                "marital_status": entry.marital_status or None,
            }
            if entry.saved:
                person["person_id"] = entry.person_id
            family.append(person)
            if entry.saved:
                facts[COHABITING_PREFIX + entry.person_id] = entry.cohabiting
        for key in self.stale_fact_keys:
            facts.setdefault(key, None)
        return {
            "category_id": self.category_id,
            "area_id": self.area_id,
            "applicant": applicant,
            "facts": facts,
            "family": family,
            "documents": {d: {"presented": p} for d, p in self.documents.items()},
            "voluntary_request": bool(self.voluntary_request),
            "placement": self.placement or None,
        }
