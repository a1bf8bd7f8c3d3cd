"""`leadboard stats` counts money: JSON `value` and a "Deal value" report section, both engines.

The leads are seeded at known moments in UTC; the rep is in Europe/Paris (UTC+1 in
November), so a win at 23:30 UTC on 31 October falls in the rep's November.
Hand-worked figures (amounts in cents):
  won, hot: A 10000 (10 Nov), B 20000 (31 Oct 23:30 UTC: Paris November),
            C 5001 (31 Oct 22:30 UTC: Paris October), D no value (12 Nov),
            F 100000 (30 Nov 2025: before the 12 months, Dec 2025 to Nov 2026)
  lost, hot: E 99999.  Active: G hot 100000, H hot 33333, I warm 50000, J cold no value.
  November: 30000 from 2 leads, 1 with no value; October: 5001 from 1.
  Average won: (10000 + 20000 + 5001 + 100000) / 4 = 33750.25 -> 33750.
  Hot: open 133333 x 5 won of 6 closed = 111110.83 -> 111111; 5/6 shows as 83%.
  Warm: open 50000, nothing closed: no rate, left out of the total. Total: 111111.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pendulum
import pytest

from leadboard.cli.entry import main
from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft, Status, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore

HOT, WARM, COLD = Temperature.HOT, Temperature.WARM, Temperature.COLD
CLOSED = [
    ("A", 10000, Status.WON, "2026-11-10T12:00:00Z"),
    ("B", 20000, Status.WON, "2026-10-31T23:30:00Z"),
    ("C", 5001, Status.WON, "2026-10-31T22:30:00Z"),
    ("D", None, Status.WON, "2026-11-12T12:00:00Z"),
    ("F", 100000, Status.WON, "2025-11-30T12:00:00Z"),
    ("E", 99999, Status.LOST, "2026-11-01T12:00:00Z"),
]
OPEN = [("G", 100000, HOT), ("H", 33333, HOT), ("I", 50000, WARM), ("J", None, COLD)]


def _seed(target: str) -> None:
    Path(os.environ["LEADBOARD_CONFIG"]).write_text(
        'timezone = "Europe/Paris"\ncurrency = "EUR"\n', encoding="utf-8"
    )
    store = LeadStore(open_database(target), Policy())
    created = pendulum.parse("2025-01-01T09:00:00Z")
    assert isinstance(created, pendulum.DateTime)
    for name, value, status, at in CLOSED:
        lead = store.add(LeadDraft(name, temperature=HOT, value=value), created)
        moment = pendulum.parse(at)
        assert isinstance(moment, pendulum.DateTime)
        assert lead.id is not None
        store.set_status(lead.id, status, moment)
    for name, value, temperature in OPEN:
        store.add(LeadDraft(name, temperature=temperature, value=value), created)
    store.close()


def _json(capsys: pytest.CaptureFixture[str]) -> Any:
    capsys.readouterr()
    assert main(["stats", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_value_has_the_hand_worked_figures(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(cli_database)
    value = _json(capsys)["value"]
    assert value["currency"] == "EUR"
    months = value["won_by_month"]
    assert [m["month"] for m in months] == ["2025-12", *(f"2026-{n:02d}" for n in range(1, 12))]
    assert months[-1] == {"month": "2026-11", "won": "300.00", "leads": 2, "no_value": 1}
    assert months[-2] == {"month": "2026-10", "won": "50.01", "leads": 1, "no_value": 0}
    assert all(m == {"month": m["month"], "won": "0.00", "leads": 0, "no_value": 0}
               for m in months[:-2])  # fmt: skip
    assert value["average_won"] == {"value": "337.50", "leads": 4}
    assert value["forecast"] == {
        "total": "1111.11",
        "by_temperature": {
            "cold": {"open": "0.00", "rate": None, "closed": 0, "weighted": None},
            "cool": {"open": "0.00", "rate": None, "closed": 0, "weighted": None},
            "warm": {"open": "500.00", "rate": None, "closed": 0, "weighted": None},
            "hot": {"open": "1333.33", "rate": 0.8333, "closed": 6, "weighted": "1111.11"},
        },
    }


def test_json_value_on_an_empty_file(cli_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "Nobody yet"]) == 0
    value = _json(capsys)["value"]
    assert len(value["won_by_month"]) == 12
    assert value["average_won"] == {"value": None, "leads": 0}
    assert value["forecast"]["total"] == "0.00"
    assert {f["rate"] for f in value["forecast"]["by_temperature"].values()} == {None}


def test_json_value_follows_the_configured_currency(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(cli_database)
    config = Path(os.environ["LEADBOARD_CONFIG"])
    config.write_text('timezone = "Europe/Paris"\ncurrency = "JPY"\n', encoding="utf-8")
    value = _json(capsys)["value"]
    # Yen have no minor unit: the same stored integers are whole yen.
    assert value["currency"] == "JPY"
    assert value["forecast"]["by_temperature"]["hot"]["open"] == "133333"


def test_report_has_a_deal_value_section(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(cli_database)
    capsys.readouterr()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    lines = out[out.index("Deal value (EUR): won by local month, last 12 months") :].splitlines()
    assert lines[1].split() == ["MONTH", "WON", "LEADS", "NO", "VALUE"]
    assert lines[2].split() == ["2025-12", "€0", "0", "0"]
    assert lines[12].split() == ["2026-10", "€50.01", "1", "0"]
    assert lines[13].split() == ["2026-11", "€300", "2", "1"]
    assert lines[14] == "  Average won deal €337.50 (of 4 won with a value)"
    assert "  HOT   €1,333.33 open × 83% (of 6 closed) = €1,111.11" in lines
    assert "  WARM  €500 open × — (no closed warm leads yet)" in lines
    assert "  Forecast total €1,111.11 (cold, cool, warm left out: no rate yet)" in lines
