"""commsplan: a school's communication plan, from a shared sheet to signed documents.

The pipeline, one way: sources → book (typed tables) → checks → documents → outputs.
This module is the small public API; it imports nothing heavy until a function is called.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from commsplan.book import Book
    from commsplan.findings import Report
    from commsplan.plan import Plan

__all__ = ["open_book", "check"]
__version__ = "0.1.0"


def open_book(source: str | BinaryIO, **options) -> Book:
    """Read a workbook path, an open .xlsx file or a Google Sheet URL/key into a Book."""
    from commsplan.book import build_book
    from commsplan.sources import read_source

    return build_book(read_source(source, **options))


def check(book: Book, as_of: dt.date | None = None, plan: Plan | None = None) -> Report:
    """Every check on the book, as of a date (default today); plan: the book's plan model
    (`commsplan.plan.read_plan`), when the caller has it already."""
    from commsplan.checks.run import run_checks

    return run_checks(book, as_of or dt.date.today(), plan=plan)
