"""Issue 14 point 4 (the history's part): two windows on one data directory keep both drafts.

A window is an app process; its drafts are keyed by bank, question and window, so neither
overwrites the other's. Drafts of windows that have closed are still there; `forget` removes
every one.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from interview_coach.history.drafts import this_window
from interview_coach.history.memory import MemoryHistory
from interview_coach.history.store import Store


def test_two_windows_on_one_file_keep_both_drafts(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    first, second = Store.open(db, window="w1"), Store.open(db, window="w2")
    first.save_draft("bank", "q1", "typed in the first window")
    second.save_draft("bank", "q1", "typed in the second window")
    first.save_draft("bank", "q1", "the first window goes on")  # replaces only its own
    mine = [(d.text, d.mine) for d in first.drafts("bank", "q1")]
    assert mine == [("the first window goes on", True), ("typed in the second window", False)]
    assert second.load_draft("bank", "q1") == "typed in the second window"  # its own first
    first.delete_draft("bank", "q1")  # submitting in the first window drops only its draft
    assert [d.text for d in second.drafts("bank", "q1")] == ["typed in the second window"]
    first.close()
    second.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_closed_windows_draft_is_offered_to_the_next(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    with Store.open(db, window="gone") as earlier:
        earlier.save_draft("bank", "q1", "left by a window that crashed")
    with Store.open(db) as later:
        assert later.window == this_window()
        (draft,) = later.drafts("bank", "q1")
        assert draft.text == "left by a window that crashed" and not draft.mine
        assert draft.updated_at is not None
        assert later.load_draft("bank", "q1") == "left by a window that crashed"


def test_forget_removes_every_windows_drafts(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    with Store.open(db, window="w1") as first, Store.open(db, window="w2") as second:
        first.save_draft("bank", "q1", "one")
        second.save_draft("bank", "q1", "two")
        second.save_draft("other", "q9", "three")
        first.forget()
        assert first.drafts("bank", "q1") == [] and second.drafts("other", "q9") == []
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    conn.close()


def test_drafts_waiting_for_a_locked_file_stay_per_window(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    store = Store.open(db, window="w1", busy_timeout=0.05)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        store.save_draft("bank", "q1", "mine")
        store.save_draft("bank", "q1", "kept aside", window="w1~aside")
        store.save_draft("bank", "q1", "mine, longer")  # coalesced with its own window only
        assert len(store.pending) == 2
        assert sorted(d.text for d in store.drafts("bank", "q1")) == ["kept aside", "mine, longer"]
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.flush()
    assert sorted(d.text for d in store.drafts("bank", "q1")) == ["kept aside", "mine, longer"]
    store.close()


def test_memory_history_follows_the_same_rule() -> None:
    history = MemoryHistory(window="w1")
    history.save_draft("bank", "q1", "mine")
    history.save_draft("bank", "q1", "theirs", window="w2")
    assert [(d.text, d.mine) for d in history.drafts("bank", "q1")] == [
        ("mine", True), ("theirs", False)]
    history.delete_draft("bank", "q1", window="w2")
    assert history.load_draft("bank", "q1") == "mine"


def test_drafts_on_an_unwritable_history_are_rescued_with_the_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 point 5: the text being typed is kept like the submitted answers when the
    history cannot be written (it is written elsewhere, or printed, when the app closes)."""
    from interview_coach.history.rescue import render_unsaved

    def refuse(*_a: Any, **_k: Any) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    with monkeypatch.context() as patch:
        patch.setattr("interview_coach.history.store._connect_file", refuse)
        store = Store.open()
    assert not store.saving and store.answers_at_risk() == 0
    store.save_draft("bank", "q1", "typed, not submitted")
    store.save_draft("bank", "q2", "submitted in the end")
    store.delete_draft("bank", "q2")  # it became an attempt
    store.save_draft("bank", "q3", "   ")  # nothing typed: nothing to rescue
    assert store.answers_at_risk() == 1
    store.close()
    (draft,) = [a for a in store.unsaved_answers() if a.get("draft")]
    assert draft["answer"] == "typed, not submitted" and draft["question_id"] == "q1"
    assert "q1 (a draft, not submitted)" in render_unsaved(store.unsaved_answers())


def test_draft_order_lets_no_older_write_replace_a_newer_one() -> None:
    """Writes of one draft go ahead in ticket order; one that arrives after a newer one is
    turned away (a delete counts as a write); other drafts have their own order."""
    from interview_coach.history.drafts import DraftOrder

    order = DraftOrder()
    first, second, third = order.ticket(), order.ticket(), order.ticket()
    assert first < second < third
    key = ("bank", "q1", None)
    assert order.admit(key, second)
    assert not order.admit(key, first)  # read before the text already written
    assert order.admit(key, second)  # the same text again (a retry) may go ahead
    assert order.admit(("bank", "q1", "aside"), first)  # another window's row
    assert order.admit(("bank", "q2", None), first)  # another question
    assert order.admit(key, third)
    assert not order.admit(key, second)
