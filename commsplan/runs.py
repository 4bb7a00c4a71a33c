"""Running a document command as a library: read, check, gate, write; no printing.

Each run says what it is doing through an optional `progress` callback (an `Event`: a message
key of `commsplan.messages` and its values) and returns what it did as a value: the files
written, kept and left unchanged, the PDFs, the reports skipped and the check's findings.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from commsplan.errors import CommsplanError, DataError
from commsplan.messages import Phrase, say

if TYPE_CHECKING:
    from commsplan.book import Book
    from commsplan.findings import Finding, Report
    from commsplan.importing import ApplyResult, ImportResult
    from commsplan.issued import Issue
    from commsplan.outputs import Saved
    from commsplan.periods import Period
    from commsplan.plan import Plan
    from commsplan.register import Extract
    from commsplan.rollup.collect import Rollup


@dataclass(frozen=True)
class Event:
    """One step of a run, for a progress callback: a message key and its values; `path` is
    the file when the step is a file written, kept or left unchanged."""

    key: str
    params: dict[str, object] = field(default_factory=dict)
    path: Path | None = None

    def message(self, lang: str = "vi") -> str:
        """What the step is, in Vietnamese ('vi') or English ('en')."""
        return say(self.key, lang, **self.params)


Progress = Callable[[Event], None]


def _tell(progress: Progress | None, key: str, /, **params) -> None:
    if progress is not None:
        progress(Event(key, params))


def saved_event(saved: Saved) -> Event:
    """The event for an output saved: written, a new copy beside an issued one, unchanged."""
    if not saved.changed:
        return Event("unchanged", {"path": saved.path}, saved.path)
    if saved.kept is not None:
        return Event("written-new-copy", {"path": saved.path, "kept": saved.kept.name},
                     saved.path)
    return Event("written", {"path": saved.path}, saved.path)


def gate(report: Report, *, allow_errors: bool) -> None:
    """Refuse to make documents from data with errors, unless allowed: DataError, whose
    `report` holds the findings that stop them."""
    from commsplan.findings import Report, blocking

    stopping = blocking(report)
    if stopping and not allow_errors:
        raise DataError("data-has-errors", count=len(stopping)).with_report(Report(stopping))


def not_over(period: Period, as_of: dt.date) -> Phrase | None:
    """A note that a report's period is not over (its figures are as of a date), or None."""
    if as_of > period.end:
        return None
    return Phrase("report-not-over", period=period.label(), period_en=period.label("en"),
                  end=f"{period.end:%d/%m/%Y}", as_of=f"{as_of:%d/%m/%Y}")


def read_and_check(source: str, *, as_of: dt.date | None = None,
                   progress: Progress | None = None, **options) -> tuple[Book, Report, Plan]:
    """Read the source, build its plan model once and check it: (book, report, plan)."""
    from commsplan import check, open_book
    from commsplan.plan import read_plan

    _tell(progress, "progress-reading", source=source)
    book = open_book(source, **options)
    _tell(progress, "progress-checking")
    plan = read_plan(book)
    report = check(book, as_of=as_of, plan=plan)
    _tell(progress, "check-summary", errors=len(report.errors), warnings=len(report.warnings))
    return book, report, plan


# The plan and report commands ------------------------------------------------------------

@dataclass
class Written:
    """What a plan or report run did: the .docx as saved, its PDF, the check it passed, and
    notes (a report whose period is not over, an issued document's hash not recorded)."""

    saved: Saved
    report: Report
    pdfs: list[Path] = field(default_factory=list)
    notes: list[Phrase] = field(default_factory=list)


