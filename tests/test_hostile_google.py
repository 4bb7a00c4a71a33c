"""Hostile inputs on the Google side: a school's own "KIỂM TRA" tab, answers that are short,
shuffled or trickle in, two tabs for one, links as teachers paste them, and the messages a
flaky network or a strict firewall produces. Each case once lost data, misread it or misled."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import time

import pytest

from commsplan.cli import main
from commsplan.sheet_writers.writeback import TAB, rows_for
from commsplan.sources.locate import google_sheet_key
from tests.test_google_source import google, run, sample_tabs, seed_both, write_xlsx  # noqa: F401

EXAM = [["LỊCH KIỂM TRA HỌC KỲ I"], ["Khối", "Môn", "Ngày"], ["5", "Toán", "20/12/2024"],
        ["4", "Tiếng Việt", "21/12/2024"]]


def _key(url: str) -> str:
    return url.split("/d/")[1].split("/")[0]


def _write_back(capsys, url, key_file, *more):
    return run(capsys, "check", url, "--write-back", "--as-of", "30/06/2024",
               "--credentials", str(key_file), *more)


def _tab_state(fake, key, title):
    sheet = fake.sheet(key, title)
    return copy.deepcopy((sheet.cells, sheet.formats, sheet.properties, sheet.dimensions))


@pytest.fixture
def fast(google, monkeypatch):
    # init's batchUpdate takes the fake up to 0.7 s on a busy machine
    monkeypatch.setenv("COMMSPLAN_HTTP_TIMEOUT", "1.5,1.5")
    monkeypatch.setenv("COMMSPLAN_HTTP_DEADLINE", "5")
    monkeypatch.setenv("COMMSPLAN_HTTP_RETRIES", "4")
    monkeypatch.setenv("COMMSPLAN_HTTP_BACKOFF", "0.01")
    return google


# 2. Write-back writes only into a tab of its own -----------------------------------------

@pytest.mark.parametrize("title", ["KIỂM TRA", "Kiểm tra", "Kiem tra"])
def test_a_schools_exam_tab_named_like_ours_is_never_touched(google, tmp_path, capsys, title,
                                                             service_account_file):
    tabs = sample_tabs()
    tabs[title] = EXAM
    _, url = seed_both(google, tmp_path, tabs)
    key = _key(url)
    before = _tab_state(google, key, title)
    code, out, err = _write_back(capsys, url, service_account_file)
    assert code == 1, err
    assert _tab_state(google, key, title) == before
    assert not [c for c in google.requests if c.kind in ("values.clear", "values.update")
                and c.params["range"].startswith(f"'{title}'")]
    beside = "Kiểm tra (commsplan)"
    assert google.values(key, beside)[0] == ["Kết quả kiểm tra bảng tính (commsplan)"]
    assert f"'{title}' không phải do commsplan tạo nên được giữ nguyên" in err
    assert f"trang tính mới '{beside}'" in err
    code, out, err = _write_back(capsys, url, service_account_file)  # again: the same new tab
    assert _tab_state(google, key, title) == before
    assert f"vào trang tính '{beside}'" in err
    assert [s.title for s in google.spreadsheet(key).sheets].count(beside) == 1


def test_our_tab_is_marked_with_developer_metadata_not_cell_text(google, tmp_path, capsys,
                                                                  service_account_file):
    _, url = seed_both(google, tmp_path)
    key = _key(url)
    _write_back(capsys, url, service_account_file)
    ours = google.sheet(key, TAB)
    assert google.developer_metadata(key) == [{
        "metadataId": google.developer_metadata(key)[0]["metadataId"],
        "metadataKey": "commsplan.check-result", "metadataValue": str(ours.sheet_id),
        "location": {"locationType": "SHEET", "sheetId": ours.sheet_id},
        "visibility": "DOCUMENT"}]
    assert "commsplan.check-result" not in json.dumps(list(map(str, ours.cells.values())))


def test_a_tab_written_before_the_marker_existed_is_adopted(google, tmp_path, capsys,
                                                            service_account_file):
    import datetime as dt

    from commsplan.findings import Report

    tabs = sample_tabs()
    tabs[TAB] = rows_for(Report([]), dt.date(2024, 5, 1), "en")  # today's rows, no marker
    _, url = seed_both(google, tmp_path, tabs)
    key = _key(url)
    code, out, err = _write_back(capsys, url, service_account_file)
    assert [s.title for s in google.spreadsheet(key).sheets].count(TAB) == 1
    assert "Kiểm tra (commsplan)" not in [s.title for s in google.spreadsheet(key).sheets]
    assert google.values(key, TAB)[2] == ["Tính đến ngày", "30/06/2024"]
    assert [m["metadataKey"] for m in google.developer_metadata(key)] == ["commsplan.check-result"]
    assert google.calls("values.batchGet")[0].query["ranges"] == [f"'{TAB}'!A1:G7"]


def test_a_copy_of_our_tab_is_not_ours(google, tmp_path, capsys, service_account_file):
    """Duplicating a tab may copy its metadata; the marker names the tab it was made for."""
    _, url = seed_both(google, tmp_path)
    key = _key(url)
    _write_back(capsys, url, service_account_file)
    ss = google.spreadsheet(key)
    ours = google.sheet(key, TAB)
    ours.properties["title"] = "Bản sao của Kiểm tra"  # the copy keeps the original's marker…
    ours.properties["sheetId"] = ours.sheet_id + 1  # …on a tab with another id
    ss.metadata[0]["location"]["sheetId"] = ours.sheet_id
    google.set_values(key, "'Bản sao của Kiểm tra'!A1", [["ghi chép của tổ"]])
    before = _tab_state(google, key, "Bản sao của Kiểm tra")
    _write_back(capsys, url, service_account_file)
    assert _tab_state(google, key, "Bản sao của Kiểm tra") == before
    assert google.values(key, TAB)[0] == ["Kết quả kiểm tra bảng tính (commsplan)"]


# 10. Answers are checked, and bounded by wall-clock time ---------------------------------

def _canonical_tabs():
    """Every tab under the contract's own name: the answer to the first read is the data."""
    from tests.test_google_source import _headers

    tabs = sample_tabs()
    tabs["Nhật ký"] = tabs.pop("Nhat ky")
    tabs["Dư luận"] = [_headers("opinions")]
    return tabs


