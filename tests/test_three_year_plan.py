"""A school that is not the demo: a 2017–2020 plan issued and in force from 06/11/2017, three
school years with their Tết, a KT. signer, a school-wide monthly rule, a per-unit quarterly
rule, a yearly 20/11 occasion and summer holidays (tests/plan_workbooks.py). Its check gives
exactly the shortfalls planted in its register; its reports agree with counts taken here,
from the rows the test wrote, without commsplan."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from commsplan import check, open_book
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document
from commsplan.documents.report import report_document
from commsplan.plan import read_plan
from commsplan.sheet_writers.workbook import workbook_bytes
from tests import nd30_rules
from tests.plan_workbooks import (
    BREAKS,
    EFFECTIVE,
    PLANTED,
    SCHOOL_YEARS,
    TEACHERS_DAY,
    THREE_YEAR_AS_OF,
    three_year_register,
    three_year_school,
)
from tests.test_report import table, texts

D = dt.date
LATER = D(2021, 3, 1)  # every period reported on below is over
TYPES = ["Tin bài", "Ảnh", "Video"]
UNITS = ["Tổ 1-2-3", "Tổ 4-5", "Văn phòng"]
JUDGED_UNITS = ["Tổ 1-2-3", "Tổ 4-5"]
TOPICS = ["Đổi mới phương pháp dạy học", TEACHERS_DAY]
RULES = [("Tin bài", ("Tin bài",), 2, "month", None),
         ("Ảnh/Video của tổ", ("Ảnh", "Video"), 1, "quarter", JUDGED_UNITS)]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
REGISTER = three_year_register()  # [date, topic, type, title, author, unit, channel, …]


def book_of(**changes):
    return open_book(io.BytesIO(workbook_bytes(three_year_school(**changes))))


@pytest.fixture(scope="module")
def book():
    return book_of()


def located(findings) -> set[tuple]:
    return {(f.code, f.period, f.scope) for f in findings}


# The check -----------------------------------------------------------------------------------

def test_the_check_gives_exactly_the_planted_shortfalls(book):
    report = check(book, THREE_YEAR_AS_OF)
    assert located(report.findings) == PLANTED  # nothing else: no summer, nothing before 06/11


def test_the_summer_is_not_judged_and_nothing_before_the_plan_took_effect(book):
    report = check(book, D(2018, 8, 31))  # the date: June to August had no news
    assert {f.period for f in report.findings} == {"2018-03"}


def test_a_partial_period_is_judged_against_the_full_minimum_and_says_so(book):
    (finding,) = [f for f in check(book, THREE_YEAR_AS_OF).findings if f.period == "2019-02"]
    assert "tháng 2/2019 (có ngày nghỉ) chỉ có 1 tin bài, chưa đạt tối thiểu 2" in \
        finding.message()
    assert "February 2019 (with holidays) has 1 tin bài" in finding.message("en")


def test_without_its_effective_date_the_check_warns_and_names_the_field():
    report = check(book_of(effective=None), THREE_YEAR_AS_OF)
    (warning,) = [f for f in report.findings if f.code == "missed-before-issue"]
    assert warning.severity == "warning"
    assert (warning.tab, warning.column, warning.cell) == ("Thông tin chung", "Ngày hiệu lực",
                                                          "B7")
    message = warning.message()
    assert "trước ngày ban hành kế hoạch (06/11/2017)" in message
    assert "mục 'Ngày hiệu lực' để trống" in message
    missed = {f.period for f in report.findings if f.code == "cadence-shortfall"}
    assert {f"2017-{m:02d}" for m in range(1, 11)} | {"2017-Q1", "2017-Q2", "2017-Q3"} <= missed
    assert located(report.findings) >= PLANTED


def test_an_undeclared_school_year_is_judged_as_school_time_and_asked_for(book):
    report = check(book, D(2020, 9, 15))
    (asked,) = [f for f in report.findings if f.code == "school-year-undeclared"]
    assert asked.value == "2020-2021"
    assert all(month in asked.message() for month in ("tháng 6/2020", "tháng 7/2020",
                                                       "tháng 8/2020", "quý III/2020"))
    assert {"2020-06", "2020-07", "2020-08"} <= {f.period for f in report.findings
                                                 if f.code == "cadence-shortfall"}


def test_the_yearly_occasion_recurs_in_each_year_of_the_plan(book):
    plan = read_plan(book)
    (topic,) = [t for t in plan.topics if t.yearly]
    assert [w.key for w in topic.windows(plan)] == [
        f"{y}-11-15/{y}-11-20" for y in (2017, 2018, 2019, 2020)]
    results = {f.period: f.code for f in check(book, D(2021, 1, 15)).findings
               if f.tab == "Chủ đề"}
    assert results == {"2019-11-15/2019-11-20": "coverage-window-missed",
                       "2020-11-15/2020-11-20": "coverage-window-missed"}


def test_a_yearly_window_across_new_year_belongs_to_the_year_it_starts_in():
    school = three_year_school()
    school["topics"][1][3:5] = [D(2018, 12, 15), D(2019, 1, 15)]
    plan = read_plan(open_book(io.BytesIO(workbook_bytes(school))))
    (topic,) = [t for t in plan.topics if t.yearly]
    assert [(w.start, w.end) for w in topic.windows(plan)] == [
        (D(y, 12, 15), D(y + 1, 1, 15)) for y in (2017, 2018, 2019, 2020)]


def test_a_rule_valid_between_dates_judges_the_periods_ending_between_them():
    school = three_year_school()
    news = school["cadence"][0]
    school["cadence"] = [[*news, None, None, D(2018, 12, 31)],  # 2 a month up to 2018
                         [*news[:2], 3, *news[3:], None, D(2019, 1, 1), None],  # then 3
                         school["cadence"][1]]
    report = check(open_book(io.BytesIO(workbook_bytes(school))), THREE_YEAR_AS_OF)
    short = {f.period for f in report.findings if f.code == "cadence-shortfall"
             and f.params["product"] == "Tin bài"}
    # From 2019, 2 news a month no longer meet 3 (November 2019 has a third, for 20/11; May
    # 2020 is still running on 31/05/2020).
    assert short == {"2018-03", "2019-01", "2019-02", "2019-03", "2019-04", "2019-05",
                     "2019-09", "2019-10", "2019-12", "2020-01", "2020-02", "2020-03",
                     "2020-04"}


def test_the_plan_names_its_period_and_its_signer(book):
    document = docx.Document(io.BytesIO(docx_bytes(plan_document(book))))
    lines = texts(document)
    nd30_rules.check_document(document)
    assert ("Trường Tiểu học Sơn Thủy xây dựng Kế hoạch truyền thông về giáo dục và đào tạo "
            "giai đoạn 2017 - 2020; cụ thể như sau:") in lines
    assert "KT. HIỆU TRƯỞNG" in lines and "PHÓ HIỆU TRƯỞNG" in lines
    assert "Số: 90/KH-THST" in lines


# The reports, counted here --------------------------------------------------------------------

def school_day(day: dt.date) -> bool:
    in_year = any(start <= day <= end for _, start, _, end in SCHOOL_YEARS)
    return in_year and not any(start <= day <= end for _, start, end in BREAKS)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(n) for n in range((last - first).days + 1)]


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    following = D(year + month // 12, month % 12 + 1, 1)
    return D(year, month, 1), following - dt.timedelta(1)


def quarter_span(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return month_span(year, 3 * quarter - 2)[0], month_span(year, 3 * quarter)[1]


def spans(kind: str, first: dt.date, last: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(label, start, end) of the months or quarters that meet first..last."""
    found = []
    for year in range(first.year, last.year + 1):
        if kind == "month":
            found += [(f"tháng {m}/{year}", *month_span(year, m)) for m in range(1, 13)]
        else:
            found += [(f"quý {ROMAN[q]}/{year}", *quarter_span(year, q)) for q in range(1, 5)]
    return [s for s in found if s[1] <= last and s[2] >= first]


