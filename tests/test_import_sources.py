"""Reading posts for `commsplan import`: links, feeds, sitemaps, Facebook exports, the Graph API,
and bad input, each refused with a clear message and nothing written."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from commsplan.errors import SourceError
from commsplan.importing import proposals_path
from commsplan.links import canonical, place, resolvable
from commsplan.sources import facebook
from commsplan.sources.feeds import read_feed
from commsplan.sources.web import Fetcher, WebPolicy
from tests import fixture_site as fx
from tests.fixture_site import run

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
DATA = REPO / "tests" / "data"
POST = "122140042138712124"


@pytest.fixture
def demo(tmp_path) -> Path:
    path = tmp_path / "ke-hoach.xlsx"
    shutil.copy(DEMO, path)
    return path


# Links ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("link", [
    f"https://www.facebook.com/permalink.php?story_fbid={POST}&id=61550823471616",
    f"https://m.facebook.com/story.php?story_fbid={POST}&id=61550823471616&mibextid=Nif5oz",
    f"http://facebook.com/61550823471616/posts/{POST}/",
    f"https://www.facebook.com/TruongTHso2MuongMuon/posts/{POST}?__cft__[0]=AZ&__tn__=%2CO",
    f"https://www.facebook.com/61550823471616/videos/{POST}/",
    f"https://www.facebook.com/61550823471616/videos/lop-hoc-vui/{POST}",
    f"https://www.facebook.com/TruongTHso2MuongMuon/photos/a.122100000000000001/{POST}/",
    f"https://www.facebook.com/photo.php?fbid={POST}&set=a.1&type=3",
    f"https://www.facebook.com/photo/?fbid={POST}",
    f"https://www.facebook.com/watch/?v={POST}",
    f"https://www.facebook.com/reel/{POST}",
    f"61550823471616_{POST}",
])
def test_every_form_of_a_facebook_post_link_has_one_key(link):
    assert canonical(link) == f"facebook:{POST}"
    assert resolvable(link)


def test_website_links_ignore_scheme_www_tracking_order_fragment_and_trailing_slash():
    key = canonical("https://thmm2.edu.vn/index.php?nv=news&op=tin-tuc/a-1.html")
    for form in ("http://www.thmm2.edu.vn/index.php?op=tin-tuc/a-1.html&nv=news",
                 "https://m.thmm2.edu.vn/index.php?nv=news&op=tin-tuc/a-1.html&utm_source=zalo",
                 "https://THMM2.edu.vn/index.php?nv=news&op=tin-tuc/a-1.html&fbclid=IwAR0#top"):
        assert canonical(form) == key
    assert canonical("https://thmm2.edu.vn/tin-tuc/a-1/") == canonical("http://thmm2.edu.vn/tin-tuc/a-1")
    assert canonical("https://thmm2.edu.vn/tin-tuc/a-1") != canonical("https://thmm2.edu.vn/tin-tuc/a-2")
    assert canonical("https://thmm2.edu.vn/?p=1") != canonical("https://thmm2.edu.vn/?p=2")


def test_pfbid_and_share_links_are_compared_as_they_are():
    pfbid = "https://www.facebook.com/TruongTHso2MuongMuon/posts/pfbid02GxK3m9tqYb"
    assert not resolvable(pfbid) and not resolvable("https://www.facebook.com/share/p/1AbCdEf/")
    assert canonical(pfbid) == canonical(pfbid + "?mibextid=Nif5oz") != canonical(pfbid + "x")
    assert canonical(pfbid) != canonical("https://www.facebook.com/share/p/1AbCdEf/")


def test_the_page_of_a_facebook_link():
    assert place("https://www.facebook.com/profile.php?id=61550823471616&mibextid=LQQJ4d") == \
        place(f"https://m.facebook.com/story.php?story_fbid={POST}&id=61550823471616")
    assert place("https://www.facebook.com/TruongTHso2MuongMuon/posts/1").page == "truongthso2muongmuon"
    assert place("https://www.facebook.com/reel/1").page is None
    assert place("https://www.thmm2.edu.vn/a").host == "thmm2.edu.vn"


# Feeds and sitemaps ----------------------------------------------------------------------------

def test_atom_feed_with_categories():
    feed = read_feed(fx.atom_feed([
        {"title": "Ngày hội đọc sách", "link": "https://so.edu.vn/tin/1",
         "date": "2024-04-23T20:00:00Z", "category": "Văn hóa đọc"}]).encode(), "atom.xml")
    (post,) = feed.posts
    assert (post.title, post.link, post.category) == ("Ngày hội đọc sách",
                                                      "https://so.edu.vn/tin/1", "Văn hóa đọc")
    assert post.date == dt.date(2024, 4, 24)  # 20:00 UTC is the next morning in Vietnam


def test_a_per_category_feed_gives_its_category():
    rss = fx.nukeviet_rss("https://thmm2.edu.vn", [
        {"title": "Tuyên truyền Luật Giáo dục", "link": "https://thmm2.edu.vn/a-1.html",
         "date": "Mon, 04 Mar 2024 08:30:00 +0700"}],
        title="Trường Tiểu học số 2 Mường Mươn - Truyền thông chính sách")
    (post,) = read_feed(rss.encode(), "rss").posts
    assert post.category == "Truyền thông chính sách" and post.date == dt.date(2024, 3, 4)


def test_a_feed_in_a_legacy_encoding_is_read():
    # windows-1258 writes a tone as a combining mark after the letter: ê + hook above = ể
    rss = ('<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel>'
           "<title>Tin tuyê\u0309n sinh</title><item><title>Thông báo tuyê\u0309n sinh</title>"
           "<link>https://thmm2.edu.vn/a.html</link><pubDate>Mon, 04 Mar 2024 08:30:00 +0700"
           "</pubDate></item></channel></rss>")
    (post,) = read_feed(rss.encode("cp1258"), "rss").posts
    assert post.title == "Thông báo tuyển sinh"


def test_redirects_are_followed_to_the_feed(site, demo, capsys):
    feed = site.route("/rss/", fx.nukeviet_rss(site.url, [
        {"title": "Bài mới", "link": site.url + "/bai-moi.html",
         "date": "Mon, 04 Mar 2024 08:30:00 +0700"}]), content_type=fx.RSS)
    site.redirect("/feed", site.url + "/rss")
    site.redirect("/rss", feed, status=302)
    code, out, err = run(capsys, "import", str(demo), "--from", site.url + "/feed")
    assert code == 0, err
    assert "1 bài mới" in out


def test_endless_redirects_stop(site, demo, capsys):
    site.redirect("/a", site.url + "/b")
    site.redirect("/b", site.url + "/a")
    code, out, err = run(capsys, "import", str(demo), "--from", site.url + "/a")
    assert code == 2 and "chuyển hướng quá 5 lần" in err
    assert site.count("/a") + site.count("/b") <= 7
    assert not proposals_path(demo).exists()


# Bad input: a clear message, nothing written ------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>x</title><item><title>&d;</title>
<link>https://x.vn/a</link><pubDate>Mon, 04 Mar 2024 08:30:00 +0700</pubDate></item></channel></rss>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&x;</title><link>https://x.vn/a</link></item></channel></rss>"""
NO_DATES = fx.nukeviet_rss("https://x.vn", [{"title": "A", "link": "https://x.vn/a"},
                                            {"title": "B", "link": "https://x.vn/b"}])
