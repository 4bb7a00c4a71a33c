"""Writing outputs, one policy for every command (the README says it to users):

- the same bytes are never written twice: an output that already holds them is left alone;
- a draft is replaced atomically (a temporary file, then a rename); an existing, different
  file only when asked (`--force`; `generate` always refreshes its drafts);
- an issued document (number and date filled in) is never replaced: it is compared with its
  newest copy (`name.docx`, `name-2.docx`, …) and only when it differs is a new copy made,
  created exclusively (a hard link from the temporary file, or `O_EXCL` where the file system
  has no links), taking the next number when another run took that one first;
- an output stays in its folder, is never the input, and is never a folder, a link or a
  device: such a name is refused, and never read.

PDFs come from LibreOffice, run in a process group of its own with a private profile, so a
time-out, Ctrl+C or SIGTERM ends all of it and leaves nothing behind.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from commsplan.errors import OutputError

MAX_NAME_BYTES = 255  # the longest file name Linux, macOS and Windows file systems take
MAX_COPIES = 999  # name-2 … name-999; a four-digit tail is a year (KH-truyen-thong-2024-2025)
_DATA_NAME = re.compile(r"[^\W_](?:[^\W_]|-)*\.[a-z]+")  # letters, digits and '-'; a suffix
_COPY_TAIL = r"(?:-([2-9]|[1-9][0-9]{1,2}))?"


@dataclass(frozen=True)
class Saved:
    """Where an output went, and whether this run wrote it."""

    path: Path
    changed: bool  # False: the file already held these bytes
    kept: Path | None = None  # the issued document left as it was beside this new copy


def named(folder: str | os.PathLike, name: str) -> Path:
    """folder/name for a name made from the data; refuse any other character than letters,
    digits and '-', so that no value typed in the sheet can lead the file elsewhere."""
    if not _DATA_NAME.fullmatch(name):
        raise OutputError("output-bad-name", name=name)
    return Path(folder) / name


def check_name(path: str | os.PathLike, suffix: str) -> None:
    """Refuse, before any work, an output name the user typed that cannot be one: a folder, or
    a name without the suffix its content needs."""
    path = Path(path)
    if path.name in ("", ".", "..") or os.path.isdir(path):
        raise OutputError("output-is-folder", path=str(path))
    _check_length(path)
    if path.suffix.lower() == suffix:
        return
    example = path.with_suffix(suffix).name
    if path.suffix.lower() == ".pdf" and suffix == ".docx":
        raise OutputError("output-pdf-name", path=str(path), example=example,
                          pdf=Path(example).with_suffix(".pdf").name)
    raise OutputError("output-wrong-suffix", path=str(path), suffix=suffix, example=example)


def existing(path: str | os.PathLike) -> bool:
    """Whether an output path already holds a file; a folder, link or device is refused."""
    path = Path(path)
    try:
        return _kind(path) is not None
    except OSError as exc:
        raise _failed(path, exc) from None


def save(path: str | os.PathLike, data: bytes, *, issued: bool = False, replace: bool = False,
         inputs: Iterable[str | os.PathLike | None] = ()) -> Saved:
    """Write one output by the policy above; inputs are the files the output must not be."""
    path = Path(path)
    try:
        _check_target(path, inputs)
        path.parent.mkdir(parents=True, exist_ok=True)
        return _save_issued(path, data) if issued else _save_draft(path, data, replace)
    except OSError as exc:
        raise _failed(path, exc) from None


def _check_target(path: Path, inputs) -> None:
    _check_length(path)
    if path.name in ("", ".", "..") or _kind(path) == "folder":
        raise OutputError("output-is-folder", path=str(path))
    if path.resolve().parent != path.parent.resolve():
        raise OutputError("output-bad-name", name=path.name)
    for source in inputs:
        if source and os.path.isfile(source) and os.path.lexists(path) \
                and os.path.samefile(source, path):
            raise OutputError("output-is-input", path=str(path))


def _save_draft(path: Path, data: bytes, replace: bool) -> Saved:
    same = _holds(path, data)
    if same:
        return Saved(path, changed=False)
    if same is not None and not replace:
        raise OutputError("output-exists", path=str(path))
    with _temporary(path.parent, data) as temporary:
        if replace:
            os.replace(temporary, path)
        elif not _create_exclusively(temporary, path, data):  # made by someone meanwhile
            raise OutputError("output-exists", path=str(path))
    return Saved(path, changed=True)


def _save_issued(path: Path, data: bytes) -> Saved:
    number, newest = _newest_copy(path)
    if newest is not None and _holds(newest, data):
        return Saved(newest, changed=False)
    with _temporary(path.parent, data) as temporary:
        for later in range(number + 1, MAX_COPIES + 1):
            candidate = copy_name(path, later)
            if _create_exclusively(temporary, candidate, data):
                return Saved(candidate, changed=True, kept=newest)
            if _holds(candidate, data):  # another run wrote the same document just now
                return Saved(candidate, changed=False)
    raise OutputError("output-too-many-copies", path=str(path), limit=MAX_COPIES)


def copy_name(path: Path, number: int) -> Path:
    """The name of an issued document's copy: the name itself for 1, else name-N."""
    return path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")


