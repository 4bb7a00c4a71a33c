"""What every document takes from the Book: the heading, signers, recipients, numbered topics."""

from __future__ import annotations

import datetime as dt
import functools
from importlib.resources import files

import pandas as pd

from commsplan.book import Book
from commsplan.contract import allowed_value
from commsplan.periods import first_year_named
from commsplan.plan import PERIOD_WORDS, Plan, read_span

# templates/ in the repository, installed inside the package.
TEMPLATES = files("commsplan.templates")


def first_year(book: Book) -> int:
    """The plan period's first year (2024 for '2024-2025'), else the year of its date."""
    span = read_span(book)
    if span is not None:
        return int(span.key[:4])
    if (named := first_year_named(book.general.get("plan_period"))) is not None:
        return named
    for key in ("plan_date", "school_year_end"):
        if book.general.get(key):
            return book.general.get(key).year
    return dt.date.today().year


def recipients_for(book: Book, type_code: str) -> list[str]:
    """The recipient lines whose Văn bản column names this document type (KH, BC)."""
    return [line for line, _ in _recipient_rows(book, type_code)]


def addressed_recipients(book: Book, type_code: str) -> tuple[list[str], list[str]]:
    """A document sent up: the bodies its "Kính gửi:" names (the rows marked in the column
    Kính gửi, as the line names them) and the other recipients."""
    from commsplan.wording import addressee

    rows = _recipient_rows(book, type_code)
    addressees = [addressee(line) for line, marked in rows if marked]
    return [a for a in addressees if a], [line for line, marked in rows if not marked]


def _recipient_rows(book: Book, type_code: str) -> list[tuple[str, bool]]:
    """(recipient, marked Kính gửi) for the rows whose Văn bản names this document type."""
    data = book["recipients"].data
    rows = []
    for _, row in data.iterrows():
        record = _values(row)
        documents = {d.upper() for d in (record["documents"] or ())}
        if record["recipient"] and type_code in documents:
            rows.append((record["recipient"], record.get("addressee") is True))
    return rows


def name_in_text(book: Book, key: str) -> str:
    """How a name of the general tab (school_name, parent_body) reads in a sentence: the item
    "… trong câu văn" when given, else the name as typed (or as the rule writes a name typed in
    capitals)."""
    from commsplan.wording import running_name

    general = book.general
    return running_name(general.get(f"{key}_in_text") or general.get(key, ""))


def _values(record: pd.Series) -> dict:
    """A row's values with None for every empty cell: a row of text columns comes from
    pandas with NaN there, which is truthy and prints as "nan"."""
    return {key: None if not isinstance(value, (tuple, list)) and pd.isna(value) else value
            for key, value in record.items()}


# Plan text, channels, cadence -----------------------------------------------------------

def plan_paragraphs(book: Book, section: str) -> list[str]:
    """The paragraphs of one section of the plan-text tab ("purposes", "requirements": the
    section's key in the contract), in sheet order."""
    section = allowed_value("plan_text.section", section)
    data = book["plan_text"].data
    rows = data[data["section"].map(lambda s: _same(s, section)) & data["text"].notna()]
    return list(rows["text"])


def duties(book: Book) -> list[dict]:
    """Each role with its duties, roles in order of first appearance."""
    data = book["plan_text"].data
    duties = allowed_value("plan_text.section", "duties")
    rows = data[data["section"].map(lambda s: _same(s, duties)) & data["text"].notna()]
    roles: dict[str, list[str]] = {}
    for role, text in zip(rows["role"], rows["text"], strict=False):
        roles.setdefault(role or "", []).extend(text.split("\n"))
    return [{"name": name, "duties": items} for name, items in roles.items()]


def channels(book: Book) -> list[dict]:
    data = book["channels"].data
    return [
        {key: r[key] for key in ("name", "kind", "address", "description")}
        for r in map(_values, (r for _, r in data[data["name"].notna()].iterrows()))
    ]


