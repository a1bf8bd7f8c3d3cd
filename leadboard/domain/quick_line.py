"""The words of a quick-entry line: `emma call talked +3d send the quote; wants 20 seats`.

Words are recognised in any order: a channel, an outcome (natural words, longest
phrase first), a direction, a date (the longest span of up to four free words that
parse_when reads, starting with a date-like word), `!` for a promise, `#12` or a
quoted name for the lead. What is left are the free words, in runs between the
recognised ones; actions.quick decides which of them name the lead, and the rest is
the next step. Text after the first `;` is the note. Pure: no store, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.domain.date_forms import MONTHS, WEEKDAYS
from leadboard.domain.date_parsing import parse_when
from leadboard.domain.dates import DateParseError, DateReading
from leadboard.domain.model import Channel, Direction, Outcome
from leadboard.domain.text import clean_input, clipped

CHANNEL_WORDS: dict[str, Channel] = {
    **dict.fromkeys(("call", "called", "phone", "phoned", "rang", "ring"), Channel.CALL),
    **dict.fromkeys(("email", "emailed", "mail", "mailed", "e-mail"), Channel.EMAIL),
    **dict.fromkeys(("text", "texted", "sms", "whatsapp"), Channel.TEXT),
    "voicemail": Channel.VOICEMAIL,
    **dict.fromkeys(("postcard", "letter"), Channel.POSTCARD),
    **dict.fromkeys(("social", "linkedin", "dm"), Channel.SOCIAL),
    **dict.fromkeys(("video", "zoom"), Channel.VIDEO),
    **dict.fromkeys(("visit", "in-person", "f2f"), Channel.MEETING),
    "other": Channel.OTHER,
}
"""The words for each channel (lower case)."""

OUTCOME_WORDS: dict[str, Outcome] = {
    **dict.fromkeys(
        ("no answer", "na", "no reply", "no response", "unanswered", "no_answer"),
        Outcome.NO_ANSWER,
    ),
    **dict.fromkeys(
        ("vm", "left msg", "left message", "left vm", "lm", "left_message"), Outcome.LEFT_MESSAGE
    ),
    **dict.fromkeys(("replied", "reply", "answered", "responded", "wrote back"), Outcome.REPLIED),
    **dict.fromkeys(("talked", "spoke", "spoken", "chatted", "connected"), Outcome.TALKED),
    **dict.fromkeys(
        ("meeting", "booked", "meeting booked", "demo booked", "meeting_booked"),
        Outcome.MEETING_BOOKED,
    ),
    **dict.fromkeys(("objection", "objected", "pushback"), Outcome.OBJECTION),
    **dict.fromkeys(
        ("not interested", "ni", "declined", "no thanks", "not_interested"),
        Outcome.NOT_INTERESTED,
    ),
    **dict.fromkeys(("won", "signed"), Outcome.WON),
    "lost": Outcome.LOST,
}
"""The words and phrases for each outcome (lower case); the longest phrase is taken first."""

INBOUND_WORDS = frozenset(("inbound", "incoming", "<-"))
"""Words saying the lead reached us."""

SHOWN_OUTCOMES = "talked, no answer, vm, replied, meeting, objection, not interested, won, lost"
"""The outcome words a problem suggests."""

_DAY_WORDS = ("today", "tomorrow", "yesterday", "next", "this", "in", "noon", "now", "at")
DATE_STARTS = frozenset((*_DAY_WORDS, *WEEKDAYS, *MONTHS))
"""Words a date may start with, besides a digit or a signed digit ('+3d').

