"""What the board reads from the store: counts, pages and positions under the current filter.

Under a filter they come from the matches read once per query (store.search_hits), which
the board fetches on a worker thread; without one, from the store's kept counts and index.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from pendulum import DateTime

from leadboard.config import Config
from leadboard.domain.column_sort import ColumnSort
from leadboard.domain.model import TEMPERATURES, Lead, Status, Temperature
from leadboard.domain.text import clipped
from leadboard.store.closed_pages import closed_counts, closed_ids
from leadboard.store.column_sums import column_sums
from leadboard.store.errors import LeadNotFound
from leadboard.store.leads import LeadStore
from leadboard.store.search_hits import SearchHits
from leadboard.store.sorted_pages import sorted_ids

if TYPE_CHECKING:
    from leadboard.message_templates import TemplateLibrary

OWNER_CELLS = 16
"""The most of an owner's name a status line or card shows."""


def whose_leads(store: LeadStore) -> str:
    """Whose leads a team's store reads: "emma's leads" or "everyone's leads"; '' on a file."""
    if not store.shared:
        return ""  # one rep's database: every lead is theirs, nothing to say
    owner = store.owner
    return "everyone's leads" if owner is None else f"{clipped(owner, OWNER_CELLS)}'s leads"


class FilteredBoard:
    """The store seen through the board's filter; columns read pages from it."""

    def __init__(self, store: LeadStore, config: Config, clock: Callable[[], DateTime]) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.search = ""
        """The filter text the columns show (the board's filter box may be ahead of it)."""
        self.hits: SearchHits | None = None
        """The filter's matches, read for `search`; None without a filter."""
        self._counts: dict[Temperature, int] = dict.fromkeys(TEMPERATURES, 0)
        self._values: dict[Temperature, int] = dict.fromkeys(TEMPERATURES, 0)
        self.sorts: dict[Temperature, ColumnSort] = dict.fromkeys(TEMPERATURES, ColumnSort.URGENCY)
        """Each column's order of active leads (the closed view orders by closing date)."""
        self.closed = False
        """True while the columns show closed leads (won, lost, inactive) instead of active ones."""

    @property
    def tz(self) -> str:
        """The rep's time zone."""
        return self.config.timezone

    @cached_property
    def templates(self) -> TemplateLibrary:
        """The messages for each sequence step: the rep's files in the config folder, else ours."""
        # Made on first use: the board's first frame does not wait for the templates.
        from leadboard.message_templates import TemplateLibrary, template_folder
        from leadboard.paths import config_path

        return TemplateLibrary(template_folder(config_path()), self.config.sequence)

    def show(self, hits: SearchHits | None) -> None:
        """Filter by these matches from now on (None: the whole board)."""
        self.hits = hits
        self.search = "" if hits is None else hits.text

    @property
    def counting(self) -> bool:
        """True while only each column's first matches are known (the rest are being read)."""
        return self.hits is not None and self.hits.partial

    def refresh_counts(self) -> None:
        """Read every column's kept count (under a filter the matches hold the counts)."""
        if self.closed:
            self._counts = closed_counts(self.store)
        elif self.hits is None:
            self._counts, self._values = column_sums(self.store, (Status.ACTIVE,))

    def value_total(self, temperature: Temperature) -> int | None:
        """A column's open deal value under the filter; None when it is not known (yet)."""
        if self.closed:
            return None  # won, lost and inactive together add up to nothing a rep uses
        if self.hits is not None:
            return None if self.hits.values is None else self.hits.values[temperature]
        return self._values[temperature]

    def sort_of(self, temperature: Temperature) -> ColumnSort:
        """The order a column shows: its own; in the closed view, urgency's place (closing date)."""
        return ColumnSort.URGENCY if self.closed else self.sorts[temperature]

    def count(self, temperature: Temperature) -> int:
        """Leads in a column under the filter."""
        if self.hits is not None and not self.closed:
            return self.hits.count(temperature)
        return self._counts[temperature]

    def page(self, temperature: Temperature, offset: int, limit: int) -> list[Lead]:
        """One page of a column."""
        if self.closed:
            return self.store.leads_by_ids(closed_ids(self.store, temperature, offset, limit))
        sort = self.sorts[temperature]
        if sort is not ColumnSort.URGENCY:
            ids = sorted_ids(self.store, temperature, sort, offset, limit, self.search)
            return self.store.leads_by_ids(ids)
        if self.hits is not None:
            return self.store.leads_by_ids(self.hits.page(temperature, offset, limit))
        return self.store.page(temperature, offset, limit)

    def beside(self, lead: Lead, limit: int, *, after: bool) -> list[Lead] | None:
        """The leads next to one in its column, or None where an offset costs nothing."""
        if self.hits is not None or self.closed or self.sort_of(lead.temperature).mark:
            return None  # the matches are an array, the other orders an index: offsets serve
        return self.store.page_after(lead, limit) if after else self.store.page_before(lead, limit)

    def due_leads(self, horizon: DateTime, limit: int) -> list[Lead]:
        """Leads due by `horizon` under the filter, hottest first (the overdue panel)."""
        if self.hits is not None:
            return self.store.leads_by_ids(self.hits.due_ids(limit))
        return self.store.due(horizon, limit=limit)

    @property
    def everyones(self) -> bool:
        """True when a team's board shows every rep's leads (cards then name the owner)."""
        return self.store.shared and self.store.owner is None

    def whose(self) -> str:
        """Whose leads the board shows (see `whose_leads`)."""
        return whose_leads(self.store)

    def mine_or_everyones(self) -> None:
        """Switch a team's board between the rep's own leads and everyone's."""
        self.store.owner = self.store.me if self.store.owner is None else None

    def position(self, lead: Lead) -> int | None:
        """Where an active lead sits in its column, or None when the filter hides it."""
        if lead.status is not Status.ACTIVE or self.closed or self.sort_of(lead.temperature).mark:
            return None  # a sorted column keeps its cursor where it is
        if self.store.owner is not None and lead.owner != self.store.owner:
            return None  # another rep's lead: not on this rep's board
        assert lead.id is not None
        if self.hits is not None:
            return self.hits.position(lead.temperature, lead.id)
        return self.store.position(lead)

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
