"""An .xlsx package looked at before the reader trusts it: which parts, how large, how wide.

python-calamine allocates a sheet's whole grid, from A1 to its last used cell, before it can
be asked the grid's size: one value in XFD1048576 asks for 549,755,813,888 bytes and aborts
the process, and one 3 GiB string in a 3 MB file aborts too. So the package is read here
first, with the zip module and regular expressions, never building what it describes:

- only the parts the reader needs are inflated: the package relationships, the workbook, its
  relationships, shared strings, styles, and the sheets of the tabs asked for (`wanted`);
- each is inflated to the end of its own data, whatever the zip headers claim, and bounded
  as it goes: MAX_PART_BYTES per part, MAX_TEXT_BYTES of text between two tags (no cell
  holds more than 32,767 characters);
- each sheet's used range is learnt from its cells as they are inflated (the <dimension>
  element is optional and may lie), and a grid beyond MAX_CELLS is refused, naming the tab
  and the far cell;
- the reader then gets a new package holding only these checked parts (their compressed
  bytes as they were, under headers giving the size found and the CRC, which the reader
  checks as it reads), so it reads nothing else (another tab, a part that two zip entries
  name) whatever the original holds.

Anything wrong is a SourceError with a message for the school.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Callable, NoReturn

import numpy as np

from commsplan.errors import SourceError

MAX_FILE_BYTES = 256 * 2**20  # the .xlsx itself (a register with photos is a few MB)
MAX_DIRECTORY_BYTES = 2**20  # the zip's list of entries (some 13,000 entries)
MAX_PART_BYTES = 160 * 2**20  # one part inflated (a 100,000-row register: about 67 MB)
MAX_PACKAGE_BYTES = 320 * 2**20  # every part read, inflated
MAX_SMALL_PART_BYTES = 16 * 2**20  # the relationships and the workbook part, parsed whole
MAX_TEXT_BYTES = 2**20  # text between two tags: a cell holds at most 32,767 characters
MAX_CELLS = 5_000_000  # a sheet's grid from A1 to its last used cell (calamine builds it)

# Without looking further, a sheet whose cells all have a plain reference of one letter and
# up to five digits (at most Z99999) has a grid within this: MAX_CELLS must not be below it.
_NEAR_ROWS, _NEAR_COLUMNS = 99_999, 26
assert _NEAR_ROWS * _NEAR_COLUMNS <= MAX_CELLS

_CHUNK = MAX_TEXT_BYTES  # inflated at a time; a tag-free run inside one chunk is shorter
_INPUT = 64 * 1024  # compressed bytes fed at a time

_OFFICE_DOCUMENT = "/relationships/officeDocument"


@dataclass
class CheckedPackage:
    """What the reader may read: a package of checked parts, and what was learnt."""

    data: bytes  # a zip holding only the checked parts
    tab_names: list[str]  # every tab of the workbook, in order
    read: list[int]  # positions in tab_names of the tabs whose sheets are in `data`
    errors: dict[int, dict[tuple[int, int], str]] = field(default_factory=dict)
    # tab position → {(row, column), 0-based: the error value (#REF!) the cell shows};
    # the reader gives error cells as empty, so they are put back from here


def check_package(data: bytes, origin: str, wanted: Callable[[str], bool]) -> CheckedPackage:
    """Check the package and keep only the parts needed to read the tabs `wanted` accepts."""
    _check_directory(data, origin)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error) as exc:
        raise SourceError("source-corrupt", path=origin, detail=_short(exc)) from None
    with archive:
        return _Package(archive, data, origin).check(wanted)


class _Package:
    """The parts of one zip, found as the reader finds them (case and '\\' ignored)."""

    def __init__(self, archive: zipfile.ZipFile, data: bytes, origin: str) -> None:
        self.data = data
        self.origin = origin
        self.entries: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            key = _entry_key(info.filename)
            if key in self.entries:  # which one a reader picks is up to the reader
                self._corrupt(f"{info.filename}: two entries with this name")
            self.entries[key] = info
        self.inflated = 0
        self.parts: dict[str, _Checked] = {}  # name the reader looks up → the checked part

    def check(self, wanted: Callable[[str], bool]) -> CheckedPackage:
        relationships = self._part("_rels/.rels", small=True)
        if relationships is None:
            raise SourceError("source-not-xlsx", path=self.origin)
        targets = [target for kind, target in _relationships(relationships, self)
                   if kind.endswith(_OFFICE_DOCUMENT)]
        if not targets:
            raise SourceError("source-not-xlsx", path=self.origin)
        # As the reader does: the folder of the last officeDocument target, relative to root.
        folder = targets[-1].rpartition("/")[0].lstrip("/")
        folder = f"{folder}/" if folder else ""
        workbook = self._part(f"{folder}workbook.xml", small=True)
        if workbook is None:
            raise SourceError("source-not-xlsx", path=self.origin)
        links = self._part(f"{folder}_rels/workbook.xml.rels", small=True)
        by_id = dict(_relationship_ids(links, self)) if links is not None else {}
        for name in (f"{folder}sharedStrings.xml", f"{folder}styles.xml"):  # checked, not kept
            info = self.entries.get(_entry_key(name))
            if info is not None and name not in self.parts:
                self._add(name, info, MAX_PART_BYTES, None, lambda chunk: None)
        tabs = _sheets(workbook, self)
        checked = CheckedPackage(b"", [name for name, _ in tabs], [])
        sheets: dict[str, dict] = {}  # part → its error cells, once per part
        for position, (name, link) in enumerate(tabs):
            if not wanted(name) or link not in by_id:
                continue  # an unknown link: the reader refuses the workbook itself
            target = by_id[link]
            path = target.lstrip("/") if target.startswith("/") else f"{folder}{target}"
            if path not in sheets:
                found = self._sheet(path, name)
                if found is None:
                    continue  # no such part: the reader says the tab cannot be read
                sheets[path] = found
            checked.read.append(position)
            if sheets[path]:
                checked.errors[position] = sheets[path]
        checked.data = self._repack()
        return checked

    # Parts -----------------------------------------------------------------------------

    def _part(self, name: str, small: bool = False) -> bytes | None:
        """A part's content, inflated and checked; None when the package has no such part."""
        info = self.entries.get(_entry_key(name))
        if info is None or name in self.parts:  # a part named twice is read once
            return None
        chunks: list[bytes] = []
        self._add(name, info, MAX_SMALL_PART_BYTES if small else MAX_PART_BYTES, None,
                  chunks.append)
        return b"".join(chunks)

    def _sheet(self, name: str, tab: str) -> dict[tuple[int, int], str] | None:
        """Check a sheet's grid as it is inflated; return its error cells (None when the
        package has no such part). An unusual sheet is inflated again and walked."""
        info = self.entries.get(_entry_key(name))
        if info is None or name in self.parts:
            return None
        scan = _CellScan()
        self._add(name, info, MAX_PART_BYTES, tab, scan.feed)
        errors = scan.finish()
        if errors is None:
            chunks: list[bytes] = []
            self._inflate(info, MAX_PART_BYTES, tab, chunks.append)
            errors = _walk_cells(b"".join(chunks), tab, self)
        return errors

    def _add(self, name: str, info: zipfile.ZipInfo, limit: int, tab: str | None,
             sink: Callable[[bytes], None]) -> None:
        """Inflate a part for the new package, within what is left of MAX_PACKAGE_BYTES."""
        self.parts[name] = self._inflate(info, min(limit, MAX_PACKAGE_BYTES - self.inflated),
                                         tab, sink)
        self.inflated += self.parts[name].size

    def _inflate(self, info: zipfile.ZipInfo, limit: int, tab: str | None,
                 sink: Callable[[bytes], None]) -> _Checked:
        """Inflate one entry to the end of its own data, checking its size and text runs,
        each chunk to `sink`; return what the new package says of it."""
        if info.flag_bits & 0x1:
            self._corrupt(f"{info.filename}: encrypted entry")
        offset = info.header_offset
        if self.data[offset:offset + 4] != b"PK\x03\x04":
            self._corrupt(f"{info.filename}: no local header")
        name_length, extra_length = struct.unpack_from("<HH", self.data, offset + 26)
        start = offset + 30 + name_length + extra_length
        raw = memoryview(self.data)[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            self._corrupt(f"{info.filename}: truncated")
        guard = _TextGuard(self, info.filename, tab)
        size = 0
        used = [len(raw)]  # compressed bytes the data really takes
        for chunk in _chunks(raw, info, self, used):
            size += len(chunk)
            if size > limit:
                self._too_large(info.filename, tab)
            guard.feed(chunk)
            sink(chunk)
        if size != info.file_size:  # the headers lie: the reader may trust them differently
            self._corrupt(f"{info.filename}: {size} bytes, the zip says {info.file_size}")
        # The CRC goes on as the zip gave it: the reader checks it as it reads the part.
        return _Checked(info.compress_type, info.CRC, size, raw[:used[0]])

    def _repack(self) -> bytes:
        """A zip of the checked parts: their compressed bytes, under headers giving the size
        found here and the CRC."""
        pieces: list[bytes | memoryview] = []
        directory: list[bytes] = []
        offset = 0
        for name, part in self.parts.items():
            encoded = name.encode("utf-8")
            sizes = (part.method, 0, 0x21, part.crc, len(part.packed), part.size, len(encoded), 0)
            header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, *sizes)
            pieces += [header, encoded, part.packed]
            directory += [struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, *sizes,
                                      0, 0, 0, 0, offset), encoded]
            offset += len(header) + len(encoded) + len(part.packed)
        size = sum(map(len, directory))
        end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(self.parts), len(self.parts),
                          size, offset, 0)
        self.parts.clear()
        return b"".join(pieces + directory + [end])

    # Failures --------------------------------------------------------------------------

    def _corrupt(self, detail: str) -> NoReturn:
        raise SourceError("source-corrupt", path=self.origin, detail=detail[:200])

    def _too_large(self, part: str, tab: str | None) -> NoReturn:
        raise SourceError("source-part-too-large", path=self.origin, part=_where(part, tab),
                          limit=_megabytes(MAX_PART_BYTES))


