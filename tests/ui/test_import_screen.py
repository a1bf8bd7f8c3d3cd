"""The import screen through the board: pick, preview, import, cancel, errors, hostile text.

Snapshots (80x24 and 160x45) run with the working directory and HOME under
tmp_path, so the paths on screen read the same on every run. Accept a
deliberate change with `pytest --snapshot-update` after looking at the report.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Select

from leadboard.actions import importing as importer
from leadboard.config import Config
from leadboard.domain.model import Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.import_file import ImportScreen
from leadboard.ui.dialogs.import_tree import ImportTree, shown_path, typed_path
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.widgets.forms import ErrorLine
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, open_store, seed
from tests.ui.test_board import screen_text

SnapCompare = Callable[..., bool]
SCREEN = "leadboard.ui.dialogs.import_file"

MESSY = (
    # A BOM, semicolons, CRLF, a blank row, a row without a name, a duplicate of row 2
    # (same email in capitals), an unknown temperature (imported with a warning), and a
    # seeded lead (name + company).
    "\ufeffFull Name;Company;E-mail;Rating;Next Step;Owner\r\n"
    "Zoe Park;Park Ltd;zoe@park.example;Hot;Call her;Sam\r\n"
    "Yan Ho;Ho Inc;yan@ho.example;warm;Send deck;\r\n"
    "\r\n"
    ";No Name Ltd;nobody@x.example;cold;;\r\n"
    "Zoe Park;Park Ltd;ZOE@park.example;Hot;Dup;\r\n"
    "Xu Li;Li Co;xu@li.example;Lukewarm;;\r\n"
    "Ana Ruiz;Bloom & Co;;hot;;\r\n"
)


def write_csv(folder: Path, text: str = MESSY, name: str = "messy.csv") -> Path:
    """A CSV written as Excel would (bytes exactly as given, UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def lead_count(store: LeadStore) -> int:
    """Leads in the database, read on a separate connection."""
    con = sqlite3.connect(str(store.db.database))
    try:
        return int(con.execute("SELECT count(*) FROM lead").fetchone()[0])
    finally:
        con.close()


def dialog(app: App[None]) -> ImportScreen:
    """The import screen on top."""
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    return screen


def error_line(screen: ImportScreen) -> str:
    """The error shown under the dialog ('' when hidden)."""
    line = screen.query_one(ErrorLine)
    return str(line.content) if line.display else ""


async def wait_until(pilot: Pilot[Any], done: Callable[[], bool]) -> None:
    """Let workers and messages run until `done()` holds (or fail after a few seconds)."""
    for _ in range(300):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


async def open_import(pilot: Pilot[Any]) -> ImportScreen:
    """Press I on the board (unless the dialog is open already) and wait for the file list."""
    await pilot.pause()
    if not isinstance(pilot.app.screen, ImportScreen):
        await pilot.press("I")
    screen = dialog(pilot.app)
    await wait_until(pilot, lambda: bool(screen.query_one(ImportTree).root.children))
    return screen


async def preview(pilot: Pilot[Any], path: str) -> ImportScreen:
    """Type a path, press enter, and wait for the preview."""
    screen = await open_import(pilot)
    await pilot.press(*path, "enter")
    await wait_until(pilot, lambda: screen.step != "planning")
    return screen


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of files to import, made the working directory (where the tree starts)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(tmp_path))
    return folder


async def test_preview_then_import_lands_in_the_board(tmp_path: Path, here: Path) -> None:
    write_csv(here)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, "messy.csv")
        assert screen.step == "preview"
        text = screen_text(app)
        assert "CSV, semicolon-separated; holds leads" in text
        assert "Encoding UTF-8 with BOM   " in text  # no note after it
        assert "names look wrong?" not in text  # a clean file asks nothing
        assert "6 rows, 1 blank ignored" in text
        assert "create 3 · update 0 · skip 2 · reject 1 · warn 1" in text
        assert "row 5: a lead needs a name" in text
        assert 'row 7: Rating "Lukewarm" is not a temperature; kept in notes' in text
        assert "Full Name  → name" in text
        assert "Rating     → temperature" in text
        assert lead_count(store) == 8  # a preview writes nothing
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step == "done")
        text = screen_text(app)
        assert "created 3 · updated 0 · skipped 2 · rejected 1 · warned 1" in text
        assert "Imported with warnings" in text
        await pilot.press("enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert lead_count(store) == 11
        assert board.column(Temperature.HOT).count == 3
        assert board.column(Temperature.WARM).count == 3
        text = screen_text(app)
        assert "HOT  3" in text
        assert "WARM  3" in text
    store.close()


async def test_enter_imports_and_update_option_updates(tmp_path: Path, here: Path) -> None:
    write_csv(here, "Name,Company,Email,Next step\nAna Ruiz,Bloom & Co,,Bring flowers\n")
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        screen.query_one("#on-duplicate", Select).value = "update"
        await pilot.press(*"messy.csv", "enter")
        await wait_until(pilot, lambda: screen.step == "preview")
        assert "create 0 · update 1 · skip 0 · reject 0" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.step == "done")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    lead = store.get(ids["Ana Ruiz"])
    assert lead.next_step == "Bring flowers"
    assert lead_count(store) == 8
    store.close()


