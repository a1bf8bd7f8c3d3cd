"""The stats screen: big numbers and bar charts of what works, and how to open it from the board."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from pendulum import DateTime
from rich.console import RenderableType
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label
from textual.worker import Worker, get_current_worker

from leadboard.config import Config
from leadboard.domain.dates import format_local
from leadboard.domain.stats import DEFAULT_WEEKS, UNKNOWN_SOURCE, Conversion, Stats, rate_text
from leadboard.domain.text import clipped
from leadboard.domain.wording import counted, number
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore
from leadboard.ui.widgets.charts import (
    BarRow,
    Chart,
    ChartStyles,
    HBarChart,
    NumberBoxes,
    WeekChart,
)

WIDE = 120
"""From this width the numbers sit in one row and the charts in two columns."""


def conversion_rows(groups: list[tuple[str, Conversion]]) -> list[BarRow]:
    """Bars of the share won, with 'won of closed' beside each."""
    return [
        BarRow(
            label,
            c.rate,
            rate_text(c.rate),
            f"{number(c.won)} of {number(c.closed)}" if c.closed else "",
        )
        for label, c in groups
    ]


def big_numbers(stats: Stats) -> list[tuple[str, str, str]]:
    """(title, value, caption) of the six figures at the top."""
    median = stats.median_days_to_conversion
    streak = stats.sessions.streak_weeks
    return [
        (
            "Conversion",
            rate_text(stats.overall.rate),
            f"won of {number(stats.overall.closed)} closed",
        ),
        ("Median to win", "-" if median is None else f"{median:,.1f} days", "created to won"),
        ("Overdue", number(stats.overdue), "leads past due"),
        ("Follow-up debt", f"{stats.followup_debt_days:,.1f} days", "sum of days overdue"),
        ("Streak", counted(streak, "week"), "with a session"),
        (
            "Sessions",
            f"{number(stats.sessions.this_week)} this week",
            f"{number(stats.sessions.total)} in all",
        ),
    ]


class StatsScreen(Screen[None]):
    """Figures and charts of the metrics in PRODUCT.md section 2; escape or q goes back."""

    CSS_PATH = Path(__file__).with_name("stats.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, stats: Stats, *, name: str | None = None, id: str | None = None) -> None:
        """`stats` is the plain data the screen shows; it never reads the store."""
        super().__init__(name=name, id=id)
        self.stats = stats

    def compose(self) -> ComposeResult:
        """Title line, then the numbers and charts in a scrolling body, then the footer."""
        yield Label(self._title(), id="stats-title", markup=False)
        weeks = "last " + counted(self.stats.weeks, "week")
        with VerticalScroll(id="stats-body"):
            boxes = big_numbers(self.stats)
            yield Chart(lambda styles: NumberBoxes(boxes, styles), id="stats-numbers")
            with Horizontal(id="stats-charts"):
                with Vertical(classes="stats-column"):
                    yield self._section(f"Touches per week ({weeks})", "touches")
                    yield self._section("Conversion by source (won of closed)", "source")
                with Vertical(classes="stats-column"):
                    yield self._section("Conversion by temperature at creation", "temperature")
                    yield self._section("Reply rate by channel (replies of contacts)", "channel")
                    yield self._section(f"Leads moved ({weeks})", "moves")
        yield Footer()

    def on_mount(self) -> None:
        """Lay out for the width and focus the body so arrows and page keys scroll it."""
        self._fit(self.app.size.width)
        self.query_one("#stats-body").focus()

    def on_resize(self, event: events.Resize) -> None:
        """Switch between one column and two as the terminal changes size."""
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """Two columns of charts and one row of numbers from WIDE columns on."""
        self.set_class(width >= WIDE, "wide")

    def _title(self) -> str:
        """'Stats as of Mon 23 Nov 09:00 (Europe/Paris)'."""
        when = format_local(self.stats.now, self.stats.tz, now=self.stats.now)
        return f"Stats as of {when} ({self.stats.tz}); weeks run Monday to Sunday"

    def _section(self, title: str, kind: str) -> Chart:
        """One chart in its titled border (the chart is its own box: fewer widgets to lay out)."""
        chart = Chart(self._builder(kind), classes=f"stats-section {kind}")
        chart.border_title = title
        return chart

    def _builder(self, kind: str) -> Callable[[ChartStyles], RenderableType]:
        """The function that draws one chart in the styles its widget resolves."""
        stats = self.stats
        if kind == "touches":
            weeks = [(week.week_start, week.touches) for week in stats.touches_per_week]
            return lambda styles: WeekChart(weeks, styles)
        if kind == "source":
            groups = [
                (source, c)
                for source, c in stats.by_source.items()
                if source != UNKNOWN_SOURCE or c.closed
            ]
            rows = conversion_rows([(s.replace("_", " "), c) for s, c in groups])
            return lambda styles: HBarChart(rows, styles)
        if kind == "temperature":
            rows = conversion_rows([(t.value, c) for t, c in stats.by_temperature.items()])
            return lambda styles: HBarChart(rows, styles)
        if kind == "channel":
            rows = [
                BarRow(c.channel.value, c.reply_rate, rate_text(c.reply_rate),
                       f"{number(c.replies)} of {number(c.contacts)}")
                for c in stats.channels
                if c.contacts
            ]  # fmt: skip
            return lambda styles: HBarChart(rows, styles, empty="No contacts logged yet.")
        top = max(stats.warmed.in_window, stats.cooled.in_window)
        rows = [
            BarRow(word, moves.in_window / top if top else 0.0, number(moves.in_window),
                   f"({number(moves.all_time)} all time)")
            for word, moves in (("warmed", stats.warmed), ("cooled", stats.cooled))
        ]  # fmt: skip
        return lambda styles: HBarChart(rows, styles)

    def action_scroll(self, direction: int) -> None:
        """Scroll the body a line (j and k, for those who never leave the home row)."""
        body = self.query_one("#stats-body", VerticalScroll)
        body.scroll_relative(y=direction, animate=False)

    def action_close(self) -> None:
        """Back to where the stats were opened from."""
        self.dismiss(None)


def open_stats(
    app: App[Any],
    store: LeadStore,
    config: Config,
    clock: Callable[[], DateTime],
    weeks: int = DEFAULT_WEEKS,
) -> Worker[None]:
    """Count the stats in a thread worker, then push StatsScreen; the UI keeps answering keys.

    Pressing the key again while counting replaces the count under way, and an
    error (a locked or broken database) becomes a notification instead of a crash.
    """
    now, tz = clock(), config.timezone

    def count() -> None:
        worker = get_current_worker()
        try:
            stats = store.stats(now, tz, weeks)
        except Exception as err:
            # A key that does nothing is worse than a message: say what went wrong.
            message = str(err) if isinstance(err, StoreError) else f"{type(err).__name__}: {err}"
            app.call_from_thread(
                app.notify,
                clipped(message, 200, mark=""),
                title="Stats",
                severity="error",
                markup=False,
            )
            return
        if not worker.is_cancelled:
            app.call_from_thread(_show, app, stats)

    return app.run_worker(count, thread=True, group="stats", exclusive=True, exit_on_error=False)


def _show(app: App[Any], stats: Stats) -> None:
    """Push the screen on the UI thread, unless the stats are already on top."""
    if not isinstance(app.screen, StatsScreen):
        app.push_screen(StatsScreen(stats))
