"""`commsplan init` provisions a Google Sheet from the contract in ONE batchUpdate, and a second
run sends none; data rows are never touched."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from commsplan import open_book
from commsplan.contract import load_contract
from commsplan.sheet_writers.provision import provision
from commsplan.sources.google import open_sheet
from tests.fake_sheets.fixtures import SERVICE_ACCOUNT_EMAIL
from tests.test_google_source import google, run, sample_tabs  # noqa: F401 (fixture)

AUTH = "https://www.googleapis.com/auth/"


def _column(tab_key: str, column_key: str) -> int:
    tab = load_contract().tab(tab_key)
    return [c.key for c in tab.columns].index(column_key)


def _snapshot(sheet) -> dict:
    return copy.deepcopy({"cells": sheet.cells, "formats": sheet.formats,
                          "validations": sheet.validations, "notes": sheet.notes,
                          "protected": sheet.protected_ranges,
                          "rules": sheet.conditional_formats, "props": sheet.properties,
                          "dimensions": sheet.dimensions})


@pytest.fixture
def blank(google):
    """A new spreadsheet as Google makes it: one empty "Sheet1"."""
    return google.add_spreadsheet("Kế hoạch truyền thông 2024")


def test_init_builds_every_tab_in_one_batch_update(google, blank, capsys, service_account_file):
    code, out, err = run(capsys, "init", blank, "--credentials", str(service_account_file))
    assert code == 0, err
    assert f"{len(load_contract().tabs)} trang tính mới" in out
    assert google.count("spreadsheets.batchUpdate") == 1
    assert [c.kind for c in google.requests] == ["token", "spreadsheets.get",
                                                 "spreadsheets.batchUpdate"]
    assert google.token_grants[0]["scope"] == AUTH + "spreadsheets"
    contract = load_contract()
    titles = [s.title for s in google.spreadsheet(blank).sheets]
    assert titles == ["Sheet1"] + [tab.name for tab in contract.tabs]
    for tab in contract.tabs:
        sheet = google.sheet(blank, tab.name)
        assert sheet.frozen_rows == 1
        assert [p["warningOnly"] for p in sheet.protected_ranges] == [True]
        assert sheet.protected_ranges[0]["range"].get("endRowIndex") == 1
        if tab.layout == "table":
            assert google.values(blank, tab.name) == [[c.header for c in tab.columns]]
            assert sheet.column_widths[0] == tab.columns[0].width * 7 + 5
    # the en_US fake sheet reads 05/03/2024 as 3 May: init says so
    assert "en_US" in err


def test_dropdowns_formats_and_required_marks(google, blank, service_account_file):
    provision(open_sheet(blank, "write", credentials=str(service_account_file)))
    log = google.sheet(blank, "Nhật ký")
    type_rule = log.validations[(1, _column("activities", "type"))]
    assert type_rule["condition"]["type"] == "ONE_OF_LIST"
    assert [v["userEnteredValue"] for v in type_rule["condition"]["values"]] == \
        list(load_contract().tab("activities").column("type").allowed)
    assert type_rule["strict"] is False  # a warning, not a refusal
    topic_rule = log.validations[(500, _column("activities", "topic"))]  # the whole column
    assert topic_rule["condition"] == {"type": "ONE_OF_RANGE",
                                       "values": [{"userEnteredValue": "='Chủ đề'!$B$2:$B"}]}
    assert (0, _column("activities", "topic")) not in log.validations  # not on the header
    title = _column("activities", "title")
    assert log.formats[(1, title)]["numberFormat"] == {"type": "TEXT", "pattern": "@"}
    assert log.formats[(1, 0)]["numberFormat"]["type"] == "DATE"
    formulas = [r["booleanRule"]["condition"]["values"][0]["userEnteredValue"]
                for r in log.conditional_formats]
    assert "=AND(COUNTA($A2:$I2)>0, ISBLANK(C2))" in formulas
    required = [c for c in load_contract().tab("activities").columns if c.required]
    assert len(formulas) == len(required)
    assert log.notes[(0, 0)]  # each header carries its help as a note
    general = google.sheet(blank, "Thông tin chung")
    assert google.values(blank, "Thông tin chung")[1] == ["Cơ quan chủ quản"]
    assert any("ISBLANK($B2)" in r["booleanRule"]["condition"]["values"][0]["userEnteredValue"]
               for r in general.conditional_formats)


def test_a_second_init_sends_no_batch_update(google, blank, capsys, service_account_file):
    run(capsys, "init", blank, "--credentials", str(service_account_file))
    before = {s.title: _snapshot(s) for s in google.spreadsheet(blank).sheets}
    google.requests.clear()
    code, out, err = run(capsys, "init", blank, "--credentials", str(service_account_file))
    assert code == 0, err
    assert "không cần thay đổi" in out
    assert [c.kind for c in google.requests] == ["token", "spreadsheets.get"]
    assert {s.title: _snapshot(s) for s in google.spreadsheet(blank).sheets} == before


def test_the_provisioned_sheet_reads_like_the_blank_template(google, blank, tmp_path,
                                                             service_account_file):
    from commsplan.sheet_writers.workbook import workbook_bytes

    run_init = open_sheet(blank, "write", credentials=str(service_account_file))
    provision(run_init)
    path = tmp_path / "mau.xlsx"
    path.write_bytes(workbook_bytes())
    from_template = open_book(str(path))
    from_google = open_book(blank, credentials=str(service_account_file))
    assert [f.code for f in from_google.findings] == [f.code for f in from_template.findings]
    assert from_google.general.rows == from_template.general.rows


def test_init_keeps_existing_data_and_completes_headers(google, service_account_file):
    tabs = sample_tabs()
    # staff moved columns and dropped one: "Ghi chú" is missing, "Kênh" comes first
    log = tabs.pop("Nhat ky")
    header = log[0]
    order = [header.index("Kênh")] + [i for i, h in enumerate(header)
                                       if h not in ("Kênh", "Ghi chú")]
    tabs["Nhat ky"] = [[row[i] if i < len(row) else "" for i in order] for row in log]
    key = google.add_spreadsheet("có dữ liệu", tabs)
    before = {s.title: copy.deepcopy(s.cells) for s in google.spreadsheet(key).sheets}
    provision(open_sheet(key, "write", credentials=str(service_account_file)))
    assert google.count("spreadsheets.batchUpdate") == 1
    assert google.count("values.batchGet") == 1  # the existing tabs' header rows
    sheet = google.sheet(key, "Nhat ky")
    after = sheet.cells
    written = {k: v for k, v in after.items() if k not in before["Nhat ky"]}
    assert written == {(0, 8): "Ghi chú"}  # the missing header, after the last one
    assert {k: after[k] for k in before["Nhat ky"]} == before["Nhat ky"]
    for title, cells in before.items():
        if title != "Nhat ky":
            assert google.sheet(key, title).cells == cells, title
    # the dropdowns follow the columns where they are
    assert (1, 1) not in sheet.validations  # "Ngày" is now column B
    assert sheet.validations[(1, 2)]["condition"]["values"][0]["userEnteredValue"] == \
        "='Chủ đề'!$B$2:$B"
    channel_rule = sheet.validations[(1, 0)]["condition"]  # "Kênh" is now column A
    assert channel_rule == {"type": "ONE_OF_RANGE",
                            "values": [{"userEnteredValue": "='Kênh'!$A$2:$A"}]}
    google.requests.clear()
    provision(open_sheet(key, "write", credentials=str(service_account_file)))
    assert google.count("spreadsheets.batchUpdate") == 0


def test_a_changed_contract_refreshes_without_doubling_the_rules(google, blank,
                                                                 service_account_file):
    sheet = open_sheet(blank, "write", credentials=str(service_account_file))
    provision(sheet)
    contract = load_contract()
    tabs = list(contract.tabs)
    index = [t.key for t in tabs].index("channels")
    columns = tuple(dataclasses.replace(c, help=c.help + " (mới)") for c in tabs[index].columns)
    tabs[index] = dataclasses.replace(tabs[index], columns=columns)
    changed = dataclasses.replace(contract, tabs=tuple(tabs))
    rules = len(google.sheet(blank, "Kênh").conditional_formats)
    result = provision(sheet, changed)
    assert result.updated == ["Kênh"] and not result.created
    channels = google.sheet(blank, "Kênh")
    assert len(channels.conditional_formats) == rules
    assert len(channels.protected_ranges) == 1
    assert channels.notes[(0, 0)].endswith("(mới)")
    assert provision(sheet, changed).requests == 0


def test_init_share_gives_edit_access_and_asks_for_drive(google, blank, capsys,
                                                         service_account_file):
    code, out, err = run(capsys, "init", blank, "--share", "gv1@truong.edu.vn",
                         "gv2@truong.edu.vn", "--credentials", str(service_account_file))
    assert code == 0, err
    permissions = google.permissions(blank)
    assert [(p["emailAddress"], p["role"], p["type"]) for p in permissions] == [
        ("gv1@truong.edu.vn", "writer", "user"), ("gv2@truong.edu.vn", "writer", "user")]
    assert permissions[0]["query"]["sendNotificationEmail"] == "true"
    assert set(google.token_grants[0]["scope"].split()) == {AUTH + "spreadsheets", AUTH + "drive"}
    assert "gv2@truong.edu.vn" in out


def test_init_without_edit_access_names_the_service_account(google, capsys,
                                                            service_account_file):
    key = google.add_spreadsheet("chỉ xem", shared_with={SERVICE_ACCOUNT_EMAIL: "reader"})
    code, out, err = run(capsys, "init", key, "--credentials", str(service_account_file))
    assert code == 2
    assert SERVICE_ACCOUNT_EMAIL in err and "Người chỉnh sửa" in err
    assert google.count("spreadsheets.batchUpdate") == 1 and google.sheet(key, "Sheet1")
    assert len(google.spreadsheet(key).sheets) == 1  # refused whole: nothing was added


def test_init_refuses_a_file(google, tmp_path, capsys):
    code, _, err = run(capsys, "init", str(tmp_path / "a.xlsx"))
    assert code == 2 and "init" in err
