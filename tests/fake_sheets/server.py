"""In-process fake of the Google Sheets API v4, with the Drive v3 and OAuth token endpoints gspread uses.

``fake = FakeSheets().start()`` serves ``fake.url``; paths are Google's (``/v4/spreadsheets/...``,
``/drive/v3/files...``, ``/token``). Shapes and error bodies follow recorded real traffic
(``shared/google-sheets-recordings``) and, where nothing was recorded, the API reference: grid data
in spreadsheets.get (CellData's userEnteredValue, effectiveValue, formattedValue, userEnteredFormat,
note, dataValidation; not effectiveFormat or hyperlinks) and developer metadata on a spreadsheet or
a sheet (create/update/delete in batchUpdate, developerMetadata.get and .search, PROJECT visibility
per Cloud project; not on rows or columns). An .xlsx stored in Drive (``add_office_file``) is
refused by every Sheets call, as Google refuses it.
"""
from __future__ import annotations

import ast
import base64
import copy
import datetime as dt
import json
import operator
import random
import re
import secrets
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

SERIAL_EPOCH = dt.datetime(1899, 12, 30)
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
DECIMAL_COMMA_LOCALES = {"vi_VN", "fr_FR", "de_DE", "es_ES", "it_IT", "pt_BR", "ru_RU", "id_ID", "nl_NL"}
STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
          429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 501: "UNIMPLEMENTED", 503: "UNAVAILABLE",
          504: "DEADLINE_EXCEEDED"}
READ_KINDS = frozenset({"spreadsheets.get", "values.get", "values.batchGet"})
FAULTS = (403, 429, 500, 502, 503, 504, "slow", "drop", "malformed", "trickle", "html", "empty", "fewer",
          "reorder", "mismatch")
# Faults that alter a real answer (the request is carried out): what a broken proxy or cache does.
ANSWER_FAULTS = ("fewer", "reorder", "mismatch")
WRITE_KINDS = {"spreadsheets.batchUpdate", "values.update", "values.batchUpdate",
               "values.clear", "values.batchClear", "values.append", "files.create", "files.delete",
               "permissions.create"}
# Reads that nonetheless need a read-write scope (the reference lists no read-only scope for them).
FULL_SCOPE_KINDS = {"developerMetadata.get", "developerMetadata.search"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# ErrorValue.type of what a formula shows when it fails.
ERROR_TYPES = {"#ERROR!": "ERROR", "#NULL!": "NULL_VALUE", "#DIV/0!": "DIVIDE_BY_ZERO", "#VALUE!": "VALUE",
               "#REF!": "REF", "#NAME?": "NAME", "#NUM!": "NUM", "#N/A": "N_A"}
METADATA_LIMIT = 30_000  # characters of developer metadata per spreadsheet and per sheet
_AUTH = "https://www.googleapis.com/auth/"
_SCOPES = {  # (family, write) -> scopes that allow it
    ("sheets", True): {_AUTH + s for s in ("spreadsheets", "drive", "drive.file")},
    ("sheets", False): {_AUTH + s for s in ("spreadsheets", "spreadsheets.readonly", "drive", "drive.file",
                                            "drive.readonly")},
    ("drive", True): {_AUTH + s for s in ("drive", "drive.file")},
    ("drive", False): {_AUTH + s for s in ("drive", "drive.file", "drive.readonly", "drive.metadata.readonly")},
}
# Real batchUpdate request kinds the fake does not model; they get a 400 that says so.
_UNMODELLED = {"mergeCells", "unmergeCells", "insertDimension", "deleteDimension", "moveDimension", "sortRange",
               "autoResizeDimensions", "addNamedRange", "updateBorders", "setBasicFilter", "findReplace",
               "copyPaste", "cutPaste", "insertRange", "deleteRange", "duplicateSheet", "addChart",
               "updateConditionalFormatRule", "updateProtectedRange", "addFilterView", "addBanding"}
_PORTAL_HTML = ("<!DOCTYPE html>\n<html><head><title>Đăng nhập Wi-Fi</title></head>\n<body><form method=post "
                "action=/login><p>Vui lòng đăng nhập để sử dụng Internet.</p><input name=user>"
                "<button>Đăng nhập</button></form></body></html>\n")
_FORBIDDEN_HTML = ("<html><head><title>403 Forbidden</title></head><body><h1>Access Denied</h1>"
                   "<p>This site is blocked by the network administrator.</p></body></html>\n")
_502_HTML = ("<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 502 (Server Error)!!1</title>\n"
             "  <p><b>502.</b> <ins>That\u2019s an error.</ins>\n  <p>The server encountered a temporary error and "
             "could not complete your request.<p>Please try again in 30 seconds.  "
             "<ins>That\u2019s all we know.</ins>\n")


def _rgb(r, g, b):
    return {"red": r, "green": g, "blue": b}


# Copied from the recordings: every spreadsheets.get answer carries these.
DEFAULT_FORMAT = {
    "backgroundColor": _rgb(1, 1, 1), "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM", "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {"foregroundColor": {}, "fontFamily": "arial,sans,sans-serif", "fontSize": 10, "bold": False,
                   "italic": False, "strikethrough": False, "underline": False,
                   "foregroundColorStyle": {"rgbColor": {}}},
    "backgroundColorStyle": {"rgbColor": _rgb(1, 1, 1)},
}
SPREADSHEET_THEME = {"primaryFontFamily": "Arial", "themeColors": [
    {"colorType": kind, "color": {"rgbColor": rgb}} for kind, rgb in [
        ("TEXT", {}), ("BACKGROUND", _rgb(1, 1, 1)),
        ("ACCENT1", _rgb(0.25882354, 0.52156866, 0.95686275)), ("ACCENT2", _rgb(0.91764706, 0.2627451, 0.20784314)),
        ("ACCENT3", _rgb(0.9843137, 0.7372549, 0.015686275)), ("ACCENT4", _rgb(0.20392157, 0.65882355, 0.3254902)),
        ("ACCENT5", _rgb(1, 0.42745098, 0.003921569)), ("ACCENT6", _rgb(0.27450982, 0.7411765, 0.7764706)),
        ("LINK", _rgb(0.06666667, 0.33333334, 0.8))]]}


class ApiError(Exception):
    """An error answer: HTTP code plus Google's message (and status, when not the code's usual one)."""

    def __init__(self, code: int, message: str, details: list | None = None, status: str | None = None):
        super().__init__(message)
        self.code, self.message, self.details, self.status = code, message, details, status


class _Invalid(Exception):
    """A rejected batchUpdate request; becomes 400 "Invalid requests[i].kind: ..."."""


@dataclass(frozen=True)
class Formula:
    """A formula cell: its text (what FORMULA rendering returns) and, optionally, the value it shows."""
    text: str
    value: Any = None

    def result(self) -> Any:
        return self.value if self.value is not None else _evaluate(self.text[1:])


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
        ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}


def _evaluate(expr: str) -> Any:
    """Compute plain arithmetic such as "4/2"; any other formula shows Google's "#NAME?"."""
    def ev(node):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return node.value
        if isinstance(node, ast.BinOp):
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp):
            return _OPS[type(node.op)](ev(node.operand))
        raise ValueError(expr)
    try:
        return ev(ast.parse(expr.replace("^", "**"), mode="eval").body)
    except ZeroDivisionError:
        return "#DIV/0!"
    except (SyntaxError, ValueError, KeyError, TypeError, OverflowError):
        return "#NAME?"


@dataclass
class Sheet:
    """One tab: properties as Google spells them, sparse cells keyed (row, col), and what batchUpdate set."""
    properties: dict
    cells: dict = field(default_factory=dict)
    formats: dict = field(default_factory=dict)       # (row, col) -> userEnteredFormat
    validations: dict = field(default_factory=dict)   # (row, col) -> DataValidationRule
    notes: dict = field(default_factory=dict)
    protected_ranges: list = field(default_factory=list)
    conditional_formats: list = field(default_factory=list)
    dimensions: dict = field(default_factory=lambda: {"ROWS": {}, "COLUMNS": {}})  # index -> properties

    title = property(lambda self: self.properties["title"])
    sheet_id = property(lambda self: self.properties["sheetId"])
    grid = property(lambda self: self.properties["gridProperties"])
    row_count = property(lambda self: self.grid["rowCount"])
    column_count = property(lambda self: self.grid["columnCount"])
    frozen_rows = property(lambda self: self.grid.get("frozenRowCount", 0))
    frozen_columns = property(lambda self: self.grid.get("frozenColumnCount", 0))

    @property
    def column_widths(self) -> dict[int, int]:
        return {i: p["pixelSize"] for i, p in sorted(self.dimensions["COLUMNS"].items()) if "pixelSize" in p}


@dataclass
class Spreadsheet:
    """A spreadsheet held by the fake; ``acl`` None means every caller may read and write."""
    id: str
    properties: dict
    sheets: list = field(default_factory=list)
    acl: dict | None = None
    permissions: list = field(default_factory=list)
    created: str = ""
    modified: str = ""
    metadata: list = field(default_factory=list)  # DeveloperMetadata, plus "_project": who wrote it
    office: bool = False  # an .xlsx kept in Drive: the Sheets API refuses it

    title = property(lambda self: self.properties["title"])
    locale = property(lambda self: self.properties["locale"])
    time_zone = property(lambda self: self.properties["timeZone"])

    def sheet(self, key: str | int) -> Sheet | None:
        return next((s for s in self.sheets if key in (s.title, s.sheet_id)), None)


