"""`commsplan init`: give a Google Sheet the contract's tabs, headers, dropdowns and formatting.

All changes go in ONE spreadsheets:batchUpdate (Google applies it whole or not at all), built
from one spreadsheets.get of the current state; only what is missing is sent, so a second run
sends nothing. Data rows are never written: headers go in row 1 only where a header is
missing, and the item labels of the general tab only into a new tab.

A tab counts as done when its header row carries commsplan's warning-only protection whose
description holds the tab's fingerprint (a hash of its part of the contract); a tab without it,
or with an older fingerprint, gets the whole set again (old rules of ours removed first).
The choices mirror the .xlsx template (`writer.py`): header style, help as header notes, widths,
frozen header, dropdowns that warn but accept other values.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from commsplan.contract import Column, Contract, Tab, load_contract
from commsplan.findings import column_letter
from commsplan.sources.google import GoogleSheet, quote_tab
from commsplan.values import as_text

MARKER = "commsplan"
STATE_FIELDS = ("properties.locale,sheets(properties(sheetId,title,index,gridProperties),"
                "protectedRanges(protectedRangeId,description,range),conditionalFormats)")
HEADER_FORMAT = {
    "textFormat": {"bold": True},
    "backgroundColor": {"red": 0xDD / 255, "green": 0xEB / 255, "blue": 0xF7 / 255},
    "wrapStrategy": "WRAP",
    "verticalAlignment": "MIDDLE",
}
HEADER_FIELDS = ("userEnteredFormat(textFormat.bold,backgroundColor,wrapStrategy,"
                 "verticalAlignment),note")
MISSING_FILL = {"red": 1.0, "green": 0.8, "blue": 0.8}
TEXT_FORMAT = {"type": "TEXT", "pattern": "@"}  # "05" typed by staff stays text
DATE_FORMAT = {"type": "DATE", "pattern": "dd/mm/yyyy"}
TEXT_TYPES = ("text", "multiline", "list", "url", "bool")
FIELDS_WIDTHS = (30, 90)
NEW_SHEET_ROWS = 1000
MONTH_FIRST_LOCALES = {"en_US", "en_PH", "es_US"}
# Our conditional-format rules, recognised by their formula (rules carry no description).
_OUR_RULE_RE = re.compile(r"^=AND\((COUNTA\(\$A\d+:\$[A-Z]+\d+\)>0|ISBLANK\(\$B\d+\)), ")


@dataclass
class ProvisionResult:
    """What init did (or would do): tabs created, tabs completed, requests in the batch."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    requests: int = 0
    locale: str | None = None

    @property
    def changed(self) -> bool:
        return self.requests > 0

    @property
    def month_first(self) -> bool:
        return self.locale in MONTH_FIRST_LOCALES


@dataclass
class _Layout:
    """Where a tab's columns are (0-based), in the sheet as it is or will be."""

    sheet_id: int
    title: str
    positions: dict[str, int]  # column key → column index
    headers_to_write: dict[int, str]  # column index → header text, for empty header cells
    item_rows: dict[str, int] = field(default_factory=dict)  # fields tab: item key → row index
    item_labels: dict[str, str] = field(default_factory=dict)  # fields tab: label as typed
    new: bool = False
    write_labels: bool = False  # fields tab: write the item labels (a new or empty tab only)
    width: int = 0  # columns used