def write_plan(source: str, output: str | os.PathLike | None = None, *,
               as_of: dt.date | None = None, number: int | None = None,
               date: dt.date | None = None, force: bool = False, pdf: bool = False,
               pdf_a: bool = False, draft_mark: bool = False, allow_errors: bool = False,
               credentials: str | None = None, oauth_client: str | None = None,
               progress: Progress | None = None) -> Written:
    """Read and check the source, then write its Kế hoạch to output (default: the name the
    data gives, e.g. KH-truyen-thong-2024.docx, in the current folder), and its PDF with pdf
    (a PDF/A-2b for signing with pdf_a).
    Its number and date are the general tab's, unless given (both, for a one-off). DataError
    when the data has errors (unless allow_errors), or when the issued plan's row records
    another file's hash."""
    from commsplan.documents.plan import plan_document, plan_file_name
    from commsplan.issued import issued_rows, plan_issue

    number_and_date(number, date)
    _check_output_name(output)
    book, report, plan = read_and_check(source, as_of=as_of, progress=progress,
                                        credentials=credentials, oauth_client=oauth_client)
    gate(report, allow_errors=allow_errors)
    issue = plan_issue(book, issued_rows(book, plan, as_of), number, date)
    saved, pdfs, notes = _write_one(
        lambda: plan_document(book, number=issue.number, date=issue.date, filing=issue.filing),
        plan_file_name(book), source, output, force=force, pdf=pdf, pdf_a=pdf_a,
        draft_mark=draft_mark,
        issue=issue, book=book, credentials=credentials, oauth_client=oauth_client,
        progress=progress)
    return Written(saved, report, pdfs, notes)


def write_report(source: str, output: str | os.PathLike | None = None, *,
                 period: str | None = None,
                 window: tuple[dt.date, dt.date] | None = None, topic: int | None = None,
                 as_of: dt.date | None = None, number: int | None = None,
                 date: dt.date | None = None, force: bool = False, pdf: bool = False,
                 pdf_a: bool = False, draft_mark: bool = False, allow_errors: bool = False,
                 credentials: str | None = None, oauth_client: str | None = None,
                 progress: Progress | None = None) -> Written:
    """Read and check the source, then write the Báo cáo on a period ('2024-03', '2024-Q1',
    'HK1-2023-2024', '2024'), on a window of days (from, to), or on one topic (its number in
    the plan; without a period, its latest occasion). Its number and date are its row's in
    the tab of issued documents, unless given (both, for a one-off). ReportError when the
    period cannot be reported on, DataError when the data has errors (unless allow_errors)
    or when the issued report's row records another file's hash."""
    from commsplan.documents.report import (
        refuse_impossible,
        report_document,
        report_file_name,
        report_period,
        report_topic,
        topic_period,
        window_period,
    )
    from commsplan.issued import issued_rows, report_issue

    asked_period(period, window, topic_alone=topic is not None)  # refused before any reading
    number_and_date(number, date)
    _check_output_name(output)
    as_of = as_of or dt.date.today()
    book, report, plan = read_and_check(source, as_of=as_of, progress=progress,
                                        credentials=credentials, oauth_client=oauth_client)
    chosen = report_topic(plan, topic) if topic is not None else None
    if period:
        span = report_period(book, period, plan)  # a semester needs the calendar
    elif window:
        span = window_period(*window)
    else:
        assert chosen is not None
        span = topic_period(plan, chosen, as_of)
    refuse_impossible(plan, span, as_of)
    gate(report, allow_errors=allow_errors)
    notes = [note] if (note := not_over(span, as_of)) else []
    for note in notes:
        _tell(progress, note.key, **note.params)
    issue = report_issue(issued_rows(book, plan, as_of), span,
                         chosen.number if chosen is not None else None, number, date)
    saved, pdfs, recorded = _write_one(
        lambda: report_document(book, span, as_of, plan, chosen, number=issue.number,
                                date=issue.date, filing=issue.filing),
        report_file_name(book, span, chosen), source, output, force=force, pdf=pdf, pdf_a=pdf_a,
        draft_mark=draft_mark, issue=issue, book=book, credentials=credentials,
        oauth_client=oauth_client, progress=progress)
    return Written(saved, report, pdfs, notes + recorded)


def _check_output_name(output: str | os.PathLike | None) -> None:
    """Refuse an output name that is not a .docx before any reading (a PDF is named after it)."""
    if output:
        from commsplan.outputs import check_name

        check_name(output, ".docx")


