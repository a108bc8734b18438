"""Search: case number, ID number, names of every length (1- and 2-character names that
FTS5 trigram cannot match), address fragments, filters and paging."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlite_utils

from hukou.store import (
    ValidationError,
    count_cases,
    create_case,
    get_case,
    page_cursors,
    save_draft,
    search_cases,
    transition,
)
from store_fixtures import new_id_number

PACK = {"pack_id": "liaocheng", "pack_version": "2026.1", "area_id": "dongchangfu"}
PEOPLE = [
    ("王", "山东省聊城市东昌府区古楼街道楼西社区1号", "own_home"),
    ("王芳", "山东省聊城市东昌府区柳园街道光岳路12号", "rental_flat"),
    ("李王明", "河南省郑州市新密市建设路3号", "own_home"),
    ("欧阳娜娜", "湖南省长沙市芙蓉区花园路8号", "outside_talent"),
    ("阿依古丽·买买提", "新疆维吾尔自治区乌鲁木齐市天山区解放路1号", "stable_employment"),
    ("张小明", "辽宁省沈阳市和平区兴华路99号", "own_home"),
]


@pytest.fixture
def cases(station_db: sqlite_utils.Database) -> dict[str, Any]:
    numbers: dict[str, Any] = {}
    for name, address, category in PEOPLE:
        case = create_case(station_db, user="clerk", category_id=category, **PACK,
                           applicant={"name": name, "id_number": new_id_number(),
                                      "hukou_address": address}, voluntary_request=True)
        numbers[name] = case
    return numbers


def _found(db: sqlite_utils.Database, query: str, **filters: Any) -> set[str]:
    page = search_cases(db, query, **filters)
    assert count_cases(db, query, **filters) == len(page.items)
    return {item.applicant_name for item in page.items}


@pytest.mark.parametrize("query, expected", [
    ("王", {"王", "王芳", "李王明"}),                 # 1 character: surname or any name character
    ("芳", {"王芳"}),
    ("王芳", {"王芳"}),                               # 2 characters: the whole name
    ("王明", {"李王明"}),                             # 2 characters inside a longer name
    ("欧阳", {"欧阳娜娜"}),                           # compound surname
    ("小明", {"张小明"}),
    ("张小明", {"张小明"}),                           # 3 characters
    ("欧阳娜娜", {"欧阳娜娜"}),                       # 4 characters
    ("阿依古丽·买买提", {"阿依古丽·买买提"}),          # transliterated, with the separator
    ("阿依古丽买买提", {"阿依古丽·买买提"}),           # typed without it
    ("买买提", {"阿依古丽·买买提"}),
    ("赵", set()),
    ("王小明", set()),                                # every pair exists, the phrase does not
])
def test_names_are_found_at_every_length(station_db: sqlite_utils.Database,
                                         cases: dict[str, Any], query: str,
                                         expected: set[str]) -> None:
    assert _found(station_db, query) == expected


@pytest.mark.parametrize("query, expected", [
    ("古楼", {"王"}),
    ("光岳路", {"王芳"}),
    ("新密市建设路", {"李王明"}),
    ("聊城市东昌府区", {"王", "王芳"}),
    ("路8号", {"欧阳娜娜"}),
    ("天山区解放路1号", {"阿依古丽·买买提"}),
])
def test_address_fragments_are_found(station_db: sqlite_utils.Database, cases: dict[str, Any],
                                     query: str, expected: set[str]) -> None:
    assert _found(station_db, query) == expected


def test_a_match_never_spans_two_fields(station_db: sqlite_utils.Database) -> None:
    # The name ends with 小 and the address begins with 明: "小明" is in neither.
    create_case(station_db, user="clerk", category_id="own_home", **PACK,
                applicant={"name": "周小", "hukou_address": "明水县1号"})
    assert _found(station_db, "小明") == set()
    assert _found(station_db, "周小") == {"周小"}


def test_id_numbers_whole_last_six_and_prefix(station_db: sqlite_utils.Database,
                                              cases: dict[str, Any]) -> None:
    number = cases["王芳"].applicant.id_number
    assert _found(station_db, number) == {"王芳"}
    assert _found(station_db, number[-6:]) == {"王芳"}
    assert _found(station_db, number[:14]) >= {"王芳"}
    assert _found(station_db, number[:-1] + ("0" if number[-1] != "0" else "1")) == set()


def test_family_members_are_found_by_id_number_and_name(
        station_db: sqlite_utils.Database, cases: dict[str, Any]) -> None:
    child_id = new_id_number(dt.date(2015, 1, 1))
    save_draft(station_db, cases["张小明"].uuid,
               {"family": [{"relation": "child", "name": "张乐", "id_number": child_id}]},
               user="clerk")
    assert _found(station_db, child_id) == {"张小明"}
    assert _found(station_db, "张乐") == {"张小明"}


def test_case_number_whole_and_without_the_station(station_db: sqlite_utils.Database,
                                                   cases: dict[str, Any]) -> None:
    number = cases["王芳"].number
    assert _found(station_db, number) == {"王芳"}
    assert _found(station_db, number.split("-", 1)[1]) == {"王芳"}


def test_case_number_by_its_sequence_alone(station_db: sqlite_utils.Database,
                                           cases: dict[str, Any]) -> None:
    number = cases["王芳"].number
    seq = number.rsplit("-", 1)[1]                 # e.g. "000003"
    assert _found(station_db, seq) == {"王芳"}     # six digits: a case number or an ID's last 6
    assert _found(station_db, str(int(seq))) == {"王芳"}
    assert _found(station_db, "999999") == set()


def test_an_edited_name_is_found_under_the_new_name_only(
        station_db: sqlite_utils.Database, cases: dict[str, Any]) -> None:
    save_draft(station_db, cases["王芳"].uuid, {"applicant": {"name": "赵芳"}}, user="clerk")
    assert _found(station_db, "赵") == {"赵芳"}
    assert "赵芳" not in _found(station_db, "王")
    assert _found(station_db, "王芳") == set()


def test_status_category_and_date_filters(station_db: sqlite_utils.Database,
                                          cases: dict[str, Any]) -> None:
    transition(station_db, cases["王芳"].uuid, "submitted", user="clerk")
    assert _found(station_db, "王", status="submitted") == {"王芳"}
    assert _found(station_db, "", status=["submitted"]) == {"王芳"}
    assert _found(station_db, "王", category="own_home") == {"王", "李王明"}
    today = get_case(station_db, cases["王"].uuid).intake_date
    assert len(_found(station_db, "", date_from=today, date_to=today)) == len(PEOPLE)
    assert _found(station_db, "", date_to="2000-01-01") == set()
    with pytest.raises(ValidationError) as caught:
        search_cases(station_db, "", date_from="2026-02-30")
    assert caught.value.field == "date_from"


def test_results_come_newest_first_in_pages(station_db: sqlite_utils.Database,
                                            cases: dict[str, Any]) -> None:
    first = search_cases(station_db, "", limit=4)
    second = search_cases(station_db, "", limit=4, offset=4)
    assert first.has_more and not second.has_more
    names = [i.applicant_name for i in first.items + second.items]
    assert names == [name for name, _, _ in reversed(PEOPLE)]


# -- paging by key ------------------------------------------------------------------------

CATEGORIES = ("own_home", "rental_flat", "stable_employment")
FILTERS: list[dict[str, Any]] = [
    {},
    {"status": "submitted"},
    {"status": ["draft", "submitted"]},
    {"category": "rental_flat"},
    {"date_from": "2026-03-01"},
    {"date_to": "2026-03-31"},
    {"date_from": "2026-02-01", "date_to": "2026-04-30", "category": "own_home"},
    {"query": "王"},                      # FTS-driven, 1 character
    {"query": "聊城市"},                  # FTS-driven, address phrase
    {"query": "王", "status": "draft"},
    {"query": "3701021990"},              # ID number prefix: drives by the persons index
    {"query": "赵"},                      # nothing found
]


@pytest.fixture
def many_cases(station_db: sqlite_utils.Database) -> sqlite_utils.Database:
    """23 cases over three categories, two statuses and three months of intake dates."""
    for n in range(23):
        name, address, _ = PEOPLE[n % len(PEOPLE)]
        case = create_case(station_db, user="clerk", category_id=CATEGORIES[n % 3], **PACK,
                           applicant={"name": name, "id_number": new_id_number(),
                                      "hukou_address": address}, voluntary_request=True)
        if n % 4 == 1:
            transition(station_db, case.uuid, "submitted", user="clerk")
        # Spread the intake dates (the store stamps today's date on every new case).
        station_db.conn.execute("UPDATE cases SET intake_date = ? WHERE uuid = ?",
                                [f"2026-0{2 + n % 3}-{10 + n % 7:02d}", case.uuid])
    station_db.conn.commit()
    return station_db


def _filter_args(flt: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    rest = dict(flt)
    return rest.pop("query", ""), rest


def _by_offset(db: sqlite_utils.Database, flt: dict[str, Any], size: int) -> list[list[str]]:
    query, filters = _filter_args(flt)
    pages: list[list[str]] = []
    while True:
        page = search_cases(db, query, offset=len(pages) * size, limit=size, **filters)
        if page.items:
            pages.append([i.uuid for i in page.items])
        if not page.has_more:
            return pages


@pytest.mark.parametrize("flt", FILTERS, ids=[repr(f) for f in FILTERS])
def test_pages_by_cursor_are_the_pages_by_offset(many_cases: sqlite_utils.Database,
                                                 flt: dict[str, Any]) -> None:
    query, filters = _filter_args(flt)
    expected = _by_offset(many_cases, flt, 4)
    assert len(expected) >= 2 or flt == {"query": "赵"}
    cursors = page_cursors(many_cases, query, page_size=4, **filters)
    assert len(cursors) == len(expected)
    by_cursor = [[i.uuid for i in search_cases(many_cases, query, after=c, limit=4,
                                               **filters).items] for c in cursors]
    assert by_cursor == expected
    # Following next_cursor from the first page walks the same rows.
    walked: list[list[str]] = []
    cursor: int | None = None
    while True:
        page = search_cases(many_cases, query, after=cursor, limit=4, **filters)
        if page.items:
            walked.append([i.uuid for i in page.items])
        if page.next_cursor is None:
            assert not page.has_more
            break
        cursor = page.next_cursor
    assert walked == expected


def test_page_cursors_continue_in_steps(many_cases: sqlite_utils.Database) -> None:
    whole = page_cursors(many_cases, page_size=3)
    assert len(whole) == 8  # 23 rows in pages of 3
    first = page_cursors(many_cases, page_size=3, limit=3)
    rest = page_cursors(many_cases, page_size=3, following=first[-1], limit=3)
    last = page_cursors(many_cases, page_size=3, following=rest[-1])
    assert first + rest + last == whole
    assert page_cursors(many_cases, page_size=3, following=whole[-1]) == []
    # After a first page read by itself, the cursors of the pages below it.
    top = search_cases(many_cases, limit=3)
    assert page_cursors(many_cases, page_size=3, after=top.next_cursor) == whole[1:]
    assert page_cursors(many_cases, page_size=3, limit=0) == []


def test_pages_by_cursor_stay_put_when_cases_are_added(
        many_cases: sqlite_utils.Database) -> None:
    cursors = page_cursors(many_cases, page_size=5)
    before = [[i.uuid for i in search_cases(many_cases, after=c, limit=5).items]
              for c in cursors]
    added = create_case(many_cases, user="clerk2", category_id="own_home", **PACK,
                        applicant={"name": "新来", "id_number": new_id_number(),
                                   "hukou_address": "山东省聊城市东昌府区新区1号"},
                        voluntary_request=True)
    after = [[i.uuid for i in search_cases(many_cases, after=c, limit=5).items]
             for c in cursors]
    assert after == before  # by OFFSET every page would have moved down one row
    assert search_cases(many_cases, limit=5).items[0].uuid == added.uuid
    shifted = search_cases(many_cases, offset=5, limit=5).items
    assert [i.uuid for i in shifted] != before[1]
