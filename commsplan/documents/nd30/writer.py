"""The decree's frame and the body blocks as WordprocessingML text.

Every function returns XML text with the w: prefix (declared by the document that holds it),
every value escaped: data is always literal text. Written as strings, never as a tree, so
that a 100,000-row table costs little more than the text it holds. A table cell carries only
what its style does not set: the data cells' runs take their font, size and emphasis from
the "ND30 Table Text" style.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from commsplan.documents.nd30.metrics import text_width_mm
from commsplan.documents.nd30.model import (
    ADDRESSEE_LABEL,
    ALIGNMENTS,
    CELL_MARGIN_MM,
    DATA_CELL_MARGIN_MM,
    FONT,
    HEADER_COLUMNS_MM,
    HEADER_INDENT_MM,
    MARGIN_BOTTOM_MM,
    MARGIN_TOP_MM,
    MOTTO,
    NATIONAL_NAME,
    PAGE_HEIGHT_MM,
    RECIPIENTS_COLUMN_MIN_MM,
    RECIPIENTS_LABEL,
    RULE_SHARE,
    SIGNATURE_COLUMN_MIN_MM,
    STYLES,
    TEXT_WIDTH_MM,
    AnnexHeading,
    Block,
    Cell,
    Column,
    Footer,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Run,
    Signer,
    StyleSpec,
    Table,
    Title,
    addressee_lines,
    annex_reference_line,
    box12_line,
    clean_text,
    normalize_legal_grounds,
    normalize_recipients,
    number_line,
    place_date_line,
)
from commsplan.text import xml_safe

# XML writing ----------------------------------------------------------------------------------
W_NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rpr(size: float, bold: bool, italic: bool) -> str:
    half_points = round(size * 2)
    return (
        f"<w:rPr>{_FONTS}{'<w:b/><w:bCs/>' if bold else ''}{'<w:i/><w:iCs/>' if italic else ''}"
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )


def _run_content(text: str) -> str:
    """w:t pieces for text already cleaned; tabs and line breaks become w:tab and w:br."""
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{_escape(chunk)}</w:t>')
    return "".join(pieces)


def _runs_xml(spec: StyleSpec, runs: Sequence[Run]) -> str:
    # Every run names its font and size itself, so nothing can fall back to another font.
    out = []
    for run in runs:
        text = clean_text(run.text)
        if text:
            rpr = _rpr(spec.size, spec.bold or run.bold, spec.italic or run.italic)
            out.append(f"<w:r>{rpr}{_run_content(text)}</w:r>")
    return "".join(out)


def _ppr(
    spec: StyleSpec,
    *,
    keep_next: bool = False,
    bottom_border: bool = False,
    before_pt: float | None = None,
    after_pt: float | None = None,
    indent_mm: float | None = None,
    left_mm: float | None = None,
    align: str | None = None,
) -> str:
    """w:pPr with the style and any direct formatting, children in schema order."""
    parts = [f'<w:pStyle w:val="{spec.style_id}"/>']
    if keep_next:
        parts.append("<w:keepNext/>")
    if bottom_border:
        parts.append(
            '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        )
    if before_pt is not None or after_pt is not None:
        attrs = "".join(
            f' w:{name}="{round(value * 20)}"'
            for name, value in (("before", before_pt), ("after", after_pt))
            if value is not None
        )
        parts.append(f"<w:spacing{attrs}/>")
    if indent_mm is not None:
        parts.append(f'<w:ind w:left="{_twips(indent_mm)}" w:right="{_twips(indent_mm)}"/>')
    elif left_mm is not None:
        parts.append(f'<w:ind w:left="{_twips(left_mm)}" w:firstLine="0"/>')
    if align is not None:
        parts.append(f'<w:jc w:val="{align}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def _paragraph_xml(key: str, runs: Sequence[Run], **ppr: Any) -> str:
    spec = STYLES[key]
    return f"<w:p>{_ppr(spec, **ppr)}{_runs_xml(spec, runs)}</w:p>"


def _rule_xml(line_width_mm: float, room_mm: float, *, after_pt: float | None = None) -> str:
    """An empty paragraph whose bottom border, centred, is line_width_mm long."""
    indent = max(0.0, (room_mm - line_width_mm) / 2)
    return _paragraph_xml("rule", [], bottom_border=True, indent_mm=indent, after_pt=after_pt)


def _short_rule_xml(
    text: str, size: float, room_mm: float, *, after_pt: float | None = None
) -> str:
    # "Its length" is the longest printed line, so a text that wraps counts as the full room.
    length = min(text_width_mm(text, size, bold=True), room_mm)
    return _rule_xml(RULE_SHARE * length, room_mm, after_pt=after_pt)


_KEEP_ROW = "<w:trPr><w:cantSplit/></w:trPr>"  # a frame row never breaks across pages


def _cell_xml(width_mm: float, content: str, *, v_align: str = "top", span: int = 1) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{_twips(width_mm)}" w:type="dxa"/>{span_xml}'
        f'<w:vAlign w:val="{v_align}"/></w:tcPr>{content or "<w:p/>"}</w:tc>'
    )


def _table_xml(
    widths_mm: Sequence[float],
    rows: Sequence[str],
    *,
    borders: bool,
    cell_margin_mm: float,
    indent_mm: float | None = None,
) -> str:
    """A fixed-layout w:tbl, widths in mm, centred or indented; rows are finished w:tr strings."""
    start = _table_start(widths_mm, borders=borders, cell_margin_mm=cell_margin_mm,
                         indent_mm=indent_mm)
    return f"{start}{''.join(rows)}</w:tbl>"


def _table_start(
    widths_mm: Sequence[float], *, borders: bool, cell_margin_mm: float,
    indent_mm: float | None = None,
) -> str:
    """A w:tbl's start tag, properties and grid: the rows and "</w:tbl>" follow."""
    edge = '"single" w:sz="4" w:space="0" w:color="000000"' if borders else '"nil"'
    border_xml = "".join(
        f"<w:{side} w:val={edge}/>"
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margin = _twips(cell_margin_mm)
    if indent_mm is None:
        place = '<w:jc w:val="center"/>'
    else:
        place = f'<w:tblInd w:w="{_twips(indent_mm)}" w:type="dxa"/>'
    grid = "".join(f'<w:gridCol w:w="{_twips(w)}"/>' for w in widths_mm)
    total = sum(_twips(w) for w in widths_mm)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/>{place}'
        f"<w:tblBorders>{border_xml}</w:tblBorders>"
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        f' w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


# The frame's parts ----------------------------------------------------------------------------
def _header_table_xml(heading: Heading) -> str:
    left, right = HEADER_COLUMNS_MM
    left_room, right_room = left - 2 * CELL_MARGIN_MM, right - 2 * CELL_MARGIN_MM
    issuer = " ".join(heading.issuer.split()).upper()
    parent = " ".join(heading.parent_body.split()).upper()
    left_top = (
        (_paragraph_xml("parent_body", [Run(parent)]) if parent else "")
        + _paragraph_xml("issuer", [Run(issuer)])
        + _short_rule_xml(issuer, STYLES["issuer"].size, left_room)
    )
    right_top = (
        _paragraph_xml("national_name", [Run(NATIONAL_NAME)])
        + _paragraph_xml("motto", [Run(MOTTO)])
        + _rule_xml(text_width_mm(MOTTO, STYLES["motto"].size, bold=True), right_room)
    )
    rows = [
        f"<w:tr>{_KEEP_ROW}{_cell_xml(left, left_top)}{_cell_xml(right, right_top)}</w:tr>",
        # The number and the place/date share a row so that they stand on the same line.
        f"<w:tr>{_KEEP_ROW}"
        + _cell_xml(left, _paragraph_xml("number", [Run(number_line(heading))]))
        + _cell_xml(right, _paragraph_xml("place_date", [Run(place_date_line(heading))]))
        + "</w:tr>",
    ]
    return _table_xml(
        HEADER_COLUMNS_MM,
        rows,
        borders=False,
        cell_margin_mm=CELL_MARGIN_MM,
        indent_mm=HEADER_INDENT_MM,
    )


def _title_xml(title: Title) -> str:
    summary = " ".join(title.summary.split())
    return (
        _paragraph_xml("doc_type", [Run(" ".join(title.doc_type.split()).upper())])
        + _paragraph_xml("summary", [Run(summary)])
        + _short_rule_xml(summary, STYLES["summary"].size, TEXT_WIDTH_MM, after_pt=12)
    )


ADDRESSEE_INDENT_MM = 25.0  # where "Kính gửi:" starts, as the decree's models place it


def _addressees_xml(addressees: Sequence[str]) -> str:
    """Box 9a: "Kính gửi: X." on one line, or "Kính gửi:" and one "- …;" line per addressee,
    the dashes under the end of the label; nothing without addressees."""
    lines = addressee_lines(addressees)
    if not lines:
        return ""
    under = ADDRESSEE_INDENT_MM + text_width_mm(ADDRESSEE_LABEL + " ", STYLES["addressee"].size)
    out = []
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        out.append(_paragraph_xml(
            "addressee", [Run(line)], keep_next=not last,
            before_pt=6 if i == 0 else None, after_pt=12 if last else None,
            left_mm=ADDRESSEE_INDENT_MM if i == 0 else under))
    return "".join(out)


def _annex_heading_xml(annex: AnnexHeading, heading: Heading) -> str:
    """An appendix's heading: "Phụ lục" on its own line, its name in capitals, and the
    reference to the document it goes with."""
    return (
        _paragraph_xml("annex_label", [Run(annex.label)])
        + _paragraph_xml("annex_name", [Run(" ".join(annex.name.split()).upper())])
        + _paragraph_xml("annex_reference", [Run(annex_reference_line(annex, heading))])
    )


def _signature_xml(signer: Signer, heading_lines: int) -> str:
    """A signature column: authority and title lines, padded to heading_lines, then the name."""
    lines = [" ".join(s.split()).upper() for s in (signer.authority, signer.title) if s.strip()]
    # Pad so that every column's name stands on the same line, whatever its title lines.
    lines += [""] * (heading_lines - len(lines))
    paragraphs = [
        _paragraph_xml("signer_title", [Run(line)], **({"before_pt": 12} if i == 0 else {}))
        for i, line in enumerate(lines)
    ]
    paragraphs.append(_paragraph_xml("signer_name", [Run(" ".join(signer.name.split()))]))
    return "".join(paragraphs)


def _signature_width_mm(signer: Signer) -> float:
    size = STYLES["signer_title"].size
    lines = (signer.authority.upper(), signer.title.upper(), signer.name)
    needed = max(text_width_mm(" ".join(line.split()), size, bold=True) for line in lines)
    # A little slack on top of the estimate, so that titles and names never wrap.
    return max(SIGNATURE_COLUMN_MIN_MM, needed * 1.05 + 2 * CELL_MARGIN_MM + 2)


def footer_widths_mm(footer: Footer) -> tuple[float, list[float], bool]:
    """Recipients width, signature widths, and whether the recipients get a row of their own."""
    signers = ([footer.preparer] if footer.preparer else []) + list(footer.signers)
    widths = [_signature_width_mm(s) for s in signers]
    if len(widths) == 1:
        widths[0] = max(widths[0], 0.55 * TEXT_WIDTH_MM)
    recipients = TEXT_WIDTH_MM - sum(widths)
    if recipients >= RECIPIENTS_COLUMN_MIN_MM:
        return recipients, widths, False
    # Too many signatures for one row: share the row out and put the recipients under it.
    scale = TEXT_WIDTH_MM / sum(widths)
    return TEXT_WIDTH_MM, [w * scale for w in widths], True


def _footer_table_xml(footer: Footer) -> str:
    signers = ([footer.preparer] if footer.preparer else []) + list(footer.signers)
    heading_lines = max(2 if s.authority.strip() else 1 for s in signers)
    as_above = bool(addressee_lines(footer.addressees))
    recipients_xml = _paragraph_xml(
        "recipients_label", [Run(RECIPIENTS_LABEL)], before_pt=12
    ) + "".join(
        _paragraph_xml("recipient", [Run(line)])
        for line in normalize_recipients(footer.recipients, footer.filing, as_above=as_above)
    )
    box12 = box12_line(footer.filing)
    if box12:  # on its own line below the recipients, 11 pt upright as they are
        recipients_xml += _paragraph_xml("recipient", [Run(box12)], before_pt=6)
    recipients_width, widths, own_row = footer_widths_mm(footer)
    signature_cells = "".join(
        _cell_xml(width, _signature_xml(signer, heading_lines))
        for signer, width in zip(signers, widths, strict=True)
    )
    if own_row:
        rows = [
            f"<w:tr>{_KEEP_ROW}{signature_cells}</w:tr>",
            f"<w:tr>{_KEEP_ROW}{_cell_xml(TEXT_WIDTH_MM, recipients_xml, span=len(widths))}</w:tr>",
        ]
        grid = widths
    else:
        recipients_cell = _cell_xml(recipients_width, recipients_xml)
        rows = [f"<w:tr>{_KEEP_ROW}{recipients_cell}{signature_cells}</w:tr>"]
        grid = [recipients_width, *widths]
    return _table_xml(grid, rows, borders=False, cell_margin_mm=CELL_MARGIN_MM)


# Body blocks ----------------------------------------------------------------------------------
_SPACER = _paragraph_xml("spacer", [])


def _block_pieces(block: Block, drawing: Drawing) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield _paragraph_xml(block.role, block.runs)
    elif isinstance(block, Table):
        yield from _table_pieces(block)
    elif isinstance(block, Image):
        yield picture_paragraph_xml(block, drawing)
    elif isinstance(block, PageBreak):
        spec = STYLES["page_break"]
        run = f'<w:r>{_rpr(spec.size, False, False)}<w:br w:type="page"/></w:r>'
        yield f"<w:p>{_ppr(spec)}{run}</w:p>"
    else:
        raise TypeError(f"not a body block: {block!r}")


def _scaled_widths(columns: Sequence[Column]) -> list[float]:
    total = sum(c.width_mm for c in columns)
    return [c.width_mm * TEXT_WIDTH_MM / total for c in columns]


ROWS_PER_PIECE = 500  # a big table comes out in pieces of this many rows
_LINE_FACTOR = 1.15  # a line of Times New Roman is about 1.15 times its size
# What a row may take of a page: the text height less the repeated header and some slack,
# since the height is an estimate from the letters' widths.
_ROW_ROOM_SHARE = 0.8


def _cell_height_pt(lines: Sequence[str], width_mm: float, spec: StyleSpec) -> float:
    """The estimated height of a cell's paragraphs: each line wrapped at word boundaries."""
    room = max(width_mm - 2 * DATA_CELL_MARGIN_MM, 1.0)
    printed = 0
    for line in lines:
        printed += 1
        used = 0.0
        for word in line.split():
            width = text_width_mm(word + " ", spec.size)
            if used and used + width > room:
                printed += 1 + int(width // room)
                used = width % room
            else:
                used += width
    return printed * spec.size * _LINE_FACTOR + len(lines) * (spec.before_pt + spec.after_pt)


def _cell_lines(value: Cell) -> list[str]:
    if value is None or value == "":
        return [""]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        items = [str(items)]
    return [line for item in items for line in clean_text(item).split("\n")] or [""]


_WIDEST_CHAR_EM = 1  # no letter of the font is wider than its size (W is 0.94 em)


def row_fits_on_a_page(row: Sequence[Cell], widths: Sequence[float], header_pt: float) -> bool:
    """Whether a data row, as estimated, fits on one page under the repeated header."""
    page_pt = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * 72 / 25.4
    limit = (page_pt - header_pt) * _ROW_ROOM_SHARE
    spec = STYLES["table_text"]
    line_pt = spec.size * _LINE_FACTOR + spec.before_pt + spec.after_pt
    widest_mm = spec.size * _WIDEST_CHAR_EM * 25.4 / 72
    for value, width in zip(row, widths, strict=False):
        room = max(width - 2 * DATA_CELL_MARGIN_MM, 1.0)
        # a bound first, as cheap as counting letters: most rows are far below the limit
        if isinstance(value, str) and "\n" not in value and "\r" not in value:
            if (1 + len(value) * widest_mm / room) * line_pt <= limit:
                continue
        lines = _cell_lines(value)
        bound = sum(1 + len(line) * widest_mm / room for line in lines) * line_pt
        if bound > limit and _cell_height_pt(lines, width, spec) > limit:
            return False
    return True


# A data row that fits on a page never breaks across pages, except the first: LibreOffice 7.4
# leaves out every row after the break when the repeated header and an unbreakable first row
# are all that fits at the foot of a page (seen on the demo's quarterly reports, about 200
# words lost each). Keeping the paragraph before the table with it does not avoid that, and a
# lost row is worse than a split one.
_ROW_WHOLE = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"


def table_xml(table: Table) -> str:
    """The bordered w:tbl of a data table, as XML text (w: prefix, namespace not declared)."""
    return "".join(_table_pieces(table))


def _table_pieces(table: Table) -> Iterator[str]:
    """A data table's XML text in pieces of ROWS_PER_PIECE rows.

    Each cell is a prefix prepared per column, the escaped text and a fixed suffix; the runs
    carry no properties, which the "ND30 Table Text" style sets.
    """
    widths = _scaled_widths(table.columns)
    n = len(table.columns)
    text_spec, header_spec = STYLES["table_text"], STYLES["table_header"]
    header_rpr = _rpr(header_spec.size, header_spec.bold, header_spec.italic)
    # Per column, all of a cell's paragraph but its text: the loop only fills the text in.
    ppr = [
        _ppr(
            text_spec, align=None if ALIGNMENTS[c.align] == text_spec.align else ALIGNMENTS[c.align]
        )
        for c in table.columns
    ]
    cell_open = [f'<w:tc><w:tcPr><w:tcW w:w="{_twips(w)}" w:type="dxa"/></w:tcPr>' for w in widths]
    text_open = [f"{cell_open[i]}<w:p>{ppr[i]}<w:r><w:t>" for i in range(n)]
    # Spaces at either end, or two together, are kept only with xml:space="preserve".
    spaced_open = [f'{cell_open[i]}<w:p>{ppr[i]}<w:r><w:t xml:space="preserve">' for i in range(n)]
    text_close = "</w:t></w:r></w:p></w:tc>"
    empty_cell = [f"{cell_open[i]}<w:p>{ppr[i]}</w:p></w:tc>" for i in range(n)]

    def lines_xml(col: int, value: str | Sequence[str]) -> str:
        lines = [
            line
            for item in ([value] if isinstance(value, str) else value)
            for line in clean_text(item).split("\n")
        ] or [""]
        return "".join(
            f"<w:p>{ppr[col]}<w:r>{_run_content(line)}</w:r></w:p>"
            if line
            else f"<w:p>{ppr[col]}</w:p>"
            for line in lines
        )

    header_cells = "".join(
        _cell_xml(
            widths[i],
            f"<w:p>{_ppr(header_spec)}<w:r>{header_rpr}"
            f"{_run_content(clean_text(c.header))}</w:r></w:p>",
            v_align="center",
        )
        for i, c in enumerate(table.columns)
    )
    out = [
        _table_start(widths, borders=True, cell_margin_mm=DATA_CELL_MARGIN_MM),
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header_cells}</w:tr>",
    ]
    header_pt = max(_cell_height_pt(clean_text(c.header).split("\n"), w, header_spec)
                    for c, w in zip(table.columns, widths, strict=False))
    bold_rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>"
    append = out.append
    for index, row in enumerate(table.rows):
        if len(row) != n:
            raise ValueError(f"row {index + 1} has {len(row)} cells, the table has {n} columns")
        whole = index > 0 and row_fits_on_a_page(row, widths, header_pt)
        append(_ROW_WHOLE if whole else "<w:tr>")
        if index in table.bold_rows:
            for col, value in enumerate(row):
                append(cell_open[col] + "".join(
                    f"<w:p>{ppr[col]}<w:r>{bold_rpr}{_run_content(line)}</w:r></w:p>"
                    if line else f"<w:p>{ppr[col]}</w:p>" for line in _cell_lines(value))
                    + "</w:tc>")
            append("</w:tr>")
            continue
        for col, value in enumerate(row):
            if value is None or value == "":
                append(empty_cell[col])
            elif (
                isinstance(value, str)
                and "\n" not in value
                and "\r" not in value
                and "\t" not in value
            ):
                # the common case, fast
                if value[0] == " " or value[-1] == " " or "  " in value:
                    append(spaced_open[col] + _escape(value) + text_close)
                else:
                    append(text_open[col] + _escape(value) + text_close)
            else:
                if not isinstance(value, (str, list, tuple)):
                    value = str(value)
                append(f"{cell_open[col]}{lines_xml(col, value)}</w:tc>")
        append("</w:tr>")
        if index % ROWS_PER_PIECE == ROWS_PER_PIECE - 1:
            yield "".join(out)
            out.clear()
    append("</w:tbl>")
    yield "".join(out)


Picture = Callable[[bytes, float, int], str]  # (PNG, width in mm, drawing id) → wp:inline XML
Drawing = Callable[[bytes, float], str]  # the same, the id given by the document


def picture_paragraph_xml(image: Image, drawing: Drawing) -> str:
    """A centred paragraph holding the picture that drawing() adds to the package."""
    spec = STYLES["figure"]
    inline = drawing(image.png, min(image.width_mm, TEXT_WIDTH_MM))
    run = f"<w:r>{_rpr(spec.size, False, False)}<w:drawing>{inline}</w:drawing></w:r>"
    return f"<w:p>{_ppr(spec)}{run}</w:p>"


# The whole body ---------------------------------------------------------------------------------
def body_pieces(
    heading: Heading,
    title: Title,
    legal_grounds: Sequence[str],
    body: Sequence[Block],
    footer: Footer,
    annex: Sequence[Block],
    picture: Picture,
    *,
    annex_heading: AnnexHeading | None = None,
    section_break: str | None = None,
) -> Iterator[str]:
    """The content of w:body, before the section properties, as pieces of XML text.

    picture(png, width_mm, drawing_id) adds a picture to the package and returns its
    wp:inline element as text. An annex (phụ lục) follows the signatures on a page of its own,
    under its heading; with section_break (a w:sectPr as text) it is a section of its own,
    whose pages the package numbers on their own.
    """
    drawings = 0

    def drawing(png: bytes, width_mm: float) -> str:
        nonlocal drawings
        drawings += 1  # drawing ids are unique in the document
        return picture(png, width_mm, drawings)

    def block_pieces(block: Block) -> Iterator[str]:
        return _block_pieces(block, drawing)

    yield _header_table_xml(heading)
    yield _title_xml(title)
    yield _addressees_xml(footer.addressees)
    for ground in normalize_legal_grounds(legal_grounds):
        yield _paragraph_xml("legal_ground", [Run(ground)])
    for index, block in enumerate(body):
        if index == len(body) - 1 and isinstance(block, Paragraph):
            # The closing paragraph goes to the page of the signatures, never alone before them.
            yield _paragraph_xml(block.role, block.runs, keep_next=True)
        else:
            yield from block_pieces(block)
        if isinstance(block, Table):
            # Space under a table: it also keeps two tables apart (Word and LibreOffice merge
            # tables that touch) and ends the body with the paragraph it must end with.
            yield _SPACER
    yield _footer_table_xml(footer)
    if annex and section_break is not None:
        spec = STYLES["spacer"]
        yield f"<w:p><w:pPr><w:pStyle w:val=\"{spec.style_id}\"/>{section_break}</w:pPr></w:p>"
    else:
        yield _SPACER
        if annex:
            yield from block_pieces(PageBreak())
    if annex:
        if annex_heading is not None:
            yield _annex_heading_xml(annex_heading, heading)
        for block in annex:
            yield from block_pieces(block)
            if isinstance(block, Table):
                yield _SPACER


def encoded(pieces: Iterator[str]) -> Iterator[bytes]:
    """UTF-8 pieces without the characters XML forbids (only data can carry them)."""
    for piece in pieces:
        yield xml_safe(piece).encode("utf-8")


# Styles and the page header -------------------------------------------------------------------
DOC_DEFAULTS_XML = (
    f"<w:docDefaults {W_NAMESPACE}><w:rPrDefault><w:rPr>{_FONTS}"
    '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN"'
    ' w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
)
NORMAL_RPR_XML = f'<w:rPr {W_NAMESPACE}>{_FONTS}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'


def style_xml(spec: StyleSpec) -> str:
    """A w:style element for styles.xml, with its namespace declared."""
    keep = "<w:keepNext/>" if spec.keep_next else ""
    if spec.exact_line_pt is not None:
        line = f'w:line="{round(spec.exact_line_pt * 20)}" w:lineRule="exact"'
    else:
        line = f'w:line="{round(spec.line * 240)}" w:lineRule="auto"'
    before, after = round(spec.before_pt * 20), round(spec.after_pt * 20)
    spacing = f'<w:spacing w:before="{before}" w:after="{after}" {line}/>'
    indent = f'<w:ind w:left="0" w:right="0" w:firstLine="{_twips(spec.first_line_mm)}"/>'
    outline = (
        f'<w:outlineLvl w:val="{spec.outline_level}"/>' if spec.outline_level is not None else ""
    )
    return (
        f'<w:style {W_NAMESPACE} w:type="paragraph" w:customStyle="1"'
        f' w:styleId="{spec.style_id}">'
        f'<w:name w:val="{spec.name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{keep}{spacing}{indent}<w:jc w:val="{spec.align}"/>{outline}</w:pPr>'
        f"{_rpr(spec.size, spec.bold, spec.italic)}</w:style>"
    )


def page_number_paragraphs_xml() -> tuple[str, str]:
    """The first page's empty header paragraph and the other pages' centred PAGE field."""
    spec = STYLES["page_number"]
    rpr = _rpr(spec.size, False, False)
    first = f"<w:p {W_NAMESPACE}>{_ppr(spec)}</w:p>"
    others = (
        f"<w:p {W_NAMESPACE}>{_ppr(spec)}"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    return first, others

