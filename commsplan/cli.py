"""The command line: parse the arguments, call one library function, render what it returns.

Each command is one small function adding its arguments (`_<name>_arguments`) and one small
function running it (`cmd_<name>`), listed in COMMANDS. Errors become messages (JSON with
--json) and exit codes here, at the edge: 0 done (no errors in the data), 1 the data has
errors, 2 a usage or I/O problem, 3 an unexpected failure, 130 interrupted.

`--lang en|vi` (or COMMSPLAN_LANG) and `--json` are taken anywhere on the line; the help is in
the language chosen (commsplan.messages.HELP).
"""

from __future__ import annotations

import argparse
import contextvars
import datetime as dt
import os
import sys
from typing import Callable

from commsplan.errors import CommsplanError

EXIT_USAGE = 2
EXIT_UNEXPECTED = 3
EXIT_INTERRUPTED = 130
LANGUAGES = ("vi", "en")
# The parameters of an error that say where it happened, in its JSON object's "location".
LOCATION_KEYS = ("path", "source", "option", "key", "url", "host", "sheet_key", "tab", "cell",
                 "row", "column", "template", "line")



class Words:
    """The command line's words in one language: h("key") is a help text or metavar of
    commsplan.messages.HELP; h.date is the type of a date option, refusing in that language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.date = _date_type(lang)
        self.number = _number_type(lang)

    def __call__(self, key: str) -> str:
        from commsplan.messages import help_text

        return help_text(key, self.lang)


# Arguments shared by several commands -------------------------------------------------------

def _source_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("source", metavar=h("metavar-source"), help=h("source"))
    _credential_arguments(command, h)


def _credential_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("--credentials", metavar=h("metavar-key-file"), help=h("credentials"))
    command.add_argument("--oauth-client", metavar=h("metavar-client-file"),
                         help=h("oauth-client"))


def _document_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("-o", "--output", metavar=h("metavar-docx"), help=h("output"))
    command.add_argument("--force", action="store_true", help=h("document-force"))
    pdf = command.add_mutually_exclusive_group()
    pdf.add_argument("--pdf", action="store_true", help=h("pdf"))
    pdf.add_argument("--pdf-a", action="store_true", help=h("pdf-a"))
    command.add_argument("--draft-mark", action="store_true", help=h("draft-mark"))
    command.add_argument("--allow-errors", action="store_true", help=h("allow-errors"))
    _as_of_argument(command, h)
    command.add_argument("--number", type=h.number, metavar=h("metavar-number"),
                         help=h("number"))
    command.add_argument("--date", type=h.date, metavar=h("metavar-date"), help=h("date"))


def _as_of_argument(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("--as-of", type=h.date, metavar=h("metavar-date"), help=h("as-of"))


def _json_argument(command, h: Words) -> None:
    # SUPPRESS: a --json before the command (the main parser's) is not undone by this default
    command.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                         help=h("json"))


def source_options(args) -> dict:
    """The options open_book needs for a Google source (ignored for an .xlsx)."""
    return {"credentials": getattr(args, "credentials", None),
            "oauth_client": getattr(args, "oauth_client", None)}


def _document_options(args) -> dict:
    """The options of write_plan and write_report that every document command has."""
    return {"output": args.output, "as_of": args.as_of, "number": args.number,
            "date": args.date, "force": args.force, "pdf": args.pdf, "pdf_a": args.pdf_a,
            "draft_mark": args.draft_mark, "allow_errors": args.allow_errors,
            **source_options(args)}


def _google_sheet(args, access: str, option: str):
    """Connect to the Google Sheet args.source names, or refuse a file for this option."""
    from commsplan.runs import google_sheet

    return google_sheet(args.source, access, option, **source_options(args))


def _progress(args, *, files: bool = True):
    """A progress callback: a file written on stdout (with files, and not with --json), every
    other step on stderr, each as it happens."""
    def show(event) -> None:
        if event.path is None:
            print(event.message(args.lang), file=sys.stderr, flush=True)
        elif files and not args.json:
            print(event.message(args.lang), flush=True)
    return show


def _print_json(value: object) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


# commsplan template ---------------------------------------------------------------------------

def _template_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("out", metavar="OUT.xlsx", help=h("template-out"))
    command.add_argument("--force", action="store_true", help=h("template-force"))
    _json_argument(command, h)


def cmd_template(args) -> int:
    from commsplan.contract import load_contract
    from commsplan.messages import say
    from commsplan.runs import write_template

    saved = write_template(args.out, force=args.force)
    if args.json:
        _print_json({"path": saved.path, "changed": saved.changed})
    elif saved.changed:
        print(say("template-written", args.lang, path=saved.path, tabs=len(load_contract().tabs)))
    else:
        print(say("unchanged", args.lang, path=saved.path))
    return 0


# commsplan check ------------------------------------------------------------------------------

def _check_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    _source_arguments(command, h)
    _as_of_argument(command, h)
    form = command.add_mutually_exclusive_group()
    _json_argument(form, h)
    form.add_argument("--csv", action="store_true", help=h("csv"))
    command.add_argument("--write-back", action="store_true", help=h("write-back"))
    command.add_argument("--links", action="store_true", help=h("links"))


def cmd_check(args) -> int:
    from commsplan.checks import present
    from commsplan.runs import check_source

    sheet = _google_sheet(args, "write", "--write-back") if args.write_back else None
    as_of = args.as_of or dt.date.today()
    report = check_source(args.source, as_of=as_of, links=args.links, sheet=sheet,
                          progress=_progress(args), **source_options(args))
    if args.json:
        print(present.to_json(report, args.lang))
    elif args.csv:
        sys.stdout.write(present.to_csv(report, args.lang))
    else:
        print(present.to_text(report, args.lang))
    if sheet is not None:
        _write_back(args, sheet, report, as_of)
    return 0 if report.valid else 1


def _write_back(args, sheet, report, as_of: dt.date) -> None:
    from commsplan.messages import say
    from commsplan.sheet_writers.writeback import write_back

    sys.stdout.flush()
    done = write_back(sheet, report, as_of, args.lang)
    if done.beside:
        print(say("writeback-beside", args.lang, count=len(report.findings), tab=done.tab,
                  other=done.beside), file=sys.stderr)
    else:
        print(say("writeback-done", args.lang, count=len(report.findings), tab=done.tab),
              file=sys.stderr)


# commsplan init -------------------------------------------------------------------------------

def _init_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("source", metavar=h("metavar-spreadsheet"), help=h("init-source"))
    command.add_argument("--share", nargs="+", metavar="EMAIL", default=[], help=h("share"))
    _credential_arguments(command, h)
    _json_argument(command, h)


def cmd_init(args) -> int:
    from commsplan.messages import say
    from commsplan.sheet_writers.provision import provision, share

    sheet = _google_sheet(args, "share" if args.share else "write", "init")
    result = provision(sheet)
    if not args.json:
        print(say("init-done", args.lang, created=len(result.created),
                  updated=len(result.updated), requests=result.requests)
              if result.changed else say("init-nothing", args.lang))
    if result.month_first:
        print(say("init-locale", args.lang, locale=result.locale), file=sys.stderr)
    share(sheet, args.share)
    if args.json:
        _print_json({"created": list(result.created), "updated": list(result.updated),
                     "requests": result.requests, "shared": list(args.share)})
        return 0
    for email in args.share:
        print(say("init-shared", args.lang, email=email))
    return 0


# commsplan import -----------------------------------------------------------------------------

def _import_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    _source_arguments(command, h)
    command.add_argument("--from", dest="sources", nargs="+", default=[],
                         metavar=h("metavar-feed"), help=h("import-from"))
    command.add_argument("--facebook-page", metavar="ID", help=h("facebook-page"))
    command.add_argument("--apply", action="store_true", help=h("apply"))
    _json_argument(command, h)


def cmd_import(args) -> int:
    from commsplan.errors import SourceError
    from commsplan.messages import say
    from commsplan.runs import import_posts

    if args.apply:
        if args.sources or args.facebook_page:
            raise SourceError("import-apply-alone")
        return _apply(args)
    done = import_posts(args.source, args.sources, facebook_page=args.facebook_page,
                        lang=args.lang, **source_options(args))
    result = done.result
    counts = {"read": result.read, "known": result.already_known, "outside": result.outside_plan}
    if args.json:
        _print_json({"proposed": len(result.proposals), "where": done.where, **counts,
                     "likely_duplicates": result.likely_duplicates, "undated": result.undated,
                     "no_channel": sorted(result.no_channel), "untitled": result.untitled})
    elif not result.proposals:
        print(say("import-nothing-new", args.lang, **counts))
    else:
        print(say("import-done", args.lang, new=len(result.proposals), where=done.where,
                  likely=result.likely_duplicates, undated=result.undated, **counts))
    if not result.proposals:
        return 0
    if result.no_channel:
        print(say("import-no-channel", args.lang, hosts=", ".join(sorted(result.no_channel))),
              file=sys.stderr)
    if result.untitled:
        print(say("import-untitled", args.lang, count=result.untitled), file=sys.stderr)
    return 0


def _apply(args) -> int:
    from commsplan.messages import say
    from commsplan.runs import apply_proposals

    result = apply_proposals(args.source, **source_options(args))
    for row, columns in result.not_ready:
        print(say("import-not-ready", args.lang, row=row, columns=", ".join(columns)),
              file=sys.stderr)
    if args.json:
        _print_json({"moved": len(result.moved), "register_rows": list(result.register_rows),
                     "rejected": result.rejected, "waiting": result.waiting,
                     "not_ready": [{"row": row, "columns": list(columns)}
                                   for row, columns in result.not_ready]})
        return 0
    if not result.moved:
        print(say("import-apply-nothing", args.lang, rejected=result.rejected,
                  waiting=result.waiting))
        return 0
    rows = ", ".join(str(r) for r in result.register_rows)
    print(say("import-applied", args.lang, moved=len(result.moved), rows=rows,
              rejected=result.rejected, waiting=result.waiting))
    return 0


# commsplan plan, report -----------------------------------------------------------------------

def _plan_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    _source_arguments(command, h)
    _document_arguments(command, h)
    _json_argument(command, h)


def cmd_plan(args) -> int:
    from commsplan.runs import write_plan

    written = write_plan(args.source, **_document_options(args), progress=_progress(args))
    return _render_written(args, written)


def _report_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    _source_arguments(command, h)
    command.add_argument("--period", metavar=h("metavar-period"), help=h("period"))
    command.add_argument("--from", dest="window_from", type=h.date,
                         metavar=h("metavar-date"), help=h("window-from"))
    command.add_argument("--to", dest="window_to", type=h.date,
                         metavar=h("metavar-date"), help=h("window-to"))
    command.add_argument("--topic", type=int, metavar=h("metavar-number"), help=h("topic"))
    _document_arguments(command, h)
    _json_argument(command, h)


def cmd_report(args) -> int:
    from commsplan.runs import write_report

    window = (args.window_from, args.window_to)
    written = write_report(args.source, period=args.period,
                           window=window if any(window) else None, topic=args.topic,
                           **_document_options(args), progress=_progress(args))
    return _render_written(args, written)


def _render_written(args, written) -> int:
    """A plan or report run: its files were said as they came; with --json, all of it now."""
    if args.json:
        _print_json(_saved_record([written.saved], written.pdfs, written.report, args.lang,
                                  notes=written.notes))
    return 0


def _saved_record(saved: list, pdfs: list, report, lang: str, *, notes=(), skipped=()) -> dict:
    """What a document run did, for --json: files written, kept (issued, beside a new copy)
    and unchanged, PDFs, the check's counts, notes and reports skipped."""
    return {
        "written": [s.path for s in saved if s.changed],
        "kept": [s.kept for s in saved if s.kept is not None],
        "unchanged": [s.path for s in saved if not s.changed],
        "pdfs": list(pdfs),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "skipped": [note.say(lang) for note in skipped],
        "notes": [note.say(lang) for note in notes],
    }


