"""RSS 2.0, Atom and sitemaps (with indexes and Google/NukeViet news sitemaps) → Posts.

XML is parsed with defusedxml, so a document that declares entities (the "billion laughs")
or reaches for external ones is refused, not expanded. `read_feed(data, origin)` takes bytes;
`FeedReader` fetches addresses (and a sitemap index's sitemaps) through a `Fetcher`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from commsplan.errors import SourceError
from commsplan.sources.posts import Post, iso_date, local_date
from commsplan.text import clean

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_SITEMAPS = 50  # sitemaps followed from one index
_DECLARATION_RE = re.compile(rb"^\s*<\?xml[^>]*\?>")
_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class Feed:
    """What one document held: posts, the sitemaps an index points to, how many had no date."""

    def __init__(self, kind: str, posts: list[Post], sitemaps: list[str], undated: int) -> None:
        self.kind = kind  # "rss", "atom", "sitemap", "sitemapindex"
        self.posts = posts
        self.sitemaps = sitemaps
        self.undated = undated
        self.origin = ""


def read_feed(data: bytes, origin: str) -> Feed:
    """Parse one RSS, Atom or sitemap document; SourceError says why one cannot be read."""
    feed = _read(_parse(data, origin), origin)
    feed.origin = origin
    return feed


def _read(root: Element, origin: str) -> Feed:
    tag = _local(root.tag)
    if tag == "rss" or tag == "RDF":
        return _rss(root, origin)
    if root.tag == ATOM + "feed":
        return _atom(root, origin)
    if tag == "urlset":
        return _urlset(root, origin)
    if tag == "sitemapindex":
        links = [_text(loc) for loc in root.iter() if _local(loc.tag) == "loc"]
        return Feed("sitemapindex", [], [u for u in links if u], 0)
    if tag.lower() == "html":
        raise SourceError("feed-is-html", origin=origin)
    raise SourceError("feed-unknown", origin=origin, tag=tag)


def _parse(data: bytes, origin: str) -> Element:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"<rss" not in head):
        raise SourceError("feed-is-html", origin=origin)
    if not data.strip():
        raise SourceError("feed-empty", origin=origin)
    try:
        try:
            return fromstring(data)
        except ParseError as exc:
            if "encoding" not in str(exc):
                raise
            return fromstring(_decoded(data, origin))  # an encoding expat does not know
    except DefusedXmlException:
        raise SourceError("feed-hostile", origin=origin) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        if b"\xef\xbf\xbd" not in data and _not_utf8(data):
            raise SourceError("feed-encoding", origin=origin, line=line) from None
        raise SourceError("feed-malformed", origin=origin, line=line, column=column + 1,
                          detail=str(exc).split(":")[0]) from None


def _decoded(data: bytes, origin: str) -> str:
    """The document as text through Python's codec for the encoding it declares."""
    match = _ENCODING_RE.match(data)
    name = match.group(1).decode("ascii") if match else "utf-8"
    try:
        codecs.lookup(name)
        return _DECLARATION_RE.sub(b"", data, count=1).decode(name)
    except (LookupError, UnicodeDecodeError):
        raise SourceError("feed-encoding", origin=origin, line=0) from None


def _not_utf8(data: bytes) -> bool:
    match = _ENCODING_RE.match(data)
    declared = match.group(1).decode("ascii").lower() if match else "utf-8"
    if declared.replace("_", "-") not in ("utf-8", "utf8"):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _rss(root: Element, origin: str) -> Feed:
    channel = next((c for c in root if _local(c.tag) == "channel"), root)
    feed_title = _child_text(channel, "title")
    items = [e for e in root.iter() if _local(e.tag) == "item"]
    posts, undated = [], 0
    for item in items:
        link = _child_text(item, "link") or _permalink_guid(item)
        if not link:
            continue
        when = _rfc822(_child_text(item, "pubDate")) or iso_date(_child_text(item, DC + "date"))
        if when is None:
            undated += 1
            continue
        category = _child_text(item, "category") or _category_of(feed_title)
        posts.append(Post(link=link, date=when, title=_child_text(item, "title") or None,
                          kind="article", category=category, source=origin))
    return Feed("rss", posts, [], undated)


def _atom(root: Element, origin: str) -> Feed:
    feed_title = _child_text(root, ATOM + "title")
    posts, undated = [], 0
    for entry in root.iter(ATOM + "entry"):
        link = ""
        for element in entry.findall(ATOM + "link"):
            if element.get("rel", "alternate") == "alternate" and element.get("href"):
                link = element.get("href", "").strip()
                break
        if not link:
            continue
        when = iso_date(_child_text(entry, ATOM + "published")) or iso_date(
            _child_text(entry, ATOM + "updated"))
        if when is None:
            undated += 1
            continue
        category = next((c.get("label") or c.get("term") or "" for c in
                         entry.findall(ATOM + "category")), "") or _category_of(feed_title)
        posts.append(Post(link=link, date=when, title=_child_text(entry, ATOM + "title") or None,
                          kind="article", category=category, source=origin))
    return Feed("atom", posts, [], undated)


def _urlset(root: Element, origin: str) -> Feed:
    posts, undated = [], 0
    for url in root:
        if _local(url.tag) != "url":
            continue
        link = _child_text(url, "loc")
        if not link:
            continue
        news = next((n for n in url if n.tag == NEWS + "news"), None)
        when = iso_date(_child_text(news, NEWS + "publication_date")) if news is not None else None
        when = when or iso_date(_child_text(url, "lastmod"))
        if when is None:
            undated += 1
            continue
        title = _child_text(news, NEWS + "title") if news is not None else ""
        posts.append(Post(link=link, date=when, title=title or None, kind="article",
                          source=origin))
    return Feed("sitemap", posts, [], undated)


def _permalink_guid(item: Element) -> str:
    guid = next((c for c in item if _local(c.tag) == "guid"), None)
    if guid is None or guid.get("isPermaLink", "true").lower() == "false":
        return ""
    text = _text(guid)
    return text if text.startswith(("http://", "https://")) else ""


def _category_of(feed_title: str) -> str:
    """A per-category feed's category: NukeViet titles it 'Site - Category' (or 'Category')."""
    for separator in (" - ", " – ", " | ", " » "):
        if separator in feed_title:
            return feed_title.rsplit(separator, 1)[1].strip()
    return ""


def _rfc822(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return iso_date(text)  # some feeds put ISO 8601 in pubDate
    return local_date(when) if when else None


def _child_text(element: Element | None, name: str) -> str:
    if element is None:
        return ""
    for child in element:
        if child.tag == name or (not name.startswith("{") and _local(child.tag) == name
                                 and not child.tag.startswith(ATOM)):
            return _text(child)
    return ""


def _text(element: Element) -> str:
    return clean("".join(element.itertext()))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_local(path: Path) -> bytes:
    """A feed or sitemap saved as a file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("source-not-found", path=str(path)) from None
    except OSError as exc:
        raise SourceError("source-unreadable", path=str(path), detail=exc.strerror) from None
