"""`leadboard completion bash|zsh|fish`: the scripts, checked by asking each shell to complete."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leadboard.cli import build_parser, main
from leadboard.cli.completion import completes
from leadboard.domain.model import Channel, Outcome, Source, Status, Temperature

TEMPERATURES = [t.value for t in Temperature]
OUTCOMES = [o.value for o in Outcome]

# zsh completes only on a terminal: ZSH_CAPTURE runs an interactive zsh in a pty (zpty)
# that sources ZSH_SETUP, types the line and a Tab, and prints each candidate offered.
ZSH_SETUP = r"""
unset zle_bracketed_paste
PROMPT=
fpath=("$LEADBOARD_FPATH" $fpath)
autoload -U compinit
compinit -u -D
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return $?
  fi
  typeset -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- "<hit>"${^hits}
  builtin compadd "$@"
}
comppostfuncs=(finished)
finished() { print -r -- "<done>"; exit }
bindkey "^I" complete-word
"""

ZSH_CAPTURE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source ${(q)1}"
zpty -n -w z "$2"$'\t'
while zpty -r z line; do
  [[ $line == *'<done>'* ]] && break
  [[ $line == *'<hit>'* ]] && print -r -- ${${line#*<hit>}%%$'\r'}
done
zpty -d z
"""


def script(shell: str) -> str:
    """What `leadboard completion SHELL` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["completion", shell]) == 0
    return out.getvalue()


def command_names() -> list[str]:
    (action,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(action.choices)


def bash_completes(script_file: Path, line: str, cwd: Path) -> list[str]:
    """What bash offers for `line` (its last word is the one being completed)."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    program = (
        f"source {shlex.quote(str(script_file))}\n"
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        '_shtab_leadboard\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "-c", program], capture_output=True, text=True, cwd=cwd, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return [word for word in done.stdout.splitlines() if word]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_naming_every_command(shell: str) -> None:
    text = script(shell)
    names = command_names()
    assert {"add", "log", "move", "import", "completion"} <= set(names)
    missing = [name for name in names if name not in text]
    assert missing == []
    assert "no_answer" in text and "hotter" in text


def test_an_unknown_shell_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["completion", "tcsh"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("leadboard: argument shell: invalid choice: 'tcsh'")
    assert "Traceback" not in err


def test_bash_completes_words_from_the_domain(tmp_path: Path) -> None:
    script_file = tmp_path / "leadboard.bash"
    script_file.write_text(script("bash"))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "leads-2024.csv").write_text("Name\nJane\n")

    def offered(line: str) -> list[str]:
        return bash_completes(script_file, line, folder)

    assert offered("leadboard log 1 --outcome ") == OUTCOMES
    assert offered("leadboard log 1 --outcome no") == ["no_answer", "not_interested"]
    assert offered("leadboard log 1 --channel ") == [c.value for c in Channel]
    assert offered("leadboard log 1 --direction ") == ["out", "in"]
    assert offered("leadboard move 1 ") == [*TEMPERATURES, "hotter", "colder"]
    assert offered("leadboard add Jo --temp ") == TEMPERATURES
    assert offered("leadboard edit 1 --source ") == [s.value for s in Source]
    assert offered("leadboard list --status ") == [*(s.value for s in Status), "all"]
    assert offered("leadboard list --format ") == ["table", "json", "csv"]
    assert offered("leadboard import lea") == ["leads-2024.csv"]
    assert offered("leadboard --db lea") == ["leads-2024.csv"]
    assert offered("leadboard mig") == ["migrate-to"]
    assert "--outcome" in offered("leadboard log 1 --")


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_outcomes_and_temperatures(tmp_path: Path) -> None:
    # Installed as the README says; fish loads it when `leadboard` is on the PATH.
    config = tmp_path / "config"
    (config / "fish" / "completions").mkdir(parents=True)
    (config / "fish" / "completions" / "leadboard.fish").write_text(script("fish"))
    leadboard = shutil.which("leadboard", path=str(Path(sys.executable).parent))
    assert leadboard is not None
    path = f"{Path(leadboard).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "PATH": path}

    def offered(line: str) -> list[str]:
        done = subprocess.run(
            ["fish", "-c", f"complete -C {shlex.quote(line)}"],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        return [entry.split("\t")[0] for entry in done.stdout.splitlines()]

    assert offered("leadboard log 1 --outcome ") == OUTCOMES
    assert offered("leadboard move 1 ") == [*TEMPERATURES, "hotter", "colder"]
    assert "completion" in offered("leadboard comp")


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_outcomes_and_temperatures(tmp_path: Path) -> None:
    # Installed as the README says: a file named _leadboard in a directory of $fpath.
    functions = tmp_path / "functions"
    functions.mkdir()
    (functions / "_leadboard").write_text(script("zsh"))
    capture, setup = tmp_path / "capture.zsh", tmp_path / "setup.zsh"
    capture.write_text(ZSH_CAPTURE)
    setup.write_text(ZSH_SETUP)
    env = {**os.environ, "LEADBOARD_FPATH": str(functions)}

    def offered(line: str) -> list[str]:
        done = subprocess.run(
            ["zsh", "-f", str(capture), str(setup), line],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert sorted(offered("leadboard log 1 --outcome ")) == sorted(OUTCOMES)
    assert sorted(offered("leadboard move 1 ")) == sorted([*TEMPERATURES, "hotter", "colder"])


def test_the_hints_add_no_choices_argparse_would_check() -> None:
    """`move 1 HOT` and `--outcome 'no answer'` reach the command as before."""
    (commands,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    subs = dict(commands.choices)
    hinted = {
        ("log", "outcome"),
        ("log", "channel"),
        ("log", "direction"),
        ("move", "temp"),
        ("add", "source"),
        ("list", "status"),
    }
    for command, dest in hinted:
        (action,) = [a for a in subs[command]._actions if a.dest == dest]
        assert action.choices is None, (command, dest)
    args = subs["move"].parse_args(["1", "HOT"])
    assert args.temp == "HOT"


def test_a_hint_for_an_argument_that_does_not_exist_is_refused() -> None:
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("--temp")
    with pytest.raises(ValueError, match="x has no argument 'tmep' to complete"):
        completes(parser, tmep=lambda: ["cold"])


def test_help_loads_neither_shtab_nor_the_domain_enums() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "leadboard", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "leadboard.cli.completion" in imported
    assert not {"shtab", "leadboard.domain.model", "pendulum"} & imported
