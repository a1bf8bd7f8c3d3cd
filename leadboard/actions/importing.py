"""Import a spreadsheet of leads or of logged contacts: preview it, then apply it whole.

The API the command line and the board share::

    options = ImportOptions(on_duplicate="update")        # or "skip" (the default)
    plan = plan_import(path, store, options, now=now)     # reads only: a preview
    plan.columns, plan.counts, plan.rejected[:5]          # what the preview screen shows
    plan.source.describe(), plan.warnings                 # the encoding, rows with bad bytes
    result = apply_import(store, plan, now=now, progress=bar)   # all rows land, or none

`encoding=` (plan_import, import_file) reads a CSV in an encoding the rep
names instead of the one leadboard.files.encoding chooses; apply_import reads
the file the way its preview did.

Both stream the file (memory stays flat) and make the same decisions row by row:
a row whose email, phone, or name + company matches a lead already in the
database, or an earlier row of the file, is a duplicate, updated or skipped as
`on_duplicate` says, never added twice. A row with none of those (a name alone)
is recognised by its fingerprint (leadboard.files.fingerprint): the same row
imported before, or earlier in the file. A lead of the same name alone is not a
match: it may be another person. apply_import decides again inside its
write transaction, so a database changed since the preview is still imported
correctly; its counts are the ones that happened. With `strict`, any rejected
row raises ImportRefused and nothing is written.

From the board, run both in a thread worker inside `store.own_connection()`
(Peewee keeps a connection per thread); `progress` is called on that thread, so
hand it to the UI with `call_from_thread`. A preview holds only a read snapshot
and never blocks other writers; apply holds the write lock for its one transaction.

The file is read and mapped by leadboard.files, the lead each row makes or fills
comes from leadboard.domain.imported, and the writes go through the store's
import_transaction: this module only drives them and decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from pendulum import DateTime

from leadboard.domain.imported import ContactValues, name_key
from leadboard.files.columns import CONTACTS, LEADS, ColumnMap, detect_kind, map_columns
from leadboard.files.file_dates import DateOrders, read_date_orders
from leadboard.files.file_errors import FileError, RowError
from leadboard.files.fingerprint import RowFingerprints
from leadboard.files.parsed_rows import read_contact, read_lead
from leadboard.files.reading import BAD_ROWS_KEPT, Table, count_rows, open_table
from leadboard.files.report import (
    DETAIL_LIMIT,
    Action,
    ImportOptions,
    ImportPlan,
    ImportRefused,
    ImportReport,
    ImportResult,
    RowDecision,
)
from leadboard.files.values import shown
from leadboard.store.import_transaction import ImportTransaction, import_transaction
from leadboard.store.import_write import contact_key
from leadboard.store.leads import LeadStore

__all__ = [
    "Action",
    "ImportOptions",
    "ImportPlan",
    "ImportRefused",
    "ImportReport",
    "ImportResult",
    "RowDecision",
    "apply_import",
    "import_file",
    "plan_import",
]

ProgressCallback = Callable[[int, int], None]
"""Called with (done, total) as work advances; leadboard.cli.progress.Progress is one."""

PROGRESS_EVERY = 500


def plan_import(
    path: Path,
    store: LeadStore,
    options: ImportOptions,
    *,
    now: DateTime,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
) -> ImportPlan:
    """Read the file and decide every row against the database, writing nothing."""
    report = _run(store, path, options, now, write=False, progress=progress, encoding=encoding)
    return ImportPlan(**vars(report))


def apply_import(
    store: LeadStore, plan: ImportPlan, *, now: DateTime, progress: ProgressCallback | None = None
) -> ImportResult:
    """Import a previewed file in one transaction (deciding again against the database now)."""
    options = replace(plan.options, kind=plan.kind)
    # An encoding leadboard chose is chosen again from the same bytes; the rep's is kept.
    encoding = plan.source.codec if plan.source.chosen else None
    return import_file(plan.path, store, options, now=now, progress=progress, encoding=encoding)


def import_file(
    path: Path,
    store: LeadStore,
    options: ImportOptions,
    *,
    now: DateTime,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Import a file in one transaction without a preview first (the command line's way)."""
    report = _run(store, path, options, now, write=True, progress=progress, encoding=encoding)
    return ImportResult(**vars(report))


