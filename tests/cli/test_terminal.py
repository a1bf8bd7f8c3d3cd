"""The full-screen commands need a terminal: piped, they say so in one line instead of hanging.

Through the real entry point (`python -m leadboard`), with pipes, a pseudo-terminal
where a terminal is the point, and a timeout so a hang fails instead of waiting.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leadboard.cli.board import require_terminal
from leadboard.cli.context import UserError
from leadboard.store.database import open_database

TIMEOUT = 20


def leadboard(
    *args: str, stdin: int | None = subprocess.DEVNULL, stdout: int = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    """Run the command line with the given input and output, failing if it hangs."""
    return subprocess.run(
        [sys.executable, "-m", "leadboard", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
    )


@pytest.mark.parametrize(
    ("args", "what"),
    [
        ((), "the board"),
        (("board",), "the board"),
        (("session",), "a session"),
        (("session", "--week"), "a session"),
    ],
)
def test_piped_full_screen_commands_say_they_need_a_terminal(
    args: tuple[str, ...], what: str
) -> None:
    done = leadboard(*args)
    assert done.returncode == 1
    assert done.stdout == ""  # no escape codes drawn into the pipe
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"leadboard: {what} needs a terminal")


def test_demo_open_piped_refuses_before_writing_anything(isolated_env: Path) -> None:
    done = leadboard("demo", "--open", "--leads", "20")
    assert done.returncode == 1
    assert "needs a terminal" in done.stderr
    assert done.stdout == ""
    assert not (isolated_env / "leadboard.db").exists()


def test_a_terminal_for_input_but_a_pipe_for_output_is_named() -> None:
    controller, terminal = pty.openpty()
    try:
        done = leadboard("session", stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 1
    assert "its output is not one" in done.stderr


def test_in_a_terminal_the_board_starts() -> None:
    """With a pseudo-terminal on every stream the check lets the app through: it draws."""
    open_database(os.environ["LEADBOARD_DB"]).close()
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "leadboard", "session"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,  # Textual draws on stderr
    )
    os.close(terminal)
    seen = b""
    deadline = time.monotonic() + TIMEOUT
    try:
        # The alternate screen switch is the first thing Textual writes.
        while b"\x1b[?1049h" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(controller, 65536)
                except OSError:
                    break  # the terminal closed: the process ended
            if process.poll() is not None:
                break
    finally:
        process.kill()
        process.wait(TIMEOUT)
        os.close(controller)
    assert b"\x1b[?1049h" in seen, seen[-500:]


def test_textual_serve_pipes_are_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """textual-serve runs `leadboard board` over pipes with its web driver: not refused."""
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    require_terminal()  # pytest's own stdin and stdout are not terminals
    monkeypatch.delenv("TEXTUAL_DRIVER")
    with pytest.raises(UserError, match="needs a terminal"):
        require_terminal()
