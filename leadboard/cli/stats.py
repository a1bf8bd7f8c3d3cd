"""`stats`: what works (conversion, reply rates, touches, moves, debt, streak) as a report or JSON.

The JSON keys are documented on `leadboard.files.shapes.stats_json`, and `by_owner`
on `owner_json` here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import CommandFactory

if TYPE_CHECKING:
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
        out(dumps(shown))
        return EXIT_OK
    report = stats_table(stats)
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
