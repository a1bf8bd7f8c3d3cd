"""The stats counted on a real SQLite file, against figures worked out by hand.

The fixture is built through LeadStore at fixed moments. The user's zone is
Europe/Paris, where summer time ended on Sunday 25 October 2026 (03:00 CEST ->
02:00 CET), and NOW is Monday 23 November 2026, 09:00 UTC (10:00 in Paris).
The 12-week window runs from Monday 7 September 00:00 CEST (6 Sep 22:00 UTC).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

from leadboard.domain.conversion import Conversion
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, Direction, LeadDraft, Outcome, Source, Status
from leadboard.domain.model import Temperature as T
from leadboard.domain.stats import Moves, Sessions, stats_window
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.stats import (
    _CLOSED,
    _TOUCHES,
    load_stats,
    overdue_days_sql,
    record_session,
)
from tests.conftest import NOW

PARIS = "Europe/Paris"


def utc(text: str) -> DateTime:
    """A UTC moment from '2026-09-06T22:00'."""
    parsed = pendulum.parse(text + ":00Z")
    assert isinstance(parsed, DateTime)
    return parsed


def build_fixture(store: LeadStore) -> None:
    """Leads, contacts, moves and sessions whose stats are worked out in the tests below."""

    def add(name: str, source: Source | None, temp: T, at: str, due: str | None = None) -> int:
        draft = LeadDraft(name=name, source=source, temperature=temp)
        if due is not None:
            draft.next_due = utc(due)
        lead = store.add(draft, utc(at))
        assert lead.id is not None
        return lead.id

    def log(lead: int, at: str, channel: Channel, outcome: Outcome, **kw: object) -> None:
        when = utc(at)
        direction = kw.pop("direction", Direction.OUT)
        due = kw.pop("due", None)
        assert isinstance(direction, Direction)
        store.log_contact(
            lead,
            channel=channel,
            outcome=outcome,
            direction=direction,
            at=when,
            now=when,
            typed_due=None if due is None else utc(str(due)),
        )

    # In time order, since a move and a contact each reset the due date.
    # Days to a win: A 10, B 20, D 29.5, E 5.5 -> median 15.0. Paris weeks in
    # brackets: w0 is the week of 7 Sep ... w11 the week of 23 Nov, this week.
    # Warmed: H (one second before the window), then D, I and Kim (in it).
    # Cooled: I (before), H (at the window's first second), I (in it).
    i = add("I", Source.REFERRAL, T.HOT, "2026-08-01T10:00")
    store.move(i, T.WARM, utc("2026-08-20T10:00"))
    a = add("A", Source.REFERRAL, T.WARM, "2026-09-01T10:00")
    b = add("B", Source.REFERRAL, T.HOT, "2026-09-01T10:00")
    c = add("C", Source.REFERRAL, T.COLD, "2026-09-01T10:00")
    h = add("H", Source.PURCHASED_LIST, T.COLD, "2026-09-01T10:00")
    log(a, "2026-09-06T21:59", Channel.EMAIL, Outcome.NO_ANSWER)  # Sun 23:59 CEST: before w0
    store.move(h, T.COOL, utc("2026-09-06T21:59"))
    log(a, "2026-09-06T22:00", Channel.EMAIL, Outcome.REPLIED, direction=Direction.IN)  # [w0]
    store.move(h, T.COLD, utc("2026-09-06T22:00"))
    log(b, "2026-09-08T09:00", Channel.CALL, Outcome.TALKED)  # [w0]
    store.set_status(a, Status.WON, utc("2026-09-11T10:00"))
    store.set_status(b, Status.WON, utc("2026-09-21T10:00"))
    log(c, "2026-09-22T09:00", Channel.CALL, Outcome.NO_ANSWER)  # [w2]
    log(c, "2026-09-23T09:00", Channel.CALL, Outcome.LEFT_MESSAGE)  # [w2]
    store.set_status(c, Status.LOST, utc("2026-10-01T10:00"))
    d = add("D", Source.WEBSITE, T.COOL, "2026-10-01T12:00")
    f = add("F", Source.WEBSITE, T.COOL, "2026-10-01T12:00")
    g = add("G", None, T.WARM, "2026-10-01T12:00")
    kim = add("Kim", Source.SOCIAL, T.COOL, "2026-10-01T12:00")
    store.move(d, T.WARM, utc("2026-10-05T10:00"))  # D was created cool and is won warm
    store.move(i, T.HOT, utc("2026-10-10T10:00"))
    store.set_status(f, Status.LOST, utc("2026-10-15T10:00"))
    store.set_status(g, Status.LOST, utc("2026-10-20T10:00"))
    log(h, "2026-10-25T22:30", Channel.TEXT, Outcome.NO_ANSWER)  # Sun 23:30 CET [w6]
    log(h, "2026-10-25T23:00", Channel.TEXT, Outcome.OBJECTION, direction=Direction.IN)  # [w7]
    log(d, "2026-10-27T09:00", Channel.EMAIL, Outcome.MEETING_BOOKED)  # [w7]
    store.set_status(d, Status.WON, utc("2026-10-31T00:00"))
    e = add("E", Source.EVENT, T.HOT, "2026-11-01T00:00")
    store.move(kim, T.WARM, utc("2026-11-02T10:00"))
    store.set_status(kim, Status.WON, utc("2026-11-05T10:00"))
    store.set_status(e, Status.WON, utc("2026-11-06T12:00"))
    store.move(i, T.COOL, utc("2026-11-10T10:00"))
    log(i, "2026-11-20T09:00", Channel.POSTCARD, Outcome.NO_ANSWER)  # [w10]
    # Kim, won then revived, is not closed, and is due since the revival: 3 days before NOW.
    store.set_status(kim, Status.ACTIVE, utc("2026-11-20T09:00"))
    add("L", Source.INQUIRY, T.WARM, "2026-11-20T09:00", due="2026-11-23T09:00")  # due at NOW
    # Sunday in UTC, Monday 00:30 in Paris [w11]; H is then due 2 days before NOW.
    log(h, "2026-11-22T23:30", Channel.EMAIL, Outcome.REPLIED, due="2026-11-21T09:00")
    # [w11]; I is then due half a day before NOW.
    log(i, "2026-11-23T08:00", Channel.CALL, Outcome.OBJECTION, due="2026-11-22T21:00")
    add("J", Source.INQUIRY, T.HOT, "2026-11-23T08:00", due="2026-11-24T09:00")

    # Sessions: ended in w11 (Monday 00:30 in Paris, Sunday in UTC), w10, w9, none in
    # w8 (one started there never ended), and w7.
    for start, end in (
        ("2026-11-22T22:00", "2026-11-22T23:30"),
        ("2026-11-17T08:00", "2026-11-17T10:00"),
        ("2026-11-10T08:00", "2026-11-10T10:00"),
        ("2026-11-03T08:00", None),
        ("2026-10-28T08:00", "2026-10-28T10:00"),
    ):
        record_session(store.db, utc(start), None if end is None else utc(end), worked=3)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LeadStore]:
    """The fixture database, built once for this module (the tests only read it)."""
    path = tmp_path_factory.mktemp("stats") / "stats.db"
    store = LeadStore(open_database(str(path)), Policy())
    build_fixture(store)
    yield store
    store.close()


def test_conversion_overall_by_source_and_by_temperature_at_creation(
    fixture_store: LeadStore,
) -> None:
    stats = load_stats(fixture_store.db, NOW, PARIS)
    assert stats.overall == Conversion(won=4, lost=3)
    assert stats.overall.rate == pytest.approx(4 / 7)
    assert dict(stats.by_source) == {
        "referral": Conversion(2, 1),
        "inquiry": Conversion(0, 0),
        "website": Conversion(1, 1),
        "event": Conversion(1, 0),
        "purchased_list": Conversion(0, 0),
        "social": Conversion(0, 0),  # Kim was won, then revived
        "other": Conversion(0, 0),
        "unknown": Conversion(0, 1),
    }
    assert stats.by_source["inquiry"].rate is None
    # D was created cool and won warm: it counts as cool.
    assert dict(stats.by_temperature) == {
        T.COLD: Conversion(0, 1),
        T.COOL: Conversion(1, 1),
        T.WARM: Conversion(1, 1),
        T.HOT: Conversion(2, 0),
    }


def test_median_days_to_conversion(fixture_store: LeadStore) -> None:
    stats = load_stats(fixture_store.db, NOW, PARIS)
    assert stats.median_days_to_conversion == pytest.approx(15.0)


def test_channels_and_reply_rates(fixture_store: LeadStore) -> None:
    channels = {c.channel: c for c in load_stats(fixture_store.db, NOW, PARIS).channels}
    assert list(channels) == list(Channel)
    assert (channels[Channel.EMAIL].contacts, channels[Channel.EMAIL].replies) == (4, 3)
    assert (channels[Channel.CALL].contacts, channels[Channel.CALL].replies) == (4, 1)
    # An inbound objection is still an answer.
    assert (channels[Channel.TEXT].contacts, channels[Channel.TEXT].replies) == (2, 1)
    assert (channels[Channel.POSTCARD].contacts, channels[Channel.POSTCARD].replies) == (1, 0)
    assert channels[Channel.EMAIL].reply_rate == 0.75
    assert channels[Channel.CALL].reply_rate == 0.25
    assert channels[Channel.POSTCARD].reply_rate == 0.0
    assert channels[Channel.VIDEO].contacts == 0
    assert channels[Channel.VIDEO].reply_rate is None


def test_touches_per_week_in_the_users_zone_with_empty_weeks(fixture_store: LeadStore) -> None:
    weeks = load_stats(fixture_store.db, NOW, PARIS).touches_per_week
    assert [w.week_start for w in weeks] == [
        date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 21), date(2026, 9, 28),
        date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26),
        date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23),
    ]  # fmt: skip
    assert [w.touches for w in weeks] == [2, 0, 2, 0, 0, 0, 1, 2, 0, 0, 1, 2]


def test_touches_per_week_in_utc_move_across_midnight(fixture_store: LeadStore) -> None:
    weeks = load_stats(fixture_store.db, NOW, "UTC").touches_per_week
    # In UTC the Sunday-night contacts stay in the week before (6 Sep 22:00 UTC too).
    assert [w.touches for w in weeks] == [1, 0, 2, 0, 0, 0, 2, 1, 0, 0, 2, 1]


def test_fewer_weeks(fixture_store: LeadStore) -> None:
    stats = load_stats(fixture_store.db, NOW, PARIS, weeks=3)
    assert [(w.week_start, w.touches) for w in stats.touches_per_week] == [
        (date(2026, 11, 9), 0),
        (date(2026, 11, 16), 1),
        (date(2026, 11, 23), 2),
    ]
    assert stats.warmed == Moves(in_window=0, all_time=4)
    assert stats.cooled == Moves(in_window=1, all_time=3)


def test_warmed_and_cooled(fixture_store: LeadStore) -> None:
    stats = load_stats(fixture_store.db, NOW, PARIS)
    assert stats.warmed == Moves(in_window=3, all_time=4)
    assert stats.cooled == Moves(in_window=2, all_time=3)


def test_overdue_and_followup_debt(fixture_store: LeadStore) -> None:
    stats = load_stats(fixture_store.db, NOW, PARIS)
    # H 2 days, I half a day, Kim 3 days; L is due exactly now, J tomorrow.
    assert stats.overdue == 3
    assert stats.followup_debt_days == 5.5
    later = load_stats(fixture_store.db, NOW.add(hours=6), PARIS)
    # Six hours on, L is overdue too: 4 leads, 5.5 + 4 x 0.25 days.
    assert (later.overdue, later.followup_debt_days) == (4, 6.5)


def test_sessions_streak_this_week_and_total(fixture_store: LeadStore) -> None:
    stats = load_stats(fixture_store.db, NOW, PARIS)
    assert stats.sessions == Sessions(streak_weeks=3, this_week=1, total=4)
    # In UTC the latest session ended on Sunday: none yet this week, and the
    # streak counts from last week (which then holds two).
    assert load_stats(fixture_store.db, NOW, "UTC").sessions == Sessions(2, 0, 4)


def test_streak_across_a_year_boundary_and_dst(tmp_path: Path) -> None:
    store = LeadStore(open_database(str(tmp_path / "s.db")), Policy())
    try:
        # New York: ISO week 53 of 2026 runs Mon 28 Dec to Sun 3 Jan 2027.
        for end in ("2027-01-04T15:00", "2026-12-31T15:00", "2026-12-22T15:00",
                    "2026-12-14T15:00", "2026-12-07T15:00", "2026-11-30T15:00",
                    "2026-11-23T15:00", "2026-11-16T15:00", "2026-11-09T15:00",
                    # Sun 1 Nov 23:30 EST, the night summer time ended: still the
                    # week of 26 Oct, so the week of 2 Nov stays empty.
                    "2026-11-02T04:30"):  # fmt: skip
            record_session(store.db, utc(end).subtract(hours=1), utc(end), worked=1)
        now = utc("2027-01-06T12:00")
        stats = load_stats(store.db, now, "America/New_York")
        assert stats.sessions == Sessions(streak_weeks=9, this_week=1, total=10)
        # Read in UTC, the DST-night session falls on Monday 2 Nov and joins the streak.
        assert load_stats(store.db, now, "UTC").sessions.streak_weeks == 10
        # A week without one breaks it: on 19 Jan nothing since the week of 4 Jan.
        assert load_stats(store.db, utc("2027-01-19T12:00"), "America/New_York").sessions == (
            Sessions(0, 0, 10)
        )
    finally:
        store.close()


def test_empty_database(store: LeadStore) -> None:
    stats = load_stats(store.db, NOW, PARIS)
    assert stats.overall == Conversion()
    assert stats.overall.rate is None
    assert stats.median_days_to_conversion is None
    assert all(c.contacts == 0 and c.reply_rate is None for c in stats.channels)
    assert [w.touches for w in stats.touches_per_week] == [0] * 12
    assert (stats.overdue, stats.followup_debt_days) == (0, 0.0)
    assert stats.sessions == Sessions()


def test_unfinished_session_is_stored_but_not_counted(store: LeadStore) -> None:
    session_id = record_session(store.db, NOW.subtract(hours=1), None, queued=5)
    assert session_id == 1
    assert load_stats(store.db, NOW, PARIS).sessions == Sessions()
    with pytest.raises(ValueError, match="unknown session columns"):
        record_session(store.db, NOW, NOW, bogus=1)


def _plan(store: LeadStore, sql: str, params: tuple[object, ...]) -> str:
    rows = store.db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " | ".join(str(row[3]) for row in rows)


def test_queries_use_indexes_not_a_row_per_lead(fixture_store: LeadStore) -> None:
    window = stats_window(NOW, PARIS)
    now = "2026-11-23T09:00:00Z"
    assert "COVERING INDEX contact_at" in _plan(fixture_store, _TOUCHES, (now, now))
    overdue = _plan(fixture_store, overdue_days_sql(fixture_store.db), (now, now))
    assert "INDEX lead_board (status=? AND temperature=? AND next_due<?)" in overdue
    closed = _plan(fixture_store, _CLOSED, ())
    assert "INDEX lead_board (status=?)" in closed
    assert "INDEX temperature_change_lead" in closed
    assert len(window.bounds) == 13
