"""The station's local case store: SQLite via sqlite-utils (WAL, foreign keys), named
migrations, cases with persons and documents, users, audit chain, search, outbox, backup.

Every function takes the `sqlite_utils.Database` from `open_database()` as its first
argument, so tests and threads pass their own connection.
"""

from __future__ import annotations

from hukou.store import schema as _schema  # noqa: F401  (registers the store's migrations first)
from hukou.store.audit import AuditProblem, AuditReport, verify_audit
from hukou.store.backup import (
    backup_database,
    list_backups,
    prune_backups,
    restore_database,
)
from hukou.store.cases import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    STATUS_NAMES,
    TRANSITIONS,
    AssessmentRecord,
    CaseRecord,
    DocumentRecord,
    PrintRecord,
    apply_remote_decision,
    assessment_history,
    case_snapshot,
    create_case,
    get_case,
    record_assessment,
    record_print,
    save_draft,
    transition,
)
from hukou.store.codes import EthnicGroup, ethnic_group, ethnic_groups
from hukou.store.connection import database_path, open_database
from hukou.store.errors import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    CaseNotEditable,
    DatabaseUnavailable,
    DuplicateOpenCase,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    StoreError,
    ValidationError,
)
from hukou.store.history import HistoryEntry, case_history
from hukou.store.household_register import update_collective_household
from hukou.store.households import (
    KIND_NAMES,
    CollectiveHousehold,
    HouseholdMember,
    add_collective_household,
    add_household_member,
    get_collective_household,
    list_collective_households,
    list_household_members,
)
from hukou.store.intake import Person
from hukou.store.outbox import OutboxRow, outbox_ack, outbox_count_pending, outbox_pending
from hukou.store.scans import attach_scan_file
from hukou.store.schema import HOUSEHOLD_KINDS, ROLES, STATUSES
from hukou.store.search import CaseSummary, SearchPage, count_cases, page_cursors, search_cases
from hukou.store.station import Station, get_setting, get_station, set_setting, setup_station
from hukou.store.users import (
    User,
    authenticate,
    create_user,
    disable_user,
    get_user,
    list_users,
    set_password,
    unlock_user,
)

__all__ = [
    "EDITABLE_STATUSES", "HOUSEHOLD_KINDS", "KIND_NAMES", "OPEN_STATUSES", "ROLES",
    "STATUSES", "STATUS_NAMES", "TRANSITIONS",
    "AccountDisabled", "AccountLocked", "AssessmentRecord", "AuditProblem", "AuditReport",
    "AuthenticationFailed", "CaseNotEditable", "CaseRecord", "CaseSummary",
    "CollectiveHousehold", "DatabaseUnavailable", "DocumentRecord", "DuplicateOpenCase",
    "EthnicGroup", "HistoryEntry", "HouseholdMember", "InvalidTransition", "NotFound", "OutboxRow",
    "PermissionDenied", "Person", "PrintRecord", "SearchPage", "Station", "StoreError", "User",
    "ValidationError",
    "add_collective_household", "add_household_member", "apply_remote_decision",
    "assessment_history", "attach_scan_file", "authenticate", "backup_database",
    "case_history", "case_snapshot", "count_cases", "create_case", "create_user", "database_path",
    "disable_user", "ethnic_group", "ethnic_groups", "get_case", "get_collective_household",
    "get_setting", "get_station", "get_user", "list_backups", "list_collective_households",
    "list_household_members", "list_users", "open_database", "outbox_ack",
    "outbox_count_pending", "outbox_pending", "page_cursors", "prune_backups", "record_assessment",
    "record_print", "restore_database", "save_draft", "search_cases", "set_password",
    "set_setting", "setup_station", "transition", "unlock_user", "update_collective_household",
    "verify_audit",
]
