"""What works: conversion, replies, touches, moves, debt and streak, from tallies the store counts.

The store counts in SQL (`StatsTallies`); everything here is plain arithmetic on
those counts with `now` and the user's zone passed in, so every figure can be
checked by hand. Weeks are ISO weeks (Monday to Sunday) in the user's zone.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pendulum
from pendulum import DateTime

from leadboard.domain.conversion import Conversion, rate
from leadboard.domain.followup import is_reply
from leadboard.domain.model import TEMPERATURES, Channel, Direction, Outcome, Source, Temperature
from leadboard.domain.value_stats import (
    ValueStats,
    ValueTallies,
    compute_value_stats,
    month_window,
)

DEFAULT_WEEKS = 12
"""Weeks of touches, and of warmed and cooled leads, that the stats look back on."""

MAX_WEEKS = 520
"""Longest look-back accepted: ten years of weeks."""

LOST_REASONS_SHOWN = 8
"""Lost reasons the stats show one by one; the rest are summed as "other"."""

UNKNOWN_SOURCE = "unknown"
"""The by-source key of closed leads with no (or no known) source."""

_WEEK = timedelta(days=7)


def rate_text(value: float | None, decimals: int = 0) -> str:
    """'62%' (or '62.5%' with decimals=1); '-' when there is no rate."""
    return "-" if value is None else f"{value * 100:.{decimals}f}%"


@dataclass(frozen=True, slots=True)
class ChannelStat:
    """Contacts on one channel and how many got a reply."""

    channel: Channel
    contacts: int = 0
    replies: int = 0

    @property
    def reply_rate(self) -> float | None:
        """The share of contacts that got a reply, or None when the channel was never used."""
        return rate(self.replies, self.contacts)


@dataclass(frozen=True, slots=True)
class WeekTouches:
    """Contacts logged in one local ISO week (Monday `week_start` to Sunday)."""

    week_start: date
    touches: int


@dataclass(frozen=True, slots=True)
class Moves:
    """Temperature moves one way: within the stats window and in all."""

    in_window: int = 0
    all_time: int = 0


@dataclass(frozen=True, slots=True)
class Sessions:
    """Ended follow-up sessions: the weekly streak, this week's and the total."""

    streak_weeks: int = 0
    this_week: int = 0
    total: int = 0


@dataclass(frozen=True, slots=True)
class Window:
    """The weeks the stats look back on: local Mondays, and UTC bounds (one more, the end)."""

    week_starts: tuple[date, ...]
    bounds: tuple[DateTime, ...]

    @property
    def start(self) -> DateTime:
        """The first moment of the oldest week, in UTC."""
        return self.bounds[0]


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """How many leads are lost for one reason."""

    reason: str
    count: int


@dataclass(frozen=True, slots=True)
class ClosedTally:
    """How many won (or lost) leads share a source and a temperature at creation."""

    source: Source | None
    won: bool
    created_at_temperature: Temperature | None
    count: int


@dataclass(frozen=True, slots=True)
class ContactTally:
    """How many contacts share a channel, direction and outcome."""

    channel: Channel
    direction: Direction
    outcome: Outcome
    count: int


@dataclass(frozen=True, slots=True)
class StatsTallies:
    """The counts the store makes in SQL; `touches` follows the window's weeks."""

    closed: Sequence[ClosedTally]
    days_to_win: Sequence[float]
    contacts: Sequence[ContactTally]
    touches: Sequence[int]
    warmed: Moves
    cooled: Moves
    overdue: int
    overdue_days: float
    sessions_ended: Sequence[DateTime]
    lost_reasons: Sequence[tuple[str, int]] = ()
    """Lost leads per exact reason text (merged by merge_reasons)."""
    value: ValueTallies = field(default_factory=ValueTallies)
    """Won value per month of domain.value_stats.month_window, open value and closes per column."""


@dataclass(frozen=True, slots=True)
class Stats:
    """Every figure of the stats screen and `leadboard stats`, as of `now`."""

    now: DateTime
    tz: str
    overall: Conversion
    by_source: Mapping[str, Conversion]
    by_temperature: Mapping[Temperature, Conversion]
    median_days_to_conversion: float | None
    channels: tuple[ChannelStat, ...]
    touches_per_week: tuple[WeekTouches, ...]
    warmed: Moves
    cooled: Moves
    overdue: int
    followup_debt_days: float
    sessions: Sessions
    lost_reasons: tuple[ReasonCount, ...] = ()
    """Every reason of the leads lost now, most used first (all time, like conversion)."""
    value: ValueStats = field(default_factory=ValueStats)
    """Won value per local month, the average won deal and the forecast (domain.value_stats)."""

    @property
    def weeks(self) -> int:
        """How many weeks the window holds."""
        return len(self.touches_per_week)


def week_start(moment: DateTime, tz: str) -> date:
    """The local Monday of the ISO week a moment falls in."""
    local = moment.in_tz(tz)
    # A plain date, so weeks hash and compare alike wherever they were made.
    return date(local.year, local.month, local.day) - timedelta(days=local.weekday())


def local_midnight(day: date, tz: str) -> DateTime:
    """The first moment of a local day, in UTC (a midnight lost to DST moves to the next hour)."""
    return pendulum.datetime(day.year, day.month, day.day, tz=tz).in_tz("UTC")


