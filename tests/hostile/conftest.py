"""Fixtures of the hostile-input suite (the shared helpers live in hostile_support.py)."""

from __future__ import annotations

import sys
from pathlib import Path

# Let the test modules import hostile_support and the TUI tests' tui_support (tests/ is not a package).
HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "tui"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