async def test_nothing_to_import_leaves_import_off(tmp_path: Path, here: Path) -> None:
    write_csv(here, "Name,Company\nAna Ruiz,Bloom & Co\n,Nameless Ltd\n")
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, "messy.csv")
        text = screen_text(app)
        assert "create 0 · update 0 · skip 1 · reject 1" in text
        assert "Nothing to import" in text
        assert "nothing to import · b goes back · esc closes" in text
        await pilot.press("f2", "enter")
        assert screen.step == "preview"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    assert lead_count(store) == 8
    store.close()


async def test_picking_a_file_in_the_tree_previews_it(tmp_path: Path, here: Path) -> None:
    write_csv(here / "a-folder", name="inner.csv")
    write_csv(here)
    (here / "notes.md").write_text("not offered")
    (here / ".hidden.csv").write_text("Name\nx\n")
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        tree = screen.query_one(ImportTree)
        names = [str(node.label) for node in tree.root.children]
        assert names == ["a-folder", "messy.csv"]
        await pilot.press("tab")
        assert app.focused is tree
        await pilot.press("down")
        assert screen.query_one("#path", Input).value == "messy.csv"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.step == "preview")
        assert "create 3 · update 0 · skip 2 · reject 1 · warn 1" in screen_text(app)
    store.close()


async def test_escape_on_each_step_writes_nothing(tmp_path: Path, here: Path) -> None:
    write_csv(here)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import(pilot)
        await pilot.press(*"messy.csv", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        screen = await preview(pilot, "messy.csv")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert not screen.is_attached
    assert lead_count(store) == 8
    store.close()


async def test_escape_while_reading_stops_and_b_goes_back(
    tmp_path: Path, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv(here)
    release = threading.Event()
    real = importer.plan_import

    def slow_plan(*args: Any, **kwargs: Any) -> Any:
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(f"{SCREEN}.plan_import", slow_plan)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        await pilot.press(*"messy.csv", "enter")
        assert screen.step == "planning"
        await pilot.press("b")
        assert screen.step == "pick"
        assert app.focused is screen.query_one("#path", Input)
        release.set()
        await pilot.pause(0.2)
        assert screen.step == "pick"  # the dropped preview does not come back
        release.clear()
        await pilot.press("enter")
        assert screen.step == "planning"
        await pilot.press("escape")
        release.set()
        await pilot.pause(0.2)
        assert isinstance(app.screen, BoardScreen)
    assert lead_count(store) == 8
    store.close()


async def test_an_import_under_way_cannot_be_cancelled_halfway(
    tmp_path: Path, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv(here)
    release = threading.Event()
    real = importer.apply_import

    def slow_apply(*args: Any, **kwargs: Any) -> Any:
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(f"{SCREEN}.apply_import", slow_apply)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, "messy.csv")
        await pilot.press("f2")
        assert screen.step == "applying"
        await pilot.press("escape", "b")
        assert app.screen is screen
        assert screen.step == "applying"
        release.set()
        await wait_until(pilot, lambda: screen.step == "done")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    assert lead_count(store) == 11
    store.close()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "is not a CSV file"),
        ("book.xlsx", b"PK\x03\x04 this is no workbook", "is not a readable .xlsx file"),
        ("empty.csv", b"", "is empty"),
        ("contacts.csv", b"Date,Channel\n2026-11-01,call\n", "needs a column naming the lead"),
    ],
    ids=["binary", "broken-xlsx", "empty", "no-lead-column"],
)
async def test_an_unreadable_file_shows_an_error_and_stays(
    tmp_path: Path, here: Path, name: str, content: bytes, message: str
) -> None:
    (here / name).write_bytes(content)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, name)
        assert screen.step == "pick"
        assert message in error_line(screen)
        assert message in screen_text(app)
        assert app.focused is screen.query_one("#path", Input)
        # Typing again clears the error; a missing file and a blank path say so.
        await pilot.press("backspace")
        assert error_line(screen) == ""
        await pilot.press(*"x", "enter")
        assert error_line(screen).endswith("does not exist")
        screen.query_one("#path", Input).value = "  "
        await pilot.press("enter")
        assert "Type a file's path" in error_line(screen)
    assert lead_count(store) == 8
    store.close()


