"""`demo`: fill the database with realistic sample data, and open the board if asked."""

from __future__ import annotations

import sys

from leadboard.cli.board import cmd_board, require_terminal
from leadboard.cli.context import EXIT_OK, EXIT_USER_ERROR, Context, UserError
from leadboard.cli.parser import CommandFactory

MAX_DEMO_LEADS = 5_000_000


def add_parsers(command: CommandFactory) -> None:
    """Add `demo`."""
    demo = command("demo", "fill the database with realistic sample data")
    demo.add_argument("--leads", type=int, default=300, help="how many leads (default 300)")
    demo.add_argument("--seed", type=int, default=7, help="random seed, for the same data again")
    demo.add_argument("--append", action="store_true", help="add even if the database has leads")
    demo.add_argument("--open", action="store_true", help="open the board afterwards")
    demo.set_defaults(run=cmd_demo, creates_db=True)


TEAMMATES = ("sam", "priya", "jordan")
"""The demo's other reps on a team's (server) database."""


def cmd_demo(ctx: Context) -> int:
    """`leadboard demo`."""
    from leadboard.actions.demo import fill_demo
    from leadboard.cli.progress import Progress
    from leadboard.cli.render import out
    from leadboard.domain.wording import counted

    if not 1 <= ctx.args.leads <= MAX_DEMO_LEADS:
        raise UserError("--leads must be 1 to 5,000,000")
    if ctx.args.open:
        require_terminal()  # before writing: a piped `demo --open` changes nothing
    store = ctx.store
    mine, store.owner = store.owner, None  # anyone's leads count: the team's too
    existing = store.count()
    store.owner = mine
    if existing and not ctx.args.append:
        # Running the README's command twice must not double the sample data.
        sys.stderr.write(
            f"leadboard: the database already has {counted(existing, 'lead')}; "
            "--append adds the demo leads anyway\n"
        )
    else:
        progress = Progress("demo leads") if sys.stderr.isatty() else None
        # A team's demo has the rep and three colleagues, so "mine" and "everyone" differ.
        owners = (store.me, *TEAMMATES) if store.shared else (store.me,)
        made = fill_demo(
            store, ctx.args.leads, ctx.now, seed=ctx.args.seed, progress=progress, owners=owners
        )
        if progress is not None:
            progress.done()
        leads, contacts = counted(made.leads, "demo lead"), counted(made.contacts, "contact")
        out(f"Added {leads} and {contacts}")
    if ctx.args.open:
        return cmd_board(ctx)
    return EXIT_OK if not existing or ctx.args.append else EXIT_USER_ERROR
