"""Issue 14, point 7: ``--home DIR`` before or after any command; the app refuses without a terminal.

``interview-coach --home DIR COMMAND`` once opened the full-screen app with COMMAND taken as a
bank path, and ``COMMAND --home DIR`` was "unrecognized". With stdout to a pipe the app ran for
half an hour; now it refuses at once with exit 2.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_coach.cli.main import COMMANDS, _normalise_argv, build_parser

REPO = Path(__file__).resolve().parents[2]
BANK = REPO / "tests" / "data" / "tui_bank.yaml"

# the least each command needs besides --home
MINIMAL: dict[str, list[str]] = {
    "home": [], "practice": ["b"], "mock": ["b"], "study": ["b"], "validate": ["x.yaml"],
    "banks": [], "schema": [], "score": ["b", "q"], "grade": ["b", "in.csv"], "history": [],
    "stats": [], "export": ["--format", "csv"], "forget": ["--all"], "backup": ["f.db"],
    "restore": ["f.db"], "import": ["q.txt", "-o", "out.yaml"], "lint": ["b"],
    "export-bank": ["b", "--format", "md"], "questions": ["b"], "drill": ["b"], "serve": [],
}


def test_every_command_is_listed() -> None:
    assert set(MINIMAL) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("where", ["before", "after"])
def test_home_before_or_after_every_command(command: str, where: str) -> None:
    rest = MINIMAL[command]
    argv = (["--home", "/data/dir", command, *rest] if where == "before"
            else [command, *rest, "--home", "/data/dir"])
    args = build_parser().parse_args(_normalise_argv(argv))
    assert args.command == command
    assert args.home == Path("/data/dir")


def test_debug_after_a_command() -> None:
    args = build_parser().parse_args(_normalise_argv(["banks", "--debug"]))
    assert args.debug is True and args.home is None


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_coach", *argv], capture_output=True,
                          text=True, timeout=60, cwd=REPO, **kwargs)  # type: ignore[call-overload]


@pytest.mark.parametrize("where", ["before", "after"])
def test_home_in_a_real_process(tmp_path: Path, where: str) -> None:
    """The data directory given either way is the one used: its banks/ folder is listed."""
    home = tmp_path / "coach"
    (home / "banks").mkdir(parents=True)
    shutil.copy(BANK, home / "banks" / "mine.yaml")
    argv = ["--home", str(home), "banks", "--json"] if where == "before" else \
        ["banks", "--json", "--home", str(home)]
    done = _run(argv)
    assert done.returncode == 0, done.stderr
    ids = [entry["id"] for entry in json.loads(done.stdout)]
    assert "tui-demo" in ids


@pytest.mark.parametrize("argv", [[], ["practice", str(BANK)], ["--home", "{home}", "study", str(BANK)],
                                  ["mock", str(BANK), "--home", "{home}"]],
                         ids=["home", "practice", "home-first", "home-last"])
def test_the_app_refuses_without_a_terminal(tmp_path: Path, argv: list[str]) -> None:
    """stdout to a pipe (and stdin not a terminal): a clear message and exit 2, at once."""
    argv = [a.replace("{home}", str(tmp_path)) for a in argv]
    started = time.monotonic()
    done = _run(argv, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert time.monotonic() - started < 30
