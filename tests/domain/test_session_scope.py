"""A session's scope in words and counts: 'hot only', 'the 20 most urgent', what was left."""

from __future__ import annotations

import pytest

from leadboard.domain.model import TEMPERATURES
from leadboard.domain.session_scope import SessionScope, left_words

COLD, COOL, WARM, HOT = TEMPERATURES


@pytest.mark.parametrize(
    ("scope", "words", "temperatures"),
    [
        (SessionScope(), "all due", (HOT, WARM, COOL, COLD)),
        (SessionScope(HOT), "hot only", (HOT,)),
        (SessionScope(WARM), "hot and warm", (HOT, WARM)),
        (SessionScope(COOL), "hot, warm and cool", (HOT, WARM, COOL)),
        (SessionScope(limit=20), "the 20 most urgent", (HOT, WARM, COOL, COLD)),
        (SessionScope(limit=1), "the most urgent", (HOT, WARM, COOL, COLD)),
        (SessionScope(limit=1500), "the 1,500 most urgent", (HOT, WARM, COOL, COLD)),
        (SessionScope(WARM, 5), "the 5 most urgent, hot and warm", (HOT, WARM)),
    ],
)
def test_a_scope_says_what_it_takes(
    scope: SessionScope, words: str, temperatures: tuple[object, ...]
) -> None:
    assert scope.words() == words
    assert scope.temperatures == temperatures
    assert scope.everything is (scope == SessionScope())


def test_a_scope_counts_what_its_queue_would_hold() -> None:
    due = {HOT: 3, WARM: 9, COOL: 0, COLD: 40}
    assert SessionScope().takes(due) == 52
    assert SessionScope(HOT).takes(due) == 3
    assert SessionScope(WARM).takes(due) == 12
    assert SessionScope(limit=20).takes(due) == 20
    assert SessionScope(HOT, 20).takes(due) == 3
    assert SessionScope(limit=20).takes({}) == 0


@pytest.mark.parametrize("limit", [0, -3])
def test_a_scope_takes_at_least_one_lead(limit: int) -> None:
    with pytest.raises(ValueError, match=f"at least one lead, not {limit}"):
        SessionScope(limit=limit)


def test_what_was_left_reads_hottest_first() -> None:
    assert left_words({HOT: 0, WARM: 9, COOL: 5, COLD: 0}) == "14 due leads (9 warm, 5 cool)"
    assert left_words({COLD: 1, HOT: 1}) == "2 due leads (1 hot, 1 cold)"
    assert left_words({WARM: 1}) == "1 due lead (1 warm)"
    assert left_words({HOT: 1200}) == "1,200 due leads (1,200 hot)"
    assert left_words(dict.fromkeys(TEMPERATURES, 0)) == "nothing due"
