"""The process exit codes, in one place for both front ends (the CLI and the TUI).

``cli/output.py`` re-exports them for the commands; the TUI, which may not import the CLI,
takes them from here.
"""

from __future__ import annotations

EXIT_OK = 0  # done, nothing wrong
EXIT_PROBLEMS = 1  # done, but problems were found (a bank with errors, rows that failed,
#                    answers the history could not save)
EXIT_USAGE = 2  # usage or I/O error: nothing done
EXIT_INTERRUPTED = 130  # Ctrl+C
