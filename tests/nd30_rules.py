"""The layout rules of Decree 30/2020/NĐ-CP (shared/spec/nd30-layout.md), checked on a .docx.

Each `*_violations(document)` function takes a python-docx Document read back from a saved
file and returns what breaks the rules, as sentences; `check_document(document)` runs them
all and fails with the full list. Formatting is resolved the way Word does it: the run, then
the paragraph style and the styles it is based on, then the document defaults.

Elements are found by place (the header is the first table, the footer the last one) and, in
the body, by the "ND30 …" style names of commsplan.documents.nd30.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable, Iterator

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from commsplan.documents.nd30 import MOTTO, NATIONAL_NAME, TEXT_WIDTH_MM, text_width_mm

FONT = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
NUMBER_LINE = re.compile(r"Số:(?: (?P<number>\d+)| {3,})/(?P<symbol>[A-ZĐ]+(?:-[A-ZĐ0-9]+)+)")
PLACE_DATE_LINE = re.compile(
    r"(?P<place>[^,]+), ngày(?: (?P<day>\d+) | {3,})"
    r"tháng(?: (?P<month>\d+) | {3,})năm (?P<year>\d{4})"
)
ACADEMIC_TITLES = re.compile(r"^(GS|PGS|TS|ThS|CN|KS|BS)\.", re.IGNORECASE)
BODY_STYLES = {"ND30 Body", "ND30 Bullet", "ND30 Heading 1", "ND30 Heading 2", "ND30 Heading 3"}
FRAME_STYLES = {
    "ND30 Document Type",
    "ND30 Summary",
    "ND30 Rule",
    "ND30 Legal Ground",
    "ND30 Spacer",
    "ND30 Page Break",
    "ND30 Figure",
}
MAX_REPORTED = 20  # per check, so that a 10,000-row table cannot flood the message


def check_document(document: Document) -> None:
    """Fail with every rule the document breaks, here and in `commsplan lint`'s rule set."""
    problems = layout_violations(document) + lint_problems(document)
    assert not problems, "NĐ30 layout violations:\n- " + "\n- ".join(problems)


def lint_problems(document: Document) -> list[str]:
    """What `commsplan lint` finds in the document, as English sentences."""
    from commsplan.lint import describe, lint_file

    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    return [f"lint: {describe(problem, 'en')}" for problem in lint_file(stream).problems]


def layout_violations(document: Document) -> list[str]:
    """Everything the document does against the decree's layout."""
    checks = (
        page_violations,
        font_violations,
        header_violations,
        title_violations,
        legal_ground_violations,
        body_violations,
        data_table_violations,
        page_number_violations,
        footer_violations,
    )
    return [problem for check in checks for problem in check(document)]


# Resolving formatting -------------------------------------------------------------------------
def _style_chain(style) -> Iterator:
    while style is not None:
        yield style
        style = style.base_style


def _doc_default_size_pt(document_part) -> float:
    sz = document_part.styles.element.find(
        qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:sz")
    )
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0


def run_format(run, paragraph: Paragraph, name: str):
    """A run's effective font property: 'size' (pt), 'bold', 'italic' or 'all_caps'."""
    value = getattr(run.font, name)
    if value is None:
        for style in _style_chain(paragraph.style):
            value = getattr(style.font, name)
            if value is not None:
                break
    if name == "size":
        if value is None:
            return _doc_default_size_pt(paragraph.part.package.main_document_part)
        return Length(value).pt
    return bool(value)


def paragraph_format(paragraph: Paragraph, name: str):
    """A paragraph's effective format property (python-docx ParagraphFormat names)."""
    value = getattr(paragraph.paragraph_format, name)
    if value is None:
        for style in _style_chain(paragraph.style):
            value = getattr(style.paragraph_format, name)
            if value is not None:
                break
    return value


def _runs(paragraph: Paragraph) -> list:
    return [run for run in paragraph.runs if run.text]


def _text_format(paragraph: Paragraph, name: str) -> set:
    """The set of values a font property takes over the paragraph's text runs."""
    return {run_format(run, paragraph, name) for run in _runs(paragraph)}


