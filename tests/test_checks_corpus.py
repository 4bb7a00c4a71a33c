"""A corpus of malformed workbooks: a small clean workbook, then one mutation per case, each
asserting exactly which findings appear (code, tab, row, column; period and scope for the
period rules). Well-formed variants assert that nothing is found and what was read.

The base workbook is checked as of 20/03/2024 (also "today"): January and February are over,
March, the first quarter, the second semester and the year are running.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass
from typing import Callable

import pandas as pd
import pytest

from commsplan.book import Book, build_book
from commsplan.checks.run import run_checks
from commsplan.findings import CATALOGUE, Report
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources import RawBook
from commsplan.sources.workbook import read_workbook

AS_OF = TODAY = dt.date(2024, 3, 20)
T1 = "Truyền thông chính sách"
T2 = "Thực hiện hiệu quả chương trình giáo dục phổ thông"
T3 = "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"
SITE, PAGE, MEETING = "Website trường", "Trang Facebook", "Hội nghị"
U1, U2, OFFICE = "Tổ 1-2-3", "Tổ 4-5", "Văn phòng"
D = dt.date

GENERAL = [
    ("Cơ quan chủ quản", "Phòng Giáo dục và Đào tạo Mường Chà"),             # row 2
    ("Tên trường", "Trường PTDTBT Tiểu học số 2 Mường Mươn"),                # 3
    ("Chữ viết tắt tên trường", "THMM2"),                                     # 4
    ("Địa danh", "Mường Mươn"),                                               # 5
    ("Năm kế hoạch", "2024"),                                                 # 6
    ("Năm học", "2023-2024"),                                                 # 7
    ("Ngày hiệu lực", D(2024, 1, 1)),                                         # 8
    ("Văn bản thực hiện", "Kế hoạch số 199/KH-PGDĐT ngày 12/03/2024"),        # 9
    ("Trích yếu", "Truyền thông về giáo dục và đào tạo năm 2024"),            # 10
    ("Căn cứ", "Luật Giáo dục ngày 14/6/2019"),                               # 11
    ("Số kế hoạch", 12),                                                      # 12
    ("Ngày ban hành", D(2024, 3, 15)),                                        # 13
    ("Người lập", "Nguyễn Thị Hoa"),                                          # 14
    ("Chức vụ người ký", "HIỆU TRƯỞNG"),                                      # 15
    ("Quyền hạn ký", None),                                                   # 16
    ("Ký thay cho", None),                                                    # 17
    ("Người ký", "Nguyễn Thị Liễu"),                                          # 18
]
SCHOOL_YEARS = [["2023-2024", D(2023, 9, 5), D(2024, 1, 13), D(2024, 5, 31)]]  # row 2
TOPICS = [  # number, topic, forms, window_from, window_to, minimum
    [1, T1, "Thông tin về việc thực hiện các Nghị quyết", None, None, 1],     # row 2
    [2, T2, "Thông tin về thực hiện Chương trình GDPT 2018", None, None, None],
    [3, T3, "Các hoạt động tuyên truyền", D(2024, 3, 1), D(2024, 3, 10), 1],  # row 4
]
CHANNELS = [  # name, kind, address, description
    [SITE, "Website", "https://thmm2.edu.vn", "Kênh truyền thông chính thức"],
    [PAGE, "Mạng xã hội", "https://www.facebook.com/thmm2", None],
    [MEETING, "Hội nghị/Sự kiện", None, None],
]
UNITS = [[U1, "Lò Thị Hương", "Có"], [U2, "Quàng Văn Minh", "Có"], [OFFICE, None, "Không"]]
CADENCE = [  # product, counted_types, minimum, period, scope, unit_noun, description
    ["Tin bài", "Tin bài", 1, "tháng", "Toàn trường", "tin bài", "mỗi tháng 01 tin bài"],
    ["Tư liệu", "Ảnh, Video", 2, "tháng", "Toàn trường", "ảnh/video", None],       # row 3
    ["Tư liệu của tổ", "Ảnh, Video", 1, "tháng", "Từng đơn vị", "ảnh/video", None],
    ["Phóng sự", "Phóng sự", 1, "học kỳ", "Toàn trường", "phóng sự", None],        # row 5
    ["Video", "Video", 1, "quý", "Toàn trường", "video", None],
    ["Tổng kết năm", "Tin bài", 3, "năm", "Toàn trường", "tin bài", None],          # row 7
]
ACTIVITIES = [  # date, topic, type, title, author, unit, channel, link, notes
    [D(2024, 1, 8), T1, "Tin bài", "Phổ biến Thông tư 27", "Lò Thị Hương", U1, SITE,
     "https://thmm2.edu.vn/tin/1", None],                                                # 2
    [D(2024, 1, 10), T2, "Ảnh", "Chuyên đề Toán lớp 3", "Lò Thị Hương", U1, PAGE,
     "https://www.facebook.com/thmm2/posts/1", None],                                    # 3
    [D(2024, 1, 11), T2, "Ảnh", "Chuyên đề Tiếng Việt lớp 5", "Quàng Văn Minh", U2, PAGE,
     "https://www.facebook.com/thmm2/posts/2", None],                                    # 4
    [D(2024, 1, 12), T1, "Phóng sự", "Sơ kết học kỳ I", "Nguyễn Thị Hoa", OFFICE, MEETING,
     None, "Hội nghị sơ kết"],                                                           # 5
    [D(2024, 2, 6), T2, "Tin bài", "Dự giờ thăm lớp", "Lò Thị Hương", U1, SITE,
     "https://thmm2.edu.vn/tin/2", None],                                                # 6
    [D(2024, 2, 7), T2, "Video", "Tiết học mẫu lớp 2", "Lò Thị Hương", U1, PAGE,
     "https://www.facebook.com/thmm2/videos/3", None],                                   # 7
    [D(2024, 2, 8), T2, "Ảnh", "Hoạt động ngoài giờ lớp 4", "Quàng Văn Minh", U2, PAGE,
     "https://www.facebook.com/thmm2/posts/4", None],                                    # 8
    [D(2024, 2, 20), T1, "Phóng sự", "Ngày hội đọc sách", "Nguyễn Thị Hoa", OFFICE, SITE,
     "https://thmm2.edu.vn/tin/3", None],                                                # 9
    [D(2024, 3, 5), T3, "Tin bài", "Tìm hiểu Chiến thắng Điện Biên Phủ", "Quàng Văn Minh",
     U2, SITE, "https://thmm2.edu.vn/tin/4", None],                                      # 10
    [D(2024, 3, 6), T3, "Ảnh", "Thăm di tích đồi A1", "Lò Thị Hương", U1, PAGE,
     "https://www.facebook.com/thmm2/posts/5", None],                                    # 11
    [D(2024, 3, 7), T2, "Video", "Văn nghệ chào mừng 8/3", "Quàng Văn Minh", U2, PAGE,
     "https://www.facebook.com/thmm2/videos/6", None],                                   # 12
    [D(2024, 3, 12), T1, "Tin bài", "Tuyên truyền Luật Giáo dục", "Nguyễn Thị Hoa", OFFICE,
     SITE, "https://thmm2.edu.vn/tin/5", None],                                          # 13: spare
]
RECIPIENTS = [["Phòng GD&ĐT (b/c)", "KH, BC"], ["Lưu: VT", "KH, BC"]]
PLAN_TEXT = [["Mục đích", None, "Chủ động thông tin phù hợp, kịp thời."],
             ["Nhiệm vụ", "Hiệu trưởng", "Chỉ đạo xây dựng Kế hoạch truyền thông."]]
OPINIONS = [[D(2024, 2, 1), "Phụ huynh", "Hỏi về lịch học bán trú", "Trả lời tại họp", None]]

COLUMNS = {  # tab key → column keys in the base workbook's order
    "calendar": ["school_year", "start", "semester1_end", "end"],
    "breaks": ["name", "start", "end"],
    "activities": ["date", "topic", "type", "title", "author", "unit", "channel", "link",
                   "notes"],
    "topics": ["number", "topic", "forms", "window_from", "window_to", "minimum", "yearly"],
    "channels": ["name", "kind", "address", "description"],
    "units": ["name", "head", "per_unit_cadence"],
    "cadence": ["product", "counted_types", "minimum", "period", "scope", "unit_noun",
                "description", "applies", "valid_from", "valid_to"],
    "recipients": ["recipient", "documents"],
    "plan_text": ["section", "role", "text"],
}


def base_data() -> dict:
    """The clean workbook's rows, tab key → rows (general: (label, value) pairs)."""
    return copy.deepcopy({
        "general": [list(pair) for pair in GENERAL], "topics": TOPICS, "channels": CHANNELS,
        "units": UNITS, "cadence": CADENCE, "activities": ACTIVITIES,
        "recipients": RECIPIENTS, "plan_text": PLAN_TEXT, "opinions": OPINIONS,
        "calendar": SCHOOL_YEARS, "breaks": [],
    })


