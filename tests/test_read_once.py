"""The plan period and the cadence rules are read once, by the plan model (commsplan/plan.py):
the documents ask it, they do not parse the general tab or walk the cadence tab again."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "commsplan"


def uses(predicate) -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if predicate(node):
                found.add(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    return found


def test_the_plan_period_is_parsed_by_the_plan_model_only():
    def parses(node):
        return (isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
                and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
                == "plan_period")

    assert uses(parses) == {"plan", "periods"}  # periods: a key such as '2024-2025'


def test_the_cadence_tab_is_read_by_the_plan_model_and_its_own_checks_only():
    def reads(node):
        return (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
                and node.value.id == "book" and isinstance(node.slice, ast.Constant)
                and node.slice.value == "cadence")

    assert uses(reads) == {"plan", "checks.cadence"}
