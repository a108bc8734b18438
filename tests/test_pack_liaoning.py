"""The Liaoning pack (seed 000, 辽宁省《全面深化户籍制度改革的意见》2020) assessed case by case."""

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

HEPING = "210102"      # 辽宁省沈阳市和平区


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return load_pack(forms_dir() / "liaoning.yaml")


def applicant(birth: dt.date = dt.date(1992, 6, 3)) -> PersonInput:
    return PersonInput(name="刘子涵", id_number=make_id_number(HEPING, birth, 17),
                       marital_status="married")


NAMES = {"spouse": "赵丽娜", "child": "刘一诺", "parent": "刘德顺", "other": "刘子轩"}


member = Relatives(NAMES, lambda birth, seq: make_id_number(HEPING, birth, seq),
                   birthday=(9, 1), seq=31)


def case(category: str, area: str, facts: dict[str, Any] | None = None,
         docs: tuple[str, ...] = (), family: tuple[FamilyMemberInput, ...] = (),
         voluntary: bool | None = True, birth: dt.date = dt.date(1992, 6, 3)) -> CaseFile:
    return case_file("liaoning", category, area, applicant=applicant(birth), facts=facts,
                     documents=docs, family=family, voluntary=voluntary)


@dataclass(frozen=True)
class Expect:
    outcome: str
    missing: frozenset[tuple[str, ...]] | None = None   # one sorted tuple per checklist line
    held: frozenset[str] = frozenset()                   # rule ids (and voluntary_request)
    failed: frozenset[str] = frozenset()
    placements: tuple[str, ...] | None = None
    family: tuple[bool, ...] | None = None               # allowed, per family member
    unanswered: frozenset[str] = frozenset()
    follow_up_cites: tuple[str, ...] | None = None


def expect(outcome: str, *, missing: tuple[tuple[str, ...], ...] | None = (),
           held: tuple[str, ...] = (), failed: tuple[str, ...] = (),
           placements: tuple[str, ...] | None = None, family: tuple[bool, ...] | None = None,
           unanswered: tuple[str, ...] = (),
           follow_ups: tuple[str, ...] | None = None) -> Expect:
    lines = None if missing is None else frozenset(tuple(sorted(m)) for m in missing)
    return Expect(outcome, lines,
                  frozenset(held), frozenset(failed), placements, family,
                  frozenset(unanswered), follow_ups)


BASE = ("id_card", "hukou_booklet")
JOB = ("labour_contract", "business_licence")
KIN = ("birth_medical_certificate", "kinship_proof")
RENTAL = ("lease_contract", "rental_filing")
GRAD_ALL_COLLECTIVES = ("family_household", "relative_household", "unit_collective",
                        "talent_collective", "community_collective")
POINTS = {"points_reached": True, "housing": "owned"}

