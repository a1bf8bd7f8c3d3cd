"""The import dialog: pick a file, preview what it would do, then import it in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import ClassVar

from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    ContentSwitcher,
    DirectoryTree,
    Footer,
    Input,
    ProgressBar,
    Select,
    Static,
    Tree,
)
from textual.worker import Worker, WorkerState

from leadboard.actions.importing import apply_import, plan_import
from leadboard.files.report import Action, ImportOptions, ImportPlan, ImportReport, ImportResult
from leadboard.store.leads import LeadStore
from leadboard.ui.dialogs.import_report import error_text, preview_content, result_content
from leadboard.ui.dialogs.import_steps import (
    ALLOWED,
    DUPLICATE_OPTIONS,
    ENCODING_OPTIONS,
    HINTS,
    KIND_OPTIONS,
    Job,
    threaded,
)
from leadboard.ui.dialogs.import_tree import ImportTree, shown_path, typed_path
from leadboard.ui.widgets.forms import (
    FORMS_CSS,
    ErrorLine,
    app_currency,
    app_date_reading,
    fixed_select,
    row,
    safe,
)


class ImportScreen(ModalScreen[ImportResult | None]):
    """Pick a file, preview it, import on confirmation; dismisses with the result or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("f2", "preview", "Preview"),
        Binding("f2,enter", "confirm", "Import", key_display="f2"),
        Binding("b", "back", "Back"),
        Binding("enter,escape", "close", "Close", key_display="enter"),
    ]

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        FORMS_CSS,
        Path(__file__).with_name("import_file.tcss"),
    ]

    def __init__(self, store: LeadStore, clock: Callable[[], DateTime], start_dir: Path) -> None:
        """Import into `store`; the tree starts at `start_dir`, where typed relative paths start."""
        super().__init__()
        self.store = store
        self.clock = clock
        self.start_dir = start_dir.expanduser().resolve()
        self.step = "pick"
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self._worker: Worker[ImportReport] | None = None
        self._picked: tuple[str, Path | None] = ("", None)

    def compose(self) -> ComposeResult:
        """Three steps in one dialog: pick, preview (with the progress bar), done."""
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Import leads or a contact log"
            with ContentSwitcher(initial="pick"):
                with Vertical(id="pick"):
                    hint = "a .csv, .tsv, .txt, .xlsx or .vcf file"
                    yield row("File", Input(placeholder=hint, id="path", compact=True))
                    yield ImportTree(self.start_dir, id="tree")
                    yield row("Duplicates", self._select(DUPLICATE_OPTIONS, "on-duplicate"))
                    yield row("File holds", self._select(KIND_OPTIONS, "kind"))
                    yield row("Encoding", self._select(ENCODING_OPTIONS, "encoding"))
                with Vertical(id="preview"):
                    with Vertical(id="working"):
                        yield Static(id="working-label")
                        yield ProgressBar(show_eta=False, id="progress")
                    with VerticalScroll(id="summary-box"):
                        yield Static(id="summary")
                with VerticalScroll(id="done"):
                    yield Static(id="result")
            yield ErrorLine(id="error", classes="error")
            yield Static(HINTS["pick"], id="hint", classes="hint")
        yield Footer()

    @staticmethod
    def _select(options: list[tuple[str, str]], id: str) -> Select[str]:
        """A one-line Select that always has a value (its first option)."""
        return fixed_select(options, options[0][1], id)

    def on_mount(self) -> None:
        """Start in the path field: most reps paste or type a path."""
        self.query_one("#path", Input).focus()

    # -- steps -------------------------------------------------------------------

    def _go(self, step: str) -> None:
        """Show a step: its part of the dialog, its hint and its keys."""
        self.step = step
        part = "pick" if step == "pick" else "done" if step == "done" else "preview"
        self.query_one(ContentSwitcher).current = part
        self.query_one("#working").display = step in ("planning", "applying")
        empty = step == "preview" and not self._importable()
        self.query_one("#hint", Static).update(HINTS["empty" if empty else step])
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key works in its steps only; Import is greyed out when nothing would change."""
        steps = ALLOWED.get(action)
        if steps is None:
            return True
        if self.step not in steps:
            return False
        if action == "confirm" and not self._importable():
            return None
        return True

    def _importable(self) -> bool:
        """True when the preview would create or update something."""
        plan = self.plan
        return plan is not None and plan.counts[Action.CREATE] + plan.counts[Action.UPDATE] > 0

    def _say(self, message: str) -> None:
        """Show an error under the dialog (empty hides it)."""
        self.query_one(ErrorLine).say(message)

    # -- step 1: pick --------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted[object]) -> None:
        """Moving onto a file fills the path field, so the rep sees what enter will open."""
        path = getattr(event.node.data, "path", None)
        if isinstance(path, Path) and not event.node.allow_expand:
            self._pick(path)

    @on(DirectoryTree.FileSelected, "#tree")
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        """Enter (or a click) on a file previews it."""
        self._pick(event.path)
        self.action_preview()

    def _pick(self, path: Path) -> None:
        """Fill the path field with a file from the tree."""
        # The field shows the name cleaned of control characters; keep the real one.
        self._picked = (shown_path(path, self.start_dir), path)
        self.query_one("#path", Input).value = self._picked[0]

    @on(Input.Changed, "#path")
    def _typed(self) -> None:
        """A new path makes the last error stale."""
        self._say("")

    @on(Input.Submitted, "#path")
    def action_preview(self) -> None:
        """Read the chosen file in a worker and show what importing it would do."""
        if self.step != "pick":
            return
        text = self.query_one("#path", Input).value
        shown, picked = self._picked
        path = picked if text == shown else typed_path(text, self.start_dir)
        if path is None:
            self._say("Type a file's path, or pick one in the list.")
            return
        try:
            if path.is_dir():
                # A typed folder opens in the tree: the way to reach files outside the start.
                self.query_one(ImportTree).reroot(path)
                self.query_one(ImportTree).focus()
                return
            if not path.exists():
                self._say(f"{shown_path(path, self.start_dir)} does not exist")
                return
        except OSError as err:
            self._say(error_text(err))
            return
        options = ImportOptions(
            on_duplicate=str(self.query_one("#on-duplicate", Select).value),
            kind=str(self.query_one("#kind", Select).value),
            day_first=app_date_reading().day_first,  # G2 (issue 13): the date_order setting
            currency=app_currency(),
        )
        chosen = str(self.query_one("#encoding", Select).value)
        encoding = None if chosen == "auto" else chosen
        self._say("")
        self.plan = None
        store, now = self.store, self.clock()
        label = Content("Reading ") + safe(shown_path(path, self.start_dir)) + "…"
        self._start(
            "planning",
            label,
            lambda progress: plan_import(
                path, store, options, now=now, progress=progress, encoding=encoding
            ),
        )

    # -- the work, in a thread ----------------------------------------------------------

    def _start(
        self,
        step: str,
        label: Content,
        job: Job,
    ) -> None:
        """Run `job(progress)` in a thread worker with its own connection; the bar follows it."""
        self._go(step)
        self.query_one("#working-label", Static).update(label)
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#summary-box").focus()
        work = threaded(self.app, self.store, bar, job)
        self._worker = self.run_worker(
            work, name=step, group="import", thread=True, exclusive=True, exit_on_error=False
        )

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """The preview or the import finished: show it, or show why it failed."""
        if event.worker is not self._worker:
            return  # the tree's own loaders, or a preview the rep walked away from
        event.stop()
        if event.state is WorkerState.SUCCESS:
            report = event.worker.result
            if isinstance(report, ImportResult):
                self._show_result(report)
            elif isinstance(report, ImportPlan):
                self._show_plan(report)
        elif event.state is WorkerState.ERROR:
            assert event.worker.error is not None
            message = error_text(event.worker.error)
            if self.step == "applying":
                self._go("preview")  # the plan still stands: try again or go back
            else:
                self._go("pick")
                self.query_one("#path", Input).focus()
            self._say(message)

    # -- step 2: preview --------------------------------------------------------------

    def _show_plan(self, plan: ImportPlan) -> None:
        """Show what the import would do and wait for the rep's word."""
        self.plan = plan
        self.query_one("#summary", Static).update(preview_content(plan, self.start_dir))
        self.query_one("#summary-box", VerticalScroll).scroll_home(animate=False)
        self._go("preview")
        self.query_one("#summary-box").focus()

    def action_confirm(self) -> None:
        """Import the previewed file in one transaction, deciding each row again."""
        plan = self.plan
        if plan is None or not self._importable():
            return
        self._say("")
        store, now = self.store, self.clock()
        label = Content("Importing ") + safe(shown_path(plan.path, self.start_dir)) + "…"
        self._start(
            "applying",
            label,
            lambda progress: apply_import(store, plan, now=now, progress=progress),
        )

    def action_back(self) -> None:
        """Back to picking a file (a preview under way is dropped)."""
        if self._worker is not None and self.step == "planning":
            self._worker.cancel()
        self._worker = None
        self._say("")
        self._go("pick")
        self.query_one("#path", Input).focus()

    def action_cancel(self) -> None:
        """Close without importing anything."""
        if self._worker is not None:
            self._worker.cancel()
        self.dismiss(None)

    # -- step 3: done -------------------------------------------------------------------

    def _show_result(self, result: ImportResult) -> None:
        """Show what was imported; the board reloads once the dialog closes."""
        self.result = result
        self.query_one("#result", Static).update(result_content(result, self.start_dir))
        self._go("done")
        self.query_one("#done").focus()

    def action_close(self) -> None:
        """Close with the result, so the board reloads."""
        self.dismiss(self.result)
