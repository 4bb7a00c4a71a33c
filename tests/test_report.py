"""The Báo cáo: every figure counted again here straight from the .xlsx, the decree's layout,
the chart, byte-identical runs, another school, literal data, the command."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from commsplan import open_book
from commsplan.cli import main
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.report import report_document, report_file_name
from commsplan.outputs import find_soffice
from commsplan.sheet_writers.workbook import workbook_bytes
from tests import nd30_rules
from tests.plan_workbooks import OTHER_SCHOOL
from tests.rendering import lost_words

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
AS_OF = dt.date(2025, 1, 15)  # every period of the demo has ended
TYPES = ["Tin bài", "Ảnh", "Video", "Phóng sự", "Khác"]  # the sheet's list, in its order
NOUNS = {"Tin bài": "tin bài", "Ảnh": "ảnh", "Video": "video", "Phóng sự": "phóng sự",
         "Khác": "sản phẩm khác"}
D = dt.date


# The demo, read with openpyxl alone ----------------------------------------------------------

@dataclass(frozen=True)
class Activity:
    row: int
    date: dt.date
    topic: str
    type: str
    title: str
    author: str | None
    unit: str | None
    channel: str | None
    link: str | None


def _date(value) -> dt.date:
    """The register's dates as the demo writes them: date cells, d/m/yyyy text, serials."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)):
        return D(1899, 12, 30) + dt.timedelta(days=int(value))
    return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()


def _rows(workbook, title: str) -> list[tuple[int, dict]]:
    rows = workbook[title].iter_rows(values_only=True)
    headers = next(rows)
    return [(number, dict(zip(headers, row, strict=False)))
            for number, row in enumerate(rows, start=2)
            if any(v not in (None, "") for v in row)]


@dataclass(frozen=True)
class Demo:
    general: dict
    activities: list[Activity]
    topics: list[dict]
    rules: list[dict]
    units: list[str]
    opinions: list[dict]
    school_years: dict[str, tuple[dt.date, dt.date, dt.date]]  # start, end of HK1, end

    def school_day(self, day: dt.date) -> bool:
        """The demo declares no break: a school day is a day of a school year."""
        return any(start <= day <= end for start, _, end in self.school_years.values())


@pytest.fixture(scope="module")
def demo() -> Demo:
    workbook = load_workbook(DEMO, read_only=True, data_only=True)
    general = {row[0]: row[1] for row in workbook["Thông tin chung"].iter_rows(values_only=True)}
    activities = [
        Activity(number, _date(r["Ngày"]), r["Chủ đề"], r["Loại"], r["Tiêu đề"],
                 r["Người thực hiện"], r["Đơn vị"], r["Kênh"], r["Đường dẫn"])
        for number, r in _rows(workbook, "Nhật ký")
    ]
    topics = [{"name": r["Nội dung/Chủ đề"],
               "from": r["Từ ngày"] and _date(r["Từ ngày"]),
               "to": r["Đến ngày"] and _date(r["Đến ngày"]), "minimum": r["Tối thiểu"]}
              for _, r in _rows(workbook, "Chủ đề") if r["Nội dung/Chủ đề"]]
    rules = [{"product": r["Sản phẩm"],
              "types": [t.strip() for t in r["Loại được tính"].split(",")],
              "minimum": r["Tối thiểu"], "period": r["Chu kỳ"], "scope": r["Phạm vi"],
              "noun": r["Đơn vị tính"]}
             for _, r in _rows(workbook, "Định mức")]
    units = [r["Tên đơn vị"] for _, r in _rows(workbook, "Đơn vị")]
    opinions = [{"date": _date(r["Ngày"]), **r} for _, r in _rows(workbook, "Dư luận")]
    school_years = {r["Năm học"]: (_date(r["Ngày bắt đầu năm học"]),
                                   _date(r["Ngày kết thúc học kỳ I"]),
                                   _date(r["Ngày kết thúc năm học"]))
                    for _, r in _rows(workbook, "Lịch năm học")}
    return Demo(general, activities, topics, rules, units, opinions, school_years)


