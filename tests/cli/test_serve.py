"""`leadboard serve`: its arguments and command, warnings, busy ports, the web extra, its page.

The page asks no other machine for anything. The `served` fixture patches the
server's start out (no socket is opened); the page test runs a real
`leadboard serve` on a free port.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from leadboard.cli import main, serve
from leadboard.cli.serve import is_loopback, port_number
from leadboard.store.database import open_database
from tests.cli.test_cli_transfer import leadboard


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what `serve` would start instead of opening a socket."""
    from textual_serve import server

    calls: list[dict[str, Any]] = []

    def fake_serve(self: server.Server, debug: bool = False) -> None:
        calls.append({"command": self.command, "host": self.host, "port": self.port})

    monkeypatch.setattr(server.Server, "serve", fake_serve)
    # Port 8000 may be taken on the machine running the tests: the check is tested below.
    monkeypatch.setattr(serve, "_bind_failure", lambda host, port: None)
    open_database(os.environ["LEADBOARD_DB"]).close()
    return calls


def test_serve_binds_localhost_by_default(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "my leads.db"
    open_database(str(db)).close()
    assert main(["serve", "--db", str(db)]) == 0
    assert served == [
        {
            "command": f"{sys.executable} -m leadboard --db '{db}' board",
            "host": "127.0.0.1",
            "port": 8000,
        }
    ]
    assert capsys.readouterr().err == ""


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


# -- a busy port, a missing database, the web extra ---------------------------------------


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port on 127.0.0.1 that another program is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (as far as can be known in advance)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_on_a_busy_port_says_so_in_one_line_before_announcing(
    busy_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    open_database(os.environ["LEADBOARD_DB"]).close()
    assert main(["serve", "--port", str(busy_port)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # no "Serving ... on" first
    match = re.fullmatch(
        rf"leadboard: port {busy_port} is in use; try --port (\d+)\n", captured.err
    )
    assert match, captured.err
    suggested = int(match.group(1))
    assert busy_port < suggested <= busy_port + serve.PORTS_TRIED
    assert serve._bind_failure("127.0.0.1", suggested) is None


def test_serve_on_an_address_of_another_machine_or_no_host_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    open_database(os.environ["LEADBOARD_DB"]).close()
    # 192.0.2.0/24 is TEST-NET-1: never an address of this machine.
    assert main(["serve", "--host", "192.0.2.7"]) == 1
    assert capsys.readouterr().err == (
        'leadboard: cannot listen on "192.0.2.7": not an address of this machine '
        "(the default, 127.0.0.1, serves this machine only)\n"
    )
    assert main(["serve", "--host", "no-such-host.invalid"]) == 1
    assert capsys.readouterr().err == (
        'leadboard: cannot listen on "no-such-host.invalid": no such host\n'
    )


def test_serve_refuses_a_database_that_is_not_there(tmp_path: Path) -> None:
    done = leadboard("serve", "--db", str(tmp_path / "typo.db"), "--port", str(free_port()))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"leadboard: no database at {tmp_path / 'typo.db'}; "
        "`leadboard add`, `import` or `demo` creates one\n"
    )
    assert list(tmp_path.iterdir()) == []


BLOCK_TEXTUAL_SERVE = (
    "import sys\n"
    "sys.modules['textual_serve'] = None  # as if the web extra were not installed\n"
    "from leadboard.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_without_the_web_extra_serve_says_how_to_get_it(tmp_path: Path) -> None:
    open_database(os.environ["LEADBOARD_DB"]).close()
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL_SERVE, "serve"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "leadboard: serve needs the web extra: pip install 'leadboard[web]'\n"
    # Every other command works without it.
    listed = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL_SERVE, "list"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (listed.returncode, listed.stderr) == (0, "")


def test_neither_the_command_line_nor_the_board_imports_textual_serve() -> None:
    script = (
        "import sys\n"
        "from leadboard.cli import build_parser\n"
        "build_parser()\n"
        "import leadboard.ui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith(('textual_serve', 'aiohttp'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout == "[]\n"


# -- the page asks no other machine for anything ------------------------------------------

URL = re.compile(r"""(?:https?:)?//[^\s"'<>()]+""", re.IGNORECASE)
"""Absolute and protocol-relative URLs in HTML or CSS."""

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


COMMENTS = re.compile(r"/\*.*?\*/|<!--.*?-->", re.DOTALL)
"""CSS and HTML comments: a URL there (a licence's) is never fetched."""


def outside(text: str) -> list[str]:
    """The URLs outside comments in the text that point at another machine."""
    found = []
    for url in URL.findall(COMMENTS.sub("", text)):
        host = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[0].lower()
        if host not in LOCAL_HOSTS and not url.startswith(("ws://127.0.0.1", "wss://127.0.0.1")):
            found.append(url)
    return found


def get(url: str) -> str:
    """The body of a GET on this machine."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


@pytest.fixture
def running_server() -> Iterator[str]:
    """A real `leadboard serve` on a free port: its base URL."""
    open_database(os.environ["LEADBOARD_DB"]).close()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "leadboard", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get(base + "/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {process.stderr}") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(30)
        assert process.stderr is not None
        process.stderr.close()


def test_the_served_page_asks_no_other_machine_for_anything(running_server: str) -> None:
    page = get(running_server + "/")
    assert "leadboard" in page
    assert 'data-session-websocket-url="ws://127.0.0.1:' in page
    assert outside(page) == []
    # Everything the page loads comes from this server, and asks for nothing further.
    loaded = re.findall(r"""(?:href|src)="([^"]+)\"""", page)
    assert any(link.endswith(".css") for link in loaded)
    assert any(link.endswith(".js") for link in loaded)
    for link in loaded:
        assert link.startswith(running_server + "/static/"), link
        if link.endswith(".css"):
            css = get(link)
            assert outside(css) == [], link
            assert "@import" not in css
    assert "googleapis" not in page and "gstatic" not in page
    assert "font-family" in page and "monospace" in page


def test_the_outside_check_finds_what_textual_serves_own_page_asks_for() -> None:
    """The check above can fail: textual-serve's own template trips it."""
    import textual_serve

    own = Path(textual_serve.__file__).with_name("templates") / "app_index.html"
    assert "https://fonts.googleapis.com/css?family=Roboto%20Mono" in outside(own.read_text())
    assert outside('<link href="//cdn.example.com/x.css">') == ["//cdn.example.com/x.css"]
    assert outside('<a href="http://127.0.0.1:8000/static/x.css">') == []
    assert outside("/* see https://github.com/xtermjs */ a { }") == []


def test_a_server_url_reaches_the_boards_in_their_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from leadboard.cli.serve import board_command

    url = "postgresql://emma:secret@db.example/leads"
    monkeypatch.delenv("LEADBOARD_DB", raising=False)
    command = board_command(url)
    assert "secret" not in command and "postgresql" not in command  # never in the process list
    assert command.endswith("-m leadboard board")
    assert os.environ["LEADBOARD_DB"] == url
