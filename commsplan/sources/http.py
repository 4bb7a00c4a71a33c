"""The HTTP side of the Google source: time-outs, bounded retries, and the endpoint override.

`RetryingHTTPClient` is the gspread HTTP client every Google request goes through. gspread's own
`BackOffHTTPClient` is not used: in gspread 6.2.1 it retries without a bound and without
time-outs, and it would retry requests that are not safe to send twice.

The deadline is wall-clock time: a per-read time-out alone lets an answer that trickles in one
byte at a time run for ever, so the body is read under a timer that shuts the socket at the
deadline. A 200 answer that is not Google's JSON (a captive portal's web page, an empty body, a
cut one) is a failure, not data.

Settings come from `HttpPolicy` (defaults, or the environment: COMMSPLAN_HTTP_TIMEOUT="10,60",
COMMSPLAN_HTTP_RETRIES=5, COMMSPLAN_HTTP_DEADLINE=60, COMMSPLAN_HTTP_BACKOFF=1) and the API root
from COMMSPLAN_SHEETS_API (e.g. http://127.0.0.1:8089 for a test server, an emulator or a proxy).
"""

from __future__ import annotations

import email.utils
import json as jsonlib
import logging
import math
import os
import random
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from commsplan.errors import SourceError
from commsplan.messages import Phrase

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
        signing: Any = self.session  # google-auth's AuthorizedSession signs in through this
        if getattr(signing, "_auth_request", None) is not None:
            signing._auth_request = SignInGuard(signing._auth_request)

    def request(self, method: str, endpoint: str, params=None, data=None, json=None,
                files=None, headers=None) -> requests.Response:
        """Send one request; retry what is safe to retry; raise APIError or SourceError."""
        url = self.endpoints.rewrite(endpoint)
        idempotent = is_idempotent(method, url)
        policy = self.policy
        started = self._clock()
        deadline = started + policy.deadline
        retry = 0
        failure: SourceError | APIError | None
        while True:
            remaining = max(deadline - self._clock(), _MIN_TIMEOUT)
            timeout = (min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining))
            self.attempts += 1
            try:
                response = self.session.request(method=method, url=url, params=params, data=data,
                                                json=json, files=files, headers=headers,
                                                timeout=timeout, stream=True)
                _read_body(response, deadline - self._clock())
            except Exception as exc:  # noqa: BLE001 (sorted out by _transport_failure)
                failure = _transport_failure(exc)
                if failure is None:
                    raise
                if failure.key == "google-signin-blocked":
                    raise failure from None
                if not (idempotent or _not_sent(exc)):
                    reason = failure.params.get("reason") or Phrase(
                        "net-late" if failure.key == "google-timeout" else "net-other")
                    raise SourceError("google-write-uncertain", reason=reason) from None
                wait = self._backoff(retry)
            else:
                if response.ok:
                    failure = _not_googles(response)
                    if failure is None or not idempotent and failure.key != "google-captive-portal":
                        return response  # a write whose reply is cut was still carried out
                    if not idempotent:  # a portal answered: the write never reached Google
                        raise _tried(failure, 1, self._clock() - started)
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
                raise _tried(failure, retry, self._clock() - started)
            log.info("Google request failed (%s); retry %d of %d in %.1f s",
                     _describe(failure), retry, policy.retries, wait)
            self._sleep(wait)

    def _backoff(self, retry: int) -> float:
        """Exponential backoff with full jitter: uniform between 0 and base·2^retry (capped)."""
        ceiling = min(self.policy.max_backoff, self.policy.backoff * (2 ** retry))
        return random.uniform(0, ceiling)


def _read_body(response: requests.Response, seconds: float) -> None:
    """Read the whole body, or stop at the deadline however slowly the bytes come."""
    late = threading.Event()

    def stop() -> None:
        late.set()
        try:
            response.raw.shutdown()  # a blocked read returns at once
        except (AttributeError, ValueError, RuntimeError, OSError):
            pass  # already read, released or closed

    timer = threading.Timer(max(seconds, 0.0), stop)
    timer.daemon = True
    timer.start()
    try:
        response.content  # noqa: B018 (reads and keeps the body)
    except Exception as exc:
        response.close()
        if late.is_set():
            raise requests.exceptions.ReadTimeout("deadline reached while reading") from exc
        raise
    finally:
        timer.cancel()


def _transport_failure(exc: BaseException) -> SourceError | None:
    """The SourceError for a failure to reach Google or get an answer; None if not one."""
    from google.auth.exceptions import RefreshError, TransportError

    if isinstance(exc, SourceError):
        return exc  # said already, by the sign-in guard
    if isinstance(exc, RefreshError):
        return None  # the credentials were refused: not a network problem, no retry
    if isinstance(exc, (requests.Timeout, TimeoutError)):
        return _counted("google-timeout")
    if isinstance(exc, (requests.ConnectionError, TransportError, ConnectionError,
                        requests.exceptions.ChunkedEncodingError)):
        return _counted("google-network", reason=_network_reason(exc))
    return None


