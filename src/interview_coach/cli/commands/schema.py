"""``interview-coach schema``: print the JSON Schema of the bank format."""

from __future__ import annotations

import argparse
import sys

from interview_coach.cli.output import EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Write the generated schema to stdout; exit 0."""
    from interview_coach.banks.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK
