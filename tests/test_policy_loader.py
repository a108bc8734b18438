"""Loading packs: the shipped ones load; a broken one raises PackError naming the file, the
category and the field, and saying how to fix it."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from hukou.paths import forms_dir
from hukou.policy import PackError, PolicyPack, load_all_packs, load_catalogue, load_pack

FIXTURE = Path(__file__).parent / "data" / "policy_engine_pack.yaml"
RAW: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def write_pack(folder: Path, raw: Any, name: str = "broken.yaml") -> Path:
    shutil.copy(forms_dir() / "catalogue.yaml", folder / "catalogue.yaml")
    path = folder / name
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mutated(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


def home(raw: dict[str, Any]) -> dict[str, Any]:
    category: dict[str, Any] = raw["categories"][0]
    assert category["id"] == "home"
    return category


def test_the_five_shipped_packs_load_with_their_documents() -> None:
    packs = load_all_packs()
    assert sorted(p.seed for p in packs.values()) == ["000", "001", "002", "003", "004"]
    for pack in packs.values():
        assert pack.version and pack.effective and pack.document_number
        assert pack.categories, pack.id
        assert Path(pack.source_file).parent == forms_dir()


def test_packs_dump_to_json_and_validate_back_unchanged() -> None:
    for pack in load_all_packs().values():
        assert PolicyPack.model_validate(pack.model_dump(mode="json")) == pack


def test_load_all_packs_is_cached_but_returns_a_fresh_dict() -> None:
    first, second = load_all_packs(), load_all_packs()
    assert first == second and first is not second
    assert first["liaocheng"] is second["liaocheng"]


@pytest.mark.parametrize(
    ("change", "category", "field", "says"),
    [
        (lambda r: home(r).update(colour="red"), "home", "colour", "unknown key"),
        (lambda r: home(r).pop("cite"), "home", "cite", "add it"),
        (lambda r: home(r).update(cite="§二(一)"), "home", "cite", "003 §二(一)2"),
        (lambda r: home(r)["rules"][0].pop("cite"), "home", "rules[owns_home].cite", "add it"),
        (lambda r: home(r)["documents"][0].update(cite="3 §一"), "home",
         "documents[id_card].cite", "citation"),
        (lambda r: home(r)["facts"][0].update(type="yesno"), "home", "facts[owns_home].type",
         "allowed values"),
        (lambda r: home(r)["rules"][0].update(require={"fact": "owns_home"}), "home",
         "rules[owns_home].require", "exactly one operator"),
        (lambda r: home(r)["rules"][0].update(require={"fact": "ghost", "is": True}), "home",
         "rules[owns_home].require", "does not declare"),
        (lambda r: home(r)["documents"][2].update(when={"area_in": ["atlantis"]}), "home",
         "documents[social_insurance_proof].when", "not declared"),
        (lambda r: home(r)["documents"][0].update(doc="passport"), "home", "documents[1]",
         "catalogue.yaml"),
        (lambda r: home(r)["rules"][0].update(otherwise="not_yet"), "home", "rules[owns_home]",
         "date condition"),
        (lambda r: home(r)["rules"][1].update(require={"fact": "owns_home", "gte": 2}), "home",
         "rules[insured_two_years].require", "needs a number fact"),
        (lambda r: home(r)["documents"][3].update(when={"fact": "housing_kind", "eq": "tent"}),
         "home", "documents[residence_proof].when", "not among"),
        (lambda r: home(r)["facts"].append(dict(home(r)["facts"][0])), "home", "facts",
         "appears twice"),
        (lambda r: home(r)["companions"][1].pop("scope"), "home", "companions[child]",
         "needs `scope`"),
        (lambda r: home(r)["documents"][1].update(one_of=["id_card"]), "home", "documents[2]",
         "at least two"),
        (lambda r: home(r).update(areas=["city", "mars"]), "home", "areas", "not declared"),
        (lambda r: r["categories"].append(copy.deepcopy(home(r))), None, "categories",
         "appears twice"),
        (lambda r: r["areas"][3].pop("tier"), None, "areas[medium_city].tier", "tier"),
        (lambda r: r["areas"][1].update(parent="nowhere"), None, "areas[core].parent",
         "not declared"),
        (lambda r: r.pop("version"), None, "version", "add it"),
        (lambda r: r.update(id="Test-Land"), None, "id", "lower-case"),
    ],
)
def test_a_broken_pack_names_file_category_and_field(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], category: str | None,
    field: str, says: str,
) -> None:
    path = write_pack(tmp_path, mutated(change))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    error = caught.value
    assert error.file == str(path)
    assert error.category == category
    assert error.field == field
    assert says in str(error)
    assert str(path) in str(error)


def test_yaml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ncategories: [\n  - a\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"not valid YAML at line \d+"):
        load_pack(path)


@pytest.mark.parametrize(
    ("content", "says"),
    [(None, "file not found"), (b"id: \xff\xfe", "not UTF-8"), (b"- a\n- b\n", "mapping")],
)
def test_unreadable_files_say_why(tmp_path: Path, content: bytes | None, says: str) -> None:
    path = tmp_path / "pack.yaml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PackError, match=says):
        load_pack(path)


def test_a_catalogue_with_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.yaml"
    doc = {"id": "id_card", "title": "居民身份证", "proves": "身份"}
    path.write_text(yaml.safe_dump({"documents": [doc, doc]}, allow_unicode=True),
                    encoding="utf-8")
    with pytest.raises(PackError, match="appears twice"):
        load_catalogue(path)


def test_two_packs_with_one_id_are_refused(tmp_path: Path) -> None:
    write_pack(tmp_path, RAW, "a.yaml")
    write_pack(tmp_path, RAW, "b.yaml")
    with pytest.raises(PackError, match="two packs share this id"):
        load_all_packs(tmp_path)


def test_categories_know_their_packs_areas() -> None:
    pack = load_pack(FIXTURE)
    category = pack.category("home")
    assert category is not None
    assert category.area_context("core_street") == (("core_street", "core", "city"),
                                                    "large_1_3m")
    assert category.covers_area("core_street") and category.covers_area("town")
    assert not category.covers_area("medium_city")
