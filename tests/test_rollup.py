"""A commune office's roll-up of twelve schools of different shapes: the figures are the sum
of each school's own report, a school that cannot be read is listed with the reason, the
office's Báo cáo follows the decree's layout and is the same bytes when made again."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from commsplan import check, open_book
from commsplan.documents.common import document_words
from commsplan.documents.report import report_context
from commsplan.findings import blocking
from commsplan.outputs import convert_to_pdf, find_soffice
from commsplan.plan import read_plan
from commsplan.rollup import export_bytes, export_figures
from commsplan.rollup.layout import CADENCE, FAILED, OPINIONS, SUMMARY, summary_headers
from commsplan.sheet_writers.workbook import workbook_bytes
from tests.fixture_site import run
from tests.plan_workbooks import (
    PRODUCT_TYPES,
    commune_school,
    three_year_general,
    three_year_school,
)

D = dt.date
PERIOD = "2019-Q4"
AS_OF = dt.date(2020, 1, 15)
Q4 = (dt.date(2019, 10, 1), dt.date(2019, 12, 31))
OFFICE = """
output = "tong-hop"
[office]
parent_body = "UBND XÃ MƯỜNG MƯƠN"
name = "PHÒNG VĂN HÓA - XÃ HỘI"
name_in_text = "Phòng Văn hóa - Xã hội"
symbol = "VHXH"
place = "Mường Mươn"
signer_title = "PHÓ TRƯỞNG PHÒNG"
signer_name = "Lò Thị Hoa"
authority = "KT. TRƯỞNG PHÒNG"
addressees = ["Ủy ban nhân dân xã Mường Mươn"]
recipients = ["Như trên", "Các trường trên địa bàn xã"]
"""


def _with_errors() -> dict:
    """A school whose register has two data errors: a type nobody allows, a missing title."""
    data = commune_school(7)
    rows = [list(r) for r in data["activities"]]
    q4 = [r for r in rows if Q4[0] <= r[0] <= Q4[1]]
    q4[0][2] = "Tin bai"
    q4[1][3] = None
    return {**data, "activities": rows}


def twelve_schools() -> dict[str, dict | bytes]:
    """File name → the school's workbook data (or bytes, for the two that are not a plan)."""
    opinions = [[dt.date(2019, 10, 21), "Phụ huynh", "Hỏi về khoản thu đầu năm",
                 "Giải thích tại họp cha mẹ học sinh", "Phụ huynh đồng tình"],
                [dt.date(2019, 12, 2), "Mạng xã hội", "Ảnh lớp học bị dột", "Sửa mái",
                 "Đã xong"],
                [dt.date(2019, 6, 3), "Phụ huynh", "Ngoài kỳ", "Trả lời", "Xong"]]
    stricter = [["Tin bài", "Tin bài", 3, "tháng", "Toàn trường", "tin bài", None]]
    return {
        "01-mac-dinh.xlsx": commune_school(1),
        "02-theo-to.xlsx": commune_school(2, activities=120, units=3, rules=[
            ["Ảnh/Video của tổ", "Ảnh, Video", 2, "quý", "Từng đơn vị", "ảnh/video", None]]),
        "03-khong-dinh-muc.xlsx": commune_school(3, rules=[]),
        "04-hoc-ky.xlsx": commune_school(4, activities=60, rules=[
            ["Tin bài", "Tin bài", 1, "tháng", "Toàn trường", "tin bài", None],
            ["Phóng sự", "Phóng sự", 2, "học kỳ", "Toàn trường", "phóng sự", None]]),
        "05-mot-chu-de.xlsx": commune_school(5, topics=[
            [1, "Xây dựng trường học hạnh phúc", "- Tin bài", D(2019, 10, 1),
             D(2019, 10, 31), 3, None]]),
        "06-du-luan.xlsx": commune_school(6, opinions=opinions),
        "07-loi-du-lieu.xlsx": _with_errors(),
        "08-chua-co-hoat-dong.xlsx": commune_school(8, activities=0),
        "09-ba-nam.xlsx": three_year_school(),
        "10-ba-nam-chat.xlsx": three_year_school(cadence=stricter, general=[
            (k, "Trường Tiểu học Sơn Thủy 2" if k == "Tên trường" else v)
            for k, v in three_year_general()]),
        "11-hong.xlsx": b"PK\x03\x04 this is not a workbook",
        "12-tep-nop.xlsx": b"",  # the export of school 12, made below
    }


