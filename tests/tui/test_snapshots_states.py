"""Snapshots of the theme states (issue 12 point 6): the feedback screen and the live meter with
a covered, a touched and a contradicted theme and a critical red flag, at 80x24.

Regenerate with ``pytest tests/tui/test_snapshots_states.py --snapshot-update`` and look at the
SVGs before committing them.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from tui_support import BANK, build_app, settle

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import (
    AntiCueHit,
    Delivery,
    Match,
    RedFlagHit,
    ScorePart,
    ScoreResult,
    ThemeResult,
)
from interview_coach.tui.screens.feedback import FeedbackScreen
from interview_coach.tui.widgets.meter import ThemeMeter

ANSWER = ("I told him to calm down or I would hang up. I listened a bit. "
          "It was his fault, so I escalated it and owned the fix until it was closed.")


def _span(text: str) -> tuple[int, int]:
    start = ANSWER.index(text)
    return start, start + len(text)


def states_result() -> ScoreResult:
    """Listening touched, Staying calm contradicted, Ownership covered; a critical flag."""
    hang = _span("I would hang up")
    listened = _span("listened")
    owned = _span("owned the fix")
    fault = _span("his fault")
    return ScoreResult(
        bank_id="helpdesk", question_id="angry-caller", score=18, reference_similarity=0.2,
        words=30,
        themes=[
            ThemeResult("listening", "Listening", True, False, 0.3, False,
                        [Match("listened", "listened", *listened, 1.0)], None, "touched"),
            ThemeResult("calm", "Staying calm", True, False, 0.0, False, [], "Stay calm.",
                        "contradicted",
                        [AntiCueHit("hang up on", "Threatening to end the call escalates it.",
                                    "I would hang up", *hang)]),
            ThemeResult("ownership", "Ownership", True, True, 1.0, False,
                        [Match("owned", "owned the fix", *owned, 1.0, strong=True)]),
        ],
        red_flags=[RedFlagHit("his fault", "Blaming the customer worries any interviewer.",
                              "his fault", *fault, "critical")],
        delivery=Delivery(words=30, speaking_seconds=12.0),
        parts=[ScorePart("themes", 28.0, 70.0, "1 of 3 covered, 1 touched"),
               ScorePart("red flags", -10.0, 0.0, "1 critical: capped")],
        feedback=[],
    )


def test_feedback_states(snap_compare: Any) -> None:
    """Feedback at 80x24: score and parts; the critical red flag first ('✗ CRITICAL his fault');
    the theme list with '◐ Listening touched, partial credit', '✗ Staying calm contradicted'
    with the words and why, '● Ownership covered'; the answer with the anti-cue underlined."""
    bank = load_bank(BANK)
    question = next(q for q in bank.questions if q.id == "angry-caller")

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(FeedbackScreen(bank, question, ANSWER, states_result(), None))
        await settle(pilot)

    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=run_before)


class MeterApp(App[None]):
    """The meter alone."""

    def compose(self) -> ComposeResult:
        bank = load_bank(BANK)
        yield ThemeMeter(bank, next(q for q in bank.questions if q.id == "angry-caller"))


def test_meter_states(snap_compare: Any) -> None:
    """The meter: '◐ Listening / touched: partial', '✗ Staying calm / said against it',
    '● Ownership' with its bar, then '✗ critical: his fault'."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.query_one(ThemeMeter).show(states_result())
        await settle(pilot)

    assert snap_compare(MeterApp(), terminal_size=(40, 16), run_before=run_before)
