"""'Did you mean …': the closest known value to a typo, accent- and case-tolerant; and the
letters of other alphabets that look like Latin ones, which no suggestion can show."""

from __future__ import annotations

import unicodedata

from commsplan.text import fold

# Cyrillic and Greek letters drawn like a Latin letter: 'Vidеo' with a Cyrillic е looks
# exactly like 'Video' but matches nothing.
LOOKALIKES = {
    **dict(zip("АВЕЅІЈКМНОРСТХУаеіјорсухѕԁһԛԝӏ", "ABESIJKMHOPCTXYaeijopcyxsdhqwl")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοϲνκαρτι", "ABEZHIKMNOPTYXocvkapti")),
}
SCRIPTS = {"CYRILLIC": ("Kirin của tiếng Nga", "Cyrillic"), "GREEK": ("Hy Lạp", "Greek")}


def closest(text: str, choices: list[str], cutoff: float = 70) -> str | None:
    """The choice nearest to text once both are folded, if near enough (0–100 score)."""
    from rapidfuzz import fuzz, process, utils

    if not choices:
        return None
    folded = {fold(c): c for c in choices}
    found = process.extractOne(fold(text), list(folded), scorer=fuzz.ratio,
                               processor=utils.default_process, score_cutoff=cutoff)
    return folded[found[0]] if found else None


def lookalikes(text: str) -> list[tuple[str, str]]:
    """(letter, the Latin letter it looks like) for each look-alike letter in text, once."""
    return list(dict.fromkeys((ch, LOOKALIKES[ch]) for ch in text if ch in LOOKALIKES))


def latinised(text: str) -> str:
    """The text with each look-alike letter replaced by the Latin letter it looks like."""
    return "".join(LOOKALIKES.get(ch, ch) for ch in text)


def lookalike_words(text: str) -> dict[str, str] | None:
    """"'е' is a Cyrillic letter (U+0435 …) that only looks like the Latin 'e'", in each
    language, for the look-alike letters of text; None when it has none. Said instead of a
    'did you mean', which would print the same as the value."""
    found = lookalikes(text)
    if not found:
        return None
    vi, en = [], []
    for letter, latin in found:
        script = unicodedata.name(letter, "").split(" ")[0]
        words = SCRIPTS.get(script, (script.lower(), script.title()))
        code = f"U+{ord(letter):04X} {unicodedata.name(letter, '')}".rstrip()
        vi.append(f"chữ '{letter}' là chữ cái {words[0]} ({code}), chỉ trông giống chữ "
                  f"'{latin}' Latin")
        en.append(f"'{letter}' is a {words[1]} letter ({code}) that only looks like the "
                  f"Latin '{latin}'")
    return {"vi": "; ".join(vi), "en": "; ".join(en)}
