"""The printing layer's one user-fixable error type; messages are Chinese, then English."""

from __future__ import annotations


class PrintError(Exception):
    """A document cannot be printed for a reason the user can fix; the message says how."""
