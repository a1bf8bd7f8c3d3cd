"""Pools the demo draws from, built once per fill: people, companies, notes, scores, touches."""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Callable, Sequence
from itertools import accumulate

from leadboard.actions.demo import words
from leadboard.domain.followup import next_sequence_step
from leadboard.domain.model import Channel, Direction, Outcome
from leadboard.domain.scoring import score

_COMPANIES = 3_000
_CHANNELS = ("email", "call", "text", "meeting", "video", "social")
_CHANNEL_WEIGHTS = (35, 25, 20, 8, 7, 5)
# Contact kinds: channel, direction, outcome, weight.
_ACTIVE_KINDS = (
    ("email out no_answer 14", "email out replied 9", "email in replied 5",
     "call out no_answer 8", "voicemail out left_message 7", "call out talked 9",
     "call in talked 4", "text out no_answer 5", "text out replied 5", "text in replied 2",
     "call out meeting_booked 3", "email out meeting_booked 2", "meeting out talked 3",
     "video out talked 2", "email out objection 2", "call out objection 2",
     "meeting out objection 1", "social out no_answer 2", "social in replied 2",
     "postcard out no_answer 3", "call out not_interested 1", "other out talked 1")
)  # fmt: skip
_SILENT_KINDS = (
    "email out no_answer 5", "call out no_answer 3", "voicemail out left_message 3",
    "text out no_answer 2", "postcard out no_answer 1", "social out no_answer 1",
)  # fmt: skip
_WON_KINDS = ("call out won 3", "meeting out won 3", "email in won 2", "video out won 1")
_LOST_KINDS = ("call out lost 2", "email in lost 3", "email out lost 1", "meeting out lost 1")
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i", "đ": "d"})

ContactKind = tuple[str, str, str, tuple[str, ...], tuple[int, ...]]
"""Channel, direction, outcome, what was said, and steps[s]: the sequence step after it at s."""

Identity = tuple[str, str, str, str, str, str, int]
"""Name, company, title, email, phone, notes and the index of the business kind."""


def cumulative(weights: Sequence[float]) -> list[float]:
    """Running totals, for picking with bisect(totals, random() * totals[-1])."""
    return list(accumulate(weights))


