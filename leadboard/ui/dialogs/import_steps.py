"""The import dialog's steps: the options it offers, the hint and keys of each step, the worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from leadboard.files.report import ImportReport
from leadboard.store.leads import LeadStore

DUPLICATE_OPTIONS = [
    ("skip: leave the lead as it is", "skip"),
    ("update it from the row", "update"),
]
KIND_OPTIONS = [
    ("auto: tell from the headers", "auto"),
    ("leads", "leads"),
    ("a contact log", "contacts"),
]
ENCODING_OPTIONS = [
    ("auto: UTF-8, or Windows-1252 if mostly not", "auto"),
    ("UTF-8", "utf-8"),
    ("Windows-1252 (Excel on Windows)", "cp1252"),
    ("Latin-1 (ISO-8859-1)", "latin-1"),
    ("UTF-16 (Excel's Unicode text)", "utf-16"),
    ("Mac Roman", "mac-roman"),
]
"""The encodings the dialog offers for a CSV; the command line's --encoding takes any."""

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
