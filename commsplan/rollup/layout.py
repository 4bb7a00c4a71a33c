"""The submission layout, written once: a school's figures for a period as an .xlsx, and the
office's roll-up workbook, which is the same sheets with a row per school and period and one
more sheet for the schools that could not be read.

    Tổng hợp          one row per school and period: products by type, cadence periods met,
                      missed and running, topics, opinions, data errors
    Kết quả định mức  one row per cadence rule, period (and unit)
    Ý kiến dư luận    one row per public-opinion item
    Không đọc được    (roll-up only) each school that could not be read, and why

The product types are the columns the sheet contract allows (sheets_schema/activities.yaml),
in its order. The same figures give the same bytes: fixed document dates, fixed zip times.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from commsplan.errors import SourceError
from commsplan.rollup.figures import MET, MISSED, PENDING, CadenceLine, Opinion, SchoolFigures
from commsplan.sheet_writers.workbook import stable_xlsx

# Not the names of the school's own tabs (Định mức, Dư luận): a file is one or the other.
SUMMARY, CADENCE, OPINIONS, FAILED = ("Tổng hợp", "Kết quả định mức", "Ý kiến dư luận",
                                      "Không đọc được")
SHEETS = (SUMMARY, CADENCE, OPINIONS, FAILED)
YES = "Có"
# (key, header, width); "types" stands for one column per product type.
SUMMARY_COLUMNS = (
    ("school", "Trường", 36), ("period", "Kỳ", 14), ("start", "Từ ngày", 12),
    ("end", "Đến ngày", 12), ("partial", "Kỳ chưa kết thúc", 10),
    ("activities", "Tổng số sản phẩm", 12), ("types", "", 10),
    ("met", "Kỳ định mức đạt", 12), ("missed", "Kỳ định mức chưa đạt", 12),
    ("pending", "Kỳ định mức đang thực hiện", 14), ("topics", "Số chủ đề", 10),
    ("covered", "Chủ đề có sản phẩm", 12), ("idle", "Chủ đề chưa có sản phẩm", 40),
    ("opinions", "Ý kiến dư luận", 10), ("errors", "Lỗi dữ liệu", 10),
    ("warnings", "Cảnh báo", 10),
)
CADENCE_COLUMNS = (("school", "Trường", 36), ("period", "Kỳ báo cáo", 14),
                   ("product", "Định mức", 24), ("judged", "Kỳ xét", 18),
                   ("scope", "Phạm vi", 20), ("count", "Số sản phẩm", 10),
                   ("minimum", "Tối thiểu", 10), ("status", "Kết quả", 16))
OPINION_COLUMNS = (("school", "Trường", 36), ("period", "Kỳ báo cáo", 14),
                   ("date", "Ngày", 12), ("source", "Nguồn", 24), ("content", "Nội dung", 50),
                   ("handling", "Xử lý", 40), ("result", "Kết quả", 30))
FAILED_COLUMNS = (("school", "Trường", 36), ("source", "Nguồn", 50), ("reason", "Lý do", 90))


@dataclass(frozen=True)
class Failure:
    """A school that could not be read or reported on, and why (in the user's words)."""

    school: str
    source: str
    reason: str


def product_types() -> list[str]:
    """The product types the sheet contract allows, in its order."""
    from commsplan.contract import load_contract

    contract = load_contract()
    return list(contract.allowed_values(contract.tab("activities").column("type")))


def status_words() -> dict[str, str]:
    """Met, missed, running: as the school's report writes them."""
    from commsplan.documents.common import document_words

    words = document_words("report")["words"]
    return {MET: words["met"], MISSED: words["missed"], PENDING: words["pending"]}


def summary_headers(types: Sequence[str]) -> list[str]:
    headers: list[str] = []
    for key, header, _ in SUMMARY_COLUMNS:
        headers += list(types) if key == "types" else [header]
    return headers


# Writing --------------------------------------------------------------------------------------

def workbook_bytes(figures: Iterable[SchoolFigures], failures: Sequence[Failure] | None = None,
                   *, when: dt.date) -> bytes:
    """The submission file (failures None) or the roll-up workbook, dated `when`."""
    from openpyxl import Workbook

    figures = list(figures)
    types = product_types()
    words = status_words()
    book = Workbook()
    book.remove(book.active)
    stamp = dt.datetime(when.year, when.month, when.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "commsplan"
    summary = _sheet(book, SUMMARY, [(h, w) for h, w in _summary_widths(types)])
    for one in figures:
        summary.append(_summary_row(one, types))
    _dates(summary, (3, 4))
    cadence = _sheet(book, CADENCE, [(h, w) for _, h, w in CADENCE_COLUMNS])
    for one in figures:
        for line in one.cadence:
            cadence.append([one.school, one.period, line.product, line.period, line.scope or "",
                            line.count, line.minimum, words[line.status]])
    opinions = _sheet(book, OPINIONS, [(h, w) for _, h, w in OPINION_COLUMNS])
    for one in figures:
        for item in one.opinions:
            opinions.append([one.school, one.period, item.date, item.source, item.content,
                             item.handling, item.result])
    if failures is not None:
        failed = _sheet(book, FAILED, [(h, w) for _, h, w in FAILED_COLUMNS])
        for failure in failures:
            failed.append([failure.school, failure.source, failure.reason])
    out = io.BytesIO()
    book.save(out)
    return stable_xlsx(out.getvalue(), stamp)


def _summary_widths(types: Sequence[str]) -> list[tuple[str, int]]:
    widths: list[tuple[str, int]] = []
    for key, header, width in SUMMARY_COLUMNS:
        widths += [(t, width) for t in types] if key == "types" else [(header, width)]
    return widths


def _summary_row(one: SchoolFigures, types: Sequence[str]) -> list[Any]:
    values = {
        "school": one.school, "period": one.period, "start": one.start, "end": one.end,
        "partial": YES if one.partial else "", "activities": one.activities,
        "met": one.count(MET), "missed": one.count(MISSED), "pending": one.count(PENDING),
        "topics": one.topics, "covered": one.covered, "idle": "; ".join(one.idle),
        "opinions": len(one.opinions), "errors": one.errors, "warnings": one.warnings,
    }
    row: list[Any] = []
    for key, _, _ in SUMMARY_COLUMNS:
        row += [one.by_type.get(t, 0) for t in types] if key == "types" else [values[key]]
    return row


def _sheet(book, title: str, columns: list[tuple[str, int]]):
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append([header for header, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    return sheet


def _dates(sheet, columns: Sequence[int]) -> None:
    for row in sheet.iter_rows(min_row=2):
        for index in columns:
            row[index - 1].number_format = "DD/MM/YYYY"


# Reading --------------------------------------------------------------------------------------

def is_submission(tab_names: Sequence[str]) -> bool:
    """Whether a workbook's tabs are those of a submission file (or a roll-up workbook)."""
    return SUMMARY in tab_names and CADENCE in tab_names


def read_submission(source: str | os.PathLike | BinaryIO) -> list[SchoolFigures]:
    """Every school and period of a submission file or roll-up workbook (SourceError when its
    header is not the layout's)."""
    from commsplan.sources.workbook import read_workbook

    raw = read_workbook(source, tabs=lambda name: name in SHEETS)
    origin = raw.origin
    tables = {table.name: table.rows for table in raw.tables}
    types = product_types()
    headers = summary_headers(types)
    summary = tables.get(SUMMARY) or [[]]
    if [str(h) for h in summary[0][:len(headers)]] != headers:
        raise SourceError("rollup-not-submission", path=origin)
    words = {text: key for key, text in status_words().items()}
    lines: dict[tuple[str, str], list[CadenceLine]] = {}
    for row in _records(tables.get(CADENCE), CADENCE_COLUMNS):
        status = words.get(str(row["status"]))
        if status is None:
            raise SourceError("rollup-not-submission", path=origin)
        lines.setdefault((row["school"], row["period"]), []).append(CadenceLine(
            product=row["product"], period=row["judged"], scope=row["scope"] or None,
            count=_int(row["count"], origin), minimum=_int(row["minimum"], origin),
            status=status))
    opinions: dict[tuple[str, str], list[Opinion]] = {}
    for row in _records(tables.get(OPINIONS), OPINION_COLUMNS):
        opinions.setdefault((row["school"], row["period"]), []).append(
            Opinion(row["date"], row["source"], row["content"], row["handling"], row["result"]))
    figures = []
    keys = [key for key, _, _ in SUMMARY_COLUMNS]
    for values in summary[1:]:
        if not any(_text(v) for v in values):
            continue
        values = list(values) + [""] * (len(headers) - len(values))
        at = keys.index("types")
        named = dict(zip(keys[:at], values[:at], strict=True))
        named.update(zip(keys[at + 1:], values[at + len(types):], strict=False))
        counts = values[at:at + len(types)]
        by_type = {t: _int(v, origin) for t, v in zip(types, counts, strict=True)}
        school, period = _text(named["school"]), _text(named["period"])
        figures.append(SchoolFigures(
            school=school, period=period, start=_date(named["start"], origin),
            end=_date(named["end"], origin), partial=_text(named["partial"]) == YES,
            activities=_int(named["activities"], origin), by_type=by_type,
            cadence=tuple(lines.get((school, period), ())),
            topics=_int(named["topics"], origin),
            covered=_int(named["covered"], origin),
            idle=tuple(t for t in _text(named["idle"]).split("; ") if t),
            errors=_int(named["errors"], origin), warnings=_int(named["warnings"], origin),
            opinions=tuple(opinions.get((school, period), ())),
        ))
    return figures


def _records(rows: list[list[Any]] | None, columns) -> list[dict[str, str]]:
    keys = [key for key, _, _ in columns]
    found = []
    for row in (rows or [[]])[1:]:
        if not any(_text(v) for v in row):
            continue
        row = list(row) + [""] * (len(keys) - len(row))
        found.append({key: _text(value) for key, value in zip(keys, row, strict=False)})
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _int(value: Any, origin: str) -> int:
    text = _text(value)
    try:
        return int(float(text)) if text else 0
    except ValueError:
        raise SourceError("rollup-not-submission", path=origin) from None


def _date(value: Any, origin: str) -> dt.date:
    from commsplan.values import parse_date

    day, _ = parse_date(value)
    if day is None:
        raise SourceError("rollup-not-submission", path=origin)
    return day
