"""Issue 17: no keyword of the peer bank credits a theme for an answer that states the opposite.

One case per keyword removed or changed in the bank's cue data (issues 12 and 17) and per new
general practice cue that could be read the wrong way: the answer states the opposite practice,
and the theme must not be covered.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import Scorer

PEER = Path(__file__).resolve().parents[1] / "question_banks" / "peer_support_worker.yaml"

# (theme, keyword or cue the case is about, an answer stating the opposite practice)
OPPOSITES: tuple[tuple[str, str, str], ...] = (
    # Removed or demoted keywords (issue 17 and the "Why" of issue 12).
    ("inclusion", "treat everyone equally", "I treat everyone the same, so culture never comes into it."),
    ("inclusion", "treat everyone equally", "I treat everyone equally and I don't see colour."),
    ("boundaries", "personal mobile number", "I give the people I support my personal mobile number."),
    ("boundaries", "availability", "My availability is unlimited: text me any time, day or night."),
    ("crisis_safety", "at risk", "I would never tell anyone anything, even if they were at risk."),
    ("self_care", "self-care", "Self-care is for weak people; I just push through until I burn out."),
    ("confidentiality", "confidence", "I want the people I support to grow in confidence."),
    ("confidentiality", "duty to report", "Confidentiality is absolute for me, whatever the duty to report says."),
    ("boundaries", "professional distance", "I keep a professional distance and give them my home phone number."),
    ("collaboration", "colleagues", "My colleagues are nice but I prefer to work alone."),
    ("empowerment", "choice", "I know best, so the choice is mine, not theirs."),
    ("stigma", "stigma", "Stigma is a word people hide behind; he's just manipulative."),
    # New general practice cues, each against a sentence that states the opposite.
    ("confidentiality", "stays ... unless", "It stays with me, unless I feel like telling my friends about them."),
    ("boundaries", "thank them but", "I thank them but accept the friend request anyway."),
    ("recovery_hope", "get better", "He will never get better, he's a lost cause."),
    ("empowerment", "up to them", "It's not up to them; I decide for them, for their own good."),
    ("trust_rapport", "trust me", "They trust me, so I tell them a white lie when it helps."),
    ("crisis_safety", "ask them directly", "I ask them directly and then deal with the risk on my own."),
    ("self_care", "my wellbeing too", "My wellbeing too can wait: I skip supervision and push through."),
    ("lived_experience", "share my story", "I share my story in graphic detail and tell them my whole story every time."),
    ("empathy_listening", "listen properly", "I listen properly for a minute, then tell them to cheer up."),
)


@cache
def _bank() -> Bank:
    return load_bank(PEER)


@pytest.mark.parametrize(("theme", "keyword", "answer"), OPPOSITES, ids=[f"{t}:{k}" for t, k, _ in OPPOSITES])
def test_opposite_practice_covers_no_theme(theme: str, keyword: str, answer: str) -> None:
    """The theme is not covered by an answer that says the opposite of its practice."""
    bank = _bank()
    result = Scorer(bank).score(bank.questions[0], answer)
    state = {t.id: t for t in result.themes}
    assert theme not in state or not state[theme].covered, (keyword, state[theme].state)


# New anti-cues for unsafe stances: (theme, a plain example, the same idea negated).
ANTI_CASES: tuple[tuple[str, str, str], ...] = (
    ("boundaries", "I give the people I support my personal mobile number.",
     "I never give the people I support my personal mobile number."),
    ("boundaries", "If he sent me a friend request I'd accept it.",
     # A negator inside the matched words does not negate yet (engine, see test_peer_bank.py).
     "I wouldn't accept a friend request from someone I support."),
    ("boundaries", "If she was short I'd lend her some until payday.",
     "If she was short I would never lend her some cash; I'd find her proper help."),
    ("boundaries", "I'd drop her home in my car after the group.",
     "I would not drop her home in my car after the group."),
    ("confidentiality", "I mentioned to the group what he had told me.",
     "I never mention to the group what he had told me."),
    ("crisis_safety", "People who talk about dying rarely mean it.",
     "I never think people who talk about dying rarely mean it; I always take it seriously."),
    ("crisis_safety", "I'd leave it until our next session.",
     "I would never leave it until our next session."),
    ("crisis_safety", "I'd handle it myself.", "I would not handle it myself."),
    ("crisis_safety", "I wouldn't want to get the crisis team involved.",
     "I'd get the crisis team involved straight away."),
    ("self_care", "I don't need supervision or breaks.", "I always make time for supervision and breaks."),
    ("empowerment", "The doctors know best, so she should take it.",
     "The doctors don't always know best; it is her decision."),
    ("lived_experience", "Running got me well, so she should take it up too.",
     "Running got me well, but she shouldn't take it up just because I did."),
    ("empathy_listening", "I know exactly what they are going through.",
     "I never claim to know exactly what they are going through."),
    # Kinds of unsafe stance added in session 3 (see benchmarks/data/README.md, STANCE3).
    ("confidentiality", "Whatever you tell me stays between the two of us.",
     "I never say that everything stays between us."),
    ("confidentiality", "What they share is private, no matter what.",
     "Nothing is private no matter what; I explain the limits first."),
    ("confidentiality", "I told the landlord her whole mental health history so he'd understand.",
     "I would never tell the landlord her whole mental health history."),
    ("confidentiality", "I put a few of the members' stories on our Instagram page.",
     "I would never put anyone's stories on our Instagram page."),
    ("confidentiality", "I'd update his mother even if he hadn't agreed to it.",
     "I would not update his mother even if he hadn't agreed to it."),
    ("crisis_safety", "She asked me to, so I wouldn't pass it on.",
     "I'd pass it on the same day."),
    ("crisis_safety", "I decided to keep it quiet so she would keep coming.",
     "I never decided to keep it quiet."),
    ("empowerment", "I like to take the paperwork off their plate entirely.",
     "I don't take the paperwork off their plate; we do it side by side."),
    ("empowerment", "Before we meet I write up a plan for them.",
     "I never write up a plan for them before we meet."),
    ("empowerment", "I rang his GP without running it past him.",
     "I rang his GP once we had agreed what to say."),
    ("empowerment", "The referral tells me most of what I need.",
     "I don't assume the referral tells me what I need."),
    ("lived_experience", "Cold showers helped for me, so they will help for them too.",
     "Cold showers helped me, and I'm clear they are my way, not theirs."),
    ("lived_experience", "I'd ask them to follow my routine day by day.",
     "I never ask anyone to follow my routine."),
    ("inclusion", "With someone so different I'd ask to be reassigned.",
     "I would never ask to be reassigned because someone is different."),
    ("inclusion", "I sometimes invite people to my mosque on Fridays.",
     "I don't invite people to my mosque."),
    ("recovery_hope", "When he relapsed I told him it was his responsibility, not mine.",
     "When he relapsed I didn't say it was his responsibility, not mine."),
    ("trust_rapport", "I'm usually a little late, but people don't mind.",
     "I'm never a little late; I'm on time."),
    ("collaboration", "I'd encourage her to cut ties with her care team.",
     "I'd never encourage her to cut ties with her care team."),
    ("collaboration", "Honestly, psychiatry does more harm than good.",
     "I don't think psychiatry does more harm than good."),
)


# An anti-cue said with its limits, as an impulse, or as what is explained, is not a stance.
QUALIFIED = (
    # Session 14 (FRESH4): the person asked first is the limit
    ("confidentiality", "When someone has talked about self-harm, I won't pass anything on to "
                        "their family without asking them first."),
    ("confidentiality", "What you tell me stays between us unless someone could get hurt."),
    ("confidentiality", "Unless there is a risk, what you say stays between us."),
    ("confidentiality", "It stays between us. The only exception is if someone is in danger."),
    ("confidentiality", "At the start I explain what stays between us and when I'd have to tell someone."),
    ("empathy_listening", "My first instinct was to interrupt, but I let her finish."),
    # Session 4: a risk or the role named as the limit, a family's view reported, a habit given
    # up, a stance named in order to reject it.
    ("confidentiality", "I'd pass something on without their agreement in one situation: if "
                        "they were in serious danger."),
    ("boundaries", "I explained that lending money sits outside the peer role."),
    ("stigma", "She said her mum thought she was just being lazy, lying in bed all day."),
    ("self_care", "I also stopped answering messages at night."),
    ("inclusion", "Treating everyone the same isn't enough, so I ask what matters to each person."),
)


@pytest.mark.parametrize(("theme", "answer"), QUALIFIED, ids=[c[1][:40] for c in QUALIFIED])
def test_anti_cue_with_its_limits_is_not_a_contradiction(theme: str, answer: str) -> None:
    assert _state(answer, theme) != "contradicted"


def test_a_limit_that_is_itself_unsafe_does_not_qualify() -> None:
    """"unless I feel like telling my friends" states no limit: the anti-cue inside it stands."""
    assert _state("It stays with me, unless I feel like telling my friends about them.",
                  "confidentiality") == "contradicted"


def _state(answer: str, theme: str) -> str:
    bank = _bank()
    result = Scorer(bank).score(bank.questions[0], answer)
    return {t.id: t.state for t in result.themes}.get(theme, "missed")


@pytest.mark.parametrize(("theme", "plain", "negated"), ANTI_CASES, ids=[c[1][:40] for c in ANTI_CASES])
def test_new_anti_cue_contradicts_plain_not_negated(theme: str, plain: str, negated: str) -> None:
    """A plain unsafe stance contradicts the theme; the same idea negated does not."""
    assert _state(plain, theme) == "contradicted"
    assert _state(negated, theme) != "contradicted"


# A weak cue that is the theme's own name, used in a sentence about one or two themes, shows
# the theme; in a sentence naming many themes, or as an everyday word, it does not.
def test_theme_name_used_in_a_statement_covers() -> None:
    assert _state("Stigma still keeps a lot of people away from help.", "stigma") == "covered"
    assert _state("I bring plenty of lived experience to the job.", "lived_experience") == "covered"


def test_theme_names_strung_together_only_touch() -> None:
    answer = "Stigma, empathy, boundaries and confidentiality matter to me as a person."
    assert _state(answer, "stigma") != "covered"
    assert _state(answer, "boundaries") != "covered"


def test_common_word_in_a_label_is_not_the_theme_alone() -> None:
    """"recovery" and "trust" are everyday words (wordfreq Zipf >= 4.5) with other senses."""
    assert _state("Data recovery took the whole weekend.", "recovery_hope") != "covered"
    assert _state("The trust moved its offices last year.", "trust_rapport") != "covered"


def _sentences(kind: str) -> list[tuple[str, str]]:
    path = Path(__file__).parent / "data" / "stance_sentences.txt"
    rows = [line.split("|", 2) for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return [(theme, text) for k, theme, text in rows if k == kind]


@pytest.mark.parametrize(("theme", "answer"), _sentences("unsafe"),
                         ids=[t[:40] for _, t in _sentences("unsafe")])
def test_unsafe_sentence_is_flagged(theme: str, answer: str) -> None:
    """Each unsafe stance of our rounds trips a red flag or contradicts a theme."""
    bank = _bank()
    result = Scorer(bank).score(bank.questions[0], answer)
    assert result.red_flags or any(t.state == "contradicted" for t in result.themes), theme


@pytest.mark.parametrize(("theme", "answer"), _sentences("safe"),
                         ids=[t[:40] for _, t in _sentences("safe")])
def test_safe_sentence_on_the_same_topic_is_not_flagged(theme: str, answer: str) -> None:
    """A safe statement on the same topic (limits stated, consent, a myth named, a request
    reported, a past habit) neither trips a red flag nor contradicts a theme."""
    bank = _bank()
    result = Scorer(bank).score(bank.questions[0], answer)
    assert not result.red_flags, [f.phrase for f in result.red_flags]
    assert not [t.id for t in result.themes if t.state == "contradicted"], theme


def test_a_limit_after_even_is_no_limit() -> None:
    """"even if they were at risk" says the stance holds through the risk."""
    assert _state("I would never tell anyone anything, even if they were at risk.",
                  "confidentiality") == "contradicted"
    # A negator in an earlier clause of a gapped phrase does not negate it: the secret is kept.
    assert _state("I would keep it secret and never tell anyone anything, even if they were at "
                  "risk.", "confidentiality") == "contradicted"


def test_words_next_to_another_field_are_in_another_sense() -> None:
    assert _state("The boundary wall along the river path is being rebuilt this summer.",
                  "boundaries") != "covered"
    assert _state("I keep clear boundaries with everyone I support.", "boundaries") == "covered"


def test_an_unsafe_stance_wrapped_over_two_lines_is_still_read() -> None:
    """Pasted hard-wrapped text: the line break inside the sentence does not hide the stance."""
    bank = _bank()
    answer = ("I promise the people I support that whatever they tell me stays\n"
              "between us, because the minute you involve anyone else they stop trusting you.")
    result = Scorer(bank).score(bank.questions[0], answer)
    state = {t.id: t.state for t in result.themes}
    assert state["confidentiality"] == "contradicted"


def test_a_concession_after_the_main_clause_is_not_the_stance() -> None:
    """What "even when" grants after the main clause is not what the speaker does."""
    assert _state("I don't make decisions for people, even when I think I know best.",
                  "empowerment") != "contradicted"
    assert _state("I make the decisions for people because I know best.",
                  "empowerment") == "contradicted"


def test_a_negation_does_not_reach_past_unless() -> None:
    """"I wouldn't write it up unless something happened": what follows "unless" is not
    negated, so the anti-cue there is said, not denied."""
    assert _state("I wouldn't bother writing risk up in the notes unless something actually "
                  "happened.", "crisis_safety") == "contradicted"


def test_a_threat_with_unless_is_no_limit() -> None:
    assert _state("Last year I threatened to ring her care coordinator unless she went to her "
                  "appointments.", "empowerment") == "contradicted"


@pytest.mark.parametrize(
    ("answer", "theme"),
    [
        # words the speaker was told, reported
        ("I was told I'd never get better, and yet here I am, so I hold on to hope.",
         "recovery_hope"),
        # a mistake owned and what was learned
        ("Early on I took a small gift without thinking, and my supervisor helped me see why "
         "I should check the policy.", "boundaries"),
        # the role's limits explained
        ("If someone asked to be friends outside work, I'd explain the limits of my role.",
         "boundaries"),
        # something left out
        ("I leave out graphic details of my own self-harm, because they can be triggering.",
         "lived_experience"),
        # a stance named to reject it
        ("Treating everyone the same can miss what matters, so I ask about culture.",
         "inclusion"),
        # someone else's joke reported
        ("When a colleague joked about psychos, I pointed out how that language hurts.",
         "stigma"),
        # a quotation of what a peer might say
        ("Peer workers can say things like 'I didn't tell my boss for years' and be believed.",
         "self_care"),
    ],
)
def test_a_framed_anti_cue_is_not_a_stance(answer: str, theme: str) -> None:
    assert _state(answer, theme) != "contradicted"
    bank = _bank()
    assert not Scorer(bank).score(bank.questions[0], answer).red_flags


def test_a_promise_asked_for_is_not_the_speakers() -> None:
    answer = ("She made me promise not to tell anyone before she'd say what was wrong. I said I "
              "couldn't promise that.")
    assert _state(answer, "confidentiality") != "contradicted"
    assert _state("I promise not to tell anyone what they say.", "confidentiality") == \
        "contradicted"


@pytest.mark.parametrize(
    ("answer", "limited"),
    [
        ("What you tell me stays between us, unless someone is at risk of serious harm.", True),
        ("What you tell me stays between us. The only exception is if I'm worried about your "
         "safety.", True),
        ("I won't pass anything on without their consent, unless they agree to it.", True),
        ("What you tell me stays between us, unless I feel like telling my friends.", False),
        ("What you tell me stays between us. The only exception is relatives, who deserve to "
         "hear how he is.", False),
    ],
)
def test_a_conditional_limit_must_name_a_risk_or_consent(answer: str, limited: bool) -> None:
    """"unless" or "the only exception is" states a limit a panel accepts only when it names a
    risk, a duty or the person's consent."""
    assert (_state(answer, "confidentiality") != "contradicted") is limited


