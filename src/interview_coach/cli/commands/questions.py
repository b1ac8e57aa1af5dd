"""``interview-coach questions BANK [--json]``: list a bank's question ids and prompts."""

from __future__ import annotations

import argparse
import sys

from interview_coach._util.jsontext import dumps
from interview_coach._util.safetext import printable
from interview_coach.cli.output import EXIT_OK


def run(args: argparse.Namespace) -> int:
    """One line per question: id, category, prompt (or JSON with ``--json``)."""
    from interview_coach.banks.loader import resolve_bank

    bank = resolve_bank(args.bank)  # an unknown bank reaches cli.main: exit 2, "did you mean"
    rows = [{"id": q.id, "category": q.category or "", "prompt": q.prompt,
             "themes": list(q.themes)} for q in bank.questions]
    if args.json:
        sys.stdout.write(dumps(rows, indent=2) + "\n")
        return EXIT_OK
    id_width = max(len(r["id"]) for r in rows)
    cat_width = max(len(r["category"]) for r in rows)
    for row in rows:
        line = f"{row['id']:<{id_width}}  {row['category']:<{cat_width}}  {row['prompt']}"
        print(printable(" ".join(line.split("\n"))))
    return EXIT_OK
