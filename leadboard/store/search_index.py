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


def lead_text_sql(separator: str, aggregate: str, *, tags: bool = True) -> str:
    """SQL for the searched text of the `lead` row in scope, in a dialect's own words.

    `separator` is SQL for the character between fields, `aggregate` the function that
    joins the contacts' notes with it: group_concat on SQLite, string_agg on PostgreSQL.
    `tags` (schema 10) ends it with the lead's tags as '#vip#q4#', so the filter's `#vip`
    finds the tag and never a longer one; a lead without tags gets nothing, which keeps
    every text written before schema 10 what it would be now.
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
    text = f" || {separator} || ".join(parts)
    if tags:
        text += (
            f" || CASE WHEN lead.tags = '' THEN '' "
            f"ELSE {separator} || '#' || replace(lead.tags, ' ', '#') || '#' END"
        )
    return text


def tag_text(tags: str) -> str:
    """What lead_text_sql appends for a lead's stored tags ('vip q4' -> SEPARATOR '#vip#q4#')."""
    return "" if not tags else "\x1f#" + tags.replace(" ", "#") + "#"


def tag_phrase(tag: str) -> str:
    """The text the filter looks for to find one tag: '#vip#'."""
    return f"#{tag}#"


LEAD_TEXT_SQL = lead_text_sql(SEPARATOR, "group_concat")
"""SQL for the searched text of the `lead` row in scope (SQLite)."""

_TEXT_SQL_6 = lead_text_sql(SEPARATOR, "group_concat", tags=False)
"""The searched text as schema 6 to 9 wrote it (no tags column yet)."""

SEARCHED_LEAD_COLUMNS = ("name", "company", "email", "phone", "next_step", "notes", "tags")
SEARCHED_CONTACT_COLUMNS = ("note",)
"""A contact's next step is not searched: it became the lead's, which is."""

_TRIGGERS = (
    "lead_search_insert",
    "lead_search_update",
    "lead_search_delete",
    "lead_search_contact_insert",
    "lead_search_contact_update",
    "lead_search_contact_delete",
)


def _write(lead_id: str, text_sql: str = LEAD_TEXT_SQL) -> str:
    """The statement that writes one lead's text into the index (it must not be there)."""
    return (
        f"INSERT INTO lead_search (rowid, doc) SELECT lead.id, {text_sql} "
        f"FROM lead WHERE lead.id = {lead_id};"
    )


def _refresh(lead_id: str, text_sql: str) -> str:
    """Statements that rewrite one lead's text (nothing is written for a lead that is gone)."""
    return f"DELETE FROM lead_search WHERE rowid = {lead_id}; {_write(lead_id, text_sql)}"


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


def _any_text(row: str) -> str:
    return " OR ".join(f"{row}.{c} != ''" for c in SEARCHED_CONTACT_COLUMNS)


def _search_triggers(text_sql: str, lead_columns: tuple[str, ...]) -> list[str]:
    """The triggers that keep the index, writing `text_sql` when one of `lead_columns` changes."""
    contact_columns = (*SEARCHED_CONTACT_COLUMNS, "lead_id")
    return [
        f"CREATE TRIGGER lead_search_insert AFTER INSERT ON lead BEGIN "
        f"{_write('NEW.id', text_sql)} END",
        f"""CREATE TRIGGER lead_search_update AFTER UPDATE OF {", ".join(lead_columns)} ON lead
            WHEN {_changed(lead_columns)} BEGIN {_refresh("NEW.id", text_sql)} END""",
        "CREATE TRIGGER lead_search_delete AFTER DELETE ON lead BEGIN "
        "DELETE FROM lead_search WHERE rowid = OLD.id; END",
        f"""CREATE TRIGGER lead_search_contact_insert AFTER INSERT ON contact
            WHEN {_any_text("NEW")} BEGIN {_refresh("NEW.lead_id", text_sql)} END""",
        f"""CREATE TRIGGER lead_search_contact_update
            AFTER UPDATE OF {", ".join(contact_columns)} ON contact
            WHEN {_changed(contact_columns)}
            BEGIN {_refresh("OLD.lead_id", text_sql)} {_refresh("NEW.lead_id", text_sql)} END""",
        f"""CREATE TRIGGER lead_search_contact_delete AFTER DELETE ON contact
            WHEN {_any_text("OLD")} BEGIN {_refresh("OLD.lead_id", text_sql)} END""",
    ]


SEARCH_MIGRATION: list[str] = [
    # Trigrams match any substring of three characters or more, in any case, with
    # the index; the content is kept too, for the scan that shorter queries need.
    "CREATE VIRTUAL TABLE lead_search USING fts5("
    "doc, tokenize = 'trigram case_sensitive 0', columnsize = 0)",
    f"INSERT INTO lead_search (rowid, doc) SELECT lead.id, {_TEXT_SQL_6} FROM lead",
    *_search_triggers(_TEXT_SQL_6, SEARCHED_LEAD_COLUMNS[:-1]),
]
"""Schema 6: the index, filled for the leads already stored, and the triggers that keep it."""

TAG_SEARCH_MIGRATION: list[str] = [
    # No text is written again: every lead is untagged, and an untagged text is unchanged.
    *(f"DROP TRIGGER {name}" for name in _TRIGGERS),
    *_search_triggers(LEAD_TEXT_SQL, SEARCHED_LEAD_COLUMNS),
]
"""Schema 10: the triggers write the lead's tags into its text too."""


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
