"""A corpus of hostile and careless inputs: files made to break the reader, and cell values
a lenient reader would misread. Files run through `commsplan check` in a child process,
whose exit code, message and peak memory (ru_maxrss) are asserted; cell values go through
the corpus of tests/test_checks_corpus.py, each asserting exactly which findings appear.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from commsplan.checks.present import to_csv
from commsplan.cli import build_parser, main
from commsplan.contract import load_contract
from commsplan.errors import SourceError
from commsplan.findings import CATALOGUE, Finding, Report
from commsplan.sources.workbook import read_workbook
from tests import hostile_files as hostile
from tests.test_checks_corpus import (
    CAD,
    GEN,
    GENERAL,
    LOG,
    T1,
    TOP,
    Case,
    at,
    base_xlsx,
    build,
    check,
    edits,
    located,
    message_has,
    raw_text,
    read_date,
    read_value,
    set_cell,
    set_field,
    xlsx_merge,
    xlsx_rename_sheet,
)

CONTRACT_TABS = load_contract().tabs
# The row of each item on the corpus's general tab (the header is row 1).
GEN_ROW = {label: number for number, (label, _) in enumerate(GENERAL, start=2)}
MERGED_ABOVE_SUMMARY = f"B{GEN_ROW['Trích yếu'] - 1}:B{GEN_ROW['Trích yếu']}"
AS_OF = "20/03/2024"
PEAK_LIMIT = 200 * 2**20  # bytes: the most a refused or skipped hostile file may cost
ADDRESS_LIMIT = 2 * 2**30  # the child's address space, so a runaway reader fails fast


# Files ----------------------------------------------------------------------------------------

@dataclass
class FileCase:
    id: str
    make: Callable[[bytes], bytes]
    exit_code: int
    says: tuple[str, ...] = ()  # in what the command prints (stderr, then stdout)
    bounded: bool = False  # peak memory asserted under PEAK_LIMIT


FILE_CASES = [
    # A value far away in a tab the contract does not know: that tab is not read at all.
    FileCase("stray-cell-in-an-extra-tab",
             lambda b: hostile.with_cells(b, "Ghi chép riêng",
                                          {"A1": "ghi chú", "XFD1048576": "x"}, new_sheet=True),
             0, bounded=True),
    FileCase("stray-cell-alone-in-an-extra-tab",
             lambda b: hostile.with_cells(b, "Trang trống", {"XFD1048576": "x"}, new_sheet=True),
             0, bounded=True),
    # In a contract tab: refused, naming the tab and the cell.
    FileCase("stray-cell-in-the-register",
             lambda b: hostile.with_cells(b, LOG, {"XFD1048576": "x"}), 2,
             ("Nhật ký", "XFD1048576", "1.048.576 dòng × 16.384 cột"), bounded=True),
    FileCase("stray-row-in-the-register",
             lambda b: hostile.with_cells(b, LOG, {"A1048576": "x"}), 2,
             ("Nhật ký", "ô A1048576"), bounded=True),
    FileCase("far-cell-without-a-reference", hostile.far_cell_without_reference, 2,
             ("Nhật ký", "ô A1048576"), bounded=True),
    # A column far right but few rows: a grid well within the bound, read as usual.
    FileCase("stray-column-few-rows", lambda b: hostile.with_cells(b, LOG, {"XFD1": "x"}), 0,
             ("unknown-header",)),
    FileCase("lying-dimension", hostile.lying_dimension, 0, bounded=True),
    FileCase("one-3-gib-string-in-3-mb", hostile.big_string, 2,
             ("sharedStrings.xml", "32.767 ký tự"), bounded=True),
    FileCase("3-gib-string-with-a-lying-size", lambda b: hostile.big_string(b, declared=1000),
             2, ("sharedStrings.xml",), bounded=True),
    FileCase("two-entries-with-one-name",
             lambda b: hostile.write_zip(list(hostile.members(b).items())
                                         + [("XL/Workbook.xml", b"<workbook/>")]),
             2, ("bị hỏng", "two entries")),
    FileCase("header-size-lies",
             lambda b: hostile.rezip(b, {hostile.register_part(b): hostile.Deflated(
                 *_deflated(hostile.members(b)[hostile.register_part(b)], size=100))}),
             2, ("bị hỏng",)),
]


def _deflated(content: bytes, size: int) -> tuple[bytes, int, int]:
    import zlib

    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush(), zlib.crc32(content), size


# A small launcher starts the command and reports its peak memory: a child's ru_maxrss counts
# the memory of the process it was forked from, and the test process is large.
LAUNCHER = """
import os, resource, subprocess, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
child = subprocess.Popen(sys.argv[3:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[2], "w") as report:
    report.write(str(usage.ru_maxrss * 1024))  # KiB on Linux
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run_check(path: Path) -> tuple[int, str, int]:
    """`commsplan check path` in a child process: exit code, output, peak memory (bytes)."""
    env = {k: v for k, v in os.environ.items() if k != "COMMSPLAN_DEBUG"}  # the tests' own
    peak_file = path.with_suffix(".peak")
    done = subprocess.run([sys.executable, "-c", LAUNCHER, str(ADDRESS_LIMIT), str(peak_file),
                           sys.executable, "-m", "commsplan", "check", str(path), "--as-of",
                           AS_OF], capture_output=True, env=env, timeout=300)
    peak = int(peak_file.read_text()) if peak_file.exists() else 0
    return done.returncode, done.stderr.decode() + done.stdout.decode(), peak


@pytest.fixture(scope="module")
def base_workbook() -> bytes:
    return base_xlsx()


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
def test_hostile_file(case: FileCase, base_workbook, tmp_path):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(case.make(base_workbook))
    code, said, peak = run_check(path)
    assert "Traceback" not in said and "panicked" not in said
    assert code == case.exit_code, said
    for words in case.says:
        assert words in said, said
    if case.bounded:
        assert 0 < peak < PEAK_LIMIT, f"peak {peak / 2**20:.0f} MB"


def test_a_3_gib_string_fits_in_3_mb():
    made = hostile.big_string(base_xlsx())
    assert len(made) < 4 * 2**20
    with __import__("zipfile").ZipFile(io.BytesIO(made)) as archive:
        assert archive.getinfo(hostile.SHARED_STRINGS).file_size > 3 * hostile.GIB


def test_only_the_contract_tabs_are_read_and_every_tab_is_named():
    made = hostile.with_cells(base_xlsx(), "Ghi chép riêng", {"XFD1048576": "x"},
                              new_sheet=True)
    raw = read_workbook(io.BytesIO(made))
    assert "Ghi chép riêng" not in [t.name for t in raw.tables]
    assert len(raw.tables) == len(CONTRACT_TABS) and raw.tab_names[-1] == "Ghi chép riêng"


def test_error_cells_are_read_as_the_error_they_show():
    made = hostile.with_cells(base_xlsx(), LOG, {"B13": "#REF!", "I13": "#N/A"})
    register = next(t for t in read_workbook(io.BytesIO(made)).tables if t.name == LOG)
    assert register.rows[12][1] == "#REF!" and register.rows[12][8] == "#N/A"


MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
UNUSUAL_ROWS = [  # a last row added to the register as some writer might spell it
    ("far-cell-holding-nothing", b'<row r="1048576"><c r="XFD1048576" s="1"/></row>', None),
    ("reference-given-twice", b'<row r="14"><c r="A14" r="XFD1048576"><v>1</v></c></row>',
     "XFD1048576"),
    ("reference-in-single-quotes", b"<row r='1048576'><c r='A1048576'><v>1</v></c></row>",
     "A1048576"),
    ("cell-with-a-prefix", b'<row r="14"><x:c xmlns:x="' + MAIN + b'" r="XFD1048576">'
     b"<x:v>1</x:v></x:c></row>", "XFD1048576"),
    ("rows-counted-after-a-far-one", b'<row r="1048575"/><row><c><v>1</v></c></row>',
     "A1048576"),
]


# Read in a child process: on a reader that builds the whole grid, these abort the process.
READER = """
import json, resource, sys
from commsplan.errors import SourceError
from commsplan.sources.workbook import read_workbook
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
try:
    raw = read_workbook(sys.argv[1])
except SourceError as error:
    print(json.dumps({"refused": error.key, "params": {k: str(v) for k, v in error.params.items()}}))
else:
    register = next(t for t in raw.tables if t.name == "Nhật ký")
    print(json.dumps({"tables": len(raw.tables), "register": register.rows[13:14]}, default=str))
"""


def read_in_child(content: bytes, tmp_path: Path) -> dict:
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(content)
    done = subprocess.run([sys.executable, "-c", READER, str(path), str(ADDRESS_LIMIT)],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ))
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("row, far", [case[1:] for case in UNUSUAL_ROWS],
                         ids=[case[0] for case in UNUSUAL_ROWS])
