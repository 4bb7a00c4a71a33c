"""The Google Sheets source: every tab's title and cells in one spreadsheets.get, through gspread.

`open_sheet` connects (credentials from `auth`, HTTP from `http`) and returns a `GoogleSheet`,
the few Sheets/Drive calls this project makes, each failure turned into a message a school can
act on. `read_google_sheet` is the reader; `provision` (init) and `writeback` use the same
`GoogleSheet`. Answers are checked before they are used: every range asked for must come back,
matched by its tab's title (never by position), and every tab read must carry its cells.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any, cast

from gspread.exceptions import APIError
from gspread.urls import DRIVE_FILES_API_V3_URL, SPREADSHEET_BATCH_UPDATE_URL

from commsplan.contract import Contract, load_contract
from commsplan.errors import SourceError
from commsplan.messages import Phrase
from commsplan.sources import RawBook, RawTable
from commsplan.sources.auth import Identity, load_credentials
from commsplan.sources.http import HttpPolicy, RetryingHTTPClient, whole_seconds
from commsplan.sources.locate import google_sheet_key
from commsplan.text import clip

# UNFORMATTED_VALUE: numbers stay numbers and text stays text, so "05" typed in a plain-text
# cell keeps its zero and 1.5 is not "1,5" in a Vietnamese-locale sheet. SERIAL_NUMBER: date
# cells arrive as serial numbers, which values.parse_date reads exactly whatever the sheet's
# locale; FORMATTED_STRING would give "3/5/2024" in an en_US sheet, a different day in ours.
VALUE_OPTIONS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}
# The read: every tab's title and, as effectiveValue, its cells. An effectiveValue is what
# UNFORMATTED_VALUE/SERIAL_NUMBER gives (numbers, text, booleans; dates as serial numbers),
# so a cell reads the same as through values:batchGet, and all titles come in the same request.
READ_FIELDS = ("sheets(properties(sheetId,title,sheetType),"
               "data(startRow,startColumn,rowData(values(effectiveValue))))")
# ErrorValue.type → what UNFORMATTED_VALUE shows for the same cell.
ERROR_TEXT = {"ERROR": "#ERROR!", "NULL_VALUE": "#NULL!", "DIVIDE_BY_ZERO": "#DIV/0!",
              "VALUE": "#VALUE!", "REF": "#REF!", "NAME": "#NAME?", "NUM": "#NUM!", "N_A": "#N/A",
              "LOADING": "Loading..."}
_OFFICE_FILE = "This operation is not supported for this document"


def quote_tab(title: str) -> str:
    """A tab title as an A1 range prefix: always quoted, quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def range_title(a1: str) -> str | None:
    """The tab title an A1 range names ("'It''s'!A1:B2" → "It's"); None without one."""
    if a1.startswith("'"):
        match = re.match(r"'((?:[^']|'')*)'(?:!|$)", a1)
        return match.group(1).replace("''", "'") if match else None
    return a1.rsplit("!", 1)[0] if "!" in a1 else None


