"""``interview-coach grade BANK INPUT [-o OUTPUT] [--format csv|jsonl]``: score many answers.

INPUT is CSV (a header row with ``question_id`` and ``answer``; other columns are carried
through) or JSONL (one object per line with ``question_id`` and ``answer``), told apart by the
extension (``.csv``, ``.jsonl``/``.ndjson``) or, failing that, by the first character. The output
has one row per input row (CSV or JSONL, by ``--format``, else OUTPUT's extension, else the
input's format): the carried columns, then ``score``, ``reference_similarity``, ``words``,
``themes_covered``, ``themes_missed``, ``themes_negated``, ``red_flags``, ``capped`` and
``error``. A carried column whose name is one of these is renamed ``input_<name>``. In CSV
output, a text cell that a spreadsheet would run as a formula gets a leading apostrophe.

A bad row (a missing column, malformed JSON, bytes that are not UTF-8, an unknown question id,
an empty answer) is reported on stderr by row number, written with its ``error`` and no score,
and the rest go on. The output file is written atomically: a killed run leaves no half file.

Exit codes: 0 every row graded; 1 some rows could not be graded; 2 usage or I/O error (bank
not found, INPUT unreadable or without the required columns, OUTPUT not writable).
"""


from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_coach._util.safetext import printable
from interview_coach.cli.output import EXIT_OK, EXIT_PROBLEMS, progress
from interview_coach.trainer.grading import (
    Summary,
    grade_to,
    input_format,
    output_format,
    read_rows,
)


def run(args: argparse.Namespace) -> int:
    """Grade INPUT against BANK and write the results."""
    from interview_coach.banks.loader import resolve_bank

    # The app's own errors and I/O errors reach cli.main, which reports them and exits 2.
    bank = resolve_bank(args.bank)
    in_format = input_format(args.input)
    out_format = output_format(args.format, args.output, in_format)
    header, rows = read_rows(args.input, in_format)
    with progress(len(rows), "grading") as advance:
        summary = grade_to(bank, header, rows, args.output, out_format, advance)
    _print_summary(summary, args.input)
    return EXIT_PROBLEMS if summary.failed else EXIT_OK


def _print_summary(summary: Summary, source: Path) -> None:
    for problem in summary.problems:
        print(printable(f"{source}: {problem}"), file=sys.stderr)
    hidden = summary.failed - len(summary.problems)
    if hidden > 0:
        print(f"{source}: ... and {hidden} more rows could not be graded", file=sys.stderr)
    mean = summary.total_score / summary.graded if summary.graded else 0.0
    print(f"graded {summary.graded} of {summary.graded + summary.failed} answers"
          f" ({summary.failed} failed), mean score {mean:.1f}", file=sys.stderr)
