"""Read a vCard file (.vcf from a phone, Google or Apple Contacts) as rows of leads, via vobject.

Each card becomes one row whose headers are leadboard's own field names (name,
company, title, email, phone, notes, created_at), so the import's columns,
preview, report and duplicate checks treat it like a spreadsheet row. What a
lead has no field for gets a labelled column of its own (Email 2, Phone 2,
Address, Website, Birthday, Categories...), which the import keeps in the
notes as "Header: value" lines. Cards are numbered from 1, as rows are.

vobject reads the lines: folding, vCard 2.1's QUOTED-PRINTABLE (soft line
breaks, any CHARSET) and quoted parameters. The values are unescaped here,
because vobject's own text decoding keeps only what comes before the first
unescaped comma ("NOTE:Met at the fair, liked roses" would lose the roses),
and many exporters leave commas unescaped.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any, TextIO

from leadboard.domain.text import printable
from leadboard.files.file_errors import FileError

FIELDS = ("name", "company", "title", "email", "phone", "notes", "created_at")
"""The columns every vCard table starts with: lead fields, by the names the importer knows."""

EXTRAS = (
    ("department", "Department"),
    ("nickname", "Nickname"),
    ("role", "Role"),
    ("email", "Email"),
    ("tel", "Phone"),
    ("adr", "Address"),
    ("url", "Website"),
    ("impp", "Messaging"),
    ("x-socialprofile", "Social profile"),
    ("bday", "Birthday"),
    ("anniversary", "Anniversary"),
    ("categories", "Categories"),
)
"""(key, column) of the values kept in notes, in the order their columns come."""

_FIRST_IS_FIELD = {"email", "tel"}
"""Properties whose first value is a lead field: their extra columns are numbered from 2."""

# Photos, logos, sounds and keys: a lead has no use for them, and a damaged one
# must not cost the contact; skipping them also skips decoding megabytes of base64.
_SKIPPED = re.compile(r"(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_PROPERTY = re.compile(r"[\w.-]+[;:]")

# TYPE words that say nothing a rep needs (or that vCard 2.1 writes as bare parameters).
_QUIET_TYPES = {"internet", "pref", "voice", "x400", "quoted-printable", "base64", "b", "8bit"}
_TYPE_WORDS = {"cell": "mobile", "iphone": "iPhone", "x-mobile": "mobile"}
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_URI_SCHEME = re.compile(r"(?:tel|mailto):", re.IGNORECASE)
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)

Card = dict[str, list[Any]]
"""A card's content lines by property name (lowercase)."""


def looks_like_vcard(head: bytes) -> bool:
    """True when the file's first bytes open a card (UTF-8, with or without BOM, or UTF-16)."""
    for codec in ("utf-8-sig", "utf-16"):
        text = head[:200].decode(codec, errors="ignore").lstrip("\ufeff \t\r\n")
        if text[:11].upper() == "BEGIN:VCARD":
            return True
    return False


class VCardLines:
    """The file's lines for vobject (which reads them with `readline`), photos left out."""

    def __init__(self, text: TextIO) -> None:
        """Read lines from `text`."""
        self._text = text
        self._skipping = False

    def readline(self) -> str:
        """The next line vobject should see ('' at the end)."""
        while line := self._text.readline():
            if self._skipping:
                # Base64 goes on in folded lines, or (vCard 2.1) bare lines that hold no ':'.
                if line[:1] in " \t" or (line.strip() and not _PROPERTY.match(line)):
                    continue
                self._skipping = False
            if _SKIPPED.match(line):
                self._skipping = True
                continue
            return line
        return ""


