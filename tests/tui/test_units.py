"""Unit tests of the TUI's Textual-free parts: live scoring adapter, memory history, highlights."""

from __future__ import annotations

from datetime import timedelta

from tui_support import BANK, T0, FakeScorer

from interview_coach.banks.loader import load_bank
from interview_coach.history.memory import MemoryHistory
from interview_coach.scoring import Scorer
from interview_coach.tui.highlight import (
    DISPLAY_CAP,
    RED_FLAG_STYLE,
    bar,
    marked,
    sparkline,
    theme_colours,
    theme_inks,
)
from interview_coach.tui.live import LiveScoring


def test_live_score_uses_score_without_live_and_respects_the_cap() -> None:
    """A scorer without live(): score() is used; over the cap nothing is scored."""
    bank = load_bank(BANK)
    live = LiveScoring(FakeScorer(bank), bank.questions[0], cap=50)
    result = live.update("I stayed calm")
    assert result is not None and any(t.id == "calm" and t.covered for t in result.themes)
    assert live.update("calm " * 20) is None and live.too_long("x" * 51)


def test_live_score_with_the_real_scorer_matches_score() -> None:
    """The real live scorer gives what score() gives."""
    bank = load_bank(BANK)
    scorer = Scorer(bank)
    live = LiveScoring(scorer, bank.questions[0])
    for text in ("I listened", "I listened and stayed calm", "I listened"):
        got = live.update(text)
        assert got is not None
        assert got.score == scorer.score(bank.questions[0], text).score


def test_memory_history_progress_and_due() -> None:
    """Attempts newest first, progress counts, weak questions due."""
    bank = load_bank(BANK)
    history = MemoryHistory()
    scorer = FakeScorer(bank)
    for i, (qid, answer) in enumerate([("angry-caller", "calm"), ("handover", "team, follow up " * 20)]):
        history.record_attempt(bank_id=bank.id, bank_hash="h", question_id=qid, answer=answer,
                               result=scorer.score(qid, answer), mode="practice",
                               started_at=T0, submitted_at=T0 + timedelta(seconds=10 + i))
    assert [a.question_id for a in history.attempts()] == ["handover", "angry-caller"]
    assert history.attempt(1) is not None and history.attempt(99) is None
    progress = history.progress(bank.id, [q.id for q in bank.questions])
    assert progress.attempts == 2 and progress.questions_practised == 2
    assert "angry-caller" not in progress.never_tried
    ids = [q.id for q in bank.questions]
    # The store's rule (FSRS): nothing is due at once; later, the weakest answer comes first.
    assert history.due_questions(bank.id, ids, T0) == []
    assert history.due_questions(bank.id, ids, T0 + timedelta(hours=1))[0] == "angry-caller"
    history.save_draft(bank.id, "q", "text")
    assert history.load_draft(bank.id, "q") == "text"
    history.delete_draft(bank.id, "q")
    assert history.load_draft(bank.id, "q") is None


def test_marked_styles_spans_and_caps_long_answers() -> None:
    """Theme matches get their colour, red flags their style; spans past the cap are clipped."""
    bank = load_bank(BANK)
    colours = theme_colours(bank)
    answer = "I stayed calm, it was not my job"
    result = FakeScorer(bank).score("angry-caller", answer)
    text = marked(answer, result, colours)
    styles = {(s.start, s.end): str(s.style) for s in text.spans}
    assert styles[(9, 13)] == f"black on {colours['calm']}"
    assert styles[(22, 32)] == RED_FLAG_STYLE
    long = "calm " * (DISPLAY_CAP // 4)
    shown = marked(long, FakeScorer(bank).score("angry-caller", long), colours)
    assert shown.plain.startswith(long[:DISPLAY_CAP])
    assert f"and {len(long) - DISPLAY_CAP:,} more characters" in shown.plain
    assert all(s.end <= len(shown.plain) for s in shown.spans)


def test_bars_sparklines_and_inks() -> None:
    """Bars clamp to 0-1, sparklines map 0-100 to eight levels, inks differ in light mode."""
    assert bar(-1, 4) == "░░░░" and bar(2, 4) == "████" and bar(0.5, 4) == "██░░"
    assert sparkline([]) == "" and sparkline([0, 100]) == "▁█"
    bank = load_bank(BANK)
    assert theme_inks(bank, True) == theme_colours(bank)
    assert theme_inks(bank, False) != theme_colours(bank)


def test_feedback_says_which_mentions_were_negated() -> None:
    """A negated mention is shown as such, also for a theme the question did not expect."""
    from interview_coach.history.results import result_from_dict
    from interview_coach.tui.screens.feedback import theme_bars

    def theme(tid: str, expected: bool, covered: bool, negated: bool, matches: list[dict[str, object]]) -> dict[str, object]:
        return {"id": tid, "label": tid.title(), "expected": expected, "covered": covered,
                "strength": 0.6 if covered else 0.0, "negated": negated, "matches": matches}

    result = {"themes": [
        theme("self_care", True, False, True, [{"text": "take breaks", "negated": True}]),
        theme("boundaries", False, False, True, [{"text": "boundaries", "negated": True}]),
        theme("hope", True, True, False, [{"text": "hope", "negated": False}]),
        theme("unrelated", False, False, False, []),
    ]}
    text = theme_bars(result_from_dict(result), {}).plain
    assert "○ Self_Care  missed  said negatively (\u201ctake breaks\u201d): no credit." in text
    assert "Other themes heard (not expected for this question):" in text
    assert "said negatively (\u201cboundaries\u201d)" in text
    assert "hope" in text and "Unrelated" not in text


def test_a_long_evidence_sentence_is_cut_in_the_theme_line() -> None:
    """The theme reading shows a theme by a whole sentence; the theme's line quotes its start
    only (the answer beside it shows it whole), on one line, with an ellipsis."""
    from interview_coach.scoring import Match, ThemeResult
    from interview_coach.tui.screens.feedback import QUOTE_WIDTH, theme_line

    sentence = ("When he told me nothing would ever get better, I said I had been exactly where "
                "he was ten years ago and that it did change, slowly.")
    theme = ThemeResult("lived_experience", "Lived experience", True, True, 0.75, False,
                        [Match("(read as a whole)", sentence, 0, len(sentence), 0.9, False, True),
                         Match("my story", "my story", 0, 8, 1.0, False, True)], None, "covered")
    line = theme_line(theme, "green").plain
    assert sentence not in line and sentence[:QUOTE_WIDTH - 1] + "…" in line
    assert "\u201cmy story\u201d" in line
