"""Finding, the catalogue of finding codes, and the Report that collects them.

The catalogue is the one place where a code, its severity and its words live; the docs' list
of codes (docs/findings.md) is generated from it by `python -m commsplan.findings
docs/findings.md`, run from the repository's root.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from commsplan.messages import fill

ERROR = "error"
WARNING = "warning"
SEVERITY_WORDS = {"vi": {ERROR: "lỗi", WARNING: "cảnh báo"},
                  "en": {ERROR: "error", WARNING: "warning"}}
# Where the generator writes by default: a path in the repository, from its root (an installed
# package has no docs folder and never needs one).
DOCS_PATH = Path("docs") / "findings.md"


@dataclass(frozen=True)
class Code:
    """One kind of finding: its stable kebab-case code, severity and message templates."""

    code: str
    severity: str
    vi: str
    en: str
    doc: str  # one line for the docs, in English
    blocks_documents: bool = True  # an error with this code stops documents being made
    section: str = ""  # the heading it is listed under in the docs


CATALOGUE: dict[str, Code] = {}
SECTIONS: list[str] = []


def _section(title: str) -> None:
    SECTIONS.append(title)


def _code(code: str, severity: str, vi: str, en: str, doc: str, *,
          blocks_documents: bool = True) -> None:
    assert code not in CATALOGUE, code
    CATALOGUE[code] = Code(code, severity, vi, en, doc, blocks_documents,
                           SECTIONS[-1] if SECTIONS else "")


_section("Reading: tabs and headers")
# Reading: tabs and headers --------------------------------------------------------------
_code("missing-tab", ERROR,
      "Thiếu trang tính '{tab}'. Hãy thêm trang tính có tên '{tab}' (lệnh `commsplan "
      "template` tạo sẵn bảng mẫu đủ các trang tính).{near}",
      "Tab '{tab}' is missing. Add a tab named '{tab}' (`commsplan template` makes a blank "
      "workbook with every tab).{near}",
      "A tab of the contract is not in the workbook. A tab with a near name (\"Nhật kí\" "
      "for \"Nhật ký\") is named, to be renamed.")
_code("missing-optional-tab", WARNING,
      "Chưa có trang tính '{tab}'; phần này sẽ để trống trong văn bản.{near}",
      "Tab '{tab}' is not there; that part of the documents stays empty.{near}",
      "An optional tab is not in the workbook (a tab with a near name is named).")
_code("duplicate-tab", ERROR,
      "Có {count} trang tính cùng là trang tính '{name}': {titles}. Chỉ '{tab}' được đọc, nên "
      "số liệu có thể thiếu hoặc lẫn với bản cũ. Hãy gộp dữ liệu vào '{tab}', rồi xoá hoặc đổi "
      "tên các trang tính còn lại (ví dụ thêm chữ 'cũ' vào cuối tên).",
      "{count} tabs are all the tab '{name}': {titles}. Only '{tab}' is read, so figures may be "
      "missing or mixed with an old copy. Move the data into '{tab}', then delete or rename "
      "the others (for instance add 'old' at the end of the name).",
      "Several tabs name one tab of the contract (say 'Nhật ký' and an old copy 'Nhật ký "
      "hoạt động').")
_code("missing-proposals-tab", WARNING,
      "Chưa có trang tính '{tab}' (bài đăng đề xuất cho Nhật ký). Với Google Trang tính, lệnh "
      "`commsplan init` hoặc `commsplan import` tạo nó; với tệp .xlsx, đề xuất được ghi ra một "
      "tệp riêng bên cạnh, không cần thêm gì.",
      "Tab '{tab}' (posts proposed for the register) is not there. For a Google Sheet, "
      "`commsplan init` or `commsplan import` creates it; for an .xlsx, proposals go to a "
      "workbook of their own beside it, nothing to add.",
      "The tab of proposed posts (`commsplan import`) is not in the workbook.")
_code("missing-calendar-tab", WARNING,
      "Chưa có trang tính '{tab}' (các năm học của kỳ kế hoạch: ngày bắt đầu, ngày kết thúc "
      "học kỳ I, ngày kết thúc năm học). Hãy thêm trang tính này (lệnh `commsplan template` "
      "tạo sẵn bảng mẫu) và ghi mỗi năm học một dòng; đến khi đó, năm học được đọc từ trang "
      "tính 'Thông tin chung' nếu có, và chỉ một năm học.",
      "Tab '{tab}' is missing (the plan's school years: start, end of semester I, end of "
      "year). Add it (`commsplan template` makes a blank one) with one row per school year; "
      "until then the school year is read from tab 'Thông tin chung', if there, and only one.",
      "The school-year calendar tab is not in the workbook (a workbook in the older layout).")
_code("missing-breaks-tab", WARNING,
      "Chưa có trang tính '{tab}'. Nếu trong năm học có kỳ nghỉ (như nghỉ Tết), hãy thêm trang "
      "tính này (lệnh `commsplan template` tạo sẵn bảng mẫu) và ghi mỗi kỳ nghỉ một dòng; đến "
      "khi đó, định mức xét cả những ngày nghỉ đó như ngày học.",
      "Tab '{tab}' is missing. If the school year has breaks (such as Tết), add it "
      "(`commsplan template` makes a blank one) with one row per break; until then cadence "
      "rules judge those days as school days.",
      "The tab of declared breaks is not in the workbook (a workbook in the older layout).")
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
_code("missing-addressee-column", WARNING,
      "Trang tính '{tab}' chưa có cột '{column}' (dòng tiêu đề {row}). Nếu báo cáo gửi lên "
      "cơ quan cấp trên (UBND xã, phường hay Sở GD&ĐT; trước 7/2025 là Phòng GD&ĐT), hãy "
      "thêm cột '{column}' và ghi 'Có' ở dòng của cơ quan đó: báo cáo sẽ ghi dòng 'Kính gửi:' "
      "và mở đầu Nơi nhận bằng '- Như trên;'. Đến khi đó, báo cáo không có dòng Kính gửi.",
      "Tab '{tab}' has no column '{column}' (header row {row}). If the report is sent up to a "
      "higher body (the commune's People's Committee or the Sở GD&ĐT; before 7/2025 the "
      "Phòng GD&ĐT), add column '{column}' and write 'Có' on that "
      "body's row: the report then carries the line 'Kính gửi:' and opens Nơi nhận with '- "
      "Như trên;'. Until then the report has no Kính gửi line.",
      "The recipients tab has no column marking the report's addressees (a workbook in the "
      "older layout).")
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
_code("header-not-first", ERROR,
      "Trang tính '{tab}', dòng {row}: '{value}' nằm phía trên dòng tiêu đề (dòng "
      "{header_row}). Dòng tiêu đề phải là dòng đầu tiên có chữ của trang tính; hãy xoá các "
      "dòng phía trên nó (tên bảng đã có ở tên trang tính). Trong lúc chờ sửa, bảng được đọc "
      "từ dòng {header_row}.",
      "Tab '{tab}', row {row}: '{value}' lies above the header row (row {header_row}). The "
      "header must be the tab's first filled row; delete the rows above it (the tab's name "
      "already says what it holds). Until then the table is read from row {header_row}.",
      "A title or note typed above a tab's header row; the table is read from the real "
      "header, the rows above are ignored.")
_code("empty-tab", ERROR,
      "Trang tính '{tab}' trống, không có dòng tiêu đề. Hãy chép dòng tiêu đề từ bảng mẫu.",
      "Tab '{tab}' is empty, with no header row. Copy the header row from the blank workbook.",
      "A tab has no header row at all.")
_code("unknown-field", WARNING,
      "Mục '{value}' (trang tính '{tab}', dòng {row}) không có trong mẫu nên được bỏ qua. "
      "Nếu đây là một mục của mẫu bị gõ sai, hãy sửa tên mục ở cột A{suggestion}.",
      "Item '{value}' (tab '{tab}', row {row}) is not in the contract and is ignored. If it "
      "is a contract item with a typo, fix its name in column A{suggestion}.",
      "An item of the general-information tab that the contract does not know.")
_code("duplicate-field", ERROR,
      "Mục '{column}' ghi hai lần ở trang tính '{tab}' (dòng {row}); chỉ dòng đầu tiên được "
      "dùng. Hãy xoá dòng thừa.",
      "Item '{column}' is given twice in tab '{tab}' (row {row}); only the first is used. "
      "Delete the extra row.",
      "An item that may appear once is given on several rows.")

# Reading: cell values -------------------------------------------------------------------
_section("Reading: cell values")
_code("invalid-date", ERROR,
      "{where}: '{value}' không phải một ngày hợp lệ. "
      "Hãy gõ ngày dạng ngày/tháng/năm, ví dụ 05/3/2024.",
      "{where}: '{value}' is not a valid date. Type it as day/month/year, e.g. 05/3/2024.",
      "A date cell that cannot be read as a real date (text, 31/02, a bad serial number).")
_code("excel-leap-day", ERROR,
      "{where} chứa ngày 29/02/1900, một ngày không có thật (lỗi cũ của Excel). Hãy gõ lại "
      "ngày đúng, dạng ngày/tháng/năm.",
      "{where} holds 29/02/1900, a day that never existed (an old Excel bug). Type the right "
      "date as day/month/year.",
      "Excel's serial number 60, the 29 February 1900 that never was.")
_code("year-not-date", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}): '{value}' là một năm, không phải một "
      "ngày. Hãy gõ đủ ngày/tháng/năm, ví dụ 05/3/{value}.",
      "Cell {tab}!{cell} (column '{column}', row {row}): '{value}' is a year, not a date. "
      "Type the whole date as day/month/year, e.g. 05/3/{value}.",
      "A year (1900–2100) typed in a date cell, which a spreadsheet would read as a day of "
      "1905. Smaller numbers are refused too: no date before 1906 is typed as a number.")
_code("several-dates", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}): '{value}' có nhiều hơn một ngày, nhưng "
      "ô này chỉ nhận một ngày. Hãy ghi một ngày, dạng ngày/tháng/năm; nếu là nhiều hoạt "
      "động, hãy ghi mỗi hoạt động một dòng.",
      "Cell {tab}!{cell} (column '{column}', row {row}): '{value}' holds more than one date, "
      "but the cell takes one. Type one date as day/month/year; for several activities, "
      "one row each.",
      "A span of dates (15/3/2024 - 20/3/2024) in a cell that takes one date; no part of it "
      "is read.")
_code("spreadsheet-error", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}) hiện lỗi {value} của một công thức, không "
      "phải một giá trị{meaning}. Hãy sửa công thức, hoặc xoá nó rồi gõ thẳng giá trị.",
      "Cell {tab}!{cell} (column '{column}', row {row}) shows the formula error {value}, not "
      "a value{meaning}. Fix the formula, or delete it and type the value.",
      "A cell showing a spreadsheet error (#REF!, #N/A, #VALUE!…) instead of a value: it is "
      "not read as empty.")
_code("ambiguous-number", ERROR,
      "Ô {tab}!{cell} (cột '{column}', dòng {row}): '{value}' có thể hiểu hai cách, vì dấu "
      "chấm hay dấu phẩy vừa ngăn hàng nghìn (1.000 là một nghìn) vừa là dấu thập phân "
      "(1.000 là 1). Hãy chỉ gõ chữ số, không có dấu chấm hay dấu phẩy, ví dụ 1000.",
      "Cell {tab}!{cell} (column '{column}', row {row}): '{value}' can be read two ways: the "
      "dot or comma may group thousands (1.000 is one thousand in Vietnamese) or mark "
      "decimals (1.000 is one). Type digits only, e.g. 1000.",
      "A whole number written with a thousands separator (1.000, 12,000), which reads as "
      "1000 in Vietnamese and as 1 in English.")
_code("invalid-integer", ERROR,
      "{where}: '{value}' không phải một số nguyên. Hãy chỉ gõ chữ số, ví dụ 12.",
      "{where}: '{value}' is not a whole number. Type digits only, e.g. 12.",
      "A number column holding text or a fraction.")
_code("integer-out-of-range", ERROR,
      "{where}: số {value} nằm ngoài khoảng dùng được nên bị bỏ qua. Hãy gõ một số nguyên từ "
      "{low} đến {high}{blank}.",
      "{where}: {value} is out of range, so it is ignored. Type a whole number from {low} to "
      "{high}{blank}.",
      "A number outside its column's bounds (`min` and `max` in sheets_schema), such as a "
      "minimum of 0, -1 or 10^15; it is read as empty.")
_code("invalid-url", ERROR,
      "{where}: '{value}' không phải một đường dẫn hợp lệ. Hãy dán đủ địa chỉ, bắt đầu bằng "
      "https://.",
      "{where}: '{value}' is not a valid link. Paste the whole address, starting with "
      "https://.",
      "A link that is not an http(s) address with a host.")
_code("invalid-bool", ERROR,
      "{where}: '{value}' không hiểu được. Hãy gõ Có hoặc Không.",
      "{where}: '{value}' is not understood. Type Có (yes) or Không (no).",
      "A yes/no column holding something else.")


# Rows: what each cell must hold ---------------------------------------------------------
_section("Rows: required, allowed and referenced values")
_code("missing-value", ERROR,
      "{where} còn trống nhưng bắt buộc phải điền. Hãy điền: {help}",
      "{where} is empty but must be filled in. {help}",
      "A required cell is empty (a table column, or an item of the general tab).")
_code("missing-field", ERROR,
      "Trang tính '{tab}' chưa có mục '{column}'. Hãy thêm một dòng: cột A ghi '{column}', "
      "cột B ghi giá trị. {help}",
      "Tab '{tab}' has no item '{column}'. Add a row with '{column}' in column A and its "
      "value in column B. {help}",
      "A required item of the general tab has no row at all.")
_code("value-read-as", WARNING,
      "{where}: '{value}' được đọc là '{read}', giá trị có trong danh sách (khác nhau chỉ ở "
      "chữ hoa, dấu cách hoặc dấu chấm cuối). Hãy sửa thành '{read}' cho thống nhất.",
      "{where}: '{value}' is read as '{read}', the listed value (they differ only in case, "
      "spacing or a final dot). Type '{read}' to keep the sheet consistent.",
      "A value that matches exactly one allowed value once case, spacing and a final dot "
      "are ignored (accents count) is read as that value.")
_code("value-not-allowed", ERROR,
      "{where}: '{value}' không có trong danh sách được chọn.{suggestion} Hãy chọn một trong: "
      "{allowed}.",
      "{where}: '{value}' is not one of the allowed values.{suggestion} Choose one of: "
      "{allowed}.",
      "A value outside the column's fixed list (activity type, cadence period or scope, "
      "channel kind, authority prefix…) that matches none of it, or several, once case, "
      "spacing and a final dot are ignored; accents count. The suggestion shows the listed "
      "spelling, or names letters of another alphabet that only look Latin.")
_code("unknown-reference", ERROR,
      "{where}: '{value}' không có trong cột '{target_column}' của trang tính "
      "'{target_tab}'.{suggestion} Hãy gõ đúng một tên có trong trang tính '{target_tab}', "
      "hoặc thêm tên này vào trang tính đó.",
      "{where}: '{value}' is not in column '{target_column}' of tab '{target_tab}'."
      "{suggestion} Type a name listed in tab '{target_tab}' exactly, or add this one there.",
      "A value that must name a row of another tab (topic, channel, unit) names none. Text "
      "that differs only by Unicode form or invisible characters matches; case, accents and "
      "typos get a 'did you mean' suggestion but do not match.")
_code("duplicate-value", ERROR,
      "{where}: '{value}' đã có ở dòng {first_row}. Mỗi giá trị ở cột này chỉ ghi một lần; "
      "hãy xoá dòng thừa hoặc đổi tên cho khác.",
      "{where}: '{value}' is already on row {first_row}. Each value of this column is "
      "given once; delete the extra row or rename it.",
      "A repeat in a column whose values must be unique (topic, channel, unit names, "
      "cadence products); case and spacing are ignored when comparing.")

_section("Links (check --links)")
_code("dead-link", WARNING,
      "{where}: đường dẫn '{value}' không còn ({detail}). Hãy dán lại địa chỉ đúng của bài "
      "đăng, hoặc ghi chú nếu bài đã bị gỡ.",
      "{where}: link '{value}' is dead ({detail}). Paste the post's right address, or add a "
      "note if the post was taken down.",
      "A register link answered 404/410, or its host no longer exists (`check --links`).")
_code("link-date-mismatch", WARNING,
      "{where}: trang {link} ghi ngày đăng {published}, cách ngày {value} ở Nhật ký {days} "
      "ngày. Hãy kiểm tra lại ngày hoặc đường dẫn.",
      "{where}: page {link} says it was published on {published}, {days} days from {value} "
      "in the register. Check the date or the link.",
      "A register row's date is more than 3 days from the publication date its page gives "
      "(`check --links`).")

_section("Rows: the activity register and the topic list")
_code("date-outside-plan", WARNING,
      "{where}: ngày {value} nằm ngoài kỳ kế hoạch {plan_label} nên không được tính vào "
      "định mức và báo cáo. Nếu gõ nhầm năm hoặc tháng, hãy sửa lại ngày.",
      "{where}: {value} is outside the plan period ({plan_label}), so it is not counted. "
      "If the year or month is a typo, correct the date.",
      "An activity dated outside the plan period (general tab, 'Năm kế hoạch').")
_code("date-in-future", ERROR,
      "{where}: ngày {value} chưa tới (hôm nay là {today}). Hãy kiểm tra lại ngày, tháng, "
      "năm, dạng ngày/tháng/năm.",
      "{where}: {value} has not come yet (today is {today}). Check the day, month and year "
      "(day/month/year).",
      "An activity dated after today: a typo, since the register records what was done.")
_code("duplicate-activity", ERROR,
      "{where}: hoạt động '{value}' trùng với dòng {first_row} (cùng ngày, tiêu đề và đường "
      "dẫn) nên sẽ bị đếm hai lần. Hãy xoá một trong hai dòng.",
      "{where}: activity '{value}' repeats row {first_row} (same date, title and link) and "
      "would be counted twice. Delete one of the two rows.",
      "Two register rows with the same date, title and link.")
_code("topic-number-gap", WARNING,
      "{where}: số thứ tự {value} không liền sau số trước; đáng lẽ là {expected}. Văn bản sẽ "
      "tự đánh số lại 1, 2, 3…; muốn bảng tính khớp văn bản thì hãy sửa thành {expected}.",
      "{where}: number {value} does not follow the previous one; {expected} was expected. "
      "The documents renumber 1, 2, 3…; type {expected} to make the sheet match them.",
      "Topic numbers that skip (1, 2, 4…) or go back; the documents renumber anyway.")
_code("topic-number-repeat", WARNING,
      "{where}: số thứ tự {value} đã dùng ở dòng {first_row}. Văn bản sẽ tự đánh số lại; "
      "hãy sửa thành {expected} cho khớp.",
      "{where}: number {value} is already used on row {first_row}. The documents "
      "renumber; type {expected} to match them.",
      "A topic number used twice; the documents renumber anyway.")
_code("window-incomplete", ERROR,
      "{where}: chủ đề có '{column}' nhưng thiếu '{other_column}'. Hãy điền cả hai ngày "
      "(dạng ngày/tháng/năm), hoặc xoá cả hai nếu chủ đề không gắn với dịp nào.",
      "{where}: the topic has '{column}' but no '{other_column}'. Fill in both dates "
      "(day/month/year), or clear both if the topic is not tied to an occasion.",
      "A topic window with only one of its two dates.")
_code("window-dates-order", ERROR,
      "{where}: ngày {value} trước ngày bắt đầu {window_from}. Hãy sửa để 'Từ ngày' không "
      "sau 'Đến ngày'.",
      "{where}: {value} is before the start, {window_from}. Make 'Từ ngày' no later than "
      "'Đến ngày'.",
      "A topic window that ends before it starts.")
_code("window-outside-plan", WARNING,
      "{where}: dịp {window} không nằm trong kỳ kế hoạch {plan_label}. Hãy kiểm tra lại "
      "năm của 'Từ ngày' và 'Đến ngày'.",
      "{where}: the window {window} lies outside the plan period ({plan_label}). Check the "
      "years of 'Từ ngày' and 'Đến ngày'.",
      "A topic window that does not meet the plan period.")

_section("Rows: tidy text")
_code("extra-spaces", WARNING,
      "{where}: '{shown}' có dấu cách thừa (ở đầu, ở cuối, hoặc nhiều dấu cách liền nhau). "
      "Giá trị vẫn được đọc là '{cleaned}'; hãy xoá dấu cách thừa cho gọn.",
      "{where}: '{shown}' has extra spaces (leading, trailing or doubled). It is read as "
      "'{cleaned}'; delete the extra spaces to tidy it.",
      "Leading, trailing, doubled or non-breaking spaces; the value is read without them.")
_code("decomposed-text", WARNING,
      "{where}: chữ có dấu trong '{cleaned}' được gõ ở dạng tổ hợp (Unicode NFD), dễ bị coi "
      "là khác chữ gõ thường khi tìm kiếm. Giá trị vẫn được đọc đúng; hãy gõ lại ô này với "
      "bảng mã Unicode dựng sẵn (Unikey: bảng mã Unicode).",
      "{where}: the accented letters of '{cleaned}' are in decomposed form (Unicode NFD), "
      "which searches treat as different text. It is read correctly; retype the cell with "
      "precomposed Unicode (Unikey: Unicode charset).",
      "Text in Unicode NFD (combining accents), often pasted from macOS or PDFs; it is "
      "read as NFC.")
_code("invisible-characters", WARNING,
      "{where}: '{shown}' có ký tự ẩn (như dấu cách độ rộng 0, hay ký tự đảo hướng chữ), "
      "thường dính vào khi sao chép từ trang web. Giá trị vẫn được đọc là '{cleaned}'; hãy "
      "xoá ô rồi gõ lại.",
      "{where}: '{shown}' holds invisible characters (such as zero-width spaces or "
      "direction controls), often pasted from a web page. It is read as '{cleaned}'; clear "
      "the cell and retype it.",
      "Zero-width spaces, joiners, BOM, soft hyphens or bidirectional controls (U+200E/F, "
      "U+202A–E, U+2066–9, which reorder the text around them); the value is read without "
      "them.")
_code("control-characters", WARNING,
      "{where}: '{shown}' có ký tự điều khiển không in được (thường do sao chép từ phần "
      "mềm khác) nên đã bị bỏ đi khi đọc. Hãy xoá ô rồi gõ lại.",
      "{where}: '{shown}' holds non-printing control characters (often pasted from other "
      "software); they are dropped when read. Clear the cell and retype it.",
      "Control characters that documents cannot hold; the value is read without them.")
_code("formula-text", WARNING,
      "{where}: '{value}' bắt đầu bằng '{start}' nên trông như một công thức: văn bản sẽ in "
      "nguyên như vậy, còn Excel có thể chạy nó như công thức khi mở dữ liệu. Nếu đây là "
      "công thức, hãy thay bằng giá trị của nó{suggestion}; nếu không, hãy bỏ hoặc đổi ký "
      "tự '{start}' ở đầu.",
      "{where}: '{value}' starts with '{start}', so it looks like a formula: documents print "
      "it as it is, and Excel may run it as one when the data is opened. If it is a formula, "
      "replace it with its value{suggestion}; if not, remove or change the leading "
      "'{start}'.",
      "Text a spreadsheet would run as a formula: starting with = or @ (after any spaces, "
      "tabs or line breaks), or with + or - followed by a function, a cell reference or a "
      "DDE link (not a bullet line such as '- Ý một'); such as '=HYPERLINK(…)' arrived as "
      "text.")
_code("long-text", WARNING,
      "{where} dài {length} ký tự, quá giới hạn {limit} ký tự của một ô; có thể đã dán "
      "nhầm cả một văn bản. Hãy rút gọn nội dung ô này.",
      "{where} is {length} characters long, over the limit of {limit} for one cell; a whole "
      "document may have been pasted. Shorten it.",
      "A cell longer than 5,000 characters.")
_code("merged-cell-blank", WARNING,
      "{where} nằm trong vùng ô gộp {range} nên được đọc là trống (chỉ ô đầu vùng gộp có "
      "giá trị). Hãy bỏ gộp ô (Trang đầu > Gộp và căn giữa > Hủy gộp ô) rồi gõ giá trị vào "
      "từng dòng.",
      "{where} lies inside the merged range {range}, so it is read as empty (only the "
      "range's first cell holds the value). Unmerge the cells and type the value on "
      "each row.",
      "A blank cell left by merged cells: only the top-left cell of a merged range has a "
      "value (in a table, or an item or its value on the general tab).")

# The plan: the general tab --------------------------------------------------------------
_section("The plan: general information")
_code("invalid-plan-period", ERROR,
      "{where}: '{value}' không phải năm kế hoạch. Hãy gõ một năm, ví dụ 2024, hoặc hai năm "
      "nối bằng gạch ngang, ví dụ 2024-2025.",
      "{where}: '{value}' is not a plan period. Type one year, e.g. 2024, or two joined by a "
      "hyphen, e.g. 2024-2025.",
      "The plan period is not a year or a span of years; period rules are not judged.")
_code("invalid-school-year", ERROR,
      "{where}: '{value}' không phải năm học. Hãy gõ hai năm liền nhau nối bằng gạch "
      "ngang, ví dụ 2023-2024.",
      "{where}: '{value}' is not a school year. Type two consecutive years joined by a "
      "hyphen, e.g. 2023-2024.",
      "The school year is not two consecutive years; semester rules are not judged.")
_code("authority-of-missing", ERROR,
      "{where}: quyền hạn ký là '{value}' nên phải ghi mục 'Ký thay cho'. Hãy điền mục "
      "'Ký thay cho': chức vụ người đứng đầu (HIỆU TRƯỞNG) với KT., tên tập thể (HỘI ĐỒNG "
      "TRƯỜNG) với TM.",
      "{where}: the authority prefix is '{value}', so 'Ký thay cho' must be given. Fill in "
      "'Ký thay cho': the head's title (HIỆU TRƯỞNG) with KT., the body's name (HỘI ĐỒNG "
      "TRƯỜNG) with TM.",
      "KT. or TM. signing without saying for whom ('Ký thay cho').")
_code("plan-date-outside-period", WARNING,
      "{where}: ngày ban hành {value} không nằm trong kỳ kế hoạch {plan_label}. Hãy kiểm "
      "tra lại năm của ngày ban hành.",
      "{where}: the issue date {value} is outside the plan period ({plan_label}). Check "
      "its year.",
      "The plan's issue date lies outside the plan period.")
_code("effective-date-outside-plan", WARNING,
      "{where}: ngày hiệu lực {value} không nằm trong kỳ kế hoạch {plan_label}. Hãy kiểm tra "
      "lại ngày này (để trống nếu kế hoạch có hiệu lực từ đầu kỳ kế hoạch).",
      "{where}: the effective date {value} is outside the plan period ({plan_label}). Check "
      "it (leave it empty if the plan is in force from the start of its period).",
      "The day the plan takes effect lies outside the plan period.")
_code("missed-before-issue", WARNING,
      "{where}: {count} kỳ kết thúc trước ngày ban hành kế hoạch ({issued}) bị tính là chưa "
      "đạt ({periods}), vì mục '{effective_field}' để trống nên kế hoạch được xét từ đầu kỳ "
      "kế hoạch. Hãy ghi mục '{effective_field}' ở trang tính '{general_tab}' (thêm dòng "
      "này nếu chưa có): ngày kế hoạch bắt đầu có hiệu lực (ví dụ ngày ban hành {issued}: "
      "các kỳ kết thúc trước ngày đó không bị xét nữa), hoặc {plan_start} nếu kế hoạch áp dụng "
      "cho cả kỳ kế hoạch.",
      "{where}: {count} periods that ended before the plan was issued ({issued}) come out "
      "missed ({periods}), because '{effective_field}' is empty and the plan is judged from "
      "the start of its period. Fill in '{effective_field}' in tab '{general_tab}' (add the "
      "row if it is not there): the day "
      "the plan takes effect (e.g. its issue date {issued}: periods ending before it are no "
      "longer judged), or {plan_start} if the plan covers its whole period.",
      "Shortfalls in periods that ended before the plan's date of issue, while no effective "
      "date is given: most likely false ones.")
_code("legacy-school-dates", WARNING,
      "{where}: ngày của năm học nay ghi ở trang tính '{calendar_tab}', nên mục này không còn "
      "được dùng. Hãy kiểm tra năm học ở trang tính '{calendar_tab}' rồi xoá dòng này.",
      "{where}: the school year's dates now live in tab '{calendar_tab}', so this item is no "
      "longer used. Check the school year there, then delete this row.",
      "A school-year date on the general tab (the older layout) while the calendar tab is "
      "there: the tab is used.")
_code("legacy-calendar", WARNING,
      "{where}: ngày của năm học đang ghi ở trang tính 'Thông tin chung' (cách ghi cũ) và "
      "vẫn được dùng, nhưng chỉ cho một năm học. Hãy chép năm học và các ngày của nó sang "
      "trang tính '{calendar_tab}' (mỗi năm học một dòng), thêm các năm học khác của kỳ kế "
      "hoạch, rồi xoá các dòng ngày ở đây.",
      "{where}: the school year's dates are on tab 'Thông tin chung' (the older layout) and "
      "still used, but for one school year only. Copy the school year and its dates to tab "
      "'{calendar_tab}' (one row per school year), add the plan's other school years, then "
      "delete the date rows here.",
      "School-year dates on the general tab (the older layout) while the calendar tab is "
      "there but empty: they are used until the tab is filled.")
_code("school-years-overlap", ERROR,
      "{where}: năm học {value} trùng thời gian với năm học {other} (dòng {other_row}). Hãy "
      "sửa ngày bắt đầu và kết thúc để các năm học nối tiếp nhau.",
      "{where}: school year {value} overlaps school year {other} (row {other_row}). Correct "
      "their start and end so that they follow one another.",
      "Two school years of the calendar tab share days.")
_code("break-dates-order", ERROR,
      "{where}: ngày {value} trước ngày bắt đầu {start} của kỳ nghỉ. Hãy sửa để 'Từ ngày' "
      "không sau 'Đến ngày'.",
      "{where}: {value} is before the break's start, {start}. Make 'Từ ngày' no later than "
      "'Đến ngày'.",
      "A declared break that ends before it starts.")
_code("school-dates-order", ERROR,
      "{where}: ngày {value} phải sau '{previous_column}' ({previous}). Hãy sửa các ngày "
      "của năm học theo thứ tự: bắt đầu năm học, kết thúc học kỳ I, kết thúc năm học.",
      "{where}: {value} must come after '{previous_column}' ({previous}). Put the school "
      "year's dates in order: start, end of semester I, end of the year.",
      "School-year dates out of order; semester rules are not judged.")
_code("school-year-mismatch", ERROR,
      "{where}: ngày {value} không thuộc năm {expected_year} của năm học {school_year}. Hãy "
      "sửa lại năm của ngày này, hoặc năm học.",
      "{where}: {value} is not in {expected_year}, the matching year of school year "
      "{school_year}. Correct the date's year, or the school year.",
      "The school year starts outside its first year or ends outside its second.")
_code("school-year-outside-plan", WARNING,
      "{where}: năm học {value} không có ngày nào trong kỳ kế hoạch {plan_label}, nên các "
      "định mức theo học kỳ không được xét. Hãy kiểm tra lại mục 'Năm học' và các ngày của "
      "năm học.",
      "{where}: school year {value} has no day in the plan period ({plan_label}), so "
      "per-semester rules are not judged. Check the school year and its dates.",
      "The school year does not meet the plan period.")

_code("name-derived", WARNING,
      "{where}: '{value}' gõ toàn chữ in hoa hoặc toàn chữ thường, nên trong câu văn của "
      "văn bản sẽ viết là '{derived}' (tiêu đề văn bản vẫn in hoa). Nếu đúng, hãy gõ lại "
      "'{column}' như vậy; nếu chưa đúng, ghi cách viết đúng ở mục '{override}'.",
      "{where}: '{value}' is typed all in capitals or all in lower case, so the documents' "
      "sentences will write it '{derived}' (the letterhead still prints capitals). If that "
      "is right, retype '{column}' so; if not, give the right form in '{override}'.",
      "A name (school, parent body) typed all in capitals: the running-text form is derived.",
      blocks_documents=False)

# Cadence rules and topic coverage -------------------------------------------------------
_section("Cadence rules")
_code("cadence-shortfall", ERROR,
      "Định mức '{product}' ({who}): {period_label} chỉ có {value} {unit_noun}, chưa đạt "
      "tối thiểu {minimum} (tính các loại: {types}). Nếu còn hoạt động chưa ghi, hãy thêm "
      "dòng vào trang tính '{tab}' với Loại là {types}{unit_hint}; nếu không, hãy nêu lý do "
      "trong báo cáo.",
      "Rule '{product}' ({who}): {period_label} has {value} {unit_noun}, short of the "
      "minimum {minimum} (counting: {types}). If activities were left out, add rows to tab "
      "'{tab}' with type {types}{unit_hint}; otherwise explain why in the report.",
      "A period that has ended fell short of a cadence rule's minimum (whole school, or a "
      "unit under a per-unit rule). A fact to report, so it does not stop documents.",
      blocks_documents=False)
_code("cadence-pending", WARNING,
      "Định mức '{product}' ({who}): {period_label} chưa kết thúc và mới có {value}/{minimum} "
      "{unit_noun} (tính các loại: {types}); cần thêm {missing} trước ngày {period_end}.",
      "Rule '{product}' ({who}): {period_label} is still running and has {value} of "
      "{minimum} {unit_noun} (counting: {types}); {missing} more needed by {period_end}.",
      "The current period has not yet reached a cadence rule's minimum.",
      blocks_documents=False)
_code("cadence-no-units", WARNING,
      "{where}: định mức '{value}' áp dụng cho từng đơn vị nhưng chưa đơn vị nào được "
      "đánh dấu 'Có' ở cột 'Áp dụng định mức từng đơn vị' (trang tính '{units_tab}'), nên "
      "định mức này chưa được xét. Hãy đánh dấu Có cho các đơn vị phải đạt định mức.",
      "{where}: rule '{value}' applies per unit, but no unit is marked 'Có' in column "
      "'Áp dụng định mức từng đơn vị' (tab '{units_tab}'), so it is not judged. Mark the "
      "units that must meet it.",
      "A per-unit cadence rule with no unit to apply it to.",
      blocks_documents=False)

_code("school-year-undeclared", WARNING,
      "Trang tính '{tab}' chưa có năm học {value} (hoặc dòng của năm học đó còn lỗi), nên "
      "{periods} được xét như thời gian học (kể cả nghỉ hè). Hãy thêm một dòng cho năm học "
      "{value}: ngày bắt đầu năm học, ngày kết thúc học kỳ I, ngày kết thúc năm học.",
      "Tab '{tab}' has no school year {value} (or its row has errors), so {periods} are "
      "judged as school time (summer included). Add a row for school year {value}: its "
      "start, the end of semester I, its end.",
      "A period judged by a school-time rule has days in a school year the calendar does "
      "not declare: they are judged as school time.",
      blocks_documents=False)
_code("rule-dates-overlap", ERROR,
      "{where}: định mức '{value}' đã có ở dòng {first_row} và hai dòng áp dụng trong cùng "
      "thời gian. Cùng một sản phẩm chỉ ghi nhiều dòng khi định mức đổi theo thời gian: hãy "
      "ghi 'Áp dụng từ ngày', 'Áp dụng đến ngày' để các dòng không chồng nhau, hoặc đổi tên "
      "sản phẩm.",
      "{where}: rule '{value}' is already on row {first_row} and both apply at the same "
      "time. Give one product several rows only when its minimum changes over time: set "
      "'Áp dụng từ ngày' and 'Áp dụng đến ngày' so that the rows do not overlap, or rename "
      "the product.",
      "Two cadence rows for the same product whose dates of application overlap.")

_section("Topic coverage")
_code("coverage-shortfall", ERROR,
      "{where}: chủ đề '{topic}' chỉ có {value} hoạt động trong {period_label}, chưa đạt "
      "tối thiểu {minimum}. Nếu còn hoạt động chưa ghi, hãy thêm dòng vào trang tính "
      "'{activities_tab}' với Chủ đề là '{topic}'; nếu không, hãy nêu lý do trong báo cáo.",
      "{where}: topic '{topic}' has {value} activities in {period_label}, short of the "
      "minimum {minimum}. If activities were left out, add rows to tab '{activities_tab}' "
      "with topic '{topic}'; otherwise explain why in the report.",
      "A topic's minimum over the plan period was not reached once the plan period ended.",
      blocks_documents=False)
_code("coverage-pending", WARNING,
      "{where}: chủ đề '{topic}' mới có {value}/{minimum} hoạt động trong {period_label}; "
      "cần thêm {missing} trước ngày {period_end}.",
      "{where}: topic '{topic}' has {value} of {minimum} activities so far in "
      "{period_label}; {missing} more needed by {period_end}.",
      "A topic's minimum is not yet reached while the plan period runs.",
      blocks_documents=False)
_code("coverage-window-missed", ERROR,
      "{where}: chủ đề '{topic}' gắn với dịp {period_label} nhưng chỉ có {value} hoạt động "
      "trong dịp đó, chưa đạt {minimum}. Nếu hoạt động đã làm nhưng ghi sai ngày hoặc chủ "
      "đề, hãy sửa ở trang tính '{activities_tab}'; nếu không, hãy nêu lý do trong báo cáo.",
      "{where}: topic '{topic}' is tied to {period_label} but has {value} activities in that "
      "window, short of {minimum}. If one was done but logged with another date or topic, "
      "correct it in tab '{activities_tab}'; otherwise explain why in the report.",
      "A topic window that has ended without its activities (at least one, or its minimum).",
      blocks_documents=False)
_code("coverage-window-pending", WARNING,
      "{where}: dịp {period_label} của chủ đề '{topic}' đang diễn ra và mới có "
      "{value}/{minimum} hoạt động; cần thêm {missing} trước ngày {period_end}.",
      "{where}: the window {period_label} of topic '{topic}' is running and has {value} of "
      "{minimum} activities; {missing} more needed by {period_end}.",
      "A topic window still open that has not yet got its activities.",
      blocks_documents=False)

_section("Issued documents: numbers, dates, files")
_code("missing-issued-tab", WARNING,
      "Chưa có trang tính '{tab}' (số, ngày, người ký của kế hoạch và báo cáo đã ban hành). "
      "Báo cáo chỉ có số và ngày khi thêm trang tính này (lệnh `commsplan template` tạo sẵn "
      "bảng mẫu; với Google Trang tính, lệnh `commsplan init`) và ghi mỗi văn bản một dòng, "
      "hoặc khi chạy lệnh với --number và --date; kế hoạch vẫn lấy số và ngày ở trang tính "
      "'Thông tin chung'.",
      "Tab '{tab}' is not there (number, date and signer of the issued plans and reports). A "
      "report gets a number and date once the tab is added (`commsplan template` makes a blank "
      "one; for a Google Sheet, `commsplan init`) with one row per document, or with --number "
      "and --date; the plan still takes its number and date from tab 'Thông tin chung'.",
      "The tab of issued documents is not in the workbook (a workbook in the older layout).")
_code("issued-number-duplicate", ERROR,
      "{where}: số {value} đã cấp cho {other_kind} ở {other}, cùng ký hiệu {symbol} trong "
      "năm {year}. Số và ký hiệu văn bản không được trùng trong một năm (Nghị định "
      "30/2020/NĐ-CP, Điều 15): hãy hỏi văn thư số đúng và sửa một trong hai chỗ.",
      "{where}: number {value} is already given to {other_kind} at {other}, with the same "
      "symbol {symbol} in {year}. A number and symbol is unique within the year (Decree "
      "30/2020/NĐ-CP, art. 15): ask the clerk for the right number and correct one of them.",
      "Two issued documents of the same kind have one number in the same year; both places "
      "are named.")
_code("issued-plan-disagrees", ERROR,
      "{where}: dòng của kế hoạch ghi {value}, còn trang tính '{general_tab}' ghi {general}. "
      "Kế hoạch lấy số và ngày ở trang tính '{general_tab}'; hãy sửa cho hai nơi giống nhau "
      "(hoặc xoá dòng này).",
      "{where}: the plan's row says {value}, tab '{general_tab}' says {general}. The plan takes "
      "its number and date from tab '{general_tab}'; make both say the same (or delete this "
      "row).",
      "The plan's row in the tab of issued documents disagrees with the general tab's number "
      "or date.")
_code("issued-incomplete", ERROR,
      "{where}: văn bản có {given} nhưng chưa có {missing}. Văn bản đã ban hành cần cả số và "
      "ngày; bản dự thảo để trống cả hai.",
      "{where}: the document has {given} but no {missing}. An issued document needs both "
      "its number and its date; a draft leaves both blank.",
      "A row of the tab of issued documents with a number but no date, or the other way round.")
_code("issued-period-unknown", ERROR,
      "{where}: không rõ báo cáo nào: '{value}'. Hãy ghi kỳ như ở lệnh report --period "
      "(2024-03, 2024-Q1, HK1-2023-2024, 2024), hoặc Từ ngày và Đến ngày, hoặc Chủ đề số.",
      "{where}: which report is this: '{value}'? Give a period as report --period takes it "
      "(2024-03, 2024-Q1, HK1-2023-2024, 2024), or the from and to dates, or the topic "
      "number.",
      "A report's row whose period, window or topic cannot be read.")
_code("issued-row-duplicate", ERROR,
      "{where}: văn bản này đã có dòng {other_row}. Mỗi văn bản chỉ một dòng; hãy xoá dòng "
      "thừa.",
      "{where}: this document already has row {other_row}. One row per document; delete the "
      "extra one.",
      "Two rows of the tab of issued documents name the same document.")
_code("issued-document-changed", ERROR,
      "{where}: văn bản đã ban hành số {value} được tạo lại nhưng khác tệp đã ban hành (mã "
      "tệp ghi ở ô này). Không ghi bản mới: bản đã ký là văn bản. Nếu dữ liệu của kỳ đó vừa "
      "được sửa, hãy trả lại như cũ; nếu văn bản thật sự phải ban hành lại, hãy cấp số mới "
      "hoặc xoá mã tệp ở ô này.",
      "{where}: issued document number {value} was made again but differs from the issued "
      "file (whose hash this cell holds). No new copy is written: the signed file is the "
      "document. If the period's data was just changed, put it back; if the document really "
      "must be issued again, give it a new number or clear the hash in this cell.",
      "An issued document made again differs from the file whose SHA-256 the tab recorded; "
      "no new copy is written.")


# What a spreadsheet error value means, for the spreadsheet-error message.
ERROR_MEANINGS = {
    "#REF!": (": công thức trỏ tới một ô hoặc trang tính đã bị xoá",
              ": the formula points to a cell or tab that was deleted"),
    "#N/A": (": công thức không tìm thấy giá trị cần tra",
             ": the formula found no value to look up"),
    "#VALUE!": (": công thức tính với một giá trị sai kiểu",
                ": the formula got a value of the wrong kind"),
    "#DIV/0!": (": công thức chia cho 0", ": the formula divides by zero"),
    "#NAME?": (": công thức dùng một tên hàm hay tên vùng không có",
               ": the formula uses a function or range name that does not exist"),
}


def error_meaning(value: str | None) -> dict[str, str]:
    vi, en = ERROR_MEANINGS.get((value or "").strip(), ("", ""))
    return {"vi": vi, "en": en}


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
    # extra words for the message; a {"vi": …, "en": …} value is chosen by language

    @property
    def severity(self) -> str:
        return CATALOGUE[self.code].severity

    @property
    def blocks_documents(self) -> bool:
        code = CATALOGUE[self.code]
        return code.severity == ERROR and code.blocks_documents

    def message(self, lang: str = "vi") -> str:
        code = CATALOGUE[self.code]
        template = code.en if lang == "en" else code.vi
        values = {"tab": self.tab, "row": self.row, "column": self.column, "cell": self.cell,
                  "value": _shorten(self.value), "period": self.period, "scope": self.scope,
                  "suggestion": "", "near": "", "meaning": "", "where": self.where(lang)}
        values.update({k: _in_language(v, lang) for k, v in self.params.items()})
        return fill(template, values)

    def where(self, lang: str = "vi") -> str:
        """'Ô Nhật ký!B5 (cột 'Chủ đề', dòng 5)': the place, as the message opens with it."""
        en = lang == "en"
        if self.params.get("field"):
            noun = "item" if en else "mục"
        else:
            noun = "column" if en else "cột"
        if self.cell and self.row:
            return (f"Cell {self.tab}!{self.cell} ({noun} '{self.column}', row {self.row})" if en
                    else f"Ô {self.tab}!{self.cell} ({noun} '{self.column}', dòng {self.row})")
        if self.row:
            return (f"Tab '{self.tab}', row {self.row}, {noun} '{self.column}'" if en
                    else f"Trang tính '{self.tab}', dòng {self.row}, {noun} '{self.column}'")
        return f"Tab '{self.tab}'" if en else f"Trang tính '{self.tab}'"


def _in_language(value: object, lang: str) -> object:
    if isinstance(value, dict) and "vi" in value:
        return value.get(lang, value["vi"])
    return value


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


def blocking(report: Report) -> list[Finding]:
    """The errors that stop a document being made: data errors, not cadence or coverage
    shortfalls (those are facts the report exists to tell)."""
    return [f for f in report.findings if f.blocks_documents]


def sort_key(finding: Finding) -> tuple:
    return (SEVERITY_ORDER[finding.severity], finding.tab or "", finding.row or 0,
            finding.column or "", finding.code, finding.period or "", finding.scope or "")


# The docs -------------------------------------------------------------------------------

def catalogue_markdown() -> str:
    """docs/findings.md: every code, its severity, whether it blocks documents, its words."""
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated from commsplan/findings.py by "
        "`python -m commsplan.findings`; do not edit by hand. -->",
        "",
        "`commsplan check` reports each problem it finds as a finding with a stable code, a "
        "severity (lỗi = error, cảnh báo = warning), the tab, row and column, the offending "
        "value and a message. `commsplan check` exits with 1 when there is any error. The "
        "document commands refuse to run (unless given `--allow-errors`) only on errors that "
        "block documents: data errors. Cadence and coverage shortfalls are facts the report "
        "states, so they never block a document.",
        "",
        f"{len(CATALOGUE)} codes.",
    ]
    for section in SECTIONS:
        lines += ["", f"## {section}", "",
                  "| code | severity | blocks documents | meaning |", "|---|---|---|---|"]
        for code in (c for c in CATALOGUE.values() if c.section == section):
            blocks = "yes" if code.severity == ERROR and code.blocks_documents else "no"
            severity = f"{code.severity} ({SEVERITY_WORDS['vi'][code.severity]})"
            lines.append(f"| `{code.code}` | {severity} | {blocks} | {code.doc} |")
        lines += ["", "Messages (Vietnamese, then English):", ""]
        for code in (c for c in CATALOGUE.values() if c.section == section):
            lines += [f"- `{code.code}`", f"  - {code.vi}", f"  - {code.en}"]
    return "\n".join(lines) + "\n"


def write_docs(path: Path = DOCS_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(catalogue_markdown(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_docs(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS_PATH)}")
