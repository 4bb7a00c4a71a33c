"""The plan's time frame: the school-year calendar and its breaks, the day the plan takes
effect, and periods judged before the plan existed.

A school that issues its plan in the middle of a period and leaves 'Ngày hiệu lực' empty has
the plan judged from the start of the plan period: the periods before the date of issue come
out missed. One warning says so and names the field, so the false shortfalls stop at once.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import pandas as pd

from commsplan.book import Book, Table
from commsplan.findings import Finding
from commsplan.periods import school_year_key
from commsplan.plan import Plan, records

EFFECTIVE = "effective_date"
MISSED = ("cadence-shortfall", "coverage-window-missed")
LEGACY_DATES = ("school_year_start", "semester1_end", "school_year_end")
YEAR_DATES = ("start", "semester1_end", "end")


def check_calendar(book: Book) -> list[Finding]:
    """The calendar tab's rows (a school year's form, its dates in order and in its years,
    no two years overlapping), the breaks' dates, and school-year dates left on the general
    tab once the calendar tab is there."""
    found: list[Finding] = []
    years = book.tables.get("calendar")
    legacy = [key for key in LEGACY_DATES if book.general.values.get(key) is not None]
    if years is not None and years.name is not None:
        found += _school_years(years)
        if years.data.empty and legacy:  # read from the general tab until the tab is filled
            found.append(_legacy(book, legacy[0], "legacy-calendar", years.label))
        elif not years.data.empty:
            found += [_legacy(book, key, "legacy-school-dates", years.label) for key in legacy]
    pauses = book.tables.get("breaks")
    if pauses is not None and pauses.name is not None and {"start", "end"} <= \
            pauses.letters.keys():
        data = pauses.data
        for row in data.index[data["start"].notna() & data["end"].notna()
                              & (data["end"] < data["start"])]:
            start: Any = data.at[row, "start"]
            found.append(_at(pauses, "end", int(row), "break-dates-order",
                             start=f"{start:%d/%m/%Y}"))
    return found


def _school_years(table: Table) -> Iterator[Finding]:
    data = table.data
    spans: list[tuple[int, str, pd.Timestamp, pd.Timestamp]] = []
    for row, record in records(data).items():  # one row per school year
        row = int(row)
        key = school_year_key(record["school_year"])
        if record["school_year"] is not None and key is None and "school_year" in table.letters:
            yield _at(table, "school_year", row, "invalid-school-year")
        latest = None
        for column in YEAR_DATES:
            day = record[column]
            if pd.isna(day) or column not in table.letters:
                continue
            if latest is not None and day <= record[latest]:
                yield _at(table, column, row, "school-dates-order",
                          previous_column=table.header(latest),
                          previous=f"{record[latest]:%d/%m/%Y}")
            else:
                latest = column
        if key is None:
            continue
        first, second = (int(y) for y in key.split("-"))
        for column, year in (("start", first), ("end", second)):
            day = record[column]
            if not pd.isna(day) and day.year != year and column in table.letters:
                yield _at(table, column, row, "school-year-mismatch", expected_year=year,
                          school_year=key)
        start, end = record["start"], record["end"]
        if pd.isna(start) or pd.isna(end) or end <= start:
            continue
        for other_row, other, other_start, other_end in spans:
            if start <= other_end and other_start <= end and other != key:  # a repeat is
                # a duplicate-value already
                yield _at(table, "school_year", row, "school-years-overlap", other=other,
                          other_row=other_row)
                break
        spans.append((row, key, start, end))


def _at(table: Table, key: str, row: int, code: str, **params) -> Finding:
    from commsplan.values import as_text

    return Finding(code, tab=table.label, row=row, column=table.header(key),
                   value=as_text(table.raw.at[row, key]), cell=table.cell(key, row),
                   params=params)


def _legacy(book: Book, key: str, code: str, calendar_tab: str) -> Finding:
    fields = book.general
    row = fields.rows[key][0]
    return Finding(code, tab=fields.label, row=row,
                   column=fields.tab.column(key).header,
                   value=f"{fields.values[key]:%d/%m/%Y}", cell=f"{fields.value_letter}{row}",
                   params={"field": True, "calendar_tab": calendar_tab})


def check_timeline(book: Book, plan: Plan, judged: Iterable[Finding]) -> list[Finding]:
    """The effective date against the plan period, and shortfalls before the date of issue
    when no effective date is given (`judged`: the cadence and coverage findings)."""
    found = []
    fields = book.general
    if (plan.effective_given and plan.effective is not None and plan.span is not None
            and not plan.span.contains(plan.effective)):
        found.append(_field(book, "effective-date-outside-plan", f"{plan.effective:%d/%m/%Y}",
                            plan_label={"vi": plan.span.label("vi"),
                                        "en": plan.span.label("en")}))
    if (plan.effective_given or plan.issued is None or plan.span is None
            or plan.issued <= plan.span.start):
        return found
    before = sorted({_period(plan, f.period) for f in judged if f.code in MISSED and f.period
                     and _period(plan, f.period).end < plan.issued},
                    key=lambda p: (p.start, p.end))
    if before:
        found.append(_field(book, "missed-before-issue", None, count=len(before),
                            periods={lang: ", ".join(p.label(lang) for p in before)
                                     for lang in ("vi", "en")},
                            issued=f"{plan.issued:%d/%m/%Y}",
                            effective_field=fields.tab.column(EFFECTIVE).header,
                            plan_start=f"{plan.span.start:%d/%m/%Y}",
                            general_tab=fields.label))
    return found


def _period(plan: Plan, key: str):
    return plan.parse(key)


def _field(book: Book, code: str, value: str | None, key: str = EFFECTIVE,
           **params) -> Finding:
    """A finding at an item of the general tab (its row, column B), or at the tab without
    it (by default the effective date)."""
    fields = book.general
    rows = fields.rows.get(key) or []
    row = rows[0] if rows else None
    return Finding(code, tab=fields.label, row=row,
                   column=fields.tab.column(key).header, value=value,
                   cell=f"{fields.value_letter}{row}" if row else None,
                   params={"field": True, **params})
