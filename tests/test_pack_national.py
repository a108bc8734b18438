"""The national framework pack (001, 国发〔2014〕25号): each city tier's conditions, the
figures a city may choose within the ceilings, checklists, companions and placements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hukou.paths import forms_dir
from hukou.policy import CaseFile, PolicyPack, assess, lint_pack, load_pack
from pack_cases import BOOKLET, ON, case_file, failed, missing_ids, person_in

DIVISION = "110101"  # 北京市东城区 — any real division: the framework binds every city


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return load_pack(forms_dir() / "national.yaml")


def person(birth: dt.date, seq: int = 11, **extra: Any) -> dict[str, Any]:
    return person_in(DIVISION, birth, seq, **extra)


def make_case(category: str, area: str, facts: dict[str, Any], documents: list[str],
              family: list[dict[str, Any]] | None = None,
              voluntary: bool | None = True) -> CaseFile:
    return case_file("national", category, area,
                     applicant={"name": "王晓明", **person(dt.date(1990, 5, 1))},
                     facts=facts, documents=documents, family=family or (), voluntary=voluntary)


SPOUSE = {"relation": "spouse", "name": "李红", "cohabiting": True,
          **person(dt.date(1991, 3, 2), 22)}
CHILD_17 = {"relation": "child", "name": "王小", "cohabiting": True, "marital_status": "unmarried",
            **person(dt.date(2009, 6, 1), 31)}

MEDIUM_DOCS = ["settlement_application", "id_card", "hukou_booklet", "lease_contract",
               "labour_contract", "social_insurance_proof"]
MEDIUM_FACTS = {"residence": "rental", "employment": "employee", "employment_years_met": True}
LARGE_DOCS = ["settlement_application", "id_card", "hukou_booklet", "property_certificate",
              "labour_contract", "social_insurance_proof"]
LARGE_FACTS = {"residence": "owned", "employment": "employee", "employment_years_met": True}
POINTS_DOCS = ["settlement_application", "id_card", "hukou_booklet", "points_approval"]
TOWN_DOCS = ["settlement_application", "id_card", "hukou_booklet"]


# —— outcome by tier: what the document lets a city require, both sides of each line ————

OUTCOMES = [
    # 001 §二(四): towns and small cities — lawful stable residence (incl. rental) is all
    pytest.param("town_residence", "town", {"residence": "owned"},
                 [*TOWN_DOCS, "property_certificate"], "eligible", {},
                 id="001 §二(四) town, owned home"),
    pytest.param("town_residence", "town", {"residence": "rental"},
                 [*TOWN_DOCS, "lease_contract"], "eligible", {},
                 id="001 §二(四) town, rental counts (含租赁)"),
    pytest.param("town_residence", "town", {"residence": "public"},
                 [*TOWN_DOCS, "low_rent_lease"], "eligible", {},
                 id="001 §二(四) town, public housing in lawful use"),
    pytest.param("town_residence", "town", {"residence": "none"}, TOWN_DOCS, "not_eligible",
                 {"lawful_residence": "001 §二(四)"}, id="001 §二(四) town, no residence"),
    # 001 §二(五): 0.5–1M — job, residence and insurance; the city's figure is at most 3 years
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "two_years", "insurance_years": 2},
                 MEDIUM_DOCS, "eligible", {},
                 id="001 §二(五) medium, job + residence + 2 years of a 2-year rule"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "no_minimum", "insurance_years": 2},
                 MEDIUM_DOCS, "eligible", {},
                 id="001 §二(五) medium, 2 years where no years are set"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "three_years", "insurance_years": 4},
                 MEDIUM_DOCS, "eligible", {},
                 id="001 §二(五) medium, 4 years meet the most a city may ask (3)"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "three_years", "insurance_years": 3},
                 MEDIUM_DOCS, "eligible", {},
                 id="001 §二(五) medium, exactly 3 of 3 years"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "three_years", "insurance_years": 2},
                 MEDIUM_DOCS, "not_eligible", {"insurance_three_years": "001 §二(五)"},
                 id="001 §二(五) medium, 2 years of a 3-year rule"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "one_year", "insurance_years": 0.5},
                 MEDIUM_DOCS, "not_eligible", {"insurance_one_year": "001 §二(五)"},
                 id="001 §二(五) medium, half a year of a 1-year rule"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "no_minimum", "insurance_years": 0},
                 MEDIUM_DOCS, "not_eligible", {"insured": "001 §二(五)"},
                 id="001 §二(五) medium, not insured at all"),
    pytest.param("medium_city", "medium",
                 {"residence": "rental", "employment": "none", "local_insurance_rule": "two_years",
                  "insurance_years": 2},
                 ["settlement_application", "id_card", "hukou_booklet", "lease_contract",
                  "social_insurance_proof"], "not_eligible", {"lawful_employment": "001 §二(五)"},
                 id="001 §二(五) medium, no lawful stable employment"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "employment_years_met": False, "local_insurance_rule": "one_year",
                  "insurance_years": 2},
                 MEDIUM_DOCS, "not_eligible", {"employment_years": "001 §二(五)"},
                 id="001 §二(五) medium, job shorter than the years the city set"),
    pytest.param("medium_city", "medium", {"residence": "rental", "local_insurance_rule": "open"},
                 [*TOWN_DOCS, "lease_contract"], "eligible", {},
                 id="001 §二(五) medium city fully open like a town: residence alone"),
    # 001 §二(六): 1–3M and 3–5M — job years set by the city; insurance at most 5 years
    pytest.param("large_city_1_3m", "large_1_3m",
                 {**LARGE_FACTS, "local_insurance_rule": "five_years", "insurance_years": 5},
                 LARGE_DOCS, "eligible", {},
                 id="001 §二(六) 1–3M, 5 of the most a city may ask (5)"),
    pytest.param("large_city_1_3m", "large_1_3m",
                 {**LARGE_FACTS, "local_insurance_rule": "five_years", "insurance_years": 4},
                 LARGE_DOCS, "not_eligible", {"insurance_five_years": "001 §二(六)"},
                 id="001 §二(六) 1–3M, 4 years of a 5-year rule"),
    pytest.param("large_city_1_3m", "large_1_3m",
                 {**LARGE_FACTS, "employment_years_met": False, "local_insurance_rule": "one_year",
                  "insurance_years": 3},
                 LARGE_DOCS, "not_eligible", {"employment_years": "001 §二(六)"},
                 id="001 §二(六) 1–3M, job shorter than the city's years"),
    pytest.param("large_city_3_5m", "large_3_5m",
                 {**LARGE_FACTS, "local_insurance_rule": "three_years", "insurance_years": 6},
                 LARGE_DOCS, "eligible", {}, id="001 §二(六) 3–5M, 6 years of a 3-year rule"),
    pytest.param("large_city_3_5m", "large_3_5m",
                 {**LARGE_FACTS, "residence": "none", "local_insurance_rule": "two_years",
                  "insurance_years": 2},
                 ["settlement_application", "id_card", "hukou_booklet", "labour_contract",
                  "social_insurance_proof"], "not_eligible", {"lawful_residence": "001 §二(六)"},
                 id="001 §二(六) 3–5M, no residence"),
    # 001 §二(六)/(七): points
    pytest.param("large_city_points", "large_3_5m", {"points_reached": True}, POINTS_DOCS,
                 "eligible", {}, id="001 §二(六) 3–5M points reached"),
    pytest.param("megacity_points", "megacity", {"points_reached": True}, POINTS_DOCS,
                 "eligible", {}, id="001 §二(七) megacity points reached"),
    pytest.param("megacity_points", "megacity", {"points_reached": False}, POINTS_DOCS,
                 "not_eligible", {"points_reached": "001 §二(七)"},
                 id="001 §二(七) megacity points short"),
]


@pytest.mark.parametrize(("category", "area", "facts", "documents", "outcome", "failing"),
                         OUTCOMES)
def test_outcome(pack: PolicyPack, category: str, area: str, facts: dict[str, Any],
                 documents: list[str], outcome: str, failing: dict[str, str]) -> None:
    result = assess(pack, make_case(category, area, facts, documents), on=ON)
    assert result.outcome == outcome, (result.reasons, result.missing, result.unanswered)
    assert failed(result) == failing
    assert result.missing == []
    assert result.pack_id == "national" and result.pack_version == pack.version
    if outcome == "eligible":
        assert result.outputs == ["receipt", "settlement_permit", "registration_card"]
        assert all(r.cite.startswith("001 §") for r in result.reasons)
    else:
        assert result.outputs == ["refusal_notice"]


def test_required_medium_city_two_years(pack: PolicyPack) -> None:
    """Issue 2 §7: a 0.5–1M national-tier city with job, residence and 2 years → eligible."""
    case = make_case("medium_city", "medium",
                     {"residence": "owned", "employment": "employee", "employment_years_met": True,
                      "local_insurance_rule": "two_years", "insurance_years": 2},
                     ["settlement_application", "id_card", "hukou_booklet", "property_certificate",
                      "labour_contract", "social_insurance_proof"])
    result = assess(pack, case, on=ON)
    assert result.outcome == "eligible"
    held = {r.code: r.cite for r in result.reasons if r.holds}
    assert held == {"voluntary_request": "001 §一(二)", "lawful_residence": "001 §二(五)",
                    "lawful_employment": "001 §二(五)", "employment_years": "001 §二(五)",
                    "insured": "001 §二(五)",
                    "insurance_two_years": "001 §二(五)"}
    assert [(p.kind, p.cite) for p in result.placements] == [("family_household", "001 §二(五)")]
    assert [(f.text, f.cite) for f in result.follow_ups] == [("统一登记为居民户口", "001 §三(九)")]


# —— the one-time notice: every missing document at once ————————————————————————

MISSING = [
    pytest.param("town_residence", "town", {"residence": "public"}, ["id_card"], [],
                 [["settlement_application"], BOOKLET,
                  ["public_housing_lease", "public_rental_lease", "low_rent_lease",
                   "protected_housing_proof"]],
                 id="001 §二(四) town, public housing: one certificate of four"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "three_years", "insurance_years": 3},
                 ["id_card"], [SPOUSE, CHILD_17],
                 [["settlement_application"], BOOKLET, ["lease_contract"],
                  ["labour_contract", "employment_proof"], ["social_insurance_proof"],
                  ["marriage_certificate"],
                  ["birth_medical_certificate", "kinship_proof"]],
                 id="001 §二(五) medium, nothing but the ID card, with spouse and child"),
    pytest.param("medium_city", "medium", {"residence": "owned", "local_insurance_rule": "open"},
                 ["id_card", "settlement_application"], [],
                 [BOOKLET, ["property_certificate"]],
                 id="001 §二(五) medium fully open: no job or insurance papers asked"),
    pytest.param("large_city_1_3m", "large_1_3m",
                 {**LARGE_FACTS, "employment": "business", "local_insurance_rule": "two_years",
                  "insurance_years": 2},
                 ["id_card", "hukou_booklet", "settlement_application"],
                 [{"relation": "parent", "cohabiting": True, **person(dt.date(1960, 1, 1), 41)}],
                 [["property_certificate"], ["business_licence"], ["social_insurance_proof"],
                  ["kinship_proof"]],
                 id="001 §二(六) 1–3M, licence holder with a parent"),
    pytest.param("megacity_points", "megacity", {"points_reached": True}, ["id_card"], [],
                 [["settlement_application"], BOOKLET, ["points_approval"]],
                 id="001 §二(七) megacity: the points approval, no residence permit line"),
]


@pytest.mark.parametrize(("category", "area", "facts", "documents", "family", "expected"), MISSING)
def test_missing_documents(pack: PolicyPack, category: str, area: str, facts: dict[str, Any],
                           documents: list[str], family: list[dict[str, Any]],
                           expected: list[list[str]]) -> None:
    result = assess(pack, make_case(category, area, facts, documents, family), on=ON)
    assert result.outcome == "incomplete"
    assert missing_ids(result) == expected
    assert all(m.one_of == (len(m.doc_ids) > 1) for m in result.missing)
    assert all(m.cite.startswith("001 §") for m in result.missing)
    assert result.outputs == ["receipt", "one_time_notice"]


def test_unanswered_city_rule_is_asked(pack: PolicyPack) -> None:
    """001 §二(五): until the clerk says which rule the city applies, the case is incomplete."""
    case = make_case("medium_city", "medium", {**MEDIUM_FACTS, "insurance_years": 2}, MEDIUM_DOCS)
    result = assess(pack, case, on=ON)
    assert result.outcome == "incomplete"
    assert [u.key for u in result.unanswered] == ["local_insurance_rule"]


@pytest.mark.parametrize("voluntary", [
    pytest.param(False, id="001 §一(二) refused: never settled on someone's behalf"),
    pytest.param(None, id="001 §一(二) not yet recorded"),
])
def test_voluntary_request(pack: PolicyPack, voluntary: bool | None) -> None:
    case = make_case("town_residence", "town", {"residence": "owned"},
                     [*TOWN_DOCS, "property_certificate"], voluntary=voluntary)
    result = assess(pack, case, on=ON)
    if voluntary is False:
        assert result.outcome == "not_eligible"
        assert failed(result) == {"voluntary_request": "001 §一(二)"}
    else:
        assert result.outcome == "incomplete"
        assert [u.key for u in result.unanswered] == ["voluntary_request"]


@pytest.mark.parametrize(("category", "area"), [
    pytest.param("large_city_points", "large_3_5m", id="001 §二(六) 3–5M points"),
    pytest.param("megacity_points", "megacity", id="001 §二(七) megacity points"),
])
def test_points_settlement_asks_no_residence_permit_of_its_own(pack: PolicyPack, category: str,
                                                               area: str) -> None:
    """001 §二(六)/(七) leave the points criteria to the city; §三(十) says a residence-permit
    holder *may* apply, not that only holders may. The city's points approval is the proof;
    a separate residence-permit line would turn away someone the city's points admitted."""
    case = make_case(category, area, {"points_reached": True}, POINTS_DOCS)
    result = assess(pack, case, on=ON)
    assert result.outcome == "eligible", result.missing
    cat = pack.category(category)
    assert cat is not None
    assert "residence_permit" not in {d for line in cat.documents for d in line.doc_ids}


