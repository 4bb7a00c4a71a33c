"""The real plan the project started from, parsed for comparison with what we generate.

The seed (`../shared/seed/ke-hoach-truyen-thong-2024.txt` from the repo root) is the text of
the 2024 communication plan of Trường PTDTBT Tiểu học số 2 Mường Mươn, as extracted from its
PDF: paragraphs separated by blank lines, the topic table as tab-separated rows whose cells
still carry some HTML list tags (`<ul ...>`, `<p>`, `</p>`) and are split by page breaks.

Every function takes the seed's text (default: the file) and returns the seed's own words,
typos included; only the extraction's artefacts are removed (tags, page-break splits, the
leading "- " of duties and channels). Typical use in a test:

    from tests.seed import requires_seed, load_seed

    @requires_seed
    def test_purposes():
        assert generated_purposes == load_seed().purposes

`load_seed()` parses everything once; the functions below parse one part each.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
SEED_PATH = SEED_DIR / "ke-hoach-truyen-thong-2024.txt"
SKIP_REASON = f"the seed plan is not there ({SEED_PATH}); it lives outside the repo, in ../shared"

requires_seed = pytest.mark.skipif(not SEED_PATH.exists(), reason=SKIP_REASON)
"""Mark a test that needs the seed: it is skipped, with the reason, when the file is absent."""


@dataclass(frozen=True)
class SeedTopic:
    """One row of the topic table: STT (None when blank), title, bullets in order.

    A bullet keeps its leading "- " where the seed has one (topics 1 and 6 are one paragraph
    without a dash).
    """

    number: int | None
    title: str
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class SeedChannel:
    """One channel paragraph without its "- ": the text, and the URL printed after it, if any.

    For the fanpage: text ends with "trên Facebook:" and url is the fanpage address (the seed
    wraps it in <...>, which is dropped).
    """

    text: str
    url: str | None


@dataclass(frozen=True)
class SeedSignatures:
    """The signature block: NGƯỜI LẬP on the left, the signer on the right."""

    preparer_title: str
    preparer_name: str
    signer_title: str
    signer_name: str


@dataclass(frozen=True)
class Seed:
    """Every part of the seed plan, as returned by the functions of this module."""

    opening_lines: tuple[str, ...]
    purposes: tuple[str, ...]
    requirements: tuple[str, ...]
    content_intro: str
    topics: tuple[SeedTopic, ...]
    channels: tuple[SeedChannel, ...]
    duties: dict[str, tuple[str, ...]]
    cadence_intro: str
    cadence_lines: tuple[str, ...]
    closing_line: str
    signatures: SeedSignatures


# Reading --------------------------------------------------------------------------------

def seed_available() -> bool:
    return SEED_PATH.exists()


def seed_text(path: Path = SEED_PATH) -> str:
    """The seed's text, NFC; calls pytest.skip (with the reason) when the file is absent."""
    if not path.exists():
        pytest.skip(SKIP_REASON)
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def load_seed(path: Path = SEED_PATH) -> Seed:
    """Every part of the seed, parsed once (skips the calling test when the seed is absent)."""
    text = seed_text(path)
    return Seed(
        opening_lines=tuple(opening_lines(text)),
        purposes=tuple(purposes(text)),
        requirements=tuple(requirements(text)),
        content_intro=content_intro(text),
        topics=tuple(topics(text)),
        channels=tuple(channels(text)),
        duties={role: tuple(items) for role, items in duties(text).items()},
        cadence_intro=cadence_intro(text),
        cadence_lines=tuple(cadence_lines(text)),
        closing_line=closing_line(text),
        signatures=signatures(text),
    )


def _text(text: str | None) -> str:
    return seed_text() if text is None else text