def cadence_rules(plan: Plan) -> list[dict]:
    """The plan's cadence rules as the templates print them."""
    return [{
        "product": rule.product,
        "types": list(rule.types),
        "minimum": rule.minimum,
        "period": PERIOD_WORDS[rule.kind],  # as the plan writes it: tháng, quý, …
        "each_unit": rule.per_unit,
        "unit_noun": rule.unit_noun,
        "description": rule.description,
        "units": list(plan.units) if rule.per_unit else [],  # the units a per-unit rule binds
        "valid_from": _day(rule.valid_from),
        "valid_to": _day(rule.valid_to),
        "all_year": not rule.school_time,
    } for rule in plan.rules]


def _day(value: dt.date | None) -> str | None:
    return None if value is None else f"{value:%d/%m/%Y}"


def _same(value, word: str) -> bool:
    from commsplan.text import fold

    return isinstance(value, str) and fold(value) == fold(word)


# The frame ------------------------------------------------------------------------------

def document_words(kind: str) -> dict:
    """The frame words of a document type, from templates/documents.yaml."""
    return _templates_yaml("documents.yaml")[kind]


def data_table(name: str, rows: list[list]):
    """A bordered data table whose columns templates/tables.yaml describes."""
    from commsplan.documents.nd30 import Column, Table

    columns = [Column(c["header"], c["width"], c.get("align", "left"))
               for c in _templates_yaml("tables.yaml")[name]]
    return Table(columns, rows)


def signer(book: Book):
    """The signer, with the authority line the prefix asks for (KT./TM./Q.)."""
    from commsplan.documents.nd30 import Signer

    general = book.general
    title = general.get("signer_title", "").upper()
    name = general.get("signer_name", "")
    prefix = (general.get("authority_prefix") or "").upper().rstrip(".")
    signing_for, on_behalf_of, acting = (
        allowed_value("general.authority_prefix", key)
        for key in ("signing_for", "on_behalf_of", "acting"))
    if prefix in (signing_for.rstrip("."), on_behalf_of.rstrip(".")):
        return Signer(title, name, authority=f"{prefix}. {general.get('authority_of', '').upper()}")
    if prefix == acting.rstrip("."):
        return Signer(f"{acting} {title}", name)
    return Signer(title, name)


def framed_document(book: Book, kind: dict, doc_type: str, summary: str, context: dict, *,
                    number: int | None, date: dt.date | None, preparer: bool,
                    year: int | None = None, filing=None):
    """Render kind's template with context and put it in the decree's frame.

    year: the heading's year when the date is left blank (default: the plan's first year);
    filing: the archive line's unit and copies kept, and box 12 (an nd30.Filing).
    """
    from commsplan.documents import nd30
    from commsplan.documents.render import render_template
    from commsplan.wording import legal_grounds

    general = book.general
    heading = nd30.Heading(
        parent_body=general.get("parent_body", ""),
        issuer=general.get("school_name", ""),
        issuer_symbol=general.get("school_symbol", ""),
        type_code=kind["type_code"],
        number=number if number and number > 0 else None,
        date=date,
        year=date.year if date else (year or first_year(book)),
        place=general.get("place_name", ""),
    )
    preparer_name = general.get("preparer_name") if preparer else None
    if kind.get("addressed"):  # a document sent up names its addressees (Kính gửi)
        addressees, recipients = addressed_recipients(book, kind["type_code"])
    else:
        addressees, recipients = [], recipients_for(book, kind["type_code"])
    footer = nd30.Footer(
        recipients=recipients,
        signers=[signer(book)],
        preparer=nd30.Signer(kind["preparer_title"], preparer_name) if preparer_name else None,
        filing=filing or nd30.Filing(),
        addressees=addressees,
    )
    body = render_template(TEMPLATES, kind["template"], context)
    annex = render_template(TEMPLATES, kind["annex"], context) if kind.get("annex") else []
    annex_heading = None
    if annex and kind.get("annex_name"):
        annex_heading = nd30.AnnexHeading(kind["annex_name"], kind["kind_name"],
                                          context.get("school_name") or
                                          name_in_text(book, "school_name"))
    grounds = legal_grounds(general.get("legal_grounds", []), kind["legal_ground"])
    return nd30.build_document(heading, nd30.Title(doc_type, summary), grounds, body, footer,
                               annex, annex_heading)


@functools.cache
def _templates_yaml(name: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser, when there
    return yaml.load(TEMPLATES.joinpath(name).read_text("utf-8"), loader)
