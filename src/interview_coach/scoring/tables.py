"""A bank's compiled keyword tables: patterns by first key, typo look-up, per-question views.

About 660 lines on purpose: the pattern records, the tries they compile into, the per-word
start entries and the masks the scan reads (reach, gap reach, pair wants) are built together
and must agree; split, each half would import the other's private shapes.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, cast

from rapidfuzz.distance import OSA, Levenshtein
from rapidfuzz.process import extract

from interview_coach._util.gcpause import gc_paused
from interview_coach.banks.models import Bank
from interview_coach.scoring import textnorm
from interview_coach.scoring.lexicon import is_known, lemma
from interview_coach.scoring.senses import _names_harm
from interview_coach.scoring.words import (
    _CONTRACTED_NOT,
    _OBJECT_WORDS,
    _POSSESSIVE_WORDS,
    _REFLEXIVE_WORDS,
    _SLOT_OF_KEYWORD_WORD,
    _SUBJECT_WORDS,
    FILLERS,
    HEDGES,
    STOPWORDS,
)

# Pattern kinds.
_THEME, _QTERM, _FLAG, _FILLER, _HEDGE, _STAR, _ANTI = range(7)
KINDS = 7

# Words a gap ("...") in a phrase may span, inside one sentence.
GAP_WORDS = 5
_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")
# A phrase with more readings than this keeps the first ones (a guard against a bank whose
# alternatives multiply out of hand; `lint` names such phrases).
MAX_READINGS = 512


def expand_alternatives(phrase: str) -> list[str]:
    """Every reading of a phrase with ``{a|b}`` alternatives ("{share|give out} my number" ->
    "share my number", "give out my number"); at most MAX_READINGS readings."""
    found = _ALTERNATIVES.search(phrase)
    if found is None:
        return [phrase]
    out: list[str] = []
    for choice in found.group(1).split("|"):
        reading = phrase[: found.start()] + choice + phrase[found.end():]
        out.extend(expand_alternatives(reading))
        if len(out) >= MAX_READINGS:
            break
    return out[:MAX_READINGS]


class _Option:
    """One option of a part of a phrase: literal text, or one choice of a ``{a|b}`` group."""

    __slots__ = ("keys", "marks", "words")

    def __init__(self, text: str) -> None:
        pieces = text.split("...")
        words: list[str] = []
        marks: list[int] = []
        for piece in pieces[:-1]:
            words += textnorm.words(piece)
            marks.append(len(words))  # a gap "..." after this many of the option's words
        words += textnorm.words(pieces[-1])
        self.words = tuple(words)
        self.marks = tuple(marks)
        # The keys of the words inside a phrase (set on first use: see _Tables._readings).
        self.keys: tuple[str, ...] | None = None


def _option(text: str, made: dict[str, _Option]) -> _Option:
    """The option of ``text``, made once (see _parts_of)."""
    found = made.get(text)
    if found is None:
        found = made[text] = _Option(text)
    return found


# What may stand next to a group for its choices to be cut into words on their own: a
# character that is never part of a word and never part of a gap "..." (an apostrophe
# joins words: "{her|his}'s"; a letter would join a choice to the text beside it).
_PART_EDGES = frozenset(" \t,;:!?()-/\"")


def _parts_of(phrase: str, made: dict[str, _Option]) -> list[tuple[_Option, ...]]:
    """A phrase cut into parts, each a tuple of options: literal text (one option) or the
    choices of a ``{a|b}`` group; every reading is one option of each part, and its words the
    options' words in turn. Empty when the phrase cannot be read so (a group inside another
    group or beside a word character): then expand_alternatives reads it. ``made`` holds the
    options made so far by their text (phrases share many: "{he|she|they}")."""
    parts: list[tuple[_Option, ...]] = []
    at = 0
    for found in _ALTERNATIVES.finditer(phrase):
        start, end = found.span()
        if (start > 0 and phrase[start - 1] not in _PART_EDGES) or \
                (end < len(phrase) and phrase[end] not in _PART_EDGES):
            return []
        if start > at:
            parts.append((_option(phrase[at:start], made),))
        parts.append(tuple(_option(choice, made) for choice in found.group(1).split("|")))
        at = end
    if at < len(phrase):
        parts.append((_option(phrase[at:], made),))
    if any("{" in option_text or "}" in option_text
           for option_text in _ALTERNATIVES.split(phrase)[::2]):
        return []  # an unmatched or nested brace: read as expand_alternatives reads it
    return parts


# Keyboard neighbours (QWERTY): a substitution typo in a short word must be one of these.
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Letters next to each letter on a QWERTY keyboard."""
    where = {c: (r, i) for r, row in enumerate(_KEY_ROWS) for i, c in enumerate(row)}
    out: dict[str, frozenset[str]] = {}
    for c, (r, i) in where.items():
        out[c] = frozenset(
            d for d, (r2, i2) in where.items() if d != c and abs(r2 - r) <= 1 and abs(i2 - i) <= 1
        )
    return out


