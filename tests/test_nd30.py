"""The NĐ30 frame, the template renderer and the deterministic save, on small made-up schools."""

import datetime as dt
import io
import re
import shutil
import subprocess
import time
import unicodedata
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from commsplan.documents import nd30
from commsplan.documents.docx_io import ZIP_DATE_TIME, docx_bytes, save_docx
from commsplan.documents.nd30 import (
    Column,
    Footer,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Run,
    Signer,
    Table,
    Title,
    build_document,
)
from commsplan.documents.render import (
    Markdown,
    TemplateError,
    escape_markdown,
    markdown_to_blocks,
    render_markdown,
    render_template,
)
from commsplan.errors import CommsplanError
from tests import nd30_rules

# Two made-up schools under two different parent bodies.
HOA_SEN = Heading(
    parent_body="Phòng Giáo dục và Đào tạo Sông Lam",
    issuer="Trường Tiểu học Hoa Sen",
    issuer_symbol="THHS",
    type_code="KH",
    number=5,
    date=dt.date(2024, 2, 5),
    year=2024,
    place="Sông Lam",
)
DONG_TAM = Heading(
    parent_body="Ủy ban nhân dân xã Đồng Tâm",
    issuer="Trường Mầm non Đồng Tâm",
    issuer_symbol="MNĐT",
    type_code="BC",
    number=12,
    date=dt.date(2024, 3, 15),
    year=2024,
    place="Đồng Tâm",
)
HOA_SEN_FOOTER = Footer(
    recipients=["Phòng GDĐT Sông Lam (để b/c);", "Các tổ chuyên môn;", "Lưu: VT."],
    signers=[Signer("Hiệu trưởng", "Trần Văn An")],
    preparer=Signer("Người lập", "Lê Thị Bình"),
)
DONG_TAM_FOOTER = Footer(
    recipients=["UBND xã Đồng Tâm"],
    signers=[Signer("Phó hiệu trưởng", "Nguyễn Thị Thanh Hương", authority="KT. Hiệu trưởng")],
)
SAMPLE = (
    "Tiêu ngữ Độc lập - Tự do - Hạnh phúc, Mường Mươn, Điện Biên, huyện Mường Chà, "
    "tỉnh Điện Biên ưng ý"
)
TOPICS = Table(
    [Column("Stt", 12, "center"), Column("Nội dung/Chủ đề", 55), Column("Hình thức", 98)],
    [
        ["1", "Truyền thông chính sách", "Thông tin về việc thực hiện các văn bản mới."],
        ["2", "Chương trình giáo dục phổ thông", ["- Thông tin về đổi mới dạy học;", "- Kết quả."]],
        ["", "Điểm sáng", None],
    ],
)


TITLE = Title("Kế hoạch", "Truyền thông về giáo dục năm 2024")


def sample_body(paragraphs: int = 3) -> list:
    body = [
        Paragraph.plain("heading1", "I. MỤC ĐÍCH, YÊU CẦU"),
        Paragraph.plain("heading2", "1. Mục đích"),
        Paragraph(
            "body", [Run("Chủ động thông tin "), Run("kịp thời", bold=True), Run(" về giáo dục.")]
        ),
        Paragraph.plain("bullet", f"- {SAMPLE}."),
        Paragraph.plain("bullet", "+ Tin bài: tối thiểu mỗi tháng 01 tin bài;"),
        TOPICS,
    ]
    body += [
        Paragraph.plain("body", "Nội dung kế hoạch được triển khai đầy đủ. " * 12)
    ] * paragraphs
    body.append(Paragraph.plain("body", "Trên đây là kế hoạch của nhà trường./."))
    return body


def build(
    heading=HOA_SEN,
    footer=HOA_SEN_FOOTER,
    body=None,
    legal=("Căn cứ Luật Giáo dục",),
    title=TITLE,
):
    return build_document(
        heading, title, list(legal), sample_body() if body is None else body, footer
    )


def reopen(document) -> docx.Document:
    return docx.Document(io.BytesIO(docx_bytes(document)))


