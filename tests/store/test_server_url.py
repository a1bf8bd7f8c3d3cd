"""Tests for store/server_url.py: no password from argv, none shown, libpq's own files honoured."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from leadboard.store.errors import StoreError
from leadboard.store.server_url import is_server_target, schema_from_options, server_target
from tests.postgres import require_server

SECRET = "s3cr3t-Pw"
LIBPQ_VARIABLES = (
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGSSLMODE",
    "PGCONNECT_TIMEOUT",
    "PGAPPNAME",
    "PGOPTIONS",
)


@pytest.fixture(autouse=True)
def no_libpq_variables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The developer's PG* variables and ~/.pgpass must not leak in: each test sets its own."""
    for name in LIBPQ_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no.pgpass"))
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "no_service.conf"))


def params(
    target: str, *, from_command_line: bool = False, config_password: str | None = None
) -> dict[str, str]:
    """What libpq reads in the conninfo a URL becomes (from the environment unless told)."""
    made = server_target(
        target, from_command_line=from_command_line, config_password=config_password
    )
    return {key: str(value) for key, value in conninfo_to_dict(made.conninfo).items()}


def server_parts() -> dict[str, str]:
    """The test server's host, port, dbname and user."""
    found = conninfo_to_dict(require_server())
    return {key: str(found[key]) for key in ("host", "port", "dbname", "user") if key in found}


# -- which targets are PostgreSQL ----------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "postgresql://u@h/db",
        "postgres://h/db",
        "postgresql:///?service=team",
        "postgresql://?service=team",
        "postgresql:?service=team",
        "PostgreSQL://h/db",
        "postgresql://",
    ],
)
def test_server_targets(target: str) -> None:
    assert is_server_target(target)


@pytest.mark.parametrize(
    "target",
    ["leads.db", "/tmp/leads.db", "sqlite:///leads.db", "mysql://h/db", "postgresql:leads", ""],
)
def test_other_targets(target: str) -> None:
    assert not is_server_target(target)


# -- a password in argv is refused; anywhere else it is used, never shown -------------------


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://rep:{SECRET}@db.example/leads",
        f"postgres://rep:{SECRET}@db.example:5433/leads?sslmode=require",
        f"postgresql://rep@db.example/leads?password={SECRET}",
        f"postgresql://db.example/leads?sslmode=require&password={SECRET}",
    ],
)
def test_a_password_in_a_command_line_url_is_refused(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        server_target(url, from_command_line=True)
    message = str(caught.value)
    assert SECRET not in message
    assert message.startswith("--db postgres")
    assert "***" in message
    assert "process list" in message
    for way in ("~/.pgpass", "PGPASSFILE", "PGSERVICE", "service=", "PGPASSWORD", "[database]"):
        assert way in message
    assert "\n" not in message


def test_a_password_in_leadboard_db_is_used_and_hidden() -> None:
    url = f"postgresql://rep:{SECRET}@db.example:5433/leads?sslmode=verify-full"
    made = server_target(url, from_command_line=False)
    assert conninfo_to_dict(made.conninfo)["password"] == SECRET
    assert made.shown == "postgresql://rep:***@db.example:5433/leads?sslmode=verify-full"
    assert SECRET not in repr(made)
    assert (made.dbname, made.host, made.user) == ("leads", "db.example", "rep")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://rep:p%40ss%2Fw@h/db", "postgresql://rep:***@h/db"),
        ("postgresql://rep:a:b@h/db", "postgresql://rep:***@h/db"),
        (
            "postgresql://rep@h/db?password=x1&sslmode=require",
            "postgresql://rep@h/db?password=***&sslmode=require",
        ),
        ("postgresql://h/db?sslmode=require", "postgresql://h/db?sslmode=require"),
        ("postgresql:?service=team", "postgresql://?service=team"),
    ],
)
def test_shown_hides_every_password(url: str, shown: str) -> None:
    assert server_target(url, from_command_line=False).shown == shown