@pytest.fixture
def office(tmp_path) -> Path:
    folder = tmp_path / "truong"
    folder.mkdir()
    for name, data in twelve_schools().items():
        if name == "12-tep-nop.xlsx":
            source = tmp_path / "truong-12.xlsx"
            source.write_bytes(workbook_bytes(commune_school(12, activities=50)))
            figures = export_figures(str(source), PERIOD, AS_OF)
            (folder / name).write_bytes(export_bytes(figures, AS_OF))
        elif isinstance(data, bytes):
            (folder / name).write_bytes(data)
        else:
            (folder / name).write_bytes(workbook_bytes(data))
    config = tmp_path / "rollup.toml"
    config.write_text(OFFICE + '\n[[schools]]\nsource = "truong"\n', "utf-8")
    return config


def _own_reports() -> dict[str, dict]:
    """Each readable school's own report and check, as `commsplan report` makes them."""
    words = document_words("report")["words"]
    verdicts = {words["met"]: "met", words["missed"]: "missed", words["pending"]: "pending"}
    own = {}
    for name, data in twelve_schools().items():
        if name == "12-tep-nop.xlsx":
            data = commune_school(12, activities=50)
        if isinstance(data, bytes):
            continue
        book = open_book(io.BytesIO(workbook_bytes(data)))
        plan = read_plan(book)
        context = report_context(book, PERIOD, AS_OF, plan)
        statuses = [verdicts[row[-1]] for row in context["cadence"]]
        by_type = {item["type"]: item["count"] for item in context["totals"]["by_type"]}
        own[name] = {
            "school": book.general.get("school_name"),
            "activities": context["totals"]["all"],
            "by_type": [by_type.get(t, 0) for t in PRODUCT_TYPES],
            "met": statuses.count("met"), "missed": statuses.count("missed"),
            "pending": statuses.count("pending"),
            "opinions": context["opinions"],
            "errors": len(blocking(check(book, as_of=AS_OF, plan=plan))),
            "idle": [t["topic"] for t in context["idle_topics"]],
        }
    return own


