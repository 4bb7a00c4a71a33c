"""Tests of the fake Sheets server: replay of recorded Google traffic, then its behaviours one by one."""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
import requests

from tests.fake_sheets.fixtures import SERVICE_ACCOUNT_EMAIL, RedirectingSession, authorized_session
from tests.fake_sheets.server import FakeSheets, Formula, parse_a1

RECORDINGS = Path(__file__).resolve().parents[1].parent / "shared" / "google-sheets-recordings"
CASSETTES = sorted(RECORDINGS.glob("*.json")) if RECORDINGS.is_dir() else []
# Recorded request kinds the fake deliberately does not answer like Google, and why (none at present).
NOT_REPLAYED: dict[str, str] = {}
# Leaves whose values are per-run (ids, timestamps, urls, the recording account's e-mail): only shapes compared.
VOLATILE = {"spreadsheetId", "id", "sheetId", "protectedRangeId", "createdTime", "modifiedTime", "spreadsheetUrl",
            "users"}
CONTRACT_EMAIL = "contract@commsplan-test.iam.gserviceaccount.com"


def diff(expected, actual, path="$", exact=True) -> list[str]:
    """Differences of JSON shape (keys, types, list lengths) and, outside VOLATILE keys, of values."""
    def kind(v: object) -> str:
        return "number" if type(v) in (int, float) else type(v).__name__
    if kind(expected) != kind(actual):
        return [f"{path}: {kind(expected)} != {kind(actual)}"]
    if isinstance(expected, dict):
        odd = sorted(expected.keys() ^ actual.keys())
        out = [f"{path}: keys differ {odd}"] if odd else []
        return out + [d for k in expected.keys() & actual.keys()
                      for d in diff(expected[k], actual[k], f"{path}.{k}", exact and k not in VOLATILE)]
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} items != {len(actual)}"]
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in diff(e, a, f"{path}[{i}]", exact)]
    return [f"{path}: {expected!r} != {actual!r}"] if exact and expected != actual else []


def remap_sheet_ids(value, sheet_ids: dict):
    if isinstance(value, dict):
        return {k: sheet_ids.get(v, v) if k == "sheetId" else remap_sheet_ids(v, sheet_ids) for k, v in value.items()}
    return [remap_sheet_ids(v, sheet_ids) for v in value] if isinstance(value, list) else value


@pytest.mark.skipif(not CASSETTES, reason=f"no recorded Google traffic at {RECORDINGS}")
@pytest.mark.parametrize("cassette", CASSETTES, ids=lambda p: p.stem)
def test_replays_recorded_google_traffic(cassette, fake_sheets):
    """Each recorded exchange, replayed in order against a fresh fake, gets the same status, shape and values."""
    session = RedirectingSession(fake_sheets.url, fake_sheets.allow_token("contract", email=CONTRACT_EMAIL))
    ids, sheet_ids, replayed = {}, {}, 0
    for number, exchange in enumerate(json.loads(cassette.read_text())["interactions"]):
        request, response = exchange["request"], exchange["response"]
        uri, body = request["uri"], request["body"]
        body = body.get("string") if isinstance(body, dict) else body
        for recorded, ours in ids.items():
            uri, body = uri.replace(recorded, ours), body and body.replace(recorded, ours)
        payload = remap_sheet_ids(json.loads(body), sheet_ids) if body else None
        answer = session.request(request["method"], uri, json=payload)
        where = f"{cassette.stem} #{number}: {request['method']} {uri}"
        if any(marker in uri for marker in NOT_REPLAYED):
            assert answer.status_code == 501, where
            continue
        assert answer.status_code == response["status"]["code"], f"{where}: {answer.text}"
        replayed += 1
        recorded_text = response["body"]["string"]
        if not recorded_text:
            assert answer.content == b"", where
            continue
        expected, actual = json.loads(recorded_text), answer.json()
        assert diff(expected, actual) == [], where
        if "drive/v3/files" in uri and request["method"] == "POST":
            ids[expected["id"]] = actual["id"]
        for mine, theirs in zip(actual.get("replies", []), expected.get("replies", [])):
            if "addSheet" in mine:
                sheet_ids[theirs["addSheet"]["properties"]["sheetId"]] = mine["addSheet"]["properties"]["sheetId"]
    assert replayed >= 3


# ---------------------------------------------------------------- helpers for the direct tests
@pytest.fixture
def api(fake_sheets, fake_token) -> requests.Session:
    return RedirectingSession(fake_sheets.url, fake_token)


def values_url(fake, sid, rng=None, suffix=""):
    return f"{fake.sheets_url}/{sid}/values" + (f"/{rng}" if rng else "") + suffix


@pytest.fixture
def plan(fake_sheets) -> str:
    return fake_sheets.add_spreadsheet("Kế hoạch", {
        "Nhật ký": [["Ngày", "Việc", "Số", "Xong"],
                    [dt.date(2024, 9, 5), "Khai giảng", 1.5, True],
                    [dt.datetime(2024, 9, 6, 14, 30), "=IMPORTXML(\"x\")", 2, False],
                    [Formula("=4/2"), Formula("=SUM(C2:C3)", 3.5), "", None]],
        "Trống": []}, locale="vi_VN", time_zone="Asia/Ho_Chi_Minh")


