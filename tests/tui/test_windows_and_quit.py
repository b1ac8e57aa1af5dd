"""Issue 14 points 4 and 5 in the app.

- 4: two windows (app processes) on one data directory keep both drafts of a question; when a
  question opens with several saved drafts the user chooses the one to continue, the others
  stay saved. Typing is never taken by the choice.
- 5: quitting with answers the history could not save: a dialog says so, names where they will
  be written (or offers printing them), and only then quits, with a non-zero status; keys typed
  while it shows go on into the answer.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from tui_support import build_app, running, screen_text, settle, type_text, wait_until, widget_text

from interview_coach.history import rescue
from interview_coach.history.memory import MemoryHistory
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store
from interview_coach.tui.screens.drafts import DraftOffer, DraftPicker
from interview_coach.tui.screens.practice import PracticeScreen
from interview_coach.tui.screens.unsaved import UnsavedQuitModal
from interview_coach.tui.widgets.editor import AnswerEditor

BANK_ID, QUESTION = "tui-demo", "angry-caller"




def texts(history: Store | MemoryHistory) -> dict[str, str]:
    """Every saved draft of the question: window -> text."""
    return {d.window: d.text for d in history.drafts(BANK_ID, QUESTION)}


# -- point 4 -------------------------------------------------------------------------------


async def test_two_windows_typing_one_question_keep_both_drafts(tmp_path: Path) -> None:
    """The race of issue 14: both windows open the question with no draft, both type; the
    later save no longer replaces the other window's draft."""
    db = tmp_path / "history.db"
    store = Store.open(db, window="this-window")
    app = build_app(history_opener=lambda: (store, []))
    other = Store.open(db, window="other-window")
    try:
        async with running(app, "p") as pilot:
            await type_text(pilot, "mine")
            await wait_until(pilot, lambda: texts(other) == {"this-window": "mine"})
            other.save_draft(BANK_ID, QUESTION, "typed in the other window")
            await type_text(pilot, " too")
            await wait_until(pilot, lambda: texts(other).get("this-window") == "mine too")
            assert texts(other) == {"this-window": "mine too",
                                    "other-window": "typed in the other window"}
    finally:
        other.close()


def two_saved_drafts() -> MemoryHistory:
    history = MemoryHistory(window="here")
    history.save_draft(BANK_ID, QUESTION, "older draft", window="closed-1")
    history.save_draft(BANK_ID, QUESTION, "newer draft", window="closed-2")
    return history


async def open_with_offer(pilot: Any, count: int) -> PracticeScreen:
    await settle(pilot)
    await pilot.press("p")
    await wait_until(pilot, lambda: len(pilot.app.screen.query_one(DraftOffer).drafts) == count)
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen)
    return screen


async def test_several_saved_drafts_offer_a_choice_and_keep_the_others() -> None:
    history = two_saved_drafts()
    app = build_app(history=history)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_with_offer(pilot, 2)
        assert "You have 2 saved drafts" in screen_text(app)
        editor = screen.query_one(AnswerEditor)
        await type_text(pilot, "x")  # the offer is a bar: typing goes to the answer
        assert editor.text == "x"
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftPicker))
        await pilot.press("y")  # not a key of the list: it goes on into the answer
        assert editor.text == "xy"
        await pilot.press("down", "enter")  # newest first: the second is the older draft
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        assert editor.text == "older draft\n\nxy"
        assert not screen.query_one(DraftOffer).drafts
        await screen.save_draft_now()
        await settle(pilot)
        # The chosen draft moved into this window; the other one stays saved, as it was.
        assert texts(history) == {"here": "older draft\n\nxy", "closed-2": "newer draft"}


async def test_escape_from_the_choice_keeps_the_offer() -> None:
    history = two_saved_drafts()
    app = build_app(history=history)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_with_offer(pilot, 2)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftPicker))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        assert len(screen.query_one(DraftOffer).drafts) == 2
        await screen.save_draft_now()
        assert texts(history) == {"closed-1": "older draft", "closed-2": "newer draft"}


