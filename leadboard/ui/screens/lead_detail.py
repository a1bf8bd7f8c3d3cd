"""A lead's detail: every field, its score and sequence step, and its contact history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from pendulum import DateTime
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from leadboard.domain.dates import format_local, humanize_ago
from leadboard.domain.followup import due_words, is_overdue, sequence_label
from leadboard.domain.model import Contact, Direction, Lead, Status
from leadboard.domain.money import shown_value
from leadboard.domain.tags import shown_tags
from leadboard.domain.text import printable
from leadboard.domain.validation import email_problem, phone_problem
from leadboard.domain.wording import number
from leadboard.ui.dialogs.reuse import KeptStyles
from leadboard.ui.widgets.forms import SteadyFooter, app_currency, app_sequence, safe

if TYPE_CHECKING:
    from leadboard.actions.leads import LeadActions
    from leadboard.store.contact_edits import ContactEdit
    from leadboard.store.errors import StoreError
    from leadboard.ui.writes import WriteQueue


@runtime_checkable
class HistoryHost(Protocol):
    """The screen under the detail that writes its history edits (the board) and redraws."""

    actions: LeadActions
    writes: WriteQueue

    def reload(self, follow: Lead | None = None) -> None:
        """Show the board as stored now, cursor on `follow`."""

    def refresh_detail(self) -> None:
        """Show the open detail's lead as stored now."""


def direction_words(direction: Direction) -> str:
    """'-> out' or '<- in ': the arrow and the word, padded so the channels line up."""
    return f"{direction.arrow} {direction.value:<3}"


def _dash() -> Text:
    """What an empty field shows."""
    return Text("-", style="dim")


def _checked(value: str, problem: str, what: str) -> Text:
    """An email or phone, and when it looks wrong: 'does not look like an email (...)'."""
    shown = _plain(value)
    if problem:
        # Kept as given (an import may bring such values); the rep sees why it may not reach.
        shown.append(f"  does not look like {what} ({problem})", style="italic")
    return shown


