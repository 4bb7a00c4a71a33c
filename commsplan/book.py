"""Raw tables + the contract → the Book: typed tables in which every value keeps its place.

Reading problems (a missing tab or header, a cell that is not a date) become Findings in
`Book.findings`; nothing here raises for bad data.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import operator
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from commsplan.contract import Column, Contract, Tab, load_contract
from commsplan.findings import CATALOGUE, Finding, column_letter, error_meaning
from commsplan.sources import RawBook, RawTable
from commsplan.text import INVISIBLE, fold
from commsplan.values import SPREADSHEET_ERRORS, allowed_match, as_text, is_empty, parse_value

DTYPES: dict[str, Any] = {"integer": "Int64", "bool": "boolean", "date": "datetime64[ns]"}
OUT_OF_BOUNDS = "integer-out-of-range"


class Distinct:
    """A column's distinct values as read and as typed, and which one each row holds (for
    a column of links: each cell's own value, repeated or not).

    Checks judge the distinct values and reach the rows through `codes`, so a register's
    100,000 rows cost a handful of values for most columns. The codes are looked up when
    first asked for: a column whose values all type as themselves and that no check flags
    never needs them.
    """

    def __init__(self, codes: Codes, raw: np.ndarray, typed: np.ndarray, tidied: np.ndarray,
                 text: TextValues | None = None):
        self._codes = codes
        self.raw = raw  # each distinct value as read (object)
        self.typed = typed  # each one typed; None where empty or unreadable (object)
        # (both read-only: raw may be the Table's raw cells, and typed its typed column)
        self.tidied = tidied  # each one: whether clean() may change it (a superset)
        self.text = text  # those that are text, joined, as the Book scanned them

    @property
    def codes(self) -> np.ndarray:
        """Per row of Table.raw, in order: an index into the arrays above."""
        self._codes = resolved(self._codes)
        return self._codes


class LookUp:
    """A column's codes, to be looked up when first asked for: each cell's distinct value
    number, from a dict of them. (The cells are kept as an array, which the garbage
    collector does not go through, not as a list, which it would at each of its rounds.)"""

    def __init__(self, cells: np.ndarray, number: dict):
        self.cells, self.number = cells, number

    def __call__(self) -> np.ndarray:
        return np.fromiter(map(self.number.__getitem__, self.cells.tolist()), dtype=np.intp,
                           count=len(self.cells))


Codes = np.ndarray | LookUp


def resolved(codes: Codes) -> np.ndarray:
    return codes() if isinstance(codes, LookUp) else codes


@dataclass
class Table:
    """One table tab: raw and typed values, indexed by sheet row number, columns by key."""

    tab: Tab
    name: str | None  # the tab's name in the source; None when the tab is missing
    headers: dict[str, str]  # column key → header as typed in the sheet (or the contract's)
    letters: dict[str, str]  # column key → column letter in the sheet
    raw: pd.DataFrame  # values as read
    data: pd.DataFrame  # cleaned, typed values; None/NA/NaT where empty or unreadable
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # the source's merged ranges (first_row, first_col, last_row, last_col), 1-based
    distinct: dict[str, Distinct] = field(default_factory=dict)
    # column key → its distinct values, as the Book parsed them once each (for the checks)

    @property
    def label(self) -> str:
        return self.name or self.tab.name

    def header(self, key: str) -> str:
        return self.headers.get(key, self.tab.column(key).header)

    def cell(self, key: str, row: int) -> str | None:
        letter = self.letters.get(key)
        return f"{letter}{row}" if letter else None


@dataclass
class Fields:
    """The general-information tab: one value per item (a list for repeated items)."""

    tab: Tab
    name: str | None
    values: dict[str, Any]
    rows: dict[str, list[int]]  # item key → sheet rows it was read from
    value_letter: str = "B"
    raw: dict[str, object] = field(default_factory=dict)  # item key → its first value as read
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # as in Table

    @property
    def label(self) -> str:
        return self.name or self.tab.name

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


@dataclass
class Book:
    """The plan and register of one source, typed, with the findings met while reading it."""

    origin: str
    contract: Contract
    general: Fields
    tables: dict[str, Table]
    findings: list[Finding] = field(default_factory=list)

    def __getitem__(self, key: str) -> Table:
        return self.tables[key]


def build_book(raw: RawBook, contract: Contract | None = None) -> Book:
    """Match the source's tabs and headers to the contract and type every value."""
    # A register's columns are lists of 100,000 values while they are read: the garbage
    # collector would go through them again at each of its rounds, and there is nothing
    # circular to collect here.
    with _no_gc():
        return _build_book(raw, contract or load_contract())


