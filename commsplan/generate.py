"""What every document command does around the document itself: read, check, gate, write."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from commsplan.book import Book
from commsplan.errors import DataError
from commsplan.findings import Report
from commsplan.messages import say

if TYPE_CHECKING:
    from commsplan.issued import Issue


def progress(key: str, lang: str, **params) -> None:
    """A progress line on stderr, so stdout stays for results."""
    print(say(key, lang, **params), file=sys.stderr, flush=True)


def gate(report: Report, *, allow_errors: bool, lang: str) -> None:
    """Refuse to make documents from data with errors, printing them, unless allowed."""
    from commsplan.checks.present import to_text
    from commsplan.findings import blocking

    stopping = blocking(report)
    if stopping and not allow_errors:
        print(to_text(Report(stopping), lang, limit=50), file=sys.stderr)
        raise DataError("data-has-errors", count=len(stopping))


def warn_not_over(period, as_of: dt.date, lang: str) -> None:
    """Say on stderr that a report's period is not over: its figures are as of a date."""
    if as_of <= period.end:
        progress("report-not-over", lang, period=period.label(), period_en=period.label("en"),
                 end=f"{period.end:%d/%m/%Y}", as_of=f"{as_of:%d/%m/%Y}")


def read_and_check(source: str, *, lang: str, as_of=None, **options):
    """Read the source, build its plan model once and check it: (book, report, plan)."""
    from commsplan import check, open_book
    from commsplan.plan import read_plan

    progress("progress-reading", lang, source=source)
    book = open_book(source, **options)
    progress("progress-checking", lang)
    plan = read_plan(book)
    report = check(book, as_of=as_of, plan=plan)
    progress("check-summary", lang, errors=len(report.errors), warnings=len(report.warnings))
    return book, report, plan


def write_one(build, name: str, args, *, issue=None, book: Book | None = None) -> list[Path]:
    """The plan or report command's output: the -o path (or the name made from the data),
    then the PDF with --pdf; each file written is said on stdout as soon as it is there.
    An issued document (issue: `commsplan.issued.Issue`) whose row records another file's
    hash is not written: the finding goes to stderr and the command stops (exit 1); once
    written, its hash goes into its row."""
    from commsplan.documents.docx_io import docx_bytes
    from commsplan.issued import Issue, save_document
    from commsplan.outputs import named

    issue = issue or Issue()
    if getattr(args, "draft_mark", False) and issue.issued:
        from commsplan.errors import OutputError

        raise OutputError("draft-mark-issued")
    path = Path(args.output) if args.output else named(".", name)
    progress("progress-writing", args.lang, path=path)
    document = build()
    if getattr(args, "draft_mark", False):
        from commsplan.documents.nd30 import mark_draft

        document = mark_draft(document)
    written = save_document(book, path, docx_bytes(document), issue, replace=args.force,
                            inputs=[args.source])
    if written.finding is not None:
        from commsplan.checks.present import to_text

        print(to_text(Report([written.finding]), args.lang), file=sys.stderr)
        raise DataError("issued-not-written", path=path)
    assert written.saved is not None
    print(said(written.saved, args.lang), flush=True)
    if written.record is not None and book is not None:
        record(args.source, book, [written.record], args.lang, credentials=args.credentials,
               oauth_client=args.oauth_client)
    files = [written.saved.path]
    if args.pdf or getattr(args, "pdf_a", False):
        progress("progress-pdf", args.lang, count=1)
        for pdf in _convert(files, archive=getattr(args, "pdf_a", False)):
            print(say("written", args.lang, path=pdf))
            files.append(pdf)
    return files