class GoogleSheet:
    """One spreadsheet reached through one authorised gspread HTTP client."""

    def __init__(self, key: str, origin: str, identity: Identity, http: RetryingHTTPClient,
                 access: str) -> None:
        self.key = key
        self.origin = origin
        self.identity = identity
        self.http = http
        self.access = access

    # Reads --------------------------------------------------------------------------------

    def values_batch_get(self, ranges: list[str]) -> list[dict]:
        """The ValueRanges of ranges (each naming its tab), in the order asked, in one request.

        Each answer is matched to its range by the tab title it echoes, never by position; an
        answer with fewer ranges, or one for another tab, is refused.
        """
        if not ranges:
            return []
        answer = self._call(self.http.values_batch_get, self.key, list(ranges),
                            dict(VALUE_OPTIONS))
        got = answer.get("valueRanges") if isinstance(answer, dict) else None
        if not isinstance(got, list) or len(got) != len(ranges):
            count = len(got) if isinstance(got, list) else 0
            raise SourceError("google-incomplete-answer",
                              detail=Phrase("answer-fewer-ranges", asked=len(ranges), got=count))
        titles = [range_title(str(v.get("range", ""))) if isinstance(v, dict) else None
                  for v in got]
        returned: dict[str | None, list[dict]] = {}
        for title, value_range in zip(titles, got, strict=False):
            returned.setdefault(_same(title), []).append(value_range)
        asked = [range_title(r) or "" for r in ranges]
        matched = []
        for title in asked:
            candidates = returned.get(_same(title))
            if not candidates:
                strangers = [t for t in titles if _same(t) not in {_same(a) for a in asked}]
                raise SourceError("google-mismatched-answer",
                                  detail=Phrase("answer-other-range", asked=title,
                                                got=(strangers or [title])[0] or "?"))
            matched.append(candidates.pop(0))
        return matched

    def get(self, fields: str) -> dict:
        """spreadsheets.get with a field mask."""
        return self._call(self.http.spreadsheets_get, self.key, {"fields": fields})

    # Writes -------------------------------------------------------------------------------

    def batch_update(self, requests: list[dict]) -> None:
        """One spreadsheets:batchUpdate; Google applies it whole or not at all."""
        url = SPREADSHEET_BATCH_UPDATE_URL % self.key
        self._call(self.http.request, "post", url, json={"requests": requests}, write=True)

    def values_clear(self, range_: str) -> None:
        self._call(self.http.values_clear, self.key, range_, write=True)

    def values_update(self, range_: str, rows: list[list[Any]]) -> None:
        """Write rows as given (RAW): text that looks like a formula stays text."""
        self._call(self.http.values_update, self.key, range_, {"valueInputOption": "RAW"},
                   {"values": rows, "majorDimension": "ROWS"}, write=True)

    def share(self, email: str, role: str = "writer", notify: bool = True) -> None:
        """Give a person access through Drive (permissions.create)."""
        url = f"{DRIVE_FILES_API_V3_URL}/{self.key}/permissions"
        params = {"supportsAllDrives": "true", "sendNotificationEmail": str(notify).lower()}
        body = {"type": "user", "role": role, "emailAddress": email}
        self._call(self.http.request, "post", url, params=params, json=body, write=True,
                   sharing=email)

    # Failures -----------------------------------------------------------------------------

    def _call(self, function, *args, write: bool = False, sharing: str | None = None,
              **kwargs):
        from google.auth.exceptions import RefreshError

        try:
            return function(*args, **kwargs)
        except APIError as exc:
            raise self._api_failure(exc, write, sharing) from None
        except RefreshError as exc:
            raise self._refused(exc) from None
        except ValueError as exc:  # a write's reply that is not JSON, from a helper parsing it
            raise SourceError("google-bad-answer", status=200, attempts=1) from exc

    def _api_failure(self, exc: APIError, write: bool, sharing: str | None) -> SourceError:
        # exc.code is -1 when the body is not JSON (a 502 page in HTML): use the HTTP status
        code = exc.response.status_code if exc.response is not None else exc.code
        message = _message(exc)
        reasons = _reasons(exc)
        role = "Người chỉnh sửa" if write else "Người xem"
        role_en = "Editor" if write else "Viewer"
        if code == 429:
            from commsplan.sources.http import _retry_after

            seconds = _retry_after(exc.response) if exc.response is not None else None
            return SourceError("google-quota", seconds=whole_seconds(60 if seconds is None
                                                                     else seconds))
        if code == 400 and message == _OFFICE_FILE:
            return SourceError("google-office-file", sheet_key=self.key)
        if code == 401:
            return self._refused(exc)
        if code == 403 and {"SERVICE_DISABLED", "accessNotConfigured"} & reasons \
                or "has not been used in project" in message:
            return SourceError("google-api-disabled", detail=message)
        if code == 403 and "ACCESS_TOKEN_SCOPE_INSUFFICIENT" in reasons:
            return SourceError("google-scope", cache=str(self.identity.token_cache or ""))
        if sharing is not None and code in (400, 403, 404):
            return SourceError("google-share-failed", email=sharing, detail=message)
        if code == 404:
            return SourceError("google-not-found", sheet_key=self.key)
        if code == 403:
            if self.identity.is_service_account:
                return SourceError("google-not-shared", email=self.identity.email, role=role,
                                   role_en=role_en)
            return SourceError("google-no-access", role=role, role_en=role_en)
        if code >= 500:
            return SourceError("google-unavailable", status=code)
        return SourceError("google-api-error", status=code, detail=message)

    def _refused(self, exc: Exception) -> SourceError:
        if getattr(exc, "retryable", False):  # google-auth already retried the token request
            return SourceError("google-signin-unavailable")
        if self.identity.token_cache is not None:
            return SourceError("google-oauth-expired", path=str(self.identity.token_cache))
        if isinstance(exc, APIError):
            detail = _message(exc) or f"HTTP {exc.code}"
        else:  # RefreshError("invalid_grant: …", body): the first line says why
            detail = str(exc.args[0]) if exc.args else type(exc).__name__
        return SourceError("google-credentials-rejected", detail=clip(detail.splitlines()[0], 200))


