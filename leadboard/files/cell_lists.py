"""Cells that hold several values: a JSON list (Krayin's emails and phones), or emails joined by ;.

The first value is the field's; the others go to the notes, labelled by the
field and the label the file gave them ("Email (home): c@d.com") or their place
("Email 2: c@d.com"). Plain text is split only where that is safe: an email cell
whose every part, split at ";" or ",", is an email. Phones are never split on
commas (a comma in a phone number can be a dialling pause).
"""

from __future__ import annotations

import json
import re

from leadboard.domain.validation import email_problem

LISTED_FIELDS = {"email": "Email", "phone": "Phone"}
"""Fields whose cells may hold several values, and how the notes name the others."""

_EMAIL_SEPARATORS = re.compile(r"\s*[;,]\s*")


def _json_values(cell: str) -> list[tuple[str, str]] | None:
    """[(label, value)] from '[{"label":"work","value":"a@b.com"}]' or '["a", "b"]', else None."""
    try:
        items = json.loads(cell)
    except ValueError:
        return None
    if not isinstance(items, list):
        return None
    found: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, dict):
            value, label = item.get("value", ""), item.get("label", "")
        else:
            value, label = item, ""
        if isinstance(value, str | int) and str(value).strip():
            found.append((str(label).strip() if isinstance(label, str) else "", str(value).strip()))
    return found


def _split_emails(cell: str) -> list[tuple[str, str]] | None:
    """The emails of 'a@b.com; c@d.com' when every part is one, else None."""
    if ";" not in cell and "," not in cell:
        return None
    parts = [part for part in _EMAIL_SEPARATORS.split(cell) if part]
    if len(parts) < 2 or any(email_problem(part) for part in parts):
        return None
    return [("", part) for part in parts]


def split_listed(field: str, cell: str) -> tuple[str, list[str]] | None:
    """(the field's value, notes lines for the rest) when the cell holds several values, else None.

    The value is '' for an empty JSON list ('[]'): the field is then not given.
    """
    values = None
    if cell.startswith("[") and cell.endswith("]"):
        values = _json_values(cell)
    elif field == "email":
        values = _split_emails(cell)
    if values is None:
        return None
    name = LISTED_FIELDS[field]
    lines = [
        f"{name} ({label}): {value}" if label else f"{name} {place}: {value}"
        for place, (label, value) in enumerate(values[1:], start=2)
    ]
    return (values[0][1] if values else ""), lines
