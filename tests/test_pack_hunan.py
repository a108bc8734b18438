"""The Hunan pack (004): its tiers with Hunan's 3-year caps, Changsha–Zhuzhou–Xiangtan
cross-settlement, newborn registration without conditions, death cancellation, and
unmarried children as companions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hukou.paths import forms_dir
from hukou.policy import CaseError, CaseFile, PolicyPack, assess, lint_pack, load_pack
from pack_cases import BOOKLET, ON, case_file, failed, missing_ids, person_in

DIVISION = "430121"  # 湖南省长沙县 (county seat 星沙)


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return load_pack(forms_dir() / "hunan.yaml")


def person(birth: dt.date, seq: int = 11, **extra: Any) -> dict[str, Any]:
    return person_in(DIVISION, birth, seq, **extra)


def make_case(category: str, area: str, facts: dict[str, Any], documents: list[str],
              family: list[dict[str, Any]] | None = None, voluntary: bool | None = True,
              applicant: dict[str, Any] | None = None) -> CaseFile:
    return case_file("hunan", category, area,
                     applicant=applicant or {"name": "刘建国", **person(dt.date(1988, 8, 8))},
                     facts=facts, documents=documents, family=family or (), voluntary=voluntary)


SPOUSE = {"relation": "spouse", "name": "陈芳", "cohabiting": True,
          **person(dt.date(1989, 4, 4), 22)}
CHILD_16 = {"relation": "child", "name": "刘小雨", "cohabiting": True,
            "marital_status": "unmarried", **person(dt.date(2010, 1, 15), 32)}
FATHER = {"relation": "parent", "name": "刘德", "cohabiting": True,
          **person(dt.date(1958, 9, 9), 41)}
ADULT_CHILD = {"relation": "child", "name": "刘小云", "cohabiting": True,
               "marital_status": "unmarried", **person(dt.date(2000, 3, 3), 34)}
FAMILY_DOCS = ["marriage_certificate", "birth_medical_certificate", "single_status_statement",
               "kinship_proof"]
BASE_DOCS = ["settlement_application", "id_card", "hukou_booklet"]
OWNED = [*BASE_DOCS, "property_certificate"]
LARGE_FACTS = {"residence": "rental", "employment": "employee"}
LARGE_DOCS = [*BASE_DOCS, "lease_contract", "labour_contract", "social_insurance_proof"]
CZT_FACTS = {"registered_in_cztx": True, "residence": "rental", "employment": "business",
             "insured": True}
CZT_DOCS = [*BASE_DOCS, "lease_contract", "business_licence", "social_insurance_proof"]


def test_required_county_seat_owned_home_with_family(pack: PolicyPack) -> None:
    """Issue 2 §7: a Hunan county seat with an owned home → eligible; spouse, a 16-year-old
    and a father may come along (004 §三(一))."""
    case = make_case("town_residence", "county_seat",
                     {"residence": "owned"},
                     OWNED + FAMILY_DOCS, [SPOUSE, CHILD_16, FATHER])
    result = assess(pack, case, on=ON)
    assert result.outcome == "eligible", (result.reasons, result.missing, result.unanswered)
    assert [(r.code, r.cite) for r in result.reasons if r.holds] == [
        ("voluntary_request", "001 §一(二)"), ("lawful_residence", "004 §三(一)")]
    assert [(d.relation, d.allowed, d.cite) for d in result.family] == [
        ("spouse", True, "004 §三(一)"), ("child", True, "004 §三(一)"),
        ("parent", True, "004 §三(一)")]
    assert "未婚子女" in result.family[1].reason
    assert [(p.kind, p.cite) for p in result.placements] == [("family_household", "004 §三(一)")]
    assert [(f.text, f.cite) for f in result.follow_ups] == [("统一登记为居民户口", "004 §二")]
    assert result.outputs == ["receipt", "settlement_permit", "registration_card"]
    assert result.pack_id == "hunan" and result.pack_version == pack.version


# —— outcomes: each tier, both sides of what the document lets a city require ————————

OUTCOMES = [
    # 004 §三(一): small cities, county-level cities, county seats, towns — residence alone
    pytest.param("town_residence", "small_city", {"residence": "rental"},
                 [*BASE_DOCS, "lease_contract"], "eligible", {},
                 id="004 §三(一) small prefecture city, rental"),
    pytest.param("town_residence", "county_city", {"residence": "public"},
                 [*BASE_DOCS, "public_rental_lease"], "eligible", {},
                 id="004 §三(一) county-level city, public rental housing"),
    pytest.param("town_residence", "other_town", {"residence": "owned"}, OWNED, "eligible", {},
                 id="004 §三(一) other town, owned home"),
    pytest.param("town_residence", "county_seat", {"residence": "none"}, BASE_DOCS,
                 "not_eligible", {"lawful_residence": "004 §三(一)"},
                 id="004 §三(一) county seat, no lawful residence"),
    # 004 §三(一): medium cities — job, residence, local insurance (no years at all)
    pytest.param("medium_city", "medium_city",
                 {**LARGE_FACTS, "local_rule": "standard", "insured_locally": True},
                 LARGE_DOCS, "eligible", {}, id="004 §三(一) medium city, insured locally"),
    pytest.param("medium_city", "medium_city",
                 {**LARGE_FACTS, "local_rule": "standard", "insured_locally": False},
                 LARGE_DOCS, "not_eligible", {"insured_locally": "004 §三(一)"},
                 id="004 §三(一) medium city, not insured locally"),
    pytest.param("medium_city", "medium_city",
                 {"residence": "rental", "employment": "none", "local_rule": "standard",
                  "insured_locally": True},
                 [*BASE_DOCS, "lease_contract", "social_insurance_proof"], "not_eligible",
                 {"lawful_employment": "004 §三(一)"}, id="004 §三(一) medium city, no job"),
    pytest.param("medium_city", "medium_city", {"residence": "owned", "local_rule": "open"},
                 OWNED, "eligible", {}, id="004 §三(一) medium city open like small cities"),
    # 004 §三(二): 1–3M — job years and insurance years at most 3 each
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "local_employment_rule": "three_years", "employment_years": 3,
                  "local_insurance_rule": "three_years", "insurance_years": 3},
                 LARGE_DOCS, "eligible", {}, id="004 §三(二) 3 of the most a city may ask (3)"),
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "local_employment_rule": "three_years", "employment_years": 5,
                  "local_insurance_rule": "three_years", "insurance_years": 4},
                 LARGE_DOCS, "eligible", {}, id="004 §三(二) 4–5 years meet any lawful rule"),
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "local_employment_rule": "no_minimum", "employment_years": 0.5,
                  "local_insurance_rule": "three_years", "insurance_years": 2},
                 LARGE_DOCS, "not_eligible", {"insurance_three_years": "004 §三(二)"},
                 id="004 §三(二) 2 years of a 3-year insurance rule"),
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "local_employment_rule": "two_years", "employment_years": 1.5,
                  "local_insurance_rule": "one_year", "insurance_years": 1},
                 LARGE_DOCS, "not_eligible", {"employment_two_years": "004 §三(二)"},
                 id="004 §三(二) 1.5 years of a 2-year job rule"),
    pytest.param("large_city", "changsha_districts",
                 {**LARGE_FACTS, "local_employment_rule": "one_year", "employment_years": 1,
                  "local_insurance_rule": "one_year", "insurance_years": 1},
                 LARGE_DOCS, "eligible", {},
                 id="004 §三(二) Changsha districts under the large-city rule"),
    # 004 §三(二): over 3M — stricter local rules allowed, the 3-year caps still hold
    pytest.param("large_city_over_3m", "large_city_over_3m",
                 {**LARGE_FACTS, "local_employment_rule": "three_years", "employment_years": 2,
                  "local_insurance_rule": "three_years", "insurance_years": 2},
                 LARGE_DOCS, "not_eligible",
                 {"employment_three_years": "004 §三(二)", "insurance_three_years": "004 §三(二)"},
                 id="004 §三(二) over 3M, 2 years of 3-year rules"),
    pytest.param("large_city_points", "large_city_over_3m", {"points_reached": True},
                 [*BASE_DOCS, "points_approval"], "eligible", {},
                 id="004 §三(二) over 3M points reached"),
    pytest.param("large_city_points", "large_city_over_3m", {"points_reached": False},
                 [*BASE_DOCS, "points_approval"], "not_eligible",
                 {"points_reached": "004 §三(二)"}, id="004 §三(二) over 3M points short"),
    # 004 §三(三): Changsha–Zhuzhou–Xiangtan — job, residence, insurance: no years
    pytest.param("cztx_cross", "xiangtan_districts", CZT_FACTS, CZT_DOCS, "eligible", {},
                 id="004 §三(三) Changsha resident into Xiangtan"),
    pytest.param("cztx_cross", "changsha_districts", CZT_FACTS, CZT_DOCS, "eligible", {},
                 id="004 §三(三) Zhuzhou resident into Changsha, no years asked"),
    pytest.param("cztx_cross", "zhuzhou_districts", {**CZT_FACTS, "registered_in_cztx": False},
                 CZT_DOCS, "not_eligible", {"registered_in_cztx": "004 §三(三)"},
                 id="004 §三(三) hukou outside the three cities"),
    pytest.param("cztx_cross", "zhuzhou_districts", {**CZT_FACTS, "insured": False},
                 CZT_DOCS, "not_eligible", {"insured": "004 §三(三)"},
                 id="004 §三(三) not insured"),
]


@pytest.mark.parametrize(("category", "area", "facts", "documents", "outcome", "failing"),
                         OUTCOMES)
def test_outcome(pack: PolicyPack, category: str, area: str, facts: dict[str, Any],
                 documents: list[str], outcome: str, failing: dict[str, str]) -> None:
    result = assess(pack, make_case(category, area, facts, documents), on=ON)
    assert result.outcome == outcome, (result.reasons, result.missing, result.unanswered)
    assert failed(result) == failing
    assert result.missing == []
    held = [r.cite for r in result.reasons if r.holds and r.code != "voluntary_request"]
    assert all(c.startswith("004 §三(") for c in held)


# —— the one-time notice ————————————————————————————————————————————————————————

MISSING = [
    pytest.param("town_residence", "county_seat",
                 {"residence": "owned"}, ["id_card"],
                 [SPOUSE, CHILD_16, FATHER],
                 [["settlement_application"], BOOKLET, ["property_certificate"],
                  ["marriage_certificate"], ["birth_medical_certificate", "kinship_proof"],
                  ["kinship_proof"]],
                 id="004 §三(一) county seat, only the ID card, with the whole family"),
    pytest.param("town_residence", "county_seat",
                 {"residence": "owned"}, OWNED,
                 [ADULT_CHILD],
                 [["birth_medical_certificate", "kinship_proof"], ["single_status_statement"]],
                 id="004 §三(一) an unmarried child of 26: proof of unmarried status asked"),
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "local_employment_rule": "no_minimum", "employment_years": 1,
                  "local_insurance_rule": "no_minimum", "insurance_years": 1},
                 LARGE_DOCS, [ADULT_CHILD],
                 [["birth_medical_certificate", "kinship_proof"], ["single_status_statement"]],
                 id="004 §三(二) an unmarried child of 26: proof of unmarried status asked"),
    pytest.param("cztx_cross", "xiangtan_districts",
                 {**CZT_FACTS}, CZT_DOCS, [ADULT_CHILD],
                 [["birth_medical_certificate", "kinship_proof"], ["single_status_statement"]],
                 id="004 §三(三) an unmarried child of 26: proof of unmarried status asked"),
    pytest.param("medium_city", "medium_city",
                 {"residence": "public", "employment": "employee", "local_rule": "standard",
                  "insured_locally": True}, ["id_card", "hukou_booklet"], [],
                 [["settlement_application"],
                  ["public_housing_lease", "public_rental_lease", "low_rent_lease",
                   "protected_housing_proof"], ["labour_contract", "employment_proof"],
                  ["social_insurance_proof"]],
                 id="004 §三(一) medium city, housing certificate as one of four"),
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "employment": "business", "local_employment_rule": "one_year",
                  "employment_years": 2, "local_insurance_rule": "one_year", "insurance_years": 2},
                 ["settlement_application", "id_card"], [],
                 [BOOKLET, ["lease_contract"], ["business_licence"],
                  ["social_insurance_proof"]], id="004 §三(二) large city, licence holder"),
    pytest.param("cztx_cross", "changsha_districts", CZT_FACTS, [], [SPOUSE],
                 [["settlement_application"], ["id_card"], BOOKLET, ["lease_contract"],
                  ["business_licence"], ["social_insurance_proof"], ["marriage_certificate"]],
                 id="004 §三(三) nothing presented, with spouse"),
]


@pytest.mark.parametrize(("category", "area", "facts", "documents", "family", "expected"), MISSING)
def test_missing_documents(pack: PolicyPack, category: str, area: str, facts: dict[str, Any],
                           documents: list[str], family: list[dict[str, Any]],
                           expected: list[list[str]]) -> None:
    result = assess(pack, make_case(category, area, facts, documents, family), on=ON)
    assert result.outcome == "incomplete"
    assert missing_ids(result) == expected
    assert all(m.one_of == (len(m.doc_ids) > 1) for m in result.missing)
    assert result.outputs == ["receipt", "one_time_notice"]


@pytest.mark.parametrize(("category", "area", "facts", "documents"), [
    pytest.param("town_residence", "other_town", {"residence": "owned"}, OWNED,
                 id="004 §三(一) town"),
    pytest.param("medium_city", "medium_city",
                 {**LARGE_FACTS, "local_rule": "standard", "insured_locally": True}, LARGE_DOCS,
                 id="004 §三(一) medium city"),
    pytest.param("large_city_over_3m", "large_city_over_3m",
                 {**LARGE_FACTS, "local_employment_rule": "no_minimum", "employment_years": 1,
                  "local_insurance_rule": "no_minimum", "insurance_years": 1}, LARGE_DOCS,
                 id="004 §三(二) over 3M"),
    pytest.param("large_city_points", "large_city_over_3m", {"points_reached": True},
                 [*BASE_DOCS, "points_approval"], id="004 §三(二) points"),
    pytest.param("cztx_cross", "changsha_districts", CZT_FACTS, CZT_DOCS,
                 id="004 §三(三) Changsha-Zhuzhou-Xiangtan"),
])
def test_no_proof_of_unmarried_status_for_a_young_child(pack: PolicyPack, category: str,
                                                        area: str, facts: dict[str, Any],
                                                        documents: list[str]) -> None:
    """004 §三: 随迁 children must be 未婚; a child under 20 cannot be married, so no statement
    of unmarried status is asked for a six-year-old — only the proof of parentage."""
    toddler = {"relation": "child", "name": "刘豆豆", "cohabiting": True,
               **person(dt.date(2020, 6, 6), 36)}
    result = assess(pack, make_case(category, area, facts, documents, [toddler]), on=ON)
    assert result.family[0].allowed
    assert missing_ids(result) == [["birth_medical_certificate", "kinship_proof"]]
    assert result.unanswered == []   # the age comes from the birth date: nothing to ask


# —— who may come along: spouse, UNMARRIED children of any age, parents ————————————

COMPANIONS = [
    pytest.param(CHILD_16, True, "未婚子女", id="004 §三(一) unmarried child of 16"),
    pytest.param({"relation": "child", "cohabiting": True, "marital_status": "unmarried",
                  **person(dt.date(1998, 2, 2), 51)}, True, "未婚子女",
                 id="004 §三(一) unmarried child of 28: no age limit"),
    pytest.param({"relation": "child", "cohabiting": True, "marital_status": "married",
                  **person(dt.date(2000, 2, 2), 53)}, False, "已婚",
                 id="004 §三(一) married child"),
    pytest.param({"relation": "child", "cohabiting": True, "marital_status": "divorced",
                  **person(dt.date(1996, 2, 2), 55)}, False, "离异",
                 id="004 §三(一) divorced child: 未婚 only (unlike 003)"),
    pytest.param({"relation": "child", "cohabiting": True, **person(dt.date(2000, 2, 2), 57)},
                 False, "婚姻状况", id="004 §三(一) child's marital status not yet given"),
    pytest.param({"relation": "parent", "cohabiting": False, **person(dt.date(1960, 2, 2), 61)},
                 False, "共同居住生活", id="004 §三(一) parent living elsewhere"),
    pytest.param({"relation": "other", "cohabiting": True, **person(dt.date(1992, 2, 2), 71)},
                 False, "其他亲属", id="004 §三(一) sibling: not in the document's list"),
]


@pytest.mark.parametrize(("category", "area", "cite"), [
    ("town_residence", "county_seat", "004 §三(一)"),
    ("large_city", "large_city", "004 §三(二)"),
    ("cztx_cross", "zhuzhou_districts", "004 §三(三)"),
])
@pytest.mark.parametrize(("member", "allowed", "says"), COMPANIONS)
def test_companions(pack: PolicyPack, category: str, area: str, cite: str,
                    member: dict[str, Any], allowed: bool, says: str) -> None:
    (decision,) = assess(pack, make_case(category, area, {}, [], [member]), on=ON).family
    assert decision.allowed is allowed
    assert says in decision.reason
    assert decision.cite == cite


# —— Hunan's caps and areas ——————————————————————————————————————————————————————


@pytest.mark.parametrize("measure", ["social_insurance_years", "employment_years"])
def test_large_city_figures_stop_at_three_years(pack: PolicyPack, measure: str) -> None:
    """004 §三(二): the figures a large city may choose go up to 3 years and no further."""
    (ceiling,) = [c for c in pack.ceilings if c.measure == measure]
    assert (ceiling.tiers, ceiling.max, ceiling.cite) == (
        ("large_1_3m", "large_3_5m", "megacity"), 3, "004 §三(二)")
    for category in ("large_city", "large_city_over_3m"):
        cat = pack.category(category)
        assert cat is not None
        thresholds = [r.require.value for r in cat.rules
                      if r.require.fact_op == "gte"
                      and (f := cat.fact(r.require.fact or "")) is not None
                      and f.measure == measure]
        assert max(thresholds) == 3


def test_medium_city_asks_no_insurance_years(pack: PolicyPack) -> None:
    """004 §三(一): a medium city asks local insurance, not a number of years."""
    cat = pack.category("medium_city")
    assert cat is not None
    assert not [f for f in cat.facts if f.measure]


def test_cross_settlement_only_in_the_three_cities(pack: PolicyPack) -> None:
    case = make_case("cztx_cross", "large_city", CZT_FACTS, CZT_DOCS)
    with pytest.raises(CaseError):
        assess(pack, case, on=ON)


def test_pack_passes_the_lint_under_the_national_ceilings(pack: PolicyPack) -> None:
    national = load_pack(forms_dir() / "national.yaml")
    assert pack.parent == "national"
    assert lint_pack(pack, national=national) == []


# —— newborns and deaths (004 §四(一)) ———————————————————————————————————————————

NEWBORN = {"name": "刘小满", **person(dt.date(2026, 11, 1), 91)}
NOTIFY = ("未能提供计生证明的，办理户口登记后按有关规定通报当地卫生计生部门", "004 §四(一)")
RESIDENT = ("统一登记为居民户口", "004 §二")


FAMILY = {"parent_household": "family"}
BORN = ["birth_medical_certificate", "hukou_booklet"]


@pytest.mark.parametrize(("facts", "documents", "outcome", "missing", "follow_ups"), [
    pytest.param({**FAMILY, "family_planning_proof": False}, BORN, "eligible", [],
                 [NOTIFY, RESIDENT],
                 id="004 §四(一) no birth permit: registered, then the health authority told"),
    pytest.param({**FAMILY, "family_planning_proof": True}, BORN, "eligible", [], [RESIDENT],
                 id="004 §四(一) with birth permit: nobody to notify"),
    pytest.param(FAMILY, BORN, "eligible", [], [RESIDENT],
                 id="004 §四(一) the permit question is no condition"),
    pytest.param({**FAMILY, "family_planning_proof": False}, [], "incomplete",
                 [["birth_medical_certificate"], ["hukou_booklet"]], [NOTIFY, RESIDENT],
                 id="004 §四(一) birth certificate and household booklet missing"),
])
def test_newborn(pack: PolicyPack, facts: dict[str, Any], documents: list[str], outcome: str,
                 missing: list[list[str]], follow_ups: list[tuple[str, str]]) -> None:
    case = make_case("newborn", "county_seat", facts, documents, voluntary=None,
                     applicant=NEWBORN)
    result = assess(pack, case, on=ON)
    assert result.outcome == outcome
    assert missing_ids(result) == missing
    assert [r for r in result.reasons if not r.holds] == []
    assert result.unanswered == []
    assert [(f.text, f.cite) for f in result.follow_ups] == follow_ups
    assert [p.kind for p in result.placements] == ["family_household"]


@pytest.mark.parametrize("kind", ["unit_collective", "school_collective", "talent_collective",
                                  "community_collective", "community_public"])
def test_newborn_of_a_parent_in_a_collective_household(pack: PolicyPack, kind: str) -> None:
    """004 §四(一): 新生儿户口登记不受附加条件限制 — a parent registered in a collective
    household has no family booklet; the newborn is registered in that household on the
    parent's collective registration page, and the collective slip is printed."""
    facts = {"parent_household": kind}
    case = make_case("newborn", "large_city", facts, BORN, voluntary=None, applicant=NEWBORN)
    result = assess(pack, case, on=ON)
    assert result.outcome == "incomplete"
    assert missing_ids(result) == [["collective_registration_page"]]
    case = make_case("newborn", "large_city", facts,
                     ["birth_medical_certificate", "collective_registration_page"],
                     voluntary=None, applicant=NEWBORN)
    result = assess(pack, case, on=ON)
    assert result.outcome == "eligible"
    assert [(p.kind, p.cite) for p in result.placements] == [(kind, "004 §四(一)")]
    assert result.outputs == ["receipt", "registration_card", "collective_slip"]


