"""The import report's text: each row's fate and warnings, the date order chosen, the counts."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from leadboard.files.reading import SourceInfo
from leadboard.files.report import Action, ImportOptions, ImportReport, RowDecision, report_lines
from leadboard.ui.dialogs.import_report import preview_content, result_content


def made_report() -> ImportReport:
    report = ImportReport(
        Path("leads.csv"),
        ImportOptions(),
        "leads",
        SourceInfo("csv", "UTF-8", ",", "utf-8"),
        [("Name", "name"), ("Created", "created_at")],
    )
    report.decisions = [
        RowDecision(2, Action.CREATE, "Ann [b]Lee[/b]", "", 1, ('email "ann@" looks wrong; kept',)),
        RowDecision(3, Action.SKIP, "Ann Lee", "already #1 Ann Lee (imported before)", 1),
        RowDecision(4, Action.REJECT, "", "a lead needs a name"),
    ]
    report.counts = {Action.CREATE: 1, Action.UPDATE: 0, Action.SKIP: 1, Action.REJECT: 1}
    report.rows = 3
    report.warnings = [(1, "1 unreadable byte"), (2, 'email "ann@" looks wrong; kept')]
    report.warned_rows = 2
    report.date_orders = {"Created": "day first (31/12/2023 seen)"}
    return report


def test_the_command_line_report_lists_each_row_with_its_warnings() -> None:
    report = made_report()
    assert report_lines(report, dry_run=False) == [
        "Imported leads.csv (CSV, UTF-8, comma-separated, leads): created 1, updated 0, "
        "skipped 1, rejected 1, warned 2 (3 rows).",
        "Dates in Created: day first (31/12/2023 seen)",
        "row 2: created Ann [b]Lee[/b]",
        'row 2: warning: email "ann@" looks wrong; kept',
        "row 3: skipped Ann Lee: already #1 Ann Lee (imported before)",
        "row 4: rejected: a lead needs a name",
        "row 1: warning: 1 unreadable byte",  # the header's, after the rows
    ]
    dry = report_lines(report, dry_run=True)
    assert "row 3: skip Ann Lee: already #1 Ann Lee (imported before)" in dry
    assert dry[-1] == "Would create 1, update 0, skip 1, reject 1, warn about 2 (3 rows)."


def test_the_board_shows_the_same_counts_warnings_and_date_order() -> None:
    report = made_report()
    shown = preview_content(report, Path.cwd()).plain
    assert "Dates    Created: day first (31/12/2023 seen)" in shown
    assert "create 1 · update 0 · skip 1 · reject 1 · warn 2" in shown
    assert 'row 2: email "ann@" looks wrong; kept' in shown
    done = result_content(report, Path.cwd())
    assert isinstance(done, Content)
    assert "created 1 · updated 0 · skipped 1 · rejected 1 · warned 2" in done.plain
    assert "Imported with warnings" in done.plain
