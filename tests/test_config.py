"""Tests for leadboard.config's date settings: date_order, default_time and the EXAMPLE text."""

from __future__ import annotations

import tomllib
from datetime import time
from pathlib import Path

import pytest

from leadboard.cli.entry import main
from leadboard.config import EXAMPLE, ConfigError, load_config, parse_config
from leadboard.domain.dates import DEFAULT_READING, DateReading


@pytest.fixture(autouse=True)
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No locale variables unless a test sets them: the developer's LANG must not leak in."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_the_example_text_is_the_defaults() -> None:
    assert parse_config(tomllib.loads(EXAMPLE)) == parse_config({})
    assert "date_order" in EXAMPLE
    assert 'default_time = "09:00"' in EXAMPLE
    assert "[cadence]" in EXAMPLE


def test_no_settings_and_no_locale_read_day_first_at_nine() -> None:
    assert parse_config({}).date_reading == DEFAULT_READING


@pytest.mark.parametrize(
    ("variables", "day_first"),
    [
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LANG": "en_GB.UTF-8"}, True),
        ({"LANG": "C"}, True),
        ({"LANG": "POSIX"}, True),
        ({"LANG": "en_GB.UTF-8", "LC_TIME": "en_US.UTF-8"}, False),
        ({"LC_TIME": "en_US.UTF-8", "LC_ALL": "de_DE.UTF-8"}, True),
        ({"LANG": "en_US.UTF-8", "LC_TIME": ""}, False),
    ],
)
def test_the_date_order_defaults_from_the_locale(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], day_first: bool
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert parse_config({}).date_reading.day_first is day_first


def test_the_date_order_setting_wins_over_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert parse_config({"date_order": "day-month"}).date_reading.day_first is True
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert parse_config({"date_order": "month-day"}).date_reading.day_first is False
    assert parse_config({"date_order": " Month-Day "}).date_reading.day_first is False


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("09:00", time(9)), ("8:30", time(8, 30)), ("00:00", time(0)), ("23:59", time(23, 59))],
)
def test_default_time(setting: str, expected: time) -> None:
    assert parse_config({"default_time": setting}).date_reading.default_time == expected


def test_default_time_as_a_toml_time() -> None:
    raw = tomllib.loads("default_time = 08:15:00")
    assert parse_config(raw).date_reading == DateReading(True, time(8, 15))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"date_order": "dmy"}, 'my.toml: date_order must be "day-month" or "month-day"'),
        ({"date_order": 1}, 'my.toml: date_order must be "day-month" or "month-day"'),
        ({"default_time": "9am"}, 'my.toml: default_time must be a time from "00:00" to "23:59"'),
        ({"default_time": "24:00"}, 'my.toml: default_time must be a time from "00:00" to "23:59"'),
        ({"default_time": "09:60"}, 'my.toml: default_time must be a time from "00:00" to "23:59"'),
        ({"default_time": 9}, 'my.toml: default_time must be a time from "00:00" to "23:59"'),
        ({"default_time": ""}, 'my.toml: default_time must be a time from "00:00" to "23:59"'),
    ],
)
def test_bad_date_settings_are_config_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, "my.toml")
    assert str(caught.value) == message


def test_a_bad_date_setting_stops_a_command_with_one_line(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_env / "config.toml").write_text('date_order = "ymd"\n', encoding="utf-8")
    assert main(["due"]) == 1
    err = capsys.readouterr().err.strip()
    assert "date_order must be" in err
    assert "\n" not in err


def test_the_settings_reach_dates_typed_on_the_command_line(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_env / "config.toml").write_text(
        'date_order = "month-day"\ndefault_time = "08:30"\n', encoding="utf-8"
    )
    assert main(["add", "Ada Lovelace", "--due", "4/12"]) == 0
    capsys.readouterr()
    assert main(["list", "--format", "json"]) == 0
    shown = capsys.readouterr().out
    # 12 April 2027 (month first; the test clock is November 2026) at 08:30 UTC.
    assert '"next_due": "2027-04-12T08:30:00+00:00"' in shown


def test_load_config_reads_the_date_settings(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('date_order = "month-day"\ndefault_time = "10:15"\n', encoding="utf-8")
    assert load_config(path).date_reading == DateReading(False, time(10, 15))


# -- [database] password: read only from a file its owner alone can read --------------------


def test_the_database_password_is_read_from_an_owner_only_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[database]\npassword = "s3cret"\n', encoding="utf-8")
    path.chmod(0o600)
    config = load_config(path)
    assert config.database_password == "s3cret"
    assert "s3cret" not in repr(config)


def test_no_database_password_by_default() -> None:
    assert parse_config({}).database_password is None
    assert parse_config({"database": {"password": ""}}).database_password is None


@pytest.mark.parametrize(("mode", "access"), [(0o644, "read"), (0o640, "read"), (0o620, "change")])
def test_a_password_others_can_reach_is_refused(tmp_path: Path, mode: int, access: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text('timezone = "UTC"\n[database]\npassword = "s3cret"\n', encoding="utf-8")
    path.chmod(mode)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"config.toml holds a database password but others can {access} it: chmod 600 {path}"
    )


def test_a_readable_file_without_a_password_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('timezone = "UTC"\n[database]\n', encoding="utf-8")
    path.chmod(0o644)
    assert load_config(path).database_password is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"database": "s3cret"}, "my.toml: [database] must be a table"),
        (
            {"database": {"password": 1234}},
            'my.toml: database.password must be text in quotes, such as "s3cret"',
        ),
        ({"database": {"pasword": "x"}}, "my.toml: unknown setting 'pasword' in [database]"),
    ],
)
def test_bad_database_settings_are_config_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, "my.toml")
    assert str(caught.value) == message


def test_a_command_stops_on_a_readable_password_and_says_how_to_fix_it(
    isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = isolated_env / "config.toml"
    path.write_text('[database]\npassword = "s3cret"\n', encoding="utf-8")
    path.chmod(0o644)
    assert main(["due"]) == 1
    err = capsys.readouterr().err.strip()
    expected = "config.toml holds a database password but others can read it: chmod 600"
    assert err == f"leadboard: {expected} {path}"
    assert "s3cret" not in err
    path.chmod(0o600)
    assert main(["add", "Ada Lovelace"]) == 0


def test_the_example_database_table_works_once_uncommented() -> None:
    assert "# [database]" in EXAMPLE
    # Tables come last, [database] after [cadence]: uncommented, each keeps its own lines.
    assert EXAMPLE.index("# [database]") > EXAMPLE.index("[cadence]")
    text = EXAMPLE.replace("# [database]", "[database]").replace(
        '# password = ""', 'password = "pw"'
    )
    config = parse_config(tomllib.loads(text))
    assert config.database_password == "pw"
    assert config.cadence == parse_config({}).cadence
