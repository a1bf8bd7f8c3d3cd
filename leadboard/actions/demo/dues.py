"""domain.followup.cadence_due for the demo's epoch seconds, remembered per local day.

A call costs ~55 us and a big demo logs millions of touches: calling it for each
made a 100,000-lead demo 2.5 times slower to generate. Every touch on one local
date, at one offset from UTC, gets the same gap to its due moment (the cadence is
whole days, the weekend rule looks at the date), so the gap is computed once per
(date, offset, temperature). Where the clocks change on a day involved, the gap is
remembered per quarter hour instead: every zone's offsets and clock changes fall
on quarter hours, so within one the gap cannot change either.
"""

from __future__ import annotations

import pendulum

from leadboard.domain.followup import Policy, cadence_due
from leadboard.domain.model import TEMPERATURES

_DAY = 86_400
_QUARTER = 900
_OFFSETS = 2 * _DAY  # more than the span of every offset from UTC (-12h .. +14h)
_UNKNOWN = object()


class CadenceDues:
    """The cadence due after a touch at an epoch second, for days first_day..last_day (UTC)."""

    def __init__(self, policy: Policy, first_day: int, last_day: int) -> None:
        self.policy = policy
        self.first_day = first_day
        zone = pendulum.timezone(policy.tz)
        # Each UTC day's offset in seconds, or None on a day the clocks change.
        self.offsets: list[int | None] = []
        for day in range(first_day, last_day + 1):
            start = pendulum.from_timestamp(day * _DAY, tz=zone).utcoffset()
            end = pendulum.from_timestamp(day * _DAY + _DAY - 1, tz=zone).utcoffset()
            steady = start is not None and start == end
            self.offsets.append(
                int(start.total_seconds()) if start is not None and steady else None
            )
        self._by_day: dict[int, object] = {}
        self._by_quarter: dict[tuple[int, int], int] = {}

    def due(self, moment: int, rank: int) -> int:
        """The moment cadence_due gives after a touch at `moment` at temperature `rank`."""
        index = moment // _DAY - self.first_day
        offset = self.offsets[index] if 0 <= index < len(self.offsets) else None
        if offset is not None:
            # (local date, offset, rank) packed in one int: cheaper to hash than a tuple.
            key = (((moment + offset) // _DAY) * 4 + rank) * _OFFSETS + offset
            gap = self._by_day.get(key, _UNKNOWN)
            if gap is _UNKNOWN:
                gap = self._by_day[key] = self._steady_gap(moment, rank)
            if isinstance(gap, int):
                return moment + gap
        quarter = (moment // _QUARTER, rank)
        known = self._by_quarter.get(quarter)
        if known is None:
            known = self._by_quarter[quarter] = self._gap(moment, rank)
        return moment + known

    def _offset(self, day: int) -> int | None:
        index = day - self.first_day
        return self.offsets[index] if 0 <= index < len(self.offsets) else None

    def _gap(self, moment: int, rank: int) -> int:
        """Seconds from `moment` to its due moment, straight from the domain's rule."""
        due = cadence_due(pendulum.from_timestamp(moment), TEMPERATURES[rank], self.policy)
        return int(due.timestamp()) - moment

    def _steady_gap(self, moment: int, rank: int) -> int | None:
        """The gap for the whole local day, or None when the clocks change around the due day."""
        gap = self._gap(moment, rank)
        # From the cadence's own day to the due one: the weekend rule may move it on.
        cadence = self.policy.cadence_days(TEMPERATURES[rank])
        days = range(moment // _DAY + cadence - 1, (moment + gap) // _DAY + 2)
        around = {self._offset(day) for day in days}
        return gap if len(around) == 1 and None not in around else None
