"""A report is bounded by its period: it counts the activities dated in it, judges the cadence
periods that end in it, shows the ones still open at its end in progress, and comes out the
same whatever later day it is made. One rule for check and report: on its last day a period
is still in progress. Periods outside the plan or not begun are refused."""

from __future__ import annotations

import copy
import datetime as dt
import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsplan.book import build_book
from commsplan.checks.run import run_checks
from commsplan.cli import main
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.report import ReportError, report_document
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources.workbook import read_workbook
from tests.test_checks_corpus import base_data, set_field
from tests.test_report import table, texts

D = dt.date
LATER = D(2025, 1, 15)  # long after every period of the 2024 plan


def book_of(*changes, data: dict | None = None):
    data = copy.deepcopy(data or base_data())
    for change in changes:
        change(data)
    return build_book(read_workbook(io.BytesIO(workbook_bytes(data))))


def reopen(document) -> docx.Document:
    return docx.Document(io.BytesIO(docx_bytes(document)))


def cadence_rows(document) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(product, period, scope) → (count, verdict) from the report's cadence table."""
    return {(r[0], r[1], r[2]): (r[3], r[5]) for r in table(document, "Sản phẩm", "Kỳ")[1:]}


# The base workbook's register (tests/test_checks_corpus.py): videos on 07/02 and 07/03,
# news on 08/01, 06/02, 05/03 and 12/03, reportages on 12/01 and 20/02.

def test_a_month_report_shows_the_open_quarter_counted_up_to_the_month_s_end():
    document = reopen(report_document(book_of(), "2024-02", LATER))
    rows = cadence_rows(document)
    assert rows[("Video", "quý I/2024", "Toàn trường")] == ("1", "Đạt")  # 07/02, not 07/03
    assert rows[("Tổng kết năm", "năm 2024", "Toàn trường")] == ("2", "Đang thực hiện")
    assert rows[("Tin bài", "tháng 2/2024", "Toàn trường")] == ("1", "Đạt")
    assert not any(period == "tháng 1/2024" for _, period, _ in rows)  # over before February
    assert not any(period == "tháng 3/2024" for _, period, _ in rows)  # after it


def test_the_quarter_is_judged_in_the_report_of_its_last_month_on_its_own_months():
    rows = cadence_rows(reopen(report_document(book_of(), "2024-03", LATER)))
    assert rows[("Video", "quý I/2024", "Toàn trường")] == ("2", "Đạt")
    rows = cadence_rows(reopen(report_document(
        book_of(set_field("Năm kế hoạch", "2024")), "2024-Q1", LATER)))
    assert rows[("Video", "quý I/2024", "Toàn trường")] == ("2", "Đạt")
    assert rows[("Tổng kết năm", "năm 2024", "Toàn trường")] == ("4", "Đạt")  # still open


def test_a_semester_report_does_not_judge_the_quarter_that_outlasts_it():
    # HK1 2023-2024 ends on 13/01/2024 (cut to the plan year: 01–13/01): quarter I is still
    # open then, with none of its videos yet.
    document = reopen(report_document(book_of(), "HK1-2023-2024", LATER))
    rows = cadence_rows(document)
    assert rows[("Video", "quý I/2024", "Toàn trường")] == ("0", "Đang thực hiện")
    lines = texts(document)
    assert not any("quý I/2024" in line and "Chưa đạt" in line for line in lines)


def test_nothing_after_the_period_s_end_is_counted_anywhere():
    document = reopen(report_document(book_of(), "2024-02", LATER))
    appendix = table(document, "STT", "Ngày")[1:]
    assert {row[1][3:] for row in appendix} == {"02/2024"}
    assert table(document, "Đơn vị")[-1][-1] == str(len(appendix))


# One rule: on its last day a period is in progress ---------------------------------------

def _no_news_in_february(data):
    data["activities"] = [a for a in data["activities"]
                          if not (a[0].month == 2 and a[2] == "Tin bài")]


