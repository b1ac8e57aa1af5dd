"""Pilot tests of whole flows: practise and get feedback, mock interview, study, history, drafts."""

from __future__ import annotations

from typing import Any

from tui_support import (
    BANK,
    Clock,
    build_app,
    mock_app,
    running,
    screen_text,
    settle,
    type_text,
    wait_until,
    widget_text,
)

from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.screens.drafts import DraftOffer
from interview_coach.tui.screens.feedback import FeedbackScreen
from interview_coach.tui.screens.help import HelpScreen
from interview_coach.tui.screens.history import AttemptScreen, HistoryScreen
from interview_coach.tui.screens.home import HomeScreen
from interview_coach.tui.screens.mock import ReportScreen
from interview_coach.tui.screens.practice import PracticeScreen
from interview_coach.tui.screens.study import StudyScreen, ThemeGuideScreen
from interview_coach.tui.widgets.editor import AnswerEditor
from interview_coach.tui.widgets.meter import ThemeMeter


async def test_practice_answer_meter_feedback_try_again() -> None:
    """Pick the bank, type, watch the meter light up, submit, read feedback, try again, next."""
    history = MemoryHistory()
    app = build_app(history=history)
    async with running(app) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        meter = app.screen.query_one(ThemeMeter)
        assert meter.lit == set()
        await type_text(pilot, "I listened")
        await wait_until(pilot, lambda: meter.lit == {"listening"})
        await type_text(pilot, " and stayed calm")
        await wait_until(pilot, lambda: meter.lit == {"listening", "calm"})
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedbackScreen))
        assert isinstance(app.screen, FeedbackScreen)
        text = screen_text(app)
        assert ("Score" in text and "Missed themes" in text) or "Ownership" in text
        assert "I listened and stayed calm" in text
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.query_one(AnswerEditor).text == "I listened and stayed calm"
        await type_text(pilot, " and followed up")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedbackScreen))
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.question.id == "why-helpdesk"
        assert app.screen.query_one(AnswerEditor).text == ""
    attempts = history.attempts()
    assert [a.question_id for a in attempts] == ["angry-caller", "angry-caller"]
    assert attempts[0].score > attempts[1].score


async def test_hints_one_at_a_time() -> None:
    """Each ctrl+g reveals one more hint."""
    app = build_app()
    async with running(app, "p") as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        text = screen_text(app)
        assert "Hint 1:" in text and "Hint 2:" not in text
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Hint 2:" in screen_text(app)


async def test_mock_interview_of_three_to_its_report() -> None:
    """Three questions answered in turn, no feedback between them, then the report."""
    history = MemoryHistory()
    app = mock_app(history)
    async with running(app) as pilot:
        for answer in ("I stayed calm and listened", "The team works together", "I follow up"):
            await type_text(pilot, answer)
            await pilot.press("ctrl+s")
            await settle(pilot)
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ReportScreen")
        assert isinstance(app.screen, ReportScreen)
        text = screen_text(app)
        assert "3 of 3 questions answered" in text
        assert "Themes most often missed" in text or "No expected theme was missed" in text
        assert "I stayed calm and listened" in text
    assert len(history.attempts()) == 3
    assert {a.mode for a in history.attempts()} == {"mock"}


async def test_mock_leaving_early_keeps_what_was_answered() -> None:
    """Escape after one answer, then yes: the report shows both answers."""
    app = mock_app()
    async with running(app) as pilot:
        await type_text(pilot, "I listened")
        await pilot.press("ctrl+s")
        await type_text(pilot, "Half an answer")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # the interview asks before it ends
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ReportScreen")
        assert isinstance(app.screen, ReportScreen)
        assert "2 of 3 questions answered" in screen_text(app)


async def test_mock_time_limit_moves_on() -> None:
    """When a question's time runs out, the answer is kept and the next question comes."""
    clock = Clock()
    app = mock_app(count=2, clock=clock)
    async with running(app) as pilot:
        screen = app.screen
        await type_text(pilot, "calm")
        clock.advance(600)
        screen._tick()  # type: ignore[attr-defined]
        await settle(pilot)
        assert screen.index == 1  # type: ignore[attr-defined]
        assert screen.items[0].answer == "calm"  # type: ignore[attr-defined]


async def test_study_search_flashcards_and_guide() -> None:
    """Fuzzy search finds a question by its model answer; flashcards hide it; the guide opens."""
    app = build_app()
    async with running(app, "s") as pilot:
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("slash")
        await type_text(pilot, "handover note")
        await pilot.press("enter")
        await settle(pilot)
        study = app.screen
        assert study.shown[0].id == "handover"
        assert study.current is not None and study.current.id == "handover"
        assert "I write a clear handover note" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert "I write a clear handover note" not in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "I write a clear handover note" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ThemeGuideScreen)
        assert "Hearing the customer out" in screen_text(app)


async def test_history_detail() -> None:
    """An answer submitted in practice shows in History; enter opens its details."""
    app = build_app()
    async with running(app, "p") as pilot:
        await type_text(pilot, "I stayed calm and listened")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "FeedbackScreen")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "1 of 5 practised" in screen_text(app)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "Scores over time" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AttemptScreen)
        assert "I stayed calm and listened" in screen_text(app)