def base_xlsx(data: dict | None = None) -> bytes:
    return workbook_bytes(data or base_data())


def check(book: Book, as_of: dt.date = AS_OF) -> Report:
    return run_checks(book, as_of, today=TODAY)


def located(report: Report) -> list[tuple]:
    return sorted((f.code, f.tab, f.row, f.column, f.period, f.scope) for f in report.findings)


# Mutations --------------------------------------------------------------------------------

Edit = Callable[[dict], None]


def set_cell(tab: str, row: int, key: str, value) -> Edit:
    """Set the cell of sheet row `row` (2 = first row under the header) in column `key`."""
    def edit(data: dict) -> None:
        data[tab][row - 2][COLUMNS[tab].index(key)] = value
    return edit


def set_field(label: str, value) -> Edit:
    def edit(data: dict) -> None:
        next(pair for pair in data["general"] if pair[0] == label)[1] = value
    return edit


def drop_field(label: str) -> Edit:
    def edit(data: dict) -> None:
        data["general"] = [pair for pair in data["general"] if pair[0] != label]
    return edit


def append_row(tab: str, row: list) -> Edit:
    def edit(data: dict) -> None:
        data[tab].append(list(row))
    return edit


def copy_row(tab: str, row: int, **changes) -> Edit:
    def edit(data: dict) -> None:
        new = list(data[tab][row - 2])
        for key, value in changes.items():
            new[COLUMNS[tab].index(key)] = value
        data[tab].append(new)
    return edit


