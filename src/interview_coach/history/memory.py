"""The history the app talks to (:class:`History`), and :class:`MemoryHistory`, kept in memory.

The app uses the SQLite :class:`~interview_coach.history.store.Store` when it opens, and memory
when it does not (and in tests).
"""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, cast

from interview_coach.history import schedule
from interview_coach.history.drafts import Draft, newest_first, this_window
from interview_coach.history.progress import bank_progress, due_order, theme_progress
from interview_coach.history.records import Attempt, BankProgress, Session
from interview_coach.history.rows import _expected_themes, _now, _score_of, _utc
from interview_coach.history.store import Store

if TYPE_CHECKING:
    from interview_coach.scoring import ScoreResult


class History(Protocol):
    """The part of :class:`interview_coach.history.store.Store` the TUI uses."""

    saving: bool

    def record_attempt(self, *, bank_id: str, bank_hash: str, question_id: str, answer: str,
                       result: ScoreResult, mode: str, started_at: datetime,
                       submitted_at: datetime, session_id: int | None = None) -> int | None:
        """Save one attempt."""

    def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """Begin a mock interview session."""

    def end_session(self, session_id: int) -> None:
        """Mark a session finished."""

    def unfinished_sessions(self, bank_id: str | None = None,
                            mode: str = "mock") -> list[tuple[Session, int]]:
        """Sessions never ended, with how many answers each kept."""

    def save_draft(self, bank_id: str, question_id: str, text: str,
                   window: str | None = None) -> None:
        """Keep the text being typed (this window's draft, or ``window``'s)."""

    def drafts(self, bank_id: str, question_id: str) -> list[Draft]:
        """Every saved draft of the question, of any window."""

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The saved draft, if any."""

    def delete_draft(self, bank_id: str, question_id: str, window: str | None = None) -> None:
        """Drop this window's draft (or ``window``'s)."""

    def attempts(self, bank_id: str | None = None, question_id: str | None = None,
                 limit: int | None = None) -> list[Attempt]:
        """Past attempts, newest first."""

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt by id."""

    def progress(self, bank_id: str, question_ids: list[str]) -> BankProgress:
        """Progress for one bank."""

    def due_questions(self, bank_id: str, question_ids: list[str],
                      now: datetime | None = None) -> list[str]:
        """Questions due for review."""

    def next_due(self, bank_id: str) -> datetime | None:
        """When the bank's next question becomes due (None when nothing was practised)."""

    def close(self) -> None:
        """Flush and close."""


