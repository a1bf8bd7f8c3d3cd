"""Time `leadboard import` of a 100,000-row CSV as a real process, and show its memory stays flat.

Run: python benchmarks/import_speed.py [--rows 100000 300000] [--keep DIR]
Each size gets a fresh database; the CSV is Salesforce-shaped (names, company,
email, phone, rating, source, description, created date), with 1% of rows
repeating an earlier email so the dedupe path is exercised. Peak memory is the
child's own ru_maxrss (os.wait4), beside `leadboard list` on an empty database
as the floor every command pays for Python and its imports.

The search index's cost: each size is imported a second time, in the same run,
into a file whose lead_search triggers are dropped (so nothing is indexed), and
the two times and file sizes are compared.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from leadboard.store.database import open_database

TARGET_SECONDS = 10.0
FIRST = ("Ann", "Bob", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Inès", "José")
LAST = ("Lee", "Martin", "Nakamura", "O'Brien", "Petit", "Quinn", "Rossi", "Schmidt", "Tanaka")
RATINGS = ("Hot", "Warm", "Cold", "")
SOURCES = ("Web", "Partner Referral", "Trade Show", "Purchased List", "Phone Inquiry")


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A Salesforce-shaped lead export with `rows` data rows."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "Company",
                "Title",
                "Email",
                "Phone",
                "Rating",
                "Lead Source",
                "Description",
                "Created Date",
                "Street",
            ]
        )
        for number in range(rows):
            # 1% of rows repeat an earlier lead's email: duplicates to find and skip.
            twin = (
                number - 1 - rng.randrange(max(number, 1))
                if number and rng.random() < 0.01
                else number
            )
            writer.writerow(
                [
                    FIRST[number % len(FIRST)],
                    f"{LAST[number % len(LAST)]} {number}",
                    f"Company {number // 3}, Inc.",
                    "Buyer",
                    f"lead{twin}@example.com",
                    f"+33 6 {number // 10000:02d} {number // 100 % 100:02d} {number % 100:02d} 00",
                    RATINGS[number % len(RATINGS)],
                    SOURCES[number % len(SOURCES)],
                    f"Met at the fair.\nWants a quote, item {number}.",
                    f"2026-0{1 + number % 9}-1{number % 10}T09:30:00.000Z",
                    f"{number} Main Street",
                ]
            )


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run leadboard once: wall seconds, the child's CPU seconds and its peak memory in MiB."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "leadboard", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    out, err = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"leadboard {' '.join(args)} failed: {err.decode().strip()}")
    last = out.decode().strip().splitlines()[0] if out.strip() else ""
    print(f"    {last[:110]}")
    # Linux reports ru_maxrss in KiB. CPU time is shown beside wall time because on a
    # shared machine the wall clock also counts other processes' turns.
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def slow(cpu: float) -> str:
    """Why an import missed its target: its own CPU, or waiting for a core under other load."""
    if cpu >= TARGET_SECONDS:
        return f"SLOW: {cpu:.1f} s of its own CPU"
    load = os.getloadavg()[0]
    return f"SLOW: {cpu:.1f} s CPU; it waited for a core (load average {load:.1f})"


def database_bytes(path: Path) -> int:
    """The file's size with its WAL folded in (a checkpoint first)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return path.stat().st_size


def without_search_index(path: Path) -> None:
    """A fresh database whose search index is never written: its triggers dropped."""
    open_database(str(path)).close()
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'lead_search%'"
            )
        ]
        for name in names:
            connection.execute(f'DROP TRIGGER "{name}"')
        connection.commit()
    finally:
        connection.close()


def main() -> None:
    """Generate the files, import each into a fresh database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--keep", type=Path, help="write the CSVs and databases here")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env["LEADBOARD_CONFIG"] = str(folder / "none.toml")
        env.pop("LEADBOARD_NOW", None)
        env["LEADBOARD_DB"] = str(folder / "empty.db")
        # `list` refuses a database that does not exist; make the empty one first.
        open_database(env["LEADBOARD_DB"]).close()
        _, _, floor = run(["list"], env)
        print(f"floor: `leadboard list` on an empty database peaks at {floor} MiB\n")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        print(
            f"{'rows':>9}  {'import s':>8}  {'cpu s':>6}  {'peak MiB':>8}  "
            f"{'dry-run s':>9}  {'cpu s':>6}  {'peak MiB':>8}"
        )
        for rows in options.rows:
            csv_path = folder / f"leads-{rows}.csv"
            write_csv(csv_path, rows)
            env["LEADBOARD_DB"] = str(folder / f"import-{rows}.db")
            dry_s, dry_cpu, dry_mib = run(["import", str(csv_path), "--dry-run"], env)
            seconds, cpu, mib = run(["import", str(csv_path)], env)
            mark = "ok" if seconds < TARGET_SECONDS or rows > 100_000 else slow(cpu)
            print(
                f"{rows:>9,}  {seconds:>8.2f}  {cpu:>6.2f}  {mib:>8}  "
                f"{dry_s:>9.2f}  {dry_cpu:>6.2f}  {dry_mib:>8}  {mark}"
            )
        print(f"\ntarget: 100,000 rows in < {TARGET_SECONDS:.0f} s; memory flat as rows grow")

        print("\nthe search index's cost (the same import into a file without its triggers)")
        print(
            f"{'rows':>9}  {'indexed s':>9}  {'cpu s':>6}  {'not s':>6}  {'cpu s':>6}  "
            f"{'cost':>6}  {'file MB':>7}  {'not MB':>6}"
        )
        for rows in options.rows:
            csv_path = folder / f"leads-{rows}.csv"
            plain = folder / f"plain-{rows}.db"
            indexed = folder / f"indexed-{rows}.db"
            for path in (plain, indexed):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            without_search_index(plain)
            # Alternated, indexed first then not, so a burst of other load hits both alike.
            env["LEADBOARD_DB"] = str(indexed)
            with_s, with_cpu, _ = run(["import", str(csv_path)], env)
            env["LEADBOARD_DB"] = str(plain)
            without_s, without_cpu, _ = run(["import", str(csv_path)], env)
            sizes = [database_bytes(path) / 1e6 for path in (indexed, plain)]
            print(
                f"{rows:>9,}  {with_s:>9.2f}  {with_cpu:>6.2f}  {without_s:>6.2f}  "
                f"{without_cpu:>6.2f}  {with_cpu / without_cpu - 1:>+6.0%}  "
                f"{sizes[0]:>7.1f}  {sizes[1]:>6.1f}"
            )
        print("cost: CPU time with the index over CPU time without it")


if __name__ == "__main__":
    main()
