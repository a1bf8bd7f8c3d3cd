"""Time `demo` and the commands at 1,000,000 leads: the figures the README quotes.

Run: python benchmarks/cli_speed.py [--leads 1000000] [--repeats 5] [--keep DIR]
One demo database is built (and timed against its target), then each command runs
as a real process (`python -m leadboard ...`), so Python start-up, imports and the
database open are all counted, as a rep would feel them. Each figure is shown
beside a baseline measured in the same run: `python -c pass` and `leadboard
--version` (start-up and imports, no database). The file's size is split into the
search index (lead_search) and the rest, by SQLite's dbstat table.
With --keep DIR the demo file is kept there (as DIR/demo-N.db) and reused by the next run.
The quick line by a name uses a lead the quick line finds alone by its full name and
one company word, picked from lead 5000 on in the file itself, so each file gives
the same line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 0.3
DEMO_TARGET_SECONDS = 60.0
LEAD = "5000"
COMMANDS: list[tuple[list[str], bool]] = [
    # (arguments, held to TARGET_SECONDS): PRODUCT.md names due, list, log and show.
    (["due"], True),
    (["due", "--summary"], True),
    (["list"], True),
    (["list", "--temp", "hot"], True),
    (["list", "--search", "bakery"], True),
    (["list", "--overdue"], True),
    (["list", "--status", "won"], True),
    (["show", LEAD], True),
    (["log", LEAD, "--channel", "call", "--outcome", "talked"], True),
    # Issue 15: the quick line from a shell (a dry run: the file stays as it is) and a
    # lead's message. The quick line by a name is added once the file is there.
    (["quick", "--dry-run", f"#{LEAD} call talked +3d send the quote"], True),
    (["template", LEAD], True),
    (["stats"], False),
]
NAME_TAIL = "vm fri"
"""What the quick line by a name says after the name: a voicemail, next due Friday."""


def name_command(db: Path) -> list[str] | None:
    """`quick --dry-run "<full name> <company word> vm fri"` for a name the demo has once.

    Picked from lead LEAD on by the quick line's own reading (benchmarks.quick_speed), so
    the same file gives the same line; None when no lead near LEAD has such a name.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
    from benchmarks.quick_speed import unique_name_line
    from leadboard.config import Config
    from leadboard.store.database import open_database
    from leadboard.store.leads import LeadStore

    store = LeadStore(open_database(str(db)), Config().policy)
    try:
        found = unique_name_line(store, int(LEAD), NAME_TAIL)
    finally:
        store.close()
    return None if found is None else ["quick", "--dry-run", found[1]]


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run one command (leadboard's unless it starts with '-c'): wall and CPU seconds."""
    leadboard = [] if args[0] == "-c" else ["-m", "leadboard"]
    argv = [sys.executable, *leadboard, *args]
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv[1:])} failed: {err.decode().strip()}")
    # The child's figure includes the processes it waited for: the demo's data maker.
    return elapsed, usage.ru_utime + usage.ru_stime


def median_time(args: list[str], env: dict[str, str], repeats: int) -> float:
    """The median wall time of several runs (one run first warms the OS file cache)."""
    run(args, env)
    return statistics.median(run(args, env)[0] for _ in range(repeats))


DEMO = """
import resource, sys
from leadboard.cli.entry import main
code = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF)
made = resource.getrusage(resource.RUSAGE_CHILDREN)
print(own.ru_utime + own.ru_stime, made.ru_utime + made.ru_stime, file=sys.stderr)
sys.exit(code)
"""
"""`leadboard demo`, then the CPU seconds of its own process and of the one making the data."""


def build_demo(path: Path, leads: int, env: dict[str, str]) -> tuple[float, float, float] | None:
    """Build the demo file: wall seconds, CPU of the writer and of the data maker.

    None when a kept file has `leads` already.
    """
    if path.exists():
        with sqlite3.connect(path) as connection:
            if connection.execute("SELECT count(*) FROM lead").fetchone()[0] == leads:
                return None
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    argv = [sys.executable, "-c", DEMO, "--db", str(path), "demo", "--leads", str(leads)]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"demo failed: {done.stderr.strip()}")
    writer, maker = (float(part) for part in done.stderr.split()[-2:])
    return elapsed, writer, maker


