"""The score policy: how the parts of the overall score are worked out, and SCORE_FORMULA, the
same in words for the README and the help screen."""

from __future__ import annotations

from collections.abc import Callable

from interview_coach.banks.models import Bank, Question
from interview_coach.scoring.results import (
    CONTRADICTED,
    COVERED,
    TOUCHED,
    Delivery,
    RedFlagHit,
    ScorePart,
    ThemeResult,
)

SCORE_FORMULA = """\
Overall score (0-100), the sum of these parts, rounded:

* themes (45 points, 85 when the question has no model answer): for each expected theme,
  weight x credit, divided by the total weight of the expected themes. Naming a theme earns
  little, showing it earns much:
  - covered (a strong cue said, two distinct weak cues in the same or the next sentence, or an
    anti-cue said under negation: "I never give out my personal number"): credit = the larger
    of 0.75 and strength = 1 - 0.4 ** evidence, where evidence sums, over the distinct cues
    said, the match similarity (a weak cue counts half), divided by 0.8, at most 1: one strong
    cue gives 0.94, two or more 1, so an answer that shows every expected theme earns all 45;
  - touched (one weak cue, a general word): credit 0.4; a weak cue that is the theme's own
    name (a phrase of its label, not an everyday word: wordfreq Zipf under 4.5, nor a quality
    such as "empathy" or "resilience": words.QUALITY_WORDS) counts as a
    strong cue in a sentence that speaks of at most two themes;
  - contradicted (an anti-cue said without negation, whatever else was said, unless its
    sentence states its limits, reports an impulse or is what is explained) or missed: 0.
  Question-specific keywords, when the question lists any, count as one more expected theme of
  average weight, covered by any of them.
* model answer (40 points): closeness to the model answer, (reference_similarity - 0.30) /
  (0.52 - 0.30), between 0 and 1: a similarity of 0.30 is what any answer on the topic shares
  with the model answer (off-topic and keyword-salad answers sit at 0.27-0.37), 0.52 or more
  reads as a full answer in other words.
* delivery (15 points): 1 from 40 to 300 words, words/40 below 40, and falling by 1/600 per word
  above 300 down to 0.5; multiplied by min(1, content / 0.5), where content is the fraction of
  the theme and model-answer points earned, so length alone earns nothing.
* contradicted themes: minus 15 points per theme contradicted, expected or not (at most 30),
  and the score is then at most 30: good content around an unsafe stance does not make the
  answer a good one.
* red flags (said without negation; not when the phrase goes on "to" + an act of overreach:
  "it is not my job to rush them"): minus 5 per distinct minor, 10 per major and 15 per
  critical red flag (at most minus 30); a critical red flag (a safety-critical stance: risk kept
  secret, medication advice, dismissing suicidal talk) caps the score at 20.
* stance model (when the bank names one): a sentence its trained model reads as an unsafe
  stance with probability 0.90 or more (words after a negator, "rather than" or "instead of"
  read as negated; each word or pair counted once) is one more major red flag, "reads as
  unsafe: THEME" (critical when the context of one of that theme's critical anti-cues, a
  suicide or an overdose, is said near it); not when the sentence states its limits, frames
  what it says or tells an owned mistake (as for anti-cues), nor where a red flag or a
  contradicting anti-cue already starts in it.
* theme reading (when the bank's stance model file has one): three sentences in a row at a time
  are read by a trained model per theme; a theme it is 30% sure of or more, not already
  covered, not contradicted and not read as unsafe by the stance model, is covered (the credit
  of a strong cue, COVERED_FLOOR), shown by the sentence of that stretch that reads most as it.
  Not for a read-back, a bare list or theme words dressed as sentences, which cover nothing,
  nor for an answer in which nobody acts (no I, we, they, people...: words.AGENT_WORDS).
* caps: an answer that mostly reads the question back (under 30% of its content words are new)
  scores at most 10; a bare list of keywords scores at most 20: from 3 words, under 20% of
  them function words ("I", "the", "would"...); from 6 words, also over 60% of the words inside
  keyword matches, or clauses (split at commas, full stops, line breaks) under 3 words long on
  average. A bare list (mostly keywords, or clauses under 3 words long on average) or a
  read-back covers no theme at all: it names themes without showing them.
  Theme words dressed as sentences score at most 20 too, and cover no theme: from 20 content
  words, 35% or more of them inside cue matches while under 3% of all the words are a person
  who acts ("I", "we", "they", "she", "someone", "people"...): "empathy is key to safety, and
  boundaries are part of hope" names values and says nothing anyone does. So do value words
  strung together: from 20 content words, 33% or more of them theme words or the value words
  of a mission statement ("empower", "journey", "authenticity", "at the heart") while under 3
  in 100 words are a person doing something ("I rang", "we agreed", "she'd ask"; not "I believe"),
  or, whoever is said to act, 22% or more of them abstract nouns (told by their ending:
  "-tion", "-ness", "-ity", "-ment", "-ence", "-ship"...) and value words ("I'd respond with
  compassion, validation and non-defensiveness"), unless it is as close to the model answer as
  a good answer (closeness 0.55 or more).
  Such an answer scores at most 20 but keeps the themes it shows (a passage describing a
  service in the third person can be dense with values and still show a theme).

A question with no expected themes (and no question keywords) is scored on the model answer
alone: model answer 100 points (the same closeness), then red flags and caps. A question with neither scores 0.
An empty or whitespace-only answer scores 0.
"""

