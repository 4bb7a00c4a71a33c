"""Templates → body blocks: jinja2 (sandboxed) writes Markdown, markdown-it-py reads it.

A template is Markdown with jinja2 tags. Mapping onto the frame's blocks (`nd30`):

    # I. MỤC ĐÍCH          section heading (printed in capitals)
    ## 1. Mục đích          sub-heading
    ### a) …                minor heading
    text                    body paragraph; **bold** and *italic* inside it
    - item / + item         "- item" / "+ item" paragraph (the marker is kept as text)
    1. item                 "1. item" paragraph
    ```{table} topics       context["tables"]["topics"], an nd30.Table
    ```{image} chart        context["images"]["chart"], an nd30.Image
    ```{pagebreak}          a page break

Every value a template prints with {{ … }} is escaped for Markdown, so data always comes out
as the literal text it is; only the template's own markup is read as Markdown. A template that
prints markup it built itself (a macro's output) marks it with the `markdown` filter. Filters:
`markdown`, `lower_first` ("Trường X" → "trường X"), `pad2` (1 → "01"), `count(noun)`
(3, "tin bài" → "03 tin bài"), the sentence filters of `commsplan.wording` (`plan_subject`,
`about`, `carried_out`), and jinja2's own.
Indentation is ignored (the decree's lists are flat), so a template may indent freely.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar, cast

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt

from commsplan import wording
from commsplan.documents.nd30 import (
    Block,
    Column,
    Image,
    PageBreak,
    Paragraph,
    Run,
    Table,
    clean_text,
)
from commsplan.errors import CommsplanError

__all__ = [
    "Column",
    "Image",
    "Markdown",
    "Table",
    "TemplateError",
    "escape_markdown",
    "make_environment",
    "markdown_to_blocks",
    "render_markdown",
    "render_template",
]


DIRECTIVES = ("table", "image", "pagebreak")


class TemplateError(CommsplanError):
    """A template could not be found, read, filled in or laid out."""


class Markdown(str):
    """Markdown that the template itself wrote: printed as markup, not escaped."""


# Escaping data --------------------------------------------------------------------------------
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_LINE_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*")
_END_SPACES = re.compile(r"^ +| +$")


def escape_markdown(value: object) -> str:
    """Markdown source that reads back as exactly this value's text, on one line."""
    text = clean_text(value)
    # A line break in data would end a heading or a list item: the template owns the lines.
    text = _LINE_BREAKS.sub(" ", text).replace("\t", " ")
    # CommonMark allows a backslash before any ASCII punctuation, which then is plain text.
    text = _MD_PUNCTUATION.sub(r"\\\1", text)
    # Spaces at either end would be dropped by the parser; keep them as character references.
    return _END_SPACES.sub(lambda m: "&#32;" * len(m.group()), text)


def _finalize(value: object) -> str:
    if isinstance(value, Markdown):
        return value
    if _is_empty(value):  # an empty cell prints nothing, not "None" or "nan"
        return ""
    return escape_markdown(value)


def _is_empty(value: object) -> bool:
    """None, and the float NaN / NaT / NA that pandas uses for an empty cell."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


# jinja2 ---------------------------------------------------------------------------------------
def lower_first(value: object) -> str:
    """The text with its first letter in lower case: "Trường X" → "trường X"."""
    text = "" if value is None else str(value)
    return text[:1].lower() + text[1:]


def pad2(value: int | float | str | None) -> str:
    """A number with at least two digits, as documents write counts: 1 → "01"."""
    if value is None or value == "":
        return ""
    return f"{int(value):02d}"


def count(value: int | float | str | None, noun: str = "") -> str:
    """A count and its noun: (3, "tin bài") → "03 tin bài"; nothing for no number."""
    number = pad2(value)
    return f"{number} {noun}".strip() if number else ""


FILTERS = {"markdown": Markdown, "lower_first": lower_first, "pad2": pad2, "count": count,
           **wording.FILTERS}

Folder = str | os.PathLike | Traversable  # a directory, or a package's folder (importlib.resources)


class FolderLoader(jinja2.BaseLoader):
    """The templates of one folder: a directory, or a package's folder from importlib.resources."""

    def __init__(self, folder: Folder) -> None:
        self.folder = Path(folder) if isinstance(folder, (str, os.PathLike)) else folder
        self.names: dict[str, str] = {}  # the file name each template is compiled under → its name

    def get_source(self, environment, template):
        resource = self.folder
        for part in split_template_path(template):  # refuses "..": nothing outside the folder
            resource = resource.joinpath(part)
        if not resource.is_file():
            raise jinja2.TemplateNotFound(template)
        # jinja2 compiles the template under this name, and tracebacks show it
        if isinstance(resource, os.PathLike):
            filename = os.fspath(resource)
        else:
            filename = f"{self.folder}/{template}"
        self.names[filename] = template
        return resource.read_text("utf-8"), filename, lambda: True


