"""Reports on any window of days (--from/--to), on one topic (--topic), and months cut at a
cut-off day (NĐ 09/2019, art. 12): from .xlsx and through the fake Sheets server alike, with
the check and the report still agreeing."""

from __future__ import annotations

import copy
import datetime as dt
import io

import docx
import pytest

from commsplan import check, open_book
from commsplan.cli import main
from commsplan.contract import load_contract
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.report import report_document
from commsplan.sheet_writers.workbook import workbook_bytes
from tests.test_checks_corpus import ACTIVITIES, base_data
from tests.test_google_source import google, write_xlsx  # noqa: F401 (fixture)
from tests.test_report import table, texts

D = dt.date
AS_OF = "20/03/2024"
T3 = "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"  # topic 3: window 01/03–10/03/2024


def as_tabs(data: dict) -> dict[str, list[list]]:
    """Workbook data (tab key → rows) as the tabs of a sheet: tab name → rows, header first."""
    tabs = {}
    for tab in load_contract().tabs:
        rows = data.get(tab.key, [])
        if tab.layout == "fields":
            tabs[tab.name] = [[tab.item_header, tab.value_header], *(list(r) for r in rows)]
        else:
            tabs[tab.name] = [[c.header for c in tab.columns], *(list(r) for r in rows)]
    return tabs


@pytest.fixture(params=["xlsx", "google"])
def source(request, tmp_path, google, service_account_file):  # noqa: F811
    """The base workbook as an .xlsx path, or as a fake Google Sheet's URL (same rows)."""
    tabs = as_tabs(base_data())
    if request.param == "xlsx":
        path = tmp_path / "ke-hoach.xlsx"
        write_xlsx(path, tabs)
        return [str(path)]
    key = google.add_spreadsheet("Kế hoạch truyền thông", tabs)
    return [f"https://docs.google.com/spreadsheets/d/{key}/edit",
            "--credentials", str(service_account_file)]


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def titled(activity: list) -> str:
    """The appendix's cell: the title, and the link on a line of its own."""
    return activity[3] + (f"\n{activity[7]}" if activity[7] else "")


def between(first: dt.date, last: dt.date) -> list[list]:
    return sorted((a for a in ACTIVITIES if first <= a[0] <= last), key=lambda a: a[0])


# Any window of days -------------------------------------------------------------------------

def test_a_report_on_a_window_of_days(source, tmp_path, capsys):
    out = tmp_path / "bc.docx"
    code, _, err = run(capsys, "report", *source, "--from", "01/03/2024", "--to", "15/04/2024",
                       "--as-of", "20/04/2024", "-o", out)
    assert code == 0, err
    lines = texts(docx.Document(out))
    assert "Kết quả công tác truyền thông từ ngày 01/03/2024 đến ngày 15/04/2024" in lines
    chosen = between(D(2024, 3, 1), D(2024, 4, 15))
    assert any(line.startswith(f"Trong thời gian từ ngày 01/03/2024 đến ngày 15/04/2024, nhà "
                               f"trường đã thực hiện và đăng tải {len(chosen):02d} sản phẩm")
               for line in lines)
    appendix = table(docx.Document(out), "STT", "Ngày")[1:]
    assert [row[1] for row in appendix] == [f"{a[0]:%d/%m/%Y}" for a in chosen]
    cadence = {(r[0], r[1]): r[5] for r in table(docx.Document(out), "Sản phẩm", "Kỳ")[1:]}
    assert cadence[("Tin bài", "tháng 3/2024")] == "Đạt"  # ended in the window
    assert cadence[("Video", "quý I/2024")] == "Đạt"
    assert cadence[("Tin bài", "tháng 4/2024")] == "Đang thực hiện"  # open at its end
    assert ("Tin bài", "tháng 2/2024") not in cadence
    assert "III. NHIỆM VỤ THỜI GIAN TỚI" in lines


