"""CSV for spreadsheets: the one formula guard, and the one way the program writes CSV.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula (CSV injection). Every CSV the program writes (history export, bank export, graded
answers) goes through :func:`defuse`, which puts an apostrophe in front of such text; a number
such as ``-3`` is left alone. :func:`undefuse` takes the apostrophe off again when a CSV the
program wrote is read back (``import`` of an exported bank).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def defuse(value: Any) -> Any:
    """``value``, with an apostrophe in front when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _same(value: Any) -> Any:
    return value


def undefuse(text: str) -> str:
    """The text :func:`defuse` was given (an apostrophe before a formula start is dropped)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START) and not _is_number(text[1:]):
        return text[1:]
    return text


class CsvWriter:
    """Writes rows of cells to ``stream``, each text cell through :func:`defuse`.

    ``spreadsheet=False`` is for a file no spreadsheet opens (Anki's import), where an
    apostrophe would show on the card.
    """

    def __init__(self, stream: IO[str], header: Sequence[str] | None = None, *,
                 delimiter: str = ",", lineterminator: str = "\n", spreadsheet: bool = True) -> None:
        self._writer = csv.writer(stream, delimiter=delimiter, lineterminator=lineterminator)
        self._guard = defuse if spreadsheet else _same
        if header is not None:  # a header can come from the user's own file (grade)
            self._writer.writerow([self._guard(cell) for cell in header])

    def write(self, row: Iterable[Any]) -> None:
        """One row."""
        self._writer.writerow([self._guard(cell) for cell in row])


def csv_text(header: Sequence[str] | None, rows: Iterable[Iterable[Any]], *,
             delimiter: str = ",") -> str:
    """The CSV text of ``header`` (if any) and ``rows``, lines ended by ``\\n``."""
    out = io.StringIO()
    writer = CsvWriter(out, header, delimiter=delimiter)
    for row in rows:
        writer.write(row)
    return out.getvalue()
