"""import, export, calendar, serve and restore through the real entry point (`python -m leadboard`).

The autouse fixture in conftest.py points LEADBOARD_DB and LEADBOARD_CONFIG at
tmp_path and fixes LEADBOARD_NOW (Monday 23 Nov 2026, 09:00 UTC) and TZ=UTC.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

import icalendar
import pytest

from leadboard.actions.importing import ImportOptions, import_file
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, Outcome, Status
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.server_url import is_server_target
from tests.conftest import NOW
from tests.exported import without_versions
from tests.postgres import server_snapshot

FIXTURES = Path(__file__).parent.parent / "files" / "fixtures"
SALESFORCE = str(FIXTURES / "salesforce_leads.csv")
HUBSPOT = str(FIXTURES / "hubspot_leads.csv")
CONTACT_LOG = str(FIXTURES / "contact_log.csv")


def leadboard(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m leadboard ARGS` with this test's environment."""
    command = [sys.executable, "-m", "leadboard", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)


def ok(*args: str) -> str:
    """Run a command that must succeed quietly on stderr (no bar when piped); its stdout."""
    done = leadboard(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the test's database (empty when there is no file yet)."""
    if is_server_target(os.environ["LEADBOARD_DB"]):
        return server_snapshot(os.environ["LEADBOARD_DB"])
    path = Path(os.environ["LEADBOARD_DB"])
    if not path.exists():
        return {}
    with closing(sqlite3.connect(path)) as con:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: list(con.execute(f'SELECT * FROM "{name}" ORDER BY 1')) for name in names}


def seed() -> None:
    """Import the Salesforce file in-process (faster than another subprocess)."""
    store = LeadStore(open_database(os.environ["LEADBOARD_DB"]), Policy())
    try:
        import_file(Path(SALESFORCE), store, ImportOptions(), now=NOW)
    finally:
        store.close()


@pytest.fixture
def empty_db() -> str:
    """The test's database, made with no leads."""
    target = os.environ["LEADBOARD_DB"]
    open_database(target).close()
    return target


def test_dry_run_report_line_by_line(empty_db: str) -> None:
    said = ok("import", SALESFORCE, "--dry-run")
    assert said.splitlines() == [
        f"Dry run of {SALESFORCE} (CSV, UTF-8 with BOM, comma-separated, leads): "
        "nothing was written.",
        "Columns:",
        "  First Name    -> name (first)",
        "  Last Name     -> name (last)",
        "  Company       -> company",
        "  Title         -> title",
        "  Email         -> email",
        "  Phone         -> phone",
        "  Mobile        -> phone (2nd choice)",
        "  Lead Source   -> source",
        "  Lead Status   -> status",
        "  Rating        -> temperature",
        "  Description   -> notes",
        "  Created Date  -> created_at",
        "  Lead Owner    -> owner",
        "row 2: create Ann Lee",
        "row 3: create Bruno Costa",
        "row 4: create Chloé Durand",
        "row 6: skip Dev Patel: same email as row 2",
        "Would create 3, update 0, skip 1, reject 0, warn about 0 (4 rows, 1 blank ignored).",
    ]
    assert snapshot()["lead"] == []


def test_dry_run_with_rejected_rows(empty_db: str) -> None:
    lines = ok("import", HUBSPOT, "--dry-run").splitlines()
    assert lines[-7:] == [
        "row 2: create Eve Martin",
        "row 3: create Farid Haddad",
        "row 4: reject: a lead needs a name",
        "row 5: create Grace Ho",
        'row 5: warning: Create Date "someday" is not a date; kept in notes',
        "row 6: skip Hiro Sato: same phone as row 2",
        "Would create 3, update 0, skip 1, reject 1, warn about 1 (5 rows).",
    ]


