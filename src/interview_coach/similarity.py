"""Closeness of an answer to the model answer: aligned content words, 0 to 1.

Lexical only (no models): both texts are cut into content words (stopwords out), reduced to
stems (Snowball English), and each answer word is aligned to a reference word by equal stem or,
for words of five letters or more, by a close spelling (a typo). Words the question already
contains are demoted, as in Sultan, Salazar & Sumner (2016): repeating the question is not
knowing the answer. The score mixes how much of the reference is covered (recall) with how
much of the answer is on topic (precision).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

__all__ = ["Reference", "reference_similarity", "tokens"]

# A general English stopword list (function words, auxiliaries, pronouns): these carry no
# content of their own, so they neither earn nor cost closeness.
_STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn doing
    don done down during each either else etc even ever every few for from further get gets got
    had hadn has hasn have haven having he her here hers herself him himself his how however i
    ie eg if in into is isn it its itself just least less let like made make makes many may me
    might more most much must mustn my myself neither no nor not now of off often on once one
    only or other others otherwise our ours ourselves out over own per rather re really same
    shall shan she should shouldn since so some such than that the their theirs them themselves
    then there these they thing things this those though through thus to too under until up
    upon us use used uses using very via was wasn way ways we well were weren what when where
    whereas whether which while who whom whose why will with within without won would wouldn
    yet you your yours yourself yourselves s t d ll m ve
    """.split()
)

# Words of at least this many letters may match with a typo (one edit, two from ten letters;
# a swap of two neighbouring letters is one edit).
_FUZZY_MIN_LEN = 5
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STEMMER = snowballstemmer.stemmer("english")


def tokens(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters and digits; apostrophes kept inside words)."""
    return _WORD_RE.findall(text.casefold())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """The Snowball English stem of one lower-cased word (cached: stemming is the hot path)."""
    return str(_STEMMER.stemWord(word.replace("’", "'")))


def _content_stems(words: Iterable[str]) -> list[str]:
    """Stems of the content words, in order, stopwords and possessive endings removed."""
    out: list[str] = []
    for word in words:
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if word in _STOPWORDS or not word:
            continue
        out.append(_stem(word))
    return out


def _max_edits(word: str) -> int:
    """Typos tolerated in a word: none if short, one from five letters, two from ten."""
    if len(word) < _FUZZY_MIN_LEN:
        return 0
    return 1 if len(word) < 10 else 2


class Reference:
    """A model answer compiled once, to score many answers against it quickly."""

    def __init__(self, reference: str, question: str = "") -> None:
        """Cut the reference and the question into stems; demote stems the question holds."""
        ref_stems = _content_stems(tokens(reference))
        self._question = frozenset(_content_stems(tokens(question)))
        kept = [s for s in ref_stems if s not in self._question]
        # A reference made only of question words still deserves to be matched.
        self._demote = bool(kept)
        self._ref = frozenset(kept if kept else ref_stems)
        self._long = sorted(s for s in self._ref if len(s) >= _FUZZY_MIN_LEN - 1)
        self._typos: dict[str, str | None] = {}

    def _align(self, stem: str) -> str | None:
        """The reference stem this answer stem stands for, if any (equal, or a typo away)."""
        if stem in self._ref:
            return stem
        if stem in self._typos:
            return self._typos[stem]
        found = None
        edits = _max_edits(stem)
        if edits and self._long:
            hit = extractOne(stem, self._long, scorer=OSA.distance, score_cutoff=edits)
            if hit is not None:
                found = hit[0]
        if len(self._typos) < 100_000:
            self._typos[stem] = found
        return found

    def similarity(self, answer: str) -> float:
        """Closeness of ``answer`` to this reference, from 0 (nothing shared) to 1."""
        if not self._ref:
            return 0.0
        stems = set(_content_stems(tokens(answer)))
        if self._demote:
            stems -= self._question
        if not stems:
            return 0.0
        covered: set[str] = set()
        aligned = 0
        for stem in stems:
            target = self._align(stem)
            if target is not None:
                covered.add(target)
                aligned += 1
        recall = len(covered) / len(self._ref)
        precision = aligned / len(stems)
        if recall == 0.0 or precision == 0.0:
            return 0.0
        return 2 * recall * precision / (recall + precision)


@lru_cache(maxsize=1024)
def _compiled(reference: str, question: str) -> Reference:
    """One compiled Reference per (reference, question) pair, reused across calls."""
    return Reference(reference, question)


def reference_similarity(answer: str, reference: str, question: str = "") -> float:
    """Closeness of ``answer`` to the model answer ``reference`` (0 to 1), question demoted."""
    return _compiled(reference, question).similarity(answer)
