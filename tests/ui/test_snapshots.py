"""Snapshot tests of every screen at 80x24 and a wide size, on seeded data with a fixed clock.

Accept a deliberate change with `pytest --snapshot-update` after looking at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from leadboard.config import Config
from leadboard.ui.app import LeadboardApp
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, open_store, seed

SnapCompare = Callable[..., bool]

SCENES: list[tuple[str, tuple[int, int], list[str]]] = [
    ("board_small", (80, 24), []),
    ("board_wide", (160, 45), []),
    ("board_cursor_moved", (80, 24), ["h", "j"]),
    ("panel_small", (80, 24), ["o"]),
    ("panel_wide", (160, 45), ["o", "o"]),
    ("log_contact_small", (80, 24), ["c"]),
    ("log_contact_wide", (160, 45), ["c"]),
    ("log_contact_invalid_due", (100, 32), ["c", "tab", "tab", "tab", "tab", "tab"]),
    ("add_lead_small", (80, 24), ["a"]),
    ("edit_lead_wide", (160, 45), ["e"]),
    ("detail_small", (80, 24), ["enter"]),
    ("detail_wide", (160, 45), ["enter"]),
    ("hostile_detail", (100, 32), ["h", "h", "j", "enter"]),
    ("filter", (160, 45), ["slash", *"li"]),
    ("help", (100, 40), ["question_mark"]),
    ("lost_reason", (80, 24), ["x"]),
]


@pytest.mark.parametrize(("name", "size", "keys"), SCENES, ids=[scene[0] for scene in SCENES])
def test_screen(
    snap_compare: SnapCompare, tmp_path: Path, name: str, size: tuple[int, int], keys: list[str]
) -> None:
    """The screen looks as it did when last accepted."""
    app, store, _ = make_app(tmp_path / f"{name}.db")
    try:
        assert snap_compare(app, terminal_size=size, press=keys)
    finally:
        store.close()


SESSION_SCENES: list[tuple[str, tuple[int, int], list[str]]] = [
    ("session_small", (80, 24), []),
    ("session_wide", (160, 45), ["1"]),
    # 3 asks for a note and a next step: Enter logs the talk with neither.
    ("session_hint", (80, 24), ["3", "enter", "3", "enter", "3", "enter"]),
    ("session_snooze", (80, 24), ["z"]),
    ("session_meeting", (80, 24), ["4", *"fri 10:00", "tab", *"send the quote"]),
    ("session_not_interested", (80, 24), ["6"]),
    ("session_won_asks", (80, 24), ["w"]),
    ("session_summary", (80, 24), ["1", "2", "n", "q"]),
]


@pytest.mark.parametrize(
    ("name", "size", "keys"), SESSION_SCENES, ids=[scene[0] for scene in SESSION_SCENES]
)
def test_session_screen(
    snap_compare: SnapCompare, tmp_path: Path, name: str, size: tuple[int, int], keys: list[str]
) -> None:
    """The follow-up session and its summary look as they did when last accepted."""
    store = open_store(tmp_path / f"{name}.db")
    seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    try:
        assert snap_compare(app, terminal_size=size, press=keys)
    finally:
        store.close()
