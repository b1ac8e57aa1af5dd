"""The command line: parses arguments and hands each command to its module.

Only the TUI commands import Textual, and only when they run, so ``validate``, ``score``,
``banks`` and ``--help`` start fast. Every command module has ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from interview_coach import __version__
from interview_coach._util.safetext import printable
from interview_coach.cli.output import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

# command name -> module in interview_coach.cli.commands that runs it
COMMANDS: dict[str, str] = {
    "home": "tui",
    "practice": "tui",
    "mock": "tui",
    "study": "tui",
    "validate": "validate",
    "banks": "banks",
    "schema": "schema",
    "score": "score",
    "grade": "grade",
    "history": "history",
    "stats": "history",
    "export": "history",
    "forget": "history",
    "backup": "history",
    "restore": "history",
    "import": "trainer",
    "lint": "trainer",
    "export-bank": "trainer",
    "drill": "drill",
    "serve": "serve",
}


def _add_tui_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    home = sub.add_parser("home", help="open the app's home screen (the default)")
    home.add_argument("paths", nargs="*", type=Path, help="extra bank files to offer")
    practice = sub.add_parser("practice", help="practise the questions of a bank")
    practice.add_argument("bank", help="a bank id or a path to a bank file")
    practice.add_argument("--question", metavar="ID", help="start at this question")
    practice.add_argument(
        "--order", choices=["in-order", "shuffled", "theme"], default="in-order",
        help="how questions are chosen (default: in-order)",
    )
    practice.add_argument("--theme", metavar="ID", help="with --order theme: this theme first")
    mock = sub.add_parser("mock", help="a timed mock interview, feedback at the end")
    mock.add_argument("bank", help="a bank id or a path to a bank file")
    mock.add_argument("-n", type=int, default=5, help="number of questions (default 5)")
    study = sub.add_parser("study", help="browse questions and model answers")
    study.add_argument("bank", help="a bank id or a path to a bank file")


def _add_bank_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = sub.add_parser("validate", help="check bank files; print file:line:col: message")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    banks = sub.add_parser("banks", help="list every bank found")
    banks.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("schema", help="print the JSON Schema of the bank format")


def _add_scoring_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    score = sub.add_parser("score", help="score one answer and explain the score")
    score.add_argument("bank", help="a bank id or a path to a bank file")
    score.add_argument("question_id", metavar="QUESTION_ID")
    score.add_argument("file", nargs="?", default="-", help="answer file, or - for stdin")
    score.add_argument("--json", action="store_true", help="print the result as JSON")
    grade = sub.add_parser("grade", help="score many answers (CSV or JSONL) for a trainer")
    grade.add_argument("bank", help="a bank id or a path to a bank file")
    grade.add_argument("input", type=Path, metavar="INPUT", help="CSV or JSONL of answers")
    grade.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    grade.add_argument("--format", choices=["csv", "jsonl"], help="output format")


def _add_history_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, text in (("history", "list past attempts"), ("stats", "progress per bank and theme")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--bank", metavar="ID", help="only this bank")
        cmd.add_argument("--json", action="store_true", help="print JSON")
    export = sub.add_parser("export", help="export attempts as CSV, JSON or a Markdown report")
    export.add_argument("--format", choices=["csv", "json", "md"], required=True)
    export.add_argument("--bank", metavar="ID", help="only this bank")
    export.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    export.add_argument("--force", action="store_true",
                        help="replace OUTPUT even when it holds more than this export")
    forget = sub.add_parser("forget", help="delete attempts and drafts for good")
    forget.add_argument("--bank", metavar="ID", help="only this bank")
    forget.add_argument("--all", action="store_true", help="every bank")
    forget.add_argument("--yes", action="store_true", help="do not ask first")
    backup = sub.add_parser("backup", help="copy the history database safely")
    backup.add_argument("file", type=Path)
    backup.add_argument("--force", action="store_true",
                        help="replace FILE even when it holds more attempts than the history")
    restore = sub.add_parser("restore", help="bring back a backup after checking it")
    restore.add_argument("file", type=Path)
    restore.add_argument("--yes", action="store_true", help="do not ask first")


def _add_trainer_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser("import", help="turn interview Q&A text, Markdown, CSV or GIFT into a bank")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="BANK.yaml")
    imp.add_argument(
        "--layout",
        choices=["auto", "answer-lines", "paragraphs", "qa", "headings", "bullets", "examples", "csv",
                 "gift"],
        default="auto",
    )
    imp.add_argument("--themes", metavar="FILE_OR_BANK", help="theme library for suggestions")
    imp.add_argument("--id", dest="bank_id", help="bank id (default: from the output name)")
    imp.add_argument("--title", help="bank title")
    imp.add_argument("--role", help="the role the bank prepares for")
    lint = sub.add_parser("lint", help="a quality report on a bank")
    lint.add_argument("bank", help="a bank id or a path to a bank file")
    exb = sub.add_parser("export-bank", help="export a bank to Anki, CSV, Markdown or GIFT")
    exb.add_argument("bank", help="a bank id or a path to a bank file")
    exb.add_argument("--format", choices=["anki", "csv", "md", "gift"], required=True)
    exb.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(
        prog="interview-coach",
        description="Rehearse job interviews in the terminal. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"interview-coach {__version__}")
    parser.add_argument(
        "--home", type=Path, metavar="DIR",
        help="data directory (default: $INTERVIEW_COACH_HOME, else the platform's)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_tui_commands(sub)
    _add_bank_commands(sub)
    _add_scoring_commands(sub)
    _add_history_commands(sub)
    _add_trainer_commands(sub)
    from interview_coach.cli.commands import drill, serve

    drill.add_parser(sub)
    serve.add_parser(sub)
    for command in sub.choices.values():  # `COMMAND --home DIR` as well as `--home DIR COMMAND`
        command.add_argument("--home", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                             help="data directory (default: $INTERVIEW_COACH_HOME, else the platform's)")
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="show tracebacks of internal errors")
    return parser


def _normalise_argv(argv: list[str]) -> list[str]:
    """``interview-coach`` alone, or followed by bank paths, means ``home``."""
    positional = [a for i, a in enumerate(argv)
                  if not a.startswith("-") and (i == 0 or argv[i - 1] != "--home")]
    wants_help = any(a in ("-h", "--help", "--version") for a in argv)
    if wants_help and not positional:
        return argv
    if not positional or positional[0] not in COMMANDS:
        options: list[str] = []
        rest = list(argv)
        while rest and rest[0].startswith("-"):
            options.append(rest.pop(0))
            if options[-1] == "--home" and rest:
                options.append(rest.pop(0))
        return [*options, "home", *rest]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 problems found, 2 usage or I/O error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(_normalise_argv(args_list))
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if args.home is not None:
        from interview_coach._util import paths

        paths.set_home_override(args.home)
    module = importlib.import_module(f"interview_coach.cli.commands.{COMMANDS[args.command]}")
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # the last line of defence: a message, never a traceback
        return _report_crash(exc, args.debug)


def _report_crash(exc: Exception, debug: bool) -> int:
    from interview_coach._util.errors import BankError, InterviewCoachError

    if debug or os.environ.get("INTERVIEW_COACH_DEBUG"):
        import traceback

        traceback.print_exc()
    if isinstance(exc, BankError):
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
    elif isinstance(exc, InterviewCoachError):
        print(printable(f"interview-coach: {exc}"), file=sys.stderr)
    elif isinstance(exc, OSError):
        print(printable(f"interview-coach: {exc.strerror or exc}: {exc.filename or ''}"), file=sys.stderr)
    else:
        print(printable(f"interview-coach: internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
    return EXIT_USAGE


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
