"""The plain drill: line by line for screen readers and scripts, saved to the same history."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pexpect
import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.cli.drill import (
    Drill,
    DrillSettings,
    colour_wanted,
    feedback_lines,
    read_answer,
    theme_state,
)
from interview_coach.history.memory import MemoryHistory
from interview_coach.history.store import Store
from interview_coach.scoring import Scorer

BANK = Path(__file__).parent / "data" / "tui_bank.yaml"
BOX_OR_ESCAPE = re.compile("[\u2500-\u259f\x1b\x9b]")  # box drawing, blocks, ESC, CSI
ANSWERS = [
    ["I stayed calm and listened to the caller, and asked questions to understand.",
     "I followed up the next day to check it was resolved."],
    ["I like working with colleagues as a team and I own every ticket until it is resolved."],
    ["I write a handover note for the next shift and tell the team what is still open."],
]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "VISUAL", "EDITOR")}
    env.update({"INTERVIEW_COACH_HOME": str(home), "TERM": "dumb", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def _drill(*args: str) -> list[str]:
    return [sys.executable, "-m", "interview_coach", "drill", str(BANK), *args]


def _lines(output: str) -> list[str]:
    return output.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def test_pexpect_three_questions_under_term_dumb(private_home: Path) -> None:
    command = _drill("-n", "3", "--model-answer")
    child = pexpect.spawn(command[0], command[1:], env=_env(private_home), encoding="utf-8",
                          timeout=60, dimensions=(24, 80))
    log = io.StringIO()
    child.logfile_read = log
    try:
        child.expect("End each answer with an empty line or Ctrl-D")
        for number, answer in enumerate(ANSWERS, start=1):
            child.expect(f"Question {number} of 3")
            for line in answer:
                child.sendline(line)
            if number < 3:
                child.sendline("")  # an empty line ends the answer
            else:
                child.sendeof()  # Ctrl-D ends it too
            child.expect(r"Score: \d+ out of 100\.")
            child.expect("Delivery: ")
            child.expect("Model answer:")
        child.expect(r"Done: 3 answered, 0 skipped\.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    lines = _lines(log.getvalue())
    assert [line for line in lines if BOX_OR_ESCAPE.search(line)] == []
    order = [next(i for i, line in enumerate(lines) if line.startswith(word))
             for word in ("Score:", "Parts of the score:", "Covered:", "Red flags:",
                          "Delivery:", "Model answer:")]
    assert order == sorted(order)
    with Store.open() as store:
        attempts = store.attempts(bank_id="tui-demo")
        assert sorted(a.question_id for a in attempts) == ["angry-caller", "handover",
                                                           "why-helpdesk"]
        assert {a.mode for a in attempts} == {"drill"}
        assert store.load_draft("tui-demo", "angry-caller") is None


def test_piped_answers_are_scored_and_saved(private_home: Path) -> None:
    text = "\n\n".join("\n".join(answer) for answer in ANSWERS[:2]) + "\n"
    done = subprocess.run(_drill("--question", "why-helpdesk", "-n", "2"), input=text,
                          capture_output=True, text=True, env=_env(private_home), timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "End each answer" not in out  # not a terminal: no instructions
    assert out.index("Why do you want to lead a help desk team?") < out.index("Score:")
    assert out.count("Score: ") == 2
    assert "Done: 2 answered, 0 skipped." in out
    assert not any(BOX_OR_ESCAPE.search(line) for line in _lines(out))
    with Store.open() as store:
        assert [a.question_id for a in reversed(store.attempts())] == ["why-helpdesk",
                                                                       "angry-caller"]


def test_answers_from_a_file_stop_at_its_end(private_home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("\n".join(ANSWERS[0]) + "\n", encoding="utf-8")
    with answers.open("rb") as stdin:
        done = subprocess.run(_drill(), stdin=stdin, capture_output=True, env=_env(private_home),
                              timeout=60)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0
    assert "Done: 1 answered, 0 skipped, 4 not asked." in out


def test_colour_only_when_asked_and_allowed(private_home: Path) -> None:
    text = ANSWERS[0][0] + "\n"
    for extra, coloured in (({"TERM": "xterm"}, True), ({"TERM": "dumb"}, False),
                            ({"TERM": "xterm", "NO_COLOR": "1"}, False)):
        done = subprocess.run(_drill("-n", "1", "--color"), input=text, capture_output=True,
                              text=True, env=_env(private_home, **extra), timeout=60)
        assert ("\x1b[" in done.stdout) is coloured, extra
    assert colour_wanted(False, {"TERM": "xterm"}) is False


def test_editor_answers(private_home: Path, tmp_path: Path) -> None:
    script = tmp_path / "editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'w').write('I stayed calm and kept a steady tone while I listened.')\n")
    env = _env(private_home, EDITOR=f"{sys.executable} {script}")
    done = subprocess.run(_drill("-n", "1", "--editor"), input="", capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Covered: Staying calm" in done.stdout
    assert "Done: 1 answered" in done.stdout


def test_unknown_question_is_a_usage_error(private_home: Path) -> None:
    done = subprocess.run(_drill("--question", "nope"), input="", capture_output=True, text=True,
                          env=_env(private_home), timeout=60)
    assert done.returncode == 2
    assert "has no question 'nope'" in done.stderr
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------ in process


def _run(stdin: str, history: MemoryHistory, **settings: object) -> str:
    bank = load_bank(BANK)
    out = io.StringIO()
    drill = Drill(bank, history, replace(DrillSettings(), **settings), stdin=io.StringIO(stdin),
                  stdout=out)
    drill.run(list(bank.questions[:2]))
    return out.getvalue()


def test_drafts_are_saved_while_typing_and_offered_again() -> None:
    history = MemoryHistory()
    seen: list[str] = []

    def save(bank_id: str, question_id: str, text: str) -> None:
        seen.append(text)
        MemoryHistory.save_draft(history, bank_id, question_id, text)

    history.save_draft = save  # type: ignore[method-assign]
    result = read_answer(io.StringIO("first line\nsecond line\n"), lambda t: save("b", "q", t))
    assert result.text == "first line\nsecond line" and result.ended_input
    assert seen == ["first line", "first line\nsecond line"]

    history.save_draft("tui-demo", "angry-caller", "I stayed calm.")
    out = _run(".\nI listened to him.\n\n\n", history)
    assert "You have a saved draft of this question (3 words)" in out
    assert "Your draft so far" in out and "I stayed calm." in out
    attempt = history.attempts(question_id="angry-caller")[0]
    assert attempt.answer == "I stayed calm.\nI listened to him."
    assert history.load_draft("tui-demo", "angry-caller") is None
    assert "Skipped." in out  # the second question got an empty answer


def test_skipping_keeps_the_draft() -> None:
    history = MemoryHistory()
    history.save_draft("tui-demo", "angry-caller", "Half an answer")
    out = _run("\n", history)
    assert "Skipped. Your saved draft is kept." in out
    assert history.load_draft("tui-demo", "angry-caller") == "Half an answer"


class _Stated:
    """A theme result with the scorer's coming per-theme state."""

    def __init__(self, theme: object, state: str) -> None:
        self._theme, self.state = theme, state

    def __getattr__(self, name: str) -> object:
        return getattr(self._theme, name)


