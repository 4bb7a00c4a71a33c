"""The plan model: what the plan says about time and targets, read once from the Book.

Its span and the day it takes effect, the school-year calendar (one entry per school year,
and the declared breaks), the cadence rules and the topics with their windows (a yearly one
recurs in each year of the plan). The checks and every document ask this model; none of them
reads those tabs again. What is wrong in those tabs is said by the checks
(`commsplan.checks`), never here: a row that cannot be used is left out of the model.

School time: the days of the declared school years, less the declared breaks. The days
between two consecutive declared school years are the summer holiday. A day that no declared
school year accounts for (a school year missing from the calendar) counts as school time, and
the checks ask for that school year to be declared.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from commsplan.book import Book
from commsplan.contract import allowed_value
from commsplan.periods import (
    MONTH,
    QUARTER,
    SEMESTER,
    YEAR,
    Calendar,
    Period,
    calendar_from,
    date_range,
    parse_period,
    period_label,
    periods_in,
    plan_period,
    school_year_key,
    years_on,
)

WHOLE_SCHOOL = allowed_value("cadence.scope", "whole_school")
PER_UNIT = allowed_value("cadence.scope", "per_unit")
ALL_YEAR = allowed_value("cadence.applies", "all_year")  # a rule judged in holidays too
# the cadence tab's period words → the kinds of period
KIND_WORDS = {allowed_value("cadence.period", kind): kind
              for kind in (MONTH, QUARTER, SEMESTER, YEAR)}
PERIOD_WORDS = {kind: word for word, kind in KIND_WORDS.items()}
CUTOFF_DAYS = (1, 28)  # a cut-off day every month has (the contract's bounds too)
SCHOOL, BREAK, SUMMER, UNDECLARED = 0, 1, 2, 3  # what a day is; UNDECLARED + i: ith missing year


@dataclass(frozen=True)
class Break:
    """A declared break inside a school year (Tết, …): its days are not school time."""

    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class SchoolTime:
    """How much of a period is school time, and the undeclared school years it meets."""

    days: int
    school_days: int
    undeclared: tuple[str, ...] = ()  # school years whose days were taken as school time
    declared_days: int = 0  # days inside a declared school year (breaks included)

    @property
    def partial(self) -> bool:
        return 0 < self.school_days < self.days


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
    school_time: bool = True  # judged in school time only ('Thời gian xét'), else all year
    description: str | None = None  # what the plan adds to the rule's sentence ('Mô tả')
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def applies(self, period: Period) -> bool:
        """Whether the row judges a period: one that ends between its dates of application."""
        return ((self.valid_from is None or period.end >= self.valid_from)
                and (self.valid_to is None or period.end <= self.valid_to))


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
    yearly: bool = False  # the occasion recurs each year ('Hằng năm')

    @property
    def window(self) -> Period | None:
        """The occasion's dates as typed, when both are there and in order."""
        if self.window_from is None or self.window_to is None:
            return None
        if self.window_to < self.window_from:
            return None
        return date_range(self.window_from, self.window_to)

    def windows(self, plan: Plan) -> list[Period]:
        """The windows coverage is judged in: the occasion's, or for a yearly one its
        occurrence in each year of the plan (a window across New Year belongs to the year
        it starts in)."""
        window = self.window
        if window is None:
            return []
        if not self.yearly or plan.span is None:
            return [window]
        found = []
        for year in range(plan.span.start.year, plan.span.end.year + 1):
            shift = year - window.start.year
            found.append(date_range(years_on(window.start, shift),
                                    years_on(window.end, shift)))
        return found


