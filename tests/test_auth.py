"""Credentials: a service-account key, a person's account (OAuth, token cached 0600), the
machine's default; the right scope for each command; clear messages; no secret ever shown."""

from __future__ import annotations

import json
import logging
import os
import stat

import pytest
import requests

from commsplan.sources import auth
from commsplan.sources.auth import READ_SCOPES, WRITE_SCOPES, load_credentials, token_cache_path
from tests.fake_sheets.fixtures import SERVICE_ACCOUNT_EMAIL
from tests.test_google_source import google, run, seed_both  # noqa: F401 (fixture)

REFRESH_SECRET = "1//refresh-token-that-must-stay-secret"
CLIENT_SECRET = "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-secret"


@pytest.fixture
def no_default(monkeypatch, tmp_path):
    """No Application Default Credentials: an empty home, no gcloud, no metadata server."""
    from google.auth.compute_engine import _metadata

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path / "gcloud"))
    monkeypatch.setattr(_metadata, "_NO_GCE_CHECK", True)


def _pem_body(key_file) -> list[str]:
    """Lines from the middle of the private key: if any is shown, the key leaked."""
    pem = json.loads(key_file.read_text())["private_key"]
    return [line for line in pem.splitlines() if "PRIVATE KEY" not in line][3:8]


# Which credentials, and the messages when there are none --------------------------------

def test_no_credentials_names_the_three_ways(google, no_default, capsys):
    code, out, err = run(capsys, "check", "1" + "k" * 43)
    assert code == 2
    assert "--credentials" in err and "GOOGLE_APPLICATION_CREDENTIALS" in err
    assert "--oauth-client" in err and "COMMSPLAN_OAUTH_CLIENT" in err
    assert "gcloud auth application-default login" in err
    code, out, err = run(capsys, "--lang", "en", "check", "1" + "k" * 43)
    assert "No Google credentials found" in err


def test_a_missing_key_file_names_where_it_came_from(google, tmp_path, monkeypatch, capsys):
    code, _, err = run(capsys, "check", "1" + "k" * 43, "--credentials", str(tmp_path / "no.json"))
    assert code == 2 and "no.json" in err and "--credentials" in err
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "gone.json"))
    code, _, err = run(capsys, "check", "1" + "k" * 43)
    assert "gone.json" in err and "GOOGLE_APPLICATION_CREDENTIALS" in err


def test_a_damaged_key_file_is_never_echoed(google, tmp_path, capsys, service_account_file):
    broken = tmp_path / "broken.json"
    broken.write_text(service_account_file.read_text()[:-40])  # cut short: not JSON any more
    code, out, err = run(capsys, "check", "1" + "k" * 43, "--credentials", str(broken))
    assert code == 2 and "không phải tệp khoá" in err
    for line in _pem_body(service_account_file):
        assert line not in out + err


def test_an_oauth_client_file_given_as_a_key_is_recognised(google, tmp_path, capsys):
    client = tmp_path / "client.json"
    client.write_text(json.dumps({"installed": {"client_id": "x", "client_secret": CLIENT_SECRET}}))
    code, _, err = run(capsys, "check", "1" + "k" * 43, "--credentials", str(client))
    assert code == 2 and "--oauth-client" in err
    assert CLIENT_SECRET not in err


def test_scopes_follow_the_command(service_account_file):
    identity = load_credentials("read", credentials=service_account_file, env={})
    assert tuple(identity.credentials.scopes) == READ_SCOPES
    assert identity.email == SERVICE_ACCOUNT_EMAIL and identity.is_service_account
    identity = load_credentials("write", credentials=service_account_file, env={})
    assert tuple(identity.credentials.scopes) == WRITE_SCOPES


def test_application_default_credentials_are_used_last(google, tmp_path, capsys, monkeypatch,
                                                       service_account_file):
    import google.auth as google_auth
    from google.oauth2 import service_account

    asked = []

    def default(scopes=None, **_):
        asked.append(scopes)
        info = json.loads(service_account_file.read_text())
        return service_account.Credentials.from_service_account_info(info, scopes=scopes), "p"

    monkeypatch.setattr(google_auth, "default", default)
    _, url = seed_both(google, tmp_path)
    code, out, err = run(capsys, "check", url)
    assert code == 1, err
    assert asked == [list(READ_SCOPES)]


