"""The contract and the templates are the package's data, read through importlib.resources."""

from __future__ import annotations

import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

from commsplan.contract import SCHEMA_DIR, load_contract
from commsplan.documents import common
from commsplan.documents.render import TemplateError, render_markdown

REPO = Path(__file__).resolve().parents[1]


def _zipped(tmp_path: Path, folder: str, extra: dict[str, str] | None = None) -> zipfile.Path:
    """folder/ of the repository inside a zip, as importlib.resources gives a zipped package's."""
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(p for p in (REPO / folder).iterdir() if p.is_file()):
            zipped.write(path, f"commsplan/{folder}/{path.name}")
        for name, text in (extra or {}).items():
            zipped.writestr(f"commsplan/{folder}/{name}", text)
    return zipfile.Path(archive, f"commsplan/{folder}/")


def test_the_data_folders_are_the_packages_resources():
    assert SCHEMA_DIR == files("commsplan.sheets_schema")
    assert common.TEMPLATES == files("commsplan.templates")
    assert SCHEMA_DIR.joinpath("activities.yaml").is_file()
    assert common.TEMPLATES.joinpath("plan.md.j2").is_file()


def test_the_contract_reads_from_a_package_folder_that_is_not_a_directory(tmp_path):
    zipped = load_contract(_zipped(tmp_path, "sheets_schema"))
    assert zipped == load_contract()
    assert [tab.key for tab in zipped.tabs][:2] == ["general", "calendar"]


def test_templates_render_from_a_package_folder_that_is_not_a_directory(tmp_path):
    folder = _zipped(tmp_path, "templates", {
        "doc.md.j2": "# I. {{ title }}\n\n{% include 'part.md.j2' %}\n",
        "part.md.j2": "Một\n{{ missing }}\n",
    })
    assert render_markdown(folder, "doc.md.j2", {"title": "Mục đích", "missing": "hai"}) == (
        "# I. Mục đích\n\nMột\nhai\n")
    # an error still names the template and the line it is on
    with pytest.raises(TemplateError, match=r"^Mẫu văn bản part\.md\.j2, dòng 2:"):
        render_markdown(folder, "doc.md.j2", {"title": "Mục đích"})
    with pytest.raises(TemplateError, match="Không tìm thấy mẫu văn bản '../plan.md.j2'"):
        render_markdown(folder, "../plan.md.j2", {})
