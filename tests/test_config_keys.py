"""The [keys] table: read with the line each name is on, checked against the screens' keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from leadboard.config import EXAMPLE, Config, ConfigError, load_config
from leadboard.ui.app import LeadboardApp
from leadboard.ui.keys import keymap_for, normal_key


def written(tmp_path: Path, text: str) -> Path:
    """A config file with this text."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def keymap(tmp_path: Path, text: str) -> dict[str, str]:
    """The keymap a config file with this text gives the app (ConfigError when refused)."""
    return keymap_for(load_config(written(tmp_path, text)), LeadboardApp)


def refusal(tmp_path: Path, text: str) -> str:
    """The one line that refuses a config file with this text."""
    with pytest.raises(ConfigError) as refused:
        keymap(tmp_path, text)
    return str(refused.value)


def test_no_keys_table_changes_no_key(tmp_path: Path) -> None:
    assert Config().keys == {}
    assert load_config(written(tmp_path, 'name = "Ann"\n')).keys == {}
    assert keymap(tmp_path, 'name = "Ann"\n') == {}


def test_each_way_of_writing_a_name_reads_as_one_with_its_line(tmp_path: Path) -> None:
    text = (
        'signature = """Ann Lee\n'
        'log_contact = "not a key: inside the signature"\n'
        '"""\n'
        "[keys]\n"
        'log_contact = "l"  # on both screens\n'
        '"session.skip" = "s,space"\n'
        'board . undo = ["U", "ctrl+z"]\n'
        "\n"
        "[keys.session]\n"
        "end = 'Q'\n"
    )
    config = load_config(written(tmp_path, text))
    assert dict(config.keys) == {
        "log_contact": "l",
        "session.skip": "s,space",
        "board.undo": "U,ctrl+z",
        "session.end": "Q",
    }
    where = str(tmp_path / "config.toml")
    assert dict(config.key_places) == {
        "log_contact": f"{where} line 5",
        "session.skip": f"{where} line 6",
        "board.undo": f"{where} line 7",
        "session.end": f"{where} line 10",
    }


def test_a_name_without_its_screen_changes_every_screen_that_has_it(tmp_path: Path) -> None:
    found = keymap(
        tmp_path,
        '[keys]\nlog_contact = "l"\ncolumn_right = "right,semicolon"\n"session.skip" = "s,space"\n',
    )
    assert found == {
        "board.log_contact": "l",
        "session.log_contact": "l",
        "board.column_right": "right,semicolon",
        "session.skip": "s,space",
    }


def test_the_name_with_its_screen_wins_wherever_it_stands(tmp_path: Path) -> None:
    found = keymap(tmp_path, '[keys]\n"board.undo" = "U"\nundo = "ctrl+z"\n')
    assert found == {"board.undo": "U", "session.undo": "ctrl+z"}


def test_keys_are_stored_under_textuals_names(tmp_path: Path) -> None:
    found = keymap(tmp_path, '[keys]\nhelp = "F1, ?"\nwon = "W,W"\n')
    assert found["board.help"] == found["session.help"] == "f1,question_mark"
    assert found["board.won"] == "W"
    # ctrl+m is what the terminal sends for enter: one key, the lead detail's already.
    assert "board.filter and open_detail would both be 'enter' on the board" in refusal(
        tmp_path, '[keys]\n"board.filter" = "ctrl+m"\n'
    )


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("l", "l"),
        ("?", "question_mark"),
        (" space ", "space"),
        ("é", "é"),
        ("F5", "f5"),
        ("ctrl+l", "ctrl+l"),
        ("shift+right", "shift+right"),
        ("full_stop", "full_stop"),
        ("ctlr+l", None),
        ("f55", None),
        ("\x1b", None),
        ("lg", None),
        ("", None),
    ],
)
def test_a_key_is_a_character_or_a_name_textual_knows(typed: str, key: str | None) -> None:
    assert normal_key(typed) == key