@dataclass
class Call:
    """One request as the fake received it, and what it answered (status None: connection dropped)."""
    method: str
    path: str
    query: dict
    body: Any
    kind: str
    params: dict = field(default_factory=dict)
    token: str | None = None
    identity: str | None = None
    scope: str | None = None
    fault: Any = None
    status: int | None = None

    def arg(self, name: str, default: str | None = None) -> str | None:
        return self.query.get(name, [default])[-1]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# ---------------------------------------------------------------- A1 notation
def col_letters(index: int) -> str:
    letters, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def parse_a1(text: str) -> tuple[str | None, tuple | None]:
    """Split "'Tab'!A1:B2" into ("Tab", (r0, r1, c0, c1)), 0-based and end-exclusive; None marks an open
    bound, a None box the whole sheet, a None title a range without a sheet. Raises ValueError."""
    title, ref = None, text
    if text.startswith("'"):
        m = re.fullmatch(r"'((?:[^']|'')+)'(?:!(.*))?", text, re.S)
        if not m:
            raise ValueError(text)
        title, ref = m.group(1).replace("''", "'"), m.group(2)
    elif "!" in text:
        title, ref = text.rsplit("!", 1)
    if not ref:
        return title, None
    parts = [re.fullmatch(r"([A-Za-z]{0,3})(\d{0,7})", p) for p in ref.split(":")]
    if len(parts) > 2 or not all(p and any(p.groups()) for p in parts):
        raise ValueError(text)
    (c0, r0), (c1, r1) = [(p.group(1).upper(), p.group(2)) for p in (parts[0], parts[-1])]
    if len(parts) == 1 and not (c0 and r0) or r0 == "0" or r1 == "0":
        raise ValueError(text)
    def col(s: str) -> int:
        return sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(s))) - 1
    box = [int(r0) - 1 if r0 else 0, int(r1) if r1 else None, col(c0) if c0 else 0, col(c1) + 1 if c1 else None]
    if box[1] is not None and box[1] <= box[0]:  # "B2:A1" means "A1:B2"
        box[0], box[1] = box[1] - 1, box[0] + 1
    if box[3] is not None and box[3] <= box[2]:
        box[2], box[3] = box[3] - 1, box[2] + 1
    return title, tuple(box)


def quote_title(title: str) -> str:
    """Google leaves plain ASCII words bare in echoed ranges and quotes the rest."""
    if re.fullmatch(r"[A-Za-z_]\w*", title, re.A) and not re.fullmatch(r"[A-Za-z]{1,3}\d+", title):
        return title
    return "'" + title.replace("'", "''") + "'"


def a1(sheet: Sheet, r0: int, r1: int, c0: int, c1: int) -> str:
    start = f"{col_letters(c0)}{r0 + 1}"
    end = f"{col_letters(c1 - 1)}{r1}"
    return f"{quote_title(sheet.title)}!{start}" + ("" if start == end else f":{end}")


# ---------------------------------------------------------------- cell values
def _date_pattern(locale: str, with_time: bool) -> str:
    if locale == "en_US":
        return "m/d/yyyy h:mm:ss" if with_time else "m/d/yyyy"
    return "dd/mm/yyyy hh:mm:ss" if with_time else "dd/mm/yyyy"


def format_date(value: dt.date, pattern: str) -> str:
    """Render a date with a Sheets pattern (yyyy yy mm m dd d, and h/hh:mm[:ss] for times)."""
    t = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)

    def token(m):
        tok = m.group()
        if tok.startswith("h"):
            hour = f"{t.hour:02d}" if tok.startswith("hh") else str(t.hour)
            return f"{hour}:{t.minute:02d}" + (f":{t.second:02d}" if tok.endswith("ss") else "")
        return {"yyyy": f"{t.year:04d}", "yy": f"{t.year % 100:02d}", "mm": f"{t.month:02d}", "m": str(t.month),
                "dd": f"{t.day:02d}", "d": str(t.day)}[tok]
    return re.sub(r"hh?:mm(?::ss)?|yyyy|yy|mm|m|dd|d", token, pattern)


def _serial(value: dt.date) -> int | float:
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None) - SERIAL_EPOCH).total_seconds() / 86400
    return (value - SERIAL_EPOCH.date()).days


def _number(value: float) -> int | float:
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53 else value


def render(value: Any, fmt: dict | None, how: str, dates: str, locale: str) -> Any:
    """A stored cell as values.get renders it (None when empty)."""
    if isinstance(value, Formula):
        if how == "FORMULA":
            return value.text
        value = value.result()
    if value is None or value == "":
        return None
    formatted = how == "FORMATTED_VALUE"
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE") if formatted else value
    if isinstance(value, dt.date):
        if not formatted and dates == "SERIAL_NUMBER":
            return _number(_serial(value))
        pattern = ((fmt or {}).get("numberFormat") or {}).get("pattern")
        return format_date(value, pattern or _date_pattern(locale, isinstance(value, dt.datetime)))
    if isinstance(value, (int, float)):
        if not formatted:
            return _number(value)
        text = str(value) if isinstance(value, int) else format(value, ".10g").upper()
        return text.replace(".", ",") if locale in DECIMAL_COMMA_LOCALES else text
    return str(value)


def user_entered(value: Any, locale: str) -> tuple[Any, str | None]:
    """Parse what a person types (USER_ENTERED): formula, number, boolean, date; returns (value, date pattern)."""
    if not isinstance(value, str) or value == "":
        return value, None
    if value.startswith("'"):
        return value[1:], None
    if value.startswith("="):
        return Formula(value), None
    if value.upper() in ("TRUE", "FALSE"):
        return value.upper() == "TRUE", None
    dec = "," if locale in DECIMAL_COMMA_LOCALES else "."
    if re.fullmatch(r"[+-]?(\d+(%s\d*)?|%s\d+)([eE][+-]?\d+)?" % (re.escape(dec), re.escape(dec)), value):
        number = float(value.replace(dec, "."))
        return (int(number) if re.fullmatch(r"[+-]?\d+", value) else number), None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
    dmy = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
    try:
        if iso:
            y, mo, d = map(int, iso.groups()[:3])
            time_part = iso.groups()[3:]
            pattern = "yyyy-mm-dd" + (" hh:mm:ss" if time_part[0] else "")
        elif dmy:
            a, b, y = map(int, dmy.groups()[:3])
            mo, d = (a, b) if locale == "en_US" else (b, a)
            time_part, pattern = dmy.groups()[3:], None
        else:
            return value, None
        if time_part[0]:
            return dt.datetime(y, mo, d, *(int(x or 0) for x in time_part)), pattern
        return dt.date(y, mo, d), pattern
    except ValueError:
        return value, None


def extended(value: Any, entered: bool) -> dict | None:
    """A stored cell as an ExtendedValue: as typed (userEnteredValue) or as shown (effectiveValue)."""
    if isinstance(value, Formula):
        if entered:
            return {"formulaValue": value.text}
        value = value.result()
        if isinstance(value, str) and value in ERROR_TYPES:
            return {"errorValue": {"type": ERROR_TYPES[value], "message": f"The formula shows {value}."}}
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, dt.date):
        return {"numberValue": _number(_serial(value))}
    if isinstance(value, (int, float)):
        return {"numberValue": _number(value)}
    return {"stringValue": str(value)}


def _format_out(fmt: dict) -> dict:
    """A userEnteredFormat as Google echoes it: each colour also as its colour style."""
    out = copy.deepcopy(fmt)
    if "backgroundColor" in out:
        out.setdefault("backgroundColorStyle", {"rgbColor": copy.deepcopy(out["backgroundColor"])})
    text = out.get("textFormat")
    if isinstance(text, dict) and "foregroundColor" in text:
        text.setdefault("foregroundColorStyle", {"rgbColor": copy.deepcopy(text["foregroundColor"])})
    return out


def _extended_value(ev: dict) -> Any:
    """A CellData.userEnteredValue (stringValue/numberValue/boolValue/formulaValue) as a stored value."""
    if "formulaValue" in ev:
        return Formula(ev["formulaValue"])
    for key in ("stringValue", "numberValue", "boolValue"):
        if key in ev:
            return ev[key]
    return None


# ---------------------------------------------------------------- field masks
def parse_mask(text: str) -> dict:
    """'a.b,c(d,e/f)' -> {'a': {'b': {}}, 'c': {'d': {}, 'e': {'f': {}}}}; {} selects a whole value."""
    text, tree = text.replace(" ", ""), {}

    def parse(i: int, node: dict) -> int:
        while i < len(text):
            m = re.compile(r"[\w*@]+(?:[./][\w*@]+)*").match(text, i)
            if not m:
                raise ValueError(text)
            leaf = node
            for part in re.split(r"[./]", m.group()):
                leaf = leaf.setdefault(part, {})
            i = m.end()
            if i < len(text) and text[i] == "(":
                i = parse(i + 1, leaf)
            if i < len(text) and text[i] == ")":
                return i + 1
            i += 1  # the comma
        return i
    parse(0, tree)
    return tree


def apply_mask(value: Any, tree: dict) -> Any:
    if not tree or "*" in tree:
        return value
    if isinstance(value, list):
        return [apply_mask(v, tree) for v in value]
    if isinstance(value, dict):
        return {k: apply_mask(value[k], sub) for k, sub in tree.items() if k in value}
    return value


def masked_update(target: dict, source: dict, tree: dict) -> None:
    """Copy the masked fields of source into target; a masked field absent from source is reset."""
    for key, sub in tree.items():
        if key == "*":
            target.update(copy.deepcopy(source))
        elif sub:
            masked_update(target.setdefault(key, {}), source.get(key) or {}, sub)
        elif key in source:
            target[key] = copy.deepcopy(source[key])
        else:
            target.pop(key, None)


