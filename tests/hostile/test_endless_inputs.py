"""Issue 14, points 10 and 16: endless and blocking inputs, and exit codes of bad input.

``score``, ``grade`` and ``import`` once read ``/dev/zero`` until MemoryError and blocked forever
on a FIFO; ``validate`` of either exited 1; a CSV with an unclosed quote was graded with exit 0.
Each now stops at once with exit 2 and a message naming the input. The commands run as real
processes with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_coach._util.errors import UsageError
from interview_coach._util.inputcap import read_input

REPO = Path(__file__).resolve().parents[2]
BANK = REPO / "tests" / "data" / "tui_bank.yaml"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs FIFOs and /dev/zero")


def _run(argv: list[str], home: Path, stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_coach", "--home", str(home), *argv],
                          capture_output=True, text=True, timeout=60, stdin=stdin)  # type: ignore[call-overload]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    os.mkfifo(path)
    return path


def commands(source: str) -> list[list[str]]:
    return [["score", str(BANK), "angry-caller", source], ["grade", str(BANK), source],
            ["import", source, "-o", "out.yaml"], ["validate", source]]


@pytest.mark.parametrize("index", range(4), ids=["score", "grade", "import", "validate"])
def test_a_fifo_is_refused(fifo: Path, tmp_path: Path, index: int) -> None:
    done = _run(commands(str(fifo))[index], tmp_path)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and str(fifo) in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("index", range(4), ids=["score", "grade", "import", "validate"])
def test_dev_zero_is_refused(tmp_path: Path, index: int) -> None:
    done = _run(commands("/dev/zero")[index], tmp_path)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and "/dev/zero" in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_stdin_is_capped(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = _run(["score", str(BANK), "angry-caller", "-"], tmp_path, stdin=zero)
    assert done.returncode == 2
    assert "stdin: the input is over the" in done.stderr


def test_read_input_caps_and_checks() -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    class Stdin:
        buffer = io.BufferedReader(Endless())

    old = sys.stdin
    sys.stdin = Stdin()  # type: ignore[assignment]
    try:
        with pytest.raises(UsageError, match="over the 1,048 byte limit"):
            read_input("-", 1048)
    finally:
        sys.stdin = old


def test_a_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(UsageError, match="over the"):
        read_input(big, 1000)
    assert read_input(big, 2000) == b"x" * 2000
    assert read_input(big, 2000, head=10) == b"x" * 10


def test_unclosed_quote_fails_grade_naming_the_line(tmp_path: Path) -> None:
    answers = tmp_path / "class.csv"
    answers.write_text('question_id,answer\nangry-caller,"I stayed calm, and listened"\n'
                       'angry-caller,"I listened\nangry-caller,then I rebooked\n', encoding="utf-8")
    done = _run(["grade", str(BANK), str(answers)], tmp_path)
    assert done.returncode == 2
    assert f"{answers}:3: a quote opened in this row is never closed" in done.stderr
    assert done.stdout == ""


def test_quoted_cells_over_several_lines_still_grade(tmp_path: Path) -> None:
    answers = tmp_path / "class.csv"
    answers.write_text('question_id,answer\nangry-caller,"I stayed calm\nand ""listened"""\n',
                       encoding="utf-8")
    done = _run(["grade", str(BANK), str(answers)], tmp_path)
    assert done.returncode == 0, done.stderr
