"""Stored score results read back as typed values: the JSON edge of :class:`ScoreResult`.

The history keeps each attempt's result as ``ScoreResult.to_dict()`` (JSON). Inside the program
a result is always a :class:`~interview_coach.scoring.ScoreResult`; :func:`result_from_dict`
turns a stored dict back into one. Stored rows can be old (written before a field existed) or
damaged: a missing optional field takes its default, a malformed result raises
:class:`BadResult` (never a ``KeyError`` or ``TypeError``), and :func:`results_from_rows`
skips such rows and reports them instead of crashing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from interview_coach.scoring import ScoreResult
from interview_coach.scoring.results import (
    CONTRADICTED,
    COVERED,
    MISSED,
    TOUCHED,
    AntiCueHit,
    Delivery,
    Match,
    RedFlagHit,
    ScorePart,
    ThemeResult,
)
from interview_coach.scoring.star import Star

STATES = (COVERED, TOUCHED, CONTRADICTED, MISSED)


class BadResult(ValueError):
    """A stored result that cannot be read as a score result (the message says why)."""


def _map(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise BadResult(f"{what} is not an object")
    return value


def _list(value: object, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadResult(f"{what} is not a list")
    return value


def _str(d: Mapping[str, Any], key: str, what: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        raise BadResult(f"{what}: {key!r} is missing or not text")
    return value


def _num(d: Mapping[str, Any], key: str, what: str, default: float | None = None) -> float:
    value = d.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadResult(f"{what}: {key!r} is missing or not a number")
    return float(value)


def _int(d: Mapping[str, Any], key: str, what: str, default: int | None = None) -> int:
    return int(_num(d, key, what, default))


def _match(raw: object) -> Match:
    if type(raw) is dict:  # fast path: a result this version wrote (every field of its type)
        keyword, text, start, end = (raw.get("keyword", ""), raw.get("text"), raw.get("start", 0),
                                     raw.get("end", 0))
        similarity = raw.get("similarity", 1.0)
        if (type(keyword) is str and type(text) is str and type(start) is int
                and type(end) is int and type(similarity) is float):
            return Match(keyword, text, start, end, similarity, bool(raw.get("negated", False)),
                         bool(raw.get("strong", False)))
    d = _map(raw, "a theme match")
    return Match(keyword=_str(d, "keyword", "match", ""), text=_str(d, "text", "match"),
                 start=_int(d, "start", "match", 0), end=_int(d, "end", "match", 0),
                 similarity=_num(d, "similarity", "match", 1.0),
                 negated=bool(d.get("negated", False)), strong=bool(d.get("strong", False)))


def _anti(raw: object) -> AntiCueHit:
    d = _map(raw, "an anti-cue match")
    return AntiCueHit(phrase=_str(d, "phrase", "anti-cue", ""), why=_str(d, "why", "anti-cue", ""),
                      text=_str(d, "text", "anti-cue"), start=_int(d, "start", "anti-cue", 0),
                      end=_int(d, "end", "anti-cue", 0), negated=bool(d.get("negated", False)))


def _theme(raw: object) -> ThemeResult:
    if type(raw) is dict:  # fast path: a result this version wrote (every field of its type)
        tid, label, strength, state = (raw.get("id"), raw.get("label"), raw.get("strength", 0.0),
                                       raw.get("state") or "")
        hint = raw.get("hint")
        if (type(tid) is str and type(label) is str and type(strength) is float
                and state in STATES and (hint is None or type(hint) is str)):
            return ThemeResult(
                id=tid, label=label, expected=bool(raw.get("expected", False)),
                covered=bool(raw.get("covered", False)), strength=strength,
                negated=bool(raw.get("negated", False)),
                matches=[_match(m) for m in _list(raw.get("matches"), "theme matches")],
                hint=hint, state=state,
                anti_matches=[_anti(h) for h in _list(raw.get("anti_matches"), "anti-cue matches")],
            )
    d = _map(raw, "a theme")
    state = d.get("state") or ""
    if state and state not in STATES:
        raise BadResult(f"theme: unknown state {state!r}")
    return ThemeResult(
        id=_str(d, "id", "theme"), label=_str(d, "label", "theme", str(d.get("id", "?"))),
        expected=bool(d.get("expected", False)), covered=bool(d.get("covered", False)),
        strength=_num(d, "strength", "theme", 0.0), negated=bool(d.get("negated", False)),
        matches=[_match(m) for m in _list(d.get("matches"), "theme matches")],
        hint=d["hint"] if isinstance(d.get("hint"), str) else None, state=str(state),
        anti_matches=[_anti(h) for h in _list(d.get("anti_matches"), "anti-cue matches")],
    )


def _flag(raw: object) -> RedFlagHit:
    d = _map(raw, "a red flag")
    return RedFlagHit(phrase=_str(d, "phrase", "red flag", ""), why=_str(d, "why", "red flag", ""),
                      text=_str(d, "text", "red flag", str(d.get("phrase", ""))),
                      start=_int(d, "start", "red flag", 0), end=_int(d, "end", "red flag", 0),
                      severity=_str(d, "severity", "red flag", "major"))


def _counts(value: object, what: str) -> dict[str, int]:
    if value is None:
        return {}
    d = _map(value, what)
    return {str(k): int(v) for k, v in d.items() if isinstance(v, int | float)}


def _delivery(raw: object, words: int) -> Delivery:
    d = _map(raw if raw is not None else {}, "delivery")
    star = d.get("star")
    repeated = [(str(item[0]), int(item[1])) for item in _list(d.get("repeated"), "repeated")
                if isinstance(item, list | tuple) and len(item) == 2
                and isinstance(item[1], int | float)]
    return Delivery(
        words=_int(d, "words", "delivery", words),
        speaking_seconds=_num(d, "speaking_seconds", "delivery", 0.0),
        fillers=_counts(d.get("fillers"), "fillers"), hedges=_counts(d.get("hedges"), "hedges"),
        repeated=repeated, too_short=bool(d.get("too_short", False)),
        too_long=bool(d.get("too_long", False)),
        star=(Star.from_flags({str(k): bool(v) for k, v in star.items()})
              if isinstance(star, Mapping) else None),
        star_missing_result=bool(d.get("star_missing_result", False)),
    )


def _part(raw: object) -> ScorePart:
    d = _map(raw, "a score part")
    return ScorePart(name=_str(d, "name", "part"), points=_num(d, "points", "part", 0.0),
                     max_points=_num(d, "max_points", "part", 0.0),
                     detail=_str(d, "detail", "part", ""))


def result_from_dict(data: object) -> ScoreResult:
    """A stored result (``ScoreResult.to_dict()``) as a ScoreResult; BadResult if malformed.

    Fields a result written by an older version lacks take their defaults (an old theme
    without ``state`` is covered or missed, from ``covered``).
    """
    d = _map(data, "the result")
    words = _int(d, "words", "result", 0)
    qterms = d.get("question_terms")
    feedback = [str(n) for n in _list(d.get("feedback"), "feedback") if isinstance(n, str)]
    return ScoreResult(
        bank_id=_str(d, "bank_id", "result", ""), question_id=_str(d, "question_id", "result", ""),
        score=_int(d, "score", "result", 0),
        reference_similarity=_num(d, "reference_similarity", "result", 0.0), words=words,
        themes=[_theme(t) for t in _list(d.get("themes"), "themes")],
        red_flags=[_flag(f) for f in _list(d.get("red_flags"), "red flags")],
        delivery=_delivery(d.get("delivery"), words),
        parts=[_part(p) for p in _list(d.get("parts"), "parts")], feedback=feedback,
        truncated=bool(d.get("truncated", False)),
        question_terms=_theme(qterms) if qterms is not None else None,
        capped=str(d.get("capped") or ""),
    )


@dataclass
class ReadResults:
    """Stored results read back: the good ones, and why the others were skipped."""

    results: list[tuple[int, ScoreResult]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row key, why)


def results_from_rows(rows: Iterable[tuple[int, object]]) -> ReadResults:
    """``(key, stored result)`` rows read back; malformed ones skipped and reported."""
    out = ReadResults()
    for key, data in rows:
        try:
            out.results.append((key, result_from_dict(data)))
        except BadResult as exc:
            out.skipped.append((key, str(exc)))
    return out
