"""Printing: the six A4 documents the counter hands over, as PDF bytes drawn with ReportLab
and embedded TrueType CJK fonts, each with the station's name, a seal space, a serial and a
signed QR code. Never imports Qt; the GUI previews and prints these same bytes."""

from __future__ import annotations

from hukou.printing.documents import (
    BUILDERS,
    PERMIT_VALID_DAYS,
    build_document,
    check_glyphs,
    check_printable,
    collective_slip,
    one_time_notice,
    receipt,
    refusal_notice,
    registration_card,
    settlement_permit,
)
from hukou.printing.errors import PrintError
from hukou.printing.fonts import ensure_fonts, missing_glyphs
from hukou.printing.model import (
    KIND_TITLES,
    KINDS,
    PER_PERSON_KINDS,
    CaseView,
    CollectiveMembership,
    DocumentItem,
    IssueInfo,
    MissingItem,
    PersonView,
    Placement,
    ReasonItem,
    StationInfo,
)
from hukou.printing.render import (
    SETTING_ADDRESS,
    SETTING_HOURS,
    SETTING_PHONE,
    SETTING_REVIEW_BODY,
    PrintedDocument,
    load_case_view,
    preview_document,
    render_document,
)
from hukou.printing.view import case_view, cite_text

__all__ = [
    "BUILDERS",
    "KINDS",
    "KIND_TITLES",
    "PERMIT_VALID_DAYS",
    "PER_PERSON_KINDS",
    "SETTING_ADDRESS",
    "SETTING_HOURS",
    "SETTING_PHONE",
    "SETTING_REVIEW_BODY",
    "CaseView",
    "CollectiveMembership",
    "DocumentItem",
    "IssueInfo",
    "MissingItem",
    "PersonView",
    "Placement",
    "PrintError",
    "PrintedDocument",
    "ReasonItem",
    "StationInfo",
    "build_document",
    "case_view",
    "check_glyphs",
    "check_printable",
    "cite_text",
    "collective_slip",
    "ensure_fonts",
    "load_case_view",
    "missing_glyphs",
    "one_time_notice",
    "preview_document",
    "receipt",
    "refusal_notice",
    "registration_card",
    "render_document",
    "settlement_permit",
]
