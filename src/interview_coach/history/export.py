"""Exports of the history: CSV and JSON with every attempt and its scores, a Markdown trainer report.

Core module: builds text only; the CLI writes it (atomically) or prints it. Each attempt holds
its result read back as a ScoreResult (:mod:`.results`); a result that could not be read leaves its theme
columns empty (the attempt and its answer are still exported) and is listed by
:func:`unreadable` and in the Markdown report.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from interview_coach._util.csvtext import CsvWriter
from interview_coach._util.jsontext import dumps
from interview_coach._util.safetext import visible
from interview_coach.history.records import Attempt
from interview_coach.scoring import ScoreResult

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")

CSV_FIXED = [
    "id", "bank_id", "bank_hash", "question_id", "mode", "session_id", "started_at",
    "submitted_at", "seconds", "score", "words", "themes_covered", "themes_missed", "red_flags",
    "themes_touched", "themes_contradicted",
]
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}


def unreadable(attempts: Sequence[Attempt]) -> list[tuple[int, str]]:
    """(attempt id, why) for each attempt whose stored result could not be read."""
    return [(a.id, a.result_problem) for a in attempts if a.result_problem]


def theme_states(result: ScoreResult | None) -> dict[str, list[str]]:
    """The labels of the expected themes by state: covered, touched, contradicted, missed."""
    found: dict[str, list[str]] = {"covered": [], "touched": [], "contradicted": [], "missed": []}
    for theme in result.themes if result else []:
        if theme.expected:
            found.setdefault(theme.state, []).append(theme.label)
    return found


def theme_split(result: ScoreResult | None) -> tuple[list[str], list[str]]:
    """The labels of the expected themes an answer covered, and of those it did not cover
    (touched, contradicted or missed), each in the bank's order."""
    expected = [t for t in result.themes if t.expected] if result is not None else []
    return [t.label for t in expected if t.covered], [t.label for t in expected if not t.covered]


def _red_flags(result: ScoreResult | None) -> list[str]:
    """Red-flag phrases, critical ones first and marked."""
    flags = sorted(result.red_flags, key=lambda f: SEVERITY_ORDER.get(f.severity, 1)) \
        if result else []
    return [f"{f.phrase} (critical)" if f.severity == "critical" else f.phrase for f in flags]


def _contradictions(result: ScoreResult | None) -> list[str]:
    """'Label: "words" (why)' for each expected theme said against."""
    out = []
    for theme in result.themes if result else []:
        if theme.state == "contradicted":
            said = [h for h in theme.anti_matches if not h.negated]
            why = "; ".join(f'"{h.text}" ({h.why})' if h.why else f'"{h.text}"' for h in said)
            out.append(f"{theme.label}: {why}" if why else theme.label)
    return out


def _parts(result: ScoreResult | None) -> dict[str, float]:
    return {p.name: p.points for p in result.parts} if result else {}


def to_csv(attempts: Sequence[Attempt]) -> str:
    """CSV: one row per attempt, fixed columns, one ``part:<name>`` column per score part."""
    results = [a.result for a in attempts]
    part_names = list(dict.fromkeys(name for r in results for name in _parts(r)))
    out = io.StringIO()
    writer = CsvWriter(out, [*CSV_FIXED, *(f"part:{n}" for n in part_names), "answer"])
    for a, result in zip(attempts, results, strict=True):
        states = theme_states(result)
        parts = _parts(result)
        row = [
            a.id, a.bank_id, a.bank_hash, a.question_id, a.mode,
            "" if a.session_id is None else a.session_id,
            a.started_at.isoformat(), a.submitted_at.isoformat(), round(a.seconds, 3), a.score,
            "" if result is None else result.words, "; ".join(states["covered"]),
            "; ".join(states["missed"]), "; ".join(_red_flags(result)),
            "; ".join(states["touched"]), "; ".join(_contradictions(result)),
            *(parts.get(n, "") for n in part_names), a.answer,
        ]
        writer.write(row)
    return out.getvalue()


def to_json(attempts: Sequence[Attempt]) -> str:
    """JSON: ``{"attempts": [...]}`` with every attempt and its full scoring result."""
    payload = {"format": "interview-coach-history", "version": 1,
               "attempts": [a.to_dict() for a in attempts]}
    return dumps(payload, indent=2) + "\n"


def md_inline(text: str) -> str:
    """Text safe inside a Markdown line: specials escaped, controls made visible, one line."""
    return _MD_SPECIAL.sub(r"\\\1", visible(text)).replace("\n", " ")