def _ascii(text: str) -> str:
    """Lower-case ASCII for an email address: 'Zoë' -> 'zoe', 'Łukasz' -> 'lukasz'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLIT).lower())
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch == "-"))


def _words(spec: str) -> list[tuple[str, str]]:
    """'Zoë 山田:yamada' -> [('Zoë', 'zoe'), ('山田', 'yamada')]."""
    found = []
    for word in spec.split():
        shown, _, roman = word.partition(":")
        found.append((shown, roman or _ascii(shown)))
    return found


def _people(
    firsts: str, lasts: str, family_first: bool, sep: str
) -> list[tuple[str, tuple[str, ...]]]:
    """Every full name of a culture, with four email local parts (two of them 'first.last')."""
    people: list[tuple[str, tuple[str, ...]]] = []
    for first, first_ascii in _words(firsts):
        for last, last_ascii in _words(lasts):
            name = f"{last}{sep}{first}" if family_first else f"{first}{sep}{last}"
            dotted = f"{first_ascii}.{last_ascii}"
            people.append((name, (dotted, dotted, first_ascii, first_ascii[0] + last_ascii)))
    return people


def _kinds(specs: Sequence[str]) -> list[ContactKind]:
    """Contact kinds repeated by weight: channel, direction, outcome, notes, steps table."""
    kinds = []
    for spec in specs:
        channel, direction, outcome, weight = spec.split()
        notes = words.CONTACT_NOTES.get(outcome, ("",))
        # The domain's own rule, tabulated once: steps[s] is the step after a touch at step s.
        steps = tuple(
            next_sequence_step(step, Direction(direction), Outcome(outcome)) for step in range(7)
        )
        Channel(channel)  # a typo fails here, not as a bad row in the database
        kinds += [(channel, direction, outcome, ("", *notes), steps)] * int(weight)
    return kinds


_PHONES: tuple[Callable[[str], str], ...] = (
    lambda d: f"+1 {d[0:3]}-{d[3:6]}-{d[6:10]}",
    lambda d: f"({d[0:3]}) {d[3:6]}-{d[6:10]}",
    lambda d: f"{d[0:3]}.{d[3:6]}.{d[6:10]}",
    lambda d: f"+44 20 {d[2:6]} {d[6:10]}",
    lambda d: f"07{d[1:4]} {d[4:10]}",
    lambda d: f"+33 6 {d[2:4]} {d[4:6]} {d[6:8]} {d[8:10]}",
    lambda d: f"06 {d[2:4]} {d[4:6]} {d[6:8]} {d[8:10]}",
    lambda d: f"+49 30 {d[3:10]}",
    lambda d: f"+81 3-{d[2:6]}-{d[6:10]}",
    lambda d: f"+61 4{d[1:3]} {d[3:6]} {d[6:9]}",
)


class DemoPools:
    """Names, companies, titles, next steps, notes, referrers, scores and touches to pick from."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people = [_people(f, la, fam, sep) for _, f, la, fam, sep in words.CULTURES]
        self.culture_totals = cumulative([spec[0] for spec in words.CULTURES])
        surnames = [last for _, f, la, _, _ in words.CULTURES[:12] for last in la.split()]
        firsts = [first for _, f, _, _, _ in words.CULTURES[:12] for first in f.split()]
        self.companies = self._companies(surnames, firsts)
        generic = ("Owner", "Co-owner", "Founder", "Manager", "Marketing Lead", "")
        self.titles = [(*kind[2].split("|"), *generic) for kind in words.KINDS]
        self.steps = [
            (*(step.format(thing) for step in words.STEPS for thing in kind[1].split("|")),
             *words.GENERIC_STEPS)
            for kind in words.KINDS
        ]  # fmt: skip
        self.notes = self._notes()
        self.referrers = self._referrers(firsts, surnames)
        self.scores = [self._scores(rank) for rank in range(4)]
        self.preferred: list[str | None] = [None] * 40
        for channel, weight in zip(_CHANNELS, _CHANNEL_WEIGHTS, strict=True):
            self.preferred += [channel] * weight
        self.active_kinds = _kinds(_ACTIVE_KINDS)
        self.silent_kinds = _kinds(_SILENT_KINDS)
        self.won_kinds = _kinds(_WON_KINDS)
        self.lost_kinds = _kinds(_LOST_KINDS)

    def _companies(self, surnames: list[str], firsts: list[str]) -> list[tuple[str, str, int]]:
        """Small businesses: name, web domain and the index of their kind."""
        rng = self.rng
        companies = []
        for _ in range(_COMPANIES):
            kind = rng.randrange(len(words.KINDS))
            word = rng.choice(words.KINDS[kind][0].split("|"))
            shape = rng.random()
            if shape < 0.55:
                name = f"{rng.choice(words.PLACES)} {word}"
            elif shape < 0.85:
                name = f"{rng.choice(surnames)} {word}"
            elif shape < 0.93:
                name = f"{rng.choice(surnames)} & {rng.choice(surnames)}"
            else:
                name = f"{word} by {rng.choice(firsts)}"
            domain = _ascii(name.replace("&", "and")) + rng.choice(words.TLDS)
            companies.append((name, domain, kind))
        return companies

    def _notes(self) -> list[str]:
        """Lead notes: half empty, mostly one line, a few long or over several lines."""
        rng = self.rng
        notes = [""] * 450 + [rng.choice(words.NOTES) for _ in range(480)]
        notes += [" ".join(rng.sample(words.NOTES, rng.randint(2, 4))) for _ in range(55)]
        return notes + [rng.choice(words.LONG_NOTES) for _ in range(15)]

    def _referrers(self, firsts: list[str], surnames: list[str]) -> list[str]:
        """Who referred a lead: clients, partners, groups."""
        rng = self.rng
        groups = ["their accountant", "BNI chapter", "Chamber of Commerce", "a past client"]
        people = [f"{rng.choice(firsts)} {rng.choice(surnames)}" for _ in range(300)]
        return groups + people + [f"{person} (client)" for person in people[:100]]

    def _scores(self, rank: int) -> list[tuple[int, int, int, int]]:
        """Fit, interest and readiness that rise with the temperature, and their score."""
        rng = self.rng
        pool = []
        for _ in range(64):
            fit = rng.choices((0, 1, 2, 3), (1, 3, 4, 2))[0]
            interest = min(3, max(0, rank + rng.choice((-1, 0, 0, 1))))
            readiness = min(3, max(0, rank + rng.choice((-1, -1, 0, 0, 1))))
            pool.append((fit, interest, readiness, score(fit, interest, readiness)))
        return pool

    def identity(self) -> Identity:
        """Name, company, title, email, phone, notes and business kind of one lead."""
        r, bits = self.rng.random, self.rng.getrandbits
        company, domain, kind = self.companies[int(r() * len(self.companies))]
        notes = self.notes[int(r() * len(self.notes))]
        if r() < 0.08:
            company, domain = "", words.FREEMAIL[int(r() * len(words.FREEMAIL))]
        if r() < 0.002:
            name, local, notes = (
                words.HOSTILE[int(r() * len(words.HOSTILE))],
                "hello",
                words.HOSTILE_NOTE,
            )
        else:
            totals = self.culture_totals
            culture = self.people[bisect(totals, r() * totals[-1])]
            name, locals_ = culture[int(r() * len(culture))]
            local = locals_[bits(2)]
            if not company:
                local = f"{local}{bits(6) + 10}"  # the plain address was taken long ago
        email = f"{local}@{domain}" if r() >= 0.08 else ""
        phone = (
            _PHONES[int(r() * len(_PHONES))](str(2_000_000_000 + bits(33) % 8_000_000_000))
            if r() >= 0.1
            else ""
        )
        titles = self.titles[kind]
        title = titles[int(r() * len(titles))] if company else ""
        return name, company, title, email, phone, notes, kind