# —— who may come along: spouse, MINOR children, parents, living together ————————————

COMPANIONS = [
    pytest.param(SPOUSE, True, "配偶", id="001 §二(四) cohabiting spouse"),
    pytest.param(CHILD_17, True, "未成年子女", id="001 §二(四) child of 17"),
    pytest.param({"relation": "child", "cohabiting": True, "marital_status": "unmarried",
                  **person(dt.date(2008, 11, 22), 51)}, False, "18",
                 id="001 §二(四) child turned 18 on the day: not a minor"),
    pytest.param({"relation": "child", "cohabiting": True, "marital_status": "unmarried",
                  **person(dt.date(2008, 11, 23), 53)}, True, "未成年子女",
                 id="001 §二(四) child turning 18 tomorrow: still a minor"),
    pytest.param({"relation": "parent", "cohabiting": True, **person(dt.date(1962, 2, 2), 61)},
                 True, "父母", id="001 §二(四) cohabiting parent"),
    pytest.param({"relation": "parent", "cohabiting": False, **person(dt.date(1962, 2, 2), 61)},
                 False, "共同居住生活", id="001 §二(四) parent living elsewhere"),
    pytest.param({"relation": "other", "cohabiting": True, **person(dt.date(1994, 2, 2), 71)},
                 False, "其他亲属", id="001 §二(四) sibling: not in the document's list"),
]


