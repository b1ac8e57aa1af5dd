"""Faults under the running app (issue 9): a locked database, a failing save.

The store's own tests cover locks, migrations and damaged files at the store level; these check
what the candidate sees: a message, the app running on, and nothing lost once the lock is gone.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hostile_support import TARGET_BANK
from textual import events
from tui_support import settle

from interview_coach.banks.loader import load_bank
from interview_coach.history.store import Store
from interview_coach.scoring import Scorer
from interview_coach.tui.app import make_app
from interview_coach.tui.config import AppConfig, Start
from interview_coach.tui.screens.feedback import FeedbackScreen
from interview_coach.tui.screens.practice import PracticeScreen
from interview_coach.tui.widgets.editor import AnswerEditor


def attempts_in(db: Path) -> list[str]:
    """The answers saved in the database file, oldest first."""
    store = Store.open(db)
    try:
        return [a.answer for a in reversed(store.attempts())]
    finally:
        store.close()


async def submit(pilot: object, app: object, text: str) -> None:
    """Paste ``text`` as the answer and submit it."""
    editor = app.screen.query_one(AnswerEditor)  # type: ignore[attr-defined]
    editor.load_text("")
    editor.post_message(events.Paste(text))
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(pilot, 0.2)  # type: ignore[arg-type]


async def test_locked_database_message_then_saved_when_the_lock_is_gone(private_home: Path) -> None:
    db = private_home / "history.db"
    Store.open(db).close()
    bank = load_bank(TARGET_BANK)
    app = make_app(AppConfig(paths=[TARGET_BANK], include_builtin=False, scorer_factory=Scorer,
                             history_opener=lambda: (Store.open(db, busy_timeout=0.1), []),
                             start=Start(mode="practice", bank=bank), frozen=True))
    other = sqlite3.connect(db, isolation_level=None)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        other.execute("BEGIN EXCLUSIVE")  # another process holds the database
        await submit(pilot, app, "I stayed calm while the database was locked.")
        assert isinstance(app.screen, FeedbackScreen)  # the app runs on
        messages = [n.message for n in app._notifications]
        assert any("locked" in m.lower() for m in messages), messages
        assert attempts_in_memory(app) == 1
        other.execute("COMMIT")
        other.close()
        await pilot.press("t")  # try again: the next save writes the waiting one first
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        await submit(pilot, app, "And again once the lock was gone.")
    assert attempts_in(db) == ["I stayed calm while the database was locked.",
                               "And again once the lock was gone."]


def attempts_in_memory(app: object) -> int:
    """Attempts the store keeps waiting for the lock."""
    store = app.history._history  # type: ignore[attr-defined]
    return sum(1 for p in store.pending if p.kind == "attempt")
