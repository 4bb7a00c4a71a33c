"""Documents a principal signs without retyping, for the demo and for a school whose secretary
copied the letterhead: names as sentences write them, no doubled words, each legal ground
"Căn cứ …", the plan stating what the reports judge, summaries true of the tables beside
them, "Kính gửi" for a report sent up, the annex under its heading on pages of its own.

Every assertion reads the saved .docx; the second school's figures are counted here from the
rows its workbook is built from."""

import datetime as dt
import io
import re
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from commsplan import open_book
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document
from commsplan.documents.report import report_document
from commsplan.sheet_writers.workbook import workbook_bytes
from tests import nd30_rules
from tests.plan_workbooks import (
    BOOK_DAY,
    CAPITAL_NAME,
    CAPITAL_NAME_IN_TEXT,
    IDLE_TOPIC,
    MH_UNITS,
    NEWS_PER_MONTH,
    TEACHERS_DAY_MH,
    capital_register,
    capital_school,
)

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
D = dt.date
AS_OF = D(2025, 1, 15)  # every period below has ended
PERIODS = ["2024-03", "2024-05", "2024-Q2", "HK2-2023-2024", "2024"]
ISSUED = {"number": 5, "date": D(2024, 7, 3)}  # the quarter's report, issued
SCHOOLS = ("demo", "capital")
# How each school's name reads in a sentence, and what a report is sent up to.
NAMES = {"demo": "Trường PTDTBT Tiểu học số 2 Mường Mươn", "capital": CAPITAL_NAME_IN_TEXT}
SYMBOLS = {"demo": "THMM2", "capital": "THMH1"}
ADDRESSEES = {"demo": ["Kính gửi: Phòng GD&ĐT huyện Mường Chà."],
              "capital": ["Kính gửi:", "- Phòng GD&ĐT huyện Mỹ Hòa;",
                          "- Ủy ban nhân dân xã Mỹ Hòa."]}


def _read(document) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_bytes(document)))


@pytest.fixture(scope="module")
def books():
    return {"demo": open_book(str(DEMO)),
            "capital": open_book(io.BytesIO(workbook_bytes(capital_school())))}


@pytest.fixture(scope="module")
def documents(books):
    """(school, name) → the document read back: the plan, and each period's report."""
    found = {}
    for school, book in books.items():
        found[school, "plan"] = _read(plan_document(book))
        for key in PERIODS:
            found[school, key] = _read(report_document(book, key, AS_OF))
        found[school, "issued"] = _read(report_document(book, "2024-Q2", AS_OF, **ISSUED))
    return found


def body_texts(document) -> list[str]:
    """The body's own paragraphs (not inside tables), in order."""
    return [p.text for p in document.paragraphs]


def all_texts(document) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for p in document.element.body.iter(qn("w:p"))]


def data_table(document, first: str, second: str) -> list[list[str]]:
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:2] == [first, second]:
            return [[c.text for c in row.cells] for row in table.rows]
    return []


def footer_lines(document) -> list[str]:
    table = nd30_rules.footer_table(document)
    return [p.text for cell in table.rows[0].cells for p in cell.paragraphs if p.text]


def every_document():
    return [(school, name) for school in SCHOOLS
            for name in ("plan", *PERIODS, "issued")]


def every_report():
    return [(school, name) for school, name in every_document() if name != "plan"]


# The defects, each on every document -----------------------------------------------------------

@pytest.mark.parametrize("school,name", every_document())
def test_the_school_is_named_as_a_name_never_shouted_or_lower_cased(documents, school, name):
    document = documents[school, name]
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    assert NAMES[school].upper() in header  # the letterhead, in capitals
    texts = all_texts(document)[len(header):]
    joined = "\n".join(texts)
    assert f"của {NAMES[school]}" in joined
    assert "tRƯỜNG" not in joined and CAPITAL_NAME not in joined
    assert not re.search(r"\btrường (Tiểu học|PTDTBT)", joined)


