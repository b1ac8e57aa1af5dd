"""The trainer commands end to end: import writes a valid bank, lint finds flaws, export-bank."""

from __future__ import annotations

import csv
import io
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_coach.banks.loader import check_bank, load_bank, load_theme_library
from interview_coach.cli.main import main

DATA = Path(__file__).parent / "data"
IMPORTS = DATA / "import"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.mark.parametrize("name", sorted(p.name for p in IMPORTS.iterdir()))
def test_import_writes_a_bank_that_validates(name: str, tmp_path: Path) -> None:
    out = tmp_path / "bank.yaml"
    code = main(["import", str(IMPORTS / name), "-o", str(out), "--title", "Imported", "--role", "Any"])
    assert code == 0
    bank, problems = check_bank(out)
    assert problems == [] and bank is not None
    assert bank.title == "Imported" and bank.role == "Any"
    assert main(["validate", str(out)]) == 0


def test_import_reports_counts_and_skipped_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(IMPORTS / "answer_lines.txt"), "-o", str(tmp_path / "b.yaml")])
    err = capsys.readouterr().err
    assert "3 questions found" in err
    assert "answer_lines.txt:1-5: skipped text" in err
    assert "answer_lines.txt:13-15: skipped text" in err


def test_import_suggests_themes_from_the_library(tmp_path: Path) -> None:
    out = tmp_path / "bank.yaml"
    assert main(["import", str(IMPORTS / "answer_lines.txt"), "-o", str(out), "--id", "support",
                 "--themes", "peer_support_worker"]) == 0
    bank = load_bank(out)
    assert bank.id == "support"
    private = bank.question(bank.questions[1].id)
    assert "confidentiality" in private.themes
    assert bank.questions[2].category == "behavioural"


def test_several_files_make_one_bank(tmp_path: Path) -> None:
    out = tmp_path / "bank.yaml"
    assert main(["import", str(IMPORTS / "qa.txt"), str(IMPORTS / "bullets.md"), "-o", str(out)]) == 0
    assert len(load_bank(out).questions) == 6


def test_import_of_a_file_without_questions_fails_clearly(tmp_path: Path) -> None:
    empty = tmp_path / "notes.txt"
    empty.write_text("Just some notes.\nNothing to see.\n")
    assert main(["import", str(empty), "-o", str(tmp_path / "b.yaml")]) == 1
    assert not (tmp_path / "b.yaml").exists()


def test_import_of_non_utf8_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"1. Why?\nAnswer: caf\xe9\n")
    assert main(["import", str(bad), "-o", str(tmp_path / "b.yaml")]) == 2
    assert "latin.txt:2: the file is not UTF-8" in capsys.readouterr().err


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_seeds_import_into_valid_banks(tmp_path: Path) -> None:
    for prefix, count in (("000_", 6), ("001_", 30)):
        (seed,) = SEEDS.glob(prefix + "*.txt")
        out = tmp_path / f"{prefix}bank.yaml"
        assert main(["import", str(seed), "-o", str(out)]) == 0
        bank = load_bank(out)
        assert len(bank.questions) == count
        assert all(q.model_answer for q in bank.questions)


def test_round_trip_through_csv(tmp_path: Path) -> None:
    source = DATA / "lint" / "flawed_bank.yaml"
    exported = tmp_path / "bank.csv"
    assert main(["export-bank", str(source), "--format", "csv", "-o", str(exported)]) == 0
    reimported = tmp_path / "again.yaml"
    assert main(["import", str(exported), "-o", str(reimported)]) == 0
    before, after = load_bank(source), load_bank(reimported)
    assert [(q.id, q.prompt, q.model_answer) for q in before.questions] == [
        (q.id, q.prompt, q.model_answer) for q in after.questions
    ]


ROUND_TRIP_BANK = """\
schema: 2
id: round_trip
title: Round trip
description: A bank with every field the CSV carries.
role: Testing
themes:
  listening:
    label: Listening, really
    description: Hearing the person out.
    keywords: [listen, hear them out]
questions:
  - id: heard
    prompt: How do you make someone feel heard?
    themes: [listening]
    difficulty: 3
    category: situational
    model_answer: I listen and hear them out before I say anything.
    tips: [Give an example., Say what you did next.]
    follow_ups: [What if they will not talk?]
"""


