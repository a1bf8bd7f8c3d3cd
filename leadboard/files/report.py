"""What an import did or would do: the decision for each row, the counts, and how to show them.

Plain data, shared by the import use case (leadboard.actions.importing, which
fills it), the command line and the board's import screen (which show it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from leadboard.domain.money import DEFAULT_CURRENCY, Currency
from leadboard.domain.text import cell_width, clean_input, printable
from leadboard.domain.wording import counted, number
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
    # G2 (issue 13, dates): the date_order setting, used where a column does not decide.
    day_first: bool = True
    """Read 4/12 as 4 December when a date column's own values leave the order open."""
    currency: Currency = DEFAULT_CURRENCY
    """The config's currency: a deal value cell is read in it (JPY has no cents)."""


@dataclass(frozen=True, slots=True)
class RowDecision:
    """One row's fate: its number as the spreadsheet shows it, what happens, and why."""

    row: int
    action: Action
    label: str
    reason: str = ""
    lead_id: int | None = None
    """The lead updated or skipped, or created (known only once applied)."""
    warnings: tuple[str, ...] = ()
    """What the row imported with that a rep should check: an odd email, a status kept in notes."""


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
    """(row, what) for rows read with a problem: bytes that did not decode, an odd email..."""
    warned_rows: int = 0
    """How many rows have a warning (`warnings` lists the first 1,000 warnings)."""
    cleaned_cells: int = 0
    """Cells of the rows read that held control characters, removed (text.clean_input)."""
    # G2 (issue 13, dates): how each date column's day/month order was chosen.
    date_orders: dict[str, str] = field(default_factory=dict)
    """Header -> 'day first (31/12/2023 seen)' or 'month first (setting)', for the preview."""

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


_PRESENT = {
    Action.CREATE: "create",
    Action.UPDATE: "update",
    Action.SKIP: "skip",
    Action.REJECT: "reject",
}


def decision_line(
    row: int, action: Action, label: str, reason: str, *, applied: bool = False
) -> str:
    """'row 4: skip Ann L.: same email as #12 Ann Lee' or 'row 5: rejected: no name'.

    A dry run says what would happen (create, skip...), an import what did
    (created, skipped...).
    """
    verb = (_PAST if applied else _PRESENT)[action]
    if action is Action.REJECT:
        return f"row {row}: {verb}: {printable(reason)}"
    because = f": {printable(reason)}" if reason else ""
    return f"row {row}: {verb} {printable(label)}{because}"


def warning_line(row: int, what: str) -> str:
    """'row 6: warning: email "not-an-email" does not look like an email; kept'."""
    return f"row {row}: warning: {printable(what)}"


def counts_text(report: ImportReport, dry_run: bool) -> str:
    """'create 3, update 0, skip 1, reject 2, warn about 1' or 'created 3, ..., warned 1'."""
    counts = report.counts
    if dry_run:
        said = [f"{_PRESENT[action]} {number(counts[action])}" for action in Action]
        return ", ".join([*said, f"warn about {number(report.warned_rows)}"])
    said = [f"{_PAST[action]} {number(counts[action])}" for action in Action]
    return ", ".join([*said, f"warned {number(report.warned_rows)}"])


def date_order_lines(report: ImportReport) -> list[str]:
    """'Dates in Created Date: day first (31/12/2023 seen)', one per date column read."""
    return [f"Dates in {printable(header)}: {how}" for header, how in report.date_orders.items()]


def report_lines(report: ImportReport, dry_run: bool) -> list[str]:
    """The readable report: columns (dry run), one line per row and its warnings, the counts."""
    lines: list[str] = []
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
    lines.extend(date_order_lines(report))
    listed: set[int] = set()
    for d in report.decisions:
        listed.add(d.row)
        lines.append(decision_line(d.row, d.action, d.label, d.reason, applied=not dry_run))
        lines.extend(warning_line(d.row, what) for what in d.warnings)
    # The header's warnings, and those of rows past the ones listed.
    lines.extend(warning_line(row, what) for row, what in report.warnings if row not in listed)
    more_warned = report.warned_rows - len({row for row, _ in report.warnings})
    if more_warned > 0:
        lines.append(f"... and {counted(more_warned, 'more row')} with warnings")
    if not report.listed_all:
        lines.append(
            f"... {number(report.rows - len(report.decisions))} more rows not listed "
            "(every rejected row is)"
        )
    blank = f", {number(report.blank_rows)} blank ignored" if report.blank_rows else ""
    tally = f"({counted(report.rows, 'row')}{blank})"
    if dry_run:
        lines.append(f"Would {counts_text(report, dry_run)} {tally}.")
    else:
        lines.insert(0, f"Imported {where}: {counts_text(report, dry_run)} {tally}.")
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
        "warned_rows": report.warned_rows,
        "date_orders": dict(report.date_orders),
        "rejected": [{"row": d.row, "reason": d.reason} for d in report.rejected],
        "decisions": [
            {
                "row": d.row,
                "action": d.action.value,
                "name": d.label,
                "reason": d.reason,
                "lead_id": d.lead_id,
                "warnings": list(d.warnings),
            }
            for d in report.decisions
        ],
    }
