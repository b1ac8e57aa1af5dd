"""SIGTERM and SIGHUP while typing: the draft is saved, the terminal restored, exit status 0."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from pty_support import EXIT_ALT_SCREEN, STARTUP, Terminal, stored_draft

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_draft_and_exits_cleanly(sig: signal.Signals, tmp_path: Path) -> None:
    """Type an answer, get the signal: status 0, the terminal back to normal, the draft kept."""
    terminal = Terminal(tmp_path)
    try:
        terminal.wait_for(b"Theme meter", STARTUP)
        terminal.write(b"calm and patient")
        terminal.wait_for(b"patient", 20)  # the keys were handled and drawn
        terminal.proc.send_signal(sig)
        code, _ = terminal.wait_exit(10)
    finally:
        terminal.close()
    assert code == 0
    assert terminal.seen(EXIT_ALT_SCREEN)  # left the alternate screen: the terminal is restored
    assert stored_draft(tmp_path) == "calm and patient"
