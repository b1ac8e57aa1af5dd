"""Known English words and word forms: which answer words may be typos, and the lemma of a word.

The word list is the English list that the ``wordfreq`` package ships (Apache-2.0 code; its
data combine several large corpora): a word is *known* when its Zipf frequency is 2.0 or more
(about once in 10 million words; some 95,000 words and forms, common typos such as "boundries"
or "expereince" fall below). Only the frequency buckets above that line are read, once, the
first time a lexicon question is asked.

A word's lemma is found by English inflection rules (plural and third person ``-s``/``-es``/
``-ies``, past ``-ed``/``-ied``, ``-ing``, a doubled final consonant, a silent ``e``) and each
candidate base is checked against the word list: "boundaries" -> "boundary", "caring" -> "care",
"stopped" -> "stop", "listening" -> "listen". Derivations are never undone, so words of different
lemmas stay apart: "identify"/"identity", "access"/"accessible", "minds"/"mindfulness",
"celebrities"/"celebrate", "confidence"/"confidential".
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import os
import re
import threading

import msgpack

from interview_coach.scoring.textnorm import irregular_base

# Zipf frequency from which a word counts as known: buckets are centibels below 1 (bucket i
# holds words of Zipf frequency 9 - i/100).
KNOWN_ZIPF = 2.0
_LAST_BUCKET = round((9.0 - KNOWN_ZIPF) * 100)
_VOWELS = frozenset("aeiou")
_NO_DOUBLING = frozenset("wxy")
_LOCK = threading.Lock()
_KNOWN: frozenset[str] | None = None
# Common words: wordfreq's buckets hold words by frequency in centibels, so Zipf = 9 - bucket/100.
COMMON_ZIPF = 4.5
_COMMON_BUCKET = round((9 - COMMON_ZIPF) * 100)
_COMMON: frozenset[str] | None = None
# Abstract nouns, told by their ending ("validation", "non-defensiveness", "authenticity",
# "empowerment", "resilience", "allyship"): with VALUE_WORDS, what salad dressed as sentences is
# made of, however many "I'd ..." frame it (see policy.ABSTRACT_DENSITY). A morphological test,
# not a list: it holds for the field's words nobody listed. Words of ABSTRACT_MIN_LENGTH letters
# or more only ("sense", "ness" are not).
ABSTRACT_ENDING = re.compile(r"(?:tion|sion|ness|ity|ment|ance|ence|ism|ship|hood)s?$")
ABSTRACT_MIN_LENGTH = 7
# Words whose "'s" is "is" or "has" (or "us"), never a possessive: "that's" is not "that", so the
# phrase "that's it" does not match "that it".
_CONTRACTED_IS = frozenset(
    "that it he she what who there here where how when why let this".split()
)


def _word_list_path() -> str:
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordfreq package is missing: pip install wordfreq")
    return os.path.join(next(iter(spec.submodule_search_locations)), "data", "large_en.msgpack.gz")


def _load() -> frozenset[str]:
    """The known words: wordfreq's English buckets down to KNOWN_ZIPF (the rest is not read)."""
    with open(_word_list_path(), "rb") as stream:
        raw = gzip.decompress(stream.read())  # one read: streaming the gzip is much slower
    unpacker = msgpack.Unpacker(raw=False)
    unpacker.feed(raw)
    count = unpacker.read_array_header()
    unpacker.skip()  # the header: {'format': 'cB', 'version': 1}
    words: set[str] = set()
    for bucket in range(min(count - 1, _LAST_BUCKET + 1)):
        words.update(unpacker.unpack())
        if bucket == _COMMON_BUCKET:
            global _COMMON
            _COMMON = frozenset(words)
    return frozenset(words)


def known_words() -> frozenset[str]:
    """The set of known English words (loaded on first use; thread-safe)."""
    global _KNOWN
    if _KNOWN is None:
        with _LOCK:
            if _KNOWN is None:
                _KNOWN = _load()
    return _KNOWN


def is_common(word: str) -> bool:
    """Whether a normalised word is a common English word (Zipf frequency COMMON_ZIPF or
    more: "trust", "recovery", "crisis"), one with many everyday senses."""
    known_words()
    return _COMMON is not None and word in _COMMON


def preload() -> None:
    """Load the word list now (for a caller that would rather pay at start-up)."""
    known_words()


def is_known(word: str) -> bool:
    """Whether a normalised word is a known English word or an inflection of one."""
    known = known_words()
    return word in known or lemma(word) != word


def _monosyllable_ending_vc(base: str) -> bool:
    """Whether ``base`` has one vowel group and ends vowel + consonant ("car", "hop", "us"):
    such a base doubles its consonant before -ing/-ed ("hopping"), so "hoping" is "hope"."""
    if len(base) < 2 or base[-1] in _VOWELS or base[-1] in _NO_DOUBLING or \
            base[-2] not in _VOWELS:
        return False
    return _vowel_groups(base) == 1 and (len(base) < 3 or base[-3] not in _VOWELS)


def _vowel_groups(word: str) -> int:
    """How many groups of vowels ``word`` has (about its syllables)."""
    groups, inside = 0, False
    for ch in word:
        vowel = ch in _VOWELS
        if vowel and not inside:
            groups += 1
        inside = vowel
    return groups


def _verb_base(stem: str, known: frozenset[str]) -> str | None:
    """The base of a word stripped of -ing or -ed, checked against the word list."""
    if len(stem) < 2 or not any(ch in _VOWELS or ch == "y" for ch in stem):
        return None  # "thing", "bring", "shed": not inflections
    with_e = stem + "e"
    if stem in known and with_e in known:
        return with_e if _monosyllable_ending_vc(stem) else stem
    if stem in known:
        return stem
    if with_e in known:
        return with_e
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS and \
            stem[:-1] in known:
        return stem[:-1]  # "stopping", "planned"
    return None


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lemma of a normalised word by inflection rules checked against the word list
    (the word itself when no rule gives a known base)."""
    irregular = irregular_base(word)
    if irregular is not None:
        return irregular  # "kept" -> "keep", "went" -> "go"
    if len(word) < 4 or not word.isalpha():
        if word.endswith("'s") and len(word) > 3 and word[:-2] not in _CONTRACTED_IS:
            return lemma(word[:-2])
        return word
    known = known_words()
    base: str | None = None
    if word.endswith("ies") and len(word) >= 5 and word[:-3] + "y" in known:
        base = word[:-3] + "y"  # "boundaries"
    elif word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh", "o")) and \
            word[:-2] in known:
        base = word[:-2]  # "reaches", "goes"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and word[:-1] in known:
        base = word[:-1]
    elif word.endswith("ied") and len(word) >= 5 and word[:-3] + "y" in known:
        base = word[:-3] + "y"  # "studied"
    elif word.endswith("eed"):
        # "agreed" is "agree" + d; "need", "seed", "feed" are words of their own.
        if word[:-1] in known and _vowel_groups(word[:-1]) > 1:
            base = word[:-1]
    elif word.endswith("ed"):
        base = _verb_base(word[:-2], known)
    elif word.endswith("ying") and word[:-4] + "ie" in known:
        base = word[:-4] + "ie"  # "lying"
    elif word.endswith("ing"):
        base = _verb_base(word[:-3], known)
    if base is None or base == word:
        return word
    # A plural of an -ing noun or the like: "feelings" -> "feeling" -> "feel".
    return lemma(base) if base.endswith(("ing", "ed")) else base