def test_an_unknown_action_is_refused_with_its_line(tmp_path: Path) -> None:
    line = refusal(tmp_path, 'name = "Ann"\n\n[keys]\nundo = "U"\nlgo = "l"\n')
    assert line.startswith(f"{tmp_path / 'config.toml'} line 5: unknown action 'lgo' in [keys]; ")
    assert "known: accept_hint, add_lead, back," in line
    assert "log_contact" in line and "\n" not in line


def test_an_unknown_screen_is_an_unknown_action(tmp_path: Path) -> None:
    line = refusal(tmp_path, '[keys]\n"stats.undo" = "U"\n')
    assert "line 2: unknown action 'stats.undo' in [keys]" in line


def test_a_key_textual_has_no_name_for_is_refused_with_its_line(tmp_path: Path) -> None:
    line = refusal(tmp_path, '[keys]\nundo = "U"\nwon = "W, ctlr+w"\n')
    assert line == (
        f"{tmp_path / 'config.toml'} line 3: 'ctlr+w' for won in [keys] is not a key; give a "
        'character such as "l" or a key name such as "ctrl+l", "f5", "space"'
    )


def test_a_key_kept_by_another_action_is_a_clash_named_with_both(tmp_path: Path) -> None:
    # `l` is column right until column_right is given another key.
    line = refusal(tmp_path, '[keys]\n\nlog_contact = "l"\n')
    assert line == (
        f"{tmp_path / 'config.toml'} line 3: log_contact and column_right would both be 'l' "
        "on the board; give one of them another key in [keys]"
    )


def test_two_changed_keys_on_one_key_name_the_later_line(tmp_path: Path) -> None:
    line = refusal(tmp_path, '[keys]\nsnooze = "o"\nskip = "o"\n')
    assert line.endswith(
        "line 3: skip and snooze would both be 'o' in the session; "
        "give one of them another key in [keys]"
    )
    # The session's `2` (left a message) is kept: giving it to skip clashes too.
    assert "line 2: skip and left_message would both be '2' in the session" in refusal(
        tmp_path, '[keys]\nskip = "2"\n'
    )


def test_a_key_textual_keeps_for_itself_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, '[keys]\n"board.undo" = "tab"\n').endswith(
        "line 2: 'tab' is Textual's focus next on the board; give board.undo another key in [keys]"
    )
    assert "'ctrl+p' is Textual's command palette in the session" in refusal(
        tmp_path, '[keys]\n"session.undo" = "ctrl+p"\n'
    )
    assert "'ctrl+q' is Textual's quit on the board" in refusal(
        tmp_path, '[keys]\nquit = "ctrl+q"\n'
    )


def test_moving_a_key_away_first_frees_it(tmp_path: Path) -> None:
    found = keymap(tmp_path, '[keys]\nlog_contact = "l"\ncolumn_right = "right,semicolon"\n')
    assert found["board.log_contact"] == "l"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("keys = 5\n", ": [keys] must be a table"),
        ("[keys]\nundo = 5\n", ' line 2: keys.undo must be a key in quotes, such as "l"'),
        ('[keys]\nundo = ""\n', " line 2: keys.undo must be a key in quotes"),
        ("[keys]\nundo = []\n", " line 2: keys.undo must be a key in quotes"),
        ("[keys.session.deep]\nundo = 'u'\n", ": keys.session.deep must be a key in quotes"),
    ],
)
def test_a_table_of_the_wrong_shape_is_refused_on_reading(
    tmp_path: Path, text: str, words: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(written(tmp_path, text))
    assert str(refused.value).startswith(f"{tmp_path / 'config.toml'}{words}")


def test_the_examples_commented_keys_table_is_one_the_app_takes(tmp_path: Path) -> None:
    lines = EXAMPLE.splitlines()
    start = lines.index("# [keys]")
    table = []
    for line in lines[start:]:
        if not line.startswith("# ") or not line[2:].strip():
            break
        table.append(line[2:])
    assert len(table) > 2
    found = keymap(tmp_path, "\n".join(table) + "\n")
    assert found["board.log_contact"] == "l"
    assert tomllib.loads(EXAMPLE).get("keys") is None  # commented out: no key changes by default
