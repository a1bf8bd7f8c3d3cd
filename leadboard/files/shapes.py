"""The JSON shapes of PRODUCT.md section 4: a lead, a contact and the stats, as scripts see them.

Every text value passes domain.text.clean_input on its way out too, so the CLI's
JSON and CSV and the export files carry no control character even from a file
written by something other than leadboard.
"""

from __future__ import annotations

from typing import Any

from pendulum import DateTime

from leadboard.domain.conversion import Conversion
from leadboard.domain.dates import iso_local
from leadboard.domain.followup import is_due_today, is_overdue, sequence_label
from leadboard.domain.model import Contact, Lead
from leadboard.domain.money import DEFAULT_CURRENCY, Currency, decimal_text
from leadboard.domain.sequence import DEFAULT_SEQUENCE, FollowUpSequence
from leadboard.domain.stats import Moves, Stats
from leadboard.domain.text import clean_input

LEAD_KEYS = (
    "id",
    "name",
    "company",
    "title",
    "email",
    "phone",
    "temperature",
    "status",
    "source",
    "referred_by",
    "preferred_channel",
    "fit",
    "interest",
    "readiness",
    "score",
    "next_step",
    "next_due",
    "promised",
    "overdue",
    "due_today",
    "sequence_step",
    "sequence_label",
    "last_contact",
    "created_at",
    "updated_at",
    "notes",
    "owner",
    "lost_reason",
    "won_at",
    "lost_at",
    "inactive_at",
    "version",
    "value",
    "tags",
)
"""JSON and CSV keys of a lead, in order; scripts rely on them: add freely, never rename."""

CONTACT_KEYS = ("id", "at", "channel", "direction", "outcome", "note", "next_step", "next_due")
"""JSON and CSV keys of a contact, in order."""


def _iso(moment: DateTime | None, tz: str) -> str | None:
    return None if moment is None else iso_local(moment, tz)


def lead_json(
    lead: Lead,
    now: DateTime,
    tz: str,
    sequence: FollowUpSequence = DEFAULT_SEQUENCE,
    currency: Currency = DEFAULT_CURRENCY,
) -> dict[str, Any]:
    """A lead as the JSON object of PRODUCT.md section 4; its step named by `sequence`.

    `value` is a decimal string in `currency` ("42300.00": exact, never a float), or null.
    """
    return {
        "id": lead.id,
        "name": clean_input(lead.name),
        "company": clean_input(lead.company),
        "title": clean_input(lead.title),
        "email": clean_input(lead.email),
        "phone": clean_input(lead.phone),
        "temperature": lead.temperature.value,
        "status": lead.status.value,
        "source": lead.source.value if lead.source else None,
        "referred_by": clean_input(lead.referred_by),
        "preferred_channel": lead.preferred_channel.value if lead.preferred_channel else None,
        "fit": lead.fit,
        "interest": lead.interest,
        "readiness": lead.readiness,
        "score": lead.score,
        "next_step": clean_input(lead.next_step),
        "next_due": _iso(lead.next_due, tz),
        "promised": lead.promised,
        "overdue": is_overdue(lead, now, tz),
        "due_today": is_due_today(lead.next_due, now, tz),
        "sequence_step": lead.sequence_step,
        "sequence_label": sequence_label(lead.sequence_step, sequence),
        "last_contact": _iso(lead.last_contact, tz),
        "created_at": _iso(lead.created_at, tz),
        "updated_at": _iso(lead.updated_at, tz),
        "notes": clean_input(lead.notes, multiline=True),
        "owner": clean_input(lead.owner),
        "lost_reason": clean_input(lead.lost_reason),
        "won_at": _iso(lead.won_at, tz),
        "lost_at": _iso(lead.lost_at, tz),
        "inactive_at": _iso(lead.inactive_at, tz),
        "version": lead.version,
        "value": decimal_text(lead.value, currency),
        "tags": list(lead.tags),
    }


def contact_json(contact: Contact, tz: str) -> dict[str, Any]:
    """A contact as the JSON object of PRODUCT.md section 4."""
    return {
        "id": contact.id,
        "at": iso_local(contact.at, tz),
        "channel": contact.channel.value,
        "direction": contact.direction.value,
        "outcome": contact.outcome.value,
        "note": clean_input(contact.note, multiline=True),
        "next_step": clean_input(contact.next_step),
        "next_due": _iso(contact.next_due, tz),
    }


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _conversion(c: Conversion) -> dict[str, Any]:
    return {"won": c.won, "lost": c.lost, "closed": c.closed, "rate": _rate(c.rate)}


def _moves(m: Moves) -> dict[str, int]:
    return {"in_window": m.in_window, "all_time": m.all_time}


def stats_json(stats: Stats) -> dict[str, Any]:
    """The stats as one JSON object; scripts rely on its keys: add freely, never rename.

    Rates are fractions 0..1 rounded to 4 places, or null when there is nothing
    to divide by; days have one decimal; weeks are local ISO weeks named by their Monday.

    - `as_of` (ISO 8601 with offset), `timezone`, `weeks`
    - `conversion`: `overall`, `by_source` (every source, then `unknown`) and
      `by_temperature_at_creation` (cold, cool, warm, hot), each `{won, lost, closed, rate}`
    - `median_days_to_conversion`: days from created to won, median over won leads, or null
    - `channels`: every channel, `[{channel, contacts, replies, reply_rate}]`; a reply is
      an inbound contact or an outcome of replied, talked or meeting_booked
    - `touches_per_week`: oldest first, `[{week_start: "2026-11-16", touches}]`, empty weeks 0
    - `warmed`, `cooled`: temperature moves `{in_window, all_time}`
    - `overdue` (active leads past due), `followup_debt_days` (their days overdue, summed)
    - `sessions`: `{streak_weeks, this_week, total}` of ended follow-up sessions
    """
    median = stats.median_days_to_conversion
    return {
        "as_of": iso_local(stats.now, stats.tz),
        "timezone": stats.tz,
        "weeks": stats.weeks,
        "conversion": {
            "overall": _conversion(stats.overall),
            "by_source": {key: _conversion(c) for key, c in stats.by_source.items()},
            "by_temperature_at_creation": {
                t.value: _conversion(c) for t, c in stats.by_temperature.items()
            },
        },
        "median_days_to_conversion": None if median is None else round(median, 1),
        "channels": [
            {
                "channel": c.channel.value,
                "contacts": c.contacts,
                "replies": c.replies,
                "reply_rate": _rate(c.reply_rate),
            }
            for c in stats.channels
        ],
        "touches_per_week": [
            {"week_start": w.week_start.isoformat(), "touches": w.touches}
            for w in stats.touches_per_week
        ],
        "warmed": _moves(stats.warmed),
        "cooled": _moves(stats.cooled),
        "overdue": stats.overdue,
        "followup_debt_days": stats.followup_debt_days,
        "sessions": {
            "streak_weeks": stats.sessions.streak_weeks,
            "this_week": stats.sessions.this_week,
            "total": stats.sessions.total,
        },
    }
