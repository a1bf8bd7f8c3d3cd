"""Which encoding a CSV file is in, chosen from all of its bytes and never silently.

A BOM or the zero bytes of UTF-16 decide first. Otherwise the whole file is
decoded as UTF-8: when every byte is valid it is UTF-8; when a few bytes are
not (a stray Windows byte pasted into a UTF-8 file) it is still UTF-8, and the
rows holding them are reported with each bad byte shown as U+FFFD; only when
the bytes that are not UTF-8 outnumber the non-ASCII characters that are (the
accents of a Windows "CSV (Comma delimited)" file are single bytes, invalid in
UTF-8) is it read as Windows-1252, and the source says so. The rep can name
any encoding instead (`--encoding`, or the import screen's option).

Bytes that do not decode become marks (private-use characters U+10FF00 +
byte), so the rows that held them can be found after the CSV module split the
text, whatever buffering the text layer did; `unmarked` turns them into U+FFFD.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from leadboard.domain.text import printable
from leadboard.files.file_errors import FileError, shown_path

MARK_ERRORS = "leadboard-mark"
"""The codec error handler that marks undecodable bytes (registered on import)."""

_MARK_BASE = 0x10FF00
_MARKS = re.compile("[\U0010ff00-\U0010ffff]")
_CHUNK = 1 << 20

LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "cp1252": "Windows-1252",
    "iso8859-1": "Latin-1",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
}
"""How the preview names the codecs leadboard picks (others go by their Python name)."""


def _mark_bad_bytes(err: UnicodeError) -> tuple[str, int]:
    """Decode each byte that does not decode as a mark that names it."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(chr(_MARK_BASE + byte) for byte in bad), err.end


codecs.register_error(MARK_ERRORS, _mark_bad_bytes)


@dataclass(frozen=True)
class Encoding:
    """The codec chosen for a file, how to name it, and how many of its bytes did not decode."""

    codec: str
    label: str
    chosen: bool = False
    """The rep named it (otherwise leadboard chose it from the bytes)."""
    fallback: bool = False
    """Windows-1252, chosen because the file is mostly not UTF-8."""
    bad_bytes: int = 0
    """Bytes the codec could not decode; each is shown as U+FFFD and its row reported."""


def check_encoding(name: str) -> str:
    """The codec's Python name for an encoding the rep typed; FileError for an unknown one."""
    shown = printable(name)[:40]
    try:
        codec = codecs.lookup(name.strip())
        # base64, zlib and rot13 pass lookup but do not turn bytes into text.
        io.TextIOWrapper(io.BytesIO(), encoding=codec.name)
    except (LookupError, ValueError):
        raise FileError(
            f'"{shown}" is not a text encoding; give one such as utf-8, cp1252, latin-1 or utf-16'
        ) from None
    return codec.name


def label_of(codec: str) -> str:
    """'UTF-8', 'Windows-1252', or the codec's own name."""
    return LABELS.get(codec, codec)


def choose_encoding(path: Path, raw: BinaryIO, head: bytes, asked: str | None) -> Encoding:
    """The encoding to read the file in: the one asked for, or one chosen from every byte."""
    if asked is not None:
        codec = check_encoding(asked)
        if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"  # the BOM is not part of the first header
        return Encoding(codec, label_of(codec), chosen=True, bad_bytes=_scan(path, raw, codec)[0])
    marked = _by_bom_or_zeros(path, head)
    if marked is not None:
        return Encoding(marked, label_of(marked), bad_bytes=_scan(path, raw, marked)[0])
    bad, non_ascii = _scan(path, raw, "utf-8", settle=True)
    if bad > non_ascii:
        # Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page.
        wrong = _scan(path, raw, "cp1252")[0]
        return Encoding("cp1252", label_of("cp1252"), fallback=True, bad_bytes=wrong)
    return Encoding("utf-8", label_of("utf-8"), bad_bytes=bad)


def _by_bom_or_zeros(path: Path, head: bytes) -> str | None:
    """UTF-8 or UTF-16 by their BOM, or UTF-16 by its zero bytes; None when neither shows."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        # Excel's "Unicode text" without a BOM: every other byte of ASCII text is zero.
        if head[1::2].count(0) > len(head) // 4:
            return "utf-16-le"
        if head[0::2].count(0) > len(head) // 4:
            return "utf-16-be"
        raise FileError(f"{shown_path(path)} is not a CSV file (it holds binary data)")
    return None


def _scan(path: Path, raw: BinaryIO, codec: str, *, settle: bool = False) -> tuple[int, int]:
    """(bytes that do not decode, non-ASCII characters that do) in the whole file.

    Leaves the file at its start. Measured on 109 MB of accented names: 0.3 s as
    clean UTF-8 or as Windows-1252; 4 s to decode Windows-1252 as UTF-8, each bad
    byte costing a call of the error handler. So with `settle`, the scan stops
    once the bytes that are not valid outnumber the valid accents ten to one
    past 1,000 of them: the file is mostly not in `codec`, whatever follows.
    """
    decoder = codecs.getincrementaldecoder(codec)(errors=MARK_ERRORS)
    bad = non_ascii = 0
    raw.seek(0)
    try:
        while True:
            chunk = raw.read(_CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if not text.isascii():
                marks = len(_MARKS.findall(text))
                bad += marks
                non_ascii += len(text) - len(text.encode("ascii", "ignore")) - marks
            if not chunk or (settle and bad > 1000 and bad > 10 * non_ascii):
                break
    except UnicodeError as err:  # a codec that fails outright (idna, "undefined")
        raise FileError(f"{shown_path(path)} cannot be read as {codec}: {err}") from None
    finally:
        raw.seek(0)
    return bad, non_ascii


def has_marks(text: str) -> bool:
    """True when the text holds bytes that did not decode."""
    return _MARKS.search(text) is not None


def unmarked(cells: list[str]) -> tuple[list[str], bytes]:
    """The cells with each undecodable byte as U+FFFD, and those bytes in order."""
    bad = bytearray()
    fixed = []
    for cell in cells:
        if has_marks(cell):
            bad.extend(ord(mark) - _MARK_BASE for mark in _MARKS.findall(cell))
            cell = _MARKS.sub("\ufffd", cell)
        fixed.append(cell)
    return fixed, bytes(bad)


def bad_bytes_text(bad: bytes, label: str) -> str:
    """'2 bytes that are not UTF-8 (E9 FC) shown as "\ufffd"', for a row's warning."""
    listed = " ".join(f"{byte:02X}" for byte in bad[:8]) + (" …" if len(bad) > 8 else "")
    plural = "byte that is" if len(bad) == 1 else "bytes that are"
    return f'{len(bad)} {plural} not {label} ({listed}) shown as "\ufffd"'
