"""A row's fingerprint: what recognises a file row imported before, when no email or phone does.

Only rows with no email, phone or company get one (the importer's choice: the
others are found by those, and the hot path stays cheap); a name alone never
matches a lead by itself, since two people can share a name.

The fingerprint hashes every non-empty cell of the row as read (the bytes
decoded, our own export's formula apostrophe taken off, then trimmed), each
with its column's normalized header, in header order. So an unchanged row of a
re-exported file is recognised even when the CRM reorders its columns or adds
an empty one, and a row that changed in any cell is a new row (its email, phone
or name + company may still find the lead). Headers are part of it so that two
columns swapping values ("Ann", "Lee" under First and Last) is a different row.

64 bits: two different rows among a million share a fingerprint with odds of
about 1 in 30 million, and the small integer key keeps a 100,000-row import fast.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from leadboard.files.columns import normalize_header


class RowFingerprints:
    """The fingerprints of one file's rows; the header work is done once, not per row."""

    def __init__(self, header: Sequence[str]) -> None:
        """Columns sorted by normalized header (a file's own order then breaks ties)."""
        named = [(normalize_header(text), index) for index, text in enumerate(header)]
        self._order = [(index, f"{name}\x1f") for name, index in sorted(named)]
        self._width = len(header)

    def of(self, cells: Sequence[str]) -> int:
        """A signed 64-bit number naming this row's cells (SQLite's INTEGER PRIMARY KEY)."""
        width = len(cells)
        parts = [
            name + value
            for index, name in self._order
            if index < width and (value := cells[index].strip())
        ]
        if width > self._width:
            # Cells past the header: named by their position, like the notes name them.
            parts.extend(
                f"#{index}\x1f{cell.strip()}"
                for index, cell in enumerate(cells[self._width :], start=self._width)
                if cell.strip()
            )
        text = "\x1e".join(parts).encode("utf-8", "surrogatepass")
        return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big", signed=True)
