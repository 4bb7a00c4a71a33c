"""The offline workbook source: every value comes back as intended, at its sheet row."""

import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from commsplan import open_book
from commsplan.cli import main
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources.workbook import read_workbook


@pytest.fixture
def filled_template(tmp_path):
    """The blank template from the CLI, filled by hand as staff would."""
    path = tmp_path / "mau.xlsx"
    assert main(["template", str(path)]) == 0
    workbook = openpyxl.load_workbook(path)
    general = workbook["Thông tin chung"]
    for row in general.iter_rows(min_row=2):
        label = row[0].value
        row[1].value = {
            "Tên trường": unicodedata.normalize("NFD", "Trường Tiểu học Mường Mươn"),
            "Chữ viết tắt tên trường": "THMM2",
            "Số kế hoạch": "05",
            "Ngày ban hành": "5/3/2024",
            "Ngày hiệu lực": dt.datetime(2024, 1, 1),
        }.get(label)
    workbook["Lịch năm học"].append(["2023-2024", dt.datetime(2023, 9, 5), "13/01/2024",
                                     45443])  # a serial number: 31/05/2024
    topics = workbook["Chủ đề"]
    topics.append(["01", "Truyền thông chính sách", "- Ý một\n- Ý hai", None, None, "05"])
    register = workbook["Nhật ký"]
    register.append(["5/3/2024", "Truyền thông chính sách", "Tin bài", "Bài 5.10", "Cô Hoa",
                     None, "Website", None, "0123"])
    register.append([])  # an empty row is skipped, the next keeps its row number
    register.append([dt.date(2024, 4, 7), "Truyền thông chính sách", "Ảnh",
                     unicodedata.normalize("NFD", "Lễ kỷ niệm"), "Thầy Sơn", None, "Fanpage",
                     None, None])
    register.append([45390, "Truyền thông chính sách", "Video", "Clip", "Cô Hoa", None,
                     "Fanpage", None, None])
    register.cell(row=5, column=1).number_format = "General"
    workbook.save(path)
    return path


def test_round_trip_keeps_every_value_and_row(filled_template):
    book = open_book(str(filled_template))
    general = book.general.values
    assert general["school_name"] == "Trường Tiểu học Mường Mươn"
    assert unicodedata.is_normalized("NFC", general["school_name"])
    assert general["plan_number"] == 5
    assert general["plan_date"] == dt.date(2024, 3, 5)
    assert general["effective_date"] == dt.date(2024, 1, 1)
    school_year = book["calendar"].data.loc[2]
    assert [school_year[k].date() for k in ("start", "semester1_end", "end")] == [
        dt.date(2023, 9, 5), dt.date(2024, 1, 13), dt.date(2024, 5, 31)]

    register = book["activities"]
    assert list(register.data.index) == [2, 4, 5]  # sheet rows; row 3 was empty
    dates = [d.date() for d in register.data["date"]]
    assert dates == [dt.date(2024, 3, 5), dt.date(2024, 4, 7), dt.date(2024, 4, 8)]
    assert register.data.loc[2, "title"] == "Bài 5.10"
    assert register.data.loc[2, "notes"] == "0123"  # leading zero kept: text stays text
    assert register.data.loc[4, "title"] == "Lễ kỷ niệm"
    assert register.cell("title", 4) == "D4"

    topics = book["topics"]
    assert topics.data.loc[2, "forms"] == ("- Ý một", "- Ý hai")
    assert topics.data.loc[2, "number"] == 1
    assert topics.data.loc[2, "minimum"] == 5
    assert not [f for f in book.findings if f.code.startswith("invalid")]


def test_text_that_looks_like_a_number_stays_text():
    data = {"activities": [["5/3/2024", "T", "Tin bài", "5.10", "007", None, "Web", None, "0123"]]}
    book = open_book(io.BytesIO(workbook_bytes(data)))
    row = book["activities"].data.loc[2]
    assert (row["title"], row["author"], row["notes"]) == ("5.10", "007", "0123")