def test_a_password_left_in_an_odd_spelling_is_still_hidden() -> None:
    # 'passw%6Frd' is libpq's 'password' too; the plain masking misses it, the check does not.
    made = server_target(f"postgresql://rep@h/db?passw%6Frd={SECRET}", from_command_line=False)
    assert conninfo_to_dict(made.conninfo)["password"] == SECRET
    assert SECRET not in made.shown
    assert made.shown == "postgresql://rep:***@h/db"


def test_an_empty_password_in_argv_is_no_password() -> None:
    assert "password" not in params("postgresql://rep:@h/db", from_command_line=True)


# -- what libpq reads is handed on as it is --------------------------------------------------


def test_the_query_is_kept_for_libpq() -> None:
    found = params(
        "postgresql://rep@h1:5433,h2/db?sslmode=verify-full&sslrootcert=/etc/ca.pem"
        "&target_session_attrs=read-write&service=team"
    )
    assert found["sslmode"] == "verify-full"
    assert found["sslrootcert"] == "/etc/ca.pem"
    assert found["target_session_attrs"] == "read-write"
    assert found["service"] == "team"
    assert (found["host"], found["port"], found["dbname"]) == ("h1,h2", "5433,", "db")


def test_application_name_and_timeout_are_added_unless_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    added = params("postgresql://h/db")
    assert added["fallback_application_name"] == "leadboard"
    assert added["connect_timeout"] == "10"
    assert "application_name" not in added  # PGAPPNAME or a service's name still wins
    kept = params("postgresql://h/db?application_name=team-board&connect_timeout=3")
    assert kept["application_name"] == "team-board"
    assert kept["connect_timeout"] == "3"
    assert "fallback_application_name" not in kept
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "30")
    assert "connect_timeout" not in params("postgresql://h/db")


def test_the_config_password_is_used_only_when_nothing_else_gives_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert params("postgresql://rep@h/db", config_password="cfg")["password"] == "cfg"
    assert params("postgresql://rep:env@h/db", config_password="cfg")["password"] == "env"
    assert "password" not in params("postgresql://rep@h/db", config_password=None)
    monkeypatch.setenv("PGPASSWORD", "from-variable")
    assert "password" not in params("postgresql://rep@h/db", config_password="cfg")


# -- the schema a URL picks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "schema"),
    [
        ("postgresql://h/db", None),
        ("postgresql://h/db?options=-csearch_path%3Dteam", "team"),
        ("postgresql://h/db?options=-c%20search_path%3Dteam,public", "team"),
        ("postgresql://h/db?options=--search_path%3DTeam", "team"),
        ("postgresql://h/db?options=-csearch_path%3D%22Team%5C%20A%22", "Team A"),
        ("postgresql://h/db?options=-cwork_mem%3D8MB%20-csearch_path%3Dt_a,public", "t_a"),
        ("postgresql://h/db?options=-cwork_mem%3D8MB", None),
        ("postgresql://h/db?options=-csearch_path%3D%22%24user%22,public", None),
    ],
)
def test_the_schema_from_options(url: str, schema: str | None) -> None:
    assert server_target(url, from_command_line=False).schema == schema


def test_schema_from_options_reads_as_the_server_splits() -> None:
    assert schema_from_options(r"-c search_path=a\ b") == "a b"
    assert schema_from_options("-c search_path=a -c search_path=b") == "b"
    assert schema_from_options('-csearch_path="x""y"') == 'x"y'
    assert schema_from_options("-c") is None


# -- URLs that cannot be used --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "postgresql://h:abc/db",
            "bad port 'abc' in postgresql://h:abc/db: a port is a number from 1 to 65535",
        ),
        (
            "postgresql://h:70000/db",
            "bad port '70000' in postgresql://h:70000/db: a port is a number from 1 to 65535",
        ),
        (
            "mysql://h/db",
            "unsupported database URL mysql://; use postgresql://, sqlite:/// or a file path",
        ),
        (
            "postgresql+psycopg://h/db",
            "unsupported database URL postgresql+psycopg://; write postgresql:// "
            "without a driver name",
        ),
        ("leads.db", "leads.db is not a postgresql:// URL"),
        (
            "postgresql://h/db?schema=team",
            "invalid PostgreSQL URL postgresql://h/db?schema=team: invalid URI query parameter: "
            '"schema"; choose a schema with options=-csearch_path%3DNAME',
        ),
    ],
)
def test_unusable_urls_are_refused_in_one_lowercase_line(target: str, message: str) -> None:
    with pytest.raises(StoreError) as caught:
        server_target(target, from_command_line=True)
    assert str(caught.value) == message


