"""Issued documents: numbers and dates from the tab of issued documents or --number/--date,
the issued file's hash recorded in its row, a changed issued document, duplicate numbers."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from commsplan import check, open_book
from commsplan.lint import lint_file
from commsplan.outputs import find_soffice
from commsplan.sheet_writers.workbook import workbook_bytes
from tests.fixture_site import run
from tests.plan_workbooks import OTHER_SCHOOL
from tests.workbook_state import workbook_state

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
TAB = "Văn bản đã ban hành"
HASH = "O"  # the hash column of the tab, as the contract orders it
CARDS = [["Bài viết", "Tin bài", "Tổ Tự nhiên", "Lê Thu", "Cổng thông tin"]]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def issued_row(kind: str, period=None, number=None, date=None, **more) -> list:
    """A row of the tab in the contract's column order."""
    values = {"kind": kind, "period": period, "number": number, "date": date, **more}
    keys = ["kind", "period", "window_from", "window_to", "topic", "number", "date", "signer",
            "drafter", "copies", "archive_unit", "archive_copies", "sent_date", "notes", "sha256"]
    return [values.get(key) for key in keys]


def kim_tan(tmp_path: Path, rows: list[list]) -> Path:
    """The THCS of tests/plan_workbooks.py (signed KT. by a deputy), its archive line plain
    'Lưu: VT', with the tab of issued documents holding rows."""
    data: dict = copy.deepcopy(OTHER_SCHOOL)
    data["recipients"] = [["Phòng GD&ĐT thành phố (b/c)", "KH, BC"], ["Lưu: VT", "KH, BC"]]
    data["activities"] = [[dt.date(2025, 10, 8), "Chuyển đổi số trong dạy học", "Tin bài",
                           "Giờ học có học liệu số", "Lê Thu", "Tổ Tự nhiên",
                           "Cổng thông tin", "https://thcskimtan.edu.vn/tin/1", None]]
    data["issued"] = rows
    path = tmp_path / "kim-tan.xlsx"
    path.write_bytes(workbook_bytes(data))
    return path


def paragraphs(path: Path) -> list[str]:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


def footer_lines(path: Path) -> list:
    """The recipients cell's paragraphs (text, size in pt, bold, italic) of the footer."""
    document = Document(str(path))
    for table in document.tables:
        for cell in table.rows[0].cells:
            if cell.paragraphs and cell.paragraphs[0].text == "Nơi nhận:":
                return [(p.text, _effective(p, "size").pt, bool(_effective(p, "bold")),
                         bool(_effective(p, "italic"))) for p in cell.paragraphs if p.text]
    raise AssertionError("no footer")


def _effective(paragraph, name: str):
    """A run property as it prints: the run's own, else its paragraph style's."""
    value = getattr(paragraph.runs[0].font, name)
    return getattr(paragraph.style.font, name) if value is None else value


def hash_cell(path: Path, row: int) -> str | None:
    return load_workbook(path)[TAB][f"{HASH}{row}"].value


# Issuing through the tab ---------------------------------------------------------------------

def test_a_report_issued_through_the_tab_carries_its_number_date_box_12_and_archive_line(
        tmp_path, capsys, monkeypatch):
    source = kim_tan(tmp_path, [issued_row("Báo cáo", "2025-10", 7, dt.date(2025, 11, 5),
                                           drafter="tvb", copies=4, archive_unit="CM",
                                           archive_copies=2)])
    monkeypatch.chdir(tmp_path)
    before = workbook_state(source)
    code, out, err = run(capsys, "report", str(source), "--period", "2025-10",
                         "--as-of", "30/11/2025")
    assert code == 0, err
    document = tmp_path / "BC-truyen-thong-2025-10.docx"
    lines = paragraphs(document)
    assert "Số: 07/BC-THCSKT" in lines  # below ten: a leading zero
    assert "Lào Cai, ngày 05 tháng 11 năm 2025" in lines
    assert footer_lines(document)[-3:] == [
        ("- Phòng GD&ĐT thành phố (b/c);", 11, False, False),
        ("- Lưu: VT, CM, 02.", 11, False, False),
        ("TVB.04", 11, False, False),  # box 12, on its own line below the recipients
    ]
    assert lint_file(document).clean
    # the issued file's hash, in its row's cell and nowhere else
    after = workbook_state(source)
    assert hash_cell(source, 2) == sha(document)
    assert f"'{TAB}'!{HASH}2" in err or f"{TAB}!{HASH}2" in err
    changed = {(tab, ref) for tab in after for ref, cell in after[tab][0].items()
               if before[tab][0].get(ref) != cell}
    assert changed == {(TAB, f"{HASH}2")}
    assert {t: s[1:] for t, s in after.items()} == {t: s[1:] for t, s in before.items()}

    # made again: the same bytes, left alone; the hash stays
    code, out, err = run(capsys, "report", str(source), "--period", "2025-10",
                         "--as-of", "30/11/2025")
    assert code == 0 and "Không đổi" in out
    assert sorted(p.name for p in tmp_path.glob("BC-*")) == ["BC-truyen-thong-2025-10.docx"]


