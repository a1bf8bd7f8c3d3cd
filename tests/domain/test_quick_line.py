"""read_quick_words: every natural word, any order, dates and their negatives, hostile text."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadboard.domain.dates import DEFAULT_READING
from leadboard.domain.model import Channel, Direction, Outcome
from leadboard.domain.name_match import folded, prefixes_match, words_match, words_of
from leadboard.domain.quick_line import (
    CHANNEL_WORDS,
    OUTCOME_WORDS,
    QuickWords,
    read_quick_words,
)
from tests.conftest import NOW


def read(text: str) -> QuickWords:
    return read_quick_words(text, NOW, "UTC", DEFAULT_READING)


def test_the_example_line() -> None:
    words = read("emma call talked +3d send the quote")
    assert words.lead_runs == (("emma",),)
    assert words.channel is Channel.CALL
    assert words.outcome is Outcome.TALKED
    assert words.due == NOW.add(days=3)
    assert words.due_words == "+3d"
    assert words.trailing == ("send", "the", "quote")
    assert words.direction is Direction.OUT and not words.promise and not words.problems


def test_any_order_gives_the_same_parts() -> None:
    first = read("emma call talked +3d send the quote")
    other = read("talked +3d call emma send the quote")
    for field in ("channel", "outcome", "due", "direction", "promise"):
        assert getattr(first, field) == getattr(other, field)
    assert other.lead_runs == () and other.trailing == ("emma", "send", "the", "quote")


@pytest.mark.parametrize(("word", "channel"), sorted(CHANNEL_WORDS.items()))
def test_every_channel_word(word: str, channel: Channel) -> None:
    assert read(f"emma {word} talked").channel is channel


@pytest.mark.parametrize(("phrase", "outcome"), sorted(OUTCOME_WORDS.items()))
def test_every_outcome_phrase(phrase: str, outcome: Outcome) -> None:
    words = read(f"emma call {phrase.upper()} fri")
    assert words.outcome is outcome, phrase
    assert words.lead_runs == (("emma",),)


def test_a_longer_phrase_wins_over_its_first_word() -> None:
    assert read("emma left msg").outcome is Outcome.LEFT_MESSAGE
    assert read("emma meeting booked").outcome is Outcome.MEETING_BOOKED
    assert read("emma not interested").outcome is Outcome.NOT_INTERESTED
    assert read("emma no answer").outcome is Outcome.NO_ANSWER


def test_two_outcomes_are_a_problem_and_the_same_one_twice_is_not() -> None:
    assert read("emma talked vm").problems == ("two outcomes: talked and vm; keep one",)
    assert read("emma talked spoke").problems == ()


def test_inbound_words() -> None:
    for word in ("inbound", "incoming", "<-"):
        assert read(f"emma {word} call replied").direction is Direction.IN


@pytest.mark.parametrize(
    ("text", "due_words"),
    [
        ("emma talked fri send it", "fri"),
        ("emma talked tomorrow 3pm send it", "tomorrow 3pm"),
        ("emma talked 24 dec 10:00 send it", "24 dec 10:00"),
        ("emma talked next week send it", "next week"),
        ("emma talked in 3 days send it", "in 3 days"),
        ("emma talked 2026-12-04 10:00 send it", "2026-12-04 10:00"),
        ("emma talked next fri 10:00 send it", "next fri 10:00"),
    ],
)
def test_dates_in_every_form_parse_when_takes(text: str, due_words: str) -> None:
    words = read(text)
    assert words.due_words == due_words
    assert words.due is not None
    assert words.trailing == ("send", "it")


@pytest.mark.parametrize(
    "text",
    ["emma talked in person", "emma talked may need pricing", "emma talked 20 seats", "emma vm"],
)
def test_ordinary_words_are_not_dates(text: str) -> None:
    words = read(text)
    assert words.due is None and words.due_words == ""


def test_only_one_date_the_second_stays_text() -> None:
    words = read("emma talked fri ask about mon")
    assert words.due_words == "fri"
    assert words.trailing == ("ask", "about", "mon")


def test_promise_forms() -> None:
    assert read("emma talked fri!").promise and read("emma talked fri!").due_words == "fri"
    assert read("emma talked ! fri").promise
    alone = read("emma talked !")
    assert alone.promise and alone.due is None
    assert not read("emma talked great!").promise


def test_the_note_after_a_semicolon_and_an_id_and_a_quoted_name() -> None:
    words = read("emma call talked +3d send the quote; wants 20 seats; soon")
    assert words.note == "wants 20 seats; soon"
    assert read("#12 vm").lead_id == 12
    quoted = read('"won park" call talked')
    assert quoted.quoted_name == "won park" and quoted.outcome is Outcome.TALKED


def test_hostile_text_comes_through_as_literal_words() -> None:
    words = read("emma talked [bold]x[/] \x1b[31mred\x1b[0m \u202eevil; [link]\x1b]8;;x\x07n")
    assert words.trailing == ("[bold]x[/]", "red", "evil")
    assert words.note == "[link]n"


def test_a_huge_paste_is_read_quickly() -> None:
    text = "emma talked " + " ".join(["1", "fri", "may", "+3d"] * 2500)
    started = pendulum.now()
    words = read(text)
    assert (pendulum.now() - started).total_seconds() < 2
    assert words.due_words == "fri"
    assert words.lead_runs == (("emma",), ("1",)) and len(words.trailing) == 10_000 - 2
    numbers = read("emma talked " + "1 " * 5000)
    assert numbers.due is None and len(numbers.trailing) == 5000


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_raises(text: str) -> None:
    read(text)


def test_folding_and_word_prefixes() -> None:
    assert folded("Zoë") == "zoe"
    assert words_of("Jean-Luc O'Brien (Acme), Inc.") == ["jean", "luc", "o", "brien", "acme", "inc"]
    assert prefixes_match(["zoe"], "Zoë Krüger", "")
    assert prefixes_match(["kru", "zo"], "Zoë Krüger", "")
    assert prefixes_match(["acm"], "Ada", "Acme Ltd")
    assert not prefixes_match(["oe"], "Zoë", "")
    assert words_match(["ann"], "Ann Lee", "") and not words_match(["ann"], "Anna Lee", "")


@pytest.mark.parametrize(
    ("line", "channel", "outcome", "step"),
    [
        # Once the outcome is known, plain words are the next step, keywords and all.
        ("ben talked book a meeting fri", None, Outcome.TALKED, "book a meeting"),
        ("ben talked ask if signed off", None, Outcome.TALKED, "ask if signed off"),
        ("ben vm call back re pricing", None, Outcome.LEFT_MESSAGE, "call back re pricing"),
        ("ben replied email them the deck", None, Outcome.REPLIED, "email them the deck"),
        # A channel word naming no action is still the channel, before or after the outcome.
        ("ben email replied send the deck", Channel.EMAIL, Outcome.REPLIED, "send the deck"),
        ("ben replied email send the deck", Channel.EMAIL, Outcome.REPLIED, "send the deck"),
    ],
)
def test_the_next_step_keeps_its_words(
    line: str, channel: Channel | None, outcome: Outcome, step: str
) -> None:
    words = read(line)
    assert (words.channel, words.outcome, words.problems) == (channel, outcome, ())
    # The free words in order; "ben" is the lead's, taken out once the lead is looked up.
    assert " ".join(words.next_step_words) == f"ben {step}"
