"""`leadboard add` refuses a likely duplicate unless told, and warns of an odd email or phone."""

from __future__ import annotations

import pytest

from leadboard.cli.entry import main


def test_add_refuses_a_likely_duplicate_unless_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "Hannah Brown", "--company", "Sunset Wedding Co."]) == 0
    assert capsys.readouterr().out.strip() == "1"
    assert main(["add", "hannah brown", "--company", "sunset wedding co."]) == 1
    err = capsys.readouterr().err
    assert "looks like #1 Hannah Brown, Sunset Wedding Co. (same name and company)" in err
    assert "--allow-duplicate adds it anyway" in err
    assert main(["list", "--format", "json"]) == 0
    assert capsys.readouterr().out.count('"id"') == 1
    args = ["add", "Hannah Brown", "--company", "Sunset Wedding Co.", "--allow-duplicate"]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == "2"


def test_add_warns_of_an_odd_email_or_phone_and_still_adds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["add", "Ivy", "--email", "not-an-email", "--phone", "phone?"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "1"
    assert 'leadboard: warning: email "not-an-email": needs one @' in err
    assert 'leadboard: warning: phone "phone?": only digits' in err
    assert main(["add", "Joe", "--email", "joe@example.com", "--phone", "+1 (555) 010-9999"]) == 0
    assert capsys.readouterr().err == ""