def test_import_json_report_and_the_leads_it_made() -> None:
    report = json.loads(ok("import", HUBSPOT, "--format", "json"))
    assert report["counts"] == {"create": 3, "update": 0, "skip": 1, "reject": 1}
    assert report["rejected"] == [{"row": 4, "reason": "a lead needs a name"}]
    assert report["warned_rows"] == 1
    warning = 'Create Date "someday" is not a date; kept in notes'
    assert report["warnings"] == [{"row": 5, "warning": warning}]
    assert [d["warnings"] for d in report["decisions"]] == [[], [], [], [warning], []]
    assert report["decisions"][-1]["reason"] == "same phone as #1 Eve Martin"
    assert report["dry_run"] is False and report["kind"] == "leads"
    leads = json.loads(ok("list", "--all", "--status", "all", "--format", "json"))
    assert sorted(lead["name"] for lead in leads) == ["Eve Martin", "Farid Haddad", "Grace Ho"]


def test_import_table_summary_then_update() -> None:
    assert ok("import", SALESFORCE).splitlines() == [
        f"Imported {SALESFORCE} (CSV, UTF-8 with BOM, comma-separated, leads): "
        "created 3, updated 0, skipped 1, rejected 0, warned 0 (4 rows, 1 blank ignored).",
        "row 2: created Ann Lee",
        "row 3: created Bruno Costa",
        "row 4: created Chloé Durand",
        "row 6: skipped Dev Patel: same email as #1 Ann Lee",
    ]
    again = ok("import", SALESFORCE, "--on-duplicate", "update").splitlines()
    assert "created 0, updated 4, skipped 0, rejected 0, warned 0" in again[0]
    assert again[1:] == [
        "row 2: updated Ann Lee: same email as #1 Ann Lee",
        "row 3: updated Bruno Costa: same email as #2 Bruno Costa",
        "row 4: updated Chloé Durand: same email as #3 Chloé Durand",
        "row 6: updated Dev Patel: same email as #1 Ann Lee",
    ]
    assert len(json.loads(ok("list", "--all", "--status", "all", "--format", "json"))) == 3


def test_strict_refuses_the_file_and_changes_nothing() -> None:
    seed()
    before = snapshot()
    done = leadboard("import", HUBSPOT, "--strict")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (
        "leadboard: strict: 1 row rejected, nothing imported (row 4: a lead needs a name); "
        "--dry-run lists every rejected row\n"
    )
    assert snapshot() == before


def test_contact_log_after_the_leads() -> None:
    seed()
    said = ok("import", CONTACT_LOG, "--contacts")
    assert said.splitlines()[0].endswith(
        "contacts): created 3, updated 0, skipped 1, rejected 2, warned 0 (6 rows)."
    )
    shown = json.loads(ok("show", "1", "--format", "json"))
    assert [c["outcome"] for c in shown["contacts"]] == [
        "meeting_booked",
        "replied",
        "left_message",
    ]


def test_export_import_export_round_trip(tmp_path: Path) -> None:
    seed()
    store = LeadStore(open_database(os.environ["LEADBOARD_DB"]), Policy())
    try:
        import_file(Path(CONTACT_LOG), store, ImportOptions(), now=NOW)
        store.log_contact(
            2, channel=Channel.TEXT, outcome=Outcome.REPLIED, note='ok, "a"\nb', now=NOW
        )
        store.set_status(2, Status.LOST, NOW, "price")
    finally:
        store.close()
    first = tmp_path / "leads.csv", tmp_path / "contacts.csv"
    assert ok("export", str(first[0])) == f"Exported 3 leads to {first[0]} (CSV)\n"
    assert ok("export", str(first[1]), "--contacts").startswith("Exported 4 contacts")
    as_json = tmp_path / "leads.json"
    assert ok("export", str(as_json)).endswith("(JSON)\n")  # the extension decides
    assert json.loads(as_json.read_text())[1]["lost_reason"] == "price"

    other = str(tmp_path / "other.db")
    ok("--db", other, "import", str(first[0]))
    ok("--db", other, "import", str(first[1]))
    second = tmp_path / "leads2.csv", tmp_path / "contacts2.csv"
    ok("--db", other, "export", str(second[0]))
    ok("--db", other, "export", str(second[1]), "--contacts")
    for before, after in zip(first, second, strict=True):
        assert without_versions(after) == without_versions(before), before.name