@pytest.mark.parametrize(
    ("answer", "theme"),
    [
        # "free of" denies what follows
        ("I keep my story brief and free of graphic detail of my own self-harm.",
         "lived_experience"),
        # a longer anti-cue said under negation denies the shorter one inside it (another theme's)
        ("I try not to jump in with advice or tell people everything will be fine.",
         "trust_rapport"),
        # words named as examples to avoid
        ("I avoid phrases like non-compliant or attention-seeking in my notes.", "empowerment"),
        # a pull named as a risk
        ("An old connection can pull you into being more of a friend than a worker.",
         "boundaries"),
        # what the speaker holds back, and when (session 14, ROUND43)
        ("I'd hold back if my story might make them think my way is the right way.",
         "lived_experience"),
        ("If sharing would mean going into graphic details, then no.", "lived_experience"),
        # a negated "act like" reaches the clause it introduces (session 14, ROUND44)
        ("He said he liked that I didn't act like I knew it all.", "professional_development"),
        # a temptation named, signs of over-involvement named (session 14, ROUND24, ROUND14)
        ("On a short week it's tempting to skip supervision or lunch, so I protect both.",
         "self_care"),
        ("Now I notice the early signs, like wanting to rescue someone, and take them to "
         "supervision.", "empowerment"),
        # a mistake owned with an apology to the person (session 14, ROUND10)
        ("Early on I drove a man home in my own car. He kept asking for lifts after that. I "
         "talked it through in supervision, apologised to him, and we found a bus route.",
         "boundaries"),
        # a pressure of the role named (session 14, ROUND48); a worry that lingers is no habit
        ("A big one is feeling you have to either act like a clinician or be the rebel.",
         "boundaries"),
        ("Carers need supervision too, because the worry doesn't just switch off.",
         "self_care"),
        # joined words: two words of content joined exactly ("add it" is not "addicts", "be
        # friends" is not "befriending"); a negated "leave it until" is not "not leaving until"
        ("Sometimes we add it to their plan or look back at where they started.", "stigma"),
        ("If he wants more company, I'd help him find a befriending scheme.", "boundaries"),
        ("Even though I'm off shift, I wouldn't leave it until the morning.", "empowerment"),
        # "that's" is "that is", not "that": "or family that it" is not "or that's it"
        ("I ask whether anything about their faith, culture or family that it would help me "
         "to know.", "empowerment"),
    ],
)
def test_more_framed_anti_cues_are_not_stances(answer: str, theme: str) -> None:
    assert _state(answer, theme) != "contradicted"


