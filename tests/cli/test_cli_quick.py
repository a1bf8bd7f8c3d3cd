"""`leadboard quick` through its entry point: logs and prints, --dry-run, problems, formats."""

from __future__ import annotations

import json
import sys

import pytest

from leadboard.cli.entry import main


def add(capsys: pytest.CaptureFixture[str], name: str, *options: str) -> int:
    assert main(["add", name, *options]) == 0
    return int(capsys.readouterr().out.strip())


def shown(capsys: pytest.CaptureFixture[str], lead_id: int) -> dict[str, object]:
    assert main(["show", str(lead_id), "--format", "json"]) == 0
    shape = json.loads(capsys.readouterr().out)
    return shape.get("lead", shape)  # type: ignore[no-any-return]


def test_quick_logs_and_prints_what_it_logged(capsys: pytest.CaptureFixture[str]) -> None:
    emma = add(capsys, "Emma Hughes", "--company", "Acme")
    assert main(["quick", "emma call talked +3d send the quote; wants 20 seats"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == (
        "Logged: Emma Hughes · call · talked · due Thu 26 Nov 09:00 · next: send the quote"
        " · note: wants 20 seats"
    )
    lead = shown(capsys, emma)
    assert lead["next_step"] == "send the quote"
    assert lead["next_due"] == "2026-11-26T09:00:00+00:00"


def test_words_may_come_as_several_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, "Emma Hughes")
    assert main(["quick", "emma", "vm", "fri!"]) == 0
    assert capsys.readouterr().out.startswith("Logged: Emma Hughes · voicemail · left message")


def test_dry_run_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    emma = add(capsys, "Emma Hughes")
    before = shown(capsys, emma)
    assert main(["quick", "--dry-run", "emma talked +3d send it"]) == 0
    assert capsys.readouterr().out.startswith("Would log: Emma Hughes · call · talked · due")
    assert shown(capsys, emma) == before
    assert main(["quick", "--dry-run", "--format", "json", "emma talked"]) == 0
    assert json.loads(capsys.readouterr().out)["last_contact"] is None


def test_an_ambiguous_name_lists_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, "Emma Hughes", "--company", "Acme")
    add(capsys, "Emma Stone", "--company", "Bolt")
    assert main(["quick", "emma call talked"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == 'leadboard: "emma" matches 2 leads: type more of the name or #id'
    assert err[1].split() == ["#1", "Emma", "Hughes", "Acme", "cool"]
    assert err[2].split() == ["#2", "Emma", "Stone", "Bolt", "cool"]


def test_unknown_lead_and_no_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, "Emma Hughes")
    assert main(["quick", "zz call talked"]) == 1
    assert capsys.readouterr().err == 'leadboard: no lead matches "zz"\n'
    assert main(["quick", "emma call"]) == 1
    assert capsys.readouterr().err.startswith("leadboard: say what came of it: talked, no answer")


def test_json_format_prints_the_lead(capsys: pytest.CaptureFixture[str]) -> None:
    emma = add(capsys, "Emma Hughes")
    assert main(["quick", "--format", "json", "emma replied tomorrow book the demo"]) == 0
    lead = json.loads(capsys.readouterr().out)
    assert lead["id"] == emma and lead["next_step"] == "book the demo"
    assert lead["last_contact"] == "2026-11-23T09:00:00+00:00"


def test_a_past_due_is_logged_with_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    emma = add(capsys, "Emma Hughes")
    assert main(["quick", "emma talked 2026-11-20 10:00 call back"]) == 0
    _, err = capsys.readouterr()
    assert err == "leadboard: warning: the next due, Fri 20 Nov 10:00, is in the past\n"
    assert shown(capsys, emma)["next_due"] == "2026-11-20T10:00:00+00:00"


def test_hostile_text_is_stored_literally(capsys: pytest.CaptureFixture[str]) -> None:
    emma = add(capsys, "Emma Hughes")
    line = "emma talked [bold]x[/] \x1b[31mred\x1b[0m \u202edone; [link]n"
    assert main(["quick", line]) == 0
    assert "\x1b" not in capsys.readouterr().out
    lead = shown(capsys, emma)
    assert lead["next_step"] == "[bold]x[/] red done"


def test_quick_does_not_import_textual() -> None:
    import subprocess

    code = (
        "import sys; from leadboard.cli.entry import main; "
        "main(['quick', '--dry-run', 'zz vm']); "
        "print('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
