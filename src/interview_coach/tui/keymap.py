"""The user's key remapping: ``keymap.yaml`` in the data directory maps binding ids to keys.

Example: ``practice.submit: ctrl+j`` or ``home.study: s,f6``. Unknown ids and bad values are
reported (with the closest id) and skipped; the rest applies.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

import yaml

KEYMAP_FILE = "keymap.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_keymap(path: Path, known_ids: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The remapping found in ``path`` (none when it does not exist), and its problems."""
    if not path.is_file():
        return {}, []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        return {}, [f"{path}{line}: cannot read the keymap: {getattr(exc, 'problem', exc)}"]
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
