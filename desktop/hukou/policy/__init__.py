"""Policy packs as data, the assessment and the lint (pure: no Qt, no database).

The public API other layers call; forms/README.md documents the pack format and what the
assessment does.
"""

from __future__ import annotations

from hukou.policy.assess import assess, required_documents, visible_facts
from hukou.policy.case import (
    Assessment,
    CaseError,
    CaseFile,
    ChecklistLine,
    FamilyMemberInput,
    PersonInput,
    load_case_file,
    parse_case,
)
from hukou.policy.lint import LintProblem, lint_pack
from hukou.policy.loader import (
    PackError,
    cached_catalogue,
    load_all_packs,
    load_catalogue,
    load_pack,
    pack_files,
)
from hukou.policy.model import Catalogue, Category, Fact, PolicyPack

__all__ = [
    "Assessment",
    "CaseError",
    "CaseFile",
    "Catalogue",
    "Category",
    "ChecklistLine",
    "Fact",
    "FamilyMemberInput",
    "LintProblem",
    "PackError",
    "PersonInput",
    "PolicyPack",
    "assess",
    "cached_catalogue",
    "lint_pack",
    "load_all_packs",
    "load_case_file",
    "load_catalogue",
    "load_pack",
    "pack_files",
    "parse_case",
    "required_documents",
    "visible_facts",
]
