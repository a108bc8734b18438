"""Conditions on case facts, as written in the policy packs, and their evaluation.

A condition is plain YAML data. The forms (one key each, except `fact` which takes an
operator beside it):

    true                                   always holds
    {fact: K, is: true}                    yes/no fact K is yes (or `false`)
    {fact: K, eq: V} / {fact: K, ne: V}    fact K equals / differs from V (choice or number)
    {fact: K, in: [V, ...]}                fact K is one of the values
    {fact: K, gte: N}  (also gt, lte, lt)  number fact K compared with N
    {fact: K, within: {months: 6}}         date fact K is no later than the assessment date
                                           plus the period (e.g. handover within half a year);
                                           if it fails the case is *not yet* possible, and it
                                           becomes possible on K minus the period
    {fact: K, at_least_ago: {years: 1}}    date fact K lies at least the period before the
                                           assessment date (e.g. licence held one year);
                                           possible from K plus the period
    {fact: K, answered: true}              fact K has an answer
    {area_in: [AREA, ...]}                 the case's area is one of these or inside one
    {tier_in: [TIER, ...]}                 the case's area is of one of these city tiers
    {family_includes: spouse}              someone of that relation comes along
                                           (spouse / child / parent / other)
    {family_includes: {relation: child, min_age: 20}}
                                           someone of that relation and age (on the
                                           assessment date; also max_age) comes along
    {all: [C, ...]} / {any: [C, ...]} / {not: C}

Evaluation is three-valued: a condition on a fact the clerk has not answered yet is
UNKNOWN, so the live assessment can say which answers it still needs.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

FactValue: TypeAlias = bool | int | float | str | dt.date
CONDITION_KEYS = frozenset(
    {"fact", "area_in", "tier_in", "family_includes", "all", "any", "not"}
)
FACT_OPERATORS = frozenset(
    {"is", "eq", "ne", "in", "gte", "gt", "lte", "lt", "within", "at_least_ago", "answered"}
)
RELATIONS = ("spouse", "child", "parent", "other")
PERIOD_UNITS = ("years", "months", "days")


class ConditionSyntaxError(ValueError):
    """A condition in a pack is not one of the documented forms; the loader adds where."""


class Truth(enum.Enum):
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    @staticmethod
    def of(value: bool) -> Truth:
        return Truth.TRUE if value else Truth.FALSE


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    days: int = 0

    def add_to(self, day: dt.date, sign: int = 1) -> dt.date:
        """The date `sign` periods after `day`; month ends clamp (31 Jan + 1 month = 28/29 Feb)."""
        months = day.month - 1 + sign * (self.years * 12 + self.months)
        years_on, month0 = divmod(months, 12)
        year = day.year + years_on
        month = month0 + 1
        last = _days_in_month(year, month)
        moved = dt.date(year, month, min(day.day, last))
        return moved + dt.timedelta(days=sign * self.days)

    def describe_zh(self) -> str:
        parts = []
        if self.years:
            parts.append(f"{self.years}年")
        if self.months:
            parts.append(f"{self.months}个月")
        if self.days:
            parts.append(f"{self.days}天")
        return "".join(parts) or "0天"


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


@dataclass(frozen=True)
class Condition:
    """A parsed condition. `op` is "true", "fact", "area_in", "tier_in",
    "family_includes", "all", "any" or "not"."""

    op: str
    fact: str | None = None
    fact_op: str | None = None
    value: Any = None
    period: Period | None = None
    items: tuple[Condition, ...] = ()
    ages: tuple[int | None, int | None] | None = None   # family_includes: (min, max) age

    def facts_used(self) -> set[str]:
        found = {self.fact} if self.fact else set()
        for item in self.items:
            found |= item.facts_used()
        return found

    def walk(self) -> list[Condition]:
        out = [self]
        for item in self.items:
            out.extend(item.walk())
        return out

    def to_data(self) -> Any:
        """The condition in the pack's own YAML form (parse_condition(c.to_data()) == c)."""
        if self.op == "true":
            return True
        if self.op == "fact":
            if self.period is not None:
                period = {k: v for k, v in vars(self.period).items() if v}
                return {"fact": self.fact, self.fact_op: period or {"days": 0}}
            value = list(self.value) if isinstance(self.value, tuple) else self.value
            return {"fact": self.fact, self.fact_op: value}
        if self.op in ("area_in", "tier_in"):
            return {self.op: list(self.value)}
        if self.op == "family_includes":
            if self.ages is None:
                return {self.op: self.value}
            spec: dict[str, Any] = {"relation": self.value}
            if self.ages[0] is not None:
                spec["min_age"] = self.ages[0]
            if self.ages[1] is not None:
                spec["max_age"] = self.ages[1]
            return {self.op: spec}
        if self.op == "not":
            return {"not": self.items[0].to_data()}
        return {self.op: [item.to_data() for item in self.items]}


ALWAYS = Condition(op="true")


