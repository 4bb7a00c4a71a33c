"""The generator's checks on a .docx it wrote: the decree's layout rules, and its own.

The decree's rules (Decree 30/2020/NĐ-CP, shared/spec/nd30-layout.md) are product code,
`commsplan.lint`: the generator's tests, the rest of the suite and `commsplan lint` run that
one rule set, here through `lint_problems`. What stays here is what this generator promises
beyond the decree, so that Word, LibreOffice and Google Docs lay its files out alike: tables
with a fixed layout and explicit widths, Times New Roman named in all four font slots of every
style used, paragraphs in the "ND30 …" styles, a repeated header row on data tables, the
signers' names on one line, each title and name on one line of its column.

Each `*_violations(document)` function takes a python-docx Document read back from a saved
file and returns what breaks the rules, as sentences; `check_document(document)` runs them
all and fails with the full list.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable, Iterator

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from commsplan.documents.nd30 import TEXT_WIDTH_MM, text_width_mm
from commsplan.lint import Problem, describe, lint_file
from commsplan.lint.rules import date_line_faults, recipient_faults

FONT = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
BODY_STYLES = {"ND30 Body", "ND30 Bullet", "ND30 Heading 1", "ND30 Heading 2", "ND30 Heading 3"}
FRAME_STYLES = {
    "ND30 Document Type",
    "ND30 Summary",
    "ND30 Rule",
    "ND30 Legal Ground",
    "ND30 Spacer",
    "ND30 Page Break",
    "ND30 Figure",
    "ND30 Addressee",
    "ND30 Annex Label",
    "ND30 Annex Name",
    "ND30 Annex Reference",
}
MAX_REPORTED = 20  # per check, so that a 10,000-row table cannot flood the message

# Which function reports which of lint's problems (the rest go to body_violations).
_PAGE = {"lint-page-size", "lint-margin-top", "lint-margin-bottom", "lint-margin-left",
         "lint-margin-right"}
_FONTS = {"lint-font", "lint-colour"}
_PAGE_NUMBERS = {"lint-page-number-first", "lint-page-number-missing", "lint-page-number-footer"}
_TITLE_PARTS = {"kind", "summary"}
_LEGAL = {"lint-legal-ground-end"}


def check_document(document: Document) -> None:
    """Fail with every rule the document breaks."""
    problems = layout_violations(document)
    assert not problems, "NĐ30 layout violations:\n- " + "\n- ".join(problems)


def layout_violations(document: Document) -> list[str]:
    """Everything the document does against the decree's layout and the generator's promises."""
    found = lint_problems(document)
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
    return [problem for check in checks for problem in check(document, found)]


# The decree's rules: commsplan.lint ----------------------------------------------------------
def lint_problems(document: Document) -> list[Problem]:
    """What `commsplan lint` finds in the document."""
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    return lint_file(stream).problems


def _said(problems: Iterable[Problem]) -> list[str]:
    return [f"lint: {describe(problem, 'en')}" for problem in problems]


def _lint(document: Document, found: list[Problem] | None, keep) -> list[str]:
    problems = lint_problems(document) if found is None else found
    return _said(p for p in problems if keep(p))


def _region(problem: Problem, footer_index: int | None) -> str:
    code, part = problem.code, problem.params.get("part")
    if code in _PAGE:
        return "page"
    if code in _FONTS:
        return "fonts"
    if code in _PAGE_NUMBERS or part == "page-number":
        return "page numbers"
    if code == "lint-header-missing" or (problem.place == "table" and problem.number == 1):
        return "header"
    if code == "lint-title-missing" or part in _TITLE_PARTS:
        return "title"
    if code in _LEGAL or part == "legal-ground":
        return "legal grounds"
    if code == "lint-signature-missing" or (
            problem.place == "table" and problem.number == footer_index):
        return "footer"
    if problem.place == "table":
        return "data tables"
    return "body"


def _in(region: str, document: Document):
    footer = footer_table(document)
    tables = [b._tbl for b in _blocks(document) if isinstance(b, Table)]
    index = tables.index(footer._tbl) + 1 if footer is not None else None
    return lambda problem: _region(problem, index) == region


def page_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """A4 portrait, margins within the decree's ranges."""
    return _lint(document, found, _in("page", document))


