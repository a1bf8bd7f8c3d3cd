"""Tests for leadboard.config: date settings, the sequence, the signature, the EXAMPLE text."""

from __future__ import annotations

import os
import tomllib
from datetime import time
from pathlib import Path

import pytest

from leadboard.cli.entry import main
from leadboard.config import EXAMPLE, ConfigError, load_config, parse_config
from leadboard.domain.dates import DEFAULT_READING, DateReading
from leadboard.domain.sequence import DEFAULT_SEQUENCE, DEFAULT_STEPS


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


# -- the sequence and the signature (issue 15) ------------------------------------


def test_the_example_sequence_table_is_the_default_once_uncommented() -> None:
    start = EXAMPLE.index("# [sequence]")
    assert EXAMPLE.index("[cadence]") < start < EXAMPLE.index("# [database]")
    block = EXAMPLE[start : EXAMPLE.index("\n\n", start)]
    text = EXAMPLE.replace(block, "\n".join(line[2:] for line in block.splitlines()))
    assert parse_config(tomllib.loads(text)).sequence == DEFAULT_SEQUENCE
    assert "leadboard template --init" in EXAMPLE
    assert "step-2-email.txt" in EXAMPLE


def test_no_sequence_table_is_the_five_steps_of_the_product() -> None:
    config = parse_config({})
    assert config.sequence == DEFAULT_SEQUENCE
    assert config.policy.sequence is config.sequence
    assert config.signature == ""


def test_a_sequence_of_three_steps_reaches_the_policy() -> None:
    config = parse_config({"sequence": {"steps": [" Hello ", "Objection   handling", "bye"]}})
    assert config.sequence.steps == ("Hello", "Objection handling", "bye")
    assert config.sequence.objection_step == 2  # the step named so
    assert config.policy.sequence == config.sequence
    assert config.policy.sequence.done == 4


@pytest.mark.parametrize(
    ("steps", "objection"),
    [(["a", "b", "c", "d", "e", "f"], 4), (["a", "b"], 2), (["a"], 1)],
)
def test_the_objection_step_defaults_to_four_or_the_last(steps: list[str], objection: int) -> None:
    assert parse_config({"sequence": {"steps": steps}}).sequence.objection_step == objection


def test_the_objection_step_may_be_set() -> None:
    sequence = parse_config({"sequence": {"steps": ["a", "b", "c"], "objection_step": 3}}).sequence
    assert sequence.objection_step == 3
    assert parse_config({"sequence": {"objection_step": 5}}).sequence.steps == DEFAULT_STEPS


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ("sequence = 3", "[sequence] must be a table"),
        ("[sequence]\nstep = []", "unknown setting 'step' in [sequence]"),
        ("[sequence]\nsteps = []", "sequence.steps must be a list of 1 to 20 names"),
        ("[sequence]\nsteps = 'call'", "sequence.steps must be a list of 1 to 20 names"),
        (f"[sequence]\nsteps = {[str(n) for n in range(21)]}", "sequence.steps must be a list"),
        ("[sequence]\nsteps = ['a', 2]", "sequence.steps: step 2 must be a name in quotes"),
        ('[sequence]\nsteps = ["a", " \\u0007 "]', "sequence.steps: step 2 must be a name"),
        ("[sequence]\nsteps = ['Call', 'call ']", "sequence.steps: 'call' is there twice"),
        (f"[sequence]\nsteps = ['{'x' * 61}']", "step 1 is longer than 60 characters"),
        (
            "[sequence]\nsteps = ['a', 'b']\nobjection_step = 3",
            "sequence.objection_step must be a step number from 1 to 2",
        ),
        ("[sequence]\nobjection_step = true", "sequence.objection_step must be a step number"),
        ("[sequence]\nobjection_step = 0", "sequence.objection_step must be a step number"),
        ("signature = 3", "signature must be text"),
        (f"signature = '{'x' * 1001}'", "signature is longer than 1000 characters"),
    ],
)
def test_a_bad_sequence_or_signature_is_refused_in_one_line(
    tmp_path: Path, table: str, error: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(table + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert error in message
    assert "\n" not in message


def test_the_signature_keeps_its_lines_and_loses_controls(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'signature = """\nAlex Smith  \\r\\nSmith & Co\\u0007\n555 0100\n\n"""\n', encoding="utf-8"
    )
    assert load_config(path).signature == "Alex Smith\nSmith & Co\n555 0100"


def test_a_bad_sequence_stops_a_command_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path(os.environ["LEADBOARD_CONFIG"]).write_text("[sequence]\nsteps = []\n", encoding="utf-8")
    assert main(["template", "--init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("leadboard: ") and err.count("\n") == 1
    assert "sequence.steps must be a list" in err