def _write_one(build: Callable[[], object], name: str, source: str,
               output: str | os.PathLike | None, *, force: bool, pdf: bool, pdf_a: bool,
               draft_mark: bool,
               issue: Issue, book: Book, credentials: str | None, oauth_client: str | None,
               progress: Progress | None) -> tuple[Saved, list[Path], list[Phrase]]:
    """The document to output (or the name made from the data), then its PDF; each file is
    told to progress as soon as it is there. An issued document whose row records another
    file's hash is not written (DataError with the finding); once written, its hash goes into
    its row (a note when the tab has no column for it)."""
    from commsplan.documents.docx_io import docx_bytes
    from commsplan.findings import Report
    from commsplan.issued import save_document as save_issued
    from commsplan.outputs import named

    if draft_mark and issue.issued:
        from commsplan.errors import OutputError

        raise OutputError("draft-mark-issued")
    path = Path(output) if output else named(".", name)
    _tell(progress, "progress-writing", path=path)
    document = build()
    if draft_mark:
        from commsplan.documents.nd30 import mark_draft

        document = mark_draft(document)  # type: ignore[arg-type]
    written = save_issued(book, path, docx_bytes(document), issue,  # type: ignore[arg-type]
                          replace=force, inputs=[source])
    if written.finding is not None:
        raise DataError("issued-not-written", path=path).with_report(Report([written.finding]))
    assert written.saved is not None
    saved = written.saved
    if progress is not None:
        progress(saved_event(saved))
    records = [written.record] if written.record is not None else []
    notes = record_hashes(source, book, records, credentials=credentials,
                          oauth_client=oauth_client, progress=progress)
    pdfs = []
    if pdf or pdf_a:
        _tell(progress, "progress-pdf", count=1)
        for made in to_pdf([saved.path], archive=pdf_a):
            if progress is not None:
                progress(Event("written", {"path": made}, made))
            pdfs.append(made)
    return saved, pdfs, notes


def record_hashes(source: str, book: Book, records: list[tuple[int, str]], *,
                  credentials: str | None = None, oauth_client: str | None = None,
                  progress: Progress | None = None) -> list[Phrase]:
    """Write issued documents' hashes into their rows of the tab of issued documents, each
    told to progress; a note for each one that could not be (the tab has no column for it),
    told to progress too."""
    from commsplan.issued import HASH_COLUMN, ISSUED
    from commsplan.issued import record_hashes as write_hashes

    if not records:
        return []
    table = book[ISSUED]
    left = write_hashes(source, book, records, credentials=credentials,
                        oauth_client=oauth_client)
    notes = []
    for row, digest in records:
        if (row, digest) in left:
            note = Phrase("issued-hash-not-recorded", tab=table.label, row=row,
                          column=table.header(HASH_COLUMN), digest=digest)
            notes.append(note)
            _tell(progress, note.key, **note.params)
        else:
            _tell(progress, "issued-hash-recorded", tab=table.label,
                  cell=table.cell(HASH_COLUMN, row))
    return notes


def number_and_date(number: int | None, date: dt.date | None) -> None:
    """Refuse a number without a date or a date without a number: an issued document has
    both (OutputError)."""
    if (number is None) != (date is None):
        from commsplan.errors import OutputError

        raise OutputError("number-date-together")


def save_document(document: object, path: str | os.PathLike, *, issued: bool = False,
                  replace: bool = False, inputs: list[str | os.PathLike] | tuple = ()) -> Saved:
    """Save a document as .docx at path by the output policy (`commsplan.outputs`): the same
    bytes are never written twice, a draft is replaced only with replace, an issued document
    is never replaced (a new copy name-2.docx is made beside it)."""
    from commsplan.documents.docx_io import docx_bytes
    from commsplan.outputs import check_name, save

    check_name(path, ".docx")
    return save(path, docx_bytes(document), issued=issued,  # type: ignore[arg-type]
                replace=replace, inputs=inputs)


def to_pdf(documents: list[str | os.PathLike] | list[Path], *,
           archive: bool = False) -> list[Path]:
    """PDFs of .docx files, beside them, through headless LibreOffice (OutputError when it is
    not installed, fails or takes too long); with archive, PDF/A-2b for signing, checked
    (fonts embedded, the title, every word) and removed with the reasons when it fails."""
    paths = [Path(d) for d in documents]
    if archive:
        from commsplan.pdfa import convert_to_pdf_a

        return convert_to_pdf_a(paths)
    from commsplan.outputs import convert_to_pdf

    return convert_to_pdf(paths)


