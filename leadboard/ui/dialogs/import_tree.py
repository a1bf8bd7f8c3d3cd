"""The import dialog's file list and the paths it shows and reads: folders and importable files."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse

from rich.text import Text, TextType
from textual.content import Content
from textual.widgets import DirectoryTree

from leadboard.domain.text import printable

SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".vcf", ".vcard"})
"""Files the tree offers; any other file can still be typed in."""


class ImportTree(DirectoryTree):
    """Folders and importable files in a folder; names shown literally, hidden files left out."""

    # Plain marks: emoji icons take one or two cells depending on the terminal (tmux, SSH).
    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        """A tree of what is under `path` (absolute); its border names the folder."""
        super().__init__(path, id=id)
        self.show_root = False
        self.border_title = Content(printable(home_relative(path)))

    def reroot(self, path: Path) -> None:
        """Show another folder (one the rep typed)."""
        self.path = path
        self.border_title = Content(printable(home_relative(path)))

    def on_focus(self) -> None:
        """Put the cursor on the first entry: with the root hidden, none is under it at first."""
        if self.cursor_line < 0 and self.root.children:
            self.cursor_line = 0

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Directories and .csv, .tsv, .txt, .xlsx and .vcf files, without hidden ones."""
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.suffix.lower() in SUFFIXES or self._safe_is_dir(path))
        ]

    def process_label(self, label: TextType) -> Text:
        """File names are user text: no escape sequences, no control characters."""
        text = label.plain if isinstance(label, Text) else str(label)
        return Text(printable(text))


def home_relative(path: Path) -> str:
    """'~/exports' for a path under the home directory, else the path as it is."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(path)


def shown_path(path: Path, base: Path) -> str:
    """A path as the rep would type it: relative to `base` when inside it, else from '~'."""
    if path != base and path.is_relative_to(base):
        return printable(str(path.relative_to(base)))
    return printable(home_relative(path))


def typed_path(text: str, base: Path) -> Path | None:
    """The file a typed or pasted path names (quotes, file:// and '~' understood); None if blank."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if text.startswith("file://"):
        text = unquote(urlparse(text).path)
    if not text:
        return None
    path = Path(text)
    with contextlib.suppress(RuntimeError):  # no home directory to expand '~' to
        path = path.expanduser()
    path = path if path.is_absolute() else base / path
    # Terminals paste a dragged file with its spaces escaped; a real name rarely has "\ ".
    if "\\ " in text and os.sep == "/" and not os.path.exists(path):
        return typed_path(text.replace("\\ ", " "), base)
    return path
