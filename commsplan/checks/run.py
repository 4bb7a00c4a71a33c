"""Run every check on a Book."""

from __future__ import annotations

import datetime as dt

from commsplan.book import Book
from commsplan.checks.cadence import check_cadence
from commsplan.checks.coverage import check_coverage
from commsplan.checks.findings import Report
from commsplan.checks.rows import check_rows, plan_of
from commsplan.periods import calendar_from


def run_checks(book: Book, as_of: dt.date, today: dt.date | None = None) -> Report:
    """Reading findings plus every check's findings, most serious first.

    as_of: the date periods are judged at (a period ending before it is over);
    today: the real date, for activities dated in the future (default: the clock's).
    """
    today = today or dt.date.today()
    plan = plan_of(book)
    calendar = calendar_from(book.general.values)
    findings = list(book.findings)
    findings += check_rows(book, plan, today)
    findings += check_cadence(book, plan, calendar, as_of)
    findings += check_coverage(book, plan, as_of)
    return Report(findings)
