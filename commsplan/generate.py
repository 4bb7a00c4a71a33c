"""What every document command does around the document itself: read, check, gate, write."""

from __future__ import annotations

import sys
from pathlib import Path

from commsplan.book import Book
from commsplan.checks.findings import Report
from commsplan.errors import DataError
from commsplan.messages import say


def progress(key: str, lang: str, **params) -> None:
    """A progress line on stderr, so stdout stays for results."""
    print(say(key, lang, **params), file=sys.stderr, flush=True)


def gate(report: Report, *, allow_errors: bool, lang: str) -> None:
    """Refuse to make documents from data with errors, printing them, unless allowed."""
    from commsplan.checks.findings import blocking
    from commsplan.checks.present import to_text

    stopping = blocking(report)
    if stopping and not allow_errors:
        print(to_text(Report(stopping), lang, limit=50), file=sys.stderr)
        raise DataError("data-has-errors", count=len(stopping))


def read_and_check(source: str, *, lang: str, as_of=None, **options) -> tuple[Book, Report]:
    from commsplan import check, open_book

    progress("progress-reading", lang, source=source)
    book = open_book(source, **options)
    progress("progress-checking", lang)
    report = check(book, as_of=as_of)
    progress("check-summary", lang, errors=len(report.errors), warnings=len(report.warnings))
    return book, report


def default_path(name: str, out: str | None) -> Path:
    """The -o path, or the name made from the data in the current folder."""
    return Path(out) if out else Path(name)
