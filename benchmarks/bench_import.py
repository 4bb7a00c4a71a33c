"""How fast `commsplan import` proposes: a 1,000-item news sitemap (titles given) and a
5,000-row Facebook export, deduplicated against a 100,000-row register (target ≤ 1 s).

    python benchmarks/bench_import.py [--rows 100000] [--sitemap 1000] [--export 5000] [--runs 3]

The register is read once (not timed), as the command does before it reads any post. Timed,
in process, as the median of --runs runs: parsing the sitemap, reading the export (.csv), and
`propose` (canonical links of the register and the posts, channels, types, topic guesses,
likely duplicates). Half the posts are in the register already, under other link forms.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from commsplan.book import build_book  # noqa: E402
from commsplan.checks.rows import plan_of  # noqa: E402
from commsplan.importing import Reading, propose  # noqa: E402
from commsplan.sources import RawTable  # noqa: E402
from commsplan.sources.facebook import read_export  # noqa: E402
from commsplan.sources.feeds import read_feed  # noqa: E402
from commsplan.sources.workbook import read_workbook  # noqa: E402
from tests.fixture_site import news_sitemap  # noqa: E402

DEMO = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
SITE = "https://thmm2.edu.vn"
PAGE = "61550823471616"
WORDS = ["Học sinh", "tham gia", "hội thi", "giáo dục", "thể chất", "chuyển đổi số", "tập huấn",
         "văn hóa đọc", "an toàn giao thông", "Điện Biên Phủ", "khen thưởng", "bán trú"]


def title(rng: random.Random, n: int) -> str:
    return " ".join(rng.sample(WORDS, 4)) + f" ({n})"


def build(rows: int, sitemap: int, export: int, folder: Path, seed: int = 2024):
    """The demo plan with a `rows`-row register; a sitemap and an export, half already in it."""
    rng = random.Random(seed)
    raw = read_workbook(DEMO)
    register = next(t for t in raw.tables if t.name == "Nhật ký")
    header = register.rows[0]
    channels = {"Website trường": SITE + "/", "Fanpage Facebook": None}
    body = []
    for n in range(rows):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
        kind = n % 10
        if kind < 6:
            link, channel = (f"https://www.facebook.com/permalink.php?story_fbid="
                             f"{10**17 + n}&id={PAGE}"), "Fanpage Facebook"
        elif kind < 9:
            link, channel = f"{SITE}/index.php?nv=news&op=tin-tuc/bai-{n}.html", "Website trường"
        else:
            link, channel = (f"https://www.facebook.com/TruongTH/posts/pfbid0{n:x}Zq",
                             "Fanpage Facebook")
        body.append([day, "Truyền thông chính sách", "Tin bài", title(rng, n), "Nguyễn Thị Hoa",
                     "Ban giám hiệu", channel, link, None])
    raw.tables[raw.tables.index(register)] = RawTable("Nhật ký", [header] + body)
    kênh = next(t for t in raw.tables if t.name == "Kênh")
    for row in kênh.rows[1:]:
        if row and row[0] in channels and channels[row[0]]:
            row[2] = channels[row[0]]
    book = build_book(raw)

    items = []
    for i in range(sitemap):
        n = rng.randrange(rows) if i % 2 else rows + i  # half known, half new
        items.append({"link": f"http://www.{SITE[8:]}/index.php?op=tin-tuc/bai-{n}.html&nv=news"
                              f"&utm_source=zalo",
                      "date": f"2024-{1 + i % 12:02d}-15T08:00:00+07:00",
                      "title": title(rng, n)})
    sitemap_bytes = news_sitemap(items).encode("utf-8")

    export_path = folder / "bai-viet.csv"
    with export_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID bài viết", "ID Trang", "Tiêu đề", "Mô tả", "Thời gian đăng",
                         "Liên kết cố định", "Loại bài viết", "Lượt xem",
                         "Cảm xúc, bình luận và lượt chia sẻ"])
        for i in range(export):
            n = rng.randrange(rows) if i % 2 else rows + sitemap + i
            day = dt.date(2024, 1, 1) + dt.timedelta(days=i % 366)
            writer.writerow([f"{PAGE}_{10**17 + n}", PAGE, "", title(rng, n),
                             day.strftime("%d/%m/%Y 09:00"),
                             f"https://www.facebook.com/{PAGE}/posts/{10**17 + n}",
                             rng.choice(["Ảnh", "Video", "Trạng thái"]), rng.randrange(5000),
                             rng.randrange(300)])
    return book, sitemap_bytes, export_path


def once(book, sitemap_bytes: bytes, export_path: Path, plan) -> tuple[dict, object]:
    times = {}
    cpu = time.process_time()
    start = time.perf_counter()
    feed = read_feed(sitemap_bytes, "sitemap.xml")
    times["sitemap"] = time.perf_counter() - start
    mark = time.perf_counter()
    posts = read_export(export_path)
    times["export"] = time.perf_counter() - mark
    mark = time.perf_counter()
    result = propose(book, Reading(feed.posts + posts), plan=plan)
    times["propose"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    times["cpu"] = time.process_time() - cpu
    return times, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sitemap", type=int, default=1000)
    parser.add_argument("--export", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        book, sitemap_bytes, export_path = build(args.rows, args.sitemap, args.export,
                                                 Path(folder))
        plan = plan_of(book)
        runs = [once(book, sitemap_bytes, export_path, plan) for _ in range(args.runs)]
    result = runs[-1][1]
    print(f"register {args.rows:,} rows; sitemap {args.sitemap:,} items; export "
          f"{args.export:,} rows; {args.runs} runs (median)")
    for key in ("sitemap", "export", "propose", "total"):
        print(f"  {key:8} {statistics.median(r[0][key] for r in runs):6.3f} s (wall clock)")
    # on a shared machine the wall clock counts other programs' turns; CPU time does not
    print(f"  {'cpu':8} {statistics.median(r[0]['cpu'] for r in runs):6.3f} s (this process's "
          "CPU time for the total)")
    print(f"  proposed {len(result.proposals):,}, already known {result.already_known:,}, "
          f"likely duplicates {result.likely_duplicates:,}")
    total = statistics.median(r[0]["total"] for r in runs)
    cpu = statistics.median(r[0]["cpu"] for r in runs)
    print(f"  target ≤ 1 s: {'met' if total <= 1 else 'NOT met'} by the wall clock, "
          f"{'met' if cpu <= 1 else 'NOT met'} in CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
