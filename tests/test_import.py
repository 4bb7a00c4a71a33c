"""`commsplan import`: posts on the website and the fanpage → proposals → the register."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from openpyxl import load_workbook

from commsplan import open_book
from commsplan.importing import proposals_path, proposals_table
from tests import fixture_site as fx
from tests.fixture_site import run
from tests.workbook_state import workbook_state

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
DATA = REPO / "tests" / "data"
EXPORT_VI = DATA / "facebook-bai-viet-vi.csv"
EXPORT_EN = DATA / "facebook-posts-en.csv"
PAGE = "61550823471616"
TOPIC_SPORT = "Công tác giáo dục thể chất, hoạt động thể thao, y tế trường học"
TOPIC_POLICY = "Truyền thông chính sách"
TOPIC_IT = "Tăng cường ứng dụng CNTT và chuyển đổi số"


# The demo with a website: two of its articles are in the register already -------------------

ARTICLES = [  # (path, title, date, category)
    ("/index.php?nv=news&op=tin-tuc/hoc-sinh-hoan-thanh-kiem-tra-cuoi-hoc-ky-i-12.html",
     "Học sinh khối 1, 2, 3 hoàn thành bài kiểm tra định kỳ cuối học kỳ I",
     "Fri, 12 Jan 2024 09:00:00 +0700", "Thực hiện hiệu quả chương trình giáo dục phổ thông"),
    ("/index.php?nv=news&op=chinh-sach/ho-tro-hoc-sinh-ban-tru-22.html",
     "Tuyên truyền chính sách hỗ trợ học sinh bán trú theo Nghị định 116/2016/NĐ-CP",
     "Tue, 27 Feb 2024 08:00:00 +0700", "Truyền thông chính sách"),
    ("/index.php?nv=news&op=the-thao/giai-bong-da-mini-35.html",
     "Giải bóng đá mini học sinh chào mừng ngày thành lập Đoàn 26/3",
     "Mon, 25 Mar 2024 02:30:00 GMT", "Công tác giáo dục thể chất, hoạt động thể thao, y tế "
     "trường học"),
    ("/index.php?nv=news&op=tin-tuc/tap-huan-phan-mem-quan-ly-truong-hoc-36.html",
     "Tập huấn sử dụng phần mềm quản lý trường học và học bạ số",
     "Tue, 02 Apr 2024 10:00:00 +0700", "Tin tức"),
    ("/index.php?nv=news&op=tin-tuc/bai-cu-2023-1.html", "Khai giảng năm học 2023-2024",
     "Tue, 05 Sep 2023 07:00:00 +0700", "Tin tức"),
]
SITEMAP_ONLY = ("/index.php?nv=news&op=tin-tuc/chuyen-doi-so-trong-nha-truong-40.html",
                "Ứng dụng chuyển đổi số trong quản lý, dạy học tại nhà trường", "2024-04-20")


def serve_school(site: fx.FixtureSite) -> dict[str, str]:
    """The NukeViet site: RSS, a sitemap index with its news sitemap, article pages."""
    items = [{"title": t, "link": site.url + p, "date": d, "category": c}
             for p, t, d, c in ARTICLES]
    rss = site.route("/index.php?nv=news&op=rss", fx.nukeviet_rss(site.url, items), 200, fx.RSS)
    news = [{"link": site.url + p, "date": "2024-03-25T09:30:00+07:00"} for p, *_ in ARTICLES[2:3]]
    news.append({"link": site.url + SITEMAP_ONLY[0], "date": SITEMAP_ONLY[2] + "T08:00:00+07:00"})
    site.route("/index.php?nv=news&op=sitemap", fx.news_sitemap(news), 200, fx.XML)
    index = site.route("/index.php?nv=SitemapIndex",
                       fx.sitemap_index([site.url + "/index.php?nv=news&op=sitemap"]), 200, fx.XML)
    for path, title, *_ in ARTICLES:
        site.route(path, fx.article(title))
    site.route(SITEMAP_ONLY[0], fx.article(SITEMAP_ONLY[1]))
    return {"rss": rss, "sitemap": index}


def demo_with_website(tmp_path: Path, site_url: str) -> Path:
    """The demo workbook, its website channel at the fixture site, two articles registered
    under other forms of their links (tracking parameters, parameters reordered, a fragment)."""
    path = tmp_path / "ke-hoach.xlsx"
    shutil.copy(DEMO, path)
    book = load_workbook(path)
    channels = book["Kênh"]
    for row in channels.iter_rows(min_row=2):
        if row[0].value == "Website trường":
            row[2].value = site_url + "/"
    register = book["Nhật ký"]
    links = {6: site_url + ARTICLES[0][0] + "&utm_source=zalo&utm_medium=share",
             22: site_url + "/index.php?op=" + ARTICLES[1][0].split("&op=")[1] + "&nv=news#binh-luan"}
    for row, link in links.items():
        assert register.cell(row=row, column=7).value == "Website trường"
        register.cell(row=row, column=8).value = link
    book.save(path)
    return path


def proposals(path: Path) -> list[dict]:
    table = proposals_table(proposals_path(path))
    rows = []
    for row in table.data.index:
        rows.append({k: (None if v is None or v != v else v) for k, v in
                     table.data.loc[row].to_dict().items()})
    return rows


def test_import_proposes_exactly_the_new_posts(site, tmp_path, capsys):
    urls = serve_school(site)
    path = demo_with_website(tmp_path, site.url)
    before = path.read_bytes()
    code, out, err = run(capsys, "import", str(path), "--from", urls["rss"], urls["sitemap"],
                         str(EXPORT_VI), str(EXPORT_EN))
    assert code == 0, err
    assert path.read_bytes() == before  # the register workbook is not touched
    rows = {r["link"]: r for r in proposals(path)}
    new_site = {site.url + p for p, *_ in ARTICLES[2:4]} | {site.url + SITEMAP_ONLY[0]}
    new_facebook = {
        "https://www.facebook.com/61550823471616/posts/122150000000000001",
        "https://www.facebook.com/reel/122150000000000002",
        "https://www.facebook.com/TruongTHso2MuongMuon/posts/pfbid02GxK3m9tqYbWc7RzJd1Lh5u4vEo8NnQ2s6AfP1kT7yZ",
        "https://www.facebook.com/photo/?fbid=122150000000000003&set=a.122100000000000001",
    }
    assert set(rows) == new_site | new_facebook  # 2023's article is outside the plan period
    for link in new_site:
        assert rows[link]["channel"] == "Website trường" and rows[link]["type"] == "Tin bài"
    for link in new_facebook:
        assert rows[link]["channel"] == "Fanpage Facebook"
    assert rows[site.url + ARTICLES[2][0]]["topic"] == TOPIC_SPORT  # its category names it
    assert "chuyên mục" in rows[site.url + ARTICLES[2][0]]["reason"]
    assert rows[site.url + SITEMAP_ONLY[0]]["title"] == SITEMAP_ONLY[1]  # read from the page
    assert rows[site.url + SITEMAP_ONLY[0]]["date"].date() == dt.date(2024, 4, 20)
    assert rows[site.url + ARTICLES[2][0]]["date"].date() == dt.date(2024, 3, 25)  # 02:30 UTC
    reel = rows["https://www.facebook.com/reel/122150000000000002"]
    assert reel["type"] == "Video" and reel["views"] == 2310 and reel["reactions"] == 140
    photo = rows["https://www.facebook.com/photo/?fbid=122150000000000003&set=a.122100000000000001"]
    assert photo["type"] == "Ảnh" and photo["date"].date() == dt.date(2024, 5, 30)
    pfbid = rows[next(link for link in new_facebook if "pfbid" in link)]
    assert "Có thể trùng Nhật ký!H" in pfbid["reason"]  # same day, near-identical title
    assert all(r["decision"] is None for r in rows.values())
    assert "7 bài mới" in out
    # only the article pages of new sitemap links were asked for their titles
    assert site.count(ARTICLES[2][0]) == 0 and site.count(SITEMAP_ONLY[0]) == 1

    # a second run finds them in the proposals: nothing new, nothing written
    side = proposals_path(path).read_bytes()
    code, out, err = run(capsys, "import", str(path), "--from", urls["rss"], str(EXPORT_VI))
    assert code == 0, err
    assert "không có bài nào mới" in out
    assert proposals_path(path).read_bytes() == side


def test_apply_moves_confirmed_rows_and_nothing_else(site, tmp_path, capsys):
    urls = serve_school(site)
    path = demo_with_website(tmp_path, site.url)
    assert run(capsys, "import", str(path), "--from", urls["rss"], str(EXPORT_VI))[0] == 0
    side = proposals_path(path)
    workbook = load_workbook(side)
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    decided = {}
    for row in range(2, sheet.max_row + 1):
        link = sheet.cell(row=row, column=col["Đường dẫn"]).value
        if link.endswith("giai-bong-da-mini-35.html"):  # confirmed and complete
            decided[row] = "move"
            sheet.cell(row=row, column=col["Đưa vào Nhật ký"]).value = "Có"
            sheet.cell(row=row, column=col["Người thực hiện"]).value = "Đặng Văn Tuấn"
            sheet.cell(row=row, column=col["Đơn vị"]).value = "Liên đội"
            note = sheet.cell(row=row, column=col["Ghi chú"])
            note.value, note.data_type = "=HYPERLINK(\"x\")", "s"  # text, as pasted
        elif link.endswith("122150000000000001"):  # confirmed, but no topic was guessed
            decided[row] = "move"
            sheet.cell(row=row, column=col["Đưa vào Nhật ký"]).value = "x"
            sheet.cell(row=row, column=col["Chủ đề"]).value = "Triển khai xây dựng văn hóa học đường"
            sheet.cell(row=row, column=col["Người thực hiện"]).value = "Hoàng Thị Lan"
        elif link.endswith("122150000000000002"):  # confirmed but no author: stays
            sheet.cell(row=row, column=col["Đưa vào Nhật ký"]).value = "Có"
            decided[row] = "incomplete"
        elif "pfbid" in link:  # rejected: stays, so it is not proposed again
            sheet.cell(row=row, column=col["Đưa vào Nhật ký"]).value = "Không"
            decided[row] = "rejected"
    workbook.save(side)
    assert sorted(decided.values()) == ["incomplete", "move", "move", "rejected"]
    proposed = len(proposals(path))
    before = workbook_state(path)
    count_before = len(open_book(str(path))["activities"].data)

    code, out, err = run(capsys, "import", str(path), "--apply")
    assert code == 0, err
    assert "Đã chuyển 2 đề xuất vào Nhật ký (dòng 141, 142)" in out
    assert "thiếu hoặc sai Người thực hiện" in err
    after = workbook_state(path)
    assert {t: s for t, s in after.items() if t != "Nhật ký"} == \
        {t: s for t, s in before.items() if t != "Nhật ký"}
    register_before, register_after = before["Nhật ký"], after["Nhật ký"]
    assert register_after[1:] == register_before[1:]  # validations, widths, frozen header
    changed = {k for k in register_after[0] if register_after[0][k] != register_before[0].get(k)}
    assert {int(k.lstrip("ABCDEFGHI")) for k in changed} == {141, 142}
    book = open_book(str(path))
    table = book["activities"].data
    assert len(table) == count_before + 2
    moved = table.loc[141]
    assert moved["title"] == "Giải bóng đá mini học sinh chào mừng ngày thành lập Đoàn 26/3"
    assert (moved["topic"], moved["type"], moved["channel"], moved["author"], moved["unit"]) == (
        TOPIC_SPORT, "Tin bài", "Website trường", "Đặng Văn Tuấn", "Liên đội")
    assert moved["date"].date() == dt.date(2024, 3, 25)
    assert moved["notes"] == "=HYPERLINK(\"x\")"
    assert [f for f in book.findings if f.severity == "error"] == []
    left = proposals(path)
    assert len(left) == proposed - 2
    assert not any(r["link"].endswith(("mini-35.html", "122150000000000001")) for r in left)
    assert any("pfbid" in r["link"] and r["decision"] is False for r in left)

    # a second --apply moves nothing more
    code, out, err = run(capsys, "import", str(path), "--apply")
    assert code == 0 and "Không có đề xuất nào" in out
    assert len(open_book(str(path))["activities"].data) == count_before + 2


# The same through a Google Sheet (the fake Sheets server) -------------------------------------

def _tabs_of(path: Path) -> dict[str, list[list]]:
    book = load_workbook(path)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets if sheet.title != "Đề xuất"}


def _state(fake, key) -> dict:
    import copy

    return {s.title: copy.deepcopy((s.cells, s.formats, s.validations, s.notes,
                                    s.protected_ranges, s.conditional_formats, s.properties,
                                    s.dimensions))
            for s in fake.spreadsheet(key).sheets}


def test_import_and_apply_through_google_sheets(site, tmp_path, capsys, monkeypatch, fake_sheets,
                                                service_account_file):
    monkeypatch.setenv("COMMSPLAN_SHEETS_API", fake_sheets.url)
    monkeypatch.setenv("COMMSPLAN_HTTP_TIMEOUT", "5,10")
    urls = serve_school(site)
    key = fake_sheets.add_spreadsheet("Kế hoạch", _tabs_of(demo_with_website(tmp_path, site.url)))
    url = f"https://docs.google.com/spreadsheets/d/{key}/edit"
    credentials = ("--credentials", str(service_account_file))
    before = _state(fake_sheets, key)

    code, out, err = run(capsys, "import", url, "--from", urls["rss"], urls["sitemap"],
                         str(EXPORT_VI), str(EXPORT_EN), *credentials)
    assert code == 0, err
    assert "7 bài mới" in out and "'Đề xuất'" in out
    writes = [c for c in fake_sheets.requests if c.kind in ("spreadsheets.batchUpdate",
                                                            "values.update", "values.append",
                                                            "values.batchUpdate")]
    assert [c.kind for c in writes] == ["spreadsheets.batchUpdate"]
    after = _state(fake_sheets, key)
    assert {t: s for t, s in after.items() if t != "Đề xuất"} == before
    rows = fake_sheets.values(key, "Đề xuất")
    header = rows[0]
    by_link = {r[header.index("Đường dẫn")]: dict(zip(header, r + [""] * len(header)))
               for r in rows[1:]}
    sport = by_link[site.url + ARTICLES[2][0]]
    assert (sport["Kênh"], sport["Loại"], sport["Chủ đề"]) == ("Website trường", "Tin bài",
                                                               TOPIC_SPORT)
    assert sport["Ngày"] == "25/03/2024"
    assert len(by_link) == 7

    # staff confirm one row and reject another
    row = 1 + next(i for i, r in enumerate(rows[1:], 1) if r[header.index("Đường dẫn")]
                   == site.url + ARTICLES[2][0])
    letter = {h: chr(ord("A") + i) for i, h in enumerate(header)}
    fake_sheets.set_values(key, f"'Đề xuất'!{letter['Đưa vào Nhật ký']}{row}", [["Có"]])
    fake_sheets.set_values(key, f"'Đề xuất'!{letter['Người thực hiện']}{row}", [["Đặng Văn Tuấn"]])
    fake_sheets.set_values(key, f"'Đề xuất'!{letter['Đưa vào Nhật ký']}{row + 1}", [["Không"]])
    before_apply = _state(fake_sheets, key)
    register_before = fake_sheets.values(key, "Nhật ký")
    count = len(fake_sheets.requests)

    code, out, err = run(capsys, "import", url, "--apply", *credentials)
    assert code == 0, err
    assert "Đã chuyển 1 đề xuất vào Nhật ký (dòng 141)" in out
    writes = [c for c in fake_sheets.requests[count:] if c.kind not in (
        "token", "values.batchGet", "spreadsheets.get")]
    assert [c.kind for c in writes] == ["spreadsheets.batchUpdate"]
    after = _state(fake_sheets, key)
    assert {t: s for t, s in after.items() if t not in ("Đề xuất", "Nhật ký")} == \
        {t: s for t, s in before_apply.items() if t not in ("Đề xuất", "Nhật ký")}
    register = fake_sheets.values(key, "Nhật ký")
    assert register[:-1] == register_before
    assert register[-1][:8] == ["25/03/2024", TOPIC_SPORT, "Tin bài", ARTICLES[2][1],
                                "Đặng Văn Tuấn", "", "Website trường", site.url + ARTICLES[2][0]]
    left = fake_sheets.values(key, "Đề xuất")
    assert len(left) == len(rows) - 1
    assert site.url + ARTICLES[2][0] not in {r[header.index("Đường dẫn")] for r in left[1:]}
    assert sum(1 for r in left[1:] if r[0] == "Không") == 1


# The proposals tab in the contract ------------------------------------------------------------

def test_the_template_has_the_proposals_tab(tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    assert run(capsys, "template", str(path))[0] == 0
    sheet = load_workbook(path)["Đề xuất"]
    headers = [c.value for c in sheet[1]]
    assert headers[:2] == ["Đưa vào Nhật ký", "Ngày"] and "Lý do gợi ý" in headers
    assert sheet["A1"].comment is not None


def test_a_workbook_without_the_proposals_tab_reads_with_a_finding_saying_what_to_add(tmp_path):
    path = tmp_path / "cu.xlsx"
    book = load_workbook(DEMO)
    del book["Đề xuất"]
    book.save(path)
    read = open_book(str(path))
    (finding,) = [f for f in read.findings if f.tab == "Đề xuất"]
    assert finding.code == "missing-proposals-tab" and finding.severity == "warning"
    assert "commsplan init" in finding.message() and "commsplan import" in finding.message()
    assert read["proposals"].data.empty


def test_a_second_google_import_appends_under_the_proposals_already_there(
        site, tmp_path, capsys, monkeypatch, fake_sheets, service_account_file):
    monkeypatch.setenv("COMMSPLAN_SHEETS_API", fake_sheets.url)
    urls = serve_school(site)
    key = fake_sheets.add_spreadsheet("Kế hoạch", _tabs_of(demo_with_website(tmp_path, site.url)))
    url = f"https://docs.google.com/spreadsheets/d/{key}/edit"
    credentials = ("--credentials", str(service_account_file))
    assert run(capsys, "import", url, "--from", urls["rss"], *credentials)[0] == 0
    first = fake_sheets.values(key, "Đề xuất")
    grid = fake_sheets.sheet(key, "Đề xuất").grid
    grid["rowCount"] = len(first)  # a full grid: the next rows need appendDimension
    later = fx.nukeviet_rss(site.url, [{"title": "Lễ tổng kết năm học 2023-2024",
                                        "link": site.url + "/tong-ket-50.html",
                                        "date": "Fri, 31 May 2024 08:00:00 +0700"}])
    feed = site.route("/rss-moi", later, content_type=fx.RSS)
    count = len(fake_sheets.requests)
    code, out, err = run(capsys, "import", url, "--from", feed, urls["rss"], *credentials)
    assert code == 0, err
    assert "1 bài mới" in out
    calls = fake_sheets.requests[count:]
    (write,) = [c for c in calls if c.kind == "spreadsheets.batchUpdate"]
    assert [next(iter(r)) for r in write.body["requests"]] == ["appendDimension", "updateCells"]
    rows = fake_sheets.values(key, "Đề xuất")
    assert rows[:-1] == first
    assert rows[-1][1:5] == ["31/05/2024", "", "Tin bài", "Lễ tổng kết năm học 2023-2024"]
