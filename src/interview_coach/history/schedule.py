"""Spaced review: each attempt's score becomes an FSRS rating, and the card says when to ask again.

Core module: never imports Textual. ``fsrs`` is imported on first use so that commands which only
read the history start fast.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fsrs import Rating, Scheduler

SCORE_TO_RATING = (
    "Score to FSRS rating: below 40 is Again, 40 to 59 is Hard, 60 to 84 is Good, "
    "85 and above is Easy."
)
"""How an attempt's score (0-100) becomes a review rating (the documented mapping)."""

# Lower bounds (inclusive) of each rating, highest first; below the last one is Again (1).
_BANDS: tuple[tuple[int, int], ...] = ((85, 4), (60, 3), (40, 2))


def rating_value(score: int) -> int:
    """The FSRS rating number for ``score``: 1 Again, 2 Hard, 3 Good, 4 Easy (see SCORE_TO_RATING)."""
    for lower, value in _BANDS:
        if score >= lower:
            return value
    return 1


def rating_for(score: int) -> Rating:
    """The ``fsrs.Rating`` for ``score`` (see SCORE_TO_RATING)."""
    from fsrs import Rating

    return Rating(rating_value(score))


@cache
def scheduler() -> Scheduler:
    """The shared scheduler; fuzzing is off so that the same history gives the same due dates."""
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


def card_id_for(bank_id: str, question_id: str) -> int:
    """A stable card id per bank and question (fsrs would otherwise sleep to make one)."""
    digest = hashlib.sha256(f"{bank_id}\0{question_id}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def review(
    card_json: str | None, score: int, when: datetime, bank_id: str, question_id: str
) -> tuple[str, datetime]:
    """Apply one attempt to a question's card; returns the new card as JSON and its due date."""
    from fsrs import Card

    when = when.astimezone(UTC)
    if card_json:
        card = Card.from_dict(json.loads(card_json))
        last = card.last_review
        if last is not None and when < last:
            when = last  # attempts can arrive out of order (written later after a lock)
    else:
        card = Card(card_id=card_id_for(bank_id, question_id), due=when)
    card, _log = scheduler().review_card(card, rating_for(score), review_datetime=when)
    return json.dumps(card.to_dict(), separators=(",", ":")), card.due.astimezone(UTC)
