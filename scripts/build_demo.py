#!/usr/bin/env python
"""Build the demo workbook examples/ke-hoach-truyen-thong-2024.xlsx from examples/demo/.

    python scripts/build_demo.py                  # from the repo root; overwrites the workbook
    python scripts/build_demo.py --output x.xlsx  # somewhere else

The sources (one readable file per tab, see examples/demo/README.md) are YAML for the plan
tabs and a CSV for the activity register. The workbook is written with
`commsplan.sheet_writers.workbook.workbook_bytes` (a serial number stays a plain number, as when
staff paste one), and the zip is repacked with fixed timestamps so that the same sources give the
same bytes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `python scripts/build_demo.py` puts scripts/ first, not the repo
    sys.path.insert(0, str(REPO))

from commsplan.contract import Column, Contract, Tab, load_contract  # noqa: E402
from commsplan.outputs import save  # noqa: E402
from commsplan.sheet_writers.workbook import stable_xlsx, workbook_bytes  # noqa: E402

DEMO_DIR = REPO / "examples" / "demo"
OUTPUT = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
ACTIVITIES_CSV = "activities.csv"
DATE_AS = ("", "text", "serial")  # how a register date is typed: date cell, d/m/yyyy text, serial
EXCEL_EPOCH = dt.date(1899, 12, 30)
FIXED_TIME = (2024, 3, 15, 0, 0, 0)  # zip entries' and document properties' time stamp
PLAN_TEXT_FILE = "plan_text.yaml"
GENERAL_FILE = "general.yaml"


class DemoError(Exception):
    """A demo source file is malformed; the message names the file and the item."""


# Reading the sources -------------------------------------------------------------------

def _yaml(path: Path) -> Any:
    import yaml

    if not path.exists():
        raise DemoError(f"{path}: missing")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DemoError(f"{where}: {value!r} is not an ISO date (2024-03-05)") from None


def cell_value(column: Column, value: Any, where: str) -> Any:
    """A source value as the cell to write for a contract column (None for empty)."""
    if value is None or (isinstance(value, str) and value.strip() == "") or value == []:
        return None
    if column.type == "date":
        return _date(value, where)
    if column.type == "integer":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise DemoError(f"{where}: {value!r} is not an integer") from None
    if column.type == "list":
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if column.type == "multiline":
        lines = value if isinstance(value, list) else str(value).strip("\n").split("\n")
        return "\n".join(str(line) for line in lines)
    if column.type == "bool" and isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def _row(tab: Tab, item: dict, where: str) -> list[Any]:
    if not isinstance(item, dict):
        raise DemoError(f"{where}: expected a mapping of column keys, got {item!r}")
    keys = {c.key for c in tab.columns}
    unknown = sorted(set(item) - keys)
    if unknown:
        raise DemoError(f"{where}: unknown column keys {unknown}; known: {sorted(keys)}")
    return [cell_value(c, item.get(c.key), f"{where}.{c.key}") for c in tab.columns]


def general_pairs(tab: Tab, demo_dir: Path) -> list[tuple[str, Any]]:
    """general.yaml → (item label, value) pairs in the contract's order; every item is written
    (an empty one with an empty value) but the legacy ones, which a new workbook leaves out;
    a repeated item gives one row per value."""
    path = demo_dir / GENERAL_FILE
    values = _yaml(path) or {}
    unknown = sorted(set(values) - {c.key for c in tab.columns if not c.legacy})
    if unknown:
        raise DemoError(f"{path}: unknown items {unknown}")
    pairs: list[tuple[str, Any]] = []
    for column in (c for c in tab.columns if not c.legacy):
        value = values.get(column.key)
        where = f"{path.name}:{column.key}"
        if column.repeat:
            items = value if isinstance(value, list) else ([value] if value else [])
            pairs.extend((column.header, cell_value(column, v, where)) for v in items)
            if not items:
                pairs.append((column.header, None))
        else:
            pairs.append((column.header, cell_value(column, value, where)))
    return pairs


def plan_text_rows(tab: Tab, demo_dir: Path) -> list[list[Any]]:
    """plan_text.yaml (section → paragraphs; Nhiệm vụ: role → duties) → one row per paragraph."""
    path = demo_dir / PLAN_TEXT_FILE
    rows = []
    for section, body in (_yaml(path) or {}).items():
        groups = body.items() if isinstance(body, dict) else [(None, body)]
        for role, paragraphs in groups:
            if not isinstance(paragraphs, list):
                raise DemoError(f"{path.name}:{section}/{role}: expected a list of paragraphs")
            for index, text in enumerate(paragraphs, start=1):
                item = {"section": section, "role": role, "text": text}
                rows.append(_row(tab, item, f"{path.name}:{section}/{role or ''}#{index}"))
    return rows


def table_rows(tab: Tab, demo_dir: Path) -> list[list[Any]]:
    """<tab key>.yaml (a list of mappings of column keys) → rows in the contract's order."""
    path = demo_dir / f"{tab.key}.yaml"
    items = _yaml(path) or []
    if not isinstance(items, list):
        raise DemoError(f"{path}: expected a list of rows")
    return [_row(tab, item, f"{path.name}#{n}") for n, item in enumerate(items, start=1)]


