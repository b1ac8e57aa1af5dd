"""Hostile input to the scorer: 1,000 random Unicode answers, huge words, many lines, 1 MB.

Only the app's own error type may ever come out (and the scorer raises none for any text);
every reported offset points into the original answer.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer, ScoreResult

BANK = load_bank(Path(__file__).resolve().parents[1] / "data" / "scoring_bank.yaml")
SCORER = Scorer(BANK)
HOSTILE = st.sampled_from([
    "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\x1b[2J", "\x00", "\x7f", "\x9b",
    "\ud7ff", "\U0001f469\u200d\U0001f4bb", "\u0627\u0644\u062d\u062f\u0648\u062f", "\u0301" * 5,
    "\ufdfd", "\u2028", "[bold]", "[@click=app.quit]", "boundaries", "self\u2011care", "never",
    "keep it secret", "\r", "\t", "\u00a0", "\uff42\uff4f\uff55\uff4e\uff44",
])
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(HOSTILE, st.text(max_size=8)), max_size=60).map("".join),
)


def check(result: ScoreResult, answer: str) -> None:
    assert 0 <= result.score <= 100
    for theme in result.themes:
        for m in theme.matches:
            assert 0 <= m.start < m.end <= len(answer)
            assert answer[m.start : m.end] == m.text
    for flag in result.red_flags:
        assert answer[flag.start : flag.end] == flag.text
    if not answer.strip():
        assert result.score == 0


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from([q.id for q in BANK.questions]))
def test_random_unicode_scores_with_valid_offsets(answer: str, qid: str) -> None:
    check(SCORER.score(qid, answer), answer)


def test_single_huge_word() -> None:
    answer = "b" * 100_000
    check(SCORER.score("stay_well", answer), answer)
    check(SCORER.score("stay_well", "\u00e9" * 100_000), "\u00e9" * 100_000)


def test_twenty_thousand_short_lines() -> None:
    answer = "\n".join(f"line {i} boundaries" for i in range(20_000))
    result = SCORER.score("stay_well", answer)
    check(result, answer)
    assert result.words == 60_000


def test_one_megabyte_paste() -> None:
    chunk = "I set clear boundaries and never skip supervision. \u201cSelf\u2011care\u201d! "
    answer = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    check(SCORER.score("stay_well", answer), answer)


def test_live_refuses_beyond_its_limit() -> None:
    live = SCORER.live("stay_well")
    assert live.update("x" * 20_001).truncated
