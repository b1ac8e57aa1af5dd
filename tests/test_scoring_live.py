"""Live rescoring: the same result as a fresh score after any edit, and a length limit."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import LIVE_MAX_CHARS, Scorer

BANK_PATH = Path(__file__).parent / "data" / "scoring_bank.yaml"
STORY = (
    "Last year I supported a woman who never took breaks. I didn\u2019t judge; I listened, "
    "we set clear boundaries and made an action plan with goals. Um, like, self care and "
    "well\u200bbeing mattered. I would never keep it secret. As a result she felt better."
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_PATH)


def same_as_fresh(bank: Bank, qid: str, texts: list[str]) -> None:
    scorer = Scorer(bank)
    live = scorer.live(qid)
    for text in texts:
        got = live.update(text).to_dict()
        assert got == Scorer(bank).score(qid, text).to_dict(), repr(text)


@pytest.mark.parametrize("qid", ["stay_well", "tell_time"])
def test_typing_character_by_character(bank: Bank, qid: str) -> None:
    same_as_fresh(bank, qid, [STORY[:i] for i in range(len(STORY) + 1)])


def test_deleting_from_the_end(bank: Bank) -> None:
    same_as_fresh(bank, "stay_well", [STORY[:i] for i in range(len(STORY), -1, -7)])


def test_random_edits_in_the_middle(bank: Bank) -> None:
    rng = random.Random(4)
    text = STORY
    texts = [text]
    pieces = [" ", "not ", "boundaries", ",", ".", "\u200b", "self-", "care ", "x", "\u2019"]
    for _ in range(150):
        pos = rng.randrange(len(text) + 1)
        if rng.random() < 0.5 and text:
            text = text[:pos] + text[pos + rng.randrange(1, 6):]
        else:
            text = text[:pos] + rng.choice(pieces) + text[pos:]
        texts.append(text)
    same_as_fresh(bank, "stay_well", texts)


def test_paste_and_clear(bank: Bank) -> None:
    same_as_fresh(bank, "tell_time", ["", STORY, STORY * 3, "", "I set boundaries.", STORY])


def test_too_long_for_live_scoring(bank: Bank) -> None:
    live = Scorer(bank).live("stay_well", max_chars=100)
    result = live.update("word " * 30)
    assert result.truncated
    assert result.score == 0
    assert "100" in result.feedback[0]
    assert not live.update("I set boundaries.").truncated  # back under the limit: scored again
    assert LIVE_MAX_CHARS == 20_000


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_with_questions_and_word_senses(bank: Bank, seed: int) -> None:
    # Question sentences, prompts, wishes, names and nested keywords are judged once per
    # sentence or hit and kept across edits: any edit must still give the fresh result.
    rng = random.Random(seed)
    text = "How do you keep boundaries? Tell us about a time. " + STORY
    texts = [text]
    pieces = [" ", "?", ". ", "\n", "How do you ", "Tell us about ", "Describe how ", "I hope ",
              "hoping to ", "the Trust ", "honestly ", "self-care ", "not ", "boundaries",
              "supervisor ", "what ", "?\n", "listen "]
    for _ in range(200):
        pos = rng.randrange(len(text) + 1)
        if rng.random() < 0.4 and text:
            text = text[:pos] + text[pos + rng.randrange(1, 9):]
        elif rng.random() < 0.5:
            text = text + rng.choice(pieces)  # typing at the end, the live meter's usual case
        else:
            text = text[:pos] + rng.choice(pieces) + text[pos:]
        texts.append(text)
    same_as_fresh(bank, "stay_well", texts)
    same_as_fresh(bank, "tell_time", texts[::3])


def test_typing_hard_wrapped_lines(bank: Bank) -> None:
    # A line break inside wrapped prose is read as a space; typing past it, or changing the
    # case of the next line's first letter, gives what a fresh score gives.
    wrapped = ("Last year I supported a woman who never took breaks and I would never keep\n"
               "it secret. We set clear\nboundaries and I listened to what she\nwanted.")
    texts = [wrapped[:i] for i in range(len(wrapped) + 1)]
    texts += [wrapped.replace("\nit", "\nIt"), wrapped.replace("\nit", "\n\nit"), wrapped]
    same_as_fresh(bank, "stay_well", texts)


def test_theme_results_kept_only_while_their_inputs_stay() -> None:
    # Live scoring keeps a theme's result while its hits, spans and sentences stay the same:
    # a later word that crowds the sentence (a theme's own name said among many themes), or
    # negates, qualifies or extends a phrase, must still give the fresh result.
    peer = load_bank(Path(__file__).parents[1] / "question_banks" / "peer_support_worker.yaml")
    text = ("I keep boundaries. I keep boundaries, empathy, resilience, hope and consent in "
            "mind. I would never keep it secret if she was at risk, unless she asked me to "
            "keep it between us. My lived experience helps me listen without judging, and "
            "I share my personal number.")
    words = text.split(" ")
    texts = [" ".join(words[:k]) for k in range(1, len(words) + 1)]
    texts += [texts[-1][:-1], texts[-1] + " Not really.", texts[3], ""]
    # One letter of a misspelt cue changed for another: the same hit, other text.
    texts += ["I keep clear boundarise", "I keep clear bounderies", "I keep clear boundiries"]
    for qid in ("motivation_for_role", peer.questions[4].id):
        scorer = Scorer(peer)
        live = scorer.live(qid)
        for t in texts:
            assert live.update(t).to_dict() == Scorer(peer).score(qid, t).to_dict(), repr(t)