def test_a_draft_row_gives_box_12_but_no_number(tmp_path, capsys, monkeypatch):
    source = kim_tan(tmp_path, [issued_row("Báo cáo", "2025-10", drafter="TVB", copies=4)])
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", str(source), "--period", "2025-10",
                         "--as-of", "30/11/2025")
    assert code == 0, err
    document = tmp_path / "BC-truyen-thong-2025-10.docx"
    assert "Số:      /BC-THCSKT" in paragraphs(document)
    assert footer_lines(document)[-2:] == [("- Lưu: VT.", 11, False, False),
                                          ("TVB.04", 11, False, False)]
    assert hash_cell(source, 2) is None  # a draft has no recorded file


# --number and --date, for the report and the plan --------------------------------------------

def test_number_and_date_options_issue_a_report_and_the_plan_once(tmp_path, capsys,
                                                                  monkeypatch):
    source = kim_tan(tmp_path, [])
    monkeypatch.chdir(tmp_path)
    before = source.read_bytes()
    code, out, err = run(capsys, "report", str(source), "--period", "2025-10", "--as-of",
                         "30/11/2025", "--number", "9", "--date", "20/11/2025")
    assert code == 0, err
    report = tmp_path / "BC-truyen-thong-2025-10.docx"
    assert {"Số: 09/BC-THCSKT", "Lào Cai, ngày 20 tháng 11 năm 2025"} <= set(paragraphs(report))
    code, out, err = run(capsys, "plan", str(source), "--number", "3", "--date", "12/11/2025",
                         "--as-of", "30/11/2025")
    assert code == 0, err
    plan = tmp_path / "KH-truyen-thong-2025.docx"
    assert {"Số: 03/KH-THCSKT", "Lào Cai, ngày 12 tháng 11 năm 2025"} <= set(paragraphs(plan))
    assert source.read_bytes() == before  # a one-off: no row, nothing recorded

    # issued: never replaced, --force or not; a different number is a new copy beside it
    first = plan.read_bytes()
    code, out, err = run(capsys, "plan", str(source), "--number", "4", "--date", "12/11/2025",
                         "--as-of", "30/11/2025", "--force")
    assert code == 0, err
    assert plan.read_bytes() == first
    assert "Số: 04/KH-THCSKT" in paragraphs(tmp_path / "KH-truyen-thong-2025-2.docx")

    code, out, err = run(capsys, "plan", str(source), "--number", "3")
    assert code == 2 and "--number và --date đi cùng nhau" in err
    with pytest.raises(SystemExit) as usage:  # argparse's own exit for a bad option value
        run(capsys, "plan", str(source), "--number", "0", "--date", "1/11/2025")
    assert usage.value.code == 2 and "không phải một số văn bản" in capsys.readouterr().err


def test_the_plan_row_must_agree_with_the_general_tab(tmp_path):
    agreeing = open_book(str(DEMO))
    assert not [f for f in check(agreeing, dt.date(2024, 12, 31)).findings
                if f.code.startswith("issued-")]
    path = tmp_path / "demo.xlsx"
    shutil.copy(DEMO, path)
    workbook = load_workbook(path)
    workbook[TAB]["F2"] = 13  # the plan's row: number 13, the general tab says 12
    workbook.save(path)
    (finding,) = [f for f in check(open_book(str(path)), dt.date(2024, 12, 31)).findings
                  if f.code == "issued-plan-disagrees"]
    assert (finding.tab, finding.row, finding.cell) == (TAB, 2, "F2")
    assert "số 13, ngày 15/03/2024" in finding.message()
    assert "số 12, ngày 15/03/2024" in finding.message()


# generate: an issued report kept, a draft replaced, a changed issued one found ------------------

