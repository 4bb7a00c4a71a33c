"""What LibreOffice printed, compared with what the .docx holds: nothing may be lost."""

import subprocess
from collections import Counter
from pathlib import Path

import docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_words(path: Path) -> Counter:
    """Every word of the document body (paragraphs and table cells), with its count."""
    body = docx.Document(path).element.body
    words: Counter = Counter()
    for paragraph in body.iter(f"{W}p"):
        words.update("".join(t.text or "" for t in paragraph.iter(f"{W}t")).split())
    return words


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def lost_words(docx_path: Path, pdf_path: Path) -> Counter:
    """Words the document has that the PDF does not print (as often).

    Links and date ranges ("/" inside) are left out: too long for a narrow cell, they break
    over lines, and pdftotext interleaves the pieces with the row's other cells.
    """
    words = Counter({w: n for w, n in docx_words(docx_path).items() if "/" not in w})
    return words - Counter(pdf_text(pdf_path).split())
