"""What server_speed.py times and how: the sides, the rows, taking turns, the processes.

The processes (a first frame, a command) run as a rep runs them, in fresh interpreters.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.board_speed import CHILD as FRAME_CHILD

SQLITE, SERVER_ALL, SERVER_OWN = "SQLite", "PostgreSQL, everyone's", "PostgreSQL, own"
SIDES = (SQLITE, SERVER_ALL, SERVER_OWN)
"""The file; the server as `--all` reads it (the same leads); the server as the rep's own."""

PAGE = 24
"""A column's page, as the board reads it (ui.widgets.board.lead_column.PAGE_SIZE)."""
PANEL = 200
"""The due list's length on the board's panel (overdue_panel.PANEL_LIMIT)."""
SIZE = "160x45"
LEAD = 5000
"""The lead `log` adds a contact to (the last one, in a smaller demo)."""

CHILD = FRAME_CHILD
"""The timed first frame board_speed.py measures, in a rep's own or everyone's scope."""


@dataclass
class Row:
    """One line of the table: a figure on each side, in ms, and what it is held against."""

    figure: str
    times: dict[str, float]
    baseline: dict[str, float] | None = None
    """Each side's baseline for this figure, when it is shown as a multiple of one."""
    note: str = ""


ROWS: list[Row] = []


def log(message: str) -> None:
    """Progress on stderr, so a slow run shows where it is."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def in_turn(runs: int, calls: dict[str, Callable[[], float]]) -> dict[str, float]:
    """Median of the ms each call returns: one warm-up each, then the order reversed every run."""
    for call in calls.values():
        call()
    found: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    for run in range(runs):
        for name in names if run % 2 == 0 else names[::-1]:
            found[name].append(calls[name]())
    return {name: statistics.median(values) for name, values in found.items()}


def timed(call: Callable[[], object]) -> Callable[[], float]:
    """The call, made to return the ms it took."""

    def run() -> float:
        start = time.perf_counter()
        call()
        return (time.perf_counter() - start) * 1000

    return run


# -- processes ---------------------------------------------------------------------------------


def process_ms(argv: list[str], env: dict[str, str]) -> float:
    """Wall ms of one process run to its end (it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False, timeout=300)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[1:])[:200]} failed: {done.stderr.strip()[-2000:]}")
    return elapsed


def frame_ms(argv: list[str], env: dict[str, str]) -> float:
    """The ms a timed child reports from its first line to its first frame."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False, timeout=120)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        raise SystemExit(f"first frame ({argv[3]}, {argv[4]}) failed: {done.stderr[-2000:]}")
    return float(lines[-1])


def first_frame(targets: dict[str, str], env: dict[str, str], runs: int) -> None:
    """The board's first frame on each side against an empty app, all taking turns."""
    log("first frame")
    modes = {SQLITE: "all", SERVER_ALL: "all", SERVER_OWN: "own"}

    def child(mode: str, db: str) -> Callable[[], float]:
        argv = [sys.executable, "-c", CHILD, mode, db, SIZE]
        return lambda: frame_ms(argv, env)

    calls = {"empty": child("empty", "")}
    calls.update({name: child(modes[name], targets[name]) for name in SIDES})
    found = in_turn(runs, calls)
    empty = found.pop("empty")
    ROWS.append(Row("empty Textual app, first frame (baseline)", dict.fromkeys(SIDES, empty)))
    ROWS.append(Row(f"board, first frame ({SIZE})", found, dict.fromkeys(SIDES, empty)))


def commands(targets: dict[str, str], env: dict[str, str], runs: int, lead: int) -> None:
    """`due`, `list` and `log` as processes on each side, against `leadboard --version`."""
    leadboard = [sys.executable, "-m", "leadboard"]
    log("commands: --version")
    base = in_turn(runs, {"start-up": lambda: process_ms([*leadboard, "--version"], env)})
    start_up = dict.fromkeys(SIDES, base["start-up"])
    ROWS.append(Row("leadboard --version (baseline)", start_up))
    everyone = {SQLITE: [], SERVER_ALL: ["--all"], SERVER_OWN: []}
    for args, takes_all in (
        (["due"], True),
        (["list"], True),
        (["log", str(lead), "--channel", "call", "--outcome", "talked"], False),
    ):
        log(f"commands: {args[0]}")
        calls: dict[str, Callable[[], float]] = {}
        for name in SIDES:
            argv = [*leadboard, *args, *(everyone[name] if takes_all else [])]
            at = {**env, "LEADBOARD_DB": targets[name]}
            calls[name] = _process(argv, at)
        label = f"leadboard {' '.join(args)}" + (
            " (--all on the server's everyone's)" if takes_all else ""
        )
        ROWS.append(Row(label, in_turn(runs, calls), start_up))


def _process(argv: list[str], env: dict[str, str]) -> Callable[[], float]:
    return lambda: process_ms(argv, env)
