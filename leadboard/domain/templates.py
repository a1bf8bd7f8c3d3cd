"""Message templates: the words for a sequence step, checked, then filled in for one lead."""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from leadboard.domain.default_templates import DEFAULT_TEXTS, GENERIC_TEXTS
from leadboard.domain.model import Channel, Lead
from leadboard.domain.text import clean_input, printable


class ChannelKind(StrEnum):
    """What a template is written for: a short text or script, or an email with a subject."""

    SHORT = "short"
    EMAIL = "email"


def channel_kind(channel: Channel) -> ChannelKind:
    """Email gets an email; every other channel a short text, voicemail or call script."""
    return ChannelKind.EMAIL if channel is Channel.EMAIL else ChannelKind.SHORT


def message_channel(lead: Lead) -> Channel:
    """The channel a message for the lead is written for: the one they prefer, else a call."""
    return lead.preferred_channel or Channel.CALL


PLACEHOLDERS: tuple[str, ...] = ("first_name", "company", "next_step", "my_name", "signature")
"""What a template may say in braces, as {first_name}; {{ and }} are literal braces."""

_KNOWN = f"(known: {', '.join(PLACEHOLDERS)})"
_SUBJECT = "subject:"
_FORMATTER = string.Formatter()
_SHOWN_MAX = 40
"""How much of a bad placeholder an error quotes: enough to spot it, never a screenful."""


class TemplateError(ValueError):
    """A template that cannot be used; str(err) names the file, the line and what is wrong."""


@dataclass(frozen=True)
class Template:
    """The words for one step and kind, checked; `source` is 'default' or the file's path."""

    step: int
    kind: ChannelKind
    subject: str
    body: str
    source: str


@dataclass(frozen=True)
class FilledMessage:
    """A template filled in for one lead: what `y` copies and `leadboard template` prints."""

    step: int
    step_name: str
    channel: Channel
    kind: ChannelKind
    subject: str
    body: str
    source: str

    def text(self) -> str:
        """The message as a mail tool takes it: 'Subject: ...', a blank line, the body."""
        if self.kind is ChannelKind.EMAIL:
            return f"Subject: {self.subject}\n\n{self.body}"
        return self.body


def parse_template(
    text: str, *, step: int, kind: ChannelKind, where: str, source: str = ""
) -> Template:
    """Check a template's text line by line; TemplateError names the first bad line.

    `where` starts each error (a file's name); `source` is what the template says it
    came from (a file's path, or 'default'), `where` when not given.
    """
    lines = clean_input(text, multiline=True).split("\n")
    subject, first = "", 0
    if kind is ChannelKind.EMAIL:
        subject, first = _subject(lines, where)
    for number, line in enumerate(lines[first:], start=first + 1):
        _check_line(line, f"{where} line {number}")
    while first < len(lines) and not lines[first].strip():
        first += 1  # the blank line(s) between the subject and the body
    body = "\n".join(line.rstrip() for line in lines[first:]).rstrip()
    if not body:
        raise TemplateError(f"{where}: the message is empty")
    return Template(step, kind, subject, body, source or where)


def _subject(lines: list[str], where: str) -> tuple[str, int]:
    """An email's Subject line and the index after it; the subject checked as any line."""
    head = lines[0]
    if not head.lower().startswith(_SUBJECT):
        raise TemplateError(f"{where} line 1: an email template starts with 'Subject: ...'")
    _check_line(head, f"{where} line 1")
    subject = head[len(_SUBJECT) :].strip()
    if not subject:
        raise TemplateError(f"{where} line 1: the subject is empty")
    return subject, 1


def _check_line(line: str, where: str) -> None:
    """Refuse an unknown placeholder, a format spec or conversion, an unmatched brace."""
    try:
        parts = list(_FORMATTER.parse(line))
    except ValueError:
        raise TemplateError(
            f"{where}: unmatched brace (write {{{{ or }}}} for a brace in the text)"
        ) from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        shown = _shown(name, spec, conversion)
        if name not in PLACEHOLDERS:
            raise TemplateError(f"{where}: unknown placeholder {shown} {_KNOWN}")
        if conversion is not None or spec:
            raise TemplateError(f"{where}: {shown} takes no format or conversion; write {{{name}}}")