def test_reader_accepts_an_open_binary_file(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(workbook_bytes({"channels": [["Website", "Website", None, None]]}))
    with path.open("rb") as handle:
        book = open_book(handle)
    assert book["channels"].data.loc[2, "name"] == "Website"


def test_fully_empty_rows_are_skipped_but_rows_keep_their_numbers():
    data = {"units": [["Tổ 1", None, None], [None, None, None], ["  ", None, None],
                      ["Tổ 2", "Cô Lan", "Có"]]}
    book = open_book(io.BytesIO(workbook_bytes(data)))
    assert list(book["units"].data.index) == [2, 5]
    assert book["units"].data.loc[5, "per_unit_cadence"] == True  # noqa: E712


def test_the_template_has_headers_comments_widths_frozen_rows_and_dropdowns(tmp_path):
    path = tmp_path / "mau.xlsx"
    assert main(["template", str(path)]) == 0
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[:4] == ["Thông tin chung", "Lịch năm học", "Kỳ nghỉ",
                                       "Nội dung kế hoạch"]
    labels = [row[0].value for row in workbook["Thông tin chung"].iter_rows(min_row=2)]
    assert "Ngày hiệu lực" in labels and "Ngày bắt đầu năm học" not in labels  # moved
    register = workbook["Nhật ký"]
    assert [c.value for c in register[1]][:3] == ["Ngày", "Chủ đề", "Loại"]
    assert register.freeze_panes == "A2"
    assert register["A1"].comment is not None and "05/3/2024" in register["A1"].comment.text
    assert register.column_dimensions["D"].width == 50
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1
                for dv in register.data_validations.dataValidation}
    assert formulas["B2"] == "'Chủ đề'!$B$2:$B$2000"  # a topic added later is in the list
    assert formulas["C2"].startswith('"Tin bài,Ảnh,Video')


def test_template_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(b"keep me")
    assert main(["template", str(path)]) == 2
    assert path.read_bytes() == b"keep me"
    assert "--force" in capsys.readouterr().err
    assert main(["template", str(path), "--force"]) == 0


def _encrypted_like() -> bytes:
    # An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream.
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
            + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100)


def _corrupt_zip() -> bytes:
    good = workbook_bytes()
    return good[: len(good) // 2]


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"Ngay,Chu de\n5/3/2024,x\n", "không phải tệp Excel"),
        (_encrypted_like(), "đặt mật khẩu"),
        (_corrupt_zip(), "bị hỏng"),
        (_zip_without_workbook(), "không phải tệp Excel"),
        (b"", "không phải tệp Excel"),
    ],
    ids=["csv-text", "password", "truncated", "docx-not-xlsx", "empty-file"],
)
def test_a_bad_file_gives_a_clear_message_and_no_traceback(tmp_path, capsys, content, expected):
    path = tmp_path / "so-lieu.xlsx"
    path.write_bytes(content)
    code = main(["check", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and "so-lieu.xlsx" in err
    assert "Traceback" not in err


def test_a_missing_file_and_a_folder_are_named(tmp_path, capsys):
    assert main(["check", str(tmp_path / "khong-co.xlsx")]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2
    assert "là một thư mục" in capsys.readouterr().err


def test_a_missing_tab_and_a_missing_header_are_named(capsys):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Thông tin chung"
    register = workbook.create_sheet("Nhật ký")
    register.append(["Ngày", "Chủ đề", "Tiêu đề"])  # no Loại, Người thực hiện, Kênh
    buffer = io.BytesIO()
    workbook.save(buffer)
    book = open_book(io.BytesIO(buffer.getvalue()))
    codes = {(f.code, f.tab, f.column) for f in book.findings}
    assert ("missing-tab", "Chủ đề", None) in codes
    assert ("missing-header", "Nhật ký", "Loại") in codes
    assert ("missing-header", "Nhật ký", "Kênh") in codes
    message = next(f for f in book.findings if f.column == "Loại").message()
    assert "Nhật ký" in message and "Loại" in message and "dòng 1" in message


def test_calamine_reads_what_openpyxl_wrote_as_the_same_cells():
    raw = read_workbook(io.BytesIO(workbook_bytes({"units": [["Tổ 1", "Cô Lan", "Có"]]})))
    units = next(t for t in raw.tables if t.name == "Đơn vị")
    assert units.rows[1][:3] == ["Tổ 1", "Cô Lan", "Có"]


def test_a_real_password_protected_workbook_is_named(capsys):
    # tests/data/mat-khau.xlsx: the blank template encrypted with the password "matkhau" by
    # msoffcrypto-tool (OOXMLFile(...).encrypt), as Excel's "Encrypt with Password" does.
    path = Path(__file__).parent / "data" / "mat-khau.xlsx"
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "đặt mật khẩu" in err and "mat-khau.xlsx" in err and "Traceback" not in err
