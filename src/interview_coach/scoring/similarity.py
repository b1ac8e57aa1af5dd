"""Closeness of an answer to the model answer: aligned content words, 0 to 1.

Lexical only (no models): both texts are cut into content words (stopwords out; quantifiers and
negation kept; number words read as digits), reduced to stems (Snowball English), and each
distinct answer stem is aligned to a reference stem when they are equal or, for words of five
letters or more, when the spellings are a typo apart (one edit, two from ten letters, a swap of
neighbouring letters counting as one, the word keeping its first or last two letters). Words the
question already contains are left out on both sides, as in Sultan, Salazar & Sumner (2016):
reading the question back is not knowing the answer.

The score is the F2 measure of the alignment (recall of the reference's distinct stems counts
four times as much as precision of the answer's, because a grader forgives extra words more
readily than missing ones), then square-rooted: graders give partial answers generous partial
credit, and the root follows their grades more closely than the raw proportion. On the UNT
short-answer corpus (1,074 graded answers) Pearson r with the human grade is 0.59
(``python benchmarks/asag.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import cast

import snowballstemmer
from rapidfuzz.distance import OSA

from interview_coach.scoring.textnorm import normalise_text

__all__ = ["Reference", "reference_similarity", "tokens"]

# A general English stopword list (articles, pronouns, auxiliaries, conjunctions, prepositions,
# degree words): these carry no content of their own, so they neither earn nor cost closeness.
# Quantifiers and negation (all, each, only, once, at least, no, not...) are NOT in it: they
# change what a statement says ("executes at least once", "all dimensions but the first").
_STOPWORDS = frozenset(
    """
    a about above after again against also am an and are aren as at be because been before
    being below between but by can could couldn d did didn do does doesn doing don done down
    during else etc even ever for from further get gets got had hadn has hasn have haven having
    he her here hers herself him himself his how however i if in into is isn it its itself just
    let like ll m made make makes may me might mightn must mustn my myself need needn now of off
    often on or other others otherwise our ours ourselves out over own per rather re really s
    same shall shan she should shouldn since so such t than that the their theirs them
    themselves then there these they thing things this those though through thus to too under
    until up upon us use used uses using ve very via was wasn way ways we well were weren what
    when where whereas whether which while who whom whose why will with within without won
    would wouldn yet you your yours yourself yourselves
    """.split()
)
# Clitics: "n't" is a negation (content); the others leave the word they are attached to.
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")

# Words written two ways that mean the same: number words and digits ("one element" =
# "1 element"), "cannot" and "not".
_CANONICAL = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_CANONICAL["cannot"] = "not"

_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Apostrophe look-alikes, and invisible characters that would otherwise split a word in two.
_APOSTROPHE_RE = re.compile("[\u2018\u2019\u201a\u201b\u2032\u02bc]")
_INVISIBLE_RE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# "i.e." and "e.g." would otherwise leave stray one-letter "content" words behind.
_ABBREVIATION_RE = re.compile(r"\b(?:i\.\s?e|e\.\s?g)\b\.?")
# Every ASCII character that cannot be part of a word becomes a space (for str.split).
_ASCII_SPACES = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "'")}
)
_STEMMER = snowballstemmer.stemmer("english")
if hasattr(_STEMMER, "maxCacheSize"):
    # PyStemmer's own cache purges itself when full, which costs more than it saves.
    _STEMMER.maxCacheSize = 0
_STEM_CACHE: dict[str, str | None] = {}
_STEM_CACHE_LIMIT = 100_000

# Words of at least this many letters may match with a typo.
_FUZZY_MIN_LEN = 5
_TWO_TYPOS_LEN = 10
# Per-Reference memory of how each answer word resolved (bounded against huge pastes).
_WORD_CACHE_LIMIT = 8192

_Resolved = tuple[str, str | None] | None


def tokens(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters and digits; apostrophes kept inside words).

    Words that are not plain ASCII are folded like the theme matcher folds them (accents,
    ligatures, compatibility forms), so "résumé" and "resume" are one word.
    """
    if not text.isascii():
        return _unicode_tokens(text)
    # Fast path (most answers): a C-level translate and split, several times quicker than
    # the regular expression; words with an apostrophe go through it to agree exactly.
    lowered = text.lower()
    if _has_abbreviation(lowered):
        lowered = _ABBREVIATION_RE.sub(" ", lowered)
    words = lowered.translate(_ASCII_SPACES).split()
    if "'" not in text:
        return words
    return [w for word in words for w in (_WORD_RE.findall(word) if "'" in word else (word,))]


def _has_abbreviation(lowered: str) -> bool:
    """Whether lower-cased text may hold "i.e" or "e.g" (which tokens() takes out)."""
    return any(abbreviation in lowered for abbreviation in ("i.e", "e.g", "i. e", "e. g"))


