"""docs/api.md, the library's reference, generated from the docstrings and signatures of every
name in `commsplan.__all__`.

    .venv/bin/python scripts/api_reference.py docs/api.md
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from pathlib import Path

import commsplan

SECTIONS = [
    ("Read and check", ["open_book", "check", "Book", "Report", "Finding"]),
    ("Documents as values, saved and converted",
     ["plan_document", "report_document", "Document", "save_document", "Saved", "to_pdf"]),
    ("Whole runs, as the commands do them",
     ["write_plan", "write_report", "Written", "generate", "Config", "load_config",
      "Generated", "Event", "Progress", "Phrase"]),
    ("Failures", ["CommsplanError", "SourceError", "OutputError", "ConfigError", "DataError",
                  "ReportError"]),
]


def reference() -> str:
    """The text of docs/api.md."""
    listed = [name for _, names in SECTIONS for name in names]
    missing = sorted(set(commsplan.__all__) - set(listed))
    if missing:
        raise SystemExit(f"scripts/api_reference.py: add {missing} to a section")
    lines = [
        "# The commsplan library",
        "",
        "<!-- Generated from the docstrings by `python scripts/api_reference.py docs/api.md`; "
        "do not edit by hand. -->",
        "",
        "`import commsplan` is light (nothing heavy is imported until a function is called) "
        "and never prints: progress goes to an optional `progress` callback (an `Event` each "
        "step), results come back as values, failures are `CommsplanError`s with a message "
        "key, its parameters and an exit code; bad data is a `Finding` in a `Report`. The "
        "package ships `py.typed`.",
        "",
    ]
    for title, names in SECTIONS:
        lines += [f"## {title}", ""]
        for name in names:
            lines += _entry(name, getattr(commsplan, name))
    return "\n".join(lines).rstrip() + "\n"


def _entry(name: str, value: object) -> list[str]:
    if name == "Progress":  # a type alias: no docstring of its own
        return [f"### `{name}`", "",
                "`Callable[[Event], None]`: the type of the `progress` callback of the runs.",
                ""]
    if inspect.isclass(value):
        return _class(name, value)
    signature = _signature(value)
    return [f"### `{name}{signature}`", "", _doc(value), ""]


def _class(name: str, cls: type) -> list[str]:
    lines = [f"### `{name}`", ""]
    if cls.__name__ != name:
        lines += [f"(`{cls.__module__}.{cls.__qualname__}`)", ""]
    lines += [_doc(cls), ""]
    if dataclasses.is_dataclass(cls):
        lines.append("Fields: " + ", ".join(
            f"`{f.name}: {_annotation(f.type)}`" for f in dataclasses.fields(cls)) + ".")
        lines.append("")
    members = []
    for member, attribute in sorted(vars(cls).items()):
        if member.startswith("_") or not (inspect.isfunction(attribute)
                                          or isinstance(attribute, property)):
            continue
        doc = inspect.getdoc(attribute)
        if not doc:
            continue
        if isinstance(attribute, property):
            members.append(f"- `{member}`: {_one_line(doc)}")
        else:
            members.append(f"- `{member}{_signature(attribute)}`: {_one_line(doc)}")
    if members:
        lines += members + [""]
    return lines


class _Plain(str):
    """An annotation written as text (PEP 563), shown as written, without quotes."""

    def __repr__(self) -> str:
        return str(self)


def _signature(function: object) -> str:
    signature = inspect.signature(function)  # type: ignore[arg-type]

    def plain(annotation: object) -> object:
        return _Plain(annotation) if isinstance(annotation, str) else annotation

    return str(signature.replace(
        parameters=[p.replace(annotation=plain(p.annotation))
                    for p in signature.parameters.values()],
        return_annotation=plain(signature.return_annotation)))


def _annotation(value: object) -> str:
    return value if isinstance(value, str) else getattr(value, "__name__", str(value))


def _doc(value: object) -> str:
    return inspect.getdoc(value) or ""


def _one_line(doc: str) -> str:
    return " ".join(doc.split())


if __name__ == "__main__":
    text = reference()
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
