"""Trainer commands: ``import`` Q&A into a bank, ``lint`` a bank, ``export-bank`` to study tools."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from interview_coach.errors import InterviewCoachError, UsageError
from interview_coach.safetext import printable

DEFAULT_THEMES = "peer_support_worker"


def run(args: argparse.Namespace) -> int:
    """Dispatch on ``args.command``."""
    handlers = {"import": run_import, "lint": run_lint, "export-bank": run_export_bank}
    return handlers[args.command](args)  # errors are reported by cli.main (exit 2)


# ------------------------------------------------------------------------------ import


def run_import(args: argparse.Namespace) -> int:
    """Parse every file, build a bank, write it atomically, then validate what was written."""
    from interview_coach.importers import build_bank, dump_bank_yaml, parse_file

    if args.output.exists() and not args.force:
        raise UsageError(f"{args.output} already exists; give --force to replace it")
    results = [parse_file(path, args.layout) for path in args.files]
    for result in results:
        print(printable(f"{result.source}: {len(result.pairs)} questions found "
                        f"({result.layout} layout)"), file=sys.stderr)
        for skipped in result.skipped:
            print(printable(f"warning: {skipped.format()}"), file=sys.stderr)
    total = sum(len(r.pairs) for r in results)
    if total == 0:
        print("interview-coach: no questions found; try --layout", file=sys.stderr)
        return 1
    output: Path = args.output
    title = args.title or results[0].title or _title_from(results[0].source)
    themes = load_theme_set(_theme_spec(args.themes, args.role, title))
    with _progress(total) as advance:
        report = build_bank(
            results, themes,
            bank_id=args.bank_id or _slug(output.stem),
            title=title,
            role=args.role or "Not stated",
            progress=advance,
        )
    for warning in report.warnings:
        print(printable(f"warning: {warning}"), file=sys.stderr)
    _write(output, dump_bank_yaml(report.bank, _header(args.files)))
    return _validate_written(output, len(report.bank["questions"]))  # type: ignore[arg-type]


def _header(files: list[Path]) -> str:
    names = ", ".join(p.name for p in files)
    return f"# Imported by interview-coach from {names}. Check the themes and add tips.\n"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return slug or "imported_bank"


def _title_from(source: str) -> str:
    return Path(source).stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Imported bank"


def _theme_spec(themes: str | None, role: str | None, title: str) -> str | None:
    """The theme library to suggest themes from: ``--themes``, else the peer support library
    for a peer support bank (by its role or title), else none: another role's questions are
    not tagged with themes that were written for peer support."""
    if themes:
        return themes
    if re.search(r"\bpeer[- ](?:support|worker|specialist|mentor)", f"{role or ''} {title}", re.I):
        return DEFAULT_THEMES
    print("note: no theme library given, so no themes are suggested; "
          "give --themes BANK_OR_LIBRARY to suggest some", file=sys.stderr)
    return None


def load_theme_set(spec: str | None) -> dict[str, dict[str, Any]]:
    """Themes (as plain data) from a theme library file, a bank file, or a bank id."""
    from interview_coach import loader

    if spec is None:
        return {}
    name = spec
    library = getattr(loader, "load_theme_library", None)
    path = Path(name)
    if library is not None and path.is_file() and _is_library(path):
        themes = library(path)
    else:
        themes = loader.resolve_bank(name).themes
    return {tid: theme.model_dump(exclude_defaults=True) for tid, theme in themes.items()}


def _is_library(path: Path) -> bool:
    """A theme library has no ``questions`` key at the top level."""
    with path.open("rb") as stream:
        head = stream.read(1 << 20)
    return re.search(rb"^questions\s*:", head, re.MULTILINE) is None


def _validate_written(output: Path, count: int) -> int:
    from interview_coach.loader import check_bank

    bank, problems = check_bank(output)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if bank is None:
        return 1
    print(printable(f"wrote {output} with {count} questions"), file=sys.stderr)
    return 0


class _progress:
    """A progress bar on a terminal; nothing otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._bar: Any = None

    def __enter__(self) -> Any:
        if not sys.stderr.isatty() or self.total < 50:
            return None
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=_stderr_console())
        self._bar.start()
        task = self._bar.add_task("Suggesting themes", total=self.total)
        return lambda n: self._bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _write(output: Path | None, text: str) -> None:
    """Write atomically to ``output``, or to stdout when there is none."""
    if output is None:
        sys.stdout.write(text)
        return
    from interview_coach.atomic import atomic_write_text

    try:
        atomic_write_text(output, text, mode=0o644)
    except OSError as exc:
        raise InterviewCoachError(f"cannot write {output}: {exc.strerror or exc}") from exc


# -------------------------------------------------------------------------------- lint


def run_lint(args: argparse.Namespace) -> int:
    """Print the findings grouped by kind and theme, then a count line; exit 1 on any error."""
    from interview_coach.lint import KINDS, group_findings, lint_bank
    from interview_coach.loader import resolve_bank
    from interview_coach.suggest import did_you_mean

    for kind in [*args.only, *args.ignore]:
        if kind not in KINDS:
            raise UsageError(f"unknown finding kind {kind!r}{did_you_mean(kind, KINDS)}. "
                             f"The kinds are: {', '.join(KINDS)}")
    bank = resolve_bank(args.bank)
    findings = [f for f in lint_bank(bank)
                if (not args.only or f.kind in args.only) and f.kind not in args.ignore]
    source = bank.source or args.bank
    for kind, by_theme in group_findings(findings):
        count = sum(len(group) for _, group in by_theme)
        print(f"{kind} ({count})")
        for theme, group in by_theme:
            indent = "  "
            if theme:
                label = bank.themes[theme].label if theme in bank.themes else theme
                print(printable(f"  theme {theme} ({label}):"))
                indent = "    "
            for finding in group:
                print(printable(indent + finding.format(source)))
    errors = sum(f.severity == "error" for f in findings)
    kinds = len({f.kind for f in findings})
    print(f"{_count(len(findings), 'finding')} of {_count(kinds, 'kind')}: "
          f"{_count(errors, 'error')}, {_count(len(findings) - errors, 'warning')}")
    return 1 if errors else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------------- export-bank


def run_export_bank(args: argparse.Namespace) -> int:
    """Write the bank as Anki TSV, CSV or a Markdown study sheet."""
    from interview_coach.bankexport import export_bank
    from interview_coach.loader import resolve_bank

    bank = resolve_bank(args.bank)
    _write(args.output, export_bank(bank, args.format))
    return 0