# commsplan register ---------------------------------------------------------------------------

def _register_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    _source_arguments(command, h)
    command.add_argument("-o", "--output", required=True, metavar=h("metavar-xlsx"),
                         help=h("register-output"))
    command.add_argument("--year", type=int, metavar=h("metavar-year"), help=h("register-year"))
    command.add_argument("--force", action="store_true", help=h("export-force"))
    command.add_argument("--allow-errors", action="store_true", help=h("register-allow-errors"))
    _json_argument(command, h)


def cmd_register(args) -> int:
    from commsplan.messages import say
    from commsplan.runs import write_register

    saved, extract = write_register(args.source, args.output, year=args.year, force=args.force,
                                    allow_errors=args.allow_errors, progress=_progress(args),
                                    **source_options(args))
    if args.json:
        _print_json({"path": saved.path, "changed": saved.changed, "year": extract.year,
                     "count": len(extract.entries)})
        return 0
    key = "register-written" if saved.changed else "register-unchanged"
    print(say(key, args.lang, path=saved.path, count=len(extract.entries), year=extract.year))
    return 0


# commsplan lint -------------------------------------------------------------------------------

def _lint_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("files", nargs="+", metavar=h("metavar-docx"), help=h("lint-files"))
    _json_argument(command, h)


def cmd_lint(args) -> int:
    """0 every file follows the layout, 1 some do not, 2 a file could not be read."""
    from commsplan.lint import UnreadableDocument, lint_file, to_json, to_text
    from commsplan.messages import say

    results, unreadable = [], False
    for path in args.files:
        try:
            results.append(lint_file(path))
        except UnreadableDocument as exc:
            unreadable = True
            print(say("lint-unreadable", args.lang, path=path, detail=exc), file=sys.stderr)
    if args.json:
        print(to_json(results, args.lang))
    elif results:
        print(to_text(results, args.lang))
    if unreadable:
        return 2
    return 0 if all(result.clean for result in results) else 1


