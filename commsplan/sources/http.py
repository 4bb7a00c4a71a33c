"""The HTTP side of the Google source: time-outs, bounded retries, and the endpoint override.

`RetryingHTTPClient` is the gspread HTTP client every Google request goes through. gspread's own
`BackOffHTTPClient` is not used: in gspread 6.2.1 it retries without a bound and without
time-outs, and it would retry requests that are not safe to send twice.

Settings come from `HttpPolicy` (defaults, or the environment: COMMSPLAN_HTTP_TIMEOUT="10,60",
COMMSPLAN_HTTP_RETRIES=5, COMMSPLAN_HTTP_DEADLINE=60, COMMSPLAN_HTTP_BACKOFF=1) and the API root
from COMMSPLAN_SHEETS_API (e.g. http://127.0.0.1:8089 for a test server, an emulator or a proxy).
"""

from __future__ import annotations

import email.utils
import json as jsonlib
import logging
import os
import random
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from commsplan.errors import SourceError

log = logging.getLogger(__name__)

SHEETS_ROOT = "https://sheets.googleapis.com"
DRIVE_ROOT = "https://www.googleapis.com"
ENDPOINT_ENV = "COMMSPLAN_SHEETS_API"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MIN_TIMEOUT = 0.05  # seconds; a time-out of 0 would mean "no time-out" to some layers


@dataclass(frozen=True)
class HttpPolicy:
    """How long to wait for an answer, and how often and how long to retry."""

    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    retries: int = 5  # retries after the first attempt
    deadline: float = 60.0  # seconds for all attempts and waits of one request
    backoff: float = 1.0  # the first wait's upper bound; doubles each retry (full jitter)
    max_backoff: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> HttpPolicy:
        """The defaults, overridden by COMMSPLAN_HTTP_* variables that are set."""
        values: dict[str, Any] = {}
        timeout = env.get("COMMSPLAN_HTTP_TIMEOUT", "").strip()
        try:
            if timeout:
                parts = [float(p) for p in timeout.split(",")]
                values["connect_timeout"], values["read_timeout"] = (parts * 2)[:2]
            for name, key, kind in (("COMMSPLAN_HTTP_RETRIES", "retries", int),
                                    ("COMMSPLAN_HTTP_DEADLINE", "deadline", float),
                                    ("COMMSPLAN_HTTP_BACKOFF", "backoff", float)):
                if env.get(name, "").strip():
                    values[key] = kind(env[name])
        except ValueError:
            raise SourceError("google-http-setting", detail=timeout) from None
        return cls(**values)


@dataclass(frozen=True)
class Endpoints:
    """Where Sheets and Drive requests go: Google's roots, or one override for both."""

    override: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Endpoints:
        value = env.get(ENDPOINT_ENV, "").strip().rstrip("/")
        if not value:
            return cls()
        if not value.startswith(("http://", "https://")):
            raise SourceError("google-endpoint-invalid", name=ENDPOINT_ENV, value=value)
        return cls(value)

    def rewrite(self, url: str) -> str:
        if self.override:
            for root in (SHEETS_ROOT, DRIVE_ROOT):
                if url.startswith(root + "/"):
                    return self.override + url[len(root):]
        return url


def is_idempotent(method: str, url: str) -> bool:
    """Whether sending the request twice has the same effect as once.

    GET, PUT (values.update) and DELETE are; of the POSTs, only the clears and values:batchUpdate
    (it sets cells to given values). spreadsheets:batchUpdate is not in general (addSheet fails
    the second time, addConditionalFormatRule adds twice), nor are values:append and
    permissions.create.
    """
    method = method.upper()
    if method in ("GET", "HEAD", "PUT", "DELETE"):
        return True
    path = url.split("?", 1)[0]
    return method == "POST" and path.endswith((":clear", ":batchClear", "/values:batchUpdate",
                                               "/values:batchGet"))