def span(demo: Demo, key: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a report period, worked out here from the key."""
    if key.startswith("HK2-"):
        _, semester1_end, end = demo.school_years[key[4:]]
        return semester1_end + dt.timedelta(days=1), end
    if "-Q" in key:
        year, quarter = map(int, key.split("-Q"))
        return D(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)
    if "-" in key:
        year, month = map(int, key.split("-"))
        return D(year, month, 1), month_end(year, month)
    return D(int(key), 1, 1), D(int(key), 12, 31)


def month_end(year: int, month: int) -> dt.date:
    return (D(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def school_days(demo: Demo, year: int, month: int) -> int:
    """How many days of the month are school days (0: the summer holiday, not judged)."""
    days = (month_end(year, month) - D(year, month, 1)).days + 1
    return sum(demo.school_day(D(year, month, 1) + dt.timedelta(days=n)) for n in range(days))


def months_meeting(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def inside(demo: Demo, first: dt.date, last: dt.date) -> list[Activity]:
    return [a for a in demo.activities if first <= a.date <= last]


def shown_types(demo: Demo) -> list[str]:
    used = {a.type for a in demo.activities} | {t for r in demo.rules for t in r["types"]}
    return [t for t in TYPES if t in used]


def by_type(activities: list[Activity], types: list[str]) -> list[str]:
    return [str(sum(a.type == t for a in activities)) for t in types] + [str(len(activities))]


# Reading the report back ---------------------------------------------------------------------

def reopen(document) -> docx.Document:
    return docx.Document(io.BytesIO(docx_bytes(document)))


def texts(document) -> list[str]:
    """Every paragraph's text, body and tables, in order."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for p in document.element.body.iter(qn("w:p"))]


def table(document, *headers: str) -> list[list[str]]:
    """The rows (header first) of the data table whose first column headers are these."""
    footer = nd30_rules.footer_table(document)
    for candidate in document.tables[1:]:
        if candidate._tbl is footer._tbl:
            continue
        first = [c.text for c in candidate.rows[0].cells]
        if first[:len(headers)] == list(headers):
            return [[c.text for c in row.cells] for row in candidate.rows]
    raise AssertionError(f"no table headed {headers}")


@pytest.fixture(scope="module")
def reports() -> dict[str, docx.Document]:
    book = open_book(str(DEMO))
    return {key: reopen(report_document(book, key, AS_OF))
            for key in ("2024-03", "2024-Q2", "HK2-2023-2024", "2024")}


PERIODS = ["2024-03", "2024-Q2", "HK2-2023-2024", "2024"]


# Figures: every table against the register ---------------------------------------------------

@pytest.mark.parametrize("key", PERIODS)
def test_totals_sentence_counts_each_type(key, reports, demo):
    chosen = inside(demo, *span(demo, key))
    counts = [(t, sum(a.type == t for a in chosen)) for t in TYPES]
    listed = ", ".join(f"{n:02d} {NOUNS[t]}" for t, n in counts if n)
    sentence = next(t for t in texts(reports[key]) if "nhà trường đã thực hiện và đăng tải" in t)
    assert f" {len(chosen):02d} sản phẩm truyền thông, gồm: {listed}." in sentence


@pytest.mark.parametrize("key", PERIODS)
def test_topic_table_counts_each_topic_and_type(key, reports, demo):
    chosen = inside(demo, *span(demo, key))
    types = shown_types(demo)
    rows = table(reports[key], "STT", "Nội dung/Chủ đề")
    assert rows[0] == ["STT", "Nội dung/Chủ đề", *types, "Tổng"]
    expected = [[str(number), topic["name"],
                 *by_type([a for a in chosen if a.topic == topic["name"]], types)]
                for number, topic in enumerate(demo.topics, start=1)]
    names = {t["name"] for t in demo.topics}
    assert all(a.topic in names for a in chosen)  # so no "outside the plan" row
    expected.append(["", "Tổng cộng", *by_type(chosen, types)])
    assert rows[1:] == expected


@pytest.mark.parametrize("key", PERIODS)
def test_month_table_counts_each_monthly_rule_against_its_minimum(key, reports, demo):
    first, last = span(demo, key)
    rules = [r for r in demo.rules if r["period"] == "tháng" and r["scope"] == "Toàn trường"]
    assert len(rules) == 2  # Tin bài; Tư liệu = Ảnh + Video
    rows = table(reports[key], "Tháng")
    assert rows[0] == ["Tháng", "Tin bài", "Tư liệu (Ảnh, Video)", "Định mức mỗi tháng",
                       "Đánh giá"]
    targets = "\n".join(f"{r['minimum']:02d} {r['noun']}" for r in rules)
    expected = []
    for year, month in months_meeting(first, last):
        start, end = max(first, D(year, month, 1)), min(last, month_end(year, month))
        counts = [sum(a.type in r["types"] for a in inside(demo, start, end)) for r in rules]
        whole = start == D(year, month, 1) and end == month_end(year, month)
        if not whole:
            label, verdict = f"{start:%d}–{end:%d/%m/%Y}", "Xem mục II.1"
        elif not school_days(demo, year, month):  # the summer holiday
            label, verdict = f"{month:02d}/{year}", "Không xét"
        else:
            short = [r["product"] for r, n in zip(rules, counts, strict=False) if n < r["minimum"]]
            label = f"{month:02d}/{year}"
            verdict = f"Chưa đạt ({', '.join(short)})" if short else "Đạt"
        expected.append([label, *map(str, counts), targets, verdict])
    if len(expected) > 1:
        totals = [sum(a.type in r["types"] for a in inside(demo, first, last)) for r in rules]
        expected.append(["Tổng cộng", *map(str, totals), "", ""])
    assert rows[1:] == expected


def test_the_demo_gaps_show_in_the_year_month_table(reports):
    rows = {r[0]: r for r in table(reports["2024"], "Tháng")[1:]}
    assert rows["02/2024"][2:] == ["0", "01 tin bài\n01 ảnh/video", "Chưa đạt (Tư liệu)"]
    # no news in June and July: the summer holiday between the two school years, not judged
    assert rows["06/2024"][1] == rows["07/2024"][1] == "0"
    assert rows["06/2024"][-1] == rows["07/2024"][-1] == rows["08/2024"][-1] == "Không xét"


@pytest.mark.parametrize("key", PERIODS)
def test_unit_table_counts_each_unit_in_the_tab_order(key, reports, demo):
    chosen = inside(demo, *span(demo, key))
    types = shown_types(demo)
    rows = table(reports[key], "Đơn vị")
    assert {a.unit for a in demo.activities} <= set(demo.units)
    expected = [[u, *by_type([a for a in chosen if a.unit == u], types)] for u in demo.units]
    assert rows[1:] == expected + [["Tổng cộng", *by_type(chosen, types)]]


@pytest.mark.parametrize("key", PERIODS)
def test_author_table_counts_each_author_most_first(key, reports, demo):
    chosen = inside(demo, *span(demo, key))
    types = shown_types(demo)
    rows = table(reports[key], "Người thực hiện")
    authors = {a.author for a in chosen}
    expected = {name: by_type([a for a in chosen if a.author == name], types) for name in authors}
    assert {r[0]: r[1:] for r in rows[1:-1]} == expected
    totals = [int(r[-1]) for r in rows[1:-1]]
    assert totals == sorted(totals, reverse=True)
    assert rows[-1] == ["Tổng cộng", *by_type(chosen, types)]


@pytest.mark.parametrize("key", PERIODS)
def test_cadence_table_judges_every_month_the_period_meets_whole(key, reports, demo):
    first, last = span(demo, key)
    rows = table(reports[key], "Sản phẩm", "Kỳ")
    expected = []
    for rule in demo.rules:  # all monthly and whole-school in the demo
        for year, month in months_meeting(first, last):
            days = school_days(demo, year, month)
            if not days:
                continue  # the summer holiday: not judged
            whole = inside(demo, D(year, month, 1), month_end(year, month))
            count = sum(a.type in rule["types"] for a in whole)
            verdict = "Đạt" if count >= rule["minimum"] else "Chưa đạt"
            label = f"tháng {month}/{year}"
            if days < month_end(year, month).day:
                label += " (có ngày nghỉ)"
            expected.append([rule["product"], label, "Toàn trường", str(count),
                             str(rule["minimum"]), verdict])
    assert rows[1:] == expected


def test_the_year_report_names_the_short_months_the_idle_topic_and_the_short_topic(reports):
    lines = texts(reports["2024"])
    assert "Có 01 kỳ chưa đạt định mức:" in lines  # June and July are the summer holiday
    assert "- Tư liệu, tháng 2/2024: chưa có ảnh/video nào, tối thiểu 01 ảnh/video." in lines
    assert not any(line.startswith("- Tin bài, tháng") for line in lines)
    assert any(t.startswith("- Chủ đề 6: Giáo dục lý tưởng cách mạng") for t in lines)
    assert ("- Chủ đề 11: Đẩy mạnh công tác thi đua, khen thưởng, trong kỳ kế hoạch: có 03 sản "
            "phẩm, tối thiểu 04 sản phẩm.") in lines


def test_the_semester_report_says_the_occasion_that_ended_in_it_was_met(reports):
    lines = texts(reports["HK2-2023-2024"])
    assert any(t.startswith("Các chủ đề theo dịp kết thúc trong kỳ đều đạt số lượng tối thiểu: "
                            "chủ đề 12 “Tổ chức các hoạt động kỷ niệm 70 năm") for t in lines)


@pytest.mark.parametrize("key", PERIODS)
def test_opinion_table_lists_the_period_s_items(key, reports, demo):
    first, last = span(demo, key)
    chosen = [o for o in demo.opinions if first <= o["date"] <= last]
    if not chosen:
        assert "Trong kỳ, nhà trường không ghi nhận ý kiến, thông tin dư luận nào cần xử lý." \
            in texts(reports[key])
        return
    rows = table(reports[key], "Ngày", "Nguồn")
    assert rows[1:] == [[f"{o['date']:%d/%m/%Y}", o["Nguồn"], o["Nội dung"], o["Cách xử lý"],
                         o["Kết quả"]] for o in chosen]


@pytest.mark.parametrize("key", PERIODS)
def test_appendix_lists_the_period_s_activities_by_date_then_row(key, reports, demo):
    chosen = sorted(inside(demo, *span(demo, key)), key=lambda a: (a.date, a.row))
    rows = table(reports[key], "STT", "Ngày")
    assert rows[0] == ["STT", "Ngày", "Tên sản phẩm, đường dẫn", "Loại", "Kênh"]
    assert rows[1:] == [
        [str(n), f"{a.date:%d/%m/%Y}", a.title + (f"\n{a.link}" if a.link else ""), a.type,
         a.channel or ""]
        for n, a in enumerate(chosen, start=1)
    ]


def test_next_period_names_the_coming_occasion_and_the_targets(reports):
    lines = texts(reports["2024-03"])
    assert "III. NHIỆM VỤ THÁNG 4 NĂM 2024" in lines
    assert any(t.startswith("- Chủ đề 12: Tổ chức các hoạt động kỷ niệm 70 năm") and
               t.endswith("từ ngày 15/04/2024 đến ngày 15/05/2024, tối thiểu 02 sản phẩm.")
               for t in lines)
    assert "+ Tin bài: tối thiểu mỗi tháng 01 tin bài;" in lines
    assert "III. NHIỆM VỤ HỌC KỲ I NĂM HỌC 2024-2025" in texts(reports["HK2-2023-2024"])


# Frame and layout ------------------------------------------------------------------------------

@pytest.mark.parametrize("key", PERIODS)
def test_the_report_follows_the_decree(key, reports):
    nd30_rules.check_document(reports[key])


def test_the_report_is_an_unnumbered_draft_signed_by_the_head_alone(reports):
    lines = texts(reports["2024-03"])
    assert "BÁO CÁO" in lines
    assert "Kết quả công tác truyền thông tháng 3 năm 2024" in lines
    assert "Số:      /BC-THMM2" in lines
    assert "Mường Mươn, ngày      tháng      năm 2024" in lines
    footer = [p.text for cell in nd30_rules.footer_table(reports["2024-03"]).rows[0].cells
              for p in cell.paragraphs if p.text]
    # sent up to the district office: named under the title, "Như trên" in Nơi nhận
    assert "Kính gửi: Phòng GD&ĐT huyện Mường Chà." in lines
    assert footer == ["Nơi nhận:", "- Như trên;", "- Lưu: VT.",
                      "HIỆU TRƯỞNG", "Nguyễn Thị Liễu"]  # BC recipients; no NGƯỜI LẬP


def test_a_period_not_over_yet_is_reported_as_it_stands(demo):
    document = reopen(report_document(open_book(str(DEMO)), "2024-05", D(2024, 5, 10)))
    lines = texts(document)
    assert "Số liệu tính đến ngày 10/05/2024, khi tháng 5 năm 2024 chưa kết thúc." in lines
    rows = table(document, "STT", "Ngày")
    assert len(rows) - 1 == len(inside(demo, D(2024, 5, 1), D(2024, 5, 10)))
    assert table(document, "Tháng")[1][0] == "01–10/05/2024"


def test_a_period_cut_to_the_plan_reports_its_part(demo):
    # what `commsplan generate` hands over for "học kỳ": HK1 cut to the plan year 2024
    from commsplan.periods import SEMESTER
    from commsplan.plan import read_plan

    book = open_book(str(DEMO))
    first = read_plan(book).periods(SEMESTER)[0]
    document = reopen(report_document(book, first, AS_OF))
    lines = texts(document)
    assert ("Số liệu tính từ ngày 01/01/2024 đến ngày 13/01/2024, phần của học kỳ I năm học "
            "2023-2024 nằm trong kỳ kế hoạch.") in lines
    assert len(table(document, "STT", "Ngày")) - 1 == len(inside(demo, D(2024, 1, 1),
                                                                 D(2024, 1, 13)))
    assert any(t.startswith("Biểu đồ: số sản phẩm truyền thông tháng 1/2024") for t in lines)
    assert report_file_name(book, first) == "BC-truyen-thong-HK1-2023-2024.docx"


# The chart -------------------------------------------------------------------------------------

def _pictures(document) -> list[tuple[bytes, int]]:
    """(PNG bytes, width in EMU) of each inline picture."""
    found = []
    for inline in document.element.body.iter(qn("wp:inline")):
        blip = next(inline.iter(qn("a:blip")))
        part = document.part.related_parts[blip.get(qn("r:embed"))]
        found.append((part.blob, int(inline.find(qn("wp:extent")).get("cx"))))
    return found


def test_the_chart_is_an_inline_png_at_print_resolution(reports):
    from PIL import Image

    (png, width_emu), = _pictures(reports["2024"])
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    inches = width_emu / 914400
    assert 150 <= inches * 25.4 <= 165  # about 160 mm, inside the text width
    assert image.width / inches >= 200
    assert image.info["dpi"][0] >= 200


def test_a_month_report_charts_the_plan_s_months_up_to_it(reports):
    lines = texts(reports["2024-03"])
    assert any(t.startswith("Biểu đồ: số sản phẩm truyền thông theo tháng, từ tháng 1/2024 đến "
                            "tháng 3/2024") for t in lines)


def test_the_chart_is_the_same_bytes_every_time():
    from commsplan.documents.chart import Target, monthly_chart

    def draw() -> bytes:
        return monthly_chart(["01/2024", "02/2024"], {"Tin bài": [3, 0], "Ảnh": [1, 4]},
                             [Target(1, "Định mức mỗi tháng: 01")], y_label="Số sản phẩm")

    assert draw() == draw()
    assert draw()[:8] == b"\x89PNG\r\n\x1a\n"


# Reproducible ----------------------------------------------------------------------------------

def test_two_runs_give_byte_identical_files(tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        assert main(["report", str(DEMO), "--period", "2024-Q2", "--as-of", "15/01/2025",
                     "-o", str(out)]) == 0
    assert first.read_bytes() == second.read_bytes()


# Another school; literal data -------------------------------------------------------------------

OTHER_ACTIVITIES = [
    [D(2024, 11, 8), "Chuyển đổi số trong dạy học", "Tin bài", "Giờ Toán với học liệu số lớp 7A",
     "Lê Thu", "Tổ Tự nhiên", "Cổng thông tin", "https://thcskimtan.edu.vn/tin/1", None],
    [D(2025, 4, 18), "Ngày hội đọc sách", "Tin bài", "Ngày hội đọc sách năm 2025", "Lê Thu",
     "Tổ Tự nhiên", "Cổng thông tin", "https://thcskimtan.edu.vn/tin/2", None],
    [D(2025, 4, 18), "Ngày hội đọc sách", "Ảnh", "Ảnh: học sinh đọc sách ở thư viện", "Lê Thu",
     "Tổ Tự nhiên", "Cổng thông tin", None, None],
    [D(2025, 5, 6), "Chuyển đổi số trong dạy học", "Tin bài", "Thi thiết kế bài giảng số",
     "Lê Thu", "Tổ Tự nhiên", "Cổng thông tin", "https://thcskimtan.edu.vn/tin/3", None],
]


def other_school(activities=OTHER_ACTIVITIES, **changes):
    data = {**OTHER_SCHOOL, "activities": activities, **changes}
    return open_book(io.BytesIO(workbook_bytes(data)))


def test_another_school_gets_its_own_report():
    document = reopen(report_document(other_school(), "2025-Q2", D(2025, 7, 1)))
    nd30_rules.check_document(document)
    lines = texts(document)
    joined = "\n".join(lines)
    assert "TRƯỜNG THCS KIM TÂN" in lines
    assert "Số:      /BC-THCSKT" in lines
    assert "Lào Cai, ngày      tháng      năm 2025" in lines
    assert "Kết quả công tác truyền thông quý II năm 2025" in lines
    assert "- Lưu: VT, CM." in lines and "- Phòng GD&ĐT thành phố (b/c);" not in lines
    assert "KT. HIỆU TRƯỞNG" in lines and "Trần Văn Bình" in lines
    for word in ("Mường", "THMM2", "Nguyễn Thị", "2024"):
        assert word not in joined, word
    assert "Kế hoạch không đặt định mức theo tháng cho toàn trường; bảng dưới đây thống kê số " \
           "sản phẩm từng tháng theo loại." in lines
    assert table(document, "Tháng")[1:] == [["04/2025", "1", "1", "2"], ["05/2025", "1", "0", "1"],
                                            ["06/2025", "0", "0", "0"],
                                            ["Tổng cộng", "2", "1", "3"]]
    # its per-unit quarterly rule: the unit's quarter, met with 2 of 2
    assert table(document, "Sản phẩm", "Kỳ")[1:] == [
        ["Bài viết", "quý II/2025", "Tổ Tự nhiên", "2", "2", "Đạt"]]
    assert any(t.startswith("Các chủ đề theo dịp kết thúc trong kỳ đều đạt") for t in lines)


def test_the_heading_year_is_the_period_s_end_year():
    general = [(k, "2024-2025" if k == "Năm kế hoạch" else v) for k, v in OTHER_SCHOOL["general"]]
    document = reopen(report_document(other_school(general=general), "2024-Q4", D(2025, 7, 1)))
    assert "Lào Cai, ngày      tháng      năm 2024" in texts(document)


@pytest.mark.parametrize("title", ["{{ 7*7 }}", "{% if x %}", "**đậm** _nghiêng_", "# tiêu đề",
                                   "<b>html</b>", "[liên kết](http://x.vn)", "a\\b"])
def test_titles_print_literally_in_the_appendix(title):
    activities = [[D(2025, 4, 2), "Chuyển đổi số trong dạy học", "Tin bài", title, "Lê Thu",
                   "Tổ Tự nhiên", "Cổng thông tin", None, None]]
    document = reopen(report_document(other_school(activities), "2025-04", D(2025, 7, 1)))
    assert table(document, "STT", "Ngày")[1][2] == title


# The command -------------------------------------------------------------------------------------

def test_report_without_output_is_named_from_the_period(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(DEMO), "--period", "HK2-2023-2024", "--as-of", "15/01/2025"]) == 0
    assert (tmp_path / "BC-truyen-thong-HK2-2023-2024.docx").exists()
    assert report_file_name(open_book(str(DEMO)), "2024-03") == "BC-truyen-thong-2024-03.docx"


@pytest.mark.parametrize("period, words", [
    ("2024-13", "Không hiểu kỳ báo cáo '2024-13'"),
    ("2024-Q5", "Không hiểu kỳ báo cáo"),
    ("quý 1", "Không hiểu kỳ báo cáo"),
    ("2024-2025", "Không hiểu kỳ báo cáo"),
    ("HK1-2022-2023", "không thuộc năm học nào ghi trong bảng tính (2023-2024, 2024-2025). Hãy "
                      "ghi học kỳ của một năm học đã có, ví dụ HK1-2024-2025"),
])
def test_a_bad_period_is_named_in_vietnamese(period, words, tmp_path, capsys):
    out = tmp_path / "bc.docx"
    assert main(["report", str(DEMO), "--period", period, "-o", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_a_semester_without_the_school_calendar_is_explained(tmp_path, capsys):
    general = [(k, v) for k, v in OTHER_SCHOOL["general"] if k != "Ngày kết thúc học kỳ I"]
    source = tmp_path / "thieu-ngay.xlsx"
    source.write_bytes(workbook_bytes({**OTHER_SCHOOL, "general": general}))
    assert main(["report", str(source), "--period", "HK1-2024-2025", "--allow-errors",
                 "-o", str(tmp_path / "bc.docx")]) == 2
    assert "chưa có năm học nào đủ ngày bắt đầu năm học" in capsys.readouterr().err


# Scale -----------------------------------------------------------------------------------------

def test_ten_thousand_activities_fill_the_appendix_and_the_counts():
    import time

    book = open_book(str(DEMO))
    data = book["activities"].data
    big = data.sample(10_000, replace=True, random_state=1).reset_index(drop=True)
    big.index = big.index + 2  # sheet rows
    book["activities"].data = big
    started = time.perf_counter()
    document = report_document(book, "2024", AS_OF)
    raw = docx_bytes(document)
    elapsed = time.perf_counter() - started
    assert elapsed < 10  # the benchmark holds the real target; this only catches a collapse
    reread = docx.Document(io.BytesIO(raw))
    rows = table(reread, "Đơn vị")
    assert rows[-1][-1] == "10000"
    appendix = next(t for t in reread.tables if t.rows[0].cells[0].text == "STT"
                    and t.rows[0].cells[1].text == "Ngày")
    assert len(appendix.rows) == 10_001


# LibreOffice ------------------------------------------------------------------------------------

@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_report_with_its_diacritics_and_the_chart(tmp_path):
    out = tmp_path / "bc.docx"
    assert main(["report", str(DEMO), "--period", "2024-03", "--as-of", "15/01/2025",
                 "-o", str(out), "--pdf"]) == 0
    pdf = tmp_path / "bc.pdf"
    assert pdf.exists()
    flat = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                              text=True, check=True).stdout)
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "Kết quả công tác truyền thông tháng 3 năm 2024", "KẾT QUẢ THỰC HIỆN",
                   "Tiếp nhận và xử lý thông tin dư luận", "Giao lưu “Tiếng Việt của chúng em”",
                   "Nguyễn Thị Liễu"):
        assert phrase in flat, phrase
    assert not lost_words(out, pdf)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=False)
    if images.returncode == 0:  # poppler's pdfimages: one picture, at print resolution
        lines = [line.split() for line in images.stdout.splitlines()[2:] if line.strip()]
        assert [line[2] for line in lines] == ["image"]  # no soft mask: the chart is opaque
        assert int(lines[0][12]) >= 200  # x-ppi


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_every_row_of_a_quarter_report(tmp_path):
    """Long tables cross pages; LibreOffice must print every row and line of them."""
    out = tmp_path / "bc.docx"
    source = tmp_path / "so-lieu.xlsx"  # the issued report's hash goes into its row
    shutil.copy(DEMO, source)
    assert main(["report", str(source), "--period", "2024-Q1", "--as-of", "31/12/2024",
                 "-o", str(out), "--pdf"]) == 0
    assert not lost_words(out, tmp_path / "bc.pdf")


