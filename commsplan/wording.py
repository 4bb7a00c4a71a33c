"""How names and typed phrases read inside a document's sentences.

A school's name is typed as the help asks ("Trường Tiểu học Mỹ Hòa 1"): the letterhead prints
it in capitals, the sentences print it as typed. A name typed all in capitals (copied from a
letterhead) or all in lower case is read by `running_name`, which writes it the way the decree's
Appendix II capitalises the name of an agency: the words for the kind of institution and its
field capitalised ("Trường Tiểu học", "Phòng Giáo dục và Đào tạo"), the administrative level in
lower case ("huyện", "xã"), every syllable of a place or person's name capitalised, and the
abbreviations that are part of the name kept (PTDTBT, THCS, GD&ĐT, UBND).

The sentence filters (`about`, `legal_ground`, `carried_out`) make a phrase typed in any of the
usual ways fit the template's sentence; the sentence's own words stay in templates/.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = [
    "about",
    "addressee",
    "carried_out",
    "is_derived",
    "legal_ground",
    "legal_grounds",
    "plan_subject",
    "running_name",
]

# Abbreviations that may stand inside a name; a token made of them joined by &, - or / too
# (TH&THCS, GDNN-GDTX, MN-TH).
ABBREVIATIONS = frozenset("""
    PTDTBT PTDTNT PTDT DTBT DTNT PT MN MG NT TH THCS THPT TC CĐ ĐH GD ĐT GDĐT PGDĐT PGD SGDĐT
    GDNN GDTX GDTX-HN TTGDTX TTGDNN KTTH HN KTTH-HN UBND HĐND VH XH VHXH TP TX TT QT
