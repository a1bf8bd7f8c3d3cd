"""The stats screen: big numbers and bar charts of what works, and how to open it from the board."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from pendulum import DateTime
from rich.console import Group, RenderableType
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, LoadingIndicator
from textual.worker import Worker, get_current_worker

from leadboard.config import Config
from leadboard.domain.conversion import Conversion
from leadboard.domain.dates import format_local
from leadboard.domain.money import DEFAULT_CURRENCY, Currency, format_value
from leadboard.domain.stats import DEFAULT_WEEKS, UNKNOWN_SOURCE, Stats, rate_text, top_reasons
from leadboard.domain.text import cell_text, clipped
from leadboard.domain.value_stats import average_line, forecast_line, total_line
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

COUNTING = "Counting stats…"
"""What shows while the stats are counted (seconds at a million leads)."""

DRAW_FIRST_SECONDS = 0.5
"""The count waits at most this long for the indicator's first frame (then starts anyway)."""

CLOSE_KEYS = frozenset({"escape", "q"})
"""Keys that go through at once while counting: they close the screen and drop the count."""


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


def lost_reasons_chart(stats: Stats) -> Callable[[ChartStyles], RenderableType]:
    """Bars of the leads lost per reason, most first: the top few, then the others summed."""
    shown, others = top_reasons(stats.lost_reasons)
    top = max((r.count for r in shown), default=0)
    rows = [BarRow(cell_text(r.reason), r.count / top, number(r.count)) for r in shown]
    if others:
        rows.append(BarRow("other", None, number(others), "leads, other reasons"))
    return lambda styles: HBarChart(rows, styles, empty="No lost lead has a reason yet.")


def won_value_chart(stats: Stats, currency: Currency) -> Callable[[ChartStyles], RenderableType]:
    """A bar per local month of the value won, with the leads it sums and those with no value."""
    months = stats.value.won_by_month
    top = max((m.won for m in months), default=0)
    rows = [
        BarRow(
            m.month.strftime("%b %Y"),
            m.won / top if top else 0.0,
            format_value(m.won, currency),
            counted(m.leads, "lead") + (f", {number(m.unvalued)} no value" if m.unvalued else ""),
        )
        for m in months
    ]
    return lambda styles: HBarChart(rows, styles)


def forecast_chart(stats: Stats, currency: Currency) -> Callable[[ChartStyles], RenderableType]:
    """The forecast line by line, each figure with the count it rests on, then the average deal."""
    forecast = stats.value.forecast
    lines = [
        *(forecast_line(f, currency) for f in forecast.by_temperature),
        total_line(forecast, currency),
        "",
        average_line(stats.value.average, currency),
    ]

    def build(styles: ChartStyles) -> RenderableType:
        # Text, not markup: nothing here is parsed for [tags].
        texts = [Text(line, no_wrap=True, overflow="ellipsis") for line in lines]
        texts[len(forecast.by_temperature)].stylize(styles.value)
        return Group(*texts)

    return build


