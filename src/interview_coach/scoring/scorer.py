"""The Scorer: compiled tables per bank, per-question tables, ``score`` and ``live``."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from interview_coach._util.errors import ScoringError
from interview_coach._util.gcpause import gc_paused
from interview_coach.banks.models import Bank, Question
from interview_coach.scoring import textnorm
from interview_coach.scoring.assessment import _Assessment
from interview_coach.scoring.document import _Doc, _QuestionTables
from interview_coach.scoring.live import LIVE_MAX_CHARS, LiveScore
from interview_coach.scoring.results import ScoreResult
from interview_coach.scoring.stance import StanceModel, StanceModelError, load_stance_model
from interview_coach.scoring.tables import _Tables
from interview_coach.scoring.words import _BEHAVIOURAL_CATEGORIES, _BEHAVIOURAL_PROMPT, STOPWORDS


def _similarity_function() -> Callable[[str, str], Callable[[str], float]]:
    """A factory (reference, question) -> answer -> similarity, from the similarity module."""
    from interview_coach.scoring.similarity import Reference

    def factory(reference: str, question: str) -> Callable[[str], float]:
        return Reference(reference, question).similarity

    return factory


# Compiled tables of the banks alive in this process, so that a new Scorer for a bank already
# seen (the TUI makes one per screen) costs nothing. Keyed by identity; entries leave with the bank.
_TABLES: dict[int, tuple[weakref.ref[Bank], _Tables]] = {}


def _tables_for(bank: Bank) -> _Tables:
    """The compiled tables of ``bank``, built once per bank object."""
    key = id(bank)
    cached = _TABLES.get(key)
    if cached is not None and cached[0]() is bank:
        return cached[1]
    tables = _Tables(bank)

    def forget(_ref: weakref.ref[Bank]) -> None:
        _TABLES.pop(key, None)

    _TABLES[key] = (weakref.ref(bank, forget), tables)
    return tables


class Scorer:
    """Scores answers for one bank; keeps compiled keyword tables between calls.

    Tables are shared by every Scorer of the same bank object; a bank changed in place after
    its first Scorer needs ``Scorer(bank, fresh=True)``.
    """

    def __init__(self, bank: Bank, fresh: bool = False) -> None:
        self.bank = bank
        self._tables: _Tables | None = None
        if fresh:
            _TABLES.pop(id(bank), None)
        self._questions: dict[str, _QuestionTables] = {}
        self._similarity_factory = _similarity_function()

    @property
    def tables(self) -> _Tables:
        """The bank's compiled keyword tables (built on first use)."""
        if self._tables is None:
            self._tables = _tables_for(self.bank)
        return self._tables

    def _question(self, question: Question | str) -> _QuestionTables:
        qid = question if isinstance(question, str) else question.id
        cached = self._questions.get(qid)
        if cached is not None and (isinstance(question, str) or cached.question is question):
            return cached
        if isinstance(question, str):
            try:
                question = self.bank.question(question)
            except KeyError:
                raise ScoringError(f"no question {qid!r} in bank {self.bank.id!r}") from None
        stance, stance_error = self._stance()
        compiled = _QuestionTables(
            question=question,
            stems=frozenset(textnorm.stem(w) for w in textnorm.words(question.prompt)
                            if w not in STOPWORDS),
            similarity=self._similarity_factory(question.model_answer, question.prompt),
            behavioural=_is_behavioural(question),
            expected=[t for t in question.themes if t in self.bank.themes],
            view=self.tables.view(question.id, _is_behavioural(question)),
            stance=stance,
            stance_error=stance_error,
        )
        self._questions[qid] = compiled
        return compiled

    def _stance(self) -> tuple[StanceModel | None, str]:
        """The bank's stance model, or None and why its file cannot be read as one (the
        result's feedback then says so); (None, '') for a bank that names none."""
        if not self.bank.stance_path:
            return None, ""
        try:
            return load_stance_model(self.bank.stance_path), ""
        except StanceModelError as error:
            return None, (f"The bank's stance model could not be read, so sentences were not "
                          f"read as a whole: {error}")

    def score(self, question: Question | str, answer: str) -> ScoreResult:
        """Score ``answer`` to ``question`` (a Question or its id)."""
        q = self._question(question)
        with gc_paused(len(answer) >= _GC_PAUSE_CHARS):
            # The document and the assessment are freed when _score returns, before the
            # collector runs again: it then walks only the result's objects, not theirs.
            return _score(self.bank, q, answer)

    def live(self, question: Question | str, max_chars: int = LIVE_MAX_CHARS) -> LiveScore:
        """A live scorer for one question: ``update(text)`` rescoring as the user types."""
        return LiveScore(self, question, max_chars)


# From this many characters, scoring pauses Python's cyclic garbage collector: a huge paste
# makes hundreds of thousands of small objects, none of them in a cycle, and the collections
# they trigger (each one walking every object of the process) cost a third of the time.
_GC_PAUSE_CHARS = 100_000


def _score(bank: Bank, q: _QuestionTables, answer: str) -> ScoreResult:
    """Score ``answer`` with a new document (see Scorer.score)."""
    doc = _Doc(q)
    doc.set_text(answer)
    return _Assessment(bank, q, doc).result()


def _is_behavioural(question: Question) -> bool:
    """A question asking for a story from the candidate's past."""
    if (question.category or "").casefold() in _BEHAVIOURAL_CATEGORIES:
        return True
    return _BEHAVIOURAL_PROMPT.search(textnorm.normalise_text(question.prompt)) is not None


def score_answer(bank: Bank, question: Question | str, answer: str) -> ScoreResult:
    """Convenience: score one answer without keeping a Scorer."""
    return Scorer(bank).score(question, answer)