@pytest.mark.parametrize("school,name", every_document())
def test_no_doubled_words_and_each_legal_ground_reads_can_cu(documents, books, school, name):
    texts = body_texts(documents[school, name])
    joined = "\n".join(texts).casefold()
    for doubled in ("về truyền thông về", "về về", "kế hoạch kế hoạch"):
        assert doubled not in joined
    grounds = [t for t in texts if t.startswith("Căn cứ")]
    if school == "capital":  # one typed without "Căn cứ", one with it and a ";"
        assert grounds == ["Căn cứ Luật Giáo dục năm 2019;", "Căn cứ Điều lệ trường tiểu học."]
    assert not any(t.startswith("Luật ") for t in texts)


@pytest.mark.parametrize("school,name", every_document())
def test_tables_have_bold_totals_and_sentences_typographic_quotes(documents, school, name):
    document = documents[school, name]
    assert not any('"' in t for t in body_texts(document))
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text == "Tổng cộng" or (len(row.cells) > 1
                                                    and row.cells[1].text == "Tổng cộng"):
                runs = [r for c in row.cells for p in c.paragraphs for r in p.runs]
                assert runs and all(r.bold for r in runs)


@pytest.mark.parametrize("school,name", every_document())
def test_every_document_follows_the_decree(documents, school, name):
    nd30_rules.check_document(documents[school, name])


# The plan says what the reports judge ---------------------------------------------------------

@pytest.mark.parametrize("school", SCHOOLS)
def test_the_cadence_block_is_a_part_of_its_own(documents, school):
    texts = body_texts(documents[school, "plan"])
    intro = next(i for i, t in enumerate(texts) if t.startswith("Sản phẩm truyền thông gồm"))
    headings = [t for t in texts[:intro] if re.match(r"[IVX]+\. ", t)]
    assert headings[-1] == "III. SẢN PHẨM TRUYỀN THÔNG VÀ SỐ LƯỢNG TỐI THIỂU"
    assert texts.index("IV. TỔ CHỨC THỰC HIỆN") > intro  # not under the last role


def test_the_plan_states_windows_minimums_units_and_channels(documents):
    texts = body_texts(documents["capital", "plan"])
    assert ("+ Ảnh của tổ: tối thiểu mỗi quý đối với mỗi đơn vị 01 ảnh/video (các đơn vị: "
            f"{MH_UNITS[0]}, {MH_UNITS[1]}).") in texts
    assert (f"- Chủ đề 3 “{BOOK_DAY}”: dịp từ ngày 15/04/2024 đến ngày 25/04/2024, tối thiểu "
            "03 sản phẩm trong dịp;") in texts
    assert (f"- Chủ đề 4 “{TEACHERS_DAY_MH}”: dịp từ ngày 15/11 đến ngày 20/11 hằng năm, tối "
            "thiểu 02 sản phẩm mỗi năm.") in texts
    assert ("- Website trường (địa chỉ: https://thmyhoa1.edu.vn): cổng thông tin điện tử của "
            "nhà trường;") in texts
    assert "- Fanpage (địa chỉ: https://facebook.com/thmyhoa1)." in texts
    demo = body_texts(documents["demo", "plan"])
    assert any(t.startswith("- Chủ đề 12 “Tổ chức các hoạt động kỷ niệm 70 năm") and
               t.endswith("dịp từ ngày 15/04/2024 đến ngày 15/05/2024, tối thiểu 02 sản phẩm "
                          "trong dịp.") for t in demo)
    assert "- Chủ đề 2 “Thực hiện hiệu quả chương trình giáo dục phổ thông”: tối thiểu 06 sản " \
           "phẩm trong kỳ kế hoạch;" in demo
    for plan_texts in (texts, demo):  # an address never stands bare after a description
        assert not any(re.search(r"(?<!địa chỉ:)\shttps?://\S+$", t) for t in plan_texts)


# Reports: summaries true of their tables ---------------------------------------------------

