"""The floors of the house, read from every import in the source (those inside functions
too): the Book, the readers and the checks never reach up to the documents or the CLI; what the
checks build on never reaches up to them; the readers of sheets never use the writers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "commsplan"

DOCUMENTS_AND_CLI = ("commsplan.documents", "commsplan.cli")
CHECKS = ("commsplan.checks",)
WRITERS = ("commsplan.sheet_writers",)
# What the checks are built on: the Book and its readers, the findings, the contract, the plan
# model and the small helpers under them.
BELOW_THE_CHECKS = ("commsplan.book", "commsplan.sources", "commsplan.findings",
                    "commsplan.contract", "commsplan.plan", "commsplan.periods",
                    "commsplan.values", "commsplan.text", "commsplan.messages",
                    "commsplan.errors", "commsplan.suggest")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, relative ones resolved, names imported from
    a package counted as its modules (`from commsplan import cli`)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


SOURCES = sorted(PACKAGE.rglob("*.py"))
ALL_IMPORTS = {module_name(path): imported(path) for path in SOURCES}


def reaching(modules: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return [f"{name}:{line} imports {target}"
            for name, imports in ALL_IMPORTS.items() if within(name, modules)
            for line, target in imports if within(target, forbidden)]


def test_the_source_is_read():
    names = set(ALL_IMPORTS)
    assert {"commsplan.book", "commsplan.cli", "commsplan.checks.run",
            "commsplan.documents.report", "commsplan.sources.workbook"} <= names
    # a function-level import is seen: the library's runs import the documents inside them
    assert any(within(target, ("commsplan.documents",))
               for _, target in ALL_IMPORTS["commsplan.runs"])


@pytest.mark.parametrize("modules", [("commsplan.book",), ("commsplan.sources",), CHECKS],
                         ids=["book", "sources", "checks"])
def test_the_book_the_readers_and_the_checks_never_import_the_documents_or_the_cli(modules):
    assert reaching(modules, DOCUMENTS_AND_CLI) == []


def test_nothing_below_the_checks_imports_them_or_what_is_above_them():
    assert reaching(BELOW_THE_CHECKS, CHECKS + DOCUMENTS_AND_CLI + WRITERS) == []


def test_the_readers_of_sheets_never_import_the_writers():
    assert reaching(("commsplan.sources",), WRITERS) == []


def test_a_reach_upwards_is_caught(tmp_path):
    module = tmp_path / "commsplan" / "sources" / "odd.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f():\n    from ..documents import report\n"
                      "    from commsplan import cli\n", "utf-8")
    targets = [target for _, target in imported(module, tmp_path)]
    assert targets == ["commsplan.documents", "commsplan.documents.report", "commsplan",
                       "commsplan.cli"]


def test_python_docx_is_used_through_its_adapter_only():
    users = {name for name, imports in ALL_IMPORTS.items()
             for _, target in imports if within(target, ("docx",))}
    assert users == {"commsplan.documents.docx_io"}