THEME_POINTS = 45.0
MODEL_POINTS = 40.0
DELIVERY_POINTS = 15.0
RED_FLAG_PENALTY = 10.0  # a major red flag
RED_FLAG_PENALTIES = {"minor": 5.0, "major": RED_FLAG_PENALTY, "critical": 15.0}
RED_FLAG_MAX_PENALTY = 30.0
CRITICAL_CAP = 20.0
CONTRADICTED_PENALTY = 15.0
CONTRADICTED_MAX_PENALTY = 30.0
CONTRADICTED_CAP = 30.0
TOUCHED_CREDIT = 0.4
CORE_MAX_THEMES = 2
WEAK_WEIGHT = 0.5
READBACK_CAP = 10.0
KEYWORD_LIST_CAP = 20.0
# Theme words dressed as sentences ("naming"): from NAMING_MIN_CONTENT content words, at least
# NAMING_DENSITY of them inside cue matches, and under NAMING_MAX_AGENTS of all words a person
# who acts. Chosen on the stance sets: every salad answer has a cue density of 0.35 or more
# and almost no person in it; no good answer is over 0.29 (benchmarks/data/README.md, NAMING).
NAMING_MIN_CONTENT = 20
NAMING_DENSITY = 0.35
NAMING_MAX_AGENTS = 0.03
# The same with value words (words.VALUE_WORDS) counted as theme words: from NAMING_VALUE_DENSITY
# of the content words, when under NAMING_MIN_ACTIONS in 100 words are a person doing something.
# Chosen on all the stance sets (ROUND11's salads among them): every good answer this dense has
# 3.85 or more actions in 100 words; the salads between 0.33 and 0.47 have 0 to 2.7.
NAMING_VALUE_DENSITY = 0.33
NAMING_MIN_ACTIONS = 3.0
# ... unless the answer is as close to the model answer as a good one (a role described in
# "-ing" phrases, "meeting someone for a coffee, going with them to a benefits appointment",
# has few "I ..." but says what the worker does). Session 13, ROUND40's one good answer this
# dense (closeness 0.59); no salad of any stance set reaches 0.53 (their highest: 0.52).
VALUES_CAP_MAX_CLOSENESS = 0.55
# The same cap, whoever is said to act, when abstract nouns and value words (words.ABSTRACT_ENDING,
# words.VALUE_WORDS) make up ABSTRACT_DENSITY or more of the content words: salad that frames its
# nouns with "I'd respond with compassion, validation and non-defensiveness" has people in it,
# but nothing anyone does. Session 16, from the tuning sets (ROUND53 and ROUND54 among them,
# benchmarks/data/README.md): the salads have a median density of 0.41 (5% under 0.21); of 848
# good answers one reaches 0.22 (0.235), and no model answer of the built-in banks 0.19.
ABSTRACT_DENSITY = 0.22
SIMILARITY_FULL = 0.52
SIMILARITY_FLOOR = 0.3
COVERED_FLOOR = 0.75
# A covered theme's credit is its strength over COVERED_FULL, at most 1: one strong cue (0.75)
# earns 0.94 of the theme's share, two (0.84) or more the whole share, so an answer that shows
# every expected theme earns the whole theme part. Session 14: good answers written blind to the
# shared dev set's questions showed two of three themes plainly and scored a median 58.5 to 65;
# at 0.8 the tuning sets' good medians rise 1 to 4.5 points and two of 873 pairs are lost
# (benchmarks/data/README.md, session 14).
COVERED_FULL = 0.8
STRENGTH_BASE = 0.4
TOO_SHORT_WORDS = 40
TOO_LONG_WORDS = 300
WORDS_PER_MINUTE = 140.0


