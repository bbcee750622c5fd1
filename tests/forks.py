"""`python -m pelican …` for tests, forked from a Python that has already
imported Pelican and the libraries the plugins use.

Most of a test build of a tiny site is Python starting and importing
Pelican, Markdown, Jinja, Pillow, YAML…; a test session makes dozens of such
builds. So tests/conftest.py starts one :class:`Forks` per test worker: a
process (``python -m tests.forks``) that imports those once, then forks once
per build. The fork runs the module as ``python -m`` would: same arguments,
working folder, environment, standard output and error (to files), exit code
and traceback, and Python's normal exit (atexit handlers) at the end. Our
plugins are not preloaded: each build imports them itself, after Pelican has
set up its logging, as a fresh process does.

What differs from a fresh process: every fork of one warm process has its
hash seed, where a fresh process draws its own (PYTHONHASHSEED=random). A test
that compares two builds for byte identity makes one of them in a fresh
process (``build(..., fresh=True)``; tests/conftest.py's shared builds are).
"""

from __future__ import annotations

import json
import os
import runpy
import select
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

# Libraries every build imports (Pelican, and what our plugins use); never our
# own plugin modules.
PRELOAD = ("pelican", "pelican.settings", "pelican.generators", "pelican.readers", "pelican.writers",
           "markdown", "markdown.extensions.extra", "markdown.extensions.sane_lists", "jinja2", "yaml",
           "PIL.Image", "nh3", "babel.dates", "unidecode", "feedgenerator", "sqlite3", "zoneinfo",
           "multiprocessing", "concurrent.futures")


class Forks:
    """The test side: one warm process, one build at a time."""

    def __init__(self, env: dict, cwd: Path):
        self._env, self._cwd = env, cwd
        self._server: subprocess.Popen | None = None
        self._files = tempfile.TemporaryDirectory(prefix="forks-")

    def run(self, module: str, args: list[str], cwd: Path, env: dict, timeout: float) -> subprocess.CompletedProcess:
        """Like ``subprocess.run([python, "-m", module, *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=timeout)``."""
        server = self._running()
        out, err = (Path(self._files.name) / name for name in ("stdout", "stderr"))
        request = {"module": module, "args": list(args), "cwd": str(cwd), "env": env, "out": str(out), "err": str(err)}
        server.stdin.write((json.dumps(request) + "\n").encode())
        # Unbuffered: readline() takes one line, so select() sees the next one.
        pid = self._reply(server)["pid"]
        ready, _, _ = select.select([server.stdout], [], [], timeout)
        if not ready:
            os.kill(pid, signal.SIGKILL)
        code = self._reply(server)["code"]
        command = [sys.executable, "-m", module, *args]
        stdout, stderr = (path.read_text(encoding="utf-8", errors="replace") for path in (out, err))
        if not ready:
            raise subprocess.TimeoutExpired(command, timeout, stdout, stderr)
        return subprocess.CompletedProcess(command, code, stdout, stderr)

    @staticmethod
    def _reply(server: subprocess.Popen) -> dict:
        line = server.stdout.readline()
        if not line:
            raise RuntimeError("tests/forks.py: the warm process ended; TESTS_FRESH=1 runs every build afresh")
        return json.loads(line)

    def _running(self) -> subprocess.Popen:
        if self._server is None or self._server.poll() is not None:
            self._server = subprocess.Popen(
                [sys.executable, "-m", "tests.forks"], cwd=self._cwd, env=self._env, bufsize=0,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return self._server

    def close(self) -> None:
        if self._server is not None:
            self._server.stdin.close()
            self._server.wait(timeout=30)
            self._server.stdout.close()
        self._files.cleanup()


def _serve() -> None:
    """The warm process: a request per line on stdin; for each, a fork that
    becomes the build, and two lines back: its process number, its exit code."""
    base_path = sys.path[1:]  # without this module's own entry (python -m puts the working folder first)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become(request, base_path)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"code": os.waitstatus_to_exitcode(status)}), flush=True)


def _become(request: dict, base_path: list[str]) -> None:
    """In the fork: run the module as `python -m` would; never returns (the
    SystemExit, or the module's exception, ends this process as Python's
    normal exit does)."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, path in ((1, request["out"]), (2, request["err"])):
        file = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(file, fd)
        os.close(file)
    extra = [p for p in request["env"].get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[:] = [request["cwd"], *extra, *(p for p in base_path if p not in extra)]
    sys.argv = [request["module"], *request["args"]]
    runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
    raise SystemExit(0)


if __name__ == "__main__":
    for name in PRELOAD:
        __import__(name)
    _serve()
