"""Banks from strangers (issue 9): every hostile bank gives messages, never a traceback or a run tag.

Each file in tests/data/hostile/banks/ either loads (a BOM, CRLF, markup and control characters
in text are all fine) or fails with a message; ``load_bank`` only ever raises ``BankError``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from interview_coach._util.errors import BankError
from interview_coach.banks.loader import load_bank
from interview_coach.cli.main import main

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "banks"
HOSTILE_FILES = sorted(p for p in HOSTILE.glob("*.yaml") if p.name != "index.yaml")
# The banks described in index.yaml (test_banks_everywhere.py) state their own exit codes.
INDEXED = {e["file"]: e for e in yaml.safe_load((HOSTILE / "index.yaml").read_text("utf-8"))["banks"]}

LOADS = {"bom", "crlf", "bom_crlf", "markup_and_controls"} | {
    Path(name).stem for name, entry in INDEXED.items() if entry["exit"] == 0}
# file -> words the first problem must contain (every other file must fail with some message)
MESSAGES = {
    "python_object_new": "not allowed", "python_name": "not allowed", "python_module_key": "not allowed",
    "tag_directive": "not allowed", "set_and_omap_tags": "not allowed", "binary_tag": "not allowed",
    "deep_flow_5000": "nesting deeper", "deep_block_mappings": "nesting deeper",
    "deep_dash_sequences": "nesting deeper", "yes_no_surprises": "write it in quotes",
    "norway_keyword": "write it in quotes", "include_url": "URL", "include_file_url": "URL",
    "include_passwd": ".yaml", "include_non_yaml": ".yaml", "include_dev_zero": "absolute",
    "billion_laughs": "alias bomb", "merge_key_bomb": "alias bomb", "recursive_alias": "contains it",
    "binary": "not UTF-8", "utf16": "UTF-16", "latin1_title": "not UTF-8", "passwd_like": "not a bank",
    "raw_control_chars": "U+0007", "two_documents": "one YAML document",
}


def test_there_are_enough_hostile_banks() -> None:
    assert len(HOSTILE_FILES) >= 15


@pytest.mark.parametrize("path", HOSTILE_FILES, ids=lambda p: p.stem)
def test_load_only_raises_bank_error(path: Path) -> None:
    if path.stem in LOADS:
        bank = load_bank(path)
        assert path.name in INDEXED or bank.id == "hostile"
        return
    with pytest.raises(BankError) as caught:
        load_bank(path)
    problems = caught.value.problems
    assert problems and all(p.line >= 1 and p.column >= 1 for p in problems)
    if path.stem in MESSAGES:
        assert MESSAGES[path.stem] in problems[0].message


@pytest.mark.parametrize("path", HOSTILE_FILES, ids=lambda p: p.stem)
def test_validate_never_tracebacks(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == (0 if path.stem in LOADS else 1)
    assert "Traceback" not in output
    assert "\x1b" not in output  # control characters from the file never reach the terminal
    for line in output.splitlines():
        assert len(line) < len(str(path)) + 400, "a message echoed too much of the file"


def test_markup_and_controls_load_as_the_exact_text() -> None:
    bank = load_bank(HOSTILE / "markup_and_controls.yaml")
    assert bank.title == "[bold]Bold[/] [link=https://x [@click=app.quit]quit[/]"
    prompt = bank.questions[0].prompt
    assert "\x1b[2J" in prompt and "\u202e" in prompt and "\x9b" in prompt and "\t" in prompt


def test_nothing_in_a_tag_ever_runs() -> None:
    marker = Path("/tmp/interview-coach-pwned")
    marker.unlink(missing_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "interview_coach", "validate",
         str(HOSTILE / "python_object_new.yaml"), str(HOSTILE / "tag_directive.yaml")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pwned" not in result.stdout.replace("interview-coach-pwned", "")
    assert not marker.exists()


def test_hundred_thousand_deep_brackets(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "interview_coach", "validate", str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1 and "nesting deeper than" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_huge_single_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "line.yaml"
    path.write_text("title: " + "word " * 800_000 + "\n", encoding="utf-8")  # 4 MB on one line
    assert main(["validate", str(path)]) == 1
    output = capsys.readouterr().out
    assert "missing required field 'questions'" in output and "word word" not in output


def test_resolve_bank_with_a_nul_in_the_name() -> None:
    with pytest.raises(BankError):
        load_bank("bank\x00.yaml")


@pytest.mark.parametrize(
    ("include", "words"),
    [('["x\\0.yaml"]', "control characters"), ("[" + ", ".join(["lib.yaml"] * 5000) + "]", "at most 20")],
    ids=["nul-in-name", "5000-includes"],
)
def test_hostile_include_lists(tmp_path: Path, include: str, words: str) -> None:
    text = (HOSTILE / "crlf.yaml").read_text(encoding="utf-8").replace("themes:", f"include: {include}\nthemes:", 1)
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert words in caught.value.problems[0].message


def test_long_key_is_clipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "key.yaml"
    path.write_text('"' + "k" * 900 + '": 1\nschema: 1\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    output = capsys.readouterr().out
    assert "unknown key 'kkk" in output and "k" * 61 not in output
