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

_TRAILING = re.compile(r"^(.*?)([,;:.)]*)$")
_LEADING = re.compile(r"^([(]*)(.*)$")


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
    lead, rest = _LEADING.match(word).groups()
    core, trail = _TRAILING.match(rest).groups()
    return lead, core, trail


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
