"""Shared fixtures: paths to the shared material, the fake Sheets API server."""
from tests.fake_sheets.fixtures import *  # noqa: F401,F403  (the fake_sheets fixture)