async def test_a_locked_database_is_an_error_line_and_a_retry_works(
    tmp_path: Path, here: Path
) -> None:
    write_csv(here)
    db_path = tmp_path / "b.db"
    config = Config()
    store = LeadStore(open_database(str(db_path), busy_timeout_ms=50), config.policy)
    seed(store)
    app = LeadboardApp(store, config, clock=lambda: NOW)
    other = sqlite3.connect(str(db_path), isolation_level=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, "messy.csv")
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step != "applying")
        assert screen.step == "preview"
        assert "the database is locked" in error_line(screen)
        assert lead_count(store) == 8
        other.execute("ROLLBACK")
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step == "done")
    other.close()
    assert lead_count(store) == 11
    store.close()


async def test_hostile_file_names_headers_and_cells_show_literally(
    tmp_path: Path, here: Path
) -> None:
    hostile = (
        "Name,[/]Owner,\x1b[31mRed\x1b[0m,Rating\n"
        "[b]Bold[/b] \x1b[2J,x,y,hot\n"
        "Plain,x,y,[@click=app.quit]q[/]\n"
    )
    write_csv(here, hostile, name="[@click=app.quit]odd\x1b[2J.csv")
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_import(pilot)
        assert "[@click=app.quit]odd.csv" in screen_text(app)
        await pilot.press("tab", "down", "enter")
        await wait_until(pilot, lambda: screen.step == "preview")
        text = screen_text(app)
        assert "File     [@click=app.quit]odd.csv" in text
        assert "[/]Owner  → owner" in text
        assert "Red" in text
        assert 'row 3: Rating "[@click=app.quit]q[/]" is not a temperature' in text
        assert "\x1b" not in text
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step == "done")
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]Bold[/b]" in screen_text(app)
    assert lead_count(store) == 10
    store.close()


async def test_a_typed_folder_opens_in_the_tree(tmp_path: Path, here: Path) -> None:
    write_csv(tmp_path / "elsewhere", name="far.csv")
    write_csv(here)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        await pilot.press(*"~/elsewhere", "enter")
        tree = screen.query_one(ImportTree)
        await wait_until(pilot, lambda: [str(n.label) for n in tree.root.children] == ["far.csv"])
        assert app.focused is tree
        assert "~/elsewhere" in screen_text(app)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: screen.step == "preview")
        assert "File     ~/elsewhere/far.csv" in screen_text(app)
    store.close()


async def test_a_large_file_drives_the_progress_bar(tmp_path: Path, here: Path) -> None:
    rows = "".join(f"Lead {n},Co {n},lead{n}@x.example,cold\n" for n in range(1, 1201))
    write_csv(here, "Name,Company,Email,Rating\n" + rows, name="big.csv")
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, "big.csv")
        bar = screen.query_one(ProgressBar)
        assert bar.total is not None and bar.total >= 1200
        assert bar.progress == bar.total
        assert "create 1,200" in screen_text(app)
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step == "done")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.column(Temperature.COLD).count == 1202
    store.close()


def test_typed_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    base = tmp_path / "exports"
    (base / "my file.csv").parent.mkdir()
    (base / "my file.csv").write_text("Name\nx\n")
    assert typed_path("  ", base) is None
    assert typed_path("a.csv", base) == base / "a.csv"
    assert typed_path("'/x/a b.csv'", base) == Path("/x/a b.csv")
    assert typed_path("~/a.csv", base) == tmp_path / "a.csv"
    assert typed_path("file:///x/a%20b.csv", base) == Path("/x/a b.csv")
    assert typed_path("my\\ file.csv", base) == base / "my file.csv"
    assert shown_path(base / "sub" / "a.csv", base) == "sub/a.csv"
    assert shown_path(tmp_path / "a.csv", base) == "~/a.csv"
    assert shown_path(Path("/elsewhere/a\x1b[2J.csv"), base) == "/elsewhere/a.csv"


