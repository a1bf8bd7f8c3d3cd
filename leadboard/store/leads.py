"""LeadStore: every read and write of leads and contacts, in pages and transactions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import peewee
from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.followup import (
    Policy,
    due_after_move,
    due_for_new_lead,
    effect_of_contact,
)
from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.model import (
    TEMPERATURES,
    Channel,
    Contact,
    Direction,
    Lead,
    LeadDraft,
    Outcome,
    Source,
    Status,
    Temperature,
)
from leadboard.domain.validation import check_draft
from leadboard.store.database import backup_to, sqlite_path, translated_errors
from leadboard.store.errors import LeadNotFound, StoreError
from leadboard.store.schema import MODELS, ContactRow, LeadRow, TemperatureChangeRow

P = ParamSpec("P")
R = TypeVar("R")

_LEAD_COLUMNS = (
    LeadRow.id,
    LeadRow.name,
    LeadRow.company,
    LeadRow.title,
    LeadRow.email,
    LeadRow.phone,
    LeadRow.preferred_channel,
    LeadRow.source,
    LeadRow.referred_by,
    LeadRow.temperature,
    LeadRow.status,
    LeadRow.fit,
    LeadRow.interest,
    LeadRow.readiness,
    LeadRow.next_step,
    LeadRow.next_due,
    LeadRow.promised,
    LeadRow.sequence_step,
    LeadRow.notes,
    LeadRow.owner,
    LeadRow.lost_reason,
    LeadRow.created_at,
    LeadRow.updated_at,
    LeadRow.last_contact,
    LeadRow.won_at,
    LeadRow.lost_at,
    LeadRow.inactive_at,
)

_CONTACT_COLUMNS = (
    ContactRow.id,
    ContactRow.lead,
    ContactRow.at,
    ContactRow.channel,
    ContactRow.direction,
    ContactRow.outcome,
    ContactRow.note,
    ContactRow.next_step,
    ContactRow.next_due,
)


def _lead_from_row(row: tuple[Any, ...]) -> Lead:
    """Build a Lead from a row of _LEAD_COLUMNS (UtcField has already made the DateTimes)."""
    return Lead(
        id=row[0],
        name=row[1],
        company=row[2],
        title=row[3],
        email=row[4],
        phone=row[5],
        preferred_channel=Channel(row[6]) if row[6] else None,
        source=Source(row[7]) if row[7] else None,
        referred_by=row[8],
        temperature=TEMPERATURES[row[9]],
        status=Status(row[10]),
        fit=row[11],
        interest=row[12],
        readiness=row[13],
        next_step=row[14],
        next_due=row[15],
        promised=bool(row[16]),
        sequence_step=row[17],
        notes=row[18],
        owner=row[19],
        lost_reason=row[20],
        created_at=row[21],
        updated_at=row[22],
        last_contact=row[23],
        won_at=row[24],
        lost_at=row[25],
        inactive_at=row[26],
    )


def _rows(query: peewee.BaseQuery) -> list[tuple[Any, ...]]:
    """Run a query for plain tuples (Peewee's stubs type them as model rows)."""
    return cast(list[tuple[Any, ...]], list(query.tuples()))


def _contact_from_row(row: tuple[Any, ...]) -> Contact:
    return Contact(
        id=row[0],
        lead_id=row[1],
        at=row[2],
        channel=Channel(row[3]),
        direction=Direction(row[4]),
        outcome=Outcome(row[5]),
        note=row[6],
        next_step=row[7],
        next_due=row[8],
    )


def _text(moment: DateTime | None) -> str | None:
    return None if moment is None else to_utc_text(moment)


def _lead_values(lead: Lead) -> dict[Any, Any]:
    """Column values for a lead, with the derived keys and score."""
    return {
        LeadRow.name: lead.name,
        LeadRow.company: lead.company,
        LeadRow.title: lead.title,
        LeadRow.email: lead.email,
        LeadRow.phone: lead.phone,
        LeadRow.email_key: email_key(lead.email),
        LeadRow.phone_key: phone_key(lead.phone),
        LeadRow.preferred_channel: lead.preferred_channel.value if lead.preferred_channel else None,
        LeadRow.source: lead.source.value if lead.source else None,
        LeadRow.referred_by: lead.referred_by,
        LeadRow.temperature: lead.temperature.rank,
        LeadRow.status: lead.status.value,
        LeadRow.fit: lead.fit,
        LeadRow.interest: lead.interest,
        LeadRow.readiness: lead.readiness,
        LeadRow.score: lead.score,
        LeadRow.next_step: lead.next_step,
        LeadRow.next_due: _text(lead.next_due),
        LeadRow.promised: lead.promised,
        LeadRow.sequence_step: lead.sequence_step,
        LeadRow.notes: lead.notes,
        LeadRow.owner: lead.owner,
        LeadRow.lost_reason: lead.lost_reason,
        LeadRow.created_at: _text(lead.created_at),
        LeadRow.updated_at: _text(lead.updated_at),
        LeadRow.last_contact: _text(lead.last_contact),
        LeadRow.won_at: _text(lead.won_at),
        LeadRow.lost_at: _text(lead.lost_at),
        LeadRow.inactive_at: _text(lead.inactive_at),
    }


def _translated(
    method: Callable[Concatenate[LeadStore, P], R],
) -> Callable[Concatenate[LeadStore, P], R]:
    """Run a store method on its own database, with SQLite errors turned into StoreErrors."""

    @functools.wraps(method)
    def wrapper(store: LeadStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        # The models are bound per call: two stores in one process (restore, tests)
        # must each query their own file, not the one opened last.
        with translated_errors(), store.db.bind_ctx(MODELS, bind_refs=False, bind_backrefs=False):
            return method(store, *args, **kwargs)

    return wrapper


def _search_clause(text: str) -> peewee.Expression:
    """Leads whose name, company, email, phone or notes contain the text (any case)."""
    return (
        LeadRow.name.contains(text)
        | LeadRow.company.contains(text)
        | LeadRow.email.contains(text)
        | LeadRow.phone.contains(text)
        | LeadRow.notes.contains(text)
    )


class LeadStore:
    """Reads and writes leads; every write is one IMMEDIATE transaction."""

    def __init__(self, db: peewee.SqliteDatabase, policy: Policy) -> None:
        self.db = db
        self.policy = policy

    # -- reads ---------------------------------------------------------------

    @_translated
    def get(self, lead_id: int) -> Lead:
        """One lead by id, or LeadNotFound."""
        return self._read(lead_id)

    @_translated
    def counts(self, search: str = "") -> dict[Temperature, int]:
        """Active leads per temperature (filtered by the search text when given)."""
        if not search:
            return {temp: self._kept_count(Status.ACTIVE, temp) for temp in TEMPERATURES}
        query = (
            LeadRow.select(LeadRow.temperature, peewee.fn.COUNT(LeadRow.id))
            .where((LeadRow.status == Status.ACTIVE.value) & _search_clause(search))
            .group_by(LeadRow.temperature)
        )
        found: dict[int, int] = dict(_rows(query))
        return {temp: found.get(temp.rank, 0) for temp in TEMPERATURES}

    def _kept_count(self, status: Status | None, temperature: Temperature | None) -> int:
        """A count from the trigger-kept lead_count table (no scan of the leads)."""
        sql = "SELECT COALESCE(SUM(n), 0) FROM lead_count WHERE 1"
        params: list[object] = []
        if status is not None:
            sql += " AND status = ?"
            params.append(status.value)
        if temperature is not None:
            sql += " AND temperature = ?"
            params.append(temperature.rank)
        return int(self.db.execute_sql(sql, params).fetchone()[0])

    @_translated
    def page(
        self, temperature: Temperature, offset: int, limit: int, search: str = ""
    ) -> list[Lead]:
        """Active leads of one column in urgency order: earliest due, higher score, older id."""
        query = (
            LeadRow.select(*_LEAD_COLUMNS)
            .where(
                (LeadRow.status == Status.ACTIVE.value) & (LeadRow.temperature == temperature.rank)
            )
            .order_by(LeadRow.next_due, LeadRow.score.desc(), LeadRow.id)
            .limit(limit)
            .offset(offset)
        )
        if search:
            query = query.where(_search_clause(search))
        return [_lead_from_row(row) for row in _rows(query)]

    @_translated
    def position(self, lead: Lead, search: str = "") -> int:
        """Index of an active lead within its column's order."""
        due = _text(lead.next_due)
        before = (
            (LeadRow.next_due < due)
            | ((LeadRow.next_due == due) & (LeadRow.score > lead.score))
            | ((LeadRow.next_due == due) & (LeadRow.score == lead.score) & (LeadRow.id < lead.id))
        )
        query = LeadRow.select().where(
            (LeadRow.status == Status.ACTIVE.value)
            & (LeadRow.temperature == lead.temperature.rank)
            & before
        )
        if search:
            query = query.where(_search_clause(search))
        return int(query.count())

    @_translated
    def matches(self, lead_id: int, search: str) -> bool:
        """True when the lead's name, company, email, phone or notes contain the text."""
        query = LeadRow.select().where((LeadRow.id == lead_id) & _search_clause(search))
        return bool(query.exists())

    @staticmethod
    def _due_in_column(
        temperature: Temperature, horizon: DateTime, *columns: Any
    ) -> peewee.ModelSelect[LeadRow]:
        """One column's leads due by `horizon`, in urgency order: a range of the board index."""
        return (
            LeadRow.select(*columns)
            .where(
                (LeadRow.status == Status.ACTIVE.value)
                & (LeadRow.temperature == temperature.rank)
                & (LeadRow.next_due <= to_utc_text(horizon))
            )
            .order_by(LeadRow.next_due, LeadRow.score.desc(), LeadRow.id)
        )

    @_translated
    def due(self, horizon: DateTime, limit: int | None = None, search: str = "") -> list[Lead]:
        """Active leads due by `horizon` in urgency order: hotter, earlier due, higher score."""
        found: list[Lead] = []
        for temperature in reversed(TEMPERATURES):
            remaining = None if limit is None else limit - len(found)
            if remaining is not None and remaining <= 0:
                break
            query = self._due_in_column(temperature, horizon, *_LEAD_COLUMNS)
            if search:
                query = query.where(_search_clause(search))
            if remaining is not None:
                query = query.limit(remaining)
            found.extend(_lead_from_row(row) for row in _rows(query))
        return found

    @_translated
    def due_ids(self, horizon: DateTime) -> list[int]:
        """Ids of active leads due by `horizon`, in urgency order (a session's queue)."""
        ids: list[int] = []
        for temperature in reversed(TEMPERATURES):
            query = self._due_in_column(temperature, horizon, LeadRow.id)
            ids.extend(row[0] for row in _rows(query))
        return ids

    @_translated
    def count_due(self, horizon: DateTime) -> dict[Temperature, int]:
        """How many active leads per temperature are due by `horizon`."""
        # One query per column: each is a range of the board index, where a
        # GROUP BY would walk every active lead.
        return {
            temperature: int(self._due_in_column(temperature, horizon).order_by().count())
            for temperature in TEMPERATURES
        }

    @_translated
    def due_overview(self, now: DateTime, horizon: DateTime) -> tuple[int, int]:
        """(overdue now, due by `horizon`) over all columns, in one index range per column."""
        overdue = total = 0
        for temperature in TEMPERATURES:
            query = self._due_in_column(
                temperature,
                horizon,
                peewee.fn.COUNT(LeadRow.id),
                peewee.fn.SUM(LeadRow.next_due < to_utc_text(now)),
            ).order_by()
            row = _rows(query)[0]
            total += int(row[0] or 0)
            overdue += int(row[1] or 0)
        return overdue, total

    def _find_query(
        self,
        temperature: Temperature | None,
        status: Status | None,
        overdue_at: DateTime | None,
        search: str,
    ) -> peewee.ModelSelect[LeadRow]:
        query: peewee.ModelSelect[LeadRow] = LeadRow.select(*_LEAD_COLUMNS)
        if status is not None:
            query = query.where(LeadRow.status == status.value)
        if temperature is not None:
            query = query.where(LeadRow.temperature == temperature.rank)
        if overdue_at is not None:
            query = query.where(
                (LeadRow.status == Status.ACTIVE.value)
                & (LeadRow.next_due < to_utc_text(overdue_at))
            )
        if search:
            query = query.where(_search_clause(search))
        return query

    @_translated
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
        query = self._find_query(temperature, status, overdue_at, search).order_by(
            LeadRow.temperature.desc(), LeadRow.next_due, LeadRow.score.desc(), LeadRow.id
        )
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        return [_lead_from_row(row) for row in _rows(query)]

    @_translated
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
            return self._kept_count(status, temperature)
        return int(self._find_query(temperature, status, overdue_at, search).count())

    @_translated
    def contacts(self, lead_id: int, limit: int | None = None) -> list[Contact]:
        """A lead's contacts, newest first."""
        query = (
            ContactRow.select(*_CONTACT_COLUMNS)
            .where(ContactRow.lead == lead_id)
            .order_by(ContactRow.at.desc(), ContactRow.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [_contact_from_row(row) for row in _rows(query)]

    @_translated
    def data_version(self) -> int:
        """A number that changes whenever another connection commits (for live refresh)."""
        return int(self.db.execute_sql("PRAGMA data_version").fetchone()[0])

    # -- writes --------------------------------------------------------------

    def _read(self, lead_id: int) -> Lead:
        row = LeadRow.select(*_LEAD_COLUMNS).where(LeadRow.id == lead_id).tuples().first()
        if row is None:
            raise LeadNotFound(f"no lead with id {lead_id}")
        return _lead_from_row(row)

    def _write(self, lead: Lead) -> None:
        assert lead.id is not None
        LeadRow.update(_lead_values(lead)).where(LeadRow.id == lead.id).execute()

    def _record_temperature(
        self, lead_id: int, at: DateTime, before: Temperature | None, after: Temperature
    ) -> None:
        TemperatureChangeRow.insert(
            lead=lead_id,
            at=to_utc_text(at),
            from_temp=None if before is None else before.rank,
            to_temp=after.rank,
        ).execute()

    @_translated
    def add(self, draft: LeadDraft, now: DateTime) -> Lead:
        """Create a lead from a validated draft; it is due now unless a date was given."""
        check_draft(draft)
        now = now.in_tz("UTC")
        lead = Lead(
            name=draft.name,
            created_at=now,
            updated_at=now,
            company=draft.company,
            title=draft.title,
            email=draft.email,
            phone=draft.phone,
            preferred_channel=draft.preferred_channel,
            source=draft.source,
            referred_by=draft.referred_by,
            temperature=draft.temperature,
            fit=draft.fit,
            interest=draft.interest,
            readiness=draft.readiness,
            next_step=draft.next_step,
            next_due=draft.next_due.in_tz("UTC") if draft.next_due else due_for_new_lead(now),
            promised=draft.promised and draft.next_due is not None,
            notes=draft.notes,
            owner=draft.owner,
        )
        with self.db.atomic():
            lead_id = LeadRow.insert(_lead_values(lead)).execute()
            self._record_temperature(lead_id, now, None, lead.temperature)
        return replace(lead, id=lead_id)

    @_translated
    def update(self, lead_id: int, draft: LeadDraft, now: DateTime) -> Lead:
        """Save an edited lead; a changed temperature follows the move rules."""
        check_draft(draft)
        now = now.in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id)
            lead = replace(
                before,
                name=draft.name,
                company=draft.company,
                title=draft.title,
                email=draft.email,
                phone=draft.phone,
                preferred_channel=draft.preferred_channel,
                source=draft.source,
                referred_by=draft.referred_by,
                fit=draft.fit,
                interest=draft.interest,
                readiness=draft.readiness,
                next_step=draft.next_step,
                notes=draft.notes,
                owner=draft.owner,
                updated_at=now,
            )
            if draft.temperature is not before.temperature:
                lead = replace(
                    lead,
                    temperature=draft.temperature,
                    next_due=due_after_move(before, draft.temperature, self.policy, now),
                )
                self._record_temperature(lead_id, now, before.temperature, draft.temperature)
            if draft.next_due is not None and draft.next_due != before.next_due:
                lead = replace(lead, next_due=draft.next_due.in_tz("UTC"), promised=draft.promised)
            elif draft.promised != before.promised:
                lead = replace(lead, promised=draft.promised and lead.next_due is not None)
            self._write(lead)
        return lead

    @_translated
    def log_contact(
        self,
        lead_id: int,
        *,
        channel: Channel,
        outcome: Outcome,
        now: DateTime,
        direction: Direction = Direction.OUT,
        note: str = "",
        at: DateTime | None = None,
        next_step: str | None = None,
        typed_due: DateTime | None = None,
        promise: bool = False,
        session_id: int | None = None,
    ) -> tuple[Lead, Contact]:
        """Record a touch and apply its rules to the lead, in one transaction."""
        now = now.in_tz("UTC")
        at = (at or now).in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id)
            effect = effect_of_contact(
                before,
                at=at,
                direction=direction,
                outcome=outcome,
                policy=self.policy,
                typed_due=typed_due,
                promise=promise,
            )
            lead = replace(
                before,
                next_due=effect.next_due,
                promised=effect.promised,
                sequence_step=effect.sequence_step,
                status=effect.status,
                last_contact=effect.last_contact,
                next_step=before.next_step if next_step is None else next_step.strip(),
                updated_at=now,
                won_at=now if effect.status is Status.WON else before.won_at,
                lost_at=now if effect.status is Status.LOST else before.lost_at,
            )
            contact = Contact(
                lead_id=lead_id,
                at=at,
                channel=channel,
                outcome=outcome,
                direction=direction,
                note=note,
                next_step=lead.next_step,
                next_due=lead.next_due,
            )
            contact_id = ContactRow.insert(
                lead=lead_id,
                at=to_utc_text(at),
                channel=channel.value,
                direction=direction.value,
                outcome=outcome.value,
                note=note,
                next_step=contact.next_step,
                next_due=_text(contact.next_due),
                session_id=session_id,
            ).execute()
            self._write(lead)
        return lead, replace(contact, id=contact_id)

    @_translated
    def snooze(self, lead_id: int, until: DateTime, now: DateTime) -> Lead:
        """Put a lead's follow-up off until `until` (not a promise: the cadence may move it)."""
        now = now.in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id)
            if before.status is not Status.ACTIVE:
                raise StoreError(f"lead {lead_id} is {before.status.value}, not on the board")
            lead = replace(before, next_due=until.in_tz("UTC"), promised=False, updated_at=now)
            self._write(lead)
        return lead

    @_translated
    def move(self, lead_id: int, temperature: Temperature, now: DateTime) -> Lead:
        """Move a lead to a temperature; its due date follows the move rules."""
        now = now.in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id)
            if before.temperature is temperature:
                return before
            lead = replace(
                before,
                temperature=temperature,
                next_due=due_after_move(before, temperature, self.policy, now),
                updated_at=now,
            )
            self._write(lead)
            self._record_temperature(lead_id, now, before.temperature, temperature)
        return lead

    @_translated
    def set_status(self, lead_id: int, status: Status, now: DateTime, reason: str = "") -> Lead:
        """Mark a lead won, lost (with a reason), inactive, or revive it to active at step 1."""
        now = now.in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id)
            if status is Status.ACTIVE:
                if before.status is Status.ACTIVE:
                    raise StoreError(f"lead {lead_id} is already active")
                lead = replace(
                    before,
                    status=status,
                    sequence_step=1,
                    next_due=due_for_new_lead(now),
                    promised=False,
                    lost_reason="",
                    updated_at=now,
                )
            else:
                if before.status is status:
                    raise StoreError(f"lead {lead_id} is already {status.value}")
                lead = replace(
                    before,
                    status=status,
                    next_due=None,
                    promised=False,
                    updated_at=now,
                    won_at=now if status is Status.WON else before.won_at,
                    lost_at=now if status is Status.LOST else before.lost_at,
                    inactive_at=now if status is Status.INACTIVE else before.inactive_at,
                    lost_reason=reason.strip() if status is Status.LOST else before.lost_reason,
                )
            self._write(lead)
        return lead

    @_translated
    def restore(self, lead: Lead, drop_contact_id: int | None = None) -> None:
        """Put a lead back exactly as it was (undo), dropping the contact that changed it."""
        assert lead.id is not None
        with self.db.atomic():
            current = self._read(lead.id)
            if current.temperature is not lead.temperature:
                # The move being undone recorded a change; drop it so stats never see it.
                latest = (
                    TemperatureChangeRow.select(peewee.fn.MAX(TemperatureChangeRow.id))
                    .where(TemperatureChangeRow.lead == lead.id)
                    .scalar()
                )
                TemperatureChangeRow.delete().where(TemperatureChangeRow.id == latest).execute()
            if drop_contact_id is not None:
                ContactRow.delete().where(ContactRow.id == drop_contact_id).execute()
            self._write(lead)

    @_translated
    def delete(self, lead_id: int) -> None:
        """Remove a lead and its history (only to undo adding it: leads are never deleted)."""
        with self.db.atomic():
            self._read(lead_id)
            LeadRow.delete().where(LeadRow.id == lead_id).execute()

    @_translated
    def backup(self, target: Path) -> None:
        """Write a consistent copy of the database to `target` (safe while others write)."""
        if target.resolve() == sqlite_path(str(self.db.database)).resolve():
            raise StoreError("the backup file must not be the database itself")
        backup_to(self.db, target)

    def close(self) -> None:
        """Close this thread's connection."""
        if not self.db.is_closed():
            self.db.close()
