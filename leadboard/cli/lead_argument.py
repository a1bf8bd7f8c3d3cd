"""A lead argument: an id (`12`, `#12`) or a unique name (`"Emma Hughes"`, `"Emma Hughes, Acme"`).

A name matches exactly, ignoring case and repeated spaces; an active lead is
preferred to a closed one of the same name. More than one match is refused
with the candidates listed, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from leadboard.cli.context import UserError
from leadboard.domain.model import Lead, Status
from leadboard.domain.text import cell_text, cell_width, clean_input, clipped, fit_width, printable
from leadboard.domain.wording import counted, number

if TYPE_CHECKING:
    from leadboard.store.leads import LeadStore

MAX_ID_DIGITS = 18
"""SQLite ids stop at 2**63: a longer number cannot be an id."""

SHOWN_CANDIDATES = 10
"""How many leads an ambiguous name lists before '... and N more'."""


def lead_id(text: str) -> int | None:
    """The id a lead argument gives (`12`, `#12`), or None when it is not a number."""
    cleaned = text.strip().removeprefix("#")
    # isdigit() alone accepts '²'.
    if not (cleaned.isascii() and cleaned.isdigit()):
        return None
    if len(cleaned) > MAX_ID_DIGITS:
        raise UserError(f"no lead with id {cleaned}")
    return int(cleaned)


def _named(store: LeadStore, name: str, company: str | None) -> list[Lead]:
    """Leads with exactly this name (and company, when given), active ones first."""
    # store.lead_names narrows through the search index; the exact test is there too.
    matches = store.named_exactly(name, company)
    active = [lead for lead in matches if lead.status is Status.ACTIVE]
    return active or matches


def find_lead(store: LeadStore, text: str) -> Lead:
    """The lead a lead argument names; UserError when none or several do."""
    number = lead_id(text)
    if number is not None:
        return store.get(number)
    name = clean_input(text).strip()
    if not any(ch.isalpha() for ch in name):
        # '1.5', '-5', '²': meant as an id, not a name.
        raise UserError(f'"{clipped(name, 40, "")}" is not a lead id (a number, like 12)')
    matches = _named(store, name, None)
    if not matches and "," in name:
        before, _, after = name.rpartition(",")
        if before.strip() and after.strip():
            matches = _named(store, before, after)
    shown = clipped(printable(name), 60)
    if not matches:
        raise UserError(
            f'no lead with id or name "{shown}"; '
            "`leadboard list --search TEXT` finds leads by part of a name"
        )
    if len(matches) > 1:
        raise UserError(
            f'"{shown}" names {counted(len(matches), "lead")}; give the id of the one you mean:',
            candidates(matches),
        )
    return matches[0]


def candidates(leads: Sequence[Lead]) -> list[str]:
    """One aligned line per lead: id, name, company, temperature (and status when closed)."""
    listed = leads[:SHOWN_CANDIDATES]
    rows = [
        [
            f"#{lead.id}",
            cell_text(clipped(lead.name, 40)),
            cell_text(clipped(lead.company, 40)),
            lead.temperature.value
            + ("" if lead.status is Status.ACTIVE else f" ({lead.status.value})"),
        ]
        for lead in listed
    ]
    widths = [max(cell_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  " + "  ".join(fit_width(cell, width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    if len(leads) > len(listed):
        lines.append(f"  ... and {number(len(leads) - len(listed))} more")
    return [line.rstrip() for line in lines]