def test_newborn_household_is_asked(pack: PolicyPack) -> None:
    """Until the clerk says where the parent is registered, neither the booklet nor the
    collective page can be asked: the question is listed, no document line is invented."""
    case = make_case("newborn", "county_seat", {}, ["birth_medical_certificate"],
                     voluntary=None, applicant=NEWBORN)
    result = assess(pack, case, on=ON)
    assert result.outcome == "incomplete"
    assert [u.key for u in result.unanswered] == ["parent_household"]
    assert result.missing == []


def test_newborn_category_has_no_condition(pack: PolicyPack) -> None:
    """004 §四(一): 新生儿户口登记不受附加条件限制 — no rule, no birth-permit document."""
    cat = pack.category("newborn")
    assert cat is not None and cat.route == "birth"
    assert cat.rules == ()
    asked = {d for line in cat.documents for d in line.doc_ids}
    assert asked == {"birth_medical_certificate", "hukou_booklet", "collective_registration_page"}


@pytest.mark.parametrize(("documents", "outcome", "missing"), [
    pytest.param(["death_medical_certificate", "hukou_booklet"], "eligible", [],
                 id="004 §四(一) death certificate and booklet: cancelled"),
    pytest.param(["hukou_booklet"], "incomplete", [["death_medical_certificate"]],
                 id="004 §四(一) death certificate missing"),
    pytest.param(["death_medical_certificate", "collective_registration_page"], "eligible", [],
                 id="004 §四(一) a member of a collective household: the collective page"),
    pytest.param(["death_medical_certificate"], "incomplete",
                 [["hukou_booklet", "collective_registration_page"]],
                 id="004 §四(一) neither booklet nor collective page"),
])
def test_death_cancellation(pack: PolicyPack, documents: list[str], outcome: str,
                            missing: list[list[str]]) -> None:
    cat = pack.category("death")
    assert cat is not None and cat.route == "death"
    case = make_case("death", "large_city", {}, documents, voluntary=None,
                     applicant={"name": "刘老", **person(dt.date(1940, 1, 1), 13)})
    result = assess(pack, case, on=ON)
    assert result.outcome == outcome
    assert missing_ids(result) == missing
    assert result.outputs == (["receipt"] if outcome == "eligible"
                              else ["receipt", "one_time_notice"])


