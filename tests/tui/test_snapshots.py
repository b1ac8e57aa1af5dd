"""Snapshot tests of the key screens at 100x32 and 80x24 (pytest-textual-snapshot).

Everything is frozen: the clock, the shuffle seed, the scorer (tui_support.FakeScorer) and the
history (in memory). Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from tui_support import BANK, T0, FakeScorer, build_app, settle, type_text, wait_until

from interview_coach.banks.loader import load_bank
from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.config import Start
from interview_coach.tui.widgets.meter import ThemeMeter

SIZES = [pytest.param((100, 32), id="100x32"), pytest.param((80, 24), id="80x24")]
ANSWER = "When the caller shouted I listened and asked questions, stayed calm and patient"




def filled_history() -> MemoryHistory:
    """Five past attempts over a week, scored by the fake scorer."""
    bank = load_bank(BANK)
    scorer = FakeScorer(bank)
    history = MemoryHistory()
    answers = [("angry-caller", "I was calm"), ("why-helpdesk", "I like the team"),
               ("angry-caller", "I listened and stayed calm and followed up"),
               ("handover", "A handover note for colleagues so it is resolved"),
               ("angry-caller", ANSWER + " and followed up the next day, resolved")]
    for day, (qid, answer) in enumerate(answers):
        when = T0 - timedelta(days=len(answers) - day)
        history.record_attempt(
            bank_id=bank.id, bank_hash="x", question_id=qid, answer=answer,
            result=scorer.score(qid, answer), mode="practice",
            started_at=when, submitted_at=when + timedelta(seconds=75))
    return history


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Any, size: tuple[int, int]) -> None:
    """Home: the fixture bank 'Help desk team lead' listed with '3 of 5 practised · average …',
    its description, role and weakest themes on the right, the five modes with their keys,
    and the footer with p/m/r/s/h, quit, help and light/dark."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)

    assert snap_compare(build_app(history=filled_history()), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_practice_meter_lit(snap_compare: Any, size: tuple[int, int]) -> None:
    """Practice: the angry-caller prompt with 'behavioural · difficulty 2 · time limit 2:00',
    the typed answer in the editor, the meter with Listening and Staying calm lit (filled dot
    and bar) and Ownership dark, the word count and '0:00 / 2:00' in the status line, one hint shown."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await type_text(pilot, ANSWER)
        await pilot.press("ctrl+g")
        meter = pilot.app.screen.query_one(ThemeMeter)
        await wait_until(pilot, lambda: meter.lit == {"listening", "calm"})

    assert snap_compare(build_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_feedback(snap_compare: Any, size: tuple[int, int]) -> None:
    """Feedback: 'Score … / 100' with its parts, theme bars (Listening and Staying calm covered
    with their matched words, Ownership missed), the answer beside the model answer with the
    matched words highlighted in each theme's colour; missed themes carry their hint in the list."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await type_text(pilot, ANSWER)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "FeedbackScreen")

    assert snap_compare(build_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_mock_report(snap_compare: Any, size: tuple[int, int]) -> None:
    """Mock report: '3 of 3 questions answered · average …', the themes most often missed with
    counts, then each question with its score and the answer with matched words highlighted."""
    bank = load_bank(BANK)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for answer in ("I stayed calm and listened", "The team works together", "I follow up"):
            await type_text(pilot, answer)
            await pilot.press("ctrl+s")
            await settle(pilot)
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ReportScreen")

    app = build_app(start=Start(mode="mock", bank=bank, count=3))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_study(snap_compare: Any, size: tuple[int, int]) -> None:
    """Study: the search box, questions grouped under theme headings (Listening first), and the
    first question's prompt, category and themes with its model answer, matched words coloured."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot, 0.2)

    assert snap_compare(build_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: Any, size: tuple[int, int]) -> None:
    """History: five attempts newest first (date 2026-03-01 … 2026-02-25, score, mode, question)
    beside 'Scores over time' with a sparkline for the bank and one per theme."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(build_app(history=filled_history()), terminal_size=size,
                        run_before=run_before)


def test_feedback_light_theme(snap_compare: Any) -> None:
    """Feedback in the light theme (ctrl+t): the same content as test_feedback, dark text on a
    light background, highlights still readable."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t", "p")
        await settle(pilot)
        await type_text(pilot, ANSWER)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "FeedbackScreen")

    assert snap_compare(build_app(), terminal_size=(100, 32), run_before=run_before)
