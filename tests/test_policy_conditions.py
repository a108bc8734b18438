"""The condition language of the packs: parsing, three-valued evaluation, waiting dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hukou.policy.conditions import (
    ConditionSyntaxError,
    EvalContext,
    Period,
    Truth,
    earliest_date,
    earliest_within,
    evaluate,
    parse_condition,
)

ON = dt.date(2026, 11, 22)


def ctx(facts: dict[str, Any] | None = None, **kw: Any) -> EvalContext:
    return EvalContext(facts=facts or {}, on=ON, area_chain=kw.get("chain", ("core", "city")),
                       tier=kw.get("tier", "large_1_3m"),
                       relations=frozenset(kw.get("relations", ())))


@pytest.mark.parametrize(
    ("raw", "facts", "truth"),
    [
        (True, {}, Truth.TRUE),
        ({"fact": "owns", "is": True}, {"owns": True}, Truth.TRUE),
        ({"fact": "owns", "is": True}, {"owns": False}, Truth.FALSE),
        ({"fact": "owns", "is": False}, {"owns": False}, Truth.TRUE),
        ({"fact": "owns", "is": True}, {}, Truth.UNKNOWN),
        ({"fact": "kind", "eq": "flat"}, {"kind": "flat"}, Truth.TRUE),
        ({"fact": "kind", "ne": "flat"}, {"kind": "flat"}, Truth.FALSE),
        ({"fact": "kind", "in": ["a", "b"]}, {"kind": "b"}, Truth.TRUE),
        ({"fact": "years", "gte": 2}, {"years": 2}, Truth.TRUE),
        ({"fact": "years", "gt": 2}, {"years": 2}, Truth.FALSE),
        ({"fact": "years", "lte": 2}, {"years": 2.5}, Truth.FALSE),
        ({"fact": "years", "lt": 2}, {"years": 0}, Truth.TRUE),
        ({"fact": "years", "answered": True}, {"years": 0}, Truth.TRUE),
        ({"fact": "years", "answered": True}, {}, Truth.FALSE),
        ({"fact": "years", "answered": False}, {}, Truth.TRUE),
        ({"area_in": ["city"]}, {}, Truth.TRUE),            # the case's area is inside city
        ({"area_in": ["town"]}, {}, Truth.FALSE),
        ({"tier_in": ["medium", "large_1_3m"]}, {}, Truth.TRUE),
        ({"family_includes": "spouse"}, {}, Truth.FALSE),
        ({"not": {"fact": "owns", "is": True}}, {}, Truth.UNKNOWN),
        ({"not": {"area_in": ["core"]}}, {}, Truth.FALSE),
        ({"all": [{"area_in": ["city"]}, {"fact": "owns", "is": True}]}, {}, Truth.UNKNOWN),
        ({"all": [{"area_in": ["town"]}, {"fact": "owns", "is": True}]}, {}, Truth.FALSE),
        ({"any": [{"area_in": ["city"]}, {"fact": "owns", "is": True}]}, {}, Truth.TRUE),
        ({"any": [{"area_in": ["town"]}, {"fact": "owns", "is": True}]}, {}, Truth.UNKNOWN),
        ({"fact": "handover", "within": {"months": 6}}, {"handover": dt.date(2027, 5, 22)},
         Truth.TRUE),
        ({"fact": "handover", "within": {"months": 6}}, {"handover": dt.date(2027, 5, 23)},
         Truth.FALSE),
        ({"fact": "licence", "at_least_ago": {"years": 1}}, {"licence": dt.date(2025, 11, 22)},
         Truth.TRUE),
        ({"fact": "licence", "at_least_ago": {"years": 1}}, {"licence": dt.date(2025, 11, 23)},
         Truth.FALSE),
    ],
)
def test_evaluation_is_three_valued(raw: Any, facts: dict[str, Any], truth: Truth) -> None:
    assert evaluate(parse_condition(raw), ctx(facts)) is truth


def test_an_unanswered_fact_is_recorded() -> None:
    context = ctx()
    evaluate(parse_condition({"all": [{"fact": "a", "is": True}, {"fact": "b", "gte": 1}]}),
             context)
    assert context.unanswered == {"a", "b"}


@pytest.mark.parametrize(
    ("day", "period", "sign", "expected"),
    [
        (dt.date(2026, 11, 22), Period(months=6), 1, dt.date(2027, 5, 22)),
        (dt.date(2026, 11, 22), Period(months=6), -1, dt.date(2026, 5, 22)),
        (dt.date(2027, 8, 31), Period(months=6), -1, dt.date(2027, 2, 28)),
        (dt.date(2024, 2, 29), Period(years=1), 1, dt.date(2025, 2, 28)),
        (dt.date(2026, 1, 31), Period(months=1), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 15), Period(months=1, days=20), 1, dt.date(2027, 2, 4)),
        (dt.date(2026, 1, 15), Period(years=2, months=13), -1, dt.date(2022, 12, 15)),
    ],
)
def test_periods_move_dates_and_clamp_month_ends(
    day: dt.date, period: Period, sign: int, expected: dt.date
) -> None:
    assert period.add_to(day, sign) == expected


def test_earliest_within_is_the_first_day_the_condition_holds() -> None:
    six = Period(months=6)
    assert earliest_within(dt.date(2027, 6, 30), six) == dt.date(2026, 12, 30)
    # 31 Aug - 6 months clamps to 28 Feb, but 28 Feb + 6 months is 28 Aug < 31 Aug
    first = earliest_within(dt.date(2027, 8, 31), six)
    assert first == dt.date(2027, 3, 1)
    assert six.add_to(first) >= dt.date(2027, 8, 31) > six.add_to(first - dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("raw", "facts", "expected"),
    [
        ({"fact": "h", "within": {"months": 6}}, {"h": dt.date(2027, 6, 30)},
         dt.date(2026, 12, 30)),
        ({"fact": "h", "within": {"months": 6}}, {"h": dt.date(2027, 1, 1)}, ON),
        ({"fact": "l", "at_least_ago": {"years": 1}}, {"l": dt.date(2026, 3, 1)},
         dt.date(2027, 3, 1)),
        ({"all": [{"fact": "h", "within": {"months": 6}},
                  {"fact": "l", "at_least_ago": {"years": 1}}]},
         {"h": dt.date(2027, 6, 30), "l": dt.date(2026, 3, 1)}, dt.date(2027, 3, 1)),
        ({"any": [{"fact": "h", "within": {"months": 6}},
                  {"fact": "l", "at_least_ago": {"years": 1}}]},
         {"h": dt.date(2027, 6, 30), "l": dt.date(2026, 3, 1)}, dt.date(2026, 12, 30)),
        ({"all": [{"fact": "h", "within": {"months": 6}}, {"fact": "b", "is": True}]},
         {"h": dt.date(2027, 6, 30), "b": False}, None),
        ({"all": [{"fact": "h", "within": {"months": 6}}, {"fact": "b", "is": True}]},
         {"h": dt.date(2027, 6, 30), "b": True}, dt.date(2026, 12, 30)),
        ({"fact": "h", "within": {"months": 6}}, {}, None),
    ],
)
def test_earliest_date_waits_for_the_latest_part_of_all_and_earliest_of_any(
    raw: Any, facts: dict[str, Any], expected: dt.date | None
) -> None:
    assert earliest_date(parse_condition(raw), ctx(facts)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        True,
        {"fact": "a", "is": False},
        {"fact": "a", "in": ["x", "y"]},
        {"fact": "a", "within": {"months": 6}},
        {"fact": "a", "at_least_ago": {"years": 1, "days": 3}},
        {"all": [{"area_in": ["c"]}, {"not": {"tier_in": ["town"]}}]},
        {"any": [{"family_includes": "child"}, {"fact": "n", "gte": 2.5}]},
        {"family_includes": {"relation": "child", "min_age": 20}},
        {"family_includes": {"relation": "parent", "min_age": 60, "max_age": 120}},
    ],
)
def test_conditions_dump_back_to_their_yaml_form(raw: Any) -> None:
    cond = parse_condition(raw)
    assert cond.to_data() == raw
    assert parse_condition(cond.to_data()) == cond


@pytest.mark.parametrize(
    ("family", "truth"),
    [
        ((("child", 26),), Truth.TRUE),
        ((("child", 19),), Truth.FALSE),
        ((("spouse", 30), ("child", 6)), Truth.FALSE),
        ((("child", None),), Truth.UNKNOWN),          # no birth date yet
        ((("child", None), ("child", 21)), Truth.TRUE),
        ((), Truth.FALSE),
    ],
)
def test_family_includes_someone_of_an_age(
    family: tuple[tuple[str, int | None], ...], truth: Truth
) -> None:
    cond = parse_condition({"family_includes": {"relation": "child", "min_age": 20}})
    context = EvalContext(facts={}, on=ON, family=family,
                          relations=frozenset(r for r, _ in family))
    assert evaluate(cond, context) is truth


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("yes", "must be a mapping"),
        ({"fact": "a"}, "exactly one operator"),
        ({"fact": "a", "is": True, "eq": 1}, "exactly one operator"),
        ({"fact": "a", "is": "yes"}, "takes true or false"),
        ({"fact": "a", "gte": "3"}, "takes a number"),
        ({"fact": "a", "in": []}, "non-empty list"),
        ({"fact": "a", "within": {"weeks": 2}}, "years: N"),
        ({"fact": "a", "within": {"months": -1}}, "whole number"),
        ({"area_in": "core"}, "list of ids"),
        ({"family_includes": "cousin"}, "family_includes"),
        ({"family_includes": {"relation": "child"}}, "one age at least"),
        ({"family_includes": {"relation": "cousin", "min_age": 3}}, "relation must be one of"),
        ({"family_includes": {"relation": "child", "min_age": "20"}}, "whole number of years"),
        ({"all": []}, "non-empty list"),
        ({"area_in": ["a"], "tier_in": ["town"]}, "one key"),
        ({"where": 1}, "unknown condition key"),
    ],
)
def test_malformed_conditions_say_how_to_fix_them(raw: Any, says: str) -> None:
    with pytest.raises(ConditionSyntaxError, match=says):
        parse_condition(raw)
