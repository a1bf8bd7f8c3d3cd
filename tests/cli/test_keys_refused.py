"""`leadboard` with a [keys] table the board cannot take: one line, exit 1, no board drawn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leadboard.cli.entry import main

CLASH = 'name = "Ann"\n\n[keys]\nlog_contact = "l"\n'
"""`l` is column right until that is given another key: line 4 clashes."""


def leadboard(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point, as textual-serve runs it (no terminal needed to start the app).

    The timeout turns a board that started (and waits for a browser) into a failure.
    """
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    return subprocess.run(
        [sys.executable, "-m", "leadboard", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )


@pytest.mark.parametrize("argv", [(), ("board",), ("session",)], ids=["none", "board", "session"])
def test_a_clash_in_keys_refuses_the_board_with_its_line(
    isolated_env: Path, argv: tuple[str, ...]
) -> None:
    assert main(["add", "Ann Lee", "--temp", "hot"]) == 0
    config = isolated_env / "config.toml"
    config.write_text(CLASH, encoding="utf-8")
    done = leadboard(*argv)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"leadboard: {config} line 4: log_contact and column_right would both be 'l' "
        "on the board; give one of them another key in [keys]\n"
    )


def test_an_unknown_action_refuses_the_board_with_its_line(isolated_env: Path) -> None:
    assert main(["add", "Ann Lee"]) == 0
    config = isolated_env / "config.toml"
    config.write_text('[keys]\n"board.lgo" = "l"\n', encoding="utf-8")
    done = leadboard()
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"leadboard: {config} line 2: unknown action 'board.lgo' in [keys]")


def test_commands_without_the_board_never_read_the_keys_names(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Which names and keys exist is the board's to say (and Textual's): `list` needs neither.
    (isolated_env / "config.toml").write_text(CLASH, encoding="utf-8")
    assert main(["add", "Ann Lee"]) == 0
    assert main(["list"]) == 0
    assert "Ann Lee" in capsys.readouterr().out


def test_a_keys_table_of_the_wrong_shape_refuses_every_command(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = isolated_env / "config.toml"
    config.write_text("[keys]\nundo = 5\n", encoding="utf-8")
    assert main(["list"]) == 1
    assert capsys.readouterr().err == (
        f'leadboard: {config} line 2: keys.undo must be a key in quotes, such as "l" or "s,space"\n'
    )
