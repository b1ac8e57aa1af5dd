"""The command line explains itself: every command's help, the questions list, clear errors for
unknown ids, whole paths when piped, stats and the Markdown report as a person reads them."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_coach.cli import main as cli
from interview_coach.history import export as exports
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

BUILTIN = Path(__file__).resolve().parents[1] / "question_banks"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_command_has_a_description_and_explains_each_argument() -> None:
    commands = _subparsers()
    assert set(commands) == set(cli.COMMANDS)
    for name, parser in commands.items():
        assert parser.description and len(parser.description) > 20, name
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"{name} {action.dest}"


def test_grade_help_names_its_columns_and_import_help_its_layouts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "grade", "--help")
    assert code == 0 and "question_id" in out and "answer" in out and "JSONL" in out
    code, out, _ = run(capsys, "import", "--help")
    assert code == 0
    for layout in ("answer-lines", "qa", "examples", "headings", "paragraphs", "bold", "bullets", "csv"):
        assert f"  {layout} " in out, layout
    assert "Sample answer" in out and "Follow-up" in out and "--force" in out


def test_questions_lists_ids_and_prompts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questions", "general_behavioural")
    lines = out.splitlines()
    assert code == 0 and len(lines) > 10
    assert lines[0].split()[0] == "tell-me-about-yourself" and "Tell me about yourself." in lines[0]


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["questions", "general_behavoural"], "did you mean 'general_behavioural'?"),
        (["lint", "peer_suport_worker"], "did you mean 'peer_support_worker'?"),
        (["score", "general_behavioural", "why-this-rol", "-"], "did you mean 'why-this-role'?"),
        (["practice", "general_behavioural", "--question", "why-leav"], "did you mean 'why-leave'?"),
        (["practice", "general_behavioural", "--order", "theme", "--theme", "comunication"],
         "did you mean 'communication'?"),
        (["stats", "--bank", "general_behavoural"], "did you mean 'general_behavioural'?"),
        (["history", "--bank", "peer_suport_worker"], "did you mean 'peer_support_worker'?"),
    ],
)
def test_unknown_ids_exit_2_with_did_you_mean(
    capsys: pytest.CaptureFixture[str], argv: list[str], wanted: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert wanted in err
    assert "Traceback" not in err


def test_banks_prints_whole_paths_when_piped(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = private_home / "banks"
    folder.mkdir(parents=True)
    long_name = "a_bank_file_with_a_rather_long_name_so_the_path_is_long_" * 2 + ".yaml"
    (folder / long_name).write_text(
        "schema: 1\nid: mine\ntitle: Mine\ndescription: My bank.\nrole: Any\n"
        "questions:\n  - id: q1\n    prompt: Why?\n    model_answer: Because.\n"
    )
    code, out, _ = run(capsys, "banks")
    assert code == 0
    assert str(folder / long_name) in out  # capsys is not a terminal: the path is whole


def _result(score: int) -> dict[str, Any]:
    return {"score": score, "words": 5, "red_flags": [{"phrase": "calm down, it's fine", "why": "x"}],
            "themes": [
                {"id": "communication", "label": "Communication", "expected": True, "covered": True,
                 "strength": 0.9},
                {"id": "self_care", "label": "Rest, food, and sleep", "expected": True,
                 "covered": False, "strength": 0.0}]}


def _fill(bank_id: str = "general_behavioural") -> None:
    store = Store.open()
    t0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    for i, score in enumerate((40, 50, 70, 80)):
        when = t0 + timedelta(minutes=i)
        store.record_attempt(bank_id=bank_id, bank_hash="h", question_id="why-this-role",
                             answer="An answer.", result=result_from_dict(_result(score)), mode="practice",
                             started_at=when - timedelta(seconds=60), submitted_at=when)
    store.close()


def test_stats_uses_theme_labels_and_explains_the_trend(capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "trend +30.0" in out
    assert "Trend: the mean score of your recent half of attempts minus that of the older half" in out
    assert "  Clear communication " in out  # the label from the bank, not the id
    assert "  communication " not in out
    assert "  self_care " in out  # a theme the bank no longer has: its id


def test_markdown_report_keeps_ids_and_comma_labels_readable(capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    code, out, _ = run(capsys, "export", "--format", "md")
    assert code == 0
    assert "## Bank: general_behavioural" in out
    assert "### Question: why-this-role" in out
    assert "\\_" not in out.split("## Totals")[0].split("### Question")[0]
    assert "- Themes missed: Rest, food, and sleep\n" in out
    assert "- Themes covered: Communication\n" in out
    assert "- Red flags: calm down, it's fine" in out
    two = exports.md_list_item("Themes covered", ["Rest, food, and sleep", "Communication"])
    assert two == ["- Themes covered: Rest, food, and sleep; Communication"]
    assert exports.md_list_item("Themes", ["a; b", "c"]) == ["- Themes:", "  - a; b", "  - c"]
