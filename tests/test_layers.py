"""The layer rule of STYLE.md, checked on the source: who may import what."""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import leadboard

PACKAGE = Path(leadboard.__file__).parent
DOMAIN = PACKAGE / "domain"
STORE = PACKAGE / "store"
UI = PACKAGE / "ui"

# The domain may use the standard library, pendulum and itself: nothing else.
DOMAIN_THIRD_PARTY = {"pendulum"}


def module_name(path: Path) -> str:
    """'leadboard.store.leads' for leadboard/store/leads.py."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def imports_of(path: Path, module: str | None = None) -> frozenset[str]:
    """Every module a file imports, at top level or inside functions, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module or module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            # `from leadboard import ui` imports leadboard.ui.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return frozenset(found)


def sources(folder: Path) -> list[Path]:
    """The Python files under a folder."""
    return sorted(folder.rglob("*.py"))


def reaches(imported: frozenset[str], forbidden: str) -> bool:
    """True when any import is the forbidden module or inside it."""
    return any(name == forbidden or name.startswith(forbidden + ".") for name in imported)


def test_imports_of_reads_every_kind_of_import(tmp_path: Path) -> None:
    found = imports_of(DOMAIN / "followup.py")
    assert "pendulum" in found
    assert "leadboard.domain.model" in found
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from ..store import leads\nfrom . import model\n"
        "def f():\n    import textual.app\n    from peewee import Model\n"
    )
    found = imports_of(probe, "leadboard.domain.probe")
    assert {"textual.app", "peewee", "peewee.Model"} <= found
    assert {"leadboard.store", "leadboard.store.leads", "leadboard.domain.model"} <= found


@pytest.mark.parametrize("path", sources(DOMAIN), ids=lambda p: p.name)
def test_domain_imports_no_ui_no_database_and_nothing_of_ours_outside_it(path: Path) -> None:
    imported = imports_of(path)
    for forbidden in (
        "textual",
        "rich",
        "peewee",
        "playhouse",
        "sqlite3",
        "leadboard.store",
        "leadboard.ui",
        "leadboard.cli",
        "leadboard.actions",
        "leadboard.files",
        "leadboard.config",
    ):
        assert not reaches(imported, forbidden), f"{path.name} imports {forbidden}"
    ours = {name for name in imported if name.split(".")[0] == "leadboard"}
    assert all(name.startswith("leadboard.domain") for name in ours), ours
    stdlib = sys.stdlib_module_names
    others = {
        name.split(".")[0]
        for name in imported
        if name.split(".")[0] not in stdlib
        and name.split(".")[0] not in ("leadboard", "__future__")
    }
    assert others <= DOMAIN_THIRD_PARTY, f"{path.name} imports {others - DOMAIN_THIRD_PARTY}"


def test_only_the_store_imports_peewee() -> None:
    offenders = [
        module_name(path)
        for path in sources(PACKAGE)
        if STORE not in path.parents
        and (reaches(imports_of(path), "peewee") or reaches(imports_of(path), "playhouse"))
    ]
    assert offenders == []


def test_the_store_does_import_peewee() -> None:
    # Guards the check above: if the parser missed imports it would pass vacuously.
    assert reaches(imports_of(STORE / "database.py"), "peewee")
    assert reaches(imports_of(STORE / "leads.py"), "peewee")


def test_textual_is_imported_only_under_ui() -> None:
    outside_ui = [
        module_name(path)
        for path in sources(PACKAGE)
        if UI not in path.parents and reaches(imports_of(path), "textual")
    ]
    assert outside_ui == []


# The wrapper runs the commands that must start fast, then reports what got imported.
COMMANDS_SCRIPT = """
import json, sys
from leadboard.cli import main

codes = [
    main(["add", "Jane Doe", "--temp", "warm"]),
    main(["log", "1", "--channel", "call", "--outcome", "no_answer", "--note", "hi"]),
    main(["move", "1", "hot"]),
    main(["list"]),
    main(["list", "--format", "json"]),
    main(["due", "--within", "30"]),
    main(["due", "--summary"]),
    main(["show", "1"]),
    main(["won", "1"]),
]
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "leadboard"))
sys.stderr.write(json.dumps({"codes": codes, "loaded": loaded}) + "\\n")
"""


