"""A school website on 127.0.0.1 for the import and link tests: NukeViet-shaped RSS and
sitemaps, a generic Atom feed, article pages, redirects, a slow page, and bad answers.

`FixtureSite.route(path, body, status=200, content_type=..., delay=0)` adds a page; the path
includes the query. Every request is recorded in `requests` as (method, path).
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from xml.sax.saxutils import escape

import pytest

RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
MAX_DELAY = 5.0  # no page sleeps longer, whatever a test asks


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (a time-out test) is not an error of the server


class FixtureSite:
    def __init__(self) -> None:
        self.routes: dict[str, tuple] = {}
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site._answer(self, body=True)

            def do_HEAD(self):
                site._answer(self, body=False)

            def log_message(self, *args):
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FixtureSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def route(self, path: str, body: bytes | str | Callable[[], bytes] = b"", status: int = 200,
              content_type: str = HTML, delay: float = 0.0, headers: dict | None = None,
              head_status: int | None = None, trickle: float = 0.0) -> str:
        """trickle: seconds between the body's bytes (an answer that never quite stops)."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = (status, body, content_type, min(delay, MAX_DELAY), headers or {},
                             head_status, min(trickle, 1.0))
        return self.url + path

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        return self.route(path, b"", status=status, headers={"Location": to})

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for _, p in self.requests if p == path)

    def _answer(self, handler: BaseHTTPRequestHandler, body: bool) -> None:
        with self._lock:
            self.requests.append((handler.command, handler.path))
        status, content, content_type, delay, headers, head_status, trickle = self.routes.get(
            handler.path, (404, b"<html><title>404</title></html>", HTML, 0.0, {}, None, 0.0))
        if delay:
            time.sleep(delay)
        if callable(content):
            content = content()
        if not body and head_status is not None:
            status = head_status
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(content)))
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            if body and trickle:
                for index in range(min(len(content), 100)):  # bounded: 100 bytes at most
                    handler.wfile.write(content[index:index + 1])
                    handler.wfile.flush()
                    time.sleep(trickle)
            elif body:
                for start in range(0, len(content), 1 << 20):
                    handler.wfile.write(content[start:start + (1 << 20)])
        except (BrokenPipeError, ConnectionResetError):
            pass


def dead_address() -> str:
    """An address on 127.0.0.1 where nothing listens (the connection is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# Documents as a NukeViet site publishes them ---------------------------------------------------

def nukeviet_rss(site: str, items: list[dict], title: str = "Trường PTDTBT Tiểu học số 2 "
                 "Mường Mươn") -> str:
    """RSS 2.0 as NukeViet's news module writes it (items: title, link, date, category)."""
    entries = "".join(
        f"""
    <item>
      <title><![CDATA[{i['title']}]]></title>
      <link>{escape(i['link'])}</link>
      <guid isPermaLink="false">{escape(i.get('guid', i['link']))}</guid>
      <description><![CDATA[<p>{i['title']}</p>]]></description>
      {f"<category><![CDATA[{i['category']}]]></category>" if i.get('category') else ""}
      {f"<pubDate>{i['date']}</pubDate>" if i.get('date') else ""}
    </item>""" for i in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{title}</title>
    <link>{site}/</link>
    <atom:link href="{site}/index.php?nv=news&amp;op=rss" rel="self" type="application/rss+xml"/>
    <description>Tin tức</description>
    <language>vi</language>
    <generator>NukeViet v4.5</generator>{entries}
  </channel>
</rss>"""


def news_sitemap(items: list[dict]) -> str:
    """NukeViet's news sitemap: loc, news:publication_date, and news:title when given."""
    entries = "".join(
        f"""
  <url>
    <loc>{escape(i['link'])}</loc>
    <news:news>
      <news:publication>
        <news:name>Trường PTDTBT Tiểu học số 2 Mường Mươn</news:name>
        <news:language>vi</news:language>
      </news:publication>
      <news:publication_date>{i['date']}</news:publication_date>
      {f"<news:title>{i['title']}</news:title>" if i.get('title') else ""}
    </news:news>
  </url>""" for i in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}
</urlset>"""


def sitemap_index(links: list[str]) -> str:
    entries = "".join(f"\n  <sitemap><loc>{escape(link)}</loc></sitemap>" for link in links)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}
</sitemapindex>"""


def atom_feed(items: list[dict]) -> str:
    entries = "".join(f"""
  <entry>
    <title>{i['title']}</title>
    <link rel="alternate" href="{escape(i['link'])}"/>
    <id>{escape(i['link'])}</id>
    <published>{i['date']}</published>
    {f'<category term="{i["category"]}"/>' if i.get('category') else ''}
  </entry>""" for i in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cổng thông tin</title>
  <id>urn:fixture</id>
  <updated>2024-05-01T00:00:00Z</updated>{entries}
</feed>"""


def article(title: str, published: str | None = None, og: bool = True) -> str:
    meta = f'<meta property="og:title" content="{title}">' if og else ""
    date = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} - Trường Tiểu học"
            f"</title>{meta}{date}</head><body><h1>{title}</h1></body></html>")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command line in process: its exit code, standard output and standard error."""
    from commsplan.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def site():
    """A FixtureSite serving on 127.0.0.1 for the test's duration."""
    with FixtureSite() as server:
        yield server
