"""What the transfer commands do: import, export, calendar, serve, restore."""

from __future__ import annotations

import ipaddress
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from leadboard.domain.followup import end_of_local_day
from leadboard.domain.text import printable
from leadboard.files.file_errors import FileError
from leadboard.files.report import (
    ImportOptions,
    ImportRefused,
    ImportReport,
    report_json,
    report_lines,
)
from leadboard.output import LEAD_KEYS, contact_json, csv_text, dumps, lead_json
from leadboard.paths import db_target
from leadboard.progress import Progress
from leadboard.store.importer import import_file, plan_import

if TYPE_CHECKING:
    from pendulum import DateTime

    from leadboard.cli_context import Context
    from leadboard.store.leads import LeadStore

T = TypeVar("T")


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _progress(label: str) -> Progress | None:
    """A bar on a terminal; nothing when stderr is piped or a file."""
    return Progress(label) if sys.stderr.isatty() else None


def _finish(progress: Progress | None) -> None:
    if progress is not None:
        progress.done()


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _shown(path: Path) -> str:
    return printable(str(path))


# -- import --------------------------------------------------------------------


def cmd_import(ctx: Context) -> int:
    """`leadboard import`."""
    a = ctx.args
    kind = "contacts" if a.contacts else "leads" if a.leads else "auto"
    options = ImportOptions(on_duplicate=a.on_duplicate, kind=kind, strict=a.strict)
    path = _path(a.file)
    progress = _progress("import")
    try:
        if a.dry_run:
            report: ImportReport = plan_import(
                path, ctx.store, options, now=ctx.now, progress=progress
            )
        else:
            report = import_file(path, ctx.store, options, now=ctx.now, progress=progress)
    except ImportRefused as err:
        _finish(progress)
        raise FileError(f"{err}; --dry-run lists every rejected row") from None
    _finish(progress)
    if ctx.format == "json":
        _out(dumps(report_json(report, a.dry_run)))
    elif ctx.format == "csv":
        keys = ("row", "action", "name", "reason", "lead_id")
        sys.stdout.write(csv_text(report_json(report, a.dry_run)["decisions"], keys))
    else:
        _out("\n".join(report_lines(report, a.dry_run)))
    return 0


# -- export and calendar -----------------------------------------------------------


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
    store: LeadStore, contacts: bool, now: DateTime, tz: str
) -> tuple[tuple[str, ...], int, Iterator[dict[str, Any]]]:
    """The columns, how many rows, and the rows of a leads or contact-log export."""
    from leadboard.files.export import CONTACT_EXPORT_KEYS
    from leadboard.store.exporting import count_contacts, iter_contacts, iter_leads

    if not contacts:
        return LEAD_KEYS, store.count(), (lead_json(lead, now, tz) for lead in iter_leads(store))
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
    from leadboard.files.export import export_format, new_file, write_csv, write_json

    a = ctx.args
    path = _path(a.file)
    file_format = export_format(path, a.format)
    keys, total, rows = export_rows(ctx.store, a.contacts, ctx.now, ctx.tz)
    progress = _progress("export")
    with new_file(path, a.force) as handle:
        counted = _counted(rows, progress, total)
        if file_format == "csv":
            written = write_csv(handle, keys, counted)
        else:
            written = write_json(handle, counted)
    _finish(progress)
    what = "contacts" if a.contacts else "leads"
    _out(f"exported {written:,} {what} to {_shown(path)} ({file_format.upper()})")
    return 0


def cmd_calendar(ctx: Context) -> int:
    """`leadboard calendar`."""
    from leadboard.files.calendar import follow_up_calendar
    from leadboard.files.export import new_file
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
        _out(dumps({"file": str(path), "events": count, "within_days": a.within}))
    else:
        _out(f"wrote {count:,} follow-ups due within {a.within} days to {_shown(path)}")
    return 0


# -- serve and restore ---------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1: addresses only this machine can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def board_command(db: str) -> str:
    """The shell command textual-serve runs for each browser: this Python, this database."""
    target = db if "://" in db else str(Path(db).expanduser().resolve())
    return shlex.join([sys.executable, "-m", "leadboard", "--db", target, "board"])


def cmd_serve(ctx: Context) -> int:
    """`leadboard serve`."""
    a = ctx.args
    target = db_target(a.db)
    ctx.store.count()  # open (and migrate) the database now: a bad --db fails here, not in a tab
    if not is_loopback(a.host):
        sys.stderr.write(
            f"leadboard: warning: serving on {printable(a.host)}:{a.port} with no login; "
            "anyone who can reach that address can read and change your leads\n"
        )
    from textual_serve.server import Server

    server = Server(board_command(target), host=a.host, port=a.port, title="leadboard")
    server.serve()
    return 0


def cmd_restore(ctx: Context) -> int:
    """`leadboard restore`."""
    from leadboard.store.restore import restore_database

    backup = _path(ctx.args.file)
    stamp = ctx.now.in_tz("UTC").strftime("%Y%m%d-%H%M%S")
    progress = _progress("restore")
    info, aside = restore_database(db_target(ctx.args.db), backup, stamp, progress)
    _finish(progress)
    if ctx.format == "json":
        _out(dumps({"leads": info.leads, "contacts": info.contacts, "previous": str(aside or "")}))
        return 0
    _out(f"restored {info.leads:,} leads and {info.contacts:,} contacts from {_shown(backup)}")
    if aside is not None:
        _out(f"the previous database is kept as {_shown(aside)}")
    return 0


COMMANDS: dict[str, Callable[[Context], int]] = {
    "import": cmd_import,
    "export": cmd_export,
    "calendar": cmd_calendar,
    "serve": cmd_serve,
    "restore": cmd_restore,
}
"""Command name -> function, looked up by leadboard.commands.find_command."""
