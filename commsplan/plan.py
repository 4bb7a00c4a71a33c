"""The plan model: what the plan says about time and targets, read once from the Book.

Its span and the day it takes effect, the school-year calendar, the cadence rules and the
topics with their windows. The checks and every document ask this model; none of them reads
those tabs again. What is wrong in those tabs is said by the checks (`commsplan.checks`),
never here: a row that cannot be used is left out of the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from commsplan.book import Book
from commsplan.periods import (KIND_WORDS, Calendar, Period, calendar_from, date_range,
                               parse_period, periods_in, plan_period)

WHOLE_SCHOOL = "Toàn trường"
PER_UNIT = "Từng đơn vị"


@dataclass(frozen=True)
class CadenceRule:
    """One row of the cadence tab that can be judged: at least `minimum` activities of
    `types` per period of `kind`, for the whole school or for each judged unit."""

    row: int
    product: str
    types: tuple[str, ...]
    minimum: int
    kind: str  # periods.MONTH, QUARTER, SEMESTER or YEAR
    per_unit: bool
    unit_noun: str


@dataclass(frozen=True)
class Topic:
    """A topic with the number the documents print: 1, 2, 3… whatever the sheet's STT."""

    number: int
    topic: str
    forms: tuple[str, ...]
    window_from: dt.date | None
    window_to: dt.date | None
    minimum: int | None
    row: int

    @property
    def window(self) -> Period | None:
        """The occasion's dates as typed, when both are there and in order."""
        if self.window_from is None or self.window_to is None:
            return None
        if self.window_to < self.window_from:
            return None
        return date_range(self.window_from, self.window_to)

    def windows(self, plan: Plan) -> list[Period]:
        """The windows coverage is judged in: the occasion's, if it has one."""
        window = self.window
        return [window] if window is not None else []


@dataclass(frozen=True)
class Plan:
    """The plan's time frame and targets, as the checks and documents need them."""

    span: Period | None  # the plan period ('Năm kế hoạch'); None when unreadable
    effective: dt.date | None  # the day it takes effect: the field, else the span's start
    effective_given: bool  # whether the general tab gives that day
    issued: dt.date | None  # the date of issue ('Ngày ban hành')
    school_years: tuple[Calendar, ...]
    rules: tuple[CadenceRule, ...]
    topics: tuple[Topic, ...]
    units: tuple[str, ...]  # the units per-unit rules judge, in the units tab's order

    def periods(self, kind: str) -> list[Period]:
        """The periods of a kind in the plan period, in order, cut to it."""
        if self.span is None:
            return []
        return periods_in(kind, self.span.start, self.span.end, self.school_years)

    def parse(self, key: str) -> Period:
        """The period a key names, semesters from the plan's school years (ValueError)."""
        return parse_period(key, self.school_years)

    def in_force(self, period: Period) -> bool:
        """Whether a period is the plan's to judge: it does not end before the plan takes
        effect (one that contains that day is judged on its whole)."""
        return self.effective is None or period.end >= self.effective

    def meets(self, period: Period) -> bool:
        """Whether a period has any day in the plan period from the day it takes effect."""
        if self.span is None:
            return True
        return period.start <= self.span.end and period.end >= self.span.start \
            and self.in_force(period)

    def school_year(self, key: str) -> Calendar | None:
        for year in self.school_years:
            if year.school_year == key:
                return year
        return None


def read_plan(book: Book) -> Plan:
    """The plan model of a Book (rows that cannot be used are left out)."""
    general = book.general
    span = plan_period(general.values.get("plan_period"))
    given = _day(general.values.get("effective_date"))
    effective = given or (span.start if span is not None else None)
    return Plan(
        span=span,
        effective=effective,
        effective_given=given is not None,
        issued=_day(general.values.get("plan_date")),
        school_years=read_school_years(book),
        rules=tuple(read_rules(book)),
        topics=tuple(read_topics(book)),
        units=tuple(judged_units(book)),
    )


def read_school_years(book: Book) -> tuple[Calendar, ...]:
    calendar = calendar_from(book.general.values)
    return (calendar,) if calendar is not None else ()


def read_rules(book: Book) -> list[CadenceRule]:
    """The cadence rows that can be judged, in sheet order (a row that cannot be judged has
    findings of its own)."""
    table = book["cadence"]
    known_types = set(book.contract.allowed_values(table.tab.column("counted_types")))
    rules = []
    for row, record in records(table.data).items():  # a handful of rows
        kind = KIND_WORDS.get(record["period"])
        types = record["counted_types"]
        if (kind is None or record["minimum"] is None or not types or record["product"] is None
                or any(t not in known_types for t in types)
                or record["scope"] not in (WHOLE_SCHOOL, PER_UNIT)):
            continue
        rules.append(CadenceRule(
            row=int(row), product=record["product"], types=tuple(types),
            minimum=int(record["minimum"]), kind=kind, per_unit=record["scope"] == PER_UNIT,
            unit_noun=record["unit_noun"] or ""))
    return rules


def read_topics(book: Book) -> list[Topic]:
    """The topics in sheet order, numbered consecutively (the sheet may skip or repeat)."""
    data = book["topics"].data
    topics = []
    chosen = records(data[data["topic"].notna()]).items()
    for number, (row, record) in enumerate(chosen, start=1):
        topics.append(Topic(
            number=number,
            topic=record["topic"],
            forms=tuple(record["forms"] or ()),
            window_from=_day(record["window_from"]),
            window_to=_day(record["window_to"]),
            minimum=None if record["minimum"] is None else int(record["minimum"]),
            row=int(row),
        ))
    return topics


def judged_units(book: Book) -> list[str]:
    """Names of the units marked for per-unit rules, in the units tab's order."""
    units = book["units"].data
    if units.empty:
        return []
    marked = units["per_unit_cadence"].fillna(False).astype(bool)
    return list(dict.fromkeys(units.loc[marked, "name"].dropna()))


def records(data: pd.DataFrame) -> dict[int, dict]:
    """A small table's rows as {sheet row: {column key: value}}, None for every empty cell
    (a row taken with iterrows has NaN or NaT there, and NaN is truthy)."""
    return {row: {key: None if not isinstance(value, (tuple, list)) and pd.isna(value)
                  else value for key, value in values.items()}
            for row, values in data.to_dict("index").items()}


def _day(value) -> dt.date | None:
    if value is None or value is pd.NaT or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):  # a pandas Timestamp too
        return value.date()
    return value
