"""One way to write a number and a counted word."""

from __future__ import annotations

from leadboard.domain.wording import counted, number


def test_numbers_have_thousands_separators() -> None:
    assert number(3661) == "3,661"
    assert number(7) == "7"


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "lead") == "1 lead"
    assert counted(0, "lead") == "0 leads"
    assert counted(3661, "week") == "3,661 weeks"
    assert counted(2, "reply", "replies") == "2 replies"