def _describe(paragraph: Paragraph) -> str:
    text = paragraph.text
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _font_problems(
    paragraph: Paragraph,
    what: str,
    *,
    sizes: tuple[float, float],
    bold: bool | None,
    italic: bool | None,
    upper: bool = False,
) -> list[str]:
    problems = []
    if not _runs(paragraph):
        return [f"{what}: missing or empty"]
    for size in _text_format(paragraph, "size"):
        if not sizes[0] <= size <= sizes[1]:
            problems.append(
                f"{what} {_describe(paragraph)}: size {size:g} pt, not {sizes[0]:g}–{sizes[1]:g}"
            )
    if bold is not None and _text_format(paragraph, "bold") != {bold}:
        problems.append(f"{what} {_describe(paragraph)}: should {'' if bold else 'not '}be bold")
    if italic is not None and _text_format(paragraph, "italic") != {italic}:
        problems.append(
            f"{what} {_describe(paragraph)}: should be {'italic' if italic else 'upright'}"
        )
    if upper and paragraph.text != paragraph.text.upper():
        problems.append(f"{what} {_describe(paragraph)}: should be in capitals")
    if True in _text_format(paragraph, "all_caps"):
        problems.append(
            f"{what} {_describe(paragraph)}: capitals must be letters, not a caps format"
        )
    return problems


def _centred(paragraph: Paragraph, what: str) -> list[str]:
    if paragraph_format(paragraph, "alignment") != WD_ALIGN_PARAGRAPH.CENTER:
        return [f"{what} {_describe(paragraph)}: should be centred"]
    return []


def _capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_REPORTED:
        return problems
    return problems[:MAX_REPORTED] + [f"... and {len(problems) - MAX_REPORTED} more"]


# Structure ------------------------------------------------------------------------------------
def _blocks(document: Document) -> list:
    return list(document.iter_inner_content())


def _header_table(document: Document) -> Table | None:
    blocks = _blocks(document)
    return blocks[0] if blocks and isinstance(blocks[0], Table) else None


def footer_table(document: Document) -> Table | None:
    """The signature block: the table holding the signer's title (an annex may follow it)."""
    tables = [b for b in _blocks(document) if isinstance(b, Table)][1:]
    for table in tables:
        if any(p.style.name == "ND30 Signer Title"
               for cell in table.rows[0].cells for p in cell.paragraphs):
            return table
    return None


_footer_table = footer_table


def _data_tables(document: Document) -> list[Table]:
    footer = footer_table(document)
    tables = [b for b in _blocks(document) if isinstance(b, Table)][1:]
    if footer is None:
        return tables
    return [t for t in tables if t._tbl is not footer._tbl]


def _texts(cell: _Cell) -> list[Paragraph]:
    return [p for p in cell.paragraphs if p.text.strip()]