def test_an_answer_without_a_tabs_cells_is_refused_not_reported_missing(fast, tmp_path, capsys,
                                                                        service_account_file):
    _, url = seed_both(fast, tmp_path, _canonical_tabs())
    fast.inject(None, "fewer", times=1)
    code, out, err = run(capsys, "check", url, "--json", "--credentials", str(service_account_file))
    assert code == 2 and out == ""
    assert "thiếu dữ liệu" in err and "Thiếu trang tính" not in err


def test_an_answer_in_another_order_gives_the_same_result(fast, tmp_path, capsys,
                                                          service_account_file):
    _, url = seed_both(fast, tmp_path, _canonical_tabs())
    clean = run(capsys, "check", url, "--json", "--as-of", "30/06/2024",
                "--credentials", str(service_account_file))
    fast.inject(None, "reorder", times=1)
    shuffled = run(capsys, "check", url, "--json", "--as-of", "30/06/2024",
                   "--credentials", str(service_account_file))
    assert shuffled[:2] == clean[:2], shuffled[2]


def _init_tabs():
    """Tabs with headers in the staff's own order, so a header row read for the wrong tab
    would put the contract's headers over theirs."""
    tabs = sample_tabs()
    log = tabs.pop("Nhat ky")
    order = [log[0].index("Kênh")] + [i for i, h in enumerate(log[0]) if h != "Kênh"]
    tabs["Nhat ky"] = [[row[i] if i < len(row) else "" for i in order] for row in log]
    return tabs


@pytest.mark.parametrize("fault", ["fewer", "mismatch"])
def test_init_refuses_header_rows_that_did_not_all_come_back(fast, capsys, fault,
                                                             service_account_file):
    key = fast.add_spreadsheet("có dữ liệu", _init_tabs())
    before = {s.title: copy.deepcopy(s.cells) for s in fast.spreadsheet(key).sheets}
    fast.inject("values.batchGet", fault, times=1)
    code, out, err = run(capsys, "init", key, "--credentials", str(service_account_file))
    assert code == 2
    assert ("thiếu dữ liệu" if fault == "fewer" else "không khớp với yêu cầu") in err
    assert fast.count("spreadsheets.batchUpdate") == 0
    assert {s.title: s.cells for s in fast.spreadsheet(key).sheets} == before


