"""``interview-coach grade``: CSV and JSONL in and out, bad rows, atomic output, exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from interview_coach.cli.main import main
from interview_coach.trainer import grading

BANK = str(Path(__file__).parent / "data" / "scoring_bank.yaml")
GOOD = "I set clear boundaries, and supervision keeps me well."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_in_csv_out_carries_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "in.csv", [
        ["candidate", "question_id", "answer", "score"],
        ["ann", "stay_well", GOOD, "4"],
        ["bob", "tell_time", "I listened and we made an action plan. As a result he stayed.", ""],
    ])
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "grade", BANK, str(src), "-o", str(out))
    assert code == 0
    rows = read_csv(out)
    assert [r["candidate"] for r in rows] == ["ann", "bob"]
    assert rows[0]["input_score"] == "4"  # a clashing input column is renamed
    assert int(rows[0]["score"]) > 30
    # self_care is only touched (one weak cue, issue 12's tiers): not listed as covered.
    assert rows[0]["themes_covered"] == "boundaries"
    assert rows[0]["error"] == ""
    assert "graded 2 of 2" in err


def test_jsonl_in_jsonl_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"question_id": "stay_well", "answer": GOOD, "id": 7}) + "\n\n"
        + json.dumps({"question_id": "open_question", "answer": "Sharing information early."})
        + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "grade", BANK, str(src))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["id"] == 7 and rows[0]["themes_covered"] == ["boundaries"]
    assert rows[1]["score"] > 0 and rows[1]["error"] is None


def test_format_by_extension_and_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "in.csv", [["question_id", "answer"], ["stay_well", GOOD]])
    out = tmp_path / "out.jsonl"
    assert run(capsys, "grade", BANK, str(src), "-o", str(out))[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["score"] > 0
    forced = tmp_path / "forced.txt"
    assert run(capsys, "grade", BANK, str(src), "-o", str(forced), "--format", "csv")[0] == 0
    assert forced.read_text(encoding="utf-8").startswith("question_id,answer,score")


def test_bad_rows_reported_and_the_rest_go_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    big = "boundaries " * 20_000  # a field over the csv module's default limit
    rows = [
        b"question_id,answer",
        b"stay_well," + GOOD.encode().replace(b",", b""),
        b"nope,hello there",
        b"stay_well,",
        b"stay_well,caf\xe9 au lait",
        b"stay_well,one,two",
        b"stay_well",
        b"stay_well," + big.encode(),
        b"stay_well,last good answer about supervision",
    ]
    src.write_bytes(b"\r\n".join(rows) + b"\r\n")
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "grade", BANK, str(src), "-o", str(out))
    assert code == 1
    result = read_csv(out)
    assert len(result) == 8
    errors = [r["error"] for r in result]
    assert errors[0] == "" and errors[6] == "" and errors[7] == ""
    assert "nope" in errors[1]
    assert errors[2] == "empty answer"
    assert "UTF-8" in errors[3]
    assert "fields" in errors[4]
    assert "missing" in errors[5]
    assert "row 2 (line 3)" in err and "row 4 (line 5)" in err
    assert "graded 3 of 8 answers (5 failed)" in err


def test_bad_jsonl_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join([
        json.dumps({"question_id": "stay_well", "answer": GOOD}).encode(),
        b"{not json",
        b"[1, 2]",
        json.dumps({"question_id": "stay_well"}).encode(),
        json.dumps({"question_id": "stay_well", "answer": 5}).encode(),
        b'{"question_id": "stay_well", "answer": "\xff"}',
        b"[" * 100_000,
        b'{"question_id": "stay_well", "answer": "a \\ud800 b", "x": {"y": "\\udc80"}}',
        b'{"question_id": "stay_well", "answer": "ok", "deep": ' + b"[" * 900 + b"]" * 900 + b"}",
    ]))
    code, out, err = run(capsys, "grade", BANK, str(src))
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 9
    assert rows[0]["error"] is None
    assert "malformed JSON" in rows[1]["error"]
    assert "object" in rows[2]["error"]
    assert "missing answer" in rows[3]["error"]
    assert "text" in rows[4]["error"]
    assert "UTF-8" in rows[5]["error"]
    assert "JSON" in rows[6]["error"]
    assert "surrogate" in rows[7]["error"]
    assert rows[7]["answer"] == "a \ufffd b" and rows[7]["x"] == {"y": "\ufffd"}
    assert rows[8]["error"] is None or "JSON" in rows[8]["error"]
    assert "failed" in err


def test_missing_required_column_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_csv(tmp_path / "in.csv", [["question", "answer"], ["stay_well", GOOD]])
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "grade", BANK, str(src), "-o", str(out))
    assert code == 2
    assert "question_id" in err
    assert not out.exists()


def test_missing_input_and_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "grade", BANK, str(tmp_path / "none.csv"))[0] == 2
    src = write_csv(tmp_path / "in.csv", [["question_id", "answer"], ["stay_well", GOOD]])
    assert run(capsys, "grade", str(tmp_path / "nobank.yaml"), str(src))[0] == 2


def test_output_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "in.csv", [["question_id", "answer"]]
                    + [["stay_well", f"{GOOD} {i}"] for i in range(20)])
    out = tmp_path / "out.csv"
    out.write_text("previous results\n", encoding="utf-8")
    calls = {"n": 0}
    real = grading.grade_row

    def dying(scorer: object, row: grading.Row) -> grading.Graded:
        calls["n"] += 1
        if calls["n"] == 10:
            raise KeyboardInterrupt
        return real(scorer, row)  # type: ignore[arg-type]

    monkeypatch.setattr(grading, "grade_row", dying)
    assert main(["grade", BANK, str(src), "-o", str(out)]) == 130
    assert out.read_text(encoding="utf-8") == "previous results\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]  # no temp left


def test_formula_cells_are_defused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "in.csv", [["question_id", "answer", "note"],
                                         ["stay_well", "=HYPERLINK(\"x\")", "-3"],
                                         ["stay_well", GOOD, "-rm"]])
    out = tmp_path / "out.csv"
    run(capsys, "grade", BANK, str(src), "-o", str(out))
    rows = read_csv(out)
    assert rows[0]["answer"].startswith("'=")
    assert rows[0]["note"] == "-3"
    assert rows[1]["note"] == "'-rm"


def test_bom_and_sniffing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "answers.txt"
    src.write_bytes(b"\xef\xbb\xbfquestion_id,answer\r\nstay_well,I set boundaries well.\r\n")
    code, out, _ = run(capsys, "grade", BANK, str(src))
    assert code == 0
    assert out.startswith("question_id,answer,score")
    jsrc = tmp_path / "answers.data"
    jsrc.write_bytes(b'\xef\xbb\xbf{"question_id": "stay_well", "answer": "I set boundaries."}\n')
    code, out, _ = run(capsys, "grade", BANK, str(jsrc))
    assert code == 0 and json.loads(out)["error"] is None


@pytest.mark.slow
def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import os
    import sys

    pty = pytest.importorskip("pty")
    src = write_csv(tmp_path / "in.csv", [["question_id", "answer"]]
                    + [["stay_well", f"{GOOD} {i}"] for i in range(50)])
    out = tmp_path / "out.jsonl"
    pid, fd = pty.fork()
    if pid == 0:  # the child: stderr is the pseudo-terminal
        os.execv(sys.executable, [sys.executable, "-m", "interview_coach", "grade", BANK,
                                  str(src), "-o", str(out)])
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"graded 50 of 50" in seen
    assert len(out.read_text(encoding="utf-8").splitlines()) == 50


def test_a_graded_row_is_a_typed_result_turned_into_columns_at_the_edge() -> None:
    from interview_coach.banks.loader import load_bank
    from interview_coach.scoring import Scorer, ScoreResult

    scorer = Scorer(load_bank(Path(BANK)))
    good = grading.grade_row(scorer, grading.Row(1, "line 2", {"question_id": "stay_well",
                                                             "answer": GOOD}))
    assert isinstance(good.result, ScoreResult) and good.error == ""
    columns = good.columns()
    assert list(columns) == list(grading.RESULT_FIELDS)
    assert columns["score"] == good.result.score and columns["error"] is None
    for fields, why in (({"question_id": "stay_well", "answer": "  "}, "empty answer"),
                        ({"question_id": "nope", "answer": GOOD}, "nope")):
        bad = grading.grade_row(scorer, grading.Row(2, "line 3", fields))
        assert bad.result is None and why in bad.error
        assert bad.columns()["score"] is None and why in bad.columns()["error"]
