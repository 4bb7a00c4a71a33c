"""commsplan: a school's communication plan, from a shared sheet to signed documents.

The pipeline, one way: sources → book (typed tables) → checks → documents → outputs.
This module is the small public API (docs/api.md); it imports nothing heavy until a function
is called. Nothing here prints: progress goes to an optional callback, results come back as
values, failures are `CommsplanError`s (bad data is a `Finding` in a `Report`).

    book = commsplan.open_book("ke-hoach.xlsx")
    report = commsplan.check(book)
    document = commsplan.report_document(book, period="2024-Q1")
    saved = commsplan.save_document(document, "van-ban/BC-2024-Q1.docx")
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from commsplan.book import Book
    from commsplan.documents.nd30 import FramedDocument as Document
    from commsplan.documents.report import ReportError
    from commsplan.errors import CommsplanError, ConfigError, DataError, OutputError, SourceError
    from commsplan.findings import Finding, Report
    from commsplan.outputs import Saved
    from commsplan.plan import Plan
    from commsplan.runs import (
        Config,
        Event,
        Generated,
        Progress,
        Written,
        generate,
        load_config,
        save_document,
        to_pdf,
        write_plan,
        write_report,
    )

__all__ = [
    # read and check
    "open_book", "check", "Book", "Report", "Finding",
    # documents as values, saved and converted
    "plan_document", "report_document", "Document", "save_document", "Saved", "to_pdf",
    # whole runs, as the commands do them
    "write_plan", "write_report", "Written", "generate", "Config", "load_config",
    "Generated", "Event", "Progress", "Phrase",
    # failures
    "CommsplanError", "SourceError", "OutputError", "ConfigError", "DataError", "ReportError",
]
__version__ = "0.1.0"

# Names that live in a module below, imported when first asked for (PEP 562).
_LAZY = {
    "Book": "commsplan.book",
    "Report": "commsplan.findings",
    "Finding": "commsplan.findings",
    "Document": "commsplan.documents.nd30",
    "Saved": "commsplan.outputs",
    "save_document": "commsplan.runs",
    "to_pdf": "commsplan.runs",
    "write_plan": "commsplan.runs",
    "write_report": "commsplan.runs",
    "Written": "commsplan.runs",
    "generate": "commsplan.runs",
    "Config": "commsplan.runs",
    "load_config": "commsplan.runs",
    "Generated": "commsplan.runs",
    "Event": "commsplan.runs",
    "Progress": "commsplan.runs",
    "Phrase": "commsplan.messages",
    "CommsplanError": "commsplan.errors",
    "SourceError": "commsplan.errors",
    "OutputError": "commsplan.errors",
    "ConfigError": "commsplan.errors",
    "DataError": "commsplan.errors",
    "ReportError": "commsplan.documents.report",
}
_RENAMED = {"Document": "FramedDocument"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'commsplan' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def open_book(source: str | os.PathLike | BinaryIO, **options: Any) -> Book:
    """Read a workbook path, an open .xlsx file or a Google Sheet URL/key into a Book.

    options, for a Google Sheet: credentials (a service account key file), oauth_client (an
    OAuth client file). SourceError when the source cannot be read."""
    from commsplan.book import build_book
    from commsplan.sources import read_source

    if isinstance(source, os.PathLike):
        source = os.fspath(source)
    return build_book(read_source(source, **options))  # type: ignore[arg-type]


def check(book: Book, as_of: dt.date | None = None, plan: Plan | None = None) -> Report:
    """Every check on the book, as of a date (default today): a Report of Findings (each with
    tab, row, column, code, message); `report.valid` is False when there are errors.
    plan: the book's plan model (`commsplan.plan.read_plan`), when the caller has it already."""
    from commsplan.checks.run import run_checks

    return run_checks(book, as_of or dt.date.today(), plan=plan)


def plan_document(book: Book, *, number: int | None = None, date: dt.date | None = None,
                  draft_mark: bool = False) -> Document:
    """The Kế hoạch of the book, in the layout of Decree 30/2020. Its number and date are the
    general tab's unless given (both): with them it is issued (save it with issued=True), and
    its filing details (box 12, the archive line) are its row's in the tab of issued
    documents. draft_mark: a framed "DỰ THẢO" on the first page (OutputError when issued)."""
    from commsplan.documents.plan import plan_document as build
    from commsplan.issued import issued_rows, plan_issue
    from commsplan.runs import number_and_date

    number_and_date(number, date)
    issue = plan_issue(book, issued_rows(book), number, date)
    if draft_mark and issue.issued:
        raise _draft_mark_refused()
    document = build(book, number=issue.number, date=issue.date, filing=issue.filing)
    return _marked(document) if draft_mark else document


def report_document(book: Book, *, period: str | None = None,
                    window: tuple[dt.date, dt.date] | None = None, topic: int | None = None,
                    as_of: dt.date | None = None, number: int | None = None,
                    date: dt.date | None = None, draft_mark: bool = False) -> Document:
    """The Báo cáo on a period ('2024-03', '2024-Q1', 'HK1-2023-2024', '2024'), a window of
    days (from, to), or one topic (its number in the plan; without a period or window, its
    latest occasion), with figures as of a day (default today). Its number and date are its
    row's in the tab of issued documents unless given (both): with them it is issued (save it
    with issued=True); without, a draft. ReportError when no such report can be made."""
    from commsplan.documents.report import (
        ReportError,
        refuse_impossible,
        report_period,
        report_topic,
        topic_period,
        window_period,
    )
    from commsplan.documents.report import report_document as build
    from commsplan.issued import issued_rows, report_issue
    from commsplan.plan import read_plan
    from commsplan.runs import number_and_date

    if period and window:
        raise ReportError("report-period-and-window")
    number_and_date(number, date)
    plan = read_plan(book)
    as_of = as_of or dt.date.today()
    chosen = report_topic(plan, topic) if topic is not None else None
    if period:
        span = report_period(book, period, plan)
    elif window:
        span = window_period(*window)
    elif chosen is not None:
        span = topic_period(plan, chosen, as_of)
    else:
        raise ReportError("report-window-needed")
    refuse_impossible(plan, span, as_of)
    issue = report_issue(issued_rows(book, plan, as_of), span, topic, number, date)
    if draft_mark and issue.issued:
        raise _draft_mark_refused()
    document = build(book, span, as_of, plan, chosen, number=issue.number, date=issue.date,
                     filing=issue.filing)
    return _marked(document) if draft_mark else document


def _draft_mark_refused() -> OutputError:
    from commsplan.errors import OutputError

    return OutputError("draft-mark-issued")


def _marked(document: Document) -> Document:
    from commsplan.documents.nd30 import mark_draft

    return mark_draft(document)

