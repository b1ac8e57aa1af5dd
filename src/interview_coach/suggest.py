""""Did you mean ...?": the closest of some known names to a name that was not found."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 60) -> str | None:
    """The choice most like ``word`` (rapidfuzz ratio at least ``cutoff``), or ``None``."""
    from rapidfuzz import fuzz, process  # C speed: a bank may have thousands of ids

    best = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if best is None else str(best[0])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``: did you mean 'x'?`` for the closest choice, or ''."""
    from interview_coach.yamlsafe import clip

    best = closest(word, choices)
    return f": did you mean '{clip(best)}'?" if best is not None else ""
