"""The offline source: an .xlsx workbook (read with python-calamine, written with openpyxl)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from commsplan.errors import SourceError
from commsplan.sources import RawBook, RawTable

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls share it
_ZIP_MAGIC = b"PK\x03\x04"


def read_workbook(source: str | os.PathLike | BinaryIO) -> RawBook:
    """Every tab of an .xlsx workbook, from a path or an open binary file."""
    from python_calamine import CalamineWorkbook

    if isinstance(source, (str, os.PathLike)):
        origin = str(source)
        data = _read_bytes(Path(source))
    else:
        origin = getattr(source, "name", "<tệp>")
        data = source.read()
    _sniff(data, origin)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        tables = [_read_sheet(workbook, name) for name in workbook.sheet_names]
    except Exception as exc:  # calamine raises its own types for every kind of damage
        raise SourceError("source-corrupt", path=origin, detail=_short(exc)) from None
    return RawBook(origin=origin, tables=tables)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise SourceError("source-is-folder", path=str(path))
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("source-not-found", path=str(path)) from None
    except OSError as exc:
        raise SourceError("source-unreadable", path=str(path),
                          detail=exc.strerror or str(exc)) from None


def _sniff(data: bytes, origin: str) -> None:
    """Refuse what is not an .xlsx, naming why: a password, an old format, a damaged zip."""
    if data.startswith(_OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise SourceError("source-encrypted", path=origin)
        raise SourceError("source-not-xlsx", path=origin)
    if not data.startswith(_ZIP_MAGIC):
        raise SourceError("source-not-xlsx", path=origin)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise SourceError("source-corrupt", path=origin, detail=_short(exc)) from None
    if bad is not None:
        raise SourceError("source-corrupt", path=origin, detail=bad)
    if "xl/workbook.xml" not in names:
        raise SourceError("source-not-xlsx", path=origin)


def _read_sheet(workbook, name: str) -> RawTable:
    sheet = workbook.get_sheet_by_name(name)
    # skip_empty_area=False keeps row 1 as rows[0], so row numbers match the sheet.
    rows = sheet.to_python(skip_empty_area=False)
    merged = [
        (top + 1, left + 1, bottom + 1, right + 1)
        for (top, left), (bottom, right) in (sheet.merged_cell_ranges or [])
    ]
    return RawTable(name=name, rows=rows, merged=merged)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
