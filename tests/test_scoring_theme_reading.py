"""The theme reading (issue 12): a theme shown in words no bank lists is covered when the bank's
model reads a few sentences as showing it, with the sentence as the evidence; never when the
theme is contradicted, read as unsafe, negated or only named; a broken reading is a clear error."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.banks.stance_file import read_stance_model
from interview_coach.scoring import Scorer
from interview_coach.scoring.live import LiveScore
from interview_coach.scoring.stance import (
    FORMAT,
    READING_KEYWORD,
    STANCE_FLAG_PREFIX,
    StanceModelError,
    features,
    load_stance_model,
)

REPO = Path(__file__).resolve().parents[1]
PEER = REPO / "question_banks" / "peer_support_worker.yaml"

BANK = """\
schema: 2
id: reading
title: Reading
description: A bank for the theme reading tests.
role: Tester
stance_model: model.json
themes:
  money:
    label: Money matters
    description: Helping someone manage their money.
    strong: ["pay the service"]
    anti_cues:
      - phrase: "borrow a tenner"
        why: No money changes hands.
questions:
  - id: q1
    prompt: How would you help someone draw up a budget for the month?
    themes: [money]
"""
BUDGET = features("budget")[0]  # the stems the features use
CANAL = features("canal")[0]


def _model(**reading: object) -> dict[str, object]:
    """A tiny model: "lend" and "cash" read as unsafe about money; "budget" shows money."""
    shown: dict[str, object] = {"threshold": 0.5, "window": 3, "themes": ["money"],
                                "bias": [-3.0], "weights": {BUDGET: [5.0], CANAL: [-4.0]}}
    shown.update(reading)
    return {
        "format": FORMAT, "version": 1, "threshold": 0.9, "bias": -4.0,
        "weights": {"lend": 4.0, "cash": 3.0}, "themes": ["money"], "theme_bias": [0.0],
        "theme_weights": {"lend": [1.0]}, "reading": shown,
    }


def _scorer(tmp_path: Path, model: dict[str, object]) -> Scorer:
    (tmp_path / "model.json").write_text(json.dumps(model), encoding="utf-8")
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    return Scorer(load_bank(tmp_path / "bank.yaml"))


def _money(scorer: Scorer, answer: str) -> tuple[str, list[str]]:
    """The money theme's state and the text of what the reading showed it by."""
    theme = next(t for t in scorer.score("q1", answer).themes if t.id == "money")
    return theme.state, [m.text for m in theme.matches if m.keyword == READING_KEYWORD]


def test_no_theme_is_read_where_nobody_does_anything(tmp_path: Path) -> None:
    # A text with no person in it (no I, we, they, people...) names a topic or speaks of
    # another field: the reading credits nothing, however its words lean.
    scorer = _scorer(tmp_path, _model())
    assert _money(scorer, "The council budget for the year was published on Monday.") == (
        "missed", [])
    assert _money(scorer, "They drew up a budget for the year on Monday.")[0] == "covered"


def test_a_theme_shown_in_unlisted_words_is_covered_by_the_sentence(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model())
    answer = "We sat down and drew up a budget together. Then we talked about the weather."
    assert _money(scorer, answer) == ("covered", ["We sat down and drew up a budget together."])
    theme = next(t for t in scorer.score("q1", answer).themes if t.id == "money")
    assert theme.covered and theme.strength > 0


def test_the_evidence_is_the_sentence_that_reads_most_as_the_theme(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model())
    filler = [f"On day {n} the weather was mild and the bus was late again." for n in range(6)]
    answer = " ".join([*filler[:4], "She asked me to look at her budget with her.", *filler[4:]])
    assert _money(scorer, answer) == ("covered", ["She asked me to look at her budget with her."])


def test_sentences_are_read_a_window_at_a_time(tmp_path: Path) -> None:
    # What is said five sentences away does not weigh on the stretch that shows the theme.
    filler = [f"On day {n} the weather was mild and the bus was late again." for n in range(3)]
    answer = " ".join(["She asked me to look at her budget with her.", *filler,
                       "Later we walked along the canal."])
    assert _money(_scorer(tmp_path, _model()), answer)[0] == "covered"
    assert _money(_scorer(tmp_path, _model(window=9)), answer)[0] == "missed"


def test_a_word_said_in_two_sentences_of_a_stretch_counts_once(tmp_path: Path) -> None:
    # As in training, where a passage's features are the union of its sentences': -6 + 5 stays
    # under the threshold however often "budget" is said (twice counted would be -6 + 10).
    scorer = _scorer(tmp_path, _model(bias=[-6.0]))
    answer = "We looked at her budget on Monday. On Friday the budget came up again."
    assert _money(scorer, answer) == ("missed", [])


def test_below_the_threshold_nothing_is_read(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model(threshold=0.95))  # 1/(1+e^-2) is 0.88
    assert _money(scorer, "We sat down and drew up a budget together.") == ("missed", [])


def test_a_negated_theme_is_not_read(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model())
    assert _money(scorer, "I would never draw up a budget for anyone.") == ("missed", [])


