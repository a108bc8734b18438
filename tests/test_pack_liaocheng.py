"""The Liaocheng pack (seed 003, 聊政发〔2020〕7号) assessed case by case, citing each section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from hukou.domain.idnumber import make_id_number
from hukou.paths import forms_dir
from hukou.policy import assess
from hukou.policy.case import Assessment, CaseFile, FamilyMemberInput, PersonInput
from hukou.policy.loader import load_pack
from hukou.policy.model import PolicyPack
from pack_cases import ON, Relatives, case_file

DONGCHANGFU = "371502"   # 山东省聊城市东昌府区, the code since 1997
OUTSIDE = "370102"       # 山东省济南市历下区: an outside talent's birthplace


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return load_pack(forms_dir() / "liaocheng.yaml")


def local_id_number(birth: dt.date, seq: int) -> str:
    """A valid number for someone registered at birth in today's 东昌府区: the division code
    in force in the birth year (聊城市 county-level city 1983–1997, 阳谷县 before)."""
    division = DONGCHANGFU if birth.year >= 1997 else "372501" if birth.year >= 1983 else "372522"
    return make_id_number(division, birth, seq)


def applicant(division: str = DONGCHANGFU) -> PersonInput:
    birth = dt.date(1990, 3, 14)
    number = local_id_number(birth, 22) if division == DONGCHANGFU else make_id_number(
        division, birth, 22)
    return PersonInput(name="王晓梅", id_number=number, marital_status="married")


NAMES = {"spouse": "李建国", "child": "李思雨", "parent": "王秀兰", "other": "王晓东"}


member = Relatives(NAMES, local_id_number, birthday=(5, 1), seq=31)


def case(category: str, area: str = "dongchangfu", *, facts: dict[str, Any] | None = None,
         docs: tuple[str, ...] = (), family: tuple[FamilyMemberInput, ...] = (),
         voluntary: bool | None = True, division: str = DONGCHANGFU) -> CaseFile:
    return case_file("liaocheng", category, area, applicant=applicant(division), facts=facts,
                     documents=docs, family=family, voluntary=voluntary)


@dataclass(frozen=True)
class Expect:
    outcome: str
    missing: frozenset[tuple[str, ...]] = frozenset()   # one tuple per checklist line
    held: frozenset[str] = frozenset()                  # rule ids that hold
    failed: frozenset[str] = frozenset()                # rule ids that fail
    placements: tuple[str, ...] | None = None
    not_yet_until: dt.date | None = None
    unanswered: frozenset[str] = frozenset()
    follow_up_cites: tuple[str, ...] | None = None


def expect(outcome: str, *, missing: tuple[tuple[str, ...], ...] = (), held: tuple[str, ...] = (),
           failed: tuple[str, ...] = (), placements: tuple[str, ...] | None = None,
           until: dt.date | None = None, unanswered: tuple[str, ...] = (),
           follow_ups: tuple[str, ...] | None = None) -> Expect:
    return Expect(outcome, frozenset(missing), frozenset(held), frozenset(failed), placements,
                  until, frozenset(unanswered), follow_ups)


RENTAL_DOCS = ("landlord_title_proof", "lease_contract", "rental_filing", "no_house_proof")
FAMILY_ALL = (member("spouse", 36, marital="married"), member("child", 8, seq=41),
              member("parent", 63, marital="married", seq=51))
FAMILY_DOCS = ("marriage_certificate", "birth_medical_certificate", "hukou_booklet")
CHILD_LINE = ("birth_medical_certificate", "hukou_booklet", "kinship_proof")
PARENT_LINE = ("hukou_booklet", "kinship_proof")
COLLECTIVE_ALL = ("unit_collective", "talent_collective", "community_collective")
COLLECTIVE_NO_UNIT = ("talent_collective", "community_collective")
MOVE_HOME = ("003 §三(三)",)
GRADUATE = {"group": "graduate", "formally_employed": True, "social_insurance": True,
            "employer_collective": True}
TALENT = {"from_outside_city": True, "talent_type": "high_level", "education": "master"}

SCENARIOS = [
    # —— own home, 003 §二(一)
    pytest.param(case("own_home", docs=("property_certificate",)),
                 expect("eligible", placements=("family_household",), follow_ups=()),
                 id="003 §二(一) own home eligible"),
    pytest.param(case("own_home", "county_seats", family=FAMILY_ALL),
                 expect("incomplete", missing=(("property_certificate",), ("marriage_certificate",),
                                               CHILD_LINE, PARENT_LINE),
                        placements=("family_household",)),
                 id="003 §二(一) own home with family: every missing line at once"),
    pytest.param(case("own_home", "designated_towns", family=FAMILY_ALL,
                      docs=("property_certificate", *FAMILY_DOCS)),
                 expect("eligible", placements=("family_household",)),
                 id="003 §二(一) own home in a designated town with family documents"),
    pytest.param(case("own_home", docs=("property_certificate",), voluntary=False),
                 expect("not_eligible"),
                 id="003 §一(二) settlement only on the applicant's own request"),
    # —— purchase contract, 003 §二(一)1
    pytest.param(case("purchase_contract", facts={"handover_date": dt.date(2027, 4, 30)},
                      docs=("purchase_contract",)),
                 expect("eligible", held=("handover_within_half_year",),
                        placements=("family_household",)),
                 id="003 §二(一)1 handover in five months: settle early"),
    pytest.param(case("purchase_contract", facts={"handover_date": dt.date(2027, 5, 22)},
                      docs=("purchase_contract",)),
                 expect("eligible", held=("handover_within_half_year",)),
                 id="003 §二(一)1 handover exactly half a year away"),
    pytest.param(case("purchase_contract", facts={"handover_date": dt.date(2027, 7, 22)},
                      docs=("purchase_contract",)),
                 expect("not_yet", failed=("handover_within_half_year",),
                        until=dt.date(2027, 1, 22)),
                 id="003 §二(一)1 handover in eight months: not yet until handover − 6 months"),
    pytest.param(case("purchase_contract", facts={"handover_date": dt.date(2027, 5, 23)}),
                 expect("not_yet", failed=("handover_within_half_year",),
                        until=dt.date(2026, 11, 23), missing=(("purchase_contract",),)),
                 id="003 §二(一)1 one day beyond half a year, contract not yet shown"),
    pytest.param(case("purchase_contract", facts={"handover_date": dt.date(2027, 8, 31)},
                      docs=("purchase_contract",)),
                 expect("not_yet", failed=("handover_within_half_year",),
                        until=dt.date(2027, 3, 1)),
                 id="003 §二(一)1 handover 31 August: half a year from 28 February ends 28 August"),
    pytest.param(case("purchase_contract"),
                 expect("incomplete", missing=(("purchase_contract",),),
                        unanswered=("handover_date",)),
                 id="003 §二(一)1 handover date not yet asked"),
    # —— rental of a self-contained flat, 003 §二(一)2
    pytest.param(case("rental_flat", facts={"self_contained_flat": True}, docs=RENTAL_DOCS),
                 expect("eligible", held=("self_contained_commercial_flat",),
                        placements=("family_household",)),
                 id="003 §二(一)2 rental in 东昌府区: four documents, no social insurance"),
    pytest.param(case("rental_flat", "high_tech_zone", facts={"self_contained_flat": True}),
                 expect("incomplete", missing=tuple((d,) for d in RENTAL_DOCS)),
                 id="003 §二(一)2 rental in 高新区 with nothing shown: the four documents"),
    pytest.param(case("rental_flat", "chiping_urban",
                      facts={"self_contained_flat": True, "urban_social_insurance": True},
                      docs=RENTAL_DOCS),
                 expect("incomplete", missing=(("social_insurance_proof",),),
                        held=("self_contained_commercial_flat", "urban_social_insurance_paid")),
                 id="003 §二(一)2 rental in 茌平区城区 also needs the social-insurance proof"),
    pytest.param(case("rental_flat", "urban_outside_core",
                      facts={"self_contained_flat": True, "urban_social_insurance": True},
                      docs=(*RENTAL_DOCS, "social_insurance_proof")),
                 expect("eligible", placements=("family_household",)),
                 id="003 §二(一)2 rental outside the four districts with social insurance"),
    pytest.param(case("rental_flat", "chiping_urban",
                      facts={"self_contained_flat": True, "urban_social_insurance": False},
                      docs=RENTAL_DOCS),
                 expect("not_eligible", failed=("urban_social_insurance_paid",),
                        missing=(("social_insurance_proof",),)),
                 id="003 §二(一)2 rental outside the four districts, no urban social insurance"),
    pytest.param(case("rental_flat", "liaocheng_urban", facts={"self_contained_flat": True},
                      docs=RENTAL_DOCS),
                 expect("eligible"),
                 id="003 §二(一)2 rental in 聊城市城区 not known to be outside the four districts: "
                    "no social insurance asked"),
    pytest.param(case("rental_flat", "linqing_urban", facts={"self_contained_flat": True},
                      docs=RENTAL_DOCS),
                 expect("eligible"),
                 id="003 §二(一)2 rental in 临清市市区: not the 聊城市城区, no social insurance"),
    pytest.param(case("rental_flat", facts={"self_contained_flat": False}, docs=RENTAL_DOCS),
                 expect("not_eligible", failed=("self_contained_commercial_flat",)),
                 id="003 §二(一)2 a rented room that is not a self-contained flat"),
    pytest.param(case("rental_flat", "chiping_urban", docs=RENTAL_DOCS),
                 expect("incomplete", unanswered=("self_contained_flat", "urban_social_insurance"),
                        missing=(("social_insurance_proof",),)),
                 id="003 §二(一)2 rental questions still open"),
    # —— public housing, public rental, low-rent housing, 003 §二(一)3
    pytest.param(case("public_housing", facts={"housing_kind": "low_rent"},
                      docs=("low_rent_lease",)),
                 expect("eligible", placements=("family_household",)),
                 id="003 §二(一)3 low-rent housing"),
    pytest.param(case("public_housing", "county_seats", facts={"housing_kind": "public_rental"},
                      docs=("public_rental_lease",)),
                 expect("eligible"),
                 id="003 §二(一)3 public rental housing"),
    pytest.param(case("public_housing", facts={"housing_kind": "public_housing"},
                      docs=("low_rent_lease",)),
                 expect("incomplete", missing=(("public_housing_lease",),)),
                 id="003 §二(一)3 public housing needs its own 公房租赁证"),
    pytest.param(case("public_housing", facts={"housing_kind": "low_rent"},
                      family=(member("spouse", 35, marital="married"),)),
                 expect("incomplete", missing=(("low_rent_lease",), ("marriage_certificate",))),
                 id="003 §二(一)3 low-rent housing with a spouse, nothing shown"),
    pytest.param(case("public_housing"),
                 expect("incomplete", unanswered=("housing_kind",)),
                 id="003 §二(一)3 kind of housing not yet asked"),
    # —— lawful stable employment, 003 §二(一) with the collective households of §二(二)
    pytest.param(case("stable_employment", "county_seats", facts={"employer_collective": True},
                      docs=("labour_contract",)),
                 expect("eligible", placements=COLLECTIVE_ALL, follow_ups=MOVE_HOME),
                 id="003 §二(一) stable employment into the employer's collective household"),
    pytest.param(case("stable_employment", facts={"employer_collective": False},
                      docs=("employment_proof",)),
                 expect("eligible", placements=COLLECTIVE_NO_UNIT),
                 id="003 §二(二) employer without a collective household: market or community"),
    pytest.param(case("stable_employment", facts={"employer_collective": False},
                      family=(member("parent", 60, marital="married"),)),
                 expect("incomplete",
                        missing=(("labour_contract", "employment_proof"), PARENT_LINE)),
                 id="003 §二(一) stable employment with nothing shown"),
    # —— employed graduates, professionals, certificate holders, 003 §二(二)
    pytest.param(case("employed_graduates", facts=GRADUATE,
                      docs=("diploma", "labour_contract", "social_insurance_proof")),
                 expect("eligible", held=("formally_employed", "insured"),
                        placements=COLLECTIVE_ALL, follow_ups=MOVE_HOME),
                 id="003 §二(二) employed graduate"),
    pytest.param(case("employed_graduates", facts=GRADUATE),
                 expect("incomplete", missing=(("diploma",), ("social_insurance_proof",),
                                               ("labour_contract", "employment_proof"))),
                 id="003 §二(二) employed graduate with nothing shown"),
    pytest.param(case("employed_graduates", "linqing_urban",
                      facts={**GRADUATE, "group": "professional", "title_level": "intermediate",
                             "employer_collective": False},
                      docs=("professional_title_certificate", "employment_proof",
                            "social_insurance_proof")),
                 expect("eligible", held=("intermediate_title_or_above",),
                        placements=COLLECTIVE_NO_UNIT),
                 id="003 §二(二) intermediate professional title"),
    pytest.param(case("employed_graduates",
                      facts={**GRADUATE, "group": "professional", "title_level": "junior"},
                      docs=("professional_title_certificate", "labour_contract",
                            "social_insurance_proof")),
                 expect("not_eligible", failed=("intermediate_title_or_above",)),
                 id="003 §二(二) junior title is below 中级以上"),
    pytest.param(case("employed_graduates", facts={**GRADUATE, "group": "certificate_holder"},
                      docs=("qualification_certificate", "labour_contract",
                            "social_insurance_proof")),
                 expect("eligible"),
                 id="003 §二(二) holder of a vocational qualification certificate"),
    pytest.param(case("employed_graduates", facts={**GRADUATE, "group": "needed_talent"},
                      docs=("diploma", "labour_contract", "social_insurance_proof")),
                 expect("incomplete", missing=(("talent_recognition",),)),
                 id="003 §二(二) needed talent shows the talent recognition"),
    pytest.param(case("employed_graduates", facts={**GRADUATE, "social_insurance": False},
                      docs=("diploma", "labour_contract", "social_insurance_proof")),
                 expect("not_eligible", failed=("insured",), held=("formally_employed",)),
                 id="003 §二(二) graduate not enrolled in social insurance"),
    pytest.param(case("employed_graduates", facts={**GRADUATE, "formally_employed": False},
                      docs=("diploma", "labour_contract", "social_insurance_proof")),
                 expect("not_eligible", failed=("formally_employed",)),
                 id="003 §二(二) graduate not formally employed"),
    # —— business licence ≥ 1 year, fixed self-contained premises, 003 §二(二)
    pytest.param(case("business_licence",
                      facts={"licence_date": dt.date(2024, 9, 3), "fixed_premises": True},
                      docs=("business_licence", "business_premises_proof")),
                 expect("eligible", held=("licence_one_year", "fixed_self_contained_premises"),
                        placements=("community_collective",), follow_ups=MOVE_HOME),
                 id="003 §二(二) licence held two years: community collective household"),
    pytest.param(case("business_licence",
                      facts={"licence_date": dt.date(2025, 11, 22), "fixed_premises": True},
                      docs=("business_licence", "business_premises_proof")),
                 expect("eligible", held=("licence_one_year",)),
                 id="003 §二(二) licence exactly one year old"),
    pytest.param(case("business_licence",
                      facts={"licence_date": dt.date(2026, 4, 22), "fixed_premises": True},
                      docs=("business_licence", "business_premises_proof")),
                 expect("not_yet", failed=("licence_one_year",), until=dt.date(2027, 4, 22)),
                 id="003 §二(二) licence seven months old: not yet until its first anniversary"),
    pytest.param(case("business_licence",
                      facts={"licence_date": dt.date(2026, 4, 22), "fixed_premises": False},
                      docs=("business_licence", "business_premises_proof")),
                 expect("not_eligible",
                        failed=("licence_one_year", "fixed_self_contained_premises")),
                 id="003 §二(二) no fixed premises outweighs a young licence"),
    pytest.param(case("business_licence", "county_seats",
                      facts={"licence_date": dt.date(2023, 1, 5), "fixed_premises": True}),
                 expect("incomplete",
                        missing=(("business_licence",), ("business_premises_proof",))),
                 id="003 §二(二) licence route with nothing shown"),
    # —— outside talents, 003 §二(三)
    pytest.param(case("outside_talent", facts=TALENT, division=OUTSIDE,
                      docs=("diploma", "professional_title_certificate", "id_card")),
                 expect("eligible", held=("from_outside_liaocheng", "master_or_above"),
                        placements=("talent_collective",), follow_ups=MOVE_HOME),
                 id="003 §二(三) master's graduate from outside with a title certificate"),
    pytest.param(case("outside_talent", facts={**TALENT, "education": "doctorate"},
                      division=OUTSIDE,
                      docs=("diploma", "skill_certificate", "id_card")),
                 expect("eligible"),
                 id="003 §二(三) doctorate with a skill certificate"),
    pytest.param(case("outside_talent", "county_seats",
                      facts={"from_outside_city": True, "talent_type": "skilled"}, division=OUTSIDE,
                      docs=("diploma", "qualification_certificate", "id_card")),
                 expect("eligible", placements=("talent_collective",)),
                 id="003 §二(三) skilled talent with a qualification certificate"),
    pytest.param(case("outside_talent", facts=TALENT, division=OUTSIDE,
                      docs=("diploma", "id_card")),
                 expect("eligible", held=("from_outside_liaocheng", "master_or_above"),
                        placements=("talent_collective",)),
                 id="003 §二(三) a master's graduate needs no title certificate: diploma, ID card"),
    pytest.param(case("outside_talent", facts=TALENT, division=OUTSIDE),
                 expect("incomplete", missing=(("diploma",), ("id_card",))),
                 id="003 §二(三) high-level talent with nothing shown: diploma and ID card"),
    pytest.param(case("outside_talent", facts=TALENT, division=OUTSIDE,
                      docs=("professional_title_certificate", "id_card")),
                 expect("incomplete", missing=(("diploma",),)),
                 id="003 §二(三) a high-level talent is one by the diploma, not by a title"),
    pytest.param(case("outside_talent", facts={"from_outside_city": True,
                                               "talent_type": "professional"}, division=OUTSIDE,
                      docs=("professional_title_certificate", "id_card")),
                 expect("eligible", placements=("talent_collective",)),
                 id="003 §二(三) professional talent: title certificate and ID card, no diploma"),
    pytest.param(case("outside_talent", facts={"from_outside_city": True, "talent_type": "skilled"},
                      division=OUTSIDE, docs=("skill_certificate", "id_card")),
                 expect("eligible"),
                 id="003 §二(三) skilled talent: skill certificate and ID card, no diploma"),
    pytest.param(case("outside_talent", facts={"from_outside_city": True, "talent_type": "skilled"},
                      division=OUTSIDE, docs=("diploma",)),
                 expect("incomplete", missing=(("professional_title_certificate",
                                                "qualification_certificate", "skill_certificate"),
                                               ("id_card",))),
                 id="003 §二(三) skilled talent with a diploma only: one certificate and ID card"),
    pytest.param(case("outside_talent", facts={"from_outside_city": True}, division=OUTSIDE,
                      docs=("id_card",)),
                 expect("incomplete", unanswered=("talent_type", "education")),
                 id="003 §二(三) which credential depends on the kind of talent"),
    pytest.param(case("outside_talent", facts={**TALENT, "education": "below_master"},
                      division=OUTSIDE, docs=("diploma", "skill_certificate", "id_card")),
                 expect("not_eligible", failed=("master_or_above",)),
                 id="003 §二(三) a bachelor is not a 高级人才"),
    pytest.param(case("outside_talent", facts={**TALENT, "from_outside_city": False},
                      docs=("diploma", "skill_certificate", "id_card")),
                 expect("not_eligible", failed=("from_outside_liaocheng",)),
                 id="003 §二(三) the talent route is for people from outside Liaocheng"),
    # —— community public household, 003 §三(三)
    pytest.param(case("community_public", facts={"local_hukou": True, "has_fixed_residence": False},
                      docs=("hukou_booklet",)),
                 expect("eligible", held=("local_hukou", "no_fixed_residence"),
                        placements=("community_public",), follow_ups=MOVE_HOME),
                 id="003 §三(三) local resident without fixed residence"),
    pytest.param(case("community_public", facts={"local_hukou": True, "has_fixed_residence": True},
                      docs=("hukou_booklet",)),
                 expect("not_eligible", failed=("no_fixed_residence",)),
                 id="003 §三(三) with a fixed residence the hukou goes there"),
    pytest.param(case("community_public",
                      facts={"local_hukou": False, "has_fixed_residence": False}),
                 expect("not_eligible", failed=("local_hukou",), missing=(("hukou_booklet",),)),
                 id="003 §三(三) community public household only for local residents"),
    # —— local residents moving to their own home, 003 §三(三)
    pytest.param(case("local_move_own_home", "chiping_urban", facts={"local_hukou": True},
                      docs=("hukou_booklet", "property_certificate")),
                 expect("eligible", held=("local_hukou",), placements=("family_household",)),
                 id="003 §三(三) local resident moves to own home"),
    pytest.param(case("local_move_own_home", facts={"local_hukou": True}),
                 expect("incomplete", missing=(("hukou_booklet",), ("property_certificate",))),
                 id="003 §三(三) local move with nothing shown"),
    pytest.param(case("local_move_own_home", facts={"local_hukou": False},
                      docs=("hukou_booklet", "property_certificate")),
                 expect("not_eligible", failed=("local_hukou",)),
                 id="003 §三(三) not a local resident"),
]


@pytest.mark.parametrize(("case_file", "want"), SCENARIOS)
def test_assessment(pack: PolicyPack, case_file: CaseFile, want: Expect) -> None:
    result = assess(pack, case_file, on=ON)
    assert result.outcome == want.outcome
    assert {tuple(m.doc_ids) for m in result.missing} == want.missing
    assert len(result.missing) == len(want.missing)
    rules = {r.id: r for r in pack.category(case_file.category).rules}  # type: ignore[union-attr]
    by_code = {r.code: r for r in result.reasons}
    for rule_id in want.held:
        assert by_code[rule_id].holds, rule_id
        assert by_code[rule_id].cite == rules[rule_id].cite
    failed = {r.code for r in result.reasons if not r.holds and r.code in rules}
    assert failed == want.failed
    for rule_id in want.failed:
        assert by_code[rule_id].text == rules[rule_id].reason
        assert by_code[rule_id].cite.startswith("003 §")
    if want.placements is not None:
        assert tuple(p.kind for p in result.placements) == want.placements
    assert result.not_yet_until == want.not_yet_until
    assert {u.key for u in result.unanswered} == want.unanswered
    if want.follow_up_cites is not None:
        assert tuple(f.cite for f in result.follow_ups) == want.follow_up_cites
    assert (result.pack_id, result.pack_version) == ("liaocheng", pack.version)


WAITING = [
    pytest.param(case("purchase_contract", facts={"handover_date": dt.date(2027, 7, 22)},
                      docs=("purchase_contract",)), id="003 §二(一)1 handover in eight months"),
    pytest.param(case("purchase_contract", facts={"handover_date": dt.date(2027, 8, 31)},
                      docs=("purchase_contract",)), id="003 §二(一)1 month-end handover"),
    pytest.param(case("business_licence",
                      facts={"licence_date": dt.date(2026, 4, 22), "fixed_premises": True},
                      docs=("business_licence", "business_premises_proof")),
                 id="003 §二(二) licence seven months old"),
]


@pytest.mark.parametrize("case_file", WAITING)
def test_not_yet_date_is_the_first_day_it_holds(pack: PolicyPack, case_file: CaseFile) -> None:
    """The date a not_yet names is exact: eligible on it, still not yet the day before."""
    first = assess(pack, case_file, on=ON).not_yet_until
    assert first is not None and first > ON
    assert assess(pack, case_file, on=first).outcome == "eligible"
    day_before = assess(pack, case_file, on=first - dt.timedelta(days=1))
    assert (day_before.outcome, day_before.not_yet_until) == ("not_yet", first)


OUTPUTS = [
    pytest.param(case("own_home", docs=("property_certificate",)),
                 ["receipt", "settlement_permit", "registration_card"],
                 id="003 §二(一) eligible into a family household"),
    pytest.param(case("business_licence",
                      facts={"licence_date": dt.date(2024, 9, 3), "fixed_premises": True},
                      docs=("business_licence", "business_premises_proof")),
                 ["receipt", "settlement_permit", "registration_card", "collective_slip"],
                 id="003 §二(二) eligible into the community collective household"),
    pytest.param(case("rental_flat", facts={"self_contained_flat": True}),
                 ["receipt", "one_time_notice"], id="003 §二(一)2 documents missing"),
    pytest.param(case("rental_flat", facts={"self_contained_flat": False}, docs=RENTAL_DOCS),
                 ["refusal_notice"], id="003 §二(一)2 refused"),
]


@pytest.mark.parametrize(("case_file", "outputs"), OUTPUTS)
def test_what_the_counter_prints(pack: PolicyPack, case_file: CaseFile,
                                 outputs: list[str]) -> None:
    assert assess(pack, case_file, on=ON).outputs == outputs


def test_refused_request_is_the_reason(pack: PolicyPack) -> None:
    result = assess(pack, case("own_home", docs=("property_certificate",), voluntary=False), on=ON)
    refused = [r for r in result.reasons if not r.holds]
    assert [r.code for r in refused] == ["voluntary_request"]


def test_missing_lines_carry_their_citation_and_titles(pack: PolicyPack) -> None:
    result = assess(pack, case("rental_flat", "chiping_urban",
                               facts={"self_contained_flat": True, "urban_social_insurance": True}),
                    on=ON)
    lines = {tuple(m.doc_ids): m for m in result.missing}
    assert set(lines) == {(d,) for d in (*RENTAL_DOCS, "social_insurance_proof")}
    assert all(m.cite == "003 §二(一)2" for m in result.missing)
    assert lines[("rental_filing",)].titles == ["房屋租赁登记备案证明"]
    assert lines[("no_house_proof",)].titles == ["无房证明"]


def test_divorced_child_line_asks_for_nothing_beyond_the_checklist(pack: PolicyPack) -> None:
    """003 §二(一) lists no companion documents; the kinship line the pack adds is printed on
    the one-time notice with its note, and the notice promises nothing else will be asked:
    the note may not send the family for a 未婚声明 or 离婚证 the checklist does not count."""
    divorced = member("child", 30, marital="divorced")
    result = assess(pack, case("own_home", docs=("property_certificate",), family=(divorced,)),
                    on=ON)
    (line,) = result.missing
    assert tuple(line.doc_ids) == CHILD_LINE and line.note
    assert not any(word in line.note for word in ("声明", "离婚证", "另附", "另交"))
    done = assess(pack, case("own_home", docs=("property_certificate", "hukou_booklet"),
                             family=(divorced,)), on=ON)
    assert (done.outcome, done.family[0].allowed) == ("eligible", True)


def test_licence_year_runs_from_the_establishment_date(pack: PolicyPack) -> None:
    """003 §二(二) 办理营业证照一年: the year runs from when the licence was first obtained, the
    成立（注册）日期 printed on it, not the issue date of a licence re-issued after a change, which
    would send a business of many years away to wait again."""
    fact = pack.category("business_licence").fact("licence_date")  # type: ignore[union-attr]
    assert fact is not None and "成立日期" in fact.label and "注册日期" in fact.label
    assert fact.help is not None and "不以发照日期重新起算" in fact.help
    years_ago = case("business_licence", facts={"licence_date": dt.date(2019, 6, 1),
                                                "fixed_premises": True},
                     docs=("business_licence", "business_premises_proof"))
    assert assess(pack, years_ago, on=ON).outcome == "eligible"


def test_community_public_household_says_what_it_is(pack: PolicyPack) -> None:
    """003 §三(三) 建立社区公共户口制度，对全市有户籍、无合法固定住所人员的户口进行有效管理;
    本市户籍人口可将户口迁移至城镇范围内合法固定住所: the 社区公共户 is not a 集体户, and
    someone with a fixed residence *may* move there (可), the document orders no one to."""
    eligible = assess(pack, case("community_public", facts={"local_hukou": True,
                                                            "has_fixed_residence": False},
                                 docs=("hukou_booklet",)), on=ON)
    (follow,) = eligible.follow_ups
    assert "社区公共户" in follow.text and "集体户" not in follow.text
    refused = assess(pack, case("community_public", facts={"local_hukou": True,
                                                           "has_fixed_residence": True},
                                docs=("hukou_booklet",)), on=ON)
    (reason,) = [r for r in refused.reasons if not r.holds]
    assert "可将户口迁移至" in reason.text and "应" not in reason.text
    assert "社区公共户" in pack.category("community_public").title  # type: ignore[union-attr]


def test_summaries_keep_the_documents_place_names(pack: PolicyPack) -> None:
    """003 §二(一) names 聊城市市区(包括东昌府区、经济技术开发区、高新区、旅游度假区)、茌平区城区…;
    a summary saying 聊城市城区、茌平区城区 mixes in the 聊城市城区 of §二(一)2, which the pack
    reads as including 茌平区城区."""
    for category_id in ("own_home", "stable_employment"):
        summary = pack.category(category_id).summary  # type: ignore[union-attr]
        assert summary.startswith("在聊城市市区、茌平区城区、临清市市区、县政府驻地和其他建制镇")


FAILED_REASONS = [
    pytest.param(case("rental_flat", facts={"self_contained_flat": False}, docs=RENTAL_DOCS),
                 "self_contained_commercial_flat", "公共租赁住房",
                 id="003 §二(一)2 a rented room: the public-housing route is named"),
    pytest.param(case("employed_graduates", facts={**GRADUATE, "social_insurance": False}),
                 "insured", "参加社会保险后可以申请", id="003 §二(二) not insured: when it can be"),
    pytest.param(case("outside_talent", facts={**TALENT, "education": "below_master"},
                      division=OUTSIDE), "master_or_above", "技能人才",
                 id="003 §二(三) a bachelor: the professional and skilled kinds are named"),
]


@pytest.mark.parametrize(("case_file", "rule_id", "way_out"), FAILED_REASONS)
def test_a_failed_rule_says_what_is_wrong_and_what_would_do(pack: PolicyPack, case_file: CaseFile,
                                                            rule_id: str, way_out: str) -> None:
    (reason,) = [r for r in assess(pack, case_file, on=ON).reasons if r.code == rule_id]
    assert not reason.holds
    wrong, _sep, remedy = reason.text.partition("；")
    assert wrong and way_out in remedy


def test_readings_are_marked(pack: PolicyPack) -> None:
    """Where 003 names no material, the line says so: the 急需引进的人才 proof of §二(二), and the
    talent route of §二(三), which names no relatives who may come along."""
    graduates = pack.category("employed_graduates")
    assert graduates is not None
    (line,) = [d for d in graduates.documents if d.doc == "talent_recognition"]
    assert line.note is not None and "文件未列明" in line.note
    talent = pack.category("outside_talent")
    assert talent is not None and not talent.companions and "文件未规定随迁亲属" in talent.summary


@pytest.mark.parametrize("category_id", ["employed_graduates", "business_licence"])
def test_section_2_2_companions_are_those_of_2_1_and_say_so(pack: PolicyPack,
                                                            category_id: str) -> None:
    """003 §二(二) names no relatives; its applicants are 合法稳定就业, so §二(一)'s 共同居住生活的
    配偶、未婚子女(含离异)、父母 come along, and each line says that this is the pack's reading."""
    base = {(c.relation, c.scope, c.requires_cohabiting, c.cite)
            for c in pack.category("own_home").companions}  # type: ignore[union-attr]
    lines = pack.category(category_id).companions  # type: ignore[union-attr]
    assert {(c.relation, c.scope, c.requires_cohabiting, c.cite) for c in lines} == base
    assert all(c.note and "003 §二(二)未单列随迁人员" in c.note for c in lines)


