"""Issued documents: their numbers and dates, the issued file's hash, the filing details.

A plan or report with a number and a date is issued (Decree 30/2020/NĐ-CP, art. 15): it
follows the output policy for issued documents (`commsplan.outputs`). The clerk gives the
numbers in the tab of issued documents, one row per document (the plan keeps its number and
date on the general tab, and its row, if any, must agree). Once a document is issued, the
SHA-256 of its .docx is recorded in its row: made again, it must give the same bytes, and a
different one is a finding, not silently a new copy. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from commsplan.book import Book
from commsplan.documents.nd30.model import Filing
from commsplan.findings import Finding
from commsplan.outputs import Saved
from commsplan.periods import Period, date_range
from commsplan.plan import Plan
from commsplan.text import fold

ISSUED = "issued"
PLAN, REPORT = "plan", "report"
KINDS = {fold("Kế hoạch"): PLAN, fold("Báo cáo"): REPORT}
TYPE_CODES = {PLAN: "KH", REPORT: "BC"}
HASH_COLUMN = "sha256"


@dataclass(frozen=True)
class IssuedRow:
    """One row of the tab of issued documents, read."""

    row: int  # the sheet row
    kind: str | None  # PLAN, REPORT, or None when unreadable
    period: Period | None  # a report's period or window; None for the plan or when unreadable
    topic: int | None
    number: int | None
    date: dt.date | None
    signer: str
    filing: Filing
    sent_date: dt.date | None
    notes: str
    sha256: str | None
    named: str  # what the row names as typed (period, window, topic), for messages

    @property
    def identity(self) -> tuple:
        """What document the row is about: kind, period key, topic number."""
        return (self.kind, self.period.key if self.period else None, self.topic)

    @property
    def issued(self) -> bool:
        return bool(self.number and self.date)


@dataclass(frozen=True)
class Issue:
    """What a document carries: its number and date (both, or neither for a draft), its
    filing details, and the row they come from (where its hash is recorded)."""

    number: int | None = None
    date: dt.date | None = None
    filing: Filing = field(default_factory=Filing)
    row: IssuedRow | None = None

    @property
    def issued(self) -> bool:
        return bool(self.number and self.date)


@dataclass(frozen=True)
class Written:
    """One document through the policy: where it went, or the finding that stopped it, and
    the hash to record in its row (row, SHA-256) when it has none yet."""

    saved: Saved | None = None
    finding: Finding | None = None
    record: tuple[int, str] | None = None


# Reading the tab ---------------------------------------------------------------------------

def issued_rows(book: Book, plan: Plan | None = None,
                as_of: dt.date | None = None) -> list[IssuedRow]:
    """The tab's rows in sheet order; a topic row without a period is the topic's latest
    window begun by as_of, as `commsplan report --topic` takes it."""
    from commsplan.plan import read_plan

    table = book[ISSUED]
    if table.data.empty:
        return []
    plan = plan or read_plan(book)
    rows = []
    for row, values in zip(table.data.index, table.data.to_dict("records"), strict=True):
        get = {key: _value(value) for key, value in values.items()}
        kind = KINDS.get(fold(get["kind"])) if isinstance(get["kind"], str) else None
        period, named = None, ""
        if kind == REPORT:
            period, named = _report_period(plan, get, as_of or dt.date.today())
        rows.append(IssuedRow(
            row=int(row), kind=kind, period=period, topic=get["topic"],
            number=get["number"], date=get["date"], signer=get["signer"] or "",
            filing=Filing(drafter=get["drafter"] or "", copies=get["copies"],
                          archive_unit=get["archive_unit"] or "",
                          archive_copies=get["archive_copies"]),
            sent_date=get["sent_date"], notes=get["notes"] or "",
            sha256=(get[HASH_COLUMN] or "").strip().lower() or None, named=named))
    return rows


def _value(value):
    """A typed cell as a plain value: None for empty, a date for a timestamp, an int."""
    import pandas as pd

    if value is None or (not isinstance(value, (str, tuple, list)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # a numpy or pandas scalar
        return value.item()
    return value


def _report_period(plan: Plan, get: dict, as_of: dt.date) -> tuple[Period | None, str]:
    """A report row's period, window or topic's window, and how the row names it."""
    from commsplan.documents.report import ReportError, report_topic, topic_period

    key, start, end, topic = get["period"], get["window_from"], get["window_to"], get["topic"]
    if key:
        try:
            return plan.parse(str(key).strip()), str(key)
        except ValueError:
            return None, str(key)
    if start and end:
        named = f"{start:%d/%m/%Y} - {end:%d/%m/%Y}"
        return (date_range(start, end), named) if start <= end else (None, named)
    if start or end:
        return None, f"{start or end:%d/%m/%Y}"
    if topic:
        try:
            return topic_period(plan, report_topic(plan, topic), as_of), ""
        except ReportError:
            return None, str(topic)
    return None, ""


def find_row(rows: list[IssuedRow], kind: str, period: Period | None = None,
             topic: int | None = None) -> IssuedRow | None:
    """The first row about this document (the plan: kind alone)."""
    wanted = (kind, period.key if period is not None and kind == REPORT else None, topic)
    return next((row for row in rows if row.identity == wanted), None)


def plan_issue(book: Book, rows: list[IssuedRow], number: int | None = None,
               date: dt.date | None = None) -> Issue:
    """The plan's number and date: given (a one-off), else the general tab's; its row's
    filing details, and the row itself when it names the same number and date."""
    if number is None and date is None:
        number, date = book.general.get("plan_number"), book.general.get("plan_date")
    return _issue(find_row(rows, PLAN), number, date)


def report_issue(rows: list[IssuedRow], period: Period, topic: int | None = None,
                 number: int | None = None, date: dt.date | None = None) -> Issue:
    """A report's number and date: given (a one-off), else its row's; and its filing."""
    row = find_row(rows, REPORT, period, topic)
    if number is None and date is None and row is not None:
        number, date = row.number, row.date
    return _issue(row, number, date)


def _issue(row: IssuedRow | None, number: int | None, date: dt.date | None) -> Issue:
    if not (number and date):  # half given (issued-incomplete says so): a draft, both blank
        number = date = None
    if row is None:
        return Issue(number, date)
    same = (row.number, row.date) == (number, date)
    return Issue(number, date, row.filing, row if same else None)


# The issued file ---------------------------------------------------------------------------

def document_hash(data: bytes) -> str:
    """SHA-256 of a document's bytes, in lowercase hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def changed_finding(book: Book | None, issue: Issue, data: bytes) -> Finding | None:
    """issued-document-changed when the issue's row holds a hash these bytes do not have."""
    row = issue.row
    if not issue.issued or row is None or row.sha256 is None or issue.number is None:
        return None
    assert book is not None, "a row comes from a book"
    if document_hash(data) == row.sha256:
        return None
    table = book[ISSUED]
    return Finding("issued-document-changed", tab=table.label, row=row.row,
                   column=table.header(HASH_COLUMN), cell=table.cell(HASH_COLUMN, row.row),
                   value=f"{issue.number:02d}")