def md_id(identifier: str) -> str:
    """An id as written (ids are slugs: nothing to escape); anything else as a code span."""
    if _SLUG.fullmatch(identifier):
        return identifier
    text = visible(identifier).replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def md_list_item(name: str, items: Sequence[str]) -> list[str]:
    """``- name: a; b``; labels may hold commas, so they are joined with '; ', and when one
    holds a ';' too each gets a line of its own."""
    if not items:
        return [f"- {name}: none"]
    if any(";" in item for item in items):
        return [f"- {name}:", *(f"  - {md_inline(item)}" for item in items)]
    return [f"- {name}: {'; '.join(md_inline(item) for item in items)}"]


def _fenced(text: str) -> list[str]:
    """A fenced block that holds ``text`` exactly (the fence outlasts any run of backticks)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", visible(text) if text.strip() else "(empty answer)", fence]


def _mean(values: Iterable[int]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def to_markdown(attempts: Sequence[Attempt], prompts: dict[tuple[str, str], str] | None = None,
                generated: datetime | None = None) -> str:
    """A trainer report: per bank and question each answer, its score, themes covered and
    missed, then the totals. ``prompts`` maps (bank id, question id) to the question text."""
    prompts = prompts or {}
    when = (generated or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["# Interview practice report", "", f"Generated {when}.", ""]
    if not attempts:
        return "\n".join([*lines, "No attempts recorded.", ""])
    by_bank: dict[str, dict[str, list[Attempt]]] = {}
    for a in sorted(attempts, key=lambda a: (a.submitted_at, a.id)):
        by_bank.setdefault(a.bank_id, {}).setdefault(a.question_id, []).append(a)
    for bank_id, questions in by_bank.items():
        lines += [f"## Bank: {md_id(bank_id)}", ""]
        for question_id, items in questions.items():
            lines += _question_section(bank_id, question_id, items, prompts)
    lines += _totals(by_bank)
    return "\n".join(lines) + "\n"


def _question_section(bank_id: str, question_id: str, items: list[Attempt],
                      prompts: dict[tuple[str, str], str]) -> list[str]:
    scores = [a.score for a in items]
    lines = [f"### Question: {md_id(question_id)}", ""]
    prompt = prompts.get((bank_id, question_id))
    if prompt:
        lines += [f"> {md_inline(prompt)}", ""]
    lines += [f"{len(items)} attempt(s), mean score {_mean(scores):.1f}, best {max(scores)}.", ""]
    for number, a in enumerate(items, 1):
        result = a.result
        states = theme_states(result)
        stamp = a.submitted_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines += [
            f"#### Attempt {number}: score {a.score}/100 ({md_inline(a.mode)}, {stamp}, "
            f"{a.seconds:.0f} s)",
            "",
            *md_list_item("Themes covered", states["covered"]),
        ]
        if result is None:
            lines.append("- The stored result of this attempt could not be read.")
        if states["touched"]:
            lines += md_list_item("Themes touched (partial credit)", states["touched"])
        for said in _contradictions(result):
            lines.append(f"- Theme contradicted: {md_inline(said)}")
        lines += md_list_item("Themes missed", states["missed"])
        flags = _red_flags(result)
        if flags:
            lines += md_list_item("Red flags", flags)
        lines += ["", *_fenced(a.answer), ""]
    return lines


def _totals(by_bank: dict[str, dict[str, list[Attempt]]]) -> list[str]:
    lines = ["## Totals", "", "| Bank | Questions | Attempts | Mean score | Best score |",
             "|---|---:|---:|---:|---:|"]
    all_scores: list[int] = []
    for bank_id, questions in by_bank.items():
        scores = [a.score for items in questions.values() for a in items]
        all_scores += scores
        shown = bank_id if _SLUG.fullmatch(bank_id) else md_inline(bank_id)  # no code span in a table
        lines.append(f"| {shown} | {len(questions)} | {len(scores)} | "
                     f"{_mean(scores):.1f} | {max(scores)} |")
    question_count = sum(len(q) for q in by_bank.values())
    lines.append(f"| **All** | {question_count} | {len(all_scores)} | "
                 f"{_mean(all_scores):.1f} | {max(all_scores)} |")
    return [*lines, ""]


def render(attempts: Sequence[Attempt], fmt: str,
           prompts: dict[tuple[str, str], str] | None = None) -> str:
    """The export of ``attempts`` in ``fmt`` ("csv", "json" or "md")."""
    if fmt == "csv":
        return to_csv(attempts)
    if fmt == "json":
        return to_json(attempts)
    if fmt == "md":
        return to_markdown(attempts, prompts)
    raise ValueError(f"unknown export format {fmt!r}")