def test_a_malformed_password_is_not_quoted_back() -> None:
    with pytest.raises(StoreError) as caught:
        server_target("postgresql://rep:ab%zz@h/db", from_command_line=False)
    assert "ab%zz" not in str(caught.value)
    assert str(caught.value).startswith("invalid PostgreSQL URL postgresql://rep:***@h/db: ")


# -- real connections: libpq reads the files and variables ---------------------------------------


def connect(
    target: str, config_password: str | None = None
) -> psycopg.Connection[tuple[object, ...]]:
    """A connection through the conninfo a URL given on the command line becomes."""
    made = server_target(target, from_command_line=True, config_password=config_password)
    return psycopg.connect(made.conninfo)


def test_a_pgpass_file_gives_the_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    part = server_parts()
    # The server trusts every local login, so it checks no password: libpq's pick is the proof.
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{part['host']}:{part['port']}:*:{part['user']}:from-pgpass\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    url = require_server()
    with connect(url) as conn:
        assert conn.info.password == "from-pgpass"
    with connect(url, config_password="from-config") as conn:
        assert conn.info.password == "from-config"
    monkeypatch.setenv("PGPASSWORD", "from-variable")
    with connect(url, config_password="from-config") as conn:
        assert conn.info.password == "from-variable"


def write_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """A pg_service.conf with one service for the test server, named by PGSERVICEFILE."""
    lines = [f"[{name}]", *(f"{key}={value}" for key, value in server_parts().items())]
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))


@pytest.mark.parametrize(
    "url", ["postgresql://?service=lb_b_team", "postgresql:///?service=lb_b_team"]
)
def test_a_service_names_the_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str
) -> None:
    write_service(tmp_path, monkeypatch, "lb_b_team")
    with connect(url) as conn:
        row = conn.execute("SELECT 1, current_setting('application_name')").fetchone()
        assert row == (1, "leadboard")
        assert conn.info.dbname == server_parts()["dbname"]


def test_pgservice_names_the_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write_service(tmp_path, monkeypatch, "lb_b_team")
    monkeypatch.setenv("PGSERVICE", "lb_b_team")
    monkeypatch.setenv("PGAPPNAME", "night-import")
    with connect("postgresql://") as conn:
        row = conn.execute("SELECT 1, current_setting('application_name')").fetchone()
        assert row == (1, "night-import")


def with_query(url: str, query: str) -> str:
    """The URL with one more query parameter."""
    return f"{url}{'&' if '?' in url else '?'}{query}"


def test_sslmode_in_the_url_is_honoured() -> None:
    url = require_server()
    # The test server has no SSL: requiring it must fail, and say why.
    with pytest.raises(psycopg.OperationalError) as caught:
        connect(with_query(url, "sslmode=require"))
    assert "SSL" in str(caught.value)
    with connect(with_query(url, "sslmode=disable")) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_pgsslmode_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGSSLMODE", "require")
    with pytest.raises(psycopg.OperationalError) as caught:
        connect(require_server())
    assert "SSL" in str(caught.value)


def test_the_search_path_option_reaches_the_server() -> None:
    url = with_query(require_server(), "options=-csearch_path%3Dlb_b_nowhere,public")
    made = server_target(url, from_command_line=True)
    assert made.schema == "lb_b_nowhere"
    with psycopg.connect(made.conninfo) as conn:
        assert conn.execute("SHOW search_path").fetchone() == ("lb_b_nowhere,public",)


def test_the_timeout_reaches_libpq() -> None:
    with connect(require_server()) as conn:
        assert conn.info.get_parameters()["connect_timeout"] == "10"
