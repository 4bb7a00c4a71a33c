"""Installing: the README's commands on a stock machine, the wheel, the editable install.

The slow tests make a clean clone of this checkout's HEAD (what a new user gets: uncommitted
changes are not in it), virtual environments with every dependency, and a wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = Path("examples") / "ke-hoach-truyen-thong-2024.xlsx"
SYSTEM_PYTHON = Path("/usr/bin/python3")
TEMPLATES = sorted(p.name for p in (REPO / "templates").iterdir() if p.suffix in (".j2", ".yaml"))
SCHEMA = sorted(p.name for p in (REPO / "sheets_schema").iterdir() if p.suffix == ".yaml")

# What an installed commsplan holds, asked from an empty directory.
PROBE = """
import importlib.resources as resources, json, sys

def importable(name):
    try:
        __import__(name)
        return True
    except ImportError:
        return False

def names(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".j2", ".yaml")))

inside = resources.files("commsplan") / "templates"
json.dump({
    "commsplan": str(resources.files("commsplan")),
    "templates": importable("templates"),
    "sheets_schema": importable("sheets_schema"),
    "package_templates": names(resources.files("commsplan.templates")),
    "package_schema": names(resources.files("commsplan.sheets_schema")),
    "inside_commsplan": names(inside) if inside.is_dir() else None,
}, sys.stdout)
"""


def _run(args, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """args run in cwd, with no stdin (as in CI) and nothing pointing Python at a checkout."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    environment.update(env)
    return subprocess.run([str(a) for a in args], cwd=cwd, env=environment, text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=1500)


def _output(done: subprocess.CompletedProcess) -> str:
    return f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def _probe(python: Path, empty: Path) -> dict:
    empty.mkdir(exist_ok=True)
    done = _run([python, "-c", PROBE], empty)
    assert done.returncode == 0, _output(done)
    return json.loads(done.stdout)


def _plan_from_elsewhere(commsplan: Path, workbook: Path, where: Path) -> Path:
    """`commsplan plan` on the demo workbook, run from a directory of its own."""
    where.mkdir()
    done = _run([commsplan, "plan", workbook, "-o", "ke-hoach.docx"], where)
    assert done.returncode == 0, _output(done)
    from docx import Document

    assert any(p.text == "KẾ HOẠCH" for p in Document(where / "ke-hoach.docx").paragraphs)
    return where / "ke-hoach.docx"


def _system_python_is_externally_managed() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    stdlib = _run([SYSTEM_PYTHON, "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                  REPO).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


# A clean clone, its demo, its editable install -----------------------------------------------

@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clean clone of this checkout's HEAD."""
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True,
                          text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout: nothing to clone")
    target = tmp_path_factory.mktemp("clone") / "commsplan"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(REPO), str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "--quiet", head.stdout.strip()],
                   check=True)
    return target


@pytest.fixture(scope="module")
def demo(clone):
    """The README's first command, twice, with the distribution's Python first on PATH."""
    if not _system_python_is_externally_managed():
        pytest.skip(f"{SYSTEM_PYTHON} is not a distribution's Python that refuses installs "
                    "outside a venv (EXTERNALLY-MANAGED)")
    first = _run(["bash", "scripts/demo.sh"], clone, PATH="/usr/bin:/bin")
    venv_config = clone / ".venv" / "pyvenv.cfg"
    made = os.stat(venv_config) if venv_config.exists() else None
    second = _run(["bash", "scripts/demo.sh"], clone, PATH="/usr/bin:/bin")
    return first, made, second