def make_environment(
    folder: Folder, filters: Mapping[str, Callable] | None = None
) -> SandboxedEnvironment:
    """The sandboxed jinja2 environment for the templates in folder, with FILTERS and filters."""
    environment = SandboxedEnvironment(
        loader=FolderLoader(folder),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
        auto_reload=False,
    )
    environment.filters.update(FILTERS)
    environment.filters.update(filters or {})
    return environment


def render_markdown(
    folder: Folder,
    name: str,
    context: Mapping[str, object],
    *,
    filters: Mapping[str, Callable] | None = None,
) -> str:
    """The Markdown text of template `name` in folder, filled in with context."""
    return _render(folder, name, context, filters)[0]


def _render(
    folder: Folder,
    name: str,
    context: Mapping[str, object],
    filters: Mapping[str, Callable] | None,
) -> tuple[str, str]:
    environment = make_environment(folder, filters)
    loader = cast(FolderLoader, environment.loader)
    try:
        template = environment.get_template(name)
        source = loader.get_source(environment, name)[0]
        return template.render(dict(context)), source
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            "template-not-found", template=exc.name or name, folder=str(folder)
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            "template-syntax", template=exc.name or name, line=exc.lineno, detail=exc.message
        ) from exc
    except Exception as exc:  # noqa: BLE001 (anything a template does wrong is the template's error)
        if isinstance(exc, jinja2.UndefinedError):
            key = "template-undefined"
        elif isinstance(exc, jinja2.sandbox.SecurityError):
            key = "template-forbidden"
        else:
            key = "template-failed"
        where, line = _template_frame(exc, loader, name)
        raise TemplateError(
            key, template=where, line=line, detail=str(exc) or type(exc).__name__
        ) from exc


