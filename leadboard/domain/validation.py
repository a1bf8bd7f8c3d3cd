"""Checks on what a rep types: names, choices from the domain's word lists, score parts."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from leadboard.domain.model import NAME_MAX, LeadDraft
from leadboard.domain.money import MAX_VALUE_UNITS
from leadboard.domain.scoring import SCORE_PARTS, check_score_part
from leadboard.domain.tags import TagError, parse_tags
from leadboard.domain.text import clean_input, clipped, has_visible

E = TypeVar("E", bound=StrEnum)

FIELD_MAX = 10_000
"""Longest free text kept in a field; notes may be long, but not unbounded."""


class ValidationError(ValueError):
    """Input that breaks a rule; str(err) is one line for the user."""


ONE_LINE_FIELDS = ("company", "title", "email", "phone", "referred_by", "next_step", "owner")
"""A draft's one-line text fields besides the name; its notes are its one multi-line field."""


def check_name(name: str) -> str:
    """The name cleaned (clean_input) and trimmed, or ValidationError when empty or too long."""
    cleaned = clean_input(name).strip()
    if not has_visible(cleaned):
        raise ValidationError("a lead needs a name")
    if len(cleaned) > NAME_MAX:
        raise ValidationError(f"a name can be at most {NAME_MAX} characters, not {len(cleaned)}")
    return cleaned


def parse_choice(kind: type[E], text: str, what: str) -> E:
    """One of an enum's words, forgiving case, spaces and dashes ('Meeting booked')."""
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return kind(key)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        shown = clipped(text, 40, mark="")
        raise ValidationError(f'unknown {what} "{shown}"; choose one of {choices}') from None


def check_draft(draft: LeadDraft) -> LeadDraft:
    """Validate a draft in place (name, score parts, text lengths), its text cleaned; return it."""
    draft.name = check_name(draft.name)
    for part in SCORE_PARTS:
        value = getattr(draft, part)
        try:
            check_score_part(part, value)
        except ValueError as err:
            raise ValidationError(str(err)) from None
    for text_field in ONE_LINE_FIELDS:
        value = clean_input(getattr(draft, text_field)).strip()
        if len(value) > NAME_MAX * 5:
            raise ValidationError(f"{text_field.replace('_', ' ')} is too long")
        setattr(draft, text_field, value)
    draft.notes = clean_input(draft.notes, multiline=True)
    if len(draft.notes) > FIELD_MAX * 10:
        raise ValidationError("notes are too long (100,000 characters at most)")
    if draft.value is not None and not 0 <= draft.value < MAX_VALUE_UNITS * 10**4:
        raise ValidationError("a deal value must be zero or more, and less than any deal")
    try:
        draft.tags = parse_tags(" ".join(draft.tags))
    except TagError as err:
        raise ValidationError(str(err)) from None
    return draft


PHONE_DIGITS = (6, 15)
"""Fewest and most digits of a phone number (E.164 allows 15; short local numbers have 6)."""

_PHONE_CHARACTERS = frozenset("0123456789+()-./ ")


def email_problem(email: str) -> str:
    """What is wrong with an email ('needs one @'), '' when it looks right or is blank."""
    text = email.strip()
    if not text:
        return ""
    local, _, domain = text.partition("@")
    if text.count("@") != 1 or not local or not domain:
        return "needs one @ between a name and a domain"
    if any(ch.isspace() for ch in text):
        return "has a space in it"
    if "." not in domain.strip(".") or ".." in domain:
        return f'"{clipped(domain, 30, mark="")}" is not a domain (no dot)'
    return ""


def phone_problem(phone: str) -> str:
    """What is wrong with a phone number ('4 digits'), '' when it looks right or is blank."""
    text = phone.strip()
    if not text:
        return ""
    if any(ch not in _PHONE_CHARACTERS for ch in text):
        return "only digits, spaces and + ( ) - . / belong in a phone number"
    digits = sum(ch.isdigit() for ch in text)
    low, high = PHONE_DIGITS
    if not low <= digits <= high:
        return f"{digits} digits; a phone number has {low} to {high}"
    return ""


def draft_warnings(draft: LeadDraft) -> list[str]:
    """One line for each odd email or phone in a draft: saved anyway, but worth a look."""
    warnings = []
    if problem := email_problem(draft.email):
        warnings.append(f'email "{clipped(draft.email.strip(), 40, mark="")}": {problem}')
    if problem := phone_problem(draft.phone):
        warnings.append(f'phone "{clipped(draft.phone.strip(), 40, mark="")}": {problem}')
    return warnings
