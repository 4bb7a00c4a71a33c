"""Text clean-up shared by readers, checks and documents: NFC, invisible characters, folding."""

import re
import unicodedata

# Characters that look like nothing but make two equal strings differ, and the bidirectional
# controls (marks, embeddings, overrides, isolates), which also reorder the text around them:
# a right-to-left override in a school's name would print it backwards.
INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad"
             "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# Characters XML 1.0 forbids (python-docx and openpyxl refuse them).
_XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NON_WORD_RE = re.compile(r"[\W_]+")


def clean(text: str) -> str:
    """NFC, without invisible or control characters, odd spaces made plain, ends stripped."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _XML_FORBIDDEN_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 forbids."""
    return _XML_FORBIDDEN_RE.sub("", text)


def fold(text: str) -> str:
    """A key for loose matching: no diacritics, no case, words separated by one space."""
    text = unicodedata.normalize("NFD", clean(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D").casefold()
    return _NON_WORD_RE.sub(" ", text).strip()



def clip(text: str, limit: int) -> str:
    """The text, or at most limit characters of it ending on a whole word and "…": a
    message never cuts a word in two (a text without a space before limit is cut)."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: drop that word
        space = max(head.rfind(c) for c in " \t\n")
        head = head[:space] if space > 0 else head
    return head.rstrip(" \t\n,;:-") + "…"


def first_line(exc: BaseException, limit: int = 200) -> str:
    """What an exception says, its first line, clipped on a word: a message's detail."""
    text = str(exc).strip() or type(exc).__name__
    return clip(text.splitlines()[0], limit)
