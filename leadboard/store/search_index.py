"""The search index (schema 6): one text per lead in an FTS5 trigram table, kept by triggers.

A lead's text is its name, company, email, phone (as typed and as digits), next
step and notes, and the notes of its contacts. The triggers below
keep it in step with every write that goes through SQL; BulkWriter sets triggers
aside and calls refresh_after_bulk.
"""

from __future__ import annotations

from typing import Any

SEPARATOR = "char(31)"
"""Between fields: a control character clean_input never stores, so no match spans two."""

_SEPARATORS = " -().,/+"
"""What people type between the digits of a phone number."""


def phone_digits(phone: str) -> str:
    """The phone with the separators people type removed: '07785 842929' -> '07785842929'."""
    return phone.translate(str.maketrans("", "", _SEPARATORS))


def _sql_text(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def phone_digits_sql(column: str) -> str:
    """SQL for phone_digits(column)."""
    expr = column
    for ch in _SEPARATORS:
        expr = f"replace({expr}, {_sql_text(ch)}, '')"
    return expr


def lead_text_sql(separator: str, aggregate: str) -> str:
    """SQL for the searched text of the `lead` row in scope, in a dialect's own words.

    `separator` is SQL for the character between fields, `aggregate` the function that
    joins the contacts' notes with it: group_concat on SQLite, string_agg on PostgreSQL.
    """
    parts = (
        "lead.name",
        "lead.company",
        "lead.email",
        "lead.phone",
        # The digits alone: national_digits of any way of writing the number is a part of
        # them, so '+44 7785 842929' finds '07785 842929' and the other way round.
        phone_digits_sql("lead.phone"),
        "lead.next_step",
        "lead.notes",
        f"coalesce((SELECT {aggregate}(contact.note, {separator}) FROM contact "
        "WHERE contact.lead_id = lead.id AND contact.note != ''), '')",
    )
    return f" || {separator} || ".join(parts)


LEAD_TEXT_SQL = lead_text_sql(SEPARATOR, "group_concat")
"""SQL for the searched text of the `lead` row in scope (SQLite)."""

SEARCHED_LEAD_COLUMNS = ("name", "company", "email", "phone", "next_step", "notes")
SEARCHED_CONTACT_COLUMNS = ("note",)
"""A contact's next step is not searched: it became the lead's, which is."""


def _write(lead_id: str) -> str:
    """The statement that writes one lead's text into the index (it must not be there)."""
    return (
        f"INSERT INTO lead_search (rowid, doc) SELECT lead.id, {LEAD_TEXT_SQL} "
        f"FROM lead WHERE lead.id = {lead_id};"
    )


def _refresh(lead_id: str) -> str:
    """Statements that rewrite one lead's text (nothing is written for a lead that is gone)."""
    return f"DELETE FROM lead_search WHERE rowid = {lead_id}; {_write(lead_id)}"


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


def _any_text(row: str) -> str:
    return " OR ".join(f"{row}.{c} != ''" for c in SEARCHED_CONTACT_COLUMNS)


SEARCH_MIGRATION: list[str] = [
    # Trigrams match any substring of three characters or more, in any case, with
    # the index; the content is kept too, for the scan that shorter queries need.
    "CREATE VIRTUAL TABLE lead_search USING fts5("
    "doc, tokenize = 'trigram case_sensitive 0', columnsize = 0)",
    f"INSERT INTO lead_search (rowid, doc) SELECT lead.id, {LEAD_TEXT_SQL} FROM lead",
    f"CREATE TRIGGER lead_search_insert AFTER INSERT ON lead BEGIN {_write('NEW.id')} END",
    f"""CREATE TRIGGER lead_search_update
        AFTER UPDATE OF {", ".join(SEARCHED_LEAD_COLUMNS)} ON lead
        WHEN {_changed(SEARCHED_LEAD_COLUMNS)}
        BEGIN {_refresh("NEW.id")} END""",
    "CREATE TRIGGER lead_search_delete AFTER DELETE ON lead BEGIN "
    "DELETE FROM lead_search WHERE rowid = OLD.id; END",
    f"""CREATE TRIGGER lead_search_contact_insert AFTER INSERT ON contact
        WHEN {_any_text("NEW")} BEGIN {_refresh("NEW.lead_id")} END""",
    f"""CREATE TRIGGER lead_search_contact_update
        AFTER UPDATE OF {", ".join(SEARCHED_CONTACT_COLUMNS)}, lead_id ON contact
        WHEN {_changed((*SEARCHED_CONTACT_COLUMNS, "lead_id"))}
        BEGIN {_refresh("OLD.lead_id")} {_refresh("NEW.lead_id")} END""",
    f"""CREATE TRIGGER lead_search_contact_delete AFTER DELETE ON contact
        WHEN {_any_text("OLD")} BEGIN {_refresh("OLD.lead_id")} END""",
]
"""Schema 6: the index, filled for the leads already stored, and the triggers that keep it."""


def bulk_marks(cursor: Any) -> tuple[int, int]:
    """The last lead id and contact id before a bulk write (what refresh_after_bulk takes)."""
    row = cursor.execute(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM lead), (SELECT COALESCE(MAX(id), 0) FROM contact)"
    ).fetchone()
    return int(row[0]), int(row[1])


def refresh_after_bulk(cursor: Any, marks: tuple[int, int]) -> None:
    """Index the leads a bulk write added, and those it added contacts to, in one pass.

    BulkWriter sets every trigger aside: one pass after the write, with the
    indexes back, costs less than a trigger per row (see the README's figures).
    """
    last_lead, last_contact = marks
    touched = "lead.id > ?1 OR lead.id IN (SELECT lead_id FROM contact WHERE id > ?2)"
    cursor.execute(
        f"DELETE FROM lead_search WHERE rowid IN (SELECT id FROM lead WHERE {touched})",
        (last_lead, last_contact),
    )
    cursor.execute(
        f"INSERT INTO lead_search (rowid, doc) SELECT lead.id, {LEAD_TEXT_SQL} "
        f"FROM lead WHERE {touched}",
        (last_lead, last_contact),
    )


INSERT_TRIGGERS = ("lead_search_insert", "lead_search_contact_insert")
"""The triggers an import sets aside: SQLite 3.40's FTS5 flushes its pending index at every
statement's savepoint, so indexing row by row made a 100,000-row import 3 s -> 17 s."""


class InsertTriggersAside:
    """The index's insert triggers dropped inside a transaction, until put_back indexes the rows."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor
        self.marks = bulk_marks(cursor)
        self.set_aside: list[str] = []
        marks = ", ".join("?" for _ in INSERT_TRIGGERS)
        for name, sql in cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
            INSERT_TRIGGERS,
        ).fetchall():
            cursor.execute(f'DROP TRIGGER "{name}"')
            self.set_aside.append(str(sql))

    def put_back(self) -> None:
        """Recreate the triggers and index the leads added, and those given contacts, meanwhile."""
        if not self.set_aside:
            return
        for sql in self.set_aside:
            self.cursor.execute(sql)
        self.set_aside = []
        refresh_after_bulk(self.cursor, self.marks)
