"""Every command and option explains itself, and each subcommand names the function it runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from leadboard.cli import build_parser


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """The subparsers of the whole command line, by name."""
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_commands_have_help() -> None:
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert {"add", "log", "move", "list", "show", "due", "backup"} <= set(action.choices)
    listed = {choice.dest: choice.help for choice in action._choices_actions}
    # The COMMAND action itself is left bare (a help line would change `--help`);
    # each of its choices is checked below.
    missing = [
        f"leadboard {'/'.join(arg.option_strings) or arg.dest}"
        for arg in parser._actions
        if arg is not action and not str(arg.help or "").strip()
    ]
    for name, sub in subcommands().items():
        if not (sub.description or "").strip() or not str(listed.get(name) or "").strip():
            missing.append(name)
        missing += [
            f"{name} {'/'.join(arg.option_strings) or arg.dest}"
            for arg in sub._actions
            if not str(arg.help or "").strip()
        ]
    assert missing == []


def test_every_subcommand_runs_a_command_of_its_own_area() -> None:
    for name, sub in subcommands().items():
        run = sub.get_default("run")
        assert callable(run), name
        assert run.__module__.startswith("leadboard.cli."), (name, run.__module__)
        assert (run.__doc__ or "").strip(), name


def test_building_the_parser_loads_neither_the_domain_nor_the_store() -> None:
    script = (
        "import json, sys\n"
        "from leadboard.cli import build_parser\n"
        "build_parser()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    loaded = set(json.loads(done.stdout))
    heavy = {"pendulum", "peewee", "textual", "leadboard.store", "leadboard.domain.model"}
    assert not heavy & loaded
