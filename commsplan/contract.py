"""The sheet contract: sheets_schema/*.yaml loaded once into typed objects."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable

from commsplan.errors import ContractError
from commsplan.text import fold

# sheets_schema/ in the repository, installed inside the package.
SCHEMA_DIR = files("commsplan.sheets_schema")
TYPES = ("text", "multiline", "integer", "date", "url", "bool", "list")
TRUE_WORDS = ("có", "co", "x", "yes", "true", "1", "đúng")
FALSE_WORDS = ("không", "khong", "no", "false", "0", "sai")


@dataclass(frozen=True)
class Column:
    """One column of a table tab, or one item of a fields tab."""

    key: str
    header: str
    type: str = "text"
    required: bool = False
    unique: bool = False
    repeat: bool = False
    allowed: tuple[str, ...] = ()
    # (stable key, allowed value) for the values the code names (`allowed` given as a mapping)
    allowed_keys: tuple[tuple[str, str], ...] = ()
    ref: str | None = None  # "tab_key.column_key"
    aliases: tuple[str, ...] = ()
    help: str = ""
    width: int = 16
    min: int | None = None  # an integer column's bounds, both given or neither
    max: int | None = None
    legacy: bool = False  # read from older workbooks; new ones (template, init) leave it out

    @functools.cached_property  # asked for every header and tab of every workbook read
    def spellings(self) -> frozenset[str]:
        """Folded header spellings that name this column."""
        return frozenset(fold(s) for s in (self.header, *self.aliases))

    def value(self, key: str) -> str:
        """The allowed value a stable key names: scope's 'whole_school' → 'Toàn trường'."""
        for own, value in self.allowed_keys:
            if own == key:
                return value
        raise KeyError(f"{self.key}: no allowed value with the key {key!r}")


@dataclass(frozen=True)
class Tab:
    """One tab of the shared sheet."""

    key: str
    name: str
    layout: str  # "table" or "fields"
    order: int
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    help: str = ""
    required: bool = True
    item_header: str = "Mục"
    value_header: str = "Giá trị"

    @functools.cached_property  # asked for every header and tab of every workbook read
    def spellings(self) -> frozenset[str]:
        return frozenset(fold(s) for s in (self.name, *self.aliases))

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.key}.{key}")

    def match_header(self, header: str) -> Column | None:
        """The column that a header cell as typed names, if any."""
        folded = fold(header)
        for column in self.columns:
            if folded in column.spellings:
                return column
        return None


@dataclass(frozen=True)
class Contract:
    """All tabs, in workbook order."""

    tabs: tuple[Tab, ...] = field(default_factory=tuple)

    def tab(self, key: str) -> Tab:
        for tab in self.tabs:
            if tab.key == key:
                return tab
        raise KeyError(key)

    def match_tab(self, name: str) -> Tab | None:
        folded = fold(name)
        for tab in self.tabs:
            if folded in tab.spellings:
                return tab
        return None

    def assign_tabs(self, names) -> tuple[dict[str, str], list[tuple[Tab, str, list[str]]]]:
        """The source tab read for each contract tab (key → name), and the contract tabs that
        several source tabs name: (tab, the name read, every name in source order).

        Of several names, the one spelled like the contract's own name is read, else the first.
        """
        named: dict[str, list[str]] = {}
        for name in names:
            tab = self.match_tab(name)
            if tab is not None and name not in named.setdefault(tab.key, []):
                named[tab.key].append(name)
        chosen: dict[str, str] = {}
        several: list[tuple[Tab, str, list[str]]] = []
        for key, candidates in named.items():
            tab = self.tab(key)
            chosen[key] = next((n for n in candidates if fold(n) == fold(tab.name)), candidates[0])
            if len(candidates) > 1:
                several.append((tab, chosen[key], candidates))
        return chosen, several

    def resolve_ref(self, ref: str) -> tuple[Tab, Column]:
        tab_key, column_key = ref.split(".")
        tab = self.tab(tab_key)
        return tab, tab.column(column_key)

    def allowed_value(self, ref: str, key: str) -> str:
        """An allowed value by its stable key: ("cadence.scope", "per_unit") → 'Từng đơn vị'."""
        return self.resolve_ref(ref)[1].value(key)

    def allowed_values(self, column: Column) -> tuple[str, ...]:
        """Fixed allowed values of a column, following a ref to a column with fixed values."""
        if column.allowed:
            return column.allowed
        if column.ref:
            _, target = self.resolve_ref(column.ref)
            return target.allowed
        return ()


