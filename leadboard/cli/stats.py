"""`stats`: what works (conversion, reply rates, touches, moves, debt, streak) as a report or JSON.

The JSON keys are documented on `leadboard.files.shapes.stats_json`, `by_owner` on
`owner_json`, `lost_reasons` on `lost_reasons_json` and `value` on `value_json` here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import CommandFactory

if TYPE_CHECKING:
    from leadboard.domain.money import Currency
    from leadboard.domain.stats import Stats
    from leadboard.store.owners import OwnerFigures


def add_parsers(command: CommandFactory) -> None:
    """Add `stats`."""
    stats = command(
        "stats",
        "what works: conversion, reply rates, touches per week, moves, overdue debt, streak",
    )
    # No default here: the parser stays free of the domain's imports.
    stats.add_argument(
        "--weeks", type=int, metavar="N", help="weeks of touches and moves to show (default 12)"
    )
    stats.add_argument(
        "--all",
        action="store_true",
        help="the team's figures (they are the team's either way; each rep's under By owner)",
    )
    stats.set_defaults(run=cmd_stats)


def cmd_stats(ctx: Context) -> int:
    """`leadboard stats`."""
    from leadboard.cli.render import dumps, out, stats_table
    from leadboard.domain.stats import DEFAULT_WEEKS, MAX_WEEKS, stats_window
    from leadboard.files.shapes import stats_json
    from leadboard.store.owners import owner_figures
    from leadboard.store.stats import load_stats

    weeks = DEFAULT_WEEKS if ctx.args.weeks is None else ctx.args.weeks
    if not 1 <= weeks <= MAX_WEEKS:
        raise UserError(f"--weeks must be 1 to {MAX_WEEKS}, not {weeks}")
    if ctx.format == "csv":
        raise UserError("stats has no CSV form; use --format json or table")
    stats = load_stats(ctx.store.db, ctx.now, ctx.tz, weeks)
    window = stats_window(ctx.now, ctx.tz, weeks)
    owners = owner_figures(ctx.store.db, window.start, window.bounds[-1])
    if ctx.format == "json":
        shown = stats_json(stats)
        shown["by_owner"] = [owner_json(figures) for figures in owners]
        shown["lost_reasons"] = lost_reasons_json(stats)
        shown["value"] = value_json(stats, ctx.config.currency)
        out(dumps(shown))
        return EXIT_OK
    report = stats_table(stats) + "\n\n" + "\n".join(lost_reason_lines(stats))
    report += "\n\n" + "\n".join(value_lines(stats, ctx.config.currency))
    # One rep on a file: a section of one row would only repeat the figures above.
    if ctx.store.shared or len(owners) > 1:
        report += "\n\n" + "\n".join(owner_lines(owners, weeks))
    out(report)
    return EXIT_OK


def owner_json(figures: OwnerFigures) -> dict[str, Any]:
    """One owner's figures in the stats JSON: `{owner, active, won, lost, contacts, win_rate}`."""
    from leadboard.domain.text import clean_input

    rate = figures.win_rate
    return {
        "owner": clean_input(figures.owner),
        "active": figures.active,
        "won": figures.won,
        "lost": figures.lost,
        "contacts": figures.contacts,
        "win_rate": None if rate is None else round(rate, 4),
    }


def lost_reasons_json(stats: Stats) -> list[dict[str, Any]]:
    """`lost_reasons`: every reason of the leads lost now, `[{reason, count}]`, most first.

    All time, like `conversion`; reasons that differ only in case are one, in the spelling
    used most; leads lost with no reason are left out.
    """
    from leadboard.domain.text import clean_input

    return [{"reason": clean_input(r.reason), "count": r.count} for r in stats.lost_reasons]