@pytest.mark.parametrize("as_of, code, verdict, partial", [
    (D(2024, 2, 29), "cadence-pending", "Đang thực hiện", True),
    (D(2024, 3, 1), "cadence-shortfall", "Chưa đạt", False),
])
def test_check_and_report_agree_on_the_last_day_and_the_day_after(as_of, code, verdict, partial):
    book = book_of(_no_news_in_february)
    found = {f.code for f in run_checks(book, as_of, today=as_of).findings
             if f.period == "2024-02" and f.params.get("product") == "Tin bài"}
    assert found == {code}
    document = reopen(report_document(book, "2024-02", as_of))
    assert cadence_rows(document)[("Tin bài", "tháng 2/2024", "Toàn trường")] == ("0", verdict)
    note = "Số liệu tính đến ngày 29/02/2024, khi tháng 2 năm 2024 chưa kết thúc."
    assert (note in texts(document)) is partial


# Made on any later day, the same bytes ------------------------------------------------------

TOPICS = [t[1] for t in base_data()["topics"]]
UNITS = [u[0] for u in base_data()["units"]]
activity = st.tuples(st.dates(D(2024, 1, 1), D(2024, 12, 31)), st.sampled_from(TOPICS),
                     st.sampled_from(["Tin bài", "Ảnh", "Video", "Phóng sự"]),
                     st.sampled_from(UNITS))
finished = st.sampled_from(["2024-01", "2024-02", "2024-06", "2024-Q1", "2024-Q3",
                            "HK2-2023-2024"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=st.lists(activity, max_size=12), key=finished,
       later=st.lists(st.integers(1, 400), min_size=2, max_size=2),
       cutoff=st.sampled_from([None, 14]))
def test_a_finished_period_s_report_is_the_same_bytes_whatever_day_it_is_made(register, key,
                                                                              later, cutoff):
    def rows(data):
        data["activities"] = [[day, topic, kind, f"Hoạt động {n}", "Lò Thị Hương", unit,
                               "Website trường", None, None]
                              for n, (day, topic, kind, unit) in enumerate(register)]
        data["general"].append(["Ngày chốt số liệu", cutoff])  # months from the 15th
    book = book_of(rows)
    from commsplan.plan import read_plan

    end = read_plan(book).parse(key).end
    made = [docx_bytes(report_document(book, key, end + dt.timedelta(days=days)))
            for days in later]
    assert made[0] == made[1]


# Impossible periods --------------------------------------------------------------------------

@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(base_data()))
    return path