def _build_book(raw: RawBook, contract: Contract) -> Book:
    findings: list[Finding] = []
    by_tab = _match_tabs(contract, raw.tables, findings)
    others = [name for name in (raw.tab_names or [t.name for t in raw.tables])
              if contract.match_tab(name) is None]
    general: Fields | None = None
    tables: dict[str, Table] = {}
    for tab in contract.tabs:
        source = by_tab.get(tab.key)
        if source is None:
            code = "missing-tab" if tab.required else "missing-optional-tab"
            if not tab.required and f"missing-{tab.key}-tab" in CATALOGUE:
                code = f"missing-{tab.key}-tab"  # a tab whose absence means something else
            findings.append(Finding(code, tab=tab.name,
                                    params={"near": _near_tab(tab, others)}))
        if tab.layout == "fields":
            general = _read_fields(tab, source, findings)
        else:
            tables[tab.key] = _read_table(contract, tab, source, findings)
    assert general is not None, "the contract has no fields tab"
    return Book(raw.origin, contract, general, tables, findings)


def _match_tabs(contract: Contract, tables: list[RawTable],
                findings: list[Finding]) -> dict[str, RawTable]:
    """tab key → the source tab read for it; several tabs naming one is an error naming all."""
    by_name: dict[str, RawTable] = {}
    for table in tables:
        by_name.setdefault(table.name, table)
    chosen, several = contract.assign_tabs(by_name)
    for tab, name, names in several:
        titles = ", ".join(f"'{n}'" for n in names)
        findings.append(Finding("duplicate-tab", tab=name, value=titles,
                                params={"name": tab.name, "count": len(names), "titles": titles}))
    return {key: by_name[name] for key, name in chosen.items()}


def _near_tab(tab: Tab, others: list[str]) -> dict[str, str]:
    """' There is a tab named …': the workbook's tab whose name is nearest to a missing one."""
    from commsplan.suggest import closest, lookalike_words

    for spelling in (tab.name, *tab.aliases):
        near = closest(spelling, others)
        if near:
            words = lookalike_words(near)
            vi, en = (f" (trong tên đó, {words['vi']})", f" (in that name, {words['en']})") \
                if words else ("", "")
            return {"vi": f" Bảng tính có trang tính '{near}' với tên gần giống{vi}: nếu đó "
                          f"chính là trang này, chỉ cần đổi tên nó thành '{tab.name}'.",
                    "en": f" The workbook has a tab named '{near}'{en}: if that is the one, "
                          f"just rename it to '{tab.name}'."}
    return {"vi": "", "en": ""}


# Table tabs -----------------------------------------------------------------------------

TITLE_ROWS = 10  # how far below a title the real header row is looked for


def _header_row(rows: list[list[object]]) -> int | None:
    """Index of the first row with any value: the header row."""
    for index, row in enumerate(rows):
        if any(not is_empty(v) for v in row):
            return index
    return None


def _named_columns(tab: Tab, row: list[object]) -> int:
    """How many cells of a row name a column of the tab."""
    return sum(1 for cell in row if not is_empty(cell) and tab.match_header(as_text(cell) or ""))


def _header_below_title(tab: Tab, rows: list[list[object]], first: int) -> int | None:
    """When the first filled row names no column (a title typed above the table), the row
    below it that names at least two: the header as meant."""
    if _named_columns(tab, rows[first]):
        return None
    for index in range(first + 1, min(first + 1 + TITLE_ROWS, len(rows))):
        if _named_columns(tab, rows[index]) >= min(2, len(tab.columns)):
            return index
    return None


