"""`commsplan check`: the summary, JSON and CSV outputs, the language, the exit codes."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json

import pytest

from commsplan import check, open_book
from commsplan.checks.present import FIELDS, to_json
from commsplan.cli import main
from commsplan.sheet_writers.workbook import workbook_bytes
from tests.test_checks_corpus import base_data, set_cell

AS_OF = "20/03/2024"


def workbook(tmp_path, *edits, name="ke-hoach.xlsx"):
    data = copy.deepcopy(base_data())
    for edit in edits:
        edit(data)
    path = tmp_path / name
    path.write_bytes(workbook_bytes(data))
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


BAD_LINK = set_cell("activities", 13, "link", "www.thmm2.edu.vn")
UNIT_SHORT = set_cell("activities", 8, "unit", "Tổ 1-2-3")
SPACES = set_cell("activities", 13, "title", "Tuyên truyền Luật Giáo dục ")


def test_a_clean_workbook_exits_0(tmp_path, capsys):
    code, out, _ = run(capsys, "check", workbook(tmp_path), "--as-of", AS_OF)
    assert code == 0
    assert out.strip() == "Không có lỗi hay cảnh báo nào."


def test_warnings_alone_exit_0(tmp_path, capsys):
    code, out, _ = run(capsys, "check", workbook(tmp_path, SPACES), "--as-of", AS_OF)
    assert code == 0
    assert "0 lỗi, 1 cảnh báo" in out


def test_errors_exit_1_with_counts_by_tab_and_code_then_the_findings(tmp_path, capsys):
    code, out, _ = run(capsys, "check", workbook(tmp_path, BAD_LINK, SPACES), "--as-of", AS_OF)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "Kết quả kiểm tra: 1 lỗi, 1 cảnh báo."
    assert "Theo trang tính:" in lines and "  Nhật ký: 2" in lines
    assert "  invalid-url (lỗi): 1" in lines and "  extra-spaces (cảnh báo): 1" in lines
    details = lines[lines.index("Chi tiết (nghiêm trọng trước):") + 1:]
    assert details[0].startswith("  [LỖI] invalid-url: Ô Nhật ký!H13 (cột 'Đường dẫn', dòng 13)")
    assert details[1].startswith("  [CẢNH BÁO] extra-spaces: Ô Nhật ký!D13")


def test_a_shortfall_alone_exits_1(tmp_path, capsys):
    code, out, _ = run(capsys, "check", workbook(tmp_path, UNIT_SHORT), "--as-of", AS_OF)
    assert code == 1
    assert "cadence-shortfall" in out


@pytest.mark.parametrize("before, after", [(["--lang", "en"], []), ([], ["--lang", "en"])],
                         ids=["before-the-command", "after-the-command"])
def test_english(tmp_path, capsys, before, after):
    code, out, _ = run(capsys, *before, "check", workbook(tmp_path, BAD_LINK), "--as-of", AS_OF,
                       *after)
    assert code == 1
    assert out.startswith("Check result: 1 errors, 0 warnings.")
    assert "[ERROR] invalid-url: Cell Nhật ký!H13 (column 'Đường dẫn', row 13)" in out


def test_json(tmp_path, capsys):
    code, out, _ = run(capsys, "check", workbook(tmp_path, BAD_LINK, UNIT_SHORT), "--as-of",
                       AS_OF, "--json")
    assert code == 1
    body = json.loads(out)
    assert set(body) == {"findings", "summary"}
    assert body["summary"] == {"errors": 2, "warnings": 0,
                               "by_tab": {"Nhật ký": 2},
                               "by_code": {"cadence-shortfall": 1, "invalid-url": 1}}
    by_code = {f["code"]: f for f in body["findings"]}
    assert by_code["invalid-url"] == {
        "severity": "error", "code": "invalid-url", "tab": "Nhật ký", "row": 13,
        "column": "Đường dẫn", "cell": "H13", "value": "www.thmm2.edu.vn",
        "message": by_code["invalid-url"]["message"], "period": None, "scope": None}
    assert by_code["invalid-url"]["message"].startswith("Ô Nhật ký!H13")
    shortfall = by_code["cadence-shortfall"]
    assert (shortfall["tab"], shortfall["row"], shortfall["column"]) == ("Nhật ký", None, None)
    assert (shortfall["period"], shortfall["scope"], shortfall["value"]) == ("2024-02", "Tổ 4-5", "0")


def test_the_same_data_gives_the_same_json_whatever_the_source(tmp_path, capsys):
    first = workbook(tmp_path, BAD_LINK, name="a.xlsx")
    second = workbook(tmp_path, BAD_LINK, name="copy of b.xlsx")
    _, by_path, _ = run(capsys, "check", first, "--as-of", AS_OF, "--json")
    _, by_other_path, _ = run(capsys, "check", second, "--as-of", AS_OF, "--json")
    from_file = to_json(check(open_book(io.BytesIO(first.read_bytes())), dt.date(2024, 3, 20)))
    assert by_path == by_other_path == from_file + "\n"


def test_csv(tmp_path, capsys):
    code, out, _ = run(capsys, "check", workbook(tmp_path, BAD_LINK), "--as-of", AS_OF, "--csv",
                       "--lang", "en")
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == FIELDS
    assert (rows[0]["code"], rows[0]["row"], rows[0]["column"]) == ("invalid-url", "13", "Đường dẫn")
    assert rows[0]["message"].startswith("Cell Nhật ký!H13")


def test_a_missing_file_exits_2_with_a_message(tmp_path, capsys):
    code, out, err = run(capsys, "check", tmp_path / "khong-co.xlsx")
    assert code == 2 and out == ""
    assert "Không tìm thấy tệp" in err


def test_a_file_that_is_not_a_workbook_exits_2(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook")
    code, _, err = run(capsys, "check", path)
    assert code == 2 and err


@pytest.mark.parametrize("argv", [
    ["check", "x.xlsx", "--as-of", "hôm qua"],
    ["check", "x.xlsx", "--json", "--csv"],
    ["check", "x.xlsx", "--lang", "fr"],
    ["check"],
])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
