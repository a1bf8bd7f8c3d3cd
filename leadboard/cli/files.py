"""`import`, `export`, `calendar`, `backup`, `restore`: leads in and out of files.

The file formats and the store are imported inside the commands, so building
the parser for `--help` loads neither.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from leadboard.cli.completion import FILES, completes
from leadboard.cli.context import EXIT_OK, Context
from leadboard.cli.parser import CommandFactory
from leadboard.domain.money import DEFAULT_CURRENCY, Currency
from leadboard.domain.text import printable
from leadboard.domain.wording import counted

if TYPE_CHECKING:
    from pendulum import DateTime

    from leadboard.cli.progress import Progress
    from leadboard.files.report import ImportReport
    from leadboard.store.leads import LeadStore

T = TypeVar("T")


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    from leadboard.cli import backups  # it uses this module's helpers

    imp = command("import", "import leads (or a contact log) from a CSV or .xlsx file")
    imp.add_argument("file", help="the spreadsheet: CSV (any delimiter, UTF-8/16) or .xlsx")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    imp.add_argument(
        "--on-duplicate",
        choices=("skip", "update"),
        default="skip",
        help="a lead already there (same email, phone, or name + company): skip it "
        "(default) or update it from the row",
    )
    imp.add_argument("--strict", action="store_true", help="import nothing if any row is rejected")
    kind = imp.add_mutually_exclusive_group()
    kind.add_argument(
        "--contacts", action="store_true", help="the file is a contact log (default: detected)"
    )
    kind.add_argument("--leads", action="store_true", help="the file is leads (default: detected)")
    imp.add_argument(
        "--encoding",
        metavar="NAME",
        help="read a CSV in this encoding: utf-8, cp1252, latin-1, utf-16... (default: UTF-8, "
        "or Windows-1252 when most of the file is not UTF-8; the report says which)",
    )
    imp.add_argument(
        "--rejects",
        metavar="REJECTS.csv",
        help="write the rejected rows to this CSV, as they were, after a column saying why: "
        "fix them and import it again (with --dry-run too)",
    )
    imp.add_argument("--force", action="store_true", help="replace the --rejects file if it exists")
    completes(imp, file=FILES, rejects=FILES)
    imp.set_defaults(run=cmd_import, creates_db=True)

    exp = command("export", "write every lead (or the contact log) to a CSV, .xlsx or JSON file")
    exp.add_argument(
        "file", help="where to write; .json means JSON, .xlsx an Excel workbook, anything else CSV"
    )
    exp.add_argument("--contacts", action="store_true", help="export the contact log instead")
    exp.add_argument("--force", action="store_true", help="replace FILE if it exists")
    # With no --format, export_format takes it from the file's extension.
    completes(exp, file=FILES)
    exp.set_defaults(run=cmd_export)

    cal = command("calendar", "write upcoming follow-ups to an .ics calendar file")
    cal.add_argument("file", help="the .ics file to write")
    cal.add_argument(
        "--within",
        type=int,
        default=30,
        metavar="DAYS",
        help="follow-ups due within DAYS (default 30; overdue ones are always included)",
    )
    cal.add_argument("--force", action="store_true", help="replace FILE if it exists")
    completes(cal, file=FILES)
    cal.set_defaults(run=cmd_calendar)

    backup = command("backup", "copy the database to FILE, safely while it is in use")
    backup.add_argument("file", help="where to write the copy")
    completes(backup, file=FILES)
    backup.set_defaults(run=backups.cmd_backup)

    restore = command("restore", "replace the database with a backup, keeping the old one aside")
    restore.add_argument("file", help="a file written by `leadboard backup`")
    completes(restore, file=FILES)
    restore.set_defaults(run=backups.cmd_restore, creates_db=True)


def _progress(label: str) -> Progress | None:
    """A bar on a terminal; nothing when stderr is piped or a file."""
    from leadboard.cli.progress import Progress

    return Progress(label) if sys.stderr.isatty() else None


def _finish(progress: Progress | None) -> None:
    if progress is not None:
        progress.done()


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _shown(path: Path) -> str:
    return printable(str(path))


def cmd_import(ctx: Context) -> int:
    """`leadboard import`."""
    from leadboard.actions.importing import import_file, plan_import
    from leadboard.cli.render import csv_text, dumps, out
    from leadboard.files.encoding import check_encoding
    from leadboard.files.file_errors import FileError
    from leadboard.files.reading import open_table
    from leadboard.files.report import (
        ImportOptions,
        ImportRefused,
        report_json,
        report_lines,
    )

    a = ctx.args
    # A bad name is one line before anything is read or opened.
    encoding = check_encoding(a.encoding) if a.encoding is not None else None
    kind = "contacts" if a.contacts else "leads" if a.leads else "auto"
    dmy = ctx.config.date_reading.day_first  # G2 (issue 13): the date_order setting
    options = ImportOptions(
        on_duplicate=a.on_duplicate,
        kind=kind,
        strict=a.strict,
        day_first=dmy,
        currency=ctx.config.currency,
    )
    path = _path(a.file)
    rejects = _rejects_target(path, a.rejects, a.force)
    missing = _missing_database(ctx)
    if missing is not None:
        # A file that cannot be read must not leave a new, empty database behind.
        with open_table(path, encoding):
            pass
    progress = _progress("import")
    try:
        if a.dry_run:
            with _planning_store(ctx, missing) as store:
                report: ImportReport = plan_import(
                    path, store, options, now=ctx.now, progress=progress, encoding=encoding
                )
        else:
            report = import_file(
                path, ctx.store, options, now=ctx.now, progress=progress, encoding=encoding
            )
    except ImportRefused as err:
        _finish(progress)
        if rejects is None:
            raise FileError(f"{err}; --dry-run lists every rejected row") from None
        _write_rejects(err.report, encoding, rejects, a.force)
        raise FileError(f"{err}; the rejected rows are in {_shown(rejects)}") from None
    _finish(progress)
    written = _write_rejects(report, encoding, rejects, a.force) if rejects is not None else ""
    if ctx.format == "json":
        data = report_json(report, a.dry_run)
        data["encoding"] = report.source.codec
        data["warnings"] = [{"row": row, "warning": what} for row, what in report.warnings]
        data["rejects_file"] = str(rejects) if rejects is not None else None
        out(dumps(data))
    elif ctx.format == "csv":
        keys = ("row", "action", "name", "reason", "lead_id", "warnings")
        decisions = report_json(report, a.dry_run)["decisions"]
        for decision in decisions:
            decision["warnings"] = "; ".join(decision["warnings"])
        sys.stdout.write(csv_text(decisions, keys))
    else:
        lines = [*report_lines(report, a.dry_run), *_encoding_lines(report)]
        out("\n".join([*lines, *([written] if written else [])]))
    return EXIT_OK


def _rejects_target(source: Path, text: str | None, force: bool) -> Path | None:
    """The --rejects file, refused before anything is imported if it cannot be written."""
    from leadboard.files.file_errors import FileError

    if text is None:
        return None
    target = _path(text)
    try:
        same = target.exists() and source.exists() and target.samefile(source)
    except OSError:
        same = False
    if same:
        raise FileError(f"--rejects {_shown(target)} is the file being imported; name another")
    if target.is_dir():
        raise FileError(f"--rejects {_shown(target)} is a directory")
    if (target.exists() or target.is_symlink()) and not force:
        raise FileError(f"{_shown(target)} already exists; --force replaces it")
    return target


def _write_rejects(report: ImportReport, encoding: str | None, target: Path, force: bool) -> str:
    """Write the --rejects file (read as the import read its file); the sentence saying so."""
    from leadboard.files.rejects import write_rejects

    reasons = {d.row: d.reason for d in report.rejected}
    written = write_rejects(report.path, encoding, reasons, target, force=force)
    if not written:
        return f"No row was rejected: {_shown(target)} holds the header alone."
    what = counted(written, "rejected row")
    return f"Wrote {what} to {_shown(target)}: fix the file and import it again."


def _missing_database(ctx: Context) -> Path | None:
    """The database file when it is not there yet (an import will create it), else None."""
    from leadboard.paths import db_target
    from leadboard.store.database import sqlite_path
    from leadboard.store.server_url import is_server_target

    target = db_target(ctx.args.db)
    if is_server_target(target):
        return None  # a server's database is there; its tables are made on first open
    path = sqlite_path(target)
    return None if path.exists() or path.is_symlink() else path


@contextlib.contextmanager
def _planning_store(ctx: Context, missing: Path | None) -> Iterator[LeadStore]:
    """The store a dry run decides against: the database, or an empty one when there is none.

    A dry run writes nothing, so with no database yet it plans against an empty
    one in a temporary folder, after checking the real import could create it.
    """
    if missing is None:
        yield ctx.store
        return
    from leadboard.paths import shown
    from leadboard.store.database import check_creatable, open_database
    from leadboard.store.leads import LeadStore

    check_creatable(missing, ctx.may_create())
    sys.stderr.write(
        f"leadboard: note: there is no database at {shown(missing)} yet; "
        "the import will create it\n"
    )
    with tempfile.TemporaryDirectory(prefix="leadboard-plan-") as folder:
        store = LeadStore(
            open_database(str(Path(folder) / "plan.db"), ctx.config.busy_timeout_ms),
            ctx.config.policy,
        )
        try:
            yield store
        finally:
            store.close()


def _encoding_lines(report: ImportReport) -> list[str]:
    """How to read the file another way, when its bytes were not all UTF-8."""
    lines: list[str] = []
    source = report.source
    if source.fallback:
        lines.append(
            f"Read as {source.encoding} because most of the file is not UTF-8; "
            "--encoding NAME reads it in another encoding."
        )
    elif source.bad_bytes:
        lines.append(
            f"Read as {source.encoding}{' as asked' if source.chosen else ''}; "
            "--encoding NAME reads it in another encoding (cp1252, latin-1...)."
        )
    return lines


def _counted(rows: Iterable[T], progress: Progress | None, total: int) -> Iterator[T]:
    """Pass rows through, moving the progress bar."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress is not None and done % 500 == 0:
            progress(done, total)
    if progress is not None:
        progress(done, max(total, done))


