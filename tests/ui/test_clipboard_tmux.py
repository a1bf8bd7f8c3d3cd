"""`y` writes the message as OSC 52, read back through a real tmux with set-clipboard on.

tmux takes an application's OSC 52 into its paste buffer (and passes it on to the outer
terminal), so `tmux show-buffer` shows what a rep's clipboard would get over SSH.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TIMEOUT = 30.0


def leadboard(*args: str) -> str:
    """Run the command line; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "leadboard", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return done.stdout


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[list[str]]:
    """A private tmux server with set-clipboard on; the command prefix that talks to it."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: .ci/run installs it")
        pytest.skip("tmux is not installed")
    conf = tmp_path / "tmux.conf"
    conf.write_text("set -g set-clipboard on\nset -g history-limit 100\n", encoding="utf-8")
    prefix = ["tmux", "-S", str(tmp_path / "tmux.sock"), "-f", str(conf)]
    yield prefix
    subprocess.run([*prefix, "kill-server"], capture_output=True, timeout=TIMEOUT)


def wait_for(check: object, what: str) -> None:
    """Poll `check` until it returns true, or fail naming `what`."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def pane(prefix: list[str]) -> str:
    """The screen of the app in tmux."""
    done = subprocess.run([*prefix, "capture-pane", "-p"], capture_output=True, text=True)
    return done.stdout


def buffer(prefix: list[str]) -> str:
    """The newest paste buffer of the tmux server ('' while there is none)."""
    done = subprocess.run([*prefix, "show-buffer"], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else ""


@pytest.mark.parametrize("screen", ["session", "board"])
def test_y_puts_the_message_on_the_clipboard_through_tmux(
    tmux: list[str], isolated_env: Path, screen: str
) -> None:
    db = isolated_env / "clip.db"
    leadboard(
        "--db", str(db), "add", "Emma Hughes", "--company", "Acme [bold]Ltd[/]",
        "--temp", "hot", "--channel", "email", "--next-step", "send the quote",
    )  # fmt: skip
    expected = leadboard("--db", str(db), "template", "Emma Hughes").rstrip("\n")
    assert "Emma" in expected and "Subject:" in expected
    command = [sys.executable, "-m", "leadboard", "--db", str(db)]
    if screen == "session":
        command.append("session")
    env = {"TERM": "xterm-256color", "LEADBOARD_CONFIG": os.environ["LEADBOARD_CONFIG"]}
    shell = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    started = subprocess.run(
        [*tmux, "new-session", "-d", "-x", "100", "-y", "30", f"{shell} {shlex.join(command)}"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert started.returncode == 0, started.stderr
    wait_for(lambda: "Emma Hughes" in pane(tmux), "the app to show the lead")
    assert buffer(tmux) == ""
    subprocess.run([*tmux, "send-keys", "y"], check=True, timeout=TIMEOUT)
    wait_for(lambda: buffer(tmux), "the OSC 52 sequence to reach tmux's buffer")
    assert buffer(tmux).rstrip("\n") == expected
