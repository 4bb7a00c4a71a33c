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
        [1, "Chuyển đổi số trong dạy học", "- Giới thiệu giờ học có dùng học liệu số", None,
         None, 2],
        [5, "Ngày hội đọc sách", "- Ảnh ngày hội\n- Bài viết cảm nhận", dt.date(2025, 4, 15),
         dt.date(2025, 4, 25), 1],
    ],
    "channels": [["Cổng thông tin", "Website", "https://thcskimtan.edu.vn",
                  "Cổng thông tin điện tử của trường:"]],
    "cadence": [["Bài viết", "Tin bài", 2, "quý", "Từng đơn vị", "bài viết", None]],
    "units": [["Tổ Tự nhiên", "Lê Thu", "Có"]],
    "activities": [],
    "opinions": [],
    "recipients": [["Phòng GD&ĐT thành phố (b/c)", "KH"], ["Lưu: VT, CM", "KH, BC"]],
}


# A three-year plan, issued mid-period ------------------------------------------------------
#
# A primary school's plan for 2017–2020, issued on 06/11/2017 and in force from that day,
# signed "KT. HIỆU TRƯỞNG"; three school years with their Tết breaks; a school-wide monthly
# rule (2 news a month) and a per-unit quarterly rule (each unit 1 photo/video a quarter); a
# yearly 20/11 occasion. Its register starts in October 2017 and holds exactly the shortfalls
# of PLANTED (as of 31/05/2020), and none in the summer holidays or before the plan took effect.

D = dt.date
NEWS_TOPIC = "Đổi mới phương pháp dạy học"
TEACHERS_DAY = "Chào mừng Ngày Nhà giáo Việt Nam 20/11"
UNIT_A, UNIT_B, OFFICE = "Tổ 1-2-3", "Tổ 4-5", "Văn phòng"
SCHOOL_YEARS = [  # Năm học, start, end of semester I, end
    ["2017-2018", D(2017, 9, 5), D(2018, 1, 13), D(2018, 5, 25)],
    ["2018-2019", D(2018, 9, 5), D(2019, 1, 12), D(2019, 5, 24)],
    ["2019-2020", D(2019, 9, 5), D(2020, 1, 11), D(2020, 5, 22)],
]
BREAKS = [  # Tết Nguyên đán of each school year
    ["Nghỉ Tết Mậu Tuất", D(2018, 2, 12), D(2018, 2, 21)],
    ["Nghỉ Tết Kỷ Hợi", D(2019, 2, 1), D(2019, 2, 10)],
    ["Nghỉ Tết Canh Tý", D(2020, 1, 20), D(2020, 1, 30)],
]
EFFECTIVE = D(2017, 11, 6)
THREE_YEAR_AS_OF = D(2020, 5, 31)  # May 2020 and quarter II/2020 still running, both met
PLANTED = {  # (code, period, scope): what the register lacks
    ("cadence-shortfall", "2018-03", "Toàn trường"),  # one news only
    ("cadence-shortfall", "2019-02", "Toàn trường"),  # one news, in a month with Tết
    ("cadence-shortfall", "2019-Q1", UNIT_B),  # no photo from Tổ 4-5
    ("cadence-shortfall", "2019-Q3", UNIT_B),  # none in the school days of quarter III
    ("coverage-window-missed", "2019-11-15/2019-11-20", "Toàn trường"),  # one of two
}


def three_year_general(effective: dt.date | None = EFFECTIVE) -> list[tuple]:
    return [
        ("Cơ quan chủ quản", "Phòng Giáo dục và Đào tạo huyện Văn Bàn"),
        ("Tên trường", "Trường Tiểu học Sơn Thủy"),
        ("Chữ viết tắt tên trường", "THST"),
        ("Địa danh", "Sơn Thủy"),
        ("Năm kế hoạch", "2017 - 2020"),
        ("Ngày hiệu lực", effective),
        ("Năm học", None),  # the plan's words name its period: giai đoạn 2017 - 2020
        ("Văn bản thực hiện", None),
        ("Trích yếu", "Công tác truyền thông giai đoạn 2017 - 2020"),
        ("Căn cứ", "Căn cứ Luật Giáo dục năm 2005"),
        ("Số kế hoạch", 90),
        ("Ngày ban hành", D(2017, 11, 6)),
        ("Người lập", None),
        ("Chức vụ người ký", "PHÓ HIỆU TRƯỞNG"),
        ("Quyền hạn ký", "KT."),
        ("Ký thay cho", "HIỆU TRƯỞNG"),
        ("Người ký", "Hoàng Văn Dũng"),
    ]


