"""School time: the calendar tab (one row per school year), declared breaks, the summer
between two school years, undeclared years; and the contract change followed through: the
blank template, `commsplan init`, a workbook in the older layout."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from commsplan import open_book
from commsplan.cli import main
from commsplan.contract import load_contract
from commsplan.periods import parse_period
from commsplan.plan import read_plan
from commsplan.sheet_writers.provision import provision
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources.google import open_sheet
from tests.test_checks_corpus import base_data
from tests.test_google_source import _headers, google, sample_tabs  # noqa: F401 (fixture)

D = dt.date


def plan_of(school_years, breaks=(), period="2024"):
    data = base_data()
    data["calendar"] = [list(y) for y in school_years]
    data["breaks"] = [list(b) for b in breaks]
    data["general"] = [[k, period if k == "Năm kế hoạch" else v] for k, v in data["general"]]
    return read_plan(open_book(io.BytesIO(workbook_bytes(data))))


YEARS = [("2023-2024", D(2023, 9, 5), D(2024, 1, 13), D(2024, 5, 31)),
         ("2024-2025", D(2024, 9, 5), D(2025, 1, 18), D(2025, 5, 31))]
TET = ("Nghỉ Tết Giáp Thìn", D(2024, 2, 5), D(2024, 2, 16))


def school(plan, key):
    time = plan.school_time(parse_period(key))
    return time.school_days, time.days, time.undeclared


def test_the_days_between_two_consecutive_school_years_are_the_summer():
    plan = plan_of(YEARS)
    assert school(plan, "2024-07") == (0, 31, ())
    assert school(plan, "2024-06") == (0, 30, ())
    assert school(plan, "2024-09") == (26, 30, ())  # from 05/09: partial
    assert school(plan, "2024-05") == (31, 31, ())
    assert plan.school_time(parse_period("2024-09")).partial


def test_a_declared_break_is_not_school_time():
    plan = plan_of(YEARS, [TET])
    assert school(plan, "2024-02") == (29 - 12, 29, ())


def test_a_day_no_declared_school_year_accounts_for_is_school_time_of_its_year():
    plan = plan_of(YEARS[:1])  # 2024-2025 not declared: the summer cannot be known
    assert school(plan, "2024-07") == (31, 31, ("2024-2025",))
    assert school(plan, "2024-Q4") == (92, 92, ("2024-2025",))
    later = plan_of(YEARS[1:])  # 2023-2024 missing: January to May 2024 belong to it
    assert school(later, "2024-03") == (31, 31, ("2023-2024",))


def test_semesters_of_every_declared_school_year():
    plan = plan_of(YEARS, period="2024-2025")
    assert [p.key for p in plan.periods("semester")] == [
        "HK1-2023-2024", "HK2-2023-2024", "HK1-2024-2025", "HK2-2024-2025"]
    assert plan.parse("HK1-2024-2025").start == D(2024, 9, 5)
    assert plan.words == "năm học 2023-2024"  # the general tab names the school year


def test_a_rule_for_all_year_judges_the_summer_too():
    data = base_data()
    data["calendar"] = [list(y) for y in YEARS]
    data["cadence"] = [[*data["cadence"][0], "Cả năm"]]  # Tin bài, 1 a month, all year
    data["activities"] = [a for a in data["activities"] if a[2] != "Tin bài"]
    book = open_book(io.BytesIO(workbook_bytes(data)))
    from commsplan import check

    judged = {f.period for f in check(book, D(2024, 9, 2)).findings
              if f.code == "cadence-shortfall"}
    assert {"2024-06", "2024-07", "2024-08"} <= judged  # school time would skip them
    data["cadence"] = [data["cadence"][0][:7]]
    judged = {f.period for f in check(open_book(io.BytesIO(workbook_bytes(data))),
                                      D(2024, 9, 2)).findings if f.code == "cadence-shortfall"}
    assert judged & {"2024-06", "2024-07", "2024-08"} == set()


# The contract change followed through ---------------------------------------------------------

def test_the_blank_template_has_the_calendar_the_breaks_and_the_new_columns(tmp_path):
    path = tmp_path / "mau.xlsx"
    assert main(["template", str(path)]) == 0
    workbook = openpyxl.load_workbook(path)
    assert [c.value for c in workbook["Lịch năm học"][1]] == [
        "Năm học", "Ngày bắt đầu năm học", "Ngày kết thúc học kỳ I", "Ngày kết thúc năm học"]
    assert [c.value for c in workbook["Kỳ nghỉ"][1]] == ["Kỳ nghỉ", "Từ ngày", "Đến ngày"]
    assert [c.value for c in workbook["Định mức"][1]][-3:] == [
        "Thời gian xét", "Áp dụng từ ngày", "Áp dụng đến ngày"]
    assert [c.value for c in workbook["Chủ đề"][1]][-1] == "Hằng năm"
    labels = [r[0].value for r in workbook["Thông tin chung"].iter_rows(min_row=2)]
    assert "Ngày hiệu lực" in labels
    assert not {"Ngày bắt đầu năm học", "Ngày kết thúc học kỳ I", "Ngày kết thúc năm học"} \
        & set(labels)
    dropdowns = {dv.formula1 for dv in workbook["Định mức"].data_validations.dataValidation}
    assert '"Thời gian học,Cả năm"' in dropdowns
    book = open_book(str(path))  # the blank template reads without errors
    assert not [f for f in book.findings if f.severity == "error"]


def test_init_makes_the_new_tabs_and_leaves_out_the_legacy_items(google, service_account_file):
    key = google.add_spreadsheet("trống")
    provision(open_sheet(key, "write", credentials=str(service_account_file)))
    assert google.values(key, "Lịch năm học") == [_headers("calendar")]
    assert google.values(key, "Kỳ nghỉ") == [_headers("breaks")]
    labels = [row[0] for row in google.values(key, "Thông tin chung")[1:]]
    general = load_contract().tab("general")
    assert labels == [c.header for c in general.columns if not c.legacy]


def test_init_completes_a_sheet_in_the_older_layout(google, service_account_file):
    tabs = sample_tabs()  # the general tab holds the school-year dates, as it used to
    key = google.add_spreadsheet("mẫu cũ", tabs)
    sheet = open_sheet(key, "write", credentials=str(service_account_file))
    result = provision(sheet)
    assert {"Lịch năm học", "Kỳ nghỉ"} <= set(result.created)
    cadence = google.values(key, "Định mức")
    assert cadence[0][-3:] == ["Thời gian xét", "Áp dụng từ ngày", "Áp dụng đến ngày"]
    assert cadence[1] == [v for v in tabs["Định mức"][1] if v != ""]  # the data row untouched
    assert google.values(key, "Chủ đề")[0][-1] == "Hằng năm"
    assert provision(sheet).requests == 0
    book = open_book(key, credentials=str(service_account_file))
    assert [y.school_year for y in read_plan(book).school_years] == ["2023-2024"]
    from commsplan import check

    codes = {f.code for f in check(book, D(2024, 3, 20)).findings}
    assert "legacy-calendar" in codes  # the empty new tab: move the dates there
