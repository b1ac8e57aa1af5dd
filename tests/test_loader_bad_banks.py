"""Every broken bank in tests/data/bad_banks/ fails ``validate`` with exit 1 at the expected line.

Each file's first line says what is expected: ``# expect-line: N message: some words``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from interview_coach.banks.yamlsafe import MAX_BYTES
from interview_coach.cli.main import main

BAD = Path(__file__).resolve().parent / "data" / "bad_banks"
EXPECT = re.compile(rb"^# expect-line: (\d+) message: (.+)$")
BAD_FILES = sorted(BAD.glob("*.yaml"))
THROUGH_SUBPROCESS = {"alias_bomb", "python_tag", "deep_nesting", "not_utf8", "tab_indent"}


def expectation(path: Path) -> tuple[int, str]:
    """The expected line and message words from the file's first line."""
    match = EXPECT.match(path.read_bytes().split(b"\n", 1)[0].rstrip(b"\r"))
    assert match, f"{path.name} has no '# expect-line: N message: ...' first line"
    return int(match.group(1)), match.group(2).decode()


def assert_reported(output: str, path: Path) -> None:
    """The output names the expected line with the expected words, and has no traceback."""
    line, words = expectation(path)
    assert "Traceback" not in output
    hits = [o for o in output.splitlines() if o.startswith(f"{path}:{line}:")]
    assert hits, f"no problem reported at line {line}:\n{output}"
    assert any(words in hit for hit in hits), f"{words!r} not in {hits}"


def test_there_are_enough_bad_banks() -> None:
    assert len(BAD_FILES) >= 25


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_bad_bank_in_process(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert_reported(captured.out + captured.err, path)


@pytest.mark.parametrize("name", sorted(THROUGH_SUBPROCESS))
def test_bad_bank_through_the_console_script(name: str) -> None:
    path = BAD / f"{name}.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "interview_coach", "validate", str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert_reported(result.stdout + result.stderr, path)
    assert "hacked" not in result.stdout + result.stderr


def test_over_the_size_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    assert main(["validate", str(path)]) == 1
    output = capsys.readouterr().out
    assert f"{path}:1:1:" in output and "5 MB limit" in output


def test_many_bad_banks_at_once_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *map(str, BAD_FILES[:5])]) == 1
    assert "Traceback" not in capsys.readouterr().out
