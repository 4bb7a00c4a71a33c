"""Tell a Google Sheet (URL or key) from a file path, without importing anything heavy."""

import re

_URL_RE = re.compile(r"^https://docs\.google\.com/spreadsheets/d/([A-Za-z0-9_-]{20,})")
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{30,}$")


def google_sheet_key(text: str) -> str | None:
    """The spreadsheet key in a Sheet URL or a bare key; None for anything else."""
    match = _URL_RE.match(text.strip())
    if match:
        return match.group(1)
    text = text.strip()
    if _KEY_RE.match(text) and not text.lower().endswith((".xlsx", ".xlsm", ".xls")):
        return text
    return None


def is_google_sheet(text: str) -> bool:
    return google_sheet_key(text) is not None