def _read_table(contract: Contract, tab: Tab, source: RawTable | None,
                findings: list[Finding]) -> Table:
    keys = [c.key for c in tab.columns]
    if source is None:
        return _empty_table(tab, None, {}, {})
    header_index = _header_row(source.rows)
    if header_index is None:
        findings.append(Finding("empty-tab", tab=source.name))
        return _empty_table(tab, source.name, {}, {})
    below = _header_below_title(tab, source.rows, header_index)
    if below is not None:  # read the table as meant, and say the title must go
        position, title = next((p, as_text(v)) for p, v in enumerate(source.rows[header_index])
                               if not is_empty(v))
        findings.append(Finding("header-not-first", tab=source.name, row=header_index + 1,
                                value=title, cell=f"{column_letter(position)}{header_index + 1}",
                                params={"header_row": below + 1}))
        header_index = below
    header_row = header_index + 1
    positions, headers, letters = _match_headers(tab, source, header_index, findings)
    for column in tab.columns:
        if column.key not in positions:
            code = "missing-header" if column.required else "missing-optional-header"
            if not column.required and f"missing-{column.key}-column" in CATALOGUE:
                code = f"missing-{column.key}-column"  # a column added to the contract later
            findings.append(Finding(code, tab=source.name, row=header_row, column=column.header))

    body = source.rows[header_index + 1:]
    index = pd.RangeIndex(header_row + 1, header_row + 1 + len(body))
    cells = _cells(body)
    columns = list(cells.T)
    # Each column's distinct values, found once: for blank rows, then for typing. Links are
    # each activity's own: finding the few that repeat would cost more than typing them twice.
    links = {positions[c.key] for c in tab.columns if c.type == "url" and c.key in positions}
    distinct = {name: _factorize(column, lazy=True) if name not in links
                else (np.arange(len(column), dtype=np.intp), column)
                for name, column in enumerate(columns)}
    filled = np.zeros(len(body), dtype=bool)
    # Fully empty rows are skipped; the columns of fewest values first, so that the long
    # ones (titles, links) are rarely looked at: once every row holds something, that is all.
    for codes, uniques in sorted(distinct.values(), key=lambda found: len(found[1])):
        if filled.all():
            break
        filled |= ~_blank(codes, uniques)
    raw = pd.DataFrame(_in_order(cells, [positions.get(key) for key in keys]), index=index,
                       columns=keys, dtype=object, copy=False)
    if not filled.all():
        raw = raw[filled]
        distinct = {name: (resolved(codes)[filled], uniques) for name, (codes, uniques)
                    in distinct.items()}
    raw.index.name = "row"
    empty = (np.zeros(len(raw), dtype=np.intp), np.array([""], dtype=object))
    series, typed = {}, {}
    for column in tab.columns:
        series[column.key], typed[column.key] = _typed_column(
            tab, source.name, column, raw[column.key], distinct.get(positions.get(column.key),
                                                                    empty),
            headers, letters, findings, contract.allowed_values(column))
    data = pd.DataFrame(series, index=raw.index, copy=False)  # the typed columns, in one go
    return Table(tab, source.name, headers, letters, raw, data, list(source.merged), typed)


def _cells(rows: list[list[object]]) -> np.ndarray:
    """The rows as one object array (row, column), short rows padded with "": all the cells
    in one pass at C speed, so that a register's 100,000 rows are read once, not once per
    cell. A cell that is itself a list stays one cell."""
    widths = list(map(len, rows))
    width = max(widths, default=0)
    if widths and min(widths) < width:
        rows = [row if len(row) == width else row + [""] * (width - len(row)) for row in rows]
    cells = np.fromiter(itertools.chain.from_iterable(rows), dtype=object,
                        count=len(rows) * width)
    return cells.reshape(len(rows), width)


def _in_order(cells: np.ndarray, positions: list[int | None]) -> np.ndarray:
    """The cells' columns at these positions, in this order; "" for a position that is None
    or beyond the cells. The cells themselves when they are already so (no copy)."""
    width = cells.shape[1]
    if positions == list(range(width)):
        return cells
    block = np.empty((cells.shape[0], len(positions)), dtype=object)
    for column, position in enumerate(positions):
        block[:, column] = cells[:, position] if position is not None and position < width \
            else ""
    return block


