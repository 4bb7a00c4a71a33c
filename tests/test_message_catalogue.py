"""Every message the catalogues can print, filled with values like the real ones, reads as a
sentence: both languages, no doubled period, no leftover brace, no None, no Python repr, an
end stop."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from commsplan.findings import CATALOGUE, Finding
from commsplan.messages import MESSAGES, Phrase, say

# Values as the code passes them; several end in "." as real ones do (a list of prefixes,
# a system's own sentence), which must not double the template's period.
SAMPLES = {
    # messages.py
    "path": "van-ban/KH-truyen-thong-2024.docx", "detail": "Permission denied.",
    "source": "ke-hoach-2024.xlsx", "count": 3, "errors": 2, "warnings": 5, "tabs": 9,
    "seconds": 60, "status": 503, "key": "ouput", "known": "source, output, reports, pdf",
    "value": "Tin bai", "wanted": "true hoặc false", "wanted_en": "true or false",
    "text": "31/2/2024", "periods": "2024-01, 2024-02", "example": "ke-hoach.docx",
    "pdf": "ke-hoach.pdf", "suffix": ".docx", "kept": "van-ban/KH-truyen-thong-2024.docx",
    "fields": "refresh_token", "host": "oauth2.googleapis.com", "attempts": 3,
    "reason": Phrase("net-reset"), "asked": 9, "got": 7, "other": "KIỂM TRA",
    "template": "report.md.j2", "folder": "templates", "line": 12, "name": "table",
    "option": "--write-back", "arguments": "NGUỒN", "choices": "'vi', 'en'", "email": "commsplan@truong.iam.gserviceaccount.com",
    "role": "Người xem", "role_en": "Viewer", "sheet_key": "1AbCdEfGhIjKlMnOpQrStUvWxYz",
    "cache": "~/.config/commsplan/token.json", "key_env": "GOOGLE_APPLICATION_CREDENTIALS",
    "client_env": "COMMSPLAN_OAUTH_CLIENT", "where": "--credentials", "created": 2,
    "updated": 7, "requests": 41, "locale": "en_US", "tab": "Kiểm tra", "period": "HK1-2024-2025",
    "school_year": "2023-2024",
    # commsplan lint (its number, start, part and end: LINT_SAMPLES)
    "size": "12", "font": "Arial", "colour": "FF0000", "room": "20", "least": "25", "width": "216", "height": "279",
    "share": "20%",
    # findings.py (a finding's own tab, row, column, cell and value come from it)
    "allowed": "KT., TM., Q.", "suggestion": {"vi": " Có phải 'KT.'?", "en": " Did you mean 'KT.'?"},
    "help": {"vi": "Chọn một chủ đề trong trang tính Chủ đề.", "en": "The note says what it holds."},
    "target_column": "Nội dung/Chủ đề", "target_tab": "Chủ đề", "first_row": 4,
    "plan_label": {"vi": "năm 2024", "en": "the year 2024"}, "today": "20/03/2024",
    "expected": 3, "expected_year": 2023, "other_column": "Đến ngày", "window_from": "01/03/2024",
    "window": "01/03/2024–10/03/2024", "shown": "Website[U+200B] trường",
    "cleaned": "Website trường", "length": {"vi": "12.000", "en": "12,000"},
    "limit": {"vi": "5.000", "en": "5,000"}, "range": "C4:C6", "previous_column": "Ngày bắt đầu năm học",
    "previous": "05/09/2023", "product": "Tư liệu", "who": {"vi": "toàn trường", "en": "whole school"},
    "period_label": {"vi": "tháng 1/2024", "en": "January 2024"}, "minimum": 2, "missing": 1,
    "types": "Ảnh, Video", "unit_noun": "ảnh/video", "unit_hint": "", "period_end": "31/01/2024",
    "units_tab": "Đơn vị", "topic": "Truyền thông chính sách", "activities_tab": "Nhật ký",
    "low": 1, "high": 1000, "blank": {"vi": " (hoặc để trống)", "en": " (or leave it empty)"},
    # commsplan import, check --links
    "url": "https://thmm2.edu.vn/index.php?nv=news&op=rss", "origin": "https://thmm2.edu.vn/rss",
    "tag": "opml", "found": "Tiêu đề, Thời gian đăng", "page": "61550823471616", "read": 120,
    "new": 7, "outside": 4, "undated": 0, "likely": 1, "hosts": "thmm2.edu.vn", "moved": 2,
    "rejected": 1, "waiting": 5, "rows": "141, 142", "row": 5, "columns": "Người thực hiện",
    "category": "Tin tức", "words": "bong da, the thao", "unverified": 12, "days": 10,
    "link": "https://thmm2.edu.vn/tin/5", "published": "15/03/2024",
    # the reader (sources/package.py) and the reading findings
    "part": {"vi": "phần sharedStrings.xml của tệp", "en": "the part sharedStrings.xml"},
    "cell": "XFD1048576", "header_row": 2,
    "near": {"vi": " Bảng tính có trang tính 'Nhật kí' với tên gần giống: nếu đó chính là trang "
                   "này, chỉ cần đổi tên nó thành 'Nhật ký'.",
             "en": " The workbook has a tab named 'Nhật kí': if that is the one, just rename it "
                   "to 'Nhật ký'."},
    "meaning": {"vi": ": công thức trỏ tới một ô hoặc trang tính đã bị xoá",
                "en": ": the formula points to a cell or tab that was deleted"},
    # the plan's time frame: reports refused or skipped, calendars, the effective date
    "period_en": "June 2024", "plan": "năm 2024, có hiệu lực từ ngày 06/11/2017",
    "plan_en": "2024, in force from 06/11/2017", "start": "01/06/2024", "end": "30/06/2024",
    "as_of": "20/03/2024", "school_years": "2023-2024, 2024-2025", "number": 9,
    "issued": "15/03/2024", "effective_field": "Ngày hiệu lực", "general_tab": "Thông tin chung",
    "plan_start": "01/01/2024", "calendar_tab": "Lịch năm học", "other_row": 2,
    "derived": "Trường Tiểu học Mỹ Hòa 1", "override": "Tên trường trong câu văn",
    # commsplan rollup
    "school": "Trường Tiểu học Mường Mươn", "done": 3, "total": 60, "failed": 1,
    "why": "Tệp 'truong-3.xlsx' không phải tệp Excel (.xlsx).",
    # --pdf-a: the checks of a signing-ready PDF
    "tools": "pdffonts, pdfinfo", "tool": "pdffonts", "fonts": "Helvetica, DejaVuSans",
    "title": "BÁO CÁO Kết quả công tác truyền thông quý I năm 2024",
    "problems": {"vi": "phông chữ chưa được nhúng vào tệp: Helvetica",
                 "en": "fonts not embedded: Helvetica"},
    "others": {"vi": " Còn 1 bản PDF/A khác cũng không đạt và đã bị xoá.",
               "en": " Also failed and removed: 1 other PDF/A file(s)."},
}
# Names that commsplan lint uses for something else: every message is rendered with these too.
LINT_SAMPLES = {"number": 12, "start": "Chủ động thông tin phù hợp, kịp thời về…",
                "part": Phrase("lint-part-body"), "end": ";"}
SPARSE = {"suggestion": "", "blank": "", "unit_hint": "", "detail": "timed out", "near": "",
          "meaning": "", "others": ""}
OWN_SAMPLES = {  # where a name means something else
    "formula-text": {"start": "=",
                     "suggestion": {"vi": ", ví dụ dán địa chỉ https://thmm2.edu.vn/tin/1",
                                    "en": ", e.g. paste the address https://thmm2.edu.vn/tin/1"}},
    "source-grid-too-large": {"rows": {"vi": "1.048.576", "en": "1,048,576"},
                              "columns": {"vi": "16.384", "en": "16,384"}},
    "value-read-as": {"read": "Tin bài"},
    "google-endpoint-invalid": {"name": "COMMSPLAN_SHEETS_API", "value": "localhost:8080"},
    "config-bad-value": {"key": "pdf", "value": '"có"'},
    "config-bad-pdf": {"value": '"có"'},
    "answer-other-range": {"asked": "Nhật ký", "got": "Nhật ký cũ"},
    "feed-malformed": {"column": 7, "detail": "not well-formed (invalid token)"},
    "facebook-export-column": {"column": "'Permalink' / 'Liên kết cố định'"},
    "duplicate-tab": {"name": "Nhật ký", "count": 2, "titles": "'Nhật ký', 'Nhật ký hoạt động'"},
    "school-years-overlap": {"other": "2023-2024"},
    "issued-hash-not-recorded": {"column": "Mã tệp (SHA-256)", "digest": "9f86d08" * 9 + "1"},
    "register-written": {"year": 2024},
    "register-unchanged": {"year": 2024},
    "issued-incomplete": {"given": {"vi": "số", "en": "a number"},
                          "missing": {"vi": "ngày ban hành", "en": "a date"}},
    "issued-plan-disagrees": {"general": "số 12, ngày 15/03/2024"},
    "issued-number-duplicate": {"other": {"vi": "trang tính 'Văn bản đã ban hành', dòng 3",
                                          "en": "tab 'Văn bản đã ban hành', row 3"},
                                "other_kind": {"vi": "báo cáo quý I/2024",
                                               "en": "the report on quarter I/2024"},
                                "symbol": "BC-THMM2", "year": 2024},
    "school-year-undeclared": {"value": "2024-2025",
                               "periods": {"vi": "tháng 6/2024, tháng 7/2024",
                                           "en": "June 2024, July 2024"}},
    "google-incomplete-answer": {"detail": Phrase("answer-fewer-ranges", asked=9, got=7)},
    "unknown-header": {"suggestion": {"vi": " (có phải 'Loại'?)", "en": " (did you mean 'Loại'?)"}},
    "unknown-field": {"suggestion": {"vi": " (có phải 'Tên trường'?)",
                                     "en": " (did you mean 'Tên trường'?)"}},
}
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)
# A line naming a file written or kept has no end stop, so the path can be copied whole.
FILE_LINES = {"written", "unchanged"}
# Phrases said inside another message (Phrase("net-reset")): no sentence of their own.
PHRASES = set(re.findall(r'Phrase\(\s*"([\w-]+)"', "\n".join(
    path.read_text("utf-8") for path in Path(__file__).resolve().parents[1].glob("commsplan/**/*.py"))))


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def rendered_messages():
    for key, (vi, en) in MESSAGES.items():
        base = {**SAMPLES, **OWN_SAMPLES.get(key, {})}
        for variant in (base, {**base, **LINT_SAMPLES}, {**base, **SPARSE}):
            params = {name: variant[name] for name in fields(vi) | fields(en)}
            params = {k: v["vi"] if isinstance(v, dict) else v for k, v in params.items()}
            yield key, say(key, "vi", **params), say(key, "en", **params)


def rendered_findings():
    for code, entry in CATALOGUE.items():
        names = fields(entry.vi) | fields(entry.en)
        base = {**SAMPLES, **OWN_SAMPLES.get(code, {})}
        for variant in (base, {**base, **LINT_SAMPLES}, {**base, **SPARSE}):
            for item in (False, True):  # a table column, or an item of the general tab
                params = {n: variant[n] for n in names if n in variant and n not in
                          ("tab", "value", "where", "period")}
                if item:
                    params["field"] = True
                finding = Finding(code, tab="Nhật ký", row=13, column="Loại", value="Tin bai",
                                  cell="C13", period="2024-01", scope="Toàn trường",
                                  params=params)
                yield code, finding.message("vi"), finding.message("en")


ALL = list(rendered_messages()) + list(rendered_findings())


def problems(text: str, key: str) -> list[str]:
    found = []
    if re.search(r"(?<!\.)\.\.(?!\.)", text):
        found.append("a doubled period")
    if re.search(r"[{}]", re.sub(r"\{(?:table|image)\}", "", text)):  # but a block's name
        found.append("a brace left over")
    if re.search(r"\b(?:None|nan|NaN|NaT)\b", text):
        found.append("None or nan")
    if re.search(r"[A-Za-z_]\w*\((?:\d|['\"])|\(\s*['\"][^'\"]*['\"],|\[['\"]|\bdatetime\.|\\n",
                 text):
        found.append("a Python repr")
    if "  " in text or re.search(r" [.,;:!?](?:\s|$)", text):
        found.append("a doubled space, or a space before punctuation")
    if key not in FILE_LINES | PHRASES and not re.search(r"[.…?]\)?$", text):
        found.append("no end stop")
    return found


@pytest.mark.parametrize("key, vi, en", ALL, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(ALL)])
def test_every_message_reads_as_a_sentence(key, vi, en):
    assert not problems(vi, key), (problems(vi, key), vi)
    assert not problems(en, key), (problems(en, key), en)


def test_every_message_has_both_languages():
    entries = {k: v for k, v in MESSAGES.items()}
    entries.update({k: (c.vi, c.en) for k, c in CATALOGUE.items()})
    for key, (vi, en) in entries.items():
        assert vi.strip() and en.strip() and vi != en, key
        assert VIETNAMESE.search(vi), (key, vi)


def test_a_list_ending_in_a_period_ends_the_sentence_once():
    finding = Finding("value-not-allowed", tab="Thông tin chung", row=18, column="Quyền hạn ký",
                      value="KT", cell="B18",
                      params={"field": True, "allowed": "KT., TM., Q.",
                              "suggestion": {"vi": " Có phải 'KT.'?", "en": " Did you mean 'KT.'?"}})
    assert finding.message().endswith("Hãy chọn một trong: KT., TM., Q.")
    assert finding.message("en").endswith("Choose one of: KT., TM., Q.")


def test_every_column_and_item_has_help_that_ends_a_sentence():
    from commsplan.contract import load_contract

    for tab in load_contract().tabs:
        for column in tab.columns:  # shown in messages after "Hãy điền:"
            assert re.search(r"[.)]$", column.help), (tab.key, column.key, column.help)