def test_unusual_cells_are_placed_as_the_reader_places_them(row: bytes, far: str | None,
                                                            tmp_path):
    made = hostile.edit_part(base_xlsx(), hostile.register_part(base_xlsx()), b"</sheetData>",
                             row + b"</sheetData>")
    read = read_in_child(made, tmp_path)
    if far is None:
        assert read["tables"] == len(CONTRACT_TABS)
    else:
        assert read["refused"] == "source-grid-too-large"
        assert read["params"]["cell"] == far and read["params"]["tab"] == LOG


def test_an_error_cell_without_a_reference_is_found(tmp_path):
    made = hostile.edit_part(base_xlsx(), hostile.register_part(base_xlsx()), b"</sheetData>",
                             b'<row r="14"><c t="e"><v>#REF!</v></c></row></sheetData>')
    assert read_in_child(made, tmp_path)["register"][0][0] == "#REF!"


def _cells_found(xml: bytes, splits: list[int]):
    """What the package check learns of a sheet inflated in chunks cut at `splits`."""
    from commsplan.sources import package

    scan = package._CellScan()
    for start, end in zip([0, *splits], [*splits, len(xml)]):
        scan.feed(xml[start:end])
    found = scan.finish()
    if found is not None:
        return found
    checker = package._Package.__new__(package._Package)
    checker.origin = "ke-hoach.xlsx"
    try:
        return package._walk_cells(xml, LOG, checker)
    except SourceError as refused:
        return refused.params["cell"]


