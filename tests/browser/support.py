"""Browser test support: serve a built site on loopback, drive Debian's chromium.

Playwright for Python drives /usr/bin/chromium (installed by .ci/run); no
browser is ever downloaded. Used by the browser tests and `make screenshots`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import tempfile
import threading
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT, AxeResults  # axe-core, shipped in the wheel

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only the violations are read: axe then sends one example node per passed
# rule instead of every node (a fifth of the data to carry back).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a page closed mid-download: not a failure
        pass


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve(root: Path, prefix: str = ""):
    """Serve ``root`` at http://127.0.0.1:<port>/<prefix>; yields the base URL.
    The port is the system's choice: servers of parallel tests never clash."""
    with contextlib.ExitStack() as stack:
        directory = root
        if prefix:  # under a subpath: the site linked into a scratch root (``root`` is left as it is)
            directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="serve-")))
            (directory / prefix.strip("/")).symlink_to(root, target_is_directory=True)
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = _QuietServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{prefix.strip('/') + '/' if prefix else ''}"
        finally:
            server.shutdown()
            server.server_close()


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def open_page(browser, url: str, width: int = 1280, height: int = 900, **context_options):
    """A fresh page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN", **context_options)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"request failed: {r.url}"))
    page.goto(url, wait_until="load")
    return page


def axe(page) -> AxeResults:
    """axe-core's WCAG 2.1 A/AA check of ``page`` as it is now; axe is put
    into the page once and can run again after the page changed (a new
    viewport, results shown)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return AxeResults(page.evaluate(f"axe.run(document, {json.dumps(AXE_OPTIONS)})"))
