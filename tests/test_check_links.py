"""`check --links`: the register's links asked on a local site; dead and mismatched links are
findings at their cells, a login wall or a silent host only a note."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from openpyxl import load_workbook

from commsplan import open_book
from commsplan.sources.linkcheck import DEAD, OK, UNVERIFIED, LinkChecker
from tests import fixture_site as fx
from tests.fixture_site import run

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"


PLANTED = {  # register row → what its page does
    3: "dead-404", 9: "dead-410", 15: "ten-days-off", 21: "two-days-off", 27: "login",
    33: "slow", 40: "head-refused", 45: "refused-host", 51: "server-error",
}


def register_on_site(site: fx.FixtureSite, tmp_path: Path, monkeypatch) -> Path:
    """The demo, every register link moved to the local site; each page gives the row's date
    as its publication date, except the planted ones."""
    import datetime as dt

    monkeypatch.setenv("COMMSPLAN_WEB_TIMEOUT", "0.5,0.5")
    path = tmp_path / "ke-hoach.xlsx"
    shutil.copy(DEMO, path)
    dates = open_book(str(path))["activities"].data["date"]
    workbook = load_workbook(path)
    sheet = workbook["Nhật ký"]
    dead_host = fx.dead_address()
    for row in range(2, sheet.max_row + 1):
        if not sheet.cell(row=row, column=8).value:
            continue
        page = f"/tin-tuc/bai-{row}.html"
        day = dates[row].date()
        kind = PLANTED.get(row, "ok")
        link = site.url + page
        if kind == "dead-404":
            pass  # nothing served there
        elif kind == "dead-410":
            site.route(page, "<html><title>Đã xoá</title></html>", status=410)
        elif kind == "ten-days-off":
            site.route(page, fx.article(f"Bài {row}", (day + dt.timedelta(days=10)).isoformat()))
        elif kind == "two-days-off":
            site.route(page, fx.article(f"Bài {row}", (day - dt.timedelta(days=2)).isoformat()))
        elif kind == "login":
            site.redirect(page, site.url + "/login.php?next=" + page)
            site.route("/login.php?next=" + page, "<html><form><input type='password'></form>")
        elif kind == "slow":
            site.route(page, fx.article(f"Bài {row}", day.isoformat()), delay=2)
        elif kind == "head-refused":
            site.route(page, fx.article(f"Bài {row}", day.isoformat() + "T08:00:00+07:00"),
                       head_status=405)
        elif kind == "refused-host":
            link = dead_host + page
        elif kind == "server-error":
            site.route(page, "<html>Lỗi</html>", status=503)
        else:
            site.route(page, fx.article(f"Bài {row}", day.isoformat() + "T09:00:00+07:00"))
        sheet.cell(row=row, column=8).value = link
    sheet.cell(row=140, column=8).value = sheet.cell(row=139, column=8).value + "?utm_source=x"
    workbook.save(path)
    return path


def test_check_links_finds_the_planted_dead_and_mismatched_links(site, tmp_path, capsys,
                                                                  monkeypatch):
    path = register_on_site(site, tmp_path, monkeypatch)
    start = time.monotonic()
    code, out, err = run(capsys, "check", str(path), "--links", "--json", "--as-of", "31/12/2024")
    elapsed = time.monotonic() - start
    report = json.loads(out)
    found = sorted((f["code"], f["cell"]) for f in report["findings"]
                   if f["code"] in ("dead-link", "link-date-mismatch"))
    assert found == [("dead-link", "H3"), ("dead-link", "H9"), ("link-date-mismatch", "A15")]
    mismatch = next(f for f in report["findings"] if f["code"] == "link-date-mismatch")
    assert "10 ngày" in mismatch["message"]
    # login wall, silent, refusing and failing hosts: a note, not a finding
    assert "4 đường dẫn không xác minh được" in err
    # bounded: 126 links four at a time, a slow page cut at 0.5 s (one retry)
    assert elapsed < 30
    assert site.count("/tin-tuc/bai-33.html") <= 4
    # the same post under two forms of its link is asked once
    assert site.count("/tin-tuc/bai-139.html") == 2  # HEAD, then GET for the date
    assert site.count("/tin-tuc/bai-139.html?utm_source=x") == 0
    # HEAD refused: asked again with GET, and the page's date agrees
    assert [m for m, p in site.requests if p == "/tin-tuc/bai-40.html"] == ["HEAD", "GET"]


def test_link_states(site, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_WEB_TIMEOUT", "0.5,0.5")
    site.route("/a", fx.article("A", "2024-03-05T10:00:00+07:00"))
    site.route("/wall", "<html><body><form><input type=password></form></body></html>",
               status=403)
    states = LinkChecker().check_all([site.url + "/a", site.url + "/none", site.url + "/wall"])
    assert [s.state for s in states.values()] == [OK, DEAD, UNVERIFIED]
    assert states[site.url + "/a"].published.isoformat() == "2024-03-05"


def test_check_without_links_asks_nothing(site, tmp_path, capsys, monkeypatch):
    path = register_on_site(site, tmp_path, monkeypatch)
    code, out, err = run(capsys, "check", str(path), "--as-of", "31/12/2024")
    assert site.requests == []
    assert "dead-link" not in out
