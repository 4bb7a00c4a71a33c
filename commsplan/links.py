"""Links as keys: one canonical form per post, whatever form of its address staff pasted.

`canonical(url)` gives the key two links share when they name the same post:
- Facebook links that carry the post's number (`story_fbid=…&id=…`, `/posts/ID`, `/videos/ID`,
  `/photos/…/ID`, `photo.php?fbid=ID`, `watch/?v=ID`, `/reel/ID`, a Graph id `PAGE_POST`) become
  `facebook:ID`;
- any other link: no scheme (http = https), host without `www.`/`m.`, tracking parameters
  (utm_*, fbclid, mibextid…) and the fragment dropped, the other parameters sorted, no trailing
  slash.
`pfbid…` and `/share/…` links name a post only through Facebook: they keep their own form, and
`resolvable(url)` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

FACEBOOK_HOSTS = frozenset({"facebook.com", "fb.com", "fb.watch"})
_HOST_PREFIXES = ("www.", "m.", "mobile.", "mbasic.", "web.", "touch.")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mibextid", "igshid", "ref",
                       "ref_src", "refsrc", "_rdr", "rdid", "share_url", "sfnsn", "_ga",
                       "__tn__", "__xts__", "eid", "notif_id", "notif_t", "paipv", "zarsrc",
                       "fref", "hc_ref", "hc_location"})
_FB_STORY_RE = re.compile(r"[?&]story_fbid=(\d+)")
_FB_PATH_RE = re.compile(
    r"^/(?:[^/]+/(?:posts|videos|permalink)/(?:[^/]+/)?(\d+)"  # /page/posts/ID, /page/videos/x/ID
    r"|[^/]+/photos/(?:[^/]+/)?(\d+)"  # /page/photos/a.1.2/ID
    r"|(?:reel|reels|videos)/(\d+)"  # /reel/ID
    r"|groups/[^/]+/(?:posts|permalink)/(\d+))/?$")
_FB_QUERY_IDS = ("story_fbid", "fbid", "v")
_GRAPH_ID_RE = re.compile(r"^(\d+)_(\d+)$")


def canonical(url: str) -> str:
    """The key two links share when they name the same post (see the module's docstring)."""
    text = url.strip()
    match = _FB_STORY_RE.search(text)
    if match and "facebook" in text[:40].lower():  # the register's usual form, on the fast path
        return "facebook:" + match.group(1)
    graph = _GRAPH_ID_RE.match(text)
    if graph:
        return "facebook:" + graph.group(2)
    try:
        parts = urlsplit(text if "//" in text else "//" + text)
    except ValueError:
        return text.casefold()
    host = (parts.hostname or "").rstrip(".")
    host = _bare_host(host)
    path = unquote(parts.path or "/")
    if host in FACEBOOK_HOSTS:
        number = facebook_post_id(path, parts.query)
        if number:
            return "facebook:" + number
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k)]
    query.sort()
    path = path.rstrip("/") or ""
    key = host + (f":{parts.port}" if parts.port and parts.port not in (80, 443) else "") + path
    return key + ("?" + urlencode(query) if query else "")


def facebook_post_id(path: str, query: str) -> str | None:
    """The post's number in a facebook.com path and query, if the link carries one."""
    match = _FB_PATH_RE.match(path)
    if match:
        return next(g for g in match.groups() if g)
    values = dict(parse_qsl(query))
    for name in _FB_QUERY_IDS:
        if values.get(name, "").isdigit():
            return values[name]
    return None


def resolvable(url: str) -> bool:
    """False for Facebook links that name a post only through Facebook (pfbid…, share links)."""
    key = canonical(url)
    if key.startswith("facebook:"):
        return True
    host = key.split("/", 1)[0]
    if host in FACEBOOK_HOSTS:
        return not ("pfbid" in key or "/share/" in key or host == "fb.watch")
    return True


@dataclass(frozen=True)
class Place:
    """Where a link points: its bare host and, on a shared host, the page's id or name."""

    host: str
    page: str | None = None


def place(url: str) -> Place:
    """The host of a link and, for facebook.com, the page it belongs to (id or folded name)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return Place("")
    host = _bare_host((parts.hostname or "").rstrip("."))
    if host not in FACEBOOK_HOSTS:
        return Place(host)
    values = dict(parse_qsl(parts.query))
    if values.get("id", "").isdigit():  # profile.php?id=…, permalink.php?story_fbid=…&id=…
        return Place(host, values["id"])
    first = unquote(parts.path).strip("/").split("/", 1)[0]
    if first and first not in _FB_NOT_PAGES and not first.endswith(".php"):
        return Place(host, first.casefold())
    return Place(host)


_FB_NOT_PAGES = frozenset({"watch", "reel", "reels", "share", "photo", "photos", "groups",
                           "story.php", "permalink.php", "profile.php", "pages", "events", "p"})


def _bare_host(host: str) -> str:
    host = host.casefold()
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def _is_tracking(name: str) -> bool:
    name = name.casefold()
    return name in _TRACKING or name.startswith(("utm_", "__cft__", "__tn__", "hc_"))