@dataclass(frozen=True)
class Companions:
    category: str
    facts: dict[str, Any] = field(default_factory=dict)
    docs: tuple[str, ...] = ()
    division: str = DONGCHANGFU


OWN_HOME = Companions("own_home", docs=("property_certificate", *FAMILY_DOCS))
RENTAL = Companions("rental_flat", {"self_contained_flat": True}, (*RENTAL_DOCS, *FAMILY_DOCS))
LOW_RENT = Companions("public_housing", {"housing_kind": "low_rent"},
                      ("low_rent_lease", *FAMILY_DOCS))

COMPANION_CASES = [
    pytest.param(OWN_HOME, member("child", 30, marital="divorced"), True,
                 id="003 §二(一) a divorced adult child may come along"),
    pytest.param(OWN_HOME, member("child", 28, marital="married"), False,
                 id="003 §二(一) a married adult child may not"),
    pytest.param(OWN_HOME, member("child", 26), True,
                 id="003 §二(一) an unmarried adult child may come along"),
    pytest.param(OWN_HOME, member("child", 4), True,
                 id="003 §二(一) a small child may come along"),
    pytest.param(OWN_HOME, member("child", 41, marital="widowed"), False,
                 id="003 §二(一) a widowed child is neither unmarried nor divorced"),
    pytest.param(RENTAL, member("child", 30, marital="divorced"), True,
                 id="003 §二(一)2 divorced adult child into the rented flat"),
    pytest.param(RENTAL, member("child", 30, marital="married"), False,
                 id="003 §二(一)2 married child not into the rented flat"),
    pytest.param(LOW_RENT, member("spouse", 34, marital="married"), True,
                 id="003 §二(一)3 cohabiting spouse into low-rent housing"),
    pytest.param(LOW_RENT, member("spouse", 34, marital="married", cohabiting=False), False,
                 id="003 §二(一) a spouse not living together may not come along"),
    pytest.param(OWN_HOME, member("parent", 66, marital="widowed"), True,
                 id="003 §二(一) a cohabiting parent may come along"),
    pytest.param(OWN_HOME, member("parent", 66, marital="widowed", cohabiting=False), False,
                 id="003 §二(一) a parent not living together may not"),
    pytest.param(OWN_HOME, member("other", 38), False,
                 id="003 §二(一) a sibling is not among the companions"),
    pytest.param(Companions("business_licence",
                            {"licence_date": dt.date(2024, 1, 1), "fixed_premises": True},
                            ("business_licence", "business_premises_proof", *FAMILY_DOCS)),
                 member("child", 24, marital="divorced"), True,
                 id="003 §二(一) divorced child with a licence holder"),
    pytest.param(Companions("purchase_contract", {"handover_date": dt.date(2027, 3, 1)},
                            ("purchase_contract", *FAMILY_DOCS)),
                 member("child", 29, marital="divorced"), True,
                 id="003 §二(一)1 divorced child into the home bought on contract"),
    pytest.param(Companions("stable_employment", {"employer_collective": True},
                            ("labour_contract", *FAMILY_DOCS)),
                 member("child", 23, marital="married"), False,
                 id="003 §二(一) married child not with an employed applicant"),
    pytest.param(Companions("employed_graduates", GRADUATE,
                            ("diploma", "labour_contract", "social_insurance_proof", *FAMILY_DOCS)),
                 member("child", 19), True,
                 id="003 §二(一) unmarried adult child with an employed graduate"),
    pytest.param(Companions("outside_talent", TALENT, ("diploma", "skill_certificate", "id_card",
                                                       *FAMILY_DOCS), OUTSIDE),
                 member("spouse", 31, marital="married"), False,
                 id="003 §二(三) the talent-market route names no companions"),
    pytest.param(Companions("community_public", {"local_hukou": True, "has_fixed_residence": False},
                            ("hukou_booklet", *FAMILY_DOCS)),
                 member("child", 33, marital="married", cohabiting=False), True,
                 id="003 §三(三) any local resident without residence may join"),
    pytest.param(Companions("local_move_own_home", {"local_hukou": True},
                            ("property_certificate", *FAMILY_DOCS)),
                 member("child", 33, marital="married"), False,
                 id="003 §三(三) a married child moves in a case of their own"),
]