def edits(*steps: Edit) -> Edit:
    def edit(data: dict) -> None:
        for step in steps:
            step(data)
    return edit


def xlsx_text(sheet: str, ref: str, text: str):
    """A cell holding text exactly as given, even '=…' (a formula that arrived as text)."""
    def edit(workbook) -> None:
        cell = workbook[sheet][ref]
        cell.value = text
        cell.data_type = "s"
    return edit


def xlsx_merge(sheet: str, cells: str):
    def edit(workbook) -> None:
        workbook[sheet].merge_cells(cells)
    return edit


def xlsx_header(sheet: str, ref: str, text: str):
    def edit(workbook) -> None:
        workbook[sheet][ref] = text
    return edit


def xlsx_delete_column(sheet: str, number: int):
    def edit(workbook) -> None:
        workbook[sheet].delete_cols(number)
    return edit


def xlsx_swap_columns(sheet: str, first: int, second: int):
    def edit(workbook) -> None:
        ws = workbook[sheet]
        for row in range(1, ws.max_row + 1):
            a, b = ws.cell(row, first), ws.cell(row, second)
            a.value, b.value = b.value, a.value
    return edit


def xlsx_delete_sheet(sheet: str):
    def edit(workbook) -> None:
        del workbook[sheet]
    return edit


def xlsx_rename_sheet(sheet: str, name: str):
    def edit(workbook) -> None:
        workbook[sheet].title = name
    return edit


def xlsx_clear_sheet(sheet: str):
    def edit(workbook) -> None:
        ws = workbook[sheet]
        ws.delete_rows(1, ws.max_row)
    return edit


def raw_text(sheet: str, row: int, column: int, text: str):
    """Set a cell after reading, for what no .xlsx can hold (control characters come
    from Google Sheets); column is 1-based."""
    def edit(raw: RawBook) -> None:
        table = next(t for t in raw.tables if t.name == sheet)
        table.rows[row - 1][column - 1] = text
    return edit


@dataclass
class Case:
    id: str
    expected: list[tuple]
    data: Edit | None = None
    xlsx: Callable | None = None
    raw: Callable | None = None
    then: Callable[[Book, Report], None] | None = None


def build(case: Case | None = None) -> Book:
    """The base workbook with the case's mutation, written to .xlsx and read back."""
    data = base_data()
    if case and case.data:
        data = copy.deepcopy(data)
        case.data(data)
    content = workbook_bytes(data)
    if case and case.xlsx:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content))
        case.xlsx(workbook)
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
    raw = read_workbook(io.BytesIO(content))
    if case and case.raw:
        case.raw(raw)
    return build_book(raw)


# Where findings are -----------------------------------------------------------------------

LOG, TOP, CHA, UNI, CAD, GEN = "Nhật ký", "Chủ đề", "Kênh", "Đơn vị", "Định mức", "Thông tin chung"
CAL, BRK = "Lịch năm học", "Kỳ nghỉ"
WHOLE = "Toàn trường"


def at(code: str, tab: str, row: int | None = None, column: str | None = None,
       period: str | None = None, scope: str | None = None) -> tuple:
    return (code, tab, row, column, period, scope)


def short(code: str, period: str, scope: str = WHOLE) -> tuple:
    """A cadence finding: on the register's tab, no row or column, with period and scope."""
    return (code, LOG, None, None, period, scope)


def read_date(row: int, expected: dt.date):
    def then(book: Book, report: Report) -> None:
        assert book["activities"].data.at[row, "date"] == pd.Timestamp(expected)
    return then


def read_value(tab: str, row: int, key: str, expected):
    def then(book: Book, report: Report) -> None:
        assert book[tab].data.at[row, key] == expected
    return then


def message_has(text: str, lang: str = "vi"):
    def then(book: Book, report: Report) -> None:
        assert any(text in f.message(lang) for f in report.findings), \
            [f.message(lang) for f in report.findings]
    return then


SERIAL_12_03_2024 = (D(2024, 3, 12) - D(1899, 12, 30)).days
LONG = ("Nội dung rất dài. " * 5600).strip()  # 100,799 characters

