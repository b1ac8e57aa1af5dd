"""Text normalisation, tokenisation with offsets into the original text, and cached stemming.

Everything the scorer compares goes through here, so an answer pasted from a word processor
(curly quotes, non-breaking spaces and hyphens, zero-width characters, ligatures, accents)
matches the same keywords as one typed by hand, while every token still knows where it came
from in the ORIGINAL text: ``original[token.start:token.end]`` is the text the user wrote.

Normalisation works one character at a time (NFKC, case folding, accents stripped, a few
punctuation foldings), so it can be applied to any tail of a text on its own: the live scorer
relies on this to re-read only what changed.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

import snowballstemmer

# Characters folded before NFKC: quotes to ASCII, dashes and hyphens, invisible characters.
_SPECIAL: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2043": "-", "\ufe63": "-", "\uff0d": "-",
    # En and em dashes separate clauses rather than join words.
    "\u2012": " , ", "\u2013": " , ", "\u2014": " , ", "\u2015": " , ",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u3000": " ",
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
}
# Removed outright: zero-width characters, soft hyphen, bidi controls, BOM.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\ufeff"
)
for _ch in _INVISIBLE:
    _SPECIAL[_ch] = ""


def _fold_char(ch: str) -> str:
    """NFKC, case folding and accent stripping of one character."""
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    category = unicodedata.category(ch)
    if category == "Cc" and ch not in "\t\n\r":
        return " "  # control characters separate words; they never join them
    if category in ("Cf", "Cs", "Co"):
        return ""
    folded = unicodedata.normalize("NFKC", ch).casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped == decomposed:
        return folded  # nothing stripped (e.g. Hangul): keep the composed form
    return "".join(_SPECIAL.get(c, c) for c in stripped)


class _FoldTable(dict[str, str]):
    """A cache of :func:`_fold_char` results that fills itself."""

    def __missing__(self, ch: str) -> str:
        value = _fold_char(ch)
        if len(self) < 200_000:
            self[ch] = value
        return value


_FOLD = _FoldTable()


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus the map back to the original.

    ``cum`` is None when every character maps to exactly one (the usual ASCII case);
    otherwise ``cum[i]`` is where original character ``i`` starts in the normalised text.
    """

    text: str
    original_length: int
    cum: Sequence[int] | None = None

    def start_of(self, pos: int) -> int:
        """Original offset of the normalised character at ``pos`` (a token start)."""
        if self.cum is None:
            return pos
        return bisect_right(self.cum, pos) - 1

    def end_of(self, pos: int) -> int:
        """Original offset just after the normalised character at ``pos - 1`` (a token end)."""
        if self.cum is None:
            return pos
        if pos <= 0:
            return 0
        return min(bisect_right(self.cum, pos - 1), self.original_length)


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, keeping a map back to the original offsets."""
    if text.isascii():
        return Normalised(text.lower(), len(text))
    pieces = list(map(_FOLD.__getitem__, text))
    folded = "".join(pieces)
    if len(folded) == len(text) and all(len(p) == 1 for p in pieces):
        return Normalised(folded, len(text))
    # An array of machine ints: a quarter of the memory of a list for a 1 MB paste.
    return Normalised(folded, len(text), array("q", accumulate(map(len, pieces), initial=0)))


def normalise_text(text: str) -> str:
    """Only the normalised text (for keywords, prompts and model answers)."""
    return normalise(text).text


# Gap kinds: what separates a token from the one before it.
# (Numbered from 1 so that a kind is never falsy.)
GAP_SPACE = 1  # one space: words may form a compound ("self care")
GAP_JOIN = 2  # a hyphen or slash: words may form a compound ("self-care")
GAP_SOFT = 3  # other spacing or quotes: still one phrase
GAP_CLAUSE = 4  # comma, bracket, dash: a new clause (negation stops here)
GAP_SENTENCE = 5  # full stop, line break and the like: a new sentence

_SENTENCE_CHARS = frozenset(".!?;:\n\r")
_CLAUSE_CHARS = frozenset(",()[]{}")

# A word: letters and digits, with inner apostrophes ("don't", "o'clock").
TOKEN_RE = re.compile(r"([\W_]*)([^\W_]+(?:'[^\W_]+)*)")
_MAX_GAP_CACHE = 4096
GAP_CACHE: dict[str, int] = {}


def gap_kind(gap: str) -> int:
    """Classify the text between two tokens (see the ``GAP_*`` constants)."""
    kind = GAP_CACHE.get(gap)
    if kind is not None:
        return kind
    if gap in ("", " "):
        kind = GAP_SPACE
    elif gap in ("-", "/"):
        kind = GAP_JOIN
    elif any(c in _SENTENCE_CHARS for c in gap):
        kind = GAP_SENTENCE
    elif any(c in _CLAUSE_CHARS for c in gap):
        kind = GAP_CLAUSE
    else:
        kind = GAP_SOFT
    if len(gap) < 16 and len(GAP_CACHE) < _MAX_GAP_CACHE:
        GAP_CACHE[gap] = kind
    return kind


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its normalised text, original span and what separates it from the word before."""

    text: str
    start: int
    end: int
    gap: int