def _rows(path: Path, sheet: str) -> list[dict]:
    table = load_workbook(path, read_only=True)[sheet]
    rows = [list(r) for r in table.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_roll_up_adds_up_each_schools_own_report(office, capsys):
    code, out, err = run(capsys, "rollup", str(office), "--period", PERIOD,
                         "--as-of", "15/01/2020")
    assert code == 1, err  # one school could not be included
    assert "[12/12]" in err and "11-hong.xlsx: không tổng hợp được" in err
    workbook = office.parent / "tong-hop" / "Tong-hop-truyen-thong-2019-Q4.xlsx"
    summary = _rows(workbook, SUMMARY)
    own = _own_reports()
    assert len(summary) == 11 and len(own) == 11
    by_school = {row["Trường"]: row for row in summary}
    for name, school in own.items():
        row = by_school[school["school"]]
        assert row["Tổng số sản phẩm"] == school["activities"], name
        assert [row[t] for t in PRODUCT_TYPES] == school["by_type"], name
        assert (row["Kỳ định mức đạt"], row["Kỳ định mức chưa đạt"],
                row["Kỳ định mức đang thực hiện"]) == (
            school["met"], school["missed"], school["pending"]), name
        assert row["Ý kiến dư luận"] == school["opinions"], name
        assert row["Lỗi dữ liệu"] == school["errors"], name
        assert (row["Chủ đề chưa có sản phẩm"] or "") == "; ".join(school["idle"]), name
    # the shapes are there: errors in one school, none in another, a semester rule
    assert by_school["Trường Tiểu học số 7 Mường Mươn"]["Lỗi dữ liệu"] == 2
    assert by_school["Trường Tiểu học số 8 Mường Mươn"]["Tổng số sản phẩm"] == 0
    assert [row["Kết quả"] for row in _rows(workbook, CADENCE)
            if row["Trường"] == "Trường Tiểu học số 4 Mường Mươn"
            and row["Kỳ xét"].startswith("học kỳ I năm học 2019-2020")] == ["Chưa đạt"]
    assert sum(row["Kỳ định mức chưa đạt"] for row in summary) > 0
    # the totals, counted from the generated rows themselves
    dated = [r for name, data in twelve_schools().items() if isinstance(data, dict)
             for r in data["activities"] if Q4[0] <= r[0] <= Q4[1]]
    dated += [r for r in commune_school(12, activities=50)["activities"]
              if Q4[0] <= r[0] <= Q4[1]]
    assert sum(row["Tổng số sản phẩm"] for row in summary) == len(dated)
    assert sum(row["Tin bài"] for row in summary) == sum(1 for r in dated if r[2] == "Tin bài")
    assert len(_rows(workbook, OPINIONS)) == 2
    assert len(_rows(workbook, CADENCE)) == sum(s["met"] + s["missed"] + s["pending"]
                                                for s in own.values())
    failed = _rows(workbook, FAILED)
    assert [row["Trường"] for row in failed] == ["11-hong.xlsx"]
    assert "bị hỏng" in failed[0]["Lý do"] or "không phải tệp Excel" in failed[0]["Lý do"]


def test_the_offices_report_follows_the_decree_and_is_the_same_on_a_rerun(office, capsys):
    from docx import Document

    from tests.nd30_rules import check_document

    run(capsys, "rollup", str(office), "--period", PERIOD, "--as-of", "15/01/2020")
    folder = office.parent / "tong-hop"
    report = folder / "BC-tong-hop-truyen-thong-2019-Q4.docx"
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, out, err = run(capsys, "rollup", str(office), "--period", PERIOD,
                         "--as-of", "15/01/2020")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    assert out.count("Không đổi: ") == 2, out
    code, out, err = run(capsys, "lint", str(report))
    assert code == 0, out
    document = Document(str(report))
    check_document(document)
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert "UBND XÃ MƯỜNG MƯƠN" in cells[0][0] and "PHÒNG VĂN HÓA - XÃ HỘI" in cells[0][0]
    assert "Kính gửi: Ủy ban nhân dân xã Mường Mươn." in text
    # the config's own "Như trên" is not said twice: the frame opens Nơi nhận with it
    received = next(c for row in cells for c in row if c.startswith("Nơi nhận"))
    assert received.split("\n")[1] == "- Như trên;" and received.count("Như trên") == 1
    assert any("KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG" in c for row in cells for c in row)
    total = next(row for row in cells if row[1:2] == ["Tổng cộng"])
    summary = _rows(folder / "Tong-hop-truyen-thong-2019-Q4.xlsx", SUMMARY)
    assert total[-1] == str(sum(row["Tổng số sản phẩm"] for row in summary))
    assert ["11-hong.xlsx"] == [row[0] for row in cells if row and row[0].endswith("hong.xlsx")]


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_the_offices_report_renders_as_pdf(office, capsys, tmp_path):
    run(capsys, "rollup", str(office), "--period", PERIOD, "--as-of", "15/01/2020")
    report = office.parent / "tong-hop" / "BC-tong-hop-truyen-thong-2019-Q4.docx"
    pdf = convert_to_pdf([report])[0]
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    if shutil.which("pdftotext"):
        from tests.rendering import pdf_text

        assert "Phòng Văn hóa - Xã hội tổng hợp" in " ".join(pdf_text(pdf).split())


def test_the_submission_layout_is_the_roll_ups(office, tmp_path):
    exported = load_workbook(office.parent / "truong" / "12-tep-nop.xlsx", read_only=True)
    header = [c for c in next(exported[SUMMARY].iter_rows(values_only=True))]
    assert header == summary_headers(PRODUCT_TYPES)
    assert exported.sheetnames == [SUMMARY, CADENCE, OPINIONS]


def test_a_sở_and_an_old_district_office_are_the_same_file_with_other_words(office, capsys):
    text = office.read_text("utf-8")
    for parent, name, title in (("UBND TỈNH LÀO CAI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "GIÁM ĐỐC"),
                                ("UBND HUYỆN VĂN BÀN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
                                 "TRƯỞNG PHÒNG")):
        changed = (text.replace("UBND XÃ MƯỜNG MƯƠN", parent)
                   .replace('"PHÒNG VĂN HÓA - XÃ HỘI"', f'"{name}"')
                   .replace('"PHÓ TRƯỞNG PHÒNG"', f'"{title}"')
                   .replace('authority = "KT. TRƯỞNG PHÒNG"\n', ""))
        office.write_text(changed, "utf-8")
        code, out, err = run(capsys, "rollup", str(office), "--period", PERIOD,
                             "--as-of", "15/01/2020")
        from docx import Document

        document = Document(str(office.parent / "tong-hop" /
                                "BC-tong-hop-truyen-thong-2019-Q4.docx"))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert f"{parent}\n{name}" in cells[0]
        assert any(c.startswith(f"{title}\n") for c in cells), cells
        report = office.parent / "tong-hop" / "BC-tong-hop-truyen-thong-2019-Q4.docx"
        assert run(capsys, "lint", str(report))[0] == 0


def test_a_window_of_days_and_a_wrong_config_key(office, capsys):
    code, out, err = run(capsys, "rollup", str(office), "--from", "01/11/2019",
                         "--to", "20/11/2019", "--as-of", "15/01/2020")
    assert code == 1  # the broken file, and the submission exported for 2019-Q4 only
    assert "2019-11-01-den-2019-11-20" in out
    code, out, err = run(capsys, "rollup", str(office), "--period", PERIOD, "--topic", "1",
                         "--as-of", "15/01/2020")
    assert "BC-tong-hop-truyen-thong-chu-de-1-2019-Q4.docx" in out
    assert "12-tep-nop.xlsx: không tổng hợp được" in err  # a submission has no topics
    summary = _rows(office.parent / "tong-hop" / "Tong-hop-truyen-thong-chu-de-1-2019-Q4.xlsx",
                    SUMMARY)
    assert len(summary) == 10 and {row["Số chủ đề"] for row in summary} == {1}
    office.write_text(office.read_text("utf-8") + 'workerz = 3\n', "utf-8")
    code, out, err = run(capsys, "rollup", str(office), "--period", PERIOD)
    assert code == 2 and "workerz" in err


def test_export_writes_the_submission_file_the_roll_up_reads(tmp_path, capsys):
    source = tmp_path / "truong-6.xlsx"
    source.write_bytes(workbook_bytes(commune_school(6, opinions=[
        [D(2019, 11, 4), "Phụ huynh", "Hỏi giờ đón trẻ", "Trả lời trực tiếp", "Đã xong"]])))
    out = tmp_path / "nop.xlsx"
    code, said, err = run(capsys, "export", str(source), "--period", PERIOD, "-o", str(out),
                          "--as-of", "15/01/2020")
    assert code == 0 and str(out) in said, err
    assert out.read_bytes() == export_bytes(export_figures(str(source), PERIOD, AS_OF), AS_OF)
    from commsplan.rollup.layout import read_submission

    [figures] = read_submission(out)
    assert figures == export_figures(str(source), PERIOD, AS_OF)
    code, said, err = run(capsys, "export", str(source), "--period", "2019-13", "-o", str(out))
    assert code == 2 and said == ""


@pytest.mark.parametrize("change, words", [
    (lambda text: text.replace('symbol = "VHXH"\n', ""), "office.symbol"),
    (lambda text: text[:text.index("[[schools]]")], "chưa có trường nào"),
    (lambda text: text.replace('workers = 4', 'workers = "bốn"') if "workers" in text
     else text.replace('output = "tong-hop"', 'output = "tong-hop"\nworkers = "bốn"'),
     "một số nguyên"),
])
def test_a_wrong_config_is_refused_before_any_reading(office, capsys, change, words):
    office.write_text(change(office.read_text("utf-8")), "utf-8")
    code, out, err = run(capsys, "rollup", str(office), "--period", PERIOD)
    assert (code, out) == (2, "") and words in err, err


def test_an_empty_folder_is_listed_as_not_read(tmp_path, capsys):
    (tmp_path / "trong").mkdir()
    (tmp_path / "rollup.toml").write_text(OFFICE + '\n[[schools]]\nsource = "trong"\n',
                                          "utf-8")
    code, out, err = run(capsys, "rollup", str(tmp_path / "rollup.toml"), "--period", PERIOD)
    assert code == 2 and "không có tệp .xlsx nào" in err
    failed = _rows(tmp_path / "tong-hop" / "Tong-hop-truyen-thong-2019-Q4.xlsx", FAILED)
    assert [row["Trường"] for row in failed] == [str(tmp_path / "trong")]
