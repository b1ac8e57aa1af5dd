"""Theme words dressed as sentences name themes without showing them (issue 12: "salad
dressed as sentences ... score low")."""

from __future__ import annotations

from pathlib import Path

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer
from interview_coach.scoring.policy import KEYWORD_LIST_CAP, SCORE_FORMULA, VALUES_CAP_MAX_CLOSENESS

PEER = Path(__file__).resolve().parents[1] / "question_banks" / "peer_support_worker.yaml"
SCORER = Scorer(load_bank(PEER))

SALAD = (
    "Confidentiality and safeguarding are central, and consent is the heart of privacy. "
    "Boundaries, trust and respect are key values in confidentiality. Recovery, hope and "
    "empowerment are important too, because safeguarding and information sharing are all "
    "about trust, consent and recovery in a confidential way."
)
PLAIN = (
    "At our first meeting I explain what stays private and when I would have to share "
    "something, for example if someone is at risk of serious harm. I keep my notes on the "
    "secure system and only pass things on with their consent, unless there is a risk. If I "
    "had to break confidentiality I would tell them first where I could, and I'd talk it "
    "through with my supervisor."
)


def test_theme_words_as_sentences_are_capped_and_cover_nothing() -> None:
    result = SCORER.score("handling_confidentiality", SALAD)
    assert result.capped == "naming"
    assert result.score <= KEYWORD_LIST_CAP
    assert not any(t.covered for t in result.themes)
    assert any("strings theme words together" in line for line in result.feedback)


def test_a_plain_answer_with_the_same_themes_is_not_capped() -> None:
    result = SCORER.score("handling_confidentiality", PLAIN)
    assert result.capped == ""
    assert any(t.covered for t in result.themes if t.id == "confidentiality")


def test_short_dense_text_is_not_judged_naming() -> None:
    # Under 20 content words: a terse sentence, judged by the other rules.
    result = SCORER.score("handling_confidentiality", "Confidentiality has limits around risk.")
    assert result.capped != "naming"


def test_the_formula_states_the_naming_rule() -> None:
    assert "dressed as sentences" in SCORE_FORMULA


VALUES = (
    "My mission as a peer worker is to empower, connect and inspire. Our vision is a service "
    "where every voice is valued, every journey is honoured and every person belongs. It is "
    "all about authenticity, integrity, mutual respect and compassion, the values at the heart "
    "of everything we do, so that people can thrive, grow and flourish together."
)
STORY_WITH_VALUES = (
    "Respect and honesty matter to me, so at the first meeting I ask what the person wants from "
    "our time. Last month I rang a man's housing officer with him, he did the talking, and I "
    "wrote down what they agreed. We booked the next visit together and I checked in on Friday "
    "as I'd said I would."
)


def test_values_strung_together_are_capped_but_keep_their_themes() -> None:
    result = SCORER.score("building_rapport", VALUES)
    assert result.capped == "values"
    assert result.score <= KEYWORD_LIST_CAP
    assert any("strings values and abstract nouns together" in line for line in result.feedback)


def test_a_story_with_some_values_is_not_capped() -> None:
    result = SCORER.score("building_rapport", STORY_WITH_VALUES)
    assert result.capped == ""


def test_the_formula_states_the_values_rule() -> None:
    assert "value words" in SCORE_FORMULA and "mission statement" in SCORE_FORMULA


def test_a_role_described_in_ing_phrases_close_to_the_model_answer_is_not_capped() -> None:
    """ROUND40's good answer to understanding_of_role says what the worker does in "-ing"
    phrases ("meeting someone for a coffee", "going with them to a benefits appointment"), with
    few "I ..." but as close to the model answer as a good answer: no values cap (session 13)."""
    import yaml

    data = PEER.parents[1] / "benchmarks" / "data" / "stance_answers_round40.yaml"
    good = next(item["text"] for item in yaml.safe_load(data.read_text(encoding="utf-8"))
                if item["question"] == "understanding_of_role" and item["kind"] == "good")
    result = SCORER.score("understanding_of_role", good)
    assert result.reference_similarity >= VALUES_CAP_MAX_CLOSENESS
    assert result.capped == "" and result.score >= 65
    assert "0.55" in SCORE_FORMULA
