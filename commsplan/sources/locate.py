"""Tell a Google Sheet (a link or a key) from a file path, without importing anything heavy.

Links are taken as teachers paste them: with or without `https://`, over http, from a second
signed-in account (`/spreadsheets/u/1/d/KEY`), from a school domain (`/a/school.edu.vn/…`), from
Drive (`drive.google.com/open?id=KEY`, `/file/d/KEY`). A link is never read as a file name.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{30,}$")
_KEY_CHARS_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
GOOGLE_HOSTS = ("docs.google.com", "drive.google.com", "sheets.google.com")
# Spreadsheet keys are 44 characters, Drive file ids 28 or 33: anything much shorter was cut.
MIN_KEY = 25


def is_link(text: str) -> bool:
    """Whether the text is a web address (with or without its scheme), not a file name."""
    text = text.strip()
    if _SCHEME_RE.match(text):
        return True
    host = text.split("/", 1)[0].lower()
    return host.removeprefix("www.") in GOOGLE_HOSTS


def google_sheet_key(text: str) -> str | None:
    """The spreadsheet key in a Sheet link or a bare key; None for a file name.

    A link that cannot name a spreadsheet (cut short, a published copy, a web page elsewhere)
    raises the SourceError that says what to paste instead.
    """
    text = text.strip()
    if not is_link(text):
        if _KEY_RE.match(text) and not text.lower().endswith((".xlsx", ".xlsm", ".xls")):
            return text
        return None
    return _key_from_link(text)


def is_google_sheet(text: str) -> bool:
    """Whether the text names something online (a Sheet, or a link to refuse) rather than a file."""
    text = text.strip()
    return is_link(text) or google_sheet_key(text) is not None


def _key_from_link(text: str) -> str:
    from commsplan.errors import SourceError

    url = urlsplit(text if _SCHEME_RE.match(text) else "https://" + text)
    host = (url.hostname or "").lower().removeprefix("www.")
    if url.scheme.lower() not in ("http", "https") or host not in GOOGLE_HOSTS:
        raise SourceError("source-is-web-link", source=text)
    parts = [p for p in url.path.split("/") if p]
    query = parse_qs(url.query)
    key = None
    if "d" in parts and parts.index("d") + 1 < len(parts):
        key = parts[parts.index("d") + 1]
        if key == "e":  # …/spreadsheets/d/e/2PACX-…/pubhtml: a published copy
            raise SourceError("google-link-published", source=text)
        if host == "docs.google.com" and "spreadsheets" not in parts:
            raise SourceError("google-link-not-sheet", source=text)
    elif found := query.get("id") or query.get("key"):  # drive…/open?id=KEY, old …/ccc?key=KEY
        key = found[0]
    if not key or not _KEY_CHARS_RE.match(key):
        raise SourceError("google-bad-source", source=text)
    if len(key) < MIN_KEY:
        raise SourceError("google-link-short", source=text, sheet_key=key)
    return key
