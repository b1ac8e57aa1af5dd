"""The progress rules shared by the store and the in-memory history (one implementation).

Progress per bank and per theme, the trend, the weakest themes, and which questions are due
for review (their FSRS card is due; weakest last score first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from interview_coach.history.records import BankProgress, ThemeProgress


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


# Strengths are summed as whole millionths, so that SQLite and Python add exactly the same
# integers and a mean on a rounding edge comes out the same in both histories.
MICRO = 1_000_000


def micro(strength: float) -> int:
    """``strength`` in whole millionths (as the store's query computes it: floor of x * 1e6 + 0.5)."""
    return int(strength * MICRO + 0.5)


def theme_summary(theme_id: str, attempts: int, covered: int, strength_micro: int,
                  score_total: int, best: int) -> ThemeProgress:
    """One theme's progress from its counts and totals (rounded the one way both histories use)."""
    return ThemeProgress(theme_id, attempts, covered, round(strength_micro / MICRO / attempts, 4),
                         round(score_total / attempts, 2), best)


def theme_progress(rows: Iterable[tuple[str, bool, float, int]]) -> list[ThemeProgress]:
    """Per theme, from (theme id, covered, strength, attempt score) of every expected theme.

    The same figures as the store's query over its ``attempt_themes`` rows.
    """
    seen: dict[str, list[tuple[bool, float, int]]] = {}
    for theme_id, covered, strength, score in rows:
        seen.setdefault(theme_id, []).append((covered, strength, score))
    return [
        theme_summary(tid, len(v), sum(c for c, _, _ in v), sum(micro(s) for _, s, _ in v),
                      sum(x for _, _, x in v), max(x for _, _, x in v))
        for tid, v in sorted(seen.items())
    ]


def bank_progress(bank_id: str, question_ids: Sequence[str], scored: Sequence[tuple[str, int]],
                  themes: list[ThemeProgress]) -> BankProgress:
    """Progress for one bank from its attempts, oldest first, as (question id, score)."""
    scores = [score for _, score in scored]
    tried = {qid for qid, _ in scored}
    wanted = list(dict.fromkeys(question_ids))
    return BankProgress(
        bank_id=bank_id,
        attempts=len(scores),
        questions_practised=len(tried & set(wanted)) if wanted else len(tried),
        questions_total=len(wanted) if wanted else len(tried),
        mean_score=round(sum(scores) / len(scores), 2) if scores else None,
        best_score=max(scores) if scores else None,
        trend=_trend(scores),
        weakest_themes=_weakest(themes),
        never_tried=[q for q in wanted if q not in tried],
        themes=themes,
    )


def due_order(cards: Iterable[tuple[str, datetime, int]], now: datetime,
              question_ids: Sequence[str]) -> list[str]:
    """The questions whose card is due at ``now``: lowest last score first, then longest due.

    ``cards`` holds (question id, due, last score); never-tried questions have no card and are
    not due. With ``question_ids`` given, only those count.
    """
    wanted = set(question_ids)
    due = sorted((last, when, qid) for qid, when, last in cards
                 if when <= now and (not wanted or qid in wanted))
    return [qid for _, _, qid in due]