def stats_window(now: DateTime, tz: str, weeks: int = DEFAULT_WEEKS) -> Window:
    """The last `weeks` local ISO weeks, this (partial) week included, oldest first."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be 1 to {MAX_WEEKS}, not {weeks}")
    this_week = week_start(now, tz)
    starts = tuple(this_week - _WEEK * back for back in range(weeks - 1, -1, -1))
    bounds = tuple(local_midnight(day, tz) for day in (*starts, this_week + _WEEK))
    return Window(starts, bounds)


def conversions(
    closed: Iterable[ClosedTally],
) -> tuple[Conversion, dict[str, Conversion], dict[Temperature, Conversion]]:
    """Overall, by source (every source, then 'unknown') and by temperature at creation."""
    overall = Conversion()
    by_source = {key: Conversion() for key in (*(s.value for s in Source), UNKNOWN_SOURCE)}
    by_temperature = {temperature: Conversion() for temperature in TEMPERATURES}
    for tally in closed:
        won, lost = (tally.count, 0) if tally.won else (0, tally.count)
        overall = overall.plus(won, lost)
        key = tally.source.value if tally.source is not None else UNKNOWN_SOURCE
        by_source[key] = by_source[key].plus(won, lost)
        # A lead with no creation record (not one leadboard made) stays out of this split.
        if tally.created_at_temperature is not None:
            temperature = tally.created_at_temperature
            by_temperature[temperature] = by_temperature[temperature].plus(won, lost)
    return overall, by_source, by_temperature


def channel_stats(contacts: Iterable[ContactTally]) -> tuple[ChannelStat, ...]:
    """Contacts and replies for every channel, in the order of the Channel enum."""
    totals = {channel: [0, 0] for channel in Channel}
    for tally in contacts:
        totals[tally.channel][0] += tally.count
        if is_reply(tally.direction, tally.outcome):
            totals[tally.channel][1] += tally.count
    return tuple(ChannelStat(channel, n, replies) for channel, (n, replies) in totals.items())


def median_days(days: Sequence[float]) -> float | None:
    """The median of the days from creation to a win, or None with no wins."""
    return statistics.median(days) if days else None


def session_stats(ended: Iterable[DateTime], now: DateTime, tz: str) -> Sessions:
    """Streak of consecutive local weeks with an ended session, up to this week or last week.

    A week counts when a session ended in it. This week not having one yet does
    not break the streak: it is counted from last week until the week is over.
    """
    weeks: dict[date, int] = {}
    total = 0
    for moment in ended:
        total += 1
        monday = week_start(moment, tz)
        weeks[monday] = weeks.get(monday, 0) + 1
    this_week = week_start(now, tz)
    day = this_week if this_week in weeks else this_week - _WEEK
    streak = 0
    while day in weeks:
        streak += 1
        day -= _WEEK
    return Sessions(streak_weeks=streak, this_week=weeks.get(this_week, 0), total=total)


def compute_stats(tallies: StatsTallies, window: Window, now: DateTime, tz: str) -> Stats:
    """Turn the store's tallies into the figures a rep reads."""
    if len(tallies.touches) != len(window.week_starts):
        raise ValueError("touches must have one count per week of the window")
    overall, by_source, by_temperature = conversions(tallies.closed)
    median = median_days(tallies.days_to_win)
    return Stats(
        now=now,
        tz=tz,
        overall=overall,
        by_source=by_source,
        by_temperature=by_temperature,
        median_days_to_conversion=None if median is None else max(median, 0.0),
        channels=channel_stats(tallies.contacts),
        touches_per_week=tuple(
            WeekTouches(day, count)
            for day, count in zip(window.week_starts, tallies.touches, strict=True)
        ),
        warmed=tallies.warmed,
        cooled=tallies.cooled,
        overdue=tallies.overdue,
        followup_debt_days=round(tallies.overdue_days, 1),
        sessions=session_stats(tallies.sessions_ended, now, tz),
        lost_reasons=merge_reasons(tallies.lost_reasons),
        value=compute_value_stats(tallies.value, month_window(now, tz)),
    )


def merge_reasons(rows: Iterable[tuple[str, int]]) -> tuple[ReasonCount, ...]:
    """Counts per reason text, with spellings that differ only in case counted as one.

    Each reason shows in its most used spelling (the first alphabetically on a tie);
    most used first, then alphabetically.
    """
    spellings: dict[str, dict[str, int]] = {}
    for reason, count in rows:
        if reason:
            by_text = spellings.setdefault(reason.casefold(), {})
            by_text[reason] = by_text.get(reason, 0) + count
    merged = [
        (min(by_text, key=lambda text: (-by_text[text], text)), sum(by_text.values()), key)
        for key, by_text in spellings.items()
    ]
    merged.sort(key=lambda item: (-item[1], item[2], item[0]))
    return tuple(ReasonCount(reason, count) for reason, count, _ in merged)


def top_reasons(
    reasons: Sequence[ReasonCount], shown: int = LOST_REASONS_SHOWN
) -> tuple[tuple[ReasonCount, ...], int]:
    """The `shown` most used reasons, and how many leads were lost for all the others."""
    return tuple(reasons[:shown]), sum(r.count for r in reasons[shown:])
