"""Issue 14, point 14: one rule for text reaching a terminal, and the formula guard on every CSV.

``export-bank`` (CSV, Markdown, Anki), ``export --format csv`` and ``grade`` CSV on stdout once
passed escape sequences through raw (an OSC 52 clipboard write, a window title, clear screen);
``export-bank --format csv`` defused no formula cell and the ``grade`` CSV header was not defused.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hostile_support import BANKS_DIR

from interview_coach._util.safetext import for_terminal
from interview_coach.cli.main import main
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

REPO = Path(__file__).resolve().parents[2]
ESCAPES = BANKS_DIR / "control_escapes.yaml"
TUI_BANK = REPO / "tests" / "data" / "tui_bank.yaml"
# What a terminal would act on: C0 controls but tab, newline and a CR before a newline; DEL; C1.
RAW = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
OSC52 = "\x1b]52;c;c2VjcmV0\x07"


@pytest.mark.parametrize("fmt", ["csv", "md", "anki"])
def test_export_bank_to_stdout_has_no_escapes(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-bank", str(ESCAPES), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert not RAW.search(out), RAW.findall(out)[:5]
    assert "Tell me how you" in out


def formula_bank(tmp_path: Path) -> Path:
    path = tmp_path / "formula.yaml"
    text = TUI_BANK.read_text("utf-8").replace(
        "prompt: Tell me about a time you handled a caller who was very angry.",
        "prompt: '=HYPERLINK(\"http://x.invalid\",\"Tell me about an angry caller\")'")
    assert "HYPERLINK" in text
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_export_bank_csv_defuses_formulas(tmp_path: Path, to_file: bool,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    bank = formula_bank(tmp_path)
    out_file = tmp_path / "bank.csv"
    argv = ["export-bank", str(bank), "--format", "csv"] + (["-o", str(out_file)] if to_file else [])
    assert main(argv) == 0
    text = out_file.read_text("utf-8") if to_file else capsys.readouterr().out
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=HYPERLINK(\"http://x.invalid\",\"Tell me about an angry caller\")" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_export_csv_to_stdout_has_no_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open()
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    store.record_attempt(bank_id="tui-demo", bank_hash="h", question_id="angry-caller",
                         answer=f"I listened {OSC52} and \x1b]0;owned\x07 then \x1b[2J calm",
                         result=result_from_dict({"score": 40, "themes": []}), mode="practice",
                         started_at=now - timedelta(seconds=30), submitted_at=now)
    store.close()
    assert main(["export", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert not RAW.search(out), RAW.findall(out)[:5]
    assert "I listened" in out and "calm" in out


def test_grade_csv_to_stdout_has_no_escapes_and_a_safe_header(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "class.csv"
    with answers.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["question_id", "answer", "=cmd|' /C calc'!A0", "@SUM(1)"])
        writer.writerow(["angry-caller", f"I stayed calm {OSC52} and listened \x1b[2J", "x", "y"])
    assert main(["grade", str(TUI_BANK), str(answers)]) == 0
    out = capsys.readouterr().out
    assert not RAW.search(out), RAW.findall(out)[:5]
    header = next(csv.reader(io.StringIO(out)))
    assert "'=cmd|' /C calc'!A0" in header and "'@SUM(1)" in header
    assert not any(name.startswith(("=", "@", "+")) for name in header)


def test_for_terminal_keeps_line_ends_and_offsets() -> None:
    assert for_terminal("a,b\r\nc\n") == "a,b\r\nc\n"
    assert for_terminal("x\x1b[2Jy\rz") == "x\u241b[2Jy\u240dz"


def test_export_bank_md_to_a_file_is_unchanged_by_the_rule(tmp_path: Path) -> None:
    """Files keep the exporters' own output (only stdout goes through the terminal rule)."""
    out = tmp_path / "sheet.md"
    shutil.copy(TUI_BANK, tmp_path / "b.yaml")
    assert main(["export-bank", str(tmp_path / "b.yaml"), "--format", "md", "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("# Help desk team lead")
