"""The databases server_speed.py compares: built in a scratch place, or claimed, and explained.

A demo written to a server gives its leads to nobody (owner ''), while a rep on a team's
database sees their own leads by default: `claim` gives them to the rep, so the board, `due`
and `list` on the server show the same leads as on the file.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

DEV_SERVER = "postgresql://postgres@127.0.0.1:54329/postgres"
"""The server a scratch schema is made on when neither --server nor LEADBOARD_TEST_PG names one."""


def build_demo(target: str, leads: int, env: dict[str, str]) -> float:
    """`leadboard demo --leads N` into a file or a server URL, as a rep runs it: its seconds."""
    import time

    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "leadboard", "--db", target, "demo", "--leads", str(leads)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"demo into {target} failed: {done.stderr.strip()[-2000:]}")
    return time.perf_counter() - start


def with_search_path(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to schema, then public (pg_trgm's)."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "options"]
    query.append(("options", f"-csearch_path={schema},public"))
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote, safe=",")))


@contextmanager
def scratch_schema(server: str) -> Iterator[str]:
    """A new schema bench_<hex> on the server, dropped after: yields a URL that uses it."""
    import psycopg
    from psycopg import sql

    schema = f"bench_{secrets.token_hex(5)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield with_search_path(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def claim(url: str, me: str) -> int:
    """Give every lead owned by nobody to `me`, recounted as a bulk write; then VACUUM FULL.

    Returns the leads given. The per-row triggers are set aside and the kept counts worked
    out once (store.server_bulk), and the table is rewritten and analyzed so the board's
    index-only scans find every page visible, as on a freshly loaded database.
    """
    from leadboard.store.database import open_database
    from leadboard.store.server import ServerDatabase
    from leadboard.store.server_bulk import ServerBulkWriter

    db = open_database(url)
    assert isinstance(db, ServerDatabase)
    try:
        with ServerBulkWriter(db):
            cursor = db.execute_sql("UPDATE lead SET owner = ? WHERE owner = ''", (me,))
            given = int(cursor.rowcount)
        db.execute_sql("VACUUM (FULL, ANALYZE) lead")
    finally:
        db.close()
    vacuum(url)
    return given


def vacuum(url: str) -> None:
    """VACUUM (ANALYZE) every table of the URL's schema: the visibility map and statistics set.

    A bulk load leaves both for autovacuum to get to; without them an index-only scan
    still reads the table for every row.
    """
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
        for (table,) in tables:
            conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))


def owners(url: str) -> dict[str, int]:
    """Active leads per owner on a server database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT owner, SUM(n) FROM lead_count WHERE status = 'active' GROUP BY owner"
        ).fetchall()
    return {str(owner): int(n) for owner, n in rows}


def one(db: Any, sql: str) -> Any:
    """The first value of a statement's first row (`db` is any Peewee database)."""
    return db.execute_sql(sql).fetchone()[0]


def explain(db: Any, query: Any) -> dict[str, Any]:
    """EXPLAIN (ANALYZE, BUFFERS) of a Peewee query on the server: the plan's JSON."""
    text, params = query.sql()
    cursor = db.execute_sql(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {text}", params)
    found = cursor.fetchone()[0]
    plan: dict[str, Any] = found[0] if isinstance(found, list) else found
    return plan


def plan_lines(plan: dict[str, Any]) -> list[str]:
    """The plan's top node, every scan under it (index, heap fetches) and the time taken."""
    top = plan["Plan"]
    lines = [f"top node: {top['Node Type']} (rows {top.get('Actual Rows')})"]
    for node in _nodes(top):
        if "Scan" not in node["Node Type"]:
            continue
        index = f" using {node['Index Name']}" if "Index Name" in node else ""
        fetches = f", heap fetches {node['Heap Fetches']}" if "Heap Fetches" in node else ""
        lines.append(
            f"  {node['Node Type']}{index} on {node.get('Relation Name', '?')}: "
            f"rows {node.get('Actual Rows')}{fetches}"
        )
    lines.append(
        f"  planning {plan.get('Planning Time', 0):.3f} ms, "
        f"execution {plan.get('Execution Time', 0):.3f} ms"
    )
    return lines


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The node and every node under it, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def bench_env(scratch: Path) -> dict[str, str]:
    """The environment every timed process gets: no config, no fixed clock, no animations."""
    env = dict(os.environ)
    env["LEADBOARD_CONFIG"] = str(scratch / "none.toml")
    env["TEXTUAL_ANIMATIONS"] = "none"
    env.pop("LEADBOARD_NOW", None)
    env.pop("LEADBOARD_DB", None)
    return env
