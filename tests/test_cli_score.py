"""``interview-coach score``: the readable report, --json, stdin, and the errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from interview_coach.cli.main import main

BANK = str(Path(__file__).parent / "data" / "scoring_bank.yaml")
ANSWER = "I set clear boundaries and I never take breaks. [bold]Supervision[/] keeps me well."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer_file = tmp_path / "a.txt"
    answer_file.write_text(ANSWER, encoding="utf-8")
    code, out, _ = run(capsys, "score", BANK, "stay_well", str(answer_file), "--json")
    assert code == 0
    data = json.loads(out)
    assert {"score", "reference_similarity", "words", "red_flags", "themes"} <= set(data)
    assert [t["id"] for t in data["themes"]] == [
        "boundaries", "self_care", "listening", "care", "planning"]
    boundaries = data["themes"][0]
    assert set(boundaries) >= {"id", "label", "expected", "covered", "strength", "negated",
                               "matches"}
    match = boundaries["matches"][0]
    assert ANSWER[match["start"] : match["end"]] == match["text"] == "set clear boundaries"
    self_care = data["themes"][1]
    # "supervision" is one weak cue of this schema-1 bank (one-word keyword): touched.
    assert self_care["state"] == "touched" and self_care["anti_matches"] == []
    assert any(m["negated"] for m in self_care["matches"])  # never take breaks


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ANSWER.encode())))
    code, out, _ = run(capsys, "score", BANK, "stay_well", "-", "--json")
    assert code == 0
    assert json.loads(out)["words"] == 14


def test_readable_report_prints_text_literally(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = ANSWER + " \x1b[31m[@click=app.quit]"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(hostile.encode())))
    code, out, _ = run(capsys, "score", BANK, "stay_well")
    assert code == 0
    assert "Score " in out
    assert "[bold]Supervision[/]" in out  # markup shown as typed
    assert "[@click=app.quit]" in out
    assert "\x1b" not in out  # the escape is made visible, never sent
    assert "\u241b" in out
    assert "Boundaries" in out and "Self-care" in out


def test_unknown_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer_file = tmp_path / "a.txt"
    answer_file.write_text("text", encoding="utf-8")
    code, out, err = run(capsys, "score", BANK, "nope", str(answer_file))
    assert code == 2
    assert "nope" in err and out == ""


def test_unknown_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "score", "no_such_bank_id", "q", str(tmp_path / "x"))
    assert code == 2
    assert "no_such_bank_id" in err


def test_missing_file_and_bad_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score", BANK, "stay_well", str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    code, _, err = run(capsys, "score", BANK, "stay_well", str(bad))
    assert code == 2 and "UTF-8" in err


def test_empty_answer_scores_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, out, _ = run(capsys, "score", BANK, "stay_well", str(empty), "--json")
    assert code == 0
    assert json.loads(out)["score"] == 0


def test_marked_answer_styles_the_matches() -> None:
    from interview_coach.banks.loader import load_bank
    from interview_coach.cli.commands.score import marked_answer, visible
    from interview_coach.scoring import Scorer

    answer = "I never take breaks.\x1b I set boundaries but would keep it secret."
    result = Scorer(load_bank(BANK)).score("stay_well", answer)
    text = marked_answer(result, answer)
    assert text.plain == visible(answer)
    assert len(text.plain) == len(answer)  # one character per character: offsets hold
    styled = {(span.start, span.end, str(span.style)) for span in text.spans}
    start = answer.index("set boundaries")
    assert (start, start + len("set boundaries"), "underline green") in styled
    start = answer.index("take breaks")
    assert (start, start + len("take breaks"), "strike yellow") in styled
    start = answer.index("keep it secret")
    assert (start, start + len("keep it secret"), "bold red") in styled


def test_visible_keeps_length_and_line_endings() -> None:
    from interview_coach.cli.commands.score import visible

    raw = "a\r\nb\rc\x1b[0m\u202ed\x00"
    shown = visible(raw)
    assert len(shown) == len(raw)
    assert shown.startswith("a \nb\nc\u241b[0m")
    assert "\x1b" not in shown and "\u202e" not in shown and "\x00" not in shown


@pytest.mark.slow
def test_same_result_in_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    import os
    import subprocess

    answer_file = tmp_path / "a.txt"
    answer_file.write_text(
        ANSWER + " Um, like, I guess boundries and self care matter. I listened, you know.",
        encoding="utf-8")
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "interview_coach", "score", BANK, "stay_well",
             str(answer_file), "--json"],
            capture_output=True, text=True, env=env, check=True, timeout=60)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
