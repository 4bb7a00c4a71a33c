"""--pdf-a: a signing-ready PDF/A-2b, checked (fonts, identification, title, pages, words);
the plain --pdf as it was; room for the signature and seal between the signer's title and
name."""

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pytest

from commsplan.cli import main
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.nd30 import Footer, Heading, Paragraph, Signer, Title, build_document
from commsplan.outputs import convert_to_pdf, find_soffice
from tests.rendering import lost_words, pdf_text

pytestmark = pytest.mark.skipif(
    find_soffice() is None or any(shutil.which(t) is None
                                  for t in ("pdffonts", "pdfinfo", "pdftotext")),
    reason="LibreOffice or poppler-utils is not installed")

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
MM = 72 / 25.4  # PDF points in a millimetre


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A copy of the demo workbook: issuing a document records its hash in the source."""
    copy = tmp_path_factory.mktemp("source") / DEMO.name
    copy.write_bytes(DEMO.read_bytes())
    return copy


def report_args(demo: Path) -> list[str]:
    """The demo's first-quarter report: issued (number 08, 05/04/2024), with an annex."""
    return ["report", str(demo), "--period", "2024-Q1", "--allow-errors"]


def pdfinfo(*args: str) -> str:
    return subprocess.run(["pdfinfo", *args], capture_output=True, text=True,
                          check=True).stdout


def pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdfinfo(str(pdf)), re.M).group(1))


def fonts(pdf: Path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


@pytest.fixture(scope="module")
def report(tmp_path_factory, demo):
    """The demo's first-quarter report (an annex follows the signature) as PDF/A, and the
    same report with the plain --pdf in another folder."""
    archive, plain = tmp_path_factory.mktemp("pdfa"), tmp_path_factory.mktemp("plain")
    assert main([*report_args(demo), "-o", str(archive / "bc.docx"), "--pdf-a"]) == 0
    assert main([*report_args(demo), "-o", str(plain / "bc.docx"), "--pdf"]) == 0
    return archive / "bc.docx", archive / "bc.pdf", plain / "bc.pdf"


def test_every_font_is_embedded_and_times_or_its_stand_in(report):
    listed = fonts(report[1])
    assert listed
    for fields in listed:
        name, embedded = fields[0], fields[-5]
        assert embedded == "yes", fields
        assert re.fullmatch(r"([A-Z]{6}\+)?(LiberationSerif|TimesNewRoman)\S*", name), name


def test_the_xmp_metadata_names_pdf_a_2b_and_the_title(report):
    document, pdf, _ = report
    meta = pdfinfo("-meta", str(pdf))
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", meta)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", meta)
    title = docx.Document(str(document)).core_properties.title
    assert title == "BÁO CÁO Kết quả công tác truyền thông quý I năm 2024"  # kind, trích yếu
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in meta
    assert re.search(rf"^Title:\s+{re.escape(title)}$", pdfinfo(str(pdf)), re.M)


def test_same_pages_as_the_plain_pdf_and_every_word(report):
    document, pdf, plain = report
    assert pages(pdf) == pages(plain)
    assert not lost_words(document, pdf)
    assert pdf_text(pdf) == pdf_text(plain)


def test_the_annex_is_part_of_the_one_document(report):
    document, pdf, _ = report
    text = pdf_text(pdf)
    annex = re.search(r"^\x0c?Phụ lục$", text, re.M).start()  # on a page of its own
    assert annex > text.index("Nơi nhận:")
    assert "(Kèm theo Báo cáo số 08/BC-THMM2 ngày 05 tháng 4 năm 2024" in text[annex:]
    assert sorted(p.name for p in document.parent.iterdir()) == ["bc.docx", "bc.pdf"]


def test_the_plain_pdf_is_what_libreoffice_makes_by_default(report, tmp_path):
    """--pdf is LibreOffice's plain export, as before: not PDF/A, same text and pages."""
    _, _, plain = report
    assert "pdfaid" not in pdfinfo("-meta", str(plain))
    subprocess.run([find_soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(plain.with_suffix(".docx"))], check=True, capture_output=True,
                   timeout=180)
    direct = tmp_path / "bc.pdf"
    assert pdf_text(direct) == pdf_text(plain) and pages(direct) == pages(plain)


def test_pdf_and_pdf_a_together_is_a_usage_error(tmp_path, capsys, demo):
    with pytest.raises(SystemExit) as stopped:
        main([*report_args(demo), "-o", str(tmp_path / "bc.docx"), "--pdf", "--pdf-a"])
    assert stopped.value.code == 2
    assert "Không dùng --pdf-a cùng với --pdf." in capsys.readouterr().err
    assert not (tmp_path / "bc.docx").exists()