def inside(first: dt.date, last: dt.date, rows=REGISTER) -> list[list]:
    return [r for r in rows if first <= r[0] <= last]


PERIODS = {  # report key → its first and last day, from the sheet's own dates
    "2018-03": (D(2018, 3, 1), D(2018, 3, 31)),
    "2018-Q4": (D(2018, 10, 1), D(2018, 12, 31)),
    "HK1-2017-2018": (D(2017, 9, 5), D(2018, 1, 13)),
    "HK2-2018-2019": (D(2019, 1, 13), D(2019, 5, 24)),
    "2019": (D(2019, 1, 1), D(2019, 12, 31)),
}


@pytest.fixture(scope="module")
def reports(book):
    plan = read_plan(book)
    return {key: docx.Document(io.BytesIO(docx_bytes(report_document(book, key, LATER, plan))))
            for key in PERIODS}


def by_type(rows: list[list]) -> list[str]:
    return [str(sum(r[2] == t for r in rows)) for t in TYPES] + [str(len(rows))]


@pytest.mark.parametrize("key", PERIODS)
def test_the_report_follows_the_decree_and_names_its_plan(key, reports):
    nd30_rules.check_document(reports[key])
    lines = texts(reports[key])
    assert any(line.startswith("Thực hiện Kế hoạch số 90/KH-THST ngày 06/11/2017 của Trường "
                               "Tiểu học Sơn Thủy") for line in lines)
    assert "KT. HIỆU TRƯỞNG" in lines


@pytest.mark.parametrize("key", PERIODS)
def test_topic_unit_and_appendix_tables_count_the_period_s_rows(key, reports):
    chosen = inside(*PERIODS[key])
    document = reports[key]
    topics = table(document, "STT", "Nội dung/Chủ đề")
    assert topics[0] == ["STT", "Nội dung/Chủ đề", *TYPES, "Tổng"]
    assert topics[1:] == [
        *([str(n), name, *by_type([r for r in chosen if r[1] == name])]
          for n, name in enumerate(TOPICS, start=1)),
        ["", "Tổng cộng", *by_type(chosen)]]
    units = table(document, "Đơn vị")
    assert units[1:] == [*([u, *by_type([r for r in chosen if r[5] == u])] for u in UNITS),
                         ["Tổng cộng", *by_type(chosen)]]
    assert len(table(document, "STT", "Ngày")) - 1 == len(chosen)