SHEET = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         b'<dimension ref="A1:B3"/><sheetData>'
         b'<row r="1"><c r="A1" t="inlineStr"><is><t>Ng\xc3\xa0y</t></is></c>'
         b'<c r="B1" s="1" t="s"><v>0</v></c></row>'
         b'<row r="2"><c r="A2"><v>45363</v></c><c r="B2" t="e"><f>X1</f><v>#REF!</v></c></row>'
         b'<row r="3"><c r="A3" s="2"/><c r="B3" t="e"><v>#N/A</v></c></row>'
         b"</sheetData></worksheet>")


@pytest.mark.parametrize("far", [b"", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'],
                         ids=["near", "far"])
def test_a_sheet_cut_anywhere_is_checked_the_same(far: bytes):
    xml = SHEET.replace(b"</sheetData>", far + b"</sheetData>")
    whole = _cells_found(xml, [])
    assert whole == ("XFD1048576" if far else {(1, 1): "#REF!", (2, 1): "#N/A"})
    for cut in range(1, len(xml)):
        assert _cells_found(xml, [cut]) == whole, cut
    assert _cells_found(xml, list(range(7, len(xml), 7))) == whole


class PanicException(BaseException):
    """What pyo3 raises for a Rust panic: a BaseException, not an Exception."""


class _PanickingWorkbook:
    @staticmethod
    def from_filelike(handle):
        raise PanicException("capacity overflow")


def test_a_reader_panic_is_the_damaged_file_message_and_exit_2(tmp_path, monkeypatch, capsys):
    import python_calamine

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", _PanickingWorkbook)
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(base_xlsx())
    with pytest.raises(SourceError) as caught:
        read_workbook(path)
    assert caught.value.key == "source-corrupt" and "capacity overflow" in caught.value.message()
    assert main(["check", str(path)]) == 2
    assert "bị hỏng" in capsys.readouterr().err


def test_an_interrupt_while_reading_is_not_a_damaged_file(tmp_path, monkeypatch):
    import python_calamine

    class Interrupted:
        @staticmethod
        def from_filelike(handle):
            raise KeyboardInterrupt

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Interrupted)
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(base_xlsx())
    with pytest.raises(KeyboardInterrupt):
        read_workbook(path)


