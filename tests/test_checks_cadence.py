"""Periods, cadence rules and topic coverage: which periods are judged, how, and with what words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from commsplan.findings import CATALOGUE, ERROR, WARNING, Report, blocking
from commsplan.periods import (
    CURRENT,
    FUTURE,
    PAST,
    Calendar,
    Period,
    calendar_from,
    month_periods,
    parse_period,
    period_label,
    periods_in,
    plan_period,
)
from tests.test_checks_corpus import U1, U2, Case, build, check, edits, set_cell, set_field

D = dt.date
CALENDAR = Calendar("2023-2024", D(2023, 9, 5), D(2024, 1, 13), D(2024, 5, 31))


# Periods ------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, kind, start, end, vi, en", [
    ("2024-03", "month", D(2024, 3, 1), D(2024, 3, 31), "tháng 3/2024", "March 2024"),
    ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29), "tháng 2/2024", "February 2024"),
    ("2024-Q1", "quarter", D(2024, 1, 1), D(2024, 3, 31), "quý I/2024", "Q1 2024"),
    ("2024-Q4", "quarter", D(2024, 10, 1), D(2024, 12, 31), "quý IV/2024", "Q4 2024"),
    ("HK1-2023-2024", "semester", D(2023, 9, 5), D(2024, 1, 13),
     "học kỳ I năm học 2023-2024", "semester I of school year 2023-2024"),
    ("HK2-2023-2024", "semester", D(2024, 1, 14), D(2024, 5, 31),
     "học kỳ II năm học 2023-2024", "semester II of school year 2023-2024"),
    ("2024", "year", D(2024, 1, 1), D(2024, 12, 31), "năm 2024", "2024"),
    ("2024-2025", "years", D(2024, 1, 1), D(2025, 12, 31), "giai đoạn 2024-2025",
     "the years 2024-2025"),
    ("2024-03-01/2024-03-10", "range", D(2024, 3, 1), D(2024, 3, 10),
     "từ 01/03/2024 đến 10/03/2024", "01/03/2024 to 10/03/2024"),
])
def test_parse_period(key, kind, start, end, vi, en):
    period = parse_period(key, CALENDAR)
    assert (period.key, period.kind, period.start, period.end) == (key, kind, start, end)
    assert period.label() == vi == period_label(key)
    assert period.label("en") == en


@pytest.mark.parametrize("key", ["2024-13", "2024-Q5", "HK3-2023-2024", "HK1-2022-2023",
                                 "tháng 3", "", "2024-2023"])
def test_parse_period_refuses(key):
    with pytest.raises(ValueError):
        parse_period(key, CALENDAR)


def test_periods_in_a_plan_year():
    plan = plan_period("2024")
    assert [p.key for p in periods_in("month", plan.start, plan.end)] == [
        f"2024-{m:02d}" for m in range(1, 13)]
    assert [p.key for p in periods_in("quarter", plan.start, plan.end)] == [
        "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert [p.key for p in periods_in("year", plan.start, plan.end)] == ["2024"]
    assert month_periods(D(2024, 11, 15), D(2025, 1, 31))[0] == Period(
        D(2024, 11, 15), D(2024, 11, 30), "2024-11", "month", clipped=True)


def test_semesters_are_clipped_to_the_plan():
    plan = plan_period("2024")
    first, second = periods_in("semester", plan.start, plan.end, CALENDAR)
    assert (first.key, first.start, first.end, first.clipped) == (
        "HK1-2023-2024", D(2024, 1, 1), D(2024, 1, 13), True)
    assert (second.key, second.start, second.end, second.clipped) == (
        "HK2-2023-2024", D(2024, 1, 14), D(2024, 5, 31), False)
    assert "01/01/2024–13/01/2024" in first.label()
    assert periods_in("semester", plan.start, plan.end, None) == []
    assert periods_in("semester", D(2025, 1, 1), D(2025, 12, 31), CALENDAR) == []


def test_period_status():
    march = parse_period("2024-03")
    assert march.status(D(2024, 4, 1)) == PAST
    assert march.status(D(2024, 3, 31)) == CURRENT  # the last day still belongs to it
    assert march.status(D(2024, 3, 1)) == CURRENT
    assert march.status(D(2024, 2, 29)) == FUTURE


def test_plan_period_and_calendar_from_the_general_tab():
    assert plan_period("2024").key == "2024"
    assert plan_period(" 2024 - 2025 ").key == "2024-2025"
    for text in ("năm 2024", "2025-2024", "24", None, "0000"):
        assert plan_period(text) is None
    values = {"school_year": "2023-2024", "school_year_start": D(2023, 9, 5),
              "semester1_end": D(2024, 1, 13), "school_year_end": D(2024, 5, 31)}
    assert calendar_from(values) == CALENDAR
    assert calendar_from({**values, "semester1_end": D(2023, 8, 1)}) is None
    assert calendar_from({**values, "school_year": "2023"}) is None


# Cadence ------------------------------------------------------------------------------------

def test_past_periods_are_errors_the_current_a_warning_the_future_unjudged():
    book = build(Case("no-register", [], data=lambda d: d.__setitem__("activities", [])))
    report = check(book, as_of=D(2024, 2, 10))
    news = sorted((f.code, f.period) for f in report.findings
                  if f.code.startswith("cadence-") and f.params.get("product") == "Tin bài")
    assert news == [("cadence-pending", "2024-02"), ("cadence-shortfall", "2024-01")]


def test_a_unit_with_no_activity_is_still_judged():
    book = build(Case("unit", [], data=lambda d: d["units"].append(["Tổ 3", None, "Có"])))
    report = check(book)
    scoped = {(f.period, f.severity) for f in report.findings if f.scope == "Tổ 3"}
    assert scoped == {("2024-01", ERROR), ("2024-02", ERROR), ("2024-03", WARNING)}


def test_unmarked_units_are_not_judged():
    book = build(Case("office", [], data=set_cell("activities", 12, "unit", "Văn phòng")))
    report = check(book)
    assert [(f.code, f.period, f.scope) for f in report.findings] == [
        ("cadence-pending", "2024-03", U2)]


def test_cadence_findings_carry_period_scope_and_the_register_tab():
    book = build(Case("short", [], data=set_cell("activities", 8, "unit", U1)))
    (finding,) = check(book).findings
    assert (finding.code, finding.tab, finding.row, finding.column) == (
        "cadence-shortfall", "Nhật ký", None, None)
    assert (finding.period, finding.scope, finding.value) == ("2024-02", U2, "0")
    assert finding.message() == (
        "Định mức 'Tư liệu của tổ' (đơn vị Tổ 4-5): tháng 2/2024 chỉ có 0 ảnh/video, chưa đạt "
        "tối thiểu 1 (tính các loại: Ảnh, Video). Nếu còn hoạt động chưa ghi, hãy thêm dòng vào "
        "trang tính 'Nhật ký' với Loại là Ảnh, Video và Đơn vị là 'Tổ 4-5'; nếu không, hãy nêu "
        "lý do trong báo cáo.")
    assert finding.message("en").startswith(
        "Rule 'Tư liệu của tổ' (unit Tổ 4-5): February 2024 has 0 ảnh/video, short of the "
        "minimum 1")


def test_activities_outside_the_plan_do_not_count():
    book = build(Case("moved", [], data=set_cell("activities", 6, "date", D(2023, 2, 6))))
    codes = sorted((f.code, f.period) for f in check(book).findings)
    assert codes == [("cadence-shortfall", "2024-02"), ("date-outside-plan", None)]


def test_nothing_is_judged_before_the_plan_starts():
    book = build(Case("early", [], data=lambda d: d.__setitem__("activities", [])))
    report = check(book, as_of=D(2023, 12, 31))
    assert [f for f in report.findings if f.code.startswith(("cadence-", "coverage-"))] == []


def test_a_plan_over_two_years_is_judged_month_by_month_across_them():
    book = build(Case("two-years", [], data=set_field("Năm kế hoạch", "2024-2025")))
    report = check(book, as_of=D(2025, 2, 10))
    shortfalls = [f.period for f in report.findings
                  if f.code == "cadence-shortfall" and f.params["product"] == "Tin bài"]
    assert shortfalls == [f"2024-{m:02d}" for m in range(4, 13)] + ["2025-01"]


# Coverage -----------------------------------------------------------------------------------

def test_a_topic_short_at_the_end_of_the_plan_is_an_error():
    book = build(Case("minimum", [], data=set_cell("topics", 2, "minimum", 10)))
    findings = [f for f in check(book, as_of=D(2025, 1, 5)).findings if f.tab == "Chủ đề"]
    assert [(f.code, f.row, f.period, f.value) for f in findings] == [
        ("coverage-shortfall", 2, "2024", "4")]
    assert "chủ đề 'Truyền thông chính sách' chỉ có 4 hoạt động trong năm 2024" in \
        findings[0].message()


def test_a_window_counts_only_activities_inside_it():
    # The Điện Biên Phủ topic's two activities are on 05/03 and 06/03; a window ending on
    # 04/03 sees none of them.
    book = build(Case("window", [], data=set_cell("topics", 4, "window_to", D(2024, 3, 4))))
    findings = check(book).findings
    assert [(f.code, f.period) for f in findings] == [
        ("coverage-window-missed", "2024-03-01/2024-03-04")]


# What stops documents -----------------------------------------------------------------------

def test_shortfalls_never_block_documents_data_errors_do():
    book = build(Case("both", [], data=edits(set_cell("activities", 8, "unit", U1),
                                             set_cell("activities", 13, "link", "www.x"))))
    report = check(book)
    assert sorted(f.code for f in report.errors) == ["cadence-shortfall", "invalid-url"]
    assert [f.code for f in blocking(report)] == ["invalid-url"]
    assert not report.valid


def test_every_cadence_and_coverage_code_is_non_blocking_and_every_other_error_blocks():
    for code in CATALOGUE.values():
        period_rule = code.code.startswith(("cadence-", "coverage-"))
        assert code.blocks_documents is not period_rule or code.severity == WARNING


def test_blocking_of_an_empty_report():
    assert blocking(Report([])) == []


# The demo workbook, counted independently ---------------------------------------------------

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"


def _sheet_rows(workbook, title: str) -> list[dict]:
    """A tab's rows as {header: value}, straight from openpyxl."""
    rows = workbook[title].iter_rows(values_only=True)
    headers = next(rows)
    return [dict(zip(headers, row)) for row in rows if any(v not in (None, "") for v in row)]


