"""Topic coverage: a topic with a minimum over the plan period, or with a window (an
occasion, 'Từ ngày'–'Đến ngày'), must have its activities, inside the window if it has one.

A shortfall is an error once the plan period or the window has ended, a warning while it
runs; a window that has not started is not judged.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

import pandas as pd

from commsplan.book import Book
from commsplan.checks.findings import Finding
from commsplan.periods import CURRENT, PAST, Period, date_range

WHOLE_SCHOOL = "Toàn trường"


def check_coverage(book: Book, plan: Period | None, as_of: dt.date) -> list[Finding]:
    """Shortfalls of every topic's minimum and window, as of a date."""
    topics = book["topics"]
    if (plan is None or topics.data.empty or "topic" not in topics.letters
            or not {"date", "topic"} <= book["activities"].letters.keys()):
        return []  # a missing header is a finding of its own
    register = book["activities"].data[["date", "topic"]].dropna()
    by_topic = {topic: dates for topic, dates in register.groupby("topic")["date"]}
    found: list[Finding] = []
    for row, topic in topics.data.iterrows():  # the topic list is short
        if pd.isna(topic["topic"]):
            continue
        dates = by_topic.get(topic["topic"], pd.Series([], dtype="datetime64[ns]"))
        found.extend(_judge_topic(book, int(row), topic, dates, plan, as_of))
    return found


def _judge_topic(book: Book, row: int, topic: pd.Series, dates: pd.Series, plan: Period,
                 as_of: dt.date) -> Iterator[Finding]:
    minimum = None if pd.isna(topic.get("minimum")) else int(topic["minimum"])
    start, end = topic.get("window_from"), topic.get("window_to")
    if not (pd.isna(start) or pd.isna(end)):
        if end < start:
            return  # window-dates-order says so
        window = date_range(start.date(), end.date())
        codes = ("coverage-window-missed", "coverage-window-pending")
        yield from _judge(book, row, topic, dates, window, max(minimum or 1, 1), as_of, codes)
    elif minimum:
        codes = ("coverage-shortfall", "coverage-pending")
        yield from _judge(book, row, topic, dates, plan, minimum, as_of, codes)


def _judge(book: Book, row: int, topic: pd.Series, dates: pd.Series, period: Period,
           minimum: int, as_of: dt.date, codes: tuple[str, str]) -> Iterator[Finding]:
    status = period.status(as_of)
    if status not in (PAST, CURRENT):
        return
    inside = (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))
    count = int(inside.sum())
    if count >= minimum:
        return
    table = book["topics"]
    yield Finding(
        codes[0] if status == PAST else codes[1], tab=table.label, row=row,
        column=table.header("topic"), value=str(count), cell=table.cell("topic", row),
        period=period.key, scope=WHOLE_SCHOOL,
        params={
            "topic": topic["topic"], "minimum": minimum, "missing": minimum - count,
            "period_label": {"vi": period.label("vi"), "en": period.label("en")},
            "period_end": f"{period.end:%d/%m/%Y}",
            "activities_tab": book["activities"].label,
        })
