"""The add/edit lead form: every field a rep types, checked before anything is returned."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path, PurePath
from typing import ClassVar, TypeVar

from pendulum import DateTime
from textual import events, on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, TextArea

from leadboard.domain.dates import DateParseError
from leadboard.domain.model import SCORE_PART_MAX, Channel, Lead, LeadDraft, Source, Temperature
from leadboard.domain.scoring import SCORE_PARTS
from leadboard.domain.text import printable
from leadboard.domain.validation import (
    ONE_LINE_FIELDS,
    ValidationError,
    check_draft,
    email_problem,
    phone_problem,
)
from leadboard.store.errors import LikelyDuplicate, StaleLead, StoreError
from leadboard.ui.dialogs.deal_fields import DealFieldError, deal_rows, fill_deal, read_deal
from leadboard.ui.dialogs.reuse import still_open
from leadboard.ui.dialogs.stale_edit import ReloadsStale, field_values
from leadboard.ui.widgets.forms import (
    FORMS_CSS,
    DuePreview,
    ErrorLine,
    FieldNote,
    SteadyFooter,
    TickBox,
    app_currency,
    describe_due,
    fill_input,
    is_past,
    read_due,
    row,
    safe,
)
from leadboard.ui.writes import Saver

E = TypeVar("E", bound=StrEnum)

TEXT_FIELDS = (
    ("name", "Name *"),
    ("company", "Company"),
    ("title", "Title"),
    ("email", "Email"),
    ("phone", "Phone"),
)
"""The one-line text fields at the top of the form, by LeadDraft attribute."""

NOTED_FIELDS = ("email", "phone")
"""Fields with a warning line under them: a doubtful value is saved, but said."""

PART_OPTIONS = [(str(value), value) for value in range(SCORE_PART_MAX + 1)]

CHROME_LINES = 7
"""Lines around the scrolling fields: borders, error line, buttons and their margin, footer."""


class LeadFormScreen(ReloadsStale):
    """Add a lead (lead is None) or edit one; dismisses a checked LeadDraft, or None."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        FORMS_CSS,
        Path(__file__).with_name("lead_form.tcss"),
    ]

    def __init__(
        self,
        lead: Lead | None,
        tz: str,
        now: DateTime,
        *,
        saver: Saver[LeadDraft] | None = None,
        temperature: Temperature = Temperature.COOL,
        skip_weekends: bool = False,
        open_lead: Callable[[int], object] | None = None,
    ) -> None:
        """Prefill from `lead` when editing; `tz` is the rep's zone, `now` the base of dates.

        A new lead starts at `temperature` (the column the rep was in). `open_lead` shows a
        stored lead: offered when the new one looks like it (the saver then refuses to add it
        until the rep says "Add anyway", which sets `allow_duplicate`).
        """
        super().__init__(saver)
        self.prepare(
            lead,
            tz,
            now,
            saver=saver,
            temperature=temperature,
            skip_weekends=skip_weekends,
            open_lead=open_lead,
        )

    def prepare(
        self,
        lead: Lead | None,
        tz: str,
        now: DateTime,
        *,
        saver: Saver[LeadDraft] | None = None,
        temperature: Temperature = Temperature.COOL,
        skip_weekends: bool = False,
        open_lead: Callable[[int], object] | None = None,
    ) -> None:
        """Fill the form as new, for `lead` or a new one (see `__init__`; dialogs/reuse.py)."""
        self.lead = lead
        self.tz = tz
        self.now = now
        self.saver = saver
        self.saving = False
        self.start_temperature = temperature
        self.skip_weekends = skip_weekends
        self.open_lead = open_lead
        self.allow_duplicate = False
        """True once the rep chose to add a likely duplicate anyway."""
        self._draft: LeadDraft | None = None
        self.stale = None
        self._opened = {}
        if self.is_mounted:
            self._fill()
            self._offer_reload(None)

    def compose(self) -> ComposeResult:
        """The fields in a scrolling column, then the error line and buttons; `_fill` fills them."""
        with VerticalGroup(id="dialog"):
            with VerticalScroll(id="form"):
                for attribute, label in TEXT_FIELDS:
                    yield row(label, Input(id=attribute, compact=True))
                    if attribute in NOTED_FIELDS:
                        yield FieldNote(id=f"{attribute}-note", classes="note")
                yield row("Channel", self._choice(Channel, "channel"))
                yield row("Source", self._choice(Source, "source"))
                yield row("Referred by", Input(id="referred_by", compact=True))
                yield row("Owner", Input(placeholder="who follows it up", id="owner", compact=True))
                yield from deal_rows(app_currency())
                options = [(temp.value, temp) for temp in Temperature]
                yield row(
                    "Temperature",
                    Select(options, allow_blank=False, compact=True, id="temperature"),
                )
                yield row("Fit", self._parts())
                yield row(
                    "Next step",
                    Input(placeholder="one concrete action", id="next_step", compact=True),
                )
                yield row(
                    "Next due",
                    Input(
                        placeholder="tomorrow 3pm, +3d, fri, 24 dec 10:00", id="due", compact=True
                    ),
                )
                yield DuePreview(id="due-preview", classes="preview")
                yield row(
                    "Promised",
                    TickBox("I promised the lead this date", id="promised", compact=True),
                )
                yield row("Notes", TextArea(id="notes", compact=True))
            yield ErrorLine(id="error", classes="error")
            with HorizontalGroup(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Reload", id="reload", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Fill the fields."""
        if still_open(self):  # not when the app closes as it is built ahead (reuse.warm)
            self._fill()
            self._offer_reload(None)

    def _fill(self) -> None:
        """Every field as in a new form on `lead`; start at the name, say what blank dates mean."""
        lead = self.lead
        self.query_one("#dialog").border_title = (
            Content("Add lead") if lead is None else Content("Edit lead: ") + safe(lead.name)
        )
        for attribute in (*(name for name, _ in TEXT_FIELDS), "referred_by", "owner", "next_step"):
            value = printable(getattr(lead, attribute)) if lead else ""
            fill_input(self.query_one(f"#{attribute}", Input), value)
        fill_input(self.query_one("#due", Input), "")
        fill_deal(self, lead, app_currency())
        channel = lead.preferred_channel if lead else None
        source = lead.source if lead else None
        self.query_one("#channel", Select).value = Select.NULL if channel is None else channel
        self.query_one("#source", Select).value = Select.NULL if source is None else source
        temperature = lead.temperature if lead else self.start_temperature
        self.query_one("#temperature", Select).value = temperature
        for part in SCORE_PARTS:
            stored: int = getattr(lead, part) if lead else 0
            # Clamped: a Select refuses a value outside its options, and the form must open
            # even for a lead whose stored score part is out of range.
            self.query_one(f"#{part}", Select).value = min(max(stored, 0), SCORE_PART_MAX)
        self._part_changed()
        self.query_one("#promised", TickBox).value = lead.promised if lead else False
        notes = printable(lead.notes, one_line=False) if lead else ""
        self.query_one("#notes", TextArea).load_text(notes)
        self.query_one(ErrorLine).say("")
        self._preview()
        self._check_contacts()
        self._fit(self.size.height or self.app.size.height)
        self.query_one("#form", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.query_one("#name", Input).focus()
        self.remember_fields()
        self._opened = field_values(self)

    def on_resize(self, event: events.Resize) -> None:
        """Keep the buttons on screen when the terminal is resized."""
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """Let the fields scroll rather than push the buttons off a short screen."""
        # CSS can't say "auto, but at most what is left": a scrolling child of an auto-height
        # box never shrinks, so its cap is set from the screen height.
        error = self.query_one(ErrorLine)
        # A message of two lines takes one more: the title and buttons stay on screen.
        extra = max(0, error.outer_size.height - 1) if error.display else 0
        self.query_one("#form").styles.max_height = max(3, height - CHROME_LINES - extra)

    @on(ErrorLine.Said)
    def _error_said(self) -> None:
        """Re-fit once the error line has its height."""
        self.call_after_refresh(lambda: self._fit(self.size.height))

    @on(Input.Changed, "#email, #phone")
    def _check_contacts(self) -> None:
        """Say under the email and phone when they look wrong (they are saved anyway)."""
        for attribute, problem in (("email", email_problem), ("phone", phone_problem)):
            found = problem(self.query_one(f"#{attribute}", Input).value)
            self.query_one(f"#{attribute}-note", FieldNote).say(
                f"{found}; saved anyway" if found else ""
            )

    @staticmethod
    def _choice(kind: type[E], id: str) -> Select[E]:
        """A Select over an enum's words that may be left blank."""
        options = [(member.value.replace("_", " "), member) for member in kind]
        return Select(options, prompt="-", compact=True, id=id)

    def _parts(self) -> Widget:
        """Fit, interest and readiness side by side, 0 to 3 each, and their sum."""
        widgets: list[Widget] = []
        for index, part in enumerate(SCORE_PARTS):
            if index:
                widgets.append(Label(part))
            widgets.append(Select(PART_OPTIONS, allow_blank=False, compact=True, id=part))
        widgets.append(Label(id="score"))
        return HorizontalGroup(*widgets, id="parts")

    def _part(self, part: str) -> int:
        """One score part as chosen."""
        value = self.query_one(f"#{part}", Select).value
        return value if isinstance(value, int) else 0

    @on(Select.Changed, "#parts > Select")
    def _part_changed(self) -> None:
        """Keep the sum beside the parts: 'score 5/9'."""
        total = sum(self._part(part) for part in SCORE_PARTS)
        self.query_one("#score", Label).update(f"score {total}/9")

    def _preview(self) -> None:
        """Refresh the line under the date field."""
        if self.lead is None:
            blank = "blank: due now, a new lead is followed up at once"
        elif self.lead.next_due is None:
            blank = "blank: no due date"
        else:
            blank = "blank: keep " + describe_due(self.lead.next_due, self.now, self.tz)
        text = self.query_one("#due", Input).value
        self.query_one(DuePreview).show(
            text, self.now, self.tz, blank, skip_weekends=self.skip_weekends
        )

    def _text(self, id: str) -> str:
        """An Input's value, cleaned of control characters."""
        return printable(self.query_one(f"#{id}", Input).value)

    def _selected(self, id: str) -> object:
        """A Select's value, None when blank."""
        return self.query_one(f"#{id}", Select).selection

    def _result(self) -> LeadDraft | None:
        """Read and check the fields; on a problem show it, focus its field and return None."""
        try:
            due = read_due(self.query_one("#due", Input).value, self.now, self.tz)
        except DateParseError:
            self._fail("Fix the next due date to save.", "due")
            return None
        promised = self.query_one("#promised", TickBox).value
        has_due = due is not None or (self.lead is not None and self.lead.next_due is not None)
        if promised and not has_due:
            self._fail("Type the date you promised, or untick Promised.", "due")
            return None
        try:
            value, tags = read_deal(self, app_currency())
        except DealFieldError as err:
            self._fail(str(err), err.field)
            return None
        channel, source = self._selected("channel"), self._selected("source")
        temperature = self._selected("temperature")
        assert channel is None or isinstance(channel, Channel)
        assert source is None or isinstance(source, Source)
        assert isinstance(temperature, Temperature)
        draft = LeadDraft(
            name=self._text("name"),
            company=self._text("company"),
            title=self._text("title"),
            email=self._text("email"),
            phone=self._text("phone"),
            preferred_channel=channel,
            source=source,
            referred_by=self._text("referred_by"),
            temperature=temperature,
            fit=self._part("fit"),
            interest=self._part("interest"),
            readiness=self._part("readiness"),
            next_step=self._text("next_step"),
            next_due=due,
            promised=promised,
            notes=printable(self.query_one("#notes", TextArea).text, one_line=False).strip(),
            owner=self._text("owner"),
            value=value,
            tags=tags,
        )
        try:
            self._draft = check_draft(draft)
        except ValidationError as err:
            self._fail(str(err), _field_of(str(err)))
            return None
        return self._draft

    def _second_thought(self, result: LeadDraft) -> str | None:
        """A typed next due in the past asks before it is saved."""
        due = result.next_due
        if due is None or not is_past(due, self.now):
            return None
        return f"The next due, {describe_due(due, self.now, self.tz)}, is in the past. Save it?"

    def not_saved(self, err: StoreError, dropped: int) -> None:
        """A likely duplicate asks what to do; any other failure says why (text kept)."""
        if isinstance(err, StaleLead):
            self.refused(err)
            return
        if not isinstance(err, LikelyDuplicate) or self._draft is None:
            super().not_saved(err, dropped)
            return
        from leadboard.ui.dialogs.duplicate import ADD, OPEN, DuplicateScreen

        draft = self._draft
        twin = err.twins[0].lead_id

        def answered(answer: str | None) -> None:
            if answer == ADD:
                self.allow_duplicate = True
                self.submit(draft)
            elif answer == OPEN and self.open_lead is not None:
                self.dismiss(None)
                self.open_lead(twin)
            else:
                self.query_one("#name", Input).focus()

        who = f"{draft.name}, {draft.company}" if draft.company else draft.name
        self.app.push_screen(DuplicateScreen(who, err), answered)

    def _refresh_notes(self) -> None:
        """The lines that follow the fields: the due preview, the warnings, the score."""
        self._preview()
        self._check_contacts()
        self._part_changed()

    def _fail(self, message: str, field: str) -> None:
        """Show why the form can't be saved and put the cursor where the fix goes."""
        self.query_one(ErrorLine).say(message)
        self.query_one(f"#{field}").focus()


def _field_of(message: str) -> str:
    """The id of the field a check_draft message is about ('company is too long')."""
    for field in (*ONE_LINE_FIELDS, "notes"):
        if message.startswith(field.replace("_", " ")):
            return field
    return "name"
