"""Errors about a whole file; str(err) is one line the user can act on."""

from __future__ import annotations

from pathlib import Path

from leadboard.domain.text import printable
from leadboard.domain.validation import ValidationError


class FileError(ValidationError):
    """The file cannot be imported or written at all (not a single bad row: those are reported)."""


class RowError(ValueError):
    """One row cannot be imported; str(err) is the reason shown beside its row number."""


def shown_path(path: Path) -> str:
    """A path made safe to quote in a one-line message."""
    return printable(str(path))[:200]
