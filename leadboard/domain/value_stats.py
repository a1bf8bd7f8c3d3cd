"""Money in the stats: won value per local month, the average won deal, the weighted forecast.

Plain integer arithmetic on the sums and counts the store makes in SQL (store.value_stats):
amounts stay whole minor units (cents), and every division rounds half up, so each
figure can be checked by hand. Rates are measured per temperature on the closed leads
that sit in that column now (won, or lost), all time, like the conversion figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pendulum
from pendulum import DateTime

from leadboard.domain.conversion import Conversion
from leadboard.domain.model import TEMPERATURES, Temperature
from leadboard.domain.money import DEFAULT_CURRENCY, Currency, format_value
from leadboard.domain.wording import number

MONTHS_SHOWN = 12
"""Local calendar months of won value the stats show: this (partial) one and the 11 before."""

MAX_MONTHS = 120
"""Longest look-back accepted: ten years of months."""

OUTSIDE = -1
"""The month index of a won lead outside the months shown (or with no won_at)."""

UNKNOWN_RATE = "—"
"""What a rate with no closed lead to measure it on shows."""


def divide_half_up(part: int, whole: int) -> int:
    """Part / whole rounded to a whole number, halves up (both not negative, whole > 0)."""
    return (2 * part + whole) // (2 * whole)


@dataclass(frozen=True, slots=True)
class MonthWindow:
    """The months the stats look back on: local first days, and UTC bounds (one more, the end)."""

    month_starts: tuple[date, ...]
    bounds: tuple[DateTime, ...]


def month_window(now: DateTime, tz: str, months: int = MONTHS_SHOWN) -> MonthWindow:
    """The last `months` local calendar months, this (partial) month included, oldest first."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be 1 to {MAX_MONTHS}, not {months}")
    local = now.in_tz(tz)
    index = local.year * 12 + local.month - 1
    firsts = [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 2)]
    # Midnight on the 1st is never lost to DST in the zones that shift at night; pendulum
    # moves one that is to the next valid moment, as stats.local_midnight does.
    bounds = tuple(pendulum.datetime(d.year, d.month, d.day, tz=tz).in_tz("UTC") for d in firsts)
    return MonthWindow(tuple(firsts[:-1]), bounds)


@dataclass(frozen=True, slots=True)
class WonTally:
    """Won leads in one month of the window (`OUTSIDE`: any other time): value summed, counts."""

    month: int
    value: int
    valued: int
    """Won leads with a value (the sum rests on them)."""
    unvalued: int
    """Won leads with no value set."""


@dataclass(frozen=True, slots=True)
class ColumnTally:
    """Leads of one temperature: the value of the active ones, and the closed ones won or lost."""

    temperature: Temperature
    open_value: int = 0
    won: int = 0
    lost: int = 0


@dataclass(frozen=True, slots=True)
class ValueTallies:
    """What the store sums and counts in SQL for the money figures."""

    won: Sequence[WonTally] = ()
    columns: Sequence[ColumnTally] = ()


@dataclass(frozen=True, slots=True)
class MonthValue:
    """Value won in one local month, with the won leads it sums and those with no value."""

    month: date
    won: int = 0
    leads: int = 0
    unvalued: int = 0


@dataclass(frozen=True, slots=True)
class AverageDeal:
    """The mean value of won leads with a value (None when none has), over `leads` of them."""

    value: int | None
    leads: int


@dataclass(frozen=True, slots=True)
class TemperatureForecast:
    """One temperature's open value, weighted by the share won of its closed leads."""

    temperature: Temperature
    open_value: int = 0
    won: int = 0
    lost: int = 0

    @property
    def closes(self) -> Conversion:
        """The closed leads the rate rests on: won, lost, and the share won (None: unknown)."""
        return Conversion(self.won, self.lost)

    @property
    def weighted(self) -> int | None:
        """Open value × won / closed in minor units (halves up), None when the rate is unknown."""
        closed = self.closes.closed
        if not closed:
            return None
        return divide_half_up(self.open_value * self.won, closed)


