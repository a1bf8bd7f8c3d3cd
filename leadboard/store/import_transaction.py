"""The import's one transaction: its key index and row writer on the raw connection.

The import use case (leadboard.actions.importing) reads and decides; this is
the store side it writes through, so nothing here knows the file formats.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.store.database import translated_errors
from leadboard.store.dialect import is_server, raw_connection, read_transaction
from leadboard.store.import_keys import KeyIndex
from leadboard.store.import_write import RowWriter
from leadboard.store.leads import LeadStore


@dataclass(frozen=True, slots=True)
class ImportTransaction:
    """What a block inside import_transaction works with."""

    keys: KeyIndex
    """Which lead, or earlier row of the file, a row is the same as."""
    writer: RowWriter
    """The writes; in a preview they are rolled back at the end."""


@contextlib.contextmanager
def import_transaction(
    store: LeadStore, now: DateTime, *, write: bool, names_alone: bool = False
) -> Iterator[ImportTransaction]:
    """Run the block in one transaction: committed when `write` and it ends cleanly.

    Writing takes the store's IMMEDIATE lock for the whole import; a preview
    (`write` False) reads in a DEFERRED transaction, never blocking the board's
    writes, and is rolled back. An exception from the block rolls everything
    back, the temp table and the set-aside trigger with it; SQLite errors come
    out as StoreErrors. `names_alone` also keys leads by name without company
    (a contact log often names the lead only: "Ann Lee").
    """
    with translated_errors(store.db):
        # A preview reads in a deferred transaction: it never blocks the board's writes.
        transaction = store.db.atomic() if write else read_transaction(store.db)
        with transaction as txn:
            connection = raw_connection(store.db)
            server = is_server(store.db)
            keys = KeyIndex(connection, server=server, names_alone=names_alone)
            writer = RowWriter(connection, now, store.me)
            if write and not server:
                writer.suspend_counting()
            yield ImportTransaction(keys, writer)
            writer.finish()
            keys.close()
            if not write:
                txn.rollback()