@dataclass(frozen=True)
class Plan:
    """The plan's time frame and targets, as the checks and documents need them."""

    span: Period | None  # the plan period ('Năm kế hoạch'); None when unreadable
    effective: dt.date | None  # the day it takes effect: the field, else the span's start
    effective_given: bool  # whether the general tab gives that day
    issued: dt.date | None  # the date of issue ('Ngày ban hành')
    school_years: tuple[Calendar, ...]  # in order, not overlapping
    rules: tuple[CadenceRule, ...]
    topics: tuple[Topic, ...]
    units: tuple[str, ...]  # the units per-unit rules judge, in the units tab's order
    breaks: tuple[Break, ...] = ()
    named_school_year: str | None = None  # the general tab's 'Năm học', for the plan's words
    cutoff: int | None = None  # 'Ngày chốt số liệu': months end on that day (NĐ 09/2019: 14)

    def periods(self, kind: str) -> list[Period]:
        """The periods of a kind in the plan period, in order, cut to it."""
        if self.span is None:
            return []
        return periods_in(kind, self.span.start, self.span.end, self.school_years, self.cutoff)

    def parse(self, key: str) -> Period:
        """The period a key names, semesters from the plan's school years, months, quarters
        and years cut at the plan's cut-off day (ValueError)."""
        return parse_period(key, self.school_years, self.cutoff)

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

    def judges(self, rule: CadenceRule, period: Period) -> bool:
        """Whether a rule judges a period: in force, within the rule's dates, and (for a
        school-time rule) with at least one day of school time."""
        return (self.in_force(period) and rule.applies(period)
                and (not rule.school_time or self.school_time(period).school_days > 0))

    def school_time(self, period: Period) -> SchoolTime:
        """How much of a period (its part in the plan period) is school time."""
        known = self._school_times.get((period.start, period.end))
        if known is None:
            known = self._school_times[period.start, period.end] = self._school_time(period)
        return known

    @functools.cached_property
    def _school_times(self) -> dict[tuple[dt.date, dt.date], SchoolTime]:
        return {}  # each period's answer, asked by every rule of its kind

    def _school_time(self, period: Period) -> SchoolTime:
        first, days, missing, declared = self._days
        start = max(period.start, first)
        end = min(period.end, first + dt.timedelta(days=len(days) - 1))
        if end < start:
            return SchoolTime(0, 0)
        part = slice((start - first).days, (end - first).days + 1)
        kinds = days[part]
        undeclared = np.unique(kinds[kinds >= UNDECLARED]) - UNDECLARED
        school = int(np.count_nonzero((kinds == SCHOOL) | (kinds >= UNDECLARED)))
        return SchoolTime(len(kinds), school, tuple(missing[i] for i in undeclared),
                          int(np.count_nonzero(declared[part])))

    @functools.cached_property
    def _days(self) -> tuple[dt.date, np.ndarray, list[str], np.ndarray]:
        """The first day of the plan period; what each day is (SCHOOL, BREAK, SUMMER,
        UNDECLARED + i); the missing school years in order of first need; and whether each
        day is inside a declared school year."""
        if self.span is None:
            return dt.date.min, np.zeros(0, dtype=np.int16), [], np.zeros(0, dtype=bool)
        first, count = self.span.start, (self.span.end - self.span.start).days + 1
        days = np.full(count, -1, dtype=np.int16)

        def index(day: dt.date) -> int:
            return min(max((day - first).days, 0), count)

        for year in self.school_years:
            days[index(year.start):index(year.end + dt.timedelta(days=1))] = SCHOOL
        for earlier, later in zip(self.school_years, self.school_years[1:], strict=False):
            if int(later.school_year[:4]) == int(earlier.school_year[:4]) + 1:
                # consecutive school years: the days between them are the summer holiday
                days[index(earlier.end + dt.timedelta(days=1)):index(later.start)] = SUMMER
        missing: list[str] = []
        for position in np.flatnonzero(days == -1):
            key = self._missing_year(first + dt.timedelta(days=int(position)))
            if key not in missing:
                missing.append(key)
            days[position] = UNDECLARED + missing.index(key)
        declared = days == SCHOOL
        for pause in self.breaks:
            days[index(pause.start):index(pause.end + dt.timedelta(days=1))] = BREAK
        return first, days, missing, declared

    def _missing_year(self, day: dt.date) -> str:
        """The school year a day outside the declared ones belongs to."""
        first = day.year if day.month >= 8 else day.year - 1  # school years start about 9/…
        declared = self.school_year(f"{first}-{first + 1}")
        if declared is not None:
            first += 1 if day > declared.end else -1
        return f"{first}-{first + 1}"

    @property
    def words(self) -> str:
        """How the plan's own words name its period: 'năm học 2023-2024' when the general
        tab names a school year, else 'năm 2024' or 'giai đoạn 2017 - 2020'."""
        if self.named_school_year:
            return f"năm học {self.named_school_year}"
        if self.span is None:
            return ""
        if self.span.start.year == self.span.end.year:
            return period_label(str(self.span.start.year))
        return f"giai đoạn {self.span.start.year} - {self.span.end.year}"


