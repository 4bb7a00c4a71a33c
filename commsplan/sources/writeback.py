"""`check --write-back`: the findings, written to the spreadsheet's own tab "Kiểm tra".

Only that tab is touched: it is created when missing, cleared, then written with
valueInputOption=RAW, so a value copied from a cell (say `=IMPORTXML("http://…")`) arrives as
text and never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from commsplan.checks.findings import SEVERITY_WORDS, Finding, Report
from commsplan.sources.google import GoogleSheet, quote_tab
from commsplan.text import fold

TAB = "Kiểm tra"
WIDTHS = (18, 10, 24, 90, 30, 12, 18)  # characters, one per column of the findings
COLUMNS = len(WIDTHS)
FIRST_ROWS = 1000

WORDS = {
    "vi": {"title": "Kết quả kiểm tra bảng tính (commsplan)", "ran": "Thời điểm kiểm tra",
           "as_of": "Tính đến ngày", "errors": "Số lỗi", "warnings": "Số cảnh báo",
           "header": ("Ô", "Mức độ", "Mã", "Nội dung", "Giá trị", "Kỳ", "Phạm vi"),
           "none": "Không có lỗi hay cảnh báo nào.", "row": "dòng"},
    "en": {"title": "Spreadsheet check result (commsplan)", "ran": "Checked at",
           "as_of": "As of", "errors": "Errors", "warnings": "Warnings",
           "header": ("Cell", "Severity", "Code", "Message", "Value", "Period", "Scope"),
           "none": "No errors or warnings.", "row": "row"},
}


@dataclass
class WriteBackResult:
    tab: str
    rows: int
    created: bool


def rows_for(report: Report, as_of: dt.date, lang: str = "vi",
             now: dt.datetime | None = None) -> list[list[object]]:
    """The tab's content: when it ran, the counts, then one row per finding."""
    words = WORDS["en" if lang == "en" else "vi"]
    now = now or dt.datetime.now().astimezone()
    rows: list[list[object]] = [
        [words["title"]],
        [words["ran"], now.strftime("%d/%m/%Y %H:%M")],
        [words["as_of"], as_of.strftime("%d/%m/%Y")],
        [words["errors"], len(report.errors)],
        [words["warnings"], len(report.warnings)],
        [],
        list(words["header"]),
    ]
    for finding in report.findings:
        rows.append([
            reference(finding, words["row"]),
            SEVERITY_WORDS["en" if lang == "en" else "vi"][finding.severity],
            finding.code,
            finding.message(lang),
            finding.value or "",
            finding.period or "",
            finding.scope or "",
        ])
    if not report.findings:
        rows.append([words["none"]])
    return rows


def reference(finding: Finding, row_word: str = "dòng") -> str:
    """Where a finding points: 'Nhật ký!C12', 'Nhật ký (dòng 12)', 'Nhật ký', or ''."""
    if finding.tab and finding.cell:
        return f"{finding.tab}!{finding.cell}"
    if finding.tab and finding.row:
        return f"{finding.tab} ({row_word} {finding.row})"
    return finding.tab or ""


def write_back(sheet: GoogleSheet, report: Report, as_of: dt.date, lang: str = "vi",
               now: dt.datetime | None = None) -> WriteBackResult:
    """Replace the content of the "Kiểm tra" tab with the report (created if missing)."""
    rows = rows_for(report, as_of, lang, now)
    state = sheet.get("sheets.properties(sheetId,title,gridProperties)")
    entry = next((s["properties"] for s in state.get("sheets", [])
                  if fold(s["properties"]["title"]) == fold(TAB)), None)
    created = entry is None
    if created:
        sheet_id = _free_id({s["properties"]["sheetId"] for s in state.get("sheets", [])})
        sheet.batch_update(_new_tab(sheet_id, len(rows)))
        title = TAB
    else:
        title = entry["title"]
        grid = entry.get("gridProperties", {})
        grow = []
        if grid.get("rowCount", FIRST_ROWS) < len(rows):
            grow.append({"appendDimension": {"sheetId": entry["sheetId"], "dimension": "ROWS",
                                             "length": len(rows) - grid["rowCount"]}})
        if grid.get("columnCount", 26) < COLUMNS:
            grow.append({"appendDimension": {"sheetId": entry["sheetId"], "dimension": "COLUMNS",
                                             "length": COLUMNS - grid["columnCount"]}})
        if grow:
            sheet.batch_update(grow)
        sheet.values_clear(quote_tab(title))
    sheet.values_update(f"{quote_tab(title)}!A1", rows)
    return WriteBackResult(title, len(rows), created)


def _free_id(used: set[int]) -> int:
    sheet_id = 720_000_000
    while sheet_id in used:
        sheet_id += 1
    return sheet_id


def _new_tab(sheet_id: int, rows: int) -> list[dict]:
    requests: list[dict] = [{"addSheet": {"properties": {
        "sheetId": sheet_id, "title": TAB,
        "gridProperties": {"rowCount": max(FIRST_ROWS, rows), "columnCount": max(26, COLUMNS)},
    }}}]
    for index, width in enumerate(WIDTHS):
        requests.append({"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": index,
                      "endIndex": index + 1},
            "properties": {"pixelSize": width * 7 + 5}, "fields": "pixelSize"}})
    return requests
