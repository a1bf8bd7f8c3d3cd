"""Shared fixtures: every test gets its own database and config under tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from hypothesis import settings
from pendulum import DateTime

from leadboard.domain.followup import Policy
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore

# CI runs the same examples every time: a new counterexample found by chance on a local run
# is fixed there, never a coin toss that decides whether a submission lands.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")
"""A Monday morning; every test that needs 'now' uses it, never the clock."""


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the database and config at tmp_path so a developer's own data never leaks in."""
    monkeypatch.setenv("LEADBOARD_DB", str(tmp_path / "leadboard.db"))
    monkeypatch.setenv("LEADBOARD_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("LEADBOARD_NOW", NOW.isoformat())
    monkeypatch.setenv("TZ", "UTC")
    # The day/month order of typed dates follows the locale: pin it (C reads day first).
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LEADBOARD_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # The login name is a new lead's owner: the same on every machine (getpass reads these).
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "rep")
    return tmp_path


@pytest.fixture
def now() -> DateTime:
    """The fixed test moment."""
    return NOW


@pytest.fixture
def store(engine: str, tmp_path: Path) -> Iterator[LeadStore]:
    """A LeadStore on a real SQLite file under tmp_path, then on a fresh PostgreSQL schema."""
    from tests.postgres import db_target_for

    with db_target_for(engine, tmp_path) as target:
        lead_store = LeadStore(open_database(target), Policy())
        yield lead_store
        lead_store.close()


# -- PostgreSQL (tests/postgres.py) --


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL selecting a fresh, empty schema on the test server, dropped after the test."""
    from tests.postgres import fresh_schema, require_server

    with fresh_schema(require_server()) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> str:
    """Each store engine in turn; postgresql skips locally without a server, fails in CI."""
    from tests.postgres import require_server

    name: str = request.param
    if name == "postgresql":
        marker = request.node.get_closest_marker("sqlite_only")
        if marker is not None:
            pytest.skip(f"SQLite only: {marker.args[0] if marker.args else 'a file'}")
        require_server()
    return name