def test_a_hypothetical_mistake_frames_nothing() -> None:
    """"If I'd made a mistake, I'd fix it quietly": no owned mistake, a stance."""
    assert _state("If I'd made a mistake with someone's risk plan I'd probably fix it quietly "
                  "rather than tell the nurse in charge.", "collaboration") == "contradicted"
    assert _state("Early on I made the mistake of trying to fix it quietly rather than tell the "
                  "nurse in charge, and I learned to speak up.", "collaboration") != "contradicted"


def test_an_extra_word_in_a_phrase_is_not_a_new_clause() -> None:
    """"tell them what I'm going to do" is not "tell them what to do" with two extra words."""
    bank = _bank()
    said = Scorer(bank).score(bank.questions[0], "Where it's safe, I'd tell them what I'm going "
                              "to do and who I'll speak to.")
    assert not said.red_flags
    said = Scorer(bank).score(bank.questions[0], "I tell them what to do.")
    assert [f.phrase for f in said.red_flags] == ["tell them what to do"]


def test_more_words_in_another_sense() -> None:
    assert _state("Analysts see little hope of a recovery in its share price this year.",
                  "recovery_hope") != "covered"
    # "making it up as I go" is an idiom, not a charge of exaggerating
    assert _state("I've done the awareness training so I'm not making it up as I go.",
                  "crisis_safety") != "covered"
    # sitting beside someone while they make a call is not sitting with their distress
    bank = _bank()
    result = Scorer(bank).score(bank.questions[0], "I sat with him while he called the line.")
    cues = [m.keyword for t in result.themes for m in t.matches]
    assert not any("cried" in cue for cue in cues), cues
    assert _state("I sat with her while she cried and didn't try to fix anything.",
                  "empathy_listening") == "covered"