def _column(raw: dict, where: str) -> Column:
    unknown = set(raw) - {f for f in Column.__dataclass_fields__} | ({"allowed_keys"} & set(raw))
    if unknown or "key" not in raw or "header" not in raw:
        raise ContractError("contract-invalid", detail=f"{where}: key/header, {sorted(unknown)}")
    if raw.get("type", "text") not in TYPES:
        raise ContractError("contract-invalid", detail=f"{where}: type {raw['type']!r}")
    if "min" in raw or "max" in raw:
        low, high = raw.get("min"), raw.get("max")
        if (raw.get("type") != "integer" or type(low) is not int or type(high) is not int
                or low > high):
            raise ContractError("contract-invalid",
                                detail=f"{where}: min and max: two whole numbers, min ≤ max, "
                                "on an integer column")
    allowed = raw.get("allowed", ())
    keyed = allowed if isinstance(allowed, dict) else {}
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in keyed.items()):
        raise ContractError("contract-invalid", detail=f"{where}: allowed: key: value, as text")
    return Column(
        **{
            **raw,
            "allowed": tuple(keyed.values()) if keyed else tuple(allowed),
            "allowed_keys": tuple(keyed.items()),
            "aliases": tuple(raw.get("aliases", ())),
        }
    )


def _tab(raw: dict, where: str) -> Tab:
    items = raw.get("columns") or raw.get("fields")
    if not items:
        raise ContractError("contract-invalid", detail=f"{where}: no columns")
    columns = tuple(_column(c, f"{where}/{c.get('key', '?')}") for c in items)
    return Tab(
        key=raw["key"],
        name=raw["name"],
        layout=raw.get("layout", "table"),
        order=raw.get("order", 99),
        columns=columns,
        aliases=tuple(raw.get("aliases", ())),
        help=raw.get("help", ""),
        required=raw.get("required", True),
        item_header=raw.get("item_header", "Mục"),
        value_header=raw.get("value_header", "Giá trị"),
    )


@functools.cache
def load_contract(folder: Traversable = SCHEMA_DIR) -> Contract:
    """Read and validate every tab file of the contract."""
    import yaml  # only commands that read data pay for it

    tab_files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")),
                       key=lambda f: f.name) if folder.is_dir() else []
    if not tab_files:
        raise ContractError("contract-invalid", detail=f"no *.yaml in {folder}")
    # libyaml's parser when PyYAML has it: the pure-Python one took a quarter of a report's time
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tabs = tuple(sorted((_tab(yaml.load(f.read_text("utf-8"), loader), f.name) for f in tab_files),
                        key=lambda t: t.order))
    contract = Contract(tabs)
    for tab in tabs:
        for column in tab.columns:
            if column.ref:
                try:
                    contract.resolve_ref(column.ref)
                except (KeyError, ValueError):
                    detail = f"{tab.key}.{column.key}: ref {column.ref!r}"
                    raise ContractError("contract-invalid", detail=detail) from None
    return contract


def allowed_value(ref: str, key: str) -> str:
    """An allowed value of the packaged contract by its stable key, so that the code never
    spells a value the sheet's staff choose from: ("cadence.scope", "per_unit") → 'Từng đơn vị'."""
    return load_contract().allowed_value(ref, key)