@pytest.mark.parametrize("category,area", [
    ("town_residence", "town"), ("medium_city", "medium"), ("large_city_3_5m", "large_3_5m"),
    ("megacity_points", "megacity")])
@pytest.mark.parametrize(("member", "allowed", "says"), COMPANIONS)
def test_companions(pack: PolicyPack, category: str, area: str, member: dict[str, Any],
                    allowed: bool, says: str) -> None:
    case = make_case(category, area, {}, [], [member])
    (decision,) = assess(pack, case, on=ON).family
    assert decision.allowed is allowed
    assert says in decision.reason
    assert decision.cite is not None and decision.cite.startswith("001 §二(")


def test_companion_cites_its_tier(pack: PolicyPack) -> None:
    case = make_case("megacity_points", "megacity", {}, [], [SPOUSE])
    assert assess(pack, case, on=ON).family[0].cite == "001 §二(七)"


# —— placements and the pack's own shape ——————————————————————————————————————————


@pytest.mark.parametrize("category", ["town_residence", "medium_city", "large_city_1_3m",
                                      "large_city_3_5m", "large_city_points", "megacity_points"])
def test_family_household_at_the_residence_only(pack: PolicyPack, category: str) -> None:
    cat = pack.category(category)
    assert cat is not None and cat.areas is not None
    case = make_case(category, cat.areas[0], {}, [])
    placements = assess(pack, case, on=ON).placements
    assert [p.kind for p in placements] == ["family_household"]
    assert placements[0].cite == cat.cite


