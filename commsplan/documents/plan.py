"""The Kế hoạch: the Book → the context templates/plan.md.j2 needs → a document in the frame."""

from __future__ import annotations

import datetime as dt

from commsplan.book import Book
from commsplan.documents import common
from commsplan.plan import Plan, read_plan


def plan_context(book: Book) -> dict:
    """Everything plan.md.j2 prints, as plain values (the template holds every word)."""
    general = book.general
    plan = read_plan(book)
    return {
        "higher_plan": general.get("higher_plan"),
        "school_name": common.name_in_text(book, "school_name"),
        "parent_body": common.name_in_text(book, "parent_body"),
        "school_year": general.get("school_year", ""),
        "plan_words": plan.words,
        "summary": general.get("summary", ""),
        "plan_period": general.get("plan_period", ""),
        "purposes": common.plan_paragraphs(book, "purposes"),
        "requirements": common.plan_paragraphs(book, "requirements"),
        "duties": common.duties(book),
        "channels": common.channels(book),
        # the rules the reports judge, as the plan model holds them (a row that cannot be
        # judged has findings of its own)
        "cadence": common.cadence_rules(plan),
        "school_time_rules": any(rule.school_time for rule in plan.rules),
        "topic_targets": topic_targets(plan),
        "topics": list(plan.topics),
        "tables": {"topics": common.data_table("topics", [
            [str(t.number), t.topic, list(t.forms)] for t in plan.topics
        ])},
    }


def topic_targets(plan: Plan) -> list[dict]:
    """The topics the reports judge: those with an occasion (its dates, day and month for a
    yearly one) and those with a minimum over the plan period, with the minimum judged."""
    targets = []
    for topic in plan.topics:
        window = topic.window
        if window is None and not topic.minimum:
            continue
        day = "%d/%m" if topic.yearly else "%d/%m/%Y"
        targets.append({
            "number": topic.number, "topic": topic.topic, "yearly": topic.yearly,
            # as the check judges it: an occasion asks for at least one product
            "minimum": max(topic.minimum or 1, 1) if window is not None else topic.minimum,
            "start": None if window is None else f"{window.start:{day}}",
            "end": None if window is None else f"{window.end:{day}}",
        })
    return targets


def plan_document(book: Book, *, number: int | None = None, date: dt.date | None = None,
                  filing=None):
    """The plan in the NĐ30 frame, ready for docx_io.docx_bytes. Its number and date are the
    general tab's unless given (both, for a one-off); filing: box 12 and the archive line."""
    kind = common.document_words("plan")
    if number is None and date is None:
        number, date = book.general.get("plan_number"), book.general.get("plan_date")
    return common.framed_document(book, kind, kind["doc_type"], book.general.get("summary", ""),
                                  plan_context(book), number=number, date=date, preparer=True,
                                  filing=filing)


def plan_is_issued(book: Book) -> bool:
    """Whether the plan has its number and date: issued, so never to be replaced."""
    return bool(book.general.get("plan_number") and book.general.get("plan_date"))


def plan_file_name(book: Book) -> str:
    """KH-truyen-thong-2024.docx, KH-truyen-thong-2024-2025.docx: from the plan period as parsed
    (digits and '-'), never from the text typed in the sheet."""
    from commsplan.plan import read_span

    kind = common.document_words("plan")
    span = read_span(book)
    return f"{kind['file_prefix']}-{span.key if span else common.first_year(book)}.docx"
