"""Time a 10,000-row × 5-column data table: nd30's bulk builder against python-docx's add_row loop.

Run: python benchmarks/bench_table.py [rows]
"""

from __future__ import annotations

import statistics
import sys
import time

import docx
from docx.shared import Mm

from commsplan.documents.nd30 import (
    Column,
    Footer,
    Heading,
    Signer,
    Table,
    Title,
    build_document,
)

WIDTHS_MM = (12, 30, 63, 30, 30)


def make_rows(count: int) -> list[list[str]]:
    """Rows like a report appendix: a number, a date, a title, a channel, a unit."""
    return [
        [
            str(i),
            f"{i % 28 + 1:02d}/03/2024",
            f"Tin bài số {i} về hoạt động của nhà trường",
            "Trang thông tin điện tử",
            "Tổ chuyên môn 1",
        ]
        for i in range(1, count + 1)
    ]


def bulk(rows: list[list[str]]) -> None:
    """A whole NĐ30 document whose body is the table."""
    columns = [Column(f"Cột {i + 1}", w) for i, w in enumerate(WIDTHS_MM)]
    build_document(
        Heading("Phòng Giáo dục", "Trường Tiểu học", "TH", "BC", 1, None, 2024, "Xã"),
        Title("Báo cáo", "Phụ lục"),
        [],
        [Table(columns, rows)],
        Footer([], [Signer("Hiệu trưởng", "Người Ký")]),
    )


def add_row_loop(rows: list[list[str]]) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(WIDTHS_MM))
    for cell, width in zip(table.rows[0].cells, WIDTHS_MM, strict=True):
        cell.width = Mm(width)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value


def median_seconds(function, rows, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(rows)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rows = make_rows(count)
    print(f"{count} rows × {len(WIDTHS_MM)} columns, median of runs")
    print(f"  nd30.build_document (bulk XML): {median_seconds(bulk, rows, 5):.3f} s (5 runs)")
    print(
        f"  python-docx add_row loop:      {median_seconds(add_row_loop, rows, 3):.3f} s (3 runs)"
    )


if __name__ == "__main__":
    main()
