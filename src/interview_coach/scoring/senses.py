"""Judgements of sense and negation: whether a negator negates, whether a word is used in
another sense (a stance adverb, a wish, an agent noun, an organisation)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from interview_coach.scoring import textnorm
from interview_coach.scoring.textnorm import GAP_CLAUSE
from interview_coach.scoring.words import (
    _ACTIVITY_ENDINGS,
    _AGENT_ENDINGS,
    _BEFORE_VERB,
    _FIRST_PERSON,
    _NO_AS_OBJECT_AFTER,
    _NOT_NEGATING_NEXT,
    _REVERSING_PHRASAL,
    _STANCE_ADVERBS,
    _WISH_ADVERBS,
    _WISH_STEM,
    HARM_WORDS,
    NEGATORS,
    OTHER_SENSE_NEAR,
    OTHER_SENSE_REACH,
    REVERSING_VERBS,
)

if TYPE_CHECKING:
    from interview_coach.scoring.document import _Doc
    from interview_coach.scoring.tables import _Pattern

NEGATION_WINDOW = 8

def _names_harm(words: list[str]) -> bool:
    """Whether a keyword names a harm or a breach: it counts even when negated ("I'd never
    overstep", "I never let people down" still speak to the theme)."""
    return any(w in HARM_WORDS for w in words) or (bool(words) and _is_reversing(words, 0))



@functools.lru_cache(maxsize=4096)
def _keyword_words(keyword: str) -> tuple[str, ...]:
    """The normalised words of a keyword (cached: asked once per match)."""
    return tuple(textnorm.words(keyword))


def _other_sense(doc: _Doc, pattern: _Pattern, i: int) -> bool:
    """Whether the one-word match at token ``i`` uses its word in another sense."""
    word = doc.words[i]
    key = (word, pattern.keyword)
    sense = _WORD_SENSES.get(key)
    if sense is None:
        if len(_WORD_SENSES) > 100_000:
            _WORD_SENSES.clear()  # a stream of unique words must not grow memory forever
        sense = _WORD_SENSES[key] = _word_sense(word, pattern.keyword)
    if sense == _OTHER:
        return True
    if sense == _WISH and _is_wish(doc, i):
        return True
    if _in_other_compound(doc, i):
        return True
    if i == 0 or doc.words[i - 1] not in _NAME_LEADS:
        return False  # the usual case, told before the call
    return _is_proper_name(doc, i)


# The words a keyword word naming an organisation follows (see _is_proper_name).
_NAME_LEADS = frozenset(("the", "nhs"))


def _in_other_compound(doc: _Doc, i: int) -> bool:
    """'a boundary wall', 'human resources', 'data recovery': the word next to words of
    another field, in its clause (see OTHER_SENSE_NEAR)."""
    near = OTHER_SENSE_NEAR.get(textnorm.stem(doc.words[i]))
    if not near:
        return False
    words, gaps = doc.words, doc.gaps
    t = i - 1
    while t >= 0 and i - t <= OTHER_SENSE_REACH and gaps[t + 1] < GAP_CLAUSE:
        if words[t] in near:
            return True
        t -= 1
    t = i + 1
    while t < len(words) and t - i <= OTHER_SENSE_REACH and gaps[t] < GAP_CLAUSE:
        if words[t] in near:
            return True
        t += 1
    return False


# What the word and the keyword alone tell of a one-word match (see _word_sense).
_SAME, _OTHER, _WISH = range(3)
_WORD_SENSES: dict[tuple[str, str], int] = {}


def _word_sense(word: str, keyword: str) -> int:
    """_OTHER when the word is in another sense whatever its place (a stance adverb, an agent
    noun for an activity); _WISH when it is a form of "hope" (a wish of the speaker's, or not,
    by its place); else _SAME (only its place can tell: see _other_sense)."""
    kw_words = _keyword_words(keyword)
    if word in _STANCE_ADVERBS and word not in kw_words:
        return _OTHER
    if word.endswith(_AGENT_ENDINGS) and len(word) >= 6 and kw_words and \
            kw_words[0].endswith(_ACTIVITY_ENDINGS) and not kw_words[0].endswith(_AGENT_ENDINGS):
        return _OTHER
    if textnorm.stem(word) == _WISH_STEM:
        return _WISH
    return _SAME


def _is_wish(doc: _Doc, i: int) -> bool:
    """'I hope...', 'we're hoping...', 'hoping to...': the speaker's own wish."""
    words, gaps = doc.words, doc.gaps
    if doc.words[i] in ("hoping", "hoped") and i + 1 < len(words) and words[i + 1] == "to":
        return True
    t = i - 1
    # "I hope", "we're hoping", "I really do hope"; not "I bring hope".
    while t >= 0 and i - t <= 3 and gaps[t + 1] < GAP_CLAUSE:
        if words[t] in _FIRST_PERSON:
            return True
        if words[t] not in _WISH_ADVERBS:
            return False
        t -= 1
    return False


def _is_proper_name(doc: _Doc, i: int) -> bool:
    """'the Trust', "the trust's policy", "an NHS trust": a keyword word naming an
    organisation."""
    if i == 0 or doc.gaps[i] >= GAP_CLAUSE:
        return False
    if doc.words[i - 1] == "nhs":
        return True
    if doc.words[i - 1] != "the":
        return False
    written = doc.text[doc.starts[i]: doc.ends[i]]
    return written[:1].isupper() or doc.words[i].endswith("'s")


def _is_reversing(words: list[str], t: int) -> bool:
    """Whether token ``t`` is a reversing verb (see REVERSING_VERBS) or the start of one."""
    word = words[t]
    if t + 1 < len(words) and (word, words[t + 1]) in _REVERSING_PHRASAL:
        return True
    return word == "left" or textnorm.stem(word) in REVERSING_VERBS


# Words that may stand between a negator and the verb it negates ("never ever break", "don't



def _verb_after_negator(words: list[str], t: int) -> bool:
    """Whether token ``t`` is the verb a negator just before it negates.

    After "without" only an -ing form is a verb ("without breaking confidentiality"; "without
    breaks" is a noun).
    """
    u = t - 1
    while u >= 0 and t - u <= 3 and words[u] in _BEFORE_VERB:
        u -= 1
    if u < 0 or t - u > 3 or not (words[u] in NEGATORS or words[u].endswith("n't")):
        return False
    return words[u] != "without" or words[t].endswith("ing")


def _negates(words: list[str], t: int) -> bool:
    """Whether the negator at ``t`` negates what follows ("not only" and "say no" do not)."""
    if words[t + 1] in _NOT_NEGATING_NEXT:
        return False
    if words[t] == "free":
        return words[t + 1] in ("of", "from")  # "free of graphic detail", not "feel free to"
    return not (words[t] == "no" and t > 0 and words[t - 1] in _NO_AS_OBJECT_AFTER)

