"""Writing files: atomic (a temporary file, then a rename), never over a file without force."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from commsplan.errors import OutputError


def write_bytes(path: str | os.PathLike, data: bytes, *, force: bool = False) -> Path:
    """Write data to path atomically; refuse an existing path unless force."""
    path = Path(path)
    if path.exists() and not force:
        raise OutputError("output-exists", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            if not force and path.exists():  # someone wrote it meanwhile
                raise OutputError("output-exists", path=str(path))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise OutputError("output-failed", path=str(path), detail=exc.strerror or str(exc)) from None
    return path


def save_document(document, path: str | os.PathLike, *, force: bool = False) -> Path:
    """Write a python-docx Document atomically, the same bytes for the same content."""
    from commsplan.documents.docx_io import docx_bytes

    return write_bytes(path, docx_bytes(document), force=force)


def free_name(path: Path) -> Path:
    """path itself if free, else the first of name-2.docx, name-3.docx, … that is free."""
    if not path.exists():
        return path
    for n in range(2, 10_000):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise OutputError("output-exists", path=str(path))


def find_soffice() -> str | None:
    """The LibreOffice command, if installed."""
    import shutil

    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(documents: list[Path], timeout: float = 180) -> list[Path]:
    """Convert .docx files to PDFs beside them, one LibreOffice process per folder.

    A private, throw-away profile folder keeps this run apart from a LibreOffice the user has
    open, and from another run at the same time.
    """
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise OutputError("pdf-no-libreoffice")
    folders: dict[Path, list[Path]] = {}
    for document in documents:
        folders.setdefault(Path(document).parent, []).append(Path(document))
    for outdir, group in folders.items():
        _run_soffice(soffice, group, outdir, timeout)
    return [Path(d).with_suffix(".pdf") for d in documents]


def _run_soffice(soffice: str, documents: list[Path], outdir: Path, timeout: float) -> None:
    import subprocess

    with tempfile.TemporaryDirectory(prefix="commsplan-lo-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(outdir),
                   *[str(d) for d in documents]]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OutputError("pdf-timeout", seconds=int(timeout)) from None
    missing = [d.with_suffix(".pdf") for d in documents if not d.with_suffix(".pdf").exists()]
    if done.returncode != 0 or missing:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [str(done.returncode)]
        raise OutputError("pdf-failed", path=", ".join(p.name for p in missing), detail=detail[0])
