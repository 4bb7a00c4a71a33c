"""A .docx read the way Word lays it out: blocks in order, each run's effective formatting.

A run's property is resolved as Word does: the document defaults, then the paragraph's style
and the styles it is based on, then the run's character style and its bases, then the run's
own properties. A font named through the theme (`w:asciiTheme="minorHAnsi"`) is looked up in
the theme part. Only lxml and zipfile are used: the file is read once, never saved.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from typing import Any, BinaryIO

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_TWIP_MM = 25.4 / 1440


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


class UnreadableDocument(Exception):
    """The file is not a .docx that can be read (not a zip, no document part, bad XML)."""


@dataclass(frozen=True)
class RunFormat:
    """One run's text and its effective formatting."""

    text: str
    font: str | None  # the font its letters print in (hAnsi slot, else ascii)
    fonts: tuple[str | None, ...]  # ascii, hAnsi resolved
    size: float  # pt
    bold: bool
    italic: bool
    caps: bool
    color: str | None


@dataclass(eq=False)
class Para:
    """A paragraph with its effective paragraph format and its runs."""

    index: int  # 1-based among the body's top-level paragraphs (0 inside a table)
    runs: list[RunFormat]
    align: str  # left, center, right, both
    first_line_mm: float
    left_mm: float
    right_mm: float
    before_pt: float
    after_pt: float
    line: float | None  # multiple of a single line, or None when exact/at-least
    border_bottom: bool
    fields: str  # field instructions in the paragraph
    drawing: bool  # holds a drawing or a VML shape (a line drawn under a heading, say)
    element: object = field(repr=False, default=None)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def text_runs(self) -> list[RunFormat]:
        return [r for r in self.runs if r.text.strip()]


@dataclass(eq=False)
class Cell:
    paragraphs: list[Para]
    width_mm: float | None

    @property
    def texts(self) -> list[Para]:
        return [p for p in self.paragraphs if p.text.strip()]


@dataclass(eq=False)
class TableBlock:
    index: int  # 1-based among the body's top-level tables
    rows: list[list[Cell]]
    borders: bool  # any visible border on the table or its cells
    cell_margins_mm: float  # left and right together, inside each cell
    element: object = field(repr=False, default=None)

    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row]

    @property
    def text(self) -> str:
        return " ".join(p.text for c in self.cells() for p in c.texts)


@dataclass
class Section:
    number: int
    width_mm: float
    height_mm: float
    landscape: bool
    margins_mm: dict[str, float]  # top, bottom, left, right
    title_page: bool
    first_header: list[Para] | None  # None when the first page has no header of its own
    header: list[Para] | None
    first_footer: list[Para] | None
    footer: list[Para] | None
    start: int = 0  # the index in DocxLayout.blocks of the section's first block
    page_start: int | None = None  # the number its pages start from, when it restarts them


@dataclass
class DocxLayout:
    blocks: list  # Para and TableBlock in body order
    sections: list[Section]


_SLOTS = ("ascii", "hAnsi")
_TOGGLES = ("b", "i", "caps")


class _Styles:
    def __init__(self, styles_root, theme_fonts: dict[str, str]) -> None:
        self.theme = theme_fonts
        self.by_id = {}
        self.default_para = None
        self.default_char = None
        if styles_root is None:
            self.defaults_r = None
            self.defaults_p = None
            return
        for style in styles_root.iter(w("style")):
            sid = style.get(w("styleId"))
            self.by_id[sid] = style
            if style.get(w("default")) in ("1", "true", "on"):
                kind = style.get(w("type"))
                if kind == "paragraph":
                    self.default_para = sid
        self.defaults_r = styles_root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults_p = styles_root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        self._chains: dict[str | None, list] = {}

    def chain(self, style_id: str | None) -> list:
        """The style and its bases, the nearest first."""
        if style_id in self._chains:
            return self._chains[style_id]
        chain, seen = [], set()
        current = self.by_id.get(style_id)
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            chain.append(current)
            based = current.find(w("basedOn"))
            current = self.by_id.get(based.get(w("val"))) if based is not None else None
        self._chains[style_id] = chain
        return chain


def _on(element) -> bool:
    value = element.get(w("val"))
    return value not in ("0", "false", "off", "none")


