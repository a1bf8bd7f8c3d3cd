"""Read a spreadsheet as rows of text: CSV as Excel writes it, .xlsx, or vCard (.vcf).

A vCard file is one row per card (leadboard.files.vcard).

Rows stream one at a time (memory stays flat for any file size) and are
numbered as a spreadsheet shows them: the header is row 1, and blank rows and
quoted newlines are counted the way Excel counts them. The encoding is chosen
by leadboard.files.encoding (or named by the rep); rows holding bytes it could
not decode are kept in `Table.bad_rows`, their bytes shown as U+FFFD.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from leadboard.files.encoding import (
    MARK_ERRORS,
    Encoding,
    bad_bytes_text,
    choose_encoding,
    has_marks,
    unmarked,
)
from leadboard.files.export import undefused
from leadboard.files.file_errors import FileError, shown_path
from leadboard.files.vcard import looks_like_vcard, vcard_rows

SAMPLE_BYTES = 64 * 1024
"""How much of a CSV file is read to choose its delimiter (the encoding looks at every byte)."""

BAD_ROWS_KEPT = 1000
"""Rows with undecodable bytes listed one by one; past that they are only counted."""

DELIMITERS = (",", ";", "\t", "|")
"""Candidate delimiters, in order of preference when two fit equally well."""

FIELD_LIMIT = 1_000_000
"""Longest cell read from a CSV (the csv module's default, 131,072, is below our notes limit)."""

XLSX_MAGIC = b"PK\x03\x04"
VCARD_SUFFIXES = (".vcf", ".vcard")

_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class SourceInfo:
    """What kind of file was read: format, encoding and delimiter (for the preview)."""

    format: str
    encoding: str = ""
    """How the preview names the encoding: 'UTF-8', 'Windows-1252'..."""
    delimiter: str = ""
    codec: str = ""
    """The Python codec the file was read with ('' for a workbook)."""
    chosen: bool = False
    """The rep named the encoding; otherwise leadboard chose it from the bytes."""
    fallback: bool = False
    """Read as Windows-1252 because the file is mostly not UTF-8."""
    bad_bytes: int = 0
    """Bytes that did not decode, each shown as U+FFFD (their rows are reported)."""

    def describe(self) -> str:
        """'CSV, UTF-8 with BOM, semicolon-separated', 'Excel workbook (first sheet)', 'vCard, …'.

        The encoding says when the rep chose it, when leadboard fell back to
        Windows-1252, and how many bytes did not decode.
        """
        if self.format == "xlsx":
            return "Excel workbook (first sheet)"
        if self.format == "vcard":
            return f"vCard, {self.encoding_text()}"
        return f"CSV, {self.encoding_text()}, {_DELIMITER_NAMES[self.delimiter]}-separated"

    def layout(self) -> str:
        """'CSV, comma-separated', 'Excel workbook (first sheet)' or 'vCard…': no encoding."""
        if self.format == "xlsx":
            return self.describe()
        if self.format == "vcard":
            return "vCard (each card is a row)"
        return f"CSV, {_DELIMITER_NAMES[self.delimiter]}-separated"

    def encoding_text(self) -> str:
        """'UTF-8', 'Windows-1252 (the file is not UTF-8)', 'UTF-8 (chosen; 2 unreadable…)'."""
        notes = ["chosen"] if self.chosen else []
        if self.fallback:
            notes.append("the file is not UTF-8")
        if self.bad_bytes:
            s = "s" if self.bad_bytes != 1 else ""
            notes.append(f'{self.bad_bytes:,} unreadable byte{s} shown as "\ufffd"')
        return f"{self.encoding} ({'; '.join(notes)})" if notes else self.encoding

    @property
    def doubtful(self) -> bool:
        """True when the rep should check the encoding: a fallback, or bytes that did not decode."""
        return self.fallback or self.bad_bytes > 0


@dataclass
class Table:
    """A file opened for reading: its header (row `header_row`) and a stream of data rows."""

    info: SourceInfo
    header: list[str]
    header_row: int
    _rows: Iterator[tuple[int, list[str]]]
    blank_rows: int = 0
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    """(row, what) for the first BAD_ROWS_KEPT rows holding bytes that did not decode."""
    bad_row_count: int = 0
    """Every row holding bytes that did not decode (the header included)."""

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for each data row; blank rows are counted, not yielded."""
        marked = self.info.bad_bytes > 0
        for number, cells in self._rows:
            if marked:
                cells = self._unmarked(number, cells)
            if any(cell.strip() for cell in cells):
                # Our own exports defuse formula-like cells with an apostrophe; take it off.
                yield number, [undefused(cell) if cell[:1] == "'" else cell for cell in cells]
            else:
                self.blank_rows += 1

    def _unmarked(self, number: int, cells: list[str]) -> list[str]:
        """The cells with undecodable bytes as U+FFFD; the row noted when it held any."""
        if not any(has_marks(cell) for cell in cells):
            return cells
        cells, bad = unmarked(cells)
        self.bad_row_count += 1
        if len(self.bad_rows) < BAD_ROWS_KEPT:
            label = self.info.encoding.removesuffix(" with BOM")
            self.bad_rows.append((number, bad_bytes_text(bad, label)))
        return cells


@contextlib.contextmanager
def open_table(path: Path, encoding: str | None = None) -> Iterator[Table]:
    """Open a CSV, .xlsx or vCard file; FileError when it is missing, empty or not a table.

    A vCard file is known by its extension (.vcf, .vcard) or its first line
    (BEGIN:VCARD). `encoding` reads a CSV or vCard in that encoding (any name
    Python knows) instead of the one chosen from its bytes; a workbook ignores it.
    """
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise FileError(f"{shown_path(path)} does not exist") from None
    except IsADirectoryError:
        raise FileError(f"{shown_path(path)} is a directory, not a file") from None
    except OSError as err:
        raise FileError(f"cannot read {shown_path(path)}: {err.strerror}") from None
    with raw:
        head = raw.read(SAMPLE_BYTES)
        raw.seek(0)
        if head.startswith(XLSX_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
            with _open_xlsx(path) as table:
                yield table
            return
        if path.suffix.lower() in VCARD_SUFFIXES or looks_like_vcard(head):
            yield _open_vcard(path, raw, head, encoding)
            return
        yield _open_csv(path, raw, head, encoding)


def count_rows(path: Path, encoding: str | None = None) -> int:
    """How many rows the file has (a fast pass, for a progress bar's total)."""
    if encoding is not None and path.suffix.lower() in VCARD_SUFFIXES:
        # The cards' BEGIN lines: parsing every card twice would double a big file's wait.
        with path.open(encoding=encoding, errors="replace") as text:
            return sum(1 for line in text if line[:11].upper() == "BEGIN:VCARD")
    with open_table(path, encoding) as table:
        return sum(1 for _ in table._rows)


def _open_csv(path: Path, raw: BinaryIO, head: bytes, asked: str | None) -> Table:
    """Choose the encoding (from every byte) and the delimiter (from the first); stream rows."""
    if not head.strip():
        raise FileError(f"{shown_path(path)} is empty")
    encoding = choose_encoding(path, raw, head, asked)
    sample = _decode_sample(head, encoding.codec)
    delimiter = _sniff_delimiter(sample)
    text = io.TextIOWrapper(raw, encoding=encoding.codec, errors=MARK_ERRORS, newline="")
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    records = _csv_records(path, text, delimiter)
    for number, header in records:
        if any(cell.strip() for cell in header):
            table = Table(_source(encoding, delimiter), header, number, records)
            if encoding.bad_bytes:
                header = table._unmarked(number, header)
            # A BOM the chosen codec keeps (utf-16-le asked of a file with one) is no header.
            header[0] = header[0].removeprefix("\ufeff")
            table.header = header
            return table
    raise FileError(f"{shown_path(path)} is empty")


def _source(encoding: Encoding, delimiter: str) -> SourceInfo:
    """The SourceInfo of a CSV read in `encoding`."""
    return SourceInfo(
        "csv",
        encoding.label,
        delimiter,
        codec=encoding.codec,
        chosen=encoding.chosen,
        fallback=encoding.fallback,
        bad_bytes=encoding.bad_bytes,
    )


def _csv_records(
    path: Path, text: io.TextIOWrapper, delimiter: str
) -> Iterator[tuple[int, list[str]]]:
    """Number the CSV records from 1 and turn decoding and parsing failures into FileErrors."""
    reader = csv.reader(text, delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeError as err:  # undecodable bytes are marked; only a failing codec is left
            raise FileError(
                f"{shown_path(path)} cannot be read as {text.encoding} after row {number}: {err}"
            ) from None
        except csv.Error as err:
            raise FileError(f"{shown_path(path)} row {number + 1}: {err}") from None
        number += 1
        yield number, cells


def _open_vcard(path: Path, raw: BinaryIO, head: bytes, asked: str | None) -> Table:
    """Every card of a vCard file, read (and checked) before the first row is imported."""
    if not head.strip():
        raise FileError(f"{shown_path(path)} is empty")
    encoding = choose_encoding(path, raw, head, asked)
    text = io.TextIOWrapper(raw, encoding=encoding.codec, errors=MARK_ERRORS)
    try:
        header, rows = vcard_rows(text, shown_path(path))
    finally:
        text.detach()  # the caller closes the file
    info = SourceInfo(
        "vcard",
        encoding.label,
        codec=encoding.codec,
        chosen=encoding.chosen,
        fallback=encoding.fallback,
        bad_bytes=encoding.bad_bytes,
    )
    return Table(info, header, 0, iter(rows))


def _decode_sample(head: bytes, encoding: str) -> str:
    """The sample as text, without a character cut in half at its end."""
    text: str = codecs.getincrementaldecoder(encoding)(errors="ignore").decode(head, final=False)
    if len(head) == SAMPLE_BYTES:
        # The last line may be cut short; sniffing should only see whole lines.
        text = text[: max(text.rfind("\n"), 0)] or text
    return text


def _sniff_delimiter(sample: str) -> str:
    """The candidate that splits the first rows into the most consistent number of columns."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        rows = [row for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row][:20]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(row) == width for row in rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@contextlib.contextmanager
def _open_xlsx(path: Path) -> Iterator[Table]:
    """The first sheet of a workbook, through openpyxl (an optional dependency)."""
    try:
        import openpyxl
    except ImportError:
        raise FileError(
            "reading .xlsx files needs openpyxl: pip install 'leadboard[xlsx]', "
            "or save the sheet as CSV UTF-8"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises zip, XML and key errors for broken files
        raise FileError(f"{shown_path(path)} is not a readable .xlsx file ({err})") from None
    try:
        if not book.worksheets:
            raise FileError(f"{shown_path(path)} has no sheets")
        sheet = book.worksheets[0]
        records = (
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
        )
        for number, header in records:
            if any(cell.strip() for cell in header):
                yield Table(SourceInfo("xlsx"), header, number, records)
                return
        raise FileError(f"{shown_path(path)} is empty")
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    """A worksheet value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        # Phone numbers typed into Excel come back as floats: 33612345678.0.
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
