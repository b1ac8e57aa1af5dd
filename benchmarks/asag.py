"""How well reference_similarity follows human grades on the UNT short-answer corpus.

Run from the repository: ``python benchmarks/asag.py``. Reads ``../shared/data/asag/unt_dev.jsonl``
(relative to the repository root), scores every answer against its model answer (question
passed for demoting), and prints Pearson and Spearman r over all answers and over each half of
the questions (odd and even positions in the question order), then the time per answer.
"""

from __future__ import annotations

import json
import math
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from interview_coach.scoring import similarity
from interview_coach.scoring.similarity import Reference, reference_similarity

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "asag" / "unt_dev.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    """The graded answers, one dict per line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation of two equal-length lists (0 if either is constant)."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def _ranks(xs: list[float]) -> list[float]:
    """Ranks with ties given their mean rank."""
    order = sorted(range(len(xs)), key=xs.__getitem__)
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman rank correlation."""
    return pearson(_ranks(xs), _ranks(ys))


def halves(rows: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """Question ids split in two by position in the file: odd positions, even positions."""
    qids = list(dict.fromkeys(row["qid"] for row in rows))
    return set(qids[0::2]), set(qids[1::2])


def report(rows: list[dict[str, Any]], predicted: list[float]) -> dict[str, float]:
    """Pearson and Spearman over all answers and over each half of the questions."""
    human = [float(row["score"]) for row in rows]
    out = {"pearson": pearson(predicted, human), "spearman": spearman(predicted, human)}
    for name, part in zip(("half_a", "half_b"), halves(rows), strict=True):
        idx = [i for i, row in enumerate(rows) if row["qid"] in part]
        out[f"pearson_{name}"] = pearson([predicted[i] for i in idx], [human[i] for i in idx])
    return out


def timing(rows: list[dict[str, Any]], repeat: int = 5) -> tuple[float, float]:
    """Median microseconds per answer: through reference_similarity, and with a Reference."""
    compiled = {
        (r["reference"], r["question"]): Reference(r["reference"], r["question"]) for r in rows
    }
    wrapper, precompiled = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        for row in rows:
            reference_similarity(row["answer"], row["reference"], row["question"])
        wrapper.append((time.perf_counter() - start) / len(rows) * 1e6)
        start = time.perf_counter()
        for row in rows:
            compiled[(row["reference"], row["question"])].similarity(row["answer"])
        precompiled.append((time.perf_counter() - start) / len(rows) * 1e6)
    return statistics.median(wrapper), statistics.median(precompiled)


def _pseudo_text(rng: random.Random, vocab: list[str], n: int) -> str:
    """``n`` words drawn from a large made-up vocabulary, so nearly all distinct and unknown."""
    return " ".join(rng.choice(vocab) for _ in range(n)) + "."


def _words_from(rows: list[dict[str, Any]], field: str, start: int, n: int) -> str:
    """About ``n`` words of real text: the ``field`` of consecutive rows from ``start``."""
    words: list[str] = []
    i = start
    while len(words) < n:
        words += rows[i % len(rows)][field].split()
        i += 1
    return " ".join(words[:n])


def _median_ms(pairs: list[tuple[str, str]]) -> str:
    """Median ms to score each (reference, answer) pair, cold, with a Reference compiled before.

    Given as wall-clock time and as this process's CPU time (steadier on a busy machine).
    """
    wall, cpu = [], []
    for reference, answer in pairs:
        compiled = Reference(reference, "")
        # Cold start: forget the stems and foldings of earlier runs too, so nothing is reused.
        similarity._STEM_CACHE.clear()
        similarity._fold_word.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        compiled.similarity(answer)
        cpu.append((time.process_time() - start_cpu) * 1e3)
        wall.append((time.perf_counter() - start) * 1e3)
    return f"{statistics.median(wall):.3f} ms (CPU {statistics.median(cpu):.3f} ms)"


def long_answer_timing(rows: list[dict[str, Any]], repeat: int = 51) -> dict[str, str]:
    """Median ms for a 250-word answer against a 100-word Reference (compiled beforehand).

    ``real``: real answers and model answers of the corpus glued together; ``distinct``:
    250 made-up words (5 to 11 letters, all different: nothing is cached, everything is
    checked for typos); ``mb``: one 1 MB answer of real text.
    """
    rng = random.Random(7)
    letters = "etaoinshrdlucmfwypvbgk"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(5, 11))) for _ in range(20_000)]
    step = len(rows) // repeat
    real = [
        (_words_from(rows, "reference", 37 * i, 100), _words_from(rows, "answer", step * i, 250))
        for i in range(repeat)
    ]
    distinct = [
        (_pseudo_text(rng, vocab, 100), _pseudo_text(rng, vocab, 250)) for _ in range(repeat)
    ]
    big = _words_from(rows, "answer", 0, 200_000)[:1_000_000]
    big_distinct = _pseudo_text(rng, vocab, 200_000)[:1_000_000]
    return {
        "real": _median_ms(real),
        "distinct": _median_ms(distinct),
        "rescore": _rescore_ms(real),
        "mb": _median_ms([(real[0][0], big)]),
        "mb_distinct": _median_ms([(distinct[0][0], big_distinct)]),
    }


def _rescore_ms(pairs: list[tuple[str, str]]) -> str:
    """Median ms to rescore an answer after one more word is typed (the live meter)."""
    wall, cpu = [], []
    for reference, answer in pairs:
        compiled = Reference(reference, "")
        compiled.similarity(answer)
        start, start_cpu = time.perf_counter(), time.process_time()
        compiled.similarity(answer + " memory")
        cpu.append((time.process_time() - start_cpu) * 1e3)
        wall.append((time.perf_counter() - start) * 1e3)
    return f"{statistics.median(wall):.3f} ms (CPU {statistics.median(cpu):.3f} ms)"


def main() -> int:
    """Print the correlations and timings; skip (exit 0) when the corpus is absent."""
    if not DEV.is_file():
        print(f"skipped: {DEV} not found")
        return 0
    rows = load(DEV)
    predicted = [reference_similarity(r["answer"], r["reference"], r["question"]) for r in rows]
    figures = report(rows, predicted)
    print(f"answers: {len(rows)}, questions: {len({r['qid'] for r in rows})}")
    print(f"Pearson r (all):        {figures['pearson']:.3f}   (target >= 0.55)")
    print(f"Spearman rho (all):     {figures['spearman']:.3f}")
    print(
        f"Pearson r (half A/B):   {figures['pearson_half_a']:.3f} / {figures['pearson_half_b']:.3f}"
    )
    wrapper, precompiled = timing(rows)
    print(
        f"median per dev answer (warm): {wrapper:.1f} us via reference_similarity, "
        f"{precompiled:.1f} us via Reference"
    )
    long = long_answer_timing(rows)
    print("250-word answer vs 100-word Reference, cold, median:")
    print(f"  real text:                  {long['real']}")
    print(f"  250 distinct made-up words: {long['distinct']}")
    print(f"  rescoring after one more word is typed: {long['rescore']}")
    print(f"1 MB answer: real text {long['mb']}; made-up words {long['mb_distinct']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
