"""Runs the TUI's history (:mod:`interview_coach.history.memory`) off the screen's thread.

Every call runs on one private thread (SQLite connections belong to the thread that made them,
and a slow disk must never stall the screen); screens ``await app.db(...)`` the result.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from interview_coach.history.memory import History

T = TypeVar("T")


class HistoryRunner:
    """Runs every History call on one private thread, so the screen never waits on a disk."""

    def __init__(self, opener: Callable[[], tuple[History, list[str]]]) -> None:
        self._opener = opener
        self._history: History | None = None
        self.notices: list[str] = []
        self._shown = 0  # how many of the history's own notices the screen has been given
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")

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
        """Call a History method on the history thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(self._run, method, args, kwargs))

    def close(self) -> None:
        """Close the history and stop its thread."""
        if self._history is not None:
            self._pool.submit(self._history.close).result()
        self._pool.shutdown(wait=True)

