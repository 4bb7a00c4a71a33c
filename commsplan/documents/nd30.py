"""The frame of Decree 30/2020/NĐ-CP, Appendix I: page, header, title, footer, page numbers, styles.

Every document type is built by `build_document`; the layout rules live here and nowhere else
(restated in shared/spec/nd30-layout.md). The body comes in as blocks (`Paragraph`, `Table`,
`Image`, `PageBreak`), usually made by `commsplan.documents.render` from a template.

The body's XML is written as text, every value escaped, and parsed once for the whole
document: that keeps a 10,000-row table fast, and data is always literal text.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import element_class_lookup
from docx.shared import Mm
from lxml import etree

from commsplan.text import xml_safe

# Page -----------------------------------------------------------------------------------------
FONT = "Times New Roman"
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10  # the page number sits in the top margin
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
# Header table: issuing body about 40 %, national motto about 60 %. The Quốc hiệu at 12 pt bold
# is 88.3 mm wide (Times New Roman = Liberation Serif), so 100 mm keeps it on one line. As many
# real documents do, the table reaches 7 mm into the left margin and 3 mm into the right one,
# so that more issuing bodies fit on one line.
HEADER_COLUMNS_MM = (75.0, 100.0)
HEADER_INDENT_MM = -7.0
CELL_MARGIN_MM = 1.9  # left and right, inside every cell (Word's default 0.19 cm)
DATA_CELL_MARGIN_MM = 1.5
SIGNATURE_SPACE_PT = 70  # about four blank 14 pt lines, room for the hand signature and seal
SIGNATURE_COLUMN_MIN_MM = 55.0
RECIPIENTS_COLUMN_MIN_MM = 45.0
RULE_SHARE = 0.4  # a short rule is 1/3 to 1/2 of the text above it: draw it at 40 %

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
ARCHIVE_RECIPIENT = "Lưu: VT"
DRAFT_BLANK = " " * 6  # what an unissued draft leaves for the number and the day and month


# Data the frame needs -------------------------------------------------------------------------
@dataclass(frozen=True)
class Signer:
    """A signature: optional authority line (e.g. "KT. HIỆU TRƯỞNG"), title, full name."""

    title: str
    name: str
    authority: str = ""


@dataclass(frozen=True)
class Heading:
    """Boxes 1–4: the issuing body, the number and symbol, the place and date."""

    parent_body: str
    issuer: str
    issuer_symbol: str
    type_code: str
    number: int | None
    date: dt.date | None
    year: int
    place: str

    def __post_init__(self) -> None:
        if self.number is not None and self.number < 1:
            raise ValueError(f"document number must be positive, got {self.number}")
        if self.date is not None and self.date.year != self.year:
            raise ValueError(f"date {self.date} is not in year {self.year}")


@dataclass(frozen=True)
class Title:
    """Box 5a: the document type (e.g. "KẾ HOẠCH") and the summary line."""

    doc_type: str
    summary: str


@dataclass(frozen=True)
class Footer:
    """Boxes 7 and 9b: recipients, signers (left to right, the head last), optional preparer."""

    recipients: Sequence[str]
    signers: Sequence[Signer]
    preparer: Signer | None = None

    def __post_init__(self) -> None:
        if not self.signers:
            raise ValueError("a document needs at least one signer")


# Body blocks ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """A piece of text with its emphasis; tab and newline become a tab and a line break."""

    text: str
    bold: bool = False
    italic: bool = False


BODY_ROLES = ("body", "bullet", "heading1", "heading2", "heading3")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: role is one of BODY_ROLES (which decides its style)."""

    role: str
    runs: tuple[Run, ...]

    def __post_init__(self) -> None:
        if self.role not in BODY_ROLES:
            raise ValueError(f"unknown paragraph role {self.role!r}; use one of {BODY_ROLES}")
        object.__setattr__(self, "runs", tuple(self.runs))

    @classmethod
    def plain(cls, role: str, text: str) -> Paragraph:
        """A paragraph of one unemphasised run."""
        return cls(role, (Run(text),))

    @property
    def text(self) -> str:
        """The paragraph's text, all runs joined."""
        return "".join(run.text for run in self.runs)


ALIGNMENTS = {"left": "left", "center": "center", "right": "right", "justify": "both"}


@dataclass(frozen=True)
class Column:
    """A data-table column: header text, width in mm (scaled to the text width), alignment."""

    header: str
    width_mm: float
    align: str = "left"

    def __post_init__(self) -> None:
        if self.align not in ALIGNMENTS:
            raise ValueError(f"unknown alignment {self.align!r}; use one of {tuple(ALIGNMENTS)}")
        if self.width_mm <= 0:
            raise ValueError(f"column width must be positive, got {self.width_mm}")