def title_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """Document type and summary, bold and centred, a short rule under the summary."""
    return _lint(document, found, _in("title", document))


def legal_ground_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """Italic, one per line, each ending ';' and the last '.'."""
    return _lint(document, found, _in("legal grounds", document))


def page_number_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """A centred PAGE field, 13–14 pt upright, in the page header; none on the first page."""
    return _lint(document, found, _in("page numbers", document))


def date_line_problems(text: str) -> list[str]:
    """'Place, ngày 05 tháng 3 năm 2024': day padded, months 1–2 padded, others not."""
    said = {
        "lint-date-text": lambda: "not 'Place, ngày DD tháng M năm YYYY'",
        "lint-date-day": lambda: "the day must have two digits (05, 15)",
    }
    problems = []
    for code, params in date_line_faults(text):
        if code == "lint-date-month":
            problems.append(f"place and date {text!r}: month should read {params['expected']!r}")
        else:
            problems.append(f"place and date {text!r}: {said[code]()}")
    return problems


def recipient_problems(paragraphs: Iterable[Paragraph]) -> list[str]:
    """Lines '- …;', the last '- Lưu: VT….' ending with '.'."""
    texts = [paragraph.text for paragraph in paragraphs]
    if not texts:
        return ["recipients: none (at least '- Lưu: VT.')"]
    problems = []
    for number, code, params in recipient_faults(texts):
        text = texts[number]
        if code == "lint-recipient-dash":
            problems.append(f"recipient {text!r}: should start with '- '")
        elif code == "lint-recipient-end":
            problems.append(f"recipient {text!r}: should end with {params['end']!r}")
        else:
            problems.append(f"recipients: the last line {text!r} should be '- Lưu: VT, ….'")
    return problems


# Resolving formatting (python-docx objects) ---------------------------------------------------
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


def _runs(paragraph: Paragraph) -> list:
    return [run for run in paragraph.runs if run.text]


def _describe(paragraph: Paragraph) -> str:
    text = paragraph.text
    return repr(text if len(text) <= 60 else text[:57] + "...")


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


def _data_tables(document: Document) -> list[Table]:
    footer = footer_table(document)
    tables = [b for b in _blocks(document) if isinstance(b, Table)][1:]
    if footer is None:
        return tables
    return [t for t in tables if t._tbl is not footer._tbl]


def _texts(cell: _Cell) -> list[Paragraph]:
    return [p for p in cell.paragraphs if p.text.strip()]


def _twips_attr(element, name: str) -> int:
    value = element.get(qn(name)) if element is not None else None
    return int(value) if value else 0


def _cell_room_mm(table: Table, cell: _Cell) -> float:
    """The width inside a cell's margins."""
    width = _twips_attr(cell._tc.find(qn("w:tcPr") + "/" + qn("w:tcW")), "w:w")
    margins = table._tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
    left = right = 108  # Word's default cell margins
    if margins is not None:
        left = _twips_attr(margins.find(qn("w:left")), "w:w") or left
        right = _twips_attr(margins.find(qn("w:right")), "w:w") or right
    return (width - left - right) * 25.4 / 1440


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


# Fonts: all four slots, every style used ----------------------------------------------------
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