def parse_condition(raw: Any) -> Condition:
    """Turn the YAML form into a Condition, or raise ConditionSyntaxError saying how to fix it."""
    if raw is True or raw is None:
        return ALWAYS
    if not isinstance(raw, Mapping):
        raise ConditionSyntaxError(
            f"条件应为映射，得到 {raw!r} / a condition must be a mapping such as "
            "{fact: KEY, is: true}, {area_in: [...]}, {all: [...]}, got " + repr(raw)
        )
    keys = set(raw)
    if "fact" in keys:
        ops = keys - {"fact"}
        if len(ops) != 1 or not ops <= FACT_OPERATORS:
            raise ConditionSyntaxError(
                f"fact 条件需要且只需要一个运算符 / a fact condition takes exactly one operator "
                f"of {sorted(FACT_OPERATORS)}, got {sorted(ops) or 'none'}"
            )
        (fact_op,) = ops
        fact = raw["fact"]
        if not isinstance(fact, str) or not fact:
            raise ConditionSyntaxError("fact 应为事实键名 / `fact` must name a fact key")
        value = raw[fact_op]
        period = None
        if fact_op in ("within", "at_least_ago"):
            period = _parse_period(value)
            value = None
        elif fact_op in ("is", "answered") and not isinstance(value, bool):
            raise ConditionSyntaxError(f"`{fact_op}` takes true or false, got {value!r}")
        elif fact_op in ("gte", "gt", "lte", "lt") and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            raise ConditionSyntaxError(f"`{fact_op}` takes a number, got {value!r}")
        elif fact_op == "in":
            if not isinstance(value, list) or not value:
                raise ConditionSyntaxError(f"`in` takes a non-empty list, got {value!r}")
            value = tuple(value)
        return Condition(op="fact", fact=fact, fact_op=fact_op, value=value, period=period)
    if len(keys) != 1:
        raise ConditionSyntaxError(
            f"条件只能有一个键 / a condition has one key (or `fact` plus one operator), got "
            f"{sorted(keys)}"
        )
    (key,) = keys
    value = raw[key]
    if key in ("area_in", "tier_in"):
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ConditionSyntaxError(f"`{key}` takes a non-empty list of ids, got {value!r}")
        return Condition(op=key, value=tuple(value))
    if key == "family_includes" and isinstance(value, Mapping):
        return _parse_family_spec(value)
    if key == "family_includes":
        if value not in RELATIONS:
            raise ConditionSyntaxError(
                f"`family_includes` takes one of {list(RELATIONS)}, got {value!r}"
            )
        return Condition(op=key, value=value)
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ConditionSyntaxError(f"`{key}` takes a non-empty list of conditions")
        return Condition(op=key, items=tuple(parse_condition(v) for v in value))
    if key == "not":
        return Condition(op="not", items=(parse_condition(value),))
    raise ConditionSyntaxError(
        f"未知的条件键 `{key}` / unknown condition key `{key}`: use one of {sorted(CONDITION_KEYS)}"
    )


def _parse_family_spec(spec: Mapping[str, Any]) -> Condition:
    keys = set(spec)
    if "relation" not in keys or not keys <= {"relation", "min_age", "max_age"} or len(keys) < 2:
        raise ConditionSyntaxError(
            "`family_includes` 的映射写作 {relation: child, min_age: 20} / write the mapping form "
            f"as {{relation: R, min_age: N, max_age: N}} (one age at least), got {dict(spec)!r}"
        )
    if spec["relation"] not in RELATIONS:
        raise ConditionSyntaxError(
            f"`family_includes` relation must be one of {list(RELATIONS)}, got {spec['relation']!r}"
        )
    ages: list[int | None] = []
    for bound in ("min_age", "max_age"):
        n = spec.get(bound)
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
            raise ConditionSyntaxError(f"`{bound}` must be a whole number of years, got {n!r}")
        ages.append(n)
    return Condition(op="family_includes", value=spec["relation"], ages=(ages[0], ages[1]))


def _parse_period(raw: Any) -> Period:
    if not isinstance(raw, Mapping) or not raw or not set(raw) <= set(PERIOD_UNITS):
        raise ConditionSyntaxError(
            f"期间应写作 {{years: N}} / {{months: N}} / {{days: N}}, got {raw!r}"
        )
    for unit, n in raw.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ConditionSyntaxError(f"period {unit} must be a whole number ≥ 0, got {n!r}")
    return Period(**{k: int(v) for k, v in raw.items()})


@dataclass
class EvalContext:
    """What a condition is evaluated against."""

    facts: Mapping[str, FactValue]
    on: dt.date
    area_chain: Sequence[str] = ()  # the case's area id followed by its ancestors
    tier: str | None = None
    relations: frozenset[str] = frozenset()
    # (relation, age on the date or None when unknown) of each person coming along
    family: tuple[tuple[str, int | None], ...] = ()
    # Filled during evaluation: earliest dates at which failed date conditions would hold.
    earliest: list[dt.date] = field(default_factory=list)
    unanswered: set[str] = field(default_factory=set)