# Access problems -------------------------------------------------------------------------

def test_a_sheet_not_shared_names_the_service_account(google, capsys, service_account_file):
    key = google.add_spreadsheet("riêng", {"Sheet1": [["x"]]}, shared_with={"hieutruong@x.vn": "owner"})
    code, out, err = run(capsys, "check", key, "--credentials", str(service_account_file))
    assert code == 2
    assert f"Hãy chia sẻ bảng tính với địa chỉ {SERVICE_ACCOUNT_EMAIL} (quyền Người xem)" in err
    code, out, err = run(capsys, "--lang", "en", "check", key,
                         "--credentials", str(service_account_file))
    assert f"Share it with {SERVICE_ACCOUNT_EMAIL} (Viewer)" in err


def test_a_sheet_that_does_not_exist(google, capsys, service_account_file):
    key = "1" + "z" * 43
    code, out, err = run(capsys, "check", key, "--credentials", str(service_account_file))
    assert code == 2 and key in err and "Không tìm thấy bảng tính" in err


def _api_error(status: int, body: dict):
    from gspread.exceptions import APIError

    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode()
    response.headers["Content-Type"] = "application/json"
    return APIError(response)


def _sheet(identity):
    from commsplan.sources.google import GoogleSheet

    return GoogleSheet("k" * 44, "k" * 44, identity, http=None, access="read")