def texts(document) -> list[str]:
    """Every paragraph's text in the body, tables included, in order."""
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    ]


# The frame follows the decree -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("heading", "footer"),
    [(HOA_SEN, HOA_SEN_FOOTER), (DONG_TAM, DONG_TAM_FOOTER)],
    ids=["hoa-sen", "dong-tam"],
)
def test_the_frame_follows_every_rule_of_the_decree(heading, footer):
    nd30_rules.check_document(reopen(build(heading, footer)))


def test_a_draft_leaves_the_number_day_and_month_blank_and_still_follows_the_decree():
    draft = Heading(
        "Phòng Giáo dục và Đào tạo Sông Lam",
        "Trường Tiểu học Hoa Sen",
        "THHS",
        "KH",
        None,
        None,
        2025,
        "Sông Lam",
    )
    document = reopen(build(draft))
    assert "Số:      /KH-THHS" in texts(document)
    assert "Sông Lam, ngày      tháng      năm 2025" in texts(document)
    nd30_rules.check_document(document)


@pytest.mark.parametrize(
    ("number", "date", "number_text", "date_text"),
    [
        (5, dt.date(2024, 2, 5), "Số: 05/BC-MNĐT", "Đồng Tâm, ngày 05 tháng 02 năm 2024"),
        (9, dt.date(2024, 1, 31), "Số: 09/BC-MNĐT", "Đồng Tâm, ngày 31 tháng 01 năm 2024"),
        (12, dt.date(2024, 3, 15), "Số: 12/BC-MNĐT", "Đồng Tâm, ngày 15 tháng 3 năm 2024"),
        (118, dt.date(2024, 12, 1), "Số: 118/BC-MNĐT", "Đồng Tâm, ngày 01 tháng 12 năm 2024"),
    ],
)
def test_number_day_and_months_one_and_two_get_a_leading_zero(number, date, number_text, date_text):
    heading = Heading(
        DONG_TAM.parent_body,
        DONG_TAM.issuer,
        " mnđt ",
        "BC",
        number,
        date,
        date.year,
        DONG_TAM.place,
    )
    assert nd30.number_line(heading) == number_text
    assert nd30.place_date_line(heading) == date_text
    assert {number_text, date_text} <= set(texts(reopen(build(heading, DONG_TAM_FOOTER))))


def test_a_heading_refuses_a_number_below_one_and_a_date_outside_its_year():
    with pytest.raises(ValueError):
        Heading("A", "B", "C", "KH", 0, None, 2024, "D")
    with pytest.raises(ValueError):
        Heading("A", "B", "C", "KH", 1, dt.date(2023, 5, 1), 2024, "D")


def test_parent_body_issuer_and_signer_titles_are_printed_in_capitals():
    all_text = texts(reopen(build(DONG_TAM, DONG_TAM_FOOTER)))
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM",
        "TRƯỜNG MẦM NON ĐỒNG TÂM",
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Nguyễn Thị Thanh Hương",
        "KẾ HOẠCH",
    ):
        assert expected in all_text


def test_recipients_are_dashed_lines_ending_with_semicolons_and_the_archive_last_with_a_full_stop():
    assert nd30.normalize_recipients(
        ["+ Phòng GDĐT (để b/c).", "Lưu: VT, CM", "• Các tổ chuyên môn,"]
    ) == ["- Phòng GDĐT (để b/c);", "- Các tổ chuyên môn;", "- Lưu: VT, CM."]
    assert nd30.normalize_recipients(["-Ban giám hiệu", "  ", "- Website trường;"]) == [
        "- Ban giám hiệu;",
        "- Website trường;",
        "- Lưu: VT.",
    ]
    assert nd30.normalize_recipients([]) == ["- Lưu: VT."]
    all_text = texts(reopen(build(DONG_TAM, DONG_TAM_FOOTER)))
    start = all_text.index("Nơi nhận:")
    assert all_text[start : start + 3] == ["Nơi nhận:", "- UBND xã Đồng Tâm;", "- Lưu: VT."]


