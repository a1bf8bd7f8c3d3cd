"""The rep's own message templates: one plain-text file per step and kind, reloaded on change.

The files live beside the config file, in templates/: step-2-email.txt,
step-2-short.txt, N the step's number in the configured sequence. A step with no
file gets the words leadboard ships for its name (domain.templates).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from leadboard.domain.model import Channel, Lead
from leadboard.domain.sequence import FollowUpSequence
from leadboard.domain.templates import (
    ChannelKind,
    FilledMessage,
    Template,
    TemplateError,
    channel_kind,
    default_template,
    default_text,
    fill,
    parse_template,
)
from leadboard.paths import PRIVATE_FILE, os_failure, private_folder, shown

MAX_TEMPLATE_BYTES = 64 * 1024
"""A template is a message: a file past this is a mistake (a log, a paste), not words to send."""

_NO_FILE = {errno.ENOENT, errno.ENOTDIR}
"""A stat that fails so: no file (or no templates folder), the shipped words."""

Stamp = tuple[int, int, int, int]
"""What one os.stat says of a file's contents: mtime_ns, ctime_ns, size, inode."""


def template_folder(config_file: Path) -> Path:
    """Where the rep's templates live: templates/ beside the config file."""
    return config_file.parent / "templates"


def template_name(step: int, kind: ChannelKind) -> str:
    """The file name of a step's template: 'step-2-email.txt'."""
    return f"step-{step}-{kind}.txt"


class TemplateLibrary:
    """The templates of a sequence: the rep's file when there is one, else the shipped words.

    Each call stats the file once and reads it again only when that changed, so
    the UI may ask on every redraw. A broken file raises TemplateError every time
    it is asked for (never the default in its place: the rep would send words
    they did not write and never learn why their edit had no effect).
    """

    def __init__(self, folder: Path, sequence: FollowUpSequence) -> None:
        self.folder = folder
        self.sequence = sequence
        self._files: dict[Path, tuple[Stamp, Template | TemplateError]] = {}
        self._defaults: dict[tuple[int, ChannelKind], Template] = {}

    def template(self, step: int, kind: ChannelKind) -> Template:
        """The template for a step (past the end: the last step's) and kind."""
        step = self.sequence.shown_step(step)
        path = self.folder / template_name(step, kind)
        try:
            found = os.stat(path)
        except OSError as err:
            if err.errno in _NO_FILE:
                self._files.pop(path, None)
                return self._default(step, kind)
            raise TemplateError(os_failure(err, path, "read")) from None
        stamp = (found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino)
        cached = self._files.get(path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, _read(path, step, kind, found.st_size))
            self._files[path] = cached
        if isinstance(cached[1], TemplateError):
            raise cached[1]
        return cached[1]

    def message(
        self,
        lead: Lead,
        channel: Channel,
        *,
        my_name: str,
        signature: str,
        step: int | None = None,
    ) -> FilledMessage:
        """The filled message for a lead on a channel, at its sequence step unless told."""
        shown_step = self.sequence.shown_step(lead.sequence_step if step is None else step)
        template = self.template(shown_step, channel_kind(channel))
        return fill(
            template,
            lead,
            step_name=self.sequence.label(shown_step),
            channel=channel,
            my_name=my_name,
            signature=signature,
        )

    def _default(self, step: int, kind: ChannelKind) -> Template:
        key = (step, kind)
        if key not in self._defaults:
            self._defaults[key] = default_template(step, self.sequence.label(step), kind)
        return self._defaults[key]


def _read(path: Path, step: int, kind: ChannelKind, size: int) -> Template | TemplateError:
    """A template file checked, or the one-line error that says why it cannot be used."""
    if size > MAX_TEMPLATE_BYTES:
        return TemplateError(f"{shown(path.name)}: too long for a message (over 64 KiB)")
    try:
        raw = path.read_bytes()
    except OSError as err:
        return TemplateError(os_failure(err, path, "read"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return TemplateError(f"{shown(path.name)} is not UTF-8 text: save it as UTF-8")
    try:
        return parse_template(text, step=step, kind=kind, where=shown(path.name), source=str(path))
    except TemplateError as err:
        return err


def write_defaults(folder: Path, sequence: FollowUpSequence) -> list[Path]:
    """Write the shipped template of every step the rep has no file for; the paths written.

    Never overwrites: a file that exists is the rep's. The folder is 0700 and each file
    0600, as everything else leadboard writes.
    """
    private_folder(folder)
    written = []
    for step, name in enumerate(sequence.steps, start=1):
        for kind in ChannelKind:
            path = folder / template_name(step, kind)
            if _write_new(path, default_text(name, kind)):
                written.append(path)
    return written


def _write_new(path: Path, text: str) -> bool:
    """Create the file with the text; False (nothing written) when it exists already."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), PRIVATE_FILE)  # the umask may have taken the owner's bits
        handle.write(text)
    return True
