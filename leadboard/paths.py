"""Where leadboard keeps its database and config: options and env vars, else the user's dirs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "leadboard"


def default_db_path() -> Path:
    """The SQLite file in the user data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "leadboard.db"


def db_target(option: str | None) -> str:
    """The database to open: the --db option, else LEADBOARD_DB, else the default file."""
    if option:
        return option
    env = os.environ.get("LEADBOARD_DB")
    if env:
        return env
    return str(default_db_path())


def config_path() -> Path:
    """The TOML config file: LEADBOARD_CONFIG, else config.toml in the user config directory."""
    env = os.environ.get("LEADBOARD_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
