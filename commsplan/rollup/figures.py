"""One school's figures for one period, as a supervising office adds them up.

The figures are the school's own report's (`documents.report.report_figures`) and its own
check's (`commsplan.check`): the office sees what the school would write, not a second count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from commsplan.book import Book
from commsplan.periods import Period
from commsplan.plan import Plan, Topic

MET, MISSED, PENDING = "met", "missed", "pending"


@dataclass(frozen=True)
class CadenceLine:
    """One cadence rule in one period (and one unit, for a rule on each unit)."""

    product: str
    period: str  # as the report names it: 'tháng 03/2024'
    scope: str | None  # the unit, for a rule on each unit
    count: int
    minimum: int
    status: str  # MET, MISSED or PENDING (the period is not over)


@dataclass(frozen=True)
class Opinion:
    """A public-opinion item the school recorded in the period."""

    date: str
    source: str
    content: str
    handling: str
    result: str


@dataclass(frozen=True)
class SchoolFigures:
    """What the roll-up keeps of one school for one period: one row of the submission layout."""

    school: str
    period: str  # the period's key: 2024-03, 2024-Q1, HK1-2024-2025, 2024, or a window
    start: dt.date
    end: dt.date
    partial: bool  # the period is not over at the as-of date
    activities: int  # every product dated in the period (those without a type too)
    by_type: dict[str, int]  # every type the contract allows
    cadence: tuple[CadenceLine, ...]
    topics: int  # the plan's topics (the one topic, for a report on a topic)
    covered: int  # how many of them have at least one product in the period
    idle: tuple[str, ...]  # topics due in the period without any product, as the report says
    errors: int  # data errors: those that stop the school's documents
    warnings: int
    opinions: tuple[Opinion, ...]

    def count(self, status: str) -> int:
        return sum(1 for line in self.cadence if line.status == status)

    @property
    def below_target(self) -> bool:
        return any(line.status == MISSED for line in self.cadence)


def school_figures(book: Book, name: str, period: Period | str, as_of: dt.date,
                   plan: Plan | None = None, topic: int | None = None) -> SchoolFigures:
    """The figures of the school's report on the period (ReportError when it cannot have one:
    a period outside its plan, a semester of another school year, a topic it has not)."""
    from commsplan import check
    from commsplan.documents.report import (
        refuse_impossible,
        report_figures,
        report_period,
        report_topic,
    )
    from commsplan.findings import blocking
    from commsplan.plan import read_plan

    plan = plan or read_plan(book)
    if isinstance(period, str):
        period = report_period(book, period, plan)
    refuse_impossible(plan, period, as_of)
    chosen: Topic | None = report_topic(plan, topic) if topic is not None else None
    report = check(book, as_of=as_of, plan=plan)
    found = report_figures(book, period, as_of, plan, chosen)
    return SchoolFigures(
        school=name or book.general.get("school_name", "") or "",
        period=period.key,
        start=period.start,
        end=period.end,
        partial=found["partial"],
        activities=found["activities"],
        by_type=found["by_type"],
        cadence=tuple(CadenceLine(**line) for line in found["cadence"]),
        topics=len(found["topics"]),
        covered=len(found["covered"]),
        idle=tuple(found["idle"]),
        errors=len(blocking(report)),
        warnings=len(report.warnings),
        opinions=tuple(Opinion(*(str(v) for v in row)) for row in found["opinions"]),
    )
