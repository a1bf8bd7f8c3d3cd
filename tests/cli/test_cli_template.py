"""`leadboard template` through the real entry point, and the configured sequence in the CLI.

The autouse fixtures point LEADBOARD_DB at this test's database (a SQLite file, then a
PostgreSQL schema) and LEADBOARD_CONFIG at tmp_path/config.toml, so the rep's
templates folder is tmp_path/templates.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from leadboard.cli.entry import main
from leadboard.domain.templates import DEFAULT_TEMPLATES, ChannelKind
from tests.hostile import assert_terminal_safe


def run(*args: str) -> tuple[int, str, str]:
    """The entry point in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def ok(*args: str) -> str:
    code, out, err = run(*args)
    assert (code, err) == (0, ""), err
    return out


def as_json(*args: str) -> Any:
    """A command's JSON output."""
    return json.loads(ok(*args, "--format", "json"))


def refused(*args: str) -> str:
    """The one error line of a command that must fail with exit 1, stdout empty."""
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert err.startswith("leadboard: ")
    return err


def folder() -> Path:
    return Path(os.environ["LEADBOARD_CONFIG"]).parent / "templates"


def config(text: str) -> None:
    Path(os.environ["LEADBOARD_CONFIG"]).write_text(text, encoding="utf-8")


def add(*args: str) -> str:
    return ok("add", *args).strip()


@pytest.fixture
def emma() -> str:
    """Emma Hughes of Acme, who prefers email, at step 1; her id."""
    return add(
        "Emma Hughes", "--company", "Acme", "--channel", "email", "--next-step", "send the quote"
    )


def test_a_lead_gets_the_default_email_of_its_step(emma: str) -> None:
    config('name = "Alex"\nsignature = """Alex Smith\nSmith & Co"""\n')
    text = ok("template", emma)
    expected_subject = DEFAULT_TEMPLATES["confirmation"][ChannelKind.EMAIL].split("\n")[0]
    assert text.startswith(expected_subject + "\n\nHi Emma,\n\n")
    assert "What happens next: send the quote." in text
    assert text.endswith("Best,\nAlex Smith\nSmith & Co\n")


def test_no_preferred_channel_means_a_call_script(tmp_path: Path) -> None:
    kim = add("Kim Park")
    text = ok("template", kim)
    assert text.startswith("Hi Kim, it's rep. Thanks for getting in touch")  # the login name
    assert "Subject:" not in text
    assert text.count("\n") == 1


def test_step_and_channel_choose_the_words(emma: str) -> None:
    text = ok("template", emma, "--step", "4", "--channel", "text")
    assert text.startswith("Hi Emma, rep here. Thanks for being straight with me")
    shape = as_json("template", emma, "--step", "5")
    assert shape == {
        "lead_id": int(emma),
        "step": 5,
        "step_name": "final clear next step",
        "channel": "email",
        "kind": "email",
        "subject": "One last question",
        "body": shape["body"],
        "source": "default",
    }
    assert shape["body"].startswith("Hi Emma,\n\nI don't want to crowd your inbox")


def test_csv_has_one_row_of_the_json_keys(emma: str) -> None:
    lines = ok("template", emma, "--channel", "call", "--format", "csv").splitlines()
    assert lines[0] == "lead_id,step,step_name,channel,kind,subject,body,source"
    assert lines[1].startswith(f"{emma},1,confirmation,call,short,,")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--step", "0"], "--step must be 1 to 5, a step of your sequence"),
        (["--step", "6"], "--step must be 1 to 5, a step of your sequence"),
        (["--channel", "pigeon"], "channel"),
    ],
)
def test_a_bad_option_is_one_line(emma: str, args: list[str], error: str) -> None:
    err = refused("template", emma, *args)
    assert error in err
    assert err.count("\n") == 1


def test_a_missing_or_unknown_lead_is_one_line(emma: str) -> None:
    assert "which lead?" in refused("template")
    assert "no lead" in refused("template", "99")


def test_the_reps_file_is_used_and_a_broken_one_refused(emma: str) -> None:
    path = folder() / "step-1-email.txt"
    path.parent.mkdir()
    path.write_text("Subject: Hello {company}\n\nDear {first_name},\n{next_step}?\n")
    assert ok("template", emma) == "Subject: Hello Acme\n\nDear Emma,\nsend the quote?\n"
    assert as_json("template", emma)["source"] == str(path)
    path.write_text("Subject: Hello\n\nDear {name},\n")
    err = refused("template", emma)
    assert err.splitlines() == [
        "leadboard: step-1-email.txt line 3: unknown placeholder {name} "
        "(known: first_name, company, next_step, my_name, signature)",
        f"fix it in {folder()}, or remove it to use leadboard's words",
    ]


