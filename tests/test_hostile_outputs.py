"""Hostile outputs: what careless users, an edited sheet, other runs and a slow LibreOffice do to
the files commsplan writes. A corpus of folders prepared to go wrong, one command each, asserting
the exit code, the message, and that no file outside the output was touched; then the races
between runs and the LibreOffice process tests.

Cases that would hang or eat memory before the fix run in a child process with a time limit and
a memory limit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from commsplan.cli import main
from commsplan.errors import OutputError
from commsplan.outputs import convert_to_pdf, find_soffice
from commsplan.sheet_writers.workbook import workbook_bytes
from tests.plan_workbooks import OTHER_SCHOOL

PLAN = "KH-truyen-thong-2025.docx"
ESCAPE = "2024/../../Documents/ho-so"  # "Năm kế hoạch" as an attacker types it
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def school(number: int | None = 7, **fields) -> bytes:
    """The second school's workbook; issued (number and date) unless number is None."""
    values = {"Số kế hoạch": number, "Ngày ban hành": dt.date(2025, 1, 6) if number else None,
              **fields}
    general = [(label, values.get(label, value)) for label, value in OTHER_SCHOOL["general"]]
    return workbook_bytes({**OTHER_SCHOOL, "general": general})


def write_config(folder: Path, source: str = "so-lieu.xlsx", output: str = "van-ban", *,
                 reports: tuple[str, ...] = (), pdf: bool = False,
                 allow_errors: bool = False) -> Path:
    config = folder / "commsplan.toml"
    config.write_text(
        f'source = "{source}"\noutput = "{output}"\nreports = {list(reports)!r}\n'
        f'pdf = {str(pdf).lower()}\nallow_errors = {str(allow_errors).lower()}\n'
        'as_of = "15/7/2025"\n'.replace("'", '"'), "utf-8")
    return config


# The corpus ----------------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    prepare: Callable[[Path], None]  # fills the work folder (and what lies around it)
    args: list[str]
    says: str  # in the message
    exit: int = 2
    cwd: str = "."  # where the command runs, inside the work folder
    intact: tuple[str, ...] = ()  # files (from the work folder) whose bytes must not change
    absent: tuple[str, ...] = ()  # files that must not appear
    in_child: bool = False  # hung or ran out of memory before the fix
    never_says: str = "Traceback"


def data(folder: Path, **fields) -> None:
    (folder / "so-lieu.xlsx").write_bytes(school(**fields))


def escaping(folder: Path) -> None:
    """The plan period leads out of the output folder, onto a file of the school's."""
    data(folder, number=None, **{"Năm kế hoạch": ESCAPE})
    write_config(folder, allow_errors=True)
    (folder / "van-ban").mkdir()
    (folder / "Documents").mkdir()
    (folder / "Documents" / "ho-so.docx").write_bytes(b"the school's own file")


def hard_link_to_data(folder: Path) -> None:
    data(folder)
    os.link(folder / "so-lieu.xlsx", folder / "ban-sao.docx")


def fifo_named_like(name: str, reports: tuple[str, ...] = ()) -> Callable[[Path], None]:
    def prepare(folder: Path) -> None:
        data(folder)
        write_config(folder, reports=reports)
        (folder / "van-ban").mkdir()
        os.mkfifo(folder / "van-ban" / name)
    return prepare


def link_to_dev_zero(folder: Path) -> None:
    data(folder)
    write_config(folder)
    (folder / "van-ban").mkdir()
    (folder / "van-ban" / PLAN).symlink_to("/dev/zero")


def folder_named(folder: Path) -> None:
    data(folder)
    (folder / "van-ban").mkdir()


