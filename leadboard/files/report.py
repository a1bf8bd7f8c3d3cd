"""What an import did or would do: the decision for each row, the counts, and how to show them.

Plain data, shared by the import use case (leadboard.actions.importing, which
fills it), the command line and the board's import screen (which show it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from leadboard.domain.text import cell_width, clean_input, printable
from leadboard.files.file_errors import FileError
from leadboard.files.reading import SourceInfo

DETAIL_LIMIT = 1000
"""Rows listed one by one in a report besides the rejected ones (which are all listed)."""


class Action(StrEnum):
    """What happens to a row."""

    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    REJECT = "reject"


@dataclass(frozen=True)
class ImportOptions:
    """How to import: what to do with duplicates, what the file holds, whether to be strict."""

    on_duplicate: str = "skip"
    """'skip' leaves the existing lead alone; 'update' fills it from the row's non-empty cells."""
    kind: str = "auto"
    """'leads', 'contacts', or 'auto' (a date column with a channel or outcome means contacts)."""
    strict: bool = False
    """Refuse the whole file when any row is rejected."""


@dataclass(frozen=True, slots=True)
class RowDecision:
    """One row's fate: its number as the spreadsheet shows it, what happens, and why."""

    row: int
    action: Action
    label: str
    reason: str = ""
    lead_id: int | None = None
    """The lead updated or skipped, or created (known only once applied)."""


@dataclass
class ImportReport:
    """What an import did or would do: columns understood, counts, and the rows by number."""

    path: Path
    options: ImportOptions
    kind: str
    source: SourceInfo
    columns: list[tuple[str, str]]
    counts: dict[Action, int] = field(default_factory=lambda: dict.fromkeys(Action, 0))
    rows: int = 0
    blank_rows: int = 0
    decisions: list[RowDecision] = field(default_factory=list)
    """Every rejected row, and the first DETAIL_LIMIT others, in row order."""
    applied: bool = False
    warnings: list[tuple[int, str]] = field(default_factory=list)
    """(row, what) for rows read with a problem but imported (bytes that did not decode)."""
    warned_rows: int = 0
    """How many rows have a warning (`warnings` lists the first 1,000)."""
    cleaned_cells: int = 0
    """Cells of the rows read that held control characters, removed (text.clean_input)."""

    @property
    def rejected(self) -> list[RowDecision]:
        """The rejected rows, each with its reason."""
        return [d for d in self.decisions if d.action is Action.REJECT]

    @property
    def listed_all(self) -> bool:
        """True when `decisions` lists every row (not cut at DETAIL_LIMIT)."""
        return len(self.decisions) == self.rows


class ImportPlan(ImportReport):
    """A preview: what apply_import would do to the database as it is now; nothing written."""


class ImportResult(ImportReport):
    """What an applied import did, committed in one transaction."""


class ImportRefused(FileError):
    """Strict mode met rejected rows: nothing was imported; `report` lists them."""

    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message)
        self.report = report


_PAST = {
    Action.CREATE: "created",
    Action.UPDATE: "updated",
    Action.SKIP: "skipped",
    Action.REJECT: "rejected",
}


def decision_line(row: int, action: Action, label: str, reason: str) -> str:
    """'row 4: skip Jane Doe (same email as lead #12)' or 'row 5: reject: no name'."""
    if action is Action.REJECT:
        return f"row {row}: reject: {printable(reason)}"
    because = f" ({printable(reason)})" if reason else ""
    return f"row {row}: {action.value} {printable(label)}{because}"


def report_lines(report: ImportReport, dry_run: bool) -> list[str]:
    """The readable report: columns (dry run), one line per row, then the counts."""
    lines: list[str] = []
    counts = report.counts
    where = f"{printable(str(report.path))} ({report.source.describe()}, {report.kind})"
    if dry_run:
        lines.append(f"Dry run of {where}: nothing was written.")
        lines.append("Columns:")
        headers = [printable(header) for header, _ in report.columns]
        # Padded by terminal cells, so a wide (CJK) header keeps the arrows aligned.
        width = max(map(cell_width, headers), default=0)
        lines.extend(
            f"  {h}{' ' * (width - cell_width(h))}  -> {what}"
            for h, (_, what) in zip(headers, report.columns, strict=True)
        )
    rows = report.decisions if dry_run else report.rejected
    lines.extend(decision_line(d.row, d.action, d.label, d.reason) for d in rows)
    if dry_run and not report.listed_all:
        lines.append(
            f"... {report.rows - len(report.decisions):,} more rows not listed "
            "(every rejected row is)"
        )
    blank = f", {report.blank_rows:,} blank ignored" if report.blank_rows else ""
    tally = f"({report.rows:,} row{'s' if report.rows != 1 else ''}{blank})"
    if dry_run:
        said = ", ".join(f"{action.value} {counts[action]:,}" for action in Action)
        lines.append(f"Would {said} {tally}.")
    else:
        said = ", ".join(f"{_PAST[action]} {counts[action]:,}" for action in Action)
        lines.insert(0, f"Imported {where}: {said} {tally}.")
    if report.cleaned_cells:
        lines.append(cleaned_line(report.cleaned_cells, dry_run))
    return lines


def cleaned_line(cells: int, dry_run: bool) -> str:
    """The report's line for cells cleaned: 'Removed control characters (...) from 3 cells.'."""
    removed = "Would remove" if dry_run else "Removed"
    noun = "cell" if cells == 1 else "cells"
    return f"{removed} control characters (escape codes, bidi marks...) from {cells:,} {noun}."


def report_json(report: ImportReport, dry_run: bool) -> dict[str, Any]:
    """The report for scripts: counts, rejected rows, and the rows listed."""
    return {
        "file": str(report.path),
        "kind": report.kind,
        "dry_run": dry_run,
        "source": report.source.describe(),
        "columns": [{"header": clean_input(h), "field": what} for h, what in report.columns],
        "rows": report.rows,
        "blank_rows": report.blank_rows,
        "cleaned_cells": report.cleaned_cells,
        "counts": {action.value: report.counts[action] for action in Action},
        "rejected": [{"row": d.row, "reason": d.reason} for d in report.rejected],
        "decisions": [
            {
                "row": d.row,
                "action": d.action.value,
                "name": d.label,
                "reason": d.reason,
                "lead_id": d.lead_id,
            }
            for d in report.decisions
        ],
    }
