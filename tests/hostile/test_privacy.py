"""Privacy (issue 9): nothing is sent anywhere, and what is kept is readable by its owner only.

The store's own tests check the modes of a fresh store, ``forget``, ``backup`` and ``restore``;
these fill the gaps: every command and a whole practice session run with the network taken
away, and the files stay private even under a permissive umask (0000).
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_support import ANSWERS_DIR, TARGET_BANK
from textual import events
from tui_support import running, settle

from interview_coach.cli.main import main
from interview_coach.history.store import Store
from interview_coach.scoring import Scorer
from interview_coach.tui.app import make_app
from interview_coach.tui.config import AppConfig, Start
from interview_coach.tui.screens.feedback import FeedbackScreen
from interview_coach.tui.widgets.editor import AnswerEditor


class NetworkUsed(AssertionError):
    """Something tried to reach the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket or resolve a name fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkUsed(f"network used: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(home: Path) -> None:
    """The data folder is 0700 and every file in it 0600."""
    assert mode(home) == 0o700
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert mode(path) == 0o600, path


def test_every_command_runs_without_the_network(no_network: None, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    answer = ANSWERS_DIR / "osc8_hyperlink.txt"  # a link in an answer is never followed
    rows = tmp_path / "rows.csv"
    rows.write_text(f'question_id,answer\nupset-caller,"{answer.read_text("utf-8")}"\n', encoding="utf-8")
    qa = tmp_path / "qa.txt"
    qa.write_text("Q: How do you listen?\nA: I listen, see https://example.invalid/page\n", encoding="utf-8")
    include_url = Path(__file__).resolve().parents[1] / "data" / "hostile" / "banks" / "include_urls.yaml"
    for args in (["validate", str(TARGET_BANK), str(include_url)], ["banks"],
                 ["score", str(TARGET_BANK), "upset-caller", str(answer), "--json"],
                 ["grade", str(TARGET_BANK), str(rows), "-o", str(tmp_path / "out.csv")],
                 ["import", str(qa), "-o", str(tmp_path / "b.yaml"), "--themes", str(TARGET_BANK)],
                 ["lint", str(TARGET_BANK)], ["export-bank", str(TARGET_BANK), "--format", "md"],
                 ["history"], ["stats"], ["export", "--format", "json"], ["schema"]):
        main(args)
    err = capsys.readouterr().err
    assert "network used" not in err and "NetworkUsed" not in err


async def test_a_practice_session_stays_private_and_offline(no_network: None,
                                                            private_home: Path) -> None:
    """Practise with the real store: nothing goes out; the data folder ends up 0700/0600."""
    from interview_coach.banks.loader import load_bank

    bank = load_bank(TARGET_BANK)
    app = make_app(AppConfig(paths=[TARGET_BANK], include_builtin=False, scorer_factory=Scorer,
                             start=Start(mode="practice", bank=bank), frozen=True))
    async with running(app) as pilot:
        editor = app.screen.query_one(AnswerEditor)
        editor.post_message(events.Paste("I felt low last year and I listened to my own limits."))
        await settle(pilot, 0.8)  # the draft is saved
        await pilot.press("ctrl+s")
        await settle(pilot, 0.2)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("escape")
        await settle(pilot)
    assert_private(private_home)
    store = Store.open()
    assert len(store.attempts()) == 1
    store.close()


PERMISSIVE = """
import os, sys
from datetime import datetime, timedelta, timezone
os.umask(0)
from pathlib import Path
from interview_coach.cli.main import main
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store
store = Store.open()
now = datetime.now(timezone.utc)
store.save_draft("b", "q", "a private draft")
store.record_attempt(bank_id="b", bank_hash="h", question_id="q", answer="a private answer",
                     result=result_from_dict({"score": 10, "themes": []}), mode="practice",
                     started_at=now - timedelta(seconds=5), submitted_at=now)
store.close()
out = Path(sys.argv[1])
assert main(["backup", str(out / "backup.db")]) == 0
assert main(["export", "--format", "json", "-o", str(out / "export.json")]) == 0
assert main(["export", "--format", "md", "-o", str(out / "export.md")]) == 0
"""


def test_files_stay_private_under_a_permissive_umask(tmp_path: Path) -> None:
    home = tmp_path / "deep" / "data"  # not there yet: created by the app
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.run([sys.executable, "-c", PERMISSIVE, str(out)], capture_output=True,
                         text=True, timeout=60, env={**os.environ, "INTERVIEW_COACH_HOME": str(home)})
    assert run.returncode == 0, run.stderr
    assert_private(home)
    for name in ("backup.db", "export.json", "export.md"):
        assert mode(out / name) == 0o600, name



def test_the_editor_handover_file_is_private_and_never_left(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The one $EDITOR hand-over (drill and app): the answer sits in a 0600 file named for the
    start-up clean-up, even under umask 0000, and is removed after a good or failed edit."""
    import tempfile

    from interview_coach._util.atomic import EDITOR_PREFIX
    from interview_coach._util.handover import edit_in_editor

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen = tmp_path / "seen"
    editor = f"sh -c 'stat -c %a \"$1\" > {seen}; printf \" and more\" >> \"$1\"' sh"
    old = os.umask(0)
    try:
        assert edit_in_editor("my answer", {"EDITOR": editor}) == "my answer and more"
    finally:
        os.umask(old)
    assert seen.read_text().strip() == "600" and list(tmp_path.iterdir()) == [seen]
    used = []
    monkeypatch.setattr(subprocess, "run", lambda argv, **kw: used.append(argv[-1]) or
                        subprocess.CompletedProcess(argv, 3))
    with pytest.raises(OSError, match="'false-editor' exited with code 3"):
        edit_in_editor("kept", {"VISUAL": "false-editor", "EDITOR": "ignored"})
    assert Path(used[0]).name.startswith(EDITOR_PREFIX) and not Path(used[0]).exists()
    with pytest.raises(ValueError, match="'vi \"unclosed' cannot be read"):
        edit_in_editor("kept", {"EDITOR": 'vi "unclosed'})
    assert list(tmp_path.iterdir()) == [seen]