def iter_tokens(text: str, offset: int = 0, first_gap: int = GAP_SENTENCE) -> Iterator[Token]:
    """Tokens of ``text`` with spans in the original (shifted by ``offset``).

    The first token's gap is ``first_gap`` unless text before it says otherwise.
    """
    norm = normalise(text)
    for index, match in enumerate(TOKEN_RE.finditer(norm.text)):
        gap_text, word = match.group(1), match.group(2)
        gap = gap_kind(gap_text)
        if index == 0 and not gap_text:
            gap = first_gap
        start, end = match.span(2)
        yield Token(word, offset + norm.start_of(start), offset + norm.end_of(end), gap)


def tokens(text: str) -> list[Token]:
    """All tokens of ``text`` (see :func:`iter_tokens`)."""
    return list(iter_tokens(text))


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return [m.group(2) for m in TOKEN_RE.finditer(normalise(text).text)]


# Stemming: snowball English (PyStemmer's C code when installed), cached.
_STEMMER = snowballstemmer.stemmer("english")
# PyStemmer's own cache purges itself when full, which is slow on a stream of unique words;
# ours (below) is a plain dict.
if hasattr(_STEMMER, "maxCacheSize"):
    _STEMMER.maxCacheSize = 0
_STEM_CACHE: dict[str, str] = {}
_MAX_STEM_WORD = 40  # longer "words" are pasted junk: not worth stemming


# Endings Snowball leaves on some forms of a word family, folded when at least five letters
# remain: experienc(ed) -> experi(ence), recoveri (recovery) -> recov(er), advocaci ->
# advoc(ate), performanc(e) -> perform, empathi (empathy) -> empath(ise), healthi -> health.
_FOLD_ENDINGS = (("enc", ""), ("anc", ""), ("eri", ""), ("aci", ""), ("thi", "th"))
_MIN_FOLDED = 5


def _fold_ending(root: str) -> str:
    for ending, replacement in _FOLD_ENDINGS:
        if root.endswith(ending):
            folded = root[: -len(ending)] + replacement
            return folded if len(folded) >= _MIN_FOLDED else root
    return root


def stem(word: str) -> str:
    """The stem of a normalised word, stemmed twice so that derived forms meet.

    ``empowerment`` -> ``empower`` -> ``empow`` meets ``empower`` -> ``empow``; a few endings
    that the stemmer leaves on one member of a family are folded too (see ``_FOLD_ENDINGS``).
    """
    cached = _STEM_CACHE.get(word)
    if cached is not None:
        return cached
    if len(word) > _MAX_STEM_WORD or not word.isascii():
        result = word
    else:
        base = word.replace("'", "")
        result = _fold_ending(_STEMMER.stemWord(_STEMMER.stemWord(base)))
    if len(_STEM_CACHE) < 500_000:
        _STEM_CACHE[word] = result
    return result
