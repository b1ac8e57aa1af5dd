"""Every hostile answer through every command-line entrance that accepts an answer (issue 9).

``score`` (readable and ``--json``), ``grade`` (CSV and JSONL holding all of them, plus bad rows)
and ``import`` (inside Q&A text and CSV files). Offsets always point into the original answer,
nothing raw reaches the terminal, no traceback, and the scorer's normalisation does its job.
The screens get the same answers in test_screens.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_support import (
    ANSWERS_DIR,
    SURROGATES,
    TARGET_BANK,
    HostileAnswer,
    all_answers,
    answer_id,
    file_answers,
    generated_answers,
)

from interview_coach._util.errors import InterviewCoachError
from interview_coach.banks.loader import load_bank
from interview_coach.cli.main import main
from interview_coach.scoring import Scorer

# What must never reach a terminal: ESC and the other C0 controls but tab and newline, DEL,
# C1 controls, bidi overrides and isolates.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_offsets(answer: str, result: dict[str, Any]) -> None:
    """Every match and red flag names the exact text at its offsets in the original answer."""
    spans = [m for t in result["themes"] for m in t["matches"]]
    if result.get("question_terms"):
        spans += result["question_terms"]["matches"]
    spans += result["red_flags"]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(answer)
        assert answer[span["start"]:span["end"]] == span["text"]


def check_expectations(answer: HostileAnswer, result: dict[str, Any]) -> None:
    """What the index says about the answer's score and themes."""
    themes = {t["id"]: t for t in result["themes"]}
    if answer.zero:
        assert result["score"] == 0
    if answer.max_score is not None:
        assert result["score"] <= answer.max_score
    # Issue 12's tiers: one weak cue (a one-word schema-1 keyword) touches a theme; the index
    # asks whether the scorer found the theme's evidence, so touched counts here.
    shown = ("covered", "touched")
    for tid in answer.covers:
        assert themes[tid]["state"] in shown, f"{tid} not covered"
    for tid in answer.not_covered:
        assert themes[tid]["state"] not in shown, f"{tid} covered"
    for tid in answer.negated:
        assert themes[tid]["negated"], f"{tid} not negated"


def answer_file(answer: HostileAnswer, tmp_path: Path) -> Path:
    """The answer as a file: the kept one, or a fresh one for the generated answers."""
    if not answer.generated:
        return ANSWERS_DIR / f"{answer.name}.txt"
    path = tmp_path / f"{answer.name}.txt"
    path.write_text(answer.text, encoding="utf-8", newline="")
    return path


def test_at_least_forty_hostile_answers_all_indexed() -> None:
    files = {p.name for p in ANSWERS_DIR.glob("*.txt")}
    indexed = {f"{a.name}.txt" for a in file_answers()}
    assert files == indexed
    assert len(files) >= 40


# ------------------------------------------------------------------------------------ score


