"""KeyBar: the board's keys on one line, drawn once (Footer rebuilds on each focus move)."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from leadboard.ui.keys import own_keymap, shown_key


def key_label(binding: Binding) -> str:
    """What to print for a binding's key: its display, else its first key."""
    return binding.key_display or binding.key.split(",")[0]


def key_bar_content(
    bindings: list[BindingType], label: Callable[[Binding], str] = key_label
) -> Content:
    """'c Log  a Add ...' with each key in reverse video (readable without colour).

    Only bindings with show=True: they must fit 80 columns; `?` lists the rest.
    """
    parts: list[tuple[str, str] | str] = [" "]
    shown = [b for b in bindings if isinstance(b, Binding) and b.show and b.description]
    for binding in shown:
        parts.extend([(label(binding), "bold reverse"), f" {binding.description}  "])
    return Content.assemble(*parts)


class KeyBar(Static):
    """The main keys of a screen; `?` on the board shows them all."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, bindings: list[BindingType]) -> None:
        super().__init__(key_bar_content(bindings), markup=False)
        self.shown_bindings = bindings

    def on_mount(self) -> None:
        """The rep's own keys, when their [keys] changed any (ui/keys.py)."""
        if own_keymap(self.app):
            app = self.app
            self.update(key_bar_content(self.shown_bindings, lambda b: shown_key(app, b)))
