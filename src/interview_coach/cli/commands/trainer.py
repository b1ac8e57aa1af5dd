"""Trainer commands: ``import`` Q&A into a bank, ``lint`` a bank, ``export-bank`` to study tools."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from interview_coach._util.errors import InterviewCoachError, UsageError
from interview_coach._util.safetext import for_terminal, printable
from interview_coach.cli.output import EXIT_OK, EXIT_PROBLEMS, progress

DEFAULT_THEMES = "peer_support_worker"


def run(args: argparse.Namespace) -> int:
    """Dispatch on ``args.command``."""
    handlers = {"import": run_import, "lint": run_lint, "export-bank": run_export_bank}
    return handlers[args.command](args)  # errors are reported by cli.main (exit 2)


# ------------------------------------------------------------------------------ import


def run_import(args: argparse.Namespace) -> int:
    """Parse every file, build a bank, write it atomically, then validate what was written."""
    from interview_coach.trainer.importers import build_bank, dump_bank_yaml, parse_file

    for path in args.files:  # `import X -o X` would replace the source with the bank made of it
        if _same_file(path, args.output):
            raise InterviewCoachError(f"{path} is both an input and the output: choose another -o")
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
        return EXIT_PROBLEMS
    output: Path = args.output
    title = args.title or results[0].title or _title_from(results[0].source)
    themes = load_theme_set(_theme_spec(args.themes, args.role, title))
    with progress(total, "Suggesting themes", minimum=50) as advance:
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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except (OSError, RuntimeError, ValueError):
        return False


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
    from interview_coach.banks import loader

    if spec is None:
        return {}
    name = spec
    path = Path(name)
    if path.is_file() and _is_library(path):
        themes = loader.load_theme_library(path).themes
    else:
        themes = loader.resolve_bank(name).themes
    return {tid: theme.model_dump(exclude_defaults=True) for tid, theme in themes.items()}


def _is_library(path: Path) -> bool:
    """A theme library has no ``questions`` key at the top level."""
    with path.open("rb") as stream:
        head = stream.read(1 << 20)
    return re.search(rb"^questions\s*:", head, re.MULTILINE) is None


def _validate_written(output: Path, count: int) -> int:
    from interview_coach.banks.loader import check_bank

    bank, problems = check_bank(output)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if bank is None:
        return EXIT_PROBLEMS
    print(printable(f"wrote {output} with {count} questions"), file=sys.stderr)
    return EXIT_OK


def _write(output: Path | None, text: str) -> None:
    """Write atomically to ``output``, or to stdout when there is none."""
    if output is None:
        sys.stdout.write(for_terminal(text))
        return
    from interview_coach._util.atomic import atomic_write_text

    try:
        atomic_write_text(output, text, mode=0o644)
    except OSError as exc:
        raise InterviewCoachError(f"cannot write {output}: {exc.strerror or exc}") from exc


# -------------------------------------------------------------------------------- lint


def run_lint(args: argparse.Namespace) -> int:
    """Print the findings grouped by kind and theme, then a count line; exit 1 on any error."""
    from interview_coach.banks.loader import resolve_bank
    from interview_coach.banks.suggest import did_you_mean
    from interview_coach.trainer.lint import KINDS, group_findings, lint_bank

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
    return EXIT_PROBLEMS if errors else EXIT_OK


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------------- export-bank


def run_export_bank(args: argparse.Namespace) -> int:
    """Write the bank as Anki TSV, CSV or a Markdown study sheet."""
    from interview_coach.banks.loader import resolve_bank
    from interview_coach.trainer.bankexport import export_bank

    bank = resolve_bank(args.bank)
    _write(args.output, export_bank(bank, args.format))
    return EXIT_OK
