"""The follow-up sequence: its steps, the one an objection jumps to, and when it has run out."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_STEPS: tuple[str, ...] = (
    "confirmation",
    "first personal message",
    "reminder tied to their goal",
    "objection handling",
    "final clear next step",
)
"""The five steps of PRODUCT.md, what each touch calls for."""

MAX_STEPS = 20
"""The longest sequence a config may give: more touches than this is nagging, not follow-up."""


@dataclass(frozen=True)
class FollowUpSequence:
    """The steps of a lead's follow-up, numbered from 1; the rep's config may change them."""

    steps: tuple[str, ...] = DEFAULT_STEPS
    objection_step: int = 4
    """The step an objection jumps to (objection handling)."""

    def __post_init__(self) -> None:
        if not 1 <= len(self.steps) <= MAX_STEPS:
            raise ValueError(f"a sequence has 1 to {MAX_STEPS} steps")
        if not 1 <= self.objection_step <= len(self.steps):
            raise ValueError(f"the objection step must be one of steps 1 to {len(self.steps)}")

    @property
    def done(self) -> int:
        """The step after the last: the sequence ran out with no reply."""
        return len(self.steps) + 1

    def label(self, step: int) -> str:
        """What the step calls for, or that the sequence ran out."""
        if step >= self.done:
            return f"sequence done: no reply after {touches(len(self.steps))}"
        return self.steps[max(step, 1) - 1]

    def shown_step(self, step: int) -> int:
        """The step whose words a lead at `step` gets: past the end, the last one."""
        return min(max(step, 1), len(self.steps))


def touches(count: int) -> str:
    """'five touches', '3 touches' (words up to ten, as the hints read)."""
    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    word = words[count - 1] if 1 <= count <= len(words) else str(count)
    return f"{word} touch" if count == 1 else f"{word} touches"


DEFAULT_SEQUENCE = FollowUpSequence()
