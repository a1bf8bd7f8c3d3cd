"""Peak memory of the board at 1,000,000 leads: no screen ever loads every lead.

Run: python benchmarks/board_memory.py [--leads 1000000]

A fresh process opens the board headless at 160x45 on a demo database, walks
each column to its far end and back, opens the panel, a lead's detail and a
follow-up session, then reports its peak resident memory (ru_maxrss). The same
is measured for an empty Textual app, for scale.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB = 200.0

CHILD = r"""
import asyncio, resource, sys
from textual.app import App

async def board(db):
    from leadboard.config import Config
    from leadboard.store.database import open_database
    from leadboard.store.leads import LeadStore
    from leadboard.ui.app import LeadboardApp

    config = Config()
    store = LeadStore(open_database(db), config.policy)
    app = LeadboardApp(store, config)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for _ in range(4):
            await pilot.press("end", "pagedown", "pageup", "home", "h")
        await pilot.press("o", "enter")
        await pilot.pause()
        await pilot.press("escape", "s", "a")
        await pilot.pause()
        await pilot.press("n", "n", "q")
        await pilot.pause()

async def empty():
    async with App[None]().run_test(size=(160, 45)) as pilot:
        await pilot.pause()

asyncio.run(board(sys.argv[2]) if sys.argv[1] == "board" else empty())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_mb(mode: str, db: str) -> float:
    """Peak resident memory of a fresh process, in MB."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, db], capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Build the demo database, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "million.db")
        env = {**os.environ, "LEADBOARD_CONFIG": str(Path(scratch) / "none.toml")}
        env.pop("LEADBOARD_NOW", None)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "leadboard", "demo", "--db", db, "--leads", str(options.leads)],
            check=True,
            env=env,
            capture_output=True,
        )
        print(f"demo --leads {options.leads:,}: {time.perf_counter() - start:.0f} s (setup)")
        os.environ["LEADBOARD_CONFIG"] = env["LEADBOARD_CONFIG"]
        empty = peak_mb("empty", db)
        board = peak_mb("board", db)
        verdict = "ok" if board < TARGET_MB else "OVER"
        print("Peak memory, fresh process (MB):")
        print(f"  empty Textual app                 {empty:6.0f}")
        label = f"board, {options.leads:,} leads, walked"
        print(f"  {label:<34}{board:6.0f}  (target < {TARGET_MB:.0f})  {verdict}")


if __name__ == "__main__":
    main()
