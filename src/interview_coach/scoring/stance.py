"""The stance model: a sentence read as an unsafe stance however it is worded.

Anti-cues and red flags catch the wordings they list. A candidate who keeps a risk to
themselves or hands out their own number says so in words nobody listed as often as not; a
bank may therefore name a *stance model* (``stance_model:`` in the bank, a JSON file beside
it) that reads each sentence as a whole. It is a logistic regression over the sentence's
word stems and pairs of stems, with the words after a negator marked (``N_`` plus the stem,
so "I would never keep it secret" and "I would keep it secret" are different evidence) and a
second, per-theme model that names which theme the sentence goes against.

A sentence the model is at least ``threshold`` sure of, that no red flag or contradicting
anti-cue already covers, is a major red flag named after the theme ("reads as unsafe:
Boundaries"): the words are shown, and the why says it is the model's reading, not a listed
phrase. ``benchmarks/train_stance.py`` trains the model from our own labelled sentences and
answers (``benchmarks/data``); inference here is only sums of weights, with no package.

The file format is read by ``interview_coach.banks.stance_file`` (loading a bank only looks at
its first bytes; the weights are read here, once per process, when the bank is first scored).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from interview_coach.banks.stance_file import (
    FORMAT,
    VERSION,
    StanceModelError,
    StanceWeights,
    read_stance_model,
)
from interview_coach.scoring import textnorm
from interview_coach.scoring.words import NEGATORS

__all__ = ["FORMAT", "STANCE_FLAG_PREFIX", "VERSION", "StanceModel", "StanceModelError",
           "features", "load_stance_model", "sentences"]

STANCE_FLAG_PREFIX = "reads as unsafe: "  # a stance model's red flag: this, then the theme label

# Words that end a negator's reach: a clause mark, or a word that starts a new clause
# ("I don't share it unless ...", "I never did, but now I ...").
_SCOPE_ENDERS = frozenset("but unless except although though because however whereas".split())
_CLAUSE_MARKS = frozenset(",;:()")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|[,;:()]")
# A sentence: up to and including its end marks, or a blank line; a single line break is a
# space (answers are often hard-wrapped). A run longer than _LONG_RUN with no end mark (a list
# pasted line by line) is cut at its line breaks. Offsets are the answer's.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\n(?![ \t]*\n))+[.!?]*")
_LONG_RUN = 600
_LINE = re.compile(r"[^\n]+")
MIN_SENTENCE_WORDS = 3
# Sentences judged (text -> (probability, theme index)) kept per model: typing re-reads the
# same sentences, and a long paste repeats them.
_MEMO_LIMIT = 50_000


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of each sentence of ``text`` with enough words to judge."""
    for match in _SENTENCE.finditer(text):
        if match.end() - match.start() > _LONG_RUN and "\n" in match.group():
            for line in _LINE.finditer(text, match.start(), match.end()):
                yield from _trimmed(text, *line.span())
        else:
            yield from _trimmed(text, *match.span())


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
    for token in tokens:
        if token in _CLAUSE_MARKS or token in _SCOPE_ENDERS:
            negated = False
            continue
        bare = token.replace("'", "")
        if bare in NEGATORS or token.endswith("n't"):
            negated = True
            marked.append("NEG")
            continue
        stem = textnorm.stem(token)
        marked.append("N_" + stem if negated else stem)
    return marked + [f"{a} {b}" for a, b in pairwise(marked)]


@dataclass
class StanceModel:
    """A trained stance model (see the module); ``judge`` reads one sentence."""

    weights: StanceWeights
    _memo: dict[str, tuple[float, int]] = field(default_factory=dict, repr=False)

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
            feats = features(sentence)
            weights = model.weights
            z = model.bias + sum(weights.get(f, 0.0) for f in feats)
            probability = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
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

    def unsafe(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        """Each sentence of ``text`` read as unsafe: (start, end, probability, theme id)."""
        for start, end in sentences(text):
            probability, theme = self.judge(text[start:end])
            if probability >= self.threshold:
                yield start, end, probability, theme


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
