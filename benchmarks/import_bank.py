"""Benchmark: importing 1,000 question-answer pairs (parse, suggest themes, write, validate).

Run: python benchmarks/import_bank.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from interview_coach.cli.main import main

ANSWERS = (
    "I listen without judgement and keep what people tell me private unless someone is at risk.",
    "My own recovery taught me that hope matters, so I share my story when it helps the other person.",
    "I set clear limits on my availability and talk things through in supervision to avoid burnout.",
)


def make_input(folder: Path, pairs: int = 1000) -> Path:
    """A numbered Q&A file with ``pairs`` questions."""
    lines = []
    for i in range(1, pairs + 1):
        lines.append(f"{i}. How would you handle situation number {i} at work?")
        lines.append(f"Answer: {ANSWERS[i % len(ANSWERS)]} Case {i}.")
    path = folder / "questions.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main_benchmark(runs: int = 5) -> None:
    """Print the median time of ``runs`` imports."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = make_input(folder)
        times = []
        for run in range(runs):
            out = folder / f"bank{run}.yaml"
            start = time.perf_counter()
            # with theme suggestions, as for a peer support bank
            code = main(["import", str(source), "-o", str(out), "--themes", "peer_support_worker"])
            times.append(time.perf_counter() - start)
            assert code == 0, code
    print(f"import of 1,000 pairs: median {statistics.median(times) * 1000:.0f} ms over {runs} runs "
          f"(target < 2000 ms)")


if __name__ == "__main__":
    main_benchmark()
