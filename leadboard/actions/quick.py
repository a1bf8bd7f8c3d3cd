"""The quick line's plan: which lead, what touch, and what the rules will do with it.

plan_quick is the one place a line becomes what gets logged: the board's and the
session's `:` line preview it and log it, `leadboard quick` logs it; the logging
itself is LeadActions.log, undo included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.actions.contacts import ContactEntry
from leadboard.domain.dates import DateReading, format_local
from leadboard.domain.followup import ContactEffect, Policy, effect_of_contact
from leadboard.domain.model import Direction, Lead, Outcome
from leadboard.domain.name_match import name_key, words_match
from leadboard.domain.quick_line import LEAD_FILLER, SHOWN_OUTCOMES, QuickWords, read_quick_words
from leadboard.domain.session import quick_channel
from leadboard.domain.text import clipped, printable
from leadboard.domain.wording import counted, number
from leadboard.store.errors import LeadNotFound
from leadboard.store.leads import LeadStore
from leadboard.store.search import TRIGRAM

SHOWN = 5
"""Candidates an ambiguous name lists."""

LOOKED_AT = 50
"""Leads a name's words are ranked among; more than this is 'and more'."""

NAME_WORDS = 4
"""The most words of a run tried as a name ('Anna Maria de Souza')."""

RUNS_TRIED = 3
"""Runs of free words tried as the lead's name: a long pasted line is not looked up word by word."""

CLOSING = frozenset((Outcome.WON, Outcome.LOST))
"""Outcomes that close the lead: no follow-up date."""

NO_FOLLOW_UP = CLOSING | {Outcome.NOT_INTERESTED}
"""Outcomes after which the rest of the line is a note, not a next step."""

EMPTY_LINE = "type a lead, a channel, an outcome, a date, a next step"


