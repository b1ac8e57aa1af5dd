"""Live scoring: rescoring one answer as it is typed."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from interview_coach.banks.models import Bank, Question
from interview_coach.scoring.assessment import _Assessment
from interview_coach.scoring.document import _Doc, _QuestionTables
from interview_coach.scoring.results import Delivery, ScoreResult, ThemeResult
from interview_coach.scoring.similarity import (
    Reference,
    Tally,
    _has_abbreviation,
    distinct_tokens,
)
from interview_coach.scoring.tables import Hit

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
        self._themes: dict[str, tuple[list[object], ThemeResult]] = {}  # see _LiveAssessment

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
        self._last = _LiveAssessment(self.scorer.bank, self._q, self._doc, self._themes).result()
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



class _LiveAssessment(_Assessment):
    """An assessment of a live document that keeps each theme's result while what it is
    worked out from stays the same (typing at the end changes one theme or two, not twenty).

    ``_Assessment._theme_result`` reads only the theme's hits and anti-cue hits (as the
    assessment has sifted them) with their negation, the tokens, characters and text they
    span, the sentence each starts in and whether that sentence is crowded (see
    ``_crowded_sentences``), and the question's constants: those are the key. A change to
    what it reads must change the key too (tests/test_scoring_live.py compares every live
    result with a fresh score).
    """

    def __init__(self, bank: Bank, q: _QuestionTables, doc: _Doc,
                 memo: dict[str, tuple[list[object], ThemeResult]]) -> None:
        super().__init__(bank, q, doc)
        self._memo = memo

    def _theme_result(self, theme_id: str, label: str, expected: bool,
                      hits: list[tuple[Hit, bool]], hint: str | None,
                      anti: list[tuple[Hit, bool]] | None = None) -> ThemeResult:
        key = self._inputs(label, expected, hint, hits, anti)
        kept = self._memo.get(theme_id)
        if kept is not None and kept[0] == key:
            return kept[1]
        result = super()._theme_result(theme_id, label, expected, hits, hint, anti)
        self._memo[theme_id] = (key, result)
        return result

    def _inputs(self, label: str, expected: bool, hint: str | None,
                hits: list[tuple[Hit, bool]],
                anti: list[tuple[Hit, bool]] | None) -> list[object]:
        """What a theme's result is worked out from (see the class)."""
        doc, answer = self.doc, self.answer
        starts, ends = doc.starts, doc.ends
        sentences, crowded = self._sentences(), self._crowded_sentences()
        key: list[object] = [label, expected, hint, anti is None]
        for items in (hits, anti or ()):
            for item in items:
                hit = item[0]
                start, end = starts[hit[1]], ends[hit[2]]  # Hit.first, Hit.last
                sentence = sentences[hit[1] + 1]
                key.append((item, start, end, answer[start:end], sentence, sentence in crowded))
            key.append(None)  # between the hits and the anti-cue hits
        return key


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