def test_a_relative_clause_does_not_end_a_negation() -> None:
    """"people I support" is a relative clause: the negation reaches past it."""
    assert _state("I never tell people I support to ring me any time.", "boundaries") \
        != "contradicted"
    assert _state("I tell people I support to ring me any time.", "boundaries") == "contradicted"


def test_a_frame_before_an_anti_cue_frames_only_its_clause() -> None:
    """"She made me promise not to tell the team" reports her request; "and I gave her my
    word" is the speaker's own stance."""
    assert _state("She made me promise not to tell the team, and I gave her my word.",
                  "confidentiality") == "contradicted"
    assert _state("She made me promise not to tell the team. I said I couldn't promise that.",
                  "confidentiality") != "contradicted"
    # a short opening phrase frames the whole sentence
    assert _state("Looking back, I shared far too much of my own story in graphic detail.",
                  "lived_experience") != "contradicted"


@pytest.mark.parametrize(
    "answer",
    [
        "I think boundaries are key and self-care is essential.",
        "Supervision and wellbeing all play a part.",
        "Empathy matters.",
    ],
)
def test_a_theme_word_only_praised_is_named_not_shown(answer: str) -> None:
    bank = _bank()
    result = Scorer(bank).score(bank.questions[0], answer)
    assert not [t.id for t in result.themes if t.state in ("covered", "touched")]


def test_a_theme_word_used_is_shown() -> None:
    assert _state("I keep clear boundaries and I take my breaks.", "boundaries") == "covered"


@pytest.mark.parametrize(
    "answer",
    [
        "I never give out my number, meet people at the weekend or accept friend requests.",
        "I'd never share my own mobile number with the people I support or give them my home "
        "address.",
    ],
)
def test_a_negation_reaches_every_alternative_of_or(answer: str) -> None:
    assert _state(answer, "boundaries") == "covered"


