"""Reading public web pages and feeds: time-outs, bounded retries, a size limit, a deadline.

`fetch(url)` returns the body of one page or feed, or raises SourceError with a message that
names the address and what went wrong; `fetch_many` runs several with bounded concurrency.
Settings come from `WebPolicy` (defaults, or COMMSPLAN_WEB_TIMEOUT="5,20",
COMMSPLAN_WEB_RETRIES=2, COMMSPLAN_WEB_MAX_BYTES, COMMSPLAN_WEB_DEADLINE).
"""

from __future__ import annotations

import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, TypeVar

import requests

from commsplan.errors import SourceError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "commsplan (+https://pypi.org/project/commsplan/)"
_CHUNK = 64 * 1024
Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True)
class WebPolicy:
    """How long to wait, how often to retry, how much to read, how many at once."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 2  # after the first attempt, for time-outs, lost connections and 5xx/429
    deadline: float = 45.0  # seconds for all attempts and waits of one address
    backoff: float = 0.5
    max_bytes: int = 20 * 1024 * 1024  # a sitemap of 50,000 links is ~10 MB
    max_redirects: int = 5
    workers: int = 4

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> WebPolicy:
        values: dict = {}
        timeout = env.get("COMMSPLAN_WEB_TIMEOUT", "").strip()
        try:
            if timeout:
                parts = [float(p) for p in timeout.split(",")]
                values["connect_timeout"], values["read_timeout"] = (parts * 2)[:2]
            for name, key, kind in (("COMMSPLAN_WEB_RETRIES", "retries", int),
                                    ("COMMSPLAN_WEB_DEADLINE", "deadline", float),
                                    ("COMMSPLAN_WEB_MAX_BYTES", "max_bytes", int)):
                if env.get(name, "").strip():
                    values[key] = kind(env[name])
        except ValueError:
            raise SourceError("web-setting", detail=timeout) from None
        return cls(**values)


@dataclass(frozen=True)
class Page:
    """One answer: where it came from in the end, its status, type and body."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    encoding: str | None = None  # the charset the server named, if any


class Fetcher:
    """A requests session with the policy's bounds; one per run (connections are reused)."""

    def __init__(self, policy: WebPolicy | None = None, *, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy or WebPolicy.from_env()
        self.session = session or requests.Session()
        self.session.max_redirects = self.policy.max_redirects
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self._sleep, self._clock = sleep, clock
        self.attempts = 0

    def fetch(self, url: str, *, method: str = "GET", headers: Mapping[str, str] | None = None,
              ok_statuses: Iterable[int] = ()) -> Page:
        """GET (or HEAD) one address; a 4xx/5xx is a SourceError unless listed in ok_statuses."""
        policy = self.policy
        deadline = self._clock() + policy.deadline
        allowed = set(ok_statuses)
        retry = 0
        while True:
            remaining = max(deadline - self._clock(), 0.05)
            timeout = (min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining))
            self.attempts += 1
            failure: SourceError
            try:
                page = self._once(url, method, headers, timeout, deadline)
            except requests.TooManyRedirects:
                raise SourceError("web-redirects", url=url, count=policy.max_redirects) from None
            except (requests.Timeout, TimeoutError):
                failure = SourceError("web-timeout", url=url, seconds=f"{max(timeout):g}")
            except requests.exceptions.InvalidURL:
                raise SourceError("web-bad-url", url=url) from None
            except (requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema):
                raise SourceError("web-bad-url", url=url) from None
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
                    ConnectionError) as exc:
                if _no_such_host(exc):
                    raise SourceError("web-no-host", url=url) from None
                if "timed out" in str(exc):  # a read time-out met while streaming the body
                    failure = SourceError("web-timeout", url=url, seconds=f"{max(timeout):g}")
                else:
                    failure = SourceError("web-network", url=url, detail=_short(exc))
            else:
                if page.status < 400 or page.status in allowed:
                    return page
                if page.status not in RETRY_STATUSES:
                    raise SourceError("web-status", url=url, status=page.status)
                failure = SourceError("web-status", url=url, status=page.status)
            retry += 1
            wait = random.uniform(0, policy.backoff * (2 ** (retry - 1)))
            if retry > policy.retries or self._clock() + wait > deadline:
                raise failure
            self._sleep(wait)

    def _once(self, url: str, method: str, headers, timeout, deadline: float) -> Page:
        with self.session.request(method, url, headers=dict(headers or {}), timeout=timeout,
                                  stream=True, allow_redirects=True) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise SourceError("web-too-large", url=url, limit=_megabytes(self.policy.max_bytes))
            body = b"" if method.upper() == "HEAD" else self._read(response, url, deadline)
            content_type = response.headers.get("Content-Type", "")
            return Page(url, response.url, response.status_code,
                        content_type.split(";")[0].strip().lower(), body, _charset(content_type))

    def _read(self, response, url: str, deadline: float) -> bytes:
        """The body, up to the size limit, stopped at the deadline however slowly bytes come
        (a read time-out alone lets a byte-at-a-time answer run for ever): a timer shuts the
        socket, as the Google client does (`commsplan.sources.http`)."""
        late = threading.Event()

        def stop() -> None:
            late.set()
            try:
                response.raw.shutdown()
            except (AttributeError, ValueError, RuntimeError, OSError):
                pass  # already read, released or closed

        timer = threading.Timer(max(deadline - self._clock(), 0.0), stop)
        timer.daemon = True
        timer.start()
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise SourceError("web-too-large", url=url,
                                      limit=_megabytes(self.policy.max_bytes))
                chunks.append(chunk)
                if late.is_set() or self._clock() > deadline:
                    raise requests.Timeout("deadline reached while reading")
        except SourceError:
            raise
        except Exception as exc:
            if late.is_set():
                raise requests.Timeout("deadline reached while reading") from exc
            raise
        finally:
            timer.cancel()
        if late.is_set():
            raise requests.Timeout("deadline reached while reading")
        return b"".join(chunks)

    def fetch_many(self, urls: list[Item], worker: Callable[[Item], Result]) -> list[Result]:
        """worker(url) for each url, at most policy.workers at a time, results in order."""
        if not urls:
            return []
        with ThreadPoolExecutor(max_workers=max(1, min(self.policy.workers, len(urls)))) as pool:
            return list(pool.map(worker, urls))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _no_such_host(exc: BaseException) -> bool:
    """Whether a connection failed because the host name does not resolve."""
    for item in _causes(exc):
        text = str(item)
        if "NameResolutionError" in type(item).__name__ or "Name or service not known" in text \
                or "nodename nor servname" in text or "getaddrinfo failed" in text \
                or "No address associated" in text:
            return True
    return False


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and every exception it wraps (cause, context, reason, arguments)."""
    seen: set[int] = set()
    found: list[BaseException] = []
    stack: list = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        found.append(item)
        stack.extend([item.__cause__, item.__context__, getattr(item, "reason", None),
                      *[a for a in item.args if isinstance(a, BaseException)]])
    return found


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g}"


def _short(exc: BaseException) -> str:
    """Why a connection failed, whole: the system's reason when one is wrapped inside
    ("Connection refused"), else the first line of the message, clipped on a word."""
    from commsplan.text import first_line

    reasons = [c.strerror for c in _causes(exc) if isinstance(c, OSError) and c.strerror]
    return first_line(exc) if not reasons else str(reasons[-1])
