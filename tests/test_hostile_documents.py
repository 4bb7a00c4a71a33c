"""Documents from hostile or broken sheets: TeX in names, columns gone or emptied, numbers
out of bounds. Each makes a document that says what it can, or a located finding; never a
crash."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from commsplan.cli import main
from commsplan.documents.chart import Target, chart_figure
from commsplan.documents.docx_io import docx_bytes
from commsplan.sources.writer import workbook_bytes
from tests.plan_workbooks import OTHER_SCHOOL

D = dt.date
AS_OF = D(2025, 7, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ACTIVITIES = [
    [D(2025, 1, 8), "Chuyển đổi số trong dạy học", "Tin bài", "Giờ Toán với học liệu số",
     "Lê Thu", "Tổ Tự nhiên", "Cổng thông tin", "https://thcskimtan.edu.vn/tin/1", "Lớp 7A"],
    [D(2025, 2, 18), "Chuyển đổi số trong dạy học", "Ảnh", "Ảnh giờ Tin học", "Lê Thu",
     "Tổ Tự nhiên", "Cổng thông tin", None, None],
    [D(2025, 3, 20), "Chuyển đổi số trong dạy học", "Video", "Video bài giảng số", "Trần An",
     None, "Cổng thông tin", None, None],
]
SCHOOL = {
    **OTHER_SCHOOL,
    "activities": ACTIVITIES,
    "cadence": [  # a per-unit rule, and two monthly whole-school rules: the chart's targets
        ["Bài viết", "Tin bài", 2, "quý", "Từng đơn vị", "bài viết", None],
        ["Tin bài", "Tin bài", 1, "tháng", "Toàn trường", "tin bài", "đăng trên cổng"],
        ["Tư liệu", "Ảnh, Video", 2, "tháng", "Toàn trường", "ảnh/video", None],
    ],
    "opinions": [[D(2025, 2, 3), "Phụ huynh", "Hỏi về giờ đón trẻ", "Trả lời", "Đã rõ"]],
}


def school(**changes) -> bytes:
    return workbook_bytes({**SCHOOL, **changes})


def text_of(document) -> str:
    """Every paragraph of the saved document, body and tables."""
    body = docx.Document(io.BytesIO(docx_bytes(document))).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


# Item 6: "$…$" in a name is text, not TeX -----------------------------------------------------

HOSTILE_NAMES = ["Tin $\\bài$", "Giá $5$ triệu", "$x_1$ và $y$", "$", "_ẩn", "100% $\\$"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_chart_texts_print_as_typed(name):
    figure = chart_figure(["01", "02"], {name: [1, 2], "Ảnh": [0, 1]},
                          [Target(1, f"Định mức {name}: 01/tháng")], y_label=name)
    legend = figure.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [name, "Ảnh",
                                                          f"Định mức {name}: 01/tháng"]
    texts = figure.findobj(lambda artist: hasattr(artist, "get_parse_math"))
    assert texts and not any(t.get_parse_math() for t in texts)


@pytest.mark.parametrize("name", ["Tin $\\bài$", "Giá $5$ triệu"])
def test_a_report_charts_a_product_named_with_dollars(name, tmp_path, capsys):
    activities = [*ACTIVITIES, [D(2025, 1, 9), "Chuyển đổi số trong dạy học", name, "Bài lạ",
                                "Lê Thu", "Tổ Tự nhiên", "Cổng thông tin", None, None]]
    cadence = [[name, "Tin bài", 2, "tháng", "Toàn trường", "bài", None],
               ["Tư liệu", "Ảnh, Video", 1, "tháng", "Toàn trường", "ảnh/video", None]]
    source = tmp_path / "du-lieu.xlsx"
    source.write_bytes(school(activities=activities, cadence=cadence))
    out = tmp_path / "bc.docx"
    code = main(["report", str(source), "--period", "2025-01", "--as-of", "01/07/2025",
                 "--allow-errors", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert name in text_of(docx.Document(out))
