"""Hand psycopg 3 to Peewee once a server database is opened (store/__init__.py kept it out).

Importing this module attaches the driver; Psycopg3Database comes from here for that.

Peewee keeps the driver in module globals set at its import, and the adapter's
transaction states as class attributes set then: these are the ones it reads.
"""

from __future__ import annotations

import peewee
import psycopg
from psycopg.pq import TransactionStatus
from psycopg.types.json import Json, Jsonb


def attach_psycopg() -> None:
    """Give Peewee the driver it would have imported itself (nothing if it already has it)."""
    if getattr(peewee, "psycopg", None) is not None:
        return
    module: dict[str, object] = vars(peewee)
    module.update(psycopg=psycopg, TransactionStatus=TransactionStatus, Json_pg3=Json)
    module["Jsonb_pg3"] = Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


attach_psycopg()

# Read after the driver is attached: playhouse checks for it at its own import.
from playhouse.postgres_ext import Psycopg3Database  # noqa: E402

__all__ = ["Psycopg3Database", "attach_psycopg"]
