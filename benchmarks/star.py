"""STAR detection: how many parts find_star gets right on labelled answers, and how fast it is.

Run: ``python benchmarks/star.py [-v] [--data FILE ...] [--no-speed]``.

Each answer of ``benchmarks/data/star_answers.yaml`` is labelled with the STAR parts it has; a
part is right when :func:`interview_coach.scoring.star.find_star` says present exactly when the label
does, so every answer contributes four decisions. Accuracy is printed per part and overall, for
all answers, the tuning answers, and the held-out ones (``heldout: true``, never tuned on), and
by kind of answer. ``-v`` lists each wrong part with its reason. The speed lines give the median
time for an answer of about 250 words (target < 0.3 ms) and the time for pastes of 10 KB, 100 KB
and 1 MB (target: 1 MB < 0.2 s, no worse than linear).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from interview_coach.scoring.star import PARTS, find_star

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data" / "star_answers.yaml"


class DataError(Exception):
    """A data file that cannot be read as labelled answers."""


@dataclass(frozen=True)
class Labelled:
    """One labelled answer."""

    id: str
    kind: str
    heldout: bool
    text: str
    parts: frozenset[str]


def load_answers(path: Path) -> list[Labelled]:
    """The labelled answers of ``path``; DataError naming the file and the entry when malformed."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from None
    items = raw.get("answers") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise DataError(f"{path}: expected a mapping with a list under 'answers'")
    out: list[Labelled] = []
    for n, item in enumerate(items, 1):
        where = f"{path}: answer {n}"
        if not isinstance(item, dict):
            raise DataError(f"{where}: expected a mapping")
        text, parts = item.get("text"), item.get("parts")
        if not isinstance(text, str) or not isinstance(parts, list):
            raise DataError(f"{where}: needs 'text' (a string) and 'parts' (a list)")
        unknown = set(map(str, parts)) - set(PARTS)
        if unknown:
            raise DataError(f"{where}: unknown part(s) {sorted(unknown)}; use {list(PARTS)}")
        out.append(Labelled(str(item.get("id", n)), str(item.get("kind", "")),
                            bool(item.get("heldout", False)), text, frozenset(map(str, parts))))
    return out


@dataclass
class Tally:
    """Right decisions per part."""

    right: dict[str, int]
    total: int = 0

    @classmethod
    def new(cls) -> Tally:
        return cls({p: 0 for p in PARTS})

    def add(self, answer: Labelled) -> list[str]:
        """Score one answer; the names of the parts it got wrong."""
        star = find_star(answer.text)
        wrong = [p for p in PARTS if star.get(p).present != (p in answer.parts)]
        self.total += 1
        for p in PARTS:
            self.right[p] += p not in wrong
        return wrong

    @property
    def overall(self) -> float:
        return sum(self.right.values()) / (4 * self.total) if self.total else 0.0

    def line(self, name: str) -> str:
        if not self.total:
            return f"{name:<12} (none)"
        per = "  ".join(f"{p} {self.right[p] / self.total:6.1%}" for p in PARTS)
        right = sum(self.right.values())
        return f"{name:<12} {self.total:3d} answers  {per}  overall {self.overall:6.1%} ({right}/{4 * self.total})"


def accuracy(answers: Sequence[Labelled], verbose: bool = False) -> dict[str, Tally]:
    """Tallies for all answers, tuning, held-out and each kind; wrong parts printed if verbose."""
    tallies: dict[str, Tally] = {"all": Tally.new(), "tuning": Tally.new(), "held-out": Tally.new()}
    for answer in answers:
        wrong = tallies["all"].add(answer)
        tallies["held-out" if answer.heldout else "tuning"].add(answer)
        tallies.setdefault(f"kind {answer.kind}", Tally.new()).add(answer)
        if verbose and wrong:
            star = find_star(answer.text)
            for p in wrong:
                label = "present" if p in answer.parts else "absent"
                print(f"  {answer.id} {p}: labelled {label}; {star.get(p).why}")
    return tallies


def _times_ms(text: str, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of find_star(text), in ms."""
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        find_star(text)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def speed(answers: Sequence[Labelled]) -> None:
    """Median time for ~250 words, and for 10 KB / 100 KB / 1 MB pastes of story text."""
    stories = [a.text for a in answers if len(a.parts) >= 3] or ["I called him."]
    opinions = [a.text for a in answers if not a.parts] or ["Listening matters."]
    for label, texts in (("story", stories), ("opinion", opinions)):
        words = " ".join(texts * 10).split()[:250]
        wall, cpu = _times_ms(" ".join(words), 500)
        print(f"speed: 250-word {label:<8} median {wall:6.3f} ms wall {cpu:6.3f} ms cpu "
              "(target < 0.3 ms)")
    # A paste of opinions with no story: nothing is found, so every sentence up to the reading
    # limit is examined (the worst case); a paste of stories stops once all four are found.
    for label, unit in (("opinions", " ".join(opinions)), ("stories", " ".join(stories))):
        cells = []
        for size in (10_000, 100_000, 1_000_000):
            text = (unit + " ") * (size // (len(unit) + 1) + 1)
            wall, cpu = _times_ms(text[:size], 21)
            cells.append(f"{size // 1000:>5} KB {wall:6.2f} ms ({cpu:5.2f} cpu)")
        print(f"speed: {label:<8} paste " + "  ".join(cells) + "  (target 1 MB < 200 ms)")
    for label, text in (
        ("short sentences", "I went. " * 125_000),
        ("one long word", "I " + "a" * 1_000_000 + "ed."),
        ("open brackets", "(" * 1_000_000),
        ("if/would", "if would " * 111_111),
    ):
        wall, cpu = _times_ms(text[:1_000_000], 5)
        print(f"speed: hostile 1 MB, {label:<16} {wall:7.2f} ms ({cpu:6.2f} cpu)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 2 when a data file cannot be read."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list each wrong part")
    parser.add_argument("--data", type=Path, action="append", help="data file(s) instead of ours")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed lines")
    args = parser.parse_args(argv)
    answers: list[Labelled] = []
    try:
        for path in args.data or [DATA]:
            answers += load_answers(path)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tallies = accuracy(answers, args.verbose)
    for name, tally in tallies.items():
        print(tally.line(name))
    if not args.no_speed:
        speed(answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
