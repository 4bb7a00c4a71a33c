"""Properties: whatever a cell holds, checking never raises, and every finding is located."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsplan.book import build_book
from commsplan.checks.present import to_csv, to_json, to_text
from commsplan.checks.run import run_checks
from commsplan.findings import CATALOGUE
from commsplan.periods import parse_period, periods_in
from commsplan.sources import RawBook
from commsplan.sources.workbook import read_workbook
from tests.test_checks_corpus import base_xlsx

BASE = read_workbook(io.BytesIO(base_xlsx()))
HEADER_CODES = {"missing-header", "missing-optional-header", "missing-addressee-column",
                "unknown-header", "duplicate-header"}
GENERAL_TAB = "Thông tin chung"  # item rows, no header row needed: row 1 may be an item
PERIOD_CODES = {"cadence-shortfall", "cadence-pending"}

tricky_text = st.sampled_from([
    "", " ", "\u200b", "\ufeff", "\x00", "\x07x", "=HYPERLINK(\"https://a.vn\")", "=A1",
    "29/02/1900", "31/02/2024", "05/03/2024", "2024-03-05", "45356", "60", "Có", "không",
    "Tin bài", "Ảnh, Video", "tháng", "học kỳ", "Toàn trường", "Từng đơn vị", "KT.", "TM.",
    "https://", "https://a.vn", "2024", "2024-2025", "2023-2024", "x" * 6000, "1e309", "NaN",
])
cell_values = st.one_of(
    st.none(), tricky_text, st.text(max_size=40),
    st.integers(min_value=-10**15, max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(), st.timedeltas(),
)
edits = st.lists(
    st.tuples(st.integers(0, len(BASE.tables) - 1), st.integers(0, 25), st.integers(0, 12),
              cell_values),
    min_size=1, max_size=6,
)
merges = st.lists(
    st.tuples(st.integers(0, len(BASE.tables) - 1), st.integers(1, 20), st.integers(1, 12),
              st.integers(0, 3), st.integers(0, 2)),
    max_size=2,
)
dates = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 12, 31))


def mutated(cell_edits, merged) -> RawBook:
    raw = copy.deepcopy(BASE)
    for tab, row, column, value in cell_edits:
        rows = raw.tables[tab].rows
        while len(rows) <= row:
            rows.append([""] * len(rows[0]) if rows else [])
        while len(rows[row]) <= column:
            rows[row].append("")
        rows[row][column] = value
    for tab, row, column, height, width in merged:
        raw.tables[tab].merged.append((row, column, row + height, column + width))
    return raw


def assert_located(report) -> None:
    for finding in report.findings:
        assert finding.code in CATALOGUE
        assert isinstance(finding.tab, str) and finding.tab
        if finding.row is not None:
            assert finding.row >= 1 and finding.column
            if finding.code not in HEADER_CODES and finding.tab != GENERAL_TAB:
                assert finding.row >= 2, finding  # under the header row
        if finding.code in PERIOD_CODES:
            assert finding.period and finding.scope and finding.row is None
        assert finding.message("vi") and finding.message("en")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell_edits=edits, merged=merges, as_of=dates)
def test_any_cell_contents_give_clean_or_located_findings(cell_edits, merged, as_of):
    report = run_checks(build_book(mutated(cell_edits, merged)), as_of, today=as_of)
    assert_located(report)
    body = json.loads(to_json(report))
    assert len(body["findings"]) == len(report.findings)
    assert to_csv(report, "en") and to_text(report)


@settings(max_examples=60, deadline=None)
@given(headers=st.lists(st.one_of(st.text(max_size=20), tricky_text), min_size=1, max_size=12),
       tab=st.integers(0, len(BASE.tables) - 1), as_of=dates)
def test_any_header_row_gives_clean_or_located_findings(headers, tab, as_of):
    raw = copy.deepcopy(BASE)
    raw.tables[tab].rows[0] = list(headers)
    assert_located(run_checks(build_book(raw), as_of, today=as_of))


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(["month", "quarter", "year"]), first=dates, days=st.integers(0, 900))
def test_periods_tile_the_span_without_gaps_or_overlaps(kind, first, days):
    last = first + dt.timedelta(days=days)
    periods = periods_in(kind, first, last)
    assert periods[0].start == first and periods[-1].end == last
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)
    for period in periods:
        whole = parse_period(period.key)
        assert whole.start <= period.start <= period.end <= whole.end
        assert period.clipped == (whole != period)


_SPACES_AND_MARKS = " \t\n\r\u00a0\u200b\x1f\x1cáa\u0301Ấ"


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.one_of(st.text(max_size=12), tricky_text,
                                st.text(alphabet=_SPACES_AND_MARKS, max_size=6)),
                      max_size=8))
def test_the_books_fast_path_never_misses_text_that_clean_changes(texts):
    from commsplan.book import changed_by_clean
    from commsplan.text import clean

    flags = changed_by_clean(texts)
    for text, flag in zip(texts, flags, strict=False):
        if clean(text) != text:
            assert flag, repr(text)


url_like = st.builds(lambda scheme, host, rest: f"{scheme}{host}{rest}",
                     st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "", "https:/"]),
                     st.sampled_from(["thmm2.edu.vn", "a.b", "localhost", "[::1]", "[a.b",
                                      "xn--tr-ula.vn", "a..b", ".vn", "a.b:80", "a.b:x"]),
                     st.sampled_from(["", "/", "/tin/5", "/tin 5", "?id=1&x=2", "#top",
                                      "/\u200b", " ", "/ả", "\n"]))


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.one_of(url_like, cell_values), max_size=6),
       column_type=st.sampled_from(["text", "url", "date", "integer", "bool", "list",
                                    "multiline"]))
def test_the_books_fast_paths_parse_as_the_parsers_do(values, column_type):
    from commsplan.book import _parse_distinct
    from commsplan.values import PARSERS

    parsed, problems, _ = _parse_distinct(column_type, values)
    assert list(zip(parsed, problems, strict=False)) == [PARSERS[column_type](v) for v in values]


@settings(max_examples=300, deadline=None)
@given(values=st.one_of(
    st.lists(st.one_of(st.sampled_from(["a", "b", "a ", "", "Tin bài"]), st.dates(),
                       st.datetimes(min_value=dt.datetime(2024, 1, 1),
                                    max_value=dt.datetime(2024, 1, 3))), max_size=12),
    st.lists(cell_values, max_size=8),
    st.lists(st.one_of(cell_values, st.lists(st.text(max_size=3), max_size=2)), max_size=6)))
def test_the_books_distinct_values_are_pandas_ones(values):
    """The Book's quick way to a column's distinct values (texts and dates: a dict) gives
    what its way for any column (pd.factorize) gives."""
    import numpy as np

    from commsplan.book import _factorize_pandas, _factorize_plain, _hashable

    column = np.empty(len(values), dtype=object)
    column[:] = [_hashable(v) for v in values]
    found = _factorize_plain(column)
    if found is None:
        return  # not a column of texts and dates, or too many distinct values
    codes, uniques = found
    expected_codes, expected = _factorize_pandas(column)
    assert codes.tolist() == expected_codes.tolist()
    assert [type(u) for u in uniques] == [type(u) for u in expected]
    assert uniques.tolist() == expected.tolist()


def test_the_quick_way_is_taken_for_texts_and_dates_only():
    import numpy as np

    from commsplan.book import _factorize_plain

    def column(*values):
        array = np.empty(len(values), dtype=object)
        array[:] = list(values)
        return array

    assert _factorize_plain(column("Ảnh", "Video", "Ảnh", "Ảnh")) is not None
    assert _factorize_plain(column(dt.date(2024, 1, 1), "01/01/2024")) is not None
    for other in (None, float("nan"), 1, True, ("a",)):
        assert _factorize_plain(column("Ảnh", other, "Ảnh", "Ảnh")) is None


def _flagged_one_at_a_time(text: str) -> bool:
    """What the Book's joined scans flag in one text (no separator in it), text by text."""
    import unicodedata

    from commsplan.book import _CHANGED_CHARS_RE, _CHANGED_PAIRS

    return bool(_CHANGED_CHARS_RE.search(text) or any(p in text for p in _CHANGED_PAIRS)
                or text != text.strip() or not unicodedata.is_normalized("NFC", text))


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.one_of(url_like, tricky_text, st.text(max_size=12),
                                st.text(alphabet=_SPACES_AND_MARKS + "#L", max_size=6)),
                      max_size=8))
