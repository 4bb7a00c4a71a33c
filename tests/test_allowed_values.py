"""Allowed values the code names come from sheets_schema/ by a stable key: the words are
written once, in the contract."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from commsplan.contract import ContractError, _column, load_contract

PACKAGE = Path(__file__).resolve().parents[1] / "commsplan"


def test_allowed_values_given_as_a_mapping_keep_their_order_and_answer_to_their_keys():
    column = _column({"key": "scope", "header": "Phạm vi",
                      "allowed": {"whole_school": "Toàn trường", "per_unit": "Từng đơn vị"}},
                     "cadence/scope")
    assert column.allowed == ("Toàn trường", "Từng đơn vị")
    assert column.value("per_unit") == "Từng đơn vị"
    with pytest.raises(KeyError):
        column.value("each_unit")
    plain = _column({"key": "documents", "header": "Văn bản", "allowed": ["KH", "BC"]}, "r/d")
    assert plain.allowed == ("KH", "BC") and plain.allowed_keys == ()


def test_a_keyed_value_must_be_text():
    with pytest.raises(ContractError):
        _column({"key": "minimum", "header": "Tối thiểu", "allowed": {"one": 1}}, "cadence/min")


def test_the_contract_names_the_values_the_code_uses():
    contract = load_contract()
    assert contract.allowed_value("cadence.period", "semester") == "học kỳ"
    assert contract.allowed_value("cadence.applies", "all_year") == "Cả năm"
    assert contract.allowed_value("general.authority_prefix", "signing_for") == "KT."
    assert contract.allowed_value("plan_text.section", "duties") == "Nhiệm vụ"
    assert contract.allowed_value("activities.type", "other") == "Khác"


def test_no_keyed_allowed_value_is_spelled_in_the_code():
    keyed = {value for tab in load_contract().tabs for column in tab.columns
             for _, value in column.allowed_keys}
    assert {"Toàn trường", "tháng", "KT.", "Tin bài"} <= keyed
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        # a word of a sentence the code writes (an f-string's part) is wording, not a value
        wording = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                   for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in keyed and id(node) not in wording:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert found == []
