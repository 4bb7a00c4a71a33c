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

    A token too long for its cell (a date range, a link, "20/11" in a narrow column) breaks
    over lines and prints as pieces: it counts as printed when its pieces are there.
    """
    words = docx_words(docx_path)
    # the word boxes, not the text: pdftotext's text joins a word broken after a hyphen
    # ("(07/5/1954-" / "07/5/2024)") and drops the hyphen
    printed = Counter(word for _, _, _, word in pdf_word_boxes(pdf_path))
    missing = words - printed
    pieces = printed - words
    lost: Counter = Counter()
    # longest first: a long token's pieces are not taken by a shorter one's
    for word in sorted(missing.elements(), key=len, reverse=True):
        if not _assemble(word, pieces):
            lost[word] += 1
    return lost


# Word boxes: where each word of the PDF is -----------------------------------------------------
def pdf_word_boxes(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, x, y, word) for every word of the PDF, from `pdftotext -bbox`, in page order."""
    import html
    import re

    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    boxes = []
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for x, y, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
                page):
            boxes.append((number, float(x), float(y), html.unescape(word)))
    return boxes


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


def _assemble(word: str, pieces: Counter) -> bool:
    """Whether word is made of pieces (a long token LibreOffice broke over lines: a date
    range, a link); the pieces used are taken out."""
    if pieces[word] > 0:
        pieces[word] -= 1
        return True
    for piece in [p for p, n in pieces.items() if n > 0 and p and word.startswith(p)]:
        pieces[piece] -= 1
        if _assemble(word[len(piece):], pieces):
            return True
        pieces[piece] += 1
    return False


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
            whole = all(_assemble(w, same_page) for w in row)
            pieces = Counter(b[3] for b in band)
            lost = Counter(w for w in row if not _assemble(w, pieces))
            results.append((row[0], whole, lost))
    return results
