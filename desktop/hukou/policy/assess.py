"""The assessment: what a policy pack allows for one case on one date, and why.

Pure: pack + case + date in, Assessment out; no Qt, no database, no files (the document
catalogue is passed in, or read once per process). forms/README.md, "What the assessment
does with a category", is the specification this module implements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hukou.domain.idnumber import InvalidIdNumber, age_on, parse_id_number
from hukou.domain.names import InvalidName, validate_name
from hukou.policy.case import (
    Assessment,
    CaseError,
    CaseFile,
    ChecklistLine,
    FamilyDecision,
    FamilyMemberInput,
    FollowUpItem,
    MissingDocument,
    PersonInput,
    PlacementOption,
    Reason,
    UnansweredFact,
)
from hukou.policy.conditions import (
    EvalContext,
    FactValue,
    Truth,
    earliest_date,
    evaluate,
)
from hukou.policy.loader import cached_catalogue
from hukou.policy.model import (
    Catalogue,
    Category,
    Companion,
    DocumentRequirement,
    Fact,
    Outcome,
    Output,
    PlacementKind,
    PolicyPack,
)

VOLUNTARY_CITE = "001 §一(二)"
VOLUNTARY_KEY = "voluntary_request"
VOLUNTARY_LABEL = "本人是否自愿申请（落户须尊重本人意愿）"
ADULT_AGE = 18
# The lowest legal marriage age (民法典 第一千零四十七条: 女不得早于二十周岁): a younger
# child cannot be married, so the clerk need not be asked for a marital status.
YOUNGEST_MARRIAGE_AGE = 20

RELATION_ZH: dict[str, str] = {
    "spouse": "配偶", "child": "子女", "parent": "父母", "other": "其他亲属",
}
MARITAL_ZH = {"unmarried": "未婚", "married": "已婚", "divorced": "离异", "widowed": "丧偶"}
SCOPE_ZH = {
    "minor": "未成年子女",
    "unmarried": "未婚子女",
    "unmarried_incl_divorced": "未婚（含离异）子女",
    "any": "子女",
}
COLLECTIVE_KINDS: frozenset[PlacementKind] = frozenset(
    {"unit_collective", "school_collective", "talent_collective", "community_collective",
     "community_public"}
)
# What the counter prints for each outcome (only those the category lists in `outputs`):
# a receipt for every accepted case, the one-time notice when something is missing
# (行政许可法 §32), the refusal notice when the case cannot be accepted now.
OUTPUTS_BY_OUTCOME: dict[Outcome, tuple[Output, ...]] = {
    "eligible": ("receipt", "settlement_permit", "registration_card", "collective_slip"),
    "incomplete": ("receipt", "one_time_notice"),
    "not_eligible": ("refusal_notice",),
    "not_yet": ("refusal_notice",),
}


def _age(birth: dt.date | None, on: dt.date) -> int | None:
    return None if birth is None else age_on(birth, on)


@dataclass(frozen=True)
class _Case:
    """A case checked against its pack and category, with facts in their declared types."""

    category: Category
    facts: dict[str, FactValue]
    area_chain: tuple[str, ...]
    tier: str | None
    relations: frozenset[str]
    family_births: tuple[dt.date | None, ...]
    family_relations: tuple[str, ...] = ()

    def context(self, on: dt.date, coming: Iterable[int] | None = None) -> EvalContext:
        """A fresh context per rule: earliest dates and unanswered facts must not leak
        from one rule into the next. `coming`: indexes of the family members still
        coming along (default: all)."""
        members = range(len(self.family_births)) if coming is None else coming
        family = tuple((self.family_relations[i], _age(self.family_births[i], on))
                       for i in members)
        relations = frozenset(r for r, _age in family) if coming is not None else self.relations
        return EvalContext(facts=self.facts, on=on, area_chain=self.area_chain, tier=self.tier,
                           relations=relations, family=family)


def assess(pack: PolicyPack, case: CaseFile, on: dt.date | None = None, *,
           catalogue: Catalogue | None = None) -> Assessment:
    """Assess `case` under `pack` on date `on` (default: today). Raises CaseError on bad input."""
    day = on or dt.date.today()
    catalogue = catalogue or cached_catalogue()
    checked = _check_case(pack, case, day, catalogue)
    category = checked.category
    reasons: list[Reason] = []
    unanswered: set[str] = set()
    failed_outright = False
    waiting_until: list[dt.date] = []

    # Every move of a person's hukou is voluntary, within the city too (001 §一(二),
    # 003 §一(二) 自愿迁移落户); births and deaths are registrations, not moves.
    if category.route in ("move_in", "internal_move"):
        if case.voluntary_request is None:
            unanswered.add(VOLUNTARY_KEY)
        elif case.voluntary_request:
            reasons.append(Reason(code=VOLUNTARY_KEY, text="本人自愿申请落户", cite=VOLUNTARY_CITE,
                                  holds=True))
        else:
            failed_outright = True
            reasons.append(Reason(code=VOLUNTARY_KEY, cite=VOLUNTARY_CITE, holds=False,
                                  text="落户须本人自愿申请，本人未申请的不得代为办理"))

    for rule in category.rules:
        ctx = checked.context(day)
        applies = evaluate(rule.applies_when, ctx)
        if applies is Truth.FALSE:
            continue
        holds = evaluate(rule.require, ctx)
        if holds is Truth.TRUE:
            if applies is Truth.TRUE:
                reasons.append(Reason(code=rule.id, text=rule.met or f"符合：{rule.reason}",
                                      cite=rule.cite, holds=True))
            continue
        if holds is Truth.UNKNOWN or applies is Truth.UNKNOWN:
            unanswered |= ctx.unanswered
            continue
        reasons.append(Reason(code=rule.id, text=rule.reason, cite=rule.cite, holds=False))
        when = earliest_date(rule.require, checked.context(day)) \
            if rule.otherwise == "not_yet" else None
        if when is None:
            # not_eligible, or a not_yet rule that waiting alone cannot satisfy
            failed_outright = True
        else:
            waiting_until.append(when)

    family = []
    coming: list[int] = []         # those not refused for good
    for index, member in enumerate(case.family):
        decision, needs, refused = _decide_member(index, member, checked, day)
        family.append(decision)
        unanswered |= needs
        if not refused:
            coming.append(index)

    missing: list[MissingDocument] = []
    for req in category.documents:
        # No proof of kinship is asked for a relative who may not come along anyway.
        ctx = checked.context(day, coming=coming)
        applies = evaluate(req.when, ctx)
        if applies is Truth.UNKNOWN:
            unanswered |= ctx.unanswered
        elif applies is Truth.TRUE and not set(req.doc_ids) & set(case.documents):
            missing.append(_missing_line(req, catalogue))

    placements = []
    for place in category.placements:
        ctx = checked.context(day)
        applies = evaluate(place.when, ctx)
        if applies is Truth.TRUE:
            placements.append(PlacementOption(kind=place.kind, label=place.label, cite=place.cite))
        elif applies is Truth.UNKNOWN:
            unanswered |= ctx.unanswered
    follow_ups = []
    for follow in category.follow_ups:
        ctx = checked.context(day)
        if evaluate(follow.when, ctx) is Truth.TRUE:
            follow_ups.append(FollowUpItem(text=follow.text, cite=follow.cite))

    outcome: Outcome
    if failed_outright:
        outcome = "not_eligible"
    elif waiting_until:
        outcome = "not_yet"
    elif missing or unanswered:
        outcome = "incomplete"
    else:
        outcome = "eligible"

    return Assessment(
        pack_id=pack.id,
        pack_version=pack.version,
        category_id=category.id,
        area_id=case.area,
        assessed_on=day,
        outcome=outcome,
        reasons=reasons,
        missing=missing,
        unanswered=_unanswered_facts(category, unanswered),
        family=family,
        placements=placements,
        not_yet_until=max(waiting_until) if outcome == "not_yet" else None,
        follow_ups=follow_ups,
        outputs=_outputs(category, outcome, placements),
    )


def visible_facts(category: Category, facts: Mapping[str, object], area: str, *,
                  relations: Iterable[str] = ()) -> list[Fact]:
    """The questions to ask now: facts whose `show_when` is not known to be false.

    `facts` are the answers so far (raw values are fine: dates as YYYY-MM-DD text);
    `area` is an area id of the category's pack; `relations` who comes along.
    Never raises on odd answers: an answer that does not fit its fact counts as unanswered.
    """
    typed: dict[str, FactValue] = {}
    for key, value in facts.items():
        fact = category.fact(key)
        if fact is not None:
            try:
                typed[key] = _typed_fact(fact, value)
            except CaseError:
                continue
    chain, tier = category.area_context(area)
    ctx = EvalContext(facts=typed, on=dt.date.today(), area_chain=chain, tier=tier,
                      relations=frozenset(relations))
    return [f for f in category.facts if evaluate(f.show_when, ctx) is not Truth.FALSE]


def required_documents(pack: PolicyPack, category: Category, case: CaseFile,
                       on: dt.date | None = None, *,
                       catalogue: Catalogue | None = None) -> list[ChecklistLine]:
    """The checklist lines that apply to the case now, each saying whether it is satisfied.

    Lines whose `when` depends on a fact not yet answered are left out until it is.
    """
    day = on or dt.date.today()
    if case.category != category.id:
        case = case.model_copy(update={"category": category.id})
    catalogue = catalogue or cached_catalogue()
    checked = _check_case(pack, case, day, catalogue)
    presented = set(case.documents)
    coming = [i for i, m in enumerate(case.family) if not _decide_member(i, m, checked, day)[2]]
    lines = []
    for req in category.documents:
        if evaluate(req.when, checked.context(day, coming=coming)) is not Truth.TRUE:
            continue
        line = _missing_line(req, catalogue)
        have = [d for d in req.doc_ids if d in presented]
        lines.append(ChecklistLine(doc_ids=line.doc_ids, titles=line.titles, one_of=line.one_of,
                                   cite=line.cite, note=line.note, satisfied=bool(have),
                                   presented=have))
    return lines


# —— checking the case ————————————————————————————————————————————————


def _check_case(pack: PolicyPack, case: CaseFile, on: dt.date, catalogue: Catalogue) -> _Case:
    if case.pack != pack.id:
        raise CaseError(f"案件属于政策包 {case.pack!r}，不是 {pack.id!r} / the case names pack "
                        f"{case.pack!r} but is assessed with {pack.id!r}: use the same pack",
                        field="pack")
    category = pack.category(case.category)
    if category is None:
        known = ", ".join(c.id for c in pack.categories)
        raise CaseError(f"未知的落户类别 {case.category!r} / unknown category {case.category!r} "
                        f"in pack {pack.id}: use one of {known}", field="category")
    if pack.area(case.area) is None:
        known = ", ".join(a.id for a in pack.areas)
        raise CaseError(f"未知的区域 {case.area!r} / unknown area {case.area!r} in pack "
                        f"{pack.id}: use one of {known}", field="area")
    if not category.covers_area(case.area):
        raise CaseError(f"类别 {category.id} 不适用于区域 {case.area} / category {category.id} "
                        f"applies only in {', '.join(category.areas or ())} (or areas inside "
                        "them): choose another area or category", field="area")
    facts: dict[str, FactValue] = {}
    for key, value in case.facts.items():
        fact = category.fact(key)
        if fact is None:
            known = ", ".join(f.key for f in category.facts) or "none"
            raise CaseError(f"类别 {category.id} 没有事实 {key!r} / category {category.id} does "
                            f"not ask {key!r}: remove it or use one of: {known}",
                            field=f"facts.{key}")
        if value == "":
            continue
        facts[key] = _typed_fact(fact, value)
    _check_person(case.applicant, "applicant", on)
    births = tuple(_check_person(m, f"family[{i}]", on) for i, m in enumerate(case.family))
    for i, doc_id in enumerate(case.documents):
        if catalogue.get(doc_id) is None:
            raise CaseError(f"未知的证明材料 {doc_id!r} / document {doc_id!r} is not in the "
                            "catalogue (forms/catalogue.yaml): use its id, e.g. id_card",
                            field=f"documents[{i}]")
    chain, tier = category.area_context(case.area)
    return _Case(category=category, facts=facts, area_chain=chain, tier=tier,
                 relations=frozenset(m.relation for m in case.family), family_births=births,
                 family_relations=tuple(m.relation for m in case.family))


def _typed_fact(fact: Fact, value: object) -> FactValue:
    where = f"facts.{fact.key}"
    if fact.type == "bool":
        if not isinstance(value, bool):
            raise CaseError(f"“{fact.label}”应回答是或否 / {fact.key} is a yes/no fact: write "
                            f"true or false, not {value!r}", field=where)
        return value
    if fact.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CaseError(f"“{fact.label}”应为数字 / {fact.key} is a number: write it without "
                            f"quotes, not {value!r}", field=where)
        if (fact.min is not None and value < fact.min) or (
            fact.max is not None and value > fact.max
        ):
            bounds = f"{fact.min if fact.min is not None else '…'}–" \
                     f"{fact.max if fact.max is not None else '…'}"
            raise CaseError(f"“{fact.label}”超出范围 / {fact.key} must lie in {bounds}, got "
                            f"{value}", field=where)
        return value
    if fact.type == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise CaseError(f"“{fact.label}”应为日期 / {fact.key} is a date: write YYYY-MM-DD, not "
                        f"{value!r}", field=where)
    # choice: the key, or (as a clerk might type it) the Chinese label
    choices = fact.choices or {}
    if isinstance(value, str):
        if value in choices:
            return value
        by_label = {label: key for key, label in choices.items()}
        if value in by_label:
            return by_label[value]
    listed = ", ".join(f"{k} ({v})" for k, v in choices.items())
    raise CaseError(f"“{fact.label}”的选项无效 / {value!r} is not a choice of {fact.key}: use "
                    f"one of {listed}", field=where)


def _check_person(person: PersonInput, where: str, on: dt.date) -> dt.date | None:
    """Validate name and ID number; return the birth date (given, or from the ID number)."""
    if person.name is not None and person.name.strip():
        try:
            validate_name(person.name)
        except InvalidName as exc:
            raise CaseError(str(exc), field=f"{where}.name") from None
    birth = person.birth_date
    if person.id_number:
        try:
            citizen = parse_id_number(person.id_number, today=on)
        except InvalidIdNumber as exc:
            raise CaseError(str(exc), field=f"{where}.id_number") from None
        if birth is not None and birth != citizen.birth_date:
            raise CaseError(f"出生日期与身份证号码不符 / birth_date {birth} differs from the date "
                            f"in the ID number ({citizen.birth_date}): correct one of them",
                            field=f"{where}.birth_date")
        birth = citizen.birth_date
    if birth is not None and birth > on:
        raise CaseError(f"出生日期晚于受理日期 / birth_date {birth} is after {on}",
                        field=f"{where}.birth_date")
    return birth


# —— the parts of the answer ————————————————————————————————————————————


def _missing_line(req: DocumentRequirement, catalogue: Catalogue) -> MissingDocument:
    titles = []
    for doc_id in req.doc_ids:
        doc = catalogue.get(doc_id)
        titles.append(doc.title if doc else doc_id)
    return MissingDocument(doc_ids=list(req.doc_ids), titles=titles, one_of=req.one_of is not None,
                           cite=req.cite, note=req.note)


def _decide_member(index: int, member: FamilyMemberInput, checked: _Case,
                   on: dt.date) -> tuple[FamilyDecision, set[str], bool]:
    """The decision, the facts it still needs, and whether the refusal is final (rather
    than waiting for an answer, a birth date, a marital status)."""
    relation_zh = RELATION_ZH[member.relation]
    lines = [c for c in checked.category.companions if c.relation == member.relation]

    def decision(allowed: bool, reason: str, cite: str | None) -> FamilyDecision:
        return FamilyDecision(index=index, relation=member.relation, name=member.name,
                              allowed=allowed, reason=reason, cite=cite)

    if not lines:
        return decision(False, f"本类别不允许{relation_zh}随迁", checked.category.cite), set(), True
    refusals: list[tuple[str, str]] = []
    final = True
    needs: set[str] = set()
    for line in lines:
        ctx = checked.context(on)
        applies = evaluate(line.when, ctx)
        if applies is Truth.FALSE:
            continue
        if applies is Truth.UNKNOWN:
            needs |= ctx.unanswered
            refusals.append((f"需先回答有关问题才能确定{relation_zh}能否随迁", line.cite))
            final = False
            continue
        problem = _companion_problem(line, member, checked.family_births[index], on)
        if problem is None:
            who = SCOPE_ZH[line.scope] if line.scope else relation_zh
            extra = "（共同居住生活）" if line.requires_cohabiting else ""
            return decision(True, f"{who}{extra}可以随迁", line.cite), set(), False
        text, definite = problem
        final = final and definite
        refusals.append((text, line.cite))
    if refusals:
        text, cite = refusals[0]
        return decision(False, text, cite), needs, final
    why = next((f"：{line.note}" for line in lines if line.note), "")
    reason = f"本类别在此情形下不允许{relation_zh}随迁{why}"
    return decision(False, reason, lines[0].cite), needs, True


def _companion_problem(line: Companion, member: FamilyMemberInput, birth: dt.date | None,
                       on: dt.date) -> tuple[str, bool] | None:
    """Why this member does not fit this companion line (and whether that is final rather
    than a missing detail), or None when they do."""
    if line.scope == "minor":
        if birth is None:
            return "需填写子女的身份证号码或出生日期，以确定是否未成年", False
        age = age_on(birth, on)
        if age >= ADULT_AGE:
            return f"子女已满{ADULT_AGE}周岁（{age}岁），本政策只允许未成年子女随迁", True
    elif line.scope in ("unmarried", "unmarried_incl_divorced"):
        allowed = {"unmarried"} if line.scope == "unmarried" else {"unmarried", "divorced"}
        scope_zh = SCOPE_ZH[line.scope]
        status_known = member.marital_status
        if status_known is None and birth is not None and age_on(birth, on) < YOUNGEST_MARRIAGE_AGE:
            status_known = "unmarried"
        if status_known is None:
            return f"需填写子女的婚姻状况（本政策允许{scope_zh}随迁）", False
        if member.marital_status is not None and member.marital_status not in allowed:
            status = MARITAL_ZH[member.marital_status]
            return f"子女{status}，本政策只允许{scope_zh}随迁", True
    if line.requires_cohabiting:
        if member.cohabiting is None:
            return "需确认是否与申请人共同居住生活", False
        if not member.cohabiting:
            return "未与申请人共同居住生活，本政策要求共同居住生活", True
    return None


def _unanswered_facts(category: Category, keys: set[str]) -> list[UnansweredFact]:
    out = []
    if VOLUNTARY_KEY in keys:
        out.append(UnansweredFact(key=VOLUNTARY_KEY, label=VOLUNTARY_LABEL))
    out.extend(UnansweredFact(key=f.key, label=f.label) for f in category.facts if f.key in keys)
    return out


def _outputs(category: Category, outcome: Outcome,
             placements: Sequence[PlacementOption]) -> list[Output]:
    wanted = set(OUTPUTS_BY_OUTCOME[outcome])
    if not any(p.kind in COLLECTIVE_KINDS for p in placements):
        wanted.discard("collective_slip")
    return [o for o in category.outputs if o in wanted]

