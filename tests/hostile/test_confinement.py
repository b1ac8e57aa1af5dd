"""Issue 14, point 17: includes stay in the bank's folder (or the built-in library) and never
quote a foreign file; ``import X -o X`` keeps its source; a keymap cannot make a plain key act
while typing, nor leave Submit without a key."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from interview_coach.banks.loader import check_bank
from interview_coach.cli.main import main
from interview_coach.tui.keymap import load_keymap
from interview_coach.tui.screens.help import binding_ids, screens_and_bindings

REPO = Path(__file__).resolve().parents[2]
TUI_BANK = REPO / "tests" / "data" / "tui_bank.yaml"
SECRET = "private: my-secret-value\nother: 1\n"


def bank_with_include(folder: Path, entry: str) -> Path:
    text = TUI_BANK.read_text("utf-8").replace("themes:\n", f"include: ['{entry}']\nthemes:\n", 1)
    path = folder / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path) -> str:
    bank, problems = check_bank(path)
    assert bank is None
    return "\n".join(p.format() for p in problems)


def test_include_outside_the_folder_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    inner = tmp_path / "banks"
    inner.mkdir()
    text = messages(bank_with_include(inner, "../secret.yaml"))
    assert "outside the bank's folder" in text
    assert "my-secret-value" not in text and "private" not in text


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    inner = tmp_path / "banks"
    inner.mkdir()
    os.symlink(tmp_path / "secret.yaml", inner / "lib.yaml")
    text = messages(bank_with_include(inner, "lib.yaml"))
    assert "outside the bank's folder" in text
    assert "private" not in text and "other" not in text


def test_built_in_library_and_own_folder_still_work() -> None:
    bank, problems = check_bank(REPO / "question_banks" / "peer_support_worker.yaml")
    assert bank is not None, problems


def test_import_refuses_to_overwrite_its_own_source(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "questions.txt"
    original = "1. Tell me about a time you listened.\nI listened carefully and asked questions.\n"
    source.write_text(original, encoding="utf-8")
    assert main(["import", str(source), "-o", str(source)]) == 2
    assert "both an input and the output" in capsys.readouterr().err
    assert source.read_text("utf-8") == original


def defaults() -> dict[str, str]:
    return {b.id: b.key for _, found in screens_and_bindings() for b in found if b.id}


@pytest.mark.parametrize("entry", ["app.quit: q", "practice.submit: s", "app.quit: 'ctrl+q,x'",
                                   "mock.next: enter", "practice.skip: space",
                                   # dialogs that pass typing on to the answer
                                   "unsaved.print: p", "drafts.close: x"])
def test_keymap_plain_keys_while_typing_are_refused(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "keymap.yaml"
    path.write_text(entry + "\n", encoding="utf-8")
    keymap, problems = load_keymap(path, binding_ids(), defaults())
    assert keymap == {}
    assert len(problems) == 1 and "entry ignored" in problems[0]


def test_keymap_taking_submits_only_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "keymap.yaml"
    path.write_text("app.quit: ctrl+s\nhome.study: s\npractice.hint: f4\n", encoding="utf-8")
    keymap, problems = load_keymap(path, binding_ids(), defaults())
    assert keymap == {"home.study": "s", "practice.hint": "f4"}
    assert "practice.submit" in problems[0] and "without a key" in problems[0]
    path.write_text("app.quit: ctrl+s\npractice.submit: 'ctrl+s,f5'\nmock.next: 'ctrl+s,f6'\n",
                    encoding="utf-8")
    keymap, problems = load_keymap(path, binding_ids(), defaults())
    assert keymap == {"app.quit": "ctrl+s", "practice.submit": "ctrl+s,f5",  # f5 still submits
                      "mock.next": "ctrl+s,f6"}
    assert problems == []