def test_addressees_one_on_the_label_line_several_one_per_line_and_nơi_nhận_says_như_trên():
    assert nd30.addressee_lines([]) == []
    assert nd30.addressee_lines(["- Phòng GD&ĐT huyện X;"]) == ["Kính gửi: Phòng GD&ĐT huyện X."]
    assert nd30.addressee_lines(["Phòng GD&ĐT huyện X", "UBND xã Y.\nPhòng GD&ĐT huyện X"]) == [
        "Kính gửi:", "- Phòng GD&ĐT huyện X;", "- UBND xã Y."]  # one line each, once
    assert nd30.normalize_recipients(["Các tổ (t/h)", "Lưu: VT"], as_above=True) == [
        "- Như trên;", "- Các tổ (t/h);", "- Lưu: VT."]
    assert nd30.normalize_recipients(["- Như trên;", "Lưu: VT"], as_above=True) == [
        "- Như trên;", "- Lưu: VT."]


def test_the_annex_reference_names_the_document_or_leaves_the_decrees_dots():
    annex = nd30.AnnexHeading("Danh sách", "Báo cáo", "Trường Tiểu học Mỹ Hòa 1")
    draft = nd30.Heading("", "TRƯỜNG TIỂU HỌC MỸ HÒA 1", "THMH1", "BC", None, None, 2024, "Mỹ Hòa")
    issued = nd30.Heading("", "TRƯỜNG TIỂU HỌC MỸ HÒA 1", "THMH1", "BC", 5, dt.date(2024, 2, 3),
                          2024, "Mỹ Hòa")
    assert nd30.annex_reference_line(annex, draft) == (
        "(Kèm theo Báo cáo số …/BC-THMH1 ngày … tháng … năm 2024 của Trường Tiểu học Mỹ Hòa 1)")
    assert nd30.annex_reference_line(annex, issued) == (
        "(Kèm theo Báo cáo số 05/BC-THMH1 ngày 03 tháng 02 năm 2024 của Trường Tiểu học Mỹ "
        "Hòa 1)")
    assert nd30.AnnexHeading("A", "Báo cáo", "B", number="II").label == "Phụ lục II"


def test_legal_grounds_end_with_semicolons_and_the_last_with_a_full_stop():
    assert nd30.normalize_legal_grounds(["Căn cứ A.", " Căn cứ  B ;", "", "Căn cứ C;"]) == [
        "Căn cứ A;",
        "Căn cứ B;",
        "Căn cứ C.",
    ]


def test_a_cell_with_several_lines_gives_several_grounds_or_recipients():
    assert nd30.normalize_legal_grounds(["Căn cứ A;\nCăn cứ B"]) == ["Căn cứ A;", "Căn cứ B."]
    assert nd30.normalize_recipients(["Như trên;\r\nLưu: VT"]) == ["- Như trên;", "- Lưu: VT."]


@pytest.mark.parametrize(
    ("text", "size", "bold"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True),
        ("Độc lập - Tự do - Hạnh phúc", 13, True),
        ("TRƯỜNG PTDTBT TIỂU HỌC SỐ 2 MƯỜNG MƯƠN", 12, True),
        ("Truyền thông về giáo dục và đào tạo năm 2024", 14, True),
        ("Phòng Giáo dục và Đào tạo huyện Mường Chà, tỉnh Điện Biên", 12, False),
    ],
)
def test_the_text_width_estimate_matches_the_font(text, size, bold):
    ttlib = pytest.importorskip("fontTools.ttLib")
    style = "Bold" if bold else "Regular"
    path = f"/usr/share/fonts/truetype/liberation2/LiberationSerif-{style}.ttf"
    try:
        font = ttlib.TTFont(path)
    except OSError:
        pytest.skip("fonts-liberation2 is not installed")
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    units = sum(metrics[cmap[ord(char)]][0] for char in text)
    exact = units / font["head"].unitsPerEm * size * 25.4 / 72
    assert nd30.text_width_mm(text, size, bold) == pytest.approx(exact, rel=0.02)


