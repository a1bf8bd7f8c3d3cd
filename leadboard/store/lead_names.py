"""Leads by the words of their name: the quick line's fuzzy lookup and the exact-name lookup.

Both narrow the leads through the search index, then test each candidate exactly in
Python (domain.name_match), reading candidates a page at a time so a common name
stops at the first few matches. A lead row read at random costs ~20 us at a million
leads, so what matters is how few rows the index hands back:

- a typed word of three characters or more asks the index for the word's first
  three letters at a word's start (after a WORD_BREAKS character, a field's start or
  the text's start), in every accented form ("zoe" also finds "Zoë"), and for its
  last three letters anywhere; "son" is in 174,000 texts at a million leads but
  starts no name, and is answered in 10 ms;
- shorter words cannot be looked up (a trigram index); when no word is longer,
  SQLite reads leads in id order testing name and company with LIKE, and stops
  at the limit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence

import peewee

from leadboard.domain.model import Lead, Status
from leadboard.domain.name_match import (
    WORD_BREAKS,
    name_key,
    prefixes_match,
    typed_words,
)
from leadboard.store.dialect import is_server, unindexed
from leadboard.store.schema import LeadRow
from leadboard.store.search import TRIGRAM, found_rows, like_pattern, phrase

CANDIDATES_MAX = 2000
"""The most candidates the fuzzy lookup tests (~40 ms of row reads at a million leads).

The narrowing's candidates are nearly all matches for a name that is typed; a word
that starts no name but many other words ("son": 26,000 texts at a million) is
answered "none" after this many, instead of after reading them all (0.5 s).
"""

LOOKED_UP_WORDS = 3
"""The longest typed words the index is asked for; the rest are tested in Python only."""

TERMS_MAX = 600
"""The most index phrases one word may ask for (each costs ~30 us); past it, fewer forms."""

FIELD_START = "\x1f"
"""What store.search_index puts between a lead's fields."""

Test = Callable[[str, str], bool]


ACCENTED = {
    "a": "àáâãäåāăą",
    "c": "çćč",
    "d": "ď",
    "e": "èéêëēėęě",
    "g": "ğ",
    "i": "ìíîïī",
    "n": "ñńň",
    "o": "òóôõöő",
    "r": "řŕ",
    "s": "śşšș",
    "t": "ťţț",
    "u": "ùúûüūůű",
    "y": "ýÿ",
    "z": "źżž",
}
"""The accented letters of European names, by the letter they fold to (NFKD).

A form left out here is still matched when typed with its accent, and by the
Python test; only the index's narrowing would pass it by.
"""


def forms_of(ch: str) -> str:
    """Every lowercase form of a folded character the index may hold for it."""
    return ch + ACCENTED.get(ch, "")


def spellings(text: str) -> list[str]:
    """Every accented spelling of folded text ('zoe' -> 'zoe', 'zoè', 'zoé', ...)."""
    return ["".join(chars) for chars in itertools.product(*(forms_of(ch) for ch in text))]


def _count(text: str) -> int:
    count = 1
    for ch in text:
        count *= len(forms_of(ch))
    return count


def match_terms(word: str) -> list[str]:
    """FTS5 terms, OR-ed, that every text holding `word` at a word's start matches.

    The text's start is `^` and three letters (a trigram); after a field's start or a
    word break, two letters make the trigram.
    """
    head, pair = word[:TRIGRAM], word[: TRIGRAM - 1]
    starts = FIELD_START + WORD_BREAKS
    if _count(head) + _count(pair) * len(starts) <= TERMS_MAX:
        at_start = [f"^{phrase(h)}" for h in spellings(head)]
        after = [phrase(sep + p) for sep in starts for p in spellings(pair)]
        return at_start + after
    # Too many forms with the word breaks: any text holding the letters in some form.
    if _count(head) <= TERMS_MAX:
        return [phrase(h) for h in spellings(head)]
    return [phrase(head)]


def match_expression(words: Sequence[str]) -> str:
    """The FTS5 query for words of three letters or more: each word's start, and its tail."""
    groups: list[list[str]] = []
    for word in words:
        groups.append(match_terms(word))
        tail = word[-TRIGRAM:]
        if len(word) > TRIGRAM and _count(tail) <= TERMS_MAX:
            groups.append([phrase(s) for s in spellings(tail)])
    return " AND ".join("(" + " OR ".join(group) + ")" for group in groups)


def _regex_class(ch: str) -> str:
    """A PostgreSQL bracket expression for every form of one folded character."""
    escaped = "".join("\\" + c if c in "\\]^-[" else c for c in forms_of(ch))
    return f"[{escaped}]"


