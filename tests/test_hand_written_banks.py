"""Writing a bank by hand: the README's example, built-in theme libraries, required fields and
plain-words messages for indentation mistakes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interview_coach.banks.loader import check_bank
from interview_coach.banks.models import Bank, Question, RedFlag, Theme

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_readme_example_bank_validates_as_printed(tmp_path: Path) -> None:
    section = _readme_section("The bank format")
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example is not None
    path = tmp_path / "example.yaml"  # any folder: nothing but the file itself
    path.write_text(example.group(1), encoding="utf-8")
    bank, problems = check_bank(path)
    assert [p.format() for p in problems] == []
    assert bank is not None and bank.questions


def test_readme_and_validator_agree_on_required_fields() -> None:
    section = _readme_section("The bank format")
    listed = dict(re.findall(r"^- (bank|theme|question|red flag): (.*)$", section, re.MULTILINE))
    models = {"bank": Bank, "theme": Theme, "question": Question, "red flag": RedFlag}
    assert set(listed) == set(models)
    for name, model in models.items():
        # the fields named before ", and" are the plainly required ones
        plain = listed[name].split(", and")[0]
        named = set(re.findall(r"`([a-z_]+)`", plain))
        required = {f.alias or key for key, f in model.model_fields.items() if f.is_required()}
        assert named == required, name


BANK = """\
schema: 1
id: hand
title: Hand written
description: A bank written by hand.
role: Any
include: [{include}]
questions:
  - id: q1
    prompt: How do you work with others?
    themes: [{theme}]
    model_answer: I share what I know and ask for help early.
"""


def test_builtin_theme_library_included_by_name_from_any_folder(tmp_path: Path) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(BANK.format(include="builtin:workplace", theme="collaboration"))
    bank, problems = check_bank(path)
    assert problems == [] and bank is not None
    assert "collaboration" in bank.themes


def test_unknown_builtin_library_suggests_the_closest(tmp_path: Path) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(BANK.format(include="builtin:workplce", theme="collaboration"))
    _, problems = check_bank(path)
    assert problems and problems[0].line == 6
    assert "no built-in theme library 'workplce': did you mean 'workplace'?" in problems[0].message


HEAD = "schema: 1\nid: ind\ntitle: T\ndescription: D\nrole: R\n"
THEMES = "themes:\n  calm:\n    label: Calm\n    description: Staying calm.\n    keywords: [calm]\n"
QUESTION = "questions:\n  - id: q1\n    prompt: Why?\n    model_answer: Because.\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (HEAD + THEMES + "  hint: Say how.\n" + QUESTION, 11,
         "'hint' is indented less than the theme it belongs to ('calm', line 7): "
         "line it up with 'keywords' on line 10 (column 5)"),
        (HEAD + THEMES + "hint: Say how.\n" + QUESTION, 11,
         "'hint' is indented less than the theme it belongs to"),
        (HEAD + QUESTION + "   tips: [Be brief.]\n", 10,
         "'tips' is indented less than the question it belongs to ('q1', line 7): "
         "line it up with 'model_answer' on line 9 (column 5)"),
        (HEAD + QUESTION + "  follow_ups: [Why not?]\n", 10,
         "'follow_ups' is indented less than the question it belongs to ('q1', line 7)"),
        (HEAD + "questions:\n  - id: q1\n    prompt: Why?\n      model_answer: Because.\n", 9,
         "'model_answer' is indented more than 'prompt' on line 8, so it is read as part of that "
         "value: line it up with 'prompt' (column 5)"),
    ],
)
def test_indentation_mistakes_get_plain_words(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(text)
    _, problems = check_bank(path)
    assert problems, text
    assert problems[0].line == line
    assert message in problems[0].message
    assert "YAML syntax error" not in problems[0].message
