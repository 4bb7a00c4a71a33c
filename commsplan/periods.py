"""Months, quarters, semesters of the school year, years: the periods plans and reports count by.

Every period has a stable key that names it in findings, JSON and file names:

    "2024-03"                  month            tháng 3/2024
    "2024-Q1"                  quarter          quý I/2024
    "HK1-2023-2024"            semester         học kỳ I năm học 2023-2024
    "2024"                     year             năm 2024
    "2024-2025"                years            giai đoạn 2024-2025 (a plan over several years)
    "2024-03-01/2024-04-30"    range            từ 01/03/2024 đến 30/04/2024 (a topic's window)

Semesters need the school-year calendar (one `Calendar` per school year); nothing else does.

A cut-off day (NĐ 09/2019/NĐ-CP, art. 12: 14) shifts months, quarters and years: March is then
15/02–14/03, quarter I 15/12–14/03, the year 15/12 of the year before to 14/12. The keys stay
the same; every function that makes such a period takes the cut-off day (None: the calendar's).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

MONTH, QUARTER, SEMESTER, YEAR, YEARS, RANGE = (
    "month", "quarter", "semester", "year", "years", "range")
PAST, CURRENT, FUTURE = "past", "current", "future"

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = _calendar.month_name
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_SEMESTER_RE = re.compile(r"^HK([12])-(\d{4})-(\d{4})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_YEARS_RE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
_RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole days, start and end inclusive, with its key and kind."""

    start: dt.date
    end: dt.date
    key: str
    kind: str
    clipped: bool = False  # cut to the plan period: start/end are not the period's own
    shifted: bool = False  # moved by a cut-off day: from the day after it, a month earlier

    def label(self, lang: str = "vi") -> str:
        """How a person names it: 'tháng 3/2024', 'quý I/2024', 'học kỳ I năm học 2023-2024'."""
        text = period_label(self.key, lang)
        dates = f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"
        if self.clipped:
            text += (f" (part in the plan: {dates})" if lang == "en"
                     else f" (phần trong kỳ kế hoạch: {dates})")
        elif self.shifted:
            text += f" ({dates})"
        return text

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def status(self, as_of: dt.date) -> str:
        """PAST once it has ended before as_of, CURRENT while as_of is inside it, else FUTURE.

        The one rule for checks and reports: on its last day a period is still in progress;
        it is judged from the next day."""
        if self.end < as_of:
            return PAST
        return CURRENT if self.start <= as_of else FUTURE

    def clip(self, start: dt.date, end: dt.date) -> Period | None:
        """The part of this period inside start..end, or None when they do not meet."""
        if self.end < start or self.start > end:
            return None
        if self.start >= start and self.end <= end:
            return self
        return replace(self, start=max(self.start, start), end=min(self.end, end), clipped=True)


@dataclass(frozen=True)
class Calendar:
    """One school year's calendar: HK1 = start..semester1_end, HK2 = the day after..end."""

    school_year: str  # "2023-2024"
    start: dt.date
    semester1_end: dt.date
    end: dt.date

    def semesters(self) -> tuple[Period, Period]:
        return (
            Period(self.start, self.semester1_end, f"HK1-{self.school_year}", SEMESTER),
            Period(self.semester1_end + dt.timedelta(days=1), self.end,
                   f"HK2-{self.school_year}", SEMESTER),
        )

    @property
    def period(self) -> Period:
        return Period(self.start, self.end, self.school_year, RANGE)


def calendars_of(calendar: Calendar | Iterable[Calendar] | None) -> tuple[Calendar, ...]:
    """The school years a calendar argument names, in order of their start."""
    if calendar is None:
        return ()
    if isinstance(calendar, Calendar):
        return (calendar,)
    return tuple(sorted(calendar, key=lambda c: c.start))


def school_year_key(text: object) -> str | None:
    """'2023-2024' (or '2023 – 2024') → '2023-2024'; None unless the second year follows."""
    match = _YEARS_RE.match(str(text).strip()) if text is not None else None
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        return None
    return f"{match.group(1)}-{match.group(2)}"