BAD_UTF8 = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>'
            .encode() + "Thông báo".encode("cp1258") + b"</title></item></channel></rss>")


@pytest.mark.parametrize("body, message", [
    (fx.article("Trang chủ"), "là một trang web, không phải RSS"),
    ("<rss><channel><item><title>A</item></channel></rss>", "bị hỏng ở dòng 1"),
    (BILLION_LAUGHS, "khai báo thực thể XML"),
    (EXTERNAL, "khai báo thực thể XML"),
    (BAD_UTF8, "không đúng bảng mã"),
    (NO_DATES, "không mục nào có ngày đăng"),
    ("", "trống"),
    ('<?xml version="1.0"?><opml version="2.0"></opml>', "thẻ gốc <opml>"),
])
def test_bad_feeds_are_refused_and_nothing_is_written(site, demo, capsys, body, message):
    url = site.route("/feed", body, content_type=fx.XML)
    before = demo.read_bytes()
    code, out, err = run(capsys, "import", str(demo), "--from", url)
    assert code == 2, (out, err)
    assert message in err and "Traceback" not in err
    assert demo.read_bytes() == before and not proposals_path(demo).exists()


def test_a_huge_answer_is_cut_off(site, demo, capsys, monkeypatch):
    body = b"<rss>" + b" " * (50 * 1024 * 1024) + b"</rss>"
    site.route("/huge", lambda: body, content_type=fx.XML)
    code, out, err = run(capsys, "import", str(demo), "--from", site.url + "/huge")
    assert code == 2 and "quá lớn (hơn 20 MB)" in err
    assert not proposals_path(demo).exists()


