"""A Report as a person reads it in the terminal, or as JSON / CSV for other tools."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from commsplan.findings import CATALOGUE, SEVERITY_WORDS, Finding, Report

FIELDS = ("severity", "code", "tab", "row", "column", "cell", "value", "message", "period",
          "scope")

WORDS = {
    "vi": {
        "clean": "Không có lỗi hay cảnh báo nào.",
        "totals": "Kết quả kiểm tra: {errors} lỗi, {warnings} cảnh báo.",
        "by_tab": "Theo trang tính:",
        "by_code": "Theo loại:",
        "findings": "Chi tiết (nghiêm trọng trước):",
        "none_tab": "(toàn bảng tính)",
    },
    "en": {
        "clean": "No errors or warnings.",
        "totals": "Check result: {errors} errors, {warnings} warnings.",
        "by_tab": "By tab:",
        "by_code": "By code:",
        "findings": "Findings (most serious first):",
        "none_tab": "(whole workbook)",
    },
}


def as_record(finding: Finding, lang: str = "vi") -> dict:
    """One finding as a flat dict with the documented fields."""
    return {
        "severity": finding.severity,  # stable for machines: "error" or "warning"
        "code": finding.code,
        "tab": finding.tab,
        "row": finding.row,
        "column": finding.column,
        "cell": finding.cell,
        "value": finding.value,
        "message": finding.message(lang),
        "period": finding.period,
        "scope": finding.scope,
    }


def summary(report: Report) -> dict:
    return {
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "by_tab": dict(sorted(Counter(f.tab or "" for f in report.findings).items())),
        "by_code": dict(sorted(Counter(f.code for f in report.findings).items())),
    }


def to_json(report: Report, lang: str = "vi") -> str:
    body = {"findings": [as_record(f, lang) for f in report.findings], "summary": summary(report)}
    return json.dumps(body, ensure_ascii=False, indent=2)


# What a spreadsheet opening the CSV would run as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A text a spreadsheet would run as a formula, made inert by a leading apostrophe; its
    line breaks as \n (the csv module quotes a field holding \n, not one holding \r)."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def to_csv(report: Report, lang: str = "vi") -> str:
    """The findings as CSV; a cell starting with = + - @, a tab or a carriage return gets
    a leading apostrophe, so that Excel shows it instead of running it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for finding in report.findings:
        record = as_record(finding, lang)
        writer.writerow({key: neutralised(value) for key, value in record.items()})
    return buffer.getvalue()


def to_text(report: Report, lang: str = "vi", limit: int | None = None) -> str:
    """Counts by tab and by code, then the findings, most serious first."""
    words = WORDS[lang]
    if not report.findings:
        return words["clean"]
    counts = summary(report)
    lines = [words["totals"].format(**counts), "", words["by_tab"]]
    lines += [f"  {tab or words['none_tab']}: {n}" for tab, n in counts["by_tab"].items()]
    lines += ["", words["by_code"]]
    lines += [f"  {code} ({SEVERITY_WORDS[lang][CATALOGUE[code].severity]}): {n}"
              for code, n in counts["by_code"].items()]
    lines += ["", words["findings"]]
    shown = report.findings if limit is None else report.findings[:limit]
    for finding in shown:
        severity = SEVERITY_WORDS[lang][finding.severity].upper()
        lines.append(f"  [{severity}] {finding.code}: {finding.message(lang)}")
    if limit is not None and len(report.findings) > limit:
        more = len(report.findings) - limit
        lines.append(f"  … {more} more" if lang == "en" else f"  … và {more} mục nữa")
    return "\n".join(lines)
