"""Scoring an answer against a question of a bank: themes, red flags, closeness, delivery.

Core package: never imports Textual. The result is deterministic and explains every point.

Use::

    scorer = Scorer(bank)                  # compiles the bank's keyword tables once
    result = scorer.score("q-id", answer)  # a ScoreResult; result.to_dict() is the --json form

    live = scorer.live(question)           # for an editor: rescoring as the user types
    result = live.update(text)             # reuses the work done for the previous text;
                                           # result.truncated is True (and nothing is scored)
                                           # when text is longer than live.max_chars

Modules, by concept:

* :mod:`.results` the result types (ScoreResult, ThemeResult, Match, RedFlagHit, ...);
* :mod:`.words` the word lists (stopwords, negators, harm words, fillers, STAR cues...);
* :mod:`.tables` a bank's compiled keyword tables and the typo (fuzzy) look-up;
* :mod:`.lexicon` known English words (wordfreq) and lemmas by inflection rules;
* :mod:`.document` the token document: an answer cut into words, with its pattern hits;
* :mod:`.senses` judgements of negation and word sense;
* :mod:`.assessment` a document's hits turned into a ScoreResult;
* :mod:`.policy` the score formula (SCORE_FORMULA says it in words);
* :mod:`.scorer` the Scorer; :mod:`.live` LiveScore;
* :mod:`.textnorm` text normalisation and stemming; :mod:`.similarity` closeness to the model
  answer.

The overall score is explained part by part in ``result.parts``; SCORE_FORMULA is the formula in
words, for the README and the help screen.

How matching works: answers and cues are normalised (:mod:`.textnorm`) and cut into words.
A cue word matches an answer word of the same lemma (:mod:`.lexicon`: inflection rules checked
against wordfreq's English word list, and irregular forms; a derivation is another lemma), or,
when the answer word has five letters or more and is not an English word or a form of one, a
cue word one typo away (two when the compared strings have nine letters or more; a substitution
in a shorter string must be between neighbouring keys of a keyboard; a swap of two letters is
one typo; same first letter). Multi-word cues match as a phrase within one clause with one extra
word allowed inside ("set clear boundaries" for "set boundaries"); ``...`` in a phrase is a gap
of up to GAP_WORDS words inside one sentence and ``{a|b}`` lists alternatives (expanded when
the tables are compiled); "self care", "self-care" and "selfcare" are one word.
Evidence tiers (:mod:`.assessment`): a strong cue covers its theme, two distinct weak cues in
the same or the next sentence cover it, one weak cue touches it; an anti-cue said without
negation contradicts it, said under negation it is a strong cue. Red flags and anti-cues
followed by "to" + an act of overreach ("not my job to rush them") do not count.
A match preceded in its clause (up to six words back) by a negator ("not", "never", "no",
"without", "hardly", any "n't") is reported as negated and does not count, unless its keyword
names a harm (HARM_WORDS: "not embarrassed", "nobody is left out" still speak to the theme)
or a breach ("I'd never overstep"), or a reversing verb stands between the negator and the match
("I would never break confidentiality": REVERSING_VERBS), or "without" follows another negator
("never ... without consent"). In multi-word keywords, pronouns are slots ("at their own pace"
matches "at her own pace", "on someone's behalf" "on his behalf"), "not" matches any "n't", and
an irregular form matches only as written ("been there" is not "being there").
A match does not count when it is in a question ("How do you keep boundaries?"), in a bare list
of keywords or an answer that reads the question back, or when its word is used in another
sense: stance adverbs ("Honestly, ..."), a first-person wish ("I hope to hear from you"), an
agent noun for an activity keyword ("supervisor" for "supervision"), an organisation ("the
Trust").
"""

from __future__ import annotations

from interview_coach.scoring.live import LIVE_MAX_CHARS, LiveScore
from interview_coach.scoring.policy import (
    DELIVERY_POINTS,
    KEYWORD_LIST_CAP,
    MODEL_POINTS,
    READBACK_CAP,
    RED_FLAG_MAX_PENALTY,
    RED_FLAG_PENALTY,
    SCORE_FORMULA,
    SIMILARITY_FULL,
    STRENGTH_BASE,
    THEME_POINTS,
    TOO_LONG_WORDS,
    TOO_SHORT_WORDS,
    WORDS_PER_MINUTE,
)
from interview_coach.scoring.results import (
    AntiCueHit,
    Delivery,
    Match,
    RedFlagHit,
    ScorePart,
    ScoreResult,
    ThemeResult,
)
from interview_coach.scoring.scorer import Scorer, score_answer
from interview_coach.scoring.senses import NEGATION_WINDOW
from interview_coach.scoring.words import (
    FILLERS,
    HARM_WORDS,
    HEDGES,
    NEGATORS,
    REVERSING_VERBS,
    STAR_CUES,
    STOPWORDS,
)

__all__ = [
    "DELIVERY_POINTS",
    "FILLERS",
    "HARM_WORDS",
    "HEDGES",
    "KEYWORD_LIST_CAP",
    "LIVE_MAX_CHARS",
    "MODEL_POINTS",
    "NEGATION_WINDOW",
    "NEGATORS",
    "READBACK_CAP",
    "RED_FLAG_MAX_PENALTY",
    "RED_FLAG_PENALTY",
    "REVERSING_VERBS",
    "SCORE_FORMULA",
    "SIMILARITY_FULL",
    "STAR_CUES",
    "STOPWORDS",
    "STRENGTH_BASE",
    "THEME_POINTS",
    "TOO_LONG_WORDS",
    "TOO_SHORT_WORDS",
    "WORDS_PER_MINUTE",
    "AntiCueHit",
    "Delivery",
    "LiveScore",
    "Match",
    "RedFlagHit",
    "ScorePart",
    "ScoreResult",
    "Scorer",
    "ThemeResult",
    "score_answer",
]
