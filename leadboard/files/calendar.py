"""Upcoming follow-ups as an iCalendar file (RFC 5545) that calendar apps open.

One event per active lead, 30 minutes long, at the lead's next due moment (in
UTC; the app shows it in the reader's zone). Each event's UID is stable,
`lead-<id>@leadboard`, so importing a fresher file updates the events rather
than doubling them. An overdue follow-up is not left in the past where nobody
looks: it is placed today at 09:00 local time if that is still ahead, else at
the next quarter hour from now, and its description says since when it is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from pendulum import DateTime

from leadboard.domain.dates import DEFAULT_HOUR, format_local
from leadboard.domain.model import Lead, Temperature
from leadboard.domain.text import printable

EVENT_MINUTES = 30
PRODID = "-//leadboard//leadboard follow-ups//EN"

# RFC 5545 priority: 1 highest .. 9 lowest; hot leads first, as on the board.
_PRIORITY = {Temperature.HOT: 1, Temperature.WARM: 3, Temperature.COOL: 5, Temperature.COLD: 7}


def lead_uid(lead_id: int) -> str:
    """The stable UID of a lead's follow-up event."""
    return f"lead-{lead_id}@leadboard"


def event_start(due: DateTime, now: DateTime, tz: str) -> DateTime:
    """When the event sits: the due moment, or for an overdue one the next slot from now."""
    if due >= now:
        return due.in_tz("UTC")
    local = now.in_tz(tz)
    nine = local.start_of("day").set(hour=DEFAULT_HOUR)
    if nine > now:
        return nine.in_tz("UTC")
    quarter = local.start_of("hour").add(minutes=15 * (local.minute // 15 + 1))
    return quarter.in_tz("UTC")


def _clean(text: str) -> str:
    """User text without control characters (not allowed in iCalendar text)."""
    return printable(text).strip()


def _description(lead: Lead, now: DateTime, tz: str) -> str:
    """The event's notes: next step, how to reach the lead, and the way back to it."""
    lines = []
    if lead.next_step:
        lines.append(f"Next step: {_clean(lead.next_step)}")
    for label, value in (
        ("Company", lead.company),
        ("Phone", lead.phone),
        ("Email", lead.email),
        ("Preferred channel", lead.preferred_channel.value if lead.preferred_channel else ""),
    ):
        if value:
            lines.append(f"{label}: {_clean(value)}")
    lines.append(f"Temperature: {lead.temperature.value}; score {lead.score}/9")
    if lead.next_due is not None and lead.next_due < now:
        lines.append(f"Overdue since {format_local(lead.next_due, tz, now=now)}")
    if lead.promised:
        lines.append("This date was promised to the lead.")
    lines.append(f"leadboard lead #{lead.id} (leadboard show {lead.id})")
    return "\n".join(lines)


def follow_up_event(lead: Lead, now: DateTime, tz: str) -> icalendar.Event:
    """The event for one active lead that has a next due moment."""
    assert lead.id is not None and lead.next_due is not None
    event = icalendar.Event()
    event.add("uid", lead_uid(lead.id))
    event.add("dtstamp", now.in_tz("UTC"))
    event.add("dtstart", event_start(lead.next_due, now, tz))
    event.add("duration", timedelta(minutes=EVENT_MINUTES))
    event.add("summary", f"Follow up: {_clean(lead.name)} ({lead.temperature.value})")
    event.add("description", _description(lead, now, tz))
    event.add("categories", ["leadboard", lead.temperature.value])
    event.add("priority", _PRIORITY[lead.temperature])
    # A follow-up is a reminder, not a meeting: it should not mark the rep busy.
    event.add("transp", "TRANSPARENT")
    event.add("x-leadboard-lead-id", str(lead.id))
    return event


def follow_up_calendar(leads: Iterable[Lead], now: DateTime, tz: str) -> tuple[bytes, int]:
    """The .ics file's bytes for these leads, and how many events it holds."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "leadboard follow-ups")
    count = 0
    for lead in leads:
        if lead.id is None or lead.next_due is None:
            continue
        calendar.add_component(follow_up_event(lead, now, tz))
        count += 1
    return calendar.to_ical(), count
