"""`stats`: what works (conversion, reply rates, touches, moves, debt, streak) as a report or JSON.

The JSON keys are documented on `leadboard.files.shapes.stats_json`.
"""

from __future__ import annotations

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import CommandFactory


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
    stats.set_defaults(run=cmd_stats)


def cmd_stats(ctx: Context) -> int:
    """`leadboard stats`."""
    from leadboard.cli.render import dumps, out, stats_table
    from leadboard.domain.stats import DEFAULT_WEEKS, MAX_WEEKS
    from leadboard.files.shapes import stats_json
    from leadboard.store.stats import load_stats

    weeks = DEFAULT_WEEKS if ctx.args.weeks is None else ctx.args.weeks
    if not 1 <= weeks <= MAX_WEEKS:
        raise UserError(f"--weeks must be 1 to {MAX_WEEKS}, not {weeks}")
    if ctx.format == "csv":
        raise UserError("stats has no CSV form; use --format json or table")
    stats = load_stats(ctx.store.db, ctx.now, ctx.tz, weeks)
    out(dumps(stats_json(stats)) if ctx.format == "json" else stats_table(stats))
    return EXIT_OK
