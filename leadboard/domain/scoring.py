"""The 0-9 lead score: fit + interest + readiness, each 0-3."""

from __future__ import annotations

from leadboard.domain.model import SCORE_PART_MAX

SCORE_PARTS = ("fit", "interest", "readiness")


def check_score_part(name: str, value: int) -> int:
    """Return the value, or raise ValueError when it is outside 0..3."""
    if not 0 <= value <= SCORE_PART_MAX:
        raise ValueError(f"{name} must be 0 to {SCORE_PART_MAX}, not {value}")
    return value


def score(fit: int, interest: int, readiness: int) -> int:
    """The lead score, 0..9."""
    return (
        check_score_part("fit", fit)
        + check_score_part("interest", interest)
        + check_score_part("readiness", readiness)
    )
