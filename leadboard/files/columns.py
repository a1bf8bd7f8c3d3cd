"""Which column holds which field: headers of leadboard's own exports and of common CRMs.

Headers are compared as keys (leadboard.files.header_aliases): case, accents,
punctuation and spacing ignored. Several columns for one field (Email, Email 2;
Phone, Mobile) form a group: per row the first non-empty one in the group's
order fills the field and the others go into the notes, labelled by their
header. A column no alias claims is kept too: its values go into the lead's
notes as "Header: value" lines. Only system noise (ids, IsDeleted, modified
times: header_aliases.NOISE) and empty cells are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from leadboard.domain.identity import email_key, phone_key
from leadboard.files.file_errors import FileError
from leadboard.files.header_aliases import (
    CONTACT_ALIASES,
    DIALECTS,
    LEAD_ALIASES,
    NAME_PARTS,
    PREFIXES,
    WEAK,
    Aliases,
)
from leadboard.files.header_aliases import normalize_header as normalize_header

LEADS, CONTACTS = "leads", "contacts"

FIELD_LABELS = {
    "": "(ignored)",
    "first_name": "name (first)",
    "middle_name": "name (middle)",
    "last_name": "name (last)",
}
"""How the preview names a field, where its key would read oddly."""

_ORDINALS = ("", "", "2nd", "3rd")
_NUMBER = re.compile(r"\d+")
_SIBLING = re.compile(r"^(.*) (?:type|label)$")
_VALUE_WORDS = ("value", "address", "formatted")
"""Google's 'E-mail 1 - Type' beside 'E-mail 1 - Value', Outlook's 'E-mail Type' beside
'E-mail Address': the kind of the value beside ('* Work', 'SMTP'), dropped."""


def _same(name: str, value: str) -> str:
    """What makes two cells of one group the same value: a phone's digits, an email's case."""
    if name == "phone":
        return phone_key(value) or value
    if name == "email":
        return email_key(value) or value.casefold()
    return value.casefold()


@dataclass(frozen=True)
class ColumnMap:
    """Where each field is in a row, and the columns whose values go into notes."""

    kind: str
    headers: tuple[str, ...]
    fields: Mapping[str, int]
    """Each field's first column (its only one, unless the field has a group)."""
    extras: tuple[tuple[int, str], ...]
    ignored: tuple[int, ...] = ()
    groups: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = ()
    """(field, ((column, header), ...)) in order of preference, for fields with several columns."""
    _singles: tuple[tuple[str, int], ...] = field(init=False, repr=False)
    _noted: tuple[tuple[int, str, str], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        grouped = {name for name, _ in self.groups}
        singles = tuple((name, i) for name, i in self.fields.items() if name not in grouped)
        # Cells that may go to the notes, in file order: (column, header, group field or "").
        noted = [(index, header, "") for index, header in self.extras]
        noted += [(i, header, name) for name, members in self.groups for i, header in members[1:]]
        object.__setattr__(self, "_singles", singles)
        object.__setattr__(self, "_noted", tuple(sorted(noted)))

    def present(self, cells: Sequence[str]) -> dict[str, str]:
        """{field: trimmed cell} for the fields this row fills (one pass: the import's hot path)."""
        width = len(cells)
        found: dict[str, str] = {}
        for name, index in self._singles:
            if index < width and (value := cells[index].strip()):
                found[name] = value
        for name, members in self.groups:
            for index, _ in members:
                if index < width and (value := cells[index].strip()):
                    found[name] = value
                    break
        return found

    def chosen(self, cells: Sequence[str], name: str) -> int | None:
        """The column that fills the field in this row: its group's first non-empty one."""
        for group, members in self.groups:
            if group == name:
                width = len(cells)
                return next((i for i, _ in members if i < width and cells[i].strip()), None)
        return self.fields.get(name)

    def raw(self, cells: Sequence[str], name: str) -> str:
        """The field's cell untrimmed (notes keep their own spacing)."""
        index = self.chosen(cells, name)
        return cells[index] if index is not None and index < len(cells) else ""

    def header_of(self, cells: Sequence[str], name: str) -> str:
        """The header of the column that fills the field in this row."""
        index = self.chosen(cells, name)
        return self.headers[index if index is not None else self.fields[name]].strip()

    def extra_lines(self, cells: Sequence[str]) -> list[str]:
        """'Header: value' for each non-empty cell no field took (cells past the header too)."""
        width = len(cells)
        lines: list[str] = []
        seen: dict[str, set[str]] = {}
        for index, header, name in self._noted:
            if index >= width or not (value := cells[index].strip()):
                continue
            if name:
                # A group's other cells: kept unless they repeat the value the field took.
                if name not in seen:
                    taken = self.raw(cells, name).strip()
                    seen[name] = {_same(name, taken)}
                key = _same(name, value)
                if key in seen[name]:
                    continue
                seen[name].add(key)
            lines.append(f"{header}: {value}")
        lines.extend(
            f"Column {index + 1}: {cell.strip()}"
            for index, cell in enumerate(cells[len(self.headers) :], start=len(self.headers))
            if cell.strip()
        )
        return lines

    def described(self) -> list[tuple[str, str]]:
        """(header, what it fills) for every column, in file order, for the preview."""
        used = {index: FIELD_LABELS.get(name, name) for name, index in self.fields.items()}
        for name, members in self.groups:
            for rank, (index, _) in enumerate(members[1:], start=2):
                ordinal = _ORDINALS[rank] if rank < len(_ORDINALS) else f"{rank}th"
                used[index] = f"{FIELD_LABELS.get(name, name)} ({ordinal} choice)"
        extra = {index for index, _ in self.extras}
        rows: list[tuple[str, str]] = []
        for index, header in enumerate(self.headers):
            if index in used:
                rows.append((header, used[index]))
            elif index in extra:
                rows.append((header, "notes" if self.kind == LEADS else "note"))
            else:
                rows.append((header, FIELD_LABELS[""]))
        return rows


def _lookup(aliases: Aliases, normalized: str) -> tuple[str, int, int] | None:
    """(field, tier, number) a header names: as written, without its number, or its prefix."""
    key = normalized.replace(" ", "")
    if key in aliases:
        return (*aliases[key], 0)
    if numbers := _NUMBER.findall(key):
        # 'Email 2', 'E-mail 3 Address', 'Phone 1 - Value': one field, in the number's order.
        unnumbered = _NUMBER.sub("", key)
        if unnumbered in aliases:
            return (*aliases[unnumbered], int(numbers[0]))
    for prefix, kept in PREFIXES.items():
        rest = normalized.removeprefix(prefix)
        if rest != normalized and rest.replace(" ", "") not in kept:
            return _lookup(aliases, rest)
    return None


def _aliases_for(keys: Sequence[str], kind: str) -> Aliases:
    """The alias table of the kind, with the aliases of any system whose markers the file has."""
    aliases = LEAD_ALIASES if kind == LEADS else CONTACT_ALIASES
    present = set(keys)
    for markers, extra in DIALECTS if kind == LEADS else ():
        if markers & present:
            aliases = {**aliases, **extra}
    return aliases


def detect_kind(headers: Iterable[str]) -> str:
    """A contact log has a date column and a channel or outcome column; anything else is leads."""
    found = {
        match[0]
        for header in headers
        if (match := _lookup(CONTACT_ALIASES, normalize_header(header)))
    }
    return CONTACTS if "at" in found and ({"channel", "outcome"} & found) else LEADS


def map_columns(headers: Sequence[str], kind: str) -> ColumnMap:
    """Match headers to fields; FileError when the file lacks what every row needs."""
    normalized = [normalize_header(header) for header in headers]
    aliases = _aliases_for([n.replace(" ", "") for n in normalized], kind)
    claims: dict[str, list[tuple[int, int, int]]] = {}
    extras: list[int] = []
    ignored: list[int] = []
    for index, text in enumerate(normalized):
        match = _lookup(aliases, text)
        if match is None:
            extras.append(index)
        elif match[0] == "":
            ignored.append(index)
        else:
            claims.setdefault(match[0], []).append((match[1], match[2], index))
    _siblings(normalized, extras, ignored)
    if kind == LEADS:
        _name_parts(normalized, claims)
        _weak(normalized, claims, extras)
    fields: dict[str, int] = {}
    groups: list[tuple[str, tuple[tuple[int, str], ...]]] = []
    for name, found in claims.items():
        order = [index for _, _, index in sorted(found)]
        fields[name] = order[0]
        if len(order) > 1:
            groups.append((name, tuple((i, _label(headers, i)) for i in order)))
    columns = ColumnMap(
        kind,
        tuple(headers),
        fields,
        tuple((index, _label(headers, index)) for index in sorted(extras)),
        tuple(sorted(ignored)),
        tuple(groups),
    )
    _check(columns)
    return columns


def _label(headers: Sequence[str], index: int) -> str:
    return headers[index].strip() or f"Column {index + 1}"


def _siblings(normalized: Sequence[str], extras: list[int], ignored: list[int]) -> None:
    """Drop the kind column beside a value ('E-mail 1 - Type': '* Work'; Outlook's 'SMTP')."""
    present = set(normalized)
    for index in list(extras):
        match = _SIBLING.match(normalized[index])
        if match and any(f"{match[1]} {word}" in present for word in _VALUE_WORDS):
            extras.remove(index)
            ignored.append(index)


def _name_parts(normalized: Sequence[str], claims: dict[str, list[tuple[int, int, int]]]) -> None:
    """A plain Name beside only a first name is the last name, beside only a last the first."""
    have_first, have_last = "first_name" in claims, "last_name" in claims
    if have_first == have_last or "name" not in claims:
        return
    part = "last_name" if have_first else "first_name"
    for claim in list(claims["name"]):
        if normalized[claim[2]].replace(" ", "") in NAME_PARTS:
            claims["name"].remove(claim)
            claims.setdefault(part, []).append((1, 0, claim[2]))
    if not claims["name"]:
        del claims["name"]


def _weak(
    normalized: Sequence[str], claims: dict[str, list[tuple[int, int, int]]], extras: list[int]
) -> None:
    """A plain Title beside a Job Title is a salutation (Outlook, Odoo): it goes to the notes."""
    for name, found in list(claims.items()):
        weak = [c for c in found if normalized[c[2]].replace(" ", "") in WEAK]
        if weak and len(weak) < len(found):
            claims[name] = [c for c in found if c not in weak]
            extras.extend(c[2] for c in weak)


def _check(columns: ColumnMap) -> None:
    """Refuse a file whose rows could never be imported."""
    have = set(columns.fields)
    if columns.kind == LEADS and not have & {"name", "first_name", "last_name"}:
        raise FileError(
            "no name column: the header needs Name, or First Name and Last Name "
            "(also understood: Full Name, Person, Contact Name, Lead Name)"
        )
    if columns.kind == CONTACTS:
        if not have & {"lead_id", "name", "email", "phone"}:
            raise FileError(
                "a contact log needs a column naming the lead: lead_id, Lead Name, Email or Phone"
            )
        words = {"at": "date", "channel": "channel", "outcome": "outcome"}
        missing = [word for name, word in words.items() if name not in have]
        if missing:
            raise FileError(
                f"a contact log needs date, channel and outcome columns (missing: "
                f"{', '.join(missing)})"
            )
