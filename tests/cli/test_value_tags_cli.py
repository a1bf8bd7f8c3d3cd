"""Deal value and tags from the shell (issue 16, points 1 and 5): add, edit, show, JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from leadboard.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def lead(capsys: pytest.CaptureFixture[str], lead_id: str = "1") -> dict[str, Any]:
    """The lead as `show --format json` gives it."""
    code, out, _ = run(capsys, "show", lead_id, "--format", "json")
    assert code == 0
    shown: dict[str, Any] = json.loads(out)
    return shown


def test_add_with_a_value_and_tags_shows_them_and_json_carries_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "add",
        "Emma Hughes",
        "--value",
        "€42,300.50",
        "--tag",
        "VIP",
        "--tag",
        "big deal, q4",
    )
    assert (code, out) == (0, "1\n")
    shown = lead(capsys)
    assert shown["value"] == "42300.50"
    # One --tag is one tag unless commas split it: "big deal" is big-deal, not big and deal.
    assert shown["tags"] == ["big-deal", "q4", "vip"]
    code, out, _ = run(capsys, "show", "1")
    assert code == 0
    assert "Value:        €42,300.50\n" in out
    assert "Tags:         #big-deal #q4 #vip\n" in out


def test_a_lead_without_either_shows_no_such_lines_and_json_nulls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "add", "Ann Lee")[0] == 0
    assert (lead(capsys)["value"], lead(capsys)["tags"]) == (None, [])
    out = run(capsys, "show", "1")[1]
    assert "Value:" not in out and "Tags:" not in out


def test_edit_sets_clears_and_adds_and_removes_tags(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add", "Emma Hughes", "--tag", "vip, q4")[0] == 0
    code, out, _ = run(capsys, "edit", "1", "--value", "12k", "--tag", "renewal", "--untag", "q4")
    assert code == 0
    assert out == "Saved #1 Emma Hughes (version 2): deal value, tags.\n"
    shown = lead(capsys)
    assert (shown["value"], shown["tags"]) == ("12000.00", ["renewal", "vip"])
    # --tags replaces the set; '' empties it, as --value '' clears the value.
    assert run(capsys, "edit", "1", "--tags", "a; b")[0] == 0
    assert lead(capsys)["tags"] == ["a", "b"]
    assert run(capsys, "edit", "1", "--value", "", "--tags", "")[0] == 0
    shown = lead(capsys)
    assert (shown["value"], shown["tags"], shown["version"]) == (None, [], 4)


def test_edit_of_another_field_keeps_the_value_and_tags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "add", "Emma Hughes", "--value", "900", "--tag", "vip")[0] == 0
    assert run(capsys, "edit", "1", "--company", "Acme")[0] == 0
    shown = lead(capsys)
    assert (shown["company"], shown["value"], shown["tags"]) == ("Acme", "900.00", ["vip"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--value", "twelve"),
            "leadboard: --value: not an amount: 'twelve' (write it as 42300, 42,300.50 or 12k)\n",
        ),
        (("--value=-5",), "leadboard: --value: a deal value cannot be negative: '-5'\n"),
        (
            ("--tag", "x" * 40),
            f"leadboard: --tag: tag {'x' * 32}… is too long (32 characters at most)\n",
        ),
    ],
    ids=["words", "negative", "long-tag"],
)
def test_a_bad_value_or_tag_is_refused_in_one_line_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    assert run(capsys, "add", "Emma Hughes", "--value", "100", "--tag", "vip")[0] == 0
    before = lead(capsys)
    code, out, err = run(capsys, "edit", "1", *argv)
    assert (code, out, err) == (1, "", message)
    assert lead(capsys) == before
    # add refuses it the same way, and adds nobody.
    code, out, err = run(capsys, "add", "Ann Lee", *argv)
    assert (code, out, err) == (1, "", message)
    assert [row["name"] for row in json.loads(run(capsys, "list", "--format", "json")[1])] == [
        "Emma Hughes"
    ]


def test_the_value_is_read_in_the_configs_currency(capsys: pytest.CaptureFixture[str]) -> None:
    Path(os.environ["LEADBOARD_CONFIG"]).write_text('currency = "JPY"\n', encoding="utf-8")
    code, _, err = run(capsys, "add", "Emma Hughes", "--value", "1200.50")
    assert code == 1 and err == "leadboard: --value: '1200.50': JPY amounts are whole numbers\n"
    assert run(capsys, "add", "Emma Hughes", "--value", "¥1,200")[0] == 0
    assert lead(capsys)["value"] == "1200"
