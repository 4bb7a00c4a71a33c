"""The year's Báo cáo from a large register: time and memory, beside docxtpl and the floor.

Run: python benchmarks/bench_report.py [activities] [runs] [--base PATH/TO/commsplan] [--pdf]

The register: the demo workbook's plan tabs, and synthetic activities spread over 2024
(seeded, so every run times the same data). In one process, medians of `runs` runs (at least
3): the whole report from the Book to .docx bytes, and its appendix table alone written three
ways (python-docx's add_row loop, docxtpl's {%tr for %}, and the floor: the same rows joined
into the least XML a Word table needs and zipped). Then peak memory (ru_maxrss of a child
process): `commsplan report --period 2024` on the register, and children that only import
only build the Book, or
build it and render the appendix with docxtpl or the floor. With --base, the
demo's `commsplan report` end to end, A/B against another installation's commsplan command,
alternating runs in this same run (medians).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
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


def timed(function, *args, runs: int) -> tuple[float, float]:
    """Medians of the wall time and of this process's CPU time (which other work on a shared
    machine does not lengthen) over runs."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        function(*args)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


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


def string_join_floor(rows: list[list]) -> bytes:
    """The appendix as the least XML a Word table needs, joined and zipped: the floor."""

    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def cell(value) -> str:
        lines = value if isinstance(value, list) else [value]
        return "<w:tc>" + "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>"
                                  for line in lines) + "</w:tc>"

    xml = "<w:tbl>" + "".join("<w:tr>" + "".join(cell(v) for v in row) + "</w:tr>"
                              for row in rows) + "</w:tbl>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        target.writestr("word/document.xml", xml.encode("utf-8"))
    return out.getvalue()


# Memory: each way in a child process of its own ----------------------------------------------

def child(mode: str, source: str, folder: str) -> None:
    """What one child process does; its parent reads its peak memory."""
    book = open_book(source)
    if mode == "book":  # the Book alone: imports, reading, types
        return
    rows = _activity_rows(book["activities"].data)
    if mode == "docxtpl":
        docxtpl_render(docxtpl_template(Path(folder)), rows)
    elif mode == "floor":
        string_join_floor(rows)


# Linux keeps a process's peak memory across exec, and a child starts from its parent's: so the
# command is started by a small Python process of its own, which reports the command's peak.
LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, time.perf_counter() - started)
"""


def peak_mb(command: list[str]) -> tuple[float, float]:
    """(peak resident memory in MB, wall seconds) of a command run as a child process."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], capture_output=True,
                          text=True, check=True)
    code, peak_kb, seconds = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-500:]}")
    return int(peak_kb) / 1024, float(seconds)


def report_command(commsplan: str, source: Path, period: str, out: Path) -> list[str]:
    return [commsplan, "report", str(source), "--period", period, "--as-of",
            AS_OF.strftime("%d/%m/%Y"), "-o", str(out), "--force", "--allow-errors"]


def demo_ab(base: str, folder: Path, runs: int) -> tuple[float, float]:
    """Medians (base, this) of the demo's `commsplan report`, runs alternating."""
    this = str(Path(sys.executable).with_name("commsplan"))
    times: dict[str, list[float]] = {base: [], this: []}
    for _ in range(runs):
        for command in (base, this):
            out = folder / "ab.docx"
            _, elapsed = peak_mb(report_command(command, DEMO, "2024-Q1", out))
            times[command].append(elapsed)
    return statistics.median(times[base]), statistics.median(times[this])


