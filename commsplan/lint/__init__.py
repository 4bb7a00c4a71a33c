"""`commsplan lint`: check a .docx, edited or not, against the layout of Decree 30/2020/NĐ-CP.

    reader.py  the .docx read as Word lays it out (styles, document defaults, theme fonts)
    rules.py   the decree's layout rules over that reading: page, fonts, header, title, body,
               signature block, page numbers

The API never prints: `lint_file` returns the problems; `describe` words one of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import BinaryIO

from commsplan.lint.reader import DocxLayout, UnreadableDocument, read_layout
from commsplan.lint.rules import Problem, check_layout

__all__ = ["DocxLayout", "LintResult", "Problem", "UnreadableDocument", "check_layout", "describe",
           "lint_file", "read_layout", "to_json", "to_text"]


@dataclass(frozen=True)
class LintResult:
    path: str
    problems: list[Problem]

    @property
    def clean(self) -> bool:
        return not self.problems


def lint_file(source: str | os.PathLike | BinaryIO) -> LintResult:
    """The layout problems of one .docx. Raises UnreadableDocument for what is no .docx."""
    path = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(
        source, "name", "")
    return LintResult(str(path), check_layout(read_layout(source)))


def describe(problem: Problem, lang: str = "vi") -> str:
    """Where the problem is and what to do, in one sentence or two."""
    from commsplan.messages import say

    params = dict(problem.params)
    if "part" in params:
        params["part"] = part_name(params["part"])
    return f"{_where(problem).say(lang)}: {say(problem.code, lang, **params)}"


def _where(problem: Problem):
    from commsplan.messages import Phrase

    if problem.place == "paragraph":
        phrase = Phrase("lint-where-paragraph", number=problem.number, start=problem.start)
    elif problem.place == "table":
        phrase = Phrase("lint-where-table", number=problem.number, start=problem.start)
    elif problem.place == "section":
        phrase = Phrase("lint-where-section", number=problem.number)
    else:
        phrase = Phrase("lint-where-document")
    return phrase


def part_name(part: str):
    """The name of a part of the decree's frame, as said inside a message."""
    from commsplan.messages import Phrase

    return {
        "national-name": Phrase("lint-part-national-name"),
        "motto": Phrase("lint-part-motto"),
        "parent-body": Phrase("lint-part-parent-body"),
        "issuer": Phrase("lint-part-issuer"),
        "number": Phrase("lint-part-number"),
        "date": Phrase("lint-part-date"),
        "kind": Phrase("lint-part-kind"),
        "summary": Phrase("lint-part-summary"),
        "addressee": Phrase("lint-part-addressee"),
        "body": Phrase("lint-part-body"),
        "heading": Phrase("lint-part-heading"),
        "legal-ground": Phrase("lint-part-legal-ground"),
        "caption": Phrase("lint-part-caption"),
        "table-text": Phrase("lint-part-table-text"),
        "recipients-label": Phrase("lint-part-recipients-label"),
        "recipient": Phrase("lint-part-recipient"),
        "signer-title": Phrase("lint-part-signer-title"),
        "signer-name": Phrase("lint-part-signer-name"),
        "page-number": Phrase("lint-part-page-number"),
        "annex-label": Phrase("lint-part-annex-label"),
        "annex-name": Phrase("lint-part-annex-name"),
        "annex-reference": Phrase("lint-part-annex-reference"),
    }[part]


def to_text(results: list[LintResult], lang: str = "vi") -> str:
    from commsplan.messages import say

    lines = []
    for result in results:
        if result.clean:
            lines.append(say("lint-clean", lang, path=result.path))
            continue
        lines.append(say("lint-summary", lang, path=result.path, count=len(result.problems)))
        lines += [f"  - {describe(p, lang)}" for p in result.problems]
    return "\n".join(lines)


def to_json(results: list[LintResult], lang: str = "vi") -> str:
    import json

    return json.dumps(
        [{"file": r.path, "clean": r.clean,
          "problems": [{**p.as_dict(), "message": describe(p, lang)} for p in r.problems]}
         for r in results],
        ensure_ascii=False, indent=2)
