"""The case as the assessment sees it (input) and the assessment's answer (output).

Both are plain pydantic models, so a case file (JSON) validates into CaseFile and an
Assessment dumps to JSON for the store, the printouts and headquarters.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hukou.policy.model import Outcome, Output, PlacementKind, Relation

MaritalStatus = Literal["unmarried", "married", "divorced", "widowed"]


class PersonInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    id_number: str | None = None
    birth_date: dt.date | None = None   # derived from id_number when absent
    marital_status: MaritalStatus | None = None


class FamilyMemberInput(PersonInput):
    relation: Relation
    cohabiting: bool | None = None      # 共同居住生活, where the document asks for it


class CaseFile(BaseModel):
    """One intake, as `hukou assess --case FILE.json` reads it (README: case-file format)."""

    model_config = ConfigDict(extra="forbid")

    pack: str
    area: str
    category: str
    applicant: PersonInput = Field(default_factory=PersonInput)
    voluntary_request: bool | None = None   # the applicant's own request (001 §一(二))
    facts: dict[str, bool | int | float | dt.date | str] = Field(default_factory=dict)
    documents: list[str] = Field(default_factory=list)   # catalogue ids presented
    family: list[FamilyMemberInput] = Field(default_factory=list)


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str          # rule id, or a fixed code such as "voluntary_request"
    text: str          # Chinese, for the clerk and the printouts
    cite: str
    holds: bool        # True: a condition met; False: the reason the case fails


class MissingDocument(BaseModel):
    """One line of the one-time notice: a document, or one of several alternatives."""

    model_config = ConfigDict(frozen=True)

    doc_ids: list[str]
    titles: list[str]
    one_of: bool
    cite: str
    note: str | None = None


class UnansweredFact(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    label: str


class FamilyDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int                  # position in CaseFile.family
    relation: Relation
    name: str | None
    allowed: bool
    reason: str
    cite: str | None


class PlacementOption(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: PlacementKind
    label: str
    cite: str


class FollowUpItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    cite: str


class Assessment(BaseModel):
    """What the policy allows for a case on a date, and why."""

    model_config = ConfigDict(frozen=True)

    pack_id: str
    pack_version: str
    category_id: str
    area_id: str
    assessed_on: dt.date
    outcome: Outcome
    reasons: list[Reason]
    missing: list[MissingDocument]          # ALL missing documents at once (行政许可法 §32)
    unanswered: list[UnansweredFact]        # facts the rules still need
    family: list[FamilyDecision]
    placements: list[PlacementOption]
    not_yet_until: dt.date | None           # for not_yet: the earliest date it becomes possible
    follow_ups: list[FollowUpItem]
    outputs: list[Output]                   # what the counter prints for this outcome
