"""Peewee models for leads, contacts and temperature changes, and the SQL that builds them."""

from __future__ import annotations

from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from pendulum import DateTime

from leadboard.domain.dates import from_utc_text, to_utc_text
from leadboard.store.column_orders import CLOSED_INDEX, OWNER_CLOSED_INDEX, SORT_INDEXES
from leadboard.store.due_counts import DUE_COUNT_MIGRATION
from leadboard.store.kept_counts import OWNER_COUNTS_MIGRATION, VALUE_COUNTS_MIGRATION
from leadboard.store.search_index import SEARCH_MIGRATION, TAG_SEARCH_MIGRATION
from leadboard.store.text_cleaning import CLEAN_STORED_TEXT


class UtcField(Field):
    """A moment stored as fixed-width UTC text, so SQL comparisons and sorting follow time."""

    field_type = "TEXT"

    def db_value(self, value: Any) -> Any:
        """DateTime to 'YYYY-MM-DDTHH:MM:SSZ'."""
        if value is None or isinstance(value, str):
            return value
        assert isinstance(value, DateTime)
        return to_utc_text(value)

    def python_value(self, value: Any) -> Any:
        """'YYYY-MM-DDTHH:MM:SSZ' to a UTC DateTime."""
        return None if value is None else from_utc_text(value)


class BaseModel(Model):
    """Models are bound to a database when it is opened (see database.open_database)."""


class LeadRow(BaseModel):
    """A lead; temperature is stored as its rank (0 cold .. 3 hot) so it sorts by heat."""

    id = AutoField()
    name = TextField()
    company = TextField(default="")
    title = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    email_key = TextField(default="")
    phone_key = TextField(default="")
    preferred_channel = TextField(null=True)
    source = TextField(null=True)
    referred_by = TextField(default="")
    temperature = IntegerField()
    status = TextField(default="active")
    fit = IntegerField(default=0)
    interest = IntegerField(default=0)
    readiness = IntegerField(default=0)
    score = IntegerField(default=0)
    next_step = TextField(default="")
    next_due = UtcField(null=True)
    promised = BooleanField(default=False)
    sequence_step = IntegerField(default=1)
    notes = TextField(default="")
    owner = TextField(default="")
    lost_reason = TextField(default="")
    value = IntegerField(null=True)
    """The deal's value in minor units of the rep's currency (cents), or NULL when not known."""
    tags = TextField(default="")
    """The lead's tags, lowercase and sorted, one space between (domain.tags)."""
    created_at = UtcField()
    updated_at = UtcField()
    last_contact = UtcField(null=True)
    won_at = UtcField(null=True)
    lost_at = UtcField(null=True)
    inactive_at = UtcField(null=True)
    version = IntegerField(default=1)

    class Meta:
        table_name = "lead"


class ContactRow(BaseModel):
    """A logged touch."""

    id = AutoField()
    lead = ForeignKeyField(LeadRow, column_name="lead_id", on_delete="CASCADE")
    at = UtcField()
    channel = TextField()
    direction = TextField(default="out")
    outcome = TextField()
    note = TextField(default="")
    next_step = TextField(default="")
    next_due = UtcField(null=True)
    session_id = IntegerField(null=True)

    class Meta:
        table_name = "contact"


class TemperatureChangeRow(BaseModel):
    """A lead was created at, or moved to, a temperature; from_temp is null at creation."""

    id = AutoField()
    lead = ForeignKeyField(LeadRow, column_name="lead_id", on_delete="CASCADE")
    at = UtcField()
    from_temp = IntegerField(null=True)
    to_temp = IntegerField()

    class Meta:
        table_name = "temperature_change"


class SessionRow(BaseModel):
    """A follow-up session: when it ran and what the rep did in it."""

    id = AutoField()
    started_at = UtcField()
    ended_at = UtcField(null=True)
    queued = IntegerField(default=0)
    worked = IntegerField(default=0)
    moved = IntegerField(default=0)
    won = IntegerField(default=0)
    lost = IntegerField(default=0)
    snoozed = IntegerField(default=0)
    skipped = IntegerField(default=0)

    class Meta:
        table_name = "followup_session"


MODELS: list[type[Model]] = [LeadRow, ContactRow, TemperatureChangeRow, SessionRow]