def _add_activity(path: Path, day: dt.date, title: str) -> None:
    workbook = load_workbook(path)
    register = workbook["Nhật ký"]
    last = register.max_row
    values = [c.value for c in register[last]]
    values[0], values[3] = day, title
    for column, value in enumerate(values, start=1):
        register.cell(row=last + 1, column=column, value=value)
    register.cell(row=last + 1, column=1).number_format = "DD/MM/YYYY"
    workbook.save(path)


def test_generate_keeps_an_issued_report_and_replaces_a_draft(tmp_path, capsys):
    source = tmp_path / "so-lieu.xlsx"
    shutil.copy(DEMO, source)
    (tmp_path / "commsplan.toml").write_text(
        'source = "so-lieu.xlsx"\noutput = "van-ban"\nreports = ["2024-Q1", "2024-Q2"]\n'
        'pdf = false\nas_of = "15/7/2024"\n', "utf-8")
    config = str(tmp_path / "commsplan.toml")
    out_dir = tmp_path / "van-ban"
    assert run(capsys, "generate", "--config", config)[0] == 0
    issued = out_dir / "BC-truyen-thong-2024-Q1.docx"
    draft = out_dir / "BC-truyen-thong-2024-Q2.docx"
    assert "Số: 08/BC-THMM2" in paragraphs(issued)
    assert "Số:      /BC-THMM2" in paragraphs(draft)
    # the issued plan (row 2) and the issued report (row 3) have their hashes; the draft not
    plan = out_dir / "KH-truyen-thong-2024.docx"
    assert (hash_cell(source, 2), hash_cell(source, 3), hash_cell(source, 4)) == (
        sha(plan), sha(issued), None)
    issued_bytes, draft_bytes = issued.read_bytes(), draft.read_bytes()

    # new activities in both quarters: the draft is replaced, the issued report is not
    _add_activity(source, dt.date(2024, 3, 20), "Tin bài bổ sung quý I")
    _add_activity(source, dt.date(2024, 5, 20), "Tin bài bổ sung quý II")
    code, out, err = run(capsys, "generate", "--config", config)
    assert code == 1, out + err
    assert f"{TAB}!{HASH}3" in out and "khác tệp đã ban hành" in out
    assert issued.read_bytes() == issued_bytes
    assert draft.read_bytes() != draft_bytes
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "BC-truyen-thong-2024-Q1.docx", "BC-truyen-thong-2024-Q2.docx",
        "KH-truyen-thong-2024.docx"]

    # the clerk clears the hash (to issue it again): a new copy beside the issued one
    workbook = load_workbook(source)
    workbook[TAB][f"{HASH}3"] = None
    workbook.save(source)
    code, out, err = run(capsys, "generate", "--config", config)
    assert code == 0, out + err
    again = out_dir / "BC-truyen-thong-2024-Q1-2.docx"
    assert issued.read_bytes() == issued_bytes and again.exists()
    assert hash_cell(source, 3) == sha(again)


def test_report_stops_on_a_changed_issued_document_naming_the_cell(tmp_path, capsys,
                                                                    monkeypatch):
    source = kim_tan(tmp_path, [issued_row("Báo cáo", "2025-10", 7, dt.date(2025, 11, 5),
                                           sha256="0" * 64)])
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", str(source), "--period", "2025-10",
                         "--as-of", "30/11/2025")
    assert code == 1
    assert f"Ô {TAB}!{HASH}2" in err and "Không ghi" in err
    assert not list(tmp_path.glob("*.docx"))


# Numbers unique per year and symbol ---------------------------------------------------------

def test_a_duplicate_number_is_an_error_naming_both_locations(tmp_path):
    rows = [issued_row("Báo cáo", "2025-10", 7, dt.date(2025, 11, 5)),
            issued_row("Báo cáo", "2025-09", 5, dt.date(2025, 10, 3)),
            issued_row("Báo cáo", "2025-Q3", 7, dt.date(2025, 11, 20)),  # 07/BC twice in 2025
            issued_row("Kế hoạch", None, None, None),
            issued_row("Báo cáo", "2025-08", 7, dt.date(2026, 1, 4))]  # another year: fine
    book = open_book(str(kim_tan(tmp_path, rows)))
    findings = [f for f in check(book, dt.date(2025, 12, 31)).findings
                if f.code.startswith("issued-")]
    assert [(f.code, f.row, f.cell, f.severity) for f in findings] == [
        ("issued-number-duplicate", 4, "F4", "error")]
    message = findings[0].message()
    assert f"Ô {TAB}!F4" in message and f"trang tính '{TAB}', dòng 2" in message
    assert "BC-THCSKT" in message and "2025" in message