CASES = [
    # 3: a file name from the sheet never leads out of the output folder
    Case("plan-period-escapes-plan", escaping, ["plan", "../so-lieu.xlsx", "--allow-errors",
         "--force"], says="Đã tạo KH-truyen-thong-2024.docx", exit=0, cwd="van-ban",
         intact=("Documents/ho-so.docx",), absent=("Documents/ho-so-2.docx",)),
    Case("plan-period-escapes-generate", escaping, ["generate"], exit=0,
         says="Đã tạo van-ban/KH-truyen-thong-2024.docx",
         intact=("Documents/ho-so.docx",), absent=("Documents/ho-so-2.docx",)),
    # 4: the output is the input, --force or not
    Case("output-is-the-workbook", data, ["plan", "so-lieu.xlsx", "-o", "so-lieu.xlsx",
         "--force"], says="phải có đuôi .docx", intact=("so-lieu.xlsx",)),
    Case("output-is-a-link-to-the-workbook", hard_link_to_data,
         ["plan", "so-lieu.xlsx", "-o", "ban-sao.docx", "--force"],
         says="là chính tệp dữ liệu đang đọc", intact=("so-lieu.xlsx",)),
    Case("report-output-is-the-workbook", data, ["report", "so-lieu.xlsx", "--period",
         "2025-01", "-o", "so-lieu.xlsx", "--force"], says="phải có đuôi .docx",
         intact=("so-lieu.xlsx",)),
    Case("template-over-the-workbook", data, ["template", "so-lieu.xlsx", "--force"],
         says="là bảng tính đang có dữ liệu", intact=("so-lieu.xlsx",)),
    # 8: output paths
    Case("output-name-over-255-bytes", data,
         ["plan", "so-lieu.xlsx", "-o", "kế-hoạch-" * 30 + ".docx"], says="quá dài"),
    Case("fifo-named-like-the-plan", fifo_named_like(PLAN), ["generate"],
         says="không phải một tệp bình thường", in_child=True),
    Case("fifo-named-like-a-report", fifo_named_like("BC-truyen-thong-2025-01.docx", ("2025-01",)),
         ["generate"], says="không phải một tệp bình thường", in_child=True),
    Case("link-to-dev-zero-named-like-the-plan", link_to_dev_zero, ["generate"],
         says="không phải một tệp bình thường", in_child=True),
    # 18: what -o is
    Case("output-names-a-folder", folder_named, ["plan", "so-lieu.xlsx", "-o", "van-ban"],
         says="'van-ban' là một thư mục", never_says="--force"),
    Case("output-names-the-pdf", data, ["plan", "so-lieu.xlsx", "-o", "KH.pdf", "--pdf"],
         says="-o là tên tệp .docx", absent=("KH.pdf", "KH.docx")),
]


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def run_commsplan(args: list[str], cwd: Path, *, env: dict | None = None,
                  timeout: float = 60) -> subprocess.CompletedProcess:
    """commsplan in a child process, bounded in time and memory."""
    env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "commsplan", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_limit_memory)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hostile_output(case, tmp_path, monkeypatch, capsys):
    case.prepare(tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in case.intact}
    cwd = tmp_path / case.cwd
    if case.in_child:
        done = run_commsplan(case.args, cwd, timeout=30)
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        monkeypatch.chdir(cwd)
        code = main(case.args)
        out, err = capsys.readouterr()
    assert code == case.exit, out + err
    assert case.says in out + err
    assert case.never_says not in out + err
    for name, content in before.items():
        assert (tmp_path / name).read_bytes() == content, name
    for name in case.absent:
        assert not (tmp_path / name).exists(), name