def read_activities(demo_dir: Path = DEMO_DIR) -> list[dict[str, Any]]:
    """activities.csv as dicts: the contract's column keys (date as a date) and date_as.

    The i-th dict (from 0) is written on sheet row i + 2 of the register tab.
    """
    path = demo_dir / ACTIVITIES_CSV
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = []
    for line, row in enumerate(rows, start=2):
        where = f"{path.name}:{line}"
        date_as = (row.get("date_as") or "").strip()
        if date_as not in DATE_AS:
            raise DemoError(f"{where}: date_as {date_as!r} is not one of {DATE_AS}")
        result.append({**row, "date": _date(row.get("date"), where), "date_as": date_as})
    return result


def typed_date(date: dt.date, date_as: str) -> Any:
    """The register's date as staff typed it: a date cell, d/m/yyyy text, or a serial."""
    if date_as == "text":
        return f"{date.day}/{date.month}/{date.year}"
    if date_as == "serial":
        return (date - EXCEL_EPOCH).days
    return date


def activity_rows(tab: Tab, demo_dir: Path) -> list[list[Any]]:
    """The register's rows, each date typed as its date_as says."""
    keys = {c.key for c in tab.columns} | {"date_as"}
    rows = []
    for index, record in enumerate(read_activities(demo_dir)):
        where = f"{ACTIVITIES_CSV}:{index + 2}"
        unknown = sorted(set(record) - keys)
        if unknown:
            raise DemoError(f"{where}: unknown columns {unknown}")
        item = {k: v for k, v in record.items() if k != "date_as"}
        row = _row(tab, item, where)
        row[[c.key for c in tab.columns].index("date")] = typed_date(record["date"],
                                                                    record["date_as"])
        rows.append(row)
    return rows


# Building ------------------------------------------------------------------------------

def demo_bytes(demo_dir: Path = DEMO_DIR, contract: Contract | None = None) -> bytes:
    """The demo workbook built from the sources in demo_dir."""
    contract = contract or load_contract()
    data: dict[str, Any] = {}
    for tab in contract.tabs:
        if tab.layout == "fields":
            data[tab.key] = general_pairs(tab, demo_dir)
        elif tab.key == "plan_text":
            data[tab.key] = plan_text_rows(tab, demo_dir)
        elif tab.key == "activities":
            data[tab.key] = activity_rows(tab, demo_dir)
        else:
            data[tab.key] = table_rows(tab, demo_dir)
    return stable_xlsx(workbook_bytes(data, contract), dt.datetime(*FIXED_TIME))


def build(output: Path = OUTPUT, demo_dir: Path = DEMO_DIR) -> Path:
    """Write the demo workbook to output (overwriting it)."""
    return save(output, demo_bytes(demo_dir), replace=True).path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the .xlsx")
    parser.add_argument("--sources", type=Path, default=DEMO_DIR, help="the demo sources folder")
    args = parser.parse_args(argv)
    try:
        path = build(args.output, args.sources)
    except DemoError as exc:
        print(f"build_demo: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