def _newest_copy(path: Path) -> tuple[int, Path | None]:
    """The highest-numbered copy of path in its folder, (0, None) when there is none."""
    pattern = re.compile(re.escape(path.stem) + _COPY_TAIL + re.escape(path.suffix))
    number, newest = 0, None
    with os.scandir(path.parent) as entries:
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match and int(match.group(1) or 1) > number:
                number, newest = int(match.group(1) or 1), path.parent / entry.name
    return number, newest


def _create_exclusively(temporary: Path, path: Path, data: bytes) -> bool:
    """Give the written temporary file the name path unless that name exists (then False)."""
    try:
        os.link(temporary, path)  # the name appears with the whole content, or not at all
        return True
    except FileExistsError:
        return False
    except OSError:
        pass  # no hard links on this file system (FAT, some network shares)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o644)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(path)  # ours, and incomplete
        raise
    return True


@contextmanager
def _temporary(folder: Path, data: bytes) -> Iterator[Path]:
    """A temporary file in folder holding data (synced, readable by all), removed on exit."""
    fd, name = tempfile.mkstemp(prefix=".commsplan-", suffix=".tmp", dir=folder)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(path, 0o644)
        yield path
    finally:
        path.unlink(missing_ok=True)


def _kind(path: Path) -> str | None:
    """None when nothing has that name, "file" for a regular file; a folder, link or device
    is refused here, except "folder" which the caller names in its own words."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if not stat.S_ISREG(mode):
        raise OutputError("output-not-regular", path=str(path))
    return "file"


def _holds(path: Path, data: bytes) -> bool | None:
    """Whether the file at path holds exactly data (None: no such file). Only a regular file
    is ever opened: a FIFO would block, a link to /dev/zero would never end."""
    if _kind(path) == "folder":
        raise OutputError("output-is-folder", path=str(path))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since it was looked at
            raise OutputError("output-not-regular", path=str(path)) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise OutputError("output-not-regular", path=str(path))
        return status.st_size == len(data) and handle.read(len(data) + 1) == data


def _check_length(path: Path) -> None:
    length = len(os.fsencode(path.name))
    if length > MAX_NAME_BYTES:
        name = path.name if len(path.name) <= 60 else f"{path.name[:40]}…{path.name[-12:]}"
        raise OutputError("output-name-too-long", name=name, length=length, limit=MAX_NAME_BYTES)


def _failed(path: Path, exc: OSError) -> OutputError:
    return OutputError("output-failed", path=str(path), detail=exc.strerror or str(exc))


# PDF ---------------------------------------------------------------------------------------

def find_soffice() -> str | None:
    """The LibreOffice command, if installed."""
    import shutil

    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(documents: list[Path], timeout: float = 180, *, export: str = "pdf",
                   outdir: Path | None = None) -> list[Path]:
    """Convert .docx files to PDFs beside them (or in outdir), one LibreOffice process per
    folder; export is LibreOffice's --convert-to argument (a filter and its options).

    Each document's old PDF goes first, so a failed conversion never leaves last run's PDF
    beside a new .docx.
    """
    documents = [Path(d) for d in documents]
    pdfs = [_pdf_of(d, outdir) for d in documents]
    for pdf in pdfs:
        _remove_old(pdf)
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise OutputError("pdf-no-libreoffice")
    folders: dict[Path, list[Path]] = {}
    for document in documents:
        folders.setdefault(Path(outdir) if outdir else document.parent, []).append(document)
    for folder, group in folders.items():
        _run_soffice(soffice, group, folder, timeout, export)
    return pdfs


def _pdf_of(document: Path, outdir: Path | None) -> Path:
    """Where LibreOffice writes a document's PDF: beside it, or in outdir."""
    return (Path(outdir) if outdir else document.parent) / f"{document.stem}.pdf"


