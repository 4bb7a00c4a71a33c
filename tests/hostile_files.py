"""Workbooks made to break a reader: far cells, a lying <dimension>, cells without
references, a 3 GiB string in a 3 MB file, zip headers that lie. Built from the corpus's
clean workbook by rewriting its zip, so each file differs from a good one in one way.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from openpyxl import load_workbook

REGISTER_TAB = "Nhật ký"
SHARED_STRINGS = "xl/sharedStrings.xml"
GIB = 2**30


@dataclass
class Deflated:
    """A zip member given already compressed (raw deflate), with what its header says."""

    data: bytes
    crc: int
    size: int


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(entries: list[tuple[str, bytes | Deflated]]) -> bytes:
    """A zip of the entries in order (names may repeat), deflated unless given as Deflated."""
    out = io.BytesIO()
    directory = []
    for name, content in entries:
        if isinstance(content, Deflated):
            member = content
        else:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            member = Deflated(packer.compress(content) + packer.flush(), zlib.crc32(content),
                              len(content))
        encoded = name.encode()
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21,
                              member.crc, len(member.data), member.size, len(encoded), 0))
        out.write(encoded + member.data)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0,
                                     0x21, member.crc, len(member.data), member.size,
                                     len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for record in directory:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory),
                          out.tell() - start, start, 0))
    return out.getvalue()


def rezip(content: bytes, changes: dict[str, bytes | Deflated | None]) -> bytes:
    """The workbook with some parts replaced or added, or removed (None)."""
    parts: dict[str, bytes | Deflated] = dict(members(content))
    for name, value in changes.items():
        if value is None:
            parts.pop(name, None)
        else:
            parts[name] = value
    return write_zip(list(parts.items()))


def with_cells(content: bytes, sheet: str, cells: dict[str, object],
               new_sheet: bool = False) -> bytes:
    """The workbook with values typed in cells of a tab (a new tab if asked)."""
    workbook = load_workbook(io.BytesIO(content))
    target = workbook.create_sheet(sheet) if new_sheet else workbook[sheet]
    for ref, value in cells.items():
        target[ref] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def register_part(content: bytes) -> str:
    """The zip member holding the register tab, found through the workbook's relationships."""
    parts = members(content)
    ids = re.findall(rb'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', parts["xl/workbook.xml"])
    rid = next(r for name, r in ids if name.decode("utf-8") == REGISTER_TAB)
    rels = parts["xl/_rels/workbook.xml.rels"]
    target = re.search(rb'<Relationship [^>]*Id="' + rid + rb'"[^>]*Target="([^"]+)"', rels)
    if target is None:  # attributes in the other order
        target = re.search(rb'<Relationship [^>]*Target="([^"]+)"[^>]*Id="' + rid + rb'"', rels)
    path = target.group(1).decode()
    return path.lstrip("/") if path.startswith("/") else "xl/" + path


def edit_part(content: bytes, name: str, old: bytes, new: bytes) -> bytes:
    parts = members(content)
    assert old in parts[name], (name, old)
    parts[name] = parts[name].replace(old, new, 1)
    return write_zip(list(parts.items()))


def lying_dimension(content: bytes) -> bytes:
    """The register's <dimension> claims the whole sheet, A1:XFD1048576."""
    part = register_part(content)
    register = members(content)[part]
    old = re.search(rb'<dimension ref="[^"]*"/>', register).group()
    return edit_part(content, part, old, b'<dimension ref="A1:XFD1048576"/>')


def far_cell_without_reference(content: bytes) -> bytes:
    """A last row numbered 1048576 whose cell has no reference: its place is counted."""
    return edit_part(content, register_part(content), b"</sheetData>",
                     b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'
                     b"</sheetData>")


def big_string(content: bytes, size: int = 3 * GIB, declared: int | None = None) -> bytes:
    """A shared-strings part holding one string of `size` bytes ('a'), compressed about
    1000 to 1, with its true CRC; `declared` makes the zip header lie about its size."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats'
            b'.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
    tail = b"</t></si></sst>"
    block = b"a" * 2**20
    assert size % len(block) == 0
    repeats = size // len(block)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor forgets what came before: each block packs the same.
    packed = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packed == again
    end = packer.compress(tail) + packer.flush()
    data = start + packed * repeats + end
    crc = zlib.crc32(head)
    crc = crc32_combine(crc, repeated_crc32(block, repeats), size)
    crc = crc32_combine(crc, zlib.crc32(tail), len(tail))
    total = len(head) + size + len(tail)
    return rezip(content, {SHARED_STRINGS: Deflated(data, crc, declared or total)})


# CRC-32 of long repeated data without computing it byte by byte (zlib's crc32_combine).

def _times(matrix: list[int], vector: int) -> int:
    total, index = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[index]
        vector >>= 1
        index += 1
    return total


def _square(matrix: list[int]) -> list[int]:
    return [_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(first: int, second: int, second_length: int) -> int:
    """The CRC-32 of A+B from those of A and B and the length of B."""
    if second_length <= 0:
        return first
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _square(odd)
    odd = _square(even)
    while True:
        even = _square(odd)
        if second_length & 1:
            first = _times(even, first)
        second_length >>= 1
        if not second_length:
            break
        odd = _square(even)
        if second_length & 1:
            first = _times(odd, first)
        second_length >>= 1
        if not second_length:
            break
    return first ^ second


def repeated_crc32(block: bytes, times: int) -> int:
    """The CRC-32 of block repeated `times` times."""
    crc, unit, length = 0, zlib.crc32(block), len(block)
    first = True
    while times:
        if times & 1:
            crc = unit if first else crc32_combine(crc, unit, length)
            first = False
        times >>= 1
        if times:
            unit, length = crc32_combine(unit, unit, length), length * 2
    return crc
