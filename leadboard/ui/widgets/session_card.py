"""What the session screen draws: the lead's card for this touch and the legend of every key."""

from __future__ import annotations

from collections.abc import Callable

from pendulum import DateTime
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from leadboard.domain.dates import format_local, humanize_ago
from leadboard.domain.followup import due_words, is_overdue, sequence_label
from leadboard.domain.hints import Hint
from leadboard.domain.model import Channel, Contact, Lead, Outcome
from leadboard.domain.sequence import DEFAULT_SEQUENCE, FollowUpSequence
from leadboard.domain.session import QUICK_OUTCOMES
from leadboard.domain.templates import FilledMessage, TemplateError
from leadboard.domain.text import clipped, printable

SHORT_LABELS = {Outcome.MEETING_BOOKED: "meeting", Outcome.NOT_INTERESTED: "no interest"}
"""Shorter words where the full label would push the legend past 80 columns."""


def _legend(pairs: list[tuple[str, str]]) -> Text:
    """'k words k words' with each key in reverse video (readable without colour)."""
    line = Text(" ")
    for key, words in pairs:
        line.append(key, style="bold reverse")
        line.append(f" {words} ")
    return line


KeyLookup = Callable[[str], str]
"""A session action's name ('skip', 'no_answer') to the key shown for it ('n', '1')."""


def session_keys() -> KeyLookup:
    """The session's own keys, without the rep's [keys] (the screen passes those)."""
    from leadboard.ui.keys import key_lookup
    from leadboard.ui.screens.session import SessionScreen

    return key_lookup(None, SessionScreen.BINDINGS, "session")


def keys_legend(key: KeyLookup) -> Text:
    """Every session key but the channel's, always on screen."""
    words = [
        ("log_contact", "log"),
        ("snooze", "snooze"),
        ("skip", "skip"),
        ("back", "back"),
        ("hotter", "hotter"),
        ("colder", "colder"),
        ("won", "won"),
        ("lost", "lost"),
        ("undo", "undo"),
        ("end", "end"),
    ]
    return Text("\n").join(
        [
            _legend([(key(o.value), SHORT_LABELS.get(o, o.label)) for _, o in QUICK_OUTCOMES]),
            _legend([(key(name), shown) for name, shown in words]),
        ]
    )


def channel_legend(chosen: Channel | None, lead: Lead | None, key: KeyLookup) -> Text:
    """The third legend line: the channel the number keys log on, and how to change it."""
    preferred = lead.preferred_channel if lead is not None else None
    channel = chosen or preferred or Channel.CALL
    if chosen is not None:
        why = "for this session"
    elif preferred is not None:
        why = "their preferred"
    else:
        why = "none preferred"
    if channel is Channel.CALL:
        # quick_channel files a message left on a call as a voicemail: say so before it does.
        why += f", {key(Outcome.LEFT_MESSAGE.value)} as voicemail"
    return _legend(
        [
            (key("channel"), f"log as: {channel.value} ({why})"),
            (key("copy_message"), "copy"),
            (key("quick_entry"), "quick"),
            (key("help"), "keys"),
        ]
    )


def session_legend(chosen: Channel | None, lead: Lead | None, key: KeyLookup | None = None) -> Text:
    """Every session key, with the channel the number keys use right now."""
    key = key or session_keys()
    return Text("\n").join([keys_legend(key), channel_legend(chosen, lead, key)])


def message_lines(message: FilledMessage | TemplateError, copy_key: str = "y") -> Text:
    """The filled message as the rep will send it (literal text), or why it cannot be filled."""
    if isinstance(message, TemplateError):
        return Text(printable(str(message)), style="bold red")
    head = Text(f"step {message.step}: {message.step_name} · {message.channel.value}")
    head.append(f"   {copy_key} copies it", style="dim")
    # printable per line: the body keeps its lines, never a control character. Blank lines
    # are left out on screen (the copy keeps them): more of the message fits 80x24.
    lines = (printable(line) for line in message.text().splitlines())
    body = "\n".join(line for line in lines if line.strip())
    return Text.assemble(head, "\n", Text(body, style="italic"))


def lead_card(
    lead: Lead,
    contacts: list[Contact],
    hint: Hint | None,
    now: DateTime,
    tz: str,
    message: FilledMessage | TemplateError | None = None,
    sequence: FollowUpSequence = DEFAULT_SEQUENCE,
) -> Group:
    """Everything about the lead the rep needs for this touch, as of `now` in zone `tz`."""
    title = Text(printable(lead.name), style="bold")
    extra = " · ".join(printable(part) for part in (lead.title, lead.company) if part)
    if extra:
        # Gaps stay outside styled runs: SVG viewers drop a run's edge spaces ("PatelHead").
        title.append("  ")
        title.append(extra, style="dim")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    channel = lead.preferred_channel.value if lead.preferred_channel else "not set"
    due = Text("no follow-up set")
    if lead.next_due is not None:
        late = is_overdue(lead, now, tz)
        due = Text(due_words(lead, now, tz), style="bold red" if late else "yellow")
        due.append("  ")
        due.append(format_local(lead.next_due, tz, now=now), style="dim")
        if lead.promised:
            due.append("  ")
            due.append("promised", style="bold")
    facts.add_row("Temperature", Text(f"{lead.temperature.value}   score {lead.score}/9"))
    # Their preference, not necessarily what the keys log as (the legend says that).
    facts.add_row("Prefers", Text(channel))
    facts.add_row("Due", due)
    facts.add_row("Next step", Text(printable(lead.next_step) or "none set: decide one now"))
    step = lead.sequence_step
    facts.add_row("Sequence", Text(f"step {step}: {sequence_label(step, sequence)}"))
    reach = "  ".join(printable(part) for part in (lead.phone, lead.email) if part)
    if reach:
        facts.add_row("Reach", Text(reach))
    if message is not None:
        facts.add_row("Message", message_lines(message))
    parts: list[RenderableType] = [title, facts]
    if hint is not None:
        keys = "a: yes" if hint.target else "a: mark inactive"
        parts.append(Text(f"\nHint: {hint.message}  ({keys}, or carry on)", style="bold"))
    parts.append(Text("\nLast contacts", style="bold underline"))
    if not contacts:
        parts.append(Text("none yet: this is the first touch", style="dim"))
    for contact in contacts:
        arrow = contact.direction.arrow
        line = Text(f"{format_local(contact.at, tz, now=now)}  {arrow} {contact.channel.value:<9}")
        line.append(" ")
        line.append(contact.outcome.label, style="italic")
        line.append("  ")
        line.append(f"({humanize_ago(contact.at, now)})", style="dim")
        parts.append(line)
        if contact.note:
            parts.append(Text("    " + clipped(contact.note, 300, mark=""), style="dim"))
    return Group(*parts)
