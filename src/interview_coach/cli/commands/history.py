"""History commands: ``history``, ``stats``, ``export``, ``forget``, ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_coach._util.errors import InterviewCoachError
from interview_coach._util.jsontext import dumps
from interview_coach._util.safetext import for_terminal, printable
from interview_coach.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from interview_coach.history.records import BankProgress
    from interview_coach.history.store import Store


def run(args: argparse.Namespace) -> int:
    """Dispatch on ``args.command``."""
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "history": run_history, "stats": run_stats, "export": run_export,
        "forget": run_forget, "backup": run_backup, "restore": run_restore,
    }
    return handlers[args.command](args)  # errors are reported by cli.main (exit 2)


def _err(message: str) -> None:
    print(printable(f"interview-coach: {message}"), file=sys.stderr)


def _open_store() -> Store:
    from interview_coach.history.store import Store

    return Store.open()


def _close(store: Store) -> None:
    """Close the store and tell the user whatever it has to say."""
    store.close()
    for notice in store.notices:
        _err(f"note: {notice}")


@functools.lru_cache(maxsize=4096)
def _text(value: str) -> str:
    """One line of terminal-safe text (ids repeat a lot in a long history: cached)."""
    if value.isprintable():
        return value
    from interview_coach._util.safetext import visible

    return visible(value).replace("\n", " ").replace("\t", " ")


def _json_out(data: Any) -> None:
    sys.stdout.write(dumps(data, indent=2) + "\n")


# ------------------------------------------------------------------------------ history


def _check_bank_id(store: Store, bank_id: str | None) -> None:
    """An id that is neither in the history nor a bank found is a typo: exit 2, "did you mean"."""
    if bank_id is None:
        return
    known = store.banks()
    if bank_id in known:
        return
    from interview_coach.banks.loader import discover_banks
    from interview_coach.banks.suggest import require_known

    found = [entry.bank.id for entry in discover_banks().banks]
    require_known("bank", bank_id, [*known, *found])


def run_history(args: argparse.Namespace) -> int:
    """List past attempts, newest first."""
    store = _open_store()
    try:
        _check_bank_id(store, args.bank)
        attempts = store.attempts(bank_id=args.bank, include_result=False,
                                  include_answer=args.json)
        unfinished = store.unfinished_sessions(args.bank)
    finally:
        _close(store)
    if args.json:
        _json_out([a.to_dict(include_result=False) for a in attempts])
        return EXIT_OK
    if not attempts:
        print("No attempts yet." if not args.bank else f"No attempts for bank {_text(args.bank)}.")
        return EXIT_OK
    for session, kept in unfinished:
        # stderr: the table on stdout stays one table for scripts
        _err(f"note: unfinished mock interview of bank {_text(session.bank_id)}, started "
             f"{_local_minute(session.started_at)}: {kept} answer(s) kept (mode mock)")
    rows = [("ID", "SUBMITTED", "BANK", "QUESTION", "SCORE", "MODE", "TIME")]
    for a in attempts:
        rows.append((
            str(a.id), _local_minute(a.submitted_at), _text(a.bank_id),
            _text(a.question_id), str(a.score), _text(a.mode), _duration(a.seconds),
        ))
    _print_table(rows, right={0, 4, 6})
    return EXIT_OK


def _local_minute(moment: datetime) -> str:
    """``YYYY-MM-DD HH:MM`` in local time (by hand: strftime is slow over 10,000 rows)."""
    local = moment.astimezone()
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _print_table(rows: Sequence[Sequence[str]], right: set[int]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell.rjust(w) if i in right else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        out.append("  ".join(cells).rstrip())
    sys.stdout.write("\n".join(out) + "\n")


# ------------------------------------------------------------------------------ stats


def _bank_questions(
    bank_ids: list[str], labels: dict[tuple[str, str], str] | None = None
) -> dict[str, tuple[list[str], dict[str, str]]]:
    """For banks that discovery finds: their question ids and prompts (absent banks left out).

    ``labels``, when given, is filled with each theme's label by (bank id, theme id).
    """
    if not bank_ids:
        return {}
    from interview_coach.banks.loader import discover_banks

    try:
        found = discover_banks()
    except (InterviewCoachError, OSError, ValueError):
        return {}
    wanted = set(bank_ids)
    info: dict[str, tuple[list[str], dict[str, str]]] = {}
    for entry in found.banks:
        bank = entry.bank
        if bank.id in wanted and bank.id not in info:
            info[bank.id] = ([q.id for q in bank.questions], {q.id: q.prompt for q in bank.questions})
            if labels is not None:
                labels.update({(bank.id, tid): theme.label for tid, theme in bank.themes.items()})
    return info


@dataclass
class _BankStats:
    """What ``stats`` reports of one bank: its progress and the questions due now."""

    progress: BankProgress
    due_now: list[str]
    bank_found: bool

    def to_dict(self) -> dict[str, Any]:
        """The --json form (the progress, with ``due_now`` and ``bank_found``)."""
        return {**self.progress.to_dict(), "due_now": self.due_now, "bank_found": self.bank_found}


def run_stats(args: argparse.Namespace) -> int:
    """Progress per bank and per theme, and what is due for review."""
    store = _open_store()
    labels: dict[tuple[str, str], str] = {}
    try:
        _check_bank_id(store, args.bank)
        bank_ids = [args.bank] if args.bank else store.banks()
        info = _bank_questions(bank_ids, labels)
        report = []
        for bank_id in bank_ids:
            questions = info.get(bank_id, ([], {}))[0]
            report.append(_BankStats(store.progress(bank_id, questions),
                                     store.due_questions(bank_id, questions), bank_id in info))
    finally:
        _close(store)
    if args.json:
        _json_out([stats.to_dict() for stats in report])
        return EXIT_OK
    if not report or all(stats.progress.attempts == 0 for stats in report):
        print("No attempts yet." if not args.bank else f"No attempts for bank {_text(args.bank)}.")
        return EXIT_OK
    for stats in report:
        _print_progress(stats, labels)
    if any(stats.progress.trend is not None for stats in report):
        print("Trend: the mean score of your recent half of attempts minus that of the older half.")
    return EXIT_OK


def _print_progress(stats: _BankStats, labels: dict[tuple[str, str], str] | None = None) -> None:
    labels = labels or {}
    p = stats.progress

    def label(theme_id: str) -> str:  # as the app shows themes: by label
        return labels.get((p.bank_id, theme_id), theme_id)

    trend = "" if p.trend is None else f", trend {p.trend:+.1f}"
    mean = "-" if p.mean_score is None else f"{p.mean_score:.1f}"
    best = "-" if p.best_score is None else str(p.best_score)
    print(f"{_text(p.bank_id)}: {p.attempts} attempt(s), "
          f"{p.questions_practised}/{p.questions_total} questions practised, "
          f"mean {mean}, best {best}{trend}")
    if p.weakest_themes:
        print(f"  weakest themes: {'; '.join(_text(label(t)) for t in p.weakest_themes)}")
    if p.never_tried:
        print(f"  never tried: {', '.join(_text(q) for q in p.never_tried)}")
    if stats.due_now:
        print(f"  due for review now: {', '.join(_text(q) for q in stats.due_now)}")
    if p.themes:
        rows = [("  THEME", "COVERED", "STRENGTH", "MEAN SCORE")]
        for t in p.themes:
            mean_score = "-" if t.mean_score is None else f"{t.mean_score:.1f}"
            rows.append((f"  {_text(label(t.theme_id))}", f"{t.covered}/{t.attempts}",
                         f"{t.mean_strength:.2f}", mean_score))
        _print_table(rows, right={1, 2, 3})
    print()


# ------------------------------------------------------------------------------ export


def run_export(args: argparse.Namespace) -> int:
    """Every attempt as CSV or JSON, or a Markdown report for a trainer."""
    from interview_coach._util.atomic import atomic_write_text
    from interview_coach.history.export import render, unreadable

    store = _open_store()
    try:
        _check_bank_id(store, args.bank)
        if args.output is not None and not store.complete:
            _err(f"the history cannot be read whole; {args.output} was not written")
            return EXIT_USAGE
        attempts = list(reversed(store.attempts(bank_id=args.bank)))  # oldest first
    finally:
        _close(store)
    prompts: dict[tuple[str, str], str] = {}
    if args.format == "md":
        for bank_id, (_ids, texts) in _bank_questions(sorted({a.bank_id for a in attempts})).items():
            prompts.update({(bank_id, qid): text for qid, text in texts.items()})
    text = render(attempts, args.format, prompts)
    bad = unreadable(attempts)
    if bad:  # exported all the same: the attempt and its answer, without the theme columns
        shown = ", ".join(str(aid) for aid, _ in bad[:10]) + (" ..." if len(bad) > 10 else "")
        _err(f"note: {len(bad)} attempt(s) whose stored result could not be read (id {shown}): "
             "exported without their themes")
    if args.output is None:
        sys.stdout.write(for_terminal(text))
    else:
        if not getattr(args, "force", False) and _would_shrink(args.output,
                                                               len(text.encode("utf-8"))):
            _err(f"{args.output} holds more than this export would; it was left as it was "
                 "(use --force to replace it)")
            return EXIT_USAGE
        atomic_write_text(args.output, text)
        _err(f"exported {len(attempts)} attempt(s) to {args.output}")
    return EXIT_OK


def _would_shrink(output: Path, new_size: int) -> bool:
    """True when ``output`` exists and is larger than what would replace it."""
    try:
        return output.is_file() and output.stat().st_size > new_size
    except OSError:
        return False


# ------------------------------------------------------------------------------ forget


def _confirm(question: str) -> bool:
    """Ask on the terminal; True only when the user types yes."""
    try:
        answer = input(f"{question} Type yes to go on: ")
    except EOFError:
        return False
    return answer.strip().lower() == "yes"


def run_forget(args: argparse.Namespace) -> int:
    """Delete attempts, drafts, sessions and review schedules for good, then vacuum."""
    if bool(args.all) == bool(args.bank):
        _err("say which history to delete: --bank ID or --all")
        return EXIT_USAGE
    from interview_coach.history.files import kept_beside

    extra = kept_beside() if args.all else []
    what = "ALL your practice history" if args.all else f"the history of bank {_text(args.bank)}"
    if extra:
        what += f" (and {len(extra)} older database file(s) kept beside it)"
    if not args.yes:
        if not sys.stdin.isatty():
            _err("refusing to delete without --yes when not run from a terminal")
            return EXIT_USAGE
        if not _confirm(f"This deletes {what} for good."):
            print("Nothing was deleted.")
            return EXIT_PROBLEMS
    store = _open_store()
    try:
        if store.path is None:
            _err("the history database cannot be written; nothing was deleted")
            return EXIT_USAGE
        count = store.forget(None if args.all else args.bank)
    finally:
        _close(store)
    for path in extra:
        path.unlink()
    print(f"Deleted {count} attempt(s) and the drafts, sessions and review schedules of "
          f"{'every bank' if args.all else 'bank ' + _text(args.bank)}.")
    return EXIT_OK


# ------------------------------------------------------------------------------ backup, restore


def run_backup(args: argparse.Namespace) -> int:
    """A consistent copy of the database (SQLite's online backup API), 0600."""
    from interview_coach.history.files import attempts_in

    store = _open_store()
    try:
        if not store.complete:
            _err("the history database cannot be read whole; no backup was made")
            return EXIT_USAGE
        count = store.count_attempts()
        older = attempts_in(args.file)
        if older is not None and older > count and not getattr(args, "force", False):
            _err(f"{args.file} holds {older} attempt(s), more than the {count} of the history; "
                 "it was left as it was (use --force to replace it)")
            return EXIT_USAGE
        store.backup(args.file)
    finally:
        _close(store)
    print(f"Backed up {count} attempt(s) to {args.file}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    """Bring back a backup after checking it; the current database is moved aside, not deleted."""
    from interview_coach.history.files import check_database, in_use_elsewhere, restore_database

    version = check_database(args.file)
    if in_use_elsewhere():
        _err("the history is open in another running interview-coach (or another program); "
             "close it first, then restore")
        return EXIT_USAGE
    if not args.yes and not sys.stdin.isatty():
        _err("refusing to replace the history without --yes when not run from a terminal")
        return EXIT_USAGE
    if not args.yes and not _confirm(
        f"This replaces your history with {args.file} (the current one is kept beside it)."
    ):
        print("Nothing was restored.")
        return EXIT_PROBLEMS
    moved = restore_database(args.file)
    store = _open_store()  # migrates an older backup and checks that it opens
    try:
        count = store.count_attempts()
        ok = store.path is not None
    finally:
        _close(store)
    kept = f"; the previous history was kept as {moved}" if moved else ""
    print(f"Restored {count} attempt(s) from {args.file} (schema {version}){kept}.")
    return EXIT_OK if ok else EXIT_PROBLEMS
