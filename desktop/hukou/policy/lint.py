"""The pack lint: hold a pack against the national ceilings and the rules every jurisdiction keeps.

A pack can load (schema, cross-references) and still say something no local document may
say: more years of social insurance than its city tier allows, a housing threshold in a
medium city, giving up land rights, or the abolished agricultural / non-agricultural
hukou nature. `lint_pack` finds those; `hukou policy lint` prints them (DESIGN §3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from hukou.policy.conditions import Condition, Truth, combine
from hukou.policy.model import (
    CITATION_PATTERN,
    Catalogue,
    Category,
    Ceiling,
    Cited,
    Fact,
    PolicyPack,
)

# The seed documents a citation may name (../shared/seeds/README.md).
SEED_DOCUMENTS = {
    "000": "辽宁省 2020",
    "001": "国发〔2014〕25号",
    "002": "新密政〔2017〕7号",
    "003": "聊政发〔2020〕7号",
    "004": "湖南省 2014",
}
LAND_RIGHTS_CITE = "001 §四(十二)"
HUKOU_NATURE_CITE = "001 §三(九)"
CITATION_RULE_CITE = "forms/README.md"

# Giving up land contract, homestead or collective income rights (001 §四(十二), 004 §五(一)).
_GIVE_UP = re.compile(r"(放弃|退出|交回|退还|让渡)[^。；;，,]{0,12}?"
                      r"(土地承包经营权|土地承包权|承包地|宅基地|集体收益分配)")
# ... unless the clause says it is NOT required ("不得以退出…作为落户条件").
_NEGATION = re.compile(r"不得|不以|不将|不作为|不能|不要求|不需|无需|无须|禁止|严禁|不强制|不应")
# The abolished hukou nature (001 §三(九)).
_HUKOU_NATURE = re.compile(r"户口性质|户籍性质|非?农业户口|非?农业户籍|非农户口|农转非")
# ... unless the clause says it is abolished ("取消农业户口与非农业户口性质区分").
_ABOLISHED = re.compile(r"取消|不再区分|不再使用|统一登记为居民户口|废止|废除|不得登记|不登记")
_NATURE_IDENTIFIER = re.compile(r"hukou_(nature|type)|(non_?)?agricultural_hukou|nongye|"
                                r"non_agricultural")
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")
_REQUIRING_OPERATORS = frozenset({"gte", "gt", "eq", "in"})


@dataclass(frozen=True)
class LintProblem:
    """One thing a pack says that it may not: where, what, and the rule with its citation."""

    file: str
    category: str | None
    field: str
    rule: str          # ceiling | forbidden_measure | land_rights | hukou_nature | citation
    message: str       # Chinese / English
    cite: str          # the citation of the rule broken, e.g. "001 §二(五)"

    def __str__(self) -> str:
        where = f"category {self.category}, " if self.category else ""
        return f"{self.file}: {where}field {self.field}: {self.message} [{self.rule}, {self.cite}]"


def lint_pack(pack: PolicyPack, *, national: PolicyPack | None = None,
              catalogue: Catalogue | None = None) -> list[LintProblem]:
    """Every problem in `pack`; binding ceilings are its own plus its parent framework's.

    `national` is the framework pack (forms/national.yaml); its ceilings bind a pack whose
    `parent` is its id. `catalogue` (default: the forms folder's) supplies the titles of
    the documents the pack names, which are scanned too.
    """
    if catalogue is None:
        from hukou.policy.loader import cached_catalogue

        catalogue = cached_catalogue()
    file = pack.source_file or f"{pack.id}.yaml"
    problems: list[LintProblem] = []
    ceilings = list(pack.ceilings)
    if national is not None and national.id != pack.id and pack.parent == national.id:
        ceilings.extend(national.ceilings)
    for category in pack.categories:
        problems.extend(_ceiling_problems(file, pack, category, ceilings))
    for category_id, field, text in _texts(pack, catalogue):
        problems.extend(_text_problems(file, category_id, field, text))
    problems.extend(_citation_problems(file, pack))
    return problems


# —— ceilings ————————————————————————————————————————————————————————————


def _ceiling_problems(file: str, pack: PolicyPack, category: Category,
                      ceilings: Sequence[Ceiling]) -> Iterator[LintProblem]:
    if not ceilings:
        return
    areas = [a.id for a in pack.areas if category.covers_area(a.id)]
    for rule in category.rules:
        reachable = [a for a in areas
                     if _area_truth(rule.applies_when, category, a) is not Truth.FALSE]
        for part, where in ((rule.require, "require"), (rule.applies_when, "applies_when")):
            for node, node_areas, negated in _fact_nodes(part, category, reachable):
                fact = category.fact(node.fact or "")
                if fact is None or fact.measure is None:
                    continue
                tiers = {category.area_context(a)[1] for a in node_areas}
                for ceiling in ceilings:
                    if fact.measure != ceiling.measure or not tiers & set(ceiling.tiers):
                        continue
                    hit = sorted(str(t) for t in tiers & set(ceiling.tiers))
                    problem = _breaks(ceiling, fact, node, negated, where)
                    if problem:
                        zh, en = problem
                        yield LintProblem(
                            file, category.id, f"rules[{rule.id}].{where}",
                            "forbidden_measure" if ceiling.forbidden else "ceiling",
                            f"{zh}（适用于 {', '.join(hit)} 等级的城市） / {en} in tier(s) "
                            f"{', '.join(hit)}", ceiling.cite)


def _breaks(ceiling: Ceiling, fact: Fact, node: Condition, negated: bool,
            where: str) -> tuple[str, str] | None:
    """(Chinese, English) saying how the condition breaks the ceiling, or None."""
    if ceiling.forbidden:
        if node.fact_op == "answered":
            return None
        return (f"不得设置“{fact.label}”条件",
                f"no condition on {fact.key} ({fact.measure}) is allowed")
    if where != "require" or negated or node.fact_op not in _REQUIRING_OPERATORS:
        return None
    values = node.value if node.fact_op == "in" else (node.value,)
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not numbers or ceiling.max is None:
        return None
    need = min(numbers)
    too_much = need >= ceiling.max if node.fact_op == "gt" else need > ceiling.max
    if not too_much:
        return None
    op = {"gte": "≥", "gt": ">", "eq": "=", "in": "∈"}[node.fact_op or "gte"]
    unit = fact.unit or ""
    return (f"“{fact.label}”要求{op}{need:g}{unit}，超过上限{ceiling.max:g}{unit}",
            f"requires {fact.key} {op} {need:g}, more than the ceiling {ceiling.max:g} of "
            f"{ceiling.measure}")


def _fact_nodes(cond: Condition, category: Category, areas: list[str],
                negated: bool = False) -> Iterator[tuple[Condition, list[str], bool]]:
    """Each fact condition inside `cond`, with the areas where it can matter.

    Inside `all`, an area condition beside it narrows the areas (`all: [{area_in: [X]},
    {fact: years, gte: 5}]` only asks five years in X).
    """
    if cond.op == "fact":
        yield cond, areas, negated
    elif cond.op == "all":
        narrowed = [a for a in areas
                    if all(_area_truth(i, category, a) is not Truth.FALSE for i in cond.items)]
        for item in cond.items:
            yield from _fact_nodes(item, category, narrowed, negated)
    elif cond.op in ("any", "not"):
        for item in cond.items:
            yield from _fact_nodes(item, category, areas, negated ^ (cond.op == "not"))


def _area_truth(cond: Condition, category: Category, area: str) -> Truth:
    """Whether `cond` can hold in `area` when nothing but the area is known."""
    chain, tier = category.area_context(area)
    if cond.op == "true":
        return Truth.TRUE
    if cond.op == "area_in":
        return Truth.of(any(a in cond.value for a in chain))
    if cond.op == "tier_in":
        return Truth.of(tier in cond.value)
    if cond.op in ("fact", "family_includes"):
        return Truth.UNKNOWN
    return combine(cond.op, [_area_truth(item, category, area) for item in cond.items])


# —— words no pack may use ————————————————————————————————————————————————


def _texts(pack: PolicyPack, catalogue: Catalogue) -> Iterator[tuple[str | None, str, str]]:
    """(category id, field path, text) for every piece of text the pack shows or names."""
    for name in ("title", "short_title", "document_number", "issuer", "jurisdiction"):
        yield None, name, str(getattr(pack, name))
    for area in pack.areas:
        yield None, f"areas[{area.id}].name", area.name
        if area.note:
            yield None, f"areas[{area.id}].note", area.note
    for category in pack.categories:
        for field, text in _model_texts(category, ""):
            yield category.id, field, text
        for i, req in enumerate(category.documents):
            for doc_id in req.doc_ids:
                doc = catalogue.get(doc_id)
                if doc is None:
                    continue
                for attr in ("title", "proves", "note"):
                    value = getattr(doc, attr)
                    if value:
                        yield (category.id, f"documents[{i + 1}] → catalogue {doc_id}.{attr}",
                               value)


def _model_texts(obj: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name != "cite":
                yield from _model_texts(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield f"{path}[{key}]", str(key)
            yield from _model_texts(value, f"{path}[{key}]")
    elif isinstance(obj, tuple | list):
        for i, item in enumerate(obj):
            label = (getattr(item, "id", None) or getattr(item, "key", None)
                     or getattr(item, "doc", None) or getattr(item, "kind", None) or i + 1)
            yield from _model_texts(item, f"{path}[{label}]")
    elif isinstance(obj, str):
        yield path, obj


def _text_problems(file: str, category: str | None, field: str,
                   text: str) -> Iterator[LintProblem]:
    for clause in _CLAUSE_END.split(text):
        match = _GIVE_UP.search(clause)
        if match and not _NEGATION.search(clause):
            yield LintProblem(
                file, category, field, "land_rights",
                f"不得以放弃土地承包经营权、宅基地使用权、集体收益分配权为落户条件："
                f"“{match.group(0)}” / settlement may never require giving up land contract, "
                "homestead or collective income rights", LAND_RIGHTS_CITE)
        match = _HUKOU_NATURE.search(clause)
        if match and not _ABOLISHED.search(clause):
            yield LintProblem(
                file, category, field, "hukou_nature",
                f"已取消农业户口与非农业户口的区分，不得出现“{match.group(0)}” / the "
                "agricultural / non-agricultural hukou nature is abolished: no field or output "
                "may carry it", HUKOU_NATURE_CITE)
    match = _NATURE_IDENTIFIER.search(text)
    if match and text.isascii():
        yield LintProblem(
            file, category, field, "hukou_nature",
            f"字段“{match.group(0)}”记录户口性质 / the id {text!r} records the abolished hukou "
            "nature", HUKOU_NATURE_CITE)


# —— citations ———————————————————————————————————————————————————————————


def _citation_problems(file: str, pack: PolicyPack) -> Iterator[LintProblem]:
    for category, field, cited in _cited(pack):
        cite = getattr(cited, "cite", None)
        if not cite:
            yield LintProblem(file, category, field, "citation",
                              "缺少出处 / every rule cites its seed document and section, e.g. "
                              "`cite: \"003 §二(一)2\"`", CITATION_RULE_CITE)
        elif not CITATION_PATTERN.match(cite):
            yield LintProblem(file, category, field, "citation",
                              f"出处格式无效 {cite!r} / write the citation like `003 §二(一)2`",
                              CITATION_RULE_CITE)
        elif cite[:3] not in SEED_DOCUMENTS:
            yield LintProblem(file, category, field, "citation",
                              f"出处 {cite!r} 引用了不存在的文件 / there is no seed document "
                              f"{cite[:3]}: use one of {', '.join(SEED_DOCUMENTS)}",
                              CITATION_RULE_CITE)


def _cited(pack: PolicyPack) -> Iterator[tuple[str | None, str, Cited | Fact]]:
    for area in pack.areas:
        yield None, f"areas[{area.id}].cite", area
    for i, ceiling in enumerate(pack.ceilings):
        yield None, f"ceilings[{i + 1}].cite", ceiling
    for cat in pack.categories:
        yield cat.id, "cite", cat
        for fact in cat.facts:
            if fact.cite is not None:
                yield cat.id, f"facts[{fact.key}].cite", fact
        for rule in cat.rules:
            yield cat.id, f"rules[{rule.id}].cite", rule
        for i, req in enumerate(cat.documents):
            yield cat.id, f"documents[{req.doc or i + 1}].cite", req
        for comp in cat.companions:
            yield cat.id, f"companions[{comp.relation}].cite", comp
        for place in cat.placements:
            yield cat.id, f"placements[{place.kind}].cite", place
        for i, follow in enumerate(cat.follow_ups):
            yield cat.id, f"follow_ups[{i + 1}].cite", follow
