"""A document in the decree's frame: the frame's parts in a package, the body as XML text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from commsplan.documents.docx_io import FramePackage
from commsplan.documents.nd30 import writer
from commsplan.documents.nd30.model import (
    DRAFT_MARK,
    FONT,
    HEADER_DISTANCE_MM,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    STYLES,
    AnnexHeading,
    Block,
    Footer,
    Heading,
    Title,
    clean_text,
)


@dataclass(frozen=True, eq=False)
class FramedDocument:
    """A finished document: save it with `commsplan.save_document` (its bytes:
    `commsplan.documents.docx_io.docx_bytes`)."""

    package: FramePackage
    body: tuple[bytes, ...]  # the XML text inside w:body before the section properties, UTF-8


def build_document(
    heading: Heading,
    title: Title,
    legal_grounds: Sequence[str],
    body: Sequence[Block],
    footer: Footer,
    annex: Sequence[Block] = (),
    annex_heading: AnnexHeading | None = None,
) -> FramedDocument:
    """The decree's frame around the body blocks.

    The footer's addressees, if any, stand under the title ("Kính gửi:", box 9a). An annex
    (phụ lục) follows the signatures on a page of its own, as the decree places it; with its
    heading it is a section of its own, its pages numbered from 1 (the first page, as every
    first page, showing no number).
    """
    package = FramePackage()
    package.set_page(
        width_mm=PAGE_WIDTH_MM,
        height_mm=PAGE_HEIGHT_MM,
        margins_mm=(MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM),
        header_distance_mm=HEADER_DISTANCE_MM,
    )
    package.set_styles(
        font=FONT,
        doc_defaults_xml=writer.DOC_DEFAULTS_XML,
        normal_rpr_xml=writer.NORMAL_RPR_XML,
        styles_xml=[writer.style_xml(spec) for spec in STYLES.values()],
    )
    package.set_page_header(*writer.page_number_paragraphs_xml())
    when = heading.date or dt.date(heading.year, 1, 1)
    package.set_properties(
        created=dt.datetime(when.year, when.month, when.day),
        title=clean_text(f"{title.doc_type} {title.summary}".strip())[:255],
        author=clean_text(" ".join(heading.issuer.split()))[:255],
        language="vi-VN",
    )
    section_break = None
    if annex and annex_heading is not None:
        section_break = package.section_break_xml()  # before the last section is renumbered
        package.restart_page_numbers()
    pieces = writer.body_pieces(
        heading, title, legal_grounds, body, footer, annex, package.picture_xml,
        annex_heading=annex_heading, section_break=section_break,
    )
    return FramedDocument(package, tuple(writer.encoded(pieces)))


def mark_draft(document: FramedDocument) -> FramedDocument:
    """The document with a framed "DỰ THẢO" at the top right of its first page.

    The mark stands in the first page's header, in the top margin, outside the decree's boxes;
    the other pages keep their page numbers. Only for a draft: the caller refuses an issued
    document.
    """
    document.package.set_first_page_header(writer_draft_mark_xml())
    return document


def writer_draft_mark_xml() -> str:
    """A right-aligned paragraph holding DRAFT_MARK, bold 13 pt, in a box (a run border)."""
    fonts = "".join(f'w:{slot}="{FONT}" ' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
    return (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:pPr><w:pStyle w:val="ND30PageNumber"/><w:jc w:val="right"/></w:pPr>'
        f"<w:r><w:rPr><w:rFonts {fonts}/><w:b/><w:bCs/>"
        '<w:bdr w:val="single" w:sz="8" w:space="2" w:color="000000"/>'
        '<w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>'
        f'<w:t xml:space="preserve"> {DRAFT_MARK} </w:t></w:r></w:p>'
    )