Cell = str | Sequence[str] | None


@dataclass(frozen=True)
class Table:
    """A data table: bordered, header row repeated on each page; a cell may hold several lines."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.columns:
            raise ValueError("a table needs at least one column")


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes) centred in the body, width_mm wide (at most the text width)."""

    png: bytes
    width_mm: float


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


Block = Paragraph | Table | Image | PageBreak


# Styles: the one table of paragraph formats ---------------------------------------------------
@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: name, size (pt), emphasis, alignment, indent (mm), spacing (pt)."""

    name: str
    size: float
    bold: bool = False
    italic: bool = False
    align: str = "center"  # a w:jc value
    first_line_mm: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    line: float = 1.0  # multiple of single spacing
    exact_line_pt: float | None = None  # overrides `line`
    keep_next: bool = False
    outline_level: int | None = None

    @property
    def style_id(self) -> str:
        """The w:styleId: the name without spaces."""
        return self.name.replace(" ", "")


BODY_INDENT_MM = 12.7  # 1.27 cm
BODY_AFTER_PT = 6
BODY_LINE = 1.15

_BODY = dict(align="both", first_line_mm=BODY_INDENT_MM, after_pt=BODY_AFTER_PT, line=BODY_LINE)
_HEADING = dict(_BODY, bold=True, before_pt=6, keep_next=True)

STYLES: dict[str, StyleSpec] = {
    # header block (boxes 1–4)
    "parent_body": StyleSpec("ND30 Parent Body", 12),
    "issuer": StyleSpec("ND30 Issuer", 12, bold=True),
    "national_name": StyleSpec("ND30 National Name", 12, bold=True),
    "motto": StyleSpec("ND30 Motto", 13, bold=True),
    "number": StyleSpec("ND30 Number", 13, before_pt=6),
    "place_date": StyleSpec("ND30 Place Date", 13, italic=True, before_pt=6),
    # a solid rule: an empty paragraph with a bottom border, narrowed by indents
    "rule": StyleSpec("ND30 Rule", 1, before_pt=2, exact_line_pt=2),
    # title (box 5a) and legal grounds
    "doc_type": StyleSpec("ND30 Document Type", 14, bold=True, before_pt=18, keep_next=True),
    "summary": StyleSpec("ND30 Summary", 14, bold=True, keep_next=True),
    "legal_ground": StyleSpec("ND30 Legal Ground", 14, italic=True, **_BODY),
    # body (box 6)
    "body": StyleSpec("ND30 Body", 14, **_BODY),
    "bullet": StyleSpec("ND30 Bullet", 14, **_BODY),
    "heading1": StyleSpec("ND30 Heading 1", 14, outline_level=0, **_HEADING),
    "heading2": StyleSpec("ND30 Heading 2", 14, outline_level=1, **_HEADING),
    "heading3": StyleSpec("ND30 Heading 3", 14, italic=True, outline_level=2, **_HEADING),
    "table_header": StyleSpec("ND30 Table Header", 13, bold=True, before_pt=2, after_pt=2),
    "table_text": StyleSpec("ND30 Table Text", 13, align="left", before_pt=2, after_pt=2),
    "figure": StyleSpec("ND30 Figure", 14, before_pt=6, after_pt=6),
    "page_break": StyleSpec("ND30 Page Break", 1, exact_line_pt=1),
    # the empty line under a table (tables that touch merge, and a body ends with a paragraph)
    "spacer": StyleSpec("ND30 Spacer", 6, exact_line_pt=6),
    # footer block (boxes 7 and 9b)
    "recipients_label": StyleSpec(
        "ND30 Recipients Label", 12, bold=True, italic=True, align="left"
    ),
    "recipient": StyleSpec("ND30 Recipient", 11, align="left"),
    "signer_title": StyleSpec("ND30 Signer Title", 14, bold=True),
    "signer_name": StyleSpec("ND30 Signer Name", 14, bold=True, before_pt=SIGNATURE_SPACE_PT),
    # page header
    "page_number": StyleSpec("ND30 Page Number", 13),
}
STYLE_NAMES = {key: spec.name for key, spec in STYLES.items()}


# Public entry point ---------------------------------------------------------------------------
def build_document(
    heading: Heading,
    title: Title,
    legal_grounds: Sequence[str],
    body: Sequence[Block],
    footer: Footer,
    annex: Sequence[Block] = (),
) -> Document:
    """A python-docx Document: the decree's frame around the body blocks.

    An annex (phụ lục) follows the signatures on a page of its own, as the decree places it.
    """
    document = docx.Document()
    _drop_template_extras(document)
    _set_up_page(document)
    _install_styles(document)
    _set_page_numbers(document)
    _set_core_properties(document, heading, title)
    pieces = [_header_table_xml(heading), _title_xml(title)]
    pieces += [
        _paragraph_xml("legal_ground", [Run(t)]) for t in normalize_legal_grounds(legal_grounds)
    ]
    images = _ImageWriter(document)
    for index, block in enumerate(body):
        # The closing paragraph goes to the page of the signatures, never alone before them.
        keep = index == len(body) - 1 and isinstance(block, Paragraph)
        pieces.append(
            _paragraph_xml(block.role, block.runs, keep_next=True)
            if keep
            else _block_xml(block, images)
        )
    pieces.append(_footer_table_xml(footer))
    if annex:
        pieces += [_block_xml(block, images) for block in (PageBreak(), *annex)]
    xml = [pieces[0]]
    for piece in pieces[1:]:
        xml.append(piece)
        # Space under a table; it also keeps two tables apart (Word and LibreOffice merge
        # tables that touch) and ends the body with the paragraph it must end with.
        if piece.startswith("<w:tbl"):
            xml.append(_SPACER)
    return _with_body(document, "".join(xml))


def _with_body(document: Document, body_xml: str) -> Document:
    """The document with body_xml in front of its section properties, parsed in one go.

    Moving a large parsed subtree into another lxml document costs as much as parsing it, so
    the whole document.xml is written out and parsed once, and replaces the part's element.
    """
    part = document.part
    head, tail = etree.tostring(part.element, encoding="unicode").split("<w:body>", 1)
    # Remove the characters XML forbids from everything at once: only data can carry them.
    part._element = etree.fromstring(xml_safe(f"{head}<w:body>{body_xml}{tail}"), _PARSER)
    return Document(part._element, part)


_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)
_PARSER.set_element_class_lookup(element_class_lookup)  # python-docx's element classes


# Text rules -----------------------------------------------------------------------------------
def number_line(heading: Heading) -> str:
    """Box 3: 'Số: 05/KH-THMM2'; a draft leaves the number blank."""
    number = DRAFT_BLANK if heading.number is None else f"{heading.number:02d}"
    symbol = "-".join(
        part for part in (_no_spaces(heading.type_code), _no_spaces(heading.issuer_symbol)) if part
    )
    separator = "" if heading.number is None else " "
    return f"Số:{separator}{number}/{symbol.upper()}"


def place_date_line(heading: Heading) -> str:
    """Box 4: 'Mường Mươn, ngày 05 tháng 02 năm 2024'; a draft leaves day and month blank."""
    place = " ".join(heading.place.split())
    if heading.date is None:
        return f"{place}, ngày{DRAFT_BLANK}tháng{DRAFT_BLANK}năm {heading.year}"
    day, month = heading.date.day, heading.date.month
    # The decree pads the day below 10 and only the months 1 and 2 (so "tháng 3", "tháng 12").
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"{place}, ngày {day:02d} tháng {month_text} năm {heading.date.year}"


def normalize_legal_grounds(lines: Sequence[str]) -> list[str]:
    """Each ground on its own line ending ';', the last ending '.'."""
    cleaned = [_strip_end_punctuation(line) for line in _lines(lines)]
    cleaned = [line for line in cleaned if line]
    return [line + (";" if i < len(cleaned) - 1 else ".") for i, line in enumerate(cleaned)]


def normalize_recipients(lines: Sequence[str]) -> list[str]:
    """'- text;' lines, the archive line 'Lưu: …' last (added if missing) and ending '.'."""
    cleaned = [_strip_end_punctuation(line.lstrip(" \t-+•*–—")) for line in _lines(lines)]
    cleaned = [line for line in cleaned if line]
    archive = [line for line in cleaned if line.casefold().startswith("lưu")]
    others = [line for line in cleaned if not line.casefold().startswith("lưu")]
    ordered = others + (archive or [ARCHIVE_RECIPIENT])
    return [f"- {line}" + (";" if i < len(ordered) - 1 else ".") for i, line in enumerate(ordered)]


def _lines(values: Sequence[str]) -> list[str]:
    # A sheet cell may hold several lines: each is one ground or one recipient.
    return [line for value in values for line in clean_text(value).split("\n")]


def _strip_end_punctuation(text: str) -> str:
    return " ".join(text.split()).rstrip(" ;.,")


def _no_spaces(text: str) -> str:
    return "".join(text.split())


# Text width, for rules and signature columns --------------------------------------------------
# Advance widths of U+0020..U+007E in Times New Roman (= Liberation Serif), in 1/2048 em.
# fmt: off
_ADVANCE = {
    False: (
        512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512,
        569, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155,
        1155, 909, 1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251,
        1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682,
        569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569,
        1024, 569, 1593, 1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024,
        909, 983, 410, 983, 1108,
    ),
    True: (
        512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512,
        569, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167,
        1167, 1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366,
        1933, 1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682,
        569, 682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682,
        1139, 569, 1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024,
        909, 807, 451, 807, 1065,
    ),
}
# fmt: on
_HORN_EXTRA = {False: {"U": 110, "u": 86}, True: {"U": 151, "u": 90}}  # Ư, ư are wider than U, u


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of one line of text in Times New Roman, estimated from the base letters."""
    advances, horn = _ADVANCE[bold], _HORN_EXTRA[bold]
    units = 0
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = {"Đ": "D", "đ": "d"}.get(parts[0], parts[0])
        code = ord(base)
        units += advances[code - 32] if 32 <= code <= 126 else 1024
        if "\u031b" in parts:
            units += horn.get(base, 0)
    return units / 2048 * size_pt * 25.4 / 72


