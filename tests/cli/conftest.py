"""Every command-line test runs on a SQLite file, then on a fresh PostgreSQL schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def cli_database(engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """LEADBOARD_DB for the test: the file isolated_env chose, or a schema of its own."""
    if engine == "sqlite":
        yield str(tmp_path / "leadboard.db")
        return
    from tests.postgres import db_target_for

    with db_target_for(engine, tmp_path) as url:
        monkeypatch.setenv("LEADBOARD_DB", url)
        yield url
