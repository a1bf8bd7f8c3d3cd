"""A PostgreSQL URL made into what psycopg connects with: no password from argv, none in messages.

libpq itself reads ~/.pgpass (PGPASSFILE), pg_service.conf (service=, PGSERVICE,
PGSERVICEFILE), PGPASSWORD, PGSSLMODE and every URL query parameter (sslmode=…):
the URL is handed on whole so that it keeps doing so; nothing here reimplements
them. psycopg is imported only once a server URL is given, so SQLite never pays for it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from leadboard.domain.text import printable
from leadboard.store.errors import StoreError

SCHEMES = ("postgresql", "postgres")
APPLICATION_NAME = "leadboard"
CONNECT_TIMEOUT_S = 10
HIDDEN = "***"

_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>.*)", re.DOTALL)
_QUERY_PASSWORD = re.compile(r"(?P<key>(?:^|&)password=)(?P<value>[^&]*)")
_PASSWORD_HELP = (
    "leave it out and use ~/.pgpass (or PGPASSFILE), a service in pg_service.conf "
    "(service=NAME or PGSERVICE), the PGPASSWORD variable, or password in the [database] "
    "table of a config file only you can read"
)


@dataclass(frozen=True)
class ServerTarget:
    """A PostgreSQL database to connect to, and how to name it in a message."""

    conninfo: str = field(repr=False)  # may hold a password: never in a repr or traceback
    shown: str
    schema: str | None = None
    dbname: str | None = None
    host: str | None = None
    user: str | None = None


def is_server_target(target: str) -> bool:
    """True for a postgresql:// or postgres:// URL (also postgresql:?service=NAME)."""
    match = _SCHEME.fullmatch(target)
    return (
        match is not None
        and match["scheme"].lower() in SCHEMES
        and match["rest"].startswith(("//", "?"))
    )


def server_target(
    target: str, *, from_command_line: bool, config_password: str | None = None
) -> ServerTarget:
    """The connection a PostgreSQL URL names; StoreError for a URL that cannot be used.

    A password written in a URL given on the command line is refused: every user
    of the machine can read it in the process list. One in LEADBOARD_DB (the
    process's own environment) is used. `config_password`, from an owner-only
    config file, is used when neither the URL nor PGPASSWORD gives one.
    """
    url = _normalised(target)
    shown, secrets = _masked(url)
    params = _parsed(url, shown, secrets)
    password = params.get("password") or None
    shown = _safe_shown(shown, password, params)
    if password is not None and from_command_line:
        raise StoreError(
            f"--db {shown} holds a password, which the process list shows to every user "
            f"of this machine; {_PASSWORD_HELP}"
        )
    _check_ports(params.get("port"), shown)
    extra: dict[str, str] = {}
    if "application_name" not in params:
        # The fallback yields to PGAPPNAME and a service file's application_name too.
        extra["fallback_application_name"] = APPLICATION_NAME
    if "connect_timeout" not in params and "PGCONNECT_TIMEOUT" not in os.environ:
        # Without one libpq waits as long as the OS does for an unreachable host.
        extra["connect_timeout"] = str(CONNECT_TIMEOUT_S)
    if password is None and config_password and not os.environ.get("PGPASSWORD"):
        # In memory only: psycopg hands it to libpq, never to a command line.
        extra["password"] = config_password
    from psycopg.conninfo import make_conninfo

    return ServerTarget(
        conninfo=make_conninfo(url, **extra),
        shown=shown,
        schema=schema_from_options(params.get("options")),
        dbname=params.get("dbname") or None,
        host=params.get("host") or None,
        user=params.get("user") or None,
    )


def _normalised(target: str) -> str:
    """The URL with its scheme as libpq reads it (lowercase, '//'); StoreError for any other."""
    match = _SCHEME.fullmatch(target)
    scheme = match["scheme"].lower() if match is not None else ""
    if match is None or scheme not in SCHEMES or not match["rest"].startswith(("//", "?")):
        if scheme.startswith(SCHEMES) and "+" in scheme:
            raise StoreError(
                f"unsupported database URL {printable(scheme)}://; write postgresql:// "
                "without a driver name"
            )
        if match is not None and match["rest"].startswith("//"):
            raise StoreError(
                f"unsupported database URL {printable(scheme)}://; "
                "use postgresql://, sqlite:/// or a file path"
            )
        raise StoreError(f"{printable(target)[:200]} is not a postgresql:// URL")
    rest = match["rest"]
    return f"{scheme}:{rest}" if rest.startswith("//") else f"{scheme}://{rest}"