@dataclass(frozen=True, slots=True)
class Forecast:
    """Per temperature (cold to hot) and in all: temperatures with no rate stay out of the total."""

    by_temperature: tuple[TemperatureForecast, ...] = ()

    @property
    def total(self) -> int:
        """The sum of the weighted values that are known."""
        return sum(f.weighted for f in self.by_temperature if f.weighted is not None)

    @property
    def left_out(self) -> tuple[Temperature, ...]:
        """Temperatures with no closed lead yet, so no rate and no part in the total."""
        return tuple(f.temperature for f in self.by_temperature if f.weighted is None)


@dataclass(frozen=True, slots=True)
class ValueStats:
    """The money figures: won per month (oldest first), the average won deal, the forecast."""

    won_by_month: tuple[MonthValue, ...] = ()
    average: AverageDeal = AverageDeal(None, 0)
    forecast: Forecast = Forecast()


def compute_value_stats(tallies: ValueTallies, window: MonthWindow) -> ValueStats:
    """Turn the store's sums and counts into the money figures."""
    months = [MonthValue(day) for day in window.month_starts]
    total = valued = 0
    for tally in tallies.won:
        total += tally.value
        valued += tally.valued
        if 0 <= tally.month < len(months):
            m = months[tally.month]
            months[tally.month] = MonthValue(
                m.month, m.won + tally.value, m.leads + tally.valued, m.unvalued + tally.unvalued
            )
    average = AverageDeal(divide_half_up(total, valued) if valued else None, valued)
    return ValueStats(tuple(months), average, Forecast(forecasts(tallies.columns)))


def forecasts(columns: Iterable[ColumnTally]) -> tuple[TemperatureForecast, ...]:
    """Every temperature's forecast, cold to hot, the tallies of one temperature summed."""
    sums = {t: [0, 0, 0] for t in TEMPERATURES}
    for column in columns:
        row = sums[column.temperature]
        row[0] += column.open_value
        row[1] += column.won
        row[2] += column.lost
    return tuple(TemperatureForecast(t, *row) for t, row in sums.items())


def percent(part: int, whole: int) -> str:
    """'38%': part / whole to the nearest percent, halves up (exact, no float); '—' for 0 / 0."""
    return f"{divide_half_up(100 * part, whole)}%" if whole else UNKNOWN_RATE


def forecast_line(f: TemperatureForecast, currency: Currency = DEFAULT_CURRENCY) -> str:
    """'hot   €120,400 open × 38% (of 52 closed) = €45,752', or the open value and why no rate."""
    head = f"{f.temperature.value.upper():<5} {format_value(f.open_value, currency)} open"
    if f.weighted is None:
        return f"{head} × {UNKNOWN_RATE} (no closed {f.temperature.value} leads yet)"
    closed = f.closes.closed
    shown = format_value(f.weighted, currency)
    return f"{head} × {percent(f.won, closed)} (of {number(closed)} closed) = {shown}"


def total_line(forecast: Forecast, currency: Currency = DEFAULT_CURRENCY) -> str:
    """'Forecast total €52,100', naming the temperatures left out for want of a rate."""
    line = f"Forecast total {format_value(forecast.total, currency)}"
    left_out = [t.value for t in forecast.left_out]
    if left_out:
        line += f" ({', '.join(left_out)} left out: no rate yet)"
    return line


def average_line(average: AverageDeal, currency: Currency = DEFAULT_CURRENCY) -> str:
    """'Average won deal €14,100 (of 3 won with a value)', or that none has a value yet."""
    if average.value is None:
        return f"Average won deal {UNKNOWN_RATE} (no won lead has a value yet)"
    shown = format_value(average.value, currency)
    return f"Average won deal {shown} (of {number(average.leads)} won with a value)"


def month_label(month: date) -> str:
    """'2026-11': the JSON's and the report's name of a month."""
    return f"{month.year:04d}-{month.month:02d}"