def score_parts(bank: Bank, question: Question, expected_ids: list[str],
                themes: list[ThemeResult], qterms: ThemeResult | None,
                flags: list[RedFlagHit], delivery: Delivery, similarity: float,
                reads_back: Callable[[], bool],
                keyword_list: Callable[[], bool],
                names_only: Callable[[], bool] = lambda: False,
                values_only: Callable[[], bool] = lambda: False) -> tuple[list[ScorePart], str]:
    """The parts of the overall score, and why it was capped ("" when it was not)."""
    expected = [t for t in themes if t.expected]
    weights = {tid: bank.themes[tid].weight for tid in expected_ids}
    has_model = bool(question.model_answer.strip())
    parts: list[ScorePart] = []
    if not expected and qterms is None:
        if not has_model:
            return [ScorePart("themes", 0.0, 0.0,
                              "the question has no expected themes and no model answer")], ""
        close = closeness(similarity)
        parts.append(ScorePart("model answer", round(100.0 * close, 2), 100.0,
                               f"similarity {similarity:.2f} (none up to "
                               f"{SIMILARITY_FLOOR:.2f}, full marks from "
                               f"{SIMILARITY_FULL:.2f}); no expected themes"))
    else:
        theme_max = THEME_POINTS if has_model else THEME_POINTS + MODEL_POINTS
        parts.append(_theme_part(expected, qterms, weights, theme_max))
        if has_model:
            close = closeness(similarity)
            parts.append(ScorePart("model answer", round(MODEL_POINTS * close, 2),
                                   MODEL_POINTS, f"similarity {similarity:.2f} (none up to "
                                   f"{SIMILARITY_FLOOR:.2f}, full marks from "
                                   f"{SIMILARITY_FULL:.2f})"))
        parts.append(_delivery_part(delivery, parts))
    against = [t for t in themes if t.state == CONTRADICTED]
    if against:
        penalty = min(CONTRADICTED_MAX_PENALTY, CONTRADICTED_PENALTY * len(against))
        parts.append(ScorePart("contradicted", -penalty, 0.0,
                               f"{len(against)} theme(s) contradicted: "
                               + "; ".join(t.label for t in against)))
    if flags:
        severity = {f.phrase: f.severity for f in flags}
        distinct = sorted(severity)
        penalty = min(RED_FLAG_MAX_PENALTY,
                      sum(RED_FLAG_PENALTIES.get(severity[p], RED_FLAG_PENALTY)
                          for p in distinct))
        # Each flag named by what the answer said: a phrase may be written in the {a|b} syntax.
        said: dict[str, str] = {}
        for f in flags:
            said.setdefault(f.phrase, f.text)
        parts.append(ScorePart("red flags", -penalty, 0.0,
                               f"{len(distinct)} red flag(s): " + "; ".join(
                                   f"\u201c{said[p]}\u201d ({severity[p]})" for p in distinct)))
    critical = any(f.severity == "critical" for f in flags)
    return _caps(parts, reads_back, keyword_list, critical, bool(against), names_only,
                 lambda: similarity < VALUES_CAP_MAX_CLOSENESS and values_only())

def theme_credit(theme: ThemeResult) -> float:
    """The credit a theme earns: covered at least COVERED_FLOOR, touched TOUCHED_CREDIT."""
    if theme.state == COVERED:
        return min(1.0, max(COVERED_FLOOR, theme.strength) / COVERED_FULL)
    if theme.state == TOUCHED:
        return TOUCHED_CREDIT
    return 0.0


