"""Where leadboard keeps its files, how it keeps them owner-only, how an OS failure is named.

Everything leadboard writes holds personal data (leads, contact history), so
every file it creates is 0600 and every folder 0700, whatever the umask, and a
file it finds readable by others is narrowed to its owner before use.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import tempfile
from pathlib import Path

from leadboard.domain.text import printable

APP_NAME = "leadboard"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def default_db_path() -> Path:
    """The SQLite file in the user data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "leadboard.db"


def chosen_db(option: str | None) -> str | None:
    """The database the user named: the --db option, else LEADBOARD_DB; None for the default."""
    if option:
        return option
    return os.environ.get("LEADBOARD_DB") or None


def db_target(option: str | None) -> str:
    """The database to open: the --db option, else LEADBOARD_DB, else the default file."""
    return chosen_db(option) or str(default_db_path())


def config_path() -> Path:
    """The TOML config file: LEADBOARD_CONFIG, else config.toml in the user config directory."""
    env = os.environ.get("LEADBOARD_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def private_folder(folder: Path) -> None:
    """Create a folder and every missing parent, each 0700 (mkdir's `mode` skips the parents)."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for each in reversed(missing):
        try:
            os.mkdir(each, PRIVATE_FOLDER)
        except FileExistsError:
            continue  # another leadboard made it a moment ago: theirs, leave its mode alone
        # The umask may have taken bits off; the owner needs all three.
        os.chmod(each, PRIVATE_FOLDER)


def private_file(path: Path) -> bool:
    """Create an empty 0600 file; False (and nothing changed) when the name is already taken."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, PRIVATE_FILE)  # the umask may have taken the owner's write bit
    finally:
        os.close(fd)
    return True


def private_temp(target: Path) -> tuple[int, Path]:
    """Create a 0600 file beside `target` to write it in: '.NAME.PID.xxxxxxxx.part', open.

    Named for this process, so the next write of `target` can tell a file that a
    killed leadboard left (its process is gone) from one being written right now.
    """
    remove_stale_temps(target)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent
    )
    return fd, Path(name)


def remove_stale_temps(target: Path) -> None:
    """Remove the files beside `target` that private_temp made for a process now gone."""
    prefix = f".{target.name}."
    for each in target.parent.glob(glob.escape(prefix) + "*.part"):
        pid = each.name[len(prefix) :].split(".", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        for extra in (each, each.with_name(each.name + "-journal")):
            extra.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """True when a process with this id exists (signal 0 only checks)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's
    return True


def owner_only(path: Path) -> None:
    """Take group and other permissions off an existing file of ours; nothing else changes.

    Only bits are taken away: a file its owner made read-only stays read-only.
    A file that belongs to someone else, or a file system that refuses, is left
    as it is (the write that follows names the problem, if there is one).
    """
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return
    mode = stat.S_IMODE(found.st_mode)
    if not mode & 0o077 or not stat.S_ISREG(found.st_mode):
        return
    if found.st_uid != os.geteuid() and os.geteuid() != 0:
        return
    try:
        os.chmod(path, mode & ~0o077)
    except OSError:
        return


def shown(path: Path | str) -> str:
    """A path made safe and short enough to quote in a one-line message."""
    return printable(os.fsdecode(path))[:200]


def low_on_space(folder: Path) -> bool:
    """True when the file system holding `folder` has (almost) no room left."""
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    blocks = found.f_bfree if os.geteuid() == 0 else found.f_bavail
    # A write that failed on a nearly full disk failed for want of room: 1 MiB is
    # less than one import batch or one WAL checkpoint needs.
    return blocks * found.f_frsize < 1 << 20


def size_limited() -> bool:
    """True when this process may not grow a file past a limit (`ulimit -f`)."""
    try:
        import resource
    except ImportError:  # Windows has no rlimits
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


def disk_full_text(where: Path | str) -> str:
    """The one message for a write that found no room."""
    return f"the disk is full ({shown(where)})"


def too_large_text(where: Path | str) -> str:
    """The one message for a write past the file size limit."""
    return f"{shown(where)} may not grow: the file size limit (ulimit -f) is reached"


def os_failure(err: OSError, path: Path | str | None = None, doing: str = "write") -> str:
    """One line that names what the OS refused, and where: `doing` is 'write', 'read', 'open'."""
    # The caller's path over the OS's: a temporary file's name would only puzzle.
    where = path if path is not None else err.filename
    if where is None:
        where = "a file"
    code = err.errno
    if code in DISK_FULL:
        return disk_full_text(where)
    if code == errno.EFBIG:
        return too_large_text(where)
    if code == errno.EROFS:
        return f"{shown(where)} is read-only (a read-only file system)"
    if code in NOT_ALLOWED:
        return f"cannot {doing} {shown(where)}: permission denied"
    if code == errno.ENOENT:
        if doing == "write":
            return f"cannot write {shown(where)}: its folder does not exist"
        return f"{shown(where)} does not exist"
    if code == errno.ENOTDIR:
        return f"cannot {doing} {shown(where)}: part of that path is a file, not a folder"
    if code == errno.EISDIR:
        return f"cannot {doing} {shown(where)}: it is a folder"
    if code == errno.EIO:
        return f"disk I/O error on {shown(where)}: the disk or its connection may be failing"
    reason = (err.strerror or type(err).__name__).lower()
    return f"cannot {doing} {shown(where)}: {printable(reason)}"
