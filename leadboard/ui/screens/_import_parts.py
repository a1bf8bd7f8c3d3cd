"""Pieces of the import screen: its options, the worker body, the tree, paths, preview text."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from rich.text import Text, TextType
from textual.app import App
from textual.content import Content
from textual.widgets import DirectoryTree, ProgressBar
from textual.worker import get_current_worker

from leadboard.domain.text import cell_width, fit_width, printable
from leadboard.files.file_errors import FileError
from leadboard.files.report import Action, ImportReport
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore

SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx"})
"""Files the tree offers; any other file can still be typed in."""

REJECTED_SHOWN = 10
"""Rejected rows listed on screen; the command line's --dry-run lists them all."""

HEADER_WIDTH = 28
"""Widest header shown in the column list, so the arrows stay on screen at 80 columns."""

KIND_WORDS = {"leads": "leads", "contacts": "a contact log"}

DUPLICATE_OPTIONS = [
    ("skip: leave the lead as it is", "skip"),
    ("update it from the row", "update"),
]
KIND_OPTIONS = [
    ("auto: tell from the headers", "auto"),
    ("leads", "leads"),
    ("a contact log", "contacts"),
]

HINTS = {
    "pick": "enter previews · tab moves to the files and options · esc cancels",
    "planning": "reading the file · b goes back · esc cancels",
    "preview": "f2 or enter imports · b goes back · esc cancels: nothing is written",
    "empty": "nothing to import · b goes back · esc closes",
    "applying": "importing: all rows land, or none",
    "done": "enter or esc closes",
}
"""The line under the dialog for each step."""

ALLOWED = {
    "cancel": ("pick", "planning", "preview"),
    "preview": ("pick",),
    "confirm": ("preview",),
    "back": ("planning", "preview"),
    "close": ("done",),
}
"""The steps in which each action runs (and shows in the footer)."""

IMPORT_CSS = """
    ImportScreen { align: center middle; }
    ImportScreen > #dialog {
        width: 100; max-width: 100%; height: 100%; max-height: 40;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ImportScreen ContentSwitcher, ImportScreen #pick, ImportScreen #preview { height: 1fr; }
    ImportScreen #tree {
        height: 1fr; min-height: 4; margin: 1 0 0 0; padding: 0 1;
        border: round $panel-lighten-2; background: $surface;
    }
    ImportScreen #tree:focus { border: round $primary; }
    ImportScreen #working { height: auto; margin-bottom: 1; }
    ImportScreen #summary-box, ImportScreen #done { height: 1fr; }
    ImportScreen #hint { margin-top: 1; }
    """
"""Layout of the dialog; the screen adds the shared field styles."""


_COUNT_STYLES = {
    Action.CREATE: "bold $text-success",
    Action.UPDATE: "bold $text-warning",
    Action.SKIP: "bold",
    Action.REJECT: "bold $text-error",
}
_PAST = {Action.CREATE: "created", Action.UPDATE: "updated", Action.SKIP: "skipped"}


Job = Callable[[Callable[[int, int], None]], ImportReport]
"""A preview or an import, given the progress callback to call as it reads rows."""


class Stopped(Exception):
    """Raised from the progress callback of a cancelled worker: the work stops, rolled back."""


def threaded(
    app: App[Any], store: LeadStore, bar: ProgressBar, job: Job
) -> Callable[[], ImportReport]:
    """The body of a thread worker: `job` on the thread's own connection, the bar following it."""

    def work() -> ImportReport:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            # Raising inside the import rolls its transaction back: a cancel writes nothing.
            if worker.is_cancelled:
                raise Stopped
            app.call_from_thread(bar.update, total=total, progress=done)

        with store.own_connection():
            return job(progress)

    return work


