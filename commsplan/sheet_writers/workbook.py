"""Write a workbook with the contract's tabs: the blank template, the demo, test fixtures.

Headers, a frozen header row, column widths, each column's help as a header comment, and
dropdown lists for columns with allowed values or references to another tab's column.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any, Iterable

from commsplan.contract import Column, Contract, Tab, load_contract

REF_ROWS = 2000  # how far a dropdown's reference range reaches into the other tab


def workbook_bytes(data: dict[str, Iterable[Iterable[Any]]] | None = None,
                   contract: Contract | None = None) -> bytes:
    """An .xlsx with every contract tab; data maps a tab key to its rows under the header.

    For the fields tab, data maps to (item label, value) pairs; without it, every item's
    label is written with an empty value.
    """
    from openpyxl import Workbook

    contract = contract or load_contract()
    data = data or {}
    workbook = Workbook()
    workbook.remove(workbook.active)
    for tab in contract.tabs:
        sheet = workbook.create_sheet(tab.name)
        if tab.layout == "fields":
            _fields_sheet(sheet, tab, data.get(tab.key))
        else:
            _table_sheet(sheet, contract, tab, data.get(tab.key, ()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def holds_data(path) -> bool:
    """Whether the workbook at path has a value the blank template has not: a school's data,
    which a blank template must never replace. A file that is no workbook holds none; a
    password-protected one is taken to hold some."""
    from commsplan.errors import SourceError
    from commsplan.sources.workbook import read_workbook

    try:
        existing = read_workbook(path)
    except SourceError as exc:
        return exc.key == "source-encrypted"
    blank = read_workbook(io.BytesIO(workbook_bytes()))
    return bool(_values(existing) - _values(blank))


def _values(raw) -> set[tuple]:
    return {(table.name, r, c, value) for table in raw.tables
            for r, row in enumerate(table.rows) for c, value in enumerate(row)
            if value not in (None, "")}


def _header_cell(sheet, row: int, col: int, text: str, help_text: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = sheet.cell(row=row, column=col, value=text)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDEBF7")
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if help_text:
        comment = Comment(help_text, "commsplan")
        comment.width, comment.height = 300, 90
        cell.comment = comment


def _table_sheet(sheet, contract: Contract, tab: Tab, rows: Iterable[Iterable[Any]]) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for col, column in enumerate(tab.columns, start=1):
        _header_cell(sheet, 1, col, column.header, column.help)
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_cell_value(v) for v in row])
    for col, column in enumerate(tab.columns, start=1):
        letter = get_column_letter(col)
        if column.type in ("multiline", "text") and column.width >= 40:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.type == "date":
            for cell in sheet[letter][1:]:
                if isinstance(cell.value, (dt.date, dt.datetime)):  # a serial number stays one
                    cell.number_format = "DD/MM/YYYY"
        source = _dropdown_source(contract, column)
        if source:
            _add_dropdown(sheet, f"{letter}2:{letter}{REF_ROWS}", source, column)


def _fields_sheet(sheet, tab: Tab, pairs) -> None:
    from openpyxl.comments import Comment

    _header_cell(sheet, 1, 1, tab.item_header, tab.help)
    _header_cell(sheet, 1, 2, tab.value_header, "")
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    sheet.freeze_panes = "A2"
    pairs = (list(pairs) if pairs is not None else
             [(c.header, None) for c in tab.columns if not c.legacy])
    for label, value in pairs:
        sheet.append([label, _cell_value(value)])
    for row in range(2, sheet.max_row + 1):
        column = tab.match_header(str(sheet.cell(row=row, column=1).value or ""))
        if column is None:
            continue
        if column.help:
            sheet.cell(row=row, column=1).comment = Comment(column.help, "commsplan")
        value_cell = sheet.cell(row=row, column=2)
        if column.type == "date" and isinstance(value_cell.value, (dt.date, dt.datetime)):
            value_cell.number_format = "DD/MM/YYYY"
        if column.allowed:
            _add_dropdown(sheet, f"B{row}", _quoted_list(column.allowed), column)


def _dropdown_source(contract: Contract, column: Column) -> str | None:
    """A list formula: literal allowed values, or the range of the referenced column."""
    if column.type == "list":  # several values in one cell: a dropdown would refuse them
        return None
    if column.allowed:
        return _quoted_list(column.allowed)
    if column.ref:
        tab, target = contract.resolve_ref(column.ref)
        if target.allowed:
            return _quoted_list(target.allowed)
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(tab.columns.index(target) + 1)
        return f"'{tab.name}'!${letter}$2:${letter}${REF_ROWS}"
    return None


def _quoted_list(values: tuple[str, ...]) -> str:
    return '"' + ",".join(values) + '"'


def _add_dropdown(sheet, cells: str, source: str, column: Column) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.error = column.help or "Chọn một giá trị trong danh sách."
    validation.errorTitle = column.header
    validation.errorStyle = "warning"  # warn, but let staff keep a value the list lacks
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(cells)


def _cell_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value)
    return value


_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stable_xlsx(data: bytes, when: dt.datetime) -> bytes:
    """The same .xlsx with every zip entry and the document's created and modified times set to
    `when` (openpyxl writes the clock's): the same data always gives the same bytes."""
    stamp = f"{when:%Y-%m-%dT%H:%M:%SZ}".encode()
    entry_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=entry_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
