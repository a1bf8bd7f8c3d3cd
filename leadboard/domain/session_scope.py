"""How much a follow-up session takes on: which temperatures, how many leads, and its words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leadboard.domain.model import TEMPERATURES, Temperature
from leadboard.domain.wording import counted, number

DEFAULT_LIMIT = 20
"""What the chooser's "the N most urgent" offers before the rep types a number."""


@dataclass(frozen=True)
class SessionScope:
    """A session's scope: leads of `coldest` and hotter, the `limit` most urgent (None: all)."""

    coldest: Temperature = Temperature.COLD
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 1:
            raise ValueError(f"a session takes at least one lead, not {self.limit}")

    @property
    def temperatures(self) -> tuple[Temperature, ...]:
        """The temperatures the queue takes, hottest first (its order)."""
        return tuple(t for t in reversed(TEMPERATURES) if t.rank >= self.coldest.rank)

    @property
    def everything(self) -> bool:
        """True for every due lead: no temperature left out, no limit."""
        return self.coldest is Temperature.COLD and self.limit is None

    def takes(self, counts: Mapping[Temperature, int]) -> int:
        """How many leads of these due counts the queue would hold."""
        total = sum(counts.get(t, 0) for t in self.temperatures)
        return total if self.limit is None else min(total, self.limit)

    def words(self) -> str:
        """'all due', 'hot only', 'hot and warm', 'the 20 most urgent, hot only' and so on."""
        temps = temperature_words(self.temperatures)
        if self.limit is None:
            return "all due" if self.coldest is Temperature.COLD else temps
        most = "the most urgent" if self.limit == 1 else f"the {number(self.limit)} most urgent"
        return most if self.coldest is Temperature.COLD else f"{most}, {temps}"


def temperature_words(temperatures: tuple[Temperature, ...]) -> str:
    """'hot only', 'hot and warm', 'hot, warm and cool', 'every temperature'."""
    names = [t.value for t in temperatures]
    if len(names) == len(TEMPERATURES):
        return "every temperature"
    if len(names) == 1:
        return f"{names[0]} only"
    return ", ".join(names[:-1]) + " and " + names[-1]


def left_words(left: Mapping[Temperature, int]) -> str:
    """'14 due leads (9 warm, 5 cool)', 'nothing due': what a session left, hottest first."""
    total = sum(left.values())
    if total == 0:
        return "nothing due"
    parts = [f"{number(left[t])} {t.value}" for t in reversed(TEMPERATURES) if left.get(t, 0)]
    return f"{counted(total, 'due lead')} ({', '.join(parts)})"
