"""`commsplan register`: the year's issued plans and reports in the ten columns of Decree 30,
Appendix IV, for the clerk to copy into the school's outgoing register."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from openpyxl import load_workbook

from tests.fixture_site import run
from tests.test_issued import TAB, issued_row, kim_tan

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
APPENDIX_IV = [  # the decree's ten fields, in its order
    "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
    "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
    "Ngày chuyển", "Ký nhận", "Ghi chú"]


def register_of(path: Path) -> tuple[list, list[list]]:
    """The header row and the entries under the columns' numbers (1)…(10)."""
    sheet = load_workbook(path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[2] == [f"({n})" for n in range(1, 11)]
    return rows[1], rows[3:]


def test_register_on_the_demo_lists_the_issued_plan_and_report_not_the_draft(tmp_path, capsys):
    source = tmp_path / "demo.xlsx"
    shutil.copy(DEMO, source)
    out = tmp_path / "so-van-ban-di.xlsx"
    code, said, err = run(capsys, "register", str(source), "-o", str(out), "--year", "2024")
    assert code == 0, err
    assert "2 văn bản đi năm 2024" in said
    header, entries = register_of(out)
    assert header == APPENDIX_IV
    assert entries == [
        ["12/KH-THMM2", dt.datetime(2024, 3, 15),
         "Kế hoạch Truyền thông về giáo dục và đào tạo năm 2024", "Nguyễn Thị Liễu",
         "Phòng GD&ĐT huyện Mường Chà (b/c); Các tổ chuyên môn, đoàn thể (t/h)", "VT", 5,
         dt.datetime(2024, 3, 15), None, None],
        ["08/BC-THMM2", dt.datetime(2024, 4, 5),
         "Báo cáo Kết quả công tác truyền thông quý I năm 2024", "Nguyễn Thị Liễu",
         "Phòng GD&ĐT huyện Mường Chà (b/c)", "VT", 3, dt.datetime(2024, 4, 5), None,
         "Gửi qua hệ thống quản lý văn bản"],
    ]
    sheet = load_workbook(out).active
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$2:$3"
    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(10)]
    assert min(widths) >= 8 and widths[2] == max(widths)  # the trích yếu gets the room

    # the same data: the same file, left alone
    code, said, err = run(capsys, "register", str(source), "-o", str(out), "--year", "2024")
    assert code == 0 and "không đổi" in said

    # the quarter II report is issued: now it is listed too, and the file is a draft to replace
    workbook = load_workbook(source)
    workbook[TAB]["F4"], workbook[TAB]["G4"] = 15, dt.date(2024, 7, 5)
    workbook.save(source)
    code, said, err = run(capsys, "register", str(source), "-o", str(out), "--year", "2024")
    assert code == 2 and "--force" in err
    code, said, err = run(capsys, "register", str(source), "-o", str(out), "--year", "2024",
                          "--force")
    assert code == 0, err
    _, entries = register_of(out)
    assert [e[0] for e in entries] == ["12/KH-THMM2", "08/BC-THMM2", "15/BC-THMM2"]
    assert entries[2][2] == "Báo cáo Kết quả công tác truyền thông quý II năm 2024"


def test_register_of_another_school_signed_by_a_deputy_issuing_in_november(tmp_path, capsys):
    source = kim_tan(tmp_path, [
        issued_row("Báo cáo", "2025-10", 7, dt.date(2025, 11, 5), drafter="TVB", copies=4,
                   archive_unit="CM", archive_copies=2),
        issued_row("Báo cáo", None, 9, dt.date(2025, 11, 20), window_from=dt.date(2025, 11, 1),
                   window_to=dt.date(2025, 11, 15), signer="Nguyễn Văn An"),
        issued_row("Báo cáo", "2025-11", None, None, drafter="TVB"),  # a draft
    ])
    out = tmp_path / "so.xlsx"
    code, said, err = run(capsys, "register", str(source), "-o", str(out))  # the latest year
    assert code == 0, err
    header, entries = register_of(out)
    assert header == APPENDIX_IV
    assert [e[:7] for e in entries] == [
        ["07/BC-THCSKT", dt.datetime(2025, 11, 5),
         "Báo cáo Kết quả công tác truyền thông tháng 10 năm 2025", "Trần Văn Bình",
         "Phòng GD&ĐT thành phố (b/c)", "VT, CM", 4],
        ["09/BC-THCSKT", dt.datetime(2025, 11, 20),
         "Báo cáo Kết quả công tác truyền thông từ ngày 01/11/2025 đến ngày 15/11/2025",
         "Nguyễn Văn An", "Phòng GD&ĐT thành phố (b/c)", "VT", None],
    ]
    # a year with nothing issued: the columns alone
    code, said, err = run(capsys, "register", str(source), "-o", str(tmp_path / "2024.xlsx"),
                          "--year", "2024")
    assert code == 0 and "0 văn bản đi năm 2024" in said
    assert register_of(tmp_path / "2024.xlsx")[1] == []


def test_register_help_says_it_is_an_extract_for_the_schools_own_register(capsys):
    import pytest

    with pytest.raises(SystemExit):
        run(capsys, "register", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Phụ lục IV" in help_text
    assert "chép vào sổ đăng ký văn bản đi của nhà trường" in help_text
    assert "không kể bản dự thảo" in help_text


def test_register_refuses_an_output_that_is_not_an_xlsx(tmp_path, capsys):
    code, said, err = run(capsys, "register", str(DEMO), "-o", str(tmp_path / "so.docx"))
    assert code == 2 and ".xlsx" in err
