"""Citizen ID numbers (公民身份号码, GB 11643): the person's key (001 §三(十一))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric


class InvalidIdNumber(ValueError):
    """The text is not a valid 18-character citizen ID number; the message says why."""


@dataclass(frozen=True)
class CitizenId:
    number: str
    birth_date: dt.date
    sex: str  # "male" | "female", from the sequence digit (odd = male)
    birthplace_code: str
    birthplace: str  # province + county per the historical division list; "" if unknown

    def age_on(self, day: dt.date) -> int:
        return age_on(self.birth_date, day)

    @property
    def last6(self) -> str:
        return self.number[-6:]


def normalize_id_number(text: str) -> str:
    """Strip spaces and full-width characters the clerk may have typed; upper-case the X."""
    table = {ord("Ｘ"): "X", ord("ｘ"): "X", ord("x"): "X"}
    table.update({0xFF10 + i: str(i) for i in range(10)})
    return "".join(text.split()).translate(table)


def parse_id_number(text: str, *, today: dt.date | None = None) -> CitizenId:
    """Validate an ID number and derive birth date, sex and birthplace from it.

    Historical division codes (since abolished counties) are accepted, as the number
    stays valid for life.
    """
    number = normalize_id_number(text)
    if not number:
        raise InvalidIdNumber(
            "公民身份号码不能为空 / the ID number is empty: type all 18 characters"
        )
    if len(number) != 18:
        raise InvalidIdNumber(
            f"公民身份号码应为18位，现为{len(number)}位 / the ID number must have 18 characters, "
            f"it has {len(number)}: check for a missing or extra digit"
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidIdNumber(
            "公民身份号码前17位应为数字，末位为数字或X / the first 17 characters must be digits "
            "and the last a digit or X"
        )
    try:
        birth = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        raise InvalidIdNumber(
            f"出生日期{number[6:14]}无效 / the birth date {number[6:14]} inside the number is "
            "not a real date: check digits 7–14"
        ) from None
    if today is not None and birth > today:
        raise InvalidIdNumber(
            f"出生日期{birth.isoformat()}晚于今天 / the birth date {birth.isoformat()} is in the "
            "future"
        )
    expected = ric.calc_check_digit(number)
    if expected != number[17]:
        raise InvalidIdNumber(
            f"校验码错误：末位应为{expected} / checksum fails: with these first 17 digits the "
            f"last character would be {expected}; re-read the number from the card"
        )
    birthplace = _birthplace(number[:6], birth.year)
    if birthplace is None:
        raise InvalidIdNumber(
            f"地址码{number[:6]}不是有效的行政区划代码 / the division code {number[:6]} is not "
            "a current or historical county code: check the first six digits"
        )
    return CitizenId(
        number=number,
        birth_date=birth,
        sex="male" if int(number[16]) % 2 == 1 else "female",
        birthplace_code=number[:6],
        birthplace=birthplace,
    )


def _birthplace(code: str, birth_year: int) -> str | None:
    """Province and county of a division code, or None if no one born then can carry it.

    stdnum's own check (`ric.get_birth_place`) wants the county to exist in the birth
    year, but a number is assigned when the person is first registered: everyone born
    before 1997 in what became 东昌府区 (371502) holds a 371502 number. What cannot happen
    is a code abolished before the birth (陵县 371421 ended in 2014; no one born in 2015
    has it). Of several names a code has had, the one in force at birth is given, else
    the first one after.
    """
    known = _division(code)
    if known is None:
        return None
    province, prefecture, spans = known
    # A code abolished before the birth was never given to this person.
    names = [(start, name) for start, end, name in spans if end is None or end >= birth_year]
    if not names:
        return None
    in_force = [n for start, n in names if start is None or start <= birth_year]
    county = in_force[-1] if in_force else names[0][1]
    # 110000 is 北京市 itself: do not say it twice
    return "".join(dict.fromkeys(p for p in (province, prefecture, county) if p))


@lru_cache(maxsize=8192)
def _division(code: str) -> tuple[str, str, tuple[tuple[int | None, int | None, str], ...]] | None:
    """(province, prefecture, ((start, end, county name), ...)) of a division code.

    Cached: stdnum's lookup scans its table and costs milliseconds for some codes.
    """
    merged: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(code):
        merged.update(props)
    if "county" not in merged:
        return None
    spans: list[tuple[int | None, int | None, str]] = []
    for entry in merged["county"].split(","):
        start: int | None = None
        end: int | None = None
        name = entry
        if entry.startswith("["):
            span, name = entry[1:].split("]", 1)
            first, _, last = span.partition("-")
            start = int(first) if first else None
            end = int(last) if last else None
        spans.append((start, end, name))
    return merged.get("province", ""), merged.get("prefecture", ""), tuple(spans)


def is_valid_id_number(text: str) -> bool:
    try:
        parse_id_number(text)
    except InvalidIdNumber:
        return False
    return True


def make_id_number(division: str, birth: dt.date, sequence: int) -> str:
    """A valid number for demo data and tests: division code, birth date, 3-digit sequence."""
    body = f"{division}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on `day` (a person born on 29 Feb ages on 1 Mar in common years)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years