def open_sheet(source: str, access: str = "read", *, credentials: str | None = None,
               oauth_client: str | None = None, policy: HttpPolicy | None = None,
               env=os.environ, identity: Identity | None = None) -> GoogleSheet:
    """Connect to the spreadsheet a URL or key names, with credentials for the access level
    (identity: credentials already loaded, shared by many sheets)."""
    import gspread

    key = google_sheet_key(source)
    if key is None:
        raise SourceError("google-bad-source", source=source)
    identity = identity or load_credentials(access, credentials=credentials,
                                            oauth_client=oauth_client, env=env)
    # gspread calls http_client(auth, session); its annotation asks for the class itself.
    client = gspread.Client(identity.credentials, http_client=functools.partial(  # type: ignore[arg-type]
        RetryingHTTPClient, policy=policy))
    return GoogleSheet(key, source, identity, cast(RetryingHTTPClient, client.http_client),
                       access)


def read_google_sheet(source: str, *, sheet: GoogleSheet | None = None,
                      contract: Contract | None = None, **options) -> RawBook:
    """The contract's tabs of a Google Sheet, as raw tables, in one spreadsheets.get request.

    Every tab's title comes back with the cells, so the tabs are matched with the contract
    (aliases, diacritics) on every run, and two tabs naming one contract tab are both seen.
    """
    contract = contract or load_contract()
    sheet = sheet or open_sheet(source, "read", **_connect_options(options))
    answer = sheet.get(READ_FIELDS)
    entries = answer.get("sheets") if isinstance(answer, dict) else None
    if not isinstance(entries, list) or not entries:
        raise SourceError("google-incomplete-answer", detail=Phrase("answer-no-sheets"))
    tables: list[RawTable] = []
    titles: list[str] = []  # every tab, also those not read: a missing tab names a near one
    seen: set[str] = set()
    for entry in entries:
        properties = entry.get("properties") if isinstance(entry, dict) else None
        if not isinstance(properties, dict):
            properties = {}
        title = properties.get("title")
        if not isinstance(title, str):
            raise SourceError("google-incomplete-answer", detail=Phrase("answer-no-sheets"))
        if title in seen:  # titles are unique in a spreadsheet: this answer is not one
            raise SourceError("google-mismatched-answer", detail=Phrase("answer-twice", tab=title))
        seen.add(title)
        assert isinstance(entry, dict) and isinstance(properties, dict)  # a title was in it
        titles.append(title)
        if contract.match_tab(title) is None:
            continue
        data = entry.get("data")
        if properties.get("sheetType", "GRID") == "GRID" and not (isinstance(data, list) and data):
            raise SourceError("google-incomplete-answer",
                              detail=Phrase("answer-no-data", tab=title))
        tables.append(RawTable(name=title, rows=grid_rows(data or [])))
    return RawBook(origin=source, tables=tables, tab_names=titles)


def grid_rows(data: list[dict]) -> list[list[Any]]:
    """GridData (rowData of CellData with effectiveValue) as rows from sheet row 1, the way
    values:batchGet gives them: "" for an empty cell inside a row, trailing empties trimmed."""
    cells: dict[int, dict[int, Any]] = {}
    for grid in data:
        if not isinstance(grid, dict):
            continue
        top, left = grid.get("startRow", 0), grid.get("startColumn", 0)
        for r, row in enumerate(grid.get("rowData") or ()):
            for c, cell in enumerate((row or {}).get("values") or ()):
                value = _effective(cell)
                if value is not None:
                    cells.setdefault(top + r, {})[left + c] = value
    rows: list[list[Any]] = [[] for _ in range(max(cells, default=-1) + 1)]
    for r, line in cells.items():
        row = [""] * (max(line) + 1)
        for c, value in line.items():
            row[c] = value
        rows[r] = row
    return rows


def _effective(cell: Any) -> Any:
    """A CellData's effectiveValue as UNFORMATTED_VALUE gives it; None when empty."""
    value = cell.get("effectiveValue") if isinstance(cell, dict) else None
    if not value:
        return None
    for kind in ("stringValue", "numberValue", "boolValue"):
        if kind in value:
            return value[kind]
    if "errorValue" in value:
        return ERROR_TEXT.get(value["errorValue"].get("type"), "#ERROR!")
    return None


def _connect_options(options: dict) -> dict:
    keys = ("credentials", "oauth_client", "policy")
    return {k: options[k] for k in keys if options.get(k) is not None}


def _same(title: str | None) -> str | None:
    """A title as Google compares them in ranges (letter case aside)."""
    return title.casefold() if title is not None else None


def _message(exc: APIError) -> str:
    error = exc.error if isinstance(exc.error, dict) else {}
    if error.get("code") == -1:  # gspread's stand-in for a body that is not JSON
        return ""
    return clip(str(error.get("message", "")).strip(), 300)


def _reasons(exc: APIError) -> set[str]:
    error = exc.error if isinstance(exc.error, dict) else {}
    reasons = {d.get("reason") for d in error.get("details", []) if isinstance(d, dict)}
    reasons |= {e.get("reason") for e in error.get("errors", []) if isinstance(e, dict)}
    return {r for r in reasons if r}