@pytest.mark.parametrize("school,name", every_report())
def test_the_topic_summary_is_true_of_the_topic_table(documents, school, name):
    document = documents[school, name]
    texts = body_texts(document)
    rows = data_table(document, "STT", "Nội dung/Chủ đề")[1:]
    zero = [row[1] for row in rows if row[0].isdigit() and row[-1] == "0"]
    said = "Tất cả các chủ đề của kế hoạch đều có sản phẩm truyền thông trong kỳ."
    start = texts.index("2. Chủ đề chưa có sản phẩm trong kỳ")
    end = texts.index("3. Chủ đề theo dịp và số lượng tối thiểu")
    section = "\n".join(texts[start:end])
    if zero:
        assert said not in texts
        for topic in zero:  # each 0 row is named, due or with its occasion elsewhere
            assert f": {topic}" in section, topic
    else:
        assert said in texts


@pytest.mark.parametrize("school,name", every_report())
def test_the_cadence_summary_is_true_of_the_cadence_table(documents, school, name):
    document = documents[school, name]
    texts = body_texts(document)
    rows = data_table(document, "Sản phẩm", "Kỳ")[1:]
    missed = [row for row in rows if row[-1] == "Chưa đạt"]
    if missed:
        assert f"Có {len(missed):02d} kỳ chưa đạt định mức:" in texts
        assert "Các kỳ đã kết thúc đều đạt định mức." not in texts
    elif rows:
        assert not any(t.startswith("Có ") and "chưa đạt định mức" in t for t in texts)


def _in_quarter(day: dt.date) -> bool:
    return D(2024, 4, 1) <= day <= D(2024, 6, 30)


def test_the_second_schools_quarter_counted_independently(documents):
    document = documents["capital", "2024-Q2"]
    texts = body_texts(document)
    register = [row for row in capital_register() if _in_quarter(row[0])]
    by_topic = Counter(row[1] for row in register)
    rows = data_table(document, "STT", "Nội dung/Chủ đề")
    header, *body = rows
    assert header[2:] == ["Tin bài", "Ảnh", "Video", "Khác", "Tổng"]
    totals = {row[1]: int(row[-1]) for row in body if row[0].isdigit()}
    assert totals[IDLE_TOPIC] == 0 and totals[TEACHERS_DAY_MH] == 0
    assert all(totals[topic] == count for topic, count in by_topic.items())
    assert [r for r in body if r[1] == "Tổng cộng"][0][-1] == str(len(register))
    # the planted faults, each said where its table shows it
    assert "Tất cả các chủ đề của kế hoạch đều có sản phẩm truyền thông trong kỳ." not in texts
    assert f"- Chủ đề 2: {IDLE_TOPIC}." in texts
    assert (f"- Chủ đề 4: {TEACHERS_DAY_MH}, dịp từ ngày 15/11/2024 đến ngày 20/11/2024.") in texts
    book_day = sum(1 for row in register if row[1] == BOOK_DAY
                   and D(2024, 4, 15) <= row[0] <= D(2024, 4, 25))
    assert (f"- Chủ đề 3: {BOOK_DAY}, theo dịp từ ngày 15/04/2024 đến ngày 25/04/2024: có "
            f"{book_day:02d} sản phẩm, tối thiểu 03 sản phẩm.") in texts
    assert not any(t.startswith("Các chủ đề theo dịp kết thúc trong kỳ đều đạt") for t in texts)
    short_months = [m for m, n in NEWS_PER_MONTH.items() if n < 4]
    photos = {row[5] for row in register if row[2] in ("Ảnh", "Video")}
    units_without = [u for u in MH_UNITS[:2] if u not in photos]
    assert f"Có {len(short_months) + len(units_without):02d} kỳ chưa đạt định mức:" in texts


# Reports sent up: Kính gửi, Như trên, the annex ---------------------------------------------

@pytest.mark.parametrize("school,name", every_report())
def test_a_report_sent_up_names_its_addressees_and_nơi_nhận_says_như_trên(documents, school,
                                                                          name):
    document = documents[school, name]
    texts = [t for t in body_texts(document) if t.strip()]
    summary = texts.index(next(t for t in texts if t.startswith("Kết quả công tác truyền thông")))
    expected = ADDRESSEES[school]
    assert texts[summary + 1:summary + 1 + len(expected)] == expected
    footer = footer_lines(document)
    assert footer[:2] == ["Nơi nhận:", "- Như trên;"]
    assert not any("Mỹ Hòa (b/c)" in line or "Mường Chà (b/c)" in line for line in footer)


