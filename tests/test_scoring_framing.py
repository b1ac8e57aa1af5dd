"""Session 16's kinds of error (issue 12, point 4 and the salad rule of "Ground rules"), each a
general mechanism with a case of its own wording here:

* salad framed by "I'd ..." is still salad: abstract nouns and value words, told by their ending,
  cap the score whoever is said to act;
* "too much to keep it to myself" denies what follows "to";
* a plea the person makes ("she begged me not to tell anybody") is their request, not the
  speaker's stance, unless the speaker grants it ("I gave her my word");
* a coffee during the work is not a dual relationship; a coffee as friends at the weekend is;
* "there are times I'd keep it to myself", about one's own story, is discretion, not a risk kept;
* "the housing officer kept talking over her" and "one who says nothing" are another's acts;
* "to check whether I'd over-promised" asks a question, it claims nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import Scorer, ScoreResult
from interview_coach.scoring.lexicon import ABSTRACT_ENDING

PEER = Path(__file__).resolve().parents[1] / "question_banks" / "peer_support_worker.yaml"


@cache
def _bank() -> Bank:
    return load_bank(PEER)


@cache
def _scorer() -> Scorer:
    return Scorer(_bank())


def _score(question: str, answer: str) -> ScoreResult:
    return _scorer().score(question, answer)


def _flagged(result: ScoreResult) -> bool:
    return bool(result.red_flags) or any(t.state == "contradicted" for t in result.themes)


FRAMED_SALAD = (
    "When a person brings blame into the room, I see it as an invitation to reflective practice "
    "and growth. I'd respond with compassion, validation and non-defensiveness, holding "
    "boundaries while honouring their feelings and their journey. Trauma-informed practice "
    "reminds me that behaviour is communication and that connection is the foundation of "
    "recovery. Through supervision, self-care and resilience I'd protect my wellbeing and "
    "sustain a hopeful, person-centred partnership built on mutual respect, authenticity and "
    "empowerment."
)

PLAIN_STORY = (
    "Last winter a man I was supporting shouted at me in the car park because his benefits "
    "letter had gone to the wrong address and he thought I had lost it. I let him finish, said "
    "I could see how frightening it was to have no money coming in, and asked if we could ring "
    "the office together there and then. We found the letter had been sent to his old flat. I "
    "told him I was sorry it had landed on him, and we booked a time to fill in the change of "
    "address form. Afterwards I talked it over with my supervisor, because being shouted at "
    "shook me more than I showed. The next week he apologised and we carried on."
)


def test_abstract_endings_are_morphological() -> None:
    for word in ("validation", "non-defensiveness", "authenticity", "empowerment",
                 "resilience", "partnership", "allyships"):
        assert ABSTRACT_ENDING.search(word), word
    for word in ("letter", "office", "phoned", "sorry"):
        assert not ABSTRACT_ENDING.search(word), word


def test_salad_framed_by_first_person_verbs_is_capped() -> None:
    result = _score("handling_criticism_and_blame", FRAMED_SALAD)
    assert result.capped == "values"
    assert result.score <= 20


def test_a_plain_story_is_not_capped_as_salad() -> None:
    result = _score("handling_criticism_and_blame", PLAIN_STORY)
    assert result.capped == ""
    assert result.score > 20


RISK = "Last month a young man told me he had been saving up tablets and planned to take them. "
CHILD = "If a young person tells me her mum's boyfriend is hitting her little sister, "

# (question, a safe answer the rule spares, an unsafe answer it still flags): each rule must
# spare the first and never the second.
PAIRS: tuple[tuple[str, str, str], ...] = (
    # "too much to" denies what follows
    ("challenging_situation",
     RISK + "I told him I cared about him too much to keep that to myself, and we rang the "
     "duty worker together.",
     RISK + "I told him I would keep that to myself."),
    # a plea for secrecy is the person's request, unless the speaker grants it
    ("challenging_situation",
     RISK + "He begged me not to tell anybody. I said I couldn't promise that, and that I would "
     "go with him to tell the team.",
     RISK + "He begged me not to tell anybody, and I gave him my word."),
    # a coffee needs a social context
    ("getting_to_know_a_new_person",
     "Some people hate sitting in an office, so we might walk or grab a coffee while we talk "
     "about what they want from the support.",
     "Once we get on, I'm happy to grab a coffee with them at the weekend as friends."),
    # another named person's act
    ("advocating_for_someone_you_supported",
     "When the benefits officer kept talking over her, I asked him to let her finish and to "
     "confirm the date in writing.",
     "I kept talking over her, because she was slow to get to the point and the officer was "
     "busy."),
    # an act in a relative clause about another person
    ("group_facilitation",
     "Some members have lived through suicide attempts. There's one who talks all night and "
     "one who says nothing, so I go round the room and make space for the quiet ones.",
     "Some members have lived through suicide attempts. If one tells me about a plan, I'm "
     "someone who says nothing to the team."),
    # a question put to oneself
    ("handling_criticism_and_blame",
     "I took the whole thing to supervision, partly to check whether I'd over-promised him a "
     "flat.",
     "I over-promised him a flat, because it kept him coming back."),
    # refusing to call child protection about a risk, in any tense
    ("challenges_facing_peer_workers",
     CHILD + "I tell her I have to pass it on and I call the safeguarding lead that day.",
     CHILD + "I don't call child protection, because that wrecks trust."),
)


@pytest.mark.parametrize(("question", "safe", "unsafe"), PAIRS)
def test_the_rule_spares_the_safe_reading_only(question: str, safe: str, unsafe: str) -> None:
    assert not _flagged(_score(question, safe))
    assert _flagged(_score(question, unsafe))


def test_refusing_to_call_child_protection_is_critical() -> None:
    result = _score("challenges_facing_peer_workers",
                    CHILD + "I don't call child protection, because that wrecks trust.")
    assert any(f.severity == "critical" for f in result.red_flags)


def test_a_plea_granted_keeps_what_was_asked_as_the_speakers_own() -> None:
    # "I gave him my word" grants the plea: "not to tell anybody" is the speaker's stance again.
    granted = _score("challenging_situation", RISK + "He begged me not to tell anybody, and I "
                     "gave him my word.")
    assert any("tell" in f.phrase and "anybody" in f.phrase for f in granted.red_flags)


def test_keeping_ones_own_story_back_is_not_a_risk_kept() -> None:
    own = _score("when_to_keep_your_story_back", "There are plenty of times I'd keep it to "
                 "myself. The test I use is who the sharing is for.")
    assert not any(f.phrase == "keep it to myself" for f in own.red_flags)
    risk = _score("when_to_keep_your_story_back", "If someone told me about a plan to end "
                  "their life, I would keep it to myself.")
    assert any(f.phrase == "keep it to myself" for f in risk.red_flags)
