"""The user's key remapping: ``keymap.yaml`` in the data directory maps binding ids to keys.

Example: ``practice.submit: ctrl+j`` or ``home.study: s,f6``. Unknown ids and bad values are
reported (with the closest id) and skipped; the rest applies.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from textual.binding import Binding, BindingType

from interview_coach.banks.yamlsafe import read_document

KEYMAP_FILE = "keymap.yaml"

# The keys of the whole app (``CoachApp.BINDINGS``), here so the help screen can list them
# without importing the app.
APP_BINDINGS: list[BindingType] = [
    Binding("f1", "help", "Help", id="app.help", tooltip="Every key, screen by screen."),
    Binding("ctrl+t", "toggle_theme", "Light/dark", id="app.theme"),
    Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
]


def load_keymap(path: Path, known_ids: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The remapping found in ``path`` (none when it does not exist), and its problems."""
    if not path.is_file():
        return {}, []
    # The same safe reader as banks: no tags, no alias bombs, size cap, positions in messages.
    document, problems = read_document(path, str(path), positions=False)
    if document is None or problems:
        return {}, [f"cannot read the keymap: {problem.format()}" for problem in problems]
    data = document.data
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{path}: the keymap must map binding ids to keys, like 'practice.submit: ctrl+j'"]
    return _check(path, data, sorted(set(known_ids)))


def _check(path: Path, data: dict[object, object], known: list[str]) -> tuple[dict[str, str], list[str]]:
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for key, value in data.items():
        if not isinstance(key, str) or key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f": did you mean {close[0]!r}?" if close else ""
            problems.append(f"{path}: unknown binding id {key!r}{hint}")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{path}: {key}: the keys must be text, like 'ctrl+j' (quote it)")
        else:
            keymap[key] = value.strip()
    return keymap, problems
