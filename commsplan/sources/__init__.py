"""Where rows come from: each source returns the same raw tables with their cell positions.

`open_source(text)` picks the source from what the user typed: a Google Sheet URL or key, or
(the default) a path to an .xlsx workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO


@dataclass
class RawTable:
    """One tab exactly as read: rows from sheet row 1, cells as the source gave them."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # merged ranges as (first_row, first_col, last_row, last_col), 1-based, inclusive


@dataclass
class RawBook:
    """Every tab of one source, in the source's order."""

    origin: str  # what the user named: a path or a Sheet URL, for messages
    tables: list[RawTable]
    tab_names: list[str] = field(default_factory=list)
    # every tab of the source, in order, also those not read (they name a near miss when a
    # tab is missing); empty when the source lists only the tables it read


def read_source(source: str | BinaryIO, **options) -> RawBook:
    """Read a workbook path, an open binary file, or a Google Sheet URL/key."""
    if not isinstance(source, str):
        from commsplan.sources.workbook import read_workbook

        return read_workbook(source)
    from commsplan.sources.locate import is_google_sheet

    if is_google_sheet(source):
        from commsplan.sources.google import read_google_sheet

        return read_google_sheet(source, **options)
    from commsplan.sources.workbook import read_workbook

    return read_workbook(source)