def test_the_annex_follows_the_signatures_in_a_section_of_its_own(reports):
    """The decree puts a phụ lục after the signature block, on a new page, under its heading,
    its pages numbered on their own."""
    document = reports["2024-03"]
    body = list(document.iter_inner_content())
    footer = nd30_rules.footer_table(document)
    at = next(i for i, block in enumerate(body) if getattr(block, "_tbl", None) is footer._tbl)
    after = body[at + 1:]
    ending = after[0]._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")  # the body's section ends
    assert ending is not None and ending.find(qn("w:type")).get(qn("w:val")) == "nextPage"
    heading = [b.text for b in after[1:4]]
    assert heading == ["Phụ lục", "DANH SÁCH SẢN PHẨM TRUYỀN THÔNG TRONG KỲ",
                       "(Kèm theo Báo cáo số …/BC-THMM2 ngày … tháng … năm 2024 của Trường "
                       "PTDTBT Tiểu học số 2 Mường Mươn)"]
    assert any(getattr(b, "_tbl", None) is not None for b in after[4:])  # its table
    annex_section = document.sections[-1]._sectPr
    assert annex_section.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert document.sections[-1].different_first_page_header_footer  # no number on its page 1
    before = [getattr(b, "text", "") for b in body[:at]]
    assert any(t.startswith("Trên đây là báo cáo") for t in before)