# commsplan generate ---------------------------------------------------------------------------

def _generate_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("--config", default="commsplan.toml", metavar=h("metavar-toml"),
                         help=h("config"))
    command.add_argument("--allow-errors", action="store_true", help=h("allow-errors"))
    command.add_argument("--pdf-a", action="store_true", help=h("generate-pdf-a"))
    _json_argument(command, h)


def cmd_generate(args) -> int:
    from commsplan.runs import generate, load_config

    config = load_config(args.config)
    config.allow_errors = config.allow_errors or args.allow_errors
    if args.pdf_a:
        config.pdf, config.pdf_a = True, True
    args.lang = config.lang or args.lang  # the config's language, for failures too
    done = generate(config, progress=_progress(args, files=False))
    if args.json:
        record = _saved_record(done.saved, done.pdfs, done.report, args.lang,
                               notes=done.notes, skipped=done.skipped)
        if done.pdf_error is not None:
            record["error"] = error_record(done.pdf_error, args.lang)
        if done.changed:
            from commsplan.checks.present import as_record

            record["changed"] = [as_record(f, args.lang) for f in done.changed]
        _print_json(record)
    else:
        print("\n".join(summary_lines(done, args.lang)))
    return EXIT_USAGE if done.failed else 1 if done.changed else 0


