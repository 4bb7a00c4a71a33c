"""What a workbook looks like to the people who fill it, to compare before and after a command
that writes into it: every tab's cells (value, number format, font, fill, alignment, note), its
dropdowns, column widths and frozen panes."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


def workbook_state(path: Path) -> dict:
    """Every tab's cells, validations, widths and frozen panes, by tab name."""
    book = load_workbook(path)
    state = {}
    for sheet in book.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                cells[cell.coordinate] = (cell.value, cell.number_format, repr(cell.font),
                                          repr(cell.fill), repr(cell.alignment),
                                          cell.comment.text if cell.comment else None)
        validations = sorted((str(v.sqref), v.formula1, v.type, v.errorStyle)
                             for v in sheet.data_validations.dataValidation)
        widths = {k: d.width for k, d in sheet.column_dimensions.items()}
        state[sheet.title] = (cells, validations, widths, sheet.freeze_panes)
    return state
