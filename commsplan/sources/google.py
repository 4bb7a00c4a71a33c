"""The Google Sheets source: every contract tab in one values:batchGet request, through gspread.

`open_sheet` connects (credentials from `auth`, HTTP from `http`) and returns a `GoogleSheet`,
the few Sheets/Drive calls this project makes, each failure turned into a message a school can
act on. `read_google_sheet` is the reader; `provision` (init) and `writeback` use the same
`GoogleSheet`.
"""

from __future__ import annotations

import functools
import os
from typing import Any, Iterable

from gspread.exceptions import APIError
from gspread.urls import DRIVE_FILES_API_V3_URL, SPREADSHEET_BATCH_UPDATE_URL

from commsplan.contract import Contract, load_contract
from commsplan.errors import SourceError
from commsplan.sources import RawBook, RawTable
from commsplan.sources.auth import Identity, load_credentials
from commsplan.sources.http import HttpPolicy, RetryingHTTPClient
from commsplan.sources.locate import google_sheet_key

# UNFORMATTED_VALUE: numbers stay numbers and text stays text, so "05" typed in a plain-text
# cell keeps its zero and 1.5 is not "1,5" in a Vietnamese-locale sheet. SERIAL_NUMBER: date
# cells arrive as serial numbers, which values.parse_date reads exactly whatever the sheet's
# locale; FORMATTED_STRING would give "3/5/2024" in an en_US sheet, a different day in ours.
VALUE_OPTIONS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}


class _RangeMissing(Exception):
    """A range named a tab the spreadsheet does not have (the API's 400 "Unable to parse range")."""


def quote_tab(title: str) -> str:
    """A tab title as an A1 range prefix: always quoted, quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


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
        """The ValueRanges of ranges, in order, in one request."""
        if not ranges:
            return []
        answer = self._call(self.http.values_batch_get, self.key, list(ranges),
                            dict(VALUE_OPTIONS), missing_range=True)
        return answer.get("valueRanges", [])

    def get(self, fields: str) -> dict:
        """spreadsheets.get with a field mask (never grid data)."""
        return self._call(self.http.spreadsheets_get, self.key, {"fields": fields})

    def titles(self) -> list[str]:
        """The tabs' titles, in the spreadsheet's order."""
        answer = self.get("sheets.properties.title")
        return [s["properties"]["title"] for s in answer.get("sheets", [])]

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

    def _call(self, function, *args, write: bool = False, missing_range: bool = False,
              sharing: str | None = None, **kwargs):
        from google.auth.exceptions import RefreshError

        try:
            return function(*args, **kwargs)
        except APIError as exc:
            if missing_range and exc.code == 400 and "Unable to parse range" in _message(exc):
                raise _RangeMissing(_message(exc)) from None
            raise self._api_failure(exc, write, sharing) from None
        except RefreshError as exc:
            raise self._refused(exc) from None
        except ValueError as exc:  # a body that is not JSON, from a helper that parses it
            raise SourceError("google-bad-answer", status=200) from exc

    def _api_failure(self, exc: APIError, write: bool, sharing: str | None) -> SourceError:
        # exc.code is -1 when the body is not JSON (a 502 page in HTML): use the HTTP status
        code = exc.response.status_code if exc.response is not None else exc.code
        message = _message(exc)
        reasons = _reasons(exc)
        role = "Người chỉnh sửa" if write else "Người xem"
        role_en = "Editor" if write else "Viewer"
        if code == 429:
            seconds = exc.response.headers.get("Retry-After") if exc.response is not None else None
            return SourceError("google-quota", seconds=seconds or "60")
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
        return SourceError("google-credentials-rejected", detail=detail.splitlines()[0][:200])


def open_sheet(source: str, access: str = "read", *, credentials: str | None = None,
               oauth_client: str | None = None, policy: HttpPolicy | None = None,
               env=os.environ) -> GoogleSheet:
    """Connect to the spreadsheet a URL or key names, with credentials for the access level."""
    import gspread

    key = google_sheet_key(source)
    if key is None:
        raise SourceError("google-bad-source", source=source)
    identity = load_credentials(access, credentials=credentials, oauth_client=oauth_client,
                                env=env)
    client = gspread.Client(identity.credentials,
                            http_client=functools.partial(RetryingHTTPClient, policy=policy))
    return GoogleSheet(key, source, identity, client.http_client, access)


def read_google_sheet(source: str, *, sheet: GoogleSheet | None = None,
                      contract: Contract | None = None, **options) -> RawBook:
    """Every contract tab of a Google Sheet, as raw tables, in one values:batchGet request.

    The contract's tab names are asked for first; only if one is absent (the API then refuses
    the whole batch) are the titles listed, matched with the contract (aliases, diacritics),
    and the tabs that exist read, so a missing tab becomes the same finding as in an .xlsx.
    """
    contract = contract or load_contract()
    sheet = sheet or open_sheet(source, "read", **_connect_options(options))
    names = [tab.name for tab in contract.tabs]
    try:
        ranges = sheet.values_batch_get([quote_tab(name) for name in names])
    except _RangeMissing:
        names = [title for title in sheet.titles() if contract.match_tab(title) is not None]
        ranges = sheet.values_batch_get([quote_tab(name) for name in names])
    tables = [RawTable(name=name, rows=_rows(answer.get("values", ())))
              for name, answer in zip(names, ranges)]
    return RawBook(origin=source, tables=tables)


def _connect_options(options: dict) -> dict:
    keys = ("credentials", "oauth_client", "policy")
    return {k: options[k] for k in keys if options.get(k) is not None}


def _rows(values: Iterable[Iterable[Any]]) -> list[list[Any]]:
    """API rows as lists (the API already trims trailing empty cells and rows)."""
    return [list(row) for row in values]


def _message(exc: APIError) -> str:
    error = exc.error if isinstance(exc.error, dict) else {}
    if error.get("code") == -1:  # gspread's stand-in for a body that is not JSON
        return ""
    return str(error.get("message", "")).strip()[:300]


def _reasons(exc: APIError) -> set[str]:
    error = exc.error if isinstance(exc.error, dict) else {}
    reasons = {d.get("reason") for d in error.get("details", []) if isinstance(d, dict)}
    reasons |= {e.get("reason") for e in error.get("errors", []) if isinstance(e, dict)}
    return {r for r in reasons if r}
