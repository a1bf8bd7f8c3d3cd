"""The PostgreSQL test fixtures: fresh schemas, dropped after, and no silent skip in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres import (
    ENGINES,
    ENV,
    db_target_for,
    fresh_schema,
    require_server,
    server_url,
    with_search_path,
)

ROOT = Path(__file__).resolve().parent.parent


def schema_exists(base_url: str, schema: str) -> bool:
    """Whether the schema is in the server's catalogue."""
    import psycopg

    with psycopg.connect(base_url) as conn:
        row = conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,))
        return bool(row.fetchone() == (1,))


def current_schema(url: str) -> str:
    """The schema a connection through url creates its tables in."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT current_schema()").fetchone()
        assert row is not None
        return str(row[0])


def test_the_schema_is_fresh_empty_and_first_on_the_path(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url) as conn:
        schema = current_schema(pg_url)
        assert schema.startswith("t_")
        assert len(schema) == len("t_") + 12
        row = conn.execute("SHOW search_path").fetchone()
        assert row is not None
        assert str(row[0]).replace(" ", "").split(",") == [schema, "public"]
        tables = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema()"
        ).fetchone()
        assert tables == (0,)


def test_tables_land_in_the_schema_and_pg_trgm_stays_visible(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE lead (name text)")
        conn.execute("INSERT INTO lead VALUES ('Emma Hughes')")
        # (Other schemas of a shared dev server may hold a lead table of their own.)
        where = conn.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.oid = 'lead'::regclass"
        ).fetchall()
        assert where == [(current_schema(pg_url),)]
        # The % operator comes from pg_trgm, installed in public.
        hit = conn.execute("SELECT name FROM lead WHERE name % 'Ema Hughes'").fetchall()
        assert hit == [("Emma Hughes",)]


def test_two_fresh_schemas_differ_and_are_dropped_after() -> None:
    base = require_server()
    with fresh_schema(base) as first, fresh_schema(base) as second:
        names = current_schema(first), current_schema(second)
        assert names[0] != names[1]
        assert all(schema_exists(base, name) for name in names)
    assert not any(schema_exists(base, name) for name in names)


def test_the_schema_is_dropped_even_when_a_test_leaves_a_transaction_open() -> None:
    import psycopg

    base = require_server()
    with fresh_schema(base) as url:
        schema = current_schema(url)
        leftover = psycopg.connect(url)
        leftover.execute("CREATE TABLE lead (id int)")
        leftover.commit()
        leftover.execute("INSERT INTO lead VALUES (1)")  # still in its transaction
    try:
        assert not schema_exists(base, schema)
    finally:
        leftover.close()


def test_the_search_path_joins_options_already_in_the_url() -> None:
    url = with_search_path("postgresql://u@h:5/db?sslmode=disable&options=-cwork_mem%3D8MB", "t_a")
    assert url == (
        "postgresql://u@h:5/db?sslmode=disable&options=-cwork_mem%3D8MB%20-csearch_path%3Dt_a,public"
    )


def test_db_target_for_sqlite_is_a_file_under_tmp_path(tmp_path: Path) -> None:
    with db_target_for("sqlite", tmp_path) as target:
        assert target == str(tmp_path / "store.db")


def test_db_target_for_postgresql_is_a_fresh_schema(tmp_path: Path) -> None:
    base = require_server()
    with db_target_for("postgresql", tmp_path) as target:
        schema = current_schema(target)
        assert schema_exists(base, schema)
    assert not schema_exists(base, schema)


def test_require_server_returns_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "postgresql://postgres@127.0.0.1:1/x")
    monkeypatch.setenv("CI", "true")
    assert server_url() == require_server() == "postgresql://postgres@127.0.0.1:1/x"


@pytest.mark.parametrize("ci", ["true", "1"])
def test_require_server_fails_in_ci_without_a_server(
    monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="no PostgreSQL server"):
        require_server()


@pytest.mark.parametrize("ci", [None, ""])
def test_require_server_skips_locally_without_a_server(
    monkeypatch: pytest.MonkeyPatch, ci: str | None
) -> None:
    monkeypatch.setenv(ENV, "")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match=r"bash \.ci/postgres\.sh start DIR"):
        require_server()


def test_engine_names_each_engine(engine: str) -> None:
    assert engine in ENGINES
    if engine == "postgresql":
        assert server_url() is not None


def run_engine_test(ci: str | None) -> subprocess.CompletedProcess[str]:
    """Run test_engine_names_each_engine in a child pytest with no server configured."""
    env = {k: v for k, v in os.environ.items() if k not in (ENV, "CI")}
    if ci is not None:
        env["CI"] = ci
    test = f"{Path(__file__).relative_to(ROOT)}::test_engine_names_each_engine"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider", test],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_engine_fixture_skips_postgresql_locally_without_a_server() -> None:
    result = run_engine_test(ci=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 1 skipped" in result.stdout


def test_the_engine_fixture_fails_ci_without_a_server() -> None:
    result = run_engine_test(ci="true")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "1 passed, 1 error" in result.stdout
    assert "no PostgreSQL server" in result.stdout
