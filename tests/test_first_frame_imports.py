"""The board's first frame loads only what it shows: no dialog, file format, stats or server.

Each of these is imported when first used (or built ahead after the first frame); imported
before it, it would delay the first frame of every start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NOT_BEFORE_THE_FIRST_FRAME = (
    "leadboard.ui.dialogs",
    "leadboard.ui.screens.stats",
    "leadboard.ui.screens.session",
    "leadboard.ui.screens.lead_detail",
    "leadboard.files",
    "leadboard.actions.session",
    "leadboard.store.bulk",
    "leadboard.store.import_write",
    "openpyxl",
    "vobject",
    "icalendar",
    "textual_serve",
    # A board on a file never loads the PostgreSQL driver or the server's modules.
    "psycopg",
    "leadboard.store.server",
    "leadboard.store.live_changes",
)
"""Module prefixes the first frame must not have imported."""

CHILD = r"""
import json, sys
from leadboard.config import Config
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp

class FirstFrame(LeadboardApp):
    def on_ready(self) -> None:
        # Before LeadboardApp's own on_ready, which builds the dialogs ahead.
        print(json.dumps(sorted(sys.modules)), flush=True)
        self.exit()

config = Config()
store = LeadStore(open_database(sys.argv[1]), config.policy)
FirstFrame(store, config).run(headless=True, size=(120, 40))
"""


def first_frame_modules(db: Path) -> list[str]:
    """The modules imported once the board's first frame is up, in a fresh process."""
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    modules: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return modules


def test_the_first_frame_imports_no_dialog_file_format_or_server(tmp_path: Path) -> None:
    from leadboard.cli.entry import main

    db = tmp_path / "board.db"
    assert main(["--db", str(db), "demo", "--leads", "200"]) == 0
    modules = first_frame_modules(db)
    assert "leadboard.ui.screens.board" in modules  # the board did open
    early = [
        name
        for name in modules
        if any(
            name == prefix or name.startswith(prefix + ".") for prefix in NOT_BEFORE_THE_FIRST_FRAME
        )
    ]
    assert early == []
