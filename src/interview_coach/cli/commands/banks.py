"""``interview-coach banks [--json]``: list every bank found, built-in, the user's and extra.

Banks that fail to load are reported on stderr (``file:line:col: message``) and the others are
still listed; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from interview_coach._util.jsontext import dumps
from interview_coach.cli.output import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from interview_coach.banks.loader import BankEntry


def run(args: argparse.Namespace) -> int:
    """List the banks as a table (or JSON with ``--json``); problems on stderr."""
    from interview_coach.banks.loader import discover_banks

    found = discover_banks()
    rows = [bank_row(entry) for entry in found.banks]
    if args.json:
        print(dumps(rows, indent=2))
    else:
        print_table(rows)
    for problem in found.problems:
        print(problem.format(), file=sys.stderr)
    return EXIT_PROBLEMS if found.problems else EXIT_OK


def bank_row(entry: BankEntry) -> dict[str, Any]:
    """The facts listed for one bank."""
    bank = entry.bank
    return {
        "id": bank.id, "title": bank.title, "role": bank.role,
        "questions": len(bank.questions), "themes": len(bank.themes),
        "origin": entry.origin, "path": str(entry.path),
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    """Plain aligned columns (no colour: the output is often piped)."""
    if not rows:
        print("no banks found")
        return
    headers = ["id", "title", "questions", "themes", "origin", "path"]
    whole = not sys.stdout.isatty()  # piped: paths whole, for tools to use
    cells = [[_cell(row[h], whole and h == "path") for h in headers] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    for line in [headers, *cells]:
        print("  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip())


def _cell(value: Any, whole: bool = False) -> str:
    """Text for a table cell: one line, control characters made visible, long titles cut."""
    from interview_coach.banks.yamlsafe import clip

    return clip(value, 100_000 if whole else 50)
