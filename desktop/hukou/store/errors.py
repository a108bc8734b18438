"""The store's one family of user-fixable errors; every message is Chinese, then English."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the station's data the user can fix; the message says how."""


class DatabaseUnavailable(StoreError):
    """The database file is corrupt, locked, unreadable or from a newer version."""


class ValidationError(StoreError):
    """A value typed into a case is refused; `.field` names it (e.g. "applicant.id_number")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(StoreError):
    """No case, user or household with that key."""


class InvalidTransition(StoreError):
    """The case cannot move from its status to the one asked for."""


class CaseNotEditable(StoreError):
    """The case's status no longer allows changing its intake fields."""


class DuplicateOpenCase(StoreError):
    """A person in the case already has an open case at this station; `.case_number` says which."""

    def __init__(self, message: str, case_number: str) -> None:
        super().__init__(message)
        self.case_number = case_number


class PermissionDenied(StoreError):
    """The user's role does not allow the operation."""


class AuthenticationFailed(StoreError):
    """Wrong login or password, or the account is locked or disabled."""


class AccountLocked(AuthenticationFailed):
    """Too many wrong passwords: an administrator must unlock the account."""


class AccountDisabled(AuthenticationFailed):
    """The account was disabled by an administrator."""