def _lines(text: str) -> list[str]:
    """The non-empty lines, stripped at the right (tabs at the left matter in the table)."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _between(text: str, start: str, end: str) -> list[str]:
    """The non-empty lines after the line equal to start, up to the line starting with end."""
    lines = _lines(text)
    first = lines.index(start) + 1
    for index in range(first, len(lines)):
        if lines[index].startswith(end):
            return lines[first:index]
    raise ValueError(f"no line starting with {end!r} after {start!r}")


# The parts, in the order of the plan -----------------------------------------------------

def opening_lines(text: str | None = None) -> list[str]:
    """The lines before "I. MỤC ĐÍCH, YÊU CẦU": the document kind (KẾ HOẠCH), the summary,
    the "Thực hiện ..." line and the "Trường ... cụ thể như sau:" line."""
    lines = _lines(_text(text))
    return lines[: lines.index("I. MỤC ĐÍCH, YÊU CẦU")]


def purposes(text: str | None = None) -> list[str]:
    """The paragraphs of "1. Mục đích" (7)."""
    return _between(_text(text), "1. Mục đích", "2. Yêu cầu")


def requirements(text: str | None = None) -> list[str]:
    """The paragraphs of "2. Yêu cầu" (5)."""
    return _between(_text(text), "2. Yêu cầu", "II. ")


def content_intro(text: str | None = None) -> str:
    """The sentence before the topic table ("Nội dung truyền thông Xây dựng ... năm học:")."""
    return _between(_text(text), "1. Nội dung truyền thông", "Stt\t")[0]


def topics(text: str | None = None) -> list[SeedTopic]:
    """The topic table's rows (14: STT 3 is absent, the last one has no STT).

    A row whose STT and title are both empty continues the previous topic's cell across a
    page break: its first paragraph ends the previous bullet ("... trong việc" + "thực hiện
    Chương trình giáo dục phổ thông 2018." is one bullet).
    """
    rows = _between(_text(text), "Stt\tNội dung/Chủ đề\tHình thức/Sản phẩm truyền thông", "--\t")
    result: list[list] = []  # [number, title, bullets]
    for row in rows:
        number, title, cell = (row.split("\t") + ["", "", ""])[:3]
        pieces = cell_bullets(cell)
        if not number.strip() and not title.strip():
            if not result:
                raise ValueError(f"a continuation row before any topic: {row!r}")
            bullets = result[-1][2]
            if pieces and not pieces[0].startswith("- ") and bullets:
                bullets[-1] = f"{bullets[-1]} {pieces.pop(0)}"
            bullets.extend(pieces)
            continue
        result.append([int(number) if number.strip() else None, title.strip(), pieces])
    return [SeedTopic(number, title, tuple(bullets)) for number, title, bullets in result]


_TAG_RE = re.compile(r"</?(?:ul|li|p)\b[^>]*>", re.IGNORECASE)
_PARAGRAPH_TAG_RE = re.compile(r"</?(?:p|li)\b[^>]*>", re.IGNORECASE)


def cell_bullets(cell: str) -> list[str]:
    """One table cell's bullets: tags dropped, split at <p>/<li> and at " - " before a capital.

    "- A - B" gives ["- A", "- B"]; a dash between two lowercase words ("dạy - học") is no
    bullet boundary. A cell without any dash is one bullet.
    """
    bullets: list[str] = []
    for paragraph in _PARAGRAPH_TAG_RE.split(cell):
        paragraph = " ".join(_TAG_RE.sub(" ", paragraph).split())
        if paragraph:
            bullets.extend(_split_dashes(paragraph))
    return bullets


def _split_dashes(paragraph: str) -> list[str]:
    starts = [0] + [m.start() for m in re.finditer(r"(?<= )- (\w)", paragraph)
                    if m.group(1).isupper()]
    pieces = [paragraph[a:b].strip() for a, b in zip(starts, starts[1:] + [len(paragraph)])]
    return [piece for piece in pieces if piece]


_URL_RE = re.compile(r"<?(https?://[^\s>]+)>?\s*$")


def channels(text: str | None = None) -> list[SeedChannel]:
    """The paragraphs of "2. Kênh truyền thông" (3), without "- ", URL split off."""
    result = []
    for line in _between(_text(text), "2. Kênh truyền thông", "III. "):
        line = line.removeprefix("- ").strip()
        match = _URL_RE.search(line)
        if match:
            result.append(SeedChannel(line[: match.start()].rstrip(), match.group(1)))
        else:
            result.append(SeedChannel(line, None))
    return result


def duties(text: str | None = None) -> dict[str, list[str]]:
    """Section III: role ("Hiệu trưởng", "Các đoàn thể, tổ chuyên môn, giáo viên") → duties.

    Each duty without its "- "; a paragraph that starts in lowercase continues the previous
    duty across a page break ("... để tuyên" + "truyền rộng rãi ..." is one duty). The
    cadence paragraphs ("Sản phẩm truyền thông gồm ...") end the section.
    """
    lines = _between(_text(text), "III. TỔ CHỨC THỰC HIỆN", "Sản phẩm truyền thông")
    result: dict[str, list[str]] = {}
    role: list[str] | None = None
    for line in lines:
        heading = re.match(r"^\d+\.\s+(.+)$", line)
        if heading:
            role = result.setdefault(heading.group(1).strip(), [])
        elif role is None:
            raise ValueError(f"a duty before any role: {line!r}")
        elif line.startswith("- "):
            role.append(line[2:].strip())
        elif line[:1].islower() and role:
            role[-1] = f"{role[-1]} {line.strip()}"
        else:
            raise ValueError(f"not a duty: {line!r}")
    return result


def cadence_intro(text: str | None = None) -> str:
    """The line introducing the products: "Sản phẩm truyền thông gồm 2 dạng:"."""
    return next(line for line in _lines(_text(text)) if line.startswith("Sản phẩm truyền thông"))


def cadence_lines(text: str | None = None) -> list[str]:
    """The product lines exactly as in the seed, with their "+ " and final ";" or "."."""
    return [line for line in _lines(_text(text)) if line.startswith("+ ")]


def closing_line(text: str | None = None) -> str:
    """"Trên đây là Kế hoạch ... Mường Mươn./."."""
    return next(line for line in _lines(_text(text)) if line.startswith("Trên đây là"))


def signatures(text: str | None = None) -> SeedSignatures:
    """The four lines after the closing line: both titles, then both names."""
    lines = _lines(_text(text))
    start = next(i for i, line in enumerate(lines) if line.startswith("Trên đây là")) + 1
    preparer_title, signer_title, preparer_name, signer_name = lines[start:start + 4]
    return SeedSignatures(preparer_title, preparer_name, signer_title, signer_name)
