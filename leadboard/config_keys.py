"""The [keys] table of the config as typed: names to keys, and the line each was typed on.

Which names and keys exist is the board's and the session's to say (ui/keys.py checks them
at start); here only the table's shape is checked, so no command needs Textual to read it.
"""

from __future__ import annotations

import re


class KeysError(ValueError):
    """The [keys] table is not a table of names to keys; str(err) says where and why."""


def read_keys(table: object, where: str, text: str) -> tuple[dict[str, str], dict[str, str]]:
    """[keys] as (name -> "key,key", name -> '<where> line N'), in the order typed.

    `session.skip = "s"` (a dotted TOML key, or a [keys.session] table) reads as the name
    "session.skip"; a list of keys is the same as one text with commas.
    """
    if not isinstance(table, dict):
        raise KeysError(f"{where}: [keys] must be a table")
    flat: dict[str, object] = {}
    for name, value in table.items():
        inner = value.items() if isinstance(value, dict) else [("", value)]
        flat.update((f"{name}.{key}" if key else name, keys) for key, keys in inner)
    keys: dict[str, str] = {}
    places: dict[str, str] = {}
    for name, value in flat.items():
        place = places[name] = line_of(f"keys.{name}", where, text)
        listed = value if isinstance(value, list) else [value]
        if not listed or not all(isinstance(key, str) and key.strip() for key in listed):
            raise KeysError(
                f'{place}: keys.{name} must be a key in quotes, such as "l" or "s,space"'
            )
        keys[name] = ",".join(str(key) for key in listed)
    return keys, places


_PART = r"""(?:[\w-]+|"[^"]*"|'[^']*')"""
_TOML_KEY = re.compile(rf"\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_HEADER = re.compile(r"\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?")


def line_of(dotted: str, where: str, text: str) -> str:
    """'<where> line 12' for the line that sets `dotted` (keys.log_contact); else `where`.

    tomllib keeps no line numbers, so the text is read again: each [table] header, then the
    key of each `key = value` line under it, quotes and spaces around dots dropped.
    """
    table = ""
    in_text = False  # inside a ''' or \"\"\" string (a signature): no key is set there
    for number, line in enumerate(text.splitlines(), start=1):
        quotes = line.count("'''") + line.count('"""')
        if in_text:
            in_text = quotes % 2 == 0
            continue
        header = _HEADER.fullmatch(line.strip())
        if header is not None:
            table = plain_key(header[1])
        elif (match := _TOML_KEY.match(line)) is not None:
            key = plain_key(match[1])
            if (f"{table}.{key}" if table else key) == dotted:
                return f"{where} line {number}"
        in_text = quotes % 2 == 1
    return where


def plain_key(key: str) -> str:
    """A TOML key as one dotted name: 'keys . "session.skip"' as 'keys.session.skip'."""
    return re.sub(r"\s*\.\s*", ".", key.strip()).replace('"', "").replace("'", "")
