""""Did you mean ...?": the closest of some known names to a name that was not found."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_coach.banks.models import Bank, Question


def closest(word: str, choices: Iterable[str], cutoff: float = 60) -> str | None:
    """The choice most like ``word`` (rapidfuzz ratio at least ``cutoff``), or ``None``."""
    from rapidfuzz import fuzz, process  # C speed: a bank may have thousands of ids

    best = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if best is None else str(best[0])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``: did you mean 'x'?`` for the closest choice, or ''."""
    from interview_coach.banks.yamlsafe import clip

    best = closest(word, choices)
    return f": did you mean '{clip(best)}'?" if best is not None else ""


def require_question(bank: Bank, question_id: str) -> Question:
    """The bank's question with this id; a :class:`UsageError` with the closest id otherwise."""
    from interview_coach._util.errors import UsageError

    for question in bank.questions:
        if question.id == question_id:
            return question
    raise UsageError(
        f"bank {bank.id!r} has no question {question_id!r}"
        f"{did_you_mean(question_id, (q.id for q in bank.questions))} "
        f"(list them with: interview-coach questions {bank.id})"
    )


def require_theme(bank: Bank, theme_id: str) -> str:
    """``theme_id`` when the bank has that theme; a :class:`UsageError` with the closest otherwise."""
    from interview_coach._util.errors import UsageError

    if theme_id in bank.themes:
        return theme_id
    raise UsageError(f"bank {bank.id!r} has no theme {theme_id!r}{did_you_mean(theme_id, bank.themes)}")


def require_known(kind: str, name: str, known: Iterable[str]) -> str:
    """``name`` when it is among ``known`` ids; a :class:`UsageError` with the closest otherwise."""
    from interview_coach._util.errors import UsageError

    ids = list(known)
    if name in ids:
        return name
    raise UsageError(f"no {kind} with id {name!r}{did_you_mean(name, ids)}")
