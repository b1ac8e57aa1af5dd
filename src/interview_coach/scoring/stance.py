"""The stance model: a sentence read as an unsafe stance however it is worded.

Anti-cues and red flags catch the wordings they list. A candidate who keeps a risk to
themselves or hands out their own number says so in words nobody listed as often as not; a
bank may therefore name a *stance model* (``stance_model:`` in the bank, a JSON file beside
it) that reads each sentence as a whole. It is a logistic regression over the sentence's
word stems and pairs of stems (each counted once), with the words after a negator, "rather
than" or "instead of" marked (``N_`` plus the stem, so "I would never keep it secret" and "I
would keep it secret" are different evidence) and a second, per-theme model that names which
theme the sentence goes against.

The same file may also hold a *theme reading* (``reading``): one logistic regression per theme
over the same features, taken together over a few sentences in a row (``window``), trained on
our labelled passages to say which themes they show. Keywords find a theme in the words a bank
lists; the reading finds it in how the answer says it, so "I let her choose which goal to work on
first" shows empowerment with no listed phrase. A theme it is at least ``threshold`` sure of,
that no anti-cue contradicts and no stance flag goes against, is covered, shown by the sentence
of that stretch that reads most as it. Trained with salad, off-topic answers, bare lists and
negated passages as showing nothing, it does not reward naming a theme.

A sentence the model is at least ``threshold`` sure of, that no red flag or contradicting
anti-cue already covers, is a major red flag named after the theme ("reads as unsafe:
Boundaries"): the words are shown, and the why says it is the model's reading, not a listed
phrase. The assessment makes it critical near what makes the theme's critical anti-cues
critical, and applies the anti-cues' reading rules (limits, frames, owned mistakes). ``benchmarks/train_stance.py`` trains the model from our own labelled sentences and
answers (``benchmarks/data``); inference here is only sums of weights, with no package.

The file format is read by ``interview_coach.banks.stance_file`` (loading a bank only looks at
its first bytes; the weights are read here, once per process, when the bank is first scored).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from pathlib import Path

from interview_coach.banks.stance_file import (
    FORMAT,
    VERSION,
    ReadingWeights,
    StanceModelError,
    StanceWeights,
    read_stance_model,
)
from interview_coach.scoring import textnorm
from interview_coach.scoring.words import NEGATORS

__all__ = ["FORMAT", "READING_KEYWORD", "STANCE_FLAG_PREFIX", "VERSION", "Reading",
           "StanceModel", "StanceModelError", "features", "load_stance_model", "sentences"]

STANCE_FLAG_PREFIX = "reads as unsafe: "  # a stance model's red flag: this, then the theme label
# The keyword of a match the theme reading makes (its text is the sentence that shows the theme).
READING_KEYWORD = "(read as a whole)"

# Words that end a negator's reach: a clause mark, or a word that starts a new clause
# ("I don't share it unless ...", "I never did, but now I ...").
_SCOPE_ENDERS = frozenset("but unless except although though because however whereas".split())
_CLAUSE_MARKS = frozenset(",;:()")
# The second word of a contrastive pair -> its first: "rather than", "instead of".
_CONTRASTIVE = {"than": "rather", "of": "instead"}
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|[,;:()]")
# A sentence ends after its end marks, or at a blank line; a single line break is a space
# (answers are often hard-wrapped). A run longer than _LONG_RUN with no end mark (a list pasted
# line by line) is cut at its line breaks. Offsets are the answer's.
_END = re.compile(r"[.!?]+|\n[ \t]*\n")
_LONG_RUN = 600
_LINE = re.compile(r"[^\n]+")
MIN_SENTENCE_WORDS = 3
# Sentences judged (text -> (probability, theme index)) kept per model: typing re-reads the
# same sentences, and a long paste repeats them.
_MEMO_LIMIT = 50_000


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of each sentence of ``text`` with enough words to judge."""
    start = 0
    for match in _END.finditer(text):
        end = match.start() if text[match.start()] == "\n" else match.end()
        yield from _piece(text, start, end)
        start = match.end()
    yield from _piece(text, start, len(text))


