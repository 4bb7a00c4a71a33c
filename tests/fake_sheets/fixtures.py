"""Pytest fixtures around the fake Sheets server, and a requests session that sends Google calls to it."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
import requests

from tests.fake_sheets.server import FakeSheets

__all__ = ["FakeSheets", "GoogleRedirect", "RedirectingSession", "authorized_session", "fake_sheets", "fake_token",
           "gspread_client", "service_account_file", "SERVICE_ACCOUNT_EMAIL"]

SERVICE_ACCOUNT_EMAIL = "commsplan-test@commsplan-test.iam.gserviceaccount.com"
GOOGLE_ROOTS = ("https://sheets.googleapis.com", "https://www.googleapis.com", "https://oauth2.googleapis.com")


class GoogleRedirect:
    """Mixin for requests sessions: rewrite Google API URLs to the fake's root URL."""

    fake_url: str = ""

    def request(self, method, url, *args, **kwargs):
        for root in GOOGLE_ROOTS:
            if url.startswith(root + "/"):
                url = self.fake_url + url[len(root):]
                break
        return super().request(method, url, *args, **kwargs)


class RedirectingSession(GoogleRedirect, requests.Session):
    """A plain session with a fixed bearer token, talking to the fake instead of Google."""

    def __init__(self, fake_url: str, token: str | None = None):
        super().__init__()
        self.fake_url = fake_url
        if token:
            self.headers["Authorization"] = f"Bearer {token}"


def authorized_session(fake: FakeSheets, credentials):
    """A google-auth AuthorizedSession (token refresh and all) whose API calls go to the fake."""
    from google.auth.transport.requests import AuthorizedSession

    session = type("RedirectingAuthorizedSession", (GoogleRedirect, AuthorizedSession), {})(credentials)
    session.fake_url = fake.url
    return session


@pytest.fixture
def fake_sheets():
    """A running fake Sheets server, stopped after the test."""
    with FakeSheets() as fake:
        yield fake


@pytest.fixture
def fake_token(fake_sheets) -> str:
    """A static bearer token the fake accepts, acting as the owner of every spreadsheet."""
    return fake_sheets.allow_token("test-token")


@pytest.fixture
def gspread_client(fake_sheets, fake_token):
    """A gspread client whose HTTP goes to the fake."""
    import gspread

    return gspread.Client(None, session=RedirectingSession(fake_sheets.url, fake_token))


@functools.lru_cache(maxsize=1)
def _private_key_pem() -> str:
    """One RSA key per test session: generating it is the slow part."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa as crsa
    except ImportError:  # google-auth always brings the pure-Python rsa package
        import rsa

        return rsa.newkeys(2048)[1].save_pkcs1().decode()
    key = crsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture
def service_account_file(tmp_path, fake_sheets) -> Path:
    """A service-account JSON key whose token_uri is the fake's, so google-auth's real JWT exchange runs there."""
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps({
        "type": "service_account", "project_id": "commsplan-test", "private_key_id": "0" * 40,
        "private_key": _private_key_pem(), "client_email": SERVICE_ACCOUNT_EMAIL, "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": fake_sheets.token_uri,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
    }, indent=2))
    return path