def save_document(book: Book | None, path: str | os.PathLike, data: bytes, issue: Issue, *,
                  replace: bool, inputs=()) -> Written:
    """Write one document by the output policy, unless it is an issued one whose recorded
    hash it does not have (then the finding, and nothing written)."""
    from commsplan.outputs import save

    finding = changed_finding(book, issue, data)
    if finding is not None:
        return Written(finding=finding)
    saved = save(path, data, issued=issue.issued, replace=replace, inputs=inputs)
    record = None
    if issue.issued and issue.row is not None and issue.row.sha256 is None:
        record = (issue.row.row, document_hash(data))
    return Written(saved=saved, record=record)


def record_hashes(source: str, book: Book, records: list[tuple[int, str]], *,
                  credentials: str | None = None,
                  oauth_client: str | None = None) -> list[tuple[int, str]]:
    """Write each (row, hash) into the tab's hash column: in an .xlsx only those cells, every
    other cell kept; in a Google Sheet in one request. Returns the records not written (the
    tab has no hash column)."""
    from commsplan.sources.locate import is_google_sheet

    table = book[ISSUED]
    if not records:
        return []
    if table.name is None or HASH_COLUMN not in table.letters:
        return list(records)
    if is_google_sheet(source):
        from commsplan.sources.google import open_sheet

        sheet = open_sheet(source, "write", credentials=credentials, oauth_client=oauth_client)
        record_hashes_google(sheet, book, records)
    else:
        record_hashes_xlsx(source, book, records)
    return []


def record_hashes_xlsx(path: str | os.PathLike, book: Book,
                       records: list[tuple[int, str]]) -> None:
    """The hashes written into their cells of the workbook, as `import --apply` edits one."""
    import io

    from openpyxl import load_workbook
    from openpyxl.utils import column_index_from_string

    from commsplan.outputs import save

    table = book[ISSUED]
    workbook = load_workbook(path)
    sheet = workbook[table.name]
    column = column_index_from_string(table.letters[HASH_COLUMN])
    for row, digest in records:
        cell = sheet.cell(row=row, column=column, value=digest)
        cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    save(Path(path), buffer.getvalue(), replace=True)


def record_hashes_google(sheet, book: Book, records: list[tuple[int, str]]) -> None:
    """The hashes written into their cells of the Google Sheet, in one batchUpdate."""
    from openpyxl.utils import column_index_from_string

    from commsplan.sheet_writers import rows_google

    table = book[ISSUED]
    grid = rows_google.sheet_grids(sheet)[fold(table.label)]
    column = column_index_from_string(table.letters[HASH_COLUMN]) - 1
    requests = []
    for row, digest in records:
        request = rows_google.write_rows(grid["sheetId"], row - 1, [[digest]])
        request["updateCells"]["start"]["columnIndex"] = column
        requests.append(request)
    sheet.batch_update(requests)
