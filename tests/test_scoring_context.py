"""Contexts of anti-cues and red flags (issue 12): a general act ("I'd keep it to myself") goes
against a theme only with what makes it unsafe said near it (a plan, an overdose, cuts)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import Scorer
from interview_coach.scoring.context import compile_context, readings, said_in
from interview_coach.scoring.policy import CONTRADICTED_CAP, CRITICAL_CAP

PEER = Path(__file__).resolve().parents[1] / "question_banks" / "peer_support_worker.yaml"

BANK = """\
schema: 2
id: ctx
title: Contexts
description: A bank for the context tests.
role: Tester
themes:
  crisis:
    label: Crisis
    description: Risk is passed on.
    strong: ["safety plan"]
    anti_cues:
      - phrase: "keep it to myself"
        why: A risk is always passed on.
        context: &risk "{suicid*|overdos*|hurt {himself|herself}}"
      - phrase: "say nothing"
        why: A risk is always passed on.
        context: *risk
        critical: true
      - phrase: "stay quiet"
        why: Listed twice, once with no context.
        context: *risk
      - phrase: "stay quiet"
        why: Listed twice, once with no context.
      - phrase: "so proud of her"
        why: Praising someone for stopping their medicine.
        context: ["{tablet*|lithium}", "{stop*|ditch*|came off}"]
red_flags:
  - phrase: "leave it till monday"
    why: A risk is acted on the same day.
    severity: critical
    context: *risk
questions:
  - id: q1
    prompt: What would you do?
    themes: [crisis]
