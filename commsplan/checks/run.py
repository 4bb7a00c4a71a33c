"""Run every check on a Book."""

from __future__ import annotations

import datetime as dt

from commsplan.book import Book
from commsplan.checks.cadence import check_cadence, check_rule_dates
from commsplan.checks.coverage import check_coverage
from commsplan.checks.issued import check_issued
from commsplan.checks.rows import check_rows
from commsplan.checks.timeline import check_calendar, check_timeline
from commsplan.findings import Report
from commsplan.plan import Plan, read_plan


def run_checks(book: Book, as_of: dt.date, today: dt.date | None = None,
               plan: Plan | None = None) -> Report:
    """Reading findings plus every check's findings, most serious first.

    as_of: the date periods are judged at (a period ending before it is over);
    today: the real date, for activities dated in the future (default: the clock's);
    plan: the book's plan model, when the caller has it already.
    """
    today = today or dt.date.today()
    plan = plan or read_plan(book)
    findings = list(book.findings)
    findings += check_rows(book, plan.span, today)
    findings += check_calendar(book) + check_rule_dates(book)
    findings += check_issued(book, plan, as_of)
    judged = check_cadence(book, plan, as_of) + check_coverage(book, plan, as_of)
    findings += judged
    findings += check_timeline(book, plan, judged)
    return Report(findings)
