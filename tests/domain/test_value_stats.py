"""The money figures, worked out by hand: months, rounding halves up, unknown rates, empty."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest

from leadboard.domain.model import Temperature
from leadboard.domain.money import CURRENCIES
from leadboard.domain.stats import Moves, StatsTallies, compute_stats, stats_window
from leadboard.domain.value_stats import (
    OUTSIDE,
    AverageDeal,
    ColumnTally,
    Forecast,
    TemperatureForecast,
    ValueTallies,
    WonTally,
    average_line,
    compute_value_stats,
    divide_half_up,
    forecast_line,
    month_window,
    percent,
    total_line,
)

HOT, WARM, COOL, COLD = Temperature.HOT, Temperature.WARM, Temperature.COOL, Temperature.COLD
NOW = pendulum.datetime(2026, 11, 23, 9, tz="UTC")


def test_month_window_is_twelve_local_months_with_bounds_at_local_midnight() -> None:
    window = month_window(NOW, "Europe/Paris")
    assert window.month_starts[0] == date(2025, 12, 1)
    assert window.month_starts[-1] == date(2026, 11, 1)
    assert len(window.month_starts) == 12
    assert len(window.bounds) == 13
    # Paris is UTC+1 in winter and UTC+2 in summer: each bound is the local midnight.
    assert window.bounds[0] == pendulum.datetime(2025, 11, 30, 23, tz="UTC")
    assert window.bounds[7] == pendulum.datetime(2026, 6, 30, 22, tz="UTC")
    assert window.bounds[-1] == pendulum.datetime(2026, 11, 30, 23, tz="UTC")


def test_month_window_follows_the_local_date_not_utc() -> None:
    # 23:30 UTC on 31 December is already January in Paris, still December in New York.
    late = pendulum.datetime(2026, 12, 31, 23, 30, tz="UTC")
    assert month_window(late, "Europe/Paris", 2).month_starts == (
        date(2026, 12, 1),
        date(2027, 1, 1),
    )
    assert month_window(late, "America/New_York", 1).month_starts == (date(2026, 12, 1),)
    with pytest.raises(ValueError, match="months must be 1 to 120"):
        month_window(late, "UTC", 0)


def test_halves_round_up_and_the_rest_to_the_nearest() -> None:
    assert [divide_half_up(n, 2) for n in (1, 2, 3, 5)] == [1, 1, 2, 3]
    assert divide_half_up(10, 3) == 3  # 3.33
    assert divide_half_up(20, 3) == 7  # 6.67
    assert [percent(1, 8), percent(5, 6), percent(1, 3), percent(0, 4)] == [
        "13%",  # 12.5
        "83%",
        "33%",
        "0%",
    ]
    assert percent(0, 0) == "—"


def test_weighted_value_is_exact_in_minor_units() -> None:
    # 12,345 cents x 1 won of 2 = 6,172.5 -> 6,173 (a float rate would give ...2.4999).
    assert TemperatureForecast(HOT, 12345, won=1, lost=1).weighted == 6173
    # 1,000 x 1/3 = 333.33 -> 333; 2,000 x 1/3 = 666.67 -> 667.
    assert TemperatureForecast(WARM, 1000, won=1, lost=2).weighted == 333
    assert TemperatureForecast(WARM, 2000, won=1, lost=2).weighted == 667
    lost_all = TemperatureForecast(COLD, 5000, won=0, lost=4)
    assert (lost_all.closes.rate, lost_all.weighted) == (0.0, 0)
    unknown = TemperatureForecast(COOL, 5000)
    assert (unknown.closes.closed, unknown.closes.rate, unknown.weighted) == (0, None, None)


def test_figures_from_tallies() -> None:
    window = month_window(NOW, "Europe/Paris")
    tallies = ValueTallies(
        won=[
            WonTally(11, value=30000, valued=2, unvalued=1),
            WonTally(10, value=5001, valued=1, unvalued=0),
            WonTally(OUTSIDE, value=100000, valued=1, unvalued=3),
        ],
        # Two rows of one temperature (two owners' counts) are summed.
        columns=[
            ColumnTally(HOT, open_value=100000),
            ColumnTally(HOT, open_value=33333),
            ColumnTally(HOT, won=3),
            ColumnTally(HOT, won=2),
            ColumnTally(HOT, lost=1),
            ColumnTally(WARM, open_value=50000),
        ],
    )
    value = compute_value_stats(tallies, window)
    by_month = {m.month: (m.won, m.leads, m.unvalued) for m in value.won_by_month}
    assert by_month[date(2026, 11, 1)] == (30000, 2, 1)
    assert by_month[date(2026, 10, 1)] == (5001, 1, 0)
    assert by_month[date(2025, 12, 1)] == (0, 0, 0)
    assert len(by_month) == 12
    # All time: (30000 + 5001 + 100000) / 4 = 33750.25 -> 33750.
    assert value.average == AverageDeal(33750, 4)
    hot = value.forecast.by_temperature[3]
    assert (hot.temperature, hot.open_value, hot.won, hot.lost) == (HOT, 133333, 5, 1)
    assert hot.weighted == 111111  # 133333 x 5/6 = 111110.83
    assert [f.temperature for f in value.forecast.by_temperature] == [COLD, COOL, WARM, HOT]
    assert value.forecast.total == 111111
    assert value.forecast.left_out == (COLD, COOL, WARM)


def test_nothing_yet() -> None:
    value = compute_value_stats(ValueTallies(), month_window(NOW, "UTC", 6))
    assert [m.won for m in value.won_by_month] == [0] * 6
    assert value.average == AverageDeal(None, 0)
    assert value.forecast.total == 0
    assert value.forecast.left_out == (COLD, COOL, WARM, HOT)
    assert average_line(value.average) == "Average won deal — (no won lead has a value yet)"


def test_lines_name_every_figure_with_its_count() -> None:
    hot = TemperatureForecast(HOT, 12040000, won=20, lost=32)  # 38.46% of 52
    assert forecast_line(hot) == "HOT   €120,400 open × 38% (of 52 closed) = €46,307.69"
    assert divide_half_up(12040000 * 20, 52) == 4630769
    assert forecast_line(TemperatureForecast(HOT, 5000)) == (
        "HOT   €50 open × — (no closed hot leads yet)"
    )
    forecast = Forecast((TemperatureForecast(COLD, 0, 1, 1), TemperatureForecast(HOT, 5000)))
    assert total_line(forecast) == ("Forecast total €0 (hot left out: no rate yet)")
    assert total_line(Forecast((hot,))) == "Forecast total €46,307.69"
    usd = CURRENCIES["USD"]
    assert average_line(AverageDeal(1410050, 3), usd) == (
        "Average won deal $14,100.50 (of 3 won with a value)"
    )


def test_compute_stats_carries_the_value_figures() -> None:
    window = stats_window(NOW, "Europe/Paris")
    tallies = StatsTallies(
        [], [], [], [0] * 12, Moves(), Moves(), 0, 0.0, [],
        value=ValueTallies(won=[WonTally(11, 500, 1, 0)]),
    )  # fmt: skip
    stats = compute_stats(tallies, window, NOW, "Europe/Paris")
    assert stats.value.won_by_month[-1].won == 500
    assert stats.value.average == AverageDeal(500, 1)