# Cell values ----------------------------------------------------------------------------------

def xlsx_cell(sheet: str, ref: str, value):
    """A cell typed in Excel: '#REF!' becomes an error cell, True a TRUE cell."""
    def edit(workbook) -> None:
        workbook[sheet][ref] = value
    return edit


def xlsx_title_above(sheet: str, title: str):
    def edit(workbook) -> None:
        workbook[sheet].insert_rows(1)
        workbook[sheet]["A1"] = title
    return edit


def both(*steps):
    def edit(workbook) -> None:
        for step in steps:
            step(workbook)
    return edit


def message_lacks(text: str, lang: str = "vi"):
    def then(book, report: Report) -> None:
        assert not any(text in f.message(lang) for f in report.findings), \
            [f.message(lang) for f in report.findings]
    return then


def all_of(*checks):
    def then(book, report) -> None:
        for one in checks:
            one(book, report)
    return then


def insert_general(index: int, pair: list):
    def edit(data: dict) -> None:
        data["general"].insert(index, list(pair))
    return edit


def read_general(key: str, expected):
    def then(book, report) -> None:
        assert book.general.values[key] == expected
    return then


RLO, PDF = "\u202e", "\u202c"
CYRILLIC_TE = "\u0422"  # Т, drawn like a Latin T
HOA = "Nguyễn Thị Hoa"

