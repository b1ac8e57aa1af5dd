"""The app's terminal driver: Textual's Linux/macOS driver that notices a lost terminal.

When the terminal goes away without SIGHUP reaching the app (the window closed under a
process that is not its session leader, the parent shell gone), reading input gives end of
file or EIO. Textual's input thread then spins on the empty read (40% CPU for hours) and a
failed write kills its output thread, after which the app blocks. This driver reads input the
same way, but end of input, a read error, a write error or a new parent process all call the
app's ``terminal_lost`` once (the app saves drafts and leaves). Typed characters of one read are
grouped into one :class:`~interview_coach.tui.coalesce.TypedRun`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import selectors
import sys
import termios
import threading
import time
from codecs import getincrementaldecoder
from typing import Any

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from interview_coach.tui.coalesce import coalesce

MAX_BACKLOG = 100  # messages the app and the focused widget may have waiting before more input
BATCH = 50  # messages posted between two looks at the backlog
READ_SIZE = 64 * 1024  # bytes per read: a keystroke paste arrives in few runs
RESTORE = ("\x1b[<u\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h"
           "\x1b[?1049l\x1b[?25h\x1b[?1004l")  # what leaving application mode writes


def driver_class() -> type[Driver] | None:
    """:class:`CoachDriver` where Textual would use its Linux driver; otherwise Textual's choice."""
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    return CoachDriver


class _GuardedOutput:
    """The terminal output: a failed write reports the terminal lost instead of raising."""

    def __init__(self, file: Any, lost: Any) -> None:
        self._file = file
        self._lost = lost

    def write(self, text: str) -> int:
        try:
            return self._file.write(text)
        except (OSError, ValueError):
            self._lost("output failed")
            return len(text)

    def flush(self) -> None:
        try:
            self._file.flush()
        except (OSError, ValueError):
            self._lost("output failed")

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True


class CoachDriver(LinuxDriver):
    """Textual's driver with a guarded output and an input thread that notices a lost terminal."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._raw_file = self._file
        self._file = _GuardedOutput(self._file, self._lost)  # type: ignore[assignment]
        self._lost_once = threading.Event()
        self._parent = os.getppid()
        self._last_post: Any = None

    def _lost(self, why: str) -> None:
        if self._lost_once.is_set():
            return
        self._lost_once.set()
        callback = getattr(self._app, "terminal_lost", None)
        if callback is not None:
            try:
                self._loop.call_soon_threadsafe(callback, why)
            except RuntimeError:  # the loop has closed: the app is ending anyway
                pass

    def run_input_thread(self) -> None:
        """Read the terminal, parse keys, post them (typed runs grouped); stop when it is gone."""
        from textual._xterm_parser import XTermParser

        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        try:
            while not self.exit_event.is_set():
                if selector.select(0.1):
                    try:
                        data = os.read(self.fileno, READ_SIZE)
                    except OSError:  # EIO: the terminal hung up
                        data = b""
                    if not data:
                        self._lost("end of input")
                        return
                    for count, message in enumerate(coalesce(parser.feed(decode(data))), 1):
                        self.process_message(message)
                        if count % BATCH == 0:
                            self._wait_for_app()
                    self._wait_for_app()
                for message in parser.tick():
                    self.process_message(message)
                if os.getppid() != self._parent:
                    self._lost("parent gone")
                    return
        finally:
            selector.close()

    def send_message(self, message: Any) -> None:
        """Post to the app (remembering the last post, to wait for it)."""
        self._last_post = asyncio.run_coroutine_threadsafe(
            self._app._post_message(message), loop=self._loop)

    def _wait_for_app(self) -> None:
        # Back-pressure: a flood of keys must not bury the event loop (a signal or a save
        # then waits behind all of it). Let the loop take this read's keys, and let the app
        # work its queue down, before reading more; the terminal holds the rest meanwhile.
        last, self._last_post = self._last_post, None
        if last is not None:
            with contextlib.suppress(Exception):
                last.result(timeout=1.0)
        while not self.exit_event.is_set() and not self._lost_once.is_set() and (
                self._backlog() > MAX_BACKLOG or getattr(self._app, "leaving", False)):
            time.sleep(0.01)

    def _backlog(self) -> int:
        # Read from this thread without locks: a size, good enough to hold input back.
        app = self._app
        total: int = app._message_queue.qsize()
        try:
            focused = app.focused
        except Exception:  # no screen yet, or one being replaced
            focused = None
        if focused is not None:
            total += focused._message_queue.qsize()
        return total

    def restore_now(self) -> None:
        """Put the terminal back as it was, without the output thread (for a forced exit)."""
        try:
            if self._raw_file is not None:
                os.write(self._raw_file.fileno(), RESTORE.encode())
        except (OSError, ValueError):
            pass
        if self.attrs_before is not None:
            try:
                termios.tcsetattr(self.fileno, termios.TCSANOW, self.attrs_before)
            except termios.error:
                pass
