"""The store: the only code that knows Peewee and SQL.

Peewee imports the PostgreSQL driver at its own import whenever it can, which
made every command on a SQLite file 100-180 ms slower (measured with -X importtime:
Peewee alone 28 ms, with psycopg 125-210 ms). So Peewee is imported here with the
driver kept out of sight; store.peewee_psycopg hands it over once a server is opened.
"""

import sys

if "peewee" not in sys.modules and "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # `import psycopg` fails in Peewee
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg"]