@pytest.mark.slow
def test_the_demo_command_works_with_a_python_that_refuses_installs_outside_a_venv(clone, demo):
    first, _, _ = demo
    assert first.returncode == 0, _output(first)
    plan = clone / "out" / "demo" / "KH-truyen-thong-2024.docx"
    assert plan.exists(), _output(first)
    from docx import Document

    assert any(p.text == "KẾ HOẠCH" for p in Document(plan).paragraphs)
    venv = (clone / ".venv" / "pyvenv.cfg").read_text()
    assert "home = /usr/bin" in venv and "include-system-site-packages = false" in venv
    # what it relies on: outside a venv this Python refuses to install anything
    refused = _run([SYSTEM_PYTHON, "-m", "pip", "install", "--dry-run", "--no-deps", "pyyaml"],
                   clone, PATH="/usr/bin:/bin")
    assert refused.returncode != 0, _output(refused)


@pytest.mark.slow
def test_the_next_run_reuses_the_venv_and_installs_nothing(clone, demo):
    first, made, second = demo
    assert second.returncode == 0, _output(second)
    assert "Cài đặt commsplan" in first.stdout and "Cài đặt" not in second.stdout
    again = os.stat(clone / ".venv" / "pyvenv.cfg")
    assert (again.st_ino, again.st_mtime_ns) == (made.st_ino, made.st_mtime_ns)


@pytest.mark.slow
def test_the_editable_install_holds_the_data_as_package_resources(clone, demo, tmp_path):
    venv = clone / ".venv"
    _plan_from_elsewhere(venv / "bin" / "commsplan", clone / DEMO, tmp_path / "elsewhere")
    found = _probe(venv / "bin" / "python", tmp_path / "empty")
    assert found["commsplan"] == str(clone / "commsplan")
    assert not found["templates"] and not found["sheets_schema"]
    assert found["package_templates"] == TEMPLATES
    assert found["package_schema"] == SCHEMA


@pytest.mark.slow
def test_ci_runs_the_test_command_in_the_venv_and_exits_with_pytests_status(clone, demo):
    probe = clone / "tests" / "test_status_probe.py"
    probe.write_text(
        "import os\nimport sys\nfrom pathlib import Path\n\n\n"
        "def test_pytest_runs_in_the_checkouts_venv():\n"
        "    assert Path(sys.prefix) == Path(__file__).resolve().parents[1] / '.venv'\n\n\n"
        "def test_the_outcome_the_caller_asked_for():\n"
        "    assert os.environ['OUTCOME'] == 'pass'\n", "utf-8")
    try:
        passed = _run(["bash", ".ci/run", probe], clone, PATH="/usr/bin:/bin", CI="true",
                      OUTCOME="pass")
        failed = _run(["bash", ".ci/run", probe], clone, PATH="/usr/bin:/bin", CI="true",
                      OUTCOME="fail")
    finally:
        probe.unlink()
    assert passed.returncode == 0, _output(passed)
    assert "2 passed" in passed.stdout
    assert failed.returncode == 1, _output(failed)
    assert "1 failed, 1 passed" in failed.stdout


# The wheel ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_wheel_installs_only_commsplan_with_its_data_inside(clone, tmp_path):
    built = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                  tmp_path / "dist", clone], tmp_path)
    assert built.returncode == 0, _output(built)
    [wheel] = (tmp_path / "dist").glob("commsplan-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    dist_info = "-".join(wheel.name.split("-")[:2]) + ".dist-info"  # commsplan-0.1.0.dist-info
    assert {name.split("/")[0] for name in names} == {"commsplan", dist_info}
    tracked = _run(["git", "ls-files", "commsplan", "templates", "sheets_schema"], clone)
    expected = {("" if path.startswith("commsplan/") else "commsplan/") + path
                for path in tracked.stdout.split()}
    assert expected <= names, sorted(expected - names)

    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", venv], tmp_path)
    assert made.returncode == 0, _output(made)
    installed = _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], tmp_path)
    assert installed.returncode == 0, _output(installed)

    _plan_from_elsewhere(venv / "bin" / "commsplan", clone / DEMO, tmp_path / "elsewhere")
    found = _probe(venv / "bin" / "python", tmp_path / "empty")
    assert Path(found["commsplan"]).is_relative_to(venv)
    assert not found["templates"] and not found["sheets_schema"]
    assert found["inside_commsplan"] == found["package_templates"] == TEMPLATES
    assert found["package_schema"] == SCHEMA