def calendar_from(values: Mapping[str, Any]) -> Calendar | None:
    """The calendar from the general tab's values, or None when incomplete or out of order."""
    key = school_year_key(values.get("school_year"))
    start, middle, end = (values.get(k) for k in ("school_year_start", "semester1_end",
                                                    "school_year_end"))
    if key is None or not (isinstance(start, dt.date) and isinstance(middle, dt.date)
                           and isinstance(end, dt.date)):
        return None
    if not start < middle < end:
        return None
    return Calendar(key, _day(start), _day(middle), _day(end))


def plan_period(text: object, cutoff: int | None = None) -> Period | None:
    """The plan's span from the general tab: '2024' → year 2024; '2024-2025' → both years."""
    if text is None:
        return None
    text = str(text).strip()
    if _YEAR_RE.match(text):
        return _year(int(text), cutoff) if 1900 < int(text) else None
    match = _YEARS_RE.match(text)
    if match:
        first, last = int(match.group(1)), int(match.group(2))
        if first < last and 1900 < first:
            span = Period(dt.date(first, 1, 1), dt.date(last, 12, 31), f"{first}-{last}", YEARS)
            return shift(span, cutoff)
    return None


def first_year_named(text: object) -> int | None:
    """The first year a plan period names even when it cannot be read as one
    ('2024/../hồ sơ' → 2024), so that a document's name and heading keep the year meant."""
    years = [int(y) for y in re.findall(r"\d{4}", "" if text is None else str(text))]
    return min(years) if years else None


def parse_period(key: str, calendar: Calendar | Iterable[Calendar] | None = None,
                 cutoff: int | None = None) -> Period:
    """The period a key names; ValueError for a key in no known form (or a semester of a
    school year the calendar does not hold)."""
    key = key.strip()
    if match := _MONTH_RE.match(key):
        return _month(int(match.group(1)), int(match.group(2)), cutoff)
    if match := _QUARTER_RE.match(key):
        return _quarter(int(match.group(1)), int(match.group(2)), cutoff)
    if match := _SEMESTER_RE.match(key):
        years = f"{match.group(2)}-{match.group(3)}"
        for school_year in calendars_of(calendar):
            if school_year.school_year == years:
                return school_year.semesters()[int(match.group(1)) - 1]
        raise ValueError(f"no calendar for the school year of {key!r}")
    if _YEAR_RE.match(key):
        return _year(int(key), cutoff)
    if _YEARS_RE.match(key) and (span := plan_period(key, cutoff)):
        return span
    if match := _RANGE_RE.match(key):
        return date_range(dt.date.fromisoformat(match.group(1)),
                          dt.date.fromisoformat(match.group(2)))
    raise ValueError(f"not a period key: {key!r}")


def period_label(key: str, lang: str = "vi") -> str:
    """The name of the period a key names, without needing its calendar."""
    en = lang == "en"
    if match := _MONTH_RE.match(key):
        year, month = int(match.group(1)), int(match.group(2))
        return f"{_MONTHS_EN[month]} {year}" if en else f"tháng {month}/{year}"
    if match := _QUARTER_RE.match(key):
        year, quarter = int(match.group(1)), int(match.group(2))
        return f"Q{quarter} {year}" if en else f"quý {_ROMAN[quarter]}/{year}"
    if match := _SEMESTER_RE.match(key):
        number, years = _ROMAN[int(match.group(1))], f"{match.group(2)}-{match.group(3)}"
        if en:
            return f"semester {number} of school year {years}"
        return f"học kỳ {number} năm học {years}"
    if _YEAR_RE.match(key):
        return key if en else f"năm {key}"
    if _YEARS_RE.match(key):
        return f"the years {key}" if en else f"giai đoạn {key}"
    if match := _RANGE_RE.match(key):
        first, last = (dt.date.fromisoformat(g) for g in match.groups())
        if en:
            return f"{first:%d/%m/%Y} to {last:%d/%m/%Y}"
        return f"từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}"
    raise ValueError(f"not a period key: {key!r}")


