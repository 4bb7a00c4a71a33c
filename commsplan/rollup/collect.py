"""Reading every school of a roll-up: a few at a time, within Google's quotas, each on its own.

A school is read once (one spreadsheets.get for a Google Sheet, through the read quota's
limiters), tried again a few times when it failed for a while (Google busy, a network fault,
a quota answer), and then checked and counted as its own report would. A school that cannot
be read, or has no report for the period, is listed with the reason and the others go on.
Each school read or given up is said through the `progress` callback; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from commsplan.errors import CommsplanError, SourceError
from commsplan.periods import Period
from commsplan.rollup.config import RollupConfig, School
from commsplan.rollup.figures import SchoolFigures, school_figures
from commsplan.rollup.layout import Failure, is_submission, read_submission

# Failures that pass: the same read a little later may well succeed.
PASSING = frozenset({"google-quota", "google-unavailable", "google-timeout", "google-network",
                     "google-bad-answer", "google-incomplete-answer", "google-mismatched-answer",
                     "google-signin-unavailable"})


@dataclass(frozen=True)
class Done:
    """Progress: one school finished (read, or given up with a failure)."""

    done: int
    total: int
    school: str
    failure: Failure | None
    attempts: int


@dataclass
class Rollup:
    """Every school's figures, in the config's order, and the schools that could not be read."""

    figures: list[SchoolFigures]
    failures: list[Failure]
    reads: int = 0  # Google read requests sent
    waited: float = 0.0  # seconds the rate limit held reads back
    seconds: float = 0.0
    periods: list[Period] = field(default_factory=list)  # each school's period, as read


def collect(config: RollupConfig, period: str | Period, as_of: dt.date, *,
            topic: int | None = None, lang: str = "vi",
            progress: Callable[[Done], None] | None = None) -> Rollup:
    """Read, check and count every school for the period (a report key, or a window)."""
    started = time.monotonic()
    schools, failures_before = _expand(config.schools, lang)
    reader = _Reader(config, lang)
    total = len(schools) + len(failures_before)
    results: list[tuple[SchoolFigures, Period] | Failure | None] = [None] * len(schools)
    done = 0
    for failure in failures_before:
        done += 1
        if progress:
            progress(Done(done, total, failure.school, failure, 0))
    pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="rollup")
    try:
        futures = {pool.submit(reader.school, school, period, as_of, topic): index
                   for index, school in enumerate(schools)}
        for future in as_completed(futures):
            index = futures[future]
            outcome, attempts = future.result()
            results[index] = outcome
            done += 1
            if progress:
                name = outcome.school if isinstance(outcome, Failure) else outcome[0].school
                progress(Done(done, total, name,
                              outcome if isinstance(outcome, Failure) else None, attempts))
    except BaseException:  # Ctrl+C: the schools not begun are not read
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    read = [r for r in results if isinstance(r, tuple)]
    return Rollup(figures=[figures for figures, _ in read],
                  failures=failures_before + [r for r in results if isinstance(r, Failure)],
                  reads=reader.reads, waited=config.quotas.waited,
                  seconds=time.monotonic() - started, periods=[p for _, p in read])


def _expand(schools: list[School], lang: str) -> tuple[list[School], list[Failure]]:
    """A folder is every .xlsx in it, by name; a missing folder or file is a failure."""
    from commsplan.sources.locate import is_google_sheet

    found, failed = [], []
    for school in schools:
        if is_google_sheet(school.source) or not os.path.isdir(school.source):
            found.append(school)
            continue
        files = sorted(p for p in Path(school.source).iterdir()
                       if p.suffix.lower() == ".xlsx" and not p.name.startswith(("~$", ".")))
        if not files:
            error = SourceError("rollup-empty-folder", path=school.source)
            failed.append(Failure(school.name or school.source, school.source,
                                  error.message(lang)))
        found += [replace(school, source=str(path), name="") for path in files]
    return found, failed


class _Reader:
    """What the worker threads share: credentials loaded once, the quotas, the read count."""

    def __init__(self, config: RollupConfig, lang: str) -> None:
        from commsplan.sources.http import HttpPolicy

        self.config, self.lang = config, lang
        # one request per try: the tries are this module's, each one through the limiter
        self.policy = replace(HttpPolicy.from_env(), retries=0)
        self._lock = threading.Lock()
        self._identities: dict[tuple, object] = {}
        self.reads = 0

    def school(self, school: School, period: str | Period, as_of: dt.date,
               topic: int | None) -> tuple[tuple[SchoolFigures, Period] | Failure, int]:
        name = school.name or _short_name(school.source)
        attempts = 0
        try:
            if _is_google(school.source):
                book, attempts = self._google_book(school)
            else:
                attempts = 1
                book = self._file_book(school)
                if isinstance(book, list):  # a submission file: figures already counted
                    if topic is not None:
                        raise SourceError("rollup-submission-topic", path=school.source)
                    return self._submitted(school, book, period), attempts
            figures = school_figures(book, school.name, period, as_of, topic=topic)
            return (figures, _period_of(figures, period)), attempts
        except CommsplanError as exc:
            return Failure(school.name or name, school.source, exc.message(self.lang)), attempts
        except Exception as exc:  # noqa: BLE001 (one school's surprise must not stop the others)
            from commsplan.messages import say

            detail = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
            return Failure(school.name or name, school.source,
                           say("unexpected", self.lang, detail=detail)), attempts

    # Sources ------------------------------------------------------------------------------

    def _google_book(self, school: School):
        from commsplan.book import build_book
        from commsplan.sources.google import open_sheet, read_google_sheet

        identity = self._identity(school)
        project = (getattr(identity.credentials, "project_id", None)
                   or getattr(identity.credentials, "quota_project_id", None) or "")
        user = identity.email or school.credentials or ""
        sheet = open_sheet(school.source, "read", identity=identity, policy=self.policy)
        attempt = 0
        while True:
            attempt += 1
            try:
                with self.config.quotas.read(project, user):
                    with self._lock:
                        self.reads += 1
                    raw = read_google_sheet(school.source, sheet=sheet)
                return build_book(raw), attempt
            except SourceError as exc:
                if exc.key not in PASSING or attempt > self.config.retries:
                    raise
                time.sleep(self._wait(exc, attempt))

    def _wait(self, failure: SourceError, attempt: int) -> float:
        """Google's Retry-After for a quota answer, else exponential backoff with jitter."""
        seconds = failure.params.get("seconds")
        if failure.key == "google-quota" and isinstance(seconds, int):
            return float(seconds)
        return random.uniform(0, min(self.policy.max_backoff,
                                     self.policy.backoff * 2 ** attempt))

    def _identity(self, school: School):
        from commsplan.sources.auth import load_credentials

        key = (school.credentials, school.oauth_client)
        with self._lock:
            if key not in self._identities:
                self._identities[key] = load_credentials(
                    "read", credentials=school.credentials, oauth_client=school.oauth_client)
            return self._identities[key]

    def _file_book(self, school: School):
        from commsplan.book import build_book
        from commsplan.sources.workbook import read_workbook

        raw = read_workbook(school.source)
        if not raw.tables and is_submission(raw.tab_names):
            return read_submission(school.source)
        return build_book(raw)

    def _submitted(self, school: School, figures: list[SchoolFigures],
                   period: str | Period) -> tuple[SchoolFigures, Period] | Failure:
        key = period if isinstance(period, str) else period.key
        chosen = [f for f in figures if f.period == key]
        if len(chosen) != 1:
            error = SourceError("rollup-submission-period", path=school.source, period=key,
                                periods=", ".join(f.period for f in figures) or "—")
            name = school.name or (figures[0].school if figures else _short_name(school.source))
            return Failure(name, school.source, error.message(self.lang))
        one = replace(chosen[0], school=school.name or chosen[0].school)
        return one, _period_of(one, period)


def _short_name(source: str) -> str:
    """A school without a name in the config, until its sheet names it: the sheet's key, or
    the file's name."""
    from commsplan.sources.locate import google_sheet_key

    return google_sheet_key(source) or Path(source).name


def _is_google(source: str) -> bool:
    from commsplan.sources.locate import is_google_sheet

    return is_google_sheet(source)


def _period_of(figures: SchoolFigures, asked: str | Period) -> Period:
    if isinstance(asked, Period):
        return asked
    from commsplan.periods import parse_period

    try:
        kind = parse_period(figures.period).kind
    except ValueError:  # a semester: its dates are the school's own
        from commsplan.periods import SEMESTER

        kind = SEMESTER
    return Period(figures.start, figures.end, figures.period, kind)
