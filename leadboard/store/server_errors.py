"""How a PostgreSQL failure becomes a StoreError; which ones a write simply tries again."""

from __future__ import annotations

from leadboard.store.errors import (
    AccessDenied,
    DatabaseLocked,
    DiskFull,
    StoreError,
)

RETRIED = frozenset({"55P03", "40001", "40P01"})
"""Lock timeout, serialization failure, deadlock: the transaction is run again from the start."""

CANCELLED = "57014"
"""query_canceled: a newer keystroke's filter cancelled this one (store.lead_reads)."""


class QueryCancelled(StoreError):
    """The query was cancelled on purpose (a newer filter text): nobody needs to be told."""


def sqlstate(err: BaseException) -> str | None:
    """The SQLSTATE of a psycopg error (None for one raised before the server answered)."""
    state = getattr(err, "sqlstate", None)
    return state if isinstance(state, str) else None


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def _server_words(text: str) -> str:
    """The server's own sentence out of libpq's 'connection failed: …: FATAL:  …'."""
    return text.rsplit("FATAL:", 1)[-1].strip()


def from_server(err: BaseException, where: str) -> StoreError:
    """The StoreError a psycopg failure becomes; `where` names the database (no password)."""
    state = sqlstate(err) or ""
    text = _first_line(err)
    if state in RETRIED:
        locked = DatabaseLocked(
            "another leadboard was changing the same leads; nothing was saved; try again"
        )
        locked.retryable = True
        return locked
    if state == CANCELLED:
        return QueryCancelled("cancelled")
    if state in ("28P01", "28000"):
        return AccessDenied(
            f"the server refused the login to {where} ({text}); put the password in "
            "~/.pgpass, PGPASSFILE, a PGSERVICE entry or PGPASSWORD"
        )
    if state == "3D000":
        return StoreError(f"{where}: {text}; create it first (createdb NAME)")
    if state == "42501":
        return AccessDenied(f"permission denied on {where}: {text}")
    if state == "25006":
        return AccessDenied(f"{where} is read-only (a standby server?): {text}")
    if state == "53100":
        return DiskFull(f"the server of {where} has no room left: {text}")
    if state == "53200":
        return StoreError(f"the server of {where} is out of memory: {text}")
    if not state and "does not exist" in text:
        # Refused while connecting: libpq gives no SQLSTATE then, only the server's words.
        return StoreError(f"{where}: {_server_words(text)}; create it first (createdb NAME)")
    if state.startswith("08") or state.startswith("57P") or not state:
        return StoreError(f"cannot reach {where}: {text}")
    return StoreError(f"database error on {where}: {text}")
