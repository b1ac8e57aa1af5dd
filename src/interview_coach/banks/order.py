"""Which questions come in which order: in order, shuffled, or grouped by theme (no Textual)."""

from __future__ import annotations

import random

from interview_coach.banks.models import Bank, Question


def order_questions(bank: Bank, order: str = "in-order", *, theme: str | None = None,
                    first: str | None = None, rng: random.Random | None = None) -> list[Question]:
    """The bank's questions in the chosen order; ``first`` (a question id) moved to the front."""
    questions = list(bank.questions)
    if order == "shuffled":
        (rng or random.Random()).shuffle(questions)
    elif order == "theme":
        questions = _by_theme(bank, questions, theme)
    if first is not None:
        chosen = [q for q in questions if q.id == first]
        questions = chosen + [q for q in questions if q.id != first]
    return questions


def _by_theme(bank: Bank, questions: list[Question], theme: str | None) -> list[Question]:
    theme_order = list(bank.themes)
    if theme in theme_order:
        theme_order.remove(theme)
        theme_order.insert(0, theme)

    def key(question: Question) -> int:
        ranks = [theme_order.index(t) for t in question.themes if t in theme_order]
        return min(ranks, default=len(theme_order))

    return sorted(questions, key=key)


def mock_questions(bank: Bank, count: int, rng: random.Random) -> list[Question]:
    """``count`` questions drawn at random (all of them when the bank has fewer)."""
    count = max(1, min(count, len(bank.questions)))
    return rng.sample(list(bank.questions), count)