CASES = [
    # Headers and tabs ---------------------------------------------------------------------
    Case("header-missing-required", [at("missing-header", LOG, 1, "Kênh")],
         xlsx=xlsx_delete_column(LOG, 7)),
    Case("header-missing-optional", [at("missing-optional-header", LOG, 1, "Ghi chú")],
         xlsx=xlsx_delete_column(LOG, 9)),
    Case("header-renamed-unknown", [at("unknown-header", LOG, 1, "Kênhh"),
                                    at("missing-header", LOG, 1, "Kênh")],
         xlsx=xlsx_header(LOG, "G1", "Kênhh"),
         then=message_has("(có phải 'Kênh'?)")),
    Case("header-renamed-alias", [], xlsx=xlsx_header(LOG, "H1", "Link"),
         then=read_value("activities", 13, "link", "https://thmm2.edu.vn/tin/5")),
    Case("header-without-accents-and-upper-case", [], xlsx=xlsx_header(LOG, "A1", "NGAY"),
         then=read_date(13, D(2024, 3, 12))),
    Case("header-reordered", [], xlsx=xlsx_swap_columns(LOG, 3, 4),
         then=read_value("activities", 13, "type", "Tin bài")),
    Case("header-duplicated", [at("duplicate-header", LOG, 1, "Ghi chú")],
         xlsx=xlsx_header(LOG, "J1", "Ghi chú")),
    Case("header-extra", [at("unknown-header", LOG, 1, "Số lượt xem")],
         xlsx=xlsx_header(LOG, "J1", "Số lượt xem")),
    Case("tab-missing-required", [at("missing-tab", CHA)], xlsx=xlsx_delete_sheet(CHA)),
    Case("tab-missing-optional", [at("missing-optional-tab", "Dư luận")],
         xlsx=xlsx_delete_sheet("Dư luận")),
    Case("tab-renamed-alias", [], xlsx=xlsx_rename_sheet(LOG, "Nhat ky")),
    Case("tab-empty", [at("empty-tab", UNI), at("cadence-no-units", CAD, 4, "Phạm vi")],
         xlsx=xlsx_clear_sheet(UNI)),

    # Merged cells -------------------------------------------------------------------------
    Case("merged-required-column", [at("merged-cell-blank", LOG, 13, "Chủ đề"),
                                    at("missing-value", LOG, 13, "Chủ đề")],
         xlsx=xlsx_merge(LOG, "B12:B13")),
    Case("merged-optional-column", [at("merged-cell-blank", LOG, 13, "Ghi chú")],
         data=set_cell("activities", 12, "notes", "Văn nghệ"), xlsx=xlsx_merge(LOG, "I12:I13")),

    # Dates as text, serial numbers --------------------------------------------------------
    *[Case(f"date-text-{name}", [], data=set_cell("activities", 13, "date", text),
           then=read_date(13, D(2024, 3, 12)))
      for name, text in [("dd/mm/yyyy", "12/03/2024"), ("d/m/yyyy", "12/3/2024"),
                         ("iso", "2024-03-12"), ("dashes", "12-03-2024"),
                         ("dots", "12.03.2024"), ("two-digit-year", "12/03/24"),
                         ("yyyy/mm/dd", "2024/03/12"), ("words", "ngày 12 tháng 3 năm 2024")]],
    Case("date-serial-number", [], data=set_cell("activities", 13, "date", SERIAL_12_03_2024),
         then=read_date(13, D(2024, 3, 12))),
    Case("date-serial-as-text", [],
         data=set_cell("activities", 13, "date", str(SERIAL_12_03_2024)),
         then=read_date(13, D(2024, 3, 12))),
    Case("date-with-time", [], data=set_cell("activities", 13, "date",
                                             dt.datetime(2024, 3, 12, 8, 30)),
         then=read_date(13, D(2024, 3, 12))),
    Case("date-impossible-31-02", [at("invalid-date", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "31/02/2024")),
    Case("date-month-13", [at("invalid-date", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "2024-13-01")),
    Case("date-words", [at("invalid-date", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "giữa tháng 3")),
    Case("date-excel-leap-day-serial", [at("excel-leap-day", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", 60)),
    Case("date-excel-leap-day-text", [at("excel-leap-day", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "29/02/1900")),
    Case("date-outside-plan-year", [at("date-outside-plan", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", D(2023, 3, 12))),
    Case("date-in-future", [at("date-in-future", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", D(2024, 3, 25))),
    Case("date-in-future-and-after-plan", [at("date-in-future", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", D(2025, 3, 12))),
    Case("date-empty", [at("missing-value", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", None)),
    Case("date-unreadable-not-counted", [at("invalid-date", LOG, 2, "Ngày"),
                                         short("cadence-shortfall", "2024-01")],
         data=set_cell("activities", 2, "date", "tháng 1")),

    # Numbers ------------------------------------------------------------------------------
    Case("integer-text-in-number", [at("invalid-integer", TOP, 4, "STT")],
         data=set_cell("topics", 4, "number", "ba")),
    Case("integer-text-in-minimum", [at("invalid-integer", TOP, 2, "Tối thiểu")],
         data=set_cell("topics", 2, "minimum", "một")),
    Case("integer-fraction", [at("invalid-integer", CAD, 3, "Tối thiểu")],
         data=set_cell("cadence", 3, "minimum", "2,5")),
    Case("integer-in-general", [at("invalid-integer", GEN, 12, "Số kế hoạch")],
         data=set_field("Số kế hoạch", "mười hai")),
    Case("integer-as-text-ok", [], data=set_cell("topics", 4, "number", "3.0"),
         then=read_value("topics", 4, "number", 3)),

    # Untidy text --------------------------------------------------------------------------
    Case("text-trailing-space", [at("extra-spaces", LOG, 13, "Tiêu đề")],
         data=set_cell("activities", 13, "title", "Tuyên truyền Luật Giáo dục ")),
    Case("text-leading-space-in-reference", [at("extra-spaces", LOG, 13, "Chủ đề")],
         data=set_cell("activities", 13, "topic", " " + T1),
         then=read_value("activities", 13, "topic", T1)),
    Case("text-double-space", [at("extra-spaces", LOG, 13, "Tiêu đề")],
         data=set_cell("activities", 13, "title", "Tuyên truyền  Luật Giáo dục")),
    Case("text-non-breaking-space", [at("extra-spaces", LOG, 13, "Tiêu đề")],
         data=set_cell("activities", 13, "title", "Tuyên\u00a0truyền Luật Giáo dục")),
    Case("text-nfd-reference", [at("decomposed-text", LOG, 13, "Chủ đề")],
         data=set_cell("activities", 13, "topic", __import__("unicodedata").normalize("NFD", T1)),
         then=read_value("activities", 13, "topic", T1)),
    Case("text-zero-width-space", [at("invisible-characters", LOG, 13, "Kênh")],
         data=set_cell("activities", 13, "channel", "Website\u200b trường"),
         then=message_has("[U+200B]")),
    Case("text-byte-order-mark", [at("invisible-characters", LOG, 13, "Người thực hiện")],
         data=set_cell("activities", 13, "author", "\ufeffNguyễn Thị Hoa")),
    Case("text-invisible-and-spaces", [at("extra-spaces", LOG, 13, "Tiêu đề"),
                                       at("invisible-characters", LOG, 13, "Tiêu đề")],
         data=set_cell("activities", 13, "title", " Tuyên\u200b truyền Luật Giáo dục")),
    Case("text-control-characters", [at("control-characters", LOG, 13, "Tiêu đề")],
         raw=raw_text(LOG, 13, 4, "Tuyên truyền\x07 Luật Giáo dục")),
    # An .xlsx cell holds at most 32,767 characters; Google Sheets gives up to 50,000, and
    # any source may be wrong: the cell is set after reading.
    Case("text-100000-characters", [at("long-text", LOG, 13, "Ghi chú")],
         raw=raw_text(LOG, 13, 9, LONG), then=message_has("dài 100.799 ký tự")),
    Case("text-over-xlsx-cell-limit", [at("long-text", LOG, 13, "Ghi chú")],
         data=set_cell("activities", 13, "notes", LONG),
         then=message_has("is 32,767 characters long", "en")),
    Case("text-formula-hyperlink", [at("invalid-url", LOG, 13, "Đường dẫn"),
                                    at("formula-text", LOG, 13, "Đường dẫn")],
         xlsx=xlsx_text(LOG, "H13", '=HYPERLINK("https://thmm2.edu.vn/tin/5";"Bài 5")'),
         then=message_has("https://thmm2.edu.vn/tin/5")),
    Case("text-formula-cell-reference", [at("formula-text", LOG, 13, "Tiêu đề")],
         xlsx=xlsx_text(LOG, "D13", "=D12")),

    # References and allowed values --------------------------------------------------------
    Case("topic-typo", [at("unknown-reference", LOG, 13, "Chủ đề")],
         data=set_cell("activities", 13, "topic", "Truyền thông chinh sach"),
         then=message_has(f"Có phải '{T1}'?")),
    Case("topic-case", [at("unknown-reference", LOG, 13, "Chủ đề")],
         data=set_cell("activities", 13, "topic", T1.lower()),
         then=message_has(f"Có phải '{T1}'?")),
    Case("topic-without-accents", [at("unknown-reference", LOG, 13, "Chủ đề")],
         data=set_cell("activities", 13, "topic", "TRUYEN THONG CHINH SACH"),
         then=message_has(f"Did you mean '{T1}'?", "en")),
    Case("channel-unknown", [at("unknown-reference", LOG, 13, "Kênh")],
         data=set_cell("activities", 13, "channel", "Zalo")),
    Case("unit-unknown", [at("unknown-reference", LOG, 13, "Đơn vị")],
         data=set_cell("activities", 13, "unit", "Tổ 9")),
    Case("type-typo", [at("value-not-allowed", LOG, 13, "Loại")],
         data=set_cell("activities", 13, "type", "Tin bai"), then=message_has("'Tin bài'?")),
    Case("type-unknown", [at("value-not-allowed", LOG, 13, "Loại")],
         data=set_cell("activities", 13, "type", "Bài viết")),
    Case("counted-type-unknown", [at("value-not-allowed", CAD, 3, "Loại được tính")],
         data=set_cell("cadence", 3, "counted_types", "Ảnh, Vidéo")),
    Case("cadence-period-case", [at("value-read-as", CAD, 2, "Chu kỳ")],
         data=set_cell("cadence", 2, "period", "Tháng"),
         then=read_value("cadence", 2, "period", "tháng")),
    Case("cadence-scope-case", [at("value-read-as", CAD, 2, "Phạm vi")],
         data=set_cell("cadence", 2, "scope", "toàn trường"),
         then=message_has("'toàn trường' được đọc là 'Toàn trường'")),
    Case("channel-kind-unknown", [at("value-not-allowed", CHA, 3, "Loại kênh")],
         data=set_cell("channels", 3, "kind", "Facebook")),
    Case("recipient-document-unknown", [at("value-not-allowed", "Nơi nhận", 2, "Văn bản")],
         data=set_cell("recipients", 2, "documents", "KH, CV")),
    Case("plan-text-section-unknown", [at("value-not-allowed", "Nội dung kế hoạch", 2, "Phần")],
         data=set_cell("plan_text", 2, "section", "Muc dich")),
    Case("unit-flag-not-understood", [at("invalid-bool", UNI, 2, "Áp dụng định mức từng đơn vị")],
         data=set_cell("units", 2, "per_unit_cadence", "Có lẽ")),

    # Links --------------------------------------------------------------------------------
    Case("link-without-scheme", [at("invalid-url", LOG, 13, "Đường dẫn")],
         data=set_cell("activities", 13, "link", "www.thmm2.edu.vn/tin/5")),
    Case("link-with-space", [at("invalid-url", LOG, 13, "Đường dẫn")],
         data=set_cell("activities", 13, "link", "https://thmm2.edu.vn/tin 5")),
    Case("channel-address-invalid", [at("invalid-url", CHA, 2, "Địa chỉ")],
         data=set_cell("channels", 2, "address", "thmm2")),

    # Repeats ------------------------------------------------------------------------------
    Case("topic-name-repeated", [at("duplicate-value", TOP, 5, "Nội dung/Chủ đề")],
         data=append_row("topics", [4, T1, None, None, None, None])),
    Case("channel-name-repeated-other-case", [at("duplicate-value", CHA, 5, "Tên kênh")],
         data=append_row("channels", ["website trường", "Website", None, None])),
    Case("unit-name-repeated", [at("duplicate-value", UNI, 5, "Tên đơn vị")],
         data=append_row("units", [U2, None, "Không"])),
    Case("cadence-product-repeated", [at("rule-dates-overlap", CAD, 8, "Sản phẩm")],
         data=append_row("cadence", CADENCE[0])),
    Case("cadence-product-changes-over-time", [], data=edits(
        lambda d: d["cadence"][0].extend([None, None, D(2024, 5, 31)]),
        append_row("cadence", [*CADENCE[0][:2], 2, *CADENCE[0][3:], None, D(2024, 6, 1)]))),
    Case("activity-duplicate", [at("duplicate-activity", LOG, 14, "Tiêu đề")],
         data=copy_row("activities", 13), then=message_has("dòng 13")),
    Case("activity-duplicate-with-trailing-space", [
        at("duplicate-activity", LOG, 14, "Tiêu đề"), at("extra-spaces", LOG, 14, "Tiêu đề")],
         data=copy_row("activities", 13, title="Tuyên truyền Luật Giáo dục ")),
    Case("activity-same-title-other-link", [],
         data=copy_row("activities", 13, link="https://thmm2.edu.vn/tin/6")),

    # The topic list -----------------------------------------------------------------------
    Case("topic-number-gap", [at("topic-number-gap", TOP, 4, "STT")],
         data=set_cell("topics", 4, "number", 4)),
    Case("topic-number-repeat", [at("topic-number-repeat", TOP, 4, "STT")],
         data=set_cell("topics", 4, "number", 2)),
    Case("topic-number-blank-last", [], data=set_cell("topics", 4, "number", None)),
    Case("window-without-end", [at("window-incomplete", TOP, 4, "Từ ngày")],
         data=set_cell("topics", 4, "window_to", None)),
    Case("window-reversed", [at("window-dates-order", TOP, 4, "Đến ngày")],
         data=edits(set_cell("topics", 4, "window_from", D(2024, 3, 10)),
                    set_cell("topics", 4, "window_to", D(2024, 3, 1)))),
    Case("window-outside-plan", [at("window-outside-plan", TOP, 4, "Từ ngày")],  # not judged:
         # the window ended before the plan took effect
         data=edits(set_cell("topics", 4, "window_from", D(2023, 3, 1)),
                    set_cell("topics", 4, "window_to", D(2023, 3, 10)))),

    # Coverage -----------------------------------------------------------------------------
    Case("window-yearly-typed-in-another-year", [],  # judged in 2024: 01–10/03, met
         data=edits(set_cell("topics", 4, "window_from", D(2023, 3, 1)),
                    set_cell("topics", 4, "window_to", D(2023, 3, 10)),
                    lambda d: d["topics"][2].append("Có"))),
    Case("window-yearly-missed", [
        at("coverage-window-missed", TOP, 4, "Nội dung/Chủ đề", "2024-02-01/2024-02-10", WHOLE)],
         data=edits(set_cell("topics", 4, "window_from", D(2019, 2, 1)),
                    set_cell("topics", 4, "window_to", D(2019, 2, 10)),
                    lambda d: d["topics"][2].append("Có"))),
    Case("coverage-window-missed", [
        at("coverage-window-missed", TOP, 4, "Nội dung/Chủ đề", "2024-02-01/2024-02-10", WHOLE)],
         data=edits(set_cell("topics", 4, "window_from", D(2024, 2, 1)),
                    set_cell("topics", 4, "window_to", D(2024, 2, 10)))),
    Case("coverage-window-open", [
        at("coverage-window-pending", TOP, 4, "Nội dung/Chủ đề", "2024-03-15/2024-03-31",
           WHOLE)],
         data=edits(set_cell("topics", 4, "window_from", D(2024, 3, 15)),
                    set_cell("topics", 4, "window_to", D(2024, 3, 31)))),
    Case("coverage-window-not-started", [],
         data=edits(set_cell("topics", 4, "window_from", D(2024, 5, 1)),
                    set_cell("topics", 4, "window_to", D(2024, 5, 7)))),
    Case("coverage-minimum-so-far", [
        at("coverage-pending", TOP, 2, "Nội dung/Chủ đề", "2024", WHOLE)],
         data=set_cell("topics", 2, "minimum", 10)),

    # Required values ----------------------------------------------------------------------
    Case("required-title-empty", [at("missing-value", LOG, 13, "Tiêu đề")],
         data=set_cell("activities", 13, "title", None)),
    Case("required-author-spaces-only", [at("missing-value", LOG, 13, "Người thực hiện")],
         data=set_cell("activities", 13, "author", "   ")),
    Case("required-channel-zero-width-only", [
        at("missing-value", LOG, 13, "Kênh"), at("invisible-characters", LOG, 13, "Kênh")],
         data=set_cell("activities", 13, "channel", "\u200b")),
    Case("required-unit-noun-empty", [at("missing-value", CAD, 2, "Đơn vị tính")],
         data=set_cell("cadence", 2, "unit_noun", None)),

    # The general tab ----------------------------------------------------------------------
    Case("plan-period-invalid", [at("invalid-plan-period", GEN, 6, "Năm kế hoạch")],
         data=set_field("Năm kế hoạch", "năm 2024")),
    Case("plan-period-two-years", [], data=set_field("Năm kế hoạch", "2024-2025")),
    Case("plan-period-as-number", [], data=set_field("Năm kế hoạch", 2024)),
    Case("school-year-slash", [at("invalid-school-year", GEN, 7, "Năm học")],
         data=set_field("Năm học", "2023/2024")),
    Case("school-year-not-consecutive", [at("invalid-school-year", GEN, 7, "Năm học")],
         data=set_field("Năm học", "2023-2025")),
    Case("field-missing", [at("missing-field", GEN, None, "Người ký")],
         data=drop_field("Người ký")),
    Case("field-empty", [at("missing-value", GEN, 3, "Tên trường")],
         data=set_field("Tên trường", None)),
    Case("field-unknown", [at("unknown-field", GEN, 19, "Mục")],
         data=append_row("general", ["Phó hiệu trưởng", "Lò Văn C"])),
    Case("field-duplicated", [at("duplicate-field", GEN, 19, "Người ký")],
         data=append_row("general", ["Người ký", "Lò Văn C"])),
    Case("field-repeatable-twice", [],
         data=append_row("general", ["Căn cứ", "Luật Giáo dục sửa đổi"])),
    Case("field-date-impossible", [at("invalid-date", GEN, 8, "Ngày hiệu lực")],
         data=set_field("Ngày hiệu lực", "13/13/2024")),
    Case("authority-kt-without-holder", [at("authority-of-missing", GEN, 17, "Ký thay cho")],
         data=set_field("Quyền hạn ký", "KT.")),
    Case("authority-kt-with-holder", [],
         data=edits(set_field("Quyền hạn ký", "KT."), set_field("Ký thay cho", "HIỆU TRƯỞNG"))),
    Case("authority-prefix-unknown", [at("value-not-allowed", GEN, 16, "Quyền hạn ký")],
         data=edits(set_field("Quyền hạn ký", "K.T"), set_field("Ký thay cho", "HIỆU TRƯỞNG"))),
    Case("plan-date-before-plan", [at("plan-date-outside-period", GEN, 13, "Ngày ban hành")],
         data=set_field("Ngày ban hành", D(2023, 12, 15))),
    Case("semester-end-before-start", [  # the school year is unusable: not declared
        at("school-dates-order", CAL, 2, "Ngày kết thúc học kỳ I"), at("school-year-undeclared", CAL)],
         data=set_cell("calendar", 2, "semester1_end", D(2023, 8, 1))),
    Case("school-year-ends-a-year-late", [
        at("school-year-mismatch", CAL, 2, "Ngày kết thúc năm học")],
         data=set_cell("calendar", 2, "end", D(2025, 5, 31))),
    Case("calendar-school-year-slash", [at("invalid-school-year", CAL, 2, "Năm học"), at("school-year-undeclared", CAL)],
         data=set_cell("calendar", 2, "school_year", "2023/2024")),
    Case("calendar-date-impossible", [at("invalid-date", CAL, 2, "Ngày kết thúc học kỳ I"),
                                      at("school-year-undeclared", CAL)],
         data=set_cell("calendar", 2, "semester1_end", "13/13/2024")),
    Case("calendar-school-years-overlap", [at("school-years-overlap", CAL, 3, "Năm học")],
         data=append_row("calendar",
                         ["2024-2025", D(2024, 5, 20), D(2025, 1, 18), D(2025, 5, 31)])),
    Case("calendar-next-school-year", [],
         data=append_row("calendar",
                         ["2024-2025", D(2024, 9, 5), D(2025, 1, 18), D(2025, 5, 31)])),
    Case("calendar-school-year-twice", [at("duplicate-value", CAL, 3, "Năm học")],
         data=append_row("calendar",
                         ["2023-2024", D(2023, 9, 5), D(2024, 1, 13), D(2024, 5, 31)])),
    Case("break-ends-before-it-starts", [at("break-dates-order", BRK, 2, "Đến ngày")],
         data=append_row("breaks", ["Nghỉ Tết", D(2024, 2, 16), D(2024, 2, 5)])),
    Case("break-declared", [], data=append_row("breaks",
                                               ["Nghỉ Tết", D(2024, 2, 5), D(2024, 2, 16)])),
    Case("legacy-dates-beside-the-calendar", [
        at("legacy-school-dates", GEN, 19, "Ngày bắt đầu năm học")],
         data=append_row("general", ["Ngày bắt đầu năm học", D(2023, 9, 5)])),
    Case("legacy-dates-without-the-calendar", [at("missing-calendar-tab", CAL)],
         data=edits(append_row("general", ["Ngày bắt đầu năm học", D(2023, 9, 5)]),
                    append_row("general", ["Ngày kết thúc học kỳ I", D(2024, 1, 13)]),
                    append_row("general", ["Ngày kết thúc năm học", D(2024, 5, 31)])),
         xlsx=xlsx_delete_sheet(CAL)),
    Case("school-year-outside-plan", [at("school-year-outside-plan", GEN, 7, "Năm học"),
                                      at("missing-calendar-tab", CAL), at("school-year-undeclared", CAL)],
         data=edits(set_field("Năm học", "2021-2022"),
                    append_row("general", ["Ngày bắt đầu năm học", D(2021, 9, 6)]),
                    append_row("general", ["Ngày kết thúc học kỳ I", D(2022, 1, 15)]),
                    append_row("general", ["Ngày kết thúc năm học", D(2022, 5, 31)])),
         xlsx=xlsx_delete_sheet(CAL)),

    # Cadence ------------------------------------------------------------------------------
    Case("cadence-unit-short-school-meets", [short("cadence-shortfall", "2024-02", U2)],
         data=set_cell("activities", 8, "unit", U1)),
    Case("cadence-unit-without-activities", [
        short("cadence-shortfall", "2024-01", "Tổ 3"), short("cadence-shortfall", "2024-02", "Tổ 3"),
        short("cadence-pending", "2024-03", "Tổ 3")],
         data=append_row("units", ["Tổ 3", None, "Có"])),
    Case("cadence-school-month-short", [short("cadence-shortfall", "2024-02")],
         data=set_cell("activities", 6, "type", "Khác")),
    Case("cadence-current-month-and-year-short", [
        short("cadence-pending", "2024-03"), short("cadence-pending", "2024")],
         data=edits(set_cell("activities", 10, "type", "Khác"),
                    set_cell("activities", 13, "type", "Khác"))),
    Case("cadence-quarter-short", [short("cadence-pending", "2024-Q1")],
         data=edits(set_cell("activities", 7, "type", "Ảnh"),
                    set_cell("activities", 12, "type", "Ảnh"))),
    Case("cadence-semester-short", [short("cadence-shortfall", "HK1-2023-2024")],
         data=set_cell("activities", 5, "date", D(2024, 1, 20))),
    Case("cadence-no-unit-marked", [at("cadence-no-units", CAD, 4, "Phạm vi")],
         data=edits(set_cell("units", 2, "per_unit_cadence", "Không"),
                    set_cell("units", 3, "per_unit_cadence", "Không"))),
]


def test_the_base_workbook_is_clean():
    report = check(build())
    assert report.findings == []


def test_the_corpus_is_large_and_named_once():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 60
    assert sum(1 for case in CASES if case.expected) >= 60


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case):
    book = build(case)
    report = check(book)
    assert located(report) == sorted(case.expected)
    for finding in report.findings:
        assert finding.code in CATALOGUE
        assert finding.message("vi") and finding.message("en")
    if case.then:
        case.then(book, report)
