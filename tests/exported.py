"""What two exports of the same leads share: every column but each database's own counters."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def without_versions(path: Path) -> list[list[str]]:
    """A CSV export's rows without its version column (a lead's saves, counted per database)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    if not rows or "version" not in rows[0]:
        return rows
    at = rows[0].index("version")
    return [row[:at] + row[at + 1 :] for row in rows]