def test_the_books_joined_scans_flag_what_scans_of_each_text_flag(texts):
    from commsplan.book import _PLAIN_URL_RE, changed_by_clean, plain_links

    assert plain_links(texts).tolist() == [bool(_PLAIN_URL_RE.match(t)) for t in texts]
    if not any("\x1f" in t for t in texts):
        assert changed_by_clean(texts).tolist() == [_flagged_one_at_a_time(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(st.one_of(cell_values, st.lists(st.text(max_size=2), max_size=2),
                                        st.tuples(st.integers(0, 3))), max_size=4),
                     max_size=6))
def test_the_books_columns_are_the_rows_cells_column_by_column(rows):
    from commsplan.book import _cells

    width = max(map(len, rows), default=0)
    columns = list(_cells([list(row) for row in rows]).T)
    assert len(columns) == width
    for position, column in enumerate(columns):
        expected = [row[position] if position < len(row) else "" for row in rows]
        assert column.dtype == object and column.shape == (len(rows),)
        assert all(a is b or (a == "" and b == "") for a, b in zip(column, expected, strict=True))


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(alphabet="ab\x1f", max_size=14), max_size=10),
       limit=st.integers(1, 9))
def test_the_quick_look_for_long_texts_never_misses_one(texts, limit):
    from commsplan.checks.rows import _none_longer

    if not any("\x1f" in t for t in texts):  # the Book joins such texts only
        longest = max(map(len, texts), default=0)
        if _none_longer("\x1f".join(texts), limit):
            assert longest <= limit
        if longest <= limit // 2:  # then no stretch of limit // 2 + 1 lacks a separator
            assert _none_longer("\x1f".join(texts), limit)


