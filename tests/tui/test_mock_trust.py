"""Mock interview: answers stored at once, drafts, asking before leaving, unfinished sessions
(issue 14 point 1), and the richer report (issue 15 "Mock report")."""

from __future__ import annotations

from typing import Any

from tui_support import (
    Clock,
    build_app,
    mock_app,
    running,
    screen_text,
    settle,
    type_text,
    wait_until,
)

from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.screens.mock import ConfirmModal, MockScreen, ReportItem, ReportScreen


async def test_each_answer_is_stored_the_moment_it_is_handed_in() -> None:
    history = MemoryHistory()
    app = mock_app(history)
    async with running(app) as pilot:
        await type_text(pilot, "I stayed calm and listened")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MockScreen)  # still mid-interview
        stored = history.attempts()
        assert [a.answer for a in stored] == ["I stayed calm and listened"]
        assert stored[0].mode == "mock" and stored[0].session_id == app.screen.session_id
        assert history.load_draft("tui-demo", stored[0].question_id) is None  # draft dropped once stored


async def test_the_answer_being_typed_is_drafted() -> None:
    history = MemoryHistory()
    app = mock_app(history)
    async with running(app) as pilot:
        screen = app.screen
        assert isinstance(screen, MockScreen)
        await type_text(pilot, "half an answer")
        qid = screen.question.id
        bank_id = screen.bank.id
        await wait_until(pilot, lambda: history.load_draft(bank_id, qid) == "half an answer")


async def test_escape_asks_before_ending_and_no_keeps_going() -> None:
    history = MemoryHistory()
    app = mock_app(history)
    async with running(app) as pilot:
        await type_text(pilot, "I listened")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MockScreen)
        assert app.screen.query_one("#answer").text == "I listened"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen))
    assert history.unfinished_sessions() == []


async def test_ctrl_q_mid_mock_asks_first_and_leaves_it_unfinished() -> None:
    history = MemoryHistory()
    app = mock_app(history)
    async with running(app) as pilot:
        await type_text(pilot, "first answer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_text(pilot, "second half")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert app.is_running
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MockScreen)
        second = app.screen.question.id
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert [a.answer for a in history.attempts()] == ["first answer"]
    assert history.load_draft("tui-demo", second) == "second half"
    ((session, kept),) = history.unfinished_sessions("tui-demo")
    assert kept == 1 and session.mode == "mock"


async def test_an_unfinished_mock_is_mentioned_when_the_next_one_starts() -> None:
    history = MemoryHistory()
    session = history.start_session("tui-demo", "mock")
    assert session is not None
    app = mock_app(history)
    async with running(app):
        notes = [n.message for n in app._notifications]
        assert any("not finished" in n for n in notes)


async def test_a_warning_shortly_before_time_runs_out() -> None:
    history = MemoryHistory()
    clock = Clock()
    app = mock_app(history, count=2, clock=clock)
    async with running(app) as pilot:
        screen = app.screen
        assert isinstance(screen, MockScreen)
        clock.advance(screen.limit() - 10)
        screen._tick()
        await pilot.pause()
        assert any("seconds left" in n.message for n in app._notifications)
        assert screen.index == 0


async def test_report_shows_score_themes_time_and_the_model_answer_on_demand() -> None:
    history = MemoryHistory()
    clock = Clock()
    app = mock_app(history, count=2, clock=clock)
    async with running(app, size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MockScreen)
        await type_text(pilot, "I stayed calm and listened")
        clock.advance(30)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_text(pilot, "calm")
        clock.advance(screen.limit() + 1)
        screen._tick()  # time runs out on the second question
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen))
        report = app.screen
        text = screen_text(app)
        assert "Time 0:30" in text and "time ran out" in text
        assert "Covered:" in text and "Missed:" in text and "/100" in text
        items = list(report.query(ReportItem))
        assert report.focused is items[0]
        first_model = items[0].item.question.model_answer.split()[0]
        assert "Model answer:" not in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert "Model answer:" in screen_text(app) and first_model in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert report.focused is items[1]
        await pilot.press("tab")
        await pilot.pause()
        assert report.focused is items[0]


async def test_the_tui_runs_in_memory_when_the_data_folder_is_a_file(
        tmp_path: Any, monkeypatch: Any) -> None:
    """Issue 14 point 15: a data 'folder' that is a file or a dangling link: a notice, no crash."""
    from interview_coach._util import paths
    from interview_coach.history.memory import open_history
    from interview_coach.tui.screens.home import HomeScreen

    for kind in ("file", "dangling"):
        home = tmp_path / kind
        if kind == "file":
            home.write_text("not a folder")
        else:
            home.symlink_to(tmp_path / "nowhere")
        monkeypatch.setenv(paths.ENV_HOME, str(home))
        app = build_app(history_opener=open_history)
        async with running(app) as pilot:
            await app.history.attempts()
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            notes = " ".join(n.message for n in app._notifications)
            assert "unusable" in notes or "Not saving" in notes