def provision(sheet: GoogleSheet, contract: Contract | None = None) -> ProvisionResult:
    """Create what the spreadsheet lacks, in one batchUpdate (none if nothing lacks)."""
    contract = contract or load_contract()
    state = sheet.get(STATE_FIELDS)
    result = ProvisionResult(locale=state.get("properties", {}).get("locale"))
    sheets = state.get("sheets", [])
    existing = _match_sheets(contract, sheets)

    todo = [tab for tab in contract.tabs if not _up_to_date(existing.get(tab.key), tab, contract)]
    if not todo:
        return result
    # Read the header rows of the tabs to complete and of the tabs their dropdowns point to.
    needed = {tab.key for tab in todo}
    for tab in todo:
        for column in tab.columns:
            if column.ref:
                needed.add(column.ref.split(".")[0])
    to_read = [tab.key for tab in contract.tabs if tab.key in needed and tab.key in existing]
    ranges = [_header_range(contract.tab(key), existing[key]["properties"]["title"])
              for key in to_read]
    read = dict(zip(to_read, sheet.values_batch_get(ranges))) if ranges else {}

    used_ids = {s["properties"]["sheetId"] for s in sheets}
    layouts: dict[str, _Layout] = {}
    for tab in contract.tabs:
        if tab.key not in needed:
            continue
        if tab.key in existing:
            rows = read.get(tab.key, {}).get("values", [])
            layouts[tab.key] = _existing_layout(tab, existing[tab.key], rows)
        else:
            layouts[tab.key] = _new_layout(tab, _free_id(tab, used_ids))

    requests: list[dict] = []
    for tab in todo:
        layout = layouts[tab.key]
        if layout.new:
            requests.append(_add_sheet(tab, layout))
            result.created.append(tab.name)
        else:
            requests += _grow_columns(existing[tab.key], layout)
            result.updated.append(layout.title)
    for tab in todo:
        requests += _tab_requests(contract, tab, layouts, existing.get(tab.key))
    sheet.batch_update(requests)
    result.requests = len(requests)
    return result


def share(sheet: GoogleSheet, emails: list[str]) -> None:
    """Give each address edit access. Google e-mails them the link (sendNotificationEmail)."""
    for email in emails:
        sheet.share(email, role="writer", notify=True)


# The current state -----------------------------------------------------------------------

def _match_sheets(contract: Contract, sheets: list[dict]) -> dict[str, dict]:
    """tab key → the sheet that names it, chosen as the reader chooses (`assign_tabs`)."""
    by_title = {entry["properties"]["title"]: entry for entry in sheets}
    chosen, _several = contract.assign_tabs(by_title)
    return {key: by_title[title] for key, title in chosen.items()}


