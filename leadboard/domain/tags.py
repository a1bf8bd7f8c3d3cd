"""Tags on a lead: short lowercase words a rep groups leads by, and `#tag` in the filter."""

from __future__ import annotations

import re
from collections.abc import Sequence

from leadboard.domain.text import clean_input

TAG_MAX = 32
"""Longest tag kept: a tag is a label, not a note."""

TAGS_MAX = 20
"""Most tags on one lead."""

_SPACES = re.compile(r"\s+")
_NOT_TAG = re.compile(r"[^\w\-./+&]")
"""What a tag may not hold: '#' marks a tag in the filter and the search text, spaces split."""


class TagError(ValueError):
    """Tags that cannot be kept; str(err) says why in one line."""


def parse_tags(text: str) -> tuple[str, ...]:
    """Typed or imported tags as the stored tuple: lowercase, sorted, each once.

    Commas or semicolons separate tags when there are any ('big deal, vip' is
    big-deal and vip); otherwise spaces do ('vip q4'). A leading '#' is dropped.
    """
    cleaned = clean_input(text).strip()
    if not cleaned:
        return ()
    parts = re.split(r"[,;|]", cleaned) if re.search(r"[,;|]", cleaned) else cleaned.split()
    tags: set[str] = set()
    for part in parts:
        tag = _NOT_TAG.sub("", _SPACES.sub("-", part.strip().lstrip("#").strip()))
        tag = tag.strip("-").casefold()
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise TagError(f"tag {tag[:TAG_MAX]}… is too long ({TAG_MAX} characters at most)")
        tags.add(tag)
    if len(tags) > TAGS_MAX:
        raise TagError(f"{len(tags)} tags is too many ({TAGS_MAX} at most)")
    return tuple(sorted(tags))


def stored_tags(tags: tuple[str, ...]) -> str:
    """Tags as the lead row stores them: one space between (a tag holds no space)."""
    return " ".join(tags)


def tags_from_stored(text: str | None) -> tuple[str, ...]:
    """The lead row's tag text as a tuple."""
    return tuple(text.split()) if text else ()


def listed_tags(tags: Sequence[str]) -> str:
    """Tags as a file's cell and the form write them ('big-deal, vip'); parse_tags reads it back."""
    return ", ".join(tags)


def shown_tags(tags: tuple[str, ...]) -> str:
    """Tags as a card and the detail show them: '#vip #q4'."""
    return " ".join(f"#{tag}" for tag in tags)


TAG_WORD = re.compile(r"(?<!\S)#([^\s#]+)")
"""A `#tag` word in the filter text."""


def filter_parts(text: str) -> tuple[tuple[str, ...], str]:
    """The filter's `#tag` words as tags, and the rest of its text: '#vip acme' -> vip, 'acme'."""
    tags = tuple(tag for word in TAG_WORD.findall(text) for tag in parse_tags(word))
    rest = _SPACES.sub(" ", TAG_WORD.sub(" ", text)).strip()
    return tags, rest
