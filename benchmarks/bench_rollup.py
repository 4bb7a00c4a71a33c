"""An office's roll-up at scale: 60 schools end to end, 600 schools in process, peak memory.

Run: python benchmarks/bench_rollup.py [schools] [activities] [runs] [--many N] [--google N]

The schools: tests/plan_workbooks.commune_school, numbered 1…schools, each with `activities`
rows over 2019 (seeded: every run times the same data), written as .xlsx into a temporary
folder listed by one rollup.toml. Then:

- end to end: `commsplan rollup rollup.toml --period 2019-Q4` as a child process (the
  interpreter's start, the imports, reading and checking every school, the workbook, the
  Báo cáo), the median of `runs` runs (at least 3), and its peak memory (ru_maxrss);
- in process: `commsplan.rollup.rollup` over N schools (--many, default 600: the 60 files
  listed ten times each, so that every school is still read from its file), in a child
  process that reports its time and peak memory;
- with --google N: N schools as Google Sheets on the test suite's fake Sheets server, which
  answers 429 past a read quota scaled down ten times (60 reads in 6 s: one service account's
  60 a minute), read by `rollup` with the same limit: the reads, the time, the reads the quota
  allowed in that time, and any 429.

The machine's figures are printed with the results: compare ratios measured in one run.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = "15/01/2020"
OFFICE = """
output = "tong-hop"
workers = {workers}
[office]
parent_body = "UBND XÃ MƯỜNG MƯƠN"
name = "PHÒNG VĂN HÓA - XÃ HỘI"
symbol = "VHXH"
place = "Mường Mươn"
signer_title = "TRƯỞNG PHÒNG"
signer_name = "Lò Thị Hoa"
"""
IN_PROCESS = """
import datetime as dt, resource, sys, time
started = time.perf_counter()
from commsplan.rollup import rollup, rollup_outputs
from commsplan.rollup.config import load_rollup_config
config = load_rollup_config(sys.argv[1])
result = rollup(config, "2019-Q4", dt.date(2020, 1, 15))
outputs = rollup_outputs(result, config, "2019-Q4", dt.date(2020, 1, 15))
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(result.figures), len(result.failures), round(seconds, 2), peak, len(outputs.workbook),
      len(outputs.report or b""))
"""


def write_schools(folder: Path, schools: int, activities: int) -> list[Path]:
    from commsplan.sheet_writers.workbook import workbook_bytes
    from tests.plan_workbooks import commune_school

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, schools + 1):
        path = folder / f"truong-{number:03d}.xlsx"
        path.write_bytes(workbook_bytes(commune_school(number, activities=activities)))
        paths.append(path)
    return paths


def config_file(folder: Path, sources: list[Path], workers: int) -> Path:
    path = folder / f"rollup-{len(sources)}.toml"
    entries = "".join(f'\n[[schools]]\nname = "Trường {n + 1}"\nsource = "{source}"\n'
                      for n, source in enumerate(sources))
    path.write_text(OFFICE.format(workers=workers) + entries, "utf-8")
    return path


def end_to_end(config: Path, runs: int) -> tuple[list[float], int]:
    command = [sys.executable, "-m", "commsplan", "rollup", str(config), "--period", "2019-Q4",
               "--as-of", AS_OF]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise SystemExit(f"rollup failed ({done.returncode}): {done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return times, peak


def through_google(count: int, folder: Path, path: Path, workers: int) -> None:
    """`count` schools read from the fake Sheets server under a quota scaled down ten times."""
    import datetime as dt
    import json

    from commsplan.rollup import rollup
    from commsplan.rollup.config import load_rollup_config
    from commsplan.sources.workbook import read_workbook
    from tests.fake_sheets.fixtures import SERVICE_ACCOUNT_EMAIL, _private_key_pem
    from tests.fake_sheets.server import FakeSheets

    reads, window = 60, 6.0
    tabs = {t.name: t.rows for t in read_workbook(path).tables}
    with FakeSheets() as fake:
        ids = [fake.add_spreadsheet(f"Kế hoạch {n + 1}", tabs) for n in range(count)]
        key = folder / "key.json"
        key.write_text(json.dumps({
            "type": "service_account", "project_id": "bench", "private_key_id": "0" * 40,
            "private_key": _private_key_pem(), "client_email": SERVICE_ACCOUNT_EMAIL,
            "client_id": "1", "token_uri": fake.token_uri}), "utf-8")
        config = folder / "google.toml"
        top = (f'credentials = "{key}"\n[quota]\nproject_reads = {reads}\n'
               f"user_reads = {reads}\nwindow_seconds = {window}\n[office]")
        config.write_text(OFFICE.format(workers=workers).replace("[office]", top)
                          + "".join(f'[[schools]]\nname = "Trường {n + 1}"\nsource = "{sid}"\n'
                                    for n, sid in enumerate(ids)), "utf-8")
        fake.set_quota(reads, window)
        os.environ["COMMSPLAN_SHEETS_API"] = fake.url
        started = time.perf_counter()
        result = rollup(load_rollup_config(config), "2019-Q4", dt.date(2020, 1, 15))
        seconds = time.perf_counter() - started
        refused = sum(1 for c in fake.requests if c.status == 429)
        gets = fake.count("spreadsheets.get")
    floor = (count - 1) // reads * window  # the last window's reads may start at once
    print(f"google (fake, quota {reads} reads / {window:g} s), {count} schools: {seconds:.1f} s, "
          f"{gets} reads, {len(result.failures)} failed, {refused} answered 429; the quota "
          f"alone allows it in {floor:.0f} s (the reading and checking are not scaled down)")


def main(argv: list[str]) -> None:
    many, google = 600, 0
    if "--many" in argv:
        at = argv.index("--many")
        many = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    if "--google" in argv:
        at = argv.index("--google")
        google = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    schools = int(argv[0]) if argv else 60
    activities = int(argv[1]) if len(argv) > 1 else 300
    runs = max(3, int(argv[2]) if len(argv) > 2 else 3)
    workers = int(os.environ.get("ROLLUP_WORKERS", "4"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {workers} reading threads")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        started = time.perf_counter()
        paths = write_schools(folder / "truong", schools, activities)
        print(f"wrote {schools} schools × {activities} activities in "
              f"{time.perf_counter() - started:.1f} s "
              f"({sum(p.stat().st_size for p in paths) // 1024} KiB of .xlsx)")
        config = config_file(folder, paths, workers)
        times, peak = end_to_end(config, runs)
        print(f"end to end, {schools} schools: median {statistics.median(times):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)}), peak memory "
              f"{peak / 1024:.0f} MiB")
        if google:
            through_google(google, folder, paths[0], workers)
        many_config = config_file(folder, [paths[n % len(paths)] for n in range(many)], workers)
        done = subprocess.run([sys.executable, "-c", IN_PROCESS, str(many_config)],
                              capture_output=True, text=True, check=True)
        read, failed, seconds, peak, workbook, report = done.stdout.split()
        print(f"in process, {many} schools: {seconds} s ({float(seconds) / many * 1000:.0f} ms "
              f"a school), {read} read, {failed} failed, peak memory {int(peak) / 1024:.0f} MiB; "
              f"workbook {int(workbook) // 1024} KiB, report {int(report) // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