# XML writing ----------------------------------------------------------------------------------
_W = nsdecls("w")
_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def clean_text(text: object) -> str:
    """Text safe for XML: str() of the value, CR/LF made LF, forbidden characters removed."""
    text = "" if text is None else str(text)
    return xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))


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
    if align is not None:
        parts.append(f'<w:jc w:val="{align}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def _paragraph_xml(key: str, runs: Sequence[Run], **ppr: object) -> str:
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
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
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
    recipients_xml = _paragraph_xml(
        "recipients_label", [Run(RECIPIENTS_LABEL)], before_pt=12
    ) + "".join(
        _paragraph_xml("recipient", [Run(line)]) for line in normalize_recipients(footer.recipients)
    )
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


def _block_xml(block: Block, images: _ImageWriter) -> str:
    if isinstance(block, Paragraph):
        return _paragraph_xml(block.role, block.runs)
    if isinstance(block, Table):
        return table_xml(block)
    if isinstance(block, Image):
        return images.paragraph_xml(block)
    if isinstance(block, PageBreak):
        spec = STYLES["page_break"]
        run = f'<w:r>{_rpr(spec.size, False, False)}<w:br w:type="page"/></w:r>'
        return f"<w:p>{_ppr(spec)}{run}</w:p>"
    raise TypeError(f"not a body block: {block!r}")


def _scaled_widths(columns: Sequence[Column]) -> list[float]:
    total = sum(c.width_mm for c in columns)
    return [c.width_mm * TEXT_WIDTH_MM / total for c in columns]


def table_xml(table: Table) -> str:
    """The bordered w:tbl of a data table, as XML text (w: prefix, namespace not declared).

    Written as one string with a prefix per column prepared in advance, so that a
    10,000-row table takes a fraction of a second (python-docx's add_row takes seconds).
    """
    widths = _scaled_widths(table.columns)
    n = len(table.columns)
    text_spec, header_spec = STYLES["table_text"], STYLES["table_header"]
    text_rpr = _rpr(text_spec.size, text_spec.bold, text_spec.italic)
    header_rpr = _rpr(header_spec.size, header_spec.bold, header_spec.italic)
    # Per column, all of a cell's paragraph but its text: the loop only fills the text in.
    ppr = [
        _ppr(
            text_spec, align=None if ALIGNMENTS[c.align] == text_spec.align else ALIGNMENTS[c.align]
        )
        for c in table.columns
    ]
    cell_open = [f'<w:tc><w:tcPr><w:tcW w:w="{_twips(w)}" w:type="dxa"/></w:tcPr>' for w in widths]
    text_open = [
        f'{cell_open[i]}<w:p>{ppr[i]}<w:r>{text_rpr}<w:t xml:space="preserve">' for i in range(n)
    ]
    text_close = "</w:t></w:r></w:p></w:tc>"
    empty_cell = [f"{cell_open[i]}<w:p>{ppr[i]}</w:p></w:tc>" for i in range(n)]

    def lines_xml(col: int, value: Cell) -> str:
        lines = [
            line
            for item in ([value] if isinstance(value, str) else value)
            for line in clean_text(item).split("\n")
        ] or [""]
        return "".join(
            f"<w:p>{ppr[col]}<w:r>{text_rpr}{_run_content(line)}</w:r></w:p>"
            if line
            else f"<w:p>{ppr[col]}</w:p>"
            for line in lines
        )

    header_cells = "".join(
        _cell_xml(
            widths[i],
            f"<w:p>{_ppr(header_spec)}<w:r>{header_rpr}{_run_content(clean_text(c.header))}</w:r></w:p>",
            v_align="center",
        )
        for i, c in enumerate(table.columns)
    )
    out = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header_cells}</w:tr>"]
    append = out.append
    for index, row in enumerate(table.rows):
        if len(row) != n:
            raise ValueError(f"row {index + 1} has {len(row)} cells, the table has {n} columns")
        append("<w:tr>")
        for col, value in enumerate(row):
            if value is None or value == "":
                append(empty_cell[col])
            elif (
                isinstance(value, str)
                and "\n" not in value
                and "\r" not in value
                and "\t" not in value
            ):
                append(text_open[col] + _escape(value) + text_close)  # the common case, fast
            else:
                if not isinstance(value, (str, list, tuple)):
                    value = str(value)
                append(f"{cell_open[col]}{lines_xml(col, value)}</w:tc>")
        append("</w:tr>")
    return _table_xml(widths, out, borders=True, cell_margin_mm=DATA_CELL_MARGIN_MM)