def evaluate(cond: Condition, ctx: EvalContext) -> Truth:
    if cond.op == "true":
        return Truth.TRUE
    if cond.op == "fact":
        return _evaluate_fact(cond, ctx)
    if cond.op == "area_in":
        return Truth.of(any(a in cond.value for a in ctx.area_chain))
    if cond.op == "tier_in":
        return Truth.of(ctx.tier in cond.value)
    if cond.op == "family_includes":
        if cond.ages is None:
            return Truth.of(cond.value in ctx.relations)
        return _family_member_of_age(cond, ctx)
    return combine(cond.op, [evaluate(item, ctx) for item in cond.items])


def combine(op: str, results: list[Truth]) -> Truth:
    """Three-valued `not` (one result), `all` and `any` over the items' truths."""
    if op == "not":
        inner = results[0]
        return inner if inner is Truth.UNKNOWN else Truth.of(inner is Truth.FALSE)
    if op == "all":
        if Truth.FALSE in results:
            return Truth.FALSE
        return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.TRUE
    if Truth.TRUE in results:   # any
        return Truth.TRUE
    return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.FALSE


def _family_member_of_age(cond: Condition, ctx: EvalContext) -> Truth:
    assert cond.ages is not None
    low, high = cond.ages
    unknown = False
    for relation, age in ctx.family:
        if relation != cond.value:
            continue
        if age is None:
            unknown = True
        elif (low is None or age >= low) and (high is None or age <= high):
            return Truth.TRUE
    return Truth.UNKNOWN if unknown else Truth.FALSE


def _evaluate_fact(cond: Condition, ctx: EvalContext) -> Truth:
    assert cond.fact is not None
    value = ctx.facts.get(cond.fact)
    answered = value is not None and value != ""
    if cond.fact_op == "answered":
        return Truth.of(answered is bool(cond.value))
    if not answered:
        ctx.unanswered.add(cond.fact)
        return Truth.UNKNOWN
    op = cond.fact_op
    if op == "is":
        return Truth.of(bool(value) is cond.value)
    if op == "eq":
        return Truth.of(value == cond.value)
    if op == "ne":
        return Truth.of(value != cond.value)
    if op == "in":
        return Truth.of(value in cond.value)
    if op in ("gte", "gt", "lte", "lt"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return Truth.FALSE
        return Truth.of(
            {"gte": value >= cond.value, "gt": value > cond.value,
             "lte": value <= cond.value, "lt": value < cond.value}[op]
        )
    if op in ("within", "at_least_ago"):
        assert cond.period is not None
        if not isinstance(value, dt.date):
            return Truth.FALSE
        if op == "within":
            holds = value <= cond.period.add_to(ctx.on)
            if not holds:
                ctx.earliest.append(earliest_within(value, cond.period))
        else:
            holds = cond.period.add_to(value) <= ctx.on
            if not holds:
                ctx.earliest.append(cond.period.add_to(value))
        return Truth.of(holds)
    raise AssertionError(f"unhandled fact operator {op}")


def earliest_within(day: dt.date, period: Period) -> dt.date:
    """The first assessment date on which `day` lies within `period` of it.

    Usually `day` minus the period, but month ends clamp: 31 Aug minus six months is
    28 Feb, and 28 Feb plus six months is only 28 Aug, so step forward until it holds.
    """
    start = period.add_to(day, sign=-1)
    while period.add_to(start) < day:
        start += dt.timedelta(days=1)
    return start


def earliest_date(cond: Condition, ctx: EvalContext) -> dt.date | None:
    """The first date (ctx.on or later) on which `cond` holds if only time passes.

    None when waiting does not help (a fact or area condition fails, or an answer is
    missing). This is the date a `not_yet` outcome names: a purchase-contract handover
    within six months holds from the handover minus six months; a licence held one
    year from its first anniversary. `all` waits for its latest part, `any` for its
    earliest.
    """
    if cond.op == "fact" and cond.fact_op in ("within", "at_least_ago"):
        assert cond.period is not None
        value = ctx.facts.get(cond.fact or "")
        if not isinstance(value, dt.date):
            return None
        if cond.fact_op == "within":
            return max(ctx.on, earliest_within(value, cond.period))
        return max(ctx.on, cond.period.add_to(value))
    if cond.op in ("all", "any"):
        dates = [earliest_date(item, ctx) for item in cond.items]
        if cond.op == "all":
            return None if None in dates else max(d for d in dates if d is not None)
        known = [d for d in dates if d is not None]
        return min(known) if known else None
    # Everything else does not change with time: it holds now or never.
    probe = EvalContext(facts=ctx.facts, on=ctx.on, area_chain=ctx.area_chain,
                        tier=ctx.tier, relations=ctx.relations, family=ctx.family)
    return ctx.on if evaluate(cond, probe) is Truth.TRUE else None
