"""The benchmark scripts run to the end at a tiny size and print every figure they promise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, *args: str) -> str:
    """The script's output, run as a user runs it (a fresh process, no fixed clock)."""
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    env.pop("LEADBOARD_NOW", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_board_speed_measures_every_figure() -> None:
    out = run("board_speed.py", "--leads", "300", "--runs", "1", "--presses", "1")
    rows = {line.split("|")[0].strip(): line for line in out.splitlines() if line.count("|") == 5}
    for figure in (
        "first frame (board / empty app)",
        "round trip: a key bound to nothing (f12)",
        "move colder, hotter ([, ])",
        "undo a move (u)",
        "won: y closes it, lead off the board",
        "lost: enter closes it, lead off the board",
        "inactive: y closes it, lead off the board",
        "log dialog: c opens",
        "add dialog: a opens",
        "edit dialog: e opens",
        "detail dialog: enter opens",
        "help dialog: question_mark opens",
        "filter 'baker' (progressive): last key, first matches",
        "filter 'baker' (progressive): last key, all counted",
        "filter burst 'baker' (progressive): longest UI tick gap",
        "live refresh: the check each second, no change",
        "stats: S until the figures show",
        "stats: longest UI tick gap while counting",
        "session: next lead (n)",
        "session: log no answer, next lead (1)",
    ):
        assert figure in rows, f"{figure!r} missing from:\n{out}"
        # Measured: a number, not '-' (a dialog that never opened, a key that timed out).
        measured = rows[figure].split("|")[1].strip()
        assert measured != "-", rows[figure]
        assert rows[figure].split("|")[5].strip().startswith(("ok", "MISS"))


def test_stats_speed_runs() -> None:
    out = run("stats_speed.py", "--leads", "300", "--runs", "1")
    assert "open_stats until the screen is up (counting)" in out
    assert "open_stats until the figures are up" in out
    assert "longest UI stall while counting" in out
