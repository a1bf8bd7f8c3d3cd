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

from leadboard.config_keys import KeysError, read_keys
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
from leadboard.domain.money import DEFAULT_CURRENCY, Currency, currency_for
from leadboard.domain.sequence import DEFAULT_SEQUENCE, MAX_STEPS, FollowUpSequence
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

# The currency of every deal value (an ISO code: EUR, USD, GBP, JPY...).
currency = "EUR"

# The time given to a date typed without one ("tomorrow", "fri", "24 dec").
default_time = "09:00"

# How long a write waits for another leadboard process before giving up.
busy_timeout_ms = 5000

# Your name as a lead's owner on a team's database, and in your messages.
# Empty: your login name.
name = ""

# What ends your emails ({signature} in a template); several lines go in
# triple quotes: signature = '''Alex Smith
# Smith & Co Florists, 555 0100'''. Empty: your name.
signature = ""

# Your message templates are plain-text files in the "templates" folder beside
# this file, one per step and kind: step-2-email.txt (its first line is
# "Subject: ..."), step-2-short.txt (a text, voicemail or call script). In them
# {first_name}, {company}, {next_step}, {my_name} and {signature} are filled in;
# {{ and }} are braces. `leadboard template --init` writes the shipped ones there
# to edit; a step without a file gets the shipped words.

# Tables come last: every line after a [table] header belongs to that table.

# Days between touches for each temperature.
[cadence]
cold = 60
cool = 30
warm = 14
hot = 1

# The follow-up sequence: the steps a lead without a reply goes through, in
# order (1 to 20), and the step an objection jumps to (default: the step named
# "objection handling", else step 4, or the last of a shorter sequence).
# [sequence]
# steps = ["confirmation", "first personal message", "reminder tied to their goal",
#          "objection handling", "final clear next step"]
# objection_step = 4

# Your own keys for the board and the session: an action's name, then its key or
# keys. A name on both screens (log_contact, undo, won...) changes both; put
# board. or session. before it for one; a name that is none says every name.
# Keys are a character ("l", "?") or Textual's name for one ("ctrl+l", "f5",
# "space", "enter"); a key that two actions of one screen would share is refused.
# [keys]
# log_contact = "l"
# column_right = "right,semicolon"
# "session.skip" = "s,space"

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
    signature: str = ""
    """What ends the rep's emails, lines kept; empty: their name (see domain.templates.fill)."""
    sequence: FollowUpSequence = DEFAULT_SEQUENCE
    """The follow-up steps, from the [sequence] table."""
    currency: Currency = DEFAULT_CURRENCY
    """The one currency of every deal value."""
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """[keys]: an action's name (log_contact, session.skip) to its keys ("l", "s,space")."""
    key_places: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Where each [keys] entry was typed ('.../config.toml line 12'): ui/keys.py names it."""

    @property
    def owner(self) -> str:
        """Who new leads belong to, and whose leads a team's board shows: name, else login."""
        return self.name or login_name()

    @property
    def policy(self) -> Policy:
        """The follow-up policy these settings describe."""
        return Policy(
            cadence=self.cadence,
            tz=self.timezone,
            skip_weekends=self.skip_weekends,
            sequence=self.sequence,
        )


def load_config(path: Path) -> Config:
    """Read the config file; a missing file means all defaults."""
    raw: dict[str, Any] = {}
    mode = 0
    text = ""
    if path.exists():
        try:
            with open(path, "rb") as handle:
                mode = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
                text = handle.read().decode("utf-8")
                raw = tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"cannot read config {path}: {err}") from err
    config = parse_config(raw, str(path), text)
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


def parse_config(raw: dict[str, Any], where: str = "config", text: str = "") -> Config:
    """Validate a parsed TOML table into a Config; `text`, the file's, finds [keys] lines."""
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
        signature=_signature(raw.get("signature", ""), where),
        sequence=_sequence(raw.get("sequence", {}), where),
        currency=_currency(raw.get("currency", DEFAULT_CURRENCY.code), where),
        **_keys(raw.get("keys", {}), where, text),
    )