def test_init_matches_header_rows_by_tab_title_not_position(fast, capsys, service_account_file):
    first = fast.add_spreadsheet("a", _init_tabs())
    second = fast.add_spreadsheet("b", _init_tabs())
    run(capsys, "init", first, "--credentials", str(service_account_file))
    fast.inject("values.batchGet", "reorder", times=1)
    code, out, err = run(capsys, "init", second, "--credentials", str(service_account_file))
    assert code == 0, err
    for title in _init_tabs():
        assert fast.sheet(second, title).cells == fast.sheet(first, title).cells, title


def test_an_answer_that_trickles_in_ends_at_the_deadline(google, tmp_path,
                                                         service_account_file):
    """One byte a second: no per-read time-out ever fires; the wall-clock deadline does."""
    _, url = seed_both(google, tmp_path)
    google.inject("spreadsheets.get", "trickle", times=10, delay=1.0)
    env = {**os.environ, "COMMSPLAN_HTTP_DEADLINE": "3", "COMMSPLAN_HTTP_TIMEOUT": "2,2",
           "COMMSPLAN_HTTP_BACKOFF": "0.01"}
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "commsplan", "check", url,
                               "--credentials", str(service_account_file)],
                              env=env, capture_output=True, text=True, timeout=40)
    except subprocess.TimeoutExpired:
        pytest.fail("the run was still reading the trickling answer after 40 s")
    seconds = time.monotonic() - start
    assert done.returncode == 2, done.stderr
    assert re.search(r"không trả lời trọn vẹn trong 3 giây \(đã thử 1 lần\)", done.stderr), \
        done.stderr
    read = google.calls("spreadsheets.get")[0]
    assert read.fault == "trickle"
    assert seconds < 25  # start-up (imports on a busy machine) + the 3 s deadline


# 11. Two tabs for one contract tab ---------------------------------------------------------

def _two_logs():
    tabs = sample_tabs()
    log = tabs.pop("Nhat ky")
    old = [log[0], log[1]]  # last year's copy: one row
    return {**{k: v for k, v in tabs.items()}, "Nhật ký hoạt động": old, "Nhật ký": log}


