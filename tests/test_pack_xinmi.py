"""The Xinmi pack (seed 002, 新密政〔2017〕7号) assessed case by case, citing each section."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest

from hukou.domain.idnumber import make_id_number
from hukou.paths import forms_dir
from hukou.policy import assess, lint_pack
from hukou.policy.case import CaseError, CaseFile, FamilyMemberInput, PersonInput
from hukou.policy.loader import load_pack
from hukou.policy.model import PolicyPack
from pack_cases import ON, Relatives, case_file
from pack_cases import strings_in as _strings

XINMI = "410183"       # 河南省新密市


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return load_pack(forms_dir() / "xinmi.yaml")


def applicant() -> PersonInput:
    return PersonInput(name="张书豪", id_number=make_id_number(XINMI, dt.date(1994, 10, 8), 55),
                       marital_status="married")


NAMES = {"spouse": "王静怡", "child": "张子墨", "parent": "张建军", "other": "张书瑶"}


member = Relatives(NAMES, lambda birth, seq: make_id_number(XINMI, birth, seq),
                   birthday=(4, 12), seq=61)


def case(category: str, area: str = "qingping", facts: dict[str, Any] | None = None,
         docs: tuple[str, ...] = (), family: tuple[FamilyMemberInput, ...] = (),
         voluntary: bool | None = True) -> CaseFile:
    return case_file("xinmi", category, area, applicant=applicant(), facts=facts,
                     documents=docs, family=family, voluntary=voluntary)


@dataclass(frozen=True)
class Expect:
    outcome: str
    missing: frozenset[tuple[str, ...]] | None = None   # one sorted tuple per checklist line
    held: frozenset[str] = frozenset()
    failed: frozenset[str] = frozenset()
    placements: tuple[str, ...] | None = None
    family: tuple[bool, ...] | None = None
    until: dt.date | None = None
    follow_up_cites: tuple[str, ...] | None = None


def expect(outcome: str, *, missing: tuple[tuple[str, ...], ...] | None = (),
           held: tuple[str, ...] = (), failed: tuple[str, ...] = (),
           placements: tuple[str, ...] | None = None, family: tuple[bool, ...] | None = None,
           until: dt.date | None = None, follow_ups: tuple[str, ...] | None = None) -> Expect:
    lines = None if missing is None else frozenset(tuple(sorted(m)) for m in missing)
    return Expect(outcome, lines,
                  frozenset(held), frozenset(failed), placements, family, until, follow_ups)


BASE = ("id_card", "hukou_booklet")
JOB = ("labour_contract", "business_licence")
KIN = ("birth_medical_certificate", "kinship_proof")
RENTAL = ("lease_contract", "rental_filing")
OWNED = {"has_employment": True, "housing": "owned"}
RENTING = {"has_employment": True, "housing": "filed_rental"}
COMMUNITY = ("002 §三(四)",)
FAMILY = (member("spouse", 31, marital="married"), member("child", 5),
          member("parent", 62, marital="married", seq=65))

SCENARIOS = [
    # —— 002 §二(一) joining direct relatives
    pytest.param(case("join_relatives", "xinhualu",
                      {"joining": "spouse", "relative_registered": True,
                       "relative_housing": "owned"},
                      (*BASE, "relative_hukou_booklet", "relative_id_card", "marriage_certificate",
                       "property_certificate")),
                 expect("eligible", held=("relative_registered", "relative_residence"),
                        placements=("relative_household",), follow_ups=()),
                 id="002 §二(一) joining a spouse with a home in the city: eligible"),
    pytest.param(case("join_relatives", "qingping",
                      {"joining": "child_to_parent", "relative_registered": True,
                       "relative_housing": "filed_rental"}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("relative_hukou_booklet",), ("relative_id_card",),
                                               KIN, ("lease_contract",), ("rental_filing",)),
                        placements=("community_public",), follow_ups=COMMUNITY),
                 id="002 §二(一) child joining renting parents: all missing, community public"),
    pytest.param(case("join_relatives", "xidajie",
                      {"joining": "parent_to_child", "relative_registered": False,
                       "relative_housing": "owned"},
                      (*BASE, "relative_hukou_booklet", "relative_id_card", "kinship_proof",
                       "property_certificate")),
                 expect("not_eligible", failed=("relative_registered",)),
                 id="002 §二(一) relative not registered in the city district"),
    pytest.param(case("join_relatives", "kuangqu",
                      {"joining": "other_direct", "relative_registered": True,
                       "relative_housing": "none"},
                      (*BASE, "relative_hukou_booklet", "relative_id_card", "kinship_proof")),
                 expect("not_eligible", failed=("relative_residence",), placements=()),
                 id="002 §二(一) relative without lawful stable residence"),
    # —— 002 §二(一) purchase
    pytest.param(case("purchase", facts={"has_employment": True, "purchased": True},
                      docs=(*BASE, "labour_contract", "purchase_contract")),
                 expect("eligible", held=("lawful_employment", "purchased"),
                        placements=("family_household",)),
                 id="002 §二(一) bought a home, employed: eligible"),
    pytest.param(case("purchase", facts={"has_employment": False, "purchased": True},
                      docs=(*BASE, "property_certificate")),
                 expect("not_eligible", failed=("lawful_employment",), missing=(JOB,)),
                 id="002 §二(一) purchase without lawful stable employment"),
    pytest.param(case("purchase", facts={"has_employment": True, "purchased": True},
                      family=FAMILY),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",), JOB,
                                               ("property_certificate", "purchase_contract"),
                                               ("marriage_certificate",), KIN),
                        family=(True, True, True)),
                 id="002 §二(一) purchase with family: all missing at once"),
    # —— 002 §二(一) job transfer
    pytest.param(case("job_transfer", facts={"transferred": True, "housing": "filed_rental"},
                      docs=(*BASE, "transfer_order", *RENTAL)),
                 expect("eligible", held=("transferred", "lawful_residence"),
                        placements=("community_public",), follow_ups=COMMUNITY),
                 id="002 §三(四) transferred, renting: community public household"),
    pytest.param(case("job_transfer", facts={"transferred": True, "housing": "none"},
                      docs=(*BASE, "transfer_order")),
                 expect("not_eligible", failed=("lawful_residence",)),
                 id="002 §二(一) transferred without lawful stable residence"),
    pytest.param(case("job_transfer", facts={"transferred": True, "housing": "owned"}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("transfer_order",), ("property_certificate",)),
                        placements=("family_household",)),
                 id="002 §二(一) job transfer: all missing at once"),
    # —— 002 §二(一) talent
    pytest.param(case("talent", facts={"talent_kind": "high_level", **OWNED},
                      docs=(*BASE, "talent_recognition", "labour_contract",
                            "property_certificate")),
                 expect("eligible", held=("lawful_employment", "lawful_residence"),
                        placements=("family_household",)),
                 id="002 §二(一) high-level talent: eligible"),
    pytest.param(case("talent", facts={"talent_kind": "technical", **RENTING}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("professional_title_certificate",
                                                "qualification_certificate",
                                                "skill_certificate"), JOB, ("lease_contract",),
                                               ("rental_filing",)),
                        placements=("community_public",)),
                 id="002 §二(一) technical talent: all missing, certificates as one line"),
    pytest.param(case("talent", facts={"talent_kind": "high_level", "has_employment": False,
                                       "housing": "none"}),
                 expect("not_eligible", failed=("lawful_employment", "lawful_residence"),
                        missing=None),
                 id="002 §二(一) talent without job or residence"),
    # —— 002 §二(一) investment
    pytest.param(case("investment", facts={"invested": True, "housing": "owned"},
                      docs=(*BASE, "investment_proof", "business_licence",
                            "property_certificate")),
                 expect("eligible", held=("invested", "lawful_residence")),
                 id="002 §二(一) investor with a home: eligible"),
    pytest.param(case("investment", facts={"invested": False, "housing": "owned"},
                      docs=(*BASE, "investment_proof", "business_licence",
                            "property_certificate")),
                 expect("not_eligible", failed=("invested",)),
                 id="002 §二(一) not an investor in Xinmi"),
    # —— 002 §二(一) whole-unit relocation
    pytest.param(case("unit_relocation", facts={"unit_approved": True, "housing": "unit_provided"},
                      docs=(*BASE, "unit_relocation_approval", "employment_proof",
                            "unit_collective_consent")),
                 expect("eligible", placements=("unit_collective",)),
                 id="002 §二(一) relocated unit's staff: unit collective household"),
    pytest.param(case("unit_relocation", facts={"unit_approved": False, "housing": "owned"}),
                 expect("not_eligible", failed=("unit_approved",), missing=None),
                 id="002 §二(一) unit relocation not approved"),
    # —— 002 §二(一) veterans
    pytest.param(case("veterans", facts=OWNED,
                      docs=(*BASE, "discharge_certificate", "resettlement_letter",
                            "property_certificate")),
                 expect("eligible", placements=("family_household",)),
                 id="002 §二(一) resettled veteran with a home: eligible"),
    pytest.param(case("veterans", facts={"has_employment": False, "housing": "owned"},
                      docs=(*BASE, "discharge_certificate", "property_certificate")),
                 expect("not_eligible", failed=("lawful_employment",),
                        missing=(("resettlement_letter", "labour_contract", "business_licence"),)),
                 id="002 §二(一) veteran without lawful stable employment"),
    # —— 002 §二(一) outstanding contribution
    pytest.param(case("outstanding_contribution", facts=RENTING,
                      docs=(*BASE, "award_certificate", "business_licence", *RENTAL)),
                 expect("eligible", placements=("community_public",)),
                 id="002 §二(一) outstanding contribution, renting: eligible"),
    pytest.param(case("outstanding_contribution", facts=OWNED,
                      docs=(*BASE, "labour_contract", "property_certificate")),
                 expect("incomplete", missing=(("award_certificate",),)),
                 id="002 §二(一) outstanding contribution without the award"),
    # —— 002 §二(一) migrant workers: one year of local social insurance
    pytest.param(case("migrant_workers", facts={**OWNED,
                                                "social_insurance_since": dt.date(2025, 6, 1)},
                      docs=(*BASE, "labour_contract", "social_insurance_proof",
                            "property_certificate")),
                 expect("eligible", held=("social_insurance_one_year", "lawful_employment",
                                          "lawful_residence")),
                 id="002 §二(一) migrant worker insured 17 months: eligible"),
    pytest.param(case("migrant_workers", facts={**RENTING,
                                                "social_insurance_since": dt.date(2026, 3, 1)},
                      docs=(*BASE, "labour_contract", "social_insurance_proof", *RENTAL)),
                 expect("not_yet", failed=("social_insurance_one_year",),
                        until=dt.date(2027, 3, 1), placements=("community_public",)),
                 id="002 §二(一) insured under a year: not yet until the first anniversary"),
    pytest.param(case("migrant_workers", facts={**OWNED,
                                                "social_insurance_since": dt.date(2025, 11, 22)},
                      docs=(*BASE, "labour_contract", "social_insurance_proof",
                            "property_certificate")),
                 expect("eligible", held=("social_insurance_one_year",)),
                 id="002 §二(一) insured exactly one year today: eligible"),
    pytest.param(case("migrant_workers", facts={**OWNED,
                                                "social_insurance_since": dt.date(2024, 1, 1)},
                      family=FAMILY),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",), JOB,
                                               ("social_insurance_proof",),
                                               ("property_certificate",),
                                               ("marriage_certificate",), KIN),
                        family=(True, True, True)),
                 id="002 §二(一) migrant worker with family: all missing at once"),
    pytest.param(case("migrant_workers", facts={**OWNED,
                                                "social_insurance_since": dt.date(2024, 1, 1)},
                      docs=(*BASE, "labour_contract", "social_insurance_proof",
                            "property_certificate", *KIN),
                      family=(member("child", 34, marital="married"),
                              member("parent", 66, marital="widowed", cohabiting=False,
                                     seq=65))),
                 expect("eligible", family=(True, False)),
                 id="002 §二(一) 子女 of any age if living together; parent living apart no"),
    # —— 002 §二(二) key groups fully open
    pytest.param(case("key_groups", "qingping",
                      {"key_group": "returned_overseas", "housing": "owned"},
                      (*BASE, "overseas_study_certificate", "property_certificate")),
                 expect("eligible", held=("key_group",), placements=("family_household",)),
                 id="002 §二(二) returned overseas student with a home: eligible"),
    pytest.param(case("key_groups", "towns",
                      {"key_group": "returned_overseas", "housing": "no_property"},
                      (*BASE, "overseas_study_certificate", "residence_proof")),
                 expect("eligible", placements=("community_public",), follow_ups=COMMUNITY),
                 id="002 §二(二) returned overseas student without property: community public"),
    pytest.param(case("key_groups", "kuangqu",
                      {"key_group": "technical_worker", "housing": "no_property"}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("skill_certificate", "qualification_certificate"),
                                               ("residence_proof",))),
                 id="002 §二(二) technical worker: all missing at once"),
    pytest.param(case("key_groups", "towns",
                      {"key_group": "rural_veteran", "housing": "owned"},
                      (*BASE, "discharge_certificate", "property_certificate",
                       "marriage_certificate"),
                      family=(member("spouse", 30, marital="married"),)),
                 expect("eligible", family=(True,)),
                 id="002 §二(三) veteran with a home in a town: spouse comes along"),
    pytest.param(case("key_groups", "qingping",
                      {"key_group": "graduate", "housing": "no_property"},
                      (*BASE, "diploma", "residence_proof", "marriage_certificate"),
                      family=(member("spouse", 30, marital="married"),)),
                 expect("eligible", family=(False,), placements=("community_public",)),
                 id="002 §二(二) graduate without property: no lawful residence for family"),
    pytest.param(case("key_groups", "xinhualu",
                      {"key_group": "vocational_graduate", "housing": "filed_rental"},
                      (*BASE, "diploma", "marriage_certificate", *KIN),
                      family=(member("spouse", 30, marital="married"), member("child", 4))),
                 expect("incomplete", missing=(("lease_contract",), ("rental_filing",),
                                               ("residence_proof",)),
                        family=(True, True), placements=("community_public",),
                        follow_ups=COMMUNITY),
                 id="002 §二(三) graduate in a registered rental: lawful residence, family "
                    "comes along"),
    # —— 002 §二(二) rural students free to come and go
    pytest.param(case("student_to_school", "xinhualu", {"rural_origin": True},
                      (*BASE, "admission_notice")),
                 expect("eligible", placements=("school_collective",),
                        follow_ups=("002 §二(二)",)),
                 id="002 §二(二) rural student admitted to a college: to the college"),
    pytest.param(case("student_to_school", "xinhualu", {"rural_origin": False},
                      (*BASE, "admission_notice")),
                 expect("not_eligible", failed=("rural_origin",)),
                 id="002 §二(二) the free-movement rule is for rural students"),
    pytest.param(case("student_return", "rural", {"moved_for_school": True,
                                                  "destination": "origin"},
                      ("id_card", "collective_registration_page", "diploma", "hukou_booklet")),
                 expect("eligible", placements=("family_household",)),
                 id="002 §二(二) graduate moves back to the village of origin"),
    pytest.param(case("student_return", "qingping", {"moved_for_school": True,
                                                     "destination": "work_place"}),
                 expect("incomplete", missing=(("id_card",), ("collective_registration_page",),
                                               ("diploma",), JOB),
                        placements=("unit_collective",)),
                 id="002 §二(二) graduate moves to the place of work: all missing"),
    # —— 002 §二(三) residence, incl. registered rentals
    pytest.param(case("residence", "towns", {"housing": "filed_rental"},
                      (*BASE, *RENTAL, "residence_proof")),
                 expect("eligible", held=("lawful_residence",), placements=("community_public",),
                        follow_ups=COMMUNITY),
                 id="002 §二(三) registered rental: eligible, community public household"),
    pytest.param(case("residence", "xidajie", {"housing": "owned"},
                      (*BASE, "property_certificate", "marriage_certificate", *KIN),
                      family=(member("spouse", 30, marital="married"),
                              member("child", 26, marital="divorced"),
                              member("other", 24, seq=67))),
                 expect("eligible", placements=("family_household",), family=(True, True, False)),
                 id="002 §二(三) own home: spouse, divorced adult child yes; sibling no"),
    pytest.param(case("residence", "towns", {"housing": "unfiled_rental"}, BASE),
                 expect("not_eligible", failed=("lawful_residence",), placements=()),
                 id="002 §二(三) rental not registered with the housing office"),
    pytest.param(case("residence", "towns", {"housing": "filed_rental"}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("lease_contract",), ("rental_filing",),
                                               ("residence_proof",))),
                 id="002 §二(三) registered rental: all missing at once"),
    # —— 002 §三(四) community public household
    pytest.param(case("community_public", "towns", {"lives_here": True, "owns_property": False},
                      (*BASE, "residence_proof")),
                 expect("eligible", placements=("community_public",), follow_ups=COMMUNITY),
                 id="002 §三(四) living here without own property: community public"),
    pytest.param(case("community_public", "qingping",
                      {"lives_here": True, "owns_property": True}, (*BASE, "residence_proof")),
                 expect("not_eligible", failed=("no_own_property",)),
                 id="002 §三(四) own property: register at the home instead"),
    pytest.param(case("community_public", "qingping",
                      {"lives_here": False, "owns_property": False},
                      family=(member("spouse", 30, marital="married"),)),
                 expect("not_eligible", failed=("lives_here",),
                        missing=(("id_card",), ("hukou_booklet",), ("residence_proof",)),
                        family=(False,)),
                 id="002 §三(四) not living in the area: refused, all missing listed"),
    # —— 002 §三(一) moving into a rural area
    pytest.param(case("move_to_rural", "rural",
                      {"basis": "home_and_land", "lives_in_village": True,
                       "village_procedure": True},
                      (*BASE, "rural_housing_proof", "land_contract_certificate",
                       "residence_proof", "village_committee_opinion")),
                 expect("eligible", held=("basis", "lives_in_village", "village_procedure"),
                        placements=("family_household",)),
                 id="002 §三(一) rural home and land contract, living there: eligible"),
    pytest.param(case("move_to_rural", "rural",
                      {"basis": "join_rural_relative", "joining": "parent",
                       "lives_in_village": True, "village_procedure": True},
                      (*BASE, "relative_hukou_booklet", "kinship_proof", "residence_proof",
                       "village_committee_opinion")),
                 expect("eligible", placements=("relative_household",)),
                 id="002 §三(一) joining rural parents: eligible"),
    pytest.param(case("move_to_rural", "rural",
                      {"basis": "home_and_land", "lives_in_village": True,
                       "village_procedure": True}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("rural_housing_proof",),
                                               ("land_contract_certificate",),
                                               ("residence_proof",),
                                               ("village_committee_opinion",))),
                 id="002 §三(一) rural home and land: all missing at once"),
    pytest.param(case("move_to_rural", "rural",
                      {"basis": "neither", "lives_in_village": True, "village_procedure": True},
                      (*BASE, "residence_proof", "village_committee_opinion")),
                 expect("not_eligible", failed=("basis",)),
                 id="002 §三(一) neither rural home and land nor rural relatives"),
    pytest.param(case("move_to_rural", "rural",
                      {"basis": "join_rural_relative", "joining": "spouse",
                       "lives_in_village": False, "village_procedure": False},
                      (*BASE, "relative_hukou_booklet", "marriage_certificate",
                       "residence_proof", "village_committee_opinion")),
                 expect("not_eligible", failed=("lives_in_village", "village_procedure")),
                 id="002 §三(一) not living in the village, no village procedure"),
    # —— 002 §一(二)1 voluntary
    pytest.param(case("residence", "towns", {"housing": "owned"},
                      (*BASE, "property_certificate"), voluntary=False),
                 expect("not_eligible", failed=("voluntary_request",)),
                 id="002 §一(二)1 settlement only on the applicant's own request"),
]


@pytest.mark.parametrize(("case_file", "want"), SCENARIOS)
def test_assessment(pack: PolicyPack, case_file: CaseFile, want: Expect) -> None:
    result = assess(pack, case_file, on=ON)
    assert result.outcome == want.outcome
    assert (result.pack_id, result.pack_version) == ("xinmi", pack.version)
    if want.missing is not None:
        assert {tuple(sorted(m.doc_ids)) for m in result.missing} == want.missing
        assert len(result.missing) == len(want.missing)
    held = {r.code for r in result.reasons if r.holds}
    failed = {r.code for r in result.reasons if not r.holds}
    assert want.held <= held
    assert failed == want.failed
    for reason in result.reasons:
        assert reason.cite[:3] in ("001", "002")
    assert result.not_yet_until == want.until
    assert result.unanswered == []
    if want.placements is not None:
        assert tuple(p.kind for p in result.placements) == want.placements
    if want.family is not None:
        assert tuple(d.allowed for d in result.family) == want.family
        assert all(d.reason and d.cite for d in result.family)
    if want.follow_up_cites is not None:
        assert tuple(f.cite for f in result.follow_ups) == want.follow_up_cites


def test_returned_overseas_student_is_eligible(pack: PolicyPack) -> None:
    """002 §二(二): 全面放开对…留学归国人员…的落户限制 — no job, insurance or other condition."""
    result = assess(pack, case("key_groups", "xidajie",
                               {"key_group": "returned_overseas", "housing": "owned"},
                               (*BASE, "overseas_study_certificate", "property_certificate")),
                    on=ON)
    assert result.outcome == "eligible"
    assert result.missing == []
    assert [r.cite for r in result.reasons if r.code == "key_group"] == ["002 §二(二)"]
    assert "settlement_permit" in result.outputs


@pytest.mark.parametrize("category", [
    "join_relatives", "purchase", "job_transfer", "talent", "investment", "unit_relocation",
    "veterans", "outstanding_contribution", "migrant_workers",
])
def test_city_district_categories_only_in_the_four_sub_districts(pack: PolicyPack,
                                                                 category: str) -> None:
    """002 §二(一): 城区指青屏街、新华路、西大街、矿区办事处; towns meet the city rules."""
    cat = pack.category(category)
    assert cat is not None
    for area in ("xinmi_city", "qingping", "xinhualu", "xidajie", "kuangqu"):
        assert cat.covers_area(area)
    for area in ("towns", "rural"):
        assert not cat.covers_area(area)
    with pytest.raises(CaseError):
        assess(pack, case(category, "towns"), on=ON)


def test_migrant_insurance_is_the_only_insurance_condition(pack: PolicyPack) -> None:
    """002 §二(一): 外来务工人员需在我市参加城镇社会保险满1年 — and nowhere else."""
    measured = [(c.id, f.key) for c in pack.categories for f in c.facts if f.measure]
    assert measured == [("migrant_workers", "social_insurance_since")]


def test_xinmi_is_a_town_tier_county_level_city(pack: PolicyPack) -> None:
    """001 §二(四): 县级市市区 belongs with the towns and small cities; the note says why."""
    assert pack.tier_of("qingping") == "town"
    assert pack.tier_of("towns") == "town"
    assert pack.tier_of("rural") == "rural"
    xinmi = pack.area("xinmi")
    assert xinmi is not None and xinmi.note and "县级市" in xinmi.note


def test_pack_passes_the_lint(pack: PolicyPack) -> None:
    national = load_pack(forms_dir() / "national.yaml")
    assert lint_pack(pack, national=national) == []


def test_clerk_text_has_no_stray_spaces(pack: PolicyPack) -> None:
    """Folded YAML put a space at every line break inside Chinese sentences; none may remain."""
    stray = re.compile(r"[\u3000-\u9fff\uff00-\uffef“”] [\u3000-\u9fff\uff00-\uffef“”]")
    texts = list(_strings(pack.model_dump()))
    assert len(texts) > 100
    assert [text for text in texts if stray.search(text)] == []


@pytest.mark.parametrize(("category", "facts", "code"), [
    pytest.param("purchase", {"has_employment": False, "purchased": True}, "lawful_employment",
                 id="002 §二(三) home buyer without a job: pointed to residence-based settlement"),
    pytest.param("migrant_workers", {**RENTING, "social_insurance_since": dt.date(2026, 5, 1)},
                 "social_insurance_one_year",
                 id="002 §二(三) migrant insured 7 months: pointed to residence-based settlement"),
])
def test_city_district_refusal_names_the_residence_route(pack: PolicyPack, category: str,
                                                         facts: dict[str, Any],
                                                         code: str) -> None:
    """002 §二(三): 在我市有合法稳定住所（含租赁）的人员…可…申请登记常住户口 — whole city, no job
    or insurance; a §二(一) category refusing someone who has a lawful residence must say so."""
    result = assess(pack, case(category, "qingping", facts), on=ON)
    assert result.outcome in ("not_eligible", "not_yet")
    failed = [r for r in result.reasons if not r.holds]
    assert [r.code for r in failed] == [code]
    assert "合法稳定住所（含租赁）落户" in failed[0].text and "002 §二(三)" in failed[0].text
    # The printout appends the rule's own citation in brackets: the text must not end in one.
    assert not failed[0].text.endswith("）")
    residence = assess(pack, case("residence", "qingping", {"housing": "owned"},
                                  (*BASE, "property_certificate")), on=ON)
    assert residence.outcome == "eligible"


def test_migrant_insurance_year_need_not_be_continuous(pack: PolicyPack) -> None:
    """002 §二(一): 在我市参加城镇社会保险满1年 — one year, not one unbroken year."""
    category = pack.category("migrant_workers")
    assert category is not None
    fact = category.fact("social_insurance_since")
    assert fact is not None
    assert "连续缴纳）" not in fact.label
    assert fact.help is not None and "未要求连续缴纳" in fact.help


def test_collective_placement_prints_the_collective_slip(pack: PolicyPack) -> None:
    """DESIGN §7 / 002 §三(四): a person placed in the community public household takes the
    collective-household slip home; every category that can place someone there lists it."""
    result = assess(pack, case("job_transfer", facts={"transferred": True,
                                                      "housing": "filed_rental"},
                               docs=(*BASE, "transfer_order", *RENTAL)), on=ON)
    assert result.outcome == "eligible"
    assert [p.kind for p in result.placements] == ["community_public"]
    assert "collective_slip" in result.outputs
    collective = {"unit_collective", "school_collective", "talent_collective",
                  "community_collective", "community_public"}
    assert [c.id for c in pack.categories
            if {p.kind for p in c.placements} & collective
            and "collective_slip" not in c.outputs] == []
