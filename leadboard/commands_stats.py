"""What the stats commands do: count, then print a readable report or JSON.

JSON keys (scripts rely on them: add freely, never rename). Rates are fractions
0..1 rounded to 4 places, or null when there is nothing to divide by; days have
one decimal; weeks are local ISO weeks named by their Monday.

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

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from leadboard.cli_context import Context, UserError, out
from leadboard.domain.dates import format_local, iso_local
from leadboard.domain.stats import DEFAULT_WEEKS, MAX_WEEKS, Conversion, Moves, Stats, rate_text
from leadboard.output import dumps
from leadboard.store.stats import load_stats


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _conversion(c: Conversion) -> dict[str, Any]:
    return {"won": c.won, "lost": c.lost, "closed": c.closed, "rate": _rate(c.rate)}


def _moves(m: Moves) -> dict[str, int]:
    return {"in_window": m.in_window, "all_time": m.all_time}


def stats_json(stats: Stats) -> dict[str, Any]:
    """The stats as the JSON object documented at the top of this module."""
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


def _columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Indented lines: the first column left-aligned, the numbers right-aligned."""
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]
    lines = []
    for row in (headers, *rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _weeks(count: int) -> str:
    """'1 week', '3 weeks'."""
    return f"{count} week" if count == 1 else f"{count} weeks"


def stats_table(stats: Stats) -> str:
    """A plain-text report: every figure, numbers right-aligned, no colour."""
    when = format_local(stats.now, stats.tz)
    weeks = f"last {_weeks(stats.weeks)}"

    def conversion_row(label: str, c: Conversion) -> list[str]:
        return [label, f"{c.won:,}", f"{c.lost:,}", rate_text(c.rate, 1)]

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
        "Contacts by channel (a reply: inbound, or replied, talked, meeting booked)",
        *_columns(
            ("CHANNEL", "CONTACTS", "REPLIES", "REPLY RATE"),
            [
                [c.channel.value, f"{c.contacts:,}", f"{c.replies:,}", rate_text(c.reply_rate, 1)]
                for c in stats.channels
            ],
        ),
        "",
        f"Touches per week, {weeks}",
        *_columns(
            ("WEEK OF", "TOUCHES"),
            [[w.week_start.isoformat(), f"{w.touches:,}"] for w in stats.touches_per_week],
        ),
        "",
        f"Warmed: {stats.warmed.in_window:,} in the {weeks}, {stats.warmed.all_time:,} in all",
        f"Cooled: {stats.cooled.in_window:,} in the {weeks}, {stats.cooled.all_time:,} in all",
        f"Overdue: {stats.overdue:,} leads; follow-up debt {stats.followup_debt_days:,.1f} days",
        f"Sessions: streak of {_weeks(stats.sessions.streak_weeks)}; "
        f"{stats.sessions.this_week} this week, {stats.sessions.total:,} in all",
    ]
    return "\n".join(lines)


def cmd_stats(ctx: Context) -> int:
    """`leadboard stats`."""
    weeks = DEFAULT_WEEKS if ctx.args.weeks is None else ctx.args.weeks
    if not 1 <= weeks <= MAX_WEEKS:
        raise UserError(f"--weeks must be 1 to {MAX_WEEKS}, not {weeks}")
    if ctx.format == "csv":
        raise UserError("stats has no CSV form; use --format json or table")
    stats = load_stats(ctx.store.db, ctx.now, ctx.tz, weeks)
    out(dumps(stats_json(stats)) if ctx.format == "json" else stats_table(stats))
    return 0


COMMANDS: dict[str, Callable[[Context], int]] = {"stats": cmd_stats}
"""Command name -> function, looked up by leadboard.commands.find_command."""
