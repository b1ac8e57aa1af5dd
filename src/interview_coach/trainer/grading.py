"""Grading many answers for a trainer: read rows (CSV or JSONL), score each, write the results.

INPUT is CSV (a header row with ``question_id`` and ``answer``; other columns are carried
through) or JSONL (one object per line with ``question_id`` and ``answer``), told apart by the
extension (``.csv``, ``.jsonl``/``.ndjson``) or, failing that, by the first character. The output
has one row per input row: the carried columns, then ``score``, ``reference_similarity``,
``words``, ``themes_covered``, ``themes_missed``, ``themes_negated``, ``red_flags``, ``capped``
and ``error``. A carried column whose name is one of these is renamed ``input_<name>``.

A bad row (a missing column, malformed JSON, bytes that are not UTF-8, an unknown question id,
an empty answer) carries its ``error`` and no score, and the rest go on. The command line
(:mod:`interview_coach.cli.commands.grade`) reports and exits.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from interview_coach._util.csvtext import CsvWriter
from interview_coach._util.errors import ImportFormatError
from interview_coach._util.inputcap import MB, read_input
from interview_coach._util.jsontext import dumps
from interview_coach._util.safetext import TerminalWriter

if TYPE_CHECKING:
    from interview_coach.banks.models import Bank
    from interview_coach.scoring import Scorer, ScoreResult

REQUIRED = ("question_id", "answer")
RESULT_FIELDS = ("score", "reference_similarity", "words", "themes_covered", "themes_missed",
                 "themes_negated", "red_flags", "capped", "error")
MAX_REPORTED = 50  # row problems printed one by one; beyond that only counted
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# Any surrogate: in JSON text, "\ud800" escapes decode to characters no file can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_INPUT_BYTES = 512 * MB  # a whole class's answers, read into memory


@dataclass
class Row:
    """One input row: its number, where it is, its fields, and an error if it cannot be read."""

    number: int
    where: str
    fields: dict[str, Any]
    error: str = ""


@dataclass
class Graded:
    """The grading of one row: its score result, or why it could not be graded."""

    result: ScoreResult | None = None
    error: str = ""

    def columns(self) -> dict[str, Any]:
        """The result columns of the output row (:data:`RESULT_FIELDS`): the CSV/JSONL edge."""
        out: dict[str, Any] = dict.fromkeys(RESULT_FIELDS, None)
        result = self.result
        if result is not None:
            expected = [t for t in result.themes if t.expected]
            out.update({
                "score": result.score,
                "reference_similarity": result.reference_similarity,
                "words": result.words,
                "themes_covered": [t.id for t in expected if t.covered],
                "themes_missed": [t.id for t in expected if not t.covered],
                "themes_negated": [t.id for t in expected if t.negated],
                "red_flags": [f.phrase for f in result.red_flags],
                "capped": result.capped or None,
            })
        out["error"] = self.error or None
        return out


@dataclass
class Summary:
    """What a grading run did."""

    graded: int = 0
    failed: int = 0
    total_score: int = 0
    problems: list[str] = field(default_factory=list)


def input_format(path: Path) -> str:
    """'csv' or 'jsonl', by extension, else by the first non-blank character."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    start = read_input(path, MAX_INPUT_BYTES, head=4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if start.startswith(b"{") else "csv"


def output_format(explicit: str | None, output: Path | None, in_format: str) -> str:
    """The output format: --format, else OUTPUT's extension, else the input's."""
    if explicit:
        return explicit
    if output is not None:
        suffix = output.suffix.lower()
        if suffix == ".csv":
            return "csv"
        if suffix in (".jsonl", ".ndjson", ".json"):
            return "jsonl"
    return in_format


# ------------------------------------------------------------------------------ reading


def read_rows(path: Path, fmt: str) -> tuple[list[str], list[Row]]:
    """The carried column names and every row of INPUT (bad rows carry their error)."""
    data = read_input(path, MAX_INPUT_BYTES)  # no FIFO, device or endless file
    if fmt == "csv":
        return _read_csv(data, str(path))
    return _read_jsonl(data)


def _raise_field_limit() -> None:
    """Let a CSV field be as large as the file (a long pasted answer is not an error)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def _read_csv(data: bytes, name: str) -> tuple[list[str], list[Row]]:
    _raise_field_limit()
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFormatError(f"{name}: empty file, expected a header row") from None
    except csv.Error as exc:
        raise ImportFormatError(f"{name}: the header row is not valid CSV: {exc}") from None
    header = [_clean_name(h) for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFormatError(
            f"{name}: no column {' or '.join(repr(c) for c in missing)} in the header "
            f"(found: {', '.join(header[:10]) or 'nothing'})"
        )
    rows = list(_csv_rows(reader, header))
    _refuse_unclosed_quote(text, rows, name)
    return header, rows


def _refuse_unclosed_quote(text: str, rows: list[Row], name: str) -> None:
    """An unclosed quote makes the csv module take the rest of the file as one cell: find it
    with a strict pass (which stops at the end of data inside the quote) and refuse the file,
    naming the line where that row starts."""
    if not rows or '"' not in text:
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise ImportFormatError(
                    f"{name}:{start}: a quote opened in this row is never closed") from None


def _clean_name(name: str) -> str:
    return _NOT_UTF8.sub("\ufffd", name).strip()


def _csv_rows(reader: Any, header: list[str]) -> Iterator[Row]:
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield Row(number, f"line {reader.line_num}", {}, f"not valid CSV: {exc}")
            continue
        if not values:
            continue  # a blank line
        number += 1
        yield _csv_row(number, f"line {reader.line_num}", header, values)


def _csv_row(number: int, where: str, header: list[str], values: list[str]) -> Row:
    fields = dict(zip(header, values, strict=False))
    if any(_NOT_UTF8.search(v) for v in values):
        clean = {k: _NOT_UTF8.sub("\ufffd", v) for k, v in fields.items()}
        return Row(number, where, clean, "bytes that are not UTF-8")
    if len(values) > len(header):
        return Row(number, where, fields,
                   f"{len(values)} fields but the header has {len(header)}")
    absent = [c for c in REQUIRED if c not in fields]
    if absent:
        return Row(number, where, fields, f"missing column {', '.join(absent)}")
    return Row(number, where, fields)


def _read_jsonl(data: bytes) -> tuple[list[str], list[Row]]:
    rows: list[Row] = []
    header: dict[str, None] = {}
    number = 0
    for line_no, raw in enumerate(data.splitlines(), start=1):
        if line_no == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        number += 1
        row = _jsonl_row(number, f"line {line_no}", raw)
        header.update(dict.fromkeys(row.fields))
        rows.append(row)
    for name in REQUIRED:
        header.setdefault(name, None)
    return list(header), rows


def _jsonl_row(number: int, where: str, raw: bytes) -> Row:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Row(number, where, {}, f"bytes that are not UTF-8 (byte {exc.start + 1})")
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        message = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return Row(number, where, {}, f"malformed JSON: {message}")
    if not isinstance(value, dict):
        return Row(number, where, {}, "expected a JSON object")
    absent = [c for c in REQUIRED if c not in value]
    if absent:
        return Row(number, where, value, f"missing {', '.join(absent)}")
    for name in REQUIRED:
        if not isinstance(value[name], str):
            return Row(number, where, value, f"{name} must be text")
    try:
        cleaned = _without_surrogates(value)
    except RecursionError:
        return Row(number, where, {}, "malformed JSON: nested too deeply")
    if cleaned != value:
        return Row(number, where, cleaned,
                   "an unpaired surrogate escape (\\ud800-\\udfff) is not valid text")
    return Row(number, where, value)


def _without_surrogates(value: Any) -> Any:
    """``value`` with every surrogate character replaced by U+FFFD, at any depth."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


# ------------------------------------------------------------------------------ grading


def grade_row(scorer: Scorer, row: Row) -> Graded:
    """One row graded: its result, or the error that kept it from being graded."""
    from interview_coach._util.errors import ScoringError

    if row.error:
        return Graded(error=row.error)
    qid, answer = str(row.fields["question_id"]).strip(), row.fields["answer"]
    if not answer.strip():
        return Graded(error="empty answer")
    try:
        return Graded(result=scorer.score(qid, answer))
    except ScoringError as exc:
        return Graded(error=str(exc) or type(exc).__name__)


def grade_to(bank: Bank, header: list[str], rows: list[Row], output: Path | None,
             fmt: str, advance: Callable[[], None] = lambda: None) -> Summary:
    """Grade every row and write the results to OUTPUT (atomically) or stdout.

    ``advance`` is called after each row (the command line's progress bar).
    """
    from interview_coach._util.atomic import atomic_writer

    if output is None:
        return _grade_stream(bank, header, rows, TerminalWriter(sys.stdout), fmt, advance)  # type: ignore[arg-type]
    with atomic_writer(output, mode=0o600, newline="") as stream:
        return _grade_stream(bank, header, rows, stream, fmt, advance)


def _grade_stream(bank: Bank, header: list[str], rows: list[Row], stream: IO[str],
                  fmt: str, advance: Callable[[], None]) -> Summary:
    from interview_coach.scoring import Scorer

    scorer = Scorer(bank)
    carried = {name: (f"input_{name}" if name in RESULT_FIELDS else name) for name in header}
    writer = _Writer(stream, fmt, [*carried.values(), *RESULT_FIELDS])
    summary = Summary()
    for row in rows:
        graded = grade_row(scorer, row)
        _count(summary, row, graded)
        record = {carried.get(k, k): v for k, v in row.fields.items()}
        record.update(graded.columns())
        writer.write(record)
        advance()
    return summary


def _count(summary: Summary, row: Row, graded: Graded) -> None:
    if graded.result is None:
        summary.failed += 1
        if len(summary.problems) < MAX_REPORTED:
            summary.problems.append(f"row {row.number} ({row.where}): {graded.error}")
    else:
        summary.graded += 1
        summary.total_score += graded.result.score


class _Writer:
    """Writes result records as CSV or JSONL."""

    def __init__(self, stream: IO[str], fmt: str, columns: list[str]) -> None:
        self.stream, self.fmt, self.columns = stream, fmt, columns
        # CRLF line ends, as the csv module writes by default (what graded files always had)
        self._csv = CsvWriter(stream, columns, lineterminator="\r\n") if fmt == "csv" else None

    def write(self, record: dict[str, Any]) -> None:
        if self._csv is None:
            self.stream.write(dumps(record) + "\n")
            return
        self._csv.write([_cell(record.get(c)) for c in self.columns])


def _cell(value: Any) -> str:
    """A CSV cell: lists joined with '; ', None empty (the writer defuses formulas)."""
    text: str
    if value is None:
        return ""
    if isinstance(value, list):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text
