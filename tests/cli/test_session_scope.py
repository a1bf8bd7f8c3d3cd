"""`leadboard session --temp T --limit N`: the flags are parsed, checked, and reach the app.

The app itself is not run here (tests/ui/test_session_scope.py runs it): run_board is
replaced by a stand-in that records what it was asked to open.
"""

from __future__ import annotations

from typing import Any

import pytest

from leadboard.cli.entry import main
from leadboard.domain.model import Temperature
from leadboard.domain.session_scope import SessionScope


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What run_board was asked for, one dict a call; a terminal is taken as given."""
    calls: list[dict[str, Any]] = []

    def run_board(store: Any, config: Any, clock: Any, **how: Any) -> int:
        calls.append(how)
        return 0

    monkeypatch.setattr("leadboard.ui.app.run_board", run_board)
    monkeypatch.setenv("TEXTUAL_DRIVER", "headless")  # require_terminal lets it through
    assert main(["add", "Ana Ruiz", "--temp", "hot"]) == 0  # a database to open
    return calls


@pytest.mark.parametrize(
    ("flags", "scope"),
    [
        ([], SessionScope()),
        (["--temp", "hot"], SessionScope(Temperature.HOT)),
        (["--temp", "warm"], SessionScope(Temperature.WARM)),
        (["--temp", "cool"], SessionScope(Temperature.COOL)),
        (["--temp", "cold"], SessionScope()),
        (["--limit", "20"], SessionScope(limit=20)),
        (["--temp", "hot", "--limit", "20"], SessionScope(Temperature.HOT, 20)),
        (["--limit", "1", "--temp", "warm"], SessionScope(Temperature.WARM, 1)),
    ],
)
def test_the_flags_become_the_sessions_scope(
    opened: list[dict[str, Any]], flags: list[str], scope: SessionScope
) -> None:
    assert main(["session", *flags]) == 0
    assert opened == [{"session": True, "week": False, "scope": scope}]


def test_week_and_scope_go_together(opened: list[dict[str, Any]]) -> None:
    assert main(["session", "--week", "--temp", "warm"]) == 0
    assert opened == [{"session": True, "week": True, "scope": SessionScope(Temperature.WARM)}]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--temp", "lukewarm"], "argument --temp: invalid choice: 'lukewarm'"),
        (["--temp", "HOT"], "argument --temp: invalid choice: 'HOT'"),
        (["--temp"], "argument --temp: expected one argument"),
        (["--limit", "0"], "argument --limit: must be a whole number of leads from 1, not '0'"),
        (["--limit", "-3"], "argument --limit: must be a whole number of leads from 1, not '-3'"),
        (["--limit", "2.5"], "argument --limit: must be a whole number of leads from 1, not '2.5'"),
        (["--limit", "ten"], "argument --limit: must be a whole number of leads from 1, not 'ten'"),
        (["--limit", "٣"], "argument --limit: must be a whole number of leads from 1, not '٣'"),
    ],
)
def test_a_bad_flag_is_one_line_and_opens_nothing(
    opened: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    message: str,
) -> None:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(["session", *flags])
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    errors = [line for line in captured.err.splitlines() if line.startswith("leadboard:")]
    assert len(errors) == 1, captured.err
    assert errors[0].startswith(f"leadboard: {message}"), captured.err
    assert "Traceback" not in captured.err
    assert opened == []


def test_the_help_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["session", "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--temp {hot,warm,cool,cold}" in out
    assert "this temperature and hotter" in out
    assert "--limit N" in out and "the N most urgent" in out
