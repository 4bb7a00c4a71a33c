"""The layout rules of Decree 30/2020/NĐ-CP, Appendix I, checked on a read .docx.

The parts are found by what they say and where they stand, never by style names: the header
is the table at the top holding the Quốc hiệu; the title is the text right under it; the
signature block is the table holding "Nơi nhận:". So a generated document edited in Word or
LibreOffice, and a decree-style document made by other means, are checked alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from commsplan.documents.nd30.metrics import text_width_mm
from commsplan.lint.reader import Cell, DocxLayout, Para, Section, TableBlock

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
NUMBER_LINE = re.compile(r"Số:(?: (?P<number>\d+)| {3,})/(?P<symbol>[A-ZĐ]+(?:-[A-ZĐ0-9]+)+)")
DATE_LINE = re.compile(
    r"(?P<place>[^,]+), ngày(?: (?P<day>\d+) | {3,})"
    r"tháng(?: (?P<month>\d+) | {3,})năm (?P<year>\d{4})"
)
HEADING_1 = re.compile(r"[IVXL]+\. ")  # "I. MỤC ĐÍCH, YÊU CẦU": a part's heading, in capitals
ACADEMIC_TITLES = re.compile(r"^(GS|PGS|TS|ThS|CN|KS|BS)\.", re.IGNORECASE)
ARCHIVE_LINE = re.compile(r"- Lưu: ?VT\b")
SHORT_RULE = (0.3, 0.55)  # a rule under a heading: 1/3 to 1/2 of the text's length
MOTTO_RULE = (0.85, 1.15)  # the rule under the Tiêu ngữ: as long as the text
BOX_12 = re.compile(r"[A-ZĐ]+\.\d+")
ADDRESSEE_LABEL = "Kính gửi"
AS_ABOVE = re.compile(r"- Như trên\s*[;.]")
ANNEX_LABEL = re.compile(r"Phụ lục(?: (?:[IVXLC]+|\d+))?", re.IGNORECASE)
# "(Kèm theo Báo cáo số 05/BC-THMM2 ngày 05 tháng 02 năm 2024 của …)", or its blanks
ANNEX_REFERENCE = re.compile(r"\(Kèm theo .+ số .*/.+ ngày .+ tháng .+ năm .+ của .+\)")
# the signature and the seal at real size over about a third of it (Appendix I) need at least
# 25 mm between the signer's title and name
SIGNATURE_ROOM_MM = 25
SIGNATURE_ROOM_PT = SIGNATURE_ROOM_MM * 72 / 25.4
_MAX_PER_RULE = 20


@dataclass(frozen=True)
class Problem:
    """One breach of the layout: a message key of commsplan.messages and where it is."""

    code: str
    place: str  # "paragraph", "table", "section", "document"
    number: int  # paragraph, table or section number (1-based); 0 for the document
    start: str  # the text the paragraph or table starts with
    params: dict = field(default_factory=dict, compare=False)
    order: int = field(default=0, compare=False, repr=False)  # its place in the document

    def as_dict(self) -> dict:
        return {"code": self.code, "place": self.place, "number": self.number,
                "start": self.start, **self.params}


def _start(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


class _Checker:
    def __init__(self, layout: DocxLayout) -> None:
        self.layout = layout
        self.problems: list[Problem] = []
        self._counts: dict[str, int] = {}
        self._order = {id(block): at for at, block in enumerate(layout.blocks)}
        self.addressed = False  # the body opens with "Kính gửi" (box 9a)
        self.recipient_lines: list = []  # (table, paragraph) of box 9b's lines

    # where ------------------------------------------------------------------------------
    def add(self, code: str, where, **params) -> None:
        count = self._counts.get(code, 0) + 1
        self._counts[code] = count
        if count > _MAX_PER_RULE:
            return
        if isinstance(where, tuple):  # (table, paragraph inside it)
            table, para = where
            problem = Problem(code, "table", table.index, _start(para.text), params,
                              self._order.get(id(table), 0))
        elif isinstance(where, TableBlock):
            problem = Problem(code, "table", where.index, _start(where.text), params,
                              self._order.get(id(where), 0))
        elif isinstance(where, Para):
            problem = Problem(code, "paragraph", where.index, _start(where.text), params,
                              self._order.get(id(where), len(self._order)))
        elif isinstance(where, Section):  # page setup first, page numbers last
            late = code.startswith("lint-page-number") or "part" in params
            problem = Problem(code, "section", where.number, "", params,
                              len(self._order) if late else -1)
        else:
            problem = Problem(code, "document", 0, "", params, -1)
        self.problems.append(problem)

    def format(self, para: Para, where, part: str, *, sizes=None, bold=None, italic=None,
               upper=False, align=None) -> None:
        runs = para.text_runs
        if not runs:
            return
        if sizes is not None:
            found = sorted({r.size for r in runs if not sizes[0] <= r.size <= sizes[1]})
            if found:
                self.add("lint-size" if sizes[0] != sizes[1] else "lint-size-exact", where,
                         part=part, size=f"{found[0]:g}",
                         low=f"{sizes[0]:g}", high=f"{sizes[1]:g}")
        if bold is not None and any(r.bold != bold for r in runs):
            self.add("lint-bold" if bold else "lint-not-bold", where, part=part)
        if italic is not None and any(r.italic != italic for r in runs):
            self.add("lint-italic" if italic else "lint-upright", where, part=part)
        if upper and para.text != para.text.upper():
            self.add("lint-capitals", where, part=part)
        if upper and any(r.caps for r in runs):
            self.add("lint-caps-format", where, part=part)
        if align is not None and para.align != align:
            self.add("lint-centred" if align == "center" else "lint-justified", where, part=part)

    def rule_under(self, table: TableBlock | None, cell: Cell, heading: Para, part: str,
                   ratio: tuple[float, float]) -> None:
        """A solid line under a heading: a bottom border on it or on the empty paragraph right
        after it (its length checked against the heading's), or a line drawn there."""
        where = (table, heading) if table is not None else heading
        paragraphs = cell.paragraphs
        at = paragraphs.index(heading)
        candidates = [heading] + [p for p in paragraphs[at + 1:at + 3]]
        rule = None
        for para in candidates:
            if para is not heading and para.text.strip():
                break
            if para.drawing:
                return  # a drawn line: its length is the drawing's, not checked here
            if para.border_bottom:
                rule = para
                break
        if rule is None:
            self.add("lint-rule-missing", where, part=part)
            return
        runs = heading.text_runs
        if table is not None and cell.width_mm is not None:
            room = cell.width_mm - table.cell_margins_mm
        elif table is None:
            room = self.text_width_mm
        else:
            return
        if rule is heading:
            return  # the border spans the paragraph: nothing shorter to measure
        length = room - rule.left_mm - rule.right_mm
        bold = all(r.bold for r in runs)
        text = min(text_width_mm(heading.text, runs[0].size, bold=bold), room)
        share = length / text if text else 0
        if not ratio[0] <= share <= ratio[1]:
            self.add("lint-rule-length", where, part=part, share=f"{share:.0%}",
                     low=f"{ratio[0]:.0%}", high=f"{ratio[1]:.0%}")

    @property
    def text_width_mm(self) -> float:
        section = self.layout.sections[0] if self.layout.sections else None
        if section is None:
            return 165.0
        return section.width_mm - section.margins_mm["left"] - section.margins_mm["right"]

    # the checks -------------------------------------------------------------------------
    def run(self) -> list[Problem]:
        self.pages()
        self.fonts()
        blocks = [b for b in self.layout.blocks if not _is_draft_mark(b)]
        header_at = self.header(blocks)
        signature_at = self.signature_block(blocks, header_at)
        end = signature_at if signature_at is not None else len(blocks)
        after_title = self.title(blocks, header_at + 1 if header_at is not None else
                                 _after_loose_header(blocks), end)
        self.body(blocks[after_title:end])
        self.as_above()
        if signature_at is not None:
            self.annex(blocks, signature_at)
        self.page_numbers()
        return sorted(self.problems, key=lambda problem: problem.order)

    def pages(self) -> None:
        for section in self.layout.sections:
            if section.landscape or abs(section.width_mm - 210) > 1 or abs(
                    section.height_mm - 297) > 1:
                self.add("lint-page-size", section, width=f"{section.width_mm:.0f}",
                         height=f"{section.height_mm:.0f}")
            for side, (low, high) in MARGINS_MM.items():
                value = section.margins_mm[side]
                if not low - 0.2 <= value <= high + 0.2:
                    shown = f"{value:.1f}".rstrip("0").rstrip(".")
                    self.add(f"lint-margin-{side}", section, value=shown, low=low, high=high)

    def fonts(self) -> None:
        def paragraphs():
            for block in self.layout.blocks:
                if isinstance(block, Para):
                    yield block, block
                else:
                    for cell in block.cells():
                        for para in cell.paragraphs:
                            yield (block, para), para
            for section in self.layout.sections:
                for story in (section.first_header, section.header, section.first_footer,
                              section.footer):
                    for para in story or ():
                        yield section, para

        for where, para in paragraphs():
            runs = para.text_runs
            # Word prints a run whose font is named nowhere in Times New Roman.
            wrong = sorted({r.font for r in runs if r.font not in (None, FONT)})
            if wrong:
                self.add("lint-font", where, font=", ".join(wrong))
            colours = sorted({r.color for r in runs
                              if r.color not in (None, "auto", "000000")})
            if colours:
                self.add("lint-colour", where, colour=colours[0])

    def header(self, blocks: list) -> int | None:
        """Boxes 1–4: the header table; its index in blocks, or None."""
        at: int | None
        for at, block in enumerate(blocks[:4]):
            if isinstance(block, TableBlock) and NATIONAL_NAME in _norm(block.text).upper():
                break
            if isinstance(block, Para) and block.text.strip():
                at = None
                break
        else:
            at = None
        if at is None:
            self.add("lint-header-missing", None)
            return None
        table = blocks[at]
        if table.borders:
            self.add("lint-header-borders", table)
        paras = [p for cell in table.cells() for p in cell.texts]
        national = next(p for p in paras if _norm(p.text).upper() == NATIONAL_NAME)
        where = (table, national)
        if _norm(national.text) != NATIONAL_NAME:
            self.add("lint-national-name-text", where, expected=NATIONAL_NAME)
        self.format(national, where, "national-name", sizes=(12, 13), bold=True, italic=False,
                    align="center")
        following = paras[paras.index(national) + 1:]
        motto = following[0] if following else None
        if motto is None or _dashes(motto.text).lower() != MOTTO.lower():
            self.add("lint-motto-missing", table, expected=MOTTO)
        else:
            if _norm(motto.text) != MOTTO:
                self.add("lint-motto-text", (table, motto), expected=MOTTO)
            self.format(motto, (table, motto), "motto", sizes=(13, 14), bold=True, italic=False,
                        align="center")
            self.rule_under(table, _cell_of(table, motto), motto, "motto", MOTTO_RULE)
        number = next((p for p in paras if p.text.startswith("Số")), None)
        issuing = []
        for cell in table.cells():
            texts = cell.texts
            if texts and national not in texts and not texts[0].text.startswith("Số"):
                issuing = texts
                break
        if not issuing:
            self.add("lint-issuer-missing", table)
        else:
            *parents, issuer = issuing
            for parent in parents:
                self.format(parent, (table, parent), "parent-body", sizes=(12, 13), bold=False,
                            italic=False, upper=True, align="center")
            self.format(issuer, (table, issuer), "issuer", sizes=(12, 13), bold=True,
                        italic=False, upper=True, align="center")
            self.rule_under(table, _cell_of(table, issuer), issuer, "issuer", SHORT_RULE)
        if number is None:
            self.add("lint-number-missing", table)
        else:
            self.format(number, (table, number), "number", sizes=(13, 13), bold=False,
                        italic=False, align="center")
            match = NUMBER_LINE.fullmatch(number.text)
            if match is None:
                self.add("lint-number-text", (table, number))
            elif match["number"] is not None and (
                    len(match["number"]) < 2 or (match["number"].startswith("0")
                                                 and len(match["number"]) > 2)):
                self.add("lint-number-zero", (table, number),
                         expected=f"{int(match['number']):02d}")
        date = next((p for p in paras if ", ngày" in p.text), None)
        if date is None:
            self.add("lint-date-missing", table)
        else:
            self.format(date, (table, date), "date", sizes=(13, 14), bold=False, italic=True,
                        align="center")
            for code, params in date_line_faults(date.text):
                self.add(code, (table, date), **params)
        return at

    def title(self, blocks: list, start: int, end: int) -> int:
        """Box 5: the document type and its summary; returns where the body starts."""
        texts: list[Para] = []
        at = start
        while at < end and len(texts) < 2:
            block = blocks[at]
            if isinstance(block, TableBlock):
                break
            if block.text.strip():
                if block.text.startswith("Kính gửi") or (texts and block.align == "both"):
                    break
                texts.append(block)
            at += 1
        if not texts:
            self.add("lint-title-missing", None)
            return at
        if texts[0].text.startswith("V/v"):  # a letter: no type, the summary under the number
            return at
        kind = texts[0]
        self.format(kind, kind, "kind", sizes=(13, 14), bold=True, italic=False, upper=True,
                    align="center")
        if len(texts) > 1:
            summary = texts[1]
            self.format(summary, summary, "summary", sizes=(13, 14), bold=True, italic=False,
                        align="center")
            following = [b for b in blocks[blocks.index(summary):blocks.index(summary) + 3]
                         if isinstance(b, Para)]
            self.rule_under(None, Cell(following, None), summary, "summary", SHORT_RULE)
            while at < end and isinstance(blocks[at], Para) and not blocks[at].text.strip():
                at += 1
        return at

    def body(self, blocks: list) -> None:
        """Kính gửi (box 9a), legal grounds and body text (box 6), data tables."""
        addressees = False
        opening = self.addressees(blocks)
        grounds = _legal_grounds(blocks[opening:])
        for number, ground in enumerate(grounds):
            end = "." if number == len(grounds) - 1 else ";"
            text = ground.text.rstrip()
            if not text.endswith(end) or text[:-1].rstrip().endswith((";", ".", ",")):
                self.add("lint-legal-ground-end", ground, end=end)
        for block in blocks:
            if isinstance(block, TableBlock):
                for cell in block.cells():
                    for para in cell.texts:
                        self.format(para, (block, para), "table-text", sizes=(12, 14))
                continue
            if not block.text.strip():
                continue
            text = block.text
            if text.startswith(ADDRESSEE_LABEL):
                self.format(block, block, "addressee", sizes=(13, 14), italic=False)
                addressees = text.rstrip().endswith(":")
                if self._order.get(id(block)) != self._order.get(id(self._opening)):
                    self.add("lint-addressee-place", block)
                continue
            if addressees and text.startswith("- "):
                self.format(block, block, "addressee", sizes=(13, 14), italic=False)
                continue
            addressees = False
            if block.align in ("center",) and block.text_runs and all(
                    r.italic for r in block.text_runs):
                self.format(block, block, "caption", sizes=(12, 14))  # a figure's caption
                continue
            self.format(block, block, "body", sizes=(13, 14), align="both")
            if any(block is ground for ground in grounds):
                self.format(block, block, "legal-ground", italic=True)
            elif HEADING_1.match(text) and block.text_runs and all(
                    r.bold for r in block.text_runs) and text != text.upper():
                self.add("lint-capitals", block, part="heading")
            if not 9.9 <= block.first_line_mm <= 12.8:
                self.add("lint-indent", block, value=f"{block.first_line_mm / 10:.2f}")
            if block.after_pt < 6 - 0.01:
                self.add("lint-space-after", block, value=f"{block.after_pt:g}")
            if block.line is not None and not 1.0 <= block.line <= 1.5 + 1e-6:
                self.add("lint-line-spacing", block, value=f"{block.line:.2f}")
            if any(r.caps for r in block.text_runs):
                self.add("lint-caps-format", block, part="body")

    def addressees(self, blocks: list) -> int:
        """Box 9a, right under the title: "Kính gửi: X." for one addressee, or "Kính gửi:"
        and one "- …;" line each, the last ending "."; returns how many blocks it takes."""
        self._opening = next((b for b in blocks if isinstance(b, TableBlock) or b.text.strip()),
                             None)
        first = self._opening
        if not isinstance(first, Para) or not first.text.startswith(ADDRESSEE_LABEL):
            return 0
        self.addressed = True
        at = blocks.index(first)
        label = first.text.strip()
        if not label.endswith(":"):  # one addressee, on the label's line
            if not label.endswith(".") or label[:-1].rstrip().endswith((";", ".", ",", ":")):
                self.add("lint-addressee-end", first, end=".")
            return at + 1
        lines = []
        for block in blocks[at + 1:]:
            if isinstance(block, TableBlock):
                break
            if not block.text.strip():
                continue
            if not block.text.startswith("- "):
                break
            lines.append(block)
        if not lines:
            self.add("lint-addressee-missing", first)
        elif len(lines) == 1:
            self.add("lint-addressee-one", lines[0])
        for number, line in enumerate(lines):
            end = "." if number == len(lines) - 1 else ";"
            text = line.text.rstrip()
            if not text.endswith(end) or text[:-1].rstrip().endswith((";", ".", ",")):
                self.add("lint-addressee-end", line, end=end)
        return (blocks.index(lines[-1]) if lines else at) + 1

    def as_above(self) -> None:
        """With "Kính gửi", box 9b opens with "- Như trên;"; without it, never says it."""
        if not self.recipient_lines:
            return
        first = self.recipient_lines[0]
        said = [where for where in self.recipient_lines if AS_ABOVE.match(where[1].text)]
        if self.addressed and not AS_ABOVE.match(first[1].text):
            self.add("lint-as-above-missing", first)
        elif not self.addressed and said:
            self.add("lint-as-above-alone", said[0])

    def annex(self, blocks: list, signature_at: int) -> None:
        """An appendix after the signatures: "Phụ lục" on its own line, its name in capitals,
        "(Kèm theo … số … ngày … của …)", on pages numbered on their own (a section that
        restarts the numbering)."""
        following = [b for b in blocks[signature_at + 1:]
                     if isinstance(b, TableBlock) or b.text.strip()]
        if not following:
            return
        first = following[0]
        label = first if isinstance(first, Para) else None
        if label is None or not _norm(label.text).lower().startswith("phụ lục"):
            self.add("lint-annex-label", first)
            return
        if not ANNEX_LABEL.fullmatch(_norm(label.text)):
            self.add("lint-annex-label", label)
        else:
            self.format(label, label, "annex-label", sizes=(13, 14), bold=True, italic=False,
                        align="center")
        name = following[1] if len(following) > 1 and isinstance(following[1], Para) else None
        reference = following[2] if len(following) > 2 and isinstance(following[2],
                                                                       Para) else None
        if name is None or name.text.startswith("("):
            self.add("lint-annex-name", label)
            reference = name if name is not None and name.text.startswith("(") else None
        else:
            self.format(name, name, "annex-name", sizes=(13, 14), bold=True, italic=False,
                        upper=True, align="center")
        if reference is None or not ANNEX_REFERENCE.fullmatch(_norm(reference.text)):
            self.add("lint-annex-reference", reference or label)
        else:
            self.format(reference, reference, "annex-reference", sizes=(13, 14), bold=False,
                        italic=True, align="center")
        at = self._order.get(id(label), 0)
        signature = self._order.get(id(blocks[signature_at]), 0)
        own = [s for s in self.layout.sections if signature < s.start <= at]
        if not own or own[-1].page_start != 1:
            self.add("lint-annex-pages", label)

    def signature_block(self, blocks: list, header_at: int | None) -> int | None:
        """Boxes 7 and 9b: the table holding "Nơi nhận:"; its index in blocks, or None."""
        found = None
        for at, block in enumerate(blocks):
            if at == header_at or not isinstance(block, TableBlock):
                continue
            if any(c.texts and _norm(c.texts[0].text).startswith("Nơi nhận") for c in
                   block.cells()):
                found = at
        if found is None:
            self.add("lint-signature-missing", None)
            return None
        table = blocks[found]
        if table.borders:
            self.add("lint-signature-borders", table)
        label_cell = next(c for c in table.cells()
                          if c.texts and _norm(c.texts[0].text).startswith("Nơi nhận"))
        label, *lines = label_cell.texts
        self.format(label, (table, label), "recipients-label", sizes=(12, 12), bold=True,
                    italic=True)
        recipients = [line for line in lines if not BOX_12.fullmatch(line.text.strip())]
        self.recipient_lines = [(table, line) for line in recipients]
        for line in lines:
            self.format(line, (table, line), "recipient", sizes=(11, 11), bold=False,
                        italic=False)
        for number, code, params in recipient_faults([line.text for line in recipients]):
            line = recipients[number] if number is not None else label
            self.add(code, (table, line), **params)
        for cell in table.cells():
            texts = cell.texts
            if cell is label_cell or not texts:
                continue
            *titles, name = texts
            for title in titles:
                self.format(title, (table, title), "signer-title", sizes=(13, 14), bold=True,
                            italic=False, upper=True, align="center")
            self.format(name, (table, name), "signer-name", sizes=(13, 14), bold=True,
                        italic=False, align="center")
            if ACADEMIC_TITLES.match(name.text):
                self.add("lint-signer-academic", (table, name))
            if titles:
                paragraphs = cell.paragraphs
                between = paragraphs[paragraphs.index(titles[-1]) + 1:paragraphs.index(name)]
                room = name.before_pt + titles[-1].after_pt + sum(
                    p.before_pt + p.after_pt + 14 * (p.line or 1.0) for p in between)
                if room < SIGNATURE_ROOM_PT:
                    self.add("lint-signature-room", (table, name), room=f"{room * 25.4 / 72:.0f}",
                             least=SIGNATURE_ROOM_MM)
        return found

    def page_numbers(self) -> None:
        for section in self.layout.sections:
            first_stories = ((section.first_header, section.first_footer) if section.title_page
                             else (section.header, section.footer))
            if any(_has_page_field(story) for story in first_stories):
                self.add("lint-page-number-first", section)
            numbered = [p for p in section.header or () if "PAGE" in p.fields.split()]
            if not numbered:
                if section.number == 1 and not _has_page_field(section.footer):
                    self.add("lint-page-number-missing", section)
                elif _has_page_field(section.footer):
                    self.add("lint-page-number-footer", section)
                continue
            para = numbered[0]
            self.format(para, section, "page-number", sizes=(13, 14), bold=False, italic=False,
                        align="center")


def date_line_faults(text: str) -> list[tuple[str, dict]]:
    """'Place, ngày 05 tháng 3 năm 2024': day padded, months 1–2 padded, others not."""
    match = DATE_LINE.fullmatch(text)
    if match is None:
        return [("lint-date-text", {})]
    faults = []
    day, month = match["day"], match["month"]
    if day is not None and (len(day) != 2 or not 1 <= int(day) <= 31):
        faults.append(("lint-date-day", {"expected": f"{int(day):02d}"}))
    if month is not None:
        expected = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
        if month != expected or not 1 <= int(month) <= 12:
            faults.append(("lint-date-month", {"value": month, "expected": expected}))
    return faults


def recipient_faults(lines: list[str]) -> list[tuple[int | None, str, dict]]:
    """Lines '- …;', the last '- Lưu: VT….' ending '.': (line index or None, code, params)."""
    if not lines:
        return [(None, "lint-archive-line", {})]
    faults: list[tuple[int | None, str, dict]] = []
    for number, line in enumerate(lines):
        text = line.rstrip()
        if not text.startswith("- "):
            faults.append((number, "lint-recipient-dash", {}))
        end = "." if number == len(lines) - 1 else ";"
        if not text.endswith(end) or text[:-1].endswith((";", ".", ",", " ")):
            faults.append((number, "lint-recipient-end", {"end": end}))
    if not ARCHIVE_LINE.match(lines[-1]):
        faults.append((len(lines) - 1, "lint-archive-line", {}))
    return faults


def _legal_grounds(blocks: list) -> list[Para]:
    """The grounds opening the body: paragraphs starting "Căn cứ", or set all in italics."""
    grounds = []
    for block in blocks:
        if isinstance(block, TableBlock):
            break
        if not block.text.strip():
            continue
        runs = block.text_runs
        if block.text.startswith("Căn cứ") or (runs and all(r.italic for r in runs)
                                               and block.align == "both"):
            grounds.append(block)
        else:
            break
    return grounds


def _cell_of(table: TableBlock, para: Para) -> Cell:
    return next(cell for cell in table.cells() if any(p is para for p in cell.paragraphs))


def _has_page_field(story) -> bool:
    return any("PAGE" in p.fields.split() for p in story or ())


def _dashes(text: str) -> str:
    return re.sub(r"\s*[-–—]\s*", " - ", _norm(text))


def _is_draft_mark(block) -> bool:
    """The "DỰ THẢO" mark of an unissued draft: outside the decree's boxes, not checked."""
    if isinstance(block, Para):
        return _norm(block.text).upper() == DRAFT_MARK
    return False


def _after_loose_header(blocks: list) -> int:
    """Without a header table: the first block after any header lines left as paragraphs."""
    last = -1
    for at, block in enumerate(blocks[:12]):
        if isinstance(block, Para):
            text = _norm(block.text)
            if (text.upper() == NATIONAL_NAME or text == MOTTO or text.startswith("Số:")
                    or DATE_LINE.fullmatch(block.text)):
                last = at
    return last + 1


def check_layout(layout: DocxLayout) -> list[Problem]:
    """Every place the document departs from the decree's layout, in document order."""
    return _Checker(layout).run()
