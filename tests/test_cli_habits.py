"""The command line as people type it: --lang anywhere (or COMMSPLAN_LANG), help in the language
chosen, --version, and with --json every failure as one JSON object."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commsplan.cli import COMMANDS, main
from commsplan.messages import HELP, say
from commsplan.text import clip
from tests.fixture_site import run

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    assert done.value.code == 0
    return capsys.readouterr().out


def _unquoted(text: str) -> str:
    """The text without what stands in double quotes (a tab's name, the draft mark)."""
    return re.sub(r'"[^"]*"|“[^”]*”', "", " ".join(text.split()))


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_english_help_for_every_command_wherever_lang_stands(capsys, monkeypatch, command):
    words = [command] if command else []
    before = _help(capsys, "--lang", "en", *words, "--help")
    assert before == _help(capsys, *words, "--help", "--lang", "en")
    assert before == _help(capsys, *words, "--lang=en", "--help")
    monkeypatch.setenv("COMMSPLAN_LANG", "en")
    assert before == _help(capsys, *words, "--help")
    assert not VIETNAMESE.search(_unquoted(before)), _unquoted(before)
    described = HELP.get(f"{command}-description") or HELP[command or "description"]
    assert described[1].split(";")[0].split("(")[0].strip()[:30] in " ".join(before.split())
    # and Vietnamese when asked, over the variable
    vietnamese = _help(capsys, *words, "--help", "--lang", "vi")
    assert VIETNAMESE.search(vietnamese)
    assert described[0][:30] in " ".join(vietnamese.split())


def test_every_help_text_has_both_languages():
    for key, (vi, en) in HELP.items():
        assert vi.strip() and en.strip() and vi != en, key
        assert VIETNAMESE.search(vi), key
        assert not VIETNAMESE.search(_unquoted(en)), (key, en)
        assert "%" not in vi + en and "{" not in vi + en, key  # argparse formats help with %


def test_lang_after_the_command_speaks_english(tmp_path, capsys):
    missing = str(tmp_path / "khong-co.xlsx")
    for argv in (["plan", missing, "--lang", "en"], ["report", "--period", "2024", missing,
                                                     "--lang", "en"]):
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert err.splitlines() == [f"Reading {missing} …",
                                    say("source-not-found", "en", path=missing)]


def test_a_date_refused_after_the_command_is_refused_in_english(capsys):
    with pytest.raises(SystemExit):
        main(["check", "x.xlsx", "--as-of", "31/2/2024", "--lang", "en"])
    assert say("option-not-a-date", "en", text="31/2/2024") in capsys.readouterr().err


def test_version(capsys):
    from importlib.metadata import version

    out = _help(capsys, "--version")
    assert out.strip() == f"commsplan {version('commsplan')}"


def test_help_in_english_and_version_import_nothing_heavy():
    from tests.test_cli_startup import HEAVY

    for argv in (["--lang", "en", "report", "--help"], ["--version"]):
        code = ("import sys, runpy\n"
                f"sys.argv = ['commsplan', *{argv!r}]\n"
                "try:\n    runpy.run_module('commsplan', run_name='__main__')\n"
                "except SystemExit:\n    pass\n"
                "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
        loaded = {name.split(".")[0] for name in done.stderr.split()}
        assert not loaded & set(HEAVY), (argv, sorted(loaded & set(HEAVY)))


# --json: every failure is one object on the last line of stderr ------------------------------

def _error(err: str) -> dict:
    record = json.loads(err.strip().splitlines()[-1])
    assert set(record) <= {"code", "message", "exit_code", "location", "findings"}
    return record


def test_a_usage_error_with_json(capsys):
    with pytest.raises(SystemExit) as done:
        main(["check", "x.xlsx", "--as-of", "hôm qua", "--json", "--lang", "en"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1  # no usage text around it
    record = _error(err)
    assert record["code"] == "usage" and record["exit_code"] == 2
    assert record["location"] == {"option": "--as-of"}
    assert say("option-not-a-date", "en", text="hôm qua") in record["message"]
    with pytest.raises(SystemExit):
        main(["plan", "--json", "--no-such-option", "x.xlsx"])
    assert _error(capsys.readouterr().err)["code"] == "usage"


def test_an_io_failure_with_json(tmp_path, capsys):
    missing = str(tmp_path / "khong-co.xlsx")
    code, out, err = run(capsys, "--json", "report", missing, "--period", "2024")
    assert code == 2 and out == ""
    assert _error(err) == {"code": "source-not-found", "exit_code": 2,
                           "message": say("source-not-found", "vi", path=missing),
                           "location": {"path": missing}}


def _dead_address() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_a_network_failure_with_json_is_whole(tmp_path, capsys, monkeypatch):
    """The reason is the system's, whole: not the first 200 characters of urllib3's repr."""
    monkeypatch.setenv("COMMSPLAN_WEB_RETRIES", "0")
    shutil.copy(DEMO, tmp_path / "so-lieu.xlsx")
    url = _dead_address() + "/index.php?nv=news&op=rss"
    code, out, err = run(capsys, "import", str(tmp_path / "so-lieu.xlsx"), "--from", url,
                         "--json", "--lang", "en")
    assert code == 2 and out == ""
    assert _error(err) == {"code": "web-network", "exit_code": 2, "location": {"url": url},
                           "message": say("web-network", "en", url=url,
                                          detail="Connection refused")}


def test_google_out_of_reach_with_json(fake_sheets, service_account_file, capsys, monkeypatch):
    monkeypatch.setenv("COMMSPLAN_SHEETS_API", _dead_address())
    monkeypatch.setenv("COMMSPLAN_HTTP_RETRIES", "0")
    code, out, err = run(capsys, "check", "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdef",
                         "--json", "--credentials", str(service_account_file))
    assert code == 2 and out == ""
    record = _error(err)
    assert record["code"] == "google-network"
    assert say("net-refused", "vi") in record["message"]


def test_libreoffice_missing_with_json(tmp_path, capsys, monkeypatch):
    import commsplan.outputs

    monkeypatch.setattr(commsplan.outputs, "find_soffice", lambda: None)
    source = tmp_path / "so-lieu.xlsx"
    shutil.copy(DEMO, source)
    out_file = tmp_path / "kh.docx"
    code, out, err = run(capsys, "plan", str(source), "-o", str(out_file), "--pdf", "--json",
                         "--as-of", "15/07/2024")
    assert code == 2 and out == ""  # the result is not printed: the run did not finish
    assert _error(err)["code"] == "pdf-no-libreoffice"
    assert out_file.is_file()
    # generate says it in its result: the documents are there, the PDFs are not
    (tmp_path / "commsplan.toml").write_text(
        f'source = "{source}"\noutput = "vb"\nreports = []\nas_of = 2024-07-15\n', "utf-8")
    code, out, err = run(capsys, "generate", "--config", str(tmp_path / "commsplan.toml"),
                         "--json")
    result = json.loads(out)
    assert code == 2 and result["error"]["code"] == "pdf-no-libreoffice"
    assert [Path(p).name for p in result["written"]] == ["KH-truyen-thong-2024.docx"]
    assert result["pdfs"] == []


def test_data_errors_with_json_carry_the_findings(tmp_path, capsys):
    import openpyxl

    workbook = openpyxl.load_workbook(DEMO)
    workbook["Nhật ký"]["A3"] = "31/2/2024"
    workbook.save(tmp_path / "so-lieu.xlsx")
    code, out, err = run(capsys, "plan", str(tmp_path / "so-lieu.xlsx"), "--json",
                         "-o", str(tmp_path / "kh.docx"), "--as-of", "15/07/2024")
    assert code == 1 and out == ""
    record = _error(err)
    assert record["code"] == "data-has-errors" and record["exit_code"] == 1
    assert [(f["tab"], f["cell"]) for f in record["findings"]] == [("Nhật ký", "A3")]


def test_a_document_run_with_json_prints_what_it_wrote(tmp_path, capsys):
    shutil.copy(DEMO, tmp_path / "so-lieu.xlsx")
    out_file = tmp_path / "bc.docx"
    code, out, err = run(capsys, "report", str(tmp_path / "so-lieu.xlsx"), "--period", "2024",
                         "-o", str(out_file),
                         "--as-of", "15/07/2024", "--json", "--lang", "en")
    assert code == 0
    result = json.loads(out)
    assert result["written"] == [str(out_file)] and result["unchanged"] == []
    assert result["notes"] and "31/12/2024" in result["notes"][0]
    assert "Writing" in err  # progress stays on stderr


# Clipping a detail ---------------------------------------------------------------------------

@given(st.text(alphabet=st.sampled_from("ab cđ:-"), max_size=60), st.integers(2, 40))
def test_a_clipped_text_never_cuts_a_word(text, limit):
    clipped = clip(text, limit)
    if clipped == text:
        return
    assert clipped.endswith("…") and len(clipped) <= limit
    kept = clipped[:-1]
    assert text.startswith(kept)
    if " " in text[1:limit]:  # a text of one long word is cut; otherwise on a word's end
        assert not text[len(kept)].isalnum()


@pytest.mark.parametrize("argv, vietnamese, english", [
    (["report"], "lỗi: Còn thiếu NGUỒN: hãy ghi vào câu lệnh",
     "error: Missing SOURCE: write it in the command"),
    (["report", "a.xlsx", "--period"], "lỗi: Tùy chọn --period cần một giá trị ngay sau nó",
     "error: Option --period needs a value right after it"),
    (["report", "a.xlsx", "--period", "2024", "--bogus"],
     "lỗi: Không hiểu phần này của câu lệnh: --bogus.", "error: Not understood: --bogus."),
    (["frobnicate"], "không có lựa chọn 'frobnicate'. Hãy chọn một trong: 'template',",
     "there is no choice 'frobnicate'. Choose one of: 'template',"),
    (["plan", "a.xlsx", "--pdf", "--pdf-a"], "lỗi: Không dùng --pdf-a cùng với --pdf.",
     "error: --pdf-a cannot be used with --pdf."),
    (["report", "a.xlsx", "--period", "2024", "--number", "mười"], "lỗi: Tùy chọn --number: ",
     "error: Option --number: "),
])
def test_argparse_errors_are_said_in_the_users_language(argv, vietnamese, english, capsys):
    for lang, expected in (("vi", vietnamese), ("en", english)):
        with pytest.raises(SystemExit) as done:
            main([*argv, "--lang", lang])
        assert done.value.code == 2
        said = capsys.readouterr().err.strip().splitlines()[-1]
        assert expected in said, said
        assert "argument " not in said and ("error:" in said) == (lang == "en")
