"""`leadboard edit` and `assign` through the real entry point, on SQLite and on PostgreSQL.

The rep is "alex" (the config's name); a second LeadStore on the same database plays
another rep saving the lead meanwhile.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from leadboard.cli import main
from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

STABLE = (
    "name", "company", "title", "email", "phone", "preferred_channel", "source", "referred_by",
    "fit", "interest", "readiness", "next_step", "notes", "owner", "temperature", "promised",
)  # fmt: skip
"""Lead keys an edit of another field leaves as they were."""


@pytest.fixture(autouse=True)
def rep_alex() -> None:
    """The rep running the commands is alex, whatever the login name."""
    Path(os.environ["LEADBOARD_CONFIG"]).write_text('name = "alex"\n', encoding="utf-8")


@pytest.fixture
def other_rep() -> Iterator[LeadStore]:
    """Another rep's store on the test's database (made if missing)."""
    store = LeadStore(open_database(os.environ["LEADBOARD_DB"]), Policy(), me="sam")
    yield store
    store.close()


@pytest.fixture
def emma(other_rep: LeadStore) -> int:
    """Emma Hughes at Acme, cool, due now, owned by alex, at version 1."""
    draft = LeadDraft(
        name="Emma Hughes", company="Acme", email="emma@acme.test", next_due=NOW, owner="alex"
    )
    lead = other_rep.add(draft, NOW)
    assert lead.id is not None and lead.version == 1
    return lead.id


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def shown(capsys: pytest.CaptureFixture[str], lead_id: int) -> dict[str, Any]:
    """The lead as `show --format json` prints it now."""
    code, out, err = run(capsys, "show", str(lead_id), "--format", "json")
    assert code == 0, err
    lead: dict[str, Any] = json.loads(out)
    return lead


@pytest.mark.parametrize(
    ("option", "value", "key", "expected"),
    [
        ("--name", "Emma Hughes-Brown", "name", "Emma Hughes-Brown"),
        ("--company", "Acme Ltd", "company", "Acme Ltd"),
        ("--title", "Buyer", "title", "Buyer"),
        ("--email", "emma@acme.example", "email", "emma@acme.example"),
        ("--phone", "07785 842929", "phone", "07785 842929"),
        ("--channel", "Email", "preferred_channel", "email"),
        ("--source", "referral", "source", "referral"),
        ("--referred-by", "Omar Khan", "referred_by", "Omar Khan"),
        ("--fit", "3", "fit", 3),
        ("--interest", "2", "interest", 2),
        ("--readiness", "1", "readiness", 1),
        ("--next-step", "send the quote", "next_step", "send the quote"),
        ("--due", "2026-12-01 10:00", "next_due", "2026-12-01T10:00:00+00:00"),
        ("--notes", "met at the fair\nwants blue", "notes", "met at the fair\nwants blue"),
        ("--note", "short", "notes", "short"),
        ("--owner", "sam", "owner", "sam"),
        ("--temp", "warm", "temperature", "warm"),
    ],
)
def test_edit_changes_one_field_and_keeps_the_rest(
    capsys: pytest.CaptureFixture[str],
    emma: int,
    option: str,
    value: str,
    key: str,
    expected: object,
) -> None:
    before = shown(capsys, emma)
    code, out, err = run(capsys, "edit", str(emma), option, value, "--format", "json")
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert printed[key] == expected
    assert printed["version"] == before["version"] + 1
    after = shown(capsys, emma)
    assert after == {**printed, "contacts": []}
    assert {k: after[k] for k in STABLE if k != key} == {k: before[k] for k in STABLE if k != key}


def test_edit_table_names_what_it_saved(capsys: pytest.CaptureFixture[str], emma: int) -> None:
    code, out, err = run(capsys, "edit", "Emma Hughes", "--company", "Acme Ltd", "--fit", "2")
    assert (code, err) == (0, "")
    assert out == f"Saved #{emma} Emma Hughes (version 2): company, fit.\n"


def test_promised_is_set_and_cleared(capsys: pytest.CaptureFixture[str], emma: int) -> None:
    assert run(capsys, "edit", str(emma), "--promised")[0] == 0
    assert shown(capsys, emma)["promised"] is True
    assert run(capsys, "edit", str(emma), "--no-promised")[0] == 0
    after = shown(capsys, emma)
    assert (after["promised"], after["version"]) == (False, 3)


def test_a_blank_source_or_channel_clears_it(capsys: pytest.CaptureFixture[str], emma: int) -> None:
    assert run(capsys, "edit", str(emma), "--source", "event", "--channel", "call")[0] == 0
    assert run(capsys, "edit", str(emma), "--source", "", "--channel", " ")[0] == 0
    after = shown(capsys, emma)
    assert (after["source"], after["preferred_channel"]) == (None, None)


def test_nothing_to_change_is_refused(capsys: pytest.CaptureFixture[str], emma: int) -> None:
    code, out, err = run(capsys, "edit", str(emma))
    assert (code, out) == (1, "")
    assert err.startswith("leadboard: nothing to change: give --name, --company, --title,")
    assert shown(capsys, emma)["version"] == 1


@pytest.mark.parametrize(
    "bad",
    [
        ["--fit", "7"],
        ["--temp", "boiling"],
        ["--source", "carrier pigeon"],
        ["--channel", "fax"],
        ["--due", "someday soon"],
        ["--promised", "--due", "the twelfth of never"],
    ],
)
def test_a_bad_value_is_refused_as_add_refuses_it(
    capsys: pytest.CaptureFixture[str], emma: int, bad: list[str]
) -> None:
    added = run(capsys, "add", "Zoe Lee", *bad)
    edited = run(capsys, "edit", str(emma), *bad)
    assert added[0] == edited[0] == 1
    assert edited[2] == added[2] != ""
    assert shown(capsys, emma)["version"] == 1


def test_an_empty_name_or_owner_is_refused(capsys: pytest.CaptureFixture[str], emma: int) -> None:
    code, _, err = run(capsys, "edit", str(emma), "--name", "  ")
    assert code == 1
    assert err == run(capsys, "add", "  ")[2] != ""
    code, _, err = run(capsys, "edit", str(emma), "--owner", "")
    assert (code, err) == (1, "leadboard: an owner needs a name: a rep's, like sam\n")
    assert shown(capsys, emma)["version"] == 1


def test_a_stale_version_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], emma: int, other_rep: LeadStore
) -> None:
    lead = other_rep.get(emma)
    draft = LeadDraft(
        name=lead.name, company="Acme Ltd", email=lead.email, next_step="call Fri", owner="alex"
    )
    other_rep.update(emma, draft, NOW, if_version=1)  # another rep saves: version 2
    code, out, err = run(
        capsys, "edit", str(emma), "--if-version", "1", "--next-step", "send it", "--fit", "2"
    )
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "leadboard: Emma Hughes was changed by another leadboard "
        "(it is at version 2 now, not 1); not saved",
        "  version: 2",
        "  fit: 0",
        "  next-step: call Fri",
    ]
    after = shown(capsys, emma)
    assert (after["version"], after["next_step"], after["fit"]) == (2, "call Fri", 0)
    # At the version it is at, the same edit saves.
    code, out, err = run(capsys, "edit", str(emma), "--if-version", "2", "--next-step", "send it")
    assert (code, err) == (0, "")
    assert shown(capsys, emma)["version"] == 3


def test_a_save_between_the_read_and_the_write_is_named(
    capsys: pytest.CaptureFixture[str],
    emma: int,
    other_rep: LeadStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = LeadStore.update

    def meanwhile(store: LeadStore, lead_id: int, *args: Any, **kwargs: Any) -> Any:
        other_rep.move(lead_id, Temperature.HOT, NOW)  # sam moves it after alex read it
        return original(store, lead_id, *args, **kwargs)

    monkeypatch.setattr(LeadStore, "update", meanwhile)
    code, out, err = run(capsys, "edit", str(emma), "--company", "Acme Ltd")
    assert (code, out) == (1, "")
    first, *details = err.splitlines()
    assert first.startswith("leadboard: Emma Hughes was changed by another leadboard (")
    assert "temperature 'cool' → 'hot'" in first
    assert first.endswith("; not saved")
    assert details == ["  version: 2", "  company: Acme"]
    after = other_rep.get(emma)
    assert (after.company, after.temperature, after.version) == ("Acme", Temperature.HOT, 2)


def test_if_version_below_one_is_refused(capsys: pytest.CaptureFixture[str], emma: int) -> None:
    code, _, err = run(capsys, "edit", str(emma), "--if-version", "0", "--fit", "1")
    assert code == 1
    assert "--if-version must be 1 or more" in err


def test_assign_gives_the_lead_to_another_owner(
    capsys: pytest.CaptureFixture[str], emma: int
) -> None:
    code, out, err = run(capsys, "assign", str(emma), " sam ")
    assert (code, err) == (0, "")
    assert out == f"Assigned #{emma} Emma Hughes to sam.\n"
    code, out, err = run(capsys, "assign", "Emma Hughes", "jo", "--format", "json")
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert (printed["owner"], printed["version"], printed["company"]) == ("jo", 3, "Acme")
    assert shown(capsys, emma)["owner"] == "jo"


def test_assign_refuses_no_owner_and_a_stale_version(
    capsys: pytest.CaptureFixture[str], emma: int, other_rep: LeadStore
) -> None:
    code, _, err = run(capsys, "assign", str(emma), "\t")
    assert (code, err) == (1, "leadboard: an owner needs a name: a rep's, like sam\n")
    other_rep.move(emma, Temperature.WARM, NOW)
    code, out, err = run(capsys, "assign", str(emma), "sam", "--if-version", "1")
    assert (code, out) == (1, "")
    assert err.splitlines()[1:] == ["  version: 2", "  owner: alex"]
    assert shown(capsys, emma)["owner"] == "alex"


def test_edit_and_assign_find_another_reps_lead_by_name(
    capsys: pytest.CaptureFixture[str], other_rep: LeadStore
) -> None:
    lead = other_rep.add(LeadDraft(name="Omar Khan"), NOW)  # sam's, on a shared db not alex's
    code, out, err = run(capsys, "assign", "Omar Khan", "alex")
    assert (code, err) == (0, "")
    assert out == f"Assigned #{lead.id} Omar Khan to alex.\n"