def test_init_writes_the_files_once_and_never_overwrites(emma: str) -> None:
    config('[sequence]\nsteps = ["hello", "final clear next step"]\n')
    out = ok("template", "--init")
    lines = out.splitlines()
    assert lines[0] == f"Wrote 4 templates in {folder()}:"
    assert lines[1:5] == [
        f"  {folder() / name}"
        for name in ("step-1-short.txt", "step-1-email.txt", "step-2-short.txt", "step-2-email.txt")
    ]
    assert "{first_name}" in lines[5]
    (folder() / "step-2-short.txt").write_text("Mine, {first_name}.")
    (folder() / "step-1-email.txt").unlink()
    shape = as_json("template", "--init")
    assert shape == {"folder": str(folder()), "written": [str(folder() / "step-1-email.txt")]}
    assert (
        ok("template", "--init") == f"All 4 templates are already in {folder()}: nothing written.\n"
    )
    assert ok("template", emma, "--step", "2", "--channel", "text") == "Mine, Emma.\n"
    # The final step kept its name, so its default words; "hello" has the generic ones.
    expected = DEFAULT_TEMPLATES["final clear next step"][ChannelKind.EMAIL]
    assert (folder() / "step-2-email.txt").read_text() == expected


def test_init_takes_no_lead(emma: str) -> None:
    assert "--init writes the template files only" in refused("template", emma, "--init")


HOSTILE_NAME = "[bold]{company}\x1b[31m Ca\u202ert \x1b]52;c;ZXZpbA==\x07"


def test_hostile_lead_text_comes_out_literal_and_terminal_safe() -> None:
    lead_id = add(
        HOSTILE_NAME, "--company", "[@click=app.quit]{{x}}", "--next-step", "{signature} 漢字"
    )
    out = ok("template", lead_id, "--channel", "email", "--step", "2")
    assert_terminal_safe(out, allowed="\n")
    assert "Hi [bold]{company}," in out
    assert "you need for [@click=app.quit]{{x}}." in out
    assert "the next step I suggest: {signature} 漢字." in out
    shape = as_json("template", lead_id)
    assert shape["body"].startswith("Hi [bold]{company},")


def test_a_three_step_sequence_names_steps_in_show_and_sends_objections_to_its_step() -> None:
    config('[sequence]\nsteps = ["hello", "objection handling", "last call"]\n')
    lead_id = add("Omar Khan")
    assert "Sequence:     step 1: hello" in ok("show", lead_id)
    ok("log", lead_id, "--channel", "call", "--outcome", "no_answer")
    ok("log", lead_id, "--channel", "call", "--outcome", "no_answer")
    shape = as_json("show", lead_id)
    assert (shape["sequence_step"], shape["sequence_label"]) == (3, "last call")
    ok("log", lead_id, "--channel", "call", "--outcome", "no_answer")
    assert "step 4: sequence done: no reply after three touches" in ok("show", lead_id)
    ok("log", lead_id, "--channel", "email", "--outcome", "objection")
    shape = as_json("show", lead_id)
    assert (shape["sequence_step"], shape["sequence_label"]) == (2, "objection handling")
    assert as_json("list")[0]["sequence_label"] == "objection handling"
    message = as_json("template", lead_id)
    assert (message["step"], message["step_name"], message["kind"]) == (
        2,
        "objection handling",
        "short",
    )
    assert "--step must be 1 to 3" in refused("template", lead_id, "--step", "4")


def test_an_objection_step_set_in_the_config_is_where_an_objection_goes() -> None:
    config('[sequence]\nsteps = ["a", "b", "c", "d"]\nobjection_step = 1\n')
    lead_id = add("Ivy Chen")
    ok("log", lead_id, "--channel", "call", "--outcome", "left_message")
    assert as_json("show", lead_id)["sequence_step"] == 2
    ok("log", lead_id, "--channel", "call", "--outcome", "objection")
    assert as_json("show", lead_id)["sequence_step"] == 1


def test_template_imports_no_textual_and_answers_quickly(emma: str) -> None:
    script = (
        "import json, sys, time\n"
        "start = time.perf_counter()\n"
        "from leadboard.cli.entry import main\n"
        f"code = main(['template', {emma!r}])\n"
        "elapsed = time.perf_counter() - start\n"
        "print(json.dumps([code, elapsed, sorted(sys.modules)]), file=sys.stderr)\n"
    )
    times = []
    for _ in range(3):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
        )
        times.append(time.perf_counter() - started)
        code, _, loaded = json.loads(done.stderr)
        assert code == 0
        assert not {name for name in loaded if name.split(".")[0] in ("textual", "rich")}
    # Measured 0.15-0.2 s for the whole process on SQLite; generous for a loaded machine.
    assert min(times) < 1.5
