"""Typed characters that arrive together become one edit, and keys already received are handled.

A terminal without bracketed paste sends a paste as keystrokes: one key event each, each an edit,
a redraw and a rescoring of the answer (20 KB took 30 s). The input thread groups the typed
characters of one read into a :class:`TypedRun`; the app hands the run to the answer editor as
one insertion, or, anywhere else, replays its keys one by one exactly as they came.

:func:`drain_focused` waits until the focused widget has handled the keys already forwarded to
it, so quitting right after typing never drops the end of the text.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

MIN_RUN = 2  # a single key stays a key


class TypedRun(Message):
    """Characters typed (or pasted as keystrokes) that arrived in one read of the terminal."""

    def __init__(self, keys: list[events.Key]) -> None:
        super().__init__()
        self.keys = keys

    @property
    def text(self) -> str:
        """What the keys type, Enter as a newline."""
        return "".join("\n" if key.key == "enter" else key.character or "" for key in self.keys)


def is_typed(message: Message) -> bool:
    """A key that types a character into an editor (Enter included, Tab not: it moves focus)."""
    return isinstance(message, events.Key) and message.character is not None and (
        message.is_printable or message.key == "enter")


def coalesce(messages: Iterable[Message]) -> list[Message]:
    """``messages`` with each run of typed keys (of :data:`MIN_RUN` or more) as one TypedRun."""
    out: list[Message] = []
    run: list[events.Key] = []

    def flush() -> None:
        if len(run) >= MIN_RUN:
            out.append(TypedRun(list(run)))
        else:
            out.extend(run)
        run.clear()

    for message in messages:
        if is_typed(message):
            assert isinstance(message, events.Key)
            run.append(message)
            continue
        flush()
        out.append(message)
    flush()
    return out


async def deliver(app: App[Any], run: TypedRun) -> None:
    """Insert the run into the focused answer editor as one edit; anywhere else, replay its keys."""
    from interview_coach.tui.widgets.editor import AnswerEditor

    focused = app.focused
    if isinstance(focused, AnswerEditor) and not focused.read_only and not _priority(app, run):
        focused.post_message(events.Paste(run.text))
        return
    for key in run.keys:
        await app.on_event(key)


def _priority(app: App[Any], run: TypedRun) -> bool:
    """Whether a key of the run has a priority binding (which would act before the editor)."""
    active = app.active_bindings
    return any(name in active and active[name].binding.priority
               for name in {key.key for key in run.keys})


async def drain_focused(app: App[Any], timeout: float) -> None:
    """Wait (at most ``timeout`` seconds) until the focused widget has handled the events
    already queued for it."""
    target = app.focused
    if target is None:
        return
    done = asyncio.Event()
    if not target.call_later(done.set):
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), timeout)
