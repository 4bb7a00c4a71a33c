"""Row rules: what each one finds, where it says it is, and what it tells staff to type."""

from __future__ import annotations

import copy
import datetime as dt
import io
import unicodedata

import pytest

from commsplan.book import build_book
from commsplan.checks.rows import _untidiness
from commsplan.sources import RawBook, RawTable
from commsplan.sources.workbook import read_workbook
from tests.test_checks_corpus import (
    T1,
    T2,
    T3,
    Case,
    base_xlsx,
    build,
    check,
    copy_row,
    drop_field,
    edits,
    located,
    set_cell,
    set_field,
)

D = dt.date


@pytest.fixture(scope="module")
def base_raw() -> RawBook:
    return read_workbook(io.BytesIO(base_xlsx()))


def raw_copy(raw: RawBook) -> RawBook:
    return copy.deepcopy(raw)


def table(raw: RawBook, name: str) -> RawTable:
    return next(t for t in raw.tables if t.name == name)


# Messages name the tab, row and column and say what to type -------------------------------

def test_a_row_finding_names_its_cell_and_what_to_type():
    book = build(Case("link", [], data=set_cell("activities", 13, "link", "www.thmm2.edu.vn")))
    (finding,) = check(book).findings
    assert finding.cell == "H13" and finding.value == "www.thmm2.edu.vn"
    assert finding.message() == (
        "Ô Nhật ký!H13 (cột 'Đường dẫn', dòng 13): 'www.thmm2.edu.vn' không phải một đường "
        "dẫn hợp lệ. Hãy dán đủ địa chỉ, bắt đầu bằng https://.")
    assert finding.message("en") == (
        "Cell Nhật ký!H13 (column 'Đường dẫn', row 13): 'www.thmm2.edu.vn' is not a valid "
        "link. Paste the whole address, starting with https://.")


def test_a_reference_typo_suggests_the_listed_name():
    book = build(Case("typo", [], data=set_cell("activities", 13, "topic", "Truyen thong chinh sach")))
    (finding,) = check(book).findings
    assert finding.message() == (
        "Ô Nhật ký!B13 (cột 'Chủ đề', dòng 13): 'Truyen thong chinh sach' không có trong cột "
        "'Nội dung/Chủ đề' của trang tính 'Chủ đề'. Có phải 'Truyền thông chính sách'? Hãy gõ "
        "đúng một tên có trong trang tính 'Chủ đề', hoặc thêm tên này vào trang tính đó.")


def test_a_far_miss_gets_no_suggestion():
    book = build(Case("zalo", [], data=set_cell("activities", 13, "channel", "Zalo")))
    (finding,) = check(book).findings
    assert "Có phải" not in finding.message() and "Did you mean" not in finding.message("en")


def test_a_general_tab_finding_names_the_item():
    book = build(Case("kt", [], data=set_field("Quyền hạn ký", "TM.")))
    (finding,) = check(book).findings
    assert finding.message().startswith(
        "Ô Thông tin chung!B17 (mục 'Ký thay cho', dòng 17): quyền hạn ký là 'TM.'")


def test_an_authority_prefix_without_the_holder_row_points_at_the_prefix():
    book = build(Case("kt", [], data=edits(set_field("Quyền hạn ký", "KT."),
                                           drop_field("Ký thay cho"))))
    assert located(check(book)) == [
        ("authority-of-missing", "Thông tin chung", 16, "Quyền hạn ký", None, None)]


def test_a_missing_item_has_no_row_but_names_the_item():
    book = build(Case("signer", [], data=drop_field("Người ký")))
    (finding,) = check(book).findings
    assert finding.message() == (
        "Trang tính 'Thông tin chung' chưa có mục 'Người ký'. Hãy thêm một dòng: cột A ghi "
        "'Người ký', cột B ghi giá trị. Họ tên người ký, không ghi học hàm, học vị.")


# Text that differs only by Unicode form or invisible characters ---------------------------

def test_nfc_and_invisible_clean_up_match_references_case_and_accents_only_suggest(base_raw):
    raw = raw_copy(base_raw)
    rows = table(raw, "Nhật ký").rows
    rows[1][1] = unicodedata.normalize("NFD", T1)         # same text, other Unicode form
    rows[2][1] = T2.replace(" ", "\u200b ", 1)             # a zero-width space
    rows[3][1] = T2.upper()                                # case only
    report = check(build_book(raw))
    assert located(report) == [
        ("decomposed-text", "Nhật ký", 2, "Chủ đề", None, None),
        ("invisible-characters", "Nhật ký", 3, "Chủ đề", None, None),
        ("unknown-reference", "Nhật ký", 4, "Chủ đề", None, None),
    ]


