"""A CSV's encoding is never guessed silently: real byte files, read, imported and previewed.

UTF-8 but for a few bytes is UTF-8 with those rows reported (each bad byte
shown as U+FFFD, the lead still imported); only a file mostly not UTF-8 is
read as Windows-1252, and the source says so; the rep can name another.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from leadboard.actions.importing import apply_import, import_file, plan_import
from leadboard.cli import main
from leadboard.files.encoding import check_encoding
from leadboard.files.file_errors import FileError
from leadboard.files.reading import BAD_ROWS_KEPT, SAMPLE_BYTES, SourceInfo, open_table
from leadboard.files.report import Action, ImportOptions
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

ISSUE_FILE = (
    "Name,Company,City\r\nJosé Müller,Café Zürich,Genève\r\nZoë Brontë,Crème & Co,Köln\r\n"
).encode() + b"Ren\xe9 Stray,Acme,Paris\r\n"
"""The issue's case: UTF-8 with accents, and one stray Windows-1252 byte (0xE9, 'é')."""


def write(tmp_path: Path, data: bytes, name: str = "leads.csv") -> Path:
    """The bytes exactly as given, as a file."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_all(path: Path, encoding: str | None = None) -> tuple[SourceInfo, list[str], list[Row]]:
    """(source, header, data rows) of a file, read with the import's reader."""
    with open_table(path, encoding) as table:
        rows = list(table.rows())
        return table.info, table.header, rows


Row = tuple[int, list[str]]


def names(store: LeadStore) -> list[str]:
    """Lead names in id order, straight from the database."""
    rows = store.db.execute_sql("SELECT name FROM lead ORDER BY id").fetchall()
    return [row[0] for row in rows]


# -- choosing ----------------------------------------------------------------------------


def test_utf8_with_one_stray_byte_stays_utf8_and_reports_the_row(tmp_path: Path) -> None:
    info, _, rows = read_all(write(tmp_path, ISSUE_FILE))
    assert (info.codec, info.fallback, info.bad_bytes) == ("utf-8", False, 1)
    assert info.describe() == 'CSV, UTF-8 (1 unreadable byte shown as "\ufffd"), comma-separated'
    assert [cells[0] for _, cells in rows] == ["José Müller", "Zoë Brontë", "Ren\ufffd Stray"]
    with open_table(write(tmp_path, ISSUE_FILE)) as table:
        list(table.rows())
        assert table.bad_rows == [(4, '1 byte that is not UTF-8 (E9) shown as "\ufffd"')]
        assert table.bad_row_count == 1


def test_a_file_mostly_not_utf8_is_windows_1252_and_says_so(tmp_path: Path) -> None:
    text = "Name,Company\r\nJosé Müller,Café Zürich\r\nRené Ørsted,Œuvre “Quotes”\r\n"
    info, _, rows = read_all(write(tmp_path, text.encode("cp1252")))
    assert (info.codec, info.fallback, info.bad_bytes) == ("cp1252", True, 0)
    assert info.describe() == "CSV, Windows-1252 (the file is not UTF-8), comma-separated"
    assert info.doubtful
    assert rows == [(2, ["José Müller", "Café Zürich"]), (3, ["René Ørsted", "Œuvre “Quotes”"])]


