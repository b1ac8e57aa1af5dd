"""``home``, ``practice``, ``mock`` and ``study``: open the terminal app (Textual is imported here)."""

from __future__ import annotations

import argparse
import os
import sys

from interview_coach._util.errors import BankError, UsageError
from interview_coach.banks.models import Bank
from interview_coach.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Start the app at home or straight in a mode; a bank that fails to load exits 2."""
    from interview_coach.tui.config import AppConfig, Start

    start = Start()
    paths = list(getattr(args, "paths", []) or [])
    if args.command != "home":
        bank = _resolve(args.bank)
        if bank is None:
            return EXIT_USAGE
        if getattr(args, "question", None) and not _known(bank, "question", args.question):
            return EXIT_USAGE
        if getattr(args, "theme", None) and not _known(bank, "theme", args.theme):
            return EXIT_USAGE
        start = Start(mode=args.command, bank=bank, question_id=getattr(args, "question", None),
                      order=getattr(args, "order", "in-order"), theme=getattr(args, "theme", None),
                      count=getattr(args, "n", 5))
    if start.mode == "mock" and start.count < 1:
        print("interview-coach: -n must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if not _on_terminal():
        print("interview-coach: the app needs a terminal (its input and output are not one); "
              "for scripts use `score`, `grade` or `export`", file=sys.stderr)
        return EXIT_USAGE
    from interview_coach.tui.app import make_app

    debug = bool(getattr(args, "debug", False) or os.environ.get("INTERVIEW_COACH_DEBUG"))
    app = make_app(AppConfig(paths=paths, start=start, handle_signals=True,
                             short_errors=True, debug=debug))
    app.run()
    # Textual sets a non-zero return code when the app failed; the message is already shown.
    # The quit dialog (answers the history could not save) exits 1 once the user chose.
    code = EXIT_OK if not app.return_code else (
        EXIT_PROBLEMS if app.rescue_choice is not None else EXIT_USAGE)
    if _rescue_unsaved(getattr(app.history, "_history", None),
                       printed=app.rescue_choice == "print"):
        code = max(code, EXIT_PROBLEMS)
    if app.leaving:  # a signal or a lost terminal: the drafts are saved, end without delay
        _end_now(code)
    return code


def _rescue_unsaved(history: object, *, printed: bool = False) -> bool:
    """Answers the history could not save (read-only or full disk): write them to another
    place (or print them: ``printed``, or when no place takes them), and say so. True when
    there were any (the exit is then non-zero)."""
    from interview_coach._util.safetext import for_terminal
    from interview_coach.history.rescue import render_unsaved, rescue_answers

    unsaved = getattr(history, "unsaved_answers", None)
    answers = unsaved() if unsaved is not None else []
    if not answers:
        return False
    where = None if printed else rescue_answers(answers)
    if printed:
        print(f"interview-coach: the history could not be saved; your {len(answers)} "
              "answer(s) of this session follow, as you asked.", file=sys.stderr)
        sys.stdout.write(for_terminal(render_unsaved(answers)) + "\n")
    elif where is not None:
        print(f"interview-coach: the history could not be saved; your {len(answers)} answer(s) "
              f"of this session were written to {where}", file=sys.stderr)
    else:
        print(f"interview-coach: the history could not be saved and no folder could be "
              f"written; your {len(answers)} answer(s) of this session follow.", file=sys.stderr)
        sys.stdout.write(for_terminal(render_unsaved(answers)) + "\n")
    return True


def _end_now(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(code)


def _on_terminal() -> bool:
    """Whether stdin and stdout are both a terminal (the app cannot run otherwise)."""
    try:
        return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))
    except (OSError, ValueError):  # a closed stream
        return False


def _resolve(name: str) -> Bank | None:
    from interview_coach.banks.loader import resolve_bank

    try:
        return resolve_bank(name)
    except BankError as exc:
        for problem in exc.problems:
            print(f"interview-coach: {problem.format()}", file=sys.stderr)
        return None
    except OSError as exc:
        print(f"interview-coach: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return None


def _known(bank: Bank, kind: str, wanted: str) -> bool:
    """Whether the bank has the question or theme ``wanted`` ("did you mean" on stderr if not)."""
    from interview_coach.banks.suggest import require_question, require_theme

    require = require_question if kind == "question" else require_theme
    try:
        require(bank, wanted)
    except UsageError as exc:
        print(f"interview-coach: {exc}", file=sys.stderr)
        return False
    return True