_NEIGHBOURS = _keyboard_neighbours()


@dataclass(slots=True, unsafe_hash=True)
class _Pattern:
    """A keyword, red-flag phrase, filler or STAR cue as a sequence of keys.

    Never changed once made; not ``frozen`` because a bank makes about 90,000 of them and a
    frozen dataclass sets each field through object.__setattr__ (three times slower). Equality
    and hash are a frozen dataclass's (``unsafe_hash``: by every field). Not a NamedTuple: the
    scan and the assessment read its fields in their hottest loops, and a slot is read about
    twice as fast as a NamedTuple field.
    """

    keys: tuple[str, ...]
    kind: int
    owner: str
    keyword: str
    max_extra: int
    exact: bool
    harm: bool = False  # names a harm: a negation does not cancel it (see HARM_WORDS)
    strong: bool = False  # a strong cue of its theme (shows it on its own)
    # Indices of keys that follow a gap ("..."): up to GAP_WORDS words, inside one sentence.
    gaps: frozenset[int] = frozenset()


_Resolved = tuple[tuple[str, float], ...]


class _Info(NamedTuple):
    """What one answer word stands for (cached per word, shared by a question's documents)."""

    keys: _Resolved  # pattern keys with similarities
    stop: int  # 1 for a stopword
    novel: int  # 1 for a content word the question does not hold
    entry: _Entry | None  # where patterns start at this word
    negator: int  # 1 for a negator
    # The keys (strings) this word stands for, plus ANY_KEY (see reach).
    key_set: frozenset[str]
    # The second keys that a pattern starting here may take from the next words (a word that
    # starts a one-word pattern, or a compound, holds ANY_KEY: it always has work).
    # A word whose reach shares nothing with the key sets of the next two words starts
    # nothing there, which _Doc._scan finds at C speed (frozenset.isdisjoint).
    reach: frozenset[str]
    # The keys that patterns with a gap after this word ("I ... heard voices") take after the
    # gap: a word whose gap reach shares nothing with the next GAP_WORDS + 1 words' key sets
    # starts no such pattern there. Most words that start patterns at all start only these,
    # and most of them start nothing where they stand ("I" is seldom followed by "voices").
    gap_reach: frozenset[str]


# Field getters (one C-level pass per field over a list of _Info).
(_INFO_KEYS, _INFO_STOP, _INFO_NOVEL, _INFO_ENTRY, _INFO_NEGATOR, _INFO_KEY_SET, _INFO_REACH,
 _INFO_GAP_REACH) = (operator.itemgetter(k) for k in range(8))
# Held by every key set and by the reach of a word with work of its own: never a pattern key
# (keys are normalised words, "=" + a word or "@" + a slot).
ANY_KEY = " "
ANY = frozenset((ANY_KEY,))
NO_REACH: frozenset[str] = frozenset()


def reach_of(entry: _Entry | None) -> frozenset[str]:
    """The ``reach`` of a word whose start entry is ``entry`` (see _Info)."""
    if entry is None:
        return NO_REACH
    items, head = entry
    if head or any(singles for _sim, singles, _gapped, _f in items):
        return ANY
    return frozenset(key for *_rest, followers in items if followers for key in followers)


def gap_reach_of(entry: _Entry | None) -> frozenset[str]:
    """The ``gap_reach`` of a word whose start entry is ``entry`` (see _Info)."""
    if entry is None:
        return NO_REACH
    out: set[str] = set()
    for _sim, _singles, gapped, _followers in entry[0]:
        if gapped is None:
            continue
        if gapped.want is None:
            return ANY  # never (a gap follows the first key), but then: always look
        out.update(gapped.want)
    return frozenset(out)


class Hit(NamedTuple):
    """A pattern found in an answer: from token ``first`` to token ``last`` inclusive."""

    pattern: _Pattern
    first: int
    last: int
    similarity: float



def _surface(word: str) -> str:
    """The key of an exact (unstemmed) word."""
    return "=" + word


