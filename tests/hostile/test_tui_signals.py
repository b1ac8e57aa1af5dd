"""SIGTERM and SIGHUP while typing: the draft is saved, the terminal restored, exit status 0."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_coach.history.store import Store

REPO = Path(__file__).resolve().parents[2]
BANK = REPO / "tests" / "data" / "tui_bank.yaml"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")]


def read_for(fd: int, seconds: float) -> bytes:
    """Everything the app writes during ``seconds``."""
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def wait_for(fd: int, needle: bytes, timeout: float = 20) -> bytes:
    """Read until ``needle`` shows (the app is up)."""
    out = b""
    end = time.monotonic() + timeout
    while needle not in out and time.monotonic() < end:
        out += read_for(fd, 0.1)
    assert needle in out, out[-500:]
    return out


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_draft_and_exits_cleanly(sig: signal.Signals, tmp_path: Path) -> None:
    """Type an answer, get the signal: status 0, the terminal back to normal, the draft kept."""
    master, slave = pty.openpty()
    env = {**os.environ, "INTERVIEW_COACH_HOME": str(tmp_path), "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "32"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "interview_coach", "practice", str(BANK)],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, cwd=REPO)
    os.close(slave)
    try:
        wait_for(master, b"Theme meter")
        os.write(master, b"calm and patient")
        wait_for(master, b"patient")  # the keys were handled and drawn
        proc.send_signal(sig)
        tail = read_for(master, 3)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert b"\x1b[?1049l" in tail  # left the alternate screen: the terminal is restored
    store = Store.open(tmp_path / "history.db")
    try:
        assert store.load_draft("tui-demo", "angry-caller") == "calm and patient"
    finally:
        store.close()
