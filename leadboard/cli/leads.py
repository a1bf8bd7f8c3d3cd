"""`add`, `log`, `move`, `won`, `lost`, `inactive`, `revive`: the commands that change a lead.

Heavy imports (the domain's enums, the renderer) happen inside the commands,
so building the parser for `--help` loads none of them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from leadboard.cli.completion import (
    channels,
    completes,
    directions,
    outcomes,
    sources,
    temperatures,
)
from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import LEAD_HELP, CommandFactory

if TYPE_CHECKING:
    from leadboard.domain.model import Status

SHIFTS = ("hotter", "colder")
"""What `move` takes besides a temperature: one step either way."""


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    add = command("add", "add a lead and print its id")
    add.add_argument("name", help="the lead's name")
    _lead_fields(add)
    add.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="add it even when it looks like a stored lead (same email, phone or name+company)",
    )
    add.set_defaults(run=cmd_add, creates_db=True)

    log = command("log", "log a contact with a lead")
    log.add_argument("lead", help=LEAD_HELP)
    log.add_argument("--channel", required=True, help="call, email, text, voicemail, ...")
    log.add_argument("--outcome", required=True, help="no_answer, left_message, replied, ...")
    log.add_argument("--direction", default="out", help="out (we reached out) or in (they did)")
    log.add_argument("--note", default="", help="what was said")
    log.add_argument("--next-step", help="the next concrete action")
    log.add_argument(
        "--due",
        help="next follow-up ('tomorrow 3pm', '+3d', 'fri', '24 dec'); default: the cadence",
    )
    log.add_argument("--promised", action="store_true", help="the --due date was promised")
    log.add_argument(
        "--at",
        help="when the contact happened (default now): '-2h', 'yesterday 3pm', 'fri', '20/11'",
    )
    completes(log, channel=channels, outcome=outcomes, direction=directions)
    log.set_defaults(run=cmd_log)

    move = command("move", "move a lead to another temperature")
    move.add_argument("lead", help=LEAD_HELP)
    move.add_argument("temp", help="cold, cool, warm, hot, or hotter / colder")
    completes(move, temp=lambda: [*temperatures(), *SHIFTS])
    move.set_defaults(run=cmd_move)

    won = command("won", "mark a lead won")
    won.add_argument("lead", help=LEAD_HELP)
    won.set_defaults(run=cmd_won)
    lost = command("lost", "mark a lead lost")
    lost.add_argument("lead", help=LEAD_HELP)
    lost.add_argument("--reason", default="", help="why it was lost")
    lost.set_defaults(run=cmd_lost)
    inactive = command("inactive", "mark a lead inactive (kept at the ready)")
    inactive.add_argument("lead", help=LEAD_HELP)
    inactive.set_defaults(run=cmd_inactive)
    revive = command("revive", "put an inactive, won or lost lead back on the board at step 1")
    revive.add_argument("lead", help=LEAD_HELP)
    revive.set_defaults(run=cmd_revive)


def _lead_fields(parser: argparse.ArgumentParser) -> None:
    """The optional fields of a lead, shared by `add`."""
    parser.add_argument("--company", default="", help="company or organisation")
    parser.add_argument("--title", default="", help="job title")
    parser.add_argument("--email", default="", help="email address")
    parser.add_argument("--phone", default="", help="phone number")
    parser.add_argument("--temp", default="cool", help="cold, cool, warm or hot (default cool)")
    parser.add_argument("--source", help="referral, inquiry, website, event, purchased_list, ...")
    parser.add_argument("--referred-by", default="", help="who referred them")
    parser.add_argument("--channel", help="how they want to be followed up: call, email, ...")
    parser.add_argument("--next-step", default="", help="one concrete action: 'send the quote'")
    parser.add_argument(
        "--due", help="first follow-up: 'tomorrow 3pm', '+3d', 'fri', '24 dec', '2026-12-01'"
    )
    parser.add_argument("--promised", action="store_true", help="the due date was promised")
    for part in ("fit", "interest", "readiness"):
        parser.add_argument(f"--{part}", type=int, default=0, help=f"{part}, 0 to 3")
    parser.add_argument("--note", default="", help="notes about the lead")
    parser.add_argument("--owner", default="", help="who owns the lead")
    parser.add_argument(
        "--value",
        metavar="AMOUNT",
        help="the deal's value in the config's currency: 42300, '42,300.50', 12k, 1.5m",
    )
    parser.add_argument(
        "--tag",
        action="append",
        metavar="TAGS",
        help="a tag, repeatable; one may hold several: --tag vip --tag 'big deal, q4'",
    )
    completes(parser, temp=temperatures, source=sources, channel=channels)


def typed_value(ctx: Context, text: str | None) -> int | None:
    """--value as minor units of the config's currency; '' is none; a bad one is refused."""
    from leadboard.domain.money import parse_value
    from leadboard.domain.validation import ValidationError

    if text is None:
        return None
    try:
        return parse_value(text, ctx.config.currency)
    except ValueError as err:
        raise ValidationError(f"--value: {err}") from None


