"""What users read when a command fails or reports progress: Vietnamese first, English on request.

Findings about data have their own catalogue in `commsplan.checks.findings`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "contract-invalid": (
        "Bản mô tả bảng tính (sheets_schema) bị lỗi: {detail}",
        "The sheet contract (sheets_schema) is invalid: {detail}",
    ),
    "source-not-found": (
        "Không tìm thấy tệp '{path}'. Hãy kiểm tra lại tên và thư mục của tệp.",
        "File '{path}' not found. Check the file name and folder.",
    ),
    "source-is-folder": (
        "'{path}' là một thư mục, không phải tệp Excel. Hãy chỉ ra tệp .xlsx.",
        "'{path}' is a folder, not an Excel file. Give the path of an .xlsx file.",
    ),
    "source-unreadable": (
        "Không đọc được tệp '{path}': {detail}",
        "Cannot read '{path}': {detail}",
    ),
    "source-not-xlsx": (
        "Tệp '{path}' không phải tệp Excel (.xlsx). Hãy mở bảng tính bằng Excel hoặc Google "
        "Trang tính rồi lưu lại dưới dạng .xlsx.",
        "'{path}' is not an Excel (.xlsx) file. Open it in Excel or Google Sheets and save it "
        "as .xlsx.",
    ),
    "source-encrypted": (
        "Tệp '{path}' được đặt mật khẩu nên không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu "
        "(Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại.",
        "'{path}' is password-protected. Open it in Excel, remove the password and save it.",
    ),
    "source-corrupt": (
        "Tệp '{path}' bị hỏng hoặc không đầy đủ ({detail}). Hãy tải lại hoặc lưu lại tệp từ "
        "Excel.",
        "'{path}' is damaged or incomplete ({detail}). Download it again or re-save it from "
        "Excel.",
    ),
    "output-exists": (
        "Tệp '{path}' đã có. Dùng --force để ghi đè, hoặc chọn tên khác với -o.",
        "'{path}' already exists. Use --force to overwrite it, or choose another name with -o.",
    ),
    "output-failed": (
        "Không ghi được tệp '{path}': {detail}",
        "Could not write '{path}': {detail}",
    ),
    "data-has-errors": (
        "Dữ liệu còn {count} lỗi nên chưa tạo văn bản. Hãy sửa các lỗi ở trên, hoặc thêm "
        "--allow-errors để vẫn tạo.",
        "The data has {count} errors, so no document was made. Fix the errors above, or add "
        "--allow-errors to make it anyway.",
    ),
    "pdf-no-libreoffice": (
        "Chưa cài LibreOffice nên chưa tạo được PDF (các tệp .docx vẫn đã được ghi). Hãy cài "
        "LibreOffice (https://vi.libreoffice.org) rồi chạy lại, hoặc bỏ --pdf.",
        "LibreOffice is not installed, so no PDF was made (the .docx files were written). "
        "Install LibreOffice and run again, or leave out --pdf.",
    ),
    "pdf-timeout": (
        "LibreOffice chưa chuyển xong sang PDF sau {seconds} giây nên đã dừng. Hãy đóng các cửa "
        "sổ LibreOffice đang mở rồi chạy lại.",
        "LibreOffice did not finish the PDF conversion within {seconds} s and was stopped. Close "
        "any open LibreOffice windows and run again.",
    ),
    "pdf-failed": (
        "LibreOffice không tạo được PDF {path}: {detail}",
        "LibreOffice could not make the PDF {path}: {detail}",
    ),
    "unexpected": (
        "Đã xảy ra lỗi không mong muốn: {detail}. Hãy gửi thông báo này cho người phụ trách "
        "kỹ thuật.",
        "Unexpected failure: {detail}. Please send this message to your technical contact.",
    ),
    "interrupted": ("Đã dừng theo yêu cầu.", "Stopped on request."),
    "template-written": (
        "Đã tạo bảng tính mẫu '{path}' với {tabs} trang tính.",
        "Wrote the blank workbook '{path}' with {tabs} tabs.",
    ),
}


def say(key: str, lang: str = "vi", **params: object) -> str:
    """The message for key in lang ('vi' or 'en'), with its parameters filled in."""
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**params)
