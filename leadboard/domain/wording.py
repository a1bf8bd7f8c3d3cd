"""Numbers and counted words, written one way everywhere: '1 lead', '3,661 leads'."""

from __future__ import annotations


def number(value: int) -> str:
    """A whole number with thousands separators: 3661 reads '3,661'."""
    return f"{value:,}"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """'1 lead', '0 leads', '3,661 leads'; `plural` for words not made with an s."""
    word = singular if count == 1 else (plural if plural is not None else singular + "s")
    return f"{number(count)} {word}"
