"""How the command line prints leads and contacts: readable tables, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from pendulum import DateTime

from leadboard.domain.dates import format_local, humanize_ago, humanize_due, iso_local
from leadboard.domain.followup import is_due_today, is_overdue, sequence_label
from leadboard.domain.model import Contact, Lead
from leadboard.domain.text import cell_width, fit_width, printable

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
)
"""JSON and CSV keys of a lead, in order; scripts rely on them: add freely, never rename."""

CONTACT_KEYS = ("id", "at", "channel", "direction", "outcome", "note", "next_step", "next_due")


def _iso(moment: DateTime | None, tz: str) -> str | None:
    return None if moment is None else iso_local(moment, tz)


def lead_json(lead: Lead, now: DateTime, tz: str) -> dict[str, Any]:
    """A lead as the JSON object of PRODUCT.md section 4."""
    return {
        "id": lead.id,
        "name": lead.name,
        "company": lead.company,
        "title": lead.title,
        "email": lead.email,
        "phone": lead.phone,
        "temperature": lead.temperature.value,
        "status": lead.status.value,
        "source": lead.source.value if lead.source else None,
        "referred_by": lead.referred_by,
        "preferred_channel": lead.preferred_channel.value if lead.preferred_channel else None,
        "fit": lead.fit,
        "interest": lead.interest,
        "readiness": lead.readiness,
        "score": lead.score,
        "next_step": lead.next_step,
        "next_due": _iso(lead.next_due, tz),
        "promised": lead.promised,
        "overdue": is_overdue(lead.next_due, now),
        "due_today": is_due_today(lead.next_due, now, tz),
        "sequence_step": lead.sequence_step,
        "sequence_label": sequence_label(lead.sequence_step),
        "last_contact": _iso(lead.last_contact, tz),
        "created_at": _iso(lead.created_at, tz),
        "updated_at": _iso(lead.updated_at, tz),
        "notes": lead.notes,
        "owner": lead.owner,
        "lost_reason": lead.lost_reason,
        "won_at": _iso(lead.won_at, tz),
        "lost_at": _iso(lead.lost_at, tz),
        "inactive_at": _iso(lead.inactive_at, tz),
    }


def contact_json(contact: Contact, tz: str) -> dict[str, Any]:
    """A contact as the JSON object of PRODUCT.md section 4."""
    return {
        "id": contact.id,
        "at": iso_local(contact.at, tz),
        "channel": contact.channel.value,
        "direction": contact.direction.value,
        "outcome": contact.outcome.value,
        "note": contact.note,
        "next_step": contact.next_step,
        "next_due": _iso(contact.next_due, tz),
    }


def dumps(value: Any) -> str:
    """JSON text: UTF-8 kept readable, control characters escaped by the encoder."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def csv_text(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> str:
    """CSV with a header row; booleans as true/false, None as empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow(_csv_cell(row.get(key)) for key in keys)
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def due_words(lead: Lead, now: DateTime) -> str:
    """'3 days overdue' or 'due in 2h', or the lead's status when it is off the board."""
    if lead.next_due is None:
        return lead.status.value
    return humanize_due(lead.next_due, now)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> str:
    """Aligned columns fitted into `width`; the widest flexible column is cut first."""
    cleaned = [[printable(cell) for cell in row] for row in rows]
    widths = [cell_width(h) for h in headers]
    for row in cleaned:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell_width(cell))
    gap = 2
    while sum(widths) + gap * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= 6:
            break
        widths[widest] -= 1
    lines = ["  ".join(fit_width(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in cleaned:
        lines.append("  ".join(fit_width(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def lead_rows(leads: Sequence[Lead], now: DateTime) -> list[list[str]]:
    """Table rows for a list of leads."""
    return [
        [
            str(lead.id),
            lead.temperature.value,
            lead.name,
            lead.company,
            lead.next_step,
            due_words(lead, now),
            lead.preferred_channel.value if lead.preferred_channel else "",
            str(lead.score),
        ]
        for lead in leads
    ]


LEAD_HEADERS = ("ID", "TEMP", "NAME", "COMPANY", "NEXT STEP", "DUE", "CHANNEL", "SCORE")


def lead_detail(lead: Lead, contacts: Sequence[Contact], now: DateTime, tz: str) -> str:
    """A readable block for `show`: every field, then the history newest first."""

    def when(moment: DateTime | None) -> str:
        return "-" if moment is None else format_local(moment, tz, now=now)

    fields = [
        ("Lead", f"#{lead.id} {lead.name}"),
        ("Company", lead.company),
        ("Title", lead.title),
        ("Email", lead.email),
        ("Phone", lead.phone),
        ("Temperature", lead.temperature.value),
        ("Status", lead.status.value + (f" ({lead.lost_reason})" if lead.lost_reason else "")),
        ("Source", lead.source.value if lead.source else ""),
        ("Referred by", lead.referred_by),
        ("Channel", lead.preferred_channel.value if lead.preferred_channel else ""),
        (
            "Score",
            f"{lead.score}/9 (fit {lead.fit}, interest {lead.interest}, "
            f"readiness {lead.readiness})",
        ),
        ("Next step", lead.next_step),
        (
            "Next due",
            "-"
            if lead.next_due is None
            else f"{when(lead.next_due)} ({due_words(lead, now)})"
            + (" promised" if lead.promised else ""),
        ),
        ("Sequence", f"step {lead.sequence_step}: {sequence_label(lead.sequence_step)}"),
        ("Last contact", when(lead.last_contact)),
        ("Created", when(lead.created_at)),
        ("Notes", lead.notes),
    ]
    lines = [f"{label + ':':<14}{printable(value)}" for label, value in fields if value]
    lines.append("")
    if not contacts:
        lines.append("No contacts yet.")
        return "\n".join(lines)
    noun = "contact" if len(contacts) == 1 else "contacts"
    lines.append(f"History ({len(contacts)} {noun}, newest first):")
    for contact in contacts:
        arrow = "->" if contact.direction.value == "out" else "<-"
        line = (
            f"  {format_local(contact.at, tz, now=now)}  {arrow} {contact.channel.value:<9} "
            f"{contact.outcome.label:<15} {humanize_ago(contact.at, now)}"
        )
        lines.append(line.rstrip())
        if contact.note:
            lines.append(f"      {printable(contact.note)}")
    return "\n".join(lines)