register_cells = st.one_of(
    st.sampled_from(["", " ", "05/03/2024", "5/3/2024", "31/02/2024", "2024-03-05", "x",
                     " Tin bài", "Phổ biến Thông tư 27", "https://a.vn", "#REF!"]),
    st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2025, 12, 31)),
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2024, 1, 3)),
    st.integers(0, 50000), st.none(), st.floats(allow_nan=True))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(register_cells, register_cells, register_cells),
                      min_size=1, max_size=12))
def test_the_books_typed_columns_are_each_cell_parsed(cells):
    """The Book types a column's distinct values once each and reaches the rows through
    their codes (a date column converted once per date): the same column as parsing every
    cell on its own and converting the whole column."""
    import pandas as pd

    from commsplan.values import parse_value

    raw = copy.deepcopy(BASE)
    log = next(t for t in raw.tables if t.name == "Nhật ký")
    width = len(log.rows[0])
    log.rows[1:] = [[date, "", "", title, "", "", "", link, ""][:width]
                    for date, title, link in cells]
    table = build_book(raw)["activities"]
    body = log.rows[1:]
    kept = [n for n, row in enumerate(body)
            if any(not (v is None or (isinstance(v, str) and not v.strip())
                        or (isinstance(v, float) and v != v)) for v in row)]
    assert table.raw.index.tolist() == [n + 2 for n in kept]
    dates = pd.to_datetime(pd.Series([parse_value("date", body[n][0])[0] for n in kept],
                                     dtype=object))
    assert table.data["date"].dtype == dates.dtype
    assert table.data["date"].tolist() == dates.tolist()
    for key, position, kind in (("title", 3, "text"), ("link", 7, "url")):
        assert table.data[key].tolist() == [parse_value(kind, body[n][position])[0]
                                          for n in kept]


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.one_of(url_like, tricky_text, st.text(max_size=12),
                                st.text(alphabet=_SPACES_AND_MARKS + "#L\U0001f600\ud800",
                                        max_size=6),
                                st.sampled_from(["a\n b", "a \nb", "a  b", "a\tb", "a\u3000b",
                                                 "a\u200bb", "a\n\nb", "a\r\nb"])),
                      max_size=8))
def test_the_books_array_scan_flags_what_its_regular_expressions_flag(texts):
    """A long column's texts are scanned as code points (numpy): the same flags as the
    regular expressions give on a short one, characters beyond U+FFFF and lone surrogates
    included."""
    from unittest import mock

    import commsplan.book as book

    if any("\x1f" in t for t in texts):
        return
    with mock.patch.object(book, "ARRAY_SCAN", 0), mock.patch.object(
            book, "_changed_characters", wraps=book._changed_characters) as scan:
        as_arrays = book.changed_by_clean(texts).tolist()
    assert scan.called == bool(texts)  # the array scan did run
    with mock.patch.object(book, "ARRAY_SCAN", 10**9):
        by_expressions = book.changed_by_clean(texts).tolist()
    assert as_arrays == by_expressions == [_flagged_one_at_a_time(t) for t in texts]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(types=st.lists(st.sampled_from(["Tin bài", "Ảnh", "Ảnh ", "ảnh", "Video", "", " ",
                                       "Phóng sự", "Khác", "#N/A", "Ảnh, Video"]),
                      min_size=1, max_size=14),
       wanted=st.lists(st.sampled_from(["Tin bài", "Ảnh", "Video", "Khác"]), max_size=3))
def test_cadence_takes_the_types_from_the_books_distinct_values_as_pandas_would(types, wanted):
    """The cadence check's type categories (built from the Book's distinct values) and its
    rows of a rule's types are those of astype("category") and isin() on the typed column."""
    from commsplan.checks.cadence import _category, _of_types

    raw = copy.deepcopy(BASE)
    log = next(t for t in raw.tables if t.name == "Nhật ký")
    first = log.rows[1]
    log.rows[1:] = [[first[0], first[1], kind, f"Bài {n}", *first[4:]]
                    for n, kind in enumerate(types)]
    table = build_book(raw)["activities"]
    column = table.data["type"]
    fast, slow = _category(table, "type"), column.astype("category")
    assert list(fast.cat.categories) == list(slow.cat.categories)
    assert fast.astype(object).where(fast.notna(), None).tolist() == \
        slow.astype(object).where(slow.notna(), None).tolist()
    assert _of_types(fast, tuple(wanted)).tolist() == column.isin(wanted).tolist()
