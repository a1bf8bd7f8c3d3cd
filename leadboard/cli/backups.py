"""`leadboard backup` and `restore`: a file's own copies; a server's database says use pg_dump."""

from __future__ import annotations

from pathlib import Path

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.files import _finish, _path, _progress, _shown
from leadboard.domain.wording import counted


def cmd_backup(ctx: Context) -> int:
    """`leadboard backup`."""
    from leadboard.cli.render import out

    target = Path(ctx.args.file).expanduser()
    if target.exists():
        raise UserError(f"{_shown(target)} already exists; choose a new file name")
    ctx.store.backup(target)
    out(f"Backed up to {_shown(target)}")
    return EXIT_OK


def cmd_restore(ctx: Context) -> int:
    """`leadboard restore`."""
    from leadboard.cli.render import dumps, out
    from leadboard.paths import db_target
    from leadboard.store.database import check_creatable, sqlite_path
    from leadboard.store.restore import restore_database
    from leadboard.store.server_url import is_server_target

    target = db_target(ctx.args.db)
    if is_server_target(target):
        raise UserError(
            "a server database is restored by the server: use pg_restore "
            "(pg_restore --clean -d URL leads.dump), or `leadboard migrate-to` from a file"
        )
    path = sqlite_path(target)
    if not path.exists() and not path.is_symlink():
        check_creatable(path, ctx.may_create())  # restoring into a new file: not a new folder
    backup = _path(ctx.args.file)
    stamp = ctx.now.in_tz("UTC").strftime("%Y%m%d-%H%M%S")
    progress = _progress("restore")
    info, aside = restore_database(target, backup, stamp, progress)
    _finish(progress)
    if ctx.format == "json":
        out(dumps({"leads": info.leads, "contacts": info.contacts, "previous": str(aside or "")}))
        return EXIT_OK
    leads, contacts = counted(info.leads, "lead"), counted(info.contacts, "contact")
    out(f"Restored {leads} and {contacts} from {_shown(backup)}")
    if aside is not None:
        out(f"The previous database is kept as {_shown(aside)}")
    return EXIT_OK
