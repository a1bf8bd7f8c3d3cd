"""Time a column's page in every order the board offers, and its totals, at 1,000,000 leads.

Run: python benchmarks/column_orders_speed.py [--leads 1000000] [--db PATH] [--repeats 7]

`--db PATH` takes an existing demo file instead of building one (opening it migrates an
older schema, as leadboard itself would: give it a copy of a file that must stay as it
is). Nothing is written.

What the board does for each figure, read through the same code the board calls
(ui.filtered_board.FilteredBoard), warm, median of --repeats:

- a page of PAGE leads at the top of each column and OFFSET cards down it, in urgency
  order (the baseline: a range of the board index), by score, by last touched and by
  value (`b` on the board), and a closed column (`v`);
- the same by value under the filter `#TAG` (a tag in the search index);
- the four columns' counts and deal-value totals the titles show (kept by triggers).

Ratios are to the urgency page of the same column and depth, measured in this run.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, from anywhere
from benchmarks.quick_speed import demo_arguments, demo_store, median_ms
from leadboard.config import Config
from leadboard.domain.column_sort import ColumnSort
from leadboard.domain.model import TEMPERATURES, Status
from leadboard.store.column_sums import column_values
from leadboard.store.search_hits import read_hits
from leadboard.ui.filtered_board import FilteredBoard

PAGE = 24
"""Leads per page, as the board's columns read them (lead_column.PAGE_SIZE)."""
OFFSET = 5_000
"""How far down a column the deep page starts."""
TAG = "enterprise"
"""A tag the demo gives about one lead in twenty."""


def time_orders(board: FilteredBoard, repeats: int) -> None:
    """Every order's first and deep page, per column, against the urgency page."""
    print(f"\n{'column':8}{'order':>14}{'top ms':>10}{'x':>7}{'deep ms':>10}{'x':>7}")
    for temperature in reversed(TEMPERATURES):
        base: dict[int, float] = {}
        for sort in ColumnSort:
            board.sorts[temperature] = sort
            row = f"{temperature.value:8}{sort.value:>14}"
            for offset in (0, OFFSET):
                ms = median_ms(partial(board.page, temperature, offset, PAGE), repeats)
                base.setdefault(offset, ms)
                row += f"{ms:10.2f}{ms / base[offset]:7.1f}"
            print(row)
        board.sorts[temperature] = ColumnSort.URGENCY
        board.closed = True
        top = median_ms(partial(board.page, temperature, 0, PAGE), repeats)
        deep = median_ms(partial(board.page, temperature, OFFSET, PAGE), repeats)
        board.closed = False
        print(f"{'':8}{'closed':>14}{top:10.2f}{top / base[0]:7.1f}{deep:10.2f}")


def time_filtered(board: FilteredBoard, repeats: int) -> None:
    """A page by value under `#TAG`, against the same page in urgency order."""
    now = pendulum.now("UTC")
    board.show(read_hits(board.store.db, f"#{TAG}", now))
    hot = TEMPERATURES[-1]
    print(f"\nfilter #{TAG}: {sum(board.count(t) for t in TEMPERATURES):,} matches")
    urgency = median_ms(lambda: board.page(hot, 0, PAGE), repeats)
    board.sorts[hot] = ColumnSort.VALUE
    by_value = median_ms(lambda: board.page(hot, 0, PAGE), repeats)
    board.sorts[hot] = ColumnSort.URGENCY
    board.show(None)
    print(f"  hot page, urgency {urgency:.2f} ms; by value {by_value:.2f} ms ")
    print(f"  ({by_value / urgency:.1f}x: the matches are found again, then ordered)")


def time_totals(board: FilteredBoard, repeats: int) -> None:
    """The titles' counts and deal-value totals, both from the kept lead_count."""
    counts = median_ms(board.store.counts, repeats)
    values = median_ms(lambda: column_values(board.store, (Status.ACTIVE,)), repeats)
    print(f"\ncolumn counts {counts:.3f} ms; column value totals {values:.3f} ms")


def main() -> None:
    """Get a demo file and print the tables."""
    options = demo_arguments(__doc__, repeats=7)
    with demo_store(options.db, options.leads, "orders.db") as (store, db, _):
        board = FilteredBoard(store, Config(), lambda: pendulum.now("UTC"))
        board.refresh_counts()
        print(
            f"{store.count():,} leads in {db.name}; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        time_orders(board, options.repeats)
        time_filtered(board, options.repeats)
        time_totals(board, options.repeats)


if __name__ == "__main__":
    main()
