"""Follow-up sessions in the database: start, end, and what each one logged."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

import peewee
from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.model import Channel, Outcome
from leadboard.domain.session import Mark, SessionTally
from leadboard.domain.stats import session_stats
from leadboard.store.database import translated_errors
from leadboard.store.schema import MODELS, ContactRow, SessionRow


class SessionStore:
    """Reads and writes follow-up sessions (the lead writes go through LeadStore)."""

    def __init__(self, db: peewee.Database) -> None:
        self.db = db

    def _bound(self) -> Any:
        """Point the models at this store's database for one call (see LeadStore)."""
        return self.db.bind_ctx(MODELS, bind_refs=False, bind_backrefs=False)

    def record(self, started_at: DateTime, ended_at: DateTime | None, **counts: int) -> int:
        """Store a session as it was (demo data, tests, benchmarks); see stats.record_session."""
        from leadboard.store.stats import record_session

        return record_session(self.db, started_at, ended_at, **counts)

    def start(self, now: DateTime, queued: int) -> int:
        """Record a session that starts now; return its id."""
        with translated_errors(self.db), self._bound(), self.db.atomic():
            return int(SessionRow.insert(started_at=to_utc_text(now), queued=queued).execute())

    def finish(self, session_id: int, tally: SessionTally, now: DateTime) -> None:
        """Record the end of a session and its counts."""
        with translated_errors(self.db), self._bound(), self.db.atomic():
            SessionRow.update(
                ended_at=to_utc_text(now),
                worked=tally.worked,
                moved=len(tally.moved),
                won=tally.count(Mark.WON),
                lost=tally.count(Mark.LOST),
                snoozed=tally.count(Mark.SNOOZED),
                skipped=tally.count(Mark.SKIPPED),
            ).where(SessionRow.id == session_id).execute()

    def contacts_logged(self, session_id: int) -> Counter[tuple[Channel, Outcome]]:
        """Contacts the session logged, by channel and outcome, as stored (undo included)."""
        query = (
            ContactRow.select(
                ContactRow.channel, ContactRow.outcome, peewee.fn.COUNT(ContactRow.id)
            )
            .where(ContactRow.session_id == session_id)
            .group_by(ContactRow.channel, ContactRow.outcome)
        )
        with translated_errors(self.db), self._bound():
            rows = cast(list[tuple[Any, ...]], list(query.tuples()))
        return Counter({(Channel(c), Outcome(o)): int(n) for c, o, n in rows})

    def streak(self, now: DateTime, tz: str) -> tuple[int, int]:
        """(weeks in a row with a finished session, sessions finished in all).

        Only sessions that did something count: one ended with nothing logged, moved or
        marked (opened and closed, or only skips and snoozes) kept a streak going on its own.
        The stats read the same rule (store/stats.py, `_SESSIONS_ENDED`).
        """
        with translated_errors(self.db), self._bound():
            query = SessionRow.select(SessionRow.ended_at).where(
                SessionRow.ended_at.is_null(False), SessionRow.worked > 0
            )
            ended = [row[0] for row in cast(list[tuple[Any, ...]], list(query.tuples()))]
        sessions = session_stats(ended, now, tz)
        return sessions.streak_weeks, sessions.total