class _ImageWriter:
    """Adds pictures to the document part and numbers their drawing ids."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._count = 0

    def paragraph_xml(self, image: Image) -> str:
        width = Mm(min(image.width_mm, TEXT_WIDTH_MM))
        inline = self._part.new_pic_inline(io.BytesIO(image.png), width, None)
        # python-docx numbers drawings from the body as it stands, which is still empty here.
        self._count += 1
        inline.find(qn("wp:docPr")).set("id", str(self._count))
        spec = STYLES["figure"]
        drawing = etree.tostring(inline, encoding="unicode")
        run = f"<w:r>{_rpr(spec.size, False, False)}<w:drawing>{drawing}</w:drawing></w:r>"
        return f"<w:p>{_ppr(spec)}{run}</w:p>"


# Page, styles, page numbers, properties -------------------------------------------------------
def _set_up_page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.gutter = 0


def _style_xml(spec: StyleSpec) -> str:
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
        f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="{spec.style_id}">'
        f'<w:name w:val="{spec.name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{keep}{spacing}{indent}<w:jc w:val="{spec.align}"/>{outline}</w:pPr>'
        f"{_rpr(spec.size, spec.bold, spec.italic)}</w:style>"
    )


def _install_styles(document: Document) -> None:
    """Times New Roman everywhere in styles.xml, document defaults, then the ND30 styles."""
    styles = document.styles.element
    # Theme font attributes win over explicit names, so remove them wherever they are.
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del fonts.attrib[attr]
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{slot}"), FONT)
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {_W}><w:rPrDefault><w:rPr>{_FONTS}"
            '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN"'
            ' w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            "</w:docDefaults>"
        ),
    )
    normal = styles.xpath('w:style[@w:styleId="Normal"]')[0]
    for old in normal.findall(qn("w:rPr")):
        normal.remove(old)
    normal.append(parse_xml(f'<w:rPr {_W}>{_FONTS}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'))
    for spec in STYLES.values():
        styles.append(parse_xml(_style_xml(spec)))


def _set_page_numbers(document: Document) -> None:
    """A centred PAGE field in the page header; the first page's header stays empty."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    spec = STYLES["page_number"]
    first = section.first_page_header
    first.is_linked_to_previous = False
    for paragraph in first._element.findall(qn("w:p")):
        first._element.remove(paragraph)
    first._element.append(parse_xml(f"<w:p {_W}>{_ppr(spec)}</w:p>"))
    header = section.header
    header.is_linked_to_previous = False
    for paragraph in header._element.findall(qn("w:p")):
        header._element.remove(paragraph)
    rpr = _rpr(spec.size, False, False)
    header._element.append(
        parse_xml(
            f"<w:p {_W}>{_ppr(spec)}"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{rpr}<w:t>2</w:t></w:r>"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    )


def _set_core_properties(document: Document, heading: Heading, title: Title) -> None:
    # Fixed values only (no "now"), so that the same content always saves to the same bytes.
    props = document.core_properties
    when = heading.date or dt.date(heading.year, 1, 1)
    props.created = props.modified = dt.datetime(when.year, when.month, when.day)
    props.title = clean_text(f"{title.doc_type} {title.summary}".strip())[:255]
    props.author = props.last_modified_by = clean_text(" ".join(heading.issuer.split()))[:255]
    props.subject = props.keywords = props.category = props.comments = ""
    props.language = "vi-VN"
    props.revision = 1


def _drop_template_extras(document: Document) -> None:
    """Drop the template's stylesWithEffects part and thumbnail: they describe no real document."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rel_id]