def _run(
    store: LeadStore,
    path: Path,
    options: ImportOptions,
    now: DateTime,
    *,
    write: bool,
    progress: ProgressCallback | None,
    encoding: str | None,
) -> ImportReport:
    """Stream the rows through the decisions, inside a write or a read transaction."""
    if options.on_duplicate not in ("skip", "update"):
        raise FileError(f'on_duplicate must be skip or update, not "{options.on_duplicate}"')
    if options.kind not in ("auto", LEADS, CONTACTS):
        raise FileError(f'kind must be auto, leads or contacts, not "{options.kind}"')
    with open_table(path, encoding) as table:
        total = count_rows(path, table.info.codec or None) if progress is not None else 0
        kind = detect_kind(table.header) if options.kind == "auto" else options.kind
        columns = map_columns(table.header, kind)
        report = ImportReport(path, options, kind, table.info, columns.described())
        # G2 (issue 13): each date column's day/month order, from one read before the rows.
        dates = read_date_orders(path, encoding, columns, options.day_first)
        report.date_orders = dates.described
        # On any error the rollback takes the temp table and the set-aside trigger with it.
        with import_transaction(store, now, write=write, names_alone=kind == CONTACTS) as txn:
            rows = _Rows(txn, report, now, store.policy.tz, write, RowFingerprints(table.header))
            rows.dates = dates  # G2 (issue 13)
            bad = _BadBytes(table, report)
            for number, cells in table.rows():
                if kind == LEADS:
                    rows.lead(number, cells, columns, bad.of_last_row())
                else:
                    rows.contact(number, cells, columns, bad.of_last_row())
                report.rows += 1
                if progress is not None and report.rows % PROGRESS_EVERY == 0:
                    progress(report.rows + table.blank_rows, total)
            report.blank_rows = table.blank_rows
            report.applied = write
            _refuse_if_strict(report)
    if progress is not None:
        progress(total, total)
    return report


def _refuse_if_strict(report: ImportReport) -> None:
    """Raise ImportRefused (rolling the transaction back) when strict and any row was rejected."""
    rejected = report.counts[Action.REJECT]
    if report.options.strict and rejected and report.applied:
        first = report.rejected[0]
        report.applied = False
        raise ImportRefused(
            f"strict: {rejected:,} row{'s' if rejected != 1 else ''} rejected, nothing imported "
            f"(row {first.row}: {first.reason})",
            report,
        )


class _BadBytes:
    """Which rows held bytes that did not decode: the table notes them as it reads them."""

    def __init__(self, table: Table, report: ImportReport) -> None:
        self.table = table
        self.count = table.bad_row_count
        self.kept = len(table.bad_rows)
        # The header's own bad bytes are the report's first warning.
        report.warnings.extend(table.bad_rows)
        report.warned_rows = table.bad_row_count

    def of_last_row(self) -> tuple[str, ...]:
        """The row just read's bad-bytes warning, or () (the common case: one comparison)."""
        table = self.table
        if table.bad_row_count == self.count:
            return ()
        self.count = table.bad_row_count
        if len(table.bad_rows) == self.kept:
            return ("bytes that did not decode",)  # past BAD_ROWS_KEPT: counted, not described
        self.kept = len(table.bad_rows)
        return (table.bad_rows[-1][1],)