def _is_rule(paragraph: Paragraph) -> bool:
    bottom = paragraph._p.find(qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:bottom"))
    return (
        not paragraph.text.strip()
        and bottom is not None
        and bottom.get(qn("w:val")) not in ("nil", "none")
    )


def _twips_attr(element, name: str) -> int:
    value = element.get(qn(name)) if element is not None else None
    return int(value) if value else 0


def _rule_length_mm(paragraph: Paragraph, room_mm: float) -> float:
    ind = paragraph._p.find(qn("w:pPr") + "/" + qn("w:ind"))
    left, right = _twips_attr(ind, "w:left"), _twips_attr(ind, "w:right")
    return room_mm - (left + right) * 25.4 / 1440


def _cell_room_mm(table: Table, cell: _Cell) -> float:
    """The width inside a cell's margins."""
    width = _twips_attr(cell._tc.find(qn("w:tcPr") + "/" + qn("w:tcW")), "w:w")
    margins = table._tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
    left = right = 108  # Word's default cell margins
    if margins is not None:
        left = _twips_attr(margins.find(qn("w:left")), "w:w") or left
        right = _twips_attr(margins.find(qn("w:right")), "w:w") or right
    return (width - left - right) * 25.4 / 1440


def _next_rule(cell: _Cell, after: Paragraph) -> Paragraph | None:
    paragraphs = cell.paragraphs
    index = [p._p for p in paragraphs].index(after._p)
    for paragraph in paragraphs[index + 1 :]:
        if _is_rule(paragraph):
            return paragraph
        if paragraph.text.strip():
            return None
    return None


def table_layout_violations(table: Table, what: str, *, borders: bool) -> list[str]:
    """Fixed layout, explicit widths, and borders on every edge (data) or on none (frame)."""
    problems = []
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None or layout.get(qn("w:type")) != "fixed":
        problems.append(f"{what} table: layout is not fixed (w:tblLayout type=fixed)")
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None or tbl_w.get(qn("w:type")) != "dxa" or _twips_attr(tbl_w, "w:w") <= 0:
        problems.append(f"{what} table: no explicit width (w:tblW type=dxa)")
    grid = [_twips_attr(col, "w:w") for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    if not grid or min(grid) <= 0:
        problems.append(f"{what} table: grid columns without widths")
    elif tbl_w is not None and abs(sum(grid) - _twips_attr(tbl_w, "w:w")) > len(grid):
        problems.append(f"{what} table: grid columns do not add up to the table width")
    if sum(grid) * 25.4 / 1440 > TEXT_WIDTH_MM + 15:  # a frame table may reach into the margins
        problems.append(
            f"{what} table: {sum(grid) * 25.4 / 1440:.0f} mm is wider than the page allows"
        )
    for tc in table._tbl.iter(qn("w:tc")):
        tc_w = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
        if tc_w is None or tc_w.get(qn("w:type")) != "dxa" or _twips_attr(tc_w, "w:w") <= 0:
            problems.append(f"{what} table: a cell without an explicit width (w:tcW type=dxa)")
            break
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    edges = tbl_pr.find(qn("w:tblBorders"))
    values = {side: (edges.find(qn(f"w:{side}")) if edges is not None else None) for side in sides}
    values = {side: (e.get(qn("w:val")) if e is not None else None) for side, e in values.items()}
    if borders:
        missing = [side for side, value in values.items() if value in (None, "nil", "none")]
        if missing:
            problems.append(f"{what} table: no border on {', '.join(missing)}")
    else:
        shown = [side for side, value in values.items() if value not in (None, "nil", "none")]
        if table._tbl.tblPr.find(qn("w:tblStyle")) is not None:
            problems.append(f"{what} table: has a table style, which may draw borders")
        cell_borders = [
            b
            for b in table._tbl.iter(qn("w:tcBorders"))
            for e in b
            if e.get(qn("w:val")) not in ("nil", "none")
        ]
        if shown or cell_borders:
            problems.append(f"{what} table: has borders ({', '.join(shown) or 'on cells'})")
    return problems


# Page -----------------------------------------------------------------------------------------
def page_violations(document: Document) -> list[str]:
    """A4 portrait, margins within the decree's ranges."""
    problems = []
    ranges = {
        "top_margin": (20, 25),
        "bottom_margin": (20, 25),
        "left_margin": (30, 35),
        "right_margin": (15, 20),
    }
    for number, section in enumerate(document.sections, 1):
        width, height = section.page_width.mm, section.page_height.mm
        if abs(width - 210) > 0.5 or abs(height - 297) > 0.5:
            problems.append(f"section {number}: page {width:.1f} × {height:.1f} mm is not A4")
        if section.orientation != WD_ORIENT.PORTRAIT:
            problems.append(f"section {number}: not portrait")
        for name, (low, high) in ranges.items():
            value = getattr(section, name).mm
            if not low - 0.1 <= value <= high + 0.1:
                problems.append(
                    f"section {number}: {name.replace('_', ' ')} {value:.1f} mm, not {low}–{high}"
                )
    return problems


# Fonts ----------------------------------------------------------------------------------------
def _font_slots_problem(fonts, where: str) -> str | None:
    if fonts is None:
        return f"{where}: no font named (w:rFonts missing)"
    themes = [a for a in fonts.attrib if a.lower().endswith("theme")]
    wrong = [slot for slot in FONT_SLOTS if fonts.get(qn(f"w:{slot}")) != FONT]
    if themes or wrong:
        return f"{where}: font slots {', '.join(wrong) or 'theme'} are not {FONT}"
    return None


def _story_elements(document: Document) -> Iterator[tuple[str, object]]:
    yield "body", document.element.body
    for number, section in enumerate(document.sections, 1):
        for name in (
            "header",
            "first_page_header",
            "even_page_header",
            "footer",
            "first_page_footer",
            "even_page_footer",
        ):
            part = getattr(section, name)
            if not part.is_linked_to_previous:
                yield f"section {number} {name.replace('_', ' ')}", part._element


def font_violations(document: Document) -> list[str]:
    """Times New Roman, black, in all four font slots: defaults, the styles used, every run.

    A run's font is resolved the way Word does it, slot by slot: the run's own w:rFonts, then
    its paragraph's style and the styles that one is based on, then the document defaults.
    """
    problems = []
    styles = document.styles.element
    default = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    if (problem := _font_slots_problem(default, "document defaults")) is not None:
        problems.append(problem)
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    default_style = next(
        (s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))
         if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"),
        None,
    )
    used = set()
    for where, story in _story_elements(document):
        index = 0
        for paragraph in story.iter(qn("w:p")):
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style_id = style.get(qn("w:val")) if style is not None else default_style
            used.add(style_id)
            for run in paragraph.iter(qn("w:r")):
                rpr = run.find(qn("w:rPr"))
                text = "".join(t.text or "" for t in run.iter(qn("w:t")))[:40]
                fonts = _resolved_fonts(run, style_id, by_id, default)
                problem = _font_slots_problem(fonts, f"{where} run {index} {text!r}")
                if problem is not None:
                    problems.append(problem)
                color = rpr.find(qn("w:color")) if rpr is not None else None
                if color is not None and color.get(qn("w:val")) not in ("000000", "auto"):
                    problems.append(
                        f"{where} run {index} {text!r}: colour {color.get(qn('w:val'))}, not black"
                    )
                index += 1
    for style_id in sorted(filter(None, used)):
        style = by_id.get(style_id)
        while style is not None:
            fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            if fonts is not None and (problem := _font_slots_problem(fonts, f"style {style_id}")):
                problems.append(problem)
            based = style.find(qn("w:basedOn"))
            style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return _capped(sorted(set(problems), key=problems.index))


def _resolved_fonts(run, style_id, by_id: dict, default):
    """A w:rFonts holding the font each slot of the run resolves to, or None if none names one.

    Theme attributes found on the way are kept, so that the check still sees them."""
    chain = [run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")]
    style = by_id.get(style_id)
    while style is not None:
        chain.append(style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"))
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    chain.append(default)
    chain = [fonts for fonts in chain if fonts is not None]
    if not chain:
        return None
    resolved = copy.deepcopy(chain[0])
    for slot in FONT_SLOTS:
        for fonts in chain:
            value = fonts.get(qn(f"w:{slot}"))
            theme = next((v for a, v in fonts.attrib.items()
                          if a.lower().endswith(f"{slot.lower()}theme")), None)
            if value is not None or theme is not None:
                if value is not None:
                    resolved.set(qn(f"w:{slot}"), value)
                if theme is not None:
                    resolved.set(qn(f"w:{slot}Theme"), theme)
                break
    return resolved


# Header (boxes 1–4) ---------------------------------------------------------------------------
def header_violations(document: Document) -> list[str]:
    """The borderless two-column header: Quốc hiệu, Tiêu ngữ, issuing body, number, date."""
    table = _header_table(document)
    if table is None:
        return ["header: the document does not start with the header table"]
    problems = table_layout_violations(table, "header", borders=False)
    if len(table.columns) != 2:
        return problems + [f"header table: {len(table.columns)} columns, not 2"]
    widths = [_twips_attr(c, "w:w") for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    share = widths[0] / sum(widths)
    if not 0.3 <= share <= 0.5:
        problems.append(f"header table: left column is {share:.0%} of the width, not about 40 %")
    top_left, top_right = table.rows[0].cells
    right = _texts(top_right)
    if len(right) < 2:
        return problems + ["header: Quốc hiệu and Tiêu ngữ missing from the right column"]
    national, motto = right[0], right[1]
    if national.text != NATIONAL_NAME:
        problems.append(f"Quốc hiệu reads {national.text!r}, not {NATIONAL_NAME!r}")
    problems += _font_problems(
        national, "Quốc hiệu", sizes=(12, 13), bold=True, italic=False, upper=True
    )
    problems += _centred(national, "Quốc hiệu")
    if motto.text != MOTTO:
        problems.append(f"Tiêu ngữ reads {motto.text!r}, not {MOTTO!r}")
    problems += _font_problems(motto, "Tiêu ngữ", sizes=(13, 14), bold=True, italic=False)
    problems += _centred(motto, "Tiêu ngữ")
    rule = _next_rule(top_right, motto)
    if rule is None:
        problems.append("Tiêu ngữ: no solid rule under it")
    else:
        text_mm = text_width_mm(MOTTO, run_format(_runs(motto)[0], motto, "size"), bold=True)
        ratio = _rule_length_mm(rule, _cell_room_mm(table, top_right)) / text_mm
        if not 0.85 <= ratio <= 1.15:
            problems.append(
                f"Tiêu ngữ: the rule under it is {ratio:.0%} of the text, not as long as it"
            )

    left = _texts(top_left)
    if not left:
        return problems + ["header: no issuing body in the left column"]
    issuer = left[-1]
    for parent in left[:-1]:
        problems += _font_problems(
            parent, "parent body", sizes=(12, 13), bold=False, italic=False, upper=True
        )
        problems += _centred(parent, "parent body")
    problems += _font_problems(
        issuer, "issuing body", sizes=(12, 13), bold=True, italic=False, upper=True
    )
    problems += _centred(issuer, "issuing body")
    rule = _next_rule(top_left, issuer)
    if rule is None:
        problems.append("issuing body: no solid rule under it")
    else:
        room = _cell_room_mm(table, top_left)
        text_mm = min(
            text_width_mm(issuer.text, run_format(_runs(issuer)[0], issuer, "size"), bold=True),
            room,
        )
        ratio = _rule_length_mm(rule, room) / text_mm
        if not 0.3 <= ratio <= 0.55:
            problems.append(
                f"issuing body: the rule under it is {ratio:.0%} of its length, not 1/3–1/2"
            )
    return problems + _number_and_date_problems(table)


def _number_and_date_problems(table: Table) -> list[str]:
    found = None
    for row in table.rows:
        left, right = row.cells
        number = [p for p in _texts(left) if p.text.startswith("Số")]
        if number:
            found = (number[0], _texts(right))
            break
    if found is None:
        return ["number and symbol (Số: …): missing from the header's left column"]
    number, right = found
    problems = _font_problems(number, "number line", sizes=(13, 13), bold=False, italic=False)
    problems += _centred(number, "number line")
    match = NUMBER_LINE.fullmatch(number.text)
    if match is None:
        problems.append(
            f"number line {number.text!r}: not 'Số: 05/KH-…' (no spaces around / and -)"
        )
    elif match["number"] is not None and len(match["number"]) < 2:
        problems.append(f"number line {number.text!r}: a number below 10 needs a leading zero")
    elif (
        match["number"] is not None and match["number"].startswith("0") and len(match["number"]) > 2
    ):
        problems.append(f"number line {number.text!r}: too many leading zeros")
    dates = [p for p in right if " ngày" in p.text]
    if not dates:
        return problems + ["place and date: not on the same line (row) as the number"]
    date = dates[0]
    problems += _font_problems(date, "place and date", sizes=(13, 14), bold=False, italic=True)
    problems += _centred(date, "place and date")
    problems += date_line_problems(date.text)
    return problems


def date_line_problems(text: str) -> list[str]:
    """'Place, ngày 05 tháng 3 năm 2024': day padded, months 1–2 padded, others not."""
    match = PLACE_DATE_LINE.fullmatch(text)
    if match is None:
        return [f"place and date {text!r}: not 'Place, ngày DD tháng M năm YYYY'"]
    problems = []
    day, month = match["day"], match["month"]
    if day is not None and (len(day) != 2 or not 1 <= int(day) <= 31):
        problems.append(f"place and date {text!r}: the day must have two digits (05, 15)")
    if month is not None:
        expected = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
        if month != expected or not 1 <= int(month) <= 12:
            problems.append(f"place and date {text!r}: month should read {expected!r}")
    return problems


# Title, legal grounds, body -------------------------------------------------------------------
def _top_paragraphs(document: Document) -> list[Paragraph]:
    return [b for b in _blocks(document) if isinstance(b, Paragraph)]


def title_violations(document: Document) -> list[str]:
    """Document type and summary, bold and centred, a short rule under the summary."""
    blocks = _blocks(document)
    following = []
    for block in blocks[1:]:
        if isinstance(block, Table):
            break
        following.append(block)
    texts = [p for p in following if p.text.strip()]
    if len(texts) < 2:
        return ["title: document type and summary missing after the header"]
    doc_type, summary = texts[0], texts[1]
    problems = _font_problems(
        doc_type, "document type", sizes=(13, 14), bold=True, italic=False, upper=True
    )
    problems += _centred(doc_type, "document type")
    problems += _font_problems(summary, "summary", sizes=(13, 14), bold=True, italic=False)
    problems += _centred(summary, "summary")
    index = following.index(summary)
    rules = [p for p in following[index + 1 : index + 3] if _is_rule(p)]
    if not rules:
        return problems + ["summary: no short rule under it"]
    length = min(
        text_width_mm(summary.text, run_format(_runs(summary)[0], summary, "size"), bold=True),
        TEXT_WIDTH_MM,
    )
    ratio = _rule_length_mm(rules[0], TEXT_WIDTH_MM) / length
    if not 0.3 <= ratio <= 0.55:
        problems.append(f"summary: the rule under it is {ratio:.0%} of its length, not 1/3–1/2")
    return problems


def legal_ground_violations(document: Document) -> list[str]:
    """Italic, one per line, each ending ';' and the last '.'."""
    grounds = [p for p in _top_paragraphs(document) if p.style.name == "ND30 Legal Ground"]
    problems = []
    for index, paragraph in enumerate(grounds):
        problems += _font_problems(
            paragraph, "legal ground", sizes=(13, 14), bold=False, italic=True
        )
        end = "." if index == len(grounds) - 1 else ";"
        if not paragraph.text.endswith(end) or paragraph.text[:-1].rstrip().endswith(
            (";", ".", ",")
        ):
            problems.append(f"legal ground {_describe(paragraph)}: should end with {end!r}")
    return problems


def _body_format_problems(paragraph: Paragraph, what: str) -> list[str]:
    problems = []
    if paragraph_format(paragraph, "alignment") != WD_ALIGN_PARAGRAPH.JUSTIFY:
        problems.append(f"{what} {_describe(paragraph)}: not justified")
    indent = paragraph_format(paragraph, "first_line_indent")
    if indent is None or not 0.99 <= indent.cm <= 1.28:
        problems.append(f"{what} {_describe(paragraph)}: first-line indent is not 1–1.27 cm")
    after = paragraph_format(paragraph, "space_after")
    if after is None or after.pt < 6 - 0.01:
        problems.append(f"{what} {_describe(paragraph)}: less than 6 pt after the paragraph")
    spacing = paragraph_format(paragraph, "line_spacing")
    if not isinstance(spacing, float) or not 1.0 <= spacing <= 1.5:
        problems.append(f"{what} {_describe(paragraph)}: line spacing {spacing} is not 1–1.5 lines")
    return problems


def body_violations(document: Document) -> list[str]:
    """Body, bullets, headings: justified, indented, spaced; headings bold, level 1 capitals."""
    problems = []
    for paragraph in _top_paragraphs(document):
        style = paragraph.style.name
        if style not in BODY_STYLES | FRAME_STYLES:
            if paragraph.text.strip():
                problems.append(
                    f"paragraph {_describe(paragraph)}: style {style!r} is not an ND30 style"
                )
            continue
        if style not in BODY_STYLES | {"ND30 Legal Ground"}:
            continue
        problems += _body_format_problems(paragraph, style)
        if not _runs(paragraph):
            continue
        if style == "ND30 Heading 1":
            problems += _font_problems(
                paragraph, "section heading", sizes=(13, 14), bold=True, italic=None, upper=True
            )
        elif style in ("ND30 Heading 2", "ND30 Heading 3"):
            problems += _font_problems(
                paragraph, "sub-heading", sizes=(13, 14), bold=True, italic=None
            )
        elif style != "ND30 Legal Ground":
            problems += _font_problems(
                paragraph, "body text", sizes=(13, 14), bold=None, italic=None
            )
            if any(s.font.italic for s in _style_chain(paragraph.style)):
                problems.append(
                    f"body text {_describe(paragraph)}: the style is italic, not upright"
                )
    return _capped(problems)


def data_table_violations(document: Document) -> list[str]:
    """Data tables: borders, fixed widths within the text width, header row repeated."""
    problems = []
    for number, table in enumerate(_data_tables(document), 1):
        what = f"data table {number}"
        problems += table_layout_violations(table, what, borders=True)
        first = table._tbl.tr_lst[0] if table._tbl.tr_lst else None
        if first is None or first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            problems.append(f"{what}: the header row is not repeated on each page (w:tblHeader)")
        sizes = set()
        for row in table.rows[:50]:  # enough to see the formats; a big appendix is uniform
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    sizes |= _text_format(paragraph, "size")
        if not sizes <= {12.0, 12.5, 13.0, 13.5, 14.0}:
            problems.append(f"{what}: text sizes {sorted(sizes)} outside 12–14 pt")
    return problems


# Page numbers ---------------------------------------------------------------------------------
def _has_page_field(element) -> bool:
    instructions = [t.text or "" for t in element.iter(qn("w:instrText"))]
    instructions += [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    return any(re.search(r"\bPAGE\b", i) for i in instructions)


def page_number_violations(document: Document) -> list[str]:
    """A centred PAGE field, 13–14 pt upright, in the page header; none on the first page."""
    problems = []
    for number, section in enumerate(document.sections, 1):
        if not section.different_first_page_header_footer:
            problems.append(
                f"section {number}: no different first page (w:titlePg), so page 1 is numbered"
            )
        elif not section.first_page_header.is_linked_to_previous and _has_page_field(
            section.first_page_header._element
        ):
            problems.append(f"section {number}: the first page's header shows a page number")
        header = section.header
        if header.is_linked_to_previous and number > 1:
            continue
        fields = [p for p in header.paragraphs if _has_page_field(p._p)]
        if not fields:
            problems.append(f"section {number}: no PAGE field in the page header")
            continue
        paragraph = fields[0]
        problems += _centred(paragraph, "page number")
        sizes = {run_format(r, paragraph, "size") for r in paragraph.runs}
        if not sizes or not all(13 <= s <= 14 for s in sizes):
            problems.append(f"page number: size {sorted(sizes)} pt, not 13–14")
        if any(run_format(r, paragraph, "italic") for r in paragraph.runs):
            problems.append("page number: should be upright")
    return problems


# Footer (boxes 7 and 9b) ----------------------------------------------------------------------
def footer_violations(document: Document) -> list[str]:
    """Borderless footer: 'Nơi nhận:' and recipients on the left, signatures beside them."""
    table = _footer_table(document)
    if table is None:
        return ["footer: no signature table at the end of the document"]
    problems = table_layout_violations(table, "footer", borders=False)
    cells = [(r, c) for r, row in enumerate(table.rows) for c in row.cells]
    labels = [
        (r, cell) for r, cell in cells if _texts(cell) and _texts(cell)[0].text == "Nơi nhận:"
    ]
    if not labels:
        return problems + ["footer: no 'Nơi nhận:'"]
    label_row, label_cell = labels[0]
    paragraphs = _texts(label_cell)
    problems += _font_problems(paragraphs[0], "Nơi nhận", sizes=(12, 12), bold=True, italic=True)
    problems += recipient_problems(paragraphs[1:])
    signature_cells = [cell for r, cell in cells if cell._tc is not label_cell._tc and _texts(cell)]
    if not signature_cells:
        return problems + ["footer: no signature"]
    signature_rows = {r for r, cell in cells if cell._tc is not label_cell._tc and _texts(cell)}
    first_column = label_cell._tc is table.rows[label_row].cells[0]._tc
    if not (label_row in signature_rows and first_column) and label_row != max(signature_rows) + 1:
        problems.append(
            "footer: 'Nơi nhận:' is neither left of the signatures nor right under them"
        )
    name_positions = set()
    for cell in signature_cells:
        texts = _texts(cell)
        *titles, name = texts
        if not titles:
            problems.append(f"signature {_describe(name)}: no title above the name")
        for title in titles:
            problems += _font_problems(
                title, "signer's title", sizes=(13, 14), bold=True, italic=False, upper=True
            )
            problems += _centred(title, "signer's title")
            problems += _fits(table, cell, title, "signer's title")
        problems += _font_problems(name, "signer's name", sizes=(13, 14), bold=True, italic=False)
        problems += _centred(name, "signer's name")
        problems += _fits(table, cell, name, "signer's name")
        if ACADEMIC_TITLES.match(name.text):
            problems.append(f"signer's name {_describe(name)}: no academic titles before the name")
        all_paragraphs = cell.paragraphs
        index = [p._p for p in all_paragraphs].index(name._p)
        blank_lines = sum(1 for p in all_paragraphs[:index] if not p.text.strip())
        before = paragraph_format(name, "space_before")
        space = (before.pt if before is not None else 0) + 16 * blank_lines
        if space < 48:
            problems.append(
                f"signer's name {_describe(name)}: too little room for the signature above it"
            )
        # Same number of paragraphs above and the same space before: the same line.
        name_positions.add((index, before.pt if before is not None else 0))
    if len(name_positions) > 1:
        problems.append("footer: the signers' names do not stand on the same line")
    return problems


def _fits(table: Table, cell: _Cell, paragraph: Paragraph, what: str) -> list[str]:
    size = run_format(_runs(paragraph)[0], paragraph, "size")
    if text_width_mm(paragraph.text, size, bold=True) > _cell_room_mm(table, cell):
        return [f"{what} {_describe(paragraph)}: does not fit on one line of its column"]
    return []


def recipient_problems(paragraphs: Iterable[Paragraph]) -> list[str]:
    """11 pt upright lines '- …;', the last '- Lưu: VT….' ending with '.'."""
    paragraphs = list(paragraphs)
    if not paragraphs:
        return ["recipients: none (at least '- Lưu: VT.')"]
    problems = []
    for index, paragraph in enumerate(paragraphs):
        problems += _font_problems(paragraph, "recipient", sizes=(11, 11), bold=False, italic=False)
        text = paragraph.text
        last = index == len(paragraphs) - 1
        if not text.startswith("- "):
            problems.append(f"recipient {text!r}: should start with '- '")
        if not text.endswith("." if last else ";") or text[:-1].endswith((";", ".", ",", " ")):
            problems.append(f"recipient {text!r}: should end with {'.' if last else ';'!r}")
    last = paragraphs[-1].text
    if not re.match(r"- Lưu: ?VT\b", last):
        problems.append(f"recipients: the last line {last!r} should be '- Lưu: VT, ….'")
    return problems
