"""``interview-coach validate PATH...``: check bank files, print ``file:line:col: message``.

Problems go to stdout (they are the command's output, for editors and CI to read); a line per
file that passes too. Exit 0 when every file is valid, 1 when any has problems, 2 when a path
cannot be used (missing, not a regular file, or a folder with no bank files in it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_coach._util.safetext import printable
from interview_coach.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Validate every file named (a folder stands for the bank files directly in it)."""
    files, usage_errors = expand_paths(args.paths)
    for message in usage_errors:
        print(printable(f"interview-coach validate: {message}"), file=sys.stderr)
    failed = sum(1 for path in files if not validate_one(path))
    if usage_errors:
        return EXIT_USAGE
    return EXIT_PROBLEMS if failed else EXIT_OK


def expand_paths(given: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to check, and a message for each path that cannot be used."""
    from interview_coach.banks.loader import BANK_SUFFIXES

    files: list[Path] = []
    errors: list[str] = []
    for path in given:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in BANK_SUFFIXES and p.is_file())
            files += found
            if not found:
                errors.append(f"no .yaml or .yml files in the folder {path}")
        elif path.is_file():
            files.append(path)
        elif path.exists():  # a FIFO would block, a device never end: not a bank file
            errors.append(f"not a regular file: {path}")
        else:
            errors.append(f"no such file: {path}")
    return files, errors


def validate_one(path: Path) -> bool:
    """Print the problems of one file (or that it is fine); true when it is valid."""
    from interview_coach.banks.loader import check_file
    from interview_coach.banks.models import Bank

    result, problems = check_file(path)
    for problem in problems:
        print(problem.format())
    if result is None:
        return False
    if isinstance(result, Bank):
        print(printable(f"{path}: ok (bank '{result.id}', {len(result.questions)} questions, "
                        f"{len(result.themes)} themes)"))
    else:
        print(printable(f"{path}: ok (theme library, {len(result.themes)} themes)"))
    return True
