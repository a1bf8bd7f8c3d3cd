"""`leadboard serve`: arguments, the command it runs, and the warning when not on localhost.

The server's start is patched out: no socket is opened in tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pytest

from leadboard.cli import main
from leadboard.cli.board import is_loopback, port_number
from tests.cli.test_cli_transfer import leadboard


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what `serve` would start instead of opening a socket."""
    from textual_serve import server

    calls: list[dict[str, Any]] = []

    def fake_serve(self: server.Server, debug: bool = False) -> None:
        calls.append({"command": self.command, "host": self.host, "port": self.port})

    monkeypatch.setattr(server.Server, "serve", fake_serve)
    return calls


def test_serve_binds_localhost_by_default(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "my leads.db"
    assert main(["serve", "--db", str(db)]) == 0
    assert served == [
        {
            "command": f"{sys.executable} -m leadboard --db '{db}' board",
            "host": "127.0.0.1",
            "port": 8000,
        }
    ]
    assert capsys.readouterr().err == ""
    assert db.exists()  # opened (and migrated) before serving


def test_serve_elsewhere_warns_there_is_no_login(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert served[0]["host"] == "0.0.0.0" and served[0]["port"] == 8123
    assert capsys.readouterr().err == (
        "leadboard: warning: serving on 0.0.0.0:8123 with no login; "
        "anyone who can reach that address can read and change your leads\n"
    )
    for quiet in ("localhost", "127.0.0.2", "::1"):
        main(["serve", "--host", quiet])
        assert capsys.readouterr().err == ""


def test_serve_bad_port_is_a_usage_error() -> None:
    done = leadboard("serve", "--port", "70000")
    assert done.returncode == 2 and "port must be a number from 1 to 65535" in done.stderr
    assert "Traceback" not in done.stderr
    for port in ("0", "http", "８０"):
        with pytest.raises(argparse.ArgumentTypeError):
            port_number(port)
    assert port_number("65535") == 65535


def test_what_counts_as_this_machine_only() -> None:
    for host in ("localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.com", "localhost.example.com"):
        assert not is_loopback(host), host
