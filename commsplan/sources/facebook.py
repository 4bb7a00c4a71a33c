"""A Facebook page's posts: its insights export (.csv/.xlsx), or the Graph API with a page token.

Export columns are found by name, in the spellings Meta has used in English and Vietnamese;
a missing column is named with the spellings looked for. The Graph API token comes from an
environment variable and travels in a header only, never in an address or a message.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from functools import partial
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from commsplan.contract import allowed_value
from commsplan.errors import SourceError
from commsplan.sources.posts import Post, local_date
from commsplan.text import clean, clip, fold
from commsplan.values import as_text

TOKEN_ENV = "COMMSPLAN_FACEBOOK_TOKEN"
GRAPH_ENV = "COMMSPLAN_GRAPH_API"
GRAPH_ROOT = "https://graph.facebook.com/v19.0"
GRAPH_FIELDS = "id,created_time,message,permalink_url,status_type"
MAX_PAGES = 100  # of 100 posts each

# field → accepted header spellings, best first (a later one is used when an earlier is absent)
COLUMNS: dict[str, tuple[str, ...]] = {
    "time": ("Publish time", "Published time", "Created time", "Date published",
             "Thời gian đăng", "Thời gian xuất bản", "Thời gian đăng bài", "Ngày đăng",
             "Ngày xuất bản", "Thời điểm đăng"),
    "link": ("Permalink", "Post link", "Link", "Liên kết cố định", "Liên kết bài viết",
             "Đường dẫn cố định", "Đường dẫn", "Liên kết"),
    "title": ("Title", "Tiêu đề"),
    "text": ("Description", "Post message", "Message", "Mô tả", "Nội dung", "Nội dung bài viết",
             "Thông điệp"),
    "type": ("Post type", "Type", "Loại bài viết", "Loại bài đăng", "Loại nội dung", "Loại"),
    "post_id": ("Post ID", "ID bài viết", "ID bài đăng", "Mã bài viết"),
    "page_id": ("Page ID", "ID Trang", "Mã Trang"),
    "page_name": ("Page name", "Tên Trang"),
    "views": ("Views", "Lượt xem", "Reach", "Lượt tiếp cận", "Người tiếp cận", "Impressions",
              "Lượt hiển thị"),
    "reactions": ("Reactions, comments and shares", "Cảm xúc, bình luận và lượt chia sẻ",
                  "Engagements", "Lượt tương tác", "Reactions", "Cảm xúc", "Lượt thích"),
}
REQUIRED = ("time", "link")
# The post type in the export or the API → the register's type, by its stable key in the
# contract (sheets_schema/activities.yaml)
TYPES = {
    "photo": "photo", "photos": "photo", "album": "photo", "albums": "photo", "anh": "photo",
    "hinh anh": "photo", "added photos": "photo", "added_photos": "photo",
    "video": "video", "videos": "video", "reel": "video", "reels": "video", "live": "video",
    "thuoc phim": "video", "video truc tiep": "video", "added video": "video",
    "added_video": "video",
    "link": "article", "links": "article", "lien ket": "article", "status": "article",
    "text": "article", "trang thai": "article", "van ban": "article", "shared story": "article",
    "shared_story": "article", "mobile status update": "article",
    "mobile_status_update": "article", "bai viet": "article",
}
_SLASH_DATE_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2}))?")
_ENGLISH_HINTS = {fold(s) for s in ("Publish time", "Permalink", "Post type", "Title")}


def post_type(kind: str) -> str | None:
    """The register's type for a Facebook post type, None when unknown."""
    key = TYPES.get(fold(kind)) or TYPES.get(fold(kind).replace(" ", "_"))
    return allowed_value("activities.type", key) if key else None


# The insights export -----------------------------------------------------------------------

def read_export(path: Path) -> list[Post]:
    """Every post of a page's insights export (.csv or .xlsx)."""
    rows = _export_rows(path)
    header_index = next((i for i, r in enumerate(rows) if sum(1 for v in r if as_text(v)) >= 2),
                        None)
    if header_index is None:
        raise SourceError("facebook-export-empty", path=str(path))
    header = [clean(as_text(v) or "") for v in rows[header_index]]
    positions = _match_columns(header)
    missing = [f for f in REQUIRED if f not in positions]
    if "title" not in positions and "text" not in positions:
        missing.append("title")
    if missing:
        field = missing[0]
        spellings = COLUMNS[field] + (COLUMNS["text"] if field == "title" else ())
        raise SourceError("facebook-export-column", path=str(path),
                          column=" / ".join(f"'{s}'" for s in spellings),
                          found=", ".join(h for h in header if h) or "-")
    body = rows[header_index + 1:]
    month_first = _month_first([_cell(r, positions["time"]) for r in body],
                               english=bool(_ENGLISH_HINTS & {fold(h) for h in header}))
    posts = []
    for row in body:
        get = partial(_field, row, positions)
        link = clean(as_text(get("link")) or "")
        when = _when(get("time"), month_first)
        if not link.startswith(("http://", "https://")) or when is None:
            continue  # a description row under the header, a total, a blank
        title = clean(as_text(get("title")) or "") or _first_line(as_text(get("text")) or "")
        posts.append(Post(
            link=link, date=when, title=title or None, kind=clean(as_text(get("type")) or ""),
            views=_integer(get("views")), reactions=_integer(get("reactions")),
            source=path.name,
            page=clean(as_text(get("page_id")) or "") or fold(as_text(get("page_name")) or "")
            or None))
    return posts