@pytest.mark.parametrize("answer", all_answers(), ids=answer_id)
def test_score_json(answer: HostileAnswer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["score", str(TARGET_BANK), answer.question, str(answer_file(answer, tmp_path)),
                 "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert not RAW_CONTROL.search(out)  # escaped in the JSON, not sent raw to the terminal
    result = json.loads(out)
    assert 0 <= result["score"] <= 100
    check_offsets(answer.text.removeprefix("\ufeff"), result)
    check_expectations(answer, result)


@pytest.mark.parametrize("answer", file_answers(), ids=answer_id)
def test_score_report_sends_nothing_raw(answer: HostileAnswer,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["score", str(TARGET_BANK), answer.question, str(ANSWERS_DIR / f"{answer.name}.txt")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert not RAW_CONTROL.search(out + err)
    if answer.probe and "\n" not in answer.probe:
        # the report shows the answer with controls made visible, markup literal
        assert answer.probe in out


def test_score_reads_stdin_in_a_real_process() -> None:
    text = (ANSWERS_DIR / "ansi_colour.txt").read_bytes() + (ANSWERS_DIR / "markup_click_quit.txt").read_bytes()
    run = subprocess.run([sys.executable, "-m", "interview_coach", "score", str(TARGET_BANK),
                          "upset-caller", "-"], input=text, capture_output=True, timeout=60)
    assert run.returncode == 0
    assert b"Traceback" not in run.stderr
    assert b"\x1b" not in run.stdout
    assert "␛[31mred text␛[0m".encode() in run.stdout
    assert b"[@click=app.quit]Press here[/]" in run.stdout


def test_score_refuses_bytes_that_are_not_utf8(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"I listened to the caf\xe9 owner \xff\xfe")
    assert main(["score", str(TARGET_BANK), "upset-caller", str(path)]) == 2
    _out, err = capsys.readouterr()
    assert "not UTF-8" in err and "Traceback" not in err


def test_whitespace_scores_zero_on_a_question_without_model_answer() -> None:
    scorer = Scorer(load_bank(TARGET_BANK))
    for text in ("", " ", "\n\t \u00a0\u3000", "\u200b\ufeff"):
        assert scorer.score("themes-only", text).score == 0
        assert scorer.score("upset-caller", text).score == 0


@pytest.mark.parametrize("name", ["crlf", "lone_cr"])
def test_line_endings_score_like_plain_newlines(name: str) -> None:
    scorer = Scorer(load_bank(TARGET_BANK))
    text = (ANSWERS_DIR / f"{name}.txt").read_bytes().decode("utf-8")
    unix = text.replace("\r\n", "\n").replace("\r", "\n")
    assert "\r" in text
    assert scorer.score("upset-caller", text).score == scorer.score("upset-caller", unix).score


@pytest.mark.parametrize("text", SURROGATES)
def test_lone_surrogates_score_or_raise_the_apps_own_error(text: str) -> None:
    scorer = Scorer(load_bank(TARGET_BANK))
    try:
        result = scorer.score("upset-caller", text).to_dict()
    except InterviewCoachError:
        return
    check_offsets(text, result)
    json.dumps(result)  # the result can still be written out (ASCII-escaped JSON)


def best_time(scorer: Scorer, question: str, text: str, runs: int) -> float:
    """The fastest of ``runs`` CPU timings of scoring ``text`` (CPU time: other processes on a
    busy machine do not count)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        scorer.score(question, text)
        times.append(time.process_time() - start)
    return min(times)


@pytest.mark.parametrize("answer", generated_answers(), ids=answer_id)
def test_big_answers_score_in_linear_time(answer: HostileAnswer) -> None:
    scorer = Scorer(load_bank(TARGET_BANK))
    result = scorer.score(answer.question, answer.text)
    check_offsets(answer.text, result.to_dict())
    # Linear: a tenth of the text takes about a tenth of the time (slack for a busy machine);
    # the absolute 1 MB budget of issue 4 is measured by benchmarks/scoring.py on a quiet core.
    tenth = answer.text[: len(answer.text) // 10]
    small = best_time(scorer, answer.question, tenth, 3)
    big = best_time(scorer, answer.question, answer.text, 1)
    assert big < 20 * small + 0.5, f"{answer.name}: {big:.2f} s against {small:.3f} s for a tenth"
    assert big < 8.0


# ------------------------------------------------------------------------------------ grade

BAD_CSV_ROWS = 4  # missing column, over the csv field limit, not UTF-8, unknown question


def grade_csv_input(path: Path) -> list[tuple[str, str]]:
    """Every hostile answer as a CSV row, with bad rows mixed in; the rows' (kind, note)."""
    kinds: list[tuple[str, str]] = []
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["student", "question_id", "answer"])
    for number, answer in enumerate(all_answers()):
        writer.writerow([f"s{number}", answer.question, answer.text])
        kinds.append(("answer", answer.name))
        if number == 3:
            buffer.write("short-row,upset-caller\r\n")  # no answer column
            kinds.append(("bad", "missing column"))
        if number == 7:
            writer.writerow(["huge", "upset-caller", "I listened. " + "x" * 200_000])
            kinds.append(("answer", "over the csv field limit"))
        if number == 11:
            writer.writerow(["ghost", "no-such-question", "I listened"])
            kinds.append(("bad", "unknown question"))
    data = buffer.getvalue().encode("utf-8")
    not_utf8 = b'latin,upset-caller,"caf\xe9 cr\xe8me \xff"\r\n'
    path.write_bytes(data + not_utf8 + b"last,upset-caller,I stayed calm and listened\r\n")
    kinds += [("bad", "not UTF-8"), ("answer", "after the bad bytes")]
    return kinds


def expected_error(kind: tuple[str, str], answer_text: str | None) -> bool:
    """Whether the row must come out with an error (bad rows and empty answers)."""
    if kind[0] == "bad":
        return True
    return answer_text is not None and not answer_text.strip()


def test_grade_csv_every_hostile_answer_and_bad_rows(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    source, output = tmp_path / "answers.csv", tmp_path / "graded.csv"
    kinds = grade_csv_input(source)
    code = main(["grade", str(TARGET_BANK), str(source), "-o", str(output)])
    _out, err = capsys.readouterr()
    assert code == 1  # some rows could not be graded
    assert "Traceback" not in err
    rows = list(csv.DictReader(output.open(encoding="utf-8", newline="")))
    assert len(rows) == len(kinds)
    texts = {a.name: a.text for a in all_answers()}
    for number, (kind, row) in enumerate(zip(kinds, rows, strict=True), start=1):
        failed = bool(row["error"])
        assert failed == expected_error(kind, texts.get(kind[1])), (number, kind, row["error"])
        if failed:
            assert f"row {number} " in err  # reported by row number
        else:
            assert 0 <= int(row["score"]) <= 100
    assert rows[-1]["error"] == "" and int(rows[-1]["score"]) > 0  # the rest went on


def test_grade_jsonl_every_hostile_answer_and_bad_rows(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    source, output = tmp_path / "answers.jsonl", tmp_path / "graded.jsonl"
    lines: list[bytes] = []
    bad: set[int] = set()
    for answer in all_answers():
        lines.append(json.dumps({"question_id": answer.question, "answer": answer.text,
                                 "name": answer.name}, ensure_ascii=False).encode("utf-8"))
        if not answer.text.strip():
            bad.add(len(lines))
        if len(lines) == 5:
            lines.append(b'{"question_id": "upset-caller", "answer": "unterminated')
            bad.add(len(lines))
            lines.append(b'{"answer": "no question id"}')
            bad.add(len(lines))
            lines.append(b'{"question_id": "upset-caller", "answer": "caf\xe9 \xff"}')
            bad.add(len(lines))
            lines.append(b'["not", "an", "object"]')
            bad.add(len(lines))
            lines.append(b'{"question_id": "upset-caller", "answer": ' + b"[" * 100_000 + b"]")
            bad.add(len(lines))
    lines.append(b'{"question_id": "upset-caller", "answer": "I stayed calm and listened"}')
    source.write_bytes(b"\n".join(lines) + b"\n")
    code = main(["grade", str(TARGET_BANK), str(source), "-o", str(output)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    # JSON lines end at "\n" only (str.splitlines would also split at U+2028 and NEL)
    results = [json.loads(line) for line in output.read_text("utf-8").split("\n") if line]
    assert len(results) == len(lines)
    for number, result in enumerate(results, start=1):
        assert bool(result["error"]) == (number in bad), (number, result["error"])
        if number in bad:
            assert f"row {number} " in err
    assert results[-1]["score"] > 0


def test_grade_output_to_stdout_has_no_raw_controls(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "answers.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["question_id", "answer", "note"])
        for answer in file_answers():
            writer.writerow([answer.question, answer.text, "=HYPERLINK(\"x\")"])
    assert main(["grade", str(TARGET_BANK), str(source), "--format", "jsonl"]) in (0, 1)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert not RAW_CONTROL.search(out)
    for line in out.split("\n"):
        if line:
            json.loads(line)


# ----------------------------------------------------------------------------------- import


def qa_file(answer: HostileAnswer, path: Path) -> Path:
    """A Q&A text file holding the hostile answer as the first answer."""
    body = answer.text.replace("\r\n", "\n")
    path.write_text("Practice questions\n\nQ: How do you listen to an upset caller?\n"
                    f"A: {body}\n\nQ: How do you stay calm?\nA: I breathe slowly and keep my "
                    "voice steady.\n", encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("answer", file_answers(), ids=answer_id)
def test_import_qa_file_with_a_hostile_answer_gives_a_valid_bank(
        answer: HostileAnswer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, bank = qa_file(answer, tmp_path / "qa.txt"), tmp_path / "imported.yaml"
    code = main(["import", str(source), "-o", str(bank), "--themes", str(TARGET_BANK)])
    _out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert code in (0, 1)
    if code == 0:
        assert main(["validate", str(bank)]) == 0
        capsys.readouterr()
    else:
        assert not bank.exists()


def test_import_csv_with_every_hostile_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, bank = tmp_path / "all.csv", tmp_path / "all.yaml"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["question", "answer"])
        for number, answer in enumerate(file_answers()):
            writer.writerow([f"Question {number}: {answer.name.replace('_', ' ')}?", answer.text])
    code = main(["import", str(source), "-o", str(bank), "--themes", str(TARGET_BANK)])
    _out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert main(["validate", str(bank)]) == 0
    loaded = load_bank(bank)
    assert len(loaded.questions) >= 40
