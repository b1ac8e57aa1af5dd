"""The real app in a pseudo-terminal: SIGTERM and SIGHUP save the draft and restore the terminal.

Each test starts ``python -m interview_coach practice BANK --question ID`` on a pty (TERM set,
a window size, the data directory in a temporary folder), types an answer, waits for it on
screen and for the draft debounce, types a little more, then sends the signal. The draft holds
every character typed, the exit code is 0, and the app left the alternate screen.
"""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import TARGET_BANK

from interview_coach.history.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

BANK_ID, QUESTION = "hostile-target", "upset-caller"
EXIT_ALT_SCREEN = b"\x1b[?1049l"
STARTUP = 60.0  # seconds: a loaded CI machine can be slow to start Textual


class PtyApp:
    """A child process on a pseudo-terminal, with everything it writes collected."""

    def __init__(self, args: list[str], home: Path, size: tuple[int, int] = (32, 100)) -> None:
        env = dict(os.environ, TERM="xterm-256color", INTERVIEW_COACH_HOME=str(home),
                   COLUMNS=str(size[1]), LINES=str(size[0]))
        env.pop("TEXTUAL", None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: its stdin, stdout and stderr are the pty
            try:
                os.execve(sys.executable, [sys.executable, "-m", "interview_coach", *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.status: int | None = None

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO once the child has gone
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def seen(self, needle: bytes) -> bool:
        """Whether the child has written ``needle``."""
        with self._lock:
            return needle in self.output

    def wait_for(self, needle: bytes, timeout: float) -> None:
        """Wait until the child writes ``needle``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.seen(needle):
                return
            if self.poll() is not None:
                break
            time.sleep(0.05)
        with self._lock:
            tail = bytes(self.output[-2000:])
        raise AssertionError(f"{needle!r} never shown (exit {self.status}); last output: {tail!r}")

    def type(self, text: str) -> None:
        """Type ``text`` as keys (a few at a time, as a person would)."""
        data = text.encode("utf-8")
        for start in range(0, len(data), 4):
            os.write(self.fd, data[start:start + 4])
            time.sleep(0.01)

    def poll(self) -> int | None:
        """The exit code, once the child has ended."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self, timeout: float) -> int:
        """Wait for the child to end; its exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.poll()
            if code is not None:
                self._reader.join(timeout=5)
                return code
            time.sleep(0.05)
        raise AssertionError("the app did not exit after the signal")

    def close(self) -> None:
        """Kill the child if it is still there and close the pty."""
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.fixture
def practice(private_home: Path) -> Iterator[PtyApp]:
    """The practice screen of the target bank's first question, on a pty."""
    app = PtyApp(["practice", str(TARGET_BANK), "--question", QUESTION], private_home)
    try:
        yield app
    finally:
        app.close()


def draft_of(home: Path) -> str | None:
    """The saved draft, read back through the store."""
    store = Store.open(home / "history.db")
    try:
        return store.load_draft(BANK_ID, QUESTION)
    finally:
        store.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_saves_draft_and_restores_terminal(practice: PtyApp, private_home: Path,
                                                  sig: signal.Signals) -> None:
    practice.wait_for(b"upset", STARTUP)  # the prompt is on screen
    time.sleep(0.5)
    practice.type("I stayed calm and listened")
    practice.wait_for(b"listened", 20)
    time.sleep(1.5)  # the draft debounce (0.5 s) has certainly run
    practice.type(" then rebooked her")
    practice.wait_for(b"rebooked", 20)
    os.kill(practice.pid, sig)
    code = practice.wait(30)
    assert code == 0
    assert practice.seen(EXIT_ALT_SCREEN)
    assert draft_of(private_home) == "I stayed calm and listened then rebooked her"
    assert not practice.seen(b"Traceback")


def test_sigterm_right_after_typing_still_saves(practice: PtyApp, private_home: Path) -> None:
    """No debounce wait: the signal handler itself saves what is in the editor."""
    practice.wait_for(b"upset", STARTUP)
    time.sleep(0.5)
    practice.type("calm words")
    practice.wait_for(b"words", 20)
    os.kill(practice.pid, signal.SIGTERM)
    assert practice.wait(30) == 0
    assert practice.seen(EXIT_ALT_SCREEN)
    assert draft_of(private_home) == "calm words"
