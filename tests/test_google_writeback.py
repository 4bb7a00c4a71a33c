"""`check --write-back` writes the findings to commsplan's own "Kiểm tra" only, as RAW values.

(That a tab of the school's named like it is never touched is in test_hostile_google.py.)"""

from __future__ import annotations

import copy
import json

from commsplan.sources.http import is_idempotent
from tests.fake_sheets.fixtures import SERVICE_ACCOUNT_EMAIL
from tests.fake_sheets.server import Formula
from tests.test_google_source import FORMULA_TEXT, google, run, seed_both  # noqa: F401

TAB = "Kiểm tra"


def _state(fake, key) -> dict:
    """Everything the fake holds for each tab, to compare before and after."""
    return {s.title: copy.deepcopy((s.cells, s.formats, s.validations, s.notes,
                                    s.protected_ranges, s.conditional_formats, s.properties,
                                    s.dimensions))
            for s in fake.spreadsheet(key).sheets}


def _key(url: str) -> str:
    return url.split("/d/")[1].split("/")[0]


def test_write_back_creates_the_tab_and_leaves_every_other_tab_alone(google, tmp_path, capsys,
                                                                     service_account_file):
    _, url = seed_both(google, tmp_path)
    key = _key(url)
    before = _state(google, key)
    code, out, err = run(capsys, "check", url, "--write-back", "--as-of", "30/06/2024",
                         "--credentials", str(service_account_file))
    assert code == 1, err
    assert f"'{TAB}'" in err
    after = _state(google, key)
    assert {t: s for t, s in after.items() if t != TAB} == before
    rows = google.values(key, TAB)
    assert rows[0] == ["Kết quả kiểm tra bảng tính (commsplan)"]
    assert rows[2] == ["Tính đến ngày", "30/06/2024"]
    errors = int(rows[3][1])
    assert rows[6] == ["Ô", "Mức độ", "Mã", "Nội dung", "Giá trị", "Kỳ", "Phạm vi"]
    findings = rows[7:]
    assert errors == sum(1 for r in findings if r[1] == "lỗi") > 0
    formula_row = next(r for r in findings if r[0] == "Nhat ky!A5")
    assert formula_row[1:3] == ["lỗi", "invalid-date"]
    assert formula_row[4] == FORMULA_TEXT
    stored = google.sheet(key, TAB).cells
    assert not any(isinstance(v, Formula) for v in stored.values())
    assert FORMULA_TEXT in stored.values()  # arrived as text, never as a formula
    update = google.calls("values.update")[0]
    assert update.arg("valueInputOption") == "RAW"
    assert update.params["range"].startswith(f"'{TAB}'!")


def test_write_back_requests_and_scope(google, tmp_path, capsys, service_account_file):
    _, url = seed_both(google, tmp_path)
    run(capsys, "check", url, "--write-back", "--credentials", str(service_account_file))
    assert google.token_grants[-1]["scope"] == "https://www.googleapis.com/auth/spreadsheets"
    kinds = [c.kind for c in google.requests]
    assert kinds == ["token", "spreadsheets.get",  # the read
                     "spreadsheets.get", "spreadsheets.batchUpdate", "values.update"]
    created = google.calls("spreadsheets.batchUpdate")[0].body["requests"]
    assert [next(iter(r)) for r in created][::len(created) - 1] == ["addSheet",
                                                                   "createDeveloperMetadata"]
    google.requests.clear()
    run(capsys, "check", url, "--write-back", "--credentials", str(service_account_file))
    kinds = [c.kind for c in google.requests]
    assert kinds == ["token", "spreadsheets.get", "spreadsheets.get", "values.clear",
                     "values.update"]
    for call in google.requests:  # nothing but the own tab was written or cleared
        if call.kind in ("values.clear", "values.update"):
            assert call.params["range"].startswith(f"'{TAB}'")


def test_a_second_write_back_replaces_the_old_rows(google, tmp_path, capsys,
                                                   service_account_file):
    _, url = seed_both(google, tmp_path)
    key = _key(url)
    run(capsys, "check", url, "--write-back", "--credentials", str(service_account_file))
    first = google.values(key, TAB)
    # fix the formula cell and the bad link: fewer findings
    google.set_values(key, "'Nhat ky'!A5", [["07/03/2024"]])
    google.set_values(key, "'Nhat ky'!H6", [["https://thmm2.edu.vn/b"]])
    run(capsys, "check", url, "--write-back", "--credentials", str(service_account_file))
    second = google.values(key, TAB)
    assert len(second) < len(first)
    assert not any(r and r[0] in ("Nhat ky!A5", "Nhat ky!H6") for r in second)


def test_json_stays_clean_with_write_back(google, tmp_path, capsys, service_account_file):
    _, url = seed_both(google, tmp_path)
    code, out, err = run(capsys, "--lang", "en", "check", url, "--json", "--write-back",
                         "--credentials", str(service_account_file))
    assert json.loads(out)["findings"]
    assert "Wrote the check result" in err
    rows = google.values(_key(url), TAB)
    assert rows[0] == ["Spreadsheet check result (commsplan)"]
    assert rows[6][:3] == ["Cell", "Severity", "Code"]


def test_our_tab_renamed_and_shrunk_is_found_by_its_marker_and_grows(google, tmp_path, capsys,
                                                                     service_account_file):
    _, url = seed_both(google, tmp_path)
    key = _key(url)
    run(capsys, "check", url, "--write-back", "--credentials", str(service_account_file))
    ours = google.sheet(key, TAB)
    ours.properties["title"] = "Kết quả kiểm tra"  # a teacher renamed it
    for cell in [k for k in ours.cells if k[0] >= 3 or k[1] >= 3]:  # as if the grid shrank
        del ours.cells[cell]
    ours.grid.update(rowCount=3, columnCount=3)
    code, _, err = run(capsys, "check", url, "--write-back",
                       "--credentials", str(service_account_file))
    assert "'Kết quả kiểm tra'" in err
    rows = google.values(key, "Kết quả kiểm tra")
    assert rows[0] == ["Kết quả kiểm tra bảng tính (commsplan)"]
    assert len(rows) > 3 and len(rows[7]) == 7
    assert TAB not in [s.title for s in google.spreadsheet(key).sheets]


def test_write_back_without_edit_access_says_what_to_share(google, tmp_path, capsys,
                                                           service_account_file):
    _, url = seed_both(google, tmp_path)
    google.share(_key(url), SERVICE_ACCOUNT_EMAIL, "reader")
    code, out, err = run(capsys, "check", url, "--write-back",
                         "--credentials", str(service_account_file))
    assert code == 2
    assert f"Hãy chia sẻ bảng tính với địa chỉ {SERVICE_ACCOUNT_EMAIL} (quyền Người chỉnh sửa)" \
        in err
    assert TAB not in [s.title for s in google.spreadsheet(_key(url)).sheets]


def test_which_requests_count_as_safe_to_repeat():
    base = "https://sheets.googleapis.com/v4/spreadsheets/k"
    assert is_idempotent("GET", base + "/values:batchGet?ranges=a")
    assert is_idempotent("PUT", base + "/values/'Kiểm tra'!A1")
    assert is_idempotent("POST", base + "/values/'Kiểm tra':clear")
    assert not is_idempotent("POST", base + ":batchUpdate")
    assert not is_idempotent("POST", base + "/values/A1:append")
    assert not is_idempotent("POST", "https://www.googleapis.com/drive/v3/files/k/permissions")
