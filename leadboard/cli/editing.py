"""`edit`, `assign`: change a stored lead from a shell, refused when another rep saved it since.

Each saves over the version it read (or the one `--if-version` names): a lead saved
meanwhile raises StaleLead in the store and nothing is written. Heavy imports happen
inside the commands, so building the parser for `--help` loads none of them.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.leads import _lead_fields
from leadboard.cli.parser import LEAD_HELP, CommandFactory
from leadboard.domain.tags import listed_tags

if TYPE_CHECKING:
    from leadboard.domain.model import Lead, LeadDraft

FIELDS: dict[str, tuple[str, str]] = {
    "name": ("--name", "name"),
    "company": ("--company", "company"),
    "title": ("--title", "title"),
    "email": ("--email", "email"),
    "phone": ("--phone", "phone"),
    "channel": ("--channel", "preferred_channel"),
    "source": ("--source", "source"),
    "referred_by": ("--referred-by", "referred_by"),
    "fit": ("--fit", "fit"),
    "interest": ("--interest", "interest"),
    "readiness": ("--readiness", "readiness"),
    "next_step": ("--next-step", "next_step"),
    "due": ("--due", "next_due"),
    "promised": ("--promised", "promised"),
    "note": ("--note", "notes"),
    "owner": ("--owner", "owner"),
    "temp": ("--temp", "temperature"),
    "value": ("--value", "value"),
    "tag": ("--tag", "tags"),
    "untag": ("--untag", "tags"),
    "tags": ("--tags", "tags"),
}
"""Each option `edit` takes, by its argparse dest: how it is typed, the draft field it sets."""

NOTHING_TO_CHANGE = "nothing to change: give " + ", ".join(option for option, _ in FIELDS.values())

RETOLD = {
    "temp": "cold, cool, warm or hot (a move: the next due follows the move rules)",
    "due": "next follow-up: 'tomorrow 3pm', '+3d', 'fri', '24 dec', '2026-12-01'",
    "source": "referral, inquiry, website, event, purchased_list, ... ('' clears it)",
    "channel": "how they want to be followed up: call, email, ... ('' clears it)",
    "value": "the deal's value: 42300, '42,300.50', 12k ('' clears it)",
    "tag": "add a tag, repeatable; one may hold several: --tag vip --tag 'big deal, q4'",
}
"""Help that differs from `add`'s, where a field's default is a new lead's."""


def add_parsers(command: CommandFactory) -> None:
    """Add `edit` and `assign`."""
    edit = command("edit", "change a lead's fields; refused if another rep saved it since")
    edit.add_argument("lead", help=LEAD_HELP)
    edit.add_argument("--name", help="the lead's name")
    _lead_fields(edit)
    edit.add_argument("--notes", dest="note", help="the same as --note (replaces the notes)")
    edit.add_argument(
        "--no-promised", dest="promised", action="store_false", help="the due date is not promised"
    )
    edit.add_argument(
        "--untag", action="append", metavar="TAGS", help="remove a tag, repeatable: --untag q4"
    )
    edit.add_argument(
        "--tags",
        metavar="TAGS",
        help="replace every tag: --tags 'vip, q4' ('' removes them all; --tag/--untag then apply)",
    )
    # Nothing defaults here: only the options given change the lead.
    edit.set_defaults(**dict.fromkeys(FIELDS))
    for action in edit._actions:
        action.help = RETOLD.get(action.dest, action.help)
    _version_option(edit)
    edit.set_defaults(run=cmd_edit)

    assign = command("assign", "give a lead to another owner (a rep of the team)")
    assign.add_argument("lead", help=LEAD_HELP)
    assign.add_argument("owner", help="who owns it from now on: a rep's name, like sam")
    _version_option(assign)
    assign.set_defaults(run=cmd_assign)


def _version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help="save only if the lead is still at version N (its `version` in JSON)",
    )


def cmd_edit(ctx: Context) -> int:
    """`leadboard edit`."""
    import sys

    from leadboard.cli.render import label, print_lead
    from leadboard.domain.lead_changes import lead_changes
    from leadboard.domain.text import printable
    from leadboard.domain.validation import draft_warnings

    given = [dest for dest in FIELDS if getattr(ctx.args, dest) is not None]
    if not given:
        raise UserError(NOTHING_TO_CHANGE)
    lead = _lead(ctx)
    draft = _edited(ctx, lead, given)
    saved = _save(ctx, lead, draft, list(dict.fromkeys(FIELDS[dest][1] for dest in given)))
    # Odd but possible, as for `add`: saved as typed, with a word on stderr.
    for warning in draft_warnings(_typed_contact(draft, given)):
        sys.stderr.write(f"leadboard: warning: {printable(warning)}\n")
    changed = ", ".join(change.label for change in lead_changes(lead, saved))
    said = f": {changed}." if changed else "; nothing was different."
    print_lead(ctx, saved, f"Saved {label(saved)} (version {saved.version}){said}")
    return EXIT_OK


def cmd_assign(ctx: Context) -> int:
    """`leadboard assign`."""
    from leadboard.cli.render import label, print_lead
    from leadboard.domain.text import printable

    owner = _owner(ctx.args.owner)
    lead = _lead(ctx)
    draft = draft_of(lead)
    draft.owner = owner
    saved = _save(ctx, lead, draft, ["owner"])
    print_lead(ctx, saved, f"Assigned {label(saved)} to {printable(saved.owner)}.")
    return EXIT_OK


