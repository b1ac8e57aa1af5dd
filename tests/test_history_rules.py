"""The store and the in-memory history follow the same rules: one scenario, the same answers."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from interview_coach.history.memory import MemoryHistory
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
QUESTIONS = ["q1", "q2", "q3", "q4", "q5"]
THEMES = ["listening", "boundaries", "hope"]


def result(score: int, rng: random.Random) -> dict[str, Any]:
    """A stored score result with expected and unexpected themes."""
    themes = [{"id": t, "expected": rng.random() < 0.8, "covered": rng.random() < 0.5,
               "strength": round(rng.random(), 3)} for t in THEMES]
    return {"score": score, "themes": themes, "red_flags": [], "words": 40}


def scenario(seed: int) -> list[tuple[str, str, int, datetime, dict[str, Any]]]:
    """Attempts over three weeks across two banks: (bank, question, score, when, result)."""
    rng = random.Random(seed)
    out = []
    when = START
    for _ in range(40):
        when += timedelta(hours=rng.randint(1, 30))
        score = rng.choice([10, 35, 50, 65, 70, 84, 90, 100])
        out.append((rng.choice(["a", "b"]), rng.choice(QUESTIONS), score, when, result(score, rng)))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_store_and_memory_agree(seed: int) -> None:
    store, memory = Store.in_memory(), MemoryHistory()
    events = scenario(seed)
    try:
        for bank, question, _, when, res in events:
            for history in (store, memory):
                history.record_attempt(
                    bank_id=bank, bank_hash="h", question_id=question, answer="an answer",
                    result=result_from_dict(res), mode="practice", started_at=when - timedelta(seconds=90),
                    submitted_at=when)
        last = events[-1][3]
        for bank in ("a", "b", "c"):
            assert memory.progress(bank, QUESTIONS) == store.progress(bank, QUESTIONS)
            assert memory.progress(bank, []) == store.progress(bank, [])
            for later in (0, 1, 3, 10, 60):
                moment = last + timedelta(days=later)
                assert memory.due_questions(bank, QUESTIONS, moment) == store.due_questions(
                    bank, QUESTIONS, moment)
        assert any(store.due_questions("a", QUESTIONS, last + timedelta(days=60)) for _ in [0])
        assert [a.score for a in memory.attempts("a")] == [a.score for a in store.attempts("a")]
    finally:
        store.close()


def test_due_is_the_schedule_not_a_score_threshold() -> None:
    """A low score is due soon; a high one is not due the next day, in both histories."""
    store, memory = Store.in_memory(), MemoryHistory()
    try:
        for history in (store, memory):
            for question, score in (("q1", 20), ("q2", 95)):
                history.record_attempt(
                    bank_id="a", bank_hash="h", question_id=question, answer="x",
                    result=result_from_dict({"score": score, "themes": []}), mode="practice",
                    started_at=START, submitted_at=START + timedelta(minutes=1))
            assert history.due_questions("a", QUESTIONS, START + timedelta(days=1)) == ["q1"]
    finally:
        store.close()


def test_a_result_comes_back_typed_and_whole_from_both_histories() -> None:
    """The history keeps a ScoreResult and gives one back (JSON only inside the database)."""
    from pathlib import Path

    from interview_coach.banks.loader import load_bank
    from interview_coach.scoring import Scorer, ScoreResult

    bank = load_bank(Path(__file__).parent / "data" / "scoring_bank.yaml")
    question = bank.questions[0]
    scored = Scorer(bank).score(question, "I set clear boundaries, and supervision keeps me well.")
    store, memory = Store.in_memory(), MemoryHistory()
    try:
        for history in (store, memory):
            attempt_id = history.record_attempt(
                bank_id=bank.id, bank_hash="h", question_id=question.id, answer="text",
                result=scored, mode="practice", started_at=START, submitted_at=START)
            got = history.attempt(attempt_id or 0)
            assert got is not None and isinstance(got.result, ScoreResult)
            assert got.result == scored and got.result_problem == ""
            assert got.score == scored.score
    finally:
        store.close()
