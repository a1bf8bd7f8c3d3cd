"""Write leads or contacts as CSV that Excel opens correctly, as an Excel workbook, or as JSON.

CSV: UTF-8 with a BOM (Excel reads non-ASCII names right only with it), CRLF
line ends, ISO 8601 dates with the user's offset, true/false for yes/no. A cell
that Excel would run as a formula (it starts with =, @, or + or - followed by
something that is not a number) gets a leading apostrophe; the importer takes
it off again, so a round trip gives back the same text.

.xlsx (leadboard.files.workbook, through openpyxl: the xlsx extra): the same
columns, dates as Excel date-times in the user's zone, every text a text cell.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from leadboard.domain.tags import listed_tags
from leadboard.files.file_errors import FileError, shown_path
from leadboard.files.shapes import CONTACT_KEYS
from leadboard.paths import DISK_FULL, NOT_ALLOWED, os_failure, private_temp

CONTACT_EXPORT_KEYS = (
    "id",
    "lead_id",
    "lead_name",
    "lead_company",
    "lead_email",
    "lead_phone",
    *CONTACT_KEYS[1:],
)
"""Columns of a contact-log export: the lead's name, email and phone let a re-import find it."""

FORMATS = ("csv", "json", "xlsx")

# Phone numbers and signed numbers are data, not formulas: '+33 6 12 34 56 78', '-2'.
_PLAIN_NUMBER = re.compile(r"[+-][\d\s().-]*")
_FORMULA_START = ("=", "@", "+", "-", "\t", "\r")


def export_format(path: Path, requested: str | None) -> str:
    """The format asked for, else the one the extension names (.json, .xlsx), else CSV."""
    if requested is not None:
        if requested not in FORMATS:
            raise FileError(f"export writes csv or json, not {requested}")
        return requested
    suffix = path.suffix.lower()
    return "json" if suffix == ".json" else "xlsx" if suffix == ".xlsx" else "csv"


def defused(text: str) -> str:
    """The cell with an apostrophe in front when Excel would run it as a formula."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def undefused(text: str) -> str:
    """Undo `defused` on import (a cell that is only an apostrophe and spaces is kept)."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START) and text[1:].strip():
        return text[1:]
    return text


# What the OS says when a write itself fails, as opposed to a failure of the rows' source.
_WRITE_FAILURES = {*DISK_FULL, *NOT_ALLOWED, errno.EFBIG, errno.EIO}


@contextlib.contextmanager
def new_file(path: Path, force: bool) -> Iterator[TextIO]:
    """Write a text file of personal data in one go, owner-only (0600): see `_replacing`."""
    with _replacing(path, force, binary=False) as handle:
        yield cast(TextIO, handle)


@contextlib.contextmanager
def new_binary_file(path: Path, force: bool) -> Iterator[BinaryIO]:
    """`new_file` for bytes (a workbook)."""
    with _replacing(path, force, binary=True) as handle:
        yield cast(BinaryIO, handle)


@contextlib.contextmanager
def _replacing(path: Path, force: bool, *, binary: bool) -> Iterator[IO[Any]]:
    """Write a file of personal data in one go, owner-only (0600).

    It is written to a private temporary file beside FILE, flushed to the disk
    (a full disk may only say so then) and renamed over FILE only when
    complete; on any failure the temporary file is removed and FILE is as it
    was. A failure of the file system is one line naming it.
    """
    try:
        if path.is_dir():
            raise FileError(f"{shown_path(path)} is a directory")
        if path.exists() and not force:
            raise FileError(f"{shown_path(path)} already exists; --force replaces it")
        fd, part = private_temp(path)
    except OSError as err:
        raise FileError(os_failure(err, path)) from None
    # Not `with`: its close after a failure could raise over that failure.
    handle: IO[Any] = (
        open(fd, "wb") if binary else open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115
    )
    try:
        try:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        except BaseException:
            with contextlib.suppress(OSError):
                handle.close()  # a second failure flushing the rest must not hide the first
            raise
        os.replace(part, path)
    except OSError as err:
        part.unlink(missing_ok=True)
        if err.errno not in _WRITE_FAILURES or isinstance(err, BrokenPipeError):
            raise
        raise FileError(os_failure(err, path)) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return defused(value)
    if isinstance(value, list):
        return defused(listed_tags(value))  # a lead's tags, as the importer reads them back
    return str(value)


def write_csv(out: TextIO, keys: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write a header and the rows as Excel-friendly CSV; the number of rows written."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(keys)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key in keys])
        count += 1
    return count


def write_json(out: TextIO, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write the rows as one JSON array, an object per line; the number written."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_export(
    path: Path,
    force: bool,
    file_format: str,
    keys: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    title: str,
) -> tuple[int, int]:
    """Write the rows to a new file in `file_format`: (rows written, cells cut to fit Excel).

    A workbook needs openpyxl; without it, FileError before any file is made.
    """
    if file_format == "xlsx":
        from leadboard.files.workbook import check_openpyxl, write_xlsx

        check_openpyxl()
        with new_binary_file(path, force) as raw:
            sheet = write_xlsx(raw, keys, rows, title)
        return sheet.rows, sheet.cut
    with new_file(path, force) as handle:
        count = write_csv(handle, keys, rows) if file_format == "csv" else write_json(handle, rows)
    return count, 0
