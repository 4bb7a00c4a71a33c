"""The office's Báo cáo: every school's figures for a period, in the decree's frame.

The letterhead, the addressees and the signature are the office's (rollup.toml); the words
are templates/rollup.md.j2's, the table headers templates/tables.yaml's, the words in cells
and in the chart templates/documents.yaml's (`rollup`). The figures are the schools' own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from commsplan.periods import RANGE, Period
from commsplan.rollup.collect import Rollup
from commsplan.rollup.config import Office
from commsplan.rollup.figures import MET, MISSED, PENDING, SchoolFigures

CHART_SCHOOLS = 30  # beyond this many schools a bar each no longer reads; the table has them


def rollup_document(rollup: Rollup, office: Office, period: Period, as_of: dt.date, *,
                    topic: int | None = None, number: int | None = None,
                    date: dt.date | None = None):
    """The roll-up report in the NĐ30 frame, ready for docx_io.docx_bytes (an unnumbered draft
    without number and date); topic: the report on each school's topic of that number."""
    from commsplan.documents import common, nd30
    from commsplan.documents.render import render_template
    from commsplan.wording import legal_grounds

    kind = common.document_words("rollup")
    context = rollup_context(rollup, office, period, as_of, topic)
    heading = nd30.Heading(
        parent_body=office.parent_body, issuer=office.name, issuer_symbol=office.symbol,
        type_code=kind["type_code"], number=number if number and number > 0 else None,
        date=date, year=date.year if date else period.end.year, place=office.place)
    footer = nd30.Footer(recipients=list(office.recipients), signers=[_signer(office)],
                         addressees=list(office.addressees))
    body = render_template(common.TEMPLATES, kind["template"], context)
    summary = (kind["summary"] if topic is None else kind["topic_summary"]).format(
        period=context["period"]["name"], topic=topic)
    grounds = legal_grounds(list(office.legal_grounds), kind["legal_ground"])
    return nd30.build_document(heading, nd30.Title(kind["doc_type"], summary), grounds, body,
                               footer)


def rollup_file_name(period: Period, topic: int | None = None) -> str:
    """BC-tong-hop-truyen-thong-2025-Q1.docx, from the period's key (and the topic's number:
    BC-tong-hop-truyen-thong-chu-de-2-2025-Q1.docx)."""
    return _file_name("file_prefix", period, topic) + ".docx"


def workbook_file_name(period: Period, topic: int | None = None) -> str:
    """Tong-hop-truyen-thong-2025-Q1.xlsx."""
    return _file_name("workbook_prefix", period, topic) + ".xlsx"


def _file_name(prefix: str, period: Period, topic: int | None) -> str:
    from commsplan.documents.common import document_words

    about = f"-chu-de-{topic}" if topic is not None else ""
    return f"{document_words('rollup')[prefix]}{about}-{period.key.replace('/', '-den-')}"


def rollup_context(rollup: Rollup, office: Office, period: Period, as_of: dt.date,
                   topic: int | None = None) -> dict:
    """Everything rollup.md.j2 prints, as plain values and ready tables."""
    from commsplan.documents.report import period_name
    from commsplan.rollup.layout import product_types
    from commsplan.wording import running_name

    words = _words()
    figures = rollup.figures
    types = product_types()
    shown = [t for t in types if any(f.by_type.get(t, 0) for f in figures)]
    by_type = [{"type": t, "count": sum(f.by_type.get(t, 0) for f in figures)} for t in shown]
    below = [f for f in figures if f.below_target]
    tables = {
        "products": _products_table(figures, shown, words),
        "schools": _schools_table(figures, words),
        "below": _table("rollup_below", [
            [f.school, line.product, line.period, line.scope or words["whole_school"],
             str(line.count), str(line.minimum)]
            for f in below for line in f.cadence if line.status == MISSED]),
        "opinions": _table("rollup_opinions", [
            [f.school, o.date, o.source, o.content, o.handling, o.result]
            for f in figures for o in f.opinions]),
        "failed": _table("rollup_failed", [[failure.school, failure.reason]
                                           for failure in rollup.failures]),
    }
    chart = _chart(figures, shown, words)
    name = period_name(period)
    return {
        "office_name": office.name_in_text or running_name(office.name),
        "one_topic": topic,
        "period": {"name": name, "within": (words["window"].format(name=name)
                                            if period.kind == RANGE else name),
                   "partial": any(f.partial for f in figures), "as_of": f"{as_of:%d/%m/%Y}"},
        "schools": {"listed": len(figures) + len(rollup.failures), "read": len(figures),
                    "failed": len(rollup.failures)},
        "totals": {
            "all": sum(f.activities for f in figures), "by_type": by_type,
            "met": sum(f.count(MET) for f in figures),
            "missed": sum(f.count(MISSED) for f in figures),
            "pending": sum(f.count(PENDING) for f in figures),
            "topics": sum(f.topics for f in figures), "covered": sum(f.covered for f in figures),
            "idle_schools": sum(1 for f in figures if f.idle),
            "error_schools": sum(1 for f in figures if f.errors),
            "errors": sum(f.errors for f in figures),
            "opinions": sum(len(f.opinions) for f in figures),
        },
        "below": [{"school": f.school, "missed": f.count(MISSED)} for f in below],
        "chart": chart["about"] if chart else None,
        "chart_left_out": len(figures) > CHART_SCHOOLS,
        "tables": tables,
        "images": {"chart": chart["image"]} if chart else {},
    }