def test_signature_columns_fit_titles_and_names_and_the_names_stand_on_one_line():
    footer = Footer(
        ["Lưu: VT"],
        [Signer("Chủ tịch Hội đồng trường", "Nguyễn Thị Thanh Hương", "TM. Hội đồng trường")],
        Signer("Người lập", "Lê Thị Bình"),
    )
    document = reopen(build(footer=footer))
    assert nd30_rules.footer_violations(document) == []


def test_too_many_signatures_put_the_recipients_under_them():
    footer = Footer(
        ["Lưu: VT"],
        [
            Signer("Phó hiệu trưởng", "Lê Văn Cường"),
            Signer("Hiệu trưởng", "Nguyễn Thị Thanh Hương"),
        ],
        Signer("Người lập", "Lê Thị Bình"),
    )
    recipients, widths, own_row = nd30.footer_widths_mm(footer)
    assert own_row and sum(widths) == pytest.approx(nd30.TEXT_WIDTH_MM)
    assert nd30_rules.footer_violations(reopen(build(footer=footer))) == []


# Text goes in literally, whatever it holds ----------------------------------------------------
def test_characters_xml_forbids_are_removed_everywhere_and_nothing_raises():
    bad = "a\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff\ud800b"
    heading = Heading(f"Phòng {bad}", f"Trường {bad}", "THHS", "KH", 1, None, 2024, f"Xã {bad}")
    footer = Footer(
        [f"Nơi {bad}"],
        [Signer(f"Hiệu {bad}", f"Tên {bad}", f"KT. {bad}")],
        Signer("Người lập", bad),
    )
    body = [
        Paragraph.plain("body", f"Đoạn {bad}\r\nhai"),
        Table([Column(f"Cột {bad}", 1)], [[f"Ô {bad}"], [[f"dòng {bad}", bad]], [5]]),
    ]
    document = reopen(build_document(heading, Title(bad, bad), [bad], body, footer))
    all_text = "\n".join(texts(document))
    assert "ab" in all_text and "Ô ab" in all_text and "Đoạn ab" in all_text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", all_text)


def test_markup_like_text_is_printed_literally():
    literal = "<w:t>&amp; ]]> {{ 7*7 }} \"quoted\" 'single'"
    document = reopen(
        build(body=[Paragraph.plain("body", literal), Table([Column("A", 1)], [[literal]])])
    )
    assert texts(document).count(literal) == 2


def test_tabs_and_line_breaks_in_a_run_become_word_tabs_and_breaks():
    document = reopen(build(body=[Paragraph.plain("body", "a\tb\nc")]))
    paragraph = [p for p in document.paragraphs if p.text.startswith("a")][0]
    assert paragraph.text == "a\tb\nc"


def test_very_long_text_fits_in_a_paragraph_and_a_cell():
    long_text = "Thông tin giáo dục đào tạo " * 12_000  # about 320,000 characters
    document = reopen(
        build(body=[Paragraph.plain("body", long_text), Table([Column("A", 1)], [[long_text]])])
    )
    assert texts(document).count(long_text) == 2


# Body blocks ----------------------------------------------------------------------------------
def test_a_data_table_has_borders_fixed_widths_a_repeated_bold_header_and_one_paragraph_per_line():
    document = reopen(build())
    assert nd30_rules.data_table_violations(document) == []
    table = document.tables[1]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) * 25.4 / 1440 == pytest.approx(nd30.TEXT_WIDTH_MM, abs=0.2)
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["Stt", "Nội dung/Chủ đề", "Hình thức"]
    assert all(r.bold for c in header.cells for p in c.paragraphs for r in p.runs)
    assert [p.text for p in table.rows[2].cells[2].paragraphs] == [
        "- Thông tin về đổi mới dạy học;",
        "- Kết quả.",
    ]
    assert table.rows[3].cells[2].text == ""
    assert table.rows[1].cells[0].paragraphs[0].alignment == 1  # centred, as its column asks


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError, match="row 1"):
        build(body=[Table([Column("A", 1), Column("B", 1)], [["only one"]])])


