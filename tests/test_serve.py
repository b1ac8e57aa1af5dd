"""Browser mode: the server, one private session per visitor, and a real headless Chromium.

The browser test drives Debian's Chromium over the DevTools protocol (through aiohttp, which
textual-serve brings), so it needs no browser download. It is skipped, saying why, where
Chromium or textual-serve is not installed.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from interview_coach.cli.commands.serve import (
    host_warning,
    is_loopback,
    new_session_dir,
    session_command,
)
from interview_coach.cli.main import main

BANK = Path(__file__).parent / "data" / "tui_bank.yaml"
CHROMIUM = next((p for p in (os.environ.get("CHROMIUM"), shutil.which("chromium"),
                             shutil.which("chromium-browser")) if p), None)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic", "--window-size=1280,800", "--remote-debugging-port=0"]
SCREENSHOTS = os.environ.get("INTERVIEW_COACH_SCREENSHOTS")  # keep the pictures for a person


# ------------------------------------------------------------------ without a browser


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.1.20", False),
    ("example.org", False),
])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    assert (host_warning(host, 8000) is None) is loopback


def test_warning_names_the_risk() -> None:
    warning = host_warning("0.0.0.0", 8123)
    assert warning is not None
    assert "every network interface, port 8123" in warning and "no login" in warning


def test_each_session_gets_a_new_private_directory(tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    first, second = new_session_dir(root), new_session_dir(root)
    assert first != second and first.parent == second.parent == root
    assert first.stat().st_mode & 0o777 == 0o700


def test_session_command_runs_this_python_with_the_banks(tmp_path: Path) -> None:
    command = session_command(tmp_path / "sessions", "my bank.yaml", [tmp_path / "x y.yaml"])
    assert command.startswith(sys.executable)
    assert "serve --session" in command and "'my bank.yaml'" in command
    assert command.endswith("'" + str(tmp_path / "x y.yaml") + "'")


def test_bad_bank_fails_before_serving(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--bank", "no-such-bank", "--port", "1"]) == 2
    assert "no-such-bank" in capsys.readouterr().err


# ------------------------------------------------------------------ a real browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a process group started by a test, and wait for it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def _server(home: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "INTERVIEW_COACH_HOME": str(home)}
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "interview_coach", "serve", "--port", str(port), "--bank",
         str(BANK)], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert server.poll() is None, (home / "server.log").read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(server)
        log.close()


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands, sessions and their replies."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            future = self.waiting.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                future.set_result(data)

    async def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiting[number] = future
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        await self.ws.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        assert "error" not in reply, reply
        result: dict[str, Any] = reply.get("result", {})
        return result


class Page:
    """One browser tab in its own browser context (like one participant's own browser)."""

    def __init__(self, tools: DevTools, session: str) -> None:
        self.tools, self.session = tools, session

    async def run(self, method: str, **params: Any) -> dict[str, Any]:
        return await self.tools.send(method, self.session, **params)

    async def evaluate(self, expression: str) -> Any:
        reply = await self.run("Runtime.evaluate", expression=expression, returnByValue=True)
        return reply.get("result", {}).get("value")

    async def focus_terminal(self) -> None:
        """Put the keyboard focus in the terminal (xterm's hidden text area)."""
        found = await self.evaluate(
            "(() => { const t = document.querySelector('.xterm-helper-textarea');"
            " if (t) { t.focus(); } return !!t; })()")
        assert found, "no terminal on the page"

    async def type(self, text: str, pause: float = 0.01) -> None:
        await self.focus_terminal()
        for char in text:
            await self.run("Input.dispatchKeyEvent", type="keyDown", key=char, text=char,
                           unmodifiedText=char)
            await self.run("Input.dispatchKeyEvent", type="keyUp", key=char)
            await asyncio.sleep(pause)

    async def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if clip is not None:
            params["clip"] = {**clip, "scale": 1}
        reply = await self.run("Page.captureScreenshot", **params)
        return base64.b64decode(reply["data"])


@contextlib.asynccontextmanager
async def _browser(profile: Path) -> AsyncIterator[DevTools]:
    import aiohttp

    assert CHROMIUM is not None
    chromium = subprocess.Popen(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and len(port_file.read_text().split()) >= 2):
            assert chromium.poll() is None, "chromium exited at start"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            await asyncio.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=0) as ws:
            tools = DevTools(ws)
            try:
                yield tools
            finally:
                tools.reader.cancel()
    finally:
        _stop(chromium)