def test_a_person_without_access_and_a_disabled_api():
    person = _sheet(auth.Identity(credentials=None, kind="user"))
    denied = person._api_failure(_api_error(403, {"error": {
        "code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}),
        write=False, sharing=None)
    assert denied.key == "google-no-access" and "Người xem" in denied.message()
    disabled = person._api_failure(_api_error(403, {"error": {
        "code": 403, "message": "Google Sheets API has not been used in project 1 before or it is "
        "disabled.", "details": [{"reason": "SERVICE_DISABLED"}]}}), write=False, sharing=None)
    assert disabled.key == "google-api-disabled" and "Bật" in disabled.message()


def test_a_revoked_sign_in_says_which_file_to_delete(tmp_path):
    from google.auth.exceptions import RefreshError

    cache = tmp_path / "google-token-spreadsheets.readonly.json"
    person = _sheet(auth.Identity(credentials=None, kind="user", token_cache=cache))
    failure = person._refused(RefreshError("invalid_grant: Token has been expired or revoked."))
    assert failure.key == "google-oauth-expired" and str(cache) in failure.message()


# A person's account: the browser once, then the cached token -----------------------------

class _Flow:
    """Stands in for InstalledAppFlow: 'signs in' by returning credentials for the fake."""

    runs: list[list[str]] = []

    def __init__(self, scopes, token_uri):
        self.scopes, self.token_uri = scopes, token_uri

    def run_local_server(self, **options):
        from google.oauth2.credentials import Credentials

        _Flow.runs.append(self.scopes)
        return Credentials(token=None, refresh_token=REFRESH_SECRET, token_uri=self.token_uri,
                           client_id="client-id.apps.googleusercontent.com",
                           client_secret=CLIENT_SECRET, scopes=self.scopes)


@pytest.fixture
def browser(google, monkeypatch, tmp_path):
    import google.oauth2.credentials as user_credentials
    from google_auth_oauthlib.flow import InstalledAppFlow

    _Flow.runs = []
    # google-auth always refreshes a saved user token at Google's endpoint: send it to the fake
    monkeypatch.setattr(user_credentials, "_GOOGLE_OAUTH2_TOKEN_ENDPOINT", google.token_uri)
    monkeypatch.setattr(InstalledAppFlow, "from_client_secrets_file",
                        classmethod(lambda cls, path, scopes: _Flow(scopes, google.token_uri)))
    client = tmp_path / "client.json"
    client.write_text(json.dumps({"installed": {"client_id": "client-id",
                                                "client_secret": CLIENT_SECRET}}))
    return client


def test_the_first_run_signs_in_and_caches_the_token_0600(google, browser, tmp_path, capsys):
    _, url = seed_both(google, tmp_path)
    old_umask = os.umask(0)  # even with a permissive umask the file is private
    try:
        code, out, err = run(capsys, "check", url, "--oauth-client", str(browser))
    finally:
        os.umask(old_umask)
    assert code == 1, err
    assert _Flow.runs == [list(READ_SCOPES)]
    assert "Trình duyệt sẽ mở" in err
    cache = tmp_path / "config" / "commsplan" / "google-token-spreadsheets.readonly.json"
    assert cache == token_cache_path(READ_SCOPES, {"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    assert json.loads(cache.read_text())["refresh_token"] == REFRESH_SECRET
    assert REFRESH_SECRET not in out + err and CLIENT_SECRET not in out + err
    # the second run uses the cache: no browser, not even the client file
    code, out, err = run(capsys, "check", url)
    assert code == 1, err
    assert len(_Flow.runs) == 1


def test_each_scope_set_has_its_own_cached_token(google, browser, tmp_path, capsys):
    key = google.add_spreadsheet("trống")
    run(capsys, "check", key, "--oauth-client", str(browser))
    code, out, err = run(capsys, "init", key, "--oauth-client", str(browser))
    assert code == 0, err
    assert _Flow.runs == [list(READ_SCOPES), list(WRITE_SCOPES)]
    folder = tmp_path / "config" / "commsplan"
    assert sorted(p.name for p in folder.iterdir()) == [
        "google-token-spreadsheets.json", "google-token-spreadsheets.readonly.json"]


def test_the_oauth_client_can_come_from_the_environment(google, browser, tmp_path, capsys,
                                                         monkeypatch):
    monkeypatch.setenv("COMMSPLAN_OAUTH_CLIENT", str(browser))
    key = google.add_spreadsheet("trống")
    code, out, err = run(capsys, "check", key)
    assert code == 1, err
    assert _Flow.runs == [list(READ_SCOPES)]


# Nothing secret in any output or log -----------------------------------------------------

def test_no_key_or_token_in_output_or_logs(google, tmp_path, capsys, caplog,
                                           service_account_file):
    google_logger = logging.getLogger("google")
    google_logger.addHandler(caplog.handler)  # google-auth's own debug logging, switched on
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="google")
    try:
        _, url = seed_both(google, tmp_path)
        outputs = [run(capsys, "check", url, "--credentials", str(service_account_file)),
                   run(capsys, "check", url, "--write-back", "--json",
                       "--credentials", str(service_account_file))]
        private = google.add_spreadsheet("riêng", shared_with={"a@b.vn": "owner"})
        outputs.append(run(capsys, "check", private, "--credentials", str(service_account_file)))
        google.inject(None, 503, times=100)
        outputs.append(run(capsys, "check", url, "--credentials", str(service_account_file)))
    finally:
        google_logger.removeHandler(caplog.handler)
    shown = "\n".join(out + err for _, out, err in outputs) + "\n" + caplog.text
    assert caplog.records, "logging was captured"
    tokens = [c.token for c in google.requests if c.token]
    assert tokens
    for secret in _pem_body(service_account_file) + tokens:
        assert secret not in shown
    assert "Bearer" not in shown


def test_a_refused_token_says_why_without_the_body(service_account_file):
    from google.auth.exceptions import RefreshError

    account = _sheet(load_credentials("read", credentials=service_account_file, env={}))
    failure = account._refused(RefreshError("invalid_grant: Invalid JWT Signature.",
                                            {"error": "invalid_grant"}))
    assert failure.key == "google-credentials-rejected"
    assert "Invalid JWT Signature" in failure.message() and "{" not in failure.message()
    expired = account._api_failure(_api_error(401, {"error": {
        "code": 401, "message": "Request had invalid authentication credentials."}}),
        write=False, sharing=None)
    assert "invalid authentication credentials" in expired.message()