def periods_in(kind: str, start: dt.date, end: dt.date,
               calendar: Calendar | Iterable[Calendar] | None = None,
               cutoff: int | None = None) -> list[Period]:
    """The periods of a kind that meet start..end, in order, clipped to it.

    Semesters come from the calendar (none without one): only its school years are known.
    """
    if start > end:
        return []
    if kind == MONTH:
        return month_periods(start, end, cutoff)
    first, last = start.year, end.year + (1 if cutoff else 0)
    if kind == QUARTER:
        candidates = [_quarter(y, q, cutoff) for y in range(first, last + 1) for q in range(1, 5)]
    elif kind == YEAR:
        candidates = [_year(y, cutoff) for y in range(first, last + 1)]
    elif kind == SEMESTER:
        candidates = [s for year in calendars_of(calendar) for s in year.semesters()]
    else:
        raise ValueError(f"unknown period kind: {kind!r}")
    return [p for p in (c.clip(start, end) for c in candidates) if p is not None]


def month_periods(start: dt.date, end: dt.date, cutoff: int | None = None) -> list[Period]:
    """The months that meet start..end, in order, clipped to it."""
    months = []
    year, month = _month_of(start, cutoff)
    while (year, month) <= _month_of(end, cutoff):
        if (clipped := _month(year, month, cutoff).clip(start, end)) is not None:
            months.append(clipped)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def is_semester_key(key: str) -> bool:
    """Whether a key has a semester's form (HK1-2023-2024), whatever calendar holds it."""
    return _SEMESTER_RE.match(key) is not None


def roman(number: int) -> str:
    """A quarter's or a semester's number as the documents write it: 1 → I."""
    return _ROMAN[number]


def following_key(period: Period) -> str:
    """The key of the month, quarter or year after this one: 2024-12 → 2025-01,
    2024-Q4 → 2025-Q1, 2024 → 2025."""
    if period.kind == MONTH:
        year, month = year_and_month(period)
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    if period.kind == QUARTER:
        year, quarter = (int(part) for part in period.key.split("-Q"))
        return f"{year + quarter // 4}-Q{quarter % 4 + 1}"
    if period.kind == YEAR:
        return str(int(period.key) + 1)
    raise ValueError(f"no key follows a period of kind {period.kind!r}")


def window_after(period: Period) -> Period:
    """As long a window as this one, from the day after it ends."""
    one_day = dt.timedelta(days=1)
    return date_range(period.end + one_day, period.end + (period.end - period.start) + one_day)


def year_and_month(month: Period) -> tuple[int, int]:
    """A month's year and number, from its key (a cut-off day moves its first day back)."""
    year, number = month.key.split("-")
    return int(year), int(number)


def months_before(day: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months before day's month."""
    index = day.year * 12 + day.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def years_on(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def shift(period: Period, cutoff: int | None) -> Period:
    """A calendar month, quarter or year(s) as a cut-off day cuts it: from the day after the
    cut-off day of the month before its first, to the cut-off day of its last month."""
    if not cutoff:
        return period
    before = period.start - dt.timedelta(days=1)
    return replace(period, start=before.replace(day=cutoff + 1),
                   end=period.end.replace(day=cutoff), shifted=True)


def _month_of(day: dt.date, cutoff: int | None) -> tuple[int, int]:
    if cutoff and day.day > cutoff:
        return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.year, day.month


def date_range(start: dt.date, end: dt.date) -> Period:
    """A period of any span, e.g. a topic's window: key '2024-03-01/2024-04-30'."""
    return Period(start, end, f"{start.isoformat()}/{end.isoformat()}", RANGE)


def _month(year: int, month: int, cutoff: int | None = None) -> Period:
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    last = _calendar.monthrange(year, month)[1]
    month_ = Period(dt.date(year, month, 1), dt.date(year, month, last), f"{year}-{month:02d}",
                    MONTH)
    return shift(month_, cutoff)


def _quarter(year: int, quarter: int, cutoff: int | None = None) -> Period:
    first = 3 * (quarter - 1) + 1
    end = _month(year, first + 2).end
    return shift(Period(dt.date(year, first, 1), end, f"{year}-Q{quarter}", QUARTER), cutoff)


def _year(year: int, cutoff: int | None = None) -> Period:
    return shift(Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), YEAR), cutoff)


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
