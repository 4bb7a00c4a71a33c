"""How fast the checks are on a 100,000-row register, against pandera and frictionless, and end
to end.

    python benchmarks/bench_checks.py [--rows 100000] [--runs 3] [--keep DIR] [--clock cpu]
    python benchmarks/bench_checks.py --against OTHER_TREE [--runs 5] [--clock cpu]

With --against (another checkout of commsplan, e.g. a `git worktree` of an older commit):
the checks of this tree and of that one on the same .xlsx, one timed run per process after
one to warm up, the trees in alternation, best of --runs each, and their ratio; nothing else.
Otherwise prints, each as the median of --runs runs:
  1. in process, on the rows as read from the .xlsx: the Book build (parse and type every
     cell), the checks alone, and both;
  2. pandera on the same register and the same constraints (types, required, allowed values,
     every failure collected), like for like, each side doing the same work on the same input:
       - from the same rows in memory (the cells as calamine gave them): a DataFrame of them,
         empty text as missing, + validate, against the Book build + checks;
       - from the same .xlsx file: parse + type + check on both sides, pandas.read_excel with
         calamine (the reader commsplan uses) of the register tab + validate, against
         read_workbook + Book build + checks;
     and, not like for like, pandera from a CSV of the register (read_csv + validate, what
     pandera users do; commsplan reads no CSV). From the rows, commsplan is timed twice:
     the Book build + the checks of pandera's constraints only (like for like), and + every
     check. The target: the Book build + checks ≤ 0.3 s and ahead of pandera like for like;
  3. frictionless.validate on the same rows (a CSV with a Schema: the same columns, types,
     required and allowed-value constraints), and the ratio to (1);
  4. `commsplan check REGISTER.xlsx --json` end to end in a subprocess (target ≤ 4 s).
Then where the time of the Book build and the checks goes (cProfile, top functions).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from commsplan.book import build_book  # noqa: E402
from commsplan.checks.run import run_checks  # noqa: E402
from commsplan.sheet_writers.workbook import workbook_bytes  # noqa: E402
from commsplan.sources.workbook import read_workbook  # noqa: E402
from tests.test_checks_corpus import base_data  # noqa: E402

AS_OF = dt.date(2024, 12, 31)
TYPES = ["Tin bài", "Ảnh", "Video", "Phóng sự", "Khác"]
AUTHORS = ["Lò Thị Hương", "Quàng Văn Minh", "Nguyễn Thị Hoa", "Vừ A Sình", "Lường Văn Hùng"]


def register(rows: int, seed: int = 2024) -> tuple[dict, list[list]]:
    """The base workbook's tabs with a register of `rows` rows over 2024 (0.1 % with typos)."""
    rng = random.Random(seed)
    data = base_data()
    topics = [t[1] for t in data["topics"]]
    units = [u[0] for u in data["units"]]
    channels = [c[0] for c in data["channels"]]
    start = dt.date(2024, 1, 1)
    activities = []
    for n in range(rows):
        day = start + dt.timedelta(days=rng.randrange(366))
        activities.append([
            day, rng.choice(topics), rng.choice(TYPES),
            f"Hoạt động số {n} của nhà trường", rng.choice(AUTHORS), rng.choice(units),
            rng.choice(channels), f"https://thmm2.edu.vn/tin/{n}", None,
        ])
    for n in rng.sample(range(rows), rows // 1000):  # what staff really leave behind
        activities[n][rng.choice([1, 2, 6])] += rng.choice([" ", "x"])
    data["activities"] = activities
    return data, activities


# What the timings read: the wall clock, or this process's CPU time (--clock cpu), steadier
# on a machine shared with other work, where a process waits for a core.
CLOCK = [time.perf_counter]


def median_time(function, runs: int, clock=None) -> tuple[float, object]:
    clock = clock or CLOCK[0]
    times, result = [], None
    for _ in range(runs):
        began = clock()
        result = function()
        times.append(clock() - began)
    return statistics.median(times), result


COLUMNS = ["date", "topic", "type", "title", "author", "unit", "channel", "link", "notes"]


def write_csv(activities: list[list], folder: Path) -> Path:
    """The register as a CSV, dates written as the sheet shows them (dd/mm/yyyy)."""
    path = folder / "register.csv"
    if not path.exists():
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row in activities:
                writer.writerow([row[0].strftime("%d/%m/%Y"), *row[1:8], row[8] or ""])
    return path


def pandera_validators(data: dict, activities: list[list], rows: list[list], folder: Path,
                       xlsx: Path, tab: str):
    """pandera doing what the Book build + checks do on the register: type (the dates; a
    value that is no date is an error), then the required and allowed-value checks, every
    failure collected (lazy). Three callables, each returning the failure count: from the
    rows as the source gave them (DataFrame + validate), from the .xlsx (the register tab,
    read_excel with calamine + validate), from a CSV of the register (read_csv + validate)."""
    import pandas as pd
    import pandera.errors
    import pandera.pandas as pa
    from pandera.engines import pandas_engine

    def text(required: bool, allowed=None) -> pa.Column:
        checks = [pa.Check.isin(list(allowed))] if allowed else []
        return pa.Column(str, checks=checks, nullable=not required)

    def schema(dates: pa.Column) -> pa.DataFrameSchema:
        return pa.DataFrameSchema({
            "date": dates,
            "topic": text(True, [t[1] for t in data["topics"]]),
            "type": text(True, TYPES),
            "title": text(True),
            "author": text(True),
            "unit": text(False, [u[0] for u in data["units"]]),
            "channel": text(True, [c[0] for c in data["channels"]]),
            "link": text(False),
            "notes": text(False),
        })

    as_read = schema(pa.Column(pandas_engine.DateTime(), nullable=False, coerce=True))
    as_written = schema(pa.Column(pandas_engine.DateTime(
        to_datetime_kwargs={"format": "%d/%m/%Y"}), nullable=False, coerce=True))
    path = write_csv(activities, folder)

    def failures(frame, against) -> int:
        try:
            against.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as errors:
            return len(errors.failure_cases)
        return 0

    def from_rows() -> int:
        return failures(pd.DataFrame(rows, columns=COLUMNS).replace("", None), as_read)

    def from_xlsx() -> int:
        frame = pd.read_excel(xlsx, sheet_name=tab, engine="calamine", dtype=object)
        frame.columns = COLUMNS
        return failures(frame, as_read)

    def from_csv() -> int:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        return failures(frame, as_written)

    return from_rows, from_xlsx, from_csv


def same_constraints(raw) -> int:
    """The Book build and the register checks of pandera's constraints only (required,
    allowed values, references): how many findings, reading ones included."""
    from commsplan.checks.rows import allowed_values, references, required_values

    book = build_book(raw)
    table = book["activities"]
    return len(book.findings) + sum(len(list(rule(book, table)))
                                    for rule in (required_values, allowed_values, references))


def frictionless_resource(data: dict, activities: list[list], folder: Path):
    """The register as a CSV with a Schema of the same columns, types and constraints."""
    from frictionless import Resource, Schema, fields

    path = write_csv(activities, folder)

    def constraints(required: bool, allowed=None) -> dict:
        found = {"required": required}
        if allowed:
            found["enum"] = list(allowed)
        return found

    schema = Schema(fields=[
        fields.DateField(name="date", format="%d/%m/%Y", constraints=constraints(True)),
        fields.StringField(name="topic",
                           constraints=constraints(True, [t[1] for t in data["topics"]])),
        fields.StringField(name="type", constraints=constraints(True, TYPES)),
        fields.StringField(name="title", constraints=constraints(True)),
        fields.StringField(name="author", constraints=constraints(True)),
        fields.StringField(name="unit",
                           constraints=constraints(False, [u[0] for u in data["units"]])),
        fields.StringField(name="channel",
                           constraints=constraints(True, [c[0] for c in data["channels"]])),
        fields.StringField(name="link", format="uri"),
        fields.StringField(name="notes"),
    ])
    return lambda: Resource(path=path.name, basepath=str(folder), schema=schema)


# One tree's timings, in a process of its own: that tree's commsplan first on the path.
_TIMER = """
import datetime as dt, json, sys, time
sys.path.insert(0, sys.argv[1])
from commsplan.book import build_book
from commsplan.checks.run import run_checks
from commsplan.sources.workbook import read_workbook
raw = read_workbook(sys.argv[2])
as_of = dt.date.fromisoformat(sys.argv[3])
clock = getattr(time, sys.argv[4])
checks, both = [], []
for _ in range(2):  # the first run warms up (imports, caches); the second is timed
    began = clock()
    book = build_book(raw)
    built = clock()
    run_checks(book, as_of, today=as_of)
    done = clock()
    checks.append(done - built)
    both.append(done - began)
print(json.dumps({"checks": checks[-1], "both": both[-1]}))
"""


def compare(xlsx: Path, other: Path, runs: int) -> None:
    """This tree against another on the same workbook: best of `runs` each, alternating."""
    import json
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    trees = {"this tree": REPO, f"{other}": other.resolve()}
    best = {name: {"checks": float("inf"), "both": float("inf")} for name in trees}
    for _ in range(runs):  # alternating, so drift on a shared machine hits both trees
        for name, tree in trees.items():
            done = subprocess.run([sys.executable, "-c", _TIMER, str(tree), str(xlsx),
                                   AS_OF.isoformat(), CLOCK[0].__name__],
                                  capture_output=True, text=True,
                                  env=env, check=True)
            times = json.loads(done.stdout)
            for key in ("checks", "both"):
                best[name][key] = min(best[name][key], times[key])
    this, that = best["this tree"], best[f"{other}"]
    print(f"Best of {runs} runs each, same .xlsx:")
    for name, times in best.items():
        print(f"  {name:40} checks {times['checks']:7.3f} s   book + checks "
              f"{times['both']:7.3f} s")
    print(f"  ratio this/other: checks {this['checks'] / that['checks']:5.3f}   book + checks "
          f"{this['both'] / that['both']:5.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--against", type=Path, metavar="OTHER_TREE",
                        help="compare the checks with another checkout's, nothing else")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="time by the wall clock (default) or by the process's CPU time")
    args = parser.parse_args()
    CLOCK[0] = time.process_time if args.clock == "cpu" else time.perf_counter
    print(f"Timed by {'CPU time' if args.clock == 'cpu' else 'the wall clock'}.")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-checks-"))
    folder.mkdir(parents=True, exist_ok=True)

    print(f"Generating a register of {args.rows:,} rows…", flush=True)
    data, activities = register(args.rows)
    xlsx = folder / "register.xlsx"
    xlsx.write_bytes(workbook_bytes(data))
    if args.against:
        compare(xlsx, args.against, args.runs)
        return
    raw = read_workbook(io.BytesIO(xlsx.read_bytes()))
    print(f"  {xlsx} ({xlsx.stat().st_size / 1e6:.1f} MB)\n")

    book_time, book = median_time(lambda: build_book(raw), args.runs)
    checks_time, report = median_time(lambda: run_checks(book, AS_OF, today=AS_OF), args.runs)
    both_time, _ = median_time(lambda: run_checks(build_book(raw), AS_OF, today=AS_OF), args.runs)
    print(f"In process (median of {args.runs}), {len(report.findings):,} findings:")
    print(f"  Book build (parse and type):   {book_time:7.3f} s")
    print(f"  checks alone:                  {checks_time:7.3f} s")
    print(f"  Book build + checks:           {both_time:7.3f} s")

    register_tab = next(t for t in raw.tables if len(t.rows) > args.rows)
    from_rows, from_xlsx, from_csv = pandera_validators(
        data, activities, register_tab.rows[1:], folder, xlsx, register_tab.name)
    from_csv()  # imports pandera and warms it up before timing
    rows_time, rows_failures = median_time(from_rows, args.runs)
    xlsx_time, xlsx_failures = median_time(from_xlsx, args.runs)
    whole_time, _ = median_time(
        lambda: run_checks(build_book(read_workbook(xlsx)), AS_OF, today=AS_OF), args.runs)
    csv_time, csv_failures = median_time(from_csv, args.runs)
    print(f"\npandera, same register and constraints (median of {args.runs}), "
          f"{rows_failures}, {xlsx_failures} and {csv_failures} failure cases:")
    same_time, same_found = median_time(lambda: same_constraints(raw), args.runs)
    print("  like for like, from the same rows in memory (type + check):")
    print(f"    pandera DataFrame + validate:       {rows_time:7.3f} s")
    print(f"    commsplan Book build + the same checks (required, allowed, reference; "
          f"{same_found} findings):")
    print(f"                                        {same_time:7.3f} s   "
          f"ratio commsplan/pandera {same_time / rows_time:5.2f}")
    print(f"    commsplan Book build + every check: {both_time:7.3f} s   "
          f"ratio commsplan/pandera {both_time / rows_time:5.2f}")
    print("  like for like, from the same .xlsx (parse + type + check):")
    print(f"    pandera read_excel (calamine) + validate: {xlsx_time:7.3f} s")
    print(f"    commsplan read_workbook + Book + checks:  {whole_time:7.3f} s   "
          f"ratio commsplan/pandera {whole_time / xlsx_time:5.2f}")
    print("  not like for like, pandera from a CSV (pandas' C reader; commsplan reads no CSV):")
    print(f"    pandera read_csv + validate:        {csv_time:7.3f} s   "
          f"Book build + checks / this {both_time / csv_time:5.2f}")
    met = both_time <= 0.3 and same_time < rows_time and whole_time < xlsx_time
    print(f"  target: Book build + checks ≤ 0.3 s and ahead of pandera like for like "
          f"({'met' if met else 'not met'} in this run)")

    from frictionless import validate  # noqa: F401  (imported before timing)

    make_resource = frictionless_resource(data, activities, folder)
    friction_time, friction_report = median_time(lambda: make_resource().validate(), args.runs)
    errors = friction_report.stats.get("errors") if hasattr(friction_report, "stats") else "?"
    print(f"\nfrictionless.validate, same rows and constraints (median of {args.runs}), "
          f"{errors} errors:")
    print(f"  frictionless:                  {friction_time:7.3f} s")
    print(f"  ratio, checks alone:           {friction_time / checks_time:7.1f}× faster")
    print(f"  ratio, Book build + checks:    {friction_time / both_time:7.1f}× faster")

    command = [sys.executable, "-m", "commsplan", "check", str(xlsx), "--as-of",
               AS_OF.strftime("%d/%m/%Y"), "--json"]
    wall = time.perf_counter  # a child process: its time is the parent's wait
    end_time, _ = median_time(lambda: subprocess.run(command, capture_output=True), args.runs,
                              wall)
    read_time, _ = median_time(lambda: read_workbook(xlsx), args.runs)
    start_command = [sys.executable, "-c", "import commsplan.book, commsplan.checks.run"]
    start_time, _ = median_time(lambda: subprocess.run(start_command, check=True), args.runs,
                                wall)
    print(f"\n`commsplan check` end to end, .xlsx of {args.rows:,} rows (median of {args.runs}):")
    print(f"  {end_time:7.3f} s (target ≤ 4 s), of which:")
    print(f"    Python start-up and imports  {start_time:7.3f} s")
    print(f"    reading the .xlsx (calamine) {read_time:7.3f} s")
    print(f"    Book build + checks          {both_time:7.3f} s (above); the rest is output")

    print("\nWhere the in-process time goes (cumulative, top 12):")
    profile = cProfile.Profile()
    profile.enable()
    run_checks(build_book(raw), AS_OF, today=AS_OF)
    profile.disable()
    stats = io.StringIO()
    pstats.Stats(profile, stream=stats).sort_stats("cumulative").print_stats(
        r"commsplan", 12)
    print("\n".join(line for line in stats.getvalue().splitlines()
                    if "commsplan" in line or "cumtime" in line))
    if not args.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