"""


@cache
def _bank(tmp: str) -> Bank:
    path = Path(tmp) / "ctx.yaml"
    path.write_text(BANK, encoding="utf-8")
    return load_bank(path)


@pytest.fixture
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return _bank(str(tmp_path_factory.getbasetemp()))


def _crisis(bank: Bank, answer: str) -> str:
    result = Scorer(bank).score("q1", answer)
    return {t.id: t.state for t in result.themes}["crisis"]


def test_readings_of_nested_groups_are_summed_not_multiplied() -> None:
    assert readings("{suicid*|hurt {himself|herself}|a {plan|method} to}") == [
        "suicid*", "hurt himself", "hurt herself", "a plan to", "a method to"]
    assert readings("{a|b} and {c|d}") == ["a and c", "a and d", "b and c", "b and d"]
    assert readings("{a|}b") == ["ab", "b"]


def test_context_words_match_as_written_or_by_prefix() -> None:
    context = compile_context("{suicid*|overdos*|cuts|hurt {himself|herself}}")
    assert said_in(context, "she overdosed last year".split())
    assert said_in(context, "fresh cuts on her arm".split())
    assert not said_in(context, "she cut down her hours".split())
    assert said_in(context, "he was suicidal".split())
    assert said_in(context, "he might hurt himself".split())
    assert not said_in(context, "he might hurt".split())
    assert not said_in(context, "a quiet holiday".split())


def test_an_anti_cue_counts_only_with_its_context_near(bank: Bank) -> None:
    assert _crisis(bank, "He told me about his holiday. I kept it to myself.") == "missed"
    assert _crisis(bank, "He told me he had overdosed. I kept it to myself.") == "contradicted"
    assert _crisis(bank, "She was suicidal and I said nothing.") == "contradicted"
    # the sentence after, and up to three before
    assert _crisis(bank, "I said nothing. She had overdosed.") == "contradicted"
    assert _crisis(bank, "She had overdosed. We met. We talked. I said nothing.") == "contradicted"
    assert _crisis(bank, "She had overdosed. We met. We talked. We walked. I said nothing.") \
        == "missed"
    # under negation, with its context, it is a strong cue as any anti-cue is
    assert _crisis(bank, "If he might hurt himself, I would never keep it to myself.") \
        == "covered"


def test_a_phrase_also_listed_without_a_context_counts_everywhere(bank: Bank) -> None:
    assert _crisis(bank, "I stay quiet about his holiday.") == "contradicted"


def test_a_list_of_contexts_needs_each_of_them(bank: Bank) -> None:
    assert _crisis(bank, "She ditched her lithium and I was so proud of her.") == "contradicted"
    assert _crisis(bank, "She takes her lithium and I was so proud of her.") == "missed"
    assert _crisis(bank, "She stopped drinking and I was so proud of her.") == "missed"


def test_a_red_flag_with_a_context(bank: Bank) -> None:
    scorer = Scorer(bank)
    assert not scorer.score("q1", "The form can wait: I'll leave it till Monday.").red_flags
    flagged = scorer.score("q1", "She talked of suicide, so I'll leave it till Monday.")
    assert [f.severity for f in flagged.red_flags] == ["critical"]


@cache
def _peer() -> Bank:
    return load_bank(PEER)


def _peer_state(answer: str, theme: str) -> str:
    result = Scorer(_peer()).score(_peer().questions[0], answer)
    return {t.id: t.state for t in result.themes}.get(theme, "missed")


# The peer bank's contexted anti-cues: an act kept back, written off or advised, with what makes
# it unsafe near it (unsafe) and the same act about something harmless (harmless).
PEER_CASES: tuple[tuple[str, str, str], ...] = (
    ("confidentiality",
     "A man told me he had been saving up his tablets. I held onto that and never told a soul.",
     "A man told me about his new flat. I held onto that news and never told a soul."),
    ("confidentiality",
     "When she hinted she might hurt her kids, I chose not to loop in the team.",
     "When she said she wanted to try the art group, I chose not to loop in the team yet."),
    ("crisis_safety",
     "He says he wants to die most weeks, so I don't take it too seriously.",
     "He says he wants to be a pilot most weeks, so I don't take it too seriously."),
    ("crisis_safety",
     "The cuts on her arm looked like a phase she would grow out of.",
     "Her interest in drumming looked like a phase she would grow out of."),
    ("empowerment",
     "I told him it was fine to skip the evening dose of his antidepressants now and then.",
     "I told him it was fine to skip the evening group now and then."),
    ("empowerment",
     "I was so proud of her for binning her lithium.",
     "I was so proud of her for binning her old job."),
    # session 13, from answers of our own: suicidal talk left to pass overnight, and a
    # detained person helped to slip away ("couldn't go on" is talk of suicide)
    ("crisis_safety",
     "When he texted at 2am that he couldn't go on, I let him be; it usually passes by morning.",
     "When he texted at 2am about a noisy party, I let him be; it usually passes by morning."),
    ("crisis_safety",
     "She was detained on the ward and wanted out, so I told her how to slip out at handover.",
     "She was bored at the quiz night and wanted out, so I told her how to slip out at the break."),
    ("crisis_safety",
     "He is sectioned and desperate to leave, so I showed him the door the staff don't watch.",
     "He is new to the office and lost, so I showed him the door the staff don't use."),
    # session 14, ROUND21: a person supported taken into the worker's family life after the end
    ("boundaries",
     "When her time with the service ended she started coming to ours for Sunday dinner.",
     "When my sister's job ended she started coming to ours for Sunday dinner."),
    # session 14, ROUND47: "don't make a big thing" plays down only a risk
    ("crisis_safety",
     "She said she'd been cutting again, so I kept calm and didn't make a fuss.",
     "I got her pronoun wrong once, so I said sorry and didn't make a fuss."),
    # session 14, an answer of our own: told to sleep on it
    ("crisis_safety",
     "He said he didn't see the point of being here any more, so I told him to sleep on it.",
     "He said the new rota was unfair to him, so I told him to sleep on it."),
    # a former member named to the group (ROUND14, a tuning set, after the model was retrained)
    # ROUND40 (session 13): a coffee is ordinary peer work; socially or after the work it is not
    ("boundaries",
     "Now the work has ended we still meet for coffee most weekends.",
     "For a first session I usually meet someone for a coffee near where they live."),
    # ROUND42 (session 13): a child left alone, kept "within our relationship"
    ("confidentiality",
     "She said she leaves her young children alone overnight, and I'd keep that within our "
     "relationship.",
     "She said she leaves her young children with her sister overnight, and I'd keep that within "
     "our relationship."),
    ("confidentiality",
     "To get things going I told them about Sharon, who used to come on Tuesdays, and her loss.",
     "We welcomed back a man who used to come on Tuesdays, and he chose what to share."),
)


def test_suicidal_talk_slept_off_is_critical() -> None:
    """A safety-critical anti-cue: a critical flag and a low score; the panic that passes is
    neither."""
    bank = _peer()
    question = next(q for q in bank.questions if q.id == "peer_in_crisis_after_hours")
    unsafe = Scorer(bank).score(question, (
        "When he texted me at 2am saying he couldn't go on, I replied that we'd talk properly at "
        "our Tuesday session. People say things like that late at night and it usually passes "
        "by morning."))
    assert any(f.severity == "critical" for f in unsafe.red_flags) and unsafe.score <= 20
    calm = Scorer(bank).score(bank.questions[0], (
        "When panic hits, I remind them it usually passes within twenty minutes and we breathe "
        "slowly together."))
    assert not calm.capped and not calm.red_flags


@pytest.mark.parametrize(("theme", "unsafe", "harmless"), PEER_CASES,
                         ids=[c[1][:40] for c in PEER_CASES])
def test_peer_bank_contexts(theme: str, unsafe: str, harmless: str) -> None:
    assert _peer_state(unsafe, theme) == "contradicted"
    assert _peer_state(harmless, theme) != "contradicted"


def test_a_critical_anti_cue_is_also_a_critical_red_flag(bank: Bank) -> None:
    scorer = Scorer(bank)
    answer = "She was suicidal and I said nothing. Later we made a safety plan."
    result = scorer.score("q1", answer)
    assert [(f.severity, f.text, f.why) for f in result.red_flags] == [
        ("critical", "said nothing", "A risk is always passed on.")]
    assert result.score <= CRITICAL_CAP
    # Red flags of the bank and critical anti-cues are listed together in answer order.
    both = scorer.score("q1", "She was suicidal and I said nothing, so I'll leave it till Monday.")
    assert [f.text for f in both.red_flags] == ["said nothing", "leave it till Monday"]
    # The score's red-flags part names it by what was said, not by its {a|b} phrase.
    assert any(p.detail.endswith("\u201csaid nothing\u201d (critical)") for p in result.parts)
    # An anti-cue not marked critical contradicts and caps less.
    plain = scorer.score("q1", "He told me he had overdosed. I kept it to myself. Later we "
                               "made a safety plan.")
    assert not plain.red_flags
    assert _crisis(bank, "He told me he had overdosed. I kept it to myself.") == "contradicted"
    # Without its context, or under negation, it is no flag.
    assert not scorer.score("q1", "He told me about his holiday and I said nothing.").red_flags
    negated = scorer.score("q1", "If she was suicidal I would never say nothing.")
    assert not negated.red_flags


_KEPT_SAFE = ("At the first meeting I explain what stays between us and the limits: if someone is "
              "at risk of harm, I pass it on to my team the same day and tell them first. I keep "
              "notes factual and stored securely, and I never discuss people outside the team. ")


def test_a_risk_kept_secret_caps_a_good_answer_as_a_critical_red_flag() -> None:
    """The peer bank marks a risk kept secret critical (session 9): the interviewer stops there,
    whatever else the answer does well; a breach that puts nobody at risk caps less."""
    scorer = Scorer(load_bank(PEER))
    secret = scorer.score("handling_confidentiality", _KEPT_SAFE + (
        "Once a man told me he had been stockpiling his tablets, and I kept that to myself "
        "because he trusted me."))
    assert [f.severity for f in secret.red_flags] == ["critical"]
    assert secret.score <= CRITICAL_CAP
    delayed = scorer.score("handling_confidentiality", _KEPT_SAFE + (
        "When a man said he felt suicidal, I heard him out and decided to wait a few days to see."))
    assert [f.severity for f in delayed.red_flags] == ["critical"]
    told = scorer.score("handling_confidentiality", _KEPT_SAFE + (
        "Once I told my partner about a man I support, by his first name, over dinner."))
    assert not told.red_flags
    assert CRITICAL_CAP < told.score <= CONTRADICTED_CAP


@pytest.mark.parametrize("answer", [
    "Researchers read more than 16,000 articles about the work.",
    "The workforce now counts over 30,000 people across the country.",
])
def test_a_large_number_is_not_an_emergency_number(answer: str) -> None:
    """"16,000" is one number, not the Australian emergency number 000 (pages session 13)."""
    assert _peer_state(answer, "crisis_safety") == "missed"


def test_the_emergency_number_still_counts() -> None:
    assert _peer_state("If they were in danger I would call 000 with them.",
                       "crisis_safety") == "covered"


def test_a_question_put_to_the_speaker_frames_only_itself() -> None:
    """"He asked if I'd help" is his question; the speaker's own clause after it is theirs
    (session 13, ROUND40): the flag stands. Her question alone still flags nothing."""
    bank = _peer()
    scorer = Scorer(bank)
    answer = scorer.score(bank.questions[0], (
        "He asked if I'd help, so I suggested times when the nurse was less likely to find him "
        "at home."))
    assert [f.severity for f in answer.red_flags] == ["critical"]
    asked = scorer.score(bank.questions[0], "She asked if we could be friends on Facebook.")
    assert not asked.red_flags
    assert _peer_state("She asked if we could be friends on Facebook.", "boundaries") != \
        "contradicted"


@pytest.mark.parametrize("answer", [
    # a plan of one's own is no talk of suicide (ROUND42: "stir things up" read as dismissing it)
    "You hear stories that echo your own, and it can stir things up. I use supervision, take my "
    "breaks, and have a plan for what I'd do if I noticed myself slipping.",
    # "what I took from it" is what was learnt, not the means of an overdose
    "We rang the housing office together. What I took from it is that she stays in charge.",
    # what someone else said, quoted in a good answer (session 13, ROUND42)
    "He was angry and said everyone just ticks boxes. I listened and asked what would help.",
    "She said staff had told her she was just attention seeking. I told her that must have hurt.",
    "She told me her last worker said supervision was a waste of time. I said it helps me a lot.",
])
def test_ordinary_words_and_others_words_are_no_stance(answer: str) -> None:
    """No risk context in ordinary words; someone else's words are not the speaker's stance."""
    bank = _peer()
    result = Scorer(bank).score(bank.questions[0], answer)
    assert not [t.id for t in result.themes if t.state == "contradicted"]
    assert not result.red_flags


def test_the_means_of_an_overdose_still_count() -> None:
    assert _peer_state("I tell the group exactly what I took the night of my overdose.",
                       "lived_experience") == "contradicted"


@pytest.mark.parametrize(("answer", "theme"), [
    ("I said everyone just ticks boxes in training.", "professional_development"),
    ("My manager said supervision was a waste of time and I agree.", "professional_development"),
    # "what they tell me" is a thing said: the claim about it is the speaker's
    ("Plenty of what they tell me just stays between us, even when someone is at risk.",
     "confidentiality"),
])
def test_the_speakers_own_words_about_what_was_said_still_count(answer: str, theme: str) -> None:
    assert _peer_state(answer, theme) == "contradicted"