def summary_lines(done, lang: str) -> list[str]:
    """generate's closing summary: files written or unchanged, then the check's counts."""
    from commsplan.messages import say
    from commsplan.runs import saved_event

    report = done.report
    lines = [saved_event(s).message(lang) for s in done.saved if s.changed]
    lines += [say("written", lang, path=p) for p in done.pdfs]
    lines += [saved_event(s).message(lang) for s in done.saved if not s.changed]
    lines += [note.say(lang) for note in done.skipped]
    lines += [finding.message(lang) for finding in done.changed]
    lines += [note.say(lang) for note in done.notes]
    lines.append(say("check-summary", lang, errors=len(report.errors),
                     warnings=len(report.warnings)))
    shortfalls = [f for f in report.errors if f.code.startswith("cadence-")]
    if shortfalls:
        lines.append(say("generate-shortfalls", lang, count=len(shortfalls),
                         periods=", ".join(sorted({f.period for f in shortfalls if f.period}))))
    return lines


# commsplan export, rollup ---------------------------------------------------------------------

def _export_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    _source_arguments(command, h)
    command.add_argument("-o", "--output", required=True, metavar=h("metavar-xlsx"),
                         help=h("export-output"))
    command.add_argument("--force", action="store_true", help=h("export-force"))
    _rollup_period_arguments(command, h)


