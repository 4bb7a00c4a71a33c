"""The Kế hoạch: the Book → the context templates/plan.md.j2 needs → a document in the frame."""

from __future__ import annotations

from commsplan.book import Book
from commsplan.documents import common


def plan_context(book: Book) -> dict:
    """Everything plan.md.j2 prints, as plain values (the template holds every word)."""
    general = book.general
    return {
        "higher_plan": general.get("higher_plan"),
        "school_name": general.get("school_name", ""),
        "school_year": general.get("school_year", ""),
        "summary": general.get("summary", ""),
        "plan_period": general.get("plan_period", ""),
        "purposes": common.plan_paragraphs(book, "Mục đích"),
        "requirements": common.plan_paragraphs(book, "Yêu cầu"),
        "duties": common.duties(book),
        "channels": common.channels(book),
        "cadence": common.cadence_rules(book),
        "topics": common.numbered_topics(book),
        "tables": {"topics": common.data_table("topics", [
            [str(t.number), t.topic, list(t.forms)] for t in common.numbered_topics(book)
        ])},
    }


def plan_document(book: Book):
    """The plan as a python-docx Document in the NĐ30 frame."""
    kind = common.document_words("plan")
    return common.framed_document(book, kind, kind["doc_type"], book.general.get("summary", ""),
                                  plan_context(book), number=book.general.get("plan_number"),
                                  date=book.general.get("plan_date"), preparer=True)


def plan_file_name(book: Book) -> str:
    """KH-truyen-thong-2024.docx, from the plan period."""
    kind = common.document_words("plan")
    period = (book.general.get("plan_period") or str(common.first_year(book))).replace(" ", "")
    return f"{kind['file_prefix']}-{period}.docx"
