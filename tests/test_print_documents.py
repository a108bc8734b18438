"""Every printed document, built from real cases in a fresh station database and read back:
fields, embedded fonts, the signed QR code, long names and addresses, serials, 补打."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
import sqlite_utils
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from hukou import store
from hukou.domain import signing
from hukou.printing import (
    KINDS,
    PERMIT_VALID_DAYS,
    CaseView,
    IssueInfo,
    MissingItem,
    PersonView,
    PrintError,
    StationInfo,
    build_document,
    render_document,
)
from hukou.printing.layout import MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH
from hukou.printing.samples import (
    CLERK,
    LONG_ADDRESS,
    LONG_NAME,
    STATION_NAME,
    SampleCases,
    make_sample_cases,
)
from hukou.store.util import local_today


def _open(path: Path) -> sqlite_utils.Database:
    return store.open_database(path)


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleCases]:
    """One fresh station database with the sample cases (built once: creating users hashes)."""
    path = tmp_path_factory.mktemp("print") / "hukou.sqlite3"
    db = _open(path)
    cases = make_sample_cases(db)
    db.close()
    return path, cases


@pytest.fixture
def fresh_db(station: tuple[Path, SampleCases]):  # type: ignore[no-untyped-def]
    db = _open(station[0])
    yield db
    db.close()


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    return "".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    """Text without the spaces and line breaks that wrapping and extraction put in."""
    return re.sub(r"\s+", "", text)


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def _expected(kind: str, snap: dict, serial: str) -> list[str]:
    applicant = snap["applicant"]
    common = [STATION_NAME, serial, snap["number"], applicant["name"], _day(local_today())]
    if kind == "receipt":
        return [
            *common,
            applicant["id_number"],
            "合法稳定住所（自有住房）落户",
            "受理日期",
            "已收材料",
            "居民身份证",
            "不动产权证书",
            "结婚证",
            "后续事项",
            "受理人",
            "张丽",
            *(p["name"] for p in snap["family"]),
        ]
    if kind == "one_time_notice":
        return [
            *common,
            "一次性告知书",
            "《中华人民共和国行政许可法》第三十二条",
            "不动产权证书",
            "以下之一：出生医学证明、居民户口簿、亲属关系证明",
            "聊政发〔2020〕7号",
            "山东省聊城市东昌府区古楼街道楼西大街36号",
            "0635-8241110",
        ]
    if kind == "refusal_notice":
        return [
            *common,
            "不予受理通知书",
            "所租住房不是成套商品住房",
            "审核意见：不符合租赁落户条件",   # the supervisor's own words
            "《聊城市人民政府关于深入推进户籍制度改革的意见》（聊政发〔2020〕7号）§二(一)2",
            "行政复议",
            "六十日内",
            "聊城市公安局东昌府分局或者东昌府区人民政府",
            "人民法院",
        ]
    if kind == "settlement_permit":
        expiry = local_today() + dt.timedelta(days=PERMIT_VALID_DAYS)
        return [
            *common,
            "准予迁入证明",
            f"有效期至{_day(expiry)}",
            f"{PERMIT_VALID_DAYS}日内有效",
            applicant["id_number"],
            applicant["moving_from"],
            applicant["hukou_address"],
            "王振华",
            *(p["name"] for p in snap["family"]),
            *(p["id_number"] for p in snap["family"]),
        ]
    if kind == "registration_card":
        return [
            *common,
            "常住人口登记卡",
            "户别",
            "家庭户",
            "户号",
            "户主姓名",
            "与户主关系",
            "户主",
            "曾用名",
            applicant["former_name"],
            "性别",
            "男",
            "民族",
            "汉族",
            "出生日期",
            _day(dt.date.fromisoformat(applicant["birth_date"])),
            "出生地",
            applicant["birthplace"],
            "籍贯",
            applicant["native_place"],
            "公民身份号码",
            applicant["id_number"],
            "住址",
            applicant["hukou_address"],
            "文化程度",
            applicant["education"],
            "婚姻状况",
            "已婚",
            "职业",
            applicant["occupation"],
            "服务处所",
            applicant["workplace"],
            "何时由何地迁来本市（县）",
            "何时由何地迁来本址",
            applicant["moving_from"],
            "承办人",
            "登记日期",
        ]
    if kind == "collective_slip":
        return [
            *common,
            "集体户口登记页",
            "人才市场集体户",
            "聊城市人才市场集体户",
            "JT370102003",
            "山东省聊城市东昌府区柳园南路3号",
            "聊城市人力资源和社会保障局",
            "第1页",
            applicant["id_number"],
            "辽宁省沈阳市",
            applicant["workplace"],
        ]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_printed_and_nothing_names_hukou_nature_001_三_九(
    kind: str, station: tuple[Path, SampleCases], fresh_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    case_uuid = station[1].case_for(kind)
    printed = render_document(fresh_db, case_uuid, kind, user=CLERK)
    text = _text(printed.pdf, tmp_path)
    flat = _flat(text)
    snap = store.case_snapshot(fresh_db, case_uuid)
    for expected in _expected(kind, snap, printed.serial):
        assert _flat(expected) in flat, f"{kind}: {expected!r} missing"
    assert "户口性质" not in flat
    assert "农业" not in flat


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_are_embedded_truetype(
    kind: str, station: tuple[Path, SampleCases], fresh_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    printed = render_document(fresh_db, station[1].case_for(kind), kind, user=CLERK)
    path = tmp_path / "doc.pdf"
    path.write_bytes(printed.pdf)
    fonts = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts, "no fonts at all"
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    names = " ".join(fonts)
    assert "WenQuanYiMicroHei" in names and "BousungEG-Light-GB" in names


def _qr_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    pages = len(PdfReader(path).pages)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            str(pages),
            "-l",
            str(pages),
            "-singlefile",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    qr = [b for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(qr) == 1
    return str(qr[0].text)


@pytest.mark.parametrize("kind", KINDS)
def test_qr_decodes_and_its_signature_verifies(
    kind: str, station: tuple[Path, SampleCases], fresh_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    case_uuid = station[1].case_for(kind)
    printed = render_document(fresh_db, case_uuid, kind, user=CLERK)
    text = _qr_text(printed.pdf, tmp_path)
    public = signing.public_key_b64(store.get_station(fresh_db).signing_key_b64)
    payload = signing.verify_qr_text(text, public)
    assert (payload.case_uuid, payload.serial, payload.kind) == (case_uuid, printed.serial, kind)
    assert payload.issued == local_today()
    # Any changed character breaks it: the serial, the case, or the signature itself.
    for i in (
        len("HK1|370102|"),
        text.index(printed.serial) + len(printed.serial) - 1,
        len(text) - 5,
    ):
        forged = text[:i] + ("0" if text[i] != "0" else "1") + text[i + 1 :]
        with pytest.raises((signing.QrSignatureError, signing.InvalidQrText)):
            signing.verify_qr_text(forged, public)


def test_the_longest_station_code_fits_the_qr_serial(tmp_path: Path) -> None:
    # Station codes may have 16 characters; the longest serial kind must still sign.
    db = _open(tmp_path / "long-code.sqlite3")
    store.setup_station(
        db, code="3701020001ABCDEF", name="长代码派出所", pack_id="liaocheng", area_id="dongchangfu"
    )
    cases = make_sample_cases(db)
    printed = render_document(db, cases.approved, "settlement_permit", user=CLERK)
    assert printed.serial.startswith("3701020001ABCDEF-SETTLEMENT_PERMIT-")
    text = _qr_text(printed.pdf, tmp_path)
    public = signing.public_key_b64(store.get_station(db).signing_key_b64)
    assert signing.verify_qr_text(text, public).serial == printed.serial


def _words(pdf: bytes, tmp_path: Path) -> list[tuple[int, float, float, float, float, str]]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = []
    for page, body in enumerate(html.split("<page ")[1:]):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">(.*?)</word>',
            body,
        ):
            words.append((page, *(float(v) for v in m.groups()[:4]), m.group(5)))
    return words


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_60_character_name_and_120_character_address_wrap_inside_the_page(
    kind: str, tmp_path: Path
) -> None:
    db = _open(tmp_path / "long.sqlite3")
    cases = make_sample_cases(db, long_text=True)
    assert len(LONG_NAME) == 60 and "·" in LONG_NAME and len(LONG_ADDRESS) == 120
    printed = render_document(db, cases.case_for(kind), kind, user=CLERK)
    flat = _flat(_text(printed.pdf, tmp_path))
    assert LONG_NAME in flat
    if kind in ("settlement_permit", "registration_card", "collective_slip"):
        assert (LONG_ADDRESS if kind != "collective_slip" else "柳园南路3号") in flat
    words = _words(printed.pdf, tmp_path)
    for _page, x0, y0, x1, y1, word in words:
        assert x0 >= MARGIN_X - 1 and x1 <= PAGE_WIDTH - MARGIN_X + 1, f"{word!r} leaves the page"
        assert y0 >= 0 and y1 <= PAGE_HEIGHT, word
    # No two pieces of text overlap (a cell's text never runs into its neighbour's).
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if a[0] != b[0]:
                continue
            overlap_x = min(a[3], b[3]) - max(a[1], b[1])
            overlap_y = min(a[4], b[4]) - max(a[2], b[2])
            assert overlap_x <= 1 or overlap_y <= 1, f"{a[5]!r} overlaps {b[5]!r}"
    db.close()


def test_serials_never_repeat_also_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "hukou.sqlite3"
    db = _open(path)
    cases = make_sample_cases(db)
    first = [render_document(db, cases.approved, "receipt", user=CLERK) for _ in range(2)]
    card = render_document(db, cases.approved, "registration_card", user=CLERK)
    db.close()
    db = _open(path)  # the program restarts
    later = render_document(db, cases.approved, "receipt", user=CLERK)
    other = render_document(db, cases.incomplete, "receipt", user=CLERK)
    serials = [p.serial for p in [*first, later, other]]
    assert len(set(serials)) == len(serials)
    assert serials == [f"370102-RECEIPT-{local_today().year}-{n:06d}" for n in (1, 2, 3, 4)]
    assert card.serial.endswith("-000001")  # per kind
    db.close()


def test_second_print_is_a_reprint_marked_补打_and_audited(tmp_path: Path) -> None:
    db = _open(tmp_path / "hukou.sqlite3")
    cases = make_sample_cases(db)
    original = render_document(db, cases.approved, "settlement_permit", user=CLERK)
    again = render_document(db, cases.approved, "settlement_permit", user=CLERK)
    assert not original.reprint and again.reprint
    assert "补打" not in _flat(_text(original.pdf, tmp_path))
    text = _flat(_text(again.pdf, tmp_path))
    assert "补打" in text
    # A reprint does not extend the permit's 40 days.
    expiry = local_today() + dt.timedelta(days=PERMIT_VALID_DAYS)
    assert f"有效期至{_day(expiry)}" in text
    prints = store.case_snapshot(db, cases.approved)["prints"]
    assert [(p["serial"], p["reprint"]) for p in prints] == [
        (original.serial, False),
        (again.serial, True),
    ]
    audit = db.execute(
        "SELECT action, detail FROM audit WHERE case_uuid = ? AND action LIKE "
        "'print.%' ORDER BY id",
        [cases.approved],
    ).fetchall()
    assert audit == [
        ("print.settlement_permit", f"serial={original.serial} reprint=0"),
        ("print.settlement_permit", f"serial={again.serial} reprint=1"),
    ]
    assert store.verify_audit(db).ok
    db.close()


def test_each_family_member_gets_a_card_with_their_relation(
    station: tuple[Path, SampleCases], fresh_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    snap = store.case_snapshot(fresh_db, station[1].approved)
    child = snap["family"][1]
    printed = render_document(
        fresh_db, station[1].approved, "registration_card", user=CLERK, person_id=child["person_id"]
    )
    text = _flat(_text(printed.pdf, tmp_path))
    assert child["name"] in text and child["id_number"] in text
    assert "与户主关系女" in text  # the head's daughter
    assert printed.person_id == child["person_id"]


@pytest.mark.parametrize(
    ("kind", "case_attr"),
    [
        ("one_time_notice", "approved"),  # nothing missing
        ("refusal_notice", "approved"),  # nothing refused
        ("settlement_permit", "incomplete"),  # not approved
        ("collective_slip", "approved"),  # family household, not a collective one
    ],
)
def test_a_document_the_case_cannot_have_is_refused_before_a_serial_is_spent(
    kind: str, case_attr: str, station: tuple[Path, SampleCases], fresh_db: sqlite_utils.Database
) -> None:
    case_uuid = getattr(station[1], case_attr)
    before = len(store.case_snapshot(fresh_db, case_uuid)["prints"])
    with pytest.raises(PrintError, match=" / "):
        render_document(fresh_db, case_uuid, kind, user=CLERK)
    assert len(store.case_snapshot(fresh_db, case_uuid)["prints"]) == before


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    return [_flat(page.extract_text()) for page in PdfReader(path).pages]


@pytest.mark.parametrize("kind", ["one_time_notice", "settlement_permit"])
def test_table_headers_repeat_on_every_continuation_page(kind: str, tmp_path: Path) -> None:
    # A notice listing 40 missing documents, a permit for a family of 36: both run on.
    station = StationInfo(code="370102", name=STATION_NAME)
    persons = [PersonView(person_uuid="p0", relation="applicant", name="李建华")]
    persons += [
        PersonView(person_uuid=f"p{i}", relation="child", name=f"李子{i:02d}", sex="male")
        for i in range(1, 36)
    ]
    missing = tuple(
        MissingItem(titles=(f"第{i:02d}号证明材料",), one_of=False, cite="003 §二(一)", note="原件")
        for i in range(1, 41)
    )
    case = CaseView(
        uuid="00000000-0000-0000-0000-000000000001",
        number="370102-2026-000077",
        station=station,
        category_title="合法稳定住所（自有住房）落户",
        intake_date=dt.date(2026, 11, 20),
        persons=tuple(persons),
        missing=missing,
    )
    issue = IssueInfo(
        kind=kind,
        serial="370102-X-2026-000001",
        printed_on=dt.date(2026, 11, 22),
        qr_text="HK1|test",
        officer="张丽",
    )
    pages = _pages(build_document(case, issue), tmp_path)
    assert len(pages) >= 2
    header = (
        "序号需补正的材料说明依据"
        if kind == "one_time_notice"
        else "序号姓名性别出生日期关系公民身份号码"
    )
    continued = 0
    for page in pages[1:]:
        assert "（续）" in page
        # Wherever the grid runs on, its header heads it, before the page's first row.
        first_row = re.search(r"第\d\d号证明材料|李子\d\d", page)
        if first_row:
            continued += 1
            assert header in page, page[:80]
            assert page.index(header) < first_row.start()
    assert continued >= 1
    # Every row is printed exactly once across the pages.
    everything = "".join(pages)
    rows = (
        [f"第{i:02d}号证明材料" for i in range(1, 41)]
        if kind == "one_time_notice"
        else [f"李子{i:02d}" for i in range(1, 36)]
    )
    assert all(everything.count(row) == 1 for row in rows)


def test_a_character_no_font_has_refuses_the_print_naming_person_and_character(
    tmp_path: Path,
) -> None:
    # 𠮷 (U+20BB7, CJK Extension B) is a valid name character but in neither embedded face.
    db = _open(tmp_path / "rare.sqlite3")
    cases = make_sample_cases(db, name="吉𠮷祥")
    before = len(store.case_snapshot(db, cases.approved)["prints"])
    with pytest.raises(PrintError) as raised:
        render_document(db, cases.approved, "receipt", user=CLERK)
    message = str(raised.value)
    assert "吉𠮷祥" in message and "U+20BB7" in message and "姓名" in message
    assert "替代字" in message and " / " in message  # says how to fix it, in both languages
    assert len(store.case_snapshot(db, cases.approved)["prints"]) == before  # no serial spent
    # A family member's card does not print the applicant's page fields; the head's name
    # it does print is the applicant's, so it is refused too.
    spouse = cases.approved_persons[1]
    with pytest.raises(PrintError, match="U\\+20BB7"):
        render_document(db, cases.approved, "registration_card", user=CLERK, person_id=spouse)
    db.close()


def test_a_rare_character_in_both_fonts_prints(tmp_path: Path) -> None:
    # 喆 is outside GB 2312 (the Song face) but Micro Hei has it: printed, in Hei.
    db = _open(tmp_path / "hei.sqlite3")
    cases = make_sample_cases(db, name="王喆")
    printed = render_document(db, cases.approved, "receipt", user=CLERK)
    assert "王喆" in _flat(_text(printed.pdf, tmp_path))
    db.close()


def test_a_refusal_of_an_eligible_case_prints_its_notice_with_the_decision_reason(
    tmp_path: Path,
) -> None:
    # HQ (or a supervisor) refuses a case the assessment found eligible: case detail
    # offers the refusal notice, and the notice carries the reason given for the refusal.
    db = _open(tmp_path / "hukou.sqlite3")
    try:
        cases = make_sample_cases(db)
        store.apply_remote_decision(db, cases.approved, status="refused",
                                    reason="房屋权属存在争议", decided_by="县局",
                                    decided_at="2026-11-21T08:00:00Z")
        printed = render_document(db, cases.approved, "refusal_notice", user=CLERK)
    finally:
        db.close()
    assert "审核意见：房屋权属存在争议" in _flat(_text(printed.pdf, tmp_path))