SCENARIOS = [
    # —— 000 §二(四) Shenyang / Dalian points settlement
    pytest.param(case("points", "shenyang_main", POINTS,
                      (*BASE, "points_approval", "property_certificate")),
                 expect("eligible", held=("points_reached", "voluntary_request"),
                        placements=("family_household",)),
                 id="000 §二(四) Shenyang points reached, own home: eligible"),
    pytest.param(case("points", "dalian_main", {"points_reached": True, "housing": "filed_rental"},
                      family=(member("spouse", 33, marital="married"),)),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("points_approval",), ("lease_contract",),
                                               ("rental_filing",), ("marriage_certificate",)),
                        family=(True,)),
                 id="000 §二(四) Dalian points with a filed rental: every missing line at once"),
    pytest.param(case("points", "shenyang_main", {**POINTS, "points_reached": False},
                      (*BASE, "points_approval", "property_certificate")),
                 expect("not_eligible", failed=("points_reached",)),
                 id="000 §二(四) points below the local score: not eligible"),
    pytest.param(case("points", "shenyang_main", POINTS,
                      (*BASE, "points_approval", "property_certificate", *KIN),
                      family=(member("child", 17), member("child", 18, seq=33),
                              member("parent", 64, marital="married", cohabiting=False, seq=35))),
                 expect("eligible", family=(True, False, False)),
                 id="001 §二(七) points companions: child 17 yes, 18 no, parent living apart no"),
    # —— 000 §二(四) key groups exempt from points
    pytest.param(case("key_groups", "dalian_main",
                      {"key_group": "five_years", "years_in_city": 6, "has_employment": True,
                       "housing": "owned"},
                      (*BASE, "labour_contract", "property_certificate")),
                 expect("eligible", held=("five_years", "job_or_residence"),
                        placements=("family_household", "unit_collective")),
                 id="000 §二(四) five years in town, employed, own home: eligible without points"),
    pytest.param(case("key_groups", "shenyang_main",
                      {"key_group": "five_years", "years_in_city": 7, "has_employment": False,
                       "housing": "filed_rental"},
                      (*BASE, *RENTAL)),
                 expect("incomplete", held=("five_years", "job_or_residence"),
                        missing=(("labour_contract", "business_licence", "social_insurance_proof",
                                  "residence_permit"),),
                        placements=("family_household",)),
                 id="000 §二(四) five years in town, no labour contract today: not refused, "
                    "only the five years to prove"),
    pytest.param(case("key_groups", "shenyang_main",
                      {"key_group": "five_years", "years_in_city": 7, "has_employment": False,
                       "housing": "filed_rental"},
                      (*BASE, *RENTAL, "social_insurance_proof")),
                 expect("eligible", placements=("family_household",)),
                 id="000 §二(四) five years proved by insurance records, filed rental: eligible"),
    pytest.param(case("key_groups", "shenyang_main",
                      {"key_group": "five_years", "years_in_city": 4, "has_employment": True,
                       "housing": "none"},
                      (*BASE, "business_licence")),
                 expect("not_eligible", failed=("five_years",), held=("job_or_residence",),
                        placements=("unit_collective",)),
                 id="000 §二(四) four years in town: not in the five-year key group"),
    pytest.param(case("key_groups", "shenyang_main",
                      {"key_group": "new_generation", "has_employment": False,
                       "housing": "filed_rental"},
                      (*BASE, *RENTAL)),
                 expect("not_eligible", failed=("stable_employment",), held=("job_or_residence",),
                        placements=("family_household",)),
                 id="000 §二(四) new-generation migrant worker without stable employment"),
    pytest.param(case("key_groups", "shenyang_main",
                      {"key_group": "rural_student", "housing": "none"}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("admission_notice",)),
                        placements=("school_collective",)),
                 id="000 §二(四) rural student: every missing line at once"),
    pytest.param(case("key_groups", "shenyang_suburbs",
                      {"key_group": "enlisted", "has_employment": False, "housing": "protected"},
                      (*BASE, "discharge_certificate", "protected_housing_proof")),
                 expect("eligible", placements=("family_household",)),
                 id="000 §二(四) enlisted into town, protected housing, in a suburb of Shenyang"),
    pytest.param(case("key_groups", "dalian_main",
                      {"key_group": "whole_family", "has_employment": False, "housing": "owned"},
                      (*BASE, "property_certificate", "marriage_certificate", *KIN),
                      family=(member("spouse", 50, marital="married"),
                              member("child", 28, marital="married", seq=33),
                              member("parent", 75, marital="widowed", cohabiting=False, seq=35))),
                 expect("eligible", family=(True, True, False)),
                 id="000 §二(四) whole family: married adult child yes, parent living apart no"),
    pytest.param(case("key_groups", "dalian_main",
                      {"key_group": "whole_family", "has_employment": False, "housing": "none"},
                      BASE),
                 expect("not_eligible", failed=("job_or_residence",), placements=()),
                 id="000 §二(五) key group with neither job nor residence: nowhere to register"),
    pytest.param(case("key_groups", "shenyang_main",
                      {"key_group": "enlisted", "has_employment": True, "housing": "none"},
                      (*BASE, "discharge_certificate", "labour_contract")),
                 expect("eligible", held=("job_or_residence",), placements=("unit_collective",)),
                 id="000 §二(五) enlisted, employed, no home: the employer's collective household"),
    # —— 000 §二(五) other cities: lawful job OR residence, no permit, no insurance
    pytest.param(case("job_or_residence", "other_cities",
                      {"has_employment": True, "housing": "none"}, (*BASE, "labour_contract")),
                 expect("eligible", held=("job_or_residence",), placements=("unit_collective",)),
                 id="000 §二(五) lawful job only, no residence permit or insurance: eligible"),
    pytest.param(case("job_or_residence", "county_seats",
                      {"has_employment": False, "housing": "filed_rental"}, (*BASE, *RENTAL)),
                 expect("eligible", held=("job_or_residence",), placements=("family_household",)),
                 id="000 §二(五) filed rental only, county seat: eligible"),
    pytest.param(case("job_or_residence", "other_cities",
                      {"has_employment": False, "housing": "none"}, BASE),
                 expect("not_eligible", failed=("job_or_residence",), placements=()),
                 id="000 §二(五) neither lawful job nor lawful residence: not eligible"),
    pytest.param(case("job_or_residence", "other_cities",
                      {"has_employment": True, "housing": "protected"},
                      family=(member("spouse", 33, marital="married"), member("child", 6),
                              member("parent", 60, marital="married", seq=35))),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",), JOB,
                                               ("protected_housing_proof",),
                                               ("marriage_certificate",), KIN),
                        placements=("family_household", "unit_collective"),
                        family=(True, True, True)),
                 id="000 §二(五) job and protected housing with family: all missing at once"),
    pytest.param(case("job_or_residence", "county_seats",
                      {"has_employment": False, "housing": "owned"},
                      (*BASE, "property_certificate", *KIN),
                      family=(member("child", 35, marital="divorced"),
                              member("child", 40, marital="married", seq=33),
                              member("child", 12, cohabiting=False, seq=37),
                              member("other", 30, seq=39))),
                 expect("eligible", family=(True, True, False, False)),
                 id="000 §二(五) 子女 of any age or status if living together; others no"),
    pytest.param(case("job_or_residence", "dalian_suburbs",
                      {"has_employment": True, "housing": "none"}, (*BASE, "business_licence")),
                 expect("eligible", placements=("unit_collective",)),
                 id="000 §二(四) Dalian suburban new district: restrictions lifted"),
    # —— 000 §二(六) rural students to the school collective household and back
    pytest.param(case("student_to_school", "other_cities",
                      {"rural_origin": True, "school_kind": "college"},
                      (*BASE, "admission_notice")),
                 expect("eligible", held=("rural_origin", "school_kind"),
                        placements=("school_collective",), follow_ups=("000 §二(六)",)),
                 id="000 §二(六) rural student admitted to a college: school collective"),
    pytest.param(case("student_to_school", "shenyang_main",
                      {"rural_origin": False, "school_kind": "secondary_vocational"},
                      (*BASE, "admission_notice")),
                 expect("not_eligible", failed=("rural_origin",)),
                 id="000 §二(六) the free-movement rule is for rural students"),
    pytest.param(case("student_to_school", "dalian_main",
                      {"rural_origin": True, "school_kind": "secondary_vocational"},
                      family=(member("spouse", 20, marital="married"),)),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("admission_notice",)),
                        family=(False,)),
                 id="000 §二(六) student: all missing at once; no one comes along"),
    pytest.param(case("student_return", "rural",
                      {"in_school_collective": True, "destination": "origin"},
                      ("id_card", "collective_registration_page", "diploma", "hukou_booklet")),
                 expect("eligible", placements=("family_household",)),
                 id="000 §二(六) graduate moves back to the rural place of origin"),
    pytest.param(case("student_return", "other_cities",
                      {"in_school_collective": True, "destination": "work_place"}),
                 expect("incomplete", missing=(("id_card",), ("collective_registration_page",),
                                               ("diploma",), JOB),
                        placements=("unit_collective",)),
                 id="000 §二(六) graduate moves to the place of work: all missing at once"),
    pytest.param(case("student_return", "other_cities",
                      {"in_school_collective": False, "destination": "work_place"},
                      ("id_card", "collective_registration_page", "diploma", "labour_contract")),
                 expect("not_eligible", failed=("in_school_collective",)),
                 id="000 §二(六) not in a school collective household"),
    # —— 000 §二(七) graduates
    pytest.param(case("graduates", "other_cities",
                      {"education_form": "self_study", "housing": "owned"},
                      (*BASE, "diploma", "property_certificate"), birth=dt.date(1981, 2, 9)),
                 expect("eligible", placements=("family_household",), unanswered=()),
                 id="000 §二(七) graduate who owns a home: only at that home (age 45, not fresh)"),
    pytest.param(case("graduates", "shenyang_main",
                      {"education_form": "regular", "housing": "owned"},
                      (*BASE, "diploma", "property_certificate")),
                 expect("eligible", placements=("family_household",)),
                 id="000 §二(七) Shenyang graduate who owns a home: only at that home"),
    pytest.param(case("graduates", "dalian_main",
                      {"education_form": "open", "housing": "filed_rental",
                       "register_at": "talent"},
                      (*BASE, "diploma", *RENTAL)),
                 expect("eligible", placements=GRAD_ALL_COLLECTIVES),
                 id="000 §二(七) graduate in a filed rental: the address or four other households"),
    pytest.param(case("graduates", "county_seats",
                      {"education_form": "adult", "housing": "protected",
                       "register_at": "relative"}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",), ("diploma",),
                                               ("protected_housing_proof",),
                                               ("householder_consent",)),
                        placements=GRAD_ALL_COLLECTIVES),
                 id="000 §二(七) protected housing, registering with a relative: all missing"),
    pytest.param(case("graduates", "other_cities",
                      {"education_form": "distance", "housing": "none",
                       "register_at_without_home": "talent"}, (*BASE, "diploma"),
                      birth=dt.date(1975, 1, 20)),
                 expect("eligible", held=("voluntary_request",),
                        placements=("relative_household", "unit_collective", "talent_collective")),
                 id="000 §二(七) no housing, no job, age 51: no hidden conditions"),
    pytest.param(case("graduates", "county_seats",
                      {"education_form": "regular", "housing": "none",
                       "register_at_without_home": "relative"}, (*BASE, "diploma")),
                 expect("incomplete", missing=(("householder_consent",),),
                        placements=("relative_household", "unit_collective", "talent_collective")),
                 id="000 §二(七) no housing, registering with a relative: the householder agrees"),
    pytest.param(case("graduates", "other_cities",
                      {"education_form": "regular", "housing": "owned"},
                      (*BASE, "diploma", "property_certificate", "marriage_certificate"),
                      family=(member("spouse", 30, marital="married"),)),
                 expect("eligible", family=(True,), placements=("family_household",)),
                 id="000 §二(五) graduate with a home in another city: spouse comes along"),
    pytest.param(case("graduates", "shenyang_main",
                      {"education_form": "regular", "housing": "owned"},
                      (*BASE, "diploma", "property_certificate", "marriage_certificate"),
                      family=(member("spouse", 30, marital="married"),)),
                 expect("eligible", family=(False,)),
                 id="000 §二(七) Shenyang graduate route names no family"),
    # —— 000 §二(六) urban residents moving to rural areas
    pytest.param(case("move_to_rural", "rural", {"applicant_rural": True, "joining": "spouse"},
                      (*BASE, "relative_hukou_booklet", "marriage_certificate")),
                 expect("eligible", held=("applicant_rural", "three_joinings"),
                        placements=("relative_household",)),
                 id="000 §二(六) rural resident joining a spouse: eligible"),
    pytest.param(case("move_to_rural", "rural",
                      {"applicant_rural": False, "joining": "parent_to_child"},
                      (*BASE, "relative_hukou_booklet", "kinship_proof")),
                 expect("not_eligible", failed=("applicant_rural",), held=("three_joinings",)),
                 id="000 §二(六) urban resident joining relatives in a village: refused"),
    pytest.param(case("move_to_rural", "rural", {"applicant_rural": True, "joining": "none"}, BASE),
                 expect("not_eligible", failed=("three_joinings",), held=("applicant_rural",),
                        placements=()),
                 id="000 §二(六) rural resident not joining relatives: refused"),
    pytest.param(case("move_to_rural", "rural",
                      {"applicant_rural": True, "joining": "child_to_parent"}),
                 expect("incomplete", missing=(("id_card",), ("hukou_booklet",),
                                               ("relative_hukou_booklet",), KIN)),
                 id="000 §二(六) child joining rural parents: all missing at once"),
    # —— 000 §一(二) voluntary
    pytest.param(case("job_or_residence", "other_cities",
                      {"has_employment": True, "housing": "none"}, (*BASE, "labour_contract"),
                      voluntary=False),
                 expect("not_eligible", failed=("voluntary_request",)),
                 id="000 §一(二) no settlement without the applicant's own request"),
]