def test_a_new_clause_after_or_is_not_negated() -> None:
    assert _state("I don't judge, and if they ask I'd accept friend requests or give them my "
                  "number.", "boundaries") == "contradicted"
    assert _state("I don't make a big deal of it, usually they're testing you, or it's a bit "
                  "of a cry for attention.", "crisis_safety") == "contradicted"


def test_frames_are_read_in_the_anti_cues_own_sentence() -> None:
    """"I might say something like..." in the next sentence frames nothing before it."""
    assert _state("I'd tell them it's just the illness talking. I might say something like "
                  "'you know that's not real'.", "stigma") == "contradicted"


@pytest.mark.parametrize(
    ("answer", "theme"),
    [
        ("I didn't call the crisis team because he begged me not to.", "crisis_safety"),
        ("I didn't log it on Monday because it would have triggered a whole process.",
         "collaboration"),
        ("Her twelve-year-old daughter translated for us after school.", "inclusion"),
        ("I write my notes at the end of the month from memory.", "collaboration"),
    ],
)
def test_round_11_kinds_contradict(answer: str, theme: str) -> None:
    assert _state(answer, theme) == "contradicted"


def test_a_negator_whose_verb_is_left_out_negates_nothing_after_it() -> None:
    answer = ("If someone asked to be friends on Facebook I would explain why I can't and talk "
              "it through in supervision.")
    result = Scorer(_bank()).score(_bank().questions[0], answer)
    assert not [m.text for t in result.themes for m in t.matches if m.negated]


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        # An anti-cue inside a longer strong cue of its own theme is read as that cue...
        ("I keep my personal number private and only use the work mobile.", "boundaries", False),
        ("People can ring my personal number if they need me.", "boundaries", True),
        # ...unless the cue goes on into a limit, which the qualifiers judge.
        ("What you tell me stays between us, unless I feel like telling my friends.",
         "confidentiality", True),
        # A request frames what is asked for, after it, not what was said before it.
        ("If someone asks for my personal number I explain why I can't.", "boundaries", False),
        ("When people mention self-harm I'd leave it alone unless they asked me for help.",
         "crisis_safety", True),
        # A negated judgement ("no harm in") approves of what follows it.
        ("I wouldn't see any harm in meeting up for a coffee at the weekend.", "boundaries", True),
        ("There's nothing wrong with meeting up for a coffee after work.", "boundaries", True),
        ("I'd never meet up for a coffee with someone I support.", "boundaries", False),
        # An owned mistake: "not proud" frames it.
        ("For a month I had a glass of wine every night to switch off, and I'm not proud of that.",
         "self_care", False),
        ("For a month I had a glass of wine every night to switch off.", "self_care", True),
        # A subject pronoun opening the anti-cue starts a clause the negation before it does
        # not reach; a reported threat ("never tell someone she'd...") is still negated.
        ("I told her that if she didn't go to group she'd lose her place with us.",
         "empowerment", True),
        ("I'd never tell someone she'd lose her place for missing a group.", "empowerment", False),
        # A negation reaches a middle item of a list that goes on with "or".
        ("I don't lend money, give lifts in my own car or accept gifts.", "boundaries", False),
        ("I lend money, give lifts in my own car or pay for lunch.", "boundaries", True),
        # "avoid" negates what it takes: "I'd avoid promising to keep it to myself".
        ("I'd avoid giving anyone my personal number.", "boundaries", False),
        # A quotation introduced as the speaker's own words is their stance; others' words
        # quoted are a mention.
        ('I always say "ring me any time, I mean it".', "boundaries", True),
        ("I tell them, 'ring me any time'.", "boundaries", True),
        ("A colleague said 'ring me any time' to a client and I raised it.", "boundaries", False),
        # A relative clause is not what a negation denies.
        ("I'd avoid putting anyone who's psychotic in a group, since they'd disrupt it.",
         "stigma", True),
    ],
)
def test_session6_reading_rules(answer: str, theme: str, contradicted: bool) -> None:
    """Rules added in session 6 (benchmarks/data/README.md says which material decided them)."""
    assert (_state(answer, theme) == "contradicted") is contradicted


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        # A story turn (words.STORY_TURNS) in the sentence before, the same sentence or one of
        # the next few makes the anti-cue what went wrong in an owned mistake...
        ("I learned that the hard way. I gave one man my personal mobile, and he texted all "
         "night.", "boundaries", False),
        ("I gave one man my personal mobile. He texted all night. It was unfair on him, and I "
         "changed it.", "boundaries", False),
        ("I made that mistake once: I described my worst time in a lot of detail.",
         "lived_experience", False),
        # ...and without one it is the speaker's stance.
        ("I gave one man my personal mobile. He texted all night. He really valued it.",
         "boundaries", True),
        ("I describe my worst time in a lot of detail.", "lived_experience", True),
        # A turn after "if" is hypothetical, and a turn four sentences on is another story.
        ("If I'd made a mistake with a risk plan, I'd probably fix it quietly and not tell the "
         "nurse in charge.", "collaboration", True),
        ("I gave one man my personal mobile. He texted at night. We got on. He was lonely. "
         "Since then I've moved teams.", "boundaries", True),
    ],
)
def test_session7_story_turns(answer: str, theme: str, contradicted: bool) -> None:
    """An owned mistake told over several sentences (decided by round 16's good answers)."""
    assert (_state(answer, theme) == "contradicted") is contradicted


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        # A claim someone else tells the speaker is reported, not held...
        ("If someone tells me it is just a cry for help I still take it seriously.",
         "crisis_safety", False),
        # ...but not when the speaker's own clause follows, or the words are the speaker's.
        ("If someone tells me it hurts I keep it between us.", "confidentiality", True),
        ("Whatever they tell me is strictly between ourselves.", "confidentiality", True),
        ("I tell them it is just a cry for help.", "crisis_safety", True),
        # A request frames what is asked, unless the speaker says they went along with it.
        ("A man asked me to lend him twenty pounds. I told him I couldn't lend money.",
         "boundaries", False),
        ("She asked me to lend her a tenner and I did, she was desperate.", "boundaries", True),
        ("He asked me to be his sponsor outside work and I agreed.", "boundaries", True),
        ("He sent me a friend request on Facebook last year.", "boundaries", False),
        ("He sent me a friend request on Facebook and I accepted.", "boundaries", True),
        ("She sent me a friend request on Instagram. I didn't accept it, and I didn't just "
         "ignore it either.", "boundaries", False),
        # A retrospective opener frames its clause.
        ("As a new volunteer I gave a man my personal mobile because it felt friendly.",
         "boundaries", False),
        # "assume" passes its negation on, like "think".
        ("I wouldn't assume it's just a bad day or wait until morning.", "crisis_safety", False),
    ],
)
def test_session7_reported_claims_and_requests(answer: str, theme: str, contradicted: bool) -> None:
    """Reading rules of session 7 decided by round 17's good answers (benchmarks/data/README.md)."""
    assert (_state(answer, theme) == "contradicted") is contradicted


