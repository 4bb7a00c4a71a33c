"""Cadence rules (the cadence tab): at least N activities of some types per period and scope.

For each rule and each period of its kind that the plan judges (in the plan period, not
ending before the plan takes effect, ending within the rule's dates, and for a school-time
rule with some school time) and that has begun by the as-of date, the register's activities
of the counted types are counted for the whole school, or for each unit marked for per-unit
rules (a unit with no activity at all is judged too). A period only partly in school time is
judged against the full minimum and says so. A period that has ended short is an error, the
current one a warning (on its last day a period is still current).

`cadence_results` is the one place periods are judged: the check makes findings of its
results, the report its table and verdicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from commsplan.book import Book
from commsplan.findings import Finding
from commsplan.periods import FUTURE, PAST, Period
from commsplan.plan import PER_UNIT, WHOLE_SCHOOL, CadenceRule, Plan, SchoolTime, records
from commsplan.text import fold

__all__ = ["WHOLE_SCHOOL", "PER_UNIT", "Result", "check_cadence", "cadence_results",
           "register_of", "counts_by_period"]


@dataclass(frozen=True)
class Result:
    """One rule judged for one period and scope: the count, and whether the period is over."""

    rule: CadenceRule
    period: Period
    scope: str  # WHOLE_SCHOOL or a unit's name
    count: int
    ended: bool  # the period ended before the as-of date: a shortfall is final
    school: SchoolTime | None = None  # for a school-time rule: how much was school time

    @property
    def met(self) -> bool:
        return self.count >= self.rule.minimum

    @property
    def partial(self) -> bool:
        """Only part of the period was school time (judged against the full minimum)."""
        return self.school is not None and self.school.partial

    def label(self, lang: str = "vi") -> str:
        """The period's name, saying when only part of it was school time."""
        text = self.period.label(lang)
        if self.partial:
            text += " (with holidays)" if lang == "en" else " (có ngày nghỉ)"
        return text


def check_cadence(book: Book, plan: Plan, as_of: dt.date) -> list[Finding]:
    """Shortfalls of every cadence rule, per period and scope, up to as_of."""
    register = register_of(book, plan)
    if register is None:
        return []  # without dates or types nothing can be counted (a missing header says so)
    found = [_no_units(book, rule) for rule in plan.rules
             if rule.per_unit and not plan.units and _has(book, "unit")]
    results = cadence_results(plan, register, as_of)
    found += [_shortfall(book, result) for result in results if not result.met]
    found += _undeclared(book, plan, results, as_of)
    return found


def register_of(book: Book, plan: Plan) -> pd.DataFrame | None:
    """The register's rows (date, type, and unit when the sheet has that column) with a
    readable date inside the plan period, or None when the register lacks dates or types (a
    missing header says so)."""
    if plan.span is None or not (_has(book, "date") and _has(book, "type")):
        return None
    table = book["activities"]
    data = table.data[["date", "type", "unit"] if _has(book, "unit") else ["date", "type"]]
    dates = data["date"]
    inside = (dates.notna() & (dates >= pd.Timestamp(plan.span.start))
              & (dates <= pd.Timestamp(plan.span.end)))
    # Few distinct types: each rule's isin() then looks at those, not at every row.
    return data.assign(type=_category(table, "type"))[inside]


def _category(table, key: str) -> pd.Series:
    """A text column as a categorical (categories sorted, as astype("category") gives),
    from the values the Book typed once each when it has them, so that a register's 100,000
    types are not hashed again."""
    column = table.data[key]
    distinct = table.distinct.get(key)
    if distinct is None or len(distinct.codes) != len(column):  # a table not read from a sheet
        return column.astype("category")
    typed = distinct.typed
    try:
        names = sorted({value for value in typed if value is not None})
    except TypeError:  # values that do not sort
        return column.astype("category")
    number = {name: index for index, name in enumerate(names)}
    lookup = np.fromiter((number[v] if v is not None else -1 for v in typed), dtype=np.int64,
                         count=len(typed))
    codes = lookup[distinct.codes] if len(lookup) else np.full(len(column), -1)
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(names)),
                     index=column.index)


def cadence_results(plan: Plan, register: pd.DataFrame, as_of: dt.date,
                    cut: dt.date | None = None) -> list[Result]:
    """Every rule judged for every period the plan judges that has begun by as_of.

    Activities are counted over each period, or up to `cut`: a report counts nothing after
    its own period (and judges a finished one as of the day after it).
    """
    results: list[Result] = []
    for rule in plan.rules:  # a handful of rules
        if rule.per_unit and ("unit" not in register or not plan.units):
            continue
        periods = [p for p in plan.periods(rule.kind)
                   if p.status(as_of) != FUTURE and plan.judges(rule, p)]
        if not periods:
            continue
        counting = periods if cut is None else [replace(p, end=min(p.end, cut)) for p in periods]
        counts = counts_by_period(register, counting, per_unit=rule.per_unit,
                                  where=_of_types(register["type"], rule.types))
        scopes = plan.units if rule.per_unit else (WHOLE_SCHOOL,)
        school = [plan.school_time(p) if rule.school_time else None for p in periods]
        for scope in scopes:
            for index, period in enumerate(periods):
                results.append(Result(rule, period, scope, int(counts.get((scope, index), 0)),
                                      period.status(as_of) == PAST, school[index]))
    return results


