"""Read one cell as a domain value: words other CRMs use, dates, numbers, yes/no.

Every reader raises RowError with a short reason; nothing is guessed. Words
for sources and channels that have no leadboard equivalent are not errors: the
caller keeps the original text in the notes.
"""

from __future__ import annotations

import functools
import re

from pendulum import DateTime

from leadboard.domain.imported import name_key as name_key  # re-exported: values.name_key
from leadboard.domain.model import Channel, Direction, Outcome, Source, Status, Temperature
from leadboard.domain.money import DEFAULT_CURRENCY, Currency, parse_value
from leadboard.domain.tags import TagError, parse_tags
from leadboard.domain.text import printable
from leadboard.files import status_map
from leadboard.files.columns import normalize_header
from leadboard.files.file_dates import read_date
from leadboard.files.file_errors import RowError

_SHOWN = 40


def shown(text: str) -> str:
    """A cell quoted in a reason: printable and short."""
    cleaned = printable(text)
    return cleaned if len(cleaned) <= _SHOWN else cleaned[: _SHOWN - 3] + "..."


def _words(table: dict[str, str]) -> dict[str, str]:
    """Expand {'value': 'word, word'} into {normalized word: value}; each value is its own word."""
    found = {normalize_header(value): value for value in table}
    found.update(
        (normalize_header(word), value)
        for value, words in table.items()
        for word in words.split(",")
    )
    return found


TEMPERATURE_WORDS = _words(
    {"hot": "hot lead", "warm": "warm lead", "cool": "cool lead", "cold": "cold lead"}
)

SOURCE_WORDS = _words(
    {
        "referral": "partner referral, employee referral, external referral, word of mouth, "
        "referrals, referred",
        "inquiry": "phone inquiry, enquiry, web inquiry, inbound",
        "website": "web, organic search, paid search, seo, web form, online, direct traffic",
        "event": "trade show, tradeshow, seminar, conference, webinar, fair",
        "purchased_list": "purchased list, list, bought list, purchased, list import",
        "social": "social media, linkedin, facebook, twitter, instagram",
        "other": "",
    }
)

CHANNEL_WORDS = _words(
    {
        "call": "phone, phone call, telephone, called",
        "email": "e mail, mail out",
        "text": "sms, text message, whatsapp",
        "voicemail": "voice mail",
        "postcard": "direct mail, letter, card",
        "social": "linkedin, facebook, twitter, instagram, social media",
        "video": "video call, zoom, teams",
        "meeting": "in person, visit, face to face",
        "other": "",
    }
)

OUTCOME_WORDS = _words(
    {
        "no_answer": "no answer, no reply, no response, unanswered",
        "left_message": "left message, left voicemail, voicemail, message left",
        "replied": "reply, responded, answered",
        "talked": "spoke, connected, conversation, talked to",
        "meeting_booked": "meeting booked, meeting scheduled, booked, meeting set",
        "objection": "objected",
        "not_interested": "not interested",
        "won": "closed won",
        "lost": "closed lost",
    }
)

DIRECTION_WORDS = _words(
    {"out": "outbound, outgoing, sent, we called", "in": "inbound, incoming, received"}
)

TRUE_WORDS = frozenset(("true", "yes", "y", "1", "x"))
FALSE_WORDS = frozenset(("false", "no", "n", "0"))


@functools.lru_cache(maxsize=1024)
def _normal(text: str) -> str:
    """normalize_header, remembered: a column of ratings or sources repeats a few words."""
    return normalize_header(text)


def _choice(words: dict[str, str], text: str, what: str, choices: str) -> str:
    """The canonical word for text, or RowError naming the choices."""
    found = words.get(_normal(text))
    if found is None:
        raise RowError(f'unknown {what} "{shown(text)}"; use {choices}')
    return found


def temperature(text: str) -> Temperature:
    """Hot, Warm, Cool, Cold (Salesforce ratings, Pipedrive labels 'Hot lead')."""
    return Temperature(_choice(TEMPERATURE_WORDS, text, "temperature", "hot, warm, cool or cold"))


def status(text: str) -> Status:
    """Active, won, lost, inactive, or another CRM's status or stage (files.status_map)."""
    return status_reading(text)[0]


def status_reading(text: str) -> status_map.Reading:
    """A status cell's status and temperature (files.status_map); RowError for an unknown word."""
    found = status_map.reading(text)
    if found is None:
        raise RowError(f'unknown status "{shown(text)}"; use active, won, lost or inactive')
    return found


def source(text: str) -> Source | None:
    """A lead source, or None when leadboard has no such source (the caller keeps the text)."""
    found = SOURCE_WORDS.get(_normal(text))
    return None if found is None else Source(found)


def channel(text: str) -> Channel | None:
    """A channel, or None when the word is not one leadboard knows."""
    found = CHANNEL_WORDS.get(_normal(text))
    return None if found is None else Channel(found)


def required_channel(text: str) -> Channel:
    """A contact's channel, which must be known."""
    return Channel(_choice(CHANNEL_WORDS, text, "channel", ", ".join(Channel)))


def outcome(text: str) -> Outcome:
    """A contact's outcome ('Left voicemail', 'meeting_booked')."""
    return Outcome(_choice(OUTCOME_WORDS, text, "outcome", ", ".join(Outcome)))


def direction(text: str) -> Direction:
    """Out (we reached out) or in (they did); empty is out."""
    if not text:
        return Direction.OUT
    return Direction(_choice(DIRECTION_WORDS, text, "direction", "out or in"))


def boolean(text: str, what: str) -> bool:
    """True/false, yes/no, 1/0."""
    word = text.strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowError(f'{what} "{shown(text)}" is not true or false')


def whole(text: str, what: str, low: int, high: int) -> int:
    """A whole number from low to high ('2' or '2.0' as spreadsheets write it)."""
    cleaned = text.strip().removesuffix(".0")
    if not cleaned.isascii() or not cleaned.isdigit() or not low <= int(cleaned) <= high:
        raise RowError(f'{what} "{shown(text)}" must be a whole number from {low} to {high}')
    return int(cleaned)


def moment(text: str, what: str, now: DateTime, tz: str, day_first: bool = True) -> DateTime:
    """A date or date-time cell as UTC (files.file_dates); one without a zone is in `tz`."""
    return read_date(text, what, now, tz, day_first)


def amount(text: str, currency: Currency = DEFAULT_CURRENCY) -> int | None:
    """A deal value cell ('€42,300.50', '42.300,50', '12k') as minor units of `currency`."""
    try:
        return parse_value(text, currency)
    except ValueError as err:
        raise RowError(str(err)) from None


_GOOGLE_GROUPS = re.compile(r"\s*:::\s*")
"""Google Contacts' Labels cell: '* myContacts ::: Friends', its own groups starred."""

_GOOGLE_OWN = frozenset({"mycontacts"})
"""The group Google puts every contact in (a vCard's CATEGORIES unstarred): no rep's tag."""


def tags(text: str) -> tuple[str, ...]:
    """A tags cell ('VIP; q4', 'big deal, vip', 'vip q4') as the stored tags."""
    if ":::" in text or text.startswith("*"):
        text = ", ".join(p for p in _GOOGLE_GROUPS.split(text) if not p.startswith("*"))
    try:
        return tuple(tag for tag in parse_tags(text) if tag not in _GOOGLE_OWN)
    except TagError as err:
        raise RowError(str(err)) from None