@pytest.mark.parametrize(("fact", "measure"), [
    pytest.param("employment_years", "employment_years",
                 id="004 §三(二) a large city asking 4 years of employment"),
    pytest.param("insurance_years", "social_insurance_years",
                 id="004 §三(二) a large city asking 4 years of insurance (national allows 5)"),
])
def test_four_years_in_a_hunan_large_city_is_rejected(tmp_path: Path, fact: str,
                                                      measure: str) -> None:
    text = (forms_dir() / "hunan.yaml").read_text(encoding="utf-8")
    old = f"{{fact: {fact}, gte: 3}}"
    at = text.index(old, text.index("  - id: large_city\n"))
    mutated = tmp_path / "hunan.yaml"
    mutated.write_text(text[:at] + f"{{fact: {fact}, gte: 4}}" + text[at + len(old):],
                       encoding="utf-8")
    national = load_pack(forms_dir() / "national.yaml")
    problems = lint_pack(load_pack(mutated), national=national)
    # the two large-city categories share their rules, so the change shows in both
    assert {(p.rule, p.cite) for p in problems} == {("ceiling", "004 §三(二)")}
    assert {p.category for p in problems} == {"large_city", "large_city_over_3m"}
    assert all(measure in p.message or fact in p.field for p in problems)


def test_every_refusal_reason_says_what_would_satisfy_it(pack: PolicyPack) -> None:
    """A refusal notice quotes the rule's reason: it says what is wrong, then (after “；”)
    what would satisfy the rule, so the applicant knows what to come back with."""
    for cat in pack.categories:
        for rule in cat.rules:
            wrong, _, remedy = rule.reason.partition("；")
            assert wrong and ("可以申请" in remedy or "办理" in remedy), (cat.id, rule.id)


