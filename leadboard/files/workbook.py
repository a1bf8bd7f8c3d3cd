"""Write an export as a real Excel workbook (.xlsx), through openpyxl (the xlsx extra).

The columns are the CSV export's. Dates are Excel date-times in the user's zone
(Excel has no zones), so the sheet sorts and filters them as dates; a
re-import reads them back in that zone. Every text is a text cell, never a
formula or an error code, whatever it starts with. A text longer than Excel's
cell limit is cut with a mark saying how much is missing (the CSV and JSON
exports keep it whole); characters XML cannot hold are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, BinaryIO

from leadboard.domain.tags import listed_tags
from leadboard.domain.wording import number
from leadboard.files.file_errors import FileError

CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""

DATE_KEYS = frozenset(
    {"at", "next_due", "last_contact", "created_at", "updated_at", "won_at", "lost_at"}
    | {"inactive_at"}
)
"""Export columns holding a moment (ISO 8601 text in the rows)."""

AMOUNT_KEYS = frozenset({"value"})
"""Export columns holding an exact amount (a decimal string in the rows): a number in a sheet."""

DATE_FORMAT = "yyyy-mm-dd hh:mm:ss"

MISSING_EXTRA = "writing .xlsx needs the xlsx extra: pip install 'leadboard[xlsx]'"

# XML 1.0 cannot hold these; openpyxl refuses a cell with any of them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


@dataclass(frozen=True)
class Written:
    """How many rows a workbook got, and how many of its cells were cut to CELL_LIMIT."""

    rows: int
    cut: int


def check_openpyxl() -> None:
    """FileError (one line naming the extra) when openpyxl is not installed."""
    try:
        import openpyxl  # noqa: F401 (only asking whether it is there)
    except ImportError:
        raise FileError(MISSING_EXTRA) from None


def cut_mark(missing: int) -> str:
    """What ends a cut cell: ' [… 1,234 more characters: Excel holds 32,767 in a cell]'."""
    return f" [… {number(missing)} more characters: Excel holds {number(CELL_LIMIT)} in a cell]"


def write_xlsx(
    out: BinaryIO, keys: Sequence[str], rows: Iterable[Mapping[str, Any]], title: str
) -> Written:
    """Write the header and the rows to one sheet named `title` (write-only: memory stays flat)."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:
        raise FileError(MISSING_EXTRA) from None
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    cut = 0

    def text_cell(text: str) -> Any:
        nonlocal cut
        if _NOT_XML.search(text):
            text = _NOT_XML.sub("", text)
        if len(text) > CELL_LIMIT:
            room = CELL_LIMIT - len(cut_mark(len(text)))  # the longest the mark can be
            text = text[:room] + cut_mark(len(text) - room)
            cut += 1
        if text[:1] != "=" and text not in _ERROR_CODES:
            return text
        # openpyxl makes "=..." a formula and "#N/A" an error: this one is text, as typed.
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell

    def date_cell(text: str) -> Any:
        cell = WriteOnlyCell(sheet, value=datetime.fromisoformat(text).replace(tzinfo=None))
        cell.number_format = DATE_FORMAT
        return cell

    dates = [key in DATE_KEYS for key in keys]
    sheet.append([text_cell(key) for key in keys])
    count = 0
    for row in rows:
        cells: list[Any] = []
        for key, is_date in zip(keys, dates, strict=True):
            value = row.get(key)
            if isinstance(value, list):
                value = listed_tags(value)  # a lead's tags, as the importer reads them back
            if key in AMOUNT_KEYS and isinstance(value, str):
                cells.append(Decimal(value))  # exact: openpyxl writes the digits as given
            elif isinstance(value, str) and value:
                cells.append(date_cell(value) if is_date else text_cell(value))
            elif value == "":
                cells.append(None)  # an empty cell, as Excel knows no empty text
            else:
                cells.append(value)  # None, a number, or true/false
        sheet.append(cells)
        count += 1
    book.save(out)
    return Written(count, cut)