def test_a_window_report_is_named_from_its_dates(tmp_path, capsys, monkeypatch):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(base_data()))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "report", path, "--from", "01/03/2024", "--to", "10/03/2024",
                       "--as-of", AS_OF)
    assert code == 0, err
    assert (tmp_path / "BC-truyen-thong-2024-03-01-den-2024-03-10.docx").exists()


@pytest.mark.parametrize("argv, words", [
    (["--from", "01/03/2024"], "cần cả --from và --to"),
    (["--period", "2024-03", "--from", "01/03/2024", "--to", "05/03/2024"],
     "Chỉ ghi một trong hai"),
    ([], "Hãy cho biết báo cáo về kỳ nào"),
    (["--from", "10/03/2024", "--to", "01/03/2024"], "Ngày --to (01/03/2024) trước ngày --from"),
    (["--from", "01/03/2023", "--to", "10/03/2023"], "nằm ngoài kỳ kế hoạch (năm 2024)"),
    (["--from", "01/04/2024", "--to", "10/04/2024"], "chưa bắt đầu"),
    (["--topic", "9"], "Không có chủ đề số 9: kế hoạch có 03 chủ đề"),
])
def test_a_report_that_cannot_be_made_exits_2(tmp_path, capsys, argv, words):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(base_data()))
    out = tmp_path / "bc.docx"
    code, _, err = run(capsys, "report", path, *argv, "--as-of", AS_OF, "-o", out)
    assert code == 2
    assert words.replace("03 chủ đề", "3 chủ đề") in err
    assert not out.exists()


# One topic --------------------------------------------------------------------------------------

def test_a_report_on_one_topic_in_its_window(source, tmp_path, capsys):
    out = tmp_path / "bc.docx"
    code, _, err = run(capsys, "report", *source, "--topic", "3", "--as-of", AS_OF, "-o", out)
    assert code == 0, err
    document = docx.Document(out)
    lines = texts(document)
    assert (f"Kết quả truyền thông chủ đề “{T3}” từ ngày 01/03/2024 đến ngày 10/03/2024"
            in lines)
    chosen = [a for a in between(D(2024, 3, 1), D(2024, 3, 10)) if a[1] == T3]
    assert [row[2] for row in table(document, "STT", "Ngày")[1:]] == [titled(a) for a in chosen]
    assert table(document, "STT", "Nội dung/Chủ đề")[1][:2] == ["3", T3]
    assert len(table(document, "STT", "Nội dung/Chủ đề")) == 3  # the topic, then the total
    assert (f"- Dịp từ ngày 01/03/2024 đến ngày 10/03/2024: có {len(chosen):02d} sản phẩm, "
            "tối thiểu 01 sản phẩm: đạt.") in lines
    assert not any(line.startswith("1. Thực hiện định mức") for line in lines)


def test_a_report_on_one_topic_over_a_given_period(tmp_path, capsys, monkeypatch):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(base_data()))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "report", path, "--topic", "1", "--period", "2024-02",
                       "--as-of", AS_OF)
    assert code == 0, err
    document = docx.Document(tmp_path / "BC-truyen-thong-chu-de-1-2024-02.docx")
    chosen = [a for a in between(D(2024, 2, 1), D(2024, 2, 29))
              if a[1] == "Truyền thông chính sách"]
    assert [row[2] for row in table(document, "STT", "Ngày")[1:]] == [titled(a) for a in chosen]


# The cut-off day ------------------------------------------------------------------------------

CUTOFF = "Ngày chốt số liệu"


def with_cutoff(day):
    data = base_data()
    data["general"].append([CUTOFF, day])
    return data


