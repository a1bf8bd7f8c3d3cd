"""Simple, well-known checks of an email and a phone: a warning, never a refusal."""

from __future__ import annotations

import pytest

from leadboard.domain.model import LeadDraft
from leadboard.domain.validation import draft_warnings, email_problem, phone_problem


@pytest.mark.parametrize(
    ("email", "wrong"),
    [
        ("", False),
        ("ada@example.com", False),
        ("a.b+tag@mail.example.co.uk", False),
        ("not-an-email", True),
        ("a@b@example.com", True),
        ("@example.com", True),
        ("ada@", True),
        ("ada lovelace@example.com", True),
        ("ada@example", True),
        ("ada@example..com", True),
    ],
)
def test_email_problem(email: str, wrong: bool) -> None:
    assert bool(email_problem(email)) is wrong


@pytest.mark.parametrize(
    ("phone", "wrong"),
    [
        ("", False),
        ("07785 842929", False),
        ("+44 (0)1632 960-001", False),
        ("555.0100/12", False),
        ("phone?", True),
        ("12345", True),
        ("1234567890123456", True),
        ("+44 7785 ext 12", True),
    ],
)
def test_phone_problem(phone: str, wrong: bool) -> None:
    assert bool(phone_problem(phone)) is wrong


def test_draft_warnings_quote_the_value() -> None:
    assert draft_warnings(LeadDraft("Ivy", email="ivy@x.com", phone="0161 496 0000")) == []
    [warning] = draft_warnings(LeadDraft("Ivy", email="ivy.at.x"))
    assert warning.startswith('email "ivy.at.x": ')