def _lead(ctx: Context) -> Lead:
    """The lead named, looked up among every rep's: an id or a name names one lead in the team."""
    ctx.store.owner = None
    return ctx.lead(ctx.args.lead)


def draft_of(lead: Lead) -> LeadDraft:
    """A draft holding the lead as stored: saved unchanged, it changes nothing but the version."""
    from leadboard.domain.model import LeadDraft

    return LeadDraft(
        name=lead.name,
        company=lead.company,
        title=lead.title,
        email=lead.email,
        phone=lead.phone,
        preferred_channel=lead.preferred_channel,
        source=lead.source,
        referred_by=lead.referred_by,
        temperature=lead.temperature,
        fit=lead.fit,
        interest=lead.interest,
        readiness=lead.readiness,
        next_step=lead.next_step,
        next_due=lead.next_due,
        promised=lead.promised,
        notes=lead.notes,
        owner=lead.owner,
        value=lead.value,
        tags=lead.tags,
    )


def _edited(ctx: Context, lead: Lead, given: Sequence[str]) -> LeadDraft:
    """The stored lead's draft with each option given put in; checked as `add` checks one."""
    from leadboard.cli.leads import typed_tags, typed_value
    from leadboard.domain.model import Channel, Source, Temperature
    from leadboard.domain.validation import check_draft, parse_choice

    a = ctx.args
    draft = draft_of(lead)
    values: dict[str, Any] = {}
    for dest in given:
        typed = getattr(a, dest)
        if dest == "temp":
            values["temperature"] = parse_choice(Temperature, typed, "temperature")
        elif dest == "source":
            values["source"] = parse_choice(Source, typed, "source") if typed.strip() else None
        elif dest == "channel":
            channel = parse_choice(Channel, typed, "channel") if typed.strip() else None
            values["preferred_channel"] = channel
        elif dest == "due":
            values["next_due"] = ctx.when(typed)
        elif dest == "owner":
            values["owner"] = _owner(typed)
        elif dest == "value":
            values["value"] = typed_value(ctx, typed)
        elif dest not in ("tags", "tag", "untag"):
            values[FIELDS[dest][1]] = typed
    for field, value in values.items():
        setattr(draft, field, value)
    # --tags replaces the set, then --tag adds to it and --untag takes from it.
    if "tags" in given:
        draft.tags = typed_tags("--tags", [a.tags])
    if "tag" in given:
        draft.tags = tuple(sorted({*draft.tags, *typed_tags("--tag", a.tag)}))
    if "untag" in given:
        removed = typed_tags("--untag", a.untag)
        draft.tags = tuple(tag for tag in draft.tags if tag not in removed)
    if draft.promised and draft.next_due is None:
        raise UserError("--promised needs a --due date")
    return check_draft(draft)


def _typed_contact(draft: LeadDraft, given: Sequence[str]) -> LeadDraft:
    """The email and phone of the draft that this edit typed (a stored odd one is not news)."""
    from leadboard.domain.model import LeadDraft

    return LeadDraft(
        name=draft.name,
        email=draft.email if "email" in given else "",
        phone=draft.phone if "phone" in given else "",
    )


def _owner(typed: str) -> str:
    """An owner's name as typed, cleaned; an empty one is refused (a lead is always someone's)."""
    from leadboard.domain.text import clean_input

    owner = clean_input(typed).strip()
    if not owner:
        raise UserError("an owner needs a name: a rep's, like sam")
    return owner


def _save(ctx: Context, lead: Lead, draft: LeadDraft, touched: Sequence[str]) -> Lead:
    """Save the draft over the version read (or --if-version's); stale: what it is now."""
    from leadboard.store.errors import StaleLead

    expected = ctx.args.if_version
    if expected is not None and expected < 1:
        raise UserError("--if-version must be 1 or more (a lead starts at version 1)")
    assert lead.id is not None
    try:
        if expected is None or expected == lead.version:
            # Over the lead just read: a save between that read and this write is named.
            return ctx.store.update(lead.id, draft, ctx.now, seen=lead)
        return ctx.store.update(lead.id, draft, ctx.now, if_version=expected)
    except StaleLead as err:
        raise UserError(str(err), now_lines(ctx, err.current, touched)) from None


def now_lines(ctx: Context, current: Lead, touched: Sequence[str]) -> list[str]:
    """The lead as it is now: its version, then each field the refused edit would have set."""
    from leadboard.domain.dates import format_local
    from leadboard.domain.money import decimal_text
    from leadboard.domain.text import clipped, printable

    options = {field: option for option, field in FIELDS.values()}
    lines = [f"  version: {current.version}"]
    for field in touched:
        value = getattr(current, field)
        if value is None:
            shown = "-"
        elif field == "value":
            shown = decimal_text(value, ctx.config.currency) or "-"
        elif field == "tags":
            shown = listed_tags(value) or "-"
        elif isinstance(value, bool):
            shown = "yes" if value else "no"
        elif hasattr(value, "in_tz"):
            shown = format_local(value, ctx.tz, now=ctx.now)
        else:
            shown = clipped(str(getattr(value, "value", value)), 200)
        # Named as the option is typed, so a script can pair each line with its option.
        lines.append(f"  {options[field].removeprefix('--')}: {printable(shown)}")
    return lines
