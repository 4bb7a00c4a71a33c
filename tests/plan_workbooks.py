"""A second, entirely different school's workbook, built in the tests: nothing of the demo."""

import datetime as dt

OTHER_SCHOOL = {
    "general": [
        ("Cơ quan chủ quản", "Phòng Giáo dục và Đào tạo thành phố Lào Cai"),
        ("Tên trường", "Trường THCS Kim Tân"),
        ("Chữ viết tắt tên trường", "THCSKT"),
        ("Địa danh", "Lào Cai"),
        ("Năm kế hoạch", "2025"),
        ("Năm học", "2024-2025"),
        ("Ngày bắt đầu năm học", dt.date(2024, 9, 5)),
        ("Ngày kết thúc học kỳ I", dt.date(2025, 1, 18)),
        ("Ngày kết thúc năm học", dt.date(2025, 5, 31)),
        ("Văn bản thực hiện", "Kế hoạch số 45/KH-PGDĐT ngày 02/01/2025 của Phòng Giáo dục và "
                              "Đào tạo thành phố Lào Cai"),
        ("Trích yếu", "Công tác truyền thông năm 2025"),
        ("Căn cứ", "Căn cứ Luật Giáo dục năm 2019"),
        ("Căn cứ", "Căn cứ Điều lệ trường trung học cơ sở;"),
        ("Số kế hoạch", None),
        ("Ngày ban hành", None),
        ("Người lập", None),
        ("Chức vụ người ký", "Phó Hiệu trưởng"),
        ("Quyền hạn ký", "KT."),
        ("Ký thay cho", "Hiệu trưởng"),
        ("Người ký", "Trần Văn Bình"),
    ],
    "plan_text": [
        ["Mục đích", None, "Lan toả các gương học sinh chăm ngoan trong toàn trường."],
        ["Yêu cầu", None, "Thông tin chính xác, kịp thời, đúng quy định."],
        ["Nhiệm vụ", "Phó Hiệu trưởng", "Duyệt tin bài trước khi đăng."],
        ["Nhiệm vụ", "Tổ Tự nhiên", "Mỗi quý viết ít nhất một tin bài."],
    ],
    "topics": [
        [1, "Chuyển đổi số trong dạy học", "- Giới thiệu giờ học có dùng học liệu số", None, None, 2],
        [5, "Ngày hội đọc sách", "- Ảnh ngày hội\n- Bài viết cảm nhận", dt.date(2025, 4, 15),
         dt.date(2025, 4, 25), 1],
    ],
    "channels": [["Cổng thông tin", "Website", "https://thcskimtan.edu.vn", "Cổng thông tin điện tử của trường:"]],
    "cadence": [["Bài viết", "Tin bài", 2, "quý", "Từng đơn vị", "bài viết", None]],
    "units": [["Tổ Tự nhiên", "Lê Thu", "Có"]],
    "activities": [],
    "opinions": [],
    "recipients": [["Phòng GD&ĐT thành phố (b/c)", "KH"], ["Lưu: VT, CM", "KH, BC"]],
}
