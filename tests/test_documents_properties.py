"""Any text staff type into the plan's tabs gives a plan and a report, never an exception."""

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsplan.book import build_book
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document
from commsplan.documents.report import report_document
from commsplan.sheet_writers.workbook import workbook_bytes
from commsplan.sources.workbook import read_workbook
from tests.plan_workbooks import OTHER_SCHOOL

BASE = workbook_bytes({**OTHER_SCHOOL, "activities": [
    [dt.date(2025, 3, 5), "Chuyển đổi số trong dạy học", "Tin bài", "Bài một", "Lê Thu",
     "Tổ Tự nhiên", "Cổng thông tin", "https://thcskimtan.edu.vn/1", None]]})

# Any text, control characters, surrogates' neighbours, markup and template syntax included.
cell_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["{{ 7*7 }}", "{% raw %}", "**x**", "# x", "- x", "+ x", "1. x", "<b>",
                     "\\", "`", "| a | b |", "```{table} topics", "=HYPERLINK(\"x\")", "\u200b",
                     "A\u0301", "\x00\x07\x1b", "\ufffe"]),
)
cells = st.lists(cell_text, min_size=1, max_size=4)


def mutated_book(topic, forms, paragraph, channel, recipient):
    raw = read_workbook(io.BytesIO(BASE))
    tables = {t.name: t for t in raw.tables}
    tables["Chủ đề"].rows[1][1] = topic
    tables["Chủ đề"].rows[1][2] = "\n".join(forms)
    tables["Nội dung kế hoạch"].rows[1][2] = paragraph
    tables["Kênh"].rows[1][3] = channel
    tables["Nơi nhận"].rows[1][0] = recipient
    tables["Nhật ký"].rows[1][3] = paragraph  # the activity's title
    return build_book(raw)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(topic=cell_text, forms=cells, paragraph=cell_text, channel=cell_text,
       recipient=cell_text)
def test_any_cell_text_gives_documents(topic, forms, paragraph, channel, recipient):
    book = mutated_book(topic, forms, paragraph, channel, recipient)
    assert docx_bytes(plan_document(book))
    assert docx_bytes(report_document(book, "2025-Q1", dt.date(2025, 6, 30)))
