"""The command line: parse arguments, call the API, print. Errors become messages and exit codes.

Exit codes: 0 done (no errors in the data), 1 the data has errors, 2 a usage or I/O problem,
3 an unexpected failure, 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from commsplan.errors import CommsplanError

EXIT_UNEXPECTED = 3
EXIT_INTERRUPTED = 130


def _date(text: str) -> dt.date:
    from commsplan.values import parse_date

    value, problem = parse_date(text)
    if value is None:
        from commsplan.messages import say

        lang = os.environ.get("COMMSPLAN_LANG", "vi")  # the options are not parsed yet
        raise argparse.ArgumentTypeError(say("option-not-a-date", lang, text=text))
    return value


PDF_A_HELP = ("tạo thêm bản PDF/A-2b để ký số (phông chữ nhúng, tiêu đề là trích yếu), được "
              "kiểm tra trước khi giao; cần LibreOffice và poppler-utils")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commsplan",
        description="Kế hoạch và báo cáo truyền thông của nhà trường, từ bảng tính dùng chung "
        "(Excel .xlsx hoặc Google Trang tính) ra văn bản đúng thể thức Nghị định 30/2020/NĐ-CP.",
    )
    parser.add_argument("--lang", choices=("vi", "en"),
                        default=os.environ.get("COMMSPLAN_LANG", "vi"),
                        help="ngôn ngữ của thông báo: vi (mặc định) hoặc en")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    template = commands.add_parser("template",
                                   help="tạo bảng tính mẫu (.xlsx) trống, đủ các trang tính")
    template.add_argument("out", metavar="OUT.xlsx", help="tệp sẽ tạo")
    template.add_argument("--force", action="store_true",
                          help="ghi đè nếu tệp đã có (không bao giờ ghi đè bảng tính có dữ liệu)")
    template.set_defaults(handler=cmd_template)

    check = commands.add_parser(
        "check", help="kiểm tra bảng tính, chỉ rõ ô sai và kỳ chưa đạt định mức")
    _source_arguments(check)
    check.add_argument("--as-of", type=_date, metavar="NGÀY",
                       help="kiểm tra tính đến ngày (mặc định: hôm nay)")
    check.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS,
                       help="ngôn ngữ của thông báo: vi (mặc định) hoặc en")
    form = check.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    form.add_argument("--csv", action="store_true",
                      help="in kết quả dạng CSV; ô bắt đầu bằng =, +, -, @, tab hoặc xuống dòng "
                      "được thêm dấu ' ở đầu để Excel không chạy nó như công thức")
    check.add_argument("--write-back", action="store_true",
                       help="ghi kết quả vào trang tính 'Kiểm tra' của Google Trang tính (chỉ "
                       "trang tính do commsplan tạo; trang tính khác trùng tên được giữ nguyên)")
    check.add_argument("--links", action="store_true",
                       help="mở từng đường dẫn của Nhật ký: báo đường dẫn hỏng và ngày đăng "
                       "lệch với ngày ghi (cần mạng)")
    check.set_defaults(handler=cmd_check)

    init = commands.add_parser("init", help="chuẩn bị Google Trang tính dùng chung: trang tính, "
                               "tiêu đề, danh sách chọn, định dạng; chia sẻ nếu cần")
    init.add_argument("source", metavar="BẢNG_TÍNH", help="đường dẫn hoặc mã Google Trang tính")
    init.add_argument("--share", nargs="+", metavar="EMAIL", default=[],
                      help="chia sẻ quyền chỉnh sửa cho các địa chỉ này (Google gửi thư báo)")
    _credential_arguments(init)
    init.set_defaults(handler=cmd_init)

    imports = commands.add_parser(
        "import", help="đề xuất dòng Nhật ký từ bài đã đăng trên website (RSS, sitemap) và "
        "fanpage (tệp xuất từ Facebook); --apply chuyển các dòng đã xác nhận vào Nhật ký")
    _source_arguments(imports)
    imports.add_argument("--from", dest="sources", nargs="+", default=[], metavar="ĐỊA_CHỈ/TỆP",
                         help="RSS, Atom hoặc sitemap (https://… hoặc tệp .xml), tệp xuất bài "
                         "viết của Trang Facebook (.csv, .xlsx)")
    imports.add_argument("--facebook-page", metavar="ID",
                         help="đọc bài đăng của Trang qua Graph API (mã truy cập trong biến "
                         "COMMSPLAN_FACEBOOK_TOKEN)")
    imports.add_argument("--apply", action="store_true",
                         help="chuyển các đề xuất đã ghi Có vào Nhật ký và xoá chúng khỏi Đề xuất")
    imports.set_defaults(handler=cmd_import)

    plan = commands.add_parser("plan", help="tạo Kế hoạch truyền thông (.docx, có thể kèm PDF)")
    _source_arguments(plan)
    _document_arguments(plan)
    plan.set_defaults(handler=cmd_plan)

    report = commands.add_parser("report", help="tạo Báo cáo kết quả truyền thông của một kỳ "
                                 "(.docx, có thể kèm PDF)")
    _source_arguments(report)
    report.add_argument("--period", metavar="KỲ",
                        help="kỳ báo cáo: tháng 2024-03, quý 2024-Q1, học kỳ HK1-2023-2024 "
                        "hoặc năm 2024")
    report.add_argument("--from", dest="window_from", type=_date, metavar="NGÀY",
                        help="báo cáo chuyên đề hoặc đột xuất: từ ngày (cùng --to)")
    report.add_argument("--to", dest="window_to", type=_date, metavar="NGÀY",
                        help="báo cáo chuyên đề hoặc đột xuất: đến ngày")
    report.add_argument("--topic", type=int, metavar="SỐ",
                        help="báo cáo về một chủ đề (số thứ tự như trong kế hoạch); không ghi "
                        "kỳ thì là dịp gần nhất của chủ đề")
    _document_arguments(report)
    report.set_defaults(handler=cmd_report)

    _register_parser(commands)

    lint = commands.add_parser(
        "lint", help="kiểm tra thể thức trình bày (Nghị định 30/2020/NĐ-CP) của tệp .docx, kể cả "
        "văn bản đã sửa trong Word hoặc LibreOffice")
    lint.add_argument("files", nargs="+", metavar="TỆP.docx", help="các tệp .docx cần kiểm tra")
    lint.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    lint.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS,
                      help="ngôn ngữ của thông báo: vi (mặc định) hoặc en")
    lint.set_defaults(handler=cmd_lint)

    generate = commands.add_parser(
        "generate",
        help="một lệnh cho hiệu trưởng: kiểm tra, tạo kế hoạch, các báo cáo đến hạn và PDF "
        "theo tệp cấu hình commsplan.toml")
    generate.add_argument("--config", default="commsplan.toml", metavar="TỆP.toml",
                          help="tệp cấu hình (mặc định: commsplan.toml ở thư mục hiện tại)")
    generate.add_argument("--allow-errors", action="store_true",
                          help="vẫn tạo văn bản khi dữ liệu còn lỗi")
    generate.add_argument("--pdf-a", action="store_true",
                          help=PDF_A_HELP + " (như pdf = \"pdf-a\" trong tệp cấu hình)")
    generate.set_defaults(handler=cmd_generate)
    _rollup_commands(commands)
    return parser


def _rollup_commands(commands) -> None:
    """`export` (a school's figures for a period, in the submission layout) and `rollup`
    (every school of an office, its workbook and its Báo cáo)."""
    export = commands.add_parser("export", help="xuất số liệu của trường trong một kỳ ra tệp "
                                 ".xlsx theo mẫu tổng hợp, để gửi cơ quan quản lý")
    _source_arguments(export)
    export.add_argument("-o", "--output", required=True, metavar="TỆP.xlsx", help="tệp sẽ tạo")
    export.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    rollup = commands.add_parser("rollup", help="cơ quan quản lý: đọc bảng tính của các trường "
                                 "theo tệp cấu hình, tạo bảng tổng hợp (.xlsx) và báo cáo")
    rollup.add_argument("config", metavar="TỆP.toml", help="tệp cấu hình (rollup.toml)")
    rollup.add_argument("--pdf", action="store_true", help="tạo thêm bản PDF của báo cáo")
    for command in (export, rollup):
        command.add_argument("--period", metavar="KỲ", help="kỳ: tháng 2025-03, quý 2025-Q1, "
                             "học kỳ HK1-2024-2025 hoặc năm 2025")
        command.add_argument("--from", dest="window_from", type=_date, metavar="NGÀY",
                             help="hoặc một khoảng thời gian: từ ngày (cùng --to)")
        command.add_argument("--to", dest="window_to", type=_date, metavar="NGÀY",
                             help="đến ngày")
        command.add_argument("--topic", type=int, metavar="SỐ",
                             help="chỉ một chủ đề (số thứ tự trong kế hoạch của trường)")
        command.add_argument("--as-of", type=_date, metavar="NGÀY",
                             help="tính đến ngày (mặc định: hôm nay)")
    export.set_defaults(handler=cmd_export)
    rollup.set_defaults(handler=cmd_rollup)


def _source_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("source", metavar="NGUỒN",
                         help="tệp .xlsx, hoặc đường dẫn/mã Google Trang tính")
    _credential_arguments(command)


def _credential_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--credentials", metavar="TỆP_KHOÁ",
                         help="tệp khoá tài khoản dịch vụ Google (JSON), nếu đọc Google Trang tính "
                         "(hoặc biến GOOGLE_APPLICATION_CREDENTIALS)")
    command.add_argument("--oauth-client", metavar="TỆP_CLIENT",
                         help="tệp OAuth client (JSON) để đăng nhập bằng tài khoản Google của "
                         "thầy cô (hoặc biến COMMSPLAN_OAUTH_CLIENT)")


def source_options(args) -> dict:
    """The options open_book needs for a Google source (ignored for an .xlsx)."""
    return {"credentials": getattr(args, "credentials", None),
            "oauth_client": getattr(args, "oauth_client", None)}


def _google_sheet(args, access: str, option: str):
    """Connect to the Google Sheet args.source names, or refuse a file for this option."""
    from commsplan.errors import SourceError
    from commsplan.sources.locate import is_google_sheet

    if not is_google_sheet(args.source):
        raise SourceError("google-only", option=option, source=args.source)
    from commsplan.sources.google import open_sheet

    return open_sheet(args.source, access, **source_options(args))


def _document_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("-o", "--output", metavar="TỆP.docx",
                         help="tệp .docx sẽ tạo, bản PDF cùng tên (mặc định: tên theo dữ liệu, "
                         "ví dụ KH-truyen-thong-2024.docx)")
    command.add_argument("--force", action="store_true",
                         help="ghi đè bản nháp đã có (văn bản đã ban hành, có số và ngày, không "
                         "bao giờ bị ghi đè: bản mới được ghi sang tên -2, -3, …)")
    pdf = command.add_mutually_exclusive_group()
    pdf.add_argument("--pdf", action="store_true", help="tạo thêm bản PDF bằng LibreOffice")
    pdf.add_argument("--pdf-a", action="store_true", help=PDF_A_HELP)
    command.add_argument("--draft-mark", action="store_true",
                         help="in chữ “DỰ THẢO” trong khung ở góc trên bên phải trang đầu (chỉ "
                         "cho bản dự thảo, chưa có số và ngày)")
    command.add_argument("--allow-errors", action="store_true",
                         help="vẫn tạo văn bản khi dữ liệu còn lỗi")
    command.add_argument("--as-of", type=_date, metavar="NGÀY",
                         help="kiểm tra tính đến ngày (mặc định: hôm nay)")
    command.add_argument("--number", type=_document_number, metavar="SỐ",
                         help="số văn bản văn thư cấp, dùng một lần (cùng --date); thường ghi "
                         "ở trang tính 'Văn bản đã ban hành'")
    command.add_argument("--date", type=_date, metavar="NGÀY",
                         help="ngày ban hành, dùng một lần (cùng --number)")


def _document_number(text: str) -> int:
    if text.strip().isdigit() and 1 <= int(text) <= 99999:
        return int(text)
    from commsplan.messages import say

    lang = os.environ.get("COMMSPLAN_LANG", "vi")  # the options are not parsed yet
    raise argparse.ArgumentTypeError(say("option-not-a-number", lang, text=text))


def _number_and_date(args) -> None:
    """--number and --date go together: an issued document has both."""
    if (args.number is None) != (args.date is None):
        from commsplan.errors import OutputError

        raise OutputError("number-date-together")


def cmd_template(args) -> int:
    from commsplan.contract import load_contract
    from commsplan.errors import OutputError
    from commsplan.messages import say
    from commsplan.outputs import check_name, existing, save
    from commsplan.sheet_writers.workbook import holds_data, workbook_bytes

    check_name(args.out, ".xlsx")
    if args.force and existing(args.out) and holds_data(args.out):
        raise OutputError("template-over-data", path=args.out)
    saved = save(args.out, workbook_bytes(), replace=args.force)
    if saved.changed:
        print(say("template-written", args.lang, path=saved.path, tabs=len(load_contract().tabs)))
    else:
        print(say("unchanged", args.lang, path=saved.path))
    return 0


def cmd_check(args) -> int:
    from commsplan import check, open_book
    from commsplan.checks import present

    sheet = _google_sheet(args, "write", "--write-back") if args.write_back else None
    options = {"sheet": sheet} if sheet else source_options(args)
    as_of = args.as_of or dt.date.today()
    book = open_book(args.source, **options)
    report = check(book, as_of=as_of)
    if args.links:
        report = _with_links(book, report, args.lang)
    if args.json:
        print(present.to_json(report, args.lang))
    elif args.csv:
        sys.stdout.write(present.to_csv(report, args.lang))
    else:
        print(present.to_text(report, args.lang))
    if sheet is not None:
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
    return 0 if report.valid else 1


def _with_links(book, report, lang: str):
    from commsplan.checks.links import link_findings, register_links
    from commsplan.findings import Report
    from commsplan.messages import say
    from commsplan.sources.linkcheck import LinkChecker

    links = register_links(book)
    findings, unverified = link_findings(book, LinkChecker().check_all(links))
    print(say("links-checked", lang, count=len(links), unverified=unverified), file=sys.stderr)
    return Report(report.findings + findings)


def cmd_init(args) -> int:
    from commsplan.messages import say
    from commsplan.sheet_writers.provision import provision, share

    sheet = _google_sheet(args, "share" if args.share else "write", "init")
    result = provision(sheet)
    if result.changed:
        print(say("init-done", args.lang, created=len(result.created),
                  updated=len(result.updated), requests=result.requests))
    else:
        print(say("init-nothing", args.lang))
    if result.month_first:
        print(say("init-locale", args.lang, locale=result.locale), file=sys.stderr)
    share(sheet, args.share)
    for email in args.share:
        print(say("init-shared", args.lang, email=email))
    return 0


def cmd_import(args) -> int:
    from commsplan import open_book
    from commsplan.errors import SourceError
    from commsplan.messages import say
    from commsplan.sources.locate import is_google_sheet

    if args.apply and (args.sources or args.facebook_page):
        raise SourceError("import-apply-alone")
    if not args.apply and not (args.sources or args.facebook_page):
        raise SourceError("import-no-source")
    google = is_google_sheet(args.source)
    sheet = _google_sheet(args, "write", "import") if google else None
    book = open_book(args.source, sheet=sheet) if google else open_book(args.source)
    if args.apply:
        return _apply(args, book, sheet)
    from commsplan import importing
    from commsplan.plan import read_plan

    plan = read_plan(book).span  # the plan period (as a cut-off day cuts it)
    reading = importing.read_posts(args.sources, facebook_page=args.facebook_page,
                                   since=plan.start if plan else None)
    known = [book[importing.REGISTER], book[importing.PROPOSALS]]
    side = None
    if not google:
        side = importing.proposals_table(importing.proposals_path(args.source), book.contract)
        known.append(side)
    result = importing.propose(book, reading, known_tables=known, plan=plan, lang=args.lang)
    counts = {"read": result.read, "known": result.already_known, "outside": result.outside_plan}
    if not result.proposals:
        print(say("import-nothing-new", args.lang, **counts))
        return 0
    if google:
        where = importing.save_proposals_google(sheet, book, result)
    else:
        assert side is not None  # read above for a workbook
        where = str(importing.save_proposals_xlsx(args.source, result, side))
    print(say("import-done", args.lang, new=len(result.proposals), where=where,
              likely=result.likely_duplicates, undated=result.undated, **counts))
    if result.no_channel:
        print(say("import-no-channel", args.lang, hosts=", ".join(sorted(result.no_channel))),
              file=sys.stderr)
    if result.untitled:
        print(say("import-untitled", args.lang, count=result.untitled), file=sys.stderr)
    return 0


def _apply(args, book, sheet) -> int:
    from commsplan import importing
    from commsplan.messages import say

    if sheet is not None:
        result = importing.apply_google(sheet, book)
    else:
        result = importing.apply_xlsx(args.source, book)
    for row, columns in result.not_ready:
        print(say("import-not-ready", args.lang, row=row, columns=", ".join(columns)),
              file=sys.stderr)
    if not result.moved:
        print(say("import-apply-nothing", args.lang, rejected=result.rejected,
                  waiting=result.waiting))
        return 0
    rows = ", ".join(str(r) for r in result.register_rows)
    print(say("import-applied", args.lang, moved=len(result.moved), rows=rows,
              rejected=result.rejected, waiting=result.waiting))
    return 0


def cmd_plan(args) -> int:
    from commsplan.documents.plan import plan_document, plan_file_name
    from commsplan.generate import gate, read_and_check, write_one
    from commsplan.issued import issued_rows, plan_issue

    _number_and_date(args)
    _check_output_name(args)
    book, report, plan = read_and_check(args.source, lang=args.lang, as_of=args.as_of,
                                        **source_options(args))
    gate(report, allow_errors=args.allow_errors, lang=args.lang)
    issue = plan_issue(book, issued_rows(book, plan, args.as_of), args.number, args.date)
    write_one(lambda: plan_document(book, number=issue.number, date=issue.date,
                                    filing=issue.filing),
              plan_file_name(book), args, issue=issue, book=book)
    return 0


def cmd_generate(args) -> int:
    from pathlib import Path

    from commsplan.generate import generate, load_config, summary_lines

    config = load_config(Path(args.config))
    config.allow_errors = config.allow_errors or args.allow_errors
    if args.pdf_a:
        config.pdf, config.pdf_a = True, True
    lang = args.lang = config.lang or args.lang  # the config's language for failures too
    outcome, report = generate(config, lang)
    print("\n".join(summary_lines(outcome, report, lang)))
    return 2 if outcome.failed else 1 if outcome.changed else 0


def _check_output_name(args) -> None:
    """Refuse an -o name that is not a .docx before any reading (a PDF is named after it)."""
    if args.output:
        from commsplan.outputs import check_name

        check_name(args.output, ".docx")


def cmd_report(args) -> int:
    from commsplan.documents.report import (
        ReportError,
        check_period_key,
        refuse_impossible,
        report_document,
        report_file_name,
        report_period,
        report_topic,
        topic_period,
        window_period,
    )
    from commsplan.generate import gate, read_and_check, warn_not_over, write_one
    from commsplan.issued import issued_rows, report_issue

    window = (args.window_from, args.window_to)
    if any(window) and not all(window):
        raise ReportError("report-window-incomplete")
    if args.period and any(window):
        raise ReportError("report-period-and-window")
    if not (args.period or any(window) or args.topic is not None):
        raise ReportError("report-window-needed")
    if args.period:
        check_period_key(args.period)
    if all(window):
        window_period(*window)  # a window ending before it starts stops before any reading
    _number_and_date(args)
    _check_output_name(args)
    as_of = args.as_of or dt.date.today()
    book, report, plan = read_and_check(args.source, lang=args.lang, as_of=as_of,
                                        **source_options(args))
    topic = report_topic(plan, args.topic) if args.topic is not None else None
    if args.period:
        period = report_period(book, args.period, plan)  # a semester needs the calendar
    elif all(window):
        period = window_period(*window)
    else:
        assert topic is not None  # refused above: a period, a window or a topic is given
        period = topic_period(plan, topic, as_of)
    refuse_impossible(plan, period, as_of)
    gate(report, allow_errors=args.allow_errors, lang=args.lang)
    warn_not_over(period, as_of, args.lang)
    issue = report_issue(issued_rows(book, plan, as_of), period,
                         topic.number if topic is not None else None, args.number, args.date)
    write_one(lambda: report_document(book, period, as_of, plan, topic, number=issue.number,
                                      date=issue.date, filing=issue.filing),
              report_file_name(book, period, topic), args, issue=issue, book=book)
    return 0


def _register_parser(commands) -> None:
    register = commands.add_parser(
        "register", help="trích sổ đăng ký văn bản đi (.xlsx) của một năm: kế hoạch, báo cáo "
        "đã ban hành do commsplan tạo",
        description="Trích sổ đăng ký văn bản đi: các kế hoạch, báo cáo đã có số và ngày ban "
        "hành trong năm (không kể bản dự thảo), đủ 10 cột theo Phụ lục IV Nghị định "
        "30/2020/NĐ-CP, in trên khổ A4 nằm ngang. Đây là bản trích để văn thư chép vào sổ đăng "
        "ký văn bản đi của nhà trường, sổ đó còn ghi các văn bản khác của trường.")
    _source_arguments(register)
    register.add_argument("-o", "--output", required=True, metavar="TỆP.xlsx",
                          help="tệp .xlsx sẽ tạo, ví dụ so-van-ban-di.xlsx")
    register.add_argument("--year", type=int, metavar="NĂM",
                          help="năm của sổ (mặc định: năm gần nhất có văn bản đã ban hành)")
    register.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    register.add_argument("--allow-errors", action="store_true",
                          help="vẫn tạo khi dữ liệu còn lỗi")
    register.set_defaults(handler=cmd_register)


def cmd_register(args) -> int:
    from commsplan.generate import gate, read_and_check
    from commsplan.messages import say
    from commsplan.outputs import check_name, save
    from commsplan.register import register_extract

    check_name(args.output, ".xlsx")
    book, report, plan = read_and_check(args.source, lang=args.lang, as_of=dt.date.today(),
                                        **source_options(args))
    gate(report, allow_errors=args.allow_errors, lang=args.lang)
    extract = register_extract(book, args.year, plan)
    saved = save(args.output, extract.data, replace=args.force, inputs=[args.source])
    key = "register-written" if saved.changed else "register-unchanged"
    print(say(key, args.lang, path=saved.path, count=len(extract.entries), year=extract.year))
    return 0


def _rollup_period(args):
    """The period key or window of export and rollup, refused before any reading."""
    from commsplan.documents.report import ReportError, check_period_key, window_period

    window = (args.window_from, args.window_to)
    if any(window) and not all(window):
        raise ReportError("report-window-incomplete")
    if args.period and any(window):
        raise ReportError("report-period-and-window")
    if args.period:
        check_period_key(args.period)
        return args.period.strip()
    if not all(window):
        raise ReportError("report-window-needed")
    return window_period(*window)


def cmd_export(args) -> int:
    from commsplan.generate import said
    from commsplan.outputs import check_name, save
    from commsplan.rollup import export_bytes, export_figures

    check_name(args.output, ".xlsx")
    period = _rollup_period(args)
    as_of = args.as_of or dt.date.today()
    figures = export_figures(args.source, period, as_of, topic=args.topic,
                             **source_options(args))
    saved = save(args.output, export_bytes(figures, as_of), replace=args.force,
                 inputs=[args.source])
    print(said(saved, args.lang))
    return 0


def cmd_rollup(args) -> int:
    """0 every school included, 1 some could not be, 2 none (the workbook says why)."""
    from commsplan.generate import progress, said
    from commsplan.messages import say
    from commsplan.outputs import convert_to_pdf, save
    from commsplan.rollup import rollup, rollup_outputs
    from commsplan.rollup.config import load_rollup_config

    config = load_rollup_config(args.config)
    period = _rollup_period(args)
    as_of = args.as_of or dt.date.today()

    def show(done) -> None:
        if done.failure is None:
            progress("rollup-school-read", args.lang, done=done.done, total=done.total,
                     school=done.school)
        else:
            progress("rollup-school-failed", args.lang, done=done.done, total=done.total,
                     school=done.school, why=done.failure.reason)

    result = rollup(config, period, as_of, topic=args.topic, lang=args.lang, progress=show)
    outputs = rollup_outputs(result, config, period, as_of, args.topic)
    progress("rollup-summary", args.lang, read=len(result.figures),
             failed=len(result.failures), seconds=round(result.seconds, 1))
    # a roll-up is a draft made again from the schools' data: it always replaces the last one
    saved = save(config.output / outputs.workbook_name, outputs.workbook, replace=True)
    print(said(saved, args.lang), flush=True)
    if outputs.report is None:
        print(say("rollup-nothing-read", args.lang, path=saved.path), file=sys.stderr)
        return 2
    report = save(config.output / outputs.report_name, outputs.report, replace=True)
    print(said(report, args.lang), flush=True)
    if args.pdf:
        for pdf in convert_to_pdf([report.path]):
            print(say("written", args.lang, path=pdf))
    return 1 if result.failures else 0


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


def main(argv: list[str] | None = None) -> int:
    args = argparse.Namespace(lang=os.environ.get("COMMSPLAN_LANG", "vi"))
    previous = _interrupt_on_sigterm()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)  # --help and usage errors leave by SystemExit
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        return args.handler(args)
    except CommsplanError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the output went to a pager or `head` that closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        from commsplan.messages import say

        print(say("interrupted", args.lang), file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except BaseException as exc:  # also what is no Exception, such as a Rust panic from a reader
        if os.environ.get("COMMSPLAN_DEBUG"):
            raise
        from commsplan.messages import say

        print(say("unexpected", args.lang, detail=_one_line(exc)), file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


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
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else ""
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
