"""Rows written into a Google Sheet for `commsplan import`: each run is ONE
spreadsheets:batchUpdate.

Values go as they are (stringValue, numberValue: what valueInputOption=RAW does), so a title
that starts with "=" stays text. A batchUpdate is applied whole or not at all, so the register
never gets rows that the proposals tab still lists, nor the other way round.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from commsplan.contract import Tab
from commsplan.sources.google import GoogleSheet
from commsplan.text import fold

NEW_TAB_ROWS = 1000


def sheet_grids(sheet: GoogleSheet) -> dict[str, dict]:
    """Folded tab title → {sheetId, title, rowCount, columnCount}."""
    state = sheet.get("sheets.properties(sheetId,title,gridProperties)")
    grids = {}
    for entry in state.get("sheets", []):
        props = entry["properties"]
        grid = props.get("gridProperties", {})
        grids[fold(props["title"])] = {"sheetId": props["sheetId"], "title": props["title"],
                                       "rowCount": grid.get("rowCount", 1000),
                                       "columnCount": grid.get("columnCount", 26)}
    return grids


def cell(value: Any) -> dict:
    """One CellData with the value as given, never parsed (RAW)."""
    if value is None or value == "":
        return {}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, (int, float)):
        return {"userEnteredValue": {"numberValue": value}}
    if isinstance(value, dt.date):
        value = value.strftime("%d/%m/%Y")
    return {"userEnteredValue": {"stringValue": str(value)}}


def write_rows(sheet_id: int, row_index: int, rows: list[list[Any]]) -> dict:
    """An updateCells request writing rows from row_index (0-based), column A on."""
    return {"updateCells": {
        "start": {"sheetId": sheet_id, "rowIndex": row_index, "columnIndex": 0},
        "rows": [{"values": [cell(v) for v in row]} for row in rows],
        "fields": "userEnteredValue"}}


def grow(grid: dict, rows_needed: int, columns_needed: int) -> list[dict]:
    """appendDimension requests so the grid holds rows_needed × columns_needed."""
    requests = []
    if grid["rowCount"] < rows_needed:
        requests.append({"appendDimension": {"sheetId": grid["sheetId"], "dimension": "ROWS",
                                             "length": rows_needed - grid["rowCount"]}})
    if grid["columnCount"] < columns_needed:
        requests.append({"appendDimension": {"sheetId": grid["sheetId"], "dimension": "COLUMNS",
                                             "length": columns_needed - grid["columnCount"]}})
    return requests


def new_tab(tab: Tab, sheet_id: int, rows: list[list[Any]]) -> list[dict]:
    """addSheet with the contract's headers and the rows (`commsplan init` adds the rest)."""
    header = [column.header for column in tab.columns]
    return [{"addSheet": {"properties": {
        "sheetId": sheet_id, "title": tab.name,
        "gridProperties": {"rowCount": max(NEW_TAB_ROWS, len(rows) + 1),
                           "columnCount": max(26, len(header)), "frozenRowCount": 1}}}},
        write_rows(sheet_id, 0, [header, *rows])]


def free_id(grids: dict[str, dict], start: int = 730_000_000) -> int:
    used = {g["sheetId"] for g in grids.values()}
    while start in used:
        start += 1
    return start