def _shown(name: str, spec: str | None, conversion: str | None) -> str:
    """The placeholder as the rep wrote it, safe and short enough for a one-line message."""
    written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
    written = printable(written)
    if len(written) > _SHOWN_MAX:
        return written[: _SHOWN_MAX - 2] + "…}"
    return written + "}"


def fill(
    template: Template,
    lead: Lead,
    *,
    step_name: str,
    channel: Channel,
    my_name: str,
    signature: str,
) -> FilledMessage:
    """The template with the lead's and the rep's words in, each inserted as literal text."""
    name = clean_input(my_name).strip() or "me"
    values = {
        "first_name": first_name(lead.name) or "there",
        "company": clean_input(lead.company).strip() or "your team",
        "next_step": clean_input(lead.next_step).strip() or "a short call",
        "my_name": name,
        "signature": clean_input(signature, multiline=True).strip() or name,
    }
    return FilledMessage(
        step=template.step,
        step_name=step_name,
        channel=channel,
        kind=template.kind,
        # A subject is one line, even with the signature's lines in it.
        subject=" ".join(_filled(template.subject, values).split("\n")),
        body=_filled(template.body, values),
        source=template.source,
    )


def _filled(text: str, values: Mapping[str, str]) -> str:
    """The checked text with each placeholder replaced; the values are never parsed."""
    return "".join(_pieces(text, values))


def _pieces(text: str, values: Mapping[str, str]) -> Iterator[str]:
    for literal, name, _, _ in _FORMATTER.parse(text):
        yield literal
        if name is not None:
            yield values[name]


HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "prof"})
"""Titles before a name, written with or without a full stop: 'Dr. Jane Smith' is Jane."""


def first_name(name: str) -> str:
    """The name to greet a lead by: 'Emma' for 'Emma Hughes', 'Hughes, Emma' or 'Dr Emma Hughes'.

    A title with only a surname after it stays whole ('Dr Smith'): 'Hi Smith' is rude.
    """
    cleaned = clean_input(name).strip()
    last, comma, rest = cleaned.partition(",")
    if comma and len(last.split()) == 1 and rest.split():
        cleaned = rest  # 'Hughes, Emma', as address books and CRMs export
    words = cleaned.split()
    if words and words[0].rstrip(".").lower() in HONORIFICS:
        if len(words) == 1:
            return ""  # a title alone greets no one: the fallback reads better
        return words[1] if len(words) >= 3 else " ".join(words)
    return words[0].rstrip(",") if words else ""


def _pair(texts: Mapping[str, str]) -> Mapping[ChannelKind, str]:
    return MappingProxyType({ChannelKind(kind): text for kind, text in texts.items()})


DEFAULT_TEMPLATES: Mapping[str, Mapping[ChannelKind, str]] = MappingProxyType(
    {name: _pair(texts) for name, texts in DEFAULT_TEXTS.items()}
)
"""The shipped words, as template files read, by default step name then kind."""

GENERIC_TEMPLATES: Mapping[ChannelKind, str] = _pair(GENERIC_TEXTS)
"""The shipped words for a step whose name is not one of the defaults."""


def default_text(step_name: str, kind: ChannelKind) -> str:
    """The shipped words for a step by its name (any case and spacing), else the generic ones."""
    key = " ".join(step_name.split()).casefold()
    return DEFAULT_TEMPLATES.get(key, GENERIC_TEMPLATES)[kind]


def default_template(step: int, step_name: str, kind: ChannelKind) -> Template:
    """The shipped template for a step of the configured sequence."""
    return parse_template(
        default_text(step_name, kind),
        step=step,
        kind=kind,
        where=f"the default {kind} template",
        source="default",
    )