async def _open(tools: DevTools, url: str) -> Page:
    context = await tools.send("Target.createBrowserContext")
    target = await tools.send("Target.createTarget", url="about:blank",
                              browserContextId=context["browserContextId"])
    attached = await tools.send("Target.attachToTarget", targetId=target["targetId"],
                                flatten=True)
    page = Page(tools, attached["sessionId"])
    await page.run("Page.enable")
    await page.run("Emulation.setFocusEmulationEnabled", enabled=True)
    await page.run("Emulation.setDeviceMetricsOverride", width=1280, height=800,
                   deviceScaleFactor=1, mobile=False)
    await page.run("Page.navigate", url=url)
    return page


async def _until(check: Any, what: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await check()
        if value:
            return value
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


async def _settled(page: Page, clip: dict[str, float], still: float = 1.5) -> None:
    """Wait until a region of the page has not changed for ``still`` seconds."""
    last, since = b"", time.monotonic()
    deadline = since + 90
    while time.monotonic() < deadline:
        now = await page.screenshot(clip)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= still:
            return
        await asyncio.sleep(0.25)
    raise AssertionError("the page never settled")


def _drafts(session: Path) -> list[str]:
    db = session / "history.db"
    if not db.is_file():
        return []
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT text FROM drafts")]
    except sqlite3.Error:
        return []
    finally:
        conn.close()


def _sessions(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install "
                    "chromium); the browser test needs a headless Chromium")
async def test_two_browser_sessions_practise_privately(private_home: Path,
                                                       tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (the [serve] "
                        "extra)")
    pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")
    answers = {
        "first": "I stayed calm and listened to the caller, then followed up. Alpha words.",
        "second": "Bravo: I shared the handover with my team so nothing was lost.",
    }
    root = private_home / "sessions"
    with _server(private_home) as url:
        async with _browser(tmp_path / "profile") as tools:
            first = await _open(tools, url)
            await _until(lambda: asyncio.sleep(0, len(_sessions(root)) == 1), "the first session")
            second = await _open(tools, url)
            await _until(lambda: asyncio.sleep(0, len(_sessions(root)) == 2), "the second session")
            for page in (first, second):
                await _until(lambda p=page: p.evaluate(
                    "document.body.classList.contains('-first-byte')"), "the app's first bytes")
            box = await first.evaluate(
                "(() => { const r = document.querySelector('#terminal').getBoundingClientRect();"
                " return [r.x, r.y, r.width, r.height]; })()")
            x, y, width, height = box
            # Below the question: the editor on the left, the live meter on the right.
            editor = {"x": x, "y": y + height * 0.08, "width": width * 0.5, "height": height * 0.4}
            meter = {"x": x + width * 0.8, "y": y + height * 0.06, "width": width * 0.2,
                     "height": height * 0.34}
            for page in (first, second):  # the practice screen is up when its meter holds still
                await _settled(page, meter)
            before = [await first.screenshot(editor), await first.screenshot(meter)]
            # Both participants type at the same time.
            await asyncio.gather(first.type(answers["first"]), second.type(answers["second"]))
            sessions = _sessions(root)

            def saved() -> bool:
                return all(any(answers[name] in d for d in _drafts(s))
                           for name, s in zip(("first", "second"), sessions, strict=True))

            await _until(lambda: asyncio.sleep(0, saved()), "both drafts to be saved", 30)
            await asyncio.sleep(1)  # the meter rescored after the last key
            after = [await first.screenshot(editor), await first.screenshot(meter)]
            picture = await first.screenshot()
            other = await second.screenshot()
    assert picture.startswith(b"\x89PNG\r\n\x1a\n")
    width_px, height_px = int.from_bytes(picture[16:20], "big"), int.from_bytes(picture[20:24], "big")
    assert (width_px, height_px) == (1280, 800)
    assert after[0] != before[0], "the typed answer does not show in the editor"
    assert after[1] != before[1], "the live meter did not change as the answer was typed"
    assert picture != other
    # Each session's own data directory holds its own answer and never the other's.
    first_dir, second_dir = _sessions(root)
    assert any(answers["first"] in d for d in _drafts(first_dir))
    assert not any(answers["second"] in d for d in _drafts(first_dir))
    assert any(answers["second"] in d for d in _drafts(second_dir))
    assert not any(answers["first"] in d for d in _drafts(second_dir))
    for path, data in (("practice.png", picture), ("practice-second.png", other)):
        (tmp_path / path).write_bytes(data)
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            (Path(SCREENSHOTS) / path).write_bytes(data)
