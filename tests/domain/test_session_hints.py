"""The session queue and tally, and the drift hints."""

from __future__ import annotations

from dataclasses import replace

from leadboard.domain.hints import drift_hint
from leadboard.domain.model import Channel, Contact, Direction, Lead, Outcome, Status, Temperature
from leadboard.domain.session import Mark, SessionQueue, SessionTally
from tests.conftest import NOW


def lead(temperature: Temperature = Temperature.WARM, step: int = 1) -> Lead:
    """A saved active lead."""
    return Lead(name="Kim", created_at=NOW, id=1, temperature=temperature, sequence_step=step)


def touch(outcome: Outcome, direction: Direction = Direction.OUT, days_ago: int = 1) -> Contact:
    """A contact with the lead."""
    return Contact(1, NOW.subtract(days=days_ago), Channel.CALL, outcome, direction)


def test_queue_advances_goes_back_and_ends() -> None:
    queue = SessionQueue([5, 6, 7])
    assert queue.current == 5 and queue.progress == (0, 3)
    assert queue.back() == 5
    assert queue.advance() == 6
    assert queue.back() == 5
    queue.advance()
    queue.advance()
    assert queue.advance() is None and queue.done and queue.progress == (3, 3)
    assert queue.advance() is None


def test_tally_counts_marks_moves_and_minutes() -> None:
    tally = SessionTally(started_at=NOW, queued=4)
    tally.logged(1, Channel.CALL, Outcome.TALKED)
    tally.mark(2, Mark.SKIPPED)
    tally.mark(3, Mark.SNOOZED)
    tally.moved.add(3)
    tally.mark(4, Mark.WON)
    tally.logged(4, Channel.EMAIL, Outcome.WON)
    assert tally.count(Mark.WON) == 1  # a logged contact never hides a win
    assert tally.worked == 3  # 1 logged, 3 moved, 4 won; 2 only skipped
    assert tally.contacts[(Channel.CALL, Outcome.TALKED)] == 1
    tally.unlogged(Channel.CALL, Outcome.TALKED)
    tally.unlogged(Channel.CALL, Outcome.TALKED)
    assert tally.contacts[(Channel.CALL, Outcome.TALKED)] == 0
    assert tally.minutes(NOW.add(minutes=95, seconds=30)) == 95
    assert tally.minutes(NOW.subtract(minutes=1)) == 0


def test_reply_on_cold_or_cool_lead_offers_hotter() -> None:
    hint = drift_hint(lead(Temperature.COLD), [touch(Outcome.REPLIED)])
    assert hint is not None and hint.target is Temperature.COOL
    inbound = touch(Outcome.LEFT_MESSAGE, Direction.IN)
    hint = drift_hint(lead(Temperature.COOL), [inbound])
    assert hint is not None and hint.target is Temperature.WARM and "replied" in hint.message
    meeting = drift_hint(lead(Temperature.COOL), [touch(Outcome.MEETING_BOOKED)])
    assert meeting is not None and "meeting booked" in meeting.message
    assert drift_hint(lead(Temperature.WARM), [touch(Outcome.REPLIED)]) is None


def test_three_unanswered_touches_offer_colder() -> None:
    silent = [touch(Outcome.NO_ANSWER, days_ago=d) for d in (1, 5, 9)]
    hint = drift_hint(lead(Temperature.WARM), silent)
    assert hint is not None and hint.target is Temperature.COOL
    assert drift_hint(lead(Temperature.WARM), silent[:2]) is None
    answered = [touch(Outcome.NO_ANSWER), touch(Outcome.TALKED, days_ago=3), silent[2]]
    assert drift_hint(lead(Temperature.WARM), answered) is None
    assert drift_hint(lead(Temperature.COLD), silent) is None  # nothing colder than cold


def test_sequence_run_out_proposes_inactive_and_closed_leads_get_nothing() -> None:
    hint = drift_hint(lead(step=6), [touch(Outcome.LEFT_MESSAGE)])
    assert hint is not None and hint.target is None and "inactive" in hint.message
    won = replace(lead(step=6), status=Status.WON)
    assert drift_hint(won, [touch(Outcome.NO_ANSWER)] * 3) is None


def test_touches_before_the_last_move_suggest_nothing_more() -> None:
    silent = [touch(Outcome.NO_ANSWER, days_ago=d) for d in (1, 5, 9)]
    # Moved colder four days ago: only one unanswered touch since, so no new hint.
    assert drift_hint(lead(Temperature.COOL), silent, moved_at=NOW.subtract(days=4)) is None
    # Moved long ago: the three silent touches all count.
    hint = drift_hint(lead(Temperature.COOL), silent, moved_at=NOW.subtract(days=30))
    assert hint is not None and hint.target is Temperature.COLD
    replied = [touch(Outcome.REPLIED, days_ago=2)]
    assert drift_hint(lead(Temperature.COLD), replied, moved_at=NOW.subtract(days=1)) is None
