"""Feedback in theme states (covered / touched / contradicted / missed), critical red flags first,
regions, one word count, and stored results read back as typed values (issues 12, 13, 15, 17)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank
from interview_coach.cli.drill import Style, feedback_lines, region_lines
from interview_coach.history.export import to_csv, to_markdown, unreadable
from interview_coach.history.records import Attempt
from interview_coach.history.results import (
    BadResult,
    result_from_dict,
    results_from_rows,
)
from interview_coach.history.rows import _read_result
from interview_coach.scoring import (
    AntiCueHit,
    Delivery,
    Match,
    RedFlagHit,
    ScorePart,
    Scorer,
    ScoreResult,
    ThemeResult,
)
from interview_coach.tui.highlight import ANTI_CUE_STYLE, marked
from interview_coach.tui.screens.feedback import red_flags, regions, theme_bars

PEER = Path(__file__).resolve().parents[1] / "question_banks" / "peer_support_worker.yaml"
ANSWER = "I give out my personal number. Stop your tablets, it is fine. I listen and I value trust."


def _result(capped: str = "") -> ScoreResult:
    anti = AntiCueHit("personal number", "Sharing private contact details crosses a boundary.",
                      "personal number", 15, 30)
    return ScoreResult(
        bank_id="b", question_id="q", score=12, reference_similarity=0.1, words=18,
        themes=[
            ThemeResult("boundaries", "Boundaries", True, False, 0.0, False, [], "Say where the "
                        "line is.", "contradicted", [anti]),
            ThemeResult("listening", "Listening", True, False, 0.3, False,
                        [Match("listen", "listen", 64, 70, 1.0)], None, "touched"),
            ThemeResult("trust", "Trust, rapport", True, True, 1.0, False,
                        [Match("value trust", "value trust", 81, 92, 1.0, strong=True)]),
            ThemeResult("selfcare", "Self-care", True, False, 0.0, False,
                        [Match("tablets", "tablets", 37, 44, 1.0)] if capped else [],
                        "Say how you look after yourself."),
            ThemeResult("teamwork", "Teamwork", False, True, 1.0, False,
                        [Match("team", "team", 0, 1, 1.0)]),
        ],
        red_flags=[
            RedFlagHit("personal number", "Boundary crossing.", "personal number", 15, 30, "major"),
            RedFlagHit("stop your tablets", "Medication advice.", "Stop your tablets", 32, 49,
                       "critical"),
        ],
        delivery=Delivery(words=18, speaking_seconds=7.0),
        parts=[ScorePart("themes", 10.0, 60.0, "1 of 4 covered")],
        feedback=["Missing Self-care: Say how you look after yourself."], capped=capped,
    )


def test_stored_result_round_trips_as_a_typed_value() -> None:
    result = _result()
    again = result_from_dict(result.to_dict())
    assert again == result


def test_an_old_result_without_states_reads_with_defaults() -> None:
    old = {"score": 40, "themes": [{"id": "t", "label": "T", "expected": True,
                                    "covered": True, "strength": 1.0, "negated": False}]}
    result = result_from_dict(old)
    assert result.themes[0].state == "covered"
    assert result.delivery.words == 0 and result.red_flags == []


@pytest.mark.parametrize("bad", [None, [], "x", {"score": "high"}, {"score": 5, "themes": "x"},
                                 {"score": 5, "themes": [{"label": "no id"}]},
                                 {"score": 5, "themes": [{"id": "a", "state": "bogus"}]},
                                 {"score": 5, "red_flags": [{"start": "x"}]}])
def test_a_malformed_stored_result_raises_bad_result_only(bad: object) -> None:
    with pytest.raises(BadResult):
        result_from_dict(bad)


def test_rows_with_bad_results_are_skipped_and_reported() -> None:
    read = results_from_rows([(1, _result().to_dict()), (2, {"themes": 3}), (3, None)])
    assert [key for key, _ in read.results] == [1]
    assert [key for key, _ in read.skipped] == [2, 3]


def test_theme_list_expected_first_in_every_state_and_others_apart() -> None:
    text = theme_bars(_result(), {}).plain
    rows = text.splitlines()
    assert rows[0].startswith("✗ Boundaries") and "contradicted" in rows[0]
    assert "\u201cpersonal number\u201d: Sharing private contact details" in rows[0]
    assert rows[1].startswith("◐ Listening") and "touched, partial credit" in rows[1]
    assert rows[2].startswith("● Trust, rapport") and "covered" in rows[2]
    assert rows[3].startswith("○ Self-care") and "missed" in rows[3]
    assert "Say how you look after yourself." in rows[3]  # the hint, once, in the list
    assert rows[4] == "Other themes heard (not expected for this question):"
    assert rows[5].startswith("● Teamwork")


def test_theme_said_only_in_a_keyword_list_says_why_it_earned_nothing() -> None:
    text = theme_bars(_result(capped="keyword list"), {}).plain
    line = next(r for r in text.splitlines() if "Self-care" in r)
    assert "only in a list of keywords" in line


def test_critical_red_flags_come_first_and_plainly() -> None:
    rows = red_flags(_result()).plain.splitlines()
    assert rows[0].startswith("✗ CRITICAL Stop your tablets")
    assert "An interviewer would stop here." in rows[0]
    assert rows[1].startswith("⚑ major personal number")


def test_marked_underlines_words_said_against_a_theme_and_reads_stored_form() -> None:
    stored = result_from_dict(_result().to_dict())
    for form in (_result(), stored):
        text = marked(ANSWER, form, {})
        styles = {str(span.style) for span in text.spans if span.start == 15}
        assert ANTI_CUE_STYLE in styles
    assert marked(ANSWER, None, {}).plain == ANSWER  # unreadable: drawn plainly, no crash


def test_drill_names_states_the_why_and_critical_first() -> None:
    bank = load_bank(PEER)
    question = bank.questions[0]
    lines = feedback_lines(_result(), question)
    text = "\n".join(lines)
    assert lines[2].startswith("Critical red flag: \"Stop your tablets\"")
    assert ('Contradicted: Boundaries. You said "personal number": Sharing private contact '
            "details crosses a boundary.") in text
    assert "Touched (partial credit): Listening" in text
    assert "Other themes heard (not expected for this question):" in text
    assert text.index("Missed: Self-care") < text.index("Other themes heard")
    assert "Delivery: 18 words" in text


def test_regions_in_drill_model_answer_and_feedback() -> None:
    bank = load_bank(PEER)
    question = next(q for q in bank.questions if q.region_tips)
    result = Scorer(bank).score(question, question.model_answer)
    lines = feedback_lines(result, question, model_answer=True, bank=bank)
    assert any(line.startswith("Regions: this bank's wording fits") for line in lines)
    tips = region_lines(bank, question, Style())
    assert any(t.startswith("In the United Kingdom: ") for t in tips)
    assert all(t in lines for t in tips)
    shown = regions(bank, question)
    assert shown is not None and "In " in shown.plain
    without = feedback_lines(result, question, model_answer=False, bank=bank)
    assert not any(line.startswith("Regions:") for line in without)


def _attempt(aid: int, stored: object) -> Attempt:
    """An attempt whose result is read back from ``stored`` (its JSON form), as the store does."""
    when = datetime(2026, 1, 1, tzinfo=UTC)
    result, problem = _read_result(json.dumps(stored))
    return Attempt(id=aid, bank_id="b", bank_hash="h", question_id="q", answer="my answer",
                   score=12, result=result, result_problem=problem, mode="practice",
                   started_at=when, submitted_at=when, seconds=3.0)


def test_exports_carry_states_and_survive_a_bad_row() -> None:
    attempts = [_attempt(1, _result().to_dict()), _attempt(2, {"themes": 7})]
    csv = to_csv(attempts)
    header, first, second = csv.splitlines()[:3]
    assert "themes_touched" in header and "themes_contradicted" in header
    assert "Listening" in first and "Boundaries: \"\"personal number\"\"" in first
    assert "stop your tablets (critical); personal number" in first  # critical first
    assert second.startswith("2,") and second.endswith("my answer")
    md = to_markdown(attempts)
    assert "Themes touched (partial credit): Listening" in md
    assert "Theme contradicted: Boundaries" in md
    assert "stop your tablets \\(critical\\); personal number" in md
    assert "could not be read" in md
    assert [aid for aid, _ in unreadable(attempts)] == [2]