@pytest.mark.parametrize(("tier", "most"), [
    pytest.param("medium", 3, id="001 §二(五) at most 3 years in a 0.5–1M city"),
    pytest.param("large_1_3m", 5, id="001 §二(六) at most 5 years in a 1–3M city"),
    pytest.param("large_3_5m", 5, id="001 §二(六) at most 5 years in a 3–5M city"),
])
def test_city_figures_stay_within_the_ceiling(pack: PolicyPack, tier: str, most: int) -> None:
    """The local figures the pack lets a city choose go up to the ceiling and no further."""
    (ceiling,) = [c for c in pack.ceilings
                  if tier in c.tiers and c.measure == "social_insurance_years"]
    assert ceiling.max == most
    thresholds = []
    for cat in pack.categories:
        if cat.areas is None or not any(pack.tier_of(a) == tier for a in cat.areas):
            continue
        for rule in cat.rules:
            fact = cat.fact(rule.require.fact or "")
            if fact is not None and fact.measure == "social_insurance_years" \
                    and rule.require.fact_op == "gte":
                thresholds.append(rule.require.value)
    assert max(thresholds) == most


def test_medium_ceilings_forbid_housing_thresholds(pack: PolicyPack) -> None:
    forbidden = {(c.measure, c.cite) for c in pack.ceilings if c.forbidden}
    assert forbidden == {("housing_area_m2", "001 §二(五)"), ("housing_price", "001 §二(五)")}
    measured = {f.measure for c in pack.categories for f in c.facts}
    assert not measured & {"housing_area_m2", "housing_price"}


