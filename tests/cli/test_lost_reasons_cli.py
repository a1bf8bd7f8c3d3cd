"""`leadboard stats` counts lost reasons: JSON `lost_reasons` and a report section."""

from __future__ import annotations

import json
from typing import Any

import pytest

from leadboard.cli.entry import main

LOST = {
    "Ann": "price",
    "Bob": "Price",
    "Cat": "price",
    "Dan": "timing",
    "Eve": "[b]went elsewhere[/b]",
    "Fay": "",
    "Gus": "gone quiet",  # revived below: counts for nothing
}


def _lose_all() -> None:
    for name, reason in LOST.items():
        assert main(["add", name, "--temp", "warm"]) == 0
        assert main(["lost", name, "--reason", reason]) == 0
    assert main(["revive", "Gus"]) == 0


def _stats_json(capsys: pytest.CaptureFixture[str]) -> Any:
    capsys.readouterr()
    assert main(["stats", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_lost_reasons_by_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "Still active"]) == 0
    assert _stats_json(capsys)["lost_reasons"] == []
    _lose_all()
    shown = _stats_json(capsys)
    assert shown["lost_reasons"] == [
        {"reason": "price", "count": 3},
        {"reason": "[b]went elsewhere[/b]", "count": 1},
        {"reason": "timing", "count": 1},
    ]
    # Only gained a key: the rest of the contract is still there.
    assert {"conversion", "channels", "sessions", "by_owner"} <= set(shown)
    assert shown["conversion"]["overall"]["lost"] == 6  # Fay too, lost with no reason


def test_report_has_a_lost_reasons_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "Still active"]) == 0
    capsys.readouterr()
    assert main(["stats"]) == 0
    assert "Lost reasons: none recorded yet" in capsys.readouterr().out
    _lose_all()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("Lost reasons (leads lost now, all time)") :].splitlines()
    assert section[1].split() == ["REASON", "LEADS"]
    assert section[2].split() == ["price", "3"]
    assert section[3].split() == ["[b]went", "elsewhere[/b]", "1"]
    assert section[4].split() == ["timing", "1"]
    assert "gone quiet" not in out


def test_past_eight_reasons_the_rest_are_summed_as_other(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for n in range(10):
        for copy in range(10 - n):
            name = f"Lead {n}-{copy}"
            assert main(["add", name, "--temp", "cold"]) == 0
            assert main(["lost", name, "--reason", f"reason {n}"]) == 0
    capsys.readouterr()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    lines = out[out.index("Lost reasons") :].splitlines()
    assert lines[2].split() == ["reason", "0", "10"]
    assert lines[9].split() == ["reason", "7", "3"]
    assert lines[10].split() == ["other", "3"]  # reason 8 (2 leads) and reason 9 (1)
    assert len(_stats_json(capsys)["lost_reasons"]) == 10  # JSON has every reason