def cmd_export(args) -> int:
    from commsplan.runs import saved_event, write_export

    saved = write_export(args.source, args.output, **_rollup_period_options(args),
                         force=args.force, **source_options(args))
    if args.json:
        _print_json({"path": saved.path, "changed": saved.changed})
    else:
        print(saved_event(saved).message(args.lang))
    return 0


def _rollup_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("config", metavar=h("metavar-toml"), help=h("rollup-config"))
    command.add_argument("--pdf", action="store_true", help=h("rollup-pdf"))
    _rollup_period_arguments(command, h)


def cmd_rollup(args) -> int:
    """0 every school included, 1 some could not be, 2 none (the workbook says why)."""
    from commsplan.messages import say
    from commsplan.runs import write_rollup

    done = write_rollup(args.config, **_rollup_period_options(args), pdf=args.pdf,
                        lang=args.lang, progress=_progress(args))
    if args.json:
        _print_json({"workbook": done.workbook.path,
                     "report": done.report.path if done.report else None,
                     "pdfs": done.pdfs, "read": len(done.result.figures),
                     "failed": [{"school": f.school, "source": f.source, "reason": f.reason}
                                for f in done.result.failures]})
    if done.report is None:
        if not args.json:
            print(say("rollup-nothing-read", args.lang, path=done.workbook.path),
                  file=sys.stderr)
        return EXIT_USAGE
    return 1 if done.result.failures else 0


def _rollup_period_arguments(command: argparse.ArgumentParser, h: Words) -> None:
    command.add_argument("--period", metavar=h("metavar-period"), help=h("rollup-period"))
    command.add_argument("--from", dest="window_from", type=h.date, metavar=h("metavar-date"),
                         help=h("rollup-from"))
    command.add_argument("--to", dest="window_to", type=h.date, metavar=h("metavar-date"),
                         help=h("rollup-to"))
    command.add_argument("--topic", type=int, metavar=h("metavar-number"), help=h("rollup-topic"))
    command.add_argument("--as-of", type=h.date, metavar=h("metavar-date"), help=h("rollup-as-of"))
    _json_argument(command, h)


def _rollup_period_options(args) -> dict:
    window = (args.window_from, args.window_to)
    return {"period": args.period, "window": window if any(window) else None,
            "topic": args.topic, "as_of": args.as_of}


# The commands, in the order the help lists them: (add its arguments, run it).
COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser, Words], None],
                          Callable[[argparse.Namespace], int]]] = {
    "template": (_template_arguments, cmd_template),
    "check": (_check_arguments, cmd_check),
    "init": (_init_arguments, cmd_init),
    "import": (_import_arguments, cmd_import),
    "plan": (_plan_arguments, cmd_plan),
    "report": (_report_arguments, cmd_report),
    "register": (_register_arguments, cmd_register),
    "lint": (_lint_arguments, cmd_lint),
    "generate": (_generate_arguments, cmd_generate),
    "export": (_export_arguments, cmd_export),
    "rollup": (_rollup_arguments, cmd_rollup),
}


# The parser ---------------------------------------------------------------------------------

