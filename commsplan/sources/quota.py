"""Staying under Google's read quotas instead of provoking 429s: a client-side rate limit.

Google counts Sheets API reads per minute, per project (300 by default) and per user per
project (60): several service accounts of one Cloud project share the project's count. A
`SlidingWindow` grants at most `limit` requests in any `window` seconds. A request holds its
slot from the moment it is sent until `window` seconds after its answer came back: Google
counts a request when it arrives, which is some time between the two, so whatever the
network's delays Google never sees more than `limit` in one of its windows.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

# Google's defaults for the Sheets API (reads per minute).
PROJECT_READS_PER_MINUTE = 300
USER_READS_PER_MINUTE = 60


class SlidingWindow:
    """At most `limit` requests sent or answered within any `window` seconds; thread-safe."""

    def __init__(self, limit: int, window: float, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if limit < 1 or window <= 0:
            raise ValueError(f"a rate limit needs limit ≥ 1 and window > 0, got {limit}/{window}")
        self.limit, self.window = limit, window
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._ends: list[float] = []  # when each slot frees: inf while its request is out
        self.waited = 0.0  # seconds spent waiting, all threads together

    def acquire(self) -> None:
        """Wait for a free slot and take it (give it back with `release`)."""
        while True:
            with self._lock:
                now = self._clock()
                self._ends = [end for end in self._ends if end > now]
                if len(self._ends) < self.limit:
                    self._ends.append(math.inf)
                    return
                wait = min(self._ends) - now
            wait = wait if math.isfinite(wait) else min(self.window, 0.05)  # all out: poll
            self.waited += wait
            self._sleep(wait)

    def release(self) -> None:
        """The request is answered: its slot frees `window` seconds from now."""
        with self._lock:
            for index, end in enumerate(self._ends):
                if math.isinf(end):
                    self._ends[index] = self._clock() + self.window
                    return

    @contextmanager
    def slot(self) -> Iterator[None]:
        self.acquire()
        try:
            yield
        finally:
            self.release()


@dataclass
class Quotas:
    """The limits one run shares: one per Cloud project, one per user (credentials)."""

    project_limit: int = PROJECT_READS_PER_MINUTE
    user_limit: int = USER_READS_PER_MINUTE
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._projects: dict[str, SlidingWindow] = {}
        self._users: dict[tuple[str, str], SlidingWindow] = {}

    def limiters(self, project: str, user: str) -> Sequence[SlidingWindow]:
        """The user's limiter, then the project's: a read takes a slot of the project only
        when its user may read, so one busy account does not hold up the project's others."""
        with self._lock:
            if project not in self._projects:
                self._projects[project] = self._window(self.project_limit)
            if (project, user) not in self._users:
                self._users[project, user] = self._window(self.user_limit)
            return self._users[project, user], self._projects[project]

    def _window(self, limit: int) -> SlidingWindow:
        return SlidingWindow(limit, self.window, clock=self.clock, sleep=self.sleep)

    @contextmanager
    def read(self, project: str, user: str) -> Iterator[None]:
        """Hold a slot of the user and of the project for one read request."""
        with ExitStack() as stack:
            for limiter in self.limiters(project, user):
                stack.enter_context(limiter.slot())
            yield

    @property
    def waited(self) -> float:
        return sum(limiter.waited for limiter in self._projects.values())
