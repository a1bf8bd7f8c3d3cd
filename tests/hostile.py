"""Hostile text for tests: hypothesis strategies that know what each output must show.

Text is drawn from pieces that stay (markup-looking brackets, CJK, Hebrew,
Arabic, emoji and their joiners, combining accents) and pieces that must vanish
(whole ANSI/OSC/DCS escapes, C0 and C1 controls, DEL, bidi overrides and
isolates, zero-width spaces), so each example knows the text every output must
show. Examples are few so the tests run in seconds; LEADBOARD_HYPOTHESIS=long
draws 25 times as many.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import sqlite3
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck
from hypothesis import strategies as st

from leadboard.cli import main
from leadboard.domain.text import BIDI_CONTROLS, INVISIBLE, cell_text, cell_width

LONG = os.environ.get("LEADBOARD_HYPOTHESIS") == "long"


def examples(count: int) -> int:
    """How many examples a test draws: few in CI, 25 times as many by hand."""
    return count * 25 if LONG else count


# tmp_path is shared by a test's examples on purpose: each example makes its own files.
SHARED_TMP = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

# -- the text --------------------------------------------------------------------

KEPT = [
    "[/]",
    "[bold]x",
    "[@click=app.quit]",
    "[b]y[/b]",
    "漢字",
    "山田",
    "שלום",
    "مرحبا",
    "Zoë",
    "e\u0301",
    "👍",
    "👨\u200d👩\u200d👧",
    "می\u200cخواهم",
    "Ann",
    "q",
    " ",
    "'",
    '"',
    ",",
]
"""Pieces every output keeps (one-line fields turn line breaks into spaces)."""

VANISHING = [
    "\x1b]0;pwned\x07",  # OSC: retitle the terminal, BEL-terminated
    "\x1b]0;pwned\x1b\\",  # the same, ST-terminated
    "\x1b]8;;http://evil.example\x1b\\",  # OSC 8 hyperlink
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[2J",
    "\x1b[?25l",
    "\x1bP1$r\x1b\\",  # DCS
    "\x9b31m",  # 8-bit CSI
    "\x07",
    "\x08",
    "\x01",
    "\x1f",
    "\x7f",
    "\x90",
    "\x9c",
    "\x9d",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\ufeff",
    "\u2060",
]
"""Pieces no output may carry: each is a whole sequence, so the text around it is untouched."""

VANISHING_CHARS = {
    ch for piece in VANISHING for ch in piece if unicodedata.category(ch) in ("Cc", "Cf")
}
"""The control characters of VANISHING (not the letters inside the escape sequences)."""

# NEL (U+0085) is a line break too, but printable() drops it where clean_input makes
# it a space: it is tested in tests/domain/test_clean_text.py, not drawn here.
ONE_LINE_BREAKS = [("\t", " "), ("\n", " "), ("\r\n", " "), ("\u2028", " ")]
NOTE_BREAKS = [("\t", "\t"), ("\n", "\n"), ("\r\n", "\n"), ("\u2028", "\n")]


@dataclass(frozen=True)
class Text:
    """What was typed, and what every output must show of it."""

    raw: str
    kept: str
    """The text less what vanishes, line breaks made spaces in a one-line field."""
    shown: str
    """`kept`, trimmed when it is a one-line field that leadboard trims on the way in."""


def _joined(pieces: list[tuple[str, str]], strip: bool) -> Text:
    raw = "".join(typed for typed, _ in pieces)
    kept = "".join(part for _, part in pieces)
    return Text(raw, kept, kept.strip() if strip else kept)


def _pieces(breaks: list[tuple[str, str]], size: int) -> st.SearchStrategy[list[tuple[str, str]]]:
    return st.lists(
        st.one_of(
            st.sampled_from(KEPT).map(lambda p: (p, p)),
            st.sampled_from(VANISHING).map(lambda p: (p, "")),
            st.sampled_from(breaks),
        ),
        max_size=size,
    )


def one_line(size: int = 10) -> st.SearchStrategy[Text]:
    """A company or next step: trimmed on the way in, as the form and the CLI trim it."""
    return _pieces(ONE_LINE_BREAKS, size).map(lambda p: _joined(p, strip=True))


def names() -> st.SearchStrategy[Text]:
    """A name: starts with a letter (so argparse never reads it as an option)."""
    return _pieces(ONE_LINE_BREAKS, 10).map(lambda p: _joined([("N", "N"), *p], strip=True))


def notes() -> st.SearchStrategy[Text]:
    """A note of a few pieces, or the same pieces repeated past 10,000 characters."""
    short = _pieces(NOTE_BREAKS, 12)
    long = short.filter(bool).map(lambda p: p * (10_000 // len(_joined(p, False).raw) + 1))
    return st.one_of(short, long).map(lambda p: _joined(p, strip=False))


# -- what no output may carry ------------------------------------------------------------


def assert_terminal_safe(text: str, *, allowed: str = "\n") -> None:
    """No C0 byte but `allowed`, no DEL or C1 character, no bidi control, no zero-width space.

    C1 is checked as characters: in UTF-8 the bytes 0x80-0x9F are also the
    continuation bytes of ordinary letters.
    """
    bad_bytes = {b for b in text.encode() if b < 0x20 and chr(b) not in allowed}
    assert not bad_bytes, sorted(bad_bytes)
    assert not [ch for ch in text if 0x7F <= ord(ch) <= 0x9F]
    assert not set(text) & set(BIDI_CONTROLS + INVISIBLE + "\u2028\u2029")


def cli(*args: str) -> str:
    """Run the real entry point in this process; it must succeed quietly; its stdout."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    assert code == 0, err.getvalue()
    assert err.getvalue() == ""
    return out.getvalue()


def start(text: str, cells: int = 5) -> str:
    """The first `cells` terminal cells of a text as a table cell shows it (never cut)."""
    shown = cell_text(text)
    for end in range(len(shown), -1, -1):
        if cell_width(shown[:end]) <= cells:
            return shown[:end]
    return ""


_counter = itertools.count()


def fresh_db(tmp_path: Path) -> str:
    """A database file of its own for one example, made empty (reading commands refuse none)."""
    path = str(tmp_path / f"hostile-{next(_counter)}.db")
    from leadboard.store.database import open_database

    open_database(path).close()
    return path


def csv_rows(text: str) -> list[dict[str, str]]:
    """A CSV's rows as dicts."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def raw_lead(db: str, name: str, company: str, step: str, notes: str) -> int:
    """Store a lead as another program could, bypassing leadboard's cleaning; its id."""
    con = sqlite3.connect(db)
    try:
        cursor = con.execute(
            "INSERT INTO lead (name, company, next_step, notes, temperature, next_due, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, 2, ?, ?, ?)",
            (name, company, step, notes, "2026-11-23T08:00:00Z", *["2026-11-01T08:00:00Z"] * 2),
        )
        con.commit()
        assert cursor.lastrowid is not None
        return cursor.lastrowid
    finally:
        con.close()
