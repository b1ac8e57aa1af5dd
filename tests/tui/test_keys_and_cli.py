"""Keymaps, practice order, review due, and the TUI commands' errors on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_support import BANK, Clock, build_app, settle, wait_until, widget_text

from interview_coach.banks.loader import load_bank
from interview_coach.banks.order import mock_questions, order_questions
from interview_coach.cli import main as cli
from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.keymap import load_keymap
from interview_coach.tui.screens.help import binding_ids
from interview_coach.tui.screens.practice import PracticeScreen


async def test_keymap_remaps_a_binding_and_reports_unknown_ids(tmp_path: Path) -> None:
    """keymap.yaml: practice.submit on f5 works and shows in help; a typo gets a suggestion."""
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("practice.submit: f5\npractice.sumbit: f6\n", encoding="utf-8")
    app = build_app(keymap_path=keymap)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert any("did you mean 'practice.submit'" in n.message for n in app._notifications)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("c", "a", "l", "m", "f5")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "FeedbackScreen")
        await pilot.press("f1")
        await pilot.pause()
        assert "F5" in widget_text(app, "#help-keys") or "f5" in widget_text(app, "#help-keys")


def test_keymap_file_problems(tmp_path: Path) -> None:
    """Bad YAML names its line; a list is refused; a non-text key is refused; no file is fine."""
    ids = binding_ids()
    assert "practice.submit" in ids and len(ids) == len(set(ids))
    assert load_keymap(tmp_path / "none.yaml", ids) == ({}, [])
    bad = tmp_path / "bad.yaml"
    bad.write_text("practice.submit: [unclosed\n", encoding="utf-8")
    assert ":1" in load_keymap(bad, ids)[1][0] or ":2" in load_keymap(bad, ids)[1][0]
    bad.write_text("- a\n- b\n", encoding="utf-8")
    assert "must map" in load_keymap(bad, ids)[1][0]
    bad.write_text("practice.submit: 5\nhome.study: s\n", encoding="utf-8")
    keymap, problems = load_keymap(bad, ids)
    assert keymap == {"home.study": "s"} and "quote it" in problems[0]
    bad.write_text("!!python/object/apply:os.system ['true']\n", encoding="utf-8")
    assert load_keymap(bad, ids)[1]


def test_question_orders() -> None:
    """In order, shuffled (seeded), by theme with a chosen theme first, a chosen first question."""
    import random

    bank = load_bank(BANK)
    ids = [q.id for q in bank.questions]
    assert [q.id for q in order_questions(bank)] == ids
    shuffled = [q.id for q in order_questions(bank, "shuffled", rng=random.Random(1))]
    assert sorted(shuffled) == sorted(ids)
    by_theme = order_questions(bank, "theme", theme="teamwork")
    assert "teamwork" in by_theme[0].themes
    assert order_questions(bank, first="handover")[0].id == "handover"
    assert len(mock_questions(bank, 3, random.Random(2))) == 3
    assert len(mock_questions(bank, 50, random.Random(2))) == len(ids)


async def test_home_order_key_changes_practice_order() -> None:
    """'o' on home cycles the order; with 'grouped by theme' practice starts with a Listening
    question (the bank's first theme)."""
    app = build_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert "shuffled" in widget_text(app, "#modes")
        await pilot.press("o")
        assert "grouped by theme" in widget_text(app, "#modes")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert "listening" in app.screen.question.themes


async def test_review_due_opens_weak_questions() -> None:
    """After a weak answer, 'r' practises the questions due (FSRS: due again after a few
    minutes); with none due it says so."""
    history, clock = MemoryHistory(), Clock()
    app = build_app(history=history, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert any("Nothing is due" in n.message for n in app._notifications)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("c", "a", "l", "m", "ctrl+s")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "FeedbackScreen")
        await pilot.press("escape")
        await settle(pilot)
        clock.advance(3600)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.mode == "review"
        assert [q.id for q in app.screen.questions] == ["angry-caller"]


@pytest.mark.parametrize("command", ["practice", "mock", "study"])
def test_cli_bank_that_fails_to_load_exits_2(command: str, tmp_path: Path,
                                            capsys: Any) -> None:
    """A broken bank on the command line: file:line on stderr, exit 2, no traceback."""
    bad = tmp_path / "broken.yaml"
    bad.write_text("schema: 1\nid: x\ntitle: [unclosed\n", encoding="utf-8")
    assert cli.main([command, str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "Traceback" not in err


def test_cli_missing_bank_and_question(capsys: Any) -> None:
    """An unknown bank id, and an unknown question id: a message and exit 2."""
    assert cli.main(["practice", "no-such-bank"]) == 2
    assert "no-such-bank" in capsys.readouterr().err
    assert cli.main(["practice", str(BANK), "--question", "nope"]) == 2
    assert "has no question 'nope'" in capsys.readouterr().err
    assert cli.main(["mock", str(BANK), "-n", "0"]) == 2


def test_open_history_falls_back_to_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that cannot open: history in memory, with a message for the user."""
    from interview_coach._util.errors import StoreError
    from interview_coach.history import memory as history
    from interview_coach.history.store import Store

    def broken(cls: object, path: object = None) -> object:
        raise StoreError("database is locked")

    monkeypatch.setattr(Store, "open", classmethod(broken))
    kept, notices = history.open_history()
    assert isinstance(kept, MemoryHistory)
    assert "database is locked" in notices[0]


async def test_history_notices_are_shown_once() -> None:
    """Messages from the store show as notifications, once, with markup left literal."""
    app = build_app(history_opener=lambda: (MemoryHistory(), ["moved aside [bold]x[/]"]))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        notes = [n for n in app._notifications if "moved aside" in n.message]
        assert len(notes) == 1 and notes[0].message == "moved aside [bold]x[/]"
        assert not notes[0].markup


async def test_open_in_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    """ctrl+o hands the answer to $EDITOR and takes back the edited text (undo restores it);
    where the terminal cannot be handed over, a notification says so and the text stays."""
    import contextlib

    from interview_coach.tui.widgets.editor import AnswerEditor

    monkeypatch.setenv("VISUAL", "sh -c 'printf \" and edited\" >> \"$1\"' sh")
    app = build_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("c", "a", "l", "m")
        await pilot.press("ctrl+o")  # headless: suspending is not supported
        await settle(pilot)
        editor = app.screen.query_one(AnswerEditor)
        assert editor.text == "calm"
        assert any("cannot hand over" in n.message for n in app._notifications)
        monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert editor.text == "calm and edited"
        await pilot.press("ctrl+z")
        assert editor.text == "calm"


async def test_internal_error_is_one_line_without_locals(capsys: Any) -> None:
    """An unexpected error in the CLI's app: one plain line, no traceback with the answer in it."""
    app = build_app(short_errors=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        try:
            raise ValueError("boom [bold]")
        except ValueError:
            app._fatal_error()
    err = capsys.readouterr().err
    assert "interview-coach: internal error: ValueError: boom [bold]" in err
    assert "Traceback" not in err and "locals" not in err


def test_tui_command_module_imports_textual_only_when_run() -> None:
    """Importing the command module (as the CLI does for every TUI command) loads no Textual."""
    import subprocess
    import sys

    code = ("import sys, interview_coach.cli.main, interview_coach.cli.commands.tui, "
            "interview_coach.tui.config, interview_coach.tui.literal; "
            "assert not [m for m in sys.modules if m.startswith('textual')]")
    subprocess.run([sys.executable, "-c", code], check=True)
