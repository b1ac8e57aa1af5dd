"""The real app on a pseudo-terminal, for the tests that type at it as a terminal would.

One harness for every pty test: it starts ``python -m interview_coach ARGS`` on a pty of 32 rows
and 100 columns with the data directory given, collects what the app writes, types, sends
signals, hangs up, and reads the history back through the store.

By default the pty is not the app's controlling terminal (closing it sends no SIGHUP: the app
sees only end of input or EIO, issue 14 point 8). ``controlling=True`` makes it the app's
controlling terminal, as in a terminal window.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from interview_coach.history.store import Store

REPO = Path(__file__).resolve().parents[2]
BANK = REPO / "tests" / "data" / "tui_bank.yaml"
BANK_ID, QUESTION = "tui-demo", "angry-caller"
STARTUP = 90.0  # seconds: a loaded machine is slow to start Textual
EXIT_ALT_SCREEN = b"\x1b[?1049l"  # the app left the alternate screen: the terminal is restored
ROWS, COLUMNS = 32, 100


class _Forked:
    """A child made by ``pty.fork``, with the part of ``subprocess.Popen`` the harness uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        assert self.returncode is not None
        return self.returncode


class Terminal:
    """The app on a pty, its output collected (``output``) while the test waits."""

    def __init__(self, home: Path, args: Sequence[str] = ("practice", str(BANK)), *,
                 cwd: Path = REPO, controlling: bool = False) -> None:
        env = {**os.environ, "INTERVIEW_COACH_HOME": str(home), "TERM": "xterm-256color",
               "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
        env.pop("TEXTUAL", None)
        argv = [sys.executable, "-m", "interview_coach", *args]
        size = struct.pack("HHHH", ROWS, COLUMNS, 0, 0)
        self.proc: subprocess.Popen[bytes] | _Forked
        if controlling:
            pid, master = pty.fork()
            if pid == 0:  # the child: a session of its own, the pty its terminal
                try:
                    os.chdir(cwd)
                    os.execve(sys.executable, argv, env)
                finally:
                    os._exit(127)
            fcntl.ioctl(master, termios.TIOCSWINSZ, size)
            self.proc = _Forked(pid)
        else:
            master, slave = pty.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
            self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                         start_new_session=True, cwd=cwd)
            os.close(slave)
        self.master: int | None = master
        self.output = bytearray()

    def pump(self, seconds: float) -> None:
        """Collect output for ``seconds`` (less once the app has gone and all is read)."""
        end = time.monotonic() + seconds
        while self.master is not None:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: the app has gone
                    return
                if not chunk:
                    return
                self.output += chunk

    def seen(self, needle: bytes) -> bool:
        """Whether the app has written ``needle``."""
        return needle in self.output

    def wait_for(self, needle: bytes, timeout: float = 30) -> float:
        """Wait until ``needle`` is on screen; the seconds it took."""
        start = time.monotonic()
        while needle not in self.output and time.monotonic() - start < timeout:
            if self.proc.poll() is not None:
                self.pump(0.2)  # what it wrote last
                break
            self.pump(0.05)
        assert needle in self.output, (f"{needle!r} never shown (exit {self.proc.poll()}); "
                                       f"last output: {bytes(self.output[-600:])!r}")
        return time.monotonic() - start

    def write(self, data: bytes) -> None:
        """Send bytes as the terminal would (one write: one read for the app, mostly)."""
        assert self.master is not None
        os.write(self.master, data)

    def type(self, text: str, chunk: int = 4) -> None:
        """Type ``text`` a few keys at a time, as a person would."""
        data = text.encode("utf-8")
        for start in range(0, len(data), chunk):
            self.write(data[start:start + chunk])
            self.pump(0.01)

    def write_in_background(self, data: bytes, chunk: int = 1024) -> threading.Thread:
        """Send a long burst from a thread (the pty buffer is small)."""
        master = self.master
        assert master is not None

        def run() -> None:
            for start in range(0, len(data), chunk):
                try:
                    os.write(master, data[start:start + chunk])
                except OSError:
                    return

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread

    def hang_up(self) -> None:
        """Close the terminal (the master side) without any signal."""
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def wait_exit(self, timeout: float) -> tuple[int, float]:
        """The exit code and the seconds it took to come, draining output meanwhile (and what
        the app wrote last, once it has gone)."""
        start = time.monotonic()
        while self.proc.poll() is None and time.monotonic() - start < timeout:
            if self.master is not None:
                self.pump(0.02)
            else:
                time.sleep(0.02)
        took = time.monotonic() - start
        code = self.proc.poll()
        assert code is not None, f"still running after {took:.1f} s"
        self.pump(0.5)
        return code, took

    def close(self) -> None:
        """End the app if it is still running, and close the pty."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.hang_up()


def stored_drafts(home: Path, bank_id: str = BANK_ID, question: str = QUESTION) -> list[str]:
    """Every saved draft of the question in the history of ``home`` (any window's)."""
    store = Store.open(home / "history.db")
    try:
        return sorted(d.text for d in store.drafts(bank_id, question))
    finally:
        store.close()


def stored_draft(home: Path, bank_id: str = BANK_ID, question: str = QUESTION) -> str | None:
    """The question's saved draft, as the app would offer it first."""
    store = Store.open(home / "history.db")
    try:
        return store.load_draft(bank_id, question)
    finally:
        store.close()


def stored_answers(home: Path, bank_id: str = BANK_ID) -> list[str]:
    """The answers submitted, newest first."""
    store = Store.open(home / "history.db")
    try:
        return [a.answer for a in store.attempts(bank_id=bank_id)]
    finally:
        store.close()
