"""The message for a lead's sequence step: filled from the templates, copied with OSC 52.

`App.copy_to_clipboard` writes the OSC 52 sequence, which most terminals (and tmux with
`set -g set-clipboard on`) turn into the local clipboard, over SSH too.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from leadboard.actions.leads import short
from leadboard.config import Config
from leadboard.domain.model import Channel, Lead
from leadboard.domain.templates import FilledMessage, TemplateError, message_channel
from leadboard.message_templates import TemplateLibrary


def message_for(
    templates: TemplateLibrary, config: Config, lead: Lead, channel: Channel | None = None
) -> FilledMessage:
    """The filled message for the lead's step on `channel` (default: their preferred one)."""
    return templates.message(
        lead,
        channel or message_channel(lead),
        my_name=config.owner,
        signature=config.signature,
    )


def app_message(
    app: App[Any], lead: Lead, channel: Channel | None = None
) -> FilledMessage | TemplateError | None:
    """The message from the running app's templates; None in an app without a board."""
    # Read from the app, as dialogs read the date settings: no dialog carries them along.
    data = getattr(app, "data", None)
    templates = getattr(data, "templates", None)
    config = getattr(data, "config", None)
    if not isinstance(templates, TemplateLibrary) or not isinstance(config, Config):
        return None
    try:
        return message_for(templates, config, lead, channel)
    except TemplateError as err:
        return err


def copy_message_of(
    app: App[Any], lead: Lead, message: FilledMessage | TemplateError | None
) -> tuple[str, bool]:
    """Copy a filled message to the clipboard; what to tell the rep, and whether it failed."""
    if message is None:
        return "no message templates here", True
    if isinstance(message, TemplateError):
        return f"not copied: {message}", True
    app.copy_to_clipboard(message.text())
    return (
        f"Copied the step {message.step} {message.kind.value} message for {short(lead)} "
        "to the clipboard",
        False,
    )


def copy_message(
    app: App[Any],
    templates: TemplateLibrary,
    config: Config,
    lead: Lead,
    channel: Channel | None = None,
) -> tuple[str, bool]:
    """Copy the lead's message to the clipboard; what to tell the rep, and whether it failed."""
    try:
        message: FilledMessage | TemplateError = message_for(templates, config, lead, channel)
    except TemplateError as err:
        message = err
    return copy_message_of(app, lead, message)
