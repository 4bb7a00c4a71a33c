"""Google credentials: a service-account key, a person's account (OAuth), or the machine's default.

Which one, in order:
1. `--credentials FILE` (a service-account key, or an authorised-user file), else the
   GOOGLE_APPLICATION_CREDENTIALS file;
2. `--oauth-client FILE` or COMMSPLAN_OAUTH_CLIENT: a person signs in once in the browser; the
   token is cached in the user's config folder (0600), one file per set of scopes;
   a token cached earlier is used even without the client file;
3. Application Default Credentials (`gcloud auth application-default login`, or the machine's
   service account on Google Cloud).

Commands that only read ask for the read-only scope; `init` and write-back ask for read-write,
and `init --share` for Drive too. A key or a token is never printed or logged.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from commsplan.errors import SourceError

_AUTH = "https://www.googleapis.com/auth/"
READ_SCOPES = (_AUTH + "spreadsheets.readonly",)
WRITE_SCOPES = (_AUTH + "spreadsheets",)
# Sharing creates a Drive permission on a file the app did not create: drive.file is not enough.
SHARE_SCOPES = (_AUTH + "spreadsheets", _AUTH + "drive")
SCOPES = {"read": READ_SCOPES, "write": WRITE_SCOPES, "share": SHARE_SCOPES}

KEY_ENV = "GOOGLE_APPLICATION_CREDENTIALS"
OAUTH_CLIENT_ENV = "COMMSPLAN_OAUTH_CLIENT"


@dataclass
class Identity:
    """Credentials and who they are, for messages ("share the sheet with …")."""

    credentials: Any  # google.auth.credentials.Credentials
    kind: str  # "service-account", "user" or "default"
    email: str | None = None  # the service account's address, when known
    token_cache: Path | None = None  # the cached OAuth token file, for "sign in again" messages

    @property
    def is_service_account(self) -> bool:
        return bool(self.email and self.email.endswith(".gserviceaccount.com"))


def load_credentials(access: str = "read", *, credentials: str | os.PathLike | None = None,
                     oauth_client: str | os.PathLike | None = None,
                     env: Mapping[str, str] = os.environ) -> Identity:
    """The credentials to use for an access level ("read", "write" or "share")."""
    scopes = list(SCOPES[access])
    key_file = credentials or env.get(KEY_ENV) or None
    if key_file:
        return _from_file(Path(key_file), scopes, explicit=bool(credentials))
    client_file = oauth_client or env.get(OAUTH_CLIENT_ENV) or None
    cache = token_cache_path(scopes, env)
    if client_file or cache.exists():
        return _from_oauth(Path(client_file) if client_file else None, scopes, cache)
    return _from_default(scopes)


def token_cache_path(scopes: list[str] | tuple[str, ...],
                     env: Mapping[str, str] = os.environ) -> Path:
    """Where a person's token for this set of scopes is kept."""
    base = env.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    name = "+".join(sorted(s.rsplit("/", 1)[-1] for s in scopes))
    return Path(base) / "commsplan" / f"google-token-{name}.json"


def _from_file(path: Path, scopes: list[str], explicit: bool) -> Identity:
    """A service-account key (or an authorised-user file), named by option or environment."""
    where = "--credentials" if explicit else KEY_ENV
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError("google-key-not-found", path=str(path), where=where) from None
    except (OSError, ValueError, UnicodeDecodeError):
        # never echo the file: it may hold a private key
        raise SourceError("google-key-invalid", path=str(path)) from None
    kind = info.get("type") if isinstance(info, dict) else None
    try:
        if kind == "service_account":
            from google.oauth2 import service_account

            creds = service_account.Credentials.from_service_account_info(info, scopes=scopes)
            return Identity(creds, "service-account", email=creds.service_account_email)
        if kind == "authorized_user":
            from google.oauth2.credentials import Credentials

            needed = ("refresh_token", "client_id", "client_secret")
            missing = [k for k in needed if not info.get(k)]
            if missing:
                raise SourceError("google-user-file-incomplete", path=str(path),
                                  fields=", ".join(missing))
            return Identity(Credentials.from_authorized_user_info(info, scopes), "user")
    except (ValueError, KeyError, TypeError):
        raise SourceError("google-key-invalid", path=str(path)) from None
    if kind == "installed" or (isinstance(info, dict) and ("installed" in info or "web" in info)):
        raise SourceError("google-key-is-oauth-client", path=str(path))
    raise SourceError("google-key-invalid", path=str(path))


def _from_oauth(client_file: Path | None, scopes: list[str], cache: Path) -> Identity:
    """A person's account: the cached token, or the browser sign-in once, then cached."""
    from google.oauth2.credentials import Credentials

    if cache.exists():
        try:
            creds = Credentials.from_authorized_user_file(str(cache), scopes)
            return Identity(creds, "user", token_cache=cache)
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache: sign in again below
    if client_file is None:
        raise SourceError("google-oauth-cache-invalid", path=str(cache))
    creds = _browser_sign_in(client_file, scopes)
    save_token(cache, creds.to_json())
    return Identity(creds, "user", token_cache=cache)


def _browser_sign_in(client_file: Path, scopes: list[str]):
    import sys

    from google_auth_oauthlib.flow import InstalledAppFlow

    from commsplan.messages import say

    if not client_file.is_file():
        raise SourceError("google-oauth-client-not-found", path=str(client_file))
    try:
        flow = InstalledAppFlow.from_client_secrets_file(str(client_file), scopes=scopes)
    except (ValueError, KeyError, OSError):
        raise SourceError("google-oauth-client-invalid", path=str(client_file)) from None
    lang = "en" if os.environ.get("COMMSPLAN_LANG") == "en" else "vi"
    print(say("google-oauth-browser", lang), file=sys.stderr)
    try:
        return flow.run_local_server(port=0, open_browser=True,
                                     authorization_prompt_message="{url}",
                                     success_message=say("google-oauth-success", lang))
    except Exception as exc:  # oauthlib and wsgiref raise many kinds; none carries a secret
        raise SourceError("google-oauth-failed", detail=type(exc).__name__) from None


def save_token(path: Path, text: str) -> None:
    """Write a token file readable by its owner only (0600), folder 0700, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _from_default(scopes: list[str]) -> Identity:
    """Application Default Credentials, or the message that lists the three ways."""
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        creds, _project = google.auth.default(scopes=scopes)
    except DefaultCredentialsError:
        raise SourceError("google-no-credentials", key_env=KEY_ENV,
                          client_env=OAUTH_CLIENT_ENV) from None
    email = getattr(creds, "service_account_email", None)
    return Identity(creds, "default", email=email if isinstance(email, str) else None)