CASES = [
    # Numbers: one reading or none -----------------------------------------------------------
    Case("thousands-separator-is-ambiguous", [at("ambiguous-number", TOP, 2, "Tối thiểu")],
         data=set_cell("topics", 2, "minimum", "1.000"),
         then=all_of(message_has("ví dụ 1000"), message_has("1.000 is one thousand", "en"))),
    Case("several-thousands-groups", [at("ambiguous-number", CAD, 3, "Tối thiểu")],
         data=set_cell("cadence", 3, "minimum", "2.000.000")),
    Case("true-is-not-one", [at("invalid-integer", TOP, 4, "STT")],
         xlsx=xlsx_cell(TOP, "A4", True),
         then=all_of(message_has("'TRUE' không phải một số nguyên"),
                     message_lacks("số thứ tự TRUE"))),
    Case("false-is-not-zero", [at("invalid-integer", CAD, 2, "Tối thiểu")],
         xlsx=xlsx_cell(CAD, "C2", False)),
    Case("decimal-zeros-are-whole", [], data=set_cell("topics", 4, "number", "3,00"),
         then=read_value("topics", 4, "number", 3)),

    # Dates: a year, a span, trailing words ----------------------------------------------------
    Case("year-typed-in-a-date-cell", [at("year-not-date", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "2024"),
         then=all_of(message_has("'2024' là một năm, không phải một ngày"),
                     message_lacks("nằm ngoài kỳ kế hoạch"))),
    Case("year-as-a-number-in-a-date-cell", [at("year-not-date", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", 2024)),
    Case("day-as-a-number-in-a-date-cell", [at("invalid-date", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", 15)),
    Case("year-in-a-general-date", [at("year-not-date", GEN, GEN_ROW["Ngày ban hành"], "Ngày ban hành")],
         data=set_field("Ngày ban hành", 2024)),
    Case("date-span-in-one-cell", [at("several-dates", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "12/3/2024 - 20/3/2024"),
         then=message_has("có nhiều hơn một ngày")),
    Case("date-span-without-first-year", [at("several-dates", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "12/3 - 20/3/2024")),
    Case("date-with-words-after", [at("invalid-date", LOG, 13, "Ngày")],
         data=set_cell("activities", 13, "date", "12/03/2024 (buổi sáng)")),
    Case("date-with-a-time-still-reads", [],
         data=set_cell("activities", 13, "date", "12/03/2024 08:30"),
         then=read_date(13, dt.date(2024, 3, 12))),

    # Spreadsheet errors: never "empty" ----------------------------------------------------------
    Case("ref-error-in-a-required-cell", [at("spreadsheet-error", LOG, 13, "Chủ đề")],
         xlsx=xlsx_cell(LOG, "B13", "#REF!"),
         then=all_of(message_has("#REF!"), message_has("đã bị xoá"),
                     message_lacks("còn trống"))),
    Case("na-error-in-an-optional-cell", [at("spreadsheet-error", LOG, 13, "Ghi chú")],
         xlsx=xlsx_cell(LOG, "I13", "#N/A")),
    Case("error-in-a-date-cell", [at("spreadsheet-error", LOG, 13, "Ngày")],
         xlsx=xlsx_cell(LOG, "A13", "#VALUE!")),
    Case("error-text-from-google-sheets", [at("spreadsheet-error", LOG, 13, "Chủ đề")],
         raw=raw_text(LOG, 13, 2, "#REF!")),
    Case("error-in-the-general-tab", [at("spreadsheet-error", GEN, GEN_ROW["Số kế hoạch"], "Số kế hoạch")],
         xlsx=xlsx_cell(GEN, f"B{GEN_ROW['Số kế hoạch']}", "#DIV/0!")),

    # Allowed values: one match is read, with a warning; the rest stay errors -----------------
    Case("type-in-lower-case", [at("value-read-as", LOG, 13, "Loại")],
         data=set_cell("activities", 13, "type", "tin bài"),
         then=all_of(read_value("activities", 13, "type", "Tin bài"),
                     message_has("'tin bài' được đọc là 'Tin bài'"))),
    Case("period-capitalised-still-counts", [at("value-read-as", CAD, 6, "Chu kỳ")],
         data=set_cell("cadence", 6, "period", "Quý"),
         then=read_value("cadence", 6, "period", "quý")),
    Case("scope-with-extra-spaces", [at("value-read-as", CAD, 2, "Phạm vi"),
                                     at("extra-spaces", CAD, 2, "Phạm vi")],
         data=set_cell("cadence", 2, "scope", "Toàn  Trường")),
    Case("kind-without-spaces-around-slash", [at("value-read-as", "Kênh", 4, "Loại kênh")],
         data=set_cell("channels", 4, "kind", "Hội nghị / Sự kiện")),
    Case("counted-type-item-in-lower-case", [at("value-read-as", CAD, 3, "Loại được tính")],
         data=set_cell("cadence", 3, "counted_types", "Ảnh, video"),
         then=read_value("cadence", 3, "counted_types", ("Ảnh", "Video"))),
    Case("authority-without-its-dot", [at("value-read-as", GEN, GEN_ROW["Quyền hạn ký"], "Quyền hạn ký")],
         data=edits(set_field("Quyền hạn ký", "kt"), set_field("Ký thay cho", "HIỆU TRƯỞNG")),
         then=all_of(message_has("'kt' được đọc là 'KT.'"),
                     lambda book, report: book.general.values["authority_prefix"] == "KT.")),
    Case("accents-still-count", [at("value-not-allowed", LOG, 13, "Loại")],
         data=set_cell("activities", 13, "type", "TIN BAI")),
    Case("no-reading-for-a-value-with-other-dots",
         [at("value-not-allowed", GEN, GEN_ROW["Quyền hạn ký"], "Quyền hạn ký")],
         data=edits(set_field("Quyền hạn ký", "K.T"), set_field("Ký thay cho", "HIỆU TRƯỞNG")),
         then=all_of(message_has("Có phải 'KT.'? Hãy chọn một trong: KT., TM., Q."),
                     message_lacks("Q.."))),

    # Look-alike letters and invisible direction controls ------------------------------------------
    Case("cyrillic-letter-in-a-type", [at("value-not-allowed", LOG, 13, "Loại")],
         data=set_cell("activities", 13, "type", f"{CYRILLIC_TE}in bài"),
         then=all_of(message_has("CYRILLIC CAPITAL LETTER TE"), message_has("Kirin"),
                     message_has("Cyrillic letter", "en"), message_lacks("Có phải 'Tin bài'?"))),
    Case("cyrillic-letter-in-a-topic", [at("unknown-reference", LOG, 13, "Chủ đề")],
         data=set_cell("activities", 13, "topic", CYRILLIC_TE + T1[1:]),
         then=all_of(message_has("U+0422"), message_lacks(f"Có phải '{T1}'?"))),
    Case("cyrillic-letter-in-a-header", [at("unknown-header", LOG, 1, "\u041aênh"),
                                         at("missing-header", LOG, 1, "Kênh")],
         xlsx=xlsx_cell(LOG, "G1", "\u041aênh"),
         then=all_of(message_has("CYRILLIC CAPITAL LETTER KA"),
                     message_lacks("(có phải 'Kênh'?)"))),
    Case("override-in-the-school-name", [at("invisible-characters", GEN, 3, "Tên trường")],
         data=set_field("Tên trường", f"{RLO}Trường PTDTBT Tiểu học số 2 Mường Mươn{PDF}"),
         then=all_of(message_has("[U+202E]"),
                     read_general("school_name", "Trường PTDTBT Tiểu học số 2 Mường Mươn"))),
    Case("direction-mark-in-a-reference", [at("invisible-characters", LOG, 13, "Kênh")],
         data=set_cell("activities", 13, "channel", "Website trường\u200f")),

    # Formula-like text ----------------------------------------------------------------------------
    Case("at-sign-start", [at("formula-text", LOG, 13, "Tiêu đề")],
         data=set_cell("activities", 13, "title", "@Cô Hoa xem lại")),
    Case("dde-after-arithmetic", [at("formula-text", LOG, 13, "Ghi chú")],
         data=set_cell("activities", 13, "notes", "-2+3+cmd|' /C calc'!A0")),
    Case("plus-cell-reference", [at("formula-text", LOG, 13, "Ghi chú")],
         data=set_cell("activities", 13, "notes", "+A1")),
    Case("minus-function", [at("formula-text", LOG, 13, "Ghi chú")],
         data=set_cell("activities", 13, "notes", "-SUM(1,2)")),
    Case("tab-then-formula", [at("formula-text", LOG, 13, "Ghi chú"),
                              at("extra-spaces", LOG, 13, "Ghi chú")],
         data=set_cell("activities", 13, "notes", "\t=1+1")),
    Case("bullet-lines-are-not-formulas", [],
         data=set_cell("topics", 2, "forms", "- Thông tin một\n- Thông tin hai")),
    Case("plain-dash-and-phone-number", [],
         data=edits(set_cell("activities", 13, "notes", "+84 912 345 678"),
                    set_cell("activities", 12, "notes", "- 5 tin bài trong tháng"))),

    # Messages that named the wrong cause -----------------------------------------------------------
    Case("title-row-above-the-header", [at("header-not-first", LOG, 1)],
         xlsx=xlsx_title_above(LOG, "NHẬT KÝ TRUYỀN THÔNG NĂM 2024"),
         then=all_of(read_date(14, dt.date(2024, 3, 12)),
                     message_has("Dòng tiêu đề phải là dòng đầu tiên có chữ"),
                     message_has("dòng 2"))),
    Case("merged-value-in-the-general-tab", [at("merged-cell-blank", GEN, GEN_ROW["Trích yếu"], "Trích yếu"),
                                             at("missing-value", GEN, GEN_ROW["Trích yếu"], "Trích yếu")],
         xlsx=xlsx_merge(GEN, MERGED_ABOVE_SUMMARY),
         then=message_has(f"vùng ô gộp {MERGED_ABOVE_SUMMARY}")),
    Case("merged-item-label-in-the-general-tab", [at("merged-cell-blank", GEN, 14, "Mục")],
         data=insert_general(12, [None, "Luật Giáo dục sửa đổi ngày 01/01/2025"]),
         xlsx=xlsx_merge(GEN, "A13:A14")),
    # "Kênhh" is not read, so the register's channels are not checked against it.
    Case("near-miss-tab-is-named", [at("missing-tab", "Kênh")],
         xlsx=xlsx_rename_sheet("Kênh", "Kênhh"),
         then=message_has("Bảng tính có trang tính 'Kênhh' với tên gần giống")),
]


def test_the_corpus_is_named_once():
    ids = [case.id for case in CASES] + [case.id for case in FILE_CASES]
    assert len(ids) == len(set(ids))


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


def test_a_tab_named_nearly_like_the_register_is_named():
    book = build(Case("x", [], xlsx=xlsx_rename_sheet(LOG, "Nhật kí")))
    missing = next(f for f in book.findings if f.code == "missing-tab")
    assert missing.tab == "Nhật ký"
    assert "'Nhật kí' với tên gần giống" in missing.message()
    assert "đổi tên nó thành 'Nhật ký'" in missing.message()
    assert "rename it to 'Nhật ký'" in missing.message("en")


def test_an_override_never_reaches_the_documents_header():
    import docx

    from commsplan.documents.docx_io import docx_bytes
    from commsplan.documents.plan import plan_document

    book = build(Case("x", [], data=set_field("Tên trường", f"{RLO}Trường Tiểu học A{PDF}")))
    saved = docx.Document(io.BytesIO(docx_bytes(plan_document(book))))
    text = "".join(t.text or "" for t in saved.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert "TRƯỜNG TIỂU HỌC A" in text.upper()
    assert not any(ch in text for ch in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                        "\u2066\u2067\u2068\u2069")


# CSV: formula injection ------------------------------------------------------------------------

def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe():
    values = ["=HYPERLINK(\"http://x\")", "+A1", "-2+3+cmd|' /C calc'!A0", "@SUM(1)",
              "\t=1", "\r=1", "Tin bài", "- Ý một"]
    report = Report([Finding("formula-text", tab="=Tab", row=i + 2, column="Ghi chú",
                             value=value, cell=f"I{i + 2}", params={"start": value[:1]})
                     for i, value in enumerate(values)])
    rows = list(csv.DictReader(io.StringIO(to_csv(report), newline="")))
    by_row = {int(r["row"]): r for r in rows}
    for i, value in enumerate(values):
        row = by_row[i + 2]
        assert row["tab"] == "'=Tab"
        expected = value if value[:1] not in "=+-@\t\r" else "'" + value
        assert row["value"] == expected.replace("\r", "\n")
        for text in row.values():
            assert text[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_csv_help_says_how_cells_are_neutralised():
    check_parser = build_parser()._subparsers._group_actions[0].choices["check"]
    help_text = next(a.help for a in check_parser._actions if "--csv" in a.option_strings)
    assert "'" in help_text and "=" in help_text