class ImportTree(DirectoryTree):
    """Folders and importable files in a folder; names shown literally, hidden files left out."""

    # Plain marks: emoji icons take one or two cells depending on the terminal (tmux, SSH).
    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        """A tree of what is under `path` (absolute); its border names the folder."""
        super().__init__(path, id=id)
        self.show_root = False
        self.border_title = Content(printable(home_relative(path)))

    def reroot(self, path: Path) -> None:
        """Show another folder (one the rep typed)."""
        self.path = path
        self.border_title = Content(printable(home_relative(path)))

    def on_focus(self) -> None:
        """Put the cursor on the first entry: with the root hidden, none is under it at first."""
        if self.cursor_line < 0 and self.root.children:
            self.cursor_line = 0

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Directories and .csv, .tsv, .txt and .xlsx files, without hidden ones."""
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.suffix.lower() in SUFFIXES or self._safe_is_dir(path))
        ]

    def process_label(self, label: TextType) -> Text:
        """File names are user text: no escape sequences, no control characters."""
        text = label.plain if isinstance(label, Text) else str(label)
        return Text(printable(text))


def home_relative(path: Path) -> str:
    """'~/exports' for a path under the home directory, else the path as it is."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(path)


def shown_path(path: Path, base: Path) -> str:
    """A path as the rep would type it: relative to `base` when inside it, else from '~'."""
    if path != base and path.is_relative_to(base):
        return printable(str(path.relative_to(base)))
    return printable(home_relative(path))


def typed_path(text: str, base: Path) -> Path | None:
    """The file a typed or pasted path names (quotes, file:// and '~' understood); None if blank."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if text.startswith("file://"):
        text = unquote(urlparse(text).path)
    if not text:
        return None
    path = Path(text)
    with contextlib.suppress(RuntimeError):  # no home directory to expand '~' to
        path = path.expanduser()
    path = path if path.is_absolute() else base / path
    # Terminals paste a dragged file with its spaces escaped; a real name rarely has "\ ".
    if "\\ " in text and os.sep == "/" and not os.path.exists(path):
        return typed_path(text.replace("\\ ", " "), base)
    return path


def error_text(err: BaseException) -> str:
    """One safe line about what stopped a preview or an import."""
    if isinstance(err, FileError | StoreError):
        message = str(err)
    elif isinstance(err, OSError):
        message = f"cannot read the file: {err.strerror or err}"
    else:
        # Anything else is a bug; say what it was rather than close the board.
        message = f"{type(err).__name__}: {err}"
    return printable(message)[:300]


def _line(title: str, value: Content | str) -> Content:
    """'Title     value' with the title in bold, padded so the values line up."""
    return Content.assemble((f"{title:<9}", "bold"), value)


def counts_line(report: ImportReport, *, applied: bool) -> Content:
    """'create 3 · update 0 · skip 1 · reject 2' (or 'created 3 · …' once applied)."""
    parts: list[Content] = []
    for action in Action:
        word = _PAST.get(action, "rejected") if applied else action.value
        parts.append(
            Content.assemble(f"{word} ", (f"{report.counts[action]:,}", _COUNT_STYLES[action]))
        )
    return Content(" · ").join(parts)


def rows_line(report: ImportReport) -> str:
    """'6 rows, 1 blank ignored'."""
    blank = f", {report.blank_rows:,} blank ignored" if report.blank_rows else ""
    return f"{report.rows:,} row{'s' if report.rows != 1 else ''}{blank}"


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


def preview_content(report: ImportReport, base: Path) -> Content:
    """What an import would do: the file, how it was read, the counts, rejected rows, columns."""
    importable = report.counts[Action.CREATE] + report.counts[Action.UPDATE]
    lines = [
        _line("File", shown_path(report.path, base)),
        _line("Read as", f"{report.source.describe()}; holds {KIND_WORDS[report.kind]}"),
        _line("Rows", rows_line(report)),
        _line("Would", counts_line(report, applied=False)),
    ]
    if not importable:
        lines.append(
            Content.styled("Nothing to import: every row is a duplicate or rejected.", "bold")
        )
    lines.extend(rejected_block(report, "Rejected rows"))
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
    return Content("\n").join(lines)
