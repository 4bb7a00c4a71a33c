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
from urllib.parse import parse_qsl, unquote, urlsplit

FACEBOOK_HOSTS = frozenset({"facebook.com", "fb.com", "fb.watch"})
_HOST_PREFIXES = ("www.", "m.", "mobile.", "mbasic.", "web.", "touch.")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mibextid", "igshid", "ref",
                       "ref_src", "refsrc", "_rdr", "rdid", "share_url", "sfnsn", "_ga",
                       "__tn__", "__xts__", "eid", "notif_id", "notif_t", "paipv", "zarsrc",
                       "fref", "hc_ref", "hc_location"})
_FB_STORY_RE = re.compile(r"[?&]story_fbid=(\d+)")
# A facebook.com permalink with its post number, for a whole column at once (pandas' extract)
FACEBOOK_STORY = r"^\s*(?:https?://)?(?:[a-z]+\.)?facebook\.com/[^#]*?[?&]story_fbid=(\d+)"
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
    match = _FB_STORY_RE.search(text) if "story_fbid=" in text else None
    if match and "facebook" in text[:40].lower():  # the register's usual form, on the fast path
        return "facebook:" + match.group(1)
    if text[:1].isdigit() and (graph := _GRAPH_ID_RE.match(text)):
        return "facebook:" + graph.group(2)
    scheme, sep, rest = text.partition("://")
    if not sep:
        rest = text
    rest = rest.split("#", 1)[0]
    address, _, query = rest.partition("?")
    netloc, slash, path = address.partition("/")
    if "@" in netloc or "[" in netloc:  # credentials or an IPv6 host: let urllib sort it out
        try:
            parts = urlsplit(text if sep else "//" + text)
        except ValueError:
            return text.casefold()
        netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        path, query = parts.path.lstrip("/"), parts.query
    host, _, port = netloc.casefold().rstrip(".").partition(":")
    host = _bare_host(host)
    path = "/" + (unquote(path) if "%" in path else path)
    if host in FACEBOOK_HOSTS:
        number = facebook_post_id(path, query)
        if number:
            return "facebook:" + number
    if port in ("80", "443"):
        port = ""
    key = host + (":" + port if port else "") + path.rstrip("/")
    if query:
        pairs = sorted(p for p in query.split("&") if p and not _is_tracking(p.split("=", 1)[0]))
        if pairs:
            key += "?" + "&".join(pairs)
    return key


def resolvable_key(key: str) -> bool:
    """Whether a canonical key names its post by itself (see `resolvable`)."""
    if key.startswith("facebook:"):
        return True
    host = key.split("/", 1)[0]
    if host in FACEBOOK_HOSTS:
        return not ("pfbid" in key or "/share/" in key or host == "fb.watch")
    return True


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
    return resolvable_key(canonical(url))


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
    if not host.startswith(_HOST_PREFIXES):
        return host
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def _is_tracking(name: str) -> bool:
    name = name.casefold()
    return name in _TRACKING or name.startswith(("utm_", "__cft__", "__tn__", "hc_"))