def test_pack_passes_the_lint(pack: PolicyPack) -> None:
    assert lint_pack(pack) == []


def test_every_tier_has_a_category(pack: PolicyPack) -> None:
    covered = {pack.tier_of(a) for c in pack.categories for a in (c.areas or ())}
    assert covered == {"town", "medium", "large_1_3m", "large_3_5m", "megacity"}


@pytest.mark.parametrize(("category_marker", "old", "new", "cite"), [
    pytest.param("  - id: medium_city\n", "gte: 3}", "gte: 4}", "001 §二(五)",
                 id="001 §二(五) a medium city asking 4 years is over the ceiling"),
    pytest.param("  - id: large_city_1_3m\n", "gte: 5}", "gte: 6}", "001 §二(六)",
                 id="001 §二(六) a large city asking 6 years is over the ceiling"),
])
def test_a_city_figure_over_the_ceiling_is_rejected(tmp_path: Path, category_marker: str,
                                                     old: str, new: str, cite: str) -> None:
    """The other side of the ceiling: one more year than 001 allows fails the lint."""
    text = (forms_dir() / "national.yaml").read_text(encoding="utf-8")
    start = text.index(category_marker)
    at = text.index(old, start)
    mutated = tmp_path / "national.yaml"
    mutated.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    problems = lint_pack(load_pack(mutated))
    # (the 1–3M and 3–5M categories share their rules, so a large-city change shows twice)
    assert problems and {(p.rule, p.cite) for p in problems} == {("ceiling", cite)}


