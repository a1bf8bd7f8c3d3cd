"""A newer filter stops the query of the one before: SQLite's interrupt, a server's cancel."""

from __future__ import annotations

import threading
import time

import pytest

from leadboard.store.database import translated_errors
from leadboard.store.dialect import is_server
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore

_SLOW_FILE = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT COUNT(*) FROM n"
)
_SLOW_SERVER = "SELECT pg_sleep(20)"


def test_a_running_query_is_stopped_from_another_thread(store: LeadStore) -> None:
    slow = _SLOW_SERVER if is_server(store.db) else _SLOW_FILE
    connected = threading.Event()
    outcome: list[BaseException | str] = []
    seen: list[object] = []

    def run() -> None:
        with store.own_connection():
            seen.append(store.thread_connection())
            connected.set()
            try:
                with translated_errors(store.db):
                    store.db.execute_sql(slow).fetchone()
                outcome.append("finished")
            except StoreError as err:
                outcome.append(err)

    worker = threading.Thread(target=run)
    started = time.monotonic()
    worker.start()
    assert connected.wait(5)
    time.sleep(0.3)  # the query is under way
    store.stop_query(seen[0])
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert time.monotonic() - started < 5, "the query ran on instead of stopping"
    assert len(outcome) == 1 and isinstance(outcome[0], StoreError), outcome
    # The store's own connection is untouched and goes on working.
    assert store.counts() is not None


@pytest.mark.parametrize("text", ["ann", "07785 842929", "zz"])
def test_the_filter_reads_the_same_matches_on_either_engine(store: LeadStore, text: str) -> None:
    from leadboard.domain.model import LeadDraft
    from tests.conftest import NOW

    for name, phone in (("Ann Lee", "+44 7785 842929"), ("Joanna Zz", ""), ("Bob", "")):
        store.add(LeadDraft(name=name, phone=phone), NOW)
    hits = store.search_hits(text, NOW.add(days=1))
    names = sorted(
        lead.name for lead in store.leads_by_ids([i for ids in hits.ids.values() for i in ids])
    )
    expected = {"ann": ["Ann Lee", "Joanna Zz"], "07785 842929": ["Ann Lee"], "zz": ["Joanna Zz"]}
    assert names == expected[text]
