"""The schema 5 migration: clean the text older versions stored, in SQL, as clean_input would."""

from __future__ import annotations

from leadboard.domain.text import LINE_BREAKS, REMOVED

LEAD_TEXT_COLUMNS = (
    "name",
    "company",
    "title",
    "email",
    "phone",
    "referred_by",
    "next_step",
    "owner",
    "lost_reason",
)
"""The lead's one-line text columns in schema 5 (notes is its multi-line one)."""


def _chars(codes: list[int]) -> str:
    """SQL for a string of these code points (char() takes at most 127 arguments)."""
    text = [str(code) for code in codes]
    return " || ".join(f"char({', '.join(text[i : i + 50])})" for i in range(0, len(text), 50))


def _glob_class(chars: str) -> str:
    """SQL for a GLOB pattern matching text that holds any of these characters.

    Runs of code points become ranges: GLOB compares every character of the text
    with each entry of the class, and over 100,000 notes of 180 characters the 91
    entries took 3.2 s, these 10 entries 1.3 s (the migration's largest cost).
    """
    runs: list[list[int]] = []
    for code in sorted(map(ord, set(chars))):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    codes: list[int] = []
    for first, last in runs:
        codes += [first, ord("-"), last] if last - first > 1 else list(range(first, last + 1))
    return f"'*[' || {_chars(codes)} || ']*'"


def _steps(multiline: bool) -> list[tuple[int, str]]:
    """(code point, replacement) for each replace(), in clean_input's order."""
    newline = "char(10)" if multiline else "' '"
    steps = [(ord(ch), newline) for ch in LINE_BREAKS + ("" if multiline else "\n\t")]
    # replace() cannot match NUL: clean_text_sql cuts it out first.
    return steps + [(ord(ch), "''") for ch in REMOVED.replace("\0", "")]


_NESTED = 12
"""replace() calls nested in one expression: SQLite's parser overflows at about 25."""


def cleaned_sql(column: str, *, multiline: bool) -> str:
    """SQL for domain.text.clean_input(column), but for NUL and escape sequences.

    An escape sequence loses its control characters, not its text: SQL cannot tell
    where one ends, and the letters left ('[31m') can do nothing without their ESC.
    The ~90 replace() calls run as rounds of _NESTED nested ones, one round per
    step of a recursive query.
    """
    steps = _steps(multiline)
    rounds: list[str] = []
    for start in range(0, len(steps), _NESTED):
        expr = "s"
        for code, new in steps[start : start + _NESTED]:
            expr = f"replace({expr}, char({code}), {new})"
        rounds.append(f"WHEN {len(rounds)} THEN {expr}")
    return f"""(
        WITH RECURSIVE done(n, s) AS (
            SELECT 0, replace({column}, char(13, 10), char(10))
            UNION ALL
            SELECT n + 1, CASE n {" ".join(rounds)} END FROM done WHERE n < {len(rounds)}
        ) SELECT s FROM done WHERE n = {len(rounds)}
    )"""


def clean_text_sql(table: str, column: str, *, multiline: bool) -> list[str]:
    """Statements that clean one text column of every row that needs it, and touch no other."""
    # Text functions stop at NUL (and GLOB with them): cut it out as bytes, first.
    nul = f"""UPDATE {table} SET {column} = (
        WITH RECURSIVE cut(s) AS (
            SELECT CAST({column} AS BLOB)
            UNION ALL
            SELECT CAST(substr(s, 1, instr(s, x'00') - 1) || substr(s, instr(s, x'00') + 1) AS BLOB)
            FROM cut WHERE instr(s, x'00') > 0
        ) SELECT CAST(s AS TEXT) FROM cut WHERE instr(s, x'00') = 0
    ) WHERE instr({column}, char(0)) > 0"""
    cleaned = cleaned_sql(column, multiline=multiline)
    if not multiline:
        cleaned = f"trim({cleaned})"
    if column == "name":
        # A name of nothing but control characters would leave a card without a title.
        cleaned = f"coalesce(nullif({cleaned}, ''), '(no name)')"
    special = REMOVED.replace("\0", "") + LINE_BREAKS + ("" if multiline else "\n\t")
    dirty = f"{column} GLOB {_glob_class(special)}"
    return [nul, f"UPDATE {table} SET {column} = {cleaned} WHERE {dirty}"]


CLEAN_STORED_TEXT: list[str] = [
    # Version 5 cleans text where it comes in (domain.text.clean_input); this
    # cleans what older versions stored: a name holding ESC ] 0 ; ... BEL
    # retitled the terminal through `list --format csv`. Clean rows are not written.
    *(sql for name in LEAD_TEXT_COLUMNS for sql in clean_text_sql("lead", name, multiline=False)),
    *clean_text_sql("lead", "notes", multiline=True),
    *clean_text_sql("contact", "next_step", multiline=False),
    *clean_text_sql("contact", "note", multiline=True),
    # An email that lost a control character gets its key again (identity.email_key,
    # which SQL's ASCII-only lower() and trim() equal on printable ASCII).
    """UPDATE lead SET email_key = CASE WHEN instr(email, '@') > 0
        THEN lower(trim(email)) ELSE '' END
    WHERE email NOT GLOB '*[^ -~]*'
        AND email_key != CASE WHEN instr(email, '@') > 0 THEN lower(trim(email)) ELSE '' END""",
]
"""Version 5's statements (store.schema.MIGRATIONS[5])."""