@dataclass(frozen=True)
class QuickPlan:
    """What a quick line will log, on which lead, and what the rules will make of it."""

    lead: Lead
    entry: ContactEntry
    effect: ContactEffect
    past_due: bool
    """True when a typed due date is before now: logged as typed, with a warning."""

    def summary(self, now: DateTime, tz: str) -> str:
        """One plain line: 'Emma Hughes · call · talked · due Fri 4 Dec 09:00 · next: send it'."""
        entry = self.entry
        channel = entry.channel.value
        if entry.direction is Direction.IN:
            channel += " in"
        parts = [clipped(self.lead.name, 40), channel]
        if entry.outcome in CLOSING:
            parts.append(f"marks {entry.outcome.value}")
        else:
            parts.append(entry.outcome.label)
        if entry.outcome not in CLOSING and self.effect.next_due is not None:
            word = "promised" if self.effect.promised else "due"
            parts.append(f"{word} {format_local(self.effect.next_due, tz, now=now)}")
        if entry.next_step:
            parts.append(f"next: {clipped(entry.next_step, 60)}")
        if entry.note:
            parts.append(f"note: {clipped(entry.note, 60)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class QuickProblem:
    """Why a quick line cannot be logged yet, and the leads an ambiguous name could mean."""

    message: str
    candidates: tuple[Lead, ...] = ()
    heading: str = ""
    """With candidates: the words before them in the summary ('"emma" matches 3 leads')."""
    more: int | None = 0
    """How many more leads match than are listed; None when too many were to count."""

    @property
    def more_words(self) -> str:
        """'and 2 more', 'and more', or '' when every candidate is listed."""
        if self.more is None:
            return "and more"
        return f"and {number(self.more)} more" if self.more else ""

    def summary(self) -> str:
        """One line; an ambiguous name lists its first candidates inline."""
        if not self.candidates:
            return self.message
        listed = [_named(lead) for lead in self.candidates]
        return f"{self.heading}: " + " · ".join(
            [*listed, self.more_words] if self.more_words else listed
        )


def _named(lead: Lead) -> str:
    """'Emma Hughes (Acme)', or the name alone."""
    name = clipped(lead.name, 40)
    return f"{name} ({clipped(lead.company, 30)})" if lead.company else name


def _quoted(words: Sequence[str]) -> str:
    return '"' + clipped(printable(" ".join(words)), 40) + '"'


def _ambiguous(words: Sequence[str], leads: Sequence[Lead], looked_at: int) -> QuickProblem:
    more = len(leads) >= looked_at
    count = f"{number(looked_at)} leads or more" if more else counted(len(leads), "lead")
    heading = f"{_quoted(words)} matches {count}"
    shown = tuple(leads[:SHOWN])
    return QuickProblem(
        f"{heading}: type more of the name or #id",
        shown,
        heading,
        more=None if more else len(leads) - len(shown),
    )


def rank(store: LeadStore, words: Sequence[str]) -> Lead | QuickProblem | None:
    """The one active lead these words name, a problem listing several, or None for none.

    An exact name (or 'name, company') wins outright; else the one lead whose name or
    company has each word whole; else the one lead whose words start with them.
    """
    like = store.named_like(words, LOOKED_AT)
    if not like:
        # An exact name is always among the prefix matches: none, and there is nothing.
        return None
    name = " ".join(words)
    exact = _exact(store, name, like)
    if len(exact) == 1:
        return exact[0]
    if exact:
        return _ambiguous(words, exact, LOOKED_AT)
    if len(like) == 1:
        return like[0]
    whole = [lead for lead in like if words_match(words, lead.name, lead.company)]
    # Only when every match was looked at: one more beyond the limit could be whole too.
    if len(whole) == 1 and len(like) < LOOKED_AT:
        return whole[0]
    return _ambiguous(words, like, LOOKED_AT)


def _exact(store: LeadStore, name: str, like: Sequence[Lead]) -> list[Lead]:
    """The active leads named exactly `name` (or 'name, company'): among `like`, or the store's.

    `like` holds every prefix match when it is under the limit, and an exact name is one.
    """
    key = name_key(name)
    before, comma, after = name.rpartition(",")
    split = bool(comma and before.strip() and after.strip())
    if len(like) < LOOKED_AT:
        exact = [lead for lead in like if name_key(lead.name) == key]
        if not exact and split:
            wanted = (name_key(before), name_key(after))
            exact = [
                lead for lead in like if (name_key(lead.name), name_key(lead.company)) == wanted
            ]
        return exact
    if max(len(word) for word in name.split()) < TRIGRAM:
        # No word the index can look up: reading every lead for 'li' is not worth it.
        return []
    if len(name.split()) == 1:
        # One word with this many prefix matches names no one lead: looking for a lead
        # named just 'suzuki' read all 8,700 Suzukis per keystroke (49-72 ms at a million).
        return []
    exact = store.named_exactly(name, active_only=True, limit=LOOKED_AT)
    if not exact and split:
        exact = store.named_exactly(before, after, active_only=True, limit=LOOKED_AT)
    return exact


@dataclass(frozen=True)
class _Named:
    """The lead a line names and which free words named it (run index, words taken)."""

    lead: Lead
    run: int = -1
    taken: int = 0


def _in_run(store: LeadStore, run: Sequence[str]) -> tuple[Lead | QuickProblem, int] | None:
    """The lead the leading words of a run name (filler dropped), and how many words it took."""
    skip = 0
    while skip < len(run) - 1 and run[skip].lower() in LEAD_FILLER:
        skip += 1
    for size in range(min(NAME_WORDS, len(run) - skip), 0, -1):
        found = rank(store, run[skip : skip + size])
        if found is not None:
            return found, skip + size
    return None


def _lead_of(store: LeadStore, words: QuickWords, selected: Lead | None) -> _Named | QuickProblem:
    """Which lead the line names: a quoted name, #id, a run of free words, or the selected one."""
    if words.quoted_name:
        found = rank(store, words.quoted_name.split())
        if found is None:
            return QuickProblem(f"no lead matches {_quoted([words.quoted_name])}")
        return found if isinstance(found, QuickProblem) else _Named(found)
    if words.lead_id is not None:
        try:
            return _Named(store.get(words.lead_id))
        except LeadNotFound:
            return QuickProblem(f"no lead with id {words.lead_id}")
    runs = list(words.lead_runs)
    for index, run in enumerate(runs[:RUNS_TRIED]):
        hit = _in_run(store, run)
        if hit is not None:
            found, taken = hit
            return found if isinstance(found, QuickProblem) else _Named(found, index, taken)
    if selected is not None:
        return _Named(selected)
    if words.trailing:
        hit = _in_run(store, words.trailing)
        if hit is not None:
            found, taken = hit
            return found if isinstance(found, QuickProblem) else _Named(found, len(runs), taken)
    tried = runs[0] if runs else words.trailing
    if tried:
        return QuickProblem(f"no lead matches {_quoted(tried[:NAME_WORDS])}")
    return QuickProblem("name the lead: part of a name or company, or #id")


def _rest(words: QuickWords, named: _Named) -> str:
    """The free words the lead did not take, in the order typed."""
    runs = [*words.lead_runs, words.trailing]
    kept = [
        word
        for index, run in enumerate(runs)
        for word in (run[named.taken :] if index == named.run else run)
    ]
    return printable(" ".join(kept)).strip()


def plan_quick(
    store: LeadStore,
    text: str,
    now: DateTime,
    policy: Policy,
    reading: DateReading,
    selected: Lead | None = None,
) -> QuickPlan | QuickProblem:
    """Turn a quick line into the touch to log on its lead, by the log dialog's rules."""
    if not text.strip():
        return QuickProblem(EMPTY_LINE)
    words = read_quick_words(text, now, policy.tz, reading)
    if words.problems:
        return QuickProblem(words.problems[0])
    named = _lead_of(store, words, selected)
    if isinstance(named, QuickProblem):
        return named
    outcome = words.outcome
    if outcome is None:
        return QuickProblem(f"say what came of it: {SHOWN_OUTCOMES}")
    lead, direction = named.lead, words.direction
    rest, note = _rest(words, named), printable(words.note).strip()
    next_step: str | None = rest or None
    if outcome in NO_FOLLOW_UP:
        # No follow-up to plan: what was said after the outcome is kept as the note.
        note = "; ".join(part for part in (rest, note) if part)
        next_step = None
    closed = outcome in CLOSING
    typed = None if closed else words.due
    promise = words.promise and not closed

    def effect(due: DateTime | None) -> ContactEffect:
        return effect_of_contact(
            lead,
            at=now,
            direction=direction,
            outcome=outcome,
            policy=policy,
            typed_due=due,
            promise=promise and due is not None,
        )

    if typed is None and promise:
        # A bare `!` promises the date the rules give, as the dialog's blank date does.
        typed = effect(None).next_due
    entry = ContactEntry(
        channel=quick_channel(words.channel, lead.preferred_channel, outcome),
        direction=direction,
        outcome=outcome,
        note=note,
        next_step=next_step,
        typed_due=typed,
        promise=promise,
    )
    past_due = words.due is not None and typed is not None and typed < now
    return QuickPlan(lead, entry, effect(typed), past_due)
