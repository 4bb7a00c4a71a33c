"""Sixty schools' Google Sheets read within a read quota (the fake's, scaled down to 20 reads in
2 seconds): one read each, no 429 provoked, a school that fails listed while the others
complete, progress said per school."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from commsplan.rollup.layout import FAILED, SUMMARY
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources.quota import Quotas, SlidingWindow
from commsplan.sources.workbook import read_workbook
from tests.fake_sheets.fixtures import SERVICE_ACCOUNT_EMAIL
from tests.fixture_site import run
from tests.plan_workbooks import commune_school
from tests.test_google_source import google  # noqa: F401 (fixture)

READS, WINDOW = 20, 2.0


def _office(tmp_path: Path, key_file: Path, ids: list[str], limit: int) -> Path:
    schools = "".join(f'\n[[schools]]\nname = "Trường số {n + 1}"\nsource = "{sid}"\n'
                      for n, sid in enumerate(ids))
    config = tmp_path / "rollup.toml"
    config.write_text(f'''
credentials = "{key_file}"
output = "tong-hop"
workers = 8
retries = 3
[office]
parent_body = "UBND TỈNH LÀO CAI"
name = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
symbol = "SGDĐT"
place = "Lào Cai"
signer_title = "GIÁM ĐỐC"
signer_name = "Nguyễn Văn An"
[quota]
project_reads = {limit}
user_reads = {limit}
window_seconds = {WINDOW}
''' + schools, "utf-8")
    return config


def _schools(fake, count: int) -> list[str]:
    raw = read_workbook(io.BytesIO(workbook_bytes(commune_school(1, activities=30))))
    tabs = {table.name: table.rows for table in raw.tables}
    return [fake.add_spreadsheet(f"Kế hoạch truyền thông {n + 1}", tabs) for n in range(count)]


def test_sixty_schools_one_read_each_within_the_quota(google, tmp_path, capsys,  # noqa: F811
                                                      service_account_file):
    ids = _schools(google, 60)
    google.share(ids[16], "nguoi-khac@truong.edu.vn")  # school 17 no longer shared with us
    google.set_quota(READS, WINDOW)
    google.inject("spreadsheets.get", 503, times=1)  # Google busy once: that school tries again
    config = _office(tmp_path, service_account_file, ids, READS)
    code, out, err = run(capsys, "rollup", str(config), "--period", "2019-Q4",
                         "--as-of", "15/01/2020")
    assert code == 1, err
    assert [c for c in google.requests if c.status == 429] == []
    reads = Counter(c.params["sid"] for c in google.calls("spreadsheets.get"))
    assert set(reads) == set(ids)
    assert sorted(reads.values()) == [1] * 59 + [2]
    assert google.count("token") <= 8  # the key read once: a sign-in at most per thread
    assert "[60/60]" in err
    assert "Trường số 17: không tổng hợp được" in err
    workbook = load_workbook(tmp_path / "tong-hop" / "Tong-hop-truyen-thong-2019-Q4.xlsx")
    assert len(list(workbook[SUMMARY].iter_rows(min_row=2))) == 59
    failed = list(workbook[FAILED].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in failed] == ["Trường số 17"]
    assert SERVICE_ACCOUNT_EMAIL in failed[0][2]


def test_without_the_limit_the_same_reads_would_provoke_429s(google, tmp_path,  # noqa: F811
                                                             capsys, service_account_file):
    ids = _schools(google, 30)
    google.set_quota(READS, WINDOW)
    config = _office(tmp_path, service_account_file, ids, 1000)
    run(capsys, "rollup", str(config), "--period", "2019-Q4", "--as-of", "15/01/2020")
    assert [c for c in google.requests if c.status == 429]


def test_the_sliding_window_holds_a_slot_until_a_window_after_the_answer():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    window = SlidingWindow(2, 10.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(2):
        window.acquire()
        now[0] += 1.0  # each answer takes a second
        window.release()
    window.acquire()  # the first slot frees 10 s after its answer came, at 11 s
    assert now[0] == pytest.approx(11.0) and slept == [pytest.approx(9.0)]


def test_service_accounts_of_one_project_share_its_quota():
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    quotas = Quotas(project_limit=3, user_limit=2, window=10.0, clock=lambda: now[0],
                    sleep=sleep)
    for user in ("a", "a", "b"):  # the project's three reads, two of them by one account
        with quotas.read("du-an-1", user):
            pass
    with quotas.read("du-an-2", "c"):  # another project: its own quota
        pass
    assert now[0] == 0.0
    with quotas.read("du-an-1", "b"):  # b may read again, the project may not until 10 s
        pass
    assert now[0] == pytest.approx(10.0)
