"""Benchmark: load a generated bank of 5,000 questions; prints the median of several runs.

Run: python benchmarks/load_bank.py [--questions N] [--runs N]. The budget is 1 s (issue 2).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from interview_coach.loader import load_bank

THEMES = 12


def bank_text(questions: int) -> str:
    """A valid bank with ``questions`` questions spread over a dozen themes."""
    lines = [
        "schema: 1", "id: generated", "title: Generated bank", "description: Made for timing.",
        "role: Benchmark runner", "themes:",
    ]
    for t in range(THEMES):
        lines += [
            f"  theme-{t}:", f"    label: Theme {t}", f"    description: What theme {t} is about.",
            f"    hint: Mention theme {t}.", "    keywords:", f"      - word{t}", f"      - phrase number {t}",
        ]
    lines.append("questions:")
    for q in range(questions):
        lines += [
            f"  - id: q{q}",
            f"    prompt: \"Tell me about situation {q}: what did you do?\"",
            f"    themes: [theme-{q % THEMES}, theme-{(q + 1) % THEMES}]",
            "    model_answer: >-",
            f"      I would describe situation {q} calmly, say what I did and what I learned from it,",
            "      and how it shaped the way I work with colleagues today.",
            "    category: behavioural",
            f"    difficulty: {q % 3 + 1}",
            "    tips: [Be concrete, Say what you learned]",
            "    keywords: [situation, outcome]",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write the bank to a temporary folder, load it several times, print the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(bank_text(args.questions), encoding="utf-8")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            bank = load_bank(path)
            times.append(time.perf_counter() - start)
        assert len(bank.questions) == args.questions
    size = path.stat().st_size if path.exists() else 0
    print(f"load_bank: {args.questions} questions, median {statistics.median(times) * 1000:.0f} ms "
          f"over {args.runs} runs (min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms){size and ''}")


if __name__ == "__main__":
    main()
