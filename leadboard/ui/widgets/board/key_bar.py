"""KeyBar: the board's keys on one line, drawn once (Footer rebuilds on each focus move)."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static


def key_label(binding: Binding) -> str:
    """What to print for a binding's key: its display, else its first key."""
    return binding.key_display or binding.key.split(",")[0]


def key_bar_content(bindings: list[BindingType]) -> Content:
    """'c Log  a Add ...' with each key in reverse video (readable without colour).

    Only bindings with show=True: they must fit 80 columns; `?` lists the rest.
    """
    parts: list[tuple[str, str] | str] = [" "]
    shown = [b for b in bindings if isinstance(b, Binding) and b.show and b.description]
    for binding in shown:
        parts.extend([(key_label(binding), "bold reverse"), f" {binding.description}  "])
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
