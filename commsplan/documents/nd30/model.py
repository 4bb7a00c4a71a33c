"""What the frame of Decree 30/2020/NĐ-CP is made of: the page, the data of the heading, title
and footer, the body blocks, the paragraph styles, and the decree's rules for its text lines.

Plain values only: `commsplan.documents.nd30.writer` turns them into XML text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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
# Room for the hand signature and the seal (Decree 30, Appendix I: the seal at real size over
# about a third of the signature): 25 mm or more of free height between the lowest line of
# the signer's title and the name, as printed (a 14 pt line's box is about 18 pt high).
SIGNATURE_SPACE_PT = 75
SIGNATURE_COLUMN_MIN_MM = 55.0
RECIPIENTS_COLUMN_MIN_MM = 45.0
RULE_SHARE = 0.4  # a short rule is 1/3 to 1/2 of the text above it: draw it at 40 %

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
ARCHIVE_RECIPIENT = "Lưu: VT"
AS_ABOVE = "Như trên"  # box 9b's first line when box 9a names the addressees
ADDRESSEE_LABEL = "Kính gửi:"
ANNEX_LABEL = "Phụ lục"
DOTTED_BLANK = "…"  # the decree's dots where a draft's annex reference has no number or date
DRAFT_MARK = "DỰ THẢO"  # printed on an unissued draft at the top right of page 1 (--draft-mark)
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
class Filing:
    """The archive line's unit and copies kept, and box 12: drafter's initials, copies issued."""

    drafter: str = ""
    copies: int | None = None
    archive_unit: str = ""
    archive_copies: int | None = None


@dataclass(frozen=True)
class Footer:
    """Boxes 7, 9b and 12: recipients, signers (left to right, the head last), optional
    preparer, and the filing details under the recipients."""

    recipients: Sequence[str]
    signers: Sequence[Signer]
    preparer: Signer | None = None
    filing: Filing = Filing()
    # box 9a: the higher bodies a report is sent up to ("Kính gửi:"); box 9b then opens with
    # "- Như trên;" instead of naming them again
    addressees: Sequence[str] = ()

    def __post_init__(self) -> None:
        if not self.signers:
            raise ValueError("a document needs at least one signer")


@dataclass(frozen=True)
class AnnexHeading:
    """An appendix's heading: "Phụ lục" (with its number when there are several), its name,
    and the reference "(Kèm theo <kind> số …/… ngày … của <issuer>)" to the document it goes
    with; issuer is the issuing body's name as a sentence writes it."""

    name: str
    kind: str  # the document type as a sentence names it: "Báo cáo"
    issuer: str
    number: str = ""  # "I", "II", … when a document has several appendices

    @property
    def label(self) -> str:
        return f"{ANNEX_LABEL} {self.number}".strip()


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
    runs: Sequence[Run]

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
    bold_rows: frozenset[int] = frozenset()  # indexes into rows: a total row prints in bold

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

_BODY: dict[str, Any] = dict(align="both", first_line_mm=BODY_INDENT_MM, after_pt=BODY_AFTER_PT,
                             line=BODY_LINE)
_HEADING: dict[str, Any] = dict(_BODY, bold=True, before_pt=6, keep_next=True)

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
    # box 9a: "Kính gửi:" and the addressees, upright, between the title and the body
    "addressee": StyleSpec("ND30 Addressee", 14, align="left", after_pt=0, line=BODY_LINE),
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
    # an appendix's heading: "Phụ lục", its name, the reference to its document
    "annex_label": StyleSpec("ND30 Annex Label", 14, bold=True, keep_next=True),
    "annex_name": StyleSpec("ND30 Annex Name", 14, bold=True, keep_next=True),
    "annex_reference": StyleSpec("ND30 Annex Reference", 14, italic=True, after_pt=12,
                                 keep_next=True),
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
    return f"{place}, {_date_words(heading.date)}"


