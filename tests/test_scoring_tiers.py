"""Evidence tiers, anti-cues, red-flag severity and a fuzzy match that never swaps real words
(issue 12), on the small fixture bank tests/data/tiers_bank.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer, ScoreResult, ThemeResult
from interview_coach.scoring.lexicon import is_known, lemma
from interview_coach.scoring.policy import TOUCHED_CREDIT, theme_credit
from interview_coach.scoring.results import TOUCHED
from interview_coach.scoring.tables import expand_alternatives

BANK = load_bank(Path(__file__).parent / "data" / "tiers_bank.yaml")
SCORER = Scorer(BANK)
FILLER = (" I have worked in support services for some years and I care about doing this well for "
          "every person I meet.")


def theme(result: ScoreResult, theme_id: str) -> ThemeResult:
    return next(t for t in result.themes if t.id == theme_id)


def state(answer: str, theme_id: str, qid: str = "q") -> str:
    result = SCORER.score(qid, answer)
    for t in result.themes:
        for m in t.matches:
            assert answer[m.start : m.end] == m.text
        for h in t.anti_matches:
            assert answer[h.start : h.end] == h.text
    return theme(result, theme_id).state


# ----------------------------------------------------------------- tiers


def test_strong_cue_alone_covers() -> None:
    assert state("I keep clear boundaries with everyone.", "boundaries") == "covered"


def test_one_weak_cue_only_touches() -> None:
    result = SCORER.score("q", "I know my limits at work." + FILLER)
    t = theme(result, "boundaries")
    assert t.state == "touched" and not t.covered and 0 < t.strength < 0.6
    assert any("Touched on Boundaries" in line for line in result.feedback)


def test_two_distinct_weak_cues_close_together_cover() -> None:
    assert state("I explain my role. I also know my limits.", "boundaries") == "covered"
    assert state("I explain my role and its limits.", "boundaries") == "covered"


def test_weak_cues_far_apart_or_repeated_only_touch() -> None:
    far = "I explain my role. We talk a lot. Then we plan the week. I know my limits."
    assert state(far, "boundaries") == "touched"
    assert state("My role is clear. My role matters.", "boundaries") == "touched"


def test_touched_earns_less_than_covered() -> None:
    touched = SCORER.score("q", "I know my limits at work." + FILLER)
    covered = SCORER.score("q", "I keep clear boundaries at work." + FILLER)
    assert touched.parts[0].points < covered.parts[0].points


# ----------------------------------------------------------------- anti-cues


def test_anti_cue_contradicts_even_with_strong_cues() -> None:
    answer = "I keep clear boundaries, and I give the people I support my personal mobile number."
    result = SCORER.score("q", answer)
    t = theme(result, "boundaries")
    assert t.state == "contradicted" and not t.covered and t.strength == 0.0
    hit = next(h for h in t.anti_matches if not h.negated)
    assert answer[hit.start : hit.end] == hit.text
    assert "professional relationship" in hit.why
    assert any(p.name == "contradicted" and p.points < 0 for p in result.parts)
    assert any(line.startswith("Against Boundaries") for line in result.feedback)


def test_negated_anti_cue_is_a_strong_cue() -> None:
    answer = "I never give out my personal number."
    result = SCORER.score("q", answer)
    t = theme(result, "boundaries")
    assert t.state == "covered"
    assert [h.negated for h in t.anti_matches] == [True]
    assert any(line.startswith("Covered Boundaries") for line in result.feedback)


def test_gaps_and_alternatives() -> None:
    assert expand_alternatives("{a|b c} x {d|e}") == ["a x d", "a x e", "b c x d", "b c x e"]
    assert state("I would share my private phone number.", "boundaries") == "contradicted"
    assert state("I hand out to clients my private number.", "boundaries") == "contradicted"
    # A gap stays inside one sentence and spans a few words only.
    assert state("I give talks. My personal number is ex-directory.", "boundaries") == "missed"
    far = "I give advice about many different kinds of things and my personal number"
    assert state(far, "boundaries") == "missed"
    assert state("I am available around the clock.", "boundaries") == "contradicted"
    assert state("I would not become their friend.", "boundaries") == "covered"


def test_contradiction_counts_for_a_theme_not_expected() -> None:
    result = SCORER.score("story", "In my team I was available any time, day and night.")
    assert theme(result, "boundaries").state == "contradicted"
    assert any(p.name == "contradicted" for p in result.parts)


# ----------------------------------------------------------------- red-flag severity


def test_critical_red_flag_caps_the_score() -> None:
    model = BANK.question("q").model_answer
    clean = SCORER.score("q", model)
    flagged = SCORER.score("q", model + " If they asked, I would keep it secret.")
    assert clean.score > 40
    assert [f.severity for f in flagged.red_flags] == ["critical"]
    assert flagged.score <= 20
    assert any(p.name == "cap: critical red flag" for p in flagged.parts)


def test_minor_and_major_penalties() -> None:
    model = BANK.question("q").model_answer
    clean = SCORER.score("q", model).score
    minor = SCORER.score("q", model + " Whatever happens, happens.")
    major = SCORER.score("q", model + " Paperwork is not my job.")
    assert [f.severity for f in minor.red_flags] == ["minor"]
    assert [f.severity for f in major.red_flags] == ["major"]
    assert clean - minor.score < clean - major.score


# ----------------------------------------------------------------- the examples


def test_personal_number_and_secret_risk() -> None:
    answer = ("I give the people I support my personal mobile number and tell them I am "
              "available any time. If someone told me they planned to hurt themselves I would "
              "keep it secret.")
    result = SCORER.score("q", answer)
    assert theme(result, "boundaries").state == "contradicted"
    assert [f.phrase for f in result.red_flags] == ["keep it secret"]
    assert result.score <= 20


def test_never_tell_anyone_does_not_credit_crisis() -> None:
    result = SCORER.score("q", "I would never tell anyone anything, even if they were at risk.")
    assert theme(result, "crisis").state == "contradicted"
    assert not theme(result, "crisis").covered


def test_self_care_for_weak_people_is_not_self_care() -> None:
    answer = "Self-care is for weak people; I just push through until I burn out."
    t = theme(SCORER.score("q", answer), "self_care")
    assert t.state == "contradicted" and not t.covered


def test_grow_in_confidence_is_not_confidentiality() -> None:
    answer = "I help people grow in confidence and confide in others."
    assert state(answer, "confidentiality") == "missed"


def test_not_my_job_to_rush_them_is_no_red_flag() -> None:
    assert SCORER.score("q", "It is not my job to rush them.").red_flags == []
    assert SCORER.score("q", "It's not my job to try to fix people.").red_flags == []
    assert [f.phrase for f in SCORER.score("q", "That is not my job.").red_flags] == [
        "not my job"]
    assert [f.phrase for f in SCORER.score("q", "It is not my job to help.").red_flags] == [
        "not my job"]


def test_one_generic_word_does_not_cover_a_behavioural_theme() -> None:
    assert state("My colleagues were there.", "teamwork", "story") == "touched"
    assert state("There was a conflict last year.", "conflict", "story") == "touched"
    story = ("Last spring I worked closely with two colleagues. We had a disagreement about a "
             "report, so I met them and we found common ground.")
    assert state(story, "teamwork", "story") == "covered"
    assert state(story, "conflict", "story") == "covered"


# ----------------------------------------------------------------- fuzzy and word forms


@pytest.mark.parametrize(
    "answer",
    [
        "I identify what matters to them.",  # identify / identity
        "They need access to services.",  # access / accessible
        "I bring expertise from my own life.",  # expertise / exercise
        "Our minds work differently.",  # minds / mindfulness
        "Celebrities talk about it now.",  # celebrities / celebrate
    ],
)
def test_fuzzy_never_maps_a_real_word_onto_another(answer: str) -> None:
    assert state(answer, "words") == "missed"


def test_typos_of_unknown_words_still_match() -> None:
    assert state("I practise mindfullness daily.", "words") == "touched"
    assert state("We celebrrate small wins.", "words") == "touched"


def test_word_forms_stay_within_their_lemma() -> None:
    assert state("I listened closely.", "listening") == "touched"  # inflection
    assert state("Empowerment matters.", "listening") == "missed"  # derivation
    assert lemma("boundaries") == "boundary" and lemma("caring") == "care"
    assert lemma("stopped") == "stop" and lemma("kept") == "keep"
    assert lemma("identify") != lemma("identity")
    assert lemma("accessible") != lemma("access")
    assert lemma("celebrities") != lemma("celebrate")
    # "'s" after a pronoun or "that" is "is" or "has", not a possessive (session 14)
    assert lemma("that's") != lemma("that") and lemma("it's") != lemma("it")
    assert lemma("person's") == "person" and lemma("someone's") == "someone"


def test_known_words_come_from_the_word_list() -> None:
    assert is_known("identify") and is_known("boundaries") and is_known("listening")
    assert not is_known("boundries") and not is_known("expereince")


def test_live_scoring_gives_the_same_states() -> None:
    answer = ("I never give out my personal number. I know my limits. Self-care is for weak "
              "people, I push through. It is not my job to rush them.")
    live = SCORER.live("q")
    for end in range(0, len(answer) + 1, 7):
        live.update(answer[:end])
    got = live.update(answer)
    want = SCORER.score("q", answer)
    assert [(t.id, t.state) for t in got.themes] == [(t.id, t.state) for t in want.themes]
    assert got.score == want.score


def test_lint_warns_on_single_word_strong_cue_and_missing_anti_cues() -> None:
    from interview_coach.trainer.lint import lint_bank

    codes = {(f.kind, f.message.split("'")[1]) for f in lint_bank(BANK)}
    assert ("generic-strong-cue", "crisis") in codes  # "escalate"
    assert ("no-anti-cues", "teamwork") in codes
    assert ("no-anti-cues", "boundaries") not in codes


def test_long_alternative_lists_keep_their_later_readings() -> None:
    """A phrase of 3 x 4 x 5 x 6 = 360 readings keeps all of them (the old cap of 64 silently
    dropped the later ones, such as the last verb with the last object)."""
    from interview_coach.scoring.tables import MAX_READINGS

    phrase = "{a|b|c} {d|e|f|g} {h|i|j|k|l} {m|n|o|p|q|r}"
    readings = expand_alternatives(phrase)
    assert len(readings) == 360 <= MAX_READINGS
    assert readings[-1] == "c g l r"


def test_lint_names_a_phrase_with_too_many_readings(tmp_path: Path) -> None:
    from interview_coach.trainer.lint import _too_many_readings

    text = (Path(__file__).parent / "data" / "tiers_bank.yaml").read_text(encoding="utf-8")
    huge = '"{a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} word"'
    text = text.replace("    anti_cues:\n", f"    anti_cues:\n      - phrase: {huge}\n"
                        "        why: Too many.\n", 1)
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(text, encoding="utf-8")
    findings = _too_many_readings(load_bank(bank_file))
    assert [f.kind for f in findings] == ["too-many-readings"]
    assert findings[0].line > 0


def test_lint_names_a_phrase_or_context_with_unbalanced_braces(tmp_path: Path) -> None:
    from interview_coach.trainer.lint import _unbalanced_braces

    text = (Path(__file__).parent / "data" / "tiers_bank.yaml").read_text(encoding="utf-8")
    text = text.replace("    anti_cues:\n", "    anti_cues:\n"
                        '      - phrase: "keep it {quiet|to myself"\n        why: Stray brace.\n'
                        '      - phrase: "say nothing"\n        why: Stray brace in its context.\n'
                        '        context: "{overdos*|suicid*}}"\n'
                        '      - phrase: "{keep|kept} it secret"\n        why: Balanced.\n'
                        '        context: "{overdos*|hurt {himself|herself}}"\n', 1)
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(text, encoding="utf-8")
    findings = _unbalanced_braces(load_bank(bank_file))
    assert [f.kind for f in findings] == ["unbalanced-braces"] * 2
    assert "keep it {quiet|to myself" in findings[0].message
    assert "{overdos*|suicid*}}" in findings[1].message
    from interview_coach.trainer.lint import lint_bank
    assert sum(f.kind == "unbalanced-braces" for f in lint_bank(load_bank(bank_file))) == 2


def test_every_lint_finding_kind_can_be_chosen_with_only() -> None:
    """`lint --only KIND` accepts every kind lint can report."""
    import re

    from interview_coach.trainer import lint

    source = Path(lint.__file__).read_text(encoding="utf-8")
    made = set(re.findall(r'"(?:warning|error)", "([a-z-]+)"', source))
    assert made and made <= set(lint.KINDS), made - set(lint.KINDS)


def test_a_contradicted_theme_caps_the_score() -> None:
    """Good content around an unsafe stance still scores at most CONTRADICTED_CAP."""
    from interview_coach.scoring.policy import CONTRADICTED_CAP

    bank = load_bank(Path(__file__).resolve().parents[1] / "question_banks"
                     / "peer_support_worker.yaml")
    question = bank.questions[0]
    good = question.model_answer
    unsafe = good + " I also give people my personal mobile so they can ring me whenever."
    scorer = Scorer(bank)
    plain, mixed = scorer.score(question, good), scorer.score(question, unsafe)
    assert plain.score > CONTRADICTED_CAP
    assert any(t.state == "contradicted" for t in mixed.themes)
    assert mixed.score <= CONTRADICTED_CAP
    assert any(p.name == "cap: contradicted" for p in mixed.parts)


def _one_theme_bank(tmp_path: Path, cues: list[str]) -> Scorer:
    import yaml

    data = {"schema": 2, "id": "t", "title": "t", "role": "r", "description": "d",
            "themes": {"a": {"label": "Alpha", "description": "d", "strong": cues}},
            "questions": [{"id": "q", "prompt": "Tell me about something else entirely?",
                           "themes": ["a"], "model_answer": "zzz qqq"}]}
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return Scorer(load_bank(path))


def test_a_joined_word_never_matches_a_gapped_phrase(tmp_path: Path) -> None:
    """"work is" read as a typo of the compound "works" once matched every pattern starting
    with "work", including "work ... alongside ... staff" whose other words are not there."""
    scorer = _one_theme_bank(tmp_path, ["work ... alongside ... staff", "workshop",
                                        "how the role works"])
    result = scorer.score("q", "My enthusiasm for this work is limitless, honestly.")
    assert theme(result, "a").state == "missed"
    result = scorer.score("q", "I work closely alongside ward staff.")
    assert theme(result, "a").state == "covered"


def test_a_cue_inside_a_negated_longer_phrase_is_negated_too(tmp_path: Path) -> None:
    """"I didn't tell her any more of my story": the weak cue "my story" sits inside the
    negated strong phrase "tell ... my story"; it once left the theme touched with no live
    match to quote, and the feedback crashed."""
    import yaml

    data = {"schema": 2, "id": "t", "title": "t", "role": "r", "description": "d",
            "themes": {"a": {"label": "Alpha", "description": "d",
                             "strong": ["{share|tell} ... my story"], "weak": ["my story"]}},
            "questions": [{"id": "q", "prompt": "Tell me about something else entirely?",
                           "themes": ["a"], "model_answer": "zzz qqq"}]}
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    scorer = Scorer(load_bank(path))
    result = scorer.score("q", "Once I saw it upset her I did not tell her a single bit of my "
                               "story.")
    assert theme(result, "a").state == "missed"
    assert result.feedback


def test_a_covered_theme_earns_its_whole_share_from_two_strong_cues() -> None:
    """Session 14: a covered theme's credit is its strength over 0.8, at most 1 (one strong
    cue 0.94, two or more 1); touched keeps its partial credit and an answer that shows every
    expected theme earns the whole theme part."""
    def credit(strength: float, state: str = "") -> float:
        return theme_credit(ThemeResult("t", "T", True, not state, strength, False, state=state))

    assert credit(0.75) == pytest.approx(0.9375)
    assert credit(0.84) == 1.0 and credit(0.94) == 1.0
    assert credit(0.0, TOUCHED) == TOUCHED_CREDIT == 0.4
