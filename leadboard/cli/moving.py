"""`migrate-to`: move the database into an empty one, a server's or a file, checked row by row."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadboard.cli.completion import FILES, completes
from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import CommandFactory

if TYPE_CHECKING:
    from leadboard.store.leads import LeadStore
    from leadboard.store.moving import Moved


def add_parsers(command: CommandFactory) -> None:
    """Add `migrate-to`."""
    move = command(
        "migrate-to",
        "copy every lead, contact and session into an empty database (a PostgreSQL server's "
        "or a SQLite file) in one transaction, checked row by row",
    )
    move.add_argument(
        "target",
        metavar="TARGET",
        help="postgresql:// URL (no password in it: use ~/.pgpass or PGPASSWORD) or a file path",
    )
    move.add_argument(
        "--keep-empty-owners",
        action="store_true",
        help="on a server, leave leads with no owner without one (default: they become yours)",
    )
    completes(move, target=FILES)
    move.set_defaults(run=cmd_migrate_to)


def cmd_migrate_to(ctx: Context) -> int:
    """`leadboard migrate-to TARGET`."""
    from leadboard.cli.render import dumps, out
    from leadboard.store.database import close_after_failure, translated_errors
    from leadboard.store.dialect import is_server
    from leadboard.store.moving import named, same_database

    if ctx.format == "csv":
        raise UserError("migrate-to has no CSV form; use --format json or table")
    source = ctx.store  # opened first: a missing source is named before the target is made
    created = _new_file(ctx.args.target)
    try:
        target = _open_target(ctx, ctx.args.target)
    except BaseException:
        _remove(created)
        raise
    db = target.db
    try:
        where = named(db)
        if same_database(source.db, db):
            raise UserError(f"{where} is the database being moved; give another one")
        owner = ctx.config.owner if is_server(db) and not ctx.args.keep_empty_owners else None
        moved = _moved(source, target, owner)
        with translated_errors(db):
            target.close()
    except BaseException:
        close_after_failure(db)
        _remove(created)
        raise
    if ctx.format == "json":
        out(dumps(moved_json(moved, where)))
    else:
        out(moved_text(moved, where, owner))
    return EXIT_OK


def _moved(source: LeadStore, target: LeadStore, owner: str | None) -> Moved:
    """The move, with a progress bar on a terminal."""
    from leadboard.cli.progress import Progress
    from leadboard.store.moving import move_house

    progress = Progress("migrate-to") if sys.stderr.isatty() else None
    try:
        return move_house(source, target, empty_owner=owner, progress=progress)
    finally:
        if progress is not None:
            progress.done()


def _open_target(ctx: Context, target: str) -> LeadStore:
    """The target opened (a new file made, a server schema given its tables); one-line errors."""
    from leadboard.store.database import open_database
    from leadboard.store.errors import StoreError
    from leadboard.store.leads import LeadStore
    from leadboard.store.server_url import is_server_target

    try:
        db = open_database(
            target,
            ctx.config.busy_timeout_ms,
            "anywhere" if is_server_target(target) else "in_folder",
            # The config's password is for LEADBOARD_DB's server: never sent to another.
            from_command_line=True,
        )
    except StoreError as err:
        message = str(err)
        if message.startswith("--db "):  # server_url names the option it expects
            raise UserError("the target " + message.removeprefix("--db ")) from None
        raise
    return LeadStore(db, ctx.config.policy, me=ctx.config.owner)


def _new_file(target: str) -> Path | None:
    """The file a target names if it does not exist yet (it is removed if the move fails)."""
    from leadboard.store.database import sqlite_path
    from leadboard.store.errors import StoreError
    from leadboard.store.server_url import is_server_target

    if is_server_target(target):
        return None
    try:
        path = sqlite_path(target)
    except StoreError:
        return None  # open_database says what is wrong with it
    return None if path.exists() or path.is_symlink() else path


def _remove(path: Path | None) -> None:
    """Remove a database file this command made, and SQLite's files beside it (None: none)."""
    if path is None:
        return  # the target existed before: a failed move left it as it was
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def moved_text(moved: Moved, where: str, owner: str | None) -> str:
    """'Copied 1,234 leads, … to URL; checksums match.' and who now owns the ownerless leads."""
    from leadboard.domain.wording import counted
    from leadboard.store.moving import TABLES

    parts = [counted(moved.rows[table.name], table.noun) for table in TABLES]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    lines = [f"Copied {listed} to {where}; checksums match."]
    if owner is not None and moved.owners_filled:
        filled = counted(moved.owners_filled, "lead")
        verb = "is" if moved.owners_filled == 1 else "are"
        lines.append(f"{filled} with no owner {verb} now {owner}'s.")
    return "\n".join(lines)


def moved_json(moved: Moved, where: str) -> dict[str, Any]:
    """The JSON of a move: the target, rows per table, owners_filled and the checksum."""
    from leadboard.store.moving import TABLES

    shown: dict[str, Any] = {"target": where}
    for table in TABLES:
        shown[_JSON_KEYS[table.name]] = moved.rows[table.name]
    shown["owners_filled"] = moved.owners_filled
    shown["checksum"] = moved.checksum
    return shown


_JSON_KEYS = {
    "lead": "leads",
    "contact": "contacts",
    "temperature_change": "temperature_changes",
    "followup_session": "followup_sessions",
    "import_fingerprint": "import_fingerprints",
}
