"""Stance: does a good answer outscore a fluent but unsafe one, and is the unsafe one flagged?

Run: ``python benchmarks/stance.py [FILE ...] [-v]``. Default data: ``../shared/data/stance/
dev_answers.yaml`` relative to the repository root (the development set; skipped with a note when
absent), our own held-out ``benchmarks/data/stance_answers.yaml`` and the FRESH sets
(``stance_answers_fresh*.yaml``), each reported separately.

A data file is a list of answers, each with ``question`` (a question id of a built-in bank),
``kind`` (``good``, ``poor``: fluent and on topic but a stance an interviewer would fail,
``salad``: theme words strung together, ``off_topic``: unrelated), ``failure`` (what is wrong,
for poor answers) and ``text``; an optional ``bank`` names the bank id when a question id is in
several banks. Every answer is scored by :class:`interview_coach.scoring.Scorer` against its
question. Printed per file:

* pairs: for each question, every good answer against every poor, salad and off-topic answer to
  the same question; a pair is won when the good answer scores strictly higher (count and %);
* median score of the good answers and of the poor answers (salad and off-topic listed apart);
* poor answers flagged: those that trip a red flag or leave a theme *contradicted* (read with
  ``getattr``, so the figure works with results that have no such state yet);
* one row per question: its scores by kind and what flagged each poor answer.

Targets (issue 12): >= 95% of pairs won, median poor <= 30, median good >= 65, 14 of 16 poor
answers flagged on the development set.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import Scorer, ScoreResult

REPO = Path(__file__).resolve().parents[1]
BANKS_DIR = REPO / "question_banks"
OWN_DATA = REPO / "benchmarks" / "data" / "stance_answers.yaml"
# Sets written later by helpers who saw no cue list (benchmarks/data/README.md says which were
# measured once and which decided changes since).
FRESH_DATA = (
    ("FRESH4 (tuning since session 4)", "stance_answers_fresh.yaml"),
    ("FRESH5 (tuning since session 4)", "stance_answers_fresh2.yaml"),
    ("FRESH6 (tuning since session 5)", "stance_answers_fresh3.yaml"),
    ("FRESH7 (tuning since session 6)", "stance_answers_fresh4.yaml"),
    ("ROUND10 (tuning since session 5; no salad or off-topic)", "stance_answers_round10.yaml"),
    ("ROUND11 (tuning since session 5; no off-topic)", "stance_answers_round11.yaml"),
    ("ROUND12 (tuning since session 6; no off-topic)", "stance_answers_round12.yaml"),
    ("ROUND14 (tuning since session 6; no off-topic)", "stance_answers_round14.yaml"),
    ("ROUND16 (tuning since session 7; no off-topic)", "stance_answers_round16.yaml"),
    ("ROUND17 (tuning since session 7; no off-topic)", "stance_answers_round17.yaml"),
    ("ROUND19 (tuning since session 7; no off-topic)", "stance_answers_round19.yaml"),
    ("ROUND20 (tuning since session 7; no off-topic)", "stance_answers_round20.yaml"),
    ("ROUND21 (tuning since session 7; no off-topic)", "stance_answers_round21.yaml"),
    ("ROUND22 (tuning since session 8)", "stance_answers_round22.yaml"),
    ("ROUND24 (tuning since session 8)", "stance_answers_round24.yaml"),
    ("ROUND25 (tuning since session 8)", "stance_answers_round25.yaml"),
    ("ROUND26 (tuning since session 8)", "stance_answers_round26.yaml"),
    ("ROUND27 (tuning since session 9)", "stance_answers_round27.yaml"),
    ("ROUND29 (tuning since session 9)", "stance_answers_round29.yaml"),
    ("ROUND31 (tuning since session 9)", "stance_answers_round31.yaml"),
    ("ROUND13 (held out)", "stance_answers_round13.yaml"),
    ("ROUND15 (held out)", "stance_answers_round15.yaml"),
    ("ROUND18 (held out)", "stance_answers_round18.yaml"),
    ("ROUND23 (held out)", "stance_answers_round23.yaml"),
    ("ROUND28 (held out)", "stance_answers_round28.yaml"),
    ("ROUND30 (held out)", "stance_answers_round30.yaml"),
    ("ROUND32 (held out since session 10)", "stance_answers_round32.yaml"),
    ("ROUND33 (held out since session 10)", "stance_answers_round33.yaml"),
    ("ROUND34 (held out since session 10)", "stance_answers_round34.yaml"),
    ("ROUND35 (held out since session 10)", "stance_answers_round35.yaml"),
    ("ROUND36 (held out since session 10)", "stance_answers_round36.yaml"),
    ("ROUND37 (held out since session 10)", "stance_answers_round37.yaml"),
    ("ROUND38 (held out since session 10)", "stance_answers_round38.yaml"),
)
# Single sentences (kind|theme|text) in benchmarks/data: an unsafe one should be flagged, a
# safe one not: (set, what it has decided, file).
PROBE_DATA = (
    ("PROBEF", "tuning since session 8", "stance_sentences_probef.txt"),
    ("PROBEG", "tuning since session 8", "stance_sentences_probeg.txt"),
    ("PROBEH", "tuning since session 8", "stance_sentences_probeh.txt"),
    ("PROBEI", "tuning since session 9", "stance_sentences_probei.txt"),
    ("PROBEJ", "tuning since session 9", "stance_sentences_probej.txt"),
    ("PROBEK", "measured since session 9, not tuned or trained on", "stance_sentences_probek.txt"),
    ("PROBEL", "stance model training since session 10", "stance_sentences_probel.txt"),
    ("PROBEM", "stance model training since session 10", "stance_sentences_probem.txt"),
    ("PROBEN", "stance model training since session 10", "stance_sentences_proben.txt"),
    ("PROBEO", "stance model training since session 10", "stance_sentences_probeo.txt"),
    ("PROBEP", "measured since session 10, not tuned or trained on", "stance_sentences_probep.txt"),
)
SENTENCE_DATA = (
    ("sentences of the tests (tuning)", REPO / "tests" / "data" / "stance_sentences.txt"),
    *((f"{name} sentences ({what})", REPO / "benchmarks" / "data" / file)
      for name, what, file in PROBE_DATA),
)
SHARED_DATA = REPO.parent / "shared" / "data" / "stance" / "dev_answers.yaml"
KINDS = ("good", "poor", "salad", "off_topic")
BAD_KINDS = ("poor", "salad", "off_topic")


class DataError(Exception):
    """A data file that cannot be read as stance answers."""


@dataclass(frozen=True)
class Answer:
    """One answer of a data file."""

    question: str
    kind: str
    text: str
    failure: str = ""
    bank: str = ""


@dataclass
class Scored:
    """An answer with its score and what flagged it."""

    answer: Answer
    score: int
    flags: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """Whether a red flag fired or a theme was contradicted."""
        return bool(self.flags)


def load_answers(path: Path) -> list[Answer]:
    """Read a data file; ``DataError`` naming the file and the item on any problem."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    except OSError as exc:
        raise DataError(f"{path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get("answers"), list):
        data = data["answers"]
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a list of answers")
    out: list[Answer] = []
    for index, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise DataError(f"{path}: answer {index} is not a mapping")
        question, kind, text = item.get("question"), item.get("kind"), item.get("text")
        if not isinstance(question, str) or not isinstance(text, str):
            raise DataError(f"{path}: answer {index} needs 'question' and 'text' strings")
        if kind not in KINDS:
            raise DataError(f"{path}: answer {index} has kind {kind!r}, not one of {KINDS}")
        out.append(Answer(question, kind, text, str(item.get("failure") or ""),
                          str(item.get("bank") or "")))
    return out


def load_banks() -> list[Bank]:
    """Every bank shipped in question_banks/."""
    return [load_bank(path) for path in sorted(BANKS_DIR.glob("*.yaml"))]


def flags_of(result: ScoreResult) -> list[str]:
    """What makes a result flagged: red flags said, themes contradicted (when results have it)."""
    out = [f"flag {hit.phrase!r}" for hit in result.red_flags]
    for theme in result.themes:
        state = getattr(theme, "state", None)
        if state == "contradicted" or getattr(theme, "contradicted", False) is True:
            out.append(f"contradicts {theme.id}")
    return out


class Judge:
    """Scores answers against whichever built-in bank holds their question."""

    def __init__(self, banks: Sequence[Bank]) -> None:
        self.banks = list(banks)
        self.scorers = {bank.id: Scorer(bank) for bank in self.banks}

    def _bank_of(self, answer: Answer) -> Bank:
        holders = [b for b in self.banks if any(q.id == answer.question for q in b.questions)]
        if answer.bank:
            holders = [b for b in holders if b.id == answer.bank]
        if not holders:
            raise DataError(f"no built-in bank has the question {answer.question!r}")
        return holders[0]

    def score(self, answer: Answer) -> Scored:
        """Score one answer."""
        bank = self._bank_of(answer)
        result = self.scorers[bank.id].score(answer.question, answer.text)
        return Scored(answer, result.score, flags_of(result))


def _median(values: list[int]) -> str:
    return f"{statistics.median(values):.1f}" if values else "-"


def report(name: str, scored: list[Scored], verbose: bool) -> None:
    """Print the figures and per-question rows for one data file."""
    by_question: dict[str, list[Scored]] = {}
    for s in scored:
        by_question.setdefault(s.answer.question, []).append(s)
    won = pairs = 0
    for answers in by_question.values():
        goods = [s for s in answers if s.answer.kind == "good"]
        bads = [s for s in answers if s.answer.kind in BAD_KINDS]
        for good in goods:
            for bad in bads:
                pairs += 1
                won += good.score > bad.score
    of_kind = {k: [s for s in scored if s.answer.kind == k] for k in KINDS}
    poor = of_kind["poor"]
    flagged = sum(s.flagged for s in poor)
    print(f"{name}: {len(scored)} answers, {len(by_question)} questions")
    pct = f"{100.0 * won / pairs:.0f}%" if pairs else "-"
    print(f"  good outscores poor/salad/off-topic: {won} of {pairs} pairs ({pct})   target >= 95%")
    print(f"  median good {_median([s.score for s in of_kind['good']])}   target >= 65")
    print(f"  median poor {_median([s.score for s in poor])}   target <= 30")
    print(f"  median salad {_median([s.score for s in of_kind['salad']])}, "
          f"median off-topic {_median([s.score for s in of_kind['off_topic']])}")
    print(f"  poor answers flagged (red flag or contradicted theme): {flagged} of {len(poor)}")
    print(f"  {'question':<42} {'good':>6} {'poor':>6} {'salad':>6} {'off':>6}  poor flagged by")
    for question, answers in by_question.items():
        cells = []
        for kind in KINDS:
            values = [str(s.score) for s in answers if s.answer.kind == kind]
            cells.append(f"{'/'.join(values) or '-':>6}")
        why = "; ".join(", ".join(s.flags) or "-" for s in answers if s.answer.kind == "poor")
        print(f"  {question:<42} {' '.join(cells)}  {why}")
        if verbose:
            for s in answers:
                if s.answer.kind == "poor":
                    print(f"      poor ({s.answer.failure}): {s.score}")
    print()


def load_sentences(path: Path) -> list[tuple[str, str]]:
    """(kind, text) of each line of a sentence file; ``DataError`` naming the file and line."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"{path}: {exc.strerror or exc}") from None
    out: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|", 2)
        if len(parts) != 3 or parts[0] not in ("unsafe", "safe"):
            raise DataError(f"{path}:{number}: expected unsafe|theme|text or safe|theme|text")
        out.append((parts[0], parts[2]))
    return out


def sentence_report(name: str, path: Path, bank: Bank, verbose: bool) -> None:
    """How many unsafe sentences are flagged, and how many safe ones are (wrongly)."""
    scorer = Scorer(bank)
    question = bank.questions[0]
    counts = {"unsafe": [0, 0], "safe": [0, 0]}
    for kind, text in load_sentences(path):
        flagged = bool(flags_of(scorer.score(question, text)))
        counts[kind][0] += flagged
        counts[kind][1] += 1
        if verbose and flagged != (kind == "unsafe"):
            print(f"    {'missed' if kind == 'unsafe' else 'wrongly flagged'}: {text}")
    print(f"{name}: unsafe flagged {counts['unsafe'][0]} of {counts['unsafe'][1]}, "
          f"safe flagged {counts['safe'][0]} of {counts['safe'][1]}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 2 when a data file cannot be read."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", type=Path, nargs="*",
                        help="data files (default: the shared dev set and our own set)")
    parser.add_argument("-v", "--verbose", action="store_true", help="name each poor answer's failure")
    args = parser.parse_args(argv)
    files: list[tuple[str, Path]] = [(p.name, p) for p in args.files]
    if not files:
        if SHARED_DATA.exists():
            files.append(("shared dev", SHARED_DATA))
        else:
            print(f"(shared dev set not found at {SHARED_DATA}; skipped)\n")
        files.append(("own (held out)", OWN_DATA))
        files += [(name, REPO / "benchmarks" / "data" / file) for name, file in FRESH_DATA]
    banks = load_banks()
    judge = Judge(banks)
    try:
        for name, path in files:
            answers = load_answers(path)
            report(name, [judge.score(a) for a in answers], args.verbose)
        if not args.files:
            peer = next(b for b in banks if b.id == "peer_support_worker")
            for name, path in SENTENCE_DATA:
                sentence_report(name, path, peer, args.verbose)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
