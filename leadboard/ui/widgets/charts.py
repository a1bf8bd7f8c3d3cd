"""Charts of block characters that fit any width: horizontal bars and a week-by-week bar row.

Every bar has its number printed beside it, so the charts read the same with 16
colours, with NO_COLOR, and in a screen reader's text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from leadboard.domain.text import cell_width, fit_width
from leadboard.domain.wording import number

_ACROSS = " ▏▎▍▌▋▊▉"  # a left-aligned part of a cell, in eighths
_UP = " ▁▂▃▄▅▆▇█"  # a bottom-aligned part of a cell, in eighths
_FULL = "█"
_TRACK = "░"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _eighths(fraction: float, cells: int) -> int:
    """Eighths of a cell a bar fills; anything above zero shows at least one eighth."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * cells * 8)
    return max(eighths, 1) if fraction > 0 and cells > 0 else eighths


def hbar(fraction: float, width: int) -> str:
    """The filled part of a bar `width` cells long: full blocks, then one partial block."""
    full, part = divmod(_eighths(fraction, width), 8)
    return _FULL * full + (_ACROSS[part] if part else "")


def vbar(fraction: float, height: int) -> list[str]:
    """One character per row of an upright bar `height` rows tall, top row first."""
    eighths = _eighths(fraction, height)
    return [_UP[min(max(eighths - row * 8, 0), 8)] for row in range(height - 1, -1, -1)]


def compact(count: int, width: int, always: bool = False) -> str:
    """'6,055' when it fits in `width` (and not `always` short), else '6.1k', '23k' or '1.2M'."""
    text = number(count)
    if len(text) <= width and not always:
        return text
    for scale, unit in ((1_000_000, "M"), (1_000, "k")):
        if count >= scale:
            value = count / scale
            short = f"{value:.1f}{unit}"
            return short if value < 10 and len(short) <= width else f"{value:.0f}{unit}"
    return text


@dataclass(frozen=True)
class ChartStyles:
    """The Rich styles of a chart's parts (the widget takes them from its stylesheet)."""

    bar: Style = field(default_factory=Style)
    track: Style = field(default_factory=lambda: Style(dim=True))
    label: Style = field(default_factory=Style)
    value: Style = field(default_factory=lambda: Style(bold=True))
    muted: Style = field(default_factory=lambda: Style(dim=True))


@dataclass(frozen=True)
class BarRow:
    """One bar: its label, how full it is (None: nothing to measure), a value and a detail."""

    label: str
    fraction: float | None
    value: str
    detail: str = ""


