"""User text made safe: cleaned where it comes in, and made printable where it goes out.

clean_input is applied on every write (add, edit, log, import) and by the
schema 5 migration (store.text_cleaning builds its SQL from the tables below);
printable, clipped and cell_text are for display, in depth.
"""

from __future__ import annotations

import re
import unicodedata

LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Line boundaries other than \\n (those of str.splitlines): each becomes a newline."""

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidi marks, embeddings, overrides and isolates: they reorder the rest of a terminal line."""

INVISIBLE = "\u200b\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\ufeff"
"""Zero-width spaces, joiners of words, invisible operators, deprecated format marks, BOMs.

U+200C and U+200D (zero-width non-joiner and joiner) are not here: they are part
of how Persian, Sinhala (Sri is spelt with a ZWJ) and Indic names are written, and of emoji
sequences; they cannot move the cursor or reorder a line. What they do to widths
is handled where widths matter (cell_text).
"""

REMOVED = (
    "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n" + LINE_BREAKS)
    + "".join(chr(c) for c in range(0x7F, 0xA0) if chr(c) not in LINE_BREAKS)
    + BIDI_CONTROLS
    + INVISIBLE
)
"""What clean_input removes (C0 but tab and newlines, DEL, C1, bidi, invisible marks)."""

_MULTI_LINE = str.maketrans(dict.fromkeys(REMOVED) | dict.fromkeys(LINE_BREAKS, "\n"))
_ONE_LINE = str.maketrans(dict.fromkeys(REMOVED) | dict.fromkeys(LINE_BREAKS + "\n\t", " "))
_DIRTY_MULTI = re.compile("[" + re.escape(REMOVED + LINE_BREAKS) + "]")
_DIRTY_ONE = re.compile("[" + re.escape(REMOVED + LINE_BREAKS + "\n\t") + "]")

# Only whole, unambiguous sequences go with their escape; a lone ESC (or an
# unterminated OSC) loses just the control character, never the text after it.
_INPUT_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b\n]*\x1b\\"  # DCS, SOS, PM, APC strings
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


def clean_input(text: str, *, multiline: bool = False) -> str:
    """The text as it may be stored: no control characters, escape sequences or bidi controls.

    Tab and newline stay in a multi-line field (notes); in a one-line field they,
    and any line break, become a space. Every other line break (CR, CRLF, U+2028...)
    becomes a newline. Nothing is trimmed: that is validation's job.
    """
    if text.isprintable() or (_DIRTY_MULTI if multiline else _DIRTY_ONE).search(text) is None:
        return text
    if "\x1b" in text or "\x9b" in text:
        text = _INPUT_ESCAPES.sub("", text)
    return text.replace("\r\n", "\n").translate(_MULTI_LINE if multiline else _ONE_LINE)


def has_visible(text: str) -> bool:
    """True when the text shows something: not only spaces, controls and zero-width marks."""
    return any(
        not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Mn", "Me") for ch in text
    )


# CSI, OSC and other ESC-introduced sequences, then any remaining C0/C1 control.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # lone ESC or two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str, *, one_line: bool = True) -> str:
    """The text with escape sequences and control characters removed (newlines become spaces)."""
    if text.isprintable():
        return text
    cleaned = _CONTROLS.sub("", _ESCAPES.sub("", text))
    cleaned = cleaned.replace("\t", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    if one_line:
        cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    else:
        cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    # Bidi controls could reorder the rest of a terminal line; drop them.
    return "".join(ch for ch in cleaned if unicodedata.category(ch) != "Cf" or ch == "\u200d")


def cell_text(text: str) -> str:
    """printable() without zero-width joiners: text whose width every terminal agrees on.

    Rich counts a ZWJ sequence as one grapheme ('a' ZWJ 'b' one cell, a family
    emoji two), while VTE, xterm and tmux draw every part ('ab' two cells, the
    family six); a line measured one way and drawn the other pushes the card's
    and the table's right edge off. Without the joiner both count each part.
    """
    shown = printable(text)
    return shown.replace("\u200d", "") if "\u200d" in shown else shown


def clipped(text: str, limit: int, mark: str = "…") -> str:
    """The text made printable, cut to `limit` characters with `mark` ending a cut one."""
    cleaned = printable(text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - len(mark)] + mark


def cell_width(text: str) -> int:
    """Columns the text takes on a terminal: wide (CJK) characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit_width(text: str, width: int) -> str:
    """Cut the text to `width` columns (an ellipsis marks a cut) and pad it to exactly that."""
    if width <= 0:
        return ""
    if cell_width(text) <= width:
        return text + " " * (width - cell_width(text))
    out: list[str] = []
    used = 0
    for ch in text:
        w = (
            0
            if unicodedata.combining(ch)
            else (2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1)
        )
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - 1 - used)
