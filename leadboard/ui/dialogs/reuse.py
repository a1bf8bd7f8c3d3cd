"""Dialogs built once and shown again: building one costs more than a frame, showing it does not.

Composing a dialog, mounting its widgets and styling them took 100-400 ms at each open (the lead
form has some 80 widgets), and the first open of each kind also re-parsed the whole stylesheet
and re-styled the board. A shelf keeps one of each kind installed in the app, so it is never
taken apart when it closes; `prepare` fills it for the lead at hand before it is pushed again.
`warm` reads their stylesheets once, in an idle moment after the board's first frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from textual import events
from textual.app import App
from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])

_SHELVES: WeakKeyDictionary[App[Any], dict[str, Screen[Any]]] = WeakKeyDictionary()

WARM_DELAY_SECONDS = 0.5
"""How long after the first frame the dialogs' stylesheets are read: the board's own
first reads come first, and a short-lived app (a test, a glance) never pays for them."""

WARM_GAP_SECONDS = 0.05
"""How long the stylesheets wait again while keys typed are still being handled."""


class KeptStyles:
    """Mixed into a kept screen: shown again, it is not re-styled when no style could differ.

    Textual re-applies the whole stylesheet to every widget of a screen each time it is pushed
    (30 ms for the log dialog), in case the stylesheet or theme changed while it was hidden.
    Here that happens only when one did (or the terminal's size): class and focus changes
    restyle their widgets themselves, shown or not.
    """

    _styled_for: tuple[object, ...] | None = None

    def _style_inputs(self) -> tuple[object, ...]:
        app = self.app  # type: ignore[attr-defined]
        return (app._css_update_count, app.stylesheet.rules, app.size)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Runs before Screen's own handler, which then skips the restyle when it may."""
        inputs, before = self._style_inputs(), self._styled_for
        if before is not None and inputs[1] is before[1] and inputs[::2] == before[::2]:
            event.refresh_styles = False
        self._styled_for = inputs


def still_open(screen: Screen[Any]) -> bool:
    """The app is not closing under a dialog being built ahead: its fields may be filled.

    A dialog built ahead mounts a moment later; if the rep has quit meanwhile, filling
    an Input then asks for the app's screen, and there is none any more.
    """
    app = screen.app
    return screen.is_attached and not app._exit and bool(app.screen_stack)


def _shelf(app: App[Any]) -> dict[str, Screen[Any]]:
    return _SHELVES.setdefault(app, {})


def _in_use(app: App[Any], screen: Screen[Any]) -> bool:
    """The screen is on a stack (shown, or under another dialog)."""
    return screen in app.screen_stack


def reused(app: App[Any], kind: type[S], build: Callable[[], S], prepare: Callable[[S], None]) -> S:
    """The app's dialog of `kind`, prepared; a new one (not kept) while that one is in use.

    `build` makes a dialog ready to show; `prepare` fills a kept one for this opening.
    """
    shelf = _shelf(app)
    name = f"leadboard-{kind.__name__}"
    screen = shelf.get(name)
    if screen is None:
        screen = build()
        shelf[name] = screen
        app.install_screen(screen, name)
        return screen
    if _in_use(app, screen):
        return build()  # e.g. a question asked over another question of its kind
    assert isinstance(screen, kind)
    prepare(screen)
    return screen


def warm(app: App[Any], kinds: Iterable[type[Screen[Any]]], busy: Callable[[], bool]) -> None:
    """Read every stylesheet the dialogs use, once, in an idle moment after the first frame.

    Each first open of a kind re-parsed the stylesheet and re-styled the board; here that
    happens once for all of them. The dialogs themselves are not built ahead: one being
    mounted as the rep quit raised inside Textual (ScreenStackError, NoMatches on a Select),
    and each build stalled the UI for 60-70 ms; a first open costs its build instead.
    """
    # Every kind names its sheets by absolute path (Path(__file__).with_name): no screen
    # needs building to know them.
    paths = [
        path
        for kind in kinds
        for path in (kind.CSS_PATH if isinstance(kind.CSS_PATH, list) else [kind.CSS_PATH])
        if path is not None
    ]

    def read_stylesheets() -> None:
        if app._exit:
            return  # the app is closing
        if busy():
            app.set_timer(WARM_GAP_SECONDS, read_stylesheets)
            return
        stylesheet, changed = app.stylesheet, False
        for path in paths:
            if not stylesheet.has_source(str(path), ""):
                stylesheet.read(path)
                changed = True
        if changed:
            stylesheet.reparse()
            stylesheet.update(app)

    app.set_timer(WARM_DELAY_SECONDS, read_stylesheets)