def test_a_negated_act_is_still_someone_doing_something() -> None:
    """"I wouldn't sit on it" is the speaker acting: an answer of negated acts and a few value
    words is not capped as values strung together (round 14's good answer that a new negated
    cue tipped over the cap in session 7)."""
    bank = _bank()
    answer = ("I wouldn't promise to keep it to myself, and I wouldn't wait to see whether it "
              "happens again. I'd be honest that I have to pass it on to the safeguarding lead "
              "the same day. I wouldn't sit on a worry about a child. Safety, honesty and consent "
              "all matter, and trust and support matter too. Supporting the parent and "
              "protecting the child both matter.")
    result = Scorer(bank).score("parent_disclosure_raises_a_child_concern", answer)
    assert result.capped != "values"


def test_someone_asking_me_frames_what_they_ask() -> None:
    """"asked me one afternoon if I could lend her..." is a request reported (round 19)."""
    answer = ("A woman asked me one afternoon if I could lend her thirty pounds. I said I "
              "can't lend money, and we rang the food bank together.")
    assert _state(answer, "boundaries") != "contradicted"


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        # A condition's content is its own clause: "as long as he stopped" names no risk,
        # whatever the next clause says.
        ("I promised it would stay between us as long as he stopped, and we made a plan "
         "together.", "confidentiality", True),
        ("It stays between us as long as nobody is at risk of harm.", "confidentiality", False),
        # A request frames what is asked, not the speaker's answer after it...
        ("If someone asked me to use 'they' I'd just stick to their name instead.",
         "inclusion", True),
        # ...and a request the speaker goes along with frames nothing.
        ("If someone asked me for my personal number I'd give it to them.", "boundaries", True),
        ("If someone asked me for my personal number I'd explain why I can't.", "boundaries",
         False),
    ],
)
def test_session7_conditions_and_answers_to_requests(answer: str, theme: str,
                                                      contradicted: bool) -> None:
    """Decided by round 20's poor answers (tuning) and the lead's check of request frames."""
    assert (_state(answer, theme) == "contradicted") is contradicted


def test_session8_requests_offers_and_story_turns() -> None:
    """Someone else asking or offering frames what is asked, unless the speaker goes along
    with it; "so now I" turns what went before into an owned mistake (ROUND25, PROBEH)."""
    assert _state("A man once asked to add me on Facebook, and I said I'd rather keep it to "
                  "our sessions.", "boundaries") != "contradicted"
    assert _state("If someone offered to pay for my lunch I'd just say yes.", "boundaries") \
        == "contradicted"
    assert _state("If someone offered to pay for my lunch I'd thank them and say no.",
                  "boundaries") != "contradicted"
    assert _state("She offered to add me on Facebook, and I said I'd rather keep it to our "
                  "sessions.", "boundaries") != "contradicted"
    assert _state("He offered me a bottle of whisky at Christmas and I explained I couldn't "
                  "accept gifts.", "self_care") != "contradicted"
    assert _state("In my first role I let someone text my own phone, so now I stick to work "
                  "channels.", "boundaries") != "contradicted"
    assert _state("I let people text my own phone, it's easier.", "boundaries") == "contradicted"
    assert _state("My own phone stays out of it; out of hours they ring the crisis line.",
                  "boundaries") != "contradicted"
    # a past mistaken belief, told as such
    assert _state("On a helpline I thought I could absorb everything and kept skipping the "
                  "debriefs.", "self_care") != "contradicted"
    assert _state("I keep skipping the debriefs.", "self_care") == "contradicted"


