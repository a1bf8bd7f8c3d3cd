"""The message for a lead's step on the session's card and in the log dialog; `y` copies it."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Select, Static

from leadboard.config import Config
from leadboard.domain.model import Channel
from leadboard.domain.sequence import FollowUpSequence
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.log_contact import LogContactScreen
from leadboard.ui.screens.session import SessionScreen
from tests.conftest import NOW
from tests.ui.board_fixtures import open_store, seed


def templates_folder() -> Path:
    """The rep's template folder: `templates` beside the test's config file."""
    folder = Path(os.environ["LEADBOARD_CONFIG"]).parent / "templates"
    folder.mkdir(exist_ok=True)
    return folder


def on_screen(app: LeadboardApp) -> str:
    """Everything the top screen shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def last_said(app: LeadboardApp) -> str:
    """The session's line about what the last key did."""
    return str(app.screen.query_one("#session-last", Static).render())


def session_app(tmp_path: Path, config: Config | None = None) -> LeadboardApp:
    """A session over the seed leads; the first card is Ana Ruiz (hot, step 2, by email)."""
    config = config or Config(name="Emma Hughes", signature="Emma\nBloom Events")
    store = open_store(tmp_path / "m.db", config)
    seed(store)
    return LeadboardApp(store, config, clock=lambda: NOW, session=True)


async def test_the_reps_own_file_is_shown_copied_and_read_again_when_changed(
    tmp_path: Path,
) -> None:
    folder = templates_folder()
    (folder / "step-2-email.txt").write_text(
        "Subject: Your gala, {first_name}\n\nHi {first_name}: {next_step}?\n{signature}\n",
        encoding="utf-8",
    )
    app = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.shown is not None
        assert screen.shown.name == "Ana Ruiz"
        assert "Hi Ana: Send the quote for the gala?" in on_screen(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == (
            "Subject: Your gala, Ana\n\nHi Ana: Send the quote for the gala?\nEmma\nBloom Events"
        )
        (folder / "step-2-email.txt").write_text(
            "Subject: Still keen, {first_name}?\n\nA new line for {company}.\n", encoding="utf-8"
        )
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "Subject: Still keen, Ana?\n\nA new line for Bloom & Co."


async def test_a_broken_file_is_named_and_nothing_is_copied(tmp_path: Path) -> None:
    (templates_folder() / "step-2-email.txt").write_text(
        "Subject: Hello\n\nHi {frist_name},\n", encoding="utf-8"
    )
    app = session_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        shown = on_screen(app)
        assert "step-2-email.txt line 3: unknown placeholder {frist_name}" in shown
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert last_said(app).startswith("not copied: step-2-email.txt line 3")


async def test_the_card_follows_the_sessions_channel(tmp_path: Path) -> None:
    app = session_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "step 2: first personal message · email" in on_screen(app)
        assert "Subject:" in on_screen(app)
        await pilot.press("v")  # the keys log as a call: the card shows the call's words
        await pilot.pause()
        assert "step 2: first personal message · call" in on_screen(app)
        assert "Subject:" not in on_screen(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("Hi Ana, Emma Hughes here.")


async def test_the_log_dialog_shows_the_message_for_its_channel(tmp_path: Path) -> None:
    app = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        block = str(dialog.query_one("#message", Static).render())
        assert "step 2: first personal message · email" in block and "ctrl+y copies it" in block
        dialog.query_one("#channel", Select).value = Channel.TEXT
        await pilot.pause()
        block = str(dialog.query_one("#message", Static).render())
        assert "step 2: first personal message · text" in block
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.clipboard.startswith("Hi Ana, Emma Hughes here.")
        assert "Subject:" not in app.clipboard


async def test_a_configured_sequence_names_its_steps(tmp_path: Path) -> None:
    sequence = FollowUpSequence(("confirmation", "the big ask", "last call"), objection_step=3)
    config = Config(name="Emma Hughes", sequence=sequence)
    app = session_app(tmp_path, config)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        shown = on_screen(app)
        assert "step 2: the big ask" in shown
        assert "Following up" in shown  # a step leadboard has no words for: the plain ones
        await pilot.press("5", "p")  # an objection goes to the configured step; back to Ana
        await pilot.pause()
        assert "step 3: last call" in on_screen(app)


async def test_markup_in_a_template_and_in_the_lead_is_shown_as_written(tmp_path: Path) -> None:
    (templates_folder() / "step-2-email.txt").write_text(
        "Subject: [bold]Hi[/] {first_name}\n\n[@click=app.quit]quit[/] for {company}\n",
        encoding="utf-8",
    )
    app = session_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        shown = on_screen(app)
        assert "Subject: [bold]Hi[/] Ana" in shown
        assert "[@click=app.quit]quit[/] for Bloom & Co" in shown
        await pilot.press("y")
        await pilot.pause()
        assert (
            app.clipboard == "Subject: [bold]Hi[/] Ana\n\n[@click=app.quit]quit[/] for Bloom & Co"
        )
        assert app.is_running  # the click markup was text, not an action
