"""The stats' counting in SQL: GROUP BY and index range counts, never a row per lead.

Figures at 100,000 demo leads and 256,000 contacts: benchmarks/stats_speed.py. The
one full scan, with a sort, is the count of contacts per channel, direction and
outcome: no index covers it. An index on contact (channel, direction, outcome)
would make it an index-only walk, measured at 230-340 ms down to ~40 ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from itertools import pairwise
from typing import Any, TypeVar

import peewee
from pendulum import DateTime

from leadboard.domain.dates import from_utc_text, to_utc_text
from leadboard.domain.model import TEMPERATURES, Channel, Direction, Outcome, Source, Status
from leadboard.domain.stats import (
    DEFAULT_WEEKS,
    ClosedTally,
    ContactTally,
    Moves,
    Stats,
    StatsTallies,
    Window,
    compute_stats,
    stats_window,
)
from leadboard.domain.value_stats import month_window
from leadboard.store.database import translated_errors
from leadboard.store.dialect import days_between, read_transaction
from leadboard.store.lead_queries import OVERDUE_SQL, overdue_params
from leadboard.store.lost_reasons import reason_rows
from leadboard.store.value_stats import value_tallies

E = TypeVar("E", bound=StrEnum)

# Won and lost leads by source and by the temperature they were created at (the
# first temperature_change row with no from_temp). The board index finds the
# closed leads; the subquery is one index probe per closed lead.
_CLOSED = f"""
SELECT l.source, l.status,
       (SELECT tc.to_temp FROM temperature_change tc
         WHERE tc.lead_id = l.id AND tc.from_temp IS NULL
         ORDER BY tc.at, tc.id LIMIT 1) AS created_temp,
       COUNT(*)
FROM lead l
WHERE l.status IN ('{Status.WON.value}', '{Status.LOST.value}')
GROUP BY 1, 2, 3
"""

_DAYS_TO_WIN = (
    """
SELECT {days} FROM lead
WHERE status = '"""
    + Status.WON.value
    + """' AND won_at IS NOT NULL
"""
)

# Grouped by direction and outcome too, so that what counts as a reply is decided
# in one place (domain.followup.is_reply), not again in SQL.
_CONTACTS = """
SELECT channel, direction, outcome, COUNT(*) FROM contact
GROUP BY channel, direction, outcome
"""

_TOUCHES = "SELECT COUNT(*) FROM contact WHERE at >= ? AND at < ?"

_MOVES = """
SELECT COALESCE(SUM(CASE WHEN to_temp > from_temp THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN to_temp < from_temp THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN to_temp > from_temp AND at >= ? THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN to_temp < from_temp AND at >= ? THEN 1 ELSE 0 END), 0)
FROM temperature_change WHERE from_temp IS NOT NULL
"""

# Listing every temperature lets SQLite read four ranges of the board index
# (status, temperature, next_due, ...) instead of every active lead.
# Overdue is domain.followup.is_overdue, in its SQL form (lead_queries.OVERDUE_SQL).
_OVERDUE = (
    "SELECT COUNT(*), COALESCE(SUM({days}), 0) FROM lead"
    f" WHERE status = '{Status.ACTIVE.value}'"
    f" AND temperature IN ({', '.join(str(t.rank) for t in TEMPERATURES)})"
    f" AND {OVERDUE_SQL}"
)

# A session that did nothing (worked = 0) is no part of a streak: see SessionStore.streak.
_SESSIONS_ENDED = "SELECT ended_at FROM followup_session WHERE ended_at IS NOT NULL AND worked > 0"


def overdue_days_sql(db: peewee.Database) -> str:
    """The overdue count and days-overdue sum, in the database's own date arithmetic."""
    return _OVERDUE.format(days=days_between(":now", "next_due", db))


def _member(kind: type[E], raw: Any) -> E | None:
    """The enum member for a stored word, or None for no word or one this version does not know."""
    try:
        return kind(raw)
    except ValueError:
        return None


def _enum(kind: type[E], raw: Any, default: E) -> E:
    """The enum member for a stored word, else `default`."""
    member = _member(kind, raw)
    return default if member is None else member


