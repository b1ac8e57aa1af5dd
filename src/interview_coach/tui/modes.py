"""Opening a mode: :func:`open_mode` pushes the screen of a mode for a bank."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_coach.banks.models import Bank, Question
from interview_coach.banks.order import mock_questions, order_questions
from interview_coach.tui.config import Start

if TYPE_CHECKING:
    from interview_coach.tui.app import CoachApp
    from interview_coach.tui.screens.practice import PracticeScreen


def open_mode(app: CoachApp, mode: str, bank: Bank, start: Start) -> None:
    """Push the screen of ``mode`` for ``bank``."""
    from interview_coach.tui.screens.history import HistoryScreen
    from interview_coach.tui.screens.mock import MockScreen
    from interview_coach.tui.screens.practice import PracticeScreen
    from interview_coach.tui.screens.study import StudyScreen

    app.remember(last_bank=bank.id)  # from home or the command line alike
    if mode == "practice":
        questions = order_questions(bank, start.order, theme=start.theme,
                                    first=start.question_id, rng=app.config.rng())
        screen = PracticeScreen(bank, questions)
        app.push_screen(screen)  # at once, so that no key typed meanwhile goes astray
        if start.question_id is None:
            app.run_worker(_resume_practice(app, bank, questions, screen), group="practice")
    elif mode == "review":
        app.run_worker(_open_review(app, bank), group="review")
    elif mode == "mock":
        app.push_screen(MockScreen(bank, mock_questions(bank, start.count, app.config.rng())))
    elif mode == "study":
        app.push_screen(StudyScreen(bank))
    elif mode == "history":
        app.push_screen(HistoryScreen(bank))


async def resume_index(app: CoachApp, bank: Bank, questions: list[Question]) -> int:
    """Where practice picks up: the question most due for review, else the first one not yet
    answered, else the first (every question answered and none due)."""
    qids = [q.id for q in questions]
    due = await app.history.due_questions(bank.id, qids, app.now())
    if due:
        return qids.index(due[0])
    progress = await app.history.progress(bank.id, qids)
    untried = set(progress.never_tried) if progress is not None else set()
    return next((i for i, qid in enumerate(qids) if qid in untried), 0)


async def _resume_practice(app: CoachApp, bank: Bank, questions: list[Question],
                           screen: PracticeScreen) -> None:
    """Move the practice screen to where the user left off, unless they started typing."""
    screen.resume_at(await resume_index(app, bank, questions))


async def _open_review(app: CoachApp, bank: Bank) -> None:
    from interview_coach.tui.screens.practice import PracticeScreen

    qids = [q.id for q in bank.questions]
    due = await app.history.due_questions(bank.id, qids, app.now())
    if not due:
        next_at = await app.history.next_due(bank.id)
        if next_at is None:
            app.say("Nothing is due for review in this bank yet: practise first.")
        else:
            from interview_coach.tui.screens.home import when_text

            app.say(f"Nothing is due for review in this bank. The next question is due "
                    f"{when_text(next_at, app.now())}.")
        return
    questions = [bank.question(qid) for qid in due if qid in qids]
    app.push_screen(PracticeScreen(bank, questions, mode="review"))
