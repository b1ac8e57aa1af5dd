"""``interview-coach serve``: the app in a web browser, for workshops (textual-serve).

Every browser session is its own app process with its own data directory, made fresh under
``<data directory>/sessions/`` when the page opens, so participants never see each other's
answers or history. Banks in the server's own ``banks/`` folder and any PATH given are offered
in every session; ``--bank`` opens each session straight in practice of one bank.

The server binds to loopback unless ``--host`` says otherwise, and warns when it does: there is
no login, so anyone who can reach the port can open a session. textual-serve is an optional
extra (``pip install "interview-coach[serve]"``); without it the command says how to add it.
Textual and textual-serve are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_coach._util.errors import UsageError
from interview_coach._util.safetext import printable
from interview_coach.cli.output import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from interview_coach.banks.models import Bank

SESSIONS = "sessions"
WILDCARDS = ("0.0.0.0", "::", "")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``serve`` subcommand and its options."""
    serve = sub.add_parser(
        "serve", help="serve the app in a web browser, one private session per visitor",
        description="Serve the app to web browsers (a workshop). Each browser session gets its "
                    "own app and its own data directory under <data directory>/sessions/.",
    )
    serve.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="extra bank files to offer in every session")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--bank", metavar="BANK", help="open every session in practice of BANK")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address browsers use, when it differs from host:port")
    serve.add_argument("--session", type=Path, help=argparse.SUPPRESS)  # one session's process


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1 or localhost)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_warning(host: str, port: int) -> str | None:
    """The warning printed when the server is reachable from other machines."""
    if is_loopback(host):
        return None
    where = "every network interface" if host in WILDCARDS else host
    return (f"Warning: serving on {where}, port {port}. Anyone who can reach this machine on "
            "that port can open a session and type answers that are stored here; there is no "
            "login. Use this on a network you trust, and stop the server after the workshop.")


def session_command(root: Path, bank: str | None, banks: list[Path]) -> str:
    """The shell command textual-serve runs for each browser session."""
    words = [sys.executable, "-m", "interview_coach", "serve", "--session", str(root)]
    if bank is not None:
        words += ["--bank", bank]
    return shlex.join([*words, *(str(p) for p in banks)])


def new_session_dir(root: Path) -> Path:
    """A fresh private directory for one browser session, named by its start time."""
    from interview_coach._util.paths import ensure_private_dir

    ensure_private_dir(root)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=root))  # 0700, never reused


def run(args: argparse.Namespace) -> int:
    """Start the server, or (with the hidden ``--session``) one session's app."""
    if args.session is not None:
        return run_session(args.session, args.bank, list(args.paths))
    from interview_coach._util import paths
    from interview_coach.banks.loader import resolve_bank, user_bank_paths

    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError('serve needs textual-serve: pip install "interview-coach[serve]"') \
            from None
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {args.port}")
    bank = None
    if args.bank is not None:
        found = resolve_bank(args.bank)  # a bad bank fails here, not in every session
        bank = found.source or args.bank
    banks = [p.resolve() for p in [*user_bank_paths(), *args.paths]]
    root = paths.data_dir() / SESSIONS
    warning = host_warning(args.host, args.port)
    if warning:
        print(warning, file=sys.stderr)
    public_url = args.public_url
    if public_url is None and args.host in WILDCARDS:
        public_url = f"http://{socket.getfqdn()}:{args.port}"
    print(printable(f"Each browser session keeps its answers in its own folder under {root}"),
          file=sys.stderr)
    server = Server(session_command(root, bank, banks), host=args.host or "0.0.0.0",
                    port=args.port, title="interview-coach", public_url=public_url)
    server.serve()
    return EXIT_OK


def _open_practice(bank: Bank) -> Callable[[Any], Coroutine[Any, Any, None]]:
    """Textual's "run this once ready" hook (the auto pilot) that opens practice of ``bank``.

    Under textual-serve, an app told to open straight in practice (a second screen pushed while
    it mounts) sometimes never draws its first screen: the browser stays blank until its window
    is resized. Opened once the home screen is up, practice draws as when a person presses p.
    """

    async def open_practice(pilot: Any) -> None:
        await pilot.pause(0.1)  # the hook runs inside the start-up batch: act after it
        pilot.app.open_mode("practice", bank)

    return open_practice


def run_session(root: Path, bank_name: str | None, banks: list[Path]) -> int:
    """One browser session: a new data directory, then the app (on textual-serve's driver)."""
    from interview_coach._util import paths
    from interview_coach.banks.loader import resolve_bank
    from interview_coach.tui.config import AppConfig, Start

    home = new_session_dir(root)
    paths.set_home_override(home)
    os.environ[paths.ENV_HOME] = str(home)  # and for anything the app starts ($EDITOR)
    bank = resolve_bank(bank_name) if bank_name is not None else None
    from interview_coach.tui.app import make_app

    app = make_app(AppConfig(paths=banks, start=Start(), handle_signals=True, short_errors=True))
    app.run(auto_pilot=_open_practice(bank) if bank is not None else None)
    return EXIT_OK if not app.return_code else EXIT_USAGE
