"""Runs the TUI's history (:mod:`interview_coach.history.memory`) off the screen's thread.

Every call runs on one private thread (SQLite connections belong to the thread that made them,
and a slow disk must never stall the screen). Screens call the typed methods below
(``await app.history.record_attempt(...)``), which the type checker sees: a failure becomes a
message for the user (through ``report``) and ``None``, never an exception on the screen.
Screens call only these typed methods.

Draft writes are ordered by :class:`~interview_coach.history.drafts.DraftOrder`: a screen takes
a :meth:`HistoryRunner.draft_ticket` when it reads the text to save, and a write older than one
already made to the same draft is dropped, so a save that reaches the history thread late never
puts back an older text.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from interview_coach.history.drafts import Draft, DraftKey, DraftOrder
from interview_coach.history.memory import History
from interview_coach.history.records import Attempt, BankProgress, Session
from interview_coach.scoring import ScoreResult

T = TypeVar("T")
Report = Callable[[str, str], None]  # (message, severity: "error" or "warning")


def _ignore(message: str, severity: str) -> None:
    """The default report: nothing (the app sets its own)."""


class HistoryRunner:
    """Runs every History call on one private thread, so the screen never waits on a disk."""

    def __init__(self, opener: Callable[[], tuple[History, list[str]]],
                 report: Report = _ignore) -> None:
        self._opener = opener
        self._history: History | None = None
        self.notices: list[str] = []
        self.report = report
        self._shown = 0  # how many of the history's own notices the screen has been given
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")
        self._drafts = DraftOrder()

    def _get(self) -> History:
        if self._history is None:
            self._history, self.notices = self._opener()
            self._shown = len(getattr(self._history, "notices", []))
        return self._history

    def warm(self) -> None:
        """Open the history on its thread now, while the first screen is drawn and banks load."""
        self._pool.submit(self._get)  # a failure here is met again, and shown, at the first call

    def new_notices(self) -> list[str]:
        """Messages the history added since the last call (a lock held back a save, a full disk)."""
        found = list(getattr(self._history, "notices", []) or [])
        fresh, self._shown = found[self._shown:], len(found)
        return fresh

    def call_sync(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call a History method on the history thread and wait (for shutdown paths)."""
        return self._pool.submit(self._run, method, args, kwargs).result()

    def _run(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return getattr(self._get(), method)(*args, **kwargs)

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call a History method by name on the history thread (raises what it raises)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(self._run, method, args, kwargs))

    async def guarded(self, name: str, job: Callable[[History], T]) -> T | None:
        """Run ``job`` on the history thread; a failure is reported and gives None."""
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self._pool, lambda: job(self._get()))
        except Exception as exc:  # a failing save must not stop the app: tell the user, go on
            self.report(f"History: {name} failed: {exc}", "error")
            return None
        for notice in self.new_notices():  # e.g. kept in memory while the file is locked
            self.report(notice, "warning")
        return result

    # The typed calls the screens make (one per History method).

    async def record_attempt(self, *, bank_id: str, bank_hash: str, question_id: str, answer: str,
                             result: ScoreResult, mode: str, started_at: datetime,
                             submitted_at: datetime, session_id: int | None = None) -> int | None:
        """Save one attempt; its id, or None if it could not be saved."""
        return await self.guarded("record_attempt", lambda h: h.record_attempt(
            bank_id=bank_id, bank_hash=bank_hash, question_id=question_id, answer=answer,
            result=result, mode=mode, started_at=started_at, submitted_at=submitted_at,
            session_id=session_id))

    async def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """Begin a mock interview session; its id."""
        return await self.guarded("start_session", lambda h: h.start_session(bank_id, mode))

    async def unfinished_sessions(self, bank_id: str, mode: str = "mock") -> list[tuple[Session, int]]:
        """Sessions of the bank never ended, with how many answers each kept."""
        found = await self.guarded("unfinished_sessions",
                                   lambda h: h.unfinished_sessions(bank_id, mode))
        return found or []

    async def end_session(self, session_id: int) -> None:
        """Mark a session finished."""
        await self.guarded("end_session", lambda h: h.end_session(session_id))

    def draft_ticket(self) -> int:
        """A sequence number for a draft write: take it when the text to save is read."""
        return self._drafts.ticket()

    async def save_draft(self, bank_id: str, question_id: str, text: str,
                         window: str | None = None, ticket: int | None = None) -> bool | None:
        """Keep the text being typed (this window's draft, or ``window``'s). True once it is
        written; False, not written, when a write of the same draft with a newer ``ticket``
        (taken when the text was read; now, if not given) was already made; None if it failed."""
        if window is None:
            return await self._draft_write("save_draft", (bank_id, question_id, None), ticket,
                                           lambda h: h.save_draft(bank_id, question_id, text))
        return await self._draft_write(
            "save_draft", (bank_id, question_id, window), ticket,
            lambda h: h.save_draft(bank_id, question_id, text, window=window))

    async def drafts(self, bank_id: str, question_id: str) -> list[Draft]:
        """Every saved draft of the question, of any window (none if they cannot be read)."""
        found = await self.guarded("drafts", lambda h: h.drafts(bank_id, question_id))
        return found or []

    async def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The saved draft, if any."""
        return await self.guarded("load_draft", lambda h: h.load_draft(bank_id, question_id))

    async def delete_draft(self, bank_id: str, question_id: str,
                           window: str | None = None, ticket: int | None = None) -> bool | None:
        """Drop this window's draft (or ``window``'s), ordered with its writes as
        :meth:`save_draft` is: True once dropped, False if a newer text came first, None if
        it failed."""
        if window is None:
            return await self._draft_write("delete_draft", (bank_id, question_id, None), ticket,
                                           lambda h: h.delete_draft(bank_id, question_id))
        return await self._draft_write(
            "delete_draft", (bank_id, question_id, window), ticket,
            lambda h: h.delete_draft(bank_id, question_id, window=window))

    async def _draft_write(self, name: str, key: DraftKey, ticket: int | None,
                           write: Callable[[History], None]) -> bool | None:
        """Run ``write`` on the history thread unless a newer write of the draft came first."""
        order = self._drafts.ticket() if ticket is None else ticket

        def job(history: History) -> bool:
            if not self._drafts.admit(key, order):
                return False  # older than a text already written: it would undo it
            write(history)
            return True

        return await self.guarded(name, job)

    async def answers_at_risk(self) -> int:
        """How many answers of this run the history could not write (lost at close unless
        rescued); 0 for a history that cannot tell."""
        count = await self.guarded("answers_at_risk",
                                   lambda h: getattr(h, "answers_at_risk", lambda: 0)())
        return int(count or 0)

    async def attempts(self, bank_id: str | None = None, question_id: str | None = None,
                       limit: int | None = None) -> list[Attempt]:
        """Past attempts, newest first (none if they cannot be read)."""
        found = await self.guarded("attempts", lambda h: h.attempts(bank_id, question_id, limit))
        return found or []

    async def progress(self, bank_id: str, question_ids: list[str]) -> BankProgress | None:
        """Progress for one bank."""
        return await self.guarded("progress", lambda h: h.progress(bank_id, question_ids))

    async def due_questions(self, bank_id: str, question_ids: list[str],
                            now: datetime | None = None) -> list[str]:
        """Questions due for review, most due first (none if they cannot be read)."""
        found = await self.guarded("due_questions",
                                   lambda h: h.due_questions(bank_id, question_ids, now))
        return found or []

    async def next_due(self, bank_id: str) -> datetime | None:
        """When the bank's next question becomes due (None when nothing was practised)."""
        return await self.guarded("next_due", lambda h: h.next_due(bank_id))

    def close(self) -> None:
        """Close the history and stop its thread."""
        if self._history is not None:
            self._pool.submit(self._history.close).result()
        self._pool.shutdown(wait=True)
