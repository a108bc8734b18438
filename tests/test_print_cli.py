"""`hukou print KIND CASE --out FILE.pdf` against a real station database in $HUKOU_DATA_DIR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from hukou import store
from hukou.cli import main
from hukou.printing.samples import SampleCases, make_sample_cases


@pytest.fixture
def cases(data_dir: Path) -> SampleCases:
    db = store.open_database(store.database_path(data_dir))
    made = make_sample_cases(db)
    db.close()
    return made


def _text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def test_print_writes_the_pdf_and_says_its_serial(
        cases: SampleCases, data_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "receipt.pdf"
    number = store.case_snapshot(store.open_database(store.database_path(data_dir)),
                                 cases.approved)["number"]
    assert main(["print", "receipt", number, "--out", str(out), "--user", "clerk"]) == 0
    serial = re.search(r"370102-RECEIPT-\d{4}-000001", capsys.readouterr().out)
    assert serial is not None
    assert serial.group(0) in _text(out) and number in _text(out)
    assert main(["print", "receipt", number, "--out", str(out), "--user", "clerk"]) == 0
    assert "补打" in capsys.readouterr().out and "补打" in _text(out)


def test_print_a_family_members_card_by_position(
        cases: SampleCases, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    assert main(["print", "registration_card", cases.approved, "--person", "2",
                 "--out", str(out), "--user", "clerk"]) == 0
    assert "王秀英" in _text(out)


def test_preview_spends_no_serial(cases: SampleCases, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview.pdf"
    assert main(["print", "one_time_notice", cases.incomplete, "--out", str(out),
                 "--preview"]) == 0
    assert "样张" in _text(out)
    db = store.open_database(store.database_path(data_dir))
    assert store.case_snapshot(db, cases.incomplete)["prints"] == []
    db.close()


@pytest.mark.parametrize(("argv", "message"), [
    (["print", "one_time_notice", "{approved}", "--user", "clerk"], "one_time_notice"),
    (["print", "receipt", "370102-2026-999999", "--user", "clerk"], "370102-2026-999999"),
    (["print", "receipt", "{approved}"], "--user"),
    (["print", "registration_card", "{approved}", "--person", "9", "--user", "clerk"], "9"),
])
def test_problems_are_one_line_on_stderr_with_exit_code_2(
        argv: list[str], message: str, cases: SampleCases, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a.format(approved=cases.approved) for a in argv] + ["--out", str(tmp_path / "x.pdf")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("hukou: ") and " / " in err and message in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()
