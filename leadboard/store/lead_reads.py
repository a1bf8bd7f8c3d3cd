"""LeadReads: every read of leads and contacts, in pages and index ranges, never all at once."""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar, cast

import peewee
from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.followup import Policy
from leadboard.domain.identity import login_name
from leadboard.domain.model import TEMPERATURES, Contact, Lead, Status, Temperature
from leadboard.store.column_keyset import ids_beside
from leadboard.store.database import translated_errors
from leadboard.store.dialect import is_server, locked, unindexed
from leadboard.store.due_counts import count_before
from leadboard.store.errors import DatabaseLocked, LeadNotFound
from leadboard.store.lead_columns import CONTACT_FIELDS, LEAD_FIELDS, stored_moment
from leadboard.store.lead_queries import (
    due_in_column,
    held_due_now,
    in_column,
    kept_count,
    listing_order,
    overdue_clause,
    read_contacts,
    read_ids,
    read_leads,
    search_clause,
    urgency_order,
)
from leadboard.store.schema import MODELS, ContactRow, LeadRow, TemperatureChangeRow
from leadboard.store.search_hits import SearchHits, read_first, read_hits
from leadboard.store.store_services import StoreServices

if TYPE_CHECKING:
    from leadboard.store.live_changes import ChangeListener

RETRIES = 4
"""Runs of a write a server refused for a conflict with another rep's (store.server_errors)."""

RETRY_PAUSE_S = 0.02
"""The first pause before a retry, longer each time and jittered so two reps do not collide."""

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="LeadReads")


def translated(
    method: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], R]:
    """Run a store method on its own database, with SQLite errors turned into StoreErrors."""

    @functools.wraps(method)
    def wrapper(store: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, RETRIES + 1):
            try:
                # The models are bound per call: two stores in one process (restore,
                # tests) must each query their own database, not the one opened last.
                with (
                    translated_errors(store.db),
                    store.db.bind_ctx(MODELS, bind_refs=False, bind_backrefs=False),
                ):
                    return method(store, *args, **kwargs)
            except DatabaseLocked as err:
                # A server's deadlock or serialization failure rolled the whole transaction
                # back: run it again from the start (never inside a caller's transaction).
                if not err.retryable or attempt == RETRIES or store.db.in_transaction():
                    raise
                time.sleep(RETRY_PAUSE_S * attempt * (0.5 + random.random()))
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


