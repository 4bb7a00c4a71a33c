"""Median time to build the demo plan in process (target ≤ 0.3 s): Book → .docx bytes.

Run: python benchmarks/bench_plan.py
"""

import statistics
import time
from pathlib import Path

from commsplan import open_book
from commsplan.documents.docx_io import docx_bytes
from commsplan.documents.plan import plan_document

DEMO = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
RUNS = 15


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    docx_bytes(plan_document(open_book(str(DEMO))))  # warm up: imports, template parsing
    book = open_book(str(DEMO))
    build = [timed(lambda: docx_bytes(plan_document(book))) for _ in range(RUNS)]
    whole = [timed(lambda: docx_bytes(plan_document(open_book(str(DEMO))))) for _ in range(RUNS)]
    print(f"plan from a read Book → .docx bytes: median {statistics.median(build):.3f} s "
          f"over {RUNS} runs (target ≤ 0.3 s)")
    print(f"read the demo .xlsx + plan → .docx:  median {statistics.median(whole):.3f} s "
          f"over {RUNS} runs")


if __name__ == "__main__":
    main()