def _news(day: dt.date, n: int, unit: str = UNIT_A, topic: str = NEWS_TOPIC) -> list:
    return [day, topic, "Tin bài", f"Tin hoạt động số {n} ngày {day:%d/%m/%Y}", "Lý Thị Hoa",
            unit, "Website trường", f"https://thsonthuy.edu.vn/tin/{n}", None]


def _photo(day: dt.date, n: int, unit: str, kind: str = "Ảnh") -> list:
    return [day, NEWS_TOPIC, kind, f"Ảnh hoạt động của {unit} số {n}", "Vàng A Páo", unit,
            "Fanpage", None, None]


def three_year_register() -> list[list]:
    """Every school month from November 2017 to May 2020 has its two news (a few in the
    summer too, and some before the plan took effect), each unit its photo each quarter,
    the 20/11 occasion its two activities: but for PLANTED."""
    rows: list[list] = []
    n = 0

    def add(row):
        nonlocal n
        n += 1
        rows.append(row)

    add(_news(D(2017, 10, 20), 0))  # before the plan took effect: counted in the tables
    add(_photo(D(2017, 10, 10), 0, UNIT_A))  # quarter IV/2017 holds 06/11: judged whole
    add(_news(D(2017, 11, 3), n))  # November 2017 holds 06/11: judged whole, with this one
    add(_news(D(2017, 11, 24), n, UNIT_B))
    add(_photo(D(2017, 12, 15), n, UNIT_B, "Video"))
    add(_news(D(2017, 12, 4), n, OFFICE))
    add(_news(D(2017, 12, 18), n))
    school_months = [(2018, m) for m in range(1, 6)] + [(2018, m) for m in range(9, 13)] + \
        [(2019, m) for m in range(1, 6)] + [(2019, m) for m in range(9, 13)] + \
        [(2020, m) for m in range(1, 6)]
    for year, month in school_months:
        news = 1 if (year, month) in ((2018, 3), (2019, 2)) else 2
        for k in range(news):
            add(_news(D(year, month, 8 + 10 * k), n, (UNIT_A, UNIT_B)[k]))
    add(_news(D(2018, 7, 2), n, OFFICE))  # the summer: not judged, counted in the tables
    for year, quarter in [(y, q) for y in (2018, 2019) for q in (1, 2, 3, 4)] + \
            [(2020, 1), (2020, 2)]:
        month = 3 * quarter - 2 if quarter != 3 else 9  # quarter III: its school days
        for unit in (UNIT_A, UNIT_B):
            if unit == UNIT_B and (year, quarter) in ((2019, 1), (2019, 3)):
                continue
            add(_photo(D(year, month, 20), n, unit))
    for year, count in ((2017, 2), (2018, 2), (2019, 1)):  # the 20/11 occasion
        for k in range(count):
            add([D(year, 11, 16 + 2 * k), TEACHERS_DAY, "Ảnh" if k else "Tin bài",
                 f"Kỷ niệm Ngày Nhà giáo Việt Nam {year} ({k + 1})", "Lý Thị Hoa", UNIT_A,
                 "Fanpage", None, None])
    return rows


