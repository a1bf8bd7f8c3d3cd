"""Other CRMs' lead statuses and stages, read as leadboard's status and temperature.

One table, in STAGES below; case, accents, punctuation and `_` are ignored
(`OPEN_DEAL`, `Open Deal` and `open-deal` are one word). A temperature beside the
status is given only where the word says how warm the lead is; a Temperature
column in the same row wins over it.

| Words in a status or stage column                                      | Status   | Temperature |
|------------------------------------------------------------------------|----------|-------------|
| active, new, open, not contacted, open - not contacted, attempted to   | active   |             |
| contact, contacted, working - contacted, in progress, lead, other,     |          |             |
| prospecting, nurturing; Neu, Offen, Kontaktiert; Nouveau, En cours,    |          |             |
| Contacté; Nuevo, Abierto, En curso, Contactado                          |          |             |
| subscriber                                                             | active   | cold        |
| contact in future                                                      | active   | cool        |
| connected, pre qualified, qualified, marketing qualified lead (MQL),   | active   | warm        |
| qualification, needs analysis; Qualifiziert; Qualifié; Calificado      |          |             |
| open deal, sales qualified lead (SQL), opportunity, proposition,       | active   | hot         |
| proposal, negotiation                                                  |          |             |
| hot, warm, cool, cold (and "hot lead"...)                              | active   | that one    |
| won, closed won, closed - converted, converted, customer, evangelist;  | won      |             |
| Gewonnen; Gagné; Ganado                                                |          |             |
| lost, closed lost, closed - not converted, unqualified, not qualified, | lost     |             |
| disqualified, junk, junk lead, lost lead, not interested; Verloren;    |          |             |
| Perdu; Perdido                                                          |          |             |
| inactive, bad timing, on hold, dormant, deleted; Inaktiv; Inactif;     | inactive |             |
| Inactivo                                                               |          |             |

Where the words come from: HubSpot lead status (New, Open, In Progress, Open
Deal, Unqualified, Attempted to Contact, Connected, Bad Timing) and lifecycle
stage (subscriber ... evangelist, other); Zoho (Attempted to Contact, Contact in
Future, Contacted, Junk Lead, Lost Lead, Not Contacted, Pre Qualified, Not
Qualified); Salesforce lead status (Open - Not Contacted, Working - Contacted,
Closed - Converted, Closed - Not Converted) and opportunity stages; Pipedrive
deal status (open, won, lost, deleted) and lead labels (Hot, Warm, Cold); Odoo
stages (New, Qualified, Proposition, Won).

A word the table lacks is not an error: the lead lands active, the cell is kept
in its notes, and the row gets a warning. A word that says more than the status
it maps to is kept in the notes too ("Lead Status: Attempted to Contact",
"Lead Status: Junk Lead"), so nothing the export said is lost; a plain one
(leadboard's own words, new, open, not contacted, contacted, working -
contacted, won, lost, closed won, closed lost, closed - converted, closed - not
converted, and Neu, Gewonnen, Verloren, Nouveau, Gagné, Perdu, Nuevo, Ganado,
Perdido) is not.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from leadboard.domain.model import Status, Temperature

ACTIVE, WON, LOST, INACTIVE = Status.ACTIVE, Status.WON, Status.LOST, Status.INACTIVE
HOT, WARM, COOL, COLD = Temperature.HOT, Temperature.WARM, Temperature.COOL, Temperature.COLD

Reading = tuple[Status, Temperature | None]
"""What a status word means: a status, and a temperature when the word says one."""

_TABLE: tuple[tuple[Status, Temperature | None, str], ...] = (
    (
        ACTIVE,
        None,
        "active, new, open, not contacted, open not contacted, attempted to contact, "
        "contacted, working, working contacted, in progress, lead, other, prospecting, "
        "nurturing, neu, offen, kontaktiert, in bearbeitung, nouveau, en cours, contacte, "
        "nuevo, abierto, en curso, contactado",
    ),
    (ACTIVE, COLD, "subscriber"),
    (ACTIVE, COOL, "contact in future"),
    (
        ACTIVE,
        WARM,
        "connected, pre qualified, prequalified, qualified, marketing qualified lead, "
        "marketingqualifiedlead, mql, qualification, needs analysis, qualifiziert, qualifie, "
        "calificado, cualificado",
    ),
    (
        ACTIVE,
        HOT,
        "open deal, sales qualified lead, salesqualifiedlead, sql, opportunity, proposition, "
        "proposal, proposal price quote, negotiation, negotiation review",
    ),
    (ACTIVE, HOT, "hot, hot lead"),
    (ACTIVE, WARM, "warm, warm lead"),
    (ACTIVE, COOL, "cool, cool lead"),
    (ACTIVE, COLD, "cold, cold lead"),
    (
        WON,
        None,
        "won, closed won, closed converted, converted, customer, evangelist, gewonnen, gagne, "
        "ganado",
    ),
    (
        LOST,
        None,
        "lost, closed lost, closed not converted, not converted, unqualified, not qualified, "
        "disqualified, junk, junk lead, lost lead, not interested, verloren, perdu, perdido",
    ),
    (
        INACTIVE,
        None,
        "inactive, bad timing, on hold, dormant, deleted, inaktiv, inactif, inactivo",
    ),
)

_PLAIN_WORDS = (
    "new, open, not contacted, open not contacted, contacted, working contacted, won, lost, "
    "closed won, closed lost, "
    "closed converted, closed not converted, neu, gewonnen, verloren, nouveau, gagne, perdu, "
    "nuevo, ganado, perdido, hot lead, warm lead, cool lead, cold lead"
)

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """'Contacté', 'CONTACTE', 'contacte_' -> 'contacte': case, accents and punctuation ignored."""
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


STAGES: dict[str, Reading] = {
    fold(word): (status, temperature)
    for status, temperature, words in _TABLE
    for word in words.split(",")
}
"""Folded word -> (status, temperature or None)."""

_PLAIN = frozenset(
    (
        *(status.value for status in Status),
        *(temperature.value for temperature in Temperature),
        *(fold(word) for word in _PLAIN_WORDS.split(",")),
    )
)
"""Words that say no more than their status: nothing to keep in the notes."""


@functools.lru_cache(maxsize=1024)
def reading(text: str) -> Reading | None:
    """What a status cell means, or None when the table lacks the word (a column repeats a few)."""
    return STAGES.get(fold(text))


def says_more(text: str) -> bool:
    """True when the word tells more than its status ('Junk Lead'): the notes keep it."""
    return fold(text) not in _PLAIN
