"""Typed words against a lead's name and company: folded case and accents, word prefixes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from leadboard.domain.text import clean_input

WORD_BREAKS = " -'’(/"
"""What starts a new word of a name: 'Jean-Luc', "O'Brien", 'Bolt (UK)', 'Acme/Bolt'.

The store's narrowing (store.lead_names) looks for a word's start after these, so
the two must agree: it is the one list. Punctuation that ends a word ('Acme,',
'Inc.', 'UK)') is trimmed from its end instead.
"""

_TRAILING = '.,;:!?)]}"»”'

_BREAK = re.compile("[" + re.escape(WORD_BREAKS) + "]+")


def folded(text: str) -> str:
    """Text as names are compared: accents dropped (NFKD), any case: 'Zoë' -> 'zoe'."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words_of(text: str) -> list[str]:
    """The folded words of a name or of typed text: 'Jean-Luc Dubois' -> jean, luc, dubois."""
    words = (word.rstrip(_TRAILING) for word in _BREAK.split(folded(clean_input(text))))
    return [word for word in words if word]


def typed_words(typed: Sequence[str]) -> list[str]:
    """The folded words a rep typed for a name, split as names are."""
    return [word for text in typed for word in words_of(text)]


def prefixes_match(typed: Sequence[str], name: str, company: str) -> bool:
    """True when every typed word starts some word of the name or the company."""
    words = words_of(name) + words_of(company)
    wanted = typed_words(typed)
    return bool(wanted) and all(any(w.startswith(t) for w in words) for t in wanted)


def words_match(typed: Sequence[str], name: str, company: str) -> bool:
    """True when every typed word is a whole word of the name or the company."""
    words = set(words_of(name) + words_of(company))
    wanted = typed_words(typed)
    return bool(wanted) and all(t in words for t in wanted)


def name_key(text: str) -> str:
    """A name as compared exactly: cleaned, any case, spaces collapsed (accents kept)."""
    return " ".join(clean_input(text).split()).casefold()