def test_an_escaping_plan_period_names_the_file_from_its_digits(tmp_path, monkeypatch):
    escaping(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Documents", "commsplan.toml", "so-lieu.xlsx", "van-ban"]
    assert [p.name for p in (tmp_path / "van-ban").iterdir()] == ["KH-truyen-thong-2024.docx"]


# 1: issued documents under changes and races ----------------------------------------------

def test_three_runs_on_changed_data_leave_one_new_copy(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    data(tmp_path)
    write_config(tmp_path)
    assert main(["generate"]) == 0
    issued = (tmp_path / "van-ban" / PLAN).read_bytes()
    data(tmp_path, **{"Trích yếu": "Công tác truyền thông năm 2025 (bổ sung)"})
    for _ in range(3):
        assert main(["generate"]) == 0
    assert sorted(p.name for p in (tmp_path / "van-ban").iterdir()) == [
        "KH-truyen-thong-2025-2.docx", PLAN]
    assert (tmp_path / "van-ban" / PLAN).read_bytes() == issued
    out = capsys.readouterr().out
    assert "giữ nguyên" in out and "Không đổi: van-ban/KH-truyen-thong-2025-2.docx" in out


WORKERS, ROUNDS = 5, 20


def _generate_in_rounds(worker: int, folder: str, barrier, results) -> None:
    """One of the concurrent processes: its own data (plan number worker + 1); each round it
    starts generate together with the others."""
    own = Path(folder) / f"truong-{worker}"
    own.mkdir()
    (own / "so-lieu.xlsx").write_bytes(school(worker + 1))
    write_config(own, output="../van-ban")
    for _ in range(ROUNDS):
        barrier.wait(timeout=300)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["generate", "--config", str(own / "commsplan.toml")])
        results.put((worker + 1, code, out.getvalue()))


def plan_number(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return int(re.search(r"Số: 0*(\d+)/KH", xml).group(1))


def test_concurrent_runs_never_lose_an_issued_plan(tmp_path):
    """20 rounds of 5 processes, each with its own data, generating into one folder at once:
    each round most find another's plan newest, so they all make a new copy at the same time."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    workers = [context.Process(target=_generate_in_rounds,
                               args=(w, str(tmp_path), barrier, results)) for w in range(WORKERS)]
    for worker in workers:
        worker.start()
    runs = [results.get(timeout=600) for _ in range(WORKERS * ROUNDS)]
    for worker in workers:
        worker.join(timeout=60)
    written = {}
    for number, code, said in runs:
        if code != 0:
            continue  # told below, after what the others wrote
        done = re.search(r"(Đã tạo|Không đổi):? \S*?(KH-truyen-thong-2025(?:-\d+)?\.docx)", said)
        name = done.group(2)
        if done.group(1) == "Đã tạo":
            assert name not in written, f"plans {written.get(name)} and {number} both in {name}"
            written[name] = number
        assert plan_number(tmp_path / "van-ban" / name) == number  # still holds what it said
    files = {p.name: plan_number(p) for p in (tmp_path / "van-ban").iterdir()}
    assert files == written  # every plan written is there, as written, and nothing else
    failed = [said for _, code, said in runs if code != 0]
    assert not failed, failed[:3]
    assert len(written) > 2 * ROUNDS  # the runs did race: most made a new copy


# 13: a failed PDF step leaves no stale PDF, and says so by its exit code ------------------

def fake_soffice(folder: Path, script: str) -> Path:
    """A folder holding an executable `soffice` with the given body, to put first on PATH."""
    folder.mkdir(exist_ok=True)
    (folder / "soffice").write_text("#!/bin/bash\n" + script, "utf-8")
    (folder / "soffice").chmod(0o755)
    return folder


BROKEN = 'echo "Error: source file could not be loaded" >&2\nexit 1\n'


def test_a_failed_pdf_step_leaves_no_pdf_of_last_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    bin_ = fake_soffice(tmp_path / "bin", BROKEN)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    data(tmp_path, number=None)  # a draft: rewritten when the data change
    write_config(tmp_path, pdf=True)
    (tmp_path / "van-ban").mkdir()
    stale = tmp_path / "van-ban" / PLAN.replace(".docx", ".pdf")
    stale.write_bytes(b"%PDF last run's plan")
    assert main(["generate"]) == 2
    assert "không tạo được PDF" in capsys.readouterr().out
    assert (tmp_path / "van-ban" / PLAN).exists() and not stale.exists()


def test_an_unchanged_document_gets_the_pdf_an_earlier_run_could_not_make(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data(tmp_path)
    write_config(tmp_path, pdf=True)
    made = []
    monkeypatch.setattr("commsplan.outputs.convert_to_pdf", lambda docs: made.append(docs) or [])
    assert main(["generate"]) == 0
    assert main(["generate"]) == 0  # unchanged, and still without its PDF
    assert made == [[Path("van-ban") / PLAN]] * 2


# 9: LibreOffice never outlives the run ------------------------------------------------------

HANGING = """# LibreOffice hanging: a launcher waiting for a long-running soffice.bin, a profile,
# a temporary folder, and a lock file beside each document
for arg in "$@"; do
  case "$arg" in
    -env:UserInstallation=file://*) profile="${arg#-env:UserInstallation=file://}" ;;
    *.docx) touch "$(dirname "$arg")/.~lock.$(basename "$arg")#" ;;
  esac
done
mkdir -p "$profile/user" && touch "$profile/user/registrymodifications.xcu"
mkdir "${TMPDIR:-/tmp}/lu$$.tmp"
bash -c 'exec -a soffice.bin sleep 300' &
echo "$$ $!" > "$FAKE_SOFFICE_PIDS.tmp" && mv "$FAKE_SOFFICE_PIDS.tmp" "$FAKE_SOFFICE_PIDS"
wait
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@dataclass
class Hanging:
    """A folder with a document, a hanging fake LibreOffice first on PATH, a private TMPDIR."""

    root: Path
    env: dict = field(default_factory=dict)

    @property
    def pids(self) -> list[int]:
        marker = self.root / "pids"
        return [int(p) for p in marker.read_text().split()] if marker.exists() else []

    def leftovers(self) -> list[str]:
        """Processes alive, profile folders and lock files left behind."""
        left = [f"process {pid}" for pid in self.pids if alive(pid)]
        left += [p.name for p in (self.root / "tmp").iterdir()]
        left += [p.name for p in self.root.glob("van-ban/.~lock.*")]
        left += [p.name for p in self.root.glob("van-ban/*.pdf")]
        return left

    def wait_started(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.pids:
            assert time.monotonic() < deadline, "the fake LibreOffice never started"
            time.sleep(0.05)

    def kill_all(self) -> None:
        for pid in self.pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def hanging(tmp_path):
    bin_ = fake_soffice(tmp_path / "bin", HANGING)
    (tmp_path / "tmp").mkdir()
    (tmp_path / "van-ban").mkdir()
    (tmp_path / "so-lieu.xlsx").write_bytes(school(number=None))
    setup = Hanging(tmp_path, {"PATH": f"{bin_}{os.pathsep}{os.environ['PATH']}",
                               "TMPDIR": str(tmp_path / "tmp"),
                               "FAKE_SOFFICE_PIDS": str(tmp_path / "pids")})
    yield setup
    setup.kill_all()


@linux_only
def test_a_time_out_ends_all_of_libreoffice(hanging, monkeypatch):
    import tempfile

    for name, value in hanging.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    document = hanging.root / "van-ban" / "kh.docx"
    document.write_bytes(b"not read by the fake")
    with pytest.raises(OutputError) as stopped:
        convert_to_pdf([document], timeout=2)
    assert len(hanging.pids) == 2
    assert hanging.leftovers() == []
    message = stopped.value.message()
    assert "quá lớn" in message and "cửa sổ" not in message


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stopping_the_run_ends_all_of_libreoffice_first(hanging, signum):
    env = {**os.environ, **hanging.env}
    run = subprocess.Popen([sys.executable, "-m", "commsplan", "plan", "so-lieu.xlsx",
                            "-o", "van-ban/kh.docx", "--pdf"], cwd=hanging.root, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        hanging.wait_started()
        run.send_signal(signum)  # to the tool alone, as a scheduler does
        out, err = run.communicate(timeout=30)
    finally:
        run.kill()
    assert run.returncode == 130, err
    assert err.rstrip().endswith("Đã dừng theo yêu cầu.") and "Traceback" not in err
    assert hanging.leftovers() == []
    assert (hanging.root / "van-ban" / "kh.docx").exists()


def libreoffice_processes(marker: str) -> list[int]:
    """Live processes whose command line holds marker (a private TMPDIR)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if marker in (entry / "cmdline").read_text() and alive(int(entry.name)):
                    found.append(int(entry.name))
    return found


@linux_only
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_sigterm_ends_a_real_libreoffice_and_removes_its_profile(tmp_path):
    marker = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    (tmp_path / "so-lieu.xlsx").write_bytes(school(number=None))
    env = {**os.environ, "TMPDIR": marker}
    run = subprocess.Popen([sys.executable, "-m", "commsplan", "plan", "so-lieu.xlsx",
                            "-o", "kh.docx", "--pdf"], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not any(Path(f"/proc/{pid}/comm").read_text().strip() == "soffice.bin"
                      for pid in libreoffice_processes(marker)):
            assert run.poll() is None and time.monotonic() < deadline, "no soffice.bin seen"
            time.sleep(0.05)
        run.send_signal(signal.SIGTERM)
        out, err = run.communicate(timeout=30)
        left = libreoffice_processes(marker)
    finally:
        run.kill()
        for pid in libreoffice_processes(marker):  # whatever the outcome, nothing runs on
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert run.returncode == 130, err
    assert left == []
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not list(tmp_path.glob(".~lock.*")) and not (tmp_path / "kh.pdf").exists()