@contextmanager
def _no_gc():
    """The garbage collector paused, then as it was (a thread finding it paused by another
    leaves it to that one to resume)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _blank(codes: Codes, uniques: np.ndarray) -> np.ndarray:
    """True where a cell is empty or spaces only; each distinct value is looked at once."""
    if _all_text(uniques):
        blank = ((np.fromiter(map(len, uniques), dtype=np.int64, count=len(uniques)) == 0)
                 | np.fromiter(map(str.isspace, uniques), dtype=bool, count=len(uniques)))
    else:
        blank = np.fromiter((v is None or v != v or (isinstance(v, str) and not v.strip())
                             for v in uniques), dtype=bool, count=len(uniques))
    if not blank.any():  # no need to know which row holds which
        return np.zeros(len(codes.cells) if isinstance(codes, LookUp) else len(codes),
                        dtype=bool)
    return blank[resolved(codes)]


def _all_text(values: np.ndarray) -> bool:
    return pd.api.types.infer_dtype(values, skipna=False) == "string"


def _match_headers(tab: Tab, source: RawTable, header_index: int, findings: list[Finding]):
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    letters: dict[str, str] = {}
    header_row = header_index + 1
    for position, cell in enumerate(source.rows[header_index]):
        text = as_text(cell) or ""
        if is_empty(text):
            continue
        column = tab.match_header(text)
        if column is None:
            findings.append(Finding("unknown-header", tab=source.name, row=header_row,
                                    column=text.strip(), value=text.strip(),
                                    cell=f"{column_letter(position)}{header_row}",
                                    params={"suggestion": _suggest_header(tab, text)}))
        elif column.key in positions:
            findings.append(Finding("duplicate-header", tab=source.name, row=header_row,
                                    column=text.strip(), value=text.strip(),
                                    cell=f"{column_letter(position)}{header_row}"))
        else:
            positions[column.key] = position
            headers[column.key] = text.strip()
            letters[column.key] = column_letter(position)
    return positions, headers, letters


def _suggest_header(tab: Tab, text: str) -> dict[str, str]:
    from commsplan.suggest import closest

    return _did_you_mean(text, closest(text, [c.header for c in tab.columns]))


def _did_you_mean(text: str, match: str | None) -> dict[str, str]:
    """The ' (did you mean …?)' part of a message, in each language; for a text holding
    letters of another alphabet that look Latin, which letters they are."""
    from commsplan.suggest import latinised, lookalike_words

    words = lookalike_words(text)
    if words:
        also = match and match != latinised(text)
        return {"vi": f" ({words['vi']}: hãy gõ lại" + (f"; có phải '{match}'?)" if also else ")"),
                "en": f" ({words['en']}: type it again"
                      + (f"; did you mean '{match}'?)" if also else ")")}
    if not match:
        return {"vi": "", "en": ""}
    return {"vi": f" (có phải '{match}'?)", "en": f" (did you mean '{match}'?)"}


def _typed_column(tab, tab_name, column: Column, values: pd.Series, distinct, headers, letters,
                  findings: list[Finding], allowed: tuple[str, ...] = ()
                  ) -> tuple[pd.Series, Distinct]:
    """Parse a column's distinct values once each; report each unreadable cell, and each
    value read as the allowed value it stands for.

    Returns the typed column and its distinct values.
    """
    codes, uniques = distinct
    text = TextValues.of(uniques)
    parsed, problems, changed = _parse_distinct(column.type, uniques, text)
    for index in np.flatnonzero(_outside_bounds(column, parsed)):
        parsed[index], problems[index] = None, OUT_OF_BOUNDS
    read_as = _read_as_allowed(parsed, allowed) if allowed else {}
    # Each distinct value once (titles, links): the codes are 0, 1, 2… and need no lookup.
    once_each = (isinstance(codes, np.ndarray) and len(codes) == len(uniques)
                 and bool((codes == np.arange(len(codes))).all()))
    kept = Distinct(codes, uniques, parsed, changed, text)
    letter = letters.get(column.key)
    unreadable = problems != None  # noqa: E711 (elementwise)
    for position in (np.flatnonzero(unreadable if once_each else unreadable[kept.codes])
                     if unreadable.any() else ()):
        row = int(values.index[int(position)])
        value = as_text(values.iloc[position])
        problem = problems[kept.codes[position]]
        findings.append(Finding(problem, tab=tab_name, row=row,
                                column=headers.get(column.key, column.header), value=value,
                                cell=f"{letter}{row}" if letter else None,
                                params=_problem_params(column, problem, value)))
    if read_as:
        which = np.zeros(len(uniques), dtype=bool)
        which[list(read_as)] = True
        for position in np.flatnonzero(which[kept.codes]):
            row = int(values.index[int(position)])
            for value, read in read_as[int(kept.codes[position])]:
                findings.append(Finding("value-read-as", tab=tab_name, row=row,
                                        column=headers.get(column.key, column.header),
                                        value=value, cell=f"{letter}{row}" if letter else None,
                                        params={"read": read}))
    dtype = DTYPES.get(column.type)
    if dtype == "datetime64[ns]":  # the distinct dates converted once each
        moments = pd.to_datetime(pd.Series(parsed, dtype=object)).to_numpy()
        return pd.Series(moments if once_each else moments[kept.codes],
                         index=values.index), kept
    if once_each:
        cells = parsed
    elif all(map(operator.is_, parsed, uniques)):  # every value typed as itself
        cells = values.to_numpy()
    else:
        cells = parsed[kept.codes]
    series = pd.Series(cells, index=values.index, dtype=object, copy=False)
    return (series.astype(dtype) if dtype else series), kept


def _outside_bounds(column: Column, parsed: np.ndarray) -> np.ndarray:
    """Which parsed values lie outside the column's min and max (the contract's)."""
    if column.min is None:
        return np.zeros(len(parsed), dtype=bool)
    return np.fromiter((v is not None and not column.min <= v <= column.max for v in parsed),
                       dtype=bool, count=len(parsed))


def _problem_params(column: Column, problem: str | None, value: str | None) -> dict:
    """What a reading problem's message needs beyond the cell: the bounds, for a number;
    what a spreadsheet error means."""
    if problem == "spreadsheet-error":
        return {"meaning": error_meaning(value)}
    if problem != OUT_OF_BOUNDS:
        return {}
    blank = "" if column.required else {"vi": " (hoặc để trống)", "en": " (or leave it empty)"}
    return {"low": column.min, "high": column.max, "blank": blank}


def _read_as_allowed(parsed: np.ndarray, allowed: tuple[str, ...]) -> dict[int, list]:
    """Replace, in place, each parsed value (or list item) that stands for exactly one allowed
    value by that value; return {distinct index: [(value as typed, value read)]}."""
    known = frozenset(allowed)
    read_as: dict[int, list] = {}
    for index, value in enumerate(parsed):
        if value is None:
            continue
        items = value if isinstance(value, tuple) else (value,)
        if all(item in known for item in items):
            continue
        read = [allowed_match(item, allowed) if item not in known else None for item in items]
        if any(read):
            new = tuple(r or item for r, item in zip(read, items, strict=False))
            parsed[index] = new if isinstance(value, tuple) else new[0]
            read_as[index] = [(item, r) for item, r in zip(items, read, strict=False) if r]
    return read_as


def _factorize(values: np.ndarray, lazy: bool = False) -> tuple[Codes, np.ndarray]:
    """Codes and distinct values (an object array) of a column (lists, which some sources
    give, as tuples).

    pandas counts TRUE as 1 and FALSE as 0 (they hash and compare equal): when a column
    holds both kinds, they are kept apart, so that TRUE in a number column is not read as 1.
    lazy: codes that need a lookup come as a LookUp, done when first asked for.
    """
    found = _factorize_plain(values, lazy)
    return found if found is not None else _factorize_pandas(values)


def _factorize_pandas(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """_factorize for any column, through pd.factorize (an empty cell given as None kept
    apart from a NaN, which pandas would count as one missing value)."""
    column = pd.Series(values, dtype=object)
    if any(value is None for value in values):
        column = column.map(lambda value: _NONE if value is None else value)
    try:
        codes, found = pd.factorize(column, use_na_sentinel=False)
    except TypeError:  # an unhashable cell
        codes, found = pd.factorize(column.map(_hashable), use_na_sentinel=False)
    uniques = np.asarray(found, dtype=object)
    if not _all_text(uniques) and any(v is True or v is False or (type(v) in (int, float) and
                                                                    v in (0, 1))
                                      for v in uniques):
        codes, found = pd.factorize(column.map(_distinct_booleans), use_na_sentinel=False)
        uniques = np.fromiter((v.value if isinstance(v, _Boolean) else v for v in found),
                              dtype=object, count=len(found))
    if any(value is _NONE for value in uniques):
        uniques[[index for index, value in enumerate(uniques) if value is _NONE]] = None
    return codes, uniques


_NONE = object()  # a cell given as None, while pd.factorize looks at it


_PLAIN_KINDS = frozenset({str, dt.date, dt.datetime})


def _factorize_plain(values: np.ndarray, lazy: bool = False
                     ) -> tuple[Codes, np.ndarray] | None:
    """What pd.factorize gives for a column of texts and dates only (no empty cell as None
    or NaN, no number, no TRUE), found with dicts at C speed; None for any other column.
    lazy: the codes as a LookUp, to be looked up when first asked for."""
    cells = values.tolist()
    try:
        order = dict.fromkeys(cells)  # the distinct values, in the order they first appear
    except TypeError:  # an unhashable cell
        return None
    if not _PLAIN_KINDS.issuperset(map(type, order)):
        return None
    if len(order) == len(cells):  # every value once (titles, links): nothing to look up
        return np.arange(len(cells), dtype=np.intp), values
    uniques = np.fromiter(order, dtype=object, count=len(order))
    if len(order) == 1:  # one value throughout (an empty column)
        return np.zeros(len(cells), dtype=np.intp), uniques
    codes = LookUp(values, dict(zip(order, itertools.count())))
    return (codes if lazy else codes()), uniques


@dataclass(frozen=True)
class _Boolean:
    """A TRUE/FALSE cell, distinct from 1 and 0 when factorizing."""

    value: bool


def _distinct_booleans(value: object) -> object:
    if type(value) is bool:
        return _Boolean(value)
    return _hashable(value)


def _parse_distinct(column_type: str, uniques: np.ndarray, text: TextValues | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(typed value, problem code or None, whether clean() may change it) of each distinct
    value, as three arrays (`text`: the distinct values' texts, when already found).

    Most text is already clean: a few scans over all of a column's texts find those that
    clean() would leave as they are; those are typed at once, the others by the parser.
    """
    if not isinstance(uniques, np.ndarray):  # one element per value, even a tuple
        uniques = np.fromiter(uniques, dtype=object, count=len(uniques))
    count = len(uniques)
    text = text or TextValues.of(uniques)
    is_text = np.zeros(count, dtype=bool)
    is_text[text.ids] = True
    texts, joined = text.texts, text.joined
    changed = np.zeros(count, dtype=bool)
    changed[is_text] = changed_by_clean(texts, joined)
    ready = np.zeros(count, dtype=bool)  # typed as they are: tidy text, plain links
    if column_type == "text":
        ready = is_text & ~changed
    elif column_type == "url":
        ready[is_text] = plain_links(texts, joined) & ~changed[is_text]
    if ready.any() and joined.may_hold_error():
        # an error value (#REF!) is never ready: parse_value reports it
        ready[is_text] &= ~np.fromiter(map(SPREADSHEET_ERRORS.__contains__, texts),
                                       dtype=bool, count=len(texts))
    problems = np.empty(count, dtype=object)  # None throughout
    if ready.all():
        parsed = uniques.copy()
    else:
        parsed = np.empty(count, dtype=object)
        parsed[ready] = uniques[ready]
    if joined.may_hold_empty():
        parsed[ready & (uniques == "")] = None
    for i in np.flatnonzero(~ready):
        parsed[i], problems[i] = parse_value(column_type, uniques[i])
    return parsed, problems, changed


