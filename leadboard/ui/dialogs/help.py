"""The help dialog: every key of the board and what it does."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from leadboard.domain.text import printable
from leadboard.ui.dialogs.reuse import KeptStyles, reused
from leadboard.ui.keys import key_text

KEY_NAMES = {
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
    "colon": ":",
    "shift+left": "shift+←",
    "shift+right": "shift+→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}
"""How the help screen spells the keys Textual names in words."""


def key_names(keys: str) -> str:
    """'left,h' as '← / h' for the help screen (full_stop, a rep's key, as '.')."""
    return " / ".join(KEY_NAMES.get(key) or key_text(key) for key in keys.split(","))


class HelpScreen(KeptStyles, ModalScreen[None]):
    """A scrollable two-column table of key and description; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    CSS_PATH = Path(__file__).with_name("help.tcss")

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        """`keys` pairs a key as shown ('c', 'shift+right') with what it does."""
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        """The table in a scrolling box."""
        with VerticalScroll(id="keys") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc, q or ? closes"
            yield Static(self._table(), id="table")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the box so arrows and page keys scroll it."""
        self.query_one("#keys").focus()

    def prepare(self, keys: list[tuple[str, str]]) -> None:
        """Show these keys from the top (again, when shown once more: dialogs/reuse.py)."""
        if keys != self.keys:
            self.keys = keys
            self.query_one("#table", Static).update(self._table())
        box = self.query_one("#keys", VerticalScroll)
        box.scroll_home(animate=False, immediate=True)
        box.focus()

    def _table(self) -> Table:
        """Keys in bold on the left, descriptions wrapped on the right; all literal Text."""
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for key, description in self.keys:
            # Keys such as '[' and ']' must never be read as markup: Text keeps them literal.
            table.add_row(Text(printable(key)), Text(printable(description)))
        return table

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def show_help(app: App[Any], keys: list[tuple[str, str]]) -> None:
    """Push the help for these keys; it is built once and shown again (its table: 70 ms)."""
    app.push_screen(reused(app, HelpScreen, lambda: HelpScreen(keys), lambda s: s.prepare(keys)))
