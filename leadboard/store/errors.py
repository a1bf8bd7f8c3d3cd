"""Errors the store raises; str(err) is one line a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Something about the database stops the command; the message says what."""


class DatabaseLocked(StoreError):
    """Another process held the write lock past the busy timeout."""


class NotADatabase(StoreError):
    """The file exists but is not a SQLite database (or not a leadboard one)."""


class LeadNotFound(StoreError):
    """No lead has the id asked for."""
