"""Asking whether the register's links still answer: HEAD, then GET when HEAD is refused or
when the page's publication date is wanted; bounded concurrency, time-outs, a per-run cache."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from commsplan.errors import SourceError
from commsplan.links import FACEBOOK_HOSTS, canonical, place
from commsplan.sources.web import Fetcher, WebPolicy

DEAD_STATUSES = frozenset({404, 410})
WALL_STATUSES = frozenset({401, 403, 407, 429, 999})  # a login wall, or a refusal to robots
ANY_STATUS = range(100, 600)


def link_policy() -> WebPolicy:
    """The web policy (COMMSPLAN_WEB_TIMEOUT applies) with at most one retry and 20 seconds a
    link, 2 MB read of a page, four links at a time."""
    from dataclasses import replace

    policy = WebPolicy.from_env()
    return replace(policy, retries=min(policy.retries, 1), deadline=min(policy.deadline, 20.0),
                   max_bytes=2 * 1024 * 1024, workers=4)


OK, DEAD, UNVERIFIED = "ok", "dead", "unverified"


@dataclass(frozen=True)
class LinkState:
    """What asking a link gave: ok, dead or unverified; why; the page's publication date."""

    state: str
    detail: str = ""  # "HTTP 404", "no such host", "login wall", "time-out"…
    published: dt.date | None = None


class LinkChecker:
    """Checks links once each per run (by canonical form), at most `workers` at a time."""

    def __init__(self, fetcher: Fetcher | None = None) -> None:
        self.fetcher = fetcher or Fetcher(link_policy())
        self.cache: dict[str, LinkState] = {}
        self._lock = threading.Lock()

    def check_all(self, links: list[str]) -> dict[str, LinkState]:
        """Every link's state (links naming the same post are asked once)."""
        by_key: dict[str, str] = {}
        for link in links:
            by_key.setdefault(canonical(link), link)
        todo = [(k, u) for k, u in by_key.items() if k not in self.cache]
        states = self.fetcher.fetch_many(todo, lambda item: self._check(item[1]))
        with self._lock:
            self.cache.update(zip((k for k, _ in todo), states))
        return {link: self.cache[canonical(link)] for link in links}

    def _check(self, url: str) -> LinkState:
        from commsplan.sources.pages import read_page

        social = place(url).host in FACEBOOK_HOSTS
        try:
            head = self.fetcher.fetch(url, method="HEAD", ok_statuses=ANY_STATUS)
        except SourceError as exc:
            if exc.key == "web-no-host":
                return LinkState(DEAD, "no-host")
            head = None  # refused or lost: ask with GET instead
        if head is not None and _login_page(head.final_url):
            return LinkState(UNVERIFIED, "login")
        if head is not None and head.status < 400 and social:
            return LinkState(OK)  # a post's page tells nothing more without a session
        try:
            page = self.fetcher.fetch(url, ok_statuses=ANY_STATUS)
        except SourceError as exc:
            if exc.key == "web-no-host":
                return LinkState(DEAD, "no-host")
            return LinkState(UNVERIFIED, exc.key)
        if page.status in DEAD_STATUSES:
            return LinkState(DEAD, f"HTTP {page.status}")
        if page.status in WALL_STATUSES or _login_page(page.final_url):
            return LinkState(UNVERIFIED, "login")
        if page.status >= 400:
            return LinkState(UNVERIFIED, f"HTTP {page.status}")
        meta = read_page(page.body, page.encoding, page.final_url)
        if meta.login_wall:
            return LinkState(UNVERIFIED, "login")
        return LinkState(OK, published=meta.published)


def _login_page(url: str) -> bool:
    lowered = url.lower()
    return any(hint in lowered for hint in ("/login", "/checkpoint", "login.php", "/signin"))