def _remove_old(pdf: Path) -> None:
    try:
        if pdf.is_dir() and not pdf.is_symlink():
            raise OutputError("output-is-folder", path=str(pdf))
        pdf.unlink(missing_ok=True)
    except OSError as exc:
        raise _failed(pdf, exc) from None


def _run_soffice(soffice: str, documents: list[Path], outdir: Path, timeout: float,
                 export: str = "pdf") -> None:
    """One LibreOffice run in a private, throw-away folder holding its profile (apart from a
    LibreOffice the user has open and from another run at the same time) and its temporary
    files, in a process group of its own that is ended whole on a time-out, Ctrl+C or SIGTERM."""
    import shutil
    import subprocess

    pdfs = [_pdf_of(d, outdir) for d in documents]
    locks = [d.with_name(f".~lock.{d.name}#") for d in documents]
    locks = [lock for lock in locks if not os.path.lexists(lock)]  # the user's own stay
    work = Path(tempfile.mkdtemp(prefix="commsplan-lo-"))
    process = None
    finished = False
    try:
        (work / "tmp").mkdir()
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", export, "--outdir", str(outdir),
                   *[str(d) for d in documents]]
        private = {name: str(work / "tmp") for name in ("TMPDIR", "TMP", "TEMP")}
        with open(work / "log.txt", "w+b") as log:
            try:
                process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                           stderr=subprocess.STDOUT, env={**os.environ, **private},
                                           **_own_group())
            except OSError as exc:
                raise OutputError("pdf-failed", detail=exc.strerror or str(exc),
                                  path=", ".join(p.name for p in pdfs)) from None
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise OutputError("pdf-timeout", seconds=int(timeout)) from None
            finished = True
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip().splitlines()
    finally:
        if process is not None and not finished:
            _end_group(process)
            for pdf in pdfs:  # perhaps half written
                pdf.unlink(missing_ok=True)
        for lock in locks:
            lock.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    missing = [pdf for pdf in pdfs if not pdf.exists()]
    if process.returncode != 0 or missing:
        detail = said[-1] if said else str(process.returncode)
        raise OutputError("pdf-failed", path=", ".join(p.name for p in missing), detail=detail)


def _own_group() -> dict:
    import subprocess

    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _end_group(process) -> None:
    """End LibreOffice whole: the launcher, soffice.bin and whatever they started."""
    import signal
    import subprocess
    import time

    if os.name == "nt":
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)],
                       stdin=subprocess.DEVNULL, capture_output=True)
        process.wait()
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the launcher is unreaped: its group is ours
    except ProcessLookupError:
        pass
    process.wait()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:  # until the last of the group has died
        try:
            os.killpg(process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.02)