def font_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
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
    problems = _capped(sorted(set(problems), key=problems.index))
    return problems + _lint(document, found, _in("fonts", document))


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
def header_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """The borderless two-column header, fixed widths, the left column about 40 %."""
    table = _header_table(document)
    if table is None:
        return _lint(document, found, _in("header", document)) or [
            "header: the document does not start with the header table"]
    problems = table_layout_violations(table, "header", borders=False)
    if len(table.columns) != 2:
        return problems + [f"header table: {len(table.columns)} columns, not 2"]
    widths = [_twips_attr(c, "w:w") for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    share = widths[0] / sum(widths)
    if not 0.3 <= share <= 0.5:
        problems.append(f"header table: left column is {share:.0%} of the width, not about 40 %")
    in_header = _in("header", document)
    return problems + _lint(document, found,
                            lambda p: in_header(p) and p.code != "lint-header-borders")


# Body -----------------------------------------------------------------------------------------
def body_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """Every paragraph in an ND30 style; the decree's body rules through lint."""
    problems = []
    for block in _blocks(document):
        if not isinstance(block, Paragraph):
            continue
        style = block.style.name
        if style not in BODY_STYLES | FRAME_STYLES and block.text.strip():
            problems.append(f"paragraph {_describe(block)}: style {style!r} is not an ND30 style")
    return _capped(problems) + _lint(document, found, _in("body", document))


def data_table_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """Data tables: borders, fixed widths within the text width, header row repeated."""
    problems = []
    for number, table in enumerate(_data_tables(document), 1):
        what = f"data table {number}"
        problems += table_layout_violations(table, what, borders=True)
        first = table._tbl.tr_lst[0] if table._tbl.tr_lst else None
        if first is None or first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            problems.append(f"{what}: the header row is not repeated on each page (w:tblHeader)")
    return problems + _lint(document, found, _in("data tables", document))


# Footer (boxes 7 and 9b) ----------------------------------------------------------------------
def footer_violations(document: Document, found: list[Problem] | None = None) -> list[str]:
    """Borderless footer: 'Nơi nhận:' left of the signatures or under them; the signers' names
    on one line, each title and name on one line of its column."""
    lint_said = _lint(document, found, _in("footer", document))
    table = footer_table(document)
    if table is None:
        return lint_said or ["footer: no signature table at the end of the document"]
    problems = table_layout_violations(table, "footer", borders=False)
    cells = [(r, c) for r, row in enumerate(table.rows) for c in row.cells]
    labels = [
        (r, cell) for r, cell in cells if _texts(cell) and _texts(cell)[0].text == "Nơi nhận:"
    ]
    if not labels:
        return problems + lint_said + ["footer: no 'Nơi nhận:'"]
    label_row, label_cell = labels[0]
    signature_cells = [cell for r, cell in cells if cell._tc is not label_cell._tc and _texts(cell)]
    if not signature_cells:
        return problems + lint_said + ["footer: no signature"]
    signature_rows = {r for r, cell in cells if cell._tc is not label_cell._tc and _texts(cell)}
    first_column = label_cell._tc is table.rows[label_row].cells[0]._tc
    if not (label_row in signature_rows and first_column) and label_row != max(signature_rows) + 1:
        problems.append(
            "footer: 'Nơi nhận:' is neither left of the signatures nor right under them"
        )
    name_positions = set()
    for cell in signature_cells:
        *titles, name = _texts(cell)
        for title in titles:
            problems += _fits(table, cell, title, "signer's title")
        problems += _fits(table, cell, name, "signer's name")
        index = [p._p for p in cell.paragraphs].index(name._p)
        before = name.paragraph_format.space_before
        if before is None:
            before = next((s.paragraph_format.space_before for s in _style_chain(name.style)
                           if s.paragraph_format.space_before is not None), None)
        # Same number of paragraphs above and the same space before: the same line.
        name_positions.add((index, before.pt if before is not None else 0))
    if len(name_positions) > 1:
        problems.append("footer: the signers' names do not stand on the same line")
    return problems + lint_said


def _fits(table: Table, cell: _Cell, paragraph: Paragraph, what: str) -> list[str]:
    size = run_format(_runs(paragraph)[0], paragraph, "size")
    if text_width_mm(paragraph.text, size, bold=True) > _cell_room_mm(table, cell):
        return [f"{what} {_describe(paragraph)}: does not fit on one line of its column"]
    return []
