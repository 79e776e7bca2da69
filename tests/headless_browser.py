"""One headless Chromium for the browser tests, driven over the DevTools protocol on a pipe.

Starting Chromium costs about a second of CPU and two of wall time; the browser tests render
about thirty pages, so they start it once and give every page a fresh browser context (its
own cache, cookies and storage, as a fresh ``--user-data-dir`` would) and a new tab:

    with HeadlessBrowser(CHROMIUM) as browser:
        page = browser.render(url, width=390, screenshot=path)
        page.html      # document.documentElement.outerHTML after the load event (--dump-dom's text)
        page.console   # every console message, uncaught error, CSP violation or failed load

The protocol (https://chromedevtools.github.io/devtools-protocol/): with
``--remote-debugging-pipe`` Chromium reads JSON commands from fd 3 and writes answers and
events to fd 4, each message ended by a NUL byte. The process is started and stopped by id.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--remote-debugging-pipe", "about:blank")

_MOVE_FDS_AND_EXEC = """\
import os, sys
r, w = int(sys.argv[1]), int(sys.argv[2])
os.dup2(r, 3)
os.dup2(w, 4)
for fd in {r, w} - {3, 4}:
    os.close(fd)
os.execv(sys.argv[3], sys.argv[3:])
"""


@dataclass(frozen=True)
class RenderedPage:
    html: str
    console: tuple[str, ...]


class BrowserError(RuntimeError):
    pass


def _console_line(method: str, params: dict[str, Any]) -> str | None:
    """A readable line for an event that Chromium's --enable-logging would have printed as a
    CONSOLE message (a console call, an uncaught error, or a browser-side log entry such as a
    CSP violation or a resource that failed to load); None for any other event."""
    if method == "Runtime.consoleAPICalled":
        args = " ".join(str(a.get("value", a.get("description", a.get("type")))) for a in params.get("args", []))
        return f"console.{params.get('type')}: {args}"
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        exc = details.get("exception", {})
        return f"uncaught: {exc.get('description') or details.get('text')} ({details.get('url', '')})"
    if method == "Log.entryAdded":
        entry = params.get("entry", {})
        return f"{entry.get('source')} {entry.get('level')}: {entry.get('text')} ({entry.get('url', '')})"
    return None


def _browsers_own_icon_request(event: dict[str, Any], html: str) -> bool:
    """A failed /favicon.ico that the tab asked for by itself, because the page names no icon:
    the browser's request, not the page's (a --dump-dom run ends before the tab asks for it).
    An icon the page links is the page's own load and stays a message."""
    entry = event.get("params", {}).get("entry", {})
    return (event.get("method") == "Log.entryAdded" and entry.get("source") == "network"
            and urlsplit(entry.get("url", "")).path == "/favicon.ico"
            and not re.search(r"""rel=["'][^"']*\bicon\b""", html))


class HeadlessBrowser:
    def __init__(self, binary: str, timeout: float = 60.0):
        self.binary = binary
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []

    def start(self) -> HeadlessBrowser:
        self._profile = tempfile.TemporaryDirectory(prefix="graf-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium expects the pipe on fds 3 and 4; subprocess keeps only the fds it is told to
        # (under their own numbers), so a bare interpreter moves them there and execs Chromium
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _MOVE_FDS_AND_EXEC, str(to_browser_r), str(from_browser_w),
             self.binary, *FLAGS[:-1], f"--user-data-dir={self._profile.name}", FLAGS[-1]],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(to_browser_r, from_browser_w), start_new_session=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.call("Browser.getVersion")  # answers once the browser listens
        return self

    # ---------------------------------------------------------------- the wire

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed its DevTools pipe (it exited)")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        ident = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read(deadline)
            if message.get("id") == ident:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._events.append(message)

    def _wait_event(self, method: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        seen = [e for e in self._events if e.get("method") == method and e.get("sessionId") == session]
        while not seen:
            message = self._read(deadline)
            self._events.append(message)
            if message.get("method") == method and message.get("sessionId") == session:
                return

    # ---------------------------------------------------------------- pages

    def render(self, url: str, width: int = 1200, height: int = 1600, screenshot: Path | None = None) -> RenderedPage:
        """The page at ``url`` in a fresh context at this window size, after its load event."""
        context = self.call("Target.createBrowserContext")["browserContextId"]
        target = self.call("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
                self.call(domain, session=session)
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
            self._events.clear()
            navigated = self.call("Page.navigate", {"url": url}, session)
            if navigated.get("errorText"):
                raise BrowserError(f"{url}: {navigated['errorText']}")
            self._wait_event("Page.loadEventFired", session)
            html = self.call("Runtime.evaluate", {"expression": "document.documentElement.outerHTML",
                                                  "returnByValue": True}, session)["result"]["value"]
            if screenshot is not None:
                shot = self.call("Page.captureScreenshot", {"format": "png"}, session)
                screenshot.write_bytes(base64.b64decode(shot["data"]))
            console = tuple(line for e in self._events if e.get("sessionId") == session
                            and not _browsers_own_icon_request(e, html)
                            for line in [_console_line(e.get("method", ""), e.get("params", {}))] if line)
            return RenderedPage(html, console)
        finally:
            self._events.clear()
            self.call("Target.closeTarget", {"targetId": target})
            self.call("Target.disposeBrowserContext", {"browserContextId": context})

    # ---------------------------------------------------------------- lifetime

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)
        self._profile.cleanup()
        self.proc = None

    def __enter__(self) -> HeadlessBrowser:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
