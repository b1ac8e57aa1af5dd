"""Pausing Python's cyclic garbage collector around bulk work that makes no reference cycles.

Building a bank, decoding thousands of stored results or scoring a huge paste makes ~10^5
containers; each batch of new objects would trigger a collection that walks all of them again.
None of that data forms cycles, so collecting afterwards loses nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(pause: bool = True) -> Iterator[None]:
    """Pause the collector for the block when ``pause`` (and it is running); restore it after."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
