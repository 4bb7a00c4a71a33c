"""Row checks driven by the sheet contract: each rule is one small function yielding Findings.

Rules judge the Book's cleaned values and look at the values as typed only to point out
untidy text. On a register they work on each column's distinct values, which the Book parsed
once (`Table.distinct`), and reach the rows through their codes: a type or channel column of
100,000 rows is a handful of values; titles and links are scanned joined, at C speed. Python
loops only over flagged cells and over the small tabs (topics, the general tab).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Callable, Hashable, Iterable, Iterator, Sequence, TypeVar, cast

import numpy as np
import pandas as pd

from commsplan.book import Book, Fields, Table, TextValues, changed_by_clean_one, merged_over
from commsplan.contract import Column
from commsplan.findings import Finding, column_letter
from commsplan.periods import Period, calendar_from, school_year_key
from commsplan.suggest import closest, latinised, lookalike_words
from commsplan.text import INVISIBLE, clean, xml_safe
from commsplan.values import as_text, is_empty

Value = TypeVar("Value")
Texts = Sequence[str] | np.ndarray  # a column's texts: a list, or an object array of them
LONG_TEXT = 5000  # characters; a longer cell is most likely a whole pasted document
SHOWN = 80  # characters of a value quoted in a message

_ODD_SPACES = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
_SEP = "\x1f"  # joins a column's texts for one scan; a text holding it is untidy anyway
_ESCAPED_RE = re.compile(rf"[{INVISIBLE}{_CONTROL}{_ODD_SPACES}]")
# What a spreadsheet runs as a formula: text starting with = or @ (after any spaces, tabs or
# line breaks, which some programs drop first), or with + or - when a formula follows: a
# function call, a cell reference or a DDE link, perhaps after some arithmetic
# ("-2+3+cmd|' /C calc'!A0"). A bullet line ("- Ý một") is not one.
_FORMULA_TOKEN = (r"(?:[A-Za-z_][A-Za-z0-9_.]*\s*\("  # SUM(
                  r"|\$?[A-Za-z]{1,3}\$?\d+(?![A-Za-z0-9_])"  # A1, $B$2
                  r"|[A-Za-z_][A-Za-z0-9_.]*\|)")  # cmd|'…'!A0
_FORMULA_RE = re.compile(rf"[ \t\r\n]*(?:[=@]|[+\-][\d.,\s+\-*/^&()]*{_FORMULA_TOKEN})")
_FORMULA_STARTS = "=@+-"
_URL_IN_FORMULA_RE = re.compile(r"""["'](https?://[^"']+)["']""")


def check_rows(book: Book, plan: Period | None, today: dt.date) -> list[Finding]:
    """Every row rule on every table, then the register, topic and general-tab rules."""
    found: list[Finding] = []
    for table in book.tables.values():
        if table.name is None:
            continue  # a missing tab is already a finding
        for rule in TABLE_RULES:
            found.extend(rule(book, table))
    found.extend(activity_dates(book, plan, today))
    found.extend(duplicate_activities(book))
    found.extend(topic_numbers(book))
    found.extend(topic_windows(book, plan))
    if book.general.name is not None:
        for plan_rule in GENERAL_RULES:
            found.extend(plan_rule(book, plan))
    return found


# Helpers -----------------------------------------------------------------------------------

def _at(table: Table, key: str, row: Hashable, code: str, value: object = ...,
        **params) -> Finding:
    """A finding at one cell (row: the sheet row, as the table's index holds it); the value
    defaults to the cell as typed."""
    row = cast(int, row)
    if value is ...:
        value = as_text(table.raw.at[row, key])
    return Finding(code, tab=table.label, row=int(row), column=table.header(key),
                   value=None if value is None else str(value), cell=table.cell(key, int(row)),
                   params=params)


def _present(table: Table) -> list[Column]:
    """The contract columns the sheet has (a missing header is already a finding)."""
    return [c for c in table.tab.columns if c.key in table.letters]


def _unreadable(book: Book, tab_name: str | None) -> set[tuple[str | None, int]]:
    """(column, row) of the cells the Book could not read: empty in .data but not blank."""
    return {(f.column, f.row) for f in book.findings if f.tab == tab_name and f.row}


def _rows_holding(table: Table, key: str, which: np.ndarray) -> Iterator[tuple[int, int]]:
    """(sheet row, distinct index) of each row holding a distinct value marked in `which`."""
    if not which.any():
        return
    codes = table.distinct[key].codes
    for position in np.flatnonzero(which[codes]):
        yield int(table.raw.index[int(position)]), int(codes[position])


def _marked(values: Iterable[Value], test: Callable[[Value], bool]) -> np.ndarray:
    """A bool per distinct value (the Book's distinct values are few, or one per row for
    titles and links: never more than the rows)."""
    values = list(values)
    return np.fromiter(map(test, values), dtype=bool, count=len(values))


def _text_positions(texts: Texts, joined: str, positions: list[int]) -> np.ndarray:
    """The indexes of the texts holding these positions of `joined` (texts joined by _SEP)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    return np.unique(np.searchsorted(starts, positions, side="right") - 1)


def _shown(text: str) -> str:
    """The text with invisible, control and odd space characters made visible."""
    shown = _ESCAPED_RE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    return shown if len(shown) <= SHOWN else shown[: SHOWN - 1] + "…"


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _did_you_mean(value: str, choices: tuple[str, ...]) -> dict[str, str]:
    """' Có phải …?': the nearest choice, accent-, case- and typo-tolerant, if near enough.

    A value holding letters of another alphabet that look Latin ('Vidеo' with a Cyrillic е)
    would get a suggestion printed the same as itself: the message names those letters.
    """
    match = _closest(value, choices)
    words = lookalike_words(value)
    if words:
        also = match and match != latinised(value)
        return {"vi": f" Trong '{value}', {words['vi']}: hãy xoá và gõ lại bằng bàn phím "
                      f"tiếng Việt." + (f" Có phải '{match}'?" if also else ""),
                "en": f" In '{value}', {words['en']}: delete it and type it again."
                      + (f" Did you mean '{match}'?" if also else "")}
    if not match or match == value:
        return {"vi": "", "en": ""}
    return {"vi": f" Có phải '{match}'?", "en": f" Did you mean '{match}'?"}



@functools.lru_cache(maxsize=4096)
def _closest(value: str, choices: tuple[str, ...]) -> str | None:
    return closest(value, list(choices))


def _date_text(value) -> str:
    return pd.Timestamp(value).strftime("%d/%m/%Y")


# Table rules: every tab -------------------------------------------------------------------

def required_values(book: Book, table: Table) -> Iterator[Finding]:
    """A required column's empty cells (cells that could not be read are reported already)."""
    unreadable = _unreadable(book, table.name)
    help_en = "The note on the column's header says what it holds."
    for column in _present(table):
        if not column.required:
            continue
        empty = pd.isna(table.distinct[column.key].typed)
        for row, _ in _rows_holding(table, column.key, empty):
            if (table.header(column.key), row) not in unreadable:
                yield _at(table, column.key, row, "missing-value", None,
                          help={"vi": column.help, "en": help_en})


def allowed_values(book: Book, table: Table) -> Iterator[Finding]:
    """Values outside a column's fixed list (or the fixed list of the column it refers to)."""
    for column in _present(table):
        allowed = book.contract.allowed_values(column)
        if allowed:
            for row, value in _outside(table, column, frozenset(allowed)):
                yield _at(table, column.key, row, "value-not-allowed", value,
                          suggestion=_did_you_mean(value, allowed), allowed=", ".join(allowed))


def references(book: Book, table: Table) -> Iterator[Finding]:
    """Values that must name a row of another tab (topic, channel, unit) and name none."""
    for column in _present(table):
        if not column.ref or book.contract.allowed_values(column):
            continue
        target_tab, target_column = book.contract.resolve_ref(column.ref)
        target = book.tables.get(target_tab.key)
        if target is None or target.name is None or target_column.key not in target.letters:
            continue  # the missing tab or header is a finding of its own
        choices = tuple(dict.fromkeys(target.data[target_column.key].dropna()))
        for row, value in _outside(table, column, frozenset(choices)):
            yield _at(table, column.key, row, "unknown-reference", value,
                      suggestion=_did_you_mean(value, choices),
                      target_tab=target.label, target_column=target.header(target_column.key))


def _outside(table: Table, column: Column, known: frozenset) -> Iterator[tuple[int, str]]:
    """(row, value) of each value not in `known`; each item of a list column on its own."""
    typed = table.distinct[column.key].typed
    if column.type == "list":
        def items(value) -> tuple:
            return tuple(item for item in value if item not in known) if value else ()
    else:
        def items(value) -> tuple:
            return (value,) if value is not None and value not in known else ()
    strays = [items(value) for value in typed]
    for row, index in _rows_holding(table, column.key, _marked(strays, bool)):
        for value in strays[index]:
            yield row, value


def unique_values(book: Book, table: Table) -> Iterator[Finding]:
    """Repeats in a unique column, compared without case (accents do count in Vietnamese)."""
    for column in _present(table):
        if not column.unique:
            continue
        values = table.data[column.key].dropna()
        folded = values.astype(str).str.casefold()
        repeated = folded.duplicated(keep="first")
        if not repeated.any():
            continue
        first_rows = {v: row for row, v in folded[~repeated].items()}
        for row, value in folded[repeated].items():
            yield _at(table, column.key, row, "duplicate-value", values.at[row],
                      first_row=first_rows[value])


def untidy_text(book: Book, table: Table) -> Iterator[Finding]:
    """Text whose typed form differs from the cleaned one: spaces, NFD, invisible, control.

    Only the distinct values the Book may have tidied while reading are looked at.
    """
    for column in _present(table):
        distinct = table.distinct[column.key]
        codes = {int(i): _untidiness(distinct.raw[i]) for i in np.flatnonzero(distinct.tidied)
                 if isinstance(distinct.raw[i], str)}
        which = np.zeros(len(distinct.raw), dtype=bool)
        which[[i for i, found in codes.items() if found]] = True
        for row, index in _rows_holding(table, column.key, which):
            text = distinct.raw[index]
            for code in codes[index]:
                yield _at(table, column.key, row, code, text, shown=_shown(text),
                          cleaned=_short(clean(text)))


def _untidiness(text: str) -> list[str]:
    """The codes of what clean() changes in text, in the order a person would fix them.

    A cell of spaces only is blank (as the Book reads it), not untidy.
    """
    codes = []
    nfc = unicodedata.normalize("NFC", text)
    if xml_safe(text) != text:
        codes.append("control-characters")
    if any(ch in INVISIBLE for ch in text):
        codes.append("invisible-characters")
    if nfc != text:
        codes.append("decomposed-text")
    without = xml_safe("".join(ch for ch in nfc if ch not in INVISIBLE))
    if without.strip() and clean(text) != without.replace("\r\n", "\n").replace("\r", "\n"):
        codes.append("extra-spaces")
    return codes


TYPED_AS_TEXT = ("text", "multiline", "list", "url")  # elsewhere text is unreadable anyway


def text_content(book: Book, table: Table) -> Iterator[Finding]:
    """Formula text and over-long cells in the text columns (their distinct texts joined
    once, for scans at C speed)."""
    for column in _present(table):
        if column.type in TYPED_AS_TEXT:
            distinct = table.distinct[column.key]
            raw = distinct.raw
            text = distinct.text or TextValues.of(raw)
            texts, joined = text.values, text.scan_text()  # (an array: rarely looked at whole)
            for rule in (formula_text, long_text):
                which = np.zeros(len(raw), dtype=bool)
                which[text.ids[rule(texts, joined)]] = True
                for row, index in _rows_holding(table, column.key, which):
                    yield _TEXT_FINDINGS[rule](table, column.key, row, raw[index])


def formula_text(texts: Texts, joined: str) -> np.ndarray:
    """Indexes of the texts a spreadsheet would run as a formula, such as '=HYPERLINK(…)'."""
    # Candidates start with = @ + -, or with white space (rare): each is then judged whole.
    starts = [0] if joined[:1] in tuple(_FORMULA_STARTS) else []
    if any(start in joined for start in _FORMULA_STARTS):  # a quick look first
        starts += [m.start() + 1 for m in re.finditer(f"{_SEP}[=@+\\-]", joined)]
    found = _text_positions(texts, joined, starts) if starts else np.zeros(0, dtype=np.intp)
    if re.search(f"{_SEP}\\s", joined) or joined[:1].isspace():
        found = np.union1d(found, np.flatnonzero(_marked(texts, lambda t: t[:1].isspace())))
    return np.array([i for i in found if _FORMULA_RE.match(texts[int(i)])], dtype=np.intp)


def long_text(texts: Texts, joined: str) -> np.ndarray:
    """Indexes of the texts longer than LONG_TEXT characters."""
    if _none_longer(joined, LONG_TEXT) or max(map(len, texts)) <= LONG_TEXT:
        return np.zeros(0, dtype=np.intp)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return np.flatnonzero(lengths > LONG_TEXT)


def _none_longer(joined: str, limit: int) -> bool:
    """True when no text of `joined` (texts joined by _SEP) is longer than `limit`: each
    whole stretch of `limit // 2 + 1` characters, from the start, holds a separator. (A text
    longer than `limit` would hold one such stretch whole.) False: perhaps."""
    size = limit // 2 + 1
    return all(joined.find(_SEP, start, start + size) >= 0
               for start in range(0, len(joined) - size + 1, size))


def _formula_finding(table: Table, key: str, row: int, text: str) -> Finding:
    url = _URL_IN_FORMULA_RE.search(text)
    hint = ({"vi": f", ví dụ dán địa chỉ {url.group(1)}",
             "en": f", e.g. paste the address {url.group(1)}"} if url else "")
    return _at(table, key, row, "formula-text", _shown(text), suggestion=hint,
               start=text.lstrip()[:1])


def _long_finding(table: Table, key: str, row: int, text: str) -> Finding:
    return _at(table, key, row, "long-text", _short(text), length=_number(len(text)),
               limit=_number(LONG_TEXT))


def _number(count: int) -> dict[str, str]:
    """100.800 in Vietnamese, 100,800 in English."""
    return {"vi": f"{count:,}".replace(",", "."), "en": f"{count:,}"}


_TEXT_FINDINGS = {formula_text: _formula_finding, long_text: _long_finding}


def merged_blanks(book: Book, table: Table) -> Iterator[Finding]:
    """Blank cells inside a merged range: only its top-left cell holds the value."""
    keys = {letter: key for key, letter in table.letters.items()}
    index = table.raw.index
    for first_row, first_col, last_row, last_col in table.merged:
        span = (f"{column_letter(first_col - 1)}{first_row}:"
                f"{column_letter(last_col - 1)}{last_row}")
        rows = index[(index >= first_row) & (index <= last_row)]
        for col in range(first_col, last_col + 1):
            key = keys.get(column_letter(col - 1))
            if key is None:
                continue
            for row in rows:
                if (row, col) != (first_row, first_col) and is_empty(table.raw.at[row, key]):
                    yield _at(table, key, row, "merged-cell-blank", None, range=span)


TABLE_RULES: tuple[Callable[[Book, Table], Iterable[Finding]], ...] = (
    required_values, allowed_values, references, unique_values, untidy_text, text_content,
    merged_blanks,
)


# The register -----------------------------------------------------------------------------

def activity_dates(book: Book, plan: Period | None, today: dt.date) -> Iterator[Finding]:
    """Activities dated after today (a typo), or outside the plan period (not counted)."""
    table = book["activities"]
    if "date" not in table.letters:
        return
    dates = table.data["date"]
    future = dates > pd.Timestamp(today)
    for row in dates.index[future]:
        yield _at(table, "date", row, "date-in-future", today=f"{today:%d/%m/%Y}")
    if plan is None:
        return
    outside = ((dates < pd.Timestamp(plan.start)) | (dates > pd.Timestamp(plan.end))) & ~future
    label = {"vi": plan.label("vi"), "en": plan.label("en")}
    for row in dates.index[outside]:
        yield _at(table, "date", row, "date-outside-plan", plan_label=label)


def duplicate_activities(book: Book) -> Iterator[Finding]:
    """Register rows with the same date, title and link as an earlier row."""
    table = book["activities"]
    if not {"date", "title"} <= table.letters.keys():
        return
    keys = ["date", "title", "link"]
    rows = table.data[keys]
    candidates = _may_repeat(table.distinct["title"])
    if candidates is not None:
        rows = rows[candidates]
    titles = rows["title"]
    # Only a repeated title can make a repeated row: look at those rows alone.
    rows = rows[titles.notna() & titles.duplicated(keep=False) & rows["date"].notna()]
    repeated = rows.duplicated(keep="first")
    if not repeated.any():
        return
    first = rows.reset_index().groupby(keys, dropna=False)["row"].transform("first")
    first.index = rows.index
    for row in rows.index[repeated]:
        yield _at(table, "title", row, "duplicate-activity", rows.at[row, "title"],
                  first_row=int(first[row]))


def _may_repeat(distinct) -> np.ndarray | None:
    """Per row, whether its typed value may equal another row's: its distinct value is
    repeated, or was typed from a value other than itself (tidied text, a number or date
    read as text), or types as such a one does. A superset found from the distinct values,
    so that a register's 100,000 titles are not all hashed again; None when most rows may."""
    codes = distinct.codes
    repeated = np.bincount(codes, minlength=len(distinct.raw)) > 1
    retyped = distinct.tidied.copy()
    all_text = (len(distinct.text.ids) == len(distinct.raw) if distinct.text is not None
                else pd.api.types.infer_dtype(distinct.raw, skipna=False) == "string")
    if not all_text:
        retyped |= np.fromiter((type(v) is not str for v in distinct.raw), dtype=bool,
                               count=len(distinct.raw))
    if retyped.any():
        special = frozenset(v for v in distinct.typed[retyped] if v is not None)
        retyped |= np.fromiter(map(special.__contains__, distinct.typed), dtype=bool,
                               count=len(distinct.typed))
    which = (repeated | retyped)[codes]
    return which if 2 * int(which.sum()) < len(which) else None


# The topic list -----------------------------------------------------------------------------

def topic_numbers(book: Book) -> Iterator[Finding]:
    """Topic numbers that skip or repeat (the seed plan skips 3); the documents renumber."""
    table = book["topics"]
    if "number" not in table.letters:
        return
    seen: dict[int, Hashable] = {}
    previous = 0
    for row, number in table.data["number"].dropna().items():
        number = int(number)
        if number in seen:
            yield _at(table, "number", row, "topic-number-repeat", first_row=seen[number],
                      expected=previous + 1)
        elif number != previous + 1:
            yield _at(table, "number", row, "topic-number-gap", expected=previous + 1)
        seen.setdefault(number, row)
        previous = number  # one skip is one finding: the numbers after it follow on


def topic_windows(book: Book, plan: Period | None) -> Iterator[Finding]:
    """A topic's window: both dates or neither, in order, and meeting the plan period."""
    table = book["topics"]
    if not {"window_from", "window_to"} <= table.letters.keys():
        return
    unreadable = _unreadable(book, table.name)
    starts, ends = table.data["window_from"], table.data["window_to"]
    yearly = table.data["yearly"].fillna(False).astype(bool)
    for row in table.data.index[starts.notna() | ends.notna()]:
        start, end = starts[row], ends[row]
        if pd.isna(start) or pd.isna(end):
            have, lack = ("window_from", "window_to") if pd.isna(end) else ("window_to",
                                                                            "window_from")
            if (table.header(lack), row) not in unreadable:
                yield _at(table, have, row, "window-incomplete",
                          other_column=table.header(lack))
        elif end < start:
            yield _at(table, "window_to", row, "window-dates-order",
                      window_from=_date_text(start))
        elif plan is not None and (end.date() < plan.start or start.date() > plan.end) \
                and not yearly[row]:  # a yearly occasion recurs whatever year is typed
            yield _at(table, "window_from", row, "window-outside-plan",
                      window=f"{_date_text(start)}–{_date_text(end)}",
                      plan_label={"vi": plan.label("vi"), "en": plan.label("en")})


# The general tab ----------------------------------------------------------------------------

def _field(fields: Fields, key: str, code: str, value: object = ..., **params) -> Finding:
    """A finding at one item of the general tab (its first row, column B)."""
    rows = fields.rows.get(key) or []
    row = rows[0] if rows else None
    if value is ...:
        value = fields.values.get(key)
    if isinstance(value, dt.date):
        value = f"{value:%d/%m/%Y}"
    return Finding(code, tab=fields.label, row=row, column=fields.tab.column(key).header,
                   value=None if value is None else str(value),
                   cell=f"{fields.value_letter}{row}" if row else None,
                   params={"field": True, **params})


def merged_fields(book: Book, plan: Period | None) -> Iterator[Finding]:
    """Items whose value cell is blank because it lies inside a merged range."""
    fields = book.general
    column = 2  # the value column, B
    for key, rows in fields.rows.items():
        for row in rows:
            span = merged_over(fields.merged, row, column)
            if span:
                yield _field_at(fields, key, row, "merged-cell-blank", None, range=span)


def _field_at(fields: Fields, key: str, row: int, code: str, value: object, **params) -> Finding:
    return Finding(code, tab=fields.label, row=row, column=fields.tab.column(key).header,
                   value=None if value is None else str(value),
                   cell=f"{fields.value_letter}{row}", params={"field": True, **params})


def untidy_fields(book: Book, plan: Period | None) -> Iterator[Finding]:
    """General-tab text with invisible or control characters, odd spaces or NFD accents:
    read without them, and said (a right-to-left override in the school's name is dropped
    before it can reverse the documents' header)."""
    fields = book.general
    for key, raw in fields.raw.items():
        if isinstance(raw, str) and changed_by_clean_one(raw):
            for code in _untidiness(raw):
                yield _field(fields, key, code, raw, shown=_shown(raw),
                             cleaned=_short(clean(raw)))


def required_fields(book: Book, plan: Period | None) -> Iterator[Finding]:
    """Required items of the general tab: a row for each, with a value."""
    fields = book.general
    unreadable = {f.row for f in book.findings if f.tab == fields.name and f.row}
    for column in fields.tab.columns:
        if not column.required:
            continue
        help_text = {"vi": column.help, "en": "The blank workbook (`commsplan template`) has "
                     "a note on each item saying what it holds."}
        rows = fields.rows.get(column.key) or []
        if not rows:
            yield _field(fields, column.key, "missing-field", None, help=help_text)
        elif fields.values.get(column.key) in (None, []) and rows[0] not in unreadable:
            yield _field(fields, column.key, "missing-value", None, help={
                "vi": column.help, "en": "The note on the item says what it holds."})


def field_allowed_values(book: Book, plan: Period | None) -> Iterator[Finding]:
    """General-tab items with a fixed list (the authority prefix)."""
    fields = book.general
    for column in fields.tab.columns:
        value = fields.values.get(column.key)
        if column.allowed and value is not None and value not in column.allowed:
            yield _field(fields, column.key, "value-not-allowed",
                         suggestion=_did_you_mean(str(value), column.allowed),
                         allowed=", ".join(column.allowed))


def authority(book: Book, plan: Period | None) -> Iterator[Finding]:
    """KT. (signing for the head) and TM. (for a body) must say for whom."""
    fields = book.general
    prefix = fields.values.get("authority_prefix")
    for_whom = [book.contract.allowed_value("general.authority_prefix", key)
                for key in ("signing_for", "on_behalf_of")]
    if prefix in for_whom and not fields.values.get("authority_of"):
        key = "authority_of" if fields.rows.get("authority_of") else "authority_prefix"
        yield _field(fields, key, "authority-of-missing", prefix)


def plan_period_form(book: Book, plan: Period | None) -> Iterator[Finding]:
    value = book.general.values.get("plan_period")
    if value is not None and plan is None:
        yield _field(book.general, "plan_period", "invalid-plan-period")


def school_year_form(book: Book, plan: Period | None) -> Iterator[Finding]:
    value = book.general.values.get("school_year")
    if value is not None and school_year_key(value) is None:
        yield _field(book.general, "school_year", "invalid-school-year")


def plan_date_in_period(book: Book, plan: Period | None) -> Iterator[Finding]:
    issued = book.general.values.get("plan_date")
    if plan is not None and issued is not None and not plan.contains(issued):
        yield _field(book.general, "plan_date", "plan-date-outside-period",
                     plan_label={"vi": plan.label("vi"), "en": plan.label("en")})


SCHOOL_DATES = ("school_year_start", "semester1_end", "school_year_end")


def school_dates_order(book: Book, plan: Period | None) -> Iterator[Finding]:
    """Start of the school year, end of semester I, end of the year: in that order."""
    fields = book.general
    latest: str | None = None
    for key in SCHOOL_DATES:
        day = fields.values.get(key)
        if day is None:
            continue
        if latest is not None and day <= fields.values[latest]:
            yield _field(fields, key, "school-dates-order",
                         previous_column=fields.tab.column(latest).header,
                         previous=f"{fields.values[latest]:%d/%m/%Y}")
        else:
            latest = key


def school_year_years(book: Book, plan: Period | None) -> Iterator[Finding]:
    """The school year starts in its first year and ends in its second."""
    fields = book.general
    key = school_year_key(fields.values.get("school_year"))
    if key is None:
        return
    first, second = (int(y) for y in key.split("-"))
    for item, year in (("school_year_start", first), ("school_year_end", second)):
        day = fields.values.get(item)
        if day is not None and day.year != year:
            yield _field(fields, item, "school-year-mismatch", expected_year=year,
                         school_year=key)


def school_year_in_plan(book: Book, plan: Period | None) -> Iterator[Finding]:
    calendar = calendar_from(book.general.values)
    if plan is None or calendar is None:
        return
    if calendar.end < plan.start or calendar.start > plan.end:
        yield _field(book.general, "school_year", "school-year-outside-plan",
                     plan_label={"vi": plan.label("vi"), "en": plan.label("en")})


NAMES_IN_TEXT = {"school_name": "school_name_in_text", "parent_body": "parent_body_in_text"}


def names_in_text(book: Book, plan: Period | None) -> Iterator[Finding]:
    """A name typed in capitals (copied from a letterhead): say how the sentences will write it."""
    from commsplan.wording import is_derived, running_name

    fields = book.general
    for key, override in NAMES_IN_TEXT.items():
        value = fields.values.get(key)
        if value and is_derived(value) and not fields.values.get(override):
            yield _field(fields, key, "name-derived", derived=running_name(value),
                         column=fields.tab.column(key).header,
                         override=fields.tab.column(override).header)


GENERAL_RULES: tuple[Callable[[Book, Period | None], Iterable[Finding]], ...] = (
    merged_fields, untidy_fields, required_fields, field_allowed_values, authority,
    plan_period_form, school_year_form,
    plan_date_in_period, school_dates_order, school_year_years, school_year_in_plan,
    names_in_text,
)