class HBarChart:
    """Labelled horizontal bars, sized to the width they are drawn at."""

    MIN_BAR = 6

    def __init__(self, rows: Sequence[BarRow], styles: ChartStyles, empty: str = "") -> None:
        self.rows = rows
        self.styles = styles
        self.empty = empty

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """Take whatever width there is."""
        return Measurement(self.MIN_BAR, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """One line per bar: label, bar and track, value, detail."""
        width = options.max_width
        if not self.rows:
            yield Text(self.empty, style=self.styles.muted, no_wrap=True, overflow="ellipsis")
            return
        label_w = min(max(cell_width(row.label) for row in self.rows), max(width // 3, 4))
        value_w = max(len(row.value) for row in self.rows)
        detail_w = max(len(row.detail) for row in self.rows)
        bar_w = width - label_w - value_w - detail_w - 4
        if bar_w < self.MIN_BAR:
            # Too narrow for everything: the detail goes first, the bar keeps a readable size.
            detail_w = 0
            bar_w = max(width - label_w - value_w - 2, 1)
        for row in self.rows:
            filled = "" if row.fraction is None else hbar(row.fraction, bar_w)
            line = Text(no_wrap=True, overflow="crop")
            _append_padded(line, fit_width(row.label, label_w), self.styles.label)
            line.append(" ")
            line.append(filled, self.styles.bar)
            line.append(_TRACK * (bar_w - len(filled)), self.styles.track)
            line.append(" ")
            _append_padded(line, row.value.rjust(value_w), self.styles.value)
            if detail_w:
                line.append("  ")
                _append_padded(line, row.detail.ljust(detail_w), self.styles.muted)
            line.truncate(width)
            yield line


def _append_padded(line: Text, text: str, style: Style) -> None:
    """Append text in a style with the spaces around it left plain.

    A styled run that starts with spaces is written to an SVG screenshot as one
    text element whose spaces some viewers drop, drawing '14%' and '1 of 7' as
    '14%1 of 7'; plain spaces are not written at all, and the text lands at its column.
    """
    core = text.strip(" ")
    if not core:
        line.append(text)
        return
    start = text.index(core)
    line.append(text[:start])
    line.append(core, style)
    line.append(text[start + len(core) :])


class WeekChart:
    """Upright bars, one per week, the count under each and the week's Monday under that."""

    def __init__(
        self, weeks: Sequence[tuple[date, int]], styles: ChartStyles, height: int = 4
    ) -> None:
        self.weeks = weeks
        self.styles = styles
        self.height = height

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """Take whatever width there is."""
        return Measurement(4, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Bar rows, a row of counts, a row of days of the month, a row of month names."""
        width = options.max_width
        # Four cells a week at least: a count such as '23k' and a gap.
        column = min(max(width // max(len(self.weeks), 1), 4), 8)
        weeks, labels = self._labels(column, width)
        longest = max(map(len, labels), default=0)
        if longest >= column:  # '123k' needs five cells, or it runs into the next count
            weeks, labels = self._labels(column := longest + 1, width)
        inner = column - 1
        top = max((count for _, count in weeks), default=0)
        bars = [vbar(count / top if top else 0.0, self.height) for _, count in weeks]
        for row in range(self.height):
            # The empty part of each week is drawn as a track, so every row starts at the
            # chart's edge: text copied out of it, or read aloud, keeps each bar in its week.
            line = Text(no_wrap=True, overflow="crop")
            for index, bar in enumerate(bars):
                if index:
                    line.append(" ")
                cell = bar[row]
                if cell == " ":
                    line.append(_TRACK * inner, self.styles.track)
                else:
                    line.append(cell * inner, self.styles.bar)
            line.truncate(width)
            yield line
        yield self._row(labels, column, width, self.styles.value)
        yield self._row([str(day.day) for day, _ in weeks], column, width, self.styles.label)
        yield Text(self._months(weeks, column, width).rstrip(), style=self.styles.muted)

    def _labels(self, column: int, width: int) -> tuple[Sequence[tuple[date, int]], list[str]]:
        """The weeks that fit (the most recent) and the count under each."""
        weeks = self.weeks[-max(width // column, 1) :]
        # One count too wide shortens them all, so that '9,000' never stands beside '14k'.
        short = any(len(number(count)) > column - 1 for _, count in weeks)
        return weeks, [compact(count, column - 1, short) for _, count in weeks]

    @staticmethod
    def _row(labels: Sequence[str], column: int, width: int, style: Style) -> Text:
        """One label under each week, centred under its bar; the spaces between left plain."""
        line = Text(no_wrap=True, overflow="crop")
        for index, label in enumerate(labels):
            line.append(" " * (index * column - line.cell_len))
            _append_padded(line, label.center(column - 1), style)
        line.rstrip()
        line.truncate(width)
        return line

    @staticmethod
    def _months(weeks: Sequence[tuple[date, int]], column: int, width: int) -> str:
        """Month names under the first week and under each week that starts a new month."""
        labels: list[tuple[int, str]] = []
        previous = None
        for index, (day, _) in enumerate(weeks):
            if day.month != previous:
                at = index * column
                name = _MONTHS[day.month - 1]
                if day.month == 1 and at + len(name) + 5 <= width:
                    name += f" {day.year}"
                # Only the first label can crowd the next (the others are four weeks
                # apart, and a week is four cells or more): it loses its year.
                if labels and labels[-1][0] + len(labels[-1][1]) >= at:
                    last_at, last = labels.pop()
                    labels.append((last_at, last[:3]))
                labels.append((at, name))
                previous = day.month
        cells = [" "] * (len(weeks) * column + 8)
        for at, name in labels:
            cells[at : at + len(name)] = name
        return "".join(cells)[:width]


class NumberBoxes:
    """Titled boxes of one big figure and a caption, six, three or two to a row by width."""

    MIN_BOX = 20

    def __init__(self, boxes: Sequence[tuple[str, str, str]], styles: ChartStyles) -> None:
        """`boxes` are (title, value, caption)."""
        self.boxes = boxes
        self.styles = styles

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """Take whatever width there is."""
        return Measurement(self.MIN_BOX, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Four lines per row of boxes: top border with the title, value, caption, bottom."""
        width = options.max_width
        # Divisors of six, so that rows come out even: 6 x 1, 3 x 2, 2 x 3, 1 x 6.
        per_row = next(
            (n for n in (6, 3, 2) if (width - n + 1) // n >= self.MIN_BOX and n <= len(self.boxes)),
            1,
        )
        box, spare = divmod(width - per_row + 1, per_row)
        for first in range(0, len(self.boxes), per_row):
            lines = [Text(no_wrap=True, overflow="crop") for _ in range(4)]
            for index, (title, value, caption) in enumerate(self.boxes[first : first + per_row]):
                # The cells left over widen the first boxes, so a row spans the width.
                inner = box - 2 + (1 if index < spare else 0)
                gap = " " if index else ""
                shown = " " + fit_width(title, max(inner - 3, 0)).rstrip() + " "
                lines[0].append(gap)
                lines[0].append("╭─", self.styles.bar)
                _append_padded(lines[0], shown, self.styles.label)
                lines[0].append("─" * (inner - 1 - cell_width(shown)) + "╮", self.styles.bar)
                for line, text in ((lines[1], value), (lines[2], caption)):
                    style = self.styles.value if line is lines[1] else self.styles.muted
                    line.append(gap)
                    line.append("│", self.styles.bar)
                    _append_padded(line, " " + fit_width(text, max(inner - 2, 0)) + " ", style)
                    line.append("│", self.styles.bar)
                lines[3].append(gap)
                lines[3].append("╰" + "─" * inner + "╯", self.styles.bar)
            yield from lines


class Chart(Widget):
    """A chart drawn with this widget's styles: its stylesheet colours the bars, not the data."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chart--bar",
        "chart--track",
        "chart--label",
        "chart--value",
        "chart--muted",
    }

    def __init__(
        self,
        build: Callable[[ChartStyles], RenderableType],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`build` makes the renderable from the styles the widget's CSS resolves to."""
        super().__init__(id=id, classes=classes)
        self._build = build

    def render(self) -> RenderableType:
        """The chart in this widget's styles."""
        style = self.get_component_rich_style
        return self._build(
            ChartStyles(
                bar=style("chart--bar"),
                track=style("chart--track"),
                label=style("chart--label"),
                value=style("chart--value"),
                muted=style("chart--muted"),
            )
        )