def main() -> None:
    arguments = sys.argv[1:]
    if arguments[:1] == ["--child"]:
        child(*arguments[1:4])
        return
    base = None
    if "--base" in arguments:
        at = arguments.index("--base")
        base = arguments[at + 1]
        del arguments[at:at + 2]
    pdf = "--pdf" in arguments
    arguments = [a for a in arguments if a != "--pdf"]
    count = int(arguments[0]) if arguments else 10_000
    runs = max(3, int(arguments[1]) if len(arguments) > 1 else 5)
    folder = Path(tempfile.mkdtemp(prefix="commsplan-bench-"))
    try:
        print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}, load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        source = build_register(count, folder)
        book = open_book(str(source))
        rows = _activity_rows(book["activities"].data)
        assert len(rows) == count
        print(f"Register: {count} activities over 2024 (demo plan tabs); the year's report")

        started = time.perf_counter()
        report_from_book(book)
        first = time.perf_counter() - started
        built, built_cpu = timed(report_from_book, book, runs=runs)
        whole, _ = timed(whole_report, source, runs=runs)
        context, _ = timed(report_context, book, "2024", AS_OF, runs=runs)
        floor, _ = timed(string_join_floor, rows, runs=runs)
        template = docxtpl_template(folder)
        tpl_runs = runs if count <= 20_000 else 1  # docxtpl takes a minute on 100,000 rows
        tpl, _ = timed(docxtpl_render, template, rows, runs=tpl_runs)
        loop = timed(add_row_loop, rows, runs=3)[0] if count <= 20_000 else None

        print(f"  first report in this process (imports, fonts): {first:.3f} s")
        print(f"  the year's report from the Book → .docx bytes (median of {runs}): {built:.3f} s"
              f" wall, {built_cpu:.3f} s CPU   [of which counting + chart: {context:.3f} s]")
        print(f"  the same from the .xlsx (reading included, median of {runs}): {whole:.3f} s")
        print(f"  appendix table alone, string-join floor (median of {runs}): {floor:.3f} s")
        print(f"  appendix table alone, docxtpl {{%tr for %}} (median of {tpl_runs}): {tpl:.3f} s")
        if loop is not None:
            print(f"  appendix table alone, python-docx add_row loop (median of 3): {loop:.3f} s")
        print(f"  ratios: whole report / floor = {built / floor:.1f}×, "
              f"docxtpl (table alone) / whole report = {tpl / built:.1f}×"
              + (f", add_row / whole report = {loop / built:.1f}×" if loop else ""))
        limit_s, limit_mb = (0.6, 250) if count <= 10_000 else (6.0, 1024)

        python = sys.executable
        commsplan = str(Path(python).with_name("commsplan"))
        memory = {
            "commsplan report --period 2024": peak_mb(
                report_command(commsplan, source, "2024", folder / "bc.docx")),
            "the Book alone (imports, read, types)": peak_mb(
                [python, __file__, "--child", "book", str(source), str(folder)]),
            "docxtpl, appendix alone (+ the Book)": peak_mb(
                [python, __file__, "--child", "docxtpl", str(source), str(folder)]),
            "string-join floor, appendix alone (+ the Book)": peak_mb(
                [python, __file__, "--child", "floor", str(source), str(folder)]),
        }
        for what, (mb, seconds) in memory.items():
            print(f"  peak memory, {what}: {mb:.0f} MB ({seconds:.2f} s wall)")
        report_mb = memory["commsplan report --period 2024"][0]
        met = built <= limit_s and report_mb <= limit_mb
        print(f"  targets (≤ {limit_s} s in process, ≤ {limit_mb} MB peak for the command): "
              f"{'met' if met else 'NOT met'}")

        if base:
            ab_runs = max(runs, 5)
            before, after = demo_ab(base, folder, ab_runs)
            print(f"  demo `commsplan report --period 2024-Q1`, end to end (median of {ab_runs}, "
                  f"alternating): base {before:.3f} s, this {after:.3f} s, "
                  f"{(1 - after / before):.0%} faster (target ≥ 30 %)")
        if pdf:
            pdf_runs = 3
            seconds = pdf_step(folder, pdf_runs)
            if seconds is None:
                print("  PDF: LibreOffice is not installed")
            else:
                print(f"  PDF of the plan + the March report, one LibreOffice run "
                      f"(median of {pdf_runs}): {seconds:.2f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