class RetryingHTTPClient(HTTPClient):
    """gspread's HTTP client with time-outs, bounded retries and the endpoint override."""

    def __init__(self, auth, session=None, *, policy: HttpPolicy | None = None,
                 endpoints: Endpoints | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(auth, session)
        self.policy = policy or HttpPolicy.from_env()
        self.endpoints = endpoints or Endpoints.from_env()
        self.timeout = (self.policy.connect_timeout, self.policy.read_timeout)
        self._sleep, self._clock = sleep, clock
        self.attempts = 0  # every attempt sent, for tests and benchmarks

    def request(self, method: str, endpoint: str, params=None, data=None, json=None,
                files=None, headers=None) -> requests.Response:
        """Send one request; retry what is safe to retry; raise APIError or SourceError."""
        url = self.endpoints.rewrite(endpoint)
        idempotent = is_idempotent(method, url)
        policy = self.policy
        deadline = self._clock() + policy.deadline
        retry = 0
        while True:
            remaining = max(deadline - self._clock(), _MIN_TIMEOUT)
            timeout = (min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining))
            self.attempts += 1
            try:
                response = self.session.request(method=method, url=url, params=params, data=data,
                                                json=json, files=files, headers=headers,
                                                timeout=timeout)
            except Exception as exc:  # noqa: BLE001 (sorted out by _transport_failure)
                failure = _transport_failure(exc, timeout)
                if failure is None:
                    raise
                safe = idempotent or _not_sent(exc)
                if not safe:
                    raise SourceError("google-write-uncertain", detail=failure.params["detail"]) \
                        from None
                wait = self._backoff(retry)
            else:
                if response.ok:
                    if not idempotent or _json_ok(response):
                        return response
                    failure = SourceError("google-bad-answer", status=response.status_code)
                    wait = self._backoff(retry)
                elif response.status_code in RETRY_STATUSES and (
                        idempotent or response.status_code == 429):
                    # 429 comes before the request is carried out, so any request may be retried.
                    failure = APIError(response)
                    hint = _retry_after(response)
                    wait = hint if hint is not None else self._backoff(retry)
                else:
                    raise APIError(response)
            retry += 1
            if retry > policy.retries or self._clock() + wait > deadline:
                raise failure
            log.info("Google request failed (%s); retry %d of %d in %.1f s",
                     _describe(failure), retry, policy.retries, wait)
            self._sleep(wait)

    def _backoff(self, retry: int) -> float:
        """Exponential backoff with full jitter: uniform between 0 and base·2^retry (capped)."""
        ceiling = min(self.policy.max_backoff, self.policy.backoff * (2 ** retry))
        return random.uniform(0, ceiling)


def _transport_failure(exc: BaseException, timeout: tuple[float, float]) -> SourceError | None:
    """The SourceError for a failure to reach Google or get an answer; None if not one."""
    from google.auth.exceptions import RefreshError, TransportError

    if isinstance(exc, RefreshError):
        return None  # the credentials were refused: not a network problem, no retry
    if isinstance(exc, (requests.Timeout, TimeoutError)):
        return SourceError("google-timeout", seconds=_seconds(timeout), detail=_short(exc))
    if isinstance(exc, (requests.ConnectionError, TransportError, ConnectionError)):
        return SourceError("google-network", detail=_short(exc))
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return SourceError("google-network", detail=_short(exc))
    return None


def _not_sent(exc: BaseException) -> bool:
    """True when the failure happened before the request left: no connection, or the token."""
    from google.auth.exceptions import TransportError
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, NameResolutionError

    if isinstance(exc, (requests.exceptions.ConnectTimeout, TransportError)):
        return True  # a TransportError here comes from the token refresh, before the request
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None:
            continue
        seen.add(id(item))
        if isinstance(item, (NewConnectionError, ConnectTimeoutError, NameResolutionError,
                             ConnectionRefusedError)):
            return True
        if isinstance(item, BaseException):
            stack.extend([item.__cause__, item.__context__, getattr(item, "reason", None),
                          *[a for a in item.args if isinstance(a, BaseException)]])
    return False


def _json_ok(response: requests.Response) -> bool:
    """Whether a successful answer's body is whole: JSON bodies must parse."""
    if not response.content:
        return True
    if "json" not in response.headers.get("Content-Type", "json"):
        return True
    try:
        jsonlib.loads(response.content)
    except ValueError:
        return False
    return True


def _retry_after(response: requests.Response) -> float | None:
    """The server's Retry-After, in seconds (a number or an HTTP date), if it gave one."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        if when is None:
            return None
        return max(0.0, when.timestamp() - time.time())


def _describe(failure: BaseException) -> str:
    if isinstance(failure, APIError):
        return f"HTTP {failure.code}"
    return getattr(failure, "key", type(failure).__name__)


def _seconds(timeout: tuple[float, float]) -> str:
    return f"{max(timeout):g}"


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