def index_share(path: Path) -> tuple[int, int, str]:
    """Bytes of the file and of the search index (its FTS5 tables), and how they were found."""
    total = path.stat().st_size
    connection = sqlite3.connect(path)
    try:
        try:
            row = connection.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'lead\\_search%' ESCAPE '\\'"
            ).fetchone()
            return total, int(row[0] or 0), "dbstat"
        except sqlite3.OperationalError:
            pass  # no dbstat in this SQLite: measure a copy without the index instead
    finally:
        connection.close()
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        copy = Path(scratch) / "copy.db"
        shutil.copyfile(path, copy)
        connection = sqlite3.connect(copy)
        try:
            connection.execute("DROP TABLE lead_search")
            connection.execute("VACUUM")
        finally:
            connection.close()
        return total, total - copy.stat().st_size, "a copy without it, vacuumed"


def _shown(arg: str) -> str:
    """An argument as a shell would need it: quoted when it has spaces."""
    return f'"{arg}"' if " " in arg else arg


def verdict(seconds: float, target: float, start_up: float) -> str:
    """'ok', or 'SLOW' with where the time went: start-up, or the command's own work."""
    if seconds < target:
        return "ok"
    own = seconds - start_up
    return (
        f"SLOW: {own:.2f} s of it is the command's own work (its queries), "
        f"{start_up:.2f} s start-up"
    )


def demo_verdict(seconds: float, writer: float, load: float) -> str:
    """'ok', or 'SLOW' with why: the writer's own CPU, or waiting for a core under other load."""
    if seconds < DEMO_TARGET_SECONDS:
        return "ok"
    if writer >= DEMO_TARGET_SECONDS:
        return f"SLOW: writing and indexing alone took {writer:.0f} s of CPU"
    return (
        f"SLOW: the writer needed {writer:.0f} s of CPU; the other "
        f"{seconds - writer:.0f} s it waited for a core (load average {load:.1f} on "
        f"{os.cpu_count()} cores)"
    )


def main() -> None:
    """Build the demo database once, time the commands, print plain tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000, help="demo leads (1,000,000)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--keep", type=Path, help="keep the demo file in DIR and reuse it")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env["LEADBOARD_CONFIG"] = str(Path(scratch) / "none.toml")
        env.pop("LEADBOARD_NOW", None)
        db = folder / f"demo-{options.leads}.db"
        env["LEADBOARD_DB"] = str(db)
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")

        built = build_demo(db, options.leads, env)
        if built is None:
            print(f"demo --leads {options.leads:,}: kept file reused, not timed")
        else:
            seconds, writer, maker = built
            load = os.getloadavg()[0]
            print(
                f"demo --leads {options.leads:,}: {seconds:.1f} s wall "
                f"(target < {DEMO_TARGET_SECONDS:.0f} s)  {demo_verdict(seconds, writer, load)}"
            )
            print(
                f"  CPU: {writer:.1f} s writing and indexing (the critical path), "
                f"{maker:.1f} s making the data alongside in a second process; "
                f"load average after: {load:.1f}"
            )
        total, search, how = index_share(db)
        print(
            f"database file: {total / 1e6:,.0f} MB, of which the search index (lead_search) "
            f"{search / 1e6:,.0f} MB = {search / total:.0%} (by {how})"
        )

        print(f"\nmedian of {options.repeats} runs, whole process, at {options.leads:,} leads")
        python = median_time(["-c", "pass"], env, options.repeats)
        start_up = median_time(["--version"], env, options.repeats)
        print(f"  {'command':<66} {'seconds':>7}  {'× --version':>11}")
        print(f"  {'python -c pass':<66} {python:7.3f}  {python / start_up:11.2f}")
        print(f"  {'leadboard --version (baseline)':<66} {start_up:7.3f}  {1:11.2f}")
        commands = list(COMMANDS)
        named = name_command(db)
        if named is None:
            print(f"  (no lead from #{LEAD} on has a name the quick line finds alone: skipped)")
        else:
            at = next(i for i, (args, _) in enumerate(commands) if args[0] == "template")
            commands.insert(at, (named, True))
        worst = 0.0
        for args, held in commands:
            seconds = median_time(args, env, options.repeats)
            label = "leadboard " + " ".join(_shown(arg) for arg in args)
            mark = verdict(seconds, TARGET_SECONDS, start_up) if held else "(no target)"
            if held:
                worst = max(worst, seconds)
            print(f"  {label:<66} {seconds:7.3f}  {seconds / start_up:11.2f}  {mark}")
        print(f"  slowest with a target: {worst:.3f} s (target < {TARGET_SECONDS} s)")
        print("  (`log` adds a contact to lead 5000 each run: the file is the benchmark's own;")
        print("   `quick --dry-run` and `template` only read)")


if __name__ == "__main__":
    main()