def _piece(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """One sentence, or the lines of a long run with no end mark."""
    if end - start > _LONG_RUN and "\n" in text[start:end]:
        for line in _LINE.finditer(text, start, end):
            yield from _trimmed(text, *line.span())
    else:
        yield from _trimmed(text, start, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without its outer spaces, when it holds enough words to judge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 8 and len(text[start:end].split()) >= MIN_SENTENCE_WORDS:
        yield start, end


def features(sentence: str) -> list[str]:
    """The model's features of one sentence: stems, negated stems and pairs of neighbours."""
    tokens = _TOKEN.findall(textnorm.normalise_text(sentence).replace("\u2019", "'"))
    marked: list[str] = []
    negated = False
    kinds = _KINDS
    before = ""
    for token in tokens:
        kind = kinds.get(token)
        if kind is None:
            kind = _kind(token)
        if kind is _ENDS_SCOPE:
            negated = False
        elif kind is _NEGATES or _CONTRASTIVE.get(token) == before:
            # "rather than handle it alone", "instead of calling it drama": what follows is
            # what the speaker sets aside, as after a negator
            negated = True
            marked.append("NEG")
        else:
            marked.append("N_" + kind if negated else kind)
        before = token
    return marked + list(map(" ".join, pairwise(marked)))


# What a token is to the features: it ends a negator's reach, it is a negator, or its stem.
_ENDS_SCOPE = "\x00end"
_NEGATES = "\x00neg"
_KINDS: dict[str, str] = {}


def _kind(token: str) -> str:
    if token in _CLAUSE_MARKS or token in _SCOPE_ENDERS:
        kind = _ENDS_SCOPE
    elif token.replace("'", "") in NEGATORS or token.endswith("n't"):
        kind = _NEGATES
    else:
        kind = textnorm.stem(token)
    if len(_KINDS) < 200_000:
        _KINDS[token] = kind
    return kind


@dataclass(frozen=True)
class Reading:
    """A theme the reading finds: how sure it is, and the sentence (``start``, ``end``: offsets
    in the answer) that reads most as the theme in the stretch that showed it."""

    theme: str
    probability: float
    start: int
    end: int


@dataclass
class StanceModel:
    """A trained stance model (see the module); ``judge`` reads one sentence."""

    weights: StanceWeights
    _memo: dict[str, tuple[float, int]] = field(default_factory=dict, repr=False)
    _feats: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _last: tuple[str, list[tuple[int, int]]] = field(default=("", []), repr=False)
    # The theme reading's memos: a sentence -> its features that carry weight and their sums;
    # a stretch of sentences -> one logit per theme.
    _read_feats: dict[str, tuple[frozenset[str], list[float]]] = field(default_factory=dict,
                                                                        repr=False)
    _read_sums: dict[tuple[str, ...], list[float]] = field(default_factory=dict, repr=False)

    @property
    def threshold(self) -> float:
        """How sure the model must be to flag a sentence."""
        return float(self.weights.threshold)

    def judge(self, sentence: str) -> tuple[float, str]:
        """How sure the model is that ``sentence`` states an unsafe stance, and which theme
        it goes against."""
        model = self.weights
        kept = self._memo.get(sentence)
        if kept is None:
            feats = self._features(sentence)  # each feature counts once (binary, as trained)
            weights = model.weights
            z = model.bias + sum(map(weights.get, feats, repeat(0.0)))
            probability = _sigmoid(z)
            best = 0
            if probability >= model.threshold and model.themes:
                scores = list(model.theme_bias)
                rows = model.theme_weights
                for f in feats:
                    row = rows.get(f)
                    if row is not None:
                        scores = [s + w for s, w in zip(scores, row, strict=True)]
                best = max(range(len(scores)), key=scores.__getitem__)
            kept = (probability, best)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[sentence] = kept
        probability, best = kept
        return probability, (model.themes[best] if model.themes else "")

    def _features(self, sentence: str) -> frozenset[str]:
        """``features(sentence)``, each once; kept for the theme reading, which reads the same
        sentences just after."""
        kept = self._feats.get(sentence)
        if kept is None:
            kept = frozenset(features(sentence))
            if len(self._feats) >= _MEMO_LIMIT:
                self._feats.clear()
            self._feats[sentence] = kept
        return kept

    def unsafe(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        """Each sentence of ``text`` read as unsafe: (start, end, probability, theme id)."""
        for start, end in self._spans(text):
            probability, theme = self.judge(text[start:end])
            if probability >= self.threshold:
                yield start, end, probability, theme

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """``sentences(text)``, kept for the last text: the stance flags and the theme reading
        read the same answer one after the other."""
        last = self._last  # one tuple, replaced whole: safe when two threads score at once
        if last[0] is text or last[0] == text:
            return last[1]
        spans = list(sentences(text))
        self._last = (text, spans)
        return spans

    def reads(self, text: str) -> list[Reading]:
        """The themes ``text`` reads as (see the module), one Reading per theme found."""
        reading = self.weights.reading
        if reading is None:
            return []
        spans = self._spans(text)
        if not spans:
            return []
        said = [text[start:end] for start, end in spans]
        size = reading.window
        stretches = [(0, len(said))] if len(said) <= size else \
            [(i, i + size) for i in range(len(said) - size + 1)]
        sums = [self._stretch(reading, tuple(said[first:last])) for first, last in stretches]
        best = list(map(max, zip(*sums, strict=True)))  # each theme's best stretch
        floor = _logit(reading.threshold)
        out = []
        for k, z in enumerate(best):
            if z < floor:
                continue
            first = next(i for i, row in enumerate(sums) if row[k] == z)
            first = stretches[first][0]
            last = min(len(said), first + size)
            # the sentence of the stretch whose own features lean most to the theme
            pick = max(range(first, last), key=lambda i: self._sentence(reading, said[i])[1][k])
            out.append(Reading(reading.themes[k], round(_sigmoid(z), 4), *spans[pick]))
        return out

    def _sentence(self, reading: ReadingWeights,
                  sentence: str) -> tuple[frozenset[str], list[float]]:
        """A sentence's features that carry weight, and their sum per theme (no bias)."""
        kept = self._read_feats.get(sentence)
        if kept is None:
            rows = reading.weights
            feats = frozenset(rows.keys() & self._features(sentence))
            kept = (feats, _column_sums([rows[f] for f in feats], len(reading.themes)))
            if len(self._read_feats) >= _MEMO_LIMIT:
                self._read_feats.clear()
            self._read_feats[sentence] = kept
        return kept

    def _stretch(self, reading: ReadingWeights, stretch: tuple[str, ...]) -> list[float]:
        """One logit per theme for a stretch of sentences, each feature counted once: the
        sentences' own sums, less the rows of features an earlier sentence already had."""
        kept = self._read_sums.get(stretch)
        if kept is None:
            kept = list(reading.bias)
            seen: frozenset[str] = frozenset()
            for sentence in stretch:
                feats, sums = self._sentence(reading, sentence)
                kept = [a + b for a, b in zip(kept, sums, strict=True)]
                again = feats & seen
                if again:
                    less = _column_sums([reading.weights[f] for f in again], len(kept))
                    kept = [a - b for a, b in zip(kept, less, strict=True)]
                seen |= feats
            if len(self._read_sums) >= _MEMO_LIMIT:
                self._read_sums.clear()
            self._read_sums[stretch] = kept
        return kept


def _column_sums(rows: list[list[float]], width: int) -> list[float]:
    """The sum of each column of ``rows`` (``width`` zeros when there are none)."""
    if not rows:
        return [0.0] * width
    return list(map(sum, zip(*rows, strict=True)))


def _logit(probability: float) -> float:
    return math.log(probability / (1.0 - probability))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


_LOADED: dict[str, tuple[float, StanceModel]] = {}


def load_stance_model(path: Path | str) -> StanceModel:
    """The stance model in ``path`` (read once per process while the file is unchanged)."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime
    except OSError as error:
        raise StanceModelError(f"{path}: cannot read the stance model: {error.strerror}") from None
    cached = _LOADED.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    model = StanceModel(read_stance_model(path))
    _LOADED[str(path)] = (stamp, model)
    return model
