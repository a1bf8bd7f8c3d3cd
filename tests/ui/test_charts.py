"""The stats charts as plain text: bars in eighths, labels, and what gives way when narrow."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rich.console import Console, RenderableType
from rich.style import Style

from leadboard.ui.widgets.charts import (
    BarRow,
    ChartStyles,
    HBarChart,
    NumberBoxes,
    WeekChart,
    compact,
    hbar,
    vbar,
)


def text_of(renderable: RenderableType, width: int) -> list[str]:
    """A renderable drawn as plain text lines at a width."""
    console = Console(width=width, no_color=True, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text().splitlines()


def test_horizontal_bar_in_eighths() -> None:
    assert hbar(0.0, 10) == ""
    assert hbar(1.0, 10) == "█" * 10
    assert hbar(0.5, 10) == "█" * 5
    assert hbar(0.55, 10) == "█" * 5 + "▌"
    assert hbar(0.001, 10) == "▏"  # above zero always shows
    assert hbar(1.7, 4) == "████"


def test_upright_bar_rows_top_first() -> None:
    assert vbar(1.0, 4) == ["█"] * 4
    assert vbar(0.0, 4) == [" "] * 4
    assert vbar(0.5, 4) == [" ", " ", "█", "█"]
    assert vbar(0.3, 4) == [" ", " ", "▂", "█"]
    assert vbar(0.001, 2) == [" ", "▁"]


def test_compact_numbers() -> None:
    assert compact(6055, 6) == "6,055"
    assert compact(22777, 5) == "23k"
    assert compact(6055, 4) == "6.1k"
    assert compact(1_250_000, 5) == "1.2M"
    assert compact(0, 3) == "0"
    assert compact(9000, 6, always=True) == "9.0k"
    assert compact(999, 6, always=True) == "999"


def test_bar_chart_prints_numbers_beside_bars_and_fits_narrow_widths() -> None:
    rows = [
        BarRow("referral", 0.75, "75%", "12 of 16"),
        BarRow("purchased list", None, "-", ""),
    ]
    wide = text_of(HBarChart(rows, ChartStyles()), 60)
    assert wide[0].startswith("referral       ███")
    assert wide[0].endswith("75%  12 of 16")
    assert wide[1].startswith("purchased list ░░░")
    assert all(len(line) <= 60 for line in wide)
    narrow = text_of(HBarChart(rows, ChartStyles()), 24)
    assert narrow[0].endswith("75%")  # the detail gives way first
    assert all(len(line) <= 24 for line in narrow)
    assert text_of(HBarChart([], ChartStyles(), empty="Nothing yet."), 30) == ["Nothing yet."]


def test_week_chart_labels_counts_days_and_months() -> None:
    weeks = [(date(2026, 12, 14), 4), (date(2026, 12, 21), 0), (date(2026, 12, 28), 8),
             (date(2027, 1, 4), 2)]  # fmt: skip
    lines = text_of(WeekChart(weeks, ChartStyles(), height=2), 40)
    assert lines[0].split() == ["░░░░░░░", "░░░░░░░", "███████", "░░░░░░░"]
    assert lines[1].split() == ["███████", "░░░░░░░", "███████", "▄▄▄▄▄▄▄"]
    assert lines[2].split() == ["4", "0", "8", "2"]
    assert lines[3].split() == ["14", "21", "28", "4"]
    assert lines[4].split() == ["Dec", "Jan", "2027"]
    # Too narrow for every week: the latest ones are shown, and no year is cut short.
    narrow = text_of(WeekChart(weeks, ChartStyles(), height=1), 8)
    assert [line.split() for line in narrow[1:]] == [["8", "2"], ["28", "4"], ["Dec", "Jan"]]


def test_week_chart_month_labels_never_run_together() -> None:
    weeks = [(date(2026, 8, 31), 1), (date(2026, 9, 7), 2)]
    assert text_of(WeekChart(weeks, ChartStyles(), height=1), 8)[3].split() == ["Aug", "Sep"]
    new_year = [(date(2027, 1, 25), 1), (date(2027, 2, 1), 2)]
    assert text_of(WeekChart(new_year, ChartStyles(), height=1), 40)[3].split() == ["Jan", "Feb"]


BOXES = [
    ("Conversion", "51%", "won of 41 closed"),
    ("Median to win", "15.6 days", "created to won"),
    ("Overdue", "6", "leads past due"),
    ("Follow-up debt", "23.5 days", "sum of days overdue"),
    ("Streak", "3 weeks", "with a session"),
    ("Sessions", "1 this week", "4 in all"),
]


def test_number_boxes_six_three_or_two_to_a_row_spanning_the_width() -> None:
    for width, per_row in ((156, 6), (76, 3), (44, 2), (30, 1)):
        lines = text_of(NumberBoxes(BOXES, ChartStyles()), width)
        assert len(lines) == 4 * 6 // per_row
        assert {len(line) for line in lines} == {width}
        assert lines[0].count("╭─ ") == per_row
    small = text_of(NumberBoxes(BOXES, ChartStyles()), 76)
    assert small[0].startswith("╭─ Conversion ───")
    assert small[1].startswith("│ 51%  ")
    assert small[6].startswith("│ sum of days overdue   │ │ with a session")


def test_number_boxes_cut_what_does_not_fit() -> None:
    lines = text_of(NumberBoxes(BOXES[:1], ChartStyles()), 12)
    assert lines == ["╭─ Conver… ╮", "│ 51%      │", "│ won of … │", "╰──────────╯"]


def bar_heights(lines: list[str], weeks: int, column: int, height: int) -> list[int]:
    """Eighths filled in each week's bar, read back from the drawn rows."""
    eighths = " ▁▂▃▄▅▆▇█"
    return [
        sum(
            eighths.index(ch) if ch in eighths else 0
            for ch in (row[at * column] for row in lines[:height])
        )
        for at in range(weeks)
    ]