def _words() -> dict:
    from commsplan.documents.common import document_words

    return document_words("rollup")["words"]


def _signer(office: Office):
    from commsplan.documents.nd30 import Signer

    return Signer(office.signer_title.upper(), office.signer_name,
                  authority=office.authority.upper())


def _products_table(figures: Sequence[SchoolFigures], types: Sequence[str], words: dict):
    """Products by type, a row per school numbered as the chart numbers them."""
    rows = [[str(number), f.school, *(str(f.by_type.get(t, 0)) for t in types),
             str(f.activities)] for number, f in enumerate(figures, start=1)]
    if len(figures) > 1:
        rows.append(["", words["total"],
                     *(str(sum(f.by_type.get(t, 0) for f in figures)) for t in types),
                     str(sum(f.activities for f in figures))])
    return _table("rollup_products", rows, type=list(types))


def _schools_table(figures: Sequence[SchoolFigures], words: dict):
    """Cadence periods met of those ended, topics with products, data errors."""
    def cells(group: Sequence[SchoolFigures]) -> list[str]:
        met = sum(f.count(MET) for f in group)
        ended = met + sum(f.count(MISSED) for f in group)
        return [str(sum(f.activities for f in group)), f"{met}/{ended}",
                f"{sum(f.covered for f in group)}/{sum(f.topics for f in group)}",
                str(sum(f.errors for f in group))]

    rows = [[str(number), f.school, *cells([f])] for number, f in enumerate(figures, start=1)]
    if len(figures) > 1:
        rows.append(["", words["total"], *cells(figures)])
    return _table("rollup_schools", rows)


def _table(name: str, rows: list[list], **lists: list[str]):
    from dataclasses import replace

    from commsplan.documents import common

    table = common.data_table(name, rows)
    total = _words()["total"]
    table = replace(table, bold_rows=frozenset(i for i, row in enumerate(rows) if total in row))
    columns = []
    for column in table.columns:
        if column.header.startswith("{") and column.header.endswith("}"):
            key = column.header[1:-1]
            columns += [replace(column, header=item) for item in lists[key]]
        else:
            columns.append(column)
    return replace(table, columns=columns)


def _chart(figures: Sequence[SchoolFigures], types: Sequence[str], words: dict) -> dict | None:
    """Products by school, one group of bars per school (numbered as in the table), one bar
    per product type in grey and hatching: None with no school, or too many to read."""
    from commsplan.documents import chart, nd30

    if not figures or len(figures) > CHART_SCHOOLS:
        return None
    labels = [words["chart_school"].format(number=n) for n in range(1, len(figures) + 1)]
    if types:
        series = {t: [f.by_type.get(t, 0) for f in figures] for t in types}
    else:
        series = {words["total"]: [f.activities for f in figures]}
    png = chart.monthly_chart(labels, series, [], y_label=words["chart_y"])
    return {"image": nd30.Image(png, chart.WIDTH_MM), "about": {"schools": len(figures)}}
