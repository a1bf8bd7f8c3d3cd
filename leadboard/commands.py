"""What each command does: read arguments, call the store and rules, print the result."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from leadboard.cli_context import (
    TABLE_LIMIT,
    Context,
    UserError,
    board_clock,
    clock,
    due_phrase,
    label,
    out,
    print_lead,
)
from leadboard.config import ConfigError, load_config
from leadboard.domain.dates import DateParseError
from leadboard.domain.followup import end_of_local_day
from leadboard.domain.model import (
    Channel,
    Direction,
    Lead,
    LeadDraft,
    Outcome,
    Source,
    Status,
    Temperature,
)
from leadboard.domain.text import printable
from leadboard.domain.validation import ValidationError, parse_choice
from leadboard.output import (
    CONTACT_KEYS,
    LEAD_HEADERS,
    LEAD_KEYS,
    contact_json,
    csv_text,
    dumps,
    lead_detail,
    lead_json,
    lead_rows,
    table,
)
from leadboard.paths import config_path
from leadboard.progress import Progress
from leadboard.store.errors import StoreError

EXIT_OK, EXIT_USER_ERROR = 0, 1


def cmd_add(ctx: Context) -> int:
    """`leadboard add`."""
    a = ctx.args
    draft = LeadDraft(
        name=a.name,
        company=a.company,
        title=a.title,
        email=a.email,
        phone=a.phone,
        temperature=parse_choice(Temperature, a.temp, "temperature"),
        source=parse_choice(Source, a.source, "source") if a.source else None,
        referred_by=a.referred_by,
        preferred_channel=parse_choice(Channel, a.channel, "channel") if a.channel else None,
        next_step=a.next_step,
        next_due=ctx.when(a.due),
        promised=a.promised,
        fit=a.fit,
        interest=a.interest,
        readiness=a.readiness,
        notes=a.note,
        owner=a.owner,
    )
    if a.promised and a.due is None:
        raise UserError("--promised needs a --due date")
    lead = ctx.store.add(draft, ctx.now)
    print_lead(ctx, lead, str(lead.id))
    return EXIT_OK


def cmd_log(ctx: Context) -> int:
    """`leadboard log`."""
    a = ctx.args
    channel = parse_choice(Channel, a.channel, "channel")
    outcome = parse_choice(Outcome, a.outcome, "outcome")
    direction = parse_choice(Direction, a.direction, "direction")
    at = ctx.when(a.at)
    typed_due = ctx.when(a.due)
    if a.promised and typed_due is None:
        raise UserError("--promised needs a --due date")
    if at is not None and at > ctx.now.add(minutes=5):
        raise UserError("--at is in the future; a contact is logged when it happened")
    lead, contact = ctx.store.log_contact(
        ctx.lead_id(a.lead),
        channel=channel,
        outcome=outcome,
        direction=direction,
        note=a.note,
        at=at,
        next_step=a.next_step,
        typed_due=typed_due,
        promise=a.promised,
        now=ctx.now,
    )
    print_lead(
        ctx,
        lead,
        f"logged {contact.channel.value} ({contact.outcome.label}) for {label(lead)}; "
        f"{due_phrase(ctx, lead)}",
    )
    return EXIT_OK


def cmd_move(ctx: Context) -> int:
    """`leadboard move`."""
    lead_id = ctx.lead_id(ctx.args.lead)
    word = ctx.args.temp.strip().lower()
    if word in ("hotter", "colder"):
        current = ctx.store.get(lead_id).temperature
        step = current.hotter() if word == "hotter" else current.colder()
        if step is None:
            raise UserError(f"lead {lead_id} is already {current.value}")
        target = step
    else:
        target = parse_choice(Temperature, word, "temperature")
    lead = ctx.store.move(lead_id, target, ctx.now)
    print_lead(ctx, lead, f"{label(lead)} is {lead.temperature.value}; {due_phrase(ctx, lead)}")
    return EXIT_OK


def _status_command(status: Status) -> Callable[[Context], int]:
    def command(ctx: Context) -> int:
        reason = getattr(ctx.args, "reason", "")
        lead = ctx.store.set_status(ctx.lead_id(ctx.args.lead), status, ctx.now, reason)
        word = "back on the board" if status is Status.ACTIVE else f"marked {status.value}"
        extra = f"; {due_phrase(ctx, lead)}" if status is Status.ACTIVE else ""
        print_lead(ctx, lead, f"{label(lead)} {word}{extra}")
        return EXIT_OK

    command.__doc__ = f"Mark a lead {status.value}."
    return command


def _limit(ctx: Context) -> int | None:
    limit = ctx.args.limit
    if limit is None:
        return TABLE_LIMIT if ctx.format == "table" else None
    if limit < 0:
        raise UserError("--limit must be 0 (all) or more")
    return None if limit == 0 else limit


def print_leads(ctx: Context, leads: list[Lead], total: int, empty: str) -> None:
    """Print a list of leads in the chosen format, with a footer when the table was cut."""
    if ctx.format == "json":
        out(dumps([lead_json(lead, ctx.now, ctx.tz) for lead in leads]))
        return
    if ctx.format == "csv":
        sys.stdout.write(csv_text([lead_json(lead, ctx.now, ctx.tz) for lead in leads], LEAD_KEYS))
        return
    if not leads:
        out(empty)
        return
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 160
    out(table(LEAD_HEADERS, lead_rows(leads, ctx.now), width))
    if total > len(leads):
        out(f"... {total - len(leads):,} more; --limit 0 shows all")


def cmd_list(ctx: Context) -> int:
    """`leadboard list`."""
    a = ctx.args
    temperature = parse_choice(Temperature, a.temp, "temperature") if a.temp else None
    status_word = (a.status or "active").strip().lower()
    status = None if status_word == "all" else parse_choice(Status, status_word, "status")
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
    print_leads(ctx, leads, total, "No leads match.")
    return EXIT_OK


def cmd_show(ctx: Context) -> int:
    """`leadboard show`."""
    lead = ctx.store.get(ctx.lead_id(ctx.args.lead))
    assert lead.id is not None
    contacts = ctx.store.contacts(lead.id)
    if ctx.format == "json":
        shown = lead_json(lead, ctx.now, ctx.tz)
        shown["contacts"] = [contact_json(c, ctx.tz) for c in contacts]
        out(dumps(shown))
    elif ctx.format == "csv":
        sys.stdout.write(csv_text([contact_json(c, ctx.tz) for c in contacts], CONTACT_KEYS))
    else:
        out(lead_detail(lead, contacts, ctx.now, ctx.tz))
    return EXIT_OK


def cmd_due(ctx: Context) -> int:
    """`leadboard due`."""
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
    print_leads(ctx, leads, total, "Nothing due. Nice work.")
    return EXIT_OK


def _due_summary(ctx: Context) -> int:
    """One line such as 'leadboard: 2 hot due, 5 overdue'; nothing when nothing is due."""
    due_today = ctx.store.count_due(end_of_local_day(ctx.now, ctx.tz))
    overdue = sum(ctx.store.count_due(ctx.now.subtract(seconds=1)).values())
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


def cmd_demo(ctx: Context) -> int:
    """`leadboard demo`."""
    from leadboard.demo import fill_demo

    if not 1 <= ctx.args.leads <= 5_000_000:
        raise UserError("--leads must be 1 to 5,000,000")
    existing = ctx.store.count()
    if existing and not ctx.args.append:
        # Running the README's command twice must not double the sample data.
        sys.stderr.write(
            f"leadboard: the database already has {existing:,} leads; "
            "--append adds the demo leads anyway\n"
        )
    else:
        progress = Progress("demo leads") if sys.stderr.isatty() else None
        made = fill_demo(ctx.store, ctx.args.leads, ctx.now, seed=ctx.args.seed, progress=progress)
        if progress is not None:
            progress.done()
        out(f"added {made.leads:,} demo leads and {made.contacts:,} contacts")
    if ctx.args.open:
        return cmd_board(ctx)
    return EXIT_OK if not existing or ctx.args.append else EXIT_USER_ERROR


def cmd_backup(ctx: Context) -> int:
    """`leadboard backup`."""
    target = Path(ctx.args.file).expanduser()
    if target.exists():
        raise UserError(f"{target} already exists; choose a new file name")
    ctx.store.backup(target)
    out(f"backed up to {target}")
    return EXIT_OK


def cmd_board(ctx: Context) -> int:
    """Open the board."""
    from leadboard.ui.app import run_board

    return run_board(ctx.store, ctx.config, board_clock())


COMMANDS: dict[str, Callable[[Context], int]] = {
    "add": cmd_add,
    "log": cmd_log,
    "move": cmd_move,
    "won": _status_command(Status.WON),
    "lost": _status_command(Status.LOST),
    "inactive": _status_command(Status.INACTIVE),
    "revive": _status_command(Status.ACTIVE),
    "list": cmd_list,
    "show": cmd_show,
    "due": cmd_due,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "board": cmd_board,
}


def find_command(name: str) -> Callable[[Context], int]:
    """The function behind a command name, looking in the feature modules too."""
    if name in COMMANDS:
        return COMMANDS[name]
    from leadboard import commands_session, commands_stats, commands_transfer

    for area in (commands_transfer.COMMANDS, commands_session.COMMANDS, commands_stats.COMMANDS):
        if name in area:
            return area[name]
    raise UserError(f"unknown command {name}")


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; user mistakes become one line on stderr and exit 1."""
    try:
        config = load_config(config_path())
        ctx = Context(args=args, config=config, now=clock())
        try:
            return find_command(args.command or "board")(ctx)
        finally:
            if ctx._store is not None:
                ctx._store.close()
    except (UserError, ValidationError, DateParseError, ConfigError, StoreError) as err:
        sys.stderr.write(f"leadboard: {printable(str(err))}\n")
        return EXIT_USER_ERROR
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as err:  # last resort: a user never sees a traceback
        if os.environ.get("LEADBOARD_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            f"leadboard: unexpected error ({type(err).__name__}: {printable(str(err))[:200]}); "
            "set LEADBOARD_DEBUG=1 for details\n"
        )
        return EXIT_USER_ERROR
