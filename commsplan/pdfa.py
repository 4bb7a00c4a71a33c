"""Signing-ready PDF: PDF/A-2b through LibreOffice, checked before anyone signs it.

A signing tool stamps the signature and seal images on the PDF, and the signed PDF is then the
document; so the PDF/A is checked with poppler's tools (pdffonts, pdfinfo, pdftotext) against
the .docx it comes from and the plain PDF of the same document:

- every font embedded, and each one Times New Roman or Liberation Serif (its stand-in with the
  same metrics): another font would mean a substitute that moved the lines;
- PDF/A-2b named in the XMP metadata (pdfaid:part 2, conformance B);
- the title the .docx carries (the kind and trích yếu of the document), in the XMP metadata;
- as many pages as the plain PDF, and every word of the .docx printed.

A PDF/A that fails is removed (the .docx stays) and the failure says why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from commsplan.errors import OutputError
from commsplan.messages import Phrase, say

# LibreOffice's PDF export with its options as JSON (LibreOffice 7.4 and later): PDF/A-2b.
PDF_A_EXPORT = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
PDF_A_PART, PDF_A_CONFORMANCE = "2", "B"
# Font families a document in the decree's frame may print in (PostScript names, no spaces).
FONT_FAMILIES = ("TimesNewRoman", "LiberationSerif")
TOOLS = ("pdffonts", "pdfinfo", "pdftotext")
TOOL_TIMEOUT = 120
SHOWN_WORDS = 5  # missing words named in a failure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"


def convert_to_pdf_a(documents: list[Path], timeout: float = 180) -> list[Path]:
    """PDF/A-2b files beside the .docx files, each checked; a PDF/A that fails is removed
    and an OutputError names its problems (after the others are checked and kept)."""
    from commsplan.outputs import convert_to_pdf

    documents = [Path(d) for d in documents]
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise OutputError("pdfa-no-poppler", tools=", ".join(missing))
    pdfs = convert_to_pdf(documents, timeout, export=PDF_A_EXPORT)
    try:
        with tempfile.TemporaryDirectory(prefix="commsplan-plain-") as folder:
            plains = convert_to_pdf(documents, timeout, outdir=Path(folder))
            checked = zip(documents, pdfs, plains, strict=True)
            failed = [(pdf, problems) for document, pdf, plain in checked
                      if (problems := pdf_a_problems(document, pdf, plain))]
    except BaseException:  # not checked, so not handed over (a time-out, Ctrl+C, …)
        for pdf in pdfs:
            pdf.unlink(missing_ok=True)
        raise
    for pdf, _ in failed:
        pdf.unlink(missing_ok=True)
    if failed:
        pdf, problems = failed[0]
        raise OutputError("pdfa-failed", path=pdf.name, problems=_joined(problems),
                          others=_others(len(failed) - 1))
    return pdfs


def pdf_a_problems(document: Path, pdf: Path, plain: Path) -> list[Phrase]:
    """What keeps pdf from being the signing-ready PDF/A of the .docx document (plain: the
    plain PDF of the same document); an empty list when nothing does."""
    problems = []
    fonts = pdf_fonts(pdf)
    loose = sorted({name for name, embedded in fonts if not embedded})
    if loose:
        problems.append(Phrase("pdfa-fonts-not-embedded", fonts=", ".join(loose)))
    others = sorted({name for name, _ in fonts if not accepted_font(name)})
    if others:
        problems.append(Phrase("pdfa-fonts-other", fonts=", ".join(others)))
    metadata = pdf_metadata(pdf)
    part, conformance = pdf_a_identification(metadata)
    if (part, conformance) != (PDF_A_PART, PDF_A_CONFORMANCE):
        found = f"{part}{(conformance or '').lower()}" if part else "—"
        problems.append(Phrase("pdfa-not-identified", found=found))
    title, wanted = xmp_title(metadata), docx_title(document)
    if wanted and title != wanted:
        problems.append(Phrase("pdfa-title-differs", title=title or "—", expected=wanted))
    pages, plain_pages = pdf_pages(pdf), pdf_pages(plain)
    if pages != plain_pages:
        problems.append(Phrase("pdfa-pages-differ", got=pages, expected=plain_pages))
    lost = missing_words(docx_words(document), Counter(w for *_, w in pdf_word_boxes(pdf)))
    if lost:
        shown = ", ".join(sorted(lost)[:SHOWN_WORDS])
        problems.append(Phrase("pdfa-words-missing", count=sum(lost.values()), words=shown))
    return problems


def is_pdf_a(pdf: Path) -> bool:
    """Whether a PDF names itself PDF/A-2b in its metadata (False when it cannot be read)."""
    try:
        return pdf_a_identification(pdf_metadata(pdf)) == (PDF_A_PART, PDF_A_CONFORMANCE)
    except OutputError:
        return False


# What poppler reads in a PDF -------------------------------------------------------------------
def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of every font of the PDF, as pdffonts lists them."""
    lines = _run("pdffonts", str(pdf)).splitlines()
    fonts = []
    for line in lines[2:]:  # below the header and its rule
        fields = line.split()
        if len(fields) >= 6:  # name, type (may hold spaces), encoding, emb, sub, uni, object
            fonts.append((fields[0], fields[-5] == "yes"))
    return fonts


