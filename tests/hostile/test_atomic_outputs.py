"""Output files are all or nothing: a killed or failing run never leaves half a file (issue 9).

``grade`` is killed with SIGKILL while it writes a large output; ``grade``, ``export``,
``export-bank`` and ``import`` each fail at the last moment (the disk fills up as the file is
flushed). Either way the output path holds its old content, or nothing, and no temporary file
is left behind by a failure the app saw.
"""

from __future__ import annotations

import csv
import errno
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hostile_support import ANSWERS_DIR, TARGET_BANK, file_answers

from interview_coach._util import atomic
from interview_coach.cli.main import main
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

OLD = "old content that must survive\n"


def big_grade_input(path: Path, rows: int) -> None:
    """A CSV of ``rows`` answers, long enough that grading takes a few seconds."""
    answers = [a.text for a in file_answers() if a.text.strip()]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["question_id", "answer"])
        for i in range(rows):
            writer.writerow(["upset-caller", f"{answers[i % len(answers)]} I listened calmly {i}. " * 3])


def temporaries(folder: Path, name: str) -> list[Path]:
    """The temporary files atomic_writer makes beside ``name``."""
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "old-file"])
def test_sigkill_during_grade_leaves_no_partial_output(tmp_path: Path, existing: bool) -> None:
    source, output = tmp_path / "answers.csv", tmp_path / "graded.csv"
    big_grade_input(source, 40_000)
    if existing:
        output.write_text(OLD, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "interview_coach", "grade", str(TARGET_BANK),
                              str(source), "-o", str(output)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        # kill it once it has written part of the output to its temporary file
        while time.monotonic() < deadline and child.poll() is None:
            partial = temporaries(tmp_path, output.name)
            if partial and partial[0].stat().st_size > 0:
                break
            time.sleep(0.02)
        assert child.poll() is None, "grade finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    if existing:
        assert output.read_text(encoding="utf-8") == OLD
    else:
        assert not output.exists()


@pytest.fixture
def disk_full_on_flush(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every atomic write fails when it flushes its file to disk, as on a full disk."""

    def fail(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fail)


def record_attempts(count: int = 3) -> None:
    """A few attempts in the history, to export."""
    store = Store.open()
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    for i in range(count):
        store.record_attempt(bank_id="hostile-target", bank_hash="h", question_id="upset-caller",
                             answer=(ANSWERS_DIR / "markup_click_quit.txt").read_text("utf-8"),
                             result=result_from_dict({"score": 40 + i, "themes": []}), mode="practice",
                             started_at=now - timedelta(seconds=30), submitted_at=now)
    store.close()


def qa_source(tmp_path: Path) -> Path:
    path = tmp_path / "qa.txt"
    path.write_text("Q: How do you listen?\nA: I listen first and ask questions.\n\n"
                    "Q: How do you stay calm?\nA: I breathe and keep my voice steady.\n",
                    encoding="utf-8")
    return path


COMMANDS = {
    "grade": lambda tmp, out: ["grade", str(TARGET_BANK), str(tmp / "grade.csv"), "-o", str(out)],
    "export-json": lambda tmp, out: ["export", "--format", "json", "-o", str(out)],
    "export-csv": lambda tmp, out: ["export", "--format", "csv", "-o", str(out)],
    "export-md": lambda tmp, out: ["export", "--format", "md", "-o", str(out)],
    "export-bank-anki": lambda tmp, out: ["export-bank", str(TARGET_BANK), "--format", "anki",
                                          "-o", str(out)],
    "export-bank-csv": lambda tmp, out: ["export-bank", str(TARGET_BANK), "--format", "csv",
                                         "-o", str(out)],
    "export-bank-md": lambda tmp, out: ["export-bank", str(TARGET_BANK), "--format", "md",
                                        "-o", str(out)],
    "import": lambda tmp, out: ["import", str(qa_source(tmp)), "-o", str(out),
                                "--themes", str(TARGET_BANK), "--force"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_failed_write_keeps_the_old_file(name: str, tmp_path: Path, disk_full_on_flush: None,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    record_attempts()
    source = tmp_path / "grade.csv"
    if name == "grade":
        big_grade_input(source, 20)
    output = tmp_path / ("out.yaml" if name == "import" else "out.txt")
    output.write_text(OLD, encoding="utf-8")
    args = COMMANDS[name](tmp_path, output)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert "No space left on device" in err
    assert output.read_text(encoding="utf-8") == OLD
    assert temporaries(tmp_path, output.name) == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_successful_write_replaces_the_old_file(name: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    record_attempts()
    source = tmp_path / "grade.csv"
    if name == "grade":
        big_grade_input(source, 20)
    output = tmp_path / ("out.yaml" if name == "import" else "out.txt")
    output.write_text(OLD, encoding="utf-8")
    args = COMMANDS[name](tmp_path, output)
    assert main(args) == 0, capsys.readouterr().err
    assert output.read_text(encoding="utf-8") not in ("", OLD)
    assert temporaries(tmp_path, output.name) == []
