"""Property tests: any text scores without an exception, offsets inside the answer, live = fresh."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer, ScoreResult

BANK = load_bank(Path(__file__).parent / "data" / "scoring_bank.yaml")
SCORER = Scorer(BANK)

# Words the bank listens for, hostile characters, and anything Unicode can hold.
PIECES = st.sampled_from([
    "boundaries", "set", "clear", "self", "-", "care", "selfcare", "not", "never", "n't", " ",
    ",", ".", "\n", "\u200b", "\u00a0", "\u2011", "\u201c", "\u2019", "\ufb01", "\u0301",
    "\u202e", "\u05e9\u05dc\u05d5\u05dd", "\U0001f600", "\x1b[31m", "\x00", "keep it secret",
    "um", "like", "as a result", "wellbeing", "\r\n", "\t", "\u0130", "\u00df",
])
ANSWERS = st.one_of(
    st.text(),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join),
)


def check(result: ScoreResult, answer: str) -> None:
    assert 0 <= result.score <= 100
    assert 0.0 <= result.reference_similarity <= 1.0
    for theme in result.themes:
        assert 0.0 <= theme.strength <= 1.0
        for m in theme.matches:
            assert 0 <= m.start < m.end <= len(answer)
            assert answer[m.start : m.end] == m.text
    for flag in result.red_flags:
        assert 0 <= flag.start < flag.end <= len(answer)
        assert answer[flag.start : flag.end] == flag.text
    if not answer.strip():
        assert result.score == 0


@settings(max_examples=150, deadline=None)
@given(ANSWERS, st.sampled_from([q.id for q in BANK.questions]))
def test_any_text_scores(answer: str, qid: str) -> None:
    check(SCORER.score(qid, answer), answer)


@settings(max_examples=60, deadline=None)
@given(st.lists(ANSWERS, min_size=1, max_size=6))
def test_live_equals_fresh(texts: list[str]) -> None:
    live = SCORER.live("stay_well")
    for text in texts:
        for cut in (text[: len(text) // 2], text):
            got = live.update(cut)
            check(got, cut)
            assert got.to_dict() == Scorer(BANK).score("stay_well", cut).to_dict()
