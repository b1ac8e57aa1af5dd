"""Issue 15 (hints, resuming, history detail, palette and settings) and issue 13 (typed history
calls) on the candidate's screens."""

from __future__ import annotations

import ast
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.containers import VerticalScroll
from tui_support import BANK, T0, Clock, FakeScorer, build_app, running, screen_text, settle

from interview_coach.banks.loader import load_bank
from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.config import SETTINGS_FILE, THEMES, Settings, load_settings, save_settings
from interview_coach.tui.palette import app_actions
from interview_coach.tui.screens.help import EDITOR_KEYS, HelpScreen
from interview_coach.tui.screens.history import AttemptScreen, HistoryScreen
from interview_coach.tui.screens.home import HomeScreen
from interview_coach.tui.screens.practice import PracticeScreen
from interview_coach.tui.widgets.editor import AnswerEditor

SRC = Path(__file__).resolve().parents[2] / "src" / "interview_coach" / "tui"


def record(history: MemoryHistory, qid: str, answer: str, days_ago: float, clock: Clock) -> None:
    """One practised answer ``days_ago`` before the clock's time."""
    bank = load_bank(BANK)
    when = clock.now - timedelta(days=days_ago)
    history.record_attempt(bank_id=bank.id, bank_hash="x", question_id=qid, answer=answer,
                           result=FakeScorer(bank).score(qid, answer), mode="practice",
                           started_at=when, submitted_at=when + timedelta(seconds=60))


def many_hints_bank(tmp_path: Path) -> Path:
    """The fixture bank with seven long tips on its first question."""
    text = BANK.read_text(encoding="utf-8")
    tips = ", ".join(f'"Tip number {n}: give one concrete detail about what you did, said or '
                     f'checked, so the interviewer can picture it ({n})."' for n in range(1, 8))
    text = text.replace('tips: ["Use the situation, task, action and result."]', f"tips: [{tips}]")
    path = tmp_path / "hints.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_every_hint_is_reachable_at_80x24(tmp_path: Path) -> None:
    """All hints revealed at 80x24: each one can be scrolled into view, and the status agrees."""
    app = build_app(paths=[many_hints_bank(tmp_path)])
    async with running(app, "p", size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        total = 3 + 7
        for _ in range(total):
            await pilot.press("ctrl+g")
            await settle(pilot)
        assert f"Hints {total}/{total}" in screen_text(app)
        box = screen.query_one("#hints-box", VerticalScroll)
        seen: set[int] = set()
        box.scroll_home(animate=False)
        await settle(pilot)
        for _ in range(60):
            text = screen_text(app)
            seen |= {n for n in range(1, total + 1) if f"Hint {n}:" in text}
            if box.scroll_y >= box.max_scroll_y:
                break
            box.scroll_relative(y=1, animate=False)
            await settle(pilot)
        assert seen == set(range(1, total + 1))
        assert box.max_scroll_y > 0  # they do not all fit: scrolling is what reaches them


async def test_practice_resumes_at_the_first_unanswered_question() -> None:
    """Two questions answered (not yet due): practice opens at the third, not at the first."""
    clock = Clock()
    history = MemoryHistory()
    record(history, "angry-caller", "I listened and stayed calm and followed up", 0.001, clock)
    record(history, "why-helpdesk", "I like the team and own every ticket", 0.001, clock)
    app = build_app(history=history, clock=clock)
    async with running(app, "p"):
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.question.id == "handover"
        assert "Question 3 of 5" in screen_text(app)


async def test_practice_resumes_at_the_question_due() -> None:
    """A question answered long ago is due: practice opens there."""
    clock = Clock()
    history = MemoryHistory()
    record(history, "why-helpdesk", "I like the team and own every ticket", 0.001, clock)
    record(history, "busy-queue", "I was calm", 90, clock)
    app = build_app(history=history, clock=clock)
    async with running(app) as pilot:
        assert "1 due" in screen_text(app)
        assert "1 question due for review" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.question.id == "busy-queue"


async def test_home_says_when_the_next_question_is_due() -> None:
    """Nothing due: home says so, and when the next one will be."""
    clock = Clock()
    history = MemoryHistory()
    record(history, "angry-caller", "I listened and stayed calm and followed up", 0.0, clock)
    app = build_app(history=history, clock=clock)
    async with running(app):
        text = screen_text(app)
        assert "Nothing due for review · next due" in text
        due = history.next_due("tui-demo")
        assert due is not None and due > T0.astimezone()


async def test_home_keeps_the_bank_last_used(tmp_path: Path) -> None:
    """With two banks, the one used last is selected the next time the app opens."""
    other = tmp_path / "other.yaml"
    other.write_text(BANK.read_text(encoding="utf-8").replace("id: tui-demo", "id: tui-other")
                     .replace("title: Help desk team lead", "title: Another bank"), encoding="utf-8")
    settings = tmp_path / "settings.json"
    app = build_app(paths=[BANK, other], settings_path=settings)
    async with running(app) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down")
        await pilot.press("s")  # study the second bank
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert json.loads(settings.read_text(encoding="utf-8"))["last_bank"] == "tui-other"
    again = build_app(paths=[BANK, other], settings_path=settings)
    async with running(again) as pilot:
        screen = again.screen
        assert isinstance(screen, HomeScreen)
        bank = screen.selected_bank()
        assert bank is not None and bank.id == "tui-other"


async def test_theme_is_remembered(tmp_path: Path) -> None:
    """ctrl+t to light, then a new run opens light."""
    settings = tmp_path / "settings.json"
    app = build_app(settings_path=settings)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
    assert app.theme == THEMES[1]
    again = build_app(settings_path=settings)
    async with running(again, size=(80, 24)):
        assert again.theme == THEMES[1]


def test_settings_file_is_read_tolerantly(tmp_path: Path) -> None:
    """A broken, foreign or half-valid file gives defaults, never an error; writes are whole."""
    path = tmp_path / SETTINGS_FILE
    assert load_settings(path) == Settings()
    for junk in ("{not json", "[1, 2]", '{"theme": "neon", "last_bank": 7}', "\x00\xff"):
        path.write_text(junk, encoding="utf-8")
        assert load_settings(path) == Settings()
    path.write_text('{"theme": "coach-light", "extra": true}', encoding="utf-8")
    assert load_settings(path) == Settings(theme="coach-light")
    save_settings(path, Settings(theme="coach-light", last_bank="peer"))
    assert load_settings(path) == Settings(theme="coach-light", last_bank="peer")
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]  # no temporary file left


