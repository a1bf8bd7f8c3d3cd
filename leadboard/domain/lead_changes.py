"""What another rep changed on a lead between two versions of it, in the rep's words."""

from __future__ import annotations

from dataclasses import dataclass

from leadboard.domain.dates import to_utc_text
from leadboard.domain.model import Lead
from leadboard.domain.tags import listed_tags
from leadboard.domain.text import clipped

_LABELS = (
    ("name", "name"),
    ("company", "company"),
    ("title", "title"),
    ("email", "email"),
    ("phone", "phone"),
    ("preferred_channel", "channel"),
    ("source", "source"),
    ("referred_by", "referred by"),
    ("temperature", "temperature"),
    ("status", "status"),
    ("fit", "fit"),
    ("interest", "interest"),
    ("readiness", "readiness"),
    ("next_step", "next step"),
    ("next_due", "next due"),
    ("promised", "promised"),
    ("sequence_step", "sequence step"),
    ("notes", "notes"),
    ("owner", "owner"),
    ("lost_reason", "lost reason"),
    ("value", "deal value"),
    ("tags", "tags"),
    ("last_contact", "last contact"),
)
"""Lead fields a rep sees, with the words a message names them by."""


@dataclass(frozen=True)
class FieldChange:
    """One field of a lead, as the rep saw it and as it is now."""

    field: str
    label: str
    before: str
    after: str

    def describe(self) -> str:
        """What changed, as: company 'Acme' → 'Acme Ltd'."""
        return f"{self.label} {self.before!r} → {self.after!r}"


def _shown(value: object) -> str:
    """A field's value as a short line of text (moments as their stored UTC text)."""
    if value is None:
        return ""
    word = getattr(value, "value", None)
    if isinstance(word, str):
        return word
    if isinstance(value, tuple):
        return listed_tags(value)
    if hasattr(value, "in_tz"):
        return to_utc_text(value)  # type: ignore[arg-type]  # a pendulum DateTime
    return clipped(str(value), 40)


def lead_changes(seen: Lead, current: Lead) -> list[FieldChange]:
    """The fields that differ between the lead as the rep saw it and as it is now."""
    changes = []
    for name, label in _LABELS:
        before, after = getattr(seen, name), getattr(current, name)
        if before != after:
            changes.append(FieldChange(name, label, _shown(before), _shown(after)))
    return changes
