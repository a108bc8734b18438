"""The assessment engine (forms/README.md, "What the assessment does"), on the engine's own
fixture pack (tests/data/policy_engine_pack.yaml) and on the shipped Liaocheng pack for the
dates the issue names (purchase contract: handover minus six months, 003 §二(一)1;
business licence: its first anniversary, 003 §二(二))."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hukou.domain.idnumber import make_id_number
from hukou.policy import (
    CaseError,
    CaseFile,
    PolicyPack,
    assess,
    cached_catalogue,
    load_all_packs,
    load_pack,
    parse_case,
    required_documents,
    visible_facts,
)

FIXTURE = Path(__file__).parent / "data" / "policy_engine_pack.yaml"
ON = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return load_pack(FIXTURE, catalogue=cached_catalogue())


def case(category: str = "home", area: str = "core", **fields: Any) -> CaseFile:
    data: dict[str, Any] = {"pack": "testland", "area": area, "category": category,
                            "voluntary_request": True}
    data.update(fields)
    return parse_case(data)


HOME_DOCS = ["id_card", "property_certificate", "social_insurance_proof"]
OWNER = {"owns_home": True, "housing_kind": "flat"}


def test_a_complete_case_is_eligible_with_every_reason_cited(pack: PolicyPack) -> None:
    result = assess(pack, case(facts=OWNER, documents=HOME_DOCS), ON)
    assert result.outcome == "eligible"
    assert result.pack_id == "testland" and result.pack_version == "7.3"
    assert result.assessed_on == ON
    assert [(r.code, r.holds) for r in result.reasons] == [
        ("voluntary_request", True), ("owns_home", True)]
    assert all(r.cite for r in result.reasons)
    assert result.missing == [] and result.unanswered == []
    assert result.not_yet_until is None


def test_the_applicants_own_request_is_needed_001_1_2(pack: PolicyPack) -> None:
    not_asked = assess(pack, case(voluntary_request=None, facts=OWNER,
                                  documents=HOME_DOCS), ON)
    assert not_asked.outcome == "incomplete"
    assert [u.key for u in not_asked.unanswered] == ["voluntary_request"]
    refused = assess(pack, case(voluntary_request=False, facts=OWNER,
                                documents=HOME_DOCS), ON)
    assert refused.outcome == "not_eligible"
    assert refused.reasons[0].cite == "001 §一(二)" and not refused.reasons[0].holds


def test_a_move_within_the_city_also_needs_the_applicants_request_003_1_2() -> None:
    # 003 §一(二) 自愿迁移落户: a local resident moving to their own home is a move too.
    liaocheng = load_all_packs()["liaocheng"]
    data = {"pack": "liaocheng", "area": "dongchangfu", "category": "local_move_own_home",
            "applicant": {"name": "王芳"}, "documents": []}
    result = assess(liaocheng, parse_case(data), ON)
    assert "voluntary_request" in [u.key for u in result.unanswered]
    refused = assess(liaocheng, parse_case({**data, "voluntary_request": False}), ON)
    assert refused.outcome == "not_eligible"


def test_a_newborn_needs_no_request_and_gets_its_follow_up_004_4_1(pack: PolicyPack) -> None:
    result = assess(pack, case("newborn", voluntary_request=None,
                               documents=["birth_medical_certificate"]), ON)
    assert result.outcome == "eligible"
    assert [f.text for f in result.follow_ups] == ["登记后通知卫生健康部门"]
    assert result.outputs == ["receipt", "registration_card"]


def test_all_missing_documents_are_listed_at_once_alternatives_as_one(pack: PolicyPack) -> None:
    result = assess(pack, case(area="city", facts={"owns_home": True, "insurance_years": 3,
                                                   "housing_kind": "house"},
                               family=[{"relation": "spouse"}]), ON)
    assert result.outcome == "incomplete"
    lines = [(m.doc_ids, m.one_of) for m in result.missing]
    assert lines == [
        (["id_card"], False),
        (["property_certificate", "purchase_contract"], True),
        (["social_insurance_proof"], False),
        (["residence_proof"], False),
        (["marriage_certificate"], False),
    ]
    alternatives = result.missing[1]
    assert alternatives.titles == ["不动产权证书（房屋所有权证）", "商品房买卖合同"]
    assert result.missing[3].note == "独栋住房另需实际居住证明"
    assert result.outputs == ["receipt", "one_time_notice"]


def test_one_alternative_satisfies_a_one_of_line(pack: PolicyPack) -> None:
    result = assess(pack, case(facts=OWNER,
                               documents=["id_card", "purchase_contract"]), ON)
    assert result.outcome == "eligible"


def test_a_rule_outside_its_area_is_not_checked(pack: PolicyPack) -> None:
    in_core = assess(pack, case(area="core_street", facts=OWNER,
                                documents=HOME_DOCS), ON)
    assert "insured_two_years" not in [r.code for r in in_core.reasons]
    outside = assess(pack, case(area="city", facts={"owns_home": True, "insurance_years": 1},
                                documents=HOME_DOCS), ON)
    assert outside.outcome == "not_eligible"
    failed = [r for r in outside.reasons if not r.holds]
    assert [(r.code, r.cite) for r in failed] == [("insured_two_years", "003 §二(一)2")]


def test_an_unanswered_fact_is_asked_for_instead_of_decided(pack: PolicyPack) -> None:
    result = assess(pack, case(area="city", documents=HOME_DOCS), ON)
    assert result.outcome == "incomplete"
    # housing_kind decides a document line and a placement, so it is asked for too
    assert [u.key for u in result.unanswered] == ["owns_home", "insurance_years", "housing_kind"]
    assert result.unanswered[0].label == "是否有自有住房"
    assert not [r for r in result.reasons if not r.holds]


def test_not_eligible_outranks_not_yet_and_missing_documents(pack: PolicyPack) -> None:
    result = assess(pack, case("purchase_business", area="town",
                               facts={"handover_date": "2028-01-01", "licence_date": "2026-01-01",
                                      "has_premises": False}), ON)
    assert result.outcome == "not_eligible"
    assert result.not_yet_until is None
    assert result.outputs == ["refusal_notice"]


def test_not_yet_names_the_latest_of_the_waiting_dates(pack: PolicyPack) -> None:
    result = assess(pack, case("purchase_business", area="town",
                               facts={"handover_date": "2027-08-31", "licence_date": "2026-03-15"},
                               documents=["purchase_contract", "business_licence"]), ON)
    assert result.outcome == "not_yet"
    # handover 31 Aug: six months before clamps to 28 Feb, yet 28 Feb + 6 months is only
    # 28 Aug; the first day it holds is 1 Mar. The licence's anniversary is 15 Mar.
    assert result.not_yet_until == dt.date(2027, 3, 15)
    on_the_day = assess(pack, case("purchase_business", area="town",
                                   facts={"handover_date": "2027-08-31",
                                          "licence_date": "2026-03-15"},
                                   documents=["purchase_contract", "business_licence"]),
                        dt.date(2027, 3, 15))
    assert on_the_day.outcome == "eligible"
    assert [p.kind for p in on_the_day.placements] == ["community_collective"]
    assert "collective_slip" in on_the_day.outputs


def test_a_failed_not_eligible_rule_refuses_even_when_time_would_help(pack: PolicyPack) -> None:
    result = assess(pack, case("purchase_business", area="town",
                               facts={"handover_date": "2027-01-01", "licence_date": "2025-01-01",
                                      "has_premises": False}), ON)
    # premises: no premises, and the licence turns three only in 2028; waiting would
    # help, but the rule says not_eligible, so the case is refused now.
    assert result.outcome == "not_eligible"
    assert [r.code for r in result.reasons if not r.holds] == ["premises"]


@pytest.mark.parametrize(
    ("self_contained", "outcome", "until"),
    [(True, "not_yet", dt.date(2027, 1, 1)), (False, "not_eligible", None)],
)
def test_a_not_yet_rule_waits_only_when_waiting_can_satisfy_it(
    pack: PolicyPack, self_contained: bool, outcome: str, until: dt.date | None
) -> None:
    result = assess(pack, case("waiting", area="town",
                               facts={"handover_date": "2027-07-01",
                                      "self_contained": self_contained}), ON)
    assert result.outcome == outcome
    assert result.not_yet_until == until


@pytest.mark.parametrize(
    ("handover", "until"),
    [
        ("2027-06-30", dt.date(2026, 12, 30)),   # 003 §二(一)1: handover minus six months
        ("2027-08-31", dt.date(2027, 3, 1)),     # month end: 28 Feb + 6 months < 31 Aug
        ("2027-05-22", None),                     # exactly six months ahead: possible now
    ],
)
def test_liaocheng_purchase_contract_waits_for_half_a_year_before_handover_003_2_1_1(
    handover: str, until: dt.date | None
) -> None:
    pack = load_all_packs()["liaocheng"]
    result = assess(pack, parse_case({
        "pack": "liaocheng", "area": "dongchangfu", "category": "purchase_contract",
        "voluntary_request": True, "facts": {"handover_date": handover},
        "documents": ["purchase_contract"]}), ON)
    if until is None:
        assert result.outcome != "not_yet"
    else:
        assert result.outcome == "not_yet"
        assert result.not_yet_until == until


def test_liaocheng_business_licence_from_its_first_anniversary_003_2_2() -> None:
    pack = load_all_packs()["liaocheng"]
    data = {"pack": "liaocheng", "area": "county_seats", "category": "business_licence",
            "voluntary_request": True,
            "facts": {"licence_date": "2024-02-29", "fixed_premises": True},
            "documents": ["business_licence", "business_premises_proof"]}
    early = assess(pack, parse_case(data), dt.date(2025, 2, 27))
    assert early.outcome == "not_yet"
    assert early.not_yet_until == dt.date(2025, 2, 28)   # 29 Feb + 1 year clamps to 28 Feb
    assert assess(pack, parse_case(data), dt.date(2025, 2, 28)).outcome == "eligible"


# —— who may come along ————————————————————————————————————————————————


def child_born(years_before: int, days: int = 0) -> str:
    return (ON.replace(year=ON.year - years_before) + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("member", "allowed", "reason_part"),
    [
        ({"relation": "spouse", "name": "李四"}, True, "配偶可以随迁"),
        ({"relation": "child", "birth_date": child_born(17, 1)}, True, "未成年子女"),
        ({"relation": "child", "birth_date": child_born(18)}, False, "已满18周岁"),
        ({"relation": "child"}, False, "出生日期"),
        ({"relation": "child",
          "id_number": make_id_number("371502", dt.date(2010, 1, 1), 12)}, True, "未成年子女"),
        ({"relation": "parent", "cohabiting": True}, True, "共同居住生活"),
        ({"relation": "parent", "cohabiting": False}, False, "未与申请人共同居住"),
        ({"relation": "parent"}, False, "需确认是否"),
        ({"relation": "other"}, False, "本类别不允许其他亲属随迁"),
    ],
)
def test_companions_by_relation_age_and_cohabiting(
    pack: PolicyPack, member: dict[str, Any], allowed: bool, reason_part: str
) -> None:
    result = assess(pack, case(facts=OWNER, documents=HOME_DOCS,
                               family=[member]), ON)
    (decision,) = result.family
    assert decision.allowed is allowed
    assert reason_part in decision.reason
    assert decision.cite


@pytest.mark.parametrize(
    ("scope", "status", "allowed"),
    [
        ("unmarried", "unmarried", True),      # 004: unmarried children
        ("unmarried", "divorced", False),
        ("divorced", "divorced", True),        # 003: unmarried children including divorced
        ("divorced", "married", False),
        ("divorced", "widowed", False),
        ("any", "married", True),              # 000/002: children
        ("unmarried", None, False),
    ],
)
def test_child_scope_follows_each_documents_own_limit(
    pack: PolicyPack, scope: str, status: str | None, allowed: bool
) -> None:
    member = {"relation": "child", "marital_status": status, "birth_date": "1990-01-01"}
    result = assess(pack, case("family_scopes", area="city", facts={"scope": scope},
                               family=[member]), ON)
    assert result.family[0].allowed is allowed


@pytest.mark.parametrize(
    ("age", "allowed"),
    [(16, True), (19, True), (20, False)],   # 20: old enough to marry, so the status is asked
)
def test_a_child_too_young_to_marry_counts_as_unmarried_004_2(
    pack: PolicyPack, age: int, allowed: bool
) -> None:
    member = {"relation": "child", "birth_date": child_born(age)}
    result = assess(pack, case("family_scopes", area="city", facts={"scope": "unmarried"},
                               family=[member]), ON)
    assert result.family[0].allowed is allowed
    if not allowed:
        assert "婚姻状况" in result.family[0].reason


def test_a_companion_line_waiting_on_an_answer_asks_for_it(pack: PolicyPack) -> None:
    result = assess(pack, case("family_scopes", area="city",
                               family=[{"relation": "child", "marital_status": "unmarried"}]), ON)
    assert result.outcome == "incomplete"
    assert [u.key for u in result.unanswered] == ["scope"]
    assert result.family[0].allowed is False


def test_a_refusal_because_no_line_applies_gives_the_packs_reading(pack: PolicyPack) -> None:
    result = assess(pack, case("family_scopes", area="city", facts={"scope": "unmarried"},
                               family=[{"relation": "spouse", "name": "李四"}]), ON)
    (decision,) = result.family
    assert decision.allowed is False
    assert decision.reason.endswith("：文件只在列明“子女”的条款中提到配偶")
    category = pack.category("family_scopes")
    assert category is not None and category.note == "测试用类别：三种子女范围"
    assert category.placements[0].note


# —— placements, follow-ups, outputs ————————————————————————————————————————


def test_placements_and_follow_ups_follow_their_conditions(pack: PolicyPack) -> None:
    result = assess(pack, case(area="core_street",
                               facts={"owns_home": True, "housing_kind": "flat"},
                               documents=HOME_DOCS), ON)
    assert [p.kind for p in result.placements] == ["family_household", "community_public"]
    assert [f.text for f in result.follow_ups] == ["核心区落户的，告知社区居委会"]
    assert result.outputs == ["receipt", "settlement_permit", "registration_card",
                              "collective_slip"]


def test_the_assessment_is_json_for_the_store_and_printouts(pack: PolicyPack) -> None:
    result = assess(pack, case(facts=OWNER, documents=HOME_DOCS), ON)
    data = result.model_dump(mode="json")
    assert data["outcome"] == "eligible" and data["assessed_on"] == "2026-11-22"
    assert type(result).model_validate(data) == result


def test_without_a_date_the_assessment_is_for_today(pack: PolicyPack) -> None:
    result = assess(pack, case(facts=OWNER, documents=HOME_DOCS))
    assert result.assessed_on == dt.date.today()


# —— bad input: CaseError naming the field ——————————————————————————————————


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "nope"}, "category"),
        ({"area": "nowhere"}, "area"),
        ({"area": "medium_city"}, "area"),                      # outside the category's areas
        ({"pack": "liaocheng"}, "pack"),
        ({"facts": {"owns_home": "yes"}}, "facts.owns_home"),
        ({"facts": {"insurance_years": "3"}}, "facts.insurance_years"),
        ({"facts": {"insurance_years": -1}}, "facts.insurance_years"),
        ({"facts": {"insurance_years": True}}, "facts.insurance_years"),
        ({"facts": {"housing_kind": "castle"}}, "facts.housing_kind"),
        ({"facts": {"unknown_key": 1}}, "facts.unknown_key"),
        ({"documents": ["id_card", "passport"]}, "documents[1]"),
        ({"applicant": {"id_number": "110101199003070000"}}, "applicant.id_number"),
        ({"applicant": {"name": "张😀"}}, "applicant.name"),
        ({"family": [{"relation": "spouse"},
                     {"relation": "child", "id_number": "12345"}]}, "family[1].id_number"),
        ({"family": [{"relation": "child", "birth_date": "2001-01-01",
                      "id_number": make_id_number("110101", dt.date(2002, 1, 1), 1)}]},
         "family[0].birth_date"),
    ],
)
def test_bad_input_names_the_field(pack: PolicyPack, changes: dict[str, Any], field: str) -> None:
    data: dict[str, Any] = {"pack": "testland", "area": "city", "category": "home",
                            "voluntary_request": True, **changes}
    with pytest.raises(CaseError) as caught:
        assess(pack, parse_case(data), ON)
    assert caught.value.field == field
    assert " / " in str(caught.value)        # Chinese, then English


def test_a_date_fact_must_be_a_date(pack: PolicyPack) -> None:
    with pytest.raises(CaseError, match="YYYY-MM-DD") as caught:
        assess(pack, case("purchase_business", area="town",
                          facts={"handover_date": "next spring"}), ON)
    assert caught.value.field == "facts.handover_date"


def test_a_choice_may_be_given_by_its_chinese_label(pack: PolicyPack) -> None:
    result = assess(pack, case(facts={"owns_home": True, "housing_kind": "独栋住房"},
                               documents=HOME_DOCS), ON)
    assert [m.doc_ids for m in result.missing] == [["residence_proof"]]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"area": "city", "category": "home"}, "pack"),
        ({"pack": "testland", "area": "city", "category": "home", "colour": "red"}, "colour"),
        ({"pack": "testland", "area": "city", "category": "home",
          "family": [{"relation": "cousin"}]}, "family[0].relation"),
        ({"pack": "testland", "area": "city", "category": "home",
          "applicant": {"birth_date": "1990-13-01"}}, "applicant.birth_date"),
    ],
)
def test_parse_case_names_the_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(CaseError) as caught:
        parse_case(data)
    assert caught.value.field == field


def test_parse_case_reports_json_syntax_with_its_line() -> None:
    with pytest.raises(CaseError, match="line 2"):
        parse_case('{"pack": "x",\n "area": }')


# —— the wizard's helpers ——————————————————————————————————————————————————


def test_visible_facts_hide_what_the_area_does_not_ask(pack: PolicyPack) -> None:
    home = pack.category("home")
    assert home is not None
    # core_street is inside core (two levels down): the insurance question is not asked
    assert [f.key for f in visible_facts(home, {}, "core_street")] == ["owns_home",
                                                                      "housing_kind"]
    assert [f.key for f in visible_facts(home, {}, "city")] == ["owns_home", "insurance_years",
                                                               "housing_kind"]


def test_visible_facts_keep_questions_that_depend_on_unanswered_ones() -> None:
    national = load_all_packs()["national"]
    medium = national.category("medium_city")
    assert medium is not None
    keys = [f.key for f in visible_facts(medium, {}, "medium")]
    assert "insurance_years" in keys
    opened = [f.key for f in visible_facts(medium, {"local_insurance_rule": "open"}, "medium")]
    assert "insurance_years" not in opened and "employment" not in opened


def test_required_documents_say_which_lines_are_satisfied(pack: PolicyPack) -> None:
    home = pack.category("home")
    assert home is not None
    lines = required_documents(pack, home, case(area="city", documents=["purchase_contract"]),
                               ON)
    assert [(line.doc_ids[0], line.satisfied, line.presented) for line in lines] == [
        ("id_card", False, []),
        ("property_certificate", True, ["purchase_contract"]),
        ("social_insurance_proof", False, []),
    ]
    assert lines[1].one_of and lines[1].titles[1] == "商品房买卖合同"


def test_kinship_proof_is_asked_only_for_relatives_who_may_still_come_003_2_1() -> None:
    pack = load_all_packs()["liaocheng"]
    base = {"pack": "liaocheng", "area": "dongchangfu", "category": "own_home",
            "voluntary_request": True, "documents": ["property_certificate"]}
    parent_docs = ["hukou_booklet", "kinship_proof"]

    def missing_for(parent: dict[str, Any]) -> list[list[str]]:
        result = assess(pack, parse_case({**base, "family": [parent]}), ON)
        return [m.doc_ids for m in result.missing]

    assert parent_docs in missing_for({"relation": "parent", "cohabiting": True})
    assert parent_docs in missing_for({"relation": "parent"})          # not yet known
    assert parent_docs not in missing_for({"relation": "parent", "cohabiting": False})
    home = pack.category("own_home")
    assert home is not None
    refused = parse_case({**base, "family": [{"relation": "parent", "cohabiting": False}]})
    assert [line.doc_ids for line in required_documents(pack, home, refused, ON)] == [
        ["property_certificate"]]
