"""Theme detection quality: micro precision, recall and F1 of the scorer on labelled passages.

Run: ``python benchmarks/themes.py [--split] [-v] [--data FILE ...]``.

Each passage is scored with :class:`interview_coach.scoring.Scorer` against one question of the
built-in peer support bank; a theme is predicted when its ``ThemeResult.covered`` is true (the
question does not matter: every theme of the bank is judged). Predictions are compared with the
passage's labelled theme ids (``themes`` must be found; ``maybe``, a theme touched weakly or
ambiguously, is free: neither a hit nor a false positive), over the bank's fourteen peer themes plus any other bank theme a
data file labels. Data, each reported SEPARATELY: the development passages
``../shared/data/themes/dev_passages.yaml`` (relative to the repository root; skipped with a note
when absent) and our own ``benchmarks/data/theme_passages.yaml``, labelled with the same rules
(``../shared/data/themes/README.md``). Targets on the development passages (issue 12):
precision >= 0.90, F1 >= 0.85.

A third file, ``benchmarks/data/theme_passages_pages.yaml`` (session 12), restates stretches of
real public pages in our own words; it is reported whole and by its ``part``: ``train`` (the theme
reading learns from it) and ``held`` (never trained or tuned on).

``--second FILE`` (repeatable) also reports the passages a second labelling covers as the outside
check reads two labellings: a theme both call clear must be found; a theme either names, clear or
maybe, is free. With the default data it defaults to our two second labellings:
``benchmarks/data/theme_passages_second.yaml`` (the held-out blocks FRESH10 and FRESH11) and
``benchmarks/data/theme_passages_pages_second.yaml`` (the pages' held part). The pages' held part
labelled twice is the figure closest to the outside check.

``--split`` also reports the even-id half (the half keywords may be tuned on) and the odd-id half
(held out); ``--range 231-308`` reports the passages with id numbers in that range (our set's
block written after the first tuning round; 309-386 and 387-446 are the later untuned
blocks; 507-576, 577-646 and 647-716 are the FRESH4, FRESH5 and FRESH6 blocks, written by
helpers who saw no cue list: see benchmarks/data/README.md for which of them decided changes).
The peer bank's theme reading (``benchmarks/train_stance.py``) is TRAINED on our passages outside
its ``READING_HELD_OUT`` ranges, so on those the figures are training figures; only the
held-out blocks (``--range 777-896`` and the later held-out blocks listed there) measure it. ``-v`` lists each false positive with the text that triggered it and each false
negative. The last line prints the median scoring time per passage.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import Match, Scorer

REPO = Path(__file__).resolve().parents[1]
PEER = REPO / "question_banks" / "peer_support_worker.yaml"
OWN_DATA = REPO / "benchmarks" / "data" / "theme_passages.yaml"
# Passages restating stretches of real public pages (session 12): a `train` part the theme
# reading learns from and a `held` part that measures it, labelled a second time.
PAGES_DATA = REPO / "benchmarks" / "data" / "theme_passages_pages.yaml"
SECOND_LABELS = (REPO / "benchmarks" / "data" / "theme_passages_second.yaml",
                 REPO / "benchmarks" / "data" / "theme_passages_pages_second.yaml")
SHARED_DATA = REPO.parent / "shared" / "data" / "themes" / "dev_passages.yaml"
PEER_THEMES = (
    "boundaries", "confidentiality", "lived_experience", "self_care", "empathy_listening",
    "recovery_hope", "empowerment", "collaboration", "crisis_safety", "inclusion",
    "advocacy_resources", "trust_rapport", "professional_development", "stigma",
)
# Accepted spellings of the fields of a passage in a data file we did not write.
TEXT_KEYS = ("text", "passage", "answer", "sentence", "content")
THEME_KEYS = ("themes", "labels", "theme_ids", "theme", "label")
MAYBE_KEYS = ("maybe", "maybe_themes", "weak")
LIST_KEYS = ("passages", "items", "data", "examples")


class DataError(Exception):
    """A data file that cannot be read as labelled passages."""


@dataclass(frozen=True)
class Passage:
    """One labelled passage."""

    id: str
    text: str
    themes: frozenset[str]
    maybe: frozenset[str] = frozenset()
    part: str = ""  # "train" or "held" in a file whose passages say (the pages file)


@dataclass
class Prediction:
    """What the scorer found in one passage."""

    passage: Passage
    predicted: frozenset[str]
    evidence: dict[str, list[Match]] = field(default_factory=dict)


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 1.0 when nothing was labelled."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------------- reading data


def _as_themes(value: Any) -> list[str]:
    """Theme ids from a list, a comma/space separated string or None."""
    if value is None:
        return []
    if isinstance(value, str):
        return [t for t in re.split(r"[,\s]+", value) if t]
    if isinstance(value, (list, tuple, set)):
        return [str(t).strip() for t in value if str(t).strip()]
    raise DataError(f"themes must be a list or a string, not {type(value).__name__}")


def _first(item: dict[str, Any], keys: Sequence[str]) -> Any:
    """The value of the first of ``keys`` present in ``item`` (None when none is)."""
    for key in keys:
        if key in item:
            return item[key]
    return None


def _items(data: Any) -> list[tuple[str | None, Any]]:
    """(id or None, item) pairs from a list, a mapping with a list, or a mapping id -> item."""
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                return [(None, item) for item in data[key]]
        return [(str(k), v) for k, v in data.items() if isinstance(v, dict)]
    if isinstance(data, list):
        return [(None, item) for item in data]
    raise DataError("expected a list of passages or a mapping with 'passages'")


def parse_passages(data: Any, labels_only: bool = False) -> list[Passage]:
    """Labelled passages from loaded YAML/JSON data, in any of the layouts we accept (with
    ``labels_only``, a second labelling: ids and labels, the text may be absent)."""
    out: list[Passage] = []
    for index, (key, item) in enumerate(_items(data), 1):
        if not isinstance(item, dict):
            raise DataError(f"passage {index} is not a mapping")
        text = _first(item, TEXT_KEYS)
        if labels_only and text is None:
            text = ""
        if not isinstance(text, str):
            raise DataError(f"passage {index} has no text (one of {', '.join(TEXT_KEYS)})")
        pid = item.get("id", key if key is not None else index)
        themes = frozenset(_as_themes(_first(item, THEME_KEYS)))
        maybe = frozenset(_as_themes(_first(item, MAYBE_KEYS))) - themes
        part = item.get("part", "")
        out.append(Passage(str(pid), text, themes, maybe, part if isinstance(part, str) else ""))
    return out


def load_passages(path: Path, labels_only: bool = False) -> list[Passage]:
    """Read a data file of labelled passages (YAML, which also reads JSON)."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    except OSError as exc:
        raise DataError(f"{path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML ({exc})") from None
    try:
        return parse_passages(data, labels_only)
    except DataError as exc:
        raise DataError(f"{path}: {exc}") from None


