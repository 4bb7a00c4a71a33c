"""How wide a line of text prints in Times New Roman (= Liberation Serif), without the font file.

The frame sizes its short rules and signature columns from these estimates.
"""

from __future__ import annotations

import unicodedata

# Advance widths of U+0020..U+007E in Times New Roman (= Liberation Serif), in 1/2048 em.
# fmt: off
_ADVANCE = {
    False: (
        512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512,
        569, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155,
        1155, 909, 1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251,
        1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682,
        569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569,
        1024, 569, 1593, 1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024,
        909, 983, 410, 983, 1108,
    ),
    True: (
        512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512,
        569, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167,
        1167, 1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366,
        1933, 1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682,
        569, 682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682,
        1139, 569, 1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024,
        909, 807, 451, 807, 1065,
    ),
}
# fmt: on
_HORN_EXTRA = {False: {"U": 110, "u": 86}, True: {"U": 151, "u": 90}}  # Ư, ư are wider than U, u


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of one line of text in Times New Roman, estimated from the base letters."""
    advances, horn = _ADVANCE[bold], _HORN_EXTRA[bold]
    units = 0
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = {"Đ": "D", "đ": "d"}.get(parts[0], parts[0])
        code = ord(base)
        units += advances[code - 32] if 32 <= code <= 126 else 1024
        if "\u031b" in parts:
            units += horn.get(base, 0)
    return units / 2048 * size_pt * 25.4 / 72
