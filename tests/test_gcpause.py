"""The collector pause: off inside the block when asked, and always left as it was found."""

from __future__ import annotations

import gc

import pytest

from interview_coach._util.gcpause import gc_paused


def test_pauses_and_restores_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_not_asked_or_already_off_changes_nothing() -> None:
    with gc_paused(False):
        assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
