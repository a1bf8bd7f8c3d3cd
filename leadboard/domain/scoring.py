"""The 0-9 lead score: fit + interest + readiness, each 0-3."""

from __future__ import annotations

SCORE_PART_MAX = 3
"""Fit, interest and readiness each run 0..3; the score is their sum, 0..9."""

SCORE_PARTS = ("fit", "interest", "readiness")


def check_score_part(name: str, value: int) -> int:
    """Return the value, or raise ValueError when it is outside 0..3."""
    if not 0 <= value <= SCORE_PART_MAX:
        raise ValueError(f"{name} must be 0 to {SCORE_PART_MAX}, not {value}")
    return value


def score_from_parts(fit: int, interest: int, readiness: int) -> int:
    """Fit + interest + readiness: the one formula behind Lead.score and every stored score.

    Unchecked, so that a part out of range reaches the schema's CHECK and fails there
    as a store error (an import rolls back); `score` checks first.
    """
    return fit + interest + readiness


def score(fit: int, interest: int, readiness: int) -> int:
    """The lead score, 0..9; ValueError when a part is outside 0..3."""
    return score_from_parts(
        check_score_part("fit", fit),
        check_score_part("interest", interest),
        check_score_part("readiness", readiness),
    )
