"""The user's key remapping: ``keymap.yaml`` in the data directory maps binding ids to keys.

Example: ``practice.submit: ctrl+j`` or ``home.study: s,f6``. Unknown ids and bad values are
reported (with the closest id) and skipped; the rest applies.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from textual.app import App
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


# Actions that can run while the answer editor has the keyboard: their keys must not be text
# or editing keys (a plain 'q' for Quit would quit while typing, a plain key for Submit could
# never reach it). Quit acts before the editor (a priority binding). The dialogs over the
# editor that pass typing on to it (the list of saved drafts, quitting with unsaved answers)
# count too: a plain key of theirs would eat that letter of the answer.
WHILE_TYPING = ("app.", "practice.", "mock.", "draft.", "drafts.", "unsaved.")
PRIORITY_IDS = ("app.quit",)
SUBMIT_IDS = ("practice.submit", "mock.next")
_NOT_TEXT = {f"f{n}" for n in range(1, 25)} | {"escape"}
_MODIFIERS = ("ctrl+", "alt+", "meta+", "super+", "hyper+")


def usable_while_typing(key: str) -> bool:
    """A key that does not type or edit text: one with ctrl/alt, a function key, escape."""
    key = key.strip().lower()
    return key.startswith(_MODIFIERS) or key in _NOT_TEXT


def user_keymap(app: App[Any]) -> Mapping[str, str]:
    """The remapping in force (binding id -> keys), as ``App.set_keymap`` received it."""
    keymap: Mapping[str, str] = getattr(app, "_keymap", {})
    return keymap


def shown_keys(app: App[Any], binding_id: str, default: str) -> str:
    """How a screen's text names the keys of ``binding_id``: ``default`` (its own wording, such
    as 'esc') unless the user's keymap remaps the binding, then the keys remapped to."""
    remapped = user_keymap(app).get(binding_id)
    return " / ".join(_keys(remapped)) if remapped else default


def _keys(value: str) -> list[str]:
    return [k.strip().lower() for k in value.split(",") if k.strip()]


def load_keymap(path: Path, known_ids: Iterable[str],
                defaults: Mapping[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """The remapping found in ``path`` (none when it does not exist), and its problems.

    ``defaults`` (binding id -> its keys) lets the check see which key Submit keeps."""
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
    keymap, found = _check(path, data, sorted(set(known_ids)))
    return keymap, found + _refuse_typing_hazards(path, keymap, defaults or {})


def _refuse_typing_hazards(path: Path, keymap: dict[str, str], defaults: Mapping[str, str]) -> list[str]:
    """Drop (with a warning) entries that would act on text being typed, or leave Submit with
    no key that works while typing."""
    problems: list[str] = []
    for binding_id, value in list(keymap.items()):
        plain = [k for k in _keys(value) if not usable_while_typing(k)]
        if binding_id.startswith(WHILE_TYPING) and plain:
            del keymap[binding_id]
            problems.append(f"{path}: {binding_id}: {plain[0]!r} is typed or edits text in the "
                            "answer editor; use a key with ctrl or alt, a function key or escape "
                            "(entry ignored)")
    for submit in SUBMIT_IDS:
        keys = set(_keys(keymap.get(submit, defaults.get(submit, ""))))
        for other in PRIORITY_IDS:
            taken = keys & set(_keys(keymap.get(other, "")))
            if other in keymap and taken and not keys - taken:
                del keymap[other]
                problems.append(f"{path}: {other}: {sorted(taken)[0]!r} is the only key of "
                                f"{submit}, which would be left without a key (entry ignored)")
    return problems


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