def test_non_board_commands_never_import_textual(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", COMMANDS_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["codes"] == [0] * 9, done.stdout + done.stderr
    loaded = report["loaded"]
    assert "leadboard.store.leads" in loaded  # the commands really ran
    assert not [name for name in loaded if name.split(".")[0] == "textual"]
    assert not [name for name in loaded if name.startswith("leadboard.ui")]


@pytest.mark.parametrize(
    "args",
    [["due"], ["list"], ["log", "1", "--channel", "email", "--outcome", "replied"], ["stats"]],
    ids=["due", "list", "log", "stats"],
)
def test_entry_point_does_not_import_textual(args: list[str], tmp_path: Path) -> None:
    added = subprocess.run(
        [sys.executable, "-m", "leadboard", "add", "Jane"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert added.returncode == 0, added.stderr
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "leadboard", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "leadboard.cli.leads" in imported
    assert "peewee" in imported
    assert not {name for name in imported if name.split(".")[0] == "textual"}


ACTIONS = PACKAGE / "actions"
FILES = PACKAGE / "files"
CLI = PACKAGE / "cli"

# Who may not import whom (STYLE.md): ui -> actions -> store/domain; cli -> actions/store/domain;
# files import neither cli nor store; the store knows no file format, use case or screen.
FORBIDDEN = {
    STORE: (
        "textual",
        "rich",
        "leadboard.ui",
        "leadboard.cli",
        "leadboard.actions",
        "leadboard.files",
    ),
    FILES: (
        "textual",
        "rich",
        "peewee",
        "leadboard.ui",
        "leadboard.cli",
        "leadboard.store",
        "leadboard.actions",
    ),
    ACTIONS: ("textual", "rich", "leadboard.ui", "leadboard.cli"),
    UI: ("leadboard.cli",),
}


@pytest.mark.parametrize(
    ("path", "forbidden"),
    [(path, forbidden) for folder, forbidden in FORBIDDEN.items() for path in sources(folder)],
    ids=lambda value: value.name if isinstance(value, Path) else "",
)
def test_each_layer_imports_only_what_it_may(path: Path, forbidden: tuple[str, ...]) -> None:
    imported = imports_of(path)
    for name in forbidden:
        assert not reaches(imported, name), f"{module_name(path)} imports {name}"


def test_the_contracts_cover_every_layer() -> None:
    # Guards the case above: an empty folder (a rename) would pass vacuously.
    for folder in (*FORBIDDEN, CLI, DOMAIN):
        assert len(sources(folder)) >= 3, folder


def attribute_names(path: Path) -> set[str]:
    """Every `x.name` attribute a file reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}


@pytest.mark.parametrize("path", sources(UI) + sources(ACTIONS), ids=lambda p: p.name)
def test_ui_and_actions_never_reach_the_connection(path: Path) -> None:
    used = attribute_names(path)
    assert not used & {"db", "connection_context", "execute_sql", "atomic"}, module_name(path)


def test_cli_opens_the_board_only_when_asked() -> None:
    """The command line imports the UI only inside the functions that open it."""
    for path in sources(CLI):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
        names = {alias.name for node in top if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module or "" for node in top if isinstance(node, ast.ImportFrom)}
        assert not reaches(frozenset(names), "leadboard.ui"), module_name(path)
        assert not reaches(frozenset(names), "textual"), module_name(path)


MAX_MODULE_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    long = {
        module_name(path): count
        for path in sources(PACKAGE)
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_two_modules_share_a_name_meaning_different_things() -> None:
    """rows.py and errors.py meant different things in two layers; names now say which."""
    for name in ("rows.py", "errors.py", "_fields.py", "_import_parts.py"):
        found = [module_name(path) for path in sources(PACKAGE) if path.name == name]
        assert len(found) <= 1, found
    private = [
        module_name(path)
        for path in sources(PACKAGE)
        if path.name.startswith("_") and path.name not in ("__init__.py", "__main__.py")
    ]
    assert private == []