# A link parse_url accepts as it is: http(s), a dotted host, no spaces or odd characters.
_PLAIN_URL = r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:[/?#]\S*)?"
_PLAIN_URL_RE = re.compile(_PLAIN_URL + r"\Z")
# What clean() may change inside a text (its ends are tested apart): doubled spaces, spaces
# at line ends, and characters it replaces or drops. NFC is tested apart too.
_SEP = "\x1f"  # joins a column's texts; clean() drops it, so no tidy text holds it
_CHANGED_CHARS_RE = re.compile(
    rf"[\t\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000{INVISIBLE}"
    rf"\x00-\x08\x0b\x0c\x0e-\x1e\ufffe\uffff\ud800-\udfff]")
_CHANGED_PAIRS = ("  ", " \n", "\n ")
# In _SEP + the joined texts + _SEP: the separator before a text that starts, and after one
# that ends, with what str.strip() removes (the separator is such a character, but no text
# holds it). Each begins with the separator, which the scan looks for first.
_LEADING_SPACE_RE = re.compile(r"\x1f(?=[^\S\x1f])")
_TRAILING_SPACE_RE = re.compile(r"\x1f(?<=[^\S\x1f]\x1f)")
# In _SEP + the joined texts: the separator before a text that may be an error value.
_MAYBE_ERROR_RE = re.compile(
    "\x1f[" + re.escape("".join(sorted({v[0] for v in SPREADSHEET_ERRORS}))) + "]")
# In _SEP + the joined texts, from a separator on: as many plain links in a row as there
# are. _PLAIN_URL with possessive quantifiers, which never give back what they took (here
# giving back could never make a link match), so the engine keeps no places to go back to.
# (tests/test_checks_properties.py holds plain_links() to _PLAIN_URL_RE, link by link.)
_PLAIN_URLS_RE = re.compile(r"(?:\x1fhttps?+://[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++(?::\d++)?+"
                            r"(?:[/?#]\S*+)?+(?=\x1f|\Z))*+")


class _Joined:
    """A column's texts joined by _SEP, to be scanned at C speed, and where each one
    starts in it; `text` is None when a text holds the separator (then: one at a time)."""

    def __init__(self, texts: list[str]):
        self.count = len(texts)
        self.text: str | None = _SEP + _SEP.join(texts) if texts else None
        if self.text is not None and self.text.count(_SEP) != len(texts):
            self.text = None
        self.starts: np.ndarray | None = None  # where each text's separator is in `text`

    def owners(self, positions) -> np.ndarray:
        """Which text each position of `text` falls in (a separator: the text after it)."""
        if self.starts is None:
            assert self.text is not None
            self.starts = np.flatnonzero(_code_points(self.text) == ord(_SEP))
        return np.searchsorted(self.starts, positions, side="right") - 1

    def flags(self, positions: list[int]) -> np.ndarray:
        found = np.zeros(self.count, dtype=bool)
        if positions:
            found[self.owners(positions)] = True
        return found

    def may_hold_empty(self) -> bool:
        """False when no text is empty."""
        if self.text is None or self.count == 0 or self.text.endswith(_SEP):
            return True
        if self.starts is not None:  # an empty text: two separators side by side
            return bool((np.diff(self.starts) == 1).any())
        return _SEP + _SEP in self.text

    def may_hold_error(self) -> bool:
        """False when no text can be a spreadsheet error value (#REF!, Loading...)."""
        return self.text is None or _MAYBE_ERROR_RE.search(self.text) is not None


@dataclass
class TextValues:
    """A column's distinct values that are text: their places among the distinct values,
    the texts, and the texts joined (for scans at C speed). Found once by the Book; the
    checks scan the same."""

    ids: np.ndarray  # indexes into the distinct values
    values: np.ndarray  # the texts (object; an array, which the garbage collector skips)
    joined: _Joined

    @classmethod
    def of(cls, uniques: np.ndarray) -> TextValues:
        if _all_text(uniques):
            ids, values = np.arange(len(uniques)), uniques
        else:
            ids = np.flatnonzero(np.fromiter((type(v) is str for v in uniques), dtype=bool,
                                             count=len(uniques)))
            values = uniques[ids]
        return cls(ids, values, _Joined(values.tolist()))

    @property
    def texts(self) -> list[str]:
        return self.values.tolist()

    def scan_text(self) -> str:
        """The texts joined by _SEP (a text holding it is joined as it is)."""
        whole = self.joined.text
        return whole[1:] if whole is not None else _SEP.join(self.texts)


def plain_links(texts: list[str], joined: _Joined | None = None) -> np.ndarray:
    """For each text, whether it is a link parse_url accepts as it is (_PLAIN_URL_RE)."""
    joined = joined or _Joined(texts)
    if joined.text is None:
        return np.fromiter(map(bool, map(_PLAIN_URL_RE.match, texts)), dtype=bool,
                           count=len(texts))
    whole, others, position = joined.text, [], 0
    while position < len(whole):  # once, and once more after each link that is not plain
        plain = _PLAIN_URLS_RE.match(whole, position)  # (it may match nothing: never None)
        position = plain.end() if plain else position
        if position < len(whole):  # the text after this separator is no plain link
            others.append(position)
            position = whole.find(_SEP, position + 1)
            if position < 0:
                break
    return ~joined.flags(others)


def changed_by_clean(texts: list[str], joined: _Joined | None = None) -> np.ndarray:
    """For each text, whether `clean()` may change it: False means clean(text) == text.

    A few scans over all the texts joined, each at C speed, instead of one clean() per
    text; only the texts flagged (few, in a tidy sheet) need the real thing.
    """
    if not texts:
        return np.zeros(0, dtype=bool)
    joined = joined or _Joined(texts)
    whole = joined.text
    if whole is None:  # a text holds the separator: one at a time
        return np.fromiter((changed_by_clean_one(t) for t in texts), dtype=bool,
                           count=len(texts))
    if len(whole) >= ARRAY_SCAN:
        flags = _changed_characters(joined)
    else:
        positions = [m.start() for m in _CHANGED_CHARS_RE.finditer(whole)]
        positions += [m.start() for m in _LEADING_SPACE_RE.finditer(whole)]
        positions += [m.start() - 1 for m in _TRAILING_SPACE_RE.finditer(whole + _SEP)]
        lines = "\n" in whole  # most columns have no line breaks: two scans fewer
        for pair in _CHANGED_PAIRS:
            if (lines or "\n" not in pair) and pair in whole:
                positions += [m.start() for m in re.finditer(re.escape(pair), whole)]
        flags = joined.flags(positions)
    if not unicodedata.is_normalized("NFC", whole):
        flags |= np.fromiter((not unicodedata.is_normalized("NFC", t) for t in texts),
                             dtype=bool, count=len(texts))
    return flags


# A column's texts joined at least this long are scanned as an array of code points (a few
# passes of numpy over it), shorter ones by the regular expressions (fewer calls).
ARRAY_SCAN = 20_000


def _changed_characters(joined: _Joined) -> np.ndarray:
    """For each text of `joined`, whether it holds a character clean() changes or drops
    (_CHANGED_CHARS_RE) or a pair of _CHANGED_PAIRS, or starts or ends with white space: as
    the regular expressions find them, over the code points as an array."""
    assert joined.text is not None
    points = _code_points(joined.text)
    separators = np.flatnonzero(points == ord(_SEP))  # where each text starts
    joined.starts = separators
    changed, space = _character_tables()
    flags = np.zeros(joined.count, dtype=bool)
    odd = np.flatnonzero(np.take(changed, points, mode="clip"))
    if len(odd):
        flags[joined.owners(odd)] = True
    for edge in (separators + 1, np.append(separators[1:], len(points)) - 1):  # first, last
        inside = edge < len(points)  # (an empty text at the very end has no first one)
        edges = points[edge[inside]]
        flags[np.flatnonzero(inside)] |= np.take(space, edges, mode="clip") & (
            edges != ord(_SEP))  # (an empty text: its first and last are separators)
    lines = joined.text.find("\n") >= 0  # most columns have no line breaks
    for pair in _CHANGED_PAIRS:
        if lines or "\n" not in pair:
            pairs = np.flatnonzero((points[:-1] == ord(pair[0])) & (points[1:] == ord(pair[1])))
            if len(pairs):
                flags[joined.owners(pairs)] = True
    return flags


def _code_points(text: str) -> np.ndarray:
    """The text's characters as numbers, one per character (lone surrogates too)."""
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):  # no character beyond U+FFFF
        return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@functools.cache