def three_year_school(effective: dt.date | None = EFFECTIVE, **changes) -> dict:
    """The three-year plan's workbook data (tab key → rows), in the current layout."""
    return {
        "general": three_year_general(effective),
        "calendar": SCHOOL_YEARS,
        "breaks": BREAKS,
        "plan_text": [["Mục đích", None, "Thông tin kịp thời về hoạt động của nhà trường."],
                      ["Nhiệm vụ", "Phó Hiệu trưởng", "Duyệt tin bài trước khi đăng."]],
        "topics": [  # STT, topic, forms, from, to, minimum, yearly
            [1, NEWS_TOPIC, "- Tin bài, ảnh về giờ học", None, None, None, None],
            [2, TEACHERS_DAY, "- Tin bài, ảnh kỷ niệm", D(2017, 11, 15), D(2017, 11, 20), 2,
             "Có"],
        ],
        "channels": [["Website trường", "Website", "https://thsonthuy.edu.vn", None],
                     ["Fanpage", "Mạng xã hội", "https://facebook.com/thsonthuy", None]],
        "cadence": [  # product, types, minimum, period, scope, unit noun
            ["Tin bài", "Tin bài", 2, "tháng", "Toàn trường", "tin bài", None],
            ["Ảnh/Video của tổ", "Ảnh, Video", 1, "quý", "Từng đơn vị", "ảnh/video", None],
        ],
        "units": [[UNIT_A, "Lý Thị Hoa", "Có"], [UNIT_B, "Vàng A Páo", "Có"],
                  [OFFICE, None, "Không"]],
        "activities": three_year_register(),
        "opinions": [],
        "recipients": [["Phòng GD&ĐT huyện Văn Bàn (b/c)", "KH, BC"], ["Lưu: VT", "KH, BC"]],
        **changes,
    }


# Many schools for a supervising office ------------------------------------------------------
#
# A school of a commune, numbered: its plan year, its school year, its rules, its topics and
# a register of `activities` rows spread over the plan year by a seeded generator, so the
# same number always gives the same workbook.

PRODUCT_TYPES = ["Tin bài", "Ảnh", "Video", "Phóng sự", "Khác"]


def commune_school(number: int, *, activities: int = 40, year: int = 2019,
                   rules: list[list] | None = None, topics: list[list] | None = None,
                   opinions: list[list] | None = None, units: int = 2) -> dict:
    """A school's workbook data (tab key → rows): plan year `year`, school year starting that
    September, two units, and `activities` rows over the year (types, topics, units in turn)."""
    import random

    draw = random.Random(number)
    names = [f"Tổ {k + 1}" for k in range(units)]
    topics = topics if topics is not None else [
        [1, f"Hoạt động dạy và học của trường số {number}", "- Tin bài, ảnh", None, None, None,
         None],
        [2, "Ngày Nhà giáo Việt Nam 20/11", "- Tin bài, ảnh", D(year, 11, 10), D(year, 11, 20),
         2, None],
        [3, "An toàn giao thông", "- Tin bài", None, None, None, None],
    ]
    rules = rules if rules is not None else [
        ["Tin bài", "Tin bài", 2, "tháng", "Toàn trường", "tin bài", None],
    ]
    start, end = D(year, 1, 1), D(year, 12, 31)
    register = []
    for k in range(activities):
        day = start + dt.timedelta(days=draw.randrange((end - start).days + 1))
        topic = topics[k % len(topics)][1] if topics else "Chủ đề khác"
        kind = PRODUCT_TYPES[draw.randrange(3)] if k % 7 else PRODUCT_TYPES[3 + k % 2]
        register.append([day, topic, kind, f"Sản phẩm số {k + 1} của trường {number}",
                         f"Người viết {k % 5 + 1}", names[k % units], "Website trường",
                         f"https://truong{number}.edu.vn/tin/{k + 1}", None])
    return {
        "general": [
            ("Cơ quan chủ quản", "UBND xã Mường Mươn"),
            ("Tên trường", f"Trường Tiểu học số {number} Mường Mươn"),
            ("Chữ viết tắt tên trường", f"TH{number}MM"),
            ("Địa danh", "Mường Mươn"),
            ("Năm kế hoạch", str(year)),
            ("Năm học", f"{year}-{year + 1}"),
            ("Trích yếu", f"Công tác truyền thông năm {year}"),
            ("Căn cứ", "Căn cứ Luật Giáo dục năm 2019"),
            ("Chức vụ người ký", "Hiệu trưởng"),
            ("Người ký", f"Lò Văn {number}"),
        ],
        "calendar": [[f"{year - 1}-{year}", D(year - 1, 9, 5), D(year, 1, 15), D(year, 5, 25)],
                     [f"{year}-{year + 1}", D(year, 9, 5), D(year + 1, 1, 15),
                      D(year + 1, 5, 25)]],
        "plan_text": [["Mục đích", None, "Thông tin kịp thời về hoạt động của nhà trường."]],
        "topics": topics,
        "channels": [["Website trường", "Website", f"https://truong{number}.edu.vn", None]],
        "cadence": rules,
        "units": [[name, f"Tổ trưởng {name}", "Có"] for name in names],
        "activities": sorted(register, key=lambda row: row[0]),
        "opinions": opinions or [],
        "recipients": [["UBND xã Mường Mươn (b/c)", "KH, BC"], ["Lưu: VT", "KH, BC"]],
    }


