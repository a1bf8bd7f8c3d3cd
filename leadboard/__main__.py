"""`python -m leadboard`: the same as the `leadboard` command."""

from leadboard.cli import main

raise SystemExit(main())