def get_values(api, fake, sid, rng, **params):
    answer = api.get(values_url(fake, sid, rng), params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


# ---------------------------------------------------------------- values rendering and ranges
def test_formatted_value_uses_the_spreadsheet_locale(api, fake_sheets, plan):
    got = get_values(api, fake_sheets, plan, "'Nhật ký'!A1:Z")
    assert got["range"] == "'Nhật ký'!A1:Z1000"
    assert got["values"] == [["Ngày", "Việc", "Số", "Xong"], ["05/09/2024", "Khai giảng", "1,5", "TRUE"],
                             ["06/09/2024 14:30:00", "=IMPORTXML(\"x\")", "2", "FALSE"], ["2", "3,5"]]
    fake_sheets.spreadsheet(plan).properties["locale"] = "en_US"
    assert get_values(api, fake_sheets, plan, "'Nhật ký'!A2:C2")["values"] == [["9/5/2024", "Khai giảng", "1.5"]]


def test_unformatted_value_and_date_time_render_options(api, fake_sheets, plan):
    serial = get_values(api, fake_sheets, plan, "'Nhật ký'!A2:D4", valueRenderOption="UNFORMATTED_VALUE")
    assert serial["values"] == [[45540, "Khai giảng", 1.5, True], [45541.604166666664, "=IMPORTXML(\"x\")", 2, False],
                                [2, 3.5]]
    text = get_values(api, fake_sheets, plan, "'Nhật ký'!A2:A3", valueRenderOption="UNFORMATTED_VALUE",
                      dateTimeRenderOption="FORMATTED_STRING")
    assert text["values"] == [["05/09/2024"], ["06/09/2024 14:30:00"]]


def test_formula_rendering_returns_formula_text(api, fake_sheets, plan):
    got = get_values(api, fake_sheets, plan, "'Nhật ký'!A4:B4", valueRenderOption="FORMULA")
    assert got["values"] == [["=4/2", "=SUM(C2:C3)"]]


def test_trailing_empty_cells_and_rows_are_trimmed(api, fake_sheets):
    sid = fake_sheets.add_spreadsheet("t", {"S": [["a", "", "c", ""], ["", ""], [], ["", "d"], [""], []]})
    assert get_values(api, fake_sheets, sid, "S")["values"] == [["a", "", "c"], [], [], ["", "d"]]
    columns = get_values(api, fake_sheets, sid, "S!A1:D6", majorDimension="COLUMNS")
    assert columns == {"range": "S!A1:D6", "majorDimension": "COLUMNS", "values": [["a"], ["", "", "", "d"], ["c"]]}
    assert get_values(api, fake_sheets, sid, "S!E1:F3") == {"range": "S!E1:F3", "majorDimension": "ROWS"}


@pytest.mark.parametrize("text, expected", [
    ("'Nhật ký'!A1:Z", ("Nhật ký", (0, None, 0, 26))), ("'It''s'!B2", ("It's", (1, 2, 1, 2))),
    ("Tab!A:A", ("Tab", (0, None, 0, 1))), ("A1:1", (None, (0, 1, 0, None))), ("'Tab'", ("Tab", None)),
    ("B3:A1", (None, (0, 3, 0, 2))), ("Tab!AA10:AB", ("Tab", (9, None, 26, 28))),
])
def test_parse_a1(text, expected):
    assert parse_a1(text) == expected


@pytest.mark.parametrize("bad", ["A", "A1:B2:C3", "A0", "ABCD1"])
def test_parse_a1_rejects(bad):
    with pytest.raises(ValueError):
        parse_a1(bad)


def test_ranges_resolve_like_google(api, fake_sheets, plan):
    got = api.get(values_url(fake_sheets, plan, suffix=":batchGet"),
                  params={"ranges": ["Nhật ký", "Nhật ký!B:B", "A1:B1", "Trống!A1"]}).json()
    assert [v["range"] for v in got["valueRanges"]] == ["'Nhật ký'!A1:Z1000", "'Nhật ký'!B1:B1000",
                                                        "'Nhật ký'!A1:B1", "'Trống'!A1"]
    unknown = api.get(values_url(fake_sheets, plan, "Khác!A1"))
    assert unknown.status_code == 400
    assert unknown.json() == {"error": {"code": 400, "message": "Unable to parse range: Khác!A1",
                                        "status": "INVALID_ARGUMENT"}}


# ---------------------------------------------------------------- writes
def test_raw_keeps_strings_and_user_entered_parses_them(api, fake_sheets, plan):
    row = ["=IMPORTXML(\"u\", \"//a\")", "53", "1,5", "25/12/2024", "2024-01-02", "TRUE", "'0123", 7]
    for option, tab_range in [("RAW", "Trống!A1"), ("USER_ENTERED", "Trống!A2")]:
        answer = api.put(values_url(fake_sheets, plan, tab_range), params={"valueInputOption": option},
                         json={"values": [row]})
        assert answer.json()["updatedCells"] == 8
    raw, typed = fake_sheets.values(plan, "Trống")
    assert raw == row
    assert typed == [Formula("=IMPORTXML(\"u\", \"//a\")"), 53, 1.5, dt.date(2024, 12, 25), dt.date(2024, 1, 2),
                     True, "0123", 7]
    shown = fake_sheets.values(plan, "Trống", "FORMATTED_VALUE")[1]
    assert shown[2:5] == ["1,5", "25/12/2024", "2024-01-02"]  # a typed ISO date keeps its pattern, as in Sheets


def test_update_bounds_and_payload_errors(api, fake_sheets, plan):
    too_wide = api.put(values_url(fake_sheets, plan, "Trống!A1:B1"), params={"valueInputOption": "RAW"},
                       json={"values": [[1, 2, 3]]})
    assert too_wide.status_code == 400 and "tried writing to column [C]" in too_wide.json()["error"]["message"]
    beyond = api.put(values_url(fake_sheets, plan, "Trống!A1000"), params={"valueInputOption": "RAW"},
                     json={"values": [[1], [2]]})
    assert beyond.json()["error"]["message"] == ("Range ('Trống'!A1000:A1001) exceeds grid limits. "
                                                  "Max rows: 1000, max columns: 26")
    no_option = api.put(values_url(fake_sheets, plan, "Trống!A1"), json={"values": [[1]]})
    assert no_option.status_code == 400
    assert fake_sheets.values(plan, "Trống") == []


def test_batch_update_values_is_atomic_and_counts_like_google(api, fake_sheets, plan):
    url = values_url(fake_sheets, plan, suffix=":batchUpdate")
    bad = api.post(url, json={"valueInputOption": "RAW", "data": [{"range": "Trống!A1", "values": [["x"]]},
                                                                   {"range": "Nowhere!A1", "values": [["y"]]}]})
    assert bad.status_code == 400 and fake_sheets.values(plan, "Trống") == []
    good = api.post(url, json={"valueInputOption": "RAW", "data": [{"range": "Trống!A1:B1", "values": [["a", "b"]]},
                                                                    {"range": "Trống!A3", "values": [["c", "d"]]}]})
    assert {k: v for k, v in good.json().items() if k.startswith("total")} == {
        "totalUpdatedRows": 2, "totalUpdatedColumns": 2, "totalUpdatedCells": 4, "totalUpdatedSheets": 1}


def test_clear_batch_clear_and_append(api, fake_sheets, plan):
    cleared = api.post(values_url(fake_sheets, plan, "'Nhật ký'!C2:D3", ":clear")).json()
    assert cleared["clearedRange"] == "'Nhật ký'!C2:D3"
    assert fake_sheets.values(plan, "Nhật ký")[1] == [dt.date(2024, 9, 5), "Khai giảng"]
    many = api.post(values_url(fake_sheets, plan, suffix=":batchClear"), json={"ranges": ["'Nhật ký'!A4:B4"]}).json()
    assert many["clearedRanges"] == ["'Nhật ký'!A4:B4"]
    appended = api.post(values_url(fake_sheets, plan, "'Nhật ký'!A1", ":append"), params={"valueInputOption": "RAW"},
                        json={"values": [["x", "y"]]}).json()
    assert appended["tableRange"] == "'Nhật ký'!A1:D3"
    assert appended["updates"]["updatedRange"] == "'Nhật ký'!A4:B4"


# ---------------------------------------------------------------- spreadsheets.get and batchUpdate
def test_spreadsheet_get_shape_and_fields(api, fake_sheets, plan):
    meta = api.get(f"{fake_sheets.sheets_url}/{plan}").json()
    assert meta["properties"]["locale"] == "vi_VN" and meta["spreadsheetUrl"].endswith(f"/d/{plan}/edit")
    assert [s["properties"]["title"] for s in meta["sheets"]] == ["Nhật ký", "Trống"]
    assert meta["sheets"][0]["properties"] == {"sheetId": 0, "title": "Nhật ký", "index": 0, "sheetType": "GRID",
                                               "gridProperties": {"rowCount": 1000, "columnCount": 26}}
    titles = api.get(f"{fake_sheets.sheets_url}/{plan}", params={"fields": "sheets(properties(title))"}).json()
    assert titles == {"sheets": [{"properties": {"title": "Nhật ký"}}, {"properties": {"title": "Trống"}}]}
    assert api.get(f"{fake_sheets.sheets_url}/{plan}", params={"fields": "sheets((("}).status_code == 400
    missing = api.get(f"{fake_sheets.sheets_url}/nope")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == "NOT_FOUND"


def test_batch_update_kinds_are_stored(api, fake_sheets, plan):
    rng = {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 5, "startColumnIndex": 3, "endColumnIndex": 4}
    rule = {"ranges": [rng], "booleanRule": {"condition": {"type": "BLANK"}, "format": {"bold": True}}}
    requests_ = [
        {"updateSheetProperties": {"properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 1}},
                                   "fields": "gridProperties.frozenRowCount"}},
        {"updateDimensionProperties": {"range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 1, "endIndex": 3},
                                       "properties": {"pixelSize": 240}, "fields": "pixelSize"}},
        {"setDataValidation": {"range": rng, "rule": {"condition": {"type": "BOOLEAN"}, "strict": True}}},
        {"addProtectedRange": {"protectedRange": {"range": {"sheetId": 0, "endRowIndex": 1}, "warningOnly": True}}},
        {"addConditionalFormatRule": {"rule": rule, "index": 0}},
        {"repeatCell": {"range": {"sheetId": 0, "endRowIndex": 1}, "cell": {"userEnteredFormat": {"textFormat": {
            "bold": True}}}, "fields": "userEnteredFormat.textFormat.bold"}},
        {"updateCells": {"start": {"sheetId": 0, "rowIndex": 5}, "rows": [{"values": [
            {"userEnteredValue": {"formulaValue": "=1+1"}}, {"userEnteredValue": {"stringValue": "s"}}]}],
            "fields": "userEnteredValue"}},
        {"appendDimension": {"sheetId": 0, "dimension": "ROWS", "length": 10}},
        {"updateSpreadsheetProperties": {"properties": {"title": "Mới"}, "fields": "title"}},
        {"addSheet": {"properties": {"title": "Thêm", "index": 0}}},
    ]
    answer = api.post(f"{fake_sheets.sheets_url}/{plan}:batchUpdate", json={"requests": requests_}).json()
    replies = answer["replies"]
    assert replies[3]["addProtectedRange"]["protectedRange"]["warningOnly"] is True
    assert replies[9]["addSheet"]["properties"]["index"] == 0 and [r for r in replies if r] == [replies[3], replies[9]]
    ss, sheet = fake_sheets.spreadsheet(plan), fake_sheets.sheet(plan, "Nhật ký")
    assert (ss.title, sheet.frozen_rows, sheet.column_widths, sheet.row_count) == ("Mới", 1, {1: 240, 2: 240}, 1010)
    assert sheet.validations[(4, 3)]["condition"]["type"] == "BOOLEAN" and (5, 3) not in sheet.validations
    assert sheet.formats[(0, 2)] == {"textFormat": {"bold": True}}
    assert fake_sheets.values(plan, "Nhật ký")[5] == [Formula("=1+1"), "s"]
    meta = api.get(f"{fake_sheets.sheets_url}/{plan}").json()
    assert [s["properties"]["index"] for s in meta["sheets"]] == [0, 1, 2]
    ours = meta["sheets"][1]
    assert ours["properties"]["gridProperties"]["frozenRowCount"] == 1
    assert ours["protectedRanges"][0]["range"] == {"endRowIndex": 1}  # Google omits sheetId 0
    assert ours["conditionalFormats"] == [{**rule, "ranges": [{k: v for k, v in rng.items() if k != "sheetId"}]}]
    protected_id = replies[3]["addProtectedRange"]["protectedRange"]["protectedRangeId"]
    undo = [{"deleteProtectedRange": {"protectedRangeId": protected_id}},
            {"deleteConditionalFormatRule": {"sheetId": 0, "index": 0}}]
    undone = api.post(f"{fake_sheets.sheets_url}/{plan}:batchUpdate", json={"requests": undo}).json()
    assert undone["replies"][1]["deleteConditionalFormatRule"]["rule"]["booleanRule"] == rule["booleanRule"]
    assert sheet.protected_ranges == [] and sheet.conditional_formats == []


def test_batch_update_is_all_or_nothing(api, fake_sheets, plan):
    before = fake_sheets.values(plan, "Nhật ký")
    for bad in [{"deleteSheet": {"sheetId": 12345}}, {"frobnicate": {}}, {"mergeCells": {}},
                {"addSheet": {"properties": {"title": "Trống"}}}]:
        answer = api.post(f"{fake_sheets.sheets_url}/{plan}:batchUpdate", json={"requests": [
            {"addSheet": {"properties": {"title": "Tạm"}}},
            {"updateCells": {"start": {"sheetId": 0}, "rows": [{"values": [{"userEnteredValue": {"numberValue": 9}}]}],
                             "fields": "userEnteredValue"}}, bad]})
        assert answer.status_code == 400 and answer.json()["error"]["status"] == "INVALID_ARGUMENT"
        assert [s.title for s in fake_sheets.spreadsheet(plan).sheets] == ["Nhật ký", "Trống"]
        assert fake_sheets.values(plan, "Nhật ký") == before
    assert answer.json()["error"]["message"] == (
        'Invalid requests[2].addSheet: A sheet with the name "Trống" already exists. Please enter another name.')


# ---------------------------------------------------------------- grid data
def _grid(api, fake, sid, **params):
    answer = api.get(f"{fake.sheets_url}/{sid}", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_grid_data_carries_each_cell_as_typed_shown_and_formatted(api, fake_sheets, plan):
    fields = "sheets(properties(title),data(rowData(values(userEnteredValue,effectiveValue,formattedValue))))"
    got = _grid(api, fake_sheets, plan, fields=fields)
    log, empty = got["sheets"]
    assert empty == {"properties": {"title": "Trống"}, "data": [{}]}  # an empty tab still has its GridData
    rows = log["data"][0]["rowData"]
    assert rows[1]["values"][:4] == [
        {"userEnteredValue": {"numberValue": 45540}, "effectiveValue": {"numberValue": 45540},
         "formattedValue": "05/09/2024"},
        {"userEnteredValue": {"stringValue": "Khai giảng"}, "effectiveValue": {"stringValue": "Khai giảng"},
         "formattedValue": "Khai giảng"},
        {"userEnteredValue": {"numberValue": 1.5}, "effectiveValue": {"numberValue": 1.5}, "formattedValue": "1,5"},
        {"userEnteredValue": {"boolValue": True}, "effectiveValue": {"boolValue": True}, "formattedValue": "TRUE"}]
    assert rows[3]["values"][:2] == [
        {"userEnteredValue": {"formulaValue": "=4/2"}, "effectiveValue": {"numberValue": 2}, "formattedValue": "2"},
        {"userEnteredValue": {"formulaValue": "=SUM(C2:C3)"}, "effectiveValue": {"numberValue": 3.5},
         "formattedValue": "3,5"}]
    assert len(rows) == 4 and len(rows[3]["values"]) == 2  # trailing empty cells and rows are left out


def test_grid_data_of_an_error_cell_and_gaps(api, fake_sheets):
    sid = fake_sheets.add_spreadsheet("e", {"S": [["", Formula("=1/0")], [], ["x"]]})
    rows = _grid(api, fake_sheets, sid, fields="sheets.data.rowData.values.effectiveValue")["sheets"][0]["data"][0]
    assert rows["rowData"] == [{"values": [{}, {"effectiveValue": {"errorValue": {
        "type": "DIVIDE_BY_ZERO", "message": "The formula shows #DIV/0!."}}}]}, {},
        {"values": [{"effectiveValue": {"stringValue": "x"}}]}]


def test_ranges_limit_the_answer_to_the_sheets_they_touch(api, fake_sheets, plan):
    got = _grid(api, fake_sheets, plan, ranges="'Nhật ký'!B3:C4",
                fields="sheets(properties.title,data(startRow,startColumn,rowData.values.effectiveValue))")
    assert got == {"sheets": [{"properties": {"title": "Nhật ký"}, "data": [{
        "startRow": 2, "startColumn": 1, "rowData": [
            {"values": [{"effectiveValue": {"stringValue": '=IMPORTXML("x")'}},
                        {"effectiveValue": {"numberValue": 2}}]},
            {"values": [{"effectiveValue": {"numberValue": 3.5}}]}]}]}]}
    titles = _grid(api, fake_sheets, plan, ranges="Trống!A1", fields="sheets.properties.title")
    assert titles == {"sheets": [{"properties": {"title": "Trống"}}]}
    missing = api.get(f"{fake_sheets.sheets_url}/{plan}", params={"ranges": "'Không có'!A1", "includeGridData": "true"})
    assert missing.status_code == 400 and missing.json()["error"]["message"] == "Unable to parse range: 'Không có'!A1"


def test_include_grid_data_without_a_mask_gives_every_row_and_column_metadata(api, fake_sheets, plan):
    data = _grid(api, fake_sheets, plan, includeGridData="true")["sheets"][1]["data"]
    assert len(data) == 1 and "rowData" not in data[0]
    assert len(data[0]["rowMetadata"]) == 1000 and data[0]["columnMetadata"][0] == {"pixelSize": 100}
    assert "data" not in _grid(api, fake_sheets, plan, includeGridData="true", fields="sheets.properties")["sheets"][0]


# ---------------------------------------------------------------- developer metadata
def _batch(api, fake, sid, *requests_):
    return api.post(f"{fake.sheets_url}/{sid}:batchUpdate", json={"requests": list(requests_)})


def _create(key, location, visibility="DOCUMENT", **more):
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": key, "location": location, "visibility": visibility, **more}}}


def test_developer_metadata_is_created_on_a_sheet_and_shown_with_it(api, fake_sheets, plan):
    answer = _batch(api, fake_sheets, plan, _create("ours", {"sheetId": 0}, metadataValue="0", metadataId=7),
                    _create("whole", {"spreadsheet": True}))
    assert answer.status_code == 200, answer.text
    first, second = answer.json()["replies"]
    assert first == {"createDeveloperMetadata": {"developerMetadata": {
        "metadataId": 7, "metadataKey": "ours", "metadataValue": "0",
        "location": {"locationType": "SHEET", "sheetId": 0}, "visibility": "DOCUMENT"}}}
    assert second["createDeveloperMetadata"]["developerMetadata"]["metadataId"] > 0  # assigned
    meta = _grid(api, fake_sheets, plan, fields="developerMetadata,sheets(properties.title,developerMetadata)")
    assert meta["sheets"][0]["developerMetadata"] == [first["createDeveloperMetadata"]["developerMetadata"]]
    assert "developerMetadata" not in meta["sheets"][1]
    assert [m["metadataKey"] for m in meta["developerMetadata"]] == ["whole"]
    got = api.get(f"{fake_sheets.sheets_url}/{plan}/developerMetadata/7")
    assert got.status_code == 200 and got.json()["metadataKey"] == "ours"
    assert api.get(f"{fake_sheets.sheets_url}/{plan}/developerMetadata/8").status_code == 404


@pytest.mark.parametrize("request_, words", [
    (_create("", {"sheetId": 0}), "must always have a key"),
    ({"createDeveloperMetadata": {"developerMetadata": {"metadataKey": "k", "location": {"sheetId": 0}}}},
     "must always have a visibility"),
    (_create("k", {"sheetId": 99}), "No grid with id: 99"),
    (_create("k", {"sheetId": 0, "spreadsheet": True}), "one of spreadsheet, sheetId or dimensionRange"),
    (_create("k", {"sheetId": 0}, metadataId=-3), "must be positive"),
    (_create("k", {"sheetId": 0}, metadataValue="x" * 30_000), "cannot exceed 30000 characters"),
    (_create("k", {"dimensionRange": {"sheetId": 0, "dimension": "ROWS", "startIndex": 0, "endIndex": 1}}),
     "does not model developer metadata on rows or columns"),
])
def test_developer_metadata_refusals_apply_nothing(api, fake_sheets, plan, request_, words):
    answer = _batch(api, fake_sheets, plan, _create("kept?", {"sheetId": 0}), request_)
    assert answer.status_code == 400 and words in answer.json()["error"]["message"]
    assert answer.json()["error"]["message"].startswith("Invalid requests[1].")
    assert fake_sheets.developer_metadata(plan) == []


def test_metadata_ids_are_unique_and_go_with_their_sheet(api, fake_sheets, plan):
    assert _batch(api, fake_sheets, plan, _create("a", {"sheetId": 0}, metadataId=5)).status_code == 200
    again = _batch(api, fake_sheets, plan, _create("b", {"spreadsheet": True}, metadataId=5))
    assert again.status_code == 400 and "already exists" in again.json()["error"]["message"]
    trong = fake_sheets.sheet(plan, "Trống").sheet_id
    assert _batch(api, fake_sheets, plan, _create("t", {"sheetId": trong}),
                  {"deleteSheet": {"sheetId": trong}}).status_code == 200
    assert [m["metadataKey"] for m in fake_sheets.developer_metadata(plan)] == ["a"]


def test_search_update_and_delete_by_data_filter(api, fake_sheets, plan):
    trong = fake_sheets.sheet(plan, "Trống").sheet_id
    _batch(api, fake_sheets, plan, _create("k", {"sheetId": 0}, metadataValue="1"),
           _create("k", {"sheetId": trong}, metadataValue="2"), _create("other", {"spreadsheet": True}))
    search = f"{fake_sheets.sheets_url}/{plan}/developerMetadata:search"
    by_key = {"developerMetadataLookup": {"metadataKey": "k"}}
    found = api.post(search, json={"dataFilters": [by_key]}).json()["matchedDeveloperMetadata"]
    assert [m["developerMetadata"]["metadataValue"] for m in found] == ["1", "2"]
    assert found[0]["dataFilters"] == [by_key]
    by_range = api.post(search, json={"dataFilters": [{"a1Range": "Trống!A1:B2"}]}).json()
    assert [m["developerMetadata"]["metadataValue"] for m in by_range["matchedDeveloperMetadata"]] == ["2"]
    assert api.post(search, json={"dataFilters": [{"developerMetadataLookup": {"metadataKey": "x"}}]}).json() == {}
    update = _batch(api, fake_sheets, plan, {"updateDeveloperMetadata": {
        "dataFilters": [{"developerMetadataLookup": {"metadataValue": "2"}}],
        "developerMetadata": {"metadataValue": "3"}, "fields": "metadataValue"}})
    assert [m["metadataValue"] for m in update.json()["replies"][0]["updateDeveloperMetadata"]["developerMetadata"]] \
        == ["3"]
    gone = _batch(api, fake_sheets, plan, {"deleteDeveloperMetadata": {"dataFilter": by_key}})
    deleted = gone.json()["replies"][0]["deleteDeveloperMetadata"]["deletedDeveloperMetadata"]
    assert [m["metadataValue"] for m in deleted] == ["1", "3"]
    assert [m["metadataKey"] for m in fake_sheets.developer_metadata(plan)] == ["other"]


def test_project_metadata_is_seen_by_its_project_only(fake_sheets, plan):
    mine = RedirectingSession(fake_sheets.url, fake_sheets.allow_token("a", email="x@proj-a.iam.gserviceaccount.com"))
    theirs = RedirectingSession(fake_sheets.url, fake_sheets.allow_token("b", email="y@proj-b.iam.gserviceaccount.com"))
    assert _batch(mine, fake_sheets, plan, _create("p", {"sheetId": 0}, "PROJECT", metadataId=9),
                  _create("d", {"sheetId": 0}, metadataId=10)).status_code == 200
    fields = {"fields": "sheets.developerMetadata.metadataKey"}
    assert _grid(mine, fake_sheets, plan, **fields)["sheets"][0] == {
        "developerMetadata": [{"metadataKey": "p"}, {"metadataKey": "d"}]}
    assert _grid(theirs, fake_sheets, plan, **fields)["sheets"][0] == {"developerMetadata": [{"metadataKey": "d"}]}
    assert theirs.get(f"{fake_sheets.sheets_url}/{plan}/developerMetadata/9").status_code == 404
    lookup = {"dataFilter": {"developerMetadataLookup": {"metadataId": 9}}}
    _batch(theirs, fake_sheets, plan, {"deleteDeveloperMetadata": lookup})
    assert len(fake_sheets.developer_metadata(plan)) == 2  # what one cannot see, one cannot delete


def test_reading_metadata_directly_needs_a_read_write_scope(fake_sheets, plan):
    readonly = RedirectingSession(fake_sheets.url, fake_sheets.allow_token(
        "r", scope="https://www.googleapis.com/auth/spreadsheets.readonly"))
    answer = readonly.post(f"{fake_sheets.sheets_url}/{plan}/developerMetadata:search", json={"dataFilters": []})
    assert answer.status_code == 403
    assert readonly.get(f"{fake_sheets.sheets_url}/{plan}", params={"fields": "sheets.developerMetadata"}) \
        .status_code == 200


def test_sheet_titles_differ_in_more_than_letter_case(api, fake_sheets, plan):
    answer = _batch(api, fake_sheets, plan, {"addSheet": {"properties": {"title": "trống"}}})
    assert answer.status_code == 400
    assert 'A sheet with the name "trống" already exists' in answer.json()["error"]["message"]


# ---------------------------------------------------------------- an .xlsx kept in Drive
def test_an_office_file_is_in_drive_but_refused_by_the_sheets_api(api, fake_sheets):
    sid = fake_sheets.add_office_file("Kế hoạch.xlsx")
    assert len(sid) == 33
    drive = api.get(f"{fake_sheets.drive_files_url}/{sid}", params={"fields": "id,mimeType"})
    assert drive.json()["mimeType"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for answer in (api.get(f"{fake_sheets.sheets_url}/{sid}"),
                   api.get(values_url(fake_sheets, sid, suffix=":batchGet"), params={"ranges": "A1"})):
        assert answer.status_code == 400
        assert answer.json() == {"error": {"code": 400, "message": "This operation is not supported for this document",
                                           "status": "FAILED_PRECONDITION"}}


# ---------------------------------------------------------------- faults and accounting
def test_quota_fault_has_retry_after_and_google_body(api, fake_sheets, plan):
    fake_sheets.inject("values.batchGet", 429, retry_after=7)
    url = values_url(fake_sheets, plan, suffix=":batchGet")
    answer = api.get(url, params={"ranges": "Trống"})
    assert (answer.status_code, answer.headers["Retry-After"]) == (429, "7")
    error = answer.json()["error"]
    assert (error["code"], error["status"]) == (429, "RESOURCE_EXHAUSTED")
    assert error["message"].startswith("Quota exceeded for quota metric 'Read requests' and limit 'Read requests per "
                                       "minute per user' of service 'sheets.googleapis.com'")
    assert api.get(url, params={"ranges": "Trống"}).status_code == 200
    assert [(c.kind, c.status, c.fault) for c in fake_sheets.requests] == [("values.batchGet", 429, 429),
                                                                           ("values.batchGet", 200, None)]


@pytest.mark.parametrize("code, status", [(500, "INTERNAL"), (503, "UNAVAILABLE"), (504, "DEADLINE_EXCEEDED")])
def test_server_error_faults_apply_nothing(api, fake_sheets, plan, code, status):
    fake_sheets.inject("values.update", code)
    answer = api.put(values_url(fake_sheets, plan, "Trống!A1"), params={"valueInputOption": "RAW"},
                     json={"values": [["x"]]})
    assert answer.status_code == code and answer.json()["error"]["status"] == status
    assert fake_sheets.values(plan, "Trống") == []


def test_bad_gateway_is_googles_html_page(api, fake_sheets, plan):
    fake_sheets.inject(None, 502, times=2)
    for _ in range(2):
        answer = api.get(f"{fake_sheets.sheets_url}/{plan}")
        assert answer.status_code == 502 and "Error 502 (Server Error)" in answer.text
        assert answer.headers["Content-Type"].startswith("text/html")
    assert api.get(f"{fake_sheets.sheets_url}/{plan}").status_code == 200


def test_slow_answer_trips_client_timeouts_then_arrives(api, fake_sheets, plan):
    fake_sheets.inject("spreadsheets.get", "slow", times=2, delay=0.6)
    with pytest.raises(requests.Timeout):
        api.get(f"{fake_sheets.sheets_url}/{plan}", timeout=0.2)
    started = time.monotonic()
    assert api.get(f"{fake_sheets.sheets_url}/{plan}").status_code == 200
    assert time.monotonic() - started >= 0.6


def test_dropped_connection_and_malformed_json(api, fake_sheets, plan):
    fake_sheets.inject("values.update", "drop")
    with pytest.raises(requests.ConnectionError):
        api.put(values_url(fake_sheets, plan, "Trống!A1"), params={"valueInputOption": "RAW"},
                json={"values": [["x"]]})
    assert fake_sheets.values(plan, "Trống") == [] and fake_sheets.requests[-1].status is None
    fake_sheets.inject("values.update", "malformed")
    answer = api.put(values_url(fake_sheets, plan, "Trống!A1"), params={"valueInputOption": "RAW"},
                     json={"values": [["x"]]})
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()
    assert fake_sheets.values(plan, "Trống") == [["x"]]
    assert [c.fault for c in fake_sheets.calls("values.update")] == ["drop", "malformed"]


def test_a_trickled_answer_is_whole_but_slow(api, fake_sheets, plan):
    fake_sheets.inject("spreadsheets.get", "trickle", delay=0.01)
    started = time.monotonic()
    answer = api.get(f"{fake_sheets.sheets_url}/{plan}", params={"fields": "spreadsheetId"}, timeout=0.5)
    assert answer.json() == {"spreadsheetId": plan}  # each byte came well within the read time-out
    assert time.monotonic() - started >= len(answer.content) * 0.01


@pytest.mark.parametrize("fault, content", [("html", "Vui lòng đăng nhập"), ("empty", "")])
def test_a_portal_or_an_empty_answer_comes_with_200_and_applies_nothing(api, fake_sheets, plan, fault, content):
    fake_sheets.inject("values.update", fault)
    answer = api.put(values_url(fake_sheets, plan, "Trống!A1"), params={"valueInputOption": "RAW"},
                     json={"values": [["x"]]})
    assert answer.status_code == 200 and content in answer.text
    assert answer.content.startswith(b"<!DOCTYPE") if content else answer.content == b""
    assert fake_sheets.values(plan, "Trống") == []


def test_answers_altered_on_the_way(api, fake_sheets, plan):
    url = values_url(fake_sheets, plan, suffix=":batchGet")
    ranges = {"ranges": ["'Nhật ký'!A1", "Trống!A1"]}
    fake_sheets.inject("values.batchGet", "fewer")
    assert [v["range"] for v in api.get(url, params=ranges).json()["valueRanges"]] == ["'Nhật ký'!A1"]
    fake_sheets.inject("values.batchGet", "reorder")
    assert [v["range"] for v in api.get(url, params=ranges).json()["valueRanges"]] == ["'Trống'!A1", "'Nhật ký'!A1"]
    fake_sheets.inject("values.batchGet", "mismatch")
    assert [v["range"] for v in api.get(url, params=ranges).json()["valueRanges"]] == ["'Trống'!A1", "'Trống'!A1"]
    fields = {"fields": "sheets(properties.title,data.rowData.values.effectiveValue)"}
    fake_sheets.inject("spreadsheets.get", "fewer")
    assert ["data" in s for s in api.get(f"{fake_sheets.sheets_url}/{plan}", params=fields).json()["sheets"]] == \
        [True, False]
    fake_sheets.inject("spreadsheets.get", "mismatch")
    sheets = api.get(f"{fake_sheets.sheets_url}/{plan}", params=fields).json()["sheets"]
    assert [s["properties"]["title"] for s in sheets] == ["Nhật ký", "Nhật ký"]


def test_a_network_filter_refuses_the_sign_in(fake_sheets, service_account_file):
    fake_sheets.inject("token", 403)
    answer = requests.post(fake_sheets.token_uri, data={"grant_type": "x"})
    assert answer.status_code == 403 and "Access Denied" in answer.text
    assert answer.headers["Content-Type"].startswith("text/html")


def test_faults_for_any_kind_spare_the_token_endpoint(fake_sheets, service_account_file, plan):
    from google.oauth2 import service_account

    fake_sheets.inject(None, 503)
    creds = service_account.Credentials.from_service_account_file(
        service_account_file, scopes=["https://www.googleapis.com/auth/spreadsheets"])
    session = authorized_session(fake_sheets, creds)
    assert session.get(f"https://sheets.googleapis.com/v4/spreadsheets/{plan}").status_code == 503
    assert [(c.kind, c.status) for c in fake_sheets.requests] == [("token", 200), ("spreadsheets.get", 503)]
    with pytest.raises(ValueError):
        fake_sheets.inject(None, 418)


# ---------------------------------------------------------------- auth
def test_requests_without_a_known_token_get_401(fake_sheets, plan):
    missing = requests.get(f"{fake_sheets.sheets_url}/{plan}")
    wrong = requests.get(f"{fake_sheets.sheets_url}/{plan}", headers={"Authorization": "Bearer forged"})
    for answer, start in [(missing, "Request is missing required"), (wrong, "Request had invalid")]:
        assert answer.status_code == 401
        assert answer.json()["error"]["status"] == "UNAUTHENTICATED"
        assert answer.json()["error"]["message"].startswith(start)


def test_sharing_and_read_only_access(fake_sheets):
    sid = fake_sheets.add_spreadsheet("private", {"S": [["a"]]}, shared_with={"reader@x.vn": "reader"})
    outsider = RedirectingSession(fake_sheets.url, fake_sheets.allow_token("o", email="outsider@x.vn"))
    reader = RedirectingSession(fake_sheets.url, fake_sheets.allow_token("r", email="reader@x.vn"))
    denied = outsider.get(values_url(fake_sheets, sid, "S"))
    assert denied.status_code == 403
    assert denied.json() == {"error": {"code": 403, "message": "The caller does not have permission",
                                       "status": "PERMISSION_DENIED"}}
    assert outsider.get(f"{fake_sheets.drive_files_url}/{sid}").status_code == 404  # Drive hides it
    assert reader.get(values_url(fake_sheets, sid, "S")).json()["values"] == [["a"]]
    write = reader.put(values_url(fake_sheets, sid, "S!A1"), params={"valueInputOption": "RAW"}, json={"values": [[1]]})
    assert write.status_code == 403 and fake_sheets.values(sid, "S") == [["a"]]
    fake_sheets.share(sid, "outsider@x.vn", "writer")
    assert outsider.post(f"{fake_sheets.sheets_url}/{sid}:batchUpdate", json={"requests": []}).status_code == 200


def test_service_account_token_exchange_and_scopes(fake_sheets, service_account_file, plan):
    import google.auth.transport.requests
    from google.oauth2 import service_account

    readonly = "https://www.googleapis.com/auth/spreadsheets.readonly"
    creds = service_account.Credentials.from_service_account_file(service_account_file, scopes=[readonly])
    creds.refresh(google.auth.transport.requests.Request())
    assert creds.token.startswith("ya29.") and creds.expiry > dt.datetime.utcnow()
    claims = fake_sheets.token_grants[-1]
    assert (claims["iss"], claims["scope"]) == (SERVICE_ACCOUNT_EMAIL, readonly)
    session = RedirectingSession(fake_sheets.url, creds.token)
    assert session.get(values_url(fake_sheets, plan, "Trống")).status_code == 200
    denied = session.put(values_url(fake_sheets, plan, "Trống!A1"), params={"valueInputOption": "RAW"},
                         json={"values": [[1]]})
    assert denied.status_code == 403 and "insufficient authentication scopes" in denied.json()["error"]["message"]
    assert fake_sheets.calls("values.get")[0].scope == readonly
    bad = requests.post(fake_sheets.token_uri, data={"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                                     "assertion": "not-a-jwt"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"


# ---------------------------------------------------------------- Drive
def test_drive_create_get_permissions_delete(api, fake_sheets):
    created = api.post(fake_sheets.drive_files_url, params={"supportsAllDrives": "True"},
                       json={"name": "Báo cáo", "mimeType": "application/vnd.google-apps.spreadsheet"}).json()
    sid = created["id"]
    assert created == {"kind": "drive#file", "id": sid, "name": "Báo cáo",
                       "mimeType": "application/vnd.google-apps.spreadsheet"}
    assert fake_sheets.sheet(sid, "Sheet1").sheet_id == 0
    got = api.get(f"{fake_sheets.drive_files_url}/{sid}", params={"fields": "id,name,modifiedTime"}).json()
    assert set(got) == {"id", "name", "modifiedTime"}
    granted = api.post(f"{fake_sheets.drive_files_url}/{sid}/permissions", params={"sendNotificationEmail": "false"},
                       json={"type": "user", "role": "writer", "emailAddress": "hieu.truong@x.edu.vn"}).json()
    assert granted["kind"] == "drive#permission" and granted["role"] == "writer"
    assert fake_sheets.permissions(sid)[0]["emailAddress"] == "hieu.truong@x.edu.vn"
    assert fake_sheets.permissions(sid)[0]["query"] == {"sendNotificationEmail": "false"}
    assert api.delete(f"{fake_sheets.drive_files_url}/{sid}").status_code == 204
    gone = api.get(f"{fake_sheets.drive_files_url}/{sid}")
    assert gone.status_code == 404 and gone.json()["error"]["errors"][0]["reason"] == "notFound"
    assert [fake_sheets.count(k) for k in ("files.create", "files.get", "permissions.create", "files.delete")] == \
        [1, 2, 1, 1]


# ---------------------------------------------------------------- gspread against the fake
def test_gspread_reads_through_the_fake(gspread_client, fake_sheets, plan):
    spreadsheet = gspread_client.open_by_key(plan)
    got = spreadsheet.values_batch_get(["'Nhật ký'!A1:B2", "Trống"])
    assert got["valueRanges"][0]["values"] == [["Ngày", "Việc"], ["05/09/2024", "Khai giảng"]]
    assert "values" not in got["valueRanges"][1]
    worksheet = spreadsheet.worksheet("Nhật ký")
    worksheet.update([["Sửa"]], "B2")
    assert fake_sheets.values(plan, "Nhật ký")[1][1] == "Sửa"
    assert (fake_sheets.count("spreadsheets.get"), fake_sheets.count("values.batchGet")) == (2, 1)


def test_gspread_with_service_account_credentials(fake_sheets, service_account_file, plan):
    import gspread
    from google.oauth2 import service_account

    creds = service_account.Credentials.from_service_account_file(
        service_account_file, scopes=["https://www.googleapis.com/auth/spreadsheets"])
    client = gspread.Client(None, session=authorized_session(fake_sheets, creds))
    assert client.open_by_key(plan).sheet1.acell("C2", value_render_option="UNFORMATTED_VALUE").value == 1.5
    assert fake_sheets.count("token") == 1
    with pytest.raises(gspread.SpreadsheetNotFound):
        client.open_by_key("missing")


def test_user_oauth_refresh_token_grant(fake_sheets, plan):
    import google.auth.transport.requests
    from google.oauth2.credentials import Credentials

    creds = Credentials(None, refresh_token="1//refresh", token_uri=fake_sheets.token_uri, client_id="id",
                        client_secret="secret")
    creds.refresh(google.auth.transport.requests.Request())
    assert RedirectingSession(fake_sheets.url, creds.token).get(f"{fake_sheets.sheets_url}/{plan}").ok


def test_stopped_server_answers_nothing_even_on_kept_alive_connections():
    fake = FakeSheets().start()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", fake.url)
    session = RedirectingSession(fake.url, fake.allow_token())
    url = f"{fake.sheets_url}/{fake.add_spreadsheet('t')}"
    assert session.get(url).ok
    fake.stop()
    with pytest.raises(requests.ConnectionError):
        session.get(url, timeout=1)
