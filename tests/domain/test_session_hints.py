"""The session queue and tally, and the drift hints."""

from __future__ import annotations

from dataclasses import replace

from leadboard.domain.followup import is_reply, next_sequence_step
from leadboard.domain.hints import drift_hint
from leadboard.domain.model import Channel, Contact, Direction, Lead, Outcome, Status, Temperature
from leadboard.domain.session import (
    SESSION_CHANNELS,
    Mark,
    SessionQueue,
    SessionTally,
    next_session_channel,
    quick_channel,
)
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
    assert meeting is not None and meeting.message == "Meeting booked: move them to warm?"
    talked = drift_hint(lead(Temperature.COLD), [touch(Outcome.TALKED)])
    assert talked is not None and talked.message == "You talked: move them to cool?"
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


def test_queue_goes_to_a_queued_lead_only() -> None:
    queue = SessionQueue([5, 6, 7])
    queue.advance()
    queue.advance()
    assert queue.go_to(5) and queue.current == 5
    assert not queue.go_to(99) and queue.current == 5


def test_a_no_is_never_a_reply_nor_restarts_the_sequence() -> None:
    for direction in Direction:
        for no in (Outcome.NOT_INTERESTED, Outcome.LOST):
            assert not is_reply(direction, no)
            assert next_sequence_step(3, direction, no) == 3
    # They rang to say no: no "move them hotter" either.
    said_no = touch(Outcome.NOT_INTERESTED, Direction.IN)
    assert drift_hint(lead(Temperature.COLD), [said_no]) is None
    assert is_reply(Direction.IN, Outcome.OBJECTION)  # an objection is still an answer


def test_quick_keys_file_under_the_session_channel_and_voicemail() -> None:
    # Nothing chosen: the lead's preferred channel, else a call.
    assert quick_channel(None, Channel.EMAIL, Outcome.NO_ANSWER) is Channel.EMAIL
    assert quick_channel(None, None, Outcome.TALKED) is Channel.CALL
    # The session's channel wins over the lead's preference.
    assert quick_channel(Channel.TEXT, Channel.EMAIL, Outcome.LEFT_MESSAGE) is Channel.TEXT
    # A message left on a call is a voicemail, however the call was chosen.
    assert quick_channel(None, None, Outcome.LEFT_MESSAGE) is Channel.VOICEMAIL
    assert quick_channel(None, Channel.CALL, Outcome.LEFT_MESSAGE) is Channel.VOICEMAIL
    assert quick_channel(Channel.CALL, Channel.EMAIL, Outcome.LEFT_MESSAGE) is Channel.VOICEMAIL
    assert quick_channel(Channel.CALL, Channel.EMAIL, Outcome.NO_ANSWER) is Channel.CALL


def test_the_channel_key_cycles_every_channel_back_to_preferred() -> None:
    seen: list[Channel | None] = []
    channel: Channel | None = None
    for _ in SESSION_CHANNELS:
        channel = next_session_channel(channel)
        seen.append(channel)
    assert seen[-1] is None and seen[0] is Channel.CALL
    assert set(seen) == set(Channel) - {Channel.VOICEMAIL} | {None}
