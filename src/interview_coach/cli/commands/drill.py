"""``interview-coach drill BANK``: practise in plain text, line by line (see ``drill.py``).

Exit codes: 0 done (or stopped at end of input), 2 usage or I/O error (unknown bank or
question, ``-n`` below 1). Nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import os
import random
import sys

from interview_coach._util.errors import UsageError
from interview_coach._util.safetext import printable
from interview_coach.cli.output import EXIT_OK


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``drill`` subcommand and its options."""
    drill = sub.add_parser(
        "drill", help="practise line by line in plain text (screen readers, scripts)",
        description="Practise a bank in plain text: no boxes, no cursor movement, no colour "
                    "unless asked. End each answer with an empty line or Ctrl-D.",
    )
    drill.add_argument("bank", help="a bank id or a path to a bank file")
    drill.add_argument("-n", type=int, metavar="N", help="ask N questions (default: all)")
    drill.add_argument("--question", metavar="ID", help="start at this question")
    drill.add_argument(
        "--order", choices=["in-order", "shuffled", "theme"], default="in-order",
        help="how questions are chosen (default: in-order)",
    )
    drill.add_argument("--theme", metavar="ID", help="with --order theme: this theme first")
    drill.add_argument("--editor", action="store_true", help="write each answer in $EDITOR")
    drill.add_argument("--model-answer", action="store_true",
                       help="show the model answer after the feedback")
    drill.add_argument("--color", "--colour", dest="color", action="store_true",
                       help="bold and coloured headings (never with NO_COLOR or TERM=dumb)")


def run(args: argparse.Namespace) -> int:
    """Load the bank, choose the questions, run the drill with the history store."""
    from interview_coach.banks.loader import resolve_bank
    from interview_coach.banks.order import order_questions
    from interview_coach.cli.drill import Drill, DrillSettings, colour_wanted
    from interview_coach.history.memory import open_history  # no Textual: the Store or memory

    if args.n is not None and args.n < 1:
        raise UsageError("-n must be at least 1")
    bank = resolve_bank(args.bank)
    if args.question and not any(q.id == args.question for q in bank.questions):
        raise UsageError(f"bank {bank.id!r} has no question {args.question!r}")
    questions = order_questions(bank, args.order, theme=args.theme, first=args.question,
                                rng=random.Random())
    if args.n is not None:
        questions = questions[: args.n]
    history, notices = open_history()
    for notice in notices:
        print(printable(f"interview-coach: {notice}"), file=sys.stderr)
    settings = DrillSettings(
        model_answer=args.model_answer, editor=args.editor,
        colour=colour_wanted(args.color, os.environ), interactive=sys.stdin.isatty(),
        env=dict(os.environ),
    )
    try:
        Drill(bank, history, settings, stdin=sys.stdin, stdout=sys.stdout).run(questions)
    finally:
        history.close()
        for notice in getattr(history, "notices", [])[len(notices):]:
            print(printable(f"interview-coach: {notice}"), file=sys.stderr)
    return EXIT_OK
