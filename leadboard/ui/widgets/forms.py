"""Form pieces the dialogs share: safe text, labelled rows, tick box, due preview, error line."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pendulum import DateTime
from textual import events
from textual._context import active_app
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from leadboard.config import Config
from leadboard.domain.date_parsing import parse_when
from leadboard.domain.dates import (
    DateParseError,
    DateReading,
    falls_on_weekend,
    format_local,
    humanize_due,
)
from leadboard.domain.money import Currency
from leadboard.domain.sequence import FollowUpSequence
from leadboard.domain.text import printable

T = TypeVar("T")

FORMS_CSS = Path(__file__).with_name("forms.tcss")
"""The look of the rows, hints, previews, errors and buttons built here; dialogs load it."""


def safe(text: str, *, one_line: bool = True) -> Content:
    """User text as literal Content: no markup, no escapes, no control characters."""
    return Content(printable(text, one_line=one_line))


class FieldRow(HorizontalGroup):
    """A field with its label on the left; the label lights up while the field has focus."""

    # A class toggled by focus events rather than CSS :focus-within, which Textual does not
    # re-apply to the label when focus moves on, leaving a stale highlight behind.
    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        """Light the label."""
        self.add_class("-focus")

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Dim the label."""
        self.remove_class("-focus")


def fixed_select(options: list[tuple[str, T]], value: T, id: str) -> Select[T]:
    """A one-line Select that always has a value (no blank choice)."""
    return Select(options, value=value, allow_blank=False, compact=True, id=id)


def save_buttons(save: str = "Save") -> HorizontalGroup:
    """A dialog's two buttons, for the mouse: `save` (id "save") and Cancel (id "cancel")."""
    return HorizontalGroup(
        Button(save, variant="primary", id="save", compact=True),
        Button("Cancel", id="cancel", compact=True),
        classes="buttons",
    )


def row(label: str, field: Widget) -> FieldRow:
    """A labelled field row."""
    return FieldRow(Label(label, classes="field-label"), field, classes="row")


class SteadyFooter(Footer):
    """A Footer rebuilt only when the keys it would show change.

    Textual's rebuilds its keys whenever the screen's bindings may have changed: each time a
    dialog is shown again and at every Tab, a second layout and frame for the same keys.
    """

    _shown: tuple[object, ...] | None = None

    @staticmethod
    def _keys(screen: Screen[object]) -> tuple[object, ...]:
        return tuple(
            (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        """Textual's keys, noting which were shown."""
        if self._bindings_ready:
            self._shown = self._keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild only for keys that differ from those shown."""
        if self._shown is not None and self._keys(screen) == self._shown:
            return
        super().bindings_changed(screen)


def fill_input(field: Input, value: str) -> None:
    """Put `value` in a field shown again, with the cursor at its end as in a new field."""
    field.value = value
    field.cursor_position = len(value)


class TickBox(Checkbox):
    """A checkbox whose mark is blank when off, so its state reads without colour."""

    @property
    def _button(self) -> Content:
        """'▐X▌' when on, '▐ ▌' when off (Textual's own shows X either way, in another colour)."""
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            (self.BUTTON_INNER if self.value else " ", button_style),
            (self.BUTTON_RIGHT, side_style),
        )


def due_input_text(moment: DateTime | None, tz: str) -> str:
    """A moment as the rep would type it in their zone: '2026-12-07 09:00' ('' for none)."""
    if moment is None:
        return ""
    # strftime with digits only: no locale can change it, and parse_when reads it back.
    return moment.in_tz(tz).strftime("%Y-%m-%d %H:%M")


def describe_due(moment: DateTime, now: DateTime, tz: str) -> str:
    """'Mon 7 Dec 09:00 (due in 14 days)'."""
    return f"{format_local(moment, tz, now=now)} ({humanize_due(moment, now)})"


def read_due(text: str, now: DateTime, tz: str) -> DateTime | None:
    """The typed date as UTC, None when blank; raises DateParseError when unreadable."""
    if not text.strip():
        return None
    return parse_when(text, now, tz, app_date_reading())


_DEFAULTS = Config()


def app_config() -> Config:
    """The running app's settings, else the defaults (no app: a dialog tested on its own)."""
    # Read from the app, not passed in, so no dialog has to carry them to each field.
    app = active_app.get(None)
    config = getattr(getattr(app, "data", None), "config", None)
    return config if isinstance(config, Config) else _DEFAULTS


def app_sequence() -> FollowUpSequence:
    """The running app's follow-up sequence (the config's steps), else the default five."""
    return app_config().sequence


def app_currency() -> Currency:
    """The running app's currency for deal values (the config's), else the default."""
    return app_config().currency


def app_date_reading() -> DateReading:
    """The running app's date settings (date_order, default_time), else the defaults."""
    return app_config().date_reading


class ErrorLine(Static):
    """A line for what stops a save; it takes no room while there is nothing to say."""

    DEFAULT_CSS = "ErrorLine { display: none; }"

    class Said(Message):
        """The line's text changed (so its height may have): a dialog may re-fit around it."""

    def say(self, message: str) -> None:
        """Show a message, or hide the line for an empty one."""
        self.update(Content(message))
        self.display = bool(message)
        self.post_message(self.Said())


class DuePreview(Static):
    """One line under a date field saying what the typed text resolves to, or why it can't."""

    def show(
        self, text: str, now: DateTime, tz: str, blank: str, *, skip_weekends: bool = False
    ) -> None:
        """Resolve `text` and show the date, the parse error, or `blank` when it is empty.

        With `skip_weekends` a typed Saturday or Sunday is flagged: the rules move only the
        dates they pick themselves, so a typed one stays where it is.
        """
        try:
            moment = read_due(text, now, tz)
        except DateParseError as err:
            self.set_class(True, "-error")
            # The message quotes what was typed; Content keeps any brackets in it literal.
            self.update(Content(str(err)))
            return
        self.set_class(False, "-error")
        if moment is None:
            self.set_class(False, "-warning")
            self.update(Content(blank))
            return
        shown = describe_due(moment, now, tz)
        weekend = skip_weekends and falls_on_weekend(moment, tz)
        if weekend:
            shown += " · weekend, kept as typed"
        self.set_class(weekend or is_past(moment, now), "-warning")
        self.update(Content(shown))


PAST_SLACK_MINUTES = 1
"""A due moment this close behind now counts as now, not as the past ('now' typed)."""


def is_past(moment: DateTime, now: DateTime) -> bool:
    """A due moment already behind us: saving it asks first."""
    return moment < now.subtract(minutes=PAST_SLACK_MINUTES)


class FieldNote(Static):
    """A warning under a field ('needs one @'): shown while it applies, no room taken otherwise."""

    DEFAULT_CSS = "FieldNote { display: none; }"

    def say(self, message: str) -> None:
        """Show the warning, or hide the line for an empty one."""
        self.update(Content(message))
        self.display = bool(message)