def test_months_run_from_the_15th_to_the_14th_for_check_and_report_alike():
    data = with_cutoff(14)
    book = open_book(io.BytesIO(workbook_bytes(data)))
    as_of = D(2024, 3, 20)
    findings = check(book, as_of).findings
    # March (15/02–14/03) has ended by 20/03; April (15/03–14/04) and quarter II (15/03–
    # 14/06) run and have nothing yet
    assert {(f.code, f.period, f.scope) for f in findings} == {
        ("cadence-pending", "2024-04", "Toàn trường"), ("cadence-pending", "2024-04", "Tổ 1-2-3"),
        ("cadence-pending", "2024-04", "Tổ 4-5"), ("cadence-pending", "2024-Q2", "Toàn trường")}
    pending = next(f for f in findings if f.params["product"] == "Tin bài")
    assert "tháng 4/2024 (15/03/2024–14/04/2024) chưa kết thúc" in pending.message()
    document = docx.Document(io.BytesIO(docx_bytes(report_document(book, "2024-03", as_of))))
    lines = texts(document)
    assert ("Số liệu tính từ ngày 15/02/2024 đến ngày 14/03/2024 (chốt số liệu ngày 14 hằng "
            "tháng, theo Nghị định số 09/2019/NĐ-CP).") in lines
    chosen = between(D(2024, 2, 15), D(2024, 3, 14))
    assert [row[1] for row in table(document, "STT", "Ngày")[1:]] == [
        f"{a[0]:%d/%m/%Y}" for a in chosen]
    months = table(document, "Tháng")[1:]
    assert months[0][:2] == ["03/2024", str(sum(a[2] == "Tin bài" for a in chosen))]
    rows = {(r[0], r[1]): (r[3], r[5]) for r in table(document, "Sản phẩm", "Kỳ")[1:]}
    assert rows[("Video", "quý I/2024")] == ("2", "Đạt")  # 15/12/2023–14/03/2024, ended


def test_the_plan_year_and_its_quarters_follow_the_cut_off_day():
    book = open_book(io.BytesIO(workbook_bytes(with_cutoff(14))))
    from commsplan.plan import read_plan

    plan = read_plan(book)
    assert (plan.span.start, plan.span.end) == (D(2023, 12, 15), D(2024, 12, 14))
    assert [(p.key, p.start, p.end) for p in plan.periods("quarter")] == [
        ("2024-Q1", D(2023, 12, 15), D(2024, 3, 14)), ("2024-Q2", D(2024, 3, 15), D(2024, 6, 14)),
        ("2024-Q3", D(2024, 6, 15), D(2024, 9, 14)), ("2024-Q4", D(2024, 9, 15), D(2024, 12, 14))]
    assert len(plan.periods("month")) == 12


def test_generate_writes_the_months_ended_at_the_cut_off_day(tmp_path, capsys):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(with_cutoff(14)))
    config = tmp_path / "commsplan.toml"
    config.write_text(f'source = "{path.name}"\noutput = "van-ban"\npdf = false\n'
                      'reports = ["tháng"]\nas_of = "20/03/2024"\n', "utf-8")
    assert main(["generate", "--config", str(config)]) == 0
    assert sorted(p.name for p in (tmp_path / "van-ban").iterdir()) == [
        "BC-truyen-thong-2024-01.docx", "BC-truyen-thong-2024-02.docx",
        "BC-truyen-thong-2024-03.docx", "KH-truyen-thong-2024.docx"]


def test_a_cut_off_day_no_month_has_is_refused():
    data = copy.deepcopy(with_cutoff(31))
    book = open_book(io.BytesIO(workbook_bytes(data)))
    (finding,) = [f for f in check(book, D(2024, 3, 20)).findings
                  if f.code == "integer-out-of-range"]
    assert finding.column == CUTOFF and finding.value == "31"
    assert "từ 1 đến 28" in finding.message()
    assert read_months(book) == "2024-03"  # months stay the calendar's


def read_months(book) -> str:
    from commsplan.plan import read_plan

    march = read_plan(book).parse("2024-03")
    assert (march.start, march.end) == (D(2024, 3, 1), D(2024, 3, 31))
    return march.key
