"""Importing a file again creates nothing: rows are recognised by their fingerprint too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leadboard.actions.importing import (
    Action,
    ImportOptions,
    apply_import,
    import_file,
    plan_import,
)
from leadboard.domain.model import LeadDraft
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

# Shaped like a contacts-app export: most rows have a name and nothing that identifies them.
NAMES_ALONE = (
    "Name,Labels,Notes\nAnn Lee,friends,met at the fair\nBob Ray,,\nChloé Durand,* myContacts,\n"
)

MIXED = (
    "Name,Email,Notes\n"
    "Ann Lee,,met at the fair\n"  # 2: a name alone
    "Bob Ray,bob@ray.example,\n"  # 3
    "Ann Lee,,met at the fair\n"  # 4: row 2 again, cell for cell
    ",,no name\n"  # 5: rejected
    "Bobby Ray,BOB@ray.example,\n"  # 6: row 3's email
    "Ann Lee,,another Ann\n"  # 7: same name, another person
)


def write(tmp_path: Path, text: str, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def fates(report: Any) -> list[tuple[int, str, str, int | None]]:
    """(row, action, reason, lead) of every row."""
    return [(d.row, d.action.value, d.reason, d.lead_id) for d in report.decisions]


def test_names_alone_imported_twice_are_not_doubled(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, NAMES_ALONE)
    first = import_file(path, store, ImportOptions(), now=NOW)
    assert first.counts[Action.CREATE] == 3
    second = import_file(path, store, ImportOptions(), now=NOW)
    assert fates(second) == [
        (2, "skip", "already #1 Ann Lee (imported before)", 1),
        (3, "skip", "already #2 Bob Ray (imported before)", 2),
        (4, "skip", "already #3 Chloé Durand (imported before)", 3),
    ]
    updated = import_file(path, store, ImportOptions(on_duplicate="update"), now=NOW)
    assert [d.action for d in updated.decisions] == [Action.UPDATE] * 3
    assert store.count() == 3
    # Merged, never repeated: the notes as they were, the Labels cell the lead's tags.
    assert (store.get(1).notes, store.get(1).tags) == ("met at the fair", ("friends",))


def test_the_dry_run_decides_as_the_import_does(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, MIXED)
    plan = plan_import(path, store, ImportOptions(), now=NOW)
    result = apply_import(store, plan, now=NOW)
    # A preview names rows of the file where the import names the leads they made.
    assert fates(plan) == [
        (2, "create", "", None),
        (3, "create", "", None),
        (4, "skip", "same cells as row 2", None),
        (5, "reject", "a lead needs a name", None),
        (6, "skip", "same email as row 3", None),
        (7, "create", "", None),
    ]
    assert fates(result) == [
        (2, "create", "", 1),
        (3, "create", "", 2),
        (4, "skip", "same cells as an earlier row: #1 Ann Lee", 1),
        (5, "reject", "a lead needs a name", None),
        (6, "skip", "same email as #2 Bob Ray", 2),
        (7, "create", "", 3),
    ]
    # The second time, preview and import agree word for word, and create nothing.
    for on_duplicate in ("skip", "update"):
        options = ImportOptions(on_duplicate=on_duplicate)
        plan = plan_import(path, store, options, now=NOW)
        result = apply_import(store, plan, now=NOW)
        assert fates(plan) == fates(result)
        assert plan.counts == result.counts and result.counts[Action.CREATE] == 0
    # Rows with an email are found by it; the rows with a name alone by their fingerprint.
    assert fates(result) == [
        (2, "update", "already #1 Ann Lee (imported before)", 1),
        (3, "update", "same email as #2 Bob Ray", 2),
        (4, "update", "already #1 Ann Lee (imported before)", 1),
        (5, "reject", "a lead needs a name", None),
        (6, "update", "same email as #2 Bob Ray", 2),
        (7, "update", "already #3 Ann Lee (imported before)", 3),
    ]
    assert store.count() == 3


def test_a_name_alone_is_another_person_unless_it_is_the_same_row(
    store: LeadStore, tmp_path: Path
) -> None:
    store.add(LeadDraft(name="Ann Lee", notes="typed in by hand"), NOW)
    path = write(tmp_path, "Name\nAnn Lee\n")
    first = import_file(path, store, ImportOptions(), now=NOW)
    assert fates(first) == [(2, "create", "", 2)]  # a lead of the same name may be another Ann
    again = import_file(path, store, ImportOptions(), now=NOW)
    assert fates(again) == [(2, "skip", "already #2 Ann Lee (imported before)", 2)]
    assert store.count() == 2


def test_the_row_is_known_by_its_cells_not_by_the_columns_order(
    store: LeadStore, tmp_path: Path
) -> None:
    import_file(write(tmp_path, NAMES_ALONE), store, ImportOptions(), now=NOW)
    # The same export again: columns reordered, headers spelled another way, an empty column.
    reexport = write(
        tmp_path,
        "notes,Phone,NAME,labels\n"
        "met at the fair,,Ann Lee ,friends\n"
        ",,Bob Ray,\n"
        ",,Chloé Durand,* myContacts,\n",
        "again.csv",
    )
    again = import_file(reexport, store, ImportOptions(), now=NOW)
    assert again.counts[Action.CREATE] == 0 and store.count() == 3
    # A row changed in any cell is a new row: with a name alone, nothing else says it is Ann.
    changed = write(tmp_path, "Name,Labels,Notes\nAnn Lee,friends,met at the fair again\n", "c.csv")
    assert fates(import_file(changed, store, ImportOptions(), now=NOW)) == [(2, "create", "", 4)]


def test_a_row_already_skipped_by_email_is_not_remembered_for_its_lead(
    store: LeadStore, tmp_path: Path
) -> None:
    ann = store.add(LeadDraft(name="Ann Lee", email="ann@acme.example"), NOW)
    path = write(tmp_path, "Name,Email\nAnn L.,ANN@acme.example\n")
    for _ in range(2):
        # Skipped rows change nothing, their fingerprint included: the email finds Ann again.
        report = import_file(path, store, ImportOptions(), now=NOW)
        assert fates(report) == [(2, "skip", f"same email as #{ann.id} Ann Lee", ann.id)]
    assert store.db.execute_sql("SELECT COUNT(*) FROM import_fingerprint").fetchone() == (0,)
