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
    "questions": "questions",
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
    home = sub.add_parser("home", help="open the app's home screen (the default)",
                          description="Open the app at its home screen: pick a bank and a mode.")
    home.add_argument("paths", nargs="*", type=Path, help="extra bank files to offer")
    practice = sub.add_parser(
        "practice", help="practise the questions of a bank",
        description="Answer a bank's questions one at a time, with feedback after each.",
    )
    practice.add_argument("bank", help=BANK_HELP)
    practice.add_argument("--question", metavar="ID",
                          help="start at this question (see 'interview-coach questions BANK')")
    practice.add_argument(
        "--order", choices=["in-order", "shuffled", "theme"], default="in-order",
        help="how questions are chosen (default: in-order)",
    )
    practice.add_argument("--theme", metavar="ID", help="with --order theme: this theme first")
    mock = sub.add_parser(
        "mock", help="a timed mock interview, feedback at the end",
        description="A timed mock interview: several questions in a row, feedback at the end.",
    )
    mock.add_argument("bank", help=BANK_HELP)
    mock.add_argument("-n", type=int, default=5, help="number of questions (default 5)")
    study = sub.add_parser("study", help="browse questions and model answers",
                           description="Browse a bank's questions, themes and model answers.")
    study.add_argument("bank", help=BANK_HELP)


def _add_bank_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = sub.add_parser(
        "validate", help="check bank files; print file:line:col: message",
        description="Check bank files and theme libraries. Every problem is printed as "
                    "file:line:col: message. Exit 0 when all are valid, 1 when any is not, 2 when "
                    "a path cannot be used.",
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                          help="a bank file, a theme library file, or a folder of bank files")
    banks = sub.add_parser(
        "banks", help="list every bank found",
        description="List the built-in banks, those in your bank folder, with their id, title, "
                    "number of questions and themes, and file. Piped, paths are printed whole.",
    )
    banks.add_argument("--json", action="store_true", help="print JSON")
    questions = sub.add_parser(
        "questions", help="list the question ids and prompts of a bank",
        description="List a bank's questions: id, category and prompt, one per line. The ids are "
                    "what 'score', 'grade' and 'practice --question' take.",
    )
    questions.add_argument("bank", help=BANK_HELP)
    questions.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("schema", help="print the JSON Schema of the bank format",
                   description="Print the JSON Schema of the bank format, for editors that "
                               "check YAML as you type.")