# A school whose secretary copied the letterhead ---------------------------------------------
#
# A primary school's 2024 plan, issued: its name typed in capitals as on the letterhead, a
# trích yếu that begins "Truyền thông về", a legal ground typed without "Căn cứ". Its reports
# go up to two bodies (two rows marked Kính gửi). Forty topics with forms of several lines
# (a topic table longer than a page); in quarter II/2024 a register longer than a page, with
# planted faults: a topic without any product, a missed occasion, a yearly occasion outside
# the quarter, a month short of news and a unit without its photo.

CAPITAL_NAME = "TRƯỜNG TIỂU HỌC MỸ HÒA 1"
CAPITAL_NAME_IN_TEXT = "Trường Tiểu học Mỹ Hòa 1"
IDLE_TOPIC = "An toàn giao thông cho học sinh"  # topic 2: no product at all
BOOK_DAY = "Ngày hội đọc sách 23/4"  # topic 3: 15/04–25/04/2024, at least 3; gets 1
TEACHERS_DAY_MH = "Chào mừng Ngày Nhà giáo Việt Nam 20/11"  # topic 4: yearly, 15/11–20/11
MH_UNITS = ("Tổ 1-2-3", "Tổ 4-5", "Tổ Văn phòng")  # the first two bound by the per-unit rule
NEWS_PER_MONTH = {4: 4, 5: 3, 6: 5}  # quarter II/2024; the rule asks for 4: May is short
FILLER_TOPICS = 36  # topics 5–40, each with a product in the quarter


def capital_topics() -> list[list]:
    topics = [
        [1, "Đổi mới phương pháp dạy học", "- Tin bài về giờ học đổi mới\n- Ảnh giờ học",
         None, None, None, None],
        [2, IDLE_TOPIC, "- Tin bài tuyên truyền an toàn giao thông", None, None, None, None],
        [3, BOOK_DAY, "- Ảnh ngày hội\n- Tin bài về ngày hội đọc sách", D(2024, 4, 15),
         D(2024, 4, 25), 3, None],
        [4, TEACHERS_DAY_MH, "- Tin bài, ảnh kỷ niệm ngày 20/11", D(2023, 11, 15),
         D(2023, 11, 20), 2, "Có"],
    ]
    for n in range(5, 5 + FILLER_TOPICS):
        forms = "\n".join(f"- Tin bài, ảnh về hoạt động {n}.{k} (01/04/2024–30/06/2024)"
                          for k in range(1 + n % 4))
        topics.append([n, f"Hoạt động giáo dục số {n} của nhà trường", forms, None, None, None,
                       None])
    return topics


