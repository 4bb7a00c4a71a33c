"""Documents from hostile or broken sheets: TeX in names, columns gone or emptied, numbers
out of bounds. Each makes a document that says what it can, or a located finding; never a
crash."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re

import docx
import pandas as pd
import pytest

from commsplan.book import build_book
from commsplan.checks.run import run_checks
from commsplan.cli import main
from commsplan.contract import load_contract
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document
from commsplan.documents.report import report_document
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources.workbook import read_workbook
from tests.plan_workbooks import OTHER_SCHOOL

D = dt.date
AS_OF = D(2025, 7, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ACTIVITIES = [
    [D(2025, 1, 8), "Chuyển đổi số trong dạy học", "Tin bài", "Giờ Toán với học liệu số",
     "Lê Thu", "Tổ Tự nhiên", "Cổng thông tin", "https://thcskimtan.edu.vn/tin/1", "Lớp 7A"],
    [D(2025, 2, 18), "Chuyển đổi số trong dạy học", "Ảnh", "Ảnh giờ Tin học", "Lê Thu",
     "Tổ Tự nhiên", "Cổng thông tin", None, None],
    [D(2025, 3, 20), "Chuyển đổi số trong dạy học", "Video", "Video bài giảng số", "Trần An",
     None, "Cổng thông tin", None, None],
]
SCHOOL = {
    **OTHER_SCHOOL,
    "activities": ACTIVITIES,
    "cadence": [  # a per-unit rule, and two monthly whole-school rules: the chart's targets
        ["Bài viết", "Tin bài", 2, "quý", "Từng đơn vị", "bài viết", None],
        ["Tin bài", "Tin bài", 1, "tháng", "Toàn trường", "tin bài", "đăng trên cổng"],
        ["Tư liệu", "Ảnh, Video", 2, "tháng", "Toàn trường", "ảnh/video", None],
    ],
    "opinions": [[D(2025, 2, 3), "Phụ huynh", "Hỏi về giờ đón trẻ", "Trả lời", "Đã rõ"]],
}


def school(**changes) -> bytes:
    return workbook_bytes({**SCHOOL, **changes})


def text_of(document) -> str:
    """Every paragraph of the saved document, body and tables."""
    body = docx.Document(io.BytesIO(docx_bytes(document))).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


# Item 6: "$…$" in a name is text, not TeX -----------------------------------------------------

HOSTILE_NAMES = ["Tin $\\bài$", "Giá $5$ triệu", "$x_1$ và $y$", "$", "_ẩn", "100% $\\$"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_chart_texts_print_as_typed(name):
    from commsplan.documents.chart import Target, chart_picture

    picture = chart_picture(["01", "02"], {name: [1, 2], "Ảnh": [0, 1]},
                            [Target(1, f"Định mức {name}: 01/tháng")], y_label=name)
    assert list(picture.legend) == [name, "Ảnh", f"Định mức {name}: 01/tháng"]
    # Pillow reads no markup in a text: the y label and the keys are drawn as the strings given
    assert picture.texts.count(name) == 2  # the y label and the first key
    assert f"Định mức {name}: 01/tháng" in picture.texts


@pytest.mark.parametrize("name", ["Tin $\\bài$", "Giá $5$ triệu"])
def test_a_report_charts_a_product_named_with_dollars(name, tmp_path, capsys):
    activities = [*ACTIVITIES, [D(2025, 1, 9), "Chuyển đổi số trong dạy học", name, "Bài lạ",
                                "Lê Thu", "Tổ Tự nhiên", "Cổng thông tin", None, None]]
    cadence = [[name, "Tin bài", 2, "tháng", "Toàn trường", "bài", None],
               ["Tư liệu", "Ảnh, Video", 1, "tháng", "Toàn trường", "ảnh/video", None]]
    source = tmp_path / "du-lieu.xlsx"
    source.write_bytes(school(activities=activities, cadence=cadence))
    out = tmp_path / "bc.docx"
    code = main(["report", str(source), "--period", "2025-01", "--as-of", "01/07/2025",
                 "--allow-errors", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert name in text_of(docx.Document(out))


# Item 7: a column gone or emptied --------------------------------------------------------------

TABLE_COLUMNS = [(tab.key, column.key) for tab in load_contract().tabs if tab.layout == "table"
                 for column in tab.columns]
NOT_PRINTABLE = re.compile(r"\b(?:nan|NaN|None|NaT)\b|<NA>")


@pytest.fixture(scope="module")
def raw_school():
    return read_workbook(io.BytesIO(school()))


def without(raw, tab_key: str, column_key: str, how: str):
    """The raw workbook with one column's header misspelled, or its cells emptied."""
    raw = copy.deepcopy(raw)
    tab = load_contract().tab(tab_key)
    position = [c.key for c in tab.columns].index(column_key)
    table = next(t for t in raw.tables if t.name == tab.name)
    if how == "misspelled":
        table.rows[0][position] += "x"
    else:
        for row in table.rows[1:]:
            row[position] = ""
    return raw