# The scripts' Python ------------------------------------------------------------------------

def _fake_bin(tmp_path: Path, **programs: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, text in programs.items():
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    return folder


@pytest.mark.parametrize("script", ["demo.sh", "test.sh", "generate.sh"])
def test_a_python_older_than_3_11_gets_a_message_naming_what_to_install(tmp_path, script):
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO / "scripts", checkout / "scripts")
    fake = _fake_bin(tmp_path, python3=(
        "#!/bin/sh\n# Python 3.9, to whoever asks its version; nothing else works\n"
        'case "$*" in *version_info*) echo 3.9.18 ;; *) echo "asked: $*" >&2; exit 1 ;; esac\n'))
    (fake / "bash").symlink_to(shutil.which("bash"))
    done = _run(["/bin/bash", checkout / "scripts" / script], tmp_path, PATH=str(fake), CI="true")
    assert done.returncode == 2, _output(done)
    assert "commsplan cần Python 3.11 trở lên; máy này chỉ có python3 (Python 3.9.18)" in done.stderr
    assert "sudo apt-get install python3.11 python3.11-venv" in done.stderr
    assert "https://www.python.org/downloads/" in done.stderr
    assert "commsplan needs Python 3.11 or newer" in done.stderr
    assert "asked:" not in done.stderr
    assert not (checkout / ".venv").exists()


def test_the_distributions_python_without_its_venv_package_gets_it_through_apt(tmp_path):
    if not SYSTEM_PYTHON.exists() or _run(
            [SYSTEM_PYTHON, "-c", "import sys; print(sys.base_prefix)"], tmp_path).stdout != "/usr\n":
        pytest.skip(f"no distribution's Python at {SYSTEM_PYTHON}")
    version = _run([SYSTEM_PYTHON, "-c", "import sys; print(*sys.version_info[:2], sep='.')"],
                   tmp_path).stdout.strip()
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO / "scripts", checkout / "scripts")
    state = tmp_path / "state"
    state.mkdir()
    fake = _fake_bin(
        tmp_path,
        # Debian's python3 before python3.X-venv is installed: venv fails, leaving a venv
        # without pip behind
        python3=(
            "#!/bin/bash\n"
            'if [ "$1 $2" = "-m venv" ]; then\n'
            f'    if [ ! -e {state}/venv-package ]; then\n'
            '        mkdir -p "$3/bin"\n'
            '        echo "The virtual environment was not successfully created because ensurepip'
            f' is not available. apt install python{version}-venv"\n'
            "        exit 1\n"
            "    fi\n"
            '    [ -e "$3" ] && { echo "the failed attempt is still there" >&2; exit 3; }\n'
            '    mkdir -p "$3/bin" && exit 0\n'
            "fi\n"
            f'exec {SYSTEM_PYTHON} "$@"\n'),
        **{"apt-get": (f'#!/bin/sh\necho "$*" >> {state}/apt.log\n'
                       f'[ "$1" = install ] && touch {state}/venv-package\nexit 0\n')},
        sudo='#!/bin/sh\nexec "$@"\n',
    )
    done = _run(["/bin/bash", "-c", "source scripts/venv.sh && commsplan_find_python "
                 "&& commsplan_make_venv && echo made with $PYTHON"], checkout,
                PATH=f"{fake}:/usr/bin:/bin")
    assert done.returncode == 0, _output(done)
    assert f"made with {fake / 'python3'}" in done.stdout
    assert f"Cài đặt gói hệ thống: python{version}-venv" in done.stdout
    assert (state / "apt.log").read_text().splitlines() == [
        "update -qq", f"install -y -qq --no-install-recommends python{version}-venv"]
    assert (checkout / ".venv" / "bin").is_dir()