@pytest.mark.parametrize("period, as_of, words", [
    ("2021", "20/03/2024", "Kỳ báo cáo năm 2021 nằm ngoài kỳ kế hoạch (năm 2024)"),
    ("2025-01", "20/03/2025", "Kỳ báo cáo tháng 1/2025 nằm ngoài kỳ kế hoạch (năm 2024)"),
    ("2024-06", "20/03/2024", "Kỳ báo cáo tháng 6/2024 chưa bắt đầu (bắt đầu ngày 01/06/2024, "
                              "số liệu tính đến ngày 20/03/2024), nên không tạo báo cáo. Kỳ kế "
                              "hoạch: năm 2024."),
])
def test_an_impossible_period_exits_2_naming_the_plan_period(workbook, tmp_path, capsys,
                                                              period, as_of, words):
    out = tmp_path / "bc.docx"
    assert main(["report", str(workbook), "--period", period, "--as-of", as_of,
                 "-o", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_a_period_not_over_is_made_with_a_warning(workbook, tmp_path, capsys):
    out = tmp_path / "bc.docx"
    assert main(["report", str(workbook), "--period", "2024-Q1", "--as-of", "20/03/2024",
                 "-o", str(out)]) == 0
    assert ("Lưu ý: quý I/2024 chưa kết thúc (đến hết ngày 31/03/2024); báo cáo ghi số liệu "
            "tính đến ngày 20/03/2024.") in capsys.readouterr().err
    assert "Số liệu tính đến ngày 20/03/2024, khi quý I năm 2024 chưa kết thúc." in \
        texts(docx.Document(out))


def test_the_library_refuses_them_too():
    with pytest.raises(ReportError) as refused:
        report_document(book_of(), "2024-04", D(2024, 3, 20))
    assert refused.value.key == "report-not-begun"


def test_generate_skips_a_configured_period_not_begun_and_says_so(workbook, tmp_path, capsys):
    config = tmp_path / "commsplan.toml"
    config.write_text(f'source = "{workbook.name}"\noutput = "van-ban"\npdf = false\n'
                      'reports = ["2024-02", "2024-06", "2023-12", "tháng"]\n'
                      'as_of = "31/03/2024"\n', "utf-8")
    assert main(["generate", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Bỏ qua: tháng 6/2024 chưa bắt đầu (bắt đầu ngày 01/06/2024)." in out
    assert "Bỏ qua: tháng 12/2023 nằm ngoài kỳ kế hoạch (năm 2024)." in out
    # the months ended before 31/03/2024; March is still in progress on its last day
    assert sorted(p.name for p in (tmp_path / "van-ban").iterdir()) == [
        "BC-truyen-thong-2024-01.docx", "BC-truyen-thong-2024-02.docx",
        "KH-truyen-thong-2024.docx"]


# When the plan takes effect ------------------------------------------------------------------

EFFECTIVE = "Ngày hiệu lực"


def test_no_period_ending_before_the_plan_takes_effect_is_judged():
    book = book_of(_no_news_in_february, set_field(EFFECTIVE, D(2024, 3, 5)),
                   set_field("Ngày ban hành", D(2024, 3, 5)))
    found = [(f.code, f.period) for f in run_checks(book, D(2024, 4, 10), today=D(2024, 4, 10))
             .findings if f.code.startswith(("cadence-", "coverage-", "missed-"))]
    # February is not judged; March (which holds 05/03) and quarter I are, on their whole.
    assert ("cadence-shortfall", "2024-02") not in found
    assert ("cadence-shortfall", "2024-01") not in found
    assert ("cadence-shortfall", "HK1-2023-2024") not in found


def test_a_period_holding_the_effective_day_is_judged_whole_and_counts_earlier_activities():
    book = book_of(set_field(EFFECTIVE, D(2024, 2, 15)), set_field("Ngày ban hành",
                                                                   D(2024, 2, 15)))
    document = reopen(report_document(book, "2024-Q1", LATER))
    rows = cadence_rows(document)
    assert rows[("Tin bài", "tháng 2/2024", "Toàn trường")] == ("1", "Đạt")  # 06/02 counts
    assert ("Tin bài", "tháng 1/2024", "Toàn trường") not in rows
    months = {r[0]: r[-1] for r in table(document, "Tháng")[1:]}
    assert months["01/2024"] == "Không xét"
    assert len(table(document, "STT", "Ngày")) - 1 == 12  # January's activities are listed


def test_a_report_on_a_period_before_the_plan_took_effect_is_refused():
    book = book_of(set_field(EFFECTIVE, D(2024, 2, 15)))
    with pytest.raises(ReportError) as refused:
        report_document(book, "2024-01", LATER)
    assert refused.value.key == "report-outside-plan"
    assert "có hiệu lực từ ngày 15/02/2024" in refused.value.message()


def test_shortfalls_before_the_date_of_issue_warn_and_name_the_effective_date_field():
    book = book_of(_no_news_in_february, set_field(EFFECTIVE, None),
                   set_field("Ngày ban hành", D(2024, 3, 15)))
    findings = run_checks(book, D(2024, 4, 10), today=D(2024, 4, 10)).findings
    (warning,) = [f for f in findings if f.code == "missed-before-issue"]
    assert (warning.tab, warning.row, warning.column) == ("Thông tin chung", 8, EFFECTIVE)
    assert warning.severity == "warning"
    assert "mục 'Ngày hiệu lực' để trống" in warning.message()
    assert "(tháng 2/2024)" in warning.message()
    assert "'Ngày hiệu lực' is empty" in warning.message("en")
    filled = book_of(_no_news_in_february, set_field(EFFECTIVE, D(2024, 1, 1)),
                     set_field("Ngày ban hành", D(2024, 3, 15)))
    codes = [f.code for f in run_checks(filled, D(2024, 4, 10), today=D(2024, 4, 10)).findings]
    assert "missed-before-issue" not in codes and "cadence-shortfall" in codes


def test_an_effective_date_outside_the_plan_is_a_warning():
    book = book_of(set_field(EFFECTIVE, D(2023, 11, 6)))
    (finding,) = [f for f in run_checks(book, D(2024, 3, 20), today=D(2024, 3, 20)).findings
                  if f.code == "effective-date-outside-plan"]
    assert (finding.row, finding.value) == (8, "06/11/2023")