def id_number(passage: Passage, index: int) -> int:
    """The number in a passage's id ("p012" -> 12), else its 1-based position."""
    digits = re.findall(r"\d+", passage.id)
    return int(digits[-1]) if digits else index + 1


def is_even(passage: Passage, index: int) -> bool:
    """Whether a passage is in the even half: by the number in its id, else by position."""
    return id_number(passage, index) % 2 == 0


def parse_range(text: str) -> tuple[int, int]:
    """'231-308' -> (231, 308); '231' -> (231, 231)."""
    low, _, high = text.partition("-")
    try:
        return int(low), int(high or low)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a range of id numbers: {text!r}") from None


# --------------------------------------------------------------------------- scoring


def double_labelled(passages: Sequence[Passage], second: Sequence[Passage]) -> list[Passage]:
    """The passages that ``second`` labels again, read as the outside check reads two labellings:
    a theme both call clear must be found; a theme either names (clear or maybe) is free."""
    again = {p.id: p for p in second}
    out = []
    for passage in passages:
        other = again.get(passage.id)
        if other is None:
            continue
        must = passage.themes & other.themes
        named = passage.themes | passage.maybe | other.themes | other.maybe
        out.append(Passage(passage.id, passage.text, must, frozenset(named - must), passage.part))
    return out


def evaluated_themes(bank: Bank, passages: Iterable[Passage]) -> list[str]:
    """The themes judged: the peer themes plus other bank themes the data labels."""
    labelled = {t for p in passages for t in p.themes | p.maybe}
    extra = sorted(t for t in labelled if t in bank.themes and t not in PEER_THEMES)
    return [t for t in PEER_THEMES if t in bank.themes] + extra


def predict(scorer: Scorer, question_id: str, passages: Sequence[Passage],
            themes: Sequence[str]) -> tuple[list[Prediction], list[float]]:
    """Score every passage; return predictions and the time each took in milliseconds."""
    wanted = set(themes)
    out: list[Prediction] = []
    times: list[float] = []
    for passage in passages:
        t0 = time.perf_counter()
        result = scorer.score(question_id, passage.text)
        times.append((time.perf_counter() - t0) * 1000.0)
        covered = {t.id: t.matches for t in result.themes if t.covered and t.id in wanted}
        out.append(Prediction(passage, frozenset(covered), covered))
    return out, times


def count(predictions: Iterable[Prediction], themes: Sequence[str]) -> dict[str, Counts]:
    """Counts per theme; a ``maybe`` theme is free (neither rewarded nor penalised)."""
    per = {t: Counts() for t in themes}
    for pred in predictions:
        gold = pred.passage.themes
        for theme in themes:
            if theme in pred.passage.maybe:
                continue
            got, want = theme in pred.predicted, theme in gold
            if got and want:
                per[theme].tp += 1
            elif got:
                per[theme].fp += 1
            elif want:
                per[theme].fn += 1
    return per


def micro(per: dict[str, Counts]) -> Counts:
    """Counts summed over themes (micro averaging)."""
    total = Counts()
    for c in per.values():
        total.add(c)
    return total


# --------------------------------------------------------------------------- report


