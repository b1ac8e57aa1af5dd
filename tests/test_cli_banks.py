"""The ``validate``, ``banks`` and ``schema`` commands: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_coach._util import paths
from interview_coach.banks import loader
from interview_coach.cli.main import main
from test_loader import BANK, LIBRARY, write


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; (exit code, stdout, stderr)."""
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def test_validate_a_good_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "b.yaml", BANK)
    code, out, _ = run(["validate", str(path)], capsys)
    assert code == 0 and out == f"{path}: ok (bank 'sample', 2 questions, 1 themes)\n"


def test_validate_prints_file_line_col_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "b.yaml", BANK.replace("prompt: Tell", "promt: Tell"))
    code, out, _ = run(["validate", str(path)], capsys)
    assert code == 1
    assert f"{path}:12:5: missing required field 'prompt'" in out
    assert f"{path}:13:5: unknown key 'promt': did you mean 'prompt'?" in out


def test_validate_a_theme_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(write(tmp_path, "lib.yaml", LIBRARY))], capsys)
    assert code == 0 and "theme library, 2 themes" in out


def test_validate_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "b.yaml", BANK)
    code, out, err = run(["validate", str(good), str(tmp_path / "nowhere.yaml")], capsys)
    assert code == 2 and "no such file" in err and "ok" in out


def test_validate_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.yaml", BANK)
    write(tmp_path, "b.yml", BANK.replace("id: sample", "id: other"))
    code, out, _ = run(["validate", str(tmp_path)], capsys)
    assert code == 0 and out.count(": ok (") == 2


def test_validate_an_empty_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", str(tmp_path)], capsys)
    assert code == 2 and "no .yaml" in err


def test_validate_without_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2


def test_validate_every_builtin_bank(capsys: pytest.CaptureFixture[str]) -> None:
    banks = loader.builtin_bank_paths()
    if not banks:
        pytest.skip("no built-in banks yet")
    code, out, _ = run(["validate", *map(str, banks)], capsys)
    assert code == 0, out


def test_banks_lists_builtin_and_user(capsys: pytest.CaptureFixture[str]) -> None:
    write(paths.user_banks_dir(create=True), "mine.yaml", BANK.replace("id: sample", "id: mine"))
    code, out, _ = run(["banks"], capsys)
    assert code == 0
    assert out.splitlines()[0].split() == ["id", "title", "questions", "themes", "origin", "path"]
    assert any(line.startswith("mine ") and " user " in line for line in out.splitlines())


def test_banks_json(capsys: pytest.CaptureFixture[str]) -> None:
    write(paths.user_banks_dir(create=True), "mine.yaml", BANK.replace("id: sample", "id: mine"))
    code, out, _ = run(["banks", "--json"], capsys)
    rows = json.loads(out)
    mine = next(row for row in rows if row["id"] == "mine")
    assert code == 0
    assert mine["questions"] == 2 and mine["themes"] == 1 and mine["origin"] == "user"
    assert mine["title"] == "Sample bank" and mine["path"].endswith("mine.yaml")
    builtin = {row["id"] for row in rows if row["origin"] == "built-in"}
    assert builtin == {loader.load_bank(p).id for p in loader.builtin_bank_paths()}


def test_banks_reports_broken_banks_and_lists_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    user = paths.user_banks_dir(create=True)
    write(user, "mine.yaml", BANK.replace("id: sample", "id: mine"))
    write(user, "broken.yaml", BANK.replace("schema: 1", "schema: 9"))
    code, out, err = run(["banks", "--json"], capsys)
    assert code == 1
    assert "mine" in {row["id"] for row in json.loads(out)}
    assert "broken.yaml:1:1: unknown schema version 9" in err


def test_banks_titles_are_shown_as_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    text = BANK.replace("title: Sample bank", 'title: "[bold]Odd\\e[31m title"')
    write(paths.user_banks_dir(create=True), "odd.yaml", text)
    code, out, _ = run(["banks"], capsys)
    assert code == 0 and "\x1b" not in out and "[bold]Odd\\x1b[31m title" in out


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and "schema" in schema["properties"] and "schema_" not in schema["properties"]