def test_session8_a_one_sentence_turn_frames_only_its_own_sentence() -> None:
    """"so now I" owns the mistake of its own sentence, not a stance said the sentence before
    (found trying the app)."""
    answer = ("When a young man told me he had been hoarding his tablets, I held onto that and "
              "never told a soul. Early on I gave someone my own mobile, so now I stick to the "
              "work phone.")
    assert _state(answer, "confidentiality") == "contradicted"
    assert _state(answer, "boundaries") != "contradicted"


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        ('Each Friday I ring his wife to update her on how the week went.', 'confidentiality', True),
        ('With his consent, I ring his wife to update her on how the week went.', 'confidentiality', False),
        ('Her parents have a right to know what she tells me, so I keep them in the loop.', 'confidentiality', True),
        ("I'd have a quiet word with his manager about the diagnosis so they go easier on him.", 'confidentiality', True),
        ("If the police asked, I'd hand over whatever they wanted.", 'confidentiality', True),
        ('I usually look new people up on Facebook before we meet.', 'boundaries', True),
        ('I never look people up online; I let them tell me who they are.', 'boundaries', False),
        ('I made a few videos about a lad I support and put them on TikTok.', 'confidentiality', True),
        ('When he said he had pills saved up, I decided to wait until the next team meeting.', 'crisis_safety', True),
        ("When she mentioned suicide I thought I'd give it a few days and see.", 'crisis_safety', True),
        ('When she mentioned suicide I called the crisis team that afternoon.', 'crisis_safety', False),
        ('When he called in a panic about killing himself, I handled it on my own.', 'crisis_safety', True),
        ("On home visits I don't check in with the office.", 'crisis_safety', True),
        ('I never go on a visit without checking in with the office.', 'crisis_safety', False),
        ('I tell people our coffee trips are conditional on them taking their tablets.', 'empowerment', True),
        ("I'll only keep seeing them if they stop drinking.", 'empowerment', True),
        ('Support with me is never conditional on anything.', 'empowerment', False),
        ('I always show new people my scars so they believe me.', 'lived_experience', True),
        ("I start every group by sharing how I'm doing, in detail.", 'lived_experience', True),
        ("I don't bother with case notes.", 'trust_rapport', True),
        ("I keep a few things off the record so management doesn't interfere.", 'trust_rapport', True),
        ('I write my notes the same day and never keep anything off the record.', 'trust_rapport', False),
        ("I tell people I guarantee they'll be well within a year.", 'trust_rapport', True),
        ("I'll make sure you get a council flat, I tell them.", 'trust_rapport', True),
        ("I can't guarantee you'll get the flat, but I'll help with the forms.", 'trust_rapport', False),
        ('Everyone should try what I did, the twelve steps saved me.', 'empowerment', True),
        ('Yoga helped me, so I recommend it to everyone I support.', 'inclusion', True),
        ("I'd never assume they want their family involved; I ask.", 'inclusion', False),
        ('Honestly, some people just never recover, and I accept that.', 'recovery_hope', True),
        ('I never write anyone off.', 'recovery_hope', False),
        ("I talked her out of applying for the course, because I knew she'd fail.", 'recovery_hope', True),
        ("I usually cut in as soon as I see where they're going.", 'empathy_listening', True),
        ("I let people finish, and I don't tell them how they should feel.", 'empathy_listening', False),
    ],
)
def test_session9_wider_kinds(answer: str, theme: str, contradicted: bool) -> None:
    """ANTI35: the kinds beyond contact, friendship, money, gossip, medicine and burnout (decided by
    ROUND27 and PROBEI, see benchmarks/data/README.md), each with a harmless wording beside it."""
    assert (_state(answer, theme) == "contradicted") is contradicted


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        ('The nurse and I agreed his goals before he was even in the room.', 'empowerment', True),
        ('At the review we talked about her while she sat there, which was quicker.', 'empowerment', True),
        ("I'd never agree someone's goals before they're even in the room.", 'empowerment', False),
        ("She'd been drinking on the unit, so I covered for her with the night staff.", 'trust_rapport', True),
        ("I let him stay late even though it's against policy.", 'trust_rapport', True),
        ('On our last session I handed her my number so we could keep going as friends.', 'boundaries', True),
        ('I still message a few of my former clients now and then.', 'boundaries', True),
        ("I'd never just stop turning up; we plan the ending together.", 'boundaries', False),
        ("I told him his psychiatrist hasn't got a clue.", 'advocacy_resources', True),
        ('Between us, I said, her care coordinator is completely useless.', 'advocacy_resources', True),
        ('He said his care coordinator was useless, and I listened and helped him raise it.', 'advocacy_resources', False),
        ("I'd hear him out, and then give his mum a quick ring so she knows how he is.", 'confidentiality', True),
        ("With his agreement, I'd give his mum a quick ring so she knows how he is.", 'confidentiality', False),
        ("He mentioned wanting to end it, so I thought I'd wait a few days to see.", 'crisis_safety', True),
        ("She talked about suicide, and I said we'd sleep on it.", 'crisis_safety', True),
        ("Take your tablets or I'm not coming back, I told her.", 'empowerment', True),
        ("You shouldn't feel that way about your mum, I tell people.", 'empathy_listening', True),
        ("Some of them simply aren't going to get better.", 'recovery_hope', True),
        # A phrase never skips a negator as its one extra word (words.NOT_EXTRA), at its start
        # or further in, and consent given "with his agreement" frames what is shared.
        ("I'd simply never stop turning up without a proper goodbye.", "boundaries", False),
    ],
)
def test_session9_passing_kinds_and_u_to_x(answer: str, theme: str, contradicted: bool) -> None:
    """ANTI36: decisions made without the person, rules bent for them, endings, colleagues run
    down, and the wider kinds said in passing (decided by ROUND29 and PROBEJ)."""
    assert (_state(answer, theme) == "contradicted") is contradicted


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        ("I told her I'd make sure she's in a flat by spring.", 'trust_rapport', True),
        ('We agreed his plan at the review and I explained it to him the following week.', 'empowerment', True),
        ("When she was late back from leave I told the nurse in charge she'd been with me.", 'trust_rapport', True),
        ("I don't think I need someone checking in on me.", 'self_care', True),
        ('When a visit clashes with supervision, I just cancel it.', 'self_care', True),
        ('I never cancel supervision, even in a busy week.', 'self_care', False),
        ('If someone starts going into graphic detail, I gently bring the group back.', 'lived_experience', False),
        ('If someone starts talking about suicide, I keep it to myself.', 'confidentiality', True),
        ('I have friends outside work who have nothing to do with mental health.', 'boundaries', False),
        ('We became friends outside work after she finished with the service.', 'boundaries', True),
    ],
)
def test_session9_round31_kinds(answer: str, theme: str, contradicted: bool) -> None:
    """ANTI37 and the reading rules decided by ROUND31 (benchmarks/data/README.md)."""
    assert (_state(answer, theme) == "contradicted") is contradicted