@pytest.mark.parametrize(("case_file", "want"), SCENARIOS)
def test_assessment(pack: PolicyPack, case_file: CaseFile, want: Expect) -> None:
    result = assess(pack, case_file, on=ON)
    assert result.outcome == want.outcome
    assert (result.pack_id, result.pack_version) == ("liaoning", pack.version)
    if want.missing is not None:
        assert {tuple(sorted(m.doc_ids)) for m in result.missing} == want.missing
        assert len(result.missing) == len(want.missing)
    held = {r.code for r in result.reasons if r.holds}
    failed = {r.code for r in result.reasons if not r.holds}
    assert want.held <= held
    assert failed == want.failed
    for reason in result.reasons:
        assert reason.cite[:3] in ("000", "001")
    if want.placements is not None:
        assert tuple(p.kind for p in result.placements) == want.placements
    if want.family is not None:
        assert tuple(d.allowed for d in result.family) == want.family
        assert all(d.reason and d.cite for d in result.family)
    assert {u.key for u in result.unanswered} == want.unanswered
    if want.follow_up_cites is not None:
        assert tuple(f.cite for f in result.follow_ups) == want.follow_up_cites


def test_other_cities_never_ask_for_residence_permit_or_insurance(pack: PolicyPack) -> None:
    """000 §二(五): 取消持有居住证和参加城镇社会保险等限制 — not even as a conditional line."""
    category = pack.category("job_or_residence")
    assert category is not None
    named = {d for req in category.documents for d in req.doc_ids}
    assert not named & {"residence_permit", "social_insurance_proof"}
    assert not any(f.measure for f in category.facts)