def test_two_tables_in_a_row_are_kept_apart_and_the_body_ends_with_a_paragraph():
    document = reopen(build(body=[TOPICS, TOPICS]))
    children = [child.tag for child in document.element.body]
    for before, after in zip(children, children[1:], strict=False):
        assert not before == after == qn("w:tbl")
    assert children[-2:] == [qn("w:p"), qn("w:sectPr")]


def test_an_image_block_is_a_centred_picture_of_the_given_width():
    png = _tiny_png()
    document = reopen(build(body=[Image(png, 120), Image(png, 500)]))
    shapes = document.inline_shapes
    assert len(shapes) == 2
    assert shapes[0].width.mm == pytest.approx(120, abs=0.1)
    assert shapes[1].width.mm == pytest.approx(
        nd30.TEXT_WIDTH_MM, abs=0.1
    )  # never wider than the text
    ids = [d.get("id") for d in document.element.body.iter(qn("wp:docPr"))]
    assert len(set(ids)) == 2


def test_a_page_break_block_breaks_the_page():
    document = reopen(build(
        body=[Paragraph.plain("body", "một"), PageBreak(), Paragraph.plain("body", "hai")]
    ))
    breaks = [b for b in document.element.body.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
    assert len(breaks) == 1


def test_paragraph_roles_are_checked():
    with pytest.raises(ValueError):
        Paragraph.plain("title", "x")


def test_a_ten_thousand_row_table_builds_in_well_under_a_few_seconds():
    rows = [[str(i), "05/03/2024", f"Tin bài số {i}", "Website", "Tổ 1"] for i in range(10_000)]
    table = Table([Column(f"C{i}", w) for i, w in enumerate((12, 30, 63, 30, 30))], rows)
    start = time.perf_counter()
    document = build(body=[table])
    elapsed = time.perf_counter() - start
    assert len(reopen(document).tables[1].rows) == 10_001
    assert elapsed < 3.0, f"{elapsed:.2f} s"  # about 0.6 s on the project's machine


# Deterministic save ---------------------------------------------------------------------------
def test_the_same_content_saves_to_the_same_bytes():
    body = [*sample_body(), Image(_tiny_png(), 50)]
    first = docx_bytes(build(DONG_TAM, DONG_TAM_FOOTER, body=body))
    time.sleep(1.1)  # a timestamp taken from the clock would now differ
    second = docx_bytes(build(DONG_TAM, DONG_TAM_FOOTER, body=body))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {ZIP_DATE_TIME}
    props = docx.Document(io.BytesIO(first)).core_properties
    assert props.created == props.modified == dt.datetime(2024, 3, 15, tzinfo=dt.UTC)
    assert props.revision == 1 and props.author == "Trường Mầm non Đồng Tâm"


def test_save_docx_writes_to_a_path_or_a_stream(tmp_path):
    document = build()
    stream = io.BytesIO()
    save_docx(document, stream)
    save_docx(document, tmp_path / "kh.docx")
    assert (tmp_path / "kh.docx").read_bytes() == stream.getvalue() == docx_bytes(document)


# The checker sees what breaks the rules -------------------------------------------------------
def test_the_checker_reports_a_numbered_first_page_a_foreign_font_and_an_unpadded_date():
    document = reopen(build())
    document.sections[0].different_first_page_header_footer = False
    run = document.paragraphs[3].runs[0]
    run._r.rPr.find(qn("w:rFonts")).set(qn("w:cs"), "Arial")
    problems = nd30_rules.layout_violations(document)
    assert any("first page" in p for p in problems)
    assert any("font slots cs" in p for p in problems)
    line = "Sông Lam, ngày 5 tháng 03 năm 2024"
    assert nd30_rules.date_line_problems(line) == [
        f"place and date {line!r}: the day must have two digits (05, 15)",
        f"place and date {line!r}: month should read '3'",
    ]


def test_the_checker_reports_bordered_frame_tables_and_badly_punctuated_recipients():
    document = reopen(build())
    header = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    header.find(qn("w:top")).set(qn("w:val"), "single")
    assert nd30_rules.header_violations(document) == ["header table: has borders (top)"]
    recipients = [p for p in document.paragraphs if False] or [
        p for p in document.tables[-1].rows[0].cells[0].paragraphs
    ][1:]
    recipients[0].runs[0].text = "Phòng GDĐT"
    problems = nd30_rules.recipient_problems(recipients)
    assert "recipient 'Phòng GDĐT': should start with '- '" in problems
    assert "recipient 'Phòng GDĐT': should end with ';'" in problems


# Templates ------------------------------------------------------------------------------------
@pytest.fixture
def templates(tmp_path):
    def write(name: str, text: str):
        (tmp_path / name).write_text(text, "utf-8")
        return tmp_path

    return write


def test_markdown_maps_onto_the_decree_styles(templates):
    folder = templates(
        "doc.md.j2",
        (
            "# I. mục đích, yêu cầu\n\n## 1. Mục đích\n\n### a) Nhỏ\n\n"
            "Đoạn **đậm** và *nghiêng*\nnối dòng.\n\n"
            "- gạch một\n- gạch hai\n\n+ cộng một\n\n3. số ba\n"
        ),
    )
    blocks = render_template(folder, "doc.md.j2", {})
    assert [(b.role, b.text) for b in blocks] == [
        ("heading1", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("heading2", "1. Mục đích"),
        ("heading3", "a) Nhỏ"),
        ("body", "Đoạn đậm và nghiêng nối dòng."),
        ("bullet", "- gạch một"),
        ("bullet", "- gạch hai"),
        ("bullet", "+ cộng một"),
        ("bullet", "3. số ba"),
    ]
    assert blocks[3].runs == (
        Run("Đoạn "),
        Run("đậm", bold=True),
        Run(" và "),
        Run("nghiêng", italic=True),
        Run(" nối dòng."),
    )


LITERALS = [
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "**bold**",
    "*i* _u_",
    "# x",
    "- y",
    "+ z",
    "1. w",
    "2) v",
    "<b>x</b>",
    "&amp; &#65;",
    "[a](b)",
    "![i](p.png)",
    "`c`",
    "    four spaces",
    "a\\b\\",
    "---",
    "> q",
    "| t | u |",
    "~~~",
    "```{table} topics",
    "trailing  ",
    "=== ",
    "a_b_c",
]


@pytest.mark.parametrize("value", LITERALS)
def test_data_is_printed_as_the_literal_text_it_is(templates, value):
    folder = templates("doc.md.j2", "{{ v }}\n\n## {{ v }}\n\n- {{ v }}\n\nTrước {{ v }} sau\n")
    blocks = render_template(folder, "doc.md.j2", {"v": value, "tables": {"topics": TOPICS}})
    assert [b.text for b in blocks] == [value, value, f"- {value}", f"Trước {value} sau"]
    assert not any(run.bold or run.italic for block in blocks for run in block.runs)


def test_empty_values_print_nothing_and_line_breaks_in_data_become_spaces(templates):
    folder = templates("doc.md.j2", "A{{ none }}{{ nan }}B\n\n## {{ lines }}\n")
    blocks = render_template(
        folder, "doc.md.j2", {"none": None, "nan": float("nan"), "lines": "một\nhai\r\n\nba"}
    )
    assert [b.text for b in blocks] == ["AB", "một hai ba"]


def test_escape_markdown_reads_back_unchanged():
    for value in LITERALS:
        (block,) = markdown_to_blocks(escape_markdown(value))
        assert block.text == value


def test_the_template_filters(templates):
    folder = templates(
        "doc.md.j2",
        (
            "Trên đây là {{ school | lower_first }}; {{ 3 | pad2 }}; {{ 12 | pad2 }}; "
            "{{ 1 | count('tin bài') }}; {{ none | count('ảnh') }}.\n\n{{ emphasis | markdown }}\n"
        ),
    )
    blocks = render_template(
        folder,
        "doc.md.j2",
        {"school": "Trường Tiểu học Hoa Sen", "none": None, "emphasis": "**Ghi chú**"},
    )
    assert blocks[0].text == "Trên đây là trường Tiểu học Hoa Sen; 03; 12; 01 tin bài; ."
    assert blocks[1].runs == (Run("Ghi chú", bold=True),)
    extra = render_template(
        folder.__class__(folder),
        "doc.md.j2",
        {"school": "X", "none": None, "emphasis": Markdown("*y*")},
        filters={"lower_first": str.upper},
    )
    assert extra[0].text.startswith("Trên đây là X;") and extra[1].runs == (Run("y", italic=True),)


def test_indented_template_lines_are_read_as_if_they_started_at_the_margin(templates):
    folder = templates("doc.md.j2", "{% for x in items %}\n    - {{ x }}\n{% endfor %}\n")
    blocks = render_template(folder, "doc.md.j2", {"items": ["một", "hai"]})
    assert [b.text for b in blocks] == ["- một", "- hai"]


def test_table_image_and_pagebreak_directives_take_their_data_from_the_context(templates):
    folder = templates(
        "doc.md.j2",
        "Bảng:\n\n```{table} topics\n```\n\n```{pagebreak}\n```\n\n~~~{image} chart\n~~~\n",
    )
    chart = Image(_tiny_png(), 80)
    blocks = render_template(
        folder, "doc.md.j2", {"tables": {"topics": TOPICS}, "images": {"chart": chart}}
    )
    assert blocks[1:] == [TOPICS, PageBreak(), chart]


@pytest.mark.parametrize(
    ("template", "context", "expected"),
    [
        (
            "Dòng một\n\n{{ khong_co }}\n",
            {},
            "Mẫu văn bản doc.md.j2, dòng 3: dùng một giá trị không có",
        ),
        ("Một\n{% for x in %}\n", {}, "Mẫu văn bản doc.md.j2, dòng 2: viết sai cú pháp"),
        (
            "Một\n\nHai\n{{ x.y.z }}\n",
            {"x": {}},
            "Mẫu văn bản doc.md.j2, dòng 4: dùng một giá trị không có",
        ),
        (
            "{{ ''.__class__.__mro__ }}\n",
            {},
            "Mẫu văn bản doc.md.j2, dòng 1: mẫu dùng một thao tác không được phép",
        ),
        ("\n\n{{ 1 / 0 }}\n", {}, "Mẫu văn bản doc.md.j2, dòng 3: không điền được"),
        (
            "A\n\n```{table} nhiem_vu\n```\n",
            {"tables": {"topics": TOPICS}},
            "Mẫu văn bản doc.md.j2, dòng 3: dữ liệu không có bảng 'nhiem_vu' (các bảng có: topics)",
        ),
        (
            "A\n\n```{image} chart\n```\n",
            {},
            "Mẫu văn bản doc.md.j2, dòng 3: dữ liệu không có hình 'chart'",
        ),
        (
            "A\n\n```{bang} topics\n```\n",
            {},
            "Mẫu văn bản doc.md.j2, dòng 3: không có loại khối {bang}",
        ),
        (
            "A\n\n```{table} topics\nrows: 3\n```\n",
            {"tables": {"topics": TOPICS}},
            "Mẫu văn bản doc.md.j2, dòng 3: khối {table} chỉ ghi tên",
        ),
    ],
)
def test_template_errors_name_the_file_and_line_in_vietnamese(
    templates, template, context, expected
):
    folder = templates("doc.md.j2", template)
    with pytest.raises(TemplateError) as caught:
        render_template(folder, "doc.md.j2", context)
    assert str(caught.value).startswith(expected), str(caught.value)
    assert isinstance(caught.value, CommsplanError)


def test_an_error_in_an_included_template_names_that_template(templates):
    templates("part.md.j2", "Một\n{{ missing }}\n")
    folder = templates("doc.md.j2", "Đầu\n\n{% include 'part.md.j2' %}\n")
    with pytest.raises(TemplateError, match=r"^Mẫu văn bản part\.md\.j2, dòng 2:"):
        render_markdown(folder, "doc.md.j2", {})


def test_a_missing_template_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError, match="Không tìm thấy mẫu văn bản 'khong.md.j2'"):
        render_template(tmp_path, "khong.md.j2", {})


def test_a_rendered_template_in_the_frame_follows_the_decree(templates):
    folder = templates(
        "doc.md.j2",
        (
            "{{ school }} xây dựng kế hoạch; cụ thể như sau:\n\n# I. Mục đích\n\n## 1. Mục đích\n\n"
            "{% for p in purposes %}\n{{ p }}\n\n{% endfor %}\n```{table} topics\n```\n\n"
            "# II. Tổ chức thực hiện\n\n- {{ duty }}\n\n+ Tin bài: {{ 1 | count('tin bài') }};\n\n"
            "Trên đây là kế hoạch của {{ school | lower_first }}./.\n"
        ),
    )
    context = {
        "school": "Trường Mầm non Đồng Tâm",
        "purposes": ["Mục đích *một*.", "Mục đích hai."],
        "duty": "Viết bài # 1",
        "tables": {"topics": TOPICS},
    }
    document = reopen(
        build(DONG_TAM, DONG_TAM_FOOTER, body=render_template(folder, "doc.md.j2", context))
    )
    nd30_rules.check_document(document)
    assert {"I. MỤC ĐÍCH", "Mục đích *một*.", "- Viết bài # 1", "+ Tin bài: 01 tin bài;"} <= set(
        texts(document)
    )


# LibreOffice ----------------------------------------------------------------------------------
def _liberation_serif_stands_in() -> bool:
    if shutil.which("fc-match") is None:
        return False
    found = subprocess.run(["fc-match", "Times New Roman"], capture_output=True, text=True).stdout
    return "Liberation Serif" in found or "Times New Roman" in found


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext is not installed")
    if not _liberation_serif_stands_in():
        pytest.skip("neither Times New Roman nor Liberation Serif (fonts-liberation2) is installed")
    folder = tmp_path_factory.mktemp("pdf")
    source = folder / "kh.docx"
    save_docx(build(body=sample_body(paragraphs=14)), source)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = subprocess.run(
        ["pdftotext", "-layout", str(folder / "kh.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return unicodedata.normalize("NFC", result.stdout)


def test_libreoffice_keeps_the_quoc_hieu_and_the_motto_each_on_one_line(pdf_text):
    lines = pdf_text.splitlines()
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("Độc lập - Tự do - Hạnh phúc" in line for line in lines)
    number_lines = [line for line in lines if "Số: 05/KH-THHS" in line]
    assert number_lines and "Sông Lam, ngày 05 tháng 02 năm 2024" in number_lines[0]


def test_libreoffice_keeps_every_vietnamese_diacritic(pdf_text):
    flat = re.sub(r"\s+", " ", pdf_text)
    assert SAMPLE in flat


def test_libreoffice_numbers_pages_from_the_second_one(pdf_text):
    pages = pdf_text.split("\f")
    assert len(pages) >= 2
    first_lines = [page.strip().splitlines()[0].strip() for page in pages if page.strip()]
    assert not first_lines[0].isdigit()
    assert first_lines[1] == "2"


def test_libreoffice_keeps_signature_titles_and_names_on_one_line_each(pdf_text):
    lines = pdf_text.splitlines()
    assert any(re.search(r"NGƯỜI LẬP\s+HIỆU TRƯỞNG", line) for line in lines)
    assert any(re.search(r"Lê Thị Bình\s+Trần Văn An", line) for line in lines)


def _tiny_png() -> bytes:
    """A valid 2 × 1 PNG, made here so that the tests need no picture file."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
