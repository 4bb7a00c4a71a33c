"""Median wall time of `commsplan --help` (target ≤ 0.2 s), and `import pandas` for scale."""

import statistics
import subprocess
import sys
import time

RUNS = 15


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    help_time = median_seconds([sys.executable, "-m", "commsplan", "--help"])
    bare = median_seconds([sys.executable, "-c", "pass"])
    pandas_time = median_seconds([sys.executable, "-c", "import pandas"])
    print(f"python -c pass:          median {bare:.3f} s over {RUNS} runs")
    print(f"commsplan --help:        median {help_time:.3f} s over {RUNS} runs (target ≤ 0.2 s)")
    print(f"python -c 'import pandas': median {pandas_time:.3f} s over {RUNS} runs")


if __name__ == "__main__":
    main()