def test_two_tabs_for_the_log_is_an_error_naming_both_in_xlsx(tmp_path, capsys):
    path = tmp_path / "hai-nhat-ky.xlsx"
    write_xlsx(path, _two_logs())
    code = main(["check", str(path), "--json", "--as-of", "30/06/2024"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    found = [f for f in out["findings"] if f["code"] == "duplicate-tab"]
    assert len(found) == 1
    assert "'Nhật ký hoạt động', 'Nhật ký'" in found[0]["message"]
    assert "Chỉ 'Nhật ký' được đọc" in found[0]["message"]


def test_two_tabs_for_the_log_in_google_in_one_request(google, tmp_path, capsys,
                                                       service_account_file):
    from commsplan import open_book

    path, url = seed_both(google, tmp_path, _two_logs())
    from_xlsx, from_google = open_book(path), open_book(url, credentials=str(service_account_file))
    assert [c.kind for c in google.requests] == ["token", "spreadsheets.get"]
    for book in (from_xlsx, from_google):
        assert [f.code for f in book.findings].count("duplicate-tab") == 1
        assert book["activities"].name == "Nhật ký"  # the contract's own name, not the first
        assert len(book["activities"].data) == 5
    assert [f.message("en") for f in from_google.findings] == \
        [f.message("en") for f in from_xlsx.findings]


# 17. Links as teachers paste them --------------------------------------------------------

KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE"


@pytest.mark.parametrize("link", [
    f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0",
    f"https://docs.google.com/spreadsheets/u/1/d/{KEY}/edit?usp=sharing",
    f"http://docs.google.com/spreadsheets/d/{KEY}/edit",
    f"docs.google.com/spreadsheets/d/{KEY}/edit",
    f"https://drive.google.com/open?id={KEY}",
    f"https://docs.google.com/a/thmm2.edu.vn/spreadsheets/d/{KEY}/edit",
    f"  https://docs.google.com/spreadsheets/d/{KEY}  ",
])
def test_every_form_of_a_sheet_link_gives_its_key(link):
    assert google_sheet_key(link) == KEY


@pytest.mark.parametrize("link, words", [
    ("https://docs.google.com/spreadsheets/d/1AbCdEf/edit", "quá ngắn"),
    ("https://docs.google.com/spreadsheets/d/e/2PACX-1vQx/pubhtml", "Công bố lên web"),
    ("https://onedrive.live.com/edit.aspx?resid=ABC", "là một địa chỉ web"),
    (f"https://docs.google.com/document/d/{KEY}/edit", "tài liệu Google khác"),
])
def test_a_link_that_names_no_sheet_is_said_as_typed(google, capsys, link, words):
    code, out, err = run(capsys, "check", link)
    assert code == 2
    assert words in err
    assert f"'{link}'" in err  # never read as a file name: '//' intact
    assert google.count() == 0


def test_an_xlsx_kept_in_drive_says_to_save_it_as_a_google_sheet(google, capsys,
                                                                  service_account_file):
    key = google.add_office_file()
    link = f"https://docs.google.com/spreadsheets/d/{key}/edit?rtpof=true&sd=true"
    code, out, err = run(capsys, "check", link, "--credentials", str(service_account_file))
    assert code == 2
    assert "Lưu dưới dạng Google Trang tính" in err and "Tải xuống" in err


# 18. Messages from the network and the sign-in --------------------------------------------

@pytest.mark.parametrize("fault, words", [
    ("html", "Nhận được một trang web thay cho câu trả lời của Google"),
    ("empty", "bị lỗi hoặc không đầy đủ (mã 200"),
])
def test_a_portal_or_empty_answer_says_how_often_it_was_tried(fast, tmp_path, capsys, fault,
                                                              words, service_account_file):
    _, url = seed_both(fast, tmp_path)
    fast.inject(None, fault, times=1000)
    code, out, err = run(capsys, "check", url, "--credentials", str(service_account_file))
    assert code == 2 and words in err
    tries = fast.count("spreadsheets.get")
    assert tries > 1 and f"đã thử {tries} lần" in err


@pytest.mark.parametrize("fault", ["slow", "drop"])
def test_network_failures_read_as_sentences(fast, tmp_path, capsys, fault, service_account_file):
    _, url = seed_both(fast, tmp_path)
    fast.inject(None, fault, times=1000, delay=2.5)
    for lang in ("vi", "en"):
        code, out, err = run(capsys, "--lang", lang, "check", url,
                             "--credentials", str(service_account_file))
        assert code == 2
        for raw in ("read timeout=", "Error(", "(104", "HTTPConnectionPool", "Connection aborted"):
            assert raw not in err, err
        assert not re.search(r"\d\.\d+ (giây|s)\b", err), err  # whole seconds
    assert re.search(r"(trong|in) \d+ (giây|s)", err)


def test_a_sign_in_blocked_by_the_network_does_not_blame_the_key(fast, tmp_path, capsys,
                                                                  service_account_file):
    _, url = seed_both(fast, tmp_path)
    fast.inject("token", 403, times=10)
    code, out, err = run(capsys, "check", url, "--credentials", str(service_account_file))
    assert code == 2
    assert "(mã 403)" in err and "Khoá hay tài khoản không sai" in err
    assert "khoá đã bị xoá" not in err and "<html>" not in err
    assert fast.count("token") == 1  # a block is not retried


def test_a_portal_answering_the_sign_in_is_named(fast, tmp_path, capsys, service_account_file):
    _, url = seed_both(fast, tmp_path)
    fast.inject("token", "html", times=1000)
    code, out, err = run(capsys, "check", url, "--credentials", str(service_account_file))
    assert code == 2, err
    assert "Nhận được một trang web" in err
    assert fast.count("spreadsheets.get") == 0


def test_an_account_file_without_a_refresh_token_is_not_called_a_bad_key(google, tmp_path,
                                                                         capsys):
    user_file = tmp_path / "adc.json"
    user_file.write_text(json.dumps({"type": "authorized_user", "client_id": "x.apps",
                                     "client_secret": "s"}))
    code, out, err = run(capsys, "check", KEY, "--credentials", str(user_file))
    assert code == 2
    assert "refresh_token" in err and "authorized_user" in err
    assert "tài khoản dịch vụ" not in err
