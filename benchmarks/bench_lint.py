"""`commsplan lint` on a document of about 20 pages: the check alone, and the whole command.

Run: python benchmarks/bench_lint.py [pages] [runs]

The document: the demo plan with its body (paragraphs and the data table) repeated until
LibreOffice, when installed, lays it out on at least `pages` pages (default 20); without
LibreOffice, the repeat count that gave 20 pages on the machine it was measured on. Times
are medians of `runs` runs (default 15): `lint_file` in this process, then `commsplan lint`
as a new process (Python's start-up included), beside `commsplan --help` as the floor.
"""

from __future__ import annotations

import copy
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

from commsplan import open_book
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document
from commsplan.lint import lint_file
from commsplan.outputs import find_soffice

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REPEATS_FOR_20_PAGES = 4  # measured with LibreOffice 7.x on the demo plan


def longer_plan(repeats: int) -> bytes:
    """The demo plan with the blocks between its title and its signature table repeated."""
    data = docx_bytes(plan_document(open_book(str(DEMO))))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(content)
                body = root.find(f"{W}body")
                blocks = list(body)
                tables = [i for i, b in enumerate(blocks) if b.tag == f"{W}tbl"]
                middle = blocks[tables[0] + 4:tables[-1]]  # after the title and its rule
                anchor = blocks[tables[-1]]
                for _ in range(repeats - 1):
                    for block in middle:
                        anchor.addprevious(copy.deepcopy(block))
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
            target.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def page_count(data: bytes, folder: Path) -> int | None:
    soffice = find_soffice()
    if soffice is None or shutil.which("pdfinfo") is None:
        return None
    source = folder / "count.docx"
    source.write_bytes(data)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300)
    info = subprocess.run(["pdfinfo", str(folder / "count.pdf")], check=True,
                          capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    runs = max(3, int(sys.argv[2]) if len(sys.argv) > 2 else 15)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        repeats, counted = REPEATS_FOR_20_PAGES * pages // 20 or 1, None
        if find_soffice() is not None and shutil.which("pdfinfo"):
            repeats = 1
            while True:
                data = longer_plan(repeats)
                counted = page_count(data, folder)
                if counted >= pages:
                    break
                repeats += 1
        data = longer_plan(repeats)
        path = folder / "plan-20.docx"
        path.write_bytes(data)
        result = lint_file(path)
        assert result.clean, result.problems
        command = [sys.executable, "-m", "commsplan"]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        in_process = median_seconds(lambda: lint_file(path), runs)
        whole = median_seconds(lambda: subprocess.run([*command, "lint", str(path)], env=env,
                                                      check=True, capture_output=True), runs)
        floor = median_seconds(lambda: subprocess.run([*command, "--help"], env=env,
                                                      check=True, capture_output=True), runs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    print(f"document: demo plan x{repeats}, {counted or 'about ' + str(pages)} pages, "
          f"{len(data) // 1024} KiB")
    print(f"lint_file (in process), median of {runs}: {in_process * 1000:.0f} ms")
    print(f"`commsplan lint` (new process), median of {runs}: {whole * 1000:.0f} ms")
    print(f"`commsplan --help` (start-up floor), median of {runs}: {floor * 1000:.0f} ms")


if __name__ == "__main__":
    main()