async def test_starting_afresh_with_several_drafts_keeps_them_all() -> None:
    history = two_saved_drafts()
    history.save_draft(BANK_ID, QUESTION, "my own earlier draft")  # this window's
    app = build_app(history=history)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_with_offer(pilot, 3)
        await type_text(pilot, "fresh")
        await screen.save_draft_now()  # not chosen yet: this window's draft kept whole
        assert texts(history)["here"] == "my own earlier draft\n\nfresh"
        await pilot.press("ctrl+b")
        await settle(pilot)
        await screen.save_draft_now()
        saved = texts(history)
        assert saved.pop("here") == "fresh"
        assert sorted(saved.values()) == ["my own earlier draft", "newer draft", "older draft"]


async def test_continuing_another_windows_draft_keeps_this_windows_own() -> None:
    history = MemoryHistory(window="here")
    history.save_draft(BANK_ID, QUESTION, "theirs", window="closed")
    history.save_draft(BANK_ID, QUESTION, "my own")
    app = build_app(history=history)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_with_offer(pilot, 2)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftPicker))
        await pilot.press("down", "enter")  # this window's own draft is listed first
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        assert screen.query_one(AnswerEditor).text == "theirs"
        await screen.save_draft_now()
        await settle(pilot)
        saved = texts(history)
        assert saved.pop("here") == "theirs"
        assert list(saved.values()) == ["my own"]  # kept under a key of its own


# -- point 5 -------------------------------------------------------------------------------


def unsaved_history() -> MemoryHistory:
    """A history that keeps nothing past the run (as when the disk cannot be written), with
    one answer in it."""
    history = MemoryHistory()
    moment = datetime(2026, 3, 2, 9, 30)
    history.record_attempt(bank_id=BANK_ID, bank_hash="h", question_id=QUESTION,
                           answer="my only copy",
                           result=result_from_dict({"bank_id": BANK_ID, "question_id": QUESTION,
                                                    "score": 40}), mode="practice",
                           started_at=moment, submitted_at=moment)
    return history


@pytest.fixture
def rescue_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(rescue, "rescue_places", lambda: [tmp_path])
    return tmp_path


async def test_quitting_with_unsaved_answers_asks_first_and_exits_non_zero(
        rescue_here: Path) -> None:
    history = unsaved_history()
    app = build_app(history=history)
    async with running(app, "p") as pilot:
        await type_text(pilot, "half")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedQuitModal))
        dialog = app.screen
        assert isinstance(dialog, UnsavedQuitModal)
        assert app.is_running and dialog.place == rescue_here
        assert "1 answer of this session could not be saved" in dialog.message()
        assert str(rescue_here) in dialog.message()
        await type_text(pilot, " more")  # typing meant for the answer is not eaten
        await pilot.press("escape")  # back to the app: nothing quits
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        question = practice.question.id  # where the user left off: the answered one is behind
        assert practice.query_one(AnswerEditor).text == "half more" and app.is_running
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedQuitModal))
        await pilot.press("ctrl+q")  # again: quit, writing them there
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 1 and app.rescue_choice == "file"
    assert history.load_draft(BANK_ID, question) == "half more"


async def test_the_quit_dialog_offers_printing_instead(rescue_here: Path) -> None:
    app = build_app(history=unsaved_history())
    async with running(app) as pilot:
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedQuitModal))
        shown = widget_text(app, "#unsaved-message")
        assert "could not be saved" in shown and "ctrl+o  quit and print them instead" in shown
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 1 and app.rescue_choice == "print"


async def test_nothing_unsaved_quits_at_once_with_status_zero() -> None:
    app = build_app(history=MemoryHistory())
    async with running(app) as pilot:
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 0 and app.rescue_choice is None


def test_printing_instead_writes_no_file(rescue_here: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from interview_coach.cli.commands import tui

    assert tui._rescue_unsaved(unsaved_history(), printed=True) is True
    out, err = capsys.readouterr()
    assert "my only copy" in out and "as you asked" in err
    assert list(rescue_here.iterdir()) == []