A date must start with one of these so that ordinary next-step words are not read as
one: 'in person' and 'may need pricing' are not dates (parse_when refuses them),
'next week', 'in 3 days' and 'fri 10:00' are.
"""

DATE_SPAN = 4
"""The most words one date takes ('next fri 10:00 am' is four)."""

DATE_TRIES = 40
"""Date-like words tried at the most: a pasted page of numbers is not run through parse_when."""

LEAD_FILLER = frozenset(("with", "to", "w/"))
"""Words before a name that are not part of it ('call with emma')."""

_PHRASE_WORDS = max(len(phrase.split()) for phrase in OUTCOME_WORDS)
_QUOTED = re.compile(r'"([^"]+)"')
_QUOTE_MARK = "\x00quoted"
_ID = re.compile(r"#(\d{1,18})")
_SIGNED_DIGIT = re.compile(r"[+-]\d")
_TRAILING = ",.:"

ACTION_OBJECTS = frozenset(
    ("back", "again", "later", "them", "him", "her", "about", "re", "to", "the", "a", "an")
)
"""Words that make a channel word an action of the next step: 'call back', 'email the deck'."""


@dataclass(frozen=True)
class QuickWords:
    """What a quick line says, word by word, before any lead is looked up."""

    text: str
    """The line as cleaned (controls and escapes removed)."""
    lead_id: int | None
    quoted_name: str
    lead_runs: tuple[tuple[str, ...], ...]
    """Runs of free words before the first and between recognised words, in order."""
    trailing: tuple[str, ...]
    """The free words after the last recognised word: the next step, as a rule."""
    channel: Channel | None
    outcome: Outcome | None
    direction: Direction
    due: DateTime | None
    due_words: str
    promise: bool
    note: str
    problems: tuple[str, ...]
    outcome_words: str = ""
    """The words that gave the outcome, as typed ('left msg')."""

    @property
    def next_step_words(self) -> tuple[str, ...]:
        """Every free word, in order: what is left once the lead's words are taken out."""
        return tuple(word for run in (*self.lead_runs, self.trailing) for word in run)


def _key(word: str) -> str:
    """A word as compared with the keyword tables: lower case, no trailing comma or period."""
    return word.lower().rstrip(_TRAILING) or word.lower()


def _outcome_at(keys: list[str], index: int) -> tuple[int, Outcome] | None:
    """The longest outcome phrase starting at `index`: (words it takes, outcome)."""
    for size in range(_PHRASE_WORDS, 0, -1):
        phrase = " ".join(keys[index : index + size])
        if len(keys) - index >= size and phrase in OUTCOME_WORDS:
            return size, OUTCOME_WORDS[phrase]
    return None


def _date_like(word: str) -> bool:
    key = _key(word).rstrip("!")
    return bool(key) and (key[0].isdigit() or bool(_SIGNED_DIGIT.match(key)) or key in DATE_STARTS)


