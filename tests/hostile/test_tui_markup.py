"""Markup and control characters from answers and banks appear literally on every TUI screen."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual import events

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))

from tui_support import build_app, running, screen_text, settle, wait_until, widget_text

from interview_coach.banks.models import Bank
from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.config import Start
from interview_coach.tui.literal import clean, plain
from interview_coach.tui.screens.feedback import FeedbackScreen
from interview_coach.tui.screens.mock import ReportScreen
from interview_coach.tui.widgets.editor import AnswerEditor

MARKUP = "[bold]B[/] [/] [link=https://example.com]L [@click=app.quit]Q[/]"
ESC = "\x1b[31mred\x1b[0m"
BIDI = "abc\u202edcba"

HOSTILE_ANSWERS = [
    "I stayed calm [bold]and[/] listened",
    "[/] calm [/bold] [b][i]",
    "[link=https://evil.example]calm",
    "[@click=app.quit]calm[/]",
    "[@click=screen.dismiss]listened",
    "calm \x1b[2J\x1b[H cleared?",
    "calm \x1b]0;title\x07 osc",
    "calm \u202eevil\u202c listened",
    "calm \x9b31m c1",
    "calm\r\nlistened\rteam",
    "[red on black]calm[/red on black] [#ff0000]x",
    ":smile: calm \\[escaped] [[double]]",
]


def hostile_bank() -> Bank:
    """A bank whose every text field carries markup, an escape sequence or a bidi override."""
    return Bank.model_validate({
        "schema": 1, "id": "hostile", "title": f"Title {MARKUP}", "description": f"Desc {ESC}",
        "role": f"Role {BIDI}",
        "themes": {
            "calm": {"label": "Calm [bold]label[/]", "description": f"Theme desc {MARKUP}",
                     "keywords": ["calm", "[bold]"], "hint": f"Hint {MARKUP}"},
            "listening": {"label": "Listening [/]", "description": "Hears [link=x]people",
                          "keywords": ["listened"], "hint": "Hint [@click=app.quit]q"},
        },
        "red_flags": [{"phrase": "[blame]", "why": f"Why {MARKUP}"}],
        "questions": [
            {"id": "q1", "prompt": f"Prompt one {MARKUP}", "themes": ["calm", "listening"],
             "model_answer": f"Model [bold]calm[/] answer {ESC}", "category": "[b]cat[/b]",
             "tips": [f"Tip {MARKUP}"], "follow_ups": [f"Follow {MARKUP}"], "time_limit": 60},
            {"id": "q2", "prompt": f"Prompt two {ESC} {BIDI}", "themes": ["calm"],
             "model_answer": "Second [link=y]answer"},
        ],
    })


def assert_clean_screen(app: Any) -> str:
    """The app runs, and no escape character from the data reached the screen."""
    assert app.is_running
    text = screen_text(app)
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
    return text


def test_plain_never_parses_markup() -> None:
    """The one display path keeps markup literal and pictures control characters."""
    for raw in [MARKUP, *HOSTILE_ANSWERS]:
        shown = plain(raw).plain
        assert "\x1b" not in shown and "\u202e" not in shown
        assert len(shown) == len(raw)  # offsets of scorer matches still hold
        assert not plain(raw).spans
    assert plain(MARKUP).plain == MARKUP
    assert clean(ESC) == "␛[31mred␛[0m"
    assert clean("a\tb\nc") == "a\tb\nc"


async def paste(pilot: Any, text: str) -> None:
    """Paste into the answer editor, as a terminal paste would."""
    pilot.app.screen.query_one(AnswerEditor).post_message(events.Paste(text))
    await settle(pilot, 0.3)


async def test_practice_and_feedback_show_bank_and_answer_literally() -> None:
    """Practice (prompt, meta, meter, hints) and feedback (answer, model, hints, follow-up)."""
    bank = hostile_bank()
    app = build_app(start=Start(mode="practice", bank=bank))
    async with running(app, size=(120, 40)) as pilot:
        await paste(pilot, f"I was calm and listened {MARKUP} [blame] {ESC}")
        await pilot.press("ctrl+g", "ctrl+g", "ctrl+g")
        await pilot.pause()
        text = assert_clean_screen(app)
        assert f"Prompt one {MARKUP}" in text
        assert "[b]cat[/b]" in text
        assert "Calm [bold]label[/]" in text
        assert f"Hint {MARKUP}" in widget_text(app, "#hints")
        assert "␛[31mred␛[0m" in text
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedbackScreen))
        assert isinstance(app.screen, FeedbackScreen)
        text = assert_clean_screen(app)
        assert MARKUP in widget_text(app, "#fb-answer")
        assert "Model [bold]calm[/] answer ␛[31mred␛[0m" in widget_text(app, "#fb-model")
        assert f"Why {MARKUP}" in widget_text(app, "#fb-flags")
        assert f"Follow {MARKUP}" in widget_text(app, "#fb-follow")
        assert "Listening [/]" in widget_text(app, "#fb-themes")


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS)
async def test_hostile_answers_survive_practice_and_feedback(answer: str) -> None:
    """Each hostile answer is shown as typed (controls pictured) in the editor and the feedback."""
    bank = hostile_bank()
    app = build_app(start=Start(mode="practice", bank=bank))
    async with running(app) as pilot:
        await paste(pilot, answer)
        assert app.screen.query_one(AnswerEditor).text == clean(answer)
        assert_clean_screen(app)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedbackScreen))
        assert isinstance(app.screen, FeedbackScreen)
        assert widget_text(app, "#fb-answer") == clean(answer)
        assert_clean_screen(app)


async def test_study_and_guide_show_bank_text_literally() -> None:
    """Study list, detail (model answer, tips) and the theme guide."""
    bank = hostile_bank()
    app = build_app(start=Start(mode="study", bank=bank))
    async with running(app, size=(120, 40)) as pilot:
        assert_clean_screen(app)
        listed = app.screen.query_one("#study-list").get_option_at_index(1).prompt
        assert listed.plain == f"Prompt one {MARKUP}"
        detail = widget_text(app, "#study-detail")
        assert f"Prompt one {MARKUP}" in detail
        assert "Model [bold]calm[/] answer ␛[31mred␛[0m" in detail
        assert f"Tip {MARKUP}" in detail
        await pilot.press("g")
        await settle(pilot)
        guide = widget_text(app, "#guide-text")
        assert f"Theme desc {MARKUP}" in guide and "Hint [@click=app.quit]q" in guide
        assert_clean_screen(app)


async def test_history_and_mock_report_show_answers_literally() -> None:
    """A mock interview answered with markup: the report, then the history table and detail."""
    bank = hostile_bank()
    history = MemoryHistory()
    app = build_app(history=history, start=Start(mode="mock", bank=bank, count=2))
    async with running(app, size=(120, 40)) as pilot:
        await paste(pilot, f"calm {MARKUP}")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await paste(pilot, f"listened {ESC}")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ReportScreen")
        assert isinstance(app.screen, ReportScreen)
        text = assert_clean_screen(app)
        assert f"calm {MARKUP}" in text
        assert "listened ␛[31mred␛[0m" in text
        assert "Prompt two ␛[31mred␛[0m" in text
        await pilot.press("escape")
        await settle(pilot)
        app.open_mode("history", bank)
        await settle(pilot)
        text = assert_clean_screen(app)
        assert "Prompt one [bold]B[/]" in text
        await pilot.press("down", "enter")
        await settle(pilot)
        assert f"calm {MARKUP}" in widget_text(app, "#attempt-answer")
        assert_clean_screen(app)


async def test_home_shows_bank_titles_and_file_names_literally(tmp_path: Path) -> None:
    """A bank title with markup, and a broken bank whose file name holds markup."""
    good = tmp_path / "good.yaml"
    good.write_text(
        "schema: 1\nid: good\ntitle: 'Good [bold]bank[/] [@click=app.quit]x'\n"
        "description: d\nrole: r\nquestions:\n  - id: q\n    prompt: p\n    model_answer: m\n", encoding="utf-8")
    bad = tmp_path / "[bold]bad[@click=app.quit].yaml"
    bad.write_text("schema: 1\nid: [unclosed\n", encoding="utf-8")
    app = build_app(paths=[good, bad])
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        text = assert_clean_screen(app)
        assert "Good [bold]bank[/] [@click=app.quit]x" in text
        notes = [n for n in app._notifications if "bad[@click" in n.message]
        assert len(notes) == 1 and not notes[0].markup
        assert "[bold]bad[@click=app.quit].yaml:" in notes[0].message
