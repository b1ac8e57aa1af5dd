"""Issue 14, points 3 and 9 in process: typed runs are grouped, delivered as one edit in the
editor and replayed key by key elsewhere; quitting waits for keys already received."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import TextArea
from tui_support import build_app, running, settle, wait_until

from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.coalesce import TypedRun, coalesce
from interview_coach.tui.screens.history import HistoryScreen
from interview_coach.tui.screens.practice import PracticeScreen
from interview_coach.tui.widgets.editor import AnswerEditor


def key(name: str, char: str | None) -> events.Key:
    return events.Key(name, char)


def test_runs_of_typed_keys_are_grouped() -> None:
    keys = [key("a", "a"), key("space", " "), key("enter", "\r"), key("b", "b"),
            key("ctrl+s", "\x13"), key("c", "c"), key("left", None), key("d", "d"), key("e", "e")]
    out = coalesce(keys)
    assert isinstance(out[0], TypedRun) and out[0].text == "a \nb"
    assert out[1] is keys[4] and out[2] is keys[5] and out[3] is keys[6]  # single keys stay keys
    assert isinstance(out[4], TypedRun) and out[4].text == "de"
    assert len(out) == 5
    tab = [key("a", "a"), key("tab", "\t"), key("b", "b")]
    assert coalesce(tab) == tab  # tab moves focus: never typed into the editor


async def test_a_run_is_one_edit_in_the_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    changes: list[str] = []
    original = PracticeScreen.on_text_area_changed

    def counted(self: PracticeScreen, event: TextArea.Changed) -> None:
        changes.append(event.text_area.text)
        original(self, event)

    monkeypatch.setattr(PracticeScreen, "on_text_area_changed", counted)
    app = build_app()
    async with running(app, "p") as pilot:
        assert isinstance(app.screen, PracticeScreen)
        editor = app.screen.query_one(AnswerEditor)
        changes.clear()
        text = "I stayed calm\rand listened"
        app.post_message(TypedRun([key(c, c) if c != "\r" else key("enter", "\r") for c in text]))
        await wait_until(pilot, lambda: editor.text == "I stayed calm\nand listened")
        assert len(changes) == 1


async def test_a_run_elsewhere_is_replayed_as_keys() -> None:
    app = build_app()
    async with running(app) as pilot:
        app.post_message(TypedRun([key("h", "h"), key("x", "x")]))
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen))


async def test_quit_waits_for_keys_already_received() -> None:
    """Keys queued for the editor, then ctrl+q at once: the draft has every character."""
    history = MemoryHistory()
    app = build_app(history=history)
    async with running(app, "p") as pilot:
        editor = app.screen.query_one(AnswerEditor)
        for char in "calm words":
            editor.post_message(key("space" if char == " " else char, char))
        await app.action_quit()
        await pilot.pause()
    assert history.load_draft("tui-demo", "angry-caller") == "calm words"


async def test_typing_while_a_draft_is_offered_is_kept_and_the_draft_too() -> None:
    """Issue 14 point 2 in process: letters typed as the offer shows go to the editor; the saved
    draft is kept whole (typing saved after it) until ctrl+r or ctrl+b."""
    from interview_coach.tui.screens.drafts import DraftOffer

    history = MemoryHistory()
    history.save_draft("tui-demo", "angry-caller", "my old draft")
    app = build_app(history=history)
    async with running(app) as pilot:
        await pilot.press("p", "W", "h", "e", "n", "space", "n", "o", "y")
        await wait_until(pilot, lambda: app.screen.query_one(DraftOffer).draft == "my old draft")
        editor = app.screen.query_one(AnswerEditor)
        assert editor.text == "When noy"
        # save_draft_now returns once the store holds the newest text, even with a timer's
        # save still in flight (a busy CI machine once read the store before that save
        # landed: tests/tui/test_draft_order.py holds such a save to check it every time).
        await app.screen.save_draft_now()  # type: ignore[attr-defined]
        assert history.load_draft("tui-demo", "angry-caller") == "my old draft\n\nWhen noy"
        await pilot.press("ctrl+b")  # start afresh: now what is typed replaces the draft
        await settle(pilot)
        await app.screen.save_draft_now()  # type: ignore[attr-defined]
        assert history.load_draft("tui-demo", "angry-caller") == "When noy"
