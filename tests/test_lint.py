"""`commsplan lint`: generated documents pass, edited ones are caught, fault by fault."""

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION  # noqa: F401  (python-docx present)
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

from commsplan import open_book
from commsplan.cli import main
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document
from commsplan.documents.report import report_document, report_period
from commsplan.lint import UnreadableDocument, lint_file
from commsplan.outputs import find_soffice
from commsplan.sheet_writers.workbook import workbook_bytes
from tests.plan_workbooks import OTHER_SCHOOL

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    """The demo plan, the demo's quarterly report, and another school's plan."""
    book = open_book(str(DEMO))
    other = open_book(io.BytesIO(workbook_bytes(OTHER_SCHOOL)))
    return {
        "plan.docx": docx_bytes(plan_document(book)),
        "report.docx": docx_bytes(report_document(book, report_period(book, "2024-Q1"))),
        "other-plan.docx": docx_bytes(plan_document(other)),
    }


def codes(data: bytes) -> list[str]:
    return [problem.code for problem in lint_file(io.BytesIO(data)).problems]


def test_generated_documents_pass(generated):
    for name, data in generated.items():
        assert lint_file(io.BytesIO(data)).problems == [], name


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_generated_documents_pass_after_a_libreoffice_round_trip(generated, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for name, data in generated.items():
        (source / name).write_bytes(data)
    out = tmp_path / "out"
    subprocess.run([find_soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "docx", "--outdir", str(out),
                    *sorted(str(p) for p in source.iterdir())],
                   check=True, capture_output=True, timeout=180)
    for name in generated:
        saved = (out / name).read_bytes()
        assert saved != generated[name]
        assert lint_file(io.BytesIO(saved)).problems == [], name


# Mutations ----------------------------------------------------------------------------------
def mutate(data: bytes, part: str, change) -> bytes:
    """The .docx with change(root) applied to one XML part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                root = etree.fromstring(content)
                change(root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
            target.writestr(item, content)
    return out.getvalue()


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def paragraph(root, start: str):
    return next(p for p in root.iter(w("p")) if text_of(p).startswith(start))


def run_props(p):
    """The rPr of every run of a paragraph (made where missing)."""
    for r in p.iter(w("r")):
        rpr = r.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(r, w("rPr"))
            r.remove(rpr)
            r.insert(0, rpr)
        yield rpr


def set_run(start: str, tag: str, **attrs):
    def change(root):
        for rpr in run_props(paragraph(root, start)):
            for old in rpr.findall(w(tag)):
                rpr.remove(old)
            element = etree.SubElement(rpr, w(tag))
            for key, value in attrs.items():
                element.set(w(key), value)
    return change


def set_ppr(start: str, tag: str, **attrs):
    def change(root):
        p = paragraph(root, start)
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.SubElement(p, w("pPr"))
            p.remove(ppr)
            p.insert(0, ppr)
        element = ppr.find(w(tag))
        if element is None:
            element = etree.SubElement(ppr, w(tag))
        for key, value in attrs.items():
            element.set(w(key), value)
    return change


def replace_text(old: str, new: str):
    def change(root):
        for t in root.iter(w("t")):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new)
    return change


def section(tag: str, **attrs):
    def change(root):
        element = root.find(f".//{w('sectPr')}/{w(tag)}")
        for key, value in attrs.items():
            element.set(w(key), value)
    return change


def remove(xpath: str):
    def change(root):
        for element in root.xpath(xpath, namespaces=NS):
            element.getparent().remove(element)
    return change


def body_style(tag: str, **attrs):
    """Change a property of the paragraph style of the body text (its runs' own cleared)."""
    def change_styles(root):
        style = root.xpath('w:style[w:name/@w:val="ND30 Body"]', namespaces=NS)[0]
        rpr = style.find(w("rPr"))
        for old in rpr.findall(w(tag)):
            rpr.remove(old)
        element = etree.SubElement(rpr, w(tag))
        for key, value in attrs.items():
            element.set(w(key), value)
    return change_styles


def clear_body_runs(root):
    """Word's "clear direct formatting" on every body paragraph: the style decides."""
    for p in root.iter(w("p")):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")) == "ND30Body":
            for rpr in list(p.iter(w("rPr"))):
                rpr.getparent().remove(rpr)


def header_table_borders(root):
    tbl_pr = root.find(f"{w('body')}/{w('tbl')}/{w('tblPr')}")
    borders = tbl_pr.find(w("tblBorders"))
    if borders is not None:
        tbl_pr.remove(borders)
    borders = etree.SubElement(tbl_pr, w("tblBorders"))
    etree.SubElement(borders, w("top"), {w("val"): "single", w("sz"): "4"})


def squeeze_signature(root):
    """Drop the blank lines and space between the signer's title and name."""
    for p in root.iter(w("p")):
        if text_of(p) == "Nguyễn Thị Liễu":
            cell = p.getparent()
            for blank in [q for q in cell.findall(w("p")) if not text_of(q).strip()]:
                cell.remove(blank)
            set_ppr("Nguyễn Thị Liễu", "spacing", before="0")(root)


def rule_after(start: str, change):
    """Apply change to the first bordered paragraph after the one starting with start."""
    def apply(root):
        paragraphs = list(root.iter(w("p")))
        at = paragraphs.index(paragraph(root, start))
        rule = next(p for p in paragraphs[at:] if p.find(f"{w('pPr')}/{w('pBdr')}") is not None)
        change(rule)
    return apply


def drop_border(rule):
    ppr = rule.find(w("pPr"))
    ppr.remove(ppr.find(w("pBdr")))


def full_width(rule):
    ind = rule.find(f"{w('pPr')}/{w('ind')}")
    ind.set(w("left"), "0")
    ind.set(w("right"), "0")


BODY = "Chủ động thông tin"
DOC = "word/document.xml"
STYLES = "word/styles.xml"
MUTATIONS = {
    # name: (part, change, expected code, the text the located problem starts with)
    "run font": (DOC, set_run(BODY, "rFonts", ascii="Arial", hAnsi="Arial"), "lint-font", BODY),
    "style font through the theme": (
        STYLES, body_style("rFonts", asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi"),
        "lint-font", None),
    "top margin": (DOC, section("pgMar", top="850"), "lint-margin-top", ""),
    "left margin": (DOC, section("pgMar", left="1417"), "lint-margin-left", ""),
    "right margin": (DOC, section("pgMar", right="567"), "lint-margin-right", ""),
    "letter paper": (DOC, section("pgSz", w="12240", h="15840"), "lint-page-size", ""),
    "header table removed": (DOC, remove("/w:document/w:body/w:tbl[1]"),
                             "lint-header-missing", ""),
    "header table borders": (DOC, header_table_borders, "lint-header-borders", "PHÒNG"),
    "date line not italic": (DOC, set_run("Mường Mươn, ngày", "i", val="0"), "lint-italic",
                             "Mường Mươn, ngày"),
    "recipients in the wrong size": (DOC, set_run("- Lưu", "sz", val="26"), "lint-size-exact",
                                     "- Lưu"),
    "page number on page 1": (DOC, remove("//w:sectPr/w:titlePg"), "lint-page-number-first",
                              ""),
    "no page number": (DOC, remove("//w:sectPr/w:headerReference"),
                       "lint-page-number-missing", ""),
    "title not bold": (DOC, set_run("KẾ HOẠCH", "b", val="0"), "lint-bold", "KẾ HOẠCH"),
    "Quốc hiệu not in capitals": (
        DOC, replace_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                          "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        "lint-national-name-text", "Cộng hòa"),
    "Tiêu ngữ with en dashes": (DOC, replace_text("Độc lập - Tự do", "Độc lập – Tự do"),
                                "lint-motto-text", "Độc lập"),
    "issuing body not bold": (DOC, set_run("TRƯỜNG PTDTBT", "b", val="0"), "lint-bold",
                              "TRƯỜNG PTDTBT"),
    "number with spaces": (DOC, replace_text("12/KH-THMM2", "12 /KH- THMM2"),
                           "lint-number-text", "Số: 12 /KH- THMM2"),
    "body not justified": (DOC, set_ppr(BODY, "jc", val="left"), "lint-justified", BODY),
    "body not indented": (DOC, set_ppr(BODY, "ind", firstLine="0"), "lint-indent", BODY),
    "body double-spaced": (DOC, set_ppr(BODY, "spacing", line="480", lineRule="auto"),
                           "lint-line-spacing", BODY),
    "no space after a paragraph": (DOC, set_ppr(BODY, "spacing", after="0"),
                                   "lint-space-after", BODY),
    "body in 12 pt through its style": (STYLES, body_style("sz", val="24"), "lint-size", None),
    "red text": (DOC, set_run(BODY, "color", val="FF0000"), "lint-colour", BODY),
    "Nơi nhận not italic": (DOC, set_run("Nơi nhận", "i", val="0"), "lint-italic",
                            "Nơi nhận"),
    "signer's name not bold": (DOC, set_run("Nguyễn Thị Liễu", "b", val="0"), "lint-bold",
                               "Nguyễn Thị Liễu"),
    "signer's title in italics": (DOC, set_run("HIỆU TRƯỞNG", "i", val="1"), "lint-upright",
                                  "HIỆU TRƯỞNG"),
    "no room for the signature": (DOC, squeeze_signature, "lint-signature-room",
                                  "Nguyễn Thị Liễu"),
    "signature table removed": (DOC, remove("/w:document/w:body/w:tbl[last()]"),
                                "lint-signature-missing", ""),
    "month padded": (DOC, replace_text("ngày 15 tháng 3 năm", "ngày 15 tháng 03 năm"),
                     "lint-date-month", "Mường Mươn"),
    "number with two leading zeros": (DOC, replace_text("Số: 12/", "Số: 012/"),
                                      "lint-number-zero", "Số: 012"),
    "archive line without its full stop": (DOC, replace_text("- Lưu: VT.", "- Lưu: VT"),
                                           "lint-recipient-end", "- Lưu: VT"),
    "academic title before the name": (DOC, replace_text("Nguyễn Thị Liễu", "ThS. Nguyễn Thị Liễu"),
                                       "lint-signer-academic", "ThS."),
    "no line under the Tiêu ngữ": (DOC, rule_after("Độc lập", drop_border), "lint-rule-missing",
                                   "Độc lập"),
    "line under the summary as wide as the page": (
        DOC, rule_after("Truyền thông về giáo dục", full_width), "lint-rule-length",
        "Truyền thông về giáo dục"),
    "part heading in lower case": (
        DOC, replace_text("II. NỘI DUNG TRUYỀN THÔNG VÀ KÊNH TRUYỀN THÔNG",
                          "II. Nội dung truyền thông và kênh truyền thông"),
        "lint-capitals", "II. Nội dung"),
    "legal ground set upright": (
        DOC, replace_text("Thực hiện Kế hoạch số", "Căn cứ Kế hoạch số"), "lint-italic",
        "Căn cứ"),
    "issuing body in the caps format": (
        DOC, set_run("TRƯỜNG PTDTBT", "caps", val="1"), "lint-caps-format", "TRƯỜNG PTDTBT"),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_planted_fault_is_found_and_nothing_else(generated, name):
    part, change, code, start = MUTATIONS[name]
    mutated = mutate(generated["plan.docx"], part, change)
    if part == STYLES:
        mutated = mutate(mutated, DOC, clear_body_runs)
    problems = lint_file(io.BytesIO(mutated)).problems
    assert {p.code for p in problems} == {code}, [p.as_dict() for p in problems]
    if start is not None:
        assert any(p.start.startswith(start) for p in problems), [p.as_dict() for p in problems]


def test_the_corpus_holds_at_least_twenty_faults():
    assert len(MUTATIONS) >= 20


# A report sent up (Kính gửi, box 9a) with its appendix ---------------------------------------
ADDRESSEE = "Kính gửi: Phòng GD&ĐT huyện Mường Chà."


def exact_paragraph(root, text: str):
    return next(p for p in root.iter(w("p")) if text_of(p) == text)


def drop_paragraph(text: str):
    def change(root):
        p = paragraph(root, text)
        p.getparent().remove(p)
    return change


def addressee_on_a_line_of_its_own(root):
    """"Kính gửi:" alone, the one addressee under it as a "- …." line."""
    import copy

    label = exact_paragraph(root, ADDRESSEE)
    line = copy.deepcopy(label)
    label.addnext(line)
    next(label.iter(w("t"))).text = "Kính gửi:"
    next(line.iter(w("t"))).text = "- Phòng GD&ĐT huyện Mường Chà."


def annex_label_with_its_name(root):
    next(exact_paragraph(root, "Phụ lục").iter(w("t"))).text = "PHỤ LỤC: DANH SÁCH SẢN PHẨM"


def annex_in_the_body_section(root):
    """The section break before the appendix taken out: one section, numbered throughout."""
    for sect in root.xpath("//w:pPr/w:sectPr", namespaces=NS):
        sect.getparent().remove(sect)
    for numbering in root.xpath("//w:sectPr/w:pgNumType", namespaces=NS):
        numbering.getparent().remove(numbering)


REPORT_MUTATIONS = {
    "Kính gửi without its full stop": (
        replace_text(ADDRESSEE, ADDRESSEE[:-1]), "lint-addressee-end", "Kính gửi"),
    "one addressee on a line of its own": (
        addressee_on_a_line_of_its_own, "lint-addressee-one", "- Phòng GD&ĐT"),
    "Kính gửi with no addressee": (
        replace_text(ADDRESSEE, "Kính gửi:"), "lint-addressee-missing", "Kính gửi"),
    "Nơi nhận without Như trên": (drop_paragraph("- Như trên;"), "lint-as-above-missing",
                                  "- Lưu"),
    "Như trên without a Kính gửi": (drop_paragraph(ADDRESSEE), "lint-as-above-alone",
                                    "- Như trên"),
    "annex label and name on one line": (annex_label_with_its_name, "lint-annex-label",
                                         "PHỤ LỤC:"),
    "annex without its reference line": (drop_paragraph("(Kèm theo Báo cáo"),
                                         "lint-annex-reference", "Phụ lục"),
    "annex name in lower case": (
        replace_text("DANH SÁCH SẢN PHẨM TRUYỀN THÔNG TRONG KỲ",
                     "Danh sách sản phẩm truyền thông trong kỳ"), "lint-capitals", "Danh sách"),
    "annex reference upright": (set_run("(Kèm theo", "i", val="0"), "lint-italic",
                                "(Kèm theo"),
    "annex numbered with the body": (annex_in_the_body_section, "lint-annex-pages", "Phụ lục"),
    "annex pages not restarted": (remove("/w:document/w:body/w:sectPr/w:pgNumType"),
                                  "lint-annex-pages", "Phụ lục"),
}


@pytest.mark.parametrize("name", REPORT_MUTATIONS)
def test_a_planted_fault_in_a_report_sent_up_is_found_and_nothing_else(generated, name):
    change, code, start = REPORT_MUTATIONS[name]
    assert lint_file(io.BytesIO(generated["report.docx"])).problems == []
    problems = lint_file(io.BytesIO(mutate(generated["report.docx"], DOC, change))).problems
    assert {p.code for p in problems} == {code}, [p.as_dict() for p in problems]
    assert any(p.start.startswith(start) for p in problems), [p.as_dict() for p in problems]


# A decree-style document made by other means -----------------------------------------------
def _runs(paragraph, text: str, size: float, *, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.font.bold, run.font.italic = bold, italic
    return run


def _line(container, text: str, size: float, *, align=WD_ALIGN_PARAGRAPH.CENTER, **fmt):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    _runs(paragraph, text, size, **fmt)
    return paragraph


def _page_field(paragraph):
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)
    run.font.name = "Times New Roman"
    run.font.size = Pt(13)


def _rule(container, heading: str, size: float, room_mm: float, share: float):
    """An empty paragraph whose bottom border, indented on both sides, is share of heading."""
    from commsplan.documents.nd30 import text_width_mm

    paragraph = container.add_paragraph()
    indent = (room_mm - share * text_width_mm(heading, size, bold=True)) / 2
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(indent)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def direct_document(*, title_bold: bool = True, header_style: str | None = None) -> bytes:
    """A letter-perfect report typed with python-docx's direct formatting, no styles of ours."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)

    header = document.add_table(rows=2, cols=2)
    if header_style is not None:
        header.style = header_style
    left, right = header.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(left.paragraphs[0], "UBND HUYỆN AN PHÚ", 12)
    _line(left, "TRƯỜNG THCS AN PHÚ", 12, bold=True)
    room = 165 / 2 - 2 * 1.905  # python-docx's equal columns, Word's default cell margins
    _rule(left, "TRƯỜNG THCS AN PHÚ", 12, room, 0.4)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    _rule(right, "Độc lập - Tự do - Hạnh phúc", 13, room, 1.0)
    number_cell, date_cell = header.rows[1].cells
    number_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(number_cell.paragraphs[0], "Số: 07/BC-THCS", 13)
    date_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(date_cell.paragraphs[0], "An Phú, ngày 05 tháng 4 năm 2024", 14, italic=True)

    _line(document, "BÁO CÁO", 14, bold=title_bold)
    _line(document, "Kết quả công tác truyền thông quý I năm 2024", 14, bold=True)
    _rule(document, "Kết quả công tác truyền thông quý I năm 2024", 14, 165, 0.4)
    _line(document, "Kính gửi: Phòng Giáo dục và Đào tạo huyện An Phú.", 14)
    ground = _line(document, "Căn cứ Kế hoạch số 12/KH-THCS ngày 15/3/2024 của nhà trường.", 14,
                   align=WD_ALIGN_PARAGRAPH.JUSTIFY, italic=True)
    ground.paragraph_format.first_line_indent = Cm(1)
    ground.paragraph_format.space_after = Pt(6)
    for text, bold in (("I. KẾT QUẢ", True),
                       ("Trong quý I, nhà trường đăng 12 tin bài trên trang thông tin điện tử.",
                        False)):
        paragraph = _line(document, text, 14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold=bold)
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.paragraph_format.space_after = Pt(6)
        paragraph.paragraph_format.line_spacing = 1.15

    footer = document.add_table(rows=1, cols=2)
    recipients, signature = footer.rows[0].cells
    recipients.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _runs(recipients.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for text in ("- Như trên;", "- Lưu: VT."):
        _line(recipients, text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(signature.paragraphs[0], "HIỆU TRƯỞNG", 14, bold=True)
    for _ in range(6):  # 25 mm or more for the signature and seal
        signature.add_paragraph()
    _line(signature, "Trần Văn Bình", 14, bold=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_decree_style_document_made_with_direct_formatting_passes():
    assert lint_file(io.BytesIO(direct_document())).problems == []


def test_a_fault_planted_in_it_is_found():
    problems = lint_file(io.BytesIO(direct_document(title_bold=False))).problems
    assert [(p.code, p.place, p.start) for p in problems] == [("lint-bold", "paragraph", "BÁO CÁO")]


def test_borders_drawn_by_a_table_style_are_found():
    problems = lint_file(io.BytesIO(direct_document(header_style="Table Grid"))).problems
    assert [(p.code, p.number) for p in problems] == [("lint-header-borders", 1)]


def test_a_run_without_formatting_of_its_own_is_resolved_through_defaults_and_theme():
    """python-docx's template: document defaults name the theme's minor font (Cambria), 11 pt."""
    document = docx.Document(io.BytesIO(direct_document()))
    document.paragraphs[-1].add_run(" Thêm.")
    out = io.BytesIO()
    document.save(out)
    problems = lint_file(io.BytesIO(out.getvalue())).problems
    assert [(p.code, p.number, p.params.get("font"), p.params.get("size"))
            for p in problems] == [("lint-font", 7, "Cambria", None),
                                   ("lint-size", 7, None, "11")]


def test_a_draft_mark_is_ignored(generated):
    def add_mark(root):
        body = root.find(w("body"))
        p = etree.Element(w("p"))
        etree.SubElement(etree.SubElement(p, w("r")), w("t")).text = "DỰ THẢO"
        body.insert(0, p)
    assert codes(mutate(generated["plan.docx"], DOC, add_mark)) == []


# The command --------------------------------------------------------------------------------
def test_cli_exit_codes_text_and_json(generated, tmp_path, capsys):
    good = tmp_path / "good.docx"
    good.write_bytes(generated["plan.docx"])
    bad = tmp_path / "bad.docx"
    bad.write_bytes(mutate(generated["plan.docx"], DOC, set_run("KẾ HOẠCH", "b", val="0")))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")

    assert main(["lint", str(good)]) == 0
    assert "đúng thể thức" in capsys.readouterr().out
    assert main(["lint", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"Đoạn 1 \(«KẾ HOẠCH»\): tên loại văn bản phải in đậm\. Hãy", out), out
    assert main(["--lang", "en", "lint", str(bad)]) == 1
    assert "Paragraph 1 (“KẾ HOẠCH”): the document type must be bold" in capsys.readouterr().out
    assert main(["lint", "--json", str(bad)]) == 1
    result = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["place"], p["number"], p["start"]) for p in result[0]["problems"]] == [
        ("lint-bold", "paragraph", 1, "KẾ HOẠCH")]
    assert main(["lint", str(broken), str(good)]) == 2
    captured = capsys.readouterr()
    assert "Không đọc được" in captured.err and "Traceback" not in captured.err
    assert main(["lint", str(tmp_path / "missing.docx")]) == 2


def test_a_zip_that_is_no_document_is_unreadable():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableDocument):
        lint_file(io.BytesIO(out.getvalue()))


def test_problems_come_in_document_order(generated):
    data = generated["plan.docx"]
    for part, change, _, _ in (MUTATIONS["recipients in the wrong size"],
                               MUTATIONS["title not bold"], MUTATIONS["date line not italic"],
                               MUTATIONS["top margin"]):
        data = mutate(data, part, change)
    problems = lint_file(io.BytesIO(data)).problems
    assert [(p.code, p.place) for p in problems] == [
        ("lint-margin-top", "section"), ("lint-italic", "table"), ("lint-bold", "paragraph"),
        ("lint-size-exact", "table")]