def _causes(exc: BaseException):
    """The exception and every exception it wraps (cause, context, reason, arguments)."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        item = stack.pop()
        if id(item) in seen or not isinstance(item, BaseException):
            continue
        seen.add(id(item))
        yield item
        stack.extend([item.__cause__, item.__context__, getattr(item, "reason", None),
                      *[a for a in item.args if isinstance(a, BaseException)]])


def _network_reason(exc: BaseException) -> Phrase:
    """What went wrong, in words a teacher can act on (never a Python tuple)."""
    import socket
    import ssl

    from urllib3.exceptions import NameResolutionError, ProtocolError, ProxyError

    causes = list(_causes(exc))
    if any(isinstance(c, (NameResolutionError, socket.gaierror)) for c in causes):
        return Phrase("net-dns")
    if any(isinstance(c, (ProxyError, requests.exceptions.ProxyError)) for c in causes):
        return Phrase("net-proxy")
    if any(isinstance(c, (ssl.SSLError, requests.exceptions.SSLError)) for c in causes):
        return Phrase("net-ssl")
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return Phrase("net-refused")
    if any(isinstance(c, requests.exceptions.ChunkedEncodingError) for c in causes):
        return Phrase("net-cut")
    if any(isinstance(c, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError,
                          ProtocolError)) for c in causes):
        return Phrase("net-reset")
    return Phrase("net-other")


def _tried(failure: BaseException, attempts: int, seconds: float) -> BaseException:
    """The last failure, saying how many attempts were made and for how long."""
    if not isinstance(failure, SourceError) or failure.key not in _COUNTED:
        return failure
    return SourceError(failure.key, **{**failure.params, "attempts": attempts,
                                       "seconds": whole_seconds(seconds)})


_COUNTED = {"google-timeout", "google-network", "google-bad-answer", "google-captive-portal"}


def _counted(key: str, **params) -> SourceError:
    """A failure that may be retried; `_tried` fills in the attempts and seconds at the end."""
    return SourceError(key, attempts=1, seconds=1, **params)


def whole_seconds(seconds: float) -> int:
    """Seconds as a user reads them: whole, at least 1 (never '1.37629')."""
    return max(1, math.ceil(seconds - 0.05))


def _not_sent(exc: BaseException) -> bool:
    """True when the failure happened before the request left: no connection, or the token."""
    from google.auth.exceptions import TransportError
    from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

    if isinstance(exc, (requests.exceptions.ConnectTimeout, TransportError, SourceError)):
        return True  # a TransportError or our SourceError here comes from the token request
    return any(isinstance(c, (NewConnectionError, ConnectTimeoutError, NameResolutionError,
                              ConnectionRefusedError)) for c in _causes(exc))


def _not_googles(response: requests.Response) -> SourceError | None:
    """None when a 2xx answer is Google's: JSON that parses (or a 204 without a body)."""
    body = response.content
    if response.status_code == 204 and not body:
        return None
    if _looks_like_html(response):
        return _counted("google-captive-portal")
    try:
        jsonlib.loads(body)
    except ValueError:  # empty or cut short
        return _counted("google-bad-answer", status=response.status_code)
    return None


def _looks_like_html(response) -> bool:
    kind = (response.headers.get("Content-Type") or "").lower()
    body = response.content if isinstance(response, requests.Response) else response.data
    return "html" in kind or body.lstrip()[:1] == b"<"


class SignInGuard:
    """google-auth's token request, wrapped: a sign-in that a network blocks or a captive portal
    answers is said as such, not blamed on the key (google-auth reports both as a bad key)."""

    def __init__(self, request) -> None:
        self.request = request

    def __call__(self, url, *args, **kwargs):
        from urllib.parse import urlsplit

        response = self.request(url, *args, **kwargs)
        # Google answers a refused key with JSON (400 invalid_grant); a 403, or a web page for
        # any other 4xx (a proxy's 407, a filter's 451), comes from the network in between.
        if response.status == 403 or 400 <= response.status < 500 and _looks_like_html(response):
            raise SourceError("google-signin-blocked", host=urlsplit(url).hostname or url,
                              status=response.status)
        if response.status == 200:
            try:
                jsonlib.loads(response.data)
            except ValueError:
                if _looks_like_html(response):
                    raise _counted("google-captive-portal") from None
                raise _counted("google-bad-answer", status=200) from None
        return response


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