def test_theme_states_from_the_scorer_or_derived() -> None:
    bank = load_bank(BANK)
    result = Scorer(bank).score("angry-caller", "I stayed calm and kept a steady tone while I listened.")
    states = {t.id: theme_state(t) for t in result.themes}
    assert states["calm"] == "covered"
    assert states["ownership"] == "missed"
    touched = _Stated(result.themes[0], "touched")
    assert theme_state(touched) == "touched"  # type: ignore[arg-type]
    lines = feedback_lines(result, bank.question("angry-caller"))
    assert lines[0].startswith("Score: ")
    assert any(line.startswith("Missed: Ownership. Hint: ") for line in lines)
    assert not any(line.startswith("Model answer") for line in lines)


def test_control_characters_in_answers_are_shown_not_obeyed() -> None:
    history = MemoryHistory()
    out = _run("I stayed calm \x1b[2J and listened.\n\n\n", history)
    assert "\x1b" not in out


@pytest.mark.parametrize("line", ["", "   "])
def test_blank_first_line_skips(line: str) -> None:
    result = read_answer(io.StringIO(line + "\nmore\n"))
    assert result.text == "" and not result.ended_input


def test_drill_never_imports_textual(private_home: Path) -> None:
    code = ("import sys\nfrom interview_coach.cli.main import main\n"
            "code = main(sys.argv[1:])\nprint('textual' in sys.modules)\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", code, "drill", str(BANK), "-n", "1"],
                          input=ANSWERS[0][0] + "\n", capture_output=True, text=True,
                          env=_env(private_home), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("False")
