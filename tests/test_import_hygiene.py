"""Core modules and the non-TUI commands never import Textual, not even indirectly."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import pytest

import interview_coach
from interview_coach.banks import loader

EXCLUDED = ("interview_coach.tui", "interview_coach.cli.commands.tui", "interview_coach.__main__")


def core_modules() -> list[str]:
    """Every module of the package outside the TUI."""
    names = [
        info.name
        for info in pkgutil.walk_packages(interview_coach.__path__, "interview_coach.")
        if not info.name.startswith(EXCLUDED)
    ]
    return sorted(["interview_coach", *names])


def python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True, text=True, timeout=120,
    )


def test_core_modules_do_not_import_textual() -> None:
    modules = core_modules()
    assert {"interview_coach.banks.loader", "interview_coach.banks.models", "interview_coach.scoring"} <= set(modules)
    result = python(
        """
        import importlib, sys
        for name in sys.argv[1:]:
            importlib.import_module(name)
            if "textual" in sys.modules:
                sys.exit(f"{name} imported textual")
        """,
        *modules,
    )
    assert result.returncode == 0, result.stderr


CLI_WRAPPER = """
import sys
from interview_coach.cli.main import main
code = main(sys.argv[1:])
if "textual" in sys.modules:
    sys.exit(f"textual was imported by: {' '.join(sys.argv[1:])}")
sys.exit(code)
"""


def cli_cases() -> list[list[str]]:
    """``--help``, ``validate`` on a bank and ``banks``."""
    banks = loader.builtin_bank_paths()
    bank = str(banks[0]) if banks else str(__file__)
    return [["--help"], ["validate", bank], ["banks"], ["banks", "--json"], ["schema"]]


@pytest.mark.parametrize("argv", cli_cases(), ids=lambda argv: " ".join(argv[:1]))
def test_cli_command_does_not_import_textual(argv: list[str]) -> None:
    result = python(CLI_WRAPPER, *argv)
    assert "textual was imported" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