def distinct_tokens(text: str) -> set[str]:
    """``set(tokens(text))``, made without the list: all the closeness needs."""
    if not text.isascii():
        return set(_unicode_tokens(text))
    lowered = text.lower()
    if _has_abbreviation(lowered):
        lowered = _ABBREVIATION_RE.sub(" ", lowered)
    words = set(lowered.translate(_ASCII_SPACES).split())
    if "'" in text:
        # Only the distinct words holding an apostrophe need the regular expression.
        odd = {word for word in words if "'" in word}
        words -= odd
        for word in odd:
            words.update(_WORD_RE.findall(word))
    return words


def _unicode_tokens(text: str) -> list[str]:
    """``tokens`` for text with non-ASCII characters: only the non-ASCII words get folded.

    Folding word by word (with a cache) instead of the whole text keeps a huge paste with a
    few curly quotes about as fast as plain ASCII.
    """
    text = _APOSTROPHE_RE.sub("'", text)
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    out: list[str] = []
    for word in _WORD_RE.findall(_ABBREVIATION_RE.sub(" ", text.casefold())):
        if word.isascii():
            out.append(word)
        else:
            out.extend(_fold_word(word))
    return out


@lru_cache(maxsize=16384)
def _fold_word(word: str) -> tuple[str, ...]:
    """The words a non-ASCII word folds to (usually one: "résumé" -> "resume")."""
    return tuple(_WORD_RE.findall(normalise_text(word)))


def _without_clitic(word: str) -> str:
    """The word without a trailing clitic; any "n't" form becomes "not"."""
    if word.endswith("n't"):
        return "not"
    for clitic in _CLITICS:
        if word.endswith(clitic):
            return word[: -len(clitic)]
    return word


def _stems(words: list[str]) -> list[str | None]:
    """The stem of each content word (a number word as digits), None for a stopword.

    Words not seen before are stemmed in one call (PyStemmer's C loop); stems are remembered
    in a bounded table that is filled once and never purged, since purging costs more than
    stemming again.
    """
    cache = _STEM_CACHE
    out: list[str | None] = []
    todo: list[str] = []
    where: list[int] = []
    for word in words:
        if word in cache:
            out.append(cache[word])
            continue
        base = _without_clitic(word) if "'" in word else word
        if base and base not in _STOPWORDS and base not in _CANONICAL:
            where.append(len(out))
            todo.append(base)
        out.append(_CANONICAL.get(base))
    stems = _STEMMER.stemWords(todo) if todo else []
    for i, stem in zip(where, stems, strict=True):
        out[i] = stem
    if len(cache) + len(words) <= _STEM_CACHE_LIMIT:
        cache.update(zip(words, out, strict=True))
    return out


def _content_stems(text: str) -> list[tuple[str, str]]:
    """(word, stem) for each content word of ``text``, in order."""
    words = tokens(text)
    return [(w, s) for w, s in zip(words, _stems(words), strict=True) if s is not None]


class _TypoIndex:
    """Finds the reference stem a misspelt word stands for, looking only at likely spellings."""

    def __init__(self, spellings: dict[str, str]) -> None:
        """Index each reference spelling (word or stem -> stem) by its first and last two letters."""
        self._spellings = spellings
        self._by_head: dict[str, list[str]] = {}
        self._by_tail: dict[str, list[str]] = {}
        for key in sorted(spellings):
            self._by_head.setdefault(key[:2], []).append(key)
            self._by_tail.setdefault(key[-2:], []).append(key)

    def find(self, word: str) -> str | None:
        """The stem of the closest reference spelling within the typos ``word`` may have.

        A typo near the start of a word leaves its last two letters alone and a typo further in
        leaves its first two, so only spellings sharing one of those ends are compared.
        """
        size = len(word)
        if size < _FUZZY_MIN_LEN:
            return None
        edits = 1 if size < _TWO_TYPOS_LEN else 2
        best, best_distance = None, edits + 1
        for bucket in (self._by_head.get(word[:2], ()), self._by_tail.get(word[-2:], ())):
            for key in bucket:
                if -edits <= len(key) - size <= edits:
                    distance = OSA.distance(word, key, score_cutoff=edits)
                    if distance < best_distance:
                        best, best_distance = key, distance
        return None if best is None else self._spellings[best]