@pytest.mark.parametrize("tab, column", TABLE_COLUMNS)
def test_every_document_is_made_without_a_column(raw_school, tab, column):
    for how in ("misspelled", "emptied"):
        book = build_book(without(raw_school, tab, column, how))
        run_checks(book, AS_OF, AS_OF)
        for document in (plan_document(book), report_document(book, "2025-Q1", AS_OF)):
            text = text_of(document)
            assert "TRƯỜNG THCS KIM TÂN" in text, (how, text)
            assert not NOT_PRINTABLE.search(text), (how, NOT_PRINTABLE.search(text))


def test_a_misspelled_type_header_gives_a_report_that_says_so(raw_school, tmp_path, capsys):
    source = tmp_path / "du-lieu.xlsx"
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(school()))
    workbook["Nhật ký"]["C1"] = "Loaii"
    workbook.save(source)
    out = tmp_path / "bc.docx"
    code = main(["report", str(source), "--period", "2025-Q1", "--as-of", "01/07/2025",
                 "--allow-errors", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    text = text_of(docx.Document(out))
    assert "Trang tính Nhật ký thiếu cột Loại" in text
    assert "đăng tải 03 sản phẩm truyền thông." in text  # counted, without a list of types
    assert "Chưa đánh giá được việc thực hiện định mức" in text
    assert "chưa đạt" not in text.casefold()  # the check judges no rule either


def test_a_recipient_without_its_document_column_is_left_out():
    recipients = [["Phòng GD&ĐT thành phố (b/c)", None], ["Lưu: VT, CM", "KH, BC"]]
    from commsplan import open_book

    text = text_of(plan_document(open_book(io.BytesIO(school(recipients=recipients)))))
    assert "Lưu: VT, CM." in text and "Phòng GD&ĐT thành phố" not in text


def test_a_channel_without_description_is_named():
    channels = [["Cổng thông tin", "Website", None, None]]
    from commsplan import open_book

    text = text_of(plan_document(open_book(io.BytesIO(school(channels=channels)))))
    assert "- Cổng thông tin" in text


# Item 12: numbers within the contract's bounds ------------------------------------------------

BOUNDED = [  # (tab key, column key, sheet cell, the bounds the message gives)
    ("cadence", "minimum", "Định mức!C3", "từ 1 đến 1000."),
    ("topics", "minimum", "Chủ đề!F2", "từ 1 đến 1000 (hoặc để trống)."),
    ("topics", "number", "Chủ đề!A2", "từ 1 đến 999 (hoặc để trống)."),
]


def with_cell(tab: str, column: str, value) -> dict:
    """SCHOOL's rows with one cell of the first row changed (the second for cadence)."""
    keys = [c.key for c in load_contract().tab(tab).columns]
    rows = [list(row) for row in SCHOOL[tab]]
    rows[1 if tab == "cadence" else 0][keys.index(column)] = value
    return {tab: rows}


@pytest.mark.parametrize("value", [-1, 0, 10**15])
@pytest.mark.parametrize("tab, column, cell, bounds", BOUNDED)
def test_a_number_out_of_bounds_is_an_error_at_its_cell(tab, column, cell, bounds, value):
    from commsplan import check, open_book

    book = open_book(io.BytesIO(school(**with_cell(tab, column, value))))
    found = [f for f in check(book, AS_OF).findings if f.code == "integer-out-of-range"]
    assert [f"{f.tab}!{f.cell}" for f in found] == [cell]
    assert found[0].message().endswith(bounds), found[0].message()
    assert f"{value}" in found[0].message()
    assert found[0].row in book[tab].data.index  # the row is read, the number as empty
    assert book[tab].data.at[found[0].row, column] is pd.NA


@pytest.mark.parametrize("value", [-1, 0, 10**15])
def test_a_plan_number_out_of_bounds_is_an_error_and_no_number(value):
    from commsplan import check, open_book

    general = [(k, value if k == "Số kế hoạch" else v) for k, v in SCHOOL["general"]]
    book = open_book(io.BytesIO(school(general=general)))
    found = [f for f in check(book, AS_OF).findings if f.code == "integer-out-of-range"]
    assert [(f.tab, f.cell) for f in found] == [("Thông tin chung", "B15")]
    assert found[0].message().startswith("Ô Thông tin chung!B15 (mục 'Số kế hoạch', dòng 15)")
    assert book.general.get("plan_number") is None


def test_a_plan_never_prints_a_minimum_out_of_bounds(tmp_path):
    cadence = [["Tin bài", "Tin bài", -1, "tháng", "Toàn trường", "tin bài", None],
               ["Tư liệu", "Ảnh, Video", 10**15, "tháng", "Toàn trường", "ảnh/video", None],
               ["Bài viết", "Tin bài", 2, "quý", "Toàn trường", "bài viết", None]]
    source = tmp_path / "du-lieu.xlsx"
    source.write_bytes(school(cadence=cadence))
    out = tmp_path / "kh.docx"
    assert main(["plan", str(source), "--allow-errors", "-o", str(out)]) == 0
    rules = [line for line in text_of(docx.Document(out)).split("\n") if line.startswith("+ ")]
    assert rules == ["+ Bài viết: tối thiểu mỗi quý 02 bài viết."]


@pytest.mark.parametrize("column", [
    {"key": "n", "header": "N", "type": "integer", "min": 1},
    {"key": "n", "header": "N", "type": "text", "min": 1, "max": 5},
    {"key": "n", "header": "N", "type": "integer", "min": 5, "max": 1},
    {"key": "n", "header": "N", "type": "integer", "min": "1", "max": 5},
])
def test_the_contract_refuses_bounds_that_cannot_hold(column, tmp_path):
    import yaml

    from commsplan.contract import load_contract as load
    from commsplan.errors import ContractError

    (tmp_path / "t.yaml").write_text(yaml.safe_dump({"key": "t", "name": "T",
                                                     "columns": [column]}), "utf-8")
    with pytest.raises(ContractError, match="min and max"):
        load(tmp_path)


# Item 18: the command line's last word, and messages that read right ---------------------------

class PanicException(BaseException):
    """What a Rust reader raises when it panics: no Exception, so `except Exception` misses it."""


def test_a_failure_that_is_no_exception_is_unexpected_exit_3(monkeypatch, tmp_path, capsys):
    import commsplan

    def panic(*args, **kwargs):
        raise PanicException("called `Option::unwrap()` on a `None` value\n  at src/de.rs:12")

    monkeypatch.setattr(commsplan, "open_book", panic)
    assert main(["check", str(tmp_path / "du-lieu.xlsx")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Đã xảy ra lỗi không mong muốn: PanicException: called `Option::unwrap()`"
                          " on a `None` value. Hãy gửi")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_interrupt_at_any_point_exits_130(monkeypatch, capsys):
    import commsplan.cli

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(commsplan.cli, "build_parser", interrupted)
    assert main(["check", "du-lieu.xlsx"]) == 130
    assert capsys.readouterr().err == "Đã dừng theo yêu cầu.\n"


def test_sigint_while_reading_exits_130_without_a_traceback(tmp_path):
    import subprocess
    import sys

    code = ("import os, signal, sys, time\n"
            "import commsplan\n"
            "def read(*args, **kwargs):\n"
            "    os.kill(os.getpid(), signal.SIGINT)\n"
            "    time.sleep(30)\n"
            "commsplan.open_book = read\n"
            "from commsplan.cli import main\n"
            "sys.exit(main(['check', 'du-lieu.xlsx']))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (130, "Đã dừng theo yêu cầu.\n")


def test_a_list_of_values_ending_in_a_period_ends_the_sentence_once(tmp_path, capsys):
    general = [(k, "K.T" if k == "Quyền hạn ký" else v) for k, v in SCHOOL["general"]]
    source = tmp_path / "du-lieu.xlsx"
    source.write_bytes(school(general=general))
    assert main(["check", str(source), "--as-of", "01/07/2025"]) == 1
    out = capsys.readouterr().out
    assert "Có phải 'KT.'? Hãy chọn một trong: KT., TM., Q.\n" in out
    assert ".." not in out.replace("...", "")


def test_a_config_value_of_the_wrong_kind_says_what_to_write(tmp_path, capsys):
    (tmp_path / "commsplan.toml").write_text('source = "du-lieu.xlsx"\npdf = "có"\n', "utf-8")
    assert main(["generate", "--config", str(tmp_path / "commsplan.toml")]) == 2
    err = capsys.readouterr().err
    assert "'pdf' cần true hoặc false, không phải \"có\"." in err


def test_a_config_date_may_be_a_toml_date(tmp_path, capsys):
    (tmp_path / "du-lieu.xlsx").write_bytes(school())
    (tmp_path / "commsplan.toml").write_text(
        'source = "du-lieu.xlsx"\noutput = "van-ban"\npdf = false\nallow_errors = true\n'
        "as_of = 2025-07-01\n", "utf-8")
    assert main(["generate", "--config", str(tmp_path / "commsplan.toml")]) == 0, \
        capsys.readouterr().err
    assert (tmp_path / "van-ban" / "KH-truyen-thong-2025.docx").exists()


def test_a_date_option_that_is_no_date_says_how_to_type_it(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "du-lieu.xlsx", "--as-of", "31/2/2024"])
    assert stop.value.code == 2
    assert "'31/2/2024' không phải một ngày. Hãy gõ ngày dạng ngày/tháng/năm, ví dụ 26/11/2026." \
        in capsys.readouterr().err
