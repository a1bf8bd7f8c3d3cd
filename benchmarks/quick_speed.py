"""Time the quick line's reading and the message templates, in this process, at 1,000,000 leads.

Run: python benchmarks/quick_speed.py [--leads 1000000] [--db PATH] [--repeats 5]

`--db PATH` takes an existing demo file instead of building one (with `leadboard demo`,
like the other scripts). It is only read: nothing here logs or saves (opening it
migrates an older schema, as leadboard itself would, so give it a copy of a file
that must stay as it is).

- Quick line: `actions.quick.plan_quick` (what the board's `:` line runs for its
  preview after a key, on a worker, and what `leadboard quick` runs once) for lines
  naming the lead every way a rep does, warm, median of --repeats calls each. The
  baseline of the same run is `store.get(LEAD)`, one indexed read. The preview runs
  off the UI thread, so the budget is not one frame (16 ms) but a 50 ms "preview
  budget": the summary then follows the typing without a visible lag.
- Templates: `TemplateLibrary.message` per call (microseconds), with no files
  (leadboard's words), with the rep's file present (a stat per call, the file
  parsed once), and with the file changed before each call (read and parsed again).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pendulum

from leadboard.actions.quick import QuickPlan, QuickProblem, plan_quick
from leadboard.config import Config
from leadboard.domain.model import Channel, Lead, Status
from leadboard.domain.templates import channel_kind
from leadboard.domain.text import clipped
from leadboard.message_templates import TemplateLibrary, template_name, write_defaults
from leadboard.store.database import open_database
from leadboard.store.errors import LeadNotFound
from leadboard.store.leads import LeadStore

PREVIEW_BUDGET_MS = 50.0
LEAD = 5000
"""The lead the id line and the selected lead use (the middle lead of a smaller demo)."""
NAME_TRIES = 2000
"""Leads tried, from LEAD on, for a name the quick line resolves to that one lead."""
TEMPLATE_CALLS = 2000
"""Calls per timed run of a template: each takes microseconds."""

Timed = Callable[[], object]


def build_demo(db: Path, leads: int, scratch: Path) -> None:
    """A demo file made as a rep makes one: `leadboard demo` in its own process."""
    env = {**os.environ, "LEADBOARD_CONFIG": str(scratch / "none.toml")}
    env.pop("LEADBOARD_NOW", None)
    argv = [sys.executable, "-m", "leadboard", "--db", str(db), "demo", "--leads", str(leads)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"demo failed: {done.stderr.strip()}")


def demo_arguments(description: str | None, repeats: int) -> argparse.Namespace:
    """The options every demo-file script takes: --leads, --db, --repeats."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--leads", type=int, default=1_000_000, help="demo leads (1,000,000)")
    parser.add_argument("--db", type=Path, help="an existing demo file (read, never written)")
    parser.add_argument("--repeats", type=int, default=repeats, help="calls per figure (median)")
    return parser.parse_args()


