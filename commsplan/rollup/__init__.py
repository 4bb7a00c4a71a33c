"""The supervising office's view: every school's figures for a period, from the schools' sheets.

    config.py    rollup.toml: the office (letterhead, addressees, signer) and its schools
    figures.py   one school's figures for a period, from its own report and check
    layout.py    the submission layout (export file and roll-up workbook), written once
    collect.py   reading many schools: threads, Google's quotas, retries, progress
    document.py  the office's Báo cáo in the decree's frame

Library first: nothing here prints; `commsplan export` and `commsplan rollup` are thin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable

    from commsplan.periods import Period
    from commsplan.rollup.collect import Done, Rollup
    from commsplan.rollup.config import RollupConfig
    from commsplan.rollup.figures import SchoolFigures

__all__ = ["RollupOutputs", "export_figures", "export_bytes", "rollup", "rollup_outputs"]


def export_figures(source: str | BinaryIO, period: str | Period, as_of: dt.date | None = None,
                   *, topic: int | None = None, **options) -> SchoolFigures:
    """One school's figures for the period (a report key or a window), from its workbook or
    Google Sheet, counted as its own report counts them."""
    from commsplan import open_book
    from commsplan.rollup.figures import school_figures

    book = open_book(source, **options)
    return school_figures(book, "", period, as_of or dt.date.today(), topic=topic)


def export_bytes(figures: SchoolFigures, as_of: dt.date) -> bytes:
    """The submission file (.xlsx) of one school's figures, in the roll-up's layout."""
    from commsplan.rollup.layout import workbook_bytes

    return workbook_bytes([figures], when=as_of)


def rollup(config: RollupConfig, period: str | Period, as_of: dt.date | None = None, *,
           topic: int | None = None, lang: str = "vi",
           progress: Callable[[Done], None] | None = None) -> Rollup:
    """Read every school of the config for the period; see `collect.collect`."""
    from commsplan.rollup.collect import collect

    return collect(config, period, as_of or dt.date.today(), topic=topic, lang=lang,
                   progress=progress)


@dataclass(frozen=True)
class RollupOutputs:
    """The roll-up workbook and the office's Báo cáo, as bytes, with their file names."""

    workbook_name: str
    workbook: bytes
    report_name: str
    report: bytes | None  # None when no school could be read: nothing to report on
    period: Period | None


def rollup_outputs(result: Rollup, config: RollupConfig, period: str | Period,
                   as_of: dt.date, topic: int | None = None) -> RollupOutputs:
    """The workbook and the Báo cáo of a roll-up (on each school's topic of that number)."""
    from commsplan.documents.docx_io import docx_bytes
    from commsplan.rollup.document import rollup_document, rollup_file_name, workbook_file_name
    from commsplan.rollup.layout import workbook_bytes

    chosen = _office_period(result, period)
    name_period = chosen or _named_period(period)
    workbook = workbook_bytes(result.figures, result.failures, when=as_of)
    report = None
    if chosen is not None:
        report = docx_bytes(rollup_document(result, config.office, chosen, as_of, topic=topic))
    return RollupOutputs(workbook_file_name(name_period, topic), workbook,
                         rollup_file_name(name_period, topic), report, chosen)


def _office_period(result: Rollup, period: str | Period) -> Period | None:
    """The period the office reports on: the one asked; a semester with the dates most
    schools have (school years may differ a few days)."""
    from commsplan.periods import Period as PeriodType

    if isinstance(period, PeriodType):
        return period
    if not result.periods:
        return None
    counted: dict[Period, int] = {}
    for one in result.periods:
        counted[one] = counted.get(one, 0) + 1
    return max(counted, key=lambda p: (counted[p], -p.start.toordinal()))


def _named_period(period: str | Period) -> Period:
    from commsplan.periods import Period as PeriodType
    from commsplan.periods import parse_period

    if isinstance(period, PeriodType):
        return period
    try:
        return parse_period(period)
    except ValueError:  # a semester: only its key names the files
        from commsplan.periods import SEMESTER

        return PeriodType(dt.date.min, dt.date.min, period, SEMESTER)