# Each version's statements run once, in order, inside one transaction; the
# file's PRAGMA user_version records the last version applied. A server database
# is made at the newest version in its own dialect (store.server_schema).
MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE lead (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email_key TEXT NOT NULL DEFAULT '',
            phone_key TEXT NOT NULL DEFAULT '',
            preferred_channel TEXT,
            source TEXT,
            referred_by TEXT NOT NULL DEFAULT '',
            temperature INTEGER NOT NULL CHECK (temperature BETWEEN 0 AND 3),
            status TEXT NOT NULL DEFAULT 'active',
            fit INTEGER NOT NULL DEFAULT 0 CHECK (fit BETWEEN 0 AND 3),
            interest INTEGER NOT NULL DEFAULT 0 CHECK (interest BETWEEN 0 AND 3),
            readiness INTEGER NOT NULL DEFAULT 0 CHECK (readiness BETWEEN 0 AND 3),
            score INTEGER NOT NULL DEFAULT 0,
            next_step TEXT NOT NULL DEFAULT '',
            next_due TEXT,
            promised INTEGER NOT NULL DEFAULT 0,
            sequence_step INTEGER NOT NULL DEFAULT 1,
            notes TEXT NOT NULL DEFAULT '',
            lost_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            last_contact TEXT,
            won_at TEXT,
            lost_at TEXT,
            inactive_at TEXT
        )""",
        # A column page and a per-temperature due list are both a range of this index.
        "CREATE INDEX lead_board ON lead (status, temperature, next_due, score DESC, id)",
        "CREATE INDEX lead_email_key ON lead (email_key) WHERE email_key != ''",
        "CREATE INDEX lead_phone_key ON lead (phone_key) WHERE phone_key != ''",
        """CREATE TABLE contact (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            lead_id INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            channel TEXT NOT NULL,
            direction TEXT NOT NULL DEFAULT 'out',
            outcome TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            next_step TEXT NOT NULL DEFAULT '',
            next_due TEXT
        )""",
        "CREATE INDEX contact_lead_at ON contact (lead_id, at DESC)",
        "CREATE INDEX contact_at ON contact (at)",
    ],
    2: [
        # Version 2 records every temperature change (for 'warmed'/'cooled' and
        # temperature at creation), adds the lead's owner for teams, and keeps
        # per-column counts.
        "ALTER TABLE lead ADD COLUMN owner TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE temperature_change (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            lead_id INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            from_temp INTEGER,
            to_temp INTEGER NOT NULL
        )""",
        "CREATE INDEX temperature_change_lead ON temperature_change (lead_id, at)",
        "CREATE INDEX temperature_change_at ON temperature_change (at)",
        # Older files knew only the current temperature: take it as the starting one.
        """INSERT INTO temperature_change (lead_id, at, from_temp, to_temp)
           SELECT id, created_at, NULL, temperature FROM lead""",
        # Column counts kept by triggers: counting 100,000 index entries costs ~10 ms
        # per board open and per change; reading four rows costs nothing.
        """CREATE TABLE lead_count (
            status TEXT NOT NULL,
            temperature INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (status, temperature)
        ) WITHOUT ROWID""",
        """INSERT INTO lead_count (status, temperature, n)
           SELECT status, temperature, COUNT(*) FROM lead GROUP BY status, temperature""",
        """CREATE TRIGGER lead_count_insert AFTER INSERT ON lead BEGIN
            INSERT INTO lead_count (status, temperature, n) VALUES (NEW.status, NEW.temperature, 1)
            ON CONFLICT (status, temperature) DO UPDATE SET n = n + 1;
        END""",
        """CREATE TRIGGER lead_count_delete AFTER DELETE ON lead BEGIN
            UPDATE lead_count SET n = n - 1
            WHERE status = OLD.status AND temperature = OLD.temperature;
        END""",
        """CREATE TRIGGER lead_count_update AFTER UPDATE OF status, temperature ON lead
        WHEN OLD.status != NEW.status OR OLD.temperature != NEW.temperature BEGIN
            UPDATE lead_count SET n = n - 1
            WHERE status = OLD.status AND temperature = OLD.temperature;
            INSERT INTO lead_count (status, temperature, n) VALUES (NEW.status, NEW.temperature, 1)
            ON CONFLICT (status, temperature) DO UPDATE SET n = n + 1;
        END""",
    ],
    3: [
        # Version 3 keeps follow-up sessions, and which contacts each one logged,
        # for the session summary, the weekly streak and the stats.
        """CREATE TABLE followup_session (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            queued INTEGER NOT NULL DEFAULT 0,
            worked INTEGER NOT NULL DEFAULT 0,
            moved INTEGER NOT NULL DEFAULT 0,
            won INTEGER NOT NULL DEFAULT 0,
            lost INTEGER NOT NULL DEFAULT 0,
            snoozed INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX followup_session_started ON followup_session (started_at)",
        "ALTER TABLE contact ADD COLUMN session_id INTEGER REFERENCES followup_session (id)",
        "CREATE INDEX contact_session ON contact (session_id) WHERE session_id IS NOT NULL",
    ],
    4: [
        # Stats count contacts per channel, direction and outcome: with this index the
        # count reads the index instead of scanning and sorting every contact
        # (measured at 256k contacts: 230-340 ms -> about 40 ms).
        "CREATE INDEX contact_channel_outcome ON contact (channel, direction, outcome)",
    ],
    # Version 5 cleans the text older versions stored (store.text_cleaning).
    5: CLEAN_STORED_TEXT,
    # Version 6 indexes what the filter searches (store.search_index).
    6: SEARCH_MIGRATION,
    7: [
        # Version 7 remembers the file rows with no email, phone or company that leads were
        # imported from (a hash of the row's cells, leadboard.files.fingerprint), so
        # importing a file again never doubles them. Deleting the lead forgets its rows.
        """CREATE TABLE import_fingerprint (
            fingerprint INTEGER PRIMARY KEY,
            lead_id INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE
        )""",
        "CREATE INDEX import_fingerprint_lead ON import_fingerprint (lead_id)",
    ],
    # Version 8 keeps due counts per column and day, so the status line and the overdue
    # panel count a million leads without scanning them (store.due_counts).
    8: DUE_COUNT_MIGRATION,
    # Version 9 gives each lead a version, so a stale save is refused, and keeps the
    # counts per owner for a team's boards (store.kept_counts).
    9: OWNER_COUNTS_MIGRATION,
    10: [
        # Version 10: a deal value (whole minor units: never a float) and tags on each
        # lead, each column's total value kept with its count, tags in the search text,
        # and an index for the closed-leads view (store.closed_pages).
        "ALTER TABLE lead ADD COLUMN value INTEGER CHECK (value >= 0)",
        "ALTER TABLE lead ADD COLUMN tags TEXT NOT NULL DEFAULT ''",
        *VALUE_COUNTS_MIGRATION,
        *TAG_SEARCH_MIGRATION,
        CLOSED_INDEX,
        OWNER_CLOSED_INDEX,
        *SORT_INDEXES,
    ],
}

SCHEMA_VERSION = max(MIGRATIONS)
"""The schema this code reads and writes."""
