"""The offline source: an .xlsx workbook (read with python-calamine, written with openpyxl).

The package is checked first (`package.check_package`): the reader gets only the contract's
tabs, with every part bounded, so that no file can make it abort the process.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from commsplan.contract import Contract, load_contract
from commsplan.errors import SourceError
from commsplan.sources import RawBook, RawTable
from commsplan.sources.package import MAX_FILE_BYTES, check_package

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls share it
_ZIP_MAGIC = b"PK\x03\x04"


def read_workbook(source: str | os.PathLike | BinaryIO,
                  contract: Contract | None = None, *,
                  tabs: Callable[[str], bool] | None = None) -> RawBook:
    """The contract's tabs of an .xlsx workbook, from a path or an open binary file (the
    names of the other tabs too, unread); tabs: which tabs to read instead, by name."""
    from python_calamine import CalamineWorkbook

    if tabs is None:
        contract = contract or load_contract()
        tabs = lambda name: contract.match_tab(name) is not None  # noqa: E731
    if isinstance(source, (str, os.PathLike)):
        origin = str(source)
        data = _read_bytes(Path(source))
    else:
        origin = getattr(source, "name", "<tệp>")
        data = source.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(origin)
    _sniff(data, origin)
    package = check_package(data, origin, tabs)
    del data
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(package.data))
        names = workbook.sheet_names
        if len(names) != len(package.tab_names):
            raise ValueError("the workbook's tabs are not those of its package")
        tables = [_read_sheet(workbook, names[i], package.errors.get(i, {}))
                  for i in package.read]
    except BaseException as exc:  # noqa: B036 (a Rust panic is a BaseException)
        if not _is_reader_failure(exc):
            raise
        raise SourceError("source-corrupt", path=origin, detail=_short(exc)) from None
    return RawBook(origin=origin, tables=tables, tab_names=list(names))


def _is_reader_failure(exc: BaseException) -> bool:
    """An error of the reader about the file: its own exceptions, or a Rust panic, which
    pyo3 raises as PanicException, a BaseException (not an interruption or an exit)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise SourceError("source-is-folder", path=str(path))
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _too_large(str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("source-not-found", path=str(path)) from None
    except OSError as exc:
        raise SourceError("source-unreadable", path=str(path),
                          detail=exc.strerror or str(exc)) from None


def _too_large(origin: str) -> SourceError:
    return SourceError("source-file-too-large", path=origin,
                       limit={"vi": f"{MAX_FILE_BYTES // 2**20} MB",
                              "en": f"{MAX_FILE_BYTES // 2**20} MB"})


def _sniff(data: bytes, origin: str) -> None:
    """Refuse what is not an .xlsx, naming why: a password, an old format, not a zip."""
    if data.startswith(_OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise SourceError("source-encrypted", path=origin)
        raise SourceError("source-not-xlsx", path=origin)
    if not data.startswith(_ZIP_MAGIC):
        raise SourceError("source-not-xlsx", path=origin)


def _read_sheet(workbook, name: str, errors: dict[tuple[int, int], str]) -> RawTable:
    sheet = workbook.get_sheet_by_name(name)
    # skip_empty_area=False keeps row 1 as rows[0], so row numbers match the sheet.
    rows = sheet.to_python(skip_empty_area=False)
    for (row, column), value in errors.items():  # the reader gives an error cell as empty
        if row < len(rows) and column < len(rows[row]):
            rows[row][column] = value
    merged = [
        (top + 1, left + 1, bottom + 1, right + 1)
        for (top, left), (bottom, right) in (sheet.merged_cell_ranges or [])
    ]
    return RawTable(name=name, rows=rows, merged=merged)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
