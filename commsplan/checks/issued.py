"""The tab of issued documents: numbers unique per year and symbol, complete, each row about
one readable document, the plan's row agreeing with the general tab."""

from __future__ import annotations

import datetime as dt

from commsplan.book import Book
from commsplan.findings import Finding
from commsplan.issued import ISSUED, PLAN, REPORT, TYPE_CODES, IssuedRow, issued_rows
from commsplan.plan import Plan


def check_issued(book: Book, plan: Plan, as_of: dt.date) -> list[Finding]:
    rows = issued_rows(book, plan, as_of)
    findings: list[Finding] = []
    seen: dict[tuple, IssuedRow] = {}
    for row in rows:
        if row.kind == REPORT and row.period is None:
            findings.append(_at(book, row, "period", "issued-period-unknown", row.named))
            continue
        if row.kind is None:
            continue  # the kind's own finding (required, allowed values) says it
        if row.identity in seen:
            findings.append(_at(book, row, "kind", "issued-row-duplicate", None,
                                other_row=seen[row.identity].row))
            continue
        seen[row.identity] = row
        if bool(row.number) != bool(row.date):
            given, missing = ("number", "date") if row.number else ("date", "number")
            findings.append(_at(book, row, given, "issued-incomplete", None,
                                given=_WORDS[given], missing=_WORDS[missing]))
    findings += _plan_row(book, rows)
    findings += _duplicate_numbers(book, rows)
    return findings


_WORDS = {"number": {"vi": "số", "en": "a number"},
          "date": {"vi": "ngày ban hành", "en": "a date"}}


def _at(book: Book, row: IssuedRow, key: str, code: str, value, **params) -> Finding:
    table = book[ISSUED]
    return Finding(code, tab=table.label, row=row.row, column=table.header(key),
                   cell=table.cell(key, row.row), value=None if value is None else str(value),
                   params=params)


def _number_date(number, date) -> str:
    number_text = f"số {number:02d}" if number else "chưa có số"
    date_text = f"ngày {date:%d/%m/%Y}" if date else "chưa có ngày"
    return f"{number_text}, {date_text}"


def _plan_row(book: Book, rows: list[IssuedRow]) -> list[Finding]:
    general = book.general
    number, date = general.get("plan_number"), general.get("plan_date")
    findings = []
    for row in rows:
        if row.kind == PLAN and (row.number, row.date) != (number, date):
            findings.append(_at(book, row, "number", "issued-plan-disagrees",
                                _number_date(row.number, row.date),
                                general_tab=general.label, general=_number_date(number, date)))
            break
    return findings


def _duplicate_numbers(book: Book, rows: list[IssuedRow]) -> list[Finding]:
    """Decree 30, art. 15: a number and symbol is given once a year; both places named."""
    table = book[ISSUED]
    general = book.general
    placed: list[tuple[tuple, dict, IssuedRow | None]] = []
    has_plan_row = any(row.kind == PLAN for row in rows)
    number, date = general.get("plan_number"), general.get("plan_date")
    if number and date and not has_plan_row:
        row_number = (general.rows.get("plan_number") or [0])[0]
        where = {"vi": f"trang tính '{general.label}', mục "
                       f"'{general.tab.column('plan_number').header}' (dòng {row_number})",
                 "en": f"tab '{general.label}', item "
                       f"'{general.tab.column('plan_number').header}' (row {row_number})"}
        placed.append(((TYPE_CODES[PLAN], date.year, number), where, None))
    seen_identity = set()
    for row in rows:
        if row.kind is None or row.number is None or row.date is None \
                or row.identity in seen_identity:
            continue
        seen_identity.add(row.identity)
        where = {"vi": f"trang tính '{table.label}', dòng {row.row}",
                 "en": f"tab '{table.label}', row {row.row}"}
        placed.append(((TYPE_CODES[row.kind], row.date.year, row.number), where, row))
    first: dict[tuple, tuple[dict, IssuedRow | None]] = {}
    findings = []
    for key, where, placed_row in placed:
        if key not in first or placed_row is None:  # the general tab's plan number is first
            first.setdefault(key, (where, placed_row))
            continue
        other, other_row = first[key]
        kind = _kind_words(other_row)
        symbol = f"{key[0]}-{general.get('school_symbol', '')}".rstrip("-").upper()
        findings.append(_at(book, placed_row, "number", "issued-number-duplicate",
                            f"{key[2]:02d}",
                            other=other, other_kind=kind, symbol=symbol, year=key[1]))
    return findings


def _kind_words(row: IssuedRow | None) -> dict:
    if row is None or row.kind == PLAN:
        return {"vi": "kế hoạch", "en": "the plan"}
    label = row.period.label() if row.period else row.named
    label_en = row.period.label("en") if row.period else row.named
    return {"vi": f"báo cáo {label}", "en": f"the report on {label_en}"}
