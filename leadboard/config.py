"""The rep's settings, read from a TOML file; every field has a default from PRODUCT.md."""

from __future__ import annotations

import os
import re
import shlex
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from leadboard.domain.dates import (
    DEFAULT_READING,
    DateParseError,
    DateReading,
    day_first_for_locale,
    resolve_timezone,
)
from leadboard.domain.followup import DEFAULT_CADENCE, Policy
from leadboard.domain.identity import login_name
from leadboard.domain.model import Temperature
from leadboard.domain.text import clean_input

EXAMPLE = """\
# leadboard settings. Every line is optional; these are the defaults.

# Your time zone (IANA name). Empty: the TZ variable, else UTC.
timezone = ""

# Never set a follow-up on a Saturday or Sunday: push it to Monday.
skip_weekends = false

# How a typed 4/12 reads: "day-month" (4 December) or "month-day" (April 12).
# Empty: from the locale (LC_ALL, LC_TIME, LANG): month-day for en_US and other
# US-style locales, day-month for every other one and for C, POSIX or none.
date_order = ""

# The time given to a date typed without one ("tomorrow", "fri", "24 dec").
default_time = "09:00"

# How long a write waits for another leadboard process before giving up.
busy_timeout_ms = 5000

# Your name as a lead's owner on a team's database. Empty: your login name.
name = ""

# Tables come last: every line after a [table] header belongs to that table.

# Days between touches for each temperature.
[cadence]
cold = 60
cool = 30
warm = 14
hot = 1

# The password for a PostgreSQL database (--db postgresql://...), for when
# ~/.pgpass, a pg_service.conf service and PGPASSWORD give none. Read only when
# this file is yours alone (chmod 600); never put a password in --db.
# [database]
# password = ""
"""


class ConfigError(ValueError):
    """The config file cannot be used; str(err) says why in one line."""


@dataclass(frozen=True)
class Config:
    """Settings that shape the rules and the store."""

    cadence: MappingProxyType[Temperature, int] = field(
        default_factory=lambda: MappingProxyType(dict(DEFAULT_CADENCE))
    )
    timezone: str = "UTC"
    skip_weekends: bool = False
    busy_timeout_ms: int = 5000
    date_reading: DateReading = DEFAULT_READING
    database_password: str | None = field(default=None, repr=False)  # never in a repr
    name: str = ""
    """The rep's own name (a lead's owner); empty: the login name (see `owner`)."""

    @property
    def owner(self) -> str:
        """Who new leads belong to, and whose leads a team's board shows: name, else login."""
        return self.name or login_name()

    @property
    def policy(self) -> Policy:
        """The follow-up policy these settings describe."""
        return Policy(cadence=self.cadence, tz=self.timezone, skip_weekends=self.skip_weekends)


def load_config(path: Path) -> Config:
    """Read the config file; a missing file means all defaults."""
    raw: dict[str, Any] = {}
    mode = 0
    if path.exists():
        try:
            with open(path, "rb") as handle:
                mode = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
                raw = tomllib.loads(handle.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"cannot read config {path}: {err}") from err
    config = parse_config(raw, str(path))
    if config.database_password is not None:
        _check_private(path, mode)
    return config


def _check_private(path: Path, mode: int) -> None:
    """Refuse a password in a file others may read or change, as libpq refuses such a .pgpass."""
    if os.name == "nt" or not mode & 0o077:  # Windows keeps no such bits: its ACLs decide
        return
    access = "read" if mode & 0o044 else "change"
    raise ConfigError(
        f"{path.name} holds a database password but others can {access} it: "
        f"chmod 600 {shlex.quote(str(path))}"
    )


def parse_config(raw: dict[str, Any], where: str = "config") -> Config:
    """Validate a parsed TOML table into a Config."""
    cadence = dict(DEFAULT_CADENCE)
    table = raw.get("cadence", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [cadence] must be a table")
    for key, value in table.items():
        try:
            temp = Temperature(key)
        except ValueError:
            raise ConfigError(f"{where}: unknown temperature {key!r} in [cadence]") from None
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 3650:
            raise ConfigError(f"{where}: cadence.{key} must be whole days from 1 to 3650")
        cadence[temp] = value
    tz_setting = raw.get("timezone") or None
    if tz_setting is not None and not isinstance(tz_setting, str):
        raise ConfigError(f"{where}: timezone must be text such as 'Europe/Paris'")
    try:
        timezone = resolve_timezone(tz_setting, os.environ.get("TZ"))
    except DateParseError as err:
        raise ConfigError(f"{where}: {err}") from None
    skip = raw.get("skip_weekends", False)
    if not isinstance(skip, bool):
        raise ConfigError(f"{where}: skip_weekends must be true or false")
    busy = raw.get("busy_timeout_ms", 5000)
    if not isinstance(busy, int) or isinstance(busy, bool) or not 0 <= busy <= 600_000:
        raise ConfigError(f"{where}: busy_timeout_ms must be 0 to 600000")
    return Config(
        cadence=MappingProxyType(cadence),
        timezone=timezone,
        skip_weekends=skip,
        busy_timeout_ms=busy,
        date_reading=DateReading(
            day_first=_day_first(raw.get("date_order", ""), os.environ, where),
            default_time=_default_time(raw.get("default_time", "09:00"), where),
        ),
        database_password=_database_password(raw.get("database", {}), where),
        name=_name(raw.get("name", ""), where),
    )


def _name(setting: object, where: str) -> str:
    """The rep's name as typed in the config, cleaned as any typed text is."""
    if not isinstance(setting, str):
        raise ConfigError(f"{where}: name must be text such as 'Emma Hughes'")
    return clean_input(setting).strip()


_DATE_ORDERS = {"day-month": True, "month-day": False}
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})", re.ASCII)


def _day_first(setting: object, environ: Mapping[str, str], where: str) -> bool:
    """The date_order setting as day_first; empty means the locale's order."""
    if setting == "":
        return day_first_for_locale(locale_for_time(environ))
    if not isinstance(setting, str) or setting.strip().lower() not in _DATE_ORDERS:
        raise ConfigError(f'{where}: date_order must be "day-month" or "month-day"')
    return _DATE_ORDERS[setting.strip().lower()]


def _database_password(table: object, where: str) -> str | None:
    """The [database] password, None when there is none (an empty one is none)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [database] must be a table")
    for key in table:
        if key != "password":
            raise ConfigError(f"{where}: unknown setting {key!r} in [database]")
    password = table.get("password", "")
    if not isinstance(password, str):
        raise ConfigError(f'{where}: database.password must be text in quotes, such as "s3cret"')
    return password or None


def locale_for_time(environ: Mapping[str, str]) -> str:
    """The locale that governs dates, by POSIX precedence: LC_ALL, then LC_TIME, then LANG."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = environ.get(name, "")
        if value:
            return value
    return ""


def _default_time(setting: object, where: str) -> time:
    """The default_time setting, 'HH:MM' on a 24-hour clock (or a TOML time, 09:00:00)."""
    if isinstance(setting, time):
        return setting.replace(second=0, microsecond=0)
    match = _CLOCK.fullmatch(setting.strip()) if isinstance(setting, str) else None
    if match is None or int(match["h"]) > 23 or int(match["m"]) > 59:
        raise ConfigError(f'{where}: default_time must be a time from "00:00" to "23:59"')
    return time(int(match["h"]), int(match["m"]))
