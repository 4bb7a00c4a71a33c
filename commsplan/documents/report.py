"""The Báo cáo: the Book and a period → the figures templates/report.md.j2 prints → a document.

A report on a period P counts the activities dated in P, and nothing after P's end. Its
verdicts are the check's own results (`checks.cadence.cadence_results`,
`checks.coverage.coverage_results`) for the cadence periods and topic windows that end in P,
each on its own activities; one still open at P's end is shown in progress, counted up to
P's end. Once P is over the report is judged as of the day after P, so it is the same
whatever day it is made; before that, as of the as-of date (on its last day a period is
still in progress). Counting is pandas group-bys over the register (no Python loop per
activity). Every word a reader sees comes from templates/: the sentences from report.md.j2,
the table headers from tables.yaml, the words inside cells and the chart from documents.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from commsplan.book import Book
from commsplan.checks import cadence as cadence_check
from commsplan.checks.coverage import coverage_results, topic_dates
from commsplan.documents import common
from commsplan.errors import CommsplanError
from commsplan.periods import (
    MONTH,
    QUARTER,
    RANGE,
    SEMESTER,
    YEAR,
    YEARS,
    Period,
    date_range,
    following_key,
    is_semester_key,
    month_periods,
    months_before,
    parse_period,
    period_label,
    roman,
    window_after,
    year_and_month,
    years_on,
)
from commsplan.plan import Plan, Topic, read_plan

REPORT_KINDS = (MONTH, QUARTER, SEMESTER, YEAR)
CHART_MONTHS = 12  # at most a year of bars
_COLUMN_LIST = re.compile(r"\{(\w+)")
_ONE_DAY = dt.timedelta(days=1)
# The register's columns the report counts by. Without one (its header deleted or misspelled,
# which `commsplan check` reports) the report says so and leaves out what needs it, judging
# no more than the check does.
_COUNTED_COLUMNS = ("date", "topic", "type", "author", "unit", "channel")


class ReportError(CommsplanError):
    """No report can be made for the period asked."""


# The public API -----------------------------------------------------------------------------

def report_period(book: Book, key: str, plan: Plan | None = None) -> Period:
    """The period a report key names: '2024-03', '2024-Q1', 'HK1-2023-2024', '2024'."""
    key = str(key).strip()
    plan = plan or read_plan(book)
    try:
        period = plan.parse(key)
    except ValueError:
        if is_semester_key(key):
            if not plan.school_years:
                raise ReportError("report-no-calendar", period=key) from None
            raise ReportError("report-other-school-year", period=key,
                              school_year=plan.school_years[-1].school_year,
                              school_years=", ".join(y.school_year for y in plan.school_years)
                              ) from None
        raise ReportError("report-period-unknown", period=key) from None
    if period.kind not in REPORT_KINDS:
        raise ReportError("report-period-unknown", period=key)
    return period


def check_period_key(key: str) -> None:
    """Refuse a key that names no month, quarter, semester or year, before reading any data
    (whether a semester is the sheet's own is known only from the sheet)."""
    key = str(key).strip()
    if is_semester_key(key):
        return
    try:
        kind = parse_period(key).kind
    except ValueError:
        kind = None
    if kind not in REPORT_KINDS:
        raise ReportError("report-period-unknown", period=key)


def refuse_impossible(plan: Plan, period: Period, as_of: dt.date) -> None:
    """Refuse a period outside the plan (or ending before it takes effect), and one that
    has not begun at the as-of date: a typo must not become an empty signed report."""
    if plan.span is None:
        return  # an unreadable plan period is a finding; nothing to compare with
    if not plan.meets(period):
        raise ReportError("report-outside-plan", period=period.label(),
                          period_en=period.label("en"), **_plan_words(plan))
    if period.start > as_of:
        raise ReportError("report-not-begun", period=period.label(),
                          period_en=period.label("en"), start=f"{period.start:%d/%m/%Y}",
                          as_of=f"{as_of:%d/%m/%Y}", **_plan_words(plan))


def _plan_words(plan: Plan) -> dict:
    """The plan's period in a refusal: 'năm 2024', with the day it takes effect if not its
    first day."""
    assert plan.span is not None  # refuse_impossible returns first when there is none
    vi, en = plan.span.label("vi"), plan.span.label("en")
    if plan.effective and plan.effective > plan.span.start:
        vi += f", có hiệu lực từ ngày {plan.effective:%d/%m/%Y}"
        en += f", in force from {plan.effective:%d/%m/%Y}"
    return {"plan": vi, "plan_en": en}


def report_document(book: Book, period: Period | str, as_of: dt.date | None = None,
                    plan: Plan | None = None, topic: Topic | None = None, *,
                    number: int | None = None, date: dt.date | None = None, filing=None):
    """The report on one period (a month, quarter, semester, year, or any window of days) in
    the NĐ30 frame, ready for docx_io.docx_bytes; with a topic, on that topic alone. Without
    number and date it is an unnumbered draft (both blank, the year the period's end year).
    ReportError for a period outside the plan or not begun at as_of."""
    kind = common.document_words("report")
    plan = plan or read_plan(book)
    period = _as_period(book, period, plan)
    as_of = as_of or dt.date.today()
    refuse_impossible(plan, period, as_of)
    context = report_context(book, period, as_of, plan, topic)
    if topic is None:
        summary = kind["summary"].format(period=context["period"]["name"])
    else:
        summary = kind["topic_summary"].format(topic=topic.topic, period=context["period"]["name"])
    return common.framed_document(book, kind, kind["doc_type"], summary, context, number=number,
                                  date=date, preparer=False, year=period.end.year, filing=filing)


def report_file_name(book: Book, period: Period | str, topic: Topic | None = None) -> str:
    """BC-truyen-thong-2024-03.docx, BC-truyen-thong-HK2-2023-2024.docx, from the period's key
    (letters, digits and '-', as parsed); a window of days
    BC-truyen-thong-2024-03-01-den-2024-04-15.docx; a topic's BC-truyen-thong-chu-de-2-….docx."""
    kind = common.document_words("report")
    key = _as_period(book, period).key.replace("/", "-den-")
    about = f"-chu-de-{topic.number}" if topic is not None else ""
    return f"{kind['file_prefix']}{about}-{key}.docx"


def window_period(start: dt.date, end: dt.date) -> Period:
    """An ad-hoc or thematic report's window of days (ReportError when it ends first)."""
    if end < start:
        raise ReportError("report-window-order", start=f"{start:%d/%m/%Y}",
                          end=f"{end:%d/%m/%Y}")
    return date_range(start, end)


def report_topic(plan: Plan, number: int) -> Topic:
    """The topic a one-topic report is on, by the number the plan prints (1, 2, 3…)."""
    for topic in plan.topics:
        if topic.number == number:
            return topic
    raise ReportError("report-topic-unknown", number=number, count=len(plan.topics))


def topic_period(plan: Plan, topic: Topic, as_of: dt.date) -> Period:
    """A one-topic report's period when none is given: the topic's latest window begun by
    as_of (its occasion, this year's for a yearly one), else the plan period."""
    begun = [w for w in topic.windows(plan) if w.start <= as_of]
    if begun:
        return begun[-1]
    if topic.window is not None:  # its only windows are still to come
        return topic.windows(plan)[0]
    if plan.span is None:
        raise ReportError("report-window-needed")
    return plan.span


def next_period(period: Period, plan: Plan) -> Period:
    """The period of the same kind that follows: 2024-03 → 2024-04, HK1 → HK2 → next HK1.

    A semester of a school year the plan does not declare has the dates of the last
    declared one, a year on.
    """
    own = plan.parse(period.key)
    if own.kind in (MONTH, QUARTER, YEAR):
        return plan.parse(following_key(own))
    if own.kind == RANGE:  # an ad-hoc window: as long a window after it
        return window_after(own)
    semesters = [s for year in plan.school_years for s in year.semesters()]
    later = [s for s in semesters if s.start > own.start]
    if later:
        return later[0]
    first = int(own.key[4:8]) + 1  # after the last declared HK2: the next year's HK1
    last = plan.school_years[-1]
    return Period(years_on(last.start, 1), years_on(last.semester1_end, 1),
                  f"HK1-{first}-{first + 1}", SEMESTER)


# The context --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Span:
    """The days a report counts, and the day its verdicts are judged at.

    Once the period is over (it ended before the as-of date): its own days, judged as of
    the day after it, whatever the as-of date. Before that: up to the as-of date, judged
    then (on its last day a period is still in progress).
    """

    period: Period
    as_of: dt.date

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        """The last day counted."""
        return min(self.period.end, self.as_of)

    @property
    def partial(self) -> bool:
        return self.as_of <= self.period.end

    @property
    def judged_at(self) -> dt.date:
        return self.as_of if self.partial else self.period.end + _ONE_DAY

    def mask(self, dates: pd.Series) -> pd.Series:
        return (dates >= pd.Timestamp(self.start)) & (dates <= pd.Timestamp(self.end))

    def reports(self, judged: Period) -> bool:
        """Whether a cadence period or window belongs in this report: it ends in the
        period, or it is still open at the period's end."""
        end = self.period.end
        return self.start <= judged.end <= end or judged.start <= end < judged.end


def report_context(book: Book, period: Period | str, as_of: dt.date | None = None,
                   plan: Plan | None = None, topic: Topic | None = None) -> dict:
    """Everything report.md.j2 prints, as plain values and ready tables; with a topic, the
    report on that topic alone (its activities, its windows; no cadence rule, since those
    count every topic)."""
    kind = common.document_words("report")
    words = kind["words"]
    plan = plan or read_plan(book)
    period = _as_period(book, period, plan)
    span = _Span(period, as_of or dt.date.today())
    register = _dated_register(book)
    missing = _missing_columns(book)
    types = [] if "type" in missing else _shown_types(book, register, plan)
    if topic is not None:
        register = register[register["topic"] == topic.topic]
    activities = register[span.mask(register["date"])]
    topics = list(plan.topics) if topic is None else [topic]
    judged = not {"date", "type"} & missing.keys()  # as check_cadence: counting needs both
    monthly = _monthly_rules(plan, words) if judged and topic is None else []
    general = book.general
    # none without dates or types, as the check; none in a report on one topic
    results = _cadence_results(book, plan, span) if topic is None else []
    coverage = _coverage(book, plan, span, topic)

    tables, topic_counts = _topic_table(activities, topics, types, words)
    months_table, months_not_judged = _months_table(activities, span, types, monthly, results,
                                                    plan, words)
    tables["months"] = months_table
    tables["units"] = _unit_table(book, activities, types, words)
    tables["authors"] = _author_table(activities, types, words)
    cadence_rows, cadence_missed = _cadence(plan, span, results, words)
    tables["cadence"] = _table("report_cadence", cadence_rows)
    opinions = _opinions(book, span)
    tables["opinions"] = _table("report_opinions", opinions)
    tables["activities"] = _table("report_activities", _activity_rows(activities))
    chart = _chart(register, span, plan, types, monthly, words)
    following = next_period(period, plan)
    return {
        "school_name": common.name_in_text(book, "school_name"),
        "parent_body": common.name_in_text(book, "parent_body"),
        "school_symbol": general.get("school_symbol", ""),
        "plan_summary": general.get("summary", ""),
        "plan_number": general.get("plan_number"),
        "plan_date": _day(general.get("plan_date")),
        "plan_period": period_label(plan.span.key) if plan.span else "",
        "period": {
            "key": period.key,
            "name": period_name(period),
            "within": (words["window"].format(name=period_name(period))
                       if period.kind == RANGE else period_name(period)),
            "start": _day(span.start),
            "end": _day(span.end),
            "as_of": _day(span.as_of),
            "partial": span.partial,
            "clipped": period.clipped,
            "shifted": period.shifted,
            "cutoff": plan.cutoff,
        },
        "totals": _totals(activities, types),
        "monthly_rules": [{k: r[k] for k in ("product", "types", "minimum", "unit_noun")}
                          for r in monthly],
        "months_not_judged": months_not_judged,
        "cadence": cadence_rows,
        "cadence_missed": cadence_missed,
        "cadence_ended": sum(1 for r in results if r.ended),
        "cadence_pending": [r for r in cadence_rows if r[-1] == words["pending"]],
        "cadence_partial": any(r.partial for r in results),
        "has_rules": bool(plan.rules),
        "idle_topics": [] if "topic" in missing else _idle_topics(plan, topics, topic_counts,
                                                                  span),
        "missing_columns": missing,
        **coverage,
        "one_topic": {"number": topic.number, "topic": topic.topic} if topic else None,
        "opinions": len(opinions),
        "activities": len(activities),
        "chart": chart["about"] if chart else None,
        "next": _next(following, topics, plan, words),
        "tables": tables,
        "images": {"chart": chart["image"]} if chart else {},
    }


def report_figures(book: Book, period: Period | str, as_of: dt.date | None = None,
                   plan: Plan | None = None, topic: Topic | None = None) -> dict:
    """The report's figures without its tables and chart, as a supervising office adds them
    up: the same counts and verdicts `report_context` gives the school's own report.

    Returns the period, whether it is still running, the activities counted by product type
    (every type the contract allows, each a count, and the rows without a type in the total
    only), the cadence results (product, period, scope, count, minimum, status: met, missed
    or pending), the plan's topics with and without activity, and the opinions' rows.
    """
    plan = plan or read_plan(book)
    period = _as_period(book, period, plan)
    span = _Span(period, as_of or dt.date.today())
    register = _dated_register(book)
    if topic is not None:
        register = register[register["topic"] == topic.topic]
    activities = register[span.mask(register["date"])]
    topics = list(plan.topics) if topic is None else [topic]
    missing = _missing_columns(book)
    allowed = list(book.contract.allowed_values(book["activities"].tab.column("type")))
    by_type = activities["type"].value_counts()
    per_topic = activities["topic"].value_counts()
    results = _cadence_results(book, plan, span) if topic is None else []
    cadence = []
    for result in results:
        status = "met" if result.met else "missed" if result.ended else "pending"
        label = (period_label(result.period.key) if not result.period.clipped
                 else result.period.label())
        cadence.append({"product": result.rule.product, "period": label,
                        "scope": result.scope if result.rule.per_unit else None,
                        "count": result.count, "minimum": result.rule.minimum,
                        "status": status})
    return {
        "period": period,
        "partial": span.partial,
        "activities": len(activities),
        "by_type": {kind: int(by_type.get(kind, 0)) for kind in allowed},
        "cadence": cadence,
        "topics": [t.topic for t in topics],
        "covered": [t.topic for t in topics if int(per_topic.get(t.topic, 0))],
        "idle": ([] if "topic" in missing else
                 [item["topic"] for item in _idle_topics(plan, topics, per_topic, span)
                  if item["due"]]),
        "opinions": _opinions(book, span),
    }


def period_name(period: Period) -> str:
    """The period as the report's sentences name it: 'tháng 3 năm 2024', 'quý I năm 2024'."""
    names = common.document_words("report")["period_names"]
    key = period.key
    if period.kind == MONTH:
        year, month = key.split("-")
        return names["month"].format(month=int(month), year=year)
    if period.kind == QUARTER:
        year, quarter = key.split("-Q")
        return names["quarter"].format(quarter=roman(int(quarter)), year=year)
    if period.kind == SEMESTER:
        return names["semester"].format(semester=roman(int(key[2])), school_year=key[4:])
    if period.kind == RANGE:
        return names["range"].format(start=period.start, end=period.end)
    if period.kind == YEARS:
        first, last = key.split("-")
        return names["years"].format(first=first, last=last)
    return names["year"].format(year=key)


# Results: counts by topic, month, unit, author ----------------------------------------------

def _dated_register(book: Book) -> pd.DataFrame:
    """The register's rows with a readable date (the others cannot be placed in a period)."""
    data = book["activities"].data
    return data[data["date"].notna()]


def _missing_columns(book: Book) -> dict[str, str]:
    """The counted columns the register's header row lacks: key → the contract's header."""
    table = book["activities"]
    if table.name is None:  # no register at all: it is read as empty
        return {}
    return {key: table.tab.column(key).header for key in _COUNTED_COLUMNS
            if key not in table.letters}


def _shown_types(book: Book, register: pd.DataFrame, plan: Plan) -> list[str]:
    """The product types the tables show: those used in the register or counted by a rule,
    in the contract's order (all of them for an empty plan), then any unknown value."""
    allowed = list(book.contract.allowed_values(book["activities"].tab.column("type")))
    used = set(register["type"].dropna())
    for rule in plan.rules:
        used.update(rule.types)
    shown = [t for t in allowed if t in used] or allowed
    return shown + [t for t in dict.fromkeys(register["type"].dropna()) if t not in allowed]


def _counts_by(activities: pd.DataFrame, keys: pd.Series, types: list[str]) -> pd.DataFrame:
    """Counts per key (rows, in order of first appearance) and type (columns), and 'total'."""
    columns = [*types, "total"]
    if activities.empty:
        return pd.DataFrame(0, index=pd.Index([], dtype=object), columns=columns)
    frame = pd.DataFrame({"key": keys.to_numpy(), "type": activities["type"].to_numpy()})
    totals = frame.groupby("key", sort=False).size()
    # A row without a type (a blank cell, or no type column at all) counts in the total only.
    typed = frame[frame["type"].notna()]
    counts = typed.groupby(["key", "type"], sort=False).size().unstack(fill_value=0)
    counts = counts.reindex(index=totals.index, columns=types, fill_value=0)
    counts["total"] = totals
    return counts.astype(int)


def _figure_rows(counts: pd.DataFrame, keys: Sequence) -> list[list[str]]:
    """The counts of these keys (0 for a key without any) as table cells."""
    return counts.reindex(list(keys), fill_value=0).astype(int).astype(str).to_numpy().tolist()


def _total_row(counts: pd.DataFrame, label_cells: list[str]) -> list[str]:
    return [*label_cells, *(str(int(v)) for v in counts.sum(axis=0).to_numpy())]


def _topic_table(activities, topics, types, words) -> tuple[dict, pd.Series]:
    names = [t.topic for t in topics]
    counts = _counts_by(activities, activities["topic"].fillna(""), types)
    rows = [[str(t.number), t.topic, *figures]
            for t, figures in zip(topics, _figure_rows(counts, names), strict=False)]
    other = counts[~counts.index.isin(names)]
    if not other.empty:  # a topic the plan does not list, or none: counted all the same
        rows.append(_total_row(other, ["", words["other_topics"]]))
    rows.append(_total_row(counts, ["", words["total"]]))
    table = _table("report_topics", rows, type=types)
    return {"topics": table}, counts["total"]


def _month_label(month: Period, words: dict) -> str:
    if month.clipped:
        return words["part_of_month"].format(start=month.start, end=month.end)
    year, number = year_and_month(month)
    return words["month"].format(month=number, year=year)


def _month_keys(activities: pd.DataFrame, months: list[Period]) -> pd.Series:
    """The key of the month (of these, in order) each activity falls in; None outside them."""
    starts = np.array([np.datetime64(m.start) for m in months], dtype="datetime64[ns]")
    ends = np.array([np.datetime64(m.end) for m in months], dtype="datetime64[ns]")
    dates = activities["date"].to_numpy(dtype="datetime64[ns]")
    index = np.searchsorted(starts, dates, side="right") - 1
    inside = (index >= 0) & (dates <= ends[np.clip(index, 0, None)]) if months else index >= 0
    keys = np.array([m.key for m in months] + [None], dtype=object)
    return pd.Series(keys[np.where(inside, index, -1)], index=activities.index)


def _months_table(activities, span: _Span, types, monthly: list[dict], results, plan: Plan,
                  words: dict):
    """One row per month of the span; with monthly rules, each rule's count, the targets and
    the verdict the check gives the month, else the counts by type. Also: whether a month
    was left unjudged because only part of it is in the span."""
    months = (month_periods(span.start, span.end, plan.cutoff) if span.start <= span.end
              else [])
    labels = [_month_label(m, words) for m in months]
    if not monthly:
        counts = _counts_by(activities, _month_keys(activities, months), types)
        rows: list[list[Any]] = [[label, *figures] for label, figures in
                                 zip(labels, _figure_rows(counts, [m.key for m in months]))]
        if len(months) > 1:
            rows.append(_total_row(counts, [words["total"]]))
        return _table("report_months_counts", rows, type=types), False
    per_rule = []
    for rule in monthly:
        counted = activities[activities["type"].isin(rule["types"])]
        rule_counts = cadence_check.counts_by_period(counted, months, per_unit=False)
        per_rule.append([int(rule_counts.get((cadence_check.WHOLE_SCHOOL, i), 0))
                         for i in range(len(months))])
    judged = {(r.rule.row, r.period.key): r for r in results
              if r.rule.kind == MONTH and not r.rule.per_unit}
    targets = [words["target"].format(minimum=r["minimum"], unit_noun=r["unit_noun"]).strip()
               for r in monthly]
    rows, not_judged = [], False
    for index, (month, label) in enumerate(zip(months, labels, strict=False)):
        own = plan.parse(month.key)
        figures = [column[index] for column in per_rule]
        verdicts = [judged.get((rule["row"], month.key)) for rule in monthly]
        if own.start < span.period.start or own.end > span.period.end:
            verdict, not_judged = words["not_judged"], True  # judged in part II, whole
        elif not any(verdicts):
            verdict = words["month_not_judged"]  # before the plan took effect
        else:
            verdict = _verdict([(r.rule.product, r.count, r.rule.minimum)
                                for r in verdicts if r is not None],
                               ended=all(r.ended for r in verdicts if r is not None),
                               words=words)
        rows.append([label, *(str(n) for n in figures), targets, verdict])
    if len(months) > 1:
        rows.append([words["total"], *(str(sum(column)) for column in per_rule), "", ""])
    return _table("report_months", rows, rule=[r["label"] for r in monthly]), not_judged


def _verdict(results: list[tuple[str, int, int]], *, ended: bool, words: dict) -> str:
    """Met, still running (not met yet), or missed; naming the products when several."""
    missed = [product for product, count, minimum in results if count < minimum]
    if not missed:
        return words["met"]
    if not ended:
        return words["pending"]
    if len(results) == 1:
        return words["missed"]
    return words["missed_products"].format(products=", ".join(missed))


def _unit_table(book: Book, activities, types, words) -> object:
    listed = list(dict.fromkeys(book["units"].data["name"].dropna()))
    counts = _counts_by(activities, activities["unit"].fillna(""), types)
    extra = [u for u in counts.index if u not in listed and u != ""]
    keys = listed + extra
    rows = [[name, *figures]
            for name, figures in zip(keys, _figure_rows(counts, keys), strict=False)]
    if "" in counts.index:
        rows.append([words["no_unit"], *_figure_rows(counts, [""])[0]])
    rows.append(_total_row(counts, [words["total"]]))
    return _table("report_units", rows, type=types)


def _author_table(activities, types, words) -> object:
    from commsplan.text import fold

    counts = _counts_by(activities, activities["author"].fillna(""), types)
    named = counts[counts.index != ""]
    order = pd.DataFrame({"total": -named["total"].to_numpy(),
                          "name": [fold(str(n)) for n in named.index]}, index=named.index)
    keys = list(order.sort_values(["total", "name"], kind="stable").index)
    rows = [[str(name), *figures]
            for name, figures in zip(keys, _figure_rows(counts, keys), strict=False)]
    if "" in counts.index:
        rows.append([words["no_author"], *_figure_rows(counts, [""])[0]])
    rows.append(_total_row(counts, [words["total"]]))
    return _table("report_authors", rows, type=types)


def _totals(activities: pd.DataFrame, types: list[str]) -> dict:
    by_type = activities["type"].value_counts()
    by_channel = activities["channel"].dropna().value_counts(sort=False)
    channels = sorted(by_channel.items(), key=lambda item: (-item[1], item[0]))
    counts = {t: int(by_type.get(t, 0)) for t in types}
    return {
        "all": len(activities),
        "by_type": [{"type": t, "count": n} for t, n in counts.items() if n],
        "untyped": len(activities) - sum(counts.values()),  # no type written
        "by_channel": [{"channel": c, "count": int(n)} for c, n in channels],
        "no_channel": len(activities) - int(by_channel.sum()),
    }


def _activity_rows(activities: pd.DataFrame) -> list[list[str]]:
    """The appendix: the period's activities by date, then sheet row."""
    ordered = activities.assign(_row=activities.index).sort_values(["date", "_row"],
                                                                    kind="stable")
    frame = pd.DataFrame({
        "number": (np.arange(len(ordered)) + 1).astype(str),
        "date": ordered["date"].dt.strftime("%d/%m/%Y").to_numpy(),
        "title": ordered["title"].to_numpy(),
        "type": ordered["type"].to_numpy(),
        "channel": ordered["channel"].to_numpy(),
    })
    rows = frame.astype(object).where(frame.notna(), "").to_numpy().tolist()
    for row, link in zip(rows, ordered["link"].to_numpy(), strict=False):
        if isinstance(link, str) and link:
            row[2] = [row[2], link]  # the title, and the link on a line of its own
    return rows


# Assessment: cadence, topics, public opinion ------------------------------------------------

def _monthly_rules(plan: Plan, words: dict) -> list[dict]:
    """The whole-school rules counted by month, as the months table and the chart need them."""
    rules = []
    for rule in plan.rules:
        if rule.kind == MONTH and not rule.per_unit:
            types = list(rule.types)
            label = (rule.product if types == [rule.product] else
                     words["rule_with_types"].format(product=rule.product,
                                                     types=", ".join(types)))
            rules.append({"row": rule.row, "product": rule.product, "types": types,
                          "label": label, "minimum": rule.minimum, "unit_noun": rule.unit_noun})
    return rules


def _cadence_results(book: Book, plan: Plan, span: _Span) -> list:
    """The check's results for the cadence periods this report shows, in the plan's order
    of rules, then by period, then by scope."""
    register = cadence_check.register_of(book, plan)
    if register is None or span.start > span.end:
        return []
    results = cadence_check.cadence_results(plan, register, span.judged_at, span.end)
    order = {rule.row: index for index, rule in enumerate(plan.rules)}
    scopes = {scope: index for index, scope in enumerate(plan.units)}
    chosen = [r for r in results if span.reports(r.period)]
    return sorted(chosen, key=lambda r: (order[r.rule.row], r.period.start,
                                         scopes.get(r.scope, -1)))


def _cadence(plan: Plan, span: _Span, results: list, words: dict):
    """Table rows (product, period, scope, count, minimum, verdict) and the missed ones."""
    rows, missed = [], []
    for result in results:
        rule, period = result.rule, result.period
        verdict = _verdict([(rule.product, result.count, rule.minimum)], ended=result.ended,
                           words=words)
        label = period_label(period.key) if not period.clipped else period.label()
        if result.partial:
            label = words["partial_period"].format(period=label)
        shown_scope = result.scope if rule.per_unit else words["whole_school"]
        rows.append([rule.product, label, shown_scope, str(result.count), str(rule.minimum),
                     verdict])
        if not result.met and result.ended:
            missed.append({"product": rule.product, "period": label,
                           "scope": result.scope if rule.per_unit else None,
                           "count": result.count, "minimum": rule.minimum,
                           "unit_noun": rule.unit_noun})
    return rows, missed


def _due(topic: Topic, plan: Plan, start: dt.date, end: dt.date) -> list[Period]:
    """The topic's windows that meet start..end."""
    return [w for w in topic.windows(plan) if w.start <= end and w.end >= start]


def _idle_topics(plan: Plan, topics, topic_counts: pd.Series, span: _Span) -> list[dict]:
    """Every topic whose row of the topic table is 0, as that table counts it; due says
    whether it was to have products in the span (no window, or a window meeting it), and
    window is, for one that was not, the occasion nearest the span (the next, else the last)."""
    idle = []
    for topic in topics:
        if int(topic_counts.get(topic.topic, 0)) != 0:
            continue
        windows = topic.windows(plan)
        due = topic.window is None or bool(_due(topic, plan, span.start, span.end))
        nearest = None
        if not due:
            later = [w for w in windows if w.start > span.end]
            nearest = later[0] if later else windows[-1]
        idle.append({"number": topic.number, "topic": topic.topic, "due": due,
                     "window": None if nearest is None else
                     {"start": _day(nearest.start), "end": _day(nearest.end)}})
    return idle


def _coverage(book: Book, plan: Plan, span: _Span, topic: Topic | None = None) -> dict:
    """Topic windows (and the plan's topic minimums) that ended in the span, and the short
    ones, as `commsplan check` judges them; with a topic, each of its windows the report
    shows (ended in it, or open at its end) with its verdict."""
    found: dict[str, list] = {"ended_windows": [], "short_topics": [], "topic_windows": []}
    dates = topic_dates(book)
    if dates is None or plan.span is None or span.start > span.end:
        return found
    ended, short = {}, []
    for result in coverage_results(plan, dates, span.judged_at, span.end):
        if topic is not None and result.topic.row != topic.row:
            continue
        if topic is not None and span.reports(result.period):
            found["topic_windows"].append({
                "window": result.window, "start": _day(result.period.start),
                "end": _day(result.period.end), "count": result.count,
                "minimum": result.minimum, "met": result.met, "ended": result.ended})
        if not (result.ended and span.start <= result.period.end <= span.period.end):
            continue
        other = result.topic
        if result.window:
            ended[other.number] = {"number": other.number, "topic": other.topic}
        if not result.met:
            short.append({"number": other.number, "topic": other.topic,
                          "window": result.window, "start": _day(result.period.start),
                          "end": _day(result.period.end), "count": result.count,
                          "minimum": result.minimum})
    found["ended_windows"] = [ended[n] for n in sorted(ended)]
    found["short_topics"] = sorted(short, key=lambda s: s["number"])
    return found


def _opinions(book: Book, span: _Span) -> list[list[str]]:
    data = book["opinions"].data
    chosen = data[data["date"].notna() & span.mask(data["date"])]
    chosen = chosen.assign(_row=chosen.index).sort_values(["date", "_row"], kind="stable")
    frame = pd.DataFrame({
        "date": chosen["date"].dt.strftime("%d/%m/%Y").to_numpy(),
        **{key: chosen[key].to_numpy() for key in ("source", "content", "handling", "result")},
    })
    return frame.astype(object).where(frame.notna(), "").to_numpy().tolist()


# Next period ---------------------------------------------------------------------------------

def _next(following: Period, topics, plan: Plan, words: dict) -> dict:
    upcoming = [
        {"number": t.number, "topic": t.topic, "start": _day(window.start),
         "end": _day(window.end), "minimum": max(t.minimum or 1, 1)}  # as the check judges
        for t in topics for window in _due(t, plan, following.start, following.end)
    ]
    return {
        "name": words["next_window"] if following.kind == RANGE else period_name(following),
        "topics": upcoming,
        "rules": common.cadence_rules(plan),
        "outside_plan": plan.span is not None and following.start > plan.span.end,
    }


# Chart ---------------------------------------------------------------------------------------

def _chart(register, span: _Span, plan: Plan, types, monthly, words) -> dict | None:
    """The chart's PNG and what the template says about it, or None with nothing to draw.

    A one-month report draws the months of the plan from its start up to that month (at
    most a year): one group of bars alone says little, the year so far shows the trend.
    """
    from commsplan.documents import chart, nd30

    if span.start > span.end:
        return None
    months = month_periods(span.start, span.end, plan.cutoff)
    if len(months) == 1 and plan.span is not None and plan.span.contains(span.start):
        first = months_before(months[0].end, CHART_MONTHS - 1)
        months = month_periods(max(first, plan.span.start), span.end, plan.cutoff)
    months = months[-CHART_MONTHS:]
    series = {}
    for kind in types:
        counted = register[register["type"] == kind]
        counts = cadence_check.counts_by_period(counted, months, per_unit=False)
        series[kind] = [int(counts.get((cadence_check.WHOLE_SCHOOL, i), 0))
                        for i in range(len(months))]
    series = {k: v for k, v in series.items() if any(v)} or series
    if not types:  # the register has no type column: one bar per month, every product
        counts = cadence_check.counts_by_period(register, months, per_unit=False)
        series = {words["total"]: [int(counts.get((cadence_check.WHOLE_SCHOOL, i), 0))
                                   for i in range(len(months))]}
    by_minimum: dict[int, list[str]] = {}
    for rule in monthly:
        by_minimum.setdefault(rule["minimum"], []).append(rule["product"])
    label = words["chart_target"] if len(by_minimum) == 1 else words["chart_target_of"]
    targets = [chart.Target(minimum, label.format(minimum=minimum, products=", ".join(products)))
               for minimum, products in sorted(by_minimum.items())]
    png = chart.monthly_chart(_chart_labels(months, words), series, targets,
                              y_label=words["chart_y"])
    return {
        "image": nd30.Image(png, chart.WIDTH_MM),
        "about": {"first": period_label(months[0].key), "last": period_label(months[-1].key),
                  "months": len(months), "targets": bool(targets),
                  "beyond_period": months[0].start < span.start},
    }


def _chart_labels(months: list[Period], words: dict) -> list[str]:
    """Short month labels, the year under the first month and under each January."""
    labels = []
    for index, month in enumerate(months):
        year, number = year_and_month(month)
        if month.clipped:
            label = words["chart_part_of_month"].format(start=month.start, end=month.end)
        else:
            label = words["chart_month"].format(month=number)
        if index == 0 or number == 1:
            label += f"\n{year}"
        labels.append(label)
    return labels


# Helpers -------------------------------------------------------------------------------------

def _as_period(book: Book, period: Period | str, plan: Plan | None = None) -> Period:
    return period if isinstance(period, Period) else report_period(book, period, plan)


def _table(name: str, rows: list[list], **lists: list[str]):
    """common.data_table, with a header naming a list ('{type}') repeated once per item."""
    table = common.data_table(name, rows)
    total = common.document_words("report")["words"]["total"]
    table = replace(table, bold_rows=frozenset(
        index for index, row in enumerate(rows) if total in row))
    columns = []
    for column in table.columns:
        found = _COLUMN_LIST.search(column.header)
        if found is None:
            columns.append(column)
            continue
        name_ = found.group(1)
        columns += [replace(column, header=column.header.format(**{name_: item}))
                    for item in lists[name_]]
    return replace(table, columns=columns)


def _day(value) -> str | None:
    """dd/mm/yyyy, as the documents write dates; None for no date."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return f"{value:%d/%m/%Y}"

