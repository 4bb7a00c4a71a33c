"""Each fault the fake can inject is retried to success or ends with a clear message within the
bound; requests that are not safe to repeat are not repeated."""

from __future__ import annotations

import json
import socket
import time

import pytest
import requests

from commsplan.contract import load_contract
from commsplan.errors import SourceError
from commsplan.sources.http import Endpoints, HttpPolicy, RetryingHTTPClient
from tests.test_google_source import google, run, seed_both  # noqa: F401 (fixture)

DEADLINE = 6.0
READ_TIMEOUT = 1.5  # the fake needs 0.25-0.7 s for init's batchUpdate; room for a busy machine
SLOW = READ_TIMEOUT * 2.5  # how long a "slow" answer takes: past the time-out
BOUND = DEADLINE + READ_TIMEOUT + 1.0  # the deadline, one last time-out, and slack
# init's one batchUpdate lays out every tab's columns (the fake stores them cell by cell):
# ~0.3 s alone, over 1 s on a machine shared by several test runs
INIT_READ_TIMEOUT = 3.0
INIT_SLOW = INIT_READ_TIMEOUT + 1.0


@pytest.fixture
def fast(google, monkeypatch):
    """Short time-outs and waits, so a test sees many retries in a few seconds."""
    monkeypatch.setenv("COMMSPLAN_HTTP_TIMEOUT", f"1,{READ_TIMEOUT}")
    monkeypatch.setenv("COMMSPLAN_HTTP_DEADLINE", str(DEADLINE))
    monkeypatch.setenv("COMMSPLAN_HTTP_RETRIES", "4")
    monkeypatch.setenv("COMMSPLAN_HTTP_BACKOFF", "0.01")
    return google


@pytest.fixture
def seeded(fast, tmp_path):
    tabs_path, url = seed_both(fast, tmp_path)
    return url


def _check(capsys, url, key_file, *more):
    start = time.monotonic()
    code, out, err = run(capsys, "check", url, "--json", "--as-of", "30/06/2024",
                         "--credentials", str(key_file), *more)
    return code, out, err, time.monotonic() - start


TRANSIENT = [429, 500, 502, 503, 504, "slow", "drop", "malformed"]


@pytest.mark.parametrize("fault", TRANSIENT)
def test_a_passing_fault_is_retried_to_the_same_result(fast, seeded, capsys, fault,
                                                       service_account_file):
    clean = _check(capsys, seeded, service_account_file)
    fast.requests.clear()
    fast.inject("spreadsheets.get", fault, times=2, retry_after=0, delay=SLOW)
    code, out, err, seconds = _check(capsys, seeded, service_account_file)
    assert (code, json.loads(out)) == (clean[0], json.loads(clean[1])), err
    reads = fast.calls("spreadsheets.get")
    assert [c.fault for c in reads[:2]] == [fault, fault]
    assert seconds < BOUND


@pytest.mark.parametrize("fault, words", [
    (429, "vượt hạn mức"), (500, "mã 500"), (502, "mã 502"), (503, "mã 503"), (504, "mã 504"),
    ("slow", "không trả lời trọn vẹn trong"), ("drop", "Không kết nối được tới Google"),
    ("malformed", "bị lỗi hoặc không đầy đủ"),
])
def test_a_lasting_fault_ends_with_a_clear_message_in_time(fast, seeded, capsys, fault, words,
                                                           service_account_file):
    fast.inject(None, fault, times=1000, retry_after=0, delay=SLOW)
    code, out, err, seconds = _check(capsys, seeded, service_account_file)
    assert code == 2
    assert out == ""  # no half result
    assert words in err.strip().splitlines()[-1], err  # (the fake may log a broken pipe)
    assert seconds < BOUND
    assert 1 < fast.count("spreadsheets.get") <= 5  # bounded: at most 1 + 4 retries


def test_retry_after_is_honoured(fast, seeded, capsys, service_account_file):
    fast.inject("spreadsheets.get", 429, times=1, retry_after=1)
    code, out, err, seconds = _check(capsys, seeded, service_account_file)
    assert code == 1, err
    assert seconds >= 1.0


