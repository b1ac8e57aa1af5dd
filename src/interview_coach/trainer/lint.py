"""A quality report on a bank for trainers: what a validator cannot see but a candidate would.

Each finding names the line it is about. Errors make ``lint`` exit 1; warnings do not.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_coach.banks.models import Bank

if TYPE_CHECKING:
    from interview_coach.scoring import ScoreResult

MIN_THEME_KEYWORDS = 8
SHORT_ANSWER_WORDS = 60
LONG_ANSWER_WORDS = 250
NEAR_DUPLICATE_RATIO = 88.0


@dataclass(frozen=True, order=True)
class Finding:
    """One thing a trainer should look at."""

    line: int
    severity: str  # "error" or "warning"
    kind: str
    message: str
    theme: str = ""  # the theme the finding is about, if any

    def format(self, source: str) -> str:
        """``file:line: severity: message [kind]``."""
        return f"{source}:{self.line}: {self.severity}: {self.message} [{self.kind}]"


def lint_bank(bank: Bank) -> list[Finding]:
    """Every finding for ``bank``, sorted by line."""
    from interview_coach.scoring import Scorer

    scorer = Scorer(bank)
    results = {q.id: scorer.score(q, q.model_answer) for q in bank.questions if q.model_answer.strip()}
    findings = [
        *_missed_own_themes(bank, results),
        *_answers_with_red_flags(bank, results),
        *_unused_themes(bank),
        *_shared_keywords(bank),
        *_unmatched_keywords(bank, results),
        *_answer_lengths(bank),
        *_near_duplicates(bank),
        *_thin_themes(bank),
        *_no_tips(bank),
        *_generic_strong_cues(bank),
        *_no_anti_cues(bank),
        *_too_many_readings(bank),
        *_unbalanced_braces(bank),
    ]
    return sorted(findings)


def _qline(bank: Bank, index: int, key: str = "") -> int:
    return bank.line_of("questions", index, key) if key else bank.line_of("questions", index)


def _missed_own_themes(bank: Bank, results: dict[str, ScoreResult]) -> list[Finding]:
    found = []
    for index, question in enumerate(bank.questions):
        result = results.get(question.id)
        # A theme counts as shown when covered, or (until its bank lists strong cues of its
        # own) touched by a one-word schema-1 keyword, which is a weak cue by default.
        covered = {t.id for t in result.themes
                   if t.covered or (t.state == "touched" and not bank.themes[t.id].strong)
                   } if result else set()
        against = [t for t in result.themes if t.state == "contradicted"] if result else []
        for t in against:
            said = "; ".join(h.text for h in t.anti_matches if not h.negated)
            found.append(Finding(
                _qline(bank, index, "model_answer"), "error", "answer-contradicts-theme",
                f"the model answer of {question.id!r} says an anti-cue of {t.id!r}: {said}",
            ))
        for theme_id in question.themes:
            if theme_id not in covered:
                found.append(Finding(
                    _qline(bank, index, "model_answer"), "error", "answer-misses-theme",
                    f"the model answer of {question.id!r} does not cover its own theme {theme_id!r}",
                    theme_id,
                ))
    return found


def _answers_with_red_flags(bank: Bank, results: dict[str, ScoreResult]) -> list[Finding]:
    """A model answer that says what the bank itself calls a warning sign teaches the wrong thing."""
    found = []
    for index, question in enumerate(bank.questions):
        result = results.get(question.id)
        for flag in result.red_flags if result else []:
            found.append(Finding(
                _qline(bank, index, "model_answer"), "error", "answer-red-flag",
                f"the model answer of {question.id!r} trips the bank's red flag {flag.phrase!r} "
                f"(it says {flag.text!r})",
            ))
    return found


def group_findings(findings: list[Finding]) -> list[tuple[str, list[tuple[str, list[Finding]]]]]:
    """Findings grouped by kind (kinds with errors first), then by theme ('' for none)."""
    kinds: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in sorted(findings):
        kinds[finding.kind][finding.theme].append(finding)

    def has_errors(kind: str) -> bool:
        return any(f.severity == "error" for group in kinds[kind].values() for f in group)

    order = sorted(kinds, key=lambda k: (not has_errors(k), k))
    return [(kind, sorted(kinds[kind].items())) for kind in order]


KINDS = (
    "answer-misses-theme", "answer-red-flag", "unused-theme", "shared-keyword", "unmatched-keyword",
    "short-answer", "long-answer", "near-duplicate", "few-keywords", "no-tips",
    "answer-contradicts-theme", "generic-strong-cue", "no-anti-cues", "too-many-readings",
    "unbalanced-braces",
)


def _unused_themes(bank: Bank) -> list[Finding]:
    expected = {t for q in bank.questions for t in q.themes}
    return [
        Finding(bank.line_of("themes", tid), "warning", "unused-theme",
                f"no question expects the theme {tid!r}", tid)
        for tid in bank.themes if tid not in expected
    ]


def _shared_keywords(bank: Bank) -> list[Finding]:
    owners: dict[str, list[str]] = defaultdict(list)
    for tid, theme in bank.themes.items():
        for keyword in theme.all_cues():
            owners[keyword.casefold().strip()].append(tid)
    found = []
    for keyword, tids in owners.items():
        allowed = all(keyword in {k.casefold() for k in bank.themes[t].shared_keywords} for t in tids)
        if len(set(tids)) > 1 and not allowed:
            found.append(Finding(
                bank.line_of("themes", tids[1], "keywords"), "warning", "shared-keyword",
                f"keyword {keyword!r} belongs to several themes: {', '.join(sorted(set(tids)))}",
                tids[1],
            ))
    return found


def _unmatched_keywords(bank: Bank, results: dict[str, ScoreResult]) -> list[Finding]:
    matched: set[tuple[str, str]] = set()
    for result in results.values():
        for theme in result.themes:
            matched.update((theme.id, m.keyword.casefold()) for m in theme.matches)
    return [
        Finding(bank.line_of("themes", tid, "keywords"), "warning", "unmatched-keyword",
                f"no model answer uses the keyword {kw!r} of theme {tid!r}", tid)
        for tid, theme in bank.themes.items()
        for kw in theme.all_cues() if (tid, kw.casefold()) not in matched
    ]


def _answer_lengths(bank: Bank) -> list[Finding]:
    found = []
    for index, question in enumerate(bank.questions):
        words = len(question.model_answer.split())
        if 0 < words < SHORT_ANSWER_WORDS:
            found.append(Finding(_qline(bank, index, "model_answer"), "warning", "short-answer",
                                 f"the model answer of {question.id!r} has only {words} words"))
        elif words > LONG_ANSWER_WORDS:
            found.append(Finding(_qline(bank, index, "model_answer"), "warning", "long-answer",
                                 f"the model answer of {question.id!r} has {words} words"))
    return found


def _near_duplicates(bank: Bank) -> list[Finding]:
    from rapidfuzz import fuzz, utils

    prompts = [(i, q, utils.default_process(q.prompt)) for i, q in enumerate(bank.questions)]
    found = []
    for (_, qa, pa), (ib, qb, pb) in itertools.combinations(prompts, 2):
        ratio = fuzz.token_sort_ratio(pa, pb, score_cutoff=NEAR_DUPLICATE_RATIO)
        if ratio:
            found.append(Finding(_qline(bank, ib, "prompt"), "warning", "near-duplicate",
                                 f"{qb.id!r} asks nearly the same as {qa.id!r} ({ratio:.0f}% alike)"))
    return found


def _thin_themes(bank: Bank) -> list[Finding]:
    return [
        Finding(bank.line_of("themes", tid, "keywords"), "warning", "few-keywords",
                f"theme {tid!r} has {len(t.all_cues())} keywords; {MIN_THEME_KEYWORDS} or more catch "
                "the ways people really say it", tid)
        for tid, t in bank.themes.items() if len(t.all_cues()) < MIN_THEME_KEYWORDS
    ]


def _no_tips(bank: Bank) -> list[Finding]:
    return [
        Finding(_qline(bank, i), "warning", "no-tips", f"question {q.id!r} has no tips")
        for i, q in enumerate(bank.questions) if not q.tips
    ]


def _generic_strong_cues(bank: Bank) -> list[Finding]:
    """A single word listed as a strong cue: one general word names a theme, it does not show
    it (issue 12); make it a weak cue or a phrase."""
    return [
        Finding(bank.line_of("themes", tid, "strong"), "warning", "generic-strong-cue",
                f"theme {tid!r}: the strong cue {cue!r} is a single word; a single word names a "
                "theme without showing it: make it a weak cue or a phrase")
        for tid, t in bank.themes.items() for cue in t.strong if len(cue.split()) == 1
        and "{" not in cue
    ]


def _no_anti_cues(bank: Bank) -> list[Finding]:
    return [
        Finding(bank.line_of("themes", tid), "warning", "no-anti-cues",
                f"theme {tid!r} has no anti-cues: list what an answer says when it goes against it")
        for tid, t in bank.themes.items() if not t.anti_cues
    ]


def _too_many_readings(bank: Bank) -> list[Finding]:
    """A phrase whose {a|b} alternatives multiply beyond MAX_READINGS: the scorer keeps only
    the first readings, so split it into two phrases."""
    from interview_coach.scoring.tables import MAX_READINGS, expand_alternatives

    found: list[Finding] = []
    for tid, t in bank.themes.items():
        phrases = [("strong", p) for p in t.strong] + [("weak", p) for p in t.weak] + \
            [("anti_cues", a.phrase) for a in t.anti_cues]
        for key, phrase in phrases:
            if len(expand_alternatives(phrase)) >= MAX_READINGS:
                found.append(Finding(
                    bank.line_of("themes", tid, key), "warning", "too-many-readings",
                    f"theme {tid!r}: {phrase!r} has {MAX_READINGS} or more readings; only the "
                    f"first {MAX_READINGS} are matched: split it into two phrases"))
    for index, flag in enumerate(bank.red_flags):
        if len(expand_alternatives(flag.phrase)) >= MAX_READINGS:
            found.append(Finding(
                bank.line_of("red_flags", index), "warning", "too-many-readings",
                f"red flag {flag.phrase!r} has {MAX_READINGS} or more readings; only the first "
                f"{MAX_READINGS} are matched: split it into two phrases"))
    return found



def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def _unbalanced_braces(bank: Bank) -> list[Finding]:
    """A phrase or context whose {a|b} groups do not close: the text after a stray brace is not
    read as the trainer meant."""
    found: list[Finding] = []

    def check(line: int, what: str, texts: list[str]) -> None:
        for text in texts:
            if not _balanced(text):
                found.append(Finding(line, "warning", "unbalanced-braces",
                                     f"{what}: {text!r} has a '{{' or '}}' that does not pair up"))

    def contexts(context: str | list[str] | None) -> list[str]:
        return [] if context is None else [context] if isinstance(context, str) else context

    for tid, t in bank.themes.items():
        check(bank.line_of("themes", tid, "strong"), f"theme {tid!r}", list(t.strong))
        check(bank.line_of("themes", tid, "weak"), f"theme {tid!r}", list(t.weak))
        for a in t.anti_cues:
            check(bank.line_of("themes", tid, "anti_cues"), f"theme {tid!r}",
                  [a.phrase, *contexts(a.context)])
    for index, flag in enumerate(bank.red_flags):
        check(bank.line_of("red_flags", index), "red flag", [flag.phrase, *contexts(flag.context)])
    return found
