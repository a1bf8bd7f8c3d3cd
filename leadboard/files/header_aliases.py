"""The column names leadboard understands: its own exports, common CRMs and contact apps.

Each field lists its aliases in tiers, best first: when a file has several
columns for one field (Email, Email 2, Other Email; Phone, Mobile, Home Phone),
a row's field is its first non-empty cell in tier order (then by the number in
the header, then file order), and the others go into the notes. Aliases are
written as the exports spell them and compared as header keys: case, accents,
punctuation and spacing ignored, so "FirstName", "first_name" and "First Name"
are one header, and "Téléphone" is "telephone".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def normalize_header(header: str) -> str:
    """'Person - Email - Work' -> 'person email work'; 'Téléphone' -> 'telephone'."""
    text = header.casefold()
    if not text.isascii():
        # Accents compare equal without losing the letter: NFKD splits é into e + a mark.
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text).split())


def header_key(header: str) -> str:
    """normalize_header without spaces: 'FirstName', 'first name' -> 'firstname'."""
    return normalize_header(header).replace(" ", "")


Aliases = dict[str, tuple[str, int]]
"""{header key: (field, tier)}; the field "" means a column that is dropped."""


def _aliases(table: Mapping[str, tuple[str, ...]]) -> Aliases:
    """Expand {'field': ('alias, alias', 'second-tier alias')} into {key: (field, tier)}."""
    return {
        header_key(alias): (name, tier)
        for name, tiers in table.items()
        for tier, aliases in enumerate(tiers)
        for alias in aliases.split(",")
        if alias.strip()
    }


NOISE = (
    # The reason column of a `--rejects` file: fixed rows are imported again without it.
    "rejected because, "
    # Ids of the database the file came from; leadboard's derived keys are recomputed.
    "id, record id, contact id, lead id, person id, organization id, organisation id, deal id, "
    "account id, owner id, object id, hs object id, master record id, created by id, "
    "last modified by id, individual id, converted account id, converted contact id, "
    "converted opportunity id, jigsaw, jigsaw contact id, dandb company id, uid, x abuid, "
    "create uid, write uid, external id, "
    # Bookkeeping of the other system: when and by whom its record last changed.
    "is deleted, system modstamp, last modified date, last modified, last modified by, "
    "modified time, modified date, modified on, modified by, last updated, last updated on, "
    "last updated by, update time, updated time, write date, created by, change log time, "
    "last viewed date, last referenced date, is unread by owner, unread by owner, "
    "is converted, clean status, last enriched time, enrich status, rev, prodid, version, "
    "etag, photo, photo url, e mail display name, "
    # leadboard's own computed columns.
    "score, overdue, due today, sequence label"
)
"""Columns that are dropped: nothing a rep would miss (README lists them)."""

LEAD_FIELDS: dict[str, tuple[str, ...]] = {
    "name": (
        "full name, fullname, contact name, person name, lead name, contact person, fn, "
        "deal contact person, "
        "nom complet, nombre completo, vollstandiger name, ansprechpartner, kontaktname",
        "name, person, contact, nom, nombre",
    ),
    "first_name": ("first name, given name, person first name, vorname, prenom, primer nombre",),
    "middle_name": (
        "middle name, additional name, zweiter vorname, deuxieme prenom, segundo nombre",
    ),
    "last_name": (
        "last name, surname, family name, person last name, nachname, familienname, "
        "nom de famille, apellido, apellidos",
    ),
    "company": (
        "company, company name, organization, organisation, organization name, "
        "organisation name, org, account, account name, business, company account, "
        "partner name, person organization, deal organization, firma, firmenname, unternehmen, "
        "entreprise, societe, nom de l entreprise, organisation, empresa, compania, "
        "organizacion, nombre de la empresa",
        "associated company, employer",
    ),
    "title": (
        "job title, position, role, person job title, organization title, organisation title, "
        "function, job, designation, job position, berufsbezeichnung, funktion, poste, fonction, "
        "intitule du poste, cargo, puesto",
        # Outlook and Odoo write a salutation (Mr., Dr.) in a plain Title beside a job title.
        "title, titel, titre",
    ),
    "email": (
        "email, email address, primary email, email value, emails, person email, courriel, "
        "adresse e mail, adresse email, adresse electronique, mel, e mail adresse, correo, "
        "correo electronico, direccion de correo, email from",
        "work email, email work, business email, person email work, e mail geschaftlich",
        "home email, email home, personal email, private email, other email, email other, "
        "secondary email, additional email, alternate email, person email home, "
        "person email other",
    ),
    "phone": (
        "phone, phone number, primary phone, telephone, tel, phone value, main phone, "
        "contact numbers, person phone, telefon, telefonnummer, numero de telephone, telefono, "
        "numero de telefono",
        "work phone, business phone, office phone, company main phone, phone work, direct phone, "
        "person phone work, telefon geschaftlich, telephone professionnel, telephone bureau, "
        "telefono del trabajo, telefono trabajo",
        "mobile, mobile phone, mobile phone number, mobile number, cell, cell phone, "
        "phone mobile, person phone mobile, mobil, mobiltelefon, mobilnummer, handy, "
        "handynummer, portable, telephone portable, telephone mobile, movil, celular, "
        "telefono movil",
        "home phone, phone home, other phone, phone other, private phone, person phone home, "
        "person phone other, telefon privat, telephone domicile, telefono de casa",
    ),
    "temperature": (
        "temperature, temp, rating, lead rating, label, lead label, lead labels, person label, "
        "heat, temperatur, temperatura",
    ),
    "status": (
        "status, lead status, deal status, statut, statut du lead, estado, estado del lead",
        "stage, deal stage, stage id, phase",
    ),
    "source": (
        "source, lead source, original source, origin, source id, quelle, herkunft, lead quelle, "
        "origine, source du lead, origen, fuente, origen del lead",
    ),
    "referred_by": (
        "referred by, referrer, referred, empfohlen von, recommande par, referido por",
    ),
    "preferred_channel": ("preferred channel, contact preference, preferred contact method",),
    "fit": ("fit",),
    "interest": ("interest",),
    "readiness": ("readiness",),
    "next_step": (
        "next step, next action, nachster schritt, prochaine etape, proximo paso, siguiente paso",
    ),
    "next_due": (
        "next due, next follow up, follow up, follow up date, next follow up date, due, "
        "due date, wiedervorlage, date de relance, relance, fecha de seguimiento",
    ),
    "promised": ("promised",),
    "sequence_step": ("sequence step",),
    "notes": (
        "notes, note, description, comments, comment, remarks, internal notes, notizen, notiz, "
        "bemerkungen, bemerkung, beschreibung, kommentar, kommentare, remarques, remarque, "
        "commentaires, commentaire, observations, notas, nota, comentarios, observaciones, "
        "descripcion",
    ),
    "owner": (
        "owner, lead owner, contact owner, owner name, assigned to, hubspot owner, salesperson, "
        "sales person, account owner, besitzer, inhaber, verantwortlich, verantwortlicher, "
        "zustandig, proprietaire, responsable, commercial, propietario",
        "deal owner",
    ),
    "lost_reason": (
        "lost reason, reason lost, lost reason id, verlustgrund, raison de la perte, "
        "motivo de perdida",
    ),
    "created_at": (
        "created at, created, create date, created date, date created, created time, created on, "
        "creation date, person created, lead created, deal created, add time, erstellt am, "
        "erstellt, erstellungsdatum, angelegt am, date de creation, cree le, fecha de creacion, "
        "creado, creado el, fecha de alta",
    ),
    "updated_at": ("updated at",),
    "last_contact": (
        "last contact, last contacted, last contact date, last activity, last activity date, "
        "last activity time, letzter kontakt, dernier contact, ultimo contacto",
    ),
    # Money the deal is worth; a company's Annual Revenue or Revenue is not (it stays in notes:
    # a €250k bakery is no €250k deal, and the columns' totals would say it was).
    "value": (
        "value, deal value, amount, deal amount, opportunity amount, opportunity value, "
        "deal size, contract value, potential value, betrag, auftragswert, montant, importe",
        "expected revenue, planned revenue, estimated value, budget",
    ),
    # A singular Label stays the temperature: Pipedrive's label is Hot / Warm / Cold.
    "tags": (
        "tags, tag, labels, lead tags, contact tags, categories, keywords, schlagworter, "
        "stichworter, etiketten, etiquettes, etiquetas",
    ),
    "won_at": ("won at, won time, won date",),
    "lost_at": ("lost at, lost time, lost date",),
    "inactive_at": ("inactive at",),
    "": (NOISE,),
}

CONTACT_FIELDS: dict[str, tuple[str, ...]] = {
    "lead_id": ("lead id",),
    "name": (
        "lead name, lead, full name, contact name, person name, contact person",
        "name, person, contact, nom, nombre",
    ),
    "email": ("lead email, email, email address, person email, courriel, correo",),
    "phone": ("lead phone, phone, phone number, person phone, telefon, telephone, telefono",),
    "company": (
        "lead company, company, company name, organization, organisation, firma, entreprise, "
        "empresa",
    ),
    "at": (
        "at, when, date, contact date, activity date, date time, time, timestamp, datum, fecha",
    ),
    "channel": ("channel, type, activity type, medium, how, kanal, canal",),
    "direction": ("direction",),
    "outcome": ("outcome, result, disposition, ergebnis, resultat, resultado",),
    "note": (
        "note, notes, comment, comments, description, summary, notiz, notizen, remarques, notas",
    ),
    "next_step": ("next step, next action",),
    "next_due": ("next due, next follow up, follow up, follow up date, due",),
    "": (
        "id, contact id, activity id, record id, created by, modified by, modified time, "
        "rejected because",
    ),
}

LEAD_ALIASES = _aliases(LEAD_FIELDS)
CONTACT_ALIASES = _aliases(CONTACT_FIELDS)

NAME_PARTS = frozenset(map(header_key, ("name", "nom", "nombre")))
"""A plain Name beside a first name is the last name (Vorname + Name, Prénom + Nom), and
beside a last name the first (Nombre + Apellidos)."""

PREFIXES: dict[str, frozenset[str]] = {
    "person ": frozenset(),
    "deal ": frozenset({"title"}),
    "lead ": frozenset({"title"}),
}
"""Pipedrive writes 'Person - Email - Work', 'Deal - Owner': the rest of the header names the
field, except the keys listed (a deal's or lead's title is no job title: it goes to notes)."""

WEAK = frozenset(map(header_key, ("title", "titel", "titre")))
"""Headers that go to the notes when the file has another column for their field."""

DIALECTS: tuple[tuple[frozenset[str], Aliases], ...] = (
    # Odoo's technical names: user_id is the salesperson, stage_id the stage, all by name.
    (
        frozenset(map(header_key, ("email_from", "partner_name"))),
        {header_key("user_id"): ("owner", 0)},
    ),
)
"""Aliases that hold only in a file showing another system's marker columns."""
