"""`hukou policy list|show|lint` and `hukou assess`, run as the user runs them (subprocess):
answers on stdout, problems as `hukou: <message>` on stderr with exit code 2, never a
traceback. The README's case-file example is run as written, so the docs cannot rot."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from hukou.paths import forms_dir
from hukou.policy import Assessment

README = Path(__file__).resolve().parents[1] / "README.md"


def hukou(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "hukou.cli", *args], capture_output=True,
                            text=True, encoding="utf-8", cwd=cwd, timeout=120, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else len(text)]


def readme_blocks(title: str, language: str = "") -> list[str]:
    """The fenced blocks of a README section whose opening fence names `language`."""
    blocks: list[str] = []
    current: list[str] | None = None
    keep = False
    for line in readme_section(title).splitlines():
        if line.startswith("```"):
            if current is None:
                current, keep = [], line[3:].strip() == language
            else:
                if keep:
                    blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(readme_blocks("Case file format", "json")[0], encoding="utf-8")
    return path


def test_the_readme_example_runs_and_answers_as_documented(case_file: Path) -> None:
    result = hukou("assess", "--case", str(case_file), "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    documented = readme_blocks("Case file format")[0]
    for line in documented.splitlines():
        if "…" in line:          # shortened in the README
            assert line.split("…")[0] in result.stdout
        else:
            assert line in result.stdout.splitlines(), line
    assert len(result.stdout.splitlines()) == len(documented.splitlines())


def test_the_readme_documents_every_case_file_field() -> None:
    from hukou.policy import CaseFile

    section = readme_section("Case file format")
    for name in CaseFile.model_fields:
        assert f"`{name}`" in section, name


def test_assess_json_is_the_assessment(case_file: Path) -> None:
    result = hukou("assess", "--pack", "liaocheng", "--case", str(case_file), "--date",
                   "2026-11-22", "--json")
    assert result.returncode == 0, result.stderr
    assessment = Assessment.model_validate_json(result.stdout)
    assert assessment.outcome == "incomplete"
    assert assessment.pack_id == "liaocheng" and assessment.assessed_on.isoformat() == "2026-11-22"
    assert [d.allowed for d in assessment.family] == [True, True, False]


def edit_case(case_file: Path, **changes: Any) -> Path:
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data.update(changes)
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return case_file


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"category": "castle"}, "category: 未知的落户类别"),
        ({"area": "atlantis"}, "area: 未知的区域"),
        ({"facts": {"self_contained_flat": "yes"}}, "facts.self_contained_flat"),
        ({"applicant": {"id_number": "371523198805126110"}}, "applicant.id_number: 校验码错误"),
        ({"family": [{"relation": "cousin"}]}, "family[0].relation"),
        ({"documents": "id_card"}, "documents"),
        ({"pack": "nowhere"}, "no pack 'nowhere'"),
    ],
)
def test_a_bad_case_file_names_the_field_and_exits_2(
    case_file: Path, changes: dict[str, Any], says: str
) -> None:
    result = hukou("assess", "--case", str(edit_case(case_file, **changes)))
    assert result.returncode == 2
    assert result.stderr.startswith("hukou: ")
    assert says in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"pack": "liaocheng",\n  "area": }', "line 2"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_a_case_file_that_is_not_json_is_refused(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    result = hukou("assess", "--case", str(path))
    assert result.returncode == 2 and says in result.stderr


def test_a_missing_case_file_is_refused(tmp_path: Path) -> None:
    result = hukou("assess", "--case", str(tmp_path / "none.json"))
    assert result.returncode == 2 and "not found" in result.stderr


def test_a_pack_other_than_the_case_files_is_refused(case_file: Path) -> None:
    result = hukou("assess", "--pack", "hunan", "--case", str(case_file))
    assert result.returncode == 2 and "--pack is 'hunan'" in result.stderr


def test_a_malformed_pack_file_is_refused_with_where_and_how(tmp_path: Path,
                                                            case_file: Path) -> None:
    shutil.copy(forms_dir() / "catalogue.yaml", tmp_path / "catalogue.yaml")
    raw = yaml.safe_load((forms_dir() / "liaocheng.yaml").read_text("utf-8"))
    raw["categories"][2]["rules"][0]["require"] = {"fact": "self_contained_flat"}
    pack = tmp_path / "liaocheng.yaml"
    pack.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = hukou("assess", "--pack", str(pack), "--case", str(case_file))
    assert result.returncode == 2
    assert str(pack) in result.stderr
    assert "category rental_flat" in result.stderr
    assert "rules[self_contained_commercial_flat].require" in result.stderr


def test_a_bad_date_is_refused(case_file: Path) -> None:
    result = hukou("assess", "--case", str(case_file), "--date", "22.11.2026")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_a_not_yet_case_prints_its_date(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({
        "pack": "liaocheng", "area": "dongchangfu", "category": "purchase_contract",
        "voluntary_request": True, "facts": {"handover_date": "2027-06-30"},
        "documents": ["purchase_contract"]}), encoding="utf-8")
    result = hukou("assess", "--case", str(path), "--date", "2026-11-22")
    assert result.returncode == 0
    assert "结论：暂不符合，届时可以办理" in result.stdout
    assert "最早可办理日期：2026-12-30" in result.stdout


# —— hukou policy ————————————————————————————————————————————————————————


def test_policy_list_names_the_five_packs() -> None:
    result = hukou("policy", "list")
    assert result.returncode == 0
    for pack_id, number in [("national", "国发〔2014〕25号"), ("liaocheng", "聊政发〔2020〕7号"),
                            ("xinmi", "新密政〔2017〕7号"), ("liaoning", ""), ("hunan", "")]:
        line = next(x for x in result.stdout.splitlines() if x.startswith(pack_id))
        assert number in line
    rows = json.loads(hukou("policy", "list", "--json").stdout)
    assert sorted(r["seed"] for r in rows) == ["000", "001", "002", "003", "004"]
    assert all(r["version"] and r["effective"] for r in rows)


def test_policy_show_gives_ids_with_chinese_titles() -> None:
    result = hukou("policy", "show", "liaocheng")
    assert result.returncode == 0
    out = result.stdout
    assert "聊政发〔2020〕7号" in out
    assert "core_districts  聊城市市区" in out
    assert "public_housing  公房、公共租赁住房、廉租住房落户" in out
    assert "low_rent_lease 廉租住房租赁证" in out
    assert "handover_date  购房合同约定的交房日期（日期）" in out


def test_policy_show_json_carries_the_pack_and_document_titles() -> None:
    data = json.loads(hukou("policy", "show", "hunan", "--json").stdout)
    assert data["id"] == "hunan" and data["categories"]
    assert data["document_titles"]["id_card"] == "居民身份证"
    used = {d for c in data["categories"] for line in c["documents"]
            for d in ([line["doc"]] if line.get("doc") else line["one_of"])}
    assert used == set(data["document_titles"])


def test_policy_show_an_unknown_pack_lists_the_known_ones() -> None:
    result = hukou("policy", "show", "atlantis")
    assert result.returncode == 2
    assert "liaocheng" in result.stderr and "hukou policy list" in result.stderr


def test_the_shipped_packs_pass_the_lint_also_as_forms_star() -> None:
    assert hukou("policy", "lint").returncode == 0
    everything = sorted(str(p) for p in forms_dir().iterdir() if p.is_file())
    result = hukou("policy", "lint", *everything)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 pack(s), 0 problem(s)" in result.stderr


def test_lint_prints_file_category_field_and_rule_and_exits_1(tmp_path: Path) -> None:
    shutil.copy(forms_dir() / "catalogue.yaml", tmp_path / "catalogue.yaml")
    raw = yaml.safe_load((forms_dir() / "hunan.yaml").read_text("utf-8"))
    raw["categories"][0]["summary"] = "须先退出宅基地方可落户"
    path = tmp_path / "hunan.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    # the framework is found in forms/ (hunan's parent is national)
    result = hukou("policy", "lint", str(path))
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    category = raw["categories"][0]["id"]
    assert line.startswith(f"{path}: category {category}, field summary: ")
    assert line.endswith("[land_rights, 001 §四(十二)]")


def test_lint_exits_2_when_a_file_does_not_load(tmp_path: Path) -> None:
    shutil.copy(forms_dir() / "catalogue.yaml", tmp_path / "catalogue.yaml")
    raw = yaml.safe_load((forms_dir() / "xinmi.yaml").read_text("utf-8"))
    raw["categories"][0].pop("cite")
    path = tmp_path / "xinmi.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = hukou("policy", "lint", str(path), str(forms_dir() / "liaocheng.yaml"))
    assert result.returncode == 2
    assert f"hukou: {path}, category {raw['categories'][0]['id']}, field cite" in result.stderr
