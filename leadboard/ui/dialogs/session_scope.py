"""Before a session: all due, hot only, hot and warm, or the N most urgent; one key each."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from leadboard.domain.model import Temperature
from leadboard.domain.session_scope import DEFAULT_LIMIT, SessionScope
from leadboard.domain.wording import number
from leadboard.ui.widgets.forms import FORMS_CSS, ErrorLine, SteadyFooter, safe

CHOICES: tuple[tuple[str, SessionScope], ...] = (
    ("a", SessionScope()),
    ("h", SessionScope(Temperature.HOT)),
    ("w", SessionScope(Temperature.WARM)),
)
"""The keys that start a session at once, and the scope each starts."""


class SessionScopeScreen(ModalScreen[SessionScope | None]):
    """Ask how much the session takes on; dismisses with the scope, or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,enter", "choose('a')", "All due", key_display="a"),
        Binding("h", "choose('h')", "Hot only"),
        Binding("w", "choose('w')", "Hot and warm"),
        Binding("n", "ask_limit", "N most urgent"),
        Binding("escape", "cancel", "Cancel"),
    ]

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        FORMS_CSS,
        Path(__file__).with_name("session_scope.tcss"),
    ]

    def __init__(self, due: Mapping[Temperature, int]) -> None:
        """`due` is how many leads per temperature are due: each choice shows what it takes."""
        super().__init__()
        self.due = dict(due)

    def compose(self) -> ComposeResult:
        """The question, one line per choice with its count, and the box for N (hidden)."""
        with VerticalGroup(id="dialog"):
            yield Static("Start a follow-up session on...", id="question")
            for key, scope in CHOICES:
                taken = number(scope.takes(self.due))
                yield Static(safe(f"{key}  {scope.words()} ({taken})"))
            total = number(SessionScope().takes(self.due))
            yield Static(safe(f"n  the N most urgent (of {total})"))
            yield Static("esc  cancel")
            limit = Input(
                placeholder=str(DEFAULT_LIMIT),
                type="integer",
                id="limit",
            )
            # Hidden and disabled until `n`: Textual focuses a hidden Input, and it took the keys.
            limit.display = False
            limit.disabled = True
            yield limit
            yield ErrorLine(id="error", classes="error")
        yield SteadyFooter()

    @property
    def asking(self) -> bool:
        """True while the box for N is open: the letters are not choices then."""
        return bool(self.query_one("#limit", Input).display)

    def action_choose(self, key: str) -> None:
        """Start on the scope of a choice's key."""
        if not self.asking:
            self.dismiss(dict(CHOICES)[key])

    def action_ask_limit(self) -> None:
        """Open the box for N, empty: enter alone takes the default."""
        box = self.query_one("#limit", Input)
        box.display = True
        box.disabled = False
        box.focus()

    @on(Input.Submitted, "#limit")
    def _limit_given(self, event: Input.Submitted) -> None:
        """Start on the N most urgent, or say why N will not do."""
        text = event.value.strip()
        if not text:
            self.dismiss(SessionScope(limit=DEFAULT_LIMIT))
            return
        if not text.isdigit() or int(text) < 1:
            self.query_one(ErrorLine).say(f"the number of leads must be 1 or more, not {text}")
            return
        self.dismiss(SessionScope(limit=int(text)))

    def action_cancel(self) -> None:
        """No session."""
        self.dismiss(None)