async def test_draft_saved_then_offered_back() -> None:
    """Typing is saved as a draft within a second; coming back to the question offers it."""
    history = MemoryHistory()
    app = build_app(history=history)
    async with running(app, "p") as pilot:
        await type_text(pilot, "my draft")
        await wait_until(pilot, lambda: history.load_draft("tui-demo", "angry-caller") == "my draft",
                         timeout=2.0)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.query_one(DraftOffer).draft == "my draft")
        assert app.screen.query_one(AnswerEditor).has_focus  # the offer takes no keys
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.query_one(AnswerEditor).text == "my draft"
        assert app.screen.query_one(DraftOffer).draft is None


async def test_too_long_to_score_live_keeps_the_text() -> None:
    """Over the live cap the meter says so; the editor and the draft keep every character."""
    history = MemoryHistory()
    app = build_app(history=history, live_cap=100)
    async with running(app, "p") as pilot:
        long_text = "calm " * 60
        app.screen.query_one(AnswerEditor).insert(long_text)
        await wait_until(pilot, lambda: "Too long to score live" in screen_text(app))
        await wait_until(pilot, lambda: history.load_draft("tui-demo", "angry-caller") is not None)
        assert app.screen.query_one(AnswerEditor).text == long_text
        assert history.load_draft("tui-demo", "angry-caller") == long_text


class BrokenScorer:
    """A scorer that always fails, like a bug in the engine would."""

    def __init__(self, bank: object) -> None:
        self.bank = bank

    def score(self, question: object, answer: str) -> object:
        raise RuntimeError("engine on fire")


async def test_failing_scorer_shows_a_notification_and_the_app_runs_on() -> None:
    """Live scoring and submit both fail: notifications, the text stays, the app keeps going."""
    app = build_app(scorer_factory=BrokenScorer)
    async with running(app, "p") as pilot:
        await type_text(pilot, "calm")
        await wait_until(pilot, lambda: any("Live scoring failed" in n.message
                                            for n in app._notifications))
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("Live scoring failed: engine on fire" in m for m in messages)
        assert any("Scoring failed: engine on fire" in m for m in messages)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.query_one(AnswerEditor).text == "calm"


async def test_failing_history_save_shows_a_notification() -> None:
    """A history that cannot save: a notification, and the feedback still shows."""

    class Full(MemoryHistory):
        def record_attempt(self, **kwargs: Any) -> int | None:
            raise OSError("disk full")

    app = build_app(history=Full())
    async with running(app, "p") as pilot:
        await type_text(pilot, "calm")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedbackScreen))
        assert isinstance(app.screen, FeedbackScreen)
        assert any("disk full" in n.message for n in app._notifications)


async def test_a_bank_that_fails_to_load_gives_one_notification(tmp_path: Any) -> None:
    """A broken bank next to a good one: one notification naming file:line, the good one works."""
    bad = tmp_path / "broken.yaml"
    bad.write_text("schema: 1\nid: broken\ntitle: [unclosed\n", encoding="utf-8")
    app = build_app(paths=[BANK, bad])
    async with running(app) as pilot:
        notes = [n.message for n in app._notifications if "broken.yaml" in n.message]
        assert len(notes) == 1
        assert f"{bad}:" in notes[0] and "Bank not loaded" in notes[0]
        assert "Help desk team lead" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)


async def test_help_palette_and_theme() -> None:
    """F1 lists keys; the command palette runs a screen action; ctrl+t switches to light."""
    app = build_app()
    async with running(app) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = widget_text(app, "#help-keys")
        assert "Submit" in text and "Try again" in text and "Flashcards" in text
        await pilot.press("escape")
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, 0.2)
        await type_text(pilot, "Hint")
        await settle(pilot, 0.5)
        await pilot.press("enter")
        await settle(pilot, 0.2)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.hints_shown == 1
        await pilot.press("ctrl+t")
        assert app.theme == "coach-light"


async def test_resize_to_one_by_one_and_back() -> None:
    """Every screen survives a 1x1 terminal and draws again at 80x24."""
    app = build_app()
    async with running(app, size=(80, 24)) as pilot:
        for keys in ([], ["p"], ["ctrl+s"]):
            await pilot.press(*keys)
            if keys == ["p"]:
                await type_text(pilot, "calm")
            await settle(pilot, 0.2)
            await pilot.resize_terminal(1, 1)
            await settle(pilot)
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert app.is_running
        assert "calm" in screen_text(app)


async def test_quit_saves_the_draft_at_once() -> None:
    """ctrl+q right after typing (before the periodic save) still keeps the draft."""
    history = MemoryHistory()
    app = build_app(history=history)
    async with running(app, "p") as pilot:
        await type_text(pilot, "quick")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert history.load_draft("tui-demo", "angry-caller") == "quick"


async def test_narrow_terminal_stacks_the_meter_under_the_editor() -> None:
    """Under 70 columns the meter goes below the editor; wider, beside it again."""
    app = build_app()
    async with running(app, "p", size=(50, 24)) as pilot:
        editor, meter = app.screen.query_one(AnswerEditor), app.screen.query_one(ThemeMeter)
        assert meter.region.y > editor.region.y and meter.region.width >= 40
        await pilot.resize_terminal(100, 32)
        await settle(pilot)
        assert meter.region.y == editor.region.y and meter.region.x > editor.region.x
