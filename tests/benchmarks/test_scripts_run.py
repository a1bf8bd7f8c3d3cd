"""The benchmark scripts run to the end at a tiny size and print every figure they promise."""

from __future__ import annotations

import os
import re
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


def test_server_speed_compares_both_engines() -> None:
    from tests.postgres import require_server

    server = require_server()
    out = run(
        "server_speed.py", "--leads", "300", "--server", server, "--runs", "1", "--cli-runs", "1"
    )
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:7]]
        for line in out.splitlines()
        if line.startswith("| ") and line.count("|") == 8
    }
    for figure in (
        "round trip: SELECT 1 (baseline)",
        "first frame's reads: counts, 4 pages, due overview, panel",
        "a page of a column, top (24 leads)",
        "a page halfway down, after a lead (scrolling)",
        "due list (due, limit 200)",
        "session queue (due_ids)",
        "board, first frame (160x45)",
        "leadboard --version (baseline)",
        "leadboard due (--all on the server's everyone's)",
        "leadboard list (--all on the server's everyone's)",
    ):
        assert figure in rows, f"{figure!r} missing from:\n{out}"
        lite, every, every_ratio, own, own_ratio = rows[figure]
        # Measured on the file and both ways on the server: numbers, not '-'.
        assert all(ms[0].isdigit() for ms in (lite, every, own)), rows[figure]
        assert every_ratio.endswith("×") and own_ratio.endswith("×"), rows[figure]
    filters = [figure for figure in rows if figure.startswith("filter, ")]
    assert len(filters) == 8, filters  # name, company, phone and 'ing': first matches, all
    assert any(figure.startswith("leadboard log ") for figure in rows)
    # The same demo on both engines; the rep's own leads are some of the team's.
    seen = re.search(
        r"active leads seen: SQLite (\d+), PostgreSQL, everyone's (\d+), "
        r"PostgreSQL, own (\d+);",
        out,
    )
    assert seen is not None, out
    lite_leads, every_leads, own_leads = (int(n) for n in seen.groups())
    assert lite_leads == every_leads > own_leads > 0, seen.group(0)
    assert "loopback" in out
    assert out.count("top node: ") == 10
    # Everyone's reads use the board index, the rep's own the owner's (at 300 leads the
    # planner may take a bitmap scan of them rather than an index-only scan).
    assert "using lead_board on" in out
    assert "using lead_owner_board on" in out


def test_quick_speed_times_every_line_and_template() -> None:
    out = run("quick_speed.py", "--leads", "300", "--repeats", "1")
    rows = {line[:36].strip(): line for line in out.splitlines() if line.startswith("  ")}
    assert re.search(r"store\.get\(\d+\) \(baseline\)\s+\d+\.\d+\s+1\.0", out), out
    for figure in (
        "common first name",
        "full name (common)",
        "full name + company word (unique)",
        "accent-folded name",
        "rare surname",
        "2-letter name (no index)",
        "unknown name",
        "lead by id",
        "no name: the selected lead",
    ):
        assert figure in rows, f"{figure!r} missing from:\n{out}"
        # Measured and held to the preview budget: a time, a ratio, then the verdict.
        cells = rows[figure][36:].split()
        assert float(cells[0]) >= 0 and float(cells[1]) >= 0, rows[figure]
        assert rows[figure].rstrip().endswith((" ok", " OVER")), rows[figure]
    # The unique name finds its own lead; the id line and the selected lead name one.
    assert re.search(r"full name \+ company word \(unique\).*#\d+ ", out), out
    assert re.search(r"no name: the selected lead.*#\d+ ", out), out
    assert "slowest line: " in out
    for channel in ("call", "email"):
        for case, source in (
            ("no files (leadboard's words)", "default"),
            ("the rep's file present", "file"),
            ("the rep's file changed before each call", "file"),
        ):
            found = re.search(rf"{channel}, {re.escape(case)}\s+(\d+\.\d)\s+(\w+)", out)
            assert found is not None, f"{channel}, {case} missing from:\n{out}"
            assert found.group(2) == source, found.group(0)


def test_column_orders_speed_times_every_order_of_every_column() -> None:
    out = run("column_orders_speed.py", "--leads", "300", "--repeats", "1")
    orders = re.findall(r"^\S*\s+(urgency|score|last touched|value|closed)\s+\d+\.\d+", out, re.M)
    assert orders.count("urgency") == 4 and orders.count("closed") == 4, out
    assert {"score", "last touched", "value"} <= set(orders), out
    assert re.search(r"filter #enterprise: \d+ matches", out), out
    assert re.search(r"column value totals \d+\.\d+ ms", out), out
