"""The progress rules shared by the store and the in-memory history: trend, weakest themes."""

from __future__ import annotations

from interview_coach.history.records import ThemeProgress


def _trend(scores: list[int]) -> float | None:
    """Mean of the recent half minus mean of the older half (None under 2 attempts)."""
    if len(scores) < 2:
        return None
    half = len(scores) // 2
    older, recent = scores[:half], scores[len(scores) - half:]
    return round(sum(recent) / len(recent) - sum(older) / len(older), 2)


def _weakest(themes: list[ThemeProgress], count: int = 3) -> list[str]:
    """Up to ``count`` themes with the lowest coverage (then strength), leaving out mastered ones."""
    weak = [t for t in themes if t.attempts and (t.covered < t.attempts or t.mean_strength < 0.75)]
    weak.sort(key=lambda t: (t.covered / t.attempts, t.mean_strength, t.theme_id))
    return [t.theme_id for t in weak[:count]]
