"""The plan's time frame: the day it takes effect, and periods judged before the plan existed.

A school that issues its plan in the middle of a period and leaves 'Ngày hiệu lực' empty has
the plan judged from the start of the plan period: the periods before the date of issue come
out missed. One warning says so and names the field, so the false shortfalls stop at once.
"""

from __future__ import annotations

from typing import Iterable

from commsplan.book import Book
from commsplan.checks.findings import Finding
from commsplan.periods import parse_period
from commsplan.plan import Plan

EFFECTIVE = "effective_date"
MISSED = ("cadence-shortfall", "coverage-window-missed")


def check_timeline(book: Book, plan: Plan, judged: Iterable[Finding]) -> list[Finding]:
    """The effective date against the plan period, and shortfalls before the date of issue
    when no effective date is given (`judged`: the cadence and coverage findings)."""
    found = []
    fields = book.general
    if plan.effective_given and plan.span is not None and not plan.span.contains(plan.effective):
        found.append(_field(book, "effective-date-outside-plan", f"{plan.effective:%d/%m/%Y}",
                            plan_label={"vi": plan.span.label("vi"),
                                        "en": plan.span.label("en")}))
    if (plan.effective_given or plan.issued is None or plan.span is None
            or plan.issued <= plan.span.start):
        return found
    before = sorted({f.period for f in judged if f.code in MISSED and f.period
                     and _end(plan, f.period) < plan.issued})
    if before:
        found.append(_field(book, "missed-before-issue", None, count=len(before),
                            periods=", ".join(before), issued=f"{plan.issued:%d/%m/%Y}",
                            effective_field=fields.tab.column(EFFECTIVE).header,
                            plan_start=f"{plan.span.start:%d/%m/%Y}",
                            general_tab=fields.label))
    return found


def _end(plan: Plan, key: str):
    return parse_period(key, plan.school_years).end


def _field(book: Book, code: str, value: str | None, **params) -> Finding:
    """A finding at the effective-date item (its row, column B), or at the tab without it."""
    fields = book.general
    rows = fields.rows.get(EFFECTIVE) or []
    row = rows[0] if rows else None
    return Finding(code, tab=fields.label, row=row,
                   column=fields.tab.column(EFFECTIVE).header, value=value,
                   cell=f"{fields.value_letter}{row}" if row else None,
                   params={"field": True, **params})