class UsageError(Exception):
    """A command line argparse cannot take; main says it (as JSON with --json) and exits 2."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser, self.text = parser, message


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is raised for main to say, not printed here."""

    def error(self, message: str):
        raise UsageError(self, message)


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, its help in lang (default: COMMSPLAN_LANG, else Vietnamese)."""
    from commsplan import __version__
    from commsplan.messages import HELP

    lang = lang or _SPOKEN.get() or _environment_language()
    h = Words(lang)
    parser = _Parser(prog="commsplan", description=h("description"), **_speaking(h))
    _help_argument(parser, h)
    parser.add_argument("--lang", choices=LANGUAGES, default=lang, help=h("lang"))
    parser.add_argument("--json", action="store_true", help=h("json"))
    parser.add_argument("--version", action="version", version=f"commsplan {__version__}",
                        help=h("version"))
    commands = parser.add_subparsers(dest="command", metavar=h("metavar-command"))
    for name, (arguments, run) in COMMANDS.items():
        described = f"{name}-description" if f"{name}-description" in HELP else name
        command = commands.add_parser(name, help=h(name), description=h(described),
                                      **_speaking(h))
        _help_argument(command, h)
        arguments(command, h)
        if not any("--lang" in action.option_strings for action in command._actions):
            command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                                 help=h("lang"))
        command.set_defaults(handler=run)
    return parser


# The language main found on the command line, for build_parser() to speak.
_SPOKEN: contextvars.ContextVar[str | None] = contextvars.ContextVar("spoken", default=None)


def _speaking(h: Words) -> dict:
    """The options of a parser whose usage line says 'usage' in h's language."""
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, h("usage") if prefix is None else prefix)

    return {"formatter_class": Formatter, "add_help": False}


def _help_argument(parser: argparse.ArgumentParser, h: Words) -> None:
    """-h/--help and the titles of the argument groups, in h's language."""
    parser.add_argument("-h", "--help", action="help", help=h("help"))
    parser._positionals.title = h("title-positional")
    parser._optionals.title = h("title-options")


def _date_type(lang: str) -> Callable[[str], dt.date]:
    """argparse's type for a date option: the date, or a usage error saying how to type it."""
    def date(text: str) -> dt.date:
        from commsplan.values import parse_date

        value, _ = parse_date(text)
        if value is None:
            from commsplan.messages import say

            raise argparse.ArgumentTypeError(say("option-not-a-date", lang, text=text))
        return value
    return date


def _number_type(lang: str) -> Callable[[str], int]:
    """argparse's type for a document number (1 to 99999), refusing in lang."""
    def number(text: str) -> int:
        if text.strip().isdigit() and 1 <= int(text) <= 99999:
            return int(text)
        from commsplan.messages import say

        raise argparse.ArgumentTypeError(say("option-not-a-number", lang, text=text))
    return number


def _environment_language() -> str:
    chosen = os.environ.get("COMMSPLAN_LANG", "vi").strip().lower()
    return chosen if chosen in LANGUAGES else "vi"


def chosen_language(argv: list[str]) -> str:
    """The language of help and messages: the last --lang on the line (before or after the
    command), else COMMSPLAN_LANG, else Vietnamese. A wrong value is argparse's to refuse."""
    lang = _environment_language()
    for at, word in enumerate(_options_part(argv)):
        value = None
        if word == "--lang" and at + 1 < len(argv):
            value = argv[at + 1]
        elif word.startswith("--lang="):
            value = word.split("=", 1)[1]
        if value in LANGUAGES:
            lang = value
    return lang


def _options_part(argv: list[str]) -> list[str]:
    """The words before a '--' (after it, every word is a file name)."""
    return argv[:argv.index("--")] if "--" in argv else argv


# Running ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = chosen_language(argv)
    args = argparse.Namespace(lang=lang, json="--json" in _options_part(argv))
    previous = _interrupt_on_sigterm()
    spoken = _SPOKEN.set(lang)
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)  # --help and --version leave by SystemExit
        except UsageError as exc:
            _say_usage_error(exc, args)
            raise SystemExit(EXIT_USAGE) from None
        args.lang = getattr(args, "lang", lang)
        args.json = getattr(args, "json", False)
        if not getattr(args, "handler", None):
            parser.print_help()
            return EXIT_USAGE
        return args.handler(args)
    except CommsplanError as exc:
        _say_error(exc, args)
        return exc.exit_code
    except BrokenPipeError:  # the output went to a pager or `head` that closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        _say(args, "interrupted", "interrupted", EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except BaseException as exc:  # also what is no Exception, such as a Rust panic from a reader
        if os.environ.get("COMMSPLAN_DEBUG"):
            raise
        _say(args, "unexpected", "unexpected", EXIT_UNEXPECTED, detail=_one_line(exc))
        return EXIT_UNEXPECTED
    finally:
        _SPOKEN.reset(spoken)
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