def record(source: str, book: Book, records: list[tuple[int, str]], lang: str, *,
           credentials: str | None = None, oauth_client: str | None = None) -> list[str]:
    """Write the issued documents' hashes into their rows; progress lines on stderr, and the
    lines saying what could not be recorded (returned too)."""
    from commsplan.issued import HASH_COLUMN, ISSUED, record_hashes

    if not records:
        return []
    table = book[ISSUED]
    left = record_hashes(source, book, records, credentials=credentials,
                         oauth_client=oauth_client)
    lines = []
    for row, digest in records:
        if (row, digest) in left:
            lines.append(say("issued-hash-not-recorded", lang, tab=table.label, row=row,
                             column=table.header(HASH_COLUMN), digest=digest))
            print(lines[-1], file=sys.stderr)
        else:
            progress("issued-hash-recorded", lang, tab=table.label,
                     cell=table.cell(HASH_COLUMN, row))
    return lines


def _convert(documents: list[Path], *, archive: bool) -> list[Path]:
    """The PDFs of .docx files: plain, or PDF/A-2b checked for signing (archive)."""
    if archive:
        from commsplan.pdfa import convert_to_pdf_a

        return convert_to_pdf_a(documents)
    from commsplan.outputs import convert_to_pdf

    return convert_to_pdf(documents)


def said(saved, lang: str) -> str:
    """What a saved output is, in a line: written, a new copy beside an issued one, unchanged."""
    if not saved.changed:
        return say("unchanged", lang, path=saved.path)
    if saved.kept is not None:
        return say("written-new-copy", lang, path=saved.path, kept=saved.kept.name)
    return say("written", lang, path=saved.path)


# The principal's one command ------------------------------------------------------------

CONFIG_KEYS: dict[str, type | tuple[type, ...]] = {
    "source": str, "credentials": str, "oauth_client": str, "output": str, "reports": list,
    "pdf": (bool, str), "as_of": (str, dt.date), "allow_errors": bool, "lang": str,
    "draft_mark": bool,
}
PDF_A = "pdf-a"  # pdf = "pdf-a": the PDFs are PDF/A-2b, checked for signing
# What each kind of value is called when a config value is of the wrong kind (vi, en).
CONFIG_WANTED = {
    str: ("một chữ trong ngoặc kép", "text in double quotes"),
    list: ('một danh sách trong ngoặc vuông, ví dụ ["2024-03", "quý"]',
           'a list in square brackets, e.g. ["2024-03", "quý"]'),
    bool: ("true hoặc false", "true or false"),
    (str, dt.date): ("một ngày, ví dụ 2024-06-30", "a date, e.g. 2024-06-30"),
    (bool, str): ("true hoặc false", "true or false"),  # or PDF_A: config-bad-pdf says so
}
REPORT_KINDS = {"thang": "month", "quy": "quarter", "hoc ky": "semester", "nam": "year"}


@dataclass
class Config:
    """commsplan.toml: where the data is, where documents go, which reports are due."""

    source: str
    output: Path
    reports: list[str] = field(default_factory=list)
    pdf: bool = True
    pdf_a: bool = False  # the PDFs are PDF/A-2b, checked for signing
    draft_mark: bool = False  # "DỰ THẢO" on each draft (never on an issued document)
    as_of: dt.date | None = None
    allow_errors: bool = False
    credentials: str | None = None
    oauth_client: str | None = None
    lang: str | None = None