def _num(element, attr: str, default: float = 0.0) -> float:
    if element is None:
        return default
    value = element.get(w(attr))
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


class _Resolver:
    """Effective run and paragraph properties, memoised per (paragraph style, run style)."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self._base: dict = {}

    def _layers(self, para_style: str | None, run_style: str | None) -> list:
        """rPr elements from the weakest (document defaults) to the strongest (character style)."""
        layers = [self.styles.defaults_r]
        layers += [s.find(w("rPr")) for s in reversed(self.styles.chain(para_style))]
        layers += [s.find(w("rPr")) for s in reversed(self.styles.chain(run_style))]
        return [layer for layer in layers if layer is not None]

    def base(self, para_style: str | None, run_style: str | None) -> dict:
        key = (para_style, run_style)
        if key not in self._base:
            self._base[key] = self._apply({"size": 10.0, "b": False, "i": False, "caps": False,
                                           "color": None, "ascii": None, "hAnsi": None},
                                          self._layers(para_style, run_style))
        return self._base[key]

    def _apply(self, props: dict, layers: list) -> dict:
        props = dict(props)
        for rpr in layers:
            sz = rpr.find(w("sz"))
            if sz is not None and sz.get(w("val")):
                props["size"] = _num(sz, "val") / 2
            for name in _TOGGLES:
                element = rpr.find(w(name))
                if element is not None:
                    props[name] = _on(element)
            color = rpr.find(w("color"))
            if color is not None:
                props["color"] = color.get(w("val"))
            fonts = rpr.find(w("rFonts"))
            if fonts is not None:
                for slot in _SLOTS:
                    theme = fonts.get(w(f"{slot}Theme"))
                    if theme is not None:  # a theme font wins over a name on the same element
                        props[slot] = self.styles.theme.get(theme, theme)
                    elif fonts.get(w(slot)) is not None:
                        props[slot] = fonts.get(w(slot))
        return props

    def run(self, r, para_style: str | None) -> RunFormat | None:
        texts = []
        for child in r:
            tag = child.tag
            if tag == w("t"):
                texts.append(child.text or "")
            elif tag == w("tab"):
                texts.append("\t")
            elif tag in (w("br"), w("cr")):
                texts.append("\n" if child.get(w("type")) in (None, "textWrapping") else "")
            elif tag == w("noBreakHyphen"):
                texts.append("-")
        rpr = r.find(w("rPr"))
        run_style = None
        if rpr is not None:
            rstyle = rpr.find(w("rStyle"))
            run_style = rstyle.get(w("val")) if rstyle is not None else None
        props = self.base(para_style, run_style)
        if rpr is not None:
            props = self._apply(props, [rpr])
        return RunFormat(
            text="".join(texts),
            font=props["hAnsi"] or props["ascii"],
            fonts=(props["ascii"], props["hAnsi"]),
            size=props["size"],
            bold=props["b"],
            italic=props["i"],
            caps=props["caps"],
            color=props["color"],
        )

    def paragraph(self, p, index: int) -> Para:
        ppr = p.find(w("pPr"))
        style_id = self.styles.default_para
        if ppr is not None:
            pstyle = ppr.find(w("pStyle"))
            if pstyle is not None:
                style_id = pstyle.get(w("val"))
        layers = [self.styles.defaults_p]
        layers += [s.find(w("pPr")) for s in reversed(self.styles.chain(style_id))]
        layers.append(ppr)
        fmt: dict[str, Any] = {"jc": "left", "firstLine": 0.0, "left": 0.0, "right": 0.0,
                               "before": 0.0, "after": 0.0, "line": 1.0, "border": False}
        for layer in layers:
            if layer is None:
                continue
            jc = layer.find(w("jc"))
            if jc is not None:
                fmt["jc"] = {"start": "left", "end": "right", "distribute": "both"}.get(
                    jc.get(w("val")), jc.get(w("val")))
            ind = layer.find(w("ind"))
            if ind is not None:
                if ind.get(w("hanging")) is not None:
                    fmt["firstLine"] = -_num(ind, "hanging") * _TWIP_MM
                elif ind.get(w("firstLine")) is not None:
                    fmt["firstLine"] = _num(ind, "firstLine") * _TWIP_MM
                for side, names in (("left", ("left", "start")), ("right", ("right", "end"))):
                    for name in names:
                        if ind.get(w(name)) is not None:
                            fmt[side] = _num(ind, name) * _TWIP_MM
            spacing = layer.find(w("spacing"))
            if spacing is not None:
                if spacing.get(w("before")) is not None:
                    fmt["before"] = _num(spacing, "before") / 20
                if spacing.get(w("after")) is not None:
                    fmt["after"] = _num(spacing, "after") / 20
                if spacing.get(w("line")) is not None:
                    rule = spacing.get(w("lineRule")) or "auto"
                    fmt["line"] = _num(spacing, "line") / 240 if rule == "auto" else None
            bdr = layer.find(w("pBdr"))
            if bdr is not None:
                bottom = bdr.find(w("bottom"))
                if bottom is not None:
                    fmt["border"] = bottom.get(w("val")) not in ("nil", "none")
        runs, fields = [], []
        for r in p.iter(w("r")):
            if _inside_textbox(r, p):
                continue
            run = self.run(r, style_id)
            if run is not None and run.text:
                runs.append(run)
            for instr in r.iter(w("instrText")):
                fields.append(instr.text or "")
        for simple in p.iter(w("fldSimple")):
            fields.append(simple.get(w("instr")) or "")
        return Para(
            index=index, runs=runs, align=fmt["jc"], first_line_mm=fmt["firstLine"],
            left_mm=fmt["left"], right_mm=fmt["right"], before_pt=fmt["before"],
            after_pt=fmt["after"], line=fmt["line"], border_bottom=fmt["border"],
            fields=" ".join(fields),
            drawing=next(p.iter(w("drawing"), w("pict")), None) is not None, element=p,
        )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _inside_textbox(r, p) -> bool:
    """A run in a text box or frame drawn from this paragraph, not the paragraph's own text."""
    parent = r.getparent()
    while parent is not None and parent is not p:
        if parent.tag == w("txbxContent"):
            return True
        parent = parent.getparent()
    return False


