"""What users read when a command fails or reports progress: Vietnamese first, English on request.

Findings about data have their own catalogue in `commsplan.findings`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "contract-invalid": (
        "Bản mô tả bảng tính (sheets_schema) bị lỗi: {detail}. Hãy báo cho người phụ trách kỹ "
        "thuật.",
        "The sheet contract (sheets_schema) is invalid: {detail}. Tell your technical contact.",
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
        "Không đọc được tệp '{path}' ({detail}). Hãy kiểm tra quyền đọc tệp, hoặc chép tệp sang "
        "một thư mục khác rồi chạy lại.",
        "Cannot read '{path}' ({detail}). Check that the file may be read, or copy it to another "
        "folder and run again.",
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
    "source-file-too-large": (
        "Tệp '{path}' lớn hơn {limit}, quá lớn với một bảng tính kế hoạch. Hãy kiểm tra lại "
        "tệp (có thể đã chọn nhầm tệp), hoặc xoá ảnh và các trang tính không cần rồi lưu lại.",
        "'{path}' is larger than {limit}, too large for a plan workbook. Check the file (it "
        "may be the wrong one), or remove pictures and tabs it does not need and save it.",
    ),
    "source-part-too-large": (
        "Tệp '{path}' có {part} lớn bất thường (hơn {limit} khi giải nén) nên không đọc. "
        "Hãy xoá các dòng, cột và ô thừa ở đó (kể cả định dạng), rồi lưu lại bằng Excel.",
        "'{path}' has an unusually large {part} (over {limit} unpacked), so it is not read. "
        "Delete the rows, columns and cells it does not need (formatting too), and save it "
        "again from Excel.",
    ),
    "source-text-too-long": (
        "Tệp '{path}' có một đoạn chữ dài hơn {limit} trong {part}, trong khi một ô Excel chỉ "
        "chứa được 32.767 ký tự: tệp bị hỏng hoặc đã bị một phần mềm khác sửa. Hãy mở tệp "
        "bằng Excel, xoá ô đó và lưu lại, hoặc dùng một bản lưu trước.",
        "'{path}' holds a text longer than {limit} in {part}, while an Excel cell holds at "
        "most 32,767 characters: the file is damaged or was altered by other software. Open "
        "it in Excel, clear that cell and save it, or use an earlier copy.",
    ),
    "source-grid-too-large": (
        "Trang tính '{tab}' của tệp '{path}' có dữ liệu ở ô {cell}, xa vùng bảng: đọc trang "
        "này phải dựng một lưới {rows} dòng × {columns} cột, vượt giới hạn {limit} ô. Hãy "
        "xoá ô {cell} (bấm Ctrl+End để tới ô xa nhất; xoá hẳn các dòng, cột thừa chứ không "
        "chỉ nội dung), rồi lưu lại.",
        "Tab '{tab}' of '{path}' has data in cell {cell}, far from the table: reading it "
        "would build a grid of {rows} rows × {columns} columns, over the limit of {limit} "
        "cells. Delete cell {cell} (Ctrl+End goes to the farthest cell; delete the extra rows "
        "and columns themselves, not only their content), and save it again.",
    ),
    "output-exists": (
        "Tệp '{path}' đã có. Thêm --force để ghi đè, hoặc chọn tên tệp khác.",
        "'{path}' already exists. Add --force to replace it, or choose another file name.",
    ),
    "output-failed": (
        "Không ghi được tệp '{path}' ({detail}). Hãy đóng tệp nếu đang mở trong Word, kiểm tra "
        "thư mục có được phép ghi và còn chỗ trống, rồi chạy lại.",
        "Could not write '{path}' ({detail}). Close the file if Word has it open, check that the "
        "folder may be written to and has free space, and run again.",
    ),
    "output-is-folder": (
        "'{path}' là một thư mục, không phải tên tệp. Hãy ghi thêm tên tệp vào sau tên thư mục.",
        "'{path}' is a folder, not a file name. Add a file name after the folder's name.",
    ),
    "output-not-regular": (
        "'{path}' đã có nhưng không phải một tệp bình thường (mà là lối tắt/liên kết hoặc tệp "
        "đặc biệt), nên commsplan không đọc và không ghi vào đó. Hãy xoá hoặc đổi tên nó rồi "
        "chạy lại.",
        "'{path}' exists but is not an ordinary file (it is a link or a special file), so "
        "commsplan neither reads nor writes it. Delete or rename it and run again.",
    ),
    "output-name-too-long": (
        "Tên tệp '{name}' quá dài ({length} byte; tối đa {limit}). Hãy chọn tên ngắn hơn.",
        "The file name '{name}' is too long ({length} bytes; at most {limit}). Choose a "
        "shorter name.",
    ),
    "output-bad-name": (
        "Không dùng được tên tệp '{name}': tên tệp commsplan đặt theo dữ liệu chỉ gồm chữ, số "
        "và dấu '-', và nằm trong thư mục ghi văn bản. Hãy kiểm tra file_prefix trong "
        "templates/documents.yaml.",
        "The file name '{name}' cannot be used: names commsplan makes from the data hold only "
        "letters, digits and '-', inside the output folder. Check file_prefix in "
        "templates/documents.yaml.",
    ),
    "output-is-input": (
        "'{path}' là chính tệp dữ liệu đang đọc; commsplan không ghi đè lên nó, kể cả với "
        "--force. Hãy chọn tên tệp khác.",
        "'{path}' is the very data file being read; commsplan does not write over it, even "
        "with --force. Choose another file name.",
    ),
    "output-pdf-name": (
        "-o là tên tệp .docx ('{path}' không phải). Bản PDF được ghi cạnh tệp .docx, cùng tên, "
        "khi thêm --pdf: -o {example} --pdf tạo {example} và {pdf}.",
        "-o names the .docx file ('{path}' does not). The PDF is written beside it, with the "
        "same name, when --pdf is added: -o {example} --pdf writes {example} and {pdf}.",
    ),
    "output-wrong-suffix": (
        "Tên tệp '{path}' phải có đuôi {suffix}, ví dụ {example}.",
        "The file name '{path}' must end in {suffix}, for example {example}.",
    ),
    "output-too-many-copies": (
        "Đã có {limit} bản của '{path}' trong thư mục. Hãy chuyển các bản cũ sang thư mục khác "
        "rồi chạy lại.",
        "There are already {limit} copies of '{path}' in the folder. Move the old ones to "
        "another folder and run again.",
    ),
    "template-over-data": (
        "'{path}' là bảng tính đang có dữ liệu; commsplan không ghi bảng tính mẫu trống đè lên "
        "nó, kể cả với --force. Hãy chọn tên tệp khác.",
        "'{path}' is a workbook holding data; commsplan does not write a blank workbook over "
        "it, even with --force. Choose another file name.",
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
        "LibreOffice chưa chuyển xong sang PDF sau {seconds} giây nên đã bị dừng, chưa có tệp "
        "PDF nào: văn bản có lẽ quá lớn, hoặc máy đang bận. Các tệp .docx vẫn đã được ghi; hãy "
        "chạy lại khi máy rảnh hơn, hoặc mở tệp .docx bằng Word và lưu thành PDF.",
        "LibreOffice did not finish the PDF conversion within {seconds} s and was stopped; no "
        "PDF was made. The document is probably too large, or the computer busy. The .docx "
        "files were written; run again when the computer is less busy, or open the .docx in "
        "Word and save it as PDF.",
    ),
    "pdf-failed": (
        "LibreOffice không tạo được PDF {path}: {detail}.",
        "LibreOffice could not make the PDF {path}: {detail}.",
    ),
    "pdfa-no-poppler": (
        "Chưa có {tools} (gói poppler-utils) nên không kiểm tra được bản PDF/A; chưa tạo PDF "
        "nào, các tệp .docx vẫn đã được ghi. Hãy cài poppler-utils (Linux: sudo apt install "
        "poppler-utils) rồi chạy lại, hoặc dùng --pdf để có bản PDF thường.",
        "{tools} (the poppler-utils package) is missing, so the PDF/A cannot be checked; no "
        "PDF was made, the .docx files were written. Install poppler-utils (Linux: sudo apt "
        "install poppler-utils) and run again, or use --pdf for a plain PDF.",
    ),
    "pdfa-failed": (
        "Bản PDF/A {path} chưa dùng để ký được nên đã bị xoá (tệp .docx vẫn còn): {problems}."
        "{others} Hãy cài phông Times New Roman (hoặc gói fonts-liberation2) và LibreOffice "
        "7.4 trở lên rồi chạy lại, hoặc dùng --pdf để có bản PDF thường.",
        "The PDF/A {path} is not fit for signing, so it was removed (the .docx stays): "
        "{problems}.{others} Install the Times New Roman fonts (or the fonts-liberation2 "
        "package) and LibreOffice 7.4 or later and run again, or use --pdf for a plain PDF.",
    ),
    "pdfa-failed-others": (
        " Còn {count} bản PDF/A khác cũng không đạt và đã bị xoá.",
        " Also failed and removed: {count} other PDF/A file(s).",
    ),
    "pdfa-fonts-not-embedded": (
        "phông chữ chưa được nhúng vào tệp: {fonts}",
        "fonts not embedded: {fonts}",
    ),
    "pdfa-fonts-other": (
        "có chữ in bằng phông khác Times New Roman (máy thiếu phông nên LibreOffice dùng phông "
        "thay thế): {fonts}",
        "some text prints in a font other than Times New Roman (a substitute for a font the "
        "computer lacks): {fonts}",
    ),
    "pdfa-not-identified": (
        "siêu dữ liệu XMP của tệp không ghi là PDF/A-2b (ghi: {found})",
        "its XMP metadata does not name PDF/A-2b (it names: {found})",
    ),
    "pdfa-title-differs": (
        "tiêu đề của tệp là «{title}», không phải «{expected}»",
        "its title is “{title}”, not “{expected}”",
    ),
    "pdfa-pages-differ": (
        "tệp có {got} trang, còn bản PDF thường của cùng văn bản có {expected} trang",
        "it has {got} pages, and the plain PDF of the same document {expected}",
    ),
    "pdfa-words-missing": (
        "thiếu {count} từ có trong tệp .docx, ví dụ: {words}",
        "{count} words of the .docx are missing, e.g. {words}",
    ),
    "pdfa-unreadable": (
        "{tool} không đọc được {path}: {detail}.",
        "{tool} could not read {path}: {detail}.",
    ),
    "progress-reading": ("Đang đọc {source} …", "Reading {source} …"),
    "progress-checking": ("Đang kiểm tra dữ liệu …", "Checking the data …"),
    "progress-writing": ("Đang tạo {path} …", "Writing {path} …"),
    "progress-pdf": ("Đang chuyển {count} tệp sang PDF …", "Converting {count} files to PDF …"),
    "written": ("Đã tạo {path}", "Wrote {path}"),
    "written-new-copy": (
        "Đã tạo {path}: dữ liệu đã đổi, còn văn bản đã ban hành {kept} được giữ nguyên.",
        "Wrote {path}: the data has changed, and the issued document {kept} is kept as it was.",
    ),
    "unchanged": ("Không đổi: {path} (đã có, cùng nội dung)", "Unchanged: {path} (already there)"),
    "check-summary": (
        "Kiểm tra: {errors} lỗi, {warnings} cảnh báo (xem chi tiết bằng lệnh commsplan check).",
        "Check: errors {errors}, warnings {warnings} (details: commsplan check).",
    ),
    "config-not-found": (
        "Không tìm thấy tệp cấu hình '{path}'. Hãy tạo tệp commsplan.toml (xem "
        "examples/commsplan.toml) hoặc chỉ ra tệp bằng --config.",
        "Config file '{path}' not found. Create commsplan.toml (see examples/commsplan.toml) "
        "or name it with --config.",
    ),
    "config-invalid": (
        "Tệp cấu hình '{path}' viết sai cú pháp ({detail}). Hãy viết mỗi mục một dòng, dạng "
        "ten = giá trị, chữ trong ngoặc kép, như tệp mẫu examples/commsplan.toml.",
        "Config file '{path}' is not valid TOML ({detail}). Write one key a line, as name = "
        "value with text in double quotes, as in examples/commsplan.toml.",
    ),
    "config-unknown-key": (
        "Tệp cấu hình '{path}' có mục lạ '{key}'. Các mục dùng được: {known}.",
        "Config file '{path}' has an unknown key '{key}'. Known keys: {known}.",
    ),
    "config-bad-value": (
        "Tệp cấu hình '{path}': '{key}' cần {wanted}, không phải {value}.",
        "Config file '{path}': '{key}' needs {wanted_en}, not {value}.",
    ),
    "config-bad-pdf": (
        "Tệp cấu hình '{path}': 'pdf' cần true hoặc false, không phải {value}. Muốn bản PDF/A "
        "để ký số thì ghi \"pdf-a\".",
        "Config file '{path}': 'pdf' needs true or false, not {value}. For a signing-ready "
        "PDF/A, write \"pdf-a\".",
    ),
    "config-no-source": (
        "Tệp cấu hình '{path}' chưa có mục source. Hãy thêm một dòng, ví dụ source = "
        "\"ke-hoach.xlsx\" (tệp .xlsx) hoặc đường dẫn Google Trang tính trong ngoặc kép.",
        "Config file '{path}' has no source. Add a line such as source = \"ke-hoach.xlsx\" (an "
        ".xlsx file), or a Google Sheet URL in double quotes.",
    ),
    "generate-shortfalls": (
        "Chưa đạt định mức: {count} lần, trong các kỳ {periods} (chi tiết: lệnh commsplan "
        "check, hoặc phần II của báo cáo).",
        "Cadence not met {count} times, in {periods} (details: commsplan check, or part II of "
        "the report).",
    ),
    "template-not-found": (
        "Không tìm thấy mẫu văn bản '{template}' trong thư mục '{folder}'.",
        "Template '{template}' not found in folder '{folder}'.",
    ),
    "template-syntax": (
        "Mẫu văn bản {template}, dòng {line}: viết sai cú pháp mẫu ({detail}).",
        "Template {template}, line {line}: syntax error ({detail}).",
    ),
    "template-undefined": (
        "Mẫu văn bản {template}, dòng {line}: dùng một giá trị không có trong dữ liệu ({detail}).",
        "Template {template}, line {line}: uses a value the data does not have ({detail}).",
    ),
    "template-forbidden": (
        "Mẫu văn bản {template}, dòng {line}: mẫu dùng một thao tác không được phép ({detail}).",
        "Template {template}, line {line}: the template does something not allowed ({detail}).",
    ),
    "template-failed": (
        "Mẫu văn bản {template}, dòng {line}: không điền được dữ liệu vào mẫu ({detail}).",
        "Template {template}, line {line}: could not fill in the template ({detail}).",
    ),
    "template-unknown-directive": (
        "Mẫu văn bản {template}, dòng {line}: không có loại khối {{{name}}}; các loại dùng "
        "được: {known}.",
        "Template {template}, line {line}: there is no {{{name}}} block; the blocks are: {known}.",
    ),
    "template-missing-table": (
        "Mẫu văn bản {template}, dòng {line}: dữ liệu không có bảng '{name}' (các bảng có: "
        "{known}).",
        "Template {template}, line {line}: the data has no table '{name}' (tables: {known}).",
    ),
    "template-missing-image": (
        "Mẫu văn bản {template}, dòng {line}: dữ liệu không có hình '{name}' (các hình có: "
        "{known}).",
        "Template {template}, line {line}: the data has no image '{name}' (images: {known}).",
    ),
    "template-directive-content": (
        "Mẫu văn bản {template}, dòng {line}: khối {{{name}}} chỉ ghi tên ở dòng mở đầu, "
        "bên trong khối phải để trống.",
        "Template {template}, line {line}: a {{{name}}} block takes only a name on its opening "
        "line; leave its inside empty.",
    ),
    "rollup-config-missing": (
        "Tệp cấu hình '{path}' thiếu mục {key}. Hãy ghi mục này (xem ví dụ trong README).",
        "The config file '{path}' lacks {key}. Add it (see the example in the README).",
    ),
    "rollup-no-schools": (
        "Tệp cấu hình '{path}' chưa có trường nào. Hãy thêm mỗi trường một mục [[schools]] "
        "với source = tệp .xlsx, thư mục hoặc đường dẫn Google Trang tính.",
        "The config file '{path}' lists no school. Add a [[schools]] entry for each, with "
        "source = an .xlsx file, a folder or a Google Sheet link.",
    ),
    "rollup-empty-folder": (
        "Thư mục '{path}' không có tệp .xlsx nào.",
        "The folder '{path}' holds no .xlsx file.",
    ),
    "rollup-not-submission": (
        "Tệp '{path}' không theo mẫu tổng hợp (trang tính Tổng hợp, Kết quả định mức, Ý kiến "
        "dư luận với tiêu đề cột do lệnh commsplan export tạo). Hãy xuất lại tệp bằng "
        "commsplan export.",
        "'{path}' is not in the submission layout (tabs Tổng hợp, Kết quả định mức, Ý kiến dư "
        "luận with the headers commsplan export writes). Export it again with commsplan export.",
    ),
    "rollup-submission-period": (
        "Tệp '{path}' không có số liệu kỳ {period} (tệp có: {periods}). Hãy đề nghị trường "
        "gửi lại tệp xuất cho kỳ {period}.",
        "'{path}' has no figures for {period} (it has: {periods}). Ask the school for the "
        "file exported for {period}.",
    ),
    "rollup-submission-topic": (
        "Tệp '{path}' ghi số liệu cả kỳ của trường, không tách theo chủ đề; báo cáo về một chủ "
        "đề cần đọc chính bảng tính của trường.",
        "'{path}' holds the school's figures for the whole period, not by topic; a report on "
        "one topic needs the school's own sheet.",
    ),
    "rollup-school-read": (
        "[{done}/{total}] {school}: đã đọc.",
        "[{done}/{total}] {school}: read.",
    ),
    "rollup-school-failed": (
        "[{done}/{total}] {school}: không tổng hợp được. {why}",
        "[{done}/{total}] {school}: not included. {why}",
    ),
    "rollup-summary": (
        "Đã tổng hợp {read} trường, {failed} trường không tổng hợp được, trong {seconds} giây.",
        "Rolled up {read} schools, {failed} could not be included, in {seconds} seconds.",
    ),
    "rollup-nothing-read": (
        "Không đọc được trường nào nên chưa có báo cáo; danh sách trường và lý do ở {path}.",
        "No school could be read, so there is no report; the schools and the reasons are in "
        "{path}.",
    ),
    "unexpected": (
        "Đã xảy ra lỗi không mong muốn: {detail}. Hãy gửi thông báo này cho người phụ trách "
        "kỹ thuật (chạy lại lệnh với biến môi trường COMMSPLAN_DEBUG=1 sẽ in đủ chi tiết).",
        "Unexpected failure: {detail}. Please send this message to your technical contact "
        "(running the command again with COMMSPLAN_DEBUG=1 prints the details).",
    ),
    "interrupted": ("Đã dừng theo yêu cầu.", "Stopped on request."),
    # the command line argparse could not take (commsplan/cli.py puts argparse's words in these)
    "usage-required": (
        "Còn thiếu {arguments}: hãy ghi vào câu lệnh (xem --help).",
        "Missing {arguments}: write it in the command (see --help).",
    ),
    "usage-expected-value": (
        "Tùy chọn {option} cần một giá trị ngay sau nó (xem --help).",
        "Option {option} needs a value right after it (see --help).",
    ),
    "usage-invalid-choice": (
        "{option}: không có lựa chọn '{value}'. Hãy chọn một trong: {choices}.",
        "{option}: there is no choice '{value}'. Choose one of: {choices}.",
    ),
    "usage-invalid-value": (
        "{option}: '{value}' không phải giá trị hợp lệ (xem --help).",
        "{option}: '{value}' is not a valid value (see --help).",
    ),
    "usage-unrecognized": (
        "Không hiểu phần này của câu lệnh: {arguments}. Hãy xem --help.",
        "Not understood: {arguments}. See --help.",
    ),
    "usage-not-allowed-with": (
        "Không dùng {option} cùng với {other}.",
        "{option} cannot be used with {other}.",
    ),
    "usage-argument": ("Tùy chọn {option}: {detail}.", "Option {option}: {detail}."),
    "option-not-a-number": (
        "'{text}' không phải một số văn bản. Hãy gõ số văn thư cấp, từ 1 đến 99999, ví dụ 5.",
        "'{text}' is not a document number. Type the number the clerk gave, 1 to 99999, e.g. 5.",
    ),
    "number-date-together": (
        "--number và --date đi cùng nhau: văn bản đã ban hành có cả số và ngày. Hãy ghi cả "
        "hai, hoặc bỏ cả hai để tạo bản dự thảo (hay lấy số và ngày ở trang tính 'Văn bản đã "
        "ban hành').",
        "--number and --date go together: an issued document has both its number and its "
        "date. Give both, or neither for a draft (or the number and date in tab 'Văn bản đã "
        "ban hành').",
    ),
    "issued-not-written": (
        "Không ghi {path}: văn bản đã ban hành không bị thay bằng một văn bản khác (xem ở "
        "trên).",
        "{path} not written: an issued document is never replaced by a different one (see "
        "above).",
    ),
    "issued-hash-recorded": (
        "Đã ghi mã tệp của văn bản đã ban hành vào ô {tab}!{cell}.",
        "Recorded the issued document's hash in cell {tab}!{cell}.",
    ),
    "issued-hash-not-recorded": (
        "Chưa ghi được mã tệp của văn bản đã ban hành: trang tính '{tab}' chưa có cột "
        "'{column}'. Hãy thêm cột đó và ghi mã {digest} vào dòng {row}.",
        "The issued document's hash is not recorded: tab '{tab}' has no column '{column}'. Add "
        "the column and type {digest} into row {row}.",
    ),
    "register-written": (
        "Đã tạo {path}: {count} văn bản đi năm {year} do commsplan tạo (không kể bản dự "
        "thảo). Hãy chép vào sổ đăng ký văn bản đi của nhà trường.",
        "Wrote {path}: {count} outgoing documents of {year} made by commsplan (drafts left "
        "out). Copy them into the school's outgoing register.",
    ),
    "register-unchanged": (
        "{path} không đổi: {count} văn bản đi năm {year}.",
        "{path} unchanged: {count} outgoing documents of {year}.",
    ),
    "option-not-a-date": (
        "'{text}' không phải một ngày. Hãy gõ ngày dạng ngày/tháng/năm, ví dụ 26/11/2026.",
        "'{text}' is not a date. Type it as day/month/year, e.g. 26/11/2026.",
    ),
    "template-written": (
        "Đã tạo bảng tính mẫu '{path}' với {tabs} trang tính.",
        "Wrote the blank workbook '{path}' with {tabs} tabs.",
    ),
    # Google Trang tính (commsplan/sources/google.py, auth.py, http.py, provision.py, writeback.py)
    "google-no-credentials": (
        "Chưa có thông tin đăng nhập Google. Chọn một trong ba cách: (1) tệp khoá tài khoản "
        "dịch vụ: thêm --credentials TỆP.json hoặc đặt biến môi trường {key_env}; (2) tài khoản "
        "Google của thầy cô: thêm --oauth-client TỆP_CLIENT.json (hoặc đặt {client_env}), lần "
        "đầu trình duyệt sẽ mở để đăng nhập; (3) đăng nhập sẵn trên máy bằng `gcloud auth "
        "application-default login`. Xem hướng dẫn trong README, mục Google Trang tính.",
        "No Google credentials found. Use one of three ways: (1) a service-account key: add "
        "--credentials FILE.json or set {key_env}; (2) your own Google account: add "
        "--oauth-client CLIENT.json (or set {client_env}); the browser opens once to sign in; "
        "(3) Application Default Credentials: `gcloud auth application-default login`. See the "
        "README, section Google Trang tính.",
    ),
    "google-key-not-found": (
        "Không tìm thấy tệp khoá Google '{path}' (chỉ ra bởi {where}). Hãy kiểm tra lại đường "
        "dẫn tới tệp .json đã tải về từ Google Cloud.",
        "Google key file '{path}' (named by {where}) not found. Check the path of the .json "
        "file downloaded from Google Cloud.",
    ),
    "google-key-invalid": (
        "Tệp '{path}' không phải tệp khoá tài khoản dịch vụ Google hợp lệ. Hãy tải lại khoá "
        "dạng JSON (Google Cloud > IAM > Tài khoản dịch vụ > Khoá > Thêm khoá).",
        "'{path}' is not a valid Google service-account key. Download the key again as JSON "
        "(Google Cloud > IAM > Service accounts > Keys > Add key).",
    ),
    "google-user-file-incomplete": (
        "Tệp '{path}' là tệp đăng nhập bằng tài khoản Google cá nhân (authorized_user), nhưng "
        "thiếu {fields} nên không dùng được để đăng nhập lại. Hãy tạo lại tệp bằng `gcloud auth "
        "application-default login`, hoặc bỏ --credentials và dùng --oauth-client để đăng nhập "
        "trong trình duyệt.",
        "'{path}' is a personal Google account file (authorized_user), but it lacks {fields}, "
        "so it cannot sign in again. Make it again with `gcloud auth application-default "
        "login`, or leave out --credentials and sign in in the browser with --oauth-client.",
    ),
    "google-key-is-oauth-client": (
        "Tệp '{path}' là tệp OAuth client (đăng nhập bằng tài khoản cá nhân), không phải khoá "
        "tài khoản dịch vụ. Hãy dùng --oauth-client '{path}' thay cho --credentials.",
        "'{path}' is an OAuth client file (for signing in with a personal account), not a "
        "service-account key. Use --oauth-client '{path}' instead of --credentials.",
    ),
    "google-oauth-client-not-found": (
        "Không tìm thấy tệp OAuth client '{path}'.",
        "OAuth client file '{path}' not found.",
    ),
    "google-oauth-client-invalid": (
        "Tệp '{path}' không phải tệp OAuth client hợp lệ. Hãy tải lại tệp JSON của OAuth client "
        "loại \"Ứng dụng dành cho máy tính\" (Desktop app) từ Google Cloud.",
        "'{path}' is not a valid OAuth client file. Download the JSON of a \"Desktop app\" "
        "OAuth client again from Google Cloud.",
    ),
    "google-oauth-browser": (
        "Trình duyệt sẽ mở để thầy cô đăng nhập tài khoản Google và cho phép commsplan truy cập "
        "bảng tính. Nếu trình duyệt không tự mở, hãy mở đường dẫn in dưới đây.",
        "Your browser will open so you can sign in to Google and allow commsplan to use the "
        "spreadsheet. If it does not open, open the link printed below.",
    ),
    "google-oauth-success": (
        "Đăng nhập xong. Thầy cô có thể đóng cửa sổ này và quay lại commsplan.",
        "Signed in. You can close this window and return to commsplan.",
    ),
    "google-oauth-failed": (
        "Đăng nhập Google chưa thành công ({detail}). Hãy chạy lại lệnh và hoàn tất đăng nhập "
        "trong trình duyệt.",
        "Google sign-in did not complete ({detail}). Run the command again and finish signing "
        "in in the browser.",
    ),
    "google-oauth-cache-invalid": (
        "Tệp phiên đăng nhập Google '{path}' bị hỏng. Hãy xoá tệp đó rồi chạy lại với "
        "--oauth-client TỆP_CLIENT.json để đăng nhập lại.",
        "The saved Google sign-in '{path}' is damaged. Delete it and run again with "
        "--oauth-client CLIENT.json to sign in again.",
    ),
    "google-oauth-expired": (
        "Phiên đăng nhập Google đã hết hạn hoặc đã bị thu hồi. Hãy xoá tệp '{path}' rồi chạy "
        "lại với --oauth-client TỆP_CLIENT.json để đăng nhập lại.",
        "The Google sign-in has expired or was revoked. Delete '{path}' and run again with "
        "--oauth-client CLIENT.json to sign in again.",
    ),
    "google-credentials-rejected": (
        "Google từ chối thông tin đăng nhập ({detail}). Có thể khoá đã bị xoá hoặc vô hiệu hoá, "
        "hoặc đồng hồ của máy bị sai giờ. Hãy tạo khoá mới trong Google Cloud và kiểm tra giờ "
        "của máy.",
        "Google refused the credentials ({detail}). The key may have been deleted or disabled, "
        "or this computer's clock is wrong. Create a new key in Google Cloud and check the "
        "clock.",
    ),
    "google-signin-blocked": (
        "Máy chủ đăng nhập của Google ({host}) từ chối yêu cầu (mã {status}). Khoá hay tài khoản "
        "không sai: thường là mạng đang dùng (tường lửa, proxy của trường) chặn địa chỉ này. "
        "Hãy thử mạng khác, hoặc nhờ người quản trị mạng cho phép {host}.",
        "Google's sign-in server ({host}) refused the request (HTTP {status}). The key or account "
        "is not at fault: the network in use (a school firewall or proxy) usually blocks that "
        "address. Try another network, or ask the network administrator to allow {host}.",
    ),
    "google-signin-unavailable": (
        "Máy chủ đăng nhập của Google tạm thời không trả lời, đã thử lại nhiều lần. Hãy chạy lại "
        "sau ít phút.",
        "Google's sign-in service is not answering for now, even after retries. Run again in a "
        "few minutes.",
    ),
    "google-bad-source": (
        "'{source}' không phải đường dẫn hay mã của một Google Trang tính.",
        "'{source}' is not a Google Sheet URL or key.",
    ),
    "google-link-short": (
        "Đường dẫn '{source}' có mã bảng tính '{sheet_key}' quá ngắn, có lẽ đã bị cắt mất một "
        "phần khi sao chép. Hãy mở bảng tính rồi chép lại cả đường dẫn từ thanh địa chỉ.",
        "The link '{source}' has a spreadsheet key '{sheet_key}' that is too short: part of it "
        "was probably lost when copying. Open the spreadsheet and copy the whole link from the "
        "address bar again.",
    ),
    "google-link-published": (
        "'{source}' là đường dẫn \"Công bố lên web\" (/d/e/…), không mở được bằng API. Hãy "
        "mở bảng tính rồi chép đường dẫn từ thanh địa chỉ (dạng …/spreadsheets/d/MÃ/edit).",
        "'{source}' is a \"Publish to the web\" link (/d/e/…), which the API cannot open. Open "
        "the spreadsheet and copy the link from the address bar (…/spreadsheets/d/KEY/edit).",
    ),
    "google-link-not-sheet": (
        "'{source}' là đường dẫn tới một tài liệu Google khác (không phải Google Trang tính). "
        "Hãy dán đường dẫn của bảng tính, dạng https://docs.google.com/spreadsheets/d/MÃ/edit.",
        "'{source}' links to another kind of Google document, not a Google Sheet. Give the "
        "spreadsheet's link, https://docs.google.com/spreadsheets/d/KEY/edit.",
    ),
    "source-is-web-link": (
        "'{source}' là một địa chỉ web, không phải Google Trang tính hay tệp trên máy. Hãy tải "
        "tệp .xlsx về máy rồi chỉ ra tệp đó, hoặc dán đường dẫn của Google Trang tính.",
        "'{source}' is a web address, not a Google Sheet or a file on this computer. Download "
        "the .xlsx file and name it, or give a Google Sheet's link.",
    ),
    "google-office-file": (
        "Bảng tính có mã '{sheet_key}' là tệp Excel (.xlsx) lưu trên Google Drive, không phải "
        "Google Trang tính, nên Google không cho đọc qua API. Hãy mở tệp rồi chọn Tệp > Lưu dưới "
        "dạng Google Trang tính và dùng đường dẫn của bảng tính mới; hoặc chọn Tệp > Tải xuống > "
        "Microsoft Excel (.xlsx) rồi dùng tệp đã tải về.",
        "The spreadsheet with key '{sheet_key}' is an Excel file (.xlsx) stored in Google Drive, "
        "not a Google Sheet, so Google does not serve it through the API. Open it and choose "
        "File > Save as Google Sheets, then use the new spreadsheet's link; or choose File > "
        "Download > Microsoft Excel (.xlsx) and use the downloaded file.",
    ),
    "google-not-shared": (
        "Tài khoản dịch vụ chưa được chia sẻ bảng tính này. Hãy chia sẻ bảng tính với địa chỉ "
        "{email} (quyền {role}): mở bảng tính, bấm Chia sẻ, dán địa chỉ đó, chọn {role}.",
        "The service account has no access to this spreadsheet. Share it with {email} "
        "({role_en}): open the spreadsheet, click Share, paste that address, choose {role_en}.",
    ),
    "google-no-access": (
        "Tài khoản Google đang dùng không có quyền mở bảng tính này (cần quyền {role}). Hãy nhờ "
        "người tạo bảng tính chia sẻ cho tài khoản của thầy cô.",
        "The Google account in use cannot open this spreadsheet ({role_en} access needed). Ask "
        "its owner to share it with your account.",
    ),
    "google-not-found": (
        "Không tìm thấy bảng tính có mã '{sheet_key}'. Hãy chép lại đường dẫn từ thanh địa chỉ của "
        "trình duyệt khi đang mở bảng tính.",
        "No spreadsheet with key '{sheet_key}'. Copy the link again from the browser's address bar "
        "while the spreadsheet is open.",
    ),
    "google-quota": (
        "Google tạm thời giới hạn số lần truy cập bảng tính (vượt hạn mức). Hãy chờ khoảng "
        "{seconds} giây rồi chạy lại.",
        "Google is limiting requests to the spreadsheet for now (quota exceeded). Wait about "
        "{seconds} seconds and run again.",
    ),
    "google-api-disabled": (
        "Google Sheets API chưa được bật cho dự án của tài khoản dịch vụ ({detail}). Hãy vào "
        "Google Cloud console > API và dịch vụ > Thư viện, tìm \"Google Sheets API\" và bấm Bật.",
        "The Google Sheets API is not enabled for the service account's project ({detail}). In "
        "Google Cloud console > APIs & Services > Library, find \"Google Sheets API\" and click "
        "Enable.",
    ),
    "google-scope": (
        "Quyền đã cấp cho commsplan không đủ cho việc này. Hãy xoá tệp '{cache}' (nếu có) rồi "
        "chạy lại để đăng nhập và cấp quyền lại.",
        "The access granted to commsplan is not enough for this. Delete '{cache}' (if any) and "
        "run again to sign in and grant it again.",
    ),
    "google-share-failed": (
        "Không chia sẻ được bảng tính với {email}: {detail}.",
        "Could not share the spreadsheet with {email}: {detail}.",
    ),
    "google-network": (
        "Không kết nối được tới Google: {reason} (đã thử {attempts} lần trong {seconds} giây). "
        "Hãy kiểm tra kết nối mạng rồi chạy lại.",
        "Cannot reach Google: {reason} ({attempts} attempts in {seconds} s). Check the network "
        "connection and run again.",
    ),
    "net-dns": ("không tìm được địa chỉ máy chủ của Google (DNS)",
                "Google's server address could not be looked up (DNS)"),
    "net-refused": ("máy chủ từ chối kết nối", "the connection was refused"),
    "net-reset": ("kết nối bị ngắt giữa chừng", "the connection was cut off"),
    "net-cut": ("câu trả lời bị cắt giữa chừng", "the answer was cut off"),
    "net-ssl": ("lỗi chứng chỉ bảo mật (SSL), có thể mạng đang chặn hoặc thay chứng chỉ",
                "a security certificate (SSL) error; the network may be intercepting it"),
    "net-proxy": ("máy chủ proxy của mạng không cho qua", "the network's proxy refused it"),
    "net-late": ("Google không trả lời kịp", "Google did not answer in time"),
    "net-other": ("lỗi mạng", "a network error"),
    "google-timeout": (
        "Google không trả lời trọn vẹn trong {seconds} giây (đã thử {attempts} lần). Hãy kiểm "
        "tra kết nối mạng rồi chạy lại.",
        "Google did not answer in full within {seconds} s ({attempts} attempts). Check the "
        "network connection and run again.",
    ),
    "google-captive-portal": (
        "Nhận được một trang web thay cho câu trả lời của Google (đã thử {attempts} lần): mạng "
        "đang dùng (wifi của trường, quán cà phê, khách sạn) có thể đòi đăng nhập trước. Hãy mở "
        "trình duyệt, đăng nhập vào mạng, rồi chạy lại.",
        "A web page came back instead of Google's answer ({attempts} attempts): the network in "
        "use (school, café or hotel wifi) may want you to sign in first. Open a browser, sign "
        "in to the network, and run again.",
    ),
    "google-unavailable": (
        "Máy chủ Google đang gặp sự cố (mã {status}). Hãy chạy lại sau ít phút; chạy lại là an "
        "toàn.",
        "Google's servers are having trouble (HTTP {status}). Run again in a few minutes; that "
        "is safe.",
    ),
    "google-bad-answer": (
        "Câu trả lời của Google bị lỗi hoặc không đầy đủ (mã {status}; đã thử {attempts} lần). "
        "Hãy chạy lại sau ít phút.",
        "Google's answer was damaged or incomplete (HTTP {status}; {attempts} attempts). Run "
        "again in a few minutes.",
    ),
    "google-incomplete-answer": (
        "Câu trả lời của Google thiếu dữ liệu ({detail}), nên không được dùng: dùng nó sẽ báo "
        "sai là thiếu trang tính. Hãy chạy lại sau ít phút; nếu vẫn vậy, có thể mạng (proxy) "
        "đang làm hỏng câu trả lời.",
        "Google's answer lacks data ({detail}), so it is not used: it would report tabs as "
        "missing that are there. Run again in a few minutes; if it persists, the network (a "
        "proxy) may be damaging the answer.",
    ),
    "answer-fewer-ranges": ("hỏi {asked} vùng, nhận {got}", "{asked} ranges asked, {got} came"),
    "answer-no-sheets": ("không có trang tính nào", "no tabs at all"),
    "answer-no-data": ("không có ô nào của trang tính '{tab}'", "no cells of tab '{tab}'"),
    "google-mismatched-answer": (
        "Câu trả lời của Google không khớp với yêu cầu ({detail}), nên không được dùng. Hãy "
        "chạy lại sau ít phút; nếu vẫn vậy, có thể mạng (proxy) đang làm hỏng câu trả lời.",
        "Google's answer does not match the request ({detail}), so it is not used. Run again in "
        "a few minutes; if it persists, the network (a proxy) may be damaging the answer.",
    ),
    "answer-other-range": ("hỏi trang tính '{asked}', nhận '{got}'",
                           "tab '{asked}' asked, '{got}' came"),
    "answer-twice": ("trang tính '{tab}' có hai lần", "tab '{tab}' came twice"),
    "google-write-uncertain": (
        "Lần ghi vào Google bị gián đoạn ({reason}), nên không rõ thay đổi đã được ghi hay "
        "chưa. Hãy kiểm tra mạng rồi chạy lại lệnh; chạy lại là an toàn.",
        "Writing to Google was interrupted ({reason}), so it is not known whether the change "
        "was made. Check the network and run the command again; that is safe.",
    ),
    "google-api-error": (
        "Google trả lời lỗi {status}: {detail}.",
        "Google answered with error {status}: {detail}.",
    ),
    "google-endpoint-invalid": (
        "Biến môi trường {name}='{value}' không phải địa chỉ http:// hoặc https://.",
        "The environment variable {name}='{value}' is not an http:// or https:// address.",
    ),
    "google-http-setting": (
        "Giá trị của biến môi trường COMMSPLAN_HTTP_* không hợp lệ ('{detail}'). Ví dụ đúng: "
        "COMMSPLAN_HTTP_TIMEOUT=10,60.",
        "A COMMSPLAN_HTTP_* environment variable is invalid ('{detail}'). Example: "
        "COMMSPLAN_HTTP_TIMEOUT=10,60.",
    ),
    "google-only": (
        "{option} chỉ dùng được với Google Trang tính (đường dẫn hoặc mã bảng tính), không dùng "
        "với tệp '{source}'.",
        "{option} works only with a Google Sheet (URL or key), not with the file '{source}'.",
    ),
    "init-done": (
        "Đã chuẩn bị bảng tính: {created} trang tính mới, {updated} trang tính được bổ sung tiêu "
        "đề, danh sách chọn và định dạng ({requests} thay đổi trong một lần ghi).",
        "The spreadsheet is ready: {created} new tabs, {updated} tabs given headers, dropdowns "
        "and formatting ({requests} changes in one write).",
    ),
    "init-nothing": (
        "Bảng tính đã đủ các trang tính và định dạng; không cần thay đổi gì.",
        "The spreadsheet already has every tab and its formatting; nothing to change.",
    ),
    "init-shared": (
        "Đã chia sẻ bảng tính với {email} (quyền Người chỉnh sửa; Google gửi thư báo kèm đường "
        "dẫn).",
        "Shared the spreadsheet with {email} (Editor; Google e-mails them the link).",
    ),
    "init-locale": (
        "Lưu ý: bảng tính đang dùng định dạng vùng {locale}, nên ngày gõ 05/03/2024 sẽ được hiểu "
        "là ngày 3 tháng 5. Hãy đổi trong Tệp > Cài đặt > Ngôn ngữ: Việt Nam.",
        "Note: the spreadsheet's locale is {locale}, so a date typed 05/03/2024 is read as "
        "3 May. Change it in File > Settings > Locale: Vietnam.",
    ),
    "writeback-done": (
        "Đã ghi kết quả kiểm tra ({count} mục) vào trang tính '{tab}'.",
        "Wrote the check result ({count} findings) to the tab '{tab}'.",
    ),
    "writeback-beside": (
        "Trang tính '{other}' không phải do commsplan tạo nên được giữ nguyên; kết quả kiểm tra "
        "({count} mục) được ghi vào trang tính mới '{tab}'.",
        "The tab '{other}' was not made by commsplan, so it is left as it is; the check result "
        "({count} findings) went to a new tab '{tab}'.",
    ),
    # Nhập bài đăng từ website, fanpage (commsplan import, commsplan/importing.py)
    "web-setting": (
        "Biến COMMSPLAN_WEB_* có giá trị không đọc được: '{detail}'.",
        "A COMMSPLAN_WEB_* variable has a value that cannot be read: '{detail}'.",
    ),
    "web-bad-url": (
        "'{url}' không phải một địa chỉ web (bắt đầu bằng https://).",
        "'{url}' is not a web address (starting with https://).",
    ),
    "web-no-host": (
        "Không tìm thấy máy chủ của '{url}' (tên miền không có). Hãy kiểm tra lại địa chỉ.",
        "No server found for '{url}' (no such host). Check the address.",
    ),
    "web-timeout": (
        "'{url}' không trả lời sau {seconds} giây (đã thử lại vài lần). Hãy thử lại sau.",
        "'{url}' did not answer within {seconds} seconds (retried a few times). Try again later.",
    ),
    "web-network": (
        "Không kết nối được tới '{url}' ({detail}). Hãy kiểm tra mạng rồi thử lại.",
        "Could not reach '{url}' ({detail}). Check the network and try again.",
    ),
    "web-status": (
        "'{url}' trả lời lỗi HTTP {status}. Hãy mở địa chỉ này trong trình duyệt để kiểm tra.",
        "'{url}' answered HTTP {status}. Open it in a browser to check.",
    ),
    "web-redirects": (
        "'{url}' chuyển hướng quá {count} lần. Hãy dùng địa chỉ cuối cùng mà trình duyệt hiện.",
        "'{url}' redirects more than {count} times. Use the address the browser ends on.",
    ),
    "web-too-large": (
        "'{url}' quá lớn (hơn {limit} MB) nên không đọc. Hãy dùng RSS hoặc sitemap của từng "
        "chuyên mục.",
        "'{url}' is too large (over {limit} MB) and was not read. Use a per-category feed or "
        "sitemap.",
    ),
    "feed-is-html": (
        "'{origin}' là một trang web, không phải RSS, Atom hay sitemap. Với website NukeViet, "
        "RSS tin tức ở /index.php?nv=news&op=rss (hoặc /rss/), sitemap ở /sitemap.xml.",
        "'{origin}' is a web page, not an RSS, Atom or sitemap feed. On a NukeViet site the "
        "news feed is at /index.php?nv=news&op=rss (or /rss/), the sitemap at /sitemap.xml.",
    ),
    "feed-empty": (
        "'{origin}' trống, không có nội dung.",
        "'{origin}' is empty.",
    ),
    "feed-unknown": (
        "'{origin}' là XML nhưng không phải RSS, Atom hay sitemap (thẻ gốc <{tag}>).",
        "'{origin}' is XML but not RSS, Atom or a sitemap (root element <{tag}>).",
    ),
    "feed-hostile": (
        "'{origin}' khai báo thực thể XML (entity) hoặc tham chiếu tệp ngoài, điều mà RSS và "
        "sitemap không cần; vì an toàn nên không đọc.",
        "'{origin}' declares XML entities or external references, which no feed needs; it was "
        "not read, for safety.",
    ),
    "feed-malformed": (
        "'{origin}' bị hỏng ở dòng {line}, cột {column} ({detail}); không đọc được.",
        "'{origin}' is malformed at line {line}, column {column} ({detail}); it cannot be read.",
    ),
    "feed-encoding": (
        "'{origin}' có ký tự không đúng bảng mã khai báo (UTF-8) ở dòng {line}; không đọc được.",
        "'{origin}' has bytes that are not in its declared encoding (UTF-8) at line {line}; it "
        "cannot be read.",
    ),
    "feed-no-dates": (
        "'{origin}' có {count} mục nhưng không mục nào có ngày đăng, nên không đề xuất được. "
        "Hãy dùng RSS hoặc sitemap có ngày (pubDate, lastmod).",
        "'{origin}' has {count} items but none has a publication date, so nothing can be "
        "proposed. Use a feed or sitemap with dates (pubDate, lastmod).",
    ),
    "facebook-export-empty": (
        "Tệp '{path}' không có dòng tiêu đề nào.",
        "'{path}' has no header row.",
    ),
    "facebook-export-column": (
        "Tệp '{path}' thiếu cột {column}. Các cột tìm thấy: {found}. Hãy xuất lại dữ liệu bài "
        "viết từ Meta Business Suite (Thông tin chi tiết > Nội dung > Xuất dữ liệu).",
        "'{path}' has no column {column}. Columns found: {found}. Export the post data again "
        "from Meta Business Suite (Insights > Content > Export data).",
    ),
    "facebook-export-encoding": (
        "Tệp '{path}' không ở bảng mã UTF-8; hãy mở bằng Excel và lưu lại dạng CSV UTF-8.",
        "'{path}' is not UTF-8; open it in Excel and save it as CSV UTF-8.",
    ),
    "facebook-no-token": (
        "Chưa có mã truy cập Trang: hãy đặt biến môi trường {name} (mã truy cập Trang từ Meta "
        "for Developers).",
        "No page access token: set the environment variable {name} (a page token from Meta for "
        "Developers).",
    ),
    "facebook-refused": (
        "Facebook từ chối đọc bài đăng của Trang {page}: {detail}. Hãy kiểm tra mã truy cập "
        "trong biến {name} (còn hạn, có quyền pages_read_engagement).",
        "Facebook refused to list the posts of page {page}: {detail}. Check the token in {name} "
        "(not expired, with pages_read_engagement).",
    ),
    "facebook-bad-answer": (
        "Facebook trả lời không đọc được khi lấy bài đăng của Trang {page}. Hãy thử lại sau.",
        "Facebook's answer for page {page} could not be read. Try again later.",
    ),
    "facebook-too-many-pages": (
        "Trang {page} có hơn {count} trang kết quả; đã dừng. Hãy dùng tệp xuất từ Meta.",
        "Page {page} gave more than {count} pages of results; stopped. Use Meta's export.",
    ),
    "import-bad-from": (
        "Không hiểu nguồn '{source}': hãy ghi địa chỉ RSS hoặc sitemap (https://…), hoặc một "
        "tệp .xml, .csv, .xlsx có trên máy.",
        "Source '{source}' is not understood: give a feed or sitemap address (https://…), or "
        "an .xml, .csv or .xlsx file on this computer.",
    ),
    "import-sitemap-index-too-big": (
        "Sitemap chỉ mục dẫn tới {count} sitemap (tối đa {limit}); hãy chỉ ra sitemap tin tức.",
        "The sitemap index points to {count} sitemaps (at most {limit}); give the news sitemap.",
    ),
    "import-no-source": (
        "Hãy cho biết đọc bài đăng ở đâu: --from ĐỊA_CHỈ_HOẶC_TỆP… hoặc --facebook-page ID; "
        "hoặc --apply để chuyển các đề xuất đã xác nhận vào Nhật ký.",
        "Say where to read posts: --from ADDRESS-OR-FILE… or --facebook-page ID; or --apply to "
        "move confirmed proposals into the register.",
    ),
    "import-apply-alone": (
        "--apply chạy riêng, không kèm --from hay --facebook-page: hãy xem lại các đề xuất "
        "trước khi chuyển.",
        "--apply runs on its own, without --from or --facebook-page: review the proposals "
        "before they are moved.",
    ),
    "import-done": (
        "Đã đọc {read} bài đăng: {new} bài mới được đề xuất vào '{where}' ({likely} có thể trùng), "
        "{known} bài đã có trong Nhật ký hoặc Đề xuất, {outside} bài ngoài kỳ kế hoạch, "
        "{undated} mục không có ngày.",
        "Read {read} posts: {new} new ones proposed in '{where}' ({likely} likely duplicates), "
        "{known} already in the register or the proposals, {outside} outside the plan period, "
        "{undated} items without a date.",
    ),
    "import-nothing-new": (
        "Đã đọc {read} bài đăng; không có bài nào mới ({known} bài đã có trong Nhật ký hoặc Đề "
        "xuất, {outside} bài ngoài kỳ kế hoạch). Không ghi gì.",
        "Read {read} posts; none is new ({known} already in the register or the proposals, "
        "{outside} outside the plan period). Nothing written.",
    ),
    "import-no-channel": (
        "Lưu ý: không kênh nào trong tab Kênh có địa chỉ ở {hosts}; cột Kênh của các đề xuất đó "
        "để trống. Hãy ghi địa chỉ kênh vào tab Kênh.",
        "Note: no channel in tab Kênh has an address on {hosts}; those proposals have no "
        "channel. Add the channel's address in tab Kênh.",
    ),
    "import-untitled": (
        "Lưu ý: {count} trang không cho biết tiêu đề; hãy gõ tiêu đề cho các đề xuất đó.",
        "Note: {count} pages gave no title; type a title for those proposals.",
    ),
    "import-applied": (
        "Đã chuyển {moved} đề xuất vào Nhật ký (dòng {rows}); {rejected} đề xuất bị bỏ qua, "
        "{waiting} đề xuất chưa xem.",
        "Moved {moved} proposals to the register (rows {rows}); {rejected} rejected, {waiting} "
        "not yet reviewed.",
    ),
    "import-apply-nothing": (
        "Không có đề xuất nào được xác nhận (ghi Có ở cột 'Đưa vào Nhật ký') và đủ thông tin; "
        "không ghi gì. {rejected} đề xuất bị bỏ qua, {waiting} đề xuất chưa xem.",
        "No proposal is confirmed (Có in column 'Đưa vào Nhật ký') and complete; nothing "
        "written. {rejected} rejected, {waiting} not yet reviewed.",
    ),
    "import-not-ready": (
        "Đề xuất dòng {row} đã xác nhận nhưng chưa chuyển: thiếu hoặc sai {columns}.",
        "Proposal row {row} is confirmed but was not moved: {columns} missing or wrong.",
    ),
    # Words written into the proposals tab, column Lý do gợi ý
    "reason-topic-category": (
        "Chủ đề theo chuyên mục '{category}' của trang.",
        "Topic from the site's category '{category}'.",
    ),
    "reason-topic-title": (
        "Đoán chủ đề theo từ trong tiêu đề ({words}): hãy kiểm tra.",
        "Topic guessed from words of the title ({words}): check it.",
    ),
    "reason-topic-none": (
        "Chưa đoán được chủ đề: hãy chọn.",
        "No topic guessed: choose one.",
    ),
    "reason-no-channel": (
        "Không có kênh nào trong tab Kênh có địa chỉ ở {host}: hãy thêm địa chỉ kênh.",
        "No channel in tab Kênh has an address on {host}: add the channel's address.",
    ),
    "reason-likely-duplicate": (
        "Có thể trùng {where} (cùng ngày, tiêu đề gần giống, đường dẫn không so được).",
        "Likely the same post as {where} (same day, near-identical title, links cannot tell).",
    ),
    "reason-no-title": (
        "Không đọc được tiêu đề trên trang: hãy gõ tiêu đề.",
        "The page gave no title: type one.",
    ),
    "links-checked": (
        "Đã mở {count} đường dẫn của Nhật ký; {unverified} đường dẫn không xác minh được (trang "
        "đòi đăng nhập, như Facebook, hoặc không trả lời): chỉ là lưu ý, không phải lỗi.",
        "Opened {count} register links; {unverified} could not be verified (a login wall, as "
        "Facebook shows, or no answer): a note, not an error.",
    ),
    # Báo cáo (commsplan/documents/report.py, commsplan report)
    "report-period-unknown": (
        "Không hiểu kỳ báo cáo '{period}'. Hãy ghi một tháng (2024-03), một quý (2024-Q1), "
        "một học kỳ (HK1-2023-2024 hoặc HK2-2023-2024) hoặc một năm (2024).",
        "Report period '{period}' is not understood. Give a month (2024-03), a quarter "
        "(2024-Q1), a semester (HK1-2023-2024 or HK2-2023-2024) or a year (2024).",
    ),
    "report-no-calendar": (
        "Chưa xác định được {period}: bảng tính chưa có năm học nào đủ ngày bắt đầu năm học, "
        "ngày kết thúc học kỳ I và ngày kết thúc năm học. Hãy ghi năm học đó ở trang tính 'Lịch "
        "năm học' rồi chạy lại.",
        "Cannot place {period}: the sheet has no school year with its start, the end of "
        "semester I and its end. Give that school year in tab 'Lịch năm học' and run again.",
    ),
    "report-other-school-year": (
        "Kỳ báo cáo '{period}' không thuộc năm học nào ghi trong bảng tính ({school_years}). "
        "Hãy ghi học kỳ của một năm học đã có, ví dụ HK1-{school_year}, hoặc thêm năm học đó "
        "vào trang tính 'Lịch năm học'.",
        "Report period '{period}' is in none of the sheet's school years ({school_years}). "
        "Give a semester of one of them, e.g. HK1-{school_year}, or add that school year to "
        "tab 'Lịch năm học'.",
    ),
    "report-outside-plan": (
        "Kỳ báo cáo {period} nằm ngoài kỳ kế hoạch ({plan}), nên không tạo báo cáo. Hãy chọn "
        "một kỳ trong kỳ kế hoạch.",
        "Report period {period_en} lies outside the plan period ({plan_en}), so no report was "
        "made. Choose a period inside the plan period.",
    ),
    "report-not-begun": (
        "Kỳ báo cáo {period} chưa bắt đầu (bắt đầu ngày {start}, số liệu tính đến ngày "
        "{as_of}), nên không tạo báo cáo. Kỳ kế hoạch: {plan}.",
        "Report period {period_en} has not begun (it starts on {start}; the data is as of "
        "{as_of}), so no report was made. The plan period: {plan_en}.",
    ),
    "report-not-over": (
        "Lưu ý: {period} chưa kết thúc (đến hết ngày {end}); báo cáo ghi số liệu tính đến ngày "
        "{as_of}.",
        "Note: {period_en} is not over (it ends on {end}); the report gives the figures as of "
        "{as_of}.",
    ),
    "report-window-needed": (
        "Hãy cho biết báo cáo về kỳ nào: --period (tháng 2024-03, quý 2024-Q1, học kỳ "
        "HK1-2023-2024, năm 2024), hoặc --from NGÀY --to NGÀY (báo cáo chuyên đề, đột xuất), "
        "hoặc --topic SỐ (báo cáo về một chủ đề).",
        "Say which period to report on: --period (month 2024-03, quarter 2024-Q1, semester "
        "HK1-2023-2024, year 2024), or --from DATE --to DATE (a thematic or ad-hoc report), or "
        "--topic NUMBER (a report on one topic).",
    ),
    "report-window-incomplete": (
        "Báo cáo theo khoảng ngày cần cả --from và --to, ví dụ --from 01/03/2024 --to "
        "15/04/2024.",
        "A report on a window of days needs both --from and --to, e.g. --from 01/03/2024 --to "
        "15/04/2024.",
    ),
    "report-period-and-window": (
        "Chỉ ghi một trong hai: --period, hoặc --from và --to.",
        "Give either --period, or --from and --to, not both.",
    ),
    "report-window-order": (
        "Ngày --to ({end}) trước ngày --from ({start}). Hãy ghi ngày bắt đầu trước, ngày kết "
        "thúc sau.",
        "The --to date ({end}) is before the --from date ({start}). Give the first day, then "
        "the last.",
    ),
    "report-topic-unknown": (
        "Không có chủ đề số {number}: kế hoạch có {count} chủ đề, đánh số từ 1 như trong văn "
        "bản kế hoạch.",
        "There is no topic {number}: the plan has {count} topics, numbered from 1 as the plan "
        "prints them.",
    ),
    "generate-skipped-not-begun": (
        "Bỏ qua: {period} chưa bắt đầu (bắt đầu ngày {start}).",
        "Skipped: {period_en} has not begun (it starts on {start}).",
    ),
    "generate-skipped-outside": (
        "Bỏ qua: {period} nằm ngoài kỳ kế hoạch ({plan}).",
        "Skipped: {period_en} lies outside the plan period ({plan_en}).",
    ),
    "draft-mark-issued": (
        "Văn bản đã có số và ngày ban hành nên không in dấu “DỰ THẢO”. Hãy bỏ --draft-mark, "
        "hoặc xoá số và ngày trong bảng tính nếu văn bản vẫn còn là dự thảo.",
        "The document has its number and date, so it is issued and takes no “DỰ THẢO” mark. "
        "Leave out --draft-mark, or clear the number and date in the sheet if it is still a "
        "draft.",
    ),
    # commsplan lint: where a problem is, what is wrong, and the fix
    "lint-where-paragraph": ("Đoạn {number} («{start}»)", "Paragraph {number} (“{start}”)"),
    "lint-where-table": ("Bảng {number} («{start}»)", "Table {number} (“{start}”)"),
    "lint-where-section": ("Phần {number} của văn bản (Bố cục trang)",
                           "Section {number} of the document (page layout)"),
    "lint-where-document": ("Văn bản", "The document"),
    "lint-clean": ("{path}: đúng thể thức trình bày (Nghị định 30/2020/NĐ-CP).",
                   "{path}: the layout follows Decree 30/2020/NĐ-CP."),
    "lint-summary": (
        "{path}: có {count} chỗ chưa đúng thể thức trình bày, kể ra dưới đây.",
        "{path}: {count} places depart from the decree's layout, listed below.",
    ),
    "lint-unreadable": (
        "Không đọc được '{path}' như một văn bản Word (.docx): {detail}. Hãy mở tệp bằng Word "
        "hoặc LibreOffice và lưu lại dưới dạng .docx.",
        "Cannot read '{path}' as a Word document (.docx): {detail}. Open it in Word or "
        "LibreOffice and save it as .docx.",
    ),
    "lint-part-national-name": ("Quốc hiệu", "the national name (Quốc hiệu)"),
    "lint-part-motto": ("Tiêu ngữ", "the motto (Tiêu ngữ)"),
    "lint-part-parent-body": ("tên cơ quan chủ quản", "the parent body's name"),
    "lint-part-issuer": ("tên cơ quan ban hành", "the issuing body's name"),
    "lint-part-number": ("số và ký hiệu", "the number and symbol"),
    "lint-part-date": ("địa danh và ngày tháng", "the place and date"),
    "lint-part-kind": ("tên loại văn bản", "the document type"),
    "lint-part-summary": ("trích yếu nội dung", "the summary (trích yếu)"),
    "lint-part-addressee": ("dòng Kính gửi", "the Kính gửi line"),
    "lint-part-body": ("đoạn văn", "the body text"),
    "lint-part-heading": ("đề mục cấp phần (I., II., …)", "a part's heading (I., II., …)"),
    "lint-part-legal-ground": ("căn cứ ban hành", "the legal ground"),
    "lint-part-caption": ("chú thích hình", "the figure caption"),
    "lint-part-table-text": ("chữ trong bảng", "the table text"),
    "lint-part-recipients-label": ("chữ “Nơi nhận:”", "the “Nơi nhận:” label"),
    "lint-part-recipient": ("dòng nơi nhận", "the recipient line"),
    "lint-part-signer-title": ("chức vụ người ký", "the signer's title"),
    "lint-part-signer-name": ("họ tên người ký", "the signer's name"),
    "lint-part-page-number": ("số trang", "the page number"),
    "lint-part-annex-label": ("chữ “Phụ lục”", "the “Phụ lục” label"),
    "lint-part-annex-name": ("tên phụ lục", "the appendix's name"),
    "lint-part-annex-reference": ("dòng “(Kèm theo …)” của phụ lục",
                                  "the appendix's “(Kèm theo …)” line"),
    "lint-page-size": (
        "khổ giấy {width} × {height} mm. Hãy chọn khổ A4 (210 × 297 mm), hướng dọc.",
        "the paper is {width} × {height} mm. Choose A4 (210 × 297 mm), portrait.",
    ),
    "lint-margin-top": (
        "lề trên {value} mm. Hãy đặt lề trên từ {low} đến {high} mm.",
        "the top margin is {value} mm. Set it to {low}–{high} mm.",
    ),
    "lint-margin-bottom": (
        "lề dưới {value} mm. Hãy đặt lề dưới từ {low} đến {high} mm.",
        "the bottom margin is {value} mm. Set it to {low}–{high} mm.",
    ),
    "lint-margin-left": (
        "lề trái {value} mm. Hãy đặt lề trái từ {low} đến {high} mm.",
        "the left margin is {value} mm. Set it to {low}–{high} mm.",
    ),
    "lint-margin-right": (
        "lề phải {value} mm. Hãy đặt lề phải từ {low} đến {high} mm.",
        "the right margin is {value} mm. Set it to {low}–{high} mm.",
    ),
    "lint-font": (
        "chữ in bằng phông {font}. Hãy chọn phông Times New Roman.",
        "the text is set in {font}. Choose Times New Roman.",
    ),
    "lint-colour": (
        "chữ có màu {colour}. Hãy để chữ màu đen.",
        "the text is coloured {colour}. Make it black.",
    ),
    "lint-size": (
        "{part} cỡ chữ {size}. Hãy chọn cỡ chữ từ {low} đến {high}.",
        "{part} is {size} pt. Use {low}–{high} pt.",
    ),
    "lint-size-exact": (
        "{part} cỡ chữ {size}. Hãy chọn cỡ chữ {low}.",
        "{part} is {size} pt. Use {low} pt.",
    ),
    "lint-bold": ("{part} phải in đậm. Hãy bấm in đậm (Ctrl+B).",
                  "{part} must be bold. Make it bold (Ctrl+B)."),
    "lint-not-bold": ("{part} không in đậm. Hãy bỏ in đậm.",
                      "{part} must not be bold. Remove the bold."),
    "lint-italic": ("{part} phải in nghiêng. Hãy bấm in nghiêng (Ctrl+I).",
                    "{part} must be italic. Make it italic (Ctrl+I)."),
    "lint-upright": ("{part} phải in đứng. Hãy bỏ in nghiêng.",
                     "{part} must be upright. Remove the italic."),
    "lint-capitals": ("{part} phải viết chữ in hoa. Hãy gõ lại bằng chữ in hoa.",
                      "{part} must be in capitals. Retype it in capitals."),
    "lint-caps-format": (
        "{part} dùng định dạng “chữ hoa” (All caps) thay cho chữ in hoa thật. Hãy bỏ định dạng "
        "đó và gõ chữ in hoa.",
        "{part} uses the All caps format instead of capital letters. Remove the format and "
        "type capitals.",
    ),
    "lint-centred": ("{part} phải căn giữa. Hãy căn giữa (Ctrl+E).",
                     "{part} must be centred. Centre it (Ctrl+E)."),
    "lint-justified": ("{part} phải căn đều hai bên. Hãy căn đều (Ctrl+J).",
                       "{part} must be justified. Justify it (Ctrl+J)."),
    "lint-indent": (
        "thụt đầu dòng {value} cm. Hãy đặt thụt đầu dòng từ 1 đến 1,27 cm.",
        "the first-line indent is {value} cm. Set it to 1–1.27 cm.",
    ),
    "lint-space-after": (
        "khoảng cách sau đoạn {value} pt. Hãy đặt ít nhất 6 pt.",
        "the space after the paragraph is {value} pt. Set at least 6 pt.",
    ),
    "lint-line-spacing": (
        "giãn dòng {value} dòng. Hãy đặt giãn dòng từ 1 đến 1,5 dòng.",
        "the line spacing is {value} lines. Set 1–1.5 lines.",
    ),
    "lint-header-missing": (
        "không có bảng tiêu đề ở đầu trang đầu (tên cơ quan bên trái; Quốc hiệu và Tiêu ngữ bên "
        "phải). Hãy đặt lại bảng hai cột không viền ở đầu văn bản.",
        "no header table at the top of the first page (the issuing body on the left, the "
        "national name and motto on the right). Put back the borderless two-column table.",
    ),
    "lint-header-borders": ("bảng tiêu đề có đường viền. Hãy bỏ đường viền của bảng.",
                            "the header table has borders. Remove them."),
    "lint-national-name-text": ("Quốc hiệu phải đúng là “{expected}”. Hãy gõ lại.",
                                "the national name must read “{expected}”. Retype it."),
    "lint-motto-missing": (
        "thiếu Tiêu ngữ “{expected}” ngay dưới Quốc hiệu. Hãy thêm vào.",
        "the motto “{expected}” is missing under the national name. Add it.",
    ),
    "lint-motto-text": ("Tiêu ngữ phải đúng là “{expected}”. Hãy gõ lại.",
                        "the motto must read “{expected}”. Retype it."),
    "lint-issuer-missing": ("thiếu tên cơ quan ban hành ở cột trái. Hãy thêm vào.",
                            "the issuing body is missing from the left column. Add it."),
    "lint-number-missing": ("thiếu dòng “Số: …/…” ở cột trái. Hãy thêm vào.",
                            "the “Số: …/…” line is missing from the left column. Add it."),
    "lint-number-text": (
        "số và ký hiệu phải viết như “Số: 05/KH-THCS” (không có dấu cách quanh / và -). Hãy "
        "sửa lại.",
        "the number must read like “Số: 05/KH-THCS” (no spaces around / and -). Correct it.",
    ),
    "lint-date-missing": (
        "thiếu dòng địa danh và ngày tháng ở cột phải. Hãy thêm vào.",
        "the place and date line is missing from the right column. Add it.",
    ),
    "lint-date-text": (
        "địa danh và ngày tháng phải viết như “Hà Nội, ngày 05 tháng 3 năm 2024”. Hãy sửa lại.",
        "the place and date must read like “Hà Nội, ngày 05 tháng 3 năm 2024”. Correct it.",
    ),
    "lint-title-missing": (
        "không thấy tên loại văn bản và trích yếu dưới bảng tiêu đề. Hãy thêm vào, căn giữa, "
        "in đậm.",
        "no document type and summary under the header table. Add them, centred and bold.",
    ),
    "lint-signature-missing": (
        "không thấy bảng “Nơi nhận:” và chữ ký ở cuối văn bản. Hãy đặt lại bảng hai cột không "
        "viền: nơi nhận bên trái, chức vụ và họ tên người ký bên phải.",
        "no “Nơi nhận:” and signature table at the end. Put back the borderless table: "
        "recipients on the left, the signer's title and name on the right.",
    ),
    "lint-signature-borders": ("bảng nơi nhận và chữ ký có đường viền. Hãy bỏ đường viền.",
                               "the recipients and signature table has borders. Remove them."),
    "lint-recipient-dash": ("dòng nơi nhận phải bắt đầu bằng “- ”. Hãy sửa lại.",
                            "a recipient line must start with “- ”. Correct it."),
    "lint-signature-room": (
        "chỉ còn {room} mm giữa chức vụ và họ tên người ký. Hãy để ít nhất {least} mm (khoảng 5 "
        "dòng trống cỡ 14) cho chữ ký và con dấu.",
        "only {room} mm between the signer's title and name. Leave at least {least} mm (about 5 "
        "blank 14 pt lines) for the signature and seal.",
    ),
    "lint-number-zero": (
        "số văn bản dưới 10 phải có số 0 đứng trước, và chỉ một số 0. Hãy viết {expected}.",
        "a number below 10 takes one leading zero, no more. Write {expected}.",
    ),
    "lint-date-day": (
        "ngày phải viết đủ hai chữ số. Hãy viết ngày {expected}.",
        "the day must have two digits. Write {expected}.",
    ),
    "lint-date-month": (
        "tháng viết là {value}: tháng 1 và 2 viết 01, 02, các tháng khác không có số 0 đứng "
        "trước. Hãy viết tháng {expected}.",
        "the month reads {value}: months 1 and 2 are written 01, 02, the others without a "
        "leading zero. Write {expected}.",
    ),
    "lint-legal-ground-end": (
        "mỗi căn cứ kết thúc bằng dấu “;”, căn cứ cuối cùng bằng dấu “.”. Hãy kết thúc dòng "
        "này bằng “{end}”.",
        "each legal ground ends with “;”, the last with “.”. End this one with “{end}”.",
    ),
    "lint-recipient-end": (
        "mỗi dòng nơi nhận kết thúc bằng dấu “;”, dòng cuối bằng dấu “.”. Hãy kết thúc dòng "
        "này bằng “{end}”.",
        "each recipient line ends with “;”, the last with “.”. End this one with “{end}”.",
    ),
    "lint-archive-line": (
        "dòng nơi nhận cuối cùng phải là “- Lưu: VT, …”. Hãy thêm dòng lưu văn thư.",
        "the last recipient line must be “- Lưu: VT, …”. Add the archive line.",
    ),
    "lint-addressee-end": (
        "một nơi nhận thì ghi ngay sau “Kính gửi:” và kết thúc bằng dấu “.”; nhiều nơi nhận thì "
        "mỗi nơi một dòng “- …;”, dòng cuối kết thúc bằng dấu “.”. Hãy kết thúc dòng này bằng "
        "“{end}”.",
        "one addressee follows “Kính gửi:” on its line and ends with “.”; several go one per "
        "line, “- …;”, the last ending “.”. End this line with “{end}”.",
    ),
    "lint-addressee-missing": (
        "dòng “Kính gửi:” không có nơi nhận nào. Hãy ghi cơ quan nhận ngay sau dấu hai chấm, "
        "hoặc mỗi cơ quan một dòng “- …;” bên dưới.",
        "the line “Kính gửi:” names no addressee. Write the body after the colon, or one "
        "“- …;” line per body below it.",
    ),
    "lint-addressee-one": (
        "chỉ có một nơi nhận thì ghi ngay trên dòng “Kính gửi:” (“Kính gửi: Phòng GD&ĐT …”), "
        "không xuống dòng với dấu “-”.",
        "a single addressee goes on the line of “Kính gửi:” (“Kính gửi: Phòng GD&ĐT …”), not "
        "on a line of its own with “-”.",
    ),
    "lint-addressee-place": (
        "“Kính gửi” đặt ngay dưới tên loại và trích yếu của văn bản, trước nội dung. Hãy chuyển "
        "lên vị trí đó.",
        "“Kính gửi” stands right under the document type and summary, before the body. Move "
        "it there.",
    ),
    "lint-as-above-missing": (
        "văn bản có “Kính gửi” thì Nơi nhận mở đầu bằng dòng “- Như trên;”. Hãy thêm dòng đó "
        "lên đầu.",
        "with “Kính gửi”, Nơi nhận opens with the line “- Như trên;”. Add it first.",
    ),
    "lint-as-above-alone": (
        "Nơi nhận ghi “Như trên” nhưng văn bản không có dòng “Kính gửi”. Hãy thêm “Kính gửi:” "
        "dưới trích yếu, hoặc ghi tên cơ quan nhận thay cho “Như trên”.",
        "Nơi nhận says “Như trên” but the document has no “Kính gửi” line. Add “Kính gửi:” "
        "under the summary, or name the body instead of “Như trên”.",
    ),
    "lint-annex-label": (
        "phụ lục bắt đầu bằng chữ “Phụ lục” (và số của nó, nếu có nhiều phụ lục) trên một dòng "
        "riêng, rồi tên phụ lục ở dòng dưới. Hãy tách như vậy.",
        "an appendix starts with “Phụ lục” (and its number, when there are several) on a line "
        "of its own, its name on the next line. Split it so.",
    ),
    "lint-annex-name": (
        "dưới chữ “Phụ lục” là tên phụ lục, chữ in hoa. Hãy thêm tên phụ lục.",
        "under “Phụ lục” comes the appendix's name, in capitals. Add it.",
    ),
    "lint-annex-reference": (
        "dưới tên phụ lục là dòng “(Kèm theo <tên loại văn bản> số …/… ngày … tháng … năm … "
        "của …)”, chữ nghiêng. Hãy thêm dòng đó.",
        "under the appendix's name comes the line “(Kèm theo <document type> số …/… ngày … "
        "tháng … năm … của …)”, in italics. Add it.",
    ),
    "lint-annex-pages": (
        "trang của phụ lục được đánh số riêng. Hãy đặt phụ lục trong một section mới (ngắt "
        "section, trang mới) và cho số trang bắt đầu lại từ 1.",
        "an appendix's pages are numbered on their own. Put the appendix in a new section (a "
        "section break, new page) whose page numbers start again at 1.",
    ),
    "lint-signer-academic": (
        "không ghi học hàm, học vị (TS., ThS., …) trước họ tên người ký. Hãy xoá đi.",
        "no academic title (TS., ThS., …) goes before the signer's name. Remove it.",
    ),
    "lint-rule-missing": (
        "thiếu đường kẻ ngang dưới {part}. Hãy kẻ một đường liền dưới dòng chữ.",
        "no solid line under {part}. Draw one under the text.",
    ),
    "lint-rule-length": (
        "đường kẻ dưới {part} dài bằng {share} dòng chữ, phải từ {low} đến {high}. Hãy chỉnh "
        "lại độ dài đường kẻ.",
        "the line under {part} is {share} of the text's length, not {low}–{high}. Adjust its "
        "length.",
    ),
    "lint-page-number-first": (
        "trang đầu có số trang. Hãy chọn “Trang đầu khác” (Different first page) cho đầu "
        "trang: trang 1 không đánh số.",
        "the first page shows a page number. Tick “Different first page” for the header: "
        "page 1 is not numbered.",
    ),
    "lint-page-number-missing": (
        "không có số trang. Hãy chèn số trang ở giữa phần đầu trang, từ trang 2.",
        "no page numbers. Insert them centred in the page header, from page 2.",
    ),
    "lint-page-number-footer": (
        "số trang nằm ở chân trang. Hãy chuyển số trang lên giữa phần đầu trang.",
        "the page number is in the footer. Move it to the centre of the page header.",
    ),
}


# The command line's help: descriptions, option help and metavars (vi, en). Help is no
# sentence (argparse prints it in columns), so these live apart from MESSAGES.
HELP: dict[str, tuple[str, str]] = {
    "description": (
        "Kế hoạch và báo cáo truyền thông của nhà trường, từ bảng tính dùng chung (Excel .xlsx "
        "hoặc Google Trang tính) ra văn bản đúng thể thức Nghị định 30/2020/NĐ-CP.",
        "A school's communication plan and reports, from a shared spreadsheet (Excel .xlsx or "
        "Google Sheets) to documents in the layout of Decree No. 30/2020.",
    ),
    "metavar-command": ("LỆNH", "COMMAND"),
    "usage": ("cách dùng: ", "usage: "),
    "error": ("lỗi", "error"),
    "title-positional": ("tham số", "positional arguments"),
    "title-options": ("tuỳ chọn", "options"),
    "help": ("in phần trợ giúp này rồi thoát", "show this help message and exit"),
    "lang": ("ngôn ngữ của thông báo và trợ giúp: vi (mặc định) hoặc en; cũng là biến "
             "COMMSPLAN_LANG",
             "the language of messages and help: vi (the default) or en; also the variable "
             "COMMSPLAN_LANG"),
    "version": ("in số phiên bản rồi thoát", "print the version and exit"),
    "json": ("in kết quả dạng JSON; lỗi cũng in dạng JSON (một đối tượng: code, message, "
             "location), ở dòng cuối của stderr",
             "print the result as JSON; an error too (one object: code, message, location), "
             "on the last line of stderr"),
    "metavar-source": ("NGUỒN", "SOURCE"),
    "source": ("tệp .xlsx, hoặc đường dẫn/mã Google Trang tính",
               "an .xlsx file, or a Google Sheet's link or key"),
    "metavar-key-file": ("TỆP_KHOÁ", "KEY_FILE"),
    "credentials": ("tệp khoá tài khoản dịch vụ Google (JSON), nếu đọc Google Trang tính "
                    "(hoặc biến GOOGLE_APPLICATION_CREDENTIALS)",
                    "a Google service account key file (JSON), to read a Google Sheet (or the "
                    "variable GOOGLE_APPLICATION_CREDENTIALS)"),
    "metavar-client-file": ("TỆP_CLIENT", "CLIENT_FILE"),
    "oauth-client": ("tệp OAuth client (JSON) để đăng nhập bằng tài khoản Google của thầy cô "
                     "(hoặc biến COMMSPLAN_OAUTH_CLIENT)",
                     "an OAuth client file (JSON), to sign in with your own Google account (or "
                     "the variable COMMSPLAN_OAUTH_CLIENT)"),
    "metavar-date": ("NGÀY", "DATE"),
    "as-of": ("kiểm tra tính đến ngày (mặc định: hôm nay)",
              "check as of this day (default: today)"),
    "allow-errors": ("vẫn tạo văn bản khi dữ liệu còn lỗi",
                     "write the documents even when the data has errors"),
    "metavar-docx": ("TỆP.docx", "FILE.docx"),
    "output": ("tệp .docx sẽ tạo, bản PDF cùng tên (mặc định: tên theo dữ liệu, ví dụ "
               "KH-truyen-thong-2024.docx)",
               "the .docx file to write, its PDF named alike (default: a name from the data, "
               "e.g. KH-truyen-thong-2024.docx)"),
    "document-force": ("ghi đè bản nháp đã có (văn bản đã ban hành, có số và ngày, không bao "
                       "giờ bị ghi đè: bản mới được ghi sang tên -2, -3, …)",
                       "replace a draft already there (an issued document, with its number "
                       "and date, is never replaced: the new one is written as -2, -3, …)"),
    "pdf": ("tạo thêm bản PDF bằng LibreOffice", "also make a PDF with LibreOffice"),
    "pdf-a": ("tạo thêm bản PDF/A-2b để ký số (phông chữ nhúng, tiêu đề là trích yếu), được "
              "kiểm tra trước khi giao; cần LibreOffice và poppler-utils",
              "also make a PDF/A-2b for signing (fonts embedded, the summary as its title), "
              "checked before it is handed over; needs LibreOffice and poppler-utils"),
    "generate-pdf-a": ("tạo bản PDF/A-2b để ký số (phông chữ nhúng, tiêu đề là trích yếu), được "
                       "kiểm tra trước khi giao; cần LibreOffice và poppler-utils (như pdf = "
                       "\"pdf-a\" trong tệp cấu hình)",
                       "make the PDFs PDF/A-2b for signing (fonts embedded, the summary as its "
                       "title), checked before they are handed over; needs LibreOffice and "
                       "poppler-utils (as pdf = \"pdf-a\" in the config file)"),
    "number": ("số văn bản văn thư cấp, dùng một lần (cùng --date); thường ghi ở trang tính "
               "'Văn bản đã ban hành'",
               "the number the clerk gave, for this run (with --date); usually in the tab "
               "\"Văn bản đã ban hành\""),
    "date": ("ngày ban hành, dùng một lần (cùng --number)",
             "the date of issue, for this run (with --number)"),
    "draft-mark": ("in chữ “DỰ THẢO” trong khung ở góc trên bên phải trang đầu (chỉ cho bản "
                   "dự thảo, chưa có số và ngày)",
                   "print a framed \"DỰ THẢO\" (draft) at the top right of the first page (only "
                   "for a draft, without number and date)"),
    # commsplan template
    "template": ("tạo bảng tính mẫu (.xlsx) trống, đủ các trang tính",
                 "create an empty template workbook (.xlsx) with every tab"),
    "template-out": ("tệp sẽ tạo", "the file to create"),
    "template-force": ("ghi đè nếu tệp đã có (không bao giờ ghi đè bảng tính có dữ liệu)",
                       "replace the file if it is there (a workbook holding data is never "
                       "replaced)"),
    # commsplan check
    "check": ("kiểm tra bảng tính, chỉ rõ ô sai và kỳ chưa đạt định mức",
              "check the workbook: the cells that are wrong, the periods below their minimum"),
    "csv": ("in kết quả dạng CSV; ô bắt đầu bằng =, +, -, @, tab hoặc xuống dòng được thêm "
            "dấu ' ở đầu để Excel không chạy nó như công thức",
            "print the result as CSV; a cell starting with =, +, -, @, a tab or a line break "
            "gets a leading ' so that Excel does not run it as a formula"),
    "write-back": ("ghi kết quả vào trang tính 'Kiểm tra' của Google Trang tính (chỉ trang "
                   "tính do commsplan tạo; trang tính khác trùng tên được giữ nguyên)",
                   "write the result to the tab \"Kiểm tra\" of the Google Sheet (only a tab "
                   "commsplan made; another tab of that name is left as it is)"),
    "links": ("mở từng đường dẫn của Nhật ký: báo đường dẫn hỏng và ngày đăng lệch với ngày "
              "ghi (cần mạng)",
              "open every link of the tab \"Nhật ký\": report dead links and posting dates that "
              "differ from the date entered (needs the network)"),
    # commsplan init
    "init": ("chuẩn bị Google Trang tính dùng chung: trang tính, tiêu đề, danh sách chọn, "
             "định dạng; chia sẻ nếu cần",
             "prepare the shared Google Sheet: tabs, headers, drop-down lists, formats; share "
             "it if asked"),
    "metavar-spreadsheet": ("BẢNG_TÍNH", "SPREADSHEET"),
    "init-source": ("đường dẫn hoặc mã Google Trang tính", "the Google Sheet's link or key"),
    "share": ("chia sẻ quyền chỉnh sửa cho các địa chỉ này (Google gửi thư báo)",
              "give these addresses edit access (Google sends them an email)"),
    # commsplan import
    "import": ("đề xuất dòng Nhật ký từ bài đã đăng trên website (RSS, sitemap) và fanpage "
               "(tệp xuất từ Facebook); --apply chuyển các dòng đã xác nhận vào Nhật ký",
               "propose rows of the tab \"Nhật ký\" from posts on the website (RSS, sitemap) and "
               "the Facebook page (its export file); --apply moves the confirmed rows into "
               "\"Nhật ký\""),
    "metavar-feed": ("ĐỊA_CHỈ/TỆP", "URL/FILE"),
    "import-from": ("RSS, Atom hoặc sitemap (https://… hoặc tệp .xml), tệp xuất bài viết của "
                    "Trang Facebook (.csv, .xlsx)",
                    "an RSS, Atom or sitemap feed (https://… or an .xml file), a Facebook "
                    "Page's post export (.csv, .xlsx)"),
    "facebook-page": ("đọc bài đăng của Trang qua Graph API (mã truy cập trong biến "
                      "COMMSPLAN_FACEBOOK_TOKEN)",
                      "read the Page's posts through the Graph API (the access token in the "
                      "variable COMMSPLAN_FACEBOOK_TOKEN)"),
    "apply": ("chuyển các đề xuất đã ghi Có vào Nhật ký và xoá chúng khỏi Đề xuất",
              "move the proposals marked \"Có\" into \"Nhật ký\" and remove them from \"Đề xuất\""),
    # commsplan plan, report
    "plan": ("tạo Kế hoạch truyền thông (.docx, có thể kèm PDF)",
             "write the communication plan, the \"Kế hoạch\" (.docx, and a PDF if asked)"),
    "report": ("tạo Báo cáo kết quả truyền thông của một kỳ (.docx, có thể kèm PDF)",
               "write the report on a period, the \"Báo cáo\" (.docx, and a PDF if asked)"),
    "metavar-period": ("KỲ", "PERIOD"),
    "period": ("kỳ báo cáo: tháng 2024-03, quý 2024-Q1, học kỳ HK1-2023-2024 hoặc năm 2024",
               "the period: a month 2024-03, a quarter 2024-Q1, a semester HK1-2023-2024 or a "
               "year 2024"),
    "window-from": ("báo cáo chuyên đề hoặc đột xuất: từ ngày (cùng --to)",
                    "a thematic or ad-hoc report: from this day (with --to)"),
    "window-to": ("báo cáo chuyên đề hoặc đột xuất: đến ngày",
                  "a thematic or ad-hoc report: to this day"),
    "metavar-number": ("SỐ", "NUMBER"),
    "topic": ("báo cáo về một chủ đề (số thứ tự như trong kế hoạch); không ghi kỳ thì là dịp "
              "gần nhất của chủ đề",
              "a report on one topic (its number in the plan); without a period, on the "
              "topic's latest occasion"),
    # commsplan register
    "register": ("trích sổ đăng ký văn bản đi (.xlsx) của một năm: kế hoạch, báo cáo đã ban "
                 "hành do commsplan tạo",
                 "the outgoing-register extract (.xlsx) of a year: the issued plans and reports "
                 "commsplan made"),
    "register-description": (
        "Trích sổ đăng ký văn bản đi: các kế hoạch, báo cáo đã có số và ngày ban hành trong "
        "năm (không kể bản dự thảo), đủ 10 cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP, in "
        "trên khổ A4 nằm ngang. Đây là bản trích để văn thư chép vào sổ đăng ký văn bản đi của "
        "nhà trường, sổ đó còn ghi các văn bản khác của trường.",
        "The outgoing-register extract: the plans and reports issued in the year, with their "
        "number and date (drafts left out), in the ten columns of Decree No. 30/2020, Appendix "
        "IV, printed on landscape A4. It is an extract for the clerk to copy into the school's "
        "outgoing register, which also holds the school's other documents.",
    ),
    "register-output": ("tệp .xlsx sẽ tạo, ví dụ so-van-ban-di.xlsx",
                        "the .xlsx file to write, e.g. so-van-ban-di.xlsx"),
    "metavar-year": ("NĂM", "YEAR"),
    "register-year": ("năm của sổ (mặc định: năm gần nhất có văn bản đã ban hành)",
                      "the register's year (default: the latest with an issued document)"),
    "register-allow-errors": ("vẫn tạo khi dữ liệu còn lỗi",
                              "write it even when the data has errors"),
    # commsplan lint
    "lint": ("kiểm tra thể thức trình bày (Nghị định 30/2020/NĐ-CP) của tệp .docx, kể cả văn "
             "bản đã sửa trong Word hoặc LibreOffice",
             "check the layout (Decree No. 30/2020) of .docx files, including documents edited "
             "in Word or LibreOffice"),
    "lint-files": ("các tệp .docx cần kiểm tra", "the .docx files to check"),
    # commsplan generate
    "generate": ("một lệnh cho hiệu trưởng: kiểm tra, tạo kế hoạch, các báo cáo đến hạn và "
                 "PDF theo tệp cấu hình commsplan.toml",
                 "one command for the principal: check, then write the plan, the reports due "
                 "and their PDFs as the config file commsplan.toml says"),
    "metavar-toml": ("TỆP.toml", "FILE.toml"),
    # commsplan export, rollup
    "export": ("xuất số liệu của trường trong một kỳ ra tệp .xlsx theo mẫu tổng hợp, để gửi cơ "
               "quan quản lý",
               "export the school's figures for a period to an .xlsx in the roll-up layout, to "
               "send to the supervising office"),
    "metavar-xlsx": ("TỆP.xlsx", "FILE.xlsx"),
    "export-output": ("tệp sẽ tạo", "the file to write"),
    "export-force": ("ghi đè tệp đã có", "replace the file if it is there"),
    "rollup": ("cơ quan quản lý: đọc bảng tính của các trường theo tệp cấu hình, tạo bảng tổng "
               "hợp (.xlsx) và báo cáo",
               "for the supervising office: read the schools' sheets the config file lists, "
               "write the roll-up workbook (.xlsx) and the report"),
    "rollup-config": ("tệp cấu hình (rollup.toml)", "the config file (rollup.toml)"),
    "rollup-pdf": ("tạo thêm bản PDF của báo cáo", "also make a PDF of the report"),
    "rollup-period": ("kỳ: tháng 2025-03, quý 2025-Q1, học kỳ HK1-2024-2025 hoặc năm 2025",
                      "the period: a month 2025-03, a quarter 2025-Q1, a semester "
                      "HK1-2024-2025 or a year 2025"),
    "rollup-from": ("hoặc một khoảng thời gian: từ ngày (cùng --to)",
                    "or a window of days: from this day (with --to)"),
    "rollup-to": ("đến ngày", "to this day"),
    "rollup-topic": ("chỉ một chủ đề (số thứ tự trong kế hoạch của trường)",
                     "one topic only (its number in the school's plan)"),
    "rollup-as-of": ("tính đến ngày (mặc định: hôm nay)", "count to this day (default: today)"),
    "config": ("tệp cấu hình (mặc định: commsplan.toml ở thư mục hiện tại)",
               "the config file (default: commsplan.toml in the current folder)"),
}


class Phrase:
    """A catalogue entry and its values, said later in either language: a note or a skipped
    report in a run's result, or a parameter of another message, said in that message's
    language (so a reason can be Vietnamese or English with the rest)."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key, self.params = key, params

    def say(self, lang: str = "vi") -> str:
        """The phrase in Vietnamese ('vi') or English ('en')."""
        return say(self.key, lang, **self.params)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r})"


