"""Realistic sample leads for `leadboard demo` and screenshots, written fast through BulkWriter."""

from __future__ import annotations

import random
import time
import unicodedata
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from pendulum import DateTime

from leadboard import demo_words as words
from leadboard.domain.followup import next_sequence_step
from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.model import TEMPERATURES, Channel, Direction, Outcome
from leadboard.store.bulk import BulkWriter
from leadboard.store.leads import LeadStore
from leadboard.store.stats import record_session

BATCH = 5_000
"""Leads per write: big enough to amortize executemany, small enough to report progress often."""

_DAY = 86_400
_HISTORY_DAYS = 275  # about nine months of leads
_COMPANIES = 3_000
_OVERDUE = (0.18, 0.20, 0.22, 0.30)  # chance an active lead of each rank is overdue
_LAG_DAYS = (40, 25, 10, 3)  # how far past due an overdue lead of each rank may be
_PROMISE_DAYS = (21, 14, 10, 2)

_SOURCES = ("referral", "inquiry", "website", "event", "purchased_list", "social", "other")
_SOURCE_WEIGHTS = (18, 14, 20, 10, 22, 10, 6)
# Per source: temperature weights (cold..hot), then status weights (active, won, lost, inactive).
_BY_SOURCE = (
    ((2, 13, 50, 35), (82, 12, 4, 2)),
    ((5, 30, 40, 25), (84, 8, 5, 3)),
    ((20, 50, 20, 10), (85, 5, 6, 4)),
    ((15, 40, 30, 15), (85, 6, 5, 4)),
    ((70, 28, 2, 0), (87, 1.5, 5, 6.5)),
    ((25, 50, 18, 7), (86, 4, 5, 5)),
    ((30, 45, 17, 8), (86, 4, 5, 5)),
)
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
_Kind = tuple[str, str, str, tuple[str, ...], tuple[int, ...]]
_STATUSES = ("active", "won", "lost", "inactive")
_Row = tuple[object, ...]
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i", "đ": "d"})


@dataclass(frozen=True)
class DemoResult:
    """How many leads and contacts `fill_demo` added."""

    leads: int
    contacts: int