def _line(name: str, c: Counts) -> str:
    return (f"  {name:<26} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}"
            f"   (tp {c.tp}, fp {c.fp}, fn {c.fn})")


def report(title: str, predictions: list[Prediction], themes: Sequence[str],
           per_theme: bool) -> Counts:
    """Print micro P/R/F1 (and per theme when asked) for a set of predictions."""
    per = count(predictions, themes)
    total = micro(per)
    print(f"{title}: {len(predictions)} passages")
    print(_line("micro", total))
    if per_theme:
        for theme in themes:
            print(_line(theme, per[theme]))
    return total


def _evidence(matches: list[Match]) -> str:
    live = [m for m in matches if not m.negated]
    return ", ".join(f"{m.text!r}~{m.keyword!r}" for m in live[:3])


def print_errors(predictions: list[Prediction], themes: Sequence[str]) -> None:
    """List false positives (with what matched) and false negatives, passage by passage."""
    for pred in predictions:
        gold = pred.passage.themes & set(themes)
        fps = sorted(pred.predicted - gold - pred.passage.maybe)
        fns = sorted(gold - pred.predicted)
        if not fps and not fns:
            continue
        print(f"  [{pred.passage.id}] {pred.passage.text}")
        for theme in fps:
            print(f"      FP {theme}: {_evidence(pred.evidence[theme])}")
        for theme in fns:
            print(f"      FN {theme}")


def evaluate_file(scorer: Scorer, bank: Bank, question_id: str, name: str, path: Path,
                  args: argparse.Namespace) -> list[float]:
    """Report one data file; return the per-passage times."""
    passages = load_passages(path)
    themes = evaluated_themes(bank, passages)
    unknown = sorted({t for p in passages for t in p.themes | p.maybe} - set(bank.themes))
    if unknown:
        print(f"{name}: labels not in the bank, ignored: {', '.join(unknown)}")
    predictions, times = predict(scorer, question_id, passages, themes)
    report(f"{name} (all)", predictions, themes, per_theme=True)
    for part in dict.fromkeys(p.passage.part for p in predictions if p.passage.part):
        report(f"{name} ({part} part)", [p for p in predictions if p.passage.part == part],
               themes, per_theme=args.per_theme_split)
    if args.split:
        even = [p for i, p in enumerate(predictions) if is_even(p.passage, i)]
        odd = [p for i, p in enumerate(predictions) if not is_even(p.passage, i)]
        report(f"{name} (even ids, tuning half)", even, themes, per_theme=args.per_theme_split)
        report(f"{name} (odd ids, held out)", odd, themes, per_theme=args.per_theme_split)
    if args.second:
        second = [p for path in args.second for p in load_passages(path, labels_only=True)]
        both = double_labelled([p.passage for p in predictions], second)
        if both:
            by_id = {p.passage.id: p for p in predictions}
            report(f"{name} (labelled twice: both clear must be found, either's free)",
                   [Prediction(p, by_id[p.id].predicted, by_id[p.id].evidence) for p in both],
                   themes, per_theme=args.per_theme_split)
    for low, high in args.range or []:
        part = [p for i, p in enumerate(predictions) if low <= id_number(p.passage, i) <= high]
        report(f"{name} (ids {low}-{high})", part, themes, per_theme=args.per_theme_split)
    if args.verbose:
        print(f"{name}: errors")
        print_errors(predictions, themes)
    print()
    return times


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 2 when a data file cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="store_true",
                        help="also report the even-id (tuning) and odd-id (held-out) halves")
    parser.add_argument("--per-theme-split", action="store_true",
                        help="with --split, per-theme lines for each half too")
    parser.add_argument("--range", type=parse_range, action="append", metavar="A-B",
                        help="also report the passages whose id numbers lie from A to B")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list false positives and false negatives")
    parser.add_argument("--second", type=Path, metavar="FILE", action="append",
                        help="second labels (id, themes, maybe) of some passages: also report "
                             "those passages as two labellings are read (both clear: must be "
                             "found; either names it: free); by default, with the default "
                             "data, our two files of second labels")
    parser.add_argument("--bank", type=Path, default=PEER, help="bank file (default: peer bank)")
    parser.add_argument("--data", type=Path, action="append",
                        help="data file(s) instead of the default ones")
    args = parser.parse_args(argv)

    bank = load_bank(args.bank)
    scorer = Scorer(bank)
    question_id = bank.questions[0].id
    files = [(p.name, p) for p in args.data] if args.data else []
    if not args.data:
        if SHARED_DATA.exists():
            files.append(("shared dev", SHARED_DATA))
        else:
            print(f"(shared dev set not found at {SHARED_DATA}; skipped)\n")
        files.append(("own", OWN_DATA))
        files.append(("pages", PAGES_DATA))
        if args.second is None:
            args.second = [path for path in SECOND_LABELS if path.exists()]
    times: list[float] = []
    try:
        for name, path in files:
            times += evaluate_file(scorer, bank, question_id, name, path, args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if times:
        print(f"median scoring time per passage: {statistics.median(times):.3f} ms "
              f"({len(times)} passages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
