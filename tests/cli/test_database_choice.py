"""A database that is not there: refused by every command that reads, made only by those that add.

Through the real entry point (`leadboard.cli.main`, and a subprocess where the
board would start). The autouse fixture points LEADBOARD_DB at a file under
tmp_path that does not exist yet.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leadboard.cli import main
from leadboard.store.database import open_database
from tests.cli.test_cli_transfer import HUBSPOT, SALESFORCE


def refused(path: Path, named_by: str = "") -> str:
    """The one line a reading command prints for a database that is not there."""
    origin = f" (named by {named_by})" if named_by else ""
    return (
        f"leadboard: no database at {path}{origin}; "
        "`leadboard add`, `import` or `demo` creates one\n"
    )


def files_under(folder: Path) -> list[str]:
    """Every file and folder under `folder`, relative, sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """A backup of a database with one lead, in its own folder."""
    folder = tmp_path / "saved"
    folder.mkdir()
    source = folder / "source.db"
    open_database(str(source)).close()
    assert main(["--db", str(source), "add", "Ann Lee"]) == 0
    copy = folder / "copy.db"
    assert main(["--db", str(source), "backup", str(copy)]) == 0
    return copy


READING = [
    ["due"],
    ["due", "--summary"],
    ["list"],
    ["list", "--format", "json"],
    ["show", "1"],
    ["show", "Ann Lee"],
    ["stats"],
    ["export", "{out}/leads.csv"],
    ["calendar", "{out}/follow-ups.ics"],
    ["backup", "{out}/copy.db"],
    ["log", "1", "--channel", "call", "--outcome", "talked"],
    ["move", "1", "hot"],
    ["won", "1"],
    ["lost", "1"],
    ["inactive", "1"],
    ["revive", "1"],
]


@pytest.mark.parametrize("argv", READING, ids=[" ".join(a) for a in READING])
def test_a_mistyped_db_is_refused_by_every_command_that_reads_and_nothing_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    typo = tmp_path / "laeds.db"
    args = [arg.format(out=out) for arg in argv]
    for where in (["--db", str(typo), *args], [*args, "--db", str(typo)]):
        assert main(where) == 1
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == ("", refused(typo))
    assert files_under(tmp_path) == ["out"]


@pytest.mark.sqlite_only("a missing file (a server's database always exists)")
def test_leadboard_db_naming_a_missing_file_is_refused_and_said_to_be_its_doing(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Path(os.environ["LEADBOARD_DB"])
    assert main(["due"]) == 1
    assert capsys.readouterr().err == refused(db, named_by="LEADBOARD_DB")
    assert not db.exists()
    # --db wins over the variable, and is named as itself.
    other = isolated_env / "other.db"
    assert main(["list", "--db", str(other)]) == 1
    assert capsys.readouterr().err == refused(other)


def test_a_sqlite_url_to_a_missing_file_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", f"sqlite:///{tmp_path}/nope.db", "list"]) == 1
    assert capsys.readouterr().err == refused(tmp_path / "nope.db")
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("argv", [(), ("board",), ("session",), ("session", "--week")])
def test_the_board_and_the_session_refuse_a_missing_database_before_starting(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    typo = tmp_path / "typo.db"
    # TEXTUAL_DRIVER lets the app start without a terminal (as textual-serve runs it): the
    # database is what refuses it. The timeout turns a board that started into a failure.
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    done = subprocess.run(
        [sys.executable, "-m", "leadboard", "--db", str(typo), *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "", refused(typo))
    assert files_under(tmp_path) == []


# -- the commands that add data may make the file, never a folder ------------------------

CREATING = [
    ["add", "Ann Lee"],
    ["import", SALESFORCE],
    ["demo", "--leads", "5"],
]


@pytest.mark.parametrize("argv", CREATING, ids=[a[0] for a in CREATING])
def test_commands_that_add_data_create_a_new_file_in_an_existing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    db = tmp_path / "new.db"
    assert main(["--db", str(db), *argv]) == 0
    assert capsys.readouterr().err == ""
    assert db.exists()
    assert main(["--db", str(db), "list", "--format", "json"]) == 0


@pytest.mark.parametrize(
    "argv", [*CREATING, ["import", SALESFORCE, "--dry-run"]], ids=["add", "import", "demo", "dry"]
)
def test_no_command_makes_a_missing_folder_for_a_database_named_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    db = tmp_path / "nonexistent" / "dir" / "x.db"
    assert main(["--db", str(db), *argv]) == 1
    captured = capsys.readouterr()
    assert captured.err.endswith(
        f"leadboard: cannot create {db}: the folder {db.parent} does not exist\n"
    )
    assert captured.out == ""
    assert files_under(tmp_path) == []


def test_restore_makes_a_new_file_but_not_a_new_folder(
    tmp_path: Path, backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files_under(tmp_path)
    nowhere = tmp_path / "nowhere" / "x.db"
    assert main(["--db", str(nowhere), "restore", str(backup)]) == 1
    assert capsys.readouterr().err == (
        f"leadboard: cannot create {nowhere}: the folder {nowhere.parent} does not exist\n"
    )
    assert files_under(tmp_path) == before
    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "restore", str(backup)]) == 0
    assert capsys.readouterr().out.startswith("Restored 1 lead and 0 contacts from ")
    assert main(["--db", str(fresh), "show", "Ann Lee", "--format", "json"]) == 0


def test_the_default_database_and_its_data_directory_are_made_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LEADBOARD_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["due"]) == 0
    assert capsys.readouterr().out == "Nothing due. Nice work.\n"
    assert (tmp_path / "data" / "leadboard" / "leadboard.db").is_file()


def test_an_import_of_a_file_that_cannot_be_read_leaves_no_new_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.db"
    (tmp_path / "empty.csv").write_text("")
    for name in ("missing.csv", "empty.csv"):
        assert main(["--db", str(db), "import", str(tmp_path / name)]) == 1
        assert capsys.readouterr().err.startswith(f"leadboard: {tmp_path / name} ")
    assert files_under(tmp_path) == ["empty.csv"]


def test_a_dry_run_on_a_database_not_made_yet_plans_and_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.db"
    assert main(["--db", str(db), "import", HUBSPOT, "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert (
        captured.out.splitlines()[-1]
        == "Would create 3, update 0, skip 1, reject 1, warn about 1 (5 rows)."
    )
    assert captured.err == (
        f"leadboard: note: there is no database at {db} yet; the import will create it\n"
    )
    assert files_under(tmp_path) == []
