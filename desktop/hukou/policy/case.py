"""The case as the assessment sees it (input) and the assessment's answer (output).

Both are plain pydantic models, so a case file (JSON) validates into CaseFile and an
Assessment dumps to JSON for the store, the printouts and headquarters.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hukou.policy.model import Outcome, Output, PlacementKind, Relation

MaritalStatus = Literal["unmarried", "married", "divorced", "widowed"]


class CaseError(ValueError):
    """A case the assessment cannot read: the message names the field and how to fix it."""

    def __init__(self, problem: str, *, field: str | None = None) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


class PersonInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    id_number: str | None = None
    birth_date: dt.date | None = None   # derived from id_number when absent
    marital_status: MaritalStatus | None = None


class FamilyMemberInput(PersonInput):
    relation: Relation
    cohabiting: bool | None = None      # 共同居住生活, where the document asks for it


class CaseFile(BaseModel):
    """One intake, as `hukou assess --case FILE.json` reads it (README: case-file format)."""

    model_config = ConfigDict(extra="forbid")

    pack: str
    area: str
    category: str
    applicant: PersonInput = Field(default_factory=PersonInput)
    voluntary_request: bool | None = None   # the applicant's own request (001 §一(二))
    facts: dict[str, bool | int | float | dt.date | str] = Field(default_factory=dict)
    documents: list[str] = Field(default_factory=list)   # catalogue ids presented
    family: list[FamilyMemberInput] = Field(default_factory=list)


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str          # rule id, or a fixed code such as "voluntary_request"
    text: str          # Chinese, for the clerk and the printouts
    cite: str
    holds: bool        # True: a condition met; False: the reason the case fails


class MissingDocument(BaseModel):
    """One line of the one-time notice: a document, or one of several alternatives."""

    model_config = ConfigDict(frozen=True)

    doc_ids: list[str]
    titles: list[str]
    one_of: bool
    cite: str
    note: str | None = None


class UnansweredFact(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    label: str


class FamilyDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int                  # position in CaseFile.family
    relation: Relation
    name: str | None
    allowed: bool
    reason: str
    cite: str | None


class PlacementOption(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: PlacementKind
    label: str
    cite: str


class FollowUpItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    cite: str


class Assessment(BaseModel):
    """What the policy allows for a case on a date, and why."""

    model_config = ConfigDict(frozen=True)

    pack_id: str
    pack_version: str
    category_id: str
    area_id: str
    assessed_on: dt.date
    outcome: Outcome
    reasons: list[Reason]
    missing: list[MissingDocument]          # ALL missing documents at once (行政许可法 §32)
    unanswered: list[UnansweredFact]        # facts the rules still need
    family: list[FamilyDecision]
    placements: list[PlacementOption]
    not_yet_until: dt.date | None           # for not_yet: the earliest date it becomes possible
    follow_ups: list[FollowUpItem]
    outputs: list[Output]                   # what the counter prints for this outcome


class ChecklistLine(BaseModel):
    """One line of the document checklist that applies to a case now (the wizard's page)."""

    model_config = ConfigDict(frozen=True)

    doc_ids: list[str]
    titles: list[str]
    one_of: bool
    cite: str
    note: str | None = None
    satisfied: bool            # one of its documents was presented
    presented: list[str]       # which of them


_CASE_HINTS = {
    "missing": "add it",
    "extra_forbidden": "remove it or check its spelling (unknown key)",
    "literal_error": "use one of the allowed values",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
    "date_parsing": "write dates as YYYY-MM-DD",
    "date_type": "write dates as YYYY-MM-DD",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "string_type": "write it in quotes",
    "list_type": "write a list: [...]",
    "dict_type": "write a mapping: {...}",
    "model_type": "write a mapping: {...}",
}


def _field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for step in loc:
        if isinstance(step, int):
            path += f"[{step}]"
        elif step in ("bool", "int", "float", "date", "str") and path.startswith("facts."):
            continue   # pydantic names the union member it tried; the clerk needs the key
        else:
            path += ("." if path else "") + str(step)
    return path or "(top level)"


def parse_case(data: Any) -> CaseFile:
    """Validate case data (a mapping, or JSON text) into a CaseFile, or raise CaseError."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise CaseError(f"JSON语法错误 / not valid JSON at line {exc.lineno}, column "
                            f"{exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise CaseError("案件文件应为JSON对象 / a case file is a JSON object with pack, area, "
                        "category, applicant, facts, documents and family")
    try:
        return CaseFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        hint = _CASE_HINTS.get(err["type"], "")
        more = f" (+{len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else ""
        msg = err["msg"].removeprefix("Value error, ")
        raise CaseError(f"案件文件字段无效 / {msg}{' — ' + hint if hint else ''}{more}",
                        field=_field_path(tuple(err["loc"]))) from None


def load_case_file(path: str | Path) -> CaseFile:
    """Read a case file (JSON, UTF-8) as `hukou assess --case` does, or raise CaseError."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseError(f"案件文件不存在 / case file {file} not found: check the path") from None
    except IsADirectoryError:
        raise CaseError(f"{file} 是目录 / {file} is a folder: name a .json file") from None
    except UnicodeDecodeError:
        raise CaseError(f"案件文件不是UTF-8编码 / {file} is not UTF-8: save it as UTF-8"
                        ) from None
    return parse_case(text)
