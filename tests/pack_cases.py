"""What the policy-pack tests build their cases from: applicants and family members with valid
synthetic ID numbers, case files as the intake hands them to `assess`, and the parts of an
assessment the tests compare."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from hukou.domain.idnumber import make_id_number
from hukou.policy import Assessment, CaseFile
from hukou.policy.case import FamilyMemberInput, MaritalStatus, PersonInput
from hukou.policy.model import Relation

ON = dt.date(2026, 11, 22)  # "today" for every pack test

# the current registration: the household booklet, or the collective household page
BOOKLET = ["hukou_booklet", "collective_registration_page"]


def person_in(division: str, birth: dt.date, seq: int = 11, **extra: Any) -> dict[str, Any]:
    """A person's fields with a valid ID number for someone born on `birth` in `division`."""
    return {"id_number": make_id_number(division, birth, seq), **extra}


def case_file(
    pack_id: str,
    category: str,
    area: str,
    *,
    applicant: PersonInput | Mapping[str, Any],
    facts: Mapping[str, Any] | None,
    documents: Iterable[str],
    family: Iterable[FamilyMemberInput | Mapping[str, Any]] = (),
    voluntary: bool | None = True,
) -> CaseFile:
    """One intake of `pack_id`, validated as `hukou assess --case` validates a case file."""
    return CaseFile.model_validate({
        "pack": pack_id, "area": area, "category": category, "applicant": applicant,
        "voluntary_request": voluntary, "facts": dict(facts or {}),
        "documents": list(documents), "family": list(family),
    })


@dataclass(frozen=True)
class Relatives:
    """A pack's family members by relation and age on ON: `member("child", 8, seq=41)`.
    Each relation has one name; everyone has the same birthday (month, day), so an age is
    whole years on ON; `id_number(birth, seq)` gives a valid number where they were born."""

    names: Mapping[str, str]
    id_number: Callable[[dt.date, int], str]
    birthday: tuple[int, int]
    seq: int

    def __call__(
        self,
        relation: Relation,
        age: int,
        *,
        marital: MaritalStatus | None = "unmarried",
        cohabiting: bool = True,
        seq: int | None = None,
    ) -> FamilyMemberInput:
        birth = dt.date(ON.year - age, *self.birthday)
        return FamilyMemberInput(
            relation=relation,
            name=self.names[relation],
            id_number=self.id_number(birth, self.seq if seq is None else seq),
            marital_status=marital,
            cohabiting=cohabiting,
        )


def missing_ids(result: Assessment) -> list[list[str]]:
    """The one-time notice's lines, each as the catalogue ids that would satisfy it."""
    return [m.doc_ids for m in result.missing]


def failed(result: Assessment) -> dict[str, str]:
    """Each reason the case fails, with its citation."""
    return {r.code: r.cite for r in result.reasons if not r.holds}


def strings_in(value: object) -> Iterator[str]:
    """Every string in a pack's dump (dicts, lists and tuples walked), for checks on the text."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)