class Reference:
    """A model answer compiled once, to score many answers against it quickly."""

    def __init__(self, reference: str, question: str = "") -> None:
        """Cut the reference and the question into stems; leave out stems the question holds."""
        pairs = _content_stems(reference)
        self._question = frozenset(stem for _, stem in _content_stems(question))
        kept = [(word, stem) for word, stem in pairs if stem not in self._question]
        # A reference made only of question words must still be matchable.
        if not kept:
            kept = pairs
            self._question = frozenset()
        self._ref = frozenset(stem for _, stem in kept)
        spellings: dict[str, str] = {}
        for word, stem in kept:
            spellings.setdefault(word, stem)
            spellings.setdefault(stem, stem)
        self._typos = _TypoIndex(spellings)
        self._words: dict[str, _Resolved] = {}

    def _resolve(self, words: list[str]) -> dict[str, _Resolved]:
        """(stem, aligned reference stem or None) per answer word; None if it does not count.

        Stopwords and words of the question do not count. Results are remembered per word
        (up to a limit, so a huge paste cannot grow the memory without end).
        """
        resolved: dict[str, _Resolved] = {}
        for word, stem in zip(words, _stems(words), strict=True):
            if stem is None or stem in self._question:
                resolved[word] = None
            else:
                target = stem if stem in self._ref else None
                if target is None and len(word) >= _FUZZY_MIN_LEN:
                    target = self._typos.find(word)
                resolved[word] = (stem, target)
        if len(self._words) + len(resolved) <= _WORD_CACHE_LIMIT:
            self._words.update(resolved)
        return resolved

    def similarity(self, answer: str) -> float:
        """Closeness of ``answer`` to this reference, from 0 (nothing shared) to 1."""
        if not self._ref:
            return 0.0
        return self.similarity_of_words(distinct_tokens(answer))

    def similarity_of_text(self, text: str, words: Iterable[str]) -> float:
        """``similarity(text)`` for a text whose words the theme matcher has cut already
        (``words``, its normalised tokens): on ASCII text with no "i.e" or "e.g" both cut
        the same words, so they are taken as they are."""
        if not self._ref:
            return 0.0
        if text.isascii() and not _has_abbreviation(text.lower()):
            return self.similarity_of_words(set(words))
        return self.similarity(text)

    def similarity_of_words(self, distinct: set[str]) -> float:
        """Closeness of an answer whose distinct words (as :func:`tokens` cuts them) are
        ``distinct``: all the closeness depends on."""
        if not self._ref:
            return 0.0
        # Each distinct word is looked at once: the cost follows the vocabulary, not the length.
        # The result does not depend on the order words are visited in.
        known = self._words
        missing = distinct.difference(known)  # at C speed (a dict: its keys' hashes are kept)
        # The distinct (stem, aligned reference stem or None) of the words that count.
        found = set(map(known.get, distinct))
        if missing:
            found.update(self._resolve(list(missing)).values())  # also when not remembered
        found.discard(None)
        said = cast("set[tuple[str, str | None]]", found)
        covered = {target for _stem, target in said if target is not None}
        if not covered:
            return 0.0
        # Precision is over answer stems: one aligned when any of its words is.
        aligned = {stem for stem, target in said if target is not None}
        stems = {stem for stem, _target in said}
        recall = len(covered) / len(self._ref)
        precision = len(aligned) / len(stems)
        f2 = 5 * precision * recall / (4 * precision + recall)
        return min(1.0, math.sqrt(f2))


class Tally:
    """``Reference.similarity_of_words`` kept up to date as the distinct words change: each
    call looks only at the words that came or went since the previous one (live scoring,
    where typing one more word changes a word or two of hundreds). Same value, same float."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self._distinct: set[str] = set()
        self._pairs: dict[tuple[str, str | None], int] = {}  # (stem, target) -> words of it
        self._stems: dict[str, int] = {}  # stem -> its pairs
        self._aligned: dict[str, int] = {}  # stem -> its pairs with a target
        self._covered: dict[str, int] = {}  # target -> its pairs

    def similarity(self, distinct: set[str]) -> float:
        """``reference.similarity_of_words(distinct)``."""
        reference = self.reference
        if not reference._ref:
            return 0.0
        gone = self._distinct - distinct
        came = distinct - self._distinct
        self._distinct = distinct
        if gone:
            self._count(gone, -1)
        if came:
            self._count(came, 1)
        if not self._covered:
            return 0.0
        recall = len(self._covered) / len(reference._ref)
        precision = len(self._aligned) / len(self._stems)
        f2 = 5 * precision * recall / (4 * precision + recall)
        return min(1.0, math.sqrt(f2))

    def _count(self, words: set[str], step: int) -> None:
        known = self.reference._words
        missing = words.difference(known)
        found = list(map(known.get, words.intersection(known)))
        if missing:
            found += self.reference._resolve(list(missing)).values()
        pairs = self._pairs
        for pair in found:
            if pair is None:
                continue
            n = pairs.get(pair, 0) + step
            if n:
                pairs[pair] = n
                if n > 1 or step < 0:
                    continue  # the pair was said before and still is
            else:
                del pairs[pair]
            stem, target = pair
            _bump(self._stems, stem, step)
            if target is not None:
                _bump(self._aligned, stem, step)
                _bump(self._covered, target, step)


def _bump(counts: dict[str, int], key: str, step: int) -> None:
    n = counts.get(key, 0) + step
    if n:
        counts[key] = n
    else:
        del counts[key]


@lru_cache(maxsize=256)
def _compiled(reference: str, question: str) -> Reference:
    """One compiled Reference per (reference, question) pair, reused across calls."""
    return Reference(reference, question)


def reference_similarity(answer: str, reference: str, question: str = "") -> float:
    """Closeness of ``answer`` to the model answer ``reference`` (0 to 1), question demoted."""
    return _compiled(reference, question).similarity(answer)