def _export_rows(path: Path) -> list[list[Any]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("source-not-found", path=str(path)) from None
    except OSError as exc:
        raise SourceError("source-unreadable", path=str(path), detail=exc.strerror) from None
    if data.startswith(b"PK\x03\x04"):
        from python_calamine import CalamineWorkbook

        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            return book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises its own types for every kind of damage
            raise SourceError("source-corrupt", path=str(path), detail=str(exc)[:200]) from None
    text = _csv_text(data, path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _csv_text(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")  # Excel's "CSV" on a Vietnamese Windows
    except UnicodeDecodeError:
        raise SourceError("facebook-export-encoding", path=str(path)) from None


def _match_columns(header: list[str]) -> dict[str, int]:
    folded = [fold(h) for h in header]
    positions = {}
    for field, spellings in COLUMNS.items():
        for spelling in spellings:
            if fold(spelling) in folded:
                positions[field] = folded.index(fold(spelling))
                break
    return positions


def _cell(row: list[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _field(row: list[Any], positions: Mapping[str, int], field: str) -> Any:
    return _cell(row, positions[field]) if field in positions else None


def _month_first(values: list[Any], english: bool) -> bool:
    """Whether d/m/y-looking dates in the column are m/d/y: decided by the column, not a row."""
    for value in values:
        match = _SLASH_DATE_RE.match(as_text(value) or "") if isinstance(value, str) else None
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                return False
            if second > 12:
                return True
    return english  # all ambiguous: Meta's English export writes month first


def _when(value: Any, month_first: bool) -> dt.date | None:
    if isinstance(value, (dt.datetime, dt.date)):
        return local_date(value)
    text = clean(as_text(value) or "")
    if not text:
        return None
    match = _SLASH_DATE_RE.match(text)
    if match:
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        month, day = (first, second) if month_first else (second, first)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    try:
        return local_date(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def _integer(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value) if value == value else None
    text = re.sub(r"[\s.,]", "", str(value))
    return int(text) if text.isdigit() else None


def _first_line(text: str, limit: int = 150) -> str:
    line = next((s for s in clean(text).split("\n") if s.strip()), "")
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


# The Graph API -----------------------------------------------------------------------------

def read_graph(page_id: str, fetcher, env: Mapping[str, str] = os.environ,
               since: dt.date | None = None) -> list[Post]:
    """The page's posts through the Graph API, following paging, back to `since`."""
    import json

    token = env.get(TOKEN_ENV, "").strip()
    if not token:
        raise SourceError("facebook-no-token", name=TOKEN_ENV)
    root = env.get(GRAPH_ENV, "").strip().rstrip("/") or GRAPH_ROOT
    query = {"fields": GRAPH_FIELDS, "limit": "100"}
    if since:
        query["since"] = since.isoformat()
    url = f"{root}/{page_id}/posts?{urlencode(query)}"
    headers = {"Authorization": f"Bearer {token}"}
    origin = f"Facebook {page_id}"
    posts: list[Post] = []
    for _ in range(MAX_PAGES):
        page = fetcher.fetch(url, headers=headers, ok_statuses=(400, 401, 403))
        try:
            answer = json.loads(page.body)
        except ValueError:
            raise SourceError("facebook-bad-answer", page=page_id) from None
        if page.status >= 400 or "error" in answer:
            error = answer.get("error", {}) if isinstance(answer, dict) else {}
            detail = clip(_redact(str(error.get("message", "")), token), 200)
            raise SourceError("facebook-refused", page=page_id, name=TOKEN_ENV,
                              detail=detail or f"HTTP {page.status}")
        for item in answer.get("data", []):
            post = _graph_post(item, page_id, origin)
            if post is not None:
                posts.append(post)
        following = (answer.get("paging") or {}).get("next")
        oldest = min((p.date for p in posts if p.date), default=None)
        if not following or (since and oldest and oldest < since):
            return posts
        url = _without_token(following)
    raise SourceError("facebook-too-many-pages", page=page_id, count=MAX_PAGES)


def _graph_post(item: dict, page_id: str, origin: str) -> Post | None:
    link = str(item.get("permalink_url") or "")
    created = str(item.get("created_time") or "")
    if not link and item.get("id"):
        link = f"https://www.facebook.com/{item['id']}"
    try:
        # Graph writes +0000 rather than +00:00, which fromisoformat takes from 3.11 on
        when = local_date(dt.datetime.fromisoformat(created))
    except ValueError:
        return None
    return Post(link=link, date=when, title=_first_line(str(item.get("message") or "")) or None,
                kind=str(item.get("status_type") or ""), source=origin, page=page_id)


def _without_token(url: str) -> str:
    """A paging address without the access_token Facebook puts in it (the header carries it)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k != "access_token"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _redact(text: str, token: str) -> str:
    return text.replace(token, "***") if token else text
