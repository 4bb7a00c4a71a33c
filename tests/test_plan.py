"""The Kế hoạch: generated from the sheet, in the decree's layout, with the whole seed plan."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from commsplan import open_book
from commsplan.book import build_book
from commsplan.cli import main
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document
from commsplan.outputs import find_soffice
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources.workbook import read_workbook
from tests import nd30_rules
from tests.plan_workbooks import OTHER_SCHOOL
from tests.rendering import lost_words
from tests.seed import load_seed, requires_seed

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"


def reopen(document) -> docx.Document:
    return docx.Document(io.BytesIO(docx_bytes(document)))


@pytest.fixture(scope="module")
def demo_plan():
    return reopen(plan_document(open_book(str(DEMO))))


@pytest.fixture(scope="module")
def other_plan():
    return reopen(plan_document(open_book(io.BytesIO(workbook_bytes(OTHER_SCHOOL)))))


def paragraphs(document) -> list[str]:
    """Every paragraph's text, body and tables, in order."""
    texts = []
    body = document.element.body
    for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        texts.append("".join(t.text or "" for t in p.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
    return texts


# Layout ---------------------------------------------------------------------------------

def test_demo_plan_follows_the_decree(demo_plan):
    nd30_rules.check_document(demo_plan)


def test_other_school_plan_follows_the_decree(other_plan):
    nd30_rules.check_document(other_plan)


def test_demo_plan_number_and_date_are_zero_padded_as_the_decree_says(demo_plan):
    texts = paragraphs(demo_plan)
    assert "Số: 12/KH-THMM2" in texts
    assert "Mường Mươn, ngày 15 tháng 3 năm 2024" in texts


# Content: the seed, whole ----------------------------------------------------------------

@requires_seed
def test_every_paragraph_of_the_seed_is_in_the_demo_plan(demo_plan):
    seed = load_seed()
    texts = paragraphs(demo_plan)
    # The seed lower-cases the school's name in its last sentence; the decree writes a name
    # with its capital ("của Trường PTDTBT …"), and so does the plan.
    closing = seed.closing_line.replace("của trường ", "của Trường ")
    expected = [*seed.opening_lines[2:], *seed.purposes, *seed.requirements, closing]
    expected += [f"- {duty}" for duties in seed.duties.values() for duty in duties]
    for paragraph in expected:
        assert paragraph in texts, paragraph
    # the cadence block is a part of its own, not the last role's duty
    for title in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG TRUYỀN THÔNG VÀ KÊNH TRUYỀN THÔNG",
                  "III. SẢN PHẨM TRUYỀN THÔNG VÀ SỐ LƯỢNG TỐI THIỂU", "IV. TỔ CHỨC THỰC HIỆN"):
        assert title in texts
    for number, role in enumerate(seed.duties, start=1):
        assert f"{number}. {role}" in texts


@requires_seed
def test_every_topic_and_bullet_of_the_seed_is_in_the_topic_table(demo_plan):
    seed = load_seed()
    table = next(t for t in demo_plan.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung/Chủ đề",
                                                      "Hình thức/Sản phẩm truyền thông"]
    rows = table.rows[1:]
    assert len(rows) == len(seed.topics) == 13  # STT 1–13 without 3, and one unnumbered
    for number, (row, topic) in enumerate(zip(rows, seed.topics, strict=False), start=1):
        cells = row.cells
        assert cells[0].text == str(number)  # renumbered: the seed skips 3 and leaves one blank
        assert cells[1].text == topic.title
        assert [p.text for p in cells[2].paragraphs] == list(topic.bullets)


@requires_seed
def test_channels_and_cadence_sentences(demo_plan):
    seed = load_seed()
    texts = paragraphs(demo_plan)
    names = ["Website trường", "Hội nghị, sự kiện", "Fanpage Facebook"]  # the demo's Kênh tab
    lines = [t for t in texts if t.startswith("- ") and t.endswith((";", "."))]
    for name, channel in zip(names, seed.channels, strict=True):
        # each channel by its name, with its address; never a description and a bare URL
        address = f" (địa chỉ: {channel.url})" if channel.url else ""
        assert any(t.startswith(f"- {name}{address}: ") for t in lines), name
        if channel.url:
            assert not any(t.endswith(f" {channel.url}") for t in texts)
    assert seed.cadence_intro in texts
    assert "+ Tin bài: tối thiểu mỗi tháng 01 tin bài;" in texts
    assert any(t.startswith("+ Tư liệu: tối thiểu mỗi tháng 01 ảnh/video các hoạt động nổi bật")
               and t.endswith("đảm bảo yêu cầu.") for t in texts)


@requires_seed
def test_signatures_as_in_the_seed(demo_plan):
    signatures = load_seed().signatures
    footer = nd30_rules.footer_table(demo_plan)
    texts = [p.text for cell in footer.rows[0].cells for p in cell.paragraphs]
    for word in (signatures.preparer_title, signatures.preparer_name,
                 signatures.signer_title, signatures.signer_name):
        assert word in texts


# Another school ---------------------------------------------------------------------------

def test_another_school_gets_its_own_plan(other_plan):
    texts = paragraphs(other_plan)
    joined = "\n".join(texts)
    assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ LÀO CAI" in texts
    assert "TRƯỜNG THCS KIM TÂN" in texts
    assert "Số:      /KH-THCSKT" in texts  # a draft: the number is left blank
    assert "Lào Cai, ngày      tháng      năm 2025" in texts
    assert "Công tác truyền thông năm 2025" in texts
    assert "Căn cứ Luật Giáo dục năm 2019;" in texts
    assert "Căn cứ Điều lệ trường trung học cơ sở." in texts
    assert "KT. HIỆU TRƯỞNG" in texts and "PHÓ HIỆU TRƯỞNG" in texts
    assert "Trần Văn Bình" in texts
    assert "NGƯỜI LẬP" not in texts  # no preparer given
    assert ("+ Bài viết: tối thiểu mỗi quý đối với mỗi đơn vị 02 bài viết (các đơn vị: Tổ Tự "
            "nhiên).") in texts
    assert ("- Cổng thông tin (địa chỉ: https://thcskimtan.edu.vn): Cổng thông tin điện tử của "
            "trường.") in texts
    assert "- Lưu: VT, CM." in texts
    assert "- Phòng GD&ĐT thành phố (b/c);" in texts
    for word in ("Mường", "Điện Biên", "THMM2", "Nguyễn Thị", "năm 2024"):
        assert word not in joined, word
    table = next(t for t in other_plan.tables if t.rows[0].cells[0].text == "STT")
    assert [r.cells[0].text for r in table.rows[1:]] == ["1", "2"]


# Literal text -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "{{ 7*7 }}", "{% for x in y %}", "**đậm** _nghiêng_ `mã`", "# tiêu đề", "- gạch đầu dòng",
    "1. số", "<b>html</b>", "a\\b", "[liên kết](http://x.vn)", "x" * 20000,
])
def test_cell_text_comes_out_literally(text):
    data = {**OTHER_SCHOOL,
            "plan_text": [["Mục đích", None, f"Đầu {text} cuối"]] + OTHER_SCHOOL["plan_text"][1:]}
    texts = paragraphs(reopen(plan_document(open_book(io.BytesIO(workbook_bytes(data))))))
    assert f"Đầu {text} cuối" in texts


