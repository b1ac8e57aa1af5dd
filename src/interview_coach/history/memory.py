"""The history the app talks to (:class:`History`), and :class:`MemoryHistory`, kept in memory.

The app uses the SQLite :class:`~interview_coach.history.store.Store` when it opens, and memory
when it does not (and in tests).
"""

from __future__ import annotations

import itertools
from datetime import datetime
from statistics import mean
from typing import Any, Protocol, cast

from interview_coach.history.records import Attempt, BankProgress, ThemeProgress
from interview_coach.history.store import Store


class History(Protocol):
    """The part of :class:`interview_coach.history.store.Store` the TUI uses."""

    saving: bool

    def record_attempt(self, **kwargs: Any) -> int | None:
        """Save one attempt."""

    def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """Begin a mock interview session."""

    def end_session(self, session_id: int) -> None:
        """Mark a session finished."""

    def save_draft(self, bank_id: str, question_id: str, text: str) -> None:
        """Keep the text being typed."""

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The saved draft, if any."""

    def delete_draft(self, bank_id: str, question_id: str) -> None:
        """Drop a draft."""

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

    def close(self) -> None:
        """Flush and close."""


class MemoryHistory:
    """A History kept in memory: for tests, and when the database cannot be opened."""

    saving = False

    def __init__(self) -> None:
        self._attempts: list[Attempt] = []
        self._drafts: dict[tuple[str, str], str] = {}
        self._ids = itertools.count(1)

    def record_attempt(self, **kwargs: Any) -> int | None:
        """Keep one attempt; ``kwargs`` are those of ``Store.record_attempt``."""
        started, submitted = kwargs["started_at"], kwargs["submitted_at"]
        attempt = Attempt(
            id=next(self._ids), score=int(kwargs["result"].get("score", 0)),
            seconds=(submitted - started).total_seconds(), **kwargs,
        )
        self._attempts.append(attempt)
        return attempt.id

    def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """A new session id."""
        return next(self._ids)

    def end_session(self, session_id: int) -> None:
        """Nothing to do in memory."""

    def save_draft(self, bank_id: str, question_id: str, text: str) -> None:
        """Keep the draft."""
        self._drafts[bank_id, question_id] = text

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The draft, if any."""
        return self._drafts.get((bank_id, question_id))

    def delete_draft(self, bank_id: str, question_id: str) -> None:
        """Forget the draft."""
        self._drafts.pop((bank_id, question_id), None)

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
        """Counts, mean and weakest themes from the kept attempts."""
        mine = self.attempts(bank_id)
        scores = [a.score for a in mine]
        themes = _theme_progress(mine)
        practised = {a.question_id for a in mine}
        return BankProgress(
            bank_id=bank_id, attempts=len(mine), questions_practised=len(practised),
            questions_total=len(question_ids), mean_score=mean(scores) if scores else None,
            best_score=max(scores) if scores else None, trend=None,
            weakest_themes=[t.theme_id for t in sorted(themes, key=lambda t: t.mean_strength)[:3]],
            never_tried=[q for q in question_ids if q not in practised], themes=themes,
        )

    def due_questions(self, bank_id: str, question_ids: list[str],
                      now: datetime | None = None) -> list[str]:
        """Practised questions whose last score was under 70, weakest first."""
        last: dict[str, int] = {}
        for attempt in self.attempts(bank_id):
            last.setdefault(attempt.question_id, attempt.score)
        return sorted((q for q, s in last.items() if s < 70 and q in question_ids), key=lambda q: last[q])

    def close(self) -> None:
        """Nothing to flush."""


def _theme_progress(attempts: list[Attempt]) -> list[ThemeProgress]:
    seen: dict[str, list[tuple[bool, float]]] = {}
    for attempt in attempts:
        for theme in attempt.result.get("themes", []):
            if theme.get("expected"):
                seen.setdefault(theme["id"], []).append((theme["covered"], theme["strength"]))
    return [ThemeProgress(tid, len(v), sum(c for c, _ in v), mean(s for _, s in v))
            for tid, v in sorted(seen.items())]


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
