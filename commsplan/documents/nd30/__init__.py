"""The frame of Decree 30/2020/NĐ-CP, Appendix I: page, header, title, "Kính gửi", footer, an
appendix's heading and its own page numbers, styles.

Every document type is built by `build_document`; the layout rules live here and nowhere else
(restated in shared/spec/nd30-layout.md). The body comes in as blocks (`Paragraph`, `Table`,
`Image`, `PageBreak`), usually made by `commsplan.documents.render` from a template.

    model.py     what the frame holds: heading, title, footer, body blocks, styles, text rules
    metrics.py   how wide a line prints in Times New Roman (rules, signature columns)
    writer.py    all of it as WordprocessingML text, every value escaped
    document.py  build_document: the frame's parts in a package, the body as text

The package and the zip are python-docx's business, in `commsplan.documents.docx_io`.
"""

from commsplan.documents.nd30.document import FramedDocument, build_document, mark_draft
from commsplan.documents.nd30.metrics import text_width_mm
from commsplan.documents.nd30.model import (
    ALIGNMENTS,
    BODY_ROLES,
    FONT,
    MOTTO,
    NATIONAL_NAME,
    STYLES,
    TEXT_WIDTH_MM,
    AnnexHeading,
    Block,
    Cell,
    Column,
    Filing,
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
from commsplan.documents.nd30.writer import footer_widths_mm, table_xml

__all__ = [
    "ALIGNMENTS",
    "BODY_ROLES",
    "FONT",
    "MOTTO",
    "NATIONAL_NAME",
    "STYLES",
    "TEXT_WIDTH_MM",
    "AnnexHeading",
    "Block",
    "Cell",
    "Column",
    "Filing",
    "Footer",
    "FramedDocument",
    "Heading",
    "Image",
    "PageBreak",
    "Paragraph",
    "Run",
    "Signer",
    "StyleSpec",
    "Table",
    "Title",
    "box12_line",
    "addressee_lines",
    "annex_reference_line",
    "build_document",
    "clean_text",
    "mark_draft",
    "footer_widths_mm",
    "normalize_legal_grounds",
    "normalize_recipients",
    "number_line",
    "place_date_line",
    "table_xml",
    "text_width_mm",
]
