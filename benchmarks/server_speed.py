"""PostgreSQL beside SQLite at 1,000,000 leads: the board's reads, its first frame, the commands.

Run: python benchmarks/server_speed.py --sqlite FILE --pg URL [--vacuum] [--claim]
         [--runs 9] [--cli-runs 5]
     python benchmarks/server_speed.py --leads 20000 [--server URL]

With --sqlite and --pg two existing demo databases are compared (the file is opened, and
migrated, before anything is timed; `log` adds contacts to both). With --leads both are
built by `leadboard demo` in a scratch folder and a scratch schema (vacuumed), dropped after.

The server is read two ways: everyone's leads (`--all`: the same leads as the file) and the
rep's own (a team's default, through the owner's board index). A demo made before owners
gave its leads to nobody, so the rep would see none: --claim gives them to the rep first.

- The store's reads, in this process, the three in turn (the order reversed every other
  run), medians of --runs: what the first frame reads (kept counts, a page of each column,
  the due overview and the panel's due list), a page at the top of a column and halfway
  down it (by OFFSET, and after a lead as the board scrolls), the due list and the
  session's queue, and the filter (each column's first matches, then every match counted)
  for a lead's name, its company, its phone and `ing`. Baseline: a `SELECT 1` round trip.
- The first frame: the board in a fresh process, headless at 160x45, from the process's
  first line to Textual's Ready, against an empty Textual app started the same way.
- `due`, `list` and `log` as real processes, against `leadboard --version`.
- EXPLAIN (ANALYZE) on the server of the column page, the due list and the session's queue,
  both ways: each plan's top node and its scans (an index-only scan's heap fetches say
  whether the table's pages had to be read too).
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, from anywhere
from benchmarks.server_bench import (
    DEV_SERVER,
    bench_env,
    build_demo,
    claim,
    one,
    owners,
    scratch_schema,
    vacuum,
)
from benchmarks.server_plans import plans
from benchmarks.server_timing import (
    LEAD,
    PAGE,
    PANEL,
    ROWS,
    SERVER_ALL,
    SERVER_OWN,
    SQLITE,
    Row,
    commands,
    first_frame,
    in_turn,
    log,
    timed,
)

if TYPE_CHECKING:
    from pendulum import DateTime

    from leadboard.domain.model import Lead, Temperature
    from leadboard.store.leads import LeadStore
    from leadboard.store.search_hits import SearchHits


# -- the store's reads -------------------------------------------------------------------------


@dataclass
class Side:
    """One side's store and what its figures read."""

    store: LeadStore
    column: Temperature
    """The biggest column: its pages are timed."""
    half: int
    deep: Lead
    """The lead halfway down that column: a deep page is read after it."""


def side(store: LeadStore) -> Side:
    """The side's biggest column and the lead halfway down it."""
    counts = store.counts()
    column = max(counts, key=lambda temperature: counts[temperature])
    half = counts[column] // 2
    return Side(store, column, half, store.page(column, half, 1)[0])


def first_frame_reads(store: LeadStore, now: DateTime, horizon: DateTime) -> None:
    """What the board reads for its first frame: counts, each column's page, due overview, panel."""
    from leadboard.domain.model import TEMPERATURES

    store.counts()
    for temperature in TEMPERATURES:
        store.page(temperature, 0, PAGE)
    store.due_overview(now, horizon)
    store.due(horizon, limit=PANEL)


