"""Spaced review: score to rating, FSRS cards, questions due now, weakest first."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from interview_coach.history import schedule as review
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

T0 = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("score", "rating"), [
    (0, fsrs.Rating.Again), (39, fsrs.Rating.Again), (40, fsrs.Rating.Hard),
    (59, fsrs.Rating.Hard), (60, fsrs.Rating.Good), (84, fsrs.Rating.Good),
    (85, fsrs.Rating.Easy), (100, fsrs.Rating.Easy),
])
def test_score_to_rating(score: int, rating: fsrs.Rating) -> None:
    assert review.rating_for(score) == rating
    assert review.rating_value(score) == int(rating)


def test_mapping_is_documented() -> None:
    for word in ("Again", "Hard", "Good", "Easy", "40", "60", "85"):
        assert word in review.SCORE_TO_RATING


def test_card_round_trip_and_due() -> None:
    card, due = review.review(None, 90, T0, "b", "q")
    data = json.loads(card)
    assert fsrs.Card.from_dict(data).due == due
    assert due > T0
    _again, due_again = review.review(None, 10, T0, "b", "q")
    assert due_again <= due  # a poor answer comes back sooner
    _later, due_later = review.review(card, 90, due, "b", "q")
    assert due_later > due


def test_out_of_order_review_is_safe() -> None:
    card, _due = review.review(None, 70, T0, "b", "q")
    _card, due2 = review.review(card, 70, T0 - timedelta(days=3), "b", "q")
    assert due2 >= T0


def _record(store: Store, question: str, score: int, when: datetime) -> None:
    store.record_attempt(bank_id="b", bank_hash="h", question_id=question, answer="x",
                         result=result_from_dict({"score": score, "themes": []}), mode="review",
                         started_at=when, submitted_at=when)


def test_due_questions_weakest_first() -> None:
    store = Store.open()
    _record(store, "strong", 95, T0)
    _record(store, "weak", 20, T0)
    _record(store, "middle", 55, T0)
    assert store.due_questions("b", ["strong", "weak", "middle", "new"], now=T0) == []
    far = T0 + timedelta(days=400)
    due = store.due_questions("b", ["strong", "weak", "middle", "new"], now=far)
    assert due == ["weak", "middle", "strong"]  # "new" was never tried: not due
    assert store.due_questions("b", ["middle"], now=far) == ["middle"]
    soon = store.due_questions("b", [], now=T0 + timedelta(minutes=15))
    assert "weak" in soon and "strong" not in soon
    assert store.next_due("b") is not None and store.next_due("other") is None
    store.close()


def test_review_card_updates_with_each_attempt() -> None:
    store = Store.open()
    _record(store, "q", 30, T0)
    _record(store, "q", 90, T0 + timedelta(hours=1))
    row = store._read_one("SELECT reviews, last_score FROM review WHERE question_id = 'q'")
    assert tuple(row) == (2, 90)
    store.close()