# -- encodings ------------------------------------------------------------------------

STRAY_BYTE = (
    "Name,Company\r\nJosé Müller,Café Zürich\r\nZoë Brontë,Crème\r\n".encode()
    + b"Ren\xe9 Stray,Acme\r\n"
)
"""UTF-8 with accents and one stray Windows byte (the issue's file)."""


def store_names(store: LeadStore) -> set[str]:
    """Every lead name, read on a separate connection."""
    con = sqlite3.connect(str(store.db.database))
    try:
        return {row[0] for row in con.execute("SELECT name FROM lead")}
    finally:
        con.close()


async def test_the_preview_names_the_encoding_and_the_rows_with_bad_bytes(
    tmp_path: Path, here: Path
) -> None:
    (here / "stray.csv").write_bytes(STRAY_BYTE)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, "stray.csv")
        text = screen_text(app)
        assert 'Encoding UTF-8 (1 unreadable byte shown as "\ufffd")' in text
        assert "names look wrong? b goes back to choose another encoding" in text
        assert "Warnings" in text
        assert 'row 4: 1 byte that is not UTF-8 (E9) shown as "\ufffd"' in text
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.step == "done")
        assert "Imported with warnings" in screen_text(app)
    assert {"José Müller", "Zoë Brontë", "Ren\ufffd Stray"} <= store_names(store)
    store.close()


async def test_the_rep_changes_the_encoding_and_previews_again(tmp_path: Path, here: Path) -> None:
    (here / "win.csv").write_bytes("Name,Company\r\nRené Roux,Café Müller\r\n".encode("cp1252"))
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview(pilot, "win.csv")
        assert "Encoding Windows-1252 (the file is not UTF-8)" in screen_text(app)
        # Back, tab past the files and the two other options, pick UTF-8 from the list.
        await pilot.press("b", "tab", "tab", "tab", "tab", "enter", "down", "enter")
        await pilot.pause()
        assert screen.query_one("#encoding", Select).value == "utf-8"
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step == "preview")
        text = screen_text(app)
        assert 'Encoding UTF-8 (chosen; 3 unreadable bytes shown as "\ufffd")' in text
        assert "row 2: 3 bytes that are not UTF-8 (E9 E9 FC)" in text
        # Back again: Windows-1252 by name, and the import reads it that way.
        await pilot.press("b", "tab", "tab", "tab", "tab", "enter", "down", "enter")
        await pilot.pause()
        assert screen.query_one("#encoding", Select).value == "cp1252"
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step == "preview")
        assert "Encoding Windows-1252 (chosen)" in screen_text(app)
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.step == "done")
    assert "René Roux" in store_names(store)
    store.close()


# -- snapshots ------------------------------------------------------------------------


class ImportHost(App[None]):
    """The dialog alone over a blank screen, so a change to the board leaves these alone."""

    CSS_PATH = LeadboardApp.CSS_PATH

    def __init__(self, store: LeadStore) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        """Open the dialog where the board would."""
        self.push_screen(ImportScreen(self.store, lambda: NOW, Path.cwd()))


def snapshot_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ImportHost, LeadStore]:
    """The dialog over a seeded store, with a folder of files to import as working directory."""
    folder = tmp_path / "exports"
    write_csv(folder)
    write_csv(folder / "archive", name="old.csv")
    write_csv(folder, "Lead,Date,Type,Result\n", name="calls.tsv")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(tmp_path))
    store = open_store(tmp_path / "b.db")
    seed(store)
    return ImportHost(store), store


SNAPSHOT_SIZES = [(80, 24), (160, 45)]


@pytest.mark.parametrize("size", SNAPSHOT_SIZES, ids=["small", "wide"])
def test_pick_step(
    snap_compare: SnapCompare,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """Step 1: the path field, the files, the options."""
    app, store = snapshot_app(tmp_path, monkeypatch)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_import(pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        store.close()


@pytest.mark.parametrize("size", SNAPSHOT_SIZES, ids=["small", "wide"])
def test_preview_step(
    snap_compare: SnapCompare,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """Step 2: the counts, the rejected rows, the columns."""
    app, store = snapshot_app(tmp_path, monkeypatch)

    async def run_before(pilot: Pilot[Any]) -> None:
        await preview(pilot, "messy.csv")

    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        store.close()
