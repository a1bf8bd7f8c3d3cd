"""Time the commands at 100,000 leads and `demo` at 1,000,000: the figures the README quotes.

Run: python benchmarks/cli_speed.py [--leads 100000] [--demo-leads 1000000]
Each command runs as a real process (`python -m leadboard ...`), so Python start-up,
imports and the database open are all counted, as a rep would feel them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 0.3
LOG = ["log", "1", "--channel", "call", "--outcome", "talked"]
DEMO_TARGET_SECONDS = 60.0


def run(args: list[str], env: dict[str, str]) -> float:
    """Run one leadboard command; return its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "leadboard", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"leadboard {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def median_time(args: list[str], env: dict[str, str], repeats: int) -> float:
    """The median of several runs (the first warms the OS file cache)."""
    run(args, env)
    return statistics.median(run(args, env) for _ in range(repeats))


def main() -> None:
    """Build the databases, time the commands, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--demo-leads", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ)
        env["LEADBOARD_CONFIG"] = str(Path(scratch) / "none.toml")
        env["LEADBOARD_DB"] = str(Path(scratch) / "bench.db")
        env.pop("LEADBOARD_NOW", None)
        build = run(["demo", "--leads", str(options.leads)], env)
        print(f"demo --leads {options.leads:,}: {build:.1f} s (setup)")

        rows = [
            ("due", ["due"]),
            ("due --summary", ["due", "--summary"]),
            ("list", ["list"]),
            ("list --temp hot --overdue", ["list", "--temp", "hot", "--overdue"]),
            ("show 1", ["show", "1"]),
            ("log 1 --channel call --outcome talked", LOG),
        ]
        print(f"\nCommand at {options.leads:,} leads (median of {options.repeats})   seconds")
        worst = 0.0
        for label, args in rows:
            seconds = median_time(args, env, options.repeats)
            worst = max(worst, seconds)
            mark = "ok" if seconds < TARGET_SECONDS else "SLOW"
            print(f"  leadboard {label:<40} {seconds:6.3f}  {mark}")
        print(f"  slowest: {worst:.3f} s (target < {TARGET_SECONDS} s)")

        if options.demo_leads:
            env["LEADBOARD_DB"] = str(Path(scratch) / "demo.db")
            seconds = run(["demo", "--leads", str(options.demo_leads)], env)
            mark = "ok" if seconds < DEMO_TARGET_SECONDS else "SLOW"
            print(
                f"\ndemo --leads {options.demo_leads:,}: {seconds:.1f} s "
                f"(target < {DEMO_TARGET_SECONDS:.0f} s)  {mark}"
            )
            size = Path(env["LEADBOARD_DB"]).stat().st_size / 1e6
            print(f"  database file: {size:,.0f} MB")


if __name__ == "__main__":
    main()
