"""Fixtures of the TUI tests (the helpers live in tui_support.py)."""

from __future__ import annotations

import sys
from pathlib import Path

# Let the test modules import tui_support (tests/ is not a package).
sys.path.insert(0, str(Path(__file__).resolve().parent))