def test_a_pdf_a_that_fails_its_checks_is_removed_and_the_docx_kept(tmp_path, capsys,
                                                                    monkeypatch, demo):
    monkeypatch.setattr("commsplan.pdfa.PDF_A_EXPORT", "pdf")  # a plain PDF: no PDF/A in it
    out = tmp_path / "bc.docx"
    assert main(["--lang", "en", *report_args(demo), "-o", str(out), "--pdf-a"]) == 2
    err = capsys.readouterr().err
    assert "bc.pdf is not fit for signing" in err
    assert "its XMP metadata does not name PDF/A-2b (it names: —)" in err
    assert out.exists() and not out.with_suffix(".pdf").exists()


def test_a_pdf_a_left_unchecked_is_removed(tmp_path, capsys, monkeypatch, demo):
    """The plain PDF to compare with times out: the PDF/A, made but not checked, goes."""
    from commsplan import outputs
    from commsplan.errors import OutputError

    convert = outputs.convert_to_pdf

    def plain_times_out(documents, timeout=180, *, export="pdf", outdir=None):
        if outdir is not None:
            raise OutputError("pdf-timeout", seconds=int(timeout))
        return convert(documents, timeout, export=export, outdir=outdir)

    monkeypatch.setattr(outputs, "convert_to_pdf", plain_times_out)
    out = tmp_path / "bc.docx"
    assert main(["--lang", "en", *report_args(demo), "-o", str(out), "--pdf-a"]) == 2
    assert "did not finish the PDF conversion" in capsys.readouterr().err
    assert out.exists() and not out.with_suffix(".pdf").exists()


# The checks themselves, on a PDF made by hand ------------------------------------------------
def handmade_pdf(path: Path, text: str) -> None:
    """A one-page PDF printing text in Helvetica, not embedded, with no XMP metadata."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_the_checks_name_each_fault(tmp_path):
    from commsplan.pdfa import pdf_a_problems

    document = tmp_path / "vb.docx"
    made = docx.Document()
    made.core_properties.title = "KẾ HOẠCH Truyền thông"
    made.add_paragraph("Hello printed world")
    made.save(str(document))
    pdf, two_pages = tmp_path / "vb.pdf", tmp_path / "two.pdf"
    handmade_pdf(pdf, "Hello world")
    subprocess.run(["pdfunite", str(pdf), str(pdf), str(two_pages)], check=True) \
        if shutil.which("pdfunite") else None
    plain = two_pages if two_pages.exists() else pdf
    found = {p.key: p.params for p in pdf_a_problems(document, pdf, plain)}
    assert found["pdfa-fonts-not-embedded"] == {"fonts": "Helvetica"}
    assert found["pdfa-fonts-other"] == {"fonts": "Helvetica"}
    assert found["pdfa-not-identified"] == {"found": "—"}
    assert found["pdfa-title-differs"] == {"title": "—", "expected": "KẾ HOẠCH Truyền thông"}
    assert found["pdfa-words-missing"] == {"count": 1, "words": "printed"}
    if two_pages.exists():
        assert found["pdfa-pages-differ"] == {"got": 1, "expected": 2}
    assert len(found) == 5 + two_pages.exists()


# generate: pdf = "pdf-a" and draft_mark = true -----------------------------------------------
def test_generate_writes_pdf_a_and_marks_only_the_drafts(tmp_path, capsys, demo):
    config = tmp_path / "commsplan.toml"
    config.write_text(f'source = "{demo}"\noutput = "out"\nreports = ["2024-Q2"]\n'
                      f'pdf = "pdf-a"\ndraft_mark = true\nas_of = 2024-07-15\n'
                      f"allow_errors = true\n", "utf-8")
    assert main(["generate", "--config", str(config)]) == 0
    out = tmp_path / "out"
    plan = next(out.glob("KH-*.docx"))
    report = next(out.glob("BC-*.docx"))
    for document in (plan, report):
        assert "<pdfaid:part>2</pdfaid:part>" in pdfinfo("-meta", str(document.with_suffix(".pdf")))

    def mark(path: Path) -> list[str]:
        section = docx.Document(str(path)).sections[0]
        if not section.different_first_page_header_footer:
            return []
        return [p.text.strip() for p in section.first_page_header.paragraphs]

    assert mark(report) == ["DỰ THẢO"]
    assert not any(mark(plan))  # the demo's plan has its number and date: issued
    assert "DỰ THẢO" in pdf_text(report.with_suffix(".pdf")).split("\n\n")[0]


def test_generate_makes_pdf_a_of_unchanged_documents_once_asked(tmp_path, capsys, demo):
    """pdf = true, then pdf = "pdf-a": the .docx files are unchanged, their PDFs become
    PDF/A; a third run has nothing to do."""
    config = tmp_path / "commsplan.toml"
    text = (f'source = "{demo}"\noutput = "out"\nas_of = 2024-06-30\n'
            f"allow_errors = true\npdf = true\n")
    config.write_text(text, "utf-8")
    assert main(["generate", "--config", str(config)]) == 0
    pdf = next((tmp_path / "out").glob("KH-*.pdf"))
    assert "pdfaid" not in pdfinfo("-meta", str(pdf))
    config.write_text(text.replace("pdf = true", 'pdf = "pdf-a"'), "utf-8")
    capsys.readouterr()
    assert main(["generate", "--config", str(config)]) == 0
    assert "<pdfaid:part>2</pdfaid:part>" in pdfinfo("-meta", str(pdf))
    assert f"Đã tạo {pdf}" in capsys.readouterr().out
    assert main(["generate", "--config", str(config)]) == 0
    assert f"Đã tạo {pdf}" not in capsys.readouterr().out


def test_generate_refuses_another_pdf_word(tmp_path, capsys, demo):
    config = tmp_path / "commsplan.toml"
    config.write_text(f'source = "{demo}"\npdf = "pdfa"\n', "utf-8")
    assert main(["--lang", "en", "generate", "--config", str(config)]) == 2
    assert ('\'pdf\' needs true or false, not "pdfa". For a signing-ready PDF/A, write '
            '"pdf-a".') in capsys.readouterr().err


# Room for the signature and the seal ----------------------------------------------------------
def word_extents(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, left, top, right, bottom, word) of every word, from `pdftotext -bbox`."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    found = []
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for box in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                              r'yMax="([\d.]+)">([^<]*)', page):
            found.append((number, *map(float, box[:4]), box[4]))
    return found


def signature_room_mm(pdf: Path, title: str, name: str) -> float:
    """The free height above a signer's name, up to the nearest words over it: the lowest
    line of the signer's title (checked), in millimetres."""
    words = word_extents(pdf)
    parts, rooms = name.split(), []
    for i in range(len(words) - len(parts) + 1):
        line = words[i:i + len(parts)]
        if [w[5] for w in line] != parts or len({(w[0], w[2]) for w in line}) != 1:
            continue
        page, left, top, right = line[0][0], line[0][1], line[0][2], line[-1][3]
        over = [w for w in words if w[0] == page and w[4] <= top and w[1] < right
                and w[3] > left]
        if not over:
            continue
        lowest = max(w[4] for w in over)
        nearest = " ".join(w[5] for w in over if w[4] == lowest)
        if nearest == title:
            rooms.append((top - lowest) / MM)
    assert len(rooms) == 1, (name, title, rooms)
    return rooms[0]


