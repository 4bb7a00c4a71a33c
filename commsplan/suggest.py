"""'Did you mean …': the closest known value to a typo, accent- and case-tolerant."""

from __future__ import annotations

from commsplan.text import fold


def closest(text: str, choices: list[str], cutoff: float = 70) -> str | None:
    """The choice nearest to text once both are folded, if near enough (0–100 score)."""
    from rapidfuzz import fuzz, process, utils

    if not choices:
        return None
    folded = {fold(c): c for c in choices}
    found = process.extractOne(fold(text), list(folded), scorer=fuzz.ratio,
                               processor=utils.default_process, score_cutoff=cutoff)
    return folded[found[0]] if found else None
