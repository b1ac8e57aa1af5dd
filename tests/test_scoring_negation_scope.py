"""Negation and mention mechanisms the cue data relies on (issue 12, phase 2): contrastive
negation, clause-bounded scope, quoted phrases, gaps and alternatives."""

from __future__ import annotations

from pathlib import Path

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer
from interview_coach.scoring.tables import GAP_WORDS, expand_alternatives

BANK = load_bank(Path(__file__).parent / "data" / "tiers_bank.yaml")
SCORER = Scorer(BANK)


def state(answer: str, theme_id: str) -> str:
    result = SCORER.score("q", answer)
    return next(t.state for t in result.themes if t.id == theme_id)


def flags(answer: str) -> list[str]:
    return [f.phrase for f in SCORER.score("q", answer).red_flags]


def test_negator_inside_an_anti_cue_is_part_of_the_phrase() -> None:
    # "{never|not} tell anyone anything": the negator is the stance, not a negation of it.
    assert state("I would never tell anyone anything, even if they were at risk.",
                 "crisis") == "contradicted"
    assert state("I would not tell anyone anything.", "crisis") == "contradicted"


def test_rather_than_instead_of_without_negate() -> None:
    assert state("Rather than calling it attention seeking, I listen.", "crisis") != \
        "contradicted"
    assert state("Instead of saying it is attention seeking, I listen.", "crisis") != \
        "contradicted"
    assert state("I listen without calling it attention seeking.", "crisis") != "contradicted"
    assert state("I'd rather rest than push through.", "self_care") != "contradicted"
    assert flags("Rather than keep it secret, I tell my supervisor.") == []
    # "rather" alone negates nothing.
    assert state("I would rather push through than stop.", "self_care") == "contradicted"


def test_not_x_but_y() -> None:
    assert state("It is not attention seeking but a sign of distress.", "crisis") != \
        "contradicted"
    assert state("Not always, but mostly I push through.", "self_care") == "contradicted"


def test_negation_stops_at_a_clause_break() -> None:
    assert state("I don't see it as attention seeking, I take it seriously.", "crisis") != \
        "contradicted"
    assert state("I don't mind, I just push through.", "self_care") == "contradicted"
    assert flags("I don't doubt it, I keep it secret.") == ["keep it secret"]


def test_quoted_phrase_is_mentioned_not_used() -> None:
    assert flags('Some people say "keep it secret" but I never would.') == []
    assert flags("Some say \u201ckeep it secret\u201d; I tell my lead.") == []
    assert state("Some call it 'attention seeking' but I ask about risk.", "crisis") != \
        "contradicted"
    # An apostrophe is not a quotation mark.
    assert state("They're told it's attention seeking.", "crisis") == "contradicted"


def test_gap_spans_about_five_words() -> None:
    assert GAP_WORDS == 5
    # "{give|share|hand out} ... my {personal|private} {number|...}"
    assert state("I would give pretty much anyone who asked my personal number.",
                 "boundaries") == "contradicted"
    assert state("I would give them, if they asked me really nicely and often, my personal "
                 "number.", "boundaries") != "contradicted"


def test_alternatives_with_several_words_and_symbols() -> None:
    assert expand_alternatives("available {any time|around the clock|24/7}") == [
        "available any time", "available around the clock", "available 24/7"]
    assert state("I am available around the clock.", "boundaries") == "contradicted"
    assert state("I am available day and night.", "boundaries") == "contradicted"


def test_tokens_with_symbols_read_alike_in_cue_and_answer() -> None:
    from interview_coach.scoring import textnorm

    assert textnorm.words("available 24/7") == textnorm.words("I'm available 24/7.")[-2:] or \
        textnorm.words("available 24/7")[1:] == textnorm.words("I'm available 24/7.")[-2:]
    assert textnorm.words("100% of the time")[0] == textnorm.words("I'm 100% sure")[-2]


def test_negator_said_inside_a_phrase_negates_it() -> None:
    # A negator the answer puts inside a phrase that holds none there negates the phrase
    # ("peer support is not a form of therapy"); one the phrase holds does not.
    peer = load_bank(Path(__file__).parents[1] / "question_banks" / "peer_support_worker.yaml")
    scorer = Scorer(peer)
    qid = peer.questions[0].id
    said = [f.phrase for f in scorer.score(qid, "Peer support is a form of therapy.").red_flags]
    assert any("therapy" in p for p in said)
    denied = scorer.score(qid, "Peer support is not a form of therapy.").red_flags
    assert not any("therapy" in f.phrase for f in denied)
    assert state("I would not tell anyone anything.", "crisis") == "contradicted"


def _peer_state(answer: str, theme_id: str) -> str:
    bank = load_bank(Path(__file__).resolve().parents[1] / "question_banks"
                     / "peer_support_worker.yaml")
    result = Scorer(bank).score(bank.questions[0], answer)
    return next(t.state for t in result.themes if t.id == theme_id)


def test_a_new_subject_starts_a_clause_the_negation_does_not_reach() -> None:
    """"couldn't" belongs to her clause; "I paid" is said."""
    answer = "When she couldn't afford the electric I paid it out of my own pocket."
    assert _peer_state(answer, "boundaries") == "contradicted"


def test_negation_still_reaches_after_a_verb_of_thinking_or_a_negative_head() -> None:
    """"I don't think I would..." and "nothing I hear is..." keep their negation."""
    assert _peer_state("I don't think I would ever lend them money.", "boundaries") != \
        "contradicted"
    assert _peer_state("Nothing I hear is totally confidential, and I say so.",
                       "confidentiality") != "contradicted"
    assert _peer_state("I would not suggest they lend him money.",
                       "boundaries") != "contradicted"



def test_without_takes_one_verb_not_a_second_joined_by_and() -> None:
    # "listening without judging and giving them hope": the hope is given.
    assert state("I listen without judging and push through every shift.", "self_care") == \
        "contradicted"
    assert state("I listen without judging or pushing through.", "self_care") != "contradicted"
    assert state("I listen without pushing through.", "self_care") != "contradicted"


def test_rather_reaches_a_than_far_along_the_sentence() -> None:
    assert state("I'd rather take a proper lunch break away from my desk and talk things over "
                 "than push through.", "self_care") != "contradicted"
    assert state("I'd rather not say. I work late and would sooner do that than push through.",
                 "self_care") == "contradicted"


def test_negation_reaches_eight_words_but_stops_at_because_and_in_case() -> None:
    # "never write off talk of self-harm as attention-seeking": the negator is 7 words back.
    assert state("I would never write off talk of that kind as attention seeking.",
                 "crisis") != "contradicted"
    # A reason after "because" or "in case" is a clause of its own.
    assert state("I don't rest because pushing through is what works.", "self_care") == \
        "contradicted"
    assert state("I don't rest in case I have to push through.", "self_care") == "contradicted"


def test_two_withouts_joined_by_and_do_not_cancel() -> None:
    # "without arguing and without pushing through": each negates its own phrase.
    assert state("I listen without arguing and without pushing through.", "self_care") != \
        "contradicted"


def test_a_label_after_as_is_what_a_negated_reversing_verb_denies() -> None:
    # "never dismiss X" affirms X ("never ignore warning signs"), but in "never dismiss it as
    # attention seeking" the label after "as" is what is denied (decided by PROBEO, session 10).
    assert state("I would never dismiss it as attention seeking.", "crisis") != "contradicted"
    assert state("I'd never write it off as attention seeking.", "crisis") != "contradicted"
    assert state("I dismissed it as attention seeking.", "crisis") == "contradicted"