def _prune(obj: Any) -> Any:
    """Drop what proto3 JSON leaves out: null, false, empty strings and lists."""
    if isinstance(obj, dict):
        return {k: _prune(v) for k, v in obj.items() if not (v is None or v is False or v in ("", []))}
    return [_prune(v) for v in obj] if isinstance(obj, list) else obj


def _range_out(rng: dict) -> dict:
    return {k: v for k, v in rng.items() if not (k == "sheetId" and not v)}  # sheetId 0 is not echoed


def _props_out(props: dict) -> dict:
    """Sheet properties as Google prints them: zero frozen counts and false flags left out."""
    out = copy.deepcopy(props)
    for key in ("frozenRowCount", "frozenColumnCount"):
        if not out["gridProperties"].get(key):
            out["gridProperties"].pop(key, None)
    return {k: v for k, v in out.items() if v is not False}


def _metadata_out(meta: dict) -> dict:
    """DeveloperMetadata as the API prints it (a oneof member is printed even when zero: sheetId 0 stays)."""
    order = ("metadataId", "metadataKey", "metadataValue", "location", "visibility")
    return {k: copy.deepcopy(meta[k]) for k in order if k in meta}


def _trimmed(answer: Any) -> Any:
    """After a field mask, cells and rows left with nothing are trimmed from the ends of rowData."""
    for sheet in answer.get("sheets", []) if isinstance(answer, dict) else []:
        for grid in sheet.get("data") or []:
            rows = grid.get("rowData")
            if rows is None:
                continue
            for row in rows:
                values = row.get("values")
                while values and not values[-1]:
                    values.pop()
                if values == []:
                    del row["values"]
            while rows and not rows[-1]:
                rows.pop()
            if not rows:
                del grid["rowData"]
    return answer


def _altered(kind: str, fault: str, body: Any, call: Call) -> Any:
    """A correct answer made wrong the way a broken proxy or cache would ("fewer", "reorder", "mismatch")."""
    body = copy.deepcopy(body)
    if kind == "values.batchGet":
        ranges = body.get("valueRanges", [])
        if fault == "fewer":
            del ranges[-1:]
        elif fault == "reorder":
            ranges.reverse()
        elif fault == "mismatch" and ranges:  # the first range holds another tab's cells
            ranges[0] = copy.deepcopy(ranges[-1]) if len(ranges) > 1 else \
                {**ranges[0], "range": "'Trang tính khác'!A1:Z9"}
    elif kind == "spreadsheets.get":
        sheets = body.get("sheets", [])
        if fault == "fewer":
            holding = [s for s in sheets if "data" in s]
            if holding:
                del holding[-1]["data"]
        elif fault == "reorder":
            sheets.reverse()
        elif fault == "mismatch" and len(sheets) > 1:  # two tabs under one title
            sheets[-1].setdefault("properties", {})["title"] = sheets[0].get("properties", {}).get("title")
    return body


# ---------------------------------------------------------------- the server
class _QuietServer(ThreadingHTTPServer):
    """A client that gave up (a time-out, a dropped connection) is expected here, not news."""

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.server.fake._connections.add(self.connection)
        # Headers and body go out in separate writes; without this, Nagle plus delayed ACK costs 40 ms a request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        self.server.fake._serve(self)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def log_message(self, *args):
        pass