def _pdf_done(pdf: Path, archive: bool) -> bool:
    """Whether a document's PDF is there (a PDF/A, when archive)."""
    if not pdf.exists():
        return False
    if archive:
        from commsplan.pdfa import is_pdf_a

        return is_pdf_a(pdf)
    return True



def write_register(source: str, output: str | os.PathLike, *, year: int | None = None,
                   force: bool = False, allow_errors: bool = False,
                   credentials: str | None = None, oauth_client: str | None = None,
                   progress: Progress | None = None) -> tuple[Saved, Extract]:
    """Read and check the source, then write the outgoing-register extract of a year (default:
    the latest with an issued document), an .xlsx at output: the issued plans and reports in
    the ten columns of Decree 30/2020, Appendix IV. DataError when the data has errors
    (unless allow_errors)."""
    from commsplan.outputs import check_name, save
    from commsplan.register import register_extract

    check_name(output, ".xlsx")
    book, report, plan = read_and_check(source, as_of=dt.date.today(), progress=progress,
                                        credentials=credentials, oauth_client=oauth_client)
    gate(report, allow_errors=allow_errors)
    extract = register_extract(book, year, plan)
    return save(output, extract.data, replace=force, inputs=[source]), extract

# The principal's one command ------------------------------------------------------------

CONFIG_KEYS: dict[str, type | tuple[type, ...]] = {
    "source": str, "credentials": str, "oauth_client": str, "output": str, "reports": list,
    "pdf": (bool, str), "as_of": (str, dt.date), "allow_errors": bool, "lang": str,
    "draft_mark": bool,
}
PDF_A = "pdf-a"  # pdf = "pdf-a": the PDFs are PDF/A-2b, checked for signing
# What each kind of value is called when a config value is of the wrong kind (vi, en).
CONFIG_WANTED: dict[type | tuple[type, ...], tuple[str, str]] = {
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
    """What `generate` does, as commsplan.toml says it (`load_config`): source, the workbook
    path or Google Sheet; output, the folder of the documents; reports, period keys
    ('2024-03') or kinds ('tháng', 'quý', 'học kỳ', 'năm': every such period ended by as_of);
    pdf, whether to make PDFs (pdf_a: PDF/A-2b for signing, pdf = "pdf-a" in the file);
    draft_mark, "DỰ THẢO" on each draft (never on an issued document); as_of, the day the
    figures count to (default today);
    allow_errors, to write documents from data with errors; credentials and oauth_client,
    for a Google Sheet; lang, the language the command line speaks for this config."""

    source: str
    output: Path = Path(".")
    reports: list[str] = field(default_factory=list)
    pdf: bool = True
    pdf_a: bool = False
    draft_mark: bool = False
    as_of: dt.date | None = None
    allow_errors: bool = False
    credentials: str | None = None
    oauth_client: str | None = None
    lang: str | None = None

    def __post_init__(self) -> None:
        self.output = Path(self.output)


def load_config(path: str | os.PathLike) -> Config:
    """Read and validate a commsplan.toml; paths in it are relative to its folder.
    ConfigError when it is missing or wrong."""
    import tomllib

    from commsplan.errors import ConfigError
    from commsplan.sources.locate import is_google_sheet
    from commsplan.values import parse_date

    path = Path(path)
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


def due_periods(book: Book, wanted: list[str], as_of: dt.date, plan: Plan | None = None,
                skipped: list[Phrase] | None = None) -> list[Period]:
    """The report periods to write: each key as given, unless it lies outside the plan or
    has not begun (then a note in `skipped` says so); each kind word ('tháng', 'quý',
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
                skipped.append(Phrase(key, **refused.params))
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
class Generated:
    """What a generate run did: the documents saved (written or unchanged), the PDFs made,
    the configured reports skipped and why, notes, the check's findings, and the issued
    documents not written because their row records another file's hash (`changed`, as
    findings). When the PDFs could not be made, `pdf_error` says why (the .docx files are
    there)."""

    report: Report
    saved: list[Saved] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    skipped: list[Phrase] = field(default_factory=list)
    notes: list[Phrase] = field(default_factory=list)
    pdf_error: CommsplanError | None = None
    changed: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """A step after the documents (the PDFs) did not complete."""
        return self.pdf_error is not None


def generate(config: Config, *, progress: Progress | None = None) -> Generated:
    """Check the data, then write the plan and the due reports into config.output (drafts
    refreshed, issued documents kept, their hashes recorded in their rows), and their PDFs
    with config.pdf. DataError when the data has errors (unless config.allow_errors)."""
    from commsplan.documents.docx_io import docx_bytes
    from commsplan.documents.nd30 import mark_draft
    from commsplan.documents.plan import plan_document, plan_file_name
    from commsplan.documents.report import report_document, report_file_name
    from commsplan.errors import OutputError
    from commsplan.issued import issued_rows, plan_issue, report_issue
    from commsplan.issued import save_document as save_issued
    from commsplan.outputs import named

    as_of = config.as_of or dt.date.today()
    book, report, plan = read_and_check(config.source, as_of=as_of, progress=progress,
                                        credentials=config.credentials,
                                        oauth_client=config.oauth_client)
    gate(report, allow_errors=config.allow_errors)
    done = Generated(report)
    rows = issued_rows(book, plan, as_of)
    issue = plan_issue(book, rows)
    docs: list[tuple[str, Callable[[], object], Issue]] = [
        (plan_file_name(book), functools.partial(plan_document, book, number=issue.number,
                                                 date=issue.date, filing=issue.filing), issue)]
    for period in due_periods(book, config.reports, as_of, plan, done.skipped):
        if (note := not_over(period, as_of)) is not None:
            done.notes.append(note)
        issue = report_issue(rows, period)
        docs.append((report_file_name(book, period),
                     functools.partial(report_document, book, period, as_of, plan,
                                       number=issue.number, date=issue.date,
                                       filing=issue.filing), issue))
    records = []
    for name, build, issue in docs:
        path = named(config.output, name)
        _tell(progress, "progress-writing", path=path)
        document = build()
        if config.draft_mark and not issue.issued:  # an issued document is never marked
            document = mark_draft(document)  # type: ignore[arg-type]
        written = save_issued(book, path, docx_bytes(document), issue,  # type: ignore[arg-type]
                              replace=True, inputs=[config.source])
        if written.finding is not None:
            done.changed.append(written.finding)
            continue
        assert written.saved is not None
        done.saved.append(written.saved)
        if progress is not None:
            progress(saved_event(written.saved))
        if written.record is not None:
            records.append(written.record)
    done.notes += record_hashes(config.source, book, records, credentials=config.credentials,
                                oauth_client=config.oauth_client, progress=progress)
    # a new .docx needs its PDF; so does one whose PDF an earlier run could not make, or
    # (pdf = "pdf-a") one whose PDF is not a PDF/A
    wanted = [s.path for s in done.saved
              if s.changed or not _pdf_done(s.path.with_suffix(".pdf"), config.pdf_a)]
    if config.pdf and wanted:
        _tell(progress, "progress-pdf", count=len(wanted))
        try:
            done.pdfs = to_pdf(wanted, archive=config.pdf_a)
        except OutputError as exc:  # the .docx files are there; say why the PDFs are not
            done.pdf_error = exc
            done.notes.append(Phrase(exc.key, **exc.params))
    return done


def check_source(source: str, *, as_of: dt.date | None = None, links: bool = False,
                 sheet: object = None, credentials: str | None = None,
                 oauth_client: str | None = None, progress: Progress | None = None) -> Report:
    """Read and check a source, as of a day (default today); with links, every link of the
    register opened too (dead links, publication dates far from the register's), the count
    told to progress. sheet: a Google Sheet already connected (to write the result back)."""
    from commsplan import check, open_book

    options = {"sheet": sheet} if sheet is not None else {
        "credentials": credentials, "oauth_client": oauth_client}
    book = open_book(source, **options)
    report = check(book, as_of=as_of or dt.date.today())
    if not links:
        return report
    from commsplan.checks.links import link_findings, register_links
    from commsplan.findings import Report
    from commsplan.sources.linkcheck import LinkChecker

    found = register_links(book)
    findings, unverified = link_findings(book, LinkChecker().check_all(found))
    _tell(progress, "links-checked", count=len(found), unverified=unverified)
    return Report(report.findings + findings)


# The other commands --------------------------------------------------------------------------

def write_template(path: str | os.PathLike, *, force: bool = False) -> Saved:
    """An empty workbook with every tab of the sheet contract (headers, help, drop-down
    lists) at path, an .xlsx; force replaces a file there, but never one holding data."""
    from commsplan.errors import OutputError
    from commsplan.outputs import check_name, existing, save
    from commsplan.sheet_writers.workbook import holds_data, workbook_bytes

    check_name(path, ".xlsx")
    if force and existing(path) and holds_data(path):
        raise OutputError("template-over-data", path=str(path))
    return save(path, workbook_bytes(), replace=force)


def google_sheet(source: str, access: str, option: str, *, credentials: str | None = None,
                 oauth_client: str | None = None):
    """The Google Sheet source names, connected for access ('read', 'write', 'share');
    SourceError naming option when source is a file."""
    from commsplan.errors import SourceError
    from commsplan.sources.locate import is_google_sheet

    if not is_google_sheet(source):
        raise SourceError("google-only", option=option, source=source)
    from commsplan.sources.google import open_sheet

    return open_sheet(source, access, credentials=credentials, oauth_client=oauth_client)


@dataclass
class Imported:
    """What an import run proposed (`commsplan.importing.ImportResult`) and where the
    proposals went (the sheet's tab, or the workbook beside the source); None: nothing new."""

    result: ImportResult
    where: str | None = None


def import_posts(source: str, feeds: list[str] | tuple[str, ...] = (), *,
                 facebook_page: str | None = None, credentials: str | None = None,
                 oauth_client: str | None = None, lang: str = "vi") -> Imported:
    """Read posts from feeds, sitemaps and Facebook exports (and a Page through the Graph
    API), and propose the new ones as rows of the register, into the proposals tab (a Google
    Sheet) or a workbook beside the source; lang is the language of the reasons written
    beside each proposal."""
    from commsplan import importing, open_book
    from commsplan.errors import SourceError
    from commsplan.plan import read_plan
    from commsplan.sources.locate import is_google_sheet

    if not (feeds or facebook_page):
        raise SourceError("import-no-source")
    sheet = (google_sheet(source, "write", "import", credentials=credentials,
                          oauth_client=oauth_client) if is_google_sheet(source) else None)
    book = open_book(source, sheet=sheet) if sheet is not None else open_book(source)
    span = read_plan(book).span  # the plan period (as a cut-off day cuts it)
    reading = importing.read_posts(list(feeds), facebook_page=facebook_page,
                                   since=span.start if span else None)
    known = [book[importing.REGISTER], book[importing.PROPOSALS]]
    side = None
    if sheet is None:
        side = importing.proposals_table(importing.proposals_path(source), book.contract)
        known.append(side)
    result = importing.propose(book, reading, known_tables=known, plan=span, lang=lang)
    if not result.proposals:
        return Imported(result)
    if sheet is not None:
        return Imported(result, importing.save_proposals_google(sheet, book, result))
    assert side is not None  # read above for a workbook file
    return Imported(result, str(importing.save_proposals_xlsx(source, result, side)))


def apply_proposals(source: str, *, credentials: str | None = None,
                    oauth_client: str | None = None) -> ApplyResult:
    """Move the proposals marked confirmed into the register, and remove them from the
    proposals; what was moved, left waiting or rejected, and what lacks a value."""
    from commsplan import importing, open_book
    from commsplan.sources.locate import is_google_sheet

    if is_google_sheet(source):
        sheet = google_sheet(source, "write", "import", credentials=credentials,
                             oauth_client=oauth_client)
        return importing.apply_google(sheet, open_book(source, sheet=sheet))
    return importing.apply_xlsx(source, open_book(source))


# A school's submission and the office's roll-up ----------------------------------------------

def asked_period(period: str | None = None, window: tuple[dt.date, dt.date] | None = None,
                 *, topic_alone: bool = False) -> str | Period | None:
    """The period key or the window a report, an export or a roll-up asks for, refused
    (ReportError) before any reading; None when a one-topic report asks for neither
    (topic_alone: the topic's own window is then taken)."""
    from commsplan.documents.report import ReportError, check_period_key, window_period

    if window is not None and not all(window):
        raise ReportError("report-window-incomplete")
    if period and window:
        raise ReportError("report-period-and-window")
    if period:
        check_period_key(period)
        return period.strip()
    if window is not None:
        return window_period(*window)  # a window ending before it starts is refused here
    if topic_alone:
        return None
    raise ReportError("report-window-needed")


def rollup_period(period: str | None = None,
                  window: tuple[dt.date, dt.date] | None = None) -> str | Period:
    """The period key or window of an export or a roll-up, refused before any reading."""
    asked = asked_period(period, window)
    assert asked is not None  # without topic_alone, asked_period names a period or refuses
    return asked


def write_export(source: str, output: str | os.PathLike, *, period: str | None = None,
                 window: tuple[dt.date, dt.date] | None = None, topic: int | None = None,
                 as_of: dt.date | None = None, force: bool = False,
                 credentials: str | None = None, oauth_client: str | None = None) -> Saved:
    """A school's figures for a period (or window; one topic with topic) in the roll-up's
    submission layout, an .xlsx at output, for the office that rolls its schools up."""
    from commsplan.outputs import check_name, save
    from commsplan.rollup import export_bytes, export_figures

    check_name(output, ".xlsx")
    span = rollup_period(period, window)
    as_of = as_of or dt.date.today()
    figures = export_figures(source, span, as_of, topic=topic, credentials=credentials,
                             oauth_client=oauth_client)
    return save(output, export_bytes(figures, as_of), replace=force, inputs=[source])


@dataclass
class RolledUp:
    """What a roll-up did: every school read or not (`commsplan.rollup.collect.Rollup`), the
    roll-up workbook saved, the office's Báo cáo (None when no school could be read) and its
    PDF."""

    result: Rollup
    workbook: Saved
    report: Saved | None = None
    pdfs: list[Path] = field(default_factory=list)


def write_rollup(config: str | os.PathLike, *, period: str | None = None,
                 window: tuple[dt.date, dt.date] | None = None, topic: int | None = None,
                 as_of: dt.date | None = None, pdf: bool = False, lang: str = "vi",
                 progress: Progress | None = None) -> RolledUp:
    """Read every school a rollup.toml lists for the period, then write the roll-up workbook
    and the office's Báo cáo into its output folder (always replacing the last ones: they are
    made again from the schools' data), and the report's PDF with pdf. lang: the language of
    the reasons written in the workbook for the schools not included."""
    from commsplan.outputs import save
    from commsplan.rollup import rollup, rollup_outputs
    from commsplan.rollup.config import load_rollup_config

    settings = load_rollup_config(config)
    span = rollup_period(period, window)
    as_of = as_of or dt.date.today()

    def school_done(done) -> None:
        if done.failure is None:
            _tell(progress, "rollup-school-read", done=done.done, total=done.total,
                  school=done.school)
        else:
            _tell(progress, "rollup-school-failed", done=done.done, total=done.total,
                  school=done.school, why=done.failure.reason)

    result = rollup(settings, span, as_of, topic=topic, lang=lang, progress=school_done)
    outputs = rollup_outputs(result, settings, span, as_of, topic)
    _tell(progress, "rollup-summary", read=len(result.figures), failed=len(result.failures),
          seconds=round(result.seconds, 1))
    workbook = save(settings.output / outputs.workbook_name, outputs.workbook, replace=True)
    if progress is not None:
        progress(saved_event(workbook))
    done = RolledUp(result, workbook)
    if outputs.report is None:
        return done
    done.report = save(settings.output / outputs.report_name, outputs.report, replace=True)
    if progress is not None:
        progress(saved_event(done.report))
    if pdf:
        for made in to_pdf([done.report.path]):
            done.pdfs.append(made)
            if progress is not None:
                progress(Event("written", {"path": made}, made))
    return done