def capital_register() -> list[list]:
    """Quarter II/2024: news by month as NEWS_PER_MONTH, one photo of the first unit only, a
    product of each filler topic, one for the book day; nothing for topics 2 and 4."""
    rows: list[list] = []
    topics = [f"Hoạt động giáo dục số {n} của nhà trường" for n in range(5, 5 + FILLER_TOPICS)]

    def add(day, topic, kind, unit, n):
        rows.append([day, topic, kind, f"Tin hoạt động số {n}/2024 ngày {day:%d/%m/%Y}",
                     "Lê Thị Mai", unit, "Website trường",
                     f"https://thmyhoa1.edu.vn/tin/2024/{n}", None])

    n = 0
    for month, count in NEWS_PER_MONTH.items():
        for k in range(count):
            n += 1
            add(D(2024, month, 3 + 5 * k), "Đổi mới phương pháp dạy học", "Tin bài",
                MH_UNITS[k % 2], n)
    n += 1
    add(D(2024, 4, 20), BOOK_DAY, "Ảnh", MH_UNITS[0], n)  # the quarter's one photo: Tổ 1-2-3
    for index, topic in enumerate(topics):  # filler products: "Khác", counted by no rule
        n += 1
        add(D(2024, 4 + index % 3, 10 + index % 15), topic, "Khác", MH_UNITS[2], n)
    return rows


def capital_school(**changes) -> dict:
    return {
        "general": [
            ("Cơ quan chủ quản", "Phòng Giáo dục và Đào tạo huyện Mỹ Hòa"),
            ("Tên trường", CAPITAL_NAME),
            ("Chữ viết tắt tên trường", "THMH1"),
            ("Địa danh", "Mỹ Hòa"),
            ("Năm kế hoạch", "2024"),
            ("Năm học", "2023-2024"),
            ("Văn bản thực hiện", None),
            ("Trích yếu", "Truyền thông về giáo dục và đào tạo năm 2024"),
            ("Căn cứ", "Luật Giáo dục năm 2019"),
            ("Căn cứ", "Căn cứ Điều lệ trường tiểu học;"),
            ("Số kế hoạch", 7),
            ("Ngày ban hành", D(2024, 1, 8)),
            ("Người lập", "Lê Thị Mai"),
            ("Chức vụ người ký", "HIỆU TRƯỞNG"),
            ("Người ký", "Phạm Thị Hạnh"),
        ],
        "calendar": [["2023-2024", D(2023, 9, 5), D(2024, 1, 13), D(2024, 5, 25)],
                     ["2024-2025", D(2024, 9, 5), D(2025, 1, 18), D(2025, 5, 31)]],
        "breaks": [],
        "plan_text": [["Mục đích", None, "Thông tin kịp thời về hoạt động của nhà trường."],
                      ["Nhiệm vụ", "Tổ trưởng chuyên môn", "Viết tin bài về hoạt động của tổ."]],
        "topics": capital_topics(),
        "channels": [["Website trường", "Website", "https://thmyhoa1.edu.vn",
                      "cổng thông tin điện tử của nhà trường"],
                     ["Fanpage", "Mạng xã hội", "https://facebook.com/thmyhoa1", None]],
        "cadence": [  # product, types, minimum, period, scope, unit noun, description, applies
            ["Tin bài", "Tin bài", 4, "tháng", "Toàn trường", "tin bài", None, "Cả năm"],
            ["Ảnh của tổ", "Ảnh, Video", 1, "quý", "Từng đơn vị", "ảnh/video", None, None],
        ],
        "units": [[MH_UNITS[0], "Lê Thị Mai", "Có"], [MH_UNITS[1], "Vũ Văn Nam", "Có"],
                  [MH_UNITS[2], None, "Không"]],
        "activities": capital_register(),
        "opinions": [],
        "recipients": [  # recipient, documents, Kính gửi
            ["Phòng GD&ĐT huyện Mỹ Hòa (b/c)", "KH, BC", "Có"],
            ["- Ủy ban nhân dân xã Mỹ Hòa (để báo cáo);", "BC", "Có"],
            ["Các tổ chuyên môn (t/h)", "KH, BC", None],
            ["Lưu: VT", "KH, BC", None],
        ],
        **changes,
    }
