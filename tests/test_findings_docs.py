"""docs/findings.md is generated from the catalogue: a code missing from it fails here."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

from commsplan.findings import CATALOGUE, DOCS_PATH, ERROR, WARNING, catalogue_markdown

KEBAB = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
DOCS = Path(__file__).resolve().parents[1] / DOCS_PATH


def test_the_docs_are_up_to_date_with_the_catalogue():
    assert DOCS.read_text("utf-8") == catalogue_markdown(), (
        "docs/findings.md is out of date: run `python -m commsplan.findings`")


def test_every_code_is_documented():
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", DOCS.read_text("utf-8"), re.M))
    assert documented == set(CATALOGUE)


def test_codes_are_kebab_case_with_a_severity_and_both_languages():
    for code in CATALOGUE.values():
        assert KEBAB.match(code.code), code.code
        assert code.severity in (ERROR, WARNING)
        assert code.vi and code.en and code.doc


def test_both_templates_use_the_same_fields():
    for code in CATALOGUE.values():
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (code.vi, code.en)]
        assert fields[0] == fields[1], code.code


def test_the_generator_writes_the_file(tmp_path):
    target = tmp_path / "findings.md"
    subprocess.run([sys.executable, "-m", "commsplan.findings", str(target)], check=True,
                   capture_output=True)
    assert target.read_text("utf-8") == catalogue_markdown()
