"""The sheet contract in sheets_schema/ is complete and consistent."""

from commsplan.contract import TYPES, load_contract
from commsplan.text import fold


def test_every_tab_the_product_needs_is_in_the_contract():
    keys = [tab.key for tab in load_contract().tabs]
    assert keys == ["general", "calendar", "breaks", "plan_text", "topics", "channels",
                    "cadence", "units", "activities", "opinions", "recipients", "proposals",
                    "issued"]


def test_columns_have_a_vietnamese_header_a_type_and_help():
    for tab in load_contract().tabs:
        assert tab.name and tab.help
        for column in tab.columns:
            assert column.type in TYPES
            assert column.help, f"{tab.key}.{column.key} has no help text"


def test_spellings_of_one_tab_never_name_two_columns():
    for tab in load_contract().tabs:
        seen: dict[str, str] = {}
        for column in tab.columns:
            for spelling in column.spellings:
                assert seen.setdefault(spelling, column.key) == column.key, (tab.key, spelling)


def test_headers_match_whatever_the_case_spacing_and_diacritics():
    activities = load_contract().tab("activities")
    for typed in ("Ngày", "ngay", " NGÀY ", "Ngày\u00a0", "Nga\u0300y", "Người  thực hiện"):
        column = activities.match_header(typed)
        assert column is not None, typed
    assert activities.match_header("Người thực hiện").key == "author"
    assert fold("Đơn vị") == "don vi"


def test_references_point_at_existing_columns():
    contract = load_contract()
    for tab in contract.tabs:
        for column in tab.columns:
            if column.ref:
                contract.resolve_ref(column.ref)