def test_a_retry_after_beyond_the_deadline_stops_at_once(fast, seeded, capsys,
                                                         service_account_file):
    fast.inject("spreadsheets.get", 429, times=5, retry_after=120)
    code, out, err, seconds = _check(capsys, seeded, service_account_file)
    assert code == 2
    assert "khoảng 120 giây" in err
    assert seconds < 2


def test_a_dead_sign_in_service_gives_its_own_message(fast, seeded, capsys,
                                                      service_account_file):
    fast.inject("token", 503, times=100)
    code, out, err, seconds = _check(capsys, seeded, service_account_file)
    assert code == 2
    assert "đăng nhập của Google" in err
    assert fast.count("spreadsheets.get") == 0


# Requests that must not be repeated --------------------------------------------------------

@pytest.fixture
def blank(fast, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_HTTP_TIMEOUT", f"1,{INIT_READ_TIMEOUT}")
    monkeypatch.setenv("COMMSPLAN_HTTP_DEADLINE", str(DEADLINE + INIT_READ_TIMEOUT))
    return fast.add_spreadsheet("trống")


def _init(capsys, key, key_file):
    return run(capsys, "init", key, "--credentials", str(key_file))


@pytest.mark.parametrize("fault", [500, 503])
def test_a_server_error_on_batch_update_is_not_repeated(fast, blank, capsys, fault,
                                                        service_account_file):
    fast.inject("spreadsheets.batchUpdate", fault, times=1)
    code, out, err = _init(capsys, blank, service_account_file)
    assert code == 2 and f"mã {fault}" in err
    assert fast.count("spreadsheets.batchUpdate") == 1
    assert [s.title for s in fast.spreadsheet(blank).sheets] == ["Sheet1"]
    code, out, err = _init(capsys, blank, service_account_file)  # running again completes it
    assert code == 0, err
    assert len(fast.spreadsheet(blank).sheets) == len(load_contract().tabs) + 1


def test_a_dropped_batch_update_says_the_outcome_is_unknown(fast, blank, capsys,
                                                            service_account_file):
    fast.inject("spreadsheets.batchUpdate", "drop", times=1)
    code, out, err = _init(capsys, blank, service_account_file)
    assert code == 2
    assert "không rõ thay đổi đã được ghi hay chưa" in err
    assert fast.count("spreadsheets.batchUpdate") == 1
    assert _init(capsys, blank, service_account_file)[0] == 0


def test_a_slow_batch_update_is_not_repeated(fast, blank, capsys, service_account_file):
    fast.inject("spreadsheets.batchUpdate", "slow", times=1, delay=INIT_SLOW)
    code, out, err = _init(capsys, blank, service_account_file)
    assert code == 2 and "chạy lại là an toàn" in err
    assert fast.count("spreadsheets.batchUpdate") == 1
    late = fast.calls("spreadsheets.batchUpdate")[0]
    for _ in range(100):  # the fake applies it after its delay
        if late.status is not None:
            break
        time.sleep(0.1)
    fast.requests.clear()
    assert _init(capsys, blank, service_account_file)[0] == 0
    assert fast.count("spreadsheets.batchUpdate") == 0


def test_a_quota_refusal_of_batch_update_is_retried(fast, blank, capsys, service_account_file):
    """429 comes before Google carries anything out, so even addSheet may be sent again."""
    fast.inject("spreadsheets.batchUpdate", 429, times=1, retry_after=0)
    code, out, err = _init(capsys, blank, service_account_file)
    assert code == 0, err
    assert fast.count("spreadsheets.batchUpdate") == 2
    assert len(fast.spreadsheet(blank).sheets) == len(load_contract().tabs) + 1


def test_a_malformed_answer_to_batch_update_is_not_resent(fast, blank, capsys,
                                                          service_account_file):
    fast.inject("spreadsheets.batchUpdate", "malformed", times=1)
    code, out, err = _init(capsys, blank, service_account_file)
    assert code == 0, err  # applied; the reply's body is not needed
    assert fast.count("spreadsheets.batchUpdate") == 1
    fast.requests.clear()
    _init(capsys, blank, service_account_file)
    assert fast.count("spreadsheets.batchUpdate") == 0


@pytest.mark.parametrize("fault", [503, "drop", "malformed"])
def test_write_back_values_are_retried(fast, seeded, capsys, fault, service_account_file):
    fast.inject("values.update", fault, times=1)
    code, out, err, _ = _check(capsys, seeded, service_account_file, "--write-back")
    assert code == 1, err
    assert fast.count("values.update") == 2
    key = seeded.split("/d/")[1].split("/")[0]
    assert fast.values(key, "Kiểm tra")[0] == ["Kết quả kiểm tra bảng tính (commsplan)"]


def test_sharing_is_not_repeated(fast, blank, capsys, service_account_file):
    fast.inject("permissions.create", "drop", times=1)
    code, out, err = run(capsys, "init", blank, "--share", "gv@truong.edu.vn",
                         "--credentials", str(service_account_file))
    assert code == 2 and "chạy lại là an toàn" in err
    assert fast.count("permissions.create") == 1


# The HTTP client on its own ----------------------------------------------------------------

def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_is_retried_even_for_batch_update():
    """Nothing was sent, so even a request that is not idempotent may be tried again."""
    waits = []
    policy = HttpPolicy(connect_timeout=0.5, read_timeout=0.5, retries=3, deadline=5,
                        backoff=0.01)
    client = RetryingHTTPClient(None, requests.Session(), policy=policy,
                                endpoints=Endpoints(f"http://127.0.0.1:{_closed_port()}"),
                                sleep=waits.append)
    with pytest.raises(SourceError) as failure:
        client.request("post", "https://sheets.googleapis.com/v4/spreadsheets/k:batchUpdate",
                       json={"requests": []})
    assert failure.value.key == "google-network"
    assert client.attempts == 4 and len(waits) == 3


def test_backoff_has_full_jitter_and_a_cap():
    client = RetryingHTTPClient(None, requests.Session(),
                                policy=HttpPolicy(backoff=1.0, max_backoff=8.0))
    waits = [client._backoff(retry) for retry in range(10) for _ in range(20)]
    assert min(waits) >= 0 and max(waits) <= 8.0
    assert len({round(w, 6) for w in waits}) > 100  # random, not fixed steps


def test_the_policy_reads_the_environment():
    policy = HttpPolicy.from_env({"COMMSPLAN_HTTP_TIMEOUT": "3,7", "COMMSPLAN_HTTP_RETRIES": "2",
                                  "COMMSPLAN_HTTP_DEADLINE": "9"})
    assert (policy.connect_timeout, policy.read_timeout, policy.retries, policy.deadline) == \
        (3.0, 7.0, 2, 9.0)
    assert HttpPolicy.from_env({}) == HttpPolicy()
    with pytest.raises(SourceError):
        HttpPolicy.from_env({"COMMSPLAN_HTTP_TIMEOUT": "lâu"})


@pytest.mark.parametrize("fault", [503, "slow", "drop", "malformed"])
def test_a_plan_that_cannot_be_read_writes_no_file(fast, capsys, tmp_path, fault,
                                                   service_account_file):
    from tests.test_google_source import DEMO, load_into_fake

    if not DEMO.exists():
        pytest.skip(f"no demo workbook at {DEMO}")
    key = load_into_fake(fast, DEMO)
    fast.inject(None, fault, times=1000, retry_after=0, delay=SLOW)
    out_file = tmp_path / "out" / "ke-hoach.docx"
    start = time.monotonic()
    code, out, err = run(capsys, "plan", key, "-o", str(out_file),
                         "--credentials", str(service_account_file))
    assert code == 2
    assert time.monotonic() - start < BOUND
    assert not out_file.exists() and not (tmp_path / "out").exists()
    assert list(tmp_path.glob("**/*.docx")) == []


def test_network_down_is_said_plainly(fast, seeded, capsys, monkeypatch, service_account_file):
    monkeypatch.setenv("COMMSPLAN_SHEETS_API", f"http://127.0.0.1:{_closed_port()}")
    code, out, err, seconds = _check(capsys, seeded, service_account_file)
    assert code == 2 and out == ""
    assert "Không kết nối được tới Google" in err and "kiểm tra kết nối mạng" in err
    assert seconds < BOUND