@pytest.mark.parametrize("school", SCHOOLS)
def test_the_plan_has_no_kinh_gui_and_lists_the_office_in_nơi_nhận(documents, school):
    document = documents[school, "plan"]
    assert not any(t.startswith("Kính gửi") for t in body_texts(document))
    footer = footer_lines(document)
    assert "- Như trên;" not in footer
    office = {"demo": "- Phòng GD&ĐT huyện Mường Chà (b/c);",
              "capital": "- Phòng GD&ĐT huyện Mỹ Hòa (b/c);"}[school]
    assert footer[1] == office


@pytest.mark.parametrize("school,name", every_report())
def test_the_annex_has_its_heading_and_pages_of_its_own(documents, school, name):
    document = documents[school, name]
    texts = [t for t in body_texts(document) if t.strip()]
    if any(t.startswith("Trong ") and "chưa ghi sản phẩm nào" in t for t in texts):
        assert "Phụ lục" not in texts and len(document.sections) == 1  # nothing to list
        return
    at = texts.index("Phụ lục")
    if name == "issued":
        reference = f"(Kèm theo Báo cáo số 05/BC-{SYMBOLS[school]} ngày 03 tháng 7 năm 2024"
    else:
        reference = f"(Kèm theo Báo cáo số …/BC-{SYMBOLS[school]} ngày … tháng … năm 2024"
    assert texts[at + 1:at + 3] == ["DANH SÁCH SẢN PHẨM TRUYỀN THÔNG TRONG KỲ",
                                    f"{reference} của {NAMES[school]})"]
    assert any("tại Phụ lục kèm theo" in t for t in texts[:at])  # the body points to it
    sections = document.sections
    assert len(sections) == 2
    assert sections[-1]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert sections[-1].different_first_page_header_footer


def test_an_older_workbook_without_the_column_reads_with_a_finding_and_no_kinh_gui(tmp_path):
    older = Path(__file__).parent / "data" / "older-layout-2024.xlsx"
    book = open_book(str(older))
    found = [f for f in book.findings if f.code == "missing-addressee-column"]
    assert [(f.tab, f.column) for f in found] == [("Nơi nhận", "Kính gửi")]
    assert "Kính gửi" in found[0].message("vi") and "Có" in found[0].message("vi")
    document = _read(report_document(book, "2024-03", AS_OF))
    assert not any(t.startswith("Kính gửi") for t in body_texts(document))
    assert footer_lines(document)[1] == "- Phòng GD&ĐT huyện Mường Chà (b/c);"
    nd30_rules.check_document(document)


def test_the_totals_sentence_counts_products_without_a_type_or_a_channel():
    """The sentence adds up to the total of its tables: a product typed without its type or
    channel is said, not left out."""
    rows = [row[:] for row in capital_register() if row[0].month == 4][:6]
    rows[0][2] = None  # no type
    rows[1][6] = rows[2][6] = None  # no channel
    book = open_book(io.BytesIO(workbook_bytes(capital_school(activities=rows))))
    texts = body_texts(_read(report_document(book, "2024-04", AS_OF)))
    types = Counter(row[2] for row in rows if row[2])
    nouns = {"Tin bài": "tin bài", "Ảnh": "ảnh", "Khác": "sản phẩm khác"}
    listed = ", ".join(f"{types[t]:02d} {nouns[t]}" for t in ("Tin bài", "Ảnh", "Khác")
                       if types[t])
    assert (f"Trong tháng 4 năm 2024, nhà trường đã thực hiện và đăng tải {len(rows):02d} sản "
            f"phẩm truyền thông, gồm: {listed}, 01 sản phẩm chưa ghi loại.") in texts
    assert ("Các sản phẩm được đăng tải trên 01 kênh: Website trường (04 sản phẩm); 02 sản "
            "phẩm chưa ghi kênh.") in texts
