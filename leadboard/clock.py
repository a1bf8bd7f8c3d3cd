"""The one place that reads the real time; LEADBOARD_NOW fixes it for demos, screenshots, tests."""

from __future__ import annotations

import os
from collections.abc import Callable

import pendulum
from pendulum import DateTime

from leadboard.domain.date_parsing import parse_when
from leadboard.domain.dates import DateParseError


class ClockError(ValueError):
    """LEADBOARD_NOW holds something that is not a date: the message names it, in one line."""


def clock() -> DateTime:
    """Now, in UTC; LEADBOARD_NOW fixes it (for demos, screenshots and tests)."""
    fixed = os.environ.get("LEADBOARD_NOW")
    if fixed:
        try:
            return parse_when(fixed, pendulum.now("UTC"), "UTC")
        except DateParseError as err:
            raise ClockError(f"LEADBOARD_NOW: {err}") from None
    return pendulum.now("UTC")


def board_clock() -> Callable[[], DateTime]:
    """The board's clock: LEADBOARD_NOW fixes it (demos, screenshots), else the real time."""
    if os.environ.get("LEADBOARD_NOW"):
        fixed = clock()
        return lambda: fixed
    return lambda: pendulum.now("UTC")