def test_room_for_signature_and_seal_in_the_demo_report(report):
    assert signature_room_mm(report[1], "HIỆU TRƯỞNG", "Nguyễn Thị Liễu") >= 25


def test_room_for_signature_and_seal_under_two_title_lines(tmp_path):
    """A KT. signer (authority and title lines) beside a one-line preparer: 25 mm or more
    under the lowest title line of each."""
    heading = Heading("Ủy ban nhân dân xã Tả Phìn", "Trường Mầm non Tả Phìn", "MNTP", "BC",
                      None, None, 2025, "Tả Phìn")
    footer = Footer(["Như trên;", "Lưu: VT."],
                    [Signer("PHÓ HIỆU TRƯỞNG", "Sùng Thị Mai", authority="KT. HIỆU TRƯỞNG")],
                    preparer=Signer("NGƯỜI LẬP", "Giàng A Páo"))
    document = build_document(heading, Title("BÁO CÁO", "Kết quả tháng 3 năm 2025"), [],
                              [Paragraph.plain("body", "Nhà trường báo cáo kết quả./.")],
                              footer)
    path = tmp_path / "kt.docx"
    path.write_bytes(docx_bytes(document))
    pdf = convert_to_pdf([path])[0]
    assert signature_room_mm(pdf, "PHÓ HIỆU TRƯỞNG", "Sùng Thị Mai") >= 25
    assert signature_room_mm(pdf, "NGƯỜI LẬP", "Giàng A Páo") >= 25
    text = pdf_text(pdf)
    assert text.index("KT. HIỆU TRƯỞNG") < text.index("PHÓ HIỆU TRƯỞNG") < text.index("Sùng")
    assert Counter(text.split())["TRƯỞNG"] == 2
