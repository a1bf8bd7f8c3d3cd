"""One overdue rule: a lead added "due now" stays due today all day, in every count and word.

domain.followup.is_overdue is the rule; store.lead_queries.overdue_clause and OVERDUE_SQL are
its SQL. Every count the rep sees is checked here against it: the board's due overview, the
shell summary's count, `list --overdue` (find/count), the session's "still overdue", the JSON
`overdue` flag and the stats' overdue count and follow-up debt.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

from leadboard.cli.entry import main
from leadboard.domain.followup import Policy, due_words, end_of_local_day, is_overdue
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.files.shapes import lead_json
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.stats import load_stats

PARIS = "Europe/Paris"
# Monday 23 Nov 2026, 10:00 in Paris.
ADDED = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")


def counts(store: LeadStore, now: DateTime, tz: str) -> dict[str, int]:
    """Every overdue count the product shows, as of `now`."""
    overdue, _ = store.due_overview(now, end_of_local_day(now, tz))
    stats = load_stats(store.db, now, tz)
    return {
        "board": overdue,
        "summary": sum(store.count_overdue(now).values()),
        "list": store.count(overdue_at=now),
        "found": len(store.find(overdue_at=now)),
        "json": sum(bool(lead_json(lead, now, tz)["overdue"]) for lead in store.find()),
        "rule": sum(is_overdue(lead, now, tz) for lead in store.find(status=Status.ACTIVE)),
        "stats": stats.overdue,
        "debt_positive": int(stats.followup_debt_days > 0),
    }


@pytest.fixture
def paris_store(tmp_path: Path) -> LeadStore:
    """A store whose rep lives in Paris, holding one lead added 'due now' at ADDED."""
    store = LeadStore(open_database(str(tmp_path / "rule.db")), Policy(tz=PARIS))
    store.add(LeadDraft(name="Nina New", temperature=Temperature.HOT), ADDED)
    return store


@pytest.mark.parametrize("minutes", [3, 60, 12 * 60, 13 * 60 + 59])
def test_a_new_lead_counts_as_due_today_not_overdue_all_day(
    paris_store: LeadStore, minutes: int
) -> None:
    later = ADDED.add(minutes=minutes)
    zero = dict.fromkeys(("board", "summary", "list", "found", "json", "rule", "stats"), 0)
    assert counts(paris_store, later, PARIS) == zero | {"debt_positive": 0}
    lead = paris_store.find()[0]
    assert due_words(lead, later, PARIS) == "due now"
    # Still due today: the board's due-by-tonight range holds it.
    _, due_today = paris_store.due_overview(later, end_of_local_day(later, PARIS))
    assert due_today == 1


def test_from_the_next_local_day_it_is_overdue_everywhere(paris_store: LeadStore) -> None:
    # 23:00 UTC is midnight in Paris.
    next_day = pendulum.datetime(2026, 11, 23, 23, 0, tz="UTC")
    one = dict.fromkeys(("board", "summary", "list", "found", "json", "rule", "stats"), 1)
    assert counts(paris_store, next_day, PARIS) == one | {"debt_positive": 1}
    assert counts(paris_store, next_day.subtract(seconds=1), PARIS)["board"] == 0
    a_day_on = ADDED.add(days=1)
    assert counts(paris_store, a_day_on, PARIS)["stats"] == 1
    assert due_words(paris_store.find()[0], a_day_on, PARIS) == "1 day overdue"


def test_a_lead_contacted_or_given_a_date_is_overdue_minutes_after_it(
    paris_store: LeadStore,
) -> None:
    lead = paris_store.find()[0]
    assert lead.id is not None
    paris_store.log_contact(
        lead.id,
        channel=Channel.CALL,
        outcome=Outcome.NO_ANSWER,
        at=ADDED,
        now=ADDED,
        typed_due=ADDED.add(minutes=1),
    )
    dated = paris_store.add(
        LeadDraft(name="Dan Dated", temperature=Temperature.WARM, next_due=ADDED.add(minutes=2)),
        ADDED,
    )
    assert dated.id is not None
    later = ADDED.add(minutes=3)
    two = dict.fromkeys(("board", "summary", "list", "found", "json", "rule", "stats"), 2)
    # Three minutes of debt round to 0.0 days.
    assert counts(paris_store, later, PARIS) == two | {"debt_positive": 0}
    assert due_words(paris_store.get(dated.id), later, PARIS) == "1min overdue"


def test_the_command_line_agrees(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LEADBOARD_NOW", ADDED.isoformat())
    assert main(["add", "Nina New", "--temp", "hot"]) == 0
    monkeypatch.setenv("LEADBOARD_NOW", ADDED.add(minutes=3).isoformat())
    capsys.readouterr()

    assert main(["due", "--summary"]) == 0
    assert capsys.readouterr().out.strip() == "leadboard: 1 hot due, 1 due later today"
    assert main(["list", "--overdue", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["due", "--format", "json"]) == 0
    (shown,) = json.loads(capsys.readouterr().out)
    assert shown["overdue"] is False
    assert shown["due_today"] is True
    assert main(["due"]) == 0
    table = capsys.readouterr().out
    assert "due now" in table
    assert "overdue" not in table
    assert main(["stats", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["overdue"] == 0

    monkeypatch.setenv("LEADBOARD_NOW", ADDED.add(days=1).isoformat())
    assert main(["due", "--summary"]) == 0
    assert capsys.readouterr().out.strip() == "leadboard: 1 hot due, 1 overdue"
    assert main(["list", "--overdue", "--format", "json"]) == 0
    assert [lead["name"] for lead in json.loads(capsys.readouterr().out)] == ["Nina New"]
    assert main(["due"]) == 0
    assert "1 day overdue" in capsys.readouterr().out
