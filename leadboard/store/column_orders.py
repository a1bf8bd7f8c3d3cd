"""The orders a column can be read in besides urgency, and their indexes (schema 10)."""

from __future__ import annotations

from leadboard.domain.model import Status

CLOSED_AT = "CASE status WHEN 'won' THEN won_at WHEN 'lost' THEN lost_at ELSE inactive_at END"
"""When a lead was closed: the moment of its current status (a revived lead keeps old ones)."""

CLOSED_INDEX = (
    f"CREATE INDEX lead_closed ON lead (temperature, ({CLOSED_AT}) DESC, id DESC) "
    f"WHERE status != '{Status.ACTIVE.value}'"
)
"""Schema 10: a closed column's page is a range of this index, not a sort of the column."""
OWNER_CLOSED_INDEX = (
    f"CREATE INDEX lead_owner_closed ON lead (owner, temperature, ({CLOSED_AT}) DESC, id DESC) "
    f"WHERE status != '{Status.ACTIVE.value}'"
)
"""A rep's own closed column (schema 10): on a team's server, or a file whose leads have owners."""

TOUCHED_ORDER = "last_contact ASC NULLS FIRST, id"
"""Least recently touched first, never-touched leads before them all."""
VALUE_ORDER = "value DESC NULLS LAST, id"
"""Biggest deal first, leads with no value last."""
SCORE_ORDER = "score DESC, id"
"""Best score first, the oldest lead first among equals."""

_ACTIVE = f"WHERE status = '{Status.ACTIVE.value}'"

SORT_INDEXES = [
    # Without these a page sorted a whole column: at a million leads 24-33 ms by score
    # (the board index's entries), 450 ms by last touch or value (the table's rows).
    f"CREATE INDEX lead_by_score ON lead (temperature, score DESC, id) {_ACTIVE}",
    # SQLite puts NULL first going up and last going down, as the orders above ask.
    f"CREATE INDEX lead_touched ON lead (temperature, last_contact, id) {_ACTIVE}",
    f"CREATE INDEX lead_by_value ON lead (temperature, value DESC, id) {_ACTIVE}",
]
"""Schema 10: a column sorted by score, last touch or value reads a range of an index."""

SERVER_SORT_INDEXES = [
    f"CREATE INDEX lead_by_score ON lead (temperature, score DESC, id) {_ACTIVE}",
    f"CREATE INDEX lead_touched ON lead (temperature, last_contact NULLS FIRST, id) {_ACTIVE}",
    f"CREATE INDEX lead_by_value ON lead (temperature, value DESC NULLS LAST, id) {_ACTIVE}",
    # A rep's own column on a team's server (a file's board is never one owner's).
    f"CREATE INDEX lead_owner_score ON lead (owner, temperature, score DESC, id) {_ACTIVE}",
    "CREATE INDEX lead_owner_touched ON lead "
    f"(owner, temperature, last_contact NULLS FIRST, id) {_ACTIVE}",
    "CREATE INDEX lead_owner_value ON lead "
    f"(owner, temperature, value DESC NULLS LAST, id) {_ACTIVE}",
]
"""SORT_INDEXES on PostgreSQL, which puts NULL last going up unless told, and per owner."""
