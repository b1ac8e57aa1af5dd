"""Benchmark: load a generated bank of 5,000 questions; prints the median of several runs.

Run: python benchmarks/load_bank.py [--questions N] [--runs N]. The budget is 1 s (issue 2).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from interview_coach.banks.loader import load_bank

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
        wall, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            bank = load_bank(path)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert len(bank.questions) == args.questions
        size = path.stat().st_size / 2**20
    # CPU time is shown too: on a busy machine the wall clock measures the neighbours.
    print(
        f"load_bank: {args.questions} questions ({size:.1f} MB), median {_ms(wall)} wall, "
        f"{_ms(cpu)} CPU over {args.runs} runs (min {min(wall) * 1000:.0f} ms)"
    )


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.0f} ms"


if __name__ == "__main__":
    main()