def read_cutoff(book: Book) -> int | None:
    """The month's cut-off day ('Ngày chốt số liệu'), None when not given or out of bounds."""
    cutoff = book.general.values.get("cutoff_day")
    return cutoff if isinstance(cutoff, int) and CUTOFF_DAYS[0] <= cutoff <= CUTOFF_DAYS[1] \
        else None


def read_span(book: Book) -> Period | None:
    """The plan period ('Năm kế hoạch') as the cut-off day cuts it; None when unreadable."""
    return plan_period(book.general.values.get("plan_period"), read_cutoff(book))


def read_plan(book: Book) -> Plan:
    """The plan model of a Book (rows that cannot be used are left out)."""
    general = book.general
    cutoff = read_cutoff(book)
    span = read_span(book)
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
        breaks=tuple(read_breaks(book)),
        named_school_year=school_year_key(general.values.get("school_year")),
        cutoff=cutoff,
    )


def read_school_years(book: Book) -> tuple[Calendar, ...]:
    """The calendar tab's school years (rows that are complete and in order, the first of
    any that overlap), or, in a workbook without that tab or with it still empty, the
    general tab's one (the older layout)."""
    table = book.tables.get("calendar")
    if table is None or table.name is None or table.data.empty:
        calendar = calendar_from(book.general.values)
        return (calendar,) if calendar is not None else ()
    years: list[Calendar] = []
    for record in records(table.data).values():  # one row per school year
        calendar = calendar_from({"school_year": record["school_year"],
                                  "school_year_start": _day(record["start"]),
                                  "semester1_end": _day(record["semester1_end"]),
                                  "school_year_end": _day(record["end"])})
        if calendar is None or any(y.start <= calendar.end and calendar.start <= y.end
                                   for y in years):
            continue
        years.append(calendar)
    return tuple(sorted(years, key=lambda y: y.start))


def read_breaks(book: Book) -> list[Break]:
    table = book.tables.get("breaks")
    if table is None or table.name is None:
        return []
    found = []
    for record in records(table.data).values():
        start, end = _day(record["start"]), _day(record["end"])
        if start is not None and end is not None and start <= end:
            found.append(Break(record["name"] or "", start, end))
    return found


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
        valid_from, valid_to = _day(record["valid_from"]), _day(record["valid_to"])
        if valid_from is not None and valid_to is not None and valid_to < valid_from:
            continue
        rules.append(CadenceRule(
            row=int(row), product=record["product"], types=tuple(types),
            minimum=int(record["minimum"]), kind=kind, per_unit=record["scope"] == PER_UNIT,
            unit_noun=record["unit_noun"] or "", school_time=record["applies"] != ALL_YEAR,
            description=record["description"], valid_from=valid_from, valid_to=valid_to))
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
            yearly=bool(record["yearly"]) if not pd.isna(record["yearly"]) else False,
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
    return {cast(int, row): {key: None if not isinstance(value, (tuple, list)) and pd.isna(value)
                  else value for key, value in values.items()}
            for row, values in data.to_dict("index").items()}


def _day(value) -> dt.date | None:
    if value is None or value is pd.NaT or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):  # a pandas Timestamp too
        return value.date()
    return value
