"""What the board reads from the store: counts, pages and positions under the current filter."""

from __future__ import annotations

from collections.abc import Callable

from pendulum import DateTime

from leadboard.config import Config
from leadboard.domain.model import TEMPERATURES, Lead, Status, Temperature
from leadboard.store.errors import LeadNotFound
from leadboard.store.leads import LeadStore


class FilteredBoard:
    """The store seen through the board's filter; columns read pages from it."""

    def __init__(self, store: LeadStore, config: Config, clock: Callable[[], DateTime]) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.search = ""
        self._counts: dict[Temperature, int] = dict.fromkeys(TEMPERATURES, 0)

    @property
    def tz(self) -> str:
        """The rep's time zone."""
        return self.config.timezone

    def refresh_counts(self) -> None:
        """Count every column in one query (columns then read counts from here)."""
        self._counts = self.store.counts(self.search)

    def count(self, temperature: Temperature) -> int:
        """Leads in a column under the filter."""
        return self._counts[temperature]

    def page(self, temperature: Temperature, offset: int, limit: int) -> list[Lead]:
        """One page of a column."""
        return self.store.page(temperature, offset, limit, self.search)

    def position(self, lead: Lead) -> int | None:
        """Where an active lead sits in its column, or None when the filter hides it."""
        if lead.status is not Status.ACTIVE:
            return None
        assert lead.id is not None
        if self.search and not self.store.matches(lead.id, self.search):
            return None
        return self.store.position(lead, self.search)

    def fresh(self, lead: Lead | None) -> Lead | None:
        """The lead as stored now, or None if it is gone."""
        return None if lead is None or lead.id is None else self.fresh_by_id(lead.id)

    def fresh_by_id(self, lead_id: int) -> Lead | None:
        """A lead by id, or None if it is gone."""
        try:
            return self.store.get(lead_id)
        except LeadNotFound:
            return None

    def version(self) -> int:
        """Changes whenever another process commits to the database."""
        return self.store.data_version()