def accepted_font(name: str) -> bool:
    """Whether a PDF font (e.g. 'BAAAAA+LiberationSerif-Bold') is Times New Roman or its
    stand-in."""
    base = name.split("+", 1)[1] if re.match(r"[A-Z]{6}\+", name) else name
    return base.replace(" ", "").startswith(FONT_FAMILIES)


def pdf_metadata(pdf: Path) -> str:
    """The PDF's XMP metadata (empty when it has none)."""
    return _run("pdfinfo", "-meta", str(pdf))


def pdf_a_identification(metadata: str) -> tuple[str | None, str | None]:
    """(part, conformance) the XMP metadata names, as elements or as attributes."""
    def value(name: str) -> str | None:
        found = re.search(rf'pdfaid:{name}(?:>\s*|\s*=\s*["\'])\s*([^<"\'\s]+)', metadata)
        return found.group(1) if found else None

    return value("part"), value("conformance")


def xmp_title(metadata: str) -> str | None:
    """The dc:title the XMP metadata gives."""
    import html

    found = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", metadata, re.S)
    return html.unescape(found.group(1)).strip() if found else None


def pdf_pages(pdf: Path) -> int | None:
    found = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M)
    return int(found.group(1)) if found else None


def pdf_word_boxes(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, x, y, word) for every word of the PDF, from `pdftotext -bbox`, in page order."""
    import html

    xml = _run("pdftotext", "-bbox", str(path), "-")
    boxes = []
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for x, y, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
                page):
            boxes.append((number, float(x), float(y), html.unescape(word)))
    return boxes


def _run(tool: str, *args: str) -> str:
    try:
        done = subprocess.run([tool, *args], capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=TOOL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputError("pdfa-unreadable", path=args[-1], tool=tool,
                          detail=getattr(exc, "strerror", None) or str(exc)) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OutputError("pdfa-unreadable", path=args[-1], tool=tool,
                          detail=said[-1] if said else str(done.returncode))
    return done.stdout.decode("utf-8", "replace")


# What the .docx holds --------------------------------------------------------------------------
def docx_words(path: Path) -> Counter:
    """Every word of the document body (paragraphs and table cells), with its count."""
    body = _docx_part(path, "word/document.xml").find(f"{W}body")
    words: Counter = Counter()
    for paragraph in body.iter(f"{W}p") if body is not None else ():
        words.update("".join(t.text or "" for t in paragraph.iter(f"{W}t")).split())
    return words


def docx_title(path: Path) -> str:
    """The title in the .docx's core properties."""
    title = _docx_part(path, "docProps/core.xml").find(f"{DC}title")
    return (title.text or "").strip() if title is not None else ""


def _docx_part(path: Path, name: str):
    """One XML part of a .docx this run wrote, parsed."""
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as package:
        if name not in package.namelist():  # no core properties: no title to compare
            return ElementTree.Element("missing")
        return ElementTree.fromstring(package.read(name))


def missing_words(words: Counter, printed: Counter) -> Counter:
    """Words of `words` that `printed` does not hold (as often).

    A token too long for its cell (a date range, a link, "20/11" in a narrow column) breaks
    over lines and prints as pieces: it counts as printed when its pieces are there.
    """
    missing = words - printed
    pieces = printed - words
    lost: Counter = Counter()
    # longest first: a long token's pieces are not taken by a shorter one's
    for word in sorted(missing.elements(), key=len, reverse=True):
        if not assembled(word, pieces):
            lost[word] += 1
    return lost


def assembled(word: str, pieces: Counter) -> bool:
    """Whether word is made of pieces (a long token broken over lines); the pieces used are
    taken out."""
    if pieces[word] > 0:
        pieces[word] -= 1
        return True
    for piece in [p for p, n in pieces.items() if n > 0 and p and word.startswith(p)]:
        pieces[piece] -= 1
        if assembled(word[len(piece):], pieces):
            return True
        pieces[piece] += 1
    return False


def _joined(problems: list[Phrase]) -> dict[str, str]:
    return {lang: "; ".join(p.say(lang) for p in problems) for lang in ("vi", "en")}


def _others(count: int) -> dict[str, str]:
    if not count:
        return {"vi": "", "en": ""}
    return {lang: say("pdfa-failed-others", lang, count=count) for lang in ("vi", "en")}
