"""The one module that uses python-docx: the parts of a .docx around its body, and the zip.

python-docx's default package gives the styles, the section, the page headers, the document
properties and the pictures' parts; the body never enters it. It is written as text straight
into the zip entry word/document.xml, between the package's own head and tail of that part,
so that a 100,000-row table is never parsed into a tree and serialised again.

Some of what this module calls is python-docx's internal API (a part's blob, its content types
writer, new_pic_inline): SUPPORTED_PYTHON_DOCX names the versions it is tested with, and
setup.cfg pins the same range.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable
from typing import BinaryIO, Protocol

SUPPORTED_PYTHON_DOCX = ((1, 1), (1, 3))  # from 1.1 up to, not including, 1.3
FIXED_DATETIME = dt.datetime(2000, 1, 1)
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
_MM_EMU = 36_000


class PackagedDocument(Protocol):
    """A document to save: its package, and the XML text of its body (UTF-8 pieces)."""

    package: FramePackage
    body: Iterable[bytes]


class FramePackage:
    """Every part of a .docx but the body's content, in python-docx's default package."""

    def __init__(self, document=None) -> None:
        """python-docx's default package, or the package of a python-docx Document."""
        import docx

        if document is None:
            self._document = docx.Document()
            self._drop_template_extras()
        else:
            self._document = document

    def set_page(self, *, width_mm: float, height_mm: float, margins_mm: tuple[float, ...],
                 header_distance_mm: float) -> None:
        """Portrait page size, margins (top, bottom, left, right) and header distance."""
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        section = self._document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
        top, bottom, left, right = (Mm(m) for m in margins_mm)
        section.top_margin, section.bottom_margin = top, bottom
        section.left_margin, section.right_margin = left, right
        section.header_distance = section.footer_distance = Mm(header_distance_mm)
        section.gutter = 0

    def set_styles(self, *, font: str, doc_defaults_xml: str, normal_rpr_xml: str,
                   styles_xml: Iterable[str]) -> None:
        """One font in every w:rFonts of styles.xml, new document defaults, Normal's run
        properties, then the given styles (each a w:style with its namespace declared)."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        styles = self._document.styles.element
        # Theme font attributes win over explicit names, so remove them wherever they are.
        for fonts in styles.iter(qn("w:rFonts")):
            for attr in list(fonts.attrib):
                if attr.endswith("Theme") or attr.endswith("theme"):
                    del fonts.attrib[attr]
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{slot}"), font)
        defaults = styles.find(qn("w:docDefaults"))
        defaults.getparent().replace(defaults, parse_xml(doc_defaults_xml))
        normal = styles.xpath('w:style[@w:styleId="Normal"]')[0]
        for old in normal.findall(qn("w:rPr")):
            normal.remove(old)
        normal.append(parse_xml(normal_rpr_xml))
        for style in styles_xml:
            styles.append(parse_xml(style))

    def set_page_header(self, first_page_xml: str, other_pages_xml: str) -> None:
        """The page header's paragraph: one for the first page, one for the others."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        section = self._document.sections[0]
        section.different_first_page_header_footer = True
        for header, xml in ((section.first_page_header, first_page_xml),
                            (section.header, other_pages_xml)):
            header.is_linked_to_previous = False
            element = header._element
            for paragraph in element.findall(qn("w:p")):
                element.remove(paragraph)
            element.append(parse_xml(xml))

    def set_first_page_header(self, xml: str) -> None:
        """The first page's header: the given paragraph in place of what it held."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        section = self._document.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        element = header._element
        for paragraph in element.findall(qn("w:p")):
            element.remove(paragraph)
        element.append(parse_xml(xml))

    def section_break_xml(self) -> str:
        """A w:sectPr that ends a section like the document's own (page, margins, page
        headers), the next one starting on a new page: XML text to put in the w:pPr of a
        section's last paragraph."""
        import copy

        from docx.oxml.ns import qn
        from lxml import etree

        sect = copy.deepcopy(self._document.sections[0]._sectPr)
        for old in sect.findall(qn("w:type")):
            sect.remove(old)
        kind = etree.SubElement(sect, qn("w:type"))
        kind.set(qn("w:val"), "nextPage")
        page_size = sect.find(qn("w:pgSz"))
        if page_size is not None:  # the schema's order: w:type right before w:pgSz
            page_size.addprevious(kind)
        return etree.tostring(sect, encoding="unicode")

    def restart_page_numbers(self) -> None:
        """Number the pages of the document's last section from 1."""
        from docx.oxml.ns import qn
        from lxml import etree

        sect = self._document.sections[-1]._sectPr
        for old in sect.findall(qn("w:pgNumType")):
            sect.remove(old)
        numbering = etree.SubElement(sect, qn("w:pgNumType"))
        numbering.set(qn("w:start"), "1")
        later = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                 "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
        following = next((child for child in sect if child is not numbering
                          and etree.QName(child).localname in later), None)
        if following is not None:  # the schema's order
            following.addprevious(numbering)

    def set_properties(self, *, created: dt.datetime, title: str, author: str,
                       language: str) -> None:
        """Fixed core properties (no "now"): the same content always saves to the same bytes."""
        props = self._document.core_properties
        props.created = props.modified = created
        props.title = title
        props.author = props.last_modified_by = author
        props.subject = props.keywords = props.category = props.comments = ""
        props.language = language
        props.revision = 1

    def picture_xml(self, png: bytes, width_mm: float, drawing_id: int) -> str:
        """Add a PNG to the package; its wp:inline element (width_mm wide) as XML text."""
        from docx.oxml.ns import qn
        from lxml import etree

        inline = self._document.part.new_pic_inline(io.BytesIO(png), round(width_mm * _MM_EMU),
                                                    None)
        inline.find(qn("wp:docPr")).set("id", str(drawing_id))
        return etree.tostring(inline, encoding="unicode")

    def docx_bytes(self, body: Iterable[bytes]) -> bytes:
        """The .docx file with body (the XML text inside w:body, before w:sectPr) in it."""
        from docx.opc.pkgwriter import _ContentTypesItem

        props = self._document.core_properties
        # python-docx keeps whatever dates the template had; never let "now" in.
        if props.created is None:
            props.created = FIXED_DATETIME
        if props.modified is None:
            props.modified = props.created
        main = self._document.part
        package = main.package
        parts = list(package.parts)
        for part in parts:
            part.before_marshal()
        entries: dict[str, bytes | Iterable[bytes]] = {
            "[Content_Types].xml": _ContentTypesItem.from_parts(parts).blob,
            "_rels/.rels": package.rels.xml,
        }
        for part in parts:
            if part is main:
                head, tail = main.blob.split(b"<w:body>", 1)
                entries[part.partname.membername] = _chain(head + b"<w:body>", body, tail)
            else:
                entries[part.partname.membername] = part.blob
            if len(part.rels):
                entries[part.partname.rels_uri.membername] = part.rels.xml
        return zip_entries(entries)

    def _drop_template_extras(self) -> None:
        """The template's stylesWithEffects part and thumbnail describe no real document."""
        part = self._document.part
        for rel_id, rel in list(part.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                part.drop_rel(rel_id)
        package_rels = part.package.rels
        for rel_id, rel in list(package_rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del package_rels[rel_id]


def _chain(head: bytes, body: Iterable[bytes], tail: bytes) -> Iterable[bytes]:
    yield head
    yield from body
    yield tail


def docx_bytes(document: PackagedDocument) -> bytes:
    """The .docx file of a document, byte for byte the same for the same content.

    A python-docx Document (one read back from a file, say) is saved the same way, its body
    as it holds it."""
    package = getattr(document, "package", None)
    if isinstance(package, FramePackage):
        return package.docx_bytes(document.body)
    return FramePackage(document).docx_bytes(())


def save_docx(document: PackagedDocument, target: str | os.PathLike | BinaryIO) -> None:
    """Write the document to a path or a binary stream, deterministically."""
    data = docx_bytes(document)
    if hasattr(target, "write"):
        target.write(data)
    else:
        with open(target, "wb") as handle:
            handle.write(data)


def zip_entries(entries: dict[str, bytes | Iterable[bytes]]) -> bytes:
    """A zip of the entries in a fixed order, with a fixed timestamp and fixed attributes.

    An entry given as pieces is compressed as they come, never joined into one string.
    """
    names = [n for n in _FIRST_ENTRIES if n in entries]
    names += sorted(n for n in entries if n not in _FIRST_ENTRIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # otherwise the host OS is written into each entry
            info.external_attr = 0
            data = entries[name]
            if isinstance(data, bytes):
                target.writestr(info, data, compresslevel=6)
            else:
                with target.open(info, "w") as stream:
                    for piece in data:
                        stream.write(piece)
    return out.getvalue()
