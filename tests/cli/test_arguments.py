"""Global options before or after the command, lead arguments by name, help and message wording.

Through the real entry point, `leadboard.cli.main`, on the test's database.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from leadboard.cli import main
from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft, Status, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

CLI_SOURCES = Path(__file__).parents[2] / "leadboard" / "cli"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def leads() -> dict[str, int]:
    """Two Emma Hughes (one at Acme, one at Beta), a lost Zoe Lee and an active Zoe Lee."""
    ids: dict[str, int] = {}
    store = LeadStore(open_database(os.environ["LEADBOARD_DB"]), Policy())
    try:
        for key, name, company, temperature in [
            ("emma acme", "Emma Hughes", "Acme", Temperature.HOT),
            ("emma beta", "emma  HUGHES", "Beta", Temperature.COOL),
            ("zoe lost", "Zoe Lee", "Old Firm", Temperature.WARM),
            ("zoe", "Zoe Lee", "New Firm", Temperature.COLD),
            ("omar", "Omar Khan", "", Temperature.WARM),
        ]:
            lead = store.add(
                LeadDraft(name=name, company=company, temperature=temperature, next_due=NOW), NOW
            )
            assert lead.id is not None
            ids[key] = lead.id
        store.set_status(ids["zoe lost"], Status.LOST, NOW, "budget")
    finally:
        store.close()
    return ids


# -- global options anywhere ---------------------------------------------------------------


def test_format_and_db_work_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str], leads: dict[str, int], tmp_path: Path
) -> None:
    after = run(capsys, "due", "--format", "json")
    before = run(capsys, "--format", "json", "due")
    assert after == before and after[0] == 0
    assert [lead["id"] for lead in json.loads(after[1])] != []
    db = os.environ["LEADBOARD_DB"]
    assert run(capsys, "--db", db, "--format", "csv", "list") == run(
        capsys, "list", "--format", "csv", "--db", db
    )
    # The later of two wins, whichever side of the command each is on.
    code, out, _ = run(capsys, "--format", "json", "list", "--format", "csv")
    assert code == 0 and out.startswith("id,")
    code, out, _ = run(capsys, "--format", "csv", "show", "1", "--format", "json")
    assert json.loads(out)["id"] == 1
    code, _, err = run(capsys, "--db", str(tmp_path / "typo.db"), "list", "--db", db)
    assert (code, err) == (0, "")


def test_format_before_export_overrides_the_file_extension(
    capsys: pytest.CaptureFixture[str], leads: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "leads.csv"
    code, out, _ = run(capsys, "--format", "json", "export", str(target))
    assert code == 0 and out.endswith("(JSON)\n")
    assert len(json.loads(target.read_text())) == len(leads)
    # With no --format anywhere, the extension decides.
    plain = tmp_path / "plain.csv"
    assert run(capsys, "export", str(plain))[0] == 0
    assert len(list(csv.DictReader(io.StringIO(plain.read_text())))) == len(leads)


def test_a_bad_format_before_the_command_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--format", "yaml", "due"])
    assert exit_.value.code == 2
    assert "invalid choice: 'yaml'" in capsys.readouterr().err


# -- a lead by its name ---------------------------------------------------------------------


def test_a_lead_argument_takes_a_unique_name_in_any_case(
    capsys: pytest.CaptureFixture[str], leads: dict[str, int]
) -> None:
    code, out, err = run(capsys, "log", "omar khan", "--channel", "call", "--outcome", "talked")
    assert (code, err) == (0, "")
    assert out.startswith(f"Logged call (talked) for #{leads['omar']} Omar Khan; next due ")
    code, out, _ = run(capsys, "show", "  OMAR   KHAN ", "--format", "json")
    assert json.loads(out)["contacts"][0]["outcome"] == "talked"


def test_an_active_lead_is_chosen_over_a_closed_one_of_the_same_name(
    capsys: pytest.CaptureFixture[str], leads: dict[str, int]
) -> None:
    code, out, _ = run(capsys, "move", "Zoe Lee", "hot")
    assert code == 0 and out.startswith(f"#{leads['zoe']} Zoe Lee is hot")
    # With a name, company pair the closed one is reachable too.
    code, out, _ = run(capsys, "revive", "Zoe Lee, old firm")
    assert code == 0 and out.startswith(f"#{leads['zoe lost']} Zoe Lee back on the board")


def test_an_ambiguous_name_lists_the_candidates_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], leads: dict[str, int]
) -> None:
    before = run(capsys, "list", "--status", "all", "--format", "json")
    code, out, err = run(capsys, "won", "Emma Hughes")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        'leadboard: "Emma Hughes" names 2 leads; give the id of the one you mean:',
        f"  #{leads['emma acme']}  Emma Hughes   Acme  hot",
        f"  #{leads['emma beta']}  emma  HUGHES  Beta  cool",
    ]
    assert run(capsys, "list", "--status", "all", "--format", "json") == before
    code, out, _ = run(capsys, "won", "Emma Hughes, Beta")
    assert code == 0 and out == f"#{leads['emma beta']} emma  HUGHES marked won\n"


def test_an_unknown_name_or_a_number_that_is_no_id_says_so(
    capsys: pytest.CaptureFixture[str], leads: dict[str, int]
) -> None:
    assert run(capsys, "show", "Emma Hughs") == (
        1,
        "",
        'leadboard: no lead with id or name "Emma Hughs"; '
        "`leadboard list --search TEXT` finds leads by part of a name\n",
    )
    assert run(capsys, "show", "Emma Hughes, Gamma")[2].startswith(
        'leadboard: no lead with id or name "Emma Hughes, Gamma"'
    )
    assert run(capsys, "won", "3.5")[2] == (
        'leadboard: "3.5" is not a lead id (a number, like 12)\n'
    )
    assert run(capsys, "show", "#999")[2] == "leadboard: no lead with id 999\n"


# -- help and wording -----------------------------------------------------------------------


def help_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The --help text of a command."""
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_help_names_all_for_status_and_a_name_for_a_lead(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "inactive, or all for every status" in help_of(capsys, "list")
    for command in ("log", "move", "won", "lost", "inactive", "revive", "show"):
        assert "lead id (12 or #12) or exact name" in help_of(capsys, command), command
    top = help_of(capsys)
    assert "--db PATH_OR_URL" in top and "--format {table,json,csv}" in top


def literal_start(node: ast.expr) -> str | None:
    """The text a string or f-string literal starts with, if it starts with text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def calls(name: str, argument: int = 0) -> list[tuple[str, int, str]]:
    """(file, line, text) of every `name(...)` call in the CLI whose argument is a literal."""
    found = []
    for path in sorted(CLI_SOURCES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or len(node.args) <= argument:
                continue
            func: Any = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            text = literal_start(node.args[argument])
            if called == name and text:
                found.append((path.name, node.lineno, text))
    return found


def test_errors_start_lowercase_and_confirmations_with_a_capital() -> None:
    errors = calls("UserError")
    assert len(errors) > 10
    assert [e for e in errors if e[2][0].isupper()] == []
    printed = calls("out") + calls("print_lead", argument=2)
    assert len(printed) > 6
    # `leadboard: ...` is due --summary's documented line; '...' continues a table.
    said = [p for p in printed if not p[2].startswith(("leadboard: ", "...", "\n"))]
    assert [p for p in said if not p[2][0].isupper()] == []
