"""``grade`` throughput on the UNT short-answer dev file: answers per second after start-up.

Run: ``python benchmarks/grade.py``. Builds, in a temporary folder, a bank with one question
per ``qid`` of ``../shared/data/asag/unt_dev.jsonl`` (model answer = the reference answer, no
themes) and an input JSONL of every answer, then grades it in-process (read, score, write the
output file atomically), five times, and prints the median. Target: >= 1,000 answers/s.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from interview_coach.banks.loader import load_bank
from interview_coach.trainer import grading

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "asag" / "unt_dev.jsonl"


def slug(qid: str) -> str:
    """A bank question id for a corpus qid ("1.1" -> "q1-1")."""
    return "q" + re.sub(r"[^a-z0-9]+", "-", qid.lower()).strip("-")


def build(folder: Path) -> tuple[Path, Path, int]:
    """Write the bank and the input file; return their paths and the number of answers."""
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    questions: dict[str, dict[str, Any]] = {}
    for rec in records:
        questions.setdefault(slug(rec["qid"]), {
            "id": slug(rec["qid"]), "prompt": rec["question"], "model_answer": rec["reference"],
        })
    bank = {"schema": 1, "id": "unt_dev", "title": "UNT dev", "description": "benchmark",
            "role": "student", "themes": {}, "questions": list(questions.values())}
    bank_path = folder / "unt_dev.yaml"
    bank_path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    input_path = folder / "answers.jsonl"
    with input_path.open("w", encoding="utf-8") as stream:
        for rec in records:
            row = {"question_id": slug(rec["qid"]), "answer": rec["answer"], "human": rec["score"]}
            stream.write(json.dumps(row) + "\n")
    return bank_path, input_path, len(records)


def main() -> int:
    if not DEV.exists():
        print(f"skipped: {DEV} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bank_path, input_path, count = build(folder)
        bank = load_bank(bank_path)
        rates = []
        for run in range(5):
            output = folder / f"out{run}.csv"
            t0 = time.perf_counter()
            header, rows = grading.read_rows(input_path, "jsonl")
            summary = grading.grade_to(bank, header, rows, output, "csv")
            elapsed = time.perf_counter() - t0
            rates.append(count / elapsed)
        print(f"graded {summary.graded} of {count} answers ({summary.failed} failed)")
        print(f"median: {statistics.median(rates):,.0f} answers/s (target >= 1,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