def closeness(similarity: float) -> float:
    """The model-answer credit of a similarity: 0 up to SIMILARITY_FLOOR (what any answer on
    the topic shares with the model answer), 1 from SIMILARITY_FULL, linear between."""
    span = SIMILARITY_FULL - SIMILARITY_FLOOR
    return min(1.0, max(0.0, (similarity - SIMILARITY_FLOOR) / span))


def _theme_part(expected: list[ThemeResult], qterms: ThemeResult | None,
                weights: dict[str, float], theme_max: float) -> ScorePart:
    items = [(t, weights.get(t.id, 1.0)) for t in expected]
    if qterms is not None:
        average = sum(weights.values()) / len(weights) if weights else 1.0
        items.append((qterms, average))
    total_weight = sum(w for _, w in items) or 1.0
    earned = sum(w * theme_credit(t) for t, w in items)
    covered = sum(1 for t, _ in items if t.covered)
    touched = sum(1 for t, _ in items if t.state == TOUCHED)
    against = sum(1 for t, _ in items if t.state == CONTRADICTED)
    detail = f"{covered} of {len(items)} expected covered"
    if touched:
        detail += f", {touched} touched"
    if against:
        detail += f", {against} contradicted"
    detail += f" (weighted credit {earned / total_weight:.2f})"
    return ScorePart("themes", round(theme_max * earned / total_weight, 2), theme_max, detail)

def _delivery_part(delivery: Delivery, content_parts: list[ScorePart]) -> ScorePart:
    words = delivery.words
    if words < TOO_SHORT_WORDS:
        length = words / TOO_SHORT_WORDS
    elif words > TOO_LONG_WORDS:
        length = max(0.5, 1.0 - (words - TOO_LONG_WORDS) / 600.0)
    else:
        length = 1.0
    got = sum(p.points for p in content_parts)
    out_of = sum(p.max_points for p in content_parts) or 1.0
    gate = min(1.0, (got / out_of) / 0.5)
    points = round(DELIVERY_POINTS * length * gate, 2)
    detail = f"{words} words (length factor {length:.2f}, content factor {gate:.2f})"
    return ScorePart("delivery", points, DELIVERY_POINTS, detail)

def _caps(parts: list[ScorePart], reads_back: Callable[[], bool],
          keyword_list: Callable[[], bool], critical: bool = False,
          contradicted: bool = False,
          names_only: Callable[[], bool] = lambda: False,
          values_only: Callable[[], bool] = lambda: False) -> tuple[list[ScorePart], str]:
    """Cap answers that read the question back or only list keywords, say a critical red flag
    or contradict a theme."""
    total = sum(p.points for p in parts)
    reason, cap = "", 100.0
    if contradicted and not critical and total > CONTRADICTED_CAP:
        parts.append(ScorePart("cap: contradicted", round(CONTRADICTED_CAP - total, 2), 0.0,
                               "an answer that goes against a theme (an interviewer would stop "
                               f"there): at most {CONTRADICTED_CAP:.0f} points"))
        total = CONTRADICTED_CAP
    if critical and total > CRITICAL_CAP:
        parts.append(ScorePart("cap: critical red flag", round(CRITICAL_CAP - total, 2), 0.0,
                               f"a safety-critical red flag: at most {CRITICAL_CAP:.0f} points"))
        total = CRITICAL_CAP
    if reads_back():
        reason, cap = "read back", READBACK_CAP
    elif keyword_list():
        reason, cap = "keyword list", KEYWORD_LIST_CAP
    elif names_only():
        reason, cap = "naming", KEYWORD_LIST_CAP
    elif values_only():
        reason, cap = "values", KEYWORD_LIST_CAP
    if reason and total > cap:
        text = {"read back": "mostly repeats the question",
                "keyword list": "a list of keywords, not sentences",
                "values": "values, abstract nouns and theme words with little that anyone "
                          "concretely does"}.get(
                    reason, "theme words strung into sentences that say nothing anyone does")
        parts.append(ScorePart(f"cap: {reason}", round(cap - total, 2), 0.0,
                               f"the answer is {text}: at most {cap:.0f} points"))
    return parts, reason

