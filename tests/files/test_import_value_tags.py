"""Importing deal values and tags (issue 16, points 1 and 5): which columns, how cells read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from leadboard.actions.importing import Action, ImportOptions, import_file
from leadboard.domain.model import Lead, LeadDraft, Temperature
from leadboard.domain.money import currency_for
from leadboard.files.columns import LEADS, map_columns
from leadboard.store.exporting import iter_leads
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

FILE = """Name,Email,Deal Value,Tags
Ann Lee,ann@x.example,"€42,300.50",VIP; q4
Ben Roy,ben@x.example,"1.234,50","big deal, won back"
Cy Dunn,cy@x.example,twelve,
Dee Fox,dee@x.example,,"#Q4, renewal"
"""


def write(tmp_path: Path, text: str, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(store: LeadStore, path: Path, **options: Any) -> tuple[dict[str, Lead], Any]:
    """Import the file; every lead of the database by name, and the result."""
    result = import_file(path, store, ImportOptions(**options), now=NOW)
    return {lead.name: lead for lead in iter_leads(store)}, result


def warned(report: Any) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for row, what in report.warnings:
        found.setdefault(row, []).append(what)
    return found


def test_deal_values_and_tags_are_read_from_their_columns(store: LeadStore, tmp_path: Path) -> None:
    leads, result = imported(store, write(tmp_path, FILE))
    assert result.counts[Action.CREATE] == 4 and not result.rejected
    assert (leads["Ann Lee"].value, leads["Ann Lee"].tags) == (4_230_050, ("q4", "vip"))
    # A comma before two digits is the decimal mark, a dot before three groups thousands.
    assert (leads["Ben Roy"].value, leads["Ben Roy"].tags) == (123_450, ("big-deal", "won-back"))
    assert (leads["Dee Fox"].value, leads["Dee Fox"].tags) == (None, ("q4", "renewal"))
    # An amount that is none never costs the lead (PRODUCT.md): notes, with the reason.
    cy = leads["Cy Dunn"]
    assert (cy.value, cy.tags) == (None, ())
    assert cy.notes == "Deal Value: twelve"
    assert warned(result)[4] == [
        "Deal Value: not an amount: 'twelve' (write it as 42300, 42,300.50 or 12k); kept in notes"
    ]
    assert {row for row in warned(result)} == {4}


def test_an_update_sets_a_given_value_and_adds_the_files_tags(
    store: LeadStore, tmp_path: Path
) -> None:
    draft = LeadDraft(name="Ann Lee", email="ann@x.example", value=100, tags=("board", "vip"))
    store.add(draft, NOW)
    store.add(LeadDraft(name="Ben Roy", email="ben@x.example", value=777, tags=("mine",)), NOW)
    text = "Name,Email,Amount,Tags\nAnn Lee,ann@x.example,2500,q4\nBen Roy,ben@x.example,,\n"
    leads, result = imported(store, write(tmp_path, text), on_duplicate="update")
    assert result.counts[Action.UPDATE] == 2
    # The rep's own tags stay: the file's join them.
    assert (leads["Ann Lee"].value, leads["Ann Lee"].tags) == (250_000, ("board", "q4", "vip"))
    # Empty cells erase nothing.
    assert (leads["Ben Roy"].value, leads["Ben Roy"].tags) == (777, ("mine",))


def test_values_are_read_in_the_configured_currency(store: LeadStore, tmp_path: Path) -> None:
    text = 'Name,Amount\nAnn Lee,"¥1,200"\nBen Roy,1200.50\n'
    leads, result = imported(store, write(tmp_path, text), currency=currency_for("JPY"))
    assert leads["Ann Lee"].value == 1200
    assert leads["Ben Roy"].value is None and leads["Ben Roy"].notes == "Amount: 1200.50"
    assert warned(result)[3] == ["Amount: '1200.50': JPY amounts are whole numbers; kept in notes"]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Name", "Amount", "Labels"], ["name", "value", "tags"]),
        (
            ["Deal - Title", "Deal - Value", "Person - Name", "Label"],
            ["notes", "value", "name", "temperature"],
        ),
        (
            ["Name", "Opportunity Amount", "Expected Revenue"],
            ["name", "value", "value (2nd choice)"],
        ),
        (["Full Name", "Budget", "Tag"], ["name", "value", "tags"]),
        # A company's revenue is no deal's value: it stays in the notes.
        (["Name", "Annual Revenue", "Revenue", "Categories"], ["name", "notes", "notes", "tags"]),
    ],
    ids=["plain", "pipedrive deals", "salesforce opportunities", "budget", "company revenue"],
)
def test_value_and_tag_headers(headers: list[str], expected: list[str]) -> None:
    assert [what for _, what in map_columns(headers, LEADS).described()] == expected


def test_a_google_labels_cell_drops_googles_own_groups(store: LeadStore, tmp_path: Path) -> None:
    text = "Name,Labels\nAnn Lee,* myContacts ::: Florists ::: Big Clients\n"
    leads, _ = imported(store, write(tmp_path, text))
    assert leads["Ann Lee"].tags == ("big-clients", "florists")


def test_a_temperature_label_is_still_a_temperature(store: LeadStore, tmp_path: Path) -> None:
    leads, _ = imported(store, write(tmp_path, "Name,Label,Tags\nAnn Lee,Hot lead,vip\n"))
    assert (leads["Ann Lee"].temperature, leads["Ann Lee"].tags) == (Temperature.HOT, ("vip",))
