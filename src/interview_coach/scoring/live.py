"""Live scoring: rescoring one answer as it is typed."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from interview_coach.banks.models import Question
from interview_coach.scoring.assessment import _Assessment
from interview_coach.scoring.document import _Doc
from interview_coach.scoring.results import Delivery, ScoreResult
from interview_coach.scoring.similarity import (
    Reference,
    Tally,
    _has_abbreviation,
    distinct_tokens,
)

if TYPE_CHECKING:
    from interview_coach.scoring.scorer import Scorer

LIVE_MAX_CHARS = 20_000

class LiveScore:
    """Rescoring one answer as it is typed, reusing the work done for the previous text.

    ``update(text)`` returns the same ScoreResult as ``Scorer.score`` would, but only re-reads
    the text from the first change on (typing at the end costs a few words, not the answer).
    Text longer than ``max_chars`` is not scored: the result has ``truncated=True``, score 0 and
    a feedback line saying so, and the caller keeps the text.

    One LiveScore belongs to one editor: it is not meant to be updated from two threads at once
    (give a worker its own, or serialise the calls). Typing one more word at the end of a
    300-word answer costs well under a millisecond.
    """

    def __init__(self, scorer: Scorer, question: Question | str,
                 max_chars: int = LIVE_MAX_CHARS) -> None:
        self.scorer = scorer
        self.max_chars = max_chars
        self._q = scorer._question(question)
        self._doc = _Doc(self._q)
        reference = getattr(self._q.similarity, "__self__", None)
        if isinstance(reference, Reference):  # closeness counts only the words that changed
            self._q = dataclasses.replace(
                self._q, similarity=_LiveCloseness(reference, self._doc))
        self._last: ScoreResult | None = None

    @property
    def question(self) -> Question:
        """The question being answered."""
        return self._q.question

    def update(self, text: str) -> ScoreResult:
        """Score ``text``, re-reading only what changed since the previous call."""
        if len(text) > self.max_chars:
            return self._too_long(text)
        if self._last is not None and text == self._doc.text:
            return self._last  # nothing changed (the cursor moved, a key did nothing)
        self._doc.set_text(text)
        self._last = _Assessment(self.scorer.bank, self._q, self._doc).result()
        return self._last

    def _too_long(self, text: str) -> ScoreResult:
        q = self._q
        message = (f"The answer is {len(text):,} characters long; live scoring stops at "
                   f"{self.max_chars:,}. Your text is kept; score it when you submit.")
        return ScoreResult(
            bank_id=self.scorer.bank.id, question_id=q.question.id, score=0,
            reference_similarity=0.0, words=0, themes=[], red_flags=[],
            delivery=Delivery(words=0, speaking_seconds=0.0), parts=[], feedback=[message],
            truncated=True,
        )



class _LiveCloseness:
    """Closeness to the model answer (``Reference.similarity``) for a text being typed: the
    counts behind it are kept (see Tally), so a change costs the words that came or went.

    The distinct words are the live document's when it holds the text and both cut it the
    same (ASCII with no "i.e"/"e.g", as ``Reference.similarity_of_text`` takes them), else
    ``distinct_tokens`` of the text, as ``Reference.similarity`` reads it.
    """

    def __init__(self, reference: Reference, doc: _Doc | None = None) -> None:
        self.reference = reference
        self._doc = doc
        self._tally = Tally(reference)

    def __call__(self, text: str) -> float:
        doc = self._doc
        if doc is not None and doc.text is text and text.isascii() and \
                not _has_abbreviation(text.lower()):
            distinct = set(doc.words)
        else:
            distinct = distinct_tokens(text)
        return self._tally.similarity(distinct)