def test_graduate_with_own_home_only_at_that_home(pack: PolicyPack) -> None:
    """000 §二(七): 实际居住具有合法所有权的房屋，应当在房屋登记地登记户口 — every area."""
    for area in ("shenyang_main", "dalian_suburbs", "other_cities", "county_seats"):
        result = assess(pack, case("graduates", area,
                                   {"education_form": "adult", "housing": "owned"},
                                   (*BASE, "diploma", "property_certificate")), on=ON)
        assert result.outcome == "eligible"
        assert [(p.kind, p.cite) for p in result.placements] == [
            ("family_household", "000 §二(七)")]


def test_graduates_face_no_hidden_condition(pack: PolicyPack) -> None:
    """000 §二(七): 不得设置年龄、应届、住房、就业等隐性条件 — the category has no rule."""
    category = pack.category("graduates")
    assert category is not None
    assert category.rules == ()
    assert set(category.facts[0].choices or {}) == {"regular", "adult", "self_study", "distance",
                                                    "open"}


@pytest.mark.parametrize(("category", "area"), [
    pytest.param("points", "other_cities", id="000 §二(五) no points outside Shenyang/Dalian"),
    pytest.param("points", "shenyang_suburbs", id="000 §二(四) suburbs: restrictions lifted"),
    pytest.param("job_or_residence", "shenyang_main",
                 id="000 §二(四) Shenyang city proper keeps points"),
    pytest.param("move_to_rural", "other_cities", id="000 §二(六) only moves into rural areas"),
])
def test_category_applies_only_in_its_areas(pack: PolicyPack, category: str, area: str) -> None:
    with pytest.raises(CaseError):
        assess(pack, case(category, area), on=ON)


