"""Read one cell value of a given contract type, whatever form the source gave it.

Each parser takes the raw value (str, int, float, bool, date, datetime, or '' / None for an
empty cell) and returns (typed value, problem code or None). Empty gives (None, None).
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

_DMY_RE = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})(?:[ T].*)?$")
_YMD_RE = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:[ T].*)?$")
_WORDS_RE = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam\s*)?(\d{4})$")
_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")


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
    if isinstance(raw, bool):
        return None, "invalid-integer"
    if isinstance(raw, (int, float)):
        whole = int(raw) if float(raw).is_integer() else None
    else:
        text = clean(as_text(raw) or "")
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
        return from_serial(raw)
    text = clean(as_text(raw) or "")
    if _NUMBER_RE.match(text):  # a serial number that arrived as text
        return from_serial(float(text.replace(",", ".")))
    return _date_from_text(text)


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
    else:
        return None, "invalid-date"
    if (year, month, day) == (1900, 2, 29):
        return None, "excel-leap-day"
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, "invalid-date"


PARSERS = {
    "text": parse_text,
    "multiline": parse_lines,
    "list": parse_list,
    "integer": parse_integer,
    "bool": parse_bool,
    "url": parse_url,
    "date": parse_date,
}