def _table(tbl, index: int, resolver: _Resolver) -> TableBlock:
    rows = []
    for tr in tbl.findall(w("tr")):
        cells = []
        for tc in tr.findall(w("tc")):
            width = tc.find(f"{w('tcPr')}/{w('tcW')}")
            width_mm = None
            if width is not None and width.get(w("type")) in (None, "dxa"):
                width_mm = _num(width, "w") * _TWIP_MM
            paragraphs = [resolver.paragraph(p, 0) for p in tc.iter(w("p"))]
            cells.append(Cell(paragraphs, width_mm))
        rows.append(cells)
    # Each edge: the table's own setting, else its table style's (Word's "Table Grid" draws
    # every edge unless the table says none); any visible cell border counts too.
    edges: dict[str, str | None] = {}
    style = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
    if style is not None:
        for element in reversed(resolver.styles.chain(style.get(w("val")))):
            for holder in element.iter(w("tblBorders")):
                edges.update({_local(edge.tag): edge.get(w("val")) for edge in holder})
    own = tbl.find(f"{w('tblPr')}/{w('tblBorders')}")
    if own is not None:
        edges.update({_local(edge.tag): edge.get(w("val")) for edge in own})
    borders = any(value not in (None, "nil", "none") for value in edges.values()) or any(
        edge.get(w("val")) not in (None, "nil", "none")
        for holder in tbl.iter(w("tcBorders")) for edge in holder)
    margins = 0.0
    for side, other in (("left", "start"), ("right", "end")):
        holder = f"{w('tblPr')}/{w('tblCellMar')}"
        margin = tbl.find(f"{holder}/{w(side)}")
        if margin is None:
            margin = tbl.find(f"{holder}/{w(other)}")
        margins += (_num(margin, "w", 108) if margin is not None else 108) * _TWIP_MM
    return TableBlock(index, rows, borders, margins, tbl)


