"""Time the year's Báo cáo from a 10,000-activity register, against building its appendix table
alone with python-docx's add_row loop and with docxtpl; then the PDF step (plan + one report,
one LibreOffice run).

Run: python benchmarks/bench_report.py [activities] [runs]

The register: the demo workbook's plan tabs, and synthetic activities spread over 2024
(seeded, so every run times the same data). Each timing is a median of `runs` runs (at least
3) in one process; the report's first run, which also imports matplotlib and draws the chart
font cache into memory, is shown apart.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from commsplan import open_book
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.report import _activity_rows, report_context, report_document

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
AS_OF = dt.date(2025, 1, 15)
TYPES = [("Tin bài", 45), ("Ảnh", 35), ("Video", 12), ("Phóng sự", 3), ("Khác", 5)]
AUTHORS = [f"{family} {middle} {given}"
           for family in ("Nguyễn", "Lò", "Quàng", "Vừ", "Đặng", "Tòng", "Hoàng", "Lường")
           for middle in ("Thị", "Văn", "A")
           for given in ("Hoa", "Liễu", "Mai", "Thắng", "Tuấn", "Sình")]


def build_register(count: int, folder: Path) -> Path:
    """The demo workbook with `count` synthetic activities in place of its register."""
    workbook = load_workbook(DEMO)
    topics = [row[1].value for row in workbook["Chủ đề"].iter_rows(min_row=2) if row[1].value]
    units = [row[0].value for row in workbook["Đơn vị"].iter_rows(min_row=2) if row[0].value]
    channels = [row[0].value for row in workbook["Kênh"].iter_rows(min_row=2) if row[0].value]
    sheet = workbook["Nhật ký"]
    sheet.delete_rows(2, sheet.max_row)
    pick = random.Random(2024)
    types, weights = zip(*TYPES)
    for number in range(count):
        kind = pick.choices(types, weights)[0]
        day = dt.datetime(2024, 1, 1) + dt.timedelta(days=pick.randrange(366))
        channel = pick.choice(channels)
        link = (f"https://www.facebook.com/permalink.php?story_fbid={10**17 + number}"
                if channel == "Fanpage Facebook" else None)
        title = f"{kind}: hoạt động số {number + 1} của nhà trường"
        sheet.append([day, pick.choice(topics), kind, title, pick.choice(AUTHORS),
                      pick.choice(units), channel, link, None])
    for row in sheet.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "DD/MM/YYYY"
    path = folder / f"so-lieu-{count}.xlsx"
    workbook.save(path)
    return path


# The three ways to build the appendix -------------------------------------------------------

def whole_report(source: Path) -> bytes:
    """Read the workbook, count, draw, lay out and save the year's report."""
    return docx_bytes(report_document(open_book(str(source)), "2024", AS_OF))


def report_from_book(book) -> bytes:
    return docx_bytes(report_document(book, "2024", AS_OF))


HEADERS = ["STT", "Ngày", "Tên sản phẩm, đường dẫn", "Loại", "Kênh"]


def add_row_loop(rows: list[list]) -> bytes:
    """The appendix alone, python-docx's public API: one add_row per activity."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, HEADERS):
        cell.text = header
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            if isinstance(value, list):  # the title, then the link as a second paragraph
                cell.text = value[0]
                cell.add_paragraph(value[1])
            else:
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docxtpl_template(folder: Path) -> Path:
    """A Word template whose table repeats one row per activity ({%tr for %})."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, HEADERS):
        cell.text = header
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    for cell, field in zip(table.rows[2].cells, ("n", "date", "title", "type", "channel")):
        cell.text = f"{{{{ r.{field} }}}}"
    table.rows[2].cells[2].add_paragraph("{%p if r.link %}")
    table.rows[2].cells[2].add_paragraph("{{ r.link }}")
    table.rows[2].cells[2].add_paragraph("{%p endif %}")
    table.rows[3].cells[0].text = "{%tr endfor %}"
    path = folder / "phu-luc.docx"
    document.save(path)
    return path


def docxtpl_render(template: Path, rows: list[list]) -> bytes:
    from docxtpl import DocxTemplate

    records = [{"n": r[0], "date": r[1], "title": r[2][0] if isinstance(r[2], list) else r[2],
                "link": r[2][1] if isinstance(r[2], list) else "", "type": r[3], "channel": r[4]}
               for r in rows]
    document = DocxTemplate(str(template))
    document.render({"rows": records})
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def timed(function, *args, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def pdf_step(folder: Path, runs: int) -> float | None:
    """The plan and the demo's March report to PDF together (one LibreOffice process)."""
    from commsplan.documents.plan import plan_document
    from commsplan.outputs import convert_to_pdf, find_soffice

    if find_soffice() is None:
        return None
    book = open_book(str(DEMO))
    plan, report = folder / "KH.docx", folder / "BC-2024-03.docx"
    plan.write_bytes(docx_bytes(plan_document(book)))
    report.write_bytes(docx_bytes(report_document(book, "2024-03", AS_OF)))

    def convert() -> None:
        for pdf in (plan.with_suffix(".pdf"), report.with_suffix(".pdf")):
            pdf.unlink(missing_ok=True)
        convert_to_pdf([plan, report])

    return timed(convert, runs=runs)[0]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = max(3, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
    folder = Path(tempfile.mkdtemp(prefix="commsplan-bench-"))
    try:
        print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}")
        source = build_register(count, folder)
        book = open_book(str(source))
        rows = _activity_rows(book["activities"].data)
        assert len(rows) == count
        print(f"Register: {count} activities over 2024 (demo plan tabs); the year's report")

        started = time.perf_counter()
        report_from_book(book)
        first = time.perf_counter() - started
        whole, _ = timed(whole_report, source, runs=runs)
        built, _ = timed(report_from_book, book, runs=runs)
        context, _ = timed(report_context, book, "2024", AS_OF, runs=runs)
        loop, _ = timed(add_row_loop, rows, runs=runs)
        template = docxtpl_template(folder)
        tpl, _ = timed(docxtpl_render, template, rows, runs=runs)

        print(f"  first report in this process (imports matplotlib): {first:.3f} s")
        print(f"  whole report, .xlsx → .docx bytes (median of {runs}): {whole:.3f} s")
        print(f"  report from the Book → .docx bytes (median of {runs}): {built:.3f} s"
              f"   [of which counting + chart: {context:.3f} s]")
        print(f"  appendix table alone, python-docx add_row loop (median of {runs}): {loop:.3f} s")
        print(f"  appendix table alone, docxtpl {{%tr for %}} (median of {runs}): {tpl:.3f} s")
        print(f"  ratios: add_row / whole report = {loop / whole:.1f}×, "
              f"docxtpl / whole report = {tpl / whole:.1f}×  "
              f"(from the Book: {loop / built:.1f}×, {tpl / built:.1f}×)")
        target = whole <= 1.5 and loop / whole >= 5 and tpl > whole
        print(f"  targets (≤ 1.5 s, ≥ 5× the add_row loop, faster than docxtpl): "
              f"{'met' if target else 'NOT met'}")

        pdf_runs = 3
        pdf = pdf_step(folder, pdf_runs)
        if pdf is None:
            print("  PDF: LibreOffice is not installed")
        else:
            print(f"  PDF of the plan + the March report, one LibreOffice run "
                  f"(median of {pdf_runs}): {pdf:.2f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
