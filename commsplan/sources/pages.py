"""What a web page says about itself: its title (og:title, else <title>), publication date,
and whether it is a login wall rather than the post."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from commsplan.sources.posts import iso_date
from commsplan.text import clean

_DATE_PROPERTIES = ("article:published_time", "og:published_time", "datepublished",
                    "pubdate", "publishdate", "dc.date.issued", "date")
_LOGIN_HINTS = ("/login", "/checkpoint", "login.php", "/signin", "accounts.google.com")
_JSONLD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
HEAD_BYTES = 512 * 1024  # what is read of a page for its head


@dataclass
class PageMeta:
    title: str | None
    published: dt.date | None
    login_wall: bool = False


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.og_title: str | None = None
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.published: str | None = None
        self.password_field = False
        self._in_script = False
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (values.get("property") or values.get("name") or values.get("itemprop")
                    or "").lower()
            if name == "og:title" and values.get("content") and self.og_title is None:
                self.og_title = values["content"]
            elif name in _DATE_PROPERTIES and values.get("content") and self.published is None:
                self.published = values["content"]
        elif tag == "title" and self.title is None:
            self.title_parts = []
        elif tag == "time" and values.get("datetime") and self.published is None:
            self.published = values["datetime"]
        elif tag == "input" and values.get("type", "").lower() == "password":
            self.password_field = True
        elif tag == "script" and "ld+json" in values.get("type", ""):
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "title" and self.title_parts is not None:
            self.title = "".join(self.title_parts)
            self.title_parts = None
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self.title_parts is not None:
            self.title_parts.append(data)
        if self._in_script:
            self.scripts.append(data)


def read_page(body: bytes, encoding: str | None = None, final_url: str = "") -> PageMeta:
    """The title, publication date and login-wall look of an HTML page."""
    text = _decode(body[:HEAD_BYTES], encoding)
    parser = _HeadParser()
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # noqa: BLE001 (html.parser is lenient; a broken page just has no title)
        pass
    title = clean(parser.og_title or parser.title or "") or None
    published = iso_date(parser.published)
    if published is None:
        match = _JSONLD_DATE_RE.search(" ".join(parser.scripts))
        published = iso_date(match.group(1)) if match else None
    wall = any(h in final_url.lower() for h in _LOGIN_HINTS) or (
        parser.password_field and "facebook" in final_url.lower())
    return PageMeta(title, published, wall)


def _decode(body: bytes, encoding: str | None) -> str:
    head = body[:2048].decode("ascii", "replace")
    match = re.search(r"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", head, re.I)
    for name in (encoding, match.group(1) if match else None, "utf-8"):
        if not name:
            continue
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")
