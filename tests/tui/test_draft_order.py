"""Draft saves that reach the history thread late or out of order never leave an older text.

A CI run under heavy load once stored "my old draft\\n\\nW" while the editor held "When noy"
(tests/tui/test_coalesce.py): the periodic save of the newest text was still waiting for the
history thread when ``save_draft_now()`` returned, having found nothing new to write. And a
save that first keeps an earlier draft aside (after a choice among saved drafts) wrote its text
after a newer save had written a newer one. Here a gate holds one write on the history thread,
so each race happens every time.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from tui_support import build_app, running, type_text, wait_until

from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.screens.drafts import DraftOffer, DraftPicker
from interview_coach.tui.screens.practice import PracticeScreen
from interview_coach.tui.widgets.editor import AnswerEditor

BANK_ID, QUESTION = "tui-demo", "angry-caller"
HOLD = 10.0  # seconds a held write waits at most (a failing test never hangs)


class GatedHistory(MemoryHistory):
    """A history whose next draft write matching :meth:`hold` waits until :meth:`release`."""

    def __init__(self) -> None:
        super().__init__(window="here")
        self._held: Callable[[str, str | None], bool] | None = None
        self.entered = threading.Event()  # the held write has started (the thread is blocked)
        self._gate = threading.Event()

    def hold(self, which: Callable[[str, str | None], bool]) -> None:
        """Hold the next draft write for which ``which(text, window)`` is true."""
        self._held = which

    def release(self) -> None:
        """Let the held write (and every write queued behind it) go on."""
        self._gate.set()

    def save_draft(self, bank_id: str, question_id: str, text: str,
                   window: str | None = None) -> None:
        """Save, first waiting at the gate if this is the write to hold."""
        if self._held is not None and self._held(text, window):
            self._held = None
            self.entered.set()
            self._gate.wait(HOLD)
        super().save_draft(bank_id, question_id, text, window=window)


def own_text(history: MemoryHistory) -> str | None:
    """This window's saved draft of the question."""
    return next((d.text for d in history.drafts(BANK_ID, QUESTION) if d.window == "here"), None)


async def held(pilot: Any, history: GatedHistory) -> None:
    """Wait until the held write is blocking the history thread (not for the app's workers,
    which may be waiting for that write)."""
    for _ in range(int(HOLD / 0.05)):
        if history.entered.is_set():
            return
        await pilot.pause(0.05)
    raise AssertionError("the write to hold never started")


async def test_a_save_returns_only_once_the_newest_text_is_stored() -> None:
    """The CI failure: a save of the newest text is in flight (the half-second timer started
    it) when ``save_draft_now()`` is called; that call must not return before the store has
    the newest text, whatever it finds in flight."""
    history = GatedHistory()
    app = build_app(history=history)
    async with running(app, "p") as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await type_text(pilot, "first")
        await screen.save_draft_now()
        assert own_text(history) == "first"
        history.hold(lambda text, window: text == "first words")
        await type_text(pilot, " words")
        in_flight = asyncio.create_task(screen.save_draft_now())  # as the timer's save
        try:
            await held(pilot, history)

            async def save_then_read() -> str | None:
                await screen.save_draft_now()
                return own_text(history)  # what is stored the moment the save says it is done

            final = asyncio.create_task(save_then_read())
            await pilot.pause(0.2)  # time enough to return early, if it would
        finally:
            history.release()
        assert await final == "first words"
        await in_flight
        assert own_text(history) == "first words"


async def test_an_older_save_finishing_late_never_replaces_a_newer_one() -> None:
    """Continuing another window's draft keeps this window's own draft aside first; while that
    write is slow, typing goes on and is saved. The first save's text, read before the typing,
    then reached the store after the newer one and replaced it."""
    history = GatedHistory()
    history.save_draft(BANK_ID, QUESTION, "theirs", window="closed")
    history.save_draft(BANK_ID, QUESTION, "my own")
    app = build_app(history=history)
    async with running(app, "p") as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await wait_until(pilot, lambda: len(screen.query_one(DraftOffer).drafts) == 2)
        editor = screen.query_one(AnswerEditor)
        history.hold(lambda text, window: window is not None and "~" in window)  # the aside
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftPicker))
        await pilot.press("down", "enter")  # "theirs": the save that follows keeps "my own" aside
        try:
            await held(pilot, history)
            assert editor.text == "theirs"
            await type_text(pilot, " and more")
            newer = asyncio.create_task(screen.save_draft_now())
            await pilot.pause(0.1)
        finally:
            history.release()
        await newer
        await app.workers.wait_for_complete()  # the choice's own save, too
        assert editor.text == "theirs and more"
        assert own_text(history) == "theirs and more"
        kept = {d.text for d in history.drafts(BANK_ID, QUESTION) if d.window != "here"}
        assert kept == {"my own"}  # kept aside; the draft continued here is no longer theirs


async def test_quitting_writes_the_newest_text_while_an_older_save_is_in_flight() -> None:
    """Typed, saved, then deleted again while that save waits: quitting still leaves what the
    editor holds, not the text of the save in flight."""
    history = GatedHistory()
    app = build_app(history=history)
    async with running(app, "p") as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await type_text(pilot, "calm")
        await screen.save_draft_now()
        history.hold(lambda text, window: text == "calmer")
        await type_text(pilot, "er")
        in_flight = asyncio.create_task(screen.save_draft_now())
        try:
            await held(pilot, history)
            await pilot.press("backspace", "backspace")
            assert screen.query_one(AnswerEditor).text == "calm"
            quitting = asyncio.create_task(app.action_quit())
            await pilot.pause(0.1)
        finally:
            history.release()
        await in_flight
        await quitting
    assert own_text(history) == "calm"