class _Tables:
    """A bank's keyword tables: first key -> patterns, typo lookup, per-word cache."""

    def __init__(self, bank: Bank) -> None:
        self.single: dict[str, list[_Pattern]] = {}
        self.pairs: dict[str, dict[str, list[_Pattern]]] = {}
        self.vocab: set[str] = set()
        self.compound_heads: set[str] = set()
        # Stems of keyword words of five letters or more: only these may be reached by a typo.
        self.typo_targets: set[str] = set()
        # The same keyword words as written (normalised) -> their stem: a typo may hide a stem.
        self.typo_words: dict[str, str] = {}
        self._cache: dict[str, _Resolved] = {}
        self.classes: set[str] = set()  # word-class keys some keyword uses
        # (kind, owner, phrase) of an anti-cue or red flag -> its context (scoring/context.py).
        self.contexts: dict[tuple[int, str, str], str | list[str]] = {}
        # Build-time caches: the patterns added (a bucket never holds one twice), whether a
        # keyword names a harm, the key of a word inside a phrase, the words of typo targets.
        self._added: set[_Pattern] = set()
        self._harm: dict[str, bool] = {}
        self._phrase_keys: dict[str, str] = {}
        self._typo_seen: set[str] = set()
        # The words of each piece of a phrase's readings: the readings of a phrase with {a|b}
        # alternatives share most of their pieces, so each is cut into words once.
        self._piece_words: dict[str, list[str]] = {}
        # Each phrase cut into its parts (see _parts_of), and the lemmas of joined words.
        self._parts: dict[str, list[tuple[_Option, ...]]] = {}
        self._options: dict[str, _Option] = {}
        self._joined: dict[str, str] = {}
        # About 10^5 readings make as many small containers, none in a cycle: the collector,
        # run every few hundred of them, would walk them all again and again.
        with gc_paused():
            self._add_bank(bank)
        # The word-class keys that patterns use: a slot key ("@obj") only ever stands in a
        # phrase of several words, and no other key starts with "@".
        self.classes.update(key for key in self.vocab if key.startswith("@"))
        # STAR parts are read from the answer's shape (scoring/star.py), not from cue phrases:
        # STAR_CUES is kept for callers that list signposts, and compiles into nothing here.
        spans = [len(p.keys) + p.max_extra + GAP_WORDS * len(p.gaps)
                 for ps in self.single.values() for p in ps]
        spans += [len(p.keys) + p.max_extra + GAP_WORDS * len(p.gaps)
                  for d in self.pairs.values() for ps in d.values() for p in ps]
        self.max_span = 2 + max(spans, default=1)
        self.any_extra = any(p.max_extra for d in self.pairs.values() for ps in d.values()
                             for p in ps)
        self._fuzzy = _buckets(self.typo_targets)
        self._fuzzy_words = _buckets(set(self.typo_words))
        # Compiled buckets, shared by the views that keep a bucket whole (most do).
        self._starts: dict[str, _Start] = {}
        self._branches: dict[tuple[str, str], tuple[_Branch, ...]] = {}
        self._common: tuple[dict[str, tuple[_Pattern, ...]],
                            dict[str, dict[str, tuple[_Pattern, ...]]]] | None = None

    def _add_bank(self, bank: Bank) -> None:
        """Add the bank's cues, anti-cues, question terms and red flags, fillers and hedges."""
        # A phrase also listed without a context counts everywhere.
        everywhere: set[tuple[int, str, str]] = set()
        for theme_id, theme in bank.themes.items():
            strong = set(theme.strong_cues())
            for keyword in dict.fromkeys([*theme.all_cues(), *theme.shared_keywords]):
                self._add_keyword(keyword, _THEME, theme_id, 1, keyword in strong)
            for anti in theme.anti_cues:
                self._add_keyword(anti.phrase, _ANTI, theme_id, 1)
                if anti.context:
                    self.contexts.setdefault((_ANTI, theme_id, anti.phrase), anti.context)
                else:
                    everywhere.add((_ANTI, theme_id, anti.phrase))
        for question in bank.questions:
            for keyword in dict.fromkeys(question.keywords):
                self._add_keyword(keyword, _QTERM, question.id, 1)
        for index, flag in enumerate(bank.red_flags):
            words = textnorm.words(flag.phrase)
            self._add_keyword(flag.phrase, _FLAG, str(index), 1 if len(words) <= 3 else 2)
            if flag.context:
                self.contexts[(_FLAG, str(index), flag.phrase)] = flag.context
        for key in everywhere:
            self.contexts.pop(key, None)
        for phrase in FILLERS:
            self._add_exact(phrase, _FILLER, phrase)
        for phrase in HEDGES:
            self._add_exact(phrase, _HEDGE, phrase)

    def start_of(self, key: str, patterns: tuple[_Pattern, ...]) -> _Start:
        """The bucket of patterns starting with ``key`` (all or some of them), compiled."""
        whole = len(patterns) == len(self.single[key])
        found = self._starts.get(key) if whole else None
        if found is None:
            plain = [(order, p) for order, p in enumerate(patterns) if not p.gaps]
            tries = _compile(((order, p) for order, p in enumerate(patterns) if p.gaps), 1)
            found = _Start(tuple(p for _, p in plain), tuple(order for order, _ in plain), tries,
                           gapped_want(tries))
            if whole:
                self._starts[key] = found
        return found

    def branches_of(self, key: str, key2: str,
                    patterns: tuple[_Pattern, ...]) -> tuple[_Branch, ...]:
        """The bucket of patterns starting with ``key key2`` (all or some of them), compiled."""
        whole = len(patterns) == len(self.pairs[key][key2])
        found = self._branches.get((key, key2)) if whole else None
        if found is None:
            found = _compile(enumerate(patterns), 2)
            if whole:
                self._branches[(key, key2)] = found
        return found

    def _add(self, keys: tuple[str, ...], kind: int, owner: str, keyword: str, extra: int,
             exact: bool, strong: bool = False, gaps: frozenset[int] = frozenset()) -> None:
        if not keys:
            return
        harm = False
        if kind in (_THEME, _QTERM):  # the same for every reading of a keyword
            found = self._harm.get(keyword)
            if found is None:
                found = self._harm[keyword] = _names_harm(textnorm.words(keyword))
            harm = found
        pattern = _Pattern(keys, kind, owner, keyword, extra if len(keys) > 1 else 0, exact, harm,
                           strong, gaps)
        # A pattern's bucket follows from its keys and gaps: added before means in this bucket.
        added = self._added
        before = len(added)
        added.add(pattern)
        if len(added) > before:
            if len(keys) == 1 or 1 in gaps:
                # A gap after the first word: the pattern starts at its first word alone and
                # is matched on from there (see _Doc._scan).
                self.single.setdefault(keys[0], []).append(pattern)
            else:
                self.pairs.setdefault(keys[0], {}).setdefault(keys[1], []).append(pattern)
        self.vocab.update(keys)

    def _add_keyword(self, keyword: str, kind: int, owner: str, extra: int,
                     strong: bool = False) -> None:
        """Add a cue, anti-cue or red-flag phrase: each ``{a|b}`` alternative, ``...`` gaps."""
        # Readings that come to the same keys ("{remind|reminded}", "{she|he|they}": one lemma,
        # one slot) are one pattern: added once.
        seen: set[tuple[tuple[str, ...], frozenset[int]]] = set()
        parts = self._parts.get(keyword)
        if parts is None:
            parts = self._parts[keyword] = _parts_of(keyword, self._options)
        if not parts or kind not in (_THEME, _QTERM, _ANTI, _FLAG):
            # Nested groups, or a group inside a word: read reading by reading.
            self._add_each_reading(keyword, kind, owner, extra, strong, seen)
            return
        # The same readings in the same order as expand_alternatives (the first group varies
        # slowest), put together from the words and keys of each part's options, cut once.
        harm = False
        if kind in (_THEME, _QTERM):  # as _add works it out
            found_harm = self._harm.get(keyword)
            if found_harm is None:
                found_harm = self._harm[keyword] = _names_harm(textnorm.words(keyword))
            harm = found_harm
        no_gaps: frozenset[int] = frozenset()
        added, vocab, typo_seen = self._added, self.vocab, self._typo_seen
        single, pairs = self.single, self.pairs
        for words, keys, marks in self._readings(parts):
            size = len(words)
            if not size:
                continue
            if size == 1:
                keys = (lemma(words[0]),)
                gaps_of = no_gaps
            elif marks:
                gaps_of = frozenset([at for at in marks if 0 < at < size])
            else:
                gaps_of = no_gaps
            seen_key = (keys, gaps_of)
            if seen_key in seen:
                continue  # the same pattern as an earlier reading of this keyword
            seen.add(seen_key)
            # As _add does, written out: most keywords have many readings.
            pattern = _Pattern(keys, kind, owner, keyword, extra if size > 1 else 0, False, harm,
                               strong, gaps_of)
            before = len(added)
            added.add(pattern)
            if len(added) > before:
                if size == 1 or 1 in gaps_of:
                    single.setdefault(keys[0], []).append(pattern)
                else:
                    pairs.setdefault(keys[0], {}).setdefault(keys[1], []).append(pattern)
                vocab.update(keys)  # (a pattern added before brought the same keys)
            if not typo_seen.issuperset(words):
                self._typo_words_of(words)
            if 2 <= size <= 3 and not gaps_of and words[0] not in STOPWORDS:
                # "self care" may be written "selfcare": the joined form is a keyword too (not
                # from a function word: "be friends" is not "befriend").
                joined = "".join(words)
                key = self._joined.get(joined)
                if key is None:
                    key = self._joined[joined] = lemma(joined)
                self._add((key,), kind, owner, keyword, 0, False, strong)
            elif size == 1 and len(words[0]) >= 6:
                # ...and "selfcare" may be written "self care" or "self-care".
                word = words[0]
                self.compound_heads.update(word[:i] for i in range(3, len(word) - 2))

    def _add_each_reading(self, keyword: str, kind: int, owner: str, extra: int, strong: bool,
                          seen: set[tuple[tuple[str, ...], frozenset[int]]]) -> None:
        """Add a phrase reading by reading, from the text of each (see _parts_of)."""
        for variant in expand_alternatives(keyword):
            pieces = self._piece_words
            segments = [pieces.get(part) or self._words_of(part)
                        for part in variant.split("...")]
            words = [w for segment in segments for w in segment]
            if not words:
                continue
            gaps: set[int] = set()
            at = 0
            for segment in segments[:-1]:
                at += len(segment)
                if 0 < at < len(words):
                    gaps.add(at)
            self._add_words(words, frozenset(gaps), keyword, kind, owner, extra, strong,
                            seen)

    def _readings(self, parts: list[tuple[_Option, ...]]
                  ) -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]]:
        """(words, keys inside a phrase, where gaps "..." fall) of each reading of a phrase cut
        into parts, in the order of expand_alternatives, at most MAX_READINGS of them."""
        phrase_keys = self._phrase_keys
        for options in parts:
            for option in options:
                if option.keys is None:
                    option.keys = tuple([phrase_keys.get(w) or self._phrase_key(w)
                                         for w in option.words])
        marked = any(option.marks for options in parts for option in options)
        rest = 1
        for options in parts:
            rest *= len(options)
        readings: list[tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]] = [((), (), ())]
        for options in parts:
            # Each reading so far leads to ``rest`` readings in the end: only the first few
            # lead to one of the first MAX_READINGS.
            keep = -(-MAX_READINGS // rest)
            if len(readings) > keep:
                del readings[keep:]
            rest //= len(options)
            if marked:
                readings = [(words + option.words, keys + cast("tuple[str, ...]", option.keys),
                             marks + tuple([len(words) + at for at in option.marks]))
                            for words, keys, marks in readings for option in options]
            else:
                readings = [(words + option.words, keys + cast("tuple[str, ...]", option.keys),
                             marks) for words, keys, marks in readings for option in options]
        del readings[MAX_READINGS:]
        return readings

    def _typo_words_of(self, words: Iterable[str]) -> None:
        """Note the words of a keyword that a typo may hide (five letters or more)."""
        for word in words:
            if word not in self._typo_seen:
                self._typo_seen.add(word)
                if len(word) >= 5 and word.isalpha():
                    self.typo_targets.add(lemma(word))
                    self.typo_words.setdefault(word, lemma(word))

    def _words_of(self, piece: str) -> list[str]:
        """The normalised words of a piece of a phrase (kept: see _piece_words)."""
        found = self._piece_words[piece] = textnorm.words(piece)
        return found

    def _add_words(self, words: list[str], gaps: frozenset[int], keyword: str, kind: int,
                   owner: str, extra: int, strong: bool,
                   seen: set[tuple[tuple[str, ...], frozenset[int]]] | None = None) -> None:
        if len(words) > 1 and kind in (_THEME, _QTERM, _ANTI, _FLAG):
            phrase_keys = self._phrase_keys
            keys = tuple([phrase_keys.get(w) or self._phrase_key(w) for w in words])
        else:
            keys = tuple([lemma(w) for w in words])
        if seen is not None:
            if (keys, gaps) in seen:
                return  # the same pattern as an earlier reading of this keyword
            seen.add((keys, gaps))
        self._add(keys, kind, owner, keyword, extra, False, strong, gaps)
        self._typo_words_of(words)
        if 2 <= len(words) <= 3 and not gaps:
            # "self care" may be written "selfcare": the joined form is a keyword too.
            self._add((lemma("".join(words)),), kind, owner, keyword, 0, False, strong)
        elif len(words) == 1 and len(words[0]) >= 6:
            # ...and "selfcare" may be written "self care" or "self-care".
            word = words[0]
            self.compound_heads.update(word[:i] for i in range(3, len(word) - 2))

    def _phrase_key(self, word: str) -> str:
        """The key of a word inside a phrase: its slot ("@obj") or lemma; an irregular form
        as written, chosen on purpose ("been there", lived through it, is not "being
        there")."""
        if textnorm.is_irregular_form(word):
            key = _surface(word)
        else:
            key = _SLOT_OF_KEYWORD_WORD.get(word, lemma(word))
        self._phrase_keys[word] = key
        return key

    def _add_exact(self, phrase: str, kind: int, owner: str) -> None:
        self._add(tuple(_surface(w) for w in textnorm.words(phrase)), kind, owner, phrase, 0, True)

    def view(self, question_id: str, behavioural: bool) -> _View:
        """The patterns that matter for one question: its own terms, STAR cues if behavioural."""

        def wanted(p: _Pattern) -> bool:
            if p.kind == _QTERM:
                return p.owner == question_id
            return behavioural or p.kind != _STAR

        # Buckets with no question term and no STAR cue are the same in every view: made
        # once, shared; only the others are filtered per question.
        if self._common is None:
            self._common = self._common_buckets()
        common_single, common_pairs = self._common
        single: dict[str, tuple[_Pattern, ...]] = {}
        for k, ps in self.single.items():
            kept = common_single.get(k)
            if kept is None:
                kept = tuple(p for p in ps if wanted(p))
            if kept:
                single[k] = kept
        pairs: dict[str, dict[str, tuple[_Pattern, ...]]] = {}
        for k, d in self.pairs.items():
            common = common_pairs.get(k)
            if common is not None and len(common) == len(d):
                pairs[k] = common  # the whole bucket group is common
                continue
            inner: dict[str, tuple[_Pattern, ...]] = {}
            for k2, ps in d.items():
                kept = common.get(k2) if common is not None else None
                if kept is None:
                    kept = tuple(p for p in ps if wanted(p))
                if kept:
                    inner[k2] = kept
            if inner:
                pairs[k] = inner
        return _View(self, single, pairs)

    def _common_buckets(self) -> tuple[dict[str, tuple[_Pattern, ...]],
                                       dict[str, dict[str, tuple[_Pattern, ...]]]]:
        """The buckets every view keeps whole (no question term or STAR cue in them)."""
        def common(ps: list[_Pattern]) -> bool:
            return all(p.kind not in (_QTERM, _STAR) for p in ps)

        single = {k: tuple(ps) for k, ps in self.single.items() if common(ps)}
        pairs: dict[str, dict[str, tuple[_Pattern, ...]]] = {}
        for k, d in self.pairs.items():
            inner = {k2: tuple(ps) for k2, ps in d.items() if common(ps)}
            if inner:
                pairs[k] = inner
        return single, pairs

    def resolve(self, word: str) -> _Resolved:
        """The pattern keys a normalised answer word stands for, with similarities."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found: list[tuple[str, float]] = []
        surface = _surface(word)
        if surface in self.vocab:
            found.append((surface, 1.0))
        key = lemma(word)
        if key in self.vocab:
            found.append((key, 1.0))
        elif len(word) >= 5 and not is_known(word):
            # Typo tolerance only for words that are not English words or their forms: a
            # real word is never taken for another ("identify" is not "identity").
            found.extend(self._typo(word, key))
        found.extend((cls, 1.0) for cls in _class_keys(word) if cls in self.classes)
        result = tuple(found)
        if len(self._cache) > 200_000:
            self._cache.clear()  # a stream of unique junk words must not grow memory forever
        self._cache[word] = result
        return result

    def _typo(self, word: str, key: str) -> list[tuple[str, float]]:
        """Keyword lemmas one typo away (two from nine letters), by lemma or by written word
        ("boundries" ~ "boundaries", "expereince" ~ "experience")."""
        if len(word) > 30 or not key or not word.isalpha():
            return []  # typos of keywords are letters only; junk and numbers skip the search
        best: dict[str, float] = {}
        for cand, sim in _near(key, self._fuzzy, keep_ending=True):
            best[cand] = max(best.get(cand, 0.0), sim)
        for cand, sim in _near(word, self._fuzzy_words):
            target = self.typo_words[cand]
            best[target] = max(best.get(target, 0.0), sim)
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:3]


class _Node:
    """A node of a trie of pattern keys: the patterns of one bucket (same first key, or same
    first two) share the keys they start with, so a phrase with ``{a|b}`` alternatives is
    matched one slot at a time (a slot's options are the node's children) instead of once per
    reading. Each reading is still its own _Pattern (its own keys, gaps and length), so what
    matches and the hits made are the same as matching every reading in turn."""

    __slots__ = ("ends", "gap_next", "gap_want", "next", "want")

    def __init__(self) -> None:
        # (order in its bucket, pattern) of the readings whose last key is this node's.
        self.ends: list[tuple[int, _Pattern]] = []
        self.next: dict[str, _Node] = {}  # next key, right after this one (up to extras)
        self.gap_next: dict[str, _Node] = {}  # next key after a gap "..."
        # The keys of next and gap_next as sets, set when the trie is complete: a token whose
        # key set is disjoint from them stands for no child (checked at C speed).
        self.want: frozenset[str] = frozenset()
        self.gap_want: frozenset[str] = frozenset()

    def seal(self) -> None:
        """Set ``want`` and ``gap_want`` here and below (once the trie is complete)."""
        self.want, self.gap_want = frozenset(self.next), frozenset(self.gap_next)
        for child in (*self.next.values(), *self.gap_next.values()):
            child.seal()


# The readings of a bucket sharing (max_extra, exact), as one trie: (max_extra, exact, root).
_Branch = tuple[int, bool, _Node]


def _compile(patterns: Iterable[tuple[int, _Pattern]], done: int) -> tuple[_Branch, ...]:
    """Tries of (order in bucket, pattern) of one bucket, from their key number ``done`` on (the
    keys before are the bucket's), one per (max_extra, exact); leaves keep each order."""
    roots: dict[tuple[int, bool], _Node] = {}
    for order, pattern in patterns:
        node = roots.setdefault((pattern.max_extra, pattern.exact), _Node())
        keys, gaps = pattern.keys, pattern.gaps
        for k in range(done, len(keys)):
            children = node.gap_next if k in gaps else node.next
            child = children.get(keys[k])
            if child is None:
                child = children[keys[k]] = _Node()
            node = child
        node.ends.append((order, pattern))
    for root in roots.values():
        root.seal()
    return tuple((extra, exact, root) for (extra, exact), root in roots.items())


class _Start(NamedTuple):
    """The one-word patterns of a first key, and the longer ones with a gap after it."""

    plain: tuple[_Pattern, ...]  # one-word patterns
    orders: tuple[int, ...]  # their places in the bucket (hits keep the bucket's order)
    gapped: tuple[_Branch, ...]  # tries of the patterns with a gap after the first key
    # The keys the gapped tries take after the gap (None: look always): when none stands in
    # the GAP_WORDS + 1 words after the first, only the one-word patterns can match.
    want: frozenset[str] | None = None


def gapped_want(branches: tuple[_Branch, ...]) -> frozenset[str] | None:
    """The keys that tries with a gap after their first key take after the gap (None when a
    trie also goes on without a gap: never, see _Start)."""
    out: set[str] = set()
    for _extra, _exact, root in branches:
        if root.ends or root.want:
            return None
        out.update(root.gap_want)
    return frozenset(out)


class _Pair(NamedTuple):
    """The tries of the patterns starting with two given keys, and what their third key needs:
    ``want`` holds every key they take next (None: some pattern ends at the second key, so
    always look), within ``width`` words of the second key."""

    branches: tuple[_Branch, ...]
    want: frozenset[str] | None
    width: int


def pair_of(branches: tuple[_Branch, ...]) -> _Pair:
    """The _Pair of a bucket's tries."""
    want: set[str] = set()
    width = 0
    for max_extra, _exact, root in branches:
        if root.ends:
            return _Pair(branches, None, 0)
        if root.want:
            want.update(root.want)
            width = max(width, 1 + max_extra)
        if root.gap_want:
            want.update(root.gap_want)
            width = max(width, 1 + GAP_WORDS)
    return _Pair(branches, frozenset(want), width)


# Where a word may start patterns: for each key it stands for, (similarity, one-word patterns,
# patterns with a gap after the first key or None, second key -> tries of longer patterns);
# plus whether it may be the first half of a compound.
_Entry = tuple[tuple[tuple[float, tuple[_Pattern, ...], _Start | None,
                           dict[str, _Pair] | None], ...], bool]


class _View:
    """A bank's tables seen from one question, with a per-word cache of where patterns start."""

    def __init__(self, tables: _Tables, single: dict[str, tuple[_Pattern, ...]],
                 pairs: dict[str, dict[str, tuple[_Pattern, ...]]]) -> None:
        self.tables = tables
        self.single = single
        self.pairs = pairs
        self.any_extra = tables.any_extra
        # Buckets compiled on first use (by the first answer word that starts them).
        self._starts: dict[str, _Start | None] = {}
        self._followers: dict[str, dict[str, _Pair] | None] = {}

    def _start(self, key: str) -> _Start | None:
        if key not in self._starts:
            patterns = self.single.get(key)
            self._starts[key] = None if patterns is None else \
                self.tables.start_of(key, patterns)
        return self._starts[key]

    def _follower(self, key: str) -> dict[str, _Pair] | None:
        if key not in self._followers:
            pairs = self.pairs.get(key)
            self._followers[key] = None if pairs is None else {
                key2: pair_of(self.tables.branches_of(key, key2, ps))
                for key2, ps in pairs.items()}
        return self._followers[key]

    def entry(self, word: str, resolved: _Resolved) -> _Entry | None:
        """Where ``word`` may start a pattern (None for most words: nothing starts there)."""
        items = []
        for key, sim in resolved:
            start = self._start(key)
            singles: tuple[_Pattern, ...] = ()
            gapped: _Start | None = None
            if start is not None:
                if sim >= 1.0:
                    singles = start.plain
                    if start.gapped:
                        gapped = start
                else:  # a typo: no exact pattern starts here
                    singles = tuple(p for p in start.plain if not p.exact)
                    branches = tuple(b for b in start.gapped if not b[1])
                    if branches:
                        gapped = _Start(singles, tuple(o for o, p in zip(start.orders, start.plain,
                                                                         strict=True)
                                                       if not p.exact), branches,
                                        gapped_want(branches))
            followers = self._follower(key)
            if singles or gapped or followers:
                items.append((sim, singles, gapped, followers))
        head = word in self.tables.compound_heads
        if not items and not head:
            return None
        return (tuple(items), head)


def _class_keys(word: str) -> tuple[str, ...]:
    """The keyword slots a normalised answer word fills ("her": object and possessive)."""
    out: list[str] = []
    if word in _OBJECT_WORDS:
        out.append("@obj")
    if word in _POSSESSIVE_WORDS:
        out.append("@poss")
    if word in _SUBJECT_WORDS:
        out.append("@subj")
    if word in _REFLEXIVE_WORDS:
        out.append("@self")
    if word == "not" or word.endswith("n't") or word in _CONTRACTED_NOT:
        out.append("@not")
    return tuple(out)




def _buckets(keys: set[str]) -> dict[tuple[str, int], list[str]]:
    """Strings that a typo may reach, by first letter and length."""
    buckets: dict[tuple[str, int], list[str]] = {}
    for key in sorted(keys):
        if len(key) >= 4:
            buckets.setdefault((key[0], len(key)), []).append(key)
    return buckets


def _near(text: str, buckets: dict[tuple[str, int], list[str]],
          keep_ending: bool = False) -> list[tuple[str, float]]:
    """Bucketed strings one edit from ``text``, two from nine letters (a swap is one edit).

    With ``keep_ending`` (comparing stems) the last letter may not be the one edited: stems of
    different words often differ only there ("includ" and "inclus").
    """
    limit = 1 if len(text) < 9 else 2
    bucket: list[str] = []
    for length in range(len(text) - limit, len(text) + limit + 1):
        bucket.extend(buckets.get((text[0], length), ()))
    out: list[tuple[str, float]] = []
    for cand, dist, _ in extract(text, bucket, scorer=OSA.distance, score_cutoff=limit,
                                 limit=None):
        if keep_ending and not _ending_kept(text, cand):
            continue
        if dist and _plausible_typo(text, cand, len(text)):
            out.append((cand, round(1.0 - dist / max(len(text), len(cand)), 3)))
    return out


def _ending_kept(typed: str, meant: str) -> bool:
    """Whether every edit from ``meant`` to ``typed`` lies before the last letter of both."""
    return all(
        op.src_pos < len(meant) - 1 and op.dest_pos < len(typed) - 1
        for op in Levenshtein.editops(meant, typed)
    )


def _plausible_typo(typed: str, meant: str, word_len: int) -> bool:
    """A substitution in a short word must hit a neighbouring key; long words may differ more."""
    if word_len >= 9:
        return True
    for op in Levenshtein.editops(meant, typed):
        if op.tag != "replace":
            continue
        if typed[op.dest_pos] not in _NEIGHBOURS.get(meant[op.src_pos], frozenset()):
            # A swap of two neighbouring letters is two replacements: allow it.
            if not (len(typed) == len(meant) and _is_swap(typed, meant)):
                return False
    return True


def _is_swap(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with two adjacent letters swapped."""
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and \
        a[diffs[1]] == b[diffs[0]]