def test_a_larger_week_draws_a_taller_bar_and_the_tallest_reaches_the_top() -> None:
    counts = [11, 104, 50, 3, 0, 73, 104, 1]
    weeks = [(date(2026, 9, 7) + timedelta(weeks=i), c) for i, c in enumerate(counts)]
    for width in (40, 76, 156):
        lines = text_of(WeekChart(weeks, ChartStyles()), width)
        column = min(max(width // len(weeks), 4), 8)
        heights = bar_heights(lines, len(weeks), column, 4)
        pairs = list(zip(counts, heights, strict=True))
        for (a, ha), (b, hb) in ((x, y) for x in pairs for y in pairs):
            assert (a > b) <= (ha >= hb), (width, counts, heights)
        assert heights[1] == heights[6] == 32  # the tallest weeks fill all four rows
        assert heights[0] < heights[2] < heights[1]
        assert heights[4] == 0 and heights[3] >= 1  # a week above zero always shows
        # Every bar row starts at the chart's edge, so no week can slide left into another.
        assert all(not line.startswith(" ") for line in lines[:4])
        assert lines[4].split() == [str(c) for c in counts]


def test_counts_too_wide_for_a_column_widen_it() -> None:
    weeks = [(date(2026, 9, 7) + timedelta(weeks=i), 123_456 + i) for i in range(3)]
    lines = text_of(WeekChart(weeks, ChartStyles(), height=1), 12)
    assert lines[1].split() == ["123k", "123k"]  # never '123k123k'


def text_runs(renderable: RenderableType, width: int) -> list[str]:
    """The text of every styled run drawn, as an SVG screenshot writes one <text> each."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system="truecolor")
    console.print(renderable)
    return [text for text, _, _ in console._record_buffer if text.strip(" \n")]


def test_no_text_run_starts_or_ends_with_spaces() -> None:
    """Viewers that drop a run's edge spaces must still see '14%  1 of 7', not '14%1 of 7'."""
    weeks = [(date(2026, 9, 7) + timedelta(weeks=i), c) for i, c in enumerate([11, 104, 0])]
    rows = [BarRow("call", 1 / 7, "14%", "1 of 7"), BarRow("email", 0.5, "50%", "10 of 20")]
    # Each part in its own colour, as the stats screen's stylesheet draws them.
    styles = ChartStyles(*(Style(color=c) for c in ("blue", "grey50", "green", "red", "cyan")))
    for width in (40, 76, 156):
        for chart in (
            WeekChart(weeks, styles),
            HBarChart(rows, styles),
            NumberBoxes(BOXES, styles),
        ):
            for run in text_runs(chart, width):
                assert run == run.strip(" "), (type(chart).__name__, width, run)