def fill_demo(
    store: LeadStore,
    count: int,
    now: DateTime,
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Append `count` varied sample leads with contacts and temperature history, in one go."""
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")
    cadence = tuple(store.policy.cadence_days(temp) * _DAY for temp in TEMPERATURES)
    # Contacts fall in the rep's working hours; today's offset is close enough all year.
    offset = now.in_tz(store.policy.tz).utcoffset()
    zone = int(offset.total_seconds()) if offset is not None else 0
    demo = _Demo(random.Random(seed), int(now.timestamp()), cadence, zone)
    contacts = 0
    with BulkWriter(store.db) as writer:
        first_id = writer.next_lead_id()
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            batch = demo.batch(first_id + start, size)
            writer.write(*batch)
            contacts += len(batch[1])
            if progress is not None:
                progress(start + size, count)
    _past_sessions(store, now)
    return DemoResult(leads=count, contacts=contacts)


DEMO_SESSION_WEEKS = (1, 2, 3, 5, 6)
"""Weeks ago a demo rep ran a follow-up session: a streak of three, broken once before."""


def _past_sessions(store: LeadStore, now: DateTime) -> None:
    """A few finished Monday-morning sessions, so the stats show a streak on demo data."""
    for weeks_ago in DEMO_SESSION_WEEKS:
        started = now.subtract(weeks=weeks_ago).in_tz(store.policy.tz).start_of("week").add(hours=9)
        record_session(
            store.db, started, started.add(minutes=95), queued=30, worked=24, moved=3, won=1
        )


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


def _cumulative(weights: Sequence[float]) -> list[float]:
    """Running totals, for picking with bisect(totals, random() * totals[-1])."""
    return list(accumulate(weights))


def _kinds(specs: Sequence[str]) -> list[_Kind]:
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


class _Demo:
    """Pools of names, companies and texts built once; rows made from integer epoch seconds."""

    def __init__(
        self, rng: random.Random, now: int, cadence: tuple[int, ...], zone: int = 0
    ) -> None:
        self.rng = rng
        earliest = now - _HISTORY_DAYS * _DAY
        self.when = (now, earliest, cadence, zone)
        self.people = [_people(f, la, fam, sep) for _, f, la, fam, sep in words.CULTURES]
        self.culture_totals = _cumulative([spec[0] for spec in words.CULTURES])
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
        self.source_totals = _cumulative(_SOURCE_WEIGHTS)
        self.by_source = [(_cumulative(t), _cumulative(s)) for t, s in _BY_SOURCE]
        self.preferred: list[str | None] = [None] * 40
        for channel, weight in zip(_CHANNELS, _CHANNEL_WEIGHTS, strict=True):
            self.preferred += [channel] * weight
        self.active_kinds = _kinds(_ACTIVE_KINDS)
        self.silent_kinds = _kinds(_SILENT_KINDS)
        self.won_kinds = _kinds(_WON_KINDS)
        self.lost_kinds = _kinds(_LOST_KINDS)
        # Times become text by table lookup: a day's "YYYY-MM-DDT" plus a second's "HH:MM:SSZ".
        reach = max(cadence) + 60 * _DAY
        self.first_day = (min(earliest, now - reach) - 60 * _DAY) // _DAY
        last_day = (now + reach) // _DAY
        self.days = [
            time.strftime("%Y-%m-%dT", time.gmtime(day * _DAY))
            for day in range(self.first_day, last_day + 1)
        ]
        self.seconds = [
            f"{hour:02d}:{minute:02d}:{second:02d}Z"
            for hour in range(24)
            for minute in range(60)
            for second in range(60)
        ]

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

    def _scores(self, rank: int) -> list[tuple[int, int, int]]:
        """Fit, interest and readiness that rise with the temperature."""
        rng = self.rng
        pool = []
        for _ in range(64):
            fit = rng.choices((0, 1, 2, 3), (1, 3, 4, 2))[0]
            interest = min(3, max(0, rank + rng.choice((-1, 0, 0, 1))))
            readiness = min(3, max(0, rank + rng.choice((-1, -1, 0, 0, 1))))
            pool.append((fit, interest, readiness))
        return pool

    def batch(self, first_id: int, size: int) -> tuple[list[_Row], list[_Row], list[_Row]]:
        """Lead, contact and temperature-change tuples for `size` leads from `first_id` on."""
        r, bits, now, _, cadence, zone = self.rng.random, self.rng.getrandbits, *self.when
        days, seconds, first_day = self.days, self.seconds, self.first_day
        today = now - (now + zone) % _DAY  # the rep's midnight
        # Before 07:00 the day's moments go to the evening before, after its 19:00.
        morning = today + 7 * 3600 if now - today >= 7 * 3600 else today - 5 * 3600
        squeeze = (now - morning) / max(now - today, 1)

        def text(moment: int) -> str:
            return days[moment // _DAY - first_day] + seconds[moment % _DAY]

        def working(moment: int) -> int:
            # Into the rep's working hours, keeping order: 00:00..24:00 -> 07:00..19:00,
            # and today's moments squeezed into morning..now so none lands after now.
            if moment >= today:
                return morning + int((moment - today) * squeeze)
            second = (moment + zone) % _DAY
            return moment - second + 25_200 + (second >> 1)

        source_totals, by_source, scores = self.source_totals, self.by_source, self.scores
        referrers, preferred = self.referrers, self.preferred
        leads: list[_Row] = []
        contacts: list[_Row] = []
        changes: list[_Row] = []
        for lead_id in range(first_id, first_id + size):
            source = bisect(source_totals, r() * source_totals[-1])
            temp_totals, status_totals = by_source[source]
            rank = bisect(temp_totals, r() * temp_totals[-1])
            status = bisect(status_totals, r() * status_totals[-1])
            # Customers were mostly hot when they bought; lost and lapsed leads had cooled.
            if status == 1 and rank < 3 and r() < 0.6:
                rank += 1
            elif status > 1 and rank > 0 and r() < 0.4:
                rank -= 1

            name, company, title, email, phone, notes, kind = self._identity()
            steps = self.steps[kind]
            fit, interest, readiness = scores[rank][bits(6)]
            referred_by = referrers[int(r() * len(referrers))] if source == 0 else ""

            # Raw moments first (uniform, at or before now), then moved into working hours.
            cad = cadence[rank]
            created, end, kinds = self._timeline(status, rank)
            count = len(kinds)
            if count > 1:
                # The first touch comes soon after the lead arrives: speed matters most.
                opening = created + int(min(r() * r() * 2 * _DAY, (end - created) / 2))
                middle = sorted([opening + int(r() * (end - opening)) for _ in range(count - 2)])
                moments = [working(opening), *[working(m) for m in middle], working(end)]
            else:
                moments = [working(end)] if count else []
            created_text = text(working(created))
            step = 1
            for contact_kind in kinds:
                step = contact_kind[4][step]

            promised = 0
            due_text = won_text = lost_text = inactive_text = last_text = None
            lost_reason = ""
            updated = moments[-1] if count else working(created)
            if status == 0:
                next_step = steps[int(r() * len(steps))]
                if count:
                    due = updated + cad
                    if r() < 0.05:
                        # A date promised to the lead: a round hour on a nearby day.
                        day = today + (int(r() * (_PROMISE_DAYS[rank] + 2)) - 1) * _DAY
                        promise = day + (9, 10, 14, 16)[bits(2)] * 3600
                        if promise > updated:
                            due, promised = promise, 1
                    due_text = text(due)
                else:
                    due_text = created_text
            elif status == 1:
                next_step = words.WON_STEPS[bits(2)]
                won_text = text(updated)
            elif status == 2:
                next_step = ""
                lost_reason = words.LOST_REASONS[int(r() * len(words.LOST_REASONS))]
                lost_text = text(updated)
            else:
                next_step = "Try again next season" if r() < 0.5 else ""
                updated = working(min(now, end + int(r() * 10 * _DAY)))
                inactive_text = text(updated)

            if count:
                final = count - 1
                cad_days = cad // _DAY
                for index in range(final):
                    # text() inlined, the due text sharing the time of day (the cadence is
                    # whole days): this loop runs millions of times for a big demo.
                    at = moments[index]
                    day, clock = at // _DAY - first_day, seconds[at % _DAY]
                    channel, direction, outcome, said, _ = kinds[index]
                    contacts.append(
                        (lead_id, days[day] + clock, channel, direction, outcome,
                         said[int(r() * len(said))], steps[int(r() * len(steps))],
                         days[day + cad_days] + clock)
                    )  # fmt: skip
                last_text = text(moments[final])
                channel, direction, outcome, said, _ = kinds[final]
                note = said[int(r() * len(said))]
                contacts.append(
                    (lead_id, last_text, channel, direction, outcome, note, next_step, due_text)
                )
                if r() < 0.3:
                    start, moved = self._moves(lead_id, rank, created, end, working, text)
                    changes.append((lead_id, created_text, None, start))
                    changes += moved
                else:
                    changes.append((lead_id, created_text, None, rank))
            else:
                changes.append((lead_id, created_text, None, rank))

            leads.append(
                (lead_id, name, company, title, email, phone, email_key(email), phone_key(phone),
                 preferred[int(r() * len(preferred))], _SOURCES[source], referred_by, rank,
                 _STATUSES[status], fit, interest, readiness, fit + interest + readiness,
                 next_step, due_text, promised, step, notes, "", lost_reason, created_text,
                 text(updated), last_text, won_text, lost_text, inactive_text)
            )  # fmt: skip
        return leads, contacts, changes

    def _timeline(self, status: int, rank: int) -> tuple[int, int, list[_Kind]]:
        """When a lead arrived, when it was last touched, and its touches in order."""
        r = self.rng.random
        now, earliest, cadence, _ = self.when
        active = self.active_kinds
        if status == 0:
            new = r()
            if new < 0.04:
                # Just arrived and not yet touched: due the moment it came in.
                created = now - int(r() * 3 * _DAY)
                return created, created, []
            cad = cadence[rank]
            if new < 0.04 + _OVERDUE[rank]:
                end = now - cad - 600 - int(r() * r() * _LAG_DAYS[rank] * _DAY)
            else:
                end = now - int(r() * cad)
            created = end - int(r() * max(end - earliest, 0))
            count = 1 + min(7, int(r() * r() * (2 + (end - created) / (20 * _DAY))))
            return created, end, [active[int(r() * len(active))] for _ in range(count)]
        end = now - _DAY // 2 - int(r() * (_HISTORY_DAYS - 2) * _DAY)
        if status == 3:
            # Five silent touches take weeks, so the lead is older than that.
            created = end - 20 * _DAY - int(r() * max(end - 20 * _DAY - earliest, 0))
            silent = self.silent_kinds
            kinds = [active[int(r() * len(active))] for _ in range(int(r() * r() * 4))]
            return created, end, kinds + [silent[int(r() * len(silent))] for _ in range(5)]
        created = end - int(r() * (end - earliest))
        count = 1 + min(7, int(r() * r() * (2 + (end - created) / (20 * _DAY))))
        kinds = [active[int(r() * len(active))] for _ in range(count - 1)]
        closing = self.won_kinds if status == 1 else self.lost_kinds
        return created, end, [*kinds, closing[int(r() * len(closing))]]

    def _identity(self) -> tuple[str, str, str, str, str, str, int]:
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

    def _moves(
        self,
        lead_id: int,
        rank: int,
        created: int,
        end: int,
        working: Callable[[int], int],
        text: Callable[[int], str],
    ) -> tuple[int, list[_Row]]:
        """One or two moves before the last touch that end at the lead's temperature."""
        r = self.rng.random
        count = 1 if r() < 0.7 else 2
        way = 1 if r() < 0.6 else -1  # warming is more common than cooling
        start = rank - way * count
        if not 0 <= start <= 3:
            way, start = -way, rank + way * count
        moves: list[_Row] = []
        temp = start
        for moment in sorted([created + int(r() * (end - created)) for _ in range(count)]):
            moves.append((lead_id, text(working(moment)), temp, temp + way))
            temp += way
        return start, moves
