"""--draft-mark: a framed "DỰ THẢO" at the top right of a draft's first page, never on an
issued document; lint knows it and passes the marked draft."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from commsplan.cli import main
from commsplan.lint import lint_file
from commsplan.outputs import find_soffice

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
REPORT = ["report", str(DEMO), "--period", "2024-Q2", "--allow-errors"]  # a draft in the demo


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("draft")
    plain, marked = folder / "plain.docx", folder / "marked.docx"
    assert main([*REPORT, "-o", str(plain)]) == 0
    assert main([*REPORT, "-o", str(marked), "--draft-mark"]) == 0
    return plain, marked


def test_the_mark_is_framed_at_the_top_right_of_the_first_page_only(reports):
    plain, marked = reports
    section = docx.Document(str(marked)).sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header.paragraphs
    assert [p.text.strip() for p in first] == ["DỰ THẢO"]
    assert first[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    run = first[0].runs[0]
    assert run.font.bold and run.font.name == "Times New Roman"
    assert run._r.find(docx.oxml.ns.qn("w:rPr") + "/" + docx.oxml.ns.qn("w:bdr")) is not None
    assert "PAGE" in section.header._element.xml  # the other pages keep their numbers
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(marked) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")  # the body is as it was


def test_lint_passes_the_marked_draft(reports):
    assert lint_file(reports[1]).problems == []


def test_an_issued_document_is_never_marked(tmp_path, capsys):
    out = tmp_path / "plan.docx"
    assert main(["plan", str(DEMO), "-o", str(out), "--draft-mark", "--allow-errors"]) == 2
    assert "DỰ THẢO" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext is not installed")
def test_the_pdf_shows_the_mark_on_page_one_only(reports, tmp_path):
    subprocess.run([find_soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(reports[1])],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "marked.pdf"

    def page(number: int) -> str:
        return subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number),
                               str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout

    first_line = next(line for line in page(1).splitlines() if line.strip())
    assert first_line.strip() == "DỰ THẢO" and first_line.startswith(" " * 40)
    assert "DỰ THẢO" not in page(2)
