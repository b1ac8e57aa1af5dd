"""reference_similarity against human grades on the UNT corpus (skipped when it is absent)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "asag" / "unt_dev.jsonl"


@pytest.mark.skipif(not DEV.is_file(), reason="UNT corpus not available")
def test_pearson_on_dev_reaches_target(benchmark_script: Callable[[str], ModuleType]) -> None:
    """Pearson r between closeness and the human score over all 1,074 answers is >= 0.55."""
    from interview_coach.scoring.similarity import reference_similarity

    bench = benchmark_script("asag")
    rows = bench.load(DEV)
    assert len(rows) == 1074
    predicted = [reference_similarity(r["answer"], r["reference"], r["question"]) for r in rows]
    assert all(0.0 <= p <= 1.0 for p in predicted)
    figures = bench.report(rows, predicted)
    assert figures["pearson"] >= 0.55, figures
