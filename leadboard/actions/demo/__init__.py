"""Realistic sample leads for `leadboard demo` and screenshots, written fast through BulkWriter.

The records come from demo.leads (drawing on demo.pools); the
follow-up rules of the domain decide their due dates and sequence steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.actions.demo.producer import batches
from leadboard.store.leads import LeadStore

BATCH = 5_000
"""Leads per write: big enough to amortize executemany, small enough to report progress often."""

DEMO_SESSION_WEEKS = (1, 2, 3, 5, 6)
"""Weeks ago a demo rep ran a follow-up session: a streak of three, broken once before."""


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
    owners: tuple[str, ...] = (),
) -> DemoResult:
    """Append `count` varied sample leads with contacts, temperature history and past sessions.

    Everything lands in one transaction, or nothing does. `owners` follow the leads up
    in turn (a team's demo has several; default: the rep alone).
    """
    owners = owners or (store.me,)
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")
    contacts = written = 0
    with store.bulk_writer() as writer:
        first_id = writer.next_lead_id()
        # Another process makes the next batch while this one writes and indexes the
        # last: one after the other, a million leads took 91 s on two cores.
        for batch in batches(seed, now, store.policy, first_id, count, BATCH, owners=owners):
            writer.write_batch(batch)
            contacts += batch.contact_count
            written += batch.lead_count
            if progress is not None:
                progress(written, count)
        # In the bulk writer's transaction (a savepoint on its connection): a kill
        # between leads and sessions would leave leads a re-run refuses to add to.
        _past_sessions(store, now)
    return DemoResult(leads=count, contacts=contacts)


def _past_sessions(store: LeadStore, now: DateTime) -> None:
    """A few finished Monday-morning sessions, so the stats show a streak on demo data.

    Called inside the bulk writer's block, so they commit with the leads or not at all.
    """
    sessions = store.sessions()
    for weeks_ago in DEMO_SESSION_WEEKS:
        started = now.subtract(weeks=weeks_ago).in_tz(store.policy.tz).start_of("week").add(hours=9)
        sessions.record(started, started.add(minutes=95), queued=30, worked=24, moved=3, won=1)