def _template_frame(exc: BaseException, loader: FolderLoader, name: str) -> tuple[str, object]:
    """The template and line where exc was raised (jinja2 rewrites its traceback so)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename in loader.names:
            return loader.names[frame.filename], frame.lineno
    return name, "?"


# Markdown -------------------------------------------------------------------------------------
# No indented code blocks and no HTML: a "<" in a template is just a character.
_PARSER = MarkdownIt("commonmark").disable(["code", "html_block", "html_inline"])
_DIRECTIVE = re.compile(r"\{(\w+)\}\s*(.*?)\s*")
# Indentation means nothing in the decree's flat lists, and a template indents inside its
# {% for %} blocks: every line starts at the margin before Markdown reads it.
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)


def render_template(
    folder: Folder,
    name: str,
    context: Mapping[str, object],
    *,
    filters: Mapping[str, Callable] | None = None,
) -> list[Block]:
    """The body blocks of template `name` in folder, filled in with context.

    Directives read context["tables"] (name → nd30.Table) and context["images"]
    (name → nd30.Image); filters add to (or replace) FILTERS.
    """
    text, source = _render(folder, name, context, filters)
    return markdown_to_blocks(
        text,
        tables=cast("Mapping[str, Table]", context.get("tables") or {}),
        images=cast("Mapping[str, Image]", context.get("images") or {}),
        template=name,
        source=source,
    )


def markdown_to_blocks(
    text: str,
    *,
    tables: Mapping[str, Table] | None = None,
    images: Mapping[str, Image] | None = None,
    template: str = "",
    source: str | None = None,
) -> list[Block]:
    """Body blocks from rendered Markdown; template and source only make error messages exact."""
    tables, images = tables or {}, images or {}
    tokens = _PARSER.parse(_LEADING_SPACE.sub("", text))
    blocks: list[Block] = []
    lists: list[str] = []  # the open lists' token types, innermost last
    marker: str | None = None  # the marker of a list item whose first paragraph is still to come

    def fail(key: str, token, **params: object) -> TemplateError:
        line = _source_line(source, token) or (token.map[0] + 1 if token.map else "?")
        return TemplateError(key, template=template, line=line, **params)

    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1:])
            runs = _inline_runs(tokens[index + 1])
            if level == 1:
                runs = [replace(run, text=run.text.upper()) for run in runs]
            _append(blocks, Paragraph(f"heading{min(level, 3)}", runs))
        elif kind == "paragraph_open":
            runs = _inline_runs(tokens[index + 1])
            if marker is not None:
                _append(blocks, Paragraph("bullet", [Run(marker + " "), *runs]))
                marker = None
            else:
                _append(blocks, Paragraph("bullet" if lists else "body", runs))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            if lists[-1] == "bullet_list_open":
                marker = "+" if token.markup == "+" else "-"
            else:
                marker = f"{token.info}{token.markup}"
        elif kind == "list_item_close":
            marker = None
        elif kind == "fence":
            found = _DIRECTIVE.fullmatch(token.info.strip())
            if found is None:  # a plain fenced block: its lines, as they are
                blocks.extend(
                    Paragraph.plain("body", line)
                    for line in token.content.splitlines()
                    if line.strip()
                )
                continue
            name, argument = found.groups()
            if token.content.strip():
                raise fail("template-directive-content", token, name=name)
            if name == "table":
                if argument not in tables:
                    raise fail("template-missing-table", token, name=argument, known=_names(tables))
                blocks.append(_checked(tables[argument], Table))
            elif name == "image":
                if argument not in images:
                    raise fail("template-missing-image", token, name=argument, known=_names(images))
                blocks.append(_checked(images[argument], Image))
            elif name == "pagebreak":
                blocks.append(PageBreak())
            else:
                raise fail(
                    "template-unknown-directive", token, name=name, known=", ".join(DIRECTIVES)
                )
    return blocks


def _inline_runs(inline) -> list[Run]:
    """Runs of an inline token: text with its bold/italic; line breaks kept, links as text."""
    runs: list[Run] = []
    bold = italic = 0
    for child in inline.children or []:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
            continue
        if kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
            continue
        if kind in ("text", "code_inline", "html_inline"):
            text = child.content
            if not text:
                continue
        elif kind == "softbreak":
            text = " "
        elif kind == "hardbreak":
            text = "\n"
        elif kind == "image":
            text = "".join(grandchild.content for grandchild in child.children or [])
        else:  # link_open, link_close: the link's text is kept, the address is not printed
            continue
        run = Run(text, bold > 0, italic > 0)
        if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
            runs[-1] = replace(runs[-1], text=runs[-1].text + text)
        else:
            runs.append(run)
    return runs


def _append(blocks: list[Block], paragraph: Paragraph) -> None:
    if paragraph.text.strip() not in ("", "-", "+"):
        blocks.append(paragraph)


Checked = TypeVar("Checked", Table, Image)


def _checked(value: object, kind: type[Checked]) -> Checked:
    if not isinstance(value, kind):
        raise TypeError(f"expected an nd30.{kind.__name__}, got {type(value).__name__}")
    return value


def _names(mapping: Mapping[str, object]) -> str:
    return ", ".join(sorted(mapping)) or "—"


def _source_line(source: str | None, token) -> int | None:
    """The line of the template that wrote this directive, when it is written there literally."""
    if source is None:
        return None
    wanted = re.compile(r"\s*(`{3,}|~{3,})\s*" + re.escape(token.info.strip()) + r"\s*")
    lines = [i for i, line in enumerate(source.splitlines(), 1) if wanted.fullmatch(line)]
    return lines[0] if len(lines) == 1 else None