def _date_words(date: dt.date) -> str:
    """'ngày 05 tháng 02 năm 2024': the decree pads the day below 10 and only the months 1 and
    2 (so "tháng 3", "tháng 12")."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def normalize_legal_grounds(lines: Sequence[str]) -> list[str]:
    """Each ground on its own line ending ';', the last ending '.'."""
    cleaned = [_strip_end_punctuation(line) for line in _lines(lines)]
    cleaned = [line for line in cleaned if line]
    return [line + (";" if i < len(cleaned) - 1 else ".") for i, line in enumerate(cleaned)]


def normalize_recipients(lines: Sequence[str], filing: Filing = Filing(), *,
                         as_above: bool = False) -> list[str]:
    """'- text;' lines, the archive line 'Lưu: …' last (added if missing) and ending '.',
    with the filing's unit and copies kept after it ('- Lưu: VT, TCM, 02.'); with as_above
    (box 9a names the addressees), '- Như trên;' first."""
    cleaned = [_strip_end_punctuation(_undashed(line)) for line in _lines(lines)]
    cleaned = [line for line in cleaned if line]
    archive = [line for line in cleaned if line.casefold().startswith("lưu")]
    others = [line for line in cleaned if not line.casefold().startswith("lưu")]
    if as_above:
        others = [AS_ABOVE] + [line for line in others if line.casefold() != AS_ABOVE.casefold()]
    archive = archive or [ARCHIVE_RECIPIENT]
    kept = [" ".join(filing.archive_unit.split()),
            f"{filing.archive_copies:02d}" if filing.archive_copies else ""]
    archive[-1] = ", ".join([archive[-1], *(part for part in kept if part)])
    ordered = others + archive
    return [f"- {line}" + (";" if i < len(ordered) - 1 else ".") for i, line in enumerate(ordered)]


def box12_line(filing: Filing) -> str | None:
    """Box 12: the drafter's initials in capitals and the copies issued ('HT.05'); None
    unless both are given."""
    initials = _no_spaces(clean_text(filing.drafter)).upper().rstrip(".")
    if not initials or not filing.copies:
        return None
    return f"{initials}.{filing.copies:02d}"


def addressee_lines(addressees: Sequence[str]) -> list[str]:
    """Box 9a: one addressee on the line of "Kính gửi:"; several one per line below it, each
    '- …;', the last '- ….'. Empty when there is none."""
    names = [_strip_end_punctuation(_undashed(line)) for line in _lines(addressees)]
    names = list(dict.fromkeys(name for name in names if name))
    if len(names) == 1:
        return [f"{ADDRESSEE_LABEL} {names[0]}."]
    if not names:
        return []
    return [ADDRESSEE_LABEL] + [f"- {name}" + (";" if i < len(names) - 1 else ".")
                                for i, name in enumerate(names)]


def annex_reference_line(annex: AnnexHeading, heading: Heading) -> str:
    """'(Kèm theo Báo cáo số 05/BC-THMM2 ngày 05 tháng 02 năm 2024 của Trường …)'; a draft
    has the decree's dots for its number, day and month."""
    symbol = number_line(heading).split("/", 1)[1]
    issuer = " ".join(annex.issuer.split())
    if heading.number is None or heading.date is None:
        number = f"{DOTTED_BLANK}/{symbol}"
        day = f"ngày {DOTTED_BLANK} tháng {DOTTED_BLANK} năm {heading.year}"
    else:
        number = f"{heading.number:02d}/{symbol}"
        day = _date_words(heading.date)
    return f"(Kèm theo {' '.join(annex.kind.split())} số {number} {day} của {issuer})"


def _undashed(line: str) -> str:
    return line.lstrip(" \t-+•*–—")


def _lines(values: Sequence[str]) -> list[str]:
    # A sheet cell may hold several lines: each is one ground or one recipient.
    return [line for value in values for line in clean_text(value).split("\n")]


def _strip_end_punctuation(text: str) -> str:
    return " ".join(text.split()).rstrip(" ;.,")


def _no_spaces(text: str) -> str:
    return "".join(text.split())


def clean_text(text: object) -> str:
    """Text safe for XML: str() of the value, CR/LF made LF, forbidden characters removed."""
    text = "" if text is None else str(text)
    return xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))