@pytest.mark.parametrize(("category", "area", "facts"), [
    pytest.param("medium_city", "medium_city",
                 {**LARGE_FACTS, "local_rule": "standard", "insured_locally": True},
                 id="004 §三(一) medium city"),
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "local_employment_rule": "one_year", "employment_years": 2,
                  "local_insurance_rule": "one_year", "insurance_years": 2},
                 id="004 §三(二) large city"),
    pytest.param("cztx_cross", "zhuzhou_districts", {**CZT_FACTS, "employment": "employee"},
                 id="004 §三(三) Changsha-Zhuzhou-Xiangtan"),
])
def test_employment_shown_by_an_appointment_letter(pack: PolicyPack, category: str, area: str,
                                                   facts: dict[str, Any]) -> None:
    """004 §三 asks 合法稳定就业 without naming its proof: a civil servant or public
    institution employee appointed by letter (录用、聘用) has no labour contract and is
    employed all the same."""
    docs = [*BASE_DOCS, "lease_contract", "social_insurance_proof"]
    result = assess(pack, make_case(category, area, facts, [*docs, "employment_proof"]), on=ON)
    assert result.outcome == "eligible", result.missing
    result = assess(pack, make_case(category, area, facts, docs), on=ON)
    assert [(m.doc_ids, m.one_of) for m in result.missing] == [
        (["labour_contract", "employment_proof"], True)]


