"""What LibreOffice printed, compared with what the .docx holds: nothing may be lost."""

import subprocess
from collections import Counter
from pathlib import Path

import docx

from commsplan.pdfa import assembled, docx_words, missing_words
from commsplan.pdfa import pdf_word_boxes as word_boxes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def lost_words(docx_path: Path, pdf_path: Path) -> Counter:
    """Words the document has that the PDF does not print (as often); a token broken over
    lines counts as printed when its pieces are there (commsplan.pdfa.missing_words)."""
    # the word boxes, not the text: pdftotext's text joins a word broken after a hyphen
    # ("(07/5/1954-" / "07/5/2024)") and drops the hyphen
    printed = Counter(word for _, _, _, word in pdf_word_boxes(pdf_path))
    return missing_words(docx_words(docx_path), printed)


# Word boxes: where each word of the PDF is -----------------------------------------------------
def pdf_word_boxes(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, x, y, word) for every word of the PDF, from `pdftotext -bbox`, in page order."""
    return word_boxes(path)


def table_rows(docx_path: Path) -> list[list[list[str]]]:
    """Every table of the document, each as its rows, each row as its words (header rows too)."""
    body = docx.Document(docx_path).element.body
    tables = []
    for table in body.iter(f"{W}tbl"):
        rows = []
        for row in table.iter(f"{W}tr"):
            words = []
            for paragraph in row.iter(f"{W}p"):
                words += "".join(t.text or "" for t in paragraph.iter(f"{W}t")).split()
            rows.append(words)
        tables.append(rows)
    return tables


def row_placement(docx_path: Path, pdf_path: Path, first_header: str = "STT"):
    """Each data row of the tables whose first column is `first_header`, found in the PDF by
    its number in that column: (number, whether every word prints on the number's page, the
    words not printed at all).

    A row is the band of the page from its number down to the next row's number (on this
    page or a later one); a word broken over lines ("20/11", a date range, a link) is
    assembled from its pieces.
    """
    boxes = sorted(pdf_word_boxes(pdf_path), key=lambda b: (b[0], b[2], b[1]))
    results = []
    after = (0, 0.0)  # tables come in order: each is looked for below the one before
    for rows in table_rows(docx_path):
        if not rows or not rows[0] or rows[0][0] != first_header:
            continue
        data = [row for row in rows[1:] if row and row[0].isdigit()]
        header = next(((page, x, y) for page, x, y, w in boxes
                       if (page, y) > after and w == first_header), None)
        left = header[1] if header else None
        after = (header[0], header[2]) if header else after
        starts: list[tuple[int, float] | None] = []
        for row in data:
            found = next(((page, y) for page, x, y, w in boxes
                          if (page, y) > after and w == row[0]
                          and left is not None and abs(x - left) < 25), None)
            starts.append(found)
            after = found or after
        for index, row in enumerate(data):
            start = starts[index]
            if start is None:
                results.append((row[0], False, Counter(row)))
                continue
            end = next((s for s in starts[index + 1:] if s is not None), None)
            top = (start[0], start[1] - 3)
            bottom = (end[0], end[1] - 3) if end else (start[0] + 2, 0.0)
            band = [b for b in boxes if top <= (b[0], b[2]) < bottom]
            same_page = Counter(b[3] for b in band if b[0] == start[0])
            whole = all(assembled(w, same_page) for w in row)
            pieces = Counter(b[3] for b in band)
            lost = Counter(w for w in row if not assembled(w, pieces))
            results.append((row[0], whole, lost))
    return results
