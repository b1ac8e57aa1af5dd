"""The stance model (issue 12): a sentence read as an unsafe stance however it is worded is a
major red flag; negated, limited or framed sentences are not; a broken model file is a clear
problem at the bank's ``stance_model`` line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interview_coach._util.errors import BankError
from interview_coach.banks.loader import check_bank, load_bank
from interview_coach.scoring import Scorer
from interview_coach.scoring.stance import (
    FORMAT,
    STANCE_FLAG_PREFIX,
    StanceModelError,
    features,
    load_stance_model,
    sentences,
)

REPO = Path(__file__).resolve().parents[1]
PEER = REPO / "question_banks" / "peer_support_worker.yaml"

BANK = """\
schema: 2
id: stance
title: Stance
description: A bank for the stance model tests.
role: Tester
stance_model: {model}
themes:
  money:
    label: Money matters
    description: No money changes hands.
    strong: ["pay the service"]
    anti_cues:
      - phrase: "borrow a tenner"
        why: No money changes hands.
      - phrase: "keep the rent money"
        why: Money owed to a landlord is never held.
        context: "{{eviction|evicted}}"
        critical: true
questions:
  - id: q1
    prompt: What would you do?
    themes: [money]
"""


def _model(**changes: object) -> dict[str, object]:
    """A tiny model: "lend" and "cash" are evidence of an unsafe stance on money."""
    data: dict[str, object] = {
        "format": FORMAT, "version": 1, "threshold": 0.9, "bias": -4.0,
        "weights": {"lend": 4.0, "cash": 3.0, "N_lend": -2.0},
        "themes": ["money"], "theme_bias": [0.0], "theme_weights": {"lend": [1.0]},
    }
    data.update(changes)
    return data


def _bank(tmp_path: Path, model: object, name: str = "model.json") -> Path:
    (tmp_path / name).write_text(json.dumps(model) if not isinstance(model, str) else model,
                                 encoding="utf-8")
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(model=name), encoding="utf-8")
    return path


def _stance_flags(scorer: Scorer, answer: str) -> list[tuple[str, str, str]]:
    result = scorer.score("q1", answer)
    return [(f.phrase, f.severity, answer[f.start:f.end]) for f in result.red_flags
            if f.phrase.startswith(STANCE_FLAG_PREFIX)]


def test_features_mark_what_a_negator_reaches_until_the_clause_ends() -> None:
    said = features("I never lend cash, but I lend an ear")
    assert "N_lend" in said and "N_cash" in said
    assert said.count("lend") == 1  # after "but" the negator reaches nothing
    assert "NEG N_lend" in said  # pairs of neighbours too


def test_rather_than_and_instead_of_negate_what_follows() -> None:
    # What the speaker sets aside is read as negated (found by trying the app: "ring the
    # on-call manager rather than handle it alone" was flagged as handling a crisis alone).
    said = features("I ring the manager rather than handle it alone, instead of waiting")
    assert "N_handl" in said and "N_alon" in said and "N_wait" in said
    assert "handl" not in said and "manag" in said


def test_sentences_join_hard_wrapped_lines_and_split_at_ends_and_blank_lines() -> None:
    text = "I keep it\nbetween us. But if you are at risk\nI tell my lead!\n\nOne two three"
    assert [text[a:b] for a, b in sentences(text)] == [
        "I keep it\nbetween us.", "But if you are at risk\nI tell my lead!", "One two three"]
    listed = "\n".join(["word " * 10] * 20)  # a long list with no end marks: cut at its lines
    assert len(list(sentences(listed))) == 20
    assert list(sentences("Yes. No. Ok then.")) == []  # too short to judge


def test_a_sentence_the_model_reads_as_unsafe_is_a_major_red_flag(tmp_path: Path) -> None:
    scorer = Scorer(load_bank(_bank(tmp_path, _model())))
    answer = "I listen first. If they are short I lend them cash from my own pocket."
    assert _stance_flags(scorer, answer) == [
        (STANCE_FLAG_PREFIX + "Money matters", "major",
         "If they are short I lend them cash from my own pocket.")]
    flag = next(f for f in scorer.score("q1", answer).red_flags)
    assert "stance model" in flag.why and "not a listed phrase" in flag.why


def test_a_negated_limited_or_already_flagged_sentence_is_not_flagged(tmp_path: Path) -> None:
    scorer = Scorer(load_bank(_bank(tmp_path, _model())))
    assert _stance_flags(scorer, "I would never lend anyone cash or anything else.") == []
    # a limit, as the anti-cues read it, qualifies the whole sentence
    assert _stance_flags(
        scorer, "I lend them cash for the bus, unless they are at risk of harm.") == []
    # an owned mistake told as a story
    assert _stance_flags(
        scorer, "Early on I would lend people cash. Looking back, that was a mistake.") == []
    # a listed anti-cue already contradicts the theme in that sentence: one finding, not two
    result = scorer.score("q1", "I lend them cash and let them borrow a tenner too.")
    assert [t.state for t in result.themes] == ["contradicted"]
    assert not [f for f in result.red_flags if f.phrase.startswith(STANCE_FLAG_PREFIX)]


def test_what_another_person_said_in_a_scene_the_speaker_sets_is_not_flagged(
        tmp_path: Path) -> None:
    # Session 16, ROUND54's good answer: "I was supporting a bloke ... and one day he told me
    # he'd been ... giving away his stuff" reports what he said; the speaker does nothing in it.
    scorer = Scorer(load_bank(_bank(tmp_path, _model())))
    assert _stance_flags(scorer, "I was supporting a man, and one day he told me he would "
                                 "lend his brother cash for the rent.") == []
    assert _stance_flags(scorer, "I was supporting a man, and I said I would lend him cash "
                                 "for the rent.") != []


def test_a_flag_near_what_makes_the_themes_critical_anti_cues_critical_is_critical(
        tmp_path: Path) -> None:
    # The context of a critical anti-cue of the theme (here "eviction") said near the sentence
    # makes the model's flag critical too, and the score is capped as for any critical flag.
    scorer = Scorer(load_bank(_bank(tmp_path, _model())))
    calm = "I listen first. If they are short I lend them cash from my own pocket."
    near = "She was facing eviction. If she was short I would lend her cash from my own pocket."
    assert [f.severity for f in scorer.score("q1", calm).red_flags] == ["major"]
    result = scorer.score("q1", near)
    assert [f.severity for f in result.red_flags] == ["critical"]
    assert "risk to someone's life" in result.red_flags[0].why
    assert result.score <= 20


def test_live_scoring_gives_the_same_flags(tmp_path: Path) -> None:
    scorer = Scorer(load_bank(_bank(tmp_path, _model())))
    live = scorer.live("q1")
    text = ""
    for word in "I listen first. If they are short I lend them cash today.".split():
        text = f"{text} {word}".strip()
        assert live.update(text) == scorer.score("q1", text)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not a stance model: it should be the JSON file"),
    (json.dumps({"format": "other"}), "is not a stance model"),
    ("", "is not a stance model"),
])
def test_a_file_that_is_no_stance_model_is_a_problem_at_its_line(
        tmp_path: Path, content: str, message: str) -> None:
    path = _bank(tmp_path, content)
    bank, problems = check_bank(path)
    assert bank is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line) == (str(path), 6)
    assert message in problem.message and "model.json" in problem.message
    with pytest.raises(BankError):
        load_bank(path)


@pytest.mark.parametrize(("content", "message"), [
    ('{"format": "interview-coach stance model", oops', "model.json:1: the stance model is "
                                                        "not valid JSON"),
    (json.dumps(_model(version=2)), "version 2 is not 1"),
    (json.dumps(_model(threshold=1.5)), '"threshold" must be a number between 0 and 1'),
    (json.dumps(_model(weights={"a": "x"})), '"weights" must map features to numbers'),
    (json.dumps(_model(theme_bias=[])), '"theme_bias" must give one number per theme'),
    (json.dumps(_model(theme_weights={"a": [1, 2]})), '"theme_weights" must map features'),
])
def test_a_broken_model_is_named_in_the_feedback_and_never_raises(
        tmp_path: Path, content: str, message: str) -> None:
    # Loading the bank reads only the file's first bytes; the weights are read when scoring.
    bank = load_bank(_bank(tmp_path, content))
    with pytest.raises(StanceModelError, match=re.escape(message)):
        load_stance_model(bank.stance_path)
    result = Scorer(bank).score("q1", "I listen first. I lend them cash from my own pocket.")
    assert not [f for f in result.red_flags if f.phrase.startswith(STANCE_FLAG_PREFIX)]
    said = [line for line in result.feedback if "stance model could not be read" in line]
    assert len(said) == 1 and message in said[0]
    assert not any("stance model" in line for line in Scorer(bank).score("q1", "").feedback)


def test_a_missing_model_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(model="gone.json"), encoding="utf-8")
    _bank, problems = check_bank(path)
    assert [(p.line, "gone.json" in p.message and "cannot read" in p.message)
            for p in problems] == [(6, True)]
    with pytest.raises(StanceModelError, match=r"gone\.json"):
        load_stance_model(tmp_path / "gone.json")


def test_a_bank_without_a_stance_model_has_none(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.replace("stance_model: {model}\n", ""), encoding="utf-8")
    bank = load_bank(path)
    assert bank.stance_path == ""
    assert Scorer(bank).score("q1", "I lend them cash from my own pocket.").red_flags == []


# ----- the peer bank's shipped model

def test_the_peer_bank_ships_a_stance_model_over_its_own_themes() -> None:
    bank = load_bank(PEER)
    assert bank.stance_path.endswith("peer_support_worker.stance.json")
    model = load_stance_model(bank.stance_path)
    assert model.threshold == 0.9
    assert set(model.weights.themes) <= set(bank.themes)


# Unsafe stances in wordings that no anti-cue lists (written for this test; each is read as a
# whole sentence by the model).
UNSAFE = [
    "When a lad I support told me he'd been stockpiling his pills, I figured that stayed "
    "between him and me and left it there.",
    "I let everyone on my caseload ring my own mobile whenever they want, even at two in "
    "the morning.",
    "Honestly, half the people who talk about ending it just want attention, so I don't "
    "make a fuss about it.",
]
SAFE = [
    "I never give people my own mobile; they have the team number and the crisis line.",
    "What someone tells me stays with me, unless they or someone else is in danger, and I "
    "say that at the start.",
    "If someone mentions ending their life, I ask them directly and tell my lead the same day.",
    # found by trying the app (session 10): a good crisis answer read as handling it alone
    "I would give them the crisis line number and then ring the on-call manager straight away "
    "rather than handle it alone, and I would write it up that night.",
]


def test_a_risk_kept_secret_in_new_words_is_a_critical_flag_in_the_peer_bank() -> None:
    # Found by trying the app: the model read the stance, but as a major flag (score 43).
    scorer = Scorer(load_bank(PEER))
    result = scorer.score("motivation_for_role", "A peer worker helped me get my life back. "
                          + UNSAFE[0])
    assert [(f.severity, f.phrase.startswith(STANCE_FLAG_PREFIX))
            for f in result.red_flags] == [("critical", True)]
    assert result.score <= 20


@pytest.mark.parametrize("sentence", UNSAFE)
def test_the_peer_model_reads_unsafe_wordings(sentence: str) -> None:
    model = load_stance_model(load_bank(PEER).stance_path)
    assert model.judge(sentence)[0] >= model.threshold


@pytest.mark.parametrize("sentence", SAFE)
def test_the_peer_model_leaves_safe_practice(sentence: str) -> None:
    model = load_stance_model(load_bank(PEER).stance_path)
    assert model.judge(sentence)[0] < model.threshold


def test_no_model_answer_of_the_peer_bank_trips_the_stance_model() -> None:
    bank = load_bank(PEER)
    scorer = Scorer(bank)
    for question in bank.questions:
        flags = [f.text for f in scorer.score(question, question.model_answer).red_flags
                 if f.phrase.startswith(STANCE_FLAG_PREFIX)]
        assert flags == [], question.id


def test_a_folder_or_a_pipe_named_as_the_model_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    import os

    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    for name in ("folder", "pipe"):
        path = tmp_path / "bank.yaml"
        path.write_text(BANK.format(model=name), encoding="utf-8")
        _bank, problems = check_bank(path)
        assert [(p.line, "not a regular file" in p.message) for p in problems] == [(6, True)]


def test_a_feature_said_twice_counts_once_as_in_training(tmp_path: Path) -> None:
    # The model is trained on which features a sentence has, not how often: "lend" said three
    # times is the same evidence as once (z = -4 + 4, probability 0.5, under the 0.9 threshold).
    scorer = Scorer(load_bank(_bank(tmp_path, _model())))
    model = load_stance_model(scorer.bank.stance_path)
    assert model.judge("I lend, I lend, I lend.")[0] == pytest.approx(0.5)
    assert _stance_flags(scorer, "I lend, I lend, I lend.") == []


def test_a_bank_anywhere_may_name_a_built_in_model(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(model="builtin:peer_support_worker"), encoding="utf-8")
    bank = load_bank(path)
    assert bank.stance_path == load_bank(PEER).stance_path
    path.write_text(BANK.format(model="builtin:nope"), encoding="utf-8")
    _bank, problems = check_bank(path)
    assert [(p.line, "no built-in stance model 'nope'" in p.message
             and "builtin:peer_support_worker" in p.message) for p in problems] == [(6, True)]
    path.write_text(BANK.format(model="builtin:../peer_support_worker"), encoding="utf-8")
    assert check_bank(path)[0] is None