def test_the_whole_file_decides_not_its_first_bytes(tmp_path: Path) -> None:
    # 64 KiB of plain ASCII, then Windows accents: a sample would have said UTF-8.
    ascii_rows = b"".join(b"Lead %d,Acme\r\n" % i for i in range(SAMPLE_BYTES // 10))
    accented = "".join(f"Müller {i},Café\r\n" for i in range(50)).encode("cp1252")
    info, _, rows = read_all(write(tmp_path, b"Name,Company\r\n" + ascii_rows + accented))
    assert (info.codec, info.bad_bytes) == ("cp1252", 0)
    assert rows[-1][1] == ["Müller 49", "Café"]


def test_clean_utf8_and_ascii_say_nothing_more(tmp_path: Path) -> None:
    for data in (b"Name\r\nAnn\r\n", "Name\r\nAnn Ñúñez\r\n".encode()):
        info, _, _ = read_all(write(tmp_path, data))
        assert info.describe() == "CSV, UTF-8, comma-separated"
        assert not info.doubtful


def test_ascii_but_one_byte_that_is_not_utf8_is_read_as_windows_1252(tmp_path: Path) -> None:
    # No valid UTF-8 accent at all: the one high byte is most likely a Windows "é".
    info, _, rows = read_all(write(tmp_path, b"Name,City\r\nRen\xe9,Paris\r\nAnn,Rome\r\n"))
    assert (info.codec, info.fallback) == ("cp1252", True)
    assert rows[0][1] == ["René", "Paris"]


def test_bytes_windows_1252_leaves_undefined_are_reported_too(tmp_path: Path) -> None:
    # 0x81 and 0x9D have no character in Windows-1252.
    info, _, rows = read_all(write(tmp_path, b"Name\r\nCaf\xe9\r\nOdd \x81\x9d\r\n"))
    assert (info.codec, info.bad_bytes) == ("cp1252", 2)
    assert rows == [(2, ["Café"]), (3, ["Odd \ufffd\ufffd"])]


def test_a_bad_byte_in_the_header_is_reported_as_row_1(tmp_path: Path) -> None:
    # Two stray bytes, two good accents ("Société"): a tie stays UTF-8.
    data = b"Caf\xff," + "Name,Société\r\nAnn,Acme\r\n".encode() + b"Bob,X\xff\r\n"
    with open_table(write(tmp_path, data)) as table:
        list(table.rows())
        assert table.info.codec == "utf-8"
        assert table.header == ["Caf\ufffd", "Name", "Société"]
        assert [row for row, _ in table.bad_rows] == [1, 3]


def test_utf16_with_a_broken_pair_is_reported_not_refused(tmp_path: Path) -> None:
    # A lone high surrogate (D83D with no low half) in UTF-16-LE with a BOM.
    data = codecs.BOM_UTF16_LE + "Name\tCity\r\nZoë\tKöln\r\n".encode("utf-16-le")
    data += "Bad ".encode("utf-16-le") + b"\x3d\xd8" + "\tX\r\n".encode("utf-16-le")
    info, _, rows = read_all(write(tmp_path, data))
    assert info.codec == "utf-16" and info.bad_bytes == 2
    assert rows[0] == (2, ["Zoë", "Köln"])
    assert rows[1][1][0].startswith("Bad \ufffd")


def test_only_the_first_bad_rows_are_listed_but_all_are_counted(tmp_path: Path) -> None:
    body = b"".join(b"R\xe9 %d,x\r\n" % i for i in range(BAD_ROWS_KEPT + 5))
    path = write(tmp_path, "Name,Note\r\nZoë Ünal,é\r\n".encode() * 2000 + body)
    with open_table(path) as table:
        list(table.rows())
        assert table.info.codec == "utf-8"  # 8,000 good accents outweigh 1,005 stray bytes
        assert len(table.bad_rows) == BAD_ROWS_KEPT
        assert table.bad_row_count == BAD_ROWS_KEPT + 5


# -- the rep names the encoding ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "codec"),
    [
        ("utf-8", "utf-8"),
        ("UTF8", "utf-8"),
        ("latin-1", "iso8859-1"),
        ("windows-1252", "cp1252"),
        (" cp1252 ", "cp1252"),
        ("utf-16", "utf-16"),
        ("mac-roman", "mac-roman"),
    ],
)
def test_encoding_names_python_knows(typed: str, codec: str) -> None:
    assert check_encoding(typed) == codec


@pytest.mark.parametrize("typed", ["nope", "", "base64", "rot13", "zlib", "utf-8\x00", "x" * 300])
def test_names_that_are_not_text_encodings_are_one_line(typed: str) -> None:
    with pytest.raises(FileError) as caught:
        check_encoding(typed)
    message = str(caught.value)
    assert "\n" not in message and "\x00" not in message and len(message) < 160
    assert "is not a text encoding" in message


def test_a_chosen_encoding_is_used_and_named(tmp_path: Path) -> None:
    utf8 = write(tmp_path, "Name\r\nJosé\r\n".encode(), "u.csv")
    info, _, rows = read_all(utf8, "latin-1")
    assert info.describe() == "CSV, Latin-1 (chosen), comma-separated"
    assert rows == [(2, ["JosÃ©"])]  # what the rep asked for, said so
    windows = write(tmp_path, "Name\r\nJosé\r\n".encode("cp1252"), "w.csv")
    info, _, rows = read_all(windows, "utf-8")
    assert info.describe().startswith("CSV, UTF-8 (chosen; 1 unreadable byte")
    assert rows == [(2, ["Jos\ufffd"])]


def test_utf8_chosen_for_a_file_with_a_bom_drops_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + b"Name\r\nAnn\r\n")
    _, header, _ = read_all(path, "utf-8")
    assert header == ["Name"]
    _, header, _ = read_all(path, "utf-8-sig")
    assert header == ["Name"]


def test_a_chosen_utf16_reads_a_file_without_a_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "Name;City\r\nZoë;Köln\r\n".encode("utf-16-be"))
    info, _, rows = read_all(path, "utf-16-be")
    assert info.chosen and rows == [(2, ["Zoë", "Köln"])]


# -- importing ---------------------------------------------------------------------------


def test_the_issue_file_imports_every_lead_with_its_accents(
    tmp_path: Path, store: LeadStore
) -> None:
    result = import_file(write(tmp_path, ISSUE_FILE), store, ImportOptions(), now=NOW)
    assert result.counts[Action.CREATE] == 3
    assert names(store) == ["José Müller", "Zoë Brontë", "Ren\ufffd Stray"]
    assert result.warnings == [(4, '1 byte that is not UTF-8 (E9) shown as "\ufffd"')]
    assert result.warned_rows == 1


