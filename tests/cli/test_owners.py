"""Owners on the command line: a rep's own leads by default on a team's database.

`--all` shows everyone's (with an OWNER column), `stats` has figures per owner; on a
SQLite file `--all` changes nothing. The rep is "alex" (the config's name); leads of
"sam" are added through a LeadStore made for sam on the same database.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from leadboard.cli import build_parser, main
from leadboard.cli.context import Context
from leadboard.config import load_config
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


@pytest.fixture(autouse=True)
def rep_alex() -> None:
    """The rep running the commands is alex, whatever the login name."""
    Path(os.environ["LEADBOARD_CONFIG"]).write_text('name = "alex"\n', encoding="utf-8")


def store_of(me: str) -> LeadStore:
    """A rep's store on the test's database (made if missing)."""
    return LeadStore(open_database(os.environ["LEADBOARD_DB"]), Policy(), me=me)


@pytest.fixture
def team() -> Iterator[dict[str, int]]:
    """alex: Emma (hot, due), Zoe (won), Ivy (lost); sam: Omar (warm, due), Nia (won)."""
    ids: dict[str, int] = {}
    for me, name, temperature in [
        ("alex", "Emma Hughes", Temperature.HOT),
        ("alex", "Zoe Lee", Temperature.COOL),
        ("alex", "Ivy Chen", Temperature.COOL),
        ("sam", "Omar Khan", Temperature.WARM),
        ("sam", "Nia Brown", Temperature.COOL),
    ]:
        store = store_of(me)
        lead = store.add(LeadDraft(name=name, temperature=temperature, next_due=NOW), NOW)
        assert lead.id is not None and lead.owner == me
        ids[name.split()[0].lower()] = lead.id
        store.close()
    store = store_of("alex")
    for key, status in [("zoe", Status.WON), ("ivy", Status.LOST), ("nia", Status.WON)]:
        store.set_status(ids[key], status, NOW)
    # Contacts in the stats' window: alex 2, sam 1; and one of sam's long before it.
    for key, days_ago in [("emma", 1), ("emma", 3), ("omar", 2), ("omar", 400)]:
        store.log_contact(
            ids[key],
            channel=Channel.CALL,
            outcome=Outcome.NO_ANSWER,
            now=NOW,
            at=NOW.subtract(days=days_ago),
        )
    for key in ("emma", "omar"):
        store.snooze(ids[key], NOW.add(hours=2), NOW)  # both due later today, whatever the logs did
    store.close()
    yield ids


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def names(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The names of the leads a command prints as JSON, in its order."""
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, ""), err
    return [lead["name"] for lead in json.loads(out)]


def shared() -> bool:
    """True when this run's database is the team's server one."""
    return os.environ["LEADBOARD_DB"].startswith("postgresql")


@pytest.mark.usefixtures("team")
def test_list_and_due_show_my_leads_on_a_team_database_and_all_with_all(
    capsys: pytest.CaptureFixture[str],
) -> None:
    everyone = ["Emma Hughes", "Omar Khan"]
    mine = ["Emma Hughes"] if shared() else everyone  # one rep's file: everyone's is mine
    assert names(capsys, "list") == mine
    assert names(capsys, "list", "--all") == everyone
    assert names(capsys, "due") == mine
    assert names(capsys, "due", "--all") == everyone
    assert names(capsys, "list", "--status", "won") == (
        ["Zoe Lee"] if shared() else ["Zoe Lee", "Nia Brown"]
    )
    assert names(capsys, "list", "--status", "won", "--all") == ["Zoe Lee", "Nia Brown"]


@pytest.mark.usefixtures("team")
def test_the_owner_column_shows_with_everyones_leads_on_a_team_database(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in ("list", "due"):
        code, out, _ = run(capsys, command, "--all")
        assert code == 0
        header, *rows = out.splitlines()
        assert header.split()[-1] == ("OWNER" if shared() else "SCORE")
        if shared():
            assert [(row.split()[2], row.split()[-1]) for row in rows] == [
                ("Emma", "alex"),
                ("Omar", "sam"),
            ]
        code, out, _ = run(capsys, command)
        assert code == 0
        assert "OWNER" not in out


@pytest.mark.usefixtures("team")
def test_due_summary_counts_my_leads_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "--summary")
    assert code == 0
    # The hot lead counts among those due today too (as `due --summary` always has).
    everyone = "leadboard: 1 hot due, 2 due later today\n"
    assert out == ("leadboard: 1 hot due, 1 due later today\n" if shared() else everyone)
    code, out, _ = run(capsys, "due", "--summary", "--all")
    assert (code, out) == (0, everyone)


@pytest.mark.parametrize("command", ["board", "session", "list", "due", "stats"])
def test_all_reaches_the_store_as_everyones_leads(command: str, team: dict[str, int]) -> None:
    parser = build_parser()
    for argv, owner in [([command], "alex" if shared() else None), ([command, "--all"], None)]:
        args = parser.parse_args(argv)
        ctx = Context(args=args, config=load_config(Path(os.environ["LEADBOARD_CONFIG"])), now=NOW)
        try:
            assert ctx.store.owner == owner, argv
        finally:
            ctx.close()


def stats_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    """The JSON `stats` prints."""
    code, out, err = run(capsys, "stats", "--format", "json", *argv)
    assert (code, err) == (0, "")
    return json.loads(out)


@pytest.mark.usefixtures("team")
def test_stats_per_owner(capsys: pytest.CaptureFixture[str]) -> None:
    expected = [
        {"owner": "alex", "active": 1, "won": 1, "lost": 1, "contacts": 2, "win_rate": 0.5},
        {"owner": "sam", "active": 1, "won": 1, "lost": 0, "contacts": 1, "win_rate": 1.0},
    ]
    stats = stats_json(capsys)
    assert stats["by_owner"] == expected
    assert stats_json(capsys, "--all") == stats  # the team's figures either way
    assert stats["conversion"]["overall"]["won"] == 2
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert out.splitlines()[-4:] == [
        "By owner (contacts in the last 12 weeks)",
        "  OWNER  ACTIVE  WON  LOST  CONTACTS  WIN RATE",
        "  alex        1    1     1         2     50.0%",
        "  sam         1    1     0         1    100.0%",
    ]


def test_stats_of_one_rep_on_a_file_has_no_owner_section(
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = store_of("alex")
    lead = store.add(LeadDraft(name="Emma Hughes"), NOW)
    assert lead.id is not None
    for days_ago in (2, 200):  # one contact in the window, one long before it
        at = NOW.subtract(days=days_ago)
        store.log_contact(lead.id, channel=Channel.EMAIL, outcome=Outcome.REPLIED, now=NOW, at=at)
    store.close()
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert ("By owner" in out) is shared()
    by_owner = stats_json(capsys)["by_owner"]
    assert by_owner == [
        {"owner": "alex", "active": 1, "won": 0, "lost": 0, "contacts": 1, "win_rate": None}
    ]


def test_an_owner_whose_last_lead_went_is_not_listed(
    capsys: pytest.CaptureFixture[str], team: dict[str, int]
) -> None:
    for key in ("omar", "nia"):
        assert run(capsys, "assign", str(team[key]), "alex")[0] == 0
    owners = [row["owner"] for row in stats_json(capsys)["by_owner"]]
    assert owners == ["alex"]