def test_every_refusal_reason_says_what_would_satisfy_it(pack: PolicyPack) -> None:
    """A refusal notice quotes the rule's reason: it says what is wrong, then (after “；”)
    what would satisfy the rule, so the applicant knows what to come back with."""
    for cat in pack.categories:
        for rule in cat.rules:
            wrong, _, remedy = rule.reason.partition("；")
            assert wrong and ("可以申请" in remedy or "办理" in remedy), (cat.id, rule.id)


@pytest.mark.parametrize(("category", "area", "facts"), [
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "one_year", "insurance_years": 2},
                 id="001 §二(五) medium city"),
    pytest.param("large_city_1_3m", "large_1_3m",
                 {**LARGE_FACTS, "local_insurance_rule": "one_year", "insurance_years": 2},
                 id="001 §二(六) 1–3M"),
])
def test_employment_shown_by_an_appointment_letter(pack: PolicyPack, category: str, area: str,
                                                   facts: dict[str, Any]) -> None:
    """001 §二(五)(六) ask 合法稳定就业 without naming its proof: a civil servant or public
    institution employee appointed by letter (录用、聘用) has no labour contract and is
    employed all the same."""
    documents = [d if d != "labour_contract" else "employment_proof"
                 for d in (MEDIUM_DOCS if category == "medium_city" else LARGE_DOCS)]
    result = assess(pack, make_case(category, area, facts, documents), on=ON)
    assert result.outcome == "eligible", result.missing
    result = assess(pack, make_case(category, area, facts,
                                    [d for d in documents if d != "employment_proof"]), on=ON)
    assert [(m.doc_ids, m.one_of) for m in result.missing] == [
        (["labour_contract", "employment_proof"], True)]


@pytest.mark.parametrize(("category", "area", "facts", "documents"), [
    pytest.param("town_residence", "town", {"residence": "owned"},
                 [*TOWN_DOCS, "property_certificate"], id="001 §二(四) town"),
    pytest.param("medium_city", "medium",
                 {**MEDIUM_FACTS, "local_insurance_rule": "one_year", "insurance_years": 1},
                 MEDIUM_DOCS, id="001 §二(五) medium city"),
    pytest.param("large_city_1_3m", "large_1_3m",
                 {**LARGE_FACTS, "local_insurance_rule": "one_year", "insurance_years": 1},
                 LARGE_DOCS, id="001 §二(六) 1–3M"),
    pytest.param("megacity_points", "megacity", {"points_reached": True}, POINTS_DOCS,
                 id="001 §二(七) megacity points"),
])
def test_applicant_registered_in_a_collective_household(pack: PolicyPack, category: str,
                                                       area: str, facts: dict[str, Any],
                                                       documents: list[str]) -> None:
    """001 §二 asks nothing of where the applicant is registered now; a graduate in a talent
    collective household or a worker in a unit collective household has no family
    booklet, and shows the registration on the collective household page instead."""
    collective = [d if d != "hukou_booklet" else "collective_registration_page"
                  for d in documents]
    result = assess(pack, make_case(category, area, facts, collective), on=ON)
    assert result.outcome == "eligible", result.missing
