"""Read one cell value of a given contract type, whatever form the source gave it.

Each parser takes the raw value (str, int, float, bool, date, datetime, or '' / None for an
empty cell) and returns (typed value, problem code or None). Empty gives (None, None).

One policy for every parser: a value is read only when it can mean one thing. What could be
read two ways ("1.000" is one thousand in Vietnamese and one in English), what is not the
kind of value asked for (a year in a date cell, two dates in one, TRUE as a number) and
a spreadsheet's error value (#REF!, #N/A) are problems at their cell, never a guess. The one
leniency: a value that matches exactly one allowed value once case, spacing and a trailing
dot are ignored is read as that value (`allowed_match`), and the reader says so.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from commsplan.contract import FALSE_WORDS, TRUE_WORDS
from commsplan.text import clean, fold

EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_LEAP_DAY = 60  # serial 60 is 29/02/1900, which Excel invented
MAX_SERIAL = 2958465  # 31/12/9999
MAX_INTEGER = 2**53  # beyond it a number cell has lost its digits anyway

YEARS_AS_NUMBERS = (1900, 2100)  # a whole number in this range typed in a date cell is a year
FIRST_SERIAL = 2101  # serial numbers below it are days of 1900-1905: a day or a year mistyped
# Spreadsheet error values: a formula that failed (Excel's, LibreOffice's, Google Sheets').
SPREADSHEET_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    "#PYTHON!", "#ERROR!", "Loading...",  # Google Sheets' value of a cell still loading
})

_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp][Mm])?)?"  # 08:30, 8:30:15 PM
_DMY_RE = re.compile(
    rf"^(\d{{1,2}})\s*[/\-.]\s*(\d{{1,2}})\s*[/\-.]\s*(\d{{2}}|\d{{4}}){_TIME}$")
_YMD_RE = re.compile(rf"^(\d{{4}})\s*[/\-.]\s*(\d{{1,2}})\s*[/\-.]\s*(\d{{1,2}}){_TIME}$")
_WORDS_RE = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam\s*)?(\d{4})$")
# One date of any form the readers accept: two of them in a cell are a span, not a date.
_ONE_DATE_RE = re.compile(r"\d{1,2}\s*[/.]\s*\d{1,2}(?:\s*[/.]\s*\d{2,4})?|\d{4}-\d{1,2}-\d{1,2}"
                          r"|\d{1,2}-\d{1,2}-\d{4}")
_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
# 1.000 or 1,000,000: one thousand where '.' groups thousands (Vietnamese), one elsewhere.
_GROUPED_RE = re.compile(r"^[+-]?\d{1,3}(?:[.,]\d{3})+$")


def is_empty(raw: object) -> bool:
    if isinstance(raw, float) and raw != raw:  # NaN: what pandas makes of a missing cell
        return True
    return raw is None or (isinstance(raw, str) and clean(raw) == "")


def as_text(raw: object) -> str | None:
    """A cell as the text a person sees: 5.0 → '5', a date → '05/03/2024'."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, dt.datetime):
        if raw.time() == dt.time():
            return raw.strftime("%d/%m/%Y")
        return raw.strftime("%d/%m/%Y %H:%M")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, dt.timedelta):
        return str(raw)
    return str(raw)


def parse_text(raw: object) -> tuple[str | None, str | None]:
    text = clean(as_text(raw) or "")
    return (text or None), None


def parse_lines(raw: object) -> tuple[tuple[str, ...] | None, str | None]:
    text, _ = parse_text(raw)
    if text is None:
        return None, None
    return tuple(line for line in text.split("\n") if line), None


def parse_list(raw: object) -> tuple[tuple[str, ...] | None, str | None]:
    text, _ = parse_text(raw)
    if text is None:
        return None, None
    items = (part.strip() for part in re.split(r"[,;\n]", text))
    return tuple(item for item in items if item) or None, None


def parse_integer(raw: object) -> tuple[int | None, str | None]:
    if is_empty(raw):
        return None, None
    if isinstance(raw, bool):  # TRUE is not 1
        return None, "invalid-integer"
    if isinstance(raw, (int, float)):
        whole = int(raw) if float(raw).is_integer() else None
    else:
        text = clean(as_text(raw) or "")
        if _GROUPED_RE.match(text):
            return None, "ambiguous-number"
        whole = int(re.split(r"[.,]", text)[0]) if _NUMBER_RE.match(text) else None
    if whole is None or not -MAX_INTEGER <= whole <= MAX_INTEGER:  # a count, not 10^19
        return None, "invalid-integer"
    return whole, None


