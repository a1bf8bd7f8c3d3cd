"""The rep's settings, read from a TOML file; every field has a default from PRODUCT.md."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from leadboard.domain.dates import DateParseError, resolve_timezone
from leadboard.domain.followup import DEFAULT_CADENCE, Policy
from leadboard.domain.model import Temperature

EXAMPLE = """\
# leadboard settings. Every line is optional; these are the defaults.

# Days between touches for each temperature.
[cadence]
cold = 60
cool = 30
warm = 14
hot = 1

# Your time zone (IANA name). Empty: the TZ variable, else UTC.
timezone = ""

# Never set a follow-up on a Saturday or Sunday: push it to Monday.
skip_weekends = false

# How long a write waits for another leadboard process before giving up.
busy_timeout_ms = 5000
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

    @property
    def policy(self) -> Policy:
        """The follow-up policy these settings describe."""
        return Policy(cadence=self.cadence, tz=self.timezone, skip_weekends=self.skip_weekends)


def load_config(path: Path) -> Config:
    """Read the config file; a missing file means all defaults."""
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"cannot read config {path}: {err}") from err
    return parse_config(raw, str(path))


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
    )
