"""`template`: a lead's message for its sequence step, filled in, for scripts and mail tools.

Heavy imports (the store, the templates) happen inside the command, so building
the parser for `--help` loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from leadboard.cli.completion import channels, completes
from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import LEAD_HELP, CommandFactory

if TYPE_CHECKING:
    from leadboard.domain.templates import FilledMessage

MESSAGE_KEYS = ("lead_id", "step", "step_name", "channel", "kind", "subject", "body", "source")
"""The keys of `leadboard template --format json`, in order."""


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    template = command(
        "template", "print a lead's message for its sequence step (or --init the files)"
    )
    template.add_argument("lead", nargs="?", help=LEAD_HELP)
    template.add_argument("--step", type=int, help="the step's words instead of the lead's step")
    template.add_argument(
        "--channel", help="call, email, text, ... (default: the lead's preferred, else call)"
    )
    template.add_argument(
        "--init",
        action="store_true",
        help="write leadboard's templates into the config folder to edit (never overwrites)",
    )
    completes(template, channel=channels)
    template.set_defaults(run=cmd_template)


def cmd_template(ctx: Context) -> int:
    """`leadboard template`."""
    a = ctx.args
    if a.init:
        if a.lead is not None or a.step is not None or a.channel is not None:
            raise UserError("--init writes the template files only: give it no lead or option")
        return _init(ctx)
    if a.lead is None:
        raise UserError("which lead? leadboard template LEAD (or --init to write the files)")
    return _print_message(ctx)


def _print_message(ctx: Context) -> int:
    """Print the filled message of one lead."""
    from leadboard.cli.render import csv_text, dumps, out
    from leadboard.domain.model import Channel
    from leadboard.domain.templates import TemplateError, message_channel
    from leadboard.domain.validation import parse_choice
    from leadboard.message_templates import TemplateLibrary, template_folder
    from leadboard.paths import config_path, shown

    a = ctx.args
    sequence = ctx.config.sequence
    if a.step is not None and not 1 <= a.step <= len(sequence.steps):
        raise UserError(f"--step must be 1 to {len(sequence.steps)}, a step of your sequence")
    channel = parse_choice(Channel, a.channel, "channel") if a.channel else None
    lead = ctx.lead(a.lead)
    library = TemplateLibrary(template_folder(config_path()), sequence)
    try:
        message = library.message(
            lead,
            channel or message_channel(lead),
            my_name=ctx.config.owner,
            signature=ctx.config.signature,
            step=a.step,
        )
    except TemplateError as err:
        fix = f"fix it in {shown(library.folder)}, or remove it to use leadboard's words"
        raise UserError(str(err), [fix]) from None
    shape = _message_json(lead.id, message)
    if ctx.format == "json":
        out(dumps(shape))
    elif ctx.format == "csv":
        out(csv_text([shape], MESSAGE_KEYS))
    else:
        out(_plain(message.text()))
    return EXIT_OK


def _message_json(lead_id: int | None, message: FilledMessage) -> dict[str, Any]:
    """The message as the JSON object scripts read."""
    return {
        "lead_id": lead_id,
        "step": message.step,
        "step_name": message.step_name,
        "channel": message.channel.value,
        "kind": message.kind.value,
        "subject": message.subject,
        "body": message.body,
        "source": message.source,
    }


def _plain(text: str) -> str:
    """The message safe for a terminal: its lines kept, no escape sequence in any of them."""
    from leadboard.domain.text import printable

    return "\n".join(printable(line) for line in text.split("\n"))


def _init(ctx: Context) -> int:
    """Write the shipped templates the rep does not have yet; say what was written where."""
    from leadboard.cli.render import dumps, out
    from leadboard.domain.templates import PLACEHOLDERS
    from leadboard.domain.wording import counted
    from leadboard.message_templates import template_folder, write_defaults
    from leadboard.paths import config_path, shown

    folder = template_folder(config_path())
    written = write_defaults(folder, ctx.config.sequence)
    if ctx.format == "json":
        out(dumps({"folder": str(folder), "written": [str(path) for path in written]}))
        return EXIT_OK
    every = counted(2 * len(ctx.config.sequence.steps), "template")
    if not written:
        out(f"All {every} are already in {shown(folder)}: nothing written.")
        return EXIT_OK
    out(f"Wrote {counted(len(written), 'template')} in {shown(folder)}:")
    out("\n".join(f"  {shown(path)}" for path in written))
    *first, last = ("{" + name + "}" for name in PLACEHOLDERS)
    names = f"{', '.join(first)} and {last}"
    out(f"Edit them as you like; {names} are filled in for each lead.")
    return EXIT_OK