class StatsScreen(Screen[None]):
    """Figures and charts of the metrics in PRODUCT.md section 2; escape or q goes back."""

    CSS_PATH = Path(__file__).with_name("stats.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    laid_out = False
    """True once the figures have been laid out: keys typed before wait (`j` can scroll then)."""

    def __init__(
        self,
        stats: Stats,
        *,
        currency: Currency = DEFAULT_CURRENCY,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        """`stats` is the plain data the screen shows; it never reads the store."""
        super().__init__(name=name, id=id)
        self.stats = stats
        self.currency = currency
        """The config's currency, that every amount is shown in."""

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
                    yield self._section("Lost reasons (leads lost now)", "reasons")
                with Vertical(classes="stats-column"):
                    yield self._section("Conversion by temperature at creation", "temperature")
                    yield self._section("Reply rate by channel (replies of contacts)", "channel")
                    yield self._section(f"Leads moved ({weeks})", "moves")
            months = counted(len(self.stats.value.won_by_month), "month")
            code = self.currency.code
            with Horizontal(id="stats-value"):
                yield self._section(
                    f"Value won ({code}) by local month, last {months}", "value", True
                )
                title = f"Forecast ({code}): open value × win rate of the column's closed leads"
                yield self._section(title, "forecast", True)
        yield Footer()

    def on_mount(self) -> None:
        """Lay out for the width and focus the body so arrows and page keys scroll it."""
        self._fit(self.app.size.width)
        self.query_one("#stats-body").focus()
        self.call_after_refresh(setattr, self, "laid_out", True)

    def holds_key(self, event: events.Key) -> bool:
        """Keys typed before the first layout wait for it (OrderedKeysApp asks)."""
        return not self.laid_out

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

    def _section(self, title: str, kind: str, column: bool = False) -> Chart:
        """One chart in its titled border (the chart is its own box: fewer widgets to lay out).

        `column`: the chart is a column itself, one of two side by side when wide.
        """
        classes = f"stats-section {kind}" + (" stats-column" if column else "")
        chart = Chart(self._builder(kind), classes=classes)
        chart.border_title = title
        return chart

    def _builder(self, kind: str) -> Callable[[ChartStyles], RenderableType]:
        """The function that draws one chart in the styles its widget resolves."""
        stats = self.stats
        if kind == "reasons":
            return lost_reasons_chart(stats)
        if kind == "value":
            return won_value_chart(stats, self.currency)
        if kind == "forecast":
            return forecast_chart(stats, self.currency)
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
        # At once, not after the next refresh: `j j` typed fast scrolls two lines.
        body.scroll_relative(y=direction, animate=False, immediate=True)

    def action_close(self) -> None:
        """Back to where the stats were opened from."""
        self.dismiss(None)


class StatsCounting(Screen[None]):
    """What `S` shows at once while the stats are counted: a title and a loading indicator.

    A screen of its own, with no stylesheet: StatsScreen's sheet, loaded on its first push,
    restyles the whole app (about 110 ms), which must not delay this first frame. Keys typed
    meanwhile wait for the figures, except escape and q, which close it and drop the count.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self) -> None:
        super().__init__()
        self.counting: Worker[None] | None = None
        """The count under way; the latest one when the stats were asked for again."""

    def compose(self) -> ComposeResult:
        """The title line where the stats' title will be, and the indicator."""
        # No Footer: it builds a widget per key, 20 ms of this frame; the title names the key.
        yield Label(f"{COUNTING}  escape goes back", id="stats-title", markup=False)
        yield LoadingIndicator(id="stats-loading")

    def holds_key(self, event: events.Key) -> bool:
        """Every key but escape and q waits for the figures it was typed for."""
        return event.key not in CLOSE_KEYS

    def action_close(self) -> None:
        """Back to where the stats were asked for; the count's result is dropped."""
        if self.counting is not None:
            self.counting.cancel()
        self.dismiss(None)


def open_stats(
    app: App[Any],
    store: LeadStore,
    config: Config,
    clock: Callable[[], DateTime],
    weeks: int = DEFAULT_WEEKS,
) -> Worker[None]:
    """Show StatsCounting at once, count in a thread worker, then StatsScreen in its place.

    The UI keeps answering while the count runs. Asking again while the stats (or their
    count) are on top counts again in their place, never a second screen; an error (a locked
    or broken database) closes the count with a notification instead of a crash.
    """
    now, tz = clock(), config.timezone
    top = app.screen
    if isinstance(top, StatsCounting):
        screen = top
    else:
        screen = StatsCounting()
        if isinstance(top, StatsScreen):
            app.switch_screen(screen)
        else:
            app.push_screen(screen)
    drawn = threading.Event()
    screen.call_after_refresh(drawn.set)

    def count() -> None:
        worker = get_current_worker()
        # The indicator's frame first: the count's thread competes for the GIL and slowed it.
        drawn.wait(DRAW_FIRST_SECONDS)
        try:
            stats = store.stats(now, tz, weeks)
        except Exception as err:
            # A key that does nothing is worse than a message: say what went wrong.
            message = str(err) if isinstance(err, StoreError) else f"{type(err).__name__}: {err}"
            if not worker.is_cancelled:
                app.call_from_thread(_failed, app, screen, clipped(message, 200, mark=""))
            return
        if not worker.is_cancelled:
            # Returns once the figures are laid out: the keys held meanwhile then go to them.
            app.call_from_thread(_show, app, screen, stats, config.currency)  # type: ignore[arg-type]

    screen.counting = app.run_worker(
        count, thread=True, group="stats", exclusive=True, exit_on_error=False
    )
    return screen.counting


async def _show(
    app: App[Any], counting: StatsCounting, stats: Stats, currency: Currency = DEFAULT_CURRENCY
) -> None:
    """On the UI thread: the figures in place of the count, if it is still on top."""
    if app.screen is not counting:
        return  # closed meanwhile
    figures = StatsScreen(stats, currency=currency)
    await app.switch_screen(figures)
    laid_out = asyncio.Event()
    figures.call_after_refresh(laid_out.set)
    await laid_out.wait()


def _failed(app: App[Any], counting: StatsCounting, message: str) -> None:
    """On the UI thread: close the count and say why there are no stats."""
    if app.screen is counting:
        counting.dismiss(None)
    app.notify(message, title="Stats", severity="error", markup=False)