def test_round_trip_through_csv_keeps_tips_difficulty_and_themes(tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text(ROUND_TRIP_BANK)
    exported = tmp_path / "bank.csv"
    assert main(["export-bank", str(source), "--format", "csv", "-o", str(exported)]) == 0
    again = tmp_path / "again.yaml"
    assert main(["import", str(exported), "-o", str(again), "--themes", str(source)]) == 0
    (before,), (after,) = load_bank(source).questions, load_bank(again).questions
    assert after.model_dump() == before.model_dump()
    assert load_bank(again).themes["listening"].label == "Listening, really"


def test_import_of_another_role_suggests_no_peer_themes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bank.yaml"
    assert main(["import", str(IMPORTS / "want_to_know.txt"), "-o", str(out)]) == 0
    bank = load_bank(out)
    assert bank.themes == {} and all(q.themes == [] for q in bank.questions)
    assert "--themes" in capsys.readouterr().err
    peer = tmp_path / "peer.yaml"
    assert main(["import", str(IMPORTS / "answer_lines.txt"), "-o", str(peer),
                 "--role", "Peer support worker"]) == 0
    assert load_bank(peer).themes  # a peer support bank still gets the peer library


def test_import_title_comes_from_the_first_heading_and_follow_ups_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "bank.yaml"
    assert main(["import", str(IMPORTS / "bold_followups.md"), "-o", str(out)]) == 0
    bank = load_bank(out)
    assert bank.title == "Bus driver interview preparation"
    assert bank.questions[1].follow_ups == ["What if the passenger became aggressive?"]
    assert len(bank.questions) == 3


def test_import_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bank.yaml"
    out.write_text("my own work\n")
    assert main(["import", str(IMPORTS / "qa.txt"), "-o", str(out)]) == 2
    assert out.read_text() == "my own work\n"
    assert "--force" in capsys.readouterr().err
    assert main(["import", str(IMPORTS / "qa.txt"), "-o", str(out), "--force"]) == 0
    assert len(load_bank(out).questions) == 3


def test_export_bank_anki_is_tab_separated(tmp_path: Path) -> None:
    out = tmp_path / "deck.txt"
    assert main(["export-bank", str(DATA / "lint" / "flawed_bank.yaml"), "--format", "anki", "-o", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "#separator:tab"
    rows = list(csv.reader(io.StringIO("\n".join(lines[4:])), delimiter="\t"))
    assert len(rows) == 3 and all(len(r) == 3 for r in rows)
    assert rows[1][0] == "How do you make somebody feel heard?"
    assert "Themes:</b> Listening, Staying calm" in rows[1][1]


def test_export_bank_markdown_groups_by_theme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-bank", str(DATA / "lint" / "flawed_bank.yaml"), "--format", "md"]) == 0
    text = capsys.readouterr().out
    assert text.index("## Listening") < text.index("## Staying calm") < text.index("## Never expected")
    assert "### How do you make someone feel heard?" in text


def test_lint_finds_every_kind_of_flaw(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(DATA / "lint" / "flawed_bank.yaml")]) == 1
    out = capsys.readouterr().out
    for kind in (
        "answer-misses-theme", "unused-theme", "shared-keyword", "unmatched-keyword",
        "short-answer", "long-answer", "near-duplicate", "few-keywords", "no-tips",
    ):
        assert f"[{kind}]" in out, kind
    assert "flawed_bank.yaml:28: error: the model answer of 'make_heard' does not cover" in out


def test_lint_groups_findings_by_kind_and_theme_with_a_count_line(capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", str(DATA / "lint" / "flawed_bank.yaml")])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "answer-misses-theme (1)"  # kinds with errors first
    assert lines[1] == "  theme calm (Staying calm):"
    unmatched = lines.index("unmatched-keyword (13)")
    assert lines[unmatched + 1] == "  theme calm (Staying calm):"
    assert "  theme listening (Listening):" in lines[unmatched:]
    assert "no-anti-cues (3)" in lines  # schema-1 themes list no anti-cues
    assert lines[-1] == "25 findings of 10 kinds: 1 error, 24 warnings"


def test_lint_only_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    flawed = str(DATA / "lint" / "flawed_bank.yaml")
    assert main(["lint", flawed, "--only", "no-tips", "--only", "near-duplicate"]) == 0
    out = capsys.readouterr().out
    assert "[no-tips]" in out and "[near-duplicate]" in out and "[short-answer]" not in out
    assert out.splitlines()[-1] == "2 findings of 2 kinds: 0 errors, 2 warnings"
    assert main(["lint", flawed, "--ignore", "unmatched-keyword"]) == 1
    out = capsys.readouterr().out
    assert "[unmatched-keyword]" not in out and "[answer-misses-theme]" in out
    assert main(["lint", flawed, "--only", "no-tip"]) == 2
    assert "did you mean 'no-tips'?" in capsys.readouterr().err


def test_lint_finds_a_model_answer_that_trips_its_own_red_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "flagged.yaml"
    bank.write_text(ROUND_TRIP_BANK.replace("questions:", (
        "red_flags:\n"
        "  - phrase: tell them to calm down\n"
        "    why: It dismisses the feeling.\n"
        "questions:"
    )).replace("before I say anything.", "before I say anything, then tell them to calm down."))
    assert main(["lint", str(bank), "--only", "answer-red-flag"]) == 1
    out = capsys.readouterr().out
    assert "trips the bank's red flag 'tell them to calm down'" in out
    assert "[answer-red-flag]" in out


def test_lint_of_a_builtin_bank_has_no_errors() -> None:
    assert main(["lint", "peer_support_worker"]) == 0


def test_killed_import_leaves_no_partial_output(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("".join(f"{i}. Question number {i}?\nAnswer: I listen and keep notes private, {i}.\n"
                           for i in range(1, 3001)))
    out = tmp_path / "out.yaml"
    proc = subprocess.Popen([sys.executable, "-m", "interview_coach", "import", str(big), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("big.txt", "out.yaml")]
    assert not out.exists() or load_bank(out)
    assert all(name.endswith(".tmp") for name in leftovers)


def test_import_with_a_theme_library(tmp_path: Path) -> None:
    library = tmp_path / "lib.yaml"
    library.write_text(
        "schema: 1\nthemes:\n  privacy:\n    label: Keeping things private\n"
        "    description: Protects what people share.\n"
        "    keywords: [consent, notes secure, quiet room]\n", encoding="utf-8")
    out = tmp_path / "bank.yaml"
    code = main(["import", str(IMPORTS / "answer_lines.txt"), "-o", str(out), "--themes", str(library)])
    assert code == 0
    bank = load_bank(out)
    assert set(bank.themes) == set(load_theme_library(library).themes) == {"privacy"}
    assert "privacy" in bank.questions[1].themes


def test_import_with_a_broken_theme_library_names_the_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "lib.yaml"
    broken.write_text("schema: 1\nthemes:\n  listening:\n    label: Listening\n    colour: red\n",
                      encoding="utf-8")
    out = tmp_path / "bank.yaml"
    code = main(["import", str(IMPORTS / "answer_lines.txt"), "-o", str(out), "--themes", str(broken)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{broken}:" in err and "Traceback" not in err
    assert not out.exists()


def test_a_formula_in_a_bank_survives_csv_export_and_import(tmp_path: Path) -> None:
    source = tmp_path / "src.csv"
    source.write_text("question,answer\n\"=1+1, or why?\",\"-- I would listen first.\"\n",
                      encoding="utf-8")
    first = tmp_path / "first.yaml"
    assert main(["import", str(source), "-o", str(first)]) == 0
    exported = tmp_path / "exported.csv"
    assert main(["export-bank", str(first), "--format", "csv", "-o", str(exported)]) == 0
    cells = next(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert cells["question"].startswith("'=") and cells["answer"].startswith("'--")
    again = tmp_path / "again.yaml"
    assert main(["import", str(exported), "-o", str(again)]) == 0
    assert load_bank(again).questions[0].prompt == load_bank(first).questions[0].prompt
    assert load_bank(again).questions[0].model_answer == load_bank(first).questions[0].model_answer