def test_calendar_file_opens_in_icalendar(tmp_path: Path) -> None:
    seed()
    path = tmp_path / "follow-ups.ics"
    assert ok("calendar", str(path)) == f"Wrote 2 follow-ups due within 30 days to {path}\n"
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == [
        "Follow up: Ann Lee (hot)",
        "Follow up: Bruno Costa (warm)",
    ]
    report = json.loads(ok("calendar", str(path), "--force", "--within", "0", "--format", "json"))
    assert report == {"file": str(path), "events": 2, "within_days": 0}


@pytest.mark.sqlite_only("backup and restore of a file")
def test_backup_then_restore(tmp_path: Path) -> None:
    seed()
    backup = tmp_path / "saved.db"
    ok("backup", str(backup))
    ok("add", "Added later")
    said = ok("restore", str(backup)).splitlines()
    db = Path(os.environ["LEADBOARD_DB"])
    assert said == [
        f"Restored 3 leads and 0 contacts from {backup}",
        f"The previous database is kept as {db}.before-restore-20261123-090000",
    ]
    names = [
        lead["name"]
        for lead in json.loads(ok("list", "--all", "--status", "all", "--format", "json"))
    ]
    assert "Added later" not in names and len(names) == 3


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Name\n" + "".join(f"Lead {i}\n" for i in range(1200)), encoding="utf-8")
    master, slave = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "leadboard", "import", str(path)],
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=60,
        )
        os.close(slave)
        drawn = os.read(master, 65536).decode()
    finally:
        os.close(master)
    assert done.returncode == 0
    assert "\rimport [" in drawn and "1,200/1,200" in drawn


# -- bad input: one line, exit 1, nothing changed ---------------------------------------------


@pytest.fixture
def blocked_openpyxl(tmp_path: Path) -> dict[str, str]:
    """An environment where `import openpyxl` fails, as on a machine without it."""
    blocker = tmp_path / "blocker" / "openpyxl"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('not installed')\n")
    return {**os.environ, "PYTHONPATH": str(blocker.parent)}


BAD = [
    (["import", "{tmp}/missing.csv"], "missing.csv does not exist"),
    (["import", "{tmp}/picture.csv"], "is not a CSV file (it holds binary data)"),
    (["import", "{tmp}/empty.csv"], "empty.csv is empty"),
    (["import", "{tmp}/no-name.csv"], "no name column"),
    (["import", "{tmp}/no-name.csv", "--contacts"], "a contact log needs date, channel and"),
    (["export", "{tmp}/existing.csv"], "existing.csv already exists; --force replaces it"),
    (["export", "{tmp}/out.csv", "--format", "table"], "export writes csv or json, not table"),
    (["calendar", "{tmp}/existing.csv"], "already exists"),
    (["calendar", "{tmp}/f.ics", "--within", "-1"], "--within must be 0 days or more"),
    (["restore", "{tmp}/no-name.csv"], "no-name.csv is not a leadboard backup"),
    (["restore", "{tmp}/missing.db"], "missing.db does not exist"),
]


def test_bad_input_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    seed()
    (tmp_path / "picture.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "no-name.csv").write_text("Company,Email\nAcme,a@x.example\n")
    (tmp_path / "existing.csv").write_text("mine")
    before = snapshot()
    # Side by side: each is a separate process, and none of them may change anything.
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(
            pool.map(lambda case: leadboard(*(a.format(tmp=tmp_path) for a in case[0])), BAD)
        )
    server = is_server_target(os.environ["LEADBOARD_DB"])
    for (args, fragment), done in zip(BAD, runs, strict=True):
        # A server's database is restored by the server, before any backup is looked at.
        expected = "use pg_restore" if server and args[0] == "restore" else fragment
        assert_one_line_error(done, expected, args)
    assert snapshot() == before
    assert (tmp_path / "existing.csv").read_text() == "mine"
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "f.ics").exists()


def test_xlsx_without_openpyxl(blocked_openpyxl: dict[str, str], tmp_path: Path) -> None:
    book = tmp_path / "leads.xlsx"
    book.write_bytes(b"PK\x03\x04not really")
    done = leadboard("import", str(book), env=blocked_openpyxl)
    assert_one_line_error(done, "reading .xlsx files needs openpyxl")


