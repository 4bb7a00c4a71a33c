"""Findings about the register's links, from what asking each one gave (see
`commsplan.sources.linkcheck`): a dead link, or a page published days away from the row's date."""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from commsplan.book import Book
from commsplan.findings import Finding
from commsplan.sources.linkcheck import DEAD, UNVERIFIED, LinkState
from commsplan.values import as_text

DATE_TOLERANCE_DAYS = 3  # a post prepared the day before, published after a weekend


def register_links(book: Book) -> list[str]:
    """The register's links, each once, in row order."""
    links = book["activities"].data["link"]
    return list(dict.fromkeys(v for v in links if isinstance(v, str)))


def link_findings(book: Book, states: Mapping[str, LinkState]) -> tuple[list[Finding], int]:
    """Findings at the cells of dead and mismatched links; and how many could not be verified."""
    table = book["activities"]
    data = table.data
    findings: list[Finding] = []
    unverified = set()
    for row, link, date in zip(data.index, data["link"], data["date"]):
        state = states.get(link) if isinstance(link, str) else None
        if state is None:
            continue
        if state.state == UNVERIFIED:
            unverified.add(link)
        elif state.state == DEAD:
            findings.append(Finding("dead-link", tab=table.label, row=int(row),
                                    column=table.header("link"), value=link,
                                    cell=table.cell("link", int(row)),
                                    params={"detail": _detail(state.detail)}))
        elif state.published and not pd.isna(date):
            gap = abs((state.published - date.date()).days)
            if gap > DATE_TOLERANCE_DAYS:
                findings.append(Finding(
                    "link-date-mismatch", tab=table.label, row=int(row),
                    column=table.header("date"), value=as_text(table.raw.at[row, "date"]),
                    cell=table.cell("date", int(row)),
                    params={"published": state.published.strftime("%d/%m/%Y"), "days": gap,
                            "link": link}))
    return findings, len(unverified)


def _detail(detail: str) -> dict[str, str]:
    if detail == "no-host":
        return {"vi": "tên miền không còn", "en": "no such host"}
    return {"vi": detail, "en": detail}
