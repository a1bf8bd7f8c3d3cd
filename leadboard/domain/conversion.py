"""Closed leads as a conversion: won, lost, and the share won (the stats' and the forecast's)."""

from __future__ import annotations

from dataclasses import dataclass


def rate(part: int, whole: int) -> float | None:
    """The share part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Conversion:
    """Closed leads of one group: won, lost and the share won."""

    won: int = 0
    lost: int = 0

    @property
    def closed(self) -> int:
        """Won plus lost."""
        return self.won + self.lost

    @property
    def rate(self) -> float | None:
        """The share won of won + lost, or None when nothing closed."""
        return rate(self.won, self.closed)

    def plus(self, won: int, lost: int) -> Conversion:
        """A tally with more wins and losses added to this one."""
        return Conversion(self.won + won, self.lost + lost)
