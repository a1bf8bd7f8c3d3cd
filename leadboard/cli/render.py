"""How the command line prints: lines for people, tables, JSON and CSV for scripts, the stats."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from pendulum import DateTime

from leadboard.cli.context import Context
from leadboard.domain import followup
from leadboard.domain.conversion import Conversion
from leadboard.domain.dates import format_local, humanize_ago
from leadboard.domain.followup import sequence_label
from leadboard.domain.model import Contact, Lead
from leadboard.domain.money import DEFAULT_CURRENCY, Currency, shown_value
from leadboard.domain.sequence import DEFAULT_SEQUENCE, FollowUpSequence
from leadboard.domain.stats import Stats, rate_text
from leadboard.domain.tags import shown_tags
from leadboard.domain.text import (
    BIDI_CONTROLS,
    INVISIBLE,
    LINE_BREAKS,
    REMOVED,
    cell_text,
    cell_width,
    clean_input,
    fit_width,
    printable,
)
from leadboard.domain.wording import counted, number
from leadboard.files.shapes import LEAD_KEYS, lead_json

LEAD_HEADERS = ("ID", "TEMP", "NAME", "COMPANY", "NEXT STEP", "DUE", "CHANNEL", "SCORE")


def out(text: str) -> None:
    """Print to stdout."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# json.dumps escapes C0 itself but writes DEL, C1 (U+009B is a CSI on many
# terminals), bidi controls and U+2028 raw; outside ASCII they can only be inside
# strings, where \uXXXX is the same value.
_RAW_IN_JSON = re.compile("[" + re.escape(REMOVED + LINE_BREAKS + BIDI_CONTROLS + INVISIBLE) + "]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any) -> str:
    """JSON text: UTF-8 kept readable, every control character (C0, C1, bidi) escaped."""
    return _RAW_IN_JSON.sub(_escaped, json.dumps(value, ensure_ascii=False, indent=2))


def csv_text(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> str:
    """CSV with a header row; booleans as true/false, None as empty, text cleaned."""
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
    if isinstance(value, str):
        # A CSV on stdout reaches a terminal: no escape sequence may ride in a cell.
        return clean_input(value, multiline=True)
    return value


def label(lead: Lead) -> str:
    """'#12 Jane Doe' with the name made safe for a terminal."""
    return f"#{lead.id} {printable(lead.name)}"


def due_words(lead: Lead, now: DateTime, tz: str) -> str:
    """'3 days overdue' or 'due in 2h', or the lead's status when it is off the board."""
    if lead.next_due is None:
        return lead.status.value
    return followup.due_words(lead, now, tz)


def due_phrase(ctx: Context, lead: Lead) -> str:
    """'next due Mon 30 Nov 09:00 (in 3 days)' or the status off the board."""
    if lead.next_due is None:
        return lead.status.value
    return (
        f"next due {format_local(lead.next_due, ctx.tz, now=ctx.now)} "
        f"({due_words(lead, ctx.now, ctx.tz)})"
    )


def print_lead(ctx: Context, lead: Lead, message: str) -> None:
    """Print a changed lead: a line for people, the lead for scripts."""
    if ctx.format == "json":
        out(dumps(lead_json(lead, ctx.now, ctx.tz, ctx.config.sequence, ctx.config.currency)))
    elif ctx.format == "csv":
        out(
            csv_text(
                [lead_json(lead, ctx.now, ctx.tz, ctx.config.sequence, ctx.config.currency)],
                LEAD_KEYS,
            )
        )
    else:
        out(message)


def print_leads(ctx: Context, leads: list[Lead], total: int, empty: str) -> None:
    """Print a list of leads in the chosen format, with a footer when the table was cut."""
    sequence = ctx.config.sequence
    if ctx.format == "json":
        out(
            dumps(
                [lead_json(lead, ctx.now, ctx.tz, sequence, ctx.config.currency) for lead in leads]
            )
        )
        return
    if ctx.format == "csv":
        rows = [lead_json(lead, ctx.now, ctx.tz, sequence, ctx.config.currency) for lead in leads]
        sys.stdout.write(csv_text(rows, LEAD_KEYS))
        return
    if not leads:
        out(empty)
        return
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 160
    out(table(LEAD_HEADERS, lead_rows(leads, ctx.now, ctx.tz), width))
    if total > len(leads):
        out(f"... {number(total - len(leads))} more; --limit 0 shows all")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> str:
    """Aligned columns fitted into `width`; the widest flexible column is cut first."""
    cleaned = [[cell_text(cell) for cell in row] for row in rows]
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


def lead_rows(leads: Sequence[Lead], now: DateTime, tz: str = "UTC") -> list[list[str]]:
    """Table rows for a list of leads."""
    return [
        [
            str(lead.id),
            lead.temperature.value,
            lead.name,
            lead.company,
            lead.next_step,
            due_words(lead, now, tz),
            lead.preferred_channel.value if lead.preferred_channel else "",
            str(lead.score),
        ]
        for lead in leads
    ]


def lead_detail(
    lead: Lead,
    contacts: Sequence[Contact],
    now: DateTime,
    tz: str,
    sequence: FollowUpSequence = DEFAULT_SEQUENCE,
    currency: Currency = DEFAULT_CURRENCY,
) -> str:
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
        ("Value", shown_value(lead.value, currency)),
        ("Tags", shown_tags(lead.tags)),
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
            else f"{when(lead.next_due)} ({due_words(lead, now, tz)})"
            + (" promised" if lead.promised else ""),
        ),
        ("Sequence", f"step {lead.sequence_step}: {sequence_label(lead.sequence_step, sequence)}"),
        ("Last contact", when(lead.last_contact)),
        ("Created", when(lead.created_at)),
    ]
    lines = [f"{field + ':':<14}{printable(value)}" for field, value in fields if value]
    # Notes keep their lines (an import writes one "Header: value" line per column).
    notes = [printable(line) for line in lead.notes.splitlines() if line.strip()]
    lines.extend(f"{'Notes:' if i == 0 else '':<14}{line}" for i, line in enumerate(notes))
    lines.append("")
    if not contacts:
        lines.append("No contacts yet.")
        return "\n".join(lines)
    lines.append(f"History ({counted(len(contacts), 'contact')}, newest first):")
    for contact in contacts:
        line = (
            f"  {format_local(contact.at, tz, now=now)}  {contact.direction.arrow} "
            f"{contact.channel.value:<9} {contact.outcome.label:<15} "
            f"{humanize_ago(contact.at, now)}"
        )
        lines.append(line.rstrip())
        if contact.note:
            lines.append(f"      {printable(contact.note)}")
    return "\n".join(lines)


