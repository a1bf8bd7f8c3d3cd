"""What the import dialog says: the preview of an import, its result, and what stopped it."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from leadboard.domain.text import cell_width, clipped, fit_width, printable
from leadboard.domain.wording import counted, number
from leadboard.files.file_errors import FileError
from leadboard.files.report import Action, ImportReport
from leadboard.store.errors import StoreError
from leadboard.ui.dialogs.import_tree import shown_path

REJECTED_SHOWN = 10
"""Rejected rows (and warnings) listed on screen; the command line's --dry-run lists them all."""

HEADER_WIDTH = 28
"""Widest header shown in the column list, so the arrows stay on screen at 80 columns."""

KIND_WORDS = {"leads": "leads", "contacts": "a contact log"}

_COUNT_STYLES = {
    Action.CREATE: "bold $text-success",
    Action.UPDATE: "bold $text-warning",
    Action.SKIP: "bold",
    Action.REJECT: "bold $text-error",
}
_PAST = {Action.CREATE: "created", Action.UPDATE: "updated", Action.SKIP: "skipped"}


def error_text(err: BaseException) -> str:
    """One safe line about what stopped a preview or an import."""
    if isinstance(err, FileError | StoreError):
        message = str(err)
    elif isinstance(err, OSError):
        message = f"cannot read the file: {err.strerror or err}"
    else:
        # Anything else is a bug; say what it was rather than close the board.
        message = f"{type(err).__name__}: {err}"
    return clipped(message, 300, mark="")


def _line(title: str, value: Content | str) -> Content:
    """'Title     value' with the title in bold, padded so the values line up."""
    return Content.assemble((f"{title:<9}", "bold"), value)


def counts_line(report: ImportReport, *, applied: bool) -> Content:
    """'create 3 · update 0 · skip 1 · reject 2 · warn 1' (or 'created 3 · …' once applied)."""
    parts: list[Content] = []
    for action in Action:
        word = _PAST.get(action, "rejected") if applied else action.value
        parts.append(
            Content.assemble(f"{word} ", (number(report.counts[action]), _COUNT_STYLES[action]))
        )
    warned = number(report.warned_rows)
    style = "bold $text-warning" if report.warned_rows else "bold"
    parts.append(Content.assemble("warned " if applied else "warn ", (warned, style)))
    return Content(" · ").join(parts)


def rows_line(report: ImportReport) -> str:
    """'6 rows, 1 blank ignored'."""
    blank = f", {report.blank_rows:,} blank ignored" if report.blank_rows else ""
    return f"{counted(report.rows, 'row')}{blank}"


def rejected_block(report: ImportReport, title: str) -> list[Content]:
    """The first rejected rows with their numbers and reasons, and how many more there are."""
    rejected = report.rejected
    if not rejected:
        return []
    shown = rejected[:REJECTED_SHOWN]
    more = len(rejected) - len(shown)
    heading = f"{title} (first {len(shown)} of {len(rejected):,})" if more else title
    lines = [Content(""), Content.styled(heading, "bold")]
    lines.extend(
        Content.assemble((f"  row {d.row}: ", "$text-muted"), printable(d.reason)) for d in shown
    )
    if more:
        lines.append(
            Content.styled(
                f"  … and {more:,} more (leadboard import FILE --dry-run lists them all)",
                "$text-muted",
            )
        )
    return lines


def warnings_block(report: ImportReport, title: str) -> list[Content]:
    """The first warnings (an odd email, a status kept in notes, unreadable bytes), and the rest."""
    if not report.warnings:
        return []
    shown = report.warnings[:REJECTED_SHOWN]
    rows = len({row for row, _ in shown})
    more = report.warned_rows - rows
    heading = f"{title} (first {rows} of {number(report.warned_rows)} rows)" if more else title
    lines = [Content(""), Content.styled(heading, "bold")]
    lines.extend(
        Content.assemble((f"  row {row}: ", "$text-muted"), printable(what)) for row, what in shown
    )
    if more > 0:
        lines.append(
            Content.styled(
                f"  … and {counted(more, 'more row')} (leadboard import FILE --dry-run lists them)",
                "$text-muted",
            )
        )
    return lines


def date_lines(report: ImportReport) -> list[Content]:
    """How each date column was read: 'Dates    Created Date: day first (31/12/2023 seen)'."""
    return [
        _line("Dates" if index == 0 else "", Content.assemble(safe_text(header), f": {how}"))
        for index, (header, how) in enumerate(report.date_orders.items())
    ]


def safe_text(text: str) -> Content:
    """User text (a header) as it is, never read as markup."""
    return Content(printable(text))


def encoding_lines(report: ImportReport) -> list[Content]:
    """The encoding a CSV was read in, and what to do when leadboard guessed or replaced bytes."""
    source = report.source
    if source.format == "xlsx":
        return []
    lines = [_line("Encoding", source.encoding_text())]
    if source.doubtful:
        lines.append(
            Content.styled(
                f"{'':9}names look wrong? b goes back to choose another encoding", "$text-warning"
            )
        )
    return lines


def preview_content(report: ImportReport, base: Path) -> Content:
    """What an import would do: the file, how it was read, the counts, rejected rows, columns."""
    importable = report.counts[Action.CREATE] + report.counts[Action.UPDATE]
    lines = [
        _line("File", shown_path(report.path, base)),
        _line("Read as", f"{report.source.layout()}; holds {KIND_WORDS[report.kind]}"),
        *encoding_lines(report),
        _line("Rows", rows_line(report)),
        *date_lines(report),
        _line("Would", counts_line(report, applied=False)),
    ]
    if not importable:
        lines.append(
            Content.styled("Nothing to import: every row is a duplicate or rejected.", "bold")
        )
    lines.extend(rejected_block(report, "Rejected rows"))
    lines.extend(warnings_block(report, "Warnings"))
    lines += [Content(""), Content.styled("Columns", "bold")]
    headers = [printable(header) for header, _ in report.columns]
    width = min(max(map(cell_width, headers), default=0), HEADER_WIDTH)
    lines.extend(
        Content.assemble(
            f"  {fit_width(header, width)}  → ",
            (field, "$text-muted" if field == "(ignored)" else ""),
        )
        for header, (_, field) in zip(headers, report.columns, strict=True)
    )
    return Content("\n").join(lines)


def result_content(report: ImportReport, base: Path) -> Content:
    """What an import did, committed in one transaction."""
    lines = [
        _line("Imported", f"{shown_path(report.path, base)} ({KIND_WORDS[report.kind]})"),
        _line("Rows", rows_line(report)),
        _line("Done", counts_line(report, applied=True)),
    ]
    lines.extend(rejected_block(report, "Rejected rows, left out"))
    lines.extend(warnings_block(report, "Imported with warnings"))
    return Content("\n").join(lines)
