"""Make user text safe to put on a terminal: no escape sequences, no control characters."""

from __future__ import annotations

import re
import unicodedata

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
    cleaned = cleaned.replace("\t", " ")
    if one_line:
        cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    else:
        cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    # Bidi controls could reorder the rest of a terminal line; drop them.
    return "".join(ch for ch in cleaned if unicodedata.category(ch) != "Cf" or ch == "\u200d")


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
