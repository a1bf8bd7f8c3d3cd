"""Every key of the board, each with the id a rep's [keys] names it by (ui/keys.py)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

BOARD_BINDINGS: list[BindingType] = [
    Binding("left,h", "focus_column(-1)", "Column left", show=False, id="board.column_left"),
    Binding("right,l", "focus_column(1)", "Column right", show=False, id="board.column_right"),
    Binding("up,k", "cursor(-1)", "Card up", show=False, id="board.card_up"),
    Binding("down,j", "cursor(1)", "Card down", show=False, id="board.card_down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="board.page_up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="board.page_down"),
    Binding("home,g", "ends(-1)", "First card", show=False, id="board.first_card"),
    Binding("end,G", "ends(1)", "Last card", show=False, id="board.last_card"),
    Binding(
        "left_square_bracket,shift+left", "move(-1)", "Colder", key_display="[", id="board.colder"
    ),
    Binding(
        "right_square_bracket,shift+right", "move(1)", "Hotter", key_display="]", id="board.hotter"
    ),
    Binding("c", "log_contact", "Log", id="board.log_contact"),
    Binding(
        "colon",
        "quick_entry",
        "Quick entry: log a touch in one line",
        show=False,
        id="board.quick_entry",
    ),
    Binding(
        "y",
        "copy_message",
        "Copy the message for the lead's step",
        show=False,
        id="board.copy_message",
    ),
    Binding("a", "add_lead", "Add", id="board.add_lead"),
    Binding("e", "edit_lead", "Edit lead", show=False, id="board.edit_lead"),
    Binding("enter", "open_detail", "Lead detail", show=False, id="board.open_detail"),
    Binding("slash", "filter", "Filter", key_display="/", id="board.filter"),
    Binding("o", "toggle_panel", "Overdue panel", show=False, id="board.toggle_panel"),
    # Off the key bar: it is full at 80 columns; the status line says whose leads show.
    Binding(
        "t",
        "toggle_owner",
        "Your leads / everyone's (a team's database)",
        show=False,
        id="board.toggle_owner",
    ),
    Binding("u", "undo", "Undo", id="board.undo"),
    Binding("w", "mark(True)", "Mark won", show=False, id="board.won"),
    Binding("x", "mark(False)", "Mark lost", show=False, id="board.lost"),
    Binding("i", "inactive", "Mark inactive", show=False, id="board.inactive"),
    Binding("b", "sort_column", "Sort the column by", show=False, id="board.sort_column"),
    Binding("v", "closed_view", "Closed leads / active", show=False, id="board.closed_view"),
    Binding("r", "revive", "Revive a closed lead", show=False, id="board.revive"),
    Binding("s", "session", "Session", id="board.session"),
    Binding("S", "stats", "Stats", show=False, id="board.stats"),
    Binding("I", "import", "Import", show=False, id="board.import"),
    Binding("question_mark", "help", "Help", key_display="?", id="board.help"),
    Binding("escape", "clear_filter", "Clear filter", show=False, id="board.clear_filter"),
    Binding("q", "app.quit", "Quit", id="board.quit"),
]
"""BoardScreen.BINDINGS: ids are "board." and the name a rep's config.toml uses."""