def error_record(exc: CommsplanError, lang: str) -> dict:
    """An error as --json says it: its code, its message and, if any, where it happened."""
    record: dict[str, object] = {"code": exc.key, "message": exc.message(lang),
                                 "exit_code": exc.exit_code}
    location = {key: str(exc.params[key]) for key in LOCATION_KEYS if exc.params.get(key)}
    if location:
        record["location"] = location
    return record


def _say_error(exc: CommsplanError, args) -> None:
    """A failure on stderr: its message, or its JSON object on one line with --json; the
    findings that stopped a document before it."""
    from commsplan.errors import DataError

    stopping = exc.report if isinstance(exc, DataError) else None
    if args.json:
        import json

        record = error_record(exc, args.lang)
        if stopping is not None:
            from commsplan.checks.present import as_record

            record["findings"] = [as_record(f, args.lang) for f in stopping.findings]
        print(json.dumps(record, ensure_ascii=False, default=str), file=sys.stderr)
        return
    if stopping is not None:
        from commsplan.checks.present import to_text

        print(to_text(stopping, args.lang, limit=50), file=sys.stderr)
    print(exc.message(args.lang), file=sys.stderr)


def _say_usage_error(exc: UsageError, args) -> None:
    """argparse's usage line and error, in the user's language, or with --json one object
    (code "usage")."""
    from commsplan.messages import help_text

    message = usage_message(exc.text, args.lang)
    if args.json:
        import json
        import re

        record: dict[str, object] = {"code": "usage", "message": message,
                                     "exit_code": EXIT_USAGE}
        named = re.match(r"argument ([^:]+): ", exc.text)
        if named:
            record["location"] = {"option": named.group(1)}
        print(json.dumps(record, ensure_ascii=False), file=sys.stderr)
        return
    exc.parser.print_usage(sys.stderr)
    print(f"{exc.parser.prog}: {help_text('error', args.lang)}: {message}", file=sys.stderr)


# argparse's own error sentences (English, from its gettext catalogue) and the catalogue's keys
_ARGPARSE_ERRORS = (
    (r"the following arguments are required: (?P<arguments>.+)", "usage-required"),
    (r"argument (?P<option>[^:]+): expected (one|at least one) argument", "usage-expected-value"),
    (r"argument (?P<option>[^:]+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.+)\)",
     "usage-invalid-choice"),
    (r"argument (?P<option>[^:]+): invalid \S+ value: '(?P<value>.*)'", "usage-invalid-value"),
    (r"unrecognized arguments: (?P<arguments>.+)", "usage-unrecognized"),
    (r"argument (?P<option>[^:]+): not allowed with argument (?P<other>.+)",
     "usage-not-allowed-with"),
    (r"argument (?P<option>[^:]+): (?P<detail>.+)", "usage-argument"),  # a value's own message
)


def usage_message(text: str, lang: str) -> str:
    """argparse's error in the user's language: a sentence of the catalogue when argparse said
    one it knows, else argparse's own words."""
    import re

    from commsplan.messages import say

    for pattern, key in _ARGPARSE_ERRORS:
        found = re.fullmatch(pattern, text)
        if found:  # a value's own message ends the sentence with the catalogue's stop
            return say(key, lang, **{name: value.rstrip(". ") if name == "detail" else value
                                     for name, value in found.groupdict().items()})
    return text


def _say(args, code: str, key: str, exit_code: int, **params) -> None:
    """A message of the catalogue on stderr, as an object with --json."""
    from commsplan.messages import say

    text = say(key, args.lang, **params)
    if getattr(args, "json", False):
        import json

        print(json.dumps({"code": code, "message": text, "exit_code": exit_code},
                         ensure_ascii=False), file=sys.stderr)
    else:
        print(text, file=sys.stderr)


def _interrupt_on_sigterm():
    """Make SIGTERM (a scheduler or service stopping the run) act like Ctrl+C, so the cleanup
    in `finally` blocks runs (LibreOffice ended, temporary files removed); Python's default
    is to die on the spot. Returns the handler it replaced."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        return None


def _one_line(exc: BaseException) -> str:
    """The exception's kind and the first line of what it says, for the technical contact."""
    from commsplan.text import clip

    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = clip(lines[0], 200) if lines else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