@pytest.mark.parametrize("text, codes", [
    ("Tin bài", []),
    ("Tin bài ", ["extra-spaces"]),
    ("Tin  bài", ["extra-spaces"]),
    ("Tin\tbài", ["extra-spaces"]),
    ("dòng 1 \ndòng 2", ["extra-spaces"]),
    ("dòng 1\r\ndòng 2", []),  # Windows line ends are not worth a warning
    (unicodedata.normalize("NFD", "Tin bài"), ["decomposed-text"]),
    ("Tin\u200bbài", ["invisible-characters"]),
    ("Tin\u00adbài", ["invisible-characters"]),
    ("Tin\x0bbài", ["control-characters"]),
    ("   ", []),  # blank, not untidy
    (" \u200b", ["invisible-characters"]),
    (unicodedata.normalize("NFD", " Tin\u200b bài\x07"),
     ["control-characters", "invisible-characters", "decomposed-text", "extra-spaces"]),
])
def test_untidiness(text, codes):
    assert _untidiness(text) == codes


# The topic list ----------------------------------------------------------------------------

def test_the_seed_numbering_skipping_3_is_one_warning(base_raw):
    raw = raw_copy(base_raw)
    rows = table(raw, "Chủ đề").rows
    numbers = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, None]
    rows[1:] = [[n, f"Chủ đề {i}", None, None, None, None] for i, n in enumerate(numbers)]
    rows[1][1], rows[2][1], rows[3][1] = T1, T2, T3  # the register refers to these
    report = check(build_book(raw))
    assert located(report) == [("topic-number-gap", "Chủ đề", 4, "STT", None, None)]
    (finding,) = report.findings
    assert (finding.value, finding.params["expected"]) == ("4", 3)


def test_each_repeat_points_at_the_first_row():
    book = build(Case("dups", [], data=edits(copy_row("activities", 13), copy_row("activities", 13))))
    findings = check(book).findings
    assert [(f.code, f.row, f.params["first_row"]) for f in findings] == [
        ("duplicate-activity", 14, 13), ("duplicate-activity", 15, 13)]


def test_a_repeat_typed_alike_from_other_forms_is_found():
    """Titles that differ as typed (decomposed accents, a number beside the same text) but
    read the same make a repeat: found, though each differs from the other as typed."""
    decomposed = unicodedata.normalize("NFD", "Tuyên truyền Luật Giáo dục")
    book = build(Case("dups", [], data=edits(
        copy_row("activities", 13, title=decomposed),  # row 13's title, decomposed
        copy_row("activities", 13, title="2024", link="https://thmm2.edu.vn/tin/99"),
        copy_row("activities", 13, title=2024, link="https://thmm2.edu.vn/tin/99"))))
    findings = [f for f in check(book).findings if f.code == "duplicate-activity"]
    assert [(f.row, f.params["first_row"]) for f in findings] == [(14, 13), (16, 15)]


# Merged cells, straight from the source's ranges -------------------------------------------

def test_blank_cells_of_a_merged_range(base_raw):
    raw = raw_copy(base_raw)
    log = table(raw, "Nhật ký")
    log.rows[11][8] = "Tháng 3"           # I12 holds the value, I13 is blank
    log.merged.append((12, 9, 13, 9))      # I12:I13
    log.merged.append((1, 1, 1, 2))        # a merged header (A1:B1) is not a body cell
    report = check(build_book(raw))
    assert located(report) == [("merged-cell-blank", "Nhật ký", 13, "Ghi chú", None, None)]
    assert "I12:I13" in report.findings[0].message()


def test_a_merged_range_over_a_filled_cell_is_not_blank(base_raw):
    raw = raw_copy(base_raw)
    table(raw, "Nhật ký").merged.append((12, 2, 13, 2))  # B12:B13 but B13 still has its topic
    assert check(build_book(raw)).findings == []


# Nothing to check is not a failure ----------------------------------------------------------

def test_a_workbook_with_only_the_general_tab(base_raw):
    raw = RawBook("x.xlsx", [table(raw_copy(base_raw), "Thông tin chung")])
    codes = sorted({f.code for f in check(build_book(raw)).findings})
    assert codes == ["missing-breaks-tab", "missing-calendar-tab", "missing-issued-tab",
                     "missing-optional-tab", "missing-proposals-tab", "missing-tab"]


def test_an_empty_workbook():
    report = check(build_book(RawBook("x.xlsx", [])))
    assert {f.code for f in report.findings} == {"missing-tab", "missing-optional-tab",
                                                 "missing-proposals-tab", "missing-calendar-tab",
                                                 "missing-breaks-tab", "missing-issued-tab"}
    assert all(f.row is None for f in report.findings)


def test_values_in_a_column_with_no_header_are_ignored(base_raw):
    raw = raw_copy(base_raw)
    rows = table(raw, "Nhật ký").rows
    rows[0][2] = ""  # the 'Loại' header is gone: one finding, not one per row
    report = check(build_book(raw))
    assert located(report)[0] == ("missing-header", "Nhật ký", 1, "Loại", None, None)
    assert [f.code for f in report.findings if f.row and f.row > 1] == []
