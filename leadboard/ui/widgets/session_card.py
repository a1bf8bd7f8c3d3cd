"""What the session screen draws: the lead's card for this touch and the legend of every key."""

from __future__ import annotations

from pendulum import DateTime
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from leadboard.domain.dates import format_local, humanize_ago, humanize_due
from leadboard.domain.followup import is_overdue, sequence_label
from leadboard.domain.hints import Hint
from leadboard.domain.model import Contact, Lead, Outcome
from leadboard.domain.session import QUICK_OUTCOMES
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


KEYS_LEGEND = Text("\n").join(
    [
        _legend([(key, SHORT_LABELS.get(o, o.label)) for key, o in QUICK_OUTCOMES]),
        _legend(
            [
                ("c", "log"),
                ("z", "snooze"),
                ("n", "skip"),
                ("p", "back"),
                ("]", "hotter"),
                ("[", "colder"),
                ("w", "won"),
                ("x", "lost"),
                ("u", "undo"),
                ("q", "end"),
            ]
        ),
    ]
)
"""Every session key, always on screen."""


def lead_card(
    lead: Lead, contacts: list[Contact], hint: Hint | None, now: DateTime, tz: str
) -> Group:
    """Everything about the lead the rep needs for this touch, as of `now` in zone `tz`."""
    title = Text(printable(lead.name), style="bold")
    extra = " · ".join(printable(part) for part in (lead.title, lead.company) if part)
    if extra:
        title.append(f"  {extra}", style="dim")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    channel = lead.preferred_channel.value if lead.preferred_channel else "not set (call)"
    due = Text("no follow-up set")
    if lead.next_due is not None:
        late = is_overdue(lead.next_due, now)
        due = Text(humanize_due(lead.next_due, now), style="bold red" if late else "yellow")
        due.append(f"  {format_local(lead.next_due, tz, now=now)}", style="dim")
        if lead.promised:
            due.append("  promised", style="bold")
    facts.add_row("Temperature", Text(f"{lead.temperature.value}   score {lead.score}/9"))
    facts.add_row("Channel", Text(channel))
    facts.add_row("Due", due)
    facts.add_row("Next step", Text(printable(lead.next_step) or "none set: decide one now"))
    facts.add_row(
        "Sequence", Text(f"step {lead.sequence_step}: {sequence_label(lead.sequence_step)}")
    )
    reach = "  ".join(printable(part) for part in (lead.phone, lead.email) if part)
    if reach:
        facts.add_row("Reach", Text(reach))
    parts: list[RenderableType] = [title, facts]
    if hint is not None:
        keys = "y: yes" if hint.target else "i: mark inactive"
        parts.append(Text(f"\nHint: {hint.message}  ({keys}, or carry on)", style="bold"))
    parts.append(Text("\nLast contacts", style="bold underline"))
    if not contacts:
        parts.append(Text("none yet: this is the first touch", style="dim"))
    for contact in contacts:
        arrow = contact.direction.arrow
        line = Text(f"{format_local(contact.at, tz, now=now)}  {arrow} {contact.channel.value:<9}")
        line.append(f" {contact.outcome.label}", style="italic")
        line.append(f"  ({humanize_ago(contact.at, now)})", style="dim")
        parts.append(line)
        if contact.note:
            parts.append(Text("    " + clipped(contact.note, 300, mark=""), style="dim"))
    return Group(*parts)
