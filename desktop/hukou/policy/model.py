"""The policy pack schema: what a pack file (forms/*.yaml) may say, as frozen typed objects.

A pack encodes one policy document (../shared/seeds). Every rule carries a citation of the
form `NNN §…` naming the seed file's number and the section, e.g. `003 §二(一)2`.
The loader (loader.py) validates a file against these models; assess.py and lint.py read
only these objects.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    model_validator,
)

from hukou.policy.conditions import ALWAYS, Condition, parse_condition

CITATION_PATTERN = re.compile(r"^\d{3} §\S.*$")

# City tiers of 001 §二: the national framework sets what a city of each size may ask.
Tier = Literal[
    "town",          # 建制镇和小城市 (<0.5M): settlement fully open, 001 §二(四)
    "medium",        # 城区人口50万至100万的城市: 001 §二(五)
    "large_1_3m",    # 城区人口100万至300万的大城市: 001 §二(六)
    "large_3_5m",    # 城区人口300万至500万的大城市: 001 §二(六)
    "megacity",      # 城区人口500万以上的特大城市: points settlement, 001 §二(七)
    "rural",         # 农村地区 (moves into rural areas)
]
FactType = Literal["bool", "number", "date", "choice"]
# What a fact measures, so the lint can hold a condition on it against the ceilings.
Measure = Literal[
    "social_insurance_years",
    "employment_years",
    "residence_years",
    "housing_area_m2",
    "housing_price",
    "points",
]
Relation = Literal["spouse", "child", "parent", "other"]
# Who counts as a child who may come along, per document (DESIGN §3):
ChildScope = Literal["minor", "unmarried", "unmarried_incl_divorced", "any"]
PlacementKind = Literal[
    "family_household",       # 家庭户 at the applicant's own lawful residence
    "relative_household",     # 亲属、朋友家庭户 (with the householder's consent)
    "unit_collective",        # 单位集体户
    "school_collective",      # 学校集体户
    "talent_collective",      # 人才（市场）集体户
    "community_collective",   # 社区集体户
    "community_public",       # 社区公共户
]
Output = Literal[
    "receipt",            # 受理回执
    "one_time_notice",    # 一次性告知书
    "refusal_notice",     # 不予受理通知书
    "settlement_permit",  # 准予迁入证明
    "registration_card",  # 常住人口登记卡
    "collective_slip",    # 集体户口（页）
]
Outcome = Literal["eligible", "incomplete", "not_eligible", "not_yet"]
Route = Literal["move_in", "birth", "death", "move_out", "internal_move"]


def _check_citation(value: str) -> str:
    if not CITATION_PATTERN.match(value):
        raise ValueError(
            f"引用格式应为“003 §二(一)2” / a citation names the seed file number and the "
            f"section, like `003 §二(一)2`; got {value!r}"
        )
    return value


Citation = Annotated[str, AfterValidator(_check_citation)]
ConditionField = Annotated[
    Condition,
    BeforeValidator(parse_condition),
    PlainSerializer(lambda c: c.to_data(), return_type=Any),   # dumps as the YAML form
]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class Cited(Frozen):
    cite: Citation


class CatalogueDocument(Frozen):
    """One document type the counter may receive (forms/catalogue.yaml)."""

    id: Identifier
    title: str                   # the document's own Chinese title
    proves: str                  # what it proves, in Chinese
    issuer: str | None = None    # who issues it
    note: str | None = None


class Catalogue(Frozen):
    documents: tuple[CatalogueDocument, ...]
    _by_id: dict[str, CatalogueDocument] = PrivateAttr(default_factory=dict)

    def get(self, doc_id: str) -> CatalogueDocument | None:
        if not self._by_id:
            self._by_id.update((d.id, d) for d in self.documents)
        return self._by_id.get(doc_id)


class Area(Cited):
    """A place the document distinguishes: a city tier, a city, a district, a sub-district."""

    id: Identifier
    name: str
    tier: Tier | None = None      # None: inherits the parent's tier
    parent: Identifier | None = None
    note: str | None = None


class Ceiling(Cited):
    """A limit a document sets for the rules of a tier (lint input).

    e.g. 001: tier medium, social_insurance_years ≤ 3, housing thresholds forbidden.
    """

    tiers: tuple[Tier, ...]
    measure: Measure
    max: float | None = None          # the largest number a condition may require
    forbidden: bool = False           # no condition on this measure at all


class Fact(Frozen):
    """A question the category asks about the case."""

    key: Identifier
    label: str                         # the question, in Chinese
    type: FactType
    choices: dict[str, str] | None = None   # choice key -> Chinese label (type choice)
    unit: str | None = None                 # e.g. 年, 平方米 (type number)
    min: float | None = None
    max: float | None = None
    measure: Measure | None = None
    help: str | None = None
    show_when: ConditionField = ALWAYS      # asked only when this holds
    cite: Citation | None = None

    @model_validator(mode="after")
    def _choices_match_type(self) -> Fact:
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice fact needs `choices: {key: 中文标签, ...}`")
        if self.type != "choice" and self.choices:
            raise ValueError("`choices` belongs only to facts of type choice")
        return self


class Rule(Cited):
    """A condition the case must meet. If it fails, the outcome is `otherwise`."""

    id: Identifier
    require: ConditionField
    otherwise: Literal["not_eligible", "not_yet"] = "not_eligible"
    reason: str                  # shown when the rule fails, in Chinese
    met: str | None = None       # shown when the rule holds (defaults to a generic line)
    applies_when: ConditionField = ALWAYS
    note: str | None = None      # how the pack reads the document where the text is silent


class DocumentRequirement(Cited):
    """One line of the checklist: one document, or one of several alternatives."""

    doc: Identifier | None = None
    one_of: tuple[Identifier, ...] | None = None
    when: ConditionField = ALWAYS
    note: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> DocumentRequirement:
        if (self.doc is None) == (self.one_of is None):
            raise ValueError(
                "write either `doc: ID` or `one_of: [ID, ID, ...]`, not both or neither"
            )
        if self.one_of is not None and len(self.one_of) < 2:
            raise ValueError("`one_of` lists at least two alternatives; for one use `doc:`")
        return self

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return (self.doc,) if self.doc else tuple(self.one_of or ())


class Companion(Cited):
    """Who may come along with the applicant (随迁)."""

    relation: Relation
    scope: ChildScope | None = None     # children only
    requires_cohabiting: bool = False   # 共同居住生活
    when: ConditionField = ALWAYS
    note: str | None = None

    @model_validator(mode="after")
    def _scope_for_children(self) -> Companion:
        if self.relation == "child" and self.scope is None:
            raise ValueError("a child companion needs `scope`: minor, unmarried, "
                             "unmarried_incl_divorced or any")
        if self.relation != "child" and self.scope is not None:
            raise ValueError("`scope` applies only to relation child")
        return self


class Placement(Cited):
    """Where the person may be registered."""

    kind: PlacementKind
    label: str
    when: ConditionField = ALWAYS
    note: str | None = None


class FollowUp(Cited):
    text: str
    when: ConditionField = ALWAYS


class Category(Cited):
    """A settlement route the document names."""

    id: Identifier
    title: str
    summary: str
    route: Route = "move_in"
    areas: tuple[Identifier, ...] | None = None   # None: every area of the pack
    facts: tuple[Fact, ...] = ()
    rules: tuple[Rule, ...] = ()
    documents: tuple[DocumentRequirement, ...] = ()
    companions: tuple[Companion, ...] = ()
    placements: tuple[Placement, ...] = ()
    outputs: tuple[Output, ...] = ("receipt", "one_time_notice", "refusal_notice")
    follow_ups: tuple[FollowUp, ...] = ()
    note: str | None = None     # the pack's reading of the document for this route
    # Filled by the pack: each area id -> (its chain of ids up to the root, its tier), so
    # conditions on areas can be evaluated from the category alone (visible_facts).
    _areas: dict[str, tuple[tuple[str, ...], str | None]] = PrivateAttr(default_factory=dict)

    def fact(self, key: str) -> Fact | None:
        return next((f for f in self.facts if f.key == key), None)

    def area_context(self, area_id: str) -> tuple[tuple[str, ...], str | None]:
        """(area id and its ancestors, tier) of an area of the pack this category is in."""
        return self._areas.get(area_id, ((area_id,), None))

    def covers_area(self, area_id: str) -> bool:
        """Whether the category applies in this area (its `areas`, or inside one of them)."""
        if self.areas is None:
            return area_id in self._areas or not self._areas
        chain, _tier = self.area_context(area_id)
        return any(a in self.areas for a in chain)


class PolicyPack(Frozen):
    """One policy document, as data."""

    id: Identifier
    seed: Annotated[str, Field(pattern=r"^\d{3}$")]   # the seed file number, e.g. "003"
    title: str
    short_title: str
    document_number: str          # e.g. 聊政发〔2020〕7号
    issuer: str
    issued: dt.date
    version: str
    effective: dt.date
    jurisdiction: str
    parent: Identifier | None = None   # the framework whose ceilings also bind this pack
    areas: tuple[Area, ...]
    ceilings: tuple[Ceiling, ...] = ()
    categories: tuple[Category, ...]
    source_file: str = ""              # set by the loader

    @model_validator(mode="after")
    def _share_areas_with_categories(self) -> PolicyPack:
        areas = {a.id: (tuple(x.id for x in self.area_chain(a.id)), self.tier_of(a.id))
                 for a in self.areas}
        for category in self.categories:
            category._areas.update(areas)
        return self

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def area_chain(self, area_id: str) -> list[Area]:
        """The area followed by its ancestors."""
        chain: list[Area] = []
        current = self.area(area_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.area(current.parent) if current.parent else None
        return chain

    def tier_of(self, area_id: str) -> str | None:
        for area in self.area_chain(area_id):
            if area.tier:
                return area.tier
        return None


def model_fields_text(obj: Any) -> str:
    """All text of a pack object, for lint scans."""
    if isinstance(obj, BaseModel):
        return " ".join(model_fields_text(getattr(obj, name)) for name in type(obj).model_fields)
    if isinstance(obj, dict):
        return " ".join(f"{k} {model_fields_text(v)}" for k, v in obj.items())
    if isinstance(obj, tuple | list):
        return " ".join(model_fields_text(v) for v in obj)
    return str(obj) if obj is not None else ""