@contextmanager
def demo_store(db: Path | None, leads: int, name: str) -> Iterator[tuple[LeadStore, Path, Path]]:
    """A store on `db`, or on a demo file of `leads` built as `name`; with the file and scratch."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        os.environ["LEADBOARD_CONFIG"] = str(scratch / "none.toml")
        if db is None:
            db = scratch / name
            build_demo(db, leads, scratch)
        config = Config()
        store = LeadStore(open_database(str(db)), config.policy, me=config.owner)
        try:
            yield store, db, scratch
        finally:
            store.close()


def median_ms(call: Timed, repeats: int) -> float:
    """The median milliseconds of one call, warm (a first call is made and not counted)."""
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def median_us_per_call(call: Timed, repeats: int, before: Timed | None = None) -> float:
    """The median microseconds per call over --repeats runs of TEMPLATE_CALLS calls each.

    `before` runs ahead of each call, outside the time (a file's change).
    """
    call()
    runs = []
    for _ in range(repeats):
        spent = 0.0
        for _ in range(TEMPLATE_CALLS):
            if before is not None:
                before()
            start = time.perf_counter()
            call()
            spent += time.perf_counter() - start
        runs.append(spent / TEMPLATE_CALLS * 1e6)
    return statistics.median(runs)


def middle_id(store: LeadStore) -> int:
    """LEAD, or in a demo too small for it, the first lead's id from halfway through the ids."""
    last = int(store.count())  # demo ids run from 1 with no gaps
    for lead_id in itertools.chain((LEAD,), range(max(1, (last + 1) // 2), last + 1)):
        try:
            store.get(lead_id)
        except LeadNotFound:
            continue
        return lead_id
    raise SystemExit("the demo has no lead to time")


def unique_name_line(store: LeadStore, first_id: int, tail: str) -> tuple[Lead, str] | None:
    """A line naming one lead by its full name and one company word, which finds only it.

    Tried lead by lead from `first_id` on (plain-letter names, so the line reads the same
    in a shell), each company word in turn; checked by plan_quick itself, not guessed.
    """
    config = Config()
    now = pendulum.now("UTC")
    for lead_id in range(first_id, first_id + NAME_TRIES):
        try:
            lead = store.get(lead_id)
        except LeadNotFound:
            continue
        if lead.status is not Status.ACTIVE or not _plain_words(lead.name):
            continue
        for word in lead.company.split():
            if len(word) < 3 or not _plain_words(word):
                continue
            line = f"{lead.name} {word} {tail}"
            plan = plan_quick(store, line, now, config.policy, config.date_reading)
            if isinstance(plan, QuickPlan) and plan.lead.id == lead.id:
                return lead, line
    return None


def _plain_words(text: str) -> bool:
    """True for words of plain ASCII letters only: no quote or sign a shell would need escaped."""
    return bool(text.split()) and all(w.isascii() and w.isalpha() for w in text.split())


def outcome(found: QuickPlan | QuickProblem) -> str:
    """What the line came to, short: the lead it names, or why it cannot be logged."""
    if isinstance(found, QuickPlan):
        return f"#{found.lead.id} {clipped(found.lead.name, 24)}"
    text = found.heading or found.message
    return clipped(text, 42)


def quick_lines(store: LeadStore, lead_id: int) -> list[tuple[str, str, Lead | None]]:
    """(what it shows, the line, the selected lead) for every way of naming a lead."""
    lines: list[tuple[str, str, Lead | None]] = [
        ("common first name", "emma call talked +3d send the quote", None),
        ("full name (common)", "emma hughes vm", None),
    ]
    unique = unique_name_line(store, lead_id, "vm fri")
    if unique is not None:
        lines.append(("full name + company word (unique)", unique[1], None))
    lines += [
        ("accent-folded name", "zoe vm", None),
        ("rare surname", "suzuki vm", None),
        ("2-letter name (no index)", "li vm", None),
        ("unknown name", "zzqx vm", None),
        ("lead by id", f"#{lead_id} talked", None),
        ("no name: the selected lead", "call talked +3d", store.get(lead_id)),
    ]
    return lines


def time_quick(store: LeadStore, lead_id: int, repeats: int) -> None:
    """Print each line's median against the baseline and the preview budget."""
    config = Config()
    policy, reading = config.policy, config.date_reading
    now = pendulum.now("UTC")
    base = median_ms(lambda: store.get(lead_id), repeats)
    print(f"\nquick line: plan_quick, warm, median of {repeats} calls")
    print(f"  {'line':<34} {'ms':>8} {'× get':>8}  {'comes to':<42}  preview < 50 ms")
    print(f"  {f'store.get({lead_id}) (baseline)':<34} {base:8.3f} {1:8.1f}")
    worst = 0.0
    for label, line, selected in quick_lines(store, lead_id):

        def plan(line: str = line, selected: Lead | None = selected) -> QuickPlan | QuickProblem:
            return plan_quick(store, line, now, policy, reading, selected=selected)

        ms = median_ms(plan, repeats)
        worst = max(worst, ms)
        verdict = "ok" if ms < PREVIEW_BUDGET_MS else "OVER"
        print(f"  {label:<34} {ms:8.2f} {ms / base:8.1f}  {outcome(plan()):<42}  {verdict}")
        print(f"    {clipped(line, 70)!r}")
    print(f"  slowest line: {worst:.2f} ms (preview budget {PREVIEW_BUDGET_MS:.0f} ms)")


def toucher(path: Path) -> Timed:
    """A call that gives the file a new mtime each time: the library reads and parses it again."""
    stamp = [path.stat().st_mtime_ns]

    def touch() -> None:
        stamp[0] += 1000
        os.utime(path, ns=(stamp[0], stamp[0]))

    return touch


def time_templates(lead: Lead, scratch: Path, repeats: int) -> None:
    """Print TemplateLibrary.message per call: shipped words, a rep's file, a file just changed."""
    config = Config()
    sequence = config.sequence
    none = TemplateLibrary(scratch / "no-templates", sequence)
    folder = scratch / "templates"
    write_defaults(folder, sequence)
    own = TemplateLibrary(folder, sequence)
    print(f"\ntemplates: TemplateLibrary.message, median of {repeats} runs of {TEMPLATE_CALLS:,}")
    print(f"  {'case':<52} {'µs/call':>8}  source")
    step = sequence.shown_step(lead.sequence_step)
    for channel in (Channel.CALL, Channel.EMAIL):
        touch = toucher(folder / template_name(step, channel_kind(channel)))
        for case, library, before in (
            ("no files (leadboard's words)", none, None),
            ("the rep's file present", own, None),
            ("the rep's file changed before each call", own, touch),
        ):

            def message(library: TemplateLibrary = library, channel: Channel = channel) -> str:
                return library.message(
                    lead, channel, my_name=config.owner, signature=config.signature
                ).source

            us = median_us_per_call(message, repeats, before)
            source = "file" if message() != "default" else "default"
            label = f"{channel.value}, {case}"
            print(f"  {label:<52} {us:8.1f}  {source}")


def main() -> None:
    """Get a demo file, time the quick line and the templates, print plain tables."""
    options = demo_arguments(__doc__, repeats=5)
    with demo_store(options.db, options.leads, "quick.db") as (store, db, scratch):
        lead_id = middle_id(store)
        print(
            f"{store.count():,} leads in {db.name}, lead #{lead_id}; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        time_quick(store, lead_id, options.repeats)
        time_templates(store.get(lead_id), scratch, options.repeats)


if __name__ == "__main__":
    main()