def test_a_contradicted_theme_stays_contradicted(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model())
    state, shown = _money(scorer, "We drew up a budget together. Then I let him borrow a tenner.")
    assert (state, shown) == ("contradicted", [])


def test_a_theme_the_stance_model_reads_as_unsafe_is_not_also_shown(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model())
    answer = "We drew up a budget together. If she is short I lend her cash from my own pocket."
    result = scorer.score("q1", answer)
    assert [f.phrase for f in result.red_flags] == [STANCE_FLAG_PREFIX + "Money matters"]
    assert _money(scorer, answer) == ("missed", [])


def test_the_question_read_back_is_not_read_as_the_theme(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model())
    read_back = "How would you help someone draw up a budget for the month?"
    assert _money(scorer, read_back)[1] == []
    assert scorer.score("q1", read_back).capped


def test_live_scoring_reads_the_same(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model())
    live = LiveScore(scorer, "q1")
    answer = "We sat down and drew up a budget together. Then we talked about the weather."
    for end in range(0, len(answer), 7):
        live.update(answer[:end])
    assert live.update(answer).themes == scorer.score("q1", answer).themes


def test_a_model_without_a_reading_reads_nothing(tmp_path: Path) -> None:
    model = _model()
    del model["reading"]
    scorer = _scorer(tmp_path, model)
    assert _money(scorer, "We sat down and drew up a budget together.") == ("missed", [])


@pytest.mark.parametrize(("change", "message"), [
    ({"window": 0}, '"window" must be a whole number'),
    ({"window": True}, '"window" must be a whole number'),
    ({"threshold": 1.5}, '"threshold" must be a number between 0 and 1'),
    ({"bias": [1.0, 2.0]}, '"bias" must give one number per theme'),
    ({"weights": {"x": [1.0, 2.0]}}, '"weights" must map features to one number per theme'),
    ({"themes": []}, '"themes" must be a list of theme ids'),
])
def test_a_broken_reading_is_named_with_its_file(tmp_path: Path, change: dict[str, object],
                                                 message: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(_model(**change)), encoding="utf-8")
    with pytest.raises(StanceModelError) as caught:
        read_stance_model(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    path.write_text(json.dumps({**_model(), "reading": [1]}), encoding="utf-8")
    with pytest.raises(StanceModelError, match='"reading" must be a JSON object'):
        read_stance_model(path)


def test_a_broken_reading_is_named_in_the_feedback_and_never_raises(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, _model(window=0))
    result = scorer.score("q1", "We sat down and drew up a budget together.")
    assert any('"window"' in line for line in result.feedback)


# ----- the peer bank's reading

def _peer() -> Scorer:
    return Scorer(load_bank(PEER))


def test_the_peer_bank_ships_a_reading_over_its_themes() -> None:
    bank = load_bank(PEER)
    model = load_stance_model(bank.stance_path)
    reading = model.weights.reading
    assert reading is not None and reading.window == 3 and 0.2 <= reading.threshold <= 0.9
    labelled = {"boundaries", "confidentiality", "lived_experience", "self_care",
                "empathy_listening", "recovery_hope", "empowerment", "collaboration",
                "crisis_safety", "inclusion", "advocacy_resources", "trust_rapport",
                "professional_development", "stigma"}
    assert set(reading.themes) == labelled <= set(bank.themes)


def test_the_peer_reading_credits_lived_experience_shown_without_a_listed_phrase() -> None:
    scorer = _peer()
    answer = ("When he said nothing would ever get better, I told him I had been exactly where he "
              "was ten years ago, and then asked what had helped him before.")
    theme = next(t for t in scorer.score("motivation_for_role", answer).themes
                 if t.id == "lived_experience")
    assert theme.state == "covered"
    assert [m.keyword for m in theme.matches] == [READING_KEYWORD]


@pytest.mark.parametrize("answer", [
    "Boundaries, confidentiality, empowerment, self-care, lived experience, recovery, hope.",
    "I believe in boundaries and confidentiality. I believe in empowerment and hope. I believe "
    "recovery is a journey and self-care is the foundation of everything I do.",
    "On Saturdays I bake bread with my nephew and we take the dog out along the canal.",
])
def test_the_peer_reading_credits_no_list_salad_or_unrelated_answer(answer: str) -> None:
    result = _peer().score("motivation_for_role", answer)
    assert not [m for t in result.themes for m in t.matches if m.keyword == READING_KEYWORD]


def test_the_shipped_model_was_trained_on_the_data_and_banks_as_they_are(
        trainer: ModuleType) -> None:
    # The poor answers' unsafe sentences are labelled by the bank's anti-cues and the reading
    # learns from our passages: a change to either without training again leaves the shipped
    # weights describing something else.
    shipped = json.loads((REPO / "question_banks" / "peer_support_worker.stance.json")
                         .read_text(encoding="utf-8"))
    assert shipped["trained_on"]["inputs_sha256"] == trainer.inputs_digest(), (
        "the training data or a bank changed since the model was trained: run "
        "pip install -e '.[train]' && python benchmarks/train_stance.py")
