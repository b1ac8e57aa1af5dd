"""Train the peer bank's stance model (see ``interview_coach.scoring.stance``).

Run: ``pip install -e ".[train]" && python benchmarks/train_stance.py`` (writes
``question_banks/peer_support_worker.stance.json``; ``--out FILE`` to write elsewhere;
``--cv`` prints the cross-validation that chose the threshold instead).

Trained only on our own material in ``benchmarks/data`` that is marked for tuning:

* the single-sentence probe sets (``stance_sentences_probe*.txt``: ``unsafe`` or ``safe``, with
  the theme an unsafe line goes against), except PROBEK and PROBEP, kept to measure it blind;
* the tuning answer sets (``stance_answers_*.yaml``, not the held-out ones listed in
  ``HELD_OUT`` or ``NOT_TRAINED``): every sentence of a good, salad or off-topic answer is a safe example; a
  sentence of a poor answer is an unsafe example when the bank's listed anti-cues or red flags
  (scored without the stance model) find the unsafe stance in it, with the contradicted theme;
  the other sentences of poor answers are left out (they may be sensible or unsafe);
* our theme passages, the STAR answers and the model answers of the built-in banks: safe.

The file also holds the theme reading (``reading``): one logistic regression per peer theme
over the union of the features of a passage's sentences (C=1, features seen at least twice,
weights under 0.1 in every theme dropped), trained on our theme passages outside
``READING_HELD_OUT`` (p001-p776 and the twenty TRAIN blocks p897-p1096 and p1217-p3496:
labelled themes shown; ``maybe`` themes left out of that theme's examples) and the ``train``
part of ``theme_passages_pages.yaml`` (real public pages restated, session 12), the peer bank's
model answers (its question's themes) and the salad and off-topic answers of the tuning answer
sets (no theme). FRESH8 to FRESH11, the pages' ``held`` part and every held-out answer set are
kept out, to measure it.
Its threshold (0.3) had the best F1 of the keywords and the reading together in five-fold
cross-validation over the passages it trains on (``--cv-reading``; a tie at three decimals
goes to the higher threshold); it reads three sentences at a time (``READING_WINDOW``).

Two scikit-learn logistic regressions over ``stance.features``: unsafe or not (balanced
classes, C=1, features seen at least twice) and, on the unsafe sentences with a theme, which
theme (weights under 0.05 in every theme dropped). Only the weights are shipped: the app sums
them and needs no scikit-learn. The threshold (0.90) is the lowest at which, in five-fold
cross-validation over the tuning answer files (by file; ``--cv``), good answers of the left-out
fold are newly flagged in under 2% (6 of 352; 0.95 gave 1 of 352), and at which a probe set left
out of training has under 1% of its safe sentences flagged (5 of 700). It was 0.95 (under 1%)
until the app's sums were found to count a repeated word more than once, which training never
does (benchmarks/data/README.md, Session 10).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer
from interview_coach.scoring.stance import FORMAT, VERSION, features, sentences

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
BANK = REPO / "question_banks" / "peer_support_worker.yaml"
OUT = REPO / "question_banks" / "peer_support_worker.stance.json"
THRESHOLD = 0.90
READING_THRESHOLD = 0.3
READING_WINDOW = 3
READING_C = 1.0
# Theme passages kept out of the reading's training, to measure it (id number ranges):
# FRESH8 and FRESH9 (p777-p896), FRESH10 and FRESH11 (p1097-p1216).
READING_HELD_OUT = ((777, 896), (1097, 1216))
# The stance model's safe examples are the theme passages up to p896: later blocks (which
# include passages that go against a theme) are not stance training material.
STANCE_PASSAGES_UPTO = 896


def training_inputs() -> list[Path]:
    """The files the model is trained from: our labelled data and the banks (whose anti-cues
    label the poor answers' sentences and whose model answers are examples)."""
    return sorted([*DATA.glob("stance_answers*.yaml"), *DATA.glob("stance_sentences_probe*.txt"),
                   DATA / "theme_passages.yaml", DATA / "theme_passages_pages.yaml",
                   DATA / "star_answers.yaml",
                   *(REPO / "question_banks").glob("*.yaml"),
                   *(REPO / "question_banks" / "themes").glob("*.yaml")])


def inputs_digest() -> str:
    """A SHA-256 over the training inputs' names and bytes (recorded in the model file, so a
    test can tell when the data or a bank changed and the model was not trained again)."""
    digest = hashlib.sha256()
    for path in training_inputs():
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def passage_number(item: dict[str, object]) -> int:
    """The number in a theme passage's id (p123 -> 123)."""
    return int(re.sub(r"\D", "", str(item["id"])))


def held_out(number: int) -> bool:
    """Whether theme passage ``number`` is kept out of the reading's training."""
    return any(low <= number <= high for low, high in READING_HELD_OUT)
# Answer sets that decide nothing: measured, never trained or tuned on.
HELD_OUT = frozenset({"stance_answers", "stance_answers_round13", "stance_answers_round15",
                      "stance_answers_round18", "stance_answers_round23",
                      "stance_answers_round28", "stance_answers_round30",
                      "stance_answers_round32", "stance_answers_round33",
                      "stance_answers_round34", "stance_answers_round35",
                      "stance_answers_round36", "stance_answers_round37",
                      "stance_answers_round38", "stance_answers_round41",
                      "stance_answers_round45", "stance_answers_round46",
                      "stance_answers_round49", "stance_answers_round50",
                      "stance_answers_round51", "stance_answers_round52",
                      "stance_answers_round55", "stance_answers_round56",
                      "stance_answers_round59", "stance_answers_round60"})
# Tuning sets the model is not trained on: ROUND39, ROUND40 and ROUND42 (session 13), ROUND43,
# ROUND44, ROUND47 and ROUND48 (session 14), ROUND53, ROUND54, ROUND57 and ROUND58 (session 16)
# decided listed phrases and rules only. Trained on,
# the first three lowered held-out figures (ROUND35 13 of 16 poor flagged, ROUND37 15 of 16)
# and the theme reading's on the pages' held part (F1 0.676 to 0.657).
NOT_TRAINED = frozenset({"stance_answers_round39", "stance_answers_round40",
                         "stance_answers_round42", "stance_answers_round43",
                         "stance_answers_round44", "stance_answers_round47",
                         "stance_answers_round48", "stance_answers_round53",
                         "stance_answers_round54", "stance_answers_round57",
                         "stance_answers_round58"})
KEPT_OUT = HELD_OUT | NOT_TRAINED
MEASURE_ONLY_PROBES = frozenset({"stance_sentences_probek", "stance_sentences_probep"})


def probe_lines(path: Path) -> list[tuple[str, str, str]]:
    """(kind, theme, text) of a probe file's lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.count("|") < 2:
            continue
        kind, theme, text = line.split("|", 2)
        out.append((kind.strip(), theme.strip(), text.strip()))
    return out


def collect() -> tuple[list[str], list[int], list[str], Counter[str]]:
    """Sentences, labels (1 unsafe), themes ('' when unknown) and counts per source."""
    texts: list[str] = []
    labels: list[int] = []
    themes: list[str] = []
    sources: Counter[str] = Counter()

    def add(text: str, label: int, theme: str, source: str) -> None:
        texts.append(text)
        labels.append(label)
        themes.append(theme)
        sources[f"{source} {'unsafe' if label else 'safe'}"] += 1

    for path in sorted(DATA.glob("stance_sentences_probe*.txt")):
        if path.stem in MEASURE_ONLY_PROBES:
            continue
        for kind, theme, text in probe_lines(path):
            add(text, int(kind == "unsafe"), theme if kind == "unsafe" else "", "probe")
    bank = load_bank(BANK)
    bank._stance_path = ""  # label with the listed anti-cues only
    scorer = Scorer(bank, fresh=True)
    for path in sorted(DATA.glob("stance_answers*.yaml")):
        if path.stem in KEPT_OUT:
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            text = item["text"]
            spans = [(start, end) for start, end in sentences(text)]
            if item["kind"] != "poor":
                for start, end in spans:
                    add(text[start:end], 0, "", "answers")
                continue
            result = scorer.score(item["question"], text)
            hits = [(h.start, t.id) for t in result.themes if t.state == "contradicted"
                    for h in t.anti_matches if not h.negated]
            hits += [(h.start, "") for h in result.red_flags]
            for start, end in spans:
                found = [theme for at, theme in hits if start <= at < end]
                if found:
                    add(text[start:end], 1, next((t for t in found if t), ""), "poor answers")
    passages = yaml.safe_load((DATA / "theme_passages.yaml").read_text(encoding="utf-8"))
    star = yaml.safe_load((DATA / "star_answers.yaml").read_text(encoding="utf-8"))
    kept = [p for p in passages["passages"] if passage_number(p) <= STANCE_PASSAGES_UPTO]
    for items, name in ((kept, "passages"), (star, "star answers")):
        if isinstance(items, dict):
            items = next(iter(items.values()))
        for item in items:
            for start, end in sentences(item["text"]):
                add(item["text"][start:end], 0, "", name)
    for bank_path in sorted((REPO / "question_banks").glob("*.yaml")):
        for question in load_bank(bank_path).questions:
            answer = question.model_answer or ""
            for start, end in sentences(answer):
                add(answer[start:end], 0, "", "model answers")
    return texts, labels, themes, sources


def passage_features(text: str) -> list[str]:
    """The theme reading's features of a passage: those of its sentences, each once."""
    out: set[str] = set()
    for start, end in sentences(text):
        out.update(features(text[start:end]))
    return sorted(out)


def reading_examples() -> tuple[list[str], list[set[str]], list[set[str]], list[str]]:
    """Texts, themes shown, themes left out (maybe) and theme ids of the reading's training."""
    bank = load_bank(BANK)
    texts: list[str] = []
    shown: list[set[str]] = []
    maybe: list[set[str]] = []
    data = yaml.safe_load((DATA / "theme_passages.yaml").read_text(encoding="utf-8"))
    for item in data["passages"]:
        if not held_out(passage_number(item)):
            texts.append(item["text"])
            shown.append(set(item.get("themes") or []))
            maybe.append(set(item.get("maybe") or []))
    # passages restating real public pages: their train part (the held part measures it)
    pages = yaml.safe_load((DATA / "theme_passages_pages.yaml").read_text(encoding="utf-8"))
    for item in pages["passages"]:
        if item["part"] == "train":
            texts.append(item["text"])
            shown.append(set(item.get("themes") or []))
            maybe.append(set(item.get("maybe") or []))
    # the themes the passages are labelled with (a bank theme they never label, such as
    # communication from the shared workplace file, cannot be learnt from them)
    labelled = set().union(*shown, *maybe)
    for question in bank.questions:
        if question.model_answer:
            texts.append(question.model_answer)
            shown.append(set(question.themes))
            maybe.append(set())
    for path in sorted(DATA.glob("stance_answers*.yaml")):
        if path.stem in KEPT_OUT:
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            if item["kind"] in ("salad", "off_topic"):
                texts.append(item["text"])
                shown.append(set())
                maybe.append(set())
    themes = [t for t in bank.themes if t in labelled]
    return texts, shown, maybe, themes


def fit_reading(texts: list[str], shown: list[set[str]], maybe: list[set[str]],
                themes: list[str], c: float = 0.0) -> tuple[object, dict[str, object]]:
    """The vectoriser and one fitted regression per theme."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = CountVectorizer(analyzer=passage_features, min_df=2, binary=True)
    matrix = vectoriser.fit_transform(texts)
    models = {}
    for theme in themes:
        rows = [i for i in range(len(texts)) if theme not in maybe[i]]
        models[theme] = LogisticRegression(C=c or READING_C, max_iter=5000).fit(
            matrix[rows], [int(theme in shown[i]) for i in rows])
    return vectoriser, models


def train_reading() -> dict[str, object]:
    """The ``reading`` object of the model file."""
    texts, shown, maybe, themes = reading_examples()
    vectoriser, models = fit_reading(texts, shown, maybe, themes)
    names = vectoriser.get_feature_names_out()  # type: ignore[attr-defined]
    weights = {}
    for j, name in enumerate(names):
        row = [round(float(models[t].coef_[0][j]), 3) for t in themes]  # type: ignore[attr-defined]
        if max(abs(w) for w in row) >= 0.1:
            weights[str(name)] = row
    print(f"reading: {len(weights)} features, {len(texts)} passages and answers",
          file=sys.stderr)
    return {
        "threshold": READING_THRESHOLD, "window": READING_WINDOW, "themes": themes,
        "bias": [round(float(models[t].intercept_[0]), 4) for t in themes],  # type: ignore[attr-defined]
        "weights": dict(sorted(weights.items())),
    }


def train(out: Path) -> None:
    from sklearn import __version__ as sklearn_version  # type: ignore[import-not-found]
    from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-not-found]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-not-found]

    texts, labels, themes, sources = collect()
    vectoriser = CountVectorizer(analyzer=features, min_df=2, binary=True)
    matrix = vectoriser.fit_transform(texts)
    names = vectoriser.get_feature_names_out()
    binary = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(matrix, labels)
    weights = {str(n): round(float(w), 4) for n, w in zip(names, binary.coef_[0], strict=True)
               if abs(w) >= 0.002}
    rows = [i for i, (label, theme) in enumerate(zip(labels, themes, strict=True))
            if label and theme]
    theme_model = LogisticRegression(C=1.0, max_iter=5000).fit(
        matrix[rows], [themes[i] for i in rows])
    ids = [str(t) for t in theme_model.classes_]
    theme_weights = {}
    for j, name in enumerate(names):
        row = [round(float(theme_model.coef_[k][j]), 3) for k in range(len(ids))]
        if max(abs(w) for w in row) >= 0.05:
            theme_weights[str(name)] = row
    data = {
        "format": FORMAT, "version": VERSION, "threshold": THRESHOLD,
        "trained_on": {
            "script": "benchmarks/train_stance.py", "scikit-learn": sklearn_version,
            "inputs_sha256": inputs_digest(),
            "sentences": dict(sorted(sources.items())),
        },
        "bias": round(float(binary.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
        "themes": ids,
        "theme_bias": [round(float(b), 3) for b in theme_model.intercept_],
        "theme_weights": dict(sorted(theme_weights.items())),
        "reading": train_reading(),
    }
    text = json.dumps(data, indent=0, ensure_ascii=True, sort_keys=False)
    out.write_text(re.sub(r"\n(?=[\]\d-])", "", text) + "\n", encoding="utf-8")
    print(f"{out}: {len(weights)} features, {len(theme_weights)} theme rows, "
          f"{sum(labels)} unsafe of {len(labels)} sentences", file=sys.stderr)


def cross_validate(folds: int = 5) -> None:
    """How the threshold was chosen: the tuning answer files in ``folds`` groups; for each, a
    model trained without that group's sentences flags its good and poor answers (a sentence
    at or over the threshold, no reading rules), beside the listed anti-cues and red flags."""
    import random

    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels, _themes, _sources = collect()
    files = [p for p in sorted(DATA.glob("stance_answers*.yaml")) if p.stem not in KEPT_OUT]
    random.Random(1).shuffle(files)
    bank = load_bank(BANK)
    bank._stance_path = ""
    scorer = Scorer(bank, fresh=True)
    thresholds = (0.8, 0.85, 0.9, 0.93, 0.95, 0.97)
    tally = {th: [0, 0, 0, 0] for th in thresholds}
    for k in range(folds):
        items = [item for path in files[k::folds]
                 for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
        left_out = {item["text"][a:b] for item in items for a, b in sentences(item["text"])}
        keep = [i for i, text in enumerate(texts) if text not in left_out]
        vectoriser = CountVectorizer(analyzer=features, min_df=2, binary=True)
        matrix = vectoriser.fit_transform([texts[i] for i in keep])
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(
            matrix, [labels[i] for i in keep])
        for item in items:
            if item["kind"] not in ("good", "poor"):
                continue
            said = [item["text"][a:b] for a, b in sentences(item["text"])]
            top = max(model.predict_proba(vectoriser.transform(said))[:, 1]) if said else 0.0
            result = scorer.score(item["question"], item["text"])
            listed = bool(result.red_flags or any(t.state == "contradicted"
                                                  for t in result.themes))
            for th in thresholds:
                row = tally[th]
                if item["kind"] == "poor":
                    row[0] += listed or top >= th
                    row[1] += 1
                else:
                    row[2] += top >= th and not listed
                    row[3] += 1
    for th, (poor, n_poor, good, n_good) in tally.items():
        print(f"threshold {th}: poor flagged {poor}/{n_poor}, good newly flagged {good}/{n_good}")


def cross_validate_reading(folds: int = 5, by_site: bool = False) -> None:
    """How the reading's threshold and C were chosen: the theme passages it trains on in
    ``folds`` groups; for each, a reading trained without that group finds themes in it beside
    the keywords (a theme covered by either counts), at each C and threshold; micro P / R / F1
    over the peer themes, maybes free. The threshold with the best F1 at C = 1 is shipped; C
    stays 1 unless another C is better by more than 0.005 (with TRAINA to TRAINE: 0.844 at C 3,
    0.842 at C 1, 0.838 at C 0.3).

    With ``by_site``, only the pages' train part is measured, in groups by website (our own
    passages always train): restatements of one page, or pages of one site, are never on both
    sides, as for material the project has never seen (session 13: the same C and threshold
    win, at F1 0.673, as on the held part's 0.676)."""
    import random
    from urllib.parse import urlparse

    from interview_coach.banks.stance_file import ReadingWeights, StanceWeights
    from interview_coach.scoring.stance import StanceModel

    texts, shown, maybe, themes = reading_examples()
    data = yaml.safe_load((DATA / "theme_passages.yaml").read_text(encoding="utf-8"))
    pages = yaml.safe_load((DATA / "theme_passages_pages.yaml").read_text(encoding="utf-8"))
    # the passages come first in reading_examples: ours, then the pages' train part
    ours = sum(1 for item in data["passages"] if not held_out(passage_number(item)))
    train_pages = [item for item in pages["passages"] if item["part"] == "train"]
    count = ours + len(train_pages)
    fold_of: dict[int, int] = {}  # passage index -> its fold (absent: always trained on)
    if by_site:
        site = [urlparse(item["source"]).netloc.removeprefix("www.") for item in train_pages]
        sites = sorted(set(site))
        random.Random(1).shuffle(sites)
        site_fold = {name: k % folds for k, name in enumerate(sites)}
        fold_of = {ours + i: site_fold[name] for i, name in enumerate(site)}
    else:
        order = list(range(count))
        random.Random(1).shuffle(order)
        fold_of = {i: k % folds for k, i in enumerate(order)}
    bank = load_bank(BANK)
    bank._stance_path = ""  # the keywords alone: the shipped reading has seen every fold
    scorer = Scorer(bank, fresh=True)
    question = bank.questions[0].id
    keywords: list[set[str]] = []
    against: list[set[str]] = []
    for i in range(count):
        if i not in fold_of:
            keywords.append(set())
            against.append(set())
            continue
        result = scorer.score(question, texts[i])
        keywords.append({t.id for t in result.themes if t.covered})
        against.append({t.id for t in result.themes if t.state == "contradicted"})
    thresholds = (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9)
    for c in (0.3, 1.0, 3.0):
        tally = {th: [0, 0, 0] for th in (*thresholds, 1.0)}
        for k in range(folds):
            test = {i for i, fold in fold_of.items() if fold == k}
            keep = [i for i in range(len(texts)) if i not in test]
            vectoriser, models = fit_reading([texts[i] for i in keep], [shown[i] for i in keep],
                                             [maybe[i] for i in keep], themes, c)
            names = vectoriser.get_feature_names_out()  # type: ignore[attr-defined]
            rows = {str(n): [float(models[t].coef_[0][j])  # type: ignore[attr-defined]
                             for t in themes] for j, n in enumerate(names)}
            bias = [float(models[t].intercept_[0]) for t in themes]  # type: ignore[attr-defined]
            model = StanceModel(StanceWeights(0.9, 0.0, {}, [], [], {}, reading=ReadingWeights(
                0.001, READING_WINDOW, themes, bias, rows)))
            for i in sorted(test):
                sure = {r.theme: r.probability for r in model.reads(texts[i])}
                for th, row in tally.items():
                    found = keywords[i] | ({t for t, p in sure.items() if p >= th} - against[i])
                    for theme in themes:
                        if theme in maybe[i]:
                            continue
                        got, want = theme in found, theme in shown[i]
                        row[0] += got and want
                        row[1] += got and not want
                        row[2] += want and not got
        for th, (tp, fp, fn) in tally.items():
            p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
            name = "keywords alone" if th == 1.0 else f"C {c}, threshold {th}"
            print(f"{name}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv", action="store_true",
                        help="print the cross-validation that chose the threshold; write nothing")
    parser.add_argument("--cv-reading", action="store_true",
                        help="print the cross-validation that chose the theme reading's "
                             "threshold; write nothing")
    parser.add_argument("--by-site", action="store_true",
                        help="with --cv-reading: measure the pages' train part in groups by "
                             "website")
    args = parser.parse_args(argv)
    if args.cv_reading:
        cross_validate_reading(by_site=args.by_site)
    elif args.cv:
        cross_validate()
    else:
        train(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
