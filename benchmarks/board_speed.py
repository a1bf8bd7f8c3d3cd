"""Board open time against an empty Textual app, and key handling time, at 100,000 leads.

Run: python benchmarks/board_speed.py [--leads 100000] [--runs 5]

Open time: each app runs in its own fresh process, headless at 120x40, from the
first line of the process (imports included) to Textual's Ready event, which is
sent once the first frame has been displayed. Empty app and board alternate, so
both see the same machine; the ratio of medians is the figure that matters.

Keys: in one headless board, each key is pressed many times through Pilot and
timed until Textual is idle again (handled and the screen re-rendered). Pilot's
own round trip is measured with a key bound to nothing, in the same run, and
subtracted: the "net" column is what the key itself costs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPEN_TARGET_RATIO = 1.5
KEY_TARGET_MS = 16.0

CHILD = r"""
import time
start = time.perf_counter()
import sys
from textual.app import App, ComposeResult

mode = sys.argv[1]

def report(app):
    print(f"{(time.perf_counter() - start) * 1000:.1f}", flush=True)
    app.exit()

if mode in ("empty", "imports"):
    if mode == "imports":
        # The same libraries and modules the board loads, but an empty screen.
        import leadboard.ui.app  # noqa: F401
        from leadboard.store.database import open_database
        open_database(sys.argv[2]).close()

    class Empty(App[None]):
        def on_ready(self) -> None:
            report(self)
    Empty().run(headless=True, size=(120, 40))
else:
    from leadboard.config import Config
    from leadboard.store.database import open_database
    from leadboard.store.leads import LeadStore
    from leadboard.ui.app import LeadboardApp

    class Timed(LeadboardApp):
        def on_ready(self) -> None:
            report(self)

    config = Config()
    store = LeadStore(open_database(sys.argv[2]), config.policy)
    Timed(store, config).run(headless=True, size=(120, 40))
"""


def open_ms(mode: str, db: str) -> float:
    """Milliseconds from process start to the first frame, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, db],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
    )
    return float(done.stdout.strip().splitlines()[-1])


async def key_times(db: str, presses: int) -> dict[str, list[float]]:
    """Milliseconds per key press, by key, in one headless board."""
    from leadboard.config import Config
    from leadboard.store.database import open_database
    from leadboard.store.leads import LeadStore
    from leadboard.ui.app import LeadboardApp

    config = Config()
    store = LeadStore(open_database(db), config.policy)
    app = LeadboardApp(store, config)
    times: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def timed(label: str, *keys: str) -> None:
            for _ in range(presses):
                for key in keys:
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    times.setdefault(label, []).append((time.perf_counter() - start) * 1000)

        await timed("(Pilot round trip: a key bound to nothing)", "f12")
        await timed("down, up (j, k)", "j", "k")
        await timed("column right, left (l, h)", "l", "h")
        await timed("page down (pagedown)", "pagedown")
        await timed("move colder, hotter ([, ])", "left_square_bracket", "right_square_bracket")
        await timed("open and close log dialog (c, escape)", "c", "escape")
        await timed("undo (u)", "u")
        await pilot.press("s")  # a follow-up session over every due lead
        await pilot.pause()
        await timed("session: next lead (n, skip)", "n")
        await timed("session: log no answer and next lead (1)", "1")
    store.close()
    return times


def main() -> None:
    """Build a demo database, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=20)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "board.db")
        env = {**os.environ, "LEADBOARD_CONFIG": str(Path(scratch) / "none.toml")}
        env.pop("LEADBOARD_NOW", None)
        subprocess.run(
            [sys.executable, "-m", "leadboard", "demo", "--db", db, "--leads", str(options.leads)],
            check=True,
            env=env,
            capture_output=True,
        )
        os.environ["LEADBOARD_CONFIG"] = env["LEADBOARD_CONFIG"]
        empty: list[float] = []
        imports: list[float] = []
        board: list[float] = []
        for _ in range(options.runs):
            empty.append(open_ms("empty", db))
            imports.append(open_ms("imports", db))
            board.append(open_ms("board", db))
        empty_ms, board_ms = statistics.median(empty), statistics.median(board)
        imports_ms = statistics.median(imports)
        ratio = board_ms / empty_ms
        verdict = "ok" if ratio <= OPEN_TARGET_RATIO else "SLOW"
        print(f"First frame, median of {options.runs} fresh processes (imports included):")
        print(f"  empty Textual app            {empty_ms:7.1f} ms")
        print(
            f"  empty app + board's imports  {imports_ms:7.1f} ms  (pendulum, Peewee, our modules)"
        )
        print(f"  board, {options.leads:,} leads    {board_ms:7.1f} ms")
        target = f"(target <= {OPEN_TARGET_RATIO})"
        print(f"  ratio                        {ratio:7.2f}  {target}  {verdict}")

        times = asyncio.run(key_times(db, options.presses))
        print(f"\nKey handled and re-rendered, {options.leads:,} leads (ms):")
        base = statistics.median(times["(Pilot round trip: a key bound to nothing)"])
        print(f"  {'key':<42} {'median':>7} {'p95':>7} {'net':>7}")
        for label, values in times.items():
            values.sort()
            median = statistics.median(values)
            p95 = values[max(int(len(values) * 0.95) - 1, 0)]
            print(f"  {label:<42} {median:7.1f} {p95:7.1f} {median - base:7.1f}")


if __name__ == "__main__":
    main()