""".split())

# Words that name a kind of institution or its field, as they read inside a name, longest
# first: matched against the lower-cased words of the name.
_PHRASES = [
    "Giáo dục nghề nghiệp - Giáo dục thường xuyên",
    "Kỹ thuật tổng hợp - Hướng nghiệp",
    "Phổ thông dân tộc bán trú",
    "Phổ thông dân tộc nội trú",
    "Trung học phổ thông",
    "Trung học cơ sở",
    "Giáo dục và Đào tạo",
    "Giáo dục thường xuyên",
    "Giáo dục nghề nghiệp",
    "Văn hóa - Xã hội",
    "Văn hoá - Xã hội",
    "Văn hóa và Xã hội",
    "Văn hoá và Xã hội",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Hội đồng nhân dân",
    "Dân tộc bán trú",
    "Dân tộc nội trú",
    "Phổ thông",
    "Mầm non",
    "Mẫu giáo",
    "Nhà trẻ",
    "Tiểu học",
    "Liên cấp",
    "Liên trường",
    "Trung tâm",
    "Giáo dục",
    "Trường",
    "Phòng",
    "Sở",
    "Bộ",
]
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(phrase.lower().split()): tuple(phrase.split()) for phrase in _PHRASES
}
_LONGEST = max(len(key) for key in PHRASES)

# Common words inside a name that stay in lower case: the administrative level before a place
# name, and the joining words.
_LEVELS = [("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("đặc", "khu"), ("huyện",),
           ("quận",), ("xã",), ("phường",), ("tỉnh",)]
_LOWER = frozenset({"và", "chuyên", "-", "–"})
# The decree's special cases (Appendix II, I.1.c): written so whatever precedes them.
_SPECIAL = {("thành", "phố", "hồ", "chí", "minh"): ("Thành", "phố", "Hồ", "Chí", "Minh"),
            ("thủ", "đô", "hà", "nội"): ("Thủ", "đô", "Hà", "Nội")}

_LEADING = "("
_TRAILING = ",;:.)"


def _nfc(text: object) -> str:
    return " ".join(unicodedata.normalize("NFC", "" if text is None else str(text)).split())


def _is_abbreviation(token: str) -> bool:
    parts = [p for p in re.split(r"[&/\-]", token.upper()) if p]
    return bool(parts) and token == token.upper() and all(p in ABBREVIATIONS for p in parts)


def _is_number(token: str) -> bool:
    return any(c.isdigit() for c in token) or re.fullmatch(r"[IVXL]+", token) is not None


def is_derived(typed: object) -> bool:
    """Whether a name is read by the rule: typed all in capitals or all in lower case
    (abbreviations and numbers aside), so its case says nothing about how it reads."""
    words = [w for w in _nfc(typed).split()
             if not _is_abbreviation(_split_punctuation(w)[1]) and not _is_number(w)]
    letters = "".join(c for c in "".join(words) if c.isalpha())
    return bool(letters) and (letters == letters.upper() or letters == letters.lower())


def _split_punctuation(word: str) -> tuple[str, str, str]:
    rest = word.lstrip(_LEADING)
    core = rest.rstrip(_TRAILING)
    return word[:len(word) - len(rest)], core, rest[len(core):]


def running_name(typed: object) -> str:
    """The name as it reads in a sentence: as typed, unless typed all in capitals or all in
    lower case, when the rule writes it ("TRƯỜNG TIỂU HỌC MỸ HÒA 1" → "Trường Tiểu học Mỹ
    Hòa 1")."""
    text = _nfc(typed)
    if not is_derived(text):
        return text
    words = text.split()
    pieces = [_split_punctuation(w) for w in words]
    lower = [core.lower() for _, core, _ in pieces]
    out: list[str] = [""] * len(words)
    i = 0
    while i < len(words):
        lead, core, trail = pieces[i]
        matched = _match(lower, i, pieces)
        if matched:
            key, written = matched
            for j, word in enumerate(written):
                lead_j, _, trail_j = pieces[i + j]
                out[i + j] = lead_j + word + trail_j
            i += len(key)
            continue
        level = next((lv for lv in _LEVELS if tuple(lower[i:i + len(lv)]) == lv
                      and _plain(pieces, i, len(lv))), None)
        if level and i > 0:
            # "Phường 15", "Quận 1": a level followed by a number is a name, capitalised.
            numbered = i + len(level) < len(words) and _is_number(pieces[i + len(level)][1])
            for j in range(len(level)):
                lead_j, core_j, trail_j = pieces[i + j]
                word = core_j.lower()
                if numbered and j == 0:
                    word = word[:1].upper() + word[1:]
                out[i + j] = lead_j + word + trail_j
            i += len(level)
            continue
        if _is_abbreviation(core) or _is_number(core):
            word = core if _is_abbreviation(core) else core.upper() if core.isalpha() else core
        elif i > 0 and (core.lower() in _LOWER or core.lower() == "số" and i + 1 < len(words)
                        and _is_number(pieces[i + 1][1])):
            word = core.lower()  # "số" only before a number: "Trường Tiểu học số 2", "Huổi Số"
        else:  # a word of a proper name: every syllable capitalised
            word = core[:1].upper() + core[1:].lower()
        out[i] = lead + word + trail
        i += 1
    return " ".join(out)


def _plain(pieces, start: int, length: int) -> bool:
    """No punctuation inside a run of words (a phrase never spans a comma)."""
    return all(not pieces[k][2] for k in range(start, start + length - 1))


def _match(lower: list[str], i: int, pieces):
    for key in _SPECIAL:
        if tuple(lower[i:i + len(key)]) == key and _plain(pieces, i, len(key)):
            return key, _SPECIAL[key]
    for length in range(min(_LONGEST, len(lower) - i), 0, -1):
        key = tuple(lower[i:i + length])
        if key in PHRASES and _plain(pieces, i, length):
            return key, PHRASES[key]
    return None


# Sentences --------------------------------------------------------------------------------
_END = " \t;.,:"
_LIST_MARK = re.compile(r"^(?:[-+•*–—]|\d+[.)]|[a-zđ][.)])\s+", re.IGNORECASE)


def _words_lead(text: str, words: str) -> bool:
    """Whether text begins with these words (any case), as whole words."""
    return re.match(re.escape(words) + r"(?:\s|:|$)", text, re.IGNORECASE) is not None


def _drop_lead(text: str, words: str) -> str:
    if _words_lead(text, words):
        return text[len(words):].lstrip(" :")
    return text


def _lower_first(text: str) -> str:
    """The first letter in lower case, unless the first word is an abbreviation or a number
    ("GD&ĐT …", "2024 …") or the whole phrase is a name in capitals."""
    first = text.split(" ", 1)[0] if text else ""
    if not first or first == first.upper():
        return text
    return text[:1].lower() + text[1:]


def plan_subject(summary: object) -> str:
    """A plan's trích yếu as it reads after the word "Kế hoạch": "Kế hoạch truyền thông năm
    2024" → "truyền thông năm 2024" (never "Kế hoạch Kế hoạch …")."""
    text = _nfc(summary).strip(_END)
    text = _drop_lead(text, "Kế hoạch")
    return _lower_first(text)


def about(summary: object) -> str:
    """A plan's trích yếu as it reads after "… về": "Truyền thông về giáo dục năm 2024" →
    "truyền thông giáo dục năm 2024", "Về công tác truyền thông" → "công tác truyền thông"
    (never "về … về …")."""
    text = _drop_lead(plan_subject(summary), "về")
    words = text.split(" ")
    # "truyền thông về X", "công tác truyền thông về X": the second "về" goes
    for index, word in enumerate(words[:4]):
        if word.lower() == "về" and index > 0:
            del words[index]
            break
    return _lower_first(" ".join(words))


def carried_out(text: object) -> str:
    """The document a plan carries out, as it reads after "Thực hiện": the word and an end
    stop typed with it dropped ("Thực hiện Kế hoạch số 199/KH-PGDĐT;" → "Kế hoạch số
    199/KH-PGDĐT")."""
    phrase = _LIST_MARK.sub("", _nfc(text)).strip(_END)
    phrase = _drop_lead(phrase, "Thực hiện").strip(_END)
    return phrase[:1].upper() + phrase[1:] if phrase[:1].islower() else phrase


def legal_ground(text: object, word: str = "Căn cứ") -> str:
    """One legal ground as it reads in the list, without its end stop: "Luật Giáo dục năm
    2019" → "Căn cứ Luật Giáo dục năm 2019"; a ground typed with the word keeps it once."""
    phrase = _LIST_MARK.sub("", _nfc(text)).strip(_END)
    phrase = _drop_lead(phrase, word).strip(_END)
    if not phrase:
        return ""
    return f"{word} {phrase}"


def legal_grounds(lines: Sequence[object], word: str = "Căn cứ") -> list[str]:
    """The legal grounds, one a line (a cell may hold several), each "Căn cứ …;" and the
    last ending "."."""
    grounds = [legal_ground(line, word) for value in lines
               for line in ("" if value is None else str(value)).replace("\r", "\n").split("\n")]
    grounds = [ground for ground in grounds if ground]
    return [ground + (";" if i < len(grounds) - 1 else ".") for i, ground in enumerate(grounds)]


# What a recipient line says the copy is for: "(b/c)", "(để báo cáo)", "(t/h)" …
_PURPOSE = re.compile(r"\s*\((?:để\s+)?(?:b/c|báo\s+cáo|t/h|thực\s+hiện|p/h|phối\s+hợp|"
                      r"c/đ|chỉ\s+đạo|biết)\)\s*$", re.IGNORECASE)


def addressee(text: object) -> str:
    """A recipient as the line "Kính gửi:" names it: the body alone, without the list mark,
    end stop and note of purpose a line of "Nơi nhận" carries ("- Phòng GD&ĐT huyện X
    (b/c);" → "Phòng GD&ĐT huyện X")."""
    phrase = _LIST_MARK.sub("", _nfc(text)).strip(_END)
    return _PURPOSE.sub("", phrase).strip(_END)


FILTERS = {"plan_subject": plan_subject, "about": about, "carried_out": carried_out}