def test_a_report_number_may_equal_the_plans_but_not_another_plan_number(tmp_path):
    path = tmp_path / "demo.xlsx"
    shutil.copy(DEMO, path)
    workbook = load_workbook(path)
    sheet = workbook[TAB]
    sheet["C4"].value = None
    sheet["F4"], sheet["G4"] = 12, dt.date(2024, 7, 5)  # 12/BC: the plan is 12/KH
    sheet.append(issued_row("Kế hoạch", None, 12, dt.date(2024, 3, 15)))  # the plan twice
    workbook.save(path)
    findings = [f for f in check(open_book(str(path)), dt.date(2024, 12, 31)).findings
                if f.code.startswith("issued-")]
    assert [(f.code, f.row) for f in findings] == [("issued-row-duplicate", 5)]


def test_a_report_row_naming_no_period_is_a_finding(tmp_path):
    rows = [issued_row("Báo cáo", "tháng 10", 7, dt.date(2025, 11, 5)),
            issued_row("Báo cáo", None, 8, None)]
    book = open_book(str(kim_tan(tmp_path, rows)))
    findings = [f for f in check(book, dt.date(2025, 12, 31)).findings
                if f.code.startswith("issued-")]
    assert [(f.code, f.row) for f in findings] == [("issued-period-unknown", 2),
                                                  ("issued-period-unknown", 3)]


def test_an_incomplete_row_is_a_finding(tmp_path):
    rows = [issued_row("Báo cáo", "2025-10", 7, None),
            issued_row("Báo cáo", "2025-09", None, dt.date(2025, 10, 2))]
    book = open_book(str(kim_tan(tmp_path, rows)))
    findings = [f for f in check(book, dt.date(2025, 12, 31)).findings
                if f.code.startswith("issued-")]
    assert [(f.code, f.row, f.cell) for f in findings] == [("issued-incomplete", 2, "F2"),
                                                          ("issued-incomplete", 3, "G3")]
    assert "chưa có ngày ban hành" in findings[0].message()


# The contract --------------------------------------------------------------------------------

def test_an_older_workbook_without_the_tab_reads_with_a_finding_saying_what_to_add(
        tmp_path, capsys, monkeypatch):
    path = tmp_path / "cu.xlsx"
    workbook = load_workbook(DEMO)
    del workbook[TAB]
    workbook.save(path)
    book = open_book(str(path))
    (finding,) = [f for f in book.findings if f.tab == TAB]
    assert finding.code == "missing-issued-tab" and finding.severity == "warning"
    assert "commsplan template" in finding.message() and "--number" in finding.message()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", str(path), "--period", "2024-Q1",
                         "--as-of", "31/12/2024")
    assert code == 0, err
    assert "Số:      /BC-THMM2" in paragraphs(tmp_path / "BC-truyen-thong-2024-Q1.docx")
    code, out, err = run(capsys, "plan", str(path), "--as-of", "31/12/2024")
    assert code == 0, err
    assert "Số: 12/KH-THMM2" in paragraphs(tmp_path / "KH-truyen-thong-2024.docx")