def word_regex(word: str) -> str:
    """A PostgreSQL regex (for ~*) for the word, in any accent, at a word's start."""
    breaks = "".join("\\" + c if c in "\\]^-[" else c for c in FIELD_START + WORD_BREAKS)
    return f"(^|[{breaks}])" + "".join(_regex_class(ch) for ch in word)


def _narrowing(db: peewee.Database, words: Sequence[str]) -> peewee.Expression | peewee.SQL:
    """A superset of the leads whose name or company has every word at a word's start."""
    long = sorted((w for w in words if len(w) >= TRIGRAM), key=len, reverse=True)
    long = long[:LOOKED_UP_WORDS]
    server = is_server(db)
    if server:
        # pg_trgm reads the trigrams of a regex, accents' classes included.
        used = long or list(words[:LOOKED_UP_WORDS])
        rows = " AND ".join("doc ~* ?" for _ in used)
        sub = peewee.SQL(
            f"(SELECT rowid FROM lead_search WHERE {rows})", [word_regex(w) for w in used]
        )
        return LeadRow.id.in_(sub)
    if long:
        sub = peewee.SQL(
            "(SELECT rowid FROM lead_search WHERE lead_search MATCH ?)", [match_expression(long)]
        )
        return LeadRow.id.in_(sub)
    # No word the index can look up: the names are read in id order, a full scan when
    # nothing matches (190 ms at a million leads), stopped at the limit when they do.
    # The letters as typed: a one- or two-letter word finds 'Zoë' by 'zo', not by 'zö'.
    longest = max(words, key=len)
    pattern = like_pattern(longest)
    return peewee.SQL(
        "(+name LIKE ? ESCAPE '\\' OR +company LIKE ? ESCAPE '\\')", [pattern, pattern]
    )


def _candidates(
    db: peewee.Database,
    where: peewee.Expression | peewee.SQL,
    owner: str | None,
    *,
    active: bool,
    most: int | None,
) -> Iterator[tuple[int, str, str]]:
    """(id, name, company) of the leads `where` admits, in id order, `most` of them at most."""
    scope = where
    if active:
        # Unindexed: the board index would walk every active lead to test the narrowing.
        scope &= unindexed("status", db) == Status.ACTIVE.value
    if owner is not None:
        scope &= LeadRow.owner == owner
    query = LeadRow.select(LeadRow.id, LeadRow.name, LeadRow.company).where(scope)
    query = query.order_by(LeadRow.id)
    if most is not None:
        query = query.limit(most)
    # One statement read as it goes: SQLite steps it only as far as the caller reads,
    # where pages of it ran the index's query again each (10 s for "son" at a million).
    for lead_id, name, company in db.execute(query.tuples()):
        yield int(lead_id), str(name), str(company)


def _ids(rows: Iterator[tuple[int, str, str]], test: Test, limit: int) -> list[int]:
    found: list[int] = []
    for lead_id, name, company in rows:
        if test(name, company):
            found.append(lead_id)
            if len(found) >= limit:
                break
    return found


def ids_named_like(
    db: peewee.Database, typed: Sequence[str], limit: int, owner: str | None
) -> list[int]:
    """Ids of active leads whose name or company words start with each typed word, by id."""
    words = typed_words(typed)
    if not words or limit <= 0:
        return []
    where = _narrowing(db, words)
    rows = _candidates(db, where, owner, active=True, most=CANDIDATES_MAX)
    return _ids(rows, lambda name, company: prefixes_match(words, name, company), limit)


def ids_named(
    db: peewee.Database,
    name: str,
    company: str | None,
    owner: str | None,
    *,
    active: bool,
    limit: int,
) -> list[int]:
    """Ids of the leads with exactly this name (and company, when given), any case and spacing."""
    wanted_name = name_key(name)
    wanted_company = None if company is None else name_key(company)
    words = sorted(wanted_name.split(), key=len, reverse=True)[:LOOKED_UP_WORDS]
    if not words:
        return []
    where: peewee.Expression = LeadRow.id.in_(found_rows(words[0], db))
    for word in words[1:]:
        if len(word) >= TRIGRAM:
            where &= LeadRow.id.in_(found_rows(word, db))

    def test(lead_name: str, lead_company: str) -> bool:
        return name_key(lead_name) == wanted_name and (
            wanted_company is None or name_key(lead_company) == wanted_company
        )

    return _ids(_candidates(db, where, owner, active=active, most=None), test, limit)


NAMED_MAX = 1000
"""The most same-named leads an exact lookup returns: enough to say how many, never all."""


def leads_in_order(leads: Sequence[Lead]) -> list[Lead]:
    """Active leads before closed ones, each in the order given (an exact name's choice)."""
    return sorted(leads, key=lambda lead: lead.status is not Status.ACTIVE)
