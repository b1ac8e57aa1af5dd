"""Keymaps, practice order, review due, and the TUI commands' errors on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from tui_support import (
    BANK,
    Clock,
    build_app,
    running,
    screen_text,
    settle,
    wait_until,
    widget_text,
)

from interview_coach.banks.loader import load_bank
from interview_coach.banks.order import mock_questions, order_questions
from interview_coach.cli import main as cli
from interview_coach.history.memory import MemoryHistory
from interview_coach.tui.keymap import load_keymap
from interview_coach.tui.screens.help import binding_ids, screens_and_bindings
from interview_coach.tui.screens.practice import PracticeScreen


async def test_keymap_remaps_a_binding_and_reports_unknown_ids(tmp_path: Path) -> None:
    """keymap.yaml: practice.submit on f5 works and shows in help; a typo gets a suggestion."""
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("practice.submit: f5\npractice.sumbit: f6\n", encoding="utf-8")
    app = build_app(keymap_path=keymap)
    async with running(app) as pilot:
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


def declared_bindings() -> dict[str, list[object]]:
    """Every class of the TUI that declares BINDINGS of its own (screens, dialogs, widgets,
    the app), found by walking the package: class name -> its bindings."""
    import importlib
    import inspect
    import pkgutil

    import interview_coach.tui as tui

    found: dict[str, list[object]] = {}
    for info in pkgutil.walk_packages(tui.__path__, "interview_coach.tui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                found[f"{module.__name__}.{name}"] = list(vars(cls)["BINDINGS"])
    return found


README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_binding_id_is_in_help_the_keymap_and_the_readme(tmp_path: Path) -> None:
    """Each binding of every screen, dialog and bar has an id; Help lists it (so keymap.yaml
    may remap it) and the README's key table names it. A new screen whose keys are left out
    of Help fails here."""
    declared = declared_bindings()
    assert "interview_coach.tui.screens.unsaved.UnsavedQuitModal" in declared  # the walk works
    ids: set[str] = set()
    for owner, bindings in declared.items():
        for binding in bindings:
            assert isinstance(binding, Binding) and binding.id, f"{owner}: a binding without an id"
            ids.add(binding.id)
    listed = binding_ids()
    assert sorted(ids - set(listed)) == [], "binding ids missing from Help (screens_and_bindings)"
    assert {"drafts.close", "unsaved.print", "unsaved.back", "confirm.yes"} <= set(listed)
    # The keymap takes every id (each mapped to its own default key: no warning at all).
    defaults = {b.id: b.key for _, found in screens_and_bindings() for b in found if b.id}
    path = tmp_path / "keymap.yaml"
    path.write_text("".join(f"{i}: '{k}'\n" for i, k in defaults.items()), encoding="utf-8")
    assert load_keymap(path, listed, defaults) == (defaults, [])
    keys_section = README.read_text("utf-8").split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    assert sorted(i for i in ids if f"`{i}`" not in keys_section) == [], "ids missing in README"


async def test_the_dialog_keys_can_be_remapped(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """drafts.close, unsaved.print and unsaved.back follow keymap.yaml like any other key, and
    the dialogs name the keys remapped to."""
    from datetime import datetime

    from interview_coach.history import rescue
    from interview_coach.history.results import result_from_dict
    from interview_coach.tui.screens.drafts import DraftOffer, DraftPicker
    from interview_coach.tui.screens.unsaved import UnsavedQuitModal
    from interview_coach.tui.widgets.editor import AnswerEditor

    monkeypatch.setattr(rescue, "rescue_places", lambda: [tmp_path])
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("drafts.close: f10\nunsaved.back: f9\nunsaved.print: 'ctrl+p,f8'\n"
                      "draft.restore: f4\n", encoding="utf-8")
    history = MemoryHistory(window="here")
    history.save_draft("tui-demo", "angry-caller", "one", window="closed-1")
    history.save_draft("tui-demo", "angry-caller", "two", window="closed-2")
    moment = datetime(2026, 3, 2, 9, 30)
    history.record_attempt(bank_id="tui-demo", bank_hash="h", question_id="handover",
                           answer="kept only here",
                           result=result_from_dict({"bank_id": "tui-demo",
                                                    "question_id": "handover", "score": 40}),
                           mode="practice", started_at=moment, submitted_at=moment)
    app = build_app(history=history, keymap_path=keymap)
    async with running(app) as pilot:
        assert not [n.message for n in app._notifications if "keymap" in n.message]
        await pilot.press("p")
        await wait_until(pilot, lambda: len(app.screen.query_one(DraftOffer).drafts) == 2)
        assert "f4  choose which to continue" in widget_text(app, "#draft-offer")
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftPicker))
        assert "f10 goes back" in screen_text(app)
        await pilot.press("escape")  # no longer the dialog's key, and not typed: nothing
        await pilot.pause()
        assert isinstance(app.screen, DraftPicker)
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        assert app.screen.query_one(AnswerEditor).text == ""
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedQuitModal))
        shown = widget_text(app, "#unsaved-message")
        assert "ctrl+p / f8  quit and print them instead" in shown
        assert "f9      back to the app" in shown
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedQuitModal))
        await pilot.press("f8")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 1 and app.rescue_choice == "print"


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
    async with running(app) as pilot:
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
    async with running(app, "r") as pilot:
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
    async with running(app, "s") as pilot:
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
    async with running(app, "p") as pilot:
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
        # An editor that fails (or is quit with an error, as vi's :cq) changes nothing.
        monkeypatch.setenv("VISUAL", "sh -c 'printf \" lost\" >> \"$1\"; exit 1' sh")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert editor.text == "calm"
        assert any("exited with code 1" in n.message for n in app._notifications)


async def test_internal_error_is_one_line_without_locals(capsys: Any) -> None:
    """An unexpected error in the CLI's app: one plain line, no traceback with the answer in it."""
    app = build_app(short_errors=True)
    async with running(app, size=(80, 24)):
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
