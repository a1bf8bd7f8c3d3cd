"""`list`, `show`, `due`: the commands that look leads up and print them.

Heavy imports (the domain, the renderer) happen inside the commands, so
building the parser for `--help` loads none of them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from leadboard.cli.completion import completes, statuses, temperatures
from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import LEAD_HELP, CommandFactory

if TYPE_CHECKING:
    from leadboard.domain.model import Lead

TABLE_LIMIT = 50
"""A table stops here unless --limit says otherwise: a terminal is not a spreadsheet."""

ALL_HELP = "everyone's leads on a team's (server) database, not only yours"
"""The help of --all on list, due, board, session."""

EVERY_STATUS = "all"
"""What `list --status` takes for leads of every status."""


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    list_ = command("list", "list leads")
    list_.add_argument("--temp", help="only this temperature: cold, cool, warm or hot")
    list_.add_argument(
        "--status", help="active (default), won, lost, inactive, or all for every status"
    )
    list_.add_argument("--overdue", action="store_true", help="only overdue leads")
    list_.add_argument("--search", default="", help="text in name, company, email, phone, notes")
    list_.add_argument("--limit", type=int, help="at most N leads (table default 50; 0 = all)")
    list_.add_argument("--all", action="store_true", help=ALL_HELP)
    completes(list_, temp=temperatures, status=lambda: [*statuses(), EVERY_STATUS])
    list_.set_defaults(run=cmd_list)

    show = command("show", "show a lead and its contact history")
    show.add_argument("lead", help=LEAD_HELP)
    show.set_defaults(run=cmd_show)

    due = command("due", "leads overdue and due soon, most urgent first")
    due.add_argument("--within", type=int, default=0, metavar="DAYS", help="due within DAYS")
    due.add_argument("--summary", action="store_true", help="one line for a shell start-up file")
    due.add_argument("--limit", type=int, help="at most N leads (table default 50; 0 = all)")
    due.add_argument("--all", action="store_true", help=ALL_HELP)
    due.set_defaults(run=cmd_due)


def _limit(ctx: Context) -> int | None:
    """How many leads to read: --limit, else TABLE_LIMIT for a table; None means all."""
    limit = ctx.args.limit
    if limit is None:
        return TABLE_LIMIT if ctx.format == "table" else None
    if limit < 0:
        raise UserError("--limit must be 0 (all) or more")
    return None if limit == 0 else limit


def cmd_list(ctx: Context) -> int:
    """`leadboard list`."""
    from leadboard.domain.model import Status, Temperature
    from leadboard.domain.validation import parse_choice

    a = ctx.args
    temperature = parse_choice(Temperature, a.temp, "temperature") if a.temp else None
    status_word = (a.status or "active").strip().lower()
    status = None if status_word == EVERY_STATUS else parse_choice(Status, status_word, "status")
    overdue_at = ctx.now if a.overdue else None
    search = a.search.strip()
    limit = _limit(ctx)
    leads = ctx.store.find(
        temperature=temperature, status=status, overdue_at=overdue_at, search=search, limit=limit
    )
    total = len(leads)
    if limit is not None and total == limit:
        total = ctx.store.count(
            temperature=temperature, status=status, overdue_at=overdue_at, search=search
        )
    _print_leads(ctx, leads, total, "No leads match.")
    return EXIT_OK


def cmd_show(ctx: Context) -> int:
    """`leadboard show`."""
    from leadboard.cli.render import csv_text, dumps, lead_detail, out
    from leadboard.files.shapes import CONTACT_KEYS, contact_json, lead_json

    lead = ctx.lead(ctx.args.lead)
    assert lead.id is not None
    contacts = ctx.store.contacts(lead.id)
    if ctx.format == "json":
        shown = lead_json(lead, ctx.now, ctx.tz, ctx.config.sequence, ctx.config.currency)
        shown["contacts"] = [contact_json(c, ctx.tz) for c in contacts]
        out(dumps(shown))
    elif ctx.format == "csv":
        sys.stdout.write(csv_text([contact_json(c, ctx.tz) for c in contacts], CONTACT_KEYS))
    else:
        out(lead_detail(lead, contacts, ctx.now, ctx.tz, ctx.config.sequence, ctx.config.currency))
    return EXIT_OK


def cmd_due(ctx: Context) -> int:
    """`leadboard due`."""
    from leadboard.domain.followup import end_of_local_day

    a = ctx.args
    if a.within < 0:
        raise UserError("--within must be 0 days or more")
    horizon = end_of_local_day(ctx.now, ctx.tz).add(days=a.within)
    if a.summary:
        return _due_summary(ctx)
    limit = _limit(ctx)
    leads = ctx.store.due(horizon, limit=limit)
    total = (
        sum(ctx.store.count_due(horizon).values())
        if limit is not None and len(leads) == limit
        else len(leads)
    )
    _print_leads(ctx, leads, total, "Nothing due. Nice work.")
    return EXIT_OK


def _print_leads(ctx: Context, leads: list[Lead], total: int, empty: str) -> None:
    """print_leads, with an OWNER column in the table when it shows a team's leads."""
    import shutil

    from leadboard.cli.render import LEAD_HEADERS, lead_rows, out, print_leads, table
    from leadboard.domain.wording import number

    store = ctx.store
    if ctx.format != "table" or not leads or not (store.shared and store.owner is None):
        print_leads(ctx, leads, total, empty)
        return
    rows = [
        [*row, lead.owner]
        for row, lead in zip(lead_rows(leads, ctx.now, ctx.tz), leads, strict=True)
    ]
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 160
    out(table((*LEAD_HEADERS, "OWNER"), rows, width))
    if total > len(leads):
        out(f"... {number(total - len(leads))} more; --limit 0 shows all")


def _due_summary(ctx: Context) -> int:
    """One line such as 'leadboard: 2 hot due, 5 overdue'; nothing when nothing is due."""
    from leadboard.cli.render import out
    from leadboard.domain.followup import end_of_local_day
    from leadboard.domain.model import Temperature

    due_today = ctx.store.count_due(end_of_local_day(ctx.now, ctx.tz))
    overdue = sum(ctx.store.count_overdue(ctx.now).values())
    hot = due_today[Temperature.HOT]
    rest_today = sum(due_today.values()) - overdue
    parts = []
    if hot:
        parts.append(f"{hot} hot due")
    if overdue:
        parts.append(f"{overdue} overdue")
    if rest_today:
        parts.append(f"{rest_today} due later today")
    if parts:
        out("leadboard: " + ", ".join(parts))
    return EXIT_OK
