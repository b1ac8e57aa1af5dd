"""Issue 14 point 5 on a real terminal: the history cannot be written (here the data directory
is a file), an answer is submitted, ctrl+q shows a dialog that says so and where the answer will
go; a second ctrl+q quits, the answer is in a private file there, and the exit status is 1."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from test_pty_trust import STARTUP, Terminal

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")]


def test_unsaved_answers_are_announced_then_written_and_the_exit_is_non_zero(
        tmp_path: Path) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("a file where the data directory should be\n")
    work = tmp_path / "work"
    work.mkdir()
    terminal = Terminal(home, cwd=work)
    try:
        terminal.wait_for(b"Theme meter", STARTUP)
        terminal.write(b"I stayed calm and listened to the caller\x13")  # ctrl+s submits
        terminal.wait_for(b"Try again", 60)
        terminal.write(b"\x11")  # ctrl+q
        terminal.wait_for(b"could not be saved", 30)
        terminal.wait_for(b"private file in", 10)  # the folder follows (wrapped in the box)
        terminal.write(b"\x11")  # ctrl+q again: quit, writing them there
        code, _ = terminal.wait_exit(30)
    finally:
        terminal.close()
    assert code == 1
    (written,) = work.glob("interview-coach-unsaved-*.md")
    assert "I stayed calm and listened to the caller" in written.read_text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert str(written).encode() in terminal.output


def test_text_typed_on_an_unwritable_history_is_not_lost_at_quit(tmp_path: Path) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("a file where the data directory should be\n")
    work = tmp_path / "work"
    work.mkdir()
    terminal = Terminal(home, cwd=work)
    try:
        terminal.wait_for(b"Theme meter", STARTUP)
        terminal.write(b"half an answer, not submitted")
        terminal.wait_for(b"submitted")
        terminal.write(b"\x11")  # ctrl+q
        terminal.wait_for(b"could not be saved", 30)
        terminal.write(b"\x11")
        code, _ = terminal.wait_exit(30)
    finally:
        terminal.close()
    assert code == 1
    (written,) = work.glob("interview-coach-unsaved-*.md")
    text = written.read_text()
    assert "half an answer, not submitted" in text and "(a draft, not submitted)" in text
