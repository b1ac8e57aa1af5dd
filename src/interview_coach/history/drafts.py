"""Drafts of several windows: each app process ("window") keeps its own draft of a question.

Two windows on one data directory used to overwrite each other's draft of the same question
(issue 14 point 4). A draft is now keyed by (bank, question, window): a window writes only its
own row, and when a question opens every saved draft of it is offered (the user chooses which
to continue; the others are kept). A window's id is made once per process, so the drafts of a
window that has since closed (or crashed) are still there, offered like the others.

Core module: no Textual.
"""

from __future__ import annotations

import itertools
import os
import secrets
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime

LEGACY_WINDOW = ""  # drafts saved before windows had ids (schema 2 and older)

DraftKey = tuple[str, str, str | None]  # bank id, question id, window (None: this window's)


def _make_window_id() -> str:
    host = (socket.gethostname() or "host").split(".")[0][:32]
    return f"{host}-{os.getpid()}-{secrets.token_hex(3)}"


_WINDOW = _make_window_id()


def this_window() -> str:
    """The id of this process's window (the same for every history it opens)."""
    return _WINDOW


def aside_window(window: str) -> str:
    """A fresh key to keep a window's earlier draft under, when the window goes on with another
    one: the earlier draft stays saved (and is offered next time) instead of being overwritten."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{window}~{stamp}-{secrets.token_hex(2)}"


@dataclass(frozen=True)
class Draft:
    """One saved draft of a question: whose window, the text, when it was last saved."""

    window: str
    text: str
    updated_at: datetime | None
    mine: bool  # saved by this window (this process)

    def when(self, today: date | None = None) -> str:
        """When it was saved, in local time: '09:30' today, else '2026-03-02 09:30'; '' when
        the time is unknown."""
        if self.updated_at is None:
            return ""
        moment = self.updated_at
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        if moment.date() == (today or date.today()):
            return f"{moment:%H:%M}"
        return f"{moment:%Y-%m-%d %H:%M}"


def parse_time(value: object) -> datetime | None:
    """A stored ``updated_at`` as a datetime (None when it is missing or not a time)."""
    try:
        return datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def newest_first(drafts: list[Draft]) -> list[Draft]:
    """This window's draft first, then the others, most recently saved first."""

    def stamp(d: Draft) -> float:
        moment = d.updated_at
        if moment is None:
            return float("-inf")
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()

    by_time = sorted(drafts, key=stamp, reverse=True)
    return sorted(by_time, key=lambda d: not d.mine)  # stable: time order kept within each


class DraftOrder:
    """The newest text wins among the writes of one draft, whatever order they reach the store.

    The app reads what is typed on one thread and writes it on another, and a write can be
    handed over after a newer one (a save that first keeps an earlier draft aside waits for
    that write before it writes its own text). So each write takes a :meth:`ticket` when its
    text is read, and :meth:`admit`, asked just before writing, lets a write through only when
    no write with a newer ticket was made to the same draft: an older text never replaces a
    newer one. A delete is a write like the others. Thread-safe.
    """

    def __init__(self) -> None:
        self._tickets = itertools.count(1)
        self._newest: dict[DraftKey, int] = {}
        self._lock = threading.Lock()

    def ticket(self) -> int:
        """The next sequence number (take it when the text to write is read)."""
        with self._lock:
            return next(self._tickets)

    def admit(self, key: DraftKey, ticket: int) -> bool:
        """Whether the write of ``key`` read at ``ticket`` may go ahead (then it is the newest);
        False when a write read later was already made."""
        with self._lock:
            if ticket < self._newest.get(key, 0):
                return False
            self._newest[key] = ticket
            return True