class FakeSheets:
    """The fake service: seed and inspect it from Python, point clients at ``url``."""

    ROUTES = [  # (method, path pattern, request kind, handler)
        ("POST", r"/token", "token", "_token"),
        ("GET", r"/v4/spreadsheets/(?P<sid>[^/:]+)", "spreadsheets.get", "_get"),
        ("POST", r"/v4/spreadsheets/(?P<sid>[^/:]+):batchUpdate", "spreadsheets.batchUpdate", "_batch_update"),
        ("GET", r"/v4/spreadsheets/(?P<sid>[^/:]+)/values:batchGet", "values.batchGet", "_values_batch_get"),
        ("GET", r"/v4/spreadsheets/(?P<sid>[^/:]+)/developerMetadata/(?P<mid>[^/:]+)", "developerMetadata.get",
         "_metadata_get"),
        ("POST", r"/v4/spreadsheets/(?P<sid>[^/:]+)/developerMetadata:search", "developerMetadata.search",
         "_metadata_search"),
        ("POST", r"/v4/spreadsheets/(?P<sid>[^/:]+)/values:batchUpdate", "values.batchUpdate", "_values_batch_update"),
        ("POST", r"/v4/spreadsheets/(?P<sid>[^/:]+)/values:batchClear", "values.batchClear", "_values_batch_clear"),
        ("POST", r"/v4/spreadsheets/(?P<sid>[^/:]+)/values/(?P<range>.+):clear", "values.clear", "_values_clear"),
        ("POST", r"/v4/spreadsheets/(?P<sid>[^/:]+)/values/(?P<range>.+):append", "values.append", "_values_append"),
        ("GET", r"/v4/spreadsheets/(?P<sid>[^/:]+)/values/(?P<range>.+)", "values.get", "_values_get"),
        ("PUT", r"/v4/spreadsheets/(?P<sid>[^/:]+)/values/(?P<range>.+)", "values.update", "_values_update"),
        ("POST", r"/drive/v3/files", "files.create", "_files_create"),
        ("GET", r"/drive/v3/files/(?P<sid>[^/]+)", "files.get", "_files_get"),
        ("DELETE", r"/drive/v3/files/(?P<sid>[^/]+)", "files.delete", "_files_delete"),
        ("POST", r"/drive/v3/files/(?P<sid>[^/]+)/permissions", "permissions.create", "_permissions_create"),
    ]

    def __init__(self, host: str = "127.0.0.1", port: int = 0, seed: int | None = None):
        self._host, self._port = host, port
        self._random = random.Random(seed)
        self._lock = threading.RLock()
        self._spreadsheets: dict[str, Spreadsheet] = {}
        self._tokens: dict[str, tuple[str | None, str | None]] = {}  # token -> (identity, scope)
        self._faults: list[list] = []  # [kind or None, fault, remaining, options]
        self._quota: tuple[int, float] | None = None  # (reads, window seconds)
        self._quota_reads: list[float] = []  # when each read counted in the window arrived
        self.requests: list[Call] = []
        self.token_grants: list[dict] = []  # decoded JWT claims of each token exchange
        self._httpd: ThreadingHTTPServer | None = None
        self._connections: set[socket.socket] = set()  # kept-alive client connections, closed by stop()

    # -- lifecycle
    def start(self) -> "FakeSheets":
        self._httpd = _QuietServer((self._host, self._port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="fake-sheets", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        for connection in list(self._connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._connections.clear()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    token_uri = property(lambda self: self.url + "/token")
    sheets_url = property(lambda self: self.url + "/v4/spreadsheets")
    drive_files_url = property(lambda self: self.url + "/drive/v3/files")

    # -- seeding and inspection
    def add_spreadsheet(self, title: str, tabs: dict[str, list[list]] | None = None, spreadsheet_id: str | None = None,
                        locale: str = "en_US", time_zone: str = "Etc/GMT", shared_with: dict | None = None,
                        value_input: str = "RAW") -> str:
        """Create a spreadsheet; ``tabs`` maps tab titles to rows of typed values (default one empty "Sheet1")."""
        with self._lock:
            ss = self._new_spreadsheet(title, spreadsheet_id, locale, time_zone)
            ss.acl = dict(shared_with) if shared_with is not None else None
            for i, (tab, rows) in enumerate((tabs or {"Sheet1": []}).items()):
                width = max([len(r) for r in rows] + [26])
                first_id = 0 if i == 0 else None
                ss.sheets.append(self._new_sheet(ss, tab, i, max(len(rows), 1000), width, sheet_id=first_id))
                if rows:
                    self._write(ss, quote_title(tab) + "!A1", rows, value_input)
            return ss.id

    def add_office_file(self, title: str = "Kế hoạch.xlsx") -> str:
        """An .xlsx file kept in Drive (opened in Office mode, …/edit?rtpof=true): Drive knows it, the Sheets API
        answers 400 FAILED_PRECONDITION to every request about it. Returns its Drive id (33 characters)."""
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        with self._lock:
            ss = self._new_spreadsheet(title, "1" + "".join(self._random.choice(alphabet) for _ in range(32)),
                                       "en_US", "Etc/GMT")
            ss.office = True
            return ss.id

    def developer_metadata(self, spreadsheet_id: str) -> list[dict]:
        """All developer metadata of a spreadsheet, whoever may see it, as the API prints it."""
        return [_metadata_out(m) for m in self.spreadsheet(spreadsheet_id).metadata]

    def set_values(self, spreadsheet_id: str, range_: str, rows: list[list], value_input: str = "RAW") -> None:
        """Write rows at an A1 range, as values.update would (no request recorded)."""
        with self._lock:
            self._write(self.spreadsheet(spreadsheet_id), range_, rows, value_input)

    def spreadsheet(self, spreadsheet_id: str) -> Spreadsheet:
        return self._spreadsheets[spreadsheet_id]

    def sheet(self, spreadsheet_id: str, tab: str | int) -> Sheet:
        sheet = self.spreadsheet(spreadsheet_id).sheet(tab)
        if sheet is None:
            raise KeyError(f"spreadsheet {spreadsheet_id} has no tab {tab!r}")
        return sheet

    def values(self, spreadsheet_id: str, tab: str, render_option: str | None = None,
               dates: str = "SERIAL_NUMBER") -> list[list]:
        """The tab's values, trimmed like Google does: stored Python values, or rendered as the API would."""
        with self._lock:
            ss, sheet = self.spreadsheet(spreadsheet_id), self.sheet(spreadsheet_id, tab)
            def cell(r: int, c: int) -> Any:
                if render_option is None:
                    return sheet.cells.get((r, c))
                return render(sheet.cells.get((r, c)), sheet.formats.get((r, c)), render_option,
                              dates, ss.locale)
            return self._rows(sheet, 0, sheet.row_count, 0, sheet.column_count, cell, "ROWS")

    def share(self, spreadsheet_id: str, email: str, role: str = "reader") -> None:
        """Restrict the spreadsheet to the identities it is shared with, and share it with ``email``."""
        ss = self.spreadsheet(spreadsheet_id)
        ss.acl = {**(ss.acl or {}), email: role}

    def permissions(self, spreadsheet_id: str) -> list[dict]:
        """Drive permissions created on the spreadsheet: request body, answer fields and query flags."""
        return self.spreadsheet(spreadsheet_id).permissions

    # -- auth, accounting, faults
    def allow_token(self, token: str = "test-token", email: str | None = None, scope: str | None = None) -> str:
        """Accept a static bearer token; without ``email`` it acts as the owner of every spreadsheet."""
        self._tokens[token] = (email, scope)
        return token

    def count(self, kind: str | None = None) -> int:
        """How many requests of this kind (None: of any kind) arrived, faulty ones included."""
        return sum(1 for c in self.requests if kind in (None, c.kind))

    def calls(self, kind: str) -> list[Call]:
        """The recorded requests of one kind, in arrival order."""
        return [c for c in self.requests if c.kind == kind]

    def inject(self, kind: str | None, fault: int | str, times: int = 1, retry_after: int = 1,
               delay: float = 1.0) -> None:
        """Answer the next ``times`` requests of ``kind`` (None: of any kind but "token") with ``fault``:
        429 (with Retry-After), 500/502/503/504, 403 (for "token", a network filter's web page), "slow" (sleep
        ``delay`` then answer), "drop" (close the socket unanswered, nothing applied), "malformed" (apply, then
        200 with a truncated body), "trickle" (apply, then send the body one byte every ``delay`` seconds),
        "html" (a captive portal's web page with 200, nothing applied), "empty" (200 with no body, nothing
        applied), or an answer altered after the request was carried out: "fewer" (values:batchGet without its
        last range; spreadsheets.get with its last tab's cells left out), "reorder" (ranges or tabs in reverse
        order), "mismatch" (values:batchGet's first range holds another tab)."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; expected one of {FAULTS}")
        with self._lock:
            self._faults.append([kind, fault, times, {"retry_after": retry_after, "delay": delay}])

    def set_quota(self, reads: int | None, window: float = 60.0) -> None:
        """Google's read quota, scaled down: a read request (spreadsheets.get, values.get,
        values:batchGet) beyond ``reads`` within any ``window`` seconds is answered 429 with
        Retry-After, as Google answers past its per-minute quota; None lifts it."""
        with self._lock:
            self._quota = (reads, window) if reads is not None else None
            self._quota_reads.clear()

    def _over_quota(self, kind: str) -> bool:
        if self._quota is None or kind not in READ_KINDS:
            return False
        reads, window = self._quota
        with self._lock:
            now = time.monotonic()
            self._quota_reads = [t for t in self._quota_reads if t > now - window]
            if len(self._quota_reads) >= reads:
                return True
            self._quota_reads.append(now)
            return False

    def clear_faults(self) -> None:
        self._faults.clear()

    def _take_fault(self, kind: str) -> tuple | None:
        with self._lock:
            for entry in self._faults:
                if entry[0] == kind or entry[0] is None and kind != "token":
                    entry[2] -= 1
                    if entry[2] <= 0:
                        self._faults.remove(entry)
                    return entry[1], entry[3]
        return None

    # -- HTTP plumbing
    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        url = urlsplit(h.path)
        raw = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        route, match = next(((r, m) for r in self.ROUTES if r[0] == h.command
                             for m in [re.fullmatch(r[1], url.path)] if m), (None, None))
        params = {k: unquote(v) for k, v in (match.groupdict() if match else {}).items()}
        call = Call(h.command, url.path, parse_qs(url.query, keep_blank_values=True), None,
                    route[2] if route else "unknown", params)
        status, body, headers, grant = 200, None, {}, None
        try:
            if "x-www-form-urlencoded" in (h.headers.get("Content-Type") or ""):
                call.body = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
            elif raw:
                try:
                    call.body = json.loads(raw)
                except ValueError:
                    call.body = raw.decode("utf-8", "replace")
                    raise ApiError(400, "Invalid JSON payload received. Unexpected token.") from None
            auth = h.headers.get("Authorization") or ""
            call.token = auth[7:] if auth.startswith("Bearer ") else None
            grant = self._tokens.get(call.token)
            if grant:
                call.identity, call.scope = grant
        except ApiError as e:
            route, status, body = None, e.code, self._error(call, e)
        fault = self._take_fault(call.kind)
        if fault is None and self._over_quota(call.kind):
            fault = (429, {"retry_after": max(1, round(self._quota[1])), "delay": 0.0})
        call.fault = fault and fault[0]
        with self._lock:
            self.requests.append(call)
        if call.fault == "drop":  # the client sees the connection close with no answer
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if call.fault == "slow":
            time.sleep(fault[1]["delay"])
        if isinstance(call.fault, int):
            status, body, headers = self._fault_answer(call, fault[0], fault[1])
        elif call.fault in ("html", "empty"):  # something on the way answered, not Google
            status, body = 200, _PORTAL_HTML if call.fault == "html" else b""
        elif route is None and body is None:
            status, body = 404, self._error(call, ApiError(404, "Method not found."))
        elif route is not None:
            try:
                if call.kind != "token":
                    self._check_auth(call, grant)
                with self._lock:
                    status, body = getattr(self, route[3])(call)
            except ApiError as e:
                status, body = e.code, self._error(call, e)
            except Exception as e:  # a bug in the fake: say so rather than leave the client hanging
                status, body = 500, self._error(call, ApiError(500, f"Fake Sheets server error: {e!r}"))
            if call.fault in ANSWER_FAULTS and status == 200:
                body = _altered(call.kind, call.fault, body, call)
        data = body if isinstance(body, bytes) else b"" if body is None else \
            body.encode() if isinstance(body, str) else json.dumps(body, indent=2, ensure_ascii=False).encode()
        if call.fault == "malformed":
            status, data = 200, data[:max(1, len(data) // 2)]
        call.status = status
        h.send_response(status)
        ctype = "text/html; charset=UTF-8" if isinstance(body, str) else "application/json; charset=UTF-8"
        for name, value in {"Content-Type": ctype, "Content-Length": str(len(data)), **headers}.items():
            h.send_header(name, value)
        h.end_headers()
        if call.fault == "trickle":  # every byte late, none late enough for a per-read time-out
            for i in range(len(data)):
                h.wfile.write(data[i:i + 1])
                h.wfile.flush()
                time.sleep(fault[1]["delay"])
            return
        h.wfile.write(data)

    def _fault_answer(self, call: Call, code: int, options: dict) -> tuple:
        if code == 502:
            return 502, _502_HTML, {}
        if code == 403:
            if call.kind == "token":  # a school firewall or proxy in front of the sign-in server
                return 403, _FORBIDDEN_HTML, {}
            return 403, self._error(call, ApiError(403, "The caller does not have permission")), {}
        if code == 429:
            metric = "Write requests" if call.kind in WRITE_KINDS else "Read requests"
            message = (f"Quota exceeded for quota metric '{metric}' and limit '{metric} per minute per user' of "
                       f"service 'sheets.googleapis.com' for consumer 'project_number:123456789012'.")
            details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
                        "domain": "googleapis.com", "metadata": {"service": "sheets.googleapis.com",
                                                                 "consumer": "projects/123456789012"}}]
            return 429, self._error(call, ApiError(429, message, details)), {"Retry-After": str(options["retry_after"])}
        message = {500: "Internal error encountered.", 503: "The service is currently unavailable.",
                   504: "Deadline expired before operation could complete."}[code]
        return code, self._error(call, ApiError(code, message)), {}

    def _error(self, call: Call, e: ApiError) -> dict:
        err = {"code": e.code, "message": e.message}
        if call.kind.startswith(("files.", "permissions.")):  # Drive v3 keeps the older "errors" list
            reason = {400: "badRequest", 401: "authError", 403: "insufficientFilePermissions", 404: "notFound"}
            err["errors"] = [{"message": e.message, "domain": "global", "reason": reason.get(e.code, "backendError")}]
        else:
            err["status"] = e.status or STATUS.get(e.code, "UNKNOWN")
        if e.details:
            err["details"] = e.details
        return {"error": err}

    def _check_auth(self, call: Call, grant: tuple | None) -> None:
        if grant is None:
            raise ApiError(401, ("Request is missing required authentication credential" if call.token is None else
                                 "Request had invalid authentication credentials") + ". Expected OAuth 2 access "
                           "token, login cookie or other valid authentication credential. See "
                           "https://developers.google.com/identity/sign-in/web/devconsole-project.")
        family = "drive" if call.kind.startswith(("files.", "permissions.")) else "sheets"
        full = call.kind in WRITE_KINDS or call.kind in FULL_SCOPE_KINDS
        if call.scope is not None and not set(call.scope.split()) & _SCOPES[family, full]:
            raise ApiError(403, "Request had insufficient authentication scopes.",
                           [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "domain": "googleapis.com",
                             "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT"}])

    def _open(self, call: Call) -> Spreadsheet:
        """The addressed spreadsheet, if the caller may do this kind of request on it."""
        ss, drive = self._spreadsheets.get(call.params["sid"]), call.kind.startswith(("files.", "permissions."))
        role = "owner" if ss is None or ss.acl is None or call.identity is None else ss.acl.get(call.identity)
        if ss is None or role is None and drive:  # Drive hides files the caller cannot see
            raise ApiError(404, f"File not found: {call.params['sid']}." if drive
                           else "Requested entity was not found.")
        if role is None or call.kind in WRITE_KINDS and role not in ("owner", "writer"):
            raise ApiError(403, "The user does not have sufficient permissions for this file." if drive
                           else "The caller does not have permission")
        if ss.office and not drive:
            raise ApiError(400, "This operation is not supported for this document", status="FAILED_PRECONDITION")
        if call.kind in WRITE_KINDS:
            ss.modified = _now()
        return ss

    @contextmanager
    def _atomic(self, ss: Spreadsheet):
        """Google applies a batch whole or not at all: restore the spreadsheet if any part fails."""
        backup = copy.deepcopy(ss.__dict__)
        try:
            yield
        except BaseException:
            ss.__dict__.clear()
            ss.__dict__.update(backup)
            raise

    def _new_spreadsheet(self, title: str, sid: str | None, locale: str, time_zone: str) -> Spreadsheet:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        sid = sid or "1" + "".join(self._random.choice(alphabet) for _ in range(43))
        ss = Spreadsheet(sid, {"title": title, "locale": locale, "autoRecalc": "ON_CHANGE", "timeZone": time_zone},
                         created=_now(), modified=_now())
        self._spreadsheets[sid] = ss
        return ss

    def _new_sheet(self, ss: Spreadsheet, title: str, index: int, rows: int = 1000, cols: int = 26,
                   sheet_id: int | None = None) -> Sheet:
        while sheet_id is None or ss.sheet(sheet_id) is not None:
            sheet_id = self._random.randint(1, 2 ** 31 - 1)
        return Sheet({"sheetId": sheet_id, "title": title, "index": index, "sheetType": "GRID",
                      "gridProperties": {"rowCount": rows, "columnCount": cols}})

    def _spreadsheet_json(self, ss: Spreadsheet, call: Call | None = None, areas: dict | None = None) -> dict:
        """The Spreadsheet resource; with ``areas`` (sheet id → boxes), only those sheets, with their grid data."""
        sheets, seen = [], [m for m in ss.metadata if call is None or self._visible(m, call)]
        for sheet in ss.sheets:
            if areas is not None and sheet.sheet_id not in areas:
                continue
            out = {"properties": _props_out(sheet.properties)}
            if areas is not None:
                out["data"] = [self._grid_data(ss, sheet, *box) for box in areas[sheet.sheet_id]]
            mine = [_metadata_out(m) for m in seen if m["location"].get("sheetId") == sheet.sheet_id
                    and m["location"]["locationType"] == "SHEET"]
            if mine:
                out["developerMetadata"] = mine
            if sheet.conditional_formats:
                out["conditionalFormats"] = [{**rule, "ranges": [_range_out(r) for r in rule.get("ranges", [])]}
                                             for rule in sheet.conditional_formats]
            if sheet.protected_ranges:
                out["protectedRanges"] = [{**p, "range": _range_out(p["range"])} for p in sheet.protected_ranges]
            sheets.append(out)
        out = {"spreadsheetId": ss.id, "properties": {**ss.properties, "defaultFormat": DEFAULT_FORMAT,
                                                       "spreadsheetTheme": SPREADSHEET_THEME},
               "sheets": sheets, "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{ss.id}/edit"}
        whole = [_metadata_out(m) for m in seen if m["location"]["locationType"] == "SPREADSHEET"]
        if whole:
            out["developerMetadata"] = whole
        return out

    def _grid_data(self, ss: Spreadsheet, sheet: Sheet, r0: int, r1: int, c0: int, c1: int) -> dict:
        """GridData of an area: rowData up to the last row holding anything, each row's values up to its last
        cell holding anything (an empty cell inside as {}), and every row's and column's metadata."""
        held: dict[int, set[int]] = {}
        for store in (sheet.cells, sheet.formats, sheet.notes, sheet.validations):
            for r, c in store:
                if r0 <= r < r1 and c0 <= c < c1:
                    held.setdefault(r, set()).add(c)
        rows = []
        for r in range(r0, max(held, default=r0 - 1) + 1):
            columns = held.get(r)
            rows.append({"values": [self._cell_data(ss, sheet, r, c) for c in range(c0, max(columns) + 1)]}
                        if columns else {})
        out: dict[str, Any] = {}
        if r0:
            out["startRow"] = r0
        if c0:
            out["startColumn"] = c0
        if rows:
            out["rowData"] = rows
        out["rowMetadata"] = [{"pixelSize": 21, **sheet.dimensions["ROWS"].get(r, {})} for r in range(r0, r1)]
        out["columnMetadata"] = [{"pixelSize": 100, **sheet.dimensions["COLUMNS"].get(c, {})} for c in range(c0, c1)]
        return out

    def _cell_data(self, ss: Spreadsheet, sheet: Sheet, r: int, c: int) -> dict:
        value, fmt, out = sheet.cells.get((r, c)), sheet.formats.get((r, c)), {}
        entered, effective = extended(value, True), extended(value, False)
        if entered:
            out["userEnteredValue"] = entered
        if effective:
            out["effectiveValue"] = effective
            out["formattedValue"] = render(value, fmt, "FORMATTED_VALUE", "FORMATTED_STRING", ss.locale)
        if fmt:
            out["userEnteredFormat"] = _format_out(fmt)
        if (r, c) in sheet.notes:
            out["note"] = sheet.notes[(r, c)]
        if (r, c) in sheet.validations:
            out["dataValidation"] = copy.deepcopy(sheet.validations[(r, c)])
        return out

    # -- ranges and values
    def _locate(self, ss: Spreadsheet, text: str) -> tuple[Sheet, tuple]:
        """Resolve an A1 range to (sheet, (r0, r1, c0, c1)) with open bounds left None."""
        if "!" not in text and not text.startswith("'") and ss.sheet(text):
            return ss.sheet(text), (0, None, 0, None)
        try:
            title, box = parse_a1(text)
        except ValueError:
            raise ApiError(400, f"Unable to parse range: {text}") from None
        sheet = ss.sheets[0] if title is None else ss.sheet(title)
        if sheet is None:
            raise ApiError(400, f"Unable to parse range: {text}")
        return sheet, box or (0, None, 0, None)

    def _area(self, ss: Spreadsheet, text: str) -> tuple[Sheet, int, int, int, int]:
        """A range clipped to its sheet's grid, as reads and clears use it."""
        sheet, (r0, r1, c0, c1) = self._locate(ss, text)
        r1, c1 = min(r1 or sheet.row_count, sheet.row_count), min(c1 or sheet.column_count, sheet.column_count)
        if r0 >= r1 or c0 >= c1:
            raise ApiError(400, f"Range ({text}) exceeds grid limits. Max rows: {sheet.row_count}, "
                                f"max columns: {sheet.column_count}")
        return sheet, r0, r1, c0, c1

    @staticmethod
    def _rows(sheet: Sheet, r0: int, r1: int, c0: int, c1: int, cell, major: str) -> list[list]:
        """Cells of an area as rows (or columns), with trailing empty cells and rows dropped as Google does."""
        used = sheet.cells.keys()
        r1 = min(r1, max((r for r, _ in used), default=-1) + 1)
        c1 = min(c1, max((c for _, c in used), default=-1) + 1)
        grid = [[cell(r, c) for c in range(c0, c1)] for r in range(r0, r1)]
        if major == "COLUMNS":
            grid = [list(col) for col in zip(*grid)]
        out = []
        for line in grid:
            while line and line[-1] is None:
                line.pop()
            out.append(["" if v is None else v for v in line])
        while out and not out[-1]:
            out.pop()
        return out

    def _value_range(self, ss: Spreadsheet, text: str, call: Call) -> dict:
        """A ValueRange as values.get answers it, rendered as the query asks."""
        how = call.arg("valueRenderOption", "FORMATTED_VALUE")
        dates = call.arg("dateTimeRenderOption", "SERIAL_NUMBER")
        major = call.arg("majorDimension", "ROWS")
        for name, value, allowed in [("value_render_option", how, ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")),
                                     ("date_time_render_option", dates, ("SERIAL_NUMBER", "FORMATTED_STRING")),
                                     ("major_dimension", major, ("ROWS", "COLUMNS"))]:
            if value not in allowed:
                raise ApiError(400, f"Invalid value at '{name}', \"{value}\"")
        sheet, r0, r1, c0, c1 = self._area(ss, text)
        def cell(r: int, c: int) -> Any:
            return render(sheet.cells.get((r, c)), sheet.formats.get((r, c)), how, dates, ss.locale)
        out = {"range": a1(sheet, r0, r1, c0, c1), "majorDimension": major}
        rows = self._rows(sheet, r0, r1, c0, c1, cell, major)
        return {**out, "values": rows} if rows else out

    def _write(self, ss: Spreadsheet, text: str, values: Any, option: str | None, major: str | None = None,
               field_name: str = "data.values", grow: bool = False, anchor: tuple | None = None) -> dict:
        """values.update semantics: write a rectangle anchored at the range's top-left cell."""
        if option not in ("RAW", "USER_ENTERED"):
            raise ApiError(400, "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED" if option is None
                           else f"Invalid value at 'value_input_option', \"{option}\"")
        if not isinstance(values, list) or not all(isinstance(row, list) for row in values) or any(
                isinstance(v, (list, dict)) for row in values for v in row):
            shown = json.dumps(values, ensure_ascii=False)
            message = f"Invalid value at '{field_name}' (type.googleapis.com/google.protobuf.ListValue), {shown}"
            raise ApiError(400, message, [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                                           "fieldViolations": [{"field": field_name, "description": message}]}])
        if major == "COLUMNS":
            width = max((len(col) for col in values), default=0)
            values = [[col[i] if i < len(col) else None for col in values] for i in range(width)]
        sheet, (r0, r1, c0, c1) = self._locate(ss, text)
        r0, c0 = anchor or (r0, c0)
        single = ":" not in text.rsplit("!", 1)[-1] and r1 == r0 + 1 and c1 == c0 + 1
        nrows, ncols = len(values), max((len(row) for row in values), default=0)
        if not (single or grow) and r1 is not None and r0 + nrows > r1:
            raise ApiError(400, f"Requested writing within range [{text}], but tried writing to row [{r0 + nrows}]")
        if not (single or grow) and c1 is not None and c0 + ncols > c1:
            raise ApiError(400, f"Requested writing within range [{text}], but tried writing to column "
                                f"[{col_letters(c0 + ncols - 1)}]")
        if grow and r0 + nrows > sheet.row_count:
            sheet.grid["rowCount"] = r0 + nrows
        if r0 + nrows > sheet.row_count or c0 + ncols > sheet.column_count:
            raise ApiError(400, f"Range ({a1(sheet, r0, r0 + max(nrows, 1), c0, c0 + max(ncols, 1))}) exceeds grid "
                                f"limits. Max rows: {sheet.row_count}, max columns: {sheet.column_count}")
        cells = 0
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value is None:  # Google skips nulls
                    continue
                cells += 1
                key = (r0 + i, c0 + j)
                pattern = None
                if option == "USER_ENTERED":
                    value, pattern = user_entered(value, ss.locale)
                if value == "":
                    sheet.cells.pop(key, None)
                else:
                    sheet.cells[key] = value
                if pattern:
                    sheet.formats.setdefault(key, {})["numberFormat"] = {"type": "DATE", "pattern": pattern}
        out = {"spreadsheetId": ss.id, "updatedRange": a1(sheet, r0, r0 + max(nrows, 1), c0, c0 + max(ncols, 1))}
        if cells:
            out.update(updatedRows=nrows, updatedColumns=ncols, updatedCells=cells)
        out["_footprint"] = {(sheet.sheet_id, r0 + i, c0 + j) for i, row in enumerate(values)
                             for j, v in enumerate(row) if v is not None}
        return out

    def _clear(self, ss: Spreadsheet, text: str) -> str:
        sheet, r0, r1, c0, c1 = self._area(ss, text)
        for key in [k for k in sheet.cells if r0 <= k[0] < r1 and c0 <= k[1] < c1]:
            del sheet.cells[key]
        return a1(sheet, r0, r1, c0, c1)

    @staticmethod
    def _finish_write(out: dict) -> dict:
        out.pop("_footprint", None)
        return out

    # -- Sheets endpoints
    def _get(self, call: Call) -> tuple:
        """spreadsheets.get: with ``ranges``, only the sheets they touch; grid data when the field mask names
        sheets.data (a mask overrides includeGridData, as Google documents)."""
        ss = self._open(call)
        try:
            mask = parse_mask(call.arg("fields") or "")
        except ValueError:
            raise ApiError(400, f"Invalid field selection {call.arg('fields')}") from None
        grid = "data" in mask.get("sheets", {}) if mask else call.arg("includeGridData", "false").lower() == "true"
        areas: dict[int, list] | None = None
        if call.query.get("ranges") or grid:
            areas = {}
            for text in call.query.get("ranges") or [quote_title(s.title) for s in ss.sheets]:
                sheet, r0, r1, c0, c1 = self._area(ss, text)
                areas.setdefault(sheet.sheet_id, []).append((r0, r1, c0, c1))
        out = self._spreadsheet_json(ss, call, areas)
        if not grid:
            for sheet in out["sheets"]:
                sheet.pop("data", None)
        return 200, _trimmed(apply_mask(out, mask))

    def _values_get(self, call: Call) -> tuple:
        return 200, self._value_range(self._open(call), call.params["range"], call)

    def _values_batch_get(self, call: Call) -> tuple:
        ss = self._open(call)
        return 200, {"spreadsheetId": ss.id,
                     "valueRanges": [self._value_range(ss, r, call) for r in call.query.get("ranges", [])]}

    def _values_update(self, call: Call) -> tuple:
        ss, body = self._open(call), call.body or {}
        with self._atomic(ss):
            out = self._write(ss, call.params["range"], body.get("values", []), call.arg("valueInputOption"),
                              body.get("majorDimension"))
        return 200, self._finish_write(out)

    def _values_batch_update(self, call: Call) -> tuple:
        ss, body = self._open(call), call.body or {}
        responses, footprint = [], set()
        with self._atomic(ss):
            for i, data in enumerate(body.get("data", [])):
                out = self._write(ss, data.get("range", ""), data.get("values", []), body.get("valueInputOption"),
                                  data.get("majorDimension"), f"data[{i}].values")
                footprint |= out["_footprint"]
                responses.append(self._finish_write(out))
        result = {"spreadsheetId": ss.id}
        if footprint:
            result.update(totalUpdatedRows=len({(s, r) for s, r, _ in footprint}),
                          totalUpdatedColumns=len({(s, c) for s, _, c in footprint}),
                          totalUpdatedCells=len(footprint), totalUpdatedSheets=len({s for s, _, _ in footprint}))
        return 200, {**result, "responses": responses}

    def _values_clear(self, call: Call) -> tuple:
        ss = self._open(call)
        return 200, {"spreadsheetId": ss.id, "clearedRange": self._clear(ss, call.params["range"])}

    def _values_batch_clear(self, call: Call) -> tuple:
        ss = self._open(call)
        with self._atomic(ss):
            cleared = [self._clear(ss, r) for r in (call.body or {}).get("ranges", [])]
        return 200, {"spreadsheetId": ss.id, "clearedRanges": cleared}

    def _values_append(self, call: Call) -> tuple:
        """Append below the last row holding data in the range's columns (OVERWRITE; the grid grows as needed)."""
        ss, body = self._open(call), call.body or {}
        sheet, r0, r1, c0, c1 = self._area(ss, call.params["range"])
        if (r1 - r0, c1 - c0) == (1, 1):  # a single cell names the table starting there
            c1 = sheet.column_count
        used = [(r, c) for r, c in sheet.cells if c0 <= c < c1 and r >= r0]
        result = {"spreadsheetId": ss.id}
        if used:
            first, last = min(r for r, _ in used), max(r for r, _ in used)
            result["tableRange"] = a1(sheet, first, last + 1, c0, max(c for _, c in used) + 1)
        with self._atomic(ss):
            out = self._write(ss, call.params["range"], body.get("values", []), call.arg("valueInputOption"),
                              body.get("majorDimension"), grow=True,
                              anchor=(max((r for r, _ in used), default=r0 - 1) + 1, c0))
        return 200, {**result, "updates": self._finish_write(out)}

    def _batch_update(self, call: Call) -> tuple:
        ss, requests = self._open(call), (call.body or {}).get("requests", [])
        replies = []
        with self._atomic(ss):
            for i, request in enumerate(requests):
                kind = next(iter(request), "") if isinstance(request, dict) and len(request) == 1 else ""
                handler = getattr(self, f"_req_{kind}", None) if kind else None
                if handler is None:
                    message = (f"Invalid requests[{i}].{kind}: the fake Sheets server does not model {kind}"
                               if kind in _UNMODELLED else
                               f"Invalid JSON payload received. Unknown name \"{kind}\" at 'requests[{i}]': "
                               f"Cannot find field.")
                    raise ApiError(400, message, None if kind in _UNMODELLED else [
                        {"@type": "type.googleapis.com/google.rpc.BadRequest",
                         "fieldViolations": [{"field": f"requests[{i}]", "description": message}]}])
                try:
                    reply = handler(ss, request[kind] or {}, call)
                except (_Invalid, ValueError, TypeError, KeyError, AttributeError) as e:  # malformed arguments too
                    raise ApiError(400, f"Invalid requests[{i}].{kind}: {e}") from None
                replies.append({kind: reply} if reply else {})
        return 200, {"spreadsheetId": ss.id, "replies": replies}

    # -- batchUpdate request kinds; each returns its reply body (or None for {})
    def _sheet(self, ss: Spreadsheet, sheet_id: int) -> Sheet:
        sheet = ss.sheet(sheet_id or 0)
        if sheet is None:
            raise _Invalid(f"No grid with id: {sheet_id}")
        return sheet

    def _bounds(self, ss: Spreadsheet, rng: dict) -> tuple[Sheet, int, int, int, int]:
        """A GridRange (end indexes default to the grid's size) checked against the grid."""
        sheet = self._sheet(ss, rng.get("sheetId", 0))
        r0, r1 = rng.get("startRowIndex", 0), rng.get("endRowIndex", sheet.row_count)
        c0, c1 = rng.get("startColumnIndex", 0), rng.get("endColumnIndex", sheet.column_count)
        if r1 > sheet.row_count or c1 > sheet.column_count or min(r0, c0) < 0 or r0 > r1 or c0 > c1:
            raise _Invalid(f"Range ({a1(sheet, r0, max(r1, r0 + 1), c0, max(c1, c0 + 1))}) exceeds grid limits. "
                           f"Max rows: {sheet.row_count}, max columns: {sheet.column_count}")
        return sheet, r0, r1, c0, c1

    def _req_addSheet(self, ss, args, call):
        props = args.get("properties", {})
        title = props.get("title") or f"Sheet{len(ss.sheets) + 1}"
        if any(s.title.casefold() == title.casefold() for s in ss.sheets):  # titles differ in more than case
            raise _Invalid(f'A sheet with the name "{title}" already exists. Please enter another name.')
        if "sheetId" in props and ss.sheet(props["sheetId"]) is not None:
            raise _Invalid(f"Sheet with id {props['sheetId']} already exists.")
        grid = props.get("gridProperties", {})
        index = min(props.get("index", len(ss.sheets)), len(ss.sheets))
        sheet = self._new_sheet(ss, title, index, grid.get("rowCount", 1000), grid.get("columnCount", 26),
                                props.get("sheetId"))
        sheet.properties.update({k: copy.deepcopy(v) for k, v in props.items() if k not in ("gridProperties", "index")})
        sheet.grid.update({k: v for k, v in grid.items() if k.startswith("frozen")})
        ss.sheets.insert(index, sheet)
        for i, s in enumerate(ss.sheets):
            s.properties["index"] = i
        return {"properties": _props_out(sheet.properties)}

    def _req_deleteSheet(self, ss, args, call):
        sheet = self._sheet(ss, args.get("sheetId", 0))
        if len(ss.sheets) == 1:
            raise _Invalid("You can't remove all the sheets in a document.")
        ss.sheets.remove(sheet)
        for i, s in enumerate(ss.sheets):
            s.properties["index"] = i
        ss.metadata = [m for m in ss.metadata if m["location"].get("sheetId") != sheet.sheet_id]  # goes with it

    def _req_updateSheetProperties(self, ss, args, call):
        props, fields = args.get("properties", {}), args.get("fields")
        if not fields:
            raise _Invalid("At least one field must be updated, but none were specified.")
        sheet = self._sheet(ss, props.get("sheetId", 0))
        title = props.get("title")
        if title and ss.sheet(title) not in (None, sheet):
            raise _Invalid(f'A sheet with the name "{title}" already exists. Please enter another name.')
        masked_update(sheet.properties, {k: v for k, v in props.items() if k != "sheetId"}, parse_mask(fields))
        sheet.properties["sheetId"] = sheet.sheet_id
        for key in ("rowCount", "columnCount"):  # a grid that shrank drops the cells it no longer holds
            sheet.grid.setdefault(key, 1000 if key == "rowCount" else 26)
        for key in [k for k in sheet.cells if k[0] >= sheet.row_count or k[1] >= sheet.column_count]:
            del sheet.cells[key]

    def _req_updateSpreadsheetProperties(self, ss, args, call):
        if not args.get("fields"):
            raise _Invalid("At least one field must be updated, but none were specified.")
        masked_update(ss.properties, args.get("properties", {}), parse_mask(args["fields"]))

    def _req_updateDimensionProperties(self, ss, args, call):
        rng = args.get("range", {})
        sheet = self._sheet(ss, rng.get("sheetId", 0))
        dim = rng.get("dimension")
        if dim not in ("ROWS", "COLUMNS") or not args.get("fields"):
            raise _Invalid("range.dimension and fields are required.")
        size = sheet.row_count if dim == "ROWS" else sheet.column_count
        start, end = rng.get("startIndex", 0), rng.get("endIndex", size)
        if end > size or start > end:
            raise _Invalid(f"Invalid dimension range: {start}..{end} (the sheet has {size} {dim.lower()}).")
        for i in range(start, end):
            masked_update(sheet.dimensions[dim].setdefault(i, {}), args.get("properties", {}),
                          parse_mask(args["fields"]))

    def _req_appendDimension(self, ss, args, call):
        sheet = self._sheet(ss, args.get("sheetId", 0))
        key = {"ROWS": "rowCount", "COLUMNS": "columnCount"}.get(args.get("dimension"))
        if key is None or args.get("length", 0) <= 0:
            raise _Invalid("dimension and a positive length are required.")
        sheet.grid[key] += args["length"]

    def _req_setDataValidation(self, ss, args, call):
        sheet, r0, r1, c0, c1 = self._bounds(ss, args.get("range", {}))
        for key in [(r, c) for r in range(r0, r1) for c in range(c0, c1)]:
            if args.get("rule"):
                sheet.validations[key] = copy.deepcopy(args["rule"])
            else:
                sheet.validations.pop(key, None)

    def _req_addProtectedRange(self, ss, args, call):
        pr = _prune(copy.deepcopy(args.get("protectedRange", {})))
        sheet = self._bounds(ss, pr.setdefault("range", {}))[0]
        taken = {p["protectedRangeId"] for s in ss.sheets for p in s.protected_ranges}
        pr.setdefault("protectedRangeId", self._random.randint(1, 2 ** 31 - 1))
        if pr["protectedRangeId"] in taken:
            raise _Invalid(f"Protected range with id {pr['protectedRangeId']} already exists.")
        pr["requestingUserCanEdit"] = True
        pr.setdefault("editors", {})
        reply = {"protectedRange": {**copy.deepcopy(pr), "range": _range_out(pr["range"])}}
        if call.identity and call.identity not in pr["editors"].get("users", []):  # the owner stays an editor
            pr["editors"]["users"] = pr["editors"].get("users", []) + [call.identity]
        sheet.protected_ranges.append(pr)
        return reply

    def _req_deleteProtectedRange(self, ss, args, call):
        for sheet in ss.sheets:
            for pr in sheet.protected_ranges:
                if pr["protectedRangeId"] == args.get("protectedRangeId"):
                    sheet.protected_ranges.remove(pr)
                    return None
        raise _Invalid(f"No protected range with id: {args.get('protectedRangeId')}")

    def _req_addConditionalFormatRule(self, ss, args, call):
        rule = copy.deepcopy(args.get("rule", {}))
        if not rule.get("ranges") or not ("booleanRule" in rule or "gradientRule" in rule):
            raise _Invalid("A conditional format rule needs ranges and a booleanRule or gradientRule.")
        sheet = [self._bounds(ss, r)[0] for r in rule["ranges"]][0]
        index = args.get("index", 0)
        if not 0 <= index <= len(sheet.conditional_formats):
            raise _Invalid(f"Invalid index: {index}")
        sheet.conditional_formats.insert(index, rule)

    def _req_deleteConditionalFormatRule(self, ss, args, call):
        sheet, index = self._sheet(ss, args.get("sheetId", 0)), args.get("index", 0)
        if not 0 <= index < len(sheet.conditional_formats):
            raise _Invalid(f"No conditional format on sheet: {sheet.sheet_id} at index: {index}")
        rule = sheet.conditional_formats.pop(index)
        return {"rule": {**rule, "ranges": [_range_out(r) for r in rule["ranges"]]}}

    def _put_cell(self, sheet: Sheet, key: tuple, data: dict, mask: dict) -> None:
        """Apply one CellData under a field mask ("*" or userEnteredValue/userEnteredFormat/dataValidation/note)."""
        for name, sub in (mask.items() if "*" not in mask else [(n, {}) for n in
                          ("userEnteredValue", "userEnteredFormat", "dataValidation", "note")]):
            if name == "userEnteredFormat":
                masked_update(sheet.formats.setdefault(key, {}), data.get(name) or {}, sub or {"*": {}})
            elif name in ("userEnteredValue", "dataValidation", "note"):
                store = {"userEnteredValue": sheet.cells, "dataValidation": sheet.validations,
                         "note": sheet.notes}[name]
                value = _extended_value(data.get(name) or {}) if name == "userEnteredValue" else data.get(name)
                if value in (None, ""):
                    store.pop(key, None)
                else:
                    store[key] = copy.deepcopy(value)
            else:
                raise _Invalid(f"The fake Sheets server does not model the cell field {name}")

    def _req_repeatCell(self, ss, args, call):
        if not args.get("fields"):
            raise _Invalid("At least one field must be updated, but none were specified.")
        sheet, r0, r1, c0, c1 = self._bounds(ss, args.get("range", {}))
        mask = parse_mask(args["fields"])
        for key in [(r, c) for r in range(r0, r1) for c in range(c0, c1)]:
            self._put_cell(sheet, key, args.get("cell", {}), mask)

    def _req_updateCells(self, ss, args, call):
        if not args.get("fields"):
            raise _Invalid("At least one field must be updated, but none were specified.")
        if "start" in args:
            start = args["start"]
            sheet = self._sheet(ss, start.get("sheetId", 0))
            r0, c0, r1, c1 = start.get("rowIndex", 0), start.get("columnIndex", 0), sheet.row_count, sheet.column_count
        else:
            sheet, r0, r1, c0, c1 = self._bounds(ss, args.get("range", {}))
        mask, rows = parse_mask(args["fields"]), args.get("rows", [])
        if r0 + len(rows) > r1 or any(c0 + len(row.get("values", [])) > c1 for row in rows):
            raise _Invalid(f"Attempting to write row: {r0 + len(rows) - 1}, beyond the last requested row of: "
                           f"{r1 - 1}")
        for i, row in enumerate(rows):
            for j, data in enumerate(row.get("values", [])):
                self._put_cell(sheet, (r0 + i, c0 + j), data, mask)

    # -- developer metadata
    @staticmethod
    def _project(call: Call) -> str | None:
        """The Cloud project a caller acts for: a service account's project, else its identity."""
        identity = call.identity
        if identity and identity.endswith(".iam.gserviceaccount.com"):
            return identity.split("@", 1)[1].split(".", 1)[0]
        return identity

    def _visible(self, meta: dict, call: Call) -> bool:
        return meta["visibility"] == "DOCUMENT" or meta["_project"] == self._project(call)

    def _metadata_location(self, ss: Spreadsheet, location: dict) -> dict:
        named = [k for k in ("spreadsheet", "sheetId", "dimensionRange") if k in location]
        if len(named) != 1:
            raise _Invalid("A developer metadata location must name one of spreadsheet, sheetId or dimensionRange.")
        if named[0] == "dimensionRange":
            raise _Invalid("the fake Sheets server does not model developer metadata on rows or columns")
        if named[0] == "spreadsheet":
            if location["spreadsheet"] is not True:
                raise _Invalid("location.spreadsheet must be true.")
            return {"locationType": "SPREADSHEET", "spreadsheet": True}
        return {"locationType": "SHEET", "sheetId": self._sheet(ss, location["sheetId"]).sheet_id}

    def _check_metadata_size(self, ss: Spreadsheet, location: dict) -> None:
        here = [m for m in ss.metadata if m["location"] == location]
        if sum(len(m["metadataKey"]) + len(m.get("metadataValue", "")) for m in here) > METADATA_LIMIT:
            raise _Invalid(f"Developer metadata at a location cannot exceed {METADATA_LIMIT} characters.")

    def _metadata_matches(self, ss: Spreadsheet, meta: dict, data_filter: dict, call: Call) -> bool:
        if not self._visible(meta, call):
            return False
        lookup = data_filter.get("developerMetadataLookup")
        if lookup is not None:
            for key in ("metadataId", "metadataKey", "metadataValue", "visibility"):
                if key in lookup and meta.get(key) != lookup[key]:
                    return False
            if "locationType" in lookup and meta["location"]["locationType"] != lookup["locationType"]:
                return False
            where = lookup.get("metadataLocation") or {}
            if "sheetId" in where and meta["location"].get("sheetId") != where["sheetId"]:
                return False
            if where.get("spreadsheet") and not meta["location"].get("spreadsheet"):
                return False
            return True
        if "a1Range" in data_filter:
            sheet = self._locate(ss, data_filter["a1Range"])[0]
        elif "gridRange" in data_filter:
            sheet = self._sheet(ss, data_filter["gridRange"].get("sheetId", 0))
        else:
            raise _Invalid("A data filter needs developerMetadataLookup, a1Range or gridRange.")
        return meta["location"].get("sheetId") == sheet.sheet_id

    def _req_createDeveloperMetadata(self, ss, args, call):
        given = args.get("developerMetadata") or {}
        if not given.get("metadataKey"):
            raise _Invalid("Developer metadata must always have a key specified.")
        if given.get("visibility") not in ("DOCUMENT", "PROJECT"):
            raise _Invalid("Developer metadata must always have a visibility specified.")
        location = self._metadata_location(ss, given.get("location") or {})
        taken = {m["metadataId"] for m in ss.metadata}
        metadata_id = given.get("metadataId")
        if metadata_id is None:
            metadata_id = next(i for i in iter(lambda: self._random.randint(1, 2 ** 31 - 1), None) if i not in taken)
        elif type(metadata_id) is not int or metadata_id <= 0:
            raise _Invalid(f"Metadata ID must be positive, but was {metadata_id}.")
        elif metadata_id in taken:
            raise _Invalid(f"Developer metadata with ID {metadata_id} already exists.")
        meta = {"metadataId": metadata_id, "metadataKey": given["metadataKey"], "location": location,
                "visibility": given["visibility"], "_project": self._project(call)}
        if given.get("metadataValue"):
            meta["metadataValue"] = given["metadataValue"]
        ss.metadata.append(meta)
        self._check_metadata_size(ss, location)
        return {"developerMetadata": _metadata_out(meta)}

    def _req_updateDeveloperMetadata(self, ss, args, call):
        fields, given = args.get("fields"), args.get("developerMetadata") or {}
        if not fields:
            raise _Invalid("At least one field must be updated, but none were specified.")
        mask = parse_mask(fields)
        if set(mask) - {"metadataKey", "metadataValue", "visibility", "location", "*"}:
            raise _Invalid(f"Cannot update the fields {fields} of developer metadata.")
        matched = [m for m in ss.metadata if any(self._metadata_matches(ss, m, f, call)
                                                 for f in args.get("dataFilters") or [])]
        for meta in matched:
            for key in ("metadataKey", "metadataValue", "visibility", "location"):
                if key in mask or "*" in mask:
                    if key == "location":
                        meta["location"] = self._metadata_location(ss, given.get("location") or {})
                    elif given.get(key) not in (None, ""):
                        meta[key] = given[key]
                    elif key == "metadataValue":
                        meta.pop(key, None)
                    else:
                        raise _Invalid(f"Developer metadata must always have a {key} specified.")
            self._check_metadata_size(ss, meta["location"])
        return {"developerMetadata": [_metadata_out(m) for m in matched]}

    def _req_deleteDeveloperMetadata(self, ss, args, call):
        data_filter = args.get("dataFilter") or {}
        gone = [m for m in ss.metadata if self._metadata_matches(ss, m, data_filter, call)]
        ss.metadata = [m for m in ss.metadata if m not in gone]
        return {"deletedDeveloperMetadata": [_metadata_out(m) for m in gone]} if gone else None

    def _metadata_get(self, call: Call) -> tuple:
        ss = self._open(call)
        meta = next((m for m in ss.metadata if str(m["metadataId"]) == call.params["mid"]
                     and self._visible(m, call)), None)
        if meta is None:
            raise ApiError(404, f"No developer metadata with ID: {call.params['mid']}")
        return 200, _metadata_out(meta)

    def _metadata_search(self, call: Call) -> tuple:
        ss, filters = self._open(call), (call.body or {}).get("dataFilters") or []
        matched = []
        try:
            for meta in ss.metadata:
                hits = [f for f in filters if self._metadata_matches(ss, meta, f, call)]
                if hits:
                    matched.append({"developerMetadata": _metadata_out(meta), "dataFilters": hits})
        except _Invalid as e:
            raise ApiError(400, str(e)) from None
        return 200, {"matchedDeveloperMetadata": matched} if matched else {}

    # -- Drive endpoints
    def _file_json(self, ss: Spreadsheet) -> dict:
        return {"kind": "drive#file", "id": ss.id, "name": ss.title, "mimeType": XLSX_MIME if ss.office
                else SPREADSHEET_MIME,
                "createdTime": ss.created, "modifiedTime": ss.modified}

    def _file_out(self, ss: Spreadsheet, call: Call) -> dict:
        return apply_mask(self._file_json(ss), parse_mask(call.arg("fields") or "kind,id,name,mimeType"))

    def _files_create(self, call: Call) -> tuple:
        body = call.body or {}
        if body.get("mimeType") != SPREADSHEET_MIME:
            raise ApiError(400, "The fake Drive only creates Google Sheets spreadsheets.")
        ss = self._new_spreadsheet(body.get("name", "Untitled spreadsheet"), None, "en_US", "Etc/GMT")
        ss.sheets.append(self._new_sheet(ss, "Sheet1", 0, sheet_id=0))
        return 200, self._file_out(ss, call)

    def _files_get(self, call: Call) -> tuple:
        return 200, self._file_out(self._open(call), call)

    def _files_delete(self, call: Call) -> tuple:
        del self._spreadsheets[self._open(call).id]
        return 204, None

    def _permissions_create(self, call: Call) -> tuple:
        ss, body = self._open(call), call.body or {}
        if body.get("type") not in ("user", "group", "domain", "anyone") or not body.get("role"):
            raise ApiError(400, "The permission type and role are required.")
        permission = {"kind": "drive#permission", "id": str(self._random.randint(10 ** 19, 10 ** 20)),
                      "type": body["type"], "role": body["role"]}
        ss.permissions.append({**body, **permission, "query": {k: v[-1] for k, v in call.query.items()}})
        if ss.acl is not None and body.get("emailAddress"):
            ss.acl[body["emailAddress"]] = body["role"]
        return 200, permission

    # -- OAuth token endpoint
    def _token(self, call: Call) -> tuple:
        form = call.body if isinstance(call.body, dict) else {}
        if form.get("grant_type") == JWT_BEARER:
            parts = (form.get("assertion") or "").split(".")
            try:
                if len(parts) != 3:
                    raise ValueError(parts)
                claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
            except ValueError:
                return 400, {"error": "invalid_grant", "error_description": "Invalid JWT: malformed assertion."}
            self.token_grants.append(claims)
            identity, scope = claims.get("sub") or claims.get("iss"), claims.get("scope")
        elif form.get("grant_type") == "refresh_token" and form.get("refresh_token"):
            identity, scope = None, form.get("scope")
        else:
            return 400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type: "
                         + str(form.get("grant_type"))}
        token = "ya29.fake-" + secrets.token_urlsafe(24)
        self._tokens[token] = (identity, scope)
        return 200, {"access_token": token, "expires_in": 3600, "token_type": "Bearer"}