def _columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Indented lines: the first column left-aligned, the numbers right-aligned."""
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]
    lines = []
    for row in (headers, *rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def stats_table(stats: Stats) -> str:
    """A plain-text report: every figure, numbers right-aligned, no colour."""
    when = format_local(stats.now, stats.tz)
    weeks = f"last {counted(stats.weeks, 'week')}"

    def conversion_row(group: str, c: Conversion) -> list[str]:
        return [group, number(c.won), number(c.lost), rate_text(c.rate, 1)]

    rows = [conversion_row("all leads", stats.overall)]
    rows += [
        conversion_row(f"source: {key}", c)
        for key, c in stats.by_source.items()
        if key != "unknown" or c.closed
    ]
    rows += [conversion_row(f"created {t.value}", c) for t, c in stats.by_temperature.items()]
    median = stats.median_days_to_conversion
    lines = [
        f"Stats as of {when} ({stats.tz}); weeks run Monday to Sunday",
        "",
        "Conversion (won of won + lost)",
        *_columns(("GROUP", "WON", "LOST", "RATE"), rows),
        f"Median days to conversion: {'-' if median is None else f'{median:,.1f}'}",
        "",
        "Contacts by channel (a reply: inbound, or replied, talked, meeting booked; a no is not)",
        *_columns(
            ("CHANNEL", "CONTACTS", "REPLIES", "REPLY RATE"),
            [
                [c.channel.value, number(c.contacts), number(c.replies), rate_text(c.reply_rate, 1)]
                for c in stats.channels
            ],
        ),
        "",
        f"Touches per week, {weeks}",
        *_columns(
            ("WEEK OF", "TOUCHES"),
            [[w.week_start.isoformat(), number(w.touches)] for w in stats.touches_per_week],
        ),
        "",
        f"Warmed: {number(stats.warmed.in_window)} in the {weeks}, "
        f"{number(stats.warmed.all_time)} in all",
        f"Cooled: {number(stats.cooled.in_window)} in the {weeks}, "
        f"{number(stats.cooled.all_time)} in all",
        f"Overdue: {counted(stats.overdue, 'lead')}; "
        f"follow-up debt {stats.followup_debt_days:,.1f} days",
        f"Sessions: streak of {counted(stats.sessions.streak_weeks, 'week')}; "
        f"{number(stats.sessions.this_week)} this week, {number(stats.sessions.total)} in all",
    ]
    return "\n".join(lines)
