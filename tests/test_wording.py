"""How names and typed phrases read inside the documents' sentences (commsplan/wording.py)."""

import io

import pytest

from commsplan import open_book
from commsplan.checks.run import run_checks
from commsplan.documents.plan import plan_document
from commsplan.documents.report import report_document
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.wording import addressee, is_derived, running_name
from tests.plan_workbooks import OTHER_SCHOOL
from tests.test_plan import paragraphs, reopen

# A name copied from a letterhead → how the decree writes it in a sentence. Schools of every
# level, and the bodies above them before 1 July 2025 (Phòng GD&ĐT, UBND huyện) and after it
# (UBND xã/phường and its Phòng Văn hóa - Xã hội; Sở GD&ĐT for upper-secondary schools).
NAMES = [
    ("TRƯỜNG MẦM NON HOA BAN", "Trường Mầm non Hoa Ban"),
    ("TRƯỜNG MẦM NON SỐ 1 THỊ TRẤN MƯỜNG CHÀ", "Trường Mầm non số 1 thị trấn Mường Chà"),
    ("TRƯỜNG TIỂU HỌC MỸ HÒA 1", "Trường Tiểu học Mỹ Hòa 1"),
    ("TRƯỜNG PTDTBT TIỂU HỌC SỐ 2 MƯỜNG MƯƠN", "Trường PTDTBT Tiểu học số 2 Mường Mươn"),
    ("TRƯỜNG THCS KIM TÂN", "Trường THCS Kim Tân"),
    ("TRƯỜNG TRUNG HỌC CƠ SỞ NGUYỄN TRÃI", "Trường Trung học cơ sở Nguyễn Trãi"),
    ("TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN", "Trường THPT chuyên Lê Quý Đôn"),
    ("TRƯỜNG PTDTNT THCS HUYỆN MƯỜNG CHÀ", "Trường PTDTNT THCS huyện Mường Chà"),
    ("TRƯỜNG TH&THCS NA SANG", "Trường TH&THCS Na Sang"),
    ("TRƯỜNG TIỂU HỌC VÀ TRUNG HỌC CƠ SỞ HUỔI LÈNG",
     "Trường Tiểu học và Trung học cơ sở Huổi Lèng"),
    ("TRƯỜNG TH, THCS VÀ THPT VIỆT ÚC", "Trường TH, THCS và THPT Việt Úc"),
    ("TRƯỜNG LIÊN CẤP TIỂU HỌC VÀ TRUNG HỌC CƠ SỞ ÁNH SAO",
     "Trường Liên cấp Tiểu học và Trung học cơ sở Ánh Sao"),
    ("TRUNG TÂM GDNN-GDTX HUYỆN MƯỜNG CHÀ", "Trung tâm GDNN-GDTX huyện Mường Chà"),
    ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN MƯỜNG CHÀ", "Phòng Giáo dục và Đào tạo huyện Mường Chà"),
    ("PHÒNG GD&ĐT HUYỆN ĐIỆN BIÊN ĐÔNG", "Phòng GD&ĐT huyện Điện Biên Đông"),
    ("UBND HUYỆN MƯỜNG CHÀ", "UBND huyện Mường Chà"),
    ("ỦY BAN NHÂN DÂN HUYỆN TUẦN GIÁO", "Ủy ban nhân dân huyện Tuần Giáo"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐIỆN BIÊN", "Sở Giáo dục và Đào tạo Điện Biên"),
    ("ỦY BAN NHÂN DÂN XÃ MƯỜNG MƯƠN", "Ủy ban nhân dân xã Mường Mươn"),
    ("UBND PHƯỜNG ĐIỆN BIÊN PHỦ", "UBND phường Điện Biên Phủ"),
    ("PHÒNG VĂN HÓA - XÃ HỘI XÃ NA SANG", "Phòng Văn hóa - Xã hội xã Na Sang"),
    ("SỞ GD&ĐT TỈNH ĐIỆN BIÊN", "Sở GD&ĐT tỉnh Điện Biên"),
    ("TRƯỜNG THCS PHƯỜNG 15", "Trường THCS Phường 15"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH",
     "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"),
    ("trường mầm non hoa sen", "Trường Mầm non Hoa Sen"),
]

# Written before the rule was tried on them, and run only once it was settled.
HELD_OUT = [
    ("TRƯỜNG MẪU GIÁO SƠN CA", "Trường Mẫu giáo Sơn Ca"),
    ("TRƯỜNG PHỔ THÔNG DÂN TỘC BÁN TRÚ TIỂU HỌC SÍN THẦU",
     "Trường Phổ thông dân tộc bán trú Tiểu học Sín Thầu"),
    ("TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ TỈNH ĐIỆN BIÊN",
     "Trường Phổ thông dân tộc nội trú tỉnh Điện Biên"),
    ("TRƯỜNG PTDTBT THCS HUỔI SỐ", "Trường PTDTBT THCS Huổi Số"),
    ("TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN HUYỆN NẬM PỒ",
     "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Nậm Pồ"),
    ("TRƯỜNG THPT MƯỜNG NHÉ", "Trường THPT Mường Nhé"),
    ("PHÒNG VĂN HOÁ - XÃ HỘI PHƯỜNG MƯỜNG THANH", "Phòng Văn hoá - Xã hội phường Mường Thanh"),
    ("UBND THỊ XÃ MƯỜNG LAY", "UBND thị xã Mường Lay"),
    ("PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ", "Phòng GD&ĐT thành phố Điện Biên Phủ"),
    ("TRƯỜNG TH&THCS QUẢNG LÂM", "Trường TH&THCS Quảng Lâm"),
    ("TRƯỜNG THCS&THPT TÂY TRANG", "Trường THCS&THPT Tây Trang"),
    ("TRƯỜNG MẦM NON 19/5", "Trường Mầm non 19/5"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI", "Sở Giáo dục và Đào tạo Hà Nội"),
    ("TRƯỜNG TIỂU HỌC LÊ VĂN TÁM", "Trường Tiểu học Lê Văn Tám"),
    ("TRƯỜNG PTDTNT THPT HUYỆN ĐIỆN BIÊN", "Trường PTDTNT THPT huyện Điện Biên"),
]


@pytest.mark.parametrize("typed, expected", NAMES, ids=[n for n, _ in NAMES])
def test_a_name_typed_in_capitals_reads_as_the_decree_writes_it(typed, expected):
    assert is_derived(typed)
    assert running_name(typed) == expected
    assert running_name(typed).upper() == typed.upper()  # the letterhead's words, unchanged


@pytest.mark.parametrize("typed, expected", HELD_OUT, ids=[n for n, _ in HELD_OUT])
def test_names_kept_out_of_the_rules_making(typed, expected):
    assert running_name(typed) == expected


@pytest.mark.parametrize("_, written", NAMES + HELD_OUT, ids=[n for n, _ in NAMES + HELD_OUT])
def test_a_name_typed_as_the_help_asks_stays_as_typed(_, written):
    assert not is_derived(written)
    assert running_name(written) == written
    # even a form the rule would not write: what was typed with care is kept
    assert running_name("Trường tiểu học Mỹ Hòa 1") == "Trường tiểu học Mỹ Hòa 1"


# The documents ----------------------------------------------------------------------------
DEMO = "examples/ke-hoach-truyen-thong-2024.xlsx"
AS_OF = __import__("datetime").date(2025, 6, 30)


def school(**items) -> dict:
    """OTHER_SCHOOL with some items of the general tab changed (by label), or added."""
    general = [(label, items.pop(label, value)) for label, value in OTHER_SCHOOL["general"]]
    return {**OTHER_SCHOOL, "general": general + list(items.items())}


def documents(raw: dict) -> dict[str, list[str]]:
    book = open_book(io.BytesIO(workbook_bytes(raw)))
    return {"plan": paragraphs(reopen(plan_document(book))),
            "report": paragraphs(reopen(report_document(book, "2025-Q1", AS_OF)))}


CAPITALS = school(**{"Tên trường": "TRƯỜNG THCS KIM TÂN",
                     "Cơ quan chủ quản": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ LÀO CAI"})


def test_a_capital_name_prints_in_capitals_on_the_letterhead_and_as_a_name_in_sentences():
    for kind, texts in documents(CAPITALS).items():
        text = "\n".join(texts)
        assert "TRƯỜNG THCS KIM TÂN" in texts, kind  # the letterhead
        assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ LÀO CAI" in texts, kind
        assert "của Trường THCS Kim Tân./." in text, kind
        assert "tRƯỜNG" not in text and "trường THCS" not in text, kind
        assert text.count("TRƯỜNG THCS KIM TÂN") == 1, kind  # never shouted in a sentence
    assert "Trường THCS Kim Tân xây dựng Kế hoạch" in "\n".join(documents(CAPITALS)["plan"])


def test_a_name_typed_as_the_help_asks_is_never_lower_cased():
    for kind, texts in documents(OTHER_SCHOOL).items():
        text = "\n".join(texts)
        assert "của Trường THCS Kim Tân" in text and "trường THCS Kim Tân" not in text, kind


def test_the_demo_documents_keep_the_school_names_capital():
    book = open_book(DEMO)
    plan = "\n".join(paragraphs(reopen(plan_document(book))))
    report = "\n".join(paragraphs(reopen(report_document(book, "2024-Q1", AS_OF))))
    for text in (plan, report):
        assert "của Trường PTDTBT Tiểu học số 2 Mường Mươn" in text
        assert "của trường PTDTBT" not in text


def test_a_capital_name_is_a_warning_that_says_what_the_sentences_will_write():
    book = open_book(io.BytesIO(workbook_bytes(CAPITALS)))
    found = [f for f in run_checks(book, AS_OF, today=AS_OF).findings if f.code == "name-derived"]
    assert [(f.column, f.value, f.severity) for f in found] == [
        ("Cơ quan chủ quản", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ LÀO CAI", "warning"),
        ("Tên trường", "TRƯỜNG THCS KIM TÂN", "warning"),
    ]
    assert "'Trường THCS Kim Tân'" in found[1].message("vi")
    assert "Tên trường trong câu văn" in found[1].message("vi")
    assert "'Phòng Giáo dục và Đào tạo thành phố Lào Cai'" in found[0].message("en")


def test_the_name_in_sentences_item_overrides_the_rule_and_silences_the_warning():
    raw = school(**{"Tên trường": "TRƯỜNG THCS KIM TÂN",
                    "Tên trường trong câu văn": "Trường Trung học cơ sở Kim Tân"})
    book = open_book(io.BytesIO(workbook_bytes(raw)))
    codes = [(f.code, f.column) for f in run_checks(book, AS_OF, today=AS_OF).findings]
    assert ("name-derived", "Tên trường") not in codes
    for kind, texts in documents(raw).items():
        text = "\n".join(texts)
        assert "TRƯỜNG THCS KIM TÂN" in texts, kind
        assert "của Trường Trung học cơ sở Kim Tân./." in text, kind


def test_a_workbook_without_the_new_items_reads_without_a_finding_about_them():
    book = open_book(io.BytesIO(workbook_bytes(OTHER_SCHOOL)))
    report = run_checks(book, AS_OF, today=AS_OF)
    assert not [f for f in report.findings if "câu văn" in (f.column or "")]
    assert not [f for f in report.findings if f.code == "name-derived"]


# Sentences that read right whatever was typed ---------------------------------------------
ISSUED = {"Số kế hoạch": 7, "Ngày ban hành": __import__("datetime").date(2025, 1, 10)}
SUMMARIES = [  # trích yếu as typed → after "Kế hoạch", after "… về"
    ("Truyền thông về giáo dục và đào tạo năm 2025",
     "truyền thông về giáo dục và đào tạo năm 2025", "truyền thông giáo dục và đào tạo năm 2025"),
    ("Kế hoạch truyền thông về giáo dục và đào tạo năm 2025",
     "truyền thông về giáo dục và đào tạo năm 2025", "truyền thông giáo dục và đào tạo năm 2025"),
    ("Công tác truyền thông năm 2025", "công tác truyền thông năm 2025",
     "công tác truyền thông năm 2025"),
    ("Về công tác truyền thông năm 2025", "về công tác truyền thông năm 2025",
     "công tác truyền thông năm 2025"),
    ("truyền thông giáo dục năm 2025.", "truyền thông giáo dục năm 2025",
     "truyền thông giáo dục năm 2025"),
    ("GD&ĐT: truyền thông năm 2025", "GD&ĐT: truyền thông năm 2025",
     "GD&ĐT: truyền thông năm 2025"),
]
DOUBLED = ("về về", "về truyền thông về", "Kế hoạch Kế hoạch", "Kế hoạch kế hoạch", "..", ";.",
           "Thực hiện Thực hiện", "Thực hiện thực hiện", "Căn cứ Căn cứ", "Căn cứ căn cứ")


@pytest.mark.parametrize("typed, subject, after_about", SUMMARIES, ids=[s for s, _, _ in SUMMARIES])
def test_the_summary_joins_every_sentence_that_names_the_plan(typed, subject, after_about):
    issued = documents(school(**{"Trích yếu": typed}, **ISSUED))
    draft = documents(school(**{"Trích yếu": typed}))
    assert f"Trên đây là Kế hoạch {subject} của Trường THCS Kim Tân./." in issued["plan"]
    assert any(p.startswith("Thực hiện Kế hoạch số 07/KH-THCSKT ngày 10/01/2025 của Trường "
                            f"THCS Kim Tân về {after_about}, nhà trường báo cáo")
               for p in issued["report"])
    assert any(p.startswith(f"Thực hiện Kế hoạch {subject} của Trường THCS Kim Tân, nhà trường")
               for p in draft["report"])
    for texts in (*issued.values(), *draft.values()):
        for doubled in DOUBLED:
            assert doubled not in "\n".join(texts)


GROUNDS = [  # as typed (one cell a line) → as printed
    (["Căn cứ Luật Giáo dục năm 2019", "Điều lệ trường trung học cơ sở;",
      "- căn cứ Thông tư số 28/2020/TT-BGDĐT.", "Căn cứ: Kế hoạch số 5/KH-PGDĐT"],
     ["Căn cứ Luật Giáo dục năm 2019;", "Căn cứ Điều lệ trường trung học cơ sở;",
      "Căn cứ Thông tư số 28/2020/TT-BGDĐT;", "Căn cứ Kế hoạch số 5/KH-PGDĐT."]),
    (["Luật Giáo dục năm 2019\n1. Nghị định số 30/2020/NĐ-CP."],
     ["Căn cứ Luật Giáo dục năm 2019;", "Căn cứ Nghị định số 30/2020/NĐ-CP."]),
    (["Căn cứ Luật Giáo dục năm 2019;"], ["Căn cứ Luật Giáo dục năm 2019."]),
]


@pytest.mark.parametrize("typed, printed", GROUNDS)
def test_each_legal_ground_reads_can_cu_and_the_last_ends_the_list(typed, printed):
    general = [item for item in OTHER_SCHOOL["general"] if item[0] != "Căn cứ"]
    at = [label for label, _ in general].index("Trích yếu") + 1
    general[at:at] = [("Căn cứ", line) for line in typed]
    texts = documents({**OTHER_SCHOOL, "general": general})
    for kind, paragraphs_ in texts.items():
        found = [p for p in paragraphs_ if p.startswith("Căn cứ")]
        assert found == printed, kind


HIGHER = [
    "Kế hoạch số 45/KH-PGDĐT ngày 02/01/2025 của Phòng GD&ĐT thành phố Lào Cai",
    "Thực hiện Kế hoạch số 45/KH-PGDĐT ngày 02/01/2025 của Phòng GD&ĐT thành phố Lào Cai;",
    "thực hiện kế hoạch số 45/KH-PGDĐT ngày 02/01/2025 của Phòng GD&ĐT thành phố Lào Cai.",
    "- Kế hoạch số 45/KH-PGDĐT ngày 02/01/2025 của Phòng GD&ĐT thành phố Lào Cai",
]


@pytest.mark.parametrize("typed", HIGHER)
def test_the_higher_plan_reads_thuc_hien(typed):
    plan = documents(school(**{"Văn bản thực hiện": typed}))["plan"]
    assert ("Thực hiện Kế hoạch số 45/KH-PGDĐT ngày 02/01/2025 của Phòng GD&ĐT thành phố "
            "Lào Cai.") in plan


@pytest.mark.parametrize("typed", [
    "Phòng GD&ĐT huyện Mỹ Hòa (b/c)",
    "- Phòng GD&ĐT huyện Mỹ Hòa (để b/c);",
    "Phòng GD&ĐT huyện Mỹ Hòa (để báo cáo).",
    "+ Phòng GD&ĐT huyện Mỹ Hòa",
])
def test_an_addressee_reads_without_its_list_mark_end_stop_or_note_of_purpose(typed):
    assert addressee(typed) == "Phòng GD&ĐT huyện Mỹ Hòa"


def test_an_addressee_keeps_a_parenthesis_that_is_part_of_its_name():
    assert addressee("Sở GD&ĐT (tỉnh Lào Cai)") == "Sở GD&ĐT (tỉnh Lào Cai)"
