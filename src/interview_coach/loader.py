"""Loading banks from YAML: safe parsing, validation that names file and line, discovery.

(Provisional minimal version; the full validator replaces the internals, keeping this API.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from interview_coach import paths
from interview_coach.errors import BankError, Problem
from interview_coach.models import Bank, ThemeLibrary


@dataclass(frozen=True)
class BankEntry:
    """A bank that loaded, where it came from ('built-in', 'user', 'command line')."""

    bank: Bank
    path: Path
    origin: str


@dataclass
class Discovery:
    """What discovery found: the banks that loaded and the problems of those that did not."""

    banks: list[BankEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_bank(path: Path | str) -> tuple[Bank | None, list[Problem]]:
    """Load and validate one bank file; never raises for a bad bank."""
    try:
        return load_bank(path), []
    except BankError as exc:
        return None, exc.problems


def load_bank(path: Path | str) -> Bank:
    """Load one bank file, raising :class:`BankError` with every problem found."""
    path = Path(path)
    raw = path.read_bytes()
    data = yaml.safe_load(raw.decode("utf-8"))
    themes: dict[str, object] = {}
    for inc in data.get("include", []) or []:
        lib = ThemeLibrary.model_validate(yaml.safe_load((path.parent / inc).read_text("utf-8")))
        themes.update(lib.themes)
    bank = Bank.model_validate(data)
    merged = {**themes, **bank.themes}
    bank.themes = merged  # type: ignore[assignment]
    bank._source = str(path)
    bank._content_hash = hashlib.sha256(raw).hexdigest()[:16]
    return bank


def builtin_bank_paths() -> list[Path]:
    """The shipped bank files (theme libraries excluded)."""
    return sorted(p for p in paths.builtin_banks_dir().glob("*.yaml"))


def discover_banks(extra: list[Path] | tuple[Path, ...] = ()) -> Discovery:
    """Built-in banks, the user's bank folder, then paths given on the command line."""
    found = Discovery()
    sources = [(p, "built-in") for p in builtin_bank_paths()]
    user_dir = paths.user_banks_dir(create=False)
    if user_dir.is_dir():
        sources += [(p, "user") for p in sorted(user_dir.glob("*.y*ml"))]
    sources += [(Path(p), "command line") for p in extra]
    for path, origin in sources:
        bank, problems = check_bank(path)
        if bank is not None:
            found.banks.append(BankEntry(bank, path, origin))
        found.problems.extend(problems)
    return found


def resolve_bank(name: str) -> Bank:
    """A bank by path, or by the id of a bank that discovery finds."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return load_bank(candidate)
    for entry in discover_banks().banks:
        if entry.bank.id == name:
            return entry.bank
    raise BankError([Problem(name, 0, 0, "", f"no bank with id or path {name!r}")])