def lost_reason_lines(stats: Stats) -> list[str]:
    """The report's "Lost reasons" section: the most used few, then the others summed."""
    from leadboard.cli.render import _columns
    from leadboard.domain.stats import top_reasons
    from leadboard.domain.text import cell_text
    from leadboard.domain.wording import number

    shown, others = top_reasons(stats.lost_reasons)
    if not shown:
        return ["Lost reasons: none recorded yet"]
    rows = [[cell_text(r.reason), number(r.count)] for r in shown]
    if others:
        rows.append(["other", number(others)])
    return ["Lost reasons (leads lost now, all time)", *_columns(("REASON", "LEADS"), rows)]


def value_json(stats: Stats, currency: Currency) -> dict[str, Any]:
    """`value`: money as decimal strings in `currency` (never floats); rates to 4 places.

    `won_by_month`: the last 12 local months, oldest first, `{month, won, leads, no_value}`
    (`leads` won with a value, summed in `won`; `no_value` won without one). `average_won`:
    `{value, leads}`, value null when no won lead has one. `forecast.by_temperature`: per
    temperature the active leads' `open` value, `rate` won / `closed` (won + lost of the
    leads closed in that column; null when none), `weighted` open × rate (null with no
    rate); `forecast.total` sums the known weighted values. All time except the months.
    """
    from leadboard.domain.money import decimal_text
    from leadboard.domain.value_stats import month_label

    value = stats.value
    return {
        "currency": currency.code,
        "won_by_month": [
            {
                "month": month_label(m.month),
                "won": decimal_text(m.won, currency),
                "leads": m.leads,
                "no_value": m.unvalued,
            }
            for m in value.won_by_month
        ],
        "average_won": {
            "value": decimal_text(value.average.value, currency),
            "leads": value.average.leads,
        },
        "forecast": {
            "total": decimal_text(value.forecast.total, currency),
            "by_temperature": {
                f.temperature.value: {
                    "open": decimal_text(f.open_value, currency),
                    "rate": None if f.closes.rate is None else round(f.closes.rate, 4),
                    "closed": f.closes.closed,
                    "weighted": decimal_text(f.weighted, currency),
                }
                for f in value.forecast.by_temperature
            },
        },
    }


def value_lines(stats: Stats, currency: Currency) -> list[str]:
    """The report's "Deal value" section: won per month, the average won deal, the forecast."""
    from leadboard.cli.render import _columns
    from leadboard.domain.money import format_value
    from leadboard.domain.value_stats import average_line, forecast_line, month_label, total_line
    from leadboard.domain.wording import counted, number

    value = stats.value
    rows = [
        [month_label(m.month), format_value(m.won, currency), number(m.leads), number(m.unvalued)]
        for m in value.won_by_month
    ]
    months = counted(len(rows), "month")
    return [
        f"Deal value ({currency.code}): won by local month, last {months}",
        *_columns(("MONTH", "WON", "LEADS", "NO VALUE"), rows),
        "  " + average_line(value.average, currency),
        "Forecast: open value × win rate of the leads closed in each column (all time)",
        *("  " + forecast_line(f, currency) for f in value.forecast.by_temperature),
        "  " + total_line(value.forecast, currency),
    ]


def owner_lines(owners: Sequence[OwnerFigures], weeks: int) -> list[str]:
    """The report's "By owner" section: a row per owner, numbers right-aligned."""
    from leadboard.cli.render import _columns
    from leadboard.domain.stats import rate_text
    from leadboard.domain.text import cell_text
    from leadboard.domain.wording import counted, number

    rows = [
        [
            cell_text(figures.owner) or "(no owner)",
            number(figures.active),
            number(figures.won),
            number(figures.lost),
            number(figures.contacts),
            rate_text(figures.win_rate, 1),
        ]
        for figures in owners
    ]
    headers = ("OWNER", "ACTIVE", "WON", "LOST", "CONTACTS", "WIN RATE")
    return [
        f"By owner (contacts in the last {counted(weeks, 'week')})",
        *_columns(headers, rows),
    ]
