"""Checking what the clerk types into a case: each refusal names the field it is about."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from hukou.domain.idnumber import InvalidIdNumber, parse_id_number
from hukou.domain.names import InvalidName, validate_name
from hukou.store.codes import ethnic_group
from hukou.store.errors import ValidationError
from hukou.store.util import local_today

FAMILY_RELATIONS = ("spouse", "child", "parent", "other")
MARITAL_STATUSES = {"unmarried": "unmarried", "married": "married", "divorced": "divorced",
                    "widowed": "widowed", "未婚": "unmarried", "已婚": "married",
                    "有配偶": "married", "离婚": "divorced", "丧偶": "widowed"}
SEXES = {"male": "male", "female": "female", "男": "male", "女": "female"}
_TEXT_FIELDS = ("birthplace", "native_place", "education", "occupation", "workplace",
                "hukou_address", "moving_from")
_MAX_TEXT = 300
_KEY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,99}$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE_RE = re.compile(r"^[0-9+\- ]{0,24}$")


@dataclass
class Person:
    """The applicant or an accompanying person. There is no hukou-nature field (001 §三(九))."""

    person_id: str
    relation: str
    id_number: str | None = None
    name: str = ""
    former_name: str = ""
    sex: str | None = None
    ethnicity: str | None = None  # GB/T 3304 code, e.g. "01"
    birth_date: str | None = None  # ISO date
    birthplace: str = ""
    native_place: str = ""  # 籍贯
    education: str = ""
    marital_status: str | None = None
    occupation: str = ""
    workplace: str = ""
    phone: str = ""
    hukou_address: str = ""  # current hukou address
    moving_from: str = ""

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


PERSON_FIELDS = tuple(f.name for f in fields(Person) if f.name != "person_id")


def _date_value(value: Any, field: str, *, allow_future: bool = False) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(
                field, f"{field}：日期“{value}”无效，应为YYYY-MM-DD / {field}: {value!r} is not a "
                "valid date; write it as YYYY-MM-DD") from None
    if not allow_future and day > local_today():
        raise ValidationError(
            field, f"{field}：日期{day.isoformat()}晚于今天 / {field}: {day.isoformat()} is in "
            "the future")
    return day.isoformat()


def apply_person_changes(person: Person, changes: dict[str, Any], prefix: str) -> Person:
    """Return the person with `changes` applied and checked; raises ValidationError."""
    if not isinstance(changes, dict):
        raise ValidationError(prefix, f"{prefix}应为字段表 / {prefix} must be a mapping of fields")
    updated = replace(person)
    for key, value in changes.items():
        field = f"{prefix}.{key}"
        if key == "person_id":
            continue
        if key not in PERSON_FIELDS:
            raise ValidationError(field, f"未知字段{field} / unknown field {field}")
        if key == "relation":
            if prefix == "applicant":
                if value not in (None, "applicant"):
                    raise ValidationError(
                        field, "申请人的关系只能是本人 / the applicant's relation is 'applicant'")
                continue
            if value not in FAMILY_RELATIONS:
                raise ValidationError(
                    field, f"{field}应为{'/'.join(FAMILY_RELATIONS)}之一 / {field} must be one of "
                    f"{', '.join(FAMILY_RELATIONS)}")
            updated.relation = value
        elif key == "id_number":
            if value is None or str(value).strip() == "":
                updated.id_number = None
                continue
            try:
                citizen = parse_id_number(str(value), today=local_today())
            except InvalidIdNumber as exc:
                raise ValidationError(field, f"{field}：{exc}") from None
            updated.id_number = citizen.number
            # The number is authoritative for birth date and sex; fill them in from it.
            updated.birth_date = citizen.birth_date.isoformat()
            updated.sex = citizen.sex
            if not updated.birthplace:
                updated.birthplace = citizen.birthplace
        elif key in ("name", "former_name"):
            text = "" if value is None else str(value)
            if text.strip():
                label = "姓名" if key == "name" else "曾用名"
                try:
                    text = validate_name(text, field=f"{prefix}.{key}（{label}）")
                except InvalidName as exc:
                    raise ValidationError(field, str(exc)) from None
            setattr(updated, key, text.strip())
        elif key == "sex":
            if value in (None, ""):
                updated.sex = None
            elif value in SEXES:
                updated.sex = SEXES[value]
            else:
                raise ValidationError(field, f"{field}应为男或女 / {field} must be male or female")
        elif key == "ethnicity":
            if value in (None, ""):
                updated.ethnicity = None
            else:
                group = ethnic_group(str(value))
                if group is None:
                    raise ValidationError(
                        field, f"{field}：“{value}”不是GB/T 3304中的民族 / {field}: {value!r} is "
                        "not one of the 56 ethnic groups of GB/T 3304")
                updated.ethnicity = group.code
        elif key == "birth_date":
            updated.birth_date = _date_value(value, field)
        elif key == "marital_status":
            if value in (None, ""):
                updated.marital_status = None
            elif value in MARITAL_STATUSES:
                updated.marital_status = MARITAL_STATUSES[value]
            else:
                raise ValidationError(
                    field, f"{field}应为未婚/已婚/离婚/丧偶 / {field} must be unmarried, married, "
                    "divorced or widowed")
        elif key == "phone":
            text = "" if value is None else str(value).strip()
            if not _PHONE_RE.match(text):
                raise ValidationError(
                    field, f"{field}只能包含数字、+、- / {field} may contain digits, '+' and '-'")
            updated.phone = text
        elif key in _TEXT_FIELDS:
            text = "" if value is None else str(value).strip()
            if len(text) > _MAX_TEXT:
                raise ValidationError(field, f"{field}超过{_MAX_TEXT}字 / {field} is longer than "
                                      f"{_MAX_TEXT} characters")
            setattr(updated, key, text)
    _check_consistent(updated, changes, prefix)
    return updated


def _check_consistent(person: Person, changes: dict[str, Any], prefix: str) -> None:
    if not person.id_number or "id_number" in changes:
        return
    citizen = parse_id_number(person.id_number)
    if "birth_date" in changes and person.birth_date != citizen.birth_date.isoformat():
        raise ValidationError(
            f"{prefix}.birth_date", f"{prefix}.birth_date：出生日期与公民身份号码不符（应为"
            f"{citizen.birth_date.isoformat()}） / the birth date does not match the ID number "
            f"({citizen.birth_date.isoformat()})")
    if "sex" in changes and person.sex != citizen.sex:
        raise ValidationError(
            f"{prefix}.sex", f"{prefix}.sex：性别与公民身份号码不符 / the sex does not match the "
            "ID number (its 17th digit)")


def check_facts(changes: Any, current: dict[str, Any]) -> dict[str, Any]:
    """Merge fact changes (None removes a fact); values are bool, number, string or ISO date."""
    if not isinstance(changes, dict):
        raise ValidationError("facts", "facts应为字段表 / facts must be a mapping")
    merged = dict(current)
    for key, value in changes.items():
        field = f"facts.{key}"
        if not isinstance(key, str) or not _KEY_RE.match(key):
            raise ValidationError(field, f"事实名{key!r}无效 / the fact name {key!r} is not valid")
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dt.date):
            merged[key] = _date_value(value, field, allow_future=True)
        elif isinstance(value, bool | int | float):
            merged[key] = value
        elif isinstance(value, str):
            if _ISO_DATE_RE.match(value.strip()):
                merged[key] = _date_value(value, field, allow_future=True)
            elif len(value) > _MAX_TEXT:
                raise ValidationError(field, f"{field}过长 / {field} is too long")
            else:
                merged[key] = value
        else:
            raise ValidationError(
                field, f"{field}的值应为是/否、数字、日期或选项 / {field} must be a yes/no, a "
                "number, a date or a choice")
    return merged


def check_key(key: Any, field: str) -> str:
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise ValidationError(field, f"{field}：{key!r}不是有效的编号 / {field}: {key!r} is not a "
                              "valid id")
    return key
