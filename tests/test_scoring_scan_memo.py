"""A long paste's repeated sentences are scanned once: the hits are those of scanning each."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer, document

PEER = Path(__file__).resolve().parents[1] / "question_banks" / "peer_support_worker.yaml"


def _hits(scorer: Scorer, qid: str, text: str) -> tuple[object, ...]:
    q = scorer._question(qid)
    doc = document._Doc(q)
    doc.set_text(text)
    return tuple(doc.hits), tuple(doc.hit_negated)


@pytest.mark.parametrize("seed", [1, 2])
def test_repeated_sentences_give_the_hits_of_scanning_each(
        monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    bank = load_bank(PEER)
    scorer = Scorer(bank)
    rng = random.Random(seed)
    sentences = [s.strip() for q in bank.questions[:12] for s in q.model_answer.split(".")
                 if s.strip()]
    # Sentences said again, with other gaps, cut short, run together, on lines of their own.
    joins = [". ", "! ", "\n", ", ", "; ", " - ", " "]
    pool = sentences + [s[: len(s) // 2] for s in sentences[:20]]
    text = "".join(rng.choice(pool) + rng.choice(joins) for _ in range(700))
    monkeypatch.setattr(document, "_MEMO_FROM", 500)
    assert len(text.split()) > 4 * document._MEMO_FROM
    qid = bank.questions[seed].id
    memo = _hits(scorer, qid, text)
    monkeypatch.setattr(document, "_MEMO_FROM", 10**9)
    assert _hits(scorer, qid, text) == memo
    assert len(memo[0]) > 100


def test_live_paste_then_typing_matches_a_fresh_score(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "_MEMO_FROM", 500)
    bank = load_bank(PEER)
    answer = bank.questions[0].model_answer
    paste = " ".join([answer] * (2 * document._MEMO_FROM // len(answer.split()) + 2))
    scorer = Scorer(bank)
    live = scorer.live(bank.questions[0].id, max_chars=10**7)
    for text in (paste, paste + " I would never keep it secret.", paste[: len(paste) // 2]):
        got = live.update(text).to_dict()
        assert got == Scorer(bank).score(bank.questions[0].id, text).to_dict()
        monkeypatch.setattr(document, "_MEMO_FROM", 10**9)
        assert got == Scorer(bank).score(bank.questions[0].id, text).to_dict()
        monkeypatch.setattr(document, "_MEMO_FROM", 500)
