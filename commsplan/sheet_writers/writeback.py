"""`check --write-back`: the findings, written to commsplan's own tab ("Kiểm tra").

A tab is commsplan's own when it carries commsplan's marker: developer metadata on the tab
(key `commsplan.check-result`, value the tab's sheetId, so a copy of the tab is not taken for
it), which no one sees or types in a cell. A tab titled exactly "Kiểm tra" whose first seven rows
are the ones this module writes (made before the marker existed) is taken as ours and marked.
Any other tab is never cleared or written, whatever its name: "KIỂM TRA" is also the word for a
school's exam schedule. When such a tab is in the way, the findings go to a new tab beside it.

Our tab is cleared, then written with valueInputOption=RAW, so a value copied from a cell (say
`=IMPORTXML("http://…")`) arrives as text and never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from commsplan.findings import SEVERITY_WORDS, Finding, Report
from commsplan.sources.google import GoogleSheet, quote_tab
from commsplan.text import fold

TAB = "Kiểm tra"
BESIDE = "Kiểm tra (commsplan)"  # the title when a tab of the school's already folds to TAB
MARKER = "commsplan.check-result"
# DOCUMENT: whoever runs the next check (another key, a teacher's account) must see the marker;
# PROJECT metadata is visible to the Google Cloud project that wrote it only.
MARKER_VISIBILITY = "DOCUMENT"
STATE_FIELDS = ("sheets(properties(sheetId,title,gridProperties),"
                "developerMetadata(metadataKey,metadataValue))")
HEADER_ROWS = 7  # title, when, as of, errors, warnings, blank, column headers
WIDTHS = (18, 10, 24, 90, 30, 12, 18)  # characters, one per column of the findings
COLUMNS = len(WIDTHS)
FIRST_ROWS = 1000

WORDS: dict[str, dict[str, Any]] = {
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
    beside: str | None = None  # a tab of the school's that was in the way, left alone


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
    """Replace the content of commsplan's own tab with the report (a new tab if it has none)."""
    rows = rows_for(report, as_of, lang, now)
    sheets = [s for s in sheet.get(STATE_FIELDS).get("sheets", []) if "properties" in s]
    own = _own_tab(sheet, sheets)
    requests: list[dict] = []
    beside = None
    if own is None:
        title = _free_title([s["properties"]["title"] for s in sheets])
        beside = next((s["properties"]["title"] for s in sheets
                       if fold(s["properties"]["title"]) == fold(TAB)), None)
        sheet_id = _free_id({s["properties"]["sheetId"] for s in sheets})
        requests += _new_tab(sheet_id, title, len(rows)) + [_marker(sheet_id)]
    else:
        entry, marked = own
        title = entry["title"]
        grid = entry.get("gridProperties", {})
        if grid.get("rowCount", FIRST_ROWS) < len(rows):
            requests.append({"appendDimension": {"sheetId": entry["sheetId"], "dimension": "ROWS",
                                                 "length": len(rows) - grid["rowCount"]}})
        if grid.get("columnCount", 26) < COLUMNS:
            requests.append({"appendDimension": {
                "sheetId": entry["sheetId"], "dimension": "COLUMNS",
                "length": COLUMNS - grid["columnCount"]}})
        if not marked:
            requests.append(_marker(entry["sheetId"]))
    if requests:
        sheet.batch_update(requests)  # one batch: the new tab and its marker, or neither
    if own is not None:
        sheet.values_clear(quote_tab(title))
    sheet.values_update(f"{quote_tab(title)}!A1", rows)
    return WriteBackResult(title, len(rows), own is None, beside)


def _own_tab(sheet: GoogleSheet, sheets: list[dict]) -> tuple[dict, bool] | None:
    """Our tab's properties and whether it carries the marker; None when there is none."""
    for entry in sheets:
        props = entry["properties"]
        if any(m.get("metadataKey") == MARKER and m.get("metadataValue") == str(props["sheetId"])
               for m in entry.get("developerMetadata", [])):
            return props, True
    legacy = next((s["properties"] for s in sheets if s["properties"]["title"] == TAB), None)
    if legacy is not None:
        (head,) = sheet.values_batch_get([f"{quote_tab(TAB)}!A1:G{HEADER_ROWS}"])
        if written_here(head.get("values", [])):
            return legacy, False
    return None


def written_here(rows: list[list[object]]) -> bool:
    """Whether the first rows of a tab are the ones rows_for writes (in either language)."""
    for words in WORDS.values():
        labels = [words["title"], words["ran"], words["as_of"], words["errors"],
                  words["warnings"]]
        firsts = [str(row[0]) if row else "" for row in rows[:5]]
        if firsts == labels and len(rows) >= HEADER_ROWS and \
                [str(v) for v in rows[6]] == list(words["header"]):
            return True
    return False


def _free_title(titles: list[str]) -> str:
    """TAB, or a title beside it that folds to no existing tab's title."""
    taken = {fold(t) for t in titles}
    for title in (TAB, BESIDE, *(f"{BESIDE} {n}" for n in range(2, 1000))):
        if fold(title) not in taken:
            return title
    raise AssertionError("a thousand tabs named like ours")


def _marker(sheet_id: int) -> dict:
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": MARKER, "metadataValue": str(sheet_id),
        "location": {"sheetId": sheet_id}, "visibility": MARKER_VISIBILITY}}}


def _free_id(used: set[int]) -> int:
    sheet_id = 720_000_000
    while sheet_id in used:
        sheet_id += 1
    return sheet_id


def _new_tab(sheet_id: int, title: str, rows: int) -> list[dict]:
    requests: list[dict] = [{"addSheet": {"properties": {
        "sheetId": sheet_id, "title": title,
        "gridProperties": {"rowCount": max(FIRST_ROWS, rows), "columnCount": max(26, COLUMNS)},
    }}}]
    for index, width in enumerate(WIDTHS):
        requests.append({"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": index,
                      "endIndex": index + 1},
            "properties": {"pixelSize": width * 7 + 5}, "fields": "pixelSize"}})
    return requests