@dataclass
class _Checked:
    """A part as the new package holds it: compressed as it came, with what was found."""

    method: int  # zipfile.ZIP_STORED or ZIP_DEFLATED
    crc: int  # as the zip gave it
    size: int  # inflated, as found
    packed: memoryview  # the compressed bytes, up to the end of the deflate stream


def _chunks(raw: memoryview, info: zipfile.ZipInfo, package: _Package, used: list[int]):
    """The inflated content of an entry, at most _CHUNK bytes at a time; used[0] becomes
    the number of compressed bytes the stream took."""
    if info.compress_type == zipfile.ZIP_STORED:
        for begin in range(0, len(raw), _CHUNK):
            yield bytes(raw[begin:begin + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        package._corrupt(f"{info.filename}: compression method {info.compress_type}")
    inflater = zlib.decompressobj(-15)
    try:
        for begin in range(0, len(raw), _INPUT):
            fed = bytes(raw[begin:begin + _INPUT])
            piece = fed
            while piece and not inflater.eof:
                out = inflater.decompress(piece, _CHUNK)
                piece = inflater.unconsumed_tail
                if out:
                    yield out
            if inflater.eof:
                used[0] = begin + len(fed) - len(inflater.unused_data)
                break
        out = inflater.flush()
        if out:
            yield out
    except zlib.error as exc:
        package._corrupt(f"{info.filename}: {exc}")
    if not inflater.eof:
        package._corrupt(f"{info.filename}: truncated")


class _TextGuard:
    """Refuses a run of text between two tags longer than MAX_TEXT_BYTES, as chunks pass."""

    def __init__(self, package: _Package, part: str, tab: str | None) -> None:
        self.package, self.part, self.tab = package, part, tab
        self.run = 0  # bytes since the last '<'

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
        else:
            self.run += first
            self._check()
            self.run = len(chunk) - chunk.rfind(b"<") - 1
        self._check()  # a run inside one chunk is shorter than the chunk

    def _check(self) -> None:
        if self.run > MAX_TEXT_BYTES:
            raise SourceError("source-text-too-long", path=self.package.origin,
                              part=_where(self.part, self.tab),
                              limit=_megabytes(MAX_TEXT_BYTES))


# The zip directory --------------------------------------------------------------------------

def _check_directory(data: bytes, origin: str) -> None:
    """Refuse a zip whose list of entries is too long to hold before reading it."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise SourceError("source-corrupt", path=origin, detail="no end of central directory")
    size = struct.unpack_from("<I", data, end + 12)[0]
    locator = end - 20
    if size == 0xFFFFFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        record = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[record:record + 4] == b"PK\x06\x06" and record + 56 <= len(data):
            size = struct.unpack_from("<Q", data, record + 40)[0]
    if size > MAX_DIRECTORY_BYTES:
        raise SourceError("source-corrupt", path=origin,
                          detail=f"a zip directory of {size} bytes")


def _entry_key(name: str) -> str:
    """How the reader looks an entry up: '\\' as '/', ASCII case ignored."""
    return name.replace("\\", "/").lower()


# The small parts, parsed whole ----------------------------------------------------------------

def _parse(content: bytes, package: _Package, name: str) -> ElementTree.Element:
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:  # never in a package
        package._corrupt(f"{name}: DOCTYPE")
    try:
        return ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        package._corrupt(f"{name}: {exc}")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def _relationships(content: bytes, package: _Package) -> list[tuple[str, str]]:
    """(type, target) of each relationship."""
    root = _parse(content, package, "_rels/.rels")
    return [(element.get("Type", ""), element.get("Target", "")) for element in root.iter()
            if _local(element.tag) == "Relationship"]


def _relationship_ids(content: bytes, package: _Package) -> list[tuple[str, str]]:
    """(id, target) of each relationship of the workbook."""
    root = _parse(content, package, "workbook.xml.rels")
    return [(element.get("Id", ""), element.get("Target", "")) for element in root.iter()
            if _local(element.tag) == "Relationship"]


def _sheets(content: bytes, package: _Package) -> list[tuple[str, str]]:
    """(tab name, relationship id) of each sheet of the workbook, in order."""
    root = _parse(content, package, "workbook.xml")
    sheets = []
    for element in root.iter():
        if _local(element.tag) == "sheet":
            attributes = {_local(key): value for key, value in element.attrib.items()}
            sheets.append((attributes.get("name", ""), attributes.get("id", "")))
    return sheets


# A sheet's cells ------------------------------------------------------------------------------

# A cell as every usual writer makes it: a reference of one letter and up to five digits
# first, then the usual attributes, no error value. Cells that are not like this are few (or
# the sheet is unusual): each is looked at.
_PLAIN_CELL = (rb' r="[A-Za-z]?[0-9]{1,5}"'
               rb'(?: (?:s|cm|vm|ph)="[^"<>]*+"| t="(?:s|n|b|str|inlineStr|d)")*+\s*+/?>')
_OTHER_CELL_RE = re.compile(rb"<c(?=[\s/>])(?!" + _PLAIN_CELL + rb")")
_CELL_TAG_RE = re.compile(rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"'
                          rb'((?: (?:s|cm|vm|ph)="[^"<>]*"| t="[A-Za-z]*")*)\s*(/?)>')
_PREFIXED_CELL_RE = re.compile(rb":c[\s/>]")  # <x:c …>: a cell all the same
_ERROR_VALUE_RE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)</(?:[\w.-]+:)?v>")


class _CellScan:
    """A sheet's cells scanned as its chunks are inflated, at C speed: usually every cell is
    plain and near (at most Z99999), or the few others (error values, references beyond) are
    plain and keep the grid within MAX_CELLS. `finish` gives the error cells, or None when the
    cells must be walked one by one as the reader walks them (`_walk_cells`).

    Each chunk is scanned up to its last '<': a tag starting before it ends before it; the
    rest goes with the next chunk up to that one's first '<'.
    """

    def __init__(self) -> None:
        self.tail = b""  # from the last '<' of the chunks so far
        self.rows, self.columns = [_NEAR_ROWS], [_NEAR_COLUMNS]
        self.errors: dict[tuple[int, int], str] = {}
        self.unusual = False

    def feed(self, chunk: bytes) -> None:
        if self.unusual:
            return
        first, last = chunk.find(b"<"), chunk.rfind(b"<")
        if first < 0:
            self.tail += chunk  # text: the text guard bounds it
            return
        if self.tail:
            self._scan(self.tail + chunk[:first], 0, len(self.tail) + first)
        self._scan(chunk, first, last)
        self.tail = chunk[last:]

    def finish(self) -> dict[tuple[int, int], str] | None:
        self._scan(self.tail, 0, len(self.tail))
        if self.unusual or max(self.rows) * max(self.columns) > MAX_CELLS:
            return None
        return self.errors

    def _scan(self, xml: bytes, begin: int, end: int) -> None:
        if self.unusual or begin >= end:
            return
        if _PREFIXED_CELL_RE.search(xml, begin, end):
            self.unusual = True
            return
        for match in _OTHER_CELL_RE.finditer(xml, begin, end):
            tag = _CELL_TAG_RE.match(xml, match.start(), end)
            if tag is None:
                self.unusual = True  # an unusual cell: walk them all
                return
            row, column = int(tag.group(2)), _column_number(tag.group(1))
            self.rows.append(row)
            self.columns.append(column)
            if b't="e"' in tag.group(3) and not tag.group(4):
                close = xml.find(b"</c>", tag.end())
                if close < 0:  # its value is in the next chunk: walk instead
                    self.unusual = True
                    return
                value = _error_value(xml, tag.end(), close)
                if value:
                    self.errors[(row - 1, column - 1)] = value


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _cell_name(row: int, column: int) -> str:
    from commsplan.findings import column_letter

    return f"{column_letter(column - 1)}{row}"


def _error_value(xml: bytes, start: int, end: int | None = None) -> str | None:
    """The error value (#REF!) of the cell whose content starts at `start`."""
    if end is None:
        end = xml.find(b"</c>", start)
        end = len(xml) if end < 0 else end
    found = _ERROR_VALUE_RE.search(xml, start, end)
    return _unescape(found.group(1)) or None if found else None


def _unescape(text: bytes) -> str:
    from xml.sax.saxutils import unescape

    return unescape(text.decode("utf-8", "replace")).strip()


# The tokens the reader acts on inside <sheetData>, and what it skips over whole.
_TOKEN_RE = re.compile(
    rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>"
    rb"|<(/?)(?:[A-Za-z_][\w.\-]*:)?(sheetData|row|c)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S)
_ATTRIBUTE_RE = re.compile(rb"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CHILD_RE = re.compile(rb"<[A-Za-z_]")
_REFERENCE_RE = re.compile(rb"([A-Za-z]*)([0-9]+)")


def _walk_cells(xml: bytes, tab: str, package: _Package) -> dict[tuple[int, int], str]:
    """Every cell's place as the reader finds it (references, or rows and cells counted where
    they have none), the cells holding something, the exact grid and its error cells."""
    row_index = column_index = 0
    used_rows: list[int] = []
    used_columns: list[int] = []
    errors: dict[tuple[int, int], str] = {}
    inside = False
    open_cell: tuple[int, int, int, bool] | None = None  # row, column, content start, error
    for token in _TOKEN_RE.finditer(xml):
        closing, name, attributes = token.group(1), token.group(2), token.group(3)
        if name is None:
            continue  # CDATA, a comment, a processing instruction
        empty = attributes.rstrip().endswith(b"/")
        if name == b"sheetData":
            if closing or (inside and empty):
                break
            inside = not empty
            if empty:
                break
            continue
        if not inside:
            continue
        if name == b"row":
            if closing:
                row_index, column_index = row_index + 1, 0
                continue
            found = _attributes(attributes, (b"r",), stop=1)
            if found[b"r"] is not None:
                row_index = _reference(found[b"r"], package, tab, need_column=False)[0]
            if empty:
                row_index, column_index = row_index + 1, 0
            continue
        # a cell
        if open_cell is not None:
            row, column, start, error = open_cell
            if not closing or _CHILD_RE.search(xml, start, token.start()):
                used_rows.append(row)  # a cell inside a cell: the outer one holds something
                used_columns.append(column)
                value = _error_value(xml, start, token.start()) if error and closing else None
                if value:
                    errors[(row, column)] = value
            open_cell = None
        if closing:
            continue
        found = _attributes(attributes, (b"r", b"s", b"t"), stop=3)
        if found[b"r"] is not None:
            row, column = _reference(found[b"r"], package, tab, need_column=True)
            column_index = column
        else:
            row, column = row_index, column_index
        column_index += 1
        if not empty:
            open_cell = (row, column, token.end(), found[b"t"] == b"e")
    if used_rows:
        _check_grid(np.array(used_rows), np.array(used_columns), tab, package)
    return errors


def _attributes(text: bytes, keys: tuple[bytes, ...], stop: int) -> dict[bytes, bytes | None]:
    """The reader's way: attributes in order, the last of each key kept, stopping once
    `stop` of the keys were seen (repeats count)."""
    found: dict[bytes, bytes | None] = dict.fromkeys(keys)
    seen = 0
    for match in _ATTRIBUTE_RE.finditer(text):
        key = match.group(1)
        if key in found:
            found[key] = match.group(2) if match.group(2) is not None else match.group(3)
            seen += 1
            if seen == stop:
                break
    return found


def _reference(text: bytes, package: _Package, tab: str, need_column: bool) -> tuple[int, int]:
    """(row, column), 0-based, of a reference such as B12 (a row's own is its number)."""
    match = _REFERENCE_RE.fullmatch(text)
    if match is None or int(match.group(2)) == 0 or (need_column and not match.group(1)):
        package._corrupt(f"{tab}: cell reference {text[:20]!r}")
    return int(match.group(2)) - 1, max(_column_number(match.group(1)) - 1, 0)


def _check_grid(rows: np.ndarray, columns: np.ndarray, tab: str, package: _Package) -> None:
    """Refuse a grid beyond MAX_CELLS, naming the cell that stretches it most."""
    height, width = int(rows.max()) + 1, int(columns.max()) + 1
    if height * width <= MAX_CELLS:
        return
    last_row, last_column = rows == height - 1, columns == width - 1

    def grid_without(mask: np.ndarray) -> int:
        if mask.all():
            return 0
        return (int(rows[~mask].max()) + 1) * (int(columns[~mask].max()) + 1)

    if grid_without(last_row) <= grid_without(last_column):
        at = np.flatnonzero(last_row)[0]  # the far row's first cell
    else:
        at = np.flatnonzero(last_column)[0]  # the far column's first cell
    raise SourceError("source-grid-too-large", path=package.origin, tab=tab,
                      cell=_cell_name(int(rows[at]) + 1, int(columns[at]) + 1),
                      rows=_number(height), columns=_number(width), limit=_number(MAX_CELLS))


# Words ----------------------------------------------------------------------------------------

def _where(part: str, tab: str | None) -> dict[str, str]:
    if tab:
        return {"vi": f"trang tính '{tab}'", "en": f"tab '{tab}'"}
    return {"vi": f"phần {posixpath.basename(part)} của tệp",
            "en": f"the part {posixpath.basename(part)}"}


def _number(count: int) -> dict[str, str]:
    return {"vi": f"{count:,}".replace(",", "."), "en": f"{count:,}"}


def _megabytes(size: int) -> dict[str, str]:
    return {"vi": f"{size // 2**20} MB", "en": f"{size // 2**20} MB"}


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
