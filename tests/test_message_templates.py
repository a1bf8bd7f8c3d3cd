"""Tests for leadboard.message_templates: the rep's files, reloaded on change, --init's write."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from leadboard.domain.model import Channel, Lead
from leadboard.domain.sequence import DEFAULT_SEQUENCE, FollowUpSequence
from leadboard.domain.templates import DEFAULT_TEMPLATES, ChannelKind, TemplateError
from leadboard.message_templates import (
    MAX_TEMPLATE_BYTES,
    TemplateLibrary,
    template_folder,
    template_name,
    write_defaults,
)
from tests.conftest import NOW

THREE = FollowUpSequence(("hello", "objection handling", "last call"), objection_step=2)


def lead(**fields: Any) -> Lead:
    values: dict[str, Any] = {"name": "Emma Hughes", "created_at": NOW, "company": "Acme"}
    return Lead(**(values | fields))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return template_folder(tmp_path / "config.toml")


def write(path: Path, text: str, *, mtime_ns: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def test_the_folder_is_beside_the_config_file(tmp_path: Path) -> None:
    assert template_folder(tmp_path / "x" / "config.toml") == tmp_path / "x" / "templates"
    assert template_name(2, ChannelKind.EMAIL) == "step-2-email.txt"
    assert template_name(12, ChannelKind.SHORT) == "step-12-short.txt"


def test_without_files_every_step_gets_the_shipped_words(folder: Path) -> None:
    library = TemplateLibrary(folder, DEFAULT_SEQUENCE)
    message = library.message(lead(sequence_step=4), Channel.TEXT, my_name="Alex", signature="")
    assert message.step == 4
    assert message.step_name == "objection handling"
    assert message.source == "default"
    assert message.body.startswith("Hi Emma, Alex here. Thanks for being straight")
    assert not folder.exists()  # reading never makes the folder


def test_the_reps_file_wins_over_the_default(folder: Path) -> None:
    path = folder / "step-2-email.txt"
    write(path, "Subject: Plans for {company}\n\nHey {first_name}!\n-- {signature}\n")
    library = TemplateLibrary(folder, DEFAULT_SEQUENCE)
    message = library.message(
        lead(sequence_step=2), Channel.EMAIL, my_name="Alex", signature="A. Smith"
    )
    assert message.text() == "Subject: Plans for Acme\n\nHey Emma!\n-- A. Smith"
    assert message.source == str(path)
    # The short template of that step, and the email of another, are still the defaults.
    assert library.template(2, ChannelKind.SHORT).source == "default"
    assert library.template(3, ChannelKind.EMAIL).source == "default"


def test_a_step_past_the_end_gets_the_last_steps_words(folder: Path) -> None:
    write(folder / "step-3-short.txt", "Last one, {first_name}.")
    library = TemplateLibrary(folder, THREE)
    done = lead(sequence_step=THREE.done)
    message = library.message(done, Channel.CALL, my_name="Alex", signature="")
    assert (message.step, message.step_name, message.body) == (3, "last call", "Last one, Emma.")
    asked = library.message(done, Channel.CALL, my_name="Alex", signature="", step=1)
    assert (asked.step, asked.step_name, asked.source) == (1, "hello", "default")


def test_a_renamed_sequence_finds_the_defaults_of_the_steps_it_kept(folder: Path) -> None:
    library = TemplateLibrary(folder, THREE)
    template = library.template(2, ChannelKind.EMAIL)
    assert template.source == "default"
    assert (
        "Subject: " + template.subject in DEFAULT_TEMPLATES["objection handling"][ChannelKind.EMAIL]
    )


def test_a_changed_file_is_read_again(folder: Path) -> None:
    path = folder / "step-1-short.txt"
    write(path, "First {first_name}", mtime_ns=1_000_000_000)
    library = TemplateLibrary(folder, DEFAULT_SEQUENCE)
    assert library.template(1, ChannelKind.SHORT).body == "First {first_name}"
    # Another size, another mtime.
    write(path, "Second, longer {first_name}", mtime_ns=2_000_000_000)
    assert library.template(1, ChannelKind.SHORT).body == "Second, longer {first_name}"
    # The same size, a later mtime (an editor saving a one-letter fix).
    write(path, "Second, LONGER {first_name}", mtime_ns=3_000_000_000)
    assert library.template(1, ChannelKind.SHORT).body == "Second, LONGER {first_name}"
    # Removed: the default again.
    path.unlink()
    assert library.template(1, ChannelKind.SHORT).source == "default"


def test_an_unchanged_file_is_not_read_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(folder / "step-1-short.txt", "Hi {first_name}")
    library = TemplateLibrary(folder, DEFAULT_SEQUENCE)
    first = library.template(1, ChannelKind.SHORT)
    reads: list[Path] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    for _ in range(5):
        assert library.template(1, ChannelKind.SHORT) is first
    assert reads == []


def test_a_bad_file_raises_every_time_and_never_falls_back(folder: Path) -> None:
    path = folder / "step-2-email.txt"
    write(path, "Subject: Hi\n\nHello {frist_name}\n")
    library = TemplateLibrary(folder, DEFAULT_SEQUENCE)
    for _ in range(2):
        with pytest.raises(TemplateError) as caught:
            library.message(lead(sequence_step=2), Channel.EMAIL, my_name="A", signature="")
        assert str(caught.value).startswith("step-2-email.txt line 3: unknown placeholder")
    write(path, "Subject: Hi\n\nHello {first_name}, fixed\n")
    message = library.message(lead(sequence_step=2), Channel.EMAIL, my_name="A", signature="")
    assert message.body == "Hello Emma, fixed"


def test_a_file_that_is_not_utf8_is_refused_in_one_line(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "step-1-short.txt").write_bytes(b"Hi \xff\xfe {first_name}")
    with pytest.raises(TemplateError) as caught:
        TemplateLibrary(folder, DEFAULT_SEQUENCE).template(1, ChannelKind.SHORT)
    assert str(caught.value) == "step-1-short.txt is not UTF-8 text: save it as UTF-8"


def test_an_unreadable_file_is_refused_in_one_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "step-1-short.txt"
    write(path, "Hi")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any file: refuse it as the OS would refuse a rep

        def refused(self: Path) -> bytes:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(TemplateError) as caught:
        TemplateLibrary(folder, DEFAULT_SEQUENCE).template(1, ChannelKind.SHORT)
    assert str(caught.value) == f"cannot read {path}: permission denied"


def test_a_folder_in_place_of_a_file_is_refused_in_one_line(folder: Path) -> None:
    (folder / "step-1-short.txt").mkdir(parents=True)
    with pytest.raises(TemplateError) as caught:
        TemplateLibrary(folder, DEFAULT_SEQUENCE).template(1, ChannelKind.SHORT)
    assert "it is a folder" in str(caught.value)


def test_a_huge_file_is_refused_without_reading_it(folder: Path) -> None:
    write(folder / "step-1-short.txt", "x" * (MAX_TEMPLATE_BYTES + 1))
    with pytest.raises(TemplateError) as caught:
        TemplateLibrary(folder, DEFAULT_SEQUENCE).template(1, ChannelKind.SHORT)
    assert str(caught.value) == "step-1-short.txt: too long for a message (over 64 KiB)"


def test_a_templates_path_that_is_a_file_means_no_templates(tmp_path: Path) -> None:
    (tmp_path / "templates").write_text("not a folder")
    library = TemplateLibrary(tmp_path / "templates", DEFAULT_SEQUENCE)
    assert library.template(1, ChannelKind.SHORT).source == "default"


def test_write_defaults_writes_every_step_private_and_never_overwrites(folder: Path) -> None:
    mine = folder / "step-2-short.txt"
    write(mine, "My own {first_name}")
    folder.chmod(0o755)
    written = write_defaults(folder, THREE)
    assert [path.name for path in written] == [
        "step-1-short.txt",
        "step-1-email.txt",
        "step-2-email.txt",
        "step-3-short.txt",
        "step-3-email.txt",
    ]
    assert mine.read_text() == "My own {first_name}"
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # What was written is what the library would have used: step 2 keeps its default email.
    text = (folder / "step-2-email.txt").read_text()
    assert text == DEFAULT_TEMPLATES["objection handling"][ChannelKind.EMAIL]
    assert write_defaults(folder, THREE) == []


def test_write_defaults_makes_a_private_folder(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "templates"
    assert len(write_defaults(folder, DEFAULT_SEQUENCE)) == 10
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    library = TemplateLibrary(folder, DEFAULT_SEQUENCE)
    for step in range(1, 6):
        for kind in ChannelKind:
            assert library.template(step, kind).source == str(folder / template_name(step, kind))


def test_a_call_costs_one_stat_when_nothing_changed(folder: Path) -> None:
    write_defaults(folder, DEFAULT_SEQUENCE)
    library = TemplateLibrary(folder, DEFAULT_SEQUENCE)
    emma = lead(sequence_step=3)
    library.message(emma, Channel.EMAIL, my_name="A", signature="")
    calls = 2000
    start = time.perf_counter()
    for _ in range(calls):
        library.message(emma, Channel.EMAIL, my_name="A", signature="")
    per_call = (time.perf_counter() - start) / calls
    # Measured about 10 µs (5 µs the stat and cache); a loaded CI machine gets 100 times that.
    assert per_call < 0.001
