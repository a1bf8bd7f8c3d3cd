"""Tests for safe text, input validation, scoring, identity keys and the config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadboard.config import Config, ConfigError, load_config, parse_config
from leadboard.domain.followup import DEFAULT_CADENCE
from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.model import NAME_MAX, Channel, LeadDraft, Outcome, Temperature
from leadboard.domain.scoring import check_score_part, score
from leadboard.domain.text import cell_width, fit_width, printable
from leadboard.domain.validation import ValidationError, check_draft, check_name, parse_choice

# -- printable -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "red"),  # CSI colour
        ("\x1b[2J\x1b[Hcleared", "cleared"),  # clear screen, cursor home
        ("\x1b[?25lhidden", "hidden"),  # private CSI (hide cursor)
        ("\x1b]0;pwned title\x07name", "name"),  # OSC window title ended by BEL
        ("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink
        ("\x1bPq#0;2;0;0;0\x1b\\ok", "ok"),  # DCS (sixel) string
        ("\x9b31mred", "red"),  # 8-bit CSI
        ("a\u202eb\u2066c\u2069d\u200fe", "abcde"),  # bidi overrides and isolates
        ("\x00a\x07b\x08c\x7fd", "abcd"),  # C0 and DEL
        ("\x85x\x9dy\x90z", "xyz"),  # C1
        ("lone escape\x1b", "lone escape"),
        ("a\tb", "a b"),
        ("line one\nline two", "line one line two"),
        ("line one\r\nline two", "line one line two"),
    ],
)
def test_printable_strips_escapes_and_controls(raw: str, shown: str) -> None:
    cleaned = printable(raw)
    assert cleaned == shown
    assert "\x1b" not in cleaned
    assert "\x9b" not in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "漢字のリード",  # CJK
        "שלום עולם",  # Hebrew (right to left)
        "مرحبا بالعالم",  # Arabic (right to left)
        "[/] [b]bold[/b] [@click=app.quit]x[/] [$var]",  # markup-looking brackets
        "👍 🙂",  # emoji
        "👨\u200d👩\u200d👧 family",  # emoji joined by ZWJ
        "Zoë Ørsted-Ñúñez",
        "e\u0301",  # combining accent
        "",
    ],
)
def test_printable_keeps_real_text(text: str) -> None:
    assert printable(text) == text


def test_printable_cleans_mixed_text_but_keeps_the_letters() -> None:
    raw = "\x1b[1m漢字\x1b[0m [/]\u202eשלום\x07 👍"
    assert printable(raw) == "漢字 [/]שלום 👍"


def test_printable_multi_line_keeps_newlines() -> None:
    assert printable("one\ntwo\r\nthree", one_line=False) == "one\ntwo\nthree"
    assert printable("one\x1b[31m\ntwo", one_line=False) == "one\ntwo"


def test_printable_lone_carriage_return_separates_words() -> None:
    assert printable("one\rtwo") == "one two"
    assert printable("one\rtwo", one_line=False) == "one\ntwo"


def test_printable_long_text_stays_whole() -> None:
    note = ("[b]x[/b] " * 1250)[:10_000]
    assert printable(note) == note


# -- widths --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("abc", 3),
        ("漢字", 4),
        ("漢a字", 5),
        ("ｈｉ", 4),  # fullwidth Latin
        ("e\u0301", 1),  # combining accent takes no column
        ("👍", 2),
        ("שלום", 4),
    ],
)
def test_cell_width(text: str, width: int) -> None:
    assert cell_width(text) == width


def test_fit_width_pads_short_text_exactly() -> None:
    assert fit_width("abc", 6) == "abc   "
    assert fit_width("漢字", 6) == "漢字  "
    assert fit_width("abc", 3) == "abc"


def test_fit_width_cuts_with_an_ellipsis() -> None:
    assert fit_width("abcdefgh", 5) == "abcd…"
    assert fit_width("漢字漢字", 5) == "漢字…"
    # A wide character that would straddle the edge is left out and the gap padded.
    assert fit_width("漢字漢字", 4) == "漢… "
    assert fit_width("abc", 1) == "…"


def test_fit_width_zero_or_negative_is_empty() -> None:
    assert fit_width("abc", 0) == ""
    assert fit_width("abc", -3) == ""


@pytest.mark.parametrize(
    "text",
    ["漢字abc漢字", "a漢b字c", "👍👍👍 ok", "plain ascii text", "e\u0301e\u0301e\u0301e\u0301"],
)
def test_fit_width_is_exactly_the_width_asked(text: str) -> None:
    for width in range(1, 16):
        fitted = fit_width(text, width)
        assert cell_width(fitted) == width, (text, width, fitted)
        if cell_width(text) > width:
            assert fitted.rstrip(" ").endswith("…")
        else:
            assert fitted.startswith(text)


# -- validation ----------------------------------------------------------------


def test_check_name_trims() -> None:
    assert check_name("  Jane Doe \n") == "Jane Doe"


@pytest.mark.parametrize("name", ["", "   ", "\t\n "])
def test_check_name_refuses_empty_names(name: str) -> None:
    with pytest.raises(ValidationError, match="needs a name"):
        check_name(name)


def test_check_name_length_limit() -> None:
    assert NAME_MAX == 200
    assert check_name("x" * 200) == "x" * 200
    assert check_name(" " + "x" * 200 + " ") == "x" * 200
    with pytest.raises(ValidationError, match="at most 200 characters, not 201"):
        check_name("x" * 201)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("meeting_booked", Outcome.MEETING_BOOKED),
        ("Meeting booked", Outcome.MEETING_BOOKED),
        ("meeting-booked", Outcome.MEETING_BOOKED),
        ("  MEETING BOOKED  ", Outcome.MEETING_BOOKED),
        ("Left message", Outcome.LEFT_MESSAGE),
        ("no-answer", Outcome.NO_ANSWER),
        ("talked", Outcome.TALKED),
    ],
)
def test_parse_choice_is_forgiving(text: str, expected: Outcome) -> None:
    assert parse_choice(Outcome, text, "outcome") is expected


def test_parse_choice_works_for_every_enum() -> None:
    assert parse_choice(Temperature, "HOT", "temperature") is Temperature.HOT
    assert parse_choice(Channel, " Email ", "channel") is Channel.EMAIL


def test_parse_choice_error_lists_the_choices() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_choice(Temperature, "tepid", "temperature")
    message = str(caught.value)
    assert message == 'unknown temperature "tepid"; choose one of cold, cool, warm, hot'


def test_parse_choice_error_strips_control_characters_and_is_short() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_choice(Channel, "\x1b[31mfax\x07\n" + "y" * 100, "channel")
    message = str(caught.value)
    assert "\x1b" not in message
    assert "\x07" not in message
    assert "\n" not in message
    assert '"fax ' in message
    assert "y" * 41 not in message
    assert "call, email, text, voicemail, postcard, social, video, meeting, other" in message


def test_check_draft_trims_and_checks_score_parts() -> None:
    draft = check_draft(LeadDraft(name="  Ann ", company="  Acme  ", fit=3, interest=0))
    assert draft.name == "Ann"
    assert draft.company == "Acme"
    with pytest.raises(ValidationError, match="fit must be 0 to 3, not 4"):
        check_draft(LeadDraft(name="Ann", fit=4))
    with pytest.raises(ValidationError, match="readiness must be 0 to 3, not -1"):
        check_draft(LeadDraft(name="Ann", readiness=-1))


def test_check_draft_limits_text_lengths() -> None:
    with pytest.raises(ValidationError, match="company is too long"):
        check_draft(LeadDraft(name="Ann", company="x" * 1001))
    with pytest.raises(ValidationError, match="notes are too long"):
        check_draft(LeadDraft(name="Ann", notes="x" * 100_001))
    long_notes = "x" * 100_000
    assert check_draft(LeadDraft(name="Ann", notes=long_notes)).notes == long_notes


# -- scoring -------------------------------------------------------------------


def test_score_is_the_sum_of_its_parts() -> None:
    assert score(0, 0, 0) == 0
    assert score(1, 2, 3) == 6
    assert score(3, 3, 3) == 9


@pytest.mark.parametrize("value", [-1, 4, 10])
def test_score_parts_outside_zero_to_three_are_refused(value: int) -> None:
    with pytest.raises(ValueError, match=f"interest must be 0 to 3, not {value}"):
        check_score_part("interest", value)
    with pytest.raises(ValueError):
        score(1, value, 1)


def test_check_score_part_returns_the_value() -> None:
    assert [check_score_part("fit", v) for v in range(4)] == [0, 1, 2, 3]


# -- identity ------------------------------------------------------------------


def test_email_key_normalizes() -> None:
    assert email_key("  Jane.Doe@Example.COM ") == "jane.doe@example.com"
    assert email_key("jane.doe@example.com") == email_key("JANE.DOE@EXAMPLE.COM")
    assert email_key("not an email") == ""
    assert email_key("") == ""


def test_phone_key_matches_international_and_national_forms() -> None:
    assert phone_key("+33 6 12 34 56 78") == phone_key("06 12 34 56 78")
    assert phone_key("+33 6 12 34 56 78") == "612345678"
    assert phone_key("(555) 123-4567") == phone_key("+1 555.123.4567")
    assert phone_key("06 12 34 56 78") != phone_key("06 12 34 56 79")


def test_phone_key_of_short_or_missing_numbers_is_empty() -> None:
    assert phone_key("12345") == ""
    assert phone_key("n/a") == ""
    assert phone_key("") == ""
    assert phone_key("123456") == "123456"


# -- config --------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    """Write a config file and return its path."""
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_config_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope.toml")
    assert config == Config()
    assert dict(config.cadence) == dict(DEFAULT_CADENCE)
    assert config.timezone == "UTC"
    assert config.skip_weekends is False
    assert config.busy_timeout_ms == 5000
    assert config.policy.tz == "UTC"


def test_partial_config_keeps_the_other_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[cadence]\nwarm = 7\n")
    config = load_config(path)
    assert config.cadence[Temperature.WARM] == 7
    assert config.cadence[Temperature.COLD] == 60
    assert config.cadence[Temperature.HOT] == 1
    assert config.timezone == "UTC"
    assert config.busy_timeout_ms == 5000


def test_full_config_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml",
        'timezone = "Europe/Paris"\nskip_weekends = true\nbusy_timeout_ms = 250\n'
        "[cadence]\ncold = 90\ncool = 45\nwarm = 10\nhot = 2\n",
    )
    config = load_config(path)
    assert config.timezone == "Europe/Paris"
    assert config.skip_weekends is True
    assert config.busy_timeout_ms == 250
    policy = config.policy
    assert policy.tz == "Europe/Paris"
    assert policy.skip_weekends is True
    assert [policy.cadence_days(t) for t in Temperature] == [90, 45, 10, 2]


def test_bad_toml_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.toml", "[cadence\nwarm = \n")
    with pytest.raises(ConfigError, match=r"broken\.toml"):
        load_config(path)


def test_config_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'timezone = "caf\xe9"\n')
    with pytest.raises(ConfigError):
        load_config(path)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"cadence": {"tepid": 3}}, "unknown temperature 'tepid'"),
        ({"cadence": {"warm": 0}}, "cadence.warm must be whole days"),
        ({"cadence": {"warm": -2}}, "cadence.warm must be whole days"),
        ({"cadence": {"hot": True}}, "cadence.hot must be whole days"),
        ({"cadence": {"cool": 2.5}}, "cadence.cool must be whole days"),
        ({"cadence": {"cold": 3651}}, "cadence.cold must be whole days"),
        ({"cadence": 7}, r"\[cadence\] must be a table"),
        ({"timezone": "Mars/Olympus"}, "Mars/Olympus"),
        ({"timezone": 5}, "timezone must be text"),
        ({"skip_weekends": "yes"}, "skip_weekends must be true or false"),
        ({"busy_timeout_ms": -1}, "busy_timeout_ms"),
        ({"busy_timeout_ms": True}, "busy_timeout_ms"),
    ],
)
def test_bad_config_values_are_config_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(raw, "my.toml")


def test_config_error_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[cadence]\nwarm = 0\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_timezone_falls_back_to_tz_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert parse_config({}).timezone == "America/New_York"
    monkeypatch.setenv("TZ", ":Europe/Paris")
    assert parse_config({}).timezone == "Europe/Paris"


def test_config_timezone_wins_over_tz_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert parse_config({"timezone": "Asia/Tokyo"}).timezone == "Asia/Tokyo"
    assert parse_config({"timezone": ""}).timezone == "America/New_York"


def test_no_timezone_anywhere_is_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TZ", raising=False)
    assert parse_config({}).timezone == "UTC"


def test_tz_env_that_names_no_zone_means_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Not/AZone")
    assert parse_config({}).timezone == "UTC"


def test_bad_timezone_setting_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    with pytest.raises(ConfigError, match="Not/AZone"):
        parse_config({"timezone": "Not/AZone"})