class LeadDetailScreen(KeptStyles, Screen[str | None]):
    """One lead in full; dismisses None to go back.

    `c` and `e` call `choose('log' | 'edit', lead)`, which opens the dialog over the detail
    (the detail stays, and `show` brings it up to date); without `choose` they dismiss with
    'log' or 'edit'.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
        Binding("c", "choose('log')", "Log contact"),
        Binding("e", "choose('edit')", "Edit"),
        Binding("j", "scroll('down')", "Scroll down", show=False),
        Binding("k", "scroll('up')", "Scroll up", show=False),
        Binding("n", "contact(1)", "Next contact", show=False),
        Binding("p", "contact(-1)", "Previous contact", show=False),
        Binding("d", "delete_contact", "Delete contact", show=False),
        Binding("enter", "edit_contact", "Edit contact", show=False),
    ]

    CSS_PATH = Path(__file__).with_name("lead_detail.tcss")

    cursor: int | None = None
    """The highlighted contact (an index into `contacts`); None until n or p."""

    def __init__(
        self,
        lead: Lead,
        contacts: list[Contact],
        now: DateTime,
        tz: str,
        *,
        choose: Callable[[str, Lead], object] | None = None,
    ) -> None:
        """Show `lead` and `contacts` (any order; shown newest first) as of `now`, in zone `tz`."""
        super().__init__()
        self.prepare(lead, contacts, now, tz, choose=choose)

    def prepare(
        self,
        lead: Lead,
        contacts: list[Contact],
        now: DateTime,
        tz: str,
        *,
        choose: Callable[[str, Lead], object] | None = None,
    ) -> None:
        """Show `lead` from the top (again, when shown once more: see ui/dialogs/reuse.py)."""
        self.tz = tz
        self.choose = choose
        if self.is_mounted:
            self.cursor = None
            self.show(lead, contacts, now)
            self.query_one("#body", VerticalScroll).scroll_home(animate=False, immediate=True)
            self.query_one("#body").focus()
            return
        self.lead = lead
        self.contacts = sorted(contacts, key=lambda contact: contact.at, reverse=True)
        self.now = now
        self.cursor = None

    def compose(self) -> ComposeResult:
        """The title, then the fields, notes and history in one scrolling column."""
        yield Static(self._title(), id="title")
        with VerticalScroll(id="body"):
            yield Static(self._fields(), id="fields")
            yield Static("Notes", classes="heading")
            yield Static(self._notes(), id="notes")
            yield Static(self._history_heading(), id="history-heading", classes="heading")
            yield Static(self._history(), id="history")
        yield SteadyFooter()

    def show(self, lead: Lead, contacts: list[Contact], now: DateTime) -> None:
        """Bring the screen up to date (a change here or in another process); scroll kept."""
        self.lead = lead
        self.contacts = sorted(contacts, key=lambda contact: contact.at, reverse=True)
        self.now = now
        if self.cursor is not None:
            # A contact deleted here or elsewhere: the highlight stays on the same place.
            self.cursor = min(self.cursor, len(self.contacts) - 1) if self.contacts else None
        self.query_one("#title", Static).update(self._title())
        self.query_one("#fields", Static).update(self._fields())
        self.query_one("#notes", Static).update(self._notes())
        self.query_one("#history-heading", Static).update(self._history_heading())
        self.query_one("#history", Static).update(self._history())

    def _title(self) -> Content:
        """'Name · Company', literally."""
        title = safe(self.lead.name)
        if self.lead.company.strip():
            title += safe(f" · {self.lead.company}")
        return title

    def _notes(self) -> Text:
        """The notes as literal Text, or a dash."""
        notes = printable(self.lead.notes, one_line=False).strip()
        return Text(notes) if notes else _dash()

    def _history_heading(self) -> str:
        """'Contact history (1,204)'."""
        return f"Contact history ({number(len(self.contacts))})"

    def on_mount(self) -> None:
        """Focus the body so arrows and page keys scroll it."""
        self.query_one("#body").focus()

    def _when(self, moment: DateTime | None) -> Text:
        """'Mon 16 Nov 2026 09:00 (1 week ago)', or a dash."""
        if moment is None:
            return _dash()
        return Text(
            f"{format_local(moment, self.tz, now=self.now)} ({humanize_ago(moment, self.now)})"
        )

    def _due(self) -> Text:
        """The next due date, how far off it is, and whether it was promised."""
        due = self.lead.next_due
        if due is None:
            return _dash()
        words = due_words(self.lead, self.now, self.tz)
        text = f"{format_local(due, self.tz, now=self.now)} ({words})"
        if self.lead.promised:
            text += ", promised to the lead"
        return Text(text, style="bold" if is_overdue(self.lead, self.now, self.tz) else "")

    def _fields(self) -> Table:
        """Every field of the lead as a two-column table of literal Text."""
        lead = self.lead
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        status = lead.status.value
        parts = f"fit {lead.fit}, interest {lead.interest}, readiness {lead.readiness}"
        step = lead.sequence_step
        step_words = f"step {step}: {sequence_label(step, app_sequence())}"
        rows: list[tuple[str, RenderableType]] = [
            ("Temperature", Text(lead.temperature.value)),
            ("Status", Text(status)),
        ]
        closed_at = {Status.WON: lead.won_at, Status.LOST: lead.lost_at}
        if lead.status in closed_at or lead.status is Status.INACTIVE:
            when = closed_at.get(lead.status, lead.inactive_at)
            rows.append((f"{status.capitalize()} at", self._when(when)))
        if lead.status is Status.LOST or lead.lost_reason:
            rows.append(("Lost reason", _plain(lead.lost_reason)))
        rows += [
            ("Next step", _plain(lead.next_step)),
            ("Next due", self._due()),
            ("Sequence", Text(step_words)),
            ("Score", Text(f"{lead.score}/9 ({parts})")),
            ("Company", _plain(lead.company)),
            ("Title", _plain(lead.title)),
            ("Email", _checked(lead.email, email_problem(lead.email), "an email")),
            ("Phone", _checked(lead.phone, phone_problem(lead.phone), "a phone number")),
            ("Preferred", _plain(lead.preferred_channel.value if lead.preferred_channel else "")),
            ("Source", _plain(lead.source.value.replace("_", " ") if lead.source else "")),
            ("Referred by", _plain(lead.referred_by)),
            ("Owner", _plain(lead.owner)),
            ("Deal value", _plain(shown_value(lead.value, app_currency()))),
            ("Tags", _plain(shown_tags(lead.tags))),
            ("Created", self._when(lead.created_at)),
            ("Last contact", self._when(lead.last_contact)),
            ("Updated", self._when(lead.updated_at)),
        ]
        for label, value in rows:
            table.add_row(label, value)
        return table

    def _history(self) -> RenderableType:
        """Each contact: when, direction, channel and outcome, then its note wrapped below."""
        if not self.contacts:
            return Text("No contacts logged yet.", style="dim")
        entries: list[RenderableType] = []
        for index, contact in enumerate(self.contacts):
            when = format_local(contact.at, self.tz, now=self.now)
            head = Text.assemble(
                (when, "bold"),
                f" ({humanize_ago(contact.at, self.now)})",
                f"  {direction_words(contact.direction)}  {contact.channel.value}  ",
                (contact.outcome.label, "italic"),
            )
            if index == self.cursor:
                head.stylize("reverse")
            entries.append(head)
            note = printable(contact.note, one_line=False).strip()
            if note:
                # Literal Text, wrapped by Rich; wide and right-to-left text stay as typed.
                entries.append(Padding(Text(note), (0, 0, 0, 2)))
        return Group(*entries)

    def action_back(self) -> None:
        """Back to the board."""
        self.dismiss(None)

    def action_choose(self, what: str) -> None:
        """Open the log or edit dialog over the detail (or, alone, hand the choice back)."""
        if self.choose is None:
            self.dismiss(what)
        else:
            self.choose(what, self.lead)

    def action_scroll(self, direction: str) -> None:
        """Scroll the body a line (j and k, as on the board)."""
        body = self.query_one("#body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()

    # -- the history: move through it, edit or delete a contact (issue 16) -----------

    def action_contact(self, step: int) -> None:
        """Highlight the next (n) or previous (p) contact, newest first."""
        if not self.contacts:
            return
        if self.cursor is None:
            self.cursor = 0 if step > 0 else len(self.contacts) - 1
        else:
            self.cursor = max(0, min(len(self.contacts) - 1, self.cursor + step))
        history = self.query_one("#history", Static)
        history.update(self._history())
        history.scroll_visible(animate=False)

    def _chosen(self) -> tuple[HistoryHost, Contact] | None:
        """The highlighted contact and the board that writes it; None says why not."""
        host = next((s for s in self.app.screen_stack if isinstance(s, HistoryHost)), None)
        if self.cursor is None:
            self.notify("Press n or p to pick a contact first.", markup=False)
            return None
        if host is None:
            return None  # shown alone (tests, a future caller): nothing writes history
        return host, self.contacts[self.cursor]

    def action_delete_contact(self) -> None:
        """Delete the highlighted contact after asking; the lead is recomputed, u undoes."""
        chosen = self._chosen()
        if chosen is None:
            return
        host, contact = chosen
        from leadboard.ui.dialogs.confirm import ask

        when = format_local(contact.at, self.tz, now=self.now)
        question = f"Delete the {contact.outcome.label} contact of {when}?"

        def answered(yes: bool | None) -> None:
            if yes:
                lead = self.lead
                self._write(host, lambda: host.actions.delete_contact(lead, contact), "Deleted")

        self.app.push_screen(ask(self.app, question, yes="Delete", default=False), answered)

    def action_edit_contact(self) -> None:
        """Edit the highlighted contact's outcome, channel and note in a small dialog."""
        chosen = self._chosen()
        if chosen is None:
            return
        host, contact = chosen
        from leadboard.ui.dialogs.contact_edit import ContactEditScreen

        def edited(edit: ContactEdit | None) -> None:
            if edit is not None:
                lead = self.lead
                self._write(host, lambda: host.actions.edit_contact(lead, contact, edit), "Changed")

        self.app.push_screen(ContactEditScreen(self.lead.name, contact), edited)

    def _write(self, host: HistoryHost, job: Callable[[], Lead], done: str) -> None:
        """Write on the board's writer; then the board and this detail show the result."""
        from leadboard.ui.writes import Write

        def landed(lead: Lead) -> None:
            self.notify(f"{done} the contact. Press u on the board to undo.", markup=False)
            host.reload(follow=lead)
            host.refresh_detail()

        def failed(err: StoreError, dropped: int) -> None:
            from leadboard.store.errors import StaleLead

            # A stale edit's message says it all ("...; not saved").
            message = str(err) if isinstance(err, StaleLead) else f"Not saved: {err}"
            self.notify(message, severity="error", markup=False)
            host.refresh_detail()

        host.writes.submit(Write(job, landed), failed)


def _plain(text: str) -> Text:
    """A one-line field as literal Text, or a dash when empty."""
    cleaned = printable(text).strip()
    return Text(cleaned) if cleaned else _dash()
