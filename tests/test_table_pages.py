"""Tables that print whole: through LibreOffice, a row that fits on a page is on one page, and
no word of any row is lost, "20/11" and date ranges included (read from the PDF's word boxes)."""

import datetime as dt
import io
import re

import docx
import pytest

from commsplan import open_book
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.nd30 import Column, Table, table_xml
from commsplan.documents.plan import plan_document
from commsplan.documents.report import report_document
from commsplan.outputs import convert_to_pdf, find_soffice
from commsplan.sheet_writers.workbook import workbook_bytes
from tests.plan_workbooks import OTHER_SCHOOL, capital_school
from tests.rendering import lost_words, row_placement

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
DEMO = "examples/ke-hoach-truyen-thong-2024.xlsx"
TALL = 12  # the topic whose forms are taller than a page


def long_plan() -> dict:
    """A plan whose topic table runs over several pages: rows of 1–6 lines with "20/11" and a
    date range in them, and one row taller than a page."""
    topics = []
    for n in range(1, 41):
        lines = 70 if n == TALL else 1 + n % 6
        forms = "\n".join(f"- Bài viết t{n}x{k} chào mừng ngày 20/11 (15/11/2025–20/11/2025)"
                          for k in range(lines))
        topics.append([n, f"Chủ đề c{n} thi đua dạy tốt, học tốt 20/11", forms, None, None, 1])
    return {**OTHER_SCHOOL, "topics": topics}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    demo = open_book(DEMO)
    capital = open_book(io.BytesIO(workbook_bytes(capital_school())))
    documents = {
        "plan": plan_document(open_book(io.BytesIO(workbook_bytes(long_plan())))),
        # a school's plan and quarterly report whose topic tables and annex run over pages,
        # the report sent up with its annex in a section of its own
        "capital-plan": plan_document(capital),
        "capital-q2": report_document(capital, "2024-Q2", dt.date(2024, 12, 31)),
        # the quarter whose topic table starts at the foot of page 1, under the chart
        "report-q2": report_document(demo, "2024-Q2", dt.date(2024, 12, 31)),
        "report-year": report_document(demo, "2024", dt.date(2024, 12, 31)),
    }
    paths = []
    for name, document in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(docx_bytes(document))
        paths.append(path)
    return dict(zip(documents, zip(paths, convert_to_pdf(paths), strict=False), strict=False))


@needs_soffice
@pytest.mark.parametrize("name", ["plan", "report-q2", "report-year", "capital-plan",
                                  "capital-q2"])
def test_every_row_that_fits_on_a_page_prints_on_one_page_and_loses_nothing(rendered, name):
    docx_path, pdf_path = rendered[name]
    rows = row_placement(docx_path, pdf_path)
    assert len(rows) >= 13
    lost = {number: dict(words) for number, _, words in rows if words}
    assert not lost
    split = [number for number, whole, _ in rows if not whole]
    if name == "plan":
        assert split in ([], [str(TALL)])  # only the row taller than a page may split
    else:
        assert split == []
    assert not lost_words(docx_path, pdf_path)


@needs_soffice
def test_the_tall_row_and_the_long_tables_really_cross_pages(rendered):
    """The case is what it claims: the tables run over pages (or nothing would be shown)."""
    import subprocess

    for name, (_, pdf_path) in rendered.items():
        info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3, name


def test_words_broken_over_lines_count_as_printed_and_a_missing_one_as_lost(tmp_path):
    from collections import Counter

    from tests import rendering

    document = docx.Document()
    document.add_paragraph("ngày 20/11 và https://thmm2.edu.vn/tin/5")
    path = tmp_path / "a.docx"
    document.save(path)
    original = rendering.pdf_word_boxes

    def boxes(text):
        return lambda _: [(1, 0.0, 0.0, word) for word in text.split()]
    try:
        rendering.pdf_word_boxes = boxes("ngày 20/ 11 và https://thmm2.edu.vn/ tin/5")
        assert lost_words(path, path) == Counter()
        rendering.pdf_word_boxes = boxes("ngày 20/ và https://thmm2.edu.vn/ tin/5")
        assert lost_words(path, path) == Counter({"20/11": 1})
    finally:
        rendering.pdf_word_boxes = original


# The table's XML: what Word honours as well as LibreOffice ----------------------------------------

def _rows(xml: str) -> list[str]:
    return re.findall(r"<w:tr>.*?</w:tr>", xml)


def test_rows_that_fit_on_a_page_are_marked_unbreakable_and_the_header_repeats():
    columns = [Column("STT", 12, "center"), Column("Nội dung", 150)]
    tall = "\n".join(f"dòng {k}" for k in range(80))
    rows = [["1", "một dòng"], ["2", "hai\ndòng"], ["3", tall], ["4", "Tổng cộng"]]
    xml = table_xml(Table(columns, rows, bold_rows=frozenset({3})))
    header, *data = _rows(xml)
    assert "<w:tblHeader/>" in header and "<w:cantSplit/>" in header
    # the first data row stays breakable (see writer._ROW_WHOLE), a row taller than a page too
    assert ["<w:cantSplit/>" in row for row in data] == [False, True, False, True]
    assert "<w:b/>" in data[3] and "<w:b/>" not in data[0]


def test_the_total_rows_of_a_report_print_in_bold():
    book = open_book(DEMO)
    document = docx.Document(io.BytesIO(docx_bytes(report_document(book, "2024-Q2",
                                                                   dt.date(2024, 12, 31)))))
    totals = [row for table in document.tables for row in table.rows
              if any(cell.text == "Tổng cộng" for cell in row.cells)]
    assert len(totals) >= 3
    for row in totals:
        runs = [run for cell in row.cells for p in cell.paragraphs for run in p.runs]
        assert runs and all(run.bold for run in runs)


def test_topic_names_in_sentences_have_typographic_quotes():
    book = open_book(DEMO)
    document = docx.Document(io.BytesIO(docx_bytes(report_document(book, "2024-Q2",
                                                                   dt.date(2024, 12, 31)))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "“" in text
    assert not re.search(r'chủ đề \d+ "', text)
