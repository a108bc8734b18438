"""Hukou Counter (户籍窗口受理台): settlement intake for the household-registration counter."""

from __future__ import annotations

__version__ = "0.1.0"