@pytest.mark.parametrize(("setup", "person", "allowed"), COMPANION_CASES)
def test_companion(pack: PolicyPack, setup: Companions, person: FamilyMemberInput,
                   allowed: bool) -> None:
    result = assess(pack, case(setup.category, facts=setup.facts, docs=setup.docs, family=(person,),
                               division=setup.division), on=ON)
    (decision,) = result.family
    assert decision.allowed is allowed
    assert decision.relation == person.relation
    assert decision.reason
    if allowed:
        assert decision.cite is not None and decision.cite.startswith("003 §")


def test_whole_family_with_a_married_child(pack: PolicyPack) -> None:
    family = (member("spouse", 36, marital="married"),
              member("child", 27, marital="divorced", seq=41),
              member("child", 25, marital="married", seq=43), member("parent", 62, seq=51))
    result: Assessment = assess(pack, case("own_home", docs=("property_certificate", *FAMILY_DOCS),
                                           family=family), on=ON)
    assert [(d.index, d.allowed) for d in result.family] == [(0, True), (1, True), (2, False),
                                                               (3, True)]
    assert result.outcome == "eligible"   # the married child is refused, the case is not


def test_areas_follow_the_document(pack: PolicyPack) -> None:
    """003 §二(一): the four districts inside the urban area; the towns fully open."""
    assert pack.document_number == "聊政发〔2020〕7号"
    assert pack.parent == "national"
    assert [a.id for a in pack.area_chain("dongchangfu")] == [
        "dongchangfu", "core_districts", "liaocheng_urban"]
    assert [a.id for a in pack.area_chain("chiping_urban")] == [
        "chiping_urban", "urban_outside_core", "liaocheng_urban"]
    towns = ("linqing_urban", "county_seats", "designated_towns")
    assert {pack.tier_of(a) for a in towns} == {"town"}
    core = {a.name for a in pack.areas if a.parent == "core_districts"}
    assert core == {"东昌府区", "经济技术开发区", "高新区", "旅游度假区"}


def test_every_line_cites_the_document(pack: PolicyPack) -> None:
    cites = [a.cite for a in pack.areas]
    for cat in pack.categories:
        cites += [cat.cite, *(r.cite for r in cat.rules), *(d.cite for d in cat.documents),
                  *(c.cite for c in cat.companions), *(p.cite for p in cat.placements),
                  *(f.cite for f in cat.follow_ups)]
    assert cites and all(c.startswith("003 §") for c in cites)


def test_no_measured_thresholds(pack: PolicyPack) -> None:
    """003 §一(二) 全面放开城镇落户限制: no insurance years, housing area or price asked."""
    assert all(f.measure is None and f.type != "number" for c in pack.categories for f in c.facts)
