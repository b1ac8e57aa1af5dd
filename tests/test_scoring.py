"""The scoring engine: each tolerance and each refusal of theme matching, red flags, delivery,
the overall score and its guards, feedback, offsets and determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_coach._util.errors import ScoringError
from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import (
    SCORE_FORMULA,
    Scorer,
    ScoreResult,
    ThemeResult,
    score_answer,
)

BANK_PATH = Path(__file__).parent / "data" / "scoring_bank.yaml"

GOOD = (
    "In my last job I set clear boundaries from the first meeting and explained what my role "
    "could and could not cover. When someone asked for more, I would say no kindly and point "
    "them to the right service. I protect my wellbeing with regular breaks, peer supervision "
    "and a short debrief after a hard day, so I can keep supporting people well over time."
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_PATH)


@pytest.fixture(scope="module")
def scorer(bank: Bank) -> Scorer:
    return Scorer(bank)


def theme(result: ScoreResult, theme_id: str) -> ThemeResult:
    return next(t for t in result.themes if t.id == theme_id)


def check_offsets(result: ScoreResult, answer: str) -> None:
    for t in result.themes:
        for m in t.matches:
            assert answer[m.start : m.end] == m.text
    for f in result.red_flags:
        assert answer[f.start : f.end] == f.text


def covered(scorer: Scorer, answer: str, theme_id: str, qid: str = "stay_well") -> bool:
    """Whether the answer shows evidence of the theme: covered, or touched by one weak cue (this
    schema-1 bank's one-word keywords are weak cues: issue 12's tiers)."""
    result = scorer.score(qid, answer)
    check_offsets(result, answer)
    return shown(theme(result, theme_id))


def shown(t: ThemeResult) -> bool:
    """Covered or touched: the matching found evidence (tiers aside)."""
    return t.state in ("covered", "touched")


# ----------------------------------------------------------------- tolerances


@pytest.mark.parametrize(
    ("answer", "theme_id"),
    [
        ("I keep firm boundaries with everyone.", "boundaries"),  # exact
        ("I keep a firm BOUNDARY with everyone.", "boundaries"),  # case and word form
        ("There are limits to what I do.", "boundaries"),  # plural
        ("I listened to him for an hour.", "listening"),  # word form
        ("I was listening closely to her.", "listening"),
        ("I keep firm boundries with everyone.", "boundaries"),  # typo: deletion
        ("I keep firm boundaires with everyone.", "boundaries"),  # typo: swapped letters
        ("I keep firm bounsaries with everyone.", "boundaries"),  # typo: neighbouring key
        ("I keep up good self-care every week.", "self_care"),
        ("I keep up good self care every week.", "self_care"),
        ("I keep up good selfcare every week.", "self_care"),
        ("I keep up good Self\u2011Care every week.", "self_care"),  # non-breaking hyphen
        ("I keep up good \u201cself-care\u201d every week.", "self_care"),  # curly quotes
        ("I try to set clear boundaries early.", "boundaries"),  # one extra word in a phrase
        ("I always take regular breaks.", "self_care"),
        ("My well\u200bbeing comes first.", "self_care"),  # zero-width space inside
        ("My well-being comes first.", "self_care"),  # written as two words
    ],
)
def test_tolerated(scorer: Scorer, answer: str, theme_id: str) -> None:
    assert covered(scorer, answer, theme_id)


# ----------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("answer", "theme_id"),
    [
        ("My career has been long.", "care"),  # "care" is not in "career"
        ("My energy is limitless.", "boundaries"),  # "limit" is not in "limitless"
        ("I listed the tasks.", "listening"),  # not a typo of "listen"
        ("The carer arrived.", "care"),  # a different word
        # Word forms never cross to another lemma (issue 12): a derivation is another word.
        ("Empowerment is what the work is about.", "listening"),  # empower/empowerment
        ("Good self-care matters to me.", "care"),  # "care" inside self-care belongs to it
        ("I set very clear firm boundaries.", "__phrase_two_extra__"),
        ("I try to set. Boundaries are hard.", "__phrase_across_sentence__"),
        ("I shared my breaks.", "__unrelated__"),
    ],
)
def test_refused(scorer: Scorer, answer: str, theme_id: str) -> None:
    result = scorer.score("stay_well", answer)
    check_offsets(result, answer)
    if theme_id == "__phrase_two_extra__":
        keywords = {m.keyword for m in theme(result, "boundaries").matches}
        assert "set boundaries" not in keywords
        assert "boundaries" in keywords
    elif theme_id == "__phrase_across_sentence__":
        keywords = {m.keyword for m in theme(result, "boundaries").matches}
        assert "set boundaries" not in keywords
    elif theme_id == "__unrelated__":
        assert not shown(theme(result, "self_care"))
    else:
        assert not shown(theme(result, theme_id))


def test_short_words_need_exact_spelling(scorer: Scorer) -> None:
    assert not covered(scorer, "I will limt it.", "boundaries")  # four letters: no typo
    assert covered(scorer, "I lisen well.", "listening")  # five letters: one typo allowed


def test_substitution_far_on_the_keyboard_is_not_a_typo(scorer: Scorer) -> None:
    assert not covered(scorer, "I show empaxhy.", "listening")  # t and x are far apart
    assert covered(scorer, "I show empathu.", "listening")  # y and u are neighbours


# ----------------------------------------------------------------- negation


@pytest.mark.parametrize(
    ("answer", "theme_id"),
    [
        ("I don't really believe in boundaries.", "boundaries"),
        ("I never take breaks.", "self_care"),
        ("I do not think supervision helps.", "self_care"),
        ("Honestly, I have no boundaries at work.", "boundaries"),
        ("I work without breaks or supervision.", "self_care"),
        ("I hardly ever listen to them.", "listening"),
        ("I didn\u2019t set boundaries.", "boundaries"),
        ("I dont set boundaries.", "boundaries"),
    ],
)
def test_negated_mentions_do_not_count(scorer: Scorer, answer: str, theme_id: str) -> None:
    result = scorer.score("stay_well", answer)
    t = theme(result, theme_id)
    assert not shown(t)
    assert t.negated
    assert t.strength == 0.0
    assert all(m.negated for m in t.matches)
    check_offsets(result, answer)


@pytest.mark.parametrize(
    "answer",
    [
        "I did not give up, and I set boundaries.",  # a new clause
        "I never used to. Now I set boundaries.",  # a new sentence
        "Not only do I set boundaries, I keep them.",  # "not only" does not negate
        "I was not sure at first but boundaries helped.",  # "but" ends the negation
        "I wouldn't hesitate to set boundaries.",  # a double negative
        "I never lose sight of my boundaries.",
    ],
)
def test_negation_stays_in_its_clause(scorer: Scorer, answer: str) -> None:
    assert covered(scorer, answer, "boundaries")


def test_say_no_does_not_negate_what_follows(scorer: Scorer) -> None:
    result = scorer.score("stay_well", "When asked too much I say no and take breaks.")
    assert shown(theme(result, "self_care"))
    assert not any(m.negated for m in theme(result, "self_care").matches)


def test_theme_with_negated_and_plain_mentions_is_covered(scorer: Scorer) -> None:
    result = scorer.score("stay_well", "I never take breaks, but supervision keeps me well.")
    t = theme(result, "self_care")
    assert shown(t) and not t.negated
    assert [m.negated for m in t.matches] == [True, False]


# ----------------------------------------------------------------- red flags


def test_red_flag_found_with_span_and_why(scorer: Scorer) -> None:
    answer = "If they asked, I would keep it a secret between us."
    result = scorer.score("stay_well", answer)
    assert [f.phrase for f in result.red_flags] == ["keep it secret"]
    flag = result.red_flags[0]
    assert answer[flag.start : flag.end] == flag.text == "keep it a secret"
    assert "safeguarding" in flag.why
    assert any(p.name == "red flags" and p.points < 0 for p in result.parts)


def test_negated_red_flag_does_not_count(scorer: Scorer) -> None:
    result = scorer.score("stay_well", "I would never promise to keep it secret.")
    assert result.red_flags == []


def test_red_flag_needs_whole_words(scorer: Scorer) -> None:
    result = scorer.score("stay_well", "The gatekeeper of it was secretive.")
    assert result.red_flags == []


def test_red_flag_in_another_verb_form(scorer: Scorer) -> None:
    result = scorer.score("stay_well", "Last time I kept it a secret for her.")
    assert [f.text for f in result.red_flags] == ["kept it a secret"]


def test_red_flag_costs_points(scorer: Scorer) -> None:
    clean = scorer.score("stay_well", GOOD)
    flagged = scorer.score("stay_well", GOOD + " Anything else is not my problem.")
    assert flagged.score <= clean.score - 8


# ----------------------------------------------------------------- delivery and STAR


def test_delivery_counts(scorer: Scorer) -> None:
    answer = ("Um, I think I would, like, basically listen. You know, maybe I guess I kind of "
              "listen and listen again. What kind of support helps? I like people.")
    d = scorer.score("stay_well", answer).delivery
    assert d.fillers["um"] == 1
    assert d.fillers["like"] == 1  # "I like people" is a verb
    assert d.fillers["basically"] == 1
    assert d.fillers["you know"] == 1
    assert d.fillers["kind of"] == 1  # "what kind of support" is not a filler
    assert d.hedges == {"i guess": 1, "i think": 1, "maybe": 1}
    assert ("listen", 3) in d.repeated
    assert d.words == len(answer.split())
    assert d.too_short and not d.too_long
    assert d.speaking_seconds == pytest.approx(d.words / 140 * 60, abs=0.1)


def test_long_answer_flagged(scorer: Scorer) -> None:
    d = scorer.score("stay_well", "word " * 320).delivery
    assert d.too_long and not d.too_short


def test_star_on_behavioural_prompt(scorer: Scorer) -> None:
    story = ("Last year a man at the drop-in was about to lose his flat. My role was to help him "
             "keep it, so I listened and then we made an action plan together.")
    d = scorer.score("tell_time", story).delivery
    assert d.star is not None
    assert d.star.as_flags() == {"situation": True, "task": True, "action": True,
                                 "result": False}
    for part in d.star.parts:  # each part found comes with its span and why
        if part.present:
            assert story[part.start : part.end] == part.text and part.why
    assert d.star_missing_result
    ended = scorer.score("tell_time", story + " As a result he kept his tenancy.").delivery
    assert ended.star is not None and ended.star.get("result").present
    assert not ended.star_missing_result


def test_star_missing_result_only_for_a_story(scorer: Scorer) -> None:
    opinion = "I think listening matters most and that people deserve respect and patience."
    d = scorer.score("tell_time", opinion).delivery
    assert d.star is not None and not d.star.story
    assert not d.star_missing_result


def test_star_parts_in_json(scorer: Scorer) -> None:
    story = "Last year a man at the drop-in was about to lose his flat. I called the council."
    data = scorer.score("tell_time", story).to_dict()["delivery"]
    assert set(data["star"]) == {"situation", "task", "action", "result"}
    assert all(isinstance(v, bool) for v in data["star"].values())
    situation = data["star_parts"]["situation"]
    assert situation["present"] and story[situation["start"]:situation["end"]] == \
        situation["text"]
    assert scorer.score("stay_well", story).to_dict()["delivery"]["star_parts"] is None


def test_no_star_for_other_questions(scorer: Scorer) -> None:
    assert scorer.score("stay_well", GOOD).delivery.star is None


def test_behavioural_category_turns_star_on(bank: Bank) -> None:
    data = bank.model_dump(by_alias=True)
    data["questions"][0]["category"] = "behavioural"
    other = Bank.model_validate(data)
    assert Scorer(other).score("stay_well", GOOD).delivery.star is not None


# ----------------------------------------------------------------- the score


def test_good_answer_scores_high_and_parts_add_up(scorer: Scorer) -> None:
    result = scorer.score("stay_well", GOOD)
    assert result.score >= 75
    assert round(sum(p.points for p in result.parts)) == result.score
    assert {p.name for p in result.parts} >= {"themes", "model answer", "delivery"}
    assert all(p.points <= p.max_points for p in result.parts)


@pytest.mark.parametrize("answer", ["", " ", "\n\t  \n", "\u200b\u00a0", "...!?"])
def test_empty_answer_scores_zero(scorer: Scorer, answer: str) -> None:
    result = scorer.score("stay_well", answer)
    assert result.score == 0
    assert result.words == 0
    assert result.feedback


def test_empty_answer_on_question_without_model_answer() -> None:
    bank = Bank.model_validate({
        "schema": 1, "id": "b", "title": "t", "description": "d", "role": "r",
        "themes": {"x": {"label": "X", "description": "d", "keywords": ["x ray"]}},
        "questions": [{"id": "q", "prompt": "Anything to ask?"},
                      {"id": "r", "prompt": "Why?", "themes": ["x"]}],
    })
    for qid in ("q", "r"):
        assert score_answer(bank, qid, "   ").score == 0
    assert score_answer(bank, "q", "A real answer with words in it.").score == 0


def test_question_read_back_scores_low(scorer: Scorer, bank: Bank) -> None:
    prompt = bank.question("stay_well").prompt
    result = scorer.score("stay_well", prompt)
    assert result.score <= 10
    twice = scorer.score("stay_well", f"{prompt} {prompt} Well, {prompt.lower()}")
    assert twice.score <= 10


def test_keyword_list_is_capped(scorer: Scorer) -> None:
    salad = "boundaries, set boundaries, limit, say no, self-care, wellbeing, take breaks, supervision"
    result = scorer.score("stay_well", salad)
    assert result.score <= 20
    assert result.capped == "keyword list"
    lines = "Boundaries.\nSelf-care.\nWellbeing.\nSupervision.\nLimits.\nBreaks."
    assert scorer.score("stay_well", lines).score <= 20


def test_negated_mentions_earn_nothing(scorer: Scorer) -> None:
    negated = ("I do not believe in boundaries and I would never say no to anyone. I never take "
               "breaks and I don't need supervision or wellbeing plans.")
    result = scorer.score("stay_well", negated)
    assert not shown(theme(result, "boundaries"))
    assert not shown(theme(result, "self_care"))
    assert next(p for p in result.parts if p.name == "themes").points == 0


def test_question_without_themes_is_scored_on_model_answer(scorer: Scorer, bank: Bank) -> None:
    model = bank.question("open_question").model_answer
    result = scorer.score("open_question", model)
    assert [p.name for p in result.parts] == ["model answer"]
    assert result.score == 100
    assert scorer.score("open_question", "I like cats and dogs a lot, really.").score < 30


def test_more_themes_more_points(scorer: Scorer) -> None:
    one = scorer.score("stay_well", "I set clear boundaries with the people I support at work.")
    two = scorer.score("stay_well", "I set clear boundaries with the people I support at work, "
                                    "and I use supervision to look after my wellbeing.")
    assert two.score > one.score


def test_question_keywords_count_as_terms(scorer: Scorer) -> None:
    result = scorer.score("terms_question", "I write case notes the same day and store them.")
    assert result.question_terms is not None and result.question_terms.covered
    none = scorer.score("terms_question", "I write things down the same day and store them.")
    assert none.question_terms is not None and not none.question_terms.covered
    assert result.score > none.score


def test_formula_is_documented() -> None:
    for word in ("themes", "model answer", "delivery", "red flags", "question back", "keywords"):
        assert word in SCORE_FORMULA


# ----------------------------------------------------------------- themes, feedback, output


def test_every_bank_theme_is_reported(scorer: Scorer, bank: Bank) -> None:
    result = scorer.score("stay_well", GOOD)
    assert [t.id for t in result.themes] == list(bank.themes)
    assert [t.id for t in result.themes if t.expected] == ["boundaries", "self_care"]


def test_strength_grows_with_distinct_keywords(scorer: Scorer) -> None:
    one = theme(scorer.score("stay_well", "I keep boundaries."), "boundaries").strength
    two = theme(scorer.score("stay_well", "I keep boundaries and say no."), "boundaries").strength
    # (A bare list "Boundaries, boundaries, boundaries." covers nothing: see the list tests.)
    same = theme(scorer.score("stay_well", "I keep boundaries, I keep boundaries and I keep "
                              "boundaries."), "boundaries").strength
    assert 0 < one < two <= 1
    assert same == one


def test_feedback_gives_hints_and_evidence(scorer: Scorer) -> None:
    result = scorer.score("stay_well", "I set clear boundaries early with everyone I support.")
    text = "\n".join(result.feedback)
    assert "Name what you do to stay well." in text  # the hint of the missed theme
    assert "set clear boundaries" in text  # evidence of the covered one


def test_offsets_hold_after_normalisation(scorer: Scorer) -> None:
    answer = ("\ufeff\u201cI set\u00a0clear BOUNDARIES\u201d \u2014 and self\u2011care, "
              "well\u200bbeing, \ufb01ne. I\u2019d never keep it secret.")
    result = scorer.score("stay_well", answer)
    check_offsets(result, answer)
    texts = {m.text for t in result.themes for m in t.matches}
    assert "set\u00a0clear BOUNDARIES" in texts
    assert "self\u2011care" in texts
    assert "well\u200bbeing" in texts


def test_deterministic(bank: Bank) -> None:
    answers = [GOOD, "I never take breaks. Boundries matter, um, like, a lot."]
    for answer in answers:
        first = Scorer(bank).score("stay_well", answer).to_dict()
        again = Scorer(bank).score("stay_well", answer).to_dict()
        shared = Scorer(bank)
        shared.score("tell_time", GOOD)
        assert first == again == shared.score("stay_well", answer).to_dict()


def test_to_dict_is_json(scorer: Scorer) -> None:
    data = json.loads(json.dumps(scorer.score("stay_well", GOOD).to_dict()))
    for key in ("score", "reference_similarity", "words", "red_flags", "themes"):
        assert key in data
    first = data["themes"][0]
    assert set(first) >= {"id", "label", "expected", "covered", "strength", "negated", "matches"}
    match = next(t for t in data["themes"] if t["matches"])["matches"][0]
    assert set(match) >= {"keyword", "text", "start", "end", "similarity"}


def test_unknown_question_is_a_scoring_error(scorer: Scorer) -> None:
    with pytest.raises(ScoringError, match="nope"):
        scorer.score("nope", "text")


def test_question_object_accepted(scorer: Scorer, bank: Bank) -> None:
    q = bank.question("stay_well")
    assert scorer.score(q, GOOD).to_dict() == scorer.score("stay_well", GOOD).to_dict()


def test_reference_similarity_in_range(scorer: Scorer, bank: Bank) -> None:
    model = bank.question("stay_well").model_answer
    assert scorer.score("stay_well", model).reference_similarity > 0.9
    assert 0.0 <= scorer.score("stay_well", "bananas").reference_similarity < 0.2


def test_tables_shared_between_scorers_of_one_bank(bank: Bank) -> None:
    first, second = Scorer(bank), Scorer(bank)
    assert first.tables is second.tables
    assert Scorer(bank, fresh=True).tables is not first.tables


TYPO_BANK = Bank.model_validate({
    "schema": 1, "id": "typos", "title": "t", "description": "d", "role": "r",
    "themes": {
        "lived": {"label": "Lived", "description": "d", "keywords": ["lived experience"]},
        "inclusion": {"label": "Inclusion", "description": "d", "keywords": ["inclusive"]},
        "trust": {"label": "Trust", "description": "d", "keywords": ["dependable"]},
        "identity": {"label": "Identity", "description": "d", "keywords": ["identity"]},
    },
    "questions": [{"id": "q", "prompt": "Why this job?", "themes": ["lived"]}],
})


@pytest.mark.parametrize(
    ("answer", "theme_id", "expected"),
    [
        ("I have lived expereince of psychosis.", "lived", True),  # swapped letters
        ("I have lived experiance of psychosis.", "lived", True),
        ("I have lived experiences of psychosis.", "lived", True),
        ("Everyone is welcome, including carers.", "inclusion", False),  # a real word
        ("The job is demanding.", "trust", False),
        ("My work is intentional.", "identity", False),
        ("I am dependible.", "trust", True),
    ],
)
def test_typos_of_whole_words(answer: str, theme_id: str, expected: bool) -> None:
    result = Scorer(TYPO_BANK).score("q", answer)
    assert shown(theme(result, theme_id)) is expected
    check_offsets(result, answer)


HARM_BANK = Bank.model_validate({
    "schema": 1, "id": "harm", "title": "t", "description": "d", "role": "r",
    "themes": {
        "stigma": {"label": "Stigma", "description": "d", "keywords": ["embarrassed", "stigma"]},
        "inclusion": {"label": "Inclusion", "description": "d", "keywords": ["left out"]},
        "hope": {"label": "Hope", "description": "d", "keywords": ["hope"]},
    },
    "red_flags": [{"phrase": "left out", "why": "w"}],
    "questions": [{"id": "q", "prompt": "Why?", "themes": ["stigma", "inclusion"]}],
})


def test_negated_harm_keyword_still_covers_its_theme() -> None:
    result = Scorer(HARM_BANK).score(
        "q", "I'm not embarrassed about my diagnosis, and nobody is left out. I have no hope.")
    assert shown(theme(result, "stigma"))
    assert shown(theme(result, "inclusion"))
    assert not shown(theme(result, "hope")) and theme(result, "hope").negated
    assert result.red_flags == []  # a negated red flag is still cancelled


RULES_BANK = Bank.model_validate({
    "schema": 1, "id": "rules", "title": "t", "description": "d", "role": "r",
    "themes": {
        "empowerment": {"label": "E", "description": "d",
                        "keywords": ["at their own pace", "speak up for themselves"]},
        "advocacy": {"label": "A", "description": "d",
                     "keywords": ["on someone's behalf", "employment"]},
        "boundaries": {"label": "B", "description": "d",
                       "keywords": ["boundaries", "not a friend", "overstep"]},
        "confidentiality": {"label": "C", "description": "d",
                            "keywords": ["confidentiality", "consent"]},
        "self_care": {"label": "S", "description": "d", "keywords": ["take breaks"]},
        "crisis": {"label": "K", "description": "d", "keywords": ["at risk"]},
        "hope": {"label": "H", "description": "d", "keywords": ["hope"]},
        "trust": {"label": "T", "description": "d", "keywords": ["trust", "genuine"]},
        "development": {"label": "D", "description": "d", "keywords": ["supervision"]},
        "person_first": {"label": "P", "description": "d", "keywords": ["person-first language"]},
    },
    "questions": [{"id": "q", "prompt": "Tell me about your work.", "themes": ["boundaries"]}],
})


def rules_cover(answer: str, theme_id: str) -> bool:
    """Whether ``answer`` covers ``theme_id`` of RULES_BANK."""
    return shown(theme(Scorer(RULES_BANK).score("q", answer), theme_id))


@pytest.mark.parametrize(
    ("answer", "theme_id", "expected"),
    [
        ("I let her go at her own pace.", "empowerment", True),
        ("I phoned the council on his behalf.", "advocacy", True),
        ("I helped him speak up for himself.", "empowerment", True),
        ("I phoned the council on my behalf.", "advocacy", False),  # "my" is no slot
        ("She speaks the person-first language.", "person_first", True),
        ("She speaks her first language.", "person_first", False),  # "person" is no slot
        ("It isn't a friend, it's a role.", "boundaries", True),  # "not" and "n't" are one
    ],
)
def test_pronoun_slots_in_multi_word_keywords(answer: str, theme_id: str,
                                              expected: bool) -> None:
    assert rules_cover(answer, theme_id) is expected


@pytest.mark.parametrize(
    ("answer", "theme_id", "expected"),
    [
        ("I would never break confidentiality.", "confidentiality", True),
        ("I'd never leave someone alone at risk.", "crisis", True),
        ("I wouldn't ever breach confidentiality.", "confidentiality", True),
        ("I'd never share a thing without consent.", "confidentiality", True),
        ("I shared it without breaking confidentiality.", "confidentiality", True),
        ("I'd never overstep.", "boundaries", True),  # a keyword naming a breach
        ("I never take breaks.", "self_care", False),
        ("I don't really believe in boundaries.", "boundaries", False),
        ("I work without breaks or confidentiality.", "confidentiality", False),  # a noun
        ("I shared it without consent.", "confidentiality", False),
    ],
)
def test_negated_reversing_verb_affirms(answer: str, theme_id: str, expected: bool) -> None:
    assert rules_cover(answer, theme_id) is expected


@pytest.mark.parametrize(
    ("answer", "theme_id", "expected"),
    [
        ("Hopefully I'd be a good fit.", "hope", False),
        ("I hope to hear from you soon.", "hope", False),
        ("We're hoping the building opens in spring.", "hope", False),
        ("I help people hold on to hope.", "hope", True),
        ("I bring hope to the people I meet.", "hope", True),  # "I ... hope" is no wish here
        ("I really do hope to hear from you.", "hope", False),
        ("Her hope came back slowly.", "hope", True),
        ("He genuinely seemed to enjoy it.", "trust", False),
        ("I try to be genuine with people.", "trust", True),
        ("The Trust is recruiting.", "trust", False),
        ("The trust's finance team moved.", "trust", False),
        ("The trust we built took months.", "trust", True),
        ("She works for an NHS trust.", "trust", False),
        ("Trust is earned slowly.", "trust", True),
        ("I told my supervisor.", "development", False),  # a person, not the activity
        ("I value supervision.", "development", True),
        ("Our employer is a charity.", "advocacy", False),
        ("I help people find employment.", "advocacy", True),
    ],
)
def test_other_senses_do_not_count(answer: str, theme_id: str, expected: bool) -> None:
    assert rules_cover(answer, theme_id) is expected


@pytest.mark.parametrize(
    ("answer", "theme_id", "expected"),
    [
        ("How do you keep boundaries in this job?", "boundaries", False),
        ("What would you do if someone withdrew consent?", "confidentiality", False),
        ("Why do boundaries matter? Because people need a dependable worker.", "boundaries",
         False),
        ("Why does it matter? Because boundaries keep people safe.", "boundaries", True),
        ("I ask them what they need from me, and I keep boundaries.", "boundaries", True),
    ],
)
def test_questions_do_not_cover_themes(answer: str, theme_id: str, expected: bool) -> None:
    assert rules_cover(answer, theme_id) is expected


def test_bare_keyword_lists_cover_nothing() -> None:
    scorer = Scorer(RULES_BANK)
    listed = scorer.score("q", "boundaries, confidentiality, trust, hope")
    assert listed.capped == "keyword list"
    assert not any(shown(t) for t in listed.themes)
    assert theme(listed, "boundaries").matches  # the evidence is still reported
    sentence = scorer.score("q", "I keep boundaries and ask for consent before I share.")
    assert shown(theme(sentence, "boundaries")) and shown(theme(sentence, "confidentiality"))
    terse = scorer.score("q", "Maintains professional boundaries with service users.")
    assert shown(theme(terse, "boundaries"))  # a terse job-advert line is not a list
    choppy = scorer.score("q", "I keep boundaries. I ask. I wait.")
    assert shown(theme(choppy, "boundaries"))  # short sentences are not a list


def test_interview_prompts_cover_nothing() -> None:
    assert not rules_cover("Tell us about a time you kept boundaries.", "boundaries")
    assert not rules_cover("Describe how you keep boundaries", "boundaries")
    assert rules_cover("I keep boundaries. Tell me more, I say.", "boundaries")


def test_irregular_form_in_a_phrase_is_kept_as_written() -> None:
    bank = Bank.model_validate({
        "schema": 1, "id": "irr", "title": "t", "description": "d", "role": "r",
        "themes": {"lived": {"label": "L", "description": "d", "keywords": ["been there"]}},
        "questions": [{"id": "q", "prompt": "Why?", "themes": ["lived"]}],
    })
    scorer = Scorer(bank)
    assert shown(theme(scorer.score("q", "I've been there myself."), "lived"))
    assert not shown(theme(scorer.score("q", "It helps just being there."), "lived"))


def test_the_one_extra_word_of_a_phrase_is_never_a_new_clauses_subject() -> None:
    """"set clear goals" has an extra word inside "set goals"; in "we set they goals" the word
    between is the subject of another clause, so the phrase is not there."""
    bank = Bank.model_validate({
        "schema": 1, "id": "b", "title": "t", "description": "d", "role": "r",
        "themes": {"x": {"label": "X", "description": "d", "keywords": ["set goals"]}},
        "questions": [{"id": "q", "prompt": "How do you plan?", "themes": ["x"]}],
    })
    hits = score_answer(bank, "q", "We set clear goals.").themes[0].matches
    assert [m.text for m in hits] == ["set clear goals"]
    assert not score_answer(bank, "q", "What we set they goals for.").themes[0].matches
