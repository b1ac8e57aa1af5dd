"""Startup: from starting ``interview-coach`` to an interactive home screen, median of runs.

Run: ``python benchmarks/tui_startup.py [RUNS]``. Starts the real command in a pseudo-terminal
(with a private data directory and the fixture bank) and times until the home screen shows the
bank list filled in, i.e. the banks were found and keys are read. Target (issue 5): under 1 s.
Also prints the CPU time of the whole run, which a busy machine inflates less than wall time.
"""

from __future__ import annotations

import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BANK = REPO / "tests" / "data" / "tui_bank.yaml"
READY = b"practised"  # the bank list is filled: discovery and progress are done


def drain(master: int, proc: subprocess.Popen[bytes]) -> float:
    """Read until the app exits (a full terminal buffer would block it); its CPU seconds."""
    end = time.monotonic() + 10
    while time.monotonic() < end:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_utime + usage.ru_stime
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass
    raise RuntimeError("the app did not quit on ctrl+q")


def one_run(home: str) -> tuple[float, float]:
    """Seconds until the filled home screen shows, and CPU seconds of the whole run (to quit)."""
    master, slave = pty.openpty()
    env = {**os.environ, "INTERVIEW_COACH_HOME": home, "TERM": "xterm-256color"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "interview_coach", "home", str(BANK)],
                            stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while READY not in seen:
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                raise RuntimeError("the home screen did not appear within 10 s")
            seen += os.read(master, 65536)
        elapsed = time.perf_counter() - started
        os.write(master, b"\x11")  # ctrl+q
        return elapsed, drain(master, proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def main() -> None:
    """Print the median and the spread."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as home:
        one_run(home)  # warm the file cache and create the database
        results = [one_run(home) for _ in range(runs)]
    wall, cpu = [r[0] for r in results], [r[1] for r in results]
    print(f"startup to an interactive home with its banks: median {statistics.median(wall) * 1000:.0f}"
          f" ms wall (min {min(wall) * 1000:.0f}, max {max(wall) * 1000:.0f}, {runs} runs; "
          "target < 1000)")
    print(f"CPU time of a whole run (start, home, quit): median {statistics.median(cpu) * 1000:.0f} ms"
          f" (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