def test_a_huge_answer_without_a_length_is_cut_off_while_reading():
    fetcher = Fetcher(WebPolicy(max_bytes=1000))

    class Chunked:
        url, status_code, headers = "http://x", 200, {"Content-Type": "text/xml"}

        def iter_content(self, size):
            while True:  # a server that never stops: the limit must end it
                yield b"x" * 100

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    fetcher.session.request = lambda *a, **k: Chunked()
    with pytest.raises(SourceError) as caught:
        fetcher.fetch("http://x/feed")
    assert caught.value.key == "web-too-large"


def test_a_slow_host_times_out_within_the_bounds(site, demo, capsys, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_WEB_TIMEOUT", "0.5,0.5")
    monkeypatch.setenv("COMMSPLAN_WEB_RETRIES", "1")
    site.route("/slow", fx.nukeviet_rss(site.url, []), content_type=fx.RSS, delay=3)
    start = time.monotonic()
    code, out, err = run(capsys, "import", str(demo), "--from", site.url + "/slow")
    elapsed = time.monotonic() - start
    assert code == 2 and "không trả lời sau 0.5 giây" in err
    assert site.count("/slow") == 2  # the first attempt and one retry
    assert elapsed < 2.5
    assert not proposals_path(demo).exists()


def test_an_answer_that_trickles_stops_at_the_deadline(site, demo, capsys, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_WEB_TIMEOUT", "0.5,0.5")
    monkeypatch.setenv("COMMSPLAN_WEB_RETRIES", "0")
    monkeypatch.setenv("COMMSPLAN_WEB_DEADLINE", "1")
    site.route("/trickle", fx.nukeviet_rss(site.url, []), content_type=fx.RSS, trickle=0.2)
    start = time.monotonic()
    code, out, err = run(capsys, "import", str(demo), "--from", site.url + "/trickle")
    assert code == 2 and "không trả lời sau" in err
    assert time.monotonic() - start < 3  # 100 bytes at 0.2 s each would take 20 s
    assert not proposals_path(demo).exists()


def test_a_dead_host_is_named(demo, capsys, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_WEB_RETRIES", "0")
    address = fx.dead_address()
    code, out, err = run(capsys, "import", str(demo), "--from", address + "/rss")
    assert code == 2 and f"Không kết nối được tới '{address}/rss'" in err


def test_a_missing_page_is_an_error_not_a_retry(site, demo, capsys):
    code, out, err = run(capsys, "import", str(demo), "--from", site.url + "/khong-co")
    assert code == 2 and "HTTP 404" in err
    assert site.count("/khong-co") == 1


def test_an_unknown_source(demo, capsys):
    code, out, err = run(capsys, "import", str(demo), "--from", "ftp-site")
    assert code == 2 and "Không hiểu nguồn 'ftp-site'" in err
    code, out, err = run(capsys, "import", str(demo))
    assert code == 2 and "--from" in err
    code, out, err = run(capsys, "import", str(demo), "--apply", "--from", "x.xml")
    assert code == 2 and "--apply chạy riêng" in err


# Facebook exports ----------------------------------------------------------------------------

def test_vietnamese_export_columns_are_found_by_name():
    posts = facebook.read_export(DATA / "facebook-bai-viet-vi.csv")
    assert len(posts) == 6
    first = posts[0]
    assert first.title == "Kiểm tra vệ sinh an toàn thực phẩm bếp ăn bán trú đầu năm 2024"
    assert first.date == dt.date(2024, 1, 4) and first.page == "61550823471616"
    assert (first.views, first.reactions) == (512, 37)
    assert [facebook.post_type(p.kind) for p in posts] == [
        "Tin bài", "Ảnh", "Video", "Ảnh", "Video", "Tin bài"]


def test_english_export_as_xlsx_with_month_first_dates(tmp_path):
    import csv

    workbook = Workbook()
    sheet = workbook.active
    with (DATA / "facebook-posts-en.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    path = tmp_path / "Page-posts.xlsx"
    workbook.save(path)
    posts = facebook.read_export(path)
    assert [p.date for p in posts] == [dt.date(2024, 1, 4), dt.date(2024, 5, 30)]
    assert facebook.post_type(posts[1].kind) == "Ảnh"


def test_an_export_without_a_link_column_says_which(tmp_path, demo, capsys):
    path = tmp_path / "bai-viet.csv"
    path.write_text("Tiêu đề,Thời gian đăng,Loại bài viết\nA,04/01/2024 09:12,Ảnh\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "import", str(demo), "--from", str(path))
    assert code == 2
    assert "thiếu cột 'Permalink'" in err and "'Liên kết cố định'" in err
    assert "Các cột tìm thấy: Tiêu đề, Thời gian đăng, Loại bài viết" in err
    assert not proposals_path(demo).exists()


# The Graph API ---------------------------------------------------------------------------------

TOKEN = "EAAB-secret-page-token-123"


def graph_pages(site: fx.FixtureSite) -> str:
    """A fake Graph API: the page's posts in three pages, each pointing at the next."""
    root = site.url + "/v19.0"
    posts = [
        ("61550823471616_122140042138712124", "2024-01-04T02:12:00+0000", "added_photos",
         "Kiểm tra vệ sinh an toàn thực phẩm bếp ăn bán trú đầu năm 2024"),
        ("61550823471616_122160000000000001", "2024-06-01T01:00:00+0000", "added_video",
         "Video: Lễ ra trường của học sinh lớp 5"),
        ("61550823471616_122160000000000002", "2024-06-03T17:30:00+0000", "mobile_status_update",
         "Thông báo lịch nghỉ hè năm 2024\nKính gửi cha mẹ học sinh…"),
    ]
    fields = "fields=id%2Ccreated_time%2Cmessage%2Cpermalink_url%2Cstatus_type&limit=100"
    first = f"/v19.0/61550823471616/posts?{fields}&since=2024-01-01"
    paths = [first, "/v19.0/61550823471616/posts?after=A1", "/v19.0/61550823471616/posts?after=A2"]
    for index, path in enumerate(paths):
        post_id, created, kind, message = posts[index]
        answer = {"data": [{"id": post_id, "created_time": created, "status_type": kind,
                            "message": message,
                            "permalink_url": "https://www.facebook.com/61550823471616/posts/"
                                             + post_id.split("_")[1]}]}
        if index + 1 < len(paths):  # Facebook's next link carries the token in its query
            answer["paging"] = {"next": site.url + paths[index + 1] + "&access_token=" + TOKEN}
        site.route(path, json.dumps(answer), content_type="application/json")
    return root


def test_graph_api_follows_paging_and_never_shows_the_token(site, demo, capsys, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_GRAPH_API", graph_pages(site))
    monkeypatch.setenv("COMMSPLAN_FACEBOOK_TOKEN", TOKEN)
    code, out, err = run(capsys, "import", str(demo), "--facebook-page", "61550823471616")
    assert code == 0, err
    assert "Đã đọc 3 bài đăng: 2 bài mới" in out and "1 bài đã có" in out
    assert TOKEN not in out + err
    assert all("access_token" not in path for _, path in site.requests)
    from commsplan.importing import proposals_table

    table = proposals_table(proposals_path(demo)).data
    assert list(table["type"]) == ["Video", "Tin bài"]
    assert list(table["title"]) == ["Video: Lễ ra trường của học sinh lớp 5",
                                    "Thông báo lịch nghỉ hè năm 2024"]
    assert [d.date() for d in table["date"]] == [dt.date(2024, 6, 1), dt.date(2024, 6, 4)]
    assert set(table["channel"]) == {"Fanpage Facebook"}


def test_graph_api_refusal_names_the_variable_not_the_token(site, demo, capsys, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_GRAPH_API", site.url + "/v19.0")
    monkeypatch.setenv("COMMSPLAN_FACEBOOK_TOKEN", TOKEN)
    body = json.dumps({"error": {"message": f"Error validating access token {TOKEN}",
                                 "type": "OAuthException", "code": 190}})
    site.route("/v19.0/61550823471616/posts?fields=id%2Ccreated_time%2Cmessage%2Cpermalink_url"
               "%2Cstatus_type&limit=100&since=2024-01-01", body, status=400,
               content_type="application/json")
    code, out, err = run(capsys, "import", str(demo), "--facebook-page", "61550823471616")
    assert code == 2 and "COMMSPLAN_FACEBOOK_TOKEN" in err
    assert TOKEN not in out + err
    monkeypatch.delenv("COMMSPLAN_FACEBOOK_TOKEN")
    code, out, err = run(capsys, "import", str(demo), "--facebook-page", "61550823471616")
    assert code == 2 and "hãy đặt biến môi trường COMMSPLAN_FACEBOOK_TOKEN" in err