def assert_one_line_error(
    done: subprocess.CompletedProcess[str], fragment: str, args: object = ""
) -> None:
    """Exit 1, nothing on stdout, exactly one 'leadboard: ...' line on stderr."""
    assert done.returncode == 1, (args, done.stdout, done.stderr)
    assert done.stdout == "", args
    assert done.stderr.startswith("leadboard: ") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr
    assert fragment in done.stderr, (args, done.stderr)


def test_rejects_file_fixed_and_imported_again(tmp_path: Path) -> None:
    source = tmp_path / "leads.csv"
    source.write_text(
        "Name,Company,Email,Notes\n"
        "Ann Lee,Acme,ann@acme.example,\n"
        ',Nobody Inc,,=HYPERLINK("http://x")\n'
        ",,bob@ray.example,call after 3pm\n",
        encoding="utf-8",
    )
    rejects = tmp_path / "rejects.csv"
    said = ok("import", str(source), "--rejects", str(rejects)).splitlines()
    assert said[-3:] == [
        "row 3: rejected: a lead needs a name",
        "row 4: rejected: a lead needs a name",
        f"Wrote 2 rejected rows to {rejects}: fix the file and import it again.",
    ]
    raw = rejects.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # as export writes CSV
    assert rejects.read_text(encoding="utf-8-sig").splitlines() == [
        "Rejected because,Name,Company,Email,Notes",
        'a lead needs a name,,Nobody Inc,,"\'=HYPERLINK(""http://x"")"',
        "a lead needs a name,,,bob@ray.example,call after 3pm",
    ]
    # An existing rejects file is kept unless --force, and nothing is imported meanwhile.
    before = snapshot()
    done = leadboard("import", str(source), "--rejects", str(rejects))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"leadboard: {rejects} already exists; --force replaces it\n"
    assert snapshot() == before
    refused = leadboard("import", str(source), "--rejects", str(source), "--force")
    assert "is the file being imported" in refused.stderr and snapshot() == before
    # Fixed in the rejects file, the rows land; the reason column is not kept.
    fixed = rejects.read_text(encoding="utf-8-sig").replace(
        "a lead needs a name,,Nobody", "a lead needs a name,Nora Body,Nobody"
    )
    rejects.write_text(fixed.replace(",,,bob@", ",Bob Ray,,bob@"), encoding="utf-8-sig")
    again = ok("import", str(rejects), "--rejects", str(tmp_path / "left.csv"))
    assert "created 2, updated 0, skipped 0, rejected 0" in again
    assert "No row was rejected" in again
    # Rejects of a rejects file: the new reasons replace the old column.
    assert (tmp_path / "left.csv").read_bytes() == (
        b"\xef\xbb\xbfRejected because,Name,Company,Email,Notes\r\n"
    )
    leads = json.loads(ok("list", "--all", "--format", "json"))
    landed = {lead["name"]: lead["notes"] for lead in leads}
    assert landed == {
        "Ann Lee": "",
        "Nora Body": '=HYPERLINK("http://x")',
        "Bob Ray": "call after 3pm",
    }


def test_strict_with_rejects_writes_them_and_imports_nothing(tmp_path: Path) -> None:
    rejects = tmp_path / "r.csv"
    done = leadboard("import", HUBSPOT, "--strict", "--rejects", str(rejects))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (
        "leadboard: strict: 1 row rejected, nothing imported (row 4: a lead needs a name); "
        f"the rejected rows are in {rejects}\n"
    )
    assert (
        rejects.read_text(encoding="utf-8-sig")
        .splitlines()[1]
        .startswith("a lead needs a name,103,")
    )
    assert snapshot().get("lead", []) == []


def test_show_keeps_the_notes_lines_an_import_wrote(empty_db: str, tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text(
        "Name,Email,Website,Industry\nAnn Lee,ann@example.com,ann.example,[b]Florist[/b]\n",
        encoding="utf-8",
    )
    ok("import", str(path))
    shown = ok("show", "1").splitlines()
    at = shown.index("Notes:        Website: ann.example")
    assert shown[at + 1] == "              Industry: [b]Florist[/b]"
