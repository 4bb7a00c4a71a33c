"""Run every check on a Book."""

from __future__ import annotations

import datetime as dt

from commsplan.book import Book
from commsplan.checks.findings import Report


def run_checks(book: Book, as_of: dt.date) -> Report:
    """Reading findings plus every check's findings, most serious first."""
    return Report(list(book.findings))