class LeadReads(StoreServices):
    """The reading half of LeadStore."""

    def __init__(
        self, db: peewee.Database, policy: Policy, owner: str | None = None, me: str | None = None
    ) -> None:
        self.db = db
        self.policy = policy
        self.owner = owner
        """Whose leads the board, due and session read: one rep's, or everyone's (None)."""
        self.me = login_name() if me is None else me
        """The rep using this store: new leads are theirs unless another owner is given."""
        self._changes: ChangeListener | None = None

    @property
    def shared(self) -> bool:
        """True for a team's server database, where a rep sees their own leads by default."""
        return is_server(self.db)

    @translated
    def get(self, lead_id: int) -> Lead:
        """One lead by id, or LeadNotFound."""
        return self._read(lead_id)

    @translated
    def counts(self) -> dict[Temperature, int]:
        """Active leads per temperature (the filter's counts are its SearchHits')."""
        return {temp: kept_count(self.db, Status.ACTIVE, temp, self.owner) for temp in TEMPERATURES}

    @translated
    def page(self, temperature: Temperature, offset: int, limit: int) -> list[Lead]:
        """Active leads of one column in urgency order: earliest due, higher score, older id."""
        column = in_column(temperature, self.owner)
        order = urgency_order(within_column=True)
        # Skipping rows with OFFSET reads each skipped row's table record (100 ms at
        # 29,000 deep); skipping ids in the covering board index does not (a few ms).
        ids = LeadRow.select(LeadRow.id).where(column).order_by(*order).limit(limit).offset(offset)
        return self._by_ids(read_ids(ids))

    @translated
    def page_after(self, lead: Lead, limit: int) -> list[Lead]:
        """The next `limit` leads of an active lead's column after it, in urgency order."""
        return self._by_ids(ids_beside(lead, limit, after=True, owner=self.owner))

    @translated
    def page_before(self, lead: Lead, limit: int) -> list[Lead]:
        """The `limit` leads of an active lead's column just before it, in urgency order."""
        return self._by_ids(ids_beside(lead, limit, after=False, owner=self.owner)[::-1])

    @translated
    def position(self, lead: Lead) -> int:
        """Index of an active lead within its column's order (under a filter: SearchHits)."""
        # Ranges of the board index and the due counts: an OR of the three cases below
        # counted 10 ms at a million leads even for a lead near the top.
        column = in_column(lead.temperature, self.owner)
        due = stored_moment(lead.next_due)
        if due is None:
            # Undated leads come last: every dated lead is before this one.
            earlier = kept_count(self.db, Status.ACTIVE, lead.temperature, self.owner) - int(
                LeadRow.select().where(column & LeadRow.next_due.is_null()).count()
            )
            same_due = column & LeadRow.next_due.is_null()
        else:
            column_due = count_before(self.db, due, owner=self.owner, columns=(lead.temperature,))
            earlier = column_due[lead.temperature]
            same_due = column & (LeadRow.next_due == due)
        higher = LeadRow.select().where(same_due & (LeadRow.score > lead.score)).count()
        older = (
            LeadRow.select()
            .where(same_due & (LeadRow.score == lead.score) & (LeadRow.id < lead.id))
            .count()
        )
        return earlier + int(higher) + int(older)

    @translated
    def search_hits(self, text: str, horizon: DateTime) -> SearchHits:
        """Every active lead the filter text matches, per column (safe from a worker thread)."""
        return read_hits(self.db, text, horizon, self.owner)

    @translated
    def first_hits(self, text: str, limit: int) -> SearchHits:
        """Each column's first few matches of the filter text, quickly (search_hits.read_first)."""
        return read_first(self.db, text, limit, self.owner)

    @translated
    def leads_by_ids(self, ids: list[int]) -> list[Lead]:
        """The leads with these ids, in the order given (gone ones left out)."""
        return self._by_ids(ids)

    def _by_ids(self, ids: list[int]) -> list[Lead]:
        if not ids:
            return []
        rows = read_leads(LeadRow.select(*LEAD_FIELDS).where(LeadRow.id.in_(ids)))
        by_id = {lead.id: lead for lead in rows}
        return [by_id[lead_id] for lead_id in ids if lead_id in by_id]

    @translated
    def matches(self, lead_id: int, search: str) -> bool:
        """True when the lead's name, company, email, phone or notes contain the text."""
        query = LeadRow.select().where((LeadRow.id == lead_id) & search_clause(search, self.db))
        return bool(query.exists())

    @translated
    def due(self, horizon: DateTime, limit: int | None = None) -> list[Lead]:
        """Active leads due by `horizon` in urgency order: hotter, earlier due, higher score."""
        found: list[Lead] = []
        for temperature in reversed(TEMPERATURES):
            remaining = None if limit is None else limit - len(found)
            if remaining is not None and remaining <= 0:
                break
            query = due_in_column(temperature, horizon, self.owner, *LEAD_FIELDS)
            if remaining is not None:
                query = query.limit(remaining)
            found.extend(read_leads(query))
        return found

    @translated
    def due_ids(self, horizon: DateTime) -> list[int]:
        """Ids of active leads due by `horizon`, in urgency order (a session's queue)."""
        ids: list[int] = []
        for temperature in reversed(TEMPERATURES):
            query = due_in_column(temperature, horizon, self.owner, LeadRow.id)
            ids.extend(read_ids(query))
        return ids

    @translated
    def count_due(self, horizon: DateTime) -> dict[Temperature, int]:
        """How many active leads per temperature are due by `horizon`."""
        return count_before(self.db, to_utc_text(horizon), inclusive=True, owner=self.owner)

    @translated
    def count_overdue(self, now: DateTime) -> dict[Temperature, int]:
        """How many active leads per temperature are overdue (domain.followup.is_overdue)."""
        return self._overdue(now)

    def _overdue(self, now: DateTime) -> dict[Temperature, int]:
        past_due = count_before(self.db, to_utc_text(now), owner=self.owner)
        held = self._held(now)
        return {
            temperature: past_due[temperature] - held[temperature] for temperature in TEMPERATURES
        }

    def _held(self, now: DateTime) -> dict[Temperature, int]:
        """Leads per column set due now earlier today: past due, but not yet overdue."""
        active = (LeadRow.status == Status.ACTIVE.value) & LeadRow.temperature.in_(
            [temperature.rank for temperature in TEMPERATURES]
        )
        if self.owner is not None:
            active &= LeadRow.owner == self.owner
        query = (
            LeadRow.select(LeadRow.temperature, peewee.fn.COUNT(LeadRow.id))
            .where(active & held_due_now(now, self.policy.tz))
            .group_by(LeadRow.temperature)
            .tuples()
        )
        held = dict.fromkeys(TEMPERATURES, 0)
        for rank, n in self.db.execute(query):
            held[Temperature.from_rank(int(rank))] = int(n)
        return held

    @translated
    def due_overview(self, now: DateTime, horizon: DateTime) -> tuple[int, int]:
        """(overdue now, due by `horizon`) over all columns, without scanning (store.due_counts).

        Overdue as domain.followup.is_overdue says, in the store's zone (policy.tz).
        """
        total = sum(
            count_before(self.db, to_utc_text(horizon), inclusive=True, owner=self.owner).values()
        )
        overdue = sum(self._overdue(now).values())
        return overdue, total

    def _find_query(
        self,
        temperature: Temperature | None,
        status: Status | None,
        overdue_at: DateTime | None,
        search: str,
    ) -> peewee.ModelSelect[LeadRow]:
        query: peewee.ModelSelect[LeadRow] = LeadRow.select(*LEAD_FIELDS)
        if status is not None:
            # Under a search, a unary + keeps SQLite looking the matches up by id instead
            # of walking the board index and testing each lead (0.36 s at a million).
            column = unindexed("status", self.db) if search else LeadRow.status
            query = query.where(column == status.value)
        if temperature is not None:
            query = query.where(LeadRow.temperature == temperature.rank)
        if overdue_at is not None:
            query = query.where(
                (LeadRow.status == Status.ACTIVE.value) & overdue_clause(overdue_at, self.policy.tz)
            )
        if search:
            query = query.where(search_clause(search, self.db))
        if self.owner is not None:
            query = query.where(LeadRow.owner == self.owner)
        return query

    @translated
    def find(
        self,
        *,
        temperature: Temperature | None = None,
        status: Status | None = None,
        overdue_at: DateTime | None = None,
        search: str = "",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Lead]:
        """Leads matching every filter given, hottest first, then earliest due."""
        if temperature is None and limit is not None and not offset:
            # Column by column, hot first: each a range of the board index. One query over
            # all of them sorted 860,000 active leads for the first 50 (0.58 s at a million).
            found: list[Lead] = []
            for column in reversed(TEMPERATURES):
                for dated in (False, True):
                    if len(found) >= limit:
                        return found
                    # Undated leads first, then the dated ones: two ranges of the board
                    # index, where one ORDER BY next_due NULLS FIRST made PostgreSQL (whose
                    # index keeps NULLs last) sort the whole column (0.37 s at a million).
                    query = self._find_query(column, status, overdue_at, search).where(
                        LeadRow.next_due.is_null(not dated)
                    )
                    # Within each part the urgency order (NULLS LAST) is the index's own.
                    order = urgency_order(within_column=True)
                    within = query.order_by(*order).limit(limit - len(found))
                    found.extend(read_leads(within))
            return found
        query = self._find_query(temperature, status, overdue_at, search).order_by(*listing_order())
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        return read_leads(query)

    @translated
    def count(
        self,
        *,
        temperature: Temperature | None = None,
        status: Status | None = None,
        overdue_at: DateTime | None = None,
        search: str = "",
    ) -> int:
        """How many leads `find` would return without a limit."""
        if overdue_at is None and not search:
            return kept_count(self.db, status, temperature, self.owner)
        if overdue_at is not None and not search and status in (None, Status.ACTIVE):
            overdue = self._overdue(overdue_at)  # the due counts, not a scan
            return overdue[temperature] if temperature is not None else sum(overdue.values())
        return int(self._find_query(temperature, status, overdue_at, search).count())

    @translated
    def contacts(self, lead_id: int, limit: int | None = None) -> list[Contact]:
        """A lead's contacts, newest first."""
        query = (
            ContactRow.select(*CONTACT_FIELDS)
            .where(ContactRow.lead == lead_id)
            .order_by(ContactRow.at.desc(), ContactRow.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return read_contacts(query)

    @translated
    def last_moved(self, lead_id: int) -> DateTime | None:
        """When the lead last changed temperature (None if it never moved since creation)."""
        moved = (
            TemperatureChangeRow.select(peewee.fn.MAX(TemperatureChangeRow.at))
            .where(
                (TemperatureChangeRow.lead == lead_id)
                & TemperatureChangeRow.from_temp.is_null(False)
            )
            .scalar()
        )
        # Peewee applies UtcField's conversion to MAX(at) as it would to the column.
        return cast(DateTime | None, moved)

    def _read(self, lead_id: int, *, for_update: bool = False) -> Lead:
        """One lead; `for_update` locks its row until the transaction ends (on a server)."""
        query = LeadRow.select(*LEAD_FIELDS).where(LeadRow.id == lead_id)
        found = read_leads(locked(query, self.db) if for_update else query)
        if not found:
            raise LeadNotFound(f"no lead with id {lead_id}")
        return found[0]

    # -- leads by name (store.lead_names): the quick line, lead arguments -----------
    @translated
    def named_like(self, words: Sequence[str], limit: int) -> list[Lead]:
        """Active leads in scope whose name or company words start with each typed word."""
        from leadboard.store.lead_names import ids_named_like  # a command naming a lead only

        return self._by_ids(ids_named_like(self.db, words, limit, self.owner))

    @translated
    def named_exactly(
        self,
        name: str,
        company: str | None = None,
        *,
        active_only: bool = False,
        limit: int | None = None,
    ) -> list[Lead]:
        """Leads in scope with exactly this name (and company), any case, active first; `limit`."""
        from leadboard.store.lead_names import NAMED_MAX, ids_named, leads_in_order

        most = NAMED_MAX if limit is None else limit
        ids = ids_named(self.db, name, company, self.owner, active=active_only, limit=most)
        return leads_in_order(self._by_ids(ids))