def _closed(db: peewee.Database) -> list[ClosedTally]:
    tallies = []
    for source, status, created, count in db.execute_sql(_CLOSED).fetchall():
        tallies.append(
            ClosedTally(
                source=_member(Source, source),
                won=status == Status.WON.value,
                created_at_temperature=TEMPERATURES[created] if created in (0, 1, 2, 3) else None,
                count=int(count),
            )
        )
    return tallies


def _contacts(db: peewee.Database) -> list[ContactTally]:
    return [
        ContactTally(
            channel=_enum(Channel, channel, Channel.OTHER),
            direction=_enum(Direction, direction, Direction.OUT),
            # An outcome this version does not know is not taken for a reply.
            outcome=_enum(Outcome, outcome, Outcome.NO_ANSWER),
            count=int(count),
        )
        for channel, direction, outcome, count in db.execute_sql(_CONTACTS).fetchall()
    ]


def _touches(db: peewee.Database, bounds: Sequence[DateTime]) -> list[int]:
    # One covering-index range count per week keeps a week exactly its local
    # Monday-to-Monday span, whatever DST did to its length.
    texts = [to_utc_text(moment) for moment in bounds]
    return [
        int(db.execute_sql(_TOUCHES, (start, end)).fetchone()[0]) for start, end in pairwise(texts)
    ]


def count_tallies(
    db: peewee.Database, window: Window, now: DateTime, tz: str = "UTC"
) -> StatsTallies:
    """Every count behind the stats, read in one transaction so they agree with each other."""
    start = to_utc_text(window.start)
    days_to_win_sql = _DAYS_TO_WIN.format(days=days_between("won_at", "created_at", db))
    overdue_sql = overdue_days_sql(db)
    months = month_window(now, tz)
    with translated_errors(db), read_transaction(db):
        closed = _closed(db)
        days_to_win = [float(row[0]) for row in db.execute_sql(days_to_win_sql).fetchall()]
        contacts = _contacts(db)
        touches = _touches(db, window.bounds)
        warmed, cooled, warmed_recent, cooled_recent = db.execute_sql(
            _MOVES, (start, start)
        ).fetchone()
        overdue, overdue_days = db.execute_sql(overdue_sql, overdue_params(now, tz)).fetchone()
        ended = [from_utc_text(row[0]) for row in db.execute_sql(_SESSIONS_ENDED).fetchall()]
        lost_reasons = reason_rows(db)
        value = value_tallies(db, months)
    return StatsTallies(
        closed=closed,
        days_to_win=days_to_win,
        contacts=contacts,
        touches=touches,
        warmed=Moves(in_window=int(warmed_recent), all_time=int(warmed)),
        cooled=Moves(in_window=int(cooled_recent), all_time=int(cooled)),
        overdue=int(overdue),
        overdue_days=float(overdue_days),
        sessions_ended=ended,
        lost_reasons=lost_reasons,
        value=value,
    )


def load_stats(db: peewee.Database, now: DateTime, tz: str, weeks: int = DEFAULT_WEEKS) -> Stats:
    """The stats as of `now` in the user's zone, over the last `weeks` weeks."""
    window = stats_window(now, tz, weeks)
    return compute_stats(count_tallies(db, window, now, tz), window, now, tz)


def load_stats_in_thread(
    db: peewee.Database, now: DateTime, tz: str, weeks: int = DEFAULT_WEEKS
) -> Stats:
    """load_stats from a worker thread: Peewee gives each thread its own connection; close it."""
    with db.connection_context():
        return load_stats(db, now, tz, weeks)


def record_session(
    db: peewee.Database,
    started_at: DateTime,
    ended_at: DateTime | None,
    **counts: int,
) -> int:
    """Store a finished follow-up session as it was (demo data, tests, benchmarks); return its id.

    `counts` are the session's tallies by column name: queued, worked, moved,
    won, lost, snoozed, skipped.
    """
    allowed = {"queued", "worked", "moved", "won", "lost", "snoozed", "skipped"}
    unknown = set(counts) - allowed
    if unknown:
        raise ValueError(f"unknown session columns: {sorted(unknown)}")
    columns = ["started_at", "ended_at", *counts]
    values: list[object] = [
        to_utc_text(started_at),
        None if ended_at is None else to_utc_text(ended_at),
    ]
    values += list(counts.values())
    sql = (
        f"INSERT INTO followup_session ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}) RETURNING id"
    )
    with translated_errors(db), db.atomic():
        return int(db.execute_sql(sql, values).fetchone()[0])