class _Rows:
    """Decide (and, when writing, apply) one row at a time."""

    dates: DateOrders | None = None
    """G2 (issue 13): each date column's day/month order (files.file_dates)."""

    def __init__(
        self,
        txn: ImportTransaction,
        report: ImportReport,
        now: DateTime,
        tz: str,
        write: bool,
        fingerprints: RowFingerprints,
    ) -> None:
        self.report = report
        self.fingerprints = fingerprints
        self.now = now
        self.tz = tz
        self.write = write
        self.update = report.options.on_duplicate == "update"
        self.currency = report.options.currency
        self.keys = txn.keys
        self.writer = txn.writer

    def _record(
        self,
        row: int,
        action: Action,
        label: str,
        reason: str = "",
        lead_id: int | None = None,
        warnings: tuple[str, ...] = (),
    ) -> None:
        report = self.report
        counts = report.counts
        counts[action] += 1
        listed = len(report.decisions) - counts[Action.REJECT]
        # Built only when kept: past DETAIL_LIMIT a row costs a counter, not an object.
        if action is Action.REJECT or listed < DETAIL_LIMIT:
            report.decisions.append(RowDecision(row, action, label, reason, lead_id, warnings))
        if warnings:
            report.warned_rows += 1
            room = BAD_ROWS_KEPT - len(report.warnings)
            if room > 0:
                report.warnings.extend((row, what) for what in warnings[:room])

    def lead(
        self, number: int, cells: Sequence[str], columns: ColumnMap, bad: tuple[str, ...]
    ) -> None:
        """One row of a leads file (`bad`: its warning about bytes that did not decode)."""
        try:
            lead = read_lead(number, cells, columns, self.now, self.tz, self.dates, self.currency)
        except RowError as err:
            self._record(number, Action.REJECT, "", str(err), warnings=bad)
            return
        self.report.cleaned_cells += lead.cleaned
        warnings = bad + lead.warnings if bad else lead.warnings
        # Only a row nothing else identifies needs one: the hot path of a CRM export
        # (every row with an email) pays nothing for it.
        keyless = not (lead.email_key or lead.phone_key or lead.name_key)
        fingerprint = self.fingerprints.of(cells) if keyless else None
        match = self.keys.find(lead.email_key, lead.phone_key, lead.name_key, fingerprint)
        written = self.write and (match is None or self.update)
        if match is None:
            target = self.writer.create_lead(lead) if self.write else -number
            created = target if self.write else None
            self._record(number, Action.CREATE, lead.name, "", created, warnings)
        else:
            target = match.target
            action = Action.UPDATE if self.update else Action.SKIP
            if written:
                # The lead's old email and phone still name it for later rows of the file.
                old_email, old_phone = self.writer.update_lead(target, lead)
                self.keys.remember(target, old_email, old_phone, "", written=False)
            shown = target if target > 0 else None
            self._record(number, action, lead.name, match.describe(), shown, warnings)
        self.keys.remember(target, lead.email_key, lead.phone_key, lead.name_key, written)
        if fingerprint is not None:
            self.keys.remember_row(fingerprint, target, written)

    def contact(
        self, number: int, cells: Sequence[str], columns: ColumnMap, bad: tuple[str, ...]
    ) -> None:
        """One row of a contact log (`bad`: its warning about bytes that did not decode)."""
        try:
            contact = read_contact(number, cells, columns, self.now, self.tz, self.dates)
            lead_id = self._lead_of(contact)
        except RowError as err:
            self._record(number, Action.REJECT, "", str(err), warnings=bad)
            return
        self.report.cleaned_cells += contact.cleaned
        warnings = bad + contact.warnings if bad else contact.warnings
        who = f"{contact.lead_name} (lead #{lead_id})" if contact.lead_name else f"lead #{lead_id}"
        label = f"{contact.channel.value}, {contact.outcome.label}: {who}"
        key = contact_key(lead_id, contact)
        twin = self.keys.contact_twin(key)
        if twin is None:
            target = self.writer.add_contact(lead_id, contact) if self.write else -number
            self._record(number, Action.CREATE, label, "", lead_id, warnings)
        else:
            target = twin
            action = Action.UPDATE if self.update else Action.SKIP
            if self.write and self.update:
                self.writer.update_contact(twin, contact)
            where = f"contact #{twin}" if twin > 0 else f"row {-twin}"
            self._record(number, action, label, f"same as {where}", lead_id, warnings)
        self.keys.remember_contact(key, target)

    def _lead_of(self, contact: ContactValues) -> int:
        """The lead a contact row names: by id (when the name agrees), email, phone, name."""
        if contact.lead_id is not None:
            name = self.keys.lead_exists(contact.lead_id)
            agrees = not contact.lead_name or name_key(name or "", "") == name_key(
                contact.lead_name, ""
            )
            if name is not None and agrees:
                return contact.lead_id
        named = contact.name_key if contact.has_company else ""
        match = self.keys.find(contact.email_key, contact.phone_key, named)
        if match is None and contact.name_key and not contact.has_company:
            match = self.keys.find_name(contact.name_key)
        if match is None:
            asked = f"#{contact.lead_id}" if contact.lead_id else ""
            asked = contact.lead_name or asked or "this email or phone"
            raise RowError(f'no lead matches "{shown(asked)}"')
        if match.shared_by > 1:
            raise RowError(
                f'{match.shared_by} leads match "{shown(contact.lead_name)}"; '
                "give the lead's id, email or phone"
            )
        return match.target