def fingerprint(tab: Tab, contract: Contract) -> str:
    """A short hash of what init derives from the tab's contract (and its dropdown targets)."""
    parts = [repr(tab)]
    for column in tab.columns:
        if column.ref:
            target_tab, target = contract.resolve_ref(column.ref)
            parts.append(f"{target_tab.name}.{target.key}.{target.allowed}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:10]


def _description(tab: Tab, contract: Contract) -> str:
    return (f"Dòng tiêu đề — {MARKER} init {fingerprint(tab, contract)}. Sửa tiêu đề sẽ được "
            f"cảnh báo.")


def _ours(protected: dict) -> bool:
    return f"{MARKER} init " in protected.get("description", "")


def _up_to_date(entry: dict | None, tab: Tab, contract: Contract) -> bool:
    if entry is None:
        return False
    wanted = _description(tab, contract)
    return any(p.get("description") == wanted for p in entry.get("protectedRanges", []))


def _header_range(tab: Tab, title: str) -> str:
    return f"{quote_tab(title)}!A:B" if tab.layout == "fields" else f"{quote_tab(title)}!1:1"


def _free_id(tab: Tab, used: set[int]) -> int:
    sheet_id = 710_000_000 + tab.order
    while sheet_id in used:
        sheet_id += 1000
    used.add(sheet_id)
    return sheet_id


def _new_layout(tab: Tab, sheet_id: int) -> _Layout:
    if tab.layout == "fields":
        headers = {0: tab.item_header, 1: tab.value_header}
        items = [column for column in tab.columns if not column.legacy]
        rows = {column.key: index + 1 for index, column in enumerate(items)}
        labels = {column.key: column.header for column in items}
        return _Layout(sheet_id, tab.name, {}, headers, rows, labels, new=True,
                       write_labels=True, width=2)
    positions = {column.key: index for index, column in enumerate(tab.columns)}
    headers = {index: column.header for index, column in enumerate(tab.columns)}
    return _Layout(sheet_id, tab.name, positions, headers, new=True, width=len(tab.columns))


def _existing_layout(tab: Tab, entry: dict, rows: list[list[Any]]) -> _Layout:
    props = entry["properties"]
    if tab.layout == "fields":
        return _existing_fields_layout(tab, props, rows)
    header = [as_text(v) or "" for v in (rows[0] if rows else [])]
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        column = tab.match_header(text) if text.strip() else None
        if column is not None and column.key not in positions:
            positions[column.key] = index
    next_free = max((i for i, text in enumerate(header) if text.strip()), default=-1) + 1
    headers: dict[int, str] = {}
    for column in tab.columns:  # a missing column goes after the last header
        if column.key not in positions:
            positions[column.key] = next_free
            headers[next_free] = column.header
            next_free += 1
    return _Layout(props["sheetId"], props["title"], positions, headers,
                   width=max(next_free, len(header)))


def _existing_fields_layout(tab: Tab, props: dict, rows: list[list[Any]]) -> _Layout:
    headers: dict[int, str] = {}
    first = rows[0] if rows else []
    if not (as_text(first[0]) if first else ""):
        headers[0] = tab.item_header
    if not (as_text(first[1]) if len(first) > 1 else ""):
        headers[1] = tab.value_header
    item_rows: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, row in enumerate(rows[1:], start=1):
        label = (as_text(row[0]) if row else None) or ""
        column = tab.match_header(label) if label.strip() else None
        if column is not None and column.key not in item_rows:
            item_rows[column.key] = index
            labels[column.key] = label.strip()
    if not any(as_text(v) for row in rows[1:] for v in row):  # no items yet: lay them out
        layout = _new_layout(tab, props["sheetId"])
        layout.title, layout.headers_to_write, layout.new = props["title"], headers, False
        return layout
    # An item the tab lacks is not added to a tab in use (`commsplan check` says what to add).
    return _Layout(props["sheetId"], props["title"], {}, headers, item_rows, labels, width=2)


# Requests --------------------------------------------------------------------------------

def _add_sheet(tab: Tab, layout: _Layout) -> dict:
    # An explicit sheetId lets the later requests of the same batch address the new sheet.
    return {"addSheet": {"properties": {
        "sheetId": layout.sheet_id,
        "title": tab.name,
        "gridProperties": {"rowCount": NEW_SHEET_ROWS, "columnCount": max(26, layout.width),
                           "frozenRowCount": 1},
    }}}


def _grow_columns(entry: dict, layout: _Layout) -> list[dict]:
    have = entry["properties"].get("gridProperties", {}).get("columnCount", 26)
    if layout.width <= have:
        return []
    return [{"appendDimension": {"sheetId": layout.sheet_id, "dimension": "COLUMNS",
                                 "length": layout.width - have}}]


def _tab_requests(contract: Contract, tab: Tab, layouts: dict[str, _Layout],
                  entry: dict | None) -> list[dict]:
    layout = layouts[tab.key]
    requests: list[dict] = []
    if entry is not None:
        requests += _remove_ours(entry, layout.sheet_id)
        frozen = entry["properties"].get("gridProperties", {}).get("frozenRowCount", 0)
        if not frozen:
            requests.append({"updateSheetProperties": {
                "properties": {"sheetId": layout.sheet_id, "gridProperties": {"frozenRowCount": 1}},
                "fields": "gridProperties.frozenRowCount"}})
    if tab.layout == "fields":
        requests += _fields_requests(tab, layout)
    else:
        requests += _table_requests(contract, tab, layouts)
    requests.append({"addProtectedRange": {"protectedRange": {
        "range": {"sheetId": layout.sheet_id, "startRowIndex": 0, "endRowIndex": 1},
        "description": _description(tab, contract),
        "warningOnly": True,  # staff are warned before editing a header, never blocked
    }}})
    return requests


def _remove_ours(entry: dict, sheet_id: int) -> list[dict]:
    """Delete the protection and the conditional-format rules an older init added."""
    requests = [{"deleteProtectedRange": {"protectedRangeId": p["protectedRangeId"]}}
                for p in entry.get("protectedRanges", []) if _ours(p)]
    rules = entry.get("conditionalFormats", [])
    for index in reversed(range(len(rules))):  # from the end, so the indexes stay right
        values = rules[index].get("booleanRule", {}).get("condition", {}).get("values", [])
        formula = values[0].get("userEnteredValue", "") if values else ""
        if _OUR_RULE_RE.match(formula):
            requests.append({"deleteConditionalFormatRule": {"sheetId": sheet_id, "index": index}})
    return requests


def _header_cells(layout: _Layout, notes: dict[int, str]) -> list[dict]:
    """Row 1: style and help note on every header; text only where the cell was empty."""
    requests = []
    for index in sorted(set(notes) | set(layout.headers_to_write)):
        cell: dict[str, Any] = {"userEnteredFormat": HEADER_FORMAT}
        fields = HEADER_FIELDS
        if notes.get(index):
            cell["note"] = notes[index]
        if index in layout.headers_to_write:
            cell["userEnteredValue"] = {"stringValue": layout.headers_to_write[index]}
            fields = "userEnteredValue," + fields
        requests.append({"updateCells": {
            "start": {"sheetId": layout.sheet_id, "rowIndex": 0, "columnIndex": index},
            "rows": [{"values": [cell]}],
            "fields": fields,
        }})
    return requests


def _column_range(layout: _Layout, index: int, first_row: int = 1) -> dict:
    # No endRowIndex: the range runs to the bottom of the sheet, rows added later included.
    return {"sheetId": layout.sheet_id, "startRowIndex": first_row,
            "startColumnIndex": index, "endColumnIndex": index + 1}


def _width(layout: _Layout, index: int, characters: int) -> dict:
    return {"updateDimensionProperties": {
        "range": {"sheetId": layout.sheet_id, "dimension": "COLUMNS",
                  "startIndex": index, "endIndex": index + 1},
        "properties": {"pixelSize": int(characters * 7 + 5)},
        "fields": "pixelSize",
    }}


def _number_format(column: Column) -> dict | None:
    if column.type in TEXT_TYPES:
        return TEXT_FORMAT
    if column.type == "date":
        return DATE_FORMAT
    return None


def _format_cells(grid_range: dict, column: Column) -> dict | None:
    number = _number_format(column)
    wrap = column.type == "multiline" or (column.type == "text" and column.width >= 40)
    if number is None and not wrap:
        return None
    cell_format: dict[str, Any] = {}
    fields = []
    if number is not None:
        cell_format["numberFormat"] = number
        fields.append("numberFormat")
    if wrap:
        cell_format["wrapStrategy"] = "WRAP"
        cell_format["verticalAlignment"] = "TOP"
        fields += ["wrapStrategy", "verticalAlignment"]
    return {"repeatCell": {"range": grid_range, "cell": {"userEnteredFormat": cell_format},
                           "fields": f"userEnteredFormat({','.join(fields)})"}}


def _validation(grid_range: dict, condition: dict, column: Column) -> dict:
    rule: dict[str, Any] = {"condition": condition, "strict": False, "showCustomUi": True}
    if column.help:
        rule["inputMessage"] = column.help
    return {"setDataValidation": {"range": grid_range, "rule": rule}}


def _dropdown(contract: Contract, column: Column, layouts: dict[str, _Layout]) -> dict | None:
    """ONE_OF_LIST for fixed values; ONE_OF_RANGE over the other tab's column for a reference,
    so a topic added there is in the dropdown at once. Mirrors writer._dropdown_source."""
    if column.type == "list":  # several values in one cell: a dropdown would flag them all
        return None
    allowed = contract.allowed_values(column)
    if allowed:
        return {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": v} for v in allowed]}
    if column.ref:
        target_tab, target = contract.resolve_ref(column.ref)
        target_layout = layouts.get(target_tab.key)
        if target_layout is None:
            return None
        letter = column_letter(target_layout.positions[target.key])
        formula = f"={quote_tab(target_layout.title)}!${letter}$2:${letter}"
        return {"type": "ONE_OF_RANGE", "values": [{"userEnteredValue": formula}]}
    return None


def _table_requests(contract: Contract, tab: Tab, layouts: dict[str, _Layout]) -> list[dict]:
    layout = layouts[tab.key]
    notes = {layout.positions[c.key]: c.help for c in tab.columns if c.help}
    requests = _header_cells(layout, notes)
    last = column_letter(max(layout.width, 1) - 1)
    for column in tab.columns:
        index = layout.positions[column.key]
        grid_range = _column_range(layout, index)
        requests.append(_width(layout, index, column.width))
        formatting = _format_cells(grid_range, column)
        if formatting:
            requests.append(formatting)
        condition = _dropdown(contract, column, layouts)
        if condition:
            requests.append(_validation(grid_range, condition, column))
        if column.required:
            letter = column_letter(index)
            formula = f"=AND(COUNTA($A2:${last}2)>0, ISBLANK({letter}2))"
            requests.append(_missing_rule([grid_range], formula))
    return requests


def _fields_requests(tab: Tab, layout: _Layout) -> list[dict]:
    requests = _header_cells(layout, {0: tab.help} if tab.help else {})
    requests += [_width(layout, 0, FIELDS_WIDTHS[0]), _width(layout, 1, FIELDS_WIDTHS[1])]
    if layout.write_labels:  # the item labels, with their help as notes: an empty tab only
        rows = [{"values": [{"userEnteredValue": {"stringValue": c.header},
                             **({"note": c.help} if c.help else {})}]}
                for c in tab.columns if not c.legacy]
        requests.append({"updateCells": {
            "start": {"sheetId": layout.sheet_id, "rowIndex": 1, "columnIndex": 0},
            "rows": rows, "fields": "userEnteredValue,note"}})
    required_labels = []
    for column in tab.columns:
        row = layout.item_rows.get(column.key)
        if row is None:
            continue
        cell = {"sheetId": layout.sheet_id, "startRowIndex": row, "endRowIndex": row + 1,
                "startColumnIndex": 1, "endColumnIndex": 2}
        formatting = _format_cells(cell, column)
        if formatting:
            requests.append(formatting)
        if column.allowed:
            condition = {"type": "ONE_OF_LIST",
                         "values": [{"userEnteredValue": v} for v in column.allowed]}
            requests.append(_validation(cell, condition, column))
        if column.required:
            required_labels.append(layout.item_labels.get(column.key, column.header))
    if required_labels:
        # One rule keyed on the label in column A, so it follows an item moved to another row.
        names = ", ".join(f'$A2="{_formula_text(label)}"' for label in required_labels)
        formula = f"=AND(ISBLANK($B2), OR({names}))"
        requests.append(_missing_rule([_column_range(layout, 1)], formula))
    return requests


def _missing_rule(ranges: list[dict], formula: str) -> dict:
    """Conditional formatting that marks an empty required cell."""
    return {"addConditionalFormatRule": {"index": 0, "rule": {
        "ranges": ranges,
        "booleanRule": {"condition": {"type": "CUSTOM_FORMULA",
                                      "values": [{"userEnteredValue": formula}]},
                        "format": {"backgroundColor": MISSING_FILL}},
    }}}


def _formula_text(text: str) -> str:
    return text.replace('"', '""')