def test_a_preview_and_its_import_read_the_file_the_same_way(
    tmp_path: Path, store: LeadStore
) -> None:
    path = write(tmp_path, "Name\r\nJosé Müller\r\n".encode("cp1252"))
    plan = plan_import(path, store, ImportOptions(), now=NOW, encoding="latin-1")
    assert plan.source.describe() == "CSV, Latin-1 (chosen), comma-separated"
    result = apply_import(store, plan, now=NOW)
    assert result.source.codec == "iso8859-1" and result.source.chosen
    assert names(store) == ["José Müller"]
    auto = plan_import(path, store, ImportOptions(on_duplicate="update"), now=NOW)
    assert apply_import(store, auto, now=NOW).source == auto.source


# -- the command line --------------------------------------------------------------------


def test_dry_run_names_the_encoding_and_the_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, ISSUE_FILE)
    assert main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert '(CSV, UTF-8 (1 unreadable byte shown as "\ufffd"), comma-separated, leads)' in out
    assert 'row 4: warning: 1 byte that is not UTF-8 (E9) shown as "\ufffd"' in out
    assert "--encoding NAME" in out
    assert "José Müller" in out


def test_fallback_is_said_and_encoding_changes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_env: Path
) -> None:
    path = write(tmp_path, "Name,Company\r\nRené,Café Müller\r\n".encode("cp1252"))
    assert main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Windows-1252 (the file is not UTF-8)" in out
    assert "because most of the file is not UTF-8" in out
    assert main(["import", str(path), "--encoding", "utf-8", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["encoding"] == "utf-8"
    assert report["source"].startswith("CSV, UTF-8 (chosen; 3 unreadable bytes")
    assert report["warnings"] == [
        {"row": 2, "warning": '3 bytes that are not UTF-8 (E9 E9 FC) shown as "\ufffd"'}
    ]
    assert report["warned_rows"] == 1


@pytest.mark.parametrize("name", ["nope", "base64", ""])
def test_a_bad_encoding_name_is_one_line_exit_1_and_touches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_env: Path, name: str
) -> None:
    path = write(tmp_path, b"Name\r\nAnn\r\n")
    assert main(["import", str(path), "--encoding", name]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f'leadboard: "{name}" is not a text encoding')
    assert not (isolated_env / "leadboard.db").exists()


# -- properties --------------------------------------------------------------------------

ACCENTED = st.text(alphabet="éèüöäßçñøåÉÜÖàâêîôûœæ", min_size=1, max_size=4)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6)
NAME = st.tuples(WORD, ACCENTED, WORD).map("".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(NAME, min_size=2, max_size=20), st.data())
def test_utf8_names_survive_a_few_stray_bytes(
    tmp_path: Path, names_in: list[str], data: st.DataObject
) -> None:
    """Fewer stray bytes than accents: UTF-8, every clean row exact, each stray row reported."""
    stray = data.draw(st.sets(st.integers(0, len(names_in) - 1), max_size=len(names_in) // 2))
    lines = [name.encode() + (b"\xe9" if i in stray else b"") for i, name in enumerate(names_in)]
    path = write(tmp_path, b"Name\r\n" + b"\r\n".join(lines) + b"\r\n", "p.csv")
    with open_table(path) as table:
        rows = list(table.rows())
        assert table.info.codec == "utf-8"
        assert [row for row, _ in table.bad_rows] == sorted(i + 2 for i in stray)
    for i, (_, cells) in enumerate(rows):
        assert cells == [names_in[i] + ("\ufffd" if i in stray else "")]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(NAME, min_size=1, max_size=20))
def test_windows_1252_names_come_back_exactly(tmp_path: Path, names_in: list[str]) -> None:
    """A whole Windows-1252 file reads back exactly, and the source says it is not UTF-8."""
    data = ("Name\r\n" + "".join(f"{name}\r\n" for name in names_in)).encode("cp1252")
    # Some Windows-1252 pairs are valid UTF-8 too ("É" then "œ" is C9 9C, U+025C): such a
    # file is read as UTF-8, rightly, so only files that are not UTF-8 say anything here.
    # The same goes for a tie (as many stray bytes as valid accents, "aÉÉœa"): it stays UTF-8.
    as_utf8 = data.decode("utf-8", errors="replace")
    stray = as_utf8.count("\ufffd")
    accents = sum(1 for char in as_utf8 if ord(char) > 127 and char != "\ufffd")
    assume(stray > accents)
    path = write(tmp_path, data, "w.csv")
    with open_table(path) as table:
        rows = [cells for _, cells in table.rows()]
        assert (table.info.codec, table.info.fallback, table.info.bad_bytes) == ("cp1252", True, 0)
    assert rows == [[name] for name in names_in]
