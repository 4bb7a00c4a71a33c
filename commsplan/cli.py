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


def _date(text: str) -> dt.date:
    from commsplan.values import parse_date

    value, problem = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"'{text}' không phải ngày (dạng 26/11/2026)")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commsplan",
        description="Kế hoạch và báo cáo truyền thông của nhà trường, từ bảng tính dùng chung "
        "(Excel .xlsx hoặc Google Trang tính) ra văn bản đúng thể thức Nghị định 30/2020/NĐ-CP.",
    )
    parser.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("COMMSPLAN_LANG", "vi"),
                        help="ngôn ngữ của thông báo: vi (mặc định) hoặc en")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    template = commands.add_parser("template", help="tạo bảng tính mẫu (.xlsx) trống, đủ các trang tính")
    template.add_argument("out", metavar="OUT.xlsx", help="tệp sẽ tạo")
    template.add_argument("--force", action="store_true", help="ghi đè nếu tệp đã có")
    template.set_defaults(handler=cmd_template)

    check = commands.add_parser("check", help="kiểm tra bảng tính, chỉ rõ ô sai và kỳ chưa đạt định mức")
    _source_arguments(check)
    check.add_argument("--as-of", type=_date, metavar="NGÀY", help="kiểm tra tính đến ngày (mặc định: hôm nay)")
    form = check.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    form.add_argument("--csv", action="store_true", help="in kết quả dạng CSV")
    check.set_defaults(handler=cmd_check)
    return parser


def _source_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("source", metavar="NGUỒN",
                         help="tệp .xlsx, hoặc đường dẫn/mã Google Trang tính")
    command.add_argument("--credentials", metavar="TỆP_KHOÁ",
                         help="tệp khoá tài khoản dịch vụ Google (JSON), nếu đọc Google Trang tính")


def cmd_template(args) -> int:
    from commsplan.contract import load_contract
    from commsplan.messages import say
    from commsplan.outputs import write_bytes
    from commsplan.sources.writer import workbook_bytes

    path = write_bytes(args.out, workbook_bytes(), force=args.force)
    print(say("template-written", args.lang, path=path, tabs=len(load_contract().tabs)))
    return 0


def cmd_check(args) -> int:
    from commsplan import check, open_book
    from commsplan.checks import present

    report = check(open_book(args.source, credentials=args.credentials), as_of=args.as_of)
    if args.json:
        print(present.to_json(report, args.lang))
    elif args.csv:
        sys.stdout.write(present.to_csv(report, args.lang))
    else:
        print(present.to_text(report, args.lang))
    return 0 if report.valid else 1


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except CommsplanError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        from commsplan.messages import say

        print(say("interrupted", args.lang), file=sys.stderr)
        return 130
    except Exception as exc:  # the principal must never see a traceback
        if os.environ.get("COMMSPLAN_DEBUG"):
            raise
        from commsplan.messages import say

        detail = f"{type(exc).__name__}: {exc}"
        print(say("unexpected", args.lang, detail=detail), file=sys.stderr)
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
