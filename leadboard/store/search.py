"""What a search finds: the leads whose searched text holds the query, through the trigram index.

The query is always a plain substring, in any case: FTS5 gets it as one quoted
phrase, never as its query syntax. Under three characters there are no trigrams
to look up, so the stored text is scanned with LIKE or GLOB for the same meaning.
"""

from __future__ import annotations

import re

import peewee

from leadboard.domain.tags import filter_parts
from leadboard.domain.text import clean_input
from leadboard.store.dialect import is_server
from leadboard.store.schema import LeadRow
from leadboard.store.search_index import phone_digits, tag_phrase

TRIGRAM = 3
"""The shortest query the index can answer."""

PHONE_DIGITS = 6
"""A query of digits and phone separators with this many digits is taken as a phone number."""

_PHONE_LIKE = re.compile(r"\+?[0-9 ().\-/]+")

_ONE_DIGIT_CODES = ("1", "7")
_TWO_DIGIT_CODES = frozenset(
    str(code)
    for code in (20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
                 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84,
                 86, 90, 91, 92, 93, 94, 95, 98)
)  # fmt: skip
"""Country calling codes of two digits; the others have three, but for 1 and 7 (E.164).

The codes are a prefix code, so the digits after '+' tell which one a number has.
"""


def national_digits(phone: str) -> str:
    """The number without country code or leading 0: '+44 7785 842929' -> '7785842929'.

    '07785 842929', '+44 7785 842929', '0044 7785 842929' and '+44 (0)7785 842929'
    all give the same digits, so a search for one finds the others. They are always
    the last digits of phone_digits, which the index holds: so any of these forms
    finds a number stored in any other.
    """
    digits = phone_digits(phone)
    if phone.lstrip().startswith("+"):
        rest = digits
    elif digits.startswith("00"):
        rest = digits[2:]
    else:
        return digits[1:] if digits.startswith("0") else digits
    code = 1 if rest[:1] in _ONE_DIGIT_CODES else 2 if rest[:2] in _TWO_DIGIT_CODES else 3
    national = rest[code:]
    return national[1:] if national.startswith("0") else national


def phrase(text: str) -> str:
    """An FTS5 string that matches the text literally: quotes doubled, inside quotes."""
    return '"' + text.replace('"', '""') + '"'


def phone_forms(query: str) -> list[str]:
    """Digit forms of a phone-like query ('+44 7785 842929'), or [] for any other query."""
    if not _PHONE_LIKE.fullmatch(query) or sum(ch.isdigit() for ch in query) < PHONE_DIGITS:
        return []
    forms = [phone_digits(query), national_digits(query)]
    return [form for form in dict.fromkeys(forms) if len(form) >= TRIGRAM]


def match_expression(query: str) -> str:
    """The FTS5 MATCH text for a query of three characters or more."""
    forms = [query, *(form for form in phone_forms(query) if form != query)]
    return " OR ".join(phrase(form) for form in forms)


def like_pattern(query: str) -> str:
    """A LIKE pattern (escaped with a backslash) for the query anywhere in the text."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def glob_pattern(query: str) -> str:
    """A GLOB pattern for a short query anywhere in the text, each letter in either case."""
    parts = []
    for ch in query:
        cases = {c for c in (ch, ch.lower(), ch.upper(), ch.casefold()) if len(c) == 1}
        if len(cases) > 1:
            parts.append("[" + "".join(sorted(cases)) + "]")
        elif ch in "*?[":
            parts.append(f"[{ch}]")
        else:
            parts.append(ch)
    return "*" + "".join(parts) + "*"


def search_clause(text: str, db: peewee.Database) -> peewee.Expression:
    """Leads whose name, company, email, phone, next step or notes hold the text.

    Contacts' notes count too; a phone number matches however its
    digits are spaced, and with or without its country code. Each `#tag` word
    must be one of the lead's tags.
    """
    return LeadRow.id.in_(found_rows(text, db))


def filter_terms(text: str) -> list[str]:
    """What a filter text looks for, all of it: each `#tag` as '#tag#', then the other words.

    '#vip acme' is ['#vip#', 'acme']; a text with no tag is itself, spaces and all.
    """
    query = clean_input(text)
    tags, rest = filter_parts(query)
    if not tags:
        return [query]
    return [*(tag_phrase(tag) for tag in tags), *([rest] if rest else [])]


def found_rows(text: str, db: peewee.Database) -> peewee.SQL:
    """A subquery of the rowids (lead ids) whose searched text holds every term of the text."""
    if is_server(db):
        # pg_trgm answers ILIKE from its index for three characters or more, and scans
        # for fewer: the same test serves every length.
        test, server_params = text_test(text, db)
        return peewee.SQL(f"(SELECT rowid FROM lead_search WHERE {test})", server_params)
    terms = filter_terms(text)
    indexed = [term for term in terms if len(term) >= TRIGRAM]
    tests: list[str] = []
    params: list[str] = []
    if indexed:
        tests.append("lead_search MATCH ?")
        params.append(" AND ".join(f"({match_expression(term)})" for term in indexed))
    for term in terms:
        if len(term) < TRIGRAM:
            # Under three characters there are no trigrams: each stored text is tested itself.
            test, term_params = _term_test(term, db)
            tests.append(test)
            params += term_params
    return peewee.SQL(f"(SELECT rowid FROM lead_search WHERE {' AND '.join(tests)})", params)


def text_test(text: str, db: peewee.Database) -> tuple[str, list[str]]:
    """SQL that tests one row's `doc` for the text itself (not the index), and its parameters.

    It means what found_rows means: every term of the text, or a phone-like term's digit
    forms, anywhere in the stored text in any case. found_rows uses it for texts too short
    for the index; read_first to test a few known rows, where asking the index row by row
    costs far more (50-190 us a row, measured at a million leads).
    """
    tests: list[str] = []
    params: list[str] = []
    for term in filter_terms(text):
        test, term_params = _term_test(term, db)
        tests.append(test)
        params += term_params
    return " AND ".join(tests), params


def _term_test(query: str, db: peewee.Database) -> tuple[str, list[str]]:
    """text_test for one term."""
    forms = [query, *(form for form in phone_forms(query) if form != query)]
    tests: list[str] = []
    params: list[str] = []
    for form in forms:
        if is_server(db):
            # ILIKE folds case by the database's locale, as FTS5 folds it.
            tests.append("doc ILIKE ? ESCAPE '\\'")
            params.append(like_pattern(form))
            continue
        # '+doc' keeps the pattern from FTS5, which answers one with no trigram in it
        # wrongly ('*ß *' missed 'ß '); SQLite then tests each stored text itself.
        # LIKE folds ASCII case as the index does, and is 7x faster than GLOB's classes.
        if form.isascii():
            tests.append("+doc LIKE ? ESCAPE '\\'")
            params.append(like_pattern(form))
        else:
            tests.append("+doc GLOB ?")
            params.append(glob_pattern(form))
    return "(" + " OR ".join(tests) + ")", params