def test_control_characters_are_dropped_not_an_error():
    # openpyxl refuses to write them, but a Google Sheet or another program may deliver them.
    raw = read_workbook(io.BytesIO(workbook_bytes(OTHER_SCHOOL)))
    topics = next(t for t in raw.tables if t.name == "Chủ đề")
    topics.rows[1][1] = "Chủ đề\x07 có\x1b ký tự lạ"
    topics.rows[1][2] = "- Ý\x0b một"
    document = reopen(plan_document(build_book(raw)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert table.rows[1].cells[1].text == "Chủ đề có ký tự lạ"


# The command ---------------------------------------------------------------------------------

def test_plan_command_replaces_a_draft_only_with_force(tmp_path, capsys):
    source, out = tmp_path / "so-lieu.xlsx", tmp_path / "ke-hoach.docx"
    source.write_bytes(workbook_bytes(OTHER_SCHOOL))  # no number or date: a draft
    assert main(["plan", str(source), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["plan", str(source), "-o", str(out)]) == 0  # the same bytes: left alone
    assert "Không đổi" in capsys.readouterr().out
    general = [(k, "Kế hoạch truyền thông (sửa)" if k == "Trích yếu" else v)
               for k, v in OTHER_SCHOOL["general"]]
    source.write_bytes(workbook_bytes({**OTHER_SCHOOL, "general": general}))
    assert main(["plan", str(source), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == first
    assert main(["plan", str(source), "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx", "so-lieu.xlsx"]


def test_plan_without_output_is_named_from_the_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "so-lieu.xlsx"  # the issued plan's hash goes into its row
    shutil.copy(DEMO, source)
    assert main(["plan", str(source)]) == 0
    assert (tmp_path / "KH-truyen-thong-2024.docx").exists()


def test_plan_refuses_data_with_errors_unless_allowed(tmp_path, capsys):
    data = {**OTHER_SCHOOL, "channels": [["Cổng thông tin", "Website", "không phải link", None]]}
    source = tmp_path / "loi.xlsx"
    source.write_bytes(workbook_bytes(data))
    out = tmp_path / "kh.docx"
    assert main(["plan", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "invalid-url" in err and "Kênh" in err and not out.exists()
    assert main(["plan", str(source), "-o", str(out), "--allow-errors"]) == 0
    assert out.exists()


def test_a_template_error_names_the_template_and_line(tmp_path, monkeypatch, capsys):
    from commsplan.documents import common

    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("tables.yaml", "documents.yaml"):
        (folder / name).write_text((common.TEMPLATES / name).read_text("utf-8"), "utf-8")
    (folder / "plan.md.j2").write_text("Dòng một\n\n{{ khong_co_gia_tri }}\n", "utf-8")
    monkeypatch.setattr(common, "TEMPLATES", folder)
    common._templates_yaml.cache_clear()
    assert main(["plan", str(DEMO), "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert "plan.md.j2" in err and "dòng 3" in err
    common._templates_yaml.cache_clear()


# LibreOffice ---------------------------------------------------------------------------------

@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_plan_keeping_the_motto_on_one_line_and_every_diacritic(tmp_path):
    out = tmp_path / "kh.docx"
    source = tmp_path / "so-lieu.xlsx"  # the issued plan's hash goes into its row
    shutil.copy(DEMO, source)
    assert main(["plan", str(source), "-o", str(out), "--pdf"]) == 0
    pdf = tmp_path / "kh.pdf"
    assert pdf.exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)  # one line
    reading_order = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", reading_order)
    for phrase in ("Độc lập - Tự do - Hạnh phúc", "Mường Mươn, ngày 15 tháng 3 năm 2024",
                   "Chiến thắng Điện Biên Phủ",
                   "Nguyễn Thị Liễu", "Nguyễn Thị Hoa", "lan toả", "Đổi mới, sáng tạo"):
        assert phrase in flat, phrase
    assert not lost_words(out, pdf)  # no row or line lost at a page break