def vcard_rows(text: TextIO, shown: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (card number, cells) rows of a vCard file; FileError when damaged.

    `shown` names the file in messages. Every card is read before the first row
    is returned, so a damaged card refuses the whole file before anything is
    imported, and the extra columns are known (one card may have three emails).
    """
    try:
        from vobject.base import getLogicalLines, textLineToContentLine
    except ImportError:  # pragma: no cover - vobject is a dependency: a broken install
        raise FileError("reading .vcf files needs vobject: pip install vobject") from None
    cards: list[dict[str, list[str]]] = []
    lines = getLogicalLines(VCardLines(text), allowQP=True)
    parsed = (textLineToContentLine(line, number) for line, number in lines)
    try:
        for card in _cards(parsed, shown):
            cards.append(_card(card))
    except FileError:
        raise
    except Exception as err:  # vobject raises parse, codec and lookup errors alike
        # The card that failed is the one after those read.
        raise FileError(f"{shown} card {len(cards) + 1}: {_why(err)}") from None
    if not cards:
        raise FileError(f"{shown} holds no contacts (no BEGIN:VCARD line)")
    header, places = _columns(cards)
    rows = [(number, _cells(card, places, len(header))) for number, card in enumerate(cards, 1)]
    return header, rows


def _cards(lines: Iterator[Any], shown: str) -> Iterator[Card]:
    """Each BEGIN:VCARD ... END:VCARD as its lines; a card nested in one (AGENT) is left out."""
    card: Card | None = None
    depth = 0
    number = 0
    for line in lines:
        name = line.name.lower()
        if name in ("begin", "end"):
            kind = line.value.strip().upper()
            if card is None and name == "begin":
                if kind != "VCARD":
                    raise FileError(f"{shown} holds a {printable(kind)[:20]}, not contacts")
                card, number = {}, number + 1
            elif card is None:
                raise FileError(f"{shown} card {number}: END:{printable(kind)[:20]} after its end")
            elif name == "begin":
                depth += 1
            elif depth:
                depth -= 1
            elif kind != "VCARD":
                raise FileError(
                    f"{shown} card {number}: ends with END:{printable(kind)[:20]}, not END:VCARD"
                )
            else:
                yield card
                card = None
        elif card is None:
            raise FileError(
                f"{shown} card {number + 1}: {printable(line.name)[:40]} comes before BEGIN:VCARD"
            )
        elif not depth:
            card.setdefault(name, []).append(line)
    if card is not None:
        raise FileError(f"{shown} card {number}: the file ends before its END:VCARD")


def _why(err: Exception) -> str:
    """What vobject said, on one line, without its line number (photos were taken out)."""
    message = getattr(err, "msg", None) or str(err) or type(err).__name__
    return f"cannot be read ({printable(str(message))[:120]})"


def _split(value: str, separator: str) -> list[str]:
    """The parts between unescaped separators, their escapes left for `_unescaped`."""
    parts: list[str] = []
    start = index = 0
    while index < len(value):
        if value[index] == "\\":
            index += 2
            continue
        if value[index] == separator:
            parts.append(value[start:index])
            start = index + 1
        index += 1
    parts.append(value[start:])
    return parts


def _unescaped(value: str) -> str:
    r"""'Acme\, Inc.\nParis' -> 'Acme, Inc.' and a new line; an unknown escape stays as written."""
    if "\\" not in value:
        return value.strip()
    return _ESCAPED.sub(lambda found: _ESCAPES.get(found.group(1), found.group(0)), value).strip()


def _raw(line: Any) -> str:
    """The line's value as text: base64 decoded (Nokia, old Apple), each line end one newline."""
    value = line.value if isinstance(line.value, str) else ""
    words = {w.lower() for w in (*line.params.get("ENCODING", []), *line.singletonparams)}
    if words & {"b", "base64"}:
        # Not base64 after all: the text is kept as written.
        with contextlib.suppress(binascii.Error, ValueError):
            value = base64.b64decode(value, validate=True).decode("utf-8")
    # QUOTED-PRINTABLE line breaks are =0D=0A: one newline, as the notes keep them.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _text(line: Any) -> str:
    """A text value, unescaped; a bare comma is text (2.1 and many exporters leave it bare)."""
    return _unescaped(_raw(line))


def _listed(line: Any) -> list[str]:
    """The items of a list value (CATEGORIES, NICKNAME), unescaped."""
    return [item for item in map(_unescaped, _split(_raw(line), ",")) if item]


def _structured(line: Any, size: int, joiner: str) -> list[str]:
    """The `size` ';' parts of N, ADR or ORG (0: all), each part's ',' items joined by `joiner`."""
    parts = [
        joiner.join(item for item in map(_unescaped, _split(part, ",")) if item)
        for part in _split(_raw(line), ";")
    ]
    return [*parts, *[""] * size][:size] if size else parts


def _card(card: Card) -> dict[str, list[str]]:
    """{column key: values} of one card: the FIELDS by name and the EXTRAS' keys."""
    labels = _apple_labels(card.get("x-ablabel", []))

    def first(key: str) -> str:
        return _text(card[key][0]) if key in card else ""

    org = [part for part in _structured(card["org"][0], 0, ", ") if part] if "org" in card else []
    name = first("fn") or (_name(card["n"][0]) if "n" in card else "")
    title, role = first("title"), first("role")
    emails = _labelled(card.get("email", []), labels, preferred_first=True)
    phones = _labelled(card.get("tel", []), labels, preferred_first=True)
    found = {
        # A card with no name but an organization (a company's card) is a lead named after it.
        "name": [name or (org[0] if org else "")],
        "company": org[:1],
        "title": [title or role],
        "email_field": [_unlabelled(emails[0])] if emails else [],
        "phone_field": [_unlabelled(phones[0])] if phones else [],
        "notes": ["\n".join(_text(line) for line in card.get("note", []))],
        "created_at": [_moment(first("rev"))],
        "department": [", ".join(org[1:])],
        "nickname": [", ".join(i for line in card.get("nickname", []) for i in _listed(line))],
        "role": [role if title else ""],
        "email": emails[1:],
        "tel": phones[1:],
        "categories": [", ".join(i for line in card.get("categories", []) for i in _listed(line))],
    }
    for key in ("adr", "url", "impp", "x-socialprofile", "bday", "anniversary"):
        found[key] = _labelled(card.get(key, []), labels)
    return found


def _name(line: Any) -> str:
    """'Dr Zoë Anne Ørsted Jr' from N's parts (family; given; additional; prefix; suffix)."""
    family, given, additional, prefix, suffix = _structured(line, 5, " ")
    return " ".join(part for part in (prefix, given, additional, family, suffix) if part)


def _address(line: Any) -> str:
    """'12 Rue de la Paix, 75002 Paris, Île-de-France, France' from ADR's parts."""
    box, extended, street, city, region, code, country = _structured(line, 7, ", ")
    street = " ".join(part for part in (street, extended, box) if part)
    town = " ".join(part for part in (code, city) if part)
    whole = ", ".join(part for part in (street, town, region, country) if part)
    return whole.replace("\n", ", ")  # a street on two lines reads as one in a notes line


def _moment(rev: str) -> str:
    """REV (when the card last changed) as ISO 8601, or '' when it is not a date."""
    try:
        return datetime.fromisoformat(rev).isoformat() if rev else ""
    except ValueError:
        return ""


def _apple_labels(lines: list[Any]) -> dict[str, str]:
    """{group: label} from Apple's `item1.X-ABLabel:_$!<HomePage>!$_` lines."""
    labels: dict[str, str] = {}
    for line in lines:
        text = _text(line)
        if line.group and text:
            found = _APPLE_LABEL.fullmatch(text)
            labels[line.group.lower()] = found.group(1).lower() if found else text
    return labels


def _types(line: Any) -> list[str]:
    """The line's TYPE words, lowercased: 'TYPE=WORK,VOICE', 'TYPE="voice,cell"' or 2.1's 'CELL'."""
    words = [*line.params.get("TYPE", []), *line.singletonparams]
    return [word.strip().lower() for item in words for word in item.split(",") if word.strip()]


def _preference(line: Any) -> tuple[int, int]:
    """Sort key: PREF (2.1, 3.0) or the lowest PREF=n (4.0) first, then the file's order."""
    if "pref" in _types(line):
        return (0, 0)
    pref = line.params.get("PREF", [])
    return (0, int(pref[0])) if pref and pref[0].strip().isdigit() else (1, 0)


def _labelled(lines: list[Any], labels: dict[str, str], preferred_first: bool = False) -> list[str]:
    """Each value with its label, '+33 6 12 34 56 78 (mobile)'; empty values left out."""
    values: list[str] = []
    for line in sorted(lines, key=_preference) if preferred_first else lines:
        value = _address(line) if line.name == "ADR" else _text(line)
        if scheme := _URI_SCHEME.match(value):  # vCard 4.0: TEL;VALUE=uri:tel:+1-555...
            value = value[scheme.end() :]
        if not value:
            continue
        label = labels.get((line.group or "").lower())
        words = [label] if label else [w for w in _types(line) if w not in _QUIET_TYPES]
        shown = ", ".join(_TYPE_WORDS.get(word, word.removeprefix("x-")) for word in words)
        values.append(f"{value} ({shown})" if shown else value)
    return values


def _unlabelled(value: str) -> str:
    """The value without the label `_labelled` gave it: a field holds the bare email or phone."""
    return value.rsplit(" (", 1)[0] if value.endswith(")") and " (" in value else value


def _columns(cards: list[dict[str, list[str]]]) -> tuple[list[str], dict[str, list[int]]]:
    """The header, and the columns of each key: FIELDS, then as many extras as a card needs."""
    header = list(FIELDS)
    fields = ("name", "company", "title", "email_field", "phone_field", "notes", "created_at")
    places = {key: [index] for index, key in enumerate(fields)}
    for key, column in EXTRAS:
        most = max(sum(1 for value in card[key] if value) for card in cards)
        first = 2 if key in _FIRST_IS_FIELD else 1
        places[key] = []
        for number in range(first, first + most):
            places[key].append(len(header))
            header.append(column if number == 1 else f"{column} {number}")
    return header, places


def _cells(card: dict[str, list[str]], places: dict[str, list[int]], width: int) -> list[str]:
    """One card's row in the table's columns."""
    cells = [""] * width
    for key, indexes in places.items():
        for index, value in zip(indexes, (v for v in card[key] if v), strict=False):
            cells[index] = value
    return cells