def load_config(path: Path) -> Config:
    """Read and validate the config file; paths in it are relative to its folder."""
    import tomllib

    from commsplan.errors import ConfigError
    from commsplan.sources.locate import is_google_sheet
    from commsplan.values import parse_date

    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError("config-not-found", path=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config-invalid", path=str(path), detail=str(exc)) from None
    for key, value in raw.items():
        if key not in CONFIG_KEYS:
            raise ConfigError("config-unknown-key", path=str(path), key=key,
                              known=", ".join(CONFIG_KEYS))
        if not isinstance(value, CONFIG_KEYS[key]) or (key == "pdf" and isinstance(value, str)
                                                       and value != PDF_A):
            raise _bad_value(path, key, value)
    if not raw.get("source"):
        raise ConfigError("config-no-source", path=str(path))
    from commsplan.documents.report import check_period_key

    for item in raw.get("reports", []):
        if report_kind(str(item)) is None:
            check_period_key(str(item))  # a badly written period stops before any reading
    folder = path.parent
    source = raw["source"]
    if not is_google_sheet(source):
        source = os.path.normpath(folder / source)
    as_of = raw.get("as_of") or None  # a TOML date (2024-06-30), or text (30/6/2024)
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    elif isinstance(as_of, str):
        as_of, problem = parse_date(as_of)
        if as_of is None:
            raise _bad_value(path, "as_of", raw["as_of"])
    return Config(
        source=source,
        output=Path(os.path.normpath(folder / raw.get("output", "."))),
        reports=[str(r) for r in raw.get("reports", [])],
        pdf=bool(raw.get("pdf", True)),
        pdf_a=raw.get("pdf") == PDF_A,
        draft_mark=raw.get("draft_mark", False),
        as_of=as_of,
        allow_errors=raw.get("allow_errors", False),
        credentials=str(folder / raw["credentials"]) if raw.get("credentials") else None,
        oauth_client=str(folder / raw["oauth_client"]) if raw.get("oauth_client") else None,
        lang=raw.get("lang"),
    )


def _bad_value(path: Path, key: str, value: object):
    """config-bad-value, naming the kind of value the key takes and the one given, as TOML
    writes them."""
    import json

    from commsplan.errors import ConfigError

    wanted, wanted_en = CONFIG_WANTED[CONFIG_KEYS[key]]
    if isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = json.dumps(value, ensure_ascii=False, default=str)
    if key == "pdf":
        return ConfigError("config-bad-pdf", path=str(path), value=shown)
    return ConfigError("config-bad-value", path=str(path), key=key, value=shown, wanted=wanted,
                       wanted_en=wanted_en)


def due_periods(book: Book, wanted: list[str], as_of: dt.date, plan=None,
                skipped: list[str] | None = None, lang: str = "vi") -> list:
    """The report periods to write: each key as given, unless it lies outside the plan or
    has not begun (then a line in `skipped` says so); each kind word ('tháng', 'quý',
    'học kỳ', 'năm') as every period of that kind in the plan, in force, that has ended
    before as_of (on its last day a period is still in progress)."""
    from commsplan.documents.report import ReportError, refuse_impossible, report_period
    from commsplan.plan import read_plan

    plan = plan or read_plan(book)
    skipped = [] if skipped is None else skipped
    chosen = []
    for item in wanted:
        kind = report_kind(item)
        if kind is None:
            period = report_period(book, item, plan)
            try:
                refuse_impossible(plan, period, as_of)
            except ReportError as refused:
                key = ("generate-skipped-not-begun" if refused.key == "report-not-begun"
                       else "generate-skipped-outside")
                skipped.append(say(key, lang, **refused.params))
                continue
            chosen.append(period)
        else:
            chosen += [p for p in plan.periods(kind)
                       if p.end < as_of and plan.in_force(p) and not p.clipped]
    unique = {p.key: p for p in chosen}
    return list(unique.values())


def report_kind(item: str) -> str | None:
    """The period kind a config word names ('tháng', 'quy', …), or None for a period key."""
    from commsplan.text import fold

    return REPORT_KINDS.get(fold(item))


@dataclass
class Outcome:
    """What a generate run wrote, kept and found."""

    saved: list = field(default_factory=list)  # commsplan.outputs.Saved, one per document
    pdfs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: bool = False  # a step after the documents (the PDFs) did not complete
    skipped: list[str] = field(default_factory=list)  # configured reports not written, why
    changed: list = field(default_factory=list)  # issued-document-changed findings: not written


def generate(config: Config, lang: str = "vi") -> tuple[Outcome, Report]:
    """Check the data, write the plan and the due reports (and PDFs), say what happened."""
    from commsplan.documents.docx_io import docx_bytes
    from commsplan.documents.nd30 import mark_draft
    from commsplan.documents.plan import plan_document, plan_file_name
    from commsplan.documents.report import report_document, report_file_name
    from commsplan.errors import OutputError
    from commsplan.issued import issued_rows, plan_issue, report_issue, save_document
    from commsplan.outputs import named

    as_of = config.as_of or dt.date.today()
    book, report, plan = read_and_check(config.source, lang=lang, as_of=as_of,
                                        credentials=config.credentials,
                                        oauth_client=config.oauth_client)
    gate(report, allow_errors=config.allow_errors, lang=lang)
    outcome = Outcome()
    rows = issued_rows(book, plan, as_of)
    issue = plan_issue(book, rows)
    docs: list[tuple[str, Callable[..., Any], Issue]]
    docs = [(plan_file_name(book), lambda issue=issue: plan_document(
        book, number=issue.number, date=issue.date, filing=issue.filing), issue)]
    for period in due_periods(book, config.reports, as_of, plan, outcome.skipped, lang):
        if as_of <= period.end:
            outcome.notes.append(say("report-not-over", lang, period=period.label(),
                                     period_en=period.label("en"),
                                     end=f"{period.end:%d/%m/%Y}", as_of=f"{as_of:%d/%m/%Y}"))
        issue = report_issue(rows, period)
        docs.append((report_file_name(book, period),
                     lambda period=period, issue=issue: report_document(
                         book, period, as_of, plan, number=issue.number, date=issue.date,
                         filing=issue.filing), issue))
    records = []
    for name, build, issue in docs:
        path = named(config.output, name)
        progress("progress-writing", lang, path=path)
        document = build()
        if config.draft_mark and not issue.issued:  # an issued document is never marked
            document = mark_draft(document)
        written = save_document(book, path, docx_bytes(document), issue, replace=True,
                                inputs=[config.source])
        if written.finding is not None:
            outcome.changed.append(written.finding)
            continue
        outcome.saved.append(written.saved)
        if written.record is not None:
            records.append(written.record)
    outcome.notes += record(config.source, book, records, lang, credentials=config.credentials,
                            oauth_client=config.oauth_client)
    # a new .docx needs its PDF; so does one whose PDF an earlier run could not make, or
    # (pdf = "pdf-a") one whose PDF is not a PDF/A
    wanted = [s.path for s in outcome.saved
              if s.changed or not _pdf_done(s.path.with_suffix(".pdf"), config.pdf_a)]
    if config.pdf and wanted:
        progress("progress-pdf", lang, count=len(wanted))
        try:
            outcome.pdfs = _convert(wanted, archive=config.pdf_a)
        except OutputError as exc:  # the .docx files are there; say why the PDFs are not
            outcome.notes.append(exc.message(lang))
            outcome.failed = True
    return outcome, report


def _pdf_done(pdf: Path, archive: bool) -> bool:
    if not pdf.exists():
        return False
    if archive:
        from commsplan.pdfa import is_pdf_a

        return is_pdf_a(pdf)
    return True


def summary_lines(outcome: Outcome, report: Report, lang: str) -> list[str]:
    """The short closing summary: files written or unchanged, then the check's counts."""
    lines = [said(s, lang) for s in outcome.saved if s.changed]
    lines += [say("written", lang, path=p) for p in outcome.pdfs]
    lines += [said(s, lang) for s in outcome.saved if not s.changed]
    lines += outcome.skipped
    lines += [finding.message(lang) for finding in outcome.changed]
    lines += outcome.notes
    lines.append(say("check-summary", lang, errors=len(report.errors),
                     warnings=len(report.warnings)))
    shortfalls = [f for f in report.errors if f.code.startswith("cadence-")]
    if shortfalls:
        lines.append(say("generate-shortfalls", lang, count=len(shortfalls),
                         periods=", ".join(sorted({f.period for f in shortfalls if f.period}))))
    return lines
