"""Write the README's screenshots (SVG) from the real app on demo data with a fixed clock.

Run: python screenshots/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import pendulum

from leadboard.actions.demo import fill_demo
from leadboard.config import Config
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp

HERE = Path(__file__).parent
NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")
"""Monday morning: the moment every screenshot shows."""

SCENES: list[tuple[str, tuple[int, int], list[str]]] = [
    ("board-160x45", (160, 45), []),
    ("board-80x24", (80, 24), []),
    ("overdue-panel-80x24", (80, 24), ["o"]),
    ("log-contact", (100, 32), ["c"]),
    ("add-lead", (100, 32), ["a"]),
    ("lead-detail", (100, 36), ["enter"]),
    ("filter", (160, 45), ["slash", *"bakery"]),
    ("help", (100, 44), ["question_mark"]),
    ("stats-160x45", (160, 45), ["S"]),
    ("stats-80x24", (80, 24), ["S"]),
    ("import", (100, 32), ["I", "tab", "down", "enter", "down", "enter"]),
    ("session-scope", (80, 24), ["s"]),
    ("session-80x24", (80, 24), ["s", "a"]),
    ("session-160x45", (160, 45), ["s", "a", "1"]),
    ("session-meeting", (80, 24), ["s", "a", "4", *"fri 2pm", "tab", *"send the quote"]),
    ("session-summary", (80, 24), ["s", "h", "1", "2", "3", "enter", "n", "q"]),
    ("quick-entry", (100, 30), ["colon", *"theo rou call talked fri 2pm! send the proposal"]),
    ("quick-ambiguous", (100, 30), ["colon", *"rohan vm tomorrow"]),
    ("session-message", (100, 32), ["s", "a", "v", "v"]),
    ("closed-view", (120, 30), ["v"]),
    ("board-by-value", (120, 30), ["b", "b", "b"]),
    ("filter-tag", (120, 30), ["slash", *"#enterprise"]),
]
"""(file name, terminal size, keys pressed on the board) for each screenshot."""

SALESFORCE_CSV = (
    "First Name,Last Name,Company,Email,Phone,Lead Source,Rating\r\n"
    "Maya,Lindqvist,Lindqvist Events,maya@lindqvist.example,+46 8 555 0100,Web,Hot\r\n"
    "Omar,Haddad,Haddad Florals,omar@haddad.example,+44 20 7946 0958,Referral,Warm\r\n"
)
"""A small export in Salesforce's shape, for the import screenshot."""


async def shoot(
    store: LeadStore, config: Config, name: str, size: tuple[int, int], keys: list[str]
) -> None:
    """Open the board, press the keys, save the screen as SVG."""
    app = LeadboardApp(store, config, clock=lambda: NOW)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            # Stats count in a worker and the session redraws per key: let each settle.
            await pilot.pause(0.2 if key in ("S", "s", "a", "h", "I", "3", "4") else 0.05)
        await pilot.pause(0.5)  # the quick line's preview is read on a worker
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
    print(f"wrote screenshots/{name}.svg")


SIGNATURE = "Emma Hughes\nBloom Events · 020 7946 0958"
"""The rep's signature in the messages the screenshots show."""


def main() -> None:
    """Fill a scratch database with demo leads and shoot every scene."""
    config = Config(name="Emma Hughes", signature=SIGNATURE)
    with tempfile.TemporaryDirectory() as scratch:
        # leadboard's own message templates, not the files of whoever runs the script.
        os.environ["LEADBOARD_CONFIG"] = str(Path(scratch) / "config.toml")
        # The demo's leads are a named rep's, not whoever runs the script.
        store = LeadStore(
            open_database(str(Path(scratch) / "shots.db")), config.policy, me="Emma Hughes"
        )
        fill_demo(store, 400, NOW, seed=7)
        # The import screen browses the working folder: give it a rep's exports.
        exports = Path(scratch) / "exports"
        exports.mkdir()
        (exports / "salesforce-leads.csv").write_text(SALESFORCE_CSV, encoding="utf-8-sig")
        (exports / "trade-show-2026.csv").write_text(SALESFORCE_CSV, encoding="utf-8")
        os.chdir(scratch)
        only = set(sys.argv[1:])
        for name, size, keys in SCENES:
            if not only or name in only:
                asyncio.run(shoot(store, config, name, size, keys))
        store.close()
        os.chdir(HERE.parent)


if __name__ == "__main__":
    main()