def judged(first: dt.date, last: dt.date) -> bool:
    return last >= EFFECTIVE and any(school_day(d) for d in days(first, last))


@pytest.mark.parametrize("key", PERIODS)
def test_the_month_table_counts_and_judges_each_month(key, reports):
    first, last = PERIODS[key]
    expected = []
    for _label, start, end in spans("month", first, last):
        part = inside(max(start, first), min(end, last))
        count = sum(r[2] == "Tin bài" for r in part)
        if start < first or end > last:
            shown, verdict = f"{max(start, first):%d}–{min(end, last):%d/%m/%Y}", "Xem mục II.1"
        else:
            shown = f"{start:%m/%Y}"
            verdict = ("Không xét" if not judged(start, end) else
                       "Đạt" if count >= 2 else "Chưa đạt")
        expected.append([shown, str(count), "02 tin bài", verdict])
    if len(expected) > 1:
        expected.append(["Tổng cộng", str(sum(int(r[1]) for r in expected)), "", ""])
    assert table(reports[key], "Tháng")[1:] == expected


@pytest.mark.parametrize("key", PERIODS)
def test_the_cadence_table_judges_the_periods_that_end_in_the_report(key, reports):
    first, last = PERIODS[key]
    expected = []
    for product, types, minimum, kind, units in RULES:
        for label, start, end in spans(kind, first, last):
            ends_in = first <= end <= last
            if not (ends_in or start <= last < end) or not judged(start, end):
                continue
            if not all(school_day(d) for d in days(start, end)):
                label += " (có ngày nghỉ)"
            counted = [r for r in inside(start, min(end, last)) if r[2] in types]
            for scope in units or ["Toàn trường"]:
                count = sum(units is None or r[5] == scope for r in counted)
                verdict = ("Đạt" if count >= minimum else
                           "Chưa đạt" if ends_in else "Đang thực hiện")
                expected.append([product, label, scope, str(count), str(minimum), verdict])
    assert table(reports[key], "Sản phẩm", "Kỳ")[1:] == expected


def test_the_year_report_names_its_shortfalls_and_the_missed_occasion(reports):
    lines = texts(reports["2019"])
    assert "Có 03 kỳ chưa đạt định mức:" in lines
    assert "- Tin bài, tháng 2/2019 (có ngày nghỉ): mới có 01 tin bài, tối thiểu 02 tin bài;" \
        in lines
    assert "- Ảnh/Video của tổ của Tổ 4-5, quý I/2019 (có ngày nghỉ): chưa có ảnh/video nào, " \
           "tối thiểu 01 ảnh/video;" in lines
    assert (f"- Chủ đề 2: {TEACHERS_DAY}, theo dịp từ ngày 15/11/2019 đến ngày 20/11/2019: có "
            "01 sản phẩm, tối thiểu 02 sản phẩm.") in lines


def test_the_first_semester_shows_the_month_still_open_at_its_end(reports):
    rows = table(reports["HK1-2017-2018"], "Sản phẩm", "Kỳ")
    assert ["Tin bài", "tháng 1/2018", "Toàn trường", "1", "2", "Đang thực hiện"] in rows
    assert not any(row[1] in ("tháng 9/2017", "tháng 10/2017") for row in rows)  # before 06/11


def test_the_quarter_report_says_the_occasion_of_its_year_was_met(reports):
    assert any(line.startswith(f"Các chủ đề theo dịp kết thúc trong kỳ đều đạt số lượng tối "
                               f"thiểu: chủ đề 2 “{TEACHERS_DAY}”")
               for line in texts(reports["2018-Q4"]))


# A workbook in the older layout ----------------------------------------------------------------

OLDER = Path(__file__).parent / "data" / "older-layout-2024.xlsx"  # the demo as of e3e5af4


def test_a_workbook_in_the_older_layout_keeps_reading_and_says_what_to_add():
    book = open_book(str(OLDER))
    plan = read_plan(book)
    assert [y.school_year for y in plan.school_years] == ["2023-2024"]  # the general tab's
    codes = {f.code: f for f in check(book, D(2024, 12, 31)).findings}
    assert {"missing-calendar-tab", "missing-breaks-tab", "school-year-undeclared",
            "missed-before-issue"} <= codes.keys()
    assert codes["school-year-undeclared"].value == "2024-2025"
    headers = {f.column for f in check(book, D(2024, 12, 31)).findings
               if f.code == "missing-optional-header"}
    assert headers == {"Hằng năm", "Thời gian xét", "Áp dụng từ ngày", "Áp dụng đến ngày"}
    assert not [f for f in book.findings if f.severity == "error"]
    document = report_document(book, "HK2-2023-2024", D(2025, 1, 15), plan)
    assert docx_bytes(document)
