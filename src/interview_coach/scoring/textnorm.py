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
from functools import partial

import snowballstemmer

# Characters folded before NFKC: quotes to ASCII, dashes and hyphens, invisible characters.
_SPECIAL: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2043": "-", "\ufe63": "-", "\uff0d": "-",
    # En and em dashes separate clauses rather than join words.
    "\u2012": ",", "\u2013": ",", "\u2014": ",", "\u2015": ",",
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


# Characters whose folded form is not exactly one character (zero-width, ligatures, "ß"...).
_LENGTH_CHANGERS: set[str] = set()


class _TranslateTable(dict[int, str]):
    """The same folding as a ``str.translate`` table (keys are code points), filling itself."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = _fold_char(ch)
        if len(value) != 1:
            _LENGTH_CHANGERS.add(ch)
        if len(self) < 200_000:
            self[code] = value
        return value


_TRANSLATE = _TranslateTable()
# ASCII control characters other than tab and line breaks: spaces, as in the non-ASCII path.
# ASCII text holds one when deleting every other character leaves something (bytes.translate:
# a table look-up per byte, some five times quicker than a regular expression's search).
_ASCII_NOT_CONTROL = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])
_ASCII_CONTROL_TABLE = {c: " " for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus the map back to the original.

    Most characters fold to exactly one character. The few that do not (zero-width characters
    fold to none, a ligature to two) are listed in order: ``orig[k]`` is where the k-th is in
    the original, ``norm[k]`` where its folded form starts in the normalised text and
    ``size[k]`` that form's length. Between them, offsets move one for one.
    """

    text: str
    original_length: int
    orig: Sequence[int] = ()
    norm: Sequence[int] = ()
    size: Sequence[int] = ()

    @property
    def identity(self) -> bool:
        """Whether every normalised offset equals the original one."""
        return not self.orig

    def _original(self, pos: int) -> int:
        """Original offset of the character that produced normalised character ``pos``."""
        k = bisect_right(self.norm, pos) - 1
        if k < 0:
            return pos
        inside = pos - self.norm[k]
        if inside < self.size[k]:
            return self.orig[k]  # a character of a multi-character fold
        return self.orig[k] + 1 + inside - self.size[k]

    def starts_of(self, positions: list[int]) -> list[int]:
        """:meth:`start_of` of many sorted positions at once (the tokeniser's hot path)."""
        if not self.orig:
            return positions
        # Indexed by "changers at or before p" (0 = none): a position inside the k-th fold maps
        # to its character; past it, it moves by a constant.
        limit = [-1, *(n + z for n, z in zip(self.norm, self.size, strict=True))]
        source = [0, *self.orig]
        shift = [0, *(o + 1 - n - z for o, n, z in zip(self.orig, self.norm, self.size,
                                                       strict=True))]
        after = map(partial(bisect_right, self.norm), positions)
        return [source[i] if p < limit[i] else p + shift[i]
                for p, i in zip(positions, after, strict=True)]

    def ends_of(self, positions: list[int]) -> list[int]:
        """:meth:`end_of` of many positions at once (each > 0)."""
        if not self.orig:
            return positions
        limit = self.original_length
        return [min(o + 1, limit) for o in self.starts_of([p - 1 for p in positions])]

    def start_of(self, pos: int) -> int:
        """Original offset of the normalised character at ``pos`` (a token start)."""
        return pos if not self.orig else self._original(pos)

    def end_of(self, pos: int) -> int:
        """Original offset just after the normalised character at ``pos - 1`` (a token end)."""
        if not self.orig:
            return pos
        if pos <= 0:
            return 0
        return min(self._original(pos - 1) + 1, self.original_length)


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, keeping a map back to the original offsets."""
    if text.isascii():
        lowered = text.lower()
        if lowered.encode("ascii").translate(None, _ASCII_NOT_CONTROL):
            lowered = lowered.translate(_ASCII_CONTROL_TABLE)
        return Normalised(lowered, len(text))
    folded = text.translate(_TRANSLATE)  # C speed; fills the tables as a side effect
    if _LENGTH_CHANGERS.isdisjoint(text):
        return Normalised(folded, len(text))  # one character for one: offsets unchanged
    orig, norm, size = array("q"), array("q"), array("q")
    shift = 0
    for match in _changers_re().finditer(text):
        at = match.start()
        length = len(_TRANSLATE[ord(match.group())])
        orig.append(at)
        norm.append(at + shift)
        size.append(length)
        shift += length - 1
    return Normalised(folded, len(text), orig, norm, size)


_CHANGERS_RE: list[tuple[int, re.Pattern[str]]] = []


def _changers_re() -> re.Pattern[str]:
    """A character class of the length-changing characters seen so far (rebuilt as it grows)."""
    if not _CHANGERS_RE or _CHANGERS_RE[0][0] != len(_LENGTH_CHANGERS):
        chars = "".join(re.escape(c) for c in sorted(_LENGTH_CHANGERS))
        _CHANGERS_RE[:] = [(len(_LENGTH_CHANGERS), re.compile(f"[{chars}]"))]
    return _CHANGERS_RE[0][1]


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

# A word: letters and digits, with inner apostrophes ("don't", "o'clock"); a number written
# with thousands separators is one word ("16,000" is not "16" and the emergency number "000").
TOKEN_RE = re.compile(r"([\W_]*)([0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[^\W_]+(?:'[^\W_]+)*)")
# The word part alone, captured: ``WORD_SPLIT_RE.split(text)`` alternates gap and word (the
# pairs of TOKEN_RE.findall, flat) and ends with the text after the last word.
# (Possessive repeats: the same splits with no backtracking points kept; see below.)
WORD_SPLIT_RE = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[^\W_]++(?:'[^\W_]++)*+)")
# The same on ASCII text (where it splits alike: [^\W_] is [a-zA-Z0-9] there), about twice as
# quick: possessive repeats ("++", "*+") keep no backtracking points, which could never help
# (an apostrophe is not a word character, and nothing follows the group).
_WORD_SPLIT_ASCII_RE = re.compile(
    r"([0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[a-zA-Z0-9]++(?:'[a-zA-Z0-9]++)*+)")


def split_words(text: str) -> list[str]:
    """``WORD_SPLIT_RE.split(text)``: gap, word, gap, word, ..., then the text after the last
    word."""
    if text.isascii():
        return _WORD_SPLIT_ASCII_RE.split(text)
    return WORD_SPLIT_RE.split(text)
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
    """The normalised words of ``text`` (the words of TOKEN_RE's matches, found by the
    quicker split: see WORD_SPLIT_RE)."""
    return split_words(normalise(text).text)[1::2]


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


# Irregular verb forms read as their base form, so "kept it secret" meets "keep it secret" and
# "things got better" meets "things get better". Forms that are common words of their own
# ("left", "saw", "found", "lay") are left alone.
_IRREGULAR: dict[str, str] = {
    form: base
    for base, forms in {
        "get": "got gotten", "take": "took taken", "make": "made", "feel": "felt",
        "keep": "kept", "go": "went gone", "give": "gave given", "say": "said",
        "tell": "told", "think": "thought", "bring": "brought", "build": "built",
        "come": "came", "know": "knew known", "speak": "spoke spoken", "write": "wrote written",
        "hold": "held", "lead": "led", "meet": "met", "sit": "sat", "stand": "stood",
        "understand": "understood", "break": "broke broken", "choose": "chose chosen",
        "fall": "fell fallen", "teach": "taught", "learn": "learnt", "hear": "heard",
        "pay": "paid", "seek": "sought", "catch": "caught", "lose": "lost", "spend": "spent",
        "send": "sent", "begin": "began begun", "grow": "grew grown", "draw": "drew drawn",
        "do": "did done", "see": "seen", "run": "ran", "be": "was were been",
        "have": "had has", "deal": "dealt", "mean": "meant", "sleep": "slept",
        "forget": "forgot forgotten", "hide": "hid hidden",
    }.items()
    for form in forms.split()
}


def is_irregular_form(word: str) -> bool:
    """Whether a normalised word is an irregular verb form read as its base ("been", "went")."""
    return word in _IRREGULAR


def irregular_base(word: str) -> str | None:
    """The base form of an irregular verb form ("kept" -> "keep"), None for other words."""
    return _IRREGULAR.get(word)


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
        base = _IRREGULAR.get(word, word).replace("'", "")
        result = _fold_ending(_STEMMER.stemWord(_STEMMER.stemWord(base)))
    if len(_STEM_CACHE) < 500_000:
        _STEM_CACHE[word] = result
    return result


# A line break inside a sentence of hard-wrapped prose (text pasted from an e-mail or a document
# wrapped at a fixed width): after a long line, before a word in lower case or the pronoun "I".
_WRAP_BREAK = re.compile(r"(?<=\S)[ \t]*\r?\n[ \t]*(?=\S)")
# A line this long (in characters) before the break reads as wrapped prose; a list of short
# lines ("Empathy\nBoundaries\nHope") keeps its breaks.
WRAPPED_LINE_CHARS = 40
# Marks that end a line of wrapped prose where a sentence may end.
_LINE_END_MARKS = frozenset(".!?:;\"')\u201d\u2019")
# Marks that may open the next line of wrapped prose before its first word.
_OPENERS = frozenset("\"'(\u201c\u2018[")


def join_wrapped(text: str, start: int = 0) -> str:
    """``text[start:]`` with each line break inside a sentence of hard-wrapped prose made a
    space, so that a phrase split over two lines ("what they tell me stays\\nbetween us") is
    read as one. The same length: offsets still point into the original."""
    if "\n" not in text[start:]:
        return text[start:]
    pieces: list[str] = []
    at = start
    for found in _WRAP_BREAK.finditer(text, start):
        after = found.end()
        nxt = text[after]
        if nxt in _OPENERS and text[after + 1: after + 2].islower():
            nxt = text[after + 1]  # a quotation or a bracket opening on the next line
        if not (nxt.islower() or (nxt == "I" and text[after + 1: after + 2] in ("", " ", "'",
                                                                               "\u2019"))
                or (nxt.isupper() and text[found.start() - 1] not in _LINE_END_MARKS)):
            # A capital after a line that ends without a mark is a name read on: "I put it
            # up on my\nInstagram".
            continue
        line_start = text.rfind("\n", 0, found.start()) + 1
        if found.start() - line_start < WRAPPED_LINE_CHARS:
            continue
        pieces.append(text[at:found.start()])
        pieces.append(" " * (after - found.start()))
        at = after
    pieces.append(text[at:])
    return "".join(pieces)
