"""Finding, the catalogue of finding codes, and the Report that collects them.

The catalogue is the one place where a code, its severity and its words live; the docs' list
of codes (docs/findings.md) is generated from it by `python -m commsplan.checks.findings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
SEVERITY_WORDS = {"vi": {ERROR: "lỗi", WARNING: "cảnh báo"}, "en": {ERROR: "error", WARNING: "warning"}}


@dataclass(frozen=True)
class Code:
    """One kind of finding: its stable kebab-case code, severity and message templates."""

    code: str
    severity: str
    vi: str
    en: str
    doc: str  # one line for the docs, in English


CATALOGUE: dict[str, Code] = {}


def _code(code: str, severity: str, vi: str, en: str, doc: str) -> None:
    CATALOGUE[code] = Code(code, severity, vi, en, doc)


# Reading: tabs and headers --------------------------------------------------------------
_code("missing-tab", ERROR,
      "Thiếu trang tính '{tab}'. Hãy thêm trang tính có tên '{tab}' (lệnh `commsplan "
      "template` tạo sẵn bảng mẫu đủ các trang tính).",
      "Tab '{tab}' is missing. Add a tab named '{tab}' (`commsplan template` makes a blank "
      "workbook with every tab).",
      "A tab of the contract is not in the workbook.")
_code("missing-optional-tab", WARNING,
      "Chưa có trang tính '{tab}'; phần này sẽ để trống trong văn bản.",
      "Tab '{tab}' is not there; that part of the documents stays empty.",
      "An optional tab is not in the workbook.")
_code("missing-header", ERROR,
      "Trang tính '{tab}' thiếu cột '{column}' ở dòng tiêu đề (dòng {row}). Hãy thêm cột "
      "có tiêu đề đúng là '{column}'.",
      "Tab '{tab}' has no column '{column}' in its header row (row {row}). Add a column "
      "headed '{column}'.",
      "A required column is missing from a tab's header row.")
_code("missing-optional-header", WARNING,
      "Trang tính '{tab}' chưa có cột '{column}'; cột này sẽ được coi là để trống.",
      "Tab '{tab}' has no column '{column}'; it is read as empty.",
      "An optional column is missing from a tab's header row.")
_code("unknown-header", WARNING,
      "Cột '{value}' (trang tính '{tab}', dòng {row}) không có trong mẫu nên được bỏ qua. "
      "Nếu đây là một cột của mẫu bị gõ sai, hãy sửa tiêu đề{suggestion}.",
      "Column '{value}' (tab '{tab}', row {row}) is not in the contract and is ignored. If it "
      "is a contract column with a typo, fix the header{suggestion}.",
      "A header that names no column of the contract.")
_code("duplicate-header", ERROR,
      "Cột '{column}' có hai lần ở trang tính '{tab}' (dòng {row}); chỉ cột đầu tiên được "
      "đọc. Hãy xoá hoặc đổi tên cột thừa.",
      "Column '{column}' appears twice in tab '{tab}' (row {row}); only the first is read. "
      "Delete or rename the extra column.",
      "Two header cells name the same column.")
_code("empty-tab", ERROR,
      "Trang tính '{tab}' trống, không có dòng tiêu đề. Hãy chép dòng tiêu đề từ bảng mẫu.",
      "Tab '{tab}' is empty, with no header row. Copy the header row from the blank workbook.",
      "A tab has no header row at all.")
_code("unknown-field", WARNING,
      "Mục '{value}' (trang tính '{tab}', dòng {row}) không có trong mẫu nên được bỏ "
      "qua{suggestion}.",
      "Item '{value}' (tab '{tab}', row {row}) is not in the contract and is "
      "ignored{suggestion}.",
      "An item of the general-information tab that the contract does not know.")
_code("duplicate-field", ERROR,
      "Mục '{column}' ghi hai lần ở trang tính '{tab}' (dòng {row}); chỉ dòng đầu tiên được "
      "dùng. Hãy xoá dòng thừa.",
      "Item '{column}' is given twice in tab '{tab}' (row {row}); only the first is used. "
      "Delete the extra row.",
      "An item that may appear once is given on several rows.")

# Reading: cell values -------------------------------------------------------------------
_code("invalid-date", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}): '{value}' không phải một ngày hợp lệ. "
      "Hãy gõ ngày dạng ngày/tháng/năm, ví dụ 05/3/2024.",
      "Cell {tab}!{cell} (column '{column}', row {row}): '{value}' is not a valid date. Type "
      "it as day/month/year, e.g. 05/3/2024.",
      "A date cell that cannot be read as a real date (text, 31/02, a bad serial number).")
_code("excel-leap-day", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}) chứa ngày 29/02/1900, một ngày không có "
      "thật (lỗi cũ của Excel). Hãy gõ lại ngày đúng, dạng ngày/tháng/năm.",
      "Cell {tab}!{cell} (column '{column}', row {row}) holds 29/02/1900, a day that never "
      "existed (an old Excel bug). Type the right date as day/month/year.",
      "Excel's serial number 60, the 29 February 1900 that never was.")
_code("invalid-integer", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}): '{value}' không phải một số nguyên. Hãy "
      "chỉ gõ chữ số, ví dụ 12.",
      "Cell {tab}!{cell} (column '{column}', row {row}): '{value}' is not a whole number. "
      "Type digits only, e.g. 12.",
      "A number column holding text or a fraction.")
_code("invalid-url", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}): '{value}' không phải một đường dẫn hợp "
      "lệ. Hãy dán đủ địa chỉ, bắt đầu bằng https://.",
      "Cell {tab}!{cell} (column '{column}', row {row}): '{value}' is not a valid link. Paste "
      "the whole address, starting with https://.",
      "A link that is not an http(s) address with a host.")
_code("invalid-bool", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}): '{value}' không hiểu được. Hãy gõ Có "
      "hoặc Không.",
      "Cell {tab}!{cell} (column '{column}', row {row}): '{value}' is not understood. Type Có "
      "(yes) or Không (no).",
      "A yes/no column holding something else.")


@dataclass(frozen=True)
class Finding:
    """One problem in the data, with where it is and what to do about it."""

    code: str
    tab: str | None = None  # the tab's name as in the source
    row: int | None = None  # sheet row number
    column: str | None = None  # the column header (as in the source when it is there)
    value: str | None = None  # the offending value, as text
    cell: str | None = None  # A1 reference inside the tab, e.g. "C12"
    period: str | None = None  # for period rules: "2024-03", "2024-Q1", "HK1-2023-2024", "2024"
    scope: str | None = None  # for period rules: "Toàn trường" or a unit's name
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def severity(self) -> str:
        return CATALOGUE[self.code].severity

    def message(self, lang: str = "vi") -> str:
        code = CATALOGUE[self.code]
        template = code.en if lang == "en" else code.vi
        values = {"tab": self.tab, "row": self.row, "column": self.column, "cell": self.cell,
                  "value": _shorten(self.value), "period": self.period, "scope": self.scope,
                  "suggestion": ""}
        values.update(self.params)
        return template.format(**values)


def _shorten(value: str | None, limit: int = 80) -> str | None:
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


SEVERITY_ORDER = {ERROR: 0, WARNING: 1}


@dataclass
class Report:
    """The findings of one check run, most serious first."""

    findings: list[Finding]

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=sort_key)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors


def sort_key(finding: Finding) -> tuple:
    return (SEVERITY_ORDER[finding.severity], finding.tab or "", finding.row or 0,
            finding.column or "", finding.code, finding.period or "", finding.scope or "")