def parse_bool(raw: object) -> tuple[bool | None, str | None]:
    if is_empty(raw):
        return None, None
    if isinstance(raw, bool):
        return raw, None
    word = clean(as_text(raw) or "").casefold()
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return None, "invalid-bool"


def parse_url(raw: object) -> tuple[str | None, str | None]:
    text, _ = parse_text(raw)
    if text is None:
        return None, None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed '[' read as an IPv6 host
        return None, "invalid-url"
    ok = parts.scheme in ("http", "https") and "." in parts.netloc and " " not in text
    return (text, None) if ok else (None, "invalid-url")


def parse_date(raw: object) -> tuple[dt.date | None, str | None]:
    """A date typed as a date cell, as text (5/3/2024, 2024-03-05, …) or as a serial number."""
    if is_empty(raw):
        return None, None
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    if isinstance(raw, bool):
        return None, "invalid-date"
    if isinstance(raw, (int, float)):
        return _date_from_number(raw)
    text = clean(as_text(raw) or "")
    if _GROUPED_RE.match(text):
        return None, "invalid-date"
    if _NUMBER_RE.match(text):  # a serial number that arrived as text
        return _date_from_number(float(text.replace(",", ".")))
    return _date_from_text(text)


def _date_from_number(number: float) -> tuple[dt.date | None, str | None]:
    """A number in a date cell: a serial day number, unless it is a year or too small to be
    a date anyone means (2024 would be 16/07/1905, 15 the 14/01/1900)."""
    if number == number and float(number).is_integer():
        if YEARS_AS_NUMBERS[0] <= number <= YEARS_AS_NUMBERS[1]:
            return None, "year-not-date"
        if 1 <= number < FIRST_SERIAL and number != EXCEL_LEAP_DAY:
            return None, "invalid-date"
    return from_serial(number)


def from_serial(serial: float) -> tuple[dt.date | None, str | None]:
    """Excel/Sheets serial day number → date (Excel's phantom 29/02/1900 is refused)."""
    if not -1 < serial < MAX_SERIAL + 1:  # also refuses inf and NaN
        return None, "invalid-date"
    whole = int(serial)
    if whole == EXCEL_LEAP_DAY:
        return None, "excel-leap-day"
    if not 1 <= whole <= MAX_SERIAL:
        return None, "invalid-date"
    if whole < EXCEL_LEAP_DAY:  # before Excel's phantom day the epoch is one day later
        return dt.date(1899, 12, 31) + dt.timedelta(days=whole), None
    return EXCEL_EPOCH + dt.timedelta(days=whole), None


def _date_from_text(text: str) -> tuple[dt.date | None, str | None]:
    if match := _DMY_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if len(match.group(3)) == 2 else 0
    elif match := _YMD_RE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _WORDS_RE.match(fold(text)):
        day, month, year = (int(g) for g in match.groups())
    elif len(_ONE_DATE_RE.findall(text)) > 1:
        return None, "several-dates"
    else:
        return None, "invalid-date"
    if (year, month, day) == (1900, 2, 29):
        return None, "excel-leap-day"
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, "invalid-date"


def parse_value(kind: str, raw: object) -> tuple[object, str | None]:
    """A cell of the contract type `kind`: a spreadsheet error value is a problem whatever
    the type; anything else goes to the type's parser."""
    if isinstance(raw, str) and raw.strip() in SPREADSHEET_ERRORS:
        return None, "spreadsheet-error"
    return PARSERS[kind](raw)


def loose_key(text: str) -> str:
    """What `allowed_match` compares: no case, no spaces, no trailing dot; accents kept."""
    return "".join(text.split()).casefold().rstrip(".")


def allowed_match(value: str, allowed: tuple[str, ...]) -> str | None:
    """The one allowed value that `value` stands for once case, spacing and a trailing dot
    are ignored ("quý" for "Quý", "KT." for "KT"); None when none or several match."""
    key = loose_key(value)
    found = [choice for choice in allowed if loose_key(choice) == key]
    return found[0] if len(found) == 1 else None


PARSERS = {
    "text": parse_text,
    "multiline": parse_lines,
    "list": parse_list,
    "integer": parse_integer,
    "bool": parse_bool,
    "url": parse_url,
    "date": parse_date,
}
