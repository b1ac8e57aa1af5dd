"""The scorer's public result types (the ``score --json`` form is ``ScoreResult.to_dict()``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import repeat
from typing import Any

from interview_coach.scoring.star import Star


@dataclass(frozen=True, slots=True)
class Match:
    """One keyword found in the answer: ``answer[start:end] == text``."""

    keyword: str
    text: str
    start: int
    end: int
    similarity: float
    negated: bool = False
    strong: bool = False  # a strong cue (shows the theme on its own); else a weak cue


# Match's slots, set straight through their descriptors by new_matches.
_MATCH_SETTERS = tuple(getattr(Match, name).__set__ for name in Match.__slots__)
_BULK_FROM = 8


def new_matches(rows: list[tuple[str, str, int, int, float, bool, bool]]) -> list[Match]:
    """``[Match(*row) for row in rows]``, some three times quicker: a frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``; here each field is set for
    every match at once, through its slot's descriptor (the scorer makes hundreds per long
    answer). Fewer than _BULK_FROM are made one by one: seven passes cost more."""
    if len(rows) < _BULK_FROM:
        return [Match(*row) for row in rows]
    made = list(map(object.__new__, repeat(Match, len(rows))))
    for setter, column in zip(_MATCH_SETTERS, zip(*rows, strict=True), strict=True):
        any(map(setter, made, column))  # each call returns None: any() runs them all
    return made


@dataclass(frozen=True, slots=True)
class AntiCueHit:
    """An anti-cue of a theme found in the answer: ``answer[start:end] == text``.

    Said without negation it contradicts the theme (``why`` is what an interviewer objects
    to); said under negation (``negated``) it shows the theme like a strong cue.
    """

    phrase: str
    why: str
    text: str
    start: int
    end: int
    negated: bool = False


# A theme's state in an answer.
COVERED, TOUCHED, CONTRADICTED, MISSED = "covered", "touched", "contradicted", "missed"


@dataclass
class ThemeResult:
    """How one theme of the bank shows in the answer.

    ``state``: covered (a strong cue, two distinct weak cues in the same or the next sentence,
    or an anti-cue said under negation), touched (one weak cue: partial credit), contradicted
    (an anti-cue said without negation: no credit, see ``anti_matches``) or missed.
    ``covered`` is ``state == "covered"``.
    """

    id: str
    label: str
    expected: bool
    covered: bool
    strength: float
    negated: bool
    matches: list[Match] = field(default_factory=list)
    hint: str | None = None
    state: str = ""  # "" (when built by hand) becomes covered or missed, from ``covered``
    anti_matches: list[AntiCueHit] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.state:
            self.state = COVERED if self.covered else MISSED


@dataclass(frozen=True)
class RedFlagHit:
    """A warning-sign phrase found in the answer."""

    phrase: str
    why: str
    text: str
    start: int
    end: int
    severity: str = "major"  # minor, major or critical


@dataclass
class Delivery:
    """How the answer would sound: length, fillers, hedges, STAR parts."""

    words: int
    speaking_seconds: float
    fillers: dict[str, int] = field(default_factory=dict)
    hedges: dict[str, int] = field(default_factory=dict)
    repeated: list[tuple[str, int]] = field(default_factory=list)
    too_short: bool = False
    too_long: bool = False
    # The STAR parts read from the answer's shape (behavioural questions only), each with its
    # span and why; ``star.as_flags()`` is the old name -> present shape.
    star: Star | None = None
    # A story (a past scene or the speaker's own action) with no result.
    star_missing_result: bool = False


@dataclass(frozen=True)
class ScorePart:
    """One part of the overall score: how many points it gave out of how many."""

    name: str
    points: float
    max_points: float
    detail: str


@dataclass
class ScoreResult:
    """Everything the scorer found, with the overall score 0-100."""

    bank_id: str
    question_id: str
    score: int
    reference_similarity: float
    words: int
    themes: list[ThemeResult]
    red_flags: list[RedFlagHit]
    delivery: Delivery
    parts: list[ScorePart]
    feedback: list[str]
    truncated: bool = False
    # Matches of the question's own ``keywords`` (None when the question lists none).
    question_terms: ThemeResult | None = None
    # Why the score was capped ("" when it was not): "read back", "keyword list", "naming",
    # "values".
    capped: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``--json`` format of ``score``). ``delivery.star`` keeps
        its stored shape (part name -> present) and ``delivery.star_parts`` holds each part
        with its span and why (None when the question is not behavioural)."""
        out = asdict(self)
        star = self.delivery.star
        out["delivery"]["star"] = star.as_flags() if star is not None else None
        out["delivery"]["star_parts"] = star.to_dict() if star is not None else None
        return out