class MemoryHistory:
    """A History kept in memory: for tests, and when the database cannot be opened.

    It follows the store's rules exactly (:mod:`interview_coach.history.progress` and the FSRS
    schedule of :mod:`interview_coach.history.schedule`); a test runs one scenario through both.
    """

    saving = False

    def __init__(self, window: str | None = None) -> None:
        self.window = window or this_window()
        self._attempts: list[Attempt] = []
        # (bank id, question id, window) -> (text, when saved), as the store's drafts table
        self._drafts: dict[tuple[str, str, str], tuple[str, datetime]] = {}
        self._ids = itertools.count(1)
        self._sessions: dict[int, Session] = {}
        # (bank id, question id) -> (FSRS card as JSON, due, last score), as the store's review table
        self._cards: dict[tuple[str, str], tuple[str, datetime, int]] = {}

    def record_attempt(self, *, bank_id: str, bank_hash: str, question_id: str, answer: str,
                       result: ScoreResult, mode: str, started_at: datetime,
                       submitted_at: datetime, session_id: int | None = None) -> int | None:
        """Keep one attempt, as ``Store.record_attempt`` saves it."""
        score = _score_of(result)
        attempt = Attempt(
            id=next(self._ids), bank_id=bank_id, bank_hash=bank_hash, question_id=question_id,
            answer=answer, score=score, result=result, mode=mode, started_at=started_at,
            submitted_at=submitted_at, session_id=session_id,
            seconds=max(0.0, (_utc(submitted_at) - _utc(started_at)).total_seconds()),
        )
        self._attempts.append(attempt)
        key = (attempt.bank_id, attempt.question_id)
        previous = self._cards.get(key)
        card, due = schedule.review(previous[0] if previous else None, score, _utc(submitted_at), *key)
        self._cards[key] = (card, _utc(due), score)
        return attempt.id

    def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """A new session id."""
        session_id = next(self._ids)
        self._sessions[session_id] = Session(session_id, bank_id, mode, _now(), None)
        return session_id

    def end_session(self, session_id: int) -> None:
        """Mark the session finished."""
        if session_id in self._sessions:
            self._sessions[session_id].ended_at = _now()

    def unfinished_sessions(self, bank_id: str | None = None,
                            mode: str = "mock") -> list[tuple[Session, int]]:
        """Sessions never ended, newest first, with how many answers each kept."""
        return [(s, sum(1 for a in self._attempts if a.session_id == s.id))
                for s in sorted(self._sessions.values(), key=lambda s: s.id, reverse=True)
                if s.ended_at is None and s.mode == mode and bank_id in (None, s.bank_id)]

    def save_draft(self, bank_id: str, question_id: str, text: str,
                   window: str | None = None) -> None:
        """Keep the draft (this window's, or ``window``'s)."""
        self._drafts[bank_id, question_id, window if window is not None else self.window] = (
            text, _now())

    def drafts(self, bank_id: str, question_id: str) -> list[Draft]:
        """Every draft of the question, this window's first, then the newest."""
        return newest_first([Draft(w, text, when, w == self.window)
                             for (b, q, w), (text, when) in self._drafts.items()
                             if (b, q) == (bank_id, question_id)])

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """This window's draft, else the newest; None when there is none."""
        found = self.drafts(bank_id, question_id)
        return found[0].text if found else None

    def delete_draft(self, bank_id: str, question_id: str, window: str | None = None) -> None:
        """Forget this window's draft (or ``window``'s)."""
        self._drafts.pop((bank_id, question_id, window if window is not None else self.window),
                         None)

    def attempts(self, bank_id: str | None = None, question_id: str | None = None,
                 limit: int | None = None) -> list[Attempt]:
        """Attempts newest first, filtered."""
        found = [a for a in reversed(self._attempts)
                 if bank_id in (None, a.bank_id) and question_id in (None, a.question_id)]
        return found[:limit] if limit is not None else found

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt by id."""
        return next((a for a in self._attempts if a.id == attempt_id), None)

    def progress(self, bank_id: str, question_ids: list[str]) -> BankProgress:
        """Progress for one bank, by the store's rules."""
        mine = sorted((a for a in self._attempts if a.bank_id == bank_id),
                      key=lambda a: _utc(a.submitted_at))
        themes = theme_progress((tid, covered, strength, a.score)
                                for a in mine for tid, covered, strength in _expected_themes(a.result))
        return bank_progress(bank_id, question_ids, [(a.question_id, a.score) for a in mine], themes)

    def due_questions(self, bank_id: str, question_ids: list[str],
                      now: datetime | None = None) -> list[str]:
        """Questions due for review (their FSRS card is due), by the store's rules."""
        cards = [(qid, due, last) for (bid, qid), (_, due, last) in self._cards.items() if bid == bank_id]
        return due_order(cards, _utc(now or _now()), question_ids)

    def unsaved_answers(self) -> list[dict[str, Any]]:
        """Every attempt: none of them is in a file."""
        return [{"bank_id": a.bank_id, "question_id": a.question_id, "answer": a.answer,
                 "submitted_at": a.submitted_at.isoformat()} for a in self._attempts]

    def answers_at_risk(self) -> int:
        """Every attempt: all are lost when the app closes (unless rescued)."""
        return len(self._attempts)

    def next_due(self, bank_id: str) -> datetime | None:
        """When the bank's next question becomes due, as the store's ``next_due``."""
        return min((due for (bid, _), (_, due, _) in self._cards.items() if bid == bank_id),
                   default=None)

    def close(self) -> None:
        """Nothing to flush."""


def open_history() -> tuple[History, list[str]]:
    """The Store when it works, else memory; with messages for the user."""
    try:
        store = Store.open()
        store.attempts(limit=1)  # fail now, not on the first screen, when it is unfinished
    except NotImplementedError:
        return MemoryHistory(), ["History is kept in memory only: the store is not available."]
    except Exception as exc:  # any failure to open: the app still runs, in memory
        return MemoryHistory(), [f"History is kept in memory only: {exc}"]
    notices = list(getattr(store, "notices", []))
    if not getattr(store, "saving", True) and not notices:
        notices.append("History is not being saved (the disk is read-only or full).")
    return cast(History, store), notices