def _masked(url: str) -> tuple[str, list[str]]:
    """The URL with a password in its user part or query replaced by ***, and what was taken."""
    secrets: list[str] = []
    scheme, _, rest = url.partition("://")
    # As libpq reads it: the user part ends at the first '@' met before any '/'.
    end = min((at for at in (rest.find("@"), rest.find("/")) if at >= 0), default=-1)
    if end >= 0 and rest[end] == "@":
        user, colon, secret = rest[:end].partition(":")
        if colon:
            secrets.append(secret)
            rest = f"{user}:{HIDDEN}{rest[end:]}"
    head, question, query = rest.partition("?")
    if question:
        secrets.extend(found["value"] for found in _QUERY_PASSWORD.finditer(query))
        query = _QUERY_PASSWORD.sub(lambda found: found["key"] + HIDDEN, query)
    masked = f"{scheme}://{head}{question}{query}"
    return printable(masked), [secret for secret in secrets if secret]


def _parsed(url: str, shown: str, secrets: list[str]) -> dict[str, str]:
    """The URL as libpq reads it; StoreError naming what libpq found wrong."""
    from psycopg import Error
    from psycopg.conninfo import conninfo_to_dict

    try:
        raw = conninfo_to_dict(url)
    except Error as err:
        reason = str(err).strip()
        for secret in secrets:  # libpq may quote the bad part, which may be the password
            reason = reason.replace(secret, HIDDEN).replace(unquote(secret), HIDDEN)
        reason = printable(reason)
        hint = ""
        if '"schema"' in reason or '"search_path"' in reason:
            hint = "; choose a schema with options=-csearch_path%3DNAME"
        raise StoreError(f"invalid PostgreSQL URL {shown}: {reason}{hint}") from None
    return {key: str(value) for key, value in raw.items()}


def _safe_shown(shown: str, password: str | None, params: dict[str, str]) -> str:
    """`shown`, unless the password still shows in it (an unusual spelling): then a plain one."""
    if not password or (password not in shown and password not in unquote(shown)):
        return shown
    user = f"{params['user']}:{HIDDEN}@" if params.get("user") else f"{HIDDEN}@"
    port = f":{params['port']}" if params.get("port") else ""
    return printable(
        f"postgresql://{user}{params.get('host', '')}{port}/{params.get('dbname', '')}"
    )


def _check_ports(ports: str | None, shown: str) -> None:
    """Each port a number from 1 to 65535 (libpq would only say so when connecting)."""
    for port in (ports or "").split(","):
        port = port.strip()
        if port and not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
            raise StoreError(
                f"bad port {printable(port)!r} in {shown}: a port is a number from 1 to 65535"
            )


def schema_from_options(options: str | None) -> str | None:
    """The first schema of a search_path set in libpq's options (-csearch_path=NAME), if any."""
    if not options:
        return None
    words = _option_words(options)
    found: str | None = None
    for index, word in enumerate(words):
        if word == "-c":
            setting = words[index + 1] if index + 1 < len(words) else ""
        elif word.startswith(("-c", "--")):  # -cNAME=VALUE or --NAME=VALUE
            setting = word[2:]
        else:
            continue
        name, equals, value = setting.partition("=")
        if equals and name.strip().replace("-", "_").lower() == "search_path":
            found = value  # the server applies them in order: the last one wins
    return _first_schema(found) if found is not None else None


def _option_words(options: str) -> list[str]:
    """The options split as the server splits them: at spaces, a backslash keeps the next one."""
    words: list[str] = []
    current: list[str] = []
    escaped = False
    for char in options:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char.isspace():
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        words.append("".join(current))
    return words


def _first_schema(search_path: str) -> str | None:
    """The first name of a search_path: quoted kept as written, unquoted folded to lowercase."""
    text = search_path.strip()
    if text.startswith('"'):
        name: list[str] = []
        index = 1
        while index < len(text):
            if text[index] == '"':
                if text[index + 1 : index + 2] != '"':
                    break
                index += 1  # "" inside quotes is one "
            name.append(text[index])
            index += 1
        first = "".join(name)
    else:
        first = text.split(",", 1)[0].strip().lower()
    # "$user" depends on who connects: the schema is then the server's choice, not the URL's.
    return first if first and first != "$user" else None