def check_rule_dates(book: Book) -> list[Finding]:
    """Rows for one product whose dates of application overlap (a product has several rows
    only when its minimum changes over time)."""
    table = book["cadence"]
    if "product" not in table.letters:
        return []
    found: list[Finding] = []
    seen: dict[str, list[tuple[int, tuple[Any, Any]]]] = {}
    for row, record in records(table.data).items():  # a handful of rows
        if record["product"] is None:
            continue
        start, end = (pd.Timestamp.min if pd.isna(record["valid_from"]) else record["valid_from"],
                      pd.Timestamp.max if pd.isna(record["valid_to"]) else record["valid_to"])
        for first_row, (first, last) in seen.get(fold(record["product"]), []):
            if start <= last and first <= end:
                found.append(Finding("rule-dates-overlap", tab=table.label, row=int(row),
                                     column=table.header("product"), value=record["product"],
                                     cell=table.cell("product", int(row)),
                                     params={"first_row": first_row}))
                break
        seen.setdefault(fold(record["product"]), []).append((int(row), (start, end)))
    return found


def _of_types(types: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    """Which rows are of one of these types (a categorical column: its few categories are
    looked at, and the rows through their codes)."""
    if not isinstance(types.dtype, pd.CategoricalDtype):
        return types.isin(wanted).to_numpy()
    chosen = np.append(types.cat.categories.isin(wanted), False)  # code -1: no type
    return chosen[types.cat.codes.to_numpy()]


def counts_by_period(activities: pd.DataFrame, periods: list[Period], per_unit: bool,
                     where: np.ndarray | None = None) -> dict:
    """{(scope, period index): count} of activities (date, unit) in each period, for the whole
    school or per unit; periods are in order and do not overlap. The report counts with it too.
    where: which activities to count (all by default)."""
    if not periods:
        return {}
    dates = activities["date"].to_numpy()
    if where is not None:
        dates = dates[where]
    if dates.dtype.kind != "M":
        dates = dates.astype("datetime64[ns]")
    starts = np.array([np.datetime64(p.start) for p in periods], dtype=dates.dtype)
    ends = np.array([np.datetime64(p.end) for p in periods], dtype=dates.dtype)
    index = np.searchsorted(starts, dates, side="right") - 1
    inside = (index >= 0) & (dates <= ends[np.clip(index, 0, None)])
    if not per_unit:
        counts = np.bincount(index[inside], minlength=len(periods))
        return {(WHOLE_SCHOOL, i): int(n) for i, n in enumerate(counts) if n}
    units = activities["unit"].to_numpy()
    units, names = pd.factorize((units if where is None else units[where])[inside])  # none: -1
    known = units >= 0
    pairs = units[known] * len(periods) + index[inside][known]
    counts = np.bincount(pairs, minlength=len(names) * len(periods))
    return {(names[i // len(periods)], i % len(periods)): int(counts[i])
            for i in np.flatnonzero(counts)}


def _has(book: Book, key: str) -> bool:
    return key in book["activities"].letters


def _shortfall(book: Book, result: Result) -> Finding:
    rule, period, scope, count = result.rule, result.period, result.scope, result.count
    types = ", ".join(rule.types)
    per_unit = scope != WHOLE_SCHOOL
    return Finding(
        "cadence-shortfall" if result.ended else "cadence-pending",
        tab=book["activities"].label, value=str(count), period=period.key, scope=scope,
        params={
            "product": rule.product, "minimum": rule.minimum, "missing": rule.minimum - count,
            "types": types,
            "unit_noun": rule.unit_noun or {"vi": "sản phẩm", "en": "products"},
            "period_label": {"vi": result.label("vi"), "en": result.label("en")},
            "period_end": f"{period.end:%d/%m/%Y}",
            "who": ({"vi": f"đơn vị {scope}", "en": f"unit {scope}"} if per_unit
                    else {"vi": "toàn trường", "en": "whole school"}),
            "unit_hint": ({"vi": f" và Đơn vị là '{scope}'", "en": f" and unit '{scope}'"}
                          if per_unit else ""),
        })


def _undeclared(book: Book, plan: Plan, results: list[Result],
                as_of: dt.date) -> list[Finding]:
    """One warning per school year missing from the calendar, naming the periods judged as
    school time only for it: periods that no declared school year covers, with days up to
    as_of (a month the calendar covers in part is judged anyway)."""
    periods: dict[str, dict[str, Period]] = {}
    for result in results:
        if not (result.school and result.school.undeclared) or result.school.declared_days:
            continue
        so_far = plan.school_time(replace(result.period, end=min(result.period.end, as_of)))
        for key in so_far.undeclared:
            periods.setdefault(key, {})[result.period.key] = result.period
    table = book.tables.get("calendar")
    tab = table.label if table is not None else None
    found = []
    for key, judged in periods.items():
        ordered = sorted(judged.values(), key=lambda p: (p.start, p.end))
        found.append(Finding("school-year-undeclared", tab=tab, value=key, params={
            "periods": {lang: _listing([p.label(lang) for p in ordered], lang)
                        for lang in ("vi", "en")}}))
    return found


def _listing(labels: list[str], lang: str, shown: int = 6) -> str:
    if len(labels) <= shown:
        return ", ".join(labels)
    more = len(labels) - shown
    return ", ".join(labels[:shown]) + (f" and {more} more" if lang == "en" else
                                         f" và {more} kỳ khác")


def _no_units(book: Book, rule: CadenceRule) -> Finding:
    table = book["cadence"]
    return Finding("cadence-no-units", tab=table.label, row=rule.row,
                   column=table.header("scope"), value=rule.product,
                   cell=table.cell("scope", rule.row),
                   params={"units_tab": book["units"].label})