def _add_scoring_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    score = sub.add_parser(
        "score", help="score one answer and explain the score",
        description="Score one answer to one question and explain the score: themes covered "
                    "and missed, red flags, delivery, similarity to the model answer.",
    )
    score.add_argument("bank", help=BANK_HELP)
    score.add_argument("question_id", metavar="QUESTION_ID",
                       help="the question's id (see 'interview-coach questions BANK')")
    score.add_argument("file", nargs="?", default="-", help="answer file, or - for stdin (default)")
    score.add_argument("--json", action="store_true", help="print the result as JSON")
    grade = sub.add_parser(
        "grade", help="score many answers (CSV or JSONL) for a trainer",
        description=GRADE_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    grade.add_argument("bank", help=BANK_HELP)
    grade.add_argument("input", type=Path, metavar="INPUT",
                       help="CSV with columns question_id and answer, or JSONL with those keys")
    grade.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    grade.add_argument("--format", choices=["csv", "jsonl"],
                       help="output format (default: from OUTPUT's extension, else INPUT's format)")


def _add_history_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = sub.add_parser("history", help="list past attempts",
                             description="List past attempts, newest first.")
    stats = sub.add_parser("stats", help="progress per bank and theme", description=STATS_DESCRIPTION)
    for cmd in (history, stats):
        cmd.add_argument("--bank", metavar="ID", help="only this bank")
        cmd.add_argument("--json", action="store_true", help="print JSON")
    export = sub.add_parser(
        "export", help="export attempts as CSV, JSON or a Markdown report",
        description="Export attempts: csv (one row per attempt), json (every attempt with its full "
                    "result) or md (a report for a trainer, per bank and question).",
    )
    export.add_argument("--format", choices=["csv", "json", "md"], required=True, help="output format")
    export.add_argument("--bank", metavar="ID", help="only this bank")
    export.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    export.add_argument("--force", action="store_true",
                        help="replace OUTPUT even when it holds more than this export")
    forget = sub.add_parser(
        "forget", help="delete attempts and drafts for good",
        description="Delete attempts, drafts, sessions and review schedules for good: of one bank "
                    "(--bank) or of every bank (--all).",
    )
    forget.add_argument("--bank", metavar="ID", help="only this bank")
    forget.add_argument("--all", action="store_true", help="every bank")
    forget.add_argument("--yes", action="store_true", help="do not ask first")
    backup = sub.add_parser("backup", help="copy the history database safely",
                            description="Copy the history database safely, even while the app runs.")
    backup.add_argument("file", type=Path, help="the backup file to write")
    backup.add_argument("--force", action="store_true",
                        help="replace FILE even when it holds more attempts than the history")
    restore = sub.add_parser(
        "restore", help="bring back a backup after checking it",
        description="Replace the history with a backup after checking it; the current database "
                    "is kept beside it, not deleted.",
    )
    restore.add_argument("file", type=Path, help="a backup made by 'backup'")
    restore.add_argument("--yes", action="store_true", help="do not ask first")


BANK_HELP = "a bank id (see 'interview-coach banks') or a path to a bank file"
GRADE_DESCRIPTION = """\
Score many answers to a bank's questions, for a trainer.

INPUT is CSV with a header row holding the columns question_id (an id from
'interview-coach questions BANK') and answer; other columns are carried through to the
output. Or JSONL: one object per line with the keys question_id and answer. CSV or JSONL is
told by the extension (.csv, .jsonl, .ndjson), else by the first character.

The output has one row per input row: the carried columns, then score,
reference_similarity, words, themes_covered, themes_missed, themes_negated, red_flags,
capped and error. Exit 0 when every row was graded, 1 when some could not be.
"""
STATS_DESCRIPTION = """\
Progress per bank: attempts, questions practised, mean and best score, and the trend: the
mean score of your more recent half of attempts minus that of the older half (+5.0 means
recent answers score 5 points more on average). Then per theme (by its label): how often it
was covered, its mean strength (0-1) and the mean score of the answers that expected it.
"""


def _add_trainer_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import", help="turn interview Q&A text, Markdown, CSV or GIFT into a bank",
        description=IMPORT_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE",
                     help="text, Markdown, CSV or Moodle GIFT files of questions and answers")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="BANK.yaml",
                     help="the bank file to write (never replaced without --force)")
    imp.add_argument(
        "--layout",
        choices=["auto", "answer-lines", "paragraphs", "qa", "headings", "bold", "bullets", "examples",
                 "csv", "gift"],
        default="auto", help="how the questions are laid out (default: auto, see above)",
    )
    imp.add_argument("--themes", metavar="FILE_OR_BANK",
                     help="a theme library file, bank file or bank id to suggest themes from "
                          "(default: none, except the peer support library for a peer support bank)")
    imp.add_argument("--id", dest="bank_id", help="bank id (default: from the output name)")
    imp.add_argument("--title", help="bank title (default: the first heading of the first file)")
    imp.add_argument("--role", help="the role the bank prepares for")
    imp.add_argument("--force", action="store_true", help="replace the output file if it exists")
    lint = sub.add_parser(
        "lint", help="a quality report on a bank",
        description="Check what a validator cannot see: model answers that miss their own themes or "
                    "trip the bank's red flags, unused themes, thin keyword lists, near-duplicate "
                    "questions. Findings are grouped by kind and theme. Exit 1 when any is an error.",
    )
    lint.add_argument("bank", help="a bank id or a path to a bank file")
    lint.add_argument("--only", action="append", metavar="KIND", default=[],
                      help="show only findings of this kind (repeatable)")
    lint.add_argument("--ignore", action="append", metavar="KIND", default=[],
                      help="leave out findings of this kind (repeatable)")
    exb = sub.add_parser(
        "export-bank", help="export a bank to Anki, CSV, Markdown or GIFT",
        description="Write a bank for other study tools: anki (tab-separated, for Anki's text "
                    "import), csv (one row per question; 'import' reads it back), md (a study "
                    "sheet grouped by theme) or gift (Moodle's question format; 'import' reads it "
                    "back).",
    )
    exb.add_argument("bank", help="a bank id or a path to a bank file")
    exb.add_argument("--format", choices=["anki", "csv", "md", "gift"], required=True,
                     help="output format")
    exb.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")


IMPORT_DESCRIPTION = """\
Turn pages of interview questions and answers into a bank. Layouts read (chosen automatically):
  answer-lines  numbered questions, each followed by "Answer: ..." or an "Answer" line alone
  qa            "Q: ..." and "A: ..." pairs
  examples      questions followed by "Example answer"/"Sample answer" (inline or alone on a
                line) or Example: "..."; coaching above it ("How to answer:", "Why they ask:")
                becomes the question's tips
  headings      Markdown headings as questions, the paragraph below as the answer
  paragraphs    numbered questions, the paragraph below as the answer
  bold          **bold** questions, the paragraph below as the answer
  bullets       a bullet list of questions with the answer indented below
  csv           columns question, answer; optional id, themes, category, difficulty, tips,
                follow_ups (lists split at " | ")
  gift          Moodle GIFT essay and short-answer questions (general feedback = model answer)
Notes such as "Purpose:" or "What they want to know:" become tips, never the answer; a
"Follow-up:" line (or "Follow-up questions:" above a list) gives follow-up questions.
"""


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
        return int(exc.code or EXIT_OK)
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