def test_areas_and_tiers(pack: PolicyPack) -> None:
    assert pack.tier_of("shenyang_suburbs") == "megacity"
    assert pack.tier_of("dalian_main") == "megacity"
    assert pack.tier_of("county_seats") == "town"
    assert pack.tier_of("rural") == "rural"


def test_pack_passes_the_lint(pack: PolicyPack) -> None:
    national = load_pack(forms_dir() / "national.yaml")
    assert lint_pack(pack, national=national) == []


def test_clerk_text_has_no_stray_spaces(pack: PolicyPack) -> None:
    """Folded YAML put a space at every line break inside Chinese sentences; none may remain."""
    stray = re.compile(r"[\u3000-\u9fff\uff00-\uffef“”] [\u3000-\u9fff\uff00-\uffef“”]")
    texts = list(_strings(pack.model_dump()))
    assert len(texts) > 100
    assert [text for text in texts if stray.search(text)] == []


def test_key_group_reasons_say_what_would_satisfy(pack: PolicyPack) -> None:
    """000 §二(五): 具有合法稳定就业或合法稳定住所(含租赁) — the refusal names both ways in."""
    result = assess(pack, case("key_groups", "dalian_main",
                               {"key_group": "whole_family", "has_employment": False,
                                "housing": "none"}, BASE), on=ON)
    failed = [r for r in result.reasons if not r.holds]
    assert [(r.code, r.cite) for r in failed] == [("job_or_residence", "000 §二(五)")]
    assert "劳动合同或营业执照" in failed[0].text and "备案租赁房屋" in failed[0].text


def test_collective_placement_prints_the_collective_slip(pack: PolicyPack) -> None:
    """DESIGN §7 / 000 §二(六): a graduate moving into the employer's collective household
    takes the collective-household slip home; every category that can place a person in a
    collective household lists it among its outputs."""
    result = assess(pack, case("student_return", "other_cities",
                               {"in_school_collective": True, "destination": "work_place"},
                               ("id_card", "collective_registration_page", "diploma",
                                "labour_contract")), on=ON)
    assert result.outcome == "eligible"
    assert [p.kind for p in result.placements] == ["unit_collective"]
    assert "collective_slip" in result.outputs
    collective = {"unit_collective", "school_collective", "talent_collective",
                  "community_collective", "community_public"}
    assert [c.id for c in pack.categories
            if {p.kind for p in c.placements} & collective
            and "collective_slip" not in c.outputs] == []