def test_the_template_has_the_tab_with_its_columns(tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    assert run(capsys, "template", str(path))[0] == 0
    sheet = load_workbook(path)[TAB]
    headers = [c.value for c in sheet[1]]
    assert headers[:2] == ["Loại văn bản", "Kỳ báo cáo"] and headers[-1] == "Mã tệp (SHA-256)"
    assert {"Số", "Ngày ban hành", "Người ký", "Ký hiệu người soạn thảo", "Số bản phát hành",
            "Đơn vị lưu", "Số bản lưu"} <= set(headers)


# Google Sheets: the hash through the write-back path, one request ------------------------------

def _tabs_of(path: Path) -> dict[str, list[list]]:
    book = load_workbook(path)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def _state(fake, key) -> dict:
    return {s.title: copy.deepcopy((s.cells, s.formats, s.validations, s.notes,
                                    s.protected_ranges, s.conditional_formats, s.properties,
                                    s.dimensions))
            for s in fake.spreadsheet(key).sheets}


def test_the_hash_goes_to_a_google_sheet_in_one_request(tmp_path, capsys, monkeypatch,
                                                        fake_sheets, service_account_file):
    monkeypatch.setenv("COMMSPLAN_SHEETS_API", fake_sheets.url)
    monkeypatch.chdir(tmp_path)
    key = fake_sheets.add_spreadsheet("Kế hoạch", _tabs_of(DEMO))
    url = f"https://docs.google.com/spreadsheets/d/{key}/edit"
    before = _state(fake_sheets, key)
    issued_before = fake_sheets.values(key, TAB)
    count = len(fake_sheets.requests)
    code, out, err = run(capsys, "report", url, "--period", "2024-Q1", "--as-of", "31/12/2024",
                         "--credentials", str(service_account_file))
    assert code == 0, err
    writes = [c.kind for c in fake_sheets.requests[count:] if c.kind in (
        "spreadsheets.batchUpdate", "values.update", "values.append", "values.batchUpdate")]
    assert writes == ["spreadsheets.batchUpdate"]
    after = _state(fake_sheets, key)
    assert {t: s for t, s in after.items() if t != TAB} == \
        {t: s for t, s in before.items() if t != TAB}
    issued = fake_sheets.values(key, TAB)
    document = tmp_path / "BC-truyen-thong-2024-Q1.docx"
    assert issued[2][14] == sha(document)  # row 3, column O
    issued[2] = issued[2][:14]
    assert [row[:14] for row in issued] == [row[:14] for row in issued_before]
    assert "Số: 08/BC-THMM2" in paragraphs(document)


def test_an_issued_document_made_from_the_same_data_has_the_same_hash(tmp_path):
    from commsplan.documents.docx_io import docx_bytes
    from commsplan.documents.report import report_document
    from commsplan.issued import document_hash, issued_rows, report_issue

    book = open_book(io.BytesIO(DEMO.read_bytes()))
    rows = issued_rows(book)
    period = rows[1].period
    assert period is not None
    issue = report_issue(rows, period)
    made = [document_hash(docx_bytes(report_document(
        book, "2024-Q1", dt.date(2024, 12, 31), number=issue.number, date=issue.date,
        filing=issue.filing))) for _ in range(2)]
    assert made[0] == made[1] and issue.number == 8


def test_a_topic_report_is_issued_through_its_row(tmp_path, capsys, monkeypatch):
    # the reading day's topic prints as number 2 (the sheet's STT 5): the row names it so
    source = kim_tan(tmp_path, [issued_row("Báo cáo", None, 6, dt.date(2025, 4, 28), topic=2)])
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", str(source), "--topic", "2", "--as-of", "27/4/2025",
                         "--allow-errors")
    assert code == 0, err
    (document,) = tmp_path.glob("BC-truyen-thong-chu-de-2-*.docx")
    assert {"Số: 06/BC-THCSKT", "Lào Cai, ngày 28 tháng 4 năm 2025"} <= set(paragraphs(document))
    assert hash_cell(source, 2) == sha(document)


def test_a_number_without_a_date_makes_no_half_issued_document(tmp_path, capsys, monkeypatch):
    source = kim_tan(tmp_path, [issued_row("Báo cáo", "2025-10", 7, None)])
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", str(source), "--period", "2025-10",
                         "--as-of", "30/11/2025")
    assert code == 1 and "issued-incomplete" in err  # an error: no document by default
    code, out, err = run(capsys, "report", str(source), "--period", "2025-10",
                         "--as-of", "30/11/2025", "--allow-errors")
    assert code == 0, err
    lines = paragraphs(tmp_path / "BC-truyen-thong-2025-10.docx")
    assert "Số:      /BC-THCSKT" in lines and "Lào Cai, ngày      tháng      năm 2025" in lines


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_box_12_and_the_archive_line_pass_lint_after_a_libreoffice_round_trip(
        tmp_path, capsys, monkeypatch):
    import subprocess

    source = kim_tan(tmp_path, [issued_row("Báo cáo", "2025-10", 7, dt.date(2025, 11, 5),
                                           drafter="TVB", copies=4, archive_unit="CM",
                                           archive_copies=2)])
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "report", str(source), "--period", "2025-10", "--as-of",
               "30/11/2025", "-o", "bc.docx")[0] == 0
    soffice = find_soffice()
    assert soffice is not None
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "lo-out"),
                    str(tmp_path / "bc.docx")], check=True, capture_output=True, timeout=180)
    saved = tmp_path / "lo-out" / "bc.docx"
    assert lint_file(saved).problems == []
    assert [line[0] for line in footer_lines(saved)][-2:] == ["- Lưu: VT, CM, 02.", "TVB.04"]