def _character_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per character up to U+FFFF, and one entry more (False) for any beyond: whether
    _CHANGED_CHARS_RE matches it, and whether it is white space (regular expressions' \\s,
    str.strip()'s)."""
    every = "".join(map(chr, range(0x10000)))
    changed = np.zeros(0x10001, dtype=bool)
    changed[[m.start() for m in _CHANGED_CHARS_RE.finditer(every)]] = True
    space = np.zeros(0x10001, dtype=bool)
    space[[m.start() for m in re.finditer(r"\s", every)]] = True
    return changed, space


def changed_by_clean_one(text: str) -> bool:
    from commsplan.text import clean

    return clean(text) != text


def _hashable(value: object) -> object:
    return value if not isinstance(value, list) else tuple(value)


def _empty_table(tab: Tab, name: str | None, headers, letters) -> Table:
    index = pd.Index([], dtype="int64", name="row")
    raw = pd.DataFrame({c.key: pd.Series([], dtype=object) for c in tab.columns}, index=index)
    data = pd.DataFrame(
        {c.key: pd.Series([], dtype=DTYPES.get(c.type, object)) for c in tab.columns},
        index=index,
    )
    return Table(tab, name, headers, letters, raw, data)


# The fields tab -------------------------------------------------------------------------

def _read_fields(tab: Tab, source: RawTable | None, findings: list[Finding]) -> Fields:
    values: dict[str, Any] = {c.key: ([] if c.repeat else None) for c in tab.columns}
    rows: dict[str, list[int]] = {c.key: [] for c in tab.columns}
    raw: dict[str, object] = {}
    if source is None:
        return Fields(tab, None, values, rows)
    item_spellings = {fold(tab.item_header), fold(tab.value_header)}
    for index, cells in enumerate(source.rows):
        row = index + 1
        label = as_text(cells[0]) if cells else None
        raw_value = cells[1] if len(cells) > 1 else None
        if label is None or is_empty(label):
            span = merged_over(source.merged, row, 1)
            if span and not is_empty(raw_value):  # a label merged down over this row
                findings.append(Finding("merged-cell-blank", tab=source.name, row=row,
                                        column=tab.item_header, cell=f"A{row}",
                                        params={"range": span}))
            continue
        if fold(label) in item_spellings:  # the optional "Mục | Giá trị" header row
            continue
        column = tab.match_header(label)
        if column is None:
            from commsplan.suggest import closest

            match = closest(label, [c.header for c in tab.columns])
            findings.append(Finding("unknown-field", tab=source.name, row=row,
                                    column=tab.item_header, value=label, cell=f"A{row}",
                                    params={"suggestion": _did_you_mean(label, match)}))
            continue
        if rows[column.key] and not column.repeat:
            findings.append(Finding("duplicate-field", tab=source.name, row=row,
                                    column=column.header, value=as_text(raw_value), cell=f"A{row}"))
            continue
        typed, problem = parse_value(column.type, raw_value)
        if _outside_bounds(column, np.array([typed], dtype=object))[0]:
            typed, problem = None, OUT_OF_BOUNDS
        rows[column.key].append(row)
        raw.setdefault(column.key, raw_value)
        if problem:
            findings.append(Finding(problem, tab=source.name, row=row, column=column.header,
                                    value=as_text(raw_value), cell=f"B{row}",
                                    params={"field": True,
                                            **_problem_params(column, problem,
                                                              as_text(raw_value))}))
        if column.allowed and isinstance(typed, str) and typed not in column.allowed:
            read = allowed_match(typed, column.allowed)
            if read:
                findings.append(Finding("value-read-as", tab=source.name, row=row,
                                        column=column.header, value=typed, cell=f"B{row}",
                                        params={"read": read, "field": True}))
                typed = read
        if column.repeat:
            if typed is not None:
                values[column.key].append(typed)
        else:
            values[column.key] = typed
    return Fields(tab, source.name, values, rows, raw=raw, merged=list(source.merged))


def merged_over(merged: list[tuple[int, int, int, int]], row: int, col: int) -> str | None:
    """The merged range (as 'A3:A5') covering a cell other than its first one, if any."""
    for first_row, first_col, last_row, last_col in merged:
        if (first_row <= row <= last_row and first_col <= col <= last_col
                and (row, col) != (first_row, first_col)):
            return (f"{column_letter(first_col - 1)}{first_row}:"
                    f"{column_letter(last_col - 1)}{last_row}")
    return None