def test_a_hunan_city_counted_as_a_megacity_keeps_the_three_year_cap(tmp_path: Path) -> None:
    """004 §三(二): '大城市对合法稳定就业年限及参加城镇社会保险年限的要求不得超过3年' covers
    '城区人口超过300万的城市' with no upper bound; if the over-3M area is re-tiered as a
    megacity (001 §二(七) sets no ceiling there), 4 years is still over Hunan's cap."""
    text = (forms_dir() / "hunan.yaml").read_text(encoding="utf-8")
    tier_line = "    name: 城区人口超过300万的城市\n    tier: large_3_5m\n"
    assert tier_line in text
    text = text.replace(tier_line, tier_line.replace("large_3_5m", "megacity"))
    old = "{fact: insurance_years, gte: 3}"
    at = text.index(old, text.index("  - id: large_city\n"))
    mutated = tmp_path / "hunan.yaml"
    mutated.write_text(text[:at] + "{fact: insurance_years, gte: 4}" + text[at + len(old):],
                       encoding="utf-8")
    national = load_pack(forms_dir() / "national.yaml")
    problems = lint_pack(load_pack(mutated), national=national)
    assert {p.category for p in problems} == {"large_city", "large_city_over_3m"}
    over_3m = [p for p in problems if p.category == "large_city_over_3m"]
    assert over_3m and all("megacity" in p.message and p.cite == "004 §三(二)" for p in over_3m)