def say(key: str, lang: str = "vi", /, **params: object) -> str:
    """The message for key in lang ('vi' or 'en'), with its parameters filled in (a
    parameter given as {"vi": …, "en": …} in that language)."""
    vi, en = MESSAGES[key]
    params = {name: _in_language(value, lang) for name, value in params.items()}
    return fill(en if lang == "en" else vi, params)


def help_text(key: str, lang: str = "vi") -> str:
    """The command line's help text or metavar for key, in lang ('vi' or 'en')."""
    vi, en = HELP[key]
    return en if lang == "en" else vi


def _in_language(value: object, lang: str) -> object:
    """A Phrase said in lang; a {"vi": …, "en": …} parameter in lang; anything else as is."""
    if isinstance(value, Phrase):
        return value.say(lang)
    if isinstance(value, dict) and "vi" in value:
        return value.get(lang, value["vi"])
    return value


def fill(template: str, params: dict) -> str:
    """template.format(**params), except that a value ending in "." (a list ending in "Q.",
    a system's own sentence) takes the place of the template's period after it: no "..".
    """
    import string

    formatter = string.Formatter()
    parts: list[str] = []
    after_value = False
    for literal, name, spec, conversion in formatter.parse(template):
        if literal:
            if after_value and literal.startswith(".") and parts[-1].endswith("."):
                literal = literal[1:]
            parts.append(literal)
        after_value = name is not None
        if name is not None:
            value, _ = formatter.get_field(name, (), params)
            value = formatter.convert_field(value, conversion)
            parts.append(formatter.format_field(value, formatter.vformat(spec or "", (), params)))
    return "".join(parts)
