"""Citizen ID numbers (GB 11643, 001 §三(十一)): checksum, birth date, sex, birthplace from
the historical division codes of stdnum.cn.ric, and age on a date (DESIGN §8)."""

from __future__ import annotations

import datetime as dt

import pytest

from hukou.domain.idnumber import (
    InvalidIdNumber,
    age_on,
    is_valid_id_number,
    make_id_number,
    normalize_id_number,
    parse_id_number,
)

# 东城区, Beijing, born 1 March 1949, sequence 002 (even: female), check character X.
SAMPLE = "11010119490301002X"


def test_a_valid_number_gives_birth_date_sex_and_birthplace() -> None:
    citizen = parse_id_number(SAMPLE)
    assert citizen.number == SAMPLE
    assert citizen.birth_date == dt.date(1949, 3, 1)
    assert citizen.sex == "female"                # 17th digit 2: even
    assert citizen.birthplace_code == "110101"
    assert citizen.birthplace == "北京市东城区"
    assert citizen.last6 == "01002X"


def test_an_odd_sequence_digit_is_male() -> None:
    number = make_id_number("430102", dt.date(1990, 7, 15), 123)
    assert parse_id_number(number).sex == "male"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("11010119490301002x", SAMPLE),
        (" 110101 19490301 002X ", SAMPLE),
        ("１１０１０１１９４９０３０１００２Ｘ", SAMPLE),     # full-width, as some IMEs type
    ],
)
def test_what_the_clerk_types_is_normalized(typed: str, number: str) -> None:
    assert normalize_id_number(typed) == number
    assert parse_id_number(typed).number == number


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("", "empty"),
        ("11010119490301001", "18 characters, it has 17"),
        ("1101011949030100123", "it has 19"),
        ("1101011949030100AX", "first 17 characters must be digits"),
        ("110101194902300010", "not a real date"),         # 30 Feb
        ("110101194903010013", "checksum fails"),
        ("999999194903010012", "division code 999999"),
    ],
)
def test_invalid_numbers_say_why(number: str, says: str) -> None:
    with pytest.raises(InvalidIdNumber, match=says):
        parse_id_number(number)
    assert not is_valid_id_number(number)


def test_a_birth_date_in_the_future_is_refused_when_today_is_given() -> None:
    number = make_id_number("110101", dt.date(2027, 1, 1), 1)
    assert parse_id_number(number).birth_date == dt.date(2027, 1, 1)
    with pytest.raises(InvalidIdNumber, match="in the future"):
        parse_id_number(number, today=dt.date(2026, 11, 22))


def test_29_february_is_a_birth_date_only_in_leap_years() -> None:
    assert parse_id_number(make_id_number("110101", dt.date(2000, 2, 29), 5)).birth_date == \
        dt.date(2000, 2, 29)
    body = "11010119990229005"
    with pytest.raises(InvalidIdNumber, match="not a real date"):
        parse_id_number(body + "0")


@pytest.mark.parametrize(
    ("division", "born", "birthplace"),
    [
        # 茌平县 (371523) became 茌平区 in 2019: the old code stays valid for life
        ("371523", dt.date(2000, 6, 1), "山东省茌平县"),
        # 东区 of Changsha (430102) was renamed 芙蓉区 in 1996: the name at birth is given
        ("430102", dt.date(1990, 6, 1), "湖南省东区"),
        ("430102", dt.date(2000, 6, 1), "湖南省芙蓉区"),
        # 聊城地区's 聊城市 (372501) existed 1983–1997
        ("372501", dt.date(1985, 6, 1), "山东省聊城市"),
    ],
)
def test_historical_division_codes_are_accepted(division: str, born: dt.date,
                                                birthplace: str) -> None:
    assert parse_id_number(make_id_number(division, born, 31)).birthplace == birthplace


def test_a_code_created_after_the_birth_is_valid() -> None:
    # Numbers are assigned at registration: someone born in 1960 in what became 东昌府区
    # (371502, created 1997) holds a 371502 number; stdnum alone rejects it.
    citizen = parse_id_number(make_id_number("371502", dt.date(1960, 5, 12), 611))
    assert citizen.birthplace == "山东省东昌府区"


def test_a_code_abolished_before_the_birth_is_refused() -> None:
    # 茌平县 ended in 2019: no one born in 2020 was given 371523
    with pytest.raises(InvalidIdNumber, match="371523"):
        parse_id_number(make_id_number("371523", dt.date(2020, 6, 1), 31))


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(2000, 2, 29), dt.date(2018, 2, 28), 17),   # a 29 Feb child turns 18 on 1 Mar
        (dt.date(2000, 2, 29), dt.date(2018, 3, 1), 18),
        (dt.date(2000, 2, 29), dt.date(2020, 2, 29), 20),
        (dt.date(2008, 11, 22), dt.date(2026, 11, 22), 18),
        (dt.date(2008, 11, 23), dt.date(2026, 11, 22), 17),
        (dt.date(2026, 11, 22), dt.date(2026, 11, 22), 0),
    ],
)
def test_age_on_a_date(birth: dt.date, day: dt.date, age: int) -> None:
    assert age_on(birth, day) == age
    assert parse_id_number(make_id_number("110101", birth, 1)).age_on(day) == age


def test_make_id_number_makes_numbers_that_parse() -> None:
    for seq in range(0, 1000, 97):
        number = make_id_number("370102", dt.date(1985, 12, 31), seq)
        assert is_valid_id_number(number)
        assert number[14:17] == f"{seq:03d}"
