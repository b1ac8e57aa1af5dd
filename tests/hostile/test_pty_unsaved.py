"""Issue 14 point 5 on a real terminal: the history cannot be written (here the data directory
is a file), an answer is submitted, ctrl+q shows a dialog that says so and where the answer will
go; a second ctrl+q quits, the answer is in a private file there, and the exit status is 1."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pty_support import STARTUP, Terminal

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")]


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    """The app practising, its data directory a file (nothing can be saved), started in a
    folder of its own (where the answers are written); the terminal and that folder."""
    home = tmp_path / "not-a-folder"
    home.write_text("a file where the data directory should be\n")
    work = tmp_path / "work"
    work.mkdir()
    terminal = Terminal(home, cwd=work)
    try:
        terminal.wait_for(b"Theme meter", STARTUP)
        yield terminal, work
    finally:
        terminal.close()


def written_answers(work: Path) -> Path:
    """The one file the answers were written to."""
    (written,) = work.glob("interview-coach-unsaved-*.md")
    return written


def test_unsaved_answers_are_announced_then_written_and_the_exit_is_non_zero(
        unwritable: tuple[Terminal, Path]) -> None:
    terminal, work = unwritable
    terminal.write(b"I stayed calm and listened to the caller\x13")  # ctrl+s submits
    terminal.wait_for(b"Try again", 60)
    terminal.write(b"\x11")  # ctrl+q
    terminal.wait_for(b"could not be saved", 30)
    terminal.wait_for(b"private file in", 10)  # the folder follows (wrapped in the box)
    terminal.write(b"\x11")  # ctrl+q again: quit, writing them there
    code, _ = terminal.wait_exit(30)
    assert code == 1
    written = written_answers(work)
    assert "I stayed calm and listened to the caller" in written.read_text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert str(written).encode() in terminal.output


def test_text_typed_on_an_unwritable_history_is_not_lost_at_quit(
        unwritable: tuple[Terminal, Path]) -> None:
    terminal, work = unwritable
    terminal.write(b"half an answer, not submitted")
    terminal.wait_for(b"submitted")
    terminal.write(b"\x11")  # ctrl+q
    terminal.wait_for(b"could not be saved", 30)
    terminal.write(b"\x11")
    code, _ = terminal.wait_exit(30)
    assert code == 1
    text = written_answers(work).read_text()
    assert "half an answer, not submitted" in text and "(a draft, not submitted)" in text