@pytest.mark.parametrize(
    ("answer", "theme", "contradicted"),
    [
        # Not telling the team is a self-care stance only about one's own strain (session 10;
        # the round 29 good answer "I wouldn't tell family or anyone outside the team").
        ("I wouldn't tell family or anyone outside the team.", "self_care", False),
        ("I was exhausted for weeks but I never said anything to my manager.", "self_care", True),
        ("When I was struggling last winter I didn't tell anyone at work.", "self_care", True),
    ],
)
def test_session10_own_strain_kept_from_work(answer: str, theme: str, contradicted: bool) -> None:
    assert (_state(answer, theme) == "contradicted") is contradicted


def test_the_framed_wordings_still_contradict_when_said_plainly() -> None:
    """The session-14 frames set aside only what they govern (mutation guard for each)."""
    assert _state("I tell them my way is the right way.", "lived_experience") == "contradicted"
    assert _state("I acted like I knew it all.", "professional_development") == "contradicted"
    assert _state("Do it my way or that's it, I told him.", "empowerment") == "contradicted"
    assert _state("I skip supervision when it's busy.", "self_care") == "contradicted"
    assert _state("I never really switch off from work.", "self_care") == "contradicted"
    assert _state("I always want to rescue someone who is struggling.", "empowerment") == \
        "contradicted"
    assert _state("The addicts on my list never change.", "stigma") == "contradicted"
    assert _state("We became friends after the work ended.", "boundaries") == "contradicted"
    assert _state("I told him he's not leaving until he signs the plan.", "empowerment") == \
        "contradicted"


def test_a_risk_to_children_kept_back_is_critical() -> None:
    """Children fending for themselves, or a safeguarding service named, is the risk near "I
    didn't pass that on" (session 14, ROUND43)."""
    bank = _bank()
    scorer = Scorer(bank)
    for answer in (
        "Her two kids have been getting themselves to school and feeding themselves. I didn't "
        "pass that on.",
        "She was scared children's services would get involved, so I didn't pass that on.",
    ):
        flags = scorer.score(bank.questions[0], answer).red_flags
        assert any(f.severity == "critical" for f in flags), answer
    calm = "She said her kids were doing well at school. I didn't pass that on to anyone."
    assert not any(f.severity == "critical"
                   for f in scorer.score(bank.questions[0], calm).red_flags)


def test_telling_someone_to_do_something_keeps_nothing_back() -> None:
    """"I don't tell anyone to stop a dose" tells nobody to act; it keeps no risk secret
    (session 14, ROUND36's good answer). Told nothing, with the risk near, it still does."""
    assert _state("She had been saving up tablets, and I don't tell anyone to stop or change a "
                  "dose; I help her talk to her prescriber.", "confidentiality") != "contradicted"
    assert _state("She had been saving up tablets, and I don't tell anyone.",
                  "confidentiality") == "contradicted"
    assert _state("She had been saving up tablets, and I didn't tell anyone to the end.",
                  "confidentiality") == "contradicted"


def test_someone_elses_words_reported_are_not_the_speakers_stance() -> None:
    """A sentence the stance model reads as unsafe, in which only someone else speaks and the
    speaker does nothing, is theirs (session 14, ROUND39's good answer); the speaker's own
    sentence after suicidal talk is still read."""
    bank = _bank()
    scorer = Scorer(bank)
    question = next(q for q in bank.questions if q.id == "crisis_time_you_kept_someone_safe")
    good = scorer.score(question, (
        "On my placement, a young woman I'd been seeing weekly went very quiet halfway through "
        "a session and then said she didn't see the point of being here any more. I asked her "
        "straight out whether she was thinking about ending her life. She said yes. I stayed "
        "calm and explained I needed to bring in my supervisor because I cared about her being "
        "safe."))
    assert not good.red_flags
    question = next(q for q in bank.questions if q.id == "peer_in_crisis_after_hours")
    poor = scorer.score(question, (
        "A text like that late in the evening is usually someone having a rough night, not a "
        "real plan. What works for me is staying on the chat for as long as it takes, talking "
        "about nicer things until they calm down and say goodnight."))
    assert any(f.phrase.endswith("Crisis response and safety") for f in poor.red_flags)



def test_a_keyword_written_as_two_words_is_joined_exactly() -> None:
    """Two answer words are read as one keyword only when they join exactly: known words are
    not typos (session 14, ROUND22's "add it" had read as "addicts")."""
    assert _state("I practise mind fullness each morning.", "self_care") == "missed"
    assert _state("Sometimes we add it to their plan.", "stigma") != "contradicted"
    assert _state("I look after my well being with walks.", "self_care") != "missed"
    assert _state("I keep up my selfcare every week.", "self_care") == "covered"
