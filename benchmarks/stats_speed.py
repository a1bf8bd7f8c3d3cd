"""Time the stats at 1,000,000 demo leads: counting them, `leadboard stats`, and opening the screen.

Run: python benchmarks/stats_speed.py [--leads 1000000] [--db PATH] [--runs 5]

`--db PATH` takes an existing demo file instead of building one: it is copied first (a few
follow-up sessions are recorded into the copy), never written.

- Counting: `load_stats` in this process, median of several runs (the first
  run, on a cold connection, is shown apart).
- Command: `leadboard stats --format json` in fresh processes, imports included.
- Screen: in a headless board at 120x40, from `open_stats` (what the board's key
  calls) until the stats screen is on top saying it counts, then until its
  figures are shown; and the longest the UI's event loop went without a turn
  meanwhile (the count runs in a thread, so keys keep being answered; Pilot's
  own key timing cannot show it, since it waits for the whole process to go idle).

Schema 4 indexes contacts by (channel, direction, outcome), which this script
showed to cut the per-channel count from 230-340 ms to about 40 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pendulum

from leadboard.config import Config
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.stats import load_stats, record_session

SCREEN_TARGET_MS = 1000.0


def build(db: str, leads: int, scratch: Path, source: str | None = None) -> None:
    """A demo database (or a copy of `source`) with a few follow-up sessions (demos have none)."""
    if source:
        shutil.copyfile(source, db)
    else:
        env = {**os.environ, "LEADBOARD_CONFIG": str(scratch / "none.toml")}
        env.pop("LEADBOARD_NOW", None)
        subprocess.run(
            [sys.executable, "-m", "leadboard", "demo", "--db", db, "--leads", str(leads)],
            check=True,
            env=env,
            capture_output=True,
        )
    database = open_database(db)
    now = pendulum.now("UTC")
    for weeks_ago in (0, 1, 2, 4):
        end = now.subtract(weeks=weeks_ago, hours=1)
        record_session(database, end.subtract(hours=2), end, worked=25)
    database.close()


def count_ms(db: str, runs: int) -> tuple[float, list[float]]:
    """Milliseconds of load_stats: the first call, then each further call."""
    database = open_database(db)
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        load_stats(database, pendulum.now("UTC"), "Europe/Paris")
        times.append((time.perf_counter() - start) * 1000)
    database.close()
    return times[0], times[1:]


def command_ms(db: str, runs: int, scratch: Path) -> list[float]:
    """Milliseconds of `leadboard stats --format json` in fresh processes."""
    env = {**os.environ, "LEADBOARD_CONFIG": str(scratch / "none.toml")}
    env.pop("LEADBOARD_NOW", None)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "leadboard", "stats", "--db", db, "--format", "json"],
            check=True,
            env=env,
            capture_output=True,
        )
        times.append((time.perf_counter() - start) * 1000)
    return times


async def screen_ms(db: str, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds until the screen is up, until its figures are, and the UI's longest stall."""
    from leadboard.ui.app import LeadboardApp
    from leadboard.ui.screens.stats import StatsScreen, open_stats

    config = Config()
    store = LeadStore(open_database(db), config.policy)
    app = LeadboardApp(store, config)
    shown: list[float] = []
    filled: list[float] = []
    stalls: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(runs):
            start = time.perf_counter()
            open_stats(app, store, config, app.data.clock)
            stall, up = 0.0, None
            deadline = start + 60
            while time.perf_counter() < deadline:
                screen = app.screen
                if isinstance(screen, StatsScreen):
                    up = up or time.perf_counter()
                    # `is_counting`: the screen shows at once and says it counts.
                    if not getattr(screen, "is_counting", False):
                        break
                tick = time.perf_counter()
                await asyncio.sleep(0.001)
                stall = max(stall, (time.perf_counter() - tick) * 1000 - 1)
            await pilot.pause()
            if up is None:
                break
            shown.append((up - start) * 1000)
            filled.append((time.perf_counter() - start) * 1000)
            stalls.append(stall)
            await pilot.press("escape")
            await pilot.pause()
    store.close()
    return shown, filled, stalls


def line(label: str, values: list[float]) -> str:
    """'label  median  min  max' in milliseconds."""
    return f"  {label:<44} {statistics.median(values):8.1f} {min(values):8.1f} {max(values):8.1f}"


def main() -> None:
    """Build a demo database, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--db", help="an existing demo file (copied first; never written)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        db = str(scratch / "stats.db")
        os.environ["LEADBOARD_CONFIG"] = str(scratch / "none.toml")
        build(db, options.leads, scratch, options.db)
        with sqlite3.connect(db) as connection:
            contacts = connection.execute("SELECT COUNT(*) FROM contact").fetchone()[0]
        print(f"{options.leads:,} leads, {contacts:,} contacts")
        print(f"  {'(ms)':<44} {'median':>8} {'min':>8} {'max':>8}")
        first, again = count_ms(db, options.runs)
        print(f"  {'load_stats, first call':<44} {first:8.1f}")
        print(line("load_stats, again", again))
        print(
            line("leadboard stats --format json (process)", command_ms(db, options.runs, scratch))
        )
        shown, opened, stalls = asyncio.run(screen_ms(db, options.runs))
        print(line("open_stats until the screen is up (counting)", shown))
        print(line("open_stats until the figures are up", opened))
        print(line("longest UI stall while counting", stalls))
        verdict = "ok" if opened and statistics.median(opened) < SCREEN_TARGET_MS else "SLOW"
        print(f"  stats screen target < {SCREEN_TARGET_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