def test_the_document_number_line_reads_as_a_clerk_reads_it(pack: PolicyPack) -> None:
    """The text of 004 carries no 文号; the printouts and the counter screen say so in the
    words the Liaoning pack uses (未载文号), not in the engineers' words (种子文本)."""
    assert pack.document_number == "未载文号"
    assert pack.issuer == "湖南省人民政府"


def test_the_unmarried_proof_line_tells_the_applicant_who_needs_it(pack: PolicyPack) -> None:
    """004 §三: the one-time notice tells the applicant which child the statement is for."""
    case = make_case("town_residence", "county_seat",
                     {"residence": "owned"},
                     [*OWNED, "birth_medical_certificate"], [ADULT_CHILD])
    (line,) = assess(pack, case, on=ON).missing
    assert line.doc_ids == ["single_status_statement"]
    assert line.note == "随迁子女限未婚，年满20周岁的随迁子女须提供"


@pytest.mark.parametrize(("category", "area", "facts", "documents"), [
    pytest.param("town_residence", "county_seat", {"residence": "owned"}, OWNED,
                 id="004 §三(一) county seat"),
    pytest.param("large_city", "large_city",
                 {**LARGE_FACTS, "local_employment_rule": "one_year", "employment_years": 1,
                  "local_insurance_rule": "one_year", "insurance_years": 1}, LARGE_DOCS,
                 id="004 §三(二) large city"),
    pytest.param("cztx_cross", "changsha_districts", CZT_FACTS, CZT_DOCS,
                 id="004 §三(三) from a collective household in Zhuzhou into Changsha"),
])
def test_applicant_registered_in_a_collective_household(pack: PolicyPack, category: str,
                                                       area: str, facts: dict[str, Any],
                                                       documents: list[str]) -> None:
    """004 §三 asks nothing of the kind of household the applicant is registered in now; a
    person in a unit or talent collective household has no family booklet and shows the
    registration on the collective household page."""
    collective = [d if d != "hukou_booklet" else "collective_registration_page"
                  for d in documents]
    result = assess(pack, make_case(category, area, facts, collective), on=ON)
    assert result.outcome == "eligible", result.missing
