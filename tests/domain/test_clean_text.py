"""clean_input: what text may be stored, applied on every way text comes in."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadboard.domain.model import LeadDraft
from leadboard.domain.text import (
    BIDI_CONTROLS,
    INVISIBLE,
    LINE_BREAKS,
    REMOVED,
    cell_text,
    clean_input,
    has_visible,
)
from leadboard.domain.validation import ONE_LINE_FIELDS, ValidationError, check_draft, check_name

SPECIAL = REMOVED + LINE_BREAKS
"""Every character clean_input changes, in either mode (tab and newline aside)."""


@pytest.mark.parametrize(
    ("raw", "one_line", "multi_line"),
    [
        ("\x1b]0;pwned\x07Ann", "Ann", "Ann"),  # OSC window title, BEL-terminated
        ("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "link", "link"),  # OSC 8
        ("\x1b[31mred\x1b[0m", "red", "red"),  # CSI colour
        ("\x1b[2J\x1b[Hcleared", "cleared", "cleared"),
        ("\x1bPq#0;2\x1b\\ok", "ok", "ok"),  # DCS (sixel)
        ("\x9b31mred", "red", "red"),  # 8-bit CSI
        ("a\x1bb", "ab", "ab"),  # a lone ESC goes alone
        ("\x1b]0;no end\nnext", "]0;no end next", "]0;no end\nnext"),  # unterminated OSC
        ("\x00a\x07b\x08c\x7fd", "abcd", "abcd"),  # C0, DEL
        ("x\x90y\x9dz\x9c", "xyz", "xyz"),  # C1
        ("a\u202eb\u2066c\u2069d\u200fe\u061cf\u202ag", "abcdefg", "abcdefg"),  # bidi
        ("a\u200bb\ufeffc\u2060d", "abcd", "abcd"),  # zero-width spaces, BOM, word joiner
        ("one\ntwo", "one two", "one\ntwo"),
        ("one\r\ntwo\rthree", "one two three", "one\ntwo\nthree"),
        ("a\x85b\u2028c\u2029d\x0be\x0cf", "a b c d e f", "a\nb\nc\nd\ne\nf"),  # other breaks
        ("col\tumn", "col umn", "col\tumn"),
        ("  spaced  ", "  spaced  ", "  spaced  "),  # trimming is validation's job
    ],
)
def test_clean_input_removes_controls_and_keeps_the_text(
    raw: str, one_line: str, multi_line: str
) -> None:
    assert clean_input(raw) == one_line
    assert clean_input(raw, multiline=True) == multi_line


@pytest.mark.parametrize(
    "text",
    [
        "漢字のリード",
        "שלום עולם",  # Hebrew: its direction comes from the letters, not from controls
        "مرحبا بالعالم",
        "[/] [bold]x [@click=app.quit]q[/] [$var]",
        "👍 🙂 👨\u200d👩\u200d👧",  # an emoji ZWJ sequence keeps its joiners
        "ශ්\u200dරී ලංකා",  # Sinhala 'Sri' is spelt with a ZWJ
        "می\u200cخواهم",  # Persian spells with the zero-width non-joiner
        "Zoë Ørsted-Ñúñez e\u0301",
        "",
    ],
)
def test_clean_input_keeps_real_text(text: str) -> None:
    assert clean_input(text) == text
    assert clean_input(text, multiline=True) == text


def test_the_removed_set_is_what_the_issue_names() -> None:
    for code in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F, *range(0x80, 0x85)):
        assert chr(code) in REMOVED
    for code in range(0x86, 0xA0):
        assert chr(code) in REMOVED
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
        assert ch in BIDI_CONTROLS
    for ch in "\u200b\ufeff\u2060":
        assert ch in INVISIBLE
    # Kept on purpose: tab and newline (notes), the joiners (spelling, emoji).
    for ch in "\t\n\u200c\u200d":
        assert ch not in REMOVED
    # Every removed character is a control or format character: no letter is ever lost.
    assert {unicodedata.category(ch) for ch in REMOVED} <= {"Cc", "Cf"}


def test_a_10000_character_note_is_kept_whole() -> None:
    note = ("[b]x[/b]\tline 漢字\n" * 700)[:10_000]
    assert clean_input(note, multiline=True) == note
    dirty = note.replace("\n", "\x1b[0m\r\n", 50)
    assert clean_input(dirty, multiline=True) == note


hostile_text = st.text(
    alphabet=st.sampled_from(SPECIAL + "\t\n\x1b\x9b[]0;mPX^_\\ab漢שׁ👍\u200d\u200c é"),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(hostile_text, st.booleans())
def test_clean_input_leaves_nothing_to_clean(text: str, multiline: bool) -> None:
    cleaned = clean_input(text, multiline=multiline)
    assert clean_input(cleaned, multiline=multiline) == cleaned
    assert not set(cleaned) & set(SPECIAL)
    if not multiline:
        assert "\n" not in cleaned and "\t" not in cleaned


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters=SPECIAL + "\x1b\x9b\t\n")))
def test_clean_input_never_changes_text_without_controls(text: str) -> None:
    assert clean_input(text) == text


# -- where text comes in: the draft, the name ----------------------------------


def test_check_draft_cleans_every_text_field() -> None:
    draft = LeadDraft(name="\x1b]0;pwned\x07Ann\u202e", notes="one\x9b\r\ntwo\tthree\x07")
    for field in ONE_LINE_FIELDS:
        setattr(draft, field, f"\x1b[1m{field}\x1b[0m\nmore\u2066")
    check_draft(draft)
    assert draft.name == "Ann"
    assert draft.notes == "one\ntwo\tthree"
    for field in ONE_LINE_FIELDS:
        assert getattr(draft, field) == f"{field} more"


@pytest.mark.parametrize("name", ["\x07\x1b[0m", "\u202e\u200b", " \u200d ", "\x1b]0;x\x07"])
def test_a_name_of_nothing_visible_is_no_name(name: str) -> None:
    with pytest.raises(ValidationError, match="a lead needs a name"):
        check_name(name)


def test_has_visible() -> None:
    assert has_visible("a") and has_visible("漢") and has_visible("👍") and has_visible("[/]")
    assert not has_visible("") and not has_visible(" \t\u200d\u0301")


def test_cell_text_drops_the_joiner_that_terminals_measure_differently() -> None:
    assert cell_text("👨\u200d👩\u200d👧 family") == "👨👩👧 family"
    assert cell_text("a\x1b[31m\u200db") == "ab"
    assert cell_text("می\u200cخواهم") == "میخواهم"  # printable drops every other format mark
