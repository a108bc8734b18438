"""The pack lint (issue §4, DESIGN §3): the shipped packs pass; a mutated copy of each
shipped pack is rejected for each rule — social-insurance ceilings (001 §二(五)(六),
004 §三(二)), housing thresholds in medium cities (001 §二(五)), giving up land rights
(001 §四(十二)), the abolished hukou nature (001 §三(九)), citations."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from hukou.paths import forms_dir
from hukou.policy import PackError, PolicyPack, lint_pack, load_all_packs, load_catalogue, load_pack
from hukou.policy.loader import pack_files

SHIPPED = sorted(p.stem for p in pack_files(forms_dir()))
FIXTURE = Path(__file__).parent / "data" / "policy_engine_pack.yaml"


@pytest.fixture(scope="module")
def national() -> PolicyPack:
    return load_all_packs()["national"]


def raw_pack(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((forms_dir() / f"{stem}.yaml").read_text("utf-8"))
    return copy.deepcopy(data)   # anchors expand to shared objects: copy before mutating


def write(folder: Path, raw: dict[str, Any], catalogue: dict[str, Any] | None = None) -> Path:
    if catalogue is None:
        shutil.copy(forms_dir() / "catalogue.yaml", folder / "catalogue.yaml")
    else:
        (folder / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True),
                                               encoding="utf-8")
    path = folder / "mutant.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def lint_file(path: Path, national: PolicyPack) -> list[Any]:
    pack = load_pack(path)
    return lint_pack(pack, national=national, catalogue=load_catalogue(path.parent /
                                                                      "catalogue.yaml"))


def add_area_category(raw: dict[str, Any], tier: str, fact: dict[str, Any],
                      require: dict[str, Any]) -> None:
    """A new area of `tier` and a category there with one rule on `fact`."""
    raw["areas"].append({"id": "lint_area", "name": "测试区域", "tier": tier,
                         "cite": "001 §二(五)"})
    raw["categories"].append({
        "id": "lint_category", "title": "测试类别", "summary": "测试", "cite": "001 §二(五)",
        "areas": ["lint_area"], "facts": [fact],
        "rules": [{"id": "lint_rule", "require": require, "reason": "测试",
                   "cite": "001 §二(五)"}],
    })


INSURANCE = {"key": "lint_years", "label": "社会保险缴纳年限", "type": "number", "unit": "年",
             "measure": "social_insurance_years"}


@pytest.mark.parametrize("stem", SHIPPED)
def test_the_shipped_pack_passes(stem: str, national: PolicyPack) -> None:
    assert lint_pack(load_pack(forms_dir() / f"{stem}.yaml"), national=national) == []


def test_every_shipped_pack_is_bound_by_the_national_ceilings() -> None:
    packs = load_all_packs()
    assert packs["national"].ceilings
    assert all(p.parent == "national" for p in packs.values() if p.id != "national")


@pytest.mark.parametrize("stem", SHIPPED)
def test_more_than_3_insurance_years_in_a_medium_city_is_rejected_001_2_5(
    stem: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = raw_pack(stem)
    add_area_category(raw, "medium", INSURANCE, {"fact": "lint_years", "gte": 4})
    problems = lint_file(write(tmp_path, raw), national)
    assert [(p.rule, p.category, p.field, p.cite) for p in problems] == [
        ("ceiling", "lint_category", "rules[lint_rule].require", "001 §二(五)")]
    assert "超过上限3" in problems[0].message


@pytest.mark.parametrize("stem", SHIPPED)
def test_more_than_5_insurance_years_in_a_large_city_is_rejected_001_2_6(
    stem: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = raw_pack(stem)
    add_area_category(raw, "large_3_5m", INSURANCE, {"fact": "lint_years", "gt": 5})
    problems = lint_file(write(tmp_path, raw), national)
    assert "ceiling" in {p.rule for p in problems}
    assert "001 §二(六)" in {p.cite for p in problems}


@pytest.mark.parametrize(("years", "problems"), [(3, 0), (4, 1)])
def test_hunan_caps_large_cities_at_3_years_004_3_2(
    years: int, problems: int, tmp_path: Path, national: PolicyPack
) -> None:
    raw = raw_pack("hunan")
    add_area_category(raw, "large_1_3m", INSURANCE, {"fact": "lint_years", "gte": years})
    found = lint_file(write(tmp_path, raw), national)
    assert len(found) == problems
    assert all(p.cite == "004 §三(二)" for p in found)
    # the national framework alone allows 4 in a large city
    plain = raw_pack("national")
    add_area_category(plain, "large_1_3m", INSURANCE, {"fact": "lint_years", "gte": years})
    assert lint_file(write(tmp_path, plain), national) == []


@pytest.mark.parametrize("stem", SHIPPED)
@pytest.mark.parametrize("measure", ["housing_area_m2", "housing_price"])
def test_housing_thresholds_in_a_medium_city_are_rejected_001_2_5(
    stem: str, measure: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = raw_pack(stem)
    fact = {"key": "lint_housing", "label": "住房面积或价格", "type": "number",
            "measure": measure}
    add_area_category(raw, "medium", fact, {"fact": "lint_housing", "gte": 1})
    problems = lint_file(write(tmp_path, raw), national)
    assert [(p.rule, p.cite) for p in problems] == [("forbidden_measure", "001 §二(五)")]


@pytest.mark.parametrize("stem", SHIPPED)
@pytest.mark.parametrize(
    "where",
    ["fact_label", "rule_reason", "summary", "catalogue_title"],
)
def test_giving_up_land_rights_is_rejected_001_4_12(
    stem: str, where: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = raw_pack(stem)
    category = raw["categories"][0]
    catalogue = None
    if where == "fact_label":
        category.setdefault("facts", []).append(
            {"key": "lint_give_up", "label": "是否同意退出宅基地使用权", "type": "bool"})
    elif where == "rule_reason":
        add_area_category(raw, "town", dict(INSURANCE), {"fact": "lint_years", "gte": 0})
        raw["categories"][-1]["rules"][0]["reason"] = "须先交回承包地"
        category = raw["categories"][-1]
    elif where == "summary":
        category["summary"] = "放弃土地承包经营权后可以落户"
    else:
        catalogue = yaml.safe_load((forms_dir() / "catalogue.yaml").read_text("utf-8"))
        catalogue["documents"].append({"id": "land_waiver", "title": "自愿放弃集体收益分配权承诺书",
                                       "proves": "已放弃集体收益分配权"})
        category.setdefault("documents", []).append({"doc": "land_waiver",
                                                     "cite": "001 §四(十二)"})
    problems = lint_file(write(tmp_path, raw, catalogue), national)
    assert problems and {p.rule for p in problems} == {"land_rights"}
    assert {p.category for p in problems} == {category["id"]}
    assert problems[0].cite == "001 §四(十二)"


@pytest.mark.parametrize("stem", SHIPPED)
@pytest.mark.parametrize("where", ["choice_fact", "placement_label", "fact_key"])
def test_the_hukou_nature_is_rejected_001_3_9(
    stem: str, where: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = raw_pack(stem)
    category = raw["categories"][0]
    if where == "choice_fact":
        category.setdefault("facts", []).append(
            {"key": "lint_kind", "label": "户口性质", "type": "choice",
             "choices": {"a": "农业户口", "b": "非农业户口"}})
    elif where == "placement_label":
        category.setdefault("placements", []).append(
            {"kind": "family_household", "label": "非农业户口家庭户", "cite": "001 §三(九)"})
    else:
        category.setdefault("facts", []).append(
            {"key": "hukou_nature", "label": "原户籍类别", "type": "bool"})
    problems = lint_file(write(tmp_path, raw), national)
    assert problems and {p.rule for p in problems} == {"hukou_nature"}
    assert all(p.cite == "001 §三(九)" and p.category == category["id"] for p in problems)


@pytest.mark.parametrize("stem", SHIPPED)
def test_a_citation_of_no_seed_document_is_rejected(
    stem: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = raw_pack(stem)
    raw["categories"][0]["cite"] = "009 §一(一)"
    problems = lint_file(write(tmp_path, raw), national)
    assert [(p.rule, p.field) for p in problems] == [("citation", "cite")]


@pytest.mark.parametrize("stem", SHIPPED)
def test_a_missing_citation_does_not_even_load(stem: str, tmp_path: Path) -> None:
    raw = raw_pack(stem)
    raw["categories"][0].pop("cite")
    with pytest.raises(PackError, match="cite"):
        load_pack(write(tmp_path, raw))


def test_lint_rechecks_citations_on_packs_built_in_code(national: PolicyPack) -> None:
    pack = load_pack(FIXTURE)
    category = pack.categories[0]
    broken_rule = category.rules[0].model_copy(update={"cite": ""})
    broken = pack.model_copy(update={"categories": (
        category.model_copy(update={"rules": (broken_rule, *category.rules[1:])}),
        *pack.categories[1:])})
    problems = lint_pack(broken, national=national)
    assert [(p.rule, p.field) for p in problems] == [("citation", "rules[owns_home].cite")]


# —— what the lint must NOT reject ——————————————————————————————————————————


@pytest.mark.parametrize(
    "text",
    [
        "取消农业户口与非农业户口性质区分，统一登记为居民户口",
        "不得以退出土地承包经营权、宅基地使用权、集体收益分配权作为农民进城落户的条件",
        "现阶段，不得以退出土地承包经营权、宅基地使用权、集体收益分配权作为落户条件",
        "农业转移人口和其他常住人口",
        "维护进城落户农民土地承包权、宅基地使用权、集体收益分配权",
    ],
)
def test_statements_of_the_protections_themselves_pass(
    text: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = yaml.safe_load(FIXTURE.read_text("utf-8"))
    raw["categories"][0]["summary"] = text
    assert lint_file(write(tmp_path, raw), national) == []


@pytest.mark.parametrize(
    "text",
    [
        "取消落户限制；申请人须登记户口性质",      # the abolition is in another clause
        "按农业户口登记",
        "落户前应交回宅基地",
    ],
)
def test_a_protection_in_another_clause_does_not_excuse_a_breach(
    text: str, tmp_path: Path, national: PolicyPack
) -> None:
    raw = yaml.safe_load(FIXTURE.read_text("utf-8"))
    raw["categories"][0]["summary"] = text
    assert len(lint_file(write(tmp_path, raw), national)) == 1


@pytest.mark.parametrize(
    ("require", "applies_when", "flagged"),
    [
        ({"fact": "lint_years", "gte": 3}, True, False),     # exactly the ceiling
        ({"fact": "lint_years", "gt": 3}, True, True),
        ({"fact": "lint_years", "eq": 4}, True, True),
        ({"fact": "lint_years", "in": [4, 5]}, True, True),
        ({"fact": "lint_years", "in": [2, 5]}, True, False),  # 2 already qualifies
        ({"fact": "lint_years", "lte": 10}, True, False),     # an upper bound asks nothing
        ({"not": {"fact": "lint_years", "gte": 5}}, True, False),
        ({"fact": "lint_years", "gte": 5}, {"area_in": ["lint_town"]}, False),
        ({"fact": "lint_years", "gte": 5}, {"tier_in": ["town"]}, False),
        ({"fact": "lint_years", "gte": 5}, {"not": {"area_in": ["lint_town"]}}, True),
        ({"any": [{"area_in": ["lint_town"]}, {"fact": "lint_years", "gte": 5}]}, True, True),
        ({"all": [{"area_in": ["lint_town"]}, {"fact": "lint_years", "gte": 5}]}, True, False),
    ],
)
def test_ceilings_follow_the_areas_a_rule_applies_in(
    require: dict[str, Any], applies_when: Any, flagged: bool, tmp_path: Path,
    national: PolicyPack,
) -> None:
    raw = raw_pack("national")
    add_area_category(raw, "medium", INSURANCE, require)
    raw["areas"].append({"id": "lint_town", "name": "镇", "tier": "town",
                         "cite": "001 §二(四)"})
    category = raw["categories"][-1]
    category["areas"] = ["lint_area", "lint_town"]
    category["rules"][0]["applies_when"] = applies_when
    assert bool(lint_file(write(tmp_path, raw), national)) is flagged
