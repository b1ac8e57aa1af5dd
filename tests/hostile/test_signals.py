"""The real app in a pseudo-terminal: SIGTERM and SIGHUP save the draft and restore the terminal.

Each test starts ``python -m interview_coach practice BANK --question ID`` on a pty (TERM set,
a window size, the data directory in a temporary folder), types an answer, waits for it on
screen and for the draft debounce, types a little more, then sends the signal. The draft holds
every character typed, the exit code is 0, and the app left the alternate screen.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import TARGET_BANK
from pty_support import EXIT_ALT_SCREEN, Terminal, stored_draft

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

BANK_ID, QUESTION = "hostile-target", "upset-caller"
STARTUP = 60.0  # seconds: a loaded CI machine can be slow to start Textual


@pytest.fixture
def practice(private_home: Path) -> Iterator[Terminal]:
    """The practice screen of the target bank's first question, on a pty that is the app's
    controlling terminal."""
    app = Terminal(private_home, ["practice", str(TARGET_BANK), "--question", QUESTION],
                   controlling=True)
    try:
        yield app
    finally:
        app.close()


def draft_of(home: Path) -> str | None:
    """The saved draft, read back through the store."""
    return stored_draft(home, BANK_ID, QUESTION)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_saves_draft_and_restores_terminal(practice: Terminal, private_home: Path,
                                                  sig: signal.Signals) -> None:
    practice.wait_for(b"upset", STARTUP)  # the prompt is on screen
    practice.pump(0.5)
    practice.type("I stayed calm and listened")
    practice.wait_for(b"listened", 20)
    practice.pump(1.5)  # the draft debounce (0.5 s) has certainly run
    practice.type(" then rebooked her")
    practice.wait_for(b"rebooked", 20)
    practice.proc.send_signal(sig)
    code, _ = practice.wait_exit(30)
    assert code == 0
    assert practice.seen(EXIT_ALT_SCREEN)
    assert draft_of(private_home) == "I stayed calm and listened then rebooked her"
    assert not practice.seen(b"Traceback")


def test_sigterm_right_after_typing_still_saves(practice: Terminal, private_home: Path) -> None:
    """No debounce wait: the signal handler itself saves what is in the editor."""
    practice.wait_for(b"upset", STARTUP)
    practice.pump(0.5)
    practice.type("calm words")
    practice.wait_for(b"words", 20)
    practice.proc.send_signal(signal.SIGTERM)
    code, _ = practice.wait_exit(30)
    assert code == 0
    assert practice.seen(EXIT_ALT_SCREEN)
    assert draft_of(private_home) == "calm words"