def export_rows(
    store: LeadStore,
    contacts: bool,
    now: DateTime,
    tz: str,
    currency: Currency = DEFAULT_CURRENCY,
) -> tuple[tuple[str, ...], int, Iterator[dict[str, Any]]]:
    """The columns, how many rows, and the rows of a leads or contact-log export."""
    from leadboard.files.export import CONTACT_EXPORT_KEYS
    from leadboard.files.shapes import LEAD_KEYS, contact_json, lead_json
    from leadboard.store.exporting import count_contacts, iter_contacts, iter_leads

    if not contacts:
        sequence = store.policy.sequence
        leads = (lead_json(lead, now, tz, sequence, currency) for lead in iter_leads(store))
        return LEAD_KEYS, store.count(), leads
    rows = (
        {
            **contact_json(item.contact, tz),
            "lead_id": item.contact.lead_id,
            "lead_name": item.lead_name,
            "lead_company": item.lead_company,
            "lead_email": item.lead_email,
            "lead_phone": item.lead_phone,
        }
        for item in iter_contacts(store)
    )
    return CONTACT_EXPORT_KEYS, count_contacts(store), rows


def cmd_export(ctx: Context) -> int:
    """`leadboard export`."""
    from leadboard.cli.render import out
    from leadboard.files.export import export_format, write_export

    a = ctx.args
    path = _path(a.file)
    file_format = export_format(path, a.format)
    keys, total, rows = export_rows(ctx.store, a.contacts, ctx.now, ctx.tz, ctx.config.currency)
    progress = _progress("export")
    title = "Contacts" if a.contacts else "Leads"
    moving = _counted(rows, progress, total)
    written, cut = write_export(path, a.force, file_format, keys, moving, title)
    _finish(progress)
    what = counted(written, "contact" if a.contacts else "lead")
    out(f"Exported {what} to {_shown(path)} ({file_format.upper()})")
    if cut:  # Excel holds 32,767 characters in a cell
        sys.stderr.write(
            f"leadboard: warning: {counted(cut, 'cell')} longer than Excel's 32,767 characters "
            "cut, each marked at its end; a CSV or JSON export keeps them whole\n"
        )
    return EXIT_OK


def cmd_calendar(ctx: Context) -> int:
    """`leadboard calendar`."""
    from leadboard.cli.render import dumps, out
    from leadboard.domain.followup import end_of_local_day
    from leadboard.files.calendar import follow_up_calendar
    from leadboard.files.export import new_file
    from leadboard.files.file_errors import FileError
    from leadboard.store.exporting import iter_leads

    a = ctx.args
    if a.within < 0:
        raise FileError("--within must be 0 days or more")
    path = _path(a.file)
    horizon = end_of_local_day(ctx.now, ctx.tz).add(days=a.within)
    with new_file(path, a.force) as handle:
        data, count = follow_up_calendar(iter_leads(ctx.store, due_by=horizon), ctx.now, ctx.tz)
        # iCalendar lines end in CRLF already; write the bytes' text unchanged.
        handle.write(data.decode("utf-8"))
    if ctx.format == "json":
        out(dumps({"file": str(path), "events": count, "within_days": a.within}))
    else:
        out(
            f"Wrote {counted(count, 'follow-up')} due within {counted(a.within, 'day')} "
            f"to {_shown(path)}"
        )
    return EXIT_OK