def _keys(table: object, where: str, text: str) -> dict[str, Mapping[str, str]]:
    """[keys] as Config's keys and key_places (config_keys.py reads it)."""
    try:
        keys, places = read_keys(table, where, text)
    except KeysError as err:
        raise ConfigError(str(err)) from None
    return {"keys": MappingProxyType(keys), "key_places": MappingProxyType(places)}


def _currency(setting: object, where: str) -> Currency:
    """The deal values' currency from its ISO code."""
    try:
        if not isinstance(setting, str):
            raise ValueError("currency must be a three-letter code such as EUR or USD")
        return currency_for(setting)
    except ValueError as err:
        raise ConfigError(f"{where}: {err}") from None


def _name(setting: object, where: str) -> str:
    """The rep's name as typed in the config, cleaned as any typed text is."""
    if not isinstance(setting, str):
        raise ConfigError(f"{where}: name must be text such as 'Emma Hughes'")
    return clean_input(setting).strip()


SIGNATURE_MAX = 1000
"""Longest signature: a few lines of name, firm and phone, not a letter."""


def _signature(setting: object, where: str) -> str:
    """The signature, its lines kept, cleaned as a typed note is."""
    if not isinstance(setting, str):
        raise ConfigError(f'{where}: signature must be text, such as "Alex Smith, Smith & Co"')
    signature = "\n".join(
        line.rstrip() for line in clean_input(setting, multiline=True).split("\n")
    )
    if len(signature) > SIGNATURE_MAX:
        raise ConfigError(f"{where}: signature is longer than {SIGNATURE_MAX} characters")
    return signature.strip("\n")


STEP_NAME_MAX = 60
"""Longest step name: it is shown on a card and in `leadboard show`."""

OBJECTION_STEP_NAME = "objection handling"


def _sequence(table: object, where: str) -> FollowUpSequence:
    """The [sequence] table: its steps and the one an objection jumps to."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [sequence] must be a table")
    for key in table:
        if key not in ("steps", "objection_step"):
            raise ConfigError(f"{where}: unknown setting {key!r} in [sequence]")
    steps = _steps(table.get("steps", DEFAULT_SEQUENCE.steps), where)
    named = [step.casefold() for step in steps]
    default = (
        named.index(OBJECTION_STEP_NAME) + 1
        if OBJECTION_STEP_NAME in named
        else min(DEFAULT_SEQUENCE.objection_step, len(steps))
    )
    objection = table.get("objection_step", default)
    if (
        not isinstance(objection, int)
        or isinstance(objection, bool)
        or not 1 <= objection <= len(steps)
    ):
        raise ConfigError(
            f"{where}: sequence.objection_step must be a step number from 1 to {len(steps)}"
        )
    return FollowUpSequence(steps, objection)


def _steps(setting: object, where: str) -> tuple[str, ...]:
    """sequence.steps: 1 to MAX_STEPS names, each cleaned, none empty, none twice."""
    if not isinstance(setting, list | tuple) or not 1 <= len(setting) <= MAX_STEPS:
        raise ConfigError(
            f'{where}: sequence.steps must be a list of 1 to {MAX_STEPS} names, such as ["call"]'
        )
    steps: list[str] = []
    for number, step in enumerate(setting, start=1):
        if not isinstance(step, str) or not clean_input(step).strip():
            raise ConfigError(f"{where}: sequence.steps: step {number} must be a name in quotes")
        name = " ".join(clean_input(step).split())
        if len(name) > STEP_NAME_MAX:
            raise ConfigError(
                f"{where}: sequence.steps: step {number} is longer than {STEP_NAME_MAX} characters"
            )
        if name.casefold() in (seen.casefold() for seen in steps):
            raise ConfigError(f"{where}: sequence.steps: {name!r} is there twice")
        steps.append(name)
    return tuple(steps)


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
