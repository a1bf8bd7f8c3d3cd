"""Keys that tell whether two leads are the same person: normalized email and phone."""

from __future__ import annotations

import os


def email_key(email: str) -> str:
    """Lower-case, trimmed email; empty when there is no plausible address."""
    cleaned = email.strip().lower()
    return cleaned if "@" in cleaned else ""


PHONE_KEY_DIGITS = 9
"""Compare the last nine digits: '+33 6 12 34 56 78' and '06 12 34 56 78' are one phone."""


def phone_key(phone: str) -> str:
    """The last nine digits; empty when there are fewer than six (not a real number)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= 6 else ""


def login_name() -> str:
    """Who is using leadboard, as the OS names them: the default owner of a new lead."""
    import getpass

    from leadboard.domain.text import clean_input

    try:
        return clean_input(getpass.getuser()).strip() or "me"
    except (OSError, KeyError):  # no name for this uid (a container's bare uid)
        return str(os.getuid()) if hasattr(os, "getuid") else "me"
