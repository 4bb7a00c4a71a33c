"""The outgoing register extract: a year's issued plans and reports, in the ten columns of
Decree 30/2020/NĐ-CP, Appendix IV, as an .xlsx that prints on A4 landscape.

The school's own register (sổ đăng ký văn bản đi) also holds its other documents; this is an
extract the clerk copies into it. Drafts (no number or date) are not listed. Nothing here
prints.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from commsplan.book import Book
from commsplan.issued import PLAN, REPORT, TYPE_CODES, IssuedRow, issued_rows
from commsplan.plan import Plan
from commsplan.sheet_writers.workbook import stable_xlsx

# Appendix IV's ten columns, in its order: (header, width in characters).
COLUMNS = (
    ("Số, ký hiệu văn bản", 16),
    ("Ngày tháng văn bản", 12),
    ("Tên loại và trích yếu nội dung văn bản", 44),
    ("Người ký", 20),
    ("Nơi nhận văn bản", 30),
    ("Đơn vị, người nhận bản lưu", 16),
    ("Số lượng bản", 8),
    ("Ngày chuyển", 12),
    ("Ký nhận", 14),
    ("Ghi chú", 20),
)
TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {year} (trích: kế hoạch, báo cáo do commsplan tạo)"
HEADER_ROW = 2  # the title above it; the columns' numbers (1)…(10) under it
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # zip entries' and properties' time: same data, same bytes


@dataclass(frozen=True)
class Entry:
    """One line of the register: the ten fields, as printed."""

    number_symbol: str
    date: dt.date
    kind_summary: str
    signer: str
    recipients: str
    kept_by: str
    copies: int | None
    sent: dt.date | None
    received_by: str
    notes: str

    def cells(self) -> list:
        return [self.number_symbol, self.date, self.kind_summary, self.signer, self.recipients,
                self.kept_by, self.copies, self.sent, self.received_by, self.notes]


@dataclass(frozen=True)
class Extract:
    """A year's register extract: its entries and the .xlsx bytes that print them."""

    year: int
    entries: list[Entry]
    data: bytes


def register_extract(book: Book, year: int | None = None, plan: Plan | None = None,
                     as_of: dt.date | None = None) -> Extract:
    """The register extract of a year (default: the latest year with an issued document)."""
    from commsplan.plan import read_plan

    plan = plan or read_plan(book)
    year = year or latest_year(book, plan, as_of)
    entries = register_entries(book, year, plan, as_of)
    return Extract(year, entries, register_workbook(entries, year))


def register_entries(book: Book, year: int, plan: Plan | None = None,
                     as_of: dt.date | None = None) -> list[Entry]:
    """The year's issued plans and reports (number and date both given), by date then
    number; drafts are left out."""
    from commsplan.plan import read_plan

    plan = plan or read_plan(book)
    rows = issued_rows(book, plan, as_of)
    entries = []
    plan_rows = [row for row in rows if row.kind == PLAN]
    general = book.general
    number, date = general.get("plan_number"), general.get("plan_date")
    if number and date and date.year == year:
        entries.append(_entry(book, plan, PLAN, number, date, plan_rows[0] if plan_rows else None))
    seen = set()
    for row in rows:
        if row.kind != REPORT or row.period is None or row.number is None or row.date is None \
                or row.date.year != year or row.identity in seen:
            continue
        seen.add(row.identity)
        entries.append(_entry(book, plan, REPORT, row.number, row.date, row))
    return sorted(entries, key=lambda e: (e.date, e.number_symbol))


def latest_year(book: Book, plan: Plan | None = None, as_of: dt.date | None = None) -> int:
    """The latest year with an issued plan or report; this year when there is none."""
    years = [row.date.year for row in issued_rows(book, plan, as_of)
             if row.number and row.date is not None]
    if book.general.get("plan_number") and book.general.get("plan_date"):
        years.append(book.general.get("plan_date").year)
    return max(years, default=(as_of or dt.date.today()).year)


def _entry(book: Book, plan: Plan, kind: str, number: int, date: dt.date,
           row: IssuedRow | None) -> Entry:
    from commsplan.documents import common
    from commsplan.documents.report import period_name, report_topic

    words = common.document_words(kind)
    general = book.general
    symbol = "-".join(part for part in ("".join(words["type_code"].split()),
                                        "".join(general.get("school_symbol", "").split())) if part)
    if kind == PLAN:
        summary = general.get("summary", "")
    elif row is not None and row.topic and row.period is not None:
        topic = report_topic(plan, row.topic)
        summary = words["topic_summary"].format(topic=topic.topic, period=period_name(row.period))
    else:
        assert row is not None and row.period is not None
        summary = words["summary"].format(period=period_name(row.period))
    doc_type = words["doc_type"].capitalize()
    lines = [line for line in common.recipients_for(book, TYPE_CODES[kind])
             if not line.strip().casefold().startswith("lưu")]
    recipients = "; ".join(" ".join(line.lstrip(" -").rstrip(" ;.").split())
                           for text in lines for line in text.split("\n") if line.strip())
    kept = ["VT"]
    if row is not None and row.filing.archive_unit:
        kept.append(" ".join(row.filing.archive_unit.split()))
    return Entry(
        number_symbol=f"{number:02d}/{symbol.upper()}",
        date=date,
        kind_summary=f"{doc_type} {summary}".strip(),
        signer=(row.signer if row is not None and row.signer else general.get("signer_name", "")),
        recipients=recipients,
        kept_by=", ".join(kept),
        copies=row.filing.copies if row is not None else None,
        sent=row.sent_date if row is not None else None,
        received_by="",
        notes=row.notes if row is not None else "",
    )


def register_workbook(entries: list[Entry], year: int) -> bytes:
    """The register extract as .xlsx bytes: A4 landscape, fit to the page's width, the
    header rows repeated on every printed page; the same entries give the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Sổ văn bản đi {year}"
    font = "Times New Roman"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.cell(row=1, column=1, value=TITLE.format(year=year)).font = Font(name=font, size=13,
                                                                            bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.cell(row=1, column=1).alignment = centre
    for index, (header, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        for row, text in ((HEADER_ROW, header), (HEADER_ROW + 1, f"({index})")):
            cell = sheet.cell(row=row, column=index, value=text)
            cell.font = Font(name=font, size=11, bold=row == HEADER_ROW)
            cell.alignment, cell.border = centre, box
    for offset, entry in enumerate(entries):
        for index, value in enumerate(entry.cells(), start=1):
            cell = sheet.cell(row=HEADER_ROW + 2 + offset, column=index, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.font, cell.alignment, cell.border = Font(name=font, size=11), wrap, box
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 2, column=1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    sheet.print_options.horizontalCentered = True
    stamp = dt.datetime(*FIXED_TIME)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "commsplan"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return stable_xlsx(buffer.getvalue(), stamp)