def _demo_date(value) -> dt.date:
    """The register's dates as the demo writes them: date cells, d/m/yyyy text, serials."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)):
        return D(1899, 12, 30) + dt.timedelta(days=int(value))
    return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()


def _short_months_counted_from_the_file(as_of: dt.date) -> dict[tuple[str, str], str]:
    """{(product, 'YYYY-MM'): 'error' | 'warning'} from the .xlsx, without the Book."""
    from openpyxl import load_workbook

    workbook = load_workbook(DEMO, read_only=True, data_only=True)
    general = {row[0]: row[1] for row in workbook["Thông tin chung"].iter_rows(values_only=True)}
    year = int(str(general["Năm kế hoạch"]))
    school_years = [(_demo_date(r["Ngày bắt đầu năm học"]), _demo_date(r["Ngày kết thúc năm học"]))
                    for r in _sheet_rows(workbook, "Lịch năm học")]

    def school_month(first: dt.date) -> bool:  # a month with a school day (no summer month)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(1)
        return any(start <= last and first <= end for start, end in school_years)

    counts: dict[tuple[str, str], int] = {}
    for row in _sheet_rows(workbook, "Nhật ký"):
        day = _demo_date(row["Ngày"])
        key = (f"{day.year}-{day.month:02d}", row["Loại"])
        counts[key] = counts.get(key, 0) + 1
    short = {}
    for rule in _sheet_rows(workbook, "Định mức"):
        assert (rule["Chu kỳ"], rule["Phạm vi"]) == ("tháng", "Toàn trường"), \
            "the demo gained a rule this test does not count yet"
        types = [t.strip() for t in rule["Loại được tính"].split(",")]
        for month in range(1, 13):
            first = D(year, month, 1)
            if first > as_of:
                break
            if not school_month(first):
                continue
            key = f"{year}-{month:02d}"
            if sum(counts.get((key, t), 0) for t in types) < rule["Tối thiểu"]:
                last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) \
                    - dt.timedelta(days=1)
                short[(rule["Sản phẩm"], key)] = "error" if last < as_of else "warning"
    return short


@pytest.mark.skipif(not DEMO.exists(), reason="the demo workbook is built by scripts/build_demo.py")
@pytest.mark.parametrize("as_of", ["15/06/2024", "31/12/2024", "15/01/2025"])
def test_the_demo_check_matches_month_by_month_counts_from_the_file(as_of, capsys):
    from commsplan.cli import main

    main(["check", str(DEMO), "--as-of", as_of, "--json"])
    findings = [f for f in json.loads(capsys.readouterr().out)["findings"]
                if f["code"].startswith("cadence-")]
    assert {f["scope"] for f in findings} <= {"Toàn trường"}
    # The JSON names the period, not the rule: its message opens "Định mức '<product>' …".
    reported = {(f["message"].split("'")[1], f["period"]): f["severity"] for f in findings}
    assert len(reported) == len(findings)
    expected = _short_months_counted_from_the_file(_date(as_of))
    assert reported == expected
    assert expected  # the demo's register has real gaps to report


def _date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def test_topic_dates_from_the_book_s_distinct_values_equal_a_group_by():
    import numpy as np

    from commsplan.checks.coverage import topic_dates

    # untidy spellings of one topic, a row without a topic, a row without a date
    book = build(Case("spellings", [], data=edits(
        set_cell("activities", 3, "topic", " Thực hiện hiệu quả chương trình giáo dục phổ thông "),
        set_cell("activities", 4, "topic", None), set_cell("activities", 5, "date", None))))
    fast = topic_dates(book)
    saved = book["activities"].distinct.pop("topic")  # the group-by a table without them takes
    slow = topic_dates(book)
    book["activities"].distinct["topic"] = saved
    assert fast.keys() == slow.keys() and len(fast) == 3
    assert all(np.array_equal(np.sort(fast[t]), np.sort(slow[t])) for t in fast)
