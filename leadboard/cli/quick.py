"""`quick`: log a touch from one line, `leadboard quick "emma call talked +3d send the quote"`.

The line is read by actions.quick.plan_quick, as the board's `:` line reads it, and
logged through LeadActions.log. Heavy imports happen inside the command.
"""

from __future__ import annotations

import sys

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import CommandFactory

LINE_HELP = (
    "lead, channel, outcome, date and next step in any order, a note after ';': "
    "'emma call talked +3d send the quote; wants 20 seats' ('!' promises the date, "
    "#12 names a lead by id)"
)


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    quick = command("quick", "log a contact from one line of words")
    quick.add_argument("line", nargs="+", help=LINE_HELP)
    quick.add_argument(
        "--dry-run", action="store_true", help="print what would be logged, change nothing"
    )
    quick.set_defaults(run=cmd_quick)


def cmd_quick(ctx: Context) -> int:
    """`leadboard quick`."""
    from leadboard.actions.quick import QuickProblem, plan_quick
    from leadboard.cli.lead_argument import candidates
    from leadboard.cli.render import print_lead
    from leadboard.domain.dates import format_local
    from leadboard.domain.text import printable

    line = " ".join(ctx.args.line)
    store = ctx.store
    plan = plan_quick(store, line, ctx.now, store.policy, ctx.config.date_reading)
    if isinstance(plan, QuickProblem):
        listed = candidates(plan.candidates) if plan.candidates else []
        if plan.more_words:
            listed.append(f"  ... {plan.more_words}")
        raise UserError(printable(plan.message), listed)
    summary = plan.summary(ctx.now, ctx.tz)
    if plan.past_due and plan.entry.typed_due is not None:
        shown = format_local(plan.entry.typed_due, ctx.tz, now=ctx.now)
        sys.stderr.write(f"leadboard: warning: the next due, {shown}, is in the past\n")
    if ctx.args.dry_run:
        print_lead(ctx, plan.lead, f"Would log: {summary}")
        return EXIT_OK
    lead, _ = ctx.actions.log(plan.lead, plan.entry)
    print_lead(ctx, lead, f"Logged: {summary}")
    return EXIT_OK
