"""The library: `import commsplan` reads, checks, builds documents, saves them and runs generate,
printing nothing; the README's example runs; the reference covers every public name; the
package ships its type hints."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

import docx
import openpyxl
import pytest

import commsplan
from commsplan.cli import main

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
AS_OF = dt.date(2024, 7, 15)
HEAVY = ("pandas", "numpy", "gspread", "docx", "openpyxl", "python_calamine", "jinja2", "yaml")


@pytest.fixture
def school(tmp_path):
    shutil.copy(DEMO, tmp_path / "so-lieu.xlsx")
    return tmp_path


def _readme_example() -> str:
    readme = (REPO / "README.md").read_text("utf-8")
    found = re.search(r"^## Dùng như thư viện Python\n.*?^```python\n(.*?)^```", readme,
                      re.S | re.M)
    assert found, "README.md has no library example"
    return found.group(1)


def test_the_readme_example_runs_and_writes_what_it_says(tmp_path, capsys):
    shutil.copy(DEMO, tmp_path / DEMO.name)
    (tmp_path / "example.py").write_text(_readme_example(), "utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the library prints nothing of its own
    counts, saved, names = done.stdout.splitlines()
    # the counts are those `commsplan check --json` lists on the same day
    main(["check", str(DEMO), "--json", "--as-of", "15/07/2024"])
    severities = [f["severity"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert counts == f"{severities.count('error')} lỗi, {severities.count('warning')} cảnh báo"
    assert saved == "van-ban/bao-cao-quy-1.docx"
    report = docx.Document(str(tmp_path / saved))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "BÁO CÁO" in text and "quý I năm 2024" in text
    # generate: the plan, and the quarters ended by 15/7/2024
    assert names.split() == ["KH-truyen-thong-2024.docx", "BC-truyen-thong-2024-Q1.docx",
                             "BC-truyen-thong-2024-Q2.docx"]
    assert sorted(p.name for p in (tmp_path / "van-ban").iterdir()) == sorted(
        [*names.split(), "bao-cao-quy-1.docx"])


def test_import_commsplan_is_light_and_every_public_name_resolves():
    code = ("import sys, commsplan\n"
            "light = sorted(m for m in sys.modules if m.split('.')[0] in %r)\n"
            "names = [n for n in commsplan.__all__ if getattr(commsplan, n, None) is None]\n"
            "print(light, names)\n" % (HEAVY,))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[] []"


def test_a_plan_run_reports_progress_to_the_callback_and_returns_what_it_wrote(school, capsys):
    events: list[commsplan.Event] = []
    out = school / "van-ban" / "ke-hoach.docx"
    written = commsplan.write_plan(str(school / "so-lieu.xlsx"), out, as_of=AS_OF,
                                   progress=events.append)
    assert capsys.readouterr() == ("", "")  # nothing printed
    assert written.saved.path == out and written.saved.changed and out.is_file()
    assert written.pdfs == [] and written.report.valid in (True, False)
    keys = [e.key for e in events]
    # the demo's plan is issued: its hash goes into its row of the tab of issued documents
    assert keys == ["progress-reading", "progress-checking", "check-summary",
                    "progress-writing", "written", "issued-hash-recorded"]
    assert events[-2].path == out and events[-2].message("en") == f"Wrote {out}"
    # the same data again: nothing written, and the result says so
    again = commsplan.write_plan(str(school / "so-lieu.xlsx"), out, as_of=AS_OF)
    assert not again.saved.changed and again.saved.path == out


def test_a_report_run_notes_a_period_not_over(school):
    written = commsplan.write_report(str(school / "so-lieu.xlsx"), school / "bc.docx",
                                     period="2024", as_of=AS_OF)
    assert [note.key for note in written.notes] == ["report-not-over"]
    assert "31/12/2024" in written.notes[0].say("en")


def test_documents_are_values_saved_by_the_output_policy(school):
    book = commsplan.open_book(school / "so-lieu.xlsx")
    report = commsplan.check(book, as_of=AS_OF)
    assert isinstance(report, commsplan.Report)
    assert all(isinstance(f, commsplan.Finding) and f.message() for f in report.findings)
    window = commsplan.report_document(book, window=(dt.date(2024, 3, 1), dt.date(2024, 4, 15)),
                                       as_of=AS_OF)
    path = school / "out" / "dot-xuat.docx"
    first = commsplan.save_document(window, path)
    assert first.changed and path.is_file()
    assert not commsplan.save_document(window, path).changed  # the same bytes: left alone
    other = commsplan.report_document(book, period="2024-03", as_of=AS_OF)
    with pytest.raises(commsplan.OutputError) as refused:
        commsplan.save_document(other, path)  # a different draft needs replace=True
    assert refused.value.key == "output-exists"
    assert commsplan.save_document(other, path, replace=True).changed
    # an issued document is never replaced: a new copy beside it
    plan = commsplan.plan_document(book)
    issued = commsplan.save_document(plan, school / "out" / "kh.docx", issued=True)
    changed = commsplan.save_document(other, school / "out" / "kh.docx", issued=True)
    assert changed.path.name == "kh-2.docx" and changed.kept == issued.path
    with pytest.raises(commsplan.ReportError):
        commsplan.report_document(book, period="2031", as_of=AS_OF)
    with pytest.raises(commsplan.OutputError) as half:
        commsplan.plan_document(book, number=5)  # an issued document has a number and a date
    assert half.value.key == "number-date-together"


def test_generate_from_a_config_object_returns_written_skipped_and_findings(school, capsys):
    config = commsplan.Config(source=str(school / "so-lieu.xlsx"), output=school / "van-ban",
                              reports=["2024-03", "2024-11", "quý"], pdf=False, as_of=AS_OF)
    events: list[commsplan.Event] = []
    done = commsplan.generate(config, progress=events.append)
    assert capsys.readouterr() == ("", "")
    assert [s.path.name for s in done.saved] == [
        "KH-truyen-thong-2024.docx", "BC-truyen-thong-2024-03.docx",
        "BC-truyen-thong-2024-Q1.docx", "BC-truyen-thong-2024-Q2.docx"]
    assert all(s.changed for s in done.saved) and not done.failed
    assert [p.key for p in done.skipped] == ["generate-skipped-not-begun"]  # November
    assert len(done.report.findings) == len(commsplan.check(
        commsplan.open_book(config.source), as_of=AS_OF).findings)
    assert [e.path.name for e in events if e.path] == [s.path.name for s in done.saved]
    again = commsplan.generate(config)
    assert not any(s.changed for s in again.saved)


def test_load_config_reads_commsplan_toml_into_the_config(school):
    (school / "commsplan.toml").write_text(
        'source = "so-lieu.xlsx"\noutput = "vb"\nreports = ["năm"]\npdf = false\n'
        'as_of = 2024-07-15\n', "utf-8")
    config = commsplan.load_config(school / "commsplan.toml")
    assert config == commsplan.Config(source=str(school / "so-lieu.xlsx"),
                                      output=school / "vb", reports=["năm"], pdf=False,
                                      as_of=AS_OF)


def test_data_with_errors_stops_a_run_with_the_findings_in_the_error(school):
    workbook = openpyxl.load_workbook(school / "so-lieu.xlsx")
    workbook["Nhật ký"]["A3"] = "31/2/2024"
    workbook.save(school / "so-lieu.xlsx")
    with pytest.raises(commsplan.DataError) as stopped:
        commsplan.write_plan(str(school / "so-lieu.xlsx"), school / "kh.docx", as_of=AS_OF)
    assert [(f.tab, f.cell) for f in stopped.value.report.findings] == [("Nhật ký", "A3")]
    assert stopped.value.exit_code == 1 and not (school / "kh.docx").exists()


def test_without_libreoffice_the_pdf_step_is_an_error_value_in_generate(school, monkeypatch):
    import commsplan.outputs

    monkeypatch.setattr(commsplan.outputs, "find_soffice", lambda: None)
    done = commsplan.generate(commsplan.Config(source=str(school / "so-lieu.xlsx"),
                                               output=school, pdf=True, as_of=AS_OF))
    assert done.failed and done.pdf_error.key == "pdf-no-libreoffice"
    assert (school / "KH-truyen-thong-2024.docx").is_file()


# The reference and the type hints -----------------------------------------------------------

def test_the_api_reference_is_generated_from_the_docstrings_and_current():
    from scripts.api_reference import reference

    assert (REPO / "docs" / "api.md").read_text("utf-8") == reference(), (
        "docs/api.md is stale: run .venv/bin/python scripts/api_reference.py docs/api.md")
    text = (REPO / "docs" / "api.md").read_text("utf-8")
    for name in commsplan.__all__:
        assert re.search(rf"^### `{name}\b", text, re.M), name


def test_every_public_name_has_a_docstring_and_every_function_type_hints():
    import inspect

    for name in commsplan.__all__:
        value = getattr(commsplan, name)
        if name == "Progress":
            continue  # a type alias
        assert inspect.getdoc(value), name
        if inspect.isfunction(value):
            hints = inspect.get_annotations(value)
            assert "return" in hints, name
            assert set(inspect.signature(value).parameters) - {"options"} <= set(hints), name


def test_the_installed_package_has_its_type_marker():
    assert files("commsplan").joinpath("py.typed").is_file()


@pytest.mark.slow
def test_the_wheel_carries_py_typed_and_the_version(tmp_path):
    source = tmp_path / "checkout"
    source.mkdir()
    for name in ("commsplan", "templates", "sheets_schema"):
        shutil.copytree(REPO / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                            "--wheel-dir", str(tmp_path / "dist"), str(source)],
                           capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("commsplan-*.whl")
    assert wheel.name.startswith(f"commsplan-{commsplan.__version__}-")
    with zipfile.ZipFile(wheel) as archive:
        assert "commsplan/py.typed" in archive.namelist()


def test_version_option_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"commsplan {commsplan.__version__}"