async def test_history_detail_shows_red_flags_and_score_parts() -> None:
    """The attempt screen lists the score's parts and the red flags found."""
    clock = Clock()
    history = MemoryHistory()
    record(history, "angry-caller", "Honestly that was not my job but I stayed calm", 1, clock)
    app = build_app(history=history, clock=clock)
    async with running(app, "h", size=(80, 24)) as pilot:
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AttemptScreen)
        whole = app.screen.query_one("#attempt-score").render()
        flags = app.screen.query_one("#attempt-flags").render()
        assert "themes:" in str(whole) and "length:" in str(whole)
        assert "not my job" in str(flags) and "passing the problem on" in str(flags)


async def test_history_question_column_readable_at_80x24() -> None:
    """At 80 columns the question column shows a useful part of the prompt."""
    clock = Clock()
    history = MemoryHistory()
    record(history, "busy-queue", "I was calm", 1, clock)
    app = build_app(history=history, clock=clock)
    async with running(app, "h", size=(80, 24)):
        assert "The queue is three times its usual size" in screen_text(app)


async def test_palette_lists_app_actions_not_widget_keys() -> None:
    """In practice (the editor focused), the palette offers Submit and Hint, no cursor moves."""
    app = build_app()
    async with running(app, "p"):
        assert isinstance(app.screen.focused, AnswerEditor)
        names = [binding.description for binding, _ in app_actions(app.screen)]
        assert "Submit" in names and "Hint" in names and "Light/dark" in names
        assert not [n for n in names if "ursor" in n or "croll" in n or "elete" in n], names
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" in commands and "Theme" not in commands


async def test_screenshot_goes_to_the_data_directory_and_says_where(private_home: Path) -> None:
    """The screenshot is saved in the data directory and a notification names the file."""
    app = build_app()
    async with running(app, size=(80, 24)) as pilot:
        app.action_screenshot()
        await settle(pilot)
        saved = list(private_home.glob("*.svg"))
        assert len(saved) == 1
        assert any(str(saved[0]) in str(n.message) for n in app._notifications)


async def test_help_lists_select_all_and_the_editor_keys() -> None:
    """The help names select-all and each editor key, and they are the editor's real keys."""
    app = build_app()
    async with running(app, "f1"):
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys").render())
        assert "select all" in text and "f7" in text
    editor_actions = {b.action: b.key for b in AnswerEditor.BINDINGS if hasattr(b, "action")}
    for keys, _, action in EDITOR_KEYS:
        if action and "arrows" not in keys:
            assert action in editor_actions, action
            first = keys.split(" / ")[0]
            assert first in editor_actions[action].split(","), (keys, editor_actions[action])


def test_screens_call_typed_history_methods() -> None:
    """No screen of ours calls the history by method name (issue 13): mypy sees every call."""
    mine = ["screens/home.py", "screens/practice.py", "screens/study.py", "screens/help.py",
            "screens/history.py", "modes.py", "app.py"]
    for name in mine:
        tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("db", "call") \
                    and node.args and isinstance(node.args[0], ast.Constant):
                raise AssertionError(f"{name}:{node.lineno}: history called by name")


async def test_typed_history_failure_is_a_notification() -> None:
    """A typed call that fails tells the user and gives None; the app carries on."""
    class Broken(MemoryHistory):
        def save_draft(self, bank_id: str, question_id: str, text: str) -> None:
            raise OSError("disk full")

    app = build_app(history=Broken())
    async with running(app, size=(80, 24)) as pilot:
        result: Any = await app.history.save_draft("b", "q", "text")
        await settle(pilot)
        assert result is None
        assert any("save_draft failed: disk full" in str(n.message) for n in app._notifications)


async def test_a_bank_opened_from_the_command_line_is_remembered(tmp_path: Path) -> None:
    """`interview-coach practice BANK` counts as using the bank: home selects it next time."""
    from interview_coach.tui.config import Start

    settings = tmp_path / "settings.json"
    bank = load_bank(BANK)
    app = build_app(settings_path=settings, start=Start(mode="practice", bank=bank))
    async with running(app):
        assert isinstance(app.screen, PracticeScreen)
    assert json.loads(settings.read_text(encoding="utf-8"))["last_bank"] == bank.id
