"""The rejects file: the rows an import rejected, as they were, with the reason, ready to fix.

It is the original header and rows, after a first column saying why each row
was rejected: first, so it is the first thing seen when fixing the row, and so a
row longer than its header keeps its extra cells after the others. It is written as
export writes CSV (UTF-8 with a BOM, CRLF, formula-like cells defused, owner-only,
replaced only with --force); the import ignores the reason column, so the file
can be fixed and imported again. The rows are read again from the file rather
than kept during the import: memory stays flat however many rows were rejected.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

from leadboard.files.export import defused, new_file
from leadboard.files.reading import open_table

REASON_HEADER = "Rejected because"
"""The reason column's header; the import's column map ignores it."""


def write_rejects(
    source: Path,
    encoding: str | None,
    reasons: Mapping[int, str],
    target: Path,
    *,
    force: bool = False,
) -> int:
    """Copy the rows of `source` numbered in `reasons` to a new CSV `target`; how many."""
    written = 0
    with open_table(source, encoding) as table, new_file(target, force) as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle, lineterminator="\r\n")
        # A rejects file imported again: its old reasons give way to the new ones.
        skip = 1 if table.header[:1] == [REASON_HEADER] else 0
        writer.writerow([REASON_HEADER, *map(defused, table.header[skip:])])
        for number, cells in table.rows():
            reason = reasons.get(number)
            if reason is not None:
                writer.writerow([defused(reason), *map(defused, cells[skip:])])
                written += 1
    return written
