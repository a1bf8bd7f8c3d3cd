"""`leadboard migrate-to TARGET`: the database moved into an empty one, through the entry point.

Every test runs twice (tests/cli/conftest.py): from a file into a server's schema,
then from a server's schema into a file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from leadboard.cli.entry import main
from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store import moving
from leadboard.store.database import open_database
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.postgres import db_target_for

COPIED = re.compile(
    r"Copied 40 leads, [\d,]+ contacts, [\d,]+ temperature changes, 5 follow-up sessions "
    r"and 0 import fingerprints to (?P<where>.+); checksums match\."
)


@pytest.fixture
def target(engine: str, tmp_path: Path) -> Iterator[str]:
    """Where the move goes: a server's empty schema from a file, a new file from a server."""
    if engine == "sqlite":
        with db_target_for("postgresql", tmp_path) as url:
            yield url
    else:
        yield str(tmp_path / "moved.db")


@pytest.fixture
def demo(isolated_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The source holds 40 demo leads, some with no owner, and the rep is called Emma."""
    (isolated_env / "config.toml").write_text('name = "Emma"\n')
    assert main(["demo", "--leads", "40"]) == 0
    with source() as store:
        store.db.execute_sql("UPDATE lead SET owner = '' WHERE id % 4 = 0")
    capsys.readouterr()


@contextmanager
def source() -> Iterator[LeadStore]:
    """The LEADBOARD_DB store, opened for a look and closed after."""
    store = LeadStore(open_database(os.environ["LEADBOARD_DB"]), Policy())
    try:
        yield store
    finally:
        store.close()


def owners(target: str) -> dict[str, int]:
    """How many leads each owner has in the target."""
    store = LeadStore(open_database(target), Policy())
    try:
        rows = store.db.execute_sql("SELECT owner, COUNT(*) FROM lead GROUP BY owner").fetchall()
        return {str(owner): int(n) for owner, n in rows}
    finally:
        store.close()


def is_server(target: str) -> bool:
    return target.startswith("postgresql://")


@pytest.mark.usefixtures("demo")
def test_it_moves_every_row_and_says_so(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = owners(os.environ["LEADBOARD_DB"])
    assert main(["--format", "json", "show", "40"]) == 0
    lead = json.loads(capsys.readouterr().out)
    assert main(["migrate-to", target]) == 0
    shown = capsys.readouterr()
    lines = shown.out.splitlines()
    found = COPIED.fullmatch(lines[0])
    assert found is not None, shown.out
    assert found["where"] == target
    assert shown.err == ""  # no bar when stderr is not a terminal
    if is_server(target):
        assert lines[1:] == ["10 leads with no owner are now Emma's."]
        ownerless = before.pop("")
        assert owners(target) == {**before, "Emma": before.get("Emma", 0) + ownerless}
    else:
        assert lines[1:] == []  # into a file: owners stay as they were
        assert owners(target) == before
    assert main(["--db", target, "--format", "json", "show", "40"]) == 0
    moved = json.loads(capsys.readouterr().out)
    assert {**moved, "owner": lead["owner"]} == lead  # the same lead, under the same id


@pytest.mark.usefixtures("demo")
def test_keep_empty_owners_leaves_them_without(
    target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = owners(os.environ["LEADBOARD_DB"])
    assert main(["migrate-to", target, "--keep-empty-owners"]) == 0
    assert "no owner" not in capsys.readouterr().out
    assert owners(target) == before
    assert before[""] == 10


@pytest.mark.usefixtures("demo")
def test_json_names_the_target_counts_and_checksum(
    target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--format", "json", "migrate-to", target]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert list(shown) == [
        "target", "leads", "contacts", "temperature_changes", "followup_sessions",
        "import_fingerprints", "owners_filled", "checksum",
    ]  # fmt: skip
    assert shown["target"] == target
    assert shown["leads"] == 40 and shown["followup_sessions"] == 5
    assert shown["contacts"] > 0 and shown["temperature_changes"] >= 40
    assert shown["owners_filled"] == (10 if is_server(target) else 0)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", shown["checksum"])


@pytest.mark.usefixtures("demo")
def test_a_target_holding_leads_is_refused(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    there = LeadStore(open_database(target), Policy())
    there.add(LeadDraft(name="Already Here", temperature=Temperature.COLD), NOW)
    there.close()
    assert main(["migrate-to", target]) == 1
    err = capsys.readouterr().err
    assert err.endswith("already holds 1 lead; migrate-to only fills an empty database\n")
    assert err.count("\n") == 1
    assert sum(owners(target).values()) == 1


@pytest.mark.usefixtures("demo")
def test_the_database_itself_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate-to", os.environ["LEADBOARD_DB"]]) == 1
    err = capsys.readouterr().err
    assert "is the database being moved; give another one" in err
    assert err.count("\n") == 1


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("failure", [StoreError("the disk went away"), KeyboardInterrupt()])
def test_a_failure_mid_copy_leaves_the_target_as_it_was(
    target: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
) -> None:
    monkeypatch.setattr(moving, "PAGE", 10)
    written = moving.write_rows
    calls = 0

    def failing(db: object, table: moving.Table, rows: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 6:  # two pages of leads in
            raise failure
        written(db, table, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(moving, "write_rows", failing)
    code = main(["migrate-to", target])
    err = capsys.readouterr().err
    if isinstance(failure, KeyboardInterrupt):
        assert (code, err) == (130, "leadboard: interrupted\n")
    else:
        assert (code, err) == (1, "leadboard: the disk went away\n")
    if is_server(target):
        assert owners(target) == {}  # its tables made, no row in them
    else:
        assert not Path(target).exists()  # the new file is gone again
        assert list(Path(target).parent.glob("moved.db*")) == []


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("postgresql://rep:s3cret@127.0.0.1:1/team", "the target postgresql://rep:***@"),
        ("mysql://host/team", "unsupported database URL mysql://"),
        ("postgresql://rep@127.0.0.1:1/team", "cannot reach postgresql://rep@127.0.0.1:1/team"),
        ("no/such/folder/moved.db", "the folder no/such/folder does not exist"),
    ],
)
@pytest.mark.usefixtures("demo")
def test_a_bad_target_is_one_line_and_changes_nothing(
    where: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["migrate-to", where]) == 1
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1
    assert "s3cret" not in err
    assert not Path("no").exists()


@pytest.mark.usefixtures("demo")
def test_on_a_terminal_a_progress_bar_moves_on_stderr(
    target: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["migrate-to", target]) == 0
    err = capsys.readouterr().err
    assert err.startswith("\rmigrate-to [")
    final = err.rstrip("\n").rsplit("\r", 1)[-1]
    assert re.fullmatch(r"migrate-to \[#{30}\] ([\d,]+)/\1", final), final
    assert err.endswith("\n")


def test_csv_is_refused(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "csv", "migrate-to", target]) == 1
    assert "no CSV form" in capsys.readouterr().err
