"""Every OS and SQLite failure through the real entry point: one named line, exit 1, no litter.

A full disk is a real one where the test may mount a small tmpfs (root here);
elsewhere the commands run under a file size limit (RLIMIT_FSIZE; Python
ignores SIGXFSZ, so the write fails with EFBIG and SQLite reports SQLITE_FULL),
and both run where both can. While the disk fills, another connection holds
the database open, as a board would: SQLite's -shm then exists already and a
write fails inside its transaction, which is the case that used to print
"cannot rollback - no transaction is active".

Read-only files and folders are tried as a user whom file modes stop: the
tester, or as root (chmod does not stop root) root without the capabilities
that let it ignore file modes, dropped from the child's bounding set.
"""

from __future__ import annotations

import csv
import ctypes
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NOW

Arg = str | bytes


# Linux capabilities that let root ignore file modes (linux/capability.h).
OVERRIDES = {"dac_override": 1, "dac_read_search": 2, "fowner": 3, "linux_immutable": 9}
PR_CAPBSET_DROP = 24


def drop_overrides() -> None:
    """In a child about to exec: take root's power to ignore file modes out of its bounding set."""
    libc = ctypes.CDLL(None, use_errno=True)
    for number in OVERRIDES.values():
        if libc.prctl(PR_CAPBSET_DROP, number, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused")


def leadboard(
    *args: Arg,
    db: Path | None,
    powerless: bool = False,
    limit: int | None = None,
    umask: int | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m leadboard --db DB ARGS`, powerless, size-limited or with a umask.

    `powerless`: as root, without the capabilities that let it ignore file modes.
    `db` None: no --db (the environment says which database).
    """

    def before() -> None:
        if powerless:
            drop_overrides()
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        if umask is not None:
            os.umask(umask)

    chosen = [] if db is None else ["--db", str(db)]
    return subprocess.run(
        [sys.executable, "-m", "leadboard", *chosen, *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=before,
        env=env,
    )


def one_line(done: subprocess.CompletedProcess[str], message: str) -> None:
    """The command failed with exactly this one line on stderr and printed nothing."""
    assert (done.returncode, done.stderr, done.stdout) == (1, f"leadboard: {message}\n", "")


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as con:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: list(con.execute(f'SELECT * FROM "{name}" ORDER BY 1')) for name in names}


def integrity(path: Path) -> str:
    """PRAGMA integrity_check of a file."""
    with closing(sqlite3.connect(path)) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


def mode(path: Path) -> int:
    """The permission bits of a file or folder."""
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (300 leads, ~750 contacts), made once; tests copy it."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.db"
    env = {
        **os.environ,
        "LEADBOARD_NOW": NOW.isoformat(),
        "TZ": "UTC",
        "LEADBOARD_CONFIG": str(folder / "none.toml"),
    }
    command = [sys.executable, "-m", "leadboard", "--db", str(path), "demo"]
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=60)
    return path


@pytest.fixture(scope="session")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 new leads: more than a full disk has room for."""
    path = tmp_path_factory.mktemp("csv") / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Company", "Email", "Notes"])
        for number in range(2000):
            writer.writerow(
                [f"Imported {number}", f"Firm {number}", f"p{number}@example.com", "n" * 200]
            )
    return path


# -- a full disk ------------------------------------------------------------------


@dataclass
class Disk:
    """A folder on a full disk: a real small tmpfs, or any folder under a file size limit."""

    folder: Path
    kind: str
    holder: sqlite3.Connection | None = None
    filler: Path | None = None
    extra: list[Path] = field(default_factory=list)

    @property
    def db(self) -> Path:
        """The database on this disk."""
        return self.folder / "leads.db"

    def full(self, where: Path) -> str:
        """What leadboard must say about a write to `where` on this disk."""
        if self.kind == "tmpfs":
            return f"the disk is full ({where})"
        return f"{where} may not grow: the file size limit (ulimit -f) is reached"

    def hold_open(self) -> None:
        """Open the database in another connection, as a board would, before the disk fills."""
        self.holder = sqlite3.connect(self.db)
        self.holder.execute("SELECT COUNT(*) FROM lead").fetchone()

    def fill(self) -> None:
        """Take every free block (tmpfs); a size limit needs no filling."""
        if self.kind != "tmpfs":
            return
        self.filler = self.folder / "filler"
        with self.filler.open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
            except OSError:
                pass
            try:
                while True:
                    handle.write(b"\0" * 512)
            except OSError:
                pass

    def free(self) -> None:
        """Give the space back."""
        if self.filler is not None:
            self.filler.unlink()
            self.filler = None

    def run(self, *args: Arg) -> subprocess.CompletedProcess[str]:
        """Run a command with the disk full."""
        limit = 0 if self.kind == "file-size-limit" else None
        return leadboard(*args, db=self.db, limit=limit)

    def close(self) -> None:
        """Let go of the database."""
        if self.holder is not None:
            self.holder.close()
            self.holder = None


def mount_tmpfs(folder: Path) -> str | None:
    """Mount a 4 MiB tmpfs on `folder`; why not, if that is refused."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return "mounting a tmpfs needs root"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else f"mount refused: {done.stderr.strip()}"


@pytest.fixture(params=["tmpfs", "file-size-limit"])
def disk(request: pytest.FixtureRequest, tmp_path: Path, demo_db: Path) -> Iterator[Disk]:
    """The demo database on a disk that is about to be full, held open by another connection."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if request.param == "tmpfs":
        refused = mount_tmpfs(folder)
        if refused is not None:
            pytest.skip(f"{refused}; the file-size-limit case covers a full disk here")
    found = Disk(folder, request.param)
    try:
        shutil.copyfile(demo_db, found.db)
        found.db.chmod(0o600)
        found.hold_open()
        yield found
    finally:
        found.close()
        if request.param == "tmpfs":
            subprocess.run(["umount", "-l", str(folder)], check=False)


def untouched_after(disk: Disk, before: dict[str, list[tuple[Any, ...]]], *kept: str) -> None:
    """The data is as it was, intact, and nothing but the database (and `kept`) is left."""
    disk.free()
    disk.close()
    assert rows(disk.db) == before
    assert integrity(disk.db) == "ok"
    names = {p.name for p in disk.folder.iterdir()} - {"leads.db-wal", "leads.db-shm"}
    assert names == {"leads.db", *kept}


@pytest.mark.parametrize(
    "args",
    [
        ("log", "1", "--channel", "call", "--outcome", "talked", "--note", "said yes"),
        ("add", "Bob Stone", "--company", "Acme"),
        ("demo", "--append"),
        ("import", "{csv}"),
    ],
    ids=["log", "add", "demo-append", "import"],
)
def test_a_write_on_a_full_disk_names_the_disk_and_changes_nothing(
    disk: Disk, big_csv: Path, args: tuple[str, ...]
) -> None:
    before = rows(disk.db)
    disk.fill()
    done = disk.run(*(arg.format(csv=big_csv) for arg in args))
    one_line(done, disk.full(disk.db))
    untouched_after(disk, before)


def test_once_there_is_room_again_the_same_write_works(disk: Disk) -> None:
    disk.fill()
    one_line(disk.run("add", "Bob Stone"), disk.full(disk.db))
    disk.free()
    done = leadboard("add", "Bob Stone", db=disk.db)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("export",), "leads.csv"),
        (("export", "--contacts"), "contacts.json"),
        (("calendar", "--within", "400"), "follow-ups.ics"),
    ],
    ids=["export-csv", "export-json", "calendar"],
)
def test_a_file_written_to_a_full_disk_is_named_and_leaves_nothing(
    disk: Disk, args: tuple[str, ...], name: str
) -> None:
    before = rows(disk.db)
    target = disk.folder / name
    disk.fill()
    one_line(disk.run(*args, str(target)), disk.full(target))
    untouched_after(disk, before)


def test_export_force_on_a_full_disk_keeps_the_old_file(disk: Disk) -> None:
    before = rows(disk.db)
    target = disk.folder / "leads.csv"
    target.write_text("the export of last week\n")
    disk.fill()
    one_line(disk.run("export", "--force", str(target)), disk.full(target))
    assert target.read_text() == "the export of last week\n"
    untouched_after(disk, before, "leads.csv")


def test_backup_to_a_full_disk_leaves_no_part_file(disk: Disk) -> None:
    before = rows(disk.db)
    target = disk.folder / "copy.db"
    disk.fill()
    one_line(disk.run("backup", str(target)), disk.full(target))
    untouched_after(disk, before)


@pytest.mark.parametrize("args", [("list",), ("show", "1"), ("list", "--format", "json")])
def test_output_redirected_to_a_full_disk_is_named(demo_db: Path, args: tuple[str, ...]) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "leadboard", "--db", str(demo_db), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert (done.returncode, done.stderr) == (1, "leadboard: the disk is full (standard output)\n")


# -- read-only, unreadable, permission denied ----------------------------------------


@dataclass
class Unprivileged:
    """Run leadboard as a user whom file modes stop."""

    folder: Path
    powerless: bool

    def run(self, db: Path, *args: Arg) -> subprocess.CompletedProcess[str]:
        """Run a command as that user."""
        return leadboard(*args, db=db, powerless=self.powerless)


@pytest.fixture
def unprivileged(tmp_path: Path) -> Unprivileged:
    """Oneself; as root, root without the capabilities that let it ignore file modes.

    (`nobody` cannot be used here: this checkout's Python lives under /root, 0700.)
    """
    found = Unprivileged(tmp_path, powerless=os.geteuid() == 0)
    probe = tmp_path / "probe"
    probe.touch(mode=0o444)
    probe.chmod(0o444)
    script = f"open({str(probe)!r}, 'a')"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        preexec_fn=drop_overrides if found.powerless else None,
        check=False,
    )
    probe.unlink()
    if done.returncode == 0:
        pytest.skip("cannot run a process that a read-only file stops (root keeps its overrides)")
    return found


def placed(unprivileged: Unprivileged, demo_db: Path, name: str = "leads.db") -> Path:
    """A copy of the demo database in the user's folder."""
    target = unprivileged.folder / name
    shutil.copyfile(demo_db, target)
    target.chmod(0o600)
    return target


def listing(folder: Path) -> list[str]:
    """The names in a folder."""
    return sorted(p.name for p in folder.iterdir())


def test_a_read_only_database_says_read_only(unprivileged: Unprivileged, demo_db: Path) -> None:
    db = placed(unprivileged, demo_db)
    db.chmod(0o444)
    data = db.read_bytes()
    for args in (("add", "Bob"), ("list",)):
        one_line(unprivileged.run(db, *args), f"{db} is read-only; leadboard needs to write to it")
    assert db.read_bytes() == data
    # No -wal/-shm made with its mode (which would break writes once the file is writable).
    assert listing(unprivileged.folder) == ["leads.db"]


def test_a_read_only_wal_left_beside_a_writable_database_is_named(
    unprivileged: Unprivileged, demo_db: Path
) -> None:
    db = placed(unprivileged, demo_db)
    wal = db.with_name("leads.db-wal")
    wal.touch()
    wal.chmod(0o444)  # left by a run on a read-only file
    one_line(
        unprivileged.run(db, "add", "Bob"), f"{wal} is read-only; leadboard needs to write to it"
    )
    assert rows(db) == rows(demo_db)


def test_a_read_only_folder_says_so(unprivileged: Unprivileged, demo_db: Path) -> None:
    db = placed(unprivileged, demo_db)
    folder = unprivileged.folder
    folder.chmod(0o555)
    data = db.read_bytes()
    one_line(
        unprivileged.run(db, "add", "Bob"),
        f"the folder {folder} is read-only; leadboard writes leads.db-wal beside the database",
    )
    one_line(
        unprivileged.run(folder / "new.db", "add", "Bob"),
        f"cannot create {folder / 'new.db'}: permission denied",
    )
    assert db.read_bytes() == data
    assert listing(folder) == ["leads.db"]


def test_an_unreadable_database_says_permission_denied(
    unprivileged: Unprivileged, demo_db: Path
) -> None:
    db = placed(unprivileged, demo_db)
    db.chmod(0o000)
    one_line(unprivileged.run(db, "list"), f"cannot open {db}: permission denied")


def test_an_unreadable_folder_says_permission_denied_for_every_use(
    unprivileged: Unprivileged, demo_db: Path
) -> None:
    db = placed(unprivileged, demo_db)
    closed = unprivileged.folder / "closed"
    closed.mkdir()
    closed.chmod(0o000)
    inside = closed / "leads.db"
    one_line(unprivileged.run(inside, "list"), f"cannot open {inside}: permission denied")
    deeper = closed / "sub" / "leads.db"
    one_line(unprivileged.run(deeper, "list"), f"cannot open {deeper}: permission denied")
    target = closed / "out.csv"
    one_line(
        unprivileged.run(db, "export", str(target)), f"cannot write {target}: permission denied"
    )
    copy = closed / "copy.db"
    one_line(unprivileged.run(db, "backup", str(copy)), f"cannot open {copy}: permission denied")
    one_line(unprivileged.run(db, "restore", str(copy)), f"cannot read {copy}: permission denied")


def test_an_immutable_file_stops_even_root(tmp_path: Path, demo_db: Path) -> None:
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        pytest.skip("needs root and chattr")
    db = tmp_path / "leads.db"
    shutil.copyfile(demo_db, db)
    db.chmod(0o600)
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable flag")
    try:
        one_line(
            leadboard("add", "Bob", db=db), f"{db} is read-only; leadboard needs to write to it"
        )
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert rows(db) == rows(demo_db)


# -- damaged, foreign, random --------------------------------------------------------


def damaged(demo_db: Path) -> dict[str, bytes]:
    """A real leadboard file cut short in three ways, and random bytes."""
    data = demo_db.read_bytes()
    return {
        "first-100-bytes": data[:100],
        "half": data[: len(data) // 2],
        "first-page": data[:4096],
    }


@pytest.mark.parametrize("kind", ["first-100-bytes", "half", "first-page"])
def test_a_truncated_database_says_damaged_and_points_at_restore(
    tmp_path: Path, demo_db: Path, kind: str
) -> None:
    db = tmp_path / "leads.db"
    data = damaged(demo_db)[kind]
    db.write_bytes(data)
    for args in (("list",), ("add", "Bob"), ("due",)):
        done = leadboard(*args, db=db)
        one_line(
            done,
            f"{db} is damaged (database disk image is malformed); "
            "put a backup back with `leadboard restore BACKUP`",
        )
    assert db.read_bytes() == data


def test_restore_then_mends_a_truncated_database(tmp_path: Path, demo_db: Path) -> None:
    db = tmp_path / "leads.db"
    db.write_bytes(damaged(demo_db)["half"])
    done = leadboard("restore", str(demo_db), db=db)
    assert done.returncode == 0, done.stderr
    assert leadboard("list", db=db).returncode == 0
    assert rows(db) == rows(demo_db)


@pytest.mark.parametrize("size", [1, 15, 99, 100, 4096, 100_000])
def test_random_bytes_are_not_a_leadboard_database(tmp_path: Path, size: int) -> None:
    db = tmp_path / "leads.db"
    data = os.urandom(size)
    db.write_bytes(data)
    one_line(leadboard("add", "Bob", db=db), f"{db} is not a leadboard database")
    assert db.read_bytes() == data


# -- text that is not UTF-8 ----------------------------------------------------------


def test_an_argument_that_is_not_utf8_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "leads.db"
    assert leadboard("add", "Ann", db=db).returncode == 0
    before = rows(db)
    one_line(
        leadboard("add", b"Jos\xe9 M\xfcller", db=db),
        '"Jos\\xe9 M\\xfcller" is not valid UTF-8 text; give it in UTF-8 (nothing was changed)',
    )
    log = ("log", "1", "--channel", "call", "--outcome", "talked", "--note", b"caf\xe9")
    one_line(
        leadboard(*log, db=db),
        '"caf\\xe9" is not valid UTF-8 text; give it in UTF-8 (nothing was changed)',
    )
    assert rows(db) == before


def test_a_file_name_that_is_not_utf8_still_works_and_prints_safely(tmp_path: Path) -> None:
    db = tmp_path / "leads.db"
    assert leadboard("add", "Ann", db=db).returncode == 0
    name = os.fsencode(tmp_path) + b"/export-\xe9\x9b.csv"
    done = subprocess.run(
        [sys.executable, "-m", "leadboard", "--db", str(db), "export", name],
        capture_output=True,
        timeout=60,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    assert os.path.exists(name)
    said = done.stdout.decode("utf-8")  # strict: no raw \x9b (a C1 CSI) reached the terminal
    assert "export-\\udce9\\udc9b.csv" in said


# -- owner-only, whatever existed ------------------------------------------------------


def test_files_and_folders_the_commands_make_are_owner_only(tmp_path: Path, demo_db: Path) -> None:
    # The default database, in a data directory not made yet (the one folder made for it).
    data_home = tmp_path / "a"
    db = data_home / "leadboard" / "leadboard.db"
    run: Callable[..., subprocess.CompletedProcess[str]] = leadboard
    default_env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    del default_env["LEADBOARD_DB"]
    done = run("add", "Ann", db=None, umask=0, env=default_env)
    assert done.returncode == 0, done.stderr
    assert [mode(data_home), mode(db.parent), mode(db)] == [0o700, 0o700, 0o600]

    def ok(*args: Arg) -> None:
        done = run(*args, db=db, umask=0)  # whatever the umask, the modes are ours
        assert done.returncode == 0, done.stderr

    backup = tmp_path / "backups" / "deep" / "copy.db"
    ok("backup", str(backup))
    assert [mode(backup.parent.parent), mode(backup.parent), mode(backup)] == [0o700] * 2 + [0o600]
    exported = tmp_path / "leads.csv"
    exported.write_text("old")
    exported.chmod(0o644)
    ok("export", "--force", str(exported))
    ok("export", "--contacts", str(tmp_path / "contacts.json"))
    ok("calendar", str(tmp_path / "follow-ups.ics"))
    for name in ("leads.csv", "contacts.json", "follow-ups.ics"):
        assert mode(tmp_path / name) == 0o600, name
    ok("restore", str(demo_db))
    kept = [p for p in db.parent.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and mode(kept[0]) == 0o600
    assert mode(db) == 0o600
    left: Sequence[str] = [p.name for p in tmp_path.rglob("*.part")]
    assert left == []


def test_an_existing_empty_world_readable_file_becomes_an_owner_only_database(
    tmp_path: Path,
) -> None:
    db = tmp_path / "touched.db"
    db.touch()
    db.chmod(0o644)
    assert leadboard("add", "Ann", db=db).returncode == 0
    assert mode(db) == 0o600
