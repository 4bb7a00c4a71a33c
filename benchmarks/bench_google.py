"""Requests per run and the median wall time of `commsplan check` through the fake Sheets server.

The demo workbook's tabs are loaded into the fake (tests/fake_sheets) through the .xlsx reader;
`commsplan check` runs as a separate process reaching it through COMMSPLAN_SHEETS_API, with a
service-account key whose token exchange also goes to the fake. Run from the repository root:

    python benchmarks/bench_google.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fake_sheets.fixtures import SERVICE_ACCOUNT_EMAIL, _private_key_pem  # noqa: E402
from tests.fake_sheets.server import FakeSheets  # noqa: E402

DEMO = ROOT / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
RUNS = 15


def key_file(folder: Path, token_uri: str) -> Path:
    path = folder / "service-account.json"
    path.write_text(json.dumps({
        "type": "service_account", "project_id": "bench", "private_key_id": "0" * 40,
        "private_key": _private_key_pem(), "client_email": SERVICE_ACCOUNT_EMAIL,
        "client_id": "1", "token_uri": token_uri}))
    return path


def load_demo(fake: FakeSheets, rename: dict[str, str] | None = None) -> str:
    from commsplan.sources.workbook import read_workbook

    raw = read_workbook(DEMO)
    names = rename or {}
    return fake.add_spreadsheet("demo", {names.get(t.name, t.name): t.rows for t in raw.tables},
                                locale="vi_VN")


def commsplan(*args: str, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "commsplan", *args], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def kinds(fake: FakeSheets) -> str:
    counted: dict[str, int] = {}
    for call in fake.requests:
        counted[call.kind] = counted.get(call.kind, 0) + 1
    return ", ".join(f"{kind} {n}" for kind, n in counted.items()) or "none"


def main() -> None:
    with FakeSheets() as fake, tempfile.TemporaryDirectory() as folder:
        key = key_file(Path(folder), fake.token_uri)
        env = {**os.environ, "COMMSPLAN_SHEETS_API": fake.url,
               "XDG_CONFIG_HOME": str(Path(folder) / "config")}
        env.pop("GOOGLE_APPLICATION_CREDENTIALS", None)
        demo = load_demo(fake)
        auth = ("--credentials", str(key))

        print("Requests per run (through the fake):")
        fake.requests.clear()
        commsplan("check", demo, *auth, env=env)
        print(f"  {'check (demo):':<28}{kinds(fake)}")
        aliased = load_demo(fake, rename={"Nhật ký": "Nhat ky hoat dong"})
        fake.requests.clear()
        commsplan("check", aliased, *auth, env=env)
        print(f"  {'check (a tab by alias):':<28}{kinds(fake)}")
        fake.requests.clear()
        commsplan("check", demo, "--write-back", *auth, env=env)
        print(f"  {'check --write-back:':<28}{kinds(fake)}  (first time: creates 'Kiểm tra')")
        fake.requests.clear()
        commsplan("check", demo, "--write-back", *auth, env=env)
        print(f"  {'check --write-back:':<28}{kinds(fake)}  (again)")
        blank = fake.add_spreadsheet("blank")
        for sheet, label in ((blank, "blank sheet"), (demo, "demo data")):
            for run in ("first", "second"):
                fake.requests.clear()
                commsplan("init", sheet, *auth, env=env)
                name = f"init ({label}, {run}):"
                print(f"  {name:<28}{kinds(fake)}")

        google = [commsplan("check", demo, *auth, env=env) for _ in range(RUNS)]
        local = [commsplan("check", str(DEMO), env=env) for _ in range(RUNS)]
        print("commsplan check, demo data through the fake: "
              f"median {statistics.median(google):.3f} s "
              f"over {RUNS} runs (min {min(google):.3f}, max {max(google):.3f})")
        print("commsplan check, the demo .xlsx:              "
              f"median {statistics.median(local):.3f} s "
              f"over {RUNS} runs")


if __name__ == "__main__":
    main()
