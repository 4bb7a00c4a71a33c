"""A post as a source gives it: a feed item, a sitemap link, a row of a Facebook export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Vietnam's time: a post at 23:30 UTC was published the next day for the school.
LOCAL_TIME = dt.timezone(dt.timedelta(hours=7))


@dataclass
class Post:
    """One published item, before it is matched with the plan."""

    link: str
    date: dt.date | None
    title: str | None = None  # None: not given (a sitemap); read from the page when new
    kind: str = ""  # the source's own word: "article" (a feed), "photo", "Videos", "Ảnh"…
    category: str = ""  # the site's category or the per-category feed's title
    views: int | None = None
    reactions: int | None = None
    source: str = ""  # where it was read: a feed's address, an export's file name
    page: str | None = None  # a Facebook page's id or name, when the source says


def local_date(value: dt.datetime | dt.date) -> dt.date:
    """The day in Vietnam of a moment (a naive time is taken as Vietnam's already)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LOCAL_TIME)
        return value.date()
    return value


def iso_date(text: str | None) -> dt.date | None:
    """The day of an ISO 8601 date or date-time ('Z' included), in local time; None if not one."""
    if not text:
        return None
    text = text.strip().replace("Z", "+00:00")
    try:
        return local_date(dt.datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