def read_layout(source: str | os.PathLike | BinaryIO) -> DocxLayout:
    """The body's blocks and the sections of a .docx, with effective formatting."""
    from lxml import etree

    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())

            def load(name: str):
                if name not in names:
                    return None
                return etree.fromstring(archive.read(name))

            main = _main_part(load("_rels/.rels"))
            document = load(main)
            if document is None:
                raise UnreadableDocument("no document part")
            folder = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
            rels = load(f"{folder}_rels/{main.rsplit('/', 1)[-1]}.rels")
            targets = {}
            if rels is not None:
                for rel in rels:
                    targets[rel.get("Id")] = (rel.get("Type", ""), folder + rel.get("Target", ""))
            styles_name = next((t for kind, t in targets.values() if kind.endswith("/styles")),
                               f"{folder}styles.xml")
            theme_name = next((t for kind, t in targets.values() if kind.endswith("/theme")),
                              None)
            theme = _theme_fonts(load(theme_name) if theme_name else None)
            resolver = _Resolver(_Styles(load(styles_name), theme))
            parts = {rid: load(target) for rid, (kind, target) in targets.items()
                     if kind.endswith("/header") or kind.endswith("/footer")}
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, ValueError) as exc:
        raise UnreadableDocument(getattr(exc, "strerror", None) or str(exc)) from exc

    body = document.find(w("body"))
    if body is None:
        raise UnreadableDocument("no body")
    blocks: list[Para | TableBlock] = []
    sections: list[Section] = []
    paragraphs = tables = 0
    start = 0  # where the section being read began
    for child in _body_children(body):
        if child.tag == w("p"):
            paragraphs += 1
            blocks.append(resolver.paragraph(child, paragraphs))
            inline = child.find(f"{w('pPr')}/{w('sectPr')}")
            if inline is not None:
                sections.append(_section(inline, len(sections) + 1, parts, resolver, start))
                start = len(blocks)
        elif child.tag == w("tbl"):
            tables += 1
            blocks.append(_table(child, tables, resolver))
    final = body.find(w("sectPr"))
    if final is not None:
        sections.append(_section(final, len(sections) + 1, parts, resolver, start))
    return DocxLayout(blocks, sections)


def _body_children(body):
    """The body's paragraphs and tables, looking through content controls and revisions."""
    for child in body:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in (w("sdt"),):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _body_children(content)
        elif child.tag in (w("customXml"), w("ins")):
            yield from _body_children(child)


def _main_part(rels) -> str:
    if rels is not None:
        for rel in rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


def _theme_fonts(theme) -> dict[str, str]:
    """minorHAnsi, majorAscii … → the theme's Latin typeface."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for kind in ("major", "minor"):
        latin = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
        if latin is not None:
            for slot in ("Ascii", "HAnsi", "EastAsia", "Bidi"):
                fonts[f"{kind}{slot}"] = latin.get("typeface")
    return fonts


def _section(sect, number: int, parts: dict, resolver: _Resolver, start: int = 0) -> Section:
    size = sect.find(w("pgSz"))
    width = _num(size, "w", 12240) * _TWIP_MM
    height = _num(size, "h", 15840) * _TWIP_MM
    landscape = (size is not None and size.get(w("orient")) == "landscape") or width > height
    mar = sect.find(w("pgMar"))
    margins = {side: _num(mar, side, 1440) * _TWIP_MM
               for side in ("top", "bottom", "left", "right")}
    title_page = sect.find(w("titlePg"))
    headers: dict[str, list[Para]] = {}
    footers: dict[str, list[Para]] = {}
    for kind, found in (("headerReference", headers), ("footerReference", footers)):
        for reference in sect.findall(w(kind)):
            part = parts.get(reference.get(f"{{{R}}}id"))
            if part is not None:
                found[reference.get(w("type"), "default")] = [
                    resolver.paragraph(p, 0) for p in part.iter(w("p"))]
    numbering = sect.find(w("pgNumType"))
    page_start = numbering.get(w("start")) if numbering is not None else None
    return Section(
        number=number, width_mm=width, height_mm=height, landscape=landscape, margins_mm=margins,
        title_page=title_page is not None and _on(title_page),
        first_header=headers.get("first"), header=headers.get("default"),
        first_footer=footers.get("first"), footer=footers.get("default"),
        start=start, page_start=int(page_start) if page_start and page_start.isdigit() else None,
    )