class _Reader:
    """One pass over the words of a line, marking what each one is."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.keys = [_key(word) for word in words]
        self.kind: list[str] = [""] * len(words)  # "" free, else what recognised it
        self.channel: Channel | None = None
        self.outcomes: list[tuple[Outcome, str]] = []
        self.direction = Direction.OUT
        self.promise = False
        self.lead_id: int | None = None

    def _plain(self, index: int) -> bool:
        """True for a word no table knows and no date starts with: it can only be text."""
        key = self.keys[index]
        return not (
            key in CHANNEL_WORDS
            or key in INBOUND_WORDS
            or _outcome_at(self.keys, index) is not None
            or self.words[index] in ("!", _QUOTE_MARK)
            or _ID.fullmatch(self.words[index])
            or _date_like(self.words[index])
        )

    def _starts_rest(self, index: int) -> bool:
        """True where the next step starts: a plain word once the outcome is known.

        A channel word that reads as an action starts it too: 'vm call back fri' is a
        call back, not a call.
        """
        if not self.outcomes:
            return False
        if self._plain(index):
            return True
        following = index + 1
        return (
            self.keys[index] in CHANNEL_WORDS
            and following < len(self.words)
            and self.keys[following] in ACTION_OBJECTS
        )

    def keywords(self) -> None:
        """Mark the channel, outcome, direction, `!`, `#id` and quoted-name words."""
        index = 0
        rest = False
        while index < len(self.words):
            word, key = self.words[index], self.keys[index]
            rest = rest or self._starts_rest(index)
            if rest:
                # In the next step only `!` still counts (a date is looked for later):
                # 'book a meeting' or 'signed off by Ann' are words, not outcomes.
                if word == "!":
                    self.kind[index], self.promise = "!", True
                index += 1
                continue
            outcome = _outcome_at(self.keys, index)
            id_match = _ID.fullmatch(word)
            if word == _QUOTE_MARK:
                self.kind[index] = "name"
            elif word == "!":
                self.kind[index], self.promise = "!", True
            elif id_match is not None and self.lead_id is None:
                self.kind[index], self.lead_id = "id", int(id_match.group(1))
            elif key in INBOUND_WORDS:
                self.kind[index], self.direction = "direction", Direction.IN
            elif key in CHANNEL_WORDS and self.channel is None:
                # A second channel word is text: 'send the email' in the next step.
                self.kind[index], self.channel = "channel", CHANNEL_WORDS[key]
            elif outcome is not None:
                size, found = outcome
                for taken in range(index, index + size):
                    self.kind[taken] = "outcome"
                self.outcomes.append((found, " ".join(self.words[index : index + size])))
                index += size
                continue
            index += 1

    def date(self, now: DateTime, tz: str, reading: DateReading) -> tuple[DateTime | None, str]:
        """Find the first, longest span of free words that reads as a date, and mark it."""
        tries = 0
        for start, word in enumerate(self.words):
            if self.kind[start] or not _date_like(word):
                continue
            tries += 1
            if tries > DATE_TRIES:
                break
            for end in range(min(len(self.words), start + DATE_SPAN), start, -1):
                if any(self.kind[i] for i in range(start, end)):
                    continue
                span = self.words[start:end]
                promised = span[-1].endswith("!") and len(span[-1]) > 1
                text = " ".join([*span[:-1], span[-1].rstrip("!")]) if promised else " ".join(span)
                try:
                    due = parse_when(text, now, tz, reading)
                except DateParseError:
                    continue
                for i in range(start, end):
                    self.kind[i] = "date"
                self.promise = self.promise or promised
                return due, text
        return None, ""

    def runs(self) -> list[tuple[str, ...]]:
        """The runs of free words, in order; a recognised word ends a run."""
        runs: list[list[str]] = [[]]
        for word, kind in zip(self.words, self.kind, strict=True):
            if kind:
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append(word)
        return [tuple(run) for run in runs if run]

    def ends_free(self) -> bool:
        """True when the line's last word is free: the last run is the trailing one."""
        return bool(self.kind) and not self.kind[-1]


def read_quick_words(text: str, now: DateTime, tz: str, reading: DateReading) -> QuickWords:
    """Read a quick line into its parts; never raises, whatever was typed or pasted."""
    cleaned = clean_input(text)
    main, _, note = cleaned.partition(";")
    quoted = _QUOTED.search(main)
    quoted_name = ""
    if quoted is not None:
        quoted_name = " ".join(quoted.group(1).split())
        main = f"{main[: quoted.start()]} {_QUOTE_MARK} {main[quoted.end() :]}"
    reader = _Reader(main.split())
    reader.keywords()
    due, due_words = reader.date(now, tz, reading)
    runs = reader.runs()
    trailing: tuple[str, ...] = ()
    if runs and reader.ends_free():
        trailing = runs.pop()
    problems: list[str] = []
    outcomes = list(dict.fromkeys(outcome for outcome, _ in reader.outcomes))
    if len(outcomes) > 1:
        said = [words for outcome, words in reader.outcomes]
        shown = " and ".join(clipped(words, 20) for words in dict.fromkeys(said))
        problems.append(f"two outcomes: {shown}; keep one")
    first = reader.outcomes[0] if reader.outcomes else None
    return QuickWords(
        text=cleaned,
        lead_id=reader.lead_id,
        quoted_name=quoted_name,
        lead_runs=tuple(runs),
        trailing=trailing,
        channel=reader.channel,
        outcome=None if first is None else first[0],
        direction=reader.direction,
        due=due,
        due_words=due_words,
        promise=reader.promise,
        note=note.strip(),
        problems=tuple(problems),
        outcome_words="" if first is None else first[1],
    )
