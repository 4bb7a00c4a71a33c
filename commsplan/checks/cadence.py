"""Cadence rules (the cadence tab): at least N activities of some types per period and scope.

For each rule and each period of its kind in the plan up to the as-of date, the register's
activities of the counted types are counted for the whole school, or for each unit marked
for per-unit rules (a unit with no activity at all is judged too). A period that has ended
short is an error, the current one a warning, a future one is not judged.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

import numpy as np
import pandas as pd

from commsplan.book import Book, Table
from commsplan.checks.findings import Finding
from commsplan.periods import (CURRENT, FUTURE, KIND_WORDS, PAST, Calendar, Period,
                               periods_in)

WHOLE_SCHOOL = "Toàn trường"
PER_UNIT = "Từng đơn vị"


def check_cadence(book: Book, plan: Period | None, calendar: Calendar | None,
                  as_of: dt.date) -> list[Finding]:
    """Shortfalls of every cadence rule, per period and scope, up to as_of."""
    rules = book["cadence"]
    if plan is None or rules.data.empty or not {"date", "type"} <= book["activities"].letters.keys():
        return []  # without dates or types nothing can be counted (a missing header says so)
    activities = _dated_activities(book["activities"], plan)
    found: list[Finding] = []
    for row, rule in rules.data.iterrows():  # a handful of rules
        found.extend(_judge_rule(book, row, rule, activities, plan, calendar, as_of))
    return found


def _dated_activities(table: Table, plan: Period) -> pd.DataFrame:
    """The register's rows with a readable date inside the plan period."""
    data = table.data[["date", "type", "unit"]]
    dates = data["date"]
    inside = dates.notna() & (dates >= pd.Timestamp(plan.start)) & (dates <= pd.Timestamp(plan.end))
    data = data[inside]
    # Few distinct types: each rule's isin() then looks at those, not at every row.
    return data.assign(type=data["type"].astype("category"))


def _judge_rule(book: Book, row: int, rule: pd.Series, activities: pd.DataFrame,
                plan: Period, calendar: Calendar | None, as_of: dt.date) -> Iterator[Finding]:
    kind = rule_kind(book, rule)
    if kind is None:
        return  # the row's own findings say what is wrong with it
    types = rule["counted_types"]
    periods = [p for p in periods_in(kind, plan.start, plan.end, calendar)
               if p.status(as_of) != FUTURE]
    if rule["scope"] == PER_UNIT and "unit" not in book["activities"].letters:
        return
    scopes = [WHOLE_SCHOOL] if rule["scope"] == WHOLE_SCHOOL else judged_units(book)
    if rule["scope"] == PER_UNIT and not scopes:
        yield _no_units(book, row, rule)
        return
    if not periods:
        return
    counted = activities[activities["type"].isin(types)]
    counts = counts_by_period(counted, periods, per_unit=rule["scope"] == PER_UNIT)
    minimum = int(rule["minimum"])
    for scope in scopes:
        for index, period in enumerate(periods):
            count = int(counts.get((scope, index), 0))
            if count < minimum:
                yield _shortfall(book, rule, period, scope, count, minimum, as_of)


def rule_kind(book: Book, rule: pd.Series) -> str | None:
    """The period kind a cadence row counts by, or None when the row cannot be judged (a
    rule without a product has no name to be judged or reported under)."""
    kind = KIND_WORDS.get(rule["period"])
    types = rule["counted_types"]
    known_types = book.contract.allowed_values(book["cadence"].tab.column("counted_types"))
    if (kind is None or pd.isna(rule["minimum"]) or not types or pd.isna(rule["product"])
            or any(t not in known_types for t in types)
            or rule["scope"] not in (WHOLE_SCHOOL, PER_UNIT)):
        return None
    return kind


def judged_units(book: Book) -> list[str]:
    """Names of the units marked for per-unit rules, in the units tab's order."""
    units = book["units"].data
    if units.empty:
        return []
    marked = units["per_unit_cadence"].fillna(False).astype(bool)
    return list(dict.fromkeys(units.loc[marked, "name"].dropna()))


def counts_by_period(activities: pd.DataFrame, periods: list[Period], per_unit: bool) -> dict:
    """{(scope, period index): count} of activities (date, unit) in each period, for the whole
    school or per unit; periods are in order and do not overlap. The report counts with it too."""
    starts = np.array([np.datetime64(p.start) for p in periods], dtype="datetime64[ns]")
    ends = np.array([np.datetime64(p.end) for p in periods], dtype="datetime64[ns]")
    dates = activities["date"].to_numpy(dtype="datetime64[ns]")
    index = np.searchsorted(starts, dates, side="right") - 1
    inside = (index >= 0) & (dates <= ends[np.clip(index, 0, None)])
    if not per_unit:
        counts = np.bincount(index[inside], minlength=len(periods))
        return {(WHOLE_SCHOOL, i): int(n) for i, n in enumerate(counts) if n}
    units, names = pd.factorize(activities["unit"].to_numpy()[inside])  # no unit: -1
    known = units >= 0
    pairs = units[known] * len(periods) + index[inside][known]
    counts = np.bincount(pairs, minlength=len(names) * len(periods))
    return {(names[i // len(periods)], i % len(periods)): int(counts[i])
            for i in np.flatnonzero(counts)}


def _shortfall(book: Book, rule: pd.Series, period: Period, scope: str, count: int,
               minimum: int, as_of: dt.date) -> Finding:
    types = ", ".join(rule["counted_types"])
    per_unit = scope != WHOLE_SCHOOL
    code = "cadence-shortfall" if period.status(as_of) == PAST else "cadence-pending"
    assert period.status(as_of) in (PAST, CURRENT)
    return Finding(
        code, tab=book["activities"].label, value=str(count), period=period.key, scope=scope,
        params={
            "product": rule["product"], "minimum": minimum, "missing": minimum - count,
            "types": types,
            "unit_noun": rule["unit_noun"] or {"vi": "sản phẩm", "en": "products"},
            "period_label": {"vi": period.label("vi"), "en": period.label("en")},
            "period_end": f"{period.end:%d/%m/%Y}",
            "who": ({"vi": f"đơn vị {scope}", "en": f"unit {scope}"} if per_unit
                    else {"vi": "toàn trường", "en": "whole school"}),
            "unit_hint": ({"vi": f" và Đơn vị là '{scope}'", "en": f" and unit '{scope}'"}
                          if per_unit else ""),
        })


def _no_units(book: Book, row: int, rule: pd.Series) -> Finding:
    table = book["cadence"]
    return Finding("cadence-no-units", tab=table.label, row=int(row),
                   column=table.header("scope"), value=rule["product"],
                   cell=table.cell("scope", int(row)),
                   params={"units_tab": book["units"].label})
