"""The store's SQL, written once with SQLite's placeholders, as psycopg takes it.

Every statement the store sends uses `?`, `?N` or `:name` (Peewee is told to write
`?` too: ServerDatabase.param). psycopg wants `%s` and `%(name)s`, and reads every
`%` of the text as its own, literals included. This is the one place that knows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

_TOKENS = re.compile(
    r"""
    (?P<quoted> '(?:[^']|'')*' | "(?:[^"]|"")*" | \$\$.*?\$\$ | --[^\n]* )
    | (?P<numbered> \?(?P<number>[0-9]+) )
    | (?P<positional> \? )
    | (?P<named> (?<![:\w]):(?P<name>[A-Za-z_][A-Za-z0-9_]*) )
    """,
    re.VERBOSE | re.DOTALL,
)

Params = Sequence[Any] | Mapping[str, Any] | None


@functools.lru_cache(maxsize=1024)
def _translated(sql: str, named: bool) -> tuple[str, bool]:
    """The text psycopg takes, and whether its placeholders were numbered (`?1`)."""
    numbered = False

    def replace(match: re.Match[str]) -> str:
        nonlocal numbered
        if match.group("quoted") is not None:
            return match.group(0).replace("%", "%%")
        if match.group("numbered") is not None:
            numbered = True
            return f"%(p{match.group('number')})s"
        if match.group("positional") is not None:
            return "%s"
        if named:
            return f"%({match.group('name')})s"
        return match.group(0)

    pieces: list[str] = []
    at = 0
    for match in _TOKENS.finditer(sql):
        pieces.append(sql[at : match.start()].replace("%", "%%"))
        pieces.append(replace(match))
        at = match.end()
    pieces.append(sql[at:].replace("%", "%%"))
    return "".join(pieces), numbered


def for_psycopg(sql: str, params: Params) -> tuple[str, Params]:
    """The statement and parameters as psycopg takes them (`?` -> `%s`, `:n` -> `%(n)s`)."""
    named = isinstance(params, Mapping)
    text, numbered = _translated(sql, named)
    if numbered and params is not None and not named:
        assert isinstance(params, Sequence)
        params = {f"p{at}": value for at, value in enumerate(params, start=1)}
    return text, params
