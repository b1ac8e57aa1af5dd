"""Every hostile bank of tests/data/hostile/banks/index.yaml through the commands that take a bank.

``validate`` gives the exit code the index states, a message (never a traceback), nothing raw on
the terminal, and of a file that is not a bank only the start of one of its lines; ``score``,
``grade``, ``import --themes`` and ``export-bank`` work on the valid ones. The screens get the
same banks in test_screens.py; tests/hostile/test_hostile_banks.py covers the loader's messages.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_support import BANKS_DIR, bank_index

from interview_coach.banks.loader import load_bank
from interview_coach.cli.main import main

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SECRET = "SECRET-"
ENTRIES = bank_index()
VALID = [e for e in ENTRIES if e["exit"] == 0]


def entry_id(entry: dict[str, Any]) -> str:
    return Path(entry["file"]).stem


def only_line_starts(output: str, path: Path, keep: int = 100) -> None:
    """No part of any line of ``path`` beyond its first ``keep`` characters is in ``output``."""
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        for start in range(keep, max(len(line) - 30, keep), 30):
            piece = line[start:start + 30]
            if piece.strip():
                assert piece not in output, f"echoed text from deep inside a line: {piece!r}"


def test_index_names_every_bank_and_there_are_enough() -> None:
    names = {e["file"] for e in ENTRIES}
    assert all((BANKS_DIR / name).is_file() for name in names)
    assert len(names) >= 15
    assert len(list(BANKS_DIR.glob("*.yaml"))) - 1 >= 15  # index.yaml aside


@pytest.mark.parametrize("entry", ENTRIES, ids=entry_id)
def test_validate(entry: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = BANKS_DIR / entry["file"]
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    output = out + err
    assert code == entry["exit"], output
    assert "Traceback" not in output
    assert not RAW.search(output), "a control character from the bank reached the terminal"
    if "expect" in entry:
        assert entry["expect"] in output
    if entry.get("secret"):
        assert SECRET not in output
        only_line_starts(output, path)
        for lib in (BANKS_DIR / "libs").iterdir():
            only_line_starts(output, lib)


def test_validate_all_at_once_in_a_real_process(tmp_path: Path) -> None:
    """Every hostile bank in one run; the python tags never run (no file appears in cwd)."""
    files = [str(p) for p in sorted(BANKS_DIR.glob("*.yaml")) if p.name != "index.yaml"]
    run = subprocess.run([sys.executable, "-m", "interview_coach", "validate", *files],
                         capture_output=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 1
    assert b"Traceback" not in run.stdout + run.stderr
    assert b"\x1b" not in run.stdout + run.stderr
    assert list(tmp_path.iterdir()) == []  # "touch pwned_by_bank" never ran


def test_syntax_error_on_a_very_long_line_is_clipped(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.yaml"
    path.write_text('schema: 1\nid: long\ntitle: "' + "y" * 200_000 + f"{SECRET}\n  bad: [\n",
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "YAML syntax error" in out and SECRET not in out
    assert max(len(line) for line in out.splitlines()) < 400


def test_file_over_the_size_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("schema: 1\ndescription: " + "x" * 6_000_000 + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert "MB limit" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["bank\x1b[2J\x1b]0;title\x07.yaml", "bank\u202eevil.yaml",
                                  "[@click=app.quit]bank.yaml", "bank\x9b31m.yaml"])
def test_hostile_file_names_never_reach_the_terminal_raw(tmp_path: Path, name: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / name, tmp_path / f"broken-{name}"
    good.write_bytes((BANKS_DIR / "bom_crlf_text.yaml").read_bytes())
    bad.write_text("schema: 1\nid: [unclosed\n", encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(bad)]) == 1
    for path in (good, bad):
        assert main(["score", str(path), "crlf-q", str(answer_file(tmp_path))]) in (0, 2)
    out, err = capsys.readouterr()
    assert not RAW.search(out + err)
    assert "Traceback" not in err


# ------------------------------------------------------------ the valid banks, other commands


def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text("I listen first, stay calm and ask questions. [bold]x[/] \x1b[31m", encoding="utf-8")
    return path


@pytest.mark.parametrize("entry", VALID, ids=entry_id)
def test_score_with_a_hostile_text_bank(entry: dict[str, Any], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = BANKS_DIR / entry["file"]
    bank = load_bank(path)
    answer = answer_file(tmp_path)
    for question in bank.questions:
        assert main(["score", str(path), question.id, str(answer)]) == 0
        out, err = capsys.readouterr()
        assert not RAW.search(out + err), "bank text reached the terminal raw"
        assert main(["score", str(path), question.id, str(answer), "--json"]) == 0
        result = json.loads(capsys.readouterr().out)
        text = answer.read_text("utf-8")
        for theme in result["themes"]:
            for match in theme["matches"]:
                assert text[match["start"]:match["end"]] == match["text"]


@pytest.mark.parametrize("entry", VALID, ids=entry_id)
def test_grade_import_and_export_bank_with_a_hostile_text_bank(
        entry: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BANKS_DIR / entry["file"]
    bank = load_bank(path)
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join(json.dumps({"question_id": q.id, "answer": f"I listen. {q.prompt}"})
                              for q in bank.questions) + "\n", encoding="utf-8")
    assert main(["grade", str(path), str(rows), "-o", str(tmp_path / "out.jsonl")]) == 0
    qa = tmp_path / "qa.txt"
    qa.write_text("Q: How do you listen?\nA: I listen first and stay calm.\n", encoding="utf-8")
    imported = tmp_path / "imported.yaml"
    assert main(["import", str(qa), "-o", str(imported), "--themes", str(path)]) == 0
    assert main(["validate", str(imported)]) == 0
    for fmt in ("anki", "csv", "md"):
        assert main(["export-bank", str(path), "--format", fmt, "-o", str(tmp_path / f"x.{fmt}")]) == 0
    _out, err = capsys.readouterr()
    assert "Traceback" not in err


def test_banks_command_lists_hostile_user_banks_harmlessly(private_home: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = private_home / "banks"
    folder.mkdir(parents=True, exist_ok=True)
    for entry in VALID:
        (folder / Path(entry["file"]).name).write_bytes((BANKS_DIR / entry["file"]).read_bytes())
    (folder / "broken\x1b[2J.yaml").write_text("schema: 1\nid: [\n", encoding="utf-8")
    assert main(["banks"]) == 1
    assert main(["banks", "--json"]) == 1
    out, err = capsys.readouterr()
    assert not RAW.search(out + err)
    assert "Traceback" not in err
