"""Opening a mode: :func:`open_mode` pushes the screen of a mode for a bank."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_coach.banks.models import Bank
from interview_coach.banks.order import mock_questions, order_questions
from interview_coach.tui.config import Start

if TYPE_CHECKING:
    from interview_coach.tui.app import CoachApp


def open_mode(app: CoachApp, mode: str, bank: Bank, start: Start) -> None:
    """Push the screen of ``mode`` for ``bank``."""
    from interview_coach.tui.screens.history import HistoryScreen
    from interview_coach.tui.screens.mock import MockScreen
    from interview_coach.tui.screens.practice import PracticeScreen
    from interview_coach.tui.screens.study import StudyScreen

    if mode == "practice":
        questions = order_questions(bank, start.order, theme=start.theme,
                                    first=start.question_id, rng=app.config.rng())
        app.push_screen(PracticeScreen(bank, questions))
    elif mode == "review":
        app.run_worker(_open_review(app, bank), group="review")
    elif mode == "mock":
        app.push_screen(MockScreen(bank, mock_questions(bank, start.count, app.config.rng())))
    elif mode == "study":
        app.push_screen(StudyScreen(bank))
    elif mode == "history":
        app.push_screen(HistoryScreen(bank))


async def _open_review(app: CoachApp, bank: Bank) -> None:
    from interview_coach.tui.screens.practice import PracticeScreen

    qids = [q.id for q in bank.questions]
    due = await app.db("due_questions", bank.id, qids, app.now())
    if not due:
        app.say("Nothing is due for review in this bank. Practise first, or come back later.")
        return
    questions = [bank.question(qid) for qid in due if qid in qids]
    app.push_screen(PracticeScreen(bank, questions, mode="review"))
