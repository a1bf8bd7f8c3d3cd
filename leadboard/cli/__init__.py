"""The command line: one module per feature area, each holding its parsers and its commands.

`main` is the entry point (`leadboard = "leadboard.cli:main"`, `python -m leadboard`).
The board (Textual) is imported only when it is opened, so `due`, `list` and
`log` start fast and never load the UI.
"""

from leadboard.cli.entry import build_parser, main

__all__ = ["build_parser", "main"]
