"""BulkWriter for a server database: batches go in with COPY, the triggers' work done once.

The same batches as store.bulk (its `prepare`), the same all-or-nothing: one
transaction. The per-row triggers are set aside for it (ALTER TABLE … DISABLE
TRIGGER USER, transactional; only the tables' owner may, so a demo or a move of
house runs as the schema's owner) and what they keep is worked out once at the
end (server_schema.REBUILD), as BulkWriter does on a file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from leadboard.store.bulk import Batch, BatchWriting
from leadboard.store.database import translated_errors
from leadboard.store.lead_columns import CHANGE_COLUMNS, CONTACT_COLUMNS, LEAD_COLUMNS
from leadboard.store.server import ServerDatabase
from leadboard.store.server_schema import (
    CHANGE_CHANNEL_SQL,
    REBUILD,
    SEQUENCED,
    USER_TRIGGERS_ON,
    sequence_catch_up,
)

_SEARCH_REBUILT = ("DELETE FROM lead_search", "INSERT INTO lead_search")
_INDEXED = ("lead", "contact", "temperature_change", "lead_search", "import_fingerprint")
"""Tables whose indexes (but their primary keys) a load into empty tables builds at the end."""
"""REBUILD's statements for the search texts: left out when every batch brought its own."""


class ServerBulkWriter(BatchWriting):
    """Append rows in batches inside one transaction on a server: all land, or none."""

    def __init__(self, db: ServerDatabase) -> None:
        self.db = db
        self._transaction: Any = None
        self._searched_all = True
        self._set_aside: list[str] = []
        """CREATE INDEX statements of the indexes dropped for a load into empty tables."""

    def __enter__(self) -> ServerBulkWriter:
        """Begin the transaction and set the triggers aside."""
        with translated_errors(self.db):
            self._transaction = self.db.atomic()
            self._transaction.__enter__()
            for table in USER_TRIGGERS_ON:
                self.db.execute_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            if self.db.execute_sql("SELECT NOT EXISTS (SELECT 1 FROM lead)").fetchone()[0]:
                self._drop_indexes()
        return self

    def _drop_indexes(self) -> None:
        """Into empty tables, drop the indexes and build them once at the end.

        Filled row by row, the search text's trigram index (GIN) took most of a
        million-lead load (6 minutes); built once after it, about a minute.
        """
        marks = ", ".join("?" for _ in _INDEXED)
        rows = self.db.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND tablename IN ({marks}) AND indexname NOT LIKE '%\\_pkey'",
            _INDEXED,
        ).fetchall()
        for name, definition in rows:
            self.db.execute_sql(f'DROP INDEX "{name}"')
            self._set_aside.append(str(definition))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Recount, put the triggers back and commit; roll everything back on error."""
        with translated_errors(self.db):
            self._end(kind, error, tb)

    def _finish(self) -> None:
        """Work out the counts (and search texts) again, catch the ids up, tell the boards."""
        for sql in REBUILD:
            if self._searched_all and sql.startswith(_SEARCH_REBUILT):
                continue
            self.db.execute_sql(sql)
        if self._set_aside:
            # For this transaction only: the index builds sort in memory, not on disk.
            self.db.execute_sql("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in self._set_aside:
                self.db.execute_sql(definition)
        for table in SEQUENCED:
            self.db.execute_sql(sequence_catch_up(table))
        for table in USER_TRIGGERS_ON:
            self.db.execute_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        self.db.execute_sql(f"SELECT pg_notify({CHANGE_CHANNEL_SQL}, '')")

    def _execute(self, sql: str) -> Any:
        return self.db.execute_sql(sql)

    def write_batch(self, batch: Batch) -> None:
        """Append one batch made by `prepare`, with its leads' search texts."""
        with translated_errors(self.db):
            cursor = self.db.connection().cursor()
            _copy(cursor, "lead", LEAD_COLUMNS, batch.leads)
            _copy(cursor, "contact", CONTACT_COLUMNS[1:], batch.contacts)
            _copy(cursor, "temperature_change", CHANGE_COLUMNS, batch.changes)
            if batch.search is None:
                self._searched_all = False
            elif batch.lead_count:
                texts = json.loads(batch.search)
                with cursor.copy("COPY lead_search (rowid, doc) FROM STDIN") as copy:
                    for row in texts:
                        copy.write_row(row)


def _copy(cursor: Any, table: str, columns: Sequence[str], statements: list[list[Any]]) -> None:
    """COPY rows that `prepare` flattened, a statement's worth to a list, into a table."""
    if not statements:
        return
    width = len(columns)
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for values in statements:
            for at in range(0, len(values), width):
                copy.write_row(values[at : at + width])