def filter_texts(sqlite_file: str) -> list[tuple[str, str]]:
    """(what it is, text): a lead's name, its company, its phone's last 7 digits, and `ing`."""
    with sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM lead").fetchone()
        row = connection.execute(
            "SELECT name, company, phone FROM lead WHERE status = 'active' AND phone != '' "
            "AND company != '' ORDER BY id LIMIT 1 OFFSET ?",
            (min(4321, count // 3),),
        ).fetchone()
    texts = [("broad", "ing")]
    if row is not None:
        name, company, phone = row
        digits = re.sub(r"\D", "", phone)[-7:]
        texts[:0] = [("name", name), ("company", company), ("phone", digits)]
    return texts


def store_reads(sides: dict[str, Side], texts: list[tuple[str, str]], runs: int) -> None:
    """Every in-process figure, the sides taking turns."""
    import pendulum

    from leadboard.domain.followup import end_of_local_day

    now = pendulum.now("UTC")
    horizon = end_of_local_day(now, sides[SQLITE].store.policy.tz)

    def add(figure: str, read: Callable[[Side], object], note: str = "") -> None:
        log(f"reads: {figure}")
        calls = {name: timed(_bound(read, s)) for name, s in sides.items()}
        ROWS.append(Row(figure, in_turn(runs, calls), note=note))

    add("round trip: SELECT 1 (baseline)", lambda s: one(s.store.db, "SELECT 1"))
    add(
        "first frame's reads: counts, 4 pages, due overview, panel",
        lambda s: first_frame_reads(s.store, now, horizon),
    )
    add("column counts (kept)", lambda s: s.store.counts())
    add("due overview (status line)", lambda s: s.store.due_overview(now, horizon))
    add(f"a page of a column, top ({PAGE} leads)", lambda s: s.store.page(s.column, 0, PAGE))
    add(
        "a page halfway down, by OFFSET",
        lambda s: s.store.page(s.column, s.half, PAGE),
        note=_per_side(sides, lambda s: f"offset {s.half:,} in {s.column.value}"),
    )
    add("a page halfway down, after a lead (scrolling)", lambda s: s.store.page_after(s.deep, PAGE))
    add(f"due list (due, limit {PANEL})", lambda s: s.store.due(horizon, limit=PANEL))
    queue = _per_side(sides, lambda s: f"{len(s.store.due_ids(horizon)):,} ids")
    add("session queue (due_ids)", lambda s: s.store.due_ids(horizon), note=queue)
    for kind, text in texts:
        first, every = _filter_reads(text, horizon)
        found = _per_side(sides, _counting(every))
        add(f"filter, {kind} {text!r}: first matches", first)
        add(f"filter, {kind} {text!r}: every match counted", every, note=found)


def _filter_reads(
    text: str, horizon: DateTime
) -> tuple[Callable[[Side], SearchHits], Callable[[Side], SearchHits]]:
    """A filter's two reads for one text: each column's first matches, and every match."""
    return (
        lambda s: s.store.first_hits(text, PAGE),
        lambda s: s.store.search_hits(text, horizon),
    )


def _counting(every: Callable[[Side], SearchHits]) -> Callable[[Side], str]:
    """How many matches a side's every-match read finds, said in words."""
    return lambda s: _matches(every(s))


def _bound(read: Callable[[Side], object], s: Side) -> Callable[[], object]:
    """The read of one side (a closure per side, not the loop's last)."""
    return lambda: read(s)


def _matches(hits: SearchHits) -> str:
    """How many active leads a filter text matches."""
    from leadboard.domain.model import TEMPERATURES
    from leadboard.domain.wording import counted

    return counted(sum(hits.count(t) for t in TEMPERATURES), "match", "matches")


def _per_side(sides: dict[str, Side], say: Callable[[Side], str]) -> str:
    """One text when every side says the same; else 'SQLite: …; PostgreSQL, own: …'."""
    said = {name: say(s) for name, s in sides.items()}
    if len(set(said.values())) == 1:
        return next(iter(said.values()))
    return "; ".join(f"{name}: {text}" for name, text in said.items())


# -- the table ---------------------------------------------------------------------------------


def cell(ms: float | None, base: float | None) -> str:
    """'0.045', '12.3', '284', or '284 (2.17×)' against a baseline."""
    if ms is None:
        return "-"
    digits = 3 if ms < 1 else 2 if ms < 10 else 1 if ms < 100 else 0
    shown = f"{ms:.{digits}f}"
    return f"{shown} ({ms / base:.2f}×)" if base else shown


def print_table(leads: dict[str, int]) -> None:
    """The side-by-side table, in Markdown: ms on each side and the server's ratios to the file."""
    seen = ", ".join(f"{name} {n:,}" for name, n in leads.items())
    print(f"\nactive leads seen: {seen}; medians, ms")
    print(f"| figure | {SQLITE} | {SERVER_ALL} | ÷ {SQLITE} | {SERVER_OWN} | ÷ {SQLITE} | |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in ROWS:
        base = row.baseline or {}
        lite = row.times[SQLITE]
        cells = [cell(lite, base.get(SQLITE))]
        for name in (SERVER_ALL, SERVER_OWN):
            ms = row.times[name]
            cells += [cell(ms, base.get(name)), f"{ms / lite:.2f}×" if lite else "-"]
        print(f"| {row.figure} | {' | '.join(cells)} | {row.note} |")


# -- the databases -----------------------------------------------------------------------------


@contextmanager
def databases(
    options: argparse.Namespace, scratch: Path, env: dict[str, str]
) -> Iterator[tuple[str, str]]:
    """(file, server URL): the ones named, or demos of --leads in scratch places."""
    if options.leads is None:
        if not (options.sqlite and options.pg):
            raise SystemExit("give --sqlite FILE and --pg URL, or --leads N to build both")
        yield options.sqlite, options.pg
        return
    server = options.server or os.environ.get("LEADBOARD_TEST_PG") or DEV_SERVER
    with scratch_schema(server) as url:
        file = str(scratch / "bench.db")
        for name, target in ((SQLITE, file), ("PostgreSQL", url)):
            seconds = build_demo(target, options.leads, env)
            print(f"demo --leads {options.leads:,} on {name}: {seconds:.1f} s")
        options.claim = options.vacuum = True
        yield file, url


def open_sides(file: str, url: str, options: argparse.Namespace) -> dict[str, LeadStore]:
    """The three stores, opened (the file migrated) before anything is timed."""
    from leadboard.config import Config
    from leadboard.store.database import open_database
    from leadboard.store.leads import LeadStore

    config = Config()
    me = config.owner
    held = owners(url)
    if held.get(me, 0) == 0 and held.get("", 0):
        if not options.claim:
            raise SystemExit(
                f"the server's {held['']:,} active leads belong to nobody, so {me} would see "
                "none of them: run again with --claim to give them to you"
            )
        log(f"claiming the server's leads for {me}")
        print(f"gave {claim(url, me):,} leads that belonged to nobody to {me} (and vacuumed)")
    elif options.vacuum:
        log("vacuuming the server's tables")
        vacuum(url)
    stores: dict[str, LeadStore] = {}
    for name, target in ((SQLITE, file), (SERVER_ALL, url), (SERVER_OWN, url)):
        started = time.perf_counter()
        store = LeadStore(open_database(target), config.policy, me=me)
        if name == SERVER_OWN:
            store.owner = store.me  # the rep's own leads, as the board and `due` show them
        if time.perf_counter() - started > 1:
            print(f"{name} opened (migrated) in {time.perf_counter() - started:.1f} s, not timed")
        stores[name] = store
    return stores


def where(stores: dict[str, LeadStore]) -> None:
    """Say what is compared: the engines' versions, and that the server is on loopback."""
    import psycopg

    server = stores[SERVER_ALL].db
    version = one(server, "SHOW server_version")
    host = one(server, "SELECT inet_server_addr()")
    vacuumed = one(
        server,
        "SELECT COALESCE(GREATEST(last_vacuum, last_autovacuum)::text, 'never') "
        "FROM pg_stat_user_tables WHERE relid = 'lead'::regclass",
    )
    lite = one(stores[SQLITE].db, "SELECT sqlite_version()")
    print(
        f"SQLite {lite} in this process (a WAL file); PostgreSQL {version} at {host}: "
        f"loopback TCP on the same machine (psycopg {psycopg.__version__}); "
        f"lead table last vacuumed: {vacuumed}"
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    """Open or build both databases, measure, print the table and the plans."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sqlite", help="an existing demo file (written to: `log` adds contacts)")
    parser.add_argument("--pg", help="an existing demo database on a server, by URL")
    parser.add_argument("--claim", action="store_true", help="give leads of nobody to you first")
    parser.add_argument("--vacuum", action="store_true", help="VACUUM (ANALYZE) the server first")
    parser.add_argument("--leads", type=int, help="build both demos of N leads in scratch places")
    parser.add_argument("--server", help=f"where --leads makes its schema ({DEV_SERVER})")
    parser.add_argument("--runs", type=int, default=9, help="runs of each store read (median)")
    parser.add_argument("--cli-runs", type=int, default=5, help="runs of each process (median)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        env = bench_env(scratch)
        os.environ["LEADBOARD_CONFIG"] = env["LEADBOARD_CONFIG"]
        os.environ.pop("LEADBOARD_NOW", None)
        with databases(options, scratch, env) as (file, url):
            stores = open_sides(file, url, options)
            try:
                where(stores)
                sides = {name: side(store) for name, store in stores.items()}
                leads = {name: sum(s.store.counts().values()) for name, s in sides.items()}
                store_reads(sides, filter_texts(file), options.runs)
                targets = {SQLITE: file, SERVER_ALL: url, SERVER_OWN: url}
                first_frame(targets, env, options.cli_runs)
                lead = min(LEAD, sides[SQLITE].store.count())
                commands(targets, env, options.cli_runs, lead)
                print_table(leads)
                for name in (SERVER_ALL, SERVER_OWN):
                    plans(stores[name], sides[name].column, sides[name].half)
            finally:
                for store in stores.values():
                    store.close()


if __name__ == "__main__":
    main()
