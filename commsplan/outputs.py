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