def typed_tags(option: str, texts: list[str] | None) -> tuple[str, ...]:
    """Each --tag (or --untag) as tags, several to a text when commas separate them."""
    from leadboard.domain.tags import TagError, parse_tags
    from leadboard.domain.validation import ValidationError

    try:
        # Each text is its own list: '--tag "big deal"' is one tag, big-deal, not two.
        return tuple(sorted({tag for text in texts or () for tag in parse_tags(text + ",")}))
    except TagError as err:
        raise ValidationError(f"{option}: {err}") from None


def cmd_add(ctx: Context) -> int:
    """`leadboard add`."""
    import sys

    from leadboard.cli.render import print_lead
    from leadboard.domain.model import Channel, LeadDraft, Source, Temperature
    from leadboard.domain.text import printable
    from leadboard.domain.validation import check_draft, draft_warnings, parse_choice
    from leadboard.store.errors import LikelyDuplicate

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
        value=typed_value(ctx, a.value),
        tags=typed_tags("--tag", a.tag),
    )
    if a.promised and a.due is None:
        raise UserError("--promised needs a --due date")
    check_draft(draft)
    try:
        lead = ctx.actions.add(draft, allow_duplicate=a.allow_duplicate)
    except LikelyDuplicate as err:
        twins = "; ".join(twin.describe() for twin in err.twins)
        raise UserError(
            f"{printable(draft.name)} looks like {twins}; not added "
            "(--allow-duplicate adds it anyway)"
        ) from None
    # Odd but possible: saved as typed, with a word on stderr so a typo gets noticed.
    for warning in draft_warnings(draft):
        sys.stderr.write(f"leadboard: warning: {printable(warning)}\n")
    print_lead(ctx, lead, str(lead.id))
    return EXIT_OK


def cmd_log(ctx: Context) -> int:
    """`leadboard log`."""
    from leadboard.actions.contacts import ContactEntry
    from leadboard.cli.render import due_phrase, label, print_lead
    from leadboard.domain.model import Channel, Direction, Outcome
    from leadboard.domain.validation import parse_choice

    a = ctx.args
    channel = parse_choice(Channel, a.channel, "channel")
    outcome = parse_choice(Outcome, a.outcome, "outcome")
    direction = parse_choice(Direction, a.direction, "direction")
    at = ctx.when(a.at, past=True)
    typed_due = ctx.when(a.due)
    if a.promised and typed_due is None:
        raise UserError("--promised needs a --due date")
    if at is not None and at > ctx.now.add(minutes=5):
        raise UserError("--at is in the future; a contact is logged when it happened")
    entry = ContactEntry(
        channel, direction, outcome, a.note, a.next_step, typed_due, a.promised, at
    )
    lead, contact = ctx.actions.log(ctx.lead(a.lead), entry)
    print_lead(
        ctx,
        lead,
        f"Logged {contact.channel.value} ({contact.outcome.label}) for {label(lead)}; "
        f"{due_phrase(ctx, lead)}",
    )
    return EXIT_OK


def cmd_move(ctx: Context) -> int:
    """`leadboard move`."""
    from leadboard.cli.render import due_phrase, label, print_lead
    from leadboard.domain.model import Temperature
    from leadboard.domain.validation import parse_choice

    before = ctx.lead(ctx.args.lead)
    word = ctx.args.temp.strip().lower()
    if word in SHIFTS:
        lead = ctx.actions.shift(before, 1 if word == "hotter" else -1)
        if lead is None:
            raise UserError(f"lead {before.id} is already {before.temperature.value}")
    else:
        lead = ctx.actions.move(before, parse_choice(Temperature, word, "temperature"))
    print_lead(ctx, lead, f"{label(lead)} is {lead.temperature.value}; {due_phrase(ctx, lead)}")
    return EXIT_OK


def cmd_won(ctx: Context) -> int:
    """`leadboard won`."""
    from leadboard.domain.model import Status

    return _set_status(ctx, Status.WON)


def cmd_lost(ctx: Context) -> int:
    """`leadboard lost`."""
    from leadboard.domain.model import Status

    return _set_status(ctx, Status.LOST)


def cmd_inactive(ctx: Context) -> int:
    """`leadboard inactive`."""
    from leadboard.domain.model import Status

    return _set_status(ctx, Status.INACTIVE)


def cmd_revive(ctx: Context) -> int:
    """`leadboard revive`: back to active."""
    from leadboard.domain.model import Status

    return _set_status(ctx, Status.ACTIVE)


def _set_status(ctx: Context, status: Status) -> int:
    """Give the lead a new status and say so."""
    from leadboard.cli.render import due_phrase, label, print_lead
    from leadboard.domain.model import Status

    reason = getattr(ctx.args, "reason", "")
    lead = ctx.actions.set_status(ctx.lead(ctx.args.lead), status, reason)
    said = "back on the board" if status is Status.ACTIVE else f"marked {status.value}"
    extra = f"; {due_phrase(ctx, lead)}" if status is Status.ACTIVE else ""
    print_lead(ctx, lead, f"{label(lead)} {said}{extra}")
    return EXIT_OK
