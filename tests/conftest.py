"""Shared fixtures: paths to the shared material, the fake Sheets API server."""
import importlib.util
from pathlib import Path

import pytest

from tests.fake_sheets.fixtures import *  # noqa: F401,F403  (the fake_sheets fixture)
from tests.fixture_site import site  # noqa: F401  (a local web site on 127.0.0.1)

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    """The code and its data under test are this checkout's: templates/ and sheets_schema/
    become commsplan.templates and commsplan.sheets_schema only through an install."""
    for name, folder in (("commsplan", "commsplan"), ("commsplan.templates", "templates"),
                         ("commsplan.sheets_schema", "sheets_schema")):
        try:
            spec = importlib.util.find_spec(name)
        except ImportError:
            spec = None
        found = Path(spec.origin).parent if spec and spec.origin else None
        if found != REPO / folder:
            raise pytest.UsageError(
                f"{name} is {'at ' + str(found) if found else 'not importable'}, not this "
                f"checkout's {folder}/: run the tests with `bash scripts/test.sh` (it installs "
                "this checkout into .venv and runs pytest there)")


@pytest.fixture(autouse=True, scope="session")
def _the_example_workbook_stays_as_built():
    """Commands write an issued document's hash into its source's row: a test that issues
    from the example workbook must work on a copy, or the repository's example changes."""
    example = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
    before = example.read_bytes() if example.exists() else None
    yield
    after = example.read_bytes() if example.exists() else None
    assert after == before, f"a test wrote into {example}; give it a copy"
