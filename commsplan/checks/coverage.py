"""Topic coverage: a topic with a minimum over the plan period, or with a window (an
occasion, 'Từ ngày'–'Đến ngày'), must have its activities, inside the window if it has one.

A shortfall is an error once the plan period or the window has ended, a warning while it
runs (on its last day it still runs); a window that has not started, or that ended before
the plan took effect, is not judged.

`coverage_results` is the one place topics are judged: the check makes findings of its
results, the report its verdicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

import numpy as np

from commsplan.book import Book
from commsplan.findings import Finding
from commsplan.periods import FUTURE, PAST, Period
from commsplan.plan import WHOLE_SCHOOL, Plan, Topic


@dataclass(frozen=True)
class Coverage:
    """One topic judged in one window (or over the plan period)."""

    topic: Topic
    period: Period
    window: bool  # an occasion's window, not the plan period
    count: int
    minimum: int
    ended: bool

    @property
    def met(self) -> bool:
        return self.count >= self.minimum


def check_coverage(book: Book, plan: Plan, as_of: dt.date) -> list[Finding]:
    """Shortfalls of every topic's minimum and window, as of a date."""
    dates = topic_dates(book)
    if plan.span is None or dates is None:
        return []  # a missing header is a finding of its own
    return [_finding(book, result) for result in coverage_results(plan, dates, as_of)
            if not result.met]


def topic_dates(book: Book) -> dict[str, np.ndarray] | None:
    """The register's dates of each topic (datetime64 arrays), or None when the register or
    the topic list lacks the columns."""
    if ("topic" not in book["topics"].letters
            or not {"date", "topic"} <= book["activities"].letters.keys()):
        return None
    table = book["activities"]
    dates = table.data["date"].to_numpy(dtype="datetime64[ns]")
    distinct = table.distinct.get("topic")
    if distinct is None or len(distinct.codes) != len(dates):  # a table not read from a sheet
        register = table.data[["date", "topic"]].dropna()
        return {cast(str, topic): group.to_numpy(dtype="datetime64[ns]")
                for topic, group in register.groupby("topic")["date"]}
    # The column's distinct values, typed once by the Book: each row's topic as a small
    # integer, then one stable sort (a radix sort on int16) instead of grouping strings.
    names = list(dict.fromkeys(t for t in distinct.typed if t is not None))
    number = {name: index for index, name in enumerate(names)}
    lookup = np.array([number.get(t, -1) if t is not None else -1 for t in distinct.typed],
                      dtype=np.int16 if len(names) < 2**15 else np.int64)
    ids = lookup[distinct.codes] if len(lookup) else np.full(len(dates), -1, dtype=np.int16)
    keep = (ids >= 0) & ~np.isnat(dates)
    ids, dates = ids[keep], dates[keep]
    order = np.argsort(ids, kind="stable")
    ends = np.cumsum(np.bincount(ids, minlength=len(names)))
    groups = np.split(dates[order], ends[:-1]) if names else []
    return {name: group for name, group in zip(names, groups) if len(group)}


def coverage_results(plan: Plan, dates: dict[str, np.ndarray], as_of: dt.date,
                     cut: dt.date | None = None) -> list[Coverage]:
    """Every topic judged in each of its windows (or over the plan period) that has begun
    by as_of, counting its activities there (or up to `cut`, as a report counts)."""
    found: list[Coverage] = []
    empty = np.array([], dtype="datetime64[ns]")
    for topic in plan.topics:  # the topic list is short
        own = dates.get(topic.topic, empty)
        if topic.window_from is not None and topic.window_to is not None:
            spans = [(w, True) for w in topic.windows(plan) if plan.in_force(w)]
            minimum = max(topic.minimum or 1, 1)
        elif topic.minimum and plan.span is not None:
            spans, minimum = [(plan.span, False)], topic.minimum
        else:
            continue
        for period, window in spans:
            if period.status(as_of) == FUTURE:
                continue
            first = np.datetime64(period.start, "ns")
            last = np.datetime64(period.end if cut is None else min(period.end, cut), "ns")
            count = int(np.count_nonzero((own >= first) & (own <= last)))
            found.append(Coverage(topic, period, window, count, minimum,
                                  period.status(as_of) == PAST))
    return found


def _finding(book: Book, result: Coverage) -> Finding:
    table = book["topics"]
    codes = (("coverage-window-missed", "coverage-window-pending") if result.window
             else ("coverage-shortfall", "coverage-pending"))
    period, row = result.period, result.topic.row
    return Finding(
        codes[0] if result.ended else codes[1], tab=table.label, row=row,
        column=table.header("topic"), value=str(result.count), cell=table.cell("topic", row),
        period=period.key, scope=WHOLE_SCHOOL,
        params={
            "topic": result.topic.topic, "minimum": result.minimum,
            "missing": result.minimum - result.count,
            "period_label": {"vi": period.label("vi"), "en": period.label("en")},
            "period_end": f"{period.end:%d/%m/%Y}",
            "activities_tab": book["activities"].label,
        })
