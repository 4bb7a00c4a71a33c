"""rollup.toml: the office (for its letterhead and signature), its schools, and how to read them.

    [office]
    parent_body = "UBND XÃ MƯỜNG MƯƠN"          # the body above the office, as printed
    name = "PHÒNG VĂN HÓA - XÃ HỘI"
    name_in_text = "Phòng Văn hóa - Xã hội"     # how sentences name it (optional)
    symbol = "VHXH"
    place = "Mường Mươn"
    signer_title = "PHÓ TRƯỞNG PHÒNG"
    signer_name = "Lò Thị Hoa"
    authority = "KT. TRƯỞNG PHÒNG"               # optional: KT./TM./Q. line above the title
    addressees = ["Ủy ban nhân dân xã Mường Mươn"]   # Kính gửi
    recipients = ["Các trường trực thuộc"]  # Nơi nhận ("- Như trên;" and "Lưu: VT" are added)
    legal_grounds = []                           # optional

    credentials = "khoa-dich-vu.json"   # for the schools' Google Sheets (optional)
    output = "tong-hop"                 # folder of the workbook and the report
    workers = 4                         # schools read at once
    retries = 2                         # further tries of a school that failed for a while

    [quota]                             # Google's read quotas (per minute by default)
    project_reads = 300
    user_reads = 60
    window_seconds = 60

    [[schools]]
    name = "Trường Tiểu học Mường Mươn"  # optional: else the school's own name
    source = "https://docs.google.com/spreadsheets/d/…"   # or a .xlsx, a folder, a submission
    credentials = "khoa-khac.json"       # optional, for this school

Every name and title is data: a commune office, the province's Sở, or a district office of
the old chain are the same file with other words. Paths are relative to the file's folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commsplan.errors import ConfigError
from commsplan.sources.quota import PROJECT_READS_PER_MINUTE, USER_READS_PER_MINUTE, Quotas

OFFICE_KEYS: dict[str, type] = {
    "parent_body": str, "name": str, "name_in_text": str, "symbol": str, "place": str,
    "signer_title": str, "signer_name": str, "authority": str, "addressees": list,
    "recipients": list, "legal_grounds": list,
}
OFFICE_REQUIRED = ("name", "symbol", "place", "signer_title", "signer_name")
TOP_KEYS: dict[str, type | tuple] = {
    "office": dict, "schools": list, "credentials": str, "oauth_client": str, "output": str,
    "workers": int, "retries": int, "quota": dict,
}
SCHOOL_KEYS: dict[str, type] = {"name": str, "source": str, "credentials": str,
                                "oauth_client": str}
QUOTA_KEYS: dict[str, type | tuple] = {"project_reads": int, "user_reads": int,
                                       "window_seconds": (int, float)}
_WANTED = {
    str: ("một chữ trong ngoặc kép", "text in double quotes"),
    list: ('một danh sách trong ngoặc vuông, ví dụ ["…", "…"]',
           'a list in square brackets, e.g. ["…", "…"]'),
    dict: ("một bảng [tên] với các mục của nó", "a [table] with its items"),
    int: ("một số nguyên, ví dụ 4", "a whole number, e.g. 4"),
    (int, float): ("một số, ví dụ 60", "a number, e.g. 60"),
}


@dataclass(frozen=True)
class Office:
    """The office that writes the roll-up: its letterhead, addressees and signature."""

    parent_body: str
    name: str
    symbol: str
    place: str
    signer_title: str
    signer_name: str
    name_in_text: str = ""
    authority: str = ""
    addressees: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    legal_grounds: tuple[str, ...] = ()


@dataclass(frozen=True)
class School:
    """A school as the config lists it (a folder stands for every .xlsx in it)."""

    source: str
    name: str = ""
    credentials: str | None = None
    oauth_client: str | None = None


@dataclass
class RollupConfig:
    office: Office
    schools: list[School]
    output: Path
    workers: int = 4
    retries: int = 2
    quotas: Quotas = field(default_factory=Quotas)


def load_rollup_config(path: str | os.PathLike) -> RollupConfig:
    """Read and validate rollup.toml (ConfigError naming the file and the key)."""
    import tomllib

    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (FileNotFoundError, IsADirectoryError):
        raise ConfigError("config-not-found", path=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config-invalid", path=str(path), detail=str(exc)) from None
    _check(path, raw, TOP_KEYS, "")
    office = raw.get("office") or {}
    _check(path, office, OFFICE_KEYS, "office.")
    for key in OFFICE_REQUIRED:
        if not str(office.get(key, "")).strip():
            raise ConfigError("rollup-config-missing", path=str(path), key=f"office.{key}")
    quota = raw.get("quota") or {}
    _check(path, quota, QUOTA_KEYS, "quota.")
    folder = path.parent
    schools = []
    for index, entry in enumerate(raw.get("schools") or []):
        where = f"schools[{index + 1}]."
        if not isinstance(entry, dict):
            raise _bad(path, where.rstrip("."), entry, dict)
        _check(path, entry, SCHOOL_KEYS, where)
        if not entry.get("source"):
            raise ConfigError("rollup-config-missing", path=str(path), key=where + "source")
        schools.append(School(
            source=_located(folder, entry["source"]), name=entry.get("name", ""),
            credentials=_file(folder, entry.get("credentials") or raw.get("credentials")),
            oauth_client=_file(folder, entry.get("oauth_client") or raw.get("oauth_client"))))
    if not schools:
        raise ConfigError("rollup-no-schools", path=str(path))
    for key in ("workers", "retries"):
        if key in raw and raw[key] < (1 if key == "workers" else 0):
            raise _bad(path, key, raw[key], int)
    return RollupConfig(
        office=Office(**{k: tuple(v) if isinstance(v, list) else v for k, v in office.items()
                         if k in OFFICE_KEYS} | {"parent_body": office.get("parent_body", "")}),
        schools=schools,
        output=Path(os.path.normpath(folder / raw.get("output", "."))),
        workers=raw.get("workers", 4),
        retries=raw.get("retries", 2),
        quotas=Quotas(project_limit=quota.get("project_reads", PROJECT_READS_PER_MINUTE),
                      user_limit=quota.get("user_reads", USER_READS_PER_MINUTE),
                      window=float(quota.get("window_seconds", 60))),
    )


def _check(path: Path, table: dict, keys: dict, prefix: str) -> None:
    for key, value in table.items():
        if key not in keys:
            raise ConfigError("config-unknown-key", path=str(path), key=prefix + key,
                              known=", ".join(prefix + k for k in keys))
        wanted = keys[key]
        if not isinstance(value, wanted) or isinstance(value, bool) or (
                wanted is list and key != "schools"
                and not all(isinstance(v, str) for v in value)):
            raise _bad(path, prefix + key, value, wanted)


def _bad(path: Path, key: str, value: Any, wanted) -> ConfigError:
    import json

    vi, en = _WANTED[wanted]
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return ConfigError("config-bad-value", path=str(path), key=key, value=shown, wanted=vi,
                       wanted_en=en)


def _located(folder: Path, source: str) -> str:
    from commsplan.sources.locate import is_google_sheet

    return source if is_google_sheet(source) else os.path.normpath(folder / source)


def _file(folder: Path, name: str | None) -> str | None:
    return os.path.normpath(folder / name) if name else None
